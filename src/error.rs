//! The core's error type. Messages are written for a researcher: they say what failed and name
//! the file, document or value involved.

use std::path::PathBuf;

use crate::import::ImportError;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The project file was written by a newer Tolk; it is left untouched.
    #[error(
        "{}: this project was saved by a newer version of Tolk (schema version {found}; this \
         version reads up to {supported}). The file was left untouched; update Tolk to open it",
        path.display()
    )]
    ProjectTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// The file exists but is not a Tolk project.
    #[error("{}: not a Tolk project ({reason})", path.display())]
    NotAProject { path: PathBuf, reason: String },
    /// `create` was asked to overwrite an existing file.
    #[error("{}: a file with this name already exists", path.display())]
    ProjectExists { path: PathBuf },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The project database failed underneath us.
    #[error("project database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file could not be imported.
    #[error("{}: {source}", path.display())]
    Import { path: PathBuf, source: ImportError },
    /// A document name or GUID that the project does not have.
    #[error("no document named {0:?} in this project")]
    UnknownDocument(String),
    /// An informant name or GUID that the project does not have.
    #[error("no informant named {0:?} in this project")]
    UnknownInformant(String),
    /// A speaker label that the document does not have.
    #[error("document {document:?} has no speaker {speaker:?}")]
    UnknownSpeaker { document: String, speaker: String },
    /// A speaker pattern that is not a valid regex or lacks the `speaker` group.
    #[error("invalid speaker pattern {pattern:?}: {reason}")]
    InvalidPattern { pattern: String, reason: String },
    /// An attributes CSV that cannot be read at all.
    #[error("{}: {reason}", path.display())]
    Csv { path: PathBuf, reason: String },
    /// Undo or redo of a step that a later change which cannot be undone (deleting a document,
    /// re-detecting its turns) has overtaken. Nothing was changed; the step left the history.
    #[error(
        "cannot {verb} {step}: something that cannot be undone (such as deleting a document or \
         re-detecting its turns) has changed what it touched since. Nothing was changed; the step \
         was taken out of the undo history, so undo and redo go on with the steps around it"
    )]
    UndoConflict { verb: &'static str, step: String },
    /// A request that makes no sense for the data, such as merging an informant with itself.
    #[error("cannot read the search {query:?}: {reason}")]
    InvalidQuery { query: String, reason: String },

    #[error("the search index could not be built or read: {0}")]
    Index(String),

    /// A citation template field that is neither built in nor an attribute of the project.
    #[error(
        "the citation template {template:?} has an unknown field {{{field}}}: use {{informant}}, \
         {{doc}}, {{turn}}, {{time}}, {{date}}, {{date:dd.mm.yy}} or an attribute of this project \
         ({})",
        if attributes.is_empty() { "it has none".to_owned() } else { attributes.join(", ") }
    )]
    UnknownCitationField {
        field: String,
        template: String,
        /// The project's attribute keys.
        attributes: Vec<String>,
    },

    #[error("{0}")]
    Invalid(String),

    /// A chart that could not be drawn or rasterised.
    #[error("the chart could not be drawn: {0}")]
    Chart(String),
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
