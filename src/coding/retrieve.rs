//! Coded-excerpt retrieval over spans, pure. A query starts from the codings of one code and
//! applies operators left to right, each with the codings of another code:
//!
//! - `A OR B`: every coding of A and of B;
//! - `A AND B`: the characters coded with both: the intersection of each overlapping A/B pair,
//!   with pieces that overlap or touch merged;
//! - `A OVERLAPPING B`: each whole A coding sharing at least one char with a B coding;
//! - `A SAME-TURN B`: each whole A coding that falls in a turn a B coding also falls in;
//! - `A NOT B`: each whole A coding overlapping no B coding.
//!
//! Only spans of the same document meet. Filters are applied by the facade before combining;
//! identical hits (same document, span and code) are [`collapse`]d into one with all their
//! coders.

use std::collections::{BTreeSet, HashMap};

/// One coding (or, after AND, one piece) as retrieval sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The document, as a number that orders documents.
    pub document: usize,
    pub start_char: usize,
    pub end_char: usize,
    /// The code's label (key or path); for an AND piece, the expression (`A AND B`).
    pub code: String,
    /// Numbers of the turns the span falls in, ascending.
    pub turns: Vec<u32>,
    /// Coder names, sorted, each once.
    pub coders: Vec<String>,
}

impl Hit {
    fn overlaps(&self, other: &Hit) -> bool {
        self.document == other.document
            && self.start_char < other.end_char
            && other.start_char < self.end_char
    }
}

/// An operator joining the result so far with another code's codings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Or,
    And,
    Overlapping,
    SameTurn,
    Not,
}

impl Op {
    /// How the operator is written in a query (`OR`, `SAME-TURN`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Or => "OR",
            Op::And => "AND",
            Op::Overlapping => "OVERLAPPING",
            Op::SameTurn => "SAME-TURN",
            Op::Not => "NOT",
        }
    }

    /// Reads an operator name in any case, with `-` or `_` in `SAME-TURN`.
    pub fn parse(name: &str) -> Option<Op> {
        match name.trim().to_ascii_uppercase().replace('_', "-").as_str() {
            "OR" => Some(Op::Or),
            "AND" => Some(Op::And),
            "OVERLAPPING" => Some(Op::Overlapping),
            "SAME-TURN" => Some(Op::SameTurn),
            "NOT" => Some(Op::Not),
            _ => None,
        }
    }
}

fn order_key(h: &Hit) -> (usize, usize, usize, &str) {
    (h.document, h.start_char, h.end_char, h.code.as_str())
}

/// Sorts hits into document order and merges identical ones (same document, span and code),
/// listing all their coders once each.
pub fn collapse(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        match out.last_mut() {
            Some(last) if order_key(last) == order_key(&hit) => {
                let coders: BTreeSet<String> = last.coders.drain(..).chain(hit.coders).collect();
                last.coders = coders.into_iter().collect();
            }
            _ => {
                let mut hit = hit;
                hit.coders.sort();
                hit.coders.dedup();
                out.push(hit);
            }
        }
    }
    out
}

/// Another code's hits, by document, sorted by start, with the running maximum of their ends,
/// so "does any of them overlap this span" is a binary search.
struct Index<'a> {
    by_doc: HashMap<usize, (Vec<&'a Hit>, Vec<usize>)>,
}

impl<'a> Index<'a> {
    fn new(hits: &'a [Hit]) -> Index<'a> {
        let mut by_doc: HashMap<usize, (Vec<&'a Hit>, Vec<usize>)> = HashMap::new();
        for h in hits {
            by_doc.entry(h.document).or_default().0.push(h);
        }
        for (list, max_end) in by_doc.values_mut() {
            list.sort_by_key(|h| (h.start_char, h.end_char));
            let mut m = 0;
            *max_end = list
                .iter()
                .map(|h| {
                    m = m.max(h.end_char);
                    m
                })
                .collect();
        }
        Index { by_doc }
    }

    /// Whether any hit overlaps `a`.
    fn any_overlap(&self, a: &Hit) -> bool {
        let Some((list, max_end)) = self.by_doc.get(&a.document) else {
            return false;
        };
        let n = list.partition_point(|h| h.start_char < a.end_char);
        n > 0 && max_end[n - 1] > a.start_char
    }

    /// The hits overlapping `a`.
    fn overlapping<'s>(&'s self, a: &'s Hit) -> impl Iterator<Item = &'a Hit> + 's {
        let list: &[&'a Hit] = self.by_doc.get(&a.document).map_or(&[], |(l, _)| l);
        let n = list.partition_point(|h| h.start_char < a.end_char);
        list[..n]
            .iter()
            .copied()
            .filter(move |h| h.end_char > a.start_char)
    }
}

/// Applies `op` to the result so far (`a`) and another code's hits (`b`). `label` names the AND
/// pieces' code (the expression, such as `T02 AND T03`). The result is in document order and
/// collapsed.
pub fn combine(a: Vec<Hit>, op: Op, b: Vec<Hit>, label: &str) -> Vec<Hit> {
    match op {
        Op::Or => collapse(a.into_iter().chain(b).collect()),
        Op::Overlapping => {
            let index = Index::new(&b);
            collapse(a.into_iter().filter(|h| index.any_overlap(h)).collect())
        }
        Op::Not => {
            let index = Index::new(&b);
            collapse(a.into_iter().filter(|h| !index.any_overlap(h)).collect())
        }
        Op::SameTurn => {
            let mut turns: HashMap<usize, BTreeSet<u32>> = HashMap::new();
            for h in &b {
                turns
                    .entry(h.document)
                    .or_default()
                    .extend(h.turns.iter().copied());
            }
            collapse(
                a.into_iter()
                    .filter(|h| {
                        turns
                            .get(&h.document)
                            .is_some_and(|t| h.turns.iter().any(|n| t.contains(n)))
                    })
                    .collect(),
            )
        }
        Op::And => and(&a, &b, label),
    }
}

fn and(a: &[Hit], b: &[Hit], label: &str) -> Vec<Hit> {
    let index = Index::new(b);
    let mut pieces: Vec<Hit> = Vec::new();
    for x in a {
        for y in index.overlapping(x) {
            debug_assert!(x.overlaps(y));
            // The turns of the intersection: turns are contiguous runs, so those both spans
            // fall in.
            let turns: Vec<u32> = x
                .turns
                .iter()
                .copied()
                .filter(|n| y.turns.contains(n))
                .collect();
            pieces.push(Hit {
                document: x.document,
                start_char: x.start_char.max(y.start_char),
                end_char: x.end_char.min(y.end_char),
                code: label.to_owned(),
                turns,
                coders: x.coders.iter().chain(&y.coders).cloned().collect(),
            });
        }
    }
    pieces.sort_by_key(|h| (h.document, h.start_char, h.end_char));
    let mut merged: Vec<Hit> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match merged.last_mut() {
            Some(last) if last.document == piece.document && piece.start_char <= last.end_char => {
                last.end_char = last.end_char.max(piece.end_char);
                let turns: BTreeSet<u32> = last.turns.drain(..).chain(piece.turns).collect();
                last.turns = turns.into_iter().collect();
                last.coders.extend(piece.coders);
            }
            _ => merged.push(piece),
        }
    }
    collapse(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hit(document: usize, start: usize, end: usize, code: &str, coder: &str) -> Hit {
        Hit {
            document,
            start_char: start,
            end_char: end,
            code: code.to_owned(),
            // One turn per ten chars, for SAME-TURN.
            turns: ((start / 10) as u32..=((end - 1) / 10) as u32).collect(),
            coders: vec![coder.to_owned()],
        }
    }

    fn spans(hits: &[Hit]) -> Vec<(usize, usize, usize)> {
        hits.iter()
            .map(|h| (h.document, h.start_char, h.end_char))
            .collect()
    }

    #[test]
    fn and_merges_touching_pieces_and_lists_coders() {
        // A 0..10 and 10..20 (touching), B 5..15: pieces 5..10 and 10..15 touch → one 5..15.
        let a = vec![hit(0, 0, 10, "A", "kari"), hit(0, 10, 20, "A", "kari")];
        let b = vec![hit(0, 5, 15, "B", "ola")];
        let out = combine(a, Op::And, b, "A AND B");
        assert_eq!(spans(&out), [(0, 5, 15)]);
        assert_eq!(out[0].coders, ["kari", "ola"]);
        assert_eq!(out[0].code, "A AND B");
        assert_eq!(out[0].turns, [0, 1]);
    }

    #[test]
    fn documents_never_meet() {
        let a = vec![hit(0, 0, 10, "A", "k")];
        let b = vec![hit(1, 0, 10, "B", "k")];
        assert!(combine(a.clone(), Op::And, b.clone(), "x").is_empty());
        assert!(combine(a.clone(), Op::Overlapping, b.clone(), "x").is_empty());
        assert!(combine(a.clone(), Op::SameTurn, b.clone(), "x").is_empty());
        assert_eq!(combine(a, Op::Not, b, "x").len(), 1);
    }

    #[test]
    fn operator_names_parse() {
        for op in [Op::Or, Op::And, Op::Overlapping, Op::SameTurn, Op::Not] {
            assert_eq!(Op::parse(op.as_str()), Some(op));
        }
        assert_eq!(Op::parse("same_turn"), Some(Op::SameTurn));
        assert_eq!(Op::parse("xor"), None);
    }

    fn arb_hits(code: &'static str) -> impl Strategy<Value = Vec<Hit>> {
        prop::collection::vec((0usize..2, 0usize..60, 1usize..15, 0usize..2), 0..12).prop_map(
            move |v| {
                v.into_iter()
                    .map(|(d, s, len, c)| hit(d, s, s + len, code, ["kari", "ola"][c]))
                    .collect()
            },
        )
    }

    fn covered(hits: &[Hit]) -> BTreeSet<(usize, usize)> {
        hits.iter()
            .flat_map(|h| (h.start_char..h.end_char).map(move |c| (h.document, c)))
            .collect()
    }

    proptest! {
        #[test]
        fn and_is_commutative_in_chars_covered(a in arb_hits("A"), b in arb_hits("B")) {
            let ab = combine(a.clone(), Op::And, b.clone(), "A AND B");
            let ba = combine(b.clone(), Op::And, a.clone(), "B AND A");
            prop_assert_eq!(covered(&ab), covered(&ba));
            // And it is exactly the chars both cover.
            let both: BTreeSet<_> = covered(&a).intersection(&covered(&b)).copied().collect();
            prop_assert_eq!(covered(&ab), both);
        }

        #[test]
        fn not_and_overlapping_split_a(a in arb_hits("A"), b in arb_hits("B")) {
            let all = collapse(a.clone());
            let not = combine(a.clone(), Op::Not, b.clone(), "");
            let over = combine(a, Op::Overlapping, b, "");
            let mut union = not.clone();
            union.extend(over.iter().cloned());
            prop_assert_eq!(collapse(union), all.clone());
            prop_assert_eq!(not.len() + over.len(), all.len());
        }

        #[test]
        fn or_counts_each_distinct_coding(a in arb_hits("A"), b in arb_hits("B")) {
            let out = combine(a.clone(), Op::Or, b.clone(), "");
            prop_assert_eq!(out.len(), collapse(a).len() + collapse(b).len());
        }
    }
}
