//! Presets: a named scenario in one RON file. Built-in ones are compiled in from `presets/`; saved ones
//! live in the data directory (`store`).

pub mod format;
pub mod store;

pub use format::{MAX_BYTES, Preset, PresetError, VERSION, line_of, parse, read_file, to_ron};

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
#[allow(
    clippy::panic,
    reason = "a unit test parses every built-in preset: failing here is a build defect"
)]
pub fn builtin(name: &str) -> Option<Preset> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    // Built-in presets are parsed by a unit test, so a failure here is a build defect.
    Some(parse(text, &format!("presets/{name}.ron")).unwrap_or_else(|e| panic!("{e}")))
}

/// The file text of a built-in preset, comments included.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

pub fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::params::range_errors;
    use crate::engine::scenario::Scenario;

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
    fn default_preset_equals_the_code_defaults_with_auto_node_types() {
        // The default preset differs from the code defaults only in having uploads (media moves the plan,
        // MODEL Revision 2) and in letting headroom choose node types:
        // a saved preset without node_types keeps the provider's default type, as before.
        let mut expected = Scenario {
            uploads_per_user_hour: 0.2,
            ..Scenario::default()
        };
        for pool in ["general", "media", "workspaces"] {
            expected
                .node_types
                .insert(pool.into(), crate::engine::AUTO.into());
        }
        assert_eq!(builtin("default").unwrap().scenario, expected);
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
        assert!(parse("", "a.ron").unwrap_err().message.contains("empty"));
        let e = parse("(version: 1, name: \"x\", scenario: (userz: 5))", "a.ron")
            .unwrap_err()
            .message;
        assert!(e.contains("a.ron line 1") && e.contains("userz"), "{e}");
        assert!(
            parse("(version: 9, name: \"x\")", "a.ron")
                .unwrap_err()
                .message
                .contains("version 9")
        );
    }
}
