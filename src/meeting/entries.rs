//! The entries of the minutes in the order they are read, with a way to find one by id. Entries
//! are mostly appended in the order of their ids, but a line can be inserted before an earlier
//! one (`/i`), so the position of an entry is kept in an index rather than found by a binary
//! search of the entries. The index is a list of (id, position) sorted by id: ids only grow,
//! so a new entry's goes at its end, and it takes 8 bytes an entry where a hash map took 17 or
//! more (a meeting of 100,000 events has some 64,000 entries).

use std::ops::Deref;

use super::entry::Entry;
use super::event::Id;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    list: Vec<Entry>,
    /// (id, position in `list`) of every entry, sorted by id.
    index: Vec<(Id, u32)>,
}

impl Deref for Entries {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a Entry;
    type IntoIter = std::slice::Iter<'a, Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl Entries {
    /// The entry with this id.
    pub fn by_id(&self, id: Id) -> Option<&Entry> {
        self.position(id).map(|i| &self.list[i])
    }

    /// Where the entry with this id is in reading order.
    pub fn position(&self, id: Id) -> Option<usize> {
        let slot = self.slot(id).ok()?;
        Some(self.index[slot].1 as usize)
    }

    /// Where `id` is in the index, or where it would go.
    fn slot(&self, id: Id) -> Result<usize, usize> {
        self.index.binary_search_by_key(&id, |&(id, _)| id)
    }

    pub(super) fn by_id_mut(&mut self, id: Id) -> Option<&mut Entry> {
        let at = self.position(id)?;
        self.list.get_mut(at)
    }

    /// Appends an entry; an id already used (a hand-edited file) is ignored.
    pub(super) fn push(&mut self, entry: Entry) {
        let Err(slot) = self.slot(entry.id) else {
            return;
        };
        self.index
            .insert(slot, (entry.id, position(self.list.len())));
        self.list.push(entry);
    }

    /// Puts an entry just before the entry `before`; nothing when that one does not exist or
    /// the id is already used.
    pub(super) fn insert_before(&mut self, before: Id, entry: Entry) {
        let Some(at) = self.position(before) else {
            return;
        };
        let Err(slot) = self.slot(entry.id) else {
            return;
        };
        let at32 = position(at);
        for (_, p) in &mut self.index {
            if *p >= at32 {
                *p += 1;
            }
        }
        self.index.insert(slot, (entry.id, at32));
        self.list.insert(at, entry);
    }

    /// Takes back the entries after the first `len` (an undo of entries appended).
    pub(super) fn truncate(&mut self, len: usize) {
        // Most recent first: their ids are at the end of the index, where removing is cheap.
        while self.list.len() > len {
            if let Some(entry) = self.list.pop()
                && let Ok(slot) = self.slot(entry.id)
            {
                self.index.remove(slot);
            }
        }
    }

    /// Takes out the entry with this id (an undo of an entry inserted before another); the
    /// entries after it move up.
    pub(super) fn remove(&mut self, id: Id) {
        let Ok(slot) = self.slot(id) else {
            return;
        };
        let (_, at) = self.index.remove(slot);
        self.list.remove(at as usize);
        for (_, p) in &mut self.index {
            if *p > at {
                *p -= 1;
            }
        }
    }
}

/// A position in the list as the index keeps it (a meeting has far fewer than 2^32 entries).
fn position(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}
