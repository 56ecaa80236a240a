//! The facade for codings: coding and uncoding spans and turns, a document's codings for the
//! margin stripes, and per-code counts (coded-excerpt retrieval is `project::excerpts`). Every
//! change is one transaction and one change-log entry whose detail names the coding's GUID,
//! document, code, span and coder, enough to undo it later.

use std::collections::HashMap;

use super::{normalize_value, now, Project, TurnView};
use crate::codebook::tree::Tree;
use crate::codebook::CodeRow;
use crate::coding::{self, CodingView};
use crate::store::codings::{self, CodingRow, NewCoding};
use crate::store::documents::DocumentRow;
use crate::store::{coders, codes, documents, log, new_guid};
use crate::{Error, Result};

/// What deleting a code removes (or would remove).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeDeletion {
    /// The code and its sub-codes.
    pub codes: usize,
    /// Their codings, each coder's counted.
    pub codings: usize,
}

/// A document's name and turns, looked up once for its codings.
struct DocInfo {
    name: String,
    guid: String,
    turns: Vec<TurnView>,
    label_starts: Vec<usize>,
}

impl DocInfo {
    fn load(conn: &rusqlite::Connection, id: i64) -> Result<DocInfo> {
        let (name, guid) =
            conn.query_row("SELECT name, guid FROM document WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let turns = documents::turns(conn, id)?;
        Ok(DocInfo {
            label_starts: turns.iter().map(|t| t.label_start_char).collect(),
            name,
            guid,
            turns,
        })
    }

    fn turn_numbers(&self, start: usize, end: usize) -> Vec<u32> {
        self.turns[coding::turns_in(&self.label_starts, start, end)]
            .iter()
            .map(|t| t.n)
            .collect()
    }
}

impl Project {
    /// Codes `start_char..end_char` (char offsets, end exclusive) of a document (name or GUID)
    /// with a code (key, GUID or path), as `coder` (default: the current coder, see
    /// [`Project::current_coder`]). The span must be non-empty and inside the text. Coding the
    /// same span with the same code as the same coder again returns the existing coding.
    pub fn code_span(
        &mut self,
        document: &str,
        code: &str,
        start_char: usize,
        end_char: usize,
        coder: Option<&str>,
    ) -> Result<CodingView> {
        let coder = self.coder_name(coder)?;
        let conn = self.store.conn();
        let doc_id = documents::resolve(conn, document)?;
        let doc = documents::get(conn, doc_id)?;
        check_span(conn, &doc, start_char, end_char)?;
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let code = tree.resolve(code)?;
        let (at, actor) = (now(), self.actor.clone());
        let id = self.store.write_undoable(|tx| {
            insert_coding(
                tx,
                (&at, &actor),
                &doc,
                &tree,
                code,
                &coder,
                (start_char, end_char),
            )
        })?;
        let row = codings::get(self.store.conn(), id)?;
        self.coding_view(&row)
    }

    /// Codes a whole turn (its words, `start_char..end_char`, without label and timestamp).
    pub fn code_turn(
        &mut self,
        document: &str,
        code: &str,
        turn_n: u32,
        coder: Option<&str>,
    ) -> Result<CodingView> {
        let doc = self.document(document)?;
        let turn = doc.turns.iter().find(|t| t.n == turn_n).ok_or_else(|| {
            Error::Invalid(format!(
                "{:?} has no turn {turn_n} (it has {} turns)",
                doc.name,
                doc.turns.len()
            ))
        })?;
        if turn.start_char >= turn.end_char {
            return Err(Error::Invalid(format!(
                "turn {turn_n} of {:?} has no words to code",
                doc.name
            )));
        }
        let (start, end) = (turn.start_char, turn.end_char);
        self.code_span(&doc.guid, code, start, end, coder)
    }

    /// Removes a coding by GUID; returns it as it was.
    pub fn uncode(&mut self, coding_guid: &str) -> Result<CodingView> {
        let row = codings::by_guid(self.store.conn(), coding_guid)?
            .ok_or_else(|| Error::Invalid(format!("no coding {coding_guid:?} in this project")))?;
        self.remove_coding(row)
    }

    /// Removes the coding of exactly this span of a document with this code by `coder` (default:
    /// the current coder); returns it as it was.
    pub fn uncode_span(
        &mut self,
        document: &str,
        code: &str,
        start_char: usize,
        end_char: usize,
        coder: Option<&str>,
    ) -> Result<CodingView> {
        let coder = self.coder_name(coder)?;
        let conn = self.store.conn();
        let doc_id = documents::resolve(conn, document)?;
        let code_summary = self.resolve_code(code)?;
        let conn = self.store.conn();
        let code_id: i64 = conn.query_row(
            "SELECT id FROM code WHERE guid = ?1",
            [&code_summary.guid],
            |r| r.get(0),
        )?;
        let missing = || {
            Error::Invalid(format!(
                "{document:?} has no coding {start_char}..{end_char} with {:?} by {coder:?}",
                code_summary.path
            ))
        };
        let coder_row = coders::by_name(conn, &coder)?.ok_or_else(missing)?;
        let coder_id: i64 = conn.query_row(
            "SELECT id FROM coder WHERE guid = ?1",
            [&coder_row.guid],
            |r| r.get(0),
        )?;
        let row = codings::find(conn, doc_id, code_id, coder_id, start_char, end_char)?
            .ok_or_else(missing)?;
        self.remove_coding(row)
    }

    fn remove_coding(&mut self, row: CodingRow) -> Result<CodingView> {
        let view = self.coding_view(&row)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            codings::delete(tx, row.id)?;
            log::append(tx, &at, &actor, "uncode", &view.guid, &coding_detail(&view))?;
            Ok(())
        })?;
        Ok(view)
    }

    /// A document's codings in document order (start, then end), each with its code, colour,
    /// coder and turns: what the margin stripes show.
    pub fn codings(&self, document: &str) -> Result<Vec<CodingView>> {
        let conn = self.store.conn();
        let doc_id = documents::resolve(conn, document)?;
        let doc = DocInfo::load(conn, doc_id)?;
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        codings::for_document(conn, doc_id)?
            .iter()
            .map(|c| Ok(view(c, &doc, &rows, &tree)))
            .collect()
    }

    /// How many codings each code has (by code GUID; codes without codings are left out). The
    /// same span of a document coded with a code by several coders counts once; sub-codes'
    /// codings are not added to their parents.
    pub fn code_counts(&self) -> Result<HashMap<String, usize>> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let counts = codings::counts(conn)?;
        Ok(rows
            .iter()
            .filter_map(|r| counts.get(&r.id).map(|&n| (r.guid.clone(), n)))
            .collect())
    }

    /// What deleting a code would remove: the code with its sub-codes, and their codings.
    pub fn delete_code_preview(&self, code: &str) -> Result<CodeDeletion> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let family: Vec<i64> = tree
            .family(tree.resolve(code)?)
            .iter()
            .map(|&i| rows[i].id)
            .collect();
        Ok(CodeDeletion {
            codes: family.len(),
            codings: codings::for_codes(conn, &family)?.len(),
        })
    }

    /// Number of codings in a document (all coders), for a delete confirmation.
    pub fn document_coding_count(&self, document: &str) -> Result<usize> {
        let conn = self.store.conn();
        codings::count_for_document(conn, documents::resolve(conn, document)?)
    }

    /// The coder name to use: `coder` (trimmed NFC) or the current actor.
    pub(super) fn coder_name(&self, coder: Option<&str>) -> Result<String> {
        let name = normalize_value(coder.unwrap_or(&self.actor));
        if name.is_empty() {
            return Err(Error::Invalid("a coder needs a name".to_owned()));
        }
        Ok(name)
    }

    pub(super) fn coding_view(&self, row: &CodingRow) -> Result<CodingView> {
        let conn = self.store.conn();
        let doc = DocInfo::load(conn, row.document_id)?;
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        Ok(view(row, &doc, &rows, &tree))
    }
}

fn view(c: &CodingRow, doc: &DocInfo, rows: &[CodeRow], tree: &Tree) -> CodingView {
    let i = tree.index(c.code_id).expect("a coding's code exists");
    let code = &rows[i];
    CodingView {
        guid: c.guid.clone(),
        document: doc.name.clone(),
        document_guid: doc.guid.clone(),
        code_guid: code.guid.clone(),
        code_key: code.data.key.clone(),
        code_path: tree.path(i),
        code_name: code.data.name_nb.clone(),
        color: code.data.color.clone(),
        code_hidden: code.data.hidden || tree.ancestors(i).iter().any(|&a| rows[a].data.hidden),
        coder: c.coder.clone(),
        coder_guid: c.coder_guid.clone(),
        start_char: c.start_char,
        end_char: c.end_char,
        turns: doc.turn_numbers(c.start_char, c.end_char),
        rule: c.rule.clone(),
        created_at: c.created_at.clone(),
    }
}

/// Refuses a span that is empty or reaches past the end of the document's text.
pub(super) fn check_span(
    conn: &rusqlite::Connection,
    doc: &DocumentRow,
    start_char: usize,
    end_char: usize,
) -> Result<()> {
    let len = documents::text_chars(conn, doc.id)?;
    if start_char >= end_char || end_char > len {
        return Err(Error::Invalid(format!(
            "cannot code chars {start_char}..{end_char} of {:?}: a coding needs a \
             non-empty span inside the text (0..{len})",
            doc.name
        )));
    }
    Ok(())
}

/// Inside a gesture's transaction: codes `span` of `doc` with the code at `code` (an index into
/// `tree`) as `coder` (made on first use), logging `code`. Coding the same span with the same
/// code as the same coder again returns the existing coding's id.
pub(super) fn insert_coding(
    tx: &rusqlite::Transaction,
    (at, actor): (&str, &str),
    doc: &DocumentRow,
    tree: &Tree,
    code: usize,
    coder: &str,
    (start_char, end_char): (usize, usize),
) -> Result<i64> {
    let code_row = tree.row(code);
    let (coder_row, created) = coders::get_or_create(tx, coder, at)?;
    if created {
        log::append(
            tx,
            at,
            actor,
            "create_coder",
            &coder_row.guid,
            &serde_json::json!({ "name": coder_row.name }),
        )?;
    }
    let coder_id: i64 = tx.query_row(
        "SELECT id FROM coder WHERE guid = ?1",
        [&coder_row.guid],
        |r| r.get(0),
    )?;
    if let Some(existing) = codings::find(tx, doc.id, code_row.id, coder_id, start_char, end_char)?
    {
        return Ok(existing.id);
    }
    let guid = new_guid();
    let id = codings::insert(
        tx,
        &NewCoding {
            guid: &guid,
            document_id: doc.id,
            code_id: code_row.id,
            coder_id,
            start_char,
            end_char,
            rule: None,
            created_at: at,
        },
    )?;
    log::append(
        tx,
        at,
        actor,
        "code",
        &guid,
        &serde_json::json!({
            "guid": guid, "document": doc.guid, "document_name": doc.name,
            "code": code_row.guid, "code_key": code_row.data.key,
            "code_path": tree.path(code),
            "coder": coder_row.guid, "coder_name": coder_row.name,
            "start_char": start_char, "end_char": end_char, "rule": null,
            "created_at": at,
        }),
    )?;
    Ok(id)
}

/// The change-log detail of a coding: enough to make it again with the same GUID.
pub(super) fn coding_detail(v: &CodingView) -> serde_json::Value {
    serde_json::json!({
        "guid": v.guid, "document": v.document_guid, "document_name": v.document,
        "code": v.code_guid, "code_key": v.code_key, "code_path": v.code_path,
        "coder": v.coder_guid, "coder_name": v.coder,
        "start_char": v.start_char, "end_char": v.end_char, "rule": v.rule,
        "created_at": v.created_at,
    })
}
