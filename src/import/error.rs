//! What can go wrong importing: problems in the input, each naming where it
//! is (file and line), and failures of the project store.

use crate::store::StoreError;
use crate::wording::count;

/// One thing wrong with the input, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// File, and line or row where the format has them (`data.jsonl:3`).
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

impl InputProblem {
    /// A problem at `origin`.
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> InputProblem {
        InputProblem {
            origin: origin.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// An import that could not be carried out. Nothing has been written to the
/// project when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input has problems; all of them are listed.
    #[error("{}", list_problems(.0))]
    Invalid(Vec<InputProblem>),
    /// Reading or writing the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list_problems(problems: &[InputProblem]) -> String {
    let mut out = format!(
        "{} in the input, nothing imported:",
        count(problems.len(), "problem", "problems")
    );
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}
