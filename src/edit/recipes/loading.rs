//! Loading every annotation set, so that project-wide edits (renaming a
//! label, merging actors) reach files that are not open in the window.

use crate::edit::{SetKey, Workspace};
use crate::store::StoreError;

/// Loads every coder's set of every document (coders listed in
/// `project.ron` and any found on disk). Keeps going past unreadable files
/// and returns their errors; an empty result means everything is loaded.
pub fn load_all_sets(ws: &mut Workspace) -> Vec<StoreError> {
    let coders = match ws.dir().all_coders() {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let docs: Vec<String> = ws
        .project()
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let mut failed = Vec::new();
    for coder in &coders {
        for doc in &docs {
            if let Err(e) = ws.load(&SetKey::new(coder, doc)) {
                failed.push(e);
            }
        }
    }
    failed
}

/// Whether every set of the coders listed in `project.ron` is loaded. Reads
/// nothing from disk, so it is cheap enough to ask every frame; coders found
/// only on disk are not considered.
pub fn all_sets_loaded(ws: &Workspace) -> bool {
    let p = ws.project();
    p.coders.iter().all(|c| {
        p.documents
            .iter()
            .all(|d| ws.set(&SetKey::new(c, &d.id)).is_some())
    })
}
