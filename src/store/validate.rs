//! Checks a whole project folder without changing anything: every file
//! parses, every text matches its hash, every annotation fits its document
//! and the codebook.

use super::{ANNOTATIONS_DIR, ProjectDir, StoreError, from_ron};
use crate::model::{AnnotationSet, is_safe_name, validate_codebook, validate_set};
use crate::text::text_hash;
use crate::wording::quoted;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One problem found by [`validate_project`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The file concerned.
    pub path: PathBuf,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl From<StoreError> for FileProblem {
    fn from(e: StoreError) -> FileProblem {
        match e {
            StoreError::Parse {
                path,
                line,
                col,
                message,
            } => FileProblem {
                path,
                position: Some((line, col)),
                message,
            },
            StoreError::Io { ref path, .. }
            | StoreError::NewerFormat { ref path, .. }
            | StoreError::NotAProject { ref path }
            | StoreError::AlreadyExists { ref path }
            | StoreError::Invalid { ref path, .. }
            | StoreError::ChangedOnDisk { ref path, .. } => FileProblem {
                path: path.clone(),
                position: None,
                message: strip_path(&e.to_string(), path),
            },
            StoreError::UnsafeName { .. } => FileProblem {
                path: PathBuf::new(),
                position: None,
                message: e.to_string(),
            },
        }
    }
}

fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

/// Every problem in the project at `root`; empty when it is sound.
/// Writes nothing, except that it finishes a change a killed command left
/// (as every command that opens the project does).
pub fn validate_project(root: &Path) -> Vec<FileProblem> {
    super::finish_interrupted_change(root);
    let dir = match ProjectDir::open_listing_unsafe_names(root) {
        // Ids that could lead outside the folder are reported all at once;
        // nothing else is read until they are fixed.
        Ok((_, unsafe_names)) if !unsafe_names.is_empty() => {
            return unsafe_names.into_iter().map(FileProblem::from).collect();
        }
        Ok((d, _)) => d,
        Err(e) => return vec![e.into()],
    };
    let project_file = dir.project_file();
    // Read again (it just parsed) to point at names written twice.
    let project_text = super::read_project_file(&project_file).unwrap_or_default();
    let mut problems = Vec::new();
    let mut at_project = |message: String, twice: Option<String>| {
        problems.push(FileProblem {
            path: project_file.clone(),
            position: twice.and_then(|needle| second_position(&project_text, &needle)),
            message,
        })
    };
    for p in validate_codebook(&dir.project.codebook) {
        let twice = p.repeated.as_ref().map(|name| format!("name: {name:?}"));
        at_project(format!("codebook: {p}"), twice);
    }
    let mut seen = HashSet::new();
    for d in &dir.project.documents {
        if !seen.insert(d.id.as_str()) {
            at_project(
                format!("document id {} appears twice", quoted(&d.id)),
                Some(format!("id: {:?}", d.id)),
            );
        }
    }
    let mut actor_ids = HashSet::new();
    for a in &dir.project.actors.actors {
        if !actor_ids.insert(a.id) {
            at_project(
                format!("actor id {} appears twice", a.id.0),
                Some(format!("id: {},", a.id.0)),
            );
        }
    }
    let mut listed = HashSet::new();
    for c in &dir.project.coders {
        if !listed.insert(c.as_str()) {
            let twice = format!("{c:?}");
            let position = project_text.find("coders:").and_then(|start| {
                second_position(&project_text[start..], &twice).map(|(line, col)| {
                    let (l0, c0) = super::project_dir::line_col(&project_text, start);
                    (l0 + line - 1, if line == 1 { c0 + col - 1 } else { col })
                })
            });
            problems.push(FileProblem {
                path: project_file.clone(),
                position,
                message: format!("coder {} is listed twice", quoted(c)),
            });
        }
    }
    // `alice` and `ALICE` are one folder on macOS and Windows: a copy of
    // the project there would mix their files.
    let on_disk = dir.coders_on_disk().unwrap_or_default();
    for (i, c) in on_disk.iter().enumerate() {
        if let Some(other) = on_disk[..i].iter().find(|o| o.eq_ignore_ascii_case(c)) {
            problems.push(FileProblem {
                path: dir.root().join(super::ANNOTATIONS_DIR).join(c),
                position: None,
                message: format!(
                    "coder folders {} and {} differ only in case; on macOS and Windows they are one folder — merge them into one coder",
                    quoted(other),
                    quoted(c)
                ),
            });
        }
    }
    let mut lengths = std::collections::HashMap::new();
    for d in &dir.project.documents {
        let path = match dir.text_path(&d.id) {
            Ok(p) => p,
            Err(e) => {
                problems.push(e.into());
                continue;
            }
        };
        match dir.read_text(&d.id) {
            Err(e) => problems.push(e.into()),
            Ok(text) => {
                if text_hash(&text) != d.text_hash {
                    problems.push(FileProblem {
                        path,
                        position: None,
                        message: "text has changed since import (hash differs from project.ron); offsets may no longer fit".into(),
                    });
                }
                lengths.insert(d.id.clone(), text.chars().count());
            }
        }
    }
    orphaned_texts(&dir, &mut problems);
    match super::pending_change(root) {
        Ok(None) => {}
        Ok(Some(files)) => problems.push(FileProblem {
            path: root.join(super::INTENT_FILE),
            position: None,
            message: format!(
                "a change to {} was interrupted (or is under way in another newscoder); \
                 the next command that opens the project finishes or undoes it",
                crate::wording::count(files, "file", "files")
            ),
        }),
        Err(e) => problems.push(e.into()),
    }
    let coders = match dir.all_coders() {
        Ok(c) => c,
        Err(e) => {
            problems.push(e.into());
            Vec::new()
        }
    };
    for coder in coders {
        let folder = root.join(ANNOTATIONS_DIR).join(&coder);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            if path.extension().and_then(|e| e.to_str()) != Some("ron") {
                continue;
            }
            let Some(doc) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if !is_safe_name(&doc) || dir.project.document(&doc).is_none() {
                problems.push(FileProblem {
                    path,
                    position: None,
                    message: "annotations for a document that is not in project.ron".into(),
                });
                continue;
            }
            check_set_file(
                &dir,
                &coder,
                &doc,
                &path,
                lengths.get(&doc).copied(),
                &mut problems,
            );
        }
    }
    problems
}

/// Texts in `documents/` that no document of `project.ron` refers to
/// (left by an import killed before the commit protocol existed, or put
/// there by hand).
fn orphaned_texts(dir: &ProjectDir, problems: &mut Vec<FileProblem>) {
    let folder = dir.root().join(super::DOCUMENTS_DIR);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return;
    };
    let mut orphans: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_none_or(|id| dir.project.document(id).is_none())
        })
        .collect();
    orphans.sort();
    problems.extend(orphans.into_iter().map(|path| {
        FileProblem {
            path,
            position: None,
            message:
                "a text no document in project.ron refers to (left by an interrupted import?); \
                  remove it, or import it again"
                    .into(),
        }
    }));
}

fn check_set_file(
    dir: &ProjectDir,
    coder: &str,
    doc: &str,
    path: &Path,
    text_chars: Option<usize>,
    problems: &mut Vec<FileProblem>,
) {
    // The same reading as every other command: no symlinks, FIFOs or
    // devices (a link to /etc/passwd used to be read and quoted).
    let text = match super::read_project_file(path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e.into());
            return;
        }
    };
    let set: AnnotationSet = match from_ron(path, &text) {
        Ok(s) => s,
        Err(e) => {
            problems.push(e.into());
            return;
        }
    };
    if set.document != doc || set.coder != coder {
        problems.push(FileProblem {
            path: path.to_path_buf(),
            position: Some((1, 1)),
            message: format!(
                "file says document {} and coder {} but lies at {coder}/{doc}.ron",
                quoted(&set.document),
                quoted(&set.coder)
            ),
        });
    }
    let chars = text_chars.unwrap_or(usize::MAX);
    for p in validate_set(&dir.project, chars, &set) {
        problems.push(FileProblem {
            path: path.to_path_buf(),
            position: p
                .span
                .and_then(|id| span_line(&text, id, p.repeated.is_some()))
                .map(|l| (l, 1)),
            message: p.to_string(),
        });
    }
}

/// Line of the span with id `id` in an annotation file written in the house
/// style (one span per line), if it can be found.
fn span_line(text: &str, id: u32, second: bool) -> Option<usize> {
    let needle = format!("id: {id},");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&needle))
        .nth(usize::from(second))
        .map(|(i, _)| i + 1)
}

/// Line and column of the second appearance of `needle` in `text`.
fn second_position(text: &str, needle: &str) -> Option<(usize, usize)> {
    let first = text.find(needle)?;
    let at = first + needle.len() + text[first + needle.len()..].find(needle)?;
    Some(super::project_dir::line_col(text, at))
}
