//! The coding benchmark's load, shared by the benchmarks that need a coded project: 1,000
//! generated transcripts (`../shared/bench/gen_corpus.py`, seed 1, 8,000 words each) and 50,000
//! codings made deterministically: codes Zipf-distributed (weight 1/rank) over the 147 Bentzen
//! template codes in tree order, spans of one to three sentences inside informant turns, about
//! 30 % of them placed to overlap an earlier coding, two coders.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tolk::project::SpeakerRole;
use tolk::{ImportOptions, Project};

pub const SEED: u64 = 1;
pub const DOCS: usize = 1000;
pub const WORDS_PER_DOC: usize = 8000;
pub const CODINGS: usize = 50_000;
const OVERLAP_SHARE: f64 = 0.3;

/// xorshift64*: small, fast and reproducible; the benchmark needs no statistical quality.
pub struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A sentence of an informant turn, as char offsets into the document text.
#[derive(Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Code ranks drawn with weight 1/rank.
pub struct Zipf {
    weights: Vec<f64>,
    total: f64,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let weights: Vec<f64> = (1..=n).map(|r| 1.0 / r as f64).collect();
        let total = weights.iter().sum();
        Zipf { weights, total }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let mut x = rng.unit() * self.total;
        for (i, w) in self.weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        self.weights.len() - 1
    }
}

/// The coded project and what the benchmarks go on drawing from.
pub struct Coded {
    pub project: Project,
    /// Each document's GUID with the sentences of its informant turns.
    pub docs: Vec<(String, Vec<Sentence>)>,
    /// Code GUIDs in tree order.
    pub codes: Vec<String>,
    pub zipf: Zipf,
    pub rng: Rng,
    /// How long making the codings took, in seconds.
    pub setup_secs: f64,
}

/// Generates the corpus into `work`, imports it into `work/bench.tolk` and codes it.
pub fn coded_project(work: &Path) -> Coded {
    let corpus = work.join("corpus");
    crate::corpus::generate(&corpus, DOCS, Some(WORDS_PER_DOC as u32), SEED as u32);
    let path = work.join("bench.tolk");
    let mut project = Project::create_with_codebook(&path, Some("bentzen")).expect("project");
    let report = project.import_paths(&[corpus], &ImportOptions::default(), &mut |_| {});
    assert!(report.failed.is_empty());

    let codes: Vec<String> = project
        .codes()
        .unwrap()
        .into_iter()
        .map(|c| c.guid)
        .collect();
    let zipf = Zipf::new(codes.len());
    let mut rng = Rng(SEED.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);

    // Sentences of informant turns, per document.
    let docs: Vec<(String, Vec<Sentence>)> = project
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| {
            let view = project.document(&d.guid).unwrap();
            let mut sentences = Vec::new();
            for t in view
                .turns
                .iter()
                .filter(|t| t.role == SpeakerRole::Informant)
            {
                let text: Vec<char> = view.turn_text(t).chars().collect();
                let mut start = 0;
                for (i, c) in text.iter().enumerate() {
                    let ends = matches!(c, '.' | '?' | '!')
                        && text.get(i + 1).is_none_or(|n| n.is_whitespace());
                    if ends {
                        sentences.push(Sentence {
                            start: t.start_char + start,
                            end: t.start_char + i + 1,
                        });
                        start = i + 2;
                    }
                }
            }
            (d.guid, sentences)
        })
        .collect();

    let coders = ["Kari", "Ola"];
    let mut made: Vec<(usize, usize, usize)> = Vec::with_capacity(CODINGS); // (doc, sentence, len)
    let started = Instant::now();
    while made.len() < CODINGS {
        let (doc, first, len) = if !made.is_empty() && rng.unit() < OVERLAP_SHARE {
            // Overlap an earlier coding: start inside its sentences.
            let (doc, first, len) = made[rng.below(made.len())];
            (doc, first + rng.below(len), 1 + rng.below(3))
        } else {
            let doc = rng.below(docs.len());
            (doc, rng.below(docs[doc].1.len().max(1)), 1 + rng.below(3))
        };
        let sentences = &docs[doc].1;
        if sentences.is_empty() {
            continue;
        }
        let first = first.min(sentences.len() - 1);
        let last = (first + len - 1).min(sentences.len() - 1);
        let (start, end) = (sentences[first].start, sentences[last].end);
        let code = &codes[zipf.sample(&mut rng)];
        let coder = coders[rng.below(2)];
        project
            .code_span(&docs[doc].0, code, start, end, Some(coder))
            .expect("coding");
        made.push((doc, first, last - first + 1));
    }
    Coded {
        project,
        docs,
        codes,
        zipf,
        rng,
        setup_secs: started.elapsed().as_secs_f64(),
    }
}

/// The short hash of the commit the benchmark runs at.
pub fn commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
