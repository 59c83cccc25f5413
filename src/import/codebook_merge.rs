//! Growing the codebook to fit imported annotations: unknown labels go to a
//! category named `Imported`, unknown attributes are added as free text,
//! unknown values of closed attributes are added to their list, unknown
//! roles are added with the labels they were seen pointing to. Every change
//! is reported, never silent.

use super::annotated::AnnotatedDoc;
use super::report::AnnotatedReport;
use crate::model::{
    AttributeDef, AttributeKind, Codebook, Label, RoleArity, RoleDef, palette_color,
};
use crate::wording::quoted;
use std::collections::HashMap;

/// The category new labels are put in.
pub const IMPORTED_CATEGORY: &str = "Imported";

/// Adds to `cb` whatever `docs` use that it lacks, recording each change in
/// `report`.
pub fn merge_codebook(cb: &mut Codebook, docs: &[AnnotatedDoc], report: &mut AnnotatedReport) {
    for doc in docs {
        for span in &doc.spans {
            if cb.label(&span.label).is_none() {
                let color = palette_color(cb.labels().count());
                cb.ensure_label(IMPORTED_CATEGORY, Label::plain(&span.label, color));
                report.added_labels.push(span.label.clone());
            }
        }
    }
    let changes = &mut report.codebook_changes;
    for doc in docs {
        let label_of: HashMap<&str, &str> = doc
            .spans
            .iter()
            .map(|s| (s.key.as_str(), s.label.as_str()))
            .collect();
        for span in &doc.spans {
            let Some(label) = cb.label_mut(&span.label) else {
                continue;
            };
            if span.actor.is_some() && !label.actor {
                label.actor = true;
                changes.push(format!(
                    "label {} now marks actor mentions",
                    quoted(&label.name)
                ));
            }
            for (name, value) in span.attrs.iter().filter(|(_, v)| !v.is_empty()) {
                add_attribute_value(label, name, value, changes);
            }
            for (role, target) in span.all_links() {
                if let Some(target_label) = label_of.get(target) {
                    add_role_target(label, role, target_label, changes);
                }
            }
            for (role, targets) in &span.links {
                if targets.len() > 1 {
                    let def = label.roles.iter_mut().find(|r| &r.name == role);
                    if let Some(def) = def.filter(|d| d.takes == RoleArity::One) {
                        def.takes = RoleArity::Many;
                        changes.push(format!(
                            "label {}: role {} now takes several spans",
                            quoted(&label.name),
                            quoted(role)
                        ));
                    }
                }
            }
        }
    }
}

fn add_attribute_value(label: &mut Label, name: &str, value: &str, changes: &mut Vec<String>) {
    match label.attributes.iter_mut().find(|a| a.name == name) {
        None => {
            label.attributes.push(AttributeDef {
                name: name.to_string(),
                kind: AttributeKind::Free,
            });
            changes.push(format!(
                "label {}: new attribute {name} (free text)",
                quoted(&label.name),
                name = quoted(name)
            ));
        }
        Some(AttributeDef {
            kind: AttributeKind::Closed(values),
            ..
        }) if !values.iter().any(|v| v == value) => {
            values.push(value.to_string());
            changes.push(format!(
                "label {}: attribute {name} gets the new value {value}",
                quoted(&label.name),
                name = quoted(name),
                value = quoted(value)
            ));
        }
        Some(_) => {}
    }
}

fn add_role_target(label: &mut Label, role: &str, target: &str, changes: &mut Vec<String>) {
    match label.roles.iter_mut().find(|r| r.name == role) {
        None => {
            // A new role takes several spans: it costs nothing where the
            // data has one, and imports of the other tools' data often link
            // several.
            label.roles.push(RoleDef {
                name: role.to_string(),
                takes: RoleArity::Many,
                targets: vec![target.to_string()],
            });
            changes.push(format!(
                "label {}: new role {role} pointing to {target}",
                quoted(&label.name),
                role = quoted(role),
                target = quoted(target)
            ));
        }
        Some(def) if !def.targets.iter().any(|t| t == target) => {
            def.targets.push(target.to_string());
            changes.push(format!(
                "label {}: role {role} may now also point to {target}",
                quoted(&label.name),
                role = quoted(role),
                target = quoted(target)
            ));
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::annotated::{ForeignActor, ForeignSpan};
    use crate::model::validate_codebook;

    #[test]
    fn adds_labels_attributes_values_and_roles() {
        let mut cb = Codebook::default_media();
        let before = cb.labels().count();
        let mut stance = ForeignSpan {
            key: "1".into(),
            start: 0,
            end: 3,
            label: "Stance".into(),
            ..ForeignSpan::default()
        };
        stance.attrs.insert("polarity".into(), "ambivalent".into());
        stance.attrs.insert("intensity".into(), "high".into());
        stance.attrs.insert("topic".into(), "anything".into());
        stance.add_link("holder", "2");
        stance.add_link("source", "2");
        let misc = ForeignSpan {
            key: "2".into(),
            start: 4,
            end: 6,
            label: "MISC".into(),
            actor: Some(ForeignActor {
                name: "X".into(),
                ..ForeignActor::default()
            }),
            ..ForeignSpan::default()
        };
        let doc = AnnotatedDoc {
            spans: vec![stance, misc],
            ..AnnotatedDoc::default()
        };
        let mut report = AnnotatedReport::default();
        merge_codebook(&mut cb, &[doc], &mut report);
        assert_eq!(report.added_labels, ["MISC"]);
        assert_eq!(cb.category_of("MISC"), Some(IMPORTED_CATEGORY));
        assert_eq!(cb.labels().count(), before + 1);
        let stance = cb.label("Stance").unwrap();
        assert_eq!(
            stance.attribute("intensity").unwrap().kind,
            AttributeKind::Free
        );
        match &stance.attribute("polarity").unwrap().kind {
            AttributeKind::Closed(v) => assert!(v.contains(&"ambivalent".to_string())),
            AttributeKind::Free => panic!("polarity should stay closed"),
        }
        assert!(
            stance
                .role("holder")
                .unwrap()
                .targets
                .contains(&"MISC".to_string())
        );
        assert_eq!(stance.role("source").unwrap().targets, ["MISC"]);
        assert!(cb.label("MISC").unwrap().actor);
        assert_eq!(
            report.codebook_changes.len(),
            5,
            "{:?}",
            report.codebook_changes
        );
        assert!(validate_codebook(&cb).is_empty());
    }
}
