//! File › Export… driven through egui_kittest: the controls are there, an
//! export started from the window runs in the background with a progress
//! bar and shows where it wrote; a failing export shows why.

#![cfg(feature = "gui")]

use super::fixture;
use crate::util::tempdir;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newscoder::export::Format;
use newscoder::gui::export_window::{ExportWindow, Outcome};
use newscoder::store::ProjectDir;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct State {
    window: ExportWindow,
    dir: ProjectDir,
    coders: Vec<String>,
}

fn harness(dir: ProjectDir) -> Harness<'static, State> {
    let coders = dir.all_coders().unwrap();
    let mut window = ExportWindow::new();
    window.open();
    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .build_ui_state(
            |ui, s: &mut State| {
                let _ = s.window.show(ui.ctx(), &s.dir, &s.coders);
            },
            State {
                window,
                dir,
                coders,
            },
        );
    h.run();
    h
}

/// Steps the harness until the export finishes.
fn finish(h: &mut Harness<'static, State>) {
    let started = Instant::now();
    while h.state().window.is_running() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "export did not finish"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.step();
}

#[test]
fn the_window_exports_in_the_background_and_shows_the_path() {
    let tmp = tempdir();
    let dir = fixture(&tmp.path().join("p"));
    let mut h = harness(dir);
    h.get_by_label("Only those marked done");
    h.get_by_label("Format");
    h.get_by_label("Coder");
    h.get_by_label("Export…");

    let out: PathBuf = tmp.path().join("alice.csv");
    h.state_mut()
        .window
        .select(Format::Csv, Some("alice".into()), true);
    let ctx = h.ctx.clone();
    {
        let s = h.state_mut();
        s.window.start(&ctx, &s.dir, out.clone());
    }
    finish(&mut h);
    match h.state().window.outcome() {
        Some(Outcome::Done(s)) => {
            assert_eq!((s.documents, s.sets, s.spans), (2, 2, 20));
            assert_eq!(
                s.files,
                vec![
                    out.clone(),
                    tmp.path().join("alice.documents.csv"),
                    tmp.path().join("alice.codes.csv")
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(out.is_file());
    h.get_by_label_contains("Exported 2 documents (2 annotation sets, 20 spans)");
    h.get_by_label(&out.display().to_string());
}

#[test]
fn a_failed_export_says_why() {
    let tmp = tempdir();
    let dir = fixture(&tmp.path().join("p"));
    let mut h = harness(dir);
    h.state_mut().window.select(Format::Jsonl, None, false);
    let ctx = h.ctx.clone();
    let out = tmp.path().join("missing-folder/x.jsonl");
    {
        let s = h.state_mut();
        s.window.start(&ctx, &s.dir, out);
    }
    finish(&mut h);
    assert!(matches!(
        h.state().window.outcome(),
        Some(Outcome::Failed(_))
    ));
    h.get_by_label_contains("Export failed:");
    h.get_by_label_contains("does not exist");
}
