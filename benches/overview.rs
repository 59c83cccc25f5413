//! Overview speed on a generated project of 5,000 documents and 1,000,000
//! spans (two coders × 100 spans per document, with actors, linked
//! stances and events): building the index once (what opening the
//! overview costs), re-indexing the sets open for editing (what an edit
//! costs), computing every chart for a filter (what changing a filter
//! costs), listing the spans behind a bar, and the actor
//! network with its layout.
//!
//! Run: `cargo bench --bench overview`. Set `NEWSCODER_BENCH_DOCS` to
//! shrink.

use criterion::{Criterion, criterion_group, criterion_main};
use newscoder::model::{
    Actor, ActorId, ActorKind, AnnotationSet, Codebook, DocumentEntry, Metadata, Project, SpanId,
    Status,
};
use newscoder::overview::figures::{ChartKind, Figures};
use newscoder::overview::layout::network_layout;
use newscoder::overview::{ActorNetwork, Filter, OverviewIndex, Pick, Source};
use newscoder::synth::{Rng, spans_for};
use std::hint::black_box;
use std::time::Duration;

const SPANS_PER_DOC: usize = 100;
const CODERS: [&str; 2] = ["alice", "bob"];

fn documents() -> usize {
    std::env::var("NEWSCODER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// The project index and every annotation set, in memory.
fn generate(docs: usize) -> (Project, Vec<AnnotationSet>) {
    let mut project = Project::new("bench", Codebook::default_media());
    for i in 0..40u32 {
        project.actors.put(Actor {
            id: ActorId(u128::from(i) + 1),
            ..Actor::new(
                &format!("Actor {}", i + 1),
                ActorKind::ALL[i as usize % ActorKind::ALL.len()],
            )
        });
    }
    for c in CODERS {
        project.add_coder(c);
    }
    let mut rng = Rng::new(7);
    let mut sets = Vec::with_capacity(docs * CODERS.len());
    for i in 0..docs {
        let id = format!("doc-{i:05}");
        let chars = 4_000;
        project.documents.push(DocumentEntry {
            id: id.clone(),
            title: format!("Article {i}"),
            meta: Metadata {
                outlet: ["Wire", "Daily", "Post", "Herald"][i % 4].into(),
                date: format!("2019-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                ..Metadata::default()
            },
            text_hash: String::new(),
            chars,
        });
        for (c, coder) in CODERS.iter().enumerate() {
            let mut set = AnnotationSet::new(&id, coder);
            set.status = Status::ALL[(i + c) % 3];
            set.spans = spans_for(&mut rng, chars, SPANS_PER_DOC);
            // Give actor mentions many actors and stances a target, so the
            // network has edges.
            let actors: Vec<SpanId> = set
                .spans
                .iter_mut()
                .filter(|s| s.actor.is_some())
                .map(|s| {
                    s.actor = Some(ActorId(1 + rng.below(40) as u128));
                    s.id
                })
                .collect();
            for s in set.spans.iter_mut().filter(|s| s.label == "Stance") {
                if !actors.is_empty() {
                    s.add_link("target", actors[rng.below(actors.len())]);
                }
            }
            sets.push(set);
        }
    }
    (project, sets)
}

fn bench(c: &mut Criterion) {
    let (project, sets) = generate(documents());
    let spans: usize = sets.iter().map(|s| s.spans.len()).sum();
    eprintln!("{} documents, {spans} spans", project.documents.len());
    let index = OverviewIndex::build(&project, &sets);
    let filtered = Filter {
        source: Source::Coder("alice".into()),
        outlet: Some("Post".into()),
        from: Some("2019-03-01".into()),
        to: Some("2019-09-30".into()),
        done_only: false,
    };
    let mut g = c.benchmark_group("overview");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("build index (opening the overview)", |b| {
        b.iter(|| black_box(OverviewIndex::build(&project, &sets)))
    });
    g.bench_function("re-index after an edit (4 open sets)", |b| {
        let (tail, base) = sets.split_at(4);
        let mut split = OverviewIndex::build_split(&project, base, tail);
        b.iter(|| {
            split.replace_tail(&project, tail);
            black_box(split.spans.len())
        })
    });
    // All coders summed: every span counts, the most work.
    let summed = Filter {
        source: Source::AllSummed,
        ..Filter::default()
    };
    for (name, filter) in [("no filter", summed.clone()), ("filtered", filtered)] {
        g.bench_function(format!("every chart, {name}"), |b| {
            b.iter(|| {
                let fig = Figures::new(&index, &project, &filter);
                for k in ChartKind::ALL {
                    black_box(fig.chart(k));
                }
            })
        });
    }
    g.bench_function("list the spans of a bar", |b| {
        let fig = Figures::new(&index, &project, &summed);
        let pick = Pick::Label {
            label: "Stance".into(),
            coder: "alice".into(),
        };
        b.iter(|| black_box(fig.hits(&pick)))
    });
    g.bench_function("actor network and layout (40 actors)", |b| {
        b.iter(|| {
            let fig = Figures::new(&index, &project, &summed);
            let (net, _) = ActorNetwork::build(&fig).without_unconnected();
            black_box(network_layout(net.nodes.len(), &net.layout_edges(), 1, 300))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
