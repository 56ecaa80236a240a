//! Export for papers from the desktop: a live preview of coded excerpts as they will be cited
//! (with the citation template's warnings and problems), the excerpts, the codebook and theme
//! reports written where a save dialog (run here, never in the webview) says; the citation
//! templates; a coding's English translation and the ranges left out of its quote, whose offsets
//! cross as UTF-16 units.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use ts_rs::TS;

use tolk::export::{
    CharRange, CitationWarning, ExportFormat, ExportOptions, QuoteMarks, ReportFormat,
    ReportOptions,
};

use crate::codebook::CodebookExportResult;
use crate::error::CommandError;
use crate::excerpts::ExcerptQueryInput;
use crate::state::{pick_save_path, with_project};

/// A file format of the excerpt export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ExcerptFormat {
    Docx,
    Xlsx,
    Csv,
    Markdown,
    Html,
}

impl From<ExcerptFormat> for ExportFormat {
    fn from(f: ExcerptFormat) -> ExportFormat {
        match f {
            ExcerptFormat::Docx => ExportFormat::Docx,
            ExcerptFormat::Xlsx => ExportFormat::Xlsx,
            ExcerptFormat::Csv => ExportFormat::Csv,
            ExcerptFormat::Markdown => ExportFormat::Markdown,
            ExcerptFormat::Html => ExportFormat::Html,
        }
    }
}

/// The CSV field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CsvDelimiter {
    Semicolon,
    Comma,
    Tab,
}

impl CsvDelimiter {
    fn byte(self) -> u8 {
        match self {
            CsvDelimiter::Semicolon => b';',
            CsvDelimiter::Comma => b',',
            CsvDelimiter::Tab => b'\t',
        }
    }
}

/// What to export and how: the excerpts a query retrieves, the format, the citation template (a
/// saved or built-in template's name, or a template as written; null: the project's default),
/// whether quotes get «» and, for CSV, the delimiter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptExportRequest {
    pub query: ExcerptQueryInput,
    pub format: ExcerptFormat,
    pub citation: Option<String>,
    pub guillemets: bool,
    pub delimiter: CsvDelimiter,
}

/// How an export cites: the template (blank: the default) and whether quotes get «».
fn citing(citation: &Option<String>, guillemets: bool, delimiter: Option<u8>) -> ExportOptions {
    ExportOptions {
        citation: citation.clone().filter(|c| !c.trim().is_empty()),
        quotes: if guillemets {
            QuoteMarks::Guillemets
        } else {
            QuoteMarks::Plain
        },
        delimiter,
    }
}

impl ExcerptExportRequest {
    fn options(&self) -> ExportOptions {
        citing(&self.citation, self.guillemets, Some(self.delimiter.byte()))
    }
}

/// A field of a citation and the value it has for a group of informants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

/// A combination of values fewer than three informants share: a quote cited with it points at
/// one or two people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CitationWarningItem {
    pub values: Vec<FieldValue>,
    /// The informants with these values (one or two), in Norwegian order.
    pub informants: Vec<String>,
}

impl From<CitationWarning> for CitationWarningItem {
    fn from(w: CitationWarning) -> Self {
        CitationWarningItem {
            values: w
                .values
                .into_iter()
                .map(|(field, value)| FieldValue { field, value })
                .collect(),
            informants: w.informants,
        }
    }
}

/// Why a citation template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum CitationProblem {
    /// A field that is neither a built-in field nor an attribute of the project.
    UnknownField {
        field: String,
        /// The attribute keys the project has.
        attributes: Vec<String>,
    },
    /// Anything else (a brace never closed, no template of that name, {date} without a date
    /// attribute); the core's message, in English.
    Invalid { message: String },
}

/// One excerpt as the export will show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewExcerpt {
    /// The heading of its code's section (`T01 Tillit`).
    pub section: String,
    pub document: String,
    pub turn: Option<u32>,
    /// The quote with each omitted range as `(…)`.
    pub quote: String,
    /// The quote cited with the template, in its marks (`«…» (enhetsleder)`).
    pub cited: String,
    /// The citation alone (`(enhetsleder)`).
    pub reference: String,
    /// Set as a block quote (40 words or more): the quote without marks, then the reference.
    pub block: bool,
    pub translation: Option<String>,
}

/// The first excerpts of an export as they will be cited, with what the citation template
/// says: the template (and its name) used, its warnings, or why it cannot be used (then no
/// excerpts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportPreview {
    pub template: Option<String>,
    pub name: Option<String>,
    /// The template's fields, as written without braces.
    pub fields: Vec<String>,
    pub warnings: Vec<CitationWarningItem>,
    pub problem: Option<CitationProblem>,
    /// The first excerpts, section by section (codes in codebook order).
    pub excerpts: Vec<PreviewExcerpt>,
    /// How many excerpts and code sections the export holds in all.
    pub total: usize,
    pub codes: usize,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportWritten {
    pub path: String,
    pub excerpts: usize,
    pub codes: usize,
}

/// A citation template with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CitationTemplateItem {
    pub name: String,
    pub template: String,
    pub builtin: bool,
}

impl From<tolk::export::SavedCitation> for CitationTemplateItem {
    fn from(s: tolk::export::SavedCitation) -> Self {
        CitationTemplateItem {
            name: s.name,
            template: s.template,
            builtin: s.builtin,
        }
    }
}

/// A range of a document's text in UTF-16 units, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextRange {
    pub start_utf16: usize,
    pub end_utf16: usize,
}

/// What a coding carries for an export: its English translation and the ranges left out of its
/// quote (document offsets, in order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodingNotesItem {
    pub translation: Option<String>,
    pub omissions: Vec<TextRange>,
}

/// The citation problem an error is, if it is one.
fn citation_problem(err: tolk::Error) -> Result<CitationProblem, CommandError> {
    match err {
        tolk::Error::UnknownCitationField {
            field, attributes, ..
        } => Ok(CitationProblem::UnknownField { field, attributes }),
        tolk::Error::Invalid(message) => Ok(CitationProblem::Invalid { message }),
        other => Err(other.into()),
    }
}

/// The preview of an export: the first `limit` excerpts in section order.
fn preview(
    p: &tolk::Project,
    request: &ExcerptExportRequest,
    limit: usize,
) -> Result<ExportPreview, CommandError> {
    let options = request.options();
    // The template is checked first, so a problem with it is told apart from one with the query.
    if let Err(err) = p.citation(options.citation.as_deref()) {
        return Ok(ExportPreview {
            template: None,
            name: None,
            fields: Vec::new(),
            warnings: Vec::new(),
            problem: Some(citation_problem(err)?),
            excerpts: Vec::new(),
            total: 0,
            codes: 0,
        });
    }
    let set = p.excerpt_set(&request.query.to_core(), &options)?;
    let all = &set.excerpts;
    let excerpts = set
        .sections
        .iter()
        .flat_map(|s| s.excerpts.iter().map(move |&i| (s, &all[i])))
        .take(limit)
        .map(|(s, e)| PreviewExcerpt {
            section: s.heading.clone(),
            document: e.document.clone(),
            turn: e.turn,
            quote: e.quote.clone(),
            cited: e.cited.clone(),
            reference: e.reference.clone(),
            block: e.block,
            translation: e.translation.clone(),
        })
        .collect();
    Ok(ExportPreview {
        template: Some(set.citation.citation.template().to_owned()),
        name: set.citation.name.clone(),
        fields: set.citation.citation.fields(),
        warnings: set.citation.warnings.into_iter().map(Into::into).collect(),
        problem: None,
        excerpts,
        total: set.excerpts.len(),
        codes: set.sections.len(),
    })
}

/// The first `limit` excerpts an export would write, cited, with the template's warnings or
/// problem. Writes nothing.
#[tauri::command]
pub async fn export_preview(
    app: AppHandle,
    request: ExcerptExportRequest,
    limit: u32,
) -> Result<ExportPreview, CommandError> {
    with_project(app, move |p| preview(p, &request, limit as usize)).await
}

/// Asks where to save the excerpts and writes them; what was written, or null if the
/// researcher cancels.
#[tauri::command]
pub async fn export_excerpts(
    app: AppHandle,
    request: ExcerptExportRequest,
) -> Result<Option<ExportWritten>, CommandError> {
    let (kind, ext) = match request.format {
        ExcerptFormat::Docx => ("Word", "docx"),
        ExcerptFormat::Xlsx => ("Excel", "xlsx"),
        ExcerptFormat::Csv => ("CSV", "csv"),
        ExcerptFormat::Markdown => ("Markdown", "md"),
        ExcerptFormat::Html => ("HTML", "html"),
    };
    let Some(path) = pick_save_path(&app, kind, ext, "utdrag").await? else {
        return Ok(None);
    };
    with_project(app, move |p| {
        let outcome = p.export_excerpts(
            &request.query.to_core(),
            request.format.into(),
            &request.options(),
            &path,
        )?;
        Ok(Some(ExportWritten {
            path: path.display().to_string(),
            excerpts: outcome.excerpts,
            codes: outcome.codes,
        }))
    })
    .await
}

/// A file format of the codebook export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CodebookFormat {
    Docx,
    Csv,
}

/// Asks where to save the codebook as a Word table or CSV and writes it; null if the researcher
/// cancels.
#[tauri::command]
pub async fn export_codebook_as(
    app: AppHandle,
    format: CodebookFormat,
) -> Result<Option<CodebookExportResult>, CommandError> {
    let (kind, ext) = match format {
        CodebookFormat::Docx => ("Word", "docx"),
        CodebookFormat::Csv => ("CSV", "csv"),
    };
    let Some(path) = pick_save_path(&app, kind, ext, "kodebok").await? else {
        return Ok(None);
    };
    with_project(app, move |p| {
        let codes = match format {
            CodebookFormat::Docx => p.export_codebook_docx(&path)?,
            CodebookFormat::Csv => p.export_codebook_csv(&path)?,
        };
        Ok(Some(CodebookExportResult {
            path: path.display().to_string(),
            codes,
        }))
    })
    .await
}

/// A file format of the theme report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ReportFileFormat {
    Docx,
    Html,
}

/// A theme report: one theme (a top-level code's key, GUID or path, with its sub-codes) or,
/// with null, every theme that has excerpts; the format; the citation as for excerpts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportExportRequest {
    pub code: Option<String>,
    pub format: ReportFileFormat,
    pub citation: Option<String>,
    pub guillemets: bool,
}

/// What a theme report wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportWritten {
    pub path: String,
    /// The themes, as their labels (key, else path).
    pub themes: Vec<String>,
    pub charts: usize,
    pub quotes: usize,
}

/// Writes the theme report to `path`.
fn write_report(
    p: &tolk::Project,
    request: &ReportExportRequest,
    path: &std::path::Path,
) -> Result<ReportWritten, CommandError> {
    let options = ReportOptions {
        code: request.code.clone().filter(|c| !c.trim().is_empty()),
        export: citing(&request.citation, request.guillemets, None),
        ..ReportOptions::default()
    };
    let format = match request.format {
        ReportFileFormat::Docx => ReportFormat::Docx,
        ReportFileFormat::Html => ReportFormat::Html,
    };
    let outcome = p.export_report(&options, format, path)?;
    Ok(ReportWritten {
        path: path.display().to_string(),
        themes: outcome.themes,
        charts: outcome.charts,
        quotes: outcome.quotes,
    })
}

/// Asks where to save the theme report and writes it; null if the researcher cancels.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    request: ReportExportRequest,
) -> Result<Option<ReportWritten>, CommandError> {
    let (kind, ext) = match request.format {
        ReportFileFormat::Docx => ("Word", "docx"),
        ReportFileFormat::Html => ("HTML", "html"),
    };
    let Some(path) = pick_save_path(&app, kind, ext, "temarapport").await? else {
        return Ok(None);
    };
    with_project(app, move |p| Ok(Some(write_report(p, &request, &path)?))).await
}

/// The built-in citation templates, then the saved ones in Norwegian order of name.
#[tauri::command]
pub async fn citation_templates(app: AppHandle) -> Result<Vec<CitationTemplateItem>, CommandError> {
    with_project(app, |p| {
        Ok(p.citation_templates()?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

/// Saves a template under a name (one of the same name is replaced); undoable.
#[tauri::command]
pub async fn save_citation_template(
    app: AppHandle,
    name: String,
    template: String,
) -> Result<CitationTemplateItem, CommandError> {
    with_project(app, move |p| {
        Ok(p.save_citation_template(&name, &template)?.into())
    })
    .await
}

/// Deletes a saved template; undoable.
#[tauri::command]
pub async fn delete_citation_template(app: AppHandle, name: String) -> Result<(), CommandError> {
    with_project(app, move |p| {
        p.delete_citation_template(&name)?;
        Ok(())
    })
    .await
}

/// A coding's notes with its omissions in UTF-16 units of `text`.
fn notes_item(text: &str, notes: tolk::export::CodingNotes) -> CodingNotesItem {
    CodingNotesItem {
        translation: notes.translation,
        omissions: notes
            .omissions
            .iter()
            .map(|r| TextRange {
                start_utf16: tolk::text::utf16_of_char(text, r.start_char),
                end_utf16: tolk::text::utf16_of_char(text, r.end_char),
            })
            .collect(),
    }
}

/// The text of the document a coding is in.
fn coding_text(p: &tolk::Project, coding: &str) -> Result<String, CommandError> {
    let view = p.coding(coding)?;
    Ok(p.document(&view.document_guid)?.text)
}

/// A coding's translation and omitted ranges.
#[tauri::command]
pub async fn coding_notes(app: AppHandle, coding: String) -> Result<CodingNotesItem, CommandError> {
    with_project(app, move |p| {
        let text = coding_text(p, &coding)?;
        Ok(notes_item(&text, p.coding_notes(&coding)?))
    })
    .await
}

/// Sets a coding's English translation (blank removes it), one undoable step; resolves to the
/// translation as stored.
#[tauri::command]
pub async fn set_coding_translation(
    app: AppHandle,
    coding: String,
    text: String,
) -> Result<Option<String>, CommandError> {
    with_project(app, move |p| Ok(p.set_translation(&coding, &text)?)).await
}

/// Replaces a coding's omitted ranges (each inside the coding; [] puts everything back), one
/// undoable step; resolves to the notes as stored (ranges merged).
#[tauri::command]
pub async fn set_coding_omissions(
    app: AppHandle,
    coding: String,
    omissions: Vec<TextRange>,
) -> Result<CodingNotesItem, CommandError> {
    with_project(app, move |p| {
        let text = coding_text(p, &coding)?;
        let ranges: Vec<CharRange> = omissions
            .iter()
            .map(|r| {
                CharRange::new(
                    tolk::text::char_of_utf16(&text, r.start_utf16),
                    tolk::text::char_of_utf16(&text, r.end_utf16),
                )
            })
            .collect();
        p.set_omissions(&coding, &ranges)?;
        Ok(notes_item(&text, p.coding_notes(&coding)?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::excerpts::{QueryOp, QueryStep};
    use std::path::PathBuf;

    use crate::state::{with_extension, DialogHook};

    #[test]
    fn export_paths_get_the_format_extension() {
        for (given, ext, expected) in [
            ("/d/utdrag", "docx", "/d/utdrag.docx"),
            ("/d/utdrag.DOCX", "docx", "/d/utdrag.DOCX"),
            ("/d/utdrag.2026", "csv", "/d/utdrag.2026.csv"),
            ("/d/kodebok.csv", "csv", "/d/kodebok.csv"),
        ] {
            assert_eq!(
                with_extension(PathBuf::from(given), ext),
                PathBuf::from(expected)
            );
        }
    }

    #[test]
    fn the_dialog_hook_answers_save_dialogs_in_turn() {
        let hook = DialogHook(std::sync::Mutex::new(Some(vec![
            PathBuf::from("/t/a.docx"),
            PathBuf::from("/t/b.csv"),
        ])));
        assert_eq!(hook.take_next(), Some(Some(PathBuf::from("/t/a.docx"))));
        assert_eq!(hook.take_next(), Some(Some(PathBuf::from("/t/b.csv"))));
        // Used up: the real dialog shows.
        assert_eq!(hook.take_next(), None);
        let cancel = DialogHook(std::sync::Mutex::new(Some(Vec::new())));
        assert_eq!(cancel.take_next(), Some(None));
    }

    /// A project with two transcripts (the interviews' headers give `rolle`, `kommune` and
    /// `dato`), both informants' answers coded T01; leder-bodo's with an emoji before it.
    /// Returns the project and the codings' GUIDs (leder-bodo's first).
    fn project(dir: &std::path::Path) -> (tolk::Project, Vec<String>) {
        let files = [
            (
                "leder-bodo.txt",
                "Rolle: enhetsleder\nKommune: Bodø\nDato: 14.02.2024\n---\n\
                 I: Hei 🤦🏼‍♀️ og velkommen.\nIP1: Tillit er frihet og ansvar.\n",
            ),
            (
                "leder-voss.txt",
                "Rolle: enhetsleder\nKommune: Voss\nDato: 05.09.2024\n---\n\
                 I: Hei.\nIP1: Vi stoler på fagfolka.\n",
            ),
        ];
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, text)| {
                let f = dir.join(name);
                std::fs::write(&f, text).unwrap();
                f
            })
            .collect();
        let mut p =
            tolk::Project::create_with_codebook(&dir.join("p.tolk"), Some("bentzen")).unwrap();
        let report = p.import_paths(&paths, &tolk::ImportOptions::default(), &mut |_| {});
        assert!(report.failed.is_empty());
        let codings = ["leder-bodo", "leder-voss"]
            .iter()
            .map(|doc| p.code_turn(doc, "T01", 2, Some("kari")).unwrap().guid)
            .collect();
        (p, codings)
    }

    fn request(citation: Option<&str>) -> ExcerptExportRequest {
        ExcerptExportRequest {
            query: ExcerptQueryInput {
                code: "T01".into(),
                ..ExcerptQueryInput::default()
            },
            format: ExcerptFormat::Docx,
            citation: citation.map(Into::into),
            guillemets: true,
            delimiter: CsvDelimiter::Semicolon,
        }
    }

    #[test]
    fn the_preview_cites_with_the_template_and_names_its_problems() {
        let dir = tempfile::tempdir().unwrap();
        let (p, _) = project(dir.path());
        let got = preview(&p, &request(Some("rolle-dato")), 1).unwrap();
        assert_eq!(got.problem, None);
        assert_eq!(got.name.as_deref(), Some("rolle-dato"));
        assert_eq!(
            got.template.as_deref(),
            Some("«…» (Intervju {date:dd.mm.yy})")
        );
        // Two excerpts in one section; the first one only is shown.
        assert_eq!((got.total, got.codes, got.excerpts.len()), (2, 1, 1));
        // leder-bodo's dato 14.02.2024 as dd.mm.yy.
        assert_eq!(
            got.excerpts[0].cited,
            "«Tillit er frihet og ansvar.» (Intervju 14.02.24)"
        );
        // Each date is one informant's: two warnings of one informant each.
        assert_eq!(got.warnings.len(), 2);
        assert_eq!(
            got.warnings[0].values,
            [FieldValue {
                field: "date:dd.mm.yy".into(),
                value: "05.09.24".into()
            }]
        );
        assert_eq!(got.warnings[0].informants.len(), 1);
        // A role both informants share: one group of two, still fewer than three.
        let role = preview(&p, &request(Some("«…» ({rolle})")), 5).unwrap();
        assert_eq!(role.name, None);
        assert_eq!(role.warnings.len(), 1);
        assert_eq!(role.warnings[0].informants.len(), 2);
        assert_eq!(
            role.excerpts[1].cited,
            "«Vi stoler på fagfolka.» (enhetsleder)"
        );

        let unknown = preview(&p, &request(Some("«…» ({fylke})")), 5).unwrap();
        assert_eq!(
            unknown.problem,
            Some(CitationProblem::UnknownField {
                field: "fylke".into(),
                attributes: vec!["dato".into(), "kommune".into(), "rolle".into()],
            })
        );
        assert!(unknown.excerpts.is_empty());
        let open = preview(&p, &request(Some("«…» ({rolle")), 5).unwrap();
        assert!(matches!(
            open.problem,
            Some(CitationProblem::Invalid { .. })
        ));
        // A query that names no code is the query's error, not the template's.
        let mut bad = request(None);
        bad.query.steps.push(QueryStep {
            op: QueryOp::And,
            code: "finnes ikke".into(),
        });
        assert!(preview(&p, &bad, 5).is_err());
    }

    #[test]
    fn a_theme_report_cites_its_quotes_with_the_template() {
        let dir = tempfile::tempdir().unwrap();
        let (p, _) = project(dir.path());
        let file = dir.path().join("rapport.html");
        let request = ReportExportRequest {
            code: Some("T01".into()),
            format: ReportFileFormat::Html,
            citation: Some("«…» ({kommune})".into()),
            guillemets: true,
        };
        let written = write_report(&p, &request, &file).unwrap();
        assert_eq!(written.themes.len(), 1);
        assert!(written.themes[0].starts_with("T01"), "{:?}", written.themes);
        // Both codings are T01's, so both are its representative quotes (five are asked for).
        assert_eq!(written.quotes, 2);
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(html.contains("«Vi stoler på fagfolka.» (Voss)"), "{html}");
        assert!(
            html.contains("«Tillit er frihet og ansvar.» (Bodø)"),
            "{html}"
        );
    }

    #[test]
    fn omissions_cross_as_utf16_units() {
        let dir = tempfile::tempdir().unwrap();
        let (mut p, codings) = project(dir.path());
        let coding = codings[0].clone();
        let text = coding_text(&p, &coding).unwrap();
        let view = p.coding(&coding).unwrap();
        // "Tillit er frihet og ansvar.": "frihet " is chars 10..17 of the span. The emoji
        // before it (5 chars, 7 UTF-16 units) puts every UTF-16 offset 2 past the char offset.
        let (s, e) = (view.start_char + 10, view.start_char + 17);
        assert_eq!(tolk::text::utf16_of_char(&text, s), s + 2);
        p.set_omissions(&coding, &[CharRange::new(s, e)]).unwrap();
        let notes = notes_item(&text, p.coding_notes(&coding).unwrap());
        assert_eq!(
            notes.omissions,
            [TextRange {
                start_utf16: s + 2,
                end_utf16: e + 2
            }]
        );
        let got = preview(&p, &request(Some("«…» ({kommune})")), 1).unwrap();
        assert_eq!(got.excerpts[0].cited, "«Tillit er (…)og ansvar.» (Bodø)");
    }
}
