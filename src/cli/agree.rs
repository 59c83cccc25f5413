//! `newscoder agree PROJECT --coders A B [--json] [--per-document]
//! [--disagreements FILE]`: the agreement report of docs/formats.md, "Agreement".
//! More than two coders: `agree_team`.

use crate::agreement::{
    AgreementReport, MatchFigures, ReportOptions, all_disagreements, compute, disagreements_csv,
    load,
};
use crate::export::write_output;
use crate::store::ProjectDir;
use crate::wording::count;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `agree`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder (may also follow the coders' names).
    pub project: Option<PathBuf>,
    /// The coders to compare: A (the reference for recall) and B, or more
    /// (all-coder alpha and every pair).
    #[arg(long, num_args = 2.., value_names = ["A", "B"], required = true)]
    pub coders: Vec<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Add a breakdown per document.
    #[arg(long)]
    pub per_document: bool,
    /// Write every disagreement, classified, to this CSV file (`-`: standard
    /// output, and the report goes to standard error).
    #[arg(long, value_name = "FILE")]
    pub disagreements: Option<PathBuf>,
}

impl Args {
    /// The project folder. `--coders` takes any number of names, so in
    /// `agree --coders alice bob study` the folder arrives as a third
    /// name: the last name is taken as the project when no project was
    /// given before `--coders` and a project folder of that name exists.
    pub fn settle_project(&mut self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.project {
            return Ok(p.clone());
        }
        let last = self
            .coders
            .last()
            .filter(|_| self.coders.len() > 2)
            .map(PathBuf::from)
            .filter(|p| p.join(crate::store::PROJECT_FILE).is_file());
        match last {
            Some(project) => {
                self.coders.pop();
                self.project = Some(project.clone());
                Ok(project)
            }
            None => Err(anyhow::anyhow!(
                "no project folder given: newscoder agree PROJECT --coders A B [C ...]"
            )),
        }
    }
}

/// Computes and prints the report; writes the disagreements if asked.
pub fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    let project = args.settle_project()?;
    if args.coders.len() > 2 {
        return super::agree_team::run(args, &project);
    }
    let [a, b] = <[String; 2]>::try_from(args.coders)
        .map_err(|_| anyhow::anyhow!("--coders takes exactly two names"))?;
    let dir = ProjectDir::open(&project)?;
    let (a, b) = (dir.coder_spelling(&a), dir.coder_spelling(&b));
    let input = load(&dir, &a, &b)?;
    let report = compute(
        &input,
        ReportOptions {
            per_document: args.per_document,
        },
    );
    if let Some(path) = &args.disagreements {
        if dir.owns(path) {
            anyhow::bail!(
                "{}: is one of the project's own files; write the disagreements elsewhere",
                path.display()
            );
        }
        // Like `export`: a mistyped folder is an error, not created.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            anyhow::bail!("{}: no such folder", parent.display());
        }
        let list = all_disagreements(&input.documents, &dir.project.actors);
        let bytes = disagreements_csv(&list)?;
        // Through links, into FIFOs, `-` for standard output; a file is
        // replaced whole or not at all.
        write_output(path, &bytes)?;
        eprintln!(
            "wrote {} to {}",
            count(list.len(), "disagreement", "disagreements"),
            path.display()
        );
    }
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&report)?)
    } else {
        table(&report)
    };
    if args
        .disagreements
        .as_deref()
        .is_some_and(super::is_standard_output)
    {
        // Standard output holds the disagreements table.
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A figure with three decimals, or `n/a` when undefined.
pub(super) fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

/// The width of a column of `names`, at least `min` characters.
pub(super) fn column_width<'a>(names: impl IntoIterator<Item = &'a str>, min: usize) -> usize {
    names
        .into_iter()
        .map(|n| n.chars().count())
        .fold(min, usize::max)
}

fn prf(f: &MatchFigures) -> String {
    format!(
        "{} matched: P {} R {} F1 {}",
        f.matches,
        fig(f.precision),
        fig(f.recall),
        fig(f.f1)
    )
}

/// The readable report.
pub(super) fn table(r: &AgreementReport) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let [a, b] = &r.coders;
    let _ = writeln!(
        o,
        "Agreement of {a} (A) and {b} (B) on {}\n",
        count(r.documents, "document", "documents")
    );
    let width = column_width(r.labels.iter().map(|(k, _)| k), 12);
    let _ = writeln!(
        o,
        "{:<width$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>7}  {:>7}",
        "label", "spans A", "spans B", "exact F1", "overlap F1", "token κ", "alpha_u"
    );
    for (name, l) in r.labels.iter() {
        let _ = writeln!(
            o,
            "{name:<width$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>7}  {:>7}",
            l.a_spans,
            l.b_spans,
            fig(l.exact.f1),
            fig(l.overlap.f1),
            fig(l.token_kappa),
            fig(l.alpha_u)
        );
    }
    let (sa, sb): (usize, usize) = r
        .labels
        .iter()
        .fold((0, 0), |(x, y), (_, l)| (x + l.a_spans, y + l.b_spans));
    let _ = writeln!(
        o,
        "{:<width$}  {sa:>7}  {sb:>7}  {:>8}  {:>10}",
        "all (micro)",
        fig(r.micro.exact.f1),
        fig(r.micro.overlap.f1)
    );
    let _ = writeln!(o, "\nexact:   {}", prf(&r.micro.exact));
    let _ = writeln!(o, "overlap: {}", prf(&r.micro.overlap));
    if !r.categories.is_empty() {
        let _ = writeln!(o, "\ntoken kappa per category:");
        for (name, c) in r.categories.iter() {
            let _ = writeln!(o, "  {name:<width$}  {}", fig(c.token_kappa));
        }
    }
    if !r.attributes.is_empty() {
        let _ = writeln!(o, "\nattribute kappa over exactly matched pairs:");
        for (name, at) in r.attributes.iter() {
            let _ = writeln!(
                o,
                "  {name:<24}  {:>11}  kappa {}",
                count(at.pairs, "pair", "pairs"),
                fig(at.kappa)
            );
        }
    }
    if !r.variables.is_empty() {
        let vw = column_width(r.variables.iter().map(|(k, _)| k), 24);
        let _ = writeln!(
            o,
            "\ndocument variables (over documents both coded):\n  {:<vw$}  {:>5}  {:>7}  {:>7}  {:>7}  level",
            "variable", "pairs", "agree", "kappa", "alpha"
        );
        for (name, v) in r.variables.iter() {
            let _ = writeln!(
                o,
                "  {name:<vw$}  {:>5}  {:>7}  {:>7}  {:>7}  {}",
                v.pairs,
                fig(v.percent),
                fig(v.kappa),
                fig(v.alpha),
                v.level.as_str()
            );
        }
    }
    let _ = writeln!(
        o,
        "\nactors: {}, {} with the same actor ({}), kappa {}",
        count(r.actors.pairs, "matched mention", "matched mentions"),
        r.actors.same,
        fig(r.actors.share),
        fig(r.actors.kappa)
    );
    let _ = writeln!(
        o,
        "statements: A {}, B {}; {}",
        r.statements.a,
        r.statements.b,
        prf(&r.statements.figures)
    );
    let _ = writeln!(
        o,
        "events: A {}, B {}; {}",
        r.events.a,
        r.events.b,
        prf(&r.events.figures)
    );
    let _ = writeln!(
        o,
        "network: A {}, B {}, {} in common: Jaccard {}, F1 {}",
        count(r.network.a_edges, "edge", "edges"),
        r.network.b_edges,
        r.network.common,
        fig(r.network.jaccard),
        fig(r.network.f1)
    );
    if let Some(docs) = &r.per_document {
        let dw = docs
            .iter()
            .map(|(k, _)| k.chars().count())
            .chain([8])
            .max()
            .unwrap_or(8);
        let _ = writeln!(
            o,
            "\n{:<dw$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>13}",
            "document", "spans A", "spans B", "exact F1", "overlap F1", "disagreements"
        );
        for (id, d) in docs.iter() {
            let _ = writeln!(
                o,
                "{id:<dw$}  {:>7}  {:>7}  {:>8}  {:>10}  {:>13}",
                d.a_spans,
                d.b_spans,
                fig(d.exact.f1),
                fig(d.overlap.f1),
                d.disagreements
            );
        }
    }
    o
}
