//! Where everything goes. One pure function of the terminal size, shared by drawing and the mouse.
//!
//! Wide (≥ 100 × 28):
//! ```text
//! ┌ header: preset · provider/region · $/month ─────────────────────────────────┐
//! │ Inputs           │ Compute              │ Database                        │
//! │ 5 sliders        │                      ├─────────────────────────────────┤
//! │ ── assumptions ──│──────────────────────│ Node pools                      │
//! │ (scrolls)        │ Media processing     ├─────────────────────────────────┤
//! │                  ├──────────────────────│ Cost (bars, growth sparkline)   │
//! │                  │ Warnings             │                                 │
//! └ footer: the keys of the focused pane ───────────────────────────────────────┘
//! ```
//! Narrow (below 100 × 28): header, a tab bar, then on the Inputs tab the sliders above a live one-line
//! summary of every pane (Tab opens one pane in full); footer.

use ratatui::layout::{Constraint, Layout, Rect};

/// The panes, in focus (Tab) order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pane {
    #[default]
    Inputs,
    Compute,
    Database,
    Media,
    Nodes,
    Cost,
    Warnings,
}

impl Pane {
    pub const ALL: [Pane; 7] = [
        Pane::Inputs,
        Pane::Compute,
        Pane::Database,
        Pane::Media,
        Pane::Nodes,
        Pane::Cost,
        Pane::Warnings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Inputs => "Inputs",
            Pane::Compute => "Compute",
            Pane::Database => "Database",
            Pane::Media => "Media processing",
            Pane::Nodes => "Node pools",
            Pane::Cost => "Cost",
            Pane::Warnings => "Warnings",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Pane::Media => "Media",
            Pane::Nodes => "Nodes",
            other => other.title(),
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn shifted(self, by: i32) -> Pane {
        let n = Pane::ALL.len() as i32;
        Pane::ALL[(self.index() as i32 + by).rem_euclid(n) as usize]
    }
}

/// The narrow layout's summary box: six lines and its border.
pub const SUMMARY_HEIGHT: u16 = 8;

/// Below this the planner shows one pane at a time.
pub const WIDE_MIN: (u16, u16) = (100, 28);

pub fn is_wide(area: Rect) -> bool {
    area.width >= WIDE_MIN.0 && area.height >= WIDE_MIN.1
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub footer: Rect,
    pub tabs: Option<Rect>,
    /// The narrow layout's summary of every pane, under the inputs.
    pub summary: Option<Rect>,
    panes: [Option<Rect>; 7],
}

impl Areas {
    pub fn pane(&self, p: Pane) -> Option<Rect> {
        self.panes[p.index()]
    }
}

/// `pools` is how many node pools the plan has, so their pane is only as tall as it needs.
pub fn areas(area: Rect, focus: Pane, pools: usize) -> Areas {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut out = Areas {
        header,
        footer,
        ..Areas::default()
    };
    if !is_wide(area) {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        out.tabs = Some(tabs);
        // Every pane stays live: the inputs share the screen with a line per pane while there is room
        // for the five sliders as well.
        if focus == Pane::Inputs && pane.height >= SUMMARY_HEIGHT + 8 {
            let [inputs, summary] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(SUMMARY_HEIGHT)])
                    .areas(pane);
            out.panes[focus.index()] = Some(inputs);
            out.summary = Some(summary);
        } else {
            out.panes[focus.index()] = Some(pane);
        }
        return out;
    }
    let [inputs, middle, right] = Layout::horizontal([
        Constraint::Percentage(32),
        Constraint::Percentage(34),
        Constraint::Percentage(34),
    ])
    .areas(body);
    let [compute, media, warnings] = Layout::vertical([
        Constraint::Length(13),
        Constraint::Length(7),
        Constraint::Min(3),
    ])
    .areas(middle);
    let nodes_height = (3 * pools as u16 + 3).min(12);
    let [database, nodes, cost] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(nodes_height),
        Constraint::Min(8),
    ])
    .areas(right);
    for (p, r) in [
        (Pane::Inputs, inputs),
        (Pane::Compute, compute),
        (Pane::Media, media),
        (Pane::Warnings, warnings),
        (Pane::Database, database),
        (Pane::Nodes, nodes),
        (Pane::Cost, cost),
    ] {
        out.panes[p.index()] = Some(r);
    }
    out
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x + 1.min(r.width),
        y: r.y + 1.min(r.height),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Columns of a slider row: (label, bar, value) widths, with one space between each.
pub fn slider_columns(width: u16) -> (u16, u16, u16) {
    let value = 10.min(width);
    // A 16-column label while an 8-cell bar still fits beside it, else share the space.
    let mut label = 16.min(width.saturating_sub(value + 2 + 8));
    if label < 10 {
        label = width.saturating_sub(value) / 2;
    }
    let bar = width.saturating_sub(label + value + 2);
    if bar < 4 {
        (width.saturating_sub(value + 1).min(label), 0, value)
    } else {
        (label, bar, value)
    }
}

/// How many assumption rows fit below the sliders and their separator in an inputs pane of this height.
pub fn assumption_rows(pane: Rect) -> usize {
    (inner(pane).height as usize).saturating_sub(super::inputs::SLIDERS + 1)
}
