//! What the roster overlay says: everyone on the roster with their capacity, label, aliases
//! and group, who is present and who left (and when), regrets, the minute-taker, and how many
//! are in the room.

use super::help::Part;
use crate::meeting::Meeting;

/// The roster, as overlay lines.
pub fn document(meeting: &Meeting) -> Vec<Part> {
    let mut parts = vec![Part::Heading("Roster")];
    parts.push(Part::Text(format!(
        "{} on the roster, {} present.",
        meeting.roster.len(),
        meeting.present()
    )));
    parts.push(Part::Blank);
    for a in meeting.roster.iter() {
        let mut facts: Vec<String> = Vec::new();
        facts.push(if a.present { "present" } else { "left" }.to_string());
        for change in &a.attendance {
            let verb = if change.joined { "joined" } else { "left" };
            facts.push(format!("{verb} {}", change.at.format("%H:%M")));
        }
        if meeting.chair == Some(a.id) {
            facts.push("chair".into());
        }
        if let Some(capacity) = &a.capacity {
            facts.push(capacity.clone());
        }
        if let Some(label) = &a.label {
            facts.push(format!("label {label}"));
        }
        if !a.aliases.is_empty() {
            facts.push(format!("also {}", a.aliases.join(", ")));
        }
        if let Some(group) = &a.group {
            facts.push(format!("in {group}"));
        }
        parts.push(Part::Row {
            keys: a.name.clone(),
            help: facts.join(" · "),
        });
    }
    if meeting.roster.is_empty() {
        parts.push(Part::Text(
            "Nobody yet: /attendee NAME adds someone.".into(),
        ));
    }
    if !meeting.regrets.is_empty() {
        parts.push(Part::Blank);
        parts.push(Part::Heading("Regrets"));
        parts.push(Part::Text(meeting.regrets.join(", ")));
    }
    if !meeting.scribes.is_empty() {
        parts.push(Part::Blank);
        parts.push(Part::Heading("Minutes taken by"));
        for scribe in &meeting.scribes {
            parts.push(Part::Row {
                keys: scribe.name.clone(),
                help: format!("from {}", scribe.since.format("%H:%M")),
            });
        }
    }
    parts
}
