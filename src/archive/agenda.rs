//! An agenda from a plain list (`scribe new --agenda agenda.txt`): one item a line, numbered
//! or not (`1.`, `2)`, `3.1`, `a)`, `IV.`, `-`, `*`, `•` are taken off), with the time planned
//! for it at the end as `/agenda` takes it (`~20m`, `~1h30`). Blank lines and lines starting
//! with `#` are skipped. A time that cannot be read is reported with its line number, and then
//! nothing is taken.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::roster::Problem;
use crate::command::args::duration;
use crate::meeting::setup::PlannedItem;
use crate::store::file::StoreError;
use crate::store::safe::{self, Links};
use crate::text::{clean_line, printable_path as shown};

/// An agenda file larger than this is not an agenda.
const LIMIT: u64 = 1 << 20;

#[derive(Debug, Error)]
pub enum AgendaError {
    #[error(transparent)]
    Read(#[from] StoreError),
    #[error(
        "{}: the agenda cannot be taken, so nothing was:{}",
        shown(.path),
        .problems.iter().map(|p| format!("\n  line {}: {}", p.line, p.message)).collect::<String>()
    )]
    Lines {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

/// Reads the agenda in the text file at `path`.
pub fn read(path: &Path) -> Result<Vec<PlannedItem>, AgendaError> {
    let bytes = safe::read(path, Links::Follow, LIMIT)?;
    parse(&bytes).map_err(|problems| AgendaError::Lines {
        path: path.to_path_buf(),
        problems,
    })
}

/// The item's title without its number or bullet.
fn without_number(line: &str) -> &str {
    let line = line.trim_start();
    for bullet in ['-', '*', '•', '–', '—', '+'] {
        if let Some(rest) = line.strip_prefix(bullet)
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    // `1.`, `1)`, `(1)`, `3.1`, `3.1.`, `a)`, `b.`, `IV.`: a word of digits and dots, roman
    // numerals or one letter, ending in `.` or `)` (digits with a dot inside need neither),
    // then a space or nothing.
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let core = word.trim_start_matches('(');
    let digits = |c: &str| !c.is_empty() && c.chars().all(|c| c.is_ascii_digit() || c == '.');
    let core = match core.strip_suffix('.').or_else(|| core.strip_suffix(')')) {
        Some(core) => core,
        None if digits(core) && core.contains('.') => core,
        None => return line,
    };
    let numbered = (digits(core) && !core.starts_with('.'))
        || (!core.is_empty() && core.chars().all(|c| "IVXL".contains(c)))
        || (!core.is_empty() && core.chars().all(|c| "ivxl".contains(c)))
        || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_alphabetic()));
    if numbered { rest.trim_start() } else { line }
}

/// Parses an agenda; every problem, by line, when any line cannot be taken.
pub fn parse(bytes: &[u8]) -> Result<Vec<PlannedItem>, Vec<Problem>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_number = n as u64 + 1;
        let Ok(line) = std::str::from_utf8(raw) else {
            problems.push(Problem {
                line: line_number,
                message: "not valid UTF-8 text".into(),
            });
            continue;
        };
        let line = clean_line(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (title, planned) = match line.rsplit_once(" ~") {
            Some((title, time)) => match duration(time) {
                Some(seconds) => (title, Some(seconds)),
                None => {
                    problems.push(Problem {
                        line: line_number,
                        message: format!(
                            "'~{}' is not a length of time: write ~20m, ~1h or ~1h30",
                            time.trim()
                        ),
                    });
                    continue;
                }
            },
            None => (line.as_str(), None),
        };
        let title = without_number(title).trim();
        if title.is_empty() {
            problems.push(Problem {
                line: line_number,
                message: "an item with no title".into(),
            });
            continue;
        }
        items.push(PlannedItem {
            title: title.to_string(),
            planned,
        });
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_numbered_lists_with_times() {
        let text = "# Board, March\n\
                    1. Welcome ~5m\n\
                    2) Budget for 2026 ~1h30\n\
                    \n\
                    3.1 Audit report\n\
                    a) Any other business\n\
                    IV. Closing ~10m\n\
                    - Date of the next meeting\n\
                    2026 outlook\n";
        let items = parse(text.as_bytes()).unwrap();
        let shown: Vec<(&str, Option<u32>)> = items
            .iter()
            .map(|i| (i.title.as_str(), i.planned))
            .collect();
        assert_eq!(
            shown,
            [
                ("Welcome", Some(300)),
                ("Budget for 2026", Some(5400)),
                ("Audit report", None),
                ("Any other business", None),
                ("Closing", Some(600)),
                ("Date of the next meeting", None),
                ("2026 outlook", None),
            ]
        );
    }

    #[test]
    fn a_bad_time_is_reported_by_line() {
        let problems = parse(b"Welcome ~5m\nBudget ~soon\n3. ~10m\n").unwrap_err();
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(problems[0].message.contains("'~soon'"));
    }
}
