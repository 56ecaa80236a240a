//! The analysis tables (migration `0008_analysis.sql`): quote choices and framework cells.
