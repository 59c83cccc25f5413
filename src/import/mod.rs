//! Readers that bring articles (and other tools' annotations) into a
//! project.
//!
//! Articles: [`import_articles`] reads `.txt`, `.md`, `.html`, `.jsonl` and
//! `.csv` files, skips texts already present and reports what it did.
//! Pre-annotated data: a reader (JSONL here, brat elsewhere) produces
//! [`annotated::AnnotatedDoc`]s and [`commit_annotated`] checks them all
//! and writes them, or nothing.

pub mod annotated;
mod article;
mod articles;
pub mod brat;
mod check_docs;
mod codebook_merge;
mod codes_merge;
mod codes_read;
mod commit;
#[cfg(test)]
mod commit_tests;
mod csv_articles;
mod decode;
mod doc_ids;
mod error;
mod format;
mod html;
mod html_bounds;
mod json_array;
mod jsonl_annotated;
mod jsonl_articles;
mod jsonl_lines;
mod jsonl_spans;
mod limits;
mod read;
mod report;
mod same_text;
mod span_build;
mod txt;

pub use annotated::{
    AnnotatedBatch, AnnotatedDoc, ForeignActor, ForeignCode, ForeignSpan, OnInvalid,
    records_affected,
};
pub use article::Article;
pub use articles::{
    ArticlePlan, import_articles, import_articles_into, import_articles_with, plan_articles,
};
pub use check_docs::check_docs;
pub use codebook_merge::IMPORTED_CATEGORY;
pub use codes_merge::{fit_codes, merge_variables};
pub use codes_read::PLAIN_VARIABLE;
pub use commit::{commit_annotated, commit_annotated_replacing, commit_annotated_with};
pub use decode::{Decoded, decode, map_offset, normalize_newlines, normalize_with_map};
pub use error::{ImportError, InputProblem};
pub use format::Format;
pub use jsonl_annotated::{parse_jsonl_annotated, read_jsonl_annotated, read_jsonl_annotated_with};
pub use limits::{Limits, MAX_ARTICLE_BYTES, MAX_BATCH_BYTES, MAX_LINE_BYTES, open_regular};
pub use read::{FileRead, read_article_file};
pub use report::{
    AnnotatedOutcome, AnnotatedReport, ImportReport, ImportedDoc, Placement, SkipReason, Skipped,
};
