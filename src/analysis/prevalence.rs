//! Prevalence: how many excerpts, documents and informants a set of codings reaches, against the
//! informants in scope; the breakdown by an attribute; the coded share of informant words; and
//! every code's frequencies.

use serde::Serialize;

use super::scope::{Grouping, Scope};
use super::snapshot::{Excerpt, Snapshot};
use super::{numbers, CodeRef};
use crate::{Project, Result};

/// One code's frequencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeFrequency {
    #[serde(flatten)]
    pub code: CodeRef,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
}

/// How much of a document's informant speech the theme codes, in words (as the search analyzer
/// splits them: runs of letters and digits).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentShare {
    pub document: String,
    pub document_guid: String,
    /// Words in the document's informant turns (in scope).
    pub informant_words: usize,
    /// Of those, words inside the theme's codings.
    pub coded_words: usize,
    /// `coded_words / informant_words`, 0 to 1.
    pub share: f64,
}

/// The theme's prevalence in one group of a breakdown by attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupPrevalence {
    /// The attribute's value as written (the first spelling met); `None`: no value.
    pub value: Option<String>,
    /// The value, or «(ingen verdi)».
    pub label: String,
    /// The filter that selects the group (`rolle=leder`; `rolle=` for no value), for an
    /// [`crate::project::ExcerptQuery`].
    pub filter: String,
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
    /// Informants in the group (in scope).
    pub informants_total: usize,
    /// «3 av 4 informanter».
    pub phrase: String,
    /// «tre av fire informanter».
    pub phrase_words: String,
}

/// How far a set of excerpts reaches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reach {
    pub excerpts: usize,
    pub documents: usize,
    pub informants: usize,
}

impl Reach {
    /// Counts excerpts, and the distinct documents and informants (of the turns they start in)
    /// among them.
    pub fn of<'a>(snap: &Snapshot, excerpts: impl Iterator<Item = &'a Excerpt>) -> Reach {
        let mut docs = Vec::new();
        let mut informants = Vec::new();
        let mut n = 0;
        for e in excerpts {
            n += 1;
            docs.push(e.doc);
            informants.extend(snap.informant_of(e));
        }
        Reach {
            excerpts: n,
            documents: distinct(docs),
            informants: distinct(informants),
        }
    }
}

fn distinct(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// The theme's prevalence in each group of `grouping`.
pub(crate) fn groups(
    snap: &Snapshot,
    scope: &Scope,
    grouping: &Grouping,
    theme: &[&Excerpt],
) -> Vec<GroupPrevalence> {
    let totals = grouping.informants_total(snap, scope);
    let mut by_group: Vec<Vec<&Excerpt>> = vec![Vec::new(); grouping.groups.len()];
    for &e in theme {
        by_group[grouping.excerpt(snap, e)].push(e);
    }
    (0..grouping.groups.len())
        .map(|g| {
            let reach = Reach::of(snap, by_group[g].iter().copied());
            GroupPrevalence {
                value: grouping.groups[g].value.clone(),
                label: grouping.groups[g].label().to_owned(),
                filter: grouping.filter(g),
                excerpts: reach.excerpts,
                documents: reach.documents,
                informants: reach.informants,
                informants_total: totals[g],
                phrase: numbers::informants_phrase(reach.informants, totals[g]),
                phrase_words: numbers::informants_phrase_words(reach.informants, totals[g]),
            }
        })
        .collect()
}

/// The coded share of each document in scope that has informant words: `coded[d]` of
/// `words[d]` (by document index).
pub(crate) fn coded_share(snap: &Snapshot, words: &[u32], coded: &[u32]) -> Vec<DocumentShare> {
    snap.docs
        .iter()
        .enumerate()
        .filter(|&(d, _)| words[d] > 0)
        .map(|(d, doc)| DocumentShare {
            document: doc.name.clone(),
            document_guid: doc.guid.clone(),
            informant_words: words[d] as usize,
            coded_words: coded[d] as usize,
            share: super::share(coded[d] as usize, words[d] as usize),
        })
        .collect()
}

impl Project {
    /// Every code's excerpts, documents and informants, in codebook order (each code alone, or
    /// with its sub-codes).
    pub fn code_frequencies(&self, subcodes: bool) -> Result<Vec<CodeFrequency>> {
        let snap = self.analysis_cache().lock().snapshot(self.store().conn())?;
        let tree = snap.tree();
        let mut by_code: Vec<Vec<&Excerpt>> = vec![Vec::new(); snap.codes.len()];
        for e in &snap.excerpts {
            by_code[e.code].push(e);
        }
        Ok(tree
            .order()
            .into_iter()
            .map(|c| {
                let family = if subcodes { tree.family(c) } else { vec![c] };
                let reach = Reach::of(
                    &snap,
                    family.iter().flat_map(|&m| by_code[m].iter().copied()),
                );
                CodeFrequency {
                    code: snap.code_ref(&tree, c),
                    excerpts: reach.excerpts,
                    documents: reach.documents,
                    informants: reach.informants,
                }
            })
            .collect())
    }
}
