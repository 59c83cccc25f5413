//! The span and document tables that `csv` and `xlsx` both write: which
//! columns there are, in which order, and what goes in each cell. The
//! formats differ only in where the rows go ([`RowSink`]): a CSV file, or a
//! worksheet whose cells are typed text and numbers.
//!
//! Span columns, in this order:
//! `doc_id, coder, start, end, label, category, text`, then one column
//! `attr_<attribute>` per attribute name of the codebook (in codebook order;
//! labels sharing an attribute name share the column; empty where a span
//! has no value), then `links` (`role=span_id` pairs joined by `;`, e.g.
//! `holder=3;target=5`), `actor_id`, `actor_name`, `note`, and `span_id`
//! (the id `links` refer to, unique per document and coder).
//!
//! Document columns: `doc_id, title, outlet, date, author, url,
//! source_file, chars, text_hash`, one `meta_<key>` column per free
//! metadata key of the project, then per exported coder
//! `status_<coder>` (`not_started` / `in_progress` / `done`, empty if the
//! coder has no annotation file) and `spans_<coder>` (spans exported for
//! that coder, empty if the coder's set is not exported). Only documents
//! with at least one exported set are listed.
//!
//! Codes columns (tidy, one row per value): `doc_id, coder, variable,
//! value`; a multiple choice has one row per chosen value (none if none is
//! chosen), a number is a number cell. Rows follow the documents, then the
//! coders, then the variables by name.

use super::ExportError;
use super::context::{Ctx, Warnings};
use super::units::DocBatch;
use crate::text::CharIndex;
use crate::wording::quoted;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// Fixed document-table columns before the free metadata keys.
const DOC_COLUMNS: [&str; 9] = [
    "doc_id",
    "title",
    "outlet",
    "date",
    "author",
    "url",
    "source_file",
    "chars",
    "text_hash",
];

/// The columns of the codes table.
const CODE_COLUMNS: [&str; 4] = ["doc_id", "coder", "variable", "value"];

/// Where the rows of a table go.
pub(super) trait RowSink {
    /// The next cell holds text (written as text, whatever it looks like).
    fn text(&mut self, s: &str) -> Result<(), ExportError>;
    /// The next cell holds a whole number.
    fn number(&mut self, n: usize) -> Result<(), ExportError>;
    /// The next cell holds any number (a code of a number variable).
    fn real(&mut self, x: f64) -> Result<(), ExportError>;
    /// The next cell is empty.
    fn empty(&mut self) -> Result<(), ExportError> {
        self.text("")
    }
    /// The row is complete.
    fn end_row(&mut self) -> Result<(), ExportError>;
}

/// The columns of both tables for one export, and what was already warned
/// about.
pub(super) struct Tables {
    attributes: Vec<String>,
    meta_keys: Vec<String>,
    /// (label, attribute) pairs already warned about.
    unknown_attrs: HashSet<(String, String)>,
    buf: String,
}

impl Tables {
    /// The columns for `ctx`'s codebook, documents and coders.
    pub fn new(ctx: &Ctx) -> Tables {
        let mut attributes: Vec<String> = Vec::new();
        for (_, label) in ctx.project.codebook.labels() {
            for a in &label.attributes {
                if !attributes.contains(&a.name) {
                    attributes.push(a.name.clone());
                }
            }
        }
        let meta_keys: Vec<String> = ctx
            .project
            .documents
            .iter()
            .flat_map(|d| d.meta.extra.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Tables {
            attributes,
            meta_keys,
            unknown_attrs: HashSet::new(),
            buf: String::new(),
        }
    }

    /// The span table's header row.
    pub fn span_header(&self) -> Vec<String> {
        let mut header: Vec<String> = [
            "doc_id", "coder", "start", "end", "label", "category", "text",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header.extend(self.attributes.iter().map(|a| format!("attr_{a}")));
        header.extend(
            ["links", "actor_id", "actor_name", "note", "span_id"]
                .iter()
                .map(|s| s.to_string()),
        );
        header
    }

    /// The codes table's header row.
    pub fn codes_header(&self) -> Vec<String> {
        CODE_COLUMNS.iter().map(|s| s.to_string()).collect()
    }

    /// One row per exported code value of `doc`.
    pub fn code_rows(&self, doc: &DocBatch, out: &mut impl RowSink) -> Result<(), ExportError> {
        for set in &doc.sets {
            for (variable, value) in super::codes::code_rows(set) {
                out.text(&doc.entry.id)?;
                out.text(&set.coder)?;
                out.text(variable)?;
                match value {
                    super::codes::Cell::Number(x) => out.real(x)?,
                    super::codes::Cell::Text(t) => out.text(t)?,
                }
                out.end_row()?;
            }
        }
        Ok(())
    }

    /// The document table's header row.
    pub fn document_header(&self, ctx: &Ctx) -> Vec<String> {
        let mut header: Vec<String> = DOC_COLUMNS.iter().map(|s| s.to_string()).collect();
        header.extend(self.meta_keys.iter().map(|k| format!("meta_{k}")));
        for c in &ctx.coders {
            header.push(format!("status_{c}"));
            header.push(format!("spans_{c}"));
        }
        header
    }

    /// One row per exported span of `doc`.
    pub fn span_rows(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
        out: &mut impl RowSink,
    ) -> Result<(), ExportError> {
        let index = CharIndex::new(&doc.text);
        for set in &doc.sets {
            for s in &set.spans {
                out.text(&doc.entry.id)?;
                out.text(&set.coder)?;
                out.number(s.start)?;
                out.number(s.end)?;
                out.text(&s.label)?;
                out.text(ctx.category(&s.label))?;
                out.text(index.slice(s.start, s.end).unwrap_or(""))?;
                for a in &self.attributes {
                    out.text(s.attrs.get(a).map(String::as_str).unwrap_or(""))?;
                }
                for name in s.attrs.keys() {
                    if !self.attributes.contains(name)
                        && self.unknown_attrs.insert((s.label.clone(), name.clone()))
                    {
                        warnings.push(format!(
                            "attribute {name} of label {} is not in the codebook and has no column (first seen in {} ({}), span {})",
                            quoted(&s.label), doc.entry.id, set.coder, s.id.0, name = quoted(name)
                        ));
                    }
                }
                self.buf.clear();
                for (i, (role, target)) in s.all_links().enumerate() {
                    if i > 0 {
                        self.buf.push(';');
                    }
                    let _ = write!(self.buf, "{role}={}", target.0);
                }
                out.text(&self.buf)?;
                match s.actor {
                    Some(id) => {
                        out.text(&id.to_string())?;
                        out.text(ctx.actor(id).map(|a| a.name.as_str()).unwrap_or(""))?;
                    }
                    None => {
                        out.empty()?;
                        out.empty()?;
                    }
                }
                out.text(&s.note)?;
                out.number(s.id.0 as usize)?;
                out.end_row()?;
            }
        }
        Ok(())
    }

    /// The row of `doc` in the document table.
    pub fn document_row(
        &self,
        ctx: &Ctx,
        doc: &DocBatch,
        out: &mut impl RowSink,
    ) -> Result<(), ExportError> {
        let e = &doc.entry;
        let m = &e.meta;
        for field in [
            &e.id,
            &e.title,
            &m.outlet,
            &m.date,
            &m.author,
            &m.url,
            &m.source_file,
        ] {
            out.text(field)?;
        }
        out.number(doc.chars)?;
        out.text(&e.text_hash)?;
        for k in &self.meta_keys {
            out.text(m.extra.get(k).map(String::as_str).unwrap_or(""))?;
        }
        for (coder, status) in ctx.coders.iter().zip(&doc.statuses) {
            match status {
                Some(s) => out.text(s.as_str())?,
                None => out.empty()?,
            }
            match doc.sets.iter().find(|s| &s.coder == coder) {
                Some(set) => out.number(set.spans.len())?,
                None => out.empty()?,
            }
        }
        out.end_row()
    }
}
