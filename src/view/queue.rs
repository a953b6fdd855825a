//! The speakers' pane: who has the floor and for how long (counting down against a speaking
//! limit, with a warning at 80% and an alarm past it that read without colour), the list of
//! the item — each request's kind, who, their contributions and speaking time so far on this
//! item and in the meeting, first-time speakers marked, and the topic — whether the list is
//! closed, who was left waiting on the previous item, and who already spoke on this one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ctx;
use super::format::timer;
use crate::layout::wrap::wrap;
use crate::meeting::agenda::elapsed;
use crate::meeting::{Countdown, Meeting, Request, Timestamp};
use crate::text::{truncate, width};
use crate::theme::Theme;

/// Draws the pane; a live console adds the hints on how to fill an empty queue.
pub fn queue(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Ctx {
        meeting,
        now,
        theme,
        live,
        details,
    } = *ctx;
    let inner = usize::from(area.width.saturating_sub(2));
    // Who chairs, in the title: the chair is seen even while others speak.
    // In a narrow pane the chair's name matters more than the pane's name.
    let room = inner.saturating_sub(1);
    let title = match meeting.chair.and_then(|id| meeting.roster.get(id)) {
        Some(chair) => {
            let full = format!(" Speakers · chair {} ", chair.name);
            match width(&full) <= room {
                true => full,
                false => truncate(&format!(" chair {} ", chair.name), room),
            }
        }
        None => " Speakers ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(title, theme.pane_title));
    let rows = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = vec![floor_line(meeting, now, theme, inner)];
    let queue = &meeting.queue;
    let requests = queue.requests();
    let closed = if queue.closed { " · closed" } else { "" };
    if requests.is_empty() {
        let empty = match (live, queue.closed) {
            (_, true) => "list closed: no new topics".to_string(),
            (true, false) => "queue empty (F2 adds)".to_string(),
            (false, false) => "queue empty".to_string(),
        };
        lines.push(Line::styled(truncate(&empty, inner), theme.dim));
    } else {
        let title = format!("queue ({}){closed}", requests.len());
        lines.push(Line::styled(truncate(&title, inner), theme.pane_title));
    }
    // Requests as long as they fit, keeping a row to say how many more wait.
    for (n, request) in requests.iter().enumerate() {
        let these = request_lines(meeting, n + 1, request, theme, inner, details);
        let later = usize::from(n + 1 < requests.len());
        if lines.len() + these.len() + later > rows {
            let hidden = requests.len() - n;
            lines.push(Line::styled(
                truncate(&format!("+{hidden} more waiting"), inner),
                theme.dim,
            ));
            break;
        }
        lines.extend(these);
    }
    if !queue.left_waiting.is_empty() {
        let names: Vec<String> = queue
            .left_waiting
            .iter()
            .map(|r| meeting.short_name(r.attendee))
            .collect();
        let carry = if live { " (Alt-c carries over)" } else { "" };
        let text = format!("left waiting: {}{carry}", names.join(", "));
        lines.extend(wrap(&[(&text, theme.dim)], inner, 2));
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

/// `▶ Germany    0:45 left`, a warning when 80% of the limit is used, an alarm past it.
fn floor_line(meeting: &Meeting, now: Timestamp, theme: &Theme, inner: usize) -> Line<'static> {
    let Some(floor) = meeting.floor else {
        return Line::styled(truncate("nobody has the floor", inner), theme.dim);
    };
    let (clock, style, marker) = match floor.countdown(now) {
        None => (timer(elapsed(floor.since, now)), theme.floor, "▶ "),
        Some(Countdown::Left(left)) => (format!("{} left", timer(left)), theme.floor, "▶ "),
        Some(Countdown::Warning(left)) => (format!("{} left", timer(left)), theme.warn, "! "),
        Some(Countdown::Over(over)) => (format!("+{} OVER", timer(over)), theme.alarm, "■ "),
    };
    let clock = format!(" {clock}");
    let name = truncate(
        &meeting.speaker_label(floor.attendee),
        inner.saturating_sub(2 + width(&clock)),
    );
    let pad = inner.saturating_sub(2 + width(&name) + width(&clock));
    Line::from(vec![
        Span::styled(marker, style),
        Span::styled(name, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(clock, style),
    ])
}

/// `1. PoO Germany *` (the kind, who, `*` for someone who has not spoken yet), then, dimmed,
/// their turns and time on this item and in the meeting, and the topic.
fn request_lines(
    meeting: &Meeting,
    n: usize,
    request: &Request,
    theme: &Theme,
    inner: usize,
    details: bool,
) -> Vec<Line<'static>> {
    let name = meeting.short_name(request.attendee);
    let kind = request.kind.marker();
    let kind = if kind.is_empty() {
        String::new()
    } else {
        format!("{kind} ")
    };
    let attendee = meeting.roster.get(request.attendee);
    let first_time = attendee.is_some_and(|a| a.turns == 0);
    let head = format!("{n}. {kind}{name}{}", if first_time { " *" } else { "" });
    let kind_style = if request.kind.is_topic() {
        ratatui::style::Style::default()
    } else {
        theme.warn
    };
    let mut lines = vec![Line::styled(truncate(&head, inner), kind_style)];
    let mut facts = Vec::new();
    if let Some(a) = attendee
        && a.turns > 0
    {
        let on_item = meeting
            .agenda
            .current()
            .map(|item| item.talk_of(a.id))
            .filter(|t| t.turns > 0)
            .map(|t| format!("item {}×{} · ", t.turns, timer(t.spoken)))
            .unwrap_or_default();
        facts.push(format!("{on_item}all {}×{}", a.turns, timer(a.spoken)));
    }
    if let Some(reason) = &request.reason {
        facts.push(reason.clone());
    }
    if !facts.is_empty() {
        let text = format!("   {}", facts.join(" · "));
        if details {
            lines.extend(wrap(&[(&text, theme.dim)], inner, 3));
        } else {
            lines.push(Line::styled(truncate(&text, inner), theme.dim));
        }
    }
    lines
}
