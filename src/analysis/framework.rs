//! The framework matrix: informants × themes, each cell the researcher's short summary of what
//! the informant says about the theme (table `framework_cell`) with links to the excerpts.

use serde::Serialize;

use super::CodeRef;
use crate::{Project, Result};

/// Where one excerpt is, for a link that opens it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcerptLink {
    /// The GUID of one of its codings (the oldest).
    pub coding: String,
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
}

/// One informant × theme cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkCell {
    /// The researcher's summary (`None`: not written yet).
    pub text: Option<String>,
    /// Who last wrote it, and when (RFC 3339).
    pub author: Option<String>,
    pub updated_at: Option<String>,
    /// Excerpts of the theme (with its sub-codes) starting in the informant's turns.
    pub excerpts: usize,
    /// Those excerpts, in document order.
    pub links: Vec<ExcerptLink>,
}

/// One informant's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkRow {
    pub informant: String,
    pub informant_guid: String,
    /// One cell per theme, in the order of [`FrameworkMatrix::codes`].
    pub cells: Vec<FrameworkCell>,
}

/// Informants (Norwegian order of name) × themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkMatrix {
    pub codes: Vec<CodeRef>,
    pub rows: Vec<FrameworkRow>,
}

impl Project {
    /// The framework matrix over `codes` (keys, GUIDs or paths, in that order; empty: the
    /// top-level codes), each counted with its sub-codes.
    pub fn framework_matrix(&self, codes: &[String]) -> Result<FrameworkMatrix> {
        let _ = codes;
        todo!()
    }

    /// Writes the summary of what `informant` (name or GUID) says about `code`; empty text
    /// clears the cell. Undoable; logged as `set_framework_cell` with the previous text.
    pub fn set_framework_cell(&mut self, informant: &str, code: &str, text: &str) -> Result<()> {
        let _ = (informant, code, text);
        todo!()
    }
}
