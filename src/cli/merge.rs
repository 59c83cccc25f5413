//! `newscoder merge PROJECT OTHER [--dry-run]`: bring another copy's
//! coders, actors, documents and codebook additions into PROJECT.

use crate::merge::{MergeError, merge, plan_merge};
use crate::store::ProjectDir;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder merged into.
    pub project: PathBuf,
    /// The other copy (read, never written).
    pub other: PathBuf,
    /// List every decision and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Prints every decision, then (without `--dry-run`) applies them.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut dir = ProjectDir::open(&args.project)?;
    let report = if args.dry_run {
        plan_merge(&dir, &args.other).map(|plan| plan.report)
    } else {
        merge(&mut dir, &args.other)
    };
    let report = match report {
        Ok(report) => report,
        Err(MergeError::Refused(problems)) => {
            eprintln!("newscoder: merge refused, nothing was written:");
            for p in problems {
                eprintln!("  {p}");
            }
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    for line in report.lines() {
        println!("{line}");
    }
    if args.dry_run {
        println!("Dry run: nothing was written.");
    } else if report.changes_nothing() {
        println!(
            "Nothing to merge: {} holds all of it already.",
            args.project.display()
        );
    } else {
        println!("Merged into {}.", args.project.display());
    }
    Ok(ExitCode::SUCCESS)
}
