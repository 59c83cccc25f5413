//! `csv`: one row per span for R, pandas and spreadsheets, plus a
//! documents table and a tidy table of document codes beside it
//! (`spans.csv` -> `spans.documents.csv`, `spans.codes.csv`). The columns
//! are those of [`super::tables`], shared with `xlsx`.
//!
//! Both files are UTF-8 without a byte-order mark, comma-separated, with
//! RFC 4180 quoting (fields holding commas, quotes or line breaks are
//! quoted), so pandas, readr and spreadsheets read them as they are. Every
//! field is written exactly as it is in the project, so a text that begins
//! with `=`, `+`, `-` or `@` stays that text for R and pandas; a
//! spreadsheet program may take such a cell for a formula: for
//! spreadsheets, export `xlsx`, whose cells are always data.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::tables::{RowSink, Tables};
use super::units::DocBatch;
use super::{ExportError, FormatWriter, codes_table_path, documents_table_path};
use std::path::{Path, PathBuf};

/// Streams span rows, document rows and code rows into three temporary
/// files.
pub(super) struct Writer {
    spans: AtomicFile,
    docs: AtomicFile,
    codes: AtomicFile,
    tables: Tables,
}

impl Writer {
    pub fn create(target: &Path, ctx: &Ctx) -> Result<Writer, ExportError> {
        if target == Path::new("-") {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "csv writes three files (spans, documents and codes); give a file name"
                    .into(),
            });
        }
        let docs_path = documents_table_path(target);
        let codes_path = codes_table_path(target);
        if docs_path == target || codes_path == target {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "this name is reserved for the documents or codes table; choose another"
                    .into(),
            });
        }
        let tables = Tables::new(ctx);
        let mut w = Writer {
            spans: AtomicFile::create(target)?,
            docs: AtomicFile::create(&docs_path)?,
            codes: AtomicFile::create(&codes_path)?,
            tables,
        };
        write_record(&mut w.spans, &w.tables.span_header())?;
        write_record(&mut w.codes, &w.tables.codes_header())?;
        write_record(&mut w.docs, &w.tables.document_header(ctx))?;
        Ok(w)
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        let mut spans = CsvRows::new(&mut self.spans);
        self.tables.span_rows(ctx, doc, warnings, &mut spans)?;
        spans.flush()?;
        let mut docs = CsvRows::new(&mut self.docs);
        self.tables.document_row(ctx, doc, &mut docs)?;
        docs.flush()?;
        let mut codes = CsvRows::new(&mut self.codes);
        self.tables.code_rows(doc, &mut codes)?;
        codes.flush()
    }

    fn finish(self: Box<Self>, _: &Ctx, _: &mut Warnings) -> Result<Vec<PathBuf>, ExportError> {
        // The side tables go first: if renaming the main file then fails,
        // no spans file exists without its tables.
        let docs = self.docs.commit()?;
        let codes = self.codes.commit()?;
        let spans = self.spans.commit()?;
        Ok(vec![spans, docs, codes])
    }
}

/// Rows into one CSV file.
struct CsvRows<'a> {
    path: PathBuf,
    wtr: csv::Writer<&'a mut std::io::BufWriter<super::output::Sink>>,
}

impl<'a> CsvRows<'a> {
    fn new(file: &'a mut AtomicFile) -> CsvRows<'a> {
        let path = file.target().to_path_buf();
        CsvRows {
            path,
            wtr: csv_writer(file.writer()),
        }
    }

    fn flush(mut self) -> Result<(), ExportError> {
        self.wtr.flush().map_err(|e| ExportError::io(&self.path, e))
    }
}

impl RowSink for CsvRows<'_> {
    fn text(&mut self, s: &str) -> Result<(), ExportError> {
        self.wtr.write_field(s).map_err(|e| csv_err(&self.path, e))
    }

    fn number(&mut self, n: usize) -> Result<(), ExportError> {
        self.wtr
            .write_field(itoa::Buffer::new().format(n))
            .map_err(|e| csv_err(&self.path, e))
    }

    fn real(&mut self, x: f64) -> Result<(), ExportError> {
        // Rust's shortest form that reads back as the same number (`3`,
        // `2.5`), which R and pandas parse.
        self.wtr
            .write_field(x.to_string())
            .map_err(|e| csv_err(&self.path, e))
    }

    fn end_row(&mut self) -> Result<(), ExportError> {
        self.wtr
            .write_record(None::<&[u8]>)
            .map_err(|e| csv_err(&self.path, e))
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

fn csv_err(path: &Path, e: csv::Error) -> ExportError {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ExportError::io(path, io),
        _ => ExportError::io(path, std::io::Error::other(message)),
    }
}
