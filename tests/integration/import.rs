//! `newscoder import`: articles of every format and encoding, refused files,
//! duplicates, and pre-annotated doccano/Prodigy data (all or nothing).

use crate::util::{newscoder, tempdir, write};
use newscoder::model::Status;
use newscoder::store::ProjectDir;
use predicates::str::contains;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A new project made by `newscoder new` in a fresh temporary folder.
fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let p = tmp.path().join("proj");
    newscoder().arg("new").arg(&p).assert().success();
    (tmp, p)
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // The write lock holds no data; taking it writes nothing.
            if path.ends_with(newscoder::store::WRITE_LOCK_FILE) {
                continue;
            }
            if path.is_dir() {
                out.insert(path.clone(), Vec::new());
                todo.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn text_of(p: &Path, id: &str) -> String {
    ProjectDir::open(p).unwrap().read_text(id).unwrap()
}

#[test]
fn txt_and_md_with_bom_crlf_and_legacy_encodings() {
    let (tmp, p) = new_project();
    let d = tmp.path();
    let files = [
        write(
            d,
            "bom.txt",
            b"\xef\xbb\xbfMaduro speaks\r\n\r\nHe thanked the army.\r\n",
        ),
        write(d, "cr.txt", b"Old Mac\rline two\r"),
        write(
            d,
            "cp1252.txt",
            b"Caf\xe9 \x93quoted\x94 \x96 the president\x92s words",
        ),
        write(
            d,
            "latin1.txt",
            b"Espa\xf1a: el se\xf1or Mart\xedn dijo que s\xed.",
        ),
        write(
            d,
            "story.md",
            "# Guaido calls for uprising\n\n**Caracas** — text.\n",
        ),
    ];
    newscoder()
        .arg("import")
        .arg(&p)
        .args(&files)
        .assert()
        .success()
        .stdout(contains("imported 5 documents"))
        .stderr(contains("cp1252.txt: not UTF-8; decoded as windows-1252"))
        .stderr(contains("latin1.txt: not UTF-8"));
    assert_eq!(
        text_of(&p, "bom"),
        "Maduro speaks\n\nHe thanked the army.\n"
    );
    assert_eq!(text_of(&p, "cr"), "Old Mac\nline two\n");
    assert_eq!(
        text_of(&p, "cp1252"),
        "Café \u{201c}quoted\u{201d} \u{2013} the president\u{2019}s words"
    );
    assert_eq!(
        text_of(&p, "latin1"),
        "España: el señor Martín dijo que sí."
    );
    assert_eq!(
        text_of(&p, "story"),
        "# Guaido calls for uprising\n\n**Caracas** — text.\n"
    );
    let dir = ProjectDir::open(&p).unwrap();
    let story = dir.project.document("story").unwrap();
    assert_eq!(story.title, "Guaido calls for uprising");
    assert_eq!(story.meta.source_file, "story.md");
    assert_eq!(dir.project.document("bom").unwrap().title, "Maduro speaks");
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn unicode_texts_are_kept_character_for_character() {
    let (tmp, p) = new_project();
    let samples = [
        ("emoji", "Protesters 😀✊🏽 marched 🇻🇪"),
        (
            "combining",
            "Jose\u{301} Mari\u{301}a Gonza\u{301}lez, N\u{303}",
        ),
        ("arabic", "قال مادورو إن محاولة الانقلاب فشلت"),
        ("hebrew", "גוואידו קרא לצבא להצטרף"),
        ("cjk", "马杜罗说政变失败了。カラカスで抗議。"),
    ];
    let files: Vec<PathBuf> = samples
        .iter()
        .map(|(name, text)| write(tmp.path(), &format!("{name}.txt"), text))
        .collect();
    newscoder()
        .arg("import")
        .arg(&p)
        .args(&files)
        .assert()
        .success();
    let dir = ProjectDir::open(&p).unwrap();
    for (name, text) in samples {
        assert_eq!(dir.read_text(name).unwrap(), text);
        let entry = dir.project.document(name).unwrap();
        assert_eq!(entry.chars, text.chars().count());
        assert_eq!(entry.title, text);
    }
}

#[test]
fn html_main_text_without_scripts_and_navigation() {
    let (tmp, p) = new_project();
    let page = r#"<!doctype html><html><head><title>Uprising fails</title>
        <meta property="og:site_name" content="Caracas Daily">
        <meta property="article:published_time" content="2019-05-01">
        <meta name="author" content="R. Pérez">
        <style>body{font:serif}</style><script>trackUser()</script></head>
        <body><nav>Home | World | Sports</nav>
        <main><h1>Uprising fails</h1>
        <p>Maduro   appeared with
        soldiers.</p><p>Guaido vowed to continue.</p>
        <script>ads()</script></main>
        <footer>© Caracas Daily</footer></body></html>"#;
    let f = write(tmp.path(), "page.html", page);
    // --format overrides the extension.
    let g = write(
        tmp.path(),
        "saved.data",
        page.replace("Uprising fails", "Second page"),
    );
    newscoder().arg("import").arg(&p).arg(&f).assert().success();
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&g)
        .args(["--format", "html"])
        .assert()
        .success();
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(
        dir.read_text("page").unwrap(),
        "Uprising fails\n\nMaduro appeared with soldiers.\n\nGuaido vowed to continue."
    );
    let e = dir.project.document("page").unwrap();
    assert_eq!(e.title, "Uprising fails");
    assert_eq!(e.meta.outlet, "Caracas Daily");
    assert_eq!(e.meta.date, "2019-05-01");
    assert_eq!(e.meta.author, "R. Pérez");
    assert_eq!(dir.project.document("saved").unwrap().title, "Second page");
}

#[test]
fn jsonl_and_csv_batches_with_metadata_and_bad_lines() {
    let (tmp, p) = new_project();
    let jsonl = write(
        tmp.path(),
        "batch.jsonl",
        concat!(
            r#"{"id": "ap-1", "title": "AP story", "text": "Maduro spoke.", "outlet": "AP", "date": "2019-05-01", "author": "A", "url": "https://ap.example/1", "section": "world"}"#,
            "\n",
            r#"{"text": "Guaido spoke.", "title": "Broken" "#,
            "\n",
            r#"{"text": "Putin called."}"#,
            "\n"
        ),
    );
    let csv = write(
        tmp.path(),
        "table.csv",
        "id,title,text,outlet,date,topic\n\
         r-1,Reuters story,\"Trump, Bolton and Pompeo spoke.\",Reuters,2019-05-02,diplomacy\n\
         r-2,Short row,only,three\n\
         r-3,Third,Lima Group met.,EFE,2019-05-03,region\n",
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&jsonl)
        .arg(&csv)
        .assert()
        .success()
        .stdout(contains("imported 4 documents"))
        .stderr(contains("batch.jsonl:2: is not valid JSON"))
        .stderr(contains("table.csv: row 2 (line 3)"));
    let dir = ProjectDir::open(&p).unwrap();
    let ap = dir.project.document("ap-1").unwrap();
    assert_eq!(ap.title, "AP story");
    assert_eq!(ap.meta.outlet, "AP");
    assert_eq!(ap.meta.url, "https://ap.example/1");
    assert_eq!(ap.meta.extra["section"], "world");
    assert_eq!(ap.meta.source_file, "batch.jsonl");
    assert_eq!(
        dir.project.document("batch-3").unwrap().title,
        "Putin called."
    );
    let r1 = dir.project.document("r-1").unwrap();
    assert_eq!(r1.meta.extra["topic"], "diplomacy");
    assert_eq!(
        dir.read_text("r-1").unwrap(),
        "Trump, Bolton and Pompeo spoke."
    );
    assert_eq!(dir.project.document("r-3").unwrap().meta.outlet, "EFE");
}

#[test]
fn duplicate_text_is_skipped() {
    let (tmp, p) = new_project();
    let a = write(tmp.path(), "a.txt", "Same text.\n");
    let b = write(tmp.path(), "b.txt", "Same text.\r\n");
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout(contains("imported 1 document,"))
        .stderr(contains("b.txt: same text as"));
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&a)
        .assert()
        .success()
        .stdout(contains("imported 0 documents, skipped 1 duplicate"))
        .stderr(contains("already in the project"));
    assert_eq!(ProjectDir::open(&p).unwrap().project.documents.len(), 1);
}

#[test]
fn empty_binary_and_oversized_files_are_refused_the_rest_imports() {
    let (tmp, p) = new_project();
    let d = tmp.path();
    let empty = write(d, "empty.txt", "");
    let blank = write(d, "blank.md", "  \n\n");
    let binary = write(d, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let huge = write(
        d,
        "huge.txt",
        vec![b'a'; newscoder::import::MAX_ARTICLE_BYTES as usize + 1],
    );
    let good = write(d, "good.txt", "A good article.");
    let before = snapshot(&p);
    newscoder()
        .arg("import")
        .arg(&p)
        .args([&empty, &blank, &binary, &huge])
        .assert()
        .code(1)
        .stderr(contains("empty.txt: is empty"))
        .stderr(contains("blank.md: contains only whitespace"))
        .stderr(contains("image.txt: looks like a binary file"))
        .stderr(contains("huge.txt: is too large"))
        .stderr(contains("no file could be imported"));
    assert_eq!(
        snapshot(&p),
        before,
        "a batch where everything failed writes nothing"
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .args([&empty, &binary, &huge, &good])
        .assert()
        .success()
        .stdout(contains("imported 1 document"))
        .stdout(contains("refused 3"));
    assert_eq!(text_of(&p, "good"), "A good article.");
}

#[test]
fn unknown_format_and_missing_project_fail_clearly() {
    let (tmp, p) = new_project();
    let f = write(tmp.path(), "a.pdf", "%PDF-1.4");
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&f)
        .assert()
        .code(1)
        .stderr(contains("a.pdf: cannot tell the format"));
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&f)
        .args(["--format", "docx"])
        .assert()
        .failure()
        .stderr(contains("unknown article format “docx”"));
    newscoder()
        .arg("import")
        .arg(tmp.path().join("nowhere"))
        .arg(&f)
        .assert()
        .failure()
        .stderr(contains("not a newscoder project"));
}

#[test]
fn doccano_and_prodigy_with_a_new_label() {
    let (tmp, p) = new_project();
    let doccano = write(
        tmp.path(),
        "doccano.jsonl",
        concat!(
            r#"{"id": 1, "text": "Maduro met Putin in Moscow.", "label": [[0, 6, "Person"], [11, 16, "Leader"], [20, 26, "Location"]], "meta": {"outlet": "TASS"}}"#,
            "\n"
        ),
    );
    let prodigy = write(
        tmp.path(),
        "prodigy.jsonl",
        concat!(
            r#"{"text": "Guaido called on the army.", "spans": [{"start": 0, "end": 6, "label": "Person", "token_start": 0, "token_end": 0}, {"start": 17, "end": 25, "label": "Organization"}], "answer": "accept"}"#,
            "\n"
        ),
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "alice", "--format", "jsonl"])
        .arg(&doccano)
        .arg(&prodigy)
        .assert()
        .success()
        .stdout(contains(
            "added to the codebook (category Imported): Leader",
        ))
        .stdout(contains("5 spans on 2 new and 0 existing documents"));
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.codebook.category_of("Leader"), Some("Imported"));
    assert_eq!(dir.project.coders, ["alice"]);
    assert_eq!(dir.project.documents.len(), 2);
    let doc1 = dir.project.document("1").unwrap();
    assert_eq!(doc1.meta.outlet, "TASS");
    let set = dir.load_set("alice", "1").unwrap().unwrap();
    let labels: Vec<&str> = set.spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Person", "Leader", "Location"]);
    assert_eq!(set.status, Status::InProgress);
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn bad_offsets_name_the_line_and_write_nothing() {
    let (tmp, p) = new_project();
    let f = write(
        tmp.path(),
        "bad.jsonl",
        concat!(
            r#"{"text": "Fine line.", "label": [[0, 4, "Person"]]}"#,
            "\n",
            r#"{"text": "Short.", "label": [[0, 60, "Person"]]}"#,
            "\n",
            r#"{"text": "Reversed.", "label": [[5, 2, "Person"]]}"#,
            "\n"
        ),
    );
    let before = snapshot(&p);
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "alice"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(contains(
            "bad.jsonl:2: span #1 (0..60 “Person”): offsets out of range",
        ))
        .stderr(contains(
            "bad.jsonl:3: span #1 (5..2 “Person”): start must be less than end",
        ))
        .stderr(contains("nothing imported"));
    assert_eq!(snapshot(&p), before);
}

#[test]
fn annotations_attach_to_an_existing_document_by_text() {
    let (tmp, p) = new_project();
    let text = "Maduro thanked the armed forces.";
    let article = write(tmp.path(), "article.txt", text);
    newscoder()
        .arg("import")
        .arg(&p)
        .arg(&article)
        .assert()
        .success();
    let line = format!(
        "{{\"id\": \"other-id\", \"text\": {text:?}, \"label\": [[0, 6, \"Person\"], [19, 31, \"Organization\"]]}}\n"
    );
    let f = write(tmp.path(), "coded.jsonl", line);
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "bob"])
        .arg(&f)
        .assert()
        .success()
        .stdout(contains("attached to existing document"));
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.documents.len(), 1);
    let set = dir.load_set("bob", "article").unwrap().unwrap();
    assert_eq!(set.spans.len(), 2);
    // The same again changes nothing; different spans are refused.
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "bob"])
        .arg(&f)
        .assert()
        .success()
        .stdout(contains("unchanged"));
    let other = write(
        tmp.path(),
        "other.jsonl",
        format!("{{\"text\": {text:?}, \"label\": [[0, 6, \"State\"]]}}\n"),
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "bob"])
        .arg(&other)
        .assert()
        .code(1)
        .stderr(contains(
            "other.jsonl:1: document “article” already has 2 spans by coder “bob”",
        ));
}

#[test]
fn unsafe_coder_names_are_made_safe() {
    let (tmp, p) = new_project();
    let f = write(
        tmp.path(),
        "c.jsonl",
        "{\"text\": \"Abc\", \"label\": [[0, 1, \"Person\"]]}\n",
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "../Eve Smith"])
        .arg(&f)
        .assert()
        .success()
        .stderr(contains("stored as “eve-smith”"));
    assert!(p.join("annotations/eve-smith").is_dir());
    assert!(!tmp.path().join("Eve Smith").exists());
}

/// What a span says, independent of span and actor ids.
fn described(dir: &ProjectDir, coder: &str, doc: &str) -> Vec<String> {
    let set = dir.load_set(coder, doc).unwrap().unwrap();
    let mut out: Vec<String> = set
        .spans
        .iter()
        .map(|s| {
            let actor = s
                .actor
                .and_then(|a| dir.project.actors.get(a))
                .map(|a| a.name.clone());
            let links: Vec<String> = s
                .all_links()
                .map(|(role, t)| {
                    let t = set.span(t).unwrap();
                    format!("{role}->{}..{} {}", t.start, t.end, t.label)
                })
                .collect();
            format!(
                "{}..{} {} {:?} {links:?} {actor:?} {:?} {}",
                s.start,
                s.end,
                s.label,
                s.attrs,
                s.note,
                set.status.as_str()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn newscoder_jsonl_export_imports_back_exactly() {
    let (tmp, p) = new_project();
    let (_ex_tmp, example) = crate::util::example_copy();
    let out = tmp.path().join("alice.jsonl");
    newscoder()
        .arg("export")
        .arg(&example)
        .args(["--format", "jsonl", "--coder", "alice", "--out"])
        .arg(&out)
        .assert()
        .success();
    // Into a fresh project: same documents, spans, links, attributes, actors.
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "alice"])
        .arg(&out)
        .assert()
        .success();
    let source = ProjectDir::open(&example).unwrap();
    let imported = ProjectDir::open(&p).unwrap();
    assert_eq!(
        imported.project.documents.len(),
        source.project.documents.len()
    );
    for doc in &source.project.documents {
        let copy = imported.project.document_with_hash(&doc.text_hash).unwrap();
        assert_eq!(
            described(&imported, "alice", &copy.id),
            described(&source, "alice", &doc.id),
            "document {}",
            doc.id
        );
    }
    newscoder().arg("validate").arg(&p).assert().success();
    // Back into the project it came from: recognised as unchanged, no file
    // touched.
    let before = snapshot(&example);
    newscoder()
        .arg("import")
        .arg(&example)
        .args(["--coder", "alice"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("unchanged"));
    assert_eq!(snapshot(&example), before);
}

#[test]
fn a_prodigy_file_of_rejected_answers_says_why_nothing_came_in() {
    let (tmp, root) = new_project();
    let file = write(
        tmp.path(),
        "rejected.jsonl",
        "{\"text\": \"One.\", \"spans\": [], \"answer\": \"reject\"}\n\
         {\"text\": \"Two.\", \"spans\": [], \"answer\": \"ignore\"}\n",
    );
    let before = snapshot(&root);
    newscoder()
        .arg("import")
        .arg(&root)
        .args(["--coder", "zed", "--format", "jsonl"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(contains(
            "has no documents: all 2 lines are Prodigy answers other than \"accept\"",
        ));
    assert_eq!(snapshot(&root), before, "nothing written");
}
