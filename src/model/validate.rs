//! Invariants between the parts of a project: codebook consistency and the
//! validity of an annotation set against its document and codebook.

use super::{AnnotationSet, AttributeKind, Codebook, Project};
use crate::wording::{count, quoted};
use std::collections::{BTreeSet, HashSet};

/// One broken invariant, described for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Which span it concerns, if any (its id as written in the file).
    pub span: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// For something written twice (a label name, a span id): the name or
    /// id, so a reader of the file can point at its second appearance.
    pub repeated: Option<String>,
}

impl Problem {
    fn new(span: Option<u32>, message: String) -> Problem {
        Problem {
            span,
            message,
            repeated: None,
        }
    }

    /// A problem about `name` appearing a second time.
    fn repeated(span: Option<u32>, name: &str, message: String) -> Problem {
        Problem {
            span,
            message,
            repeated: Some(name.to_string()),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.span {
            Some(id) => write!(f, "span {id}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Checks that label and category names are unique, shortcut keys do not
/// clash, and roles only point to labels that exist.
pub fn validate_codebook(cb: &Codebook) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names = HashSet::new();
    let mut keys = HashSet::new();
    let mut categories = HashSet::new();
    for cat in &cb.categories {
        if !categories.insert(cat.name.as_str()) {
            problems.push(Problem::repeated(
                None,
                &cat.name,
                format!("category {} appears twice", quoted(&cat.name)),
            ));
        }
        for label in &cat.labels {
            if label.name.trim().is_empty() {
                problems.push(Problem::new(None, "a label has an empty name".into()));
            }
            if !names.insert(label.name.as_str()) {
                problems.push(Problem::repeated(
                    None,
                    &label.name,
                    format!("label {} appears twice", quoted(&label.name)),
                ));
            }
            if let Some(k) = label.key
                && !keys.insert(k.to_ascii_lowercase())
            {
                problems.push(Problem::new(
                    None,
                    format!(
                        "shortcut key {} of label {} is used twice",
                        quoted(&k.to_string()),
                        quoted(&label.name)
                    ),
                ));
            }
        }
    }
    for (_, label) in cb.labels() {
        for role in &label.roles {
            for target in &role.targets {
                if cb.label(target).is_none() {
                    problems.push(Problem::new(
                        None,
                        format!(
                            "role {} of label {} points to unknown label {target}",
                            quoted(&role.name),
                            quoted(&label.name),
                            target = quoted(target)
                        ),
                    ));
                }
            }
        }
    }
    problems.extend(validate_variables(cb, &mut keys));
    problems
}

/// Checks the document variables: names unique and not empty, choices and
/// scales with distinct values, keys not clashing with labels' keys.
fn validate_variables(cb: &Codebook, keys: &mut HashSet<char>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names = HashSet::new();
    for var in &cb.variables {
        let name = quoted(&var.name);
        if var.name.trim().is_empty() {
            problems.push(Problem::new(None, "a variable has an empty name".into()));
        }
        if !names.insert(var.name.as_str()) {
            problems.push(Problem::repeated(
                None,
                &var.name,
                format!("variable {name} appears twice"),
            ));
        }
        if var.kind.has_values() && var.values.is_empty() {
            problems.push(Problem::new(
                None,
                format!("variable {name} ({}) lists no values", var.kind.label()),
            ));
        }
        if !var.kind.has_values() && !var.values.is_empty() {
            problems.push(Problem::new(
                None,
                format!(
                    "variable {name} is a {} and takes no list of values",
                    var.kind.label()
                ),
            ));
        }
        let mut seen = HashSet::new();
        for v in &var.values {
            if !seen.insert(v.as_str()) {
                problems.push(Problem::repeated(
                    None,
                    v,
                    format!("value {} of variable {name} appears twice", quoted(v)),
                ));
            }
        }
        if let Some(k) = var.key
            && !keys.insert(k.to_ascii_lowercase())
        {
            problems.push(Problem::new(
                None,
                format!(
                    "shortcut key {} of variable {name} is used twice",
                    quoted(&k.to_string())
                ),
            ));
        }
    }
    problems
}

/// Why `value` is not a valid code for `var`, or `None` if it is.
pub fn code_problem(var: &super::VariableDef, value: &super::CodeValue) -> Option<String> {
    use super::{CodeValue, VariableKind};
    let name = quoted(&var.name);
    let unknown = |v: &str| {
        (!var.values.iter().any(|x| x == v))
            .then(|| format!("{} is not a value of variable {name}", quoted(v)))
    };
    match (var.kind, value) {
        (VariableKind::Single | VariableKind::Ordinal, CodeValue::Text(v)) => unknown(v),
        (VariableKind::Multiple, CodeValue::Many(vs)) => {
            if vs.windows(2).any(|w| w[0] >= w[1]) {
                return Some(format!(
                    "the values of variable {name} must be listed once each, in order"
                ));
            }
            vs.iter().find_map(|v| unknown(v))
        }
        (VariableKind::Number, CodeValue::Number(n)) => {
            (!n.is_finite()).then(|| format!("variable {name} needs a finite number"))
        }
        (VariableKind::Text, CodeValue::Text(_)) => None,
        (kind, _) => Some(format!(
            "variable {name} is a {} and cannot hold {}",
            kind.label(),
            quoted(&value.display())
        )),
    }
}

/// Checks one annotation set against the project and the length (in
/// characters) of its document's text: ranges inside the text, labels,
/// attributes and actors known, links to existing spans in allowed roles,
/// ids unique.
pub fn validate_set(project: &Project, text_chars: usize, set: &AnnotationSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cb = &project.codebook;
    let mut ids = BTreeSet::new();
    for s in &set.spans {
        if !ids.insert(s.id) {
            problems.push(Problem::repeated(
                Some(s.id.0),
                &s.id.0.to_string(),
                "duplicate span id".into(),
            ));
        }
    }
    for s in &set.spans {
        let p = |m: String| Problem::new(Some(s.id.0), m);
        if s.start >= s.end {
            problems.push(p(format!("empty or reversed range {}..{}", s.start, s.end)));
        }
        if s.end > text_chars {
            problems.push(p(format!(
                "range {}..{} is beyond the end of the text ({})",
                s.start,
                s.end,
                count(text_chars, "character", "characters")
            )));
        }
        let Some(label) = cb.label(&s.label) else {
            problems.push(p(format!("unknown label {}", quoted(&s.label))));
            continue;
        };
        for (name, value) in &s.attrs {
            match label.attribute(name).map(|a| &a.kind) {
                None => problems.push(p(format!(
                    "label {} has no attribute {name}",
                    quoted(&s.label),
                    name = quoted(name)
                ))),
                Some(AttributeKind::Closed(values)) if !values.contains(value) => {
                    problems.push(p(format!(
                        "{value} is not a value of attribute {name}",
                        value = quoted(value),
                        name = quoted(name)
                    )))
                }
                _ => {}
            }
        }
        for (role, targets) in &s.links {
            let Some(def) = label.role(role) else {
                problems.push(p(format!(
                    "label {} has no role {role}",
                    quoted(&s.label),
                    role = quoted(role)
                )));
                continue;
            };
            if def.takes == super::RoleArity::One && targets.len() > 1 {
                problems.push(p(format!(
                    "role {role} takes one span but links to {}",
                    targets.len(),
                    role = quoted(role)
                )));
            }
        }
        for (role, target) in s.all_links() {
            let Some(def) = label.role(role) else {
                continue;
            };
            match set.span(target) {
                None => problems.push(p(format!(
                    "role {role} links to missing span {}",
                    target.0,
                    role = quoted(role)
                ))),
                Some(t) if !def.targets.contains(&t.label) => problems.push(p(format!(
                    "role {role} may not point to a {} span",
                    quoted(&t.label),
                    role = quoted(role)
                ))),
                Some(_) => {}
            }
        }
        if let Some(actor) = s.actor
            && project.actors.get(actor).is_none()
        {
            problems.push(p(format!("refers to unknown actor {actor}")));
        }
    }
    for (name, value) in &set.codes {
        match project.codebook.variable(name) {
            None => problems.push(Problem::new(
                None,
                format!(
                    "codes variable {} that the codebook does not have",
                    quoted(name)
                ),
            )),
            Some(var) => {
                if let Some(why) = code_problem(var, value) {
                    problems.push(Problem::new(None, why));
                }
            }
        }
    }
    problems
}
