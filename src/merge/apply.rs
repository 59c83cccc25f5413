//! Writing a decided merge into the project, all or nothing.

use super::error::MergeError;
use super::plan::{MergePlan, plan_merge};
use super::report::MergeReport;
use crate::agreement::log_path;
use crate::store::{
    ANNOTATIONS_DIR, Change, ProjectDir, StoreError, WriteLock, read_plain, to_ron,
};
use std::path::{Path, PathBuf};

/// Merges the copy at `other` into the project in `dir`: decides again
/// under the project's write lock (on the project as it is now, migrated to
/// the current format first), then writes new texts, annotation sets,
/// decision logs and actor files and finally `project.ron` as one
/// [`Change`]. On any error nothing is written; `other` is only read.
pub fn merge(dir: &mut ProjectDir, other: &Path) -> Result<MergeReport, MergeError> {
    let _lock = WriteLock::acquire(dir.root())?;
    dir.reload()?;
    // Decide first: a refused merge leaves even an old-format project as
    // it was.
    plan_merge(dir, other)?;
    dir.migrate_if_needed()?;
    let plan = plan_merge(dir, other)?;
    let report = plan.report.clone();
    let before = dir.project.clone();
    let result = write(dir, plan);
    if let Err(e) = result {
        dir.project = before;
        return Err(e.into());
    }
    Ok(report)
}

fn write(dir: &mut ProjectDir, plan: MergePlan) -> Result<(), StoreError> {
    let root = dir.root().to_path_buf();
    dir.project = plan.project;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for (id, text) in &plan.texts {
        let path = dir.text_path(id)?;
        dir.ensure_inside(&path)?;
        files.push((path, text.clone()));
    }
    for set in &plan.sets {
        files.push(dir.set_file(set)?);
    }
    for log in &plan.logs {
        let path = log_path(&root, &log.gold, &log.document)?;
        dir.ensure_inside(&path)?;
        let text = to_ron(log, 4, &path)?;
        files.push((path, text));
    }
    // The merge only adds or unites actors; it never removes one.
    for (path, text) in dir.actor_changes()? {
        if let Some(text) = text {
            files.push((path, text));
        }
    }
    let index = dir.project_text()?;
    let index_changed = read_plain(&dir.project_file()).ok().as_deref() != Some(index.as_bytes());
    if !files.is_empty() || index_changed {
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        let index = index_changed.then_some(index.as_str());
        let mut change = Change::begin(&root, &paths, index)?;
        for (path, text) in &files {
            change.write_new(path, text.as_bytes())?;
        }
        change.commit(index)?;
        dir.actors_saved();
    }
    // Coders of the other copy who have no set yet still are coders: their
    // folder is what makes them one.
    for coder in dir.project.coders.clone() {
        if !root.join(ANNOTATIONS_DIR).join(&coder).is_dir() {
            dir.add_coder(&coder)?;
        }
    }
    Ok(())
}
