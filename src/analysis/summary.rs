//! A theme's summary: everything the write-up of one theme needs, assembled from the other
//! analysis modules over one snapshot.

use rusqlite::Connection;
use serde::Serialize;

use super::keywords::{self, DistinctiveWord, ThemeWords};
use super::prevalence::{self, DocumentShare, GroupPrevalence, Reach};
use super::quotes::{self, Quote};
use super::scope::{Grouping, Scope};
use super::snapshot::{Inner, Snapshot};
use super::theme::Theme;
use super::{cooccurrence, numbers, CodeRef, CooccurrenceMode};
use crate::codebook::tree::Tree;
use crate::project::ExcerptQuery;
use crate::store::analysis;
use crate::store::memos::{self, TargetId};
use crate::{Project, Result};

/// What [`Project::theme_summary`] summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryOptions {
    /// The code: a key, a GUID or a path.
    pub code: String,
    /// Count the code's sub-codes as the theme too.
    pub subcodes: bool,
    /// Break prevalence down by this attribute (the informant's value, else the document's).
    pub by: Option<String>,
    pub mode: CooccurrenceMode,
    /// `KEY=VALUE` filters (also `doc.KEY=` / `inf.KEY=`) that limit the scope: a coding is in
    /// scope when they hold for the turn it starts in, an informant when they hold for one of
    /// its speakers. All must hold.
    pub scope: Vec<String>,
    /// How many representative quotes (pinned ones count; more pins than this are all shown).
    pub quotes: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            code: String::new(),
            subcodes: false,
            by: None,
            mode: CooccurrenceMode::Turns,
            scope: Vec::new(),
            quotes: 5,
        }
    }
}

/// A code that co-occurs with the theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cooccurring {
    #[serde(flatten)]
    pub code: CodeRef,
    /// Turns holding both (or, in overlap mode, places where codings of both overlap).
    pub count: usize,
    /// |A ∩ B| / |A ∪ B| over turns (or coded chars), 0 to 1.
    pub jaccard: f64,
}

/// One theme, summarised. Excerpts are counted as [`Project::excerpts`] counts them (identical
/// codings by several coders once); documents and informants are those with at least one
/// excerpt, an excerpt belonging to the informant of the turn it starts in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeSummary {
    #[serde(flatten)]
    pub code: CodeRef,
    /// The code's bokmål definition (empty if none).
    pub definition: String,
    /// The researcher's memo on the code.
    pub memo: Option<String>,
    pub subcodes: bool,
    /// The scope filters applied.
    pub scope: Vec<String>,
    pub excerpts: usize,
    pub documents: usize,
    /// Documents in scope.
    pub documents_total: usize,
    pub informants: usize,
    /// N: informants in scope.
    pub informants_total: usize,
    /// «5 av 7 informanter» (digits).
    pub phrase: String,
    /// «fem av sju informanter» (numbers up to twelve in words, as papers write them).
    pub phrase_words: String,
    /// For each document in scope with informant words: how much of them the theme codes.
    pub coded_share: Vec<DocumentShare>,
    /// The attribute of the breakdown, lower-case.
    pub by: Option<String>,
    /// One entry per value of `by` (values in Norwegian order, «(ingen verdi)» last).
    pub groups: Vec<GroupPrevalence>,
    pub cooccurrence_mode: CooccurrenceMode,
    /// Codes outside the theme that co-occur with it, most first (then by Jaccard, then in
    /// codebook order).
    pub cooccurring: Vec<Cooccurring>,
    /// Words the theme's excerpts over-use against all other informant speech (G² ≥ 10.83,
    /// at least 5 times), highest G² first.
    pub distinctive_words: Vec<DistinctiveWord>,
    /// Representative quotes: pinned ones first, then the most typical, spread across informants.
    pub quotes: Vec<Quote>,
}

impl ThemeSummary {
    /// The excerpt query that lists the theme's excerpts (in scope).
    pub fn excerpt_query(&self) -> ExcerptQuery {
        ExcerptQuery {
            code: self.code.guid.clone(),
            subcodes: self.subcodes,
            attributes: self.scope.clone(),
            ..ExcerptQuery::default()
        }
    }

    /// The excerpt query behind one group of the breakdown.
    pub fn group_query(&self, group: &GroupPrevalence) -> ExcerptQuery {
        let mut query = self.excerpt_query();
        query.attributes.push(group.filter.clone());
        query
    }
}

impl Project {
    /// The summary of one theme (see [`ThemeSummary`]).
    pub fn theme_summary(&self, options: &SummaryOptions) -> Result<ThemeSummary> {
        self.with_theme(options, |cache, snap, tree, scope, theme| {
            summarise(
                self.store().conn(),
                cache,
                snap,
                tree,
                scope,
                theme,
                options,
            )
        })
    }

    /// Reads what analysis needs and splits every document's words, so the first summary is
    /// as quick as later ones: for a front end to call ahead (it takes seconds on a large
    /// project, then nothing until the project changes; words are split once per document).
    pub fn prepare_analysis(&self) -> Result<()> {
        let conn = self.store().conn();
        let mut cache = self.analysis_cache().lock();
        let snap = cache.snapshot(conn)?;
        let scope = Scope::new(&snap, &[])?;
        cache.totals(conn, &snap, &scope, &[])?;
        Ok(())
    }

    /// Runs `f` over the theme `options` name, in the current snapshot.
    pub(crate) fn with_theme<T>(
        &self,
        options: &SummaryOptions,
        f: impl FnOnce(&mut Inner, &Snapshot, &Tree, &Scope, &Theme) -> Result<T>,
    ) -> Result<T> {
        let conn = self.store().conn();
        let mut cache = self.analysis_cache().lock();
        let snap = cache.snapshot(conn)?;
        let tree = snap.tree();
        let scope = Scope::new(&snap, &options.scope)?;
        let theme = Theme::new(&snap, &tree, &scope, &options.code, options.subcodes)?;
        f(&mut cache, &snap, &tree, &scope, &theme)
    }
}

fn summarise(
    conn: &Connection,
    cache: &mut Inner,
    snap: &Snapshot,
    tree: &Tree,
    scope: &Scope,
    theme: &Theme,
    options: &SummaryOptions,
) -> Result<ThemeSummary> {
    let row = &snap.codes[theme.code];

    let reach = Reach::of(snap, theme.excerpts.iter().copied());
    let informants_total = scope.informants_total();
    let grouping = options
        .by
        .as_deref()
        .map(|by| {
            let values = cache.values(snap, by)?;
            Ok::<_, crate::Error>(Grouping::new(
                snap,
                scope,
                &values,
                theme.excerpts.iter().copied(),
            ))
        })
        .transpose()?;
    let groups = grouping
        .as_ref()
        .map(|g| prevalence::groups(snap, scope, g, &theme.excerpts))
        .unwrap_or_default();

    let totals = cache.totals(conn, snap, scope, &options.scope)?;
    let occurrences = cache.occurrences(snap, scope, &options.scope, options.mode);
    let words = ThemeWords::count(&mut cache.words, conn, snap, theme)?;
    let choices = analysis::quote_choices(conn, row.id)?;
    let quotes = quotes::select(
        &mut cache.words,
        conn,
        snap,
        theme,
        &totals,
        &choices,
        options.quotes,
    )?;
    Ok(ThemeSummary {
        code: snap.code_ref(tree, theme.code),
        definition: row.data.definition_nb.clone(),
        memo: memos::get(conn, TargetId::Code(row.id))?.map(|m| m.text),
        subcodes: options.subcodes,
        scope: options.scope.clone(),
        excerpts: reach.excerpts,
        documents: reach.documents,
        documents_total: scope.documents_total(),
        informants: reach.informants,
        informants_total,
        phrase: numbers::informants_phrase(reach.informants, informants_total),
        phrase_words: numbers::informants_phrase_words(reach.informants, informants_total),
        coded_share: prevalence::coded_share(snap, &totals.doc_words, &words.doc_words),
        by: grouping.map(|g| g.name),
        groups,
        cooccurrence_mode: options.mode,
        cooccurring: cooccurrence::with_theme(snap, tree, &occurrences, theme),
        distinctive_words: keywords::distinctive(&cache.words, &totals, &words),
        quotes,
    })
}
