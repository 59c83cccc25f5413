//! `brat`: a brat standoff folder. With `--coder`, `<doc>.txt` + `<doc>.ann`
//! at the top; without, one sub-folder per coder (`alice/<doc>.txt` …),
//! since brat pairs files by name. `annotation.conf` (from the codebook)
//! and `visual.conf` (display names and colours) sit at the top, where brat
//! finds them for every sub-folder.
//!
//! `<doc>.txt` is byte-identical to the stored text, and offsets are
//! character offsets into it (Python string indices, as brat uses).
//!
//! Mapping:
//! - every span is a `T` line; a span that contains a line break is
//!   written as fragments (`0 5;6 12`) that leave the line breaks out,
//!   because brat's `.ann` text field cannot hold one (so line breaks at
//!   the very start or end of a span are lost, with a warning, and a span
//!   of nothing but line breaks is left out, with a warning);
//! - spans whose label is in a category named `Event` are brat events: the
//!   `T` line is the trigger and an `E` line carries the links as event
//!   roles (`E1<TAB>Event:T4 agent:T1 place:T2`);
//! - links of all other spans are `R` lines (`R1<TAB>holder Arg1:T3 Arg2:T1`,
//!   Arg1 = the span holding the link, Arg2 = the span it points to);
//! - attributes are `A` lines with the value (`A1<TAB>polarity T3 oppose`);
//! - actor references are `N` lines against the `newscoder` database with
//!   the actor's registry id and name (`N1<TAB>Reference T1 newscoder:3<TAB>Nicolás Maduro`);
//! - notes are `#` `AnnotatorNotes` lines;
//! - document codes are left out, with one warning for the export: brat
//!   annotates spans of text and has no place for a code of the whole
//!   document (a note must be attached to an annotation, and brat refuses
//!   unknown files in its folders); export `jsonl` or `csv` for them.
//!
//! Lines that describe an event (A, N, #, and links pointing to it) refer to
//! its `E` id, as brat requires.
//!
//! brat restricts names: type, role and attribute names are written in
//! brat's storage form (characters other than `A-Z a-z 0-9 _ -` become
//! `_`; the import maps them back through the project's codebook), and
//! attribute values are percent-encoded where brat would split them
//! (whitespace, `%`, `|`, `,`), so `military or armed action` becomes
//! `military%20or%20armed%20action` in both `.ann` and `annotation.conf`.
//! Line breaks, tabs and backslashes in notes are written as `\n`, `\t`,
//! `\\`. An empty attribute value is treated as no value. The name, value
//! and note codec is shared with the import, in `formats::brat`.

use super::context::{Ctx, Warnings};
use super::output::{AtomicFolder, write_file};
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use crate::formats::brat::{
    ACTOR_DB, ANNOTATION_CONF, VISUAL_CONF, encode_value, escape_note, storage_form,
};
use crate::model::{AnnotationSet, AttributeKind, Codebook, Span, SpanId};
use crate::text::CharIndex;
use crate::wording::quoted;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether the label is exported as a brat event (its category is called
/// `Event` or `Events`, in any case).
pub fn is_event_label(codebook: &Codebook, label: &str) -> bool {
    codebook
        .category_of(label)
        .is_some_and(|c| c.eq_ignore_ascii_case("event") || c.eq_ignore_ascii_case("events"))
}

/// The character ranges of `[start, end)` without line breaks: brat's
/// fragments for a span that crosses lines.
pub fn fragments(index: &CharIndex, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(text) = index.slice(start, end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut frag_start = start;
    let mut pos = start;
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            if pos > frag_start {
                out.push((frag_start, pos));
            }
            frag_start = pos + 1;
        }
        pos += 1;
    }
    if pos > frag_start {
        out.push((frag_start, pos));
    }
    out
}

/// Whether `dir` looks like an earlier brat export (which may be replaced):
/// `annotation.conf` at the top and nothing but `.txt`, `.ann` and `.conf`
/// files, directly or in sub-folders of `.txt`/`.ann` files.
fn is_previous_export(dir: &Path) -> bool {
    fn files_only(dir: &Path, allowed: &[&str], depth: usize) -> bool {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return false;
        };
        entries.into_iter().all(|e| {
            let Ok(e) = e else { return false };
            let path = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => depth > 0 && files_only(&path, &["txt", "ann"], depth - 1),
                Ok(t) if t.is_file() => path
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| allowed.contains(&x)),
                _ => false,
            }
        })
    }
    dir.join(ANNOTATION_CONF).is_file() && files_only(dir, &["txt", "ann", "conf"], 1)
}

/// Writes the folder document by document; the configuration at the end.
pub(super) struct Writer {
    folder: AtomicFolder,
    /// Values seen for free-text attributes, to declare them in the
    /// configuration: attribute name -> values.
    free_values: BTreeMap<String, BTreeSet<String>>,
    /// Labels used in the data that the codebook lacks.
    unknown_labels: BTreeSet<String>,
    /// Annotation sets whose document codes were left out.
    sets_with_codes: usize,
}

impl Writer {
    pub fn create(target: &Path) -> Result<Writer, ExportError> {
        Ok(Writer {
            folder: AtomicFolder::create(target, is_previous_export)?,
            free_values: BTreeMap::new(),
            unknown_labels: BTreeSet::new(),
            sets_with_codes: 0,
        })
    }

    fn relative(&self, ctx: &Ctx, coder: &str, doc: &str, ext: &str) -> PathBuf {
        let file = PathBuf::from(format!("{doc}.{ext}"));
        if ctx.single_coder {
            file
        } else {
            Path::new(coder).join(file)
        }
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        let index = CharIndex::new(&doc.text);
        for set in &doc.sets {
            if !set.codes.is_empty() {
                self.sets_with_codes += 1;
            }
            let txt = self.relative(ctx, &set.coder, &doc.entry.id, "txt");
            write_file(&self.folder, &txt, doc.text.as_bytes())?;
            let ann = self.ann_text(ctx, doc, set, &index, warnings);
            let rel = self.relative(ctx, &set.coder, &doc.entry.id, "ann");
            write_file(&self.folder, &rel, ann.as_bytes())?;
        }
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        ctx: &Ctx,
        warnings: &mut Warnings,
    ) -> Result<Vec<PathBuf>, ExportError> {
        let cb = &ctx.project.codebook;
        let conf = annotation_conf(cb, &self.free_values, &self.unknown_labels);
        write_file(&self.folder, Path::new(ANNOTATION_CONF), conf.as_bytes())?;
        write_file(
            &self.folder,
            Path::new(VISUAL_CONF),
            visual_conf(cb).as_bytes(),
        )?;
        if self.sets_with_codes > 0 {
            warnings.push(format!(
                "brat has no place for codes of a whole document: the codes of {} are left \
                 out (export jsonl, prodigy, csv or xlsx for them)",
                crate::wording::count(self.sets_with_codes, "annotation set", "annotation sets")
            ));
        }
        for name in renamed_names(cb) {
            warnings.push(format!(
                "{name} is written as {} in brat files (brat allows only letters, digits, '_' and '-'); importing into this project maps it back",
                quoted(&storage_form(&name)), name = quoted(&name)
            ));
        }
        Ok(vec![self.folder.commit(is_previous_export)?])
    }
}

impl Writer {
    /// The `.ann` file of one set.
    fn ann_text(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        set: &AnnotationSet,
        index: &CharIndex,
        warnings: &mut Warnings,
    ) -> String {
        let cb = &ctx.project.codebook;
        let mut out = String::with_capacity(set.spans.len() * 64);
        let where_ = |s: &Span| {
            format!(
                "{} ({}), span {} ({}..{})",
                doc.entry.id, set.coder, s.id.0, s.start, s.end
            )
        };
        // Ids: T per written span, E per event span. `refs` is what other
        // lines use to point at a span (its E id for events).
        let mut refs: HashMap<SpanId, String> = HashMap::with_capacity(set.spans.len());
        let mut triggers: Vec<(&Span, String)> = Vec::new();
        let mut written: Vec<&Span> = Vec::with_capacity(set.spans.len());
        let (mut t, mut e) = (0, 0);
        for s in &set.spans {
            if cb.label(&s.label).is_none() {
                self.unknown_labels.insert(s.label.clone());
            }
            let frags = fragments(index, s.start, s.end);
            if frags.is_empty() {
                warnings.push(format!(
                    "{}: covers only line breaks, which brat cannot mark; left out",
                    where_(s)
                ));
                continue;
            }
            let (first, last) = (frags[0].0, frags[frags.len() - 1].1);
            if (first, last) != (s.start, s.end) {
                warnings.push(format!(
                    "{}: starts or ends with a line break, which brat cannot mark; written as {first}..{last}",
                    where_(s)
                ));
            }
            t += 1;
            let _ = write!(out, "T{t}\t{} ", storage_form(&s.label));
            let texts: Vec<&str> = frags
                .iter()
                .map(|&(a, b)| index.slice(a, b).unwrap_or(""))
                .collect();
            let ranges: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
            let _ = writeln!(out, "{}\t{}", ranges.join(";"), texts.join(" "));
            if is_event_label(cb, &s.label) {
                e += 1;
                refs.insert(s.id, format!("E{e}"));
                triggers.push((s, format!("T{t}")));
            } else {
                refs.insert(s.id, format!("T{t}"));
            }
            written.push(s);
        }
        let target_ref = |s: &Span, role: &str, target: &SpanId, warnings: &mut Warnings| {
            let r = refs.get(target).cloned();
            if r.is_none() {
                warnings.push(format!(
                    "{}: link {role} points to span {}, which is missing or left out; link left out",
                    where_(s),
                    target.0, role = quoted(role)
                ));
            }
            r
        };
        for (s, trigger) in &triggers {
            let _ = write!(out, "{}\t{}:{trigger}", refs[&s.id], storage_form(&s.label));
            for (role, targets) in &s.links {
                // brat numbers a role's further arguments: Theme, Theme2, …
                let mut n = 0;
                for target in targets {
                    if let Some(r) = target_ref(s, role, target, warnings) {
                        n += 1;
                        let suffix = if n == 1 { String::new() } else { n.to_string() };
                        let _ = write!(out, " {}{suffix}:{r}", storage_form(role));
                    }
                }
            }
            out.push('\n');
        }
        let mut r = 0;
        for s in written.iter().filter(|s| !is_event_label(cb, &s.label)) {
            for (role, target) in s.all_links() {
                if let Some(to) = target_ref(s, role, &target, warnings) {
                    r += 1;
                    let _ = writeln!(
                        out,
                        "R{r}\t{} Arg1:{} Arg2:{to}",
                        storage_form(role),
                        refs[&s.id]
                    );
                }
            }
        }
        let mut a = 0;
        for s in &written {
            let label = cb.label(&s.label);
            for (name, value) in &s.attrs {
                if value.is_empty() {
                    continue;
                }
                a += 1;
                let _ = writeln!(
                    out,
                    "A{a}\t{} {} {}",
                    storage_form(name),
                    refs[&s.id],
                    encode_value(value)
                );
                let free = label
                    .and_then(|l| l.attribute(name))
                    .is_none_or(|d| d.kind == AttributeKind::Free);
                if free {
                    self.free_values
                        .entry(name.clone())
                        .or_default()
                        .insert(value.clone());
                }
            }
        }
        let mut n = 0;
        for s in &written {
            if let Some(id) = s.actor {
                n += 1;
                let name = match ctx.actor(id) {
                    Some(actor) => actor.name.replace(['\t', '\n', '\r'], " "),
                    None => {
                        warnings.push(format!(
                            "{}: refers to actor {}, which is not in the registry",
                            where_(s),
                            id.0
                        ));
                        String::new()
                    }
                };
                let _ = writeln!(
                    out,
                    "N{n}\tReference {} {ACTOR_DB}:{}\t{name}",
                    refs[&s.id], id.0
                );
            }
        }
        let mut c = 0;
        for s in written.iter().filter(|s| !s.note.is_empty()) {
            c += 1;
            let _ = writeln!(
                out,
                "#{c}\tAnnotatorNotes {}\t{}",
                refs[&s.id],
                escape_note(&s.note)
            );
        }
        out
    }
}

/// Names of the codebook that brat cannot store as they are.
fn renamed_names(cb: &Codebook) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, l) in cb.labels() {
        let names = std::iter::once(&l.name)
            .chain(l.roles.iter().map(|r| &r.name))
            .chain(l.attributes.iter().map(|a| &a.name));
        for name in names {
            if storage_form(name) != *name {
                out.insert(name.clone());
            }
        }
    }
    out
}

/// `annotation.conf` from the codebook. Roles of entity labels become
/// relation types (one per role name, with every label that has it as
/// Arg1 and every allowed target as Arg2); roles of event labels become
/// optional event arguments; attributes list their closed values, or for
/// free-text attributes the values found in the export.
fn annotation_conf(
    cb: &Codebook,
    free_values: &BTreeMap<String, BTreeSet<String>>,
    unknown_labels: &BTreeSet<String>,
) -> String {
    let mut out =
        String::from("# Generated by newscoder from the project's codebook.\n\n[entities]\n\n");
    for (_, l) in cb.labels().filter(|(_, l)| !is_event_label(cb, &l.name)) {
        let _ = writeln!(out, "{}", storage_form(&l.name));
    }
    for l in unknown_labels {
        let _ = writeln!(out, "{}", storage_form(l));
    }
    out.push_str("\n[relations]\n\n");
    // role -> (holders, targets), in first-seen order.
    let mut relations: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for (_, l) in cb.labels().filter(|(_, l)| !is_event_label(cb, &l.name)) {
        for role in &l.roles {
            let name = storage_form(&role.name);
            let i = match relations.iter().position(|(r, _, _)| *r == name) {
                Some(i) => i,
                None => {
                    relations.push((name, Vec::new(), Vec::new()));
                    relations.len() - 1
                }
            };
            push_unique(&mut relations[i].1, storage_form(&l.name));
            for t in &role.targets {
                push_unique(&mut relations[i].2, storage_form(t));
            }
        }
    }
    for (role, holders, targets) in relations.iter().filter(|(_, _, t)| !t.is_empty()) {
        let _ = writeln!(
            out,
            "{role}\tArg1:{}, Arg2:{}",
            holders.join("|"),
            targets.join("|")
        );
    }
    out.push_str("\n[events]\n\n");
    for (_, l) in cb.labels().filter(|(_, l)| is_event_label(cb, &l.name)) {
        let args: Vec<String> = l
            .roles
            .iter()
            .filter(|r| !r.targets.is_empty())
            .map(|r| {
                let targets: Vec<String> = r.targets.iter().map(|t| storage_form(t)).collect();
                format!("{}?:{}", storage_form(&r.name), targets.join("|"))
            })
            .collect();
        if args.is_empty() {
            let _ = writeln!(out, "{}", storage_form(&l.name));
        } else {
            let _ = writeln!(out, "{}\t{}", storage_form(&l.name), args.join(", "));
        }
    }
    out.push_str("\n[attributes]\n\n");
    // attribute -> (labels, values), in first-seen order.
    let mut attrs: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for (_, l) in cb.labels() {
        for a in &l.attributes {
            let name = storage_form(&a.name);
            let i = match attrs.iter().position(|(n, _, _)| *n == name) {
                Some(i) => i,
                None => {
                    attrs.push((name, Vec::new(), Vec::new()));
                    attrs.len() - 1
                }
            };
            push_unique(&mut attrs[i].1, storage_form(&l.name));
            let values: Vec<String> = match &a.kind {
                AttributeKind::Closed(v) => v.clone(),
                AttributeKind::Free => free_values
                    .get(&a.name)
                    .map(|s| s.iter().cloned().collect())
                    .unwrap_or_default(),
            };
            for v in values.iter().filter(|v| !v.is_empty()) {
                push_unique(&mut attrs[i].2, encode_value(v));
            }
        }
    }
    for (name, labels, values) in attrs.iter().filter(|(_, _, v)| !v.is_empty()) {
        let _ = writeln!(
            out,
            "{name}\tArg:{}, Value:{}",
            labels.join("|"),
            values.join("|")
        );
    }
    out
}

/// `visual.conf`: each label's colour, and the original name of every
/// name whose storage form differs.
fn visual_conf(cb: &Codebook) -> String {
    let mut out =
        String::from("# Generated by newscoder from the project's codebook.\n\n[labels]\n\n");
    for name in renamed_names(cb) {
        let _ = writeln!(out, "{} | {}", storage_form(&name), name.replace('|', "/"));
    }
    out.push_str("\n[drawing]\n\n");
    for (_, l) in cb.labels() {
        let _ = writeln!(out, "{}\tbgColor:{}", storage_form(&l.name), l.color);
    }
    out
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_skip_line_breaks() {
        let text = "ab\ncd\n\nef";
        let idx = CharIndex::new(text);
        assert_eq!(fragments(&idx, 0, 9), vec![(0, 2), (3, 5), (7, 9)]);
        assert_eq!(fragments(&idx, 2, 3), vec![]);
        assert_eq!(fragments(&idx, 1, 2), vec![(1, 2)]);
    }

    #[test]
    fn default_codebook_conf_declares_everything() {
        let cb = Codebook::default_media();
        let conf = annotation_conf(&cb, &BTreeMap::new(), &BTreeSet::new());
        assert!(conf.contains("\nPerson\n"), "{conf}");
        assert!(
            conf.contains("holder\tArg1:Stance, Arg2:Person|Organization|State|Group\n"),
            "{conf}"
        );
        assert!(
            conf.contains("Event\tagent?:Person|Organization|State|Group, patient?:"),
            "{conf}"
        );
        assert!(
            conf.contains("polarity\tArg:Stance, Value:support|oppose|neutral\n"),
            "{conf}"
        );
        assert!(conf.contains("military%20or%20armed%20action"), "{conf}");
        // A free attribute with no values seen is not declared.
        assert!(!conf.contains("topic"), "{conf}");
    }
}
