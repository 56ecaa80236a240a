//! What belongs to a theme in a scope: its excerpts, the text they cover (per document, merged),
//! and of that text the parts spoken by informants in scope, where its words are counted.

use super::scope::Scope;
use super::snapshot::{Excerpt, Snapshot};
use super::tokens::informant_pieces;
use crate::codebook::tree::Tree;
use crate::Result;

pub(crate) struct Theme<'s> {
    /// The code's index.
    pub code: usize,
    /// Which codes count as the theme (the code, and its sub-codes on request).
    pub member: Vec<bool>,
    /// Its excerpts in scope, in document order.
    pub excerpts: Vec<&'s Excerpt>,
    /// By document index (documents with excerpts only): the chars the excerpts cover (sorted,
    /// overlapping and touching ranges merged) that lie in the words of informant turns in
    /// scope.
    pub spoken: Vec<(usize, Vec<(usize, usize)>)>,
}

impl<'s> Theme<'s> {
    pub fn new(
        snap: &'s Snapshot,
        tree: &Tree,
        scope: &Scope,
        code: &str,
        subcodes: bool,
    ) -> Result<Theme<'s>> {
        let (code, member) = snap.family(tree, code, subcodes)?;
        let excerpts: Vec<&Excerpt> = snap
            .excerpts
            .iter()
            .filter(|e| member[e.code] && scope.excerpt(snap, e))
            .collect();
        let mut covered: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        for doc in excerpts.chunk_by(|a, b| a.doc == b.doc) {
            let mut spans: Vec<(usize, usize)> =
                doc.iter().map(|e| (e.start_char, e.end_char)).collect();
            spans.sort_unstable();
            covered.push((doc[0].doc, merge(spans)));
        }
        let spoken = covered
            .iter()
            .map(|(d, spans)| (*d, informant_pieces(snap, scope, *d, spans)))
            .collect();
        Ok(Theme {
            code,
            member,
            excerpts,
            spoken,
        })
    }
}

/// Sorted ranges with overlapping and touching ones merged.
pub(crate) fn merge(sorted: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn merge_joins_overlapping_and_touching_ranges() {
        // 0..5 and 3..8 overlap → 0..8; 8..10 touches it → 0..10; 12..14 stands apart.
        assert_eq!(
            super::merge(vec![(0, 5), (3, 8), (8, 10), (12, 14)]),
            [(0, 10), (12, 14)]
        );
    }
}
