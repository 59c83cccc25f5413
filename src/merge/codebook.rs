//! Bringing another copy's codebook additions in: labels, attributes and
//! their values, roles and their targets, variables and their values. A
//! change made on both sides that cannot hold both versions (a label's
//! colour, key or category, an attribute's kind, a role's arity, a
//! variable's kind, key or ordinal scale) is refused with both values.

use crate::model::{AttributeKind, Codebook, Label, VariableDef, VariableKind};
use crate::wording::quoted;

/// Merges `other` into `ours`: returns what was added (one line each) or
/// every contradiction found (then `ours` must not be used). `arities`
/// says whether both sides chose their roles' arity: a project of format 1
/// had none (every role is read as taking many), so there a different
/// arity is no contradiction and the project's is kept.
pub fn merge_codebook(
    ours: &mut Codebook,
    other: &Codebook,
    arities: bool,
) -> Result<Vec<String>, Vec<String>> {
    let mut added = Vec::new();
    let mut refused = Vec::new();
    for cat in &other.categories {
        for label in &cat.labels {
            match ours.category_of(&label.name).map(str::to_string) {
                None => {
                    if let Some(key) = label.key
                        && let Some(clash) = ours.label_for_key(key)
                    {
                        refused.push(format!(
                            "label {}: its key {} is already the key of label {} in this project",
                            quoted(&label.name),
                            quoted(&key.to_string()),
                            quoted(&clash.name)
                        ));
                        continue;
                    }
                    ours.ensure_label(&cat.name, label.clone());
                    added.push(format!(
                        "label {} (category {})",
                        quoted(&label.name),
                        quoted(&cat.name)
                    ));
                }
                Some(our_cat) if our_cat != cat.name => refused.push(format!(
                    "label {}: category {} here, {} in the other copy",
                    quoted(&label.name),
                    quoted(&our_cat),
                    quoted(&cat.name)
                )),
                Some(_) => {
                    if let Some(mine) = ours.label_mut(&label.name) {
                        merge_label(mine, label, arities, &mut added, &mut refused);
                    }
                }
            }
        }
    }
    for var in &other.variables {
        match ours.variables.iter_mut().find(|v| v.name == var.name) {
            None => {
                ours.variables.push(var.clone());
                added.push(format!("variable {}", quoted(&var.name)));
            }
            Some(mine) => merge_variable(mine, var, &mut added, &mut refused),
        }
    }
    if refused.is_empty() {
        if !added.is_empty() {
            ours.revision = ours.revision.max(other.revision) + 1;
        }
        let problems = crate::model::validate_codebook(ours);
        if problems.is_empty() {
            Ok(added)
        } else {
            Err(problems
                .into_iter()
                .map(|p| format!("the merged codebook would be invalid: {p}"))
                .collect())
        }
    } else {
        Err(refused)
    }
}

fn merge_label(
    mine: &mut Label,
    theirs: &Label,
    arities: bool,
    added: &mut Vec<String>,
    refused: &mut Vec<String>,
) {
    let name = quoted(&mine.name).to_string();
    if mine.color != theirs.color {
        refused.push(format!(
            "label {name}: colour {} here, {} in the other copy",
            mine.color, theirs.color
        ));
    }
    if mine.key != theirs.key {
        refused.push(format!(
            "label {name}: key {} here, {} in the other copy",
            key_text(mine.key),
            key_text(theirs.key)
        ));
    }
    if mine.actor != theirs.actor {
        refused.push(format!(
            "label {name}: {} here, {} in the other copy",
            actor_text(mine.actor),
            actor_text(theirs.actor)
        ));
    }
    for attr in &theirs.attributes {
        let Some(ours) = mine.attributes.iter_mut().find(|a| a.name == attr.name) else {
            mine.attributes.push(attr.clone());
            added.push(format!("attribute {}.{}", mine.name, attr.name));
            continue;
        };
        match (&mut ours.kind, &attr.kind) {
            (AttributeKind::Free, AttributeKind::Free) => {}
            (AttributeKind::Closed(values), AttributeKind::Closed(more)) => {
                for v in more {
                    if !values.contains(v) {
                        values.push(v.clone());
                        added.push(format!(
                            "value {} of attribute {}.{}",
                            quoted(v),
                            mine.name,
                            attr.name
                        ));
                    }
                }
            }
            (kind, other) => refused.push(format!(
                "attribute {}.{}: {} here, {} in the other copy",
                mine.name,
                attr.name,
                attribute_kind_text(kind),
                attribute_kind_text(other)
            )),
        }
    }
    for role in &theirs.roles {
        let Some(ours) = mine.roles.iter_mut().find(|r| r.name == role.name) else {
            mine.roles.push(role.clone());
            added.push(format!("role {}.{}", mine.name, role.name));
            continue;
        };
        if arities && ours.takes != role.takes {
            refused.push(format!(
                "role {}.{}: takes {:?} here, {:?} in the other copy",
                mine.name, role.name, ours.takes, role.takes
            ));
            continue;
        }
        for t in &role.targets {
            if !ours.targets.contains(t) {
                ours.targets.push(t.clone());
                added.push(format!(
                    "target {} of role {}.{}",
                    quoted(t),
                    mine.name,
                    role.name
                ));
            }
        }
    }
}

fn merge_variable(
    mine: &mut VariableDef,
    theirs: &VariableDef,
    added: &mut Vec<String>,
    refused: &mut Vec<String>,
) {
    let name = quoted(&mine.name).to_string();
    if mine.kind != theirs.kind {
        refused.push(format!(
            "variable {name}: {} here, {} in the other copy",
            mine.kind.label(),
            theirs.kind.label()
        ));
        return;
    }
    if mine.key != theirs.key {
        refused.push(format!(
            "variable {name}: key {} here, {} in the other copy",
            key_text(mine.key),
            key_text(theirs.key)
        ));
    }
    match mine.kind {
        // An ordinal scale's order is its meaning: another scale is
        // another variable.
        VariableKind::Ordinal if mine.values != theirs.values => refused.push(format!(
            "variable {name}: ordinal scale [{}] here, [{}] in the other copy",
            mine.values.join(", "),
            theirs.values.join(", ")
        )),
        VariableKind::Single | VariableKind::Multiple => {
            for v in &theirs.values {
                if !mine.values.contains(v) {
                    mine.values.push(v.clone());
                    added.push(format!("value {} of variable {name}", quoted(v)));
                }
            }
        }
        _ => {}
    }
}

fn key_text(key: Option<char>) -> String {
    key.map_or_else(
        || "none".to_string(),
        |k| quoted(&k.to_string()).to_string(),
    )
}

fn actor_text(actor: bool) -> &'static str {
    if actor {
        "an actor label"
    } else {
        "not an actor label"
    }
}

fn attribute_kind_text(kind: &AttributeKind) -> String {
    match kind {
        AttributeKind::Free => "free text".to_string(),
        AttributeKind::Closed(values) => format!("values [{}]", values.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_are_taken_and_contradictions_refused() {
        let ours = Codebook::default_media();
        let mut theirs = ours.clone();
        theirs.categories[0]
            .labels
            .push(Label::plain("Militia", crate::model::Color([1, 2, 3])));
        let mut merged = ours.clone();
        let added = merge_codebook(&mut merged, &theirs, true).expect("additions merge");
        assert_eq!(
            added,
            vec!["label “Militia” (category “Actor”)".to_string()]
        );
        assert!(merged.label("Militia").is_some());
        assert!(merged.revision > ours.revision);

        let mut theirs = ours.clone();
        theirs.label_mut("Person").unwrap().color = crate::model::Color([0, 0, 0]);
        let mut merged = ours.clone();
        let refused = merge_codebook(&mut merged, &theirs, true).expect_err("colour clash");
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].contains("Person") && refused[0].contains("#000000"),
            "{refused:?}"
        );
    }
}
