//! Terminal manners, end to end: the real binary in a pseudo-terminal. Ctrl-C asks before
//! leaving, Ctrl-Z suspends to the shell and `fg` brings the screen back, a resized window is
//! drawn anew at its size and typing goes on, Esc leaves neither a replay nor the follow view,
//! colours are the basic ones (or none), the mouse wheel scrolls when the settings turn it on.

mod common;

use std::path::Path;

use common::pty::{BIN, Scribe, workspace};

/// Two bytes: ESC [ … the 256-colour form of a colour, which 16-colour terminals cannot show.
fn has_256_colours(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains("38;5;") || text.contains("48;5;")
}

#[test]
fn ctrl_c_on_an_empty_line_asks_and_a_second_one_leaves() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (80, 24));
    scribe.enter("A note.", "A note.");
    scribe.send("\u{3}");
    scribe.wait_for("the question", |s| s.contains("leave the meeting?"));
    // Any other key stays.
    scribe.send("x");
    scribe.wait_for("the question gone", |s| !s.contains("leave the meeting?"));
    assert!(
        scribe.child.try_wait().expect("poll").is_none(),
        "still running"
    );
    scribe.send("\u{3}");
    scribe.wait_for("the question again", |s| s.contains("leave the meeting?"));
    scribe.send("\u{3}");
    let status = scribe.wait_exit();
    assert!(status.success(), "{status}");
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_screen_back() {
    let (dir, file) = workspace();
    // An interactive shell with job control, as a note-taker has.
    let mut shell = Scribe::spawn_program(
        dir.path(),
        "bash",
        &["--norc", "--noprofile", "-i"],
        (80, 24),
        &[("PS1", "$ ")],
    );
    shell.send(&format!("{BIN} new -o {file}\r"));
    shell.wait_for("the console", |s| s.footer.starts_with("F1 help"));
    shell.enter("Before the break.", "Before the break.");
    shell.send("\u{1a}");
    shell.wait_for("the shell, with scribe stopped", |s| {
        !s.alternate_screen && s.contains("Stopped")
    });
    shell.send("fg\r");
    shell.wait_for("the console drawn again", |s| {
        s.alternate_screen && s.minutes_show("Before the break.") && s.footer.starts_with("F1")
    });
    shell.enter("After the break.", "After the break.");
    shell.type_line("/quit");
    shell.wait_for("the shell again", |s| s.contains("Saved "));
    let saved = std::fs::read_to_string(&file).expect("the meeting");
    assert!(saved.contains("After the break."));
}

/// Resizing the window (larger, smaller, too small, back) draws the whole screen at the new
/// size, with nothing left of the old one, and typing goes on where it was: a keystroke after
/// a resize may draw only the composer, but never onto a screen that changed under it.
#[test]
fn a_resized_window_is_drawn_anew_and_typing_goes_on() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (80, 24));
    scribe.enter("Before the resize.", "Before the resize.");
    scribe.send("half typed");
    scribe.wait_for("the text", |s| s.composer == ["half typed"]);
    // The whole screen at that size: the header, every row of the panes framed from the first
    // column to the last with borders unbroken, the rule across, the footer on the last row.
    let fits = |s: &common::pty::Snapshot, (cols, rows): (usize, usize)| {
        let Some(bottom) = s.rows.iter().rposition(|row| row.starts_with('└')) else {
            return false;
        };
        let framed = |row: &String| {
            row.chars().count() == cols
                && row.starts_with(['┌', '│', '└'])
                && row.ends_with(['┐', '│', '┘'])
        };
        s.rows.len() == rows
            && s.rows[0].starts_with(" Untitled meeting")
            && s.rows[1..=bottom].iter().all(framed)
            && !s.rows[1].contains("  ")
            && !s.rows[bottom].contains("  ")
            && s.rule.starts_with(" → note")
            && s.rule.chars().count() == cols
            && s.rows[rows - 1].starts_with(" F1 help")
            && s.minutes_show("Before the resize.")
    };
    for size in [(120u16, 30u16), (70, 20), (100, 26)] {
        scribe.resize(size);
        let wanted = (usize::from(size.0), usize::from(size.1));
        scribe.wait_for(&format!("the screen at {size:?}"), |s| {
            fits(s, wanted) && s.composer == ["half typed"]
        });
        scribe.send("!");
        scribe.wait_for(&format!("a key typed at {size:?}"), |s| {
            fits(s, wanted) && s.composer == ["half typed!"]
        });
        scribe.send("\u{7f}");
        scribe.wait_for("the key taken back", |s| s.composer == ["half typed"]);
    }
    scribe.resize((40, 10));
    scribe.wait_for("the window too small", |s| s.contains("at least"));
    scribe.send("!");
    scribe.resize((80, 24));
    scribe.wait_for("the console again, with what was typed meanwhile", |s| {
        fits(s, (80, 24)) && s.composer == ["half typed!"]
    });
    scribe.enter(" and finished.", "half typed! and finished.");
    scribe.quit();
    let saved = std::fs::read_to_string(&file).expect("the meeting");
    assert!(saved.contains("half typed! and finished."));
}

#[test]
fn esc_leaves_neither_a_replay_nor_the_follow_view() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/river-basins-12th.ron")
        .display()
        .to_string();
    let mut replay = Scribe::spawn(dir.path(), &["replay", &example], (100, 30));
    replay.wait_for("the replay", |s| s.rows[0].ends_with("REPLAY"));
    // Esc's own effect shows (it clears the message a key left) and the replay goes on.
    replay.send("+");
    replay.wait_for("a message", |s| s.contains("speed 2x"));
    replay.send("\u{1b}");
    let screen = replay.wait_for("the message cleared by Esc", |s| !s.contains("speed 2x"));
    let last = screen.rows.last().map(|r| r.trim_start().to_string());
    assert!(
        last.is_some_and(|r| r.starts_with("q quit")),
        "the footer says how to leave: {}",
        screen.dump()
    );
    replay.send("q");
    assert!(replay.wait_exit().success());

    let mut follow = Scribe::spawn(dir.path(), &["follow", &example], (100, 30));
    follow.wait_for("the follow view", |s| s.contains("following"));
    // Esc brings the minutes back to the newest, and the view stays.
    follow.send("\u{1b}[5~");
    follow.wait_for("the minutes scrolled back", |s| s.contains("scrolled back"));
    follow.send("\u{1b}");
    follow.wait_for("the newest again", |s| !s.contains("scrolled back"));
    assert!(
        follow.child.try_wait().expect("poll").is_none(),
        "Esc left the follow view"
    );
    follow.send("q");
    assert!(follow.wait_exit().success());
}

#[test]
fn colours_are_basic_and_none_at_all_with_no_color() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (80, 24));
    scribe.enter("/title Colours", "title set");
    scribe.type_line("/q+ nobody");
    scribe.wait_for("the refusal", |s| s.contains("no one called"));
    scribe.send("\u{3}");
    scribe.quit();
    let text = String::from_utf8_lossy(&scribe.raw).to_string();
    assert!(!has_256_colours(&scribe.raw), "256-colour codes sent");
    assert!(
        text.contains("\u{1b}[") && text.contains("31"),
        "basic red for the error"
    );

    let (dir, file) = workspace();
    let mut plain = Scribe::start_with_env(
        dir.path(),
        &["new", "-o", &file],
        (80, 24),
        &[("NO_COLOR", "1")],
    );
    plain.type_line("/q+ nobody");
    plain.wait_for("the refusal", |s| s.contains("no one called"));
    plain.send("\u{3}");
    // Nothing was recorded in this one: it is not kept.
    plain.quit_saying("was not kept");
    assert!(!has_256_colours(&plain.raw));
    let text = String::from_utf8_lossy(&plain.raw).to_string();
    for code in ["[31", ";31m", "[32", "[33", "[34", "[36", "[44"] {
        assert!(!text.contains(code), "a colour ({code}) with NO_COLOR");
    }
}

#[test]
fn the_mouse_wheel_scrolls_when_the_settings_turn_it_on() {
    let (dir, file) = workspace();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(mouse: true)").expect("settings");
    let config = config.display().to_string();
    let mut scribe = Scribe::start_with_env(
        dir.path(),
        &["new", "-o", &file],
        (80, 24),
        &[("SCRIBE_CONFIG", &config)],
    );
    for n in 0..30 {
        scribe.type_line(&format!("/note Line {n}"));
    }
    scribe.wait_for("the notes", |s| s.minutes_show("Line 29"));
    // The wheel, up, in the SGR mouse encoding terminals send once capture is on.
    scribe.send("\u{1b}[<64;40;10M");
    scribe.wait_for("the minutes scrolled back", |s| s.contains("scrolled back"));
    scribe.send("\u{1b}[<65;40;10M\u{1b}[<65;40;10M\u{1b}[<65;40;10M\u{1b}[<65;40;10M");
    scribe.wait_for("the newest again", |s| !s.contains("scrolled back"));
    scribe.quit();
    let text = String::from_utf8_lossy(&scribe.raw).to_string();
    assert!(text.contains("\u{1b}[?1000h"), "the mouse was captured");
    assert!(text.contains("\u{1b}[?1000l"), "and given back");
}

/// Ctrl-Q with words in the composer is a clean quit: the words are kept for the next session,
/// and `scribe list` does not call the meeting interrupted.
#[test]
fn a_clean_quit_with_an_unsent_line_is_not_an_interruption() {
    let (dir, file) = workspace();
    let mut scribe = Scribe::start(dir.path(), &["new", "-o", &file], (100, 24));
    scribe.enter("/title Board", "Board");
    scribe.send("words not yet sent");
    scribe.wait_for("the composer", |s| s.composer == ["words not yet sent"]);
    scribe.send("\u{11}"); // Ctrl-Q
    let status = scribe.wait_exit();
    assert!(status.success());
    drop(scribe);

    let list = std::process::Command::new(BIN)
        .arg("list")
        .env("SCRIBE_DIR", dir.path())
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .output()
        .expect("scribe list");
    let listed = String::from_utf8_lossy(&list.stdout).to_string();
    let row = listed
        .lines()
        .find(|line| line.contains("Board"))
        .unwrap_or_else(|| panic!("no row for the meeting:\n{listed}"));
    assert!(!row.contains("interrupted"), "{row}");
    assert!(row.contains("open"), "{row}");

    let mut again = Scribe::start(dir.path(), &["open", &file], (100, 24));
    again.wait_for("the unsent line back", |s| {
        s.composer == ["words not yet sent"]
    });
}

/// The settings' speaking limit holds in every new meeting, recorded as if typed with
/// `/limit`, so that replays and exports see it too.
#[test]
fn the_default_speaking_limit_is_recorded_in_a_new_meeting() {
    let (dir, file) = workspace();
    let config = dir.path().join("limit.conf");
    std::fs::write(&config, "(speaking_limit: \"2m\")").expect("settings");
    let config = config.display().to_string();
    let mut scribe = Scribe::start_with_env(
        dir.path(),
        &["new", "-o", &file],
        (100, 24),
        &[("SCRIBE_CONFIG", &config)],
    );
    scribe.enter("/title Board", "Board");
    scribe.quit();
    let saved = std::fs::read_to_string(&file).expect("the meeting");
    assert!(
        saved.contains("LimitSet(seconds: Some(120))"),
        "the limit is in the file:\n{saved}"
    );
}
