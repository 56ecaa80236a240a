//! Informants and attributes from the desktop: the informant list, merging, attributes on
//! informants and documents (set and remove), the attribute CSV (dialog and import) and a
//! speaker's role. Each command is one `Project` call; the DTOs are camelCase with ts-rs types.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use tolk::project::SpeakerRole;

use crate::error::CommandError;
use crate::state::{blocking, with_project, DialogHook};

/// One speaker label of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SpeakerRef {
    pub document: String,
    pub label: String,
}

/// An informant: a non-interviewer speaker, possibly merged across documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Informant {
    pub guid: String,
    pub name: String,
    /// The speakers this informant is, in document order.
    pub speakers: Vec<SpeakerRef>,
    /// The documents it speaks in, in order of first appearance.
    pub documents: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

impl From<&tolk::project::InformantSummary> for Informant {
    fn from(i: &tolk::project::InformantSummary) -> Self {
        Informant {
            guid: i.guid.clone(),
            name: i.name.clone(),
            speakers: i
                .speakers
                .iter()
                .map(|s| split_speaker(s, &i.documents))
                .collect(),
            documents: i.documents.clone(),
            attributes: i.attributes.clone(),
        }
    }
}

/// Splits the core's `document/label` at the longest document name of `documents` it starts
/// with (document names and labels may themselves contain `/`).
fn split_speaker(speaker: &str, documents: &[String]) -> SpeakerRef {
    let document = documents
        .iter()
        .filter(|d| {
            speaker.len() > d.len()
                && speaker.starts_with(d.as_str())
                && speaker[d.len()..].starts_with('/')
        })
        .max_by_key(|d| d.len());
    match document {
        Some(d) => SpeakerRef {
            document: d.clone(),
            label: speaker[d.len() + 1..].to_owned(),
        },
        None => {
            let (document, label) = speaker.split_once('/').unwrap_or(("", speaker));
            SpeakerRef {
                document: document.to_owned(),
                label: label.to_owned(),
            }
        }
    }
}

/// An attribute both merged informants had, with different values: the kept one's value wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttributeConflict {
    pub key: String,
    pub kept: String,
    pub dropped: String,
}

/// What merging two informants did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MergeResult {
    /// The informant that stays.
    pub into: String,
    /// The informant that became part of it.
    pub from: String,
    pub conflicts: Vec<AttributeConflict>,
}

impl From<tolk::project::MergeReport> for MergeResult {
    fn from(r: tolk::project::MergeReport) -> Self {
        MergeResult {
            into: r.into,
            from: r.from,
            conflicts: r
                .conflicts
                .into_iter()
                .map(|(key, kept, dropped)| AttributeConflict { key, kept, dropped })
                .collect(),
        }
    }
}

/// What an attribute CSV did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CsvImportResult {
    /// True if the rows named informants, false if documents.
    pub informants: bool,
    /// Rows applied.
    pub rows: usize,
    /// Attribute values set.
    pub values: usize,
    /// Row names the project has no document or informant for (skipped).
    pub unknown: Vec<String>,
}

impl From<tolk::project::CsvReport> for CsvImportResult {
    fn from(r: tolk::project::CsvReport) -> Self {
        CsvImportResult {
            informants: r.informants,
            rows: r.rows,
            values: r.values,
            unknown: r.unknown,
        }
    }
}

/// Every informant, in Norwegian order of name.
#[tauri::command]
pub async fn list_informants(app: AppHandle) -> Result<Vec<Informant>, CommandError> {
    with_project(app, |p| {
        Ok(p.informants()?.iter().map(Informant::from).collect())
    })
    .await
}

/// Merges informant `from` into `into` (names or GUIDs); on conflicting attributes `into`'s
/// values are kept and the conflicts returned.
#[tauri::command]
pub async fn merge_informants(
    app: AppHandle,
    into: String,
    from: String,
) -> Result<MergeResult, CommandError> {
    with_project(app, move |p| Ok(p.merge_informants(&into, &from)?.into())).await
}

/// Sets one attribute of an informant (name or GUID).
#[tauri::command]
pub async fn set_informant_attribute(
    app: AppHandle,
    informant: String,
    key: String,
    value: String,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        Ok(p.set_informant_attribute(&informant, &key, &value)?)
    })
    .await
}

/// Removes one attribute of an informant; false if it had none by that key.
#[tauri::command]
pub async fn remove_informant_attribute(
    app: AppHandle,
    informant: String,
    key: String,
) -> Result<bool, CommandError> {
    with_project(app, move |p| {
        Ok(p.remove_informant_attribute(&informant, &key)?)
    })
    .await
}

/// Sets one attribute of a document (name or GUID).
#[tauri::command]
pub async fn set_document_attribute(
    app: AppHandle,
    document: String,
    key: String,
    value: String,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        Ok(p.set_document_attribute(&document, &key, &value)?)
    })
    .await
}

/// Removes one attribute of a document; false if it had none by that key.
#[tauri::command]
pub async fn remove_document_attribute(
    app: AppHandle,
    document: String,
    key: String,
) -> Result<bool, CommandError> {
    with_project(app, move |p| {
        Ok(p.remove_document_attribute(&document, &key)?)
    })
    .await
}

/// Asks for an attribute CSV. Returns `null` if the researcher cancels. The debug-build dialog
/// hook answers it with its first path.
#[tauri::command]
pub async fn pick_attribute_csv(app: AppHandle) -> Result<Option<String>, CommandError> {
    if let Some(paths) = app.state::<DialogHook>().take() {
        return Ok(paths.first().map(|p| p.display().to_string()));
    }
    blocking(move || {
        let picked = app
            .dialog()
            .file()
            .add_filter("CSV", &["csv", "txt"])
            .blocking_pick_file();
        Ok(picked
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string()))
    })
    .await
}

/// Reads attributes from a CSV file (all rows in one transaction).
#[tauri::command]
pub async fn import_attribute_csv(
    app: AppHandle,
    path: String,
) -> Result<CsvImportResult, CommandError> {
    with_project(app, move |p| {
        Ok(p.import_attributes_csv(&PathBuf::from(path))?.into())
    })
    .await
}

/// Marks a speaker of a document as `interviewer` (no longer an informant) or `informant`.
#[tauri::command]
pub async fn set_speaker_role(
    app: AppHandle,
    document: String,
    label: String,
    role: String,
) -> Result<(), CommandError> {
    let role = match role.as_str() {
        "interviewer" => SpeakerRole::Interviewer,
        "informant" => SpeakerRole::Informant,
        other => {
            return Err(CommandError::other(format!(
                "unknown speaker role {other:?}"
            )))
        }
    };
    with_project(app, move |p| {
        Ok(p.set_speaker_role(&document, &label, role)?)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn speakers_split_at_the_document_name() {
        let s = split_speaker("leder-bodo/IP1", &docs(&["leder-bodo"]));
        assert_eq!(
            (s.document.as_str(), s.label.as_str()),
            ("leder-bodo", "IP1")
        );
        // A document name with a slash, and a label with one: the longest known name wins.
        let s = split_speaker("a/b/c/d", &docs(&["a", "a/b"]));
        assert_eq!((s.document.as_str(), s.label.as_str()), ("a/b", "c/d"));
        let s = split_speaker("x/<img src=x onerror=window.__z=1>", &docs(&["x"]));
        assert_eq!(s.label, "<img src=x onerror=window.__z=1>");
    }
}
