//! An open project in the window: the workspace (project, loaded sets,
//! history), the coder, the document on screen, and the bookkeeping for
//! autosave. Every change to the data goes through [`Session::apply`],
//! [`Session::undo`] or [`Session::redo`].

use super::document::DocView;
use crate::edit::{SetKey, Transaction, Workspace};
use crate::model::is_safe_name;
use crate::store::ProjectDir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Seconds after the last edit before changes are written.
pub const AUTOSAVE_DELAY: f64 = 3.0;

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
        };
        s.set_coder(coder)?;
        Ok(s)
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
        let current = self.doc.as_ref().map(|d| d.key.document.clone());
        self.coder = coder.to_string();
        self.load_errors.clear();
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
    pub fn open_document(&mut self, id: &str) -> Result<(), String> {
        if let Some(e) = self.load_errors.get(id) {
            return Err(format!("cannot open this document's annotations: {e}"));
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

    /// Applies a transaction through the workspace.
    pub fn apply(&mut self, tx: Transaction) -> Result<(), String> {
        self.ws.apply(tx).map_err(|e| e.to_string())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, String> {
        self.ws.undo().map_err(|e| e.to_string())
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, String> {
        self.ws.redo().map_err(|e| e.to_string())
    }

    /// Writes every change; returns how many files were written.
    pub fn save(&mut self) -> Result<usize, String> {
        let n = self.ws.save().map_err(|e| e.to_string())?;
        self.dirty_since = None;
        Ok(n)
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
        let since = *self.dirty_since.get_or_insert(now);
        now - since >= AUTOSAVE_DELAY
    }

    /// Seconds until the pending autosave.
    pub fn autosave_in(&self, now: f64) -> Option<f64> {
        self.dirty_since
            .map(|t| (t + AUTOSAVE_DELAY - now).max(0.0))
    }
}
