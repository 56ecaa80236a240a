//! The project facade: one method per thing a researcher does to a project. It owns the SQLite
//! store and keeps imports, turns, informants and attributes consistent; the CLI and the desktop
//! shell call nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::import::Format;
use crate::language::Language;
use crate::turns::SpeakerPattern;
use crate::Result;

/// How to import files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides built-in turn recognition.
    pub speaker_pattern: Option<SpeakerPattern>,
    /// Sets the language instead of guessing it.
    pub language: Option<Language>,
}

/// A speaker's role in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerRole {
    Interviewer,
    Informant,
}

/// One row of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub guid: String,
    pub name: String,
    /// The path the document was imported from.
    pub source: String,
    pub format: Format,
    pub language: Language,
    pub words: usize,
    pub turns: usize,
    /// Speaker labels in order of first appearance.
    pub speakers: Vec<String>,
    /// How many distinct informants speak in the document.
    pub informants: usize,
    pub attributes: BTreeMap<String, String>,
    /// When it was imported, RFC 3339.
    pub imported_at: String,
}

/// A turn as shown and cited: numbered from 1 in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnView {
    pub n: u32,
    pub speaker: String,
    pub role: SpeakerRole,
    /// The informant's name, for informant turns.
    pub informant: Option<String>,
    pub label_start_char: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub time_ms: Option<u64>,
}

/// A whole document: its text and turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    pub guid: String,
    pub name: String,
    pub format: Format,
    pub language: Language,
    /// The stored text (NFC, LF) all offsets refer to.
    pub text: String,
    pub preamble_end_char: usize,
    pub turns: Vec<TurnView>,
    pub attributes: BTreeMap<String, String>,
}

impl DocumentView {
    /// A turn's words, without label and timestamp.
    pub fn turn_text(&self, turn: &TurnView) -> &str {
        crate::text::slice_chars(&self.text, turn.start_char, turn.end_char)
    }
}

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub name: String,
    pub guid: String,
    pub format: Format,
    pub language: Language,
    pub turns: usize,
    pub speakers: Vec<String>,
    pub attributes: BTreeMap<String, String>,
    pub normalized_chars: usize,
    pub warnings: Vec<String>,
}

/// An informant: a non-interviewer speaker, possibly merged across documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformantSummary {
    pub guid: String,
    pub name: String,
    /// `document/label` for each speaker this informant is.
    pub speakers: Vec<String>,
    pub documents: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

/// An open project file.
pub struct Project {
    path: PathBuf,
    store: crate::store::Store,
}

impl Project {
    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
