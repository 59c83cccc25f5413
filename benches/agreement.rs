//! Agreement speed: two coders × 500,000 spans over 5,000 generated
//! documents (~600 words each). Coder B is coder A with realistic noise
//! (dropped, added, shifted and relabelled spans, changed attributes and
//! actors), so matching does real work.
//!
//! Measured separately: the whole report from data in memory (target under
//! 0.5 s), the classified disagreement list, and loading (opening the
//! project and reading 5,000 texts and 10,000 annotation files).
//!
//! Run: `cargo bench --bench agreement`. Set `NEWSCODER_BENCH_DOCS` to
//! shrink.

use criterion::{Criterion, criterion_group, criterion_main};
use newscoder::agreement::{
    AgreementInput, DocPair, ReportOptions, all_disagreements, compute, load,
};
use newscoder::model::{
    ActorId, AnnotationSet, Codebook, DocumentEntry, Metadata, Span, SpanId, Status,
};
use newscoder::store::ProjectDir;
use newscoder::synth::{Rng, article_text, spans_for};
use newscoder::text::text_hash;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SPANS_PER_DOC: usize = 100;

fn documents() -> usize {
    std::env::var("NEWSCODER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// Coder B's version of coder A's spans.
fn perturb(rng: &mut Rng, a: &[Span], chars: usize) -> Vec<Span> {
    const LABELS: [&str; 6] = [
        "Person",
        "Organization",
        "State",
        "Stance",
        "Event",
        "Location",
    ];
    let mut b: Vec<Span> = Vec::with_capacity(a.len() + a.len() / 20);
    let mut next = a.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
    for s in a {
        let mut s = s.clone();
        match rng.below(100) {
            0..=3 => continue,
            4..=11 => {
                let delta = 1 + rng.below(5);
                s.end = if rng.below(2) == 0 {
                    (s.end + delta).min(chars)
                } else {
                    s.end.saturating_sub(delta).max(s.start + 1)
                };
            }
            12..=15 => s.label = LABELS[rng.below(LABELS.len())].to_string(),
            16..=21 => {
                if s.actor.is_some() {
                    s.actor = Some(ActorId(1 + rng.below(8) as u128));
                } else if let Some(p) = s.attrs.get_mut("polarity") {
                    *p = ["support", "oppose", "neutral"][rng.below(3)].to_string();
                }
            }
            _ => {}
        }
        if rng.below(25) == 0 {
            let start = rng.below(chars.saturating_sub(10).max(1));
            b.push(Span::new(
                SpanId(next),
                start,
                start + 1 + rng.below(9),
                LABELS[rng.below(6)],
            ));
            next += 1;
        }
        b.push(s);
    }
    let ids: std::collections::HashSet<SpanId> = b.iter().map(|s| s.id).collect();
    for s in &mut b {
        for targets in s.links.values_mut() {
            targets.retain(|t| ids.contains(t));
        }
        s.links.retain(|_, targets| !targets.is_empty());
    }
    b
}

fn set(doc: &str, coder: &str, spans: Vec<Span>) -> AnnotationSet {
    let mut s = AnnotationSet::new(doc, coder);
    s.status = Status::Done;
    s.spans = spans;
    s.sort();
    s
}

fn generate(docs: usize) -> AgreementInput {
    let mut rng = Rng::new(7);
    let documents = (0..docs)
        .map(|i| {
            let id = format!("doc-{i:05}");
            let text = article_text(&mut rng, 600);
            let chars = text.chars().count();
            let a = spans_for(&mut rng, chars, SPANS_PER_DOC);
            let b = perturb(&mut rng, &a, chars);
            DocPair {
                a: set(&id, "alice", a),
                b: set(&id, "bob", b),
                id,
                text,
            }
        })
        .collect();
    AgreementInput {
        coders: ["alice".into(), "bob".into()],
        codebook: Codebook::default_media(),
        documents,
    }
}

fn write(root: &std::path::Path, input: &AgreementInput) -> ProjectDir {
    let mut dir =
        ProjectDir::create(root, "bench", input.codebook.clone()).expect("create project");
    for d in &input.documents {
        dir.write_text(&d.id, &d.text).expect("write text");
        dir.save_set(&d.a).expect("save set");
        dir.save_set(&d.b).expect("save set");
        dir.project.documents.push(DocumentEntry {
            id: d.id.clone(),
            title: d.id.clone(),
            meta: Metadata::default(),
            text_hash: text_hash(&d.text),
            chars: d.text.chars().count(),
        });
    }
    dir.project.add_coder("alice");
    dir.project.add_coder("bob");
    dir.save_project().expect("save project");
    dir
}

/// CPU time of the current thread in nanoseconds (Linux), if available.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn bench_agreement(c: &mut Criterion) {
    let docs = documents();
    let started = Instant::now();
    let input = generate(docs);
    let spans: (usize, usize) = input.documents.iter().fold((0, 0), |(a, b), d| {
        (a + d.a.spans.len(), b + d.b.spans.len())
    });
    eprintln!(
        "generated {docs} documents, {} + {} spans in {:.1?}",
        spans.0,
        spans.1,
        started.elapsed()
    );
    let report = compute(&input, ReportOptions::default());
    eprintln!(
        "micro exact F1 {:?}, overlap F1 {:?}, Person alpha_u {:?}",
        report.micro.exact.f1,
        report.micro.overlap.f1,
        report.labels.get("Person").and_then(|l| l.alpha_u)
    );

    // The machine may be shared: besides criterion's wall-clock figures,
    // print the CPU time this thread spent per report, which other
    // processes inflate much less.
    if let Some(start) = thread_cpu_ns() {
        let runs = 5;
        for _ in 0..runs {
            black_box(compute(black_box(&input), ReportOptions::default()));
        }
        if let Some(end) = thread_cpu_ns() {
            eprintln!(
                "report: {:.1} ms CPU time per run (mean of {runs})",
                (end - start) as f64 / runs as f64 / 1e6
            );
        }
    }

    let mut group = c.benchmark_group("agreement");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("report, in memory (2 coders x 500k spans)", |b| {
        b.iter(|| black_box(compute(black_box(&input), ReportOptions::default())))
    });
    group.bench_function("disagreements, in memory", |b| {
        b.iter(|| {
            black_box(all_disagreements(
                black_box(&input.documents),
                &Default::default(),
            ))
        })
    });

    let tmp = tempfile::tempdir().expect("temporary folder");
    let written = Instant::now();
    write(tmp.path(), &input);
    eprintln!("wrote the project in {:.1?}", written.elapsed());
    drop(input);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("load (open project, 5k texts, 10k sets)", |b| {
        b.iter(|| {
            let dir = ProjectDir::open(tmp.path()).expect("open");
            black_box(load(&dir, "alice", "bob").expect("load"))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_agreement);
criterion_main!(benches);
