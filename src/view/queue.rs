//! The speakers' queue pane: who has the floor and for how long, who waits and why, and who
//! already spoke on the current item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ctx;
use super::format::timer;
use crate::layout::wrap::wrap;
use crate::meeting::agenda::elapsed;
use crate::text::{truncate, width};

/// Draws the pane; a live console adds the hint on how to fill an empty queue.
pub fn queue(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Ctx {
        meeting,
        now,
        theme,
        live,
    } = *ctx;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(" Speakers ", theme.pane_title));
    let inner = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    match meeting.floor {
        Some(floor) => {
            let clock = format!(" {}", timer(elapsed(floor.since, now)));
            let name = truncate(
                &meeting.speaker_label(floor.attendee),
                inner.saturating_sub(2 + width(&clock)),
            );
            let pad = inner.saturating_sub(2 + width(&name) + width(&clock));
            lines.push(Line::from(vec![
                Span::styled("▶ ", theme.floor),
                Span::styled(name, theme.floor),
                Span::raw(" ".repeat(pad)),
                Span::styled(clock, theme.floor),
            ]));
        }
        None => lines.push(Line::styled(
            truncate("nobody has the floor", inner),
            theme.dim,
        )),
    }
    let requests = meeting.queue.requests();
    if requests.is_empty() {
        let empty = if live {
            "queue empty (F2 adds)"
        } else {
            "queue empty"
        };
        lines.push(Line::styled(truncate(empty, inner), theme.dim));
    } else {
        lines.push(Line::styled(
            format!("queue ({})", requests.len()),
            theme.pane_title,
        ));
    }
    for (n, request) in requests.iter().enumerate() {
        let name = meeting.short_name(request.attendee);
        let text = match &request.reason {
            Some(reason) => format!("{}. {name}: {reason}", n + 1),
            None => format!("{}. {name}", n + 1),
        };
        lines.push(Line::raw(truncate(&text, inner)));
    }
    if let Some(item) = meeting.agenda.current()
        && !item.speakers.is_empty()
    {
        let names: Vec<String> = item
            .speakers
            .iter()
            .map(|id| meeting.short_name(*id))
            .collect();
        let spoke = format!("spoke: {}", names.join(", "));
        lines.extend(wrap(&[(&spoke, theme.dim)], inner, 2));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
