//! Words to index terms: tokens with char offsets, lower-cased (å, æ and ø kept), stemmed by the
//! document's language, and for Norwegian split into compound parts.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use rust_stemmers::{Algorithm, Stemmer};

use super::decompound::Decompounder;
use super::lexicon::Lexicon;
use super::variant;
use crate::language::Language;

/// A word of a text: its char offsets (end exclusive) and its lower-case form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start_char: usize,
    pub end_char: usize,
    pub word: String,
}

/// The terms one word is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordTerms {
    /// The lower-case word.
    pub surface: String,
    /// Its stem.
    pub stem: String,
    /// The compound parts, each as written and stemmed (empty for a simple word).
    pub parts: Vec<String>,
}

/// Analysis for one language.
pub struct Analyzer {
    stemmer: Stemmer,
    decompounds: bool,
}

impl Analyzer {
    /// The analyzer for a document or query language. Bokmål and nynorsk share the Norwegian
    /// stemmer and the compound splitter (the word list is mostly bokmål; nynorsk inflected forms
    /// reach it through their stems).
    pub fn new(language: Language) -> Analyzer {
        let algorithm = match language {
            Language::Nb | Language::Nn => Algorithm::Norwegian,
            Language::Da => Algorithm::Danish,
            Language::Sv => Algorithm::Swedish,
            Language::En => Algorithm::English,
        };
        Analyzer {
            stemmer: Stemmer::create(algorithm),
            decompounds: matches!(language, Language::Nb | Language::Nn),
        }
    }

    /// The words of a text: maximal runs of letters and digits (a hyphen or an apostrophe ends a
    /// word), lower-cased.
    pub fn tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut start: Option<usize> = None;
        let mut word = String::new();
        for (i, c) in text.chars().enumerate() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                word.extend(c.to_lowercase());
            } else if let Some(s) = start.take() {
                tokens.push(Token {
                    start_char: s,
                    end_char: i,
                    word: std::mem::take(&mut word),
                });
            }
        }
        if let Some(s) = start {
            tokens.push(Token {
                start_char: s,
                end_char: text.chars().count(),
                word,
            });
        }
        tokens
    }

    /// The stem of a lower-case word. Snowball's Norwegian stemmer also strips derivational
    /// endings (*tid·lig*, *lov·ende*, *fri·het*), which makes different words meet; only
    /// inflectional endings are taken off, so those words keep their own form.
    pub fn stem(&self, word: &str) -> String {
        // Snowball lacks the bokmål definite plural of nouns in -er (*politikerne*, *lederne*):
        // take off its -ne and stem what is left like the indefinite plural.
        let word = match word.strip_suffix("erne") {
            Some(base) if self.decompounds && base.chars().count() >= 3 => &word[..word.len() - 2],
            _ => word,
        };
        let stem = self.stemmer.stem(word);
        let removed = word.strip_prefix(stem.as_ref()).unwrap_or("");
        if self.decompounds && is_derivational(removed) {
            word.to_owned()
        } else {
            stem.into_owned()
        }
    }

    /// Everything a lower-case word is indexed under.
    pub fn word_terms(&self, word: &str) -> WordTerms {
        let parts = if self.decompounds {
            self.compound_parts(word)
        } else {
            Vec::new()
        };
        let mut terms: Vec<String> = Vec::new();
        for part in parts {
            let stem = self.stem(&part);
            for term in [part, stem] {
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        WordTerms {
            surface: word.to_owned(),
            stem: self.stem(word),
            parts: terms,
        }
    }

    /// The parts of a Norwegian compound, remembered per word for the life of the process: a
    /// corpus repeats its words, and splitting is the costly step of indexing.
    fn compound_parts(&self, word: &str) -> Vec<String> {
        /// Beyond this many words the memory is cleared (a few tens of MB at most).
        const REMEMBERED: usize = 500_000;
        static PARTS: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();
        let memory = PARTS.get_or_init(Default::default);
        if let Some(parts) = memory.lock().expect("no panic holds it").get(word) {
            return parts.clone();
        }
        // A modifier can be a compound too (*barnevern·s·tenesta*): its parts count as well.
        let splitter = Decompounder::new(Lexicon::norwegian(), &self.stemmer);
        let mut parts = splitter.parts(word).unwrap_or_default();
        let nested: Vec<String> = parts
            .iter()
            .filter_map(|p| splitter.parts(p))
            .flatten()
            .collect();
        parts.extend(nested);
        let mut memory = memory.lock().expect("no panic holds it");
        if memory.len() >= REMEMBERED {
            memory.clear();
        }
        memory.insert(word.to_owned(), parts.clone());
        parts
    }

    /// The terms a query word looks for: itself and its stem. A base form and an inflected form
    /// can stem differently (*ansvar* → *ansv*, *ansvaret* → *ansvar*), so the word itself is
    /// looked up among stems too; and a word ending in one consonant also as its inflected forms'
    /// stem with the consonant doubled (*rom* → *romm* of *rommet*). A Norwegian word also
    /// looks for its form in the other written standard (`index::variant`: *leder* → *leiar*).
    pub fn query_terms(&self, word: &str) -> Vec<String> {
        let word = word.to_lowercase();
        let mut terms = vec![word.clone()];
        let stem = self.stem(&word);
        if stem != word {
            terms.push(stem);
        }
        if self.decompounds {
            let mut last = word.chars().rev();
            if let (Some(c), Some(before)) = (last.next(), last.next()) {
                if !is_vowel(c) && is_vowel(before) {
                    terms.push(format!("{word}{c}"));
                }
            }
            for form in variant::variants(&word) {
                // An -ar form keeps its ending in every inflection (*leiaren*, *leiarane*); its
                // stem would be another word (*leiar* → *lei*).
                let stem = (!form.ends_with("ar")).then(|| self.stem(&form));
                for term in std::iter::once(form).chain(stem) {
                    if !terms.contains(&term) {
                        terms.push(term);
                    }
                }
            }
        }
        terms
    }

    /// Whether a query word finds a word: as an inflected form, or as a part of a compound.
    pub fn matches(&self, query: &str, word: &str) -> bool {
        let terms = self.word_terms(&word.to_lowercase());
        self.query_terms(query)
            .iter()
            .any(|q| *q == terms.surface || *q == terms.stem || terms.parts.iter().any(|p| p == q))
    }
}

fn is_vowel(c: char) -> bool {
    "aeiouyæøå".contains(c)
}

/// Endings Snowball's Norwegian stemmer removes that make a new word rather than a form of one.
fn is_derivational(ending: &str) -> bool {
    const DERIVATIONAL: [&str; 14] = [
        "ende", "endes", "ande", "lig", "elig", "leg", "eleg", "ig", "eig", "els", "lov", "elov",
        "slov", "ast",
    ];
    ending.starts_with("het") || DERIVATIONAL.contains(&ending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_char_offsets_and_norwegian_letters() {
        let tokens = Analyzer::tokens("Å se 🤦🏼‍♀️ Tillits-reformen!");
        let words: Vec<_> = tokens.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["å", "se", "tillits", "reformen"]);
        assert_eq!((tokens[2].start_char, tokens[2].end_char), (11, 18));
    }

    #[test]
    fn nynorsk_and_bokmal_inflections_meet() {
        let nb = Analyzer::new(Language::Nb);
        for (query, word) in [
            ("tillit", "tilliten"),
            ("tillit", "tilliter"),
            ("styring", "styringa"),
            ("styring", "styringen"),
            ("politikar", "politikarane"),
        ] {
            assert!(nb.matches(query, word), "{query} → {word}");
        }
    }

    #[test]
    fn a_and_aa_stay_apart() {
        let nb = Analyzer::new(Language::Nb);
        assert!(!nb.matches("mål", "malen"));
        assert!(!nb.matches("mal", "målet"));
        assert!(nb.matches("mål", "målet"));
    }

    #[test]
    fn danish_and_swedish_use_their_own_stemmers() {
        assert!(Analyzer::new(Language::Da).matches("ledelse", "ledelsen"));
        assert!(Analyzer::new(Language::Sv).matches("kommun", "kommunerna"));
    }
}
