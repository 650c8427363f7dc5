//! Non-interactive output of a plan: aligned text, Markdown, JSON and CSV, over `&mut dyn Write`.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod sections;
pub mod table;

use std::io::{self, Write};

use crate::engine::plan::Plan;
use crate::engine::scenario::Scenario;

/// What a report describes: the plan, the scenario it came from, and the preset's name.
pub struct Report<'a> {
    pub preset: &'a str,
    pub scenario: &'a Scenario,
    pub plan: &'a Plan,
    pub explain: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for the terminal (80 columns)
    Table,
    /// Markdown for a design document
    Markdown,
    /// JSON with stable keys (docs/json.md)
    Json,
    /// One `key,value` row per figure
    Csv,
}

pub fn write(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::write(report, out),
        Format::Markdown => markdown::write(report, out),
        Format::Json => json::write(report, out),
        Format::Csv => csv::write(report, out),
    }
}
