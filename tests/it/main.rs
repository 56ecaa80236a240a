//! Integration tests: one binary over real project files in temp dirs.

mod analysis;
mod chart;
mod cli;
mod codebook;
mod codings;
mod corpus;
mod crash;
mod document_storage;
mod documents;
mod excerpts;
mod export;
mod fixtures;
mod history;
mod import_flow;
mod informants;
mod memos;
mod project;
mod recent;
mod search;
mod search_coding;
mod search_pairs;
mod util;
mod zipbomb;
