//! Shared helpers: where fixtures and `../shared` live, temp projects, the CLI binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("fixtures").join(rel)
}

/// A path under `../shared`, which CI lays beside the checkout (read-only). Under CI the file
/// must exist; elsewhere a missing one fails too, naming it, since no test may silently skip.
pub fn shared(rel: &str) -> PathBuf {
    let path = repo().join("..").join("shared").join(rel);
    assert!(
        path.exists(),
        "missing {}: the tests need ../shared beside the repository",
        path.display()
    );
    path
}

/// A temp dir with a fresh project in it; `TOLK_CACHE_DIR` points into the dir too.
pub struct TempProject {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempProject {
    pub fn new() -> TempProject {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.tolk");
        tolk::Project::create(&path)
            .expect("create project")
            .close()
            .expect("close");
        TempProject { dir, path }
    }

    pub fn open(&self) -> tolk::Project {
        tolk::Project::open(&self.path).expect("open project")
    }
}

/// Runs the `tolk` binary with a private cache dir.
pub fn tolk(args: &[&dyn AsRef<std::ffi::OsStr>], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args.iter().map(|a| a.as_ref()))
        .env("TOLK_CACHE_DIR", cache)
        .output()
        .expect("run tolk")
}

/// stdout as UTF-8.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

/// Generates `docs` transcripts with `../shared/bench/gen_corpus.py` into `out`.
pub fn gen_corpus(docs: usize, words: usize, out: &Path) {
    let status = Command::new("python3")
        .arg(shared("bench/gen_corpus.py"))
        .args([
            "--docs",
            &docs.to_string(),
            "--words-per-doc",
            &words.to_string(),
        ])
        .args(["--seed", "1", "--out"])
        .arg(out)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed");
}
