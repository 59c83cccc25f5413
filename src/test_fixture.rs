//! The one-document test project the unit tests share: a project with the
//! media codebook, document `d1` of [`TEXT`] and actor 1, Nicolas Maduro.
//! Tests that need more (other documents, coders, texts) start from
//! [`empty_project`] and add them with the same helpers.

use crate::model::{Actor, ActorId, ActorKind, Codebook, DocumentEntry, Metadata};
use crate::store::ProjectDir;
use crate::text::text_hash;
use std::path::Path;

/// The text of the shared document.
pub const TEXT: &str = "Maduro calls Guaido a puppet.";

/// The id of the shared document.
pub const DOC: &str = "d1";

/// An empty project called `t` with the media codebook, created in `root`.
pub fn empty_project(root: &Path) -> ProjectDir {
    ProjectDir::create(root, "t", Codebook::default_media()).expect("test project")
}

/// Adds document `id` with `text` and `title` to `dir`: the text file is
/// written, the entry listed (`project.ron` is not saved).
pub fn add_document(dir: &mut ProjectDir, id: &str, title: &str, text: &str) {
    dir.write_text(id, text).expect("test document");
    dir.project.documents.push(DocumentEntry {
        id: id.into(),
        title: title.into(),
        meta: Metadata::default(),
        text_hash: text_hash(text),
        chars: text.chars().count(),
    });
}

/// Actor 1, the person Nicolas Maduro, known by `aliases`.
pub fn maduro(aliases: &[&str]) -> Actor {
    Actor {
        id: ActorId(1),
        name: "Nicolas Maduro".into(),
        kind: ActorKind::Person,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        attributes: Default::default(),
    }
}

/// The shared project in `root`: document [`DOC`] of [`TEXT`] (titled
/// "T") and actor 1 (Nicolas Maduro, alias "Maduro"); `project.ron` saved,
/// no annotation sets yet.
pub fn one_document(root: &Path) -> ProjectDir {
    let mut dir = empty_project(root);
    add_document(&mut dir, DOC, "T", TEXT);
    dir.project.actors.put(maduro(&["Maduro"]));
    dir.save_project().expect("test project saved");
    dir
}
