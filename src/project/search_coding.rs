//! Coding from search results: one hit, or every hit of a search in one undoable step, each
//! as its turn (the default), its sentence or just the match; and saved searches (table
//! `saved_search`, migration `0006_saved_searches.sql`) to re-run later. Codings are made and
//! logged by the same helper as [`Project::code_span`], so undo, the change log and the
//! margin stripes see them as any other coding.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::codings::{check_span, insert_coding};
use super::{normalize_value, now, Project, SearchRequest, TurnView};
use crate::codebook::tree::Tree;
use crate::index::query;
use crate::store::documents::{self, DocumentRow};
use crate::store::saved_searches::{self, SavedSearchRow};
use crate::store::{codes, codings, log, new_guid};
use crate::{Error, Result};

/// How much of the text around a hit a coding takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HitExtent {
    /// The turn (or preamble paragraph) the hit is in.
    #[default]
    Turn,
    /// The sentence the hit is in: the turn's text split after `.`, `!` or `?` (closing quotes
    /// and brackets may follow) before a space or the turn's end, and at line breaks.
    Sentence,
    /// Exactly the matched word or phrase.
    Match,
}

impl HitExtent {
    /// `turn`, `sentence` or `match`.
    pub fn parse(text: &str) -> Option<HitExtent> {
        match text {
            "turn" => Some(HitExtent::Turn),
            "sentence" => Some(HitExtent::Sentence),
            "match" => Some(HitExtent::Match),
            _ => None,
        }
    }
}

/// What coding search hits did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HitsCoded {
    /// The hits coded from (all the search found, not only the listed ones).
    pub hits: usize,
    /// New codings made. Hits sharing a turn or sentence make one coding.
    pub coded: usize,
    /// Spans that this coder had already coded with this code, left as they were.
    pub already: usize,
}

/// A search saved under a name, to re-run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    pub guid: String,
    pub name: String,
    pub query: String,
    /// Only hits inside codings of this code (its GUID) and its sub-codes.
    pub code: Option<String>,
    /// The code's path now; `None` without a code or when the code has been deleted since.
    pub code_path: Option<String>,
    /// Only hits in uncoded text.
    pub uncoded: bool,
    pub filters: Vec<String>,
    /// RFC 3339.
    pub created_at: String,
}

impl SavedSearch {
    /// The search to run (the coder in view is the caller's to add).
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            code: self.code.clone(),
            uncoded: self.uncoded,
            filters: self.filters.clone(),
            ..SearchRequest::new(self.query.clone())
        }
    }
}

impl Project {
    /// Codes every hit of a search (all of them, whatever `request.limit` says) with a code
    /// (key, GUID or path) as `coder` (default: the current coder), in one undoable step.
    /// Spans the coder already coded with this code are left alone.
    pub fn code_hits(
        &mut self,
        request: &SearchRequest,
        code: &str,
        extent: HitExtent,
        coder: Option<&str>,
    ) -> Result<HitsCoded> {
        let found = self.search(&SearchRequest {
            limit: usize::MAX,
            ..request.clone()
        })?;
        let hits: Vec<(&str, usize, usize)> = found
            .results
            .iter()
            .map(|h| (h.document_guid.as_str(), h.start_char, h.end_char))
            .collect();
        self.code_found(&hits, code, extent, coder)
    }

    /// Codes one hit: the match `start_char..end_char` in a document (name or GUID), extended
    /// to its turn, its sentence or not at all.
    pub fn code_hit(
        &mut self,
        document: &str,
        start_char: usize,
        end_char: usize,
        code: &str,
        extent: HitExtent,
        coder: Option<&str>,
    ) -> Result<HitsCoded> {
        self.code_found(&[(document, start_char, end_char)], code, extent, coder)
    }

    fn code_found(
        &mut self,
        hits: &[(&str, usize, usize)],
        code: &str,
        extent: HitExtent,
        coder: Option<&str>,
    ) -> Result<HitsCoded> {
        let coder = self.coder_name(coder)?;
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let code = tree.resolve(code)?;
        let already: HashSet<(i64, usize, usize)> = codings::for_codes(conn, &[rows[code].id])?
            .into_iter()
            .filter(|c| c.coder == coder)
            .map(|c| (c.document_id, c.start_char, c.end_char))
            .collect();

        let mut docs: HashMap<String, (DocumentRow, Vec<char>, Vec<TurnView>)> = HashMap::new();
        let mut spans = BTreeSet::new();
        for &(document, start, end) in hits {
            if !docs.contains_key(document) {
                let row = documents::get(conn, documents::resolve(conn, document)?)?;
                let text = documents::text(conn, row.id)?.chars().collect();
                let turns = documents::turns(conn, row.id)?;
                docs.insert(document.to_owned(), (row, text, turns));
            }
            let (row, text, turns) = &docs[document];
            check_span(conn, row, start, end)?;
            let (s, e) = extent_span(text, turns, row.preamble_end_char, (start, end), extent);
            spans.insert((row.id, s, e));
        }
        let mut result = HitsCoded {
            hits: hits.len(),
            ..HitsCoded::default()
        };
        let by_id: HashMap<i64, &DocumentRow> = docs.values().map(|(r, _, _)| (r.id, r)).collect();
        let new: Vec<(&DocumentRow, (usize, usize))> = spans
            .iter()
            .filter(|span| !already.contains(span))
            .map(|&(id, s, e)| (by_id[&id], (s, e)))
            .collect();
        result.already = spans.len() - new.len();
        result.coded = new.len();
        if new.is_empty() {
            return Ok(result);
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            for (doc, span) in new {
                insert_coding(tx, (&at, &actor), doc, &tree, code, &coder, span)?;
            }
            Ok(())
        })?;
        Ok(result)
    }

    /// Saves a search under a name (trimmed; a search saved under the same name, ignoring case,
    /// is replaced), as one undoable step. The query must be one the search can read.
    pub fn save_search(&mut self, name: &str, request: &SearchRequest) -> Result<SavedSearch> {
        let name = normalize_value(name);
        if name.is_empty() {
            return Err(Error::Invalid("a saved search needs a name".to_owned()));
        }
        let text = request.query.trim();
        query::parse(text).map_err(|e| Error::InvalidQuery {
            query: text.to_owned(),
            reason: e.to_string(),
        })?;
        let conn = self.store.conn();
        let code = match &request.code {
            Some(code) => {
                let rows = codes::all(conn)?;
                let tree = Tree::new(&rows);
                Some(rows[tree.resolve(code)?].guid.clone())
            }
            None => None,
        };
        let replaced = find(conn, &name)?;
        let row = SavedSearchRow {
            id: 0,
            guid: new_guid(),
            name,
            query: text.to_owned(),
            scope: match (&code, request.uncoded) {
                (Some(_), _) => "code",
                (None, true) => "uncoded",
                (None, false) => "all",
            }
            .to_owned(),
            code,
            filters: request.filters.clone(),
            created_at: now(),
        };
        let actor = self.actor.clone();
        self.store.write_undoable(|tx| {
            if let Some(old) = &replaced {
                saved_searches::delete(tx, old.id)?;
            }
            saved_searches::insert(tx, &row)?;
            log::append(
                tx,
                &row.created_at,
                &actor,
                "save_search",
                &row.guid,
                &serde_json::json!({
                    "name": row.name, "query": row.query, "scope": row.scope,
                    "code": row.code, "filters": row.filters,
                    "replaced": replaced.as_ref().map(|r| &r.guid),
                }),
            )?;
            Ok(())
        })?;
        self.saved_search_view(row)
    }

    /// The saved searches, sorted by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut list = saved_searches::all(self.store.conn())?
            .into_iter()
            .map(|row| self.saved_search_view(row))
            .collect::<Result<Vec<_>>>()?;
        crate::collate::sort_by_key(&mut list, |s| s.name.as_str());
        Ok(list)
    }

    /// Deletes a saved search (by name, ignoring case, or GUID) as one undoable step; returns it
    /// as it was.
    pub fn delete_saved_search(&mut self, name: &str) -> Result<SavedSearch> {
        let row = find(self.store.conn(), name)?
            .ok_or_else(|| Error::Invalid(format!("no saved search named {name:?}")))?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            saved_searches::delete(tx, row.id)?;
            log::append(
                tx,
                &at,
                &actor,
                "delete_search",
                &row.guid,
                &serde_json::json!({
                    "name": row.name, "query": row.query, "scope": row.scope,
                    "code": row.code, "filters": row.filters,
                }),
            )?;
            Ok(())
        })?;
        self.saved_search_view(row)
    }

    fn saved_search_view(&self, row: SavedSearchRow) -> Result<SavedSearch> {
        let code_path = match &row.code {
            Some(guid) => {
                let rows = codes::all(self.store.conn())?;
                let tree = Tree::new(&rows);
                tree.resolve(guid).ok().map(|i| tree.path(i))
            }
            None => None,
        };
        Ok(SavedSearch {
            guid: row.guid,
            name: row.name,
            query: row.query,
            code: row.code,
            code_path,
            uncoded: row.scope == "uncoded",
            filters: row.filters,
            created_at: row.created_at,
        })
    }
}

/// The saved search with this name (ignoring case, after NFC) or GUID.
fn find(conn: &rusqlite::Connection, name: &str) -> Result<Option<SavedSearchRow>> {
    let wanted = normalize_value(name).to_lowercase();
    Ok(saved_searches::all(conn)?
        .into_iter()
        .find(|s| s.guid == name || s.name.to_lowercase() == wanted))
}

/// The span a coding of the hit `start..end` takes for `extent`: its unit (the turn's words, or
/// the preamble paragraph between blank lines), the sentence inside that unit, or the match.
fn extent_span(
    text: &[char],
    turns: &[TurnView],
    preamble_end: usize,
    (start, end): (usize, usize),
    extent: HitExtent,
) -> (usize, usize) {
    let unit = match turns
        .iter()
        .find(|t| t.start_char <= start && end <= t.end_char)
    {
        Some(turn) => (turn.start_char, turn.end_char),
        None if end <= preamble_end => {
            let blank = |i: usize| text[i] == '\n' && text.get(i + 1) == Some(&'\n');
            let from = (0..start).rev().find(|&i| blank(i)).map_or(0, |i| i + 2);
            let mut to = (end..preamble_end)
                .find(|&i| blank(i))
                .unwrap_or(preamble_end);
            while to > end && text[to - 1].is_whitespace() {
                to -= 1;
            }
            (from, to)
        }
        // Not inside a unit (no search hit is): the match alone.
        None => (start, end),
    };
    match extent {
        HitExtent::Turn => unit,
        HitExtent::Match => (start, end),
        HitExtent::Sentence => {
            let (from, to) = unit;
            let mut s = (from..start)
                .rev()
                .find_map(|i| match text[i] {
                    '\n' => Some(i + 1),
                    _ => sentence_end(text, i, to).filter(|&j| j <= start),
                })
                .unwrap_or(from);
            while s < start && text[s].is_whitespace() {
                s += 1;
            }
            let e = (end..to)
                .find_map(|i| match text[i] {
                    '\n' => Some(i),
                    _ => sentence_end(text, i, to),
                })
                .unwrap_or(to);
            (s, e)
        }
    }
}

/// If a sentence ends at `text[i]` (`.`, `!` or `?`, then any closing quotes or brackets, then
/// a space or `limit`), where it ends (exclusive).
fn sentence_end(text: &[char], i: usize, limit: usize) -> Option<usize> {
    if !matches!(text[i], '.' | '!' | '?') {
        return None;
    }
    let mut j = i + 1;
    while j < limit && matches!(text[j], '»' | '"' | '”' | '’' | '\'' | ')' | ']') {
        j += 1;
    }
    (j == limit || text[j].is_whitespace()).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::SpeakerRole;

    fn turn(n: u32, start_char: usize, end_char: usize) -> TurnView {
        TurnView {
            n,
            speaker: "IP1".to_owned(),
            role: SpeakerRole::Informant,
            informant: None,
            label_start_char: start_char.saturating_sub(5),
            start_char,
            end_char,
            time_ms: None,
        }
    }

    /// The text of `span` in `text`.
    fn cut(text: &[char], (s, e): (usize, usize)) -> String {
        text[s..e].iter().collect()
    }

    #[test]
    fn extents_are_the_turn_the_sentence_or_the_match() {
        // Preamble "Sted: Bø\n\n" is 10 chars; "IP1: " then the turn's words from 15.
        let raw =
            "Sted: Bø\n\nIP1: Hei. «Tilliten er stor.» Så 🤦🏼‍♀️ tillit? Ja!\nNy linje med tillit";
        let text: Vec<char> = raw.chars().collect();
        let turns = [turn(1, 15, text.len())];
        let find = |word: &str, nth: usize| {
            let chars: Vec<char> = word.chars().collect();
            let at = (0..text.len())
                .filter(|&i| text[i..].starts_with(&chars))
                .nth(nth)
                .unwrap();
            (at, at + chars.len())
        };
        let first = find("Tilliten", 0);
        let span = |hit, extent| cut(&text, extent_span(&text, &turns, 10, hit, extent));
        assert_eq!(span(first, HitExtent::Match), "Tilliten");
        assert_eq!(span(first, HitExtent::Turn), cut(&text, (15, text.len())));
        // The guillemet closes the sentence with its full stop.
        assert_eq!(span(first, HitExtent::Sentence), "«Tilliten er stor.»");
        // Counted in chars, the emoji (5 of them) is no obstacle.
        assert_eq!(
            span(find("tillit", 0), HitExtent::Sentence),
            "Så 🤦🏼‍♀️ tillit?"
        );
        // A line break ends a sentence too, and the turn's end closes the last one.
        assert_eq!(
            span(find("tillit", 1), HitExtent::Sentence),
            "Ny linje med tillit"
        );
        // In the preamble, the paragraph is the unit.
        assert_eq!(span(find("Bø", 0), HitExtent::Turn), "Sted: Bø");
        assert_eq!(span(find("Bø", 0), HitExtent::Sentence), "Sted: Bø");
    }

    #[test]
    fn a_full_stop_inside_a_word_or_number_ends_no_sentence() {
        let raw = "IP1: Kap. 3.2 sier noe om tillit. Neste.";
        let text: Vec<char> = raw.chars().collect();
        let turns = [turn(1, 5, text.len())];
        let at = raw.find("tillit").unwrap();
        let span = extent_span(&text, &turns, 0, (at, at + 6), HitExtent::Sentence);
        // "Kap." is followed by a space and so ends a sentence (no abbreviation list); "3.2"
        // does not.
        assert_eq!(cut(&text, span), "3.2 sier noe om tillit.");
    }
}
