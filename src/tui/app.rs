//! The planner's state and the one place it changes: `App::update(Action)`.

use crossterm::event::Event;
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use std::path::PathBuf;

use crate::catalog::{Catalog, NodeType};
use crate::engine::params::{self, Kind, Param, plain_number};
use crate::engine::plan::Plan;
use crate::engine::scenario::Scenario;
use crate::presets::store::Store;

mod files;

use files::{export_format, save_name_problem};

use super::action::Action;
use super::inputs;
use super::layout::{self, Pane};
use super::panes;
use super::theme::Theme;
use crate::figure::Figure;

/// A dialog over the panes.
#[derive(Clone, Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    /// The keys, scrolled down this many lines.
    Help(u16),
    /// The formula behind a figure id, or an input key's help.
    Explain(String),
    Warnings,
    Edit(Editor),
    Picker(Picker),
    /// The preset picker: built-in and saved presets, filtered.
    Open(Opener),
    /// The name to save the scenario under, and its description.
    Save(SaveForm),
    /// The text the assumptions are filtered by, as it is typed.
    Filter(Field),
    /// The path to export the preset or plan to; its extension picks the format.
    Export(Field),
    Confirm(Confirm),
    /// What moves the bill: the tornado chart for the current scenario.
    Drivers(DriversView),
    /// The range of one numeric input, by key.
    Range(&'static str),
}

/// The Drivers overlay: its result, the selected row, and the swing it was computed at.
#[derive(Clone, Debug)]
pub struct DriversView {
    pub drivers: crate::engine::drivers::Drivers,
    pub selected: usize,
}

/// A pinned plan every figure is compared with (`b`); it stays when another preset is opened.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The preset it was pinned from, `*` when it had been changed.
    pub name: String,
    pub plan: Plan,
}

/// A free-text field with a live check.
#[derive(Clone, Debug, Default)]
pub struct Field {
    pub input: Input,
    pub error: Option<String>,
    /// The whole value is selected: the first key typed replaces it (Backspace clears it).
    pub fresh: bool,
}

impl Field {
    /// A field opened on `text`, selected so typing replaces it.
    pub fn open(text: String, error: Option<String>) -> Field {
        Field {
            input: Input::new(text),
            error,
            fresh: true,
        }
    }

    /// The field shown again after a refusal, with what was typed kept for correcting.
    pub fn refused(text: String, error: String) -> Field {
        Field {
            input: Input::new(text),
            error: Some(error),
            fresh: false,
        }
    }

    /// Applies a key: on a fresh field a character or Backspace first clears the old value.
    pub fn type_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::KeyCode;
        if std::mem::take(&mut self.fresh) {
            match key.code {
                KeyCode::Backspace | KeyCode::Delete => {
                    self.input = Input::default();
                    return;
                }
                KeyCode::Char(_) => self.input = Input::default(),
                _ => {}
            }
        }
        self.input.handle_event(&Event::Key(key));
    }
}

/// The save dialog: a name and a description; Tab moves between them.
#[derive(Clone, Debug, Default)]
pub struct SaveForm {
    pub name: Field,
    pub description: Field,
    pub on_description: bool,
}

/// The preset picker's state.
#[derive(Clone, Debug, Default)]
pub struct Opener {
    pub filter: Input,
    pub selected: usize,
    /// (name, description, built-in) of every preset that could be read.
    pub presets: Vec<(String, String, bool)>,
}

impl Opener {
    pub fn matching(&self) -> Vec<&(String, String, bool)> {
        let f = self.filter.value().to_lowercase();
        self.presets
            .iter()
            .filter(|(n, d, _)| n.to_lowercase().contains(&f) || d.to_lowercase().contains(&f))
            .collect()
    }
}

/// File I/O that `update` asks for and the event loop performs (`App::perform`), so updating the planner
/// never touches a file: random key tests can press every key, `x` included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Save {
        name: String,
        description: String,
        overwrite: bool,
    },
    Export {
        path: PathBuf,
        format: Option<crate::report::Format>,
        overwrite: bool,
    },
    Delete(String),
    /// List the built-in and saved presets for the open dialog.
    ListPresets,
    /// Read and open a preset.
    Load(String),
    /// Open the save dialog, its description read from the preset on disk.
    OpenSave,
}

/// A yes/no question and what yes does.
#[derive(Clone, Debug)]
pub struct Confirm {
    pub question: String,
    pub then: Pending,
}

#[derive(Clone, Debug)]
pub enum Pending {
    Quit,
    /// Open another preset over unsaved changes.
    Open(String),
    /// Replace a saved preset: its name and description.
    Save(String, String),
    Export(PathBuf, String),
    Delete(String),
}

/// The exact-value field for one input.
#[derive(Clone, Debug, Default)]
pub struct Editor {
    pub key: &'static str,
    pub field: Field,
}

/// The node-type picker for one pool.
#[derive(Clone, Debug, Default)]
pub struct Picker {
    pub pool: String,
    pub filter: Input,
    pub selected: usize,
}

pub struct App<'c> {
    pub catalog: &'c Catalog,
    pub preset: String,
    /// The preset as loaded: reset returns here, and `*` marks a difference from it.
    pub base: Scenario,
    pub scenario: Scenario,
    pub plan: Plan,
    /// The headroom of the plan: how many users each tier carries as provisioned (re-found every change).
    pub limits: crate::engine::limits::Limits,
    /// The plan figures are compared with, once pinned.
    pub baseline: Option<Baseline>,
    /// The swing the Drivers overlay last used.
    pub drivers_swing: f64,
    /// The plan before the last change, while its differences are highlighted.
    pub previous: Option<Plan>,
    /// The scenario before the last change, while the sliders that moved are highlighted.
    pub before: Option<Scenario>,
    pub focus: Pane,
    /// Selected row of `rows`.
    pub input: usize,
    /// First assumption row shown under the sliders.
    pub offset: usize,
    /// Selected figure in each pane.
    pub figure: [usize; 7],
    pub overlay: Overlay,
    pub(super) undo: Vec<Scenario>,
    pub status: Option<String>,
    pub quit: bool,
    /// Text for the terminal to put on the clipboard; the event loop sends it and clears it.
    pub clipboard: Option<String>,
    /// Writes asked for by the last update, for the event loop to perform.
    pub effects: Vec<Effect>,
    pub size: Rect,
    pub rows: Vec<&'static Param>,
    /// What the assumptions are filtered by (`/`); empty shows them all.
    pub filter: String,
    pub theme: Theme,
    /// Where saved presets live; `None` when there is no such place (saving is then refused).
    pub store: Option<Store>,
}

impl<'c> App<'c> {
    pub fn new(preset: &str, scenario: Scenario, catalog: &'c Catalog) -> App<'c> {
        let plan = crate::engine::plan(&scenario, catalog);
        let limits = crate::engine::limits::limits(&scenario, catalog, None);
        App {
            catalog,
            preset: preset.to_string(),
            base: scenario.clone(),
            scenario,
            plan,
            limits,
            baseline: None,
            drivers_swing: crate::engine::drivers::DEFAULT_SWING,
            previous: None,
            before: None,
            focus: Pane::Inputs,
            input: 0,
            offset: 0,
            figure: [0; 7],
            overlay: Overlay::None,
            undo: Vec::new(),
            status: None,
            quit: false,
            clipboard: None,
            effects: Vec::new(),
            size: Rect::new(0, 0, 120, 36),
            rows: inputs::rows(),
            filter: String::new(),
            theme: Theme::from_env(),
            store: None,
        }
    }

    pub fn with_store(mut self, store: Option<Store>) -> App<'c> {
        self.store = store;
        self
    }

    pub fn modified(&self) -> bool {
        self.scenario != self.base
    }

    pub fn selected_param(&self) -> &'static Param {
        self.rows[self.input.min(self.rows.len() - 1)]
    }

    /// The figure selected in an output pane.
    pub fn selected_figure(&self, pane: Pane) -> Option<Figure> {
        let ids = panes::figures(&panes::Ctx::of(self), &self.plan, pane);
        ids.get(self.figure[pane.index()].min(ids.len().saturating_sub(1)))
            .cloned()
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::ClearHighlight | Action::Resize { .. }) {
            self.status = None;
        }
        match action {
            Action::Select(by) => self.select(by),
            // ←/→ adjust only the inputs list; in an output pane they move between figures.
            Action::Adjust { direction, big } if self.focus == Pane::Inputs => {
                let p = self.selected_param();
                self.change(|s| inputs::step(p, s, direction, big));
            }
            Action::Adjust { direction, .. } => self.select(direction),
            Action::Bound { max } if self.focus == Pane::Inputs => {
                let p = self.selected_param();
                self.change(|s| inputs::to_bound(p, s, max));
            }
            Action::Bound { max } => self.select(if max { i32::MAX / 2 } else { -(i32::MAX / 2) }),
            Action::NextPane => self.focus = self.focus.shifted(1),
            Action::PrevPane => self.focus = self.focus.shifted(-1),
            Action::StartEdit => self.start_edit(),
            Action::Type(key) => self.type_key(key),
            Action::Submit => self.submit(),
            Action::Cancel if matches!(self.overlay, Overlay::Filter(_)) => {
                self.overlay = Overlay::None;
                self.apply_filter(String::new());
            }
            Action::Cancel | Action::Answer(false) => self.overlay = Overlay::None,
            Action::Filter => {
                self.focus = Pane::Inputs;
                self.overlay = Overlay::Filter(Field::open(self.filter.clone(), None));
            }
            Action::Answer(true) => self.confirmed(),
            Action::OpenSave => self.effects.push(Effect::OpenSave),
            Action::OpenPresets => self.effects.push(Effect::ListPresets),
            Action::OpenExport => {
                let name = files::export_file_name(&self.preset);
                self.overlay = Overlay::Export(Field::open(name, None));
            }
            Action::Delete => self.ask_delete(),
            Action::Copy => {
                self.clipboard = Some(self.report_text(crate::report::Format::Markdown));
                self.status = Some("copied the plan as Markdown (OSC 52)".into());
            }
            Action::Explain => self.explain(),
            Action::PinBaseline => self.pin_baseline(),
            Action::ClearBaseline => {
                self.status = Some(if self.baseline.take().is_some() {
                    "baseline cleared".into()
                } else {
                    "no baseline to clear: b pins one".into()
                });
            }
            Action::Drivers => self.open_drivers(self.drivers_swing),
            Action::OpenRange => {
                let p = self.selected_param();
                if self.focus != Pane::Inputs {
                    self.status =
                        Some("~ gives the selected input a range: select one in Inputs".into());
                } else if p.key == "commit_share" {
                    self.status = Some(
                        "commit_share takes no range: a commitment is signed once, on the point plan (D shows what its share moves)".into(),
                    );
                } else if matches!(p.kind, Kind::Number { .. }) {
                    if !self.scenario.ranges.contains_key(p.key) {
                        self.widen(p.key, 1);
                    }
                    self.overlay = Overlay::Range(p.key);
                } else {
                    self.status = Some(format!(
                        "{} is a choice, not a number: it takes no range",
                        p.label
                    ));
                }
            }
            Action::Widen(by) => {
                if let Overlay::Range(key) = self.overlay {
                    self.widen(key, by);
                }
            }
            Action::ClearRange => {
                if let Overlay::Range(key) = self.overlay {
                    self.change(|s| {
                        s.ranges.remove(key);
                    });
                    self.overlay = Overlay::None;
                    self.status = Some(format!("{key} is a single value again"));
                }
            }
            Action::Swing(by) => {
                if let Overlay::Drivers(v) = &self.overlay {
                    let swing = (v.drivers.swing + f64::from(by) * 0.05).clamp(0.05, 1.0);
                    self.open_drivers((swing * 100.0).round() / 100.0);
                }
            }
            Action::Help => self.overlay = Overlay::Help(0),
            Action::Warnings => self.overlay = Overlay::Warnings,
            Action::CycleProvider => {
                self.change(|s| s.provider = s.provider.next());
                self.status = Some(format!("priced on {}", self.scenario.provider.label()));
            }
            Action::OpenNodePicker => self.open_picker(),
            Action::Undo => match self.undo.pop() {
                Some(s) => {
                    self.before = Some(std::mem::replace(&mut self.scenario, s));
                    self.replan();
                }
                None => {
                    self.status = Some(format!(
                        "nothing to undo: {} is as opened or reset",
                        self.preset
                    ));
                }
            },
            Action::Reset => {
                let base = self.base.clone();
                self.change(|s| *s = base);
                // A boundary, like opening a preset: what is on screen is the preset as saved.
                self.undo.clear();
                self.status = Some(format!("reset to preset {}", self.preset));
            }
            Action::Quit => {
                if self.modified() {
                    let question = format!("Quit and lose your changes to {}?", self.preset);
                    self.overlay = Overlay::Confirm(Confirm {
                        question,
                        then: Pending::Quit,
                    });
                } else {
                    self.quit = true;
                }
            }
            Action::Click { row, at } => self.click(row, at),
            Action::Scroll { row, direction } => {
                if let Some(index) = self.row_at(row) {
                    self.input = index;
                    self.focus = Pane::Inputs;
                    self.update(Action::Adjust {
                        direction,
                        big: false,
                    });
                }
            }
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.keep_visible();
            }
            Action::ClearHighlight => {
                self.previous = None;
                self.before = None;
            }
        }
    }

    /// Performs the writes the last updates asked for (the event loop calls this after `update`).
    pub fn perform(&mut self) {
        for effect in std::mem::take(&mut self.effects) {
            match effect {
                Effect::Save {
                    name,
                    description,
                    overwrite,
                } => self.save(name, description, overwrite),
                Effect::Export {
                    path,
                    format,
                    overwrite,
                } => self.export(path, format, overwrite),
                Effect::Delete(name) => self.delete(&name),
                Effect::ListPresets => self.open_presets(),
                Effect::Load(name) => self.load_preset(&name),
                Effect::OpenSave => self.open_save(),
            }
        }
    }

    /// Applies a change to the scenario, remembering the old one for undo, and re-plans.
    fn change(&mut self, f: impl FnOnce(&mut Scenario)) {
        let before = self.scenario.clone();
        f(&mut self.scenario);
        carry_ranges(&before, &mut self.scenario);
        if self.scenario != before {
            self.undo.push(before.clone());
            self.before = Some(before);
            self.replan();
        }
    }

    fn replan(&mut self) {
        let plan = crate::engine::plan(&self.scenario, self.catalog);
        self.limits = crate::engine::limits::limits(&self.scenario, self.catalog, None);
        self.previous = Some(std::mem::replace(&mut self.plan, plan));
    }

    /// Widens (+1) or narrows (−1) an input's range by 10 points around its value, within the input's
    /// own bounds; narrowed to nothing, the range is removed.
    fn widen(&mut self, key: &'static str, by: i32) {
        use crate::engine::ranges::Range;
        let Some(Kind::Number { min, max, get, .. }) = params::find(key).map(|p| p.kind) else {
            return;
        };
        let v = get(&self.scenario);
        // Around a value of 0 (no cache hits, no media) a share of the value is nothing: the range
        // then grows by shares of the input's whole span, ±5 % of it a step.
        let half = |share: f64| {
            if v == 0.0 {
                share * (max - min) / 2.0
            } else {
                share * v.abs()
            }
        };
        let share = self.scenario.ranges.get(key).map_or(0.1, |r| {
            let one = half(1.0);
            if one > 0.0 {
                // The wider side: the other may be cut at the input's bound.
                ((r.high() - v).max(v - r.low()) / one).clamp(0.0, 1.0)
            } else {
                0.0
            }
        });
        let share = ((share * 10.0).round() + f64::from(by)) / 10.0;
        let width = half(share.min(1.0));
        self.change(|s| {
            if share <= 0.0 || width <= 0.0 {
                s.ranges.remove(key);
            } else {
                s.ranges.insert(
                    key.to_string(),
                    Range::Uniform((v - width).max(min), (v + width).min(max)),
                );
            }
        });
    }

    fn pin_baseline(&mut self) {
        let star = if self.modified() { "*" } else { "" };
        let name = format!("{}{star}", self.preset);
        self.status = Some(format!(
            "baseline: {name} at {}/mo; every figure now shows its change (B clears)",
            crate::format::money(self.plan.cost.monthly_usd)
        ));
        self.baseline = Some(Baseline {
            name,
            plan: self.plan.clone(),
        });
    }

    fn open_drivers(&mut self, swing: f64) {
        let selected = match &self.overlay {
            Overlay::Drivers(v) => v.selected,
            _ => 0,
        };
        let drivers = crate::engine::drivers::drivers(&self.scenario, self.catalog, swing);
        self.drivers_swing = drivers.swing;
        self.overlay = Overlay::Drivers(DriversView { drivers, selected });
    }

    /// Enter in the Drivers overlay: the input of the selected row, selected in the inputs list.
    fn jump_to_driver(&mut self, key: &str) {
        self.overlay = Overlay::None;
        if !self.rows.iter().any(|p| p.key == key) {
            self.apply_filter(String::new());
        }
        if let Some(i) = self.rows.iter().position(|p| p.key == key) {
            self.input = i;
            self.focus = Pane::Inputs;
            self.keep_visible();
            self.status = Some(format!("{key}: ←→ to change it"));
        }
    }

    fn select(&mut self, by: i32) {
        match &mut self.overlay {
            Overlay::Picker(p) => {
                let n = picker_items(self.catalog, &self.scenario, p).len();
                p.selected = step_index(p.selected, by, n);
                return;
            }
            Overlay::Open(o) => {
                o.selected = step_index(o.selected, by, o.matching().len());
                return;
            }
            Overlay::Help(scroll) => {
                let lines = super::popups::help_lines(self.size.width).len();
                *scroll = step_index(usize::from(*scroll), by, lines) as u16;
                return;
            }
            Overlay::Drivers(v) => {
                v.selected = step_index(v.selected, by, v.drivers.drivers.len());
                return;
            }
            Overlay::None => {}
            _ => return,
        }
        if self.focus == Pane::Inputs {
            self.input = step_index(self.input, by, self.rows.len());
            self.keep_visible();
        } else {
            let ctx = panes::Ctx::of(self);
            let n = if self.focus == Pane::Warnings {
                // Warnings scroll by line: as many as the pane shows at its width.
                let width = layout::areas(self.size, self.focus, self.plan.node_pools.len())
                    .pane(Pane::Warnings)
                    .map_or(60, |r| layout::inner(r).width);
                panes::rows(&ctx, &self.plan, Pane::Warnings, width).len()
            } else {
                panes::figures(&ctx, &self.plan, self.focus).len()
            };
            let slot = &mut self.figure[self.focus.index()];
            *slot = step_index(*slot, by, n);
        }
    }

    /// Shows only the assumptions whose label or key contains `text` (the sliders always), selecting the first.
    fn apply_filter(&mut self, text: String) {
        let current = self.selected_param().key;
        self.rows = inputs::rows_matching(&text);
        self.filter = text;
        self.offset = 0;
        self.input = if self.filter.is_empty() {
            self.rows.iter().position(|p| p.key == current).unwrap_or(0)
        } else if self.rows.len() > inputs::SLIDERS {
            inputs::SLIDERS
        } else {
            0
        };
        self.keep_visible();
    }

    /// Scrolls the assumptions so the selected one is on screen.
    fn keep_visible(&mut self) {
        let Some(pane) =
            layout::areas(self.size, Pane::Inputs, self.plan.node_pools.len()).pane(Pane::Inputs)
        else {
            return;
        };
        let visible = layout::assumption_rows(pane).max(1);
        if self.input < inputs::SLIDERS {
            return;
        }
        let i = self.input - inputs::SLIDERS;
        if i < self.offset {
            self.offset = i;
        }
        // Headings take lines too: scroll until the selected input is among those drawn.
        while self.offset < i
            && !inputs::assumption_lines(&self.rows, self.offset, visible)
                .contains(&inputs::Line::Input(self.input))
        {
            self.offset += 1;
        }
    }

    /// Which input a visible row of the inputs pane shows (row 0 is the first slider).
    fn row_at(&self, row: u16) -> Option<usize> {
        let row = row as usize;
        match row {
            r if r < inputs::SLIDERS => Some(r),
            r if r == inputs::SLIDERS => None,
            r => {
                let lines = inputs::assumption_lines(&self.rows, self.offset, r);
                match lines.get(r - inputs::SLIDERS - 1) {
                    Some(inputs::Line::Input(i)) => Some(*i),
                    _ => None,
                }
            }
        }
    }

    fn click(&mut self, row: u16, at: Option<u16>) {
        let Some(index) = self.row_at(row) else {
            return;
        };
        self.focus = Pane::Inputs;
        self.input = index;
        let Some(col) = at else { return };
        let Some(pane) =
            layout::areas(self.size, Pane::Inputs, self.plan.node_pools.len()).pane(Pane::Inputs)
        else {
            return;
        };
        let (label, bar, _) = layout::slider_columns(layout::inner(pane).width);
        if bar == 0 || col <= label || col > label + bar {
            return;
        }
        let fraction = f64::from(col - label - 1) / f64::from(bar.saturating_sub(1).max(1));
        let p = self.selected_param();
        self.change(|s| inputs::set_position(p, s, fraction));
    }

    fn start_edit(&mut self) {
        if self.focus != Pane::Inputs {
            self.explain();
            return;
        }
        let p = self.selected_param();
        let text = match p.kind {
            Kind::Number { get, .. } => plain_number(get(&self.scenario)).replace(',', ""),
            Kind::Choice { get, .. } => get(&self.scenario).to_string(),
            Kind::Flag { get, .. } => get(&self.scenario).to_string(),
            Kind::Text { get, .. } => get(&self.scenario).unwrap_or_default(),
        };
        self.overlay = Overlay::Edit(Editor {
            key: p.key,
            field: Field::open(text, None),
        });
    }

    fn type_key(&mut self, key: crossterm::event::KeyEvent) {
        let event = Event::Key(key);
        match &mut self.overlay {
            Overlay::Edit(editor) => {
                let f = &mut editor.field;
                f.type_key(key);
                let mut probe = self.scenario.clone();
                f.error = params::set_key(&mut probe, editor.key, f.input.value())
                    .err()
                    .map(|e| e.to_string());
            }
            Overlay::Picker(picker) => {
                picker.filter.handle_event(&event);
                picker.selected = 0;
            }
            Overlay::Open(opener) => {
                opener.filter.handle_event(&event);
                opener.selected = 0;
            }
            Overlay::Save(form) => {
                use crossterm::event::KeyCode;
                match key.code {
                    KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                        form.on_description = !form.on_description;
                    }
                    _ if form.on_description => form.description.type_key(key),
                    _ => {
                        form.name.type_key(key);
                        form.name.error = save_name_problem(form.name.input.value());
                    }
                }
            }
            Overlay::Export(field) => {
                field.type_key(key);
                field.error = export_format(field.input.value()).err();
            }
            Overlay::Filter(field) => {
                field.type_key(key);
                let text = field.input.value().to_string();
                self.apply_filter(text);
            }
            _ => {}
        }
    }

    fn submit(&mut self) {
        match std::mem::take(&mut self.overlay) {
            Overlay::Drivers(v) => {
                if let Some(d) = v.drivers.drivers.get(v.selected) {
                    self.jump_to_driver(d.key);
                }
            }
            Overlay::Edit(editor) => {
                let mut next = self.scenario.clone();
                let typed = editor.field.input.value().to_string();
                match params::set_key(&mut next, editor.key, &typed) {
                    Ok(()) => self.change(|s| *s = next),
                    Err(e) => {
                        self.overlay = Overlay::Edit(Editor {
                            key: editor.key,
                            field: Field::refused(typed, e.to_string()),
                        });
                    }
                }
            }
            Overlay::Picker(picker) => {
                let items = picker_items(self.catalog, &self.scenario, &picker);
                if let Some(node) = items.get(picker.selected) {
                    let name = node.map_or(crate::engine::AUTO, |n| &*n.name).to_string();
                    let pool = picker.pool.clone();
                    self.change(|s| {
                        s.node_types.insert(pool, name.clone());
                    });
                    self.status = Some(format!("pool {} on {name}", picker.pool));
                }
            }
            Overlay::Confirm(confirm) => {
                self.overlay = Overlay::Confirm(confirm);
                self.confirmed();
            }
            Overlay::Open(opener) => {
                let chosen = opener
                    .matching()
                    .get(opener.selected)
                    .map(|(n, _, _)| n.clone());
                match chosen {
                    // Like quitting, opening another preset over unsaved changes asks first.
                    Some(name) if self.modified() => {
                        self.overlay = Overlay::Confirm(Confirm {
                            question: format!(
                                "Open {name} and lose your changes to {}?",
                                self.preset
                            ),
                            then: Pending::Open(name),
                        });
                    }
                    Some(name) => self.effects.push(Effect::Load(name)),
                    None => {}
                }
            }
            Overlay::Filter(field) => {
                let text = field.input.value().to_string();
                self.apply_filter(text);
                if !self.filter.is_empty() {
                    self.status = Some(format!(
                        "{} assumption(s) match \"{}\" · / then Esc shows all",
                        self.rows.len() - inputs::SLIDERS,
                        self.filter
                    ));
                }
            }
            Overlay::Save(form) => self.effects.push(Effect::Save {
                name: form.name.input.value().trim().to_string(),
                description: form.description.input.value().trim().to_string(),
                overwrite: false,
            }),
            Overlay::Export(field) => {
                let path = field.input.value().trim().to_string();
                match export_format(&path) {
                    Ok(format) => self.effects.push(Effect::Export {
                        path: PathBuf::from(&path),
                        format,
                        overwrite: false,
                    }),
                    Err(e) => {
                        self.overlay = Overlay::Export(Field::refused(path, e));
                    }
                }
            }
            _ => {}
        }
    }

    fn explain(&mut self) {
        if matches!(self.overlay, Overlay::Drivers(_)) {
            self.overlay = Overlay::Explain("drivers".into());
            return;
        }
        if self.focus == Pane::Warnings {
            self.overlay = Overlay::Warnings;
            return;
        }
        let id = if self.focus == Pane::Inputs {
            Some(format!("input.{}", self.selected_param().key))
        } else {
            self.selected_figure(self.focus)
                .map(|f| f.id().into_owned())
        };
        if let Some(id) = id {
            self.overlay = Overlay::Explain(id);
        }
    }

    fn open_picker(&mut self) {
        let pool = self
            .selected_figure(Pane::Nodes)
            .filter(|_| self.focus == Pane::Nodes)
            .and_then(|f| f.pool().map(str::to_string))
            .unwrap_or_else(|| self.scenario.app_pool.clone());
        let current = match self.scenario.node_types.get(&pool) {
            Some(n) if n == crate::engine::AUTO => Some(n.clone()),
            _ => self
                .plan
                .node_pools
                .iter()
                .find(|p| *p.name == *pool)
                .map(|p| p.node_type.to_string()),
        };
        let mut picker = Picker {
            pool,
            filter: Input::default(),
            selected: 0,
        };
        if let Some(name) = current {
            let items = picker_items(self.catalog, &self.scenario, &picker);
            picker.selected = items
                .iter()
                .position(|n| n.map_or(crate::engine::AUTO, |n| &*n.name) == name)
                .unwrap_or(0);
        }
        self.overlay = Overlay::Picker(picker);
    }
}

/// The node types the picker lists, filtered by the typed text: `None` (auto: headroom chooses) first,
/// then the provider's types from small to large.
pub fn picker_items<'a>(
    catalog: &'a Catalog,
    s: &Scenario,
    picker: &Picker,
) -> Vec<Option<&'a NodeType>> {
    let filter = picker.filter.value().to_lowercase();
    let mut items: Vec<&NodeType> = catalog
        .prices(s.provider)
        .nodes
        .iter()
        .filter(|n| n.name.to_lowercase().contains(&filter))
        .collect();
    items.sort_by(|a, b| {
        a.vcpu
            .total_cmp(&b.vcpu)
            .then(a.memory_gib.total_cmp(&b.memory_gib))
            .then(a.name.cmp(&b.name))
    });
    let auto = crate::engine::AUTO.contains(&filter).then_some(None);
    auto.into_iter()
        .chain(items.into_iter().map(Some))
        .collect()
}

/// A ranged input moved by a slider step or a click takes its range along, so the band stays around
/// the value the slider shows (typing a single value has already removed the range).
fn carry_ranges(before: &Scenario, after: &mut Scenario) {
    let point = after.clone();
    for (key, range) in &mut after.ranges {
        if before.ranges.get(key) != Some(range) {
            continue;
        }
        if let Some(Kind::Number {
            min,
            max,
            get,
            scale,
            ..
        }) = params::find(key).map(|p| p.kind)
        {
            let (from, to) = (get(before), get(&point));
            if from != to {
                *range = range.moved(from, to, scale == params::Scale::Log, (min, max));
            }
        }
    }
}

fn step_index(i: usize, by: i32, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    (i as i64 + i64::from(by)).clamp(0, n as i64 - 1) as usize
}
