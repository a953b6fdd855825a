//! Shared by the test binaries: `Console`, the real App, keymap and update with a fake clock;
//! and `pty`, the real binary in a pseudo-terminal.
#![allow(dead_code)] // each test binary uses a different part of it

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use scribe::app::{App, Msg, update};
use scribe::meeting::{EntryKind, Timestamp};

pub struct Console {
    pub app: App,
    pub now: Timestamp,
}

impl Console {
    pub fn new() -> Console {
        let now = chrono::DateTime::parse_from_rfc3339("2012-02-28T10:00:00+01:00").unwrap();
        Console {
            app: App::new(vec![], now, false, "flows.ron".into()),
            now,
        }
    }

    pub fn send(&mut self, msg: Msg) {
        update(&mut self.app, msg, self.now);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.send(Msg::Key(KeyEvent::new(code, modifiers)));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Types a line and presses Enter.
    pub fn line(&mut self, text: &str) {
        self.type_text(text);
        self.key(KeyCode::Enter);
    }

    /// As the saver does after writing: every event recorded so far is on disk.
    pub fn all_saved(&mut self) {
        let saved = self.app.log.events().len();
        self.app.take_outbox();
        self.send(Msg::Saved { saved, error: None });
    }

    pub fn wait(&mut self, seconds: i64) {
        self.now += chrono::TimeDelta::seconds(seconds);
        self.send(Msg::Tick);
    }

    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn last_text(&self) -> String {
        self.app
            .log
            .meeting()
            .entries
            .last()
            .map(|e| e.text.clone())
            .unwrap_or_default()
    }

    pub fn last_label(&self) -> String {
        let meeting = self.app.log.meeting();
        match meeting.entries.last().map(|e| &e.kind) {
            Some(EntryKind::Statement { speaker }) => meeting.speaker_label(*speaker),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        }
    }

    /// The seed's roster (part of it), chair and agenda.
    pub fn seed_setup(&mut self) {
        for line in [
            "/title 5th Meeting of the CCM Coordination Committee",
            "/attendee Lebanon | President",
            "/attendee Norway | President-Designate",
            "/attendee Germany | Stockpile Destruction and Retention in 2012 | Coord. Stock. Destruct.",
            "/attendee Croatia | Stockpile Destruction and Retention in 2012 and 2013 | Coord. Stock. Destruct.",
            "/attendee Mexico | Cooperation and Assistance in 2012 and 2013 | Coop. and Assist.",
            "/attendee CMC",
            "/chair Lebanon",
            "/agenda Welcome and introduction by the President",
            "/agenda Preparations for the Open-Ended Consultations",
        ] {
            self.line(line);
            assert!(
                !self.app.status.as_ref().is_some_and(|s| s.error),
                "{line}: {}",
                self.status()
            );
        }
    }
}

pub mod pty;
pub mod seed;
