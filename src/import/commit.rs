//! Committing pre-annotated documents to a project, all or nothing: every
//! document is checked and placed (attached to the document with the same
//! text, or added) and every annotation set built before a single file is
//! written; a failure while writing puts every file back.

use super::annotated::{AnnotatedDoc, OnInvalid};
use super::article::title_or_first_line;
use super::check_docs::check_docs;
use super::codebook_merge::merge_codebook;
use super::codes_merge::{fit_codes, merge_variables};
use super::doc_ids::IdAllocator;
use super::error::{ImportError, InputProblem};
use super::report::{AnnotatedOutcome, AnnotatedReport, Placement};
use super::span_build::{build_spans, same_spans};
use crate::model::{
    AnnotationSet, CodeValue, DocumentEntry, Project, Span, Status, is_safe_name, validate_set,
};
use crate::store::{Change, ProjectDir, StoreError};
use crate::text::{char_len, text_hash};
use crate::wording::{count, quoted};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A document ready to be written.
struct Staged {
    origin: String,
    /// The text, when the document is new.
    new_text: Option<String>,
    /// Length of the document's text in characters.
    chars: usize,
    set: AnnotationSet,
}

/// Adds `docs` with `coder`'s annotations to the project in `dir`, or
/// nothing at all. A document whose text is already in the project gets the
/// annotations (no duplicate document); labels, attributes and roles the
/// codebook lacks are added and reported; actors are matched to the
/// registry or added. An existing non-empty annotation set of the coder is
/// never replaced by different spans.
pub fn commit_annotated(
    dir: &mut ProjectDir,
    coder: &str,
    docs: Vec<AnnotatedDoc>,
) -> Result<AnnotatedReport, ImportError> {
    commit(dir, coder, docs, false, OnInvalid::Refuse)
}

/// [`commit_annotated`] (or [`commit_annotated_replacing`] when `replace`),
/// with [`OnInvalid::Skip`] leaving out each document that has a problem
/// (its problems go to `AnnotatedReport::skipped`) and committing the
/// rest. The documents left out are decided before anything is written.
pub fn commit_annotated_with(
    dir: &mut ProjectDir,
    coder: &str,
    docs: Vec<AnnotatedDoc>,
    replace: bool,
    on_invalid: OnInvalid,
) -> Result<AnnotatedReport, ImportError> {
    commit(dir, coder, docs, replace, on_invalid)
}

/// [`commit_annotated`], except that the coder's existing sets on these
/// documents are replaced (a model run again replaces its predictions).
/// Each replaced file's previous version is its backup, as with any save.
pub fn commit_annotated_replacing(
    dir: &mut ProjectDir,
    coder: &str,
    docs: Vec<AnnotatedDoc>,
) -> Result<AnnotatedReport, ImportError> {
    commit(dir, coder, docs, true, OnInvalid::Refuse)
}

fn commit(
    dir: &mut ProjectDir,
    coder: &str,
    mut docs: Vec<AnnotatedDoc>,
    replace: bool,
    on_invalid: OnInvalid,
) -> Result<AnnotatedReport, ImportError> {
    if !is_safe_name(coder) {
        return Err(ImportError::Invalid(vec![InputProblem::new(
            "coder",
            format!(
                "{coder} cannot be used as a coder name (letters, digits, '-', '_' and '.' only)",
                coder = quoted(coder)
            ),
        )]));
    }
    let mut skipped = Vec::new();
    let problems = check_docs(&docs);
    if !problems.is_empty() {
        if on_invalid == OnInvalid::Refuse {
            return Err(ImportError::Invalid(problems));
        }
        leave_out(&mut docs, problems, &mut skipped);
    }
    if docs.is_empty() {
        return Err(ImportError::Invalid(vec![InputProblem::new(
            "input",
            "has no documents; nothing to import",
        )]));
    }
    // Under the write lock, on the index as it is now: another import may
    // have added documents, coders or labels since the project was opened.
    let _lock = crate::store::WriteLock::acquire(dir.root())?;
    dir.reload()?;
    dir.migrate_if_needed()?;
    loop {
        let mut project = dir.project.clone();
        let mut report = AnnotatedReport {
            coder: coder.to_string(),
            coder_added: !project.coders.iter().any(|c| c == coder),
            ..AnnotatedReport::default()
        };
        merge_codebook(&mut project.codebook, &docs, &mut report);
        merge_variables(&mut project.codebook, &docs, &mut report.codebook_changes);
        project.add_coder(coder);
        // Placing consumes the documents; only a skipping import may need
        // them again.
        let input = match on_invalid {
            OnInvalid::Skip => docs.clone(),
            OnInvalid::Refuse => std::mem::take(&mut docs),
        };
        match place_all(dir, &mut project, coder, input, replace, &mut report) {
            Ok(staged) => {
                write_all(dir, project, &staged)?;
                report.skipped = skipped;
                return Ok(report);
            }
            // Without the documents that have problems, the codebook
            // grows by less and the rest is placed again.
            Err(ImportError::Invalid(problems)) if on_invalid == OnInvalid::Skip => {
                let before = docs.len();
                leave_out(&mut docs, problems.clone(), &mut skipped);
                if docs.len() == before {
                    return Err(ImportError::Invalid(problems));
                }
                if docs.is_empty() {
                    return Err(ImportError::Invalid(vec![InputProblem::new(
                        "input",
                        "has no valid documents; nothing to import",
                    )]));
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Removes from `docs` those a problem is about, moving the problems to
/// `skipped`.
fn leave_out(
    docs: &mut Vec<AnnotatedDoc>,
    problems: Vec<InputProblem>,
    skipped: &mut Vec<InputProblem>,
) {
    let bad: std::collections::HashSet<&str> = problems.iter().map(|p| p.origin.as_str()).collect();
    let mut merged = Vec::new();
    docs.retain(|d| {
        let keep = !bad.contains(d.origin.as_str());
        if !keep {
            // Lines merged into it (same text) go with it.
            merged.extend(d.merged.iter().map(|m| {
                InputProblem::new(
                    m.clone(),
                    format!("merged with {} (same text), left out with it", d.origin),
                )
            }));
        }
        keep
    });
    skipped.extend(problems);
    skipped.append(&mut merged);
}

/// Decides where each document goes and builds its annotation set.
fn place_all(
    dir: &ProjectDir,
    project: &mut Project,
    coder: &str,
    docs: Vec<AnnotatedDoc>,
    replace: bool,
    report: &mut AnnotatedReport,
) -> Result<Vec<Staged>, ImportError> {
    let mut problems = Vec::new();
    let mut staged: Vec<Staged> = Vec::new();
    let mut by_hash: HashMap<String, usize> = HashMap::new();
    let existing: HashMap<String, (String, usize)> = project
        .documents
        .iter()
        .map(|d| (d.text_hash.clone(), (d.id.clone(), d.chars)))
        .collect();
    let mut ids = IdAllocator::new(project);
    for doc in docs {
        let hash = text_hash(&doc.text);
        let spans = build_spans(&doc, &mut project.actors, &mut report.added_actors);
        let mut code_errors = Vec::new();
        let mut codes = fit_codes(&project.codebook, &doc, &mut code_errors);
        if !code_errors.is_empty() {
            problems.extend(
                code_errors
                    .into_iter()
                    .map(|e| InputProblem::new(doc.origin.clone(), e)),
            );
            continue;
        }
        // A line in a coder's file is that coder's reading of the text,
        // even with no spans ("nothing to tag here"): it counts as coded
        // (agreement compares it) unless the file says otherwise.
        let status = doc.status.unwrap_or(Status::InProgress);
        let mut outcome = AnnotatedOutcome {
            origin: doc.origin.clone(),
            document: String::new(),
            placement: Placement::Added,
            spans: spans.len(),
        };
        if let Some(&i) = by_hash.get(&hash) {
            let earlier = &staged[i];
            outcome.document = earlier.set.document.clone();
            if same_spans(&earlier.set.spans, &spans) && earlier.set.codes == codes {
                outcome.placement = Placement::Unchanged;
                report.documents.push(outcome);
            } else {
                problems.push(InputProblem::new(
                    doc.origin,
                    format!(
                        "same text as {}, but with different annotations",
                        earlier.origin
                    ),
                ));
            }
            continue;
        }
        let (document, new_text, chars) = match existing.get(&hash) {
            Some((id, chars)) => {
                let id = id.clone();
                match existing_conflict(dir, coder, &id, &spans, &mut codes, replace) {
                    Ok(Some(Placement::Unchanged)) => {
                        outcome.document = id;
                        outcome.placement = Placement::Unchanged;
                        report.documents.push(outcome);
                        continue;
                    }
                    Ok(_) => (id, None, *chars),
                    Err(message) => {
                        problems.push(InputProblem::new(doc.origin, message));
                        continue;
                    }
                }
            }
            None => {
                let entry = new_entry(dir, &mut ids, &doc, hash.clone());
                let (id, chars) = (entry.id.clone(), entry.chars);
                project.documents.push(entry);
                (id, Some(doc.text), chars)
            }
        };
        outcome.document = document.clone();
        outcome.placement = if new_text.is_some() {
            Placement::Added
        } else {
            Placement::Attached
        };
        report.documents.push(outcome);
        by_hash.insert(hash, staged.len());
        let mut set = AnnotationSet::new(&document, coder);
        set.status = status;
        set.spans = spans;
        set.codes = codes;
        set.sort();
        staged.push(Staged {
            origin: doc.origin,
            new_text,
            chars,
            set,
        });
    }
    for s in &staged {
        for p in validate_set(project, s.chars, &s.set) {
            problems.push(InputProblem::new(s.origin.clone(), p.to_string()));
        }
    }
    if problems.is_empty() {
        Ok(staged)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// What the coder's existing set on `doc` means for the import: `None` if
/// there is none, or it is replaced (`replace` is set, or it has nothing
/// the import would change: no spans or the same spans, no codes or the
/// same codes), `Unchanged` if it has exactly these spans and codes, an
/// error message otherwise. An import that brings no codes (brat, or a
/// file with spans only) keeps the coder's codes: they go into `codes`.
fn existing_conflict(
    dir: &ProjectDir,
    coder: &str,
    doc: &str,
    spans: &[Span],
    codes: &mut BTreeMap<String, CodeValue>,
    replace: bool,
) -> Result<Option<Placement>, String> {
    let existing = dir.load_set(coder, doc).map_err(|e| e.to_string())?;
    match existing {
        Some(set) if !set.spans.is_empty() || !set.codes.is_empty() => {
            if codes.is_empty() && !replace {
                codes.clone_from(&set.codes);
            }
            let same = same_spans(&set.spans, spans);
            let spans_kept = set.spans.is_empty() || same;
            let codes_kept = set.codes.is_empty() || set.codes == *codes;
            if same && set.codes == *codes {
                Ok(Some(Placement::Unchanged))
            } else if replace || (spans_kept && codes_kept) {
                Ok(None)
            } else {
                let codes_too = if set.codes.is_empty() {
                    String::new()
                } else {
                    format!(" and {}", count(set.codes.len(), "code", "codes"))
                };
                Err(format!(
                    "document {doc} already has {}{codes_too} by coder {coder}; they are not \
                     replaced (import as another coder, or remove that annotation file first)",
                    count(set.spans.len(), "span", "spans"),
                    doc = quoted(doc),
                    coder = quoted(coder)
                ))
            }
        }
        _ => Ok(None),
    }
}

fn new_entry(
    dir: &ProjectDir,
    ids: &mut IdAllocator,
    doc: &AnnotatedDoc,
    text_hash: String,
) -> DocumentEntry {
    let title = title_or_first_line(doc.title.as_deref(), &doc.text);
    let wanted = doc
        .id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .unwrap_or_else(|| title.clone());
    let mut meta = doc.meta.clone();
    if meta.source_file.is_empty() {
        meta.source_file = source_file_of(&doc.origin);
    }
    DocumentEntry {
        id: ids.allocate(dir, &wanted),
        title,
        meta,
        text_hash,
        chars: char_len(&doc.text),
    }
}

/// The file name in an origin like `dir/data.jsonl:12` or
/// `dir/data.json:3 (record 2)`.
fn source_file_of(origin: &str) -> String {
    let origin = match origin.rsplit_once(" (record ") {
        Some((before, _)) => before,
        None => origin,
    };
    let path = match origin.rsplit_once(':') {
        Some((file, line)) if line.chars().all(|c| c.is_ascii_digit()) => file,
        _ => origin,
    };
    super::article::file_name(std::path::Path::new(path))
}

/// Writes new texts, the annotation sets and finally `project.ron`, as
/// one [`Change`]: on a failure, or when the process is killed, every file
/// is put back as it was (at once, or by the next command that opens the
/// project).
fn write_all(dir: &mut ProjectDir, project: Project, staged: &[Staged]) -> Result<(), ImportError> {
    let before = std::mem::replace(&mut dir.project, project);
    let result = write_files(dir, staged);
    if let Err(e) = result {
        dir.project = before;
        return Err(e.into());
    }
    Ok(())
}

fn write_files(dir: &mut ProjectDir, staged: &[Staged]) -> Result<(), StoreError> {
    let mut files = Vec::new();
    for s in staged {
        if s.new_text.is_some() {
            files.push(dir.text_path(&s.set.document)?);
        }
        files.push(dir.set_path(&s.set.coder, &s.set.document)?);
    }
    // Actors the import added (an import never removes one).
    let actors: Vec<(PathBuf, String)> = dir
        .actor_changes()?
        .into_iter()
        .filter_map(|(path, text)| Some((path, text?)))
        .collect();
    files.extend(actors.iter().map(|(path, _)| path.clone()));
    let index = dir.project_text()?;
    let mut change = Change::begin(dir.root(), &files, Some(&index))?;
    for (path, text) in &actors {
        change.write_new(path, text.as_bytes())?;
    }
    // New files unsynced, all synced once before the commit point.
    for s in staged {
        if let Some(text) = &s.new_text {
            let path = dir.text_path(&s.set.document)?;
            dir.ensure_inside(&path)?;
            change.write_new(&path, text.as_bytes())?;
        }
        let (path, text) = dir.set_file(&s.set)?;
        change.write_new(&path, text.as_bytes())?;
    }
    change.commit(Some(&index))?;
    dir.actors_saved();
    Ok(())
}
