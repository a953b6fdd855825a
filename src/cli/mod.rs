//! The command line: parses arguments, finds, locks or creates the meeting, asks the few
//! questions that come before the console (reopen an unfinished meeting? follow a meeting
//! someone else is minuting? read a very large file?), and hands over to the runtime; after
//! it, commits a closed meeting to the archive. The archive's commands (`list`, `search`,
//! `actions`, `template`, `archive init|sync`) call the library (`crate::archive`) and print
//! what it returns; `config`, `completions` and `man` describe scribe itself. Nothing else.
//!
//! Everything it prints goes through the cleaning gate (`text::printable`: a file name or a
//! lock file can hold escape sequences) and ignores a closed stream: `scribe list | head` ends
//! quietly, and a terminal that went away never makes it panic.

mod archive;
mod args;
mod console;
mod export;
mod find;
mod out;
mod shell;

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};

use clap::{CommandFactory, FromArgMatches};

use crate::clock::Clock;

use crate::archive::Query;
use crate::archive::actions::Wanted;
use crate::archive::catalog::Filter;
use crate::replay::pace::Pace;
use crate::runtime;
use crate::store::paths;
use crate::text::printable;

use args::{Cli, Commands};
use console::New;
use find::{Unknown, meeting_path, read_meeting};
use out::{Closed, ensure_terminal, tell};

pub fn main() {
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

/// The command line as clap knows it, with the exit codes and the files scribe uses after the
/// options (in `--help` and the manual page).
pub fn command() -> clap::Command {
    let place = |path: Option<PathBuf>| {
        path.map_or("(none on this system)".to_string(), |p| {
            crate::text::printable_path(&p)
        })
    };
    let data = directories::ProjectDirs::from("", "", "scribe").map(|p| p.data_dir().to_path_buf());
    let after = format!(
        "Exit status:\n  \
         0  done (also when the reader of a pipe stops early, as `scribe list | head` does)\n  \
         1  an error, said once on standard error\n  \
         2  a command line scribe does not understand\n\n\
         Files:\n  \
         meetings  {} (--dir or SCRIBE_DIR)\n  \
         settings  {} (SCRIBE_CONFIG; `scribe config --default` prints one)\n  \
         log       {} (SCRIBE_LOG)",
        place(data),
        place(crate::config::path()),
        place(crate::log::path()),
    );
    Cli::command().after_help(after)
}

fn run() -> Result<()> {
    let cli = Cli::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit());
    // An empty SCRIBE_DIR is as good as none.
    let dir = cli.dir.or_else(|| {
        std::env::var_os("SCRIBE_DIR")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
    });
    let clock = match std::env::var("SCRIBE_CLOCK") {
        Ok(spec) if !spec.is_empty() => Clock::parse(&spec).map_err(anyhow::Error::msg)?,
        _ => Clock::Local,
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        None => {
            crate::log::init();
            let dir = paths::data_dir(dir)?;
            match paths::unfinished(&dir) {
                Some(summary) if console::offer_reopen(&summary)? => {
                    console::open(&summary.path, clock, color)
                }
                _ => console::new_meeting(Some(dir), None, New::default(), clock, color),
            }
        }
        Some(Commands::New {
            output,
            from,
            series,
            roster,
            agenda,
        }) => {
            crate::log::init();
            let asks = New {
                from,
                series,
                roster,
                agenda,
            };
            // With -o alone the data directory is not needed (nor made).
            let dir = match (&output, asks.needs_archive()) {
                (Some(_), false) => None,
                _ => Some(paths::data_dir(dir)?),
            };
            console::new_meeting(dir, output, asks, clock, color)
        }
        Some(Commands::Open { file }) => {
            crate::log::init();
            let path = meeting_path(dir, &file).map_err(|e| match e.downcast::<Unknown>() {
                Ok(_) => anyhow!(
                    "{} does not exist (`scribe new -o {}` starts a new meeting there)",
                    printable(&file),
                    printable(&file)
                ),
                Err(e) => e,
            })?;
            console::open(&path, clock, color)
        }
        Some(Commands::Follow { file }) => {
            crate::log::init();
            let path = meeting_path(dir, &file)?;
            ensure_terminal()?;
            runtime::follow(&path, clock, color)
        }
        Some(Commands::Replay {
            meeting,
            speed,
            idle_limit,
            at,
        }) => {
            let path = meeting_path(dir, &meeting)?;
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
        Some(Commands::Export(asks)) => export::run(dir, asks, &clock),
        Some(Commands::List {
            series,
            since,
            until,
            text,
        }) => archive::list(
            dir,
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
            archive::search(dir, &query, json, color)
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
            archive::actions(dir, &wanted, json, clock.now().date_naive())
        }
        Some(Commands::Template { meeting, output }) => {
            archive::template(dir, &meeting, &output, &clock)
        }
        Some(Commands::Archive { command }) => archive::share(dir, command),
        Some(Commands::Config { default, path }) => shell::config(default, path),
        Some(Commands::Completions { shell }) => shell::completions(shell),
        Some(Commands::Man) => shell::man(),
    }
}
