//! `newscoder new PROJECT [--name NAME] [--codebook FILE.ron]`

use crate::model::{Codebook, validate_codebook};
use crate::store::{ProjectDir, from_ron};
use crate::wording::{count, quoted};
use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to create the project in (created if missing).
    pub project: PathBuf,
    /// Project name (default: the folder name).
    #[arg(long)]
    pub name: Option<String>,
    /// Codebook to start with instead of the default media-analysis one.
    #[arg(long)]
    pub codebook: Option<PathBuf>,
}

/// Creates the project.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let codebook = match &args.codebook {
        None => Codebook::default_media(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read codebook {}", path.display()))?;
            let cb: Codebook = from_ron(path, &text)?;
            let problems = validate_codebook(&cb);
            if !problems.is_empty() {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                bail!(
                    "{}: invalid codebook:\n  {}",
                    path.display(),
                    list.join("\n  ")
                );
            }
            cb
        }
    };
    let name = args.name.clone().unwrap_or_else(|| {
        args.project
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".into())
    });
    let dir = ProjectDir::create(&args.project, &name, codebook)?;
    println!(
        "created project {} in {} ({}, {})",
        quoted(&name),
        dir.root().display(),
        count(dir.project.codebook.labels().count(), "label", "labels"),
        count(
            dir.project.codebook.variables.len(),
            "document variable",
            "document variables"
        )
    );
    Ok(ExitCode::SUCCESS)
}
