//! Pre-annotated documents from brat standoff: `<doc>.txt` + `<doc>.ann`
//! pairs, given as `.ann` files, `.txt` files or folders (the pairs directly
//! inside; a `.txt` without `.ann` is a document without annotations).
//!
//! - `T` lines are spans (key = the T id). A discontinuous span whose
//!   parts are separated by whitespace only (`0 5;6 12`, as newscoder's
//!   export splits spans at line breaks) becomes the one range from its
//!   first start to its last end, which covers the same words. One with
//!   other words between its parts (`0 3;10 12` over "IRF-1 and -2") is
//!   refused, naming file and line: newscoder keeps one range per span, and
//!   widening it would change the span's text.
//! - `E` lines make their trigger span carry the event type as label and
//!   the event's arguments as links (role -> argument).
//! - `R` lines are links of the Arg1 span to the Arg2 span, the relation
//!   type being the role. References to an `E` id mean its trigger span.
//! - `A` / `M` lines are attributes; a binary attribute (no value) gets the
//!   value `true`; values are percent-decoded (see `formats::brat`).
//! - `N` lines are actor references: `newscoder:<id>` keeps the registry
//!   id; the text after the second tab is the actor's name.
//! - `#` lines are notes (`\n`, `\t`, `\\` unescaped; several notes on one
//!   span are joined by line breaks). A note on a relation (`#3
//!   AnnotatorNotes R1 …`) is left out with a warning naming file and line:
//!   newscoder keeps notes on spans, not on links.
//!
//! Names written in brat's storage form (`Armed_group`) are mapped back to
//! the codebook's names (`Armed group`) when a codebook is given.
//!
//! Offsets are characters of the `.txt` as brat reads it. When the file has
//! a byte-order mark or CR line ends, the offsets could count them or not
//! (tools differ); the reading under which every `T` line's text matches
//! is used, and the offsets are moved onto the normalised text (no BOM, LF).
//! Every problem is reported with file and line, and any problem means
//! nothing is imported.

use super::annotated::{AnnotatedBatch, AnnotatedDoc, ForeignActor, ForeignSpan, OnInvalid};
use super::check_docs::check_docs;
use super::decode::{map_offset, normalize_with_map};
use super::error::{ImportError, InputProblem};
use super::limits::{MAX_ARTICLE_BYTES, read_bounded};
use crate::formats::brat::{ACTOR_DB, decode_value, storage_form, unescape_note};
use crate::model::{Codebook, Label};
use crate::text::CharIndex;
use crate::wording::{count, quoted};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Reads brat documents. All or nothing: any problem anywhere is an error
/// listing every problem found.
pub fn read_brat(
    paths: &[PathBuf],
    codebook: Option<&Codebook>,
) -> Result<AnnotatedBatch, ImportError> {
    read_brat_with(paths, codebook, OnInvalid::Refuse)
}

/// [`read_brat`], or with [`OnInvalid::Skip`] every document with a
/// problem left out (a document is the record: its `.ann` lines refer to
/// each other), its problems in `AnnotatedBatch::skipped`.
pub fn read_brat_with(
    paths: &[PathBuf],
    codebook: Option<&Codebook>,
    on_invalid: OnInvalid,
) -> Result<AnnotatedBatch, ImportError> {
    let mut problems = Vec::new();
    let pairs = collect_pairs(paths, &mut problems);
    if pairs.is_empty() && problems.is_empty() {
        problems.push(InputProblem::new(
            "input",
            "has no brat documents (.txt files with their .ann files)",
        ));
    }
    let mut batch = AnnotatedBatch::default();
    for (txt, ann) in pairs {
        match read_pair(&txt, ann.as_deref(), codebook) {
            Ok((doc, mut warnings)) => {
                batch.docs.push(doc);
                batch.warnings.append(&mut warnings);
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    problems.extend(check_docs(&batch.docs));
    if on_invalid == OnInvalid::Skip {
        let bad: std::collections::HashSet<&str> =
            problems.iter().map(|p| p.origin.as_str()).collect();
        batch.docs.retain(|d| !bad.contains(d.origin.as_str()));
        batch.skipped.append(&mut problems);
    }
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// The (.txt, optional .ann) pairs named by `paths`, in a stable order,
/// each once.
fn collect_pairs(
    paths: &[PathBuf],
    problems: &mut Vec<InputProblem>,
) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut out: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let mut push = |txt: PathBuf, ann: Option<PathBuf>| {
        if !out.iter().any(|(t, _)| *t == txt) {
            out.push((txt, ann));
        }
    };
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    for path in paths {
        let origin = path.display().to_string();
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(InputProblem::new(origin, e.to_string()));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            let before = problems.len();
            let mut found = false;
            for f in &files {
                match ext(f).as_deref() {
                    Some("txt") => {
                        found = true;
                        let ann = f.with_extension("ann");
                        push(f.clone(), ann.is_file().then_some(ann));
                    }
                    Some("ann") if !f.with_extension("txt").is_file() => {
                        problems.push(InputProblem::new(
                            f.display().to_string(),
                            "has no .txt file beside it with the text its offsets refer to",
                        ))
                    }
                    _ => {}
                }
            }
            if !found && problems.len() == before {
                problems.push(InputProblem::new(
                    origin,
                    "holds no brat documents (.txt files)",
                ));
            }
            continue;
        }
        match ext(path).as_deref() {
            Some("ann") => {
                let txt = path.with_extension("txt");
                if txt.is_file() {
                    push(txt, Some(path.clone()));
                } else {
                    problems.push(InputProblem::new(
                        origin,
                        format!("has no text file {} beside it", txt.display()),
                    ));
                }
            }
            Some("txt") => {
                let ann = path.with_extension("ann");
                push(path.clone(), ann.is_file().then_some(ann));
            }
            _ => problems.push(InputProblem::new(
                origin,
                "is not a brat .ann or .txt file or a folder of them",
            )),
        }
    }
    out
}

/// Reads a file that must be UTF-8 (as brat requires).
fn read_utf8(path: &Path) -> Result<String, InputProblem> {
    let origin = path.display().to_string();
    let bytes =
        read_bounded(path, MAX_ARTICLE_BYTES).map_err(|m| InputProblem::new(origin.clone(), m))?;
    String::from_utf8(bytes).map_err(|e| {
        InputProblem::new(
            origin,
            format!(
                "is not UTF-8 (invalid byte at {}); brat files are UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// One document and the warnings its `.ann` gave.
fn read_pair(
    txt: &Path,
    ann: Option<&Path>,
    codebook: Option<&Codebook>,
) -> Result<(AnnotatedDoc, Vec<InputProblem>), Vec<InputProblem>> {
    let raw = read_utf8(txt).map_err(|p| vec![p])?;
    let ann_text = match ann {
        Some(a) => read_utf8(a).map_err(|p| vec![p])?,
        None => String::new(),
    };
    let origin = ann.unwrap_or(txt).display().to_string();
    let mut warnings = Vec::new();
    let (text, spans) = parse_brat(&raw, &ann_text, &origin, codebook, &mut warnings)?;
    let stem = txt.file_stem().map(|s| s.to_string_lossy().into_owned());
    let mut doc = AnnotatedDoc {
        origin,
        id: stem,
        text,
        spans,
        ..AnnotatedDoc::default()
    };
    doc.meta.source_file = txt
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((doc, warnings))
}

/// A parsed text-bound line.
struct TLine {
    id: String,
    label: String,
    frags: Vec<(usize, usize)>,
    /// The text field (and anything after it), if the line has one.
    text: Option<String>,
    line: usize,
}

/// A parsed non-text-bound line.
enum Other {
    Event {
        id: String,
        label: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    Relation {
        role: String,
        arg1: String,
        arg2: String,
    },
    Attribute {
        name: String,
        target: String,
        value: Option<String>,
    },
    Normalization {
        target: String,
        db: String,
        entry: String,
        name: String,
    },
    Note {
        target: String,
        text: String,
    },
}

/// Parses one `.ann` over the raw `.txt` content. Returns the normalised
/// text and the spans over it, or every problem (as `origin:line`); what is
/// left out without being an error goes to `warnings`.
pub fn parse_brat(
    raw: &str,
    ann: &str,
    origin: &str,
    codebook: Option<&Codebook>,
    warnings: &mut Vec<InputProblem>,
) -> Result<(String, Vec<ForeignSpan>), Vec<InputProblem>> {
    let mut problems = Vec::new();
    let at = |line: usize| format!("{origin}:{line}");
    let mut tlines: Vec<TLine> = Vec::new();
    let mut others: Vec<(usize, Other)> = Vec::new();
    let mut relations: std::collections::HashSet<String> = std::collections::HashSet::new();
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    for (i, line) in ann.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('R')
            && let Some(id) = line.split('\t').next()
        {
            relations.insert(id.to_string());
        }
        match parse_line(line, n) {
            Ok(Parsed::T(t)) => tlines.push(t),
            Ok(Parsed::Other(o)) => others.push((n, o)),
            Err(m) => problems.push(InputProblem::new(at(n), m)),
        }
    }
    let (text, map) = normalize_with_map(raw);
    // Which reading of the offsets makes every T line's text match: the
    // raw file (BOM and CR counted) first, then the normalised text.
    let raw_ok = check_texts(raw, &tlines);
    let use_raw = raw_ok.is_empty() || map.is_none() || !check_texts(&text, &tlines).is_empty();
    if use_raw {
        for (line, m) in raw_ok {
            problems.push(InputProblem::new(at(line), m));
        }
    }
    let map = if use_raw { map } else { None };
    let mut spans: Vec<ForeignSpan> = Vec::with_capacity(tlines.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for t in &tlines {
        if index.contains_key(&t.id) {
            problems.push(InputProblem::new(
                at(t.line),
                format!("id {} is used twice", t.id),
            ));
            continue;
        }
        let start = t.frags.iter().map(|f| f.0).min().unwrap_or(0);
        let end = t.frags.iter().map(|f| f.1).max().unwrap_or(0);
        if let Some(between) = words_between(if use_raw { raw } else { &text }, &t.frags) {
            problems.push(InputProblem::new(
                at(t.line),
                format!(
                    "{} is a discontinuous span with other words between its parts ({}); \
                     newscoder keeps one range per span, and widening it would change its text",
                    t.id,
                    quoted(&between)
                ),
            ));
            continue;
        }
        index.insert(t.id.clone(), spans.len());
        spans.push(ForeignSpan {
            key: t.id.clone(),
            start: map_offset(map.as_deref(), start),
            end: map_offset(map.as_deref(), end),
            label: t.label.clone(),
            ..ForeignSpan::default()
        });
    }
    // Event ids stand for their trigger spans.
    let mut events: HashMap<String, String> = HashMap::new();
    for (n, o) in &others {
        if let Other::Event {
            id, label, trigger, ..
        } = o
        {
            match index.get(trigger) {
                Some(&i) => {
                    spans[i].label = label.clone();
                    events.insert(id.clone(), trigger.clone());
                }
                None => problems.push(InputProblem::new(
                    at(*n),
                    format!("event {id} has trigger {trigger}, which is not a T line of this file"),
                )),
            }
        }
    }
    let resolve = |r: &str| -> Option<usize> {
        let key = events.get(r).map(String::as_str).unwrap_or(r);
        index.get(key).copied()
    };
    let unknown = |r: &str| format!("refers to {r}, which is not defined in this file");
    for (n, o) in others {
        let result: Result<(), String> = (|| {
            match o {
                Other::Event { trigger, args, .. } => {
                    let Some(&i) = index.get(&trigger) else {
                        return Ok(());
                    };
                    for (role, arg) in args {
                        let to = resolve(&arg).ok_or_else(|| unknown(&arg))?;
                        let key = spans[to].key.clone();
                        add_link(&mut spans[i], role, key)?;
                    }
                }
                Other::Relation { role, arg1, arg2 } => {
                    let from = resolve(&arg1).ok_or_else(|| unknown(&arg1))?;
                    let to = resolve(&arg2).ok_or_else(|| unknown(&arg2))?;
                    let key = spans[to].key.clone();
                    add_link(&mut spans[from], role, key)?;
                }
                Other::Attribute {
                    name,
                    target,
                    value,
                } => {
                    let i = resolve(&target).ok_or_else(|| unknown(&target))?;
                    let value = value
                        .map(|v| decode_value(&v))
                        .unwrap_or_else(|| "true".to_string());
                    if let Some(old) = spans[i].attrs.get(&name)
                        && *old != value
                    {
                        return Err(format!(
                            "{target} already has {name} = {old}",
                            old = quoted(old)
                        ));
                    }
                    spans[i].attrs.insert(name, value);
                }
                Other::Normalization {
                    target,
                    db,
                    entry,
                    name,
                } => {
                    let i = resolve(&target).ok_or_else(|| unknown(&target))?;
                    let id = (db == ACTOR_DB)
                        .then(|| crate::model::ActorId::parse(&entry))
                        .flatten();
                    let name = if name.trim().is_empty() {
                        format!("{db}:{entry}")
                    } else {
                        name.trim().to_string()
                    };
                    if spans[i].actor.is_some() {
                        return Err(format!(
                            "{target} already refers to an actor; newscoder keeps one per span"
                        ));
                    }
                    spans[i].actor = Some(ForeignActor {
                        id,
                        name,
                        kind: None,
                    });
                }
                Other::Note { target, .. } if relations.contains(&target) => {
                    warnings.push(InputProblem::new(
                        at(n),
                        format!(
                            "the note on relation {target} is left out: newscoder keeps notes on spans, not on links"
                        ),
                    ));
                }
                Other::Note { target, text } => {
                    let i = resolve(&target).ok_or_else(|| unknown(&target))?;
                    let note = unescape_note(&text);
                    let span = &mut spans[i];
                    if !span.note.is_empty() {
                        span.note.push('\n');
                    }
                    span.note.push_str(&note);
                }
            }
            Ok(())
        })();
        if let Err(m) = result {
            problems.push(InputProblem::new(at(n), m));
        }
    }
    if let Some(cb) = codebook {
        for s in &mut spans {
            map_names(cb, s);
        }
    }
    if problems.is_empty() {
        Ok((text, spans))
    } else {
        Err(problems)
    }
}

/// Adds a link; brat numbers a role's further arguments (`Theme2`,
/// `Theme3` for an event's second and third theme), which are the role
/// itself.
fn add_link(span: &mut ForeignSpan, role: String, to: String) -> Result<(), String> {
    span.add_link(brat_role_base(&role), &to);
    Ok(())
}

/// `Theme2` -> `Theme`: the role a numbered event argument belongs to.
/// A role that is only digits, or ends in `1` or `0`, is kept as written.
pub(crate) fn brat_role_base(role: &str) -> &str {
    let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = &role[base.len()..];
    match number.parse::<u32>() {
        Ok(n) if n >= 2 && !base.is_empty() && !number.starts_with('0') => base,
        _ => role,
    }
}

enum Parsed {
    T(TLine),
    Other(Other),
}

/// Parses one line of an `.ann` file (`n` is its 1-based number).
fn parse_line(line: &str, n: usize) -> Result<Parsed, String> {
    let (id, rest) = line.split_once('\t').ok_or(
        "has no tab after the annotation id (expected e.g. \"T1<TAB>Person 0 6<TAB>Maduro\")",
    )?;
    let (data, tail) = match rest.split_once('\t') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let words: Vec<&str> = data.split(' ').filter(|w| !w.is_empty()).collect();
    let want = |k: usize, shape: &str| {
        if words.len() < k {
            Err(format!("is not of the form {shape}"))
        } else {
            Ok(())
        }
    };
    match id.chars().next() {
        Some('T') => {
            let (label, ranges) = data
                .split_once(' ')
                .ok_or("is not of the form \"T1<TAB>Label START END<TAB>text\"")?;
            let mut frags = Vec::new();
            for part in ranges.split(';') {
                let nums: Vec<&str> = part.split_whitespace().collect();
                let parsed = match nums.as_slice() {
                    [a, b] => a.parse::<usize>().ok().zip(b.parse::<usize>().ok()),
                    _ => None,
                };
                match parsed {
                    Some((a, b)) if a < b => frags.push((a, b)),
                    Some((a, b)) => return Err(format!("has an empty or reversed range {a} {b}")),
                    None => {
                        return Err(format!(
                            "has {part} where a range \"START END\" belongs",
                            part = quoted(part)
                        ));
                    }
                }
            }
            Ok(Parsed::T(TLine {
                id: id.to_string(),
                label: label.to_string(),
                frags,
                text: tail.map(str::to_string),
                line: n,
            }))
        }
        Some('E') => {
            want(1, "\"E1<TAB>Type:T1 role:T2 …\"")?;
            let (label, trigger) = words[0]
                .split_once(':')
                .ok_or("does not start with TYPE:TRIGGER")?;
            let mut args = Vec::new();
            for w in &words[1..] {
                let (role, arg) = w
                    .split_once(':')
                    .ok_or_else(|| format!("argument {w} is not ROLE:ID", w = quoted(w)))?;
                args.push((role.to_string(), arg.to_string()));
            }
            Ok(Parsed::Other(Other::Event {
                id: id.to_string(),
                label: label.to_string(),
                trigger: trigger.to_string(),
                args,
            }))
        }
        Some('R') => {
            want(3, "\"R1<TAB>type Arg1:T1 Arg2:T2\"")?;
            let arg = |w: &str| w.split_once(':').map(|(_, v)| v.to_string());
            let (Some(arg1), Some(arg2)) = (arg(words[1]), arg(words[2])) else {
                return Err("arguments are not of the form Arg1:ID Arg2:ID".into());
            };
            if words.len() > 3 {
                return Err("has more than two arguments".into());
            }
            Ok(Parsed::Other(Other::Relation {
                role: words[0].to_string(),
                arg1,
                arg2,
            }))
        }
        Some('A') | Some('M') => {
            // As brat reads it: NAME TARGET [VALUE…]; the value may hold spaces.
            let mut parts = data.splitn(3, ' ');
            let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
                return Err("is not of the form \"A1<TAB>Name T1 [value]\"".into());
            };
            let value = parts
                .next()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string);
            Ok(Parsed::Other(Other::Attribute {
                name: name.to_string(),
                target: target.trim().to_string(),
                value,
            }))
        }
        Some('N') => {
            want(3, "\"N1<TAB>Reference T1 db:id<TAB>name\"")?;
            let (db, entry) = words[2]
                .split_once(':')
                .ok_or("reference is not of the form db:id")?;
            Ok(Parsed::Other(Other::Normalization {
                target: words[1].to_string(),
                db: db.to_string(),
                entry: entry.to_string(),
                name: tail.unwrap_or("").to_string(),
            }))
        }
        Some('#') => {
            want(2, "\"#1<TAB>AnnotatorNotes T1<TAB>note\"")?;
            Ok(Parsed::Other(Other::Note {
                target: words[1].to_string(),
                text: tail.unwrap_or("").to_string(),
            }))
        }
        Some('*') => Err("equivalence (*) annotations have no counterpart in newscoder".into()),
        _ => Err(format!(
            "has an unknown annotation id {id} (expected T, E, R, A, M, N or #)",
            id = quoted(id)
        )),
    }
}

/// The text between the parts of a discontinuous span when it is more than
/// whitespace (`None`: one part, or parts separated by whitespace only, or
/// offsets beyond the text, which `check_texts` reports).
fn words_between(text: &str, frags: &[(usize, usize)]) -> Option<String> {
    if frags.len() < 2 {
        return None;
    }
    let index = CharIndex::new(text);
    let mut sorted = frags.to_vec();
    sorted.sort();
    let mut between = Vec::new();
    for w in sorted.windows(2) {
        let (a, b) = (w[0].1, w[1].0);
        if b > a {
            let gap = index.slice(a, b)?;
            if !gap.trim().is_empty() {
                between.push(gap.trim().to_string());
            }
        }
    }
    (!between.is_empty()).then(|| between.join(" … "))
}

/// Problems (line, message) where a T line's offsets do not fit `text` or
/// do not cover the text the line says.
fn check_texts(text: &str, tlines: &[TLine]) -> Vec<(usize, String)> {
    let index = CharIndex::new(text);
    let mut out = Vec::new();
    for t in tlines {
        let slices: Option<Vec<&str>> = t.frags.iter().map(|&(a, b)| index.slice(a, b)).collect();
        let Some(slices) = slices else {
            out.push((
                t.line,
                format!(
                    "{}: range beyond the end of the text ({})",
                    t.id,
                    count(index.chars(), "character", "characters")
                ),
            ));
            continue;
        };
        let covered = slices.join(" ");
        // brat reads the covered text, then allows a comment after a space.
        let matches = |said: &str| {
            said.strip_prefix(covered.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        };
        if let Some(said) = &t.text
            && !said.is_empty()
            && !matches(said)
        {
            out.push((
                t.line,
                format!(
                    "{}: says it covers {said} but the text there is {covered}",
                    t.id,
                    said = quoted(said),
                    covered = quoted(&covered)
                ),
            ));
        }
    }
    out
}

/// Maps brat storage-form names back to the codebook's names.
fn map_names(cb: &Codebook, s: &mut ForeignSpan) {
    let pick = |names: &mut dyn Iterator<Item = &String>, brat: &str| -> Option<String> {
        let candidates: Vec<&String> = names.collect();
        candidates
            .iter()
            .find(|n| n.as_str() == brat)
            .or_else(|| candidates.iter().find(|n| storage_form(n) == brat))
            .map(|n| n.to_string())
    };
    if let Some(l) = pick(&mut cb.labels().map(|(_, l)| &l.name), &s.label) {
        s.label = l;
    }
    let label: Option<&Label> = cb.label(&s.label);
    let all_roles = || {
        cb.labels()
            .flat_map(|(_, l)| l.roles.iter().map(|r| &r.name))
    };
    let all_attrs = || {
        cb.labels()
            .flat_map(|(_, l)| l.attributes.iter().map(|a| &a.name))
    };
    let links = std::mem::take(&mut s.links);
    s.links = links
        .into_iter()
        .map(|(role, to)| {
            let mapped = label
                .and_then(|l| pick(&mut l.roles.iter().map(|r| &r.name), &role))
                .or_else(|| pick(&mut all_roles(), &role))
                .unwrap_or(role);
            (mapped, to)
        })
        .collect::<BTreeMap<_, _>>();
    let attrs = std::mem::take(&mut s.attrs);
    s.attrs = attrs
        .into_iter()
        .map(|(name, v)| {
            let mapped = label
                .and_then(|l| pick(&mut l.attributes.iter().map(|a| &a.name), &name))
                .or_else(|| pick(&mut all_attrs(), &name))
                .unwrap_or(name);
            (mapped, v)
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str, ann: &str) -> Result<(String, Vec<ForeignSpan>), Vec<InputProblem>> {
        parse_brat(
            raw,
            ann,
            "x.ann",
            Some(&Codebook::default_media()),
            &mut Vec::new(),
        )
    }

    #[test]
    fn a_span_with_words_between_its_parts_is_refused_and_a_relation_note_left_out() {
        // brat's own example: "IRF-1 and -2", the second protein "IRF -2".
        let text = "IRF-1 and -2 bind";
        let err = parse(text, "T1\tPerson 0 3;10 12\tIRF -2\n").unwrap_err();
        let shown = err[0].to_string();
        assert!(
            shown.starts_with("x.ann:1: T1 is a discontinuous span"),
            "{shown}"
        );
        assert!(shown.contains("“-1 and”"), "{shown}");
        // A note on a relation (brat's tutorial) is a warning, not an error.
        let mut warnings = Vec::new();
        let (_, spans) = parse_brat(
            "Maduro and Guaido",
            "T1\tPerson 0 6\tMaduro\nT2\tPerson 11 17\tGuaido\nT3\tStance 7 10\tand\n\
             R1\ttarget Arg1:T3 Arg2:T2\n#1\tAnnotatorNotes R1\tdisputed\n",
            "x.ann",
            Some(&Codebook::default_media()),
            &mut warnings,
        )
        .unwrap();
        assert_eq!(spans.len(), 3);
        assert!(spans.iter().all(|s| s.note.is_empty()));
        let w = warnings[0].to_string();
        assert!(
            w.starts_with("x.ann:5: the note on relation R1 is left out"),
            "{w}"
        );
    }

    #[test]
    fn reads_every_line_type() {
        let raw = "Maduro rejects Guaido.\nMarch in Caracas";
        let ann = "T1\tPerson 0 6\tMaduro\n\
                   T2\tStance 7 14\trejects\n\
                   T3\tPerson 15 21\tGuaido\n\
                   T4\tEvent 23 28\tMarch\n\
                   T5\tLocation 32 39\tCaracas\n\
                   E1\tEvent:T4 place:T5\n\
                   R1\tholder Arg1:T2 Arg2:T1\n\
                   R2\ttarget Arg1:T2 Arg2:T3\n\
                   A1\tpolarity T2 oppose\n\
                   A2\ttype E1 military%20or%20armed%20action\n\
                   A3\tNegated T3\n\
                   N1\tReference T1 newscoder:4\tNicolás Maduro\n\
                   #1\tAnnotatorNotes E1\tline\\nbreak\n";
        let (text, spans) = parse(raw, ann).unwrap();
        assert_eq!(text, raw);
        let s = |k: &str| spans.iter().find(|s| s.key == k).unwrap();
        assert_eq!(s("T2").links.get("holder"), Some(&vec!["T1".to_string()]));
        assert_eq!(s("T2").links.get("target"), Some(&vec!["T3".to_string()]));
        assert_eq!(
            s("T2").attrs.get("polarity").map(String::as_str),
            Some("oppose")
        );
        assert_eq!(s("T4").links.get("place"), Some(&vec!["T5".to_string()]));
        assert_eq!(
            s("T4").attrs.get("type").map(String::as_str),
            Some("military or armed action")
        );
        assert_eq!(s("T4").note, "line\nbreak");
        assert_eq!(
            s("T3").attrs.get("Negated").map(String::as_str),
            Some("true")
        );
        let actor = s("T1").actor.clone().unwrap();
        assert_eq!(
            (actor.id, actor.name.as_str()),
            (Some(crate::model::ActorId(4)), "Nicolás Maduro")
        );
    }

    #[test]
    fn fragments_become_one_range_and_crlf_offsets_are_moved() {
        let (text, spans) = parse("ab\r\ncd", "T1\tPerson 0 2;4 6\tab cd\n").unwrap();
        assert_eq!(text, "ab\ncd");
        assert_eq!((spans[0].start, spans[0].end), (0, 5));
        // Offsets counted on the normalised text are recognised too.
        let (_, spans) = parse("ab\r\ncd", "T1\tPerson 0 2;3 5\tab cd\n").unwrap();
        assert_eq!((spans[0].start, spans[0].end), (0, 5));
    }

    #[test]
    fn problems_name_file_and_line() {
        let err = parse(
            "Maduro",
            "T1\tPerson 0 6\tMaduro\nR1\tholder Arg1:T1 Arg2:T9\nX1\tfoo\nT2\tPerson 0 3\tMad!\n",
        )
        .unwrap_err();
        let shown: Vec<String> = err.iter().map(|p| p.to_string()).collect();
        assert!(
            shown.iter().any(|p| p.starts_with("x.ann:2: refers to T9")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|p| p.starts_with("x.ann:3: has an unknown annotation id")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|p| p.starts_with("x.ann:4: T2: says it covers")),
            "{shown:?}"
        );
    }

    #[test]
    fn storage_forms_map_back_to_codebook_names() {
        let mut cb = Codebook::default_media();
        cb.ensure_label(
            "Actor",
            Label::plain("Armed group", crate::model::Color([1, 2, 3])),
        );
        let (_, spans) = parse_brat(
            "rebels",
            "T1\tArmed_group 0 6\trebels\n",
            "x.ann",
            Some(&cb),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(spans[0].label, "Armed group");
    }
}
