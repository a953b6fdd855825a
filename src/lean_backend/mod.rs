//! A ratatui [`Backend`] that writes only what changes on the terminal.
//!
//! # Why this module exists
//!
//! ratatui's stock [`CrosstermBackend`] assumes nothing about the terminal between frames: every
//! draw starts with a cursor move, ends with four SGR resets, and every frame shows or hides the
//! cursor and moves it again. For one typed character that is 42 bytes, most of it repeating what
//! the terminal already shows, which matters over ssh and slow links (this backend writes 1: the
//! figures and the commands that measure them are in the repository's `BENCHMARKS.md`). [`LeanBackend`] keeps track of the terminal's real state (where the
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
//! differential test in `tests.rs` beside this file draws random frames through both backends
//! into a terminal emulator (`vt100`) and requires identical screens after every frame.
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
        let (width, height) = match stdout_size() {
            Some(size) => size,
            None => terminal::size()?,
        };
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

/// The size of the terminal on standard output, asked of it directly. `Terminal` asks for the
/// size before every frame, and crossterm's `terminal::size` opens `/dev/tty` each time to ask
/// (an open, an ioctl and a close, a good part of a keystroke's time); None when standard output
/// is not a terminal, for crossterm to find one.
fn stdout_size() -> Option<(u16, u16)> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only writes a `winsize` into the one given, which outlives the call.
    let result = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    (result == 0).then_some((size.ws_col, size.ws_row))
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

    /// A colour: the 16 every terminal has as basic SGR codes (30–37, 90–97 and their
    /// backgrounds), which 16-colour terminals understand; others as crossterm writes them.
    fn push_color(&mut self, colored: Colored, color: Color) {
        let background = matches!(colored, Colored::BackgroundColor(_));
        if !matches!(colored, Colored::UnderlineColor(_))
            && let Some(code) = basic_code(color, background)
        {
            self.open(1);
            let _ = write!(self.out, "{code}");
            return;
        }
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

/// The basic SGR code of one of the 16 named colours (foreground, or background), or None for
/// anything else.
fn basic_code(color: Color, background: bool) -> Option<u8> {
    let code = match color {
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        _ => return None,
    };
    Some(if background { code + 10 } else { code })
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
mod tests;
