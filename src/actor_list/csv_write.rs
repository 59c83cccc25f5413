//! Writes the registry as a CSV actor list that [`super::read_actor_csv`]
//! reads back to the same registry: columns `name`, `kind`, `aliases`
//! (joined with `|`), then one column per attribute any actor has, sorted;
//! one row per actor in registry order. UTF-8 without a byte-order mark,
//! comma-separated, RFC 4180 quoting, like the span table of `export csv`.

use crate::model::ActorRegistry;
use crate::wording::quoted;
use std::collections::BTreeSet;

/// The fixed columns, in order.
pub const FIXED_COLUMNS: [&str; 3] = ["name", "kind", "aliases"];

/// A written actor list.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorsCsv {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What will not come back the same on import (an alias containing
    /// `|`, an attribute named like a fixed column).
    pub warnings: Vec<String>,
}

/// The actor list of `registry`.
pub fn actors_csv(registry: &ActorRegistry) -> Result<ActorsCsv, csv::Error> {
    let mut warnings = Vec::new();
    let attributes: BTreeSet<&str> = registry
        .actors
        .iter()
        .flat_map(|a| a.attributes.keys().map(String::as_str))
        .filter(|k| !k.trim().is_empty())
        .collect();
    let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    for key in &attributes {
        let column = free_key(key, |k| {
            header.iter().any(|h| h.eq_ignore_ascii_case(k))
                || (k != *key && attributes.iter().any(|a| a.eq_ignore_ascii_case(k)))
        });
        if column != *key {
            warnings.push(format!(
                "the attribute {} is written as the column {}",
                quoted(key),
                quoted(&column)
            ));
        }
        header.push(column);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header)?;
    for actor in &registry.actors {
        if let Some(alias) = actor.aliases.iter().find(|a| a.contains('|')) {
            warnings.push(format!(
                "{}'s alias {} contains “|”, which separates aliases; it will read back as several",
                quoted(&actor.name),
                quoted(alias)
            ));
        }
        let mut row = vec![
            actor.name.clone(),
            actor.kind.as_str().to_string(),
            actor.aliases.join("|"),
        ];
        for key in &attributes {
            row.push(actor.attributes.get(*key).cloned().unwrap_or_default());
        }
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(ActorsCsv { bytes, warnings })
}

/// `key`, or `extra_<key>` (with as many `extra_` as it takes) when `taken`
/// says the name is in use.
pub fn free_key(key: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut out = key.to_string();
    while taken(&out) {
        out = format!("extra_{out}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor_list::{merge_listed, read_actor_csv};
    use crate::model::{Actor, ActorKind};

    fn registry() -> ActorRegistry {
        let mut reg = ActorRegistry::default();
        let mut a = Actor::new("Nicolás Maduro", ActorKind::Person);
        a.id = crate::model::ActorId(1);
        a.aliases = vec!["Maduro".into(), "el \"presidente\"".into()];
        a.attributes.insert("party".into(), "PSUV".into());
        reg.put(a);
        let mut b = Actor::new("Venezuela, Bolivarian Republic of", ActorKind::State);
        b.id = crate::model::ActorId(2);
        b.attributes.insert("iso".into(), "VE".into());
        b.attributes.insert("Name".into(), "clash".into());
        reg.put(b);
        reg.put(Actor::new("Cuba", ActorKind::State));
        reg
    }

    #[test]
    fn writes_fixed_columns_then_sorted_attributes() {
        let out = actors_csv(&registry()).unwrap();
        let text = String::from_utf8(out.bytes).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("name,kind,aliases,extra_Name,iso,party"));
        assert_eq!(
            lines.next(),
            Some("Nicolás Maduro,person,\"Maduro|el \"\"presidente\"\"\",,,PSUV")
        );
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    }

    #[test]
    fn reading_the_export_back_changes_nothing() {
        let mut reg = registry();
        for a in &mut reg.actors {
            a.attributes.remove("Name");
        }
        let before = reg.clone();
        let out = actors_csv(&reg).unwrap();
        let read = read_actor_csv(&out.bytes, "x.csv").unwrap();
        assert_eq!(read.rows.len(), 3);
        for (_, listed) in &read.rows {
            let outcome = merge_listed(&mut reg, listed).unwrap();
            assert_eq!(outcome.change, crate::actor_list::Change::Unchanged);
            assert!(outcome.notes.is_empty(), "{:?}", outcome.notes);
        }
        assert_eq!(reg, before);
    }
}
