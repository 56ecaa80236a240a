//! Representative quotes: the theme's excerpts closest to its TF-IDF centroid, spread across
//! informants, with the researcher's pins and exclusions (table `quote_choice`).

use serde::Serialize;

use crate::{Project, Result};

/// A quote of a theme's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The GUID of one of its codings (the oldest, if several coders coded the same span): how
    /// [`Project::pin_quote`] and [`Project::exclude_quote`] name it.
    pub coding: String,
    pub document: String,
    pub document_guid: String,
    /// The informant of the turn it starts in.
    pub informant: Option<String>,
    pub speaker: Option<String>,
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
    pub text: String,
    /// Cosine similarity to the theme's centroid, 0 to 1.
    pub score: f64,
    /// Pinned by the researcher.
    pub pinned: bool,
}

/// What the researcher chose for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteChoice {
    /// Always shown, before the chosen ones.
    Pinned,
    /// Never shown (swapped for the next).
    Excluded,
}

/// A stored quote choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteChoiceEntry {
    /// The coding's GUID.
    pub coding: String,
    pub choice: QuoteChoice,
    pub document: String,
    pub start_char: usize,
    pub end_char: usize,
}

impl Project {
    /// Pins a quote (a coding, by GUID) to the top of `code`'s quotes, after earlier pins.
    /// Undoable; logged as `pin_quote`.
    pub fn pin_quote(&mut self, code: &str, coding: &str) -> Result<()> {
        self.set_quote_choice(code, coding, Some(QuoteChoice::Pinned))
    }

    /// Keeps a quote out of `code`'s quotes (the next one takes its place). Undoable; logged as
    /// `exclude_quote`.
    pub fn exclude_quote(&mut self, code: &str, coding: &str) -> Result<()> {
        self.set_quote_choice(code, coding, Some(QuoteChoice::Excluded))
    }

    /// Drops a pin or an exclusion. Returns whether there was one. Undoable; logged as
    /// `unpin_quote`.
    pub fn unpin_quote(&mut self, code: &str, coding: &str) -> Result<bool> {
        let _ = (code, coding);
        todo!()
    }

    /// Sets or (`None`) clears the choice for one quote of `code`.
    pub fn set_quote_choice(
        &mut self,
        code: &str,
        coding: &str,
        choice: Option<QuoteChoice>,
    ) -> Result<()> {
        let _ = (code, coding, choice);
        todo!()
    }

    /// The choices stored for `code`: pins in order, then exclusions.
    pub fn quote_choices(&self, code: &str) -> Result<Vec<QuoteChoiceEntry>> {
        let _ = code;
        todo!()
    }
}
