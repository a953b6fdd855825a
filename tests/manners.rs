//! At home in the terminal: Ctrl-C asks before leaving, Esc never leaves a view, Ctrl-Z
//! suspends, the mouse wheel scrolls when asked for, copies go to the clipboard, the settings
//! rebind keys and pick colours, and the panes use the room they have.

mod common;

use std::collections::BTreeMap;

use common::Console;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use scribe::app::{App, Mode, Msg, Replay};
use scribe::config::Settings;
use scribe::replay::Player;
use scribe::replay::pace::Pace;
use scribe::testkit::t0;

fn ctrl(c: &mut Console, key: char) {
    c.key_with(KeyCode::Char(key), KeyModifiers::CONTROL);
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| scribe::view::draw(frame, app))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn ctrl_c_on_an_empty_line_asks_before_leaving() {
    let mut c = Console::new();
    // Nothing recorded yet: nothing to lose, it leaves.
    ctrl(&mut c, 'c');
    assert!(c.stopped());
    let mut c = Console::new();
    c.line("A note.");
    c.type_text("half a line");
    ctrl(&mut c, 'c');
    assert!(
        c.app.composer.is_empty(),
        "the first Ctrl-C clears the line"
    );
    ctrl(&mut c, 'c');
    assert_eq!(c.app.mode, Mode::QuitConfirm);
    assert!(c.status().contains("leave the meeting?"), "{}", c.status());
    assert!(!c.stopped());
    // Any other key stays, and is not typed.
    c.type_text("x");
    assert_eq!(c.app.mode, Mode::Compose);
    assert!(c.app.composer.is_empty());
    assert!(!c.stopped());
    // y, or a second Ctrl-C, leaves.
    ctrl(&mut c, 'c');
    c.type_text("y");
    assert!(c.stopped());
    let mut c = Console::new();
    c.line("A note.");
    ctrl(&mut c, 'c');
    ctrl(&mut c, 'c');
    assert!(c.stopped());
}

#[test]
fn esc_never_leaves_a_view_and_q_does() {
    let mut follow = Console::on(App::follower(vec![], t0(), false, "m.ron".into()));
    follow.key(KeyCode::Esc);
    assert!(!follow.stopped(), "Esc in the follow view");
    assert!(render(&follow.app, 80, 24).contains("q quit"));
    follow.key(KeyCode::Char('q'));
    assert!(follow.stopped());

    let mut b = scribe::testkit::MeetingBuilder::new();
    b.note("Something said.");
    let replay = Replay::new(Player::new(b.events()), Pace::new(1.0, None));
    let mut replay = Console::on(App::replaying(replay, false, "m.ron".into()));
    replay.key(KeyCode::Esc);
    assert!(!replay.stopped(), "Esc in a replay");
    assert!(render(&replay.app, 80, 24).contains("q quit"));
    replay.key(KeyCode::Char('q'));
    assert!(replay.stopped());
}

#[test]
fn ctrl_z_asks_the_runtime_to_suspend() {
    let mut c = Console::new();
    c.type_text("half");
    ctrl(&mut c, 'z');
    assert!(c.effects.suspend);
    assert_eq!(c.app.composer.text(), "half", "nothing typed is lost");
}

#[test]
fn copies_go_to_the_clipboard_cleaned() {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/floor Germany");
    c.line("The letters\u{1b}]52;c;evil\u{7} go out in March.");
    c.key(KeyCode::Up);
    c.type_text("y");
    assert_eq!(
        c.effects.copy.as_deref(),
        Some("Germany (Coord. Stock. Destruct.): The letters go out in March.")
    );
    c.key(KeyCode::Esc);
    c.line("/copy");
    let minutes = c.effects.copy.clone().expect("the minutes");
    assert!(minutes.starts_with("# 5th Meeting"), "{minutes}");
    assert!(minutes.contains("The letters go out in March."));
    assert!(!minutes.contains('\u{1b}'));
}

#[test]
fn the_mouse_wheel_scrolls_the_minutes_only_when_turned_on() {
    let mut c = Console::new();
    for n in 0..60 {
        c.line(&format!("Note {n}."));
    }
    c.send(Msg::Scroll(-3));
    assert_eq!(
        c.app.scroll,
        scribe::app::scroll::Scroll::Follow,
        "mouse off"
    );
    let settings = Settings {
        mouse: true,
        ..Settings::default()
    };
    assert!(c.app.configure(&settings, false).is_empty());
    c.send(Msg::Scroll(-3));
    assert_ne!(c.app.scroll, scribe::app::scroll::Scroll::Follow);
    c.send(Msg::Scroll(300));
    assert_eq!(c.app.scroll, scribe::app::scroll::Scroll::Follow);
}

#[test]
fn settings_rebind_keys_by_action_name() {
    let mut c = Console::new();
    c.seed_setup();
    let settings = Settings {
        keys: BTreeMap::from([
            ("queue.add".to_string(), vec!["Alt-k".to_string()]),
            ("floor.next".to_string(), vec!["F2".to_string()]),
            ("no.such".to_string(), vec!["F3".to_string()]),
        ]),
        ..Settings::default()
    };
    let problems = c.app.configure(&settings, false);
    assert_eq!(problems, ["there is no action 'no.such' to bind"]);
    // F2 gives the floor now; Alt-k opens the queue picker.
    c.line("/q+ Germany");
    c.key(KeyCode::F(2));
    assert_eq!(
        c.meeting()
            .floor
            .map(|f| c.meeting().roster.name(f.attendee)),
        Some("Germany")
    );
    c.key_with(KeyCode::Char('k'), KeyModifiers::ALT);
    assert!(matches!(c.app.mode, Mode::Picker(_)));
    c.key(KeyCode::Esc);
    // The help and the footer show the keys that work.
    let help = format!("{:?}", scribe::app::help::document(&c.app));
    assert!(help.contains("Alt-k"), "{help}");
    c.app.status = None;
    let screen = render(&c.app, 120, 40);
    assert!(screen.contains("F2 next speaker"), "{screen}");
}

#[test]
fn the_export_key_writes_the_format_the_settings_choose() {
    let mut c = Console::new();
    let settings = Settings {
        export_format: "html".into(),
        ..Settings::default()
    };
    c.app.configure(&settings, false);
    c.key(KeyCode::F(7));
    c.line("/export");
    c.line("/export txt");
    use scribe::export::Format::*;
    assert_eq!(c.effects.export, [Html, Html, Text]);
}

/// The left column grows with the window, long lists say how much is left out, and F10 shows
/// the current item and the queue's topics in full.
#[test]
fn the_panes_use_the_room_they_have() {
    let mut c = Console::new();
    c.seed_setup();
    for n in 3..=14 {
        c.line(&format!(
            "/agenda Item number {n} with a title long enough to be cut at 80 columns"
        ));
    }
    c.line("/item 12");
    for name in ["Germany", "Croatia", "Mexico", "CMC", "Norway"] {
        c.line(&format!(
            "/q+ {name} to say something about the letters of invitation and their dates"
        ));
    }
    c.all_saved();
    let small = render(&c.app, 80, 24);
    assert!(small.contains("more"), "{small}");
    insta::assert_snapshot!("panes_80x24", small);
    insta::assert_snapshot!("panes_120x40", render(&c.app, 120, 40));
    let wide = render(&c.app, 200, 50);
    insta::assert_snapshot!("panes_200x50", wide.clone());
    let left = |screen: &str| {
        let row = screen.lines().nth(1).expect("a row");
        row.find("┌ Minutes").map(|i| row[..i].chars().count())
    };
    assert!(
        left(&wide) > Some(60),
        "the left column grows: {:?}",
        left(&wide)
    );
    c.key(KeyCode::F(10));
    let detailed = render(&c.app, 80, 24);
    assert!(
        detailed.contains("long enough to"),
        "the current item in full: {detailed}"
    );
}
