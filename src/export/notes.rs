//! What a researcher adds to a coding for a paper: its English translation and the sub-ranges
//! left out of its quote (shown as `(…)`). Each change is one undoable step with a change-log
//! entry (`set_translation`, `delete_translation`, `set_omissions`) naming the coding's code and
//! document and holding the previous value. Both go with their coding (tables
//! `coding_translation` and `coding_omission`, migration `0009_export.sql`).

use serde::Serialize;

use crate::codebook::tree::Tree;
use crate::project::{normalize_value, now, Project};
use crate::store::codings::{self, CodingRow};
use crate::store::export as store;
use crate::store::{codes, documents, log};
use crate::{Error, Result};

/// A range of a document's text: char offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CharRange {
    pub start_char: usize,
    pub end_char: usize,
}

impl CharRange {
    pub fn new(start_char: usize, end_char: usize) -> CharRange {
        CharRange {
            start_char,
            end_char,
        }
    }
}

/// What an export adds to one coding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodingNotes {
    /// The English translation, if any.
    pub translation: Option<String>,
    /// The ranges left out of the quote, in order, none overlapping or touching.
    pub omissions: Vec<CharRange>,
}

/// Sorts ranges and merges those that overlap or touch.
pub fn merge_ranges(ranges: &[CharRange]) -> Vec<CharRange> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut out: Vec<CharRange> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start_char <= last.end_char => {
                last.end_char = last.end_char.max(r.end_char);
            }
            _ => out.push(r),
        }
    }
    out
}

/// The coding's GUID, code and document, as the change log names them.
fn log_subject(conn: &rusqlite::Connection, c: &CodingRow) -> Result<serde_json::Value> {
    let rows = codes::all(conn)?;
    let tree = Tree::new(&rows);
    let i = tree.index(c.code_id).expect("a coding's code exists");
    Ok(serde_json::json!({
        "coding": c.guid, "code_key": rows[i].data.key, "code_path": tree.path(i),
        "document_name": documents::get(conn, c.document_id)?.name,
    }))
}

fn coding(conn: &rusqlite::Connection, guid: &str) -> Result<CodingRow> {
    codings::by_guid(conn, guid)?
        .ok_or_else(|| Error::Invalid(format!("no coding {guid:?} in this project")))
}

/// Translations and omitted ranges.
impl Project {
    /// A coding's translation and omitted ranges.
    pub fn coding_notes(&self, coding_guid: &str) -> Result<CodingNotes> {
        let conn = self.store().conn();
        let c = coding(conn, coding_guid)?;
        Ok(CodingNotes {
            translation: store::translation(conn, c.id)?,
            omissions: store::omissions(conn, c.id)?
                .into_iter()
                .map(|(s, e)| CharRange::new(s, e))
                .collect(),
        })
    }

    /// Sets a coding's English translation (trimmed NFC, LF line endings); blank text removes
    /// it. One undoable step; setting the text it has changes nothing. Returns the translation
    /// as it now is.
    pub fn set_translation(&mut self, coding_guid: &str, text: &str) -> Result<Option<String>> {
        let text = normalize_value(&text.replace("\r\n", "\n").replace('\r', "\n"));
        let text = Some(text).filter(|t| !t.is_empty());
        let conn = self.store().conn();
        let c = coding(conn, coding_guid)?;
        let previous = store::translation(conn, c.id)?;
        if previous == text {
            return Ok(text);
        }
        let mut detail = log_subject(conn, &c)?;
        detail["text"] = serde_json::json!(text);
        detail["previous"] = serde_json::json!(previous);
        let action = if text.is_some() {
            "set_translation"
        } else {
            "delete_translation"
        };
        let (at, actor) = (now(), self.actor().to_owned());
        self.store_mut().write_undoable(|tx| {
            store::set_translation(tx, c.id, text.as_deref())?;
            log::append(tx, &at, &actor, action, &c.guid, &detail)?;
            Ok(())
        })?;
        Ok(text)
    }

    /// Replaces a coding's omitted ranges: each must lie inside the coding's span (document char
    /// offsets, end exclusive, not empty); overlapping or touching ones are merged, and a range
    /// covering the whole coding is refused (nothing would be left to quote). An empty list
    /// removes them all. One undoable step; returns the ranges as stored.
    pub fn set_omissions(
        &mut self,
        coding_guid: &str,
        ranges: &[CharRange],
    ) -> Result<Vec<CharRange>> {
        let conn = self.store().conn();
        let c = coding(conn, coding_guid)?;
        for r in ranges {
            if r.start_char >= r.end_char || r.start_char < c.start_char || r.end_char > c.end_char
            {
                return Err(Error::Invalid(format!(
                    "cannot leave out {}..{}: a range left out must be a non-empty part of the \
                     coding's span {}..{}",
                    r.start_char, r.end_char, c.start_char, c.end_char
                )));
            }
        }
        let merged = merge_ranges(ranges);
        if merged == [CharRange::new(c.start_char, c.end_char)] {
            return Err(Error::Invalid(format!(
                "cannot leave out all of the coding {}..{}: nothing would be left to quote",
                c.start_char, c.end_char
            )));
        }
        let previous: Vec<CharRange> = store::omissions(conn, c.id)?
            .into_iter()
            .map(|(s, e)| CharRange::new(s, e))
            .collect();
        if previous == merged {
            return Ok(merged);
        }
        let mut detail = log_subject(conn, &c)?;
        detail["omissions"] = serde_json::json!(merged);
        detail["previous"] = serde_json::json!(previous);
        let (at, actor) = (now(), self.actor().to_owned());
        let pairs: Vec<(usize, usize)> =
            merged.iter().map(|r| (r.start_char, r.end_char)).collect();
        self.store_mut().write_undoable(|tx| {
            store::replace_omissions(tx, c.id, &pairs)?;
            log::append(tx, &at, &actor, "set_omissions", &c.guid, &detail)?;
            Ok(())
        })?;
        Ok(merged)
    }
}

/// The text of `span` (starting at document char `start`) with each omitted range (document
/// offsets, merged, clipped to the span) replaced by `(…)`.
pub fn apply_omissions(text: &str, start: usize, omissions: &[CharRange]) -> String {
    let end = start + text.chars().count();
    let mut out = String::with_capacity(text.len());
    let mut at = start;
    let mut chars = text.chars();
    for r in omissions {
        let (s, e) = (r.start_char.max(start), r.end_char.min(end));
        if s >= e || s < at {
            continue;
        }
        out.extend(chars.by_ref().take(s - at));
        chars.by_ref().take(e - s).for_each(drop);
        out.push_str("(…)");
        at = e;
    }
    out.extend(chars);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_when_they_overlap_or_touch() {
        let r = |s, e| CharRange::new(s, e);
        assert_eq!(
            merge_ranges(&[r(10, 12), r(2, 4), r(4, 6), r(11, 15)]),
            [r(2, 6), r(10, 15)]
        );
    }

    #[test]
    fn omissions_become_ellipses_in_brackets() {
        // "Tillit er frihet og ansvar." starts at char 26: "frihet " is 36..43, so chars
        // 10..17 of the span; the last range runs past the end and is clipped.
        let text = "Tillit er frihet og ansvar.";
        let out = apply_omissions(text, 26, &[CharRange::new(36, 43), CharRange::new(52, 60)]);
        assert_eq!(out, "Tillit er (…)og ansvar(…)");
        assert_eq!(apply_omissions("æøå", 0, &[CharRange::new(1, 2)]), "æ(…)å");
    }
}
