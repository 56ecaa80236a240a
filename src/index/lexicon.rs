//! The Norwegian word list compounds are split with: word forms and how frequent they are,
//! compiled into the binary (`lexicon-nb.tsv.gz`, built by `tools/lexicon/build.py` from wordfreq,
//! CC BY-SA 4.0; see THIRD-PARTY.md). Loaded once, on first use.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

const DATA: &[u8] = include_bytes!("lexicon-nb.tsv.gz");

/// Word forms with their frequency bucket: bucket `b` is a frequency of about 10^(−b/100), so a
/// smaller bucket is a more frequent word.
pub(crate) struct Lexicon {
    forms: HashMap<Box<str>, u16>,
    /// The most frequent bucket among the forms that stem to each stem, so an inflected form the
    /// list lacks (nynorsk *tenesta*) is still known through its stem.
    stems: HashMap<Box<str>, u16>,
}

impl Lexicon {
    /// The Norwegian lexicon.
    pub(crate) fn norwegian() -> &'static Lexicon {
        static NB: OnceLock<Lexicon> = OnceLock::new();
        NB.get_or_init(|| Lexicon::parse(&gunzip(DATA), &Stemmer::create(Algorithm::Norwegian)))
    }

    fn parse(tsv: &str, stemmer: &Stemmer) -> Lexicon {
        let mut forms = HashMap::with_capacity(320_000);
        let mut stems: HashMap<Box<str>, u16> = HashMap::with_capacity(260_000);
        for line in tsv.lines() {
            let Some((word, bucket)) = line.split_once('\t') else {
                continue;
            };
            let Ok(bucket) = bucket.parse::<u16>() else {
                continue;
            };
            forms.insert(Box::from(word), bucket);
            let stem = stemmer.stem(word);
            stems
                .entry(Box::from(stem.as_ref()))
                .and_modify(|b| *b = (*b).min(bucket))
                .or_insert(bucket);
        }
        Lexicon { forms, stems }
    }

    /// The bucket of a word form in the list.
    pub(crate) fn form(&self, word: &str) -> Option<u16> {
        self.forms.get(word).copied()
    }

    /// The bucket of the most frequent listed form with this stem.
    pub(crate) fn stem(&self, stem: &str) -> Option<u16> {
        self.stems.get(stem).copied()
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("the compiled-in lexicon is valid gzip'd UTF-8");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_frequent_words_and_their_stems() {
        let lex = Lexicon::norwegian();
        assert!(lex.form("tillit").is_some());
        assert!(lex.form("og").unwrap() < lex.form("tillit").unwrap());
        assert!(lex.form("xqzv").is_none());
        assert!(lex.stem("styring").is_some());
    }
}
