//! Every article reader (txt, md, html, jsonl, csv) on arbitrary bytes,
//! through the same file path the CLI uses (decoding, limits, parsing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newscoder::import::{Format, Limits, read_article_file};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (format, ext) = match selector % 5 {
        0 => (Format::Txt, "txt"),
        1 => (Format::Md, "md"),
        2 => (Format::Html, "html"),
        3 => (Format::Jsonl, "jsonl"),
        _ => (Format::Csv, "csv"),
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("input.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let read = read_article_file(&path, Some(format), &Limits::default());
    for article in read.articles {
        // The stored text must be clean: no BOM, no CR.
        assert!(!article.text.contains('\r'));
        assert!(!article.text.starts_with('\u{feff}'));
    }
});
