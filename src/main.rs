//! The command line: parses arguments, finds, locks or creates the meeting, asks the few
//! questions that come before the console (reopen an unfinished meeting? follow a meeting
//! someone else is minuting? read a very large file?), and hands over to the runtime; after
//! it, commits a closed meeting to the archive. The archive's commands (`list`, `search`,
//! `actions`, `template`, `archive init|sync`) call the library (`scribe::archive`) and print
//! what it returns. Nothing else.
//!
//! Everything it prints goes through the cleaning gate (`text::printable`: a file name or a
//! lock file can hold escape sequences) and ignores a closed stream: `scribe list | head` ends
//! quietly, and a terminal that went away never makes it panic.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};

use scribe::archive::actions::Wanted;
use scribe::archive::catalog::Filter;
use scribe::archive::report::{self, Piece};
use scribe::archive::{Archive, Catalog, Kind, Query, git, next};
use scribe::clock::Clock;
use scribe::export::{ExportError, Format, Options as ExportOptions};
use scribe::meeting::setup::Plan;
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
        /// Start from the title, place, series, roster, chair and agenda of this meeting or
        /// template (a file, a number from `scribe list`, or an id); a meeting's open action
        /// points (and its series') are carried in; a template's "{nth}" is numbered
        #[arg(long, value_name = "TEMPLATE.ron")]
        from: Option<String>,
        /// The series the meeting belongs to; without --from, starts from the newest meeting
        /// of the series, numbered after it ("12th" → "13th"); the series' open action points
        /// are carried in
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// The roster from a spreadsheet exported as CSV (columns: name, capacity, label,
        /// aliases, group, named in a header row)
        #[arg(long, value_name = "people.csv")]
        roster: Option<PathBuf>,
        /// The agenda from a list, one item a line (numbered or not; `~20m` at the end is the
        /// time planned)
        #[arg(long, value_name = "agenda.txt")]
        agenda: Option<PathBuf>,
    },
    /// Continue a meeting where it stopped (after a quit or a crash)
    Open {
        /// The meeting file, its number in `scribe list`, or its id
        file: String,
    },
    /// Play a meeting back as it unfolded: pause, step, seek, jump, search
    Replay {
        /// The meeting file, its number in `scribe list` (1 is the newest), or its id
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
        /// The meeting file, its number in `scribe list` (1 is the newest), or its id
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
        /// The meeting file, its number in `scribe list`, or its id
        file: String,
    },
    /// List the meetings in the data directory, newest first: number, date, title, series,
    /// size, state and id (a number or an id names a meeting in the other commands)
    List {
        /// Only the meetings of this series
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// Only meetings held on or after this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Only meetings held on or before this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        until: Option<chrono::NaiveDate>,
        /// Only meetings with this in their title, series or id
        text: Option<String>,
    },
    /// Search the minutes of every meeting (accents and case aside; struck entries are not
    /// searched)
    Search {
        /// The words to find, as a phrase ("" for every entry the options let through)
        text: String,
        /// Said by this speaker (any part of their label as it was then)
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// statement, note, action, decision or motion
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Only in meetings of this series
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// Only in meetings held on or after this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Only in meetings held on or before this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = scribe::export::args::parse_date)]
        until: Option<chrono::NaiveDate>,
        /// At most this many hits
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print the hits as JSON
        #[arg(long)]
        json: bool,
    },
    /// Every action point of every meeting: owners, due date, where it was agreed, and whether
    /// it is done (in its meeting or in any later meeting it was carried into)
    Actions {
        /// Only those still open
        #[arg(long)]
        open: bool,
        /// Only those this owner has (any part of the name)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Only those of this series
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Keep a meeting's setup (title as a pattern, place, series, roster, chair, agenda) as a
    /// template for `scribe new --from`
    Template {
        /// The meeting file, its number in `scribe list`, or its id
        meeting: String,
        /// The template file to write (never over an existing file)
        #[arg(short, long, value_name = "TEMPLATE.ron")]
        output: PathBuf,
    },
    /// Share the data directory through git
    Archive {
        #[command(subcommand)]
        command: ArchiveCommand,
    },
}

#[derive(Subcommand)]
enum ArchiveCommand {
    /// Make the data directory a git repository (or adopt the one it is in); closed meetings
    /// are committed from now on. With REMOTE, share it there (its meetings arrive here)
    Init {
        /// A git remote (URL or path) to share the archive through
        remote: Option<String>,
    },
    /// Commit the closed meetings not committed yet, bring in the remote's meetings and send
    /// ours
    Sync,
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
                _ => {
                    let asks = New {
                        from: None,
                        series: None,
                        roster: None,
                        agenda: None,
                    };
                    new_meeting(Some(dir), None, asks, clock, color)
                }
            }
        }
        Some(Commands::New {
            output,
            from,
            series,
            roster,
            agenda,
        }) => {
            let asks = New {
                from,
                series,
                roster,
                agenda,
            };
            // With -o alone the data directory is not needed (nor made).
            let dir = match (&output, asks.needs_archive()) {
                (Some(_), false) => None,
                _ => Some(paths::data_dir(cli.dir)?),
            };
            new_meeting(dir, output, asks, clock, color)
        }
        Some(Commands::Open { file }) => {
            let path = meeting_path(cli.dir, &file).map_err(|e| match e.downcast::<Unknown>() {
                Ok(_) => anyhow!(
                    "{} does not exist (`scribe new -o {}` starts a new meeting there)",
                    printable(&file),
                    printable(&file)
                ),
                Err(e) => e,
            })?;
            open(&path, clock, color)
        }
        Some(Commands::Follow { file }) => {
            let path = meeting_path(cli.dir, &file)?;
            ensure_terminal()?;
            runtime::follow(&path, clock, color)
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
        Some(Commands::List {
            series,
            since,
            until,
            text,
        }) => list(
            cli.dir,
            &Filter {
                series,
                since,
                until,
                text,
            },
        ),
        Some(Commands::Search {
            text,
            speaker,
            kind,
            series,
            since,
            until,
            limit,
            json,
        }) => {
            let query = Query {
                text,
                speaker,
                kind,
                series,
                since,
                until,
                limit,
            };
            search(cli.dir, &query, json, color)
        }
        Some(Commands::Actions {
            open,
            owner,
            series,
            json,
        }) => {
            let wanted = Wanted {
                open,
                owner,
                series,
            };
            actions(cli.dir, &wanted, json, clock.now().date_naive())
        }
        Some(Commands::Template { meeting, output }) => {
            let path = meeting_path(cli.dir, &meeting)?;
            let events = read_meeting(&path).context("cannot make a template of it")?;
            let meeting = Meeting::fold(&events);
            let text = scribe::archive::template::file(&meeting, clock.now());
            store::file::write_new(&output, text.as_bytes()).map_err(|e| {
                if std::fs::symlink_metadata(&output).is_ok() {
                    anyhow!("{} already exists: choose another name", shown(&output))
                } else {
                    anyhow!(e)
                }
            })?;
            tell(&format!(
                "Template written to {}: \"{}\", {} attendees, {} items (`scribe new --from {}` \
                 starts a meeting from it)",
                shown(&output),
                scribe::archive::title::pattern(&meeting.meta.title),
                meeting.roster.len(),
                meeting.agenda.items().len(),
                shown(&output)
            ));
            Ok(())
        }
        Some(Commands::Archive { command }) => {
            let dir = paths::data_dir(cli.dir)?;
            let catalog = catalog(&dir)?;
            let closed = closed_meetings(&catalog);
            match command {
                ArchiveCommand::Init { remote } => {
                    let done = git::init(&dir, remote.as_deref(), &closed)?;
                    tell(&format!(
                        "{} {} as the archive: closed meetings are committed to it ({} now).",
                        if done.created { "Made" } else { "Adopted" },
                        if done.created {
                            format!("a git repository in {}", shown(&dir))
                        } else {
                            format!("the git repository {}", shown(&done.top))
                        },
                        done.committed
                    ));
                    if let Some(synced) = &done.synced {
                        tell_synced(synced);
                    }
                    Ok(())
                }
                ArchiveCommand::Sync => {
                    let synced = git::sync(&dir, &closed)?;
                    tell_synced(&synced);
                    Ok(())
                }
            }
        }
    }
}

/// What `scribe new` was asked for besides where to save.
struct New {
    from: Option<String>,
    series: Option<String>,
    roster: Option<PathBuf>,
    agenda: Option<PathBuf>,
}

impl New {
    /// Does the new meeting need the archive (a meeting named by number or id, a series)?
    fn needs_archive(&self) -> bool {
        self.series.is_some() || self.from.is_some()
    }
}

/// `statement`, `note`, `action`, `decision` or `motion`.
fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::from_name(name).ok_or_else(|| {
        format!("'{name}' is not a kind of entry: use statement, note, action, decision or motion")
    })
}

/// A progress bar on standard error while the archive's extracts are made, when standard
/// error is a terminal; nothing otherwise.
struct Progress {
    terminal: bool,
    shown: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            terminal: io::stderr().is_terminal(),
            shown: false,
        }
    }

    fn draw(&mut self, done: usize, total: usize) {
        if !self.terminal || total == 0 {
            return;
        }
        const WIDTH: usize = 30;
        let filled = done * WIDTH / total;
        let line = format!(
            "Indexing meetings for the search [{}{}] {done}/{total}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r{}", printable(&line));
        let _ = err.flush();
        self.shown = true;
    }

    fn finish(&mut self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(72));
            let _ = err.flush();
            self.shown = false;
        }
    }
}

/// The archive of the data directory `dir`, its extracts brought up to date (with a progress
/// bar when that takes a while); notices about the cache are said once.
fn catalog(dir: &Path) -> Result<Catalog> {
    let archive = Archive::new(dir, Archive::default_cache_root());
    let mut progress = Progress::new();
    let loaded = archive.load(&mut |done, total| progress.draw(done, total));
    progress.finish();
    let catalog = loaded?;
    for notice in &catalog.notices {
        tell(&format!("scribe: {notice}"));
    }
    Ok(catalog)
}

/// The closed meetings of the archive that nobody is minuting: what git commits.
fn closed_meetings(catalog: &Catalog) -> Vec<git::Closed> {
    catalog
        .meetings
        .iter()
        .filter(|m| m.holder.is_none())
        .filter_map(|m| {
            let summary = m.summary.as_ref().ok()?;
            summary.closed?;
            Some(git::Closed {
                path: m.path.clone(),
                title: summary.title.clone(),
                date: summary.date,
            })
        })
        .collect()
}

fn tell_synced(synced: &git::Synced) {
    let received = match synced.received.len() {
        0 => "no new meeting arrived".to_string(),
        1 => format!("1 meeting arrived ({})", synced.received[0]),
        n => format!("{n} meetings arrived ({})", synced.received.join(", ")),
    };
    tell(&format!(
        "Synced: {} committed, {received}, {} commit{} sent.",
        synced.committed,
        synced.sent,
        if synced.sent == 1 { "" } else { "s" }
    ));
}

/// After the console: a closed meeting is committed to the archive its folder is (when it is
/// one). Never an error: the meeting is saved either way.
fn commit_if_closed(path: &Path) {
    let Ok(opened) = store::disk::open(path) else {
        return;
    };
    let meeting = Meeting::fold(&opened.events);
    if meeting.closed.is_none() {
        return;
    }
    let folder = store::file::folder_of(path);
    let date =
        scribe::archive::extract::meeting_date(&meeting, opened.events.first().map(|e| e.at));
    match git::commit_closed(&folder, path, &meeting.meta.title, date) {
        Ok(git::Committed::Yes) => tell(&format!(
            "Committed to the archive: {}",
            if meeting.meta.title.is_empty() {
                "(untitled)"
            } else {
                meeting.meta.title.as_str()
            }
        )),
        Ok(_) => {}
        Err(e) => tell(&format!(
            "scribe: the meeting is saved, but was not committed to the archive: {e}; \
             `scribe archive sync` commits it"
        )),
    }
}

fn list(dir: Option<PathBuf>, filter: &Filter) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    if catalog.meetings.is_empty() {
        return print(&format!(
            "No meetings in {} yet: `scribe` starts one.",
            shown(&dir)
        ));
    }
    let lines = report::list(&catalog, filter);
    if lines.len() <= 1 {
        tell(&format!(
            "No meeting in {} fits ({} in all: `scribe list` shows them).",
            shown(&dir),
            catalog.meetings.len()
        ));
        return Ok(());
    }
    for line in lines {
        print(&line)?;
    }
    Ok(())
}

/// The hits' text with the matches marked: bold and underlined on a terminal with colours,
/// `**` around them otherwise. Every piece goes through the cleaning gate.
fn marked(pieces: &[Piece], styled: bool) -> String {
    let (open, close) = if styled {
        ("\u{1b}[1;4m", "\u{1b}[0m")
    } else {
        ("**", "**")
    };
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => printable(text),
            Piece::Match(text) => format!("{open}{}{close}", printable(text)),
        })
        .collect()
}

/// Writes a line already through the gate (its marks are ours); a closed stream is [`Closed`].
fn print_raw(line: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| {
            if is_closed(&e) {
                anyhow!(Closed)
            } else {
                anyhow!(e).context("cannot write to standard output")
            }
        })
}

fn search(dir: Option<PathBuf>, query: &Query, json: bool, color: bool) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    let found = catalog.search(query);
    for (path, why) in &found.skipped {
        tell(&format!("scribe: {} was not searched: {why}", shown(path)));
    }
    if json {
        let hits: Vec<_> = found.hits.iter().map(report::hit_json).collect();
        return print(&report::json_text(&serde_json::Value::Array(hits)));
    }
    let styled = color && io::stdout().is_terminal();
    for hit in &found.hits {
        print(&report::hit_heading(hit))?;
        print_raw(&format!(
            "    {}",
            marked(&report::hit_line(hit, 160), styled)
        ))?;
    }
    let meetings = found
        .hits
        .iter()
        .map(|h| &h.meeting)
        .collect::<std::collections::HashSet<_>>()
        .len();
    tell(&match found.hits.len() {
        0 => format!("Nothing found in {} meetings.", found.searched),
        n => format!(
            "{n} entr{} in {meetings} of {} meetings{}.",
            if n == 1 { "y" } else { "ies" },
            found.searched,
            if found.truncated {
                " (the limit; there may be more)"
            } else {
                ""
            }
        ),
    });
    Ok(())
}

fn actions(
    dir: Option<PathBuf>,
    wanted: &Wanted,
    json: bool,
    today: chrono::NaiveDate,
) -> Result<()> {
    let dir = paths::data_dir(dir)?;
    let catalog = catalog(&dir)?;
    let points = catalog.actions();
    let shown_points: Vec<_> = points.iter().filter(|p| wanted.matches(p)).collect();
    if json {
        let values: Vec<_> = shown_points
            .iter()
            .map(|p| report::action_json(p, today))
            .collect();
        return print(&report::json_text(&serde_json::Value::Array(values)));
    }
    if shown_points.is_empty() {
        tell(&format!(
            "No action points{} ({} in all).",
            if wanted.open { " open" } else { "" },
            points.len()
        ));
        return Ok(());
    }
    for line in report::actions(&shown_points, today) {
        print(&line)?;
    }
    let open = shown_points.iter().filter(|p| p.is_open()).count();
    let overdue = shown_points.iter().filter(|p| p.overdue(today)).count();
    tell(&format!(
        "{} action points: {open} open ({overdue} overdue), {} done.",
        shown_points.len(),
        shown_points.len() - open
    ));
    Ok(())
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

/// No meeting has that name (no file, no number, no id).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Unknown(String);

/// A meeting named on the command line: a file, an id (the stem of a file in the data
/// directory: `2026-03-12-1000`), or a number from `scribe list` (1 is the newest).
fn meeting_path(dir: Option<PathBuf>, name: &str) -> Result<PathBuf> {
    let path = PathBuf::from(name);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok(path);
    }
    let dir = paths::data_dir(dir)?;
    // An id (a stem: no folder, no `.ron`, which would make it a path) names a file in the
    // data directory, found without reading any.
    let id = !name.is_empty()
        && !name.contains('/')
        && !name.starts_with('.')
        && !name.ends_with(".ron");
    if id {
        let file = dir.join(format!("{name}.ron"));
        if std::fs::symlink_metadata(&file).is_ok() {
            return Ok(file);
        }
    }
    if let Ok(number) = name.parse::<usize>() {
        let catalog = catalog(&dir)?;
        return match catalog.find(name) {
            Some(found) => Ok(found.path.clone()),
            None => bail!(
                "there is no meeting {number} in {} ({} there; `scribe list` numbers them)",
                shown(&dir),
                catalog.meetings.len()
            ),
        };
    }
    Err(anyhow!(Unknown(format!(
        "{} does not exist, and no meeting in {} has that id (`scribe list` shows them)",
        shown(&path),
        shown(&dir)
    ))))
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
    )?;
    commit_if_closed(file);
    Ok(())
}

fn new_meeting(
    dir: Option<PathBuf>,
    output: Option<PathBuf>,
    asks: New,
    clock: Clock,
    color: bool,
) -> Result<()> {
    let now = clock.now();
    // Everything that can be refused is read before anything is made.
    let plan = plan(dir.as_deref(), &asks)?;
    let path = match (output, &dir) {
        (Some(path), _) => {
            // Anything there, a link included (even one leading nowhere), is never replaced.
            if std::fs::symlink_metadata(&path).is_ok() {
                bail!(
                    "{} already exists: `scribe open {}` continues it",
                    shown(&path),
                    shown(&path)
                );
            }
            path
        }
        (None, Some(dir)) => paths::new_meeting_path(dir, now),
        (None, None) => bail!("no folder for the new meeting"),
    };
    let events: Vec<Stamped> = plan
        .events()
        .into_iter()
        .map(|event| Stamped { at: now, event })
        .collect();
    ensure_terminal()?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        paths::create_private_dir(parent)?;
    }
    let (lock, _) = lock::acquire(&path, now).map_err(anyhow::Error::from)?;
    store::save(&path, &events)?;
    let opened = Opened {
        in_snapshot: events.len(),
        events,
        notices: disk::network_notice(&path).into_iter().collect(),
        draft: None,
    };
    let session = Session {
        path: path.clone(),
        opened,
        lock,
        templates: templates_dir(),
    };
    runtime::minute(session, clock, color)?;
    commit_if_closed(&path);
    Ok(())
}

/// What a new meeting starts from: the template or previous meeting (`--from`, or the newest
/// of `--series`), its open action points and those of the series, a title counted on, a
/// roster and an agenda from files. Reads everything, writes nothing; a bad file is refused
/// here, before anything is made.
fn plan(dir: Option<&Path>, asks: &New) -> Result<Plan> {
    let catalog = match dir {
        Some(dir) if asks.needs_archive() => Some(catalog(dir)?),
        _ => None,
    };
    // The meeting to start from, and its path.
    let from: Option<PathBuf> = match (&asks.from, &asks.series, &catalog) {
        (Some(name), _, _) => Some(meeting_path(dir.map(Path::to_path_buf), name)?),
        (None, Some(series), Some(catalog)) => catalog.newest_of(series).map(|m| m.path.clone()),
        _ => None,
    };
    let mut plan = match &catalog {
        Some(catalog) => {
            let events = match &from {
                Some(path) => Some(read_meeting(path).context("cannot start from it")?),
                None => None,
            };
            let from = from.as_deref().zip(events.as_deref());
            // `--series` alone follows the newest meeting of the series: numbered on.
            next::plan(catalog, from, asks.series.as_deref(), asks.from.is_none())
        }
        None => Plan::default(),
    };
    if let Some(file) = &asks.roster {
        plan.roster = Some(scribe::archive::roster::read(file)?);
    }
    if let Some(file) = &asks.agenda {
        plan.agenda = Some(scribe::archive::agenda::read(file)?);
    }
    Ok(plan)
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
