//! The bundled example project `projects/venezuela/`: it validates, holds the
//! scraped sample article exactly as scraped plus further articles, and its
//! two coders agree on most spans but show every kind of disagreement the
//! comparison view and the agreement report are meant to explain.

use crate::util::{example_project, newscoder};
use newscoder::model::{AnnotationSet, Span, Status};
use newscoder::store::ProjectDir;
use newscoder::text::{char_slice, text_hash};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const SAMPLE_FILE: &str = "venezuela-military-unity.txt";

/// The project and every document's (alice, bob) annotation sets.
fn load() -> (ProjectDir, Vec<(String, AnnotationSet, AnnotationSet)>) {
    let dir = ProjectDir::open(&example_project()).expect("the example project opens");
    let mut sets = Vec::new();
    for doc in &dir.project.documents {
        let a = dir.load_set("alice", &doc.id).unwrap();
        let b = dir.load_set("bob", &doc.id).unwrap();
        let (Some(a), Some(b)) = (a, b) else {
            panic!(
                "document {} lacks an annotation set of alice or bob",
                doc.id
            );
        };
        sets.push((doc.id.clone(), a, b));
    }
    (dir, sets)
}

/// How a project stores imported text: BOM removed, CRLF as LF.
fn normalise(raw: &str) -> String {
    raw.strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
}

type Key = (usize, usize, String);

fn key(s: &Span) -> Key {
    (s.start, s.end, s.label.clone())
}

/// A span's links with targets given by position and label, since span ids
/// differ between coders.
fn links_by_position(set: &AnnotationSet, s: &Span) -> BTreeMap<String, Vec<Option<Key>>> {
    s.links
        .iter()
        .map(|(role, ids)| {
            let mut keys: Vec<Option<Key>> = ids.iter().map(|id| set.span(*id).map(key)).collect();
            keys.sort();
            (role.clone(), keys)
        })
        .collect()
}

#[test]
fn example_project_validates() {
    newscoder()
        .arg("validate")
        .arg(example_project())
        .assert()
        .success();
}

#[test]
fn holds_the_sample_article_exactly_and_further_articles() {
    let (dir, _) = load();
    let docs = &dir.project.documents;
    assert!(docs.len() >= 5, "only {} documents", docs.len());
    let sample = docs
        .iter()
        .find(|d| d.meta.source_file == SAMPLE_FILE)
        .expect("the sample article is in the project");
    let text = dir.read_text(&sample.id).unwrap();
    assert_eq!(text_hash(&text), sample.text_hash);
    assert_eq!(sample.meta.date, "2019-05-04");
    let headline = "Venezuelan president stresses military unity after failed coup attempt";
    assert_eq!(sample.title, headline);
    // Kept as scraped: the repeated headline and the boilerplate lines.
    assert_eq!(text.matches(headline).count(), 3);
    assert!(text.contains("More news: Amazon"));
    assert!(text.trim_end().ends_with("Related news"));

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bundled = std::fs::read_to_string(root.join("assets/example-articles").join(SAMPLE_FILE))
        .expect("the generator's copy of the sample is in assets/example-articles");
    assert_eq!(text, normalise(&bundled));
    // The shared original is outside the repository; compare when present.
    let original = root.join("../shared/samples").join(SAMPLE_FILE);
    if original.is_file() {
        let raw = std::fs::read_to_string(&original).unwrap();
        assert_eq!(text, normalise(&raw), "differs from {}", original.display());
    }

    for d in docs {
        assert!(!d.title.is_empty() && !d.meta.outlet.is_empty() && !d.meta.date.is_empty());
        assert!(d.meta.date.as_str() >= "2019-05-01" && d.meta.date.as_str() <= "2019-05-06");
    }
    // At least one text has characters outside ASCII, so character and
    // byte offsets differ somewhere in the example.
    let non_ascii = docs
        .iter()
        .any(|d| !dir.read_text(&d.id).unwrap().is_ascii());
    assert!(non_ascii);
}

#[test]
fn alice_and_bob_coded_every_document() {
    let (dir, sets) = load();
    let coders = dir.all_coders().unwrap();
    assert!(coders.iter().any(|c| c == "alice") && coders.iter().any(|c| c == "bob"));
    for (doc, a, b) in &sets {
        assert!(
            !a.spans.is_empty() && !b.spans.is_empty(),
            "{doc}: empty set"
        );
        assert_eq!(a.status, Status::Done, "{doc}: alice is done everywhere");
    }
    let bob_in_progress = sets
        .iter()
        .filter(|(_, _, b)| b.status == Status::InProgress)
        .count();
    let bob_done = sets
        .iter()
        .filter(|(_, _, b)| b.status == Status::Done)
        .count();
    assert_eq!(bob_in_progress, 1);
    assert_eq!(bob_done, sets.len() - 1);

    // Every span covers real words: no leading or trailing whitespace.
    for (doc, a, b) in &sets {
        let text = dir.read_text(doc).unwrap();
        for s in a.spans.iter().chain(&b.spans) {
            let covered = char_slice(&text, s.start, s.end).expect("span inside the text");
            assert_eq!(
                covered.trim(),
                covered,
                "{doc}: span {} has loose whitespace",
                s.id
            );
        }
    }
}

#[test]
fn coders_agree_on_most_spans_but_not_all() {
    let (_, sets) = load();
    let (mut alice_total, mut matched, mut bob_total) = (0, 0, 0);
    for (doc, a, b) in &sets {
        let bob_keys: Vec<Key> = b.spans.iter().map(key).collect();
        let here = a
            .spans
            .iter()
            .filter(|s| bob_keys.contains(&key(s)))
            .count();
        assert!(
            here * 2 > a.spans.len(),
            "{doc}: only {here} of alice's {} spans are in bob's set",
            a.spans.len()
        );
        alice_total += a.spans.len();
        bob_total += b.spans.len();
        matched += here;
    }
    assert!(
        matched * 10 > alice_total * 7,
        "{matched} of {alice_total} alice spans match bob's exactly"
    );
    assert!(
        matched < alice_total || matched < bob_total,
        "the coders must differ somewhere"
    );
}

#[test]
fn disagreements_cover_boundary_label_attribute_link_and_actor() {
    let (_, sets) = load();
    let (mut boundary, mut label, mut attribute, mut link, mut actor) = (0, 0, 0, 0, 0);
    for (_, a, b) in &sets {
        let bob_by_key: HashMap<Key, &Span> = b.spans.iter().map(|s| (key(s), s)).collect();
        for sa in &a.spans {
            if let Some(sb) = bob_by_key.get(&key(sa)) {
                attribute += usize::from(sa.attrs != sb.attrs);
                actor += usize::from(sa.actor != sb.actor);
                link += usize::from(links_by_position(a, sa) != links_by_position(b, sb));
                continue;
            }
            let relabelled = b
                .spans
                .iter()
                .any(|sb| sb.start == sa.start && sb.end == sa.end);
            let shifted = b
                .spans
                .iter()
                .any(|sb| sb.label == sa.label && sb.overlaps(sa));
            label += usize::from(relabelled);
            boundary += usize::from(shifted);
        }
    }
    assert!(boundary > 0, "no boundary disagreement");
    assert!(label > 0, "no label disagreement");
    assert!(attribute > 0, "no attribute disagreement");
    assert!(link > 0, "no link disagreement");
    assert!(actor > 0, "no actor reference disagreement");
}
