//! Listed actors into a project folder: under the project's write lock, on
//! the registry as it is on disk now, all or nothing. Only the actor files
//! that change are written (`ProjectDir::save_project`), so a list imported
//! twice writes nothing the second time.

use super::merge::{ListedActor, MergeOutcome, merge_listed};
use crate::import::{ImportError, InputProblem};
use crate::store::{ProjectDir, WriteLock};

/// A listed actor and where it comes from (`FILE:LINE`, or the command
/// line), for messages.
pub type ListedAt = (String, ListedActor);

/// Merges `listed` into the project's registry in order and saves it.
/// Returns each entry's outcome, in the same order. If any entry cannot be
/// placed, every such problem is returned and nothing is written.
pub fn apply_listed(
    dir: &mut ProjectDir,
    listed: &[ListedAt],
) -> Result<Vec<MergeOutcome>, ImportError> {
    let _lock = WriteLock::acquire(dir.root())?;
    dir.reload()?;
    dir.migrate_if_needed()?;
    let mut registry = dir.project.actors.clone();
    let mut outcomes = Vec::with_capacity(listed.len());
    let mut problems = Vec::new();
    for (origin, actor) in listed {
        match merge_listed(&mut registry, actor) {
            Ok(outcome) => outcomes.push(outcome),
            Err(message) => problems.push(InputProblem::new(origin.clone(), message)),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let before = std::mem::replace(&mut dir.project.actors, registry);
    if let Err(e) = dir.save_project() {
        dir.project.actors = before;
        return Err(e.into());
    }
    Ok(outcomes)
}
