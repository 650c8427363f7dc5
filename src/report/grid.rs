//! A titled table of text cells with notes: what `limits`, `drivers` and `compare` print as aligned text
//! or Markdown. CSV and JSON carry raw numbers instead and are written by each report.

use std::io::{self, Write};

use crate::format::wrap;

pub struct Grid {
    pub title: String,
    /// Sentences before the table.
    pub notes: Vec<String>,
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers).
    pub right: Vec<bool>,
    /// Lines after the table drawn as they are (a chart); fenced in Markdown.
    pub chart: Vec<String>,
    /// Sentences after the table.
    pub after: Vec<String>,
}

const WIDTH: usize = 80;

pub fn table(g: &Grid, out: &mut dyn Write) -> io::Result<()> {
    for l in wrap(&g.title, WIDTH) {
        writeln!(out, "{l}")?;
    }
    paragraphs(&g.notes, out)?;
    // Past 80 columns long numbers take their compact form (`166,666,662` → `166.7 M`).
    let compacted: Vec<Vec<String>>;
    let rows = if fits(&g.head, &g.rows) {
        &g.rows
    } else {
        compacted = g
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| crate::format::compact_numbers(c))
                    .collect()
            })
            .collect();
        &compacted
    };
    let widths: Vec<usize> = (0..g.head.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([g.head[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    writeln!(out)?;
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths[i];
            if i > 0 {
                s.push_str("  ");
            }
            let cell = if g.right.get(i).copied().unwrap_or(false) {
                format!("{c:>w$}")
            } else {
                format!("{c:<w$}")
            };
            s.push_str(&cell);
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(g.head.clone()))?;
    for r in rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    if !g.chart.is_empty() {
        writeln!(out)?;
        for l in &g.chart {
            writeln!(out, "{}", l.trim_end())?;
        }
    }
    paragraphs(&g.after, out)
}

/// Whether the columns, two spaces apart, fit 80 characters.
fn fits(head: &[&str], rows: &[Vec<String>]) -> bool {
    let total: usize = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([head[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .sum();
    total + 2 * head.len().saturating_sub(1) <= WIDTH
}

fn paragraphs(items: &[String], out: &mut dyn Write) -> io::Result<()> {
    for p in items {
        writeln!(out)?;
        for l in wrap(p, WIDTH) {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

/// Pipes and line breaks would break a table cell.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

pub fn markdown(g: &Grid, inputs: &[(String, String)], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", cell(&g.title))?;
    for p in &g.notes {
        writeln!(out, "\n{p}")?;
    }
    writeln!(out)?;
    writeln!(out, "| {} |", g.head.join(" | "))?;
    let rule: Vec<&str> = (0..g.head.len())
        .map(|i| {
            if g.right.get(i).copied().unwrap_or(false) {
                "--:"
            } else {
                "---"
            }
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for r in &g.rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if !g.chart.is_empty() {
        writeln!(out, "\n```text")?;
        for l in &g.chart {
            writeln!(out, "{}", l.trim_end())?;
        }
        writeln!(out, "```")?;
    }
    for p in &g.after {
        writeln!(out, "\n{p}")?;
    }
    writeln!(out, "\n## Inputs\n")?;
    writeln!(out, "| input | value |")?;
    writeln!(out, "|---|---|")?;
    for (k, v) in inputs {
        writeln!(out, "| {} | {} |", cell(k), cell(v))?;
    }
    Ok(())
}

/// A CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv(head: &[&str], rows: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", head.join(","))?;
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

/// A number for CSV: no separators, four decimals at most.
pub fn num_raw(v: f64) -> String {
    let r = (v * 1e4).round() / 1e4 + 0.0;
    r.to_string()
}
