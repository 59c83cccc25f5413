//! Text utilities shared by every part: character/byte offset conversion,
//! the tokenizer that agreement and token-level exports use, spaCy Doc
//! tokens for the `prodigy` export, sentence and paragraph boundaries, and
//! case-insensitive search.

mod offsets;
mod search;
mod spacy;
mod tokens;

pub use offsets::{CharIndex, char_len, char_slice};
pub use search::find_all;
pub use spacy::{DocToken, doc_token_range, doc_tokens};
pub use tokens::{Token, paragraphs, sentences, tokenize, word_at};

use sha2::{Digest, Sha256};

/// SHA-256 of `text` as lower-case hex: the document hash in `project.ron`.
pub fn text_hash(text: &str) -> String {
    bytes_hash(text.as_bytes())
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn bytes_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
