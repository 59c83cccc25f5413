//! Committing a model's predictions as the suggestions pseudo-coder's
//! annotations. Unlike a coder's own annotations, suggestions of a
//! document are replaced by a new import (the model was run again), all
//! or nothing.

use super::SUGGESTIONS_CODER;
use crate::import::{AnnotatedDoc, AnnotatedReport, ImportError, commit_annotated_replacing};
use crate::store::ProjectDir;

/// Adds `docs` as suggestions to the project in `dir`: documents are
/// matched by text (or added), and the suggestions each matched document
/// had before are replaced (the previous file stays as its backup, so
/// `restore` brings the earlier predictions back). Nothing changes if the
/// import fails.
pub fn commit_suggestions(
    dir: &mut ProjectDir,
    docs: Vec<AnnotatedDoc>,
) -> Result<AnnotatedReport, ImportError> {
    commit_annotated_replacing(dir, SUGGESTIONS_CODER, docs)
}
