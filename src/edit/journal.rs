//! The edit journal: every transaction a session applies, undoes or redoes
//! is appended to `.recovery/<coder>/journal.jsonl` (one JSON line per
//! step, the edits as applied) before the call returns, so an edit
//! survives a crash of the program the moment it is made. The recovery
//! mirror (`recovery.rs`), written a second after the last edit, is too
//! late for the last second of work.
//!
//! A clean save empties the journal. When the next session of the coder
//! opens the project, [`Workspace::settle_journal`] replays the journal on
//! top of the mirror (or the saved files) and writes the result as the
//! mirror, so the usual recovery offer (`recoverable`, `recover`) brings it
//! back as one undoable step.
//!
//! Every edit sets a value (a span, a status, an actor, the codebook) or
//! removes one, so replaying is "the last record that touched it wins":
//! the result does not depend on whether the base is the saved file or a
//! mirror written part-way through the journal.

use super::{Edit, SetKey, Transaction, Workspace};
use crate::model::{AnnotationSet, Project, is_safe_name};
use crate::store::{RECOVERY_DIR, StoreError, read_plain, to_ron, write_atomic};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The journal's file name inside `.recovery/<coder>/`.
pub const JOURNAL_FILE: &str = "journal.jsonl";

/// Where a session appends its steps; inactive (no path) unless a session
/// holding the coder's lock turned it on.
#[derive(Debug, Default)]
pub(super) struct Journal {
    /// The file, when journaling.
    path: Option<PathBuf>,
    /// Kept open between appends (opened on the first one).
    file: Option<File>,
    /// Length of the whole records in the file: a failed append is cut
    /// back to it, so a later record never follows a torn one.
    len: u64,
    /// Why the last append failed, until one succeeds.
    error: Option<String>,
}

impl Journal {
    /// A journal written to `path` (none: not journaling).
    fn at(path: Option<PathBuf>) -> Journal {
        Journal {
            path,
            ..Journal::default()
        }
    }

    /// The record of `tx` (one line), if journaling. Encoded before the
    /// transaction is applied, which consumes it.
    pub(super) fn encode(&mut self, tx: &Transaction) -> Option<Vec<u8>> {
        self.path.as_ref()?;
        match serde_json::to_vec(tx) {
            Ok(mut line) => {
                // JSON escapes every newline inside strings: a record
                // ends at its first newline, and only a complete record
                // ends with one.
                line.push(b'\n');
                Some(line)
            }
            Err(e) => {
                self.error = Some(format!("could not journal “{}”: {e}", tx.label));
                None
            }
        }
    }

    /// Appends a record made by [`Journal::encode`] (once its transaction
    /// succeeded). Written straight to the OS, which keeps it through a
    /// crash of the program; a failure is kept in [`Journal::error`].
    pub(super) fn append(&mut self, record: Option<Vec<u8>>) {
        let Some(record) = record else {
            return;
        };
        match self.write(&record) {
            Ok(()) => self.error = None,
            Err(e) => {
                self.error = Some(e);
                self.file = None;
            }
        }
    }

    fn write(&mut self, record: &[u8]) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.file.is_none() {
            let (f, len) = open_for_append(path)
                .map_err(|e| format!("could not journal to {}: {e}", path.display()))?;
            self.len = len;
            self.file = Some(f);
        }
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        if let Err(e) = file.write_all(record) {
            // A partly written record would end the journal for replay and
            // hide every later one: cut it off.
            let _ = file.set_len(self.len);
            return Err(format!("could not journal to {}: {e}", path.display()));
        }
        self.len += record.len() as u64;
        Ok(())
    }

    /// Asks the OS to put the journal on the disk (not on every step: that
    /// costs milliseconds). Done before the mirror is written, so after a
    /// power cut the journal holds at least every step the mirror does and
    /// replaying it cannot take the mirror back to an older state.
    pub(super) fn sync(&self) -> std::io::Result<()> {
        match &self.file {
            Some(f) => f.sync_data(),
            None => Ok(()),
        }
    }

    /// Empties the journal (its steps are saved or given up).
    pub(super) fn clear(&mut self) {
        self.close();
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Forgets the open file (it may have been removed with its folder);
    /// the next append opens it again.
    pub(super) fn close(&mut self) {
        self.file = None;
        self.len = 0;
    }
}

/// Opens the journal at `path` for appending, creating it and its folder;
/// a torn last record of an earlier session is cut off first. Returns the
/// file and its length.
fn open_for_append(path: &Path) -> std::io::Result<(File, u64)> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    let mut len = file.metadata()?.len();
    if len > 0 {
        let whole = whole_records_len(&read_plain(path)?) as u64;
        if whole != len {
            file.set_len(whole)?;
            len = whole;
        }
    }
    Ok((file, len))
}

/// Bytes up to and including the last newline: the complete records.
fn whole_records_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// The complete records of a journal, in order. A last record without its
/// newline was cut short by a kill and is ignored; so is everything from
/// the first record that does not parse (a damaged file).
pub(super) fn read_records(bytes: &[u8]) -> Vec<Transaction> {
    bytes[..whole_records_len(bytes)]
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map_while(|line| serde_json::from_slice(line).ok())
        .collect()
}

impl Workspace {
    fn journal_path(&self, coder: &str) -> Option<PathBuf> {
        is_safe_name(coder).then(|| {
            self.dir()
                .root()
                .join(RECOVERY_DIR)
                .join(coder)
                .join(JOURNAL_FILE)
        })
    }

    /// From now on, appends every applied, undone and redone step to
    /// `coder`'s journal before the call returns. Only a session holding
    /// the coder's lock should (after [`Workspace::settle_journal`]).
    pub fn journal_to(&mut self, coder: &str) {
        self.journal = Journal::at(self.journal_path(coder));
    }

    /// Stops journaling (a read-only session).
    pub fn stop_journal(&mut self) {
        self.journal = Journal::default();
    }

    /// Why the last step could not be journaled, until one is again.
    pub fn journal_error(&self) -> Option<&str> {
        self.journal.error.as_deref()
    }

    /// Turns the journal a session of `coder` left behind (it ended
    /// without saving) into recovery mirrors: its steps are replayed on
    /// top of the mirror, or the saved file, of each set they touched, the
    /// results written as the mirrors, and the journal removed. Returns how
    /// many steps were replayed (0: no journal). A set that cannot be read
    /// is skipped (it is shown as damaged and never written); when a mirror
    /// cannot be written the journal stays for the next try.
    pub fn settle_journal(&mut self, coder: &str) -> Result<usize, StoreError> {
        let Some(path) = self.journal_path(coder) else {
            return Ok(0);
        };
        let bytes = match read_plain(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        let records = read_records(&bytes);
        let mut replay = Replay::new(self, coder);
        for tx in &records {
            for edit in &tx.edits {
                replay.apply(edit);
            }
        }
        replay.write_mirrors()?;
        if self.journal.path.as_ref() == Some(&path) {
            self.journal.close();
        }
        std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
        Ok(records.len())
    }
}

/// The state a journal is replayed on: the sets and registry it touched.
struct Replay<'a> {
    ws: &'a Workspace,
    coder: String,
    sets: BTreeMap<SetKey, AnnotationSet>,
    /// Sets that could not be read: their edits are skipped.
    unreadable: BTreeSet<SetKey>,
    project: Project,
    project_touched: bool,
}

impl<'a> Replay<'a> {
    fn new(ws: &'a Workspace, coder: &str) -> Replay<'a> {
        Replay {
            project: ws
                .recovered_project()
                .unwrap_or_else(|| ws.project().clone()),
            ws,
            coder: coder.to_string(),
            sets: BTreeMap::new(),
            unreadable: BTreeSet::new(),
            project_touched: false,
        }
    }

    /// `key`'s set as the base has it (the mirror, else the saved file).
    fn set(&mut self, key: &SetKey) -> Option<&mut AnnotationSet> {
        if !self.sets.contains_key(key) {
            if self.unreadable.contains(key) || self.ws.project().document(&key.document).is_none()
            {
                return None;
            }
            let base = self
                .ws
                .read_recovered(key)
                .or_else(|_| self.ws.dir().load_set_or_new(&key.coder, &key.document));
            match base {
                Ok(set) => {
                    self.sets.insert(key.clone(), set);
                }
                Err(_) => {
                    self.unreadable.insert(key.clone());
                    return None;
                }
            }
        }
        self.sets.get_mut(key)
    }

    /// Applies one edit, leniently: removing what is already gone is no
    /// error, and the model's checks were made when the edit was.
    fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::PutSpan { key, span } => {
                if let Some(set) = self.set(key) {
                    set.put(span.clone());
                }
            }
            Edit::RemoveSpan { key, id } => {
                if let Some(set) = self.set(key) {
                    set.remove(*id);
                }
            }
            Edit::SetStatus { key, status } => {
                if let Some(set) = self.set(key) {
                    set.status = *status;
                }
            }
            Edit::SetCode {
                key,
                variable,
                value,
            } => {
                if let Some(set) = self.set(key) {
                    match value {
                        Some(v) => set.codes.insert(variable.clone(), v.clone()),
                        None => set.codes.remove(variable),
                    };
                }
            }
            Edit::PutActor(actor) => {
                self.project.actors.put(actor.clone());
                self.project_touched = true;
            }
            Edit::RemoveActor(id) => {
                self.project.actors.remove(*id);
                self.project_touched = true;
            }
            Edit::SetCodebook(codebook) => {
                self.project.codebook = codebook.clone();
                self.project_touched = true;
            }
            Edit::RenameLabelInSpans { from, to } => self.rename(from, to),
        }
    }

    /// A label renamed in every set of the project, as the workspace does.
    fn rename(&mut self, from: &str, to: &str) {
        let mut coders: BTreeSet<String> = self.ws.project().coders.iter().cloned().collect();
        coders.insert(self.coder.clone());
        for coder in coders {
            for id in self.ws.document_ids() {
                let key = SetKey::new(&coder, &id);
                let Some(set) = self.set(&key) else {
                    continue;
                };
                for s in set.spans.iter_mut().filter(|s| s.label == from) {
                    s.label = to.to_string();
                }
                set.sort();
            }
        }
    }

    /// Writes the replayed sets and registry as the recovery mirror.
    fn write_mirrors(&self) -> Result<(), StoreError> {
        for (key, set) in &self.sets {
            if let Some(path) = self.ws.recovery_path(key) {
                write_atomic(&path, to_ron(set, 2, &path)?.as_bytes())?;
            }
        }
        if self.project_touched {
            let path = self.ws.project_recovery_path();
            let mut project = self.ws.project().clone();
            project.codebook = self.project.codebook.clone();
            project.actors = self.project.actors.clone();
            super::recovery::write_project_mirror(&path, &project)?;
        }
        Ok(())
    }
}
