//! A theme's summary: everything the write-up of one theme needs, assembled from the other
//! analysis modules over one snapshot.

use serde::Serialize;

use super::keywords::DistinctiveWord;
use super::prevalence::{DocumentShare, GroupPrevalence};
use super::quotes::Quote;
use super::{CodeRef, CooccurrenceMode};
use crate::project::ExcerptQuery;
use crate::{Project, Result};

/// What [`Project::theme_summary`] summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryOptions {
    /// The code: a key, a GUID or a path.
    pub code: String,
    /// Count the code's sub-codes as the theme too.
    pub subcodes: bool,
    /// Break prevalence down by this attribute (the informant's value, else the document's).
    pub by: Option<String>,
    pub mode: CooccurrenceMode,
    /// `KEY=VALUE` filters (also `doc.KEY=` / `inf.KEY=`) that limit the scope: a coding is in
    /// scope when they hold for the turn it starts in, an informant when they hold for one of
    /// its speakers. All must hold.
    pub scope: Vec<String>,
    /// How many representative quotes (pinned ones count; more pins than this are all shown).
    pub quotes: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            code: String::new(),
            subcodes: false,
            by: None,
            mode: CooccurrenceMode::Turns,
            scope: Vec::new(),
            quotes: 5,
        }
    }
}

/// A code that co-occurs with the theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cooccurring {
    #[serde(flatten)]
    pub code: CodeRef,
    /// Turns holding both (or, in overlap mode, places where codings of both overlap).
    pub count: usize,
    /// |A ∩ B| / |A ∪ B| over turns (or coded chars), 0 to 1.
    pub jaccard: f64,
}

/// One theme, summarised. Excerpts are counted as [`Project::excerpts`] counts them (identical
/// codings by several coders once); documents and informants are those with at least one
/// excerpt, an excerpt belonging to the informant of the turn it starts in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeSummary {
    #[serde(flatten)]
    pub code: CodeRef,
    /// The code's bokmål definition (empty if none).
    pub definition: String,
    /// The researcher's memo on the code.
    pub memo: Option<String>,
    pub subcodes: bool,
    /// The scope filters applied.
    pub scope: Vec<String>,
    pub excerpts: usize,
    pub documents: usize,
    /// Documents in scope.
    pub documents_total: usize,
    pub informants: usize,
    /// N: informants in scope.
    pub informants_total: usize,
    /// «5 av 7 informanter» (digits).
    pub phrase: String,
    /// «fem av sju informanter» (numbers up to twelve in words, as papers write them).
    pub phrase_words: String,
    /// For each document in scope with informant words: how much of them the theme codes.
    pub coded_share: Vec<DocumentShare>,
    /// The attribute of the breakdown, lower-case.
    pub by: Option<String>,
    /// One entry per value of `by` (values in Norwegian order, «(ingen verdi)» last).
    pub groups: Vec<GroupPrevalence>,
    pub cooccurrence_mode: CooccurrenceMode,
    /// Codes outside the theme that co-occur with it, most first (then by Jaccard, then in
    /// codebook order).
    pub cooccurring: Vec<Cooccurring>,
    /// Words the theme's excerpts over-use against all other informant speech (G² ≥ 10.83,
    /// at least 5 times), highest G² first.
    pub distinctive_words: Vec<DistinctiveWord>,
    /// Representative quotes: pinned ones first, then the most typical, spread across informants.
    pub quotes: Vec<Quote>,
}

impl ThemeSummary {
    /// The excerpt query that lists the theme's excerpts (in scope).
    pub fn excerpt_query(&self) -> ExcerptQuery {
        ExcerptQuery {
            code: self.code.guid.clone(),
            subcodes: self.subcodes,
            attributes: self.scope.clone(),
            ..ExcerptQuery::default()
        }
    }

    /// The excerpt query behind one group of the breakdown.
    pub fn group_query(&self, group: &GroupPrevalence) -> ExcerptQuery {
        let mut query = self.excerpt_query();
        query.attributes.push(group.filter.clone());
        query
    }
}

impl Project {
    /// The summary of one theme (see [`ThemeSummary`]).
    pub fn theme_summary(&self, options: &SummaryOptions) -> Result<ThemeSummary> {
        let _ = options;
        todo!()
    }
}
