//! `newscoder merge PROJECT OTHER`: two copies of a project coded apart
//! (folders passed around) brought back together.

use crate::util::{copy_dir, example_copy, format1_copy, newscoder, run_said, tempdir};
use newscoder::model::{
    Actor, ActorId, ActorKind, AnnotationSet, Color, Label, Span, SpanId, Status,
};
use newscoder::store::ProjectDir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DOC: &str = "wire-military-unity";

/// Every file under `root` with its bytes.
pub(crate) fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Adds `actor` to the project in `root`.
fn add_actor(root: &Path, actor: Actor) {
    let mut dir = ProjectDir::open(root).unwrap();
    dir.project.actors.put(actor);
    dir.save_project().unwrap();
}

/// Writes `coder`'s set on `doc` with one Person span per (start, end, actor).
fn code(root: &Path, coder: &str, doc: &str, spans: &[(usize, usize, ActorId)]) {
    let mut dir = ProjectDir::open(root).unwrap();
    dir.add_coder(coder).unwrap();
    let mut set = AnnotationSet::new(doc, coder);
    set.status = Status::InProgress;
    for (i, (start, end, actor)) in spans.iter().enumerate() {
        let mut span = Span::new(SpanId(i as u32 + 1), *start, *end, "Person");
        span.actor = Some(*actor);
        set.spans.push(span);
    }
    dir.save_set(&set).unwrap();
}

/// Imports a text file named `name` with `text` into the project.
fn import_text(root: &Path, name: &str, text: &str) {
    let tmp = tempdir();
    let file = crate::util::write(tmp.path(), name, text);
    let (ok, said) = run_said(newscoder().arg("import").arg(root).arg(&file));
    assert!(ok, "{said}");
}

fn merge(args: &[&str], project: &Path, other: &Path) -> (bool, String) {
    run_said(newscoder().arg("merge").arg(project).arg(other).args(args))
}

fn validate(root: &Path) {
    let (ok, said) = run_said(newscoder().arg("validate").arg(root));
    assert!(ok, "validate after the merge: {said}");
}

fn actor(id: ActorId, name: &str) -> Actor {
    let mut a = Actor::new(name, ActorKind::Person);
    a.id = id;
    a
}

/// Two copies: carol codes in A, dave in B; both add the same new person
/// under the same name (different ids), both add actor number 38 (format
/// 1's numbering) for two different people, both add a document, and
/// alice changes the same set differently on both sides.
pub(crate) fn two_copies() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, a) = example_copy();
    let b = tmp.path().join("copy-b");
    copy_dir(&a, &b);
    let delcy_a = ActorId::generate();
    let delcy_b = ActorId::generate();
    add_actor(&a, actor(delcy_a, "Delcy Rodríguez"));
    add_actor(&b, {
        let mut d = actor(delcy_b, "delcy rodríguez");
        d.aliases.push("Vice President Rodríguez".into());
        d
    });
    add_actor(&a, actor(ActorId(38), "Diosdado Cabello"));
    add_actor(&b, actor(ActorId(38), "Vladimir Padrino"));
    code(
        &a,
        "carol",
        DOC,
        &[(0, 20, delcy_a), (216, 251, ActorId(38))],
    );
    code(
        &b,
        "dave",
        DOC,
        &[(0, 20, delcy_b), (216, 251, ActorId(38))],
    );
    import_text(&a, "only-in-a.txt", "A text only copy A has.\n");
    import_text(&b, "only-in-b.txt", "A text only copy B has.\n");
    import_text(&a, "same-name.txt", "Copy A's text under a shared name.\n");
    import_text(&b, "same-name.txt", "Copy B's text under a shared name.\n");
    // alice's set on DOC: one span fewer in A, a note in B.
    for (root, change) in [(&a, 0), (&b, 1)] {
        let dir = ProjectDir::open(root).unwrap();
        let mut set = dir.load_set("alice", DOC).unwrap().unwrap();
        if change == 0 {
            set.spans.pop();
        } else {
            set.spans[0].note = "changed in copy B".into();
        }
        dir.save_set(&set).unwrap();
    }
    (tmp, a, b)
}

#[test]
fn merge_brings_coders_actors_documents_and_keeps_both_versions_of_a_conflict() {
    let (_tmp, a, b) = two_copies();
    let b_before = tree(&b);
    let (ok, said) = merge(&[], &a, &b);
    assert!(ok, "{said}");
    assert_eq!(tree(&b), b_before, "the other copy is never written to");
    validate(&a);
    let dir = ProjectDir::open(&a).unwrap();

    // Both coders' sets are there.
    assert!(dir.load_set("carol", DOC).unwrap().is_some());
    let dave = dir
        .load_set("dave", DOC)
        .unwrap()
        .expect("dave's set is copied");

    // Delcy Rodríguez once, B's alias added, dave's mention re-pointed.
    let delcys: Vec<&Actor> = dir
        .project
        .actors
        .actors
        .iter()
        .filter(|x| x.is_called("Delcy Rodríguez"))
        .collect();
    assert_eq!(delcys.len(), 1, "{said}");
    let delcy = delcys[0];
    assert!(delcy.is_called("Vice President Rodríguez"));
    assert_eq!(dave.spans[0].actor, Some(delcy.id));
    assert!(said.contains("united “delcy rodríguez”"), "{said}");

    // Number 38 stays Cabello; Padrino gets a fresh id and dave's mention
    // of him follows.
    assert_eq!(
        dir.project.actors.get(ActorId(38)).unwrap().name,
        "Diosdado Cabello"
    );
    let padrino = dir
        .project
        .actors
        .find_by_name("Vladimir Padrino")
        .expect("added");
    assert_ne!(padrino.id, ActorId(38));
    assert_eq!(dave.spans[1].actor, Some(padrino.id));
    let carol = dir.load_set("carol", DOC).unwrap().unwrap();
    assert_eq!(carol.spans[1].actor, Some(ActorId(38)));

    // Documents: B's own is added, B's same-named one renamed.
    assert!(dir.project.document("only-in-b").is_some(), "{said}");
    assert!(dir.project.document("only-in-a").is_some());
    let renamed = dir.project.document("same-name-2").expect("renamed");
    assert_eq!(
        dir.read_text(&renamed.id).unwrap(),
        "Copy B's text under a shared name.\n"
    );
    assert_eq!(
        dir.read_text("same-name").unwrap(),
        "Copy A's text under a shared name.\n"
    );

    // The conflict: A's version in place, B's beside it as alice_other.
    let ours = dir.load_set("alice", DOC).unwrap().unwrap();
    let theirs = dir
        .load_set("alice_other", DOC)
        .unwrap()
        .expect("both kept");
    assert!(ours.spans[0].note != "changed in copy B");
    assert_eq!(theirs.spans[0].note, "changed in copy B");
    assert_eq!(theirs.spans.len(), ours.spans.len() + 1);
    assert!(
        said.contains(
            "CONFLICT alice/wire-military-unity: both changed (1 span only in the other copy; \
             1 span with other attributes, links, actor or note)"
        ),
        "{said}"
    );
    // bob's sets were the same on both sides.
    assert!(said.contains("identical bob/"), "{said}");

    // Merging again changes nothing.
    let again = tree(&a);
    let (ok, said) = merge(&[], &a, &b);
    assert!(ok, "{said}");
    assert!(said.contains("Nothing to merge"), "{said}");
    assert_eq!(tree(&a), again);
}

#[test]
fn dry_run_lists_every_decision_and_writes_nothing() {
    let (_tmp, a, b) = two_copies();
    let (a_before, b_before) = (tree(&a), tree(&b));
    let (ok, said) = merge(&["--dry-run"], &a, &b);
    assert!(ok, "{said}");
    assert_eq!(tree(&a), a_before);
    assert_eq!(tree(&b), b_before);
    for expected in [
        "added “only-in-b”",
        "added “same-name” as “same-name-2”",
        "matched “wire-military-unity”",
        "united “delcy rodríguez”",
        "added “Vladimir Padrino” as",
        "copied dave/wire-military-unity",
        "CONFLICT alice/wire-military-unity",
        "Dry run: nothing was written.",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in:\n{said}");
    }
}

#[test]
fn contradicting_codebook_changes_are_refused_and_nothing_is_written() {
    let (_tmp, a, b) = two_copies();
    let mut dir = ProjectDir::open(&b).unwrap();
    dir.project.codebook.label_mut("Person").unwrap().color = Color([1, 2, 3]);
    dir.save_project().unwrap();
    let (a_before, b_before) = (tree(&a), tree(&b));
    let (ok, said) = merge(&[], &a, &b);
    assert!(!ok, "{said}");
    assert!(said.contains("label “Person”"), "{said}");
    assert!(
        said.contains("#010203"),
        "names the other copy's colour: {said}"
    );
    assert!(said.contains("nothing was written"), "{said}");
    assert_eq!(tree(&a), a_before);
    assert_eq!(tree(&b), b_before);
}

#[test]
fn codebook_additions_come_along() {
    let (_tmp, a, b) = two_copies();
    let mut dir = ProjectDir::open(&b).unwrap();
    dir.project
        .codebook
        .ensure_label("Actor", Label::plain("Militia", Color([9, 9, 9])));
    dir.save_project().unwrap();
    let (ok, said) = merge(&[], &a, &b);
    assert!(ok, "{said}");
    assert!(said.contains("added label “Militia”"), "{said}");
    let dir = ProjectDir::open(&a).unwrap();
    assert!(dir.project.codebook.label("Militia").is_some());
    validate(&a);
}

#[test]
fn an_unreadable_file_in_the_other_copy_is_named_with_its_position() {
    let (_tmp, a, b) = two_copies();
    std::fs::write(
        b.join("annotations/dave").join(format!("{DOC}.ron")),
        "(\n  spans: [oops\n",
    )
    .unwrap();
    let before = tree(&a);
    let (ok, said) = merge(&[], &a, &b);
    assert!(!ok, "{said}");
    assert!(said.contains("dave/wire-military-unity.ron:"), "{said}");
    assert_eq!(tree(&a), before);
}

#[test]
fn a_format_1_copy_merges_without_being_changed() {
    let (_tmp, a) = example_copy();
    // This project says a stance has one holder; format 1 had no arity
    // (every role reads as taking many): that is no contradiction.
    let mut dir = ProjectDir::open(&a).unwrap();
    let stance = dir.project.codebook.label_mut("Stance").unwrap();
    stance
        .roles
        .iter_mut()
        .find(|r| r.name == "holder")
        .unwrap()
        .takes = newscoder::model::RoleArity::One;
    dir.save_project().unwrap();
    let (_tmp1, old) = format1_copy();
    let old_before = tree(&old);
    let (ok, said) = merge(&[], &a, &old);
    assert!(ok, "{said}");
    assert!(said.contains("format version 1"), "{said}");
    assert_eq!(tree(&old), old_before);
    validate(&a);
    let dir = ProjectDir::open(&a).unwrap();
    let stance = dir.project.codebook.label("Stance").unwrap();
    assert_eq!(
        stance.role("holder").unwrap().takes,
        newscoder::model::RoleArity::One
    );
}

#[test]
fn gold_sets_and_decision_logs_are_copied_or_joined() {
    use newscoder::agreement::{Choice, Decision, DecisionLog, load_log, save_log};
    let (_tmp, a, b) = two_copies();
    let decision = |at: &str, by: &str| Decision {
        at: at.into(),
        by: by.into(),
        kind: None,
        a: None,
        b: None,
        choice: Choice::Agreed,
        gold: Vec::new(),
    };
    let log = |doc: &str, decisions: Vec<Decision>| DecisionLog {
        document: doc.into(),
        gold: "gold".into(),
        coders: ["alice".into(), "bob".into()],
        decisions,
        origins: Vec::new(),
        codes: Vec::new(),
    };
    const SHARED: &str = "prensa-caribe-0501";
    // Both adjudicated SHARED to the same gold set at different times; only
    // B adjudicated DOC.
    for (root, at) in [(&a, "2026-01-01T10:00:00Z"), (&b, "2026-01-02T10:00:00Z")] {
        let dir = ProjectDir::open(root).unwrap();
        let mut gold = dir.load_set("alice", SHARED).unwrap().unwrap();
        gold.coder = "gold".into();
        std::fs::create_dir_all(root.join("annotations/gold")).unwrap();
        dir.save_set(&gold).unwrap();
        save_log(root, &log(SHARED, vec![decision(at, "lead")])).unwrap();
    }
    let dir = ProjectDir::open(&b).unwrap();
    let mut gold = dir.load_set("bob", DOC).unwrap().unwrap();
    gold.coder = "gold".into();
    dir.save_set(&gold).unwrap();
    save_log(
        &b,
        &log(DOC, vec![decision("2026-01-03T10:00:00Z", "lead")]),
    )
    .unwrap();

    let (ok, said) = merge(&[], &a, &b);
    assert!(ok, "{said}");
    assert!(said.contains("copied gold/wire-military-unity"), "{said}");
    assert!(said.contains("identical gold/prensa-caribe-0501"), "{said}");
    assert!(
        said.contains("joined gold/prensa-caribe-0501 (1 decision from the other copy)"),
        "{said}"
    );
    validate(&a);
    let joined = load_log(&a, "gold", SHARED).unwrap().unwrap();
    let times: Vec<&str> = joined.decisions.iter().map(|d| d.at.as_str()).collect();
    assert_eq!(times, ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z"]);
    assert!(load_log(&a, "gold", DOC).unwrap().is_some());
    let dir = ProjectDir::open(&a).unwrap();
    assert!(dir.load_set("gold", DOC).unwrap().is_some());
}

#[test]
fn a_format_1_project_is_migrated_before_the_merge_writes() {
    let (_tmp, old) = format1_copy();
    let (_tmp2, a) = example_copy();
    add_actor(&a, actor(ActorId::generate(), "Delcy Rodríguez"));
    let (ok, said) = merge(&[], &old, &a);
    assert!(ok, "{said}");
    assert!(
        old.join("format-1-backup/project.ron").is_file(),
        "a backup is kept"
    );
    validate(&old);
    let dir = ProjectDir::open(&old).unwrap();
    assert_eq!(dir.migrating_from(), None);
    assert!(dir.project.actors.find_by_name("Delcy Rodríguez").is_some());
}
