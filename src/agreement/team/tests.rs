//! Team agreement on hand-computed and published examples, and the check
//! that with two coders the all-coder alphas are the two-coder report's.

use super::*;
use crate::agreement::{ReportOptions, compute};
use crate::model::{AnnotationSet, Codebook, Span, SpanId, Status};
use proptest::prelude::*;

fn set(coder: &str, spans: &[(usize, usize, &str)]) -> AnnotationSet {
    let mut s = AnnotationSet::new("d", coder);
    s.status = Status::Done;
    for (i, &(start, end, label)) in spans.iter().enumerate() {
        s.put(Span::new(SpanId(i as u32 + 1), start, end, label));
    }
    s
}

fn doc(id: &str, text: &str, sets: Vec<Option<AnnotationSet>>) -> TeamDocument {
    TeamDocument {
        id: id.into(),
        text: text.into(),
        sets,
    }
}

fn team(coders: &[&str], documents: Vec<TeamDocument>) -> TeamInput {
    TeamInput {
        coders: coders.iter().map(|c| c.to_string()).collect(),
        codebook: Codebook {
            variables: Vec::new(),
            revision: 0,
            categories: Vec::new(),
        },
        documents,
    }
}

/// Coders x, y and z, each with `spans` on one document of `text`.
fn xyz(text: &str, spans: [&[(usize, usize, &str)]; 3]) -> TeamInput {
    let sets = ["x", "y", "z"]
        .iter()
        .zip(spans)
        .map(|(c, s)| Some(set(c, s)))
        .collect();
    team(&["x", "y", "z"], vec![doc("d", text, sets)])
}

fn close(x: Option<f64>, want: f64) {
    let x = x.expect("defined");
    assert!((x - want).abs() < 1e-12, "{x} != {want}");
}

#[test]
fn three_coders_token_alpha_by_hand() {
    // Tokens a b c d. x marks "a b", y "a", z "a b c": per token 3, 2, 1
    // and 0 of 3 coders say yes. n = 12 values, 6 yes and 6 no; tokens b
    // and c each give 2·2·1 / (3 − 1) = 2 mismatched coincidences, so
    // alpha = 1 − 11·4 / (2·6·6) = 7/18.
    let input = xyz("a b c d", [&[(0, 3, "P")], &[(0, 1, "P")], &[(0, 5, "P")]]);
    let all = compute_all(&input);
    assert_eq!((all.documents, all.complete_documents), (1, 1));
    close(all.labels.get("P").unwrap().token_alpha, 7.0 / 18.0);
}

#[test]
fn three_coders_alpha_u_by_hand() {
    // Continuum of 10; x and y mark [2, 5), z nothing. D_o = 2·(0 + 9 + 9)
    // / (3·2·10²) = 0.06. Units: two of length 3 (N_c = 2); gaps 2, 5, 2, 5
    // and 10, of which 5, 5 and 10 hold a unit of 3. Per unit
    // 1·3·2·5/3 + 3²·(3 + 3 + 8) = 136, so D_e = (2/10)·272 / (30·29 − 2·6)
    // = 544/8580, and alpha_u = 1 − 0.06·8580/544 = 29.2/544.
    let input = xyz("abcdefghij", [&[(2, 5, "P")], &[(2, 5, "P")], &[]]);
    let p = compute_all(&input).labels.0.remove(0).1;
    close(p.alpha_u, 29.2 / 544.0);
    // One token, two of three say yes: n = 3, one mismatched pair each way
    // at weight 1/2, so alpha = 1 − 2·2 / (2·2·1) = 0.
    close(p.token_alpha, 0.0);
}

/// Krippendorff (2011), "Computing Krippendorff's alpha-reliability",
/// example C: four observers, twelve units, missing values. Here each unit
/// is a one-token document, a value is a span of that label on it, and an
/// observer without a value has not annotated the document.
fn example_c() -> TeamInput {
    let rows = crate::agreement::alpha::tests::EXAMPLE_C;
    let coders = ["o1", "o2", "o3", "o4"];
    let docs = rows
        .iter()
        .enumerate()
        .map(|(u, row)| {
            let sets = row
                .iter()
                .zip(coders)
                .map(|(v, c)| v.map(|label| set(c, &[(0, 1, label)])))
                .collect();
            doc(&format!("u{u}"), "w", sets)
        })
        .collect();
    team(&coders, docs)
}

#[test]
fn krippendorff_example_c_per_label_with_missing_values() {
    let input = example_c();
    let all = compute_all(&input);
    // Unit 12 has one value only: not pairable, so not counted (the loader
    // would not even read it).
    assert_eq!(all.documents, 11);
    assert_eq!(all.complete_documents, 8);
    // Labels not in the codebook: alphabetically.
    let names: Vec<&str> = all.labels.iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["B", "C", "F", "L", "P"]);
    // "Is it P?": worked out in alpha.rs's tests, 0.74.
    close(all.labels.get("P").unwrap().token_alpha, 0.74);
    // Every label equals the general (fractional) form on the yes/no data.
    for (label, figures) in all.labels.iter() {
        let units: Vec<Vec<bool>> = input
            .documents
            .iter()
            .map(|d| {
                d.sets
                    .iter()
                    .flatten()
                    .map(|s| s.spans[0].label == label)
                    .collect()
            })
            .collect();
        let general = crate::agreement::alpha_nominal(&units);
        let (x, y) = (figures.token_alpha.unwrap(), general.unwrap());
        assert!((x - y).abs() < 1e-12, "{label}: {x} vs {y}");
    }
}

#[test]
fn pairs_in_order_with_their_mean() {
    // x and y share d1 (agree exactly); x and z share d2 (no overlap);
    // y and z share nothing.
    let t = "Maduro spoke.";
    let input = team(
        &["x", "y", "z"],
        vec![
            doc(
                "d1",
                t,
                vec![
                    Some(set("x", &[(0, 6, "P")])),
                    Some(set("y", &[(0, 6, "P")])),
                    None,
                ],
            ),
            doc(
                "d2",
                t,
                vec![
                    Some(set("x", &[(0, 6, "P")])),
                    None,
                    Some(set("z", &[(7, 12, "P")])),
                ],
            ),
        ],
    );
    let r = compute_team(&input, ReportOptions::default());
    let coders: Vec<[String; 2]> = r.pairs.iter().map(|p| p.coders.clone()).collect();
    assert_eq!(
        coders,
        [["x", "y"], ["x", "z"], ["y", "z"]].map(|p| p.map(String::from))
    );
    let docs: Vec<usize> = r.pairs.iter().map(|p| p.documents).collect();
    assert_eq!(docs, [1, 1, 0]);
    assert_eq!(r.pairs[0].micro.exact.f1, Some(1.0));
    assert_eq!(r.pairs[1].micro.exact.f1, Some(0.0));
    assert_eq!(r.pairs[2].micro.exact.f1, None);
    // The pair without a shared document is left out of the mean.
    assert_eq!(r.mean.exact_f1, Some(0.5));
    assert_eq!(r.mean.overlap_f1, Some(0.5));
    // No document was annotated by all three: alpha_u has no continuum.
    assert_eq!(r.all.complete_documents, 0);
    assert_eq!(r.all.labels.get("P").unwrap().alpha_u, None);
    assert!(r.all.labels.get("P").unwrap().token_alpha.is_some());
    let json = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["all", "coders", "mean", "pairs"]);
    assert_eq!(json["pairs"][1]["coders"], serde_json::json!(["x", "z"]));
}

#[test]
fn two_coders_give_the_pair_report_on_the_worked_example() {
    // The two-coder tests' worked example, through both paths.
    let input = crate::agreement::tests::example();
    let pair = compute(&input, ReportOptions::default());
    let all = compute_all(&TeamInput::from(input));
    assert_labels_equal(&pair, &all);
}

fn assert_labels_equal(pair: &crate::agreement::AgreementReport, all: &AllCodersReport) {
    let names: Vec<&str> = pair.labels.iter().map(|(k, _)| k).collect();
    let team_names: Vec<&str> = all.labels.iter().map(|(k, _)| k).collect();
    assert_eq!(names, team_names);
    for (name, l) in pair.labels.iter() {
        let t = all.labels.get(name).unwrap();
        assert_eq!(t.token_alpha, l.token_alpha, "{name} token alpha");
        assert_eq!(t.alpha_u, l.alpha_u, "{name} alpha_u");
    }
}

proptest! {
    #[test]
    fn two_coders_give_the_pair_report(input in crate::agreement::tests::arb_input()) {
        let pair = compute(&input, ReportOptions::default());
        let all = compute_all(&TeamInput::from(input));
        assert_labels_equal(&pair, &all);
    }
}
