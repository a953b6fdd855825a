//! The archive from inside the console: the search overlay widened with Tab asks a thread of
//! its own to search every meeting of the data directory (the meeting file's folder), so that
//! indexing a large archive for the first time never holds up typing; and a hit in another
//! meeting is opened read-only, as a replay paused at that entry, over the console.

use std::path::Path;
use std::sync::mpsc::{self, Sender};

use crate::app::search::ArchiveHit;
use crate::app::{App, Msg, Replay, Status, Visit};
use crate::archive::{Archive, Hit, Query};
use crate::replay::Player;
use crate::replay::pace::Pace;
use crate::store;
use crate::text::{printable_path, truncate};

/// The most hits an archive search in the console lists.
const MOST: usize = 200;

/// The thread that searches the archive: queries in, [`Msg::ArchiveFound`] out. Only the newest
/// waiting query is searched (typing sends one a key).
pub struct Searcher {
    queries: Sender<String>,
}

impl Searcher {
    /// A searcher of the archive the meeting at `meeting` is in (its folder).
    pub fn spawn(meeting: &Path, replies: Sender<Msg>) -> Searcher {
        let (queries, waiting) = mpsc::channel::<String>();
        let folder = store::file::folder_of(meeting);
        let here = std::fs::canonicalize(meeting).unwrap_or_else(|_| meeting.to_path_buf());
        std::thread::spawn(move || {
            let archive = Archive::new(&folder, Archive::default_cache_root());
            while let Ok(mut query) = waiting.recv() {
                while let Ok(newer) = waiting.try_recv() {
                    query = newer;
                }
                let reply = search(&archive, &here, &query, &replies);
                if replies.send(reply).is_err() {
                    break;
                }
            }
        });
        Searcher { queries }
    }

    pub fn ask(&self, query: String) {
        let _ = self.queries.send(query);
    }
}

/// One search of the archive, this meeting left out (its own hits come from memory, newer
/// than its file).
fn search(archive: &Archive, here: &Path, query: &str, replies: &Sender<Msg>) -> Msg {
    let mut progress = |done: usize, total: usize| {
        let _ = replies.send(Msg::ArchiveProgress(done, total));
    };
    let catalog = match archive.load(&mut progress) {
        Ok(catalog) => catalog,
        Err(e) => {
            return Msg::ArchiveFound {
                query: query.to_string(),
                hits: Vec::new(),
                searched: 0,
                note: Some(format!("cannot read the archive: {e}")),
            };
        }
    };
    let found = catalog.search(&Query {
        text: query.to_string(),
        limit: Some(MOST),
        ..Query::default()
    });
    let hits: Vec<ArchiveHit> = found
        .hits
        .iter()
        .filter(|hit| std::fs::canonicalize(&hit.meeting).ok().as_deref() != Some(here))
        .map(archive_hit)
        .collect();
    let note = (!found.skipped.is_empty()).then(|| {
        format!(
            "{} in {} other meetings ({} could not be searched)",
            hits.len(),
            found.searched.saturating_sub(1),
            found.skipped.len()
        )
    });
    Msg::ArchiveFound {
        query: query.to_string(),
        hits,
        searched: found.searched.saturating_sub(1),
        note,
    }
}

/// A hit as the overlay lists it: `2026-03-12 10:42 · Board · Germany: text`, the first match
/// marked.
pub fn archive_hit(hit: &Hit) -> ArchiveHit {
    let who = match &hit.speaker {
        Some(speaker) => format!("{speaker}: "),
        None => format!("{} ", hit.kind.name().to_uppercase()),
    };
    let title = if hit.title.is_empty() {
        hit.id.clone()
    } else {
        truncate(&hit.title, 30)
    };
    let prefix = format!("{} · {title} · {who}", hit.at.format("%Y-%m-%d %H:%M"));
    let text = hit.text.replace('\n', " ");
    let range = hit
        .matches
        .first()
        .filter(|m| m.end <= text.len())
        .map_or((prefix.len(), prefix.len()), |m| {
            (prefix.len() + m.start, prefix.len() + m.end)
        });
    ArchiveHit {
        path: hit.meeting.clone(),
        at: hit.at,
        line: format!("{prefix}{text}"),
        range,
    }
}

/// Opens the meeting of a hit read-only over the console: a replay paused at the entry, with
/// the console's keys and colours. What cannot be read is said in the footer instead.
pub fn open_visit(app: &mut App, visit: &Visit, color: bool, configure: impl FnOnce(&mut App)) {
    let events = match store::disk::open(&visit.path) {
        Ok(opened) => opened.events,
        Err(e) => {
            app.status = Some(Status {
                text: format!("cannot open that meeting: {e}"),
                error: true,
            });
            return;
        }
    };
    let mut player = Player::new(events);
    player.seek_time(visit.at);
    let replay = Replay::new(player, Pace::new(1.0, None));
    let mut other = App::replaying(replay, color, shown(&visit.path));
    configure(&mut other);
    other.size = app.size;
    other.status = Some(Status {
        text: format!(
            "{} read-only, paused at {}: Space plays, q goes back to your meeting",
            shown(&visit.path),
            visit.at.format("%Y-%m-%d %H:%M")
        ),
        error: false,
    });
    app.visit = Some(Box::new(other));
}

fn shown(path: &Path) -> String {
    printable_path(path)
}
