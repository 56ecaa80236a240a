//! Tolk's core: one-file projects of interview transcripts, their speaker turns, informants and
//! attributes, and everything computed from them. The core knows nothing about Tauri or the UI;
//! the `tolk` CLI and the desktop shell are thin layers over [`Project`].
//!
//! Reading order: [`text`] (normalisation and offset units) → [`import`] (files to paragraphs) →
//! [`turns`] (paragraphs to speaker turns and header attributes) → [`codebook`] (codes as a tree,
//! codebook templates) → [`coding`] (coded spans and excerpt retrieval, pure) → [`store`] (the
//! SQLite project file) → [`project`] (the facade that keeps them consistent). `ARCHITECTURE.md`
//! walks through them.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("demo.tolk");
//! let mut project = tolk::Project::create(&path).unwrap();
//! let text = "Rolle: enhetsleder\nKommune: Bodø\nDato: 05.09.2024\n\nI: Hva betyr tillit?\nIP1: Mye.\n";
//! let outcome = project
//!     .import_bytes("intervju.txt", text.as_bytes(), &tolk::ImportOptions::default())
//!     .unwrap();
//! let doc = project.document(&outcome.name).unwrap();
//! assert_eq!(doc.turns.len(), 2);
//! assert_eq!(doc.turn_text(&doc.turns[1]), "Mye.");
//! project.close().unwrap();
//! ```

pub mod analysis;
pub mod attribute_csv;
pub mod chart;
pub mod codebook;
pub mod coding;
pub mod collate;
pub mod error;
pub mod export;
pub mod import;
pub mod index;
pub mod language;
pub mod memo;
pub mod preferences;
pub mod project;
pub mod recent;
pub mod store;
pub mod text;
pub mod turns;

pub use codebook::{CodeSummary, CodebookReport, Coder};
pub use error::{Error, Result};
pub use import::{Format, ImportError, ImportWarning};
pub use memo::{Memo, MemoFilter, MemoKind, MemoSummary, MemoTarget};
pub use project::{ImportOptions, Project};
