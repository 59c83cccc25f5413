//! `newscoder export PROJECT --format FORMAT --out PATH [--coder NAME]
//! [--category CAT] [--done-only]`

use crate::export::{ExportOptions, Format, export};
use crate::store::ProjectDir;
use crate::wording::count;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
    /// Output format: jsonl, prodigy, conll, csv, brat, graphml or network-csv.
    #[arg(long, value_parser = parse_format)]
    pub format: Format,
    /// Output file (a folder for brat). A file is written completely or not
    /// at all; through a symbolic link to where it points; into a FIFO or
    /// device as it comes; `-` is standard output.
    #[arg(long)]
    pub out: PathBuf,
    /// Export only this coder's annotations (default: every coder).
    #[arg(long)]
    pub coder: Option<String>,
    /// Category whose labels the conll format tags (default: Actor).
    #[arg(long)]
    pub category: Option<String>,
    /// Export only documents the coder has marked done.
    #[arg(long)]
    pub done_only: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Runs the export and prints what was written; warnings go to stderr.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.category.is_some() && args.format != Format::Conll {
        anyhow::bail!("--category applies only to --format conll");
    }
    let dir = ProjectDir::open(&args.project)?;
    let opts = ExportOptions {
        format: args.format,
        out: args.out,
        coder: args.coder.map(|c| dir.coder_spelling(&c)),
        done_only: args.done_only,
        category: args.category,
    };
    let summary = export(&dir, &opts, &mut |_, _| {})?;
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    if summary.warnings_omitted > 0 {
        eprintln!(
            "warning: … and {} more",
            count(summary.warnings_omitted, "warning", "warnings")
        );
    }
    let files: Vec<String> = summary
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let done = format!(
        "exported {} ({}, {}) as {} to {}",
        count(summary.documents, "document", "documents"),
        count(summary.sets, "annotation set", "annotation sets"),
        count(summary.spans, "span", "spans"),
        opts.format,
        files.join(" and ")
    );
    if super::is_standard_output(&opts.out) {
        // Standard output holds the export itself.
        eprintln!("{done}");
    } else {
        println!("{done}");
    }
    Ok(ExitCode::SUCCESS)
}
