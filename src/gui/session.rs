//! An open project in the window: the workspace (project, loaded sets,
//! history), the coder, the document on screen, and the bookkeeping for
//! autosave. Every change to the data goes through [`Session::apply`],
//! [`Session::undo`] or [`Session::redo`].

use super::document::DocView;
use crate::edit::{SetKey, Transaction, Workspace};
use crate::model::is_safe_name;
use crate::store::{CoderLock, LockHolder, LockOutcome, ProjectDir, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Seconds after the last edit before changes are written.
pub const AUTOSAVE_DELAY: f64 = 3.0;

/// Seconds after the last edit before unsaved sets are mirrored to the
/// recovery folder (cheap, but not worth doing every frame).
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
}

/// An open project.
#[derive(Debug)]
pub struct Session {
    /// Project, sets and history.
    pub ws: Workspace,
    /// Who is coding.
    pub coder: String,
    /// The document on screen.
    pub doc: Option<DocView>,
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
    pub read_only: bool,
    /// Who holds the coder's lock, when it was not ours to take.
    pub lock_holder: Option<LockHolder>,
    /// Why the lock could not be written (the session is read-only then).
    pub lock_error: Option<String>,
    /// The last save found a file changed by someone else; autosave waits
    /// until the user decides.
    pub conflict: Option<DiskConflict>,
    /// The document picked whose annotation file is damaged.
    pub broken: Option<BrokenDocument>,
}

impl Session {
    /// Opens the project in `root` for `coder` and shows its first document.
    pub fn open(root: &Path, coder: &str) -> Result<Session, String> {
        let dir = ProjectDir::open(root).map_err(|e| e.to_string())?;
        let mut s = Session {
            ws: Workspace::new(dir),
            coder: String::new(),
            doc: None,
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
        Ok(())
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

    /// Throws away the coder's recovered edits (other coders' mirrors may
    /// belong to a running window and stay).
    pub fn discard_recovery(&self) {
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
        if !is_safe_name(coder) {
            return Err(format!(
                "{coder:?} cannot be a coder name: use letters, digits, '-', '_' or '.'"
            ));
        }
        let current = self
            .doc
            .as_ref()
            .map(|d| d.key.document.clone())
            .or_else(|| self.broken.as_ref().map(|b| b.id.clone()));
        if self.coder != coder || self.lock.is_none() {
            self.lock_coder(coder);
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
            Some(id) => self.open_document(&id),
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
        let text = self.ws.dir().read_text(id).map_err(|e| e.to_string())?;
        let key = SetKey::new(&self.coder, id);
        self.ws.open_set(&key).map_err(|e| e.to_string())?;
        self.broken = None;
        self.doc = Some(DocView::new(key, &entry, text));
        match save_error {
            Some(e) => Err(format!("could not save before switching: {e}")),
            None => Ok(()),
        }
    }

    /// Loads the coder's (empty) sets of newly imported documents; returns
    /// the problems met.
    pub fn after_import<'a>(&mut self, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut problems = Vec::new();
        for id in ids {
            if let Err(e) = self.ws.load(&SetKey::new(&self.coder, id)) {
                problems.push(e.to_string());
            }
        }
        problems
    }

    /// Applies a transaction through the workspace (refused while
    /// read-only).
    pub fn apply(&mut self, tx: Transaction) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY.into());
        }
        self.ws.apply(tx).map_err(|e| e.to_string())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, String> {
        if self.read_only {
            return Err(READ_ONLY.into());
        }
        self.ws.undo().map_err(|e| e.to_string())
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, String> {
        if self.read_only {
            return Err(READ_ONLY.into());
        }
        self.ws.redo().map_err(|e| e.to_string())
    }

    /// Writes every change; returns how many files were written. Refused
    /// while read-only; a file changed on disk by someone else is recorded
    /// in [`Session::conflict`].
    pub fn save(&mut self) -> Result<usize, String> {
        if self.read_only {
            return Err(READ_ONLY.into());
        }
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
