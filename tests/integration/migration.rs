//! Projects of format version 1 (the bundled example as it was, kept in
//! `tests/fixtures/format-1/`) open as they are, read the same, and are
//! migrated by the next save with their files kept in `format-1-backup/`.

use crate::util::{self, newscoder, run_on};
use newscoder::model::{ActorId, FORMAT_VERSION, RoleArity};
use newscoder::store::ProjectDir;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `root` (relative path -> bytes).
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, at: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(at).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Every set of the project, by (coder, document).
fn sets(dir: &ProjectDir) -> BTreeMap<(String, String), newscoder::model::AnnotationSet> {
    let mut out = BTreeMap::new();
    for coder in dir.all_coders().unwrap() {
        for d in &dir.project.documents {
            if let Some(set) = dir.load_set(&coder, &d.id).unwrap() {
                out.insert((coder.clone(), d.id.clone()), set);
            }
        }
    }
    out
}

#[test]
fn a_format_1_project_opens_as_it_is_and_reading_writes_nothing() {
    let (_tmp, root) = util::format1_copy();
    let before = tree(&root);
    let dir = ProjectDir::open(&root).unwrap();
    assert_eq!(dir.migrating_from(), Some(1));
    assert_eq!(dir.project.coders, ["alice", "bob"]);
    assert_eq!(dir.project.actors.actors.len(), 41);
    // Format 1's numbered actors read as the ULIDs of the same value.
    let maduro = dir.project.actors.find_by_name("Maduro").unwrap();
    assert_eq!(maduro.id, ActorId(1));
    assert_eq!(maduro.id.to_string(), "00000000000000000000000001");
    // Roles take many: format 1 had one link per role, which many allows.
    let stance = dir.project.codebook.label("Stance").unwrap();
    assert_eq!(stance.role("holder").unwrap().takes, RoleArity::Many);
    let all = sets(&dir);
    assert_eq!(all.len(), 12);
    assert!(
        all.values()
            .any(|s| s.spans.iter().any(|s| !s.links.is_empty()))
    );
    // Read-only commands work and write nothing.
    let (ok, said) = run_on(&["validate"], &root);
    assert!(ok, "{said}");
    let (ok, said) = run_on(&["stats"], &root);
    assert!(ok, "{said}");
    let out = util::tempdir();
    newscoder()
        .args(["export", "--format", "jsonl", "--out"])
        .arg(out.path().join("v1.jsonl"))
        .arg(&root)
        .assert()
        .success();
    newscoder()
        .args(["agree", "--coders", "alice", "bob", "--json"])
        .arg(&root)
        .assert()
        .success();
    assert_eq!(tree(&root), before, "reading a format-1 project changed it");
}

#[test]
fn the_next_save_migrates_with_a_backup_and_nothing_read_changes() {
    let (_tmp, root) = util::format1_copy();
    let before = tree(&root);
    let old = ProjectDir::open(&root).unwrap();
    let old_sets = sets(&old);
    let old_actors = old.project.actors.clone();
    // Any save migrates first: here an import of one article.
    let article = util::write(&root.join("..").join("in"), "new.txt", "A new article.\n");
    newscoder()
        .arg("import")
        .arg(&root)
        .arg(&article)
        .assert()
        .success();
    // The old files are kept, byte for byte.
    let backup = root.join("format-1-backup");
    for (rel, bytes) in &before {
        if rel == "project.ron" || rel.starts_with("annotations/") {
            assert_eq!(
                std::fs::read(backup.join(rel)).unwrap(),
                *bytes,
                "{rel} kept as it was"
            );
        }
    }
    // The new form: version 2, no actors or coders in project.ron, one file
    // per actor, links as lists.
    let index = std::fs::read_to_string(root.join("project.ron")).unwrap();
    assert!(index.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert!(!index.contains("actors:") && !index.contains("coders:"));
    assert_eq!(std::fs::read_dir(root.join("actors")).unwrap().count(), 41);
    assert!(
        std::fs::read_to_string(root.join("actors/00000000000000000000000001.ron"))
            .unwrap()
            .contains("Nicolas Maduro")
    );
    let set =
        std::fs::read_to_string(root.join("annotations/alice/wire-military-unity.ron")).unwrap();
    assert!(set.contains("links: {\"agent\": [14]"), "{set}");
    // Everything reads as before, plus the new document.
    let new = ProjectDir::open(&root).unwrap();
    assert_eq!(new.migrating_from(), None);
    assert_eq!(new.project.actors, old_actors);
    assert_eq!(sets(&new), old_sets);
    assert_eq!(new.project.documents.len(), old.project.documents.len() + 1);
    let (ok, said) = run_on(&["validate"], &root);
    assert!(ok, "{said}");
}

#[test]
fn a_migration_killed_half_way_is_finished_by_the_next_save_keeping_the_first_backup() {
    let (_tmp, root) = util::format1_copy();
    let file = root.join("annotations/bob/moscow-wire-0503.ron");
    let original = std::fs::read(&file).unwrap();
    // As a kill after step 3 leaves it: the backup taken, one set already
    // in the new form, actors written, project.ron still of version 1.
    let backup = root.join("format-1-backup/annotations/bob");
    std::fs::create_dir_all(&backup).unwrap();
    std::fs::write(backup.join("moscow-wire-0503.ron"), &original).unwrap();
    let dir = ProjectDir::open(&root).unwrap();
    let set = dir.load_set("bob", "moscow-wire-0503").unwrap().unwrap();
    let rewritten = newscoder::store::to_ron(&set, 2, &file).unwrap();
    std::fs::write(&file, &rewritten).unwrap();
    let mut dir = ProjectDir::open(&root).unwrap();
    assert_eq!(dir.migrating_from(), Some(1), "still version 1");
    assert_eq!(
        dir.load_set("bob", "moscow-wire-0503").unwrap().unwrap(),
        set,
        "the rewritten set reads the same"
    );
    dir.save_project().unwrap();
    assert_eq!(
        std::fs::read(root.join("format-1-backup/annotations/bob/moscow-wire-0503.ron")).unwrap(),
        original,
        "the backup taken first is kept"
    );
    assert_eq!(ProjectDir::open(&root).unwrap().migrating_from(), None);
    let (ok, said) = run_on(&["validate"], &root);
    assert!(ok, "{said}");
}

#[test]
fn a_project_of_a_newer_version_is_refused_and_left_alone() {
    let (_tmp, root) = util::example_copy();
    let file = root.join("project.ron");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        &format!("format_version: {FORMAT_VERSION}"),
        &format!("format_version: {}", FORMAT_VERSION + 1),
    );
    std::fs::write(&file, &text).unwrap();
    let before = tree(&root);
    let (ok, said) = run_on(&["validate"], &root);
    assert!(!ok);
    assert!(said.contains("newer"), "{said}");
    let article = util::write(&root.join(".."), "x.txt", "Text.\n");
    newscoder()
        .arg("import")
        .arg(&root)
        .arg(&article)
        .assert()
        .failure();
    assert_eq!(tree(&root), before);
}

#[test]
fn the_window_s_first_save_migrates_a_format_1_project() {
    let (_tmp, root) = util::format1_copy();
    let mut s = newscoder::session::Session::open(&root, "alice").unwrap();
    let key = s.key().unwrap().clone();
    let set = s.ws().set(&key).unwrap().clone();
    // Any edit: mark the document in progress.
    let status = if set.status == newscoder::model::Status::Done {
        newscoder::model::Status::InProgress
    } else {
        newscoder::model::Status::Done
    };
    s.apply(newscoder::edit::spans::set_status(&key, status))
        .unwrap();
    // The migration rewrites files the window has read: that is not
    // "changed by someone else".
    s.save().unwrap();
    assert!(root.join("format-1-backup/project.ron").is_file());
    let dir = ProjectDir::open(&root).unwrap();
    assert_eq!(dir.migrating_from(), None);
    assert_eq!(
        dir.load_set(&key.coder, &key.document)
            .unwrap()
            .unwrap()
            .status,
        status
    );
    let (ok, said) = run_on(&["validate"], &root);
    assert!(ok, "{said}");
}
