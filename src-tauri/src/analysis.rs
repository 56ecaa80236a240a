//! Thematic analysis from the desktop (the Analyse mode): a theme's summary and its words in
//! context, code frequencies, the code × document / attribute and co-occurrence matrices, quote
//! pins and swaps, the framework matrix, and the core's charts as SVG (shown as images) or saved
//! as SVG / PNG through a save dialog. Every count, cell and word carries what opens the excerpts
//! behind it. Offsets cross as UTF-16 units.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use ts_rs::TS;

use tolk::analysis::{
    CodeRef, ColumnTarget, Columns, CooccurrenceMode, MatrixMeasure, MatrixOptions, QuoteChoice,
    SummaryOptions,
};
use tolk::chart::{self, from_analysis};
use tolk::coding::retrieve::Op;
use tolk::project::ExcerptQuery;

use crate::dto::Utf16Cursor;
use crate::error::CommandError;
use crate::excerpts::{ExcerptQueryInput, QueryOp, QueryStep};
use crate::state::{pick_save_path, with_project, write_file};

/// What makes two codes co-occur: sharing a turn, or overlapping codings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CooccurrenceKind {
    #[default]
    Turns,
    Overlap,
}

impl From<CooccurrenceKind> for CooccurrenceMode {
    fn from(k: CooccurrenceKind) -> Self {
        match k {
            CooccurrenceKind::Turns => CooccurrenceMode::Turns,
            CooccurrenceKind::Overlap => CooccurrenceMode::Overlap,
        }
    }
}

impl From<CooccurrenceMode> for CooccurrenceKind {
    fn from(m: CooccurrenceMode) -> Self {
        match m {
            CooccurrenceMode::Turns => CooccurrenceKind::Turns,
            CooccurrenceMode::Overlap => CooccurrenceKind::Overlap,
        }
    }
}

impl From<Op> for QueryOp {
    fn from(op: Op) -> QueryOp {
        match op {
            Op::Or => QueryOp::Or,
            Op::And => QueryOp::And,
            Op::Overlapping => QueryOp::Overlapping,
            Op::SameTurn => QueryOp::SameTurn,
            Op::Not => QueryOp::Not,
        }
    }
}

impl From<ExcerptQuery> for ExcerptQueryInput {
    fn from(q: ExcerptQuery) -> Self {
        ExcerptQueryInput {
            code: q.code,
            steps: q
                .ops
                .into_iter()
                .map(|(op, code)| QueryStep {
                    op: op.into(),
                    code,
                })
                .collect(),
            subcodes: q.subcodes,
            document: q.document,
            speaker: q.speaker,
            coder: q.coder,
            attributes: q.attributes,
            limit: Some(EXCERPT_LIMIT),
        }
    }
}

/// How many excerpts an opened count lists at once (the counts still cover all).
const EXCERPT_LIMIT: u32 = 200;

/// A code as analysis results name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnalysisCode {
    pub guid: String,
    /// The key, else the path (`T06.4`).
    pub label: String,
    pub key: Option<String>,
    pub path: String,
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// 0 for themes (top-level codes).
    pub depth: usize,
}

impl From<CodeRef> for AnalysisCode {
    fn from(c: CodeRef) -> Self {
        AnalysisCode {
            guid: c.guid,
            label: c.label,
            key: c.key,
            path: c.path,
            name: c.name,
            color: c.color,
            depth: c.depth,
        }
    }
}

/// What a theme summary covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryRequest {
    /// A code's GUID, key or path.
    pub code: String,
    /// Count its sub-codes as the theme too.
    pub subcodes: bool,
    /// Break prevalence down by this attribute (null: no breakdown).
    pub by: Option<String>,
    pub mode: CooccurrenceKind,
    /// `KEY=VALUE` filters limiting the scope; blank ones are ignored.
    pub scope: Vec<String>,
}

impl SummaryRequest {
    fn to_core(&self) -> SummaryOptions {
        SummaryOptions {
            code: self.code.clone(),
            subcodes: self.subcodes,
            by: self.by.clone().filter(|b| !b.trim().is_empty()),
            mode: self.mode.into(),
            scope: given(&self.scope),
            ..SummaryOptions::default()
        }
    }
}

fn given(filters: &[String]) -> Vec<String> {
    filters
        .iter()
        .filter(|f| !f.trim().is_empty())
        .cloned()
        .collect()
}

/// The theme's prevalence in one group of the breakdown, with the query behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryGroup {
    /// The attribute value, or «(ingen verdi)».
    pub label: String,
    /// Null: the informants and codings with no value.
    pub value: Option<String>,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
    /// N: the group's informants.
    pub informants_total: usize,
    pub query: ExcerptQueryInput,
}

/// How much of one document's informant words the theme codes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryShare {
    pub document: String,
    pub document_guid: String,
    pub informant_words: usize,
    pub coded_words: usize,
    /// 0 to 1.
    pub share: f64,
    pub query: ExcerptQueryInput,
}

/// A code the theme co-occurs with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryCooccurring {
    pub code: AnalysisCode,
    pub count: usize,
    /// 0 to 1.
    pub jaccard: f64,
    /// The theme's excerpts in a turn with the code (turns), or the places both cover (overlap).
    pub query: ExcerptQueryInput,
}

/// A word the theme over-uses.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryWord {
    /// Its most frequent form in the theme's excerpts.
    pub word: String,
    pub count: usize,
    /// Occurrences in all other informant speech.
    pub other_count: usize,
    /// Dunning's G².
    pub g2: f64,
}

/// A representative quote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryQuote {
    /// The GUID of one of its codings: what pin and swap name.
    pub coding: String,
    pub document: String,
    pub document_guid: String,
    pub informant: Option<String>,
    pub speaker: Option<String>,
    pub turn: Option<u32>,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub text: String,
    pub pinned: bool,
}

/// A theme's summary, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeSummaryView {
    pub code: AnalysisCode,
    pub definition: String,
    pub memo: Option<String>,
    pub subcodes: bool,
    pub excerpts: usize,
    pub documents: usize,
    pub documents_total: usize,
    pub informants: usize,
    pub informants_total: usize,
    /// «fem av syv informanter»: the prevalence as a paper writes it (bokmål).
    pub phrase_words: String,
    /// Every excerpt of the theme.
    pub query: ExcerptQueryInput,
    pub coded_share: Vec<SummaryShare>,
    /// The breakdown's attribute (lower-case), if any.
    pub by: Option<String>,
    pub groups: Vec<SummaryGroup>,
    pub mode: CooccurrenceKind,
    pub cooccurring: Vec<SummaryCooccurring>,
    pub distinctive_words: Vec<SummaryWord>,
    pub quotes: Vec<SummaryQuote>,
}

fn summary_view(
    p: &tolk::Project,
    s: tolk::analysis::ThemeSummary,
) -> Result<ThemeSummaryView, CommandError> {
    let base: ExcerptQueryInput = s.excerpt_query().into();
    let groups = s
        .groups
        .iter()
        .map(|g| SummaryGroup {
            label: g.label.clone(),
            value: g.value.clone(),
            excerpts: g.excerpts,
            documents: g.documents,
            informants: g.informants,
            informants_total: g.informants_total,
            query: s.group_query(g).into(),
        })
        .collect();
    let op = match s.cooccurrence_mode {
        CooccurrenceMode::Turns => QueryOp::SameTurn,
        CooccurrenceMode::Overlap => QueryOp::And,
    };
    let cooccurring = s
        .cooccurring
        .iter()
        .map(|c| {
            let mut query = base.clone();
            query.steps.push(QueryStep {
                op,
                code: c.code.guid.clone(),
            });
            SummaryCooccurring {
                code: c.code.clone().into(),
                count: c.count,
                jaccard: c.jaccard,
                query,
            }
        })
        .collect();
    let coded_share = s
        .coded_share
        .iter()
        .map(|d| SummaryShare {
            document: d.document.clone(),
            document_guid: d.document_guid.clone(),
            informant_words: d.informant_words,
            coded_words: d.coded_words,
            share: d.share,
            query: ExcerptQueryInput {
                document: Some(d.document_guid.clone()),
                ..base.clone()
            },
        })
        .collect();
    let mut quotes = Vec::with_capacity(s.quotes.len());
    for q in &s.quotes {
        // A handful of quotes in the core's order (not by offset): each converted on its own.
        let start_utf16 =
            tolk::text::utf16_of_char(&p.document(&q.document_guid)?.text, q.start_char);
        quotes.push(SummaryQuote {
            coding: q.coding.clone(),
            document: q.document.clone(),
            document_guid: q.document_guid.clone(),
            informant: q.informant.clone(),
            speaker: q.speaker.clone(),
            turn: q.turn,
            start_utf16,
            // The text is exactly the span's chars.
            end_utf16: start_utf16 + q.text.encode_utf16().count(),
            text: q.text.clone(),
            pinned: q.pinned,
        });
    }
    Ok(ThemeSummaryView {
        definition: s.definition.clone(),
        memo: s.memo.clone(),
        subcodes: s.subcodes,
        excerpts: s.excerpts,
        documents: s.documents,
        documents_total: s.documents_total,
        informants: s.informants,
        informants_total: s.informants_total,
        phrase_words: s.phrase_words.clone(),
        query: base,
        coded_share,
        by: s.by.clone(),
        groups,
        mode: s.cooccurrence_mode.into(),
        cooccurring,
        distinctive_words: s
            .distinctive_words
            .iter()
            .map(|w| SummaryWord {
                word: w.word.clone(),
                count: w.count,
                other_count: w.other_count,
                g2: w.g2,
            })
            .collect(),
        quotes,
        code: s.code.into(),
    })
}

/// A theme's summary: prevalence, breakdown, shares, co-occurring codes, distinctive words and
/// representative quotes, each with the excerpts behind it.
#[tauri::command]
pub async fn theme_summary(
    app: AppHandle,
    request: SummaryRequest,
) -> Result<ThemeSummaryView, CommandError> {
    with_project(app, move |p| {
        let summary = p.theme_summary(&request.to_core())?;
        summary_view(p, summary)
    })
    .await
}

/// A keyword-in-context line of a distinctive word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WordLine {
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    /// The word in the document's text.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// Up to 60 characters before the word, on its line.
    pub before: String,
    pub word: String,
    pub after: String,
}

/// Every occurrence of a word (any form of its stem) in the theme's excerpts, in document order.
#[tauri::command]
pub async fn theme_word_lines(
    app: AppHandle,
    request: SummaryRequest,
    word: String,
) -> Result<Vec<WordLine>, CommandError> {
    with_project(app, move |p| {
        let lines = p.theme_word_contexts(&request.to_core(), &word)?;
        let mut out = Vec::with_capacity(lines.len());
        for group in lines.chunk_by(|a, b| a.document_guid == b.document_guid) {
            let text = p.document(&group[0].document_guid)?.text;
            let mut cursor = Utf16Cursor::new(&text);
            for l in group {
                let start_utf16 = cursor.utf16_of(l.start_char);
                out.push(WordLine {
                    document: l.document.clone(),
                    document_guid: l.document_guid.clone(),
                    turn: l.turn,
                    start_utf16,
                    end_utf16: start_utf16 + l.word.encode_utf16().count(),
                    before: l.before.clone(),
                    word: l.word.clone(),
                    after: l.after.clone(),
                });
            }
        }
        Ok(out)
    })
    .await
}

/// Pinned (always shown, first) or swapped out (never shown); null clears the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum QuoteChoiceKind {
    Pinned,
    Excluded,
}

impl From<QuoteChoiceKind> for QuoteChoice {
    fn from(k: QuoteChoiceKind) -> Self {
        match k {
            QuoteChoiceKind::Pinned => QuoteChoice::Pinned,
            QuoteChoiceKind::Excluded => QuoteChoice::Excluded,
        }
    }
}

impl From<QuoteChoice> for QuoteChoiceKind {
    fn from(c: QuoteChoice) -> Self {
        match c {
            QuoteChoice::Pinned => QuoteChoiceKind::Pinned,
            QuoteChoice::Excluded => QuoteChoiceKind::Excluded,
        }
    }
}

/// Pins a quote of a code's summary, swaps it out, or (null) clears the choice. Undoable.
#[tauri::command]
pub async fn set_quote_choice(
    app: AppHandle,
    code: String,
    coding: String,
    choice: Option<QuoteChoiceKind>,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        Ok(p.set_quote_choice(&code, &coding, choice.map(Into::into))?)
    })
    .await
}

/// A stored quote choice, for «Vis byttede sitater».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuoteChoiceItem {
    pub coding: String,
    pub choice: QuoteChoiceKind,
    pub document: String,
    /// The quote's words.
    pub text: String,
}

/// The quote choices stored for a code: pins in order, then swapped-out quotes.
#[tauri::command]
pub async fn quote_choices(
    app: AppHandle,
    code: String,
) -> Result<Vec<QuoteChoiceItem>, CommandError> {
    with_project(app, move |p| {
        let mut out = Vec::new();
        for c in p.quote_choices(&code)? {
            let text = p.document(&c.document)?.text;
            out.push(QuoteChoiceItem {
                text: tolk::text::slice_chars(&text, c.start_char, c.end_char).to_owned(),
                coding: c.coding,
                choice: c.choice.into(),
                document: c.document,
            });
        }
        Ok(out)
    })
    .await
}

/// A code's excerpts, documents and informants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodeFrequencyItem {
    pub code: AnalysisCode,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
    pub query: ExcerptQueryInput,
}

/// Every code's frequencies in codebook order, each code alone or with its sub-codes.
#[tauri::command]
pub async fn code_frequencies(
    app: AppHandle,
    subcodes: bool,
) -> Result<Vec<CodeFrequencyItem>, CommandError> {
    with_project(app, move |p| {
        Ok(p.code_frequencies(subcodes)?
            .into_iter()
            .map(|f| CodeFrequencyItem {
                query: ExcerptQuery {
                    code: f.code.guid.clone(),
                    subcodes,
                    ..ExcerptQuery::default()
                }
                .into(),
                code: f.code.into(),
                excerpts: f.excerpts,
                documents: f.documents,
                informants: f.informants,
            })
            .collect())
    })
    .await
}

/// What a code matrix counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MatrixCount {
    #[default]
    Excerpts,
    Informants,
    /// Co-occurrence over turns.
    Turns,
    /// Co-occurrence over overlapping codings.
    Overlap,
}

impl From<MatrixMeasure> for MatrixCount {
    fn from(m: MatrixMeasure) -> Self {
        match m {
            MatrixMeasure::Excerpts => MatrixCount::Excerpts,
            MatrixMeasure::Informants => MatrixCount::Informants,
            MatrixMeasure::Turns => MatrixCount::Turns,
            MatrixMeasure::Overlap => MatrixCount::Overlap,
        }
    }
}

/// A code × document (no `attribute`) or code × attribute matrix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatrixRequest {
    /// The rows (GUIDs, keys or paths) in order; empty: every code.
    pub codes: Vec<String>,
    pub subcodes: bool,
    /// One column per value of this attribute; null: one per document.
    pub attribute: Option<String>,
    /// Excerpts or informants (the co-occurrence kinds are refused here).
    pub count: MatrixCount,
    pub scope: Vec<String>,
}

impl MatrixRequest {
    fn to_core(&self) -> Result<MatrixOptions, CommandError> {
        let measure = match self.count {
            MatrixCount::Excerpts => MatrixMeasure::Excerpts,
            MatrixCount::Informants => MatrixMeasure::Informants,
            other => {
                return Err(CommandError::other(format!(
                    "a code matrix counts excerpts or informants, not {other:?}"
                )))
            }
        };
        Ok(MatrixOptions {
            codes: self.codes.clone(),
            subcodes: self.subcodes,
            columns: match self.attribute.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => Columns::Attribute(name.to_owned()),
                _ => Columns::Documents,
            },
            measure,
            scope: given(&self.scope),
        })
    }
}

/// A matrix row: a code and its total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatrixRowItem {
    pub code: AnalysisCode,
    pub total: usize,
}

/// A matrix column: a document, an attribute value or a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatrixColumnItem {
    pub label: String,
    /// On the co-occurrence matrix: the column's code GUID (the diagonal is where it meets its
    /// own row).
    pub code: Option<String>,
    pub total: usize,
    /// What every cell of the column asks for its excerpts, with `code` left empty: a cell's
    /// query is this with `code` set to its row's code GUID.
    pub query: ExcerptQueryInput,
}

/// A matrix cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatrixCellItem {
    pub count: usize,
    pub row_share: f64,
    pub col_share: f64,
    /// Co-occurrence only.
    pub jaccard: Option<f64>,
}

/// A matrix, `cells[row][col]`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatrixView {
    pub count: MatrixCount,
    pub rows: Vec<MatrixRowItem>,
    pub cols: Vec<MatrixColumnItem>,
    pub cells: Vec<Vec<MatrixCellItem>>,
}

impl From<tolk::analysis::Matrix> for MatrixView {
    fn from(m: tolk::analysis::Matrix) -> Self {
        let cols = (0..m.cols.len())
            .map(|j| MatrixColumnItem {
                label: m.cols[j].label.clone(),
                code: match &m.cols[j].target {
                    ColumnTarget::Code { guid } => Some(guid.clone()),
                    _ => None,
                },
                total: m.cols[j].total,
                query: if m.rows.is_empty() {
                    ExcerptQueryInput::default()
                } else {
                    ExcerptQueryInput {
                        code: String::new(),
                        ..m.excerpt_query(0, j).into()
                    }
                },
            })
            .collect();
        MatrixView {
            count: m.measure.into(),
            cells: m
                .cells
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| MatrixCellItem {
                            count: c.count,
                            row_share: c.row_share,
                            col_share: c.col_share,
                            jaccard: c.jaccard,
                        })
                        .collect()
                })
                .collect(),
            rows: m
                .rows
                .into_iter()
                .map(|r| MatrixRowItem {
                    code: r.code.into(),
                    total: r.total,
                })
                .collect(),
            cols,
        }
    }
}

/// Codes × documents or × an attribute's values, in excerpts or informants.
#[tauri::command]
pub async fn code_matrix(
    app: AppHandle,
    request: MatrixRequest,
) -> Result<MatrixView, CommandError> {
    with_project(app, move |p| Ok(p.code_matrix(&request.to_core()?)?.into())).await
}

/// Codes × codes: turns (or overlapping places) holding both, with Jaccard.
#[tauri::command]
pub async fn cooccurrence_matrix(
    app: AppHandle,
    mode: CooccurrenceKind,
) -> Result<MatrixView, CommandError> {
    with_project(app, move |p| Ok(p.cooccurrence_matrix(mode.into())?.into())).await
}

/// One informant × theme cell of the framework matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FrameworkCellItem {
    /// The researcher's summary; empty when not written.
    pub text: String,
    pub author: Option<String>,
    /// RFC 3339.
    pub updated_at: Option<String>,
    /// Excerpts of the theme (with sub-codes) in the informant's turns.
    pub excerpts: usize,
}

/// One informant's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FrameworkRowItem {
    pub informant: String,
    pub informant_guid: String,
    pub cells: Vec<FrameworkCellItem>,
}

/// Informants × themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FrameworkView {
    pub codes: Vec<AnalysisCode>,
    pub rows: Vec<FrameworkRowItem>,
}

/// The framework matrix over these codes (empty: the themes, i.e. the top-level codes).
#[tauri::command]
pub async fn framework_matrix(
    app: AppHandle,
    codes: Vec<String>,
) -> Result<FrameworkView, CommandError> {
    with_project(app, move |p| {
        let m = p.framework_matrix(&codes)?;
        Ok(FrameworkView {
            codes: m.codes.into_iter().map(Into::into).collect(),
            rows: m
                .rows
                .into_iter()
                .map(|r| FrameworkRowItem {
                    informant: r.informant,
                    informant_guid: r.informant_guid,
                    cells: r
                        .cells
                        .into_iter()
                        .map(|c| FrameworkCellItem {
                            text: c.text.unwrap_or_default(),
                            author: c.author,
                            updated_at: c.updated_at,
                            excerpts: c.excerpts,
                        })
                        .collect(),
                })
                .collect(),
        })
    })
    .await
}

/// Writes one framework cell's summary (empty clears it). Undoable.
#[tauri::command]
pub async fn set_framework_cell(
    app: AppHandle,
    informant: String,
    code: String,
    text: String,
) -> Result<(), CommandError> {
    with_project(app, move |p| {
        Ok(p.set_framework_cell(&informant, &code, &text)?)
    })
    .await
}

/// An excerpt a framework cell links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LinkedExcerpt {
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub text: String,
}

/// The excerpts behind one framework cell, in document order.
#[tauri::command]
pub async fn framework_cell_excerpts(
    app: AppHandle,
    informant: String,
    code: String,
) -> Result<Vec<LinkedExcerpt>, CommandError> {
    with_project(app, move |p| {
        let m = p.framework_matrix(std::slice::from_ref(&code))?;
        let Some(row) = m
            .rows
            .into_iter()
            .find(|r| r.informant_guid == informant || r.informant == informant)
        else {
            return Err(CommandError::other(format!(
                "no informant {informant:?} in the framework matrix"
            )));
        };
        let links = row
            .cells
            .into_iter()
            .flat_map(|c| c.links)
            .collect::<Vec<_>>();
        let mut out = Vec::with_capacity(links.len());
        for group in links.chunk_by(|a, b| a.document_guid == b.document_guid) {
            let text = p.document(&group[0].document_guid)?.text;
            let mut cursor = Utf16Cursor::new(&text);
            for l in group {
                let words = tolk::text::slice_chars(&text, l.start_char, l.end_char).to_owned();
                let start_utf16 = cursor.utf16_of(l.start_char);
                out.push(LinkedExcerpt {
                    document: l.document.clone(),
                    document_guid: l.document_guid.clone(),
                    turn: l.turn,
                    start_utf16,
                    end_utf16: start_utf16 + words.encode_utf16().count(),
                    text: words,
                });
            }
        }
        Ok(out)
    })
    .await
}

/// Which chart to draw. Labels are bokmål, as in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum ChartRequest {
    /// Informants per code for a theme and each of its sub-codes, «X av N informanter».
    Prevalence { summary: SummaryRequest },
    /// A code matrix as a heatmap (its rows as asked).
    Heatmap { matrix: MatrixRequest },
    /// Codes with excerpts as circles, linked by how often they occur together.
    ThemeMap { mode: CooccurrenceKind },
}

/// The file a chart is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ChartFormat {
    Svg,
    Png,
}

/// Draws a chart with the core's adapters (`chart::from_analysis`), as `tolk chart` does.
fn draw(p: &tolk::Project, request: &ChartRequest) -> Result<String, CommandError> {
    Ok(match request {
        ChartRequest::Prevalence { summary } => {
            let options = SummaryOptions {
                quotes: 0,
                ..summary.to_core()
            };
            let theme = p.theme_summary(&options)?;
            let family: Vec<String> = std::iter::once(theme.code.guid.clone())
                .chain(
                    p.codes()?
                        .into_iter()
                        .filter(|c| !c.hidden && c.parent.as_deref() == Some(&theme.code.guid))
                        .map(|c| c.guid),
                )
                .collect();
            let bars: Vec<_> = p
                .code_frequencies(summary.subcodes)?
                .into_iter()
                .filter(|f| family.contains(&f.code.guid))
                .collect();
            let title = format!("«{}»: informanter", theme.code.name);
            from_analysis::prevalence_chart(&title, &bars, theme.informants_total).to_svg()?
        }
        ChartRequest::Heatmap { matrix } => {
            let options = matrix.to_core()?;
            let m = p.code_matrix(&options)?;
            let across = match &options.columns {
                Columns::Documents => "dokumenter".to_owned(),
                Columns::Attribute(name) => name.clone(),
            };
            let counted = match options.measure {
                MatrixMeasure::Informants => "informanter",
                _ => "utdrag",
            };
            from_analysis::matrix_heatmap(&format!("Koder × {across} ({counted})"), &m, None)
                .to_svg()?
        }
        ChartRequest::ThemeMap { mode } => {
            let coded: Vec<_> = p
                .code_frequencies(false)?
                .into_iter()
                .filter(|f| f.excerpts > 0)
                .collect();
            let m = p.cooccurrence_matrix((*mode).into())?;
            from_analysis::theme_map("Temakart: alle kodede koder", &coded, &m).to_svg()?
        }
    })
}

/// A chart as SVG, for the app to show as an image.
#[tauri::command]
pub async fn chart(app: AppHandle, request: ChartRequest) -> Result<String, CommandError> {
    with_project(app, move |p| draw(p, &request)).await
}

/// Asks where to save a chart and writes it as SVG, or as PNG 16 cm wide at 300 dpi (recorded
/// in the file). Returns the path, or null if the researcher cancels.
#[tauri::command]
pub async fn save_chart(
    app: AppHandle,
    request: ChartRequest,
    format: ChartFormat,
) -> Result<Option<String>, CommandError> {
    let (kind, ext) = match format {
        ChartFormat::Svg => ("SVG", "svg"),
        ChartFormat::Png => ("PNG", "png"),
    };
    let Some(path) = pick_save_path(&app, kind, ext, "diagram").await? else {
        return Ok(None);
    };
    with_project(app, move |p| {
        let svg = draw(p, &request)?;
        let bytes = match format {
            ChartFormat::Svg => svg.into_bytes(),
            ChartFormat::Png => chart::to_png(&svg, chart::DEFAULT_WIDTH_CM, chart::DEFAULT_DPI)?,
        };
        write_file(&path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    use crate::state::with_extension;

    /// A project with the Bentzen codebook and two transcripts: «Int. 01» has an emoji (5 chars,
    /// 7 UTF-16 units) before IP1's words, «Int. 02» none. T01 codes IP1's second turn in both,
    /// T06 the first turn of Int. 02.
    fn project(dir: &std::path::Path) -> tolk::Project {
        let one = dir.join("Int. 01.txt");
        std::fs::write(
            &one,
            "I: Hei 🤦🏼‍♀️ og velkommen\nIP1: Tillit er viktig.\nI: Mer?\nIP1: Vi stoler på folka.\n",
        )
        .unwrap();
        let two = dir.join("Int. 02.txt");
        std::fs::write(
            &two,
            "I: Hei\nIP1: Skjemaene styrer.\nI: Mer?\nIP1: Tillit mangler.\n",
        )
        .unwrap();
        let mut p =
            tolk::Project::create_with_codebook(&dir.join("p.tolk"), Some("bentzen")).unwrap();
        let report = p.import_paths(&[one, two], &tolk::ImportOptions::default(), &mut |_| {});
        assert!(report.failed.is_empty());
        for doc in ["Int. 01", "Int. 02"] {
            p.code_turn(doc, "T01", 4, Some("kari")).unwrap();
        }
        p.code_turn("Int. 02", "T06", 2, Some("kari")).unwrap();
        p
    }

    #[test]
    fn a_cell_query_is_its_column_query_with_the_row_code() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let options = MatrixRequest {
            codes: vec!["T01".into(), "T06".into()],
            ..MatrixRequest::default()
        }
        .to_core()
        .unwrap();
        let core = p.code_matrix(&options).unwrap();
        let view = MatrixView::from(core.clone());
        // 2 rows × 2 documents.
        assert_eq!((view.rows.len(), view.cols.len()), (2, 2));
        for (i, row) in view.rows.iter().enumerate() {
            for (j, col) in view.cols.iter().enumerate() {
                let cell = ExcerptQueryInput {
                    code: row.code.guid.clone(),
                    ..col.query.clone()
                };
                assert_eq!(
                    cell,
                    ExcerptQueryInput::from(core.excerpt_query(i, j)),
                    "{i} × {j}"
                );
            }
        }
        let co = MatrixView::from(p.cooccurrence_matrix(CooccurrenceMode::Turns).unwrap());
        assert!(co.cols.iter().all(|c| c.code.is_some()));
    }

    #[test]
    fn summary_quotes_cross_as_utf16_units() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let request = SummaryRequest {
            code: "T01".into(),
            subcodes: true,
            ..SummaryRequest::default()
        };
        let view = summary_view(&p, p.theme_summary(&request.to_core()).unwrap()).unwrap();
        // T01 in both documents' IP1 turns: 2 excerpts, 2 of 2 informants.
        assert_eq!(
            (view.excerpts, view.informants, view.informants_total),
            (2, 2, 2)
        );
        let quote = view
            .quotes
            .iter()
            .find(|q| q.document == "Int. 01")
            .expect("a quote from Int. 01");
        let text = p.document("Int. 01").unwrap().text;
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[quote.start_utf16..quote.end_utf16]).unwrap(),
            "Vi stoler på folka."
        );
        // The emoji is 5 chars but 7 units: the quote starts 2 units later than its char offset.
        let byte = text.find("Vi stoler").unwrap();
        let start_char = text[..byte].chars().count();
        assert_eq!(quote.start_utf16, start_char + 2);
        // T06 shares a turn with T01 nowhere: turn 2 of Int. 02 holds only T06.
        assert!(view.cooccurring.is_empty());
    }

    #[test]
    fn saved_charts_get_their_extension() {
        let cases = [
            ("/d/Tillit", "png", "/d/Tillit.png"),
            ("/d/Tillit.png", "png", "/d/Tillit.png"),
            ("/d/Tillit.SVG", "svg", "/d/Tillit.SVG"),
            ("/d/Tillit.v2", "svg", "/d/Tillit.v2.svg"),
        ];
        for (given, ext, expected) in cases {
            assert_eq!(
                with_extension(PathBuf::from(given), ext),
                PathBuf::from(expected)
            );
        }
    }
}
