//! A roster from a spreadsheet (`scribe new --roster people.csv`): a CSV export whose header row
//! names the columns — `name`, and any of `capacity`, `label`, `aliases` (several separated by
//! `;` or `,`), `group`, in any order and case. Commas, semicolons or tabs between fields (as
//! spreadsheets in different countries export them), a byte order mark, blank rows and blank
//! cells are fine. Every row that cannot be taken is reported with its line number, and then
//! nothing is taken: a roster is imported whole or not at all.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::fold::fold;
use crate::meeting::setup::Newcomer;
use crate::store::file::StoreError;
use crate::store::safe::{self, Links};
use crate::text::{clean_line, printable_path as shown};

/// A roster file larger than this is not a roster.
const LIMIT: u64 = 4 << 20;

/// The columns a roster may have.
const COLUMNS: [&str; 5] = ["name", "capacity", "label", "aliases", "group"];

/// One thing wrong with a roster file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Error)]
pub enum RosterError {
    #[error(transparent)]
    Read(#[from] StoreError),
    #[error(
        "{}: {} cannot be imported, so nothing was:{}",
        shown(.path),
        if .problems.len() == 1 { "a row".to_string() } else { format!("{} rows", .problems.len()) },
        .problems.iter().map(|p| format!("\n  line {}: {}", p.line, p.message)).collect::<String>()
    )]
    Rows {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

/// Reads the roster in the CSV file at `path`.
pub fn read(path: &Path) -> Result<Vec<Newcomer>, RosterError> {
    let bytes = safe::read(path, Links::Follow, LIMIT)?;
    parse(&bytes).map_err(|problems| RosterError::Rows {
        path: path.to_path_buf(),
        problems,
    })
}

/// The separator the header row uses: the most frequent of `,`, `;` and tab.
fn separator(bytes: &[u8]) -> u8 {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| first.iter().filter(|b| *b == s).count())
        .unwrap_or(b',')
}

/// A cell, cleaned; None when empty.
fn cell(text: Option<&str>) -> Option<String> {
    text.map(clean_line).filter(|t| !t.is_empty())
}

/// Parses a roster; every problem, by line, when any row cannot be taken.
pub fn parse(bytes: &[u8]) -> Result<Vec<Newcomer>, Vec<Problem>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(bytes))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut problems = Vec::new();
    let mut records = reader.records();
    // The header: the first row that is not blank.
    let mut columns: Vec<Option<usize>> = Vec::new();
    let mut header_line = 0;
    for record in records.by_ref() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                return Err(vec![problem_of(&e)]);
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        header_line = record.position().map_or(1, |p| p.line());
        for field in record.iter() {
            let folded = fold(field);
            let wanted = match folded.as_str() {
                "alias" => "aliases",
                other => other,
            };
            match COLUMNS.iter().position(|c| *c == wanted) {
                Some(i) if columns.contains(&Some(i)) => problems.push(Problem {
                    line: header_line,
                    message: format!("the column '{}' is named twice", clean_line(field)),
                }),
                Some(i) => columns.push(Some(i)),
                None if folded.is_empty() => columns.push(None),
                None => problems.push(Problem {
                    line: header_line,
                    message: format!(
                        "'{}' is not a column scribe knows: the header row names {}",
                        clean_line(field),
                        COLUMNS.join(", ")
                    ),
                }),
            }
        }
        break;
    }
    if header_line == 0 {
        return Err(vec![Problem {
            line: 1,
            message: format!(
                "the file is empty: its first row names the columns ({})",
                COLUMNS.join(", ")
            ),
        }]);
    }
    if !columns.contains(&Some(0)) && problems.is_empty() {
        problems.push(Problem {
            line: header_line,
            message: format!(
                "no 'name' column: the first row names the columns ({})",
                COLUMNS.join(", ")
            ),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut roster: Vec<Newcomer> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem_of(&e));
                // The reader cannot go on past bad bytes.
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let extra = record
            .iter()
            .skip(columns.len())
            .filter(|f| !f.trim().is_empty())
            .count();
        if extra > 0 {
            problems.push(Problem {
                line,
                message: format!(
                    "{} fields, but the header names {} columns (a separator inside a name? \
                     put the name in double quotes)",
                    record.len(),
                    columns.len()
                ),
            });
            continue;
        }
        let field = |column: usize| {
            columns
                .iter()
                .position(|c| *c == Some(column))
                .and_then(|i| cell(record.get(i)))
        };
        let Some(name) = field(0) else {
            problems.push(Problem {
                line,
                message: "no name".into(),
            });
            continue;
        };
        if let Some(first) = roster.iter().position(|p| fold(&p.name) == fold(&name)) {
            problems.push(Problem {
                line,
                message: format!("{name} is already on line {}", lines[first]),
            });
            continue;
        }
        let aliases = field(3)
            .map(|a| {
                a.split([';', ','])
                    .map(clean_line)
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        roster.push(Newcomer {
            name,
            capacity: field(1),
            label: field(2),
            aliases,
            group: field(4),
        });
        lines.push(line);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(roster)
}

/// What the CSV reader could not read, in words, by line.
fn problem_of(error: &csv::Error) -> Problem {
    let line = error.position().map_or(0, |p| p.line());
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "not valid UTF-8 text (save the spreadsheet as \"CSV UTF-8\")".to_string()
        }
        _ => "cannot be read as CSV".to_string(),
    };
    Problem { line, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_export_is_read_in_any_column_order() {
        let csv = "\u{feff}Name;Group;Capacity;Label;Aliases\n\
                   Lebanon;Members;President;;\n\
                   \n\
                   \"Côte d'Ivoire\";Observers;;CI;Ivory Coast, RCI\n";
        let roster = parse(csv.as_bytes()).unwrap();
        assert_eq!(roster.len(), 2);
        assert_eq!(roster[0].capacity.as_deref(), Some("President"));
        assert_eq!(roster[0].label, None);
        assert_eq!(roster[1].name, "Côte d'Ivoire");
        assert_eq!(roster[1].aliases, ["Ivory Coast", "RCI"]);
        assert_eq!(roster[1].group.as_deref(), Some("Observers"));
    }

    #[test]
    fn bad_rows_are_all_reported_by_line_and_nothing_is_taken() {
        let csv = "name,capacity,label\n\
                   Norway,,NO\n\
                   ,President,\n\
                   norway,,\n\
                   Chile,a,b,c\n";
        let problems = parse(csv.as_bytes()).unwrap_err();
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert_eq!(problems[0].message, "no name");
        assert!(problems[1].message.contains("already on line 2"));
        assert!(problems[2].message.contains("4 fields"));
    }

    #[test]
    fn a_header_without_names_or_with_unknown_columns_is_refused() {
        let problems = parse(b"who,capacity\nNorway,x\n").unwrap_err();
        assert!(problems[0].message.contains("'who' is not a column"));
        let problems = parse(b"capacity\nPresident\n").unwrap_err();
        assert!(problems[0].message.contains("no 'name' column"));
        let problems = parse(b"").unwrap_err();
        assert!(problems[0].message.contains("empty"));
        let problems = parse(b"name\nNor\xffway\n").unwrap_err();
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("UTF-8"));
    }
}
