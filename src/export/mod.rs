//! Export for papers: coded excerpts of any retrieval as DOCX, XLSX, CSV, Markdown or HTML, cited
//! with a citation template; a coding's translation and omitted ranges; the codebook as DOCX or
//! CSV (and back from CSV); theme reports. The facade methods are on [`Project`]; each writer is
//! a module.
//!
//! - [`citation`]: templates (`«…» ({rolle})`), built in, saved or literal, and the warnings when
//!   a template's fields single out fewer than three informants.
//! - [`notes`]: a coding's English translation and the ranges left out of its quote.
//! - [`excerpt_set`]: a retrieval's excerpts with everything the writers show.
//! - [`table`] (shared by [`xlsx`] and [`csv`]), [`excerpts_docx`], [`markdown`], [`html`].
//! - [`codebook_docx`], [`codebook_csv`]: the codebook as a table.
//! - [`report`]: the theme report (DOCX, HTML) from the analysis and the charts.

pub mod citation;
pub mod codebook_csv;
pub mod codebook_docx;
pub mod csv;
pub mod docx_style;
pub mod excerpt_set;
pub mod excerpts_docx;
pub mod html;
pub mod markdown;
pub mod notes;
pub mod report;
pub mod table;
pub mod xlsx;

use std::path::Path;

use serde::Serialize;

pub use citation::{CitationCheck, CitationWarning, QuoteMarks, SavedCitation};
pub use codebook_csv::CodebookCsvReport;
pub use excerpt_set::{ExcerptSet, ExportExcerpt, ExportOptions};
pub use notes::{CharRange, CodingNotes};
pub use report::{ReportFormat, ReportOptions, ReportOutcome};

use crate::project::{ExcerptQuery, Project};
use crate::{Error, Result};

/// A file format of the excerpt export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Docx,
    Xlsx,
    Csv,
    #[serde(rename = "md")]
    Markdown,
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Docx,
        ExportFormat::Xlsx,
        ExportFormat::Csv,
        ExportFormat::Markdown,
        ExportFormat::Html,
    ];

    /// `docx`, `xlsx`, `csv`, `md` or `html`: the name and the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
        }
    }

    /// A format by name, ignoring case (`markdown` and `htm` too).
    pub fn parse(name: &str) -> Option<ExportFormat> {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "markdown" => Some(ExportFormat::Markdown),
            "htm" => Some(ExportFormat::Html),
            _ => ExportFormat::ALL.into_iter().find(|f| f.as_str() == name),
        }
    }

    /// The format a file name's extension names.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        ExportFormat::parse(&path.extension()?.to_string_lossy())
    }
}

/// What an excerpt export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportOutcome {
    pub format: ExportFormat,
    pub excerpts: usize,
    /// How many codes (sections).
    pub codes: usize,
    /// The citation template used, and its name if it has one.
    pub citation: String,
    pub citation_name: Option<String>,
    /// Groups of fewer than three informants the citation's fields single out.
    pub warnings: Vec<CitationWarning>,
}

/// An excerpt set's file in a format.
pub fn render(set: &ExcerptSet, format: ExportFormat, options: &ExportOptions) -> Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Docx => excerpts_docx::write(set)?,
        ExportFormat::Xlsx => xlsx::write(set)?,
        ExportFormat::Csv => csv::write(set, options.delimiter.unwrap_or(csv::DEFAULT_DELIMITER)),
        ExportFormat::Markdown => markdown::write(set).into_bytes(),
        ExportFormat::Html => html::write(set).into_bytes(),
    })
}

/// Writes a file whole: to a temporary file beside it, then renamed over it, so a failed export
/// never leaves half a file where the researcher expects one.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

impl Project {
    /// Exports the excerpts `query` retrieves to `path` in `format`, cited with the template
    /// `options` names. Returns what was written, with the citation's warnings (groups of fewer
    /// than three informants), which the caller should show.
    pub fn export_excerpts(
        &self,
        query: &ExcerptQuery,
        format: ExportFormat,
        options: &ExportOptions,
        path: &Path,
    ) -> Result<ExportOutcome> {
        let set = self.excerpt_set(query, options)?;
        write_file(path, &render(&set, format, options)?)?;
        Ok(ExportOutcome {
            format,
            excerpts: set.excerpts.len(),
            codes: set.sections.len(),
            citation: set.citation.citation.template().to_owned(),
            citation_name: set.citation.name.clone(),
            warnings: set.citation.warnings.clone(),
        })
    }
}
