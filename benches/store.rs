//! Store speed on a generated project of 5,000 documents (~600 words) and
//! 1,000,000 spans: opening the index, loading one document's annotations,
//! loading all of them and saving one document — each beside serde_json
//! doing the same work on the same data, so the RON cost shows as a ratio.
//!
//! Also: importing web pages nested absurdly deep, and a bulk import of
//! pre-annotated documents beside serde_json parsing the same input.
//!
//! Run: `cargo bench --bench store`. Set `NEWSCODER_BENCH_DOCS` to shrink.

use criterion::{Criterion, criterion_group, criterion_main};
use newscoder::model::{AnnotationSet, Codebook, Project};
use newscoder::store::{ProjectDir, write_atomic};
use std::hint::black_box;
use std::time::Duration;

fn documents() -> usize {
    std::env::var("NEWSCODER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

fn bench_store(c: &mut Criterion) {
    let docs = documents();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let started = std::time::Instant::now();
    let dir = newscoder::synth::write_project(tmp.path(), docs, 600, 200, &["alice"])
        .expect("generate project");
    eprintln!(
        "generated {docs} documents, {} spans in {:.1?}",
        docs * 200,
        started.elapsed()
    );
    let root = tmp.path().to_path_buf();
    let project_ron = std::fs::read_to_string(dir.project_file()).expect("read project.ron");
    let project_json = serde_json::to_string(&dir.project).expect("json");
    let first = dir.project.documents[0].id.clone();
    let set_path = dir.set_path("alice", &first).expect("path");
    let set_ron = std::fs::read_to_string(&set_path).expect("read set");
    let set: AnnotationSet = dir
        .load_set("alice", &first)
        .expect("load")
        .expect("exists");
    let set_json = serde_json::to_string(&set).expect("json");
    let all_json: Vec<String> = dir
        .project
        .documents
        .iter()
        .map(|d| {
            let s = dir.load_set_or_new("alice", &d.id).expect("load");
            serde_json::to_string(&s).expect("json")
        })
        .collect();
    eprintln!(
        "project.ron {} KiB (json {} KiB); one annotation file {} KiB (json {} KiB)",
        project_ron.len() / 1024,
        project_json.len() / 1024,
        set_ron.len() / 1024,
        set_json.len() / 1024
    );

    let mut g = c.benchmark_group("open_index");
    g.bench_function("ron_project_open", |b| {
        b.iter(|| black_box(ProjectDir::open(&root).expect("open")))
    });
    g.bench_function("json_parse_same_index", |b| {
        b.iter(|| black_box(serde_json::from_str::<Project>(&project_json).expect("json")))
    });
    g.finish();

    let mut g = c.benchmark_group("load_one_document");
    g.bench_function("ron_load_set", |b| {
        b.iter(|| black_box(dir.load_set("alice", &first).expect("load")))
    });
    g.bench_function("json_parse_same_set", |b| {
        b.iter(|| black_box(serde_json::from_str::<AnnotationSet>(&set_json).expect("json")))
    });
    g.finish();

    let mut g = c.benchmark_group("load_all_annotations");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("ron_load_all_sets", |b| {
        b.iter(|| {
            for d in &dir.project.documents {
                black_box(dir.load_set("alice", &d.id).expect("load"));
            }
        })
    });
    g.bench_function("json_parse_all_sets", |b| {
        b.iter(|| {
            for s in &all_json {
                black_box(serde_json::from_str::<AnnotationSet>(s).expect("json"));
            }
        })
    });
    g.finish();

    // Saving identical content is skipped by the store, so alternate two
    // versions: every iteration really writes (and keeps a `.bak`).
    let mut other = set.clone();
    other.status = match set.status {
        newscoder::model::Status::Done => newscoder::model::Status::InProgress,
        _ => newscoder::model::Status::Done,
    };
    let versions = [set.clone(), other];
    let mut g = c.benchmark_group("save_one_document");
    let mut turn = 0usize;
    g.bench_function("ron_save_set_atomic_with_backup", |b| {
        b.iter(|| {
            turn += 1;
            dir.save_set(black_box(&versions[turn % 2])).expect("save")
        })
    });
    let json_path = tmp.path().join("one.json");
    g.bench_function("json_write_same_set_atomic", |b| {
        b.iter(|| {
            turn += 1;
            let bytes = serde_json::to_vec(black_box(&versions[turn % 2])).expect("json");
            write_atomic(&json_path, &bytes).expect("write")
        })
    });
    g.finish();
}

/// Importing hostile web pages: 200,000 nested `<div>`s (refused by the
/// linear bounds check; the parser alone took 76 s) beside a page of the
/// same size nested 500 deep (parsed and extracted).
fn bench_html_depth(c: &mut Criterion) {
    use newscoder::import::{Format, Limits, read_article_file};
    let tmp = tempfile::tempdir().expect("temporary folder");
    let n = 200_000;
    let deep = tmp.path().join("deep.html");
    std::fs::write(
        &deep,
        format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n)),
    )
    .expect("write");
    let wide = tmp.path().join("wide.html");
    let block = format!("{}text{}", "<div>".repeat(500), "</div>".repeat(500));
    std::fs::write(&wide, block.repeat(n / 500)).expect("write");
    let mut g = c.benchmark_group("html_import");
    g.sample_size(10);
    for (name, path) in [("nested_200k_refused", &deep), ("nested_500_parsed", &wide)] {
        g.bench_function(name, |b| {
            b.iter(|| read_article_file(black_box(path), Some(Format::Html), &Limits::default()))
        });
    }
    g.finish();
}

/// Pre-annotated JSONL like a model's output: `docs` documents of ~480
/// words with 96 spans each (5,000 documents: ~480,000 spans, ~39 MB).
fn bulk_input(docs: usize) -> String {
    let mut rng = newscoder::synth::Rng::new(5);
    let labels = ["Person", "Organization", "Location"];
    let mut out = String::new();
    for i in 0..docs {
        let words: Vec<String> = (0..480).map(|w| format!("w{i:05}y{w:03}")).collect();
        let spans: Vec<String> = (0..96)
            .map(|_| {
                let w = rng.below(479);
                let end = (w + rng.below(3)).min(479);
                let label = labels[rng.below(labels.len())];
                format!("[{}, {}, \"{label}\"]", w * 11, end * 11 + 10)
            })
            .collect();
        out.push_str(&format!(
            "{{\"id\": \"d{i:05}\", \"text\": \"{}\", \"label\": [{}]}}\n",
            words.join(" "),
            spans.join(", ")
        ));
    }
    out
}

/// Bulk import of pre-annotated documents into a new project (reading,
/// checking, writing every text and set, one sync pass, the commit) beside
/// serde_json parsing the same input.
fn bench_bulk_import(c: &mut Criterion) {
    let docs = documents();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let input = tmp.path().join("pre.jsonl");
    let text = bulk_input(docs);
    std::fs::write(&input, &text).expect("write input");
    let mut g = c.benchmark_group("bulk_import");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    let mut round = 0;
    g.bench_function("import_pre_annotated", |b| {
        b.iter(|| {
            round += 1;
            let root = tmp.path().join(format!("p{round}"));
            let mut dir =
                ProjectDir::create(&root, "bulk", Codebook::default_media()).expect("project");
            let batch =
                newscoder::import::read_jsonl_annotated(std::slice::from_ref(&input), "model")
                    .expect("read");
            let report =
                newscoder::import::commit_annotated(&mut dir, "model", batch.docs).expect("commit");
            black_box(report);
            let _ = std::fs::remove_dir_all(&root);
        })
    });
    g.bench_function("json_parse_same_input", |b| {
        b.iter(|| {
            for line in text.lines() {
                black_box(serde_json::from_str::<serde_json::Value>(line).expect("json"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_store, bench_html_depth, bench_bulk_import);
criterion_main!(benches);
