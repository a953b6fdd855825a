//! Motions and votes: a motion is proposed, moved and seconded, perhaps amended, and then
//! carried, failed, withdrawn or agreed by consensus, with the vote when one was taken. A
//! carried motion is a decision of the meeting.

use serde::{Deserialize, Serialize};

use super::event::{Id, Timestamp};

/// What became of a motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotionOutcome {
    Carried,
    Failed,
    Withdrawn,
    /// Agreed without a vote.
    Consensus,
}

impl MotionOutcome {
    /// As the minutes say it.
    pub fn name(self) -> &'static str {
        match self {
            MotionOutcome::Carried => "Carried",
            MotionOutcome::Failed => "Failed",
            MotionOutcome::Withdrawn => "Withdrawn",
            MotionOutcome::Consensus => "Agreed by consensus",
        }
    }

    /// Does the motion become a decision?
    pub fn adopted(self) -> bool {
        matches!(self, MotionOutcome::Carried | MotionOutcome::Consensus)
    }
}

/// A vote: for, against, abstaining.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    #[serde(rename = "for")]
    pub favour: u32,
    pub against: u32,
    pub abstain: u32,
}

impl Vote {
    /// `12–3–1`.
    pub fn tally(&self) -> String {
        format!("{}–{}–{}", self.favour, self.against, self.abstain)
    }

    /// Carried when more are for than against.
    pub fn outcome(&self) -> MotionOutcome {
        if self.favour > self.against {
            MotionOutcome::Carried
        } else {
            MotionOutcome::Failed
        }
    }
}

/// A motion as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Motion {
    pub mover: Option<Id>,
    pub seconder: Option<Id>,
    /// The texts it had before each amendment, oldest first.
    pub amended_from: Vec<String>,
    pub vote: Option<Vote>,
    pub outcome: Option<MotionOutcome>,
    pub decided: Option<Timestamp>,
}

impl Motion {
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }
}
