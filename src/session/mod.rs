//! The editor without a window: an open project (the workspace with its
//! project, loaded sets and history), who codes, which document is open,
//! the coder's lock and read-only state, and when to autosave and mirror
//! to the recovery folder. The window (`gui`) draws this state and turns
//! the user's input into calls on it; tests drive it directly.
//!
//! The workspace is private: every change to the data goes through
//! [`Session::apply`], [`Session::undo`], [`Session::redo`] or one of the
//! few other methods here, and each of them refuses in a read-only session
//! — the read-only rule lives in this file and nowhere else.

pub mod compare;
mod merging;
pub mod settings;
pub mod words;

use crate::edit::{SetKey, Transaction, Workspace};
use crate::model::{DocumentEntry, is_safe_name};
use crate::store::{CoderLock, LockHolder, LockOutcome, ProjectDir, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Seconds after the last edit before changes are written.
pub const AUTOSAVE_DELAY: f64 = 3.0;

/// Seconds after the last edit before unsaved sets are mirrored to the
/// recovery folder (cheap, but not worth doing every frame). Each edit is
/// journaled at once anyway (`edit::journal`); the mirror is a compact
/// copy of the journal's result.
pub const RECOVERY_DELAY: f64 = 1.0;

/// A file that someone else changed on disk since we read it; our version
/// was kept beside it instead of overwriting theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskConflict {
    /// The file that changed.
    pub path: PathBuf,
    /// Where our version was written.
    pub kept: PathBuf,
}

/// A document whose annotation file could not be read: shown as an error
/// instead of its text, and never written until fixed or restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenDocument {
    /// Document id.
    pub id: String,
    /// The read error (names the file, line and column).
    pub error: String,
    /// The damaged file, relative to the project root, if known.
    pub file: Option<PathBuf>,
    /// Whether an earlier version of it can be restored.
    pub has_backup: bool,
    /// Whether it is the document's text that changed since import (not
    /// its annotation file that cannot be read).
    pub text_changed: bool,
}

/// The document open for coding: whose set, its entry in the index, and
/// its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenDocument {
    /// The coder's set of the document.
    pub key: SetKey,
    /// The document's entry in `project.ron` (title, metadata).
    pub entry: DocumentEntry,
    /// The stored text.
    pub text: String,
    /// Counts every (re)opening, so a view built for one opening knows
    /// when it is out of date even if the same document was opened again.
    pub serial: u64,
}

/// A line of text for the status bar or a view: information or an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// What [`Session::import_articles`] did.
#[derive(Debug)]
pub struct ArticlesImported {
    /// Imported, skipped and refused files.
    pub report: crate::import::ImportReport,
    /// Problems after the import (a set that did not load, a failed save).
    pub problems: Vec<String>,
}

/// An open project.
#[derive(Debug)]
pub struct Session {
    /// Project, sets and history; private so that every change passes the
    /// read-only check here.
    ws: Workspace,
    /// Who is coding.
    coder: String,
    /// The document open for coding.
    doc: Option<OpenDocument>,
    /// Openings so far (see [`OpenDocument::serial`]).
    openings: u64,
    /// Documents whose annotation file could not be read, with the error.
    pub load_errors: BTreeMap<String, String>,
    /// History revision seen last frame, to notice edits.
    seen_revision: u64,
    /// Time (egui seconds) of the last edit not yet saved.
    pub dirty_since: Option<f64>,
    /// History revision last mirrored to the recovery folder.
    recovered_revision: u64,
    /// The coder's lock, while held.
    lock: Option<CoderLock>,
    /// Another live instance holds the coder's lock and the user has not
    /// chosen yet, or chose to look without saving.
    read_only: bool,
    /// Who holds the coder's lock, when it was not ours to take.
    pub lock_holder: Option<LockHolder>,
    /// Why the lock could not be written (the session is read-only then).
    pub lock_error: Option<String>,
    /// The last save found a file changed by someone else; autosave waits
    /// until the user decides.
    pub conflict: Option<DiskConflict>,
    /// The document picked whose annotation file is damaged.
    pub broken: Option<BrokenDocument>,
    /// Why the journal a crashed session left could not be turned into
    /// recoverable edits when the coder's sets were opened (it stays on
    /// disk for the next try).
    pub settle_error: Option<String>,
}

impl Session {
    /// Opens the project in `root` for `coder` and shows its first document.
    pub fn open(root: &Path, coder: &str) -> Result<Session, String> {
        let dir = ProjectDir::open(root).map_err(|e| e.to_string())?;
        let mut s = Session {
            ws: Workspace::new(dir),
            coder: String::new(),
            doc: None,
            openings: 0,
            load_errors: BTreeMap::new(),
            seen_revision: 0,
            dirty_since: None,
            recovered_revision: 0,
            lock: None,
            read_only: false,
            lock_holder: None,
            lock_error: None,
            conflict: None,
            broken: None,
            settle_error: None,
        };
        s.set_coder(coder)?;
        Ok(s)
    }

    /// Takes `coder`'s lock. When another live instance holds it, the
    /// session turns read-only and remembers the holder (see
    /// [`Session::take_over_lock`]); when the lock cannot be written, it
    /// turns read-only with [`Session::lock_error`].
    fn lock_coder(&mut self, coder: &str) {
        // Release the previous coder's lock first; a re-take of our own
        // lock by the same process succeeds.
        self.lock = None;
        self.lock_error = None;
        match CoderLock::acquire(self.ws.dir().root(), coder) {
            Ok(LockOutcome::Acquired(lock)) => {
                self.lock = Some(lock);
                self.read_only = false;
                self.lock_holder = None;
            }
            Ok(LockOutcome::HeldBy(holder)) => {
                self.read_only = true;
                self.lock_holder = Some(holder);
            }
            // A folder we cannot write to (read-only share, full disk):
            // the project can still be read, but nothing could be saved.
            Err(e) => {
                self.read_only = true;
                self.lock_holder = None;
                self.lock_error = Some(e.to_string());
            }
        }
    }

    /// Takes the coder's lock even though another instance holds it (the
    /// user chose "Open anyway").
    pub fn take_over_lock(&mut self) -> Result<(), String> {
        let lock =
            CoderLock::take_over(self.ws.dir().root(), &self.coder).map_err(|e| e.to_string())?;
        self.lock = Some(lock);
        self.read_only = false;
        self.lock_holder = None;
        self.lock_error = None;
        // The other instance is alive and its journal is its own to settle.
        self.ws.journal_to(&self.coder);
        Ok(())
    }

    /// Journals `coder`'s steps from now on (see `edit::journal`), after
    /// turning the journal of a crashed session of theirs into recovery
    /// mirrors, which [`Session::recoverable`] then offers. Holding the
    /// lock means no live session writes that journal. A read-only session
    /// journals nothing.
    fn start_journal(&mut self, coder: &str) {
        if self.read_only {
            self.ws.stop_journal();
            return;
        }
        self.settle_error = self.ws.settle_journal(coder).err().map(|e| e.to_string());
        self.ws.journal_to(coder);
    }

    /// The workspace, to read (project, sets, history, folder).
    pub fn ws(&self) -> &Workspace {
        &self.ws
    }

    /// Who is coding.
    pub fn coder(&self) -> &str {
        &self.coder
    }

    /// The document open for coding.
    pub fn document(&self) -> Option<&OpenDocument> {
        self.doc.as_ref()
    }

    /// The id of the document on screen: the open one, or the one whose
    /// damaged annotation file is shown instead.
    pub fn document_on_screen(&self) -> Option<&str> {
        self.doc
            .as_ref()
            .map(|d| d.key.document.as_str())
            .or(self.broken.as_ref().map(|b| b.id.as_str()))
    }

    /// Whether editing and saving are off (another live window holds the
    /// coder's lock, or the folder cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The refusal every changing method gives in a read-only session.
    fn writable(&self) -> Result<(), String> {
        if self.read_only {
            Err(READ_ONLY.into())
        } else {
            Ok(())
        }
    }

    /// Whether this session holds its coder's lock.
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// The coder's sets with unsaved edits left by a session that ended
    /// unexpectedly. Other coders' mirrors may belong to a running window
    /// and are not offered.
    pub fn recoverable(&self) -> Vec<SetKey> {
        if self.read_only {
            return Vec::new();
        }
        self.ws
            .recoverable()
            .into_iter()
            .filter(|k| k.coder == self.coder && !self.load_errors.contains_key(&k.document))
            .collect()
    }

    /// Whether codebook or actor registry edits of a crashed session can be
    /// recovered.
    pub fn recoverable_registry(&self) -> bool {
        !self.read_only && self.ws.recoverable_project()
    }

    /// Throws away the coder's recovered edits and journal (other coders'
    /// mirrors may belong to a running window and stay).
    pub fn discard_recovery(&mut self) {
        self.ws.discard_recovery(&self.coder);
    }

    /// Mirrors unsaved sets to the recovery folder once edits have rested
    /// for [`RECOVERY_DELAY`]; returns whether it wrote (call every frame:
    /// it does nothing most of the time).
    pub fn write_recovery_if_due(&mut self, now: f64) -> Result<bool, String> {
        let rev = self.ws.history().revision();
        if self.read_only || rev == self.recovered_revision {
            return Ok(false);
        }
        if !self.ws.is_modified() {
            // Undone back to what is saved: an older mirror would offer
            // edits the user took back.
            self.recovered_revision = rev;
            self.discard_recovery();
            return Ok(false);
        }
        match self.dirty_since {
            Some(t) if now - t >= RECOVERY_DELAY => {}
            _ => return Ok(false),
        }
        self.recovered_revision = rev;
        self.ws.write_recovery().map_err(|e| e.to_string())?;
        Ok(true)
    }

    /// Seconds until the recovery mirror is due, if edits wait for it.
    pub fn recovery_in(&self, now: f64) -> Option<f64> {
        if self.read_only || self.ws.history().revision() == self.recovered_revision {
            return None;
        }
        self.dirty_since
            .map(|t| (t + RECOVERY_DELAY - now).max(0.0))
    }

    /// The project folder.
    pub fn root(&self) -> PathBuf {
        self.ws.dir().root().to_path_buf()
    }

    /// Codes as `coder` from now on: loads their sets of every document and
    /// reopens the current document (or the first) with their annotations.
    pub fn set_coder(&mut self, coder: &str) -> Result<(), String> {
        // `ALICE` is `alice`: one folder on macOS and Windows.
        let spelled = self.ws.dir().coder_spelling(coder);
        let coder = spelled.as_str();
        if !is_safe_name(coder) {
            return Err(format!(
                "{coder:?} cannot be a coder name: use letters, digits, '-', '_' or '.'"
            ));
        }
        let current = self.document_on_screen().map(str::to_string);
        if self.coder != coder || self.lock.is_none() {
            self.lock_coder(coder);
            self.start_journal(coder);
        }
        self.coder = coder.to_string();
        self.load_errors.clear();
        self.broken = None;
        let ids: Vec<String> = self
            .ws
            .project()
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect();
        for id in &ids {
            if let Err(e) = self.ws.load(&SetKey::new(coder, id)) {
                self.load_errors.insert(id.clone(), e.to_string());
            }
        }
        self.doc = None;
        let target = current.or_else(|| ids.first().cloned());
        match target {
            // A document that cannot be shown is reported as broken; the
            // project itself is open.
            Some(id) => match self.open_document(&id) {
                Err(_) if self.broken.is_some() => Ok(()),
                other => other,
            },
            None => Ok(()),
        }
    }

    /// The key of the set on screen.
    pub fn key(&self) -> Option<&SetKey> {
        self.doc.as_ref().map(|d| &d.key)
    }

    /// Shows document `id`, saving pending changes first.
    /// A document whose annotation file is damaged is shown as an error
    /// ([`Session::broken`]) and cannot be edited.
    pub fn open_document(&mut self, id: &str) -> Result<(), String> {
        if let Some(e) = self.load_errors.get(id) {
            let file = self
                .ws
                .dir()
                .set_path(&self.coder, id)
                .ok()
                .and_then(|p| p.strip_prefix(self.ws.dir().root()).ok().map(PathBuf::from));
            let has_backup = file.as_ref().is_some_and(|f| {
                crate::store::list_backups(self.ws.dir().root())
                    .iter()
                    .any(|b| &b.file == f)
            });
            self.broken = Some(BrokenDocument {
                id: id.to_string(),
                error: e.clone(),
                file,
                has_backup,
                text_changed: false,
            });
            self.doc = None;
            return Ok(());
        }
        let entry = self
            .ws
            .project()
            .document(id)
            .cloned()
            .ok_or_else(|| format!("no document {id:?} in the project"))?;
        let save_error = if self.ws.is_modified() {
            self.save().err()
        } else {
            None
        };
        // Offsets are never applied to a text other than the one they were
        // made on: a text changed since import does not open.
        let text =
            match self.ws.dir().read_checked_text(&entry) {
                Ok(text) => text,
                Err(e) => {
                    let file =
                        self.ws.dir().text_path(id).ok().and_then(|p| {
                            p.strip_prefix(self.ws.dir().root()).ok().map(PathBuf::from)
                        });
                    self.doc = None;
                    self.broken = Some(BrokenDocument {
                        id: id.to_string(),
                        error: e.to_string(),
                        file,
                        has_backup: false,
                        text_changed: true,
                    });
                    return Err(e.to_string());
                }
            };
        let key = SetKey::new(&self.coder, id);
        self.ws.load(&key).map_err(|e| e.to_string())?;
        self.broken = None;
        self.openings += 1;
        self.doc = Some(OpenDocument {
            key,
            entry,
            text,
            serial: self.openings,
        });
        match save_error {
            Some(e) => Err(format!("could not save before switching: {e}")),
            None => Ok(()),
        }
    }

    /// Loads the coder's (empty) sets of newly imported documents; returns
    /// the problems met.
    fn after_import<'a>(&mut self, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut problems = Vec::new();
        for id in ids {
            if let Err(e) = self.ws.load(&SetKey::new(&self.coder, id)) {
                problems.push(e.to_string());
            }
        }
        problems
    }

    /// Applies a transaction through the workspace (refused while
    /// read-only). Before it returns, the step is appended to the coder's
    /// journal, so a crash right after it loses nothing (a failure to
    /// journal is in `ws().journal_error()`; the edit stands).
    pub fn apply(&mut self, tx: Transaction) -> Result<(), String> {
        self.writable()?;
        self.ws.apply(tx).map_err(|e| e.to_string())
    }

    /// Loads `key`'s set if it is not loaded yet (a missing file is an
    /// empty set). Reading is allowed in a read-only session.
    pub fn ensure_loaded(&mut self, key: &SetKey) -> Result<(), String> {
        if self.ws.set(key).is_some() {
            return Ok(());
        }
        self.ws.load(key).map(|_| ()).map_err(|e| e.to_string())
    }

    /// Loads every coder's set of every document (codebook edits and
    /// project-wide counts need them all); unreadable files are reported
    /// in one message, the readable ones stay loaded.
    pub fn load_all_sets(&mut self) -> Result<(), String> {
        let failed = self.ws.load_all_sets();
        if failed.is_empty() {
            Ok(())
        } else {
            let lines: Vec<String> = failed.iter().map(ToString::to_string).collect();
            Err(lines.join("\n"))
        }
    }

    /// Imports article files into the open project: the texts and index
    /// are saved, the coder's sets of the new documents loaded, and the
    /// first new document opened if none was. Refused in a read-only
    /// session. The report's problems list what went wrong after the
    /// import itself succeeded.
    pub fn import_articles(&mut self, paths: &[PathBuf]) -> Result<ArticlesImported, String> {
        self.writable()?;
        let report = crate::import::import_articles_into(&mut self.ws, paths, None)
            .map_err(|e| e.to_string())?;
        let mut problems = self.after_import(report.imported.iter().map(|d| d.id.as_str()));
        problems.extend(self.save().err());
        if self.doc.is_none()
            && let Some(first) = report.imported.first()
            && let Err(e) = self.open_document(&first.id.clone())
        {
            problems.push(e);
        }
        Ok(ArticlesImported { report, problems })
    }

    /// Brings back the unsaved edits of a crashed session for `keys` (see
    /// [`Session::recoverable`]); the open document is read again so its
    /// view shows them.
    pub fn recover(&mut self, keys: &[SetKey]) -> Result<(), String> {
        self.writable()?;
        self.ws.recover(keys).map_err(|e| e.to_string())?;
        if let Some(id) = self.doc.as_ref().map(|d| d.key.document.clone()) {
            self.open_document(&id)?;
        }
        Ok(())
    }

    /// Imports a model's predictions from JSONL files as suggestions (the
    /// reserved pseudo-coder's sets, replacing earlier ones), after saving
    /// pending edits. Reopen the project afterwards so every set is read
    /// again. Refused in a read-only session.
    pub fn import_suggestions(
        &mut self,
        paths: &[PathBuf],
    ) -> Result<crate::import::AnnotatedReport, String> {
        self.writable()?;
        self.save()
            .map_err(|e| format!("could not save before importing suggestions: {e}"))?;
        let mut dir = ProjectDir::open(self.ws.dir().root()).map_err(|e| e.to_string())?;
        let batch =
            crate::import::read_jsonl_annotated(paths, crate::suggestions::SUGGESTIONS_CODER)
                .map_err(|e| e.to_string())?;
        crate::suggestions::commit_suggestions(&mut dir, batch.docs).map_err(|e| e.to_string())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, String> {
        self.writable()?;
        self.ws.undo().map_err(|e| e.to_string())
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, String> {
        self.writable()?;
        self.ws.redo().map_err(|e| e.to_string())
    }

    /// Writes every change; returns how many files were written. Refused
    /// while read-only; a file changed on disk by someone else is recorded
    /// in [`Session::conflict`].
    pub fn save(&mut self) -> Result<usize, String> {
        self.writable()?;
        match self.ws.save() {
            Ok(n) => {
                self.dirty_since = None;
                self.conflict = None;
                Ok(n)
            }
            Err(StoreError::ChangedOnDisk { path, kept }) => {
                let e = StoreError::ChangedOnDisk {
                    path: path.clone(),
                    kept: kept.clone(),
                };
                self.conflict = Some(DiskConflict { path, kept });
                Err(e.to_string())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Writes pending edits before something that must not mix with them
    /// (switching coder or project, restoring, closing): nothing to do (and
    /// `Ok(0)`) when nothing changed or the session is read-only.
    pub fn save_pending(&mut self) -> Result<usize, String> {
        if self.read_only || !self.ws.is_modified() {
            return Ok(0);
        }
        self.save()
    }

    /// After a [`DiskConflict`] on an annotation file: loads the version on
    /// disk (ours stays in the kept file) and saves the remaining changes.
    /// Returns the document id reloaded.
    pub fn load_their_version(&mut self) -> Result<String, String> {
        let Some(conflict) = self.conflict.clone() else {
            return Err("nothing to reload".into());
        };
        let key = self
            .ws
            .project()
            .documents
            .iter()
            .flat_map(|d| {
                self.ws
                    .project()
                    .coders
                    .iter()
                    .map(move |c| SetKey::new(c, &d.id))
            })
            .find(|k| {
                self.ws
                    .dir()
                    .set_path(&k.coder, &k.document)
                    .is_ok_and(|p| p == conflict.path)
            })
            .ok_or_else(|| {
                format!(
                    "{} is not an annotation file of this project: reopen the project to load it",
                    conflict.path.display()
                )
            })?;
        self.ws.reload_set(&key).map_err(|e| e.to_string())?;
        self.conflict = None;
        self.seen_revision = self.ws.history().revision();
        self.recovered_revision = self.seen_revision;
        if self.doc.as_ref().is_some_and(|d| d.key == key) {
            self.doc = None;
            self.open_document(&key.document)?;
        }
        if self.ws.is_modified() {
            self.save()?;
        }
        Ok(key.document)
    }

    /// Notes edits made since the last frame (restarting the autosave
    /// delay); returns whether an autosave is due at time `now`.
    pub fn autosave_due(&mut self, now: f64) -> bool {
        let rev = self.ws.history().revision();
        if rev != self.seen_revision {
            self.seen_revision = rev;
            self.dirty_since = Some(now);
        }
        if !self.ws.is_modified() {
            self.dirty_since = None;
            return false;
        }
        if self.read_only || self.conflict.is_some() {
            return false;
        }
        let since = *self.dirty_since.get_or_insert(now);
        now - since >= AUTOSAVE_DELAY
    }

    /// Seconds until the pending autosave.
    pub fn autosave_in(&self, now: f64) -> Option<f64> {
        self.dirty_since
            .map(|t| (t + AUTOSAVE_DELAY - now).max(0.0))
    }
}

/// Why an edit or a save was refused in a read-only session.
pub const READ_ONLY: &str = "read-only: editing and saving are off (another window has these annotations open, or the folder cannot be written)";

#[cfg(test)]
mod tests;
