//! The command line: parses arguments, finds, locks or creates the meeting, asks the few
//! questions that come before the console (reopen an unfinished meeting? follow a meeting
//! someone else is minuting? read a very large file?), and hands over to the runtime. Nothing
//! else.
//!
//! Everything it prints goes through the cleaning gate (`text::printable`: a file name or a
//! lock file can hold escape sequences) and ignores a closed stream: `scribe list | head` ends
//! quietly, and a terminal that went away never makes it panic.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};

use scribe::clock::Clock;
use scribe::export::{ExportError, Format, Options as ExportOptions};
use scribe::meeting::setup::setup_events;
use scribe::meeting::{Meeting, Stamped};
use scribe::replay::pace::Pace;
use scribe::runtime::{self, Session};
use scribe::store::disk::{self, Opened};
use scribe::store::file::StoreError;
use scribe::store::lock::{self, LockError};
use scribe::store::safe::MEETING_LIMIT;
use scribe::store::{self, paths};
use scribe::text::{printable, printable_path as shown};

/// A terminal console for taking the minutes of a formal meeting.
///
/// With no command, starts a new meeting in the data directory (or offers to reopen the last
/// one if it was left unfinished).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Folder for meetings (default: the platform's data directory; also SCRIBE_DIR)
    #[arg(long, global = true, env = "SCRIBE_DIR", value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Commands>,
}

#[derive(Subcommand)]
enum Commands {
    /// Start a new meeting
    New {
        /// Where to save it (default: a new file named by date in the data directory)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Start from the title, place, roster, chair and agenda of this meeting file
        #[arg(long, value_name = "TEMPLATE.ron")]
        from: Option<PathBuf>,
    },
    /// Continue a meeting where it stopped (after a quit or a crash)
    Open {
        /// The meeting file
        file: PathBuf,
    },
    /// Play a meeting back as it unfolded: pause, step, seek, jump, search
    Replay {
        /// The meeting file, or its number in `scribe list` (1 is the newest)
        meeting: String,
        /// How many times faster than it happened (0.5 to 64)
        #[arg(long, default_value_t = 1.0, value_name = "X")]
        speed: f64,
        /// Shorten every silence longer than S seconds to S
        #[arg(long, value_name = "S")]
        idle_limit: Option<f64>,
        /// Start at this time of the meeting (HH:MM:SS or HH:MM)
        #[arg(long, value_name = "HH:MM:SS", value_parser = parse_time)]
        at: Option<chrono::NaiveTime>,
    },
    /// Write a meeting's minutes (to standard output for md, html and txt without -o)
    Export {
        /// The meeting file, or its number in `scribe list` (1 is the newest)
        meeting: String,
        /// md, html, txt or docx
        #[arg(short, long, default_value = "md", value_parser = parse_format)]
        format: Format,
        /// Where to write (default: standard output; for docx, next to the meeting file; - for
        /// standard output)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// A timestamp on each entry
        #[arg(long)]
        times: bool,
        /// Speaking time per attendee and per item, number of interventions
        #[arg(long)]
        stats: bool,
        /// Number the paragraphs of the items (1., 2., ...), as UN minutes do
        #[arg(long)]
        numbered: bool,
        /// Language of labels and dates: en, fr, or CODE with i18n/CODE.ron in the config folder
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// draft (marked DRAFT on every page) or final (with an approval block)
        #[arg(long, value_parser = scribe::export::args::parse_status)]
        status: Option<scribe::export::DocStatus>,
        /// The document symbol, shown in the title block and the running header
        #[arg(long, value_name = "SYMBOL")]
        symbol: Option<String>,
        /// Date of issue (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        issued: Option<chrono::NaiveDate>,
        /// When the minutes were approved, for the approval block of final minutes
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        approved: Option<chrono::NaiveDate>,
        /// Who took the minutes ("Prepared by"); repeat for several
        #[arg(long, value_name = "NAME")]
        prepared_by: Vec<String>,
        /// How decisions are numbered, from {meeting}, {n}, {item}, {year} (default
        /// {meeting}/{n}, or {n} when the meeting's number is not known)
        #[arg(long, value_name = "PATTERN", value_parser = scribe::export::args::parse_decision_numbers)]
        decision_numbers: Option<String>,
        /// The meeting's number in its series, when the title does not start with it ("12th")
        #[arg(long, value_name = "N")]
        meeting_number: Option<u32>,
        /// A Word document whose styles, page set-up, header and footer the DOCX takes
        /// (default: reference.docx in the config folder, if there is one)
        #[arg(long, value_name = "FILE.docx")]
        reference_doc: Option<PathBuf>,
    },
    /// Watch a meeting being minuted elsewhere, read-only, as it happens
    Follow {
        /// The meeting file
        file: PathBuf,
    },
    /// List the meetings in the data directory, newest first
    List,
}

fn main() {
    match run() {
        Ok(()) => {}
        // The reader went away (`scribe list | head`): nothing more to say, and no failure.
        Err(error) if error.downcast_ref::<Closed>().is_some() => {}
        Err(error) => {
            tell(&format!("scribe: {error:#}"));
            std::process::exit(1);
        }
    }
}

/// Standard output was closed under us (a pipe whose reader stopped, a terminal gone).
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
struct Closed;

/// Does this error mean the other end of the stream has gone?
fn is_closed(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe || error.raw_os_error() == Some(libc::EIO)
}

/// Prints a line on standard output through the cleaning gate; a closed stream is [`Closed`].
fn print(line: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{}", printable(line))
        .and_then(|()| out.flush())
        .map_err(|e| {
            if is_closed(&e) {
                anyhow!(Closed)
            } else {
                anyhow!(e).context("cannot write to standard output")
            }
        })
}

/// Tells the note-taker something on standard error, through the cleaning gate, ignoring a
/// closed stream (nobody is there to read it, and `eprintln!` would panic).
fn tell(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", printable(line));
    let _ = err.flush();
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    let clock = match std::env::var("SCRIBE_CLOCK") {
        Ok(spec) if !spec.is_empty() => Clock::parse(&spec).map_err(anyhow::Error::msg)?,
        _ => Clock::Local,
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        None => {
            let dir = paths::data_dir(cli.dir)?;
            match paths::unfinished(&dir) {
                Some(summary) if offer_reopen(&summary)? => open(&summary.path, clock, color),
                _ => new_meeting(Some(dir), None, None, clock, color),
            }
        }
        Some(Commands::New { output, from }) => {
            let dir = match output {
                Some(_) => None,
                None => Some(paths::data_dir(cli.dir)?),
            };
            new_meeting(dir, output, from, clock, color)
        }
        Some(Commands::Open { file }) => open(&file, clock, color),
        Some(Commands::Follow { file }) => {
            ensure_terminal()?;
            runtime::follow(&file, clock, color)
        }
        Some(Commands::Replay {
            meeting,
            speed,
            idle_limit,
            at,
        }) => {
            let path = meeting_path(cli.dir, &meeting)?;
            let events = read_meeting(&path).context("cannot replay it")?;
            if !(0.5..=64.0).contains(&speed) {
                bail!("--speed must be between 0.5 and 64, not {speed}");
            }
            let idle = match idle_limit {
                Some(s) if s.is_finite() && s > 0.0 => Some(std::time::Duration::from_secs_f64(s)),
                Some(s) => bail!("--idle-limit must be a positive number of seconds, not {s}"),
                None => None,
            };
            ensure_terminal()?;
            runtime::replay(&path, events, Pace::new(speed, idle), at, color)
        }
        Some(Commands::Export {
            meeting,
            format,
            output,
            times,
            stats,
            numbered,
            lang,
            status,
            symbol,
            issued,
            approved,
            prepared_by,
            decision_numbers,
            meeting_number,
            reference_doc,
        }) => {
            let path = meeting_path(cli.dir, &meeting)?;
            let events = read_meeting(&path).context("cannot export it")?;
            let options = ExportOptions {
                times,
                stats,
                numbered,
                templates: templates_dir(),
                language: lang,
                status,
                symbol,
                issued: issued.or_else(|| Some(clock.now().date_naive())),
                approved,
                prepared_by,
                decision_numbers,
                meeting_number,
                reference_doc,
            };
            let bytes = export(&Meeting::fold(&events), format, options)?;
            // `-o -` is standard output.
            let output = match output {
                Some(out) if out.as_os_str() == "-" => None,
                Some(out) => Some(out),
                None => (format == Format::Docx).then(|| path.with_extension(format.extension())),
            };
            match output {
                Some(out) => {
                    store::file::write_atomic(&out, &bytes)?;
                    tell(&format!("Minutes written to {}", shown(&out)));
                }
                None => {
                    let mut stdout = io::stdout().lock();
                    match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                        Err(e) if is_closed(&e) => return Err(anyhow!(Closed)),
                        other => other.context("cannot write to standard output")?,
                    }
                }
            }
            Ok(())
        }
        Some(Commands::List) => list(cli.dir),
    }
}

/// md, html, txt or docx.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("'{name}' is not a format: use md, html, txt or docx"))
}

/// Exports with the note-taker's templates; when their folder cannot be read, with the
/// built-in ones, saying so.
fn export(meeting: &Meeting, format: Format, options: ExportOptions) -> Result<Vec<u8>> {
    match scribe::export::export(meeting, format, &options) {
        Err(ExportError::ReadTemplate { path, source }) => {
            tell(&format!(
                "scribe: cannot read the template {} ({}): using the built-in template",
                shown(&path),
                store::file::describe(&source)
            ));
            let builtin = ExportOptions {
                templates: None,
                ..options
            };
            Ok(scribe::export::export(meeting, format, &builtin)?)
        }
        other => Ok(other?),
    }
}

/// Reads a meeting to look at it (replay, export, a template): a file larger than scribe
/// expects is read only when the note-taker says so; what the reader recovered or left out (a
/// file cut short, damage and where the rest is) is said on standard error.
fn read_meeting(path: &Path) -> Result<Vec<Stamped>> {
    let opened = within_limit(|limit| store::disk::open_within(path, limit))?;
    for notice in &opened.notices {
        if !notice.ends_with("recovered from the journal") {
            tell(&format!("scribe: {notice}"));
        }
    }
    Ok(opened.events)
}

/// Runs `read` with the usual size limit; if the file is larger, asks (on a terminal) whether
/// to read it anyway, and reads it with a limit that lets it in.
fn within_limit<T>(read: impl Fn(u64) -> Result<T, StoreError>) -> Result<T> {
    match read(MEETING_LIMIT) {
        Err(StoreError::TooLarge { path, size, limit }) => {
            let question = format!(
                "{} is {} MB, more than the {} MB scribe expects of a meeting. Read it anyway?",
                shown(&path),
                size.div_ceil(1 << 20),
                limit >> 20
            );
            if ask(&question, false)? {
                Ok(read(size.saturating_mul(2))?)
            } else {
                Err(StoreError::TooLarge { path, size, limit }.into())
            }
        }
        other => Ok(other?),
    }
}

/// scribe's config folder (the platform's): its `minutes.md.j2`, `minutes.html.j2` and
/// `minutes.txt.j2` replace the built-in export templates, its `i18n/CODE.ron` add languages
/// and its `reference.docx` styles the DOCX.
fn templates_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "scribe").map(|p| p.config_dir().to_path_buf())
}

/// `HH:MM:SS` or `HH:MM`.
fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| format!("'{text}' is not a time: use HH:MM:SS"))
}

/// A meeting named on the command line: a file, or a number from `scribe list`.
fn meeting_path(dir: Option<PathBuf>, name: &str) -> Result<PathBuf> {
    let path = PathBuf::from(name);
    if path.exists() {
        return Ok(path);
    }
    if let Ok(number) = name.parse::<usize>() {
        let dir = paths::data_dir(dir)?;
        let meetings = paths::list(&dir)?;
        return match number.checked_sub(1).and_then(|i| meetings.get(i)) {
            Some(summary) => Ok(summary.path.clone()),
            None => bail!(
                "there is no meeting {number} in {} ({} there; `scribe list` numbers them)",
                shown(&dir),
                meetings.len()
            ),
        };
    }
    bail!("{} does not exist", shown(&path))
}

/// The meeting file to write: a link the note-taker made is followed once, here, so that every
/// write goes to the file it leads to (and the files beside that one), never replacing the link
/// with a file. Returns the path and, for a link, a notice saying where the meeting is saved.
fn resolve(file: &Path) -> Result<(PathBuf, Option<String>)> {
    match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(file)
                .with_context(|| format!("{} is a link that leads nowhere", shown(file)))?;
            let notice = format!(
                "{} is a link: the meeting is saved in {}",
                shown(file),
                shown(&target)
            );
            Ok((target, Some(notice)))
        }
        _ => Ok((file.to_path_buf(), None)),
    }
}

/// Opens a meeting for minuting: takes its lock (or offers the follow view when someone holds
/// it), reads it back, and runs the console.
fn open(file: &Path, clock: Clock, color: bool) -> Result<()> {
    if !file.exists() {
        bail!(
            "{} does not exist (`scribe new -o {}` starts a new meeting there)",
            shown(file),
            shown(file)
        );
    }
    // A plain file, before anything is made beside it (a FIFO or a device is refused here,
    // not waited on; no lock file is made in /dev).
    store::safe::open_read(file, store::safe::Links::Follow).context("cannot open the meeting")?;
    let (file, link) = resolve(file)?;
    let file = file.as_path();
    let (lock, previous) = match lock::acquire(file, clock.now()) {
        Ok(taken) => taken,
        Err(LockError::Held { meeting, holder }) => {
            let who = holder.map_or("another scribe".to_string(), |h| h.to_string());
            tell(&format!("{} is being minuted by {who}.", shown(&meeting)));
            if ask("Follow it read-only instead?", true)? {
                return runtime::follow(file, clock, color);
            }
            bail!(
                "{} is in use; `scribe follow` shows it read-only",
                shown(&meeting)
            );
        }
        Err(LockError::Io(e)) => return Err(e.into()),
    };
    let mut opened = within_limit(|limit| disk::open_for_writing(file, limit))
        .context("cannot open the meeting")?;
    ensure_terminal()?;
    if let Some(previous) = previous {
        opened.notices.insert(
            0,
            format!("the previous session ({previous}) had not quit cleanly"),
        );
    }
    opened.notices.extend(link);
    runtime::minute(
        Session {
            path: file.to_path_buf(),
            opened,
            lock,
            templates: templates_dir(),
        },
        clock,
        color,
    )
}

fn new_meeting(
    dir: Option<PathBuf>,
    output: Option<PathBuf>,
    template: Option<PathBuf>,
    clock: Clock,
    color: bool,
) -> Result<()> {
    let now = clock.now();
    let path = match (output, dir) {
        (Some(path), _) => {
            // Anything there, a link included (even one leading nowhere), is never replaced.
            if std::fs::symlink_metadata(&path).is_ok() {
                bail!(
                    "{} already exists: `scribe open {}` continues it",
                    shown(&path),
                    shown(&path)
                );
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                paths::create_private_dir(parent)?;
            }
            path
        }
        (None, Some(dir)) => paths::new_meeting_path(&dir, now),
        (None, None) => bail!("no folder for the new meeting"),
    };
    let events: Vec<Stamped> = match template {
        Some(template) => {
            let events = read_meeting(&template).context("cannot use it as a template")?;
            setup_events(&Meeting::fold(&events))
                .into_iter()
                .map(|event| Stamped { at: now, event })
                .collect()
        }
        None => Vec::new(),
    };
    ensure_terminal()?;
    let (lock, _) = lock::acquire(&path, now).map_err(anyhow::Error::from)?;
    store::save(&path, &events)?;
    let opened = Opened {
        in_snapshot: events.len(),
        events,
        notices: disk::network_notice(&path).into_iter().collect(),
        draft: None,
    };
    let session = Session {
        path,
        opened,
        lock,
        templates: templates_dir(),
    };
    runtime::minute(session, clock, color)
}

/// Asks before reopening the last meeting when it was left unfinished.
fn offer_reopen(summary: &paths::Summary) -> Result<bool> {
    let (title, entries) = match &summary.meeting {
        Ok(m) if !m.meta.title.is_empty() => (m.meta.title.clone(), m.entries.len()),
        Ok(m) => ("an untitled meeting".to_string(), m.entries.len()),
        Err(_) => return Ok(false),
    };
    tell(&format!(
        "The last meeting was not closed: {title} ({entries} entries), {}.",
        shown(&summary.path)
    ));
    ask("Reopen it? (no starts a new meeting)", true)
}

/// Asks a yes/no question on the terminal; `default` when the answer is empty. Without a
/// terminal to ask on, the answer is no.
fn ask(question: &str, default: bool) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    let hint = if default { "[Y/n]" } else { "[y/N]" };
    {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{} {hint} ", printable(question));
        let _ = err.flush();
    }
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(match answer.trim().to_lowercase().as_str() {
        "" => default,
        a => a.starts_with('y'),
    })
}

/// The console needs a terminal on both ends; checked after the arguments, before anything is
/// created.
fn ensure_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("scribe is a full-screen console and needs a terminal (`scribe list` does not)");
    }
    Ok(())
}

fn list(dir: Option<PathBuf>) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let meetings = paths::list(&dir)?;
    if meetings.is_empty() {
        return print(&format!(
            "No meetings in {} yet: `scribe` starts one.",
            shown(&dir)
        ));
    }
    for (number, summary) in meetings.into_iter().enumerate() {
        let name = format!("{}. {}", number + 1, shown(&summary.path));
        match summary.meeting {
            Ok(m) => {
                let title = if m.meta.title.is_empty() {
                    "(untitled)"
                } else {
                    m.meta.title.as_str()
                };
                let date = m
                    .meta
                    .date
                    .map(|d| d.to_string())
                    .or_else(|| m.entries.first().map(|e| e.at.date_naive().to_string()))
                    .unwrap_or_else(|| "-".into());
                let state = match (&summary.holder, m.closed) {
                    (Some(holder), _) => format!("being minuted by {holder}"),
                    (None, _) if summary.interrupted => {
                        "did not stop cleanly (`scribe open` recovers it)".to_string()
                    }
                    (None, Some(_)) => "closed".to_string(),
                    (None, None) => "open".to_string(),
                };
                print(&format!(
                    "{name}\n    {title} · {date} · {} entries · {} attendees · {state}",
                    m.entries.len(),
                    m.roster.len()
                ))?;
                for notice in &summary.notices {
                    print(&format!("    {notice}"))?;
                }
            }
            Err(error) => print(&format!("{name}\n    cannot be read: {error}"))?,
        }
    }
    Ok(())
}
