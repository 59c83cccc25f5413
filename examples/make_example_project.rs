//! Generates the bundled example project `projects/venezuela/`: the scraped
//! sample article plus five short articles written for the example (from
//! `assets/example-articles/`), an actor registry, and two coders' annotations
//! (`alice` and `bob`) that agree on most spans but not all.
//!
//! Run with `cargo run --example make_example_project` (add `-- --dump` to
//! print every span with the text it covers). The output folder is deleted
//! and re-created on every run, so the project is reproducible from this file.
//!
//! Spans are written as (phrase, occurrence) and resolved by searching the
//! text, so character offsets are right by construction; a phrase that is
//! not found stops the run with an error naming it.
//!
//! The two codings differ the way real coders do, so the comparison view
//! and the agreement report have something to explain: span boundaries a
//! word apart ("Venezuelan President Nicolas Maduro" / "Nicolas Maduro"),
//! mentions one coder missed, labels (Group / Organization for "backers of
//! opposition leader Juan Guaido"), stance polarity and event factuality,
//! link targets, actor references, and one set bob has not finished.

use ActorKind::{Group, Organization, Person, State};
use anyhow::{Context, Result, anyhow, bail, ensure};
use newscoder::model::{
    Actor, ActorId, ActorKind, AnnotationSet, CodeValue, Codebook, DocumentEntry, Metadata, Span,
    SpanId, Status, validate_set,
};
use newscoder::store::{PROJECT_FILE, ProjectDir};
use newscoder::text::{char_len, char_slice, find_all, text_hash};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

/// Display name of the generated project.
const PROJECT_NAME: &str = "Venezuela, May 2019 (example)";

/// The two coders; alice is the reference coder, bob the second one.
const ALICE: &str = "alice";
const BOB: &str = "bob";

// Attribute values of the default codebook, named once so a typo is a
// compile error rather than a validation failure.
const SUPPORT: &str = "support";
const OPPOSE: &str = "oppose";
const NEUTRAL: &str = "neutral";
const PROTEST: &str = "protest";
const MILITARY: &str = "military or armed action";
const COUP: &str = "coup or uprising";
const STATEMENT: &str = "statement";
const TALKS: &str = "meeting or talks";
const SANCTION: &str = "sanction";
const VIOLENCE: &str = "violence or killing";
const ACCIDENT: &str = "accident or disaster";
const OTHER: &str = "other";
const OCCURRED: &str = "occurred";
const PLANNED: &str = "announced or planned";
const ALLEGED: &str = "alleged";
const DENIED: &str = "denied";

/// Marks an actor mention that points to no registry entry.
const NO_ACTOR: &str = "";

fn main() -> Result<()> {
    let dump = std::env::args().any(|a| a == "--dump");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("projects").join("venezuela");
    let articles = root.join("assets").join("example-articles");
    // Built next to the real folder and moved into place only when complete,
    // so a failed run leaves the previous example untouched.
    let staging = root.join("projects").join(".venezuela-building");
    clear_output(&staging)?;
    if let Err(e) = generate(&staging, &articles, dump) {
        // The error being reported matters more than a failed clean-up.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    clear_output(&out)?;
    std::fs::rename(&staging, &out)
        .with_context(|| format!("moving {} to {}", staging.display(), out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Builds the whole project in the empty or missing folder `out` from the
/// article files in `articles`.
/// Milliseconds since 1970 of 2026-01-01T00:00:00Z: the creation time in
/// the example's actor ids.
const EXAMPLE_ULID_MS: u128 = 1_767_225_600_000;

fn generate(out: &Path, articles: &Path, dump: bool) -> Result<()> {
    let mut dir = ProjectDir::create(out, PROJECT_NAME, Codebook::default_media())
        .with_context(|| format!("creating {}", out.display()))?;

    let mut actor_ids = HashMap::new();
    for (i, a) in ACTORS.iter().enumerate() {
        // Fixed ULIDs (created "2026-01-01", random part = the actor's
        // number), so regenerating the example gives the same files.
        let id = ActorId((EXAMPLE_ULID_MS << 80) | u128::try_from(i + 1)?);
        ensure!(
            actor_ids.insert(a.key, id).is_none(),
            "actor key {:?} defined twice",
            a.key
        );
        dir.project.actors.put(Actor {
            id,
            aliases: a.aliases.iter().map(|s| s.to_string()).collect(),
            ..Actor::new(a.name, a.kind)
        });
    }
    dir.project.add_coder(ALICE);
    dir.project.add_coder(BOB);

    let docs = documents();
    let mut texts = Vec::new();
    for doc in &docs {
        let path = articles.join(doc.file);
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let text = normalise(&raw);
        let title = text.lines().next().unwrap_or_default().trim().to_string();
        ensure!(!title.is_empty(), "{} has no headline line", path.display());
        let mut extra = std::collections::BTreeMap::new();
        extra.insert("note".to_string(), doc.note.to_string());
        dir.project.documents.push(DocumentEntry {
            id: doc.id.to_string(),
            title,
            meta: Metadata {
                outlet: doc.outlet.to_string(),
                date: doc.date.to_string(),
                author: doc.author.to_string(),
                url: doc.url.to_string(),
                source_file: doc.file.to_string(),
                extra,
            },
            text_hash: text_hash(&text),
            chars: char_len(&text),
        });
        dir.write_text(doc.id, &text)
            .with_context(|| format!("writing the text of {}", doc.id))?;
        texts.push(text);
    }
    // Every set is checked against the finished project (actors, codebook)
    // before anything is written, so a bad spec never leaves files behind
    // that look valid.
    let mut sets = Vec::new();
    for (doc, text) in docs.iter().zip(&texts) {
        let specs = (doc.specs)();
        for (coder, status) in [(ALICE, Status::Done), (BOB, doc.bob_status)] {
            let mut set = build_set(text, doc.id, coder, status, &specs, &actor_ids)
                .with_context(|| format!("document {}, coder {coder}", doc.id))?;
            set.codes = document_codes(doc.id, coder);
            let problems = validate_set(&dir.project, char_len(text), &set);
            if !problems.is_empty() {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                bail!(
                    "document {}, coder {coder}: invalid spans:\n  {}",
                    doc.id,
                    list.join("\n  ")
                );
            }
            if dump {
                dump_set(text, &set);
            }
            sets.push(set);
        }
    }
    dir.save_project().context("saving project.ron")?;
    for set in &sets {
        dir.save_set(set)
            .with_context(|| format!("saving {}/{}", set.coder, set.document))?;
    }
    for set in &sets {
        println!(
            "{:<22} {:<6} {:>3} spans  {}",
            set.document,
            set.coder,
            set.spans.len(),
            set.status.label()
        );
    }
    Ok(())
}

/// Deletes a previous run's output. Refuses to delete a non-empty folder that
/// is not a project, so a wrong path cannot wipe unrelated files.
fn clear_output(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    let is_empty = std::fs::read_dir(out)
        .with_context(|| format!("reading {}", out.display()))?
        .next()
        .is_none();
    ensure!(
        is_empty || out.join(PROJECT_FILE).is_file(),
        "{} exists and is not a project folder; not deleting it",
        out.display()
    );
    std::fs::remove_dir_all(out).with_context(|| format!("deleting {}", out.display()))
}

/// The text as a project stores it: BOM removed, CRLF turned into LF,
/// everything else (repeated headlines, boilerplate lines) kept.
fn normalise(raw: &str) -> String {
    raw.strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
}

/// One coder's annotation set for one document, from the specs that apply
/// to that coder.
fn build_set(
    text: &str,
    doc: &str,
    coder: &str,
    status: Status,
    specs: &[Spec],
    actors: &HashMap<&str, ActorId>,
) -> Result<AnnotationSet> {
    let chosen: Vec<&Spec> = specs.iter().filter(|s| s.applies_to(coder)).collect();
    let mut ids = HashMap::new();
    for (i, s) in chosen.iter().enumerate() {
        let id = SpanId(u32::try_from(i + 1)?);
        ensure!(
            ids.insert(s.key, id).is_none(),
            "span key {:?} is used twice for this coder",
            s.key
        );
    }
    let mut set = AnnotationSet::new(doc, coder);
    set.status = status;
    let mut seen = BTreeSet::new();
    for s in chosen {
        let range = locate(text, s.phrase, s.occurrence)
            .with_context(|| format!("span {:?} ({})", s.key, s.label))?;
        ensure!(
            seen.insert((range.start, range.end, s.label)),
            "span {:?}: another span already has {}..{} {}",
            s.key,
            range.start,
            range.end,
            s.label
        );
        let mut span = Span::new(ids[s.key], range.start, range.end, s.label);
        for (name, value) in &s.attrs {
            span.attrs.insert(name.to_string(), value.to_string());
        }
        for (role, target) in &s.links {
            let id = ids.get(target).ok_or_else(|| {
                anyhow!(
                    "span {:?}: role {role:?} links to {target:?}, which this coder has no span for",
                    s.key
                )
            })?;
            span.add_link(role, *id);
        }
        if let Some(actor) = s.actor {
            let id = actors
                .get(actor)
                .ok_or_else(|| anyhow!("span {:?}: unknown actor key {actor:?}", s.key))?;
            span.actor = Some(*id);
        }
        if coder == ALICE {
            span.note = s.alice_note.to_string();
        }
        set.put(span);
    }
    Ok(set)
}

/// The character range of the `occurrence`-th (0-based) whole-word,
/// case-exact occurrence of `phrase` in `text`.
fn locate(text: &str, phrase: &str, occurrence: usize) -> Result<Range<usize>> {
    // find_all ignores case; the example wants exact matches so that e.g.
    // "the president" and "The President" can be told apart.
    let hits: Vec<Range<usize>> = find_all(text, phrase, true)
        .into_iter()
        .filter(|r| char_slice(text, r.start, r.end) == Some(phrase))
        .collect();
    hits.get(occurrence).cloned().ok_or_else(|| {
        anyhow!(
            "phrase {phrase:?} occurrence {occurrence} not found (the text has {} occurrence(s))",
            hits.len()
        )
    })
}

/// Prints every span of `set` with a little context, to check by eye that
/// each (phrase, occurrence) landed where it was meant to.
fn dump_set(text: &str, set: &AnnotationSet) {
    println!("== {} / {}", set.document, set.coder);
    let chars: Vec<char> = text.chars().collect();
    for s in &set.spans {
        let before: String = chars[s.start.saturating_sub(25)..s.start].iter().collect();
        let inner: String = chars[s.start..s.end].iter().collect();
        let after: String = chars[s.end..(s.end + 25).min(chars.len())].iter().collect();
        println!(
            "  {:>3} {:<12} {:>4}..{:<4} …{}[{}]{}…  {:?} {:?} {:?}",
            s.id.0,
            s.label,
            s.start,
            s.end,
            before.replace('\n', " "),
            inner,
            after.replace('\n', " "),
            s.attrs,
            s.links,
            s.actor
        );
    }
}

/// Which coders a spec is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coders {
    Both,
    AliceOnly,
    BobOnly,
}

/// One span as the example describes it. Two specs with the same key, one
/// for each coder, describe a span the coders coded differently; links
/// refer to keys, so they follow each coder's own version of a span.
#[derive(Clone, Debug)]
struct Spec {
    key: &'static str,
    coders: Coders,
    label: &'static str,
    phrase: &'static str,
    occurrence: usize,
    actor: Option<&'static str>,
    attrs: Vec<(&'static str, &'static str)>,
    links: Vec<(&'static str, &'static str)>,
    /// Alice explains her harder decisions in notes; bob writes none.
    alice_note: &'static str,
}

impl Spec {
    fn new(
        label: &'static str,
        key: &'static str,
        phrase: &'static str,
        occurrence: usize,
    ) -> Spec {
        Spec {
            key,
            coders: Coders::Both,
            label,
            phrase,
            occurrence,
            actor: None,
            attrs: Vec::new(),
            links: Vec::new(),
            alice_note: "",
        }
    }

    fn applies_to(&self, coder: &str) -> bool {
        match self.coders {
            Coders::Both => true,
            Coders::AliceOnly => coder == ALICE,
            Coders::BobOnly => coder == BOB,
        }
    }

    /// Only alice coded it this way.
    fn alice(mut self) -> Spec {
        self.coders = Coders::AliceOnly;
        self
    }

    /// Only bob coded it this way.
    fn bob(mut self) -> Spec {
        self.coders = Coders::BobOnly;
        self
    }

    fn link(mut self, role: &'static str, key: &'static str) -> Spec {
        self.links.push((role, key));
        self
    }

    fn holder(self, key: &'static str) -> Spec {
        self.link("holder", key)
    }

    fn target(self, key: &'static str) -> Spec {
        self.link("target", key)
    }

    fn agent(self, key: &'static str) -> Spec {
        self.link("agent", key)
    }

    fn patient(self, key: &'static str) -> Spec {
        self.link("patient", key)
    }

    fn place(self, key: &'static str) -> Spec {
        self.link("place", key)
    }

    fn topic(mut self, topic: &'static str) -> Spec {
        self.attrs.push(("topic", topic));
        self
    }

    fn alice_note(mut self, note: &'static str) -> Spec {
        self.alice_note = note;
        self
    }
}

fn mention(
    label: &'static str,
    key: &'static str,
    phrase: &'static str,
    occurrence: usize,
    actor: &'static str,
) -> Spec {
    let mut s = Spec::new(label, key, phrase, occurrence);
    s.actor = (!actor.is_empty()).then_some(actor);
    s
}

fn person(key: &'static str, phrase: &'static str, occ: usize, actor: &'static str) -> Spec {
    mention("Person", key, phrase, occ, actor)
}

fn org(key: &'static str, phrase: &'static str, occ: usize, actor: &'static str) -> Spec {
    mention("Organization", key, phrase, occ, actor)
}

fn state(key: &'static str, phrase: &'static str, occ: usize, actor: &'static str) -> Spec {
    mention("State", key, phrase, occ, actor)
}

fn group(key: &'static str, phrase: &'static str, occ: usize, actor: &'static str) -> Spec {
    mention("Group", key, phrase, occ, actor)
}

fn stance(key: &'static str, phrase: &'static str, occ: usize, polarity: &'static str) -> Spec {
    let mut s = Spec::new("Stance", key, phrase, occ);
    s.attrs.push(("polarity", polarity));
    s
}

fn event(
    key: &'static str,
    phrase: &'static str,
    occ: usize,
    kind: &'static str,
    factuality: &'static str,
) -> Spec {
    let mut s = Spec::new("Event", key, phrase, occ);
    s.attrs.push(("type", kind));
    s.attrs.push(("factuality", factuality));
    s
}

fn location(key: &'static str, phrase: &'static str, occ: usize) -> Spec {
    Spec::new("Location", key, phrase, occ)
}

/// A canonical actor of the registry, referred to by `key` in specs.
struct ActorDef {
    key: &'static str,
    name: &'static str,
    kind: ActorKind,
    aliases: &'static [&'static str],
}

const fn actor(
    key: &'static str,
    name: &'static str,
    kind: ActorKind,
    aliases: &'static [&'static str],
) -> ActorDef {
    ActorDef {
        key,
        name,
        kind,
        aliases,
    }
}

/// The actor registry. Aliases are only those that are unambiguous in this
/// corpus ("the president" is not one: it depends on the article).
const ACTORS: &[ActorDef] = &[
    actor(
        "maduro",
        "Nicolas Maduro",
        Person,
        &["Nicolás Maduro", "Maduro", "President Nicolas Maduro"],
    ),
    actor(
        "guaido",
        "Juan Guaido",
        Person,
        &["Juan Guaidó", "Guaido", "Guaidó"],
    ),
    actor(
        "trump",
        "Donald Trump",
        Person,
        &["Trump", "President Trump", "President Donald Trump"],
    ),
    actor(
        "putin",
        "Vladimir Putin",
        Person,
        &["Putin", "Russian President Vladimir Putin"],
    ),
    actor(
        "pompeo",
        "Mike Pompeo",
        Person,
        &["Pompeo", "Secretary of State Mike Pompeo"],
    ),
    actor(
        "bolton",
        "John Bolton",
        Person,
        &["Bolton", "National Security Adviser John Bolton"],
    ),
    actor("lavrov", "Sergei Lavrov", Person, &["Lavrov"]),
    actor(
        "padrino",
        "Vladimir Padrino Lopez",
        Person,
        &["Vladimir Padrino López", "Padrino López", "Padrino Lopez"],
    ),
    actor(
        "leopoldo_lopez",
        "Leopoldo Lopez",
        Person,
        &["Leopoldo López"],
    ),
    actor("duque", "Ivan Duque", Person, &["Iván Duque", "Duque"]),
    actor(
        "diaz_canel",
        "Miguel Diaz-Canel",
        Person,
        &["Miguel Díaz-Canel", "Díaz-Canel"],
    ),
    actor(
        "rodriguez",
        "Bruno Rodriguez",
        Person,
        &["Bruno Rodríguez Parrilla", "Bruno Rodríguez"],
    ),
    actor("peskov", "Dmitry Peskov", Person, &["Peskov"]),
    actor(
        "popolizio",
        "Nestor Popolizio",
        Person,
        &["Néstor Popolizio", "Popolizio"],
    ),
    actor("freeland", "Chrystia Freeland", Person, &["Freeland"]),
    actor(
        "armed_forces",
        "Venezuelan armed forces",
        Organization,
        &["FANB", "the armed forces", "the military", "the army"],
    ),
    actor(
        "national_guard",
        "National Guard",
        Organization,
        &["Guardia Nacional Bolivariana"],
    ),
    actor(
        "national_assembly",
        "National Assembly",
        Organization,
        &["Asamblea Nacional"],
    ),
    actor(
        "maduro_government",
        "Government of Nicolas Maduro",
        Organization,
        &["the Maduro government"],
    ),
    actor(
        "trump_administration",
        "Trump administration",
        Organization,
        &["the Trump administration"],
    ),
    actor(
        "us_treasury",
        "US Treasury Department",
        Organization,
        &["Treasury Department"],
    ),
    actor(
        "russian_mfa",
        "Russian Foreign Ministry",
        Organization,
        &["Russian Foreign Ministry"],
    ),
    actor("kremlin", "Kremlin", Organization, &["the Kremlin"]),
    actor("lima_group", "Lima Group", Organization, &["Grupo de Lima"]),
    actor(
        "washington_post",
        "The Washington Post",
        Organization,
        &["the Post"],
    ),
    actor(
        "us",
        "United States",
        State,
        &["US", "USA", "the United States", "Washington"],
    ),
    actor("russia", "Russia", State, &["Moscow", "the Russians"]),
    actor("cuba", "Cuba", State, &["Havana", "the Cubans"]),
    actor("china", "China", State, &["Beijing"]),
    actor("iran", "Iran", State, &["the Iranians", "Tehran"]),
    actor("canada", "Canada", State, &["Ottawa"]),
    actor("spain", "Spain", State, &["Madrid"]),
    actor("mexico", "Mexico", State, &[]),
    actor("uruguay", "Uruguay", State, &[]),
    actor(
        "guaido_supporters",
        "Guaido supporters",
        Group,
        &[
            "backers of opposition leader Juan Guaido",
            "Guaidó supporters",
        ],
    ),
    actor(
        "opposition",
        "Venezuelan opposition",
        Group,
        &["the opposition"],
    ),
    actor(
        "defectors",
        "Military defectors",
        Group,
        &["a handful of traitors", "the soldiers who joined him"],
    ),
    actor("loyalists", "Maduro loyalists", Group, &[]),
    actor("experts", "Experts and analysts", Group, &["experts"]),
    actor(
        "congress_democrats",
        "US Congress Democrats",
        Group,
        &["Democrats in Congress"],
    ),
    actor(
        "human_rights_groups",
        "Human rights groups",
        Group,
        &["rights groups"],
    ),
];

/// One article of the example and its two codings.
struct DocDef {
    id: &'static str,
    file: &'static str,
    outlet: &'static str,
    date: &'static str,
    author: &'static str,
    url: &'static str,
    note: &'static str,
    bob_status: Status,
    specs: fn() -> Vec<Spec>,
}

/// Note for the articles written for the example.
const WRITTEN: &str =
    "Written for the newscoder example project; the outlet, author and url are fictional.";

/// The documents in display order: the scraped sample first, then the
/// written articles by date.
fn documents() -> Vec<DocDef> {
    vec![
        DocDef {
            id: "wire-military-unity",
            file: "venezuela-military-unity.txt",
            outlet: "Wire report (scraped)",
            date: "2019-05-04",
            author: "",
            url: "",
            note: "Real scraped coverage, kept exactly as scraped: the headline is repeated three times and boilerplate lines (\"More news: …\", \"Related news\") are left in.",
            bob_status: Status::Done,
            specs: wire_military_unity,
        },
        DocDef {
            id: "prensa-caribe-0501",
            file: "prensa-caribe-0501.txt",
            outlet: "Prensa Caribe (Havana)",
            date: "2019-05-01",
            author: "Yusimí Herrera",
            url: "https://prensa-caribe.example.org/2019/05/01/cuba-rechaza-amenaza-embargo",
            note: WRITTEN,
            bob_status: Status::Done,
            specs: prensa_caribe,
        },
        DocDef {
            id: "capitol-ledger-0502",
            file: "capitol-ledger-0502.txt",
            outlet: "Capitol Ledger (Washington)",
            date: "2019-05-02",
            author: "Karen Whitfield",
            url: "https://capitol-ledger.example.org/2019/05/02/pompeo-military-action-possible",
            note: WRITTEN,
            bob_status: Status::Done,
            specs: capitol_ledger,
        },
        DocDef {
            id: "moscow-wire-0503",
            file: "moscow-wire-0503.txt",
            outlet: "Moscow Wire",
            date: "2019-05-03",
            author: "Dmitri Sokolov",
            url: "https://moscow-wire.example.org/2019/05/03/lavrov-pompeo-venezuela",
            note: WRITTEN,
            bob_status: Status::Done,
            specs: moscow_wire,
        },
        DocDef {
            id: "andes-tribune-0504",
            file: "andes-tribune-0504.txt",
            outlet: "Andes Tribune (Lima)",
            date: "2019-05-04",
            author: "Mariana Quispe",
            url: "https://andes-tribune.example.org/2019/05/04/grupo-de-lima-cuba",
            note: WRITTEN,
            bob_status: Status::Done,
            specs: andes_tribune,
        },
        DocDef {
            id: "caracas-libre-0505",
            file: "caracas-libre-0505.txt",
            outlet: "Caracas Libre",
            date: "2019-05-05",
            author: "Gabriela Rondón",
            url: "https://caracas-libre.example.org/2019/05/05/marcha-a-los-cuarteles",
            note: WRITTEN,
            bob_status: Status::InProgress,
            specs: caracas_libre,
        },
    ]
}

/// Each coder's document codes (the default codebook's variables): the
/// two agree on most, as coders do, and differ where a judgement call is
/// hard (genre of a statement, tone, how many sources).
fn document_codes(doc: &str, coder: &str) -> std::collections::BTreeMap<String, CodeValue> {
    let alice = coder == ALICE;
    let pick = |a: &'static str, b: &'static str| if alice { a } else { b };
    let (genre, main, topics, tone, quoted, sources): (
        &str,
        &str,
        &[&str],
        &str,
        &str,
        Option<f64>,
    ) = match doc {
        "wire-military-unity" => (
            "news report",
            "military and security",
            &["domestic politics", "military and security"],
            pick("neutral or balanced", "negative"),
            "yes",
            Some(if alice { 2.0 } else { 3.0 }),
        ),
        "prensa-caribe-0501" => (
            pick("news report", "press release or statement"),
            "foreign relations and diplomacy",
            &["economy and sanctions", "foreign relations and diplomacy"],
            "positive",
            "no",
            Some(2.0),
        ),
        "capitol-ledger-0502" => (
            "news report",
            pick("military and security", "foreign relations and diplomacy"),
            &["foreign relations and diplomacy", "military and security"],
            pick("negative", "very negative"),
            "no",
            Some(3.0),
        ),
        "moscow-wire-0503" => (
            "news report",
            "foreign relations and diplomacy",
            &["foreign relations and diplomacy"],
            pick("neutral or balanced", "positive"),
            "no",
            Some(2.0),
        ),
        "andes-tribune-0504" => (
            pick("news report", "analysis or background"),
            "foreign relations and diplomacy",
            &["foreign relations and diplomacy"],
            "negative",
            "no",
            Some(if alice { 3.0 } else { 2.0 }),
        ),
        "caracas-libre-0505" => (
            "news report",
            "protest",
            if alice {
                &["domestic politics", "military and security", "protest"]
            } else {
                &["domestic politics", "protest"]
            },
            "very negative",
            pick("yes", "no"),
            // Bob has not finished this one.
            alice.then_some(4.0),
        ),
        _ => return Default::default(),
    };
    let text = |v: &str| CodeValue::Text(v.to_string());
    let mut codes = std::collections::BTreeMap::from([
        ("genre".to_string(), text(genre)),
        ("main topic".to_string(), text(main)),
        (
            "topics".to_string(),
            CodeValue::Many(topics.iter().map(|t| t.to_string()).collect()),
        ),
        ("tone towards the government".to_string(), text(tone)),
        ("government quoted".to_string(), text(quoted)),
    ]);
    if let Some(n) = sources {
        codes.insert("sources quoted".to_string(), CodeValue::Number(n));
    }
    codes
}

/// The scraped sample article.
fn wire_military_unity() -> Vec<Spec> {
    vec![
        // Headline, repeated three times by the scraper: coded once.
        person("h-maduro", "Venezuelan president", 0, "maduro").alice_note(
            "The headline is repeated three times in the scrape; coded on its first occurrence only.",
        ),
        event("h-coup", "failed coup attempt", 0, COUP, OCCURRED),
        // "Venezuelan President Nicolas Maduro on Saturday called on his military …"
        person("p1-maduro", "Venezuelan President Nicolas Maduro", 0, "maduro").alice(),
        person("p1-maduro", "Nicolas Maduro", 0, "maduro").bob(),
        org("p1-military", "his military", 0, "armed_forces"),
        stance(
            "p1-ready",
            "to be \"ready\" against a US military offensive",
            0,
            OPPOSE,
        )
        .holder("p1-maduro")
        .target("p1-us")
        .topic("US military intervention"),
        state("p1-us", "US", 0, "us"),
        group("p1-traitors", "a handful of traitors", 0, "defectors"),
        // The quote condemns the traitors and praises the armed forces; the
        // coders read its main point differently.
        stance(
            "p1-tarnish",
            "a handful of traitors can not tarnish the honor, the unity, the cohesion and the image of the armed forces",
            0,
            OPPOSE,
        )
        .holder("p1-president")
        .target("p1-traitors")
        .alice(),
        stance(
            "p1-tarnish",
            "a handful of traitors can not tarnish the honor, the unity, the cohesion and the image of the armed forces",
            0,
            SUPPORT,
        )
        .holder("p1-president")
        .target("p1-armed-forces")
        .bob(),
        org("p1-armed-forces", "the armed forces", 0, "armed_forces"),
        person("p1-president", "the president", 0, "maduro"),
        // "… urged his troops Saturday to be "ready" for potential USA military action …"
        person("p2-maduro", "Venezuelan President Nicolas Maduro", 1, "maduro"),
        state("p2-usa", "USA", 0, "us"),
        event(
            "p2-action",
            "potential USA military action",
            0,
            MILITARY,
            ALLEGED,
        )
        .agent("p2-usa")
        .alice(),
        event(
            "p2-action",
            "potential USA military action",
            0,
            MILITARY,
            PLANNED,
        )
        .agent("p2-usa")
        .bob(),
        group(
            "p2-backers",
            "backers of opposition leader Juan Guaido",
            0,
            "guaido_supporters",
        )
        .alice(),
        org(
            "p2-backers",
            "backers of opposition leader Juan Guaido",
            0,
            "guaido_supporters",
        )
        .bob(),
        person("p2-guaido", "Juan Guaido", 0, "guaido"),
        event("p2-march", "marched on barracks", 0, PROTEST, OCCURRED)
            .agent("p2-backers")
            .place("p2-barracks"),
        location("p2-barracks", "barracks", 0),
        // The helicopter crash.
        group(
            "p3-officers",
            "Seven Venezuelan military officers",
            0,
            "armed_forces",
        )
        .alice(),
        group(
            "p3-officers",
            "Seven Venezuelan military officers",
            0,
            NO_ACTOR,
        )
        .bob(),
        event("p3-crash", "their helicopter crashed", 0, ACCIDENT, OCCURRED)
            .patient("p3-officers")
            .place("p3-caracas")
            .alice(),
        event("p3-crash", "helicopter crashed", 0, ACCIDENT, OCCURRED)
            .patient("p3-officers")
            .place("p3-caracas")
            .bob(),
        location("p3-caracas", "outside Caracas", 0),
        person("p3-maduro", "President Nicolas Maduro", 2, "maduro"),
        person("p3-duque", "Colombian President Ivan Duque", 0, "duque").alice_note(
            "\"it\" and \"its joint statement\" have no antecedent in this text (scraping artefact).",
        ),
        // Recognition of Guaido.
        person("p4-guaido", "Guaido", 1, "guaido"),
        org("p4-assembly", "National Assembly", 0, "national_assembly"),
        stance(
            "p4-recognized",
            "has been recognized as the South American country's legitimate leader",
            0,
            SUPPORT,
        )
        .holder("p4-countries")
        .target("p4-guaido")
        .topic("Guaido's legitimacy"),
        group("p4-countries", "more than 50 countries", 0, NO_ACTOR),
        state("p4-canada", "Canada", 0, "canada"),
        state("p4-us", "the United States", 0, "us"),
        state("p4-spain", "Spain", 0, "spain"),
        // "She has been critical of …": the scrape never says who she is.
        person("p5-she", "She", 0, NO_ACTOR)
            .alice()
            .alice_note("No antecedent in the scraped text; the sentence was probably copied from another story."),
        org(
            "p5-administration",
            "the Trump administration",
            0,
            "trump_administration",
        ),
        stance(
            "p5-critical",
            "has been critical of the Trump administration's efforts to force Maduro out of office",
            0,
            OPPOSE,
        )
        .holder("p5-she")
        .target("p5-administration")
        .alice(),
        stance(
            "p5-critical",
            "has been critical of the Trump administration's efforts to force Maduro out of office",
            0,
            OPPOSE,
        )
        .target("p5-administration")
        .bob(),
        person("p5-maduro", "Maduro", 3, "maduro"),
        person("p5-guaido", "Guaido", 2, "guaido"),
        event(
            "p5-uprising",
            "a failed military uprising",
            0,
            COUP,
            OCCURRED,
        )
        .agent("p5-guaido"),
        // Boilerplate link line: only bob coded the company in it.
        org("p6-amazon", "Amazon", 0, NO_ACTOR).bob(),
        // Guaido's plan.
        person("p7-guaido", "Guaido", 3, "guaido"),
        group("p7-loyalists", "Maduro loyalists", 0, "loyalists"),
        person("p7-maduro", "Maduro", 4, "maduro").alice(),
        event(
            "p7-reach-out",
            "reach out to Maduro loyalists",
            0,
            TALKS,
            PLANNED,
        )
        .agent("p7-guaido")
        .patient("p7-loyalists"),
        org("p7-post", "the Post", 0, "washington_post"),
        // The call for marches on barracks.
        person("p8-guaido", "Guaido", 4, "guaido"),
        group("p8-supporters", "his supporters", 0, "guaido_supporters"),
        event(
            "p8-march",
            "march to military barracks and bases",
            0,
            PROTEST,
            PLANNED,
        )
        .agent("p8-supporters")
        .place("p8-barracks")
        .alice(),
        event(
            "p8-march",
            "march to military barracks and bases",
            0,
            PROTEST,
            OCCURRED,
        )
        .agent("p8-supporters")
        .place("p8-barracks")
        .bob(),
        location("p8-barracks", "military barracks and bases", 0),
        org("p8-army", "the army", 0, "armed_forces"),
        // Trump and Putin.
        person("p9-maduro", "Maduro", 5, "maduro"),
        person("p9-trump", "President Trump", 0, "trump"),
        person("p9-putin", "Russian President Vladimir Putin", 0, "putin"),
        stance(
            "p9-same-way",
            "agreeing that they \"feel the same way\" on Venezuela",
            0,
            SUPPORT,
        )
        .holder("p9-trump")
        .target("p9-putin")
        .topic("Venezuela")
        .alice(),
        stance(
            "p9-same-way",
            "agreeing that they \"feel the same way\" on Venezuela",
            0,
            NEUTRAL,
        )
        .holder("p9-trump")
        .target("p9-putin")
        .topic("Venezuela")
        .bob(),
        event("p9-call", "a phone call on Friday", 0, TALKS, OCCURRED)
            .agent("p9-trump")
            .patient("p9-putin")
            .alice(),
        event("p9-call", "a phone call", 0, TALKS, OCCURRED)
            .agent("p9-trump")
            .patient("p9-putin")
            .bob(),
        // Maduro's allies and his view of Guaido.
        person("p10-maduro", "Maduro", 6, "maduro"),
        stance(
            "p10-support",
            "retains the support of Russia, Cuba and China",
            0,
            SUPPORT,
        )
        .holder("p10-russia")
        .target("p10-maduro")
        .alice_note("Also held by Cuba and China; a stance has one holder link."),
        state("p10-russia", "Russia", 0, "russia"),
        state("p10-cuba", "Cuba", 0, "cuba"),
        state("p10-china", "China", 0, "china"),
        stance(
            "p10-puppet",
            "calls Guaido a US -backed puppet",
            0,
            OPPOSE,
        )
        .holder("p10-maduro")
        .target("p10-guaido")
        .topic("Guaido's legitimacy"),
        person("p10-guaido", "Guaido", 5, "guaido"),
        state("p10-us", "US", 1, "us").alice(),
        event(
            "p10-coup",
            "orchestrate a coup against him",
            0,
            COUP,
            ALLEGED,
        )
        .agent("p10-guaido")
        .patient("p10-maduro"),
        // The US position and the experts' view.
        state("p11-us", "The United States", 0, "us"),
        stance(
            "p11-numbered",
            "insisting Maduro's days are numbered",
            0,
            OPPOSE,
        )
        .holder("p11-us")
        .target("p11-maduro"),
        person("p11-maduro", "Maduro", 7, "maduro"),
        group("p11-experts", "experts", 0, "experts"),
        stance(
            "p11-overestimated",
            "Washington may have overestimated the opposition leader's strength",
            0,
            NEUTRAL,
        )
        .holder("p11-experts")
        .target("p11-washington")
        .alice(),
        stance(
            "p11-overestimated",
            "Washington may have overestimated the opposition leader's strength",
            0,
            NEUTRAL,
        )
        .holder("p11-experts")
        .target("p11-leader")
        .bob(),
        state("p11-washington", "Washington", 0, "us"),
        person("p11-leader", "the opposition leader", 0, "guaido"),
        state("p11-russians", "the Russians", 0, "russia"),
        state("p11-iranians", "the Iranians", 0, "iran"),
        state("p11-cubans", "the Cubans", 0, "cuba"),
    ]
}

/// Cuban state-media angle, 1 May.
fn prensa_caribe() -> Vec<Spec> {
    vec![
        state("h-cuba", "Cuba", 0, "cuba"),
        person("h-trump", "Trump", 0, "trump"),
        stance("h-rejects", "rejects Trump's embargo threat", 0, OPPOSE)
            .holder("h-cuba")
            .target("h-trump")
            .topic("US embargo"),
        // The government's reply.
        org("p1-government", "The Cuban government", 0, "cuba").alice(),
        state("p1-government", "The Cuban government", 0, "cuba").bob(),
        person("p1-trump", "US President Donald Trump", 0, "trump"),
        stance(
            "p1-rejected",
            "rejected US President Donald Trump's threat",
            0,
            OPPOSE,
        )
        .holder("p1-government")
        .target("p1-trump")
        .topic("US embargo"),
        event(
            "p1-embargo",
            "threat of a \"full and complete embargo\"",
            0,
            SANCTION,
            PLANNED,
        )
        .agent("p1-trump")
        .patient("p1-government"),
        group("p1-troops", "Cuban troops", 0, "cuba"),
        event(
            "p1-operating",
            "Cuban troops were operating in Venezuela",
            0,
            MILITARY,
            DENIED,
        )
        .agent("p1-troops"),
        stance(
            "p1-lie",
            "calling the accusation a lie meant to justify aggression against the Bolivarian revolution",
            0,
            OPPOSE,
        )
        .holder("p1-government")
        .target("p1-trump"),
        // Díaz-Canel and Rodríguez.
        person("p2-diaz-canel", "President Miguel Díaz-Canel", 0, "diaz_canel").alice(),
        person("p2-diaz-canel", "Miguel Díaz-Canel", 0, "diaz_canel").bob(),
        state("p2-washington", "Washington", 0, "us"),
        stance(
            "p2-coup",
            "accused Washington of backing \"a coup d'état\"",
            0,
            OPPOSE,
        )
        .holder("p2-diaz-canel")
        .target("p2-washington"),
        person("p2-maduro", "Nicolás Maduro", 0, "maduro"),
        person("p2-rodriguez", "Foreign Minister Bruno Rodríguez", 0, "rodriguez"),
        // May Day in Havana.
        group("p3-cubans", "Hundreds of thousands of Cubans", 0, NO_ACTOR),
        event(
            "p3-parade",
            "marched in the May Day parade",
            0,
            PROTEST,
            OCCURRED,
        )
        .agent("p3-cubans")
        .place("p3-plaza"),
        location("p3-plaza", "Havana's Plaza de la Revolución", 0).alice(),
        location("p3-plaza", "Plaza de la Revolución", 0).bob(),
        // Rodríguez against Pompeo and Bolton.
        person("p4-rodriguez", "Rodríguez", 1, "rodriguez"),
        person("p4-pompeo", "Secretary of State Mike Pompeo", 0, "pompeo"),
        person(
            "p4-bolton",
            "National Security Adviser John Bolton",
            0,
            "bolton",
        ),
        stance("p4-lying", "were lying", 0, OPPOSE)
            .holder("p4-rodriguez")
            .target("p4-pompeo")
            .alice_note("Aimed at Pompeo and Bolton together.")
            .alice(),
        stance("p4-lying", "were lying", 0, OPPOSE)
            .holder("p4-rodriguez")
            .target("p4-bolton")
            .bob(),
        state("p4-havana", "Havana", 1, "cuba"),
        state("p4-cuba", "Cuba", 3, "cuba"),
        stance(
            "p4-dialogue-stance",
            "supports a dialogue among Venezuelans without foreign interference",
            0,
            SUPPORT,
        )
        .holder("p4-cuba")
        .target("p4-dialogue"),
        event(
            "p4-dialogue",
            "a dialogue among Venezuelans",
            0,
            TALKS,
            PLANNED,
        ),
        // The failed uprising.
        event("p5-uprising", "Tuesday's uprising", 0, COUP, OCCURRED)
            .agent("p5-guaido")
            .place("p5-carlota"),
        person("p5-guaido", "Juan Guaidó", 0, "guaido"),
        location("p5-carlota", "La Carlota air base", 0),
        org(
            "p5-command",
            "the military high command",
            0,
            "armed_forces",
        ),
        stance("p5-stood", "stood by Maduro", 0, SUPPORT)
            .holder("p5-command")
            .target("p5-maduro"),
        person("p5-maduro", "Maduro", 1, "maduro"),
    ]
}

/// US-government angle, 2 May.
fn capitol_ledger() -> Vec<Spec> {
    vec![
        person("h-pompeo", "Pompeo", 0, "pompeo"),
        state("h-us", "US", 0, "us"),
        event(
            "h-action",
            "US military action in Venezuela",
            0,
            MILITARY,
            PLANNED,
        )
        .agent("h-us")
        .place("h-venezuela"),
        location("h-venezuela", "Venezuela", 0),
        // Pompeo's statement.
        person("p1-pompeo", "Secretary of State Mike Pompeo", 0, "pompeo").alice(),
        person("p1-pompeo", "Mike Pompeo", 0, "pompeo").bob(),
        stance(
            "p1-possible",
            "military action in Venezuela was \"possible\" if required",
            0,
            OPPOSE,
        )
        .holder("p1-pompeo")
        .target("p1-maduro")
        .topic("US military intervention"),
        org(
            "p1-administration",
            "the Trump administration",
            0,
            "trump_administration",
        ),
        stance(
            "p1-pressure",
            "stepped up pressure on Nicolas Maduro",
            0,
            OPPOSE,
        )
        .holder("p1-administration")
        .target("p1-maduro"),
        person("p1-maduro", "Nicolas Maduro", 0, "maduro"),
        event("p1-uprising", "a failed uprising", 0, COUP, OCCURRED).agent("p1-guaido"),
        person("p1-guaido", "Juan Guaido", 0, "guaido"),
        person("p2-pompeo", "Pompeo", 2, "pompeo"),
        org("p2-fox", "Fox Business Network", 0, NO_ACTOR).bob(),
        org(
            "p2-administration",
            "the administration",
            0,
            "trump_administration",
        ),
        // Bolton and the Treasury.
        person(
            "p3-bolton",
            "National Security Adviser John Bolton",
            0,
            "bolton",
        ),
        event("p3-warned", "warned", 0, STATEMENT, OCCURRED)
            .agent("p3-bolton")
            .patient("p3-officers"),
        group(
            "p3-officers",
            "senior Venezuelan officers",
            0,
            "armed_forces",
        ),
        org("p3-treasury", "the Treasury Department", 0, "us_treasury"),
        event(
            "p3-sanctions",
            "further sanctions against Maduro's inner circle",
            0,
            SANCTION,
            PLANNED,
        )
        .agent("p3-treasury")
        .patient("p3-circle"),
        group("p3-circle", "Maduro's inner circle", 0, "maduro_government").alice(),
        group("p3-circle", "Maduro's inner circle", 0, NO_ACTOR).bob(),
        // Russia and Cuba.
        person("p4-pompeo", "Pompeo", 3, "pompeo"),
        stance(
            "p4-accused",
            "accused Russia and Cuba of propping up the Maduro government",
            0,
            OPPOSE,
        )
        .holder("p4-pompeo")
        .target("p4-russia")
        .alice_note("Also aimed at Cuba."),
        state("p4-russia", "Russia", 0, "russia"),
        state("p4-cuba", "Cuba", 0, "cuba"),
        org(
            "p4-government",
            "the Maduro government",
            0,
            "maduro_government",
        ),
        state("p4-russians", "the Russians", 0, "russia").alice(),
        state("p4-moscow", "Moscow", 0, "russia"),
        // Trump's embargo threat.
        person("p5-trump", "President Donald Trump", 0, "trump"),
        event(
            "p5-embargo",
            "threatened a \"full and complete embargo\" on Cuba",
            0,
            SANCTION,
            PLANNED,
        )
        .agent("p5-trump")
        .patient("p5-cuba"),
        state("p5-cuba", "Cuba", 1, "cuba"),
        group("p5-troops", "Cuban troops and militia", 0, "cuba"),
        state("p5-havana", "Havana", 1, "cuba"),
        stance(
            "p5-rejects",
            "rejects the accusation that it keeps troops in the country",
            0,
            OPPOSE,
        )
        .holder("p5-havana")
        .target("p5-trump"),
        // Recognition and Congress.
        org(
            "p6-administration",
            "The administration",
            0,
            "trump_administration",
        ),
        stance(
            "p6-recognized",
            "recognized Guaido as interim president",
            0,
            SUPPORT,
        )
        .holder("p6-administration")
        .target("p6-guaido")
        .topic("Guaido's legitimacy"),
        person("p6-guaido", "Guaido", 1, "guaido"),
        group(
            "p6-democrats",
            "Democrats in Congress",
            0,
            "congress_democrats",
        ),
        stance(
            "p6-warned",
            "warned against any use of force without their approval",
            0,
            OPPOSE,
        )
        .holder("p6-democrats")
        .target("p6-administration")
        .topic("US military intervention"),
    ]
}

/// Russian state-media angle, 3 May.
fn moscow_wire() -> Vec<Spec> {
    vec![
        person("h-lavrov", "Lavrov", 0, "lavrov"),
        state("h-washington", "Washington", 0, "us"),
        stance(
            "h-warns",
            "warns Washington against \"aggressive steps\" in Venezuela",
            0,
            OPPOSE,
        )
        .holder("h-lavrov")
        .target("h-washington")
        .topic("US military intervention"),
        // The Lavrov–Pompeo call.
        person(
            "p1-lavrov",
            "Russian Foreign Minister Sergei Lavrov",
            0,
            "lavrov",
        ),
        person(
            "p1-pompeo",
            "US Secretary of State Mike Pompeo",
            0,
            "pompeo",
        ),
        stance(
            "p1-warning",
            "any further aggressive steps in Venezuela would be fraught with the gravest consequences",
            0,
            OPPOSE,
        )
        .holder("p1-lavrov")
        .target("p1-pompeo")
        .topic("US military intervention"),
        org(
            "p1-ministry",
            "the Russian Foreign Ministry",
            0,
            "russian_mfa",
        ),
        event(
            "p1-call",
            "a telephone conversation",
            0,
            TALKS,
            OCCURRED,
        )
        .agent("p1-lavrov")
        .patient("p1-pompeo"),
        // Lavrov's reading of the week.
        person("p2-lavrov", "Lavrov", 2, "lavrov"),
        stance(
            "p2-describe",
            "described this week's events in Caracas as a coup attempt instigated from abroad",
            0,
            OPPOSE,
        )
        .holder("p2-lavrov")
        .target("p2-events"),
        event(
            "p2-events",
            "this week's events in Caracas",
            0,
            COUP,
            OCCURRED,
        )
        .place("p2-caracas"),
        location("p2-caracas", "Caracas", 0),
        state("p2-washington", "Washington", 1, "us"),
        stance(
            "p2-interference",
            "Washington's interference in the internal affairs of a sovereign state was a gross violation of international law",
            0,
            OPPOSE,
        )
        .holder("p2-lavrov")
        .target("p2-washington"),
        state("p2-moscow", "Moscow", 0, "russia"),
        stance(
            "p2-legitimate",
            "continues to regard Nicolás Maduro as the legitimate president of Venezuela",
            0,
            SUPPORT,
        )
        .holder("p2-moscow")
        .target("p2-maduro")
        .topic("Maduro's legitimacy"),
        person("p2-maduro", "Nicolás Maduro", 0, "maduro"),
        // Pompeo's claim and the Kremlin's answer.
        person("p3-pompeo", "Pompeo", 1, "pompeo"),
        group("p3-advisers", "Russian advisers", 0, "russia"),
        event(
            "p3-persuaded",
            "persuaded Maduro not to leave the country",
            0,
            OTHER,
            ALLEGED,
        )
        .agent("p3-advisers")
        .patient("p3-maduro"),
        person("p3-maduro", "Maduro", 1, "maduro"),
        org("p3-kremlin", "the Kremlin", 0, "kremlin"),
        stance(
            "p3-dismissed",
            "dismissed as part of an information war",
            0,
            OPPOSE,
        )
        .holder("p3-kremlin")
        .target("p3-pompeo"),
        // Putin and Trump.
        person(
            "p4-peskov",
            "Kremlin spokesman Dmitry Peskov",
            0,
            "peskov",
        )
        .alice(),
        person("p4-peskov", "Dmitry Peskov", 0, "peskov").bob(),
        person("p4-putin", "President Vladimir Putin", 0, "putin"),
        stance(
            "p4-ready",
            "was ready to discuss the situation with President Donald Trump",
            0,
            NEUTRAL,
        )
        .holder("p4-putin")
        .target("p4-trump")
        .alice(),
        stance(
            "p4-ready",
            "was ready to discuss the situation with President Donald Trump",
            0,
            SUPPORT,
        )
        .holder("p4-putin")
        .target("p4-trump")
        .bob(),
        person("p4-trump", "President Donald Trump", 0, "trump"),
        event("p4-spoke", "spoke by phone on Friday", 0, TALKS, OCCURRED)
            .agent("p4-putin")
            .patient("p4-trump"),
        person("p4-trump-2", "Trump", 1, "trump"),
        person("p4-putin-2", "Putin", 1, "putin"),
        // The armed forces stay with Maduro.
        group("p5-analysts", "Russian analysts", 0, "experts"),
        person("p5-guaido", "Juan Guaidó", 0, "guaido"),
        org("p5-armed-forces", "the armed forces", 0, "armed_forces"),
        person(
            "p5-padrino",
            "Venezuelan Defence Minister Vladimir Padrino López",
            0,
            "padrino",
        ),
        group("p5-commanders", "senior commanders", 0, "armed_forces").alice(),
        group("p5-commanders", "senior commanders", 0, NO_ACTOR).bob(),
        stance(
            "p5-pledged",
            "pledged the loyalty of the military to Maduro",
            0,
            SUPPORT,
        )
        .holder("p5-padrino")
        .target("p5-maduro"),
        org("p5-military", "the military", 0, "armed_forces").alice(),
        person("p5-maduro", "Maduro", 2, "maduro"),
        // Closing quote.
        stance(
            "p6-quote",
            "Only Venezuelans themselves can decide their future, without threats and ultimatums",
            0,
            OPPOSE,
        )
        .holder("p6-lavrov")
        .topic("foreign interference"),
        person("p6-lavrov", "Lavrov", 3, "lavrov"),
    ]
}

/// Latin American regional angle, 4 May.
fn andes_tribune() -> Vec<Spec> {
    vec![
        org("h-lima", "Lima Group", 0, "lima_group"),
        state("h-cuba", "Cuba", 0, "cuba"),
        stance(
            "h-seeks",
            "seeks Cuba's help to end Venezuelan crisis",
            0,
            SUPPORT,
        )
        .holder("h-lima")
        .target("h-cuba")
        .alice(),
        stance(
            "h-seeks",
            "seeks Cuba's help to end Venezuelan crisis",
            0,
            NEUTRAL,
        )
        .holder("h-lima")
        .target("h-cuba")
        .bob(),
        // The Lima meeting.
        org("p1-lima", "the Lima Group", 0, "lima_group"),
        event(
            "p1-meeting",
            "meeting in the Peruvian capital on Friday",
            0,
            TALKS,
            OCCURRED,
        )
        .agent("p1-lima"),
        stance(
            "p1-called",
            "called on Cuba to take part in a negotiated solution to the crisis in Venezuela",
            0,
            NEUTRAL,
        )
        .holder("p1-lima")
        .target("p1-cuba"),
        state("p1-cuba", "Cuba", 1, "cuba"),
        stance(
            "p1-urged",
            "urged the armed forces to recognise Juan Guaidó as interim president",
            0,
            SUPPORT,
        )
        .holder("p1-lima")
        .target("p1-guaido")
        .topic("Guaido's legitimacy"),
        org("p1-armed-forces", "the armed forces", 0, "armed_forces"),
        person("p1-guaido", "Juan Guaidó", 0, "guaido"),
        // Repression and intervention.
        org(
            "p2-bloc",
            "The bloc of Latin American countries and Canada",
            0,
            "lima_group",
        ),
        stance(
            "p2-condemned",
            "condemned the repression of demonstrators by security forces loyal to Nicolás Maduro",
            0,
            OPPOSE,
        )
        .holder("p2-bloc")
        .target("p2-repression")
        .alice(),
        stance(
            "p2-condemned",
            "condemned the repression of demonstrators by security forces loyal to Nicolás Maduro",
            0,
            OPPOSE,
        )
        .holder("p2-bloc")
        .target("p2-forces")
        .bob(),
        event(
            "p2-repression",
            "the repression of demonstrators",
            0,
            VIOLENCE,
            OCCURRED,
        )
        .agent("p2-forces"),
        org(
            "p2-forces",
            "security forces loyal to Nicolás Maduro",
            0,
            "armed_forces",
        ),
        person("p2-maduro", "Nicolás Maduro", 0, "maduro"),
        stance(
            "p2-rejected",
            "rejected any military intervention from outside the region",
            0,
            OPPOSE,
        )
        .holder("p2-bloc")
        .target("p2-intervention")
        .topic("foreign military intervention"),
        event(
            "p2-intervention",
            "any military intervention from outside the region",
            0,
            MILITARY,
            PLANNED,
        ),
        stance(
            "p2-quote",
            "La solución debe ser pacífica y debe venir de los propios venezolanos",
            0,
            OPPOSE,
        )
        .holder("p2-popolizio")
        .target("p2-intervention")
        .topic("foreign military intervention"),
        person(
            "p2-popolizio",
            "Peru's Foreign Minister Néstor Popolizio",
            0,
            "popolizio",
        )
        .alice(),
        person("p2-popolizio", "Néstor Popolizio", 0, "popolizio").bob(),
        // Duque and Freeland.
        person("p3-duque", "Colombia's President Iván Duque", 0, "duque"),
        stance(
            "p3-dictatorship",
            "could not accept a dictatorship on its border",
            0,
            OPPOSE,
        )
        .holder("p3-duque")
        .alice_note("The target, Maduro's government, is implied, not named."),
        person(
            "p3-freeland",
            "Canada's Foreign Minister Chrystia Freeland",
            0,
            "freeland",
        ),
        person("p3-counterpart", "her Cuban counterpart", 0, "rodriguez")
            .alice()
            .alice_note("Cuba's foreign minister at the time: Bruno Rodríguez."),
        person("p3-counterpart", "her Cuban counterpart", 0, NO_ACTOR).bob(),
        event("p3-call", "call her Cuban counterpart", 0, TALKS, PLANNED)
            .agent("p3-freeland")
            .patient("p3-counterpart"),
        state("p3-havana", "Havana", 0, "cuba"),
        stance("p3-seek", "seek Havana's cooperation", 0, SUPPORT)
            .holder("p3-freeland")
            .target("p3-havana"),
        // Tuesday's uprising.
        event(
            "p4-uprising",
            "Tuesday's failed uprising",
            0,
            COUP,
            OCCURRED,
        )
        .agent("p4-guaido")
        .place("p4-carlota"),
        group("p4-soldiers", "a small group of soldiers", 0, "defectors"),
        person("p4-guaido", "Guaidó", 1, "guaido"),
        person("p4-lopez", "Leopoldo López", 0, "leopoldo_lopez"),
        location("p4-carlota", "La Carlota air base", 0),
        person("p4-lopez-2", "López", 1, "leopoldo_lopez"),
        // Mediation offer.
        state("p5-mexico", "Mexico", 0, "mexico"),
        state("p5-uruguay", "Uruguay", 0, "uruguay"),
        stance(
            "p5-offer",
            "repeated their offer to mediate between the government and the opposition",
            0,
            NEUTRAL,
        )
        .holder("p5-mexico")
        .alice_note("Held by Mexico and Uruguay together."),
        org("p5-government", "the government", 0, "maduro_government"),
        group("p5-opposition", "the opposition", 0, "opposition"),
    ]
}

/// Opposition-friendly angle, 5 May. Bob has not finished this one: his
/// set stops before the last paragraph.
fn caracas_libre() -> Vec<Spec> {
    vec![
        group("h-supporters", "Guaidó supporters", 0, "guaido_supporters"),
        person("h-guaido", "Guaidó", 0, "guaido"),
        event("h-march", "march on barracks", 0, PROTEST, OCCURRED)
            .agent("h-supporters")
            .place("h-barracks"),
        location("h-barracks", "barracks", 0),
        org("h-military", "the military", 0, "armed_forces"),
        // Saturday's marches.
        group(
            "p1-thousands",
            "Thousands of Venezuelans",
            0,
            "guaido_supporters",
        ),
        person("p1-guaido", "Juan Guaidó", 0, "guaido"),
        event(
            "p1-marched",
            "marched to military barracks across the country",
            0,
            PROTEST,
            OCCURRED,
        )
        .agent("p1-thousands")
        .place("p1-barracks"),
        location("p1-barracks", "military barracks across the country", 0).alice(),
        location("p1-barracks", "military barracks", 0).bob(),
        group("p1-soldiers", "soldiers", 0, "armed_forces"),
        org(
            "p1-assembly",
            "the National Assembly",
            0,
            "national_assembly",
        ),
        stance(
            "p1-urging",
            "urging them to abandon Nicolás Maduro",
            0,
            OPPOSE,
        )
        .holder("p1-thousands")
        .target("p1-maduro"),
        person("p1-maduro", "Nicolás Maduro", 0, "maduro"),
        // Fuerte Tiuna and Guaidó's speech.
        group("p2-demonstrators", "demonstrators", 0, "guaido_supporters"),
        event(
            "p2-gathered",
            "gathered outside Fuerte Tiuna",
            0,
            PROTEST,
            OCCURRED,
        )
        .agent("p2-demonstrators")
        .place("p2-tiuna"),
        location("p2-tiuna", "Fuerte Tiuna", 0),
        stance(
            "p2-quote",
            "Seguiremos en las calles hasta lograr el cese de la usurpación",
            0,
            OPPOSE,
        )
        .holder("p2-guaido")
        .target("p2-maduro")
        .topic("cese de la usurpación"),
        person("p2-guaido", "Guaidó", 2, "guaido"),
        person("p2-maduro", "Maduro", 1, "maduro"),
        // The opposition leader's accusations; deaths in clashes.
        person("p3-leader", "The opposition leader", 0, "guaido"),
        stance(
            "p3-praised",
            "praised the soldiers who joined him on Tuesday at La Carlota",
            0,
            SUPPORT,
        )
        .holder("p3-leader")
        .target("p3-soldiers"),
        group("p3-soldiers", "the soldiers who joined him", 0, "defectors"),
        stance(
            "p3-accused",
            "accused the government of persecuting lawmakers",
            0,
            OPPOSE,
        )
        .holder("p3-leader")
        .target("p3-government"),
        org("p3-government", "the government", 0, "maduro_government"),
        group(
            "p3-rights-groups",
            "Human rights groups",
            0,
            "human_rights_groups",
        ),
        event(
            "p3-killed",
            "at least four people were killed in clashes with the National Guard",
            0,
            VIOLENCE,
            ALLEGED,
        )
        .agent("p3-guard"),
        org("p3-guard", "the National Guard", 0, "national_guard"),
        // Padrino López and Maduro.
        person(
            "p4-padrino",
            "Defence Minister Vladimir Padrino López",
            0,
            "padrino",
        ),
        person("p4-maduro", "Maduro", 2, "maduro"),
        stance(
            "p4-plotters",
            "called the opposition leaders \"coup plotters\"",
            0,
            OPPOSE,
        )
        .holder("p4-padrino")
        .target("p4-leaders"),
        group("p4-leaders", "the opposition leaders", 0, "opposition"),
        stance(
            "p4-vowed",
            "vowed that the armed forces would remain loyal",
            0,
            SUPPORT,
        )
        .holder("p4-padrino")
        .target("p4-armed-forces"),
        org("p4-armed-forces", "the armed forces", 0, "armed_forces"),
        person("p4-maduro-2", "Maduro", 3, "maduro"),
        stance(
            "p4-defend",
            "to be ready to defend the country against \"imperialist aggression\"",
            0,
            OPPOSE,
        )
        .holder("p4-maduro-2")
        .target("p4-aggression"),
        event(
            "p4-aggression",
            "imperialist aggression",
            0,
            MILITARY,
            ALLEGED,
        ),
        // Last paragraph: not yet coded by bob.
        person("p5-guaido", "Guaidó", 3, "guaido").alice(),
        state("p5-us", "the United States", 0, "us").alice(),
        stance("p5-stood", "stood behind the Venezuelan people", 0, SUPPORT)
            .holder("p5-us")
            .target("p5-people")
            .alice(),
        group("p5-people", "the Venezuelan people", 0, NO_ACTOR).alice(),
        stance("p5-alone", "The usurper is alone", 0, OPPOSE)
            .holder("p5-guaido")
            .target("p5-usurper")
            .alice(),
        person("p5-usurper", "The usurper", 0, "maduro").alice(),
    ]
}
