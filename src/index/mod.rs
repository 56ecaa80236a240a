//! Norwegian-aware text analysis for search: how a transcript's words and a query's words become
//! index terms. Lower-casing keeps å, æ and ø; Snowball stemmers give inflections (bokmål and
//! nynorsk share the Norwegian one; Danish and Swedish documents use their own); a word list
//! splits Norwegian compounds so that a word finds the compounds it is a real part of.
//!
//! The tantivy index built from these terms is derived data (see `conventions.md`): it is always
//! rebuilt from the project file.

mod analyzer;
mod decompound;
mod engine;
mod lexicon;
mod matcher;
pub mod query;
mod variant;

pub use analyzer::{Analyzer, Token, WordTerms};
pub use engine::{decides, EngineError, SearchIndex, Unit, UnitRef};
pub use matcher::{Matcher, UnitFacts};
