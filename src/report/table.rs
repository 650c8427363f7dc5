//! Aligned text, at most 80 columns wide.

use std::io::{self, Write};

use crate::format::wrap;

use super::Report;
use super::sections::{headline, sections};

const WIDTH: usize = 80;
const LABEL: usize = 22;

pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "headroom plan · {}", headline(r))?;
    for s in sections(r) {
        writeln!(out)?;
        writeln!(out, "{}", s.title)?;
        for (label, value) in &s.rows {
            for (i, line) in wrap(value, WIDTH - LABEL - 2).iter().enumerate() {
                let l = if i == 0 { label.as_str() } else { "" };
                writeln!(out, "  {l:<LABEL$}{line}")?;
            }
        }
    }
    if !r.plan.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "Warnings")?;
        for w in &r.plan.warnings {
            for (i, line) in wrap(&w.message, WIDTH - 4).iter().enumerate() {
                writeln!(out, "{}{line}", if i == 0 { "  ! " } else { "    " })?;
            }
        }
    }
    if r.explain {
        writeln!(out)?;
        writeln!(out, "How each figure is computed")?;
        for e in &r.plan.explain {
            writeln!(out, "  {} ({})", e.label, e.id)?;
            for line in e.text().lines().flat_map(|l| wrap(l, WIDTH - 4)) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}
