//! The replay's timeline, in place of the composer: a bar from the first event to the last
//! with marks where an agenda item was taken up (┃) and where the floor changed (╵), the
//! played part drawn heavier, and a line with the meeting's time, position, speed and idle
//! limit (or the search being typed).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::Replay;
use crate::meeting::Timestamp;
use crate::text::width;
use crate::theme::Theme;

/// Draws the timeline; where the cursor goes when a search is being typed.
pub fn timeline(frame: &mut Frame, area: Rect, replay: &Replay, theme: &Theme) -> Option<Position> {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Line::styled(" Replay (read-only) ", theme.pane_title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let bar = bar(replay, usize::from(inner.width), theme);
    let status = match &replay.typing {
        Some(query) => Line::from(vec![
            Span::styled("search: ", theme.key),
            Span::raw(query.clone()),
        ]),
        None => status(replay, theme),
    };
    frame.render_widget(Paragraph::new(vec![bar, status]), inner);
    let query = replay.typing.as_ref().filter(|_| inner.height >= 2)?;
    let x = inner.x + u16::try_from(width("search: ") + width(query)).unwrap_or(0);
    Some(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y + 1,
    ))
}

fn bar(replay: &Replay, columns: usize, theme: &Theme) -> Line<'static> {
    if columns == 0 {
        return Line::default();
    }
    let (start, end) = replay.player.span();
    let total = (end - start).num_milliseconds().max(1) as f64;
    let column = |t: Timestamp| -> usize {
        let into = (t - start).num_milliseconds().max(0) as f64;
        ((into / total) * (columns - 1) as f64).round() as usize
    };
    let mut cells: Vec<(char, ratatui::style::Style)> = vec![('─', theme.dim); columns];
    let here = column(replay.player.time()).min(columns - 1);
    for cell in cells.iter_mut().take(here) {
        *cell = ('━', theme.current);
    }
    for &t in &replay.speaker_marks {
        let c = column(t).min(columns - 1);
        cells[c] = ('╵', cells[c].1);
    }
    for &t in &replay.item_marks {
        let c = column(t).min(columns - 1);
        cells[c] = ('┃', theme.heading);
    }
    cells[here] = ('●', theme.floor);
    let spans: Vec<Span> = cells
        .into_iter()
        .map(|(c, style)| Span::styled(c.to_string(), style))
        .collect();
    Line::from(spans)
}

fn status(replay: &Replay, theme: &Theme) -> Line<'static> {
    let player = &replay.player;
    let (_, end) = player.span();
    let state = if replay.playing {
        "▶ playing"
    } else {
        "❚❚ paused"
    };
    let idle = match replay.pace.idle_limit {
        Some(limit) => format!("silences cut to {}s", limit.as_secs()),
        None => "silences in full".to_string(),
    };
    Line::from(vec![
        Span::styled(format!("{state} "), theme.floor),
        Span::styled(player.time().format("%H:%M:%S").to_string(), theme.current),
        Span::raw(format!(
            " / {} · event {} of {} · {}x · {idle}",
            end.format("%H:%M:%S"),
            player.position(),
            player.len(),
            replay.pace.speed
        )),
    ])
}
