//! Recovery of unsaved edits after a crash. While edits are unsaved, the
//! changed annotation sets are mirrored to `.recovery/<coder>/<doc>.ron`
//! (cheap: one small file per changed document). A clean save removes the
//! mirror. If the program dies first, the next start finds the mirror and
//! can offer the edits back, replayed as one undoable transaction. The
//! edits of the last second before a crash, not mirrored yet, are in the
//! journal (`journal.rs`), which is turned into mirrors before they are
//! offered.

use super::{Edit, SetKey, Transaction, Workspace, remove_spans};
use crate::model::{AnnotationSet, Project, SpanId, is_safe_name};
use crate::store::{StoreError, from_ron, to_ron, write_atomic};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub use crate::store::RECOVERY_DIR;

impl Workspace {
    pub(super) fn recovery_path(&self, key: &SetKey) -> Option<PathBuf> {
        (is_safe_name(&key.coder) && is_safe_name(&key.document)).then(|| {
            self.dir()
                .root()
                .join(RECOVERY_DIR)
                .join(&key.coder)
                .join(format!("{}.ron", key.document))
        })
    }

    pub(super) fn project_recovery_path(&self) -> PathBuf {
        self.dir().root().join(RECOVERY_DIR).join("project.ron")
    }

    /// Mirrors every set with unsaved changes (and the codebook and actor
    /// registry, if changed) to the recovery folder. Call it shortly after
    /// edits (the window does, a second after the last one); returns how
    /// many files were written.
    pub fn write_recovery(&self) -> Result<usize, StoreError> {
        if let Err(e) = self.journal.sync() {
            let path = self.dir().root().join(RECOVERY_DIR);
            return Err(StoreError::io(&path, e));
        }
        let mut written = 0;
        if self.project_dirty {
            let path = self.project_recovery_path();
            write_project_mirror(&path, self.project())?;
            written += 1;
        }
        for key in &self.dirty_sets {
            let (Some(set), Some(path)) = (self.sets.get(key), self.recovery_path(key)) else {
                continue;
            };
            write_atomic(&path, to_ron(set, 2, &path)?.as_bytes())?;
            written += 1;
        }
        Ok(written)
    }

    /// Removes `coder`'s recovery mirror and journal and the
    /// codebook/registry mirror (when the user declines the recovered
    /// edits, or undid back to the saved state). Other coders' set mirrors
    /// may belong to a window that is still running, so they stay.
    pub fn discard_recovery(&mut self, coder: &str) {
        self.discard_recovered_project();
        if is_safe_name(coder) {
            let _ = std::fs::remove_dir_all(self.dir().root().join(RECOVERY_DIR).join(coder));
        }
        // Our journal may have gone with the folder: reopen it on the next
        // step rather than append to a removed file.
        self.journal.close();
    }

    /// Removes the codebook/registry mirror (once `project.ron` is saved).
    pub(super) fn discard_recovered_project(&self) {
        let _ = std::fs::remove_file(self.project_recovery_path());
    }

    /// The codebook and actor registry of a session that ended with them
    /// unsaved, if they differ from the current ones.
    pub(super) fn recovered_project(&self) -> Option<Project> {
        let path = self.project_recovery_path();
        let text = std::fs::read_to_string(&path).ok()?;
        let p: Project = from_ron(&path, &text).ok()?;
        let current = self.project();
        (p.codebook != current.codebook || p.actors != current.actors).then_some(p)
    }

    /// Whether unsaved codebook or actor registry changes can be recovered.
    pub fn recoverable_project(&self) -> bool {
        self.recovered_project().is_some()
    }

    /// Removes the mirror of one set (once it has been saved).
    pub(super) fn discard_recovered_set(&self, key: &SetKey) {
        if let Some(path) = self.recovery_path(key) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Sets whose recovered version differs from the saved one: edits a
    /// crashed session did not save.
    pub fn recoverable(&self) -> Vec<SetKey> {
        let root = self.dir().root().join(RECOVERY_DIR);
        let mut out = Vec::new();
        let Ok(coders) = std::fs::read_dir(&root) else {
            return out;
        };
        for coder in coders.filter_map(|e| e.ok()) {
            let coder_name = coder.file_name().to_string_lossy().into_owned();
            let Ok(files) = std::fs::read_dir(coder.path()) else {
                continue;
            };
            for file in files.filter_map(|e| e.ok()) {
                let name = file.file_name().to_string_lossy().into_owned();
                let Some(doc) = name.strip_suffix(".ron") else {
                    continue;
                };
                let key = SetKey::new(&coder_name, doc);
                if self.project().document(doc).is_none() || self.recovery_path(&key).is_none() {
                    continue;
                }
                let recovered = self.read_recovered(&key).ok();
                let saved = self.dir().load_set_or_new(&key.coder, &key.document).ok();
                if recovered.is_some() && recovered != saved {
                    out.push(key);
                }
            }
        }
        out.sort();
        out
    }

    pub(super) fn read_recovered(&self, key: &SetKey) -> Result<AnnotationSet, StoreError> {
        let path = self
            .recovery_path(key)
            .ok_or_else(|| StoreError::UnsafeName {
                name: key.document.clone(),
            })?;
        let text = std::fs::read_to_string(&path).map_err(|e| StoreError::io(&path, e))?;
        let mut set: AnnotationSet = from_ron(&path, &text)?;
        set.coder = key.coder.clone();
        set.document = key.document.clone();
        Ok(set)
    }

    /// Replays the recovered edits of `keys` as one undoable transaction.
    /// Spans that no longer fit (e.g. the codebook changed since) make the
    /// whole recovery fail without changing anything.
    pub fn recover(&mut self, keys: &[SetKey]) -> Result<(), RecoveryError> {
        // Codebook and actors first: recovered spans may use them.
        let mut registry = Vec::new();
        if let Some(p) = self.recovered_project() {
            let current = self.project();
            if p.codebook != current.codebook {
                registry.push(Edit::SetCodebook(p.codebook.clone()));
            }
            for a in &current.actors.actors {
                if p.actors.get(a.id).is_none() {
                    registry.push(Edit::RemoveActor(a.id));
                }
            }
            for a in &p.actors.actors {
                if current.actors.get(a.id) != Some(a) {
                    registry.push(Edit::PutActor(a.clone()));
                }
            }
        }
        let mut removals = Vec::new();
        let mut unlinked = Vec::new();
        let mut linked = Vec::new();
        for key in keys {
            let recovered = self.read_recovered(key)?;
            let current = self.load(key)?.clone();
            let gone: BTreeSet<SpanId> = current
                .spans
                .iter()
                .filter(|s| recovered.span(s.id).is_none())
                .map(|s| s.id)
                .collect();
            // Unlinked first so removal order cannot matter. Spans that stay
            // and linked to a removed one differ from their recovered form,
            // which replaces them below (under the recovered codebook, where
            // their current form may no longer fit): only the removed spans'
            // own unlinking is kept.
            let removal = remove_spans(key, &current, &gone);
            unlinked.extend(
                removal
                    .unlink
                    .into_iter()
                    .filter(|e| matches!(e, Edit::PutSpan { span, .. } if gone.contains(&span.id))),
            );
            removals.extend(removal.remove);
            for s in &recovered.spans {
                if current.span(s.id) != Some(s) {
                    let mut bare = s.clone();
                    bare.links.clear();
                    unlinked.push(Edit::PutSpan {
                        key: key.clone(),
                        span: bare,
                    });
                    if !s.links.is_empty() {
                        linked.push(Edit::PutSpan {
                            key: key.clone(),
                            span: s.clone(),
                        });
                    }
                }
            }
            if recovered.status != current.status {
                linked.push(Edit::SetStatus {
                    key: key.clone(),
                    status: recovered.status,
                });
            }
            let variables: std::collections::BTreeSet<&String> =
                recovered.codes.keys().chain(current.codes.keys()).collect();
            for variable in variables {
                let value = recovered.codes.get(variable);
                if value != current.codes.get(variable) {
                    linked.push(Edit::SetCode {
                        key: key.clone(),
                        variable: variable.clone(),
                        value: value.cloned(),
                    });
                }
            }
        }
        let mut edits = registry;
        edits.extend(unlinked);
        edits.extend(removals);
        edits.extend(linked);
        self.apply(Transaction::new("Recover unsaved edits", edits))?;
        Ok(())
    }
}

/// Writes the codebook/registry mirror of `p` to `path`. The registry is
/// not part of `project.ron`'s form; the mirror keeps it beside the rest
/// (it reads back as a `Project`).
pub(super) fn write_project_mirror(path: &std::path::Path, p: &Project) -> Result<(), StoreError> {
    let mirror = ProjectMirror {
        format_version: p.format_version,
        name: &p.name,
        codebook: &p.codebook,
        actors: &p.actors,
        documents: &p.documents,
    };
    write_atomic(path, to_ron(&mirror, 5, path)?.as_bytes())
}

/// What the codebook/registry mirror holds: `project.ron`'s fields and the
/// actor registry.
#[derive(serde::Serialize)]
struct ProjectMirror<'a> {
    format_version: u32,
    name: &'a str,
    codebook: &'a crate::model::Codebook,
    actors: &'a crate::model::ActorRegistry,
    documents: &'a [crate::model::DocumentEntry],
}

/// Why recovered edits could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// A recovery file could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The recovered spans no longer fit the project.
    #[error("the recovered edits no longer fit the project: {0}")]
    Edit(#[from] super::EditError),
}
