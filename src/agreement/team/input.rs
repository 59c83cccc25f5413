//! What team agreement is computed over, and loading it from a project
//! folder: every document that at least two of the chosen coders have
//! annotated, with the set of each coder who has (a coder who has not is a
//! missing value, which Krippendorff's alpha allows).

use crate::agreement::input::{AgreeError, AgreementInput, DocPair, check_team, has_annotated};
use crate::model::{AnnotationSet, Codebook};
use crate::store::ProjectDir;

/// One document with the sets of the coders who annotated it.
#[derive(Clone, Debug)]
pub struct TeamDocument {
    /// Document id.
    pub id: String,
    /// The document's text (offsets refer to it).
    pub text: String,
    /// One entry per coder of [`TeamInput::coders`], in that order: the
    /// coder's set, or `None` when the coder has not annotated the document.
    pub sets: Vec<Option<AnnotationSet>>,
}

impl TeamDocument {
    /// Number of coders who annotated this document.
    pub fn coded_by(&self) -> usize {
        self.sets.iter().filter(|s| s.is_some()).count()
    }

    /// Whether every coder annotated this document.
    pub fn complete(&self) -> bool {
        self.sets.iter().all(Option::is_some)
    }
}

/// Everything the all-coder and pairwise figures are computed from.
#[derive(Clone, Debug)]
pub struct TeamInput {
    /// The coders, in the order given (pairs follow it).
    pub coders: Vec<String>,
    /// The project's codebook.
    pub codebook: Codebook,
    /// The documents at least two coders annotated, in project order.
    pub documents: Vec<TeamDocument>,
}

impl TeamInput {
    /// The two-coder input of coders `a` and `b` (indices into
    /// [`TeamInput::coders`]): the documents both annotated. It may have no
    /// documents; its report then has only undefined figures.
    pub fn pair(&self, a: usize, b: usize) -> AgreementInput {
        let documents = self
            .documents
            .iter()
            .filter_map(|d| {
                let (Some(Some(sa)), Some(Some(sb))) = (d.sets.get(a), d.sets.get(b)) else {
                    return None;
                };
                Some(DocPair {
                    id: d.id.clone(),
                    text: d.text.clone(),
                    a: sa.clone(),
                    b: sb.clone(),
                })
            })
            .collect();
        AgreementInput {
            coders: [self.coders[a].clone(), self.coders[b].clone()],
            codebook: self.codebook.clone(),
            documents,
        }
    }

    /// Every pair of coders as (A, B) indices, in the order given: (0, 1),
    /// (0, 2), …, (1, 2), ….
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        let n = self.coders.len();
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect()
    }
}

impl From<AgreementInput> for TeamInput {
    /// Two coders, both present on every document.
    fn from(input: AgreementInput) -> TeamInput {
        TeamInput {
            coders: input.coders.to_vec(),
            codebook: input.codebook,
            documents: input
                .documents
                .into_iter()
                .map(|d| TeamDocument {
                    id: d.id,
                    text: d.text,
                    sets: vec![Some(d.a), Some(d.b)],
                })
                .collect(),
        }
    }
}

/// Reads the texts and the coders' sets of every document at least two of
/// `coders` have annotated. Fails on an unknown or repeated coder, an empty
/// project, no such document, or the first file that cannot be read.
pub fn load_team(dir: &ProjectDir, coders: &[String]) -> Result<TeamInput, AgreeError> {
    check_team(dir, coders)?;
    let mut documents = Vec::new();
    for entry in &dir.project.documents {
        let mut sets = Vec::with_capacity(coders.len());
        for c in coders {
            let set = dir.load_set(c, &entry.id)?;
            sets.push(set.filter(|s| has_annotated(Some(s))));
        }
        let doc = TeamDocument {
            id: entry.id.clone(),
            text: String::new(),
            sets,
        };
        if doc.coded_by() >= 2 {
            documents.push(TeamDocument {
                text: crate::agreement::input::checked_text(dir, entry, doc.sets.iter().flatten())?,
                ..doc
            });
        }
    }
    if documents.is_empty() {
        return Err(AgreeError::NoTeamDocuments {
            coders: coders.to_vec(),
        });
    }
    Ok(TeamInput {
        coders: coders.to_vec(),
        codebook: dir.project.codebook.clone(),
        documents,
    })
}
