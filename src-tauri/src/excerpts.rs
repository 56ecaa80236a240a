//! Coded excerpts from the desktop: run an excerpt query (the Utdrag panel and view), count what
//! it found against the project, and read an excerpt's neighbouring turns. Offsets cross as
//! UTF-16 units, converted here from the core's char offsets.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use ts_rs::TS;

use tolk::coding::retrieve::Op;
use tolk::project::ExcerptQuery;

use crate::dto::Utf16Cursor;
use crate::error::CommandError;
use crate::state::with_project;

/// An operator joining the result so far with another code's codings (see the core's
/// `coding::retrieve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum QueryOp {
    Or,
    And,
    Overlapping,
    SameTurn,
    Not,
}

impl From<QueryOp> for Op {
    fn from(op: QueryOp) -> Op {
        match op {
            QueryOp::Or => Op::Or,
            QueryOp::And => Op::And,
            QueryOp::Overlapping => Op::Overlapping,
            QueryOp::SameTurn => Op::SameTurn,
            QueryOp::Not => Op::Not,
        }
    }
}

/// One step of a query after its first code: an operator and a code (key, GUID or path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueryStep {
    pub op: QueryOp,
    pub code: String,
}

/// An excerpt query: `code`, then each step left to right, over the codings the filters let
/// through. Empty filters are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptQueryInput {
    pub code: String,
    pub steps: Vec<QueryStep>,
    /// Include each named code's sub-codes.
    pub subcodes: bool,
    /// A document name or GUID.
    pub document: Option<String>,
    /// A speaker label (the turn where a coding starts).
    pub speaker: Option<String>,
    /// A coder name.
    pub coder: Option<String>,
    /// `KEY=VALUE`, `doc.KEY=VALUE` or `inf.KEY=VALUE`; all must hold.
    pub attributes: Vec<String>,
    /// Return at most this many excerpts (the counts still cover all); null: all.
    pub limit: Option<u32>,
}

impl ExcerptQueryInput {
    pub(crate) fn to_core(&self) -> ExcerptQuery {
        let given = |s: &Option<String>| s.as_ref().filter(|v| !v.trim().is_empty()).cloned();
        ExcerptQuery {
            code: self.code.clone(),
            ops: self
                .steps
                .iter()
                .map(|s| (s.op.into(), s.code.clone()))
                .collect(),
            subcodes: self.subcodes,
            document: given(&self.document),
            speaker: given(&self.speaker),
            coder: given(&self.coder),
            attributes: self
                .attributes
                .iter()
                .filter(|a| !a.trim().is_empty())
                .cloned()
                .collect(),
        }
    }
}

/// One coded excerpt with what a citation needs («Int. 03 · tur 12 · 00:14:32 · I3»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptItem {
    pub document: String,
    pub document_guid: String,
    /// The code's key, else its path; for an AND piece, the expression.
    pub code: String,
    /// The speaker label of the turn it starts in (null in the preamble).
    pub speaker: Option<String>,
    pub turn: Option<u32>,
    pub time_ms: Option<u64>,
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// Exactly the excerpt's characters.
    pub text: String,
    /// Every coder who made it, sorted.
    pub coders: Vec<String>,
}

/// «37 utdrag fra 9 av 12 informanter»: what the result holds against the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptCounts {
    pub excerpts: usize,
    pub documents: usize,
    pub documents_total: usize,
    pub informants: usize,
    pub informants_total: usize,
}

impl From<tolk::project::ExcerptCounts> for ExcerptCounts {
    fn from(c: tolk::project::ExcerptCounts) -> Self {
        ExcerptCounts {
            excerpts: c.excerpts,
            documents: c.documents,
            documents_total: c.documents_total,
            informants: c.informants,
            informants_total: c.informants_total,
        }
    }
}

/// A query's answer: the excerpts (the first `limit`) and the counts of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptResult {
    pub excerpts: Vec<ExcerptItem>,
    pub counts: ExcerptCounts,
}

/// A code a query can name, in tree order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueryCode {
    pub guid: String,
    pub key: Option<String>,
    pub path: String,
    pub name: String,
    /// 0 for top-level codes.
    pub depth: usize,
}

/// A turn next to an excerpt, for its expanded view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ContextTurn {
    pub n: u32,
    pub speaker: String,
    pub time_ms: Option<u64>,
    /// The turn's words (without label and timestamp).
    pub text: String,
}

/// The turns before and after an excerpt's turn (null at either end of the transcript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcerptContext {
    pub previous: Option<ContextTurn>,
    pub turn: ContextTurn,
    pub next: Option<ContextTurn>,
}

/// Converts the core's excerpts to DTOs, reading each document's text once (excerpts come
/// document by document, in ascending order within one).
fn items(
    p: &tolk::Project,
    excerpts: &[tolk::project::Excerpt],
) -> Result<Vec<ExcerptItem>, CommandError> {
    let mut out = Vec::with_capacity(excerpts.len());
    let mut text = String::new();
    let mut current: Option<&str> = None;
    for group in excerpts.chunk_by(|a, b| a.document_guid == b.document_guid) {
        let guid = group[0].document_guid.as_str();
        if current != Some(guid) {
            text = p.document(guid)?.text;
            current = Some(guid);
        }
        let mut cursor = Utf16Cursor::new(&text);
        for e in group {
            let start_utf16 = cursor.utf16_of(e.start_char);
            out.push(ExcerptItem {
                document: e.document.clone(),
                document_guid: e.document_guid.clone(),
                code: e.code.clone(),
                speaker: e.speaker.clone(),
                turn: e.turn,
                time_ms: e.time_ms,
                start_utf16,
                // The text is exactly the span's chars.
                end_utf16: start_utf16 + e.text.encode_utf16().count(),
                text: e.text.clone(),
                coders: e.coders.clone(),
            });
        }
    }
    Ok(out)
}

/// Runs an excerpt query; the counts cover every excerpt, the list the first `limit`.
#[tauri::command]
pub async fn run_excerpt_query(
    app: AppHandle,
    query: ExcerptQueryInput,
) -> Result<ExcerptResult, CommandError> {
    with_project(app, move |p| {
        let excerpts = p.excerpts(&query.to_core())?;
        let counts = p.excerpt_counts(&excerpts)?.into();
        let shown = query
            .limit
            .map_or(excerpts.len(), |n| (n as usize).min(excerpts.len()));
        Ok(ExcerptResult {
            excerpts: items(p, &excerpts[..shown])?,
            counts,
        })
    })
    .await
}

/// Every code in tree order, for the query builder.
#[tauri::command]
pub async fn list_query_codes(app: AppHandle) -> Result<Vec<QueryCode>, CommandError> {
    with_project(app, |p| {
        Ok(p.codes()?
            .into_iter()
            .map(|c| QueryCode {
                guid: c.guid,
                key: c.key,
                path: c.path,
                name: c.name,
                depth: c.depth,
            })
            .collect())
    })
    .await
}

/// The turns around turn `turn` of a document: what an expanded excerpt shows.
#[tauri::command]
pub async fn excerpt_context(
    app: AppHandle,
    document: String,
    turn: u32,
) -> Result<ExcerptContext, CommandError> {
    with_project(app, move |p| {
        let doc = p.document(&document)?;
        let Some(i) = doc.turns.iter().position(|t| t.n == turn) else {
            return Err(CommandError::other(format!(
                "{:?} has no turn {turn}",
                doc.name
            )));
        };
        let context = |j: usize| {
            doc.turns.get(j).map(|t| ContextTurn {
                n: t.n,
                speaker: t.speaker.clone(),
                time_ms: t.time_ms,
                text: doc.turn_text(t).to_owned(),
            })
        };
        Ok(ExcerptContext {
            previous: i.checked_sub(1).and_then(context),
            turn: context(i).expect("the turn was found"),
            next: context(i + 1),
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_filters_are_left_out() {
        let input = ExcerptQueryInput {
            code: "T01".into(),
            steps: vec![QueryStep {
                op: QueryOp::SameTurn,
                code: "T06".into(),
            }],
            subcodes: true,
            document: Some("  ".into()),
            speaker: Some("I3".into()),
            coder: None,
            attributes: vec!["".into(), "rolle=leder".into()],
            limit: None,
        };
        let core = input.to_core();
        assert_eq!(core.ops, vec![(Op::SameTurn, "T06".to_owned())]);
        assert_eq!(core.document, None);
        assert_eq!(core.speaker.as_deref(), Some("I3"));
        assert_eq!(core.attributes, ["rolle=leder"]);
    }

    #[test]
    fn excerpt_offsets_cross_as_utf16_units() {
        // 🤦🏼‍♀️ is 5 chars and 7 UTF-16 units; "n\u{308}" (n + combining diaeresis, which NFC
        // keeps as two) 2 chars and 2 units.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Int. 01.txt");
        std::fs::write(&file, "I: Hei 🤦🏼‍♀️ og\nIP: Man\u{308}a er bra. Mer tekst.\n").unwrap();
        let mut p =
            tolk::Project::create_with_codebook(&dir.path().join("p.tolk"), Some("bentzen"))
                .unwrap();
        let report = p.import_paths(&[file], &tolk::ImportOptions::default(), &mut |_| {});
        assert!(report.failed.is_empty());
        let doc = p.document("Int. 01").unwrap();
        let turn = &doc.turns[1];
        // "Man\u{308}a er bra.": chars 0..13 of turn 2's words.
        let (start, end) = (turn.start_char, turn.start_char + 13);
        p.code_span("Int. 01", "T01", start, end, Some("kari"))
            .unwrap();
        let excerpts = p
            .excerpts(&ExcerptQuery {
                code: "T01".into(),
                ..ExcerptQuery::default()
            })
            .unwrap();
        let got = items(&p, &excerpts).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Man\u{308}a er bra.");
        // UTF-16 of the text before the span: the emoji's 7 units instead of 5 chars.
        assert_eq!(
            got[0].start_utf16,
            tolk::text::utf16_of_char(&doc.text, start)
        );
        assert_eq!(got[0].start_utf16, start + 2);
        assert_eq!(got[0].end_utf16, end + 2);
        let units: Vec<u16> = doc.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[got[0].start_utf16..got[0].end_utf16]).unwrap(),
            got[0].text
        );
    }
}
