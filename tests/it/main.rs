//! Integration tests: one binary over real project files in temp dirs.

mod cli;
mod codebook;
mod codings;
mod corpus;
mod crash;
mod documents;
mod excerpts;
mod fixtures;
mod import_flow;
mod informants;
mod memos;
mod project;
mod recent;
mod util;
mod zipbomb;
