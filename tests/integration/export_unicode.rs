//! Offsets are characters (Python string indices) in every format: on texts
//! with emoji (with skin-tone modifiers and ZWJ sequences), combining
//! accents, CJK, right-to-left scripts and a CRLF source, every exported
//! span's text equals the slice of the exported text at its offsets.

use super::{add_doc, run_export, save};
use crate::util::{tempdir, write};
use newscoder::export::Format;
use newscoder::import::import_articles;
use newscoder::model::{Codebook, Metadata, Span, SpanId, Status};
use newscoder::store::ProjectDir;
use newscoder::text::{CharIndex, char_len, char_slice, tokenize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const TEXTS: [(&str, &str); 5] = [
    (
        "emoji",
        "Maduro 👍🏽 and 👨‍👩‍👧 families: 🇻🇪 flag!\nGuaidó 🎉 replied.",
    ),
    (
        "accents",
        "Nicola\u{301}s Maduro y Guaido\u{301} se reu\u{301}nen en Caraca\u{300}s.",
    ),
    (
        "cjk",
        "委内瑞拉总统马杜罗周六表示，军队必须做好准备。\n瓜伊多呼吁游行。",
    ),
    ("rtl", "قال مادورو إن الجيش مستعد. ‏ואמר גואידו שלום‎ (2019)."),
    ("mixed", "\u{200f}Путин\u{200d} 中 e\u{301} 👍 ש\n\n\tend"),
];

/// A project with the texts above, a CRLF article imported from a file,
/// and for every document spans over every token plus some ranges that
/// start or end inside emoji sequences and combining marks.
fn unicode_project(root: &Path, source: &Path) -> ProjectDir {
    let mut dir = ProjectDir::create(root, "unicode", Codebook::default_media()).unwrap();
    for (id, text) in TEXTS {
        add_doc(&mut dir, id, id, Metadata::default(), text);
    }
    let crlf = write(
        source,
        "crlf-source.txt",
        "Title line\r\nMaduro met Guaidó\r\n\r\nRussia 👍🏽 reacted.\r\n",
    );
    import_articles(&mut dir, &[crlf], None).expect("import the CRLF article");
    let docs: Vec<(String, String)> = dir
        .project
        .documents
        .iter()
        .map(|d| (d.id.clone(), dir.read_text(&d.id).unwrap()))
        .collect();
    for (id, text) in &docs {
        assert!(!text.contains('\r'), "stored text is LF-normalised");
        let n = char_len(text);
        let mut spans: Vec<Span> = Vec::new();
        let labels = ["Person", "Organization", "State", "Group", "Location"];
        for (i, t) in tokenize(text).iter().enumerate() {
            spans.push(Span::new(
                SpanId(spans.len() as u32 + 1),
                t.start,
                t.end,
                labels[i % 5],
            ));
        }
        for (a, b) in [(0, 3), (1, n / 2), (n / 3, n), (2, 4), (n - 2, n)] {
            if a < b {
                spans.push(Span::new(SpanId(spans.len() as u32 + 1), a, b, "Stance"));
            }
        }
        save(&mut dir, "alice", id, Status::Done, spans);
    }
    dir
}

fn stored_texts(dir: &ProjectDir) -> HashMap<String, String> {
    dir.project
        .documents
        .iter()
        .map(|d| (d.id.clone(), dir.read_text(&d.id).unwrap()))
        .collect()
}

#[test]
fn every_format_keeps_character_offsets() {
    let tmp = tempdir();
    let dir = unicode_project(&tmp.path().join("p"), tmp.path());
    let texts = stored_texts(&dir);
    let total_spans: usize = dir
        .project
        .documents
        .iter()
        .map(|d| dir.load_set("alice", &d.id).unwrap().unwrap().spans.len())
        .sum();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();

    // jsonl: the text is the stored text; label offsets and span texts fit.
    run_export(&dir, Format::Jsonl, &out.join("a.jsonl"), None);
    let mut n = 0;
    for line in std::fs::read_to_string(out.join("a.jsonl"))
        .unwrap()
        .lines()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        assert_eq!(text, texts[v["id"].as_str().unwrap()]);
        for s in v["spans"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(char_slice(text, a, b), s["text"].as_str(), "{s}");
            n += 1;
        }
        assert_eq!(
            v["label"].as_array().unwrap().len(),
            v["spans"].as_array().unwrap().len()
        );
    }
    assert_eq!(n, total_spans);

    // prodigy: the tokens rebuild the text as spaCy's Doc does, and every
    // span (also those starting or ending inside an emoji sequence or before
    // a combining mark) is a char_span of it.
    run_export(&dir, Format::Prodigy, &out.join("p.jsonl"), None);
    let prodigy = std::fs::read_to_string(out.join("p.jsonl")).unwrap();
    assert_eq!(super::check_spacy_docs(&prodigy), total_spans);
    for line in prodigy.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let idx = CharIndex::new(v["text"].as_str().unwrap());
        for t in v["tokens"].as_array().unwrap() {
            let (a, b) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(idx.slice(a, b), t["text"].as_str());
        }
        for s in v["spans"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(idx.slice(a, b), s["text"].as_str());
        }
    }

    // csv: the text column is the slice of the stored text.
    run_export(&dir, Format::Csv, &out.join("s.csv"), None);
    let mut rdr = csv::Reader::from_path(out.join("s.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (doc, start, end, text) = (col("doc_id"), col("start"), col("end"), col("text"));
    let mut rows = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        let t = &texts[&r[doc]];
        assert_eq!(
            char_slice(t, r[start].parse().unwrap(), r[end].parse().unwrap()),
            Some(&r[text])
        );
        rows += 1;
    }
    assert_eq!(rows, total_spans);

    // brat: the .txt is byte-identical; every fragment slices the .txt and
    // fragments joined by a space are the T line's text.
    run_export(&dir, Format::Brat, &out.join("brat"), Some("alice"));
    let mut t_lines = 0;
    for (id, stored) in &texts {
        let txt = std::fs::read(out.join("brat").join(format!("{id}.txt"))).unwrap();
        assert_eq!(txt, stored.as_bytes());
        let ann = std::fs::read_to_string(out.join("brat").join(format!("{id}.ann"))).unwrap();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let fields: Vec<&str> = line.splitn(3, '\t').collect();
            let ranges = fields[1].split_once(' ').unwrap().1;
            let parts: Vec<&str> = ranges
                .split(';')
                .map(|r| {
                    let (a, b) = r.split_once(' ').unwrap();
                    let s = char_slice(stored, a.parse().unwrap(), b.parse().unwrap()).unwrap();
                    assert!(!s.contains('\n'));
                    s
                })
                .collect();
            assert_eq!(parts.join(" "), fields[2], "{line}");
            t_lines += 1;
        }
    }
    assert!(t_lines > 0 && t_lines <= total_spans);

    // conll: the tokens, in order, are the tokenizer's over the stored text.
    run_export(&dir, Format::Conll, &out.join("c.conll"), None);
    let conll = std::fs::read_to_string(out.join("c.conll")).unwrap();
    let got: Vec<&str> = conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .map(|l| l.rsplit_once('\t').unwrap().0)
        .collect();
    let mut want: Vec<String> = Vec::new();
    for d in &dir.project.documents {
        let t = &texts[&d.id];
        let idx = CharIndex::new(t);
        want.extend(
            tokenize(t)
                .iter()
                .map(|k| idx.slice(k.start, k.end).unwrap().to_string()),
        );
    }
    assert_eq!(got, want);
}
