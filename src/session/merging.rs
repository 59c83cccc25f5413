//! File › Merge another copy…: the session's side of [`crate::merge`].

use super::Session;
use crate::merge::MergeReport;
use crate::store::ProjectDir;
use std::path::Path;

impl Session {
    /// Decides how the copy at `other` would merge into this project and
    /// writes nothing; the coder's pending edits are saved first (where
    /// the session may write) so the preview sees them.
    pub fn preview_merge(&mut self, other: &Path) -> Result<MergeReport, String> {
        if self.writable().is_ok() {
            self.save()
                .map_err(|e| format!("could not save before merging: {e}"))?;
        }
        let dir = ProjectDir::open(self.ws.dir().root()).map_err(|e| e.to_string())?;
        crate::merge::plan_merge(&dir, other)
            .map(|plan| plan.report)
            .map_err(|e| e.to_string())
    }

    /// Merges the copy at `other` into this project, all or nothing, after
    /// saving pending edits. Refused in a read-only session. Reopen the
    /// project afterwards so every set, actor and document is read again.
    pub fn merge_copy(&mut self, other: &Path) -> Result<MergeReport, String> {
        self.writable()?;
        self.save()
            .map_err(|e| format!("could not save before merging: {e}"))?;
        let mut dir = ProjectDir::open(self.ws.dir().root()).map_err(|e| e.to_string())?;
        crate::merge::merge(&mut dir, other).map_err(|e| e.to_string())
    }
}
