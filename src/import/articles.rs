//! Importing article files into a project: read every file, skip texts the
//! project (or the batch) already has, choose ids, write the texts and save
//! `project.ron` once at the end. Split into read / plan / write / apply so
//! that both a bare project folder and the window's workspace can use it.

use super::article::Article;
use super::doc_ids::IdAllocator;
use super::error::ImportError;
use super::format::Format;
use super::limits::{Limits, human_size};
use super::read::read_article_file;
use super::report::{ImportReport, ImportedDoc, SkipReason, Skipped};
use crate::edit::Workspace;
use crate::model::{DocumentEntry, Project};
use crate::store::{Change, ProjectDir, StoreError};
use crate::text::{char_len, text_hash};
use std::collections::HashMap;
use std::path::PathBuf;

/// New documents decided on, with their texts, not yet written.
#[derive(Clone, Debug, Default)]
pub struct ArticlePlan {
    /// Index entries and texts of the documents to add.
    pub documents: Vec<(DocumentEntry, String)>,
    /// What will have happened once the plan is carried out.
    pub report: ImportReport,
}

/// Reads `paths` (in `format`, or each by its extension) and decides which
/// documents to add to `dir`'s project. Touches nothing on disk.
pub fn plan_articles(
    dir: &ProjectDir,
    paths: &[PathBuf],
    format: Option<Format>,
    limits: &Limits,
) -> ArticlePlan {
    let mut plan = ArticlePlan::default();
    plan.report.files = paths.len();
    let mut ids = IdAllocator::new(&dir.project);
    let existing: HashMap<&str, &str> = dir
        .project
        .documents
        .iter()
        .map(|d| (d.text_hash.as_str(), d.id.as_str()))
        .collect();
    let mut seen: HashMap<String, (String, String)> = HashMap::new();
    // The texts held for writing, over all files: bounded by the batch
    // limit, so many files just under the article limit cannot add up to
    // gigabytes.
    let mut held: u64 = 0;
    for path in paths {
        if held >= limits.batch_bytes {
            plan.report.failed_files.push(path.display().to_string());
            plan.report.skipped.push(Skipped {
                origin: path.display().to_string(),
                reason: SkipReason::Refused(batch_full(limits)),
            });
            continue;
        }
        let read = read_article_file(path, format, limits);
        if read.articles.is_empty() && !read.errors.is_empty() {
            plan.report.failed_files.push(path.display().to_string());
        }
        plan.report.warnings.extend(read.warnings);
        for e in read.errors {
            plan.report.skipped.push(Skipped {
                origin: e.origin,
                reason: SkipReason::Refused(e.message),
            });
        }
        for article in read.articles {
            let hash = text_hash(&article.text);
            if let Some(document) = existing.get(hash.as_str()) {
                plan.report.skipped.push(Skipped {
                    origin: article.origin,
                    reason: SkipReason::AlreadyInProject {
                        document: document.to_string(),
                    },
                });
                continue;
            }
            if let Some((first, document)) = seen.get(&hash) {
                plan.report.skipped.push(Skipped {
                    origin: article.origin,
                    reason: SkipReason::DuplicateInBatch {
                        first: first.clone(),
                        document: document.clone(),
                    },
                });
                continue;
            }
            if held + article.text.len() as u64 > limits.batch_bytes {
                held = limits.batch_bytes;
                plan.report.skipped.push(Skipped {
                    origin: article.origin,
                    reason: SkipReason::Refused(batch_full(limits)),
                });
                continue;
            }
            held += article.text.len() as u64;
            let entry = new_entry(dir, &mut ids, &article, hash.clone());
            seen.insert(hash, (article.origin.clone(), entry.id.clone()));
            plan.report.imported.push(ImportedDoc {
                id: entry.id.clone(),
                title: entry.title.clone(),
                origin: article.origin,
            });
            plan.documents.push((entry, article.text));
        }
    }
    plan
}

/// Why a file or article past the batch limit is left out.
fn batch_full(limits: &Limits) -> String {
    format!(
        "left out: this import already holds {} of text, the most one run takes; \
         import the rest in another run",
        human_size(limits.batch_bytes)
    )
}

fn new_entry(
    dir: &ProjectDir,
    ids: &mut IdAllocator,
    article: &Article,
    text_hash: String,
) -> DocumentEntry {
    let wanted = article
        .id
        .as_deref()
        .filter(|id| !id.trim().is_empty())
        .unwrap_or(&article.id_hint);
    DocumentEntry {
        id: ids.allocate(dir, wanted),
        title: article.title.clone(),
        meta: article.meta.clone(),
        text_hash,
        chars: char_len(&article.text),
    }
}

impl ArticlePlan {
    /// Writes the new texts. On failure, removes the ones it wrote.
    pub fn write_texts(&self, dir: &ProjectDir) -> Result<(), StoreError> {
        for (i, (entry, text)) in self.documents.iter().enumerate() {
            if let Err(e) = dir.write_text(&entry.id, text) {
                self.remove_texts(dir, i);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Removes the first `n` texts of the plan (undoing `write_texts`).
    fn remove_texts(&self, dir: &ProjectDir, n: usize) {
        for (entry, _) in &self.documents[..n] {
            if let Ok(p) = dir.text_path(&entry.id) {
                // Best effort: a text without an index entry is harmless,
                // and new ids never reuse its name.
                let _ = std::fs::remove_file(p);
            }
        }
    }

    /// Adds the new documents to the index and returns the report.
    pub fn apply(self, project: &mut Project) -> ImportReport {
        project
            .documents
            .extend(self.documents.into_iter().map(|(entry, _)| entry));
        self.report
    }
}

/// Imports article files into the project folder: texts are written, then
/// `project.ron` is saved once. Bad files are reported in the result and do
/// not stop the others; only a failure to write the project is an error (and
/// then the project is left as it was).
pub fn import_articles(
    dir: &mut ProjectDir,
    paths: &[PathBuf],
    format: Option<Format>,
) -> Result<ImportReport, ImportError> {
    import_articles_with(dir, paths, format, &Limits::default())
}

/// [`import_articles`] with explicit size limits.
pub fn import_articles_with(
    dir: &mut ProjectDir,
    paths: &[PathBuf],
    format: Option<Format>,
    limits: &Limits,
) -> Result<ImportReport, ImportError> {
    // Under the write lock, on the index as it is now: another import may
    // have added documents since the project was opened.
    let _lock = crate::store::WriteLock::acquire(dir.root())?;
    dir.reload()?;
    dir.migrate_if_needed()?;
    let plan = plan_articles(dir, paths, format, limits);
    if plan.documents.is_empty() {
        return Ok(plan.report);
    }
    // The texts and the index as one change: a killed import leaves no
    // text behind (the next command removes it), so importing again gives
    // the same ids.
    let mut files = Vec::with_capacity(plan.documents.len());
    for (entry, _) in &plan.documents {
        files.push(dir.text_path(&entry.id)?);
    }
    let mut project = dir.project.clone();
    project
        .documents
        .extend(plan.documents.iter().map(|(entry, _)| entry.clone()));
    let before = std::mem::replace(&mut dir.project, project);
    let result = dir.project_text().and_then(|index| {
        let mut change = Change::begin(dir.root(), &files, Some(&index))?;
        for (path, (_, text)) in files.iter().zip(&plan.documents) {
            dir.ensure_inside(path)?;
            change.write_new(path, text.as_bytes())?;
        }
        change.commit(Some(&index))
    });
    if let Err(e) = result {
        dir.project = before;
        return Err(e.into());
    }
    Ok(plan.report)
}

/// Imports article files into an open workspace: the texts are written now,
/// the index changes are marked unsaved and written by the next
/// `Workspace::save` (ids never reuse a text file's name, so an unsaved
/// import cannot be clobbered by a later one).
pub fn import_articles_into(
    ws: &mut Workspace,
    paths: &[PathBuf],
    format: Option<Format>,
) -> Result<ImportReport, ImportError> {
    // Not while another process imports: it could choose the same ids.
    let _lock = crate::store::WriteLock::acquire(ws.dir().root())?;
    let plan = plan_articles(ws.dir(), paths, format, &Limits::default());
    if plan.documents.is_empty() {
        return Ok(plan.report);
    }
    plan.write_texts(ws.dir())?;
    Ok(plan.apply(ws.project_mut_unrecorded()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Codebook;

    #[test]
    fn imports_skips_duplicates_and_keeps_going() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        let mut dir = ProjectDir::create(&root, "p", Codebook::default_media()).unwrap();
        let put = |name: &str, bytes: &[u8]| {
            let p = tmp.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let a = put("One.txt", b"Headline\n\nBody one.");
        let b = put("copy.md", b"Headline\n\nBody one.");
        let c = put("bad.txt", b"\0\0\0");
        let d = put("batch.jsonl", b"{\"id\":\"One\",\"text\":\"Other body\"}\n");
        let report = import_articles(&mut dir, &[a.clone(), b, c, d], None).unwrap();
        let ids: Vec<&str> = report.imported.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["one", "one-2"]);
        assert_eq!(report.skipped.len(), 2);
        assert!(matches!(
            report.skipped[0].reason,
            SkipReason::DuplicateInBatch { .. }
        ));
        assert!(matches!(report.skipped[1].reason, SkipReason::Refused(_)));
        assert_eq!(report.failed_files.len(), 1);
        assert!(!report.all_failed());
        let reopened = ProjectDir::open(&root).unwrap();
        assert_eq!(reopened.project.documents.len(), 2);
        assert_eq!(reopened.read_text("one").unwrap(), "Headline\n\nBody one.");
        assert_eq!(reopened.project.documents[0].title, "Headline");
        assert_eq!(reopened.project.documents[0].meta.source_file, "One.txt");
        let again = import_articles(&mut dir, &[a], None).unwrap();
        assert!(again.imported.is_empty());
        assert!(matches!(
            again.skipped[0].reason,
            SkipReason::AlreadyInProject { .. }
        ));
    }

    #[test]
    fn the_batch_limit_bounds_the_texts_of_all_files_together() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        let dir = ProjectDir::create(&root, "p", Codebook::default_media()).unwrap();
        // Each file is under the article limit; together they are not.
        let limits = Limits {
            article_bytes: 100,
            batch_bytes: 250,
        };
        let paths: Vec<PathBuf> = (0..5)
            .map(|i| {
                let p = tmp.path().join(format!("a{i}.txt"));
                std::fs::write(&p, format!("{i}{}", "x".repeat(99))).unwrap();
                p
            })
            .collect();
        let plan = plan_articles(&dir, &paths, None, &limits);
        let held: usize = plan.documents.iter().map(|(_, t)| t.len()).sum();
        assert_eq!(plan.documents.len(), 2);
        assert!(held <= 250);
        assert_eq!(plan.report.skipped.len(), 3);
        let refused = plan.report.skipped[0].to_string();
        assert!(
            refused.contains("a2.txt") && refused.contains("another run"),
            "{refused}"
        );
    }

    #[test]
    fn workspace_import_marks_the_index_unsaved() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        let dir = ProjectDir::create(&root, "p", Codebook::default_media()).unwrap();
        let mut ws = Workspace::new(dir);
        let f = tmp.path().join("a.txt");
        std::fs::write(&f, "Text").unwrap();
        let report = import_articles_into(&mut ws, &[f], None).unwrap();
        assert_eq!(report.imported.len(), 1);
        assert!(ws.is_modified());
        ws.save().unwrap();
        assert_eq!(ProjectDir::open(&root).unwrap().project.documents.len(), 1);
    }
}
