//! The codebook from the desktop: the tree with counts and definitions, a code's detail, and
//! every change to codes (create, rename, recolour, move and reorder, merge, split, edit, hide a
//! family, delete), adding the built-in codebook, and importing and exporting codebook JSON
//! (dialogs in Rust, answered by the debug-build dialog hook in tests). A code argument is its
//! GUID (or key or path; the core resolves it). DTOs are camelCase with ts-rs types.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::{blocking, pick_save_file, with_project, DialogHook};

/// One code in the tree, in depth-first order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeNode {
    pub guid: String,
    /// The template id (`T06.4`); null for the researcher's own codes.
    pub key: Option<String>,
    pub name: String,
    pub name_en: Option<String>,
    /// `#RRGGBB`.
    pub color: String,
    /// 0 for the top level.
    pub depth: usize,
    /// The parent's GUID.
    pub parent: Option<String>,
    /// Order among siblings, from 0.
    pub position: usize,
    /// The block letter of the code's theme (A–F in Bentzen's codebook).
    pub block: Option<String>,
    /// Its family, or an ancestor's, is switched off.
    pub hidden: bool,
    /// The switch is on this code.
    pub hides_family: bool,
    /// Number of direct children.
    pub children: usize,
    /// Its own codings (the same span by several coders counted once).
    pub codings: usize,
    pub definition: String,
    pub definition_en: Option<String>,
}

/// A block of a template: a header over its themes, not a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeBlockInfo {
    pub letter: String,
    pub name: String,
    pub name_en: Option<String>,
}

/// The whole codebook: codes in tree order and the blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Codebook {
    pub codes: Vec<CodeNode>,
    pub blocks: Vec<CodeBlockInfo>,
}

/// Everything about one code, for the edit dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeInfo {
    pub guid: String,
    pub key: Option<String>,
    /// The bokmål names from the top, `/`-joined.
    pub path: String,
    pub name: String,
    pub name_en: Option<String>,
    pub color: String,
    pub definition: String,
    pub definition_en: Option<String>,
    pub inclusion: String,
    pub exclusion: String,
    pub anchors: Vec<String>,
    /// The template's note on the code: read-only.
    pub source_note: Option<String>,
}

/// Changes to a code; a field left out (null) stays as it is, an empty text clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, optional_fields)]
pub struct CodeChanges {
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub color: Option<String>,
    pub definition: Option<String>,
    pub definition_en: Option<String>,
    pub inclusion: Option<String>,
    pub exclusion: Option<String>,
    pub anchors: Option<Vec<String>>,
}

/// A sub-code renamed because its new parent already had a child of that name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RenamedCode {
    pub from: String,
    pub to: String,
}

/// What merging one code into another did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeMergeResult {
    pub codings_moved: usize,
    /// Codings the target already had exactly (document, span, coder): kept once.
    pub codings_collapsed: usize,
    pub children_moved: usize,
    pub renamed: Vec<RenamedCode>,
}

/// What deleting a code takes (or took): the code with its sub-codes, and their codings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeDeletionInfo {
    pub codes: usize,
    pub codings: usize,
}

/// One coding of a code, for choosing which to split off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeCodingInfo {
    pub guid: String,
    pub document: String,
    pub document_guid: String,
    pub coder: String,
    pub turn: Option<u32>,
    /// Exactly the coded text.
    pub text: String,
}

/// What adding or importing a codebook did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodebookImportResult {
    pub template: String,
    pub added: usize,
    /// Codes the project already had, left as they were.
    pub kept: usize,
    pub blocks_added: usize,
}

impl From<tolk::CodebookReport> for CodebookImportResult {
    fn from(r: tolk::CodebookReport) -> Self {
        CodebookImportResult {
            template: r.template,
            added: r.added,
            kept: r.kept,
            blocks_added: r.blocks_added,
        }
    }
}

/// Where the codebook was exported, and how many codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodebookExportResult {
    pub path: String,
    pub codes: usize,
}

fn deletion(d: tolk::project::CodeDeletion) -> CodeDeletionInfo {
    CodeDeletionInfo {
        codes: d.codes,
        codings: d.codings,
    }
}

/// The codebook with every code's coding count and definition.
#[tauri::command]
pub async fn codebook(app: AppHandle) -> Result<Codebook, CommandError> {
    with_project(app, |p| {
        let counts = p.code_counts()?;
        let codes = p
            .code_details()?
            .into_iter()
            .map(|d| {
                let s = d.summary;
                CodeNode {
                    codings: counts.get(&s.guid).copied().unwrap_or(0),
                    guid: s.guid,
                    key: s.key,
                    name: s.name,
                    name_en: s.name_en,
                    color: s.color,
                    depth: s.depth,
                    parent: s.parent,
                    position: s.position,
                    block: s.block,
                    hidden: s.hidden,
                    hides_family: s.hides_family,
                    children: s.children,
                    definition: d.data.definition_nb,
                    definition_en: d.data.definition_en,
                }
            })
            .collect();
        let blocks = p
            .code_blocks()?
            .into_iter()
            .map(|b| CodeBlockInfo {
                letter: b.letter,
                name: b.name_nb,
                name_en: b.name_en,
            })
            .collect();
        Ok(Codebook { codes, blocks })
    })
    .await
}

/// One code with its definitions, notes, anchors and source note.
#[tauri::command]
pub async fn code_info(app: AppHandle, code: String) -> Result<CodeInfo, CommandError> {
    with_project(app, move |p| {
        let d = p.code_detail(&code)?;
        Ok(CodeInfo {
            guid: d.summary.guid,
            key: d.data.key,
            path: d.summary.path,
            name: d.data.name_nb,
            name_en: d.data.name_en,
            color: d.data.color,
            definition: d.data.definition_nb,
            definition_en: d.data.definition_en,
            inclusion: d.data.inclusion,
            exclusion: d.data.exclusion,
            anchors: d.data.anchors,
            source_note: d.data.source_note,
        })
    })
    .await
}

/// Creates a code at the end of `parent`'s children (null: the top level); returns its GUID.
#[tauri::command]
pub async fn create_code(
    app: AppHandle,
    parent: Option<String>,
    name: String,
    color: Option<String>,
) -> Result<String, CommandError> {
    with_project(app, move |p| {
        Ok(p.create_code(parent.as_deref(), &name, color.as_deref())?)
    })
    .await
}

/// Renames a code (its bokmål name).
#[tauri::command]
pub async fn rename_code(app: AppHandle, code: String, name: String) -> Result<(), CommandError> {
    with_project(app, move |p| Ok(p.rename_code(&code, &name)?)).await
}

/// Sets a code's colour (`#RRGGBB`).
#[tauri::command]
pub async fn set_code_color(
    app: AppHandle,
    code: String,
    color: String,
) -> Result<(), CommandError> {
    with_project(app, move |p| Ok(p.set_code_color(&code, &color)?)).await
}

/// Moves a code under `parent` (null: the top level) at `position` among its new siblings
/// (null: last). With the same parent, this reorders.
#[tauri::command]
pub async fn move_code(
    app: AppHandle,
    code: String,
    parent: Option<String>,
    position: Option<usize>,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        Ok(p.move_code(&code, parent.as_deref(), position)?)
    })
    .await
}

/// Merges code `from` into code `into` (codings kept, exact duplicates once; sub-codes move).
#[tauri::command]
pub async fn merge_codes(
    app: AppHandle,
    from: String,
    into: String,
) -> Result<CodeMergeResult, CommandError> {
    with_project(app, move |p| {
        let m = p.merge_codes(&from, &into)?;
        Ok(CodeMergeResult {
            codings_moved: m.codings_moved,
            codings_collapsed: m.codings_collapsed,
            children_moved: m.children_moved,
            renamed: m
                .renamed
                .into_iter()
                .map(|(from, to)| RenamedCode { from, to })
                .collect(),
        })
    })
    .await
}

/// A code's own codings, for the split dialog.
#[tauri::command]
pub async fn code_codings(
    app: AppHandle,
    code: String,
) -> Result<Vec<CodeCodingInfo>, CommandError> {
    with_project(app, move |p| {
        Ok(p.code_codings(&code)?
            .into_iter()
            .map(|c| CodeCodingInfo {
                guid: c.guid,
                document: c.document,
                document_guid: c.document_guid,
                coder: c.coder,
                turn: c.turn,
                text: c.text,
            })
            .collect())
    })
    .await
}

/// Moves the chosen codings of a code to a new sibling code named `name`; returns its GUID.
#[tauri::command]
pub async fn split_code(
    app: AppHandle,
    code: String,
    codings: Vec<String>,
    name: String,
) -> Result<String, CommandError> {
    with_project(app, move |p| Ok(p.split_code(&code, &codings, &name)?)).await
}

/// Edits a code's names, colour, definitions, notes and anchors in one undoable step.
#[tauri::command]
pub async fn edit_code(
    app: AppHandle,
    code: String,
    changes: CodeChanges,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        let edit = tolk::project::CodeEdit {
            name_nb: changes.name,
            name_en: changes.name_en,
            color: changes.color,
            definition_nb: changes.definition,
            definition_en: changes.definition_en,
            inclusion: changes.inclusion,
            exclusion: changes.exclusion,
            anchors: changes.anchors,
        };
        Ok(p.edit_code(&code, &edit)?)
    })
    .await
}

/// What deleting a code would take, for the confirmation. Deletes nothing.
#[tauri::command]
pub async fn delete_code_preview(
    app: AppHandle,
    code: String,
) -> Result<CodeDeletionInfo, CommandError> {
    with_project(app, move |p| Ok(deletion(p.delete_code_preview(&code)?))).await
}

/// Deletes a code with its sub-codes and their codings.
#[tauri::command]
pub async fn delete_code(app: AppHandle, code: String) -> Result<CodeDeletionInfo, CommandError> {
    with_project(app, move |p| Ok(deletion(p.delete_code(&code)?))).await
}

/// Switches a code's family off (hidden) or on; returns how many codes the family has.
#[tauri::command]
pub async fn set_family_hidden(
    app: AppHandle,
    code: String,
    hidden: bool,
) -> Result<usize, CommandError> {
    with_project(app, move |p| Ok(p.set_family_hidden(&code, hidden)?)).await
}

/// Adds a built-in codebook (`bentzen`); codes the project has are kept as they are.
#[tauri::command]
pub async fn add_builtin_codebook(
    app: AppHandle,
    name: String,
) -> Result<CodebookImportResult, CommandError> {
    with_project(app, move |p| Ok(p.add_builtin_codebook(&name)?.into())).await
}

/// Asks for a codebook JSON file and imports it; null if the researcher cancels. The debug-build
/// dialog hook answers with its first path.
#[tauri::command]
pub async fn import_codebook(app: AppHandle) -> Result<Option<CodebookImportResult>, CommandError> {
    let picked = match app.state::<DialogHook>().take() {
        Some(paths) => paths.into_iter().next(),
        None => {
            let app = app.clone();
            blocking(move || {
                Ok(app
                    .dialog()
                    .file()
                    .add_filter("Tolk codebook (JSON)", &["json"])
                    .blocking_pick_file()
                    .and_then(|p| p.into_path().ok()))
            })
            .await?
        }
    };
    let Some(path) = picked else {
        return Ok(None);
    };
    with_project(app, move |p| {
        Ok(Some(p.import_codebook_json(&path)?.into()))
    })
    .await
}

/// Asks where to save the codebook as JSON and writes it; null if the researcher cancels. The
/// debug-build dialog hook answers with its first path.
#[tauri::command]
pub async fn export_codebook(app: AppHandle) -> Result<Option<CodebookExportResult>, CommandError> {
    let picked = pick_save_file(
        &app,
        vec![("Tolk codebook (JSON)", vec!["json"])],
        "kodebok.json".into(),
    )
    .await?;
    let Some(path) = picked else {
        return Ok(None);
    };
    with_project(app, move |p| {
        let codes = p.export_codebook_json(&path)?;
        Ok(Some(CodebookExportResult {
            path: path.display().to_string(),
            codes,
        }))
    })
    .await
}
