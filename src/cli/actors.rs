//! `newscoder actors PROJECT list [--json] | add NAME --kind KIND [--alias A]...
//! | import FILE.csv | export FILE.csv`: the actor registry from and to
//! lists kept outside the project (see `crate::actor_list`).

use crate::actor_list::{
    Change, ListedActor, ListedAt, MergeOutcome, actors_csv, actors_json, apply_listed, parse_kind,
    read_actor_csv,
};
use crate::export::write_output;
use crate::import::ImportError;
use crate::model::{ActorKind, ActorRegistry};
use crate::store::ProjectDir;
use crate::wording::{count, quoted};
use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `actors`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
CSV lists: a header row with a `name` column; `kind` (person, organization, state,
group, other) and `aliases` (separated by |) are optional; every other column is
kept as an attribute of the actor. Comma, semicolon or tab separated; UTF-8 (with
or without BOM), UTF-16 or Windows-1252.

A name or alias the project already has merges into that actor: its new aliases
are added and attributes it lacks filled in; values the project has are kept
(and said). Importing a list twice changes nothing. A bad row is reported as
FILE:LINE: reason and nothing is written.")]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
    /// What to do with the actors.
    #[command(subcommand)]
    pub action: Action,
}

/// The `actors` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print the registry: id, name, kind, aliases.
    List {
        /// Print {"actors": [{"id", "name", "kind", "aliases", attributes…}]}.
        #[arg(long)]
        json: bool,
    },
    /// Add an actor, or add aliases to the actor the name or an alias already names.
    Add {
        /// The actor's name.
        name: String,
        /// person, organization, state, group or other.
        #[arg(long, value_parser = parse_kind)]
        kind: ActorKind,
        /// Another name for the actor (repeatable).
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
    },
    /// Merge a CSV actor list into the registry.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Write the registry as a CSV actor list (`-` for standard output).
    Export {
        /// The CSV file to write.
        file: PathBuf,
    },
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut dir = ProjectDir::open(&args.project)?;
    match args.action {
        Action::List { json } => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&actors_json(&dir.project.actors))?
                );
            } else {
                print!("{}", table(&dir.project.actors));
            }
        }
        Action::Add {
            name,
            kind,
            aliases,
        } => {
            if let Some(bad) = aliases.iter().find(|a| a.contains('|')) {
                bail!(
                    "the alias {} contains “|”, which separates aliases in actor lists; give each alias with its own --alias",
                    quoted(bad)
                );
            }
            let listed = ListedActor {
                name: name.clone(),
                kind: Some(kind),
                aliases,
                ..ListedActor::default()
            };
            let outcomes = match apply_listed(&mut dir, &[(String::new(), listed)]) {
                Err(ImportError::Invalid(problems)) => {
                    let reasons: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                    bail!("cannot add {}: {}", quoted(name.trim()), reasons.join("; "))
                }
                other => other?,
            };
            for outcome in &outcomes {
                println!("{}", describe(outcome, &name));
                for note in &outcome.notes {
                    eprintln!("note: {note}");
                }
            }
        }
        Action::Import { file } => {
            let shown = file.display().to_string();
            let bytes = read_list(&file)?;
            let read =
                read_actor_csv(&bytes, &shown).map_err(crate::import::ImportError::Invalid)?;
            for w in &read.warnings {
                eprintln!("warning: {w}");
            }
            let listed: Vec<ListedAt> = read
                .rows
                .into_iter()
                .map(|(line, actor)| (format!("{shown}:{line}"), actor))
                .collect();
            let outcomes = apply_listed(&mut dir, &listed)?;
            let mut tally = [0usize; 3];
            for ((origin, actor), outcome) in listed.iter().zip(&outcomes) {
                let i = match outcome.change {
                    Change::Added => 0,
                    Change::Extended { .. } => 1,
                    Change::Unchanged => 2,
                };
                tally[i] += 1;
                if i < 2 {
                    println!("  {origin}: {}", describe(outcome, &actor.name));
                }
                for note in &outcome.notes {
                    eprintln!("note: {origin}: {note}");
                }
            }
            println!(
                "{}: {} added, {} extended, {} unchanged",
                shown,
                count(tally[0], "actor", "actors"),
                tally[1],
                tally[2]
            );
        }
        Action::Export { file } => {
            if dir.owns(&file) {
                bail!(
                    "{}: is one of the project's own files; write the actor list elsewhere",
                    file.display()
                );
            }
            if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty())
                && !parent.is_dir()
            {
                bail!("{}: no such folder", parent.display());
            }
            let out = actors_csv(&dir.project.actors).context("cannot write the actor list")?;
            for w in &out.warnings {
                eprintln!("warning: {w}");
            }
            write_output(&file, &out.bytes)?;
            let done = format!(
                "exported {} to {}",
                count(dir.project.actors.actors.len(), "actor", "actors"),
                file.display()
            );
            if super::is_standard_output(&file) {
                eprintln!("{done}");
            } else {
                println!("{done}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a list file, refusing folders, FIFOs and devices.
fn read_list(file: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let (mut f, _) = crate::import::open_regular(file)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut f, &mut bytes)
        .with_context(|| format!("cannot read {}", file.display()))?;
    Ok(bytes)
}

/// One line on what happened to a listed actor.
fn describe(outcome: &MergeOutcome, listed_name: &str) -> String {
    let who = format!("{} ({})", quoted(&outcome.name), outcome.id);
    let via = if outcome.name.trim().eq_ignore_ascii_case(listed_name.trim()) {
        String::new()
    } else {
        format!(" (as {})", quoted(listed_name.trim()))
    };
    match &outcome.change {
        Change::Added => format!("added {who}"),
        Change::Unchanged => format!("{who}{via} already has all of it; nothing changed"),
        Change::Extended {
            aliases,
            attributes,
            kind,
        } => {
            let mut parts = Vec::new();
            if !aliases.is_empty() {
                let list: Vec<String> = aliases.iter().map(|a| quoted(a).to_string()).collect();
                parts.push(format!(
                    "{} {}",
                    if aliases.len() == 1 {
                        "alias"
                    } else {
                        "aliases"
                    },
                    list.join(", ")
                ));
            }
            if !attributes.is_empty() {
                parts.push(format!(
                    "{} {}",
                    if attributes.len() == 1 {
                        "attribute"
                    } else {
                        "attributes"
                    },
                    attributes.join(", ")
                ));
            }
            if let Some(k) = kind {
                parts.push(format!("kind {}", k.as_str()));
            }
            format!("merged into {who}{via}: added {}", parts.join("; "))
        }
    }
}

/// The registry as a table: id, name, kind, aliases.
fn table(registry: &ActorRegistry) -> String {
    if registry.actors.is_empty() {
        return "no actors\n".into();
    }
    let width = |f: &dyn Fn(&crate::model::Actor) -> usize, title: &str| {
        registry
            .actors
            .iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .max(title.chars().count())
    };
    let name_w = width(&|a| a.name.chars().count(), "name").min(40);
    let mut out = format!(
        "{:<26}  {:<name_w$}  {:<12}  aliases\n",
        "id", "name", "kind"
    );
    for a in &registry.actors {
        out.push_str(&format!(
            "{:<26}  {:<name_w$}  {:<12}  {}\n",
            a.id.to_string(),
            a.name,
            a.kind.as_str(),
            a.aliases.join(" | ")
        ));
    }
    out.push_str(&format!(
        "{}\n",
        count(registry.actors.len(), "actor", "actors")
    ));
    out
}
