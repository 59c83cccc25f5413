//! The project as a whole: name, format version, codebook and document list
//! (what `project.ron` holds), the actor registry (one file per actor under
//! `actors/`) and the coders (the folders under `annotations/`).

use super::{ActorRegistry, Codebook, DocumentEntry};
use serde::{Deserialize, Serialize};

/// The version of the on-disk format this build writes. Files with a higher
/// version are refused rather than misread; lower ones are migrated.
///
/// - 1: actors and coders listed in `project.ron`, actor ids numbered,
///   one link per role.
/// - 2: actors in `actors/<id>.ron` with collision-free ids, coders are the
///   folders under `annotations/`, links hold lists, roles say whether they
///   take one span or many, document variables and codes.
pub const FORMAT_VERSION: u32 = 2;

/// A project: what `project.ron` holds plus the actor registry and the
/// coders, which the store reads from their own files and folders (they
/// are never written to `project.ron`, so coders and actors added on
/// different machines never touch the same bytes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// On-disk format version.
    pub format_version: u32,
    /// Display name.
    pub name: String,
    /// What may be coded.
    pub codebook: Codebook,
    /// Canonical actors (from `actors/`; format version 1 kept them here,
    /// which is why they are still read from `project.ron`).
    #[serde(default, skip_serializing)]
    pub actors: ActorRegistry,
    /// Coders of the project: the folders under `annotations/`, plus any
    /// added in this session that have not saved yet (format version 1
    /// listed them here).
    #[serde(default, skip_serializing)]
    pub coders: Vec<String>,
    /// Documents in display order.
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
}

impl Project {
    /// An empty project with the given codebook.
    pub fn new(name: &str, codebook: Codebook) -> Project {
        Project {
            format_version: FORMAT_VERSION,
            name: name.to_string(),
            codebook,
            actors: ActorRegistry::default(),
            coders: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// The document with id `id`.
    pub fn document(&self, id: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document whose text has hash `hash`.
    pub fn document_with_hash(&self, hash: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.text_hash == hash)
    }

    /// Records `coder` as a coder of the project if it is new.
    pub fn add_coder(&mut self, coder: &str) {
        if !self.coders.iter().any(|c| c == coder) {
            self.coders.push(coder.to_string());
        }
    }

    /// A document id based on `wanted` that no document has yet.
    pub fn unique_document_id(&self, wanted: &str) -> String {
        // Leave room for a "-NNN" suffix within the safe-name length limit.
        let mut base = super::safe_name(wanted, "doc");
        base.truncate(70);
        let base = base.trim_end_matches(['-', '.']).to_string();
        if self.document(&base).is_none() {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.document(id).is_none())
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_stay_safe_even_for_long_titles() {
        let mut p = Project::new(
            "p",
            Codebook {
                revision: 0,
                categories: vec![],
                variables: vec![],
            },
        );
        let long = "word ".repeat(50);
        for _ in 0..3 {
            let id = p.unique_document_id(&long);
            assert!(super::super::is_safe_name(&id), "{id}");
            p.documents.push(crate::model::DocumentEntry {
                id,
                title: String::new(),
                meta: Default::default(),
                text_hash: String::new(),
                chars: 0,
            });
        }
        assert_eq!(p.documents[2].id.rsplit('-').next(), Some("3"));
    }
}
