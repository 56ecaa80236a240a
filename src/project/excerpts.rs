//! Coded-excerpt retrieval: the facade over [`crate::coding::retrieve`]. A query may touch tens
//! of thousands of codings across every document, so it reads lean rows (`store::retrieval`),
//! looks names up in small maps, reads a document's turns, attributes and text only when a
//! coding or excerpt there needs them, and works out a coding's turns only for SAME-TURN, the one
//! operator that reads them.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use super::{normalize_value, Project};
use crate::codebook::tree::Tree;
use crate::codebook::CodeRow;
use crate::coding::retrieve::{Hit, Op};
use crate::coding::{self, retrieve};
use crate::store::attributes::{self, Owner};
use crate::store::retrieval::{self, SpeakerInfo, TurnStart};
use crate::store::{codes, documents};
use crate::text::byte_after_chars;
use crate::{collate, Error, Result};

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
    /// `KEY=VALUE`, `doc.KEY=VALUE` or `inf.KEY=VALUE`; all must hold. `KEY=` (no value) holds
    /// where the attribute has no value.
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

/// How a filter `KEY=VALUE` picks its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Level {
    /// The informant's value, else the document's.
    Either,
    Document,
    Informant,
}

/// A filter `KEY=VALUE`. An empty VALUE (`KEY=`) holds where the attribute has no value.
pub(crate) struct AttrFilter {
    pub level: Level,
    pub key: String,
    value: String,
}

impl AttrFilter {
    /// Whether the filter holds for a document's attributes and, for a turn of an informant,
    /// the informant's.
    pub(crate) fn holds(
        &self,
        doc: &BTreeMap<String, String>,
        inf: Option<&BTreeMap<String, String>>,
    ) -> bool {
        let value = attribute_value(self.level, &self.key, doc, inf);
        if self.value.is_empty() {
            value.is_none_or(|v| fold(v).is_empty())
        } else {
            value.is_some_and(|v| fold(v) == self.value)
        }
    }
}

/// The value of `key` at `level`: the informant's, the document's, or (`Either`) the
/// informant's else the document's.
pub(crate) fn attribute_value<'a>(
    level: Level,
    key: &str,
    doc: &'a BTreeMap<String, String>,
    inf: Option<&'a BTreeMap<String, String>>,
) -> Option<&'a String> {
    let inf_value = match level {
        Level::Document => None,
        _ => inf.and_then(|a| a.get(key)),
    };
    match level {
        Level::Informant => inf_value,
        Level::Document => doc.get(key),
        Level::Either => inf_value.or_else(|| doc.get(key)),
    }
}

/// An attribute name with an optional `doc.` / `inf.` prefix: its level and lower-case key.
pub(crate) fn parse_attr_key(text: &str) -> Result<(Level, String)> {
    let key = normalize_value(text).to_lowercase();
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
    Ok((level, key))
}

pub(crate) fn parse_attr_filter(text: &str) -> Result<AttrFilter> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        Error::Invalid(format!(
            "{text:?} is not KEY=VALUE (or doc.KEY= / inf.KEY=)"
        ))
    })?;
    let (level, key) =
        parse_attr_key(key).map_err(|_| Error::Invalid(format!("{text:?} names no attribute")))?;
    Ok(AttrFilter {
        level,
        key,
        value: fold(value),
    })
}

/// Trimmed NFC, lower-cased: how filter values compare.
pub(crate) fn fold(s: &str) -> String {
    normalize_value(s).to_lowercase()
}

fn code_label(row: &CodeRow, tree: &Tree) -> String {
    row.data
        .key
        .clone()
        .unwrap_or_else(|| tree.path(tree.index(row.id).expect("a row of the tree")))
}

/// A document's turns, read when a coding or excerpt there first needs them.
struct DocTurns {
    label_starts: Vec<usize>,
    turns: Vec<TurnStart>,
}

impl DocTurns {
    fn new(turns: Vec<TurnStart>) -> Self {
        DocTurns {
            label_starts: turns.iter().map(|t| t.label_start_char).collect(),
            turns,
        }
    }

    fn turn_at(&self, pos: usize) -> Option<&TurnStart> {
        coding::turn_at(&self.label_starts, pos).map(|i| &self.turns[i])
    }

    fn turn_numbers(&self, start: usize, end: usize) -> Vec<u32> {
        self.turns[coding::turns_in(&self.label_starts, start, end)]
            .iter()
            .map(|t| t.n)
            .collect()
    }
}

/// What a query reads lazily, each once: turns and attributes by document, attributes by
/// informant.
struct Lookups<'c> {
    conn: &'c rusqlite::Connection,
    turns: HashMap<i64, DocTurns>,
    doc_attributes: HashMap<i64, BTreeMap<String, String>>,
    informant_attributes: HashMap<i64, BTreeMap<String, String>>,
}

impl<'c> Lookups<'c> {
    fn new(conn: &'c rusqlite::Connection) -> Self {
        Lookups {
            conn,
            turns: HashMap::new(),
            doc_attributes: HashMap::new(),
            informant_attributes: HashMap::new(),
        }
    }

    /// Reads every document's turns at once (for results that span many documents).
    fn preload_turns(&mut self) -> Result<()> {
        for (id, turns) in retrieval::all_turn_starts(self.conn)? {
            self.turns.entry(id).or_insert_with(|| DocTurns::new(turns));
        }
        Ok(())
    }

    fn turns(&mut self, document_id: i64) -> Result<&DocTurns> {
        Ok(match self.turns.entry(document_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(DocTurns::new(retrieval::turn_starts(
                self.conn,
                document_id,
            )?)),
        })
    }

    /// Whether every filter holds for a coding of `document_id` starting in a turn of the
    /// informant `informant_id` (none: an interviewer's turn or the preamble).
    fn passes(
        &mut self,
        filters: &[AttrFilter],
        document_id: i64,
        informant_id: Option<i64>,
    ) -> Result<bool> {
        let conn = self.conn;
        if let Entry::Vacant(e) = self.doc_attributes.entry(document_id) {
            e.insert(attributes::get(conn, Owner::Document(document_id))?);
        }
        if let Some(id) = informant_id {
            if let Entry::Vacant(e) = self.informant_attributes.entry(id) {
                e.insert(attributes::get(conn, Owner::Informant(id))?);
            }
        }
        let doc = &self.doc_attributes[&document_id];
        let inf = informant_id.map(|id| &self.informant_attributes[&id]);
        Ok(filters.iter().all(|f| f.holds(doc, inf)))
    }
}

impl Project {
    /// Coded excerpts: the codings of `query.code` (with sub-codes on request) combined left
    /// to right with each operator's code, after the filters. See [`crate::coding::retrieve`]
    /// for what each operator means. In document order (documents in Norwegian order of name).
    pub fn excerpts(&self, query: &ExcerptQuery) -> Result<Vec<Excerpt>> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let mut docs = retrieval::doc_names(conn)?;
        collate::sort_by_key(&mut docs, |d| &d.name);
        let order: HashMap<i64, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let only_doc = query
            .document
            .as_deref()
            .map(|d| documents::resolve(conn, d))
            .transpose()?;
        let speaker = query.speaker.as_deref().map(fold);
        let filters = query
            .attributes
            .iter()
            .map(|a| parse_attr_filter(a))
            .collect::<Result<Vec<_>>>()?;
        let coders = retrieval::coder_names(conn)?;
        let coder = query.coder.as_deref().map(fold);
        let coder_passes: HashMap<i64, bool> = coders
            .iter()
            .map(|(&id, name)| (id, coder.as_ref().is_none_or(|k| *k == fold(name))))
            .collect();
        let speakers: HashMap<i64, SpeakerInfo> = retrieval::speakers(conn)?;
        // SAME-TURN is the only operator that reads a hit's turns (AND passes them on).
        let want_turns = query.ops.iter().any(|(op, _)| *op == Op::SameTurn);
        let mut lookups = Lookups::new(conn);

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
            for c in retrieval::spans_for_codes(conn, &ids)? {
                if only_doc.is_some_and(|d| d != c.document_id) || !coder_passes[&c.coder_id] {
                    continue;
                }
                if speaker.is_some() || !filters.is_empty() {
                    let turn = lookups.turns(c.document_id)?.turn_at(c.start_char);
                    let who = turn.map(|t| &speakers[&t.speaker_id]);
                    if let Some(s) = &speaker {
                        if who.is_none_or(|w| fold(&w.label) != *s) {
                            continue;
                        }
                    }
                    let informant_id = who.and_then(|w| w.informant_id);
                    if !filters.is_empty()
                        && !lookups.passes(&filters, c.document_id, informant_id)?
                    {
                        continue;
                    }
                }
                let turns = if want_turns {
                    lookups
                        .turns(c.document_id)?
                        .turn_numbers(c.start_char, c.end_char)
                } else {
                    Vec::new()
                };
                hits.push(Hit {
                    document: order[&c.document_id],
                    start_char: c.start_char,
                    end_char: c.end_char,
                    code: label_of[&c.code_id].clone(),
                    turns,
                    coders: vec![coders[&c.coder_id].clone()],
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
        // Past a few dozen documents one scan of every turn beats a query per document.
        let documents_in_result = result.chunk_by(|a, b| a.document == b.document).count();
        if documents_in_result > 32 && documents_in_result > lookups.turns.len() {
            lookups.preload_turns()?;
        }
        // Document by document: its turns and its text are read once, and the text's bytes are
        // sliced inside the row (never copied whole). Within a document hits come in ascending
        // start, so a cursor (char, byte) only moves forward to each start.
        for group in result.chunk_by(|a, b| a.document == b.document) {
            let row = &docs[group[0].document];
            let texts = retrieval::with_text(conn, row.id, |bytes| {
                let mut cursor = (0usize, 0usize);
                group
                    .iter()
                    .map(|h| {
                        if h.start_char < cursor.0 {
                            cursor = (0, 0);
                        }
                        let start = byte_after_chars(bytes, cursor.1, h.start_char - cursor.0);
                        cursor = (h.start_char, start);
                        let end = byte_after_chars(bytes, start, h.end_char - h.start_char);
                        String::from_utf8_lossy(&bytes[start..end]).into_owned()
                    })
                    .collect::<Vec<String>>()
            })?;
            let turns = lookups.turns(row.id)?;
            for (h, text) in group.iter().zip(texts) {
                let turn = turns.turn_at(h.start_char);
                out.push(Excerpt {
                    document: row.name.clone(),
                    document_guid: row.guid.clone(),
                    code: h.code.clone(),
                    speaker: turn.map(|t| speakers[&t.speaker_id].label.clone()),
                    turn: turn.map(|t| t.n),
                    time_ms: turn.and_then(|t| t.time_ms),
                    start_char: h.start_char,
                    end_char: h.end_char,
                    text,
                    coders: h.coders.clone(),
                });
            }
        }
        Ok(out)
    }
}
