//! Hardening (issue 14): scribe as an attacker in a shared folder or an unlucky user would try
//! it, through the real binary. Each test is one numbered point of the issue:
//!
//! 1. links planted at every file scribe makes beside a meeting are refused, their targets
//!    unchanged; a linked meeting is saved through its link;
//! 2. a lock deleted under a running scribe: a second writer never makes the first lose entries
//!    silently;
//! 3. a journal cut inside a character gives back every complete event;
//! 5. escapes in a file name and in a lock file's host never reach the terminal;
//! 6. extreme dates in replay;
//! 7. follow and replay losing their terminal stop quietly;
//! 8. a FIFO or `/dev/zero` as meeting, journal or draft is refused, never waited on;
//! 9. a read-only folder at quit, an unreadable template folder, the panic path;
//!
//! and the fuzz corpus replayed through the fuzz targets' bodies.

mod common;

#[path = "../fuzz/targets.rs"]
mod targets;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pty::{BIN, Scribe, Snapshot, TIMEOUT, squash};
use scribe::meeting::{AttendeeAdded, Event, Id, Meeting, Stamped, Timestamp};
use scribe::store::disk::draft_path;
use scribe::store::journal::{encode, journal_path};
use scribe::store::lock::lock_path;

/// Runs every file of `fuzz/corpus/TARGET/` through `run`, the body of that fuzz target.
fn replay_corpus(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).expect("a corpus file");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target}: {} fails", file.display());
    }
    assert!(!files.is_empty(), "no corpus for {target}");
    files.len()
}

#[test]
fn the_fuzz_corpus_replays_without_a_failure() {
    let loader = replay_corpus("loader", targets::loader);
    let journal = replay_corpus("journal", targets::journal);
    let command = replay_corpus("command", targets::command);
    let console = replay_corpus("console", targets::console);
    println!(
        "corpus: {loader} loader, {journal} journal, {command} command, {console} console inputs"
    );
}

// ----------------------------------------------------------------------------------------------
// Helpers

fn at() -> Timestamp {
    scribe::testkit::t0()
}

/// The setup of a meeting where Ana has the floor: every plain line typed is her statement.
fn setup() -> Vec<Stamped> {
    [
        Event::AttendeeAdded(Box::new(AttendeeAdded {
            name: "Ana".into(),
            capacity: None,
            label: None,
            aliases: vec![],
            group: None,
        })),
        Event::FloorGiven { attendee: Id(0) },
    ]
    .map(|event| Stamped { at: at(), event })
    .to_vec()
}

/// A meeting file named `name` in `dir` with [`setup`]; its path.
fn meeting_in(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    scribe::store::save(&path, &setup()).expect("write the meeting file");
    path
}

fn statement(text: &str) -> Stamped {
    Stamped {
        at: at(),
        event: Event::StatementRecorded {
            speaker: Id(0),
            text: text.into(),
        },
    }
}

/// The texts of the entries of the meeting at `path`, as scribe reads it back.
fn entries(path: &Path) -> Vec<String> {
    let opened = scribe::store::open(path)
        .unwrap_or_else(|e| panic!("cannot read {} back: {e}", path.display()));
    Meeting::fold(&opened.events)
        .entries
        .iter()
        .map(|entry| entry.text.to_string())
        .collect()
}

/// Runs `scribe ARGS` without a terminal, in `dir` (also its data directory), with `env`; fails
/// the test if it has not ended within [`TIMEOUT`] (a hang on a FIFO, say).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env("SCRIBE_DIR", dir)
        .env("TMPDIR", dir)
        .env_remove("SCRIBE_CLOCK")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let child = command.spawn().expect("start scribe");
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(TIMEOUT) {
        Ok(output) => output.expect("scribe's output"),
        Err(_) => {
            // SAFETY: kill(2) has no memory-safety preconditions.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("scribe {args:?} did not end within {TIMEOUT:?}: it hangs");
        }
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Starts `scribe ARGS` in a terminal (temporary folder `dir`) and waits for the console,
/// whatever its footer says.
fn console(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Scribe {
    let mut env = env.to_vec();
    let tmp = dir.display().to_string();
    env.push(("TMPDIR", &tmp));
    let mut scribe = Scribe::spawn_program(dir, BIN, args, (120, 30), &env);
    scribe.wait_for("the console", is_console);
    scribe
}

fn is_console(s: &Snapshot) -> bool {
    s.alternate_screen && s.rows.get(1).is_some_and(|row| row.contains(" Minutes "))
}

/// An entry's first row in the minutes pane: `HH:MM Ana: text` (on disk) or `HH:MM*Ana: text`.
fn entry_row(row: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = row.chars().collect();
    let time = chars.len() > 6
        && chars[2] == ':'
        && [0, 1, 3, 4].iter().all(|&i| chars[i].is_ascii_digit());
    if !time {
        return None;
    }
    let saved = match chars[5] {
        ' ' => true,
        '*' => false,
        _ => return None,
    };
    let text: String = chars[6..].iter().collect();
    Some((
        text.strip_prefix("Ana: ").unwrap_or(&text).to_string(),
        saved,
    ))
}

fn entry_rows(s: &Snapshot) -> Vec<(String, bool)> {
    s.minutes.iter().filter_map(|row| entry_row(row)).collect()
}

fn shows_saved(s: &Snapshot, text: &str) -> bool {
    entry_rows(s).iter().any(|(t, saved)| t == text && *saved)
}

fn shows_unsaved(s: &Snapshot, text: &str) -> bool {
    entry_rows(s).iter().any(|(t, saved)| t == text && !*saved)
}

fn header_saved(s: &Snapshot) -> bool {
    s.rows[0].ends_with("· saved")
}

fn header_not_saved(s: &Snapshot) -> bool {
    s.rows[0].ends_with("NOT SAVED")
}

/// Is `text` on screen, wrapped over rows or not (whitespace ignored)?
fn says(s: &Snapshot, text: &str) -> bool {
    squash(&s.rows.concat()).contains(&squash(text))
}

/// Types `line` and waits until the minutes show it saved.
fn enter_saved(scribe: &mut Scribe, line: &str) {
    scribe.type_line(line);
    scribe.wait_for(&format!("'{line}' shown as saved"), |s| {
        s.composer.is_empty() && shows_saved(s, line) && header_saved(s)
    });
}

/// Waits until `scribe` exits and its terminal closes; whether it succeeded.
fn finish(scribe: &mut Scribe) -> bool {
    let status = scribe.wait_exit();
    assert!(scribe.drain(), "the terminal stayed open after the exit");
    status.success()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A file with `text`, to be the target of planted links; checked unchanged at the end.
fn victim(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{name}: nobody may change this")).expect("write");
    path
}

fn unchanged(victim: &Path) {
    let name = victim.file_name().unwrap_or_default().to_string_lossy();
    assert_eq!(
        std::fs::read_to_string(victim).expect("read the victim"),
        format!("{name}: nobody may change this"),
        "{} was changed through a link",
        victim.display()
    );
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
}

// ----------------------------------------------------------------------------------------------
// 1. Links

/// `ln -s VICTIM m.ron.lock; scribe open m.ron`: refused, naming the link; VICTIM unchanged.
#[test]
fn a_link_planted_as_the_lock_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = meeting_in(dir.path(), "m.ron");
    let target = victim(dir.path(), "victim");
    symlink(&target, lock_path(&path)).expect("plant the link");
    let out = run(dir.path(), &["open", "m.ron"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("m.ron.lock is a symbolic link"),
        "{}",
        stderr(&out)
    );
    unchanged(&target);
}

/// `ln -s VICTIM m.ron.journal` (and a link at the rescue file's name, and links at the
/// temporary names the atomic write used to choose, `.m.ron.PID.tmp`, for the next few hundred
/// processes), then `scribe new -o m.ron`: the journal link is refused loudly (NOT SAVED, the
/// footer names it), the meeting is rescued elsewhere at quit, and every target is unchanged.
#[test]
fn links_planted_as_the_journal_rescue_and_temporaries_are_never_followed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    let journal_victim = victim(dir.path(), "journal-victim");
    let rescue_victim = victim(dir.path(), "rescue-victim");
    let temporary_victim = victim(dir.path(), "temporary-victim");
    symlink(&journal_victim, journal_path(&path)).expect("plant");
    symlink(&rescue_victim, dir.path().join("m.ron.rescued")).expect("plant");
    let first = std::process::id();
    for pid in first..first + 400 {
        symlink(
            &temporary_victim,
            dir.path().join(format!(".m.ron.{pid}.tmp")),
        )
        .expect("plant");
    }
    let mut scribe = console(dir.path(), &["new", "-o", "m.ron"], &[]);
    scribe.type_line("/attendee Ana");
    let screen = scribe.wait_for("NOT SAVED and why", |s| {
        header_not_saved(s) && says(s, "m.ron.journal is a symbolic link")
    });
    assert!(screen.footer.contains("cannot save"), "{}", screen.dump());
    scribe.type_line("/quit");
    scribe.wait_for("the rescue question", |s| {
        says(s, "Write the whole meeting to another file")
    });
    scribe.type_line("");
    let success = finish(&mut scribe);
    let screen = scribe.snapshot();
    assert!(!success, "{}", screen.dump());
    assert!(
        says(&screen, "The whole meeting was written to") && says(&screen, "scribe-rescued-m.ron-"),
        "{}",
        screen.dump()
    );
    drop(scribe);
    for target in [&journal_victim, &rescue_victim, &temporary_victim] {
        unchanged(target);
    }
    let meta = std::fs::symlink_metadata(&path).expect("m.ron");
    assert!(meta.file_type().is_file(), "m.ron is not a plain file");
    let rescued: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("scribe-rescued-m.ron-"))
        .collect();
    assert_eq!(rescued.len(), 1, "{:?}", names(dir.path()));
    let events = scribe::store::load(&dir.path().join(&rescued[0])).expect("the rescued file");
    assert!(
        Meeting::fold(&events).roster.len() == 1,
        "the rescued meeting has Ana"
    );
}

/// `ln -s ~/secret m.ron.draft; scribe open m.ron`: the secret never reaches the composer, the
/// footer says why, and the secret is unchanged after the session.
#[test]
fn a_link_planted_as_the_draft_never_reaches_the_composer() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = meeting_in(dir.path(), "m.ron");
    let secret = victim(dir.path(), "secret");
    symlink(&secret, draft_path(&path)).expect("plant");
    let mut scribe = console(dir.path(), &["open", "m.ron"], &[]);
    let screen = scribe.wait_for("the notice", |s| {
        says(s, "the draft was left out") && says(s, "m.ron.draft is a symbolic link")
    });
    assert!(screen.composer.is_empty(), "{}", screen.dump());
    assert!(!says(&screen, "nobody may change"), "{}", screen.dump());
    scribe.send("typed after");
    scribe.wait_for("the composer", |s| s.composer == ["typed after"]);
    scribe.signal(libc::SIGTERM);
    assert!(finish(&mut scribe));
    unchanged(&secret);
    // The draft was written by replacing the link, never through it.
    let draft = std::fs::symlink_metadata(draft_path(&path)).expect("the draft");
    assert!(draft.file_type().is_file());
    assert_eq!(
        scribe::store::open(&path).expect("open").draft.as_deref(),
        Some("typed after")
    );
}

/// `scribe export -o OUT` where OUT is a link: the link is replaced, its target unchanged.
#[test]
fn export_replaces_a_link_at_its_output_never_follows_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    meeting_in(dir.path(), "m.ron");
    let target = victim(dir.path(), "victim");
    let out_path = dir.path().join("out.md");
    symlink(&target, &out_path).expect("plant");
    let out = run(dir.path(), &["export", "m.ron", "-o", "out.md"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    unchanged(&target);
    let meta = std::fs::symlink_metadata(&out_path).expect("out.md");
    assert!(meta.file_type().is_file());
    assert!(
        std::fs::read_to_string(&out_path)
            .expect("read")
            .contains("Ana")
    );
}

/// `scribe open LINK` where the meeting file itself is a link the note-taker made: saved
/// through it, to the file it leads to (its journal and lock beside that file); the link stays a
/// link.
#[test]
fn a_linked_meeting_is_saved_through_its_link() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).expect("mkdir");
    let real = meeting_in(&real_dir, "real.ron");
    let link = dir.path().join("link.ron");
    symlink(&real, &link).expect("link");
    let mut scribe = console(dir.path(), &["open", "link.ron"], &[]);
    scribe.wait_for("the notice", |s| {
        says(s, "link.ron is a link: the meeting is saved in")
    });
    enter_saved(&mut scribe, "said through a link.");
    assert!(
        lock_path(&real).exists(),
        "the lock is beside the real file"
    );
    scribe.quit();
    drop(scribe);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link.ron")
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(entries(&real), ["said through a link."]);
    assert_eq!(names(dir.path()), ["link.ron", "real"]);
}

// ----------------------------------------------------------------------------------------------
// 2. One writer

/// A types and saves 3 lines; the lock is deleted (alone, or with its whole folder, which is
/// then made again); B opens the meeting; both type 3 lines. A must not show a line as saved
/// that is not in the meeting, B keeps saving, and A's lines are all somewhere: in the meeting
/// or in the side file A names.
#[test]
fn a_deleted_lock_never_lets_two_writers_both_show_saved() {
    struct Case {
        name: &'static str,
        /// What happens behind A's back.
        remove: fn(&Path),
        /// How B starts minuting the meeting then.
        b_args: &'static [&'static str],
        /// A's lines that stay in the meeting.
        a_kept: usize,
    }
    let cases = [
        Case {
            name: "the lock deleted",
            remove: |folder| std::fs::remove_file(folder.join("m.ron.lock")).expect("rm"),
            b_args: &["open", "meetings/m.ron"],
            a_kept: 3,
        },
        Case {
            name: "the folder deleted and made again",
            remove: |folder| {
                std::fs::remove_dir_all(folder).expect("rm -r");
                std::fs::create_dir(folder).expect("mkdir");
            },
            b_args: &["new", "-o", "meetings/m.ron"],
            a_kept: 0,
        },
    ];
    for case in cases {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = dir.path().join("meetings");
        std::fs::create_dir(&folder).expect("mkdir");
        let path = meeting_in(&folder, "m.ron");
        let mut a = console(dir.path(), &["open", "meetings/m.ron"], &[]);
        let a_lines: Vec<String> = (1..=6).map(|i| format!("A says {i}.")).collect();
        for line in &a_lines[..3] {
            enter_saved(&mut a, line);
        }
        (case.remove)(&folder);
        let mut b = console(dir.path(), case.b_args, &[]);
        if case.a_kept == 0 {
            b.enter("/attendee Ana", "Ana added");
            b.enter("/floor Ana", "Ana");
        }
        let b_lines: Vec<String> = (1..=3).map(|i| format!("B says {i}.")).collect();
        // A's next line: not saved, and the footer says why, loudly.
        a.type_line(&a_lines[3]);
        a.wait_for("A: NOT SAVED, and why", |s| {
            header_not_saved(s)
                && shows_unsaved(s, &a_lines[3])
                && says(s, "m.ron.lock was replaced")
                && says(s, "nothing more is written")
        });
        for i in 0..3 {
            enter_saved(&mut b, &b_lines[i]);
            if i < 2 {
                a.type_line(&a_lines[4 + i]);
            }
        }
        let screen = a.wait_for("A: still NOT SAVED", |s| {
            header_not_saved(s) && shows_unsaved(s, "A says 6.")
        });
        let shown_saved: Vec<String> = entry_rows(&screen)
            .into_iter()
            .filter(|(_, saved)| *saved)
            .map(|(t, _)| t)
            .collect();
        // A quits: it says it could not save and writes the whole meeting elsewhere.
        a.type_line("/quit");
        a.wait_for("A's rescue question", |s| {
            says(s, "Write the whole meeting to another file")
        });
        a.type_line("");
        assert!(!finish(&mut a), "{}: A exited with success", case.name);
        drop(a);
        b.quit();
        drop(b);
        let mut expected = a_lines[..case.a_kept].to_vec();
        expected.extend(b_lines.iter().cloned());
        assert_eq!(entries(&path), expected, "{}", case.name);
        for line in &shown_saved {
            assert!(
                expected.contains(line) || !a_lines[3..].contains(line),
                "{}: A showed '{line}' as saved, yet it is not in the meeting",
                case.name
            );
        }
        // A's side file, named on A's screen, holds all six of A's lines.
        let side: Vec<PathBuf> = names(&folder)
            .into_iter()
            .filter(|n| n.starts_with("m.ron.rescued-"))
            .map(|n| folder.join(n))
            .collect();
        assert_eq!(side.len(), 1, "{}: {:?}", case.name, names(&folder));
        assert_eq!(entries(&side[0]), a_lines, "{}", case.name);
    }
}

// ----------------------------------------------------------------------------------------------
// 3. One bad byte

/// A journal cut inside a multi-byte character: list, export, open and replay all give back
/// every complete event, and say the last line was cut short.
#[test]
fn a_journal_cut_inside_a_character_gives_back_every_complete_event() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = meeting_in(dir.path(), "m.ron");
    let lines = ["Côte d'Ivoire spoke.", "Then Ανδρέας.", "And 日本語 last."];
    let events: Vec<Stamped> = lines.iter().map(|l| statement(l)).collect();
    let journal = encode(setup().len(), &events);
    let cut = journal.rfind("日").expect("a wide character") + 1;
    std::fs::write(journal_path(&path), &journal.as_bytes()[..cut]).expect("write");
    let listed = run(dir.path(), &["list"], &[]);
    assert!(stdout(&listed).contains("2 entries"), "{}", stdout(&listed));
    let exported = run(dir.path(), &["export", "m.ron", "-f", "txt"], &[]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    for line in &lines[..2] {
        assert!(stdout(&exported).contains(line), "{}", stdout(&exported));
    }
    assert!(
        stderr(&exported).contains("m.ron.journal:3) was cut short"),
        "{}",
        stderr(&exported)
    );
    let mut scribe = console(dir.path(), &["open", "m.ron"], &[]);
    scribe.wait_for("the two entries and the notice", |s| {
        shows_saved(s, lines[0]) && shows_saved(s, lines[1]) && says(s, "was cut short")
    });
    scribe.quit();
    drop(scribe);
    assert_eq!(entries(&path), lines[..2]);
    let mut replay = console(dir.path(), &["replay", "m.ron"], &[]);
    replay.send("\x1b[F"); // End
    replay.wait_for("the end of the replay", |s| s.minutes_show(lines[1]));
    replay.send("q");
    assert!(finish(&mut replay));
}

// ----------------------------------------------------------------------------------------------
// 5. Escapes printed outside the full screen

/// A meeting named with OSC sequences (retitle the terminal, write the clipboard), and a lock
/// file whose host holds them: `list`, `open`, `export` and the "Saved" line at quit show them
/// as visible escapes, never send them.
#[test]
fn escapes_in_a_file_name_and_a_lock_host_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let name = "m\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}.ron";
    let path = meeting_in(dir.path(), name);
    let hostile = "evil\u{1b}]0;host\u{7}\u{9b}2J";
    let holder = format!(
        "(pid:{},host:\"{}\",since:\"2012-02-28T10:00:00+01:00\")",
        std::process::id(),
        hostile
    );
    let lock_file = lock_path(&path);
    std::fs::write(&lock_file, holder).expect("write the lock");
    let held = std::fs::File::open(&lock_file).expect("open the lock");
    held.lock().expect("hold the lock");
    let no_escape = |what: &str, bytes: &[u8]| {
        assert!(
            !bytes.contains(&0x1b) && !String::from_utf8_lossy(bytes).contains('\u{9b}'),
            "{what} printed an escape: {:?}",
            String::from_utf8_lossy(bytes)
        );
    };
    let listed = run(dir.path(), &["list"], &[]);
    no_escape("list", &listed.stdout);
    assert!(
        stdout(&listed).contains(r"m\u{1b}]0;pwned\u{7}"),
        "{}",
        stdout(&listed)
    );
    assert!(
        stdout(&listed).contains("being minuted by process"),
        "{}",
        stdout(&listed)
    );
    assert!(
        stdout(&listed).contains("on evil since"),
        "{}",
        stdout(&listed)
    );
    let opened = run(dir.path(), &["open", name], &[]);
    assert!(!opened.status.success());
    no_escape("open", &opened.stderr);
    assert!(
        stderr(&opened).contains("is being minuted by"),
        "{}",
        stderr(&opened)
    );
    drop(held);
    let exported = run(dir.path(), &["export", name, "-f", "docx"], &[]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    no_escape("export", &exported.stderr);
    assert!(
        stderr(&exported).contains(r"Minutes written to "),
        "{}",
        stderr(&exported)
    );
    let missing = run(dir.path(), &["export", "x\u{1b}[2J.ron"], &[]);
    no_escape("an export error", &missing.stderr);
    assert!(
        stderr(&missing).contains(r"x\u{1b}[2J.ron does not exist"),
        "{}",
        stderr(&missing)
    );

    std::fs::remove_file(&lock_file).expect("rm the lock");
    let mut scribe = console(dir.path(), &["open", name], &[]);
    scribe.type_line("/quit");
    assert!(finish(&mut scribe));
    let screen = scribe.snapshot();
    assert!(
        says(
            &screen,
            r"Saved m\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}.ron"
        ),
        "{}",
        screen.dump()
    );
    drop(scribe);
    assert!(path.exists());
}

// ----------------------------------------------------------------------------------------------
// 6. Replay at the extreme dates

/// Events at the first and last dates chrono allows: seeking and stepping either way (`l`, `L`,
/// `h`, `H`, `.`, `,`, End, Home) never panics, and `q` leaves cleanly.
#[test]
fn replay_at_the_extreme_dates_never_panics() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    let mut events = setup();
    events[0].at = chrono::DateTime::<chrono::Utc>::MIN_UTC.fixed_offset();
    let mut last = statement("at the end of time.");
    last.at = chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset();
    events.push(last);
    scribe::store::save(&path, &events).expect("save");
    let mut replay = console(dir.path(), &["replay", "m.ron", "--speed", "64"], &[]);
    for key in [
        "l", "L", "L", "h", "H", "\x1b[F", "l", "L", ",", ".", "\x1b[H", "h", "H",
    ] {
        replay.send(key);
        replay.pump();
    }
    replay.send("\x1b[F");
    replay.wait_for("the last entry", |s| s.minutes_show("at the end of time."));
    replay.send("q");
    assert!(finish(&mut replay), "{}", replay.snapshot().dump());
    let crashes: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("scribe-crash-"))
        .collect();
    assert!(crashes.is_empty(), "{crashes:?}");
}

// ----------------------------------------------------------------------------------------------
// 7. A lost terminal

/// The terminal of a follow view or a replay goes away (a closed tmux window, a dropped SSH
/// link to a projector): scribe stops quietly, with success and no crash report.
#[test]
fn follow_and_replay_stop_quietly_when_their_terminal_goes_away() {
    for args in [["follow", "m.ron"], ["replay", "m.ron"]] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = meeting_in(dir.path(), "m.ron");
        let mut more = setup();
        more.push(statement("something to show."));
        scribe::store::save(&path, &more).expect("save");
        let mut scribe = console(dir.path(), &args, &[]);
        scribe.wait_for("the entry", |s| {
            s.minutes_show("something to show.") || args[0] == "replay"
        });
        scribe.hang_up();
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = scribe.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "{args:?}: still running after the hang-up"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(scribe);
        assert!(status.success(), "{args:?}: exited with {status:?}");
        assert_eq!(
            names(dir.path()),
            ["m.ron"],
            "{args:?}: left something behind"
        );
    }
}

// ----------------------------------------------------------------------------------------------
// 8. FIFOs and devices

/// A FIFO or `/dev/zero` as the meeting, the journal or the draft: every command ends at once
/// with a message naming it (or, for the draft, leaves it out with a notice); nothing hangs,
/// nothing reads forever.
#[test]
fn fifos_and_devices_are_refused_never_waited_on() {
    let dir = tempfile::tempdir().expect("temporary folder");
    mkfifo(&dir.path().join("fifo.ron"));
    symlink("/dev/zero", dir.path().join("zero.ron")).expect("link");
    let listed = run(dir.path(), &["list"], &[]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let out = stdout(&listed);
    assert!(
        out.contains("fifo.ron\n    cannot be read: ") && out.contains("FIFO"),
        "{out}"
    );
    assert!(
        out.contains("zero.ron\n    cannot be read: ") && out.contains("device"),
        "{out}"
    );
    for (file, kind) in [("fifo.ron", "FIFO"), ("zero.ron", "device")] {
        for args in [
            vec!["export", file],
            vec!["replay", file],
            vec!["open", file],
            vec!["new", "--from", file, "-o", "new.ron"],
        ] {
            let out = run(dir.path(), &args, &[]);
            assert!(!out.status.success(), "{args:?}");
            assert!(
                stderr(&out).contains(&format!("{file} is a {kind}")),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    // A meeting file far larger than any meeting (sparse: nothing is written): refused at once
    // without a terminal to ask on, never read into memory.
    let big = std::fs::File::create(dir.path().join("big.ron")).expect("create");
    big.set_len(100 << 20).expect("grow");
    let out = run(dir.path(), &["export", "big.ron"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("big.ron is 100 MB, more than the 64 MB scribe expects"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(dir.path().join("big.ron")).expect("rm");
    // The journal.
    let path = meeting_in(dir.path(), "m.ron");
    mkfifo(&journal_path(&path));
    for args in [["export", "m.ron"], ["open", "m.ron"]] {
        let out = run(dir.path(), &args, &[]);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("m.ron.journal is a FIFO"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    std::fs::remove_file(journal_path(&path)).expect("rm");
    // The draft: left out with a notice; the meeting opens.
    mkfifo(&draft_path(&path));
    let out = run(dir.path(), &["export", "m.ron"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut scribe = console(dir.path(), &["open", "m.ron"], &[]);
    scribe.wait_for("the notice", |s| says(s, "m.ron.draft is a FIFO"));
    scribe.signal(libc::SIGTERM);
    assert!(finish(&mut scribe));
}

// ----------------------------------------------------------------------------------------------
// 9. Saying what went wrong

/// The folder made read-only (`chattr +i`, which holds for root too) before quit: the journal
/// cannot be folded into the meeting file, nor the draft written. Not "Saved" and success, but
/// where the journal is and that `scribe open` puts it back; the draft's text is shown.
#[test]
fn a_read_only_folder_at_quit_says_where_everything_is() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("meetings");
    std::fs::create_dir(&folder).expect("mkdir");
    let path = meeting_in(&folder, "m.ron");
    let mut scribe = console(dir.path(), &["open", "meetings/m.ron"], &[]);
    enter_saved(&mut scribe, "said before the folder froze.");
    let frozen = Command::new("chattr")
        .arg("+i")
        .arg(&folder)
        .status()
        .is_ok_and(|s| s.success());
    if !frozen {
        println!("skipped: chattr +i is not available here (not root, or not supported)");
        return;
    }
    struct Thaw<'a>(&'a Path);
    impl Drop for Thaw<'_> {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(self.0).status();
        }
    }
    let _thaw = Thaw(&folder);
    scribe.send("half a line");
    scribe.wait_for("the half line", |s| s.composer == ["half a line"]);
    scribe.signal(libc::SIGTERM);
    let done = finish(&mut scribe);
    let screen = scribe.snapshot();
    assert!(!done, "exited with success:\n{}", screen.dump());
    assert!(!says(&screen, "Saved "), "{}", screen.dump());
    assert!(
        says(&screen, "m.ron.journal") && says(&screen, "scribe open"),
        "{}",
        screen.dump()
    );
    assert!(says(&screen, "half a line"), "{}", screen.dump());
    drop(_thaw);
    assert_eq!(entries(&path), ["said before the folder froze."]);
}

/// The note-taker's template folder cannot be read (a template that is a folder, which holds
/// for root too): the export uses the built-in template and says so.
#[test]
fn export_falls_back_to_the_built_in_templates_when_the_config_folder_is_unreadable() {
    let dir = tempfile::tempdir().expect("temporary folder");
    meeting_in(dir.path(), "m.ron");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("scribe").join("minutes.md.j2")).expect("mkdir");
    let config = config.display().to_string();
    let out = run(
        dir.path(),
        &["export", "m.ron"],
        &[("XDG_CONFIG_HOME", &config)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Ana"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("minutes.md.j2")
            && stderr(&out).contains("using the built-in template"),
        "{}",
        stderr(&out)
    );
}

/// The panic path end to end, through the fault hook (debug builds only): a panic right after a
/// commit gives the terminal back, keeps what was recorded, writes a crash report and says
/// where; in replay, it does not claim to be saving anything.
#[test]
fn a_panic_gives_the_terminal_back_keeps_the_meeting_and_reports() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = meeting_in(dir.path(), "m.ron");
    let fault = [("SCRIBE_FAULT", "panic-on-commit")];
    let mut scribe = console(dir.path(), &["open", "m.ron"], &fault);
    scribe.type_line("the last words.");
    let done = finish(&mut scribe);
    let screen = scribe.snapshot();
    assert!(!done, "{}", screen.dump());
    assert!(
        !screen.alternate_screen && !screen.bracketed_paste,
        "{}",
        screen.dump()
    );
    assert!(
        says(&screen, "scribe: internal error")
            && says(&screen, "fault injected on purpose")
            && says(&screen, "is being saved to")
            && says(&screen, "A crash report is in"),
        "{}",
        screen.dump()
    );
    drop(scribe);
    assert_eq!(entries(&path), ["the last words."]);
    let crashes: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("scribe-crash-"))
        .collect();
    assert_eq!(crashes.len(), 1, "{:?}", names(dir.path()));
    let report = std::fs::read_to_string(dir.path().join(&crashes[0])).expect("the report");
    assert!(report.contains("panic-on-commit"), "{report}");

    let fault = [("SCRIBE_FAULT", "panic-in-replay")];
    let mut replay = console(dir.path(), &["replay", "m.ron"], &fault);
    let done = finish(&mut replay);
    let screen = replay.snapshot();
    assert!(!done, "{}", screen.dump());
    assert!(!screen.alternate_screen, "{}", screen.dump());
    assert!(
        says(&screen, "scribe: internal error") && says(&screen, "was only reading"),
        "{}",
        screen.dump()
    );
    assert!(!says(&screen, "being saved"), "{}", screen.dump());
}
