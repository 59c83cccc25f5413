//! `csv`: one row per span for R, pandas and spreadsheets, plus a
//! documents table beside it (`spans.csv` -> `spans.documents.csv`).
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
//! Both files are UTF-8 without a byte-order mark, comma-separated, with
//! RFC 4180 quoting (fields holding commas, quotes or line breaks are
//! quoted), so pandas, readr and spreadsheets read them as they are.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::units::DocBatch;
use super::{ExportError, FormatWriter, documents_table_path};
use crate::text::CharIndex;
use crate::wording::quoted;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// Streams span rows and document rows into two temporary files.
pub(super) struct Writer {
    spans: AtomicFile,
    docs: AtomicFile,
    attributes: Vec<String>,
    meta_keys: Vec<String>,
    /// (label, attribute) pairs already warned about.
    unknown_attrs: HashSet<(String, String)>,
    buf: String,
}

impl Writer {
    pub fn create(target: &Path, ctx: &Ctx) -> Result<Writer, ExportError> {
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
        if target == Path::new("-") {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "csv writes two files (spans and documents); give a file name".into(),
            });
        }
        let docs_path = documents_table_path(target);
        if docs_path == target {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "this name is reserved for the documents table; choose another".into(),
            });
        }
        let mut w = Writer {
            spans: AtomicFile::create(target)?,
            docs: AtomicFile::create(&docs_path)?,
            attributes,
            meta_keys,
            unknown_attrs: HashSet::new(),
            buf: String::new(),
        };
        w.write_headers(ctx)?;
        Ok(w)
    }

    fn write_headers(&mut self, ctx: &Ctx) -> Result<(), ExportError> {
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
        write_record(&mut self.spans, &header)?;
        let mut header: Vec<String> = DOC_COLUMNS.iter().map(|s| s.to_string()).collect();
        header.extend(self.meta_keys.iter().map(|k| format!("meta_{k}")));
        for c in &ctx.coders {
            header.push(format!("status_{c}"));
            header.push(format!("spans_{c}"));
        }
        write_record(&mut self.docs, &header)
    }

    fn span_rows(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        let index = CharIndex::new(&doc.text);
        let err_path = self.spans.target().to_path_buf();
        let mut wtr = csv_writer(self.spans.writer());
        let buf = &mut self.buf;
        let e = |e: csv::Error| csv_err(&err_path, e);
        for set in &doc.sets {
            for s in &set.spans {
                wtr.write_field(&doc.entry.id).map_err(e)?;
                wtr.write_field(&set.coder).map_err(e)?;
                write_num(&mut wtr, s.start).map_err(e)?;
                write_num(&mut wtr, s.end).map_err(e)?;
                wtr.write_field(&s.label).map_err(e)?;
                wtr.write_field(ctx.category(&s.label)).map_err(e)?;
                wtr.write_field(index.slice(s.start, s.end).unwrap_or(""))
                    .map_err(e)?;
                for a in &self.attributes {
                    wtr.write_field(s.attrs.get(a).map(String::as_str).unwrap_or(""))
                        .map_err(e)?;
                }
                for name in s.attrs.keys() {
                    if !self.attributes.contains(name)
                        && self.unknown_attrs.insert((s.label.clone(), name.clone()))
                    {
                        warnings.push(format!(
                            "attribute {name} of label {} is not in the codebook and has no CSV column (first seen in {} ({}), span {})",
                            quoted(&s.label), doc.entry.id, set.coder, s.id.0, name = quoted(name)
                        ));
                    }
                }
                buf.clear();
                for (i, (role, target)) in s.links.iter().enumerate() {
                    if i > 0 {
                        buf.push(';');
                    }
                    let _ = write!(buf, "{role}={}", target.0);
                }
                wtr.write_field(buf.as_str()).map_err(e)?;
                match s.actor {
                    Some(id) => {
                        write_num(&mut wtr, id.0 as usize).map_err(e)?;
                        let name = ctx.actor(id).map(|a| a.name.as_str()).unwrap_or("");
                        wtr.write_field(name).map_err(e)?;
                    }
                    None => {
                        wtr.write_field("").map_err(e)?;
                        wtr.write_field("").map_err(e)?;
                    }
                }
                wtr.write_field(&s.note).map_err(e)?;
                write_num(&mut wtr, s.id.0 as usize).map_err(e)?;
                wtr.write_record(None::<&[u8]>).map_err(e)?;
            }
        }
        wtr.flush().map_err(|x| ExportError::io(&err_path, x))
    }

    fn document_row(&mut self, ctx: &Ctx, doc: &DocBatch) -> Result<(), ExportError> {
        let e = &doc.entry;
        let m = &e.meta;
        let mut row: Vec<String> = vec![
            e.id.clone(),
            e.title.clone(),
            m.outlet.clone(),
            m.date.clone(),
            m.author.clone(),
            m.url.clone(),
            m.source_file.clone(),
            doc.chars.to_string(),
            e.text_hash.clone(),
        ];
        for k in &self.meta_keys {
            row.push(m.extra.get(k).cloned().unwrap_or_default());
        }
        for (coder, status) in ctx.coders.iter().zip(&doc.statuses) {
            row.push(status.map(|s| s.as_str().to_string()).unwrap_or_default());
            let spans = doc
                .sets
                .iter()
                .find(|s| &s.coder == coder)
                .map(|s| s.spans.len());
            row.push(spans.map(|n| n.to_string()).unwrap_or_default());
        }
        write_record(&mut self.docs, &row)
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        self.span_rows(ctx, doc, warnings)?;
        self.document_row(ctx, doc)
    }

    fn finish(self: Box<Self>, _: &Ctx, _: &mut Warnings) -> Result<Vec<PathBuf>, ExportError> {
        // The documents table goes first: if renaming the main file then
        // fails, no spans file exists without its table.
        let docs = self.docs.commit()?;
        let spans = self.spans.commit()?;
        Ok(vec![spans, docs])
    }
}

/// A csv writer over `w`, which is already buffered: the writer is made
/// per document, so a large buffer of its own would only cost zeroing.
fn csv_writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(4 * 1024)
        .from_writer(w)
}

fn write_record(out: &mut AtomicFile, fields: &[String]) -> Result<(), ExportError> {
    let path = out.target().to_path_buf();
    let mut wtr = csv_writer(out.writer());
    wtr.write_record(fields).map_err(|e| csv_err(&path, e))?;
    wtr.flush().map_err(|e| ExportError::io(&path, e))
}

fn write_num<W: std::io::Write>(wtr: &mut csv::Writer<W>, n: usize) -> csv::Result<()> {
    wtr.write_field(itoa::Buffer::new().format(n))
}

fn csv_err(path: &Path, e: csv::Error) -> ExportError {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ExportError::io(path, io),
        _ => ExportError::io(path, std::io::Error::other(message)),
    }
}
