//! Markdown that pastes cleanly into a design document.

use std::io::{self, Write};

use super::Report;
use super::sections::{headline, sections};

/// Pipes and line breaks would break a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Capacity plan: {}", cell(&headline(r)))?;
    writeln!(out)?;
    writeln!(out, "## Inputs")?;
    writeln!(out)?;
    writeln!(out, "| input | value |")?;
    writeln!(out, "|---|---|")?;
    for (key, value) in super::inputs(r) {
        writeln!(out, "| {} | {} |", cell(&key), cell(&value))?;
    }
    for s in sections(r) {
        writeln!(out)?;
        writeln!(out, "## {}", s.title)?;
        writeln!(out)?;
        writeln!(out, "| figure | value |")?;
        writeln!(out, "|---|---|")?;
        for (label, value) in &s.rows {
            writeln!(out, "| {} | {} |", cell(label), cell(value))?;
        }
    }
    if !r.plan.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Warnings")?;
        writeln!(out)?;
        for w in &r.plan.warnings {
            writeln!(out, "- {} (`{}`)", w.message, w.key)?;
        }
    }
    if r.explain {
        writeln!(out)?;
        writeln!(out, "## How each figure is computed")?;
        writeln!(out)?;
        for e in &r.plan.explain {
            writeln!(
                out,
                "- **{}** (`{}`): {}",
                e.label,
                e.id,
                e.text().replace('\n', "; ")
            )?;
        }
    }
    Ok(())
}
