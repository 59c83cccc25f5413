//! Frame CPU time of the annotator window on a generated 100,000-word
//! document with 10,000 spans, rendered headless (egui context, no GPU):
//! scrolling, hovering over spans, and adding a span every frame; each
//! frame includes egui's tessellation. Also the time from opening the
//! project to the first finished frame of that document.
//!
//! Run: `cargo bench --bench gui`. `NEWSCODER_BENCH_WORDS` and
//! `NEWSCODER_BENCH_SPANS` shrink the document.
//!
//! Instructions per frame (steadier than time on a shared machine): every
//! measured frame goes through the never-inlined `measured_frame`, so
//! callgrind can count just those, e.g.
//! `valgrind --tool=callgrind --toggle-collect='*measured_frame*' \
//!   target/release/deps/gui-* --bench --profile-time 5 gui_frame/scroll`
//! and `callgrind_annotate --inclusive=yes` gives the instructions of all
//! measured frames; each bench prints how many frames it measured (warm-up
//! included), to divide by. Callgrind's call counts are no help there: it
//! also counts the calls of the frames outside `measured_frame` (the ones
//! that set a bench up), though not their instructions.
//!
//! `journal/*`: the cost of journaling one edit (see [`bench_journal`]);
//! `cargo bench --bench gui -- journal` (with small `NEWSCODER_BENCH_*`,
//! the window benches' set-up is quick).
//!
//! `gui_frame/baseline` draws a plain egui frame (wrapped text, buttons and
//! rounded rectangles in a scroll area, tessellated, no newscoder code) of
//! the same order of work as an idle newscoder frame. Times from different
//! runs or machines are only comparable as ratios to it, measured in the
//! same run: on a loaded machine one run's times can be half or twice
//! another's.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, Vec2, pos2, vec2};
use newscoder::edit::{Edit, SetKey, Transaction};
use newscoder::gui::NewscoderApp;
use newscoder::model::Span;
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Frames measured since the last [`report_frames`].
static MEASURED: AtomicU64 = AtomicU64::new(0);

/// Prints how many frames the bench `name` measured (for dividing
/// callgrind's totals) and starts counting again.
fn report_frames(name: &str) {
    let n = MEASURED.swap(0, Ordering::Relaxed);
    if n > 0 {
        eprintln!("{name}: {n} measured frames");
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A headless window: an egui context, the app, and the simulated clock.
struct Window {
    ctx: egui::Context,
    app: NewscoderApp,
    time: f64,
}

impl Window {
    fn open(root: &Path) -> Window {
        let ctx = egui::Context::default();
        newscoder::gui::style::apply(&ctx);
        let app = NewscoderApp::new_for_project(root, "alice").expect("open the generated project");
        Window {
            ctx,
            app,
            time: 0.0,
        }
    }

    /// One frame with `events`: run the ui, then tessellate as a renderer
    /// would. Returns the number of primitives.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let raw = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(raw, |ui| app.window_ui(ui));
        out.textures_delta.clear();
        let prims = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        prims.len()
    }
}

/// One measured frame (optionally after an edit, as a key press would
/// make one); never inlined so callgrind can count it alone.
#[inline(never)]
fn measured_frame(w: &mut Window, edit: Option<Transaction>, events: Vec<Event>) -> usize {
    MEASURED.fetch_add(1, Ordering::Relaxed);
    if let Some(tx) = edit {
        w.app
            .session_mut()
            .expect("session")
            .apply(tx)
            .expect("valid span");
    }
    w.frame(events)
}

/// A plain egui window of about the work of an idle newscoder frame, for
/// the baseline: a side list of buttons, and paragraphs of wrapped text
/// with rounded highlights in a scroll area.
struct Plain {
    ctx: egui::Context,
    time: f64,
    paragraphs: Vec<String>,
}

impl Plain {
    fn new() -> Plain {
        const WORDS: &str = "the government said on Tuesday that talks with the \
            opposition would resume next week while protesters gathered in \
            the capital and the army repeated its support for the president";
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        let paragraphs = (0..12)
            .map(|p| {
                (0..90)
                    .map(|i| words[(i * 7 + p * 3) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut plain = Plain {
            ctx: egui::Context::default(),
            time: 0.0,
            paragraphs,
        };
        // The first frames load the fonts.
        for _ in 0..3 {
            plain.frame();
        }
        plain
    }

    /// One frame, tessellated; returns the number of primitives.
    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let raw = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events: vec![Event::PointerMoved(TEXT_CENTRE)],
            ..RawInput::default()
        };
        let paragraphs = &self.paragraphs;
        let mut out = self.ctx.run_ui(raw, |ui| {
            egui::Panel::left("plain-list").show(ui, |ui| {
                for i in 0..20 {
                    let _ = ui.button(format!("Article {i}"));
                }
            });
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for text in paragraphs {
                        let r = ui.label(text.as_str());
                        let band = egui::Rect::from_min_size(r.rect.min, vec2(120.0, 16.0));
                        for k in 0..4 {
                            ui.painter().rect_filled(
                                band.translate(vec2(150.0 * k as f32, 20.0 * k as f32)),
                                2.0,
                                egui::Color32::from_rgba_unmultiplied(200, 120, 40, 60),
                            );
                        }
                    }
                });
            });
        });
        out.textures_delta.clear();
        let prims = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        prims.len()
    }
}

/// One measured frame of the plain window; never inlined so callgrind can
/// count it alone (the name matches `*measured_frame*`).
#[inline(never)]
fn measured_frame_plain(p: &mut Plain) -> usize {
    MEASURED.fetch_add(1, Ordering::Relaxed);
    p.frame()
}

/// Where the text column is on a 1280×800 window.
const TEXT_CENTRE: Pos2 = pos2(620.0, 450.0);

fn wheel(dy: f32) -> Event {
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    }
}

fn bench_gui(c: &mut Criterion) {
    let words = env("NEWSCODER_BENCH_WORDS", 100_000);
    let spans = env("NEWSCODER_BENCH_SPANS", 10_000);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("big");
    std::fs::create_dir_all(&root).expect("folder");
    let dir =
        newscoder::synth::write_project(&root, 1, words, spans, &["alice"]).expect("generate");
    let chars = dir.project.documents[0].chars;
    eprintln!("document: {words} words, {chars} characters, {spans} spans");

    let mut g = c.benchmark_group("gui_open");
    g.sample_size(10);
    g.bench_function("open_project_to_first_frame", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut w = Window::open(&root);
                black_box(w.frame(Vec::new()))
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("gui_frame");
    let mut plain = Plain::new();
    g.bench_function("baseline", |b| {
        b.iter(|| black_box(measured_frame_plain(&mut plain)))
    });
    report_frames("gui_frame/baseline");

    let mut w = Window::open(&root);
    for _ in 0..3 {
        w.frame(vec![Event::PointerMoved(TEXT_CENTRE)]);
    }
    g.bench_function("idle", |b| {
        b.iter(|| black_box(measured_frame(&mut w, None, Vec::new())))
    });
    report_frames("gui_frame/idle");

    // The wheel really scrolls the text (so the scroll bench measures
    // scrolling, not an idle view).
    let top = |w: &Window| w.app.doc().and_then(|d| d.origin).map_or(0.0, |o| o.y);
    let before = top(&w);
    for _ in 0..60 {
        w.frame(vec![Event::PointerMoved(TEXT_CENTRE), wheel(-60.0)]);
    }
    let moved = before - top(&w);
    assert!(
        moved > 1000.0,
        "60 wheel steps scrolled only {moved} points"
    );
    eprintln!("60 wheel steps scrolled {moved:.0} points");

    // Scroll down 60 points a frame, turning back every 4000 frames.
    let mut n = 0u64;
    g.bench_function("scroll", |b| {
        b.iter(|| {
            n += 1;
            let dir = if (n / 4000).is_multiple_of(2) {
                -1.0
            } else {
                1.0
            };
            black_box(measured_frame(
                &mut w,
                None,
                vec![Event::PointerMoved(TEXT_CENTRE), wheel(dir * 60.0)],
            ))
        })
    });
    report_frames("gui_frame/scroll");

    // Move the pointer over the text, a different spot every frame.
    let mut k = 0usize;
    g.bench_function("hover", |b| {
        b.iter(|| {
            k += 1;
            let p = pos2(330.0 + (k * 37 % 560) as f32, 180.0 + (k * 53 % 560) as f32);
            black_box(measured_frame(&mut w, None, vec![Event::PointerMoved(p)]))
        })
    });
    report_frames("gui_frame/hover");

    // Add a span near the top of the view every frame (through the
    // workspace and its history, as a key press would).
    let key = SetKey::new("alice", &dir.project.documents[0].id);
    let mut i = 0usize;
    g.bench_function("add_span", |b| {
        b.iter(|| {
            i += 1;
            let s = w.app.session().expect("session");
            let set = s.ws().set(&key).expect("loaded");
            let id = set.next_span_id();
            let start = (i * 7919) % (chars - 20);
            let tx = Transaction::single(
                "Tag Person",
                Edit::PutSpan {
                    key: key.clone(),
                    span: Span::new(id, start, start + 12, "Person"),
                },
            );
            black_box(measured_frame(
                &mut w,
                Some(tx),
                vec![Event::PointerMoved(TEXT_CENTRE)],
            ))
        })
    });
    report_frames("gui_frame/add_span");
    g.finish();
}

/// The cost of journaling one step (`edit::journal`): tagging a span
/// through `Workspace::apply` on a set of 200 spans with the journal off
/// (the baseline) and on (the step encoded as a JSON line and written to
/// `.recovery/<coder>/journal.jsonl`); the difference is the append. For
/// scale, `journal/plain_write` writes a record of the same size to an
/// append-only file, the system call alone.
fn bench_journal(c: &mut Criterion) {
    use newscoder::edit::Workspace;
    use std::io::Write;
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = newscoder::synth::write_project(tmp.path(), 1, 600, 200, &["alice"])
        .expect("generate project");
    let doc = dir.project.documents[0].clone();
    let key = SetKey::new("alice", &doc.id);
    let mut ws = Workspace::new(dir);
    ws.load(&key).expect("set loads");
    let id = ws.set(&key).expect("loaded").next_span_id();
    // Tags one span, or tags it again over another word (a replace).
    let tag = move |i: usize| {
        let start = (i * 7919) % (doc.chars - 20);
        Transaction::single(
            "Tag Person",
            Edit::PutSpan {
                key: SetKey::new("alice", &doc.id),
                span: Span::new(id, start, start + 12, "Person"),
            },
        )
    };
    let mut g = c.benchmark_group("journal");
    let mut i = 0;
    g.bench_function("apply_without_journal", |b| {
        b.iter(|| {
            i += 1;
            ws.apply(black_box(tag(i))).expect("tag applies");
        })
    });
    ws.journal_to("alice");
    g.bench_function("apply_with_journal", |b| {
        b.iter(|| {
            i += 1;
            ws.apply(black_box(tag(i))).expect("tag applies");
        })
    });
    assert!(ws.journal_error().is_none(), "every step journaled");
    let record = serde_json::to_vec(&tag(0)).expect("json");
    let mut plain = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(tmp.path().join("plain.jsonl"))
        .expect("open");
    g.bench_function("plain_write", |b| {
        b.iter(|| plain.write_all(black_box(&record)).expect("write"))
    });
    g.finish();
}

criterion_group!(benches, bench_gui, bench_journal);
criterion_main!(benches);
