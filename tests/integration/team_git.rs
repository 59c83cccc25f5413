//! Issue 14, part 1: two coders on their own machines, one git repository.
//! Each codes in a clone (pre-annotated import, new actors, an alias, a
//! model's suggestions), commits, and one clone pulls the other: the merge
//! must be clean and the project valid, because nothing the two did
//! touches the same file (DESIGN §3). Uses the system `git`; skipped, with a
//! message, where there is none.

use crate::util::{newscoder, run_said, tempdir, write};
use newscoder::store::ProjectDir;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Whether a `git` can be run.
fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `git ARGS…` in `dir`, away from the user's and the system's git
/// configuration; whether it succeeded and what it said.
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .output()
        .expect("git runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// [`git`] that must succeed; returns its output.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let (ok, said) = git(dir, args);
    assert!(ok, "git {args:?} in {}: {said}", dir.display());
    said
}

/// `newscoder ARGS…` that must succeed.
fn nc(args: &[&str]) {
    let (ok, said) = run_said(newscoder().args(args));
    assert!(ok, "newscoder {args:?}: {said}");
}

/// A span of `label` over the first `what` in `text`, referring to the
/// registry actor named `actor`.
fn span(text: &str, what: &str, label: &str, actor: Option<&str>) -> serde_json::Value {
    let at = text.find(what).expect("the text has it");
    let start = text[..at].chars().count();
    let mut s = json!({"start": start, "end": start + what.chars().count(), "label": label});
    if let Some(a) = actor {
        s["actor"] = json!(a);
    }
    s
}

/// JSON Lines of `records`.
fn jsonl(records: &[serde_json::Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// Every regular file under `dir` outside `.git`, relative.
fn files_under(dir: &Path, rel: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir.join(rel)).unwrap() {
        let entry = entry.unwrap();
        let name = rel.join(entry.file_name());
        if entry.file_name() == ".git" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            files_under(dir, &name, out);
        } else {
            out.push(name);
        }
    }
}

/// The files a clone changed since `base`.
fn changed_since(clone: &Path, base: &str) -> BTreeSet<String> {
    git_ok(clone, &["diff", "--name-only", base, "HEAD"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn two_coders_in_two_clones_merge_without_conflict_and_the_project_validates() {
    if !git_available() {
        eprintln!("skipped: `git --version` failed; this test needs git");
        return;
    }
    let tmp = tempdir();
    let top = tmp.path();
    let origin = top.join("origin");
    let o = origin.to_str().unwrap();

    // The lead sets the study up: project, articles, a first actor list.
    nc(&["new", o, "--name", "Team study"]);
    let a1 = write(
        top,
        "a1.txt",
        "Nicolas Maduro met Diosdado Cabello in Caracas.\n",
    );
    let a2 = write(
        top,
        "a2.txt",
        "Vladimir Padrino said the army backs Maduro.\n",
    );
    nc(&["import", o, a1.to_str().unwrap(), a2.to_str().unwrap()]);
    nc(&[
        "actors",
        o,
        "add",
        "Nicolas Maduro",
        "--kind",
        "person",
        "--alias",
        "Maduro",
    ]);
    nc(&["actors", o, "add", "Juan Guaido", "--kind", "person"]);
    git_ok(&origin, &["-c", "init.defaultBranch=main", "init", "-q"]);
    git_ok(&origin, &["add", "-A"]);
    git_ok(
        &origin,
        &[
            "-c",
            "user.name=Lead",
            "-c",
            "user.email=lead@example.org",
            "commit",
            "-q",
            "-m",
            "Study set up",
        ],
    );
    let base = git_ok(&origin, &["rev-parse", "HEAD"]).trim().to_string();
    let dir = ProjectDir::open(&origin).unwrap();
    let docs: Vec<(String, String)> = dir
        .project
        .documents
        .iter()
        .map(|d| (d.id.clone(), dir.read_text(&d.id).unwrap()))
        .collect();
    assert_eq!(docs.len(), 2);
    let (d1, t1) = &docs[0];
    let (d2, t2) = &docs[1];

    // Two clones, one per coder's machine.
    let a = top.join("A");
    let b = top.join("B");
    for (clone, who) in [(&a, "carol"), (&b, "dave")] {
        git_ok(top, &["clone", "-q", o, clone.to_str().unwrap()]);
        git_ok(clone, &["config", "user.name", who]);
        git_ok(
            clone,
            &["config", "user.email", &format!("{who}@example.org")],
        );
        git_ok(clone, &["config", "pull.rebase", "false"]);
    }
    let (pa, pb) = (a.to_str().unwrap(), b.to_str().unwrap());

    // Carol, in A: an alias for an existing actor, a new actor, her coding
    // (pointing at both) and the model's suggestions for the first article.
    nc(&[
        "actors",
        pa,
        "add",
        "Maduro",
        "--kind",
        "person",
        "--alias",
        "el presidente",
    ]);
    nc(&[
        "actors",
        pa,
        "add",
        "Diosdado Cabello",
        "--kind",
        "person",
        "--alias",
        "Cabello",
    ]);
    let carol = write(
        top,
        "carol.jsonl",
        jsonl(&[
            json!({"text": t1, "status": "done", "spans": [
                span(t1, "Nicolas Maduro", "Person", Some("el presidente")),
                span(t1, "Diosdado Cabello", "Person", Some("Cabello"))]}),
            json!({"text": t2, "spans": [span(t2, "Maduro", "Person", Some("Maduro"))]}),
        ]),
    );
    nc(&[
        "import",
        pa,
        "--coder",
        "carol",
        "--format",
        "jsonl",
        carol.to_str().unwrap(),
    ]);
    let s1 = write(
        top,
        "s1.jsonl",
        jsonl(&[json!({"text": t1, "spans": [span(t1, "Caracas", "State", None)]})]),
    );
    nc(&[
        "import",
        pa,
        "--suggestions",
        "--format",
        "jsonl",
        s1.to_str().unwrap(),
    ]);
    git_ok(&a, &["add", "-A"]);
    git_ok(&a, &["commit", "-q", "-m", "carol: first coding"]);

    // Dave, in B: another new actor, his coding, suggestions for the second.
    nc(&[
        "actors",
        pb,
        "add",
        "Vladimir Padrino",
        "--kind",
        "person",
        "--alias",
        "Padrino",
    ]);
    let dave = write(
        top,
        "dave.jsonl",
        jsonl(&[
            json!({"text": t1, "spans": [span(t1, "Nicolas Maduro", "Person", Some("Nicolas Maduro"))]}),
            json!({"text": t2, "status": "done", "spans": [
                span(t2, "Vladimir Padrino", "Person", Some("Padrino")),
                span(t2, "Maduro", "Person", Some("Maduro"))]}),
        ]),
    );
    nc(&[
        "import",
        pb,
        "--coder",
        "dave",
        "--format",
        "jsonl",
        dave.to_str().unwrap(),
    ]);
    let s2 = write(
        top,
        "s2.jsonl",
        jsonl(&[json!({"text": t2, "spans": [span(t2, "the army", "Organization", None)]})]),
    );
    nc(&[
        "import",
        pb,
        "--suggestions",
        "--format",
        "jsonl",
        s2.to_str().unwrap(),
    ]);
    git_ok(&b, &["add", "-A"]);
    git_ok(&b, &["commit", "-q", "-m", "dave: first coding"]);

    // The old failure: both appended to project.ron. Now neither touches it,
    // and no file is touched by both.
    for clone in [&a, &b] {
        let (same, diff) = git(
            clone,
            &["diff", "--exit-code", &base, "HEAD", "--", "project.ron"],
        );
        assert!(
            same,
            "a coder changed project.ron in {}: {diff}",
            clone.display()
        );
    }
    let by_a = changed_since(&a, &base);
    let by_b = changed_since(&b, &base);
    let both: Vec<&String> = by_a.intersection(&by_b).collect();
    assert!(both.is_empty(), "files both coders changed: {both:?}");
    assert!(
        by_a.contains(&format!("annotations/carol/{d1}.ron")),
        "{by_a:?}"
    );
    assert!(
        by_b.contains(&format!("annotations/dave/{d2}.ron")),
        "{by_b:?}"
    );

    // Carol pulls Dave's work: a merge without conflict.
    let (ok, said) = git(&a, &["pull", "--no-edit", pb, "HEAD"]);
    assert!(ok, "git pull failed: {said}");
    assert!(!said.contains("CONFLICT"), "{said}");
    assert_eq!(git_ok(&a, &["diff", "--name-only", "--diff-filter=U"]), "");
    let mut files = Vec::new();
    files_under(&a, Path::new(""), &mut files);
    for f in &files {
        let bytes = std::fs::read(a.join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>") || l == "======="),
            "conflict markers in {}",
            f.display()
        );
    }
    assert_eq!(
        git_ok(&a, &["status", "--porcelain"]),
        "",
        "the merge left changes"
    );
    let (same, diff) = git(
        &a,
        &["diff", "--exit-code", &base, "HEAD", "--", "project.ron"],
    );
    assert!(same, "{diff}");

    // The merged project is valid and holds everyone's work.
    let (ok, said) = run_said(newscoder().arg("validate").arg(&a));
    assert!(ok, "validate after the merge: {said}");
    let merged = ProjectDir::open(&a).unwrap();
    let coders = merged.all_coders().unwrap();
    for c in ["carol", "dave", "suggestions"] {
        assert!(coders.iter().any(|x| x == c), "{coders:?}");
    }
    let actors = &merged.project.actors;
    assert_eq!(actors.actors.len(), 4, "{:?}", actors.actors);
    let maduro = actors.find_by_name("Nicolas Maduro").unwrap();
    assert_eq!(maduro.aliases, ["Maduro", "el presidente"]);
    let cabello = actors.find_by_name("Cabello").unwrap();
    let padrino = actors.find_by_name("Padrino").unwrap();
    assert_ne!(cabello.id, padrino.id);
    let actor_of = |coder: &str, doc: &str| -> Vec<Option<newscoder::model::ActorId>> {
        let set = merged
            .load_set(coder, doc)
            .unwrap()
            .expect("the set is there");
        set.spans.iter().map(|s| s.actor).collect()
    };
    assert_eq!(actor_of("carol", d1), [Some(maduro.id), Some(cabello.id)]);
    assert_eq!(actor_of("carol", d2), [Some(maduro.id)]);
    assert_eq!(actor_of("dave", d1), [Some(maduro.id)]);
    assert_eq!(actor_of("dave", d2), [Some(padrino.id), Some(maduro.id)]);
    assert_eq!(actor_of("suggestions", d1).len(), 1);
    assert_eq!(actor_of("suggestions", d2).len(), 1);
}
