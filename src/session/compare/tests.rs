//! Comparing and adjudicating without a window: the same steps the compare
//! view takes, driven directly on a session.

use super::*;
use crate::agreement::fixture::two_coders;
use crate::agreement::{DisagreementKind, load_log};

fn open(root: &std::path::Path) -> (Session, CompareState) {
    two_coders(root);
    let mut s = Session::open(root, "judge").unwrap();
    let mut view = CompareState::new("judge");
    view.set_coders("alice", "bob");
    view.sync(&mut s);
    (s, view)
}

#[test]
fn invalid_choices_are_explained() {
    let tmp = tempfile::tempdir().unwrap();
    two_coders(tmp.path());
    let mut s = Session::open(tmp.path(), "judge").unwrap();
    let mut view = CompareState::new("judge");
    view.set_coders("alice", "alice");
    assert!(
        view.coders_ok()
            .unwrap_err()
            .contains("two different coders")
    );
    view.set_coders("alice", "bob");
    view.gold = "bob".into();
    assert!(view.coders_ok().is_err());
    view.gold = "../x".into();
    assert!(view.coders_ok().is_err());
    view.gold = "gold".into();
    view.sync(&mut s);
    assert_eq!(view.document(), Some("d"));
    assert_eq!(view.disagreements().len(), 5);
    // "Both" on a polarity disagreement would put the same span in gold
    // twice; it is refused and nothing is written or recorded.
    assert_eq!(
        view.current_disagreement().unwrap().kind,
        DisagreementKind::AttributeDiffers
    );
    let err = view
        .perform(&mut s, Adjudicate::Decide(Choice::TakeBoth))
        .unwrap_err();
    assert!(err.contains("take A or B"), "{err}");
    assert_eq!(view.message.as_ref().map(|m| m.error), Some(true));
    assert_eq!(view.progress("d"), Some((0, 5)));
    assert!(s.ws().history().undo_label().is_none());
}

#[test]
fn a_decision_goes_through_the_session_and_is_logged() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, mut view) = open(tmp.path());
    let done = view
        .perform(&mut s, Adjudicate::Decide(Choice::TakeB))
        .unwrap();
    assert_eq!(done, Adjudicated::Done("Resolved: took B".into()));
    // Gold holds the agreed Maduro and B's stance, as one undoable step
    // each, and the log is on disk.
    let gold = s.ws().set(&SetKey::new("gold", "d")).unwrap();
    assert_eq!(gold.spans.len(), 2);
    let log = load_log(tmp.path(), "gold", "d").unwrap().unwrap();
    assert_eq!(log.decisions.len(), 2);
    assert_eq!(view.progress("d"), Some((1, 5)));
    s.undo().unwrap();
    view.sync(&mut s);
    assert_eq!(view.progress("d"), Some((0, 5)));
}

#[test]
fn a_read_only_session_adjudicates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    two_coders(tmp.path());
    // The lock cannot be written (a folder stands where it goes): the
    // session opens read-only.
    let lock = tmp.path().join("annotations").join("judge").join(".lock");
    std::fs::create_dir_all(&lock).unwrap();
    let mut s = Session::open(tmp.path(), "judge").unwrap();
    assert!(s.is_read_only());
    let mut view = CompareState::new("judge");
    view.set_coders("alice", "bob");
    view.sync(&mut s);
    for what in [
        Adjudicate::AcceptAgreed,
        Adjudicate::Decide(Choice::TakeA),
        Adjudicate::EditInGold,
    ] {
        let err = view.perform(&mut s, what).unwrap_err();
        assert_eq!(err, crate::session::READ_ONLY);
    }
    assert!(
        s.ws()
            .set(&SetKey::new("gold", "d"))
            .is_none_or(|g| g.spans.is_empty())
    );
    assert!(load_log(tmp.path(), "gold", "d").unwrap().is_none());
}

#[test]
fn editing_in_gold_accepts_the_agreed_spans_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, mut view) = open(tmp.path());
    let Adjudicated::EditGold(edit) = view.perform(&mut s, Adjudicate::EditInGold).unwrap() else {
        panic!("expected a place to edit");
    };
    assert_eq!(
        edit,
        GoldEdit {
            coder: "gold".into(),
            document: "d".into(),
            range: 7..28,
        }
    );
    let gold = s.ws().set(&SetKey::new("gold", "d")).unwrap();
    assert_eq!(gold.spans.len(), 1);
}

#[test]
fn the_team_leaves_out_suggestions_and_gold_sets() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("adjudication/final")).unwrap();
    let all: Vec<String> = [
        "alice",
        "suggestions",
        "bob",
        "gold",
        "final",
        "carol",
        "mine",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        team::team_coders(&all, tmp.path(), "mine"),
        ["alice", "bob", "carol"]
    );
}

#[test]
fn two_coders_and_an_adjudicator_are_no_team() {
    // The fixture's coders plus "judge", whose folder holds only a lock.
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, view) = open(tmp.path());
    assert!(view.team.is_none());
    let coders = ["alice", "bob", "judge"].map(String::from);
    let mut problems = Vec::new();
    assert_eq!(
        team::TeamFigures::load(&mut s.ws, &coders, &mut problems),
        None
    );
    assert!(problems.is_empty());
}

#[test]
fn a_document_code_is_adjudicated_into_gold_and_logged() {
    let tmp = tempfile::tempdir().unwrap();
    two_coders(tmp.path());
    // alice and bob disagree on the genre of d.
    let dir = crate::store::ProjectDir::open(tmp.path()).unwrap();
    for (coder, genre) in [("alice", "news report"), ("bob", "opinion or commentary")] {
        let mut set = dir.load_set(coder, "d").unwrap().unwrap();
        set.codes
            .insert("genre".into(), crate::model::CodeValue::Text(genre.into()));
        dir.save_set(&set).unwrap();
    }
    let mut s = Session::open(tmp.path(), "judge").unwrap();
    let mut view = CompareState::new("judge");
    view.set_coders("alice", "bob");
    view.sync(&mut s);
    let done = view
        .perform(
            &mut s,
            Adjudicate::Code {
                variable: "genre".into(),
                choice: Choice::TakeB,
            },
        )
        .unwrap();
    assert_eq!(done, Adjudicated::Done("genre: took B".into()));
    let gold = s.ws().set(&SetKey::new("gold", "d")).unwrap();
    assert_eq!(
        gold.codes.get("genre"),
        Some(&crate::model::CodeValue::Text(
            "opinion or commentary".into()
        ))
    );
    let log = load_log(tmp.path(), "gold", "d").unwrap().unwrap();
    assert_eq!(log.codes.len(), 1);
    assert_eq!(log.codes[0].choice, Choice::TakeB);
    assert_eq!(
        log.codes[0].a,
        Some(crate::model::CodeValue::Text("news report".into()))
    );
    // One undoable step.
    s.undo().unwrap();
    let gold = s.ws().set(&SetKey::new("gold", "d")).unwrap();
    assert!(gold.codes.is_empty());
    // Neither side's code cannot be "taken".
    assert!(
        view.perform(
            &mut s,
            Adjudicate::Code {
                variable: "genre".into(),
                choice: Choice::TakeNeither,
            },
        )
        .is_err()
    );
}
