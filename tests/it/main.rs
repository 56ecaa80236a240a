//! Integration tests: one binary over real project files in temp dirs.

mod cli;
mod codebook;
mod corpus;
mod crash;
mod documents;
mod fixtures;
mod import_flow;
mod informants;
mod project;
mod recent;
mod util;
mod zipbomb;
