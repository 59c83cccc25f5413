//! The bundled example project exports in every format with the basic
//! invariants holding: one jsonl line per annotation set, one CSV row per
//! span, span texts equal to the slices, a well-formed GraphML with a node
//! per registry actor, and a brat export that imports back span for span.

use super::{check_iob2, check_spacy_docs, run_export};
use crate::util::{example_project, tempdir};
use newscoder::export::Format;
use newscoder::import::brat::read_brat;
use newscoder::import::commit_annotated;
use newscoder::store::ProjectDir;
use newscoder::text::char_slice;
use quick_xml::events::Event;
use serde_json::Value;

#[test]
fn example_project_exports_in_every_format() {
    let dir = ProjectDir::open(&example_project()).expect("example project");
    let tmp = tempdir();
    let out = tmp.path();
    let mut sets = 0;
    let mut spans = 0;
    for d in &dir.project.documents {
        for c in dir.all_coders().unwrap() {
            if let Some(s) = dir.load_set(&c, &d.id).unwrap() {
                sets += 1;
                spans += s.spans.len();
            }
        }
    }
    assert!(sets > 0 && spans > 0);

    let s = run_export(&dir, Format::Jsonl, &out.join("a.jsonl"), None);
    assert_eq!((s.sets, s.spans), (sets, spans));
    let jsonl = std::fs::read_to_string(out.join("a.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), sets);
    for line in jsonl.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        for sp in v["spans"].as_array().unwrap() {
            let (a, b) = (
                sp["start"].as_u64().unwrap() as usize,
                sp["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(char_slice(text, a, b), sp["text"].as_str());
        }
    }

    run_export(&dir, Format::Csv, &out.join("s.csv"), None);
    let rows = csv::Reader::from_path(out.join("s.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, spans);
    let docs = csv::Reader::from_path(out.join("s.documents.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(docs, s.documents);

    // prodigy: every span of every set is a spaCy char_span of its Doc.
    run_export(&dir, Format::Prodigy, &out.join("p.jsonl"), None);
    let prodigy = std::fs::read_to_string(out.join("p.jsonl")).unwrap();
    assert_eq!(check_spacy_docs(&prodigy), spans);
    // conll: valid IOB2, one entity per Actor span (none overlap here).
    run_export(&dir, Format::Conll, &out.join("c.conll"), None);
    let conll = std::fs::read_to_string(out.join("c.conll")).unwrap();
    assert_eq!(conll.matches("-DOCSTART-").count(), sets);
    assert!(
        conll
            .lines()
            .all(|l| l.is_empty() || l.split('\t').count() == 2)
    );
    assert!(check_iob2(&conll) > 0);

    run_export(&dir, Format::Graphml, &out.join("g.graphml"), None);
    let xml = std::fs::read_to_string(out.join("g.graphml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut nodes, mut edges) = (0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().0 == "node" => nodes += 1,
            Event::Start(e) if e.name().0 == "edge" => edges += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(nodes, dir.project.actors.actors.len());
    assert!(edges > 0, "the example has stances between actors");
    run_export(&dir, Format::NetworkCsv, &out.join("n.csv"), None);
    let edge_rows = csv::Reader::from_path(out.join("n.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(edge_rows, edges);

    // brat -> import into a fresh project with the same codebook.
    run_export(&dir, Format::Brat, &out.join("brat"), None);
    for coder in dir.all_coders().unwrap() {
        let mut fresh = ProjectDir::create(
            &out.join(format!("fresh-{coder}")),
            "fresh",
            dir.project.codebook.clone(),
        )
        .unwrap();
        let batch = read_brat(
            &[out.join("brat").join(&coder)],
            Some(&fresh.project.codebook),
        )
        .unwrap();
        let report = commit_annotated(&mut fresh, &coder, batch.docs).unwrap();
        let want: usize = dir
            .project
            .documents
            .iter()
            .filter_map(|d| dir.load_set(&coder, &d.id).unwrap())
            .map(|s| s.spans.len())
            .sum();
        assert_eq!(report.spans_written(), want, "{coder}");
        assert_eq!(fresh.project.codebook, dir.project.codebook);
    }
}
