//! Golden files: every format of the fixture project compared byte for
//! byte with `tests/golden/export/`. After an intended change of a format,
//! regenerate them with `NEWSCODER_BLESS=1 cargo test --test integration
//! export::golden` and review the diff.

use super::{fixture, run_export};
use crate::util::tempdir;
use newscoder::export::{ExportOptions, Format, export};
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export")
}

fn blessing() -> bool {
    std::env::var_os("NEWSCODER_BLESS").is_some()
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Compares (or with NEWSCODER_BLESS writes) one produced file.
fn check_file(produced: &Path, golden: &Path) {
    let got = std::fs::read(produced).unwrap();
    if blessing() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, &got).unwrap();
        return;
    }
    let want = std::fs::read(golden).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with NEWSCODER_BLESS=1 to create it)",
            golden.display()
        )
    });
    if got != want {
        let (g, w) = (
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
        );
        let line = g
            .lines()
            .zip(w.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| g.lines().count().min(w.lines().count()));
        panic!(
            "{} differs from {} at line {}:\n got: {:?}\nwant: {:?}",
            produced.display(),
            golden.display(),
            line + 1,
            g.lines().nth(line),
            w.lines().nth(line)
        );
    }
}

/// Compares a produced folder with a golden folder, file by file.
fn check_folder(produced: &Path, golden: &Path) {
    if blessing() {
        let _ = std::fs::remove_dir_all(golden);
    } else {
        assert_eq!(
            files_under(produced),
            files_under(golden),
            "files of {}",
            produced.display()
        );
    }
    for f in files_under(produced) {
        check_file(&produced.join(&f), &golden.join(&f));
    }
}

#[test]
fn every_format_matches_its_golden_file() {
    let tmp = tempdir();
    let dir = fixture(&tmp.path().join("project"));
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let g = golden_dir();
    for (format, name) in [
        (Format::Jsonl, "all.jsonl"),
        (Format::Prodigy, "all.prodigy.jsonl"),
        (Format::Conll, "all.conll"),
        (Format::Csv, "all.csv"),
        (Format::Graphml, "all.graphml"),
        (Format::NetworkCsv, "all.network.csv"),
    ] {
        let summary = run_export(&dir, format, &out.join(name), None);
        assert_eq!((summary.documents, summary.sets), (2, 3), "{format}");
        assert_eq!(summary.spans, 24, "{format}");
        check_file(&out.join(name), &g.join(name));
    }
    check_file(&out.join("all.documents.csv"), &g.join("all.documents.csv"));
    check_file(&out.join("all.codes.csv"), &g.join("all.codes.csv"));
    run_export(&dir, Format::Brat, &out.join("brat-all"), None);
    check_folder(&out.join("brat-all"), &g.join("brat-all"));
    run_export(&dir, Format::Brat, &out.join("brat-alice"), Some("alice"));
    check_folder(&out.join("brat-alice"), &g.join("brat-alice"));

    let mut opts = ExportOptions::new(Format::Jsonl, out.join("done.jsonl"));
    opts.done_only = true;
    let summary = export(&dir, &opts, &mut |_, _| {}).unwrap();
    assert_eq!(
        (summary.documents, summary.sets),
        (2, 2),
        "bob's set is in progress"
    );
    check_file(&out.join("done.jsonl"), &g.join("done.jsonl"));

    let mut opts = ExportOptions::new(Format::Conll, out.join("events.conll"));
    opts.category = Some("Event".into());
    opts.coder = Some("alice".into());
    export(&dir, &opts, &mut |_, _| {}).unwrap();
    check_file(&out.join("events.conll"), &g.join("events.conll"));
}

#[test]
fn warnings_name_the_document_and_the_spans() {
    let tmp = tempdir();
    let dir = fixture(&tmp.path().join("project"));
    let summary = run_export(&dir, Format::Conll, &tmp.path().join("x.conll"), None);
    assert_eq!(
        summary.warnings,
        vec![
            "conll without --coder holds one block per document and coder (alice, bob): each text \
             appears 2 times; pass --coder NAME (e.g. the gold standard) for a training set"
                .to_string(),
            "d1 (bob): span 1 (0..6, Person) overlaps span 2 (0..12, Group) in the CoNLL export; kept span 2, dropped span 1"
                .to_string(),
            // Chinese has no spaces: the tokenizer makes one token of the
            // run, so two names inside it cannot both be tagged.
            "d2 (alice): span 6 (44..47, Person) overlaps span 4 (39..42, State) in the CoNLL export; kept span 4, dropped span 6"
                .to_string(),
        ]
    );
    let summary = run_export(&dir, Format::Brat, &tmp.path().join("brat"), None);
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("“Armed group” is written as “Armed_group”")),
        "{:?}",
        summary.warnings
    );
    let summary = run_export(&dir, Format::Graphml, &tmp.path().join("g.graphml"), None);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn progress_counts_every_document() {
    let tmp = tempdir();
    let dir = fixture(&tmp.path().join("project"));
    let mut seen = Vec::new();
    let opts = ExportOptions::new(Format::Jsonl, tmp.path().join("x.jsonl"));
    export(&dir, &opts, &mut |done, total| seen.push((done, total))).unwrap();
    assert_eq!(seen, vec![(0, 3), (1, 3), (2, 3), (3, 3)]);
}
