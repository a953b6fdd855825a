//! The command line without a terminal: `scribe list`, and the errors that come before the
//! console opens (a missing, corrupt, newer or existing file; no terminal). Each must say what
//! is wrong and what to do, once and in words, exit non-zero, and leave the files alone. A
//! reader that goes away (`scribe list | head`) ends scribe quietly.

use std::path::Path;
use std::process::{Command, Output};

fn scribe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .env("SCRIBE_DIR", dir)
        // The archive's extracts go to a cache of the test's own.
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        // Never the settings of whoever runs the tests.
        .env("SCRIBE_CONFIG", dir.join("settings.ron"))
        .env_remove("SCRIBE_CLOCK")
        .output()
        .expect("run scribe")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const MEETING: &str = r#"(
    version: 1,
    events: [
        (at: "2012-02-28T10:00:00+01:00", event: TitleSet(title: "Coordination Committee")),
        (at: "2012-02-28T10:00:01+01:00", event: AttendeeAdded(name: "Lebanon", capacity: Some("President"))),
        (at: "2012-02-28T10:00:02+01:00", event: NoteRecorded(text: "Opened.")),
    ],
)
"#;

#[test]
fn list_shows_meetings_newest_first_and_flags_unreadable_ones() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let empty = scribe(dir.path(), &["list"]);
    assert!(empty.status.success());
    assert!(stdout(&empty).contains("No meetings"), "{}", stdout(&empty));

    std::fs::write(dir.path().join("a.ron"), MEETING).expect("write");
    std::fs::write(dir.path().join("broken.ron"), "(version: 1, events: [").expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not a meeting").expect("write");
    let older = dir.path().join("older.ron");
    std::fs::write(&older, MEETING.replace("Coordination Committee", "Older")).expect("write");
    let a_day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(&older)
        .and_then(|f| f.set_modified(a_day_ago))
        .expect("set the time");
    let listed = scribe(dir.path(), &["list"]);
    let out = stdout(&listed);
    assert!(listed.status.success());
    // Columns: number, date, title, series, size, state, file.
    let row = out
        .lines()
        .find(|l| l.ends_with("  a.ron"))
        .unwrap_or_else(|| panic!("a row for a.ron: {out}"));
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells[1..],
        [
            "2012-02-28",
            "Coordination Committee",
            "-",
            "1 entry",
            "open",
            "a.ron"
        ],
        "{out}"
    );
    assert!(
        out.contains("(cannot be read)") && out.contains("unreadable  broken.ron"),
        "{out}"
    );
    assert!(out.contains("    cannot be read: "), "{out}");
    assert!(!out.contains("notes"), "{out}");
    let position = |name: &str| out.find(name).unwrap_or(usize::MAX);
    assert!(
        position("  a.ron\n") < position("  older.ron\n"),
        "newest first: {out}"
    );
}

#[test]
fn opening_a_missing_file_says_how_to_start_one() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let missing = dir.path().join("nope.ron");
    let out = scribe(dir.path(), &["open", &missing.display().to_string()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("scribe new -o"), "{}", stderr(&out));
    assert!(!missing.exists());
}

#[test]
fn a_corrupt_file_is_refused_with_line_and_column_and_left_alone() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    let corrupt = MEETING.replace("NoteRecorded", "NoteRekorded");
    std::fs::write(&path, &corrupt).expect("write");
    let out = scribe(dir.path(), &["open", &path.display().to_string()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("m.ron:6:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), corrupt);
}

#[test]
fn a_file_from_a_newer_scribe_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING.replace("version: 1", "version: 7")).expect("write");
    let out = scribe(dir.path(), &["open", &path.display().to_string()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("newer scribe"), "{}", stderr(&out));
}

#[test]
fn new_never_overwrites_a_meeting() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING).expect("write");
    let out = scribe(dir.path(), &["new", "-o", &path.display().to_string()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), MEETING);
}

#[test]
fn without_a_terminal_nothing_is_created() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = scribe(dir.path(), &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
    let files = std::fs::read_dir(dir.path()).expect("read dir").count();
    assert_eq!(files, 0);
}

#[test]
fn help_lists_the_commands() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = stdout(&scribe(dir.path(), &["--help"]));
    for command in ["new", "open", "list", "--dir"] {
        assert!(out.contains(command), "{out}");
    }
    let new = stdout(&scribe(dir.path(), &["new", "--help"]));
    assert!(new.contains("--from") && new.contains("--output"), "{new}");
}

#[test]
fn export_takes_its_format_and_language_from_the_settings_unless_told() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING).expect("write");
    std::fs::write(
        dir.path().join("settings.ron"),
        "(export_format: \"html\", language: \"fr\")\n",
    )
    .expect("settings");
    let meeting = path.display().to_string();
    let html = scribe(dir.path(), &["export", &meeting]);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = stdout(&html);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("lang=\"fr"), "{html}");
    let told = scribe(
        dir.path(),
        &["export", &meeting, "-f", "md", "--lang", "en"],
    );
    let md = stdout(&told);
    assert!(md.starts_with("# Coordination Committee"), "{md}");
    assert!(md.contains("List of Attendees"), "{md}");
}

#[test]
fn export_writes_minutes_to_standard_output_or_a_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING).expect("write");
    let out = scribe(
        dir.path(),
        &["export", &path.display().to_string(), "--format", "md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(
        markdown.starts_with("# Coordination Committee"),
        "{markdown}"
    );
    assert!(markdown.contains("Lebanon (President)"), "{markdown}");
    // DOCX goes next to the meeting file unless told otherwise; the number from `scribe list`
    // names the meeting too.
    let out = scribe(dir.path(), &["export", "1", "-f", "docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docx = dir.path().join("m.docx");
    assert!(std::fs::read(&docx).expect("the docx").starts_with(b"PK"));
    assert!(stderr(&out).contains("m.docx"), "{}", stderr(&out));
    let html = dir.path().join("minutes.html");
    let out = scribe(
        dir.path(),
        &[
            "export",
            "m.ron",
            "-f",
            "html",
            "-o",
            &html.display().to_string(),
        ],
    );
    assert!(
        !out.status.success(),
        "m.ron is not a path from this folder's working directory"
    );
    let out = scribe(
        dir.path(),
        &[
            "export",
            &path.display().to_string(),
            "-f",
            "html",
            "-o",
            &html.display().to_string(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&html)
            .expect("the html")
            .contains("<h1")
    );
    let bad = scribe(
        dir.path(),
        &["export", &path.display().to_string(), "-f", "pdf"],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("'pdf' is not a format"),
        "{}",
        stderr(&bad)
    );
}

/// Errors are said once, in words: no io error repeated through the chain, no "(os error N)",
/// no parser internals for a file that is not a meeting at all.
#[test]
fn errors_are_said_once_in_words() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING).expect("write");
    std::fs::create_dir(dir.path().join("m.ron.journal")).expect("mkdir");
    let out = scribe(dir.path(), &["export", &path.display().to_string()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.matches("m.ron.journal").count(), 1, "{err}");
    assert!(
        err.contains("m.ron.journal is a folder, not a file"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let notes = dir.path().join("notes.ron");
    std::fs::write(&notes, "Dear all,\nthe minutes are attached.\n").expect("write");
    let out = scribe(dir.path(), &["export", &notes.display().to_string()]);
    let err = stderr(&out);
    assert!(
        err.contains("notes.ron is not a scribe meeting file"),
        "{err}"
    );
    assert_eq!(err.matches("notes.ron").count(), 1, "{err}");

    let missing = dir.path().join("gone.ron");
    let out = scribe(dir.path(), &["replay", &missing.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(err.matches("gone.ron").count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
}

/// `scribe list | head`, `scribe export … | head`: a reader that went away ends scribe quietly,
/// with success: no panic, no message.
#[test]
fn a_closed_pipe_ends_list_and_export_quietly() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("m.ron"), MEETING).expect("write");
    for args in [vec!["list"], vec!["export", "m.ron"]] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_scribe"))
            .args(&args)
            .current_dir(dir.path())
            .env("SCRIBE_DIR", dir.path())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run scribe");
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

/// Minutes far longer than what is held before writing (they are written as they render):
/// a reader that goes away half-way still ends the export quietly, and `-o -` writes to
/// standard output what `-o FILE` writes to the file.
#[test]
fn a_long_export_streams_to_stdout_and_stops_quietly_at_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let notes: String = (0..3000)
        .map(|n| {
            format!(
                "        (at: \"2012-02-28T10:01:00+01:00\", event: NoteRecorded(text: \"Note {n}: \
                 the delegation asked when the letters would go out to the capitals.\")),\n"
            )
        })
        .collect();
    let long = MEETING.replace("    ],\n)", &format!("{notes}    ],\n)"));
    let meeting = dir.path().join("m.ron");
    std::fs::write(&meeting, long).expect("write");
    let meeting = meeting.display().to_string();
    for format in ["md", "html", "txt", "docx"] {
        let file = dir.path().join(format!("out.{format}"));
        let out = scribe(
            dir.path(),
            &[
                "export",
                &meeting,
                "-f",
                format,
                "-o",
                &file.display().to_string(),
            ],
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let written = std::fs::read(&file).expect("the minutes");
        assert!(written.len() > 200_000 || format == "docx", "{format}");
        let piped = scribe(dir.path(), &["export", &meeting, "-f", format, "-o", "-"]);
        assert!(piped.status.success(), "{format}: {}", stderr(&piped));
        assert!(
            piped.stdout == written,
            "{format}: -o - is the same minutes"
        );
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let closed = Command::new(env!("CARGO_BIN_EXE_scribe"))
            .args(["export", "m.ron", "-f", format, "-o", "-"])
            .current_dir(dir.path())
            .env("SCRIBE_DIR", dir.path())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run scribe");
        assert!(closed.status.success(), "{format}: {closed:?}");
        assert_eq!(stderr(&closed), "", "{format}");
    }
}

/// A UTF-8 byte order mark (some editors add one) does not make a meeting unreadable.
#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, format!("\u{feff}{MEETING}")).expect("write");
    let out = scribe(dir.path(), &["export", &path.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Coordination Committee"));
}

/// Completion scripts for each shell and the manual page are made from the command line
/// itself: every command is in them.
#[test]
fn completions_and_the_manual_page_name_every_command() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let commands = [
        "new", "open", "replay", "export", "follow", "list", "search", "actions",
    ];
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = scribe(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in commands {
            assert!(script.contains(command), "{shell} completes no {command}");
        }
        assert!(
            script.contains("idle-limit"),
            "{shell} completes no options"
        );
    }
    let bad = scribe(dir.path(), &["completions", "cmd.exe"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bash"), "{}", stderr(&bad));

    let man = scribe(dir.path(), &["man"]);
    assert!(man.status.success(), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH scribe 1"),
        "{page}"
    );
    assert!(page.contains(".TH scribe 1"));
    for command in commands {
        assert!(page.contains(command), "the manual page has no {command}");
    }
    assert!(
        page.contains("Exit status"),
        "the exit codes are in the manual"
    );
}

/// `--help` documents the exit codes and where the settings and the log are; `--version` says
/// the version (and the git revision when built from a checkout).
#[test]
fn help_documents_exit_codes_and_files() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let help = Command::new(env!("CARGO_BIN_EXE_scribe"))
        .arg("--help")
        .env("SCRIBE_CONFIG", dir.path().join("my-settings.ron"))
        .env("SCRIBE_LOG", dir.path().join("my.log"))
        .output()
        .expect("run scribe");
    let text = stdout(&help);
    assert!(help.status.success());
    for wanted in ["Exit status", "0  done", "1  an error", "2  a command line"] {
        assert!(text.contains(wanted), "no '{wanted}' in:\n{text}");
    }
    assert!(text.contains("my-settings.ron"), "{text}");
    assert!(text.contains("my.log"), "{text}");
    let version = stdout(&scribe(dir.path(), &["--version"]));
    assert!(
        version.starts_with(&format!("scribe {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
}

/// `scribe config --default` is a file scribe reads back as the defaults; `scribe config`
/// says where the file is and what is wrong in it, with line and column.
#[test]
fn config_prints_a_default_file_and_checks_the_one_in_place() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let settings = dir.path().join("config.ron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_scribe"))
            .args(args)
            .env("SCRIBE_CONFIG", &settings)
            .output()
            .expect("run scribe")
    };
    let path = run(&["config", "--path"]);
    assert_eq!(stdout(&path).trim(), settings.display().to_string());

    let missing = run(&["config"]);
    assert!(missing.status.success());
    assert!(
        stderr(&missing).contains("defaults"),
        "{}",
        stderr(&missing)
    );

    let default = run(&["config", "--default"]);
    assert!(default.status.success());
    std::fs::write(&settings, &default.stdout).expect("write");
    let good = run(&["config"]);
    assert!(good.status.success(), "{}", stderr(&good));
    assert!(stderr(&good).contains("read well"), "{}", stderr(&good));

    std::fs::write(&settings, "(\n  mouse: maybe,\n)\n").expect("write");
    let bad = run(&["config"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("2:"),
        "line and column: {}",
        stderr(&bad)
    );

    // The default file ends with every action's name, and names it does not know, keys it
    // cannot read and colours it has not are found without starting the console.
    let listed = stdout(&default);
    for name in ["queue.add", "floor.next", "replay.seek_back"] {
        assert!(listed.contains(&format!("//   {name} ")), "{listed}");
    }
    std::fs::write(
        &settings,
        "(keys: {\"queue.ad\": [\"F2\"], \"floor.next\": [\"Hyper-Q\"]}, colors: {\"speaker\": \"mauve\"})\n",
    )
    .expect("write");
    let unusable = run(&["config"]);
    assert_eq!(unusable.status.code(), Some(1), "{}", stderr(&unusable));
    let said = stderr(&unusable);
    for problem in ["queue.ad", "Hyper-Q", "mauve", "3 problems"] {
        assert!(said.contains(problem), "{problem}: {said}");
    }
}

/// An empty SCRIBE_DIR is as good as none: the platform's folder is used, not an error.
#[test]
fn an_empty_scribe_dir_means_unset() {
    let home = tempfile::tempdir().expect("temporary folder");
    let out = Command::new(env!("CARGO_BIN_EXE_scribe"))
        .arg("list")
        .env("SCRIBE_DIR", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .output()
        .expect("run scribe");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No meetings"), "{}", stdout(&out));
    assert!(home.path().join("data/scribe").is_dir());
}

/// Exported minutes are for passing on: their mode follows the umask, while the meeting file
/// stays private.
#[test]
fn exports_follow_the_umask_and_meetings_stay_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary folder");
    let meeting = dir.path().join("m.ron");
    std::fs::write(&meeting, MEETING).expect("write");
    std::fs::set_permissions(&meeting, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let minutes = dir.path().join("m.html");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec '{}' export '{}' --format html -o '{}'",
            env!("CARGO_BIN_EXE_scribe"),
            meeting.display(),
            minutes.display()
        ))
        .output()
        .expect("run scribe under sh");
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&minutes), 0o644);
    assert_eq!(mode(&meeting), 0o600);
}

/// `-o` naming a named pipe writes the minutes into the pipe (as `-o /dev/null` writes into the
/// device): renaming a file over it, as files are written, would replace the pipe itself.
#[test]
fn export_into_a_named_pipe_writes_into_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MEETING).expect("write");
    let pipe = dir.path().join("minutes.pipe");
    let made = Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // The reader, as another program would be (it waits for a writer).
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(&pipe).expect("the pipe reads"))
    };
    let out = scribe(
        dir.path(),
        &[
            "export",
            &path.display().to_string(),
            "-f",
            "md",
            "-o",
            &pipe.display().to_string(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Before waiting for the reader: had the pipe been replaced, it would wait for ever.
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&pipe)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let read = String::from_utf8(reader.join().expect("the reader ends")).expect("text");
    assert!(read.starts_with("# Coordination Committee"), "{read}");
}
