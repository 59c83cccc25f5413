//! What agreement is computed over, and loading it from a project folder.
//!
//! Loading (files) and scoring (a pure function of [`AgreementInput`]) are
//! separate, so the window can score sets it holds in memory and the
//! benchmark can time the two apart.
//!
//! A coder **has annotated** a document when their annotation file for it
//! exists and either its status is not "not started" or it holds at least
//! one span. Agreement is computed over the documents both coders have
//! annotated, in project order.

use crate::model::{AnnotationSet, Codebook, Status};
use crate::store::{ProjectDir, StoreError};
use crate::wording::quoted;
use std::path::PathBuf;

/// One document with both coders' annotations.
#[derive(Clone, Debug)]
pub struct DocPair {
    /// Document id.
    pub id: String,
    /// The document's text (offsets refer to it).
    pub text: String,
    /// Coder A's set.
    pub a: AnnotationSet,
    /// Coder B's set.
    pub b: AnnotationSet,
}

/// Everything the figures are computed from.
#[derive(Clone, Debug)]
pub struct AgreementInput {
    /// Coder A and coder B.
    pub coders: [String; 2],
    /// The project's codebook (labels, categories, attributes, roles).
    pub codebook: Codebook,
    /// The documents both have annotated, in project order.
    pub documents: Vec<DocPair>,
}

/// Why agreement cannot be computed.
#[derive(Debug, thiserror::Error)]
pub enum AgreeError {
    /// The project has no documents.
    #[error("{}: the project has no documents, so there is nothing to compare", path.display())]
    EmptyProject {
        /// The project folder.
        path: PathBuf,
    },
    /// A coder name the project does not know.
    #[error("unknown coder {}; the project's coders are: {}", quoted(.coder), list(known))]
    UnknownCoder {
        /// The name given.
        coder: String,
        /// The coders the project has.
        known: Vec<String>,
    },
    /// The same coder twice.
    #[error("coder {} was given twice; agreement compares different coders", quoted(.0))]
    SameCoder(String),
    /// Fewer than two coders.
    #[error("agreement needs at least two coders")]
    TooFewCoders,
    /// No document annotated by both.
    #[error(
        "{} and {} have not both annotated any document (a coder has annotated a document \
         when its annotation file exists and is started or has spans), so there is nothing to compare",
        quoted(.a),
        quoted(.b)
    )]
    NoSharedDocuments {
        /// Coder A.
        a: String,
        /// Coder B.
        b: String,
    },
    /// No document annotated by at least two of several coders.
    #[error(
        "no document has been annotated by at least two of {} (a coder has annotated a document \
         when its annotation file exists and is started or has spans), so there is nothing to compare",
        list(.coders)
    )]
    NoTeamDocuments {
        /// The coders given.
        coders: Vec<String>,
    },
    /// A file could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_string()
    } else {
        names.join(", ")
    }
}

/// The text of `entry`, after the checks `export` makes too: the text is
/// the one the offsets were made on, and every span of `sets` lies in it.
pub(crate) fn checked_text<'a>(
    dir: &ProjectDir,
    entry: &crate::model::DocumentEntry,
    sets: impl IntoIterator<Item = &'a AnnotationSet>,
) -> Result<String, AgreeError> {
    let text = dir.read_checked_text(entry)?;
    let chars = crate::text::char_len(&text);
    for set in sets {
        dir.check_ranges(set, chars)?;
    }
    Ok(text)
}

/// Whether a coder's set (`None`: no file) counts as annotated.
pub fn has_annotated(set: Option<&AnnotationSet>) -> bool {
    set.is_some_and(|s| s.status != Status::NotStarted || !s.spans.is_empty())
}

/// Checks the two coder names against the project: both known, different,
/// and the project not empty.
pub fn check_coders(dir: &ProjectDir, a: &str, b: &str) -> Result<(), AgreeError> {
    check_team(dir, &[a, b])
}

/// Checks two or more coder names against the project: all known, none
/// given twice, and the project not empty.
pub fn check_team<S: AsRef<str>>(dir: &ProjectDir, coders: &[S]) -> Result<(), AgreeError> {
    if dir.project.documents.is_empty() {
        return Err(AgreeError::EmptyProject {
            path: dir.root().to_path_buf(),
        });
    }
    let known = dir.all_coders()?;
    for c in coders.iter().map(AsRef::as_ref) {
        if !known.iter().any(|k| k == c) {
            return Err(AgreeError::UnknownCoder {
                coder: c.to_string(),
                known,
            });
        }
    }
    for (i, c) in coders.iter().enumerate() {
        if coders[..i].iter().any(|d| d.as_ref() == c.as_ref()) {
            return Err(AgreeError::SameCoder(c.as_ref().to_string()));
        }
    }
    if coders.len() < 2 {
        return Err(AgreeError::TooFewCoders);
    }
    Ok(())
}

/// Reads the texts and both coders' sets of every document both have
/// annotated. Fails on the first file that cannot be read, naming it.
pub fn load(dir: &ProjectDir, a: &str, b: &str) -> Result<AgreementInput, AgreeError> {
    check_coders(dir, a, b)?;
    let mut documents = Vec::new();
    for entry in &dir.project.documents {
        let set_a = dir.load_set(a, &entry.id)?;
        if !has_annotated(set_a.as_ref()) {
            continue;
        }
        let set_b = dir.load_set(b, &entry.id)?;
        if !has_annotated(set_b.as_ref()) {
            continue;
        }
        if let (Some(sa), Some(sb)) = (set_a, set_b) {
            let text = checked_text(dir, entry, [&sa, &sb])?;
            documents.push(DocPair {
                id: entry.id.clone(),
                text,
                a: sa,
                b: sb,
            });
        }
    }
    if documents.is_empty() {
        return Err(AgreeError::NoSharedDocuments {
            a: a.to_string(),
            b: b.to_string(),
        });
    }
    Ok(AgreementInput {
        coders: [a.to_string(), b.to_string()],
        codebook: dir.project.codebook.clone(),
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, SpanId};

    #[test]
    fn annotated_means_started_or_with_spans() {
        assert!(!has_annotated(None));
        let mut s = AnnotationSet::new("d", "c");
        assert!(!has_annotated(Some(&s)));
        s.status = Status::Done;
        assert!(has_annotated(Some(&s)));
        s.status = Status::NotStarted;
        s.spans.push(Span::new(SpanId(1), 0, 1, "Person"));
        assert!(has_annotated(Some(&s)));
    }
}
