//! The command line as a user runs it: every format for every built-in preset, and bad input.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use std::process::{Command, Output};

use common::PRESETS;

fn headroom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
        .expect("run headroom")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn table_for_every_preset_fits_80_columns() {
    for p in PRESETS {
        let o = headroom(&["plan", "--preset", p, "--explain"]);
        assert!(o.status.success(), "{p}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.starts_with(&format!("headroom plan · {p} · ")), "{p}");
        for section in [
            "Traffic",
            "Compute",
            "Database",
            "Node pools",
            "Cost (",
            "Growth",
            "How each figure is computed",
        ] {
            assert!(text.contains(section), "{p}: no {section}");
        }
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{p}: {} columns: {line}",
                line.chars().count()
            );
        }
        assert!(!text.contains("NaN") && !text.contains("inf "), "{p}");
    }
}

#[test]
fn markdown_for_every_preset_has_tables() {
    for p in PRESETS {
        let o = headroom(&["plan", "--preset", p, "--format", "markdown"]);
        assert!(o.status.success(), "{p}");
        let text = stdout(&o);
        assert!(text.starts_with("# Capacity plan: "), "{p}");
        assert!(
            text.contains("## Compute\n\n| figure | value |\n|---|---|\n| workers | "),
            "{p}"
        );
        // Every table row has the same number of unescaped cells.
        for line in text.lines().filter(|l| l.starts_with('|')) {
            assert_eq!(
                line.replace("\\|", "").matches('|').count(),
                3,
                "{p}: {line}"
            );
        }
    }
}

#[test]
fn json_for_every_preset_follows_the_contract() {
    for p in PRESETS {
        let o = headroom(&["plan", "--preset", p, "--format", "json"]);
        assert!(o.status.success(), "{p}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
        for path in [
            "/traffic/peak_rps",
            "/traffic/miss_rps",
            "/compute/vcpu",
            "/compute/memory_gib",
            "/compute/latency/knee_rps",
            "/database/memory_gib",
            "/database/storage_gib",
            "/media/worker_memory_gib",
            "/cost/monthly_usd",
            "/cost/components/nodes",
            "/cost/components/database",
            "/cost/components/cache",
            "/cost/components/storage",
            "/cost/components/object_storage",
            "/cost/components/egress",
            "/cost/components/load_balancer",
            "/cost/by_provider/aws",
            "/cost/by_provider/gcp",
            "/cost/by_provider/azure",
        ] {
            assert!(
                v.pointer(path).is_some_and(serde_json::Value::is_number),
                "{p}: {path} is not a number"
            );
        }
        for path in [
            "/compute/workers",
            "/compute/replicas",
            "/database/vcpu",
            "/database/pool_size",
            "/media/vcpu",
        ] {
            assert!(
                v.pointer(path).is_some_and(serde_json::Value::is_u64),
                "{p}: {path} is not a count"
            );
        }
        assert!(
            v.pointer("/compute/latency/p95_ms").is_some(),
            "{p}: p95 (a number, or null when unbounded)"
        );
        let pools = v["node_pools"].as_array().expect("node_pools");
        assert!(!pools.is_empty());
        for pool in pools {
            assert!(
                pool["name"].is_string()
                    && pool["node_type"].is_string()
                    && pool["binding"].is_string()
            );
            assert!(pool["nodes"].is_u64() && pool["per_node"].is_u64());
        }
        let months = v["growth"]["months"].as_array().expect("months");
        assert_eq!(months[0]["month"], 0);
        assert!(months.iter().all(|m| m["users"].is_number()
            && m["nodes"].is_u64()
            && m["monthly_usd"].is_number()));
        assert!(v["growth"]["runway_months"].is_u64() || v["growth"]["runway_months"].is_null());
        assert!(v["warnings"].is_array());
        assert_eq!(v["preset"], p);
    }
}

#[test]
fn csv_for_every_preset_has_one_key_value_row_per_figure() {
    for p in PRESETS {
        let o = headroom(&["plan", "--preset", p, "--format", "csv"]);
        assert!(o.status.success(), "{p}");
        let text = stdout(&o);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("key,value"));
        let rows: Vec<&str> = lines.collect();
        assert!(
            rows.iter().any(|r| r.starts_with("cost.monthly_usd,")),
            "{p}"
        );
        assert!(
            rows.iter()
                .any(|r| r.starts_with("growth.months.12.workers,")),
            "{p}"
        );
        assert!(
            rows.iter()
                .any(|r| r.starts_with("node_pools.general.nodes,")),
            "{p}"
        );
    }
}

#[test]
fn set_changes_the_plan() {
    let o = headroom(&[
        "plan",
        "--preset",
        "diffgram",
        "--set",
        "users=200",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["compute"]["replicas"], 5);
}

#[test]
fn unknown_key_exits_2_naming_the_key() {
    let o = headroom(&["plan", "--set", "userz=5"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`userz`") && e.contains("did you mean `users`"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "one sentence, no backtrace: {e}");
}

#[test]
fn non_number_exits_2_naming_the_key_and_range() {
    let o = headroom(&["plan", "--set", "cache_hit=lots"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`cache_hit`") && e.contains("0 … 0.99") && e.contains("lots"),
        "{e}"
    );
}

#[test]
fn out_of_range_exits_2_naming_the_key_and_range() {
    let o = headroom(&["plan", "--set", "users=0"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`users`") && e.contains("1 … 1,000,000,000"),
        "{e}"
    );
}

#[test]
fn unknown_preset_node_type_and_missing_file_exit_2() {
    let cases: [&[&str]; 4] = [
        &["plan", "--preset", "nope"],
        &["plan", "--set", "node_type.general=m9.huge"],
        &["plan", "--file", "/nonexistent/x.ron"],
        &["plan", "--set", "users"],
    ];
    for args in cases {
        let o = headroom(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_preset_file_plans_like_the_builtin() {
    let dir = std::env::temp_dir().join(format!("headroom-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("falcon.ron");
    std::fs::write(&file, include_str!("../presets/falcon-inference.ron")).unwrap();
    let a = headroom(&["plan", "--file", file.to_str().unwrap(), "--format", "json"]);
    let b = headroom(&["plan", "--preset", "falcon-inference", "--format", "json"]);
    assert!(a.status.success());
    assert_eq!(stdout(&a), stdout(&b));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_explains_every_option_with_examples() {
    let top = stdout(&headroom(&["--help"]));
    assert!(
        top.contains("plan")
            && top.contains("keys")
            && top.contains("--catalog")
            && top.contains("Examples:")
    );
    let plan = stdout(&headroom(&["plan", "--help"]));
    for flag in [
        "--preset",
        "--file",
        "--set",
        "--format",
        "--explain",
        "falcon-inference",
        "Examples:",
    ] {
        assert!(plan.contains(flag), "plan --help lacks {flag}");
    }
    let keys = stdout(&headroom(&["keys"]));
    assert!(keys.contains("target_utilization") && keys.contains("0.1 … 1"));
}

#[test]
fn a_custom_catalog_is_used_and_a_broken_one_is_refused() {
    let dir = std::env::temp_dir().join(format!("headroom-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cheap = include_str!("../assets/catalog.ron").replace(
        "usd_per_hour: 0.34,   max_pods: Some(58)),\n                (name: \"c5.4xlarge\"",
        "usd_per_hour: 0.034,   max_pods: Some(58)),\n                (name: \"c5.4xlarge\"",
    );
    let file = dir.join("cheap.ron");
    std::fs::write(&file, cheap).unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&headroom(args).stdout).unwrap()
    };
    let normal = json(&["plan", "--preset", "falcon-inference", "--format", "json"]);
    let cheaper = json(&[
        "--catalog",
        file.to_str().unwrap(),
        "plan",
        "--preset",
        "falcon-inference",
        "--format",
        "json",
    ]);
    assert!(
        cheaper["cost"]["components"]["nodes"].as_f64()
            < normal["cost"]["components"]["nodes"].as_f64()
    );
    std::fs::write(&file, "(providers: [").unwrap();
    let o = headroom(&["--catalog", file.to_str().unwrap(), "plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let o = headroom(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let text = stdout(&o);
        assert!(text.contains("plan") && text.contains("preset"), "{shell}");
    }
    assert_eq!(headroom(&["completions", "tcsh"]).status.code(), Some(2));
    assert!(stdout(&headroom(&["--version"])).starts_with("headroom "));
}

/// A reader that stops early is a quiet success; a full disk is one sentence and exit 1 (issue 9, item 10).
#[cfg(unix)]
#[test]
fn a_closed_pipe_is_success_and_a_full_disk_is_one_sentence() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    for args in [
        vec!["completions", "fish"],
        vec!["keys"],
        vec!["plan", "--preset", "coder-10k", "--explain"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `| head -c 1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args(["completions", "bash"])
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.starts_with("headroom: cannot write the output"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// No figure is written as "-0" in JSON or CSV, at the smallest scale of every preset (issue 9, item 13).
#[test]
fn json_and_csv_never_say_minus_zero() {
    for preset in common::PRESETS {
        for format in ["json", "csv"] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_headroom"))
                .args([
                    "plan", "--preset", preset, "--set", "users=1", "--format", format,
                ])
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            for bad in [": -0,", ": -0.0", ",-0\n", ",-0.0\n", ": -0\n"] {
                assert!(!text.contains(bad), "{preset} {format}: {bad}");
            }
        }
    }
}

/// Issue 8: `--format json --explain` adds a structured `explain` object per figure, the latency block
/// names its worker slots and overload, and the runway says what runs out.
#[test]
fn json_explain_is_structured_and_latency_and_runway_are_named() {
    let o = headroom(&[
        "plan",
        "--preset",
        "falcon-inference",
        "--format",
        "json",
        "--explain",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 2);
    let workers = &v["explain"]["compute.workers"];
    assert_eq!(workers["value"], 5.0);
    assert_eq!(workers["formula"], "max(⌈busy ÷ target_utilization⌉, 1)");
    assert_eq!(workers["expression"], "max(⌈3 ÷ 0.6⌉, 1)");
    assert!(workers["terms"].as_array().unwrap().len() >= 2);
    assert!(workers["text"].as_str().unwrap().contains("= 5"));
    assert_eq!(v["compute"]["latency"]["servers"], 5);
    assert_eq!(v["compute"]["latency"]["overloaded"], false);
    // 500 RPS grows ×2 a year; 5 slots hold until the load needs 7 workers (month 4).
    assert_eq!(v["growth"]["runway"]["month"], 4);
    assert_eq!(v["growth"]["runway"]["tier"], "app");
    assert_eq!(v["growth"]["runway"]["resource"], "worker slots");

    let over = headroom(&[
        "plan",
        "--preset",
        "falcon-inference",
        "--set",
        "target_utilization=1",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&over.stdout).unwrap();
    assert_eq!(v["compute"]["latency"]["overloaded"], true);
    assert_eq!(v["compute"]["in_flight"], serde_json::Value::Null);
    assert!(v["compute"]["latency"]["utilization"].as_f64().unwrap() > 1.0);
}

/// Exported plans are self-contained (UX.md Revision 2): they name the preset, provider, region, headroom's
/// version, the price date and every input that differs from the defaults.
#[test]
fn exported_plans_say_which_inputs_produced_them() {
    let md = stdout(&headroom(&[
        "plan",
        "--preset",
        "coder-10k",
        "--set",
        "users=6000",
        "--format",
        "markdown",
    ]));
    let inputs = md
        .split("## Inputs")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    for row in [
        "| preset | coder-10k |",
        "| provider | GCP |",
        "| prices as of | 2026-08 |",
        "| users | 6,000 |",
        "| headroom | ",
    ] {
        assert!(inputs.contains(row), "{row}\n{inputs}");
    }
    let v: serde_json::Value = serde_json::from_slice(
        &headroom(&["plan", "--preset", "falcon-inference", "--format", "json"]).stdout,
    )
    .unwrap();
    assert_eq!(v["inputs"]["preset"], "falcon-inference");
    assert_eq!(v["inputs"]["cache_cost_model"], "falcon_max");
    assert_eq!(v["inputs"]["node_type.general"], "c5.2xlarge");
    let csv = stdout(&headroom(&[
        "plan",
        "--preset",
        "falcon-inference",
        "--format",
        "csv",
    ]));
    assert!(csv.contains("inputs.preset,falcon-inference"), "{csv}");
}

/// A node type for a pool the scenario does not use is a typo, not a silent no-op (review finding).
#[test]
fn a_node_type_for_an_unknown_pool_is_refused() {
    let o = headroom(&["plan", "--set", "node_type.nopool=m5.xlarge"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("no pool is named `nopool`") && e.contains("general"),
        "{e}"
    );
    let ok = headroom(&["plan", "--set", "node_type.general=m5.xlarge"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

/// compare, limits and drivers: text fits 80 columns, JSON parses with its documented keys, CSV has its
/// header, for every preset.
#[test]
fn analysis_commands_for_every_preset() {
    for p in PRESETS {
        for args in [
            vec!["limits", "--preset", p, "--budget", "10000"],
            vec!["drivers", "--preset", p, "--top", "10"],
            vec!["compare", p, p, "--set", "growth=3"],
            vec!["compare", "default", p],
        ] {
            let o = headroom(&args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            let text = stdout(&o);
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "{args:?}: {line}");
            }
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric() && c != '.')
                .collect();
            for bad in ["NaN", "inf", "-0"] {
                assert!(!words.contains(&bad), "{args:?}: {bad} in\n{text}");
            }
            assert!(
                !text.contains("0000000001"),
                "{args:?}: float noise in\n{text}"
            );
            let mut json = args.clone();
            json.extend(["--format", "json"]);
            let o = headroom(&json);
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let has = match args[0] {
                "limits" => {
                    v["limits"]["tiers"].is_array() && v["limits"]["budget_users"].is_number()
                }
                "drivers" => v["drivers"].as_array().is_some_and(|d| d.len() == 10),
                _ => v["delta"]["cost"]["monthly_usd"].is_number(),
            };
            assert!(has, "{json:?}: {v}");
            let mut csv = args.clone();
            csv.extend(["--format", "csv"]);
            let o = headroom(&csv);
            assert!(stdout(&o).lines().count() > 2, "{csv:?}");
        }
    }
}

/// Bad input to the analysis commands: one sentence, exit 2.
#[test]
fn analysis_commands_refuse_bad_input() {
    let dir = std::env::temp_dir();
    let dir = dir.to_str().unwrap();
    for (args, says) in [
        (
            vec!["limits", "--budget", "lots"],
            "not an amount of dollars",
        ),
        (vec!["limits", "--budget=-5"], "not an amount of dollars"),
        (vec!["drivers", "--swing", "2"], "between 0.01 and 1"),
        (vec!["drivers", "--swing", "NaN"], "between 0.01 and 1"),
        (vec!["drivers", "--swing", "-1"], "between 0.01 and 1"),
        (vec!["drivers", "--top", "0"], "--top"),
        (vec!["compare", "nosuch", "default"], "no preset `nosuch`"),
        (vec!["compare", "default", "missing.ron"], "missing.ron"),
        (vec!["compare", "default", dir], "headroom"),
        (
            vec!["compare", "default", "default", "--set", "users=0"],
            "users",
        ),
    ] {
        let o = headroom(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{args:?}: {err}"
        );
    }
}

/// Issue 12's meeting commands: a user range gives p10/p50/p90 of cost, nodes and runway in every format
/// (the range itself among the inputs a file names); a bad range or `--samples` is one sentence and exit 2;
/// a 1-year commitment says what to commit and what it saves against on demand.
#[test]
fn ranges_and_commitments_from_the_command_line() {
    let o = headroom(&["plan", "--preset", "default", "--set", "users=30k..60k"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for row in [
        "Ranges (2,000 samples)",
        "monthly cost          p10 $",
        "nodes                 p10 ",
        "runway                p10 ",
    ] {
        assert!(text.contains(row), "no `{row}`: {text}");
    }
    let o = headroom(&[
        "plan",
        "--set",
        "users=30k..60k",
        "--samples",
        "500",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["inputs"]["users"], "30,000..60,000");
    assert_eq!(json["bands"]["samples"], 500);
    let b = &json["bands"]["monthly_usd"];
    let (p10, p50, p90) = (
        b["p10"].as_f64().unwrap(),
        b["p50"].as_f64().unwrap(),
        b["p90"].as_f64().unwrap(),
    );
    assert!(p10 < p50 && p50 < p90, "{b}");
    // The fewest samples clap allows plan too (the growth band takes what there is).
    let o = headroom(&["plan", "--set", "users=30k..60k", "--samples", "10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Ranges (10 samples)"));
    let o = headroom(&["plan", "--set", "users=30k..60k", "--format", "csv"]);
    assert!(stdout(&o).contains("bands.nodes.p90,"));
    let o = headroom(&["plan", "--set", "users=30k..60k", "--format", "markdown"]);
    assert!(stdout(&o).contains("p10 $"), "{}", stdout(&o));
    // No range, no bands.
    let o = headroom(&["plan", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json["bands"].is_null());

    for bad in [
        ["--set", "users=60k..30k"],
        ["--samples", "0"],
        ["--set", "users=1...5"],
        ["--set", "users=..5"],
        ["--set", "commit_share=floor..1"],
        ["--set", "commit_share=0.2..0.8"],
    ] {
        let o = headroom(&["plan", "--set", "users=30k..60k", bad[0], bad[1]]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{bad:?}: {}", stderr(&o));
    }

    let o = headroom(&["plan", "--preset", "default", "--set", "commitment=1y"]);
    let text = stdout(&o);
    assert!(text.contains("(the floor), 1-year"), "{text}");
    assert!(text.contains("saving                $"), "{text}");
    // The file's spelling works on the command line too.
    let same = headroom(&[
        "plan",
        "--preset",
        "default",
        "--set",
        "commitment=one_year",
    ]);
    assert_eq!(stdout(&same), text);
    let o = headroom(&[
        "plan",
        "--set",
        "commitment=1y",
        "--set",
        "commit_share=floor",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}
