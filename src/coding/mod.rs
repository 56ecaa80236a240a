//! Codings: spans of a document's stored text (char offsets, end exclusive) tagged with a code by
//! one coder. Pure: the views the facade returns, where a span sits among a document's turns, and
//! [`retrieve`], the operators of coded-excerpt retrieval. The table is `store::codings`; the
//! facade methods (`Project::code_span`, `codings`, `excerpts`, …) live in `project::codings`.
//!
//! A document's turns partition the text after its preamble: turn *k* holds the chars from its
//! label up to the next turn's label (the last turn to the end of the text), so every char after
//! the preamble lies in exactly one turn and the line break after a turn belongs to it. A coding
//! "falls in" every turn whose chars it shares; its turn is the one where it starts.

pub mod retrieve;

use std::ops::Range;

/// One coding as the transcript view's margin stripes show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodingView {
    pub guid: String,
    pub document: String,
    pub document_guid: String,
    pub code_guid: String,
    /// The template key (`T06.4`); `None` for the researcher's own codes.
    pub code_key: Option<String>,
    /// The bokmål names from the top, `/`-joined.
    pub code_path: String,
    pub code_name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// The code's family (or an ancestor's) is switched off: the coding stays, shown and marked.
    pub code_hidden: bool,
    pub coder: String,
    pub coder_guid: String,
    pub start_char: usize,
    pub end_char: usize,
    /// Numbers of the turns the span falls in, in order (empty inside the preamble).
    pub turns: Vec<u32>,
    /// The rule that suggested it, if a rule did.
    pub rule: Option<String>,
    /// When it was made, RFC 3339.
    pub created_at: String,
}

/// Indices (into `label_starts`, the turns' `label_start_char`s in order) of the turns that
/// share at least one char with `start..end`.
pub fn turns_in(label_starts: &[usize], start: usize, end: usize) -> Range<usize> {
    if end <= start {
        return 0..0;
    }
    // The turn holding `start`: the last one whose label begins at or before it (none: the
    // span starts in the preamble, and the first turn is the first it can reach).
    let first = label_starts
        .partition_point(|&s| s <= start)
        .saturating_sub(1);
    // Turns whose label begins before `end`.
    let last = label_starts.partition_point(|&s| s < end);
    first..last.max(first)
}

/// The index of the turn holding char `pos`; `None` inside the preamble.
pub fn turn_at(label_starts: &[usize], pos: usize) -> Option<usize> {
    label_starts.partition_point(|&s| s <= pos).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_fall_in_the_turns_they_touch() {
        // Preamble 0..10, turn A from 10, turn B from 20, turn C from 30 to the end.
        let starts = [10, 20, 30];
        assert_eq!(turns_in(&starts, 0, 5), 0..0, "inside the preamble");
        assert_eq!(turns_in(&starts, 5, 11), 0..1, "preamble into A");
        assert_eq!(turns_in(&starts, 12, 20), 0..1, "A up to B's label");
        assert_eq!(turns_in(&starts, 12, 21), 0..2, "A and one char of B");
        assert_eq!(turns_in(&starts, 35, 40), 2..3, "C to the end");
        assert_eq!(turn_at(&starts, 9), None);
        assert_eq!(turn_at(&starts, 10), Some(0));
        assert_eq!(turn_at(&starts, 29), Some(1));
        assert_eq!(turn_at(&starts, 99), Some(2));
    }
}
