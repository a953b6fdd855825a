//! Shared by the test binaries: `Console`, the real App, keymap and update with the fixture
//! clock (`scribe::testkit`); and `pty`, the real binary in a pseudo-terminal.
#![allow(dead_code)] // each test binary uses a different part of it

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use scribe::app::{App, Effects, Msg, update};
use scribe::meeting::{EntryKind, Meeting, Timestamp};
use scribe::testkit::t0;

/// A console driven by keys on a fake clock, keeping what it asked of the runtime.
pub struct Console {
    pub app: App,
    pub now: Timestamp,
    /// Everything the console asked for so far (saves, exports, a stop).
    pub effects: Effects,
}

impl Console {
    pub fn new() -> Console {
        Console::on(App::new(vec![], t0(), false, "flows.ron".into()))
    }

    /// A console on an app made elsewhere (a follower, a replay).
    pub fn on(app: App) -> Console {
        Console {
            app,
            now: t0(),
            effects: Effects::default(),
        }
    }

    pub fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.app, msg, self.now);
        self.effects.merge(effects);
    }

    pub fn meeting(&self) -> &Meeting {
        self.app.meeting()
    }

    /// Did the console ask to stop?
    pub fn stopped(&self) -> bool {
        self.effects.stop.is_some()
    }

    /// The events handed to the saver since the last call.
    pub fn take_saved(&mut self) -> Vec<scribe::meeting::Stamped> {
        std::mem::take(&mut self.effects.save)
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
        let saved = self.app.events().len();
        self.take_saved();
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
        self.meeting()
            .entries
            .last()
            .map(|e| e.text.clone())
            .unwrap_or_default()
            .to_string()
    }

    pub fn last_label(&self) -> String {
        let meeting = self.meeting();
        match meeting.entries.last().map(|e| &e.kind) {
            Some(EntryKind::Statement { voice, .. }) => voice.label(),
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
