//! The facade for codings: coding and uncoding spans and turns, a document's codings for the
//! margin stripes, per-code counts, and coded-excerpt retrieval. Every change is one transaction
//! and one change-log entry whose detail names the coding's GUID, document, code, span and coder,
//! enough to undo it later.

use std::collections::{BTreeMap, HashMap};

use super::{normalize_value, now, Project, TurnView};
use crate::codebook::tree::Tree;
use crate::codebook::CodeRow;
use crate::coding::retrieve::{self, Hit, Op};
use crate::coding::{self, CodingView};
use crate::store::attributes::{self, Owner};
use crate::store::codings::{self, CodingRow, NewCoding};
use crate::store::{coders, codes, documents, informants, log, new_guid};
use crate::{collate, Error, Result};

/// What deleting a code removes (or would remove).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeDeletion {
    /// The code and its sub-codes.
    pub codes: usize,
    /// Their codings, each coder's counted.
    pub codings: usize,
}

/// A coded-excerpt query: `code`, then each operator with its code, left to right, over the
/// codings that pass the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExcerptQuery {
    pub code: String,
    pub ops: Vec<(Op, String)>,
    /// Include each named code's sub-codes (its family).
    pub subcodes: bool,
    /// Only this document (name or GUID).
    pub document: Option<String>,
    /// Only codings starting in a turn of this speaker label.
    pub speaker: Option<String>,
    /// Only this coder's codings.
    pub coder: Option<String>,
    /// `KEY=VALUE`, `doc.KEY=VALUE` or `inf.KEY=VALUE`; all must hold.
    pub attributes: Vec<String>,
}

/// One coded excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub document: String,
    pub document_guid: String,
    /// The code's key, else its path; for an AND piece, the expression (`T02 AND T03`).
    pub code: String,
    /// The speaker label of the turn where the excerpt starts (`None` in the preamble).
    pub speaker: Option<String>,
    pub turn: Option<u32>,
    pub time_ms: Option<u64>,
    pub start_char: usize,
    pub end_char: usize,
    /// Exactly the chars of the span.
    pub text: String,
    /// Every coder who made it, sorted.
    pub coders: Vec<String>,
}

/// A document's name, turns and (when asked for) attributes, looked up once per query.
struct DocInfo {
    name: String,
    guid: String,
    turns: Vec<TurnView>,
    label_starts: Vec<usize>,
    attributes: BTreeMap<String, String>,
}

impl DocInfo {
    fn new(
        conn: &rusqlite::Connection,
        id: i64,
        name: &str,
        guid: &str,
        turns: Vec<TurnView>,
        with_attributes: bool,
    ) -> Result<DocInfo> {
        Ok(DocInfo {
            label_starts: turns.iter().map(|t| t.label_start_char).collect(),
            attributes: if with_attributes {
                attributes::get(conn, Owner::Document(id))?
            } else {
                BTreeMap::new()
            },
            name: name.to_owned(),
            guid: guid.to_owned(),
            turns,
        })
    }

    fn load(conn: &rusqlite::Connection, id: i64, with_attributes: bool) -> Result<DocInfo> {
        let (name, guid) =
            conn.query_row("SELECT name, guid FROM document WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let turns = documents::turns(conn, id)?;
        Ok(DocInfo {
            label_starts: turns.iter().map(|t| t.label_start_char).collect(),
            attributes: if with_attributes {
                attributes::get(conn, Owner::Document(id))?
            } else {
                BTreeMap::new()
            },
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

    fn turn_at(&self, pos: usize) -> Option<&TurnView> {
        coding::turn_at(&self.label_starts, pos).map(|i| &self.turns[i])
    }
}

/// How a filter `KEY=VALUE` picks its level.
enum Level {
    /// The informant's value, else the document's.
    Either,
    Document,
    Informant,
}

struct AttrFilter {
    level: Level,
    key: String,
    value: String,
}

fn parse_attr_filter(text: &str) -> Result<AttrFilter> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        Error::Invalid(format!(
            "{text:?} is not KEY=VALUE (or doc.KEY= / inf.KEY=)"
        ))
    })?;
    let key = normalize_value(key).to_lowercase();
    let (level, key) = if let Some(k) = key.strip_prefix("doc.") {
        (Level::Document, k.to_owned())
    } else if let Some(k) = key.strip_prefix("inf.") {
        (Level::Informant, k.to_owned())
    } else {
        (Level::Either, key)
    };
    if key.is_empty() {
        return Err(Error::Invalid(format!("{text:?} names no attribute")));
    }
    Ok(AttrFilter {
        level,
        key,
        value: fold(value),
    })
}

/// Trimmed NFC, lower-cased: how filter values compare.
fn fold(s: &str) -> String {
    normalize_value(s).to_lowercase()
}

fn code_label(row: &CodeRow, tree: &Tree) -> String {
    row.data
        .key
        .clone()
        .unwrap_or_else(|| tree.path(tree.index(row.id).expect("a row of the tree")))
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
        let len = documents::text_chars(conn, doc_id)?;
        if start_char >= end_char || end_char > len {
            return Err(Error::Invalid(format!(
                "cannot code chars {start_char}..{end_char} of {:?}: a coding needs a \
                 non-empty span inside the text (0..{len})",
                doc.name
            )));
        }
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let code_row = &rows[tree.resolve(code)?];
        let (at, actor) = (now(), self.actor.clone());
        let id = self.store.write_undoable(|tx| {
            let (coder_row, created) = coders::get_or_create(tx, &coder, &at)?;
            if created {
                log::append(
                    tx,
                    &at,
                    &actor,
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
            if let Some(existing) =
                codings::find(tx, doc_id, code_row.id, coder_id, start_char, end_char)?
            {
                return Ok(existing.id);
            }
            let guid = new_guid();
            let id = codings::insert(
                tx,
                &NewCoding {
                    guid: &guid,
                    document_id: doc_id,
                    code_id: code_row.id,
                    coder_id,
                    start_char,
                    end_char,
                    rule: None,
                    created_at: &at,
                },
            )?;
            log::append(
                tx,
                &at,
                &actor,
                "code",
                &guid,
                &serde_json::json!({
                    "guid": guid, "document": doc.guid, "document_name": doc.name,
                    "code": code_row.guid, "code_key": code_row.data.key,
                    "code_path": tree.path(tree.index(code_row.id).expect("in tree")),
                    "coder": coder_row.guid, "coder_name": coder_row.name,
                    "start_char": start_char, "end_char": end_char, "rule": null,
                    "created_at": at,
                }),
            )?;
            Ok(id)
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
        let doc = DocInfo::load(conn, doc_id, false)?;
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

    /// Coded excerpts: the codings of `query.code` (with sub-codes on request) combined left
    /// to right with each operator's code, after the filters. See [`crate::coding::retrieve`]
    /// for what each operator means. In document order (documents in Norwegian order of name).
    pub fn excerpts(&self, query: &ExcerptQuery) -> Result<Vec<Excerpt>> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let mut docs = documents::all(conn)?;
        collate::sort_by_key(&mut docs, |d| &d.name);
        let order: HashMap<i64, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let only_doc = query
            .document
            .as_deref()
            .map(|d| documents::resolve(conn, d))
            .transpose()?;
        let speaker = query.speaker.as_deref().map(fold);
        let coder = query.coder.as_deref().map(fold);
        let filters = query
            .attributes
            .iter()
            .map(|a| parse_attr_filter(a))
            .collect::<Result<Vec<_>>>()?;

        // Every turn in one query: a query usually touches most documents.
        let mut all_turns = codings::all_turns(conn)?;
        let mut info: HashMap<i64, DocInfo> = HashMap::new();
        let mut doc_info = |id: i64, info: &mut HashMap<i64, DocInfo>| -> Result<()> {
            if let std::collections::hash_map::Entry::Vacant(e) = info.entry(id) {
                let row = &docs[order[&id]];
                let turns = all_turns.remove(&id).unwrap_or_default();
                let with_attributes = !filters.is_empty();
                e.insert(DocInfo::new(
                    conn,
                    id,
                    &row.name,
                    &row.guid,
                    turns,
                    with_attributes,
                )?);
            }
            Ok(())
        };
        let mut informant_attrs: HashMap<String, BTreeMap<String, String>> = HashMap::new();
        let mut hits_of = |code: &str| -> Result<Vec<Hit>> {
            let i = tree.resolve(code)?;
            let family = if query.subcodes {
                tree.family(i)
            } else {
                vec![i]
            };
            let ids: Vec<i64> = family.iter().map(|&c| rows[c].id).collect();
            let label_of: HashMap<i64, String> = family
                .iter()
                .map(|&c| (rows[c].id, code_label(&rows[c], &tree)))
                .collect();
            let mut hits = Vec::new();
            for c in codings::for_codes(conn, &ids)? {
                if only_doc.is_some_and(|d| d != c.document_id) {
                    continue;
                }
                if coder.as_ref().is_some_and(|k| *k != fold(&c.coder)) {
                    continue;
                }
                doc_info(c.document_id, &mut info)?;
                let doc = &info[&c.document_id];
                let turn = doc.turn_at(c.start_char);
                if let Some(s) = &speaker {
                    if turn.is_none_or(|t| fold(&t.speaker) != *s) {
                        continue;
                    }
                }
                let mut keep = true;
                for f in &filters {
                    let inf = match (&f.level, turn.and_then(|t| t.informant.as_ref())) {
                        (Level::Document, _) | (_, None) => None,
                        (_, Some(name)) => {
                            if !informant_attrs.contains_key(name) {
                                let (id, _) = informants::resolve(conn, name)?;
                                informant_attrs.insert(
                                    name.clone(),
                                    attributes::get(conn, Owner::Informant(id))?,
                                );
                            }
                            informant_attrs[name].get(&f.key)
                        }
                    };
                    let value = match f.level {
                        Level::Informant => inf,
                        Level::Document => doc.attributes.get(&f.key),
                        Level::Either => inf.or_else(|| doc.attributes.get(&f.key)),
                    };
                    if value.is_none_or(|v| fold(v) != f.value) {
                        keep = false;
                        break;
                    }
                }
                if !keep {
                    continue;
                }
                hits.push(Hit {
                    document: order[&c.document_id],
                    start_char: c.start_char,
                    end_char: c.end_char,
                    code: label_of[&c.code_id].clone(),
                    turns: doc.turn_numbers(c.start_char, c.end_char),
                    coders: vec![c.coder.clone()],
                });
            }
            Ok(retrieve::collapse(hits))
        };

        let mut label = code_label(&rows[tree.resolve(&query.code)?], &tree);
        let mut result = hits_of(&query.code)?;
        for (op, code) in &query.ops {
            let b = hits_of(code)?;
            let b_label = code_label(&rows[tree.resolve(code)?], &tree);
            label = format!("{label} {} {b_label}", op.as_str());
            result = retrieve::combine(result, *op, b, &label);
        }

        let mut out = Vec::with_capacity(result.len());
        // The current document's text and the byte offset of each of its chars (results come
        // document by document), so each text is read once and slicing is constant time.
        let mut current: (usize, String, Vec<usize>) = (usize::MAX, String::new(), Vec::new());
        for h in result {
            let row = &docs[h.document];
            doc_info(row.id, &mut info)?;
            let doc = &info[&row.id];
            if current.0 != h.document {
                let text = documents::text(conn, row.id)?;
                let bytes = text
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain(std::iter::once(text.len()))
                    .collect();
                current = (h.document, text, bytes);
            }
            let byte = |c: usize| current.2[c.min(current.2.len() - 1)];
            let turn = doc.turn_at(h.start_char);
            out.push(Excerpt {
                document: row.name.clone(),
                document_guid: row.guid.clone(),
                code: h.code,
                speaker: turn.map(|t| t.speaker.clone()),
                turn: turn.map(|t| t.n),
                time_ms: turn.and_then(|t| t.time_ms),
                start_char: h.start_char,
                end_char: h.end_char,
                text: current.1[byte(h.start_char)..byte(h.end_char)].to_owned(),
                coders: h.coders,
            });
        }
        Ok(out)
    }

    /// The coder name to use: `coder` (trimmed NFC) or the current actor.
    fn coder_name(&self, coder: Option<&str>) -> Result<String> {
        let name = normalize_value(coder.unwrap_or(&self.actor));
        if name.is_empty() {
            return Err(Error::Invalid("a coder needs a name".to_owned()));
        }
        Ok(name)
    }

    fn coding_view(&self, row: &CodingRow) -> Result<CodingView> {
        let conn = self.store.conn();
        let doc = DocInfo::load(conn, row.document_id, false)?;
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
