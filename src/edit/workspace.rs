//! The project being edited: the folder, the annotation sets loaded so far,
//! and the history. Applying a transaction checks the model's invariants
//! first, so a refused edit leaves everything as it was.

use super::journal::Journal;
use super::reach::would_misfit;
use super::{Edit, EditError, History, SetKey, Transaction, remove_spans};
use crate::model::{AnnotationSet, Project, Span, SpanId, Status, validate_codebook};
use crate::store::{ProjectDir, StoreError, fingerprint, write_atomic};
use crate::wording::{count, quoted};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// An open project with the annotation sets in use and their history.
#[derive(Debug)]
pub struct Workspace {
    dir: ProjectDir,
    pub(super) sets: BTreeMap<SetKey, AnnotationSet>,
    history: History,
    /// Sets changed since they were last written (over-approximate: an edit
    /// undone before saving still gets its file rewritten, harmlessly).
    pub(super) dirty_sets: BTreeSet<SetKey>,
    pub(super) project_dirty: bool,
    /// Changes made outside the history (imports, new coders), which undo
    /// cannot reach, so they count as unsaved until written.
    unrecorded: bool,
    /// Content fingerprints of the files as we last read or wrote them, to
    /// notice when someone else changed them in between.
    on_disk: HashMap<PathBuf, Option<String>>,
    /// Where every step is appended as it is made (see `journal.rs`).
    pub(super) journal: Journal,
}

impl Workspace {
    /// Wraps an opened project folder.
    pub fn new(dir: ProjectDir) -> Workspace {
        let mut on_disk = HashMap::new();
        let project_file = dir.project_file();
        on_disk.insert(
            project_file.clone(),
            fingerprint(&project_file).ok().flatten(),
        );
        Workspace {
            on_disk,
            dir,
            sets: BTreeMap::new(),
            history: History::default(),
            dirty_sets: BTreeSet::new(),
            project_dirty: false,
            unrecorded: false,
            journal: Journal::default(),
        }
    }

    /// The project index.
    pub fn project(&self) -> &Project {
        &self.dir.project
    }

    /// The project folder.
    pub fn dir(&self) -> &ProjectDir {
        &self.dir
    }

    /// Mutable access to the project for changes that are not annotation
    /// edits (importing documents, adding coders); marks it for saving.
    pub fn project_mut_unrecorded(&mut self) -> &mut Project {
        self.project_dirty = true;
        self.unrecorded = true;
        &mut self.dir.project
    }

    /// The history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the state differs from what was last saved (an edit undone
    /// back to the saved revision counts as unchanged).
    pub fn is_modified(&self) -> bool {
        self.history.is_modified() || self.unrecorded
    }

    /// Loads `key`'s set from disk unless it is loaded already (a set not on
    /// disk yet starts empty). The one way a set enters the workspace. A new
    /// coder joins the project's list of coders with their first saved set,
    /// not on loading: merely looking must leave nothing unsaved.
    pub fn load(&mut self, key: &SetKey) -> Result<&AnnotationSet, StoreError> {
        if !self.sets.contains_key(key) {
            let path = self.dir.set_path(&key.coder, &key.document)?;
            let print = fingerprint(&path)?;
            let set = self.dir.load_set_or_new(&key.coder, &key.document)?;
            self.on_disk.insert(path, print);
            self.sets.insert(key.clone(), set);
        }
        Ok(&self.sets[key])
    }

    /// Loads every document's set of `coder`; stops at the first file that
    /// cannot be read.
    pub fn load_coder(&mut self, coder: &str) -> Result<(), StoreError> {
        for id in self.document_ids() {
            self.load(&SetKey::new(coder, &id))?;
        }
        Ok(())
    }

    /// The ids of the project's documents, in project order.
    pub(super) fn document_ids(&self) -> Vec<String> {
        self.project()
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect()
    }

    /// A loaded set.
    pub fn set(&self, key: &SetKey) -> Option<&AnnotationSet> {
        self.sets.get(key)
    }

    /// All loaded sets.
    pub fn loaded_sets(&self) -> impl Iterator<Item = &AnnotationSet> {
        self.sets.values()
    }

    /// Applies a transaction and records it for undo. All or nothing.
    ///
    /// A codebook change that takes something away first loads every set
    /// and is refused if it would leave a span that fitted the codebook
    /// not fitting it (the caller computed its span edits over too few sets).
    pub fn apply(&mut self, mut tx: Transaction) -> Result<(), EditError> {
        self.start_progress(&mut tx);
        let record = self.journal.encode(&tx);
        // A refused transaction leaves nothing marked for saving.
        let marked = (self.dirty_sets.clone(), self.project_dirty);
        let result = self.apply_checked(tx);
        match result {
            Ok(inverse) => {
                self.history.record(inverse);
                self.journal.append(record);
                Ok(())
            }
            Err(e) => {
                (self.dirty_sets, self.project_dirty) = marked;
                Err(e)
            }
        }
    }

    /// Applies `tx` (see [`Workspace::apply`]); returns its inverse.
    fn apply_checked(&mut self, tx: Transaction) -> Result<Transaction, EditError> {
        let fitting_before = if self.narrows_codebook(&tx) {
            self.load_all_for_edit()?;
            Some(self.misfits())
        } else {
            None
        };
        let inverse = self.apply_all(tx)?;
        if let Some(before) = fitting_before {
            let new_misfits = self.misfits().difference(&before).count();
            if new_misfits > 0 {
                // The inverse of edits that just succeeded applies.
                let _ = self.apply_all(inverse);
                return Err(would_misfit(new_misfits));
            }
        }
        Ok(inverse)
    }

    /// A span put into a not-started set starts it: the transaction also
    /// sets it in progress (whatever added the span: tagging, accepting a
    /// suggestion or mention, adjudicating), unless it sets a status itself.
    fn start_progress(&self, tx: &mut Transaction) {
        // Keys are few per transaction, spans may be many (a recovery
        // replay, accepting all agreed spans): one pass over the edits.
        let mut has_status: BTreeSet<&SetKey> = BTreeSet::new();
        let mut touched: BTreeSet<&SetKey> = BTreeSet::new();
        for e in &tx.edits {
            match e {
                Edit::SetStatus { key, .. } => {
                    has_status.insert(key);
                }
                Edit::PutSpan { key, .. } | Edit::SetCode { key, .. } => {
                    touched.insert(key);
                }
                _ => {}
            }
        }
        let started: Vec<SetKey> = touched
            .into_iter()
            .filter(|k| !has_status.contains(k))
            .filter(|k| {
                self.sets
                    .get(*k)
                    .is_some_and(|s| s.status == Status::NotStarted)
            })
            .cloned()
            .collect();
        tx.edits
            .extend(started.into_iter().map(|key| Edit::SetStatus {
                key,
                status: Status::InProgress,
            }));
    }

    /// Reverts the last transaction; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let Some(tx) = self.history.peek_undo().cloned() else {
            return Ok(None);
        };
        let label = tx.label.clone();
        let record = self.journal.encode(&tx);
        let redo = self.apply_all(tx)?;
        self.history.undone(redo);
        self.journal.append(record);
        Ok(Some(label))
    }

    /// Re-applies the last undone transaction; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let Some(tx) = self.history.peek_redo().cloned() else {
            return Ok(None);
        };
        let label = tx.label.clone();
        let record = self.journal.encode(&tx);
        let undo = self.apply_all(tx)?;
        self.history.redone(undo);
        self.journal.append(record);
        Ok(Some(label))
    }

    /// Writes every changed annotation set and, if changed, `project.ron`.
    /// A file that someone else changed since we read it is not
    /// overwritten: our version is kept beside it and
    /// [`StoreError::ChangedOnDisk`] returned (see [`Workspace::reload_set`]).
    /// Stops at the first failure; what was not written stays marked.
    pub fn save(&mut self) -> Result<usize, StoreError> {
        let mut written = 0;
        // Another process (an import) must not write between our check
        // for outside changes and our write.
        let _lock = if self.dirty_sets.is_empty() && !self.project_dirty {
            None
        } else {
            Some(crate::store::WriteLock::acquire(self.dir.root())?)
        };
        if _lock.is_some() && self.dir.migrating_from().is_some() {
            // Migration rewrites files we know: what they hold is still
            // what we read, in the new form, so their new fingerprints are
            // ours, not someone else's change.
            self.dir.migrate_if_needed()?;
            let known: Vec<PathBuf> = self.on_disk.keys().cloned().collect();
            for path in known {
                self.on_disk.insert(path.clone(), fingerprint(&path)?);
            }
        }
        while let Some(key) = self.dirty_sets.first().cloned() {
            if let Some(set) = self.sets.get(&key) {
                let path = self.dir.set_path(&key.coder, &key.document)?;
                self.guard_against_outside_changes(&path, |p| crate::store::to_ron(set, 2, p))?;
                self.dir.save_set(set)?;
                self.on_disk.insert(path.clone(), fingerprint(&path)?);
                self.discard_recovered_set(&key);
                written += 1;
                // The coder's folder now exists: that is what makes a coder.
                self.dir.project.add_coder(&key.coder);
            }
            self.dirty_sets.remove(&key);
        }
        if self.project_dirty {
            let path = self.dir.project_file();
            let ours = self.dir.project_text()?;
            self.guard_against_outside_changes(&path, |_| Ok(ours))?;
            self.dir.save_project()?;
            self.on_disk.insert(path.clone(), fingerprint(&path)?);
            self.project_dirty = false;
            self.discard_recovered_project();
            written += 1;
        }
        self.unrecorded = false;
        self.history.mark_saved();
        // Everything journaled is in the files now.
        self.journal.clear();
        Ok(written)
    }

    /// Replaces a loaded set with what is on disk now, dropping our
    /// unsaved changes to it (after a [`StoreError::ChangedOnDisk`], once our
    /// version has been kept). Clears the history, whose steps may no
    /// longer apply.
    pub fn reload_set(&mut self, key: &SetKey) -> Result<(), StoreError> {
        self.sets.remove(key);
        self.dirty_sets.remove(key);
        self.load(key)?;
        self.history = History::default();
        Ok(())
    }

    /// Errors (after keeping our version as `<file>.mine-<time>`) when the
    /// file at `path` differs from what we last read or wrote.
    fn guard_against_outside_changes(
        &self,
        path: &Path,
        ours: impl FnOnce(&Path) -> Result<String, StoreError>,
    ) -> Result<(), StoreError> {
        let Some(known) = self.on_disk.get(path) else {
            return Ok(());
        };
        let now = fingerprint(path)?;
        if &now == known {
            return Ok(());
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut kept = path.as_os_str().to_owned();
        kept.push(format!(".mine-{secs}"));
        let kept = PathBuf::from(kept);
        write_atomic(&kept, ours(path)?.as_bytes())?;
        Err(StoreError::ChangedOnDisk {
            path: path.to_path_buf(),
            kept,
        })
    }

    /// The transaction that deletes span `id` and every link pointing to it.
    pub fn remove_span_tx(&self, key: &SetKey, id: SpanId) -> Result<Transaction, EditError> {
        let set = self.loaded(key)?;
        let span = set.span(id).ok_or(EditError::NoSuchSpan(id))?;
        let edits = remove_spans(key, set, &BTreeSet::from([id])).into_edits();
        Ok(Transaction::new(format!("Delete {}", span.label), edits))
    }

    fn loaded(&self, key: &SetKey) -> Result<&AnnotationSet, EditError> {
        self.sets.get(key).ok_or_else(|| EditError::SetNotLoaded {
            coder: key.coder.clone(),
            document: key.document.clone(),
        })
    }

    /// A loaded set, to change: marks it for saving (only once it is
    /// known to be loaded, so a refused edit leaves nothing marked).
    fn loaded_mut(&mut self, key: &SetKey) -> Result<&mut AnnotationSet, EditError> {
        let set = self
            .sets
            .get_mut(key)
            .ok_or_else(|| EditError::SetNotLoaded {
                coder: key.coder.clone(),
                document: key.document.clone(),
            })?;
        self.dirty_sets.insert(key.clone());
        Ok(set)
    }

    /// Applies the edits in order, rolling back on the first failure;
    /// returns the inverse transaction.
    fn apply_all(&mut self, tx: Transaction) -> Result<Transaction, EditError> {
        let mut inverses = Vec::with_capacity(tx.edits.len());
        for edit in tx.edits {
            match self.apply_one(edit) {
                Ok(inv) => inverses.push(inv),
                Err(e) => {
                    for inv in inverses.into_iter().rev() {
                        // Inverses of edits that just succeeded are valid by
                        // construction; a failure here would be a bug, and
                        // the best we can do is keep going.
                        let _ = self.apply_one(inv);
                    }
                    return Err(e);
                }
            }
        }
        inverses.reverse();
        Ok(Transaction::new(tx.label, inverses))
    }

    fn apply_one(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::PutSpan { key, span } => {
                self.check_span(&key, &span)?;
                let set = self.loaded_mut(&key)?;
                let id = span.id;
                Ok(match set.put(span) {
                    Some(old) => Edit::PutSpan { key, span: old },
                    None => Edit::RemoveSpan { key, id },
                })
            }
            Edit::RemoveSpan { key, id } => {
                let set = self.loaded_mut(&key)?;
                let span = set.remove(id).ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::PutSpan { key, span })
            }
            Edit::SetStatus { key, status } => {
                let set = self.loaded_mut(&key)?;
                let old = std::mem::replace(&mut set.status, status);
                Ok(Edit::SetStatus { key, status: old })
            }
            Edit::SetCode {
                key,
                variable,
                value,
            } => {
                if let Some(value) = &value {
                    let var = self
                        .dir
                        .project
                        .codebook
                        .variable(&variable)
                        .ok_or_else(|| {
                            EditError::Invalid(format!(
                                "the codebook has no variable {}",
                                quoted(&variable)
                            ))
                        })?;
                    if let Some(why) = crate::model::code_problem(var, value) {
                        return Err(EditError::Invalid(why));
                    }
                }
                let set = self.loaded_mut(&key)?;
                let old = match value {
                    Some(v) => set.codes.insert(variable.clone(), v),
                    None => set.codes.remove(&variable),
                };
                Ok(Edit::SetCode {
                    key,
                    variable,
                    value: old,
                })
            }
            Edit::PutActor(actor) => {
                if actor.name.trim().is_empty() {
                    return Err(EditError::Invalid("an actor needs a name".into()));
                }
                self.project_dirty = true;
                let id = actor.id;
                Ok(match self.dir.project.actors.put(actor) {
                    Some(old) => Edit::PutActor(old),
                    None => Edit::RemoveActor(id),
                })
            }
            Edit::RemoveActor(id) => {
                let actor = self
                    .dir
                    .project
                    .actors
                    .remove(id)
                    .ok_or(EditError::NoSuchActor(id))?;
                self.project_dirty = true;
                Ok(Edit::PutActor(actor))
            }
            Edit::SetCodebook(codebook) => {
                if let Some(p) = validate_codebook(&codebook).first() {
                    return Err(EditError::Invalid(p.message.clone()));
                }
                self.project_dirty = true;
                let old = std::mem::replace(&mut self.dir.project.codebook, codebook);
                Ok(Edit::SetCodebook(old))
            }
            Edit::RenameLabelInSpans { from, to } => {
                self.load_all_for_edit()?;
                for (key, set) in &mut self.sets {
                    let mut touched = false;
                    for s in set.spans.iter_mut().filter(|s| s.label == from) {
                        s.label = to.clone();
                        touched = true;
                    }
                    if touched {
                        set.sort();
                        self.dirty_sets.insert(key.clone());
                    }
                }
                Ok(Edit::RenameLabelInSpans { from: to, to: from })
            }
        }
    }

    /// The invariants a span must satisfy to enter a set.
    fn check_span(&self, key: &SetKey, span: &Span) -> Result<(), EditError> {
        let invalid = |m: String| Err(EditError::Invalid(m));
        let project = self.project();
        let doc = project
            .document(&key.document)
            .ok_or_else(|| EditError::Invalid(format!("no document {}", quoted(&key.document))))?;
        if span.start >= span.end || span.end > doc.chars {
            return invalid(format!(
                "range {}..{} does not fit a text of {}",
                span.start,
                span.end,
                count(doc.chars, "character", "characters")
            ));
        }
        let Some(label) = project.codebook.label(&span.label) else {
            return invalid(format!("unknown label {}", quoted(&span.label)));
        };
        for name in span.attrs.keys() {
            if label.attribute(name).is_none() {
                return invalid(format!(
                    "label {} has no attribute {name}",
                    quoted(&span.label),
                    name = quoted(name)
                ));
            }
        }
        let set = self.loaded(key)?;
        for (role, targets) in &span.links {
            let Some(def) = label.role(role) else {
                return invalid(format!(
                    "label {} has no role {role}",
                    quoted(&span.label),
                    role = quoted(role)
                ));
            };
            if def.takes == crate::model::RoleArity::One && targets.len() > 1 {
                return invalid(format!(
                    "role {role} takes one span, not {}",
                    targets.len(),
                    role = quoted(role)
                ));
            }
            if targets.is_empty() || targets.windows(2).any(|w| w[0] >= w[1]) {
                return invalid(format!(
                    "role {role} must list its targets once each, in order",
                    role = quoted(role)
                ));
            }
        }
        for (role, target) in span.all_links() {
            let Some(def) = label.role(role) else {
                continue;
            };
            let Some(t) = set.span(target).filter(|t| t.id != span.id) else {
                return invalid(format!(
                    "role {role} links to a span that does not exist",
                    role = quoted(role)
                ));
            };
            if !def.targets.contains(&t.label) {
                return invalid(format!(
                    "role {role} may not point to a {} span",
                    t.label,
                    role = quoted(role)
                ));
            }
        }
        if let Some(a) = span.actor
            && project.actors.get(a).is_none()
        {
            return Err(EditError::NoSuchActor(a));
        }
        Ok(())
    }
}
