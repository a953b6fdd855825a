//! Screens: the view rendered into ratatui's TestBackend and compared with reviewed snapshots
//! (insta), at 80x24 and 120x40, in each mode, and in a window too small to draw in.

mod common;

use common::Console;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use scribe::app::App;
use scribe::view;

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal
}

fn render(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

/// The seed meeting well into item 2: Croatia has the floor for 1:15, Mexico and CMC wait.
fn seed_meeting() -> Console {
    let mut c = Console::new();
    c.seed_setup();
    c.line("/date 2012-02-28");
    // Taking up the item gives the chair the floor.
    c.line("/item 1");
    c.wait(40);
    c.line("Thanked participants for being here despite heavy calendars. Made reference to the agenda which was circulated last week.");
    c.wait(200);
    c.line("/item next");
    c.line("/q+ Germany to say invitation letters");
    c.line("/q+ Croatia");
    c.line("/ack");
    c.wait(30);
    c.line("Thanked the Presidency for outlining the next day's meeting procedure. Inquired when the Invitation letter for the Intersessional Meeting will be sent out.");
    c.line("/q+ Mexico to say precedent of letters");
    c.line("/q+ CMC");
    c.wait(60);
    c.line("/ack");
    c.wait(45);
    c.line("Would like to clarify whether specific invitation letters should be sent out individually or in a complete package.");
    c.line("President: Underlined importance of States Parties' input on their needs at the Intersessionals.");
    c.line("/action Norway: prepare a briefing about the Third MSP due 2012-03-15");
    c.line("/decision A road map for the Intersessionals will be compiled.");
    c.wait(30);
    c.all_saved();
    c
}

#[test]
fn new_meeting_80x24() {
    let c = Console::new();
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn seed_meeting_80x24() {
    let c = seed_meeting();
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn seed_meeting_120x40() {
    let c = seed_meeting();
    insta::assert_snapshot!(render(&c.app, 120, 40));
}

#[test]
fn composer_shows_where_the_line_goes() {
    let mut c = seed_meeting();
    c.type_text("Mexico: would like to ");
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

/// Entries not yet on disk carry a `*` after their time, and the header says so; when the disk
/// refuses, the header says why.
#[test]
fn unsaved_entries_are_marked_80x24() {
    let mut c = seed_meeting();
    c.line("Wondered about the timetable.");
    c.line("/note Interpretation was interrupted.");
    let saved = c.app.events().len() - 1;
    c.send(scribe::app::Msg::Saved {
        saved,
        error: Some("m.ron.journal: No space left on device (os error 28)".into()),
    });
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn error_in_the_footer_80x24() {
    let mut c = seed_meeting();
    c.line("/q+ Nobody");
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn help_overlay_80x24() {
    let mut c = seed_meeting();
    c.key(KeyCode::F(1));
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn picker_80x24() {
    let mut c = seed_meeting();
    c.key(KeyCode::F(2));
    c.type_text("o");
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

#[test]
fn selecting_an_entry_scrolls_back_80x24() {
    let mut c = seed_meeting();
    for _ in 0..6 {
        c.key(KeyCode::Up);
    }
    let terminal = draw(&c.app, 80, 24);
    insta::assert_snapshot!(terminal.backend().to_string());
    // The selected entry (the President's introduction, first row of the pane after its
    // heading) is shown in reverse video; the one below it is not.
    let buffer = terminal.backend().buffer();
    let reversed = |y: u16| buffer[(30, y)].modifier.contains(Modifier::REVERSED);
    assert!(reversed(3), "the selected entry is highlighted");
    assert!(!reversed(6), "only the selected entry is highlighted");
}

#[test]
fn tiny_window_says_so() {
    let c = seed_meeting();
    insta::assert_snapshot!(render(&c.app, 40, 10));
    // Every size from nothing up draws without panicking.
    for width in 0..90 {
        for height in [0, 1, 5, 11, 12, 13, 24] {
            draw(&c.app, width, height);
        }
    }
}

#[test]
fn long_multiline_composer_grows() {
    let mut c = seed_meeting();
    c.send(scribe::app::Msg::Paste(
        "Would like to get clarification on the working level meeting and hoped that another meeting of the Coordination Committee will be held.\nUnderlined that invitations would have to be sent out before such a meeting.".into(),
    ));
    insta::assert_snapshot!(render(&c.app, 80, 24));
}

/// The example meeting in sessions/, opened after its close.
#[test]
fn example_meeting_reopened_120x40() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/river-basins-12th.ron");
    let events = scribe::store::load(&path).expect("the example meeting loads");
    let now = events.last().expect("events").at;
    let app = App::new(events, now, false, "river-basins-12th.ron".into());
    insta::assert_snapshot!(render(&app, 120, 40));
}

/// The replay screen of the example meeting at a few moments: the timeline replaces the
/// composer, the header says REPLAY, the clocks show the meeting's time then.
#[test]
fn replay_of_the_example_at_a_few_moments() {
    use scribe::app::Replay;
    use scribe::replay::pace::Pace;
    use scribe::replay::{Landmark, Player};
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/river-basins-12th.ron");
    let events = scribe::store::load(&path).expect("the example meeting loads");
    let mut player = Player::new(events);
    // The moment item 2 is taken up, a little later, and the end.
    player.seek(0);
    player.seek(player.landmark(Landmark::Item, true).expect("item 1"));
    player.seek(player.landmark(Landmark::Item, true).expect("item 2"));
    let at_item_2 = player.position();
    let mut moments = vec![("item-2", at_item_2), ("item-2-later", at_item_2 + 12)];
    moments.push(("end", player.len()));
    for (name, position) in moments {
        let mut player = Player::new(player.events().to_vec());
        player.seek(position);
        let replay = Replay::new(
            player,
            Pace::new(4.0, Some(std::time::Duration::from_secs(2))),
        );
        let app = App::replaying(replay, false, "river-basins-12th.ron".into());
        insta::assert_snapshot!(format!("replay_{name}_120x40"), render(&app, 120, 40));
        insta::assert_snapshot!(format!("replay_{name}_80x24"), render(&app, 80, 24));
    }
}

/// An item's heading shows as soon as it is taken up; a struck entry reads as struck without
/// colour; an action shows its number and owners.
#[test]
fn headings_struck_entries_and_actions_80x24() {
    let mut c = seed_meeting();
    c.line("/strike");
    c.line("/done 1");
    c.line("/agenda Any other business");
    c.line("/item 3");
    let terminal = draw(&c.app, 80, 24);
    let screen = terminal.backend().to_string();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("Item 3 · Any other business"), "{screen}");
    assert!(screen.contains("[struck]"), "{screen}");
    assert!(screen.contains("ACTION 1 Norway"), "{screen}");
}
