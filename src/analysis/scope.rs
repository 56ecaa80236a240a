//! Who and what is in scope, and attribute groups. Filters `KEY=VALUE` work as in excerpt
//! queries: on a turn the informant's value, else the document's. A speaker (a document's
//! label) is in scope when the filters hold for its turns; an informant when one of its speakers
//! is; a coding when the turn it starts in is (a coding in the preamble or an interviewer's turn
//! by the document's values alone); a document when its own values pass or one of its speakers
//! is in scope.

use std::collections::HashMap;

use super::snapshot::{Excerpt, Snapshot};
use crate::project::excerpts::{
    attribute_value, fold, parse_attr_filter, parse_attr_key, AttrFilter, Level,
};
use crate::{collate, Result};

/// The label of the group of codings and informants without a value.
pub const NO_VALUE: &str = "(ingen verdi)";

/// Membership of everything in one scope.
pub(crate) struct Scope {
    /// By speaker index.
    pub speaker: Vec<bool>,
    /// By document index: the document's own values (a coding in its preamble or an
    /// interviewer's turn).
    pub doc_own: Vec<bool>,
    pub doc: Vec<bool>,
    pub informant: Vec<bool>,
}

impl Scope {
    pub fn new(snap: &Snapshot, filters: &[String]) -> Result<Scope> {
        let filters = filters
            .iter()
            .map(|f| parse_attr_filter(f))
            .collect::<Result<Vec<AttrFilter>>>()?;
        let holds = |doc: usize, informant: Option<usize>| {
            filters
                .iter()
                .all(|f| f.holds(&snap.doc_attrs[doc], informant.map(|i| &snap.inf_attrs[i])))
        };
        let speaker: Vec<bool> = snap
            .speakers
            .iter()
            .map(|s| holds(s.doc, s.informant))
            .collect();
        let doc_own: Vec<bool> = (0..snap.docs.len()).map(|d| holds(d, None)).collect();
        let mut doc = doc_own.clone();
        let mut informant = vec![false; snap.informants.len()];
        for (s, &passes) in snap.speakers.iter().zip(&speaker) {
            if passes {
                doc[s.doc] = true;
                if let Some(i) = s.informant {
                    informant[i] = true;
                }
            }
        }
        Ok(Scope {
            speaker,
            doc_own,
            doc,
            informant,
        })
    }

    /// Whether turn `t` is in scope.
    pub fn turn(&self, snap: &Snapshot, t: usize) -> bool {
        self.speaker[snap.turns[t].speaker]
    }

    /// Whether an excerpt is in scope (by the turn it starts in).
    pub fn excerpt(&self, snap: &Snapshot, e: &Excerpt) -> bool {
        match e.start_turn {
            Some(t) => self.turn(snap, t),
            None => self.doc_own[e.doc],
        }
    }

    pub fn informants_total(&self) -> usize {
        self.informant.iter().filter(|&&i| i).count()
    }

    pub fn documents_total(&self) -> usize {
        self.doc.iter().filter(|&&d| d).count()
    }
}

/// A value of the attribute a breakdown or matrix groups by.
pub(crate) struct Group {
    /// As first met (documents in order, their speakers, then excerpts); `None`: no value.
    pub value: Option<String>,
}

impl Group {
    pub fn label(&self) -> &str {
        self.value.as_deref().unwrap_or(NO_VALUE)
    }
}

/// The values one attribute takes on each speaker and document of a snapshot (kept in the cache
/// for the snapshot's life).
pub(crate) struct Values {
    /// The attribute as given (with its `doc.` / `inf.` prefix), for filters.
    name: String,
    /// By folded value (`None`: no value), as first met: documents in order, then speakers.
    found: Vec<Option<String>>,
    /// `found`'s indices in Norwegian order of value, no value last.
    sorted: Vec<usize>,
    /// Index into `found` by speaker index.
    speaker: Vec<usize>,
    /// Index into `found` by document index, by the document's own value.
    doc_own: Vec<usize>,
}

impl Values {
    /// The values of `attribute` (`KEY`, `doc.KEY` or `inf.KEY`): on a speaker the
    /// informant's value, else the document's (or the level the prefix names).
    pub fn read(snap: &Snapshot, attribute: &str) -> Result<Values> {
        let (level, key) = parse_attr_key(attribute)?;
        let name = match level {
            Level::Either => key.clone(),
            Level::Document => format!("doc.{key}"),
            Level::Informant => format!("inf.{key}"),
        };
        let mut found: Vec<Option<String>> = Vec::new();
        let mut index: HashMap<Option<String>, usize> = HashMap::new();
        let mut group_of = |doc: usize, informant: Option<usize>| -> usize {
            let value = attribute_value(
                level,
                &key,
                &snap.doc_attrs[doc],
                informant.map(|i| &snap.inf_attrs[i]),
            )
            .filter(|v| !fold(v).is_empty());
            *index.entry(value.map(|v| fold(v))).or_insert_with(|| {
                found.push(value.cloned());
                found.len() - 1
            })
        };
        let doc_own: Vec<usize> = (0..snap.docs.len()).map(|d| group_of(d, None)).collect();
        let speaker: Vec<usize> = snap
            .speakers
            .iter()
            .map(|s| group_of(s.doc, s.informant))
            .collect();
        let mut sorted: Vec<usize> = (0..found.len()).collect();
        sorted.sort_by(|&a, &b| match (&found[a], &found[b]) {
            (Some(x), Some(y)) => collate::compare(x, y),
            (None, _) => std::cmp::Ordering::Greater,
            (_, None) => std::cmp::Ordering::Less,
        });
        Ok(Values {
            name,
            found,
            sorted,
            speaker,
            doc_own,
        })
    }
}

/// Speakers and documents sorted into the groups of one attribute.
pub(crate) struct Grouping {
    /// The attribute as given (with its `doc.` / `inf.` prefix), for filters.
    pub name: String,
    /// In Norwegian order of value, no value last.
    pub groups: Vec<Group>,
    /// Group index by speaker index.
    pub speaker: Vec<usize>,
    /// Group index by document index, by the document's own value.
    pub doc_own: Vec<usize>,
}

impl Grouping {
    /// The groups of `values` that an informant in scope or one of `counted` (excerpts in
    /// scope) falls in.
    pub fn new<'e>(
        snap: &Snapshot,
        scope: &Scope,
        values: &Values,
        counted: impl Iterator<Item = &'e Excerpt>,
    ) -> Grouping {
        let mut used = vec![false; values.found.len()];
        for (s, &g) in values.speaker.iter().enumerate() {
            used[g] |= scope.speaker[s] && snap.speakers[s].informant.is_some();
        }
        for e in counted {
            used[match e.start_turn {
                Some(t) => values.speaker[snap.turns[t].speaker],
                None => values.doc_own[e.doc],
            }] = true;
        }
        let order: Vec<usize> = values.sorted.iter().copied().filter(|&g| used[g]).collect();
        let mut new_index = vec![usize::MAX; values.found.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        Grouping {
            name: values.name.clone(),
            groups: order
                .iter()
                .map(|&g| Group {
                    value: values.found[g].clone(),
                })
                .collect(),
            speaker: values.speaker.iter().map(|&g| new_index[g]).collect(),
            doc_own: values.doc_own.iter().map(|&g| new_index[g]).collect(),
        }
    }

    /// The group of an excerpt (by the turn it starts in). `usize::MAX` only for what is out
    /// of scope.
    pub fn excerpt(&self, snap: &Snapshot, e: &Excerpt) -> usize {
        match e.start_turn {
            Some(t) => self.speaker[snap.turns[t].speaker],
            None => self.doc_own[e.doc],
        }
    }

    /// The filter that selects group `g` in an excerpt query (`rolle=leder`, `rolle=`).
    pub fn filter(&self, g: usize) -> String {
        format!(
            "{}={}",
            self.name,
            self.groups[g].value.as_deref().unwrap_or("")
        )
    }

    /// How many informants in scope fall in each group (an informant whose speakers fall in
    /// several groups counts in each).
    pub fn informants_total(&self, snap: &Snapshot, scope: &Scope) -> Vec<usize> {
        let mut pairs: Vec<(usize, usize)> = snap
            .speakers
            .iter()
            .enumerate()
            .filter(|&(s, _)| scope.speaker[s])
            .filter_map(|(s, sp)| sp.informant.map(|i| (self.speaker[s], i)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut totals = vec![0; self.groups.len()];
        for (g, _) in pairs {
            totals[g] += 1;
        }
        totals
    }
}
