//! The common shape of pre-annotated documents read from other tools'
//! formats (doccano/Prodigy JSONL, brat), before they are checked and
//! committed to a project by `import::commit_annotated`.

use crate::model::{CodeValue, Metadata, Status};
use std::collections::BTreeMap;

/// A document with one coder's annotations, as read from a foreign format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotatedDoc {
    /// Where it came from, for messages: file name and 1-based line, if the
    /// format has lines.
    pub origin: String,
    /// The id the source gave it, if any.
    pub id: Option<String>,
    /// Title, if the source has one.
    pub title: Option<String>,
    /// The text the offsets refer to (already normalised: no BOM, LF).
    pub text: String,
    /// Metadata the source carried.
    pub meta: Metadata,
    /// The coder's spans.
    pub spans: Vec<ForeignSpan>,
    /// The coder's document codes by variable name.
    pub codes: BTreeMap<String, ForeignCode>,
    /// The coder's status for it, if the source says.
    pub status: Option<Status>,
    /// Whether it is a Prodigy answer `"accept"`: accepted answers on the
    /// same text are one document with the spans of all (see
    /// `import::same_text`).
    pub accepted_answer: bool,
    /// The origins of later lines merged into this one (same text).
    pub merged: Vec<String>,
}

/// A span as a foreign format describes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForeignSpan {
    /// The span's id in the source (e.g. `T3`, or a number), which links
    /// refer to.
    pub key: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// Attribute values.
    pub attrs: BTreeMap<String, String>,
    /// Links by role to other spans' keys, each role's in the order the
    /// source gave them, without repeats.
    pub links: BTreeMap<String, Vec<String>>,
    /// The actor the mention refers to, by name (and id, when the source
    /// is a newscoder export of this project).
    pub actor: Option<ForeignActor>,
    /// Note.
    pub note: String,
}

impl ForeignSpan {
    /// A span with a key, a range and a label, and nothing else.
    pub fn new(key: &str, start: usize, end: usize, label: &str) -> ForeignSpan {
        ForeignSpan {
            key: key.into(),
            start,
            end,
            label: label.into(),
            ..ForeignSpan::default()
        }
    }

    /// Adds a link to the span with key `to` in `role` (once).
    pub fn add_link(&mut self, role: &str, to: &str) {
        let keys = self.links.entry(role.to_string()).or_default();
        if !keys.iter().any(|k| k == to) {
            keys.push(to.to_string());
        }
    }

    /// Every link as (role, target key).
    pub fn all_links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.links
            .iter()
            .flat_map(|(r, ks)| ks.iter().map(move |k| (r.as_str(), k.as_str())))
    }
}

/// A document code as a foreign format gives it, before it is fitted to
/// the codebook's variable (see `import::codes_merge`).
#[derive(Clone, Debug, PartialEq)]
pub struct ForeignCode {
    /// The value: a string, a number, or the list of values chosen (sorted,
    /// without repeats).
    pub value: CodeValue,
    /// Whether the value comes from a list of options of which some were
    /// chosen (spaCy `cats`, Prodigy `accept`): a new variable is then a
    /// single choice if one value was chosen everywhere, not a multiple one.
    pub chosen_from: bool,
    /// Every value the source offered (`cats` keys, Prodigy `options`),
    /// chosen or not, to add to a new or existing choice variable.
    pub options: Vec<String>,
}

impl ForeignCode {
    /// A code as given, with no list of options.
    pub fn plain(value: CodeValue) -> ForeignCode {
        ForeignCode {
            value,
            chosen_from: false,
            options: Vec::new(),
        }
    }
}

/// An actor reference in a foreign format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForeignActor {
    /// Registry id in the project the data was exported from.
    pub id: Option<crate::model::ActorId>,
    /// Canonical name.
    pub name: String,
    /// Kind name (`person`, `organization`, …), if known.
    pub kind: Option<String>,
}

/// What a reader of pre-annotated data hands to `import::commit_annotated`:
/// the documents, and warnings for the user (e.g. rejected examples left
/// out).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotatedBatch {
    /// The documents, in input order.
    pub docs: Vec<AnnotatedDoc>,
    /// Things the user should know.
    pub warnings: Vec<super::InputProblem>,
    /// With `--skip-invalid`: every problem of the lines or records left
    /// out (a record may have several).
    pub skipped: Vec<super::InputProblem>,
    /// How many lines had each Prodigy `answer` (`accept`, `reject`,
    /// `ignore`, …); empty when no line had one.
    pub answers: BTreeMap<String, usize>,
    /// How many lines were merged into an earlier one with the same text.
    pub merged_lines: usize,
}

/// Whether a reader or a commit refuses the whole input over any invalid
/// line or record, or leaves those out and goes on with the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnInvalid {
    /// All or nothing: any problem is an error (the default).
    #[default]
    Refuse,
    /// Leave each invalid line or record out and list its problems
    /// (`--skip-invalid`).
    Skip,
}

/// How many different lines or records `problems` are about.
pub fn records_affected(problems: &[super::InputProblem]) -> usize {
    let origins: std::collections::BTreeSet<&str> =
        problems.iter().map(|p| p.origin.as_str()).collect();
    origins.len()
}
