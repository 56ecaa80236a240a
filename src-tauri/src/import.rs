//! Import from the desktop: the file dialog, the preview (nothing written), the import with
//! progress and cancel, and drag-and-drop. The window's own drag-drop events and the debug-build
//! `test_drop_paths` hook both reach the UI as one `tolk://drop` event.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, Window};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use tolk::language::Language;
use tolk::turns::SpeakerPattern;
use tolk::ImportOptions;

use crate::dto::SpeakerRole;
use crate::error::CommandError;
use crate::state::{blocking, with_project, DialogHook};

/// The event the UI listens to for drag-and-drop.
pub const DROP_EVENT: &str = "tolk://drop";

/// Set by `cancel_import`; the running import stops before its next file.
#[derive(Default)]
pub struct ImportCancel(pub AtomicBool);

/// A drag over the window (`enter`, `leave`) or a drop with the dropped paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DropEvent {
    /// `enter`, `leave` or `drop`.
    pub kind: String,
    pub paths: Vec<String>,
}

/// A speaker as the import preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SpeakerPreview {
    pub label: String,
    pub turns: usize,
    pub role: SpeakerRole,
}

/// One of a file's first turns, cut short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TurnPreview {
    pub n: u32,
    pub speaker: String,
    pub text: String,
    pub time_ms: Option<u64>,
}

/// Something the researcher should know about a file that does not stop its import. The UI
/// has a sentence for each `kind`, filled with the other fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ImportWarning {
    /// No UTF-8 and no byte-order mark: decoded as this legacy encoding (e.g. `windows-1252`).
    EncodingGuessed { encoding: String },
    /// An odt file's styles.xml could not be read, so bold speaker labels may be missed;
    /// `detail` is the core's English description of the fault.
    StylesUnreadable { detail: String },
    /// No speaker label was recognised: the whole text is preamble.
    NoSpeakerLabels,
    /// The researcher's speaker pattern matched no paragraph.
    PatternMatchedNothing { pattern: String },
}

impl From<&tolk::ImportWarning> for ImportWarning {
    fn from(w: &tolk::ImportWarning) -> Self {
        match w {
            tolk::ImportWarning::EncodingGuessed { encoding } => ImportWarning::EncodingGuessed {
                encoding: encoding.clone(),
            },
            tolk::ImportWarning::StylesUnreadable { detail } => ImportWarning::StylesUnreadable {
                detail: detail.clone(),
            },
            tolk::ImportWarning::NoSpeakerLabels => ImportWarning::NoSpeakerLabels,
            tolk::ImportWarning::PatternMatchedNothing { pattern } => {
                ImportWarning::PatternMatchedNothing {
                    pattern: pattern.clone(),
                }
            }
        }
    }
}

/// What importing one file would do. Nothing has been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FilePreview {
    pub path: String,
    /// The file name as on disk.
    pub file_name: String,
    /// The document name it would get.
    pub name: String,
    /// `txt`, `md`, `docx`, `odt`, `vtt`, `srt`, or null for a type Tolk does not import.
    pub format: Option<String>,
    /// `nb`, `nn`, `da`, `sv` or `en`; null when the file cannot be read.
    pub language: Option<String>,
    pub turns: usize,
    pub words: usize,
    pub speakers: Vec<SpeakerPreview>,
    /// Header attributes, `[key, value]` in the file's order.
    pub attributes: Vec<(String, String)>,
    pub first_turns: Vec<TurnPreview>,
    pub warnings: Vec<ImportWarning>,
    /// The document that already has these bytes: the import skips the file.
    pub duplicate_of: Option<String>,
    /// Why the file cannot be imported (the core's message, naming the file).
    pub error: Option<String>,
    /// What kind of reading error it is, for the UI's own text: `unsupported`, `empty`,
    /// `binary`, `corrupt`, `tooLarge` or `noText`; null for other failures.
    pub error_kind: Option<String>,
}

impl From<&tolk::project::FilePreview> for FilePreview {
    fn from(p: &tolk::project::FilePreview) -> Self {
        FilePreview {
            path: p.path.display().to_string(),
            file_name: p
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            name: p.name.clone(),
            format: p.format.map(|f| f.as_str().to_owned()),
            language: p.language.map(|l| l.code().to_owned()),
            turns: p.turns,
            words: p.words,
            speakers: p
                .speakers
                .iter()
                .map(|s| SpeakerPreview {
                    label: s.label.clone(),
                    turns: s.turns,
                    role: s.role.into(),
                })
                .collect(),
            attributes: p.attributes.clone(),
            first_turns: p
                .first_turns
                .iter()
                .map(|t| TurnPreview {
                    n: t.n,
                    speaker: t.speaker.clone(),
                    text: t.text.clone(),
                    time_ms: t.time_ms,
                })
                .collect(),
            warnings: p.warnings.iter().map(ImportWarning::from).collect(),
            duplicate_of: p.duplicate_of.clone(),
            error: p.error.clone(),
            error_kind: p.import_error.as_ref().map(error_kind),
        }
    }
}

/// A file to import, with the language the researcher chose (null: guess) and the speaker
/// pattern for a file the built-in recognition did not understand (null: built-in).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportFile {
    pub path: String,
    #[ts(optional)]
    pub language: Option<String>,
    #[ts(optional)]
    pub speaker_pattern: Option<String>,
}

/// Progress of a running import: `done` of `total` files finished, `current` is the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    /// The file being imported now (null when all are done).
    pub current: Option<String>,
}

/// A file the import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportedFile {
    pub path: String,
    pub name: String,
    pub turns: usize,
}

/// A file the import skipped or could not import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProblem {
    pub path: String,
    pub file_name: String,
    /// The core's message for a failure; the existing document's name for a duplicate.
    pub detail: String,
    /// For a failure to read the file: its kind, as in [`FilePreview::error_kind`].
    pub error_kind: Option<String>,
}

/// What an import did, file by file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportResult {
    pub imported: Vec<ImportedFile>,
    /// Already in the project (`detail` is the document's name).
    pub skipped: Vec<ImportProblem>,
    pub failed: Vec<ImportProblem>,
    /// Left out because the researcher cancelled.
    pub not_imported: Vec<String>,
}

fn problem(
    path: &std::path::Path,
    detail: String,
    import_error: Option<&tolk::ImportError>,
) -> ImportProblem {
    ImportProblem {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        detail,
        error_kind: import_error.map(error_kind),
    }
}

/// A stable name for each kind of reading error; the UI has a sentence for each.
fn error_kind(e: &tolk::ImportError) -> String {
    match e {
        tolk::ImportError::Unsupported(_) => "unsupported",
        tolk::ImportError::Empty => "empty",
        tolk::ImportError::Binary => "binary",
        tolk::ImportError::Corrupt { .. } => "corrupt",
        tolk::ImportError::TooLarge { .. } => "tooLarge",
        tolk::ImportError::NoText => "noText",
    }
    .to_owned()
}

impl From<&tolk::project::ImportReport> for ImportResult {
    fn from(r: &tolk::project::ImportReport) -> Self {
        ImportResult {
            imported: r
                .imported
                .iter()
                .map(|(path, o)| ImportedFile {
                    path: path.display().to_string(),
                    name: o.name.clone(),
                    turns: o.turns,
                })
                .collect(),
            skipped: r
                .skipped
                .iter()
                .map(|s| problem(&s.path, s.existing.clone(), None))
                .collect(),
            failed: r
                .failed
                .iter()
                .map(|f| problem(&f.path, f.error.clone(), f.import_error.as_ref()))
                .collect(),
            not_imported: r
                .not_imported
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        }
    }
}

fn language(code: Option<&str>) -> Result<Option<Language>, CommandError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => Language::parse(code)
            .map(Some)
            .ok_or_else(|| CommandError::other(format!("unknown language {code:?}"))),
    }
}

fn options(
    speaker_pattern: Option<&str>,
    lang: Option<&str>,
) -> Result<ImportOptions, CommandError> {
    // Spaces can matter in a regex: only an all-blank pattern counts as none.
    let speaker_pattern = match speaker_pattern.filter(|p| !p.trim().is_empty()) {
        None => None,
        Some(p) => Some(SpeakerPattern::new(p)?),
    };
    Ok(ImportOptions {
        speaker_pattern,
        language: language(lang)?,
    })
}

/// Asks for transcript files to import. Returns `[]` if the researcher cancels.
#[tauri::command]
pub async fn pick_import_files(app: AppHandle) -> Result<Vec<String>, CommandError> {
    if let Some(paths) = app.state::<DialogHook>().take() {
        return Ok(paths.iter().map(|p| p.display().to_string()).collect());
    }
    blocking(move || {
        let picked = app
            .dialog()
            .file()
            .add_filter(
                "Transkripsjoner",
                &["txt", "md", "docx", "odt", "vtt", "srt"],
            )
            .blocking_pick_files()
            .unwrap_or_default();
        Ok(picked
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
            .collect())
    })
    .await
}

/// What importing these files and folders would do, file by file. Writes nothing.
#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    paths: Vec<String>,
    speaker_pattern: Option<String>,
    language: Option<String>,
) -> Result<Vec<FilePreview>, CommandError> {
    let options = options(speaker_pattern.as_deref(), language.as_deref())?;
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    with_project(app, move |p| {
        Ok(p.preview_import(&paths, &options)?
            .iter()
            .map(FilePreview::from)
            .collect())
    })
    .await
}

/// Imports files, one transaction each, each with its own language and speaker pattern,
/// reporting progress after each file. `cancel_import` stops it before the next file; what is
/// done stays.
#[tauri::command]
pub async fn import_files(
    app: AppHandle,
    files: Vec<ImportFile>,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportResult, CommandError> {
    let mut planned = Vec::with_capacity(files.len());
    for file in &files {
        planned.push((
            PathBuf::from(&file.path),
            options(file.speaker_pattern.as_deref(), file.language.as_deref())?,
        ));
    }
    app.state::<ImportCancel>().0.store(false, Ordering::SeqCst);
    let total = planned.len();
    let _ = on_progress.send(ImportProgress {
        done: 0,
        total,
        current: planned.first().map(|(p, _)| p.display().to_string()),
    });
    let cancel_app = app.clone();
    with_project(app, move |p| {
        let cancel = &cancel_app.state::<ImportCancel>().0;
        let report = p.import_files_cancellable(&planned, cancel, &mut |progress| {
            let _ = on_progress.send(ImportProgress {
                done: progress.done,
                total: progress.total,
                current: planned
                    .get(progress.done)
                    .map(|(p, _)| p.display().to_string()),
            });
        });
        Ok(ImportResult::from(&report))
    })
    .await
}

/// Stops the running import before its next file.
#[tauri::command]
pub fn cancel_import(app: AppHandle) {
    app.state::<ImportCancel>().0.store(true, Ordering::SeqCst);
}

/// Debug-build test hook (`conventions.md`): behaves as if `paths` were dropped on the window.
/// `kind` (default `drop`) can also be `enter` or `leave`, the drag entering or leaving the
/// window, so a test can see the drop overlay.
#[cfg(debug_assertions)]
#[tauri::command]
pub fn test_drop_paths(
    app: AppHandle,
    paths: Vec<String>,
    kind: Option<String>,
) -> Result<(), CommandError> {
    let kind = kind.unwrap_or_else(|| "drop".to_owned());
    if !matches!(kind.as_str(), "enter" | "leave" | "drop") {
        return Err(CommandError::other(format!(
            "unknown drag-and-drop event {kind:?}: use enter, leave or drop"
        )));
    }
    app.emit(DROP_EVENT, DropEvent { kind, paths })
        .map_err(CommandError::other)
}

/// Forwards the window's drag-and-drop events to the UI as `tolk://drop`.
pub fn forward_drag_drop(window: &Window, event: &tauri::DragDropEvent) {
    let payload = match event {
        tauri::DragDropEvent::Enter { paths, .. } => DropEvent {
            kind: "enter".to_owned(),
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
        },
        tauri::DragDropEvent::Drop { paths, .. } => DropEvent {
            kind: "drop".to_owned(),
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
        },
        tauri::DragDropEvent::Leave => DropEvent {
            kind: "leave".to_owned(),
            paths: Vec::new(),
        },
        _ => return,
    };
    if let Err(err) = window.emit(DROP_EVENT, payload) {
        eprintln!("tolk: forwarding a drop failed: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_cross_as_a_kind_with_camel_case_fields() {
        let json = |w: tolk::ImportWarning| serde_json::to_value(ImportWarning::from(&w)).unwrap();
        assert_eq!(
            json(tolk::ImportWarning::EncodingGuessed {
                encoding: "windows-1252".into()
            }),
            serde_json::json!({ "kind": "encodingGuessed", "encoding": "windows-1252" })
        );
        assert_eq!(
            json(tolk::ImportWarning::NoSpeakerLabels),
            serde_json::json!({ "kind": "noSpeakerLabels" })
        );
        assert_eq!(
            json(tolk::ImportWarning::PatternMatchedNothing {
                pattern: "^x".into()
            }),
            serde_json::json!({ "kind": "patternMatchedNothing", "pattern": "^x" })
        );
        assert_eq!(
            json(tolk::ImportWarning::StylesUnreadable {
                detail: "bad".into()
            }),
            serde_json::json!({ "kind": "stylesUnreadable", "detail": "bad" })
        );
    }

    #[test]
    fn options_reject_an_unknown_language_and_a_pattern_without_speaker() {
        assert!(options(None, Some("de")).is_err());
        assert!(options(Some("^(\\w+):"), None).is_err());
        let o = options(Some(" "), Some("nn")).unwrap();
        assert!(o.speaker_pattern.is_none());
        assert_eq!(o.language, Some(Language::Nn));
    }
}
