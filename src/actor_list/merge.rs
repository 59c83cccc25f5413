//! One listed actor into the registry: a new actor, or merged into the
//! actor the registry already has under its name or one of its aliases.
//!
//! Which actor a listed one is: the actor *named* like it if there is one
//! (the oldest, should several share the name); else the one actor its name
//! or any of its aliases calls (name or alias, ignoring case and
//! surrounding whitespace); if they call two or more different actors, the
//! entry is refused as ambiguous. Merging never takes anything away and
//! never overrules the project:
//!
//! - aliases the actor lacks are added (the listed name too, when it matched
//!   through an alias); an alias another actor is already called by is not
//!   added (that would make the name ambiguous) and a note says so;
//! - the kind is set only where the project has `other` (the default, "not
//!   known"); a different kind is kept and noted;
//! - an attribute the actor lacks is filled in; a different value is kept
//!   and noted; an empty value means "not given". Attribute names are
//!   matched ignoring case, and take the spelling the registry already uses
//!   (`Party` from one list and `party` from another are one attribute).
//!
//! So merging the same list again, or the project's own export, changes
//! nothing.

use crate::model::{Actor, ActorId, ActorKind, ActorRegistry};
use crate::wording::quoted;
use std::collections::BTreeMap;

/// An actor as a list (a CSV row, `actors add`) gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListedActor {
    /// Its name.
    pub name: String,
    /// Its kind, when the list says.
    pub kind: Option<ActorKind>,
    /// Other names for it.
    pub aliases: Vec<String>,
    /// Free attributes (party, country, …); empty values are ignored.
    pub attributes: BTreeMap<String, String>,
}

/// What merging one listed actor did to the registry.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A new actor.
    Added,
    /// An existing actor got more aliases, attributes or a kind.
    Extended {
        /// Aliases added.
        aliases: Vec<String>,
        /// Attributes filled in (names).
        attributes: Vec<String>,
        /// The kind it was given (it had `other`).
        kind: Option<ActorKind>,
    },
    /// The registry already had all of it.
    Unchanged,
}

/// The result of [`merge_listed`].
#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    /// The registry actor the listed one is now.
    pub id: ActorId,
    /// That actor's name.
    pub name: String,
    /// What changed.
    pub change: Change,
    /// What the list said differently and the project kept (conflicting
    /// attribute values and kinds, aliases of other actors).
    pub notes: Vec<String>,
}

/// Merges `listed` into `registry` (see the module documentation). The
/// error says why the entry cannot be placed (empty name, ambiguous).
pub fn merge_listed(
    registry: &mut ActorRegistry,
    listed: &ListedActor,
) -> Result<MergeOutcome, String> {
    let name = listed.name.trim();
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let Some(id) = matching_actor(registry, name, &listed.aliases)? else {
        return Ok(add_new(registry, name, listed));
    };
    let Some(mut actor) = registry.get(id).cloned() else {
        return Err(format!("actor {id} vanished while merging"));
    };
    let mut notes = Vec::new();
    let mut added_aliases = Vec::new();
    for alias in std::iter::once(name).chain(listed.aliases.iter().map(|a| a.trim())) {
        if alias.is_empty() || actor.is_called(alias) {
            continue;
        }
        if let Some(other) = registry
            .actors
            .iter()
            .find(|a| a.id != id && a.is_called(alias))
        {
            notes.push(format!(
                "alias {} not added: it already names {} ({})",
                quoted(alias),
                quoted(&other.name),
                other.id
            ));
            continue;
        }
        actor.aliases.push(alias.to_string());
        added_aliases.push(alias.to_string());
    }
    let mut kind = None;
    if let Some(k) = listed.kind
        && k != actor.kind
    {
        if actor.kind == ActorKind::Other {
            actor.kind = k;
            kind = Some(k);
        } else {
            notes.push(format!(
                "kind stays {} (the list says {})",
                actor.kind.as_str(),
                k.as_str()
            ));
        }
    }
    let mut filled = Vec::new();
    for (key, value) in given_attributes(listed) {
        let key = registry_key(registry, key);
        let key = key.as_str();
        match actor.attributes.get(key) {
            None => {
                actor.attributes.insert(key.to_string(), value.to_string());
                filled.push(key.to_string());
            }
            Some(have) if have == value => {}
            Some(have) => notes.push(format!(
                "{} stays {} (the list says {})",
                key,
                quoted(have),
                quoted(value)
            )),
        }
    }
    let change = if added_aliases.is_empty() && filled.is_empty() && kind.is_none() {
        Change::Unchanged
    } else {
        Change::Extended {
            aliases: added_aliases,
            attributes: filled,
            kind,
        }
    };
    let outcome = MergeOutcome {
        id,
        name: actor.name.clone(),
        change,
        notes,
    };
    if outcome.change != Change::Unchanged {
        registry.put(actor);
    }
    Ok(outcome)
}

/// The registry actor `name` and `aliases` stand for, if any (see the
/// module documentation); an error when they call several.
fn matching_actor(
    registry: &ActorRegistry,
    name: &str,
    aliases: &[String],
) -> Result<Option<ActorId>, String> {
    let wanted = name.to_lowercase();
    if let Some(a) = registry
        .actors
        .iter()
        .find(|a| a.name.trim().to_lowercase() == wanted)
    {
        return Ok(Some(a.id));
    }
    let called: Vec<&Actor> = registry
        .actors
        .iter()
        .filter(|a| {
            a.is_called(name)
                || aliases
                    .iter()
                    .any(|x| !x.trim().is_empty() && a.is_called(x))
        })
        .collect();
    match called.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id)),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|a| format!("{} ({})", quoted(&a.name), a.id))
                .collect();
            Err(format!(
                "its name and aliases call more than one actor: {}",
                names.join(", ")
            ))
        }
    }
}

/// Adds `listed` as a new actor.
fn add_new(registry: &mut ActorRegistry, name: &str, listed: &ListedActor) -> MergeOutcome {
    let mut actor = Actor::new(name, listed.kind.unwrap_or_default());
    actor.id = later_id(registry);
    for alias in listed.aliases.iter().map(|a| a.trim()) {
        if !alias.is_empty() && !actor.is_called(alias) {
            actor.aliases.push(alias.to_string());
        }
    }
    actor.attributes = given_attributes(listed)
        .map(|(k, v)| (registry_key(registry, k), v.to_string()))
        .collect();
    let outcome = MergeOutcome {
        id: actor.id,
        name: actor.name.clone(),
        change: Change::Added,
        notes: Vec::new(),
    };
    registry.put(actor);
    outcome
}

/// A new id that sorts after every actor the registry has, if it can: the
/// registry is ordered by id, and ULIDs made within one millisecond would
/// otherwise sort at random, putting a list imported at once out of its
/// order. Within the newest actor's millisecond the next id is that actor's
/// plus one (as ULID's monotonic generator does); it stays as unlikely to
/// be made elsewhere as the newest one's random part.
fn later_id(registry: &ActorRegistry) -> ActorId {
    let id = registry.next_id();
    let millis = |id: ActorId| id.0 >> 80;
    match registry.actors.iter().map(|a| a.id).max() {
        Some(last) if last >= id && millis(last) == millis(id) => {
            let next = ActorId(last.0.wrapping_add(1));
            if millis(next) == millis(last) && registry.get(next).is_none() {
                next
            } else {
                id
            }
        }
        _ => id,
    }
}

/// The spelling of attribute `key` the registry already uses (ignoring
/// case), else `key`.
fn registry_key(registry: &ActorRegistry, key: &str) -> String {
    registry
        .actors
        .iter()
        .flat_map(|a| a.attributes.keys())
        .find(|k| k.to_lowercase() == key.to_lowercase())
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The listed attributes that carry a value, trimmed.
fn given_attributes(listed: &ListedActor) -> impl Iterator<Item = (&str, &str)> {
    listed
        .attributes
        .iter()
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(
        name: &str,
        kind: Option<ActorKind>,
        aliases: &[&str],
        attrs: &[(&str, &str)],
    ) -> ListedActor {
        ListedActor {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_new_name_adds_an_actor_and_the_same_entry_again_changes_nothing() {
        let mut reg = ActorRegistry::default();
        let entry = listed(
            " Nicolás Maduro ",
            Some(ActorKind::Person),
            &["Maduro", "maduro", "Nicolás Maduro", ""],
            &[("party", "PSUV"), ("country", " ")],
        );
        let first = merge_listed(&mut reg, &entry).unwrap();
        assert_eq!(first.change, Change::Added);
        let actor = reg.get(first.id).unwrap().clone();
        assert_eq!(actor.name, "Nicolás Maduro");
        assert_eq!(actor.kind, ActorKind::Person);
        assert_eq!(actor.aliases, ["Maduro"]);
        assert_eq!(actor.attributes.len(), 1);
        let again = merge_listed(&mut reg, &entry).unwrap();
        assert_eq!(again.change, Change::Unchanged);
        assert_eq!(again.id, first.id);
        assert_eq!(reg.actors, vec![actor]);
    }

    #[test]
    fn an_alias_match_merges_aliases_kind_and_missing_attributes_and_keeps_the_projects_values() {
        let mut reg = ActorRegistry::default();
        let mut maduro = Actor::new("Nicolás Maduro", ActorKind::Other);
        maduro.aliases.push("Maduro".into());
        maduro.attributes.insert("party".into(), "PSUV".into());
        let id = maduro.id;
        reg.put(maduro);
        let out = merge_listed(
            &mut reg,
            &listed(
                "Nicolás Maduro Moros",
                Some(ActorKind::Person),
                &["maduro", "el presidente"],
                &[("Party", "GPP"), ("born", "1962")],
            ),
        )
        .unwrap();
        assert_eq!(out.id, id);
        assert_eq!(
            out.change,
            Change::Extended {
                aliases: vec!["Nicolás Maduro Moros".into(), "el presidente".into()],
                attributes: vec!["born".into()],
                kind: Some(ActorKind::Person),
            }
        );
        assert_eq!(out.notes, ["party stays “PSUV” (the list says “GPP”)"]);
        let actor = reg.get(id).unwrap();
        assert_eq!(actor.attributes["party"], "PSUV");
        assert_eq!(actor.attributes["born"], "1962");
        // A kind the project set is not overruled.
        let out = merge_listed(
            &mut reg,
            &listed("Maduro", Some(ActorKind::Group), &[], &[]),
        )
        .unwrap();
        assert_eq!(out.change, Change::Unchanged);
        assert_eq!(out.notes, ["kind stays person (the list says group)"]);
    }

    #[test]
    fn actors_added_at_once_keep_the_order_they_were_listed_in() {
        let mut reg = ActorRegistry::default();
        let names: Vec<String> = (0..200).map(|i| format!("actor {i}")).collect();
        for n in &names {
            merge_listed(&mut reg, &listed(n, None, &[], &[])).unwrap();
        }
        let order: Vec<&String> = reg.actors.iter().map(|a| &a.name).collect();
        assert_eq!(order, names.iter().collect::<Vec<_>>());
    }

    #[test]
    fn names_of_two_actors_are_ambiguous_and_an_alias_of_another_actor_is_not_taken() {
        let mut reg = ActorRegistry::default();
        let a = merge_listed(&mut reg, &listed("Juan Guaidó", None, &["Guaidó"], &[])).unwrap();
        let b = merge_listed(&mut reg, &listed("Leopoldo López", None, &["López"], &[])).unwrap();
        let err = merge_listed(&mut reg, &listed("Guaidó", None, &["López"], &[])).unwrap_err();
        assert!(
            err.contains("Juan Guaidó") && err.contains("Leopoldo López"),
            "{err}"
        );
        // By name first: the named actor is meant, the other's alias is left to it.
        let out = merge_listed(
            &mut reg,
            &listed("Juan Guaidó", None, &["López", "JG"], &[]),
        )
        .unwrap();
        assert_eq!(out.id, a.id);
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
        assert!(out.notes[0].contains(&b.id.to_string()));
        assert_eq!(reg.get(a.id).unwrap().aliases, ["Guaidó", "JG"]);
        assert!(merge_listed(&mut reg, &listed("  ", None, &[], &[])).is_err());
    }
}
