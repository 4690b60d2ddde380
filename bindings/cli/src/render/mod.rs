//! Renderers of a report.

pub mod table;
