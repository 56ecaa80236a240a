//! Integration tests: one binary over real project files in temp dirs.
