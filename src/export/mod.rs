//! Dataset writers: one file per format (docs/formats.md, "Export"), all driven by one
//! loop that streams the project document by document, so memory stays flat
//! however large the project is, and all writing into a temporary file or
//! folder beside the target that is renamed into place only when complete.
//!
//! The command line (`newscoder export`) and the window's export dialog both
//! call [`export`].

pub mod brat;
mod codes;
mod conll;
mod context;
mod csv_table;
mod graphml;
mod json_lines;
mod jsonl;
mod network;
mod network_csv;
mod output;
mod prodigy;
mod tables;
mod units;
mod xlsx;

pub use context::Warnings;
pub use output::write_output;

use crate::store::{ProjectDir, StoreError};
use crate::wording::quoted;
use context::Ctx;
use network::NetworkWriter;
use std::path::{Path, PathBuf};
use units::DocBatch;

/// The export formats of docs/formats.md, "Export".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// doccano-compatible JSON lines with newscoder's full span data.
    Jsonl,
    /// Prodigy / spaCy JSON lines with tokens, token-aligned spans and relations.
    Prodigy,
    /// Token-level IOB2 tags for one category.
    Conll,
    /// One row per span, plus documents and codes tables beside it.
    Csv,
    /// A brat standoff folder.
    Brat,
    /// The actor network from stances as GraphML.
    Graphml,
    /// The actor network from stances as an edge-list CSV.
    NetworkCsv,
    /// The span, document and codes tables as an Excel workbook of typed
    /// cells.
    Xlsx,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 8] = [
        Format::Jsonl,
        Format::Prodigy,
        Format::Conll,
        Format::Csv,
        Format::Xlsx,
        Format::Brat,
        Format::Graphml,
        Format::NetworkCsv,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Prodigy => "prodigy",
            Format::Conll => "conll",
            Format::Csv => "csv",
            Format::Brat => "brat",
            Format::Graphml => "graphml",
            Format::NetworkCsv => "network-csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// A one-line description for menus and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Jsonl => "doccano JSONL with attributes, links and actors",
            Format::Prodigy => "Prodigy / spaCy JSONL with tokens and relations",
            Format::Conll => "CoNLL IOB2 tags for one category",
            Format::Csv => "CSV, one row per span, plus documents and codes tables",
            Format::Brat => "brat standoff folder (.txt, .ann, annotation.conf)",
            Format::Graphml => "actor network from stances (GraphML)",
            Format::NetworkCsv => "actor network from stances (edge list CSV)",
            Format::Xlsx => "Excel workbook: spans, documents and codes sheets, every cell data",
        }
    }

    /// Whether the output is a folder rather than a file.
    pub fn writes_folder(self) -> bool {
        self == Format::Brat
    }

    /// The usual file extension, without the dot (empty for folders).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Prodigy => "jsonl",
            Format::Conll => "conll",
            Format::Csv | Format::NetworkCsv => "csv",
            Format::Graphml => "graphml",
            Format::Xlsx => "xlsx",
            Format::Brat => "",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let wanted = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format {s} (known: {})",
                    names.join(", "),
                    s = quoted(s)
                )
            })
    }
}

/// What to export and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Output format.
    pub format: Format,
    /// Target file (a folder for `brat`).
    pub out: PathBuf,
    /// Only this coder's annotations; `None` exports every coder.
    pub coder: Option<String>,
    /// Only annotation sets whose status is done.
    pub done_only: bool,
    /// Category for `conll` (default `Actor`); ignored by other formats.
    pub category: Option<String>,
}

impl ExportOptions {
    /// Options with every coder, every status and the default category.
    pub fn new(format: Format, out: impl Into<PathBuf>) -> ExportOptions {
        ExportOptions {
            format,
            out: out.into(),
            coder: None,
            done_only: false,
            category: None,
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents with at least one exported annotation set.
    pub documents: usize,
    /// Annotation sets (one coder on one document) exported.
    pub sets: usize,
    /// Spans in those sets.
    pub spans: usize,
    /// Files or folders written, main output first.
    pub files: Vec<PathBuf>,
    /// Things the format could not express, e.g. overlapping CoNLL spans.
    pub warnings: Vec<String>,
    /// Warnings beyond the first [`Warnings::LIMIT`], counted only.
    pub warnings_omitted: usize,
}

/// Why an export failed. Nothing is left at the target when it does.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// File or folder concerned.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// `--coder` names nobody in the project.
    #[error("unknown coder {} (coders of this project: {known})", quoted(.name))]
    UnknownCoder {
        /// The name given.
        name: String,
        /// The coders there are.
        known: String,
    },
    /// `--category` names no category of the codebook.
    #[error("unknown category {} (categories of the codebook: {known})", quoted(.name))]
    UnknownCategory {
        /// The name given.
        name: String,
        /// The categories there are.
        known: String,
    },
    /// The target path cannot be used.
    #[error("{}: {message}", path.display())]
    Target {
        /// The target.
        path: PathBuf,
        /// Why not.
        message: String,
    },
    /// Project data that cannot be exported faithfully (text changed since
    /// import, span outside its text).
    #[error("{}: {message}", path.display())]
    Data {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl ExportError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: path.into(),
            source,
        }
    }
}

/// One format's writer, fed one document at a time.
trait FormatWriter {
    /// Writes the exported sets of one document.
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError>;

    /// Completes the output and moves it into place; returns what was written.
    fn finish(
        self: Box<Self>,
        ctx: &Ctx,
        warnings: &mut Warnings,
    ) -> Result<Vec<PathBuf>, ExportError>;
}

/// Exports `dir` as `opts` says, calling `progress(done, total)` after each
/// document. Either the complete output is at `opts.out` afterwards or,
/// on error, nothing was changed there.
pub fn export(
    dir: &ProjectDir,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportSummary, ExportError> {
    refuse_project_files(dir, opts)?;
    let coders = select_coders(dir, opts.coder.as_deref())?;
    let mut warnings = Warnings::default();
    if opts.format == Format::Conll && coders.len() > 1 {
        // CoNLL has no column for the coder: a tagger trained on this file
        // would see every text once per coder, with conflicting tags.
        warnings.push(format!(
            "conll without --coder holds one block per document and coder ({}): each text \
             appears {} times; pass --coder NAME (e.g. the gold standard) for a training set",
            coders.join(", "),
            coders.len()
        ));
    }
    let ctx = Ctx::new(&dir.project, coders, opts.coder.is_some());
    let mut writer: Box<dyn FormatWriter> = match opts.format {
        Format::Jsonl => Box::new(jsonl::Writer::create(&opts.out)?),
        Format::Prodigy => Box::new(prodigy::Writer::create(&opts.out)?),
        Format::Conll => {
            let category = opts.category.as_deref().unwrap_or(conll::DEFAULT_CATEGORY);
            Box::new(conll::Writer::create(&opts.out, &ctx, category)?)
        }
        Format::Csv => Box::new(csv_table::Writer::create(&opts.out, &ctx)?),
        Format::Xlsx => Box::new(xlsx::Writer::create(&opts.out, &ctx)?),
        Format::Brat => Box::new(brat::Writer::create(&opts.out)?),
        Format::Graphml => Box::new(NetworkWriter::create(&opts.out, graphml::write)?),
        Format::NetworkCsv => Box::new(NetworkWriter::create(&opts.out, network_csv::write)?),
    };
    let mut summary = ExportSummary::default();
    units::for_each_document(dir, &ctx, opts.done_only, progress, |doc| {
        summary.documents += 1;
        summary.sets += doc.sets.len();
        summary.spans += doc.sets.iter().map(|s| s.spans.len()).sum::<usize>();
        writer.document(&ctx, doc, &mut warnings)
    })?;
    if summary.sets == 0 {
        warnings.push(format!(
            "no annotation sets to export{}{}; the output holds no annotations",
            opts.coder
                .as_deref()
                .map(|c| format!(" for coder {c}"))
                .unwrap_or_default(),
            if opts.done_only { " marked done" } else { "" }
        ));
    }
    summary.files = writer.finish(&ctx, &mut warnings)?;
    (summary.warnings, summary.warnings_omitted) = warnings.into_parts();
    Ok(summary)
}

/// The coders to export: the one asked for (which must exist) or all.
fn select_coders(dir: &ProjectDir, coder: Option<&str>) -> Result<Vec<String>, ExportError> {
    let all = dir.all_coders()?;
    match coder {
        None => Ok(all),
        Some(name) if all.iter().any(|c| c == name) => Ok(vec![name.to_string()]),
        Some(name) => Err(ExportError::UnknownCoder {
            name: name.to_string(),
            known: if all.is_empty() {
                "none yet".to_string()
            } else {
                all.join(", ")
            },
        }),
    }
}

/// An export must never land on the project's own files (a `--out
/// project.ron` would destroy the project with no backup to restore).
fn refuse_project_files(dir: &ProjectDir, opts: &ExportOptions) -> Result<(), ExportError> {
    // (The CSV's documents and codes tables sit beside `out`, named after
    // it: they can only be project files if `out` is one.)
    if dir.owns(&opts.out) {
        return Err(ExportError::Target {
            path: opts.out.clone(),
            message: "is one of the project's own files; export outside project.ron, \
                      documents/, annotations/ and adjudication/"
                .into(),
        });
    }
    Ok(())
}

/// `<stem>.documents.csv` beside a CSV target: `spans.csv` ->
/// `spans.documents.csv`.
pub fn documents_table_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    out.with_file_name(format!("{stem}.documents.csv"))
}

/// `<stem>.codes.csv` beside a CSV target: `spans.csv` ->
/// `spans.codes.csv`, the tidy table of document codes.
pub fn codes_table_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    out.with_file_name(format!("{stem}.codes.csv"))
}
