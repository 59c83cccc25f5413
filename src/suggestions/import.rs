//! Committing a model's predictions as the suggestions pseudo-coder's
//! annotations. Unlike a coder's own annotations, suggestions of a
//! document are replaced by a new import (the model was run again), all
//! or nothing: if the import fails, the earlier suggestions are put back.

use super::SUGGESTIONS_CODER;
use crate::import::{AnnotatedDoc, AnnotatedReport, ImportError, commit_annotated};
use crate::model::AnnotationSet;
use crate::store::ProjectDir;
use crate::text::text_hash;
use std::collections::HashMap;

/// Adds `docs` as suggestions to the project in `dir`: documents are
/// matched by text (or added), and the suggestions each matched document
/// had before are replaced. Nothing changes if the import fails.
pub fn commit_suggestions(
    dir: &mut ProjectDir,
    docs: Vec<AnnotatedDoc>,
) -> Result<AnnotatedReport, ImportError> {
    let by_hash: HashMap<&str, &str> = dir
        .project
        .documents
        .iter()
        .map(|d| (d.text_hash.as_str(), d.id.as_str()))
        .collect();
    let mut replaced: Vec<AnnotationSet> = Vec::new();
    for doc in &docs {
        let Some(id) = by_hash.get(text_hash(&doc.text).as_str()) else {
            continue;
        };
        if let Some(set) = dir.load_set(SUGGESTIONS_CODER, id)?
            && !set.spans.is_empty()
            && !replaced.iter().any(|r| r.document == set.document)
        {
            replaced.push(set);
        }
    }
    // commit_annotated never overwrites a non-empty set with different
    // spans; emptying the old suggestions first lets the new ones in.
    let mut emptied = Vec::new();
    for old in &replaced {
        let result = dir.save_set(&AnnotationSet::new(&old.document, &old.coder));
        if let Err(e) = result {
            restore(dir, &emptied);
            return Err(e.into());
        }
        emptied.push(old.clone());
    }
    match commit_annotated(dir, SUGGESTIONS_CODER, docs) {
        Ok(report) => Ok(report),
        Err(e) => {
            restore(dir, &replaced);
            Err(e)
        }
    }
}

/// Puts earlier suggestion sets back after a failed import. A failure
/// here is not reported over the import's own error, which is the cause.
fn restore(dir: &ProjectDir, sets: &[AnnotationSet]) {
    for set in sets {
        let _ = dir.save_set(set);
    }
}
