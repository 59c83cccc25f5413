//! The project index: name, format version, codebook, actor registry, coders
//! and the document list — everything in `project.ron`.

use super::{ActorRegistry, Codebook, DocumentEntry};
use serde::{Deserialize, Serialize};

/// The version of the on-disk format this build writes. Files with a higher
/// version are refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The contents of `project.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// On-disk format version.
    pub format_version: u32,
    /// Display name.
    pub name: String,
    /// What may be coded.
    pub codebook: Codebook,
    /// Canonical actors.
    #[serde(default)]
    pub actors: ActorRegistry,
    /// Coders known to the project (each has `annotations/<coder>/`).
    #[serde(default)]
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
        let base = super::safe_name(wanted, "doc");
        if self.document(&base).is_none() {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.document(id).is_none())
            .unwrap_or(base)
    }
}
