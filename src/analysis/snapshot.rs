//! The lean in-memory model analysis computes over: documents, turns, speakers, informants,
//! attributes, codes and coded excerpts, read at one change-log sequence with a handful of
//! queries (no text), and kept in the project handle's [`Cache`] until the log moves. The words
//! of each document's text ([`super::tokens`]) are kept longer: a document's text never changes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use super::cooccurrence::Occurrences;
use super::scope::{Scope, Values};
use super::tokens::{Totals, Words};
use super::{CodeRef, CooccurrenceMode};
use crate::codebook::tree::Tree;
use crate::codebook::CodeRow;
use crate::language::Language;
use crate::store::{analysis, codes, documents};
use crate::{coding, collate, Result};

/// A document, at its place in Norwegian order of name.
pub(crate) struct Doc {
    pub id: i64,
    pub guid: String,
    pub name: String,
    pub language: Language,
    /// Its turns: indices into [`Snapshot::turns`].
    pub turns: Range<usize>,
}

/// A turn. `informant` is set for informant turns.
pub(crate) struct Turn {
    pub doc: usize,
    pub n: u32,
    pub speaker: usize,
    pub informant: Option<usize>,
    /// The turn's words (without label and timestamp), char offsets.
    pub start_char: usize,
    pub end_char: usize,
}

/// A speaker label of a document.
pub(crate) struct Speaker {
    pub doc: usize,
    pub label: String,
    pub informant: Option<usize>,
}

/// An informant, at its place in Norwegian order of name.
pub(crate) struct Informant {
    pub id: i64,
    pub guid: String,
    pub name: String,
}

/// A coded excerpt: identical codings (same document, span and code) by several coders once.
pub(crate) struct Excerpt {
    pub doc: usize,
    /// Index into [`Snapshot::codes`].
    pub code: usize,
    pub start_char: usize,
    pub end_char: usize,
    /// The GUID of its oldest coding.
    pub coding: String,
    /// The turns it falls in (shares a char with, a turn running from its label to the next
    /// turn's label), as indices into [`Snapshot::turns`].
    pub turns: Range<usize>,
    /// The turn it starts in (`None`: in the preamble).
    pub start_turn: Option<usize>,
}

/// The project as analysis reads it.
pub(crate) struct Snapshot {
    /// The change-log sequence it was read at.
    pub seq: i64,
    pub docs: Vec<Doc>,
    pub turns: Vec<Turn>,
    pub speakers: Vec<Speaker>,
    pub informants: Vec<Informant>,
    /// Attributes by document index and informant index (keys lower-case).
    pub doc_attrs: Vec<BTreeMap<String, String>>,
    pub inf_attrs: Vec<BTreeMap<String, String>>,
    /// As `store::codes::all` reads them.
    pub codes: Vec<CodeRow>,
    /// In document order, then by start, end and code.
    pub excerpts: Vec<Excerpt>,
}

impl Snapshot {
    fn read(conn: &Connection, seq: i64) -> Result<Snapshot> {
        let mut doc_rows = documents::all(conn)?;
        collate::sort_by_key(&mut doc_rows, |d| &d.name);
        let doc_index: HashMap<i64, usize> = doc_rows
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();

        let mut informant_rows = analysis::informants(conn)?;
        collate::sort_by_key(&mut informant_rows, |(_, _, name)| name);
        let informant_index: HashMap<i64, usize> = informant_rows
            .iter()
            .enumerate()
            .map(|(i, (id, _, _))| (*id, i))
            .collect();

        let speaker_rows = analysis::speakers(conn)?;
        let speaker_index: HashMap<i64, usize> = speaker_rows
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let speakers: Vec<Speaker> = speaker_rows
            .into_iter()
            .map(|s| Speaker {
                doc: doc_index[&s.document_id],
                label: s.label,
                informant: s.informant_id.map(|id| informant_index[&id]),
            })
            .collect();

        let mut turn_rows = analysis::turns(conn)?;
        turn_rows.sort_by_key(|t| (doc_index[&t.document_id], t.n));
        let mut docs: Vec<Doc> = doc_rows
            .into_iter()
            .map(|d| Doc {
                id: d.id,
                guid: d.guid,
                name: d.name,
                language: d.language,
                turns: 0..0,
            })
            .collect();
        let mut label_starts = Vec::with_capacity(turn_rows.len());
        let turns: Vec<Turn> = turn_rows
            .into_iter()
            .map(|t| {
                label_starts.push(t.label_start_char);
                let speaker = speaker_index[&t.speaker_id];
                Turn {
                    doc: doc_index[&t.document_id],
                    n: t.n,
                    speaker,
                    informant: speakers[speaker].informant,
                    start_char: t.start_char,
                    end_char: t.end_char,
                }
            })
            .collect();
        for (i, t) in turns.iter().enumerate() {
            let range = &mut docs[t.doc].turns;
            if range.end == 0 {
                range.start = i;
            }
            range.end = i + 1;
        }

        let codes = codes::all(conn)?;
        let code_index: HashMap<i64, usize> =
            codes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut codings = analysis::codings(conn)?;
        // Oldest first within each identical span, so the first of a run names the excerpt.
        codings.sort_by_key(|c| {
            (
                doc_index[&c.document_id],
                c.start_char,
                c.end_char,
                code_index[&c.code_id],
                c.id,
            )
        });
        codings.dedup_by_key(|c| (c.document_id, c.start_char, c.end_char, c.code_id));
        let excerpts = codings
            .into_iter()
            .map(|c| {
                let doc = doc_index[&c.document_id];
                let range = docs[doc].turns.clone();
                let starts = &label_starts[range.clone()];
                let within = coding::turns_in(starts, c.start_char, c.end_char);
                Excerpt {
                    doc,
                    code: code_index[&c.code_id],
                    start_char: c.start_char,
                    end_char: c.end_char,
                    coding: c.guid,
                    turns: range.start + within.start..range.start + within.end,
                    start_turn: coding::turn_at(starts, c.start_char).map(|i| range.start + i),
                }
            })
            .collect();

        let mut doc_attrs = vec![BTreeMap::new(); docs.len()];
        for (id, attrs) in analysis::attributes(conn, false)? {
            doc_attrs[doc_index[&id]] = attrs;
        }
        let mut inf_attrs = vec![BTreeMap::new(); informant_rows.len()];
        for (id, attrs) in analysis::attributes(conn, true)? {
            inf_attrs[informant_index[&id]] = attrs;
        }
        Ok(Snapshot {
            seq,
            docs,
            turns,
            speakers,
            informants: informant_rows
                .into_iter()
                .map(|(id, guid, name)| Informant { id, guid, name })
                .collect(),
            doc_attrs,
            inf_attrs,
            codes,
            excerpts,
        })
    }

    pub fn tree(&self) -> Tree<'_> {
        Tree::new(&self.codes)
    }

    /// The code at index `i` as results name it.
    pub fn code_ref(&self, tree: &Tree, i: usize) -> CodeRef {
        let s = tree.summary(i);
        CodeRef {
            label: s.key.clone().unwrap_or_else(|| s.path.clone()),
            guid: s.guid,
            key: s.key,
            path: s.path,
            name: s.name,
            color: s.color,
            depth: s.depth,
            hidden: s.hidden,
        }
    }

    /// The codes a key, GUID or path names: the code alone, or with its sub-codes; as a
    /// membership table over code indices.
    pub fn family(&self, tree: &Tree, code: &str, subcodes: bool) -> Result<(usize, Vec<bool>)> {
        let i = tree.resolve(code)?;
        let mut member = vec![false; self.codes.len()];
        if subcodes {
            for c in tree.family(i) {
                member[c] = true;
            }
        } else {
            member[i] = true;
        }
        Ok((i, member))
    }

    /// The informant of the turn an excerpt starts in.
    pub fn informant_of(&self, e: &Excerpt) -> Option<usize> {
        e.start_turn.and_then(|t| self.turns[t].informant)
    }
}

/// What analysis keeps between calls on one project handle: the snapshot while the change log
/// stands still, each document's words for as long as the handle is open, and the informant
/// word totals of each scope for the snapshot's life.
#[derive(Default)]
pub(crate) struct Cache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
pub(crate) struct Inner {
    snapshot: Option<Arc<Snapshot>>,
    pub words: Words,
    /// By the scope's filters as given.
    pub totals: HashMap<Vec<String>, Arc<Totals>>,
    /// By attribute as given.
    values: HashMap<String, Arc<Values>>,
    /// By the scope's filters as given, and mode.
    occurrences: HashMap<(Vec<String>, CooccurrenceMode), Arc<Occurrences>>,
}

impl Cache {
    /// The cache, for one analysis call (calls on a handle do not overlap).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic inside an earlier call leaves nothing half-written that matters: the
        // snapshot is replaced whole, and words are added document by document.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    /// The snapshot of the project as it is now, read again when the change log moved.
    pub fn snapshot(&mut self, conn: &Connection) -> Result<Arc<Snapshot>> {
        let seq = analysis::last_seq(conn)?;
        if let Some(s) = self.snapshot.as_ref().filter(|s| s.seq == seq) {
            return Ok(s.clone());
        }
        self.totals.clear();
        self.values.clear();
        self.occurrences.clear();
        let snapshot = Arc::new(Snapshot::read(conn, seq)?);
        self.snapshot = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// The informant word totals of a scope (`filters` as given), counted on first use.
    pub fn totals(
        &mut self,
        conn: &Connection,
        snap: &Snapshot,
        scope: &Scope,
        filters: &[String],
    ) -> Result<Arc<Totals>> {
        if let Some(t) = self.totals.get(filters) {
            return Ok(t.clone());
        }
        let totals = Arc::new(Totals::count(&mut self.words, conn, snap, scope)?);
        self.totals.insert(filters.to_vec(), totals.clone());
        Ok(totals)
    }

    /// The values of an attribute on every speaker and document, read on first use.
    pub fn values(&mut self, snap: &Snapshot, attribute: &str) -> Result<Arc<Values>> {
        if let Some(v) = self.values.get(attribute) {
            return Ok(v.clone());
        }
        let values = Arc::new(Values::read(snap, attribute)?);
        self.values.insert(attribute.to_owned(), values.clone());
        Ok(values)
    }

    /// Where the excerpts of a scope (`filters` as given) lie, for co-occurrence in `mode`.
    pub fn occurrences(
        &mut self,
        snap: &Snapshot,
        scope: &Scope,
        filters: &[String],
        mode: CooccurrenceMode,
    ) -> Arc<Occurrences> {
        self.occurrences
            .entry((filters.to_vec(), mode))
            .or_insert_with(|| Arc::new(Occurrences::new(snap, scope, mode)))
            .clone()
    }
}
