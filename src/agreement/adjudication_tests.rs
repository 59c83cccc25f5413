//! Adjudication on a small document: agreed spans accepted, each choice,
//! re-deciding, undo, links carried over, and the log on disk.

use super::*;
use crate::agreement::compare_sets;
use crate::agreement::fixture::{TEXT, span, two_coders};
use crate::edit::Workspace;
use crate::model::ActorId;

const AT: &str = "2019-05-01T12:00:00Z";

struct Fixture {
    ws: Workspace,
    log: DecisionLog,
}

impl Fixture {
    fn new(tmp: &Path) -> Fixture {
        Fixture {
            ws: two_coders(tmp),
            log: DecisionLog::new("d", "gold", ["alice", "bob"]),
        }
    }

    fn set(&self, coder: &str) -> &AnnotationSet {
        self.ws.set(&SetKey::new(coder, "d")).unwrap()
    }

    fn comparison(&self) -> DocumentComparison {
        compare_sets("d", TEXT, self.set("alice"), self.set("bob"))
    }

    fn apply(&mut self, r: Option<Resolution>) {
        if let Some(r) = r {
            self.ws.apply(r.transaction.clone()).unwrap();
            self.log.record(r);
        }
    }

    fn accept(&mut self) {
        let c = self.comparison();
        let cb = self.ws.project().codebook.clone();
        let sets = Sets {
            a: self.set("alice"),
            b: self.set("bob"),
            gold: self.set("gold"),
            codebook: &cb,
        };
        let r = accept_agreed(&self.log, &sets, &c, "judge", AT);
        self.apply(r);
    }

    fn decide(&mut self, kind: DisagreementKind, choice: Choice) {
        let c = self.comparison();
        let d = c
            .disagreements
            .iter()
            .find(|d| d.kind == kind)
            .unwrap()
            .clone();
        let cb = self.ws.project().codebook.clone();
        let sets = Sets {
            a: self.set("alice"),
            b: self.set("bob"),
            gold: self.set("gold"),
            codebook: &cb,
        };
        let r = resolve(&self.log, &sets, &d, choice, "judge", AT);
        self.apply(Some(r));
    }

    fn gold(&self) -> Vec<(usize, usize, String)> {
        self.set("gold")
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.clone()))
            .collect()
    }

    fn progress(&self) -> (usize, usize) {
        progress(&self.log, self.set("gold"), &self.comparison())
    }
}

#[test]
fn agreed_spans_are_pre_accepted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    assert_eq!(f.progress(), (0, 5));
    f.accept();
    assert_eq!(f.gold(), vec![(0, 6, "Person".to_string())]);
    let g = &f.set("gold").spans[0];
    assert_eq!(g.actor, Some(ActorId(1)), "the actor comes along");
    assert_eq!(f.log.decisions.len(), 1);
    assert_eq!(f.log.decisions[0].choice, Choice::Agreed);
    // Nothing left to accept the second time.
    let before = f.log.clone();
    f.accept();
    assert_eq!(f.log, before);
}

#[test]
fn each_choice_and_its_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    f.accept();
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeB);
    assert!(f.gold().contains(&(13, 21, "Person".to_string())));
    assert_eq!(f.progress(), (1, 5));
    f.decide(DisagreementKind::MissingInB, Choice::TakeNeither);
    f.decide(DisagreementKind::MissingInA, Choice::TakeA);
    assert_eq!(
        f.progress(),
        (3, 5),
        "taking neither on a one-sided span resolves it too"
    );
    assert!(!f.gold().iter().any(|g| g.2 == "Group" || g.2 == "Location"));
    // The stance differs in polarity and in its target link: take A.
    f.decide(DisagreementKind::AttributeDiffers, Choice::TakeA);
    f.decide(DisagreementKind::LinkDiffers, Choice::TakeA);
    assert_eq!(f.progress(), (5, 5));
    let gold = f.set("gold");
    let stance = gold.spans.iter().find(|s| s.label == "Stance").unwrap();
    assert_eq!(stance.attrs["polarity"], "oppose");
    // Holder → the accepted Maduro, target → the Guaido taken from B (which
    // stands for A's Guaido as well).
    let holder = gold.span(stance.links["holder"][0]).unwrap();
    let target = gold.span(stance.links["target"][0]).unwrap();
    assert_eq!((holder.start, holder.end), (0, 6));
    assert_eq!((target.start, target.end), (13, 21));
    assert_eq!(gold.spans.len(), 3);
}

#[test]
fn re_deciding_replaces_and_undo_unresolves() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeA);
    assert_eq!(f.gold(), vec![(13, 19, "Person".to_string())]);
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeBoth);
    assert_eq!(
        f.gold(),
        vec![
            (13, 19, "Person".to_string()),
            (13, 21, "Person".to_string())
        ]
    );
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeNeither);
    assert!(f.gold().is_empty());
    assert_eq!(f.progress(), (1, 5));
    f.ws.undo().unwrap();
    assert_eq!(f.gold().len(), 2);
    // The latest decision is "neither", and its effect is gone.
    assert_eq!(f.progress(), (0, 5));
    f.ws.redo().unwrap();
    assert_eq!(f.progress(), (1, 5));
    assert_eq!(f.log.decisions.len(), 3, "the journal keeps every decision");
}

#[test]
fn attribute_and_link_questions_are_decided_separately() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    f.accept();
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeA);
    // B's polarity, then A's links: one stance with both.
    f.decide(DisagreementKind::AttributeDiffers, Choice::TakeB);
    f.decide(DisagreementKind::LinkDiffers, Choice::TakeA);
    assert_eq!(f.progress(), (3, 5));
    let gold = f.set("gold");
    let stances: Vec<&Span> = gold.spans.iter().filter(|s| s.label == "Stance").collect();
    assert_eq!(stances.len(), 1);
    assert_eq!(stances[0].attrs["polarity"], "support");
    assert_eq!(stances[0].links.len(), 2);
    // Neither on the link question: only the shared holder stays.
    f.decide(DisagreementKind::LinkDiffers, Choice::TakeNeither);
    let gold = f.set("gold");
    let stance = gold.spans.iter().find(|s| s.label == "Stance").unwrap();
    assert_eq!(stance.attrs["polarity"], "support");
    assert_eq!(stance.links.keys().collect::<Vec<_>>(), ["holder"]);
    assert_eq!(f.progress(), (3, 5));
    // Neither on the attribute: the polarity they disagree on goes.
    f.decide(DisagreementKind::AttributeDiffers, Choice::TakeNeither);
    let gold = f.set("gold");
    let stance = gold.spans.iter().find(|s| s.label == "Stance").unwrap();
    assert!(stance.attrs.is_empty());
    assert_eq!(f.progress(), (3, 5));
}

#[test]
fn a_stance_taken_before_its_holder_gets_the_link_later() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    f.decide(DisagreementKind::AttributeDiffers, Choice::TakeA);
    let stance = f.set("gold").spans[0].clone();
    assert!(stance.links.is_empty(), "no holder or target in gold yet");
    f.accept();
    f.decide(DisagreementKind::BoundaryDiffers, Choice::TakeA);
    let gold = f.set("gold");
    let stance = gold.spans.iter().find(|s| s.label == "Stance").unwrap();
    assert_eq!(stance.links.len(), 2);
    assert!(crate::model::validate_set(f.ws.project(), TEXT.chars().count(), gold).is_empty());
}

#[test]
fn edited_records_the_gold_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    let key = SetKey::new("gold", "d");
    f.ws.apply(Transaction::single(
        "Tag",
        Edit::PutSpan {
            key,
            span: span(40, 13, 20, "Person"),
        },
    ))
    .unwrap();
    f.decide(DisagreementKind::BoundaryDiffers, Choice::Edited);
    let d = f.log.decisions.last().unwrap();
    assert_eq!(d.gold.len(), 1);
    assert_eq!((d.gold[0].start, d.gold[0].end), (13, 20));
    assert_eq!(f.progress(), (1, 5));
}

#[test]
fn the_log_round_trips_and_paths_are_safe() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::new(tmp.path());
    f.accept();
    f.decide(DisagreementKind::MissingInA, Choice::TakeB);
    save_log(tmp.path(), &f.log).unwrap();
    let path = tmp.path().join("adjudication/gold/d.ron");
    assert!(path.is_file());
    let back = load_log(tmp.path(), "gold", "d").unwrap().unwrap();
    assert_eq!(back, f.log);
    assert_eq!(load_log(tmp.path(), "gold", "other").unwrap(), None);
    assert!(log_path(tmp.path(), "../x", "d").is_err());
    assert!(log_path(tmp.path(), "gold", "../../etc/passwd").is_err());
    // The project still validates: the log lives outside annotations/.
    f.ws.save().unwrap();
    assert_eq!(crate::store::validate_project(tmp.path()), vec![]);
    std::fs::write(&path, "(document: \"d\", decisions: [").unwrap();
    let err = load_log(tmp.path(), "gold", "d").unwrap_err().to_string();
    assert!(err.contains("d.ron:1:"), "{err}");
}

#[test]
fn timestamps() {
    assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
    assert_eq!(utc_timestamp(1_556_712_000), "2019-05-01T12:00:00Z");
    assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00Z");
    assert!(now_utc().ends_with('Z'));
}
