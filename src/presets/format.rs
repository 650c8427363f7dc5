//! The preset file format: `(version: 1, name: "...", description: "...", scenario: (...))` in RON.
//! Missing fields take defaults; unknown fields are errors naming the field and its line.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::scenario::Scenario;

/// The file format version this build writes and reads.
pub const VERSION: u32 = 1;

/// Files larger than this are refused before parsing.
pub const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub scenario: Scenario,
}

/// A preset file that cannot be used, worded for the person who has it.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct PresetError {
    /// The whole sentence, naming the file or preset and what is wrong.
    pub message: String,
    /// The I/O failure behind it, when there is one.
    #[source]
    pub source: Option<std::io::Error>,
}

impl PresetError {
    pub fn new(message: impl Into<String>) -> PresetError {
        PresetError {
            message: message.into(),
            source: None,
        }
    }

    /// A failed read or write, kept as the cause.
    pub fn io(message: impl Into<String>, source: std::io::Error) -> PresetError {
        PresetError {
            message: message.into(),
            source: Some(source),
        }
    }
}

/// Parses preset text; `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Preset, PresetError> {
    // Some editors start UTF-8 files with a byte-order mark; it carries no meaning here.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PresetError::new(format!(
            "{origin} is empty: a preset starts with `(version: {VERSION}, name: ...`"
        )));
    }
    let preset: Preset = ron::from_str(text).map_err(|e| {
        PresetError::new(format!(
            "{origin} line {}, column {}: {}",
            e.span.start.line, e.span.start.col, e.code
        ))
    })?;
    if let Some(field) = control_field(&preset) {
        return Err(PresetError::new(format!(
            "{origin}: `{field}` contains a control character (a terminal escape sequence?); refusing a file that could drive your terminal"
        )));
    }
    if preset.version != VERSION {
        return Err(PresetError::new(format!(
            "{origin} is preset format version {}, but this headroom reads version {VERSION}",
            preset.version
        )));
    }
    Ok(preset)
}

/// The first text field of a preset holding a control character: name, description or any text input.
fn control_field(preset: &Preset) -> Option<String> {
    use crate::format::control_char;
    if control_char(&preset.name).is_some() {
        return Some("name".into());
    }
    if control_char(&preset.description).is_some() {
        return Some("description".into());
    }
    crate::engine::params::text_with_control(&preset.scenario)
}

/// The line (from 1) of a preset's text where `key` is set: its `ranges` entry (`"users": (…)`) when
/// `in_ranges`, else its field (`users: …`). `None` when the text does not name it (a default).
pub fn line_of(text: &str, key: &str, in_ranges: bool) -> Option<usize> {
    let key = key.strip_prefix("ranges.").unwrap_or(key);
    let lines = || text.lines().enumerate();
    let quoted = format!("\"{key}\"");
    let ranges_at = lines().find(|(_, l)| l.trim_start().starts_with("ranges:"));
    let in_range =
        ranges_at.and_then(|(start, _)| lines().skip(start).find(|(_, l)| l.contains(&quoted)));
    let field = lines().find(|(_, l)| {
        let l = l.trim_start();
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let found = if in_ranges {
        in_range.or(field)
    } else {
        field.or(in_range)
    };
    found.map(|(i, _)| i + 1)
}

/// Reads a preset file, refusing huge files before reading them.
pub fn read_file(path: &Path) -> Result<Preset, PresetError> {
    let shown = path.display();
    let bytes = crate::fsio::read_capped(path, MAX_BYTES).map_err(PresetError::new)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| PresetError::new(format!("{shown} is not a text (UTF-8) file")))?;
    parse(&text, &shown.to_string())
}

/// The RON text of a preset, as saved and exported.
pub fn to_ron(preset: &Preset) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .struct_names(false);
    ron::ser::to_string_pretty(preset, config).unwrap_or_default()
}
