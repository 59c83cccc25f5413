//! Synthetic projects of any size, for benchmarks and load tests: plausible
//! news-like text with spans of every default label, generated
//! deterministically from a seed.

use crate::model::{
    Actor, ActorId, ActorKind, AnnotationSet, Codebook, DocumentEntry, Metadata, Span, SpanId,
    Status,
};
use crate::store::{ProjectDir, StoreError};
use crate::text::text_hash;
use std::path::Path;

/// The generator the functions here take (see [`crate::rng`]).
pub use crate::rng::Rng;

const WORDS: [&str; 24] = [
    "Maduro",
    "Guaidó",
    "army",
    "said",
    "the",
    "opposition",
    "Caracas",
    "barracks",
    "Russia",
    "support",
    "rejected",
    "troops",
    "protest",
    "on",
    "Saturday",
    "called",
    "president",
    "government",
    "sanctions",
    "of",
    "and",
    "leader",
    "military",
    "talks",
];

/// A text of about `words` words in paragraphs of about 60 words.
pub fn article_text(rng: &mut Rng, words: usize) -> String {
    let mut text = String::with_capacity(words * 7);
    for i in 0..words {
        text.push_str(WORDS[rng.below(WORDS.len())]);
        text.push(if i % 60 == 59 {
            '\n'
        } else if i % 12 == 11 {
            '.'
        } else {
            ' '
        });
        if i % 12 == 11 && i % 60 != 59 {
            text.push(' ');
        }
    }
    text
}

/// `n` spans on a text of `chars` characters: non-decreasing starts, a mix
/// of labels, stances linked to earlier actor mentions.
pub fn spans_for(rng: &mut Rng, chars: usize, n: usize) -> Vec<Span> {
    const LABELS: [&str; 6] = [
        "Person",
        "Organization",
        "State",
        "Stance",
        "Event",
        "Location",
    ];
    let mut spans: Vec<Span> = Vec::with_capacity(n);
    let step = (chars / n.max(1)).max(1);
    for i in 0..n {
        let start = (i * step + rng.below(step)).min(chars.saturating_sub(2));
        let end = (start + 3 + rng.below(30)).min(chars);
        let label = LABELS[rng.below(LABELS.len())];
        let mut span = Span::new(SpanId(i as u32 + 1), start, end.max(start + 1), label);
        match label {
            "Person" | "Organization" | "State" => {
                span.actor = Some(ActorId(1 + rng.below(8) as u128))
            }
            "Stance" => {
                let polarity = ["support", "oppose", "neutral"][rng.below(3)];
                span.attrs.insert("polarity".into(), polarity.into());
                if let Some(holder) = spans.iter().rev().find(|s| s.actor.is_some()) {
                    span.add_link("holder", holder.id);
                }
            }
            "Event" => {
                span.attrs.insert("type".into(), "protest".into());
            }
            _ => {}
        }
        spans.push(span);
    }
    spans
}

/// Writes a project of `documents` documents of about `words` words, with
/// `spans_per_doc` spans for each of `coders`, into `root`.
pub fn write_project(
    root: &Path,
    documents: usize,
    words: usize,
    spans_per_doc: usize,
    coders: &[&str],
) -> Result<ProjectDir, StoreError> {
    let mut dir = ProjectDir::create(root, "synthetic", Codebook::default_media())?;
    for i in 0..8u32 {
        dir.project.actors.put(Actor {
            id: ActorId(u128::from(i) + 1),
            aliases: vec![format!("A{}", i + 1)],
            ..Actor::new(
                &format!("Actor {}", i + 1),
                ActorKind::ALL[i as usize % ActorKind::ALL.len()],
            )
        });
    }
    let mut rng = Rng::new(42);
    for i in 0..documents {
        let id = format!("doc-{i:05}");
        let text = article_text(&mut rng, words);
        let chars = text.chars().count();
        dir.write_text(&id, &text)?;
        for (c, coder) in coders.iter().enumerate() {
            let mut set = AnnotationSet::new(&id, coder);
            set.status = Status::ALL[(i + c) % 3];
            set.spans = spans_for(&mut rng, chars, spans_per_doc);
            set.sort();
            dir.save_set(&set)?;
        }
        dir.project.documents.push(DocumentEntry {
            id,
            title: format!("Article {i}"),
            meta: Metadata {
                outlet: ["Wire", "Daily", "Post"][i % 3].into(),
                date: format!("2019-05-{:02}", 1 + i % 28),
                ..Metadata::default()
            },
            text_hash: text_hash(&text),
            chars,
        });
    }
    for c in coders {
        dir.add_coder(c)?;
    }
    dir.save_project()?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_projects_validate() {
        let tmp = tempfile::tempdir().unwrap();
        write_project(tmp.path(), 3, 200, 40, &["a", "b"]).unwrap();
        assert_eq!(crate::store::validate_project(tmp.path()), vec![]);
    }
}
