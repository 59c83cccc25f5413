//! Reading a span's links: role -> list of target span ids. Format version
//! 1 wrote one id per role (`links: {"holder": 3}`); that is read as a list
//! of one, so older annotation files need no separate reader. A role
//! written twice is refused (see `unique_map`); the targets are sorted and
//! repeats dropped, the form the model keeps.

use super::SpanId;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// One role's value as written: a single id (format version 1) or a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(SpanId),
    Many(Vec<SpanId>),
}

/// `deserialize_with` for [`super::Span::links`].
pub fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Vec<SpanId>>, D::Error> {
    let raw: BTreeMap<String, OneOrMany> = super::unique_map::deserialize(d)?;
    Ok(raw
        .into_iter()
        .filter_map(|(role, v)| {
            let mut ids = match v {
                OneOrMany::One(id) => vec![id],
                OneOrMany::Many(ids) => ids,
            };
            ids.sort();
            ids.dedup();
            (!ids.is_empty()).then_some((role, ids))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::model::{Span, SpanId};

    #[test]
    fn a_single_id_of_format_one_reads_as_a_list_of_one() {
        let old: Span =
            ron::from_str(r#"(id: 3, start: 0, end: 1, label: "Stance", links: {"holder": 1, "target": [5, 2, 5]})"#)
                .unwrap();
        assert_eq!(old.targets("holder"), &[SpanId(1)]);
        assert_eq!(old.targets("target"), &[SpanId(2), SpanId(5)]);
        let written = ron::to_string(&old).unwrap();
        let back: Span = ron::from_str(&written).unwrap();
        assert_eq!(back, old);
    }

    #[test]
    fn a_role_written_twice_is_refused() {
        let err = ron::from_str::<Span>(
            r#"(id: 3, start: 0, end: 1, label: "S", links: {"holder": 1, "holder": [2]})"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("written twice"), "{err}");
    }
}

#[cfg(test)]
mod properties {
    use crate::model::{Span, SpanId};
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    proptest! {
        /// Whatever links are added and removed, each role's targets are
        /// the set of those added and not removed since, sorted, and a role
        /// left without targets is gone; writing and reading keep them.
        #[test]
        fn links_stay_a_sorted_set_per_role(
            steps in proptest::collection::vec((any::<bool>(), 0..3usize, 0..6u32), 0..40)
        ) {
            let roles = ["holder", "target", "place"];
            let mut span = Span::new(SpanId(99), 0, 1, "Stance");
            let mut model: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
            for (add, role, target) in steps {
                let role = roles[role];
                if add {
                    span.add_link(role, SpanId(target));
                    model.entry(role).or_default().insert(target);
                } else {
                    span.remove_link(role, SpanId(target));
                    if let Some(set) = model.get_mut(role) {
                        set.remove(&target);
                    }
                }
            }
            model.retain(|_, s| !s.is_empty());
            let got: BTreeMap<&str, Vec<u32>> = span
                .links
                .iter()
                .map(|(r, ts)| (r.as_str(), ts.iter().map(|t| t.0).collect()))
                .collect();
            let want: BTreeMap<&str, Vec<u32>> = model
                .iter()
                .map(|(r, s)| (*r, s.iter().copied().collect()))
                .collect();
            prop_assert_eq!(got, want);
            let back: Span = ron::from_str(&ron::to_string(&span).unwrap()).unwrap();
            prop_assert_eq!(back, span);
        }
    }
}
