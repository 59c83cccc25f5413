//! The store: any valid project saves and loads back equal; damaged files
//! are reported with path, line and column; names cannot escape the folder.

use newscoder::model::*;
use newscoder::store::{ProjectDir, StoreError, validate_project};
use newscoder::text::text_hash;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn text_strategy() -> impl Strategy<Value = String> {
    // Mixed scripts, emoji, combining marks, quotes and newlines.
    proptest::collection::vec(
        prop_oneof![
            Just("Maduro "),
            Just("Guaidó "),
            Just("e\u{301} "),
            Just("中文 "),
            Just("مرحبا "),
            Just("👍🏽 "),
            Just("\"quote\" "),
            Just("\n"),
            Just("a\\b "),
        ],
        1..40,
    )
    .prop_map(|parts| parts.concat())
}

fn span_strategy(len: usize) -> impl Strategy<Value = (usize, usize, usize, String)> {
    let labels = [
        "Person",
        "Organization",
        "State",
        "Stance",
        "Event",
        "Location",
    ];
    (0..len, 1..=len, 0..labels.len(), ".{0,12}")
        .prop_map(move |(a, b, l, note)| {
            let (s, e) = if a < b {
                (a, b)
            } else {
                (b.saturating_sub(1), b)
            };
            (s, e.max(s + 1).min(len), l, note)
        })
        .prop_map(move |(s, e, l, note)| (s, e, l, note))
}

fn build(text: &str, raw: Vec<(usize, usize, usize, String)>) -> (Project, AnnotationSet) {
    let labels = [
        "Person",
        "Organization",
        "State",
        "Stance",
        "Event",
        "Location",
    ];
    let mut project = Project::new("p \"quoted\" ünïcode", Codebook::default_media());
    let chars = text.chars().count();
    let mut extra = BTreeMap::new();
    extra.insert("section".to_string(), "world / américas".to_string());
    project.documents.push(DocumentEntry {
        id: "doc-1".into(),
        title: "Título".into(),
        meta: Metadata {
            outlet: "Out".into(),
            date: "2019-05-04".into(),
            extra,
            ..Metadata::default()
        },
        text_hash: text_hash(text),
        chars,
    });
    project.actors.put(Actor {
        id: ActorId(1),
        name: "Nicolás Maduro".into(),
        kind: ActorKind::Person,
        aliases: vec!["Maduro".into()],
        attributes: Default::default(),
    });
    project.add_coder("alice");
    let mut set = AnnotationSet::new("doc-1", "alice");
    set.status = Status::InProgress;
    for (i, (s, e, l, note)) in raw.into_iter().enumerate() {
        if s >= e || e > chars {
            continue;
        }
        let mut span = Span::new(SpanId(i as u32 + 1), s, e, labels[l]);
        span.note = note;
        if labels[l] == "Person" {
            span.actor = Some(ActorId(1));
        }
        if labels[l] == "Stance" {
            span.attrs.insert("polarity".into(), "oppose".into());
        }
        set.put(span);
    }
    (project, set)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_valid_project_round_trips(text in text_strategy(), raw in proptest::collection::vec(span_strategy(200), 0..30)) {
        let (project, set) = build(&text, raw);
        prop_assert!(validate_set(&project, project.documents[0].chars, &set).is_empty());
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
        dir.project = project.clone();
        dir.write_text("doc-1", &text).unwrap();
        dir.save_project().unwrap();
        dir.save_set(&set).unwrap();
        let back = ProjectDir::open(tmp.path()).unwrap();
        prop_assert_eq!(&back.project, &project);
        prop_assert_eq!(back.read_text("doc-1").unwrap(), text);
        prop_assert_eq!(back.load_set("alice", "doc-1").unwrap(), Some(set));
        prop_assert!(validate_project(tmp.path()).is_empty());
    }
}

#[test]
fn annotation_files_are_one_span_per_line_in_stable_order() {
    let (project, mut set) = build("Maduro calls Guaido a puppet.", vec![]);
    set.put(Span::new(SpanId(2), 13, 19, "Person"));
    set.put(Span::new(SpanId(1), 0, 6, "Person"));
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
    dir.project = project;
    dir.save_set(&set).unwrap();
    let written = std::fs::read_to_string(dir.set_path("alice", "doc-1").unwrap()).unwrap();
    let span_lines: Vec<&str> = written.lines().filter(|l| l.contains("label:")).collect();
    assert_eq!(span_lines.len(), 2);
    assert!(span_lines[0].contains("start: 0"), "{written}");
}

#[test]
fn damaged_ron_reports_path_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
    let file = tmp.path().join("project.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    // Break the 3rd line.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "    name: \"x\" oops,";
    std::fs::write(&file, lines.join("\n")).unwrap();
    match ProjectDir::open(tmp.path()) {
        Err(StoreError::Parse {
            path, line, col, ..
        }) => {
            assert_eq!(path, file);
            assert_eq!(line, 3);
            assert!(col > 1);
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn newer_format_versions_are_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
    dir.project.format_version = FORMAT_VERSION + 1;
    dir.save_project().unwrap();
    let err = ProjectDir::open(tmp.path()).unwrap_err();
    assert!(matches!(err, StoreError::NewerFormat { found, .. } if found == FORMAT_VERSION + 1));
    assert!(err.to_string().contains("newer"));
}

#[test]
fn unsafe_names_never_reach_the_filesystem() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
    for bad in ["../escape", "/etc/passwd", "a/b", "..", ""] {
        assert!(matches!(
            dir.set_path("alice", bad),
            Err(StoreError::UnsafeName { .. })
        ));
        assert!(matches!(
            dir.set_path(bad, "d"),
            Err(StoreError::UnsafeName { .. })
        ));
        assert!(matches!(
            dir.text_path(bad),
            Err(StoreError::UnsafeName { .. })
        ));
    }
    // A project.ron naming an escaping document id is refused on open,
    // with the place of the id.
    let file = tmp.path().join("project.ron");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        // Format 1 listed coders in project.ron.
        .replace("format_version: 2", "format_version: 1")
        .replace(
            "documents: [],",
            "coders: [\"ok\", \"/etc\"],\n    documents: [(id: \"../../evil\", title: \"t\", text_hash: \"x\", chars: 1)],",
        );
    std::fs::write(&file, &text).unwrap();
    // 1-based line and column of the quoted name.
    let place = |name: &str| {
        let quoted = format!("{name:?}");
        text.lines()
            .enumerate()
            .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, c + 1)))
            .expect("in the file")
    };
    match ProjectDir::open(tmp.path()) {
        Err(StoreError::Parse {
            path,
            line,
            col,
            message,
        }) => {
            assert_eq!(path, file);
            assert_eq!((line, col), place("../../evil"));
            assert!(message.starts_with("document id “../../evil” cannot be used"));
        }
        other => panic!("expected a positioned refusal, got {other:?}"),
    }
    // `validate` lists every such name, each with its place.
    let problems: Vec<String> = newscoder::store::validate_project(tmp.path())
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let (line, col) = place("../../evil");
    assert!(problems[0].contains(&format!("project.ron:{line}:{col}: document id")));
    let (line, col) = place("/etc");
    assert!(problems[1].contains(&format!("project.ron:{line}:{col}: coder")));
    assert!(problems[1].contains("coder “/etc”"));
}

#[cfg(unix)]
#[test]
fn symlinked_folders_cannot_lead_reads_or_writes_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    let dir = ProjectDir::create(&root, "x", Codebook::default_media()).unwrap();
    std::fs::create_dir_all(root.join("annotations")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("annotations/mallory")).unwrap();
    let set = AnnotationSet::new("d1", "mallory");
    let err = dir.save_set(&set).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing written outside"
    );
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        root.join("documents/leak.txt"),
    )
    .unwrap();
    assert!(dir.read_text("leak").is_err());
}

#[test]
fn very_deep_ron_is_refused_without_overflowing_the_stack() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = ProjectDir::create(tmp.path(), "x", Codebook::default_media()).unwrap();
    let path = dir.set_path("alice", "d1").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let deep = format!(
        "(document: \"d1\", coder: \"alice\", spans: [(id: 1, start: 0, end: 1, label: \"Person\", note: {}1{})])",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    std::fs::write(&path, deep).unwrap();
    let err = dir.load_set("alice", "d1").unwrap_err();
    assert!(matches!(err, StoreError::Parse { .. }), "{err}");
}

#[test]
fn very_deep_json_lines_are_refused_without_overflowing_the_stack() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    ProjectDir::create(&root, "x", Codebook::default_media()).unwrap();
    let file = tmp.path().join("deep.jsonl");
    let line = format!(
        "{{\"text\": \"Maduro\", \"label\": {}{}}}\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    std::fs::write(&file, line).unwrap();
    crate::util::newscoder()
        .args(["import", "--coder", "alice", "--format", "jsonl"])
        .arg(&root)
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicates::str::contains("deep.jsonl:1"));
    crate::util::newscoder()
        .arg("import")
        .arg(&root)
        .arg(&file)
        .assert()
        .failure();
}
