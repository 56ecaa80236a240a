//! Prevalence: how many excerpts, documents and informants a set of codings reaches, against the
//! informants in scope; the breakdown by an attribute; the coded share of informant words; and
//! every code's frequencies.

use serde::Serialize;

use super::CodeRef;
use crate::{Project, Result};

/// One code's frequencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeFrequency {
    #[serde(flatten)]
    pub code: CodeRef,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
}

/// How much of a document's informant speech the theme codes, in words (as the search analyzer
/// splits them: runs of letters and digits).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentShare {
    pub document: String,
    pub document_guid: String,
    /// Words in the document's informant turns (in scope).
    pub informant_words: usize,
    /// Of those, words inside the theme's codings.
    pub coded_words: usize,
    /// `coded_words / informant_words`, 0 to 1.
    pub share: f64,
}

/// The theme's prevalence in one group of a breakdown by attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupPrevalence {
    /// The attribute's value as written (the first spelling met); `None`: no value.
    pub value: Option<String>,
    /// The value, or «(ingen verdi)».
    pub label: String,
    /// The filter that selects the group (`rolle=leder`; `rolle=` for no value), for an
    /// [`crate::project::ExcerptQuery`].
    pub filter: String,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
    /// Informants in the group (in scope).
    pub informants_total: usize,
    /// «3 av 4 informanter».
    pub phrase: String,
    /// «tre av fire informanter».
    pub phrase_words: String,
}

impl Project {
    /// Every code's excerpts, documents and informants, in codebook order (each code alone, or
    /// with its sub-codes).
    pub fn code_frequencies(&self, subcodes: bool) -> Result<Vec<CodeFrequency>> {
        let _ = subcodes;
        todo!()
    }
}
