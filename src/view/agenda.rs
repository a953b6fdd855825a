//! The agenda pane: numbered items, the current one marked, the time spent on each against
//! the time planned for it (an item over its time is marked, without colour too), and the
//! estimated end of the meeting when a plan exists: now plus what remains of the plan.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ctx;
use super::format::minutes;
use crate::layout::wrap::wrap;
use crate::text::{truncate, width};

pub fn agenda(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Ctx {
        meeting,
        now,
        theme,
        ..
    } = *ctx;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title(ctx));
    let inner = usize::from(area.width.saturating_sub(2));
    let items = meeting.agenda.items();
    let current = meeting.agenda.current_id();
    let mut lines: Vec<Line> = Vec::new();
    if items.is_empty() {
        lines.push(Line::styled("/agenda TITLE adds items", theme.dim));
    }
    // Keep the current item in view when the agenda is longer than the pane; a last row says
    // how many are not shown.
    let rows = usize::from(area.height.saturating_sub(2));
    let cut = items.len() > rows;
    let shown = if cut { rows.saturating_sub(1) } else { rows };
    let current_index = items
        .iter()
        .position(|i| Some(i.id) == current)
        .unwrap_or(0);
    let first = current_index
        .saturating_sub(shown.saturating_sub(1) / 2)
        .min(items.len().saturating_sub(shown));
    for (index, item) in items.iter().enumerate().skip(first).take(shown) {
        let is_current = Some(item.id) == current;
        let spent = meeting.agenda.spent(item.id, now);
        let over = item.planned.is_some_and(|planned| spent > planned);
        let time = match item.planned {
            Some(planned) if over => format!("!{}/{}", minutes(spent), minutes(planned)),
            Some(planned) => format!("{}/{}", minutes(spent), minutes(planned)),
            None if spent.is_zero() && !is_current => String::new(),
            None => minutes(spent),
        };
        let marker = if is_current { "▶" } else { " " };
        let number = format!("{marker}{:>2} ", index + 1);
        let style = if is_current {
            theme.current
        } else {
            ratatui::style::Style::default()
        };
        let time_style = if over { theme.warn } else { theme.dim };
        if is_current && ctx.details {
            // The current item's title in full, under its number, the time on the last line.
            let text = format!("{number}{}", item.title);
            let mut wrapped = wrap(&[(&text, style)], inner, width(&number));
            if let Some(last) = wrapped.last_mut()
                && !time.is_empty()
            {
                let pad = inner.saturating_sub(last.width() + width(&time));
                last.spans.push(Span::raw(" ".repeat(pad.max(1))));
                last.spans.push(Span::styled(time.clone(), time_style));
            }
            lines.extend(wrapped);
            continue;
        }
        let room = inner.saturating_sub(width(&number) + width(&time) + 1);
        let title = truncate(&item.title, room);
        let pad = inner.saturating_sub(width(&number) + width(&title) + width(&time));
        lines.push(Line::from(vec![
            Span::styled(number, style),
            Span::styled(title, style),
            Span::raw(" ".repeat(pad)),
            Span::styled(time, time_style),
        ]));
    }
    if cut {
        // Where the hidden items are: the list shows a window around the current item.
        let above = first;
        let below = items.len().saturating_sub(first + shown);
        let said = match (above, below) {
            (0, below) => format!("  +{below} more"),
            (above, 0) => format!("  +{above} more above"),
            (above, below) => format!("  +{above} above, +{below} below"),
        };
        lines.truncate(shown);
        lines.push(Line::styled(truncate(&said, inner), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// ` Agenda ` and, when items have a time planned and the meeting is under way, the estimated
/// end: ` Agenda · ends ~11:40 `.
fn title(ctx: &Ctx) -> Line<'static> {
    let agenda = &ctx.meeting.agenda;
    let planned = agenda.items().iter().any(|i| i.planned.is_some());
    let end = (planned && ctx.meeting.closed.is_none())
        .then(|| {
            chrono::TimeDelta::from_std(agenda.remaining_plan(ctx.now))
                .ok()
                .and_then(|rest| ctx.now.checked_add_signed(rest))
        })
        .flatten();
    match end {
        Some(end) => Line::styled(
            format!(" Agenda · ends ~{} ", end.format("%H:%M")),
            ctx.theme.pane_title,
        ),
        None => Line::styled(" Agenda ", ctx.theme.pane_title),
    }
}
