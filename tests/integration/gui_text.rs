//! The article text in the real window: link arcs and their role tags
//! stay in the room between rows (never over a word), right-to-left
//! paragraphs are aligned right with exact offsets, and the guide.

#![cfg(feature = "gui")]

use crate::util;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::gui::commands::Command;
use newscoder::gui::document::DocView;
use newscoder::gui::guide;
use newscoder::gui::text_layout;
use newscoder::gui::text_view;
use newscoder::model::{Codebook, DocumentEntry, Metadata, SpanId};
use newscoder::store::ProjectDir;
use newscoder::text::text_hash;

fn doc<'a>(h: &'a Harness<'_, NewscoderApp>) -> &'a DocView {
    h.state().doc().expect("a document is open")
}

/// Every glyph row of every laid-out paragraph, in screen coordinates.
fn glyph_rects(d: &DocView) -> Vec<egui::Rect> {
    let origin = d.origin.expect("the text was drawn");
    let mut out = Vec::new();
    for i in 0..d.paragraphs.len() {
        if let Some(g) = d.layout.galley(i) {
            let at = origin + egui::vec2(0.0, d.layout.top(i));
            out.extend(text_layout::glyph_rows(g).map(|r| r.translate(at.to_vec2())));
        }
    }
    out
}

#[test]
fn link_arcs_and_tags_never_cover_text() {
    let (_tmp, root) = util::example_copy();
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the example opens");
    let mut h = util::app_harness(app);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, Command::OpenDocument("wire-military-unity".into()));
    h.run();
    let linked: Vec<(SpanId, usize)> = {
        let s = h.state().session().expect("session");
        let set = s.ws().set(&doc(&h).key).expect("alice's annotations");
        set.spans
            .iter()
            .filter(|s| !s.links.is_empty())
            .map(|s| (s.id, s.links.len()))
            .collect()
    };
    assert!(linked.len() >= 3, "the example links several spans");
    let (mut curves, mut elbows) = (0, 0);
    for (id, links) in linked {
        h.state_mut().run(&ctx, Command::SelectSpan(Some(id)));
        h.run();
        let s = h.state().session().expect("session");
        let d = doc(&h);
        let set = s.ws().set(&d.key).expect("set");
        let arcs = text_view::link_arcs(&ctx, d, set, &s.ws().project().codebook);
        assert_eq!(arcs.len(), links, "span {id:?}: one arc per link");
        let glyphs = glyph_rects(d);
        assert!(!glyphs.is_empty());
        for (arc, role, _) in &arcs {
            match arc.path {
                text_layout::ArcPath::Curve(_) => curves += 1,
                text_layout::ArcPath::Elbow(_) => elbows += 1,
                text_layout::ArcPath::None => {}
            }
            for r in arc.covered() {
                for g in &glyphs {
                    assert!(
                        !r.intersects(*g),
                        "span {id:?}, {role}: {r:?} covers the text at {g:?}"
                    );
                }
            }
        }
    }
    assert!(curves > 0 && elbows > 0, "both kinds of arc were checked");
}

/// Whether any node is labelled `label`.
fn shown(h: &Harness<'_, NewscoderApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

#[test]
fn the_guide_opens_from_help_fits_800_by_600_and_closes_with_esc_or_close() {
    let (_tmp, root) = util::example_copy();
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the example opens");
    let mut h = util::app_harness_sized(app, (800.0, 600.0));
    let first = {
        let s = h.state().session().expect("session");
        let set = s.ws().set(&doc(&h).key).expect("alice's annotations");
        set.spans
            .first()
            .map(|s| s.id)
            .expect("alice coded this document")
    };
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::SelectSpan(Some(first)));
    h.run();
    let selected = doc(&h).selected_span;
    assert_eq!(selected, Some(first));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Guide F2").click();
    h.run();
    for heading in guide::HEADINGS {
        assert!(shown(&h, heading), "the guide has “{heading}”");
    }
    // Real keys, from the action list and the codebook.
    assert!(h.query_by_label_contains("Ctrl+E").is_some(), "export key");
    assert!(
        h.query_by_label_contains("p Person").is_some(),
        "label keys"
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let close = h.get_by_role_and_label(Role::Button, "Close");
    assert!(screen.contains_rect(close.rect()), "Close is on screen");
    // Esc closes the guide, and only the guide.
    h.key_press(Key::Escape);
    h.run();
    assert!(!shown(&h, guide::HEADINGS[0]), "Esc closed the guide");
    assert_eq!(doc(&h).selected_span, selected, "the span stays selected");
    // F2 opens it again; its Close button closes it.
    h.key_press(Key::F2);
    h.run();
    assert!(shown(&h, guide::HEADINGS[4]));
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    assert!(!shown(&h, guide::HEADINGS[4]), "Close closed the guide");
}

#[test]
fn an_empty_project_points_to_the_guide() {
    let tmp = util::tempdir();
    let root = tmp.path().join("study");
    ProjectDir::create(&root, "study", Codebook::default_media()).expect("create project");
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the project opens");
    let mut h = util::app_harness_sized(app, (800.0, 600.0));
    assert!(shown(&h, "No documents yet"));
    h.get_by_label_contains("Read the guide").click();
    h.run();
    assert!(shown(&h, guide::HEADINGS[0]), "the link opened the guide");
}

/// An Arabic, a Hebrew and an English paragraph.
const MIXED: &str = "مادورو يدعو الجيش إلى الوحدة في كراكاس\n\n\
                     שר החוץ של ישראל דיבר עם מדורו היום\n\n\
                     Maduro calls on the army to stay united.";

/// Character range of `needle` in `text`.
fn chars_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let byte = text.find(needle).expect("in the text");
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

#[test]
fn right_to_left_paragraphs_align_right_and_keep_exact_offsets() {
    let tmp = util::tempdir();
    let root = tmp.path().join("rtl");
    let mut dir = ProjectDir::create(&root, "rtl", Codebook::default_media()).expect("create");
    dir.write_text("mixed", MIXED).expect("write the text");
    dir.project.documents.push(DocumentEntry {
        id: "mixed".into(),
        title: "mixed".into(),
        meta: Metadata::default(),
        text_hash: text_hash(MIXED),
        chars: MIXED.chars().count(),
    });
    dir.save_project().expect("save the project");
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the project opens");
    // Drawing tofu for Arabic and Hebrew: the test fonts have neither (the
    // layout, not the glyphs, is tested).
    let mut h = util::app_harness_with(app, (1280.0, 800.0), |b| b.allow_missing_glyphs());

    let d = doc(&h);
    assert_eq!(d.paragraphs.len(), 3);
    assert!(d.layout.is_rtl(0) && d.layout.is_rtl(1) && !d.layout.is_rtl(2));
    let origin = d.origin.expect("drawn");
    let right = origin.x + d.layout.width();
    let piece =
        |h: &Harness<'_, NewscoderApp>, r: std::ops::Range<usize>| doc(h).screen_pieces(r)[0].band;
    for p in 0..2 {
        let para = piece(&h, d.paragraphs[p].clone());
        assert!(
            (para.right() - right).abs() < 1.0,
            "paragraph {p} ends at the right"
        );
        assert!(
            para.left() > origin.x + 40.0,
            "paragraph {p} is not at the left"
        );
    }
    let english = piece(&h, d.paragraphs[2].clone());
    assert!(
        (english.left() - origin.x).abs() < 1.0,
        "English starts at the left"
    );
    // Reading order: the first word at the right, the next to its left.
    let (first, second) = (
        piece(&h, chars_of(MIXED, "שר")),
        piece(&h, chars_of(MIXED, "החוץ")),
    );
    assert!((first.right() - right).abs() < 1.0);
    assert!(second.right() <= first.left() + 0.5);

    // Double-click a Hebrew word and an Arabic one, tag each as Person:
    // the spans cover exactly those words.
    for word in ["ישראל", "مادورو"] {
        let range = chars_of(MIXED, word);
        assert_eq!(doc(&h).slice(range.clone()), word);
        let at = piece(&h, range.clone()).center();
        h.hover_at(at);
        h.run();
        for _ in 0..2 {
            h.drag_at(at);
            h.step();
            h.drop_at(at);
            h.step();
        }
        h.run();
        assert_eq!(doc(&h).selection, Some(range.clone()), "{word} selected");
        h.key_press(Key::P);
        h.run();
        let s = h.state().session().expect("session");
        let set = s.ws().set(&doc(&h).key).expect("alice's annotations");
        assert!(
            set.spans
                .iter()
                .any(|s| s.start == range.start && s.end == range.end && s.label == "Person"),
            "{word} tagged at {range:?}: {:?}",
            set.spans
        );
        // Let the double-click window pass before the next word.
        let now = h.ctx.input(|i| i.time);
        h.input_mut().time = Some(now + 1.0);
        h.run();
    }
}
