//! Co-occurrence of codes (or groups of codes, such as a theme with its sub-codes), over turns
//! or over overlapping codings (see [`CooccurrenceMode`]), with Jaccard; and the code × code
//! matrix.

use super::matrix::{ColumnTarget, Matrix, MatrixCell, MatrixColumn, MatrixMeasure, MatrixRow};
use super::scope::Scope;
use super::snapshot::Snapshot;
use super::summary::Cooccurring;
use super::theme::Theme;
use super::{share, CooccurrenceMode};
use crate::codebook::tree::Tree;
use crate::{Project, Result};

/// Co-occurrence between every pair of `n` groups, as flat `n × n` tables.
pub(crate) struct Pairwise {
    n: usize,
    /// Turns holding both, or places where both overlap; the diagonal is a group's own turns
    /// or coded places.
    count: Vec<u64>,
    /// What Jaccard divides: turns (or chars) holding both.
    both: Vec<u64>,
    /// Turns (or chars) holding each group.
    own: Vec<u64>,
}

/// Where the excerpts of a scope lie, for co-occurrence, sorted once per scope and mode (kept in
/// the cache): over turns, each (turn, code) held, once; over overlaps, each excerpt's start and
/// end as (document, char, +1 / −1, code), an end before a start at one char.
pub(crate) enum Occurrences {
    Turns(Vec<(u32, u32)>),
    Overlap(Vec<(u32, u32, i8, u32)>),
}

impl Occurrences {
    pub fn new(snap: &Snapshot, scope: &Scope, mode: CooccurrenceMode) -> Occurrences {
        let in_scope = snap.excerpts.iter().filter(|e| scope.excerpt(snap, e));
        match mode {
            CooccurrenceMode::Turns => {
                let mut held: Vec<(u32, u32)> = in_scope
                    .flat_map(|e| e.turns.clone().map(move |t| (t as u32, e.code as u32)))
                    .collect();
                held.sort_unstable();
                held.dedup();
                Occurrences::Turns(held)
            }
            CooccurrenceMode::Overlap => {
                let mut events: Vec<(u32, u32, i8, u32)> = Vec::new();
                for e in in_scope {
                    let (doc, code) = (e.doc as u32, e.code as u32);
                    events.push((doc, e.start_char as u32, 1, code));
                    events.push((doc, e.end_char as u32, -1, code));
                }
                events.sort_unstable();
                Occurrences::Overlap(events)
            }
        }
    }
}

impl Pairwise {
    /// Counts over `occurrences` with each code in the group `group_of` gives it (`None`: left
    /// out). With `only`, just the pairs that include that group are counted.
    pub fn new(
        occurrences: &Occurrences,
        n: usize,
        group_of: impl Fn(usize) -> Option<usize>,
        only: Option<usize>,
    ) -> Pairwise {
        let mut p = Pairwise {
            n,
            count: vec![0; n * n],
            both: vec![0; n * n],
            own: vec![0; n],
        };
        match occurrences {
            Occurrences::Turns(held) => {
                let mut groups: Vec<usize> = Vec::new();
                for run in held.chunk_by(|a, b| a.0 == b.0) {
                    groups.clear();
                    groups.extend(run.iter().filter_map(|&(_, c)| group_of(c as usize)));
                    groups.sort_unstable();
                    groups.dedup();
                    p.segment(&groups, &[], 1, only);
                }
            }
            Occurrences::Overlap(events) => {
                let events: Vec<(u32, u32, i8, usize)> = events
                    .iter()
                    .filter_map(|&(d, at, delta, c)| Some((d, at, delta, group_of(c as usize)?)))
                    .collect();
                let mut active = vec![0u32; n];
                for doc in events.chunk_by(|a, b| a.0 == b.0) {
                    p.sweep(doc, &mut active, only);
                }
            }
        }
        p
    }

    /// One document's span boundaries in order: each stretch between two boundaries is a
    /// segment holding the groups active there; a place where two groups overlap starts where
    /// the previous segment did not hold both.
    fn sweep(&mut self, events: &[(u32, u32, i8, usize)], active: &mut [u32], only: Option<usize>) {
        // The groups active in the current segment, sorted, and in the one before it.
        let mut current: Vec<usize> = Vec::new();
        let mut previous: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let at = events[i].1;
            // Ends sort before starts at one place, so a group ending where it starts again
            // stays active: touching spans are one place, as AND merges them.
            while i < events.len() && events[i].1 == at {
                let (_, _, delta, g) = events[i];
                if delta > 0 {
                    if active[g] == 0 {
                        let at = current.partition_point(|&x| x < g);
                        current.insert(at, g);
                    }
                    active[g] += 1;
                } else {
                    active[g] -= 1;
                    if active[g] == 0 {
                        current.retain(|&x| x != g);
                    }
                }
                i += 1;
            }
            let Some(next) = events.get(i).map(|e| e.1) else {
                break;
            };
            self.segment(&current, &previous, u64::from(next - at), only);
            previous.clone_from(&current);
        }
    }

    /// Adds one segment (a turn, or a stretch of text) of `len` units holding `groups`
    /// (sorted); `previous` is what the stretch before it held (empty for turns, where every
    /// turn is its own place).
    fn segment(&mut self, groups: &[usize], previous: &[usize], len: u64, only: Option<usize>) {
        let was = |g: &usize| previous.binary_search(g).is_ok();
        for &g in groups {
            self.own[g] += len;
            if !was(&g) {
                self.count[g * self.n + g] += 1;
            }
        }
        let mut pair = |a: usize, b: usize| {
            self.both[a * self.n + b] += len;
            self.both[b * self.n + a] += len;
            if !(was(&a) && was(&b)) {
                self.count[a * self.n + b] += 1;
                self.count[b * self.n + a] += 1;
            }
        };
        match only {
            Some(x) => {
                if groups.binary_search(&x).is_ok() {
                    for &g in groups.iter().filter(|&&g| g != x) {
                        pair(x, g);
                    }
                }
            }
            None => {
                for (i, &a) in groups.iter().enumerate() {
                    for &b in &groups[i + 1..] {
                        pair(a, b);
                    }
                }
            }
        }
    }

    /// Turns holding both (or places where both overlap); for `a == b` the group's own.
    pub fn count(&self, a: usize, b: usize) -> usize {
        self.count[a * self.n + b] as usize
    }

    /// |A ∩ B| / |A ∪ B| over turns (or chars); 0 when neither holds any.
    pub fn jaccard(&self, a: usize, b: usize) -> f64 {
        let both = if a == b {
            self.own[a]
        } else {
            self.both[a * self.n + b]
        };
        let union = self.own[a] + self.own[b] - both;
        if union == 0 {
            0.0
        } else {
            both as f64 / union as f64
        }
    }
}

/// The codes outside the theme that co-occur with it: most first, then by Jaccard, then in
/// codebook order.
pub(crate) fn with_theme(
    snap: &Snapshot,
    tree: &Tree,
    occurrences: &Occurrences,
    theme: &Theme,
) -> Vec<Cooccurring> {
    // The theme is one group past the codes.
    let t = snap.codes.len();
    let group = |c: usize| Some(if theme.member[c] { t } else { c });
    let pairs = Pairwise::new(occurrences, t + 1, group, Some(t));
    let mut out: Vec<Cooccurring> = tree
        .order()
        .into_iter()
        .filter(|&c| !theme.member[c] && pairs.count(t, c) > 0)
        .map(|c| Cooccurring {
            code: snap.code_ref(tree, c),
            count: pairs.count(t, c),
            jaccard: pairs.jaccard(t, c),
        })
        .collect();
    // Stable: ties keep codebook order.
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.jaccard.total_cmp(&a.jaccard))
    });
    out
}

impl Project {
    /// Codes × codes, every code in codebook order: turns (or overlapping places) holding both,
    /// with Jaccard; the diagonal is each code's own count, so a cell's row share is the share of
    /// the row code's turns that also hold the column code.
    pub fn cooccurrence_matrix(&self, mode: CooccurrenceMode) -> Result<Matrix> {
        let conn = self.store().conn();
        let mut cache = self.analysis_cache().lock();
        let snap = cache.snapshot(conn)?;
        let scope = Scope::new(&snap, &[])?;
        let occurrences = cache.occurrences(&snap, &scope, &[], mode);
        let tree = snap.tree();
        let order = tree.order();
        let pairs = Pairwise::new(&occurrences, snap.codes.len(), Some, None);
        let rows: Vec<MatrixRow> = order
            .iter()
            .map(|&c| MatrixRow {
                code: snap.code_ref(&tree, c),
                total: pairs.count(c, c),
            })
            .collect();
        let cols = rows
            .iter()
            .map(|r| MatrixColumn {
                label: r.code.label.clone(),
                target: ColumnTarget::Code {
                    guid: r.code.guid.clone(),
                },
                total: r.total,
            })
            .collect();
        let cells = order
            .iter()
            .map(|&a| {
                order
                    .iter()
                    .map(|&b| {
                        let count = pairs.count(a, b);
                        MatrixCell {
                            count,
                            row_share: share(count, pairs.count(a, a)),
                            col_share: share(count, pairs.count(b, b)),
                            jaccard: Some(pairs.jaccard(a, b)),
                        }
                    })
                    .collect()
            })
            .collect();
        Ok(Matrix {
            measure: MatrixMeasure::of(mode),
            subcodes: false,
            scope: Vec::new(),
            rows,
            cols,
            cells,
        })
    }
}
