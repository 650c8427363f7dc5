//! Reading keys and values people type, and keeping a scenario inside the ranges of the table.

use super::{Kind, NODE_TYPE_PREFIX, PARAMS, find, plain_number, range_text};
use crate::engine::scenario::Scenario;

/// A mistake in an input key or value, worded for the person who typed it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ParamError {
    #[error("unknown key `{key}`{} (`headroom keys` lists them all)", did_you_mean(*.suggestion))]
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    #[error(
        "`{key}` must be a number in {range}, not `{value}` (units are understood: 85%, 40k, 8MB, 2GiB, 500ms)"
    )]
    NotANumber {
        key: String,
        value: String,
        range: String,
    },
    #[error("`{key}` = {value} is out of range: valid values are {range}")]
    OutOfRange {
        key: String,
        value: String,
        range: String,
    },
    #[error("`{key}` must be a whole number, not {value}")]
    NotWhole { key: String, value: String },
    #[error("`{key}` cannot be `{value}`: choose one of {options}")]
    BadChoice {
        key: String,
        value: String,
        options: String,
    },
    #[error("`{key}` = `{value}` is not in the price catalog: {hint}")]
    UnknownName {
        key: String,
        value: String,
        hint: String,
    },
    #[error(
        "`{key}` = {value} is not a range low..high or low..likely..high with low ≤ likely ≤ high"
    )]
    BadRange { key: String, value: String },
    #[error("`{key}` takes no range: {why}")]
    NotRanged { key: String, why: &'static str },
    #[error(
        "`{key}` = {value} does not fit its range {range}: the value lies within low..high, and is the likely one of low..likely..high"
    )]
    OutsideItsRange {
        key: String,
        value: String,
        range: String,
    },
    #[error("`ranges` names `{key}`, which is not a numeric input (`headroom keys` lists them)")]
    RangeNotNumeric { key: String },
    #[error(
        "`{}` is not of the form key=value (for example --set users=5000)",
        crate::format::printable(.item)
    )]
    Malformed { item: String },
    #[error(
        "`node_type.{pool}`: no pool is named `{pool}`; this scenario's pools are {pools} (app_pool, media_pool, … name them)"
    )]
    UnknownPool { pool: String, pools: String },
    #[error("`{key}` may not contain control characters (a terminal escape sequence?)")]
    ControlCharacter { key: String },
}

/// Why `commit_share` takes no range, for the command line and files alike.
const COMMIT_SHARE_NOT_RANGED: &str = "a commitment is signed once, on the point plan (`headroom drivers` shows what its share moves)";

impl ParamError {
    /// The input an error is about (`ranges.users` for a range out of bounds), to find it in a file.
    pub fn key(&self) -> Option<&str> {
        match self {
            ParamError::UnknownKey { key, .. }
            | ParamError::NotANumber { key, .. }
            | ParamError::OutOfRange { key, .. }
            | ParamError::NotWhole { key, .. }
            | ParamError::BadChoice { key, .. }
            | ParamError::UnknownName { key, .. }
            | ParamError::BadRange { key, .. }
            | ParamError::NotRanged { key, .. }
            | ParamError::OutsideItsRange { key, .. }
            | ParamError::RangeNotNumeric { key }
            | ParamError::ControlCharacter { key } => Some(key),
            ParamError::Malformed { .. } | ParamError::UnknownPool { .. } => None,
        }
    }

    /// Whether the error is about the key's entry under `ranges` rather than its value.
    pub fn in_ranges(&self) -> bool {
        matches!(
            self,
            ParamError::BadRange { .. }
                | ParamError::NotRanged { .. }
                | ParamError::OutsideItsRange { .. }
                | ParamError::RangeNotNumeric { .. }
        ) || self.key().is_some_and(|k| k.starts_with("ranges."))
    }
}

/// `: did you mean `users`?` when a near key exists.
fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(": did you mean `{s}`?"))
}

/// Sets one key from its text form, as `--set key=value` does.
pub fn set_key(s: &mut Scenario, key: &str, raw: &str) -> Result<(), ParamError> {
    let raw = raw.trim();
    if let Some(pool) = key.strip_prefix(NODE_TYPE_PREFIX) {
        if pool.is_empty() {
            return Err(ParamError::Malformed {
                item: format!("{key}={raw}"),
            });
        }
        if raw.is_empty() {
            s.node_types.remove(pool);
        } else {
            s.node_types.insert(pool.to_string(), raw.to_string());
        }
        return Ok(());
    }
    let Some(param) = find(key) else {
        return Err(ParamError::UnknownKey {
            key: key.to_string(),
            suggestion: suggest(key),
        });
    };
    if let (Kind::Number { set, integer, .. }, Some(parts)) =
        (param.kind, crate::engine::ranges::split(raw))
    {
        use crate::engine::ranges::Range;
        let bad = || ParamError::BadRange {
            key: key.to_string(),
            value: crate::format::printable(raw),
        };
        // A commitment is signed once, on the point plan: a range of it would sample nothing.
        if key == "commit_share" {
            return Err(ParamError::NotRanged {
                key: key.to_string(),
                why: COMMIT_SHARE_NOT_RANGED,
            });
        }
        // `1...5`, `..5` and `floor..1` are not ranges of numbers, whatever a lenient parse makes of them.
        if parts.iter().any(|p| {
            p.is_empty()
                || p.starts_with('.')
                || p.ends_with('.')
                || p.eq_ignore_ascii_case("floor")
        }) {
            return Err(bad());
        }
        let mut values = Vec::with_capacity(3);
        for part in &parts {
            let mut probe = s.clone();
            set_key(&mut probe, key, part)?;
            let Kind::Number { get, .. } = param.kind else {
                unreachable!("checked above")
            };
            values.push(get(&probe));
        }
        let range = match values[..] {
            [l, h] => Range::Uniform(l, h),
            [l, m, h] => Range::Triangular(l, m, h),
            _ => return Err(bad()),
        };
        if !range.ordered() {
            return Err(bad());
        }
        let likely = if integer {
            range.likely().round()
        } else {
            range.likely()
        };
        set(s, likely);
        s.ranges.insert(key.to_string(), range);
        return Ok(());
    }
    // A single value is certain: it replaces any range the key had.
    s.ranges.remove(key);
    // Unset, the commitment covers the floor; `floor` says so again after a share was set.
    if key == "commit_share" && raw.eq_ignore_ascii_case("floor") {
        s.commit_share = None;
        return Ok(());
    }
    match param.kind {
        Kind::Number {
            min,
            max,
            integer,
            set,
            unit,
            ..
        } => {
            let range = range_text(min, max);
            let v: f64 =
                super::quantity::parse(raw, unit).ok_or_else(|| ParamError::NotANumber {
                    key: key.to_string(),
                    value: crate::format::printable(raw),
                    range: range.clone(),
                })?;
            if !v.is_finite() {
                return Err(ParamError::NotANumber {
                    key: key.to_string(),
                    value: crate::format::printable(raw),
                    range,
                });
            }
            if v < min || v > max {
                // Shares are shown as percentages; intensity (light … heavy) is not one.
                let percent = unit == super::Unit::Fraction && key != "intensity";
                let range = if percent && v > 1.0 && v <= 100.0 {
                    format!("{range}; for a percentage type {}%", plain_number(v))
                } else {
                    range
                };
                return Err(ParamError::OutOfRange {
                    key: key.to_string(),
                    value: crate::format::printable(raw),
                    range,
                });
            }
            if integer && v.fract() != 0.0 {
                return Err(ParamError::NotWhole {
                    key: key.to_string(),
                    value: crate::format::printable(raw),
                });
            }
            set(s, v);
        }
        Kind::Choice { options, set, .. } => {
            // The commitment also takes the file's spelling (`one_year`) and a few more.
            let raw = match super::super::scenario::Commitment::parse(raw) {
                Some(c) if key == "commitment" => c.short(),
                _ => raw,
            };
            let i = options
                .iter()
                .position(|o| o.eq_ignore_ascii_case(raw))
                .ok_or_else(|| ParamError::BadChoice {
                    key: key.to_string(),
                    value: crate::format::printable(raw),
                    options: options.join(", "),
                })?;
            set(s, i);
        }
        Kind::Flag { set, .. } => {
            let v = match raw.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "1" => true,
                "false" | "no" | "off" | "0" => false,
                _ => {
                    return Err(ParamError::BadChoice {
                        key: key.to_string(),
                        value: crate::format::printable(raw),
                        options: "true, false".into(),
                    });
                }
            };
            set(s, v);
        }
        Kind::Text { set, .. } => {
            if crate::format::control_char(raw).is_some() {
                return Err(ParamError::ControlCharacter {
                    key: key.to_string(),
                });
            }
            set(s, (!raw.is_empty()).then(|| raw.to_string()));
        }
    }
    Ok(())
}

/// Parses `key=value` and applies it.
pub fn apply_assignment(s: &mut Scenario, item: &str) -> Result<(), ParamError> {
    let (key, value) = item.split_once('=').ok_or_else(|| ParamError::Malformed {
        item: item.to_string(),
    })?;
    set_key(s, key.trim(), value)
}

/// Every numeric key outside its range or not finite, as errors.
pub fn range_errors(s: &Scenario) -> Vec<ParamError> {
    let mut errors = Vec::new();
    for p in PARAMS {
        if let Kind::Number {
            min,
            max,
            integer,
            get,
            ..
        } = p.kind
        {
            let v = get(s);
            if !v.is_finite() || v < min || v > max {
                errors.push(ParamError::OutOfRange {
                    key: p.key.to_string(),
                    value: plain_number(v),
                    range: range_text(min, max),
                });
            } else if integer && v.fract() != 0.0 {
                errors.push(ParamError::NotWhole {
                    key: p.key.to_string(),
                    value: plain_number(v),
                });
            }
        }
    }
    errors
}

/// The scenario with every number forced into its range, so `plan` is total on any input.
/// Borrowed when nothing needs clamping, which is the usual case.
pub fn clamped(s: &Scenario) -> std::borrow::Cow<'_, Scenario> {
    // Only numbers out of range produce errors, so an in-range scenario allocates nothing here.
    let inside = range_errors(s).is_empty();
    if inside {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = s.clone();
    clamp_in_place(&mut out);
    std::borrow::Cow::Owned(out)
}

pub fn clamp_in_place(s: &mut Scenario) {
    for p in PARAMS {
        if let Kind::Number {
            min,
            max,
            integer,
            get,
            set,
            ..
        } = p.kind
        {
            let v = get(s);
            let mut c = if v.is_finite() {
                v.clamp(min, max)
            } else {
                min
            };
            if integer {
                c = c.round();
            }
            if c != v {
                set(s, c);
            }
        }
    }
}

/// The closest known key, for "did you mean".
fn suggest(key: &str) -> Option<&'static str> {
    PARAMS
        .iter()
        .map(|p| (edit_distance(key, p.key), p.key))
        .filter(|(d, k)| *d <= 3.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The key of the first text input (or pool's node type) holding a control character, if any.
pub fn text_with_control(s: &Scenario) -> Option<String> {
    use crate::format::control_char;
    for p in PARAMS {
        if let Kind::Text { get, .. } = p.kind
            && get(s).is_some_and(|v| control_char(&v).is_some())
        {
            return Some(p.key.to_string());
        }
    }
    s.node_types
        .iter()
        .find(|(pool, node)| control_char(pool).is_some() || control_char(node).is_some())
        .map(|(pool, _)| format!("{NODE_TYPE_PREFIX}{}", crate::format::printable(pool)))
}

/// Every problem with a scenario: numbers out of range, names the catalog does not know.
pub fn validate(s: &Scenario, catalog: &crate::catalog::Catalog) -> Vec<ParamError> {
    let mut errors = range_errors(s);
    let names = |list: Vec<&str>| {
        let shown: Vec<&str> = list.into_iter().take(12).collect();
        format!("known names include {}", shown.join(", "))
    };
    let pools = [
        &s.app_pool,
        &s.infra_pool,
        &s.db_pool,
        &s.media_pool,
        &s.workspace_pool,
    ];
    for pool in s.node_types.keys() {
        if !pools.contains(&pool) {
            let mut known: Vec<&str> = pools.iter().map(|p| p.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            errors.push(ParamError::UnknownPool {
                pool: crate::format::printable(pool),
                pools: known.join(", "),
            });
        }
    }
    for (pool, node) in &s.node_types {
        if node != crate::engine::AUTO && catalog.find_node(node).is_none() {
            let hint = names(
                std::iter::once(crate::engine::AUTO)
                    .chain(catalog.prices(s.provider).nodes.iter().map(|n| &*n.name))
                    .collect(),
            );
            errors.push(ParamError::UnknownName {
                key: format!("{NODE_TYPE_PREFIX}{pool}"),
                value: node.clone(),
                hint,
            });
        }
    }
    let instances = [
        (
            "db_instance",
            s.db_instance.as_deref(),
            catalog.prices(s.provider).databases.as_slice(),
        ),
        (
            "cache_instance",
            s.cache_instance.as_deref(),
            catalog.prices(s.provider).caches.as_slice(),
        ),
    ];
    for (key, wanted, listed) in instances {
        let known = |n: &str| {
            if key == "db_instance" {
                catalog.find_database(n).is_some()
            } else {
                catalog.find_cache(n).is_some()
            }
        };
        if let Some(name) = wanted.filter(|n| !known(n)) {
            let hint = names(listed.iter().map(|i| &*i.name).collect());
            errors.push(ParamError::UnknownName {
                key: key.into(),
                value: name.into(),
                hint,
            });
        }
    }
    for (key, pool) in [
        ("app_pool", &s.app_pool),
        ("infra_pool", &s.infra_pool),
        ("db_pool", &s.db_pool),
        ("media_pool", &s.media_pool),
        ("workspace_pool", &s.workspace_pool),
    ] {
        if pool.trim().is_empty() {
            errors.push(ParamError::BadChoice {
                key: key.into(),
                value: String::new(),
                options: "any non-empty pool name".into(),
            });
        }
    }
    for (key, range) in &s.ranges {
        let Some(super::Param {
            kind: Kind::Number { min, max, get, .. },
            ..
        }) = find(key)
        else {
            errors.push(ParamError::RangeNotNumeric {
                key: crate::format::printable(key),
            });
            continue;
        };
        let text = range.text(plain_number);
        if key == "commit_share" {
            errors.push(ParamError::NotRanged {
                key: key.clone(),
                why: COMMIT_SHARE_NOT_RANGED,
            });
        } else if !range.ordered() {
            errors.push(ParamError::BadRange {
                key: key.clone(),
                value: text,
            });
        } else if range.low() < *min || range.high() > *max {
            errors.push(ParamError::OutOfRange {
                key: format!("ranges.{key}"),
                value: text,
                range: range_text(*min, *max),
            });
        } else if !(range.low()..=range.high()).contains(&get(s))
            || matches!(range, crate::engine::ranges::Range::Triangular(_, likely, _) if *likely != get(s))
        {
            // The point plan (and the node types the samples keep) would describe another load; a
            // triangular range names its likely value, and the point is it.
            errors.push(ParamError::OutsideItsRange {
                key: key.clone(),
                value: plain_number(get(s)),
                range: text,
            });
        }
    }
    errors
}
