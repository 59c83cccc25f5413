//! Choosing ids for new documents: filesystem-safe, unique in the project
//! index, and not already used by a file in `documents/` (a text left by an
//! interrupted import must never be overwritten or adopted).

use crate::model::{Project, safe_name};
use crate::store::ProjectDir;
use std::collections::HashSet;

/// Room left for a `-N` suffix under the safe-name length limit.
const MAX_BASE_CHARS: usize = 70;

/// Hands out document ids for one import, remembering those given so far
/// (a batch of many thousand rows stays fast).
#[derive(Clone, Debug)]
pub struct IdAllocator {
    taken: HashSet<String>,
}

impl IdAllocator {
    /// An allocator that avoids the ids `project` already has.
    pub fn new(project: &Project) -> IdAllocator {
        IdAllocator {
            taken: project.documents.iter().map(|d| d.id.clone()).collect(),
        }
    }

    /// A new id made from `wanted` that no document and no file in `dir`'s
    /// documents folder uses; it counts as taken from now on.
    pub fn allocate(&mut self, dir: &ProjectDir, wanted: &str) -> String {
        let mut base = safe_name(wanted, "doc");
        base.truncate(MAX_BASE_CHARS);
        let base = base.trim_end_matches(['-', '.']).to_string();
        let base = if base.is_empty() {
            "doc".to_string()
        } else {
            base
        };
        let free = |id: &str| {
            !self.taken.contains(id) && dir.text_path(id).map(|p| !p.exists()).unwrap_or(false)
        };
        let id = if free(&base) {
            base
        } else {
            (2u64..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| free(id))
                .unwrap_or(base)
        };
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Codebook, is_safe_name};

    #[test]
    fn avoids_index_batch_and_stray_files_and_stays_safe() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ProjectDir::create(tmp.path(), "p", Codebook::default_media()).unwrap();
        dir.write_text("report", "stray").unwrap();
        let mut ids = IdAllocator::new(&dir.project);
        assert_eq!(ids.allocate(&dir, "Report"), "report-2");
        assert_eq!(ids.allocate(&dir, "Report"), "report-3");
        assert_eq!(ids.allocate(&dir, "../中文"), "doc");
        let long = ids.allocate(&dir, &"x".repeat(300));
        assert!(is_safe_name(&long) && long.len() <= MAX_BASE_CHARS);
    }
}
