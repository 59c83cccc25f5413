//! The checks every command that reads coding for figures or datasets
//! makes before using it (`export`, `agree`): a text is the one the offsets
//! were made on, and every span lies inside it. One place, so the commands
//! cannot disagree on what they accept (`validate` lists the same problems
//! without stopping).

use super::{ProjectDir, StoreError};
use crate::model::{AnnotationSet, DocumentEntry};
use crate::text::text_hash;
use crate::wording::count;

impl ProjectDir {
    /// The text of `entry`, refused if it no longer matches the hash
    /// recorded at import (its offsets would point at other characters).
    pub fn read_checked_text(&self, entry: &DocumentEntry) -> Result<String, StoreError> {
        let text = self.read_text(&entry.id)?;
        if text_hash(&text) != entry.text_hash {
            return Err(StoreError::Invalid {
                path: self.text_path(&entry.id)?,
                message: "text has changed since import (its hash differs from project.ron), so \
                          the offsets no longer fit; run `newscoder validate`"
                    .into(),
            });
        }
        Ok(text)
    }

    /// The text of document `id` of the project, checked as
    /// [`ProjectDir::read_checked_text`] does.
    pub fn read_checked_text_of(&self, id: &str) -> Result<String, StoreError> {
        let entry = self
            .project
            .document(id)
            .ok_or_else(|| StoreError::Invalid {
                path: self.project_file(),
                message: format!("lists no document {}", crate::wording::quoted(id)),
            })?;
        self.read_checked_text(entry)
    }

    /// Refuses `set` if a span's range is empty, reversed or past the end
    /// of its text of `chars` characters.
    pub fn check_ranges(&self, set: &AnnotationSet, chars: usize) -> Result<(), StoreError> {
        match set.spans.iter().find(|s| s.start >= s.end || s.end > chars) {
            None => Ok(()),
            Some(s) => Err(StoreError::Invalid {
                path: self.set_path(&set.coder, &set.document)?,
                message: format!(
                    "span {} has range {}..{}, outside the text ({}); run `newscoder validate`",
                    s.id.0,
                    s.start,
                    s.end,
                    count(chars, "character", "characters")
                ),
            }),
        }
    }
}
