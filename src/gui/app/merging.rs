//! File › Merge another copy…: preview the merge of a picked folder, and
//! apply it when the analyst says Merge.

use super::NewscoderApp;
use crate::gui::merge_dialog::MergeChoice;
use crate::gui::modal::{MergePreview, Modal};
use std::path::Path;

impl NewscoderApp {
    /// Decides the merge of the copy at `other` and shows every decision
    /// (nothing is written yet); a refusal is shown as an error.
    pub fn preview_merge(&mut self, other: &Path) {
        let Some(s) = &mut self.session else {
            return;
        };
        match s.preview_merge(other) {
            Ok(report) => self.modals.push(Modal::MergePreview(MergePreview {
                other: other.to_path_buf(),
                lines: report.lines(),
                changes_nothing: report.changes_nothing(),
            })),
            Err(e) => self.show_error("Cannot merge this copy", e),
        }
    }

    /// The merge preview shown, if any.
    pub fn merge_preview(&self) -> Option<&MergePreview> {
        self.modals.find(|m| match m {
            Modal::MergePreview(p) => Some(p),
            _ => None,
        })
    }

    /// Acts on the answer to the merge preview.
    pub(super) fn merge_choice(&mut self, choice: MergeChoice) {
        if choice == MergeChoice::Undecided {
            return;
        }
        let Some(preview) = self.modals.take(|m| match m {
            Modal::MergePreview(p) => Some(p.clone()),
            _ => None,
        }) else {
            return;
        };
        if choice == MergeChoice::Merge {
            self.merge_copy(&preview.other);
        }
    }

    /// Merges the copy at `other` and opens the project again so every
    /// view sees what came in; the result goes to the status line.
    pub fn merge_copy(&mut self, other: &Path) {
        let Some(s) = &mut self.session else {
            return;
        };
        let document = self.doc.as_ref().map(|d| d.key.document.clone());
        let root = s.root();
        match s.merge_copy(other) {
            Ok(report) => {
                if !self.reopen_project(&root, document) {
                    return;
                }
                let mut pairs: Vec<String> = report
                    .conflicts()
                    .filter_map(|c| match &c.outcome {
                        crate::merge::SetOutcome::Conflict { kept_as, .. } => {
                            Some(format!("{} with {kept_as}", c.coder))
                        }
                        _ => None,
                    })
                    .collect();
                pairs.dedup();
                let name = other.file_name().unwrap_or(other.as_os_str());
                let mut status = format!("Merged {}: {}", name.to_string_lossy(), report.summary());
                if !pairs.is_empty() {
                    status.push_str(&format!(" — compare {}", pairs.join(", ")));
                }
                self.set_status(status, false);
            }
            Err(e) => self.show_error("Merge failed; nothing was written", e),
        }
    }
}
