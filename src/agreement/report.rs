//! The shape of the agreement report: the JSON object of docs/formats.md, "Agreement" plus
//! the beyond-span figures (`actors`, `statements`, `events`, `network`) and
//! the optional per-document breakdown. Undefined figures are `None`, which
//! serialises as `null`.

use serde::Serialize;
use serde::ser::SerializeMap;

/// A JSON object whose keys keep the order they were inserted in (codebook
/// order for labels, categories and attributes), so the report reads like
/// the codebook.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderedMap<T>(pub Vec<(String, T)>);

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<T> OrderedMap<T> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Keys and values in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for OrderedMap<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Matches between two coders' items with precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct MatchFigures {
    /// Number of one-to-one matched pairs.
    pub matches: usize,
    /// matches / B's items; `None` when B has none.
    pub precision: Option<f64>,
    /// matches / A's items; `None` when A has none.
    pub recall: Option<f64>,
    /// 2·matches / (A's + B's items): the harmonic mean of precision and
    /// recall whenever both are defined, and 0 when exactly one coder has
    /// items (nothing of it was matched); `None` when neither has any.
    pub f1: Option<f64>,
}

impl MatchFigures {
    /// Figures for `matches` pairs between `a` items of coder A and `b`
    /// items of coder B.
    pub fn new(matches: usize, a: usize, b: usize) -> MatchFigures {
        MatchFigures {
            matches,
            precision: ratio(matches, b),
            recall: ratio(matches, a),
            f1: ratio(2 * matches, a + b),
        }
    }
}

/// `num / den`, `None` when `den` is zero.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Every figure for one label.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LabelReport {
    /// Coder A's spans of this label.
    pub a_spans: usize,
    /// Coder B's spans of this label.
    pub b_spans: usize,
    /// Same start, end and label.
    pub exact: MatchFigures,
    /// Same label and intersecting ranges, one-to-one, maximum pairs.
    pub overlap: MatchFigures,
    /// Cohen's kappa over tokens (covered by this label or not).
    pub token_kappa: Option<f64>,
    /// Krippendorff's alpha (nominal) over the same token pairs.
    pub token_alpha: Option<f64>,
    /// Krippendorff's unitizing alpha on the character continuum.
    pub alpha_u: Option<f64>,
}

/// Exact and overlap figures pooled over all labels.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MicroReport {
    /// Exact matches over all labels.
    pub exact: MatchFigures,
    /// Overlap matches over all labels.
    pub overlap: MatchFigures,
}

/// Figures for one category.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryReport {
    /// Cohen's kappa over tokens whose value is the `+`-joined set of the
    /// category's labels covering it, or `O`.
    pub token_kappa: Option<f64>,
}

/// Agreement on one attribute of one label.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AttributeReport {
    /// Exactly-matched span pairs of the label.
    pub pairs: usize,
    /// Cohen's kappa of the attribute's values over those pairs (a missing
    /// value counts as a value of its own).
    pub kappa: Option<f64>,
}

/// Whether exactly-matched actor mentions point to the same registry actor.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActorReport {
    /// Exactly-matched pairs of spans whose label is an actor label.
    pub pairs: usize,
    /// Pairs where both point to the same actor (or both to none).
    pub same: usize,
    /// same / pairs.
    pub share: Option<f64>,
    /// Cohen's kappa over the actor ids (no actor is a category of its own).
    pub kappa: Option<f64>,
}

/// Agreement on statements (stances) or events as wholes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StatementReport {
    /// Coder A's statements.
    pub a: usize,
    /// Coder B's statements.
    pub b: usize,
    /// Matches, precision, recall and F1 of one-to-one agreed statements.
    #[serde(flatten)]
    pub figures: MatchFigures,
}

/// The holder → target → polarity edge sets of the two coders compared.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NetworkReport {
    /// Distinct edges derived from coder A's stances.
    pub a_edges: usize,
    /// Distinct edges derived from coder B's stances.
    pub b_edges: usize,
    /// Edges both derived.
    pub common: usize,
    /// common / edges of either.
    pub jaccard: Option<f64>,
    /// 2·common / (A's edges + B's edges).
    pub f1: Option<f64>,
}

/// The figures for one document, for `--per-document` and the compare view.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocumentReport {
    /// Coder A's spans.
    pub a_spans: usize,
    /// Coder B's spans.
    pub b_spans: usize,
    /// Exact matches over all labels.
    pub exact: MatchFigures,
    /// Overlap matches over all labels.
    pub overlap: MatchFigures,
    /// Number of disagreements of any kind.
    pub disagreements: usize,
}

/// The whole agreement report of two coders.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The two coders, A then B.
    pub coders: [String; 2],
    /// Documents both coders have annotated.
    pub documents: usize,
    /// Per label, in codebook order.
    pub labels: OrderedMap<LabelReport>,
    /// Pooled over all labels.
    pub micro: MicroReport,
    /// Per category, in codebook order.
    pub categories: OrderedMap<CategoryReport>,
    /// Per `<label>.<attribute>`.
    pub attributes: OrderedMap<AttributeReport>,
    /// Per document variable (a multiple choice per `<variable>=<value>`),
    /// in codebook order.
    pub variables: OrderedMap<super::variables::PairScore>,
    /// Registry actors of exactly-matched actor mentions.
    pub actors: ActorReport,
    /// Stances as wholes (polarity, holder and target actors).
    pub statements: StatementReport,
    /// Events as wholes (type, agent and patient actors).
    pub events: StatementReport,
    /// Stance networks compared as edge sets.
    pub network: NetworkReport,
    /// Per document, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_document: Option<OrderedMap<DocumentReport>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_null_only_when_undefined() {
        let f = MatchFigures::new(3, 4, 6);
        assert_eq!(f.precision, Some(0.5));
        assert_eq!(f.recall, Some(0.75));
        assert_eq!(f.f1, Some(0.6));
        let none = MatchFigures::new(0, 0, 0);
        assert_eq!((none.precision, none.recall, none.f1), (None, None, None));
        let one_sided = MatchFigures::new(0, 5, 0);
        assert_eq!(one_sided.precision, None);
        assert_eq!(one_sided.recall, Some(0.0));
        assert_eq!(one_sided.f1, Some(0.0));
    }

    #[test]
    fn ordered_map_keeps_insertion_order_in_json() {
        let m = OrderedMap(vec![("b".to_string(), 1), ("a".to_string(), 2)]);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"b":1,"a":2}"#);
        let s = StatementReport {
            a: 2,
            b: 1,
            figures: MatchFigures::new(1, 2, 1),
        };
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["matches"], 1);
        assert_eq!(v["precision"], 1.0);
        assert!(v.get("figures").is_none());
    }
}
