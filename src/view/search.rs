//! The search overlay: the query, and the entries that contain it, newest first, with the
//! match marked (in reverse video, which reads without colour); widened to the archive, the
//! other meetings' entries after a rule, with what the archive search is doing in the title.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::centered;
use super::finder::Finder;
use crate::app::App;
use crate::app::search::{Row, Search};
use crate::text::{truncate, width};

/// Draws the search overlay; where the cursor goes (after the query).
pub fn search(frame: &mut Frame, screen: Rect, search: &Search, app: &App) -> Position {
    let theme = &app.theme;
    let rows_wanted = u16::try_from(search.len()).unwrap_or(u16::MAX);
    let height = rows_wanted
        .saturating_add(4)
        .clamp(5, screen.height.saturating_sub(2));
    let area = centered(screen, screen.width.saturating_sub(4).min(100), height);
    let title = match &search.archive {
        None => format!(
            " Search · {} found · Tab: the archive too ",
            search.hits.len()
        ),
        Some(archive) => {
            let here = search.hits.len();
            let there = search.len() - here;
            let doing = match &archive.note {
                Some(note) => note.clone(),
                None if archive.searching(&search.query) && !search.query.trim().is_empty() => {
                    "searching the archive…".to_string()
                }
                None => format!(
                    "{there} in {} other meeting{}",
                    archive.searched,
                    if archive.searched == 1 { "" } else { "s" }
                ),
            };
            format!(" Search · {here} here · {doing} · Tab: this meeting only ")
        }
    };
    let mut finder = Finder::new(area, title, &search.query, theme);
    let room = finder.room;
    let (first, rows) = finder.window(search.selected);
    for (i, row) in search.rows().enumerate().skip(first).take(rows) {
        let (text, (start, end)) = match row {
            Row::Here(hit) => (hit.line.as_str(), hit.range),
            Row::There(hit) => (hit.line.as_str(), hit.range),
        };
        let mark = theme.selected.add_modifier(Modifier::BOLD);
        let mut line = Line::from(vec![
            Span::raw(format!(" {}", &text[..start])),
            Span::styled(text[start..end].to_string(), mark),
            Span::raw(text[end..].to_string()),
        ]);
        // Cut to the overlay: the spans are re-made from the cut text, the mark kept when it
        // fits.
        if line.width() > room {
            let before = width(&text[..start]) + 1;
            if before + width(&text[start..end]) < room {
                let tail = truncate(&text[end..], room - before - width(&text[start..end]));
                line = Line::from(vec![
                    Span::raw(format!(" {}", &text[..start])),
                    Span::styled(text[start..end].to_string(), mark),
                    Span::raw(tail),
                ]);
            } else {
                line = Line::raw(truncate(&format!(" {}", text), room));
            }
        }
        if i == search.selected {
            line = line.patch_style(theme.current);
            line.spans.insert(0, Span::styled("▶", theme.current));
        } else {
            line.spans.insert(0, Span::raw(" "));
        }
        finder.lines.push(line);
    }
    if search.is_empty() && !search.query.trim().is_empty() {
        finder.lines.push(Line::styled(" nothing found", theme.dim));
    }
    finder.draw(frame)
}
