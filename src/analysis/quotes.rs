//! Representative quotes: the theme's excerpts closest to its TF-IDF centroid, spread across
//! informants, with the researcher's pins and exclusions (table `quote_choice`).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::snapshot::{Excerpt, Snapshot};
use super::theme::Theme;
use super::tokens::{DocTokens, Totals, Words};
use crate::codebook::tree::Tree;
use crate::store::analysis::{self, QuoteChoiceRow};
use crate::store::{codes, documents, log, retrieval};
use crate::{Error, Project, Result};

/// A quote of a theme's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The GUID of one of its codings (the oldest, if several coders coded the same span): how
    /// [`Project::pin_quote`] and [`Project::exclude_quote`] name it.
    pub coding: String,
    pub document: String,
    pub document_guid: String,
    /// The informant of the turn it starts in.
    pub informant: Option<String>,
    pub speaker: Option<String>,
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
    pub text: String,
    /// Cosine similarity to the theme's centroid, 0 to 1.
    pub score: f64,
    /// Pinned by the researcher.
    pub pinned: bool,
}

/// What the researcher chose for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteChoice {
    /// Always shown, before the chosen ones.
    Pinned,
    /// Never shown (swapped for the next).
    Excluded,
}

/// A stored quote choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteChoiceEntry {
    /// The coding's GUID.
    pub coding: String,
    pub choice: QuoteChoice,
    pub document: String,
    pub start_char: usize,
    pub end_char: usize,
}

/// A candidate quote: a distinct span of the theme, starting in an informant's turn.
struct Candidate<'s> {
    excerpt: &'s Excerpt,
    informant: Option<usize>,
    score: f64,
}

/// The theme's quotes: the pinned ones (in their order), then up to `count` in all of the
/// others by closeness to the theme's centroid, no two from one informant while others remain,
/// excluded ones never. Ties go by document order, then start and end.
pub(crate) fn select(
    words: &mut Words,
    conn: &Connection,
    snap: &Snapshot,
    theme: &Theme,
    totals: &Totals,
    choices: &[QuoteChoiceRow],
    count: usize,
) -> Result<Vec<Quote>> {
    // One per span: the theme's codes may code a span twice.
    let mut spans: Vec<&Excerpt> = theme.excerpts.clone();
    spans.dedup_by_key(|e| (e.doc, e.start_char, e.end_char));
    let mut candidates: Vec<Candidate> = spans
        .iter()
        .filter(|e| snap.informant_of(e).is_some())
        .map(|e| Candidate {
            excerpt: e,
            informant: snap.informant_of(e),
            score: 0.0,
        })
        .collect();
    score(words, conn, snap, totals, &mut candidates)?;

    let doc_of: HashMap<i64, usize> = snap
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let key = |c: &QuoteChoiceRow| {
        (
            doc_of.get(&c.document_id).copied(),
            c.start_char,
            c.end_char,
        )
    };
    let excluded: HashSet<_> = choices.iter().filter(|c| !c.pinned).map(key).collect();
    let pinned: Vec<_> = choices.iter().filter(|c| c.pinned).map(key).collect();
    let span_key = |e: &Excerpt| (Some(e.doc), e.start_char, e.end_char);

    let mut chosen: Vec<(&Excerpt, f64, bool)> = Vec::new();
    let mut used: HashSet<Option<usize>> = HashSet::new();
    for pin in &pinned {
        if let Some(e) = spans.iter().find(|e| span_key(e) == *pin) {
            if !chosen.iter().any(|(c, _, _)| span_key(c) == *pin) {
                let score = candidates
                    .iter()
                    .find(|c| span_key(c.excerpt) == *pin)
                    .map_or(0.0, |c| c.score);
                chosen.push((e, score, true));
                used.insert(snap.informant_of(e));
            }
        }
    }
    candidates.retain(|c| {
        let k = span_key(c.excerpt);
        !excluded.contains(&k) && !pinned.contains(&k)
    });
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| span_key(a.excerpt).cmp(&span_key(b.excerpt)))
    });
    let mut taken = vec![false; candidates.len()];
    // First one per informant not yet quoted, then (when informants run out) the rest.
    for spread in [true, false] {
        for (i, c) in candidates.iter().enumerate() {
            if chosen.len() >= count {
                break;
            }
            if taken[i] || (spread && used.contains(&c.informant)) {
                continue;
            }
            taken[i] = true;
            used.insert(c.informant);
            chosen.push((c.excerpt, c.score, false));
        }
    }
    quotes(conn, snap, &chosen)
}

/// Each candidate's cosine similarity to the centroid of all candidates' TF-IDF vectors: a
/// word's weight in an excerpt is its count times `ln((1 + N) / (1 + df)) + 1`, N the informant
/// turns in scope and df those that hold the word (stop words left out).
fn score(
    words: &mut Words,
    conn: &Connection,
    snap: &Snapshot,
    totals: &Totals,
    candidates: &mut [Candidate],
) -> Result<()> {
    let n = totals.turns as f64;
    let idf = |stem: u32| {
        let df = totals.stem_df.get(stem as usize).copied().unwrap_or(0) as f64;
        ((1.0 + n) / (1.0 + df)).ln() + 1.0
    };
    // Each document's words, looked up once (candidates come document by document).
    let mut doc_tokens: Vec<Option<std::sync::Arc<DocTokens>>> = vec![None; snap.docs.len()];
    let mut stems: Vec<u32> = Vec::new();
    // Every candidate's vector, one after another: `(stem, weight)`, sorted by stem, unit
    // length; candidate i's is `entries[ends[i - 1]..ends[i]]`.
    let mut entries: Vec<(u32, f64)> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(candidates.len());
    for c in candidates.iter() {
        let e = c.excerpt;
        let tokens = match &doc_tokens[e.doc] {
            Some(t) => t.clone(),
            None => {
                let t = words.doc(conn, &snap.docs[e.doc])?;
                doc_tokens[e.doc] = Some(t.clone());
                t
            }
        };
        stems.clear();
        stems.extend(
            tokens.words[tokens.within(e.start_char, e.end_char)]
                .iter()
                .filter(|&&w| !words.stop[w as usize])
                .map(|&w| words.stem_of[w as usize]),
        );
        stems.sort_unstable();
        let from = entries.len();
        entries.extend(
            stems
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0], run.len() as f64 * idf(run[0]))),
        );
        let vector = &mut entries[from..];
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in vector.iter_mut() {
                *w /= norm;
            }
        }
        ends.push(entries.len());
    }
    // Summed candidate by candidate, in order, so two runs give the same bits.
    let mut centroid = vec![0.0f64; words.stem_count()];
    for &(s, w) in &entries {
        centroid[s as usize] += w;
    }
    let norm = centroid.iter().map(|w| w * w).sum::<f64>().sqrt();
    if norm == 0.0 {
        return Ok(());
    }
    let mut from = 0;
    for (c, &end) in candidates.iter_mut().zip(&ends) {
        c.score = entries[from..end]
            .iter()
            .map(|&(s, w)| w * centroid[s as usize])
            .sum::<f64>()
            / norm;
        from = end;
    }
    Ok(())
}

/// The chosen excerpts as quotes, with their text.
fn quotes(
    conn: &Connection,
    snap: &Snapshot,
    chosen: &[(&Excerpt, f64, bool)],
) -> Result<Vec<Quote>> {
    chosen
        .iter()
        .map(|&(e, score, pinned)| {
            let doc = &snap.docs[e.doc];
            let text = retrieval::with_text(conn, doc.id, |bytes| {
                crate::text::slice_chars(&String::from_utf8_lossy(bytes), e.start_char, e.end_char)
                    .to_owned()
            })?;
            let turn = e.start_turn.map(|t| &snap.turns[t]);
            Ok(Quote {
                coding: e.coding.clone(),
                document: doc.name.clone(),
                document_guid: doc.guid.clone(),
                informant: snap
                    .informant_of(e)
                    .map(|i| snap.informants[i].name.clone()),
                speaker: turn.map(|t| snap.speakers[t.speaker].label.clone()),
                turn: turn.map(|t| t.n),
                start_char: e.start_char,
                end_char: e.end_char,
                text,
                score,
                pinned,
            })
        })
        .collect()
}

/// A coding's id and its document's name, by GUID.
fn coding_by_guid(conn: &Connection, guid: &str) -> Result<(i64, String)> {
    conn.query_row(
        "SELECT g.id, d.name FROM coding g JOIN document d ON d.id = g.document_id
         WHERE g.guid = upper(?1)",
        [guid.trim()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::Invalid(format!("no coding {guid:?} in this project")))
}

impl Project {
    /// Pins a quote (a coding, by GUID) to the top of `code`'s quotes, after earlier pins.
    /// Undoable; logged as `pin_quote`.
    pub fn pin_quote(&mut self, code: &str, coding: &str) -> Result<()> {
        self.set_quote_choice(code, coding, Some(QuoteChoice::Pinned))
    }

    /// Keeps a quote out of `code`'s quotes (the next one takes its place). Undoable; logged as
    /// `exclude_quote`.
    pub fn exclude_quote(&mut self, code: &str, coding: &str) -> Result<()> {
        self.set_quote_choice(code, coding, Some(QuoteChoice::Excluded))
    }

    /// Drops a pin or an exclusion. Returns whether there was one. Undoable; logged as
    /// `unpin_quote`.
    pub fn unpin_quote(&mut self, code: &str, coding: &str) -> Result<bool> {
        self.change_quote_choice(code, coding, None)
    }

    /// Sets or (`None`) clears the choice for one quote of `code`.
    pub fn set_quote_choice(
        &mut self,
        code: &str,
        coding: &str,
        choice: Option<QuoteChoice>,
    ) -> Result<()> {
        self.change_quote_choice(code, coding, choice).map(|_| ())
    }

    /// Stores `choice`; returns whether anything changed (setting what is there already changes
    /// and logs nothing).
    fn change_quote_choice(
        &mut self,
        code: &str,
        coding: &str,
        choice: Option<QuoteChoice>,
    ) -> Result<bool> {
        let (at, actor) = (crate::project::now(), self.actor().to_owned());
        self.store_mut().write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let c = tree.resolve(code)?;
            let (coding_id, document_name) = coding_by_guid(tx, coding)?;
            let previous = analysis::quote_choice(tx, rows[c].id, coding_id)?;
            let wanted = choice.map(|ch| ch == QuoteChoice::Pinned);
            if previous == wanted {
                return Ok(false);
            }
            let action = match choice {
                Some(QuoteChoice::Pinned) => {
                    analysis::set_quote_choice(tx, rows[c].id, coding_id, true)?;
                    "pin_quote"
                }
                Some(QuoteChoice::Excluded) => {
                    analysis::set_quote_choice(tx, rows[c].id, coding_id, false)?;
                    "exclude_quote"
                }
                None => {
                    analysis::clear_quote_choice(tx, rows[c].id, coding_id)?;
                    "unpin_quote"
                }
            };
            let name = |pinned: Option<bool>| pinned.map(|p| if p { "pinned" } else { "excluded" });
            log::append(
                tx,
                &at,
                &actor,
                action,
                &coding.trim().to_uppercase(),
                &serde_json::json!({
                    "code_guid": rows[c].guid, "code_key": rows[c].data.key,
                    "code_path": tree.path(c), "document_name": document_name,
                    "previous": name(previous), "choice": name(wanted),
                }),
            )?;
            Ok(true)
        })
    }

    /// The choices stored for `code`: pins in order, then exclusions.
    pub fn quote_choices(&self, code: &str) -> Result<Vec<QuoteChoiceEntry>> {
        let conn = self.store().conn();
        let rows = codes::all(conn)?;
        let c = Tree::new(&rows).resolve(code)?;
        analysis::quote_choices(conn, rows[c].id)?
            .into_iter()
            .map(|q| {
                Ok(QuoteChoiceEntry {
                    document: documents::get(conn, q.document_id)?.name,
                    coding: q.coding_guid,
                    choice: if q.pinned {
                        QuoteChoice::Pinned
                    } else {
                        QuoteChoice::Excluded
                    },
                    start_char: q.start_char,
                    end_char: q.end_char,
                })
            })
            .collect()
    }
}
