//! Presets: a named scenario in one RON file. The built-in ones are compiled in from `presets/`.

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetError(pub String);

impl std::fmt::Display for PresetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PresetError {}

const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../presets/default.ron")),
    ("diffgram", include_str!("../presets/diffgram.ron")),
    (
        "falcon-inference",
        include_str!("../presets/falcon-inference.ron"),
    ),
    ("falcon-ha", include_str!("../presets/falcon-ha.ron")),
    ("web-article", include_str!("../presets/web-article.ron")),
    ("coder-10k", include_str!("../presets/coder-10k.ron")),
    ("cocalc", include_str!("../presets/cocalc.ron")),
];

/// Names of the built-in presets, in display order.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// A built-in preset by name.
pub fn builtin(name: &str) -> Option<Preset> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    // Built-in presets are parsed by a unit test, so a failure here is a build defect.
    Some(parse(text, &format!("presets/{name}.ron")).unwrap_or_else(|e| panic!("{e}")))
}

/// Parses preset text; `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Preset, PresetError> {
    if text.trim().is_empty() {
        return Err(PresetError(format!(
            "{origin} is empty: a preset starts with `(version: {VERSION}, name: ...`"
        )));
    }
    let preset: Preset = ron::from_str(text).map_err(|e| {
        PresetError(format!(
            "{origin} line {}, column {}: {}",
            e.span.start.line, e.span.start.col, e.code
        ))
    })?;
    if preset.version != VERSION {
        return Err(PresetError(format!(
            "{origin} is preset format version {}, but this headroom reads version {VERSION}",
            preset.version
        )));
    }
    Ok(preset)
}

/// Reads a preset file, refusing huge files before reading them.
pub fn read_file(path: &Path) -> Result<Preset, PresetError> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| PresetError(format!("cannot read {shown}: {e}")))?;
    if meta.len() > MAX_BYTES {
        return Err(PresetError(format!(
            "{shown} is {} bytes, more than a preset's 1 MiB limit: is it the right file?",
            meta.len()
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| PresetError(format!("cannot read {shown}: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| PresetError(format!("{shown} is not a text (UTF-8) file")))?;
    parse(&text, &shown.to_string())
}

/// The RON text of a preset, as saved and exported.
pub fn to_ron(preset: &Preset) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .struct_names(false);
    ron::ser::to_string_pretty(preset, config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::params::range_errors;

    #[test]
    fn every_builtin_parses_and_is_in_range() {
        for name in builtin_names() {
            let p = builtin(name).unwrap();
            assert_eq!(p.name, name);
            assert!(!p.description.is_empty(), "{name} has no description");
            assert!(
                range_errors(&p.scenario).is_empty(),
                "{name}: {:?}",
                range_errors(&p.scenario)
            );
        }
    }

    #[test]
    fn default_preset_equals_the_code_defaults() {
        assert_eq!(builtin("default").unwrap().scenario, Scenario::default());
    }

    #[test]
    fn ron_round_trip_keeps_every_builtin() {
        for name in builtin_names() {
            let p = builtin(name).unwrap();
            assert_eq!(parse(&to_ron(&p), "x").unwrap(), p, "{name}");
        }
    }

    #[test]
    fn bad_text_names_line_and_version() {
        assert!(parse("", "a.ron").unwrap_err().0.contains("empty"));
        let e = parse("(version: 1, name: \"x\", scenario: (userz: 5))", "a.ron")
            .unwrap_err()
            .0;
        assert!(e.contains("a.ron line 1") && e.contains("userz"), "{e}");
        assert!(
            parse("(version: 9, name: \"x\")", "a.ron")
                .unwrap_err()
                .0
                .contains("version 9")
        );
    }
}
