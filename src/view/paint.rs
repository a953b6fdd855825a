//! Frames onto the terminal: what ratatui's `Terminal::draw` does, without its cost for a
//! keystroke.
//!
//! `Terminal::draw` resets the whole buffer, lets the frame be drawn, compares every cell with
//! the last frame and swaps the two: at 200x50 that is 10,000 cells reset and compared for one
//! typed character, most of a keystroke's time once the panes are no longer drawn again. The
//! [`Painter`] keeps what the terminal shows itself, lets [`draw_reusing`] draw the frame into
//! the terminal's (blank) buffer, and compares only what was drawn: the whole screen, or just
//! the rows of the header, the composer and the footer when nothing else can have changed.
//! Those rows are compared as ratatui compares them (its own `Buffer::diff_iter`, on a buffer of
//! just those rows), in one `Backend::draw`, so what is written is exactly what
//! `Terminal::draw` would write; the cursor is then shown, moved or hidden as it does.
//!
//! The terminal's own buffer is only ever drawn into, and given back blank; its previous
//! buffer is not used. `Terminal::autoresize` still clears the screen on a new size, and the
//! painter then starts again from a blank screen.

use std::mem;
use std::ops::Range;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Painted, Panes, draw_reusing};
use crate::app::App;

/// Draws frames, writing only the cells that differ from what the terminal shows.
#[derive(Default)]
pub struct Painter {
    panes: Panes,
    /// What the terminal shows.
    shown: Buffer,
    /// Blank, the size of the screen: swapped with the terminal's buffer once a frame is drawn
    /// into it, which is so given back blank.
    blank: Buffer,
    /// The rows compared in a frame drawn in part, stacked: as the terminal shows them, and as
    /// drawn. Blank between frames.
    before: Buffer,
    after: Buffer,
    /// A frame could not be written whole: the screen is cleared before the next one.
    unknown: bool,
}

impl Painter {
    /// A painter for a terminal whose screen is blank (just set up).
    pub fn new() -> Self {
        Self::default()
    }

    /// The terminal's screen was cleared behind the painter's back (Ctrl-Z and `fg`): the next
    /// frame writes every cell that is not blank.
    pub fn cleared(&mut self) {
        self.shown = Buffer::empty(self.shown.area);
        self.panes.forget_screen();
    }

    /// Draws the app and writes what changed to the terminal; what was drawn.
    pub fn paint<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        app: &App,
    ) -> Result<Painted, B::Error> {
        if self.unknown {
            terminal.backend_mut().clear()?;
            self.unknown = false;
            self.cleared();
        }
        // A new size clears the screen (and resizes the terminal's buffers).
        terminal.autoresize()?;
        let painted = {
            let mut frame = terminal.get_frame();
            let area = frame.area();
            if self.shown.area != area {
                self.shown = Buffer::empty(area);
                self.blank = Buffer::empty(area);
                self.panes.forget_screen();
            }
            draw_reusing(&mut frame, app, &mut self.panes)
        };
        // The frame is taken out of the terminal, which gets a blank buffer for the next one.
        mem::swap(&mut self.blank, terminal.current_buffer_mut());
        let written = match &painted.rows {
            None => {
                let written = terminal
                    .backend_mut()
                    .draw(self.shown.diff_iter(&self.blank));
                mem::swap(&mut self.shown, &mut self.blank);
                self.blank.reset();
                written
            }
            Some(rows) => self.write_rows(terminal, rows),
        };
        if written.is_err() {
            // Part of the frame may be on the screen: what it shows is not known.
            self.unknown = true;
        }
        written?;
        match painted.cursor {
            None => terminal.hide_cursor()?,
            Some(position) => {
                terminal.show_cursor()?;
                terminal.set_cursor_position(position)?;
            }
        }
        terminal.backend_mut().flush()?;
        Ok(painted)
    }

    /// Writes the rows that were drawn (the frame is in `blank`, blank elsewhere): compared,
    /// stacked in `before` and `after`, with ratatui's diff, whose rows are then put back
    /// where they are on the screen.
    fn write_rows<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        rows: &[Range<u16>],
    ) -> Result<(), B::Error> {
        let screen = self.shown.area;
        let width = usize::from(screen.width);
        let rows: Vec<Range<u16>> = rows
            .iter()
            .map(|r| r.start.max(screen.top())..r.end.min(screen.bottom()))
            .filter(|r| !r.is_empty())
            .collect();
        let height: u16 = rows.iter().map(|r| r.end - r.start).sum();
        let stacked = Rect::new(screen.x, 0, screen.width, height);
        self.before.resize(stacked);
        self.after.resize(stacked);
        // Each row of the screen's cells, and where it is in the stack.
        let cells = |r: &Range<u16>| {
            usize::from(r.start - screen.y) * width..usize::from(r.end - screen.y) * width
        };
        let mut at = 0;
        for r in &rows {
            let range = cells(r);
            let stack = at..at + range.len();
            self.before.content[stack.clone()]
                .swap_with_slice(&mut self.shown.content[range.clone()]);
            self.after.content[stack].swap_with_slice(&mut self.blank.content[range.clone()]);
            at += range.len();
        }
        // The row of the screen for a row of the stack.
        let row_of = |y: u16| {
            let mut y = y;
            for r in &rows {
                let height = r.end - r.start;
                if y < height {
                    return r.start + y;
                }
                y -= height;
            }
            y
        };
        let written = terminal.backend_mut().draw(
            self.before
                .diff_iter(&self.after)
                .map(|(x, y, cell)| (x, row_of(y), cell)),
        );
        // The screen now shows the drawn rows; the stack goes back to blank.
        let mut at = 0;
        for r in &rows {
            let range = cells(r);
            let stack = at..at + range.len();
            self.shown.content[range.clone()].swap_with_slice(&mut self.after.content[stack]);
            at += range.len();
        }
        self.before.reset();
        written
    }
}

#[cfg(test)]
mod tests;
