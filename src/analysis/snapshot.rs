//! The lean in-memory model analysis computes over.

/// What analysis keeps between calls on one project handle.
#[derive(Default)]
#[allow(dead_code)] // filled in next
pub(crate) struct Cache {}
