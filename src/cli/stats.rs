//! `newscoder stats PROJECT [--json]`

use crate::stats::project_stats;
use crate::store::ProjectDir;
use crate::wording::count;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Prints the counts.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = ProjectDir::open(&args.project)?;
    let stats = project_stats(&dir)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    let order = label_order(&dir.project.codebook);
    println!(
        "{}: {}",
        dir.project.name,
        count(stats.documents, "document", "documents")
    );
    for (coder, c) in &stats.coders {
        println!(
            "\n{coder}: {}; {} done, {} in progress, {} not started",
            count(c.spans, "span", "spans"),
            c.status.done,
            c.status.in_progress,
            c.status.not_started
        );
        print_labels(&c.labels, &order);
    }
    if !stats.labels.is_empty() {
        println!("\nall coders:");
        print_labels(&stats.labels, &order);
    }
    if !stats.per_document.is_empty() {
        println!("\nper document (spans, status):");
        for d in &dir.project.documents {
            let Some(by_coder) = stats.per_document.get(&d.id) else {
                continue;
            };
            let cells: Vec<String> = by_coder
                .iter()
                .map(|(coder, s)| format!("{coder} {} {}", s.spans, s.status.replace('_', " ")))
                .collect();
            println!("  {:<28} {}", d.id, cells.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Labels in codebook order; labels the codebook lacks go last.
fn label_order(codebook: &crate::model::Codebook) -> Vec<String> {
    codebook.labels().map(|(_, l)| l.name.clone()).collect()
}

fn print_labels(counts: &std::collections::BTreeMap<String, usize>, order: &[String]) {
    let known = order.iter().filter_map(|l| counts.get_key_value(l));
    let others = counts.iter().filter(|(l, _)| !order.contains(l));
    for (label, n) in known.chain(others) {
        println!("  {label:<20} {n:>7}");
    }
}
