//! Words for analysis: each document's text split and normalised by the search analyzer
//! ([`crate::index::analyzer`]: lower-case, Snowball stems for nb/nn), every distinct word form
//! stemmed once, kept per document GUID (a document's text never changes); the bokmål and
//! nynorsk stop-word lists; and the informant word totals of a scope.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rusqlite::Connection;

use super::scope::Scope;
use super::snapshot::{Doc, Snapshot};
use crate::index::Analyzer;
use crate::language::Language;
use crate::store::retrieval;
use crate::{Error, Result};

/// Whether a lower-case word is on the bokmål or nynorsk stop list (or is a number).
pub(crate) fn is_stop_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        [
            include_str!("stopwords-nb.txt"),
            include_str!("stopwords-nn.txt"),
        ]
        .iter()
        .flat_map(|list| list.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
    });
    words.contains(word) || word.chars().all(char::is_numeric)
}

/// A document's words in order: where each starts (char offset) and which word form it is.
pub(crate) struct DocTokens {
    pub starts: Vec<u32>,
    /// Word-form ids ([`Words::surface`]).
    pub words: Vec<u32>,
}

impl DocTokens {
    /// The words starting in `start..end`, as a range of indices.
    pub fn within(&self, start: usize, end: usize) -> Range<usize> {
        let from = self.starts.partition_point(|&s| (s as usize) < start);
        let to = self.starts.partition_point(|&s| (s as usize) < end);
        from..to.max(from)
    }
}

/// Word forms, their stems and stop-word marks, and each document's words.
#[derive(Default)]
pub(crate) struct Words {
    surfaces: Vec<String>,
    /// By language (bokmål and nynorsk share one stemmer) and lower-case form.
    surface_index: HashMap<(Language, String), u32>,
    /// Stem id by word-form id.
    pub stem_of: Vec<u32>,
    /// By word-form id.
    pub stop: Vec<bool>,
    stems: Vec<String>,
    stem_index: HashMap<String, u32>,
    docs: HashMap<String, Arc<DocTokens>>,
}

fn stemmer_language(language: Language) -> Language {
    match language {
        Language::Nn => Language::Nb,
        other => other,
    }
}

impl Words {
    /// A document's words, split on first use.
    pub fn doc(&mut self, conn: &Connection, doc: &Doc) -> Result<Arc<DocTokens>> {
        if let Some(tokens) = self.docs.get(&doc.guid) {
            return Ok(tokens.clone());
        }
        let tokens = retrieval::with_text(conn, doc.id, |bytes| {
            std::str::from_utf8(bytes).map(Analyzer::tokens)
        })?
        .map_err(|e| Error::Invalid(format!("the text of {:?} is not UTF-8: {e}", doc.name)))?;
        let language = stemmer_language(doc.language);
        let analyzer = Analyzer::new(language);
        let mut out = DocTokens {
            starts: Vec::with_capacity(tokens.len()),
            words: Vec::with_capacity(tokens.len()),
        };
        for token in tokens {
            out.starts.push(token.start_char as u32);
            let key = (language, token.word);
            let id = match self.surface_index.get(&key) {
                Some(&id) => id,
                None => self.add_surface(&analyzer, key),
            };
            out.words.push(id);
        }
        let out = Arc::new(out);
        self.docs.insert(doc.guid.clone(), out.clone());
        Ok(out)
    }

    fn add_surface(&mut self, analyzer: &Analyzer, key: (Language, String)) -> u32 {
        let stem = analyzer.stem(&key.1);
        let next_stem = self.stems.len() as u32;
        let stem_id = *self.stem_index.entry(stem.clone()).or_insert(next_stem);
        if stem_id == next_stem {
            self.stems.push(stem);
        }
        let id = self.surfaces.len() as u32;
        self.stop.push(is_stop_word(&key.1));
        self.stem_of.push(stem_id);
        self.surfaces.push(key.1.clone());
        self.surface_index.insert(key, id);
        id
    }

    pub fn surface(&self, id: u32) -> &str {
        &self.surfaces[id as usize]
    }

    pub fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    pub fn surface_count(&self) -> usize {
        self.surfaces.len()
    }

    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// The stem id of a stem (as [`super::DistinctiveWord::stem`] gives it), else of a word
    /// form met in a document, else of what the bokmål stemmer makes of the word.
    pub fn find_stem(&self, word: &str) -> Option<u32> {
        let word = word.trim().to_lowercase();
        if let Some(&id) = self.stem_index.get(&word) {
            return Some(id);
        }
        Language::ALL
            .into_iter()
            .find_map(|l| self.surface_index.get(&(l, word.clone())))
            .map(|&id| self.stem_of[id as usize])
            .or_else(|| {
                let stem = Analyzer::new(Language::Nb).stem(&word);
                self.stem_index.get(&stem).copied()
            })
    }
}

/// The words of the informant turns in a scope.
pub(crate) struct Totals {
    /// Every word (stop words included): the size of the informants' speech.
    pub tokens: u64,
    /// Occurrences by stem id (stop words left out).
    pub stem_count: Vec<u32>,
    /// How many informant turns hold the stem.
    pub stem_df: Vec<u32>,
    /// Informant turns with at least one word.
    pub turns: u32,
    /// Words by document index.
    pub doc_words: Vec<u32>,
}

impl Totals {
    pub fn count(
        words: &mut Words,
        conn: &Connection,
        snap: &Snapshot,
        scope: &Scope,
    ) -> Result<Totals> {
        let mut docs = Vec::new();
        for (d, doc) in snap.docs.iter().enumerate() {
            if scope.doc[d] {
                docs.push((d, words.doc(conn, doc)?));
            }
        }
        let stems = words.stem_count();
        let mut totals = Totals {
            tokens: 0,
            stem_count: vec![0; stems],
            stem_df: vec![0; stems],
            turns: 0,
            doc_words: vec![0; snap.docs.len()],
        };
        // The last turn each stem was counted in, for document frequencies.
        let mut last_turn = vec![u32::MAX; stems];
        for (d, tokens) in docs {
            for t in snap.docs[d].turns.clone() {
                let turn = &snap.turns[t];
                if turn.informant.is_none() || !scope.turn(snap, t) {
                    continue;
                }
                let range = tokens.within(turn.start_char, turn.end_char);
                if range.is_empty() {
                    continue;
                }
                totals.turns += 1;
                totals.tokens += range.len() as u64;
                totals.doc_words[d] += range.len() as u32;
                for &w in &tokens.words[range] {
                    if words.stop[w as usize] {
                        continue;
                    }
                    let s = words.stem_of[w as usize] as usize;
                    totals.stem_count[s] += 1;
                    if last_turn[s] != t as u32 {
                        last_turn[s] = t as u32;
                        totals.stem_df[s] += 1;
                    }
                }
            }
        }
        Ok(totals)
    }
}

/// The parts of `spans` (sorted, merged char ranges of one document) that lie in the words of
/// the document's informant turns in scope, in order.
pub(crate) fn informant_pieces(
    snap: &Snapshot,
    scope: &Scope,
    doc: usize,
    spans: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let turns = snap.docs[doc].turns.clone();
    for &(start, end) in spans {
        // Turns are in text order: the first whose words end after `start` onward.
        let first =
            turns.start + snap.turns[turns.clone()].partition_point(|t| t.end_char <= start);
        for t in first..turns.end {
            let turn = &snap.turns[t];
            if turn.start_char >= end {
                break;
            }
            if turn.informant.is_none() || !scope.turn(snap, t) {
                continue;
            }
            let (s, e) = (start.max(turn.start_char), end.min(turn.end_char));
            if s < e {
                out.push((s, e));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_cover_both_written_standards_and_numbers() {
        for w in [
            "og", "ikke", "ikkje", "eg", "kva", "jeg", "hva", "øh", "2024",
        ] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["tillit", "kommune", "leder", "styring"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
