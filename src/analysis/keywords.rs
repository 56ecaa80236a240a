//! Distinctive words: Dunning's log-likelihood G² of each word's count in the theme's excerpts
//! against the rest of the informants' speech, words counted by stem.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::snapshot::Snapshot;
use super::summary::SummaryOptions;
use super::theme::Theme;
use super::tokens::{Totals, Words};
use crate::store::retrieval;
use crate::{collate, Project, Result};

/// The least count a distinctive word needs in the theme.
const MIN_COUNT: u32 = 5;
/// G² at p < 0.001 with one degree of freedom.
const MIN_G2: f64 = 10.83;
/// Chars of context on each side of a keyword-in-context line.
const CONTEXT_CHARS: usize = 60;

/// A word the theme over-uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistinctiveWord {
    /// The word's most frequent form in the theme's excerpts (lower-case).
    pub word: String,
    /// The stem the words are counted by.
    pub stem: String,
    /// Occurrences in the theme's excerpts (informant turns).
    pub count: usize,
    /// Occurrences in all other informant speech in scope.
    pub other_count: usize,
    /// Dunning's G² (natural log).
    pub g2: f64,
}

/// A keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordContext {
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    /// The word's chars.
    pub start_char: usize,
    pub end_char: usize,
    /// Up to 60 chars before the word, on its line and in its turn.
    pub before: String,
    /// The word as written.
    pub word: String,
    /// Up to 60 chars after the word, on its line and in its turn.
    pub after: String,
}

/// Dunning's G² (log-likelihood, natural log) of a word met `a` times among `c` words of one
/// corpus and `b` times among `d` of the other: `2 Σ O ln(O / E)` over the 2×2 table
/// (the word, other words) × (this corpus, the other), each expected count `E` from the
/// margins; empty cells add nothing.
pub fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = c + d;
    let (word, rest) = (a + b, n - a - b);
    let cells = [
        (a, word * c / n),
        (b, word * d / n),
        (c - a, rest * c / n),
        (d - b, rest * d / n),
    ];
    2.0 * cells
        .iter()
        .filter(|(o, _)| *o > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum::<f64>()
}

/// The words of a theme: those in its [`Theme::spoken`] text.
pub(crate) struct ThemeWords {
    /// Every word (stop words included).
    pub tokens: u64,
    /// Occurrences by stem id (no stop words).
    stems: Vec<u32>,
    /// Occurrences by word-form id (no stop words).
    surfaces: Vec<u32>,
    /// Words by document index.
    pub doc_words: Vec<u32>,
}

impl ThemeWords {
    pub fn count(
        words: &mut Words,
        conn: &Connection,
        snap: &Snapshot,
        theme: &Theme,
    ) -> Result<ThemeWords> {
        let docs = theme
            .spoken
            .iter()
            .map(|(d, pieces)| Ok((*d, pieces, words.doc(conn, &snap.docs[*d])?)))
            .collect::<Result<Vec<_>>>()?;
        let mut out = ThemeWords {
            tokens: 0,
            stems: vec![0; words.stem_count()],
            surfaces: vec![0; words.surface_count()],
            doc_words: vec![0; snap.docs.len()],
        };
        for (d, pieces, tokens) in docs {
            for &(start, end) in pieces {
                let range = tokens.within(start, end);
                out.tokens += range.len() as u64;
                out.doc_words[d] += range.len() as u32;
                for &w in &tokens.words[range] {
                    if !words.stop[w as usize] {
                        out.stems[words.stem_of[w as usize] as usize] += 1;
                        out.surfaces[w as usize] += 1;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The words the theme over-uses against the rest of the informants' speech: count at least 5,
/// G² at least 10.83 (p < 0.001), highest G² first (then by word).
pub(crate) fn distinctive(
    words: &Words,
    totals: &Totals,
    theme: &ThemeWords,
) -> Vec<DistinctiveWord> {
    let c = theme.tokens as f64;
    let d = totals.tokens.saturating_sub(theme.tokens) as f64;
    let mut out: Vec<DistinctiveWord> = theme
        .stems
        .iter()
        .enumerate()
        .filter(|&(_, &a)| a >= MIN_COUNT)
        .filter_map(|(stem, &a)| {
            let b = totals.stem_count.get(stem).copied().unwrap_or(a);
            let b = b.saturating_sub(a);
            let (a, b) = (a as f64, b as f64);
            // Over-used only: a larger share of the theme's words than of the rest.
            if a * d <= b * c {
                return None;
            }
            let g = g2(a, b, c, d);
            (g >= MIN_G2).then(|| DistinctiveWord {
                word: String::new(),
                stem: words.stem(stem as u32).to_owned(),
                count: a as usize,
                other_count: b as usize,
                g2: g,
            })
        })
        .collect();
    // The most frequent form of each listed stem in the theme (ties: the first in Norwegian
    // order).
    let mut form: HashMap<&str, (u32, &str)> =
        out.iter().map(|w| (w.stem.as_str(), (0, ""))).collect();
    for (w, &n) in theme.surfaces.iter().enumerate().filter(|&(_, &n)| n > 0) {
        let stem = words.stem(words.stem_of[w]);
        if let Some(best) = form.get_mut(stem) {
            let surface = words.surface(w as u32);
            if n > best.0 || (n == best.0 && collate::compare(surface, best.1).is_lt()) {
                *best = (n, surface);
            }
        }
    }
    let forms: Vec<String> = out
        .iter()
        .map(|w| form[w.stem.as_str()].1.to_owned())
        .collect();
    for (w, f) in out.iter_mut().zip(forms) {
        w.word = f;
    }
    out.sort_by(|x, y| {
        y.g2.total_cmp(&x.g2)
            .then_with(|| collate::compare(&x.word, &y.word))
    });
    out
}

/// Every occurrence of a stem in the theme's spoken text, with its context line.
pub(crate) fn contexts(
    words: &mut Words,
    conn: &Connection,
    snap: &Snapshot,
    theme: &Theme,
    stem: u32,
) -> Result<Vec<WordContext>> {
    let mut out = Vec::new();
    for (d, pieces) in &theme.spoken {
        let doc = &snap.docs[*d];
        let tokens = words.doc(conn, doc)?;
        let starts: Vec<usize> = pieces
            .iter()
            .flat_map(|&(s, e)| tokens.within(s, e))
            .filter(|&i| words.stem_of[tokens.words[i] as usize] == stem)
            .map(|i| tokens.starts[i] as usize)
            .collect();
        if starts.is_empty() {
            continue;
        }
        let chars: Vec<char> = retrieval::with_text(conn, doc.id, |bytes| {
            String::from_utf8_lossy(bytes).chars().collect()
        })?;
        let turns = &snap.turns[doc.turns.clone()];
        for start in starts {
            // A word is a maximal run of letters and digits (as the analyzer splits).
            let end = start
                + chars[start..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric())
                    .count();
            // Context within the turn's words (never its label), on the word's line.
            let turn = turns[..turns.partition_point(|t| t.start_char <= start)].last();
            let (words_start, words_end) =
                turn.map_or((0, chars.len()), |t| (t.start_char, t.end_char));
            let from = start.saturating_sub(CONTEXT_CHARS).max(words_start);
            let from = chars[from..start]
                .iter()
                .rposition(|&c| c == '\n')
                .map_or(from, |p| from + p + 1);
            let to = (end + CONTEXT_CHARS).min(words_end.max(end));
            let to = chars[end..to]
                .iter()
                .position(|&c| c == '\n')
                .map_or(to, |p| end + p);
            out.push(WordContext {
                document: doc.name.clone(),
                document_guid: doc.guid.clone(),
                turn: turn.map(|t| t.n),
                start_char: start,
                end_char: end,
                before: chars[from..start].iter().collect(),
                word: chars[start..end].iter().collect(),
                after: chars[end..to].iter().collect(),
            });
        }
    }
    Ok(out)
}

impl Project {
    /// Where a word occurs in the theme's excerpts, in informant turns in scope: one line per
    /// occurrence, in document order. `word` is a stem (as [`DistinctiveWord::stem`] gives it)
    /// or a word form; every form with its stem is found.
    pub fn theme_word_contexts(
        &self,
        options: &SummaryOptions,
        word: &str,
    ) -> Result<Vec<WordContext>> {
        let conn = self.store().conn();
        self.with_theme(options, |cache, snap, _, _, theme| {
            // The theme's documents are split first, so a word of theirs has a stem id.
            for (d, _) in &theme.spoken {
                cache.words.doc(conn, &snap.docs[*d])?;
            }
            match cache.words.find_stem(word) {
                Some(stem) => contexts(&mut cache.words, conn, snap, theme, stem),
                None => Ok(Vec::new()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::g2;

    #[test]
    fn g2_of_a_two_by_two_table() {
        // A word 10 times in 100 theme words, 5 times in 1,000 other words. N = 1,100; the word
        // 15 times in all, other words 1,085. Expected counts from the margins:
        //   E(word, theme) = 15 · 100 / 1100   =   1.363636
        //   E(word, other) = 15 · 1000 / 1100  =  13.636364
        //   E(rest, theme) = 1085 · 100 / 1100 =  98.636364
        //   E(rest, other) = 1085 · 1000 / 1100 = 986.363636
        // O · ln(O / E):
        //   10 · ln(10 / 1.363636)   = 10 · 1.992430    =  19.924302
        //    5 · ln(5 / 13.636364)   =  5 · −1.003302   =  −5.016511
        //   90 · ln(90 / 98.636364)  = 90 · −0.091630   =  −8.246729
        //  995 · ln(995 / 986.363636) = 995 · 0.008718  =   8.674063
        // G² = 2 · (19.924302 − 5.016511 − 8.246729 + 8.674063) = 2 · 15.335125 = 30.670250
        assert!((g2(10.0, 5.0, 100.0, 1000.0) - 30.670250).abs() < 1e-5);
        // No difference in rate: nothing to report.
        assert!(g2(10.0, 100.0, 100.0, 1000.0).abs() < 1e-9);
        // A word only in the theme: the empty cell adds nothing. 5 of 5 against 0 of 5:
        //   E = 2.5 in each cell; 2 · (5 · ln 2 + 5 · ln 2) = 20 · ln 2 = 13.862944
        assert!((g2(5.0, 0.0, 5.0, 5.0) - 13.862944).abs() < 1e-5);
    }
}
