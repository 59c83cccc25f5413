//! Codebook changes to the document variables, and what they do to the
//! codes of the loaded sets: a variable removed takes its codes with it, a
//! value removed is dropped from the codes that hold it, a renamed variable
//! or value is renamed in the codes — in the same transaction as the new
//! codebook, so one undo restores both.

use super::codebook::{CodebookChange, change_codebook_with};
use crate::edit::{EditError, Workspace};
use crate::model::{CodeValue, Codebook, VariableDef, VariableKind, code_problem};
use crate::wording::quoted;
use std::collections::BTreeMap;

/// A set's codes by variable name.
pub(super) type Codes = BTreeMap<String, CodeValue>;

/// `codes` trimmed to what codebook `cb` allows: codes of variables it
/// lacks are dropped, values it lacks are dropped from a multiple choice
/// (the code goes when none is left), and a value whose kind changed is
/// carried over where it still means the same (one value of a choice as a
/// multiple choice of one, a multiple choice of one as a single choice, a
/// number as text) and dropped otherwise.
pub(super) fn conform_codes(mut codes: Codes, cb: &Codebook) -> Codes {
    codes.retain(|name, value| {
        let Some(var) = cb.variable(name) else {
            return false;
        };
        let Some(v) = converted(value, var) else {
            return false;
        };
        *value = v;
        code_problem(var, value).is_none()
    });
    codes
}

/// `value` in the form `var` takes, with unknown values of a multiple
/// choice dropped; `None` when nothing of it fits.
fn converted(value: &CodeValue, var: &VariableDef) -> Option<CodeValue> {
    let known = |v: &String| var.values.contains(v);
    match (var.kind, value) {
        (VariableKind::Multiple, CodeValue::Many(vs)) => {
            let kept: Vec<String> = vs.iter().filter(|v| known(v)).cloned().collect();
            (!kept.is_empty()).then_some(CodeValue::Many(kept))
        }
        (VariableKind::Multiple, CodeValue::Text(v)) => {
            known(v).then(|| CodeValue::Many(vec![v.clone()]))
        }
        (VariableKind::Single | VariableKind::Ordinal, CodeValue::Many(vs)) if vs.len() == 1 => {
            Some(CodeValue::Text(vs[0].clone()))
        }
        (VariableKind::Text, CodeValue::Number(n)) => Some(CodeValue::Text(n.to_string())),
        (VariableKind::Number, CodeValue::Text(t)) => t
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(CodeValue::Number),
        (_, v) => Some(v.clone()),
    }
}

/// Renames variable `from` to `to`, in the codebook and in the codes of
/// every loaded set.
pub fn rename_variable(ws: &Workspace, from: &str, to: &str) -> Result<CodebookChange, EditError> {
    let to = to.trim();
    let cb = &ws.project().codebook;
    if cb.variable(from).is_none() {
        return Err(EditError::Invalid(format!(
            "there is no variable {}",
            quoted(from)
        )));
    }
    if to.is_empty() {
        return Err(EditError::Invalid("a variable needs a name".into()));
    }
    if cb.variable(to).is_some() {
        return Err(EditError::Invalid(format!(
            "a variable called {} exists already",
            quoted(to)
        )));
    }
    let mut new = cb.clone();
    for v in new.variables.iter_mut().filter(|v| v.name == from) {
        v.name = to.to_string();
    }
    let what = format!("Rename variable {from} to {to}");
    change_codebook_with(
        ws,
        new,
        &what,
        |s| s.clone(),
        |codes| {
            let mut codes = codes.clone();
            if let Some(v) = codes.remove(from) {
                codes.insert(to.to_string(), v);
            }
            codes
        },
    )
}

/// Renames value `from` of variable `var` to `to`, in the codebook and in
/// the codes of every loaded set.
pub fn rename_variable_value(
    ws: &Workspace,
    var: &str,
    from: &str,
    to: &str,
) -> Result<CodebookChange, EditError> {
    let to = to.trim();
    let mut new = ws.project().codebook.clone();
    let def = new
        .variables
        .iter_mut()
        .find(|v| v.name == var)
        .ok_or_else(|| EditError::Invalid(format!("there is no variable {}", quoted(var))))?;
    if to.is_empty() {
        return Err(EditError::Invalid("a value cannot be empty".into()));
    }
    if def.values.iter().any(|v| v == to) {
        return Err(EditError::Invalid(format!(
            "{} already has a value {}",
            quoted(var),
            quoted(to)
        )));
    }
    let slot = def.values.iter_mut().find(|v| *v == from).ok_or_else(|| {
        EditError::Invalid(format!("{} has no value {}", quoted(var), quoted(from)))
    })?;
    *slot = to.to_string();
    let what = format!("Rename value {from} to {to}");
    change_codebook_with(
        ws,
        new,
        &what,
        |s| s.clone(),
        |codes| {
            let mut codes = codes.clone();
            if let Some(value) = codes.get_mut(var) {
                match value {
                    CodeValue::Text(t) if t == from => *t = to.to_string(),
                    CodeValue::Many(vs) => {
                        for v in vs.iter_mut().filter(|v| *v == from) {
                            *v = to.to_string();
                        }
                        vs.sort();
                    }
                    _ => {}
                }
            }
            codes
        },
    )
}
