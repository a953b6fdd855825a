//! Reading a meeting file in pieces. A meeting of 100,000 events is a file of 21.7 MB; held
//! whole while its events are made from it, the file's bytes alone doubled what opening it
//! took. Here the file is read 64 KiB at a time (a line longer than that makes the piece
//! longer, never more than the file), each line decoded as it comes exactly as
//! `file::by_lines` decodes it, and on a large file the two halves at once, each on its own
//! thread with its own piece.
//!
//! It reads only what it can give back exactly as reading the whole file would (a file laid
//! out as scribe writes it, whole or cut short at its end, in UTF-8). Anything else (another
//! layout, damage before the end, a byte that is not UTF-8, a newer version, something after
//! the closing) is left to the reader of the whole file ([`Halt::Whole`]), which says what
//! and where: what is read in pieces and what is read whole are the same.

use std::cell::Cell;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::file::{
    BOM, ByLines, Rest, Scan, StoreError, VERSION, assemble, head_ok, header_version,
};

/// How much of the file is read at a time.
const PIECE: usize = 64 * 1024;

/// Why reading in pieces stopped.
#[derive(Debug)]
pub(super) enum Halt {
    /// The file needs the reader of the whole file: it alone can tell what is wrong in it and
    /// where, or read a layout that is not scribe's.
    Whole,
    /// The file could not be read (or is larger than allowed).
    Failed(StoreError),
}

/// Reads the meeting file open as `file` (`path` is for messages) in pieces, the two halves
/// at once when its events take more than `parallel` bytes, at most `limit` bytes. Returns
/// what `file::by_lines` returns for the file's text, and how long the file was, or
/// [`Halt::Whole`] when only reading it whole can tell what it holds.
pub(super) fn by_lines(
    path: &Path,
    file: &File,
    limit: u64,
    parallel: usize,
) -> Result<(ByLines, u64), Halt> {
    let failed = |error| {
        Halt::Failed(StoreError::Io {
            path: path.to_path_buf(),
            error,
        })
    };
    let size = file.metadata().map_err(failed)?.len();
    if size > limit {
        return Err(Halt::Failed(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        }));
    }
    let part = |from, to| Part {
        path,
        file,
        from,
        to,
        limit,
    };
    // The head: three lines, as `file::by_lines` wants them.
    let mut pieces = part(0, None).pieces();
    let mut head = String::new();
    let mut lengths = [0; 3];
    for length in &mut lengths {
        let Some((_, line)) = pieces.next()? else {
            return Err(Halt::Whole);
        };
        let line = std::str::from_utf8(line).map_err(|_| Halt::Whole)?;
        let line = match head.is_empty() {
            true => line.strip_prefix(BOM).unwrap_or(line),
            false => line,
        };
        *length = line.len();
        head.push_str(line);
    }
    let offset = (pieces.base + pieces.at as u64) as usize - lengths.iter().sum::<usize>();
    drop(pieces);
    let lines = [
        &head[..lengths[0]],
        &head[lengths[0]..lengths[0] + lengths[1]],
        &head[lengths[0] + lengths[1]..],
    ];
    let newer = header_version(&head).is_some_and(|v| v > VERSION);
    if newer || !head_ok(&lines, &head) {
        return Err(Halt::Whole);
    }
    let body = head.len();
    let text = usize::try_from(size).unwrap_or(usize::MAX) - offset;
    let span = text.saturating_sub(body);
    let middle = match span > parallel {
        true => part(0, None).middle(offset, body + span / 2)?,
        false => None,
    };
    let (first, second) = match middle {
        Some(middle) => std::thread::scope(|scope| {
            let second = scope.spawn(|| part(middle, None).scan(offset, text - middle));
            let first = part(body, Some(middle)).scan(offset, span);
            match first {
                // Read on one thread after all when the other is gone.
                Ok(first) if first.stop.is_none() => {
                    let second = second
                        .join()
                        .unwrap_or_else(|_| part(middle, None).scan(offset, text - middle));
                    (Ok(first), Some(second))
                }
                other => (other, None),
            }
        }),
        None => (part(body, None).scan(offset, span), None),
    };
    let first = first?;
    let second = second.transpose()?;
    let rest = FileRest {
        part: part(0, None),
        offset,
        len: Cell::new(size),
    };
    match assemble(first, second, body, offset, &rest)? {
        Some(read) => Ok((read, rest.len.get().max(size))),
        None => Err(Halt::Whole),
    }
}

/// A part of the file: from byte `from` of its text (after a byte order mark) to `to`, or to
/// its end.
#[derive(Clone, Copy)]
struct Part<'f> {
    path: &'f Path,
    file: &'f File,
    from: usize,
    to: Option<usize>,
    limit: u64,
}

impl<'f> Part<'f> {
    /// Its lines, with positions in the file (`offset` is not added: see [`Part::scan`]).
    fn pieces(self) -> Pieces<'f> {
        Pieces {
            part: self,
            base: self.from as u64,
            buf: Vec::new(),
            at: 0,
            end: None,
        }
    }

    /// Its lines, the text starting `offset` bytes into the file.
    fn pieces_at(self, offset: usize) -> Pieces<'f> {
        Part {
            from: self.from + offset,
            to: self.to.map(|to| to + offset),
            ..self
        }
        .pieces()
    }

    /// Where the line after the one holding byte `half` of the text starts.
    fn middle(self, offset: usize, half: usize) -> Result<Option<usize>, Halt> {
        let mut pieces = Part { from: half, ..self }.pieces_at(offset);
        Ok(match pieces.next()? {
            Some((start, line)) if line.ends_with(b"\n") => {
                Some(start as usize - offset + line.len())
            }
            _ => None,
        })
    }

    /// Reads its event lines one by one, as `file::scan` reads them in a text held whole
    /// (positions in the text, `offset` bytes into the file). `span` is how many bytes of
    /// event lines the events read here are to be kept with (the whole file's when the
    /// second half's join them), to make room for them all at once.
    fn scan(self, offset: usize, span: usize) -> Result<Scan, Halt> {
        let mut scan = Scan {
            events: Vec::new(),
            end: None,
            stop: None,
        };
        let mut pieces = self.pieces_at(offset);
        let mut sized = false;
        while let Some((start, line)) = pieces.next()? {
            let line = std::str::from_utf8(line).map_err(|_| Halt::Whole)?;
            let start = start as usize - offset;
            if scan.take(line, start) {
                break;
            }
            // Room for all the events at once (a little more than the lines so far say),
            // rather than a list that doubles as it grows.
            if !sized && scan.events.len() == 256 {
                sized = true;
                let per_event = (start + line.len() - self.from) / scan.events.len();
                let expected = span / per_event.max(1);
                scan.events
                    .reserve_exact((expected + expected / 20).saturating_sub(256));
            }
        }
        Ok(scan)
    }
}

/// The lines of a [`Part`], read a piece at a time.
struct Pieces<'f> {
    part: Part<'f>,
    /// Where `buf` starts in the file.
    base: u64,
    buf: Vec<u8>,
    /// Where the next line starts in `buf`.
    at: usize,
    /// Where the part ends in the file, once its end was read.
    end: Option<u64>,
}

impl Pieces<'_> {
    /// The next line, with its newline if it has one (the last may not), and where it starts
    /// in the file.
    fn next(&mut self) -> Result<Option<(u64, &[u8])>, Halt> {
        loop {
            if let Some(newline) = memchr::memchr(b'\n', &self.buf[self.at..]) {
                let start = self.at;
                self.at += newline + 1;
                return Ok(Some((self.base + start as u64, &self.buf[start..self.at])));
            }
            if self.end.is_some() {
                if self.at == self.buf.len() {
                    return Ok(None);
                }
                let start = self.at;
                self.at = self.buf.len();
                return Ok(Some((self.base + start as u64, &self.buf[start..])));
            }
            self.fill()?;
        }
    }

    /// Reads the next piece after the line begun in `buf` (a longer piece when that line
    /// already fills one).
    fn fill(&mut self) -> Result<(), Halt> {
        let Part {
            path,
            file,
            to,
            limit,
            ..
        } = self.part;
        self.buf.drain(..self.at);
        self.base += self.at as u64;
        self.at = 0;
        let from = self.base + self.buf.len() as u64;
        let mut want = PIECE.max(self.buf.len());
        if let Some(to) = to {
            want = want.min(usize::try_from((to as u64).saturating_sub(from)).unwrap_or(0));
        }
        let kept = self.buf.len();
        self.buf.resize(kept + want, 0);
        let read = loop {
            match file.read_at(&mut self.buf[kept..], from) {
                Ok(read) => break read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => {
                    return Err(Halt::Failed(StoreError::Io {
                        path: path.to_path_buf(),
                        error,
                    }));
                }
            }
        };
        self.buf.truncate(kept + read);
        let reached = from + read as u64;
        if reached > limit {
            return Err(Halt::Failed(StoreError::TooLarge {
                path: path.to_path_buf(),
                size: reached,
                limit,
            }));
        }
        if read == 0 {
            self.end = Some(reached);
        }
        Ok(())
    }
}

/// What follows the event lines, still in the file.
struct FileRest<'f> {
    part: Part<'f>,
    offset: usize,
    /// How long the file turned out to be, when it was read to its end.
    len: Cell<u64>,
}

impl FileRest<'_> {
    /// Goes through the text from `start` to the end of the file, line by line, until `more`
    /// says enough.
    fn walk(&self, start: usize, mut more: impl FnMut(&str) -> bool) -> Result<(), Halt> {
        let mut pieces = Part {
            from: start,
            to: None,
            ..self.part
        }
        .pieces_at(self.offset);
        while let Some((_, line)) = pieces.next()? {
            let line = std::str::from_utf8(line).map_err(|_| Halt::Whole)?;
            if !more(line) {
                return Ok(());
            }
        }
        if let Some(end) = pieces.end {
            self.len.set(end);
        }
        Ok(())
    }
}

impl Rest for FileRest<'_> {
    type Halt = Halt;

    fn closing(&self, start: usize) -> Result<String, Halt> {
        let mut tail = String::new();
        self.walk(start, |line| {
            tail.extend(line.chars().filter(|c| !c.is_whitespace()).take(4));
            tail.chars().count() < 4
        })?;
        Ok(tail.chars().take(4).collect())
    }

    fn blank_from(&self, start: usize) -> Result<bool, Halt> {
        let mut blank = true;
        self.walk(start, |line| {
            blank = line.trim().is_empty();
            blank
        })?;
        Ok(blank)
    }

    /// Damage: the reader of the whole file says where (it may also read a file laid out
    /// otherwise whole).
    fn line_at(&self, _start: usize) -> Result<usize, Halt> {
        Err(Halt::Whole)
    }
}
