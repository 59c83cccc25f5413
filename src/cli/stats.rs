//! `newscoder stats PROJECT [--json]`

use crate::stats::project_stats;
use crate::store::ProjectDir;
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
    println!("{}: {} documents", dir.project.name, stats.documents);
    for (coder, c) in &stats.coders {
        println!(
            "\n{coder}: {} span{}; {} done, {} in progress, {} not started",
            c.spans,
            if c.spans == 1 { "" } else { "s" },
            c.status.done,
            c.status.in_progress,
            c.status.not_started
        );
        for (label, n) in &c.labels {
            println!("  {label:<20} {n:>7}");
        }
    }
    if !stats.labels.is_empty() {
        println!("\nall coders:");
        for (label, n) in &stats.labels {
            println!("  {label:<20} {n:>7}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
