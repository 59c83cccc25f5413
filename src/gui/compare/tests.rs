//! The compare view driven through egui_kittest on a real workspace: the
//! summary tables, moving between disagreements with the keyboard, and
//! adjudicating into gold (keys and buttons), with the decision log on disk
//! and undo.

use super::*;
use crate::agreement::fixture::two_coders;
use crate::agreement::{DisagreementKind, load_log};
use crate::model::Span;
use crate::session::compare::{Adjudicated, GoldEdit, Sort};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

struct State {
    view: CompareState,
    session: Session,
    outcomes: Vec<Adjudicated>,
}

/// The view over `two_coders`, with decisions performed after each frame
/// as the app does.
fn harness(root: &std::path::Path) -> Harness<'static, State> {
    two_coders(root);
    harness_on(root)
}

/// The view of alice and bob over the project in `root`.
fn harness_on(root: &std::path::Path) -> Harness<'static, State> {
    let mut view = CompareState::new("judge");
    view.set_coders("alice", "bob");
    let state = State {
        view,
        session: Session::open(root, "judge").unwrap(),
        outcomes: Vec::new(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, s: &mut State| {
                s.view.sync(&mut s.session);
                for c in compare_ui(ui, &mut s.view, &s.session) {
                    if let Command::Adjudicate(what) = c
                        && let Ok(done) = s.view.perform(&mut s.session, what)
                    {
                        s.outcomes.push(done);
                    }
                }
            },
            state,
        );
    h.run();
    h
}

fn gold(h: &Harness<'static, State>) -> Vec<Span> {
    h.state()
        .session
        .ws()
        .set(&SetKey::new("gold", "d"))
        .map(|s| s.spans.clone())
        .unwrap_or_default()
}

#[test]
fn shows_the_summary_and_the_disagreements() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(tmp.path());
    assert!(h.query_by_label("Agreement per label").is_some());
    assert!(h.query_by_label("Agreement per document").is_some());
    assert!(h.query_by_label("0 of 5 resolved").is_some());
    assert!(
        h.query_by_label_contains("open · boundary differs")
            .is_some()
    );
    assert!(h.query_by_label("A: alice").is_some() && h.query_by_label("B: bob").is_some());
    // Sorting by a column flips on the second click.
    // The label table comes first; the document table has the same header.
    h.query_all_by_label("exact F1").next().unwrap().click();
    h.run();
    assert_eq!(
        h.state().view.label_sort,
        Sort {
            column: 3,
            descending: false
        }
    );
    assert_eq!(h.state().view.doc_sort, Sort::default());
    h.get_by_label("exact F1 ^").click();
    h.run();
    assert!(h.state().view.label_sort.descending);
}

#[test]
fn keys_walk_the_disagreements() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(tmp.path());
    assert_eq!(h.state().view.current_index(), 0);
    h.key_press(egui::Key::N);
    h.run();
    assert_eq!(h.state().view.current_index(), 1);
    h.key_press(egui::Key::P);
    h.key_press(egui::Key::P);
    h.run();
    assert_eq!(h.state().view.current_index(), 4, "wraps around");
    // Clicking a label row jumps to a disagreement involving it.
    h.get_by_label("Location").click();
    h.run();
    let d = h.state().view.current_disagreement().unwrap();
    assert_eq!(d.kind, DisagreementKind::MissingInA);
}

#[test]
fn adjudicating_with_keys_and_buttons_writes_gold_and_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(tmp.path());
    // The first disagreement is the stance's polarity: take B's.
    assert_eq!(
        h.state().view.current_disagreement().unwrap().kind,
        DisagreementKind::AttributeDiffers
    );
    h.key_press(egui::Key::B);
    h.run();
    let g = gold(&h);
    // Maduro (agreed, accepted first) and B's stance.
    assert_eq!(g.len(), 2);
    let stance = g.iter().find(|s| s.label == "Stance").unwrap();
    assert_eq!(stance.attrs["polarity"], "support");
    assert_eq!(h.state().view.progress("d"), Some((1, 5)));
    assert!(h.query_by_label("1 of 5 resolved").is_some());
    // The next unresolved one is selected: the stance's target link.
    assert_eq!(
        h.state().view.current_disagreement().unwrap().kind,
        DisagreementKind::LinkDiffers
    );
    h.get_by_label("Take neither").click();
    h.run();
    assert_eq!(h.state().view.progress("d"), Some((2, 5)));

    let log = load_log(tmp.path(), "gold", "d").unwrap().unwrap();
    let choices: Vec<Choice> = log.decisions.iter().map(|d| d.choice).collect();
    assert_eq!(
        choices,
        [Choice::Agreed, Choice::TakeB, Choice::TakeNeither]
    );
    assert!(log.decisions.iter().all(|d| d.by == "judge"));

    // The stance keeps B's polarity and only the link both coders share.
    let g = gold(&h);
    let stance = g.iter().find(|s| s.label == "Stance").unwrap();
    assert_eq!(stance.attrs["polarity"], "support");
    assert_eq!(stance.links.len(), 1);

    // Undo is the app's: the view follows the workspace. Taking neither
    // link changed nothing (B had only the shared one), so undoing it
    // leaves both decisions holding; undoing "take B" removes the stance.
    h.state_mut().session.undo().unwrap();
    h.run();
    assert_eq!(h.state().view.progress("d"), Some((2, 5)));
    h.state_mut().session.undo().unwrap();
    h.run();
    assert_eq!(h.state().view.progress("d"), Some((0, 5)));
    assert_eq!(gold(&h).len(), 1, "only the accepted Maduro is left");
    h.state_mut().session.undo().unwrap();
    h.run();
    assert!(gold(&h).is_empty());
}

#[test]
fn edit_in_gold_asks_the_app() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(tmp.path());
    h.key_press(egui::Key::E);
    h.run();
    let r = h.state().outcomes.clone();
    assert_eq!(
        r,
        vec![Adjudicated::EditGold(GoldEdit {
            coder: "gold".into(),
            document: "d".into(),
            range: 7..28,
        })]
    );
    // The gold set now holds the agreed span, ready to be edited.
    assert_eq!(gold(&h).len(), 1);
    h.key_press(egui::Key::D);
    h.run();
    assert_eq!(h.state().view.progress("d"), Some((1, 5)));
}

/// With a third coder the summary adds alpha over all coders, leaving out
/// the gold set and the suggestions pseudo-coder.
#[test]
fn shows_alpha_over_all_coders_of_a_team() {
    use crate::agreement::{ReportOptions, compute_team, load_team};
    use crate::model::{AnnotationSet, SpanId, Status};
    let tmp = tempfile::tempdir().unwrap();
    two_coders(tmp.path());
    let dir = crate::store::ProjectDir::open(tmp.path()).unwrap();
    let text = crate::agreement::fixture::TEXT;
    for (coder, spans) in [
        (
            "carol",
            vec![(0, 6, "Person"), (13, 19, "Person"), (46, 53, "Location")],
        ),
        ("suggestions", vec![(30, 36, "Person")]),
        ("gold", vec![(0, 6, "Person")]),
    ] {
        let mut set = AnnotationSet::new("d", coder);
        set.status = Status::Done;
        for (i, (start, end, label)) in spans.into_iter().enumerate() {
            set.put(Span::new(SpanId(i as u32 + 1), start, end, label));
        }
        dir.save_set(&set).unwrap();
    }
    assert_eq!(&text[46..53], "Caracas");
    let mut h = harness_on(tmp.path());
    assert!(h.query_by_label("Agreement of all coders").is_some());
    assert!(
        h.query_by_label_contains("over all 3 coders at once (alice, bob, carol)")
            .is_some()
    );
    // The figures are the command line's for the same three coders.
    let coders = ["alice", "bob", "carol"].map(String::from);
    let want = compute_team(&load_team(&dir, &coders).unwrap(), ReportOptions::default()).all;
    let team = h.state().view.team.clone().expect("three coders");
    assert_eq!(team.coders, coders);
    assert_eq!(team.report, want);
    let person = want.labels.get("Person").unwrap().token_alpha.unwrap();
    assert!(person > 0.0 && person < 1.0, "{person}");
    assert!(
        h.query_all_by_label(&format!("{person:.2}"))
            .next()
            .is_some(),
        "Person's alpha is shown"
    );
    // Sorting the team table leaves the pair's tables alone.
    let headers: Vec<_> = h.query_all_by_label("token α").collect();
    assert_eq!(headers.len(), 1, "only the team table has a token α column");
    headers[0].click();
    h.run();
    assert_eq!(h.state().view.team_sort.column, 1);
    assert_eq!(h.state().view.label_sort, Sort::default());
    // A label in the team table jumps like one in the pair's table.
    h.query_all_by_label("Location").last().unwrap().click();
    h.run();
    let d = h.state().view.current_disagreement().unwrap();
    assert_eq!(d.kind, DisagreementKind::MissingInA);
}
