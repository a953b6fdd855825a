//! The entries of the minutes in the order they are read, with a way to find one by id. Entries
//! are mostly appended in the order of their ids, but a line can be inserted before an earlier
//! one (`/i`), so the position of an entry is kept in an index rather than found by a binary
//! search on ids.

use std::collections::HashMap;
use std::ops::Deref;

use super::entry::Entry;
use super::event::Id;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    list: Vec<Entry>,
    index: HashMap<Id, usize>,
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
        self.index.get(&id).copied()
    }

    pub(super) fn by_id_mut(&mut self, id: Id) -> Option<&mut Entry> {
        let at = self.position(id)?;
        self.list.get_mut(at)
    }

    /// Appends an entry; an id already used (a hand-edited file) is ignored.
    pub(super) fn push(&mut self, entry: Entry) {
        if self.index.contains_key(&entry.id) {
            return;
        }
        self.index.insert(entry.id, self.list.len());
        self.list.push(entry);
    }

    /// Puts an entry just before the entry `before`; nothing when that one does not exist or
    /// the id is already used.
    pub(super) fn insert_before(&mut self, before: Id, entry: Entry) {
        let Some(at) = self.position(before) else {
            return;
        };
        if self.index.contains_key(&entry.id) {
            return;
        }
        for position in self.index.values_mut() {
            if *position >= at {
                *position += 1;
            }
        }
        self.index.insert(entry.id, at);
        self.list.insert(at, entry);
    }

    /// Takes back the entries after the first `len` (an undo of entries appended).
    pub(super) fn truncate(&mut self, len: usize) {
        for entry in self.list.drain(len.min(self.list.len())..) {
            self.index.remove(&entry.id);
        }
    }

    /// Takes out the entry with this id (an undo of an entry inserted before another); the
    /// entries after it move up.
    pub(super) fn remove(&mut self, id: Id) {
        let Some(at) = self.index.remove(&id) else {
            return;
        };
        self.list.remove(at);
        for position in self.index.values_mut() {
            if *position > at {
                *position -= 1;
            }
        }
    }
}
