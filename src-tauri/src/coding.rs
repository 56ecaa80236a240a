//! Coding in the transcript view: a document's codings as margin stripes, coding a selection or
//! a turn, removing, re-assigning, moving the ends of and extending a coding, in-vivo coding, and
//! the quick-code palette's codes and recent codes. Offsets cross as UTF-16 units (`*Utf16`) and
//! are converted against the document's text here, with `tolk::text`. Every change answers with
//! the document's updated stripes, so the UI needs one round trip per gesture.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tolk::coding::CodingView;
use tolk::project::NewCodePlace;

use crate::error::CommandError;
use crate::state::with_project;

/// How many recent codes the palette puts on the number keys 1–9.
const RECENT: usize = 9;

/// One coding as a margin stripe shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Stripe {
    pub guid: String,
    pub code_guid: String,
    /// The template key (`T08.6`); null for the researcher's own codes.
    pub code_key: Option<String>,
    pub code_name: String,
    /// Bokmål names from the top, `/`-joined.
    pub code_path: String,
    /// `#RRGGBB`.
    pub color: String,
    /// The code's family is switched off: shown, and marked as such.
    pub code_hidden: bool,
    pub coder: String,
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The turns it falls in.
    pub turns: Vec<u32>,
    pub has_memo: bool,
}

/// What a coding gesture did, with the document's stripes after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodingChange {
    /// The coding made, changed or (for uncode) removed, as it now is (or last was).
    pub coding: Stripe,
    /// Every coding of the document, in document order.
    pub codings: Vec<Stripe>,
    /// Codings of the same code by the same coder merged into it (adjusting, extending).
    pub merged: usize,
    /// A new code was made (in-vivo and new-code coding).
    pub code_created: bool,
}

/// A code the quick-code palette offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PaletteCode {
    pub guid: String,
    pub key: Option<String>,
    pub name: String,
    pub path: String,
    pub color: String,
    pub definition: Option<String>,
    /// 0 for themes.
    pub depth: usize,
}

/// Where a code made while coding goes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum NewCodeWhere {
    /// Under the top-level «In vivo» code (made on first use).
    InVivo,
    TopLevel,
    /// Under this code (GUID, key or path).
    Under {
        code: String,
    },
}

impl From<NewCodeWhere> for NewCodePlace {
    fn from(w: NewCodeWhere) -> Self {
        match w {
            NewCodeWhere::InVivo => NewCodePlace::InVivo,
            NewCodeWhere::TopLevel => NewCodePlace::TopLevel,
            NewCodeWhere::Under { code } => NewCodePlace::Under(code),
        }
    }
}

/// Converts many char offsets of `text` to UTF-16 offsets in one pass over the text.
struct Utf16Map {
    /// Sorted, distinct char offsets and their UTF-16 offsets.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Map {
    fn new(text: &str, mut chars: Vec<usize>) -> Self {
        chars.sort_unstable();
        chars.dedup();
        let mut pairs = Vec::with_capacity(chars.len());
        let (mut c, mut units) = (0, 0);
        let mut it = text.chars();
        for want in chars {
            while c < want {
                match it.next() {
                    Some(ch) => units += ch.len_utf16(),
                    None => break,
                }
                c += 1;
            }
            pairs.push((want, units));
        }
        Utf16Map { pairs }
    }

    fn get(&self, char_pos: usize) -> usize {
        let i = self.pairs.partition_point(|&(c, _)| c < char_pos);
        self.pairs[i].1
    }
}

fn stripes(
    p: &tolk::Project,
    document: &str,
    extra: Option<&CodingView>,
) -> Result<(Vec<Stripe>, Option<Stripe>), CommandError> {
    let views = p.codings(document)?;
    let memos = p.codings_with_memo(document)?;
    let text = p.document(document)?.text;
    let map = Utf16Map::new(
        &text,
        views
            .iter()
            .chain(extra)
            .flat_map(|v| [v.start_char, v.end_char])
            .collect(),
    );
    let stripe = |v: &CodingView| Stripe {
        guid: v.guid.clone(),
        code_guid: v.code_guid.clone(),
        code_key: v.code_key.clone(),
        code_name: v.code_name.clone(),
        code_path: v.code_path.clone(),
        color: v.color.clone(),
        code_hidden: v.code_hidden,
        coder: v.coder.clone(),
        start_utf16: map.get(v.start_char),
        end_utf16: map.get(v.end_char),
        turns: v.turns.clone(),
        has_memo: memos.contains(&v.guid),
    };
    Ok((views.iter().map(stripe).collect(), extra.map(stripe)))
}

/// The answer to a gesture on `view`: it and its document's stripes.
fn change(
    p: &tolk::Project,
    view: &CodingView,
    merged: usize,
    code_created: bool,
) -> Result<CodingChange, CommandError> {
    let (codings, coding) = stripes(p, &view.document_guid, Some(view))?;
    Ok(CodingChange {
        coding: coding.expect("asked for"),
        codings,
        merged,
        code_created,
    })
}

/// A document's span in chars from UTF-16 offsets into its text.
fn char_span(
    p: &tolk::Project,
    document: &str,
    start_utf16: usize,
    end_utf16: usize,
) -> Result<(usize, usize), CommandError> {
    let text = p.document(document)?.text;
    Ok((
        tolk::text::char_of_utf16(&text, start_utf16),
        tolk::text::char_of_utf16(&text, end_utf16),
    ))
}

/// A document's codings as margin stripes, in document order.
#[tauri::command]
pub async fn document_codings(
    app: tauri::AppHandle,
    document: String,
) -> Result<Vec<Stripe>, CommandError> {
    with_project(app, move |p| Ok(stripes(p, &document, None)?.0)).await
}

/// Codes a selection (UTF-16 offsets into the document's text) with a code (GUID, key or path)
/// as the current coder.
#[tauri::command]
pub async fn code_span(
    app: tauri::AppHandle,
    document: String,
    code: String,
    start_utf16: usize,
    end_utf16: usize,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let (start, end) = char_span(p, &document, start_utf16, end_utf16)?;
        let view = p.code_span(&document, &code, start, end, None)?;
        change(p, &view, 0, false)
    })
    .await
}

/// Codes the words of turn `turn` with a code.
#[tauri::command]
pub async fn code_turn(
    app: tauri::AppHandle,
    document: String,
    code: String,
    turn: u32,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let view = p.code_turn(&document, &code, turn, None)?;
        change(p, &view, 0, false)
    })
    .await
}

/// Removes a coding.
#[tauri::command]
pub async fn uncode(app: tauri::AppHandle, coding: String) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let view = p.uncode(&coding)?;
        change(p, &view, 0, false)
    })
    .await
}

/// Gives a coding another code; its GUID, coder, span and memo stay.
#[tauri::command]
pub async fn reassign_coding(
    app: tauri::AppHandle,
    coding: String,
    code: String,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let view = p.reassign_coding(&coding, &code)?;
        change(p, &view, 0, false)
    })
    .await
}

/// Moves a coding's start and end (UTF-16 offsets); overlapped codings of the same code by the
/// same coder merge into it.
#[tauri::command]
pub async fn adjust_coding(
    app: tauri::AppHandle,
    coding: String,
    start_utf16: usize,
    end_utf16: usize,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let document = p.coding(&coding)?.document_guid;
        let (start, end) = char_span(p, &document, start_utf16, end_utf16)?;
        let adjusted = p.adjust_coding(&coding, start, end)?;
        change(p, &adjusted.coding, adjusted.merged, false)
    })
    .await
}

/// Extends a coding to the whole of the turns it falls in.
#[tauri::command]
pub async fn extend_coding_to_turns(
    app: tauri::AppHandle,
    coding: String,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let adjusted = p.extend_coding_to_turns(&coding)?;
        change(p, &adjusted.coding, adjusted.merged, false)
    })
    .await
}

/// Codes a selection with a code made for it: named `name`, or in vivo by the selected words
/// when `name` is null; an existing code of that name there is reused.
#[tauri::command]
pub async fn code_with_new_code(
    app: tauri::AppHandle,
    document: String,
    start_utf16: usize,
    end_utf16: usize,
    name: Option<String>,
    place: NewCodeWhere,
) -> Result<CodingChange, CommandError> {
    with_project(app, move |p| {
        let (start, end) = char_span(p, &document, start_utf16, end_utf16)?;
        let made =
            p.code_with_new_code(&document, start, end, name.as_deref(), &place.into(), None)?;
        change(p, &made.coding, 0, made.code_created)
    })
    .await
}

/// The codes the palette offers (switched-off families left out), in tree order.
#[tauri::command]
pub async fn palette_codes(app: tauri::AppHandle) -> Result<Vec<PaletteCode>, CommandError> {
    with_project(app, |p| {
        Ok(p.palette_codes()?
            .into_iter()
            .map(|c| PaletteCode {
                guid: c.summary.guid,
                key: c.summary.key,
                name: c.summary.name,
                path: c.summary.path,
                color: c.summary.color,
                definition: c.definition,
                depth: c.summary.depth,
            })
            .collect())
    })
    .await
}

/// The GUIDs of the codes the current coder applied last, newest first (at most nine), from
/// the project's change log: they survive restarts and follow the project, not the machine.
#[tauri::command]
pub async fn recent_codes(app: tauri::AppHandle) -> Result<Vec<String>, CommandError> {
    with_project(app, |p| Ok(p.recent_codes(RECENT)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_map_agrees_with_the_core_after_emoji_and_combining_marks() {
        // 🤦🏼‍♀️ is 5 chars / 7 units; "x\u{301}" 2 chars / 2 units; "å" 1 / 1.
        let text = "IP1: \u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F} så x\u{301} ja";
        let n = text.chars().count();
        let map = Utf16Map::new(text, (0..=n).rev().collect());
        for c in 0..=n {
            assert_eq!(map.get(c), tolk::text::utf16_of_char(text, c), "{c}");
        }
        // The char after the emoji and its space: 5 + 5 + 1 = 11 chars = 5 + 7 + 1 = 13 units.
        assert_eq!(map.get(11), 13);
    }

    #[test]
    fn new_code_place_reads_the_ui_json() {
        let under: NewCodeWhere = serde_json::from_str(r#"{"kind":"under","code":"T08"}"#).unwrap();
        assert_eq!(NewCodePlace::from(under), NewCodePlace::Under("T08".into()));
        let vivo: NewCodeWhere = serde_json::from_str(r#"{"kind":"inVivo"}"#).unwrap();
        assert_eq!(NewCodePlace::from(vivo), NewCodePlace::InVivo);
    }
}
