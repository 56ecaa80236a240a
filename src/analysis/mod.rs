//! Thematic analysis, computed on the laptop and deterministic: a theme's summary (prevalence as
//! «5 av 7 informanter», breakdown by attribute, co-occurring codes, distinctive words, quotes),
//! code frequencies, code × document / attribute matrices, the co-occurrence matrix and the
//! framework matrix. Everything is read once into a lean in-memory model of the project
//! ([`snapshot`]) and computed there; the researcher's quote choices and framework cells are the
//! only things stored (migration `0008_analysis.sql`, `store::analysis`).

mod cooccurrence;
mod framework;
mod keywords;
mod matrix;
pub mod numbers;
mod prevalence;
mod quotes;
mod scope;
mod snapshot;
mod summary;
mod theme;
mod tokens;

use serde::Serialize;

pub(crate) use snapshot::Cache;

pub use framework::{ExcerptLink, FrameworkCell, FrameworkMatrix, FrameworkRow};
pub use keywords::{g2, DistinctiveWord, WordContext};
pub use matrix::{
    ColumnTarget, Columns, Matrix, MatrixCell, MatrixColumn, MatrixMeasure, MatrixOptions,
    MatrixRow,
};
pub use prevalence::{CodeFrequency, DocumentShare, GroupPrevalence};
pub use quotes::{Quote, QuoteChoice, QuoteChoiceEntry};
pub use summary::{Cooccurring, SummaryOptions, ThemeSummary};

/// A code as analysis results name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRef {
    /// The code's key, else its path: how excerpts and the CLI name it (`T06.4`).
    #[serde(rename = "code")]
    pub label: String,
    pub guid: String,
    pub key: Option<String>,
    /// The bokmål names from the top, `/`-joined.
    pub path: String,
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// 0 for top-level codes (themes).
    pub depth: usize,
    /// Its family (or an ancestor's) is switched off; its codings still count.
    pub hidden: bool,
}

/// What makes two codes co-occur.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CooccurrenceMode {
    /// Over turns: a turn holds a code when a coding of the code shares a char with it (a turn
    /// runs from its label to the next turn's label). Count: turns holding both; Jaccard:
    /// |A ∩ B| / |A ∪ B| over the sets of turns.
    #[default]
    Turns,
    /// Over overlapping codings: count the places where codings of both overlap (the pieces
    /// `A AND B` retrieves: maximal runs of chars coded with both); Jaccard over chars: chars
    /// coded with both / chars coded with either.
    Overlap,
}

impl CooccurrenceMode {
    /// `turns` or `overlap`, ignoring case.
    pub fn parse(text: &str) -> Option<CooccurrenceMode> {
        match text.trim().to_ascii_lowercase().as_str() {
            "turns" | "turn" => Some(CooccurrenceMode::Turns),
            "overlap" | "overlaps" => Some(CooccurrenceMode::Overlap),
            _ => None,
        }
    }
}

/// `count / total`, 0 when the total is 0.
pub(crate) fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}
