//! Exports (docs/formats.md, "Export"): golden files of every format on a small fixed
//! project, character offsets on hard scripts, round trips through
//! `import`, the command-line contract and the example project. This file
//! holds the fixture the others share.

#[path = "export_cli.rs"]
mod cli;
#[path = "export_example.rs"]
mod example;
#[path = "export_golden.rs"]
mod golden;
#[path = "export_roundtrip.rs"]
mod roundtrip;
#[path = "export_unicode.rs"]
mod unicode;
#[path = "export_window.rs"]
mod window;
#[path = "export_xlsx.rs"]
mod xlsx;

use newscoder::export::{ExportOptions, ExportSummary, Format, export};
use newscoder::model::{
    Actor, ActorId, ActorKind, AnnotationSet, CodeValue, Codebook, Color, DocumentEntry, Label,
    Metadata, Span, SpanId, Status,
};
use newscoder::store::ProjectDir;
use newscoder::text::{char_len, text_hash};
use std::path::Path;

/// Adds a document with `text` to the project (text file and index entry).
pub fn add_doc(dir: &mut ProjectDir, id: &str, title: &str, meta: Metadata, text: &str) {
    dir.write_text(id, text).expect("write text");
    dir.project.documents.push(DocumentEntry {
        id: id.to_string(),
        title: title.to_string(),
        meta,
        text_hash: text_hash(text),
        chars: char_len(text),
    });
    dir.save_project().expect("save project");
}

/// A span over the first occurrence of `needle` (after character `from`)
/// in `text`.
pub fn span_on(text: &str, needle: &str, from: usize, id: u32, label: &str) -> Span {
    let chars: Vec<char> = text.chars().collect();
    let n: Vec<char> = needle.chars().collect();
    let start = (from..=chars.len() - n.len())
        .find(|&i| chars[i..i + n.len()] == n[..])
        .unwrap_or_else(|| panic!("{needle:?} not in text after {from}"));
    Span::new(SpanId(id), start, start + n.len(), label)
}

/// Saves a set with `spans` for `coder`, registering the coder.
pub fn save(dir: &mut ProjectDir, coder: &str, doc: &str, status: Status, spans: Vec<Span>) {
    save_coded(dir, coder, doc, status, spans, &[]);
}

/// [`save`] with document codes.
pub fn save_coded(
    dir: &mut ProjectDir,
    coder: &str,
    doc: &str,
    status: Status,
    spans: Vec<Span>,
    codes: &[(&str, CodeValue)],
) {
    let mut set = AnnotationSet::new(doc, coder);
    set.status = status;
    set.spans = spans;
    set.codes = codes
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    set.sort();
    dir.save_set(&set).expect("save set");
    dir.add_coder(coder).unwrap();
    dir.save_project().expect("save project");
}

fn with(mut s: Span, f: impl FnOnce(&mut Span)) -> Span {
    f(&mut s);
    s
}

/// The fixed project of the golden tests: three documents (plain news,
/// mixed scripts with emoji, one not annotated), coders alice (done) and
/// bob (in progress, one overlapping pair in the Actor category), every
/// kind of attribute, link, actor reference and note, a span across a line
/// break, a label brat cannot name as it is ("Armed group"), and an actor
/// name that needs XML escaping; document codes of every kind of variable
/// (bob's d1 has a multiple choice with nothing chosen), an event with two
/// agents and a stance with two holders.
pub fn fixture(root: &Path) -> ProjectDir {
    let mut cb = Codebook::default_media();
    let mut armed = Label::plain("Armed group", Color([0x33, 0x44, 0x55]));
    armed.actor = true;
    cb.ensure_label("Actor", armed);
    if let Some(stance) = cb.label_mut("Stance") {
        for role in &mut stance.roles {
            role.targets.push("Armed group".into());
        }
    }
    if let Some(event) = cb.label_mut("Event") {
        for role in event.roles.iter_mut().filter(|r| r.name != "place") {
            role.targets.push("Armed group".into());
        }
    }
    let mut dir = ProjectDir::create(root, "fixture", cb).expect("create project");
    for (id, name, kind) in [
        (1, "Nicolás Maduro", ActorKind::Person),
        (2, "Juan Guaidó", ActorKind::Person),
        (3, "Russia", ActorKind::State),
        (4, "Fuerzas \"Armadas\" & <Co>", ActorKind::Organization),
        (5, "Vladimir Putin", ActorKind::Person),
    ] {
        dir.project.actors.put(Actor {
            id: ActorId(id),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            attributes: Default::default(),
        });
    }
    let t1 = "Maduro calls Guaidó a \"puppet\", RIA said.\nRussia backs Maduro; troops marched on barracks in Caracas.\nEnough, said Guaidó.\n";
    let mut meta = Metadata {
        outlet: "Wire, Inc.".into(),
        date: "2019-05-04".into(),
        url: "https://example.org/a?b=1&c=2".into(),
        source_file: "d1.txt".into(),
        ..Metadata::default()
    };
    meta.extra.insert("section".into(), "World".into());
    add_doc(&mut dir, "d1", "Maduro rejects Guaidó", meta, t1);
    let t2 = "Putin 👍🏽 apoya a Nicola\u{301}s Maduro. 中文报道：俄罗斯支持马杜罗。\nمرحبا بوتين و مادورو\n";
    add_doc(
        &mut dir,
        "d2",
        "Mixed scripts",
        Metadata {
            outlet: "Multi".into(),
            ..Metadata::default()
        },
        t2,
    );
    add_doc(
        &mut dir,
        "d3",
        "Not coded",
        Metadata::default(),
        "Nobody coded this.\n",
    );

    let alice = vec![
        with(span_on(t1, "Maduro", 0, 1, "Person"), |s| {
            s.actor = Some(ActorId(1))
        }),
        with(
            span_on(t1, "calls Guaidó a \"puppet\"", 0, 2, "Stance"),
            |s| {
                s.attrs.insert("polarity".into(), "oppose".into());
                s.attrs
                    .insert("topic".into(), "legitimacy, 100% | \"puppet\"".into());
                s.add_link("holder", SpanId(1));
                s.add_link("target", SpanId(3));
                s.note = "strong\twording\nsee \\ RIA".into();
            },
        ),
        with(span_on(t1, "Guaidó", 0, 3, "Person"), |s| {
            s.actor = Some(ActorId(2))
        }),
        with(span_on(t1, "RIA", 0, 11, "Organization"), |s| {
            s.actor = Some(ActorId(4))
        }),
        with(span_on(t1, "Russia", 0, 4, "State"), |s| {
            s.actor = Some(ActorId(3))
        }),
        with(span_on(t1, "backs", 0, 5, "Stance"), |s| {
            s.attrs.insert("polarity".into(), "support".into());
            s.add_link("holder", SpanId(4));
            s.add_link("target", SpanId(6));
        }),
        with(span_on(t1, "Maduro", 10, 6, "Person"), |s| {
            s.actor = Some(ActorId(1))
        }),
        span_on(t1, "troops", 0, 7, "Armed group"),
        with(span_on(t1, "marched on barracks", 0, 8, "Event"), |s| {
            s.attrs
                .insert("type".into(), "military or armed action".into());
            s.attrs.insert("factuality".into(), "occurred".into());
            s.add_link("agent", SpanId(7));
            s.add_link("agent", SpanId(4));
            s.add_link("place", SpanId(9));
            s.note = "on Saturday".into();
        }),
        span_on(t1, "Caracas", 0, 9, "Location"),
        with(span_on(t1, "Caracas.\nEnough", 0, 10, "Stance"), |s| {
            s.attrs.insert("polarity".into(), "neutral".into());
            s.add_link("target", SpanId(8));
        }),
        with(span_on(t1, "Guaidó", 100, 12, "Person"), |s| {
            s.actor = Some(ActorId(2))
        }),
    ];
    let text = |s: &str| CodeValue::Text(s.into());
    let many = |v: &[&str]| CodeValue::Many(v.iter().map(|s| s.to_string()).collect());
    save_coded(
        &mut dir,
        "alice",
        "d1",
        Status::Done,
        alice,
        &[
            ("genre", text("news report")),
            (
                "topics",
                many(&["domestic politics", "military and security"]),
            ),
            ("tone towards the government", text("negative")),
            ("sources quoted", CodeValue::Number(4.0)),
        ],
    );
    let bob = vec![
        with(span_on(t1, "Maduro", 0, 1, "Person"), |s| {
            s.actor = Some(ActorId(1))
        }),
        span_on(t1, "Maduro calls", 0, 2, "Group"),
        with(
            span_on(t1, "calls Guaidó a \"puppet\"", 0, 3, "Stance"),
            |s| {
                s.attrs.insert("polarity".into(), "oppose".into());
                s.add_link("holder", SpanId(1));
                s.add_link("target", SpanId(4));
            },
        ),
        with(span_on(t1, "Guaidó", 0, 4, "Person"), |s| {
            s.actor = Some(ActorId(2))
        }),
    ];
    save_coded(
        &mut dir,
        "bob",
        "d1",
        Status::InProgress,
        bob,
        &[
            ("genre", text("analysis or background")),
            ("topics", many(&[])),
            ("government quoted", text("no")),
            ("sources quoted", CodeValue::Number(2.5)),
        ],
    );
    let alice2 = vec![
        with(span_on(t2, "Putin", 0, 1, "Person"), |s| {
            s.actor = Some(ActorId(5))
        }),
        with(span_on(t2, "👍🏽 apoya", 0, 2, "Stance"), |s| {
            s.attrs.insert("polarity".into(), "support".into());
            s.add_link("holder", SpanId(1));
            s.add_link("target", SpanId(3));
        }),
        with(span_on(t2, "Nicola\u{301}s Maduro", 0, 3, "Person"), |s| {
            s.actor = Some(ActorId(1))
        }),
        with(span_on(t2, "俄罗斯", 0, 4, "State"), |s| {
            s.actor = Some(ActorId(3))
        }),
        with(span_on(t2, "支持", 0, 5, "Stance"), |s| {
            s.attrs.insert("polarity".into(), "support".into());
            s.add_link("holder", SpanId(4));
            s.add_link("holder", SpanId(1));
            s.add_link("target", SpanId(6));
        }),
        with(span_on(t2, "马杜罗", 0, 6, "Person"), |s| {
            s.actor = Some(ActorId(1))
        }),
        span_on(t2, "بوتين", 0, 7, "Person"),
        span_on(t2, "مادورو", 0, 8, "Person"),
    ];
    save_coded(
        &mut dir,
        "alice",
        "d2",
        Status::Done,
        alice2,
        &[("main topic", text("foreign relations and diplomacy"))],
    );
    dir
}

/// Runs an export of `dir` into `out` and returns its summary.
pub fn run_export(
    dir: &ProjectDir,
    format: Format,
    out: &Path,
    coder: Option<&str>,
) -> ExportSummary {
    let mut opts = ExportOptions::new(format, out);
    opts.coder = coder.map(str::to_string);
    export(dir, &opts, &mut |_, _| {}).unwrap_or_else(|e| panic!("export {format}: {e}"))
}

/// Checks every line of a `prodigy` export the way spaCy reads it: the
/// tokens' texts and `ws` rebuild `text` exactly (`Doc(words, spaces).text`),
/// each token's offsets are where that Doc puts it, and every span's
/// `token_start..=token_end` covers exactly its `[start, end)` (so
/// `doc.char_span(start, end)` is that span); relations name the last tokens
/// of their spans. Returns the number of spans seen.
pub fn check_spacy_docs(content: &str) -> usize {
    let mut spans = 0;
    for line in content.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let tokens = v["tokens"].as_array().unwrap();
        let (mut rebuilt, mut pos) = (String::new(), 0);
        for (i, t) in tokens.iter().enumerate() {
            let word = t["text"].as_str().unwrap();
            assert!(!word.is_empty(), "spaCy takes no empty word: {t}");
            assert_eq!(t["id"].as_u64(), Some(i as u64));
            let len = word.chars().count();
            assert_eq!(t["start"].as_u64(), Some(pos as u64), "{t} in {text:?}");
            assert_eq!(t["end"].as_u64(), Some((pos + len) as u64), "{t}");
            rebuilt.push_str(word);
            pos += len;
            if t["ws"].as_bool().unwrap() {
                rebuilt.push(' ');
                pos += 1;
            }
        }
        assert_eq!(rebuilt, text, "Doc(words, spaces).text");
        let bounds = |s: &serde_json::Value| {
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            let (i, j) = (
                s["token_start"].as_u64().unwrap(),
                s["token_end"].as_u64().unwrap(),
            );
            assert!(i <= j, "{s}");
            assert_eq!(
                tokens[i as usize]["start"].as_u64(),
                Some(a),
                "{s}: {text:?}"
            );
            assert_eq!(tokens[j as usize]["end"].as_u64(), Some(b), "{s}: {text:?}");
            j
        };
        for s in v["spans"].as_array().unwrap() {
            bounds(s);
            spans += 1;
        }
        for r in v["relations"].as_array().unwrap() {
            assert_eq!(r["head"].as_u64(), Some(bounds(&r["head_span"])));
            assert_eq!(r["child"].as_u64(), Some(bounds(&r["child_span"])));
        }
    }
    spans
}

/// Checks that a `conll` export is valid IOB2: two columns, and every
/// `I-X` directly follows a `B-X` or `I-X` in the same sentence (what
/// seqeval needs to read the same entities in strict and lenient mode).
/// Returns the number of entities (`B-` tags).
pub fn check_iob2(conll: &str) -> usize {
    let mut prev = "O".to_string();
    let mut entities = 0;
    for line in conll.lines() {
        if line.is_empty() {
            prev = "O".to_string();
            continue;
        }
        let (_, tag) = line.rsplit_once('\t').expect("token<TAB>tag");
        if let Some(l) = tag.strip_prefix("I-") {
            assert!(
                prev == format!("B-{l}") || prev == tag,
                "{tag} after {prev}: {line:?}"
            );
        } else if tag.starts_with("B-") {
            entities += 1;
        } else {
            assert!(tag == "O", "{line:?}");
        }
        prev = tag.to_string();
    }
    entities
}
