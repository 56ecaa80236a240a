//! Splitting Norwegian compounds into their parts with the word list, so that *tillit* finds
//! *tillitsreformen* and *styring* finds *detaljstyring*, but *rom* does not find *romantikk*.
//!
//! A word splits into a modifier and a head (which may split again), each part a listed word of
//! three letters or more, with an optional linking *-s-* or *-e-* after the modifier. Parts are
//! never function words (*han*+*del*) and heads never derivational endings (*lov*+*ende*). A word
//! that is itself in the list splits only if it is rarer than its modifier and its head (by a
//! margin when a part is short): *romantikk* is more frequent than *antikk*, so it is a word of
//! its own, while *detaljstyring* is far rarer than *styring*. Among splits, fewer parts win, then more frequent parts (after Koehn
//! and Knight, "Empirical methods for compound splitting", 2003). Prefix derivations (*mis-*,
//! *u-*, *van-*, *sam-*, *av-*) split off their prefix.
//!
//! Measured against `../shared/search/nb-compound-pairs.tsv` by `tests/it/search_pairs.rs`.

use std::collections::HashMap;

use rust_stemmers::Stemmer;

use super::lexicon::Lexicon;

/// The shortest part, in chars.
const MIN_PART: usize = 3;
/// How much rarer (in buckets of 0.01 orders of magnitude) a listed word must be than both its
/// modifier and its head to be split when a part is short: three-letter words are found inside
/// many simple words by chance (*syn*+*kron*, *hjem*+*mel*). With longer parts, rarer is enough.
const SHORT_PART_MARGIN: u16 = 50;
/// Prefixes that derive words from words (*mistillit*, *uro*, *vanhelse*, *samarbeid*, *avvik*).
const PREFIXES: [&str; 5] = ["mis", "u", "van", "sam", "av"];
/// Endings of inflected forms, bokmål and nynorsk: a head with one of these counts as listed
/// when its stem is (*tenesta* through *teneste*).
const ENDINGS: [&str; 10] = ["ane", "ene", "a", "en", "et", "ar", "er", "te", "de", "ne"];
/// Function words, bokmål and nynorsk: never a part of a compound.
const FUNCTION_WORDS: [&str; 56] = [
    "og", "i", "det", "som", "på", "er", "en", "til", "han", "av", "for", "ikke", "med", "var",
    "at", "den", "de", "seg", "men", "ett", "et", "har", "om", "vi", "ble", "jeg", "så", "nå",
    "kan", "skal", "hun", "da", "kom", "inn", "fra", "eller", "når", "noe", "meg", "deg", "oss",
    "dem", "sin", "her", "der", "hva", "opp", "ut", "ned", "mot", "kon", "eks", "ikkje", "eg",
    "dei", "frå",
];
/// Derivational endings that look like words (*lovende*, *brukbar*, *tidleg*): never a head.
const SUFFIXES: [&str; 20] = [
    "ende", "ande", "else", "het", "heit", "lig", "leg", "bar", "sam", "aktig", "isk", "ing",
    "ning", "sjon", "ere", "ert", "ist", "dom", "skap", "sen",
];

pub(crate) struct Decompounder<'a> {
    lexicon: &'a Lexicon,
    stemmer: &'a Stemmer,
}

/// A way to read the rest of a word from some position: its parts and their summed buckets.
type Reading = Option<(Vec<String>, u32)>;

impl<'a> Decompounder<'a> {
    pub(crate) fn new(lexicon: &'a Lexicon, stemmer: &'a Stemmer) -> Self {
        Decompounder { lexicon, stemmer }
    }

    /// The parts of a lower-case word, modifier first (linking letters dropped), or `None` if it
    /// is not a compound.
    pub(crate) fn parts(&self, word: &str) -> Option<Vec<String>> {
        let mut memo = HashMap::new();
        self.split_at(word, 0, &mut memo)
            .map(|(parts, _)| parts)
            .or_else(|| self.prefixed(word))
    }

    /// How frequent a part is: listed itself, or an inflected form of a listed stem.
    fn bucket(&self, part: &str) -> Option<u16> {
        self.lexicon.form(part).or_else(|| {
            ENDINGS
                .iter()
                .any(|e| part.ends_with(e))
                .then(|| self.lexicon.stem(&self.stemmer.stem(part)))
                .flatten()
        })
    }

    /// The best split of `word[from..]` into two or more parts. `memo` holds the answers for
    /// later starting points, which every earlier split point shares.
    fn split_at(&self, word: &str, from: usize, memo: &mut HashMap<usize, Reading>) -> Reading {
        if let Some(known) = memo.get(&from) {
            return known.clone();
        }
        let rest = &word[from..];
        let listed = if from == 0 {
            self.lexicon.form(rest)
        } else {
            None
        };
        let chars = rest.chars().count();
        let mut best: Option<(Vec<String>, u32)> = None;
        for (i, (b, _)) in rest.char_indices().enumerate() {
            if i < MIN_PART || chars - i < MIN_PART {
                continue;
            }
            let (modifier, head) = rest.split_at(b);
            let heads = match self.bucket(head) {
                Some(bucket) => (vec![head.to_owned()], u32::from(bucket)),
                None => match self.split_at(word, from + b, memo) {
                    Some(split) => split,
                    None => continue,
                },
            };
            let (first, last) = (&heads.0[0], &heads.0[heads.0.len() - 1]);
            if SUFFIXES.contains(&last.as_str()) || FUNCTION_WORDS.contains(&first.as_str()) {
                continue;
            }
            let last_bucket = self.bucket(last).unwrap_or(u16::MAX);
            for m in self.modifiers(modifier) {
                let Some(m_bucket) = self.lexicon.form(m) else {
                    continue;
                };
                let shortest = std::iter::once(m)
                    .chain(heads.0.iter().map(String::as_str))
                    .map(|p| p.chars().count())
                    .min()
                    .unwrap_or(0);
                let margin = if shortest > MIN_PART {
                    0
                } else {
                    SHORT_PART_MARGIN
                };
                if listed.is_some_and(|w| {
                    w <= m_bucket.saturating_add(margin) || w <= last_bucket.saturating_add(margin)
                }) {
                    continue;
                }
                let mut parts = vec![m.to_owned()];
                parts.extend(heads.0.iter().cloned());
                let sum = heads.1 + u32::from(m_bucket);
                if better(&parts, sum, best.as_ref()) {
                    best = Some((parts, sum));
                }
            }
        }
        memo.insert(from, best.clone());
        best
    }

    /// The modifier as written, and without a linking *-s-* or *-e-*.
    fn modifiers<'m>(&self, modifier: &'m str) -> impl Iterator<Item = &'m str> {
        let linked = modifier
            .strip_suffix('s')
            .or_else(|| modifier.strip_suffix('e'))
            .filter(|m| m.chars().count() >= MIN_PART);
        std::iter::once(modifier)
            .chain(linked)
            .filter(|m| !FUNCTION_WORDS.contains(m))
    }

    fn prefixed(&self, word: &str) -> Option<Vec<String>> {
        PREFIXES.iter().find_map(|prefix| {
            let rest = word.strip_prefix(prefix)?;
            (rest.chars().count() >= MIN_PART && self.lexicon.form(rest).is_some())
                .then(|| vec![(*prefix).to_owned(), rest.to_owned()])
        })
    }
}

/// Fewer parts first, then the more frequent parts on average.
fn better(parts: &[String], sum: u32, best: Option<&(Vec<String>, u32)>) -> bool {
    let Some((best_parts, best_sum)) = best else {
        return true;
    };
    let mean = |sum: u32, n: usize| f64::from(sum) / n as f64;
    (parts.len(), mean(sum, parts.len())) < (best_parts.len(), mean(*best_sum, best_parts.len()))
}

#[cfg(test)]
mod tests {
    use rust_stemmers::Algorithm;

    use super::*;

    fn parts(word: &str) -> Option<Vec<String>> {
        let stemmer = Stemmer::create(Algorithm::Norwegian);
        Decompounder::new(Lexicon::norwegian(), &stemmer).parts(word)
    }

    #[test]
    fn splits_compounds_with_and_without_linking_letters() {
        assert_eq!(parts("tillitsreformen").unwrap(), ["tillit", "reformen"]);
        assert_eq!(parts("detaljstyring").unwrap(), ["detalj", "styring"]);
        assert_eq!(parts("mistillit").unwrap(), ["mis", "tillit"]);
    }

    #[test]
    fn leaves_words_that_only_look_like_compounds() {
        assert_eq!(parts("romantikk"), None);
        assert_eq!(parts("handel"), None);
        assert_eq!(parts("tillit"), None);
    }
}
