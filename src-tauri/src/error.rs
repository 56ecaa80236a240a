//! The error every command returns: a stable `code` the UI turns into Norwegian or English text,
//! and the core's own `message` (which names the file or document) as detail.

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as far as the UI needs to know. Add a variant only when the UI uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ErrorCode {
    /// The command needs an open project and none is open.
    NoProject,
    /// The file was saved by a newer Tolk.
    ProjectTooNew,
    /// The file is not a Tolk project.
    NotAProject,
    /// A file could not be read or written (missing, no permission, …).
    Io,
    /// The document is not (or no longer) in the project.
    UnknownDocument,
    /// A new project was to be created where a file already exists.
    ProjectExists,
    /// Undo or redo met a change that cannot be undone (a deleted document); the step left
    /// the history.
    UndoConflict,
    /// Anything else; the message says what.
    Other,
}

/// A failed command, serialised as `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CommandError {
    pub code: ErrorCode,
    /// The core's message, in English, for "Vis detaljer".
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
        }
    }

    pub fn no_project() -> Self {
        CommandError::new(ErrorCode::NoProject, "no project is open")
    }

    pub fn other(message: impl std::fmt::Display) -> Self {
        CommandError::new(ErrorCode::Other, message.to_string())
    }
}

impl From<tolk::Error> for CommandError {
    fn from(err: tolk::Error) -> Self {
        let code = match &err {
            tolk::Error::ProjectTooNew { .. } => ErrorCode::ProjectTooNew,
            tolk::Error::NotAProject { .. } => ErrorCode::NotAProject,
            tolk::Error::Io { .. } => ErrorCode::Io,
            tolk::Error::UnknownDocument(_) => ErrorCode::UnknownDocument,
            tolk::Error::ProjectExists { .. } => ErrorCode::ProjectExists,
            tolk::Error::UndoConflict { .. } => ErrorCode::UndoConflict,
            _ => ErrorCode::Other,
        };
        CommandError::new(code, err.to_string())
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}
