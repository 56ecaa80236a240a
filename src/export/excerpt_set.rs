//! The excerpts of a retrieval as an export shows them: each [`Excerpt`] with its code path,
//! informant, attributes, the codings behind it (their translation, memo and omitted ranges),
//! its quote as shown and its citation; grouped into one section per code. Every writer
//! (DOCX, XLSX, CSV, Markdown, HTML) renders an [`ExcerptSet`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::citation::{CitationCheck, CitationValues, QuoteMarks};
use super::notes::{apply_omissions, merge_ranges, CharRange};
use crate::codebook::tree::Tree;
use crate::project::{count_words, Excerpt, ExcerptQuery, Project};
use crate::store::export::{self as store, NotedCoding};
use crate::store::{codes, retrieval};
use crate::{collate, Result};

/// Quotes of this many words or more are set as block quotes.
pub const BLOCK_WORDS: usize = 40;

/// How an export cites and marks its quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// A saved or built-in template's name, or a template; `None`: the default (see
    /// [`Project::citation`]).
    pub citation: Option<String>,
    pub quotes: QuoteMarks,
    /// The CSV field delimiter (`;` by default).
    pub delimiter: Option<u8>,
}

/// One excerpt as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportExcerpt {
    pub document: String,
    pub document_guid: String,
    /// The code's label (key, else path; for an AND piece the expression).
    pub code: String,
    /// The code's key, if it has one.
    pub code_key: Option<String>,
    /// The code's names from the top (an AND piece: the expression alone).
    pub code_path: Vec<String>,
    pub speaker: Option<String>,
    /// The informant of the turn it starts in (`None` for interviewers and the preamble).
    pub informant: Option<String>,
    /// The informant's attributes over the document's.
    pub attributes: BTreeMap<String, String>,
    pub turn: Option<u32>,
    pub time_ms: Option<u64>,
    pub start_char: usize,
    pub end_char: usize,
    /// Exactly the chars of the span.
    pub text: String,
    /// The text with each omitted range replaced by `(…)`: what is quoted.
    pub quote: String,
    /// Omitted ranges (document offsets) of the codings behind it, merged.
    pub omissions: Vec<CharRange>,
    pub translation: Option<String>,
    /// The memos on the codings behind it, joined by blank lines.
    pub memo: Option<String>,
    pub coders: Vec<String>,
    /// The GUIDs of the codings behind it (several coders' identical codings; none for an AND
    /// piece).
    pub codings: Vec<String>,
    /// The quote cited with the template, in its marks (`«…» (enhetsleder)`).
    pub cited: String,
    /// The citation alone (`(enhetsleder)`).
    pub reference: String,
    /// Whether it is set as a block quote ([`BLOCK_WORDS`] words or more, no marks).
    pub block: bool,
}

/// A section of an export: one code and its excerpts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSection {
    /// The code's label as excerpts carry it.
    pub code: String,
    /// The heading: key and name (`T02.4 Kommune`), else the path with ` / `.
    pub heading: String,
    /// Indexes into [`ExcerptSet::excerpts`], in document order.
    pub excerpts: Vec<usize>,
}

/// The excerpts of one retrieval, ready to write.
#[derive(Debug, Clone)]
pub struct ExcerptSet {
    /// What was retrieved, for a title: `T02 OR T03`.
    pub title: String,
    /// The filters, as given (`dokument=a`, `kommune=Bodø`).
    pub filters: Vec<String>,
    /// In document order (documents in Norwegian order of name).
    pub excerpts: Vec<ExportExcerpt>,
    /// One per code, in codebook order (AND pieces last).
    pub sections: Vec<CodeSection>,
    /// Every document of the project, in Norwegian order.
    pub documents: Vec<String>,
    /// The attribute keys the excerpts have, sorted.
    pub attribute_keys: Vec<String>,
    pub citation: CitationCheck,
    pub marks: QuoteMarks,
}

impl ExcerptSet {
    /// The deepest code path's length (how many level columns a table needs).
    pub fn depth(&self) -> usize {
        self.excerpts
            .iter()
            .map(|e| e.code_path.len())
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

/// A code as a heading: key and name, else the path with ` / `.
fn heading(key: Option<&str>, path: &[String]) -> String {
    match (key, path.last()) {
        (Some(k), Some(name)) => format!("{k} {name}"),
        _ => path.join(" / "),
    }
}

/// What is known about each code label: key, path and place in codebook order.
struct CodeLabels {
    by_label: HashMap<String, (i64, Option<String>, Vec<String>, usize)>,
}

impl CodeLabels {
    fn load(conn: &rusqlite::Connection) -> Result<CodeLabels> {
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let mut by_label = HashMap::new();
        for (n, i) in tree.order().into_iter().enumerate() {
            let data = &rows[i].data;
            let path: Vec<String> = tree
                .ancestors(i)
                .iter()
                .rev()
                .chain(std::iter::once(&i))
                .map(|&a| rows[a].data.name_nb.clone())
                .collect();
            let label = data.key.clone().unwrap_or_else(|| tree.path(i));
            by_label.insert(label, (rows[i].id, data.key.clone(), path, n));
        }
        Ok(CodeLabels { by_label })
    }
}

/// The title of a query: its codes and operators, as the excerpts label them.
fn title(query: &ExcerptQuery) -> String {
    let mut out = query.code.trim().to_owned();
    for (op, code) in &query.ops {
        out.push_str(&format!(" {} {}", op.as_str(), code.trim()));
    }
    if query.subcodes {
        out.push_str(" (med underkoder)");
    }
    out
}

fn filters(query: &ExcerptQuery) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = &query.document {
        out.push(format!("dokument={d}"));
    }
    if let Some(s) = &query.speaker {
        out.push(format!("taler={s}"));
    }
    if let Some(c) = &query.coder {
        out.push(format!("koder={c}"));
    }
    out.extend(query.attributes.iter().cloned());
    out
}

impl Project {
    /// The excerpts `query` retrieves (see [`Project::excerpts`]) with everything an export
    /// shows, cited with the template `options` names (checked against the project; its
    /// warnings are in [`ExcerptSet::citation`]).
    pub fn excerpt_set(&self, query: &ExcerptQuery, options: &ExportOptions) -> Result<ExcerptSet> {
        let citation = self.citation(options.citation.as_deref())?;
        let excerpts = self.excerpts(query)?;
        let conn = self.store().conn();
        let labels = CodeLabels::load(conn)?;
        let docs = retrieval::doc_names(conn)?;
        let doc_id: HashMap<&str, i64> = docs.iter().map(|d| (d.guid.as_str(), d.id)).collect();
        let mut documents: Vec<String> = docs.iter().map(|d| d.name.clone()).collect();
        collate::sort_by_key(&mut documents, |d| d);
        let (doc_attrs, inf_attrs) = store::all_attributes(conn)?;
        let informant_of: HashMap<(i64, String), (i64, String)> = store::informant_speakers(conn)?
            .into_iter()
            .map(|s| ((s.document_id, s.label), (s.informant_id, s.informant)))
            .collect();

        let mut out: Vec<ExportExcerpt> = Vec::with_capacity(excerpts.len());
        let mut noted: (i64, Vec<NotedCoding>) = (-1, Vec::new());
        let empty = BTreeMap::new();
        for e in excerpts {
            let doc = doc_id[e.document_guid.as_str()];
            if noted.0 != doc {
                noted = (doc, store::noted_codings(conn, doc)?);
            }
            let code = labels.by_label.get(&e.code);
            let behind: Vec<&NotedCoding> = match code {
                Some(&(code_id, ..)) => noted
                    .1
                    .iter()
                    .filter(|c| {
                        c.code_id == code_id
                            && c.start_char == e.start_char
                            && c.end_char == e.end_char
                            && e.coders.contains(&c.coder)
                    })
                    .collect(),
                None => Vec::new(),
            };
            let informant = e
                .speaker
                .as_ref()
                .and_then(|s| informant_of.get(&(doc, s.clone())));
            let mut attributes = informant
                .and_then(|(id, _)| inf_attrs.get(id))
                .unwrap_or(&empty)
                .clone();
            for (k, v) in doc_attrs.get(&doc).unwrap_or(&empty) {
                attributes.entry(k.clone()).or_insert_with(|| v.clone());
            }
            out.push(export_excerpt(
                e,
                code,
                informant.map(|(_, name)| name.clone()),
                attributes,
                &behind,
                &citation,
                options.quotes,
            ));
        }

        // Sections in codebook order, AND pieces (unknown labels) after, by label.
        let mut by_code: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for (i, e) in out.iter().enumerate() {
            let place = labels.by_label.get(&e.code).map_or(usize::MAX, |c| c.3);
            by_code.entry((place, e.code.clone())).or_default().push(i);
        }
        let sections = by_code
            .into_iter()
            .map(|((_, code), excerpts)| {
                let first = &out[excerpts[0]];
                CodeSection {
                    heading: heading(first.code_key.as_deref(), &first.code_path),
                    code,
                    excerpts,
                }
            })
            .collect();
        let attribute_keys: BTreeSet<String> = out
            .iter()
            .flat_map(|e| e.attributes.keys().cloned())
            .collect();
        Ok(ExcerptSet {
            title: title(query),
            filters: filters(query),
            excerpts: out,
            sections,
            documents,
            attribute_keys: attribute_keys.into_iter().collect(),
            citation,
            marks: options.quotes,
        })
    }
}

fn export_excerpt(
    e: Excerpt,
    code: Option<&(i64, Option<String>, Vec<String>, usize)>,
    informant: Option<String>,
    attributes: BTreeMap<String, String>,
    behind: &[&NotedCoding],
    citation: &CitationCheck,
    marks: QuoteMarks,
) -> ExportExcerpt {
    let omissions = merge_ranges(
        &behind
            .iter()
            .flat_map(|c| c.omissions.iter().map(|&(s, e)| CharRange::new(s, e)))
            .collect::<Vec<_>>(),
    );
    let quote = apply_omissions(&e.text, e.start_char, &omissions);
    let mut memos: Vec<&str> = Vec::new();
    for m in behind.iter().filter_map(|c| c.memo.as_deref()) {
        if !memos.contains(&m) {
            memos.push(m);
        }
    }
    let values = CitationValues {
        informant: informant.as_deref().or(e.speaker.as_deref()),
        doc: &e.document,
        turn: e.turn,
        time_ms: e.time_ms,
        attributes: &attributes,
    };
    let block = count_words(&quote) >= BLOCK_WORDS;
    let c = &citation.citation;
    let (cited, reference) = (c.cite(&quote, marks, &values), c.reference(&values));
    ExportExcerpt {
        code_key: code.and_then(|c| c.1.clone()),
        code_path: code.map_or_else(|| vec![e.code.clone()], |c| c.2.clone()),
        informant,
        attributes,
        quote,
        omissions,
        translation: behind.iter().find_map(|c| c.translation.clone()),
        memo: (!memos.is_empty()).then(|| memos.join("\n\n")),
        codings: behind.iter().map(|c| c.guid.clone()).collect(),
        cited,
        reference,
        block,
        document: e.document,
        document_guid: e.document_guid,
        code: e.code,
        speaker: e.speaker,
        turn: e.turn,
        time_ms: e.time_ms,
        start_char: e.start_char,
        end_char: e.end_char,
        text: e.text,
        coders: e.coders,
    }
}
