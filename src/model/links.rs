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
