//! Presets and files from the planner: save, open, export and delete, each asking before it replaces
//! or removes anything.

use std::path::PathBuf;

use tui_input::Input;

use crate::presets::store::{SaveError, check_name, write_atomic};
use crate::presets::{self, Preset};
use crate::report::{self, Format, Report};

use super::{App, Confirm, Effect, Field, Opener, Overlay, Pending, SaveForm};

impl App<'_> {
    /// Does what a yes to the open question asked for.
    pub(super) fn confirmed(&mut self) {
        let Overlay::Confirm(confirm) = std::mem::take(&mut self.overlay) else {
            return;
        };
        let effect = match confirm.then {
            Pending::Quit => {
                self.quit = true;
                return;
            }
            Pending::Save(name, description) => Effect::Save {
                name,
                description,
                overwrite: true,
            },
            Pending::Export(path, format) => match export_format(&format) {
                Ok(format) => Effect::Export {
                    path,
                    format,
                    overwrite: true,
                },
                Err(e) => {
                    self.status = Some(e);
                    return;
                }
            },
            Pending::Delete(name) => Effect::Delete(name),
            Pending::Open(name) => Effect::Load(name),
        };
        self.effects.push(effect);
    }

    pub(super) fn delete(&mut self, name: &str) {
        let result = self.store.as_ref().map(|s| s.delete(name));
        self.status = Some(match result {
            Some(Ok(path)) => format!("deleted {} (still open: s saves it again)", path.display()),
            Some(Err(e)) => e.to_string(),
            None => "there is no preset directory".into(),
        });
    }

    pub(super) fn open_save(&mut self) {
        let name = if presets::is_builtin(&self.preset) {
            String::new()
        } else {
            self.preset.clone()
        };
        let error = save_name_problem(&name);
        self.overlay = Overlay::Save(SaveForm {
            name: Field::open(name, error),
            description: Field::open(self.description(), None),
            on_description: false,
        });
    }

    pub(super) fn save(&mut self, name: String, description: String, overwrite: bool) {
        let refused = |name: String, description: String, problem: String| {
            Overlay::Save(SaveForm {
                name: Field::refused(name, problem),
                description: Field::open(description, None),
                on_description: false,
            })
        };
        if let Some(problem) = save_name_problem(&name) {
            self.overlay = refused(name, description, problem);
            return;
        }
        if crate::format::control_char(&description).is_some() {
            self.overlay = refused(
                name,
                String::new(),
                "the description may not contain control characters".into(),
            );
            return;
        }
        let Some(store) = &self.store else {
            self.status =
                Some("there is no preset directory: set HEADROOM_DATA_DIR to save".into());
            return;
        };
        let preset = Preset {
            version: presets::VERSION,
            name: name.clone(),
            description: description.clone(),
            scenario: self.scenario.clone(),
        };
        match store.save(&preset, overwrite) {
            Ok(path) => {
                store.set_last_used(&name);
                self.preset = name;
                self.base = self.scenario.clone();
                self.status = Some(format!("saved {}", path.display()));
            }
            Err(SaveError::Exists(_)) => {
                let question = format!("Replace the saved preset {name}?");
                self.overlay = Overlay::Confirm(Confirm {
                    question,
                    then: Pending::Save(name, description),
                });
            }
            Err(SaveError::Refused(e)) => {
                self.overlay = refused(name, description, e.to_string());
            }
        }
    }

    pub(super) fn open_presets(&mut self) {
        let mut list: Vec<(String, String, bool)> = presets::builtin_names()
            .filter_map(presets::builtin)
            .map(|p| (p.name, p.description, true))
            .collect();
        if let Some(store) = &self.store {
            let (saved, problems) = store.list();
            list.extend(saved.into_iter().map(|s| (s.name, s.description, false)));
            if let Some(first) = problems.first() {
                self.status = Some(format!(
                    "skipped {} unreadable file(s): {first}",
                    problems.len()
                ));
            }
        }
        let selected = list
            .iter()
            .position(|(n, _, _)| *n == self.preset)
            .unwrap_or(0);
        self.overlay = Overlay::Open(Opener {
            filter: Input::default(),
            selected,
            presets: list,
        });
    }

    /// The plan in a report format, with its inputs, as `x` exports it and `y` copies it.
    pub(super) fn report_text(&self, format: Format) -> String {
        let mut buf = Vec::new();
        let r = Report {
            preset: &self.preset,
            scenario: &self.scenario,
            plan: &self.plan,
            explain: false,
            prices_as_of: &self.catalog.prices_as_of,
        };
        let _ = report::write(format, &r, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// The description a save or an export carries: the saved preset's own, or a built-in's with where it
    /// came from.
    pub(super) fn description(&self) -> String {
        presets::builtin(&self.preset)
            .map(|p| format!("Based on {}: {}", p.name, p.description))
            .or_else(|| {
                self.store
                    .as_ref()
                    .and_then(|s| s.load(&self.preset).ok())
                    .map(|p| p.description)
            })
            .unwrap_or_default()
    }

    pub(super) fn load_preset(&mut self, name: &str) {
        let loaded = match presets::builtin(name) {
            Some(p) => Ok(p),
            None => match &self.store {
                Some(store) => store.load(name),
                None => Err(presets::PresetError::new(format!(
                    "there is no preset `{name}`"
                ))),
            },
        };
        // The planner accepts exactly what `headroom plan` accepts: a teammate's preset with NaN or
        // `cache_hit: 5` is refused with the command line's sentence, never shown beside a clamped plan.
        let loaded = loaded.and_then(|p| {
            match crate::engine::params::validate(&p.scenario, self.catalog).first() {
                Some(e) => Err(presets::PresetError::new(format!(
                    "cannot open {name}: {e}"
                ))),
                None => Ok(p),
            }
        });
        match loaded {
            Ok(p) => {
                let scenario = p.scenario;
                self.change(|s| *s = scenario);
                self.base = self.scenario.clone();
                self.preset = p.name;
                // A boundary: undo never brings back another preset's values under this name.
                self.undo.clear();
                if let Some(store) = &self.store {
                    store.set_last_used(&self.preset);
                }
                self.status = Some(format!("opened {}", self.preset));
            }
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    pub(super) fn export(&mut self, path: PathBuf, format: Option<Format>, overwrite: bool) {
        let text = match format {
            None => presets::to_ron(&Preset {
                version: presets::VERSION,
                name: self.preset.clone(),
                description: self.description(),
                scenario: self.scenario.clone(),
            }),
            Some(f) => self.report_text(f),
        };
        match write_atomic(&path, &text, overwrite) {
            Ok(()) => self.status = Some(format!("exported to {}", path.display())),
            Err(SaveError::Exists(_)) => {
                let question = format!("Replace {}?", path.display());
                let shown = path.display().to_string();
                self.overlay = Overlay::Confirm(Confirm {
                    question,
                    then: Pending::Export(path, shown),
                });
            }
            Err(SaveError::Refused(e)) => {
                let shown = path.display().to_string();
                self.overlay = Overlay::Export(Field::refused(shown, e.to_string()));
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let saved = self
            .store
            .as_ref()
            .is_some_and(|s| s.path_for(&self.preset).is_ok_and(|p| p.exists()));
        if presets::is_builtin(&self.preset) || !saved {
            self.status = Some(format!(
                "{} is not a saved preset: only saved presets can be deleted",
                self.preset
            ));
            return;
        }
        let question = format!("Delete the saved preset {}?", self.preset);
        self.overlay = Overlay::Confirm(Confirm {
            question,
            then: Pending::Delete(self.preset.clone()),
        });
    }
}

/// Why a name cannot be saved under, if it cannot.
pub(super) fn save_name_problem(name: &str) -> Option<String> {
    if presets::is_builtin(name.trim()) {
        return Some(format!(
            "`{}` is a built-in preset: choose another name",
            name.trim()
        ));
    }
    check_name(name.trim()).err().map(|e| e.to_string())
}

/// The export format a path's extension asks for: `None` is the preset itself (RON).
pub(super) fn export_format(path: &str) -> Result<Option<Format>, String> {
    let ext = std::path::Path::new(path.trim())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("ron") => Ok(None),
        Some("md" | "markdown") => Ok(Some(Format::Markdown)),
        Some("json") => Ok(Some(Format::Json)),
        Some("csv") => Ok(Some(Format::Csv)),
        _ => Err("end the path with .ron (the preset), .md, .json or .csv (the plan)".into()),
    }
}

/// A file name for exporting the preset `name`: letters, digits, `-`, `_` and `.` only, never hidden and
/// never a path, so a teammate's `name: "../../../x"` cannot choose where the file goes.
pub fn export_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    let safe = if safe.is_empty() { "preset" } else { safe };
    format!("{safe}.ron")
}
