//! Subcommands kept out of `main.rs`, one module per area: argument structs (clap) and their
//! handlers. Glue only, like `main.rs`.

pub mod analysis;
pub mod chart;
pub mod export;
pub mod query;
