//! JSON with the stable keys of `docs/json.md`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Report;

/// Bumped when a key changes meaning or disappears.
pub const SCHEMA: u32 = 2;

/// The report as a JSON value: the plan's panes at the top level, with `schema` and `preset`.
pub fn value(r: &Report) -> Value {
    let mut v = serde_json::to_value(r.plan).unwrap_or(Value::Null);
    round_all(&mut v);
    if let Value::Object(map) = &mut v {
        map.insert("schema".into(), json!(SCHEMA));
        map.insert("preset".into(), json!(r.preset));
        map.insert("inputs".into(), super::inputs_json(r));
        if r.explain {
            let explained: Map<String, Value> = r
                .plan
                .explain
                .iter()
                .map(|e| {
                    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.remove("id");
                        m.insert("text".into(), Value::String(e.text()));
                    }
                    (e.id.clone(), v)
                })
                .collect();
            map.insert("explain".into(), Value::Object(explained));
        }
    }
    v
}

pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &value(r))?;
    writeln!(out)
}

/// Four decimals are more than any figure needs and keep float noise out of the file.
pub fn round_all(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                // `+ 0.0` turns a rounded -0 into 0: "-0" is noise, not a figure.
                let r = (x * 1e4).round() / 1e4 + 0.0;
                *v = serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round_all),
        Value::Object(map) => map.values_mut().for_each(round_all),
        _ => {}
    }
}
