//! Edits that must reach every annotation set, not only the loaded ones: a
//! label renamed in the spans, and a codebook change that takes something
//! away (a label, attribute, value, role or role target). The workspace
//! loads every set for them itself, so that no file is left on disk with
//! names the codebook no longer has, and refuses a codebook change that
//! would leave a span that fitted the old codebook not fitting the new one.

use super::{Edit, EditError, SetKey, Transaction, Workspace};
use crate::model::{AnnotationSet, AttributeKind, Codebook, Span, SpanId};
use crate::store::StoreError;
use crate::wording::count;
use std::collections::BTreeSet;

impl Workspace {
    /// Loads every coder's set of every document: coders listed in
    /// `project.ron` and any found on disk (suggestions and gold sets
    /// included). Keeps going past unreadable files and returns their
    /// errors; an empty result means everything is loaded.
    pub fn load_all_sets(&mut self) -> Vec<StoreError> {
        let coders = match self.dir().all_coders() {
            Ok(c) => c,
            Err(e) => return vec![e],
        };
        let docs = self.document_ids();
        let mut failed = Vec::new();
        for coder in &coders {
            for doc in &docs {
                if let Err(e) = self.load(&SetKey::new(coder, doc)) {
                    failed.push(e);
                }
            }
        }
        failed
    }

    /// [`Workspace::load_all_sets`] for an edit that cannot go ahead
    /// without every set: the first failure refuses it.
    pub(super) fn load_all_for_edit(&mut self) -> Result<(), EditError> {
        match self.load_all_sets().into_iter().next() {
            None => Ok(()),
            Some(e) => Err(EditError::Unreachable(e.to_string())),
        }
    }

    /// Whether `tx` replaces the codebook by one that takes something away
    /// from the current one (so spans in any file may stop fitting).
    pub(super) fn narrows_codebook(&self, tx: &Transaction) -> bool {
        let old = &self.project().codebook;
        tx.edits
            .iter()
            .any(|e| matches!(e, Edit::SetCodebook(new) if narrows(old, new)))
    }

    /// What of the loaded sets does not fit the current codebook: spans
    /// (by id) and document codes (by variable name).
    pub(super) fn misfits(&self) -> BTreeSet<(SetKey, Misfit)> {
        let cb = &self.project().codebook;
        self.sets
            .iter()
            .flat_map(|(key, set)| {
                let spans = set
                    .spans
                    .iter()
                    .filter(|s| !fits(cb, set, s))
                    .map(|s| (key.clone(), Misfit::Span(s.id)));
                let codes = set
                    .codes
                    .iter()
                    .filter(|(name, value)| {
                        cb.variable(name)
                            .is_none_or(|v| crate::model::code_problem(v, value).is_some())
                    })
                    .map(|(name, _)| (key.clone(), Misfit::Code(name.clone())));
                spans.chain(codes).collect::<Vec<_>>()
            })
            .collect()
    }
}

/// A part of a set that does not fit the codebook.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Misfit {
    /// A span.
    Span(SpanId),
    /// The code for a variable.
    Code(String),
}

/// The error for a codebook change that would leave `n` spans not fitting.
pub(super) fn would_misfit(n: usize) -> EditError {
    EditError::Invalid(format!(
        "the change would leave {} that no longer fit the codebook",
        count(n, "span", "spans")
    ))
}

/// Whether `new` lacks something `old` has: a label, an attribute, a value
/// of a closed attribute (or the attribute became closed), a role, a label
/// a role may point to, a role's taking many spans; a document variable, its
/// kind, or a value of it.
fn narrows(old: &Codebook, new: &Codebook) -> bool {
    let variable_lost = old.variables.iter().any(|v| {
        new.variable(&v.name)
            .is_none_or(|n| n.kind != v.kind || v.values.iter().any(|x| !n.values.contains(x)))
    });
    variable_lost
        || old.labels().any(|(_, l)| {
            let Some(n) = new.label(&l.name) else {
                return true;
            };
            let attribute_lost = l.attributes.iter().any(|a| {
                match (&a.kind, n.attribute(&a.name).map(|x| &x.kind)) {
                    (_, None) => true,
                    (_, Some(AttributeKind::Free)) => false,
                    (AttributeKind::Free, Some(AttributeKind::Closed(_))) => true,
                    (AttributeKind::Closed(o), Some(AttributeKind::Closed(v))) => {
                        o.iter().any(|x| !v.contains(x))
                    }
                }
            });
            let role_lost = l.roles.iter().any(|r| {
                n.role(&r.name).is_none_or(|nr| {
                    r.targets.iter().any(|t| !nr.targets.contains(t))
                        || (r.takes == crate::model::RoleArity::Many
                            && nr.takes == crate::model::RoleArity::One)
                })
            });
            attribute_lost || role_lost
        })
}

/// Whether `span` of `set` fits codebook `cb`: its label exists, its
/// attributes are the label's with allowed values, and its links are in the
/// label's roles to spans of allowed labels.
fn fits(cb: &Codebook, set: &AnnotationSet, span: &Span) -> bool {
    let Some(label) = cb.label(&span.label) else {
        return false;
    };
    let attrs_fit =
        span.attrs.iter().all(
            |(name, value)| match label.attribute(name).map(|a| &a.kind) {
                Some(AttributeKind::Free) => true,
                Some(AttributeKind::Closed(values)) => values.contains(value),
                None => false,
            },
        );
    let links_fit = span.links.iter().all(|(role, targets)| {
        label.role(role).is_some_and(|def| {
            (def.takes == crate::model::RoleArity::Many || targets.len() <= 1)
                && targets.iter().all(|target| {
                    set.span(*target)
                        .is_some_and(|t| def.targets.contains(&t.label))
                })
        })
    });
    attrs_fit && links_fit
}

/// Whether every set of the coders listed in `project.ron` is loaded. Reads
/// nothing from disk, so it is cheap enough to ask every frame; coders found
/// only on disk are not considered.
pub fn all_sets_loaded(ws: &Workspace) -> bool {
    let p = ws.project();
    p.coders.iter().all(|c| {
        p.documents
            .iter()
            .all(|d| ws.set(&SetKey::new(c, &d.id)).is_some())
    })
}
