//! The command line: parses arguments, finds or creates the meeting file, and hands over to
//! the runtime. Nothing else.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use scribe::clock::Clock;
use scribe::meeting::setup::setup_events;
use scribe::meeting::{Meeting, Stamped};
use scribe::store::{self, paths};

/// A terminal console for taking the minutes of a formal meeting.
///
/// With no command, starts a new meeting in the data directory.
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
    /// Continue a meeting where it stopped
    Open {
        /// The meeting file
        file: PathBuf,
    },
    /// List the meetings in the data directory, newest first
    List,
}

fn main() {
    if let Err(error) = run() {
        eprintln!("scribe: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    let clock = match std::env::var("SCRIBE_CLOCK") {
        Ok(spec) if !spec.is_empty() => Clock::parse(&spec).map_err(anyhow::Error::msg)?,
        _ => Clock::Local,
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        None => new_meeting(cli.dir, None, None, clock, color),
        Some(Commands::New { output, from }) => new_meeting(cli.dir, output, from, clock, color),
        Some(Commands::Open { file }) => {
            let events = store::load(&file).with_context(|| {
                format!(
                    "cannot open {} (`scribe new -o {}` starts a new meeting there)",
                    file.display(),
                    file.display()
                )
            })?;
            ensure_terminal()?;
            scribe::runtime::run(&file, events, clock, color)
        }
        Some(Commands::List) => list(cli.dir),
    }
}

fn new_meeting(
    dir: Option<PathBuf>,
    output: Option<PathBuf>,
    template: Option<PathBuf>,
    clock: Clock,
    color: bool,
) -> Result<()> {
    let now = clock.now();
    let path = match output {
        Some(path) => {
            if path.exists() {
                bail!(
                    "{} already exists: `scribe open {}` continues it",
                    path.display(),
                    path.display()
                );
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                paths::create_private_dir(parent)?;
            }
            path
        }
        None => paths::new_meeting_path(&paths::data_dir(dir)?, now),
    };
    let events: Vec<Stamped> = match template {
        Some(template) => {
            let events = store::load(&template)
                .with_context(|| format!("cannot use {} as a template", template.display()))?;
            setup_events(&Meeting::fold(&events))
                .into_iter()
                .map(|event| Stamped { at: now, event })
                .collect()
        }
        None => Vec::new(),
    };
    ensure_terminal()?;
    store::save(&path, &events)?;
    scribe::runtime::run(&path, events, clock, color)
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
        println!("No meetings in {} yet: `scribe` starts one.", dir.display());
        return Ok(());
    }
    for summary in meetings {
        let name = summary.path.display();
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
                let state = if m.closed.is_some() { "closed" } else { "open" };
                println!(
                    "{name}\n    {title} · {date} · {} entries · {} attendees · {state}",
                    m.entries.len(),
                    m.roster.len()
                );
            }
            Err(error) => println!("{name}\n    cannot be read: {error}"),
        }
    }
    Ok(())
}
