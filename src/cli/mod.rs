//! Subcommands kept out of `main.rs`, one module per area: argument structs and handlers.

pub mod analysis;
pub mod chart;
