//! Searching a project's transcripts: keeping the derived tantivy index fresh in the cache
//! directory, and turning a query into counted, keyword-in-context hits. Code scopes and
//! `code:` filters are read from SQLite at query time, so a coding never waits for the index.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use super::Project;
use crate::codebook::tree::Tree;
use crate::index::query::{self, Leaf, Query};
use crate::index::{Analyzer, Matcher, SearchIndex, Unit, UnitFacts, UnitRef};
use crate::language::Language;
use crate::store::attributes::{self, Owner};
use crate::store::{codes, codings, documents};
use crate::{Error, Result};

/// Bumped when what the index holds or how it is analysed changes: older indexes are rebuilt.
const INDEX_FORMAT: u32 = 2;
/// Logged changes that leave the index as it is (codings, codes, memos and coders live in
/// SQLite only). Any other change, including ones added later, makes the index stale.
const UNINDEXED_ACTIONS: [&str; 22] = [
    "code",
    "uncode",
    "adjust_coding",
    "reassign_coding",
    "create_code",
    "rename_code",
    "set_code_color",
    "move_code",
    "edit_code",
    "merge_code",
    "split_code",
    "delete_code",
    "hide_code_family",
    "show_code_family",
    "set_memo",
    "delete_memo",
    "create_coder",
    "rename_document",
    "add_codebook",
    "import_codebook",
    "save_search",
    "delete_search",
];
/// Chars of context on each side of a hit in its snippet.
const CONTEXT_CHARS: usize = 60;

/// A search: the query, the scope and the filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub query: String,
    /// Only hits inside codings of this code or its sub-codes ("quotes by theme").
    pub code: Option<String>,
    /// Only hits in text no coder in view has coded.
    pub uncoded: bool,
    /// The coder in view (for `code` and `uncoded`); all coders if `None`.
    pub coder: Option<String>,
    /// `KEY=VALUE` (also `doc.KEY=VALUE`, `inf.KEY=VALUE`) filters that all must hold.
    pub filters: Vec<String>,
    /// How many hits to list (the counts are always complete).
    pub limit: usize,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            code: None,
            uncoded: false,
            coder: None,
            filters: Vec::new(),
            limit: 50,
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    /// Matched words (or phrases) in all units.
    pub hits: usize,
    /// Units (turns and preamble paragraphs) with a hit.
    pub turns: usize,
    pub documents: usize,
    pub informants: usize,
    /// The first `limit` hits in document order.
    pub results: Vec<SearchHit>,
}

/// One hit with its keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub document: String,
    pub document_guid: String,
    /// The turn number; `None` in the preamble.
    pub turn: Option<u32>,
    pub speaker: Option<String>,
    /// The match in document chars (end exclusive).
    pub start_char: usize,
    pub end_char: usize,
    pub snippet: String,
    /// `[start, end]` char ranges inside `snippet` to highlight.
    pub highlights: Vec<[usize; 2]>,
}

/// What `reindex` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexReport {
    pub units: u64,
    pub dir: PathBuf,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct IndexState {
    format: u32,
    log_seq: i64,
}

const STATE_FILE: &str = "tolk-index.json";

/// The search index a project keeps open between searches, with the change-log sequence at
/// which it was last known fresh.
pub(crate) type OpenIndex = std::sync::Mutex<Option<Opened>>;

/// An index known fresh at a change-log sequence, with the documents' order at that point.
#[derive(Clone)]
pub(crate) struct Opened {
    seq: i64,
    index: SearchIndex,
    /// Each document's place when sorted by name (as the document list sorts).
    rank: std::sync::Arc<HashMap<i64, usize>>,
}

/// Coded char ranges per document id.
type CodedSpans = HashMap<i64, Vec<(usize, usize)>>;

/// A search's coding scope: hits inside (or, for `inside: false`, outside) these coded spans.
struct Scope {
    coded: CodedSpans,
    inside: bool,
}

/// What checking units against a query needs, kept across units.
struct Run<'q> {
    query: &'q Query,
    marks_words: bool,
    code_filters: &'q HashMap<String, CodedSpans>,
    scope: Option<&'q Scope>,
    matchers: HashMap<Language, Matcher<'q>>,
    loaded: Option<DocumentUnits>,
}

/// One document's units and facts, read once per search.
struct DocumentUnits {
    id: i64,
    name: String,
    guid: String,
    units: Vec<Unit>,
}

impl Project {
    /// Rebuilds the search index from the project file.
    pub fn reindex(&self) -> Result<IndexReport> {
        let dir = self.index_dir()?;
        let index = self.build_index(&dir)?;
        *self.search_index.lock().expect("no panic holds it") = Some(Opened {
            seq: self.log_seq()?,
            index: index.clone(),
            rank: self.document_ranks()?,
        });
        Ok(IndexReport {
            units: index.units(),
            dir,
        })
    }

    /// Runs a search. The index is brought up to date first if the project changed since it was
    /// built.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let mut query = query::parse(&request.query).map_err(|e| Error::InvalidQuery {
            query: request.query.clone(),
            reason: e.to_string(),
        })?;
        for filter in &request.filters {
            let Some((key, value)) = filter.split_once('=') else {
                return Err(Error::Invalid(format!(
                    "a filter is KEY=VALUE, as in rolle=enhetsleder, not {filter:?}"
                )));
            };
            query = Query::And(vec![
                query,
                Query::Leaf(Leaf::Attribute {
                    key: key.trim().to_lowercase(),
                    value: value.trim().to_owned(),
                }),
            ]);
        }
        let opened = self.fresh_index()?;
        let mut units = opened.index.find(&query).map_err(Error::Index)?;

        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let coded_by = |code: &str| -> Result<CodedSpans> {
            let family: Vec<i64> = tree
                .family(tree.resolve(code)?)
                .into_iter()
                .map(|i| rows[i].id)
                .collect();
            self.coded_spans(&family, request.coder.as_deref())
        };
        let mut code_filters: HashMap<String, CodedSpans> = HashMap::new();
        collect_codes(&query, &mut |code| {
            if !code_filters.contains_key(code) {
                code_filters.insert(code.to_owned(), coded_by(code)?);
            }
            Ok(())
        })?;
        let scope = match (&request.code, request.uncoded) {
            (Some(code), _) => Some(Scope {
                coded: coded_by(code)?,
                inside: true,
            }),
            (None, true) => {
                let all: Vec<i64> = rows.iter().map(|r| r.id).collect();
                Some(Scope {
                    coded: self.coded_spans(&all, request.coder.as_deref())?,
                    inside: false,
                })
            }
            (None, false) => None,
        };

        // Document order: by name, as the document list sorts.
        units.sort_by_cached_key(|u| (opened.rank.get(&u.document_id).copied(), u.start_char));

        let mut run = Run {
            query: &query,
            marks_words: query_marks_words(&query),
            code_filters: &code_filters,
            scope: scope.as_ref(),
            matchers: HashMap::new(),
            loaded: None,
        };
        let counted = scope.is_none() && units.iter().all(|u| u.hits.is_some());
        // The units whose hits fill the list, per document: a document with several of them is
        // read once as a whole, one with a single listed unit only for that unit.
        let mut listed_in: HashMap<i64, usize> = HashMap::new();
        if counted {
            let mut listed = 0;
            for unit in &units {
                if listed >= request.limit {
                    break;
                }
                listed += unit.hits.unwrap_or(0);
                *listed_in.entry(unit.document_id).or_default() += 1;
            }
        }
        let mut results = SearchResults {
            hits: 0,
            turns: 0,
            documents: 0,
            informants: 0,
            results: Vec::new(),
        };
        let mut documents_seen = HashSet::new();
        let mut informants_seen = HashSet::new();
        for unit in &units {
            let full = results.results.len() >= request.limit;
            // The index has counted this unit's hits: the text is only read for listed hits.
            let hits = match unit.hits {
                Some(hits) if counted => {
                    if !full {
                        let listed = if listed_in.get(&unit.document_id) > Some(&1) {
                            self.unit_hits(&mut run, unit)?
                        } else {
                            self.listed_hits(&mut run, unit)?
                        };
                        results.results.extend(listed.into_iter().flatten());
                    }
                    hits
                }
                _ => match self.unit_hits(&mut run, unit)? {
                    Some(listed) => {
                        let n = listed.len();
                        results.results.extend(listed);
                        n
                    }
                    None => continue,
                },
            };
            results.hits += hits;
            results.turns += 1;
            documents_seen.insert(unit.document_id);
            if let Some(informant) = unit.informant_id {
                informants_seen.insert(informant);
            }
        }
        results.results.truncate(request.limit);
        results.documents = documents_seen.len();
        results.informants = informants_seen.len();
        Ok(results)
    }

    /// A unit's hits with their snippets, or `None` if the unit does not match (after scope).
    fn unit_hits(&self, run: &mut Run, found: &UnitRef) -> Result<Option<Vec<SearchHit>>> {
        if run
            .loaded
            .as_ref()
            .is_none_or(|d| d.id != found.document_id)
        {
            run.loaded = Some(self.document_units(found.document_id)?);
        }
        let doc = run.loaded.take().expect("loaded above");
        let hits = doc
            .units
            .iter()
            .find(|u| u.start_char == found.start_char && u.end_char == found.end_char)
            .and_then(|unit| hits_in(run, &doc.name, &doc.guid, unit));
        run.loaded = Some(doc);
        // No such unit: the index is older than the document; the next search rebuilds it.
        Ok(hits)
    }

    /// The hits of one unit the index has already counted, for the list, reading only that unit
    /// (the first 50 hits of a rare phrase can lie in 50 transcripts).
    fn listed_hits(&self, run: &mut Run, found: &UnitRef) -> Result<Option<Vec<SearchHit>>> {
        let conn = self.store.conn();
        // SQLite's substr counts the characters of a text value, as the index's offsets do.
        let (name, guid, language, text): (String, String, String, String) = conn
            .prepare_cached(
                "SELECT name, guid, language, substr(text, ?2 + 1, ?3) FROM document \
                 WHERE id = ?1",
            )?
            .query_row(
                (
                    found.document_id,
                    found.start_char as i64,
                    (found.end_char - found.start_char) as i64,
                ),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let turn: Option<(u32, String, Option<i64>)> = conn
            .prepare_cached(
                "SELECT t.n, s.label, s.informant_id FROM turn t JOIN speaker s \
                 ON s.id = t.speaker_id WHERE t.document_id = ?1 AND t.start_char = ?2",
            )?
            .query_row((found.document_id, found.start_char as i64), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let mut attributes = prefixed(
            attributes::get(conn, Owner::Document(found.document_id))?,
            "doc",
        );
        let informant_id = turn.as_ref().and_then(|t| t.2);
        if let Some(id) = informant_id {
            let own = prefixed(attributes::get(conn, Owner::Informant(id))?, "inf");
            with_informant(&mut attributes, &own);
        }
        let unit = Unit {
            document_id: found.document_id,
            turn: turn.as_ref().map(|t| t.0),
            start_char: found.start_char,
            end_char: found.end_char,
            speaker: turn.map(|t| t.1),
            informant_id,
            language: Language::parse(&language).unwrap_or_default(),
            attributes,
            text,
        };
        Ok(hits_in(run, &name, &guid, &unit))
    }
}

/// A unit's hits with their snippets, or `None` if the unit does not match (after the scope).
fn hits_in(run: &mut Run, name: &str, guid: &str, unit: &Unit) -> Option<Vec<SearchHit>> {
    {
        let code_filters = run.code_filters;
        let holds_code = |code: &str| {
            code_filters
                .get(code)
                .and_then(|spans| spans.get(&unit.document_id))
                .is_some_and(|spans| {
                    spans
                        .iter()
                        .any(|&(s, e)| s < unit.end_char && unit.start_char < e)
                })
        };
        let facts = UnitFacts {
            speaker: unit.speaker.as_deref(),
            attributes: &unit.attributes,
            holds_code: &holds_code,
        };
        let tokens = Analyzer::tokens(&unit.text);
        let query = run.query;
        let matcher = run
            .matchers
            .entry(unit.language)
            .or_insert_with(|| Matcher::new(query, unit.language));
        let spans = matcher.run(&tokens, &facts)?;
        let mut spans: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(a, b)| {
                (
                    unit.start_char + tokens[a].start_char,
                    unit.start_char + tokens[b - 1].end_char,
                )
            })
            .collect();
        if let Some(scope) = run.scope {
            let ranges = scope
                .coded
                .get(&unit.document_id)
                .map_or(&[][..], Vec::as_slice);
            spans.retain(|&(s, e)| {
                if scope.inside {
                    ranges.iter().any(|&(cs, ce)| cs <= s && e <= ce)
                } else {
                    !ranges.iter().any(|&(cs, ce)| cs < e && s < ce)
                }
            });
            if spans.is_empty() && (run.marks_words || !scope.inside) {
                return None;
            }
        }
        if spans.is_empty() {
            // Matched by filters alone: the unit is the hit.
            spans.push((unit.start_char, unit.end_char));
        }
        let chars: Vec<char> = unit.text.chars().collect();
        Some(
            spans
                .iter()
                .map(|&(start, end)| hit(name, guid, unit, &chars, &spans, start, end))
                .collect(),
        )
    }
}

/// Adds an informant's attributes to its document's. As in excerpt filters, a plain key is the
/// informant's value if it has one, else the document's.
fn with_informant(attributes: &mut Vec<(String, String)>, own: &[(String, String)]) {
    attributes.retain(|(k, _)| !own.iter().any(|(o, _)| o == k));
    attributes.extend(own.iter().cloned());
}

/// Attributes with each key also under `prefix.` (`doc.rolle`, `inf.rolle`), so a filter can
/// name the level.
fn prefixed(
    attributes: std::collections::BTreeMap<String, String>,
    prefix: &str,
) -> Vec<(String, String)> {
    let mut list = Vec::with_capacity(attributes.len() * 2);
    for (key, value) in attributes {
        list.push((format!("{prefix}.{key}"), value.clone()));
        list.push((key, value));
    }
    list
}

impl Project {
    /// The index, rebuilt first if the project changed in a way it reflects.
    fn fresh_index(&self) -> Result<Opened> {
        let seq = self.log_seq()?;
        let mut open = self.search_index.lock().expect("no panic holds it");
        if let Some(opened) = open.as_ref() {
            if opened.seq == seq {
                return Ok(opened.clone());
            }
        }
        let opened = Opened {
            seq,
            index: self.fresh_index_at(seq)?,
            rank: self.document_ranks()?,
        };
        *open = Some(opened.clone());
        Ok(opened)
    }

    fn document_ranks(&self) -> Result<std::sync::Arc<HashMap<i64, usize>>> {
        let mut docs = documents::all(self.store.conn())?;
        crate::collate::sort_by_key(&mut docs, |d| d.name.as_str());
        Ok(std::sync::Arc::new(
            docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect(),
        ))
    }

    fn fresh_index_at(&self, seq: i64) -> Result<SearchIndex> {
        let dir = self.index_dir()?;
        if let Some(state) = read_state(&dir) {
            if state.format == INDEX_FORMAT && !self.index_affected_since(state.log_seq)? {
                if let Ok(index) = SearchIndex::open(&dir) {
                    if state.log_seq != seq {
                        // Best effort: a read-only cache only means this check runs again.
                        let _ = write_state(&dir, seq);
                    }
                    return Ok(index);
                }
            }
        }
        self.build_index(&dir)
    }

    fn log_seq(&self) -> Result<i64> {
        Ok(self.store.conn().query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM change_log",
            [],
            |r| r.get(0),
        )?)
    }

    fn index_affected_since(&self, seq: i64) -> Result<bool> {
        let mut stmt = self
            .store
            .conn()
            .prepare("SELECT DISTINCT action FROM change_log WHERE seq > ?1")?;
        let actions = stmt
            .query_map([seq], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(actions
            .iter()
            .any(|a| !UNINDEXED_ACTIONS.contains(&a.as_str())))
    }

    /// Builds the index beside the old one and swaps it in, so a search running meanwhile (or a
    /// crash) never sees half an index.
    fn build_index(&self, dir: &Path) -> Result<SearchIndex> {
        let seq = self.log_seq()?;
        let fresh = dir.with_extension(format!("new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&fresh);
        std::fs::create_dir_all(&fresh).map_err(|e| Error::io(&fresh, e))?;
        let mut units = Vec::new();
        for doc in documents::all(self.store.conn())? {
            units.extend(self.document_units(doc.id)?.units);
        }
        SearchIndex::build(Some(&fresh), units).map_err(Error::Index)?;
        write_state(&fresh, seq).map_err(|e| Error::io(&fresh, e))?;
        let _ = std::fs::remove_dir_all(dir);
        std::fs::rename(&fresh, dir).map_err(|e| Error::io(dir, e))?;
        SearchIndex::open(dir).map_err(Error::Index)
    }

    /// Where this project's index lives: `TOLK_CACHE_DIR` (default: the user's cache directory)
    /// `/tolk/index/<project GUID>-<hash of the project's canonical path>`, so two copies of a
    /// project never share an index.
    fn index_dir(&self) -> Result<PathBuf> {
        let root = match std::env::var_os("TOLK_CACHE_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => dirs::cache_dir()
                .ok_or_else(|| Error::Invalid("this system has no cache directory".to_owned()))?
                .join("tolk"),
        };
        let canonical =
            std::fs::canonicalize(self.path()).map_err(|e| Error::io(self.path(), e))?;
        let hash = Sha256::digest(canonical.to_string_lossy().as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        Ok(root
            .join("index")
            .join(format!("{}-{hex}", self.store.project_guid()?)))
    }

    /// A document's units: preamble paragraphs and turns, with their speaker, informant and
    /// attributes.
    fn document_units(&self, document_id: i64) -> Result<DocumentUnits> {
        let conn = self.store.conn();
        let row = documents::get(conn, document_id)?;
        let text: Vec<char> = documents::text(conn, document_id)?.chars().collect();
        // The informants speaking in this document, by name (turns name their informant).
        let informant_ids: HashMap<String, i64> = conn
            .prepare_cached(
                "SELECT DISTINCT i.name, i.id FROM speaker s JOIN informant i \
                 ON i.id = s.informant_id WHERE s.document_id = ?1",
            )?
            .query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let doc_attributes = prefixed(attributes::get(conn, Owner::Document(document_id))?, "doc");
        let slice = |s: usize, e: usize| text[s..e].iter().collect::<String>();
        let mut units = Vec::new();
        let preamble_end = row.preamble_end_char.min(text.len());
        let mut start = 0;
        while start < preamble_end {
            // Paragraphs are split at blank lines; a lone line break stays inside.
            let mut end = start;
            while end < preamble_end && !(text[end] == '\n' && text.get(end + 1) == Some(&'\n')) {
                end += 1;
            }
            if text[start..end].iter().any(|c| c.is_alphanumeric()) {
                units.push(Unit {
                    document_id,
                    turn: None,
                    start_char: start,
                    end_char: end,
                    speaker: None,
                    informant_id: None,
                    language: row.language,
                    attributes: doc_attributes.clone(),
                    text: slice(start, end),
                });
            }
            start = end + 2;
        }
        let mut informant_attributes: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for turn in documents::turns(conn, document_id)? {
            let informant_id = turn
                .informant
                .as_ref()
                .and_then(|name| informant_ids.get(name).copied());
            let mut attrs = doc_attributes.clone();
            if let Some(id) = informant_id {
                if let std::collections::hash_map::Entry::Vacant(entry) =
                    informant_attributes.entry(id)
                {
                    entry.insert(prefixed(
                        attributes::get(conn, Owner::Informant(id))?,
                        "inf",
                    ));
                }
                with_informant(&mut attrs, &informant_attributes[&id]);
            }
            units.push(Unit {
                document_id,
                turn: Some(turn.n),
                start_char: turn.start_char,
                end_char: turn.end_char,
                speaker: Some(turn.speaker.clone()),
                informant_id,
                language: row.language,
                attributes: attrs,
                text: slice(turn.start_char, turn.end_char),
            });
        }
        Ok(DocumentUnits {
            id: document_id,
            name: row.name,
            guid: row.guid,
            units,
        })
    }

    /// The coded char ranges of these codes per document, for one coder or all.
    fn coded_spans(&self, code_ids: &[i64], coder: Option<&str>) -> Result<CodedSpans> {
        let mut spans: CodedSpans = HashMap::new();
        for coding in codings::for_codes(self.store.conn(), code_ids)? {
            if coder.is_some_and(|c| c != coding.coder) {
                continue;
            }
            spans
                .entry(coding.document_id)
                .or_default()
                .push((coding.start_char, coding.end_char));
        }
        Ok(spans)
    }
}

fn collect_codes(query: &Query, f: &mut dyn FnMut(&str) -> Result<()>) -> Result<()> {
    match query {
        Query::Leaf(Leaf::Code(code)) => f(code),
        Query::Leaf(_) | Query::Near { .. } => Ok(()),
        Query::And(parts) | Query::Or(parts) => parts.iter().try_for_each(|p| collect_codes(p, f)),
        Query::Not(inner) => collect_codes(inner, f),
    }
}

fn query_marks_words(query: &Query) -> bool {
    match query {
        Query::Leaf(leaf) => leaf.marks_words(),
        Query::Near { .. } => true,
        Query::And(parts) | Query::Or(parts) => parts.iter().any(query_marks_words),
        Query::Not(_) => false,
    }
}

/// A hit with its keyword-in-context snippet: up to `CONTEXT_CHARS` of the unit on each side,
/// cut at a space, with every hit inside it highlighted.
fn hit(
    name: &str,
    guid: &str,
    unit: &Unit,
    chars: &[char],
    spans: &[(usize, usize)],
    start: usize,
    end: usize,
) -> SearchHit {
    // `chars` is the unit's text: document offset `i` is `chars[i - unit.start_char]`.
    let at = |i: usize| chars[i - unit.start_char];
    let mut from = start.saturating_sub(CONTEXT_CHARS).max(unit.start_char);
    let mut to = (end + CONTEXT_CHARS).min(unit.end_char);
    if from > unit.start_char {
        if let Some(space) = (from..start).find(|&i| at(i).is_whitespace()) {
            from = space + 1;
        }
    }
    if to < unit.end_char {
        if let Some(space) = (end..to).rev().find(|&i| at(i).is_whitespace()) {
            to = space;
        }
    }
    let lead = if from > unit.start_char { "…" } else { "" };
    let tail = if to < unit.end_char { "…" } else { "" };
    let body: String = chars[from - unit.start_char..to - unit.start_char]
        .iter()
        .map(|&c| if c == '\n' { ' ' } else { c })
        .collect();
    let offset = lead.chars().count();
    let highlights = spans
        .iter()
        .filter(|&&(s, e)| from <= s && e <= to)
        .map(|&(s, e)| [s - from + offset, e - from + offset])
        .collect();
    SearchHit {
        document: name.to_owned(),
        document_guid: guid.to_owned(),
        turn: unit.turn,
        speaker: unit.speaker.clone(),
        start_char: start,
        end_char: end,
        snippet: format!("{lead}{body}{tail}"),
        highlights,
    }
}

fn read_state(dir: &Path) -> Option<IndexState> {
    serde_json::from_slice(&std::fs::read(dir.join(STATE_FILE)).ok()?).ok()
}

fn write_state(dir: &Path, log_seq: i64) -> std::io::Result<()> {
    let state = serde_json::to_vec(&IndexState {
        format: INDEX_FORMAT,
        log_seq,
    })
    .expect("the state serialises");
    let tmp = dir.join(format!("{STATE_FILE}.tmp"));
    std::fs::write(&tmp, state)?;
    std::fs::rename(tmp, dir.join(STATE_FILE))
}
