//! Counts of a project: spans per coder and label, status per coder and
//! document. Used by `newscoder stats` and the window.

use crate::model::{AnnotationSet, Status};
use crate::store::{ProjectDir, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many documents a coder has in each status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Not started (including documents without an annotation file).
    pub not_started: usize,
    /// In progress.
    pub in_progress: usize,
    /// Done.
    pub done: usize,
}

impl StatusCounts {
    /// Counts one more document in `status`.
    pub fn add(&mut self, status: Status) {
        match status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
        }
    }
}

/// One coder's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CoderStats {
    /// Spans over all documents.
    pub spans: usize,
    /// Spans per label.
    pub labels: BTreeMap<String, usize>,
    /// Documents per status.
    pub status: StatusCounts,
}

/// One coder's figures on one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentCoderStats {
    /// Spans.
    pub spans: usize,
    /// Status name (`not_started`, `in_progress`, `done`).
    pub status: &'static str,
}

/// Everything `newscoder stats` reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProjectStats {
    /// Number of documents.
    pub documents: usize,
    /// Per coder.
    pub coders: BTreeMap<String, CoderStats>,
    /// Spans per label over all coders.
    pub labels: BTreeMap<String, usize>,
    /// Per document, per coder.
    pub per_document: BTreeMap<String, BTreeMap<String, DocumentCoderStats>>,
}

impl ProjectStats {
    /// Adds one annotation set to the counts.
    pub fn add_set(&mut self, set: &AnnotationSet) {
        let coder = self.coders.entry(set.coder.clone()).or_default();
        coder.spans += set.spans.len();
        coder.status.add(set.status);
        for s in &set.spans {
            *coder.labels.entry(s.label.clone()).or_default() += 1;
            *self.labels.entry(s.label.clone()).or_default() += 1;
        }
        self.per_document
            .entry(set.document.clone())
            .or_default()
            .insert(
                set.coder.clone(),
                DocumentCoderStats {
                    spans: set.spans.len(),
                    status: set.status.as_str(),
                },
            );
    }
}

/// Reads every annotation file of the project and counts.
pub fn project_stats(dir: &ProjectDir) -> Result<ProjectStats, StoreError> {
    let mut stats = ProjectStats {
        documents: dir.project.documents.len(),
        ..ProjectStats::default()
    };
    for coder in dir.all_coders()? {
        stats.coders.entry(coder.clone()).or_default();
        for doc in &dir.project.documents {
            let set = dir.load_set_or_new(&coder, &doc.id)?;
            stats.add_set(&set);
        }
    }
    Ok(stats)
}
