//! The composer: the line (or lines) where the note-taker types, with Tab completion of
//! command names and attendee names. Editing itself is ratatui-textarea's; this module adds
//! what scribe needs on top: the text as one string, completion, and cleaning of pastes.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

use crate::command::names;
use crate::command::table::{self, Arg, COMMANDS};
use crate::meeting::Meeting;
use crate::text::{clean, width};

pub struct Composer {
    area: TextArea<'static>,
    /// Candidates being cycled through by repeated Tab presses.
    cycle: Option<Cycle>,
}

struct Cycle {
    candidates: Vec<String>,
    next: usize,
    /// Chars of the line before the completed word.
    start: usize,
    /// Chars the last insertion put in (replaced by the next candidate).
    inserted: usize,
}

/// What a Tab press did, for the footer.
#[derive(Debug, PartialEq, Eq)]
pub enum Completion {
    Nothing,
    Completed,
    /// Several candidates; the message lists them.
    Several(Vec<String>),
}

impl Default for Composer {
    fn default() -> Self {
        Composer::new()
    }
}

/// Pastes longer than this (in characters) are inserted only after the note-taker says so.
pub const PASTE_ASK: usize = u16::MAX as usize;

/// The editor's positions are 16-bit: a line longer than this cannot be selected whole.
const LONGEST_SELECTABLE: usize = u16::MAX as usize;

/// A text area set up as the composer: no cursor-line highlight, a refused line shown
/// selected, wrapping at words.
fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default());
    // A refused line is shown selected: the next character typed replaces it.
    area.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_max_histories(200);
    area
}

impl Composer {
    pub fn new() -> Composer {
        Composer {
            area: text_area(vec![String::new()]),
            cycle: None,
        }
    }

    pub fn textarea(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Everything typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// Rows the text needs at this terminal width (at least one).
    pub fn rows(&self, terminal_width: u16) -> u16 {
        let inner = usize::from(terminal_width).max(1);
        let rows: usize = self
            .lines()
            .iter()
            .map(|line| (width(line) + 1).div_ceil(inner))
            .sum();
        u16::try_from(rows.max(1)).unwrap_or(u16::MAX)
    }

    /// Replaces the whole text, cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.cycle = None;
        let long = |lines: &[String]| lines.iter().any(|l| l.chars().count() > LONGEST_SELECTABLE);
        if long(self.area.lines()) || text.chars().count() > LONGEST_SELECTABLE {
            // Too long to select: a new editor (its undo history starts again).
            let lines = text.split('\n').map(str::to_string).collect();
            self.area = text_area(lines);
            self.area.move_cursor(CursorMove::Jump(u16::MAX, u16::MAX));
            return;
        }
        // Replaced as one edit, so Ctrl-U brings back a line cleared by mistake.
        self.area.select_all();
        self.area.cut();
        self.area.insert_str(text);
    }

    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// A key for the editor itself. While a refused line is held selected, a character typed
    /// replaces it and any other key (an arrow, Home, End, Backspace) keeps it for fixing.
    pub fn input(&mut self, key: KeyEvent) {
        self.cycle = None;
        let typed = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.area.is_selecting() && !typed {
            self.area.cancel_selection();
        }
        self.area.input(Input::from(key));
    }

    /// Holds a refused line: kept, and selected, so that typing a new line replaces it while
    /// Enter after a fix runs it again.
    pub fn hold_refused(&mut self) {
        self.cycle = None;
        self.area.select_all();
    }

    /// Is a refused line held?
    pub fn is_held(&self) -> bool {
        self.area.is_selecting()
    }

    pub fn insert_newline(&mut self) {
        self.cycle = None;
        self.area.insert_newline();
    }

    /// Inserts pasted text at the cursor, cleaned, as one edit.
    pub fn paste(&mut self, pasted: &str) {
        self.cycle = None;
        self.area.insert_str(clean(pasted));
    }

    /// Tab: completes the command name or attendee name before the cursor.
    pub fn complete(&mut self, meeting: &Meeting) -> Completion {
        if let Some(cycle) = &mut self.cycle {
            let candidate = cycle.candidates[cycle.next].clone();
            cycle.next = (cycle.next + 1) % cycle.candidates.len();
            let (start, inserted) = (cycle.start, cycle.inserted);
            let new_inserted = self.replace_before_cursor(start, inserted, &candidate);
            if let Some(cycle) = &mut self.cycle {
                cycle.inserted = new_inserted;
            }
            return Completion::Completed;
        }
        let cursor = self.area.cursor();
        let Some(line) = self.area.lines().get(cursor.0) else {
            return Completion::Nothing;
        };
        let before: String = line.chars().take(cursor.1).collect();
        let Some((start, candidates, suffix)) = completion_for(&before, cursor.0 == 0, meeting)
        else {
            return Completion::Nothing;
        };
        let typed = before.chars().count() - start;
        let typed_text: String = before.chars().skip(start).collect();
        match candidates.as_slice() {
            [] => Completion::Nothing,
            [one] => {
                let replacement = format!("{one}{suffix}");
                self.replace_before_cursor(start, typed, &replacement);
                Completion::Completed
            }
            many => {
                let common = common_prefix(many);
                let inserted = if common.chars().count() >= typed && common != typed_text {
                    self.replace_before_cursor(start, typed, &common)
                } else {
                    typed
                };
                self.cycle = Some(Cycle {
                    candidates: many.to_vec(),
                    next: 0,
                    start,
                    inserted,
                });
                Completion::Several(many.to_vec())
            }
        }
    }

    /// Replaces `len` chars that end at the cursor (starting at char `start` of the line) with
    /// `replacement`; returns the chars inserted.
    fn replace_before_cursor(&mut self, start: usize, len: usize, replacement: &str) -> usize {
        let row = self.area.cursor().0;
        self.area
            .move_cursor(CursorMove::Jump(to_u16(row), to_u16(start)));
        self.area.delete_str(len);
        self.area.insert_str(replacement);
        replacement.chars().count()
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// For the text before the cursor: where the word to complete starts (in chars), the
/// candidates, and what to put after a unique completion. What is completed after a command
/// name is what its row in the command table says its argument is.
fn completion_for(
    before: &str,
    first_line: bool,
    meeting: &Meeting,
) -> Option<(usize, Vec<String>, &'static str)> {
    if !first_line {
        return None;
    }
    if let Some(body) = before.strip_prefix('/') {
        let Some(space) = body.find(char::is_whitespace) else {
            let typed = body.to_lowercase();
            let candidates = COMMANDS
                .iter()
                .filter(|spec| spec.name.starts_with(&typed) && spec.arg != Arg::Pattern)
                .map(|spec| spec.name.to_string())
                .collect();
            return Some((1, candidates, " "));
        };
        let spec = table::find(&body[..space].to_lowercase())?;
        let argument = body[space..].trim_start();
        let start = before.chars().count() - argument.chars().count();
        let starting = |options: &[&str]| -> Vec<String> {
            let typed = argument.to_lowercase();
            options
                .iter()
                .filter(|o| o.starts_with(&typed))
                .map(|o| o.to_string())
                .collect()
        };
        return match spec.arg {
            Arg::Attendee if !argument.contains(" to say ") => {
                Some((start, names::completions(meeting, argument), ""))
            }
            Arg::Owner if !argument.contains(':') => {
                Some((start, names::completions(meeting, argument), ": "))
            }
            Arg::Format => Some((start, starting(&["md", "html", "txt", "docx"]), "")),
            Arg::Status => Some((start, starting(&["draft", "final"]), "")),
            Arg::Order => Some((start, starting(&["fewest", "arrival"]), "")),
            Arg::Item => {
                let numbers: Vec<String> = (1..=meeting.agenda.items().len())
                    .map(|n| n.to_string())
                    .collect();
                let mut options: Vec<&str> = vec!["next"];
                options.extend(numbers.iter().map(String::as_str));
                Some((start, starting(&options), ""))
            }
            Arg::Nothing
            | Arg::Text
            | Arg::Date
            | Arg::Time
            | Arg::Pattern
            | Arg::Attendee
            | Arg::Owner => None,
        };
    }
    if before.contains(':') || before.trim().is_empty() {
        return None;
    }
    let argument = before.trim_start();
    let start = before.chars().count() - argument.chars().count();
    Some((start, names::completions(meeting, argument), ": "))
}

/// The longest common prefix of the candidates, compared without case (the first candidate's
/// spelling is kept).
fn common_prefix(candidates: &[String]) -> String {
    let first: Vec<char> = candidates[0].chars().collect();
    let mut len = first.len();
    for other in &candidates[1..] {
        let same = first
            .iter()
            .zip(other.chars())
            .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            .count();
        len = len.min(same);
    }
    first[..len].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::MeetingBuilder;

    fn roster() -> Meeting {
        let mut b = MeetingBuilder::new();
        for name in ["Norway", "New Zealand", "Germany", "Mexico"] {
            b.attendee(name);
        }
        b.meeting()
    }

    fn typed(text: &str) -> Composer {
        let mut c = Composer::new();
        c.set_text(text);
        c
    }

    #[test]
    fn completes_commands_and_names() {
        let roster = roster();
        let mut c = typed("/fl");
        assert_eq!(c.complete(&roster), Completion::Completed);
        assert_eq!(c.text(), "/floor ");
        let mut c = typed("/q+ ger");
        c.complete(&roster);
        assert_eq!(c.text(), "/q+ Germany");
        let mut c = typed("mex");
        c.complete(&roster);
        assert_eq!(c.text(), "Mexico: ");
        let mut c = typed("/action ger");
        c.complete(&roster);
        assert_eq!(c.text(), "/action Germany: ");
    }

    #[test]
    fn several_candidates_cycle() {
        let roster = roster();
        let mut c = typed("/ack n");
        assert_eq!(
            c.complete(&roster),
            Completion::Several(vec!["Norway".into(), "New Zealand".into()])
        );
        assert_eq!(c.text(), "/ack N");
        c.complete(&roster);
        assert_eq!(c.text(), "/ack Norway");
        c.complete(&roster);
        assert_eq!(c.text(), "/ack New Zealand");
        c.complete(&roster);
        assert_eq!(c.text(), "/ack Norway");
    }

    #[test]
    fn arguments_complete_as_the_command_table_says() {
        let roster = roster();
        let mut c = typed("/export ht");
        c.complete(&roster);
        assert_eq!(c.text(), "/export html");
        let mut c = typed("/item n");
        c.complete(&roster);
        assert_eq!(c.text(), "/item next");
        let mut c = typed("/status d");
        c.complete(&roster);
        assert_eq!(c.text(), "/status draft");
        let mut c = typed("/order f");
        c.complete(&roster);
        assert_eq!(c.text(), "/order fewest");
        // Items complete by number, among those on the agenda.
        let mut b = MeetingBuilder::new();
        for title in (1..=12).map(|n| format!("Item {n}")) {
            b.item(&title);
        }
        let agenda = b.meeting();
        let mut c = typed("/item 1");
        let Completion::Several(numbers) = c.complete(&agenda) else {
            panic!("1, 10, 11 and 12");
        };
        assert_eq!(numbers, ["1", "10", "11", "12"]);
        let mut c = typed("/item 7");
        c.complete(&agenda);
        assert_eq!(c.text(), "/item 7");
        assert_eq!(typed("/item 13").complete(&agenda), Completion::Nothing);
        // A free-text argument completes nothing, even when it looks like a name.
        let mut c = typed("/note ger");
        assert_eq!(c.complete(&roster), Completion::Nothing);
        // The substitution is not offered among the command names.
        let mut c = typed("/s");
        let Completion::Several(names) = c.complete(&roster) else {
            panic!("several commands start with s");
        };
        assert!(names.contains(&"subtitle".to_string()));
        assert!(!names.contains(&"s".to_string()));
    }

    #[test]
    fn nothing_to_complete_changes_nothing() {
        let roster = roster();
        let mut c = typed("/title Hello");
        assert_eq!(c.complete(&roster), Completion::Nothing);
        assert_eq!(c.text(), "/title Hello");
        let mut c = typed("France");
        c.complete(&roster);
        assert_eq!(c.text(), "France");
    }

    #[test]
    fn a_line_too_long_to_select_is_still_cleared() {
        let mut c = Composer::new();
        let long = "x".repeat(70_000);
        c.paste(&long);
        assert_eq!(c.text().len(), 70_000);
        c.clear();
        assert!(c.is_empty());
        c.set_text(&long);
        c.set_text("short");
        assert_eq!(c.text(), "short");
    }

    #[test]
    fn paste_is_cleaned_and_multiline() {
        let mut c = Composer::new();
        c.paste("one\u{1b}[31m red\r\ntwo\u{202e}");
        assert_eq!(c.text(), "one red\ntwo");
    }
}
