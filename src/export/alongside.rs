//! Rendering and finishing at once, on two cores: the template engine renders on a thread of
//! its own and hands what it writes, in pieces, to the calling thread, which finishes it
//! ([`super::stream::Finisher`]: shaping, cleaning, wrapping) and writes it out. The bytes are
//! the same, in the same order, as when one thread does both; only the waiting is shared. The
//! writer stays on the calling thread (standard output's lock cannot move to another), and a
//! writer that fails stops the rendering at its next piece.
//!
//! [`write_alongside`] is the same hand-over the other way round, for a writer that costs as
//! much as what feeds it: a DOCX's document is written on the calling thread and deflated on
//! another.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, SyncSender};

/// How much the renderer writes before handing it over.
const PIECE: usize = 64 * 1024;

/// Pieces handed over but not yet finished, at most: what the renderer may run ahead.
const AHEAD: usize = 8;

/// Runs `produce` on another thread with a writer whose bytes reach `sink`, in order, on this
/// thread; gives back what `produce` returns. When `sink` fails, the writer `produce` holds
/// fails at its next piece (with the kind of error, as the engine only passes a failure on);
/// `sink` keeps the error itself.
pub fn render_alongside<R: Send>(
    sink: &mut impl Write,
    produce: impl FnOnce(Pieces) -> R + Send,
) -> R {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel(AHEAD);
        let producer = scope.spawn(move || produce(Pieces::new(sender)));
        // A failure of the sink is kept by the sink itself.
        let _ = drain(receiver, sink);
        match producer.join() {
            Ok(produced) => produced,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The other way round, for a sink that costs as much as producing (the DOCX deflater): runs
/// `produce` on this thread with a writer whose bytes reach `sink`, in order, on another.
/// Gives back what `produce` returns and the first failure of `sink` (after which the writer
/// `produce` holds fails at its next piece). The pieces are cut where `produce`'s writes
/// fall, not where the threads meet, so the sink sees the same writes in every run.
pub fn write_alongside<R>(
    sink: &mut (impl Write + Send),
    produce: impl FnOnce(&mut Pieces) -> R,
) -> (R, io::Result<()>) {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel(AHEAD);
        let drainer = scope.spawn(move || drain(receiver, sink));
        let mut pieces = Pieces::new(sender);
        let produced = produce(&mut pieces);
        drop(pieces);
        match drainer.join() {
            Ok(sunk) => (produced, sunk),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Writes every piece to `sink` until the producer is done or `sink` fails (dropping the
/// receiver then tells the producer); gives back the failure.
fn drain(receiver: Receiver<Vec<u8>>, sink: &mut impl Write) -> io::Result<()> {
    for piece in receiver {
        sink.write_all(&piece)?;
    }
    Ok(())
}

/// The renderer's writer: bytes gathered into pieces, each sent when full and the last when
/// the writer is flushed or dropped.
pub struct Pieces {
    piece: Vec<u8>,
    sender: SyncSender<Vec<u8>>,
}

impl Pieces {
    fn new(sender: SyncSender<Vec<u8>>) -> Pieces {
        Pieces {
            piece: Vec::with_capacity(PIECE),
            sender,
        }
    }

    fn hand_over(&mut self) -> io::Result<()> {
        if self.piece.is_empty() {
            return Ok(());
        }
        let piece = std::mem::replace(&mut self.piece, Vec::with_capacity(PIECE));
        self.sender
            .send(piece)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the output failed"))
    }
}

impl Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.piece.extend_from_slice(buf);
        if self.piece.len() >= PIECE {
            self.hand_over()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.hand_over()
    }
}

impl Drop for Pieces {
    fn drop(&mut self) {
        // A failure here is the sink's, and the sink has kept it.
        let _ = self.hand_over();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        let text: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut sink = Vec::new();
        let produced = render_alongside(&mut sink, |mut pieces| {
            for chunk in text.chunks(777) {
                pieces.write_all(chunk).expect("the sink takes everything");
            }
            42
        });
        assert_eq!(produced, 42);
        assert_eq!(sink, text);
    }

    /// A sink that takes `room` bytes, then fails.
    struct Full {
        room: usize,
        taken: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken + buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.taken += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_sink_stops_the_producer() {
        let mut sink = Full {
            room: PIECE * 2,
            taken: 0,
        };
        let written = render_alongside(&mut sink, |mut pieces| {
            let mut written = 0usize;
            for _ in 0..10_000 {
                match pieces.write_all(&[b'x'; 1000]) {
                    Ok(()) => written += 1000,
                    Err(error) => return Err((written, error.kind())),
                }
            }
            Ok(written)
        });
        let (written, kind) = written.expect_err("the producer was stopped");
        assert_eq!(kind, io::ErrorKind::BrokenPipe);
        // It stopped long before the end (at most the pieces in flight after the failure).
        assert!(written < PIECE * (AHEAD + 4), "{written}");
        assert!(sink.taken > 0 && sink.taken <= PIECE * 2, "{}", sink.taken);
    }

    /// Written here, sunk on another thread: every byte in order, and the sink's failure
    /// given back (the producer's own writes failing only after it).
    #[test]
    fn written_alongside_every_byte_arrives_and_a_failure_is_said() {
        let text: Vec<u8> = (0..300_000u32).map(|i| (i % 241) as u8).collect();
        let mut sink = Vec::new();
        let (produced, sunk) = write_alongside(&mut sink, |pieces| {
            for chunk in text.chunks(1_013) {
                pieces.write_all(chunk).expect("the sink takes everything");
            }
            7
        });
        assert_eq!(produced, 7);
        assert!(sunk.is_ok());
        assert_eq!(sink, text);

        let mut full = Full {
            room: PIECE * 2,
            taken: 0,
        };
        let (written, sunk) = write_alongside(&mut full, |pieces| {
            let mut written = 0usize;
            for _ in 0..10_000 {
                if pieces.write_all(&[b'x'; 1000]).is_err() {
                    return written;
                }
                written += 1000;
            }
            written
        });
        assert_eq!(
            sunk.map_err(|e| e.to_string()),
            Err("disk full".to_string())
        );
        assert!(written < PIECE * (AHEAD + 4), "{written}");
    }
}
