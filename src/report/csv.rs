//! CSV: one `key,value` row per figure, keys as in the JSON output (`node_pools.general.nodes`).

use std::io::{self, Write};

use serde_json::Value;

use super::Report;
use super::json::value;

pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "key,value")?;
    let mut rows = Vec::new();
    flatten("", &value(r), &mut rows);
    for (k, v) in rows {
        writeln!(out, "{},{}", quote(&k), quote(&v))?;
    }
    Ok(())
}

fn flatten(prefix: &str, v: &Value, rows: &mut Vec<(String, String)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => map.iter().for_each(|(k, x)| flatten(&join(k), x, rows)),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                // Name pools and months by what identifies them, not their position.
                let id = x
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| x.get("month").map(std::string::ToString::to_string))
                    .unwrap_or_else(|| i.to_string());
                flatten(&join(&id), x, rows);
            }
        }
        Value::String(s) => rows.push((prefix.to_string(), s.clone())),
        Value::Null => rows.push((prefix.to_string(), String::new())),
        other => rows.push((prefix.to_string(), other.to_string())),
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
