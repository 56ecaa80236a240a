//! The tantivy index: one index document per unit (a speaker turn or a preamble paragraph), with
//! the analyzer's terms in three fields that share positions — `surface` (word forms as written,
//! for exact mode and wildcards), `stem` (where it differs from the word) and `parts` (compound
//! parts) — and the unit's place and filter values as fast and keyword fields. It finds the
//! matching units and counts their hits from the postings' positions with the operators of
//! `matcher::evaluate`; only `code:` (which needs the codings) leaves the last word to the
//! matcher reading each candidate's text.

use std::collections::HashMap;
use std::path::Path;

use tantivy::postings::Postings;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery, RegexQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, Token as TantivyToken};
use tantivy::{DocSet, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use super::analyzer::{Analyzer, WordTerms};
use super::matcher::evaluate;
use super::query::{Leaf, Query};
use crate::language::Language;

/// A unit of text to index.
#[derive(Debug, Clone)]
pub struct Unit {
    pub document_id: i64,
    /// The turn number; `None` for a preamble paragraph.
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
    pub speaker: Option<String>,
    pub informant_id: Option<i64>,
    pub language: Language,
    /// Document and informant attributes, keys lower-case.
    pub attributes: Vec<(String, String)>,
    pub text: String,
}

/// Collects the matching doc ids of each segment, in order: a plain list per segment, where
/// tantivy's `DocSetCollector` hashes every address (tens of thousands for a common word).
struct SegmentDocs;

impl tantivy::collector::Collector for SegmentDocs {
    type Fruit = Vec<(u32, Vec<u32>)>;
    type Child = SegmentDocsChild;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        _reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentDocsChild> {
        Ok(SegmentDocsChild(segment, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(u32, Vec<u32>)>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits;
        fruits.sort_unstable_by_key(|(segment, _)| *segment);
        Ok(fruits)
    }
}

struct SegmentDocsChild(u32, Vec<u32>);

impl tantivy::collector::SegmentCollector for SegmentDocsChild {
    type Fruit = (u32, Vec<u32>);

    fn collect(&mut self, doc: u32, _score: tantivy::Score) {
        self.1.push(doc);
    }

    fn harvest(self) -> Self::Fruit {
        (self.0, self.1)
    }
}

/// A unit the index found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitRef {
    pub document_id: i64,
    pub start_char: usize,
    pub end_char: usize,
    pub informant_id: Option<i64>,
    /// Its hits, when the index can count them (see [`SearchIndex::find`]).
    pub hits: Option<usize>,
}

/// The `informant` value of units no informant speaks (preamble, interviewer turns).
const NO_INFORMANT: i64 = -1;

#[derive(Clone)]
struct Fields {
    document: Field,
    informant: Field,
    start: Field,
    end: Field,
    speaker: Field,
    attribute: Field,
    surface: Field,
    stem: Field,
    parts: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let number = NumericOptions::default().set_fast().set_indexed();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        document: builder.add_i64_field("document", number.clone()),
        informant: builder.add_i64_field("informant", number.clone()),
        start: builder.add_u64_field("start", number.clone()),
        end: builder.add_u64_field("end", number),
        speaker: builder.add_text_field("speaker", STRING),
        attribute: builder.add_text_field("attribute", STRING),
        surface: builder.add_text_field("surface", words.clone()),
        stem: builder.add_text_field("stem", words.clone()),
        parts: builder.add_text_field("parts", words),
    };
    (builder.build(), fields)
}

/// The key of an attribute in the `attribute` field.
fn attribute_term(key: &str, value: &str) -> String {
    format!("{}={}", key.to_lowercase(), value.to_lowercase())
}

/// An open index (cloning shares it).
#[derive(Clone)]
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
}

/// tantivy's own errors, as text: the index is derived data, so any failure is met by
/// rebuilding it, and the message is only shown if that fails too.
pub type EngineError = String;

fn err(e: impl std::fmt::Display) -> EngineError {
    e.to_string()
}

impl SearchIndex {
    /// Builds an index of `units` in `dir` (created empty), or in memory.
    pub fn build(
        dir: Option<&Path>,
        units: impl IntoIterator<Item = Unit>,
    ) -> Result<SearchIndex, EngineError> {
        let (schema, fields) = schema();
        let index = match dir {
            Some(dir) => Index::create_in_dir(dir, schema).map_err(err)?,
            None => Index::create_in_ram(schema),
        };
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, 64_000_000)
            .map_err(err)?;
        let analyzers: Vec<(Language, Analyzer)> = Language::ALL
            .into_iter()
            .map(|l| (l, Analyzer::new(l)))
            .collect();
        // A corpus repeats its words: each is analysed once per build.
        let mut seen: HashMap<(Language, String), WordTerms> = HashMap::new();
        for unit in units {
            let analyzer = &analyzers
                .iter()
                .find(|(l, _)| *l == unit.language)
                .expect("every language has an analyzer")
                .1;
            let mut terms = |word: &str| -> WordTerms {
                seen.entry((unit.language, word.to_owned()))
                    .or_insert_with(|| analyzer.word_terms(word))
                    .clone()
            };
            writer
                .add_document(unit_document(&fields, &mut terms, &unit))
                .map_err(err)?;
        }
        writer.commit().map_err(err)?;
        writer.wait_merging_threads().map_err(err)?;
        SearchIndex::from_index(index, fields)
    }

    /// Opens an index built by [`SearchIndex::build`].
    pub fn open(dir: &Path) -> Result<SearchIndex, EngineError> {
        let index = Index::open_in_dir(dir).map_err(err)?;
        let (schema, fields) = schema();
        if index.schema() != schema {
            return Err("the index was built by another version of Tolk".to_owned());
        }
        SearchIndex::from_index(index, fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<SearchIndex, EngineError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex { reader, fields })
    }

    /// How many units the index holds.
    pub fn units(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The units that may match `query`. Every unit that matches is among them. When the
    /// index alone decides the query ([`decides`]), these are exactly the matching units, each
    /// with its hits counted from the postings; otherwise the matcher must check each one.
    pub fn find(&self, query: &Query) -> Result<Vec<UnitRef>, EngineError> {
        let counted = decides(query);
        let tantivy_query = self.tantivy_query(query)?;
        let searcher = self.reader.searcher();
        let per_segment = searcher
            .search(&*tantivy_query, &SegmentDocs)
            .map_err(err)?;
        let mut units = Vec::new();
        for (segment, docs) in per_segment {
            let reader = searcher.segment_reader(segment);
            debug_assert!(
                docs.windows(2).all(|w| w[0] < w[1]),
                "tantivy collects in order"
            );
            let fast = reader.fast_fields();
            let document = fast.i64("document").map_err(err)?;
            let informant = fast.i64("informant").map_err(err)?;
            let start = fast.u64("start").map_err(err)?;
            let end = fast.u64("end").map_err(err)?;
            let hits = if counted {
                Some(self.count_hits(reader, &docs, query)?)
            } else {
                None
            };
            for (i, &doc) in docs.iter().enumerate() {
                let (Some(document_id), Some(start), Some(end)) =
                    (document.first(doc), start.first(doc), end.first(doc))
                else {
                    continue;
                };
                // A candidate the positions rule out (a phrase's words not in a row).
                if hits.as_ref().is_some_and(|h| h[i].is_none()) {
                    continue;
                }
                units.push(UnitRef {
                    document_id,
                    start_char: start as usize,
                    end_char: end as usize,
                    informant_id: informant.first(doc).filter(|&i| i != NO_INFORMANT),
                    // A unit matched by filters alone is one hit: the unit.
                    hits: hits.as_ref().and_then(|h| h[i]).map(|n| n.max(1)),
                });
            }
        }
        units.sort_unstable();
        Ok(units)
    }

    /// For each of `docs` (sorted), its hits under `query`, or `None` where it does not match:
    /// the query evaluated over the positions the postings give each leaf. Doc by doc, with one
    /// cursor per term and buffers reused across docs, so a common word's tens of thousands of
    /// units cost no allocation each.
    fn count_hits(
        &self,
        reader: &tantivy::SegmentReader,
        docs: &[u32],
        query: &Query,
    ) -> Result<Vec<Option<usize>>, EngineError> {
        let mut leaves = Vec::new();
        all_leaves(query, &mut leaves);
        // Per leaf, per word of the leaf (one for words and wildcards): the terms' cursors.
        let mut cursors: Vec<Vec<Vec<Cursor>>> = Vec::with_capacity(leaves.len());
        for leaf in &leaves {
            let mut words = Vec::new();
            for terms in self.leaf_terms(reader, leaf)? {
                words.push(cursors_for(reader, &terms)?);
            }
            cursors.push(words);
        }
        let mut positions: Vec<Vec<Vec<u32>>> = cursors
            .iter()
            .map(|words| vec![Vec::new(); words.len()])
            .collect();
        let mut scratch = Vec::new();
        let one_word = matches!(query, Query::Leaf(Leaf::Word { .. } | Leaf::Wildcard(_)));
        let index_of = |leaf: &Leaf| {
            leaves
                .iter()
                .position(|l| std::ptr::eq(*l, leaf))
                .expect("every leaf was collected")
        };
        let mut out = Vec::with_capacity(docs.len());
        for &doc in docs {
            for (words, buffers) in cursors.iter_mut().zip(&mut positions) {
                for (terms, buffer) in words.iter_mut().zip(buffers.iter_mut()) {
                    buffer.clear();
                    for cursor in terms.iter_mut() {
                        cursor.positions_at(doc, &mut scratch, buffer);
                    }
                    buffer.sort_unstable();
                    buffer.dedup();
                }
            }
            if one_word {
                let n = positions[0][0].len();
                out.push((n > 0).then_some(n));
                continue;
            }
            let hits = evaluate(query, &mut |leaf| {
                let words = &positions[index_of(leaf)];
                match leaf {
                    Leaf::Speaker(_) | Leaf::Attribute { .. } => {
                        (!words[0].is_empty()).then(Vec::new)
                    }
                    Leaf::Phrase { .. } => {
                        let n = words.len();
                        let spans: Vec<(usize, usize)> = words[0]
                            .iter()
                            .map(|&p| p as usize)
                            .filter(|&p| {
                                (1..n).all(|k| words[k].binary_search(&((p + k) as u32)).is_ok())
                            })
                            .map(|p| (p, p + n))
                            .collect();
                        (!spans.is_empty()).then_some(spans)
                    }
                    _ => {
                        let spans: Vec<(usize, usize)> = words[0]
                            .iter()
                            .map(|&p| (p as usize, p as usize + 1))
                            .collect();
                        (!spans.is_empty()).then_some(spans)
                    }
                }
            });
            out.push(hits.map(|spans| spans.len()));
        }
        Ok(out)
    }

    /// The terms of a leaf, per word: a word's forms in the three word fields, a phrase word's
    /// forms in `surface` and `stem` (never compound parts), a wildcard's matching word forms,
    /// and for filters their one keyword term (any position means the unit has it).
    fn leaf_terms(
        &self,
        reader: &tantivy::SegmentReader,
        leaf: &Leaf,
    ) -> Result<Vec<Vec<(Field, Term)>>, EngineError> {
        let f = &self.fields;
        let forms = |word: &str, exact: bool, fields: &[Field]| -> Vec<(Field, Term)> {
            if exact {
                vec![(f.surface, Term::from_field_text(f.surface, word))]
            } else {
                query_terms(word)
                    .iter()
                    .flat_map(|t| {
                        fields
                            .iter()
                            .map(move |&field| (field, Term::from_field_text(field, t)))
                    })
                    .collect()
            }
        };
        Ok(match leaf {
            Leaf::Word { word, exact } => vec![forms(word, *exact, &[f.surface, f.stem, f.parts])],
            Leaf::Phrase { words, exact } => words
                .iter()
                .map(|w| forms(w, *exact, &[f.surface, f.stem]))
                .collect(),
            Leaf::Wildcard(pattern) => {
                let regex = regex::Regex::new(&format!("^(?:{})$", wildcard_regex(pattern)))
                    .map_err(err)?;
                let inverted = reader.inverted_index(f.surface).map_err(err)?;
                let mut stream = inverted.terms().stream().map_err(err)?;
                let mut terms = Vec::new();
                while stream.advance() {
                    if let Ok(word) = std::str::from_utf8(stream.key()) {
                        if regex.is_match(word) {
                            terms.push((f.surface, Term::from_field_text(f.surface, word)));
                        }
                    }
                }
                vec![terms]
            }
            Leaf::Speaker(label) => vec![vec![(
                f.speaker,
                Term::from_field_text(f.speaker, &label.to_lowercase()),
            )]],
            Leaf::Attribute { key, value } => vec![vec![(
                f.attribute,
                Term::from_field_text(f.attribute, &attribute_term(key, value)),
            )]],
            Leaf::Code(_) => unreachable!("the index never decides a query with code:"),
        })
    }

    fn tantivy_query(&self, query: &Query) -> Result<Box<dyn TantivyQuery>, EngineError> {
        Ok(match query {
            Query::Leaf(leaf) => self.leaf_query(leaf)?,
            Query::Near { left, right, .. } => Box::new(BooleanQuery::new(vec![
                (Occur::Must, self.leaf_query(left)?),
                (Occur::Must, self.leaf_query(right)?),
            ])),
            Query::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                for part in parts {
                    match part {
                        Query::Not(inner) => {
                            clauses.push((Occur::MustNot, self.tantivy_query(inner)?))
                        }
                        other => clauses.push((Occur::Must, self.tantivy_query(other)?)),
                    }
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Query::Or(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                for part in parts {
                    // A NOT inside OR matches most units: let the matcher decide.
                    if matches!(part, Query::Not(_)) {
                        return Ok(Box::new(AllQuery));
                    }
                    clauses.push((Occur::Should, self.tantivy_query(part)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Query::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn TantivyQuery>),
                (Occur::MustNot, self.tantivy_query(inner)?),
            ])),
        })
    }

    fn leaf_query(&self, leaf: &Leaf) -> Result<Box<dyn TantivyQuery>, EngineError> {
        let f = &self.fields;
        Ok(match leaf {
            Leaf::Word { word, exact: true } => term(f.surface, word),
            Leaf::Word { word, exact: false } => {
                let terms = query_terms(word);
                any_of(
                    terms
                        .iter()
                        .flat_map(|t| [term(f.surface, t), term(f.stem, t), term(f.parts, t)])
                        .collect(),
                )
            }
            Leaf::Phrase { words, exact } => Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| {
                        let q = if *exact {
                            term(f.surface, w)
                        } else {
                            any_of(
                                query_terms(w)
                                    .iter()
                                    .flat_map(|t| [term(f.surface, t), term(f.stem, t)])
                                    .collect(),
                            )
                        };
                        (Occur::Must, q)
                    })
                    .collect(),
            )),
            Leaf::Wildcard(pattern) => Box::new(
                RegexQuery::from_pattern(&wildcard_regex(pattern), f.surface).map_err(err)?,
            ),
            Leaf::Speaker(label) => term(f.speaker, &label.to_lowercase()),
            Leaf::Attribute { key, value } => term(f.attribute, &attribute_term(key, value)),
            Leaf::Code(_) => Box::new(AllQuery),
        })
    }
}

/// Whether the index alone decides a query: which units match and how many hits each has, the
/// same as the matcher would (the operators are evaluated by the same code over positions).
/// Only `code:` needs what the index does not hold: the codings.
pub fn decides(query: &Query) -> bool {
    let mut leaves = Vec::new();
    all_leaves(query, &mut leaves);
    !leaves.iter().any(|l| matches!(l, Leaf::Code(_)))
}

fn all_leaves<'q>(query: &'q Query, out: &mut Vec<&'q Leaf>) {
    match query {
        Query::Leaf(l) => out.push(l),
        Query::Near { left, right, .. } => out.extend([left, right]),
        Query::And(parts) | Query::Or(parts) => {
            for p in parts {
                all_leaves(p, out);
            }
        }
        Query::Not(inner) => all_leaves(inner, out),
    }
}

/// A term's postings in one segment, read doc by doc in increasing order.
struct Cursor {
    postings: tantivy::postings::SegmentPostings,
    /// Keyword fields keep no positions: being there is one position.
    has_positions: bool,
}

impl Cursor {
    /// Adds the positions of the term in `doc` to `out` (nothing if the doc lacks it). Docs must
    /// come in increasing order.
    fn positions_at(&mut self, doc: u32, scratch: &mut Vec<u32>, out: &mut Vec<u32>) {
        if self.postings.doc() > doc || self.postings.seek(doc) != doc {
            return;
        }
        if self.has_positions {
            scratch.clear();
            self.postings.positions(scratch);
            out.extend_from_slice(scratch);
        } else {
            out.push(0);
        }
    }
}

fn cursors_for(
    reader: &tantivy::SegmentReader,
    terms: &[(Field, Term)],
) -> Result<Vec<Cursor>, EngineError> {
    let mut cursors = Vec::new();
    for (field, term) in terms {
        let inverted = reader.inverted_index(*field).map_err(err)?;
        let has_positions = match reader.schema().get_field_entry(*field).field_type() {
            tantivy::schema::FieldType::Str(o) => o
                .get_indexing_options()
                .is_some_and(|i| i.index_option().has_positions()),
            _ => false,
        };
        let option = if has_positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::Basic
        };
        if let Some(postings) = inverted.read_postings(term, option).map_err(err)? {
            cursors.push(Cursor {
                postings,
                has_positions,
            });
        }
    }
    Ok(cursors)
}

/// A query word's terms under every language's analyzer: the index holds units of several
/// languages, and the matcher applies the right one.
pub(crate) fn query_terms(word: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for language in Language::ALL {
        for t in Analyzer::new(language).query_terms(word) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    terms
}

fn term(field: Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn any_of(queries: Vec<Box<dyn TantivyQuery>>) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// A wildcard pattern as an anchored regular expression over one word form.
pub(crate) fn wildcard_regex(pattern: &str) -> String {
    let mut regex = String::new();
    for c in pattern.chars() {
        match c {
            '*' => regex.push_str(".*"),
            '?' => regex.push('.'),
            c => regex.push_str(&regex::escape(&c.to_string())),
        }
    }
    regex
}

fn unit_document(
    fields: &Fields,
    word_terms: &mut dyn FnMut(&str) -> WordTerms,
    unit: &Unit,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_i64(fields.document, unit.document_id);
    doc.add_i64(fields.informant, unit.informant_id.unwrap_or(NO_INFORMANT));
    doc.add_u64(fields.start, unit.start_char as u64);
    doc.add_u64(fields.end, unit.end_char as u64);
    if let Some(speaker) = &unit.speaker {
        doc.add_text(fields.speaker, speaker.to_lowercase());
    }
    for (key, value) in &unit.attributes {
        doc.add_text(fields.attribute, attribute_term(key, value));
    }
    let (mut surface, mut stem, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    for (position, token) in Analyzer::tokens(&unit.text).into_iter().enumerate() {
        let terms = word_terms(&token.word);
        let at = |text: String| TantivyToken {
            offset_from: token.start_char,
            offset_to: token.end_char,
            position,
            text,
            position_length: 1,
        };
        // A stem equal to the word is found through `surface` already (every word query and
        // phrase looks in both fields): leaving it out makes the index smaller and faster to build.
        if terms.stem != terms.surface {
            stem.push(at(terms.stem));
        }
        surface.push(at(terms.surface));
        parts.extend(terms.parts.into_iter().map(at));
    }
    for (field, tokens) in [
        (fields.surface, surface),
        (fields.stem, stem),
        (fields.parts, parts),
    ] {
        doc.add_pre_tokenized_text(
            field,
            PreTokenizedString {
                text: String::new(),
                tokens,
            },
        );
    }
    doc
}
