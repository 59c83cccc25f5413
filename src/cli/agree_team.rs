//! `newscoder agree PROJECT --coders A B C … [--json] [--per-document]`:
//! agreement of more than two coders (docs/formats.md, "Agreement of more
//! than two coders"): Krippendorff's alpha over all of them at once, the
//! pairwise table and its mean.

use super::agree::{Args, column_width, fig, table};
use crate::agreement::{ReportOptions, TeamReport, compute_team, load_team};
use crate::store::ProjectDir;
use crate::wording::count;
use std::fmt::Write;
use std::process::ExitCode;

/// Computes and prints the team report.
pub fn run(args: Args, project: &std::path::Path) -> anyhow::Result<ExitCode> {
    if args.disagreements.is_some() {
        anyhow::bail!(
            "--disagreements lists the differences between two coders; \
             give exactly two names with --coders"
        );
    }
    let dir = ProjectDir::open(project)?;
    let coders: Vec<String> = args.coders.iter().map(|c| dir.coder_spelling(c)).collect();
    let input = load_team(&dir, &coders)?;
    let report = compute_team(
        &input,
        ReportOptions {
            per_document: args.per_document,
        },
    );
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", team_table(&report, args.per_document));
    }
    Ok(ExitCode::SUCCESS)
}

/// "alice, bob and carol".
fn names(coders: &[String]) -> String {
    match coders.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => coders.join(""),
    }
}

/// The readable report: all-coder alphas per label, the pairs with their
/// mean, token kappa per label and pair; with `per_document`, every pair's
/// full two-coder report after it.
fn team_table(r: &TeamReport, per_document: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Agreement of {} on {} annotated by at least two of them ({} by all)\n",
        names(&r.coders),
        count(r.all.documents, "document", "documents"),
        r.all.complete_documents
    );
    let width = column_width(r.all.labels.iter().map(|(k, _)| k), 12);
    let _ = writeln!(
        o,
        "Krippendorff's alpha over all {} coders:",
        r.coders.len()
    );
    let _ = writeln!(o, "{:<width$}  {:>7}  {:>7}", "label", "token α", "alpha_u");
    for (name, l) in r.all.labels.iter() {
        let _ = writeln!(
            o,
            "{name:<width$}  {:>7}  {:>7}",
            fig(l.token_alpha),
            fig(l.alpha_u)
        );
    }
    if !r.all.variables.is_empty() {
        let vw = column_width(r.all.variables.iter().map(|(k, _)| k), 24);
        let _ = writeln!(o, "\n{:<vw$}  {:>7}", "document variable", "α");
        for (name, v) in r.all.variables.iter() {
            let _ = writeln!(o, "{name:<vw$}  {:>7}", fig(v.alpha));
        }
    }
    let pair_names: Vec<String> = r
        .pairs
        .iter()
        .map(|p| format!("{} – {}", p.coders[0], p.coders[1]))
        .collect();
    let pw = column_width(pair_names.iter().map(String::as_str), 12);
    let _ = writeln!(
        o,
        "\n{:<pw$}  {:>9}  {:>8}  {:>10}",
        "pair (A – B)", "documents", "exact F1", "overlap F1"
    );
    for (name, p) in pair_names.iter().zip(&r.pairs) {
        let _ = writeln!(
            o,
            "{name:<pw$}  {:>9}  {:>8}  {:>10}",
            p.documents,
            fig(p.micro.exact.f1),
            fig(p.micro.overlap.f1)
        );
    }
    let _ = writeln!(
        o,
        "{:<pw$}  {:>9}  {:>8}  {:>10}",
        "mean of pairs",
        "",
        fig(r.mean.exact_f1),
        fig(r.mean.overlap_f1)
    );
    let _ = writeln!(o, "\ntoken κ per label and pair:");
    let _ = write!(o, "{:<width$}", "label");
    for name in &pair_names {
        let _ = write!(o, "  {name:>7}");
    }
    let _ = writeln!(o);
    for (label, _) in r.all.labels.iter() {
        let _ = write!(o, "{label:<width$}");
        for (name, p) in pair_names.iter().zip(&r.pairs) {
            let kappa = p.labels.get(label).and_then(|l| l.token_kappa);
            let _ = write!(o, "  {:>w$}", fig(kappa), w = name.chars().count().max(7));
        }
        let _ = writeln!(o);
    }
    if per_document {
        for p in &r.pairs {
            let _ = writeln!(o, "\n{}", "─".repeat(40));
            o.push_str(&table(p));
        }
    } else {
        let _ = writeln!(
            o,
            "\nA pair's full report: --coders A B, or add --per-document."
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_list() {
        let n = |v: &[&str]| names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&["a", "b", "c"]), "a, b and c");
        assert_eq!(n(&["a", "b"]), "a and b");
        assert_eq!(n(&["a"]), "a");
    }
}
