//! A ratatui [`Backend`] that writes only what changes on the terminal.
//!
//! # Why this module exists
//!
//! ratatui's stock [`CrosstermBackend`] assumes nothing about the terminal between frames: every
//! draw starts with a cursor move, ends with four SGR resets, and every frame shows or hides the
//! cursor and moves it again. For one typed character that is 42 bytes (see "Bytes per keystroke"
//! in `PERFORMANCE-NOTES.md`), most of it repeating what the terminal already shows, which matters
//! over ssh and slow links. [`LeanBackend`] keeps track of the terminal's real state (where the
//! cursor is when that is certain, whether it is visible, the current colours and modifiers) and
//! leaves out every command that would not change anything. Typing a character right after the
//! previous one, in the same style, writes that character and nothing else.
//!
//! # What it must never do
//!
//! It must never leave the terminal in a state different from the one the stock backend would
//! leave it in: the same glyphs in the same cells with the same attributes, the cursor in the same
//! place with the same visibility. It only leaves out what it can prove changes nothing; when in
//! doubt it writes what the stock backend writes, and moves with an absolute `CSI row;col H`. The
//! differential test at the bottom of this file draws random frames through both backends into a
//! terminal emulator (`vt100`) and requires identical screens after every frame.
//!
//! The rules, one per pitfall found while checking such a wrapper:
//!
//! - Cursor visibility and position are written only when they differ from what the terminal has
//!   (ratatui sets both on every frame).
//! - Colours and modifiers carry over from one frame to the next, so anything that fills cells with
//!   the current attributes (clearing, `append_lines`, a write through [`Write`]) is preceded by an
//!   SGR reset, which is what the stock backend leaves between frames.
//! - Bold and dim are one attribute in some terminals and two in others: when either changes, both
//!   are reset (SGR 22) and sent again, in the order the stock backend would have sent them last.
//! - The cursor position is trusted only after printing a single code point whose width every
//!   terminal agrees on (ASCII, non-ambiguous Latin/Greek/Cyrillic letters, CJK ideographs, kana,
//!   Hangul, full-width forms). After anything else (emoji, variation selectors, ZWJ sequences,
//!   combining marks, East Asian ambiguous characters, control characters) the position is unknown
//!   and the next cell gets an explicit move wherever the stock backend would move.
//! - Where the stock backend does not move (the cell right after the previous one, which includes
//!   the trailing cell ratatui sends after a wide emoji) this backend does not move either, so both
//!   end up wherever the terminal puts the glyph.
//! - After a write in the last column the terminal is in a pending-wrap state, where only an
//!   absolute move is safe: the position is then unknown. The backend notes the size `Terminal`
//!   asks for before every frame ([`Backend::size`]) and keeps a printed position only if it is
//!   left of the last column; when no size was asked since the previous draw (a fixed viewport),
//!   it keeps none. The only relative move is `CSI n C`, forward on the same row from a known
//!   position; everything else is `CSI row;col H`.
//! - A cursor placed outside the screen is clamped by the terminal; the backend keeps the requested
//!   position, which no cell can equal, so nothing is ever skipped or moved relative to it.
//! - Anything that may scroll or move the cursor behind its back (clears, which come with resizes,
//!   `append_lines`, direct writes) makes it forget the cursor position.
//!
//! # What the caller must do
//!
//! - After writing to the terminal other than through this backend (for example
//!   `execute!(io::stdout(), ...)`), or after a resize event, call [`LeanBackend::forget_state`].
//!   Writing through the backend's own [`Write`] implementation (`execute!(terminal.backend_mut(),
//!   ...)`) needs nothing more: it resets the attributes first and forgets the state afterwards.
//! - Before printing text directly to the terminal, and on exit (before leaving the alternate
//!   screen), call [`LeanBackend::reset_state`]: the attributes of the last drawn cell are still
//!   active, where the stock backend would have reset them. A panic hook that cannot reach the
//!   backend should queue `SetAttribute(Attribute::Reset)` itself.
//!
//! With `NO_COLOR` set, crossterm turns every colour command into a full reset; `draw` then hands
//! the cells to the stock backend unchanged, so the output stays identical.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::style::Colored;
use ratatui::crossterm::terminal::{self, Clear};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

/// SGR 0: every attribute and colour back to the terminal's default.
const SGR_RESET: &[u8] = b"\x1b[0m";

/// Most SGR parameters sent in one sequence (some terminals keep only the first 16).
const MAX_SGR_PARAMS: usize = 16;

/// A ratatui backend over crossterm commands that writes only what changes on the terminal.
///
/// A drop-in replacement for [`CrosstermBackend`]: `Terminal::new(LeanBackend::new(stdout()))`.
/// See the [module documentation](self) for what it tracks and what the caller must do after
/// writing to the terminal by other means.
#[derive(Debug)]
pub struct LeanBackend<W: Write> {
    writer: W,
    /// Where the terminal's cursor is, when that is certain. After printing, only a position left
    /// of the last column is kept (never the pending-wrap state); after a move, the requested
    /// position is kept even if the terminal clamped it: moving there again would land in the same
    /// place, and no cell lies at or forward of a position outside the screen.
    cursor: Option<Position>,
    /// Whether the cursor is visible, when known.
    cursor_visible: Option<bool>,
    /// The terminal's current colours and modifiers, when known.
    pen: Option<Pen>,
    /// The size last returned by [`Backend::size`], which `Terminal` asks before every frame.
    noted_size: std::cell::Cell<Option<Size>>,
    /// The screen width during the current draw, if the size was asked since the last draw.
    width: Option<u16>,
    /// Set while bytes are being written through [`Write`], until ratatui uses the backend again.
    direct: bool,
    /// Reused to build escape sequences.
    scratch: String,
}

impl<W: Write> LeanBackend<W> {
    /// Creates a backend writing to `writer` (usually `io::stdout()`), knowing nothing yet about
    /// the terminal's state.
    pub const fn new(writer: W) -> Self {
        Self {
            writer,
            cursor: None,
            cursor_visible: None,
            pen: None,
            noted_size: std::cell::Cell::new(None),
            width: None,
            direct: false,
            scratch: String::new(),
        }
    }

    /// The writer.
    pub const fn writer(&self) -> &W {
        &self.writer
    }

    /// The writer, for writing to the terminal behind the backend's back: call
    /// [`forget_state`](Self::forget_state) afterwards (or write through the backend's own
    /// [`Write`] implementation instead, which does that itself).
    pub const fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Forgets everything the backend knows about the terminal (cursor position and visibility,
    /// colours and modifiers) without writing anything. The next frame then sends whatever it needs
    /// explicitly. Call it after anything else wrote to the terminal, and after a resize.
    pub const fn forget_state(&mut self) {
        self.cursor = None;
        self.cursor_visible = None;
        self.pen = None;
    }

    /// Resets the terminal's attributes to the defaults (SGR 0, as the stock backend leaves them
    /// after every frame), flushes, and forgets the cursor position and visibility. Call it before
    /// printing text directly to the terminal and on exit.
    pub fn reset_state(&mut self) -> io::Result<()> {
        self.forget_state();
        self.writer.write_all(SGR_RESET)?;
        self.writer.flush()?;
        self.pen = Some(Pen::RESET);
        Ok(())
    }

    /// Runs `f`; if it fails part-way, the terminal may have received part of what was written, so
    /// the tracked state is forgotten.
    fn guarded<T>(&mut self, f: impl FnOnce(&mut Self) -> io::Result<T>) -> io::Result<T> {
        self.direct = false;
        let result = f(self);
        if result.is_err() {
            self.forget_state();
        }
        result
    }

    /// Puts the attributes back to the defaults (the state the stock backend leaves between
    /// frames) unless they are known to be there already, before anything that fills cells with
    /// the current attributes.
    fn reset_pen(&mut self) -> io::Result<()> {
        if self.pen != Some(Pen::RESET) {
            self.pen = None;
            self.writer.write_all(SGR_RESET)?;
            self.pen = Some(Pen::RESET);
        }
        Ok(())
    }

    /// Moves the cursor to `to`, relatively when that is provably right and shorter.
    fn move_to(&mut self, to: Position) -> io::Result<()> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let row = u32::from(to.y) + 1;
        let col = u32::from(to.x) + 1;
        let absolute_len = 4 + digits(row) + digits(col);
        match self.cursor {
            // Forward on the same row from a known position: the tracked position is a real
            // column (a pending-wrap position has no cell forward of it), so `CSI n C` lands
            // exactly on `to`.
            Some(from) if from.y == to.y && from.x < to.x => {
                let n = u32::from(to.x - from.x);
                let relative_len = if n == 1 { 3 } else { 3 + digits(n) };
                if relative_len < absolute_len {
                    if n == 1 {
                        out.push_str("\x1b[C");
                    } else {
                        let _ = write!(out, "\x1b[{n}C");
                    }
                } else {
                    let _ = write!(out, "\x1b[{row};{col}H");
                }
            }
            _ => {
                let _ = write!(out, "\x1b[{row};{col}H");
            }
        }
        self.cursor = None;
        let result = self.writer.write_all(out.as_bytes());
        self.scratch = out;
        result?;
        self.cursor = Some(to);
        Ok(())
    }

    /// Sends the SGR parameters that turn the current attributes into `to`.
    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let mut sgr = Sgr::new(&mut out);
        let from = match self.pen {
            Some(pen) => pen,
            None => {
                sgr.push("0");
                Pen::RESET
            }
        };
        let removed = from.modifier - to.modifier;
        let added = to.modifier - from.modifier;
        for (modifier, _, off) in SIMPLE_MODIFIERS {
            if removed.contains(modifier) {
                sgr.push(off);
            }
        }
        if from.intensity_state() != to.intensity_state() {
            // Bold and dim: reset both (unless neither is on) and send them again, the last one
            // sent being the one the stock backend sent last (it wins where they are exclusive).
            if from.modifier.intersects(Modifier::BOLD | Modifier::DIM) {
                sgr.push("22");
            }
            match (
                to.modifier.contains(Modifier::BOLD),
                to.modifier.contains(Modifier::DIM),
            ) {
                (true, true) if to.intensity == Intensity::Bold => {
                    sgr.push("2");
                    sgr.push("1");
                }
                (true, true) => {
                    sgr.push("1");
                    sgr.push("2");
                }
                (true, false) => sgr.push("1"),
                (false, true) => sgr.push("2"),
                (false, false) => {}
            }
        }
        let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
        if from.modifier & blink != to.modifier & blink {
            // SGR 25 ends both kinds of blinking: reset and send again, like bold and dim.
            if from.modifier.intersects(blink) {
                sgr.push("25");
            }
            if to.modifier.contains(Modifier::SLOW_BLINK) {
                sgr.push("5");
            }
            if to.modifier.contains(Modifier::RAPID_BLINK) {
                sgr.push("6");
            }
        }
        for (modifier, on, _) in SIMPLE_MODIFIERS {
            if added.contains(modifier) {
                sgr.push(on);
            }
        }
        if from.fg != to.fg {
            sgr.push_color(Colored::ForegroundColor(to.fg.into_crossterm()), to.fg);
        }
        if from.bg != to.bg {
            sgr.push_color(Colored::BackgroundColor(to.bg.into_crossterm()), to.bg);
        }
        sgr.finish();
        if from.underline != to.underline {
            // On its own, as the stock backend sends it: terminals that do not know SGR 58 read
            // its colour parameters as attributes, and should do so exactly as for the stock one.
            let color = Colored::UnderlineColor(to.underline.into_crossterm());
            let _ = write!(out, "\x1b[{color}m");
        }
        self.pen = None;
        let result = self.writer.write_all(out.as_bytes());
        self.scratch = out;
        result?;
        self.pen = Some(to);
        Ok(())
    }

    /// Prints a cell's symbol where the cursor is and updates the tracked position.
    fn print(&mut self, symbol: &str) -> io::Result<()> {
        let before = self.cursor.take();
        let has_control = symbol.chars().any(char::is_control);
        if has_control {
            // An escape sequence smuggled in a symbol (a hyperlink, say) may change anything.
            self.pen = None;
        }
        self.writer.write_all(symbol.as_bytes())?;
        if !has_control {
            // Past the last column the terminal is in the pending-wrap state (or wrapped a wide
            // glyph): unknown. Without the width, every position is treated so.
            let screen_width = self.width;
            self.cursor = before
                .zip(certain_width(symbol))
                .map(|(at, width)| Position::new(at.x.saturating_add(width), at.y))
                .filter(|after| screen_width.is_some_and(|columns| after.x < columns));
        }
        Ok(())
    }

    fn draw_cells<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.width = self.noted_size.take().map(|size| size.width);
        let mut previous: Option<Position> = None;
        let mut stock_intensity = StockIntensity::default();
        for (x, y, cell) in content {
            let here = Position::new(x, y);
            // The stock backend moves unless this cell directly follows the previous one.
            let stock_moves =
                !matches!(previous, Some(p) if p.y == y && p.x.checked_add(1) == Some(x));
            previous = Some(here);
            let symbol = cell.symbol();
            // Where the stock backend does not move, neither do we: both print wherever the
            // terminal left the cursor. Where it moves, we move unless certainly there already
            // (and a symbol starting with a zero-width character always gets its move, as some
            // terminals attach it to whatever was printed last).
            if stock_moves && (self.cursor != Some(here) || starts_zero_width(symbol)) {
                self.move_to(here)?;
            }
            stock_intensity.update(cell.modifier);
            let pen = Pen::of(cell, stock_intensity.last);
            if self.pen != Some(pen) {
                self.set_pen(pen)?;
            }
            self.print(symbol)?;
        }
        Ok(())
    }
}

impl<W: Write> Write for LeanBackend<W> {
    /// Writes directly to the terminal, as the stock backend's `Write` does: the attributes are
    /// reset first if the last frame left any (the stock backend resets them after every frame),
    /// and the tracked state is forgotten since the bytes may change anything.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Only before the first piece: a caller writing in several pieces (`write!`, one
        // `execute!` after another) must not have its own SGR undone between them.
        if !self.direct {
            self.guarded(|backend| backend.reset_pen())?;
        }
        self.forget_state();
        self.direct = true;
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if Colored::ansi_color_disabled_memoized() {
            // NO_COLOR: crossterm writes every colour change as `CSI m`, a full reset, and the
            // stock backend's output depends on that. Let it draw; it ends with a reset.
            self.direct = false;
            self.cursor = None;
            self.pen = None;
            CrosstermBackend::new(&mut self.writer).draw(content)?;
            self.pen = Some(Pen::RESET);
            return Ok(());
        }
        self.guarded(|backend| backend.draw_cells(content))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.guarded(|backend| {
            // New lines scrolled in take the current background in many terminals.
            backend.reset_pen()?;
            backend.cursor = None;
            for _ in 0..n {
                queue!(backend.writer, ratatui::crossterm::style::Print("\n"))?;
            }
            backend.writer.flush()
        })
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.guarded(|backend| {
            if backend.cursor_visible != Some(false) {
                backend.cursor_visible = None;
                queue!(backend.writer, Hide)?;
                backend.cursor_visible = Some(false);
            }
            backend.writer.flush()
        })
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.guarded(|backend| {
            if backend.cursor_visible != Some(true) {
                backend.cursor_visible = None;
                queue!(backend.writer, Show)?;
                backend.cursor_visible = Some(true);
            }
            backend.writer.flush()
        })
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        ratatui::crossterm::cursor::position()
            .map(|(x, y)| Position { x, y })
            .map_err(io::Error::other)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.guarded(|backend| {
            if backend.cursor != Some(position) {
                backend.move_to(position)?;
            }
            backend.writer.flush()
        })
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.guarded(|backend| {
            // A clear fills with the current attributes: reset them as the stock backend has.
            backend.reset_pen()?;
            // Clears come with resizes, which may move the cursor.
            backend.cursor = None;
            execute!(
                backend.writer,
                Clear(match clear_type {
                    ClearType::All => terminal::ClearType::All,
                    ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
                    ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
                    ClearType::CurrentLine => terminal::ClearType::CurrentLine,
                    ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
                })
            )
        })
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        let size = Size { width, height };
        self.noted_size.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let terminal::WindowSize {
            columns,
            rows,
            width,
            height,
        } = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: columns,
                height: rows,
            },
            pixels: Size { width, height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Modifiers with one SGR code to set and one to clear, independent of all others.
const SIMPLE_MODIFIERS: [(Modifier, &str, &str); 5] = [
    (Modifier::REVERSED, "7", "27"),
    (Modifier::ITALIC, "3", "23"),
    (Modifier::UNDERLINED, "4", "24"),
    (Modifier::CROSSED_OUT, "9", "29"),
    (Modifier::HIDDEN, "8", "28"),
];

/// Which of SGR 1 (bold) and SGR 2 (dim) was sent last since the last SGR 22 or 0: what terminals
/// with a single intensity attribute show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Intensity {
    #[default]
    Normal,
    Bold,
    Dim,
}

/// The terminal's current colours and modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// Matters only with both bold and dim on.
    intensity: Intensity,
}

impl Pen {
    const RESET: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
        intensity: Intensity::Normal,
    };

    /// The pen for `cell`, given which intensity the stock backend would have sent last.
    fn of(cell: &Cell, stock_last: Intensity) -> Self {
        let intensity = match (
            cell.modifier.contains(Modifier::BOLD),
            cell.modifier.contains(Modifier::DIM),
        ) {
            (false, false) => Intensity::Normal,
            (true, false) => Intensity::Bold,
            (false, true) => Intensity::Dim,
            (true, true) => stock_last,
        };
        Self {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
            intensity,
        }
    }

    fn intensity_state(self) -> (Modifier, Intensity) {
        (
            self.modifier & (Modifier::BOLD | Modifier::DIM),
            self.intensity,
        )
    }
}

/// Follows the order in which the stock backend sends bold and dim within one draw (it starts
/// every draw from no modifiers), to know which one it sent last.
#[derive(Default)]
struct StockIntensity {
    modifier: Modifier,
    last: Intensity,
}

impl StockIntensity {
    fn update(&mut self, to: Modifier) {
        if to == self.modifier {
            return;
        }
        let removed = self.modifier - to;
        let added = to - self.modifier;
        if removed.intersects(Modifier::BOLD | Modifier::DIM) {
            // SGR 22, then dim, then bold.
            if to.contains(Modifier::BOLD) {
                self.last = Intensity::Bold;
            } else if to.contains(Modifier::DIM) {
                self.last = Intensity::Dim;
            } else {
                self.last = Intensity::Normal;
            }
        } else {
            // Bold, then dim.
            if added.contains(Modifier::BOLD) {
                self.last = Intensity::Bold;
            }
            if added.contains(Modifier::DIM) {
                self.last = Intensity::Dim;
            }
        }
        self.modifier = to;
    }
}

/// Builds SGR sequences of at most [`MAX_SGR_PARAMS`] parameters each.
struct Sgr<'a> {
    out: &'a mut String,
    params: usize,
}

impl<'a> Sgr<'a> {
    const fn new(out: &'a mut String) -> Self {
        Self { out, params: 0 }
    }

    fn open(&mut self, count: usize) {
        if self.params > 0 && self.params + count > MAX_SGR_PARAMS {
            self.finish();
        }
        if self.params == 0 {
            self.out.push_str("\x1b[");
        } else {
            self.out.push(';');
        }
        self.params += count;
    }

    fn push(&mut self, code: &str) {
        self.open(1);
        self.out.push_str(code);
    }

    fn push_color(&mut self, colored: Colored, color: Color) {
        let count = match color {
            Color::Reset => 1,
            Color::Rgb(..) => 5,
            _ => 3,
        };
        self.open(count);
        let _ = write!(self.out, "{colored}");
    }

    fn finish(&mut self) {
        if self.params > 0 {
            self.out.push('m');
            self.params = 0;
        }
    }
}

/// The number of decimal digits of `n`.
const fn digits(n: u32) -> usize {
    let mut n = n;
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

fn starts_zero_width(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|c| !matches!(c.width(), Some(1 | 2)))
}

/// The width of `symbol` if every terminal agrees on it: a single code point, not East Asian
/// ambiguous, from the ranges below. `None` for everything else (emoji, sequences with variation
/// selectors, ZWJ or combining marks, control characters, symbols terminals draw differently).
fn certain_width(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    if c.is_ascii() {
        return (' '..='~').contains(&c).then_some(1);
    }
    let width = c.width()?;
    if c.width_cjk() != Some(width) {
        return None;
    }
    let code = u32::from(c);
    match width {
        1 if is_plain_letter_range(code) => Some(1),
        2 if is_cjk_range(code) => Some(2),
        _ => None,
    }
}

/// Latin-1 Supplement to Cyrillic Supplement, Latin Extended Additional and Greek Extended, minus
/// the soft hyphen and the two symbols that have emoji presentations (© ®).
const fn is_plain_letter_range(code: u32) -> bool {
    matches!(code, 0x00A0..=0x052F | 0x1E00..=0x1FFF) && !matches!(code, 0x00A9 | 0x00AD | 0x00AE)
}

/// Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility ideographs, vertical and
/// full-width forms, and the supplementary ideograph planes: wide in every terminal.
const fn is_cjk_range(code: u32) -> bool {
    matches!(
        code,
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x2_0000..=0x2_FFFD
            | 0x3_0000..=0x3_FFFD
    )
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell as StdCell, RefCell};
    use std::fmt::Debug;
    use std::num::NonZeroU16;
    use std::rc::Rc;
    use std::time::Instant;

    use ratatui::Terminal;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::widgets::{Clear, Widget};

    use super::*;

    // ---------------------------------------------------------------------------------------
    // Plumbing: a shared byte sink, a backend wrapper with a fixed size, a seeded generator.

    /// A `Vec<u8>` both the backend and the test can reach.
    #[derive(Clone, Default)]
    struct SharedBuf(Rc<RefCell<Vec<u8>>>);

    impl SharedBuf {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    impl Write for SharedBuf {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Delegates everything to `inner` except the size, which comes from the test instead of the
    /// (absent) terminal, so that `Terminal::draw` sees resizes exactly as in the application; the
    /// lean backend is told the size as its own `size()` would have recorded it.
    struct FixedSize<B> {
        inner: B,
        size: Rc<StdCell<Size>>,
    }

    impl<B: Hooks> Backend for FixedSize<B> {
        type Error = io::Error;

        fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            self.inner.draw(content)
        }

        fn append_lines(&mut self, n: u16) -> io::Result<()> {
            self.inner.append_lines(n)
        }

        fn hide_cursor(&mut self) -> io::Result<()> {
            self.inner.hide_cursor()
        }

        fn show_cursor(&mut self) -> io::Result<()> {
            self.inner.show_cursor()
        }

        fn get_cursor_position(&mut self) -> io::Result<Position> {
            Err(io::Error::other("no terminal to ask in tests"))
        }

        fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
            self.inner.set_cursor_position(position)
        }

        fn clear(&mut self) -> io::Result<()> {
            self.inner.clear()
        }

        fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
            self.inner.clear_region(clear_type)
        }

        fn size(&self) -> io::Result<Size> {
            let size = self.size.get();
            self.inner.note_size(size);
            Ok(size)
        }

        fn window_size(&mut self) -> io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: self.size.get(),
                pixels: Size::default(),
            })
        }

        fn flush(&mut self) -> io::Result<()> {
            Backend::flush(&mut self.inner)
        }
    }

    /// splitmix64: deterministic, so a failing seed can be replayed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn below16(&mut self, n: u16) -> u16 {
            self.below(u64::from(n)) as u16
        }

        /// True with probability `percent` / 100.
        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len() as u64) as usize]
        }
    }

    // ---------------------------------------------------------------------------------------
    // An SGR model: which attributes each printed character gets, with bold and dim modelled both
    // as two attributes and as one. vt100 ignores blink, hidden, crossed-out and underline colour
    // and treats bold/dim as exclusive only; this covers the rest.

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    enum ModelColor {
        #[default]
        Default,
        Indexed(u16),
        Rgb(u16, u16, u16),
    }

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    struct ModelPen {
        fg: ModelColor,
        bg: ModelColor,
        underline_color: ModelColor,
        /// Bold and dim as two attributes.
        bold: bool,
        dim: bool,
        /// Bold and dim as one attribute: 0 normal, 1 bold, 2 dim.
        intensity: u8,
        italic: bool,
        underline: bool,
        slow_blink: bool,
        rapid_blink: bool,
        reverse: bool,
        hidden: bool,
        crossed_out: bool,
    }

    fn model_color(color: Color) -> ModelColor {
        match color {
            Color::Reset => ModelColor::Default,
            Color::Indexed(i) => ModelColor::Indexed(u16::from(i)),
            Color::Rgb(r, g, b) => ModelColor::Rgb(r.into(), g.into(), b.into()),
            named => {
                let index = NAMED.iter().position(|&c| c == named).unwrap_or(0);
                // NAMED lists Reset first, then the 16 colours in palette order.
                ModelColor::Indexed(index as u16 - 1)
            }
        }
    }

    /// The SGR model's view of a tracked pen.
    fn model_pen(pen: Pen) -> ModelPen {
        let has = |m| pen.modifier.contains(m);
        ModelPen {
            fg: model_color(pen.fg),
            bg: model_color(pen.bg),
            underline_color: model_color(pen.underline),
            bold: has(Modifier::BOLD),
            dim: has(Modifier::DIM),
            intensity: match pen.intensity {
                Intensity::Normal => 0,
                Intensity::Bold => 1,
                Intensity::Dim => 2,
            },
            italic: has(Modifier::ITALIC),
            underline: has(Modifier::UNDERLINED),
            slow_blink: has(Modifier::SLOW_BLINK),
            rapid_blink: has(Modifier::RAPID_BLINK),
            reverse: has(Modifier::REVERSED),
            hidden: has(Modifier::HIDDEN),
            crossed_out: has(Modifier::CROSSED_OUT),
        }
    }

    #[derive(Default)]
    struct PenModel {
        pen: ModelPen,
    }

    impl PenModel {
        /// Every printable character in `bytes`, with the attributes it is printed with.
        fn feed(&mut self, bytes: &[u8]) -> Vec<(char, ModelPen)> {
            enum State {
                Ground,
                Escape,
                Csi(String),
                Osc,
                OscEscape,
            }
            let text = String::from_utf8_lossy(bytes);
            let mut printed = Vec::new();
            let mut state = State::Ground;
            for c in text.chars() {
                state = match state {
                    State::Ground if c == '\x1b' => State::Escape,
                    State::Ground => {
                        if !c.is_control() {
                            printed.push((c, self.pen));
                        }
                        State::Ground
                    }
                    State::Escape if c == '[' => State::Csi(String::new()),
                    State::Escape if c == ']' => State::Osc,
                    State::Escape => State::Ground,
                    State::Csi(mut params) => {
                        if ('\x40'..='\x7e').contains(&c) {
                            if c == 'm' && !params.starts_with(['?', '<', '=', '>']) {
                                self.sgr(&params);
                            }
                            State::Ground
                        } else {
                            params.push(c);
                            State::Csi(params)
                        }
                    }
                    State::Osc if c == '\x07' => State::Ground,
                    State::Osc if c == '\x1b' => State::OscEscape,
                    State::Osc => State::Osc,
                    State::OscEscape => State::Ground,
                };
            }
            printed
        }

        fn sgr(&mut self, params: &str) {
            let values: Vec<u16> = params
                .split(';')
                .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
                .collect();
            let mut i = 0;
            let pen = &mut self.pen;
            let color = |values: &[u16], i: &mut usize| -> ModelColor {
                match values.get(*i + 1) {
                    Some(5) => {
                        *i += 2;
                        ModelColor::Indexed(values.get(*i).copied().unwrap_or(0))
                    }
                    Some(2) => {
                        *i += 4;
                        let v = |k: usize| values.get(k).copied().unwrap_or(0);
                        ModelColor::Rgb(v(*i - 2), v(*i - 1), v(*i))
                    }
                    _ => ModelColor::Default,
                }
            };
            while i < values.len() {
                match values[i] {
                    0 => *pen = ModelPen::default(),
                    1 => {
                        pen.bold = true;
                        pen.intensity = 1;
                    }
                    2 => {
                        pen.dim = true;
                        pen.intensity = 2;
                    }
                    22 => {
                        pen.bold = false;
                        pen.dim = false;
                        pen.intensity = 0;
                    }
                    3 => pen.italic = true,
                    23 => pen.italic = false,
                    4 => pen.underline = true,
                    24 => pen.underline = false,
                    5 => pen.slow_blink = true,
                    6 => pen.rapid_blink = true,
                    25 => {
                        pen.slow_blink = false;
                        pen.rapid_blink = false;
                    }
                    7 => pen.reverse = true,
                    27 => pen.reverse = false,
                    8 => pen.hidden = true,
                    28 => pen.hidden = false,
                    9 => pen.crossed_out = true,
                    29 => pen.crossed_out = false,
                    n @ 30..=37 => pen.fg = ModelColor::Indexed(n - 30),
                    n @ 90..=97 => pen.fg = ModelColor::Indexed(n - 82),
                    n @ 40..=47 => pen.bg = ModelColor::Indexed(n - 40),
                    n @ 100..=107 => pen.bg = ModelColor::Indexed(n - 92),
                    38 => pen.fg = color(&values, &mut i),
                    48 => pen.bg = color(&values, &mut i),
                    58 => pen.underline_color = color(&values, &mut i),
                    39 => pen.fg = ModelColor::Default,
                    49 => pen.bg = ModelColor::Default,
                    59 => pen.underline_color = ModelColor::Default,
                    _ => {}
                }
                i += 1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // One terminal per backend: ratatui Terminal, byte sink, emulator, SGR model.

    /// What the test does besides drawing: the lean backend's extra calls (no-ops for the stock).
    trait Hooks: Backend<Error = io::Error> + Write {
        fn before_raw_write(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn after_raw_write(&mut self) {}
        fn forget(&mut self) {}
        fn on_exit(&mut self) -> io::Result<()> {
            Ok(())
        }
        /// What `size()` records when it asks the real terminal.
        fn note_size(&self, _size: Size) {}
    }

    impl Hooks for CrosstermBackend<SharedBuf> {}

    impl Hooks for LeanBackend<SharedBuf> {
        fn before_raw_write(&mut self) -> io::Result<()> {
            self.reset_state()
        }
        fn after_raw_write(&mut self) {
            self.forget_state();
        }
        fn forget(&mut self) {
            self.forget_state();
        }
        fn on_exit(&mut self) -> io::Result<()> {
            self.reset_state()
        }
        fn note_size(&self, size: Size) {
            self.noted_size.set(Some(size));
        }
    }

    #[derive(Clone, Debug)]
    enum Action {
        /// The terminal is resized; the next draw notices.
        Resize(Size),
        /// `Terminal::resize` to the same size: clear and redraw everything.
        Redraw,
        ClearRegion(Position, ClearType),
        AppendLines(Position, u16),
        /// Bytes written through the backend's `Write`.
        BackendWrite(&'static str),
        /// Bytes written behind the backend's back (with the lean backend's reset and forget).
        RawWrite(&'static str),
        Forget,
        Draw(Box<Buffer>, Option<Position>),
    }

    struct Side<B: Hooks> {
        terminal: Terminal<FixedSize<B>>,
        out: SharedBuf,
        size: Rc<StdCell<Size>>,
        parser: vt100::Parser,
        pens: PenModel,
        bytes: usize,
        chunk: Vec<u8>,
        /// vt100 panicked on this side's output (see `sync_bytes`).
        broken: bool,
    }

    fn nonzero(n: u16) -> NonZeroU16 {
        NonZeroU16::new(n).expect("terminal sizes are never zero")
    }

    impl<B: Hooks> Side<B> {
        fn new(make: impl FnOnce(SharedBuf) -> B, size: Size) -> Self {
            let out = SharedBuf::default();
            let shared = Rc::new(StdCell::new(size));
            let backend = FixedSize {
                inner: make(out.clone()),
                size: Rc::clone(&shared),
            };
            Self {
                terminal: Terminal::new(backend).expect("terminal"),
                out,
                size: shared,
                parser: vt100::Parser::new(nonzero(size.height), nonzero(size.width), 0),
                pens: PenModel::default(),
                bytes: 0,
                chunk: Vec::new(),
                broken: false,
            }
        }

        fn backend(&mut self) -> &mut B {
            &mut self.terminal.backend_mut().inner
        }

        fn apply(&mut self, action: &Action) -> io::Result<()> {
            match action {
                Action::Resize(size) => {
                    // The emulator resizes first; the application notices on its next draw.
                    self.sync_bytes();
                    self.parser
                        .screen_mut()
                        .set_size(nonzero(size.height), nonzero(size.width));
                    self.size.set(*size);
                }
                Action::Redraw => {
                    let area = Rect::from((Position::ORIGIN, self.size.get()));
                    self.terminal.resize(area)?;
                }
                Action::ClearRegion(at, clear_type) => {
                    self.backend().set_cursor_position(*at)?;
                    self.backend().clear_region(*clear_type)?;
                }
                Action::AppendLines(at, n) => {
                    self.backend().set_cursor_position(*at)?;
                    self.backend().append_lines(*n)?;
                }
                Action::BackendWrite(text) => {
                    self.backend().write_all(text.as_bytes())?;
                    Write::flush(self.backend())?;
                }
                Action::RawWrite(text) => {
                    self.backend().before_raw_write()?;
                    self.out.write_all(text.as_bytes())?;
                    self.backend().after_raw_write();
                }
                Action::Forget => self.backend().forget(),
                Action::Draw(model, cursor) => {
                    self.terminal.draw(|frame| {
                        frame.buffer_mut().clone_from(model);
                        if let Some(cursor) = cursor {
                            frame.set_cursor_position(*cursor);
                        }
                    })?;
                }
            }
            Ok(())
        }

        /// The application exits: the lean backend's state is reset, then the terminal dropped
        /// (which shows the cursor if it was hidden). Returns the emulator, the SGR state and
        /// the total bytes written.
        fn exit(mut self) -> (vt100::Parser, ModelPen, usize) {
            self.backend().on_exit().expect("reset at exit");
            drop(self.terminal);
            let rest = self.out.take();
            self.parser.process(&rest);
            self.pens.feed(&rest);
            (self.parser, self.pens.pen, self.bytes + rest.len())
        }

        /// Feeds what was written since the last call to the emulator; returns the characters
        /// printed, with their attributes in the SGR model.
        ///
        /// vt100 0.18 can panic on valid input: when a narrow base character widened by VS16
        /// (`❤️`) lands in the last column of the bottom row, it scrolls but leaves a wide cell
        /// in the last column of the row above, and printing over that cell later unwraps a
        /// continuation cell that does not exist. The stock backend's output triggers it as
        /// well (ratatui's widths and vt100's disagree for such emoji, so their glyphs run past
        /// the end of the line). The panic is caught and the side marked broken; the run stops
        /// there if the stock side broke, and fails if only the lean side did.
        fn sync_bytes(&mut self) -> Vec<(char, ModelPen)> {
            let bytes = self.out.take();
            self.bytes += bytes.len();
            self.chunk.extend_from_slice(&bytes);
            if !self.broken {
                let parser = &mut self.parser;
                let processed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    parser.process(&bytes);
                }));
                self.broken = processed.is_err();
            }
            self.pens.feed(&bytes)
        }
    }

    // ---------------------------------------------------------------------------------------
    // Random frames.

    /// Graphemes to draw: ASCII, accented letters (precomposed and with combining marks), CJK,
    /// half- and full-width forms, emoji (single code points with and without VS16, skin tones,
    /// ZWJ sequences, keycaps, flags), ambiguous-width symbols, and lone zero-width characters
    /// (which `set_string` drops but a cell can still hold).
    #[rustfmt::skip]
    const GRAPHEMES: &[&str] = &[
        "a", "b", "z", "Q", "0", "9", " ", "-", "_", "~", "{", "|",
        "é", "ü", "ñ", "ç", "Å", "ø", "ß", "œ", "ł", "ğ", "Ω", "Ж",
        "e\u{301}", "a\u{308}\u{304}", "n\u{303}",
        "漢", "字", "日", "本", "한", "あ", "ｱ", "ｶﾞ", "！", "Ａ",
        "😀", "👍", "👍🏽", "❤️", "❤", "⌨️", "⌨", "☺", "☺️", "✔", "✅",
        "👨‍👩‍👧", "🏳️‍🌈", "1️⃣", "🇫🇷",
        "→", "…", "─", "│", "┌", "°", "±",
        "\u{301}", "\u{200d}", "\u{fe0f}",
    ];

    const TYPED: &[&str] = &[
        "a", "b", "c", "x", "y", " ", ".", "é", "ñ", "ß", "漢", "あ", "😀", "❤️", "e\u{301}",
    ];

    const WRITES: &[&str] = &[
        "\x1b[2;3Hxy",
        "plain",
        "\x1b[?25l",
        "\x1b[?25h",
        "é漢z",
        "\x1b[H",
    ];

    const CLEAR_TYPES: [ClearType; 5] = [
        ClearType::All,
        ClearType::AfterCursor,
        ClearType::BeforeCursor,
        ClearType::CurrentLine,
        ClearType::UntilNewLine,
    ];

    const NAMED: [Color; 17] = [
        Color::Reset,
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];

    fn color(rng: &mut Rng) -> Color {
        match rng.below(6) {
            0 | 1 => Color::Reset,
            2 | 3 => rng.pick(&NAMED),
            4 => Color::Indexed(rng.below(256) as u8),
            _ => Color::Rgb(
                rng.below(256) as u8,
                rng.below(256) as u8,
                rng.below(256) as u8,
            ),
        }
    }

    fn style(rng: &mut Rng, underline_colors: bool) -> Style {
        let mut modifier = Modifier::empty();
        for m in [
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::ITALIC,
            Modifier::UNDERLINED,
            Modifier::REVERSED,
            Modifier::HIDDEN,
            Modifier::CROSSED_OUT,
        ] {
            if rng.chance(25) {
                modifier |= m;
            }
        }
        // One kind of blink at most: with both, the stock backend drops rapid blink when slow
        // blink goes (SGR 25 ends both and it sends only what was added); this backend keeps what
        // the buffer says, so the two would differ on purpose.
        match rng.below(10) {
            0 => modifier |= Modifier::SLOW_BLINK,
            1 => modifier |= Modifier::RAPID_BLINK,
            _ => {}
        }
        let mut style = Style::new()
            .fg(color(rng))
            .bg(color(rng))
            .add_modifier(modifier)
            .remove_modifier(Modifier::all() - modifier);
        // vt100 does not know SGR 58 and reads its colour parameters as attributes
        // (`58;5;1` turns bold on), which real terminals do not: underline colours are only
        // generated for runs checked with the SGR model, not vt100's attributes.
        if underline_colors {
            style = style.underline_color(color(rng));
        }
        style
    }

    fn text(rng: &mut Rng) -> String {
        let n = 1 + rng.below(10);
        (0..n).map(|_| rng.pick(GRAPHEMES)).collect()
    }

    /// A column or row, the last one a quarter of the time.
    fn coordinate(rng: &mut Rng, len: u16) -> u16 {
        if rng.chance(25) {
            len - 1
        } else {
            rng.below16(len)
        }
    }

    fn position(rng: &mut Rng, size: Size) -> Position {
        Position::new(coordinate(rng, size.width), coordinate(rng, size.height))
    }

    fn rect(rng: &mut Rng, size: Size) -> Rect {
        let at = position(rng, size);
        let width = 1 + rng.below16(size.width - at.x);
        let height = 1 + rng.below16(size.height - at.y);
        Rect::new(at.x, at.y, width, height)
    }

    fn random_size(rng: &mut Rng) -> Size {
        Size::new(2 + rng.below16(34), 1 + rng.below16(10))
    }

    /// The application being simulated: a screen model, someone typing, a cursor.
    struct Scenario {
        rng: Rng,
        model: Buffer,
        size: Size,
        typing: Position,
        typing_style: Style,
        underline_colors: bool,
    }

    impl Scenario {
        fn new(seed: u64, underline_colors: bool) -> Self {
            let mut rng = Rng(seed);
            let size = random_size(&mut rng);
            let typing_style = style(&mut rng, underline_colors);
            Self {
                rng,
                model: Buffer::empty(Rect::from((Position::ORIGIN, size))),
                size,
                typing: Position::ORIGIN,
                typing_style,
                underline_colors,
            }
        }

        fn area(&self) -> Rect {
            Rect::from((Position::ORIGIN, self.size))
        }

        fn type_one(&mut self) {
            let Position { x, y } = self.typing;
            if self.rng.chance(15) {
                // Backspace.
                if x > 0 {
                    self.typing.x = x - 1;
                    self.model.set_string(x - 1, y, " ", self.typing_style);
                }
                return;
            }
            let typed = if self.rng.chance(70) {
                self.rng.pick(&TYPED[..7])
            } else {
                self.rng.pick(TYPED)
            };
            let (after, _) = self
                .model
                .set_stringn(x, y, typed, usize::MAX, self.typing_style);
            if after == x || after >= self.size.width {
                // Did not fit or filled the line: carry on at the start of the next line.
                self.typing = Position::new(0, (y + 1) % self.size.height);
            } else {
                self.typing.x = after;
            }
        }

        /// What happens before the next draw, ending with the draw.
        fn frame(&mut self) -> Vec<Action> {
            let mut actions = Vec::new();
            let rng = &mut self.rng;
            if rng.chance(2) {
                actions.push(Action::Redraw);
            }
            if rng.chance(2) {
                let at = position(rng, self.size);
                actions.push(Action::ClearRegion(at, rng.pick(&CLEAR_TYPES)));
            }
            if rng.chance(2) {
                let at = position(rng, self.size);
                actions.push(Action::AppendLines(at, 1 + rng.below16(3)));
            }
            if rng.chance(2) {
                let text = rng.pick(WRITES);
                actions.push(Action::BackendWrite(text));
            }
            if rng.chance(2) {
                let text = rng.pick(WRITES);
                actions.push(Action::RawWrite(text));
            }
            if rng.chance(2) {
                actions.push(Action::Forget);
            }
            if rng.chance(5) {
                self.typing_style = style(rng, self.underline_colors);
            }

            // The resize comes last, right before the draw, which starts by clearing the screen:
            // vt100 panics when a narrow character is printed over a wide one that a shrink left
            // in the last column (it unwraps the missing continuation cell), which real terminals
            // do not.
            let mut resize = None;
            let rng = &mut self.rng;
            if rng.chance(4) {
                let size = if rng.chance(50) {
                    random_size(rng)
                } else {
                    let width = (self.size.width + rng.below16(3)).saturating_sub(1).max(2);
                    let height = (self.size.height + rng.below16(3)).saturating_sub(1).max(1);
                    Size::new(width, height)
                };
                self.size = size;
                self.model.resize(self.area());
                self.typing.x = self.typing.x.min(size.width - 1);
                self.typing.y = self.typing.y.min(size.height - 1);
                resize = Some(size);
            }

            let changes = self.rng.below(4);
            for _ in 0..changes {
                let size = self.size;
                let ul = self.underline_colors;
                match self.rng.below(10) {
                    0..=3 => self.type_one(),
                    4 | 5 => {
                        let at = position(&mut self.rng, size);
                        let text = text(&mut self.rng);
                        let style = style(&mut self.rng, ul);
                        self.model.set_string(at.x, at.y, text, style);
                    }
                    6 => Clear.render(rect(&mut self.rng, size), &mut self.model),
                    7 => {
                        let area = rect(&mut self.rng, size);
                        let style = style(&mut self.rng, ul);
                        self.model.set_style(area, style);
                    }
                    8 => {
                        // A single cell set directly: may leave a wide glyph followed by a
                        // non-blank cell, which ratatui's diff does not expect.
                        let at = position(&mut self.rng, size);
                        let symbol = self.rng.pick(GRAPHEMES);
                        let style = style(&mut self.rng, ul);
                        self.model[at].set_symbol(symbol).set_style(style);
                    }
                    _ => {}
                }
            }
            let cursor = match self.rng.below(4) {
                0 | 1 => Some(self.typing),
                2 => None,
                // Anywhere, now and then one column past the end.
                _ => Some(Position::new(
                    self.rng.below16(self.size.width + 1),
                    coordinate(&mut self.rng, self.size.height),
                )),
            };
            // ratatui's diff indexes past the end of the buffer when its last cell holds a wide
            // glyph (its own widgets never put one there; a direct cell write or a resize of
            // this model can): the stock backend would panic too, so that case is left out.
            if let Some(last) = self.model.content.last_mut()
                && unicode_width::UnicodeWidthStr::width(last.symbol()) > 1
            {
                last.reset();
            }
            actions.extend(resize.map(Action::Resize));
            actions.push(Action::Draw(Box::new(self.model.clone()), cursor));
            actions
        }
    }

    // ---------------------------------------------------------------------------------------
    // Comparison.

    fn compare_screens(
        stock: &vt100::Screen,
        lean: &vt100::Screen,
        attributes: bool,
    ) -> Vec<String> {
        let mut differences = Vec::new();
        let (rows, cols) = stock.size();
        for row in 0..rows.get() {
            if stock.row_wrapped(row) != lean.row_wrapped(row) {
                differences.push(format!("row {row}: wrapped flag differs"));
            }
            for col in 0..cols.get() {
                let (Some(a), Some(b)) = (stock.cell(row, col), lean.cell(row, col)) else {
                    differences.push(format!("({col},{row}): missing cell"));
                    continue;
                };
                let text = |c: &vt100::Cell| {
                    (
                        c.contents().to_string(),
                        c.is_wide(),
                        c.is_wide_continuation(),
                    )
                };
                let attrs = |c: &vt100::Cell| {
                    (
                        c.fgcolor(),
                        c.bgcolor(),
                        c.bold(),
                        c.dim(),
                        c.italic(),
                        c.underline(),
                        c.inverse(),
                    )
                };
                if text(a) != text(b) || (attributes && attrs(a) != attrs(b)) {
                    differences.push(format!(
                        "({col},{row}): stock {:?} {:?}, lean {:?} {:?}",
                        text(a),
                        attrs(a),
                        text(b),
                        attrs(b)
                    ));
                }
            }
        }
        if stock.cursor_position() != lean.cursor_position() {
            differences.push(format!(
                "cursor (row, col): stock {:?}, lean {:?}",
                stock.cursor_position(),
                lean.cursor_position()
            ));
        }
        if stock.hide_cursor() != lean.hide_cursor() {
            differences.push(format!(
                "cursor hidden: stock {}, lean {}",
                stock.hide_cursor(),
                lean.hide_cursor()
            ));
        }
        differences
    }

    fn escaped(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).escape_debug().to_string()
    }

    fn fail(
        seed: u64,
        frame: usize,
        actions: &[Action],
        what: &str,
        details: &[impl Debug],
        stock: &[u8],
        lean: &[u8],
    ) -> ! {
        let actions: Vec<String> = actions
            .iter()
            .map(|a| match a {
                Action::Draw(_, cursor) => format!("Draw(cursor {cursor:?})"),
                other => format!("{other:?}"),
            })
            .collect();
        panic!(
            "seed {seed}, frame {frame}: {what}\nactions: {actions:?}\ndetails: {details:#?}\n\
             stock wrote: {}\nlean wrote:  {}",
            escaped(stock),
            escaped(lean)
        );
    }

    /// Names the seed and frame when something panics inside ratatui or vt100.
    struct PanicContext {
        seed: u64,
        frame: StdCell<usize>,
    }

    impl Drop for PanicContext {
        fn drop(&mut self) {
            if std::thread::panicking() {
                eprintln!(
                    "(panicked at seed {}, frame {})",
                    self.seed,
                    self.frame.get()
                );
            }
        }
    }

    /// Byte totals of one run.
    struct Totals {
        stock: usize,
        lean: usize,
        /// Frames compared: fewer than asked if vt100 broke on the stock backend's output.
        frames: usize,
    }

    /// Draws `frames` random frames through both backends and requires the same screen after
    /// every one. With `underline_colors`, vt100's attributes are not compared (see `style`).
    fn differential(seed: u64, frames: usize, underline_colors: bool) -> Totals {
        let mut scenario = Scenario::new(seed, underline_colors);
        let mut stock = Side::new(CrosstermBackend::new, scenario.size);
        let mut lean = Side::new(LeanBackend::new, scenario.size);
        let context = PanicContext {
            seed,
            frame: StdCell::new(0),
        };
        for frame in 0..frames {
            context.frame.set(frame);
            let actions = scenario.frame();
            for action in &actions {
                stock.apply(action).expect("stock backend");
                lean.apply(action).expect("lean backend");
            }
            let stock_printed = stock.sync_bytes();
            let lean_printed = lean.sync_bytes();
            let (stock_chunk, lean_chunk) = (
                std::mem::take(&mut stock.chunk),
                std::mem::take(&mut lean.chunk),
            );
            if stock.broken {
                // vt100's bug, not ours (see `sync_bytes`): nothing more to compare.
                return Totals {
                    stock: stock.bytes,
                    lean: lean.bytes,
                    frames: frame,
                };
            }
            if lean.broken {
                fail(
                    seed,
                    frame,
                    &actions,
                    "vt100 panicked on the lean backend's output only",
                    &[""],
                    &stock_chunk,
                    &lean_chunk,
                );
            }
            if stock_printed != lean_printed {
                let first = stock_printed
                    .iter()
                    .zip(&lean_printed)
                    .position(|(a, b)| a != b)
                    .unwrap_or(stock_printed.len().min(lean_printed.len()));
                let around = |p: &[(char, ModelPen)]| {
                    p.iter().skip(first).take(2).copied().collect::<Vec<_>>()
                };
                fail(
                    seed,
                    frame,
                    &actions,
                    &format!("printed characters or their attributes differ at #{first}"),
                    &[around(&stock_printed), around(&lean_printed)],
                    &stock_chunk,
                    &lean_chunk,
                );
            }
            // What the lean backend believes must be what the terminal has.
            let believed = lean.backend().pen.map(model_pen);
            if believed.is_some_and(|pen| pen != lean.pens.pen) {
                fail(
                    seed,
                    frame,
                    &actions,
                    "the tracked attributes are not the terminal's",
                    &[believed, Some(lean.pens.pen)],
                    &stock_chunk,
                    &lean_chunk,
                );
            }
            let differences = compare_screens(
                stock.parser.screen(),
                lean.parser.screen(),
                !underline_colors,
            );
            if !differences.is_empty() {
                fail(
                    seed,
                    frame,
                    &actions,
                    "screens differ",
                    &differences,
                    &stock_chunk,
                    &lean_chunk,
                );
            }
        }
        let (stock_parser, stock_pen, stock_bytes) = stock.exit();
        let (lean_parser, lean_pen, lean_bytes) = lean.exit();
        let differences = compare_screens(
            stock_parser.screen(),
            lean_parser.screen(),
            !underline_colors,
        );
        assert!(
            differences.is_empty(),
            "seed {seed}, at exit: {differences:#?}"
        );
        assert_eq!(
            stock_parser.screen().attributes_formatted(),
            lean_parser.screen().attributes_formatted(),
            "seed {seed}: attributes left active at exit"
        );
        assert_eq!(stock_pen, lean_pen, "seed {seed}: SGR state at exit");
        Totals {
            stock: stock_bytes,
            lean: lean_bytes,
            frames,
        }
    }

    #[test]
    fn random_frames_look_the_same_through_both_backends() {
        // LEAN_BACKEND_SEEDS=1000 for a longer search; a failure names its seed and frame.
        let seeds: u64 = std::env::var("LEAN_BACKEND_SEEDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(16);
        let frames = 300;
        let started = Instant::now();
        let (mut stock, mut lean, mut compared, mut cut_short) = (0, 0, 0, 0);
        let runs = (1..=seeds)
            .map(|seed| (seed, false))
            // Underline colours, checked with the SGR model only.
            .chain((1..=seeds.div_ceil(4)).map(|seed| (1_000_000 + seed, true)));
        for (seed, underline_colors) in runs {
            let totals = differential(seed, frames, underline_colors);
            stock += totals.stock;
            lean += totals.lean;
            compared += totals.frames;
            if totals.frames < frames {
                cut_short += 1;
            }
        }
        let asked = (seeds + seeds.div_ceil(4)) as usize * frames;
        eprintln!(
            "{compared} of {asked} random frames compared ({cut_short} runs cut short by vt100): \
             stock {stock} bytes, lean {lean} bytes, {:?}",
            started.elapsed()
        );
        assert!(
            compared * 10 >= asked * 9,
            "too many runs cut short by vt100"
        );
        assert!(lean < stock, "stock {stock} bytes, lean {lean} bytes");
    }

    /// With `NO_COLOR` set, `draw` hands over to the stock backend, so exact bytes differ (the
    /// differential test still applies). The setting is process-wide: tests leave it alone.
    fn colors_disabled() -> bool {
        let disabled = Colored::ansi_color_disabled_memoized();
        if disabled {
            eprintln!("NO_COLOR is set: byte-level expectations skipped");
        }
        disabled
    }

    /// Bytes written for each frame of someone typing `typed` on the bottom line of an 80x24
    /// screen, after a first frame drawing the screen.
    fn typing<B: Hooks>(
        make: impl FnOnce(SharedBuf) -> B,
        typed: &str,
        style: Style,
    ) -> Vec<usize> {
        let size = Size::new(80, 24);
        let mut side = Side::new(make, size);
        let mut model = Buffer::empty(Rect::from((Position::ORIGIN, size)));
        model.set_string(
            0,
            0,
            "Minutes of the meeting",
            Style::new().add_modifier(Modifier::BOLD),
        );
        model.set_string(0, 23, "> draft", style);
        let mut x = 7;
        let mut frame = |model: &Buffer, x: u16| {
            let draw = Action::Draw(Box::new(model.clone()), Some(Position::new(x, 23)));
            side.apply(&draw).expect("draw");
            let before = side.bytes;
            side.sync_bytes();
            side.bytes - before
        };
        let mut written = vec![frame(&model, x)];
        for c in typed.chars() {
            model.set_string(x, 23, c.to_string(), style);
            x += 1;
            written.push(frame(&model, x));
        }
        // And a frame where nothing changed.
        written.push(frame(&model, x));
        written
    }

    #[test]
    fn typing_a_character_writes_at_most_three_bytes() {
        if colors_disabled() {
            return;
        }
        for style in [Style::new(), Style::new().fg(Color::Yellow).bg(Color::Blue)] {
            let stock = typing(CrosstermBackend::new, "hello b", style);
            let lean = typing(LeanBackend::new, "hello b", style);
            eprintln!("bytes per frame ({style:?}): stock {stock:?}, lean {lean:?}");
            let last = lean.len() - 1;
            for (i, (&s, &l)) in stock.iter().zip(&lean).enumerate().skip(1).take(last - 1) {
                assert!(l <= 3, "keystroke {i}: {l} bytes");
                assert!(s > l, "keystroke {i}: stock {s} bytes, lean {l}");
            }
            // Letters right after the previous one: the letter alone.
            assert_eq!(lean[1], 1);
            assert_eq!(lean[last], 0, "an unchanged frame writes nothing");
        }
    }

    #[test]
    fn attributes_are_reset_before_a_clear_and_on_exit() {
        if colors_disabled() {
            return;
        }
        let out = SharedBuf::default();
        let mut backend = LeanBackend::new(out.clone());
        let mut cell = Cell::new("x");
        cell.set_style(Style::new().bg(Color::Red).add_modifier(Modifier::BOLD));
        backend.draw([(0, 0, &cell)].into_iter()).expect("draw");
        out.take();
        backend.clear_region(ClearType::All).expect("clear");
        assert_eq!(out.take(), b"\x1b[0m\x1b[2J");
        // Known to be reset now: a second clear needs no reset.
        backend.clear_region(ClearType::CurrentLine).expect("clear");
        assert_eq!(out.take(), b"\x1b[2K");
        backend.draw([(0, 0, &cell)].into_iter()).expect("draw");
        out.take();
        // Lines scrolled in take the current background in many terminals (vt100 does not
        // model that, so the differential test cannot see it).
        backend.append_lines(2).expect("append");
        assert_eq!(out.take(), b"\x1b[0m\n\n");
        backend.draw([(0, 0, &cell)].into_iter()).expect("draw");
        out.take();
        backend.reset_state().expect("reset");
        assert_eq!(out.take(), b"\x1b[0m");
    }

    #[test]
    fn bold_and_dim_are_reset_and_sent_again_on_any_change() {
        if colors_disabled() {
            return;
        }
        let out = SharedBuf::default();
        let mut backend = LeanBackend::new(out.clone());
        let mut cells = [
            Cell::new("a"),
            Cell::new("b"),
            Cell::new("c"),
            Cell::new("d"),
        ];
        cells[0].set_style(Style::new().add_modifier(Modifier::BOLD));
        cells[1].set_style(Style::new().add_modifier(Modifier::BOLD | Modifier::DIM));
        cells[2].set_style(Style::new().add_modifier(Modifier::DIM));
        let content = cells.iter().enumerate().map(|(x, c)| (x as u16, 0, c));
        backend.draw(content).expect("draw");
        assert_eq!(
            escaped(&out.take()),
            escaped(b"\x1b[1;1H\x1b[0;1ma\x1b[22;1;2mb\x1b[22;2mc\x1b[22md")
        );
    }

    #[test]
    fn cursor_visibility_and_position_are_written_only_when_they_change() {
        let out = SharedBuf::default();
        let mut backend = LeanBackend::new(out.clone());
        backend.show_cursor().expect("show");
        backend.set_cursor_position((3, 4)).expect("move");
        assert_eq!(out.take(), b"\x1b[?25h\x1b[5;4H");
        backend.show_cursor().expect("show");
        backend.set_cursor_position((3, 4)).expect("move");
        assert_eq!(out.take(), b"");
        // Forward on the same row: relative.
        backend.set_cursor_position((4, 4)).expect("move");
        assert_eq!(out.take(), b"\x1b[C");
        // Backwards: absolute.
        backend.set_cursor_position((2, 4)).expect("move");
        assert_eq!(out.take(), b"\x1b[5;3H");
        backend.forget_state();
        backend.show_cursor().expect("show");
        backend.set_cursor_position((2, 4)).expect("move");
        assert_eq!(out.take(), b"\x1b[?25h\x1b[5;3H");
    }

    #[test]
    fn only_certain_widths_are_trusted() {
        for (symbol, width) in [
            ("a", Some(1)),
            (" ", Some(1)),
            ("ñ", Some(1)),
            ("漢", Some(2)),
            ("한", Some(2)),
            ("é", Some(1)),
            ("Ж", Some(1)),
            ("°", None), // East Asian ambiguous
            ("─", None), // East Asian ambiguous
            ("😀", None),
            ("❤️", None),
            ("❤", None),
            ("e\u{301}", None),
            ("👨‍👩‍👧", None),
            ("ｱ", None),
            ("\u{301}", None),
            ("\x1b", None),
        ] {
            assert_eq!(certain_width(symbol), width, "{symbol:?}");
        }
    }
}
