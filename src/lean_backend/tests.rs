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

fn compare_screens(stock: &vt100::Screen, lean: &vt100::Screen, attributes: bool) -> Vec<String> {
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
            let around =
                |p: &[(char, ModelPen)]| p.iter().skip(first).take(2).copied().collect::<Vec<_>>();
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
fn typing<B: Hooks>(make: impl FnOnce(SharedBuf) -> B, typed: &str, style: Style) -> Vec<usize> {
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
