//! Distinctive words: Dunning's log-likelihood G² of each word's count in the theme's excerpts
//! against the rest of the informants' speech, words counted by stem.

use serde::Serialize;

use super::summary::SummaryOptions;
use crate::{Project, Result};

/// A word the theme over-uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistinctiveWord {
    /// The word's most frequent form in the theme's excerpts (lower-case).
    pub word: String,
    /// The stem the words are counted by.
    pub stem: String,
    /// Occurrences in the theme's excerpts (informant turns).
    pub count: usize,
    /// Occurrences in all other informant speech in scope.
    pub other_count: usize,
    /// Dunning's G² (natural log).
    pub g2: f64,
}

/// A keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordContext {
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    /// The word's chars.
    pub start_char: usize,
    pub end_char: usize,
    /// Up to 60 chars before the word, on its line.
    pub before: String,
    /// The word as written.
    pub word: String,
    /// Up to 60 chars after the word, on its line.
    pub after: String,
}

/// Dunning's G² of a 2×2 table: `a` of `c` tokens in one corpus, `b` of `d` in the other.
pub fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let _ = (a, b, c, d);
    todo!()
}

impl Project {
    /// Where a stem (or any word, stemmed) occurs in the theme's excerpts' informant turns: one
    /// line per occurrence, in document order.
    pub fn theme_word_contexts(
        &self,
        options: &SummaryOptions,
        word: &str,
    ) -> Result<Vec<WordContext>> {
        let _ = (options, word);
        todo!()
    }
}
