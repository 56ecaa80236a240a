//! The Søk tab: searching the transcripts, coding one hit or every hit of a search, and saved
//! searches. A hit's place crosses as UTF-16 units of its document's text (`*Utf16`), its
//! highlights as UTF-16 units of its snippet; both are converted here from the core's chars.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use ts_rs::TS;

use tolk::project::{HitExtent, SearchRequest};

use crate::dto::Utf16Cursor;
use crate::error::CommandError;
use crate::state::with_project;

/// A search: the query and its scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchInput {
    pub query: String,
    /// Only hits inside codings of this code (GUID, key or path) and its sub-codes.
    pub code: Option<String>,
    /// Only hits in text no coder in view has coded.
    pub uncoded: bool,
    /// The coder in view (a name), whose codings `uncoded` and `code` look at; null: every
    /// coder's.
    pub coder: Option<String>,
    /// `KEY=VALUE` filters that all must hold.
    pub filters: Vec<String>,
    /// How many hits to list (the counts cover all); null: the core's default.
    pub limit: Option<u32>,
}

impl SearchInput {
    fn to_core(&self) -> SearchRequest {
        let mut request = SearchRequest::new(self.query.clone());
        request.code = self.code.clone().filter(|c| !c.trim().is_empty());
        request.uncoded = self.uncoded;
        request.coder = self.coder.clone().filter(|c| !c.trim().is_empty());
        request.filters = self.filters.clone();
        if let Some(limit) = self.limit {
            request.limit = limit as usize;
        }
        request
    }
}

/// A highlighted range of a snippet, in UTF-16 units of the snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SnippetRange {
    pub start_utf16: usize,
    pub end_utf16: usize,
}

/// One hit with its keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHitItem {
    pub document: String,
    pub document_guid: String,
    /// Null in the preamble.
    pub turn: Option<u32>,
    pub speaker: Option<String>,
    /// The match in the document's text.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The match with up to about 60 characters on each side, `…` where it was cut.
    pub snippet: String,
    pub highlights: Vec<SnippetRange>,
}

/// What a search found: complete counts, and the first `limit` hits in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchOutput {
    pub hits: usize,
    /// Turns (and preamble paragraphs) with a hit.
    pub turns: usize,
    pub documents: usize,
    pub informants: usize,
    pub results: Vec<SearchHitItem>,
}

/// How much a coding from a hit takes: its turn, its sentence or just the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Extent {
    Turn,
    Sentence,
    Match,
}

impl From<Extent> for HitExtent {
    fn from(e: Extent) -> HitExtent {
        match e {
            Extent::Turn => HitExtent::Turn,
            Extent::Sentence => HitExtent::Sentence,
            Extent::Match => HitExtent::Match,
        }
    }
}

/// What coding hits did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HitsCoded {
    pub hits: usize,
    /// New codings (hits sharing a turn or sentence make one).
    pub coded: usize,
    /// Spans the current coder had already coded with the code.
    pub already: usize,
}

impl From<tolk::project::HitsCoded> for HitsCoded {
    fn from(c: tolk::project::HitsCoded) -> Self {
        HitsCoded {
            hits: c.hits,
            coded: c.coded,
            already: c.already,
        }
    }
}

/// A saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavedSearchItem {
    pub guid: String,
    pub name: String,
    pub query: String,
    /// The scope's code GUID.
    pub code: Option<String>,
    /// The scope's code path now; null without a code, or when it has been deleted.
    pub code_path: Option<String>,
    pub uncoded: bool,
    pub filters: Vec<String>,
    pub created_at: String,
}

impl From<tolk::project::SavedSearch> for SavedSearchItem {
    fn from(s: tolk::project::SavedSearch) -> Self {
        SavedSearchItem {
            guid: s.guid,
            name: s.name,
            query: s.query,
            code: s.code,
            code_path: s.code_path,
            uncoded: s.uncoded,
            filters: s.filters,
            created_at: s.created_at,
        }
    }
}

/// A hit's highlights (char ranges of its snippet) as UTF-16 ranges of the snippet.
fn snippet_ranges(snippet: &str, highlights: &[[usize; 2]]) -> Vec<SnippetRange> {
    highlights
        .iter()
        .map(|&[s, e]| SnippetRange {
            start_utf16: tolk::text::utf16_of_char(snippet, s),
            end_utf16: tolk::text::utf16_of_char(snippet, e),
        })
        .collect()
}

/// Converts the core's hits to DTOs, reading each document's text once (hits come document by
/// document, ascending within one).
fn items(
    p: &tolk::Project,
    hits: &[tolk::project::SearchHit],
) -> Result<Vec<SearchHitItem>, CommandError> {
    let mut out = Vec::with_capacity(hits.len());
    for group in hits.chunk_by(|a, b| a.document_guid == b.document_guid) {
        let text = p.document(&group[0].document_guid)?.text;
        let mut cursor = Utf16Cursor::new(&text);
        for h in group {
            let start_utf16 = cursor.utf16_of(h.start_char);
            out.push(SearchHitItem {
                document: h.document.clone(),
                document_guid: h.document_guid.clone(),
                turn: h.turn,
                speaker: h.speaker.clone(),
                start_utf16,
                end_utf16: cursor.utf16_of(h.end_char),
                snippet: h.snippet.clone(),
                highlights: snippet_ranges(&h.snippet, &h.highlights),
            });
        }
    }
    Ok(out)
}

/// Runs a search.
#[tauri::command]
pub async fn search(app: AppHandle, request: SearchInput) -> Result<SearchOutput, CommandError> {
    with_project(app, move |p| {
        let found = p.search(&request.to_core())?;
        Ok(SearchOutput {
            hits: found.hits,
            turns: found.turns,
            documents: found.documents,
            informants: found.informants,
            results: items(p, &found.results)?,
        })
    })
    .await
}

/// Codes one hit (its match, as UTF-16 offsets into the document's text) with a code as the
/// current coder.
#[tauri::command]
pub async fn code_hit(
    app: AppHandle,
    document: String,
    start_utf16: usize,
    end_utf16: usize,
    code: String,
    extent: Extent,
) -> Result<HitsCoded, CommandError> {
    with_project(app, move |p| {
        let text = p.document(&document)?.text;
        let start = tolk::text::char_of_utf16(&text, start_utf16);
        let end = tolk::text::char_of_utf16(&text, end_utf16);
        Ok(
            p.code_hit(&document, start, end, &code, extent.into(), None)?
                .into(),
        )
    })
    .await
}

/// Codes every hit of a search (not only the listed ones) in one undoable step.
#[tauri::command]
pub async fn code_all_hits(
    app: AppHandle,
    request: SearchInput,
    code: String,
    extent: Extent,
) -> Result<HitsCoded, CommandError> {
    with_project(app, move |p| {
        Ok(p.code_hits(&request.to_core(), &code, extent.into(), None)?
            .into())
    })
    .await
}

/// The saved searches, sorted by name.
#[tauri::command]
pub async fn saved_searches(app: AppHandle) -> Result<Vec<SavedSearchItem>, CommandError> {
    with_project(app, |p| {
        Ok(p.saved_searches()?.into_iter().map(Into::into).collect())
    })
    .await
}

/// Saves a search under a name (replacing one of the same name); undoable.
#[tauri::command]
pub async fn save_search(
    app: AppHandle,
    name: String,
    request: SearchInput,
) -> Result<SavedSearchItem, CommandError> {
    with_project(app, move |p| {
        Ok(p.save_search(&name, &request.to_core())?.into())
    })
    .await
}

/// Deletes a saved search (by name or GUID); undoable.
#[tauri::command]
pub async fn delete_saved_search(app: AppHandle, name: String) -> Result<(), CommandError> {
    with_project(app, move |p| {
        p.delete_saved_search(&name)?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coder_in_view_reaches_the_core_and_a_blank_one_means_every_coder() {
        let input = SearchInput {
            query: "kontroll".into(),
            uncoded: true,
            coder: Some("ola".into()),
            ..SearchInput::default()
        };
        let request = input.to_core();
        assert!(request.uncoded);
        assert_eq!(request.coder.as_deref(), Some("ola"));
        let blank = SearchInput {
            coder: Some("  ".into()),
            ..input
        };
        assert_eq!(blank.to_core().coder, None);
    }

    #[test]
    fn snippet_highlights_are_converted_to_utf16_units() {
        // "🤦🏼‍♀️" is 5 chars and 7 UTF-16 units; "å" 1 and 1; "e\u{301}" (a combining mark)
        // 2 and 2; each space 1 and 1. «tillit» after them starts at char 5 + 1 + 1 + 1 + 2 + 1
        // = 11 and at UTF-16 unit 7 + 1 + 1 + 1 + 2 + 1 = 13; it is 6 of either long.
        let snippet = "🤦🏼‍♀️ å e\u{301} tillit";
        let ranges = snippet_ranges(snippet, &[[0, 5], [11, 17]]);
        assert_eq!(
            ranges,
            [
                SnippetRange {
                    start_utf16: 0,
                    end_utf16: 7
                },
                SnippetRange {
                    start_utf16: 13,
                    end_utf16: 19
                }
            ]
        );
        let units: Vec<u16> = snippet.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[13..19]).unwrap(), "tillit");
    }
}
