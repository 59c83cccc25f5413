//! What an import did, for the command line and the window to show:
//! documents added, inputs skipped and why, warnings.

use super::error::InputProblem;
use crate::wording::{count, quoted};

/// A document an import added to the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDoc {
    /// Its id in the project.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it came from (file, line or row).
    pub origin: String,
}

/// Why an input was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// Its text is already in the project.
    AlreadyInProject {
        /// The document that has it.
        document: String,
    },
    /// Its text came earlier in the same import.
    DuplicateInBatch {
        /// Where the first copy came from.
        first: String,
        /// The document made from the first copy.
        document: String,
    },
    /// It could not be read (binary, empty, too large, malformed, …).
    Refused(String),
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::AlreadyInProject { document } => {
                write!(
                    f,
                    "same text as document {document} already in the project",
                    document = quoted(document)
                )
            }
            SkipReason::DuplicateInBatch { first, document } => write!(
                f,
                "same text as {first} earlier in this import (document {document})",
                document = quoted(document)
            ),
            SkipReason::Refused(message) => f.write_str(message),
        }
    }
}

/// An input that was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// File, line or row.
    pub origin: String,
    /// Why.
    pub reason: SkipReason,
}

impl Skipped {
    /// Whether it was skipped because it is already there (not an error).
    pub fn is_duplicate(&self) -> bool {
        !matches!(self.reason, SkipReason::Refused(_))
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// The outcome of importing a batch of article files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// How many files were given.
    pub files: usize,
    /// Files from which nothing at all could be read.
    pub failed_files: Vec<String>,
    /// Documents added, in import order.
    pub imported: Vec<ImportedDoc>,
    /// Inputs not imported, with the reason.
    pub skipped: Vec<Skipped>,
    /// Things the user should check (e.g. a guessed encoding).
    pub warnings: Vec<InputProblem>,
}

impl ImportReport {
    /// Whether every file given failed (the command then exits 1).
    pub fn all_failed(&self) -> bool {
        self.files > 0 && self.failed_files.len() == self.files
    }

    /// Number of inputs refused as errors (not counting duplicates).
    pub fn refused(&self) -> usize {
        self.skipped.iter().filter(|s| !s.is_duplicate()).count()
    }

    /// One line saying what happened.
    pub fn summary(&self) -> String {
        let dups = self.skipped.len() - self.refused();
        format!(
            "imported {}, skipped {}, refused {}, {}",
            count(self.imported.len(), "document", "documents"),
            count(dups, "duplicate", "duplicates"),
            self.refused(),
            count(self.warnings.len(), "warning", "warnings"),
        )
    }
}

/// How a pre-annotated document was committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A new document was added for it.
    Added,
    /// Its text was already in the project; the annotations went to that
    /// document.
    Attached,
    /// The coder already had exactly these annotations on that document;
    /// nothing changed.
    Unchanged,
}

/// One pre-annotated document and where it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotatedOutcome {
    /// Where it came from.
    pub origin: String,
    /// The project document.
    pub document: String,
    /// Added, attached or unchanged.
    pub placement: Placement,
    /// Number of spans it brought.
    pub spans: usize,
}

/// The outcome of committing pre-annotated documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotatedReport {
    /// The coder the annotations belong to.
    pub coder: String,
    /// Whether the coder was new to the project.
    pub coder_added: bool,
    /// Every document, in input order.
    pub documents: Vec<AnnotatedOutcome>,
    /// Labels added to the codebook (category `Imported`).
    pub added_labels: Vec<String>,
    /// Other codebook additions: attributes, attribute values, roles, role
    /// targets, described for a person.
    pub codebook_changes: Vec<String>,
    /// Actors added to the registry.
    pub added_actors: Vec<String>,
    /// Things the user should check.
    pub warnings: Vec<InputProblem>,
    /// With `--skip-invalid`: every problem of the lines or records left
    /// out (the reader's and the commit's).
    pub skipped: Vec<InputProblem>,
}

impl AnnotatedReport {
    /// Number of documents with the given placement.
    pub fn count(&self, placement: Placement) -> usize {
        self.documents
            .iter()
            .filter(|d| d.placement == placement)
            .count()
    }

    /// Total spans written.
    pub fn spans_written(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.placement != Placement::Unchanged)
            .map(|d| d.spans)
            .sum()
    }

    /// One line saying what happened.
    pub fn summary(&self) -> String {
        let skipped = match super::annotated::records_affected(&self.skipped) {
            0 => String::new(),
            n => format!(
                "; skipped {}",
                count(n, "invalid record", "invalid records")
            ),
        };
        format!(
            "coder {}: {} on {} new and {} ({} unchanged){skipped}",
            self.coder,
            count(self.spans_written(), "span", "spans"),
            self.count(Placement::Added),
            count(
                self.count(Placement::Attached),
                "existing document",
                "existing documents"
            ),
            self.count(Placement::Unchanged),
        )
    }
}
