//! Deciding a merge without writing anything: which documents match,
//! which actors are one, which sets are copied, identical or in conflict.

use super::actors::merge_actors;
use super::codebook::merge_codebook;
use super::error::MergeError;
use super::report::{DocDecision, DocOutcome, MergeReport, SetDecision, SetOutcome};
use crate::agreement::{DecisionLog, load_log};
use crate::model::{ActorId, AnnotationSet, Project, Span, Status, is_safe_name, validate_set};
use crate::store::{ADJUDICATION_DIR, ProjectDir, StoreError, pending_change};
use crate::text::text_hash;
use crate::wording::{count, quoted};
use std::collections::HashMap;
use std::path::Path;

/// A merge decided: its report and everything it will write.
#[derive(Clone, Debug)]
pub struct MergePlan {
    /// Every decision, for the analyst.
    pub report: MergeReport,
    /// The project as it will be (index, codebook, actors).
    pub(super) project: Project,
    /// Texts of the documents added: (id in the project, text).
    pub(super) texts: Vec<(String, String)>,
    /// Annotation sets to write (document and coder as in the project).
    pub(super) sets: Vec<AnnotationSet>,
    /// Decision logs to write (document and gold as in the project).
    pub(super) logs: Vec<DecisionLog>,
}

/// Decides how the copy of the project at `other` merges into `ours`.
/// Reads both, writes nothing (not even into `other`).
pub fn plan_merge(ours: &ProjectDir, other: &Path) -> Result<MergePlan, MergeError> {
    let theirs = open_other(ours, other)?;
    let mut project = ours.project.clone();
    let mut report = MergeReport {
        other: other.to_path_buf(),
        other_migrated_from: theirs.migrating_from(),
        ..MergeReport::default()
    };
    let arities = ours.migrating_from().is_none() && theirs.migrating_from().is_none();
    report.codebook = merge_codebook(&mut project.codebook, &theirs.project.codebook, arities)
        .map_err(MergeError::Refused)?;
    let mut texts = Vec::new();
    let doc_map = place_documents(&theirs, &mut project, &mut report, &mut texts)?;
    let actors = merge_actors(&project.actors, &theirs.project.actors);
    project.actors = actors.registry;
    report.actors = actors.decisions;
    let mut plan = MergePlan {
        report,
        project,
        texts,
        sets: Vec::new(),
        logs: Vec::new(),
    };
    let kept_as = plan_sets(ours, &theirs, &doc_map, &actors.remap, &mut plan)?;
    plan_logs(ours, &theirs, &doc_map, &actors.remap, &kept_as, &mut plan)?;
    for coder in theirs.all_coders()? {
        plan.project.add_coder(&coder);
    }
    for set in &plan.sets {
        plan.project.add_coder(&set.coder);
    }
    plan.report.new_coders = plan
        .project
        .coders
        .iter()
        .filter(|c| !ours.project.coders.contains(c))
        .cloned()
        .collect();
    Ok(plan)
}

/// Opens the other copy read-only: an unfinished change in it is not
/// finished here (that would write into it), it is refused.
fn open_other(ours: &ProjectDir, other: &Path) -> Result<ProjectDir, MergeError> {
    let same = match (ours.root().canonicalize(), other.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(MergeError::Refused(vec![format!(
            "{} is this project itself; choose another copy",
            other.display()
        )]));
    }
    if pending_change(other)?.is_some() {
        return Err(MergeError::Refused(vec![format!(
            "{} has an unfinished change (a command was interrupted there); \
             open it with newscoder once, then merge",
            other.display()
        )]));
    }
    let (dir, mut unsafe_names) = ProjectDir::open_listing_unsafe_names(other)?;
    if !unsafe_names.is_empty() {
        return Err(unsafe_names.swap_remove(0).into());
    }
    Ok(dir)
}

/// Matches the other copy's documents by text, adding those the project
/// lacks; returns other id → project id.
fn place_documents(
    theirs: &ProjectDir,
    project: &mut Project,
    report: &mut MergeReport,
    texts: &mut Vec<(String, String)>,
) -> Result<HashMap<String, String>, MergeError> {
    let mut map = HashMap::new();
    for entry in &theirs.project.documents {
        if let Some(mine) = project.document_with_hash(&entry.text_hash) {
            let id = mine.id.clone();
            report.documents.push(DocDecision {
                other_id: entry.id.clone(),
                id: id.clone(),
                // Also a second document of the other copy with the text
                // of one added just now.
                outcome: DocOutcome::Matched,
            });
            map.insert(entry.id.clone(), id);
            continue;
        }
        let text = theirs.read_text(&entry.id)?;
        if text_hash(&text) != entry.text_hash {
            return Err(MergeError::Refused(vec![format!(
                "{}: the text of document {} in the other copy no longer matches its recorded hash",
                theirs.text_path(&entry.id)?.display(),
                quoted(&entry.id)
            )]));
        }
        let (id, outcome) = if project.document(&entry.id).is_none() {
            (entry.id.clone(), DocOutcome::Added)
        } else {
            (project.unique_document_id(&entry.id), DocOutcome::Renamed)
        };
        let mut added = entry.clone();
        added.id = id.clone();
        project.documents.push(added);
        texts.push((id.clone(), text));
        report.documents.push(DocDecision {
            other_id: entry.id.clone(),
            id: id.clone(),
            outcome,
        });
        map.insert(entry.id.clone(), id);
    }
    Ok(map)
}

/// Points the spans' actors at the project's ids.
fn remap_spans(spans: &mut [Span], remap: &HashMap<ActorId, ActorId>) {
    for span in spans {
        if let Some(id) = span.actor.and_then(|a| remap.get(&a)) {
            span.actor = Some(*id);
        }
    }
}

/// Whether a set holds nothing a coder did.
fn is_blank(set: &AnnotationSet) -> bool {
    set.spans.is_empty() && set.codes.is_empty() && set.status == Status::NotStarted
}

/// Whether two sets hold the same coding (status aside).
fn same_coding(a: &AnnotationSet, b: &AnnotationSet) -> bool {
    let mut a_spans = a.spans.clone();
    let mut b_spans = b.spans.clone();
    a_spans.sort_by(|x, y| x.sort_key().cmp(&y.sort_key()));
    b_spans.sort_by(|x, y| x.sort_key().cmp(&y.sort_key()));
    a_spans == b_spans && a.codes == b.codes
}

/// How two versions of a set differ, in a few words: spans (by range and
/// label) only on one side, spans with the same range and label but other
/// attributes, links, actor or note, other document codes.
fn differences(mine: &AnnotationSet, theirs: &AnnotationSet) -> String {
    let key = |s: &Span| (s.start, s.end, s.label.clone());
    let only = |a: &AnnotationSet, b: &AnnotationSet| {
        a.spans
            .iter()
            .filter(|s| !b.spans.iter().any(|t| key(t) == key(s)))
            .count()
    };
    let (here, there) = (only(mine, theirs), only(theirs, mine));
    let mut out = Vec::new();
    if here > 0 {
        out.push(format!("{} only here", count(here, "span", "spans")));
    }
    if there > 0 {
        out.push(format!(
            "{} only in the other copy",
            count(there, "span", "spans")
        ));
    }
    let changed = mine
        .spans
        .iter()
        .filter(|s| {
            theirs.spans.iter().any(|t| {
                key(t) == key(s)
                    && (t.attrs != s.attrs
                        || t.links != s.links
                        || t.actor != s.actor
                        || t.note != s.note)
            })
        })
        .count();
    if changed > 0 {
        out.push(format!(
            "{} with other attributes, links, actor or note",
            count(changed, "span", "spans")
        ));
    }
    if mine.codes != theirs.codes {
        out.push("document codes differ".to_string());
    }
    if out.is_empty() {
        // Same ranges, labels and contents under other span ids.
        out.push("span ids differ".to_string());
    }
    out.join("; ")
}

/// Decides every annotation set of the other copy; returns where each
/// conflicting (coder, project document) went.
fn plan_sets(
    ours: &ProjectDir,
    theirs: &ProjectDir,
    doc_map: &HashMap<String, String>,
    remap: &HashMap<ActorId, ActorId>,
    plan: &mut MergePlan,
) -> Result<HashMap<(String, String), String>, MergeError> {
    let mut kept_as = HashMap::new();
    let mut problems = Vec::new();
    for coder in theirs.all_coders()? {
        for entry in &theirs.project.documents {
            let Some(mut set) = theirs.load_set(&coder, &entry.id)? else {
                continue;
            };
            let Some(doc) = doc_map.get(&entry.id).cloned() else {
                continue;
            };
            set.document = doc.clone();
            set.coder = coder.clone();
            remap_spans(&mut set.spans, remap);
            set.sort();
            let mine = ours.load_set(&coder, &doc)?.filter(|s| !is_blank(s));
            let outcome = match mine {
                None if is_blank(&set) => continue,
                None => SetOutcome::Copied,
                Some(_) if is_blank(&set) => continue,
                Some(mine) if same_coding(&mine, &set) => SetOutcome::Identical,
                Some(mine) => {
                    let differences = differences(&mine, &set);
                    let (name, write) = conflict_name(ours, &coder, &set)?;
                    kept_as.insert((coder.clone(), doc.clone()), name.clone());
                    set.coder = name.clone();
                    let outcome = SetOutcome::Conflict {
                        kept_as: name,
                        kept_before: !write,
                        differences,
                    };
                    if !write {
                        plan.report.sets.push(SetDecision {
                            coder: coder.clone(),
                            document: doc,
                            outcome,
                        });
                        continue;
                    }
                    outcome
                }
            };
            plan.report.sets.push(SetDecision {
                coder: coder.clone(),
                document: doc.clone(),
                outcome: outcome.clone(),
            });
            if outcome == SetOutcome::Identical {
                continue;
            }
            let chars = plan.project.document(&doc).map_or(0, |d| d.chars);
            for p in validate_set(&plan.project, chars, &set) {
                problems.push(format!(
                    "{}: {p}",
                    theirs.set_path(&coder, &entry.id)?.display()
                ));
            }
            plan.sets.push(set);
        }
    }
    if problems.is_empty() {
        Ok(kept_as)
    } else {
        Err(MergeError::Refused(problems))
    }
}

/// The coder folder the other copy's conflicting version of `set` goes to:
/// `<coder>_other`, or `_other2`, … where that name already holds a
/// different set of the document; and whether it still has to be written
/// (not when an earlier merge already put this very version there).
fn conflict_name(
    ours: &ProjectDir,
    coder: &str,
    set: &AnnotationSet,
) -> Result<(String, bool), StoreError> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{coder}_other")
        } else {
            format!("{coder}_other{n}")
        };
        if !is_safe_name(&name) {
            break;
        }
        match ours.load_set(&name, &set.document)? {
            None => return Ok((name, true)),
            Some(existing) if is_blank(&existing) => return Ok((name, true)),
            Some(existing) if same_coding(&existing, set) => return Ok((name, false)),
            Some(_) => {}
        }
    }
    Err(StoreError::UnsafeName {
        name: format!("{coder}_other"),
    })
}

/// Gold coders with decision logs in the other copy.
fn log_folders(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(ADJUDICATION_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_safe_name(n))
        .collect();
    out.sort();
    out
}

/// Decision logs: copied where the project has none, joined (every
/// decision of both, oldest first) where both have one: a log is a
/// journal, and both journals happened. A log goes with its gold set: to
/// `<gold>_other` when that set was in conflict.
fn plan_logs(
    ours: &ProjectDir,
    theirs: &ProjectDir,
    doc_map: &HashMap<String, String>,
    remap: &HashMap<ActorId, ActorId>,
    kept_as: &HashMap<(String, String), String>,
    plan: &mut MergePlan,
) -> Result<(), MergeError> {
    for gold in log_folders(theirs.root()) {
        for entry in &theirs.project.documents {
            let Some(mut log) = load_log(theirs.root(), &gold, &entry.id)? else {
                continue;
            };
            let Some(doc) = doc_map.get(&entry.id).cloned() else {
                continue;
            };
            let target = kept_as
                .get(&(gold.clone(), doc.clone()))
                .cloned()
                .unwrap_or_else(|| gold.clone());
            log.document = doc.clone();
            log.gold = target.clone();
            for d in &mut log.decisions {
                remap_spans(&mut d.gold, remap);
            }
            let what = format!("{target}/{doc}");
            match load_log(ours.root(), &target, &doc)? {
                None => {
                    plan.report.logs.push(format!("copied {what}"));
                    plan.logs.push(log);
                }
                Some(mine) if mine == log => {}
                Some(mut mine) => {
                    let before = mine.decisions.len();
                    for d in log.decisions {
                        if !mine.decisions.contains(&d) {
                            mine.decisions.push(d);
                        }
                    }
                    for o in log.origins {
                        if !mine.origins.contains(&o) {
                            mine.origins.push(o);
                        }
                    }
                    let codes_before = mine.codes.len();
                    for c in log.codes {
                        if !mine.codes.contains(&c) {
                            mine.codes.push(c);
                        }
                    }
                    mine.decisions.sort_by(|a, b| a.at.cmp(&b.at));
                    mine.codes.sort_by(|a, b| a.at.cmp(&b.at));
                    plan.report.logs.push(format!(
                        "joined {what} ({} from the other copy)",
                        crate::wording::count(
                            mine.decisions.len() - before + mine.codes.len() - codes_before,
                            "decision",
                            "decisions"
                        )
                    ));
                    plan.logs.push(mine);
                }
            }
        }
    }
    Ok(())
}
