//! Every decision a merge makes, as the command line and the window show
//! it (the same lines in both).

use crate::model::ActorId;
use crate::wording::{count, quoted};
use std::path::PathBuf;

/// What happens to one of the other copy's documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocOutcome {
    /// Its text is already in the project (under `id`).
    Matched,
    /// Added under its own id.
    Added,
    /// Added under another id: the project has a different text under its id.
    Renamed,
}

/// One of the other copy's documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocDecision {
    /// Its id in the other copy.
    pub other_id: String,
    /// Its id in the project after the merge.
    pub id: String,
    /// What happens.
    pub outcome: DocOutcome,
}

/// What happens to one of the other copy's actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActorOutcome {
    /// Already in the project exactly so.
    Same,
    /// Added with its own id.
    Added,
    /// The same actor as one of the project's (same id, or a name or alias
    /// in common): these aliases and attributes are added to it; conflicts
    /// say where the two disagree (the project's value is kept).
    United {
        /// Names added as aliases.
        aliases: Vec<String>,
        /// Attribute keys added.
        attributes: Vec<String>,
        /// Disagreements, the project's side kept.
        conflicts: Vec<String>,
    },
    /// Its id is another actor's in the project (format 1's numbers): added
    /// with a fresh id.
    Renumbered {
        /// Name of the project's actor with that id.
        clashed_with: String,
    },
}

/// One of the other copy's actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorDecision {
    /// Its id in the other copy.
    pub other_id: ActorId,
    /// The project's actor it is (or becomes) after the merge.
    pub id: ActorId,
    /// Its name in the other copy.
    pub name: String,
    /// What happens.
    pub outcome: ActorOutcome,
}

/// What happens to one of the other copy's annotation sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetOutcome {
    /// The project had none (or an empty one): copied.
    Copied,
    /// The project's is the same.
    Identical,
    /// Both differ: the project's stays, the other copy's is written as
    /// coder `kept_as`'s set so the two can be compared and adjudicated.
    Conflict {
        /// The coder folder the other copy's version goes to.
        kept_as: String,
        /// Whether an earlier merge already put this very version there.
        kept_before: bool,
        /// How the two versions differ, in a few words ("2 spans only
        /// here, 1 only in the other copy; notes differ").
        differences: String,
    },
}

/// One coder's set on one document of the other copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetDecision {
    /// The coder (gold standards included).
    pub coder: String,
    /// The document's id in the project.
    pub document: String,
    /// What happens.
    pub outcome: SetOutcome,
}

/// Every decision of a merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// The other copy's folder.
    pub other: PathBuf,
    /// The other copy's format version, when it was older (read migrated).
    pub other_migrated_from: Option<u32>,
    /// Codebook additions, one line each.
    pub codebook: Vec<String>,
    /// One per document of the other copy.
    pub documents: Vec<DocDecision>,
    /// One per actor of the other copy.
    pub actors: Vec<ActorDecision>,
    /// One per annotation set of the other copy.
    pub sets: Vec<SetDecision>,
    /// Coders new to the project.
    pub new_coders: Vec<String>,
    /// Adjudication decision logs copied or joined, as `gold/document`.
    pub logs: Vec<String>,
}

impl MergeReport {
    /// Whether the merge changes nothing.
    pub fn changes_nothing(&self) -> bool {
        self.codebook.is_empty()
            && self.new_coders.is_empty()
            && self.logs.is_empty()
            && self
                .documents
                .iter()
                .all(|d| d.outcome == DocOutcome::Matched)
            && self.actors.iter().all(|a| match &a.outcome {
                ActorOutcome::Same => true,
                ActorOutcome::United {
                    aliases,
                    attributes,
                    ..
                } => aliases.is_empty() && attributes.is_empty(),
                _ => false,
            })
            && self.sets.iter().all(|s| {
                matches!(
                    s.outcome,
                    SetOutcome::Identical
                        | SetOutcome::Conflict {
                            kept_before: true,
                            ..
                        }
                )
            })
    }

    /// The sets kept in both versions.
    pub fn conflicts(&self) -> impl Iterator<Item = &SetDecision> {
        self.sets
            .iter()
            .filter(|s| matches!(s.outcome, SetOutcome::Conflict { .. }))
    }

    /// One line summing the merge up (for a status line): only what
    /// changes, or "nothing to merge".
    pub fn summary(&self) -> String {
        let added_docs = self
            .documents
            .iter()
            .filter(|d| d.outcome != DocOutcome::Matched)
            .count();
        let added_actors = self
            .actors
            .iter()
            .filter(|a| {
                matches!(
                    a.outcome,
                    ActorOutcome::Added | ActorOutcome::Renumbered { .. }
                )
            })
            .count();
        let united = self
            .actors
            .iter()
            .filter(|a| {
                matches!(&a.outcome, ActorOutcome::United { aliases, attributes, .. }
                    if !aliases.is_empty() || !attributes.is_empty())
            })
            .count();
        let copied = self
            .sets
            .iter()
            .filter(|s| s.outcome == SetOutcome::Copied)
            .count();
        let conflicts = self.conflicts().count();
        let parts: Vec<String> = [
            (
                added_docs,
                count(added_docs, "document", "documents").to_string() + " added",
            ),
            (
                added_actors,
                count(added_actors, "actor", "actors").to_string() + " added",
            ),
            (
                united,
                count(united, "actor", "actors").to_string() + " given new aliases",
            ),
            (copied, count(copied, "set", "sets").to_string() + " copied"),
            (
                conflicts,
                count(conflicts, "conflict", "conflicts").to_string() + " kept in both versions",
            ),
            (
                self.codebook.len(),
                count(
                    self.codebook.len(),
                    "codebook addition",
                    "codebook additions",
                )
                .to_string(),
            ),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, text)| text)
        .collect();
        if parts.is_empty() {
            "nothing to merge".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// Every decision, one line each, grouped under headings.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Merging {}", self.other.display())];
        if let Some(v) = self.other_migrated_from {
            out.push(format!(
                "  (the other copy is of format version {v}; read as the current version, not changed)"
            ));
        }
        out.push(format!(
            "Codebook: {}",
            count(self.codebook.len(), "addition", "additions")
        ));
        out.extend(self.codebook.iter().map(|c| format!("  added {c}")));
        out.push(format!("Documents: {}", self.documents.len()));
        for d in &self.documents {
            out.push(match d.outcome {
                DocOutcome::Matched if d.id == d.other_id => {
                    format!("  matched {} (same text)", quoted(&d.id))
                }
                DocOutcome::Matched => format!(
                    "  matched {} with {} (same text)",
                    quoted(&d.other_id),
                    quoted(&d.id)
                ),
                DocOutcome::Added => format!("  added {}", quoted(&d.id)),
                DocOutcome::Renamed => format!(
                    "  added {} as {} (this project has another text under that id)",
                    quoted(&d.other_id),
                    quoted(&d.id)
                ),
            });
        }
        let same = self
            .actors
            .iter()
            .filter(|a| a.outcome == ActorOutcome::Same)
            .count();
        out.push(format!("Actors: {}", self.actors.len()));
        if same > 0 {
            out.push(format!("  {same} the same on both sides"));
        }
        for a in &self.actors {
            let name = quoted(&a.name);
            match &a.outcome {
                ActorOutcome::Same => {}
                ActorOutcome::Added => out.push(format!("  added {name} ({})", a.id)),
                ActorOutcome::Renumbered { clashed_with } => out.push(format!(
                    "  added {name} as {} (its id {} is {} here)",
                    a.id,
                    a.other_id,
                    quoted(clashed_with)
                )),
                ActorOutcome::United {
                    aliases,
                    attributes,
                    conflicts,
                } => {
                    let mut line = if a.id == a.other_id {
                        format!("  united {name}")
                    } else {
                        format!("  united {name} ({}) with {}", a.other_id, a.id)
                    };
                    if !aliases.is_empty() {
                        line.push_str(&format!("; aliases added: {}", aliases.join(", ")));
                    }
                    if !attributes.is_empty() {
                        line.push_str(&format!("; attributes added: {}", attributes.join(", ")));
                    }
                    out.push(line);
                    out.extend(conflicts.iter().map(|c| format!("    conflict: {c}")));
                }
            }
        }
        if !self.new_coders.is_empty() {
            out.push(format!("New coders: {}", self.new_coders.join(", ")));
        }
        out.push(format!("Annotation sets: {}", self.sets.len()));
        for s in &self.sets {
            let what = format!("{}/{}", s.coder, s.document);
            out.push(match &s.outcome {
                SetOutcome::Copied => format!("  copied {what}"),
                SetOutcome::Identical => format!("  identical {what}"),
                SetOutcome::Conflict {
                    kept_as,
                    kept_before: false,
                    differences,
                } => format!(
                    "  CONFLICT {what}: both changed ({differences}); this project's version stays, \
                     the other copy's is kept as coder {} (compare {} with {})",
                    quoted(kept_as),
                    s.coder,
                    kept_as
                ),
                SetOutcome::Conflict {
                    kept_as,
                    kept_before: true,
                    ..
                } => format!(
                    "  CONFLICT {what}: the other copy's version is already kept as coder {}",
                    quoted(kept_as)
                ),
            });
        }
        if !self.logs.is_empty() {
            out.push(format!("Adjudication logs: {}", self.logs.len()));
            out.extend(self.logs.iter().map(|l| format!("  {l}")));
        }
        out.push(format!("In all: {}", self.summary()));
        out
    }
}
