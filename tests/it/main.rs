//! Integration tests: one binary over real project files in temp dirs.

mod cli;
mod codebook;
mod corpus;
mod crash;
mod fixtures;
mod project;
mod util;
mod zipbomb;
