//! What counts as a hit: a query evaluated over one unit's words. The index only narrows the
//! units down; this decides, with the analyzer, which words match and whether the unit does.

use std::collections::HashMap;

use regex::Regex;

use super::analyzer::{Analyzer, Token, WordTerms};
use super::engine::{query_terms, wildcard_regex};
use super::query::{Leaf, Query};
use crate::language::Language;

/// What a unit offers to a query besides its words.
pub struct UnitFacts<'a> {
    pub speaker: Option<&'a str>,
    pub attributes: &'a [(String, String)],
    /// Whether the unit holds a coding of the named code (or a sub-code).
    pub holds_code: &'a dyn Fn(&str) -> bool,
}

/// A query ready to run over units of one language, with the analyses of the words seen so far.
pub struct Matcher<'q> {
    query: &'q Query,
    analyzer: Analyzer,
    terms: HashMap<String, Vec<String>>,
    words: HashMap<String, WordTerms>,
    wildcards: HashMap<String, Regex>,
}

/// Matched words as token index ranges (end exclusive); for the index, word positions.
pub(crate) type Spans = Vec<(usize, usize)>;

/// Evaluates a query given what each leaf matches in one unit (`None`: nothing): the matched
/// words, merged and in order, or `None` if the unit does not match. The matcher answers the
/// leaves from the unit's words, the index from its postings; the operators mean the same in both.
pub(crate) fn evaluate(
    query: &Query,
    leaf: &mut dyn FnMut(&Leaf) -> Option<Spans>,
) -> Option<Spans> {
    let mut spans = eval(query, leaf)?;
    spans.sort_unstable();
    spans.dedup();
    Some(spans)
}

fn eval(query: &Query, leaf: &mut dyn FnMut(&Leaf) -> Option<Spans>) -> Option<Spans> {
    match query {
        Query::Leaf(l) => leaf(l),
        Query::And(parts) => {
            let mut all = Vec::new();
            for part in parts {
                all.extend(eval(part, leaf)?);
            }
            Some(all)
        }
        Query::Or(parts) => {
            let mut any = None;
            for part in parts {
                if let Some(spans) = eval(part, leaf) {
                    any.get_or_insert_with(Vec::new).extend(spans);
                }
            }
            any
        }
        Query::Not(inner) => match eval(inner, leaf) {
            Some(_) => None,
            None => Some(Vec::new()),
        },
        Query::Near {
            left,
            right,
            distance,
        } => {
            let left = leaf(left)?;
            let right = leaf(right)?;
            let mut near = Vec::new();
            for l in &left {
                for r in &right {
                    let between = if l.1 <= r.0 {
                        r.0 - l.1
                    } else if r.1 <= l.0 {
                        l.0 - r.1
                    } else {
                        continue;
                    };
                    if between <= *distance as usize {
                        near.push(*l);
                        near.push(*r);
                    }
                }
            }
            (!near.is_empty()).then_some(near)
        }
    }
}

impl<'q> Matcher<'q> {
    pub fn new(query: &'q Query, language: Language) -> Matcher<'q> {
        Matcher {
            query,
            analyzer: Analyzer::new(language),
            terms: HashMap::new(),
            words: HashMap::new(),
            wildcards: HashMap::new(),
        }
    }

    /// The matched words of a unit as token index ranges, merged and in order, or `None` if the
    /// unit does not match. A unit matched by filters alone has no words marked.
    pub fn run(&mut self, tokens: &[Token], facts: &UnitFacts) -> Option<Spans> {
        let query = self.query;
        evaluate(query, &mut |leaf| self.leaf(leaf, tokens, facts))
    }

    fn leaf(&mut self, leaf: &Leaf, tokens: &[Token], facts: &UnitFacts) -> Option<Spans> {
        let found: Spans = match leaf {
            Leaf::Word { word, exact } => (0..tokens.len())
                .filter(|&i| self.word_matches(word, *exact, true, &tokens[i].word))
                .map(|i| (i, i + 1))
                .collect(),
            Leaf::Phrase { words, exact } => {
                let n = words.len();
                (0..tokens.len().saturating_sub(n - 1))
                    .filter(|&i| {
                        words
                            .iter()
                            .zip(&tokens[i..i + n])
                            .all(|(w, t)| self.word_matches(w, *exact, false, &t.word))
                    })
                    .map(|i| (i, i + n))
                    .collect()
            }
            Leaf::Wildcard(pattern) => {
                let regex = self.wildcards.entry(pattern.clone()).or_insert_with(|| {
                    Regex::new(&format!("^(?:{})$", wildcard_regex(pattern)))
                        .expect("an escaped wildcard pattern is a valid regex")
                });
                (0..tokens.len())
                    .filter(|&i| regex.is_match(&tokens[i].word))
                    .map(|i| (i, i + 1))
                    .collect()
            }
            Leaf::Speaker(label) => {
                return facts
                    .speaker
                    .is_some_and(|s| s.to_lowercase() == label.to_lowercase())
                    .then(Vec::new);
            }
            Leaf::Attribute { key, value } => {
                return facts
                    .attributes
                    .iter()
                    .any(|(k, v)| k == key && v.to_lowercase() == value.to_lowercase())
                    .then(Vec::new);
            }
            Leaf::Code(code) => return (facts.holds_code)(code).then(Vec::new),
        };
        (!found.is_empty()).then_some(found)
    }

    /// Whether a query word finds a text word: as written (exact), else as an inflected form,
    /// and (for words, not phrases) as a part of a compound.
    fn word_matches(&mut self, query: &str, exact: bool, compounds: bool, word: &str) -> bool {
        if exact {
            return query == word;
        }
        // The terms the index looks for, so the two never disagree on what a word finds. Looked
        // up before inserting: the caches are hit for nearly every word, and an entry would copy
        // the key each time.
        if !self.terms.contains_key(query) {
            self.terms.insert(query.to_owned(), query_terms(query));
        }
        let terms = &self.terms[query];
        // A word's stem and compound parts are pieces of it: no term inside it, no match, and
        // no need to analyse it.
        if self.analyzer.terms_within_word() && !terms.iter().any(|t| word.contains(t.as_str())) {
            return false;
        }
        if !self.words.contains_key(word) {
            let analysed = self.analyzer.word_terms(word);
            self.words.insert(word.to_owned(), analysed);
        }
        let analysed = &self.words[word];
        terms.iter().any(|t| {
            *t == analysed.surface
                || *t == analysed.stem
                || (compounds && analysed.parts.iter().any(|p| p == t))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::query::parse;

    fn hits(query: &str, text: &str) -> Option<Vec<String>> {
        let query = parse(query).unwrap();
        let tokens = Analyzer::tokens(text);
        let no_code = |_: &str| false;
        let facts = UnitFacts {
            speaker: Some("IP1"),
            attributes: &[("rolle".to_owned(), "Enhetsleder".to_owned())],
            holds_code: &no_code,
        };
        Matcher::new(&query, Language::Nb)
            .run(&tokens, &facts)
            .map(|spans| {
                spans
                    .iter()
                    .map(|&(a, b)| {
                        tokens[a..b]
                            .iter()
                            .map(|t| t.word.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
    }

    #[test]
    fn words_find_inflections_and_compounds() {
        assert_eq!(
            hits("tillit", "Tilliten og tillitsreformen, ikke stillits.").unwrap(),
            ["tilliten", "tillitsreformen"]
        );
        assert_eq!(hits("=tillit", "Tilliten er stor"), None);
    }

    #[test]
    fn phrases_match_inflected_forms_in_a_row_but_not_compounds() {
        assert_eq!(
            hits("\"stor tillit\"", "Det er stor tilliten her").unwrap(),
            ["stor tilliten"]
        );
        assert_eq!(hits("\"stor tillit\"", "stor tillitsreform"), None);
        assert_eq!(hits("\"stor tillit\"", "tillit stor"), None);
    }

    #[test]
    fn near_is_order_free_within_the_distance() {
        assert!(hits("tillit NEAR/2 kontroll", "kontroll gir lite tillit").is_some());
        assert!(hits("tillit NEAR/1 kontroll", "kontroll gir lite tillit").is_none());
    }

    #[test]
    fn boolean_operators_wildcards_and_filters() {
        assert!(hits("tillit NOT kontroll", "tillit og kontroll").is_none());
        assert!(hits("tillit -kontroll", "bare tillit").is_some());
        assert_eq!(
            hits("tillit OR kontroll", "kontroll").unwrap(),
            ["kontroll"]
        );
        assert_eq!(
            hits("*styring", "detaljstyring og styring, styret").unwrap(),
            ["detaljstyring", "styring"]
        );
        assert_eq!(hits("til?it", "tillit").unwrap(), ["tillit"]);
        assert!(hits("tillit speaker:ip1", "tillit").is_some());
        assert!(hits("tillit speaker:I", "tillit").is_none());
        assert!(hits("tillit rolle=enhetsleder", "tillit").is_some());
        assert!(hits("tillit code:T02", "tillit").is_none());
    }
}
