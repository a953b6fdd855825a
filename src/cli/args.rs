//! The command line's shape: every command, option and argument, with the help clap prints
//! (and completions and the manual page are made from), and the parsers of its values.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::archive::Kind;
use crate::export::Format;

/// A terminal console for taking the minutes of a formal meeting.
///
/// With no command, starts a new meeting in the data directory (or offers to reopen the last
/// one if it was left unfinished).
#[derive(Parser)]
#[command(version = env!("SCRIBE_VERSION"), about)]
pub(super) struct Cli {
    /// Folder for meetings (default: SCRIBE_DIR when set and not empty, else the platform's
    /// data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub(super) dir: Option<PathBuf>,
    #[command(subcommand)]
    pub(super) command: Option<Commands>,
}

#[derive(Subcommand)]
pub(super) enum Commands {
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
    Export(ExportArgs),
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
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Only meetings held on or before this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
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
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Only in meetings held on or before this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
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
    /// The settings file: where it is and whether it reads well, or (--default) a commented
    /// file with every setting at its default, to start from
    Config {
        /// Print the default settings file, commented (`scribe config --default >
        /// "$(scribe config --path)"` puts it in place)
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print only where the settings file is read from
        #[arg(long)]
        path: bool,
    },
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man`)
    Man,
}

#[derive(Subcommand)]
pub(super) enum ArchiveCommand {
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

/// `statement`, `note`, `action`, `decision` or `motion`.
pub(super) fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::from_name(name).ok_or_else(|| {
        format!("'{name}' is not a kind of entry: use statement, note, action, decision or motion")
    })
}

/// md, html, txt or docx.
pub(super) fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("'{name}' is not a format: use md, html, txt or docx"))
}

/// `HH:MM:SS` or `HH:MM`.
pub(super) fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| format!("'{text}' is not a time: use HH:MM:SS"))
}

/// What `scribe export` is asked for.
#[derive(clap::Args)]
pub(super) struct ExportArgs {
    /// The meeting file, its number in `scribe list` (1 is the newest), or its id
    pub meeting: String,
    /// md, html, txt or docx (default: the settings' export_format, else md)
    #[arg(short, long, value_parser = parse_format)]
    pub format: Option<Format>,
    /// Where to write (default: standard output; for docx, next to the meeting file; - for
    /// standard output)
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// A timestamp on each entry
    #[arg(long)]
    pub times: bool,
    /// Speaking time per attendee and per item, number of interventions
    #[arg(long)]
    pub stats: bool,
    /// Number the paragraphs of the items (1., 2., ...), as UN minutes do
    #[arg(long)]
    pub numbered: bool,
    /// Language of labels and dates: en, fr, or CODE with i18n/CODE.ron in the config folder
    /// (default: the meeting's /lang, else the settings' language, else English)
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// draft (marked DRAFT on every page) or final (with an approval block)
    #[arg(long, value_parser = crate::export::args::parse_status)]
    pub status: Option<crate::export::DocStatus>,
    /// The document symbol, shown in the title block and the running header
    #[arg(long, value_name = "SYMBOL")]
    pub symbol: Option<String>,
    /// Date of issue (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
    pub issued: Option<chrono::NaiveDate>,
    /// When the minutes were approved, for the approval block of final minutes
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::export::args::parse_date)]
    pub approved: Option<chrono::NaiveDate>,
    /// Who took the minutes ("Prepared by"); repeat for several
    #[arg(long, value_name = "NAME")]
    pub prepared_by: Vec<String>,
    /// How decisions are numbered, from {meeting}, {n}, {item}, {year} (default
    /// {meeting}/{n}, or {n} when the meeting's number is not known)
    #[arg(long, value_name = "PATTERN", value_parser = crate::export::args::parse_decision_numbers)]
    pub decision_numbers: Option<String>,
    /// The meeting's number in its series, when the title does not start with it ("12th")
    #[arg(long, value_name = "N")]
    pub meeting_number: Option<u32>,
    /// A Word document whose styles, page set-up, header and footer the DOCX takes
    /// (default: reference.docx in the config folder, if there is one)
    #[arg(long, value_name = "FILE.docx")]
    pub reference_doc: Option<PathBuf>,
}
