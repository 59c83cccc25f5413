//! Codebook changes that must keep existing annotations valid: renaming a
//! label renames it in every span; removing a label, an attribute value or a
//! link role removes or trims the spans that use it, in the same transaction,
//! so one undo restores both the codebook and the spans. Document codes are
//! kept fitting the same way (see `codes.rs`).

use super::codes::{Codes, conform_codes};
use crate::edit::{Edit, EditError, SetKey, Transaction, Workspace, remove_spans};
use crate::model::{AttributeKind, Codebook, RoleArity, Span, SpanId, validate_codebook};
use crate::wording::quoted;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A codebook change ready to apply, with what it does to the annotations
/// of the loaded sets (shown to the user before a destructive change).
#[derive(Clone, Debug, PartialEq)]
pub struct CodebookChange {
    /// The transaction: span edits, then the new codebook.
    pub tx: Transaction,
    /// Spans that will be deleted.
    pub removed: usize,
    /// Spans that will lose (or have renamed) an attribute value or a link.
    pub changed: usize,
    /// Document codes that will be cleared or lose a value (a variable or
    /// a value the new codebook lacks).
    pub codes_lost: usize,
}

impl CodebookChange {
    /// Whether the change touches any annotation, spans or document
    /// codes (and so deserves a confirmation).
    pub fn touches_spans(&self) -> bool {
        self.removed + self.changed + self.codes_lost > 0
    }
}

/// How many spans of each label the loaded sets hold.
pub fn label_span_counts(ws: &Workspace) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for set in ws.loaded_sets() {
        for s in &set.spans {
            *counts.entry(s.label.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// The transaction that renames label `from` to `to`: in the codebook, in
/// every role that may point to it, and in every span of the project (the
/// workspace loads the sets not loaded yet when it applies it).
pub fn rename_label_tx(cb: &Codebook, from: &str, to: &str) -> Result<Transaction, EditError> {
    let to = to.trim();
    if cb.label(from).is_none() {
        return Err(EditError::Invalid(format!(
            "there is no label {from}",
            from = quoted(from)
        )));
    }
    if to.is_empty() {
        return Err(EditError::Invalid("a label needs a name".into()));
    }
    if to == from {
        return Err(EditError::Invalid(format!(
            "the label is already called {to}",
            to = quoted(to)
        )));
    }
    if cb.label(to).is_some() {
        return Err(EditError::Invalid(format!(
            "a label called {to} exists already",
            to = quoted(to)
        )));
    }
    let mut new = cb.clone();
    for cat in &mut new.categories {
        for label in &mut cat.labels {
            if label.name == from {
                label.name = to.to_string();
            }
            for role in &mut label.roles {
                for t in role.targets.iter_mut().filter(|t| *t == from) {
                    *t = to.to_string();
                }
            }
        }
    }
    let new = checked(cb, new)?;
    Ok(Transaction::new(
        format!("Rename label {from} to {to}"),
        vec![
            Edit::SetCodebook(new),
            Edit::RenameLabelInSpans {
                from: from.to_string(),
                to: to.to_string(),
            },
        ],
    ))
}

/// `cb` without label `name`, and without `name` among the targets of any
/// role.
pub fn without_label(cb: &Codebook, name: &str) -> Codebook {
    let mut new = cb.clone();
    for cat in &mut new.categories {
        cat.labels.retain(|l| l.name != name);
        for label in &mut cat.labels {
            for role in &mut label.roles {
                role.targets.retain(|t| t != name);
            }
        }
    }
    new
}

/// Deletes label `name` and every loaded span that has it (links to those
/// spans are removed too).
pub fn delete_label(ws: &Workspace, name: &str) -> Result<CodebookChange, EditError> {
    if ws.project().codebook.label(name).is_none() {
        return Err(EditError::Invalid(format!(
            "there is no label {name}",
            name = quoted(name)
        )));
    }
    let new = without_label(&ws.project().codebook, name);
    change_codebook_with(
        ws,
        new,
        &format!("Delete label {name}"),
        |s| s.clone(),
        Clone::clone,
    )
}

/// Replaces the codebook by `new` (which keeps every label name it shares
/// with the current one; use [`rename_label_tx`] to rename). Loaded spans
/// that no longer fit are adjusted in the same transaction: spans of a
/// label that is gone are deleted, attribute values the label no longer
/// allows and links in roles (or to labels) it no longer allows are dropped.
pub fn change_codebook(
    ws: &Workspace,
    new: Codebook,
    what: &str,
) -> Result<CodebookChange, EditError> {
    change_codebook_with(ws, new, what, |s| s.clone(), Clone::clone)
}

/// Renames value `from` of closed attribute `attr` of label `label` to `to`,
/// in the codebook and in every loaded span.
pub fn rename_attribute_value(
    ws: &Workspace,
    label: &str,
    attr: &str,
    from: &str,
    to: &str,
) -> Result<CodebookChange, EditError> {
    let to = to.trim();
    let mut new = ws.project().codebook.clone();
    let values = new
        .label_mut(label)
        .and_then(|l| l.attributes.iter_mut().find(|a| a.name == attr))
        .and_then(|a| match &mut a.kind {
            AttributeKind::Closed(v) => Some(v),
            AttributeKind::Free => None,
        })
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "label {label} has no value list {attr}",
                label = quoted(label),
                attr = quoted(attr)
            ))
        })?;
    if to.is_empty() {
        return Err(EditError::Invalid("a value cannot be empty".into()));
    }
    if values.iter().any(|v| v == to) {
        return Err(EditError::Invalid(format!(
            "{attr} already has a value {to}",
            attr = quoted(attr),
            to = quoted(to)
        )));
    }
    let slot = values.iter_mut().find(|v| *v == from).ok_or_else(|| {
        EditError::Invalid(format!(
            "{attr} has no value {from}",
            attr = quoted(attr),
            from = quoted(from)
        ))
    })?;
    *slot = to.to_string();
    change_codebook_with(
        ws,
        new,
        &format!("Rename value {from} to {to}"),
        |s| {
            let mut s = s.clone();
            if s.label == label
                && let Some(v) = s.attrs.get_mut(attr)
                && v == from
            {
                *v = to.to_string();
            }
            s
        },
        Clone::clone,
    )
}

/// Renames attribute `from` of label `label` to `to`, in the codebook and in
/// every loaded span.
pub fn rename_attribute(
    ws: &Workspace,
    label: &str,
    from: &str,
    to: &str,
) -> Result<CodebookChange, EditError> {
    rename_part(ws, label, from, to, Part::Attribute)
}

/// Renames link role `from` of label `label` to `to`, in the codebook and in
/// every loaded span.
pub fn rename_role(
    ws: &Workspace,
    label: &str,
    from: &str,
    to: &str,
) -> Result<CodebookChange, EditError> {
    rename_part(ws, label, from, to, Part::Role)
}

/// The named parts of a label a rename can apply to.
#[derive(Clone, Copy)]
enum Part {
    Attribute,
    Role,
}

impl Part {
    /// The word, with its article, for messages ("an attribute").
    fn with_article(self) -> &'static str {
        match self {
            Part::Attribute => "an attribute",
            Part::Role => "a role",
        }
    }

    /// The word alone.
    fn word(self) -> &'static str {
        match self {
            Part::Attribute => "attribute",
            Part::Role => "role",
        }
    }
}

/// Renames attribute or role `from` of `label` to `to` in the codebook, and
/// the key it is stored under (span attributes or links) in every loaded
/// span of that label.
fn rename_part(
    ws: &Workspace,
    label: &str,
    from: &str,
    to: &str,
    part: Part,
) -> Result<CodebookChange, EditError> {
    let to = to.trim();
    let mut new = ws.project().codebook.clone();
    let l = new.label_mut(label).ok_or_else(|| {
        EditError::Invalid(format!("there is no label {label}", label = quoted(label)))
    })?;
    if to.is_empty() {
        return Err(EditError::Invalid(format!(
            "{} needs a name",
            part.with_article()
        )));
    }
    let mut names: Vec<&mut String> = match part {
        Part::Attribute => l.attributes.iter_mut().map(|a| &mut a.name).collect(),
        Part::Role => l.roles.iter_mut().map(|r| &mut r.name).collect(),
    };
    if names.iter().any(|n| n.as_str() == to) {
        return Err(EditError::Invalid(format!(
            "{label} already has {} {to}",
            part.with_article(),
            label = quoted(label),
            to = quoted(to)
        )));
    }
    let name = names
        .iter_mut()
        .find(|n| n.as_str() == from)
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "{label} has no {} {from}",
                part.word(),
                label = quoted(label),
                from = quoted(from)
            ))
        })?;
    **name = to.to_string();
    let what = format!("Rename {} {from} to {to}", part.word());
    change_codebook_with(
        ws,
        new,
        &what,
        |s| {
            let mut s = s.clone();
            if s.label == label {
                match part {
                    Part::Attribute => move_key(&mut s.attrs, from, to),
                    Part::Role => move_key(&mut s.links, from, to),
                }
            }
            s
        },
        Clone::clone,
    )
}

/// Moves the value under `from` to `to`, if there is one.
fn move_key<V>(map: &mut BTreeMap<String, V>, from: &str, to: &str) {
    if let Some(v) = map.remove(from) {
        map.insert(to.to_string(), v);
    }
}

/// Validates `new` and gives it the next revision number.
fn checked(old: &Codebook, mut new: Codebook) -> Result<Codebook, EditError> {
    if let Some(p) = validate_codebook(&new).first() {
        return Err(EditError::Invalid(p.message.clone()));
    }
    new.revision = old.revision.saturating_add(1);
    Ok(new)
}

/// The general codebook change: `rename` maps each loaded span to its
/// renamed form (attribute, value or role names), then every span is made
/// to fit `new`; `rename_codes` does the same for each set's document
/// codes (variable or value names), which are then made to fit too.
///
/// The edits come in three phases so that each one is valid when applied
/// and when undone in reverse: (1) under the old codebook, delete the spans
/// whose label is gone with the links to and from them ([`remove_spans`])
/// and strip from each other span what differs from its final form; (2)
/// set the new codebook; (3) put the final forms, which fit the new
/// codebook.
pub(super) fn change_codebook_with(
    ws: &Workspace,
    new: Codebook,
    what: &str,
    rename: impl Fn(&Span) -> Span,
    rename_codes: impl Fn(&Codes) -> Codes,
) -> Result<CodebookChange, EditError> {
    let old = &ws.project().codebook;
    let new = checked(old, new)?;
    let (mut strip, mut remove, mut finish) = (Vec::new(), Vec::new(), Vec::new());
    let (mut removed, mut changed, mut codes_lost) = (0, 0, 0);
    for set in ws.loaded_sets() {
        let key = SetKey::new(&set.coder, &set.document);
        // Codes: cleared under the old codebook where they change, set
        // again under the new one (each edit valid when done and undone).
        let renamed = rename_codes(&set.codes);
        let target = conform_codes(renamed.clone(), &new);
        codes_lost += renamed
            .iter()
            .filter(|(k, v)| target.get(*k) != Some(*v))
            .count();
        for (var, value) in &set.codes {
            if target.get(var) != Some(value) {
                strip.push(Edit::SetCode {
                    key: key.clone(),
                    variable: var.clone(),
                    value: None,
                });
            }
        }
        for (var, value) in &target {
            if set.codes.get(var) != Some(value) {
                finish.push(Edit::SetCode {
                    key: key.clone(),
                    variable: var.clone(),
                    value: Some(value.clone()),
                });
            }
        }
        let gone: BTreeSet<SpanId> = set
            .spans
            .iter()
            .filter(|s| new.label(&s.label).is_none())
            .map(|s| s.id)
            .collect();
        removed += gone.len();
        let removal = remove_spans(&key, set, &gone);
        strip.extend(removal.unlink);
        remove.extend(removal.remove);
        let labels: HashMap<SpanId, &str> =
            set.spans.iter().map(|s| (s.id, s.label.as_str())).collect();
        for span in set.spans.iter().filter(|s| !gone.contains(&s.id)) {
            let target = conform(rename(span), &new, &labels, &gone);
            if target == *span {
                continue;
            }
            changed += 1;
            // What the span is once the removal has unlinked it.
            let mut unlinked = span.clone();
            for t in &gone {
                unlinked.unlink(*t);
            }
            let mut common = unlinked.clone();
            common.attrs.retain(|k, v| target.attrs.get(k) == Some(v));
            common.links.retain(|k, v| target.links.get(k) == Some(v));
            if common != unlinked {
                strip.push(Edit::PutSpan {
                    key: key.clone(),
                    span: common.clone(),
                });
            }
            if common != target {
                finish.push(Edit::PutSpan {
                    key: key.clone(),
                    span: target,
                });
            }
        }
    }
    let mut edits = strip;
    edits.append(&mut remove);
    edits.push(Edit::SetCodebook(new));
    edits.append(&mut finish);
    Ok(CodebookChange {
        tx: Transaction::new(what, edits),
        removed,
        changed,
        codes_lost,
    })
}

/// `span` trimmed to what codebook `cb` allows: known attributes with
/// allowed values, known roles pointing to surviving spans of allowed labels.
fn conform(
    mut span: Span,
    cb: &Codebook,
    labels: &HashMap<SpanId, &str>,
    gone: &BTreeSet<SpanId>,
) -> Span {
    let Some(label) = cb.label(&span.label) else {
        return span;
    };
    span.attrs
        .retain(|name, value| match label.attribute(name).map(|a| &a.kind) {
            Some(AttributeKind::Free) => true,
            Some(AttributeKind::Closed(values)) => values.contains(value),
            None => false,
        });
    for (role, targets) in span.links.iter_mut() {
        let Some(def) = label.role(role) else {
            targets.clear();
            continue;
        };
        targets.retain(|target| {
            !gone.contains(target)
                && labels
                    .get(target)
                    .is_some_and(|l| def.targets.iter().any(|t| t == l))
        });
        // A role changed to take one span keeps the first of its targets.
        if def.takes == RoleArity::One {
            targets.truncate(1);
        }
    }
    span.links.retain(|_, targets| !targets.is_empty());
    span
}
