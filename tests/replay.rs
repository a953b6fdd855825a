//! Replay through the real keymap and update, with a fake real-time clock: playing, pausing,
//! speed, the idle limit, stepping, seeking, jumping to items and speakers, searching — and at
//! every moment the screen state equals the live state after the same events.

use chrono::TimeDelta;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use scribe::app::{App, Msg, Replay, update};
use scribe::meeting::{Meeting, Timestamp};
use scribe::replay::Player;
use scribe::replay::pace::Pace;

fn example() -> Vec<scribe::meeting::Stamped> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/river-basins-12th.ron");
    scribe::store::load(&path).expect("the example meeting loads")
}

/// A replay console and the real clock that paces it.
struct Remote {
    app: App,
    real: Timestamp,
    stopped: bool,
}

impl Remote {
    fn new(speed: f64, idle: Option<u64>) -> Remote {
        let pace = Pace::new(speed, idle.map(std::time::Duration::from_secs));
        let replay = Replay::new(Player::new(example()), pace);
        let real = scribe::testkit::moment("2026-11-27T09:00:00+00:00");
        let mut remote = Remote {
            app: App::replaying(replay, false, "river-basins-12th.ron".into()),
            real,
            stopped: false,
        };
        remote.send(Msg::Tick);
        remote
    }

    fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.app, msg, self.real);
        self.stopped |= effects.stop.is_some();
    }

    fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Lets `millis` of real time pass.
    fn wait(&mut self, millis: i64) {
        self.real += TimeDelta::milliseconds(millis);
        self.send(Msg::Tick);
    }

    fn replay(&self) -> &Replay {
        self.app.replay().expect("replaying")
    }

    fn position(&self) -> usize {
        self.replay().player.position()
    }

    /// The screen shows exactly the live meeting after the same events.
    fn assert_exact(&self) {
        let events = self.replay().player.events();
        let k = self.position();
        assert_eq!(self.app.meeting(), &Meeting::fold(&events[..k]), "at {k}");
    }

    fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

#[test]
fn plays_pauses_and_holds() {
    let mut r = Remote::new(64.0, Some(2));
    r.key(KeyCode::Char(' '));
    assert!(r.replay().playing);
    r.wait(1500);
    let played = r.position();
    assert!(
        played > 10,
        "played {played} events in 1.5 s at 64x with silences cut"
    );
    r.assert_exact();
    // The clock on screen is the meeting's.
    assert_eq!(r.app.now, r.replay().player.time());
    r.key(KeyCode::Char(' '));
    r.wait(5000);
    assert_eq!(r.position(), played, "a paused replay holds");
    r.assert_exact();
}

#[test]
fn speed_and_idle_limit_change_how_far_a_second_goes() {
    let mut slow = Remote::new(1.0, None);
    let mut fast = Remote::new(1.0, None);
    fast.key(KeyCode::Char('+'));
    fast.key(KeyCode::Char('+'));
    assert!(fast.status().contains("speed 4x"), "{}", fast.status());
    for r in [&mut slow, &mut fast] {
        r.key(KeyCode::Char(' '));
        r.wait(10_000);
    }
    let (start, _) = slow.replay().player.span();
    let slow_gone = slow.replay().player.time() - start;
    let fast_gone = fast.replay().player.time() - start;
    assert_eq!(slow_gone, TimeDelta::seconds(10));
    assert_eq!(fast_gone, TimeDelta::seconds(40));
    // Silences cut to 2 s make the same real time cover far more of the meeting.
    let mut idle = Remote::new(1.0, None);
    idle.key(KeyCode::Char('i'));
    assert!(idle.status().contains("2s"), "{}", idle.status());
    idle.key(KeyCode::Char(' '));
    idle.wait(10_000);
    let idle_gone = idle.replay().player.time() - start;
    assert!(
        idle_gone > slow_gone,
        "{idle_gone} of meeting in 10 s with silences cut"
    );
}

#[test]
fn stepping_seeking_and_jumping() {
    let mut r = Remote::new(1.0, None);
    for _ in 0..5 {
        r.key(KeyCode::Char('.'));
    }
    assert_eq!(r.position(), 5);
    r.key(KeyCode::Char(','));
    assert_eq!(r.position(), 4);
    r.assert_exact();
    // The next agenda item: the moment item 2 was taken up.
    r.key(KeyCode::Char(']'));
    r.key(KeyCode::Char(']'));
    let current = r.app.meeting().agenda.current().map(|i| i.title.clone());
    assert_eq!(
        current.as_deref(),
        Some("Preparations for the Fourth Meeting of the Parties (MOP-4)")
    );
    let at_item_2 = r.position();
    r.key(KeyCode::Char('}'));
    assert!(
        r.app.meeting().floor.is_some(),
        "the next change of speaker gives the floor"
    );
    r.key(KeyCode::Char('['));
    assert_eq!(r.position(), at_item_2);
    // Ten seconds and a minute of meeting time.
    let before = r.replay().player.time();
    r.key(KeyCode::Right);
    assert_eq!(r.replay().player.time() - before, TimeDelta::seconds(10));
    r.send(Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)));
    assert_eq!(r.replay().player.time() - before, TimeDelta::seconds(-50));
    r.assert_exact();
    r.key(KeyCode::End);
    assert!(r.replay().player.at_end());
    // At the end the replay is the saved meeting.
    assert_eq!(r.app.meeting(), &Meeting::fold(&example()));
    r.key(KeyCode::Home);
    assert_eq!(r.position(), 0);
    assert!(r.app.meeting().entries.is_empty());
}

#[test]
fn a_backward_jump_takes_later_entries_off_the_screen() {
    let mut r = Remote::new(1.0, None);
    r.key(KeyCode::End);
    let all = r.app.meeting().entries.len();
    r.key(KeyCode::Char('['));
    r.key(KeyCode::Char('['));
    let now = r.app.meeting().entries.len();
    assert!(now < all, "{now} entries after jumping back, of {all}");
    r.assert_exact();
}

#[test]
fn searching_jumps_to_the_moment_an_entry_was_recorded() {
    let mut r = Remote::new(1.0, None);
    r.key(KeyCode::Char('/'));
    for c in "LICENCE".chars() {
        r.key(KeyCode::Char(c));
    }
    r.key(KeyCode::Enter);
    assert!(r.status().starts_with("match 1 of "), "{}", r.status());
    let last = r
        .app
        .meeting()
        .entries
        .last()
        .expect("an entry")
        .text
        .to_lowercase();
    assert!(
        last.contains("licence"),
        "the newest entry on screen is the match: {last}"
    );
    assert!(!r.replay().playing, "a search pauses on the match");
    let first = r.position();
    r.key(KeyCode::Char('n'));
    assert!(r.position() > first);
    assert!(r.status().starts_with("match 2 of "), "{}", r.status());
    r.key(KeyCode::Char('N'));
    assert_eq!(r.position(), first);
    // Esc abandons a search being typed.
    r.key(KeyCode::Char('/'));
    r.key(KeyCode::Char('x'));
    r.key(KeyCode::Esc);
    assert!(r.replay().typing.is_none());
    assert_eq!(r.position(), first);
    r.key(KeyCode::Char('/'));
    for c in "no such words".chars() {
        r.key(KeyCode::Char(c));
    }
    r.key(KeyCode::Enter);
    assert!(r.status().contains("is in no entry"), "{}", r.status());
}

#[test]
fn the_screen_wakes_only_while_playing() {
    let mut r = Remote::new(64.0, None);
    assert!(
        r.app.next_tick().as_secs() >= 3600,
        "paused: nothing to redraw"
    );
    r.key(KeyCode::Char(' '));
    let tick = r.app.next_tick();
    assert!(
        tick.as_millis() >= 33 && tick.as_millis() <= 1000,
        "{tick:?}"
    );
    r.key(KeyCode::Char('q'));
    assert!(r.stopped);
}
