//! The generated Norwegian interviews the benchmarks run on (`../shared/bench/gen_corpus.py`).

use std::path::Path;
use std::process::{Command, Stdio};

/// Writes `docs` transcripts of `words_per_doc` words (the script's default when `None`) with
/// `seed` into `out`.
pub fn generate(out: &Path, docs: usize, words_per_doc: Option<u32>, seed: u32) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new("python3");
    command
        .arg(root.join("../shared/bench/gen_corpus.py"))
        .args(["--docs", &docs.to_string()]);
    if let Some(words) = words_per_doc {
        command.args(["--words-per-doc", &words.to_string()]);
    }
    let status = command
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .expect("python3 runs gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed");
}
