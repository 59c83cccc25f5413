//! `xlsx`: the span, document and codes tables of [`super::tables`] (the
//! same columns as `csv`) as the sheets `spans`, `documents` and `codes`
//! of one Excel workbook. Every cell is typed data — text as text, offsets and ids as
//! numbers — never a formula, so a scraped text such as
//! `=HYPERLINK("http://…")` shows as the text it is. Written row by row
//! (rust_xlsxwriter's constant-memory mode), so memory stays flat.
//!
//! Excel holds at most 32,767 characters (UTF-16 units) in a cell and
//! 1,048,576 rows in a sheet: a longer text is cut with `…` and the export
//! warns how many cells were cut; more rows are refused with a message
//! pointing to `csv`.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::tables::{RowSink, Tables};
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// Excel's limit of characters (UTF-16 units) in one cell.
const MAX_CELL: usize = 32_767;
/// Excel's limit of rows in one sheet.
const MAX_ROWS: u32 = 1_048_576;
/// The sheet of spans, then the sheet of documents, then the codes.
const SPANS: usize = 0;
const DOCUMENTS: usize = 1;
const CODES: usize = 2;

/// Streams both tables into a workbook, saved into a temporary file when
/// complete.
pub(super) struct Writer {
    target: PathBuf,
    workbook: Workbook,
    tables: Tables,
    /// The next row of each sheet.
    next_row: [u32; 3],
    /// Cells whose text was too long for Excel.
    cut: usize,
}

impl Writer {
    pub fn create(target: &Path, ctx: &Ctx) -> Result<Writer, ExportError> {
        let tables = Tables::new(ctx);
        let mut workbook = Workbook::new();
        let err = |e: XlsxError| xlsx_err(target, e);
        let bold = Format::new().set_bold();
        for (name, header) in [
            ("spans", tables.span_header()),
            ("documents", tables.document_header(ctx)),
            ("codes", tables.codes_header()),
        ] {
            let sheet = workbook.add_worksheet_with_constant_memory().map_err(err)?;
            sheet.set_name(name).map_err(err)?;
            for (col, h) in header.iter().enumerate() {
                sheet
                    .write_string_with_format(0, column(target, col)?, h, &bold)
                    .map_err(err)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(err)?;
        }
        Ok(Writer {
            target: target.to_path_buf(),
            workbook,
            tables,
            next_row: [1, 1, 1],
            cut: 0,
        })
    }

    /// The rows sink for sheet `index`.
    fn rows(&mut self, index: usize) -> Result<SheetRows<'_>, ExportError> {
        let sheet = self
            .workbook
            .worksheet_from_index(index)
            .map_err(|e| xlsx_err(&self.target, e))?;
        Ok(SheetRows {
            target: &self.target,
            sheet,
            row: &mut self.next_row[index],
            col: 0,
            cut: &mut self.cut,
        })
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        // The tables are moved out for the call: the sink borrows the
        // workbook mutably.
        let mut tables = std::mem::replace(&mut self.tables, Tables::new(ctx));
        let spans = self
            .rows(SPANS)
            .and_then(|mut out| tables.span_rows(ctx, doc, warnings, &mut out));
        let docs = spans.and_then(|()| {
            self.rows(DOCUMENTS)
                .and_then(|mut out| tables.document_row(ctx, doc, &mut out))
        });
        let codes = docs.and_then(|()| {
            self.rows(CODES)
                .and_then(|mut out| tables.code_rows(doc, &mut out))
        });
        self.tables = tables;
        codes
    }

    fn finish(
        mut self: Box<Self>,
        _: &Ctx,
        warnings: &mut Warnings,
    ) -> Result<Vec<PathBuf>, ExportError> {
        if self.cut > 0 {
            warnings.push(format!(
                "{} cell(s) held more than {MAX_CELL} characters, Excel's limit, and were cut \
                 (ending in …); the csv export keeps them whole",
                self.cut
            ));
        }
        let mut file = AtomicFile::create(&self.target)?;
        self.workbook
            .save_to_writer(file.writer())
            .map_err(|e| xlsx_err(&self.target, e))?;
        Ok(vec![file.commit()?])
    }
}

/// Cells of one sheet, left to right, row by row.
struct SheetRows<'a> {
    target: &'a Path,
    sheet: &'a mut Worksheet,
    row: &'a mut u32,
    col: usize,
    cut: &'a mut usize,
}

impl SheetRows<'_> {
    /// Where the next cell goes; refuses a row past Excel's last.
    fn cell(&mut self) -> Result<(u32, u16), ExportError> {
        if *self.row >= MAX_ROWS {
            return Err(ExportError::Target {
                path: self.target.to_path_buf(),
                message: format!(
                    "more than {} rows do not fit in an Excel sheet; export csv instead",
                    MAX_ROWS - 1
                ),
            });
        }
        let col = column(self.target, self.col)?;
        self.col += 1;
        Ok((*self.row, col))
    }
}

impl RowSink for SheetRows<'_> {
    fn text(&mut self, s: &str) -> Result<(), ExportError> {
        let (row, col) = self.cell()?;
        if s.is_empty() {
            return Ok(());
        }
        let text = fit_cell(s);
        if text.len() != s.len() {
            *self.cut += 1;
        }
        self.sheet
            .write_string(row, col, text)
            .map(|_| ())
            .map_err(|e| xlsx_err(self.target, e))
    }

    fn number(&mut self, n: usize) -> Result<(), ExportError> {
        let (row, col) = self.cell()?;
        // Offsets and ids are far below 2^53: exact as a number.
        self.sheet
            .write_number(row, col, n as f64)
            .map(|_| ())
            .map_err(|e| xlsx_err(self.target, e))
    }

    fn real(&mut self, x: f64) -> Result<(), ExportError> {
        let (row, col) = self.cell()?;
        self.sheet
            .write_number(row, col, x)
            .map(|_| ())
            .map_err(|e| xlsx_err(self.target, e))
    }

    fn end_row(&mut self) -> Result<(), ExportError> {
        *self.row += 1;
        self.col = 0;
        Ok(())
    }
}

/// `s`, cut with `…` if it is longer than a cell may hold.
fn fit_cell(s: &str) -> String {
    if s.len() <= MAX_CELL || s.encode_utf16().count() <= MAX_CELL {
        return s.to_string();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        // Room for the ellipsis (one UTF-16 unit).
        if units + c.len_utf16() > MAX_CELL - 1 {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    out
}

/// Column `i` as Excel numbers them; refuses more than Excel's 16,384.
fn column(target: &Path, i: usize) -> Result<u16, ExportError> {
    u16::try_from(i)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| ExportError::Target {
            path: target.to_path_buf(),
            message: "more than 16,384 columns do not fit in an Excel sheet; export csv instead"
                .into(),
        })
}

fn xlsx_err(path: &Path, e: XlsxError) -> ExportError {
    match e {
        XlsxError::IoError(io) => ExportError::io(path, io),
        other => ExportError::io(path, std::io::Error::other(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds() {
        assert_eq!(fit_cell("short"), "short");
        let long = "é".repeat(MAX_CELL + 10);
        let cut = fit_cell(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
        // A character outside the BMP counts twice and is never split.
        let astral = "😀".repeat(MAX_CELL);
        let cut = fit_cell(&astral);
        assert!(cut.encode_utf16().count() <= MAX_CELL);
        assert!(cut.ends_with('…'));
    }
}
