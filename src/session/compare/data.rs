//! What the compare view shows, computed from the workspace: the agreement
//! report over the documents both coders annotated, and per document the
//! comparison (agreed pairs and classified disagreements), its decision log
//! and the adjudication progress. Refreshed when the coders change, when
//! asked, and (comparisons and progress only) after every edit.

use crate::agreement::{
    AgreementInput, AgreementReport, DecisionLog, DocPair, DocumentComparison, ReportOptions,
    compare_sets_named, compute, has_annotated, load_log, progress,
};
use crate::edit::{SetKey, Workspace};
use crate::model::AnnotationSet;
use std::collections::HashMap;

/// One document both coders annotated.
#[derive(Clone, Debug)]
pub struct DocRow {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Agreed pairs and disagreements.
    pub comparison: DocumentComparison,
    /// (resolved, total) disagreements.
    pub progress: (usize, usize),
}

/// Everything computed for one choice of coders.
#[derive(Debug, Default)]
pub struct CompareData {
    /// Figures over all shared documents (`None` when there are none).
    pub report: Option<AgreementReport>,
    /// Shared documents in project order.
    pub rows: Vec<DocRow>,
    /// Texts of the shared documents.
    pub texts: HashMap<String, String>,
    /// Decision logs by document.
    pub logs: HashMap<String, DecisionLog>,
    /// Problems met while loading (shown, never fatal).
    pub problems: Vec<String>,
    /// History revision the comparisons were computed at.
    pub revision: Option<u64>,
}

/// A copy of the set of `coder` for `doc` from the workspace, loading it if
/// needed; `None` if the file cannot be read (the problem is recorded).
fn set_of(
    ws: &mut Workspace,
    coder: &str,
    doc: &str,
    problems: &mut Vec<String>,
) -> Option<AnnotationSet> {
    match ws.load(&SetKey::new(coder, doc)) {
        Ok(s) => Some(s.clone()),
        Err(e) => {
            problems.push(e.to_string());
            None
        }
    }
}

impl CompareData {
    /// Everything, from scratch: which documents both coders annotated,
    /// their texts, the report, the logs, comparisons and progress.
    pub fn load(ws: &mut Workspace, coders: [&str; 2], gold: &str) -> CompareData {
        let mut data = CompareData::default();
        let docs: Vec<(String, String)> = ws
            .project()
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.title.clone()))
            .collect();
        let mut pairs = Vec::new();
        for (id, title) in docs {
            let a = set_of(ws, coders[0], &id, &mut data.problems);
            let b = set_of(ws, coders[1], &id, &mut data.problems);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if !has_annotated(Some(&a)) || !has_annotated(Some(&b)) {
                continue;
            }
            let text = match ws.dir().read_checked_text_of(&id) {
                Ok(t) => t,
                Err(e) => {
                    data.problems.push(e.to_string());
                    continue;
                }
            };
            match load_log(ws.dir().root(), gold, &id) {
                Ok(Some(log)) => {
                    data.logs.insert(id.clone(), log);
                }
                Ok(None) => {}
                Err(e) => data.problems.push(e.to_string()),
            }
            data.rows.push(DocRow {
                id: id.clone(),
                title,
                comparison: DocumentComparison::default(),
                progress: (0, 0),
            });
            data.texts.insert(id.clone(), text.clone());
            pairs.push(DocPair { id, text, a, b });
        }
        if !pairs.is_empty() {
            let input = AgreementInput {
                coders: [coders[0].to_string(), coders[1].to_string()],
                codebook: ws.project().codebook.clone(),
                documents: pairs,
            };
            data.report = Some(compute(&input, ReportOptions { per_document: true }));
        }
        data.refresh_rows(ws, coders, gold);
        data
    }

    /// Recomputes the comparisons and progress of every row from the sets
    /// as they are now (no report: that depends on A and B only).
    pub fn refresh_rows(&mut self, ws: &mut Workspace, coders: [&str; 2], gold: &str) {
        let ids: Vec<String> = self.rows.iter().map(|r| r.id.clone()).collect();
        for id in ids {
            self.refresh_row(ws, coders, gold, &id);
        }
        self.revision = Some(ws.history().revision());
    }

    /// Recomputes the comparison and progress of document `id`.
    pub fn refresh_row(&mut self, ws: &mut Workspace, coders: [&str; 2], gold: &str, id: &str) {
        let keys = [
            SetKey::new(coders[0], id),
            SetKey::new(coders[1], id),
            SetKey::new(gold, id),
        ];
        for k in &keys {
            if let Err(e) = ws.load(k) {
                self.problems.push(e.to_string());
            }
        }
        let (Some(a), Some(b), Some(g)) = (ws.set(&keys[0]), ws.set(&keys[1]), ws.set(&keys[2]))
        else {
            return;
        };
        let text = self.texts.get(id).map(String::as_str).unwrap_or("");
        let comparison = compare_sets_named(id, text, a, b, &ws.project().actors);
        let fresh;
        let log = match self.logs.get(id) {
            Some(l) => l,
            None => {
                fresh = DecisionLog::new(id, gold, coders);
                &fresh
            }
        };
        let done = progress(log, g, &comparison);
        if let Some(row) = self.rows.iter_mut().find(|r| r.id == id) {
            row.comparison = comparison;
            row.progress = done;
        }
    }

    /// The row of document `id`.
    pub fn row(&self, id: &str) -> Option<&DocRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}
