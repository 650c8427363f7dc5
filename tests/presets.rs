//! Presets on disk: round trips, bad files, unsafe names, crash safety and the `preset` commands,
//! each in a temporary data directory.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::any_scenario;
use headroom::engine::scenario::Scenario;
use headroom::presets::store::{SaveError, Store};
use headroom::presets::{self, Preset, VERSION};
use proptest::prelude::*;

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("headroom-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn headroom(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .env("HEADROOM_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn preset(name: &str, scenario: Scenario) -> Preset {
    Preset {
        version: VERSION,
        name: name.into(),
        description: format!("about {name}"),
        scenario,
    }
}

/// Every file below `dir`, for checking nothing was written elsewhere.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(files(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

#[test]
fn every_builtin_survives_save_and_load() {
    let dir = TempDir::new("builtin");
    let store = Store::at(dir.path().join("presets"));
    for name in presets::builtin_names() {
        let p = presets::builtin(name).unwrap();
        let mine = preset(&format!("my-{name}"), p.scenario.clone());
        store.save(&mine, false).unwrap();
        assert_eq!(store.load(&mine.name).unwrap(), mine, "{name}");
    }
    let (saved, problems) = store.list();
    assert_eq!(saved.len(), 7);
    assert!(problems.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_scenarios_survive_save_and_load(s in any_scenario()) {
        let dir = TempDir::new("prop");
        let store = Store::at(dir.path().to_path_buf());
        let p = preset("random", s);
        store.save(&p, false).unwrap();
        prop_assert_eq!(store.load("random").unwrap(), p);
    }
}

#[test]
fn missing_fields_take_defaults_and_unknown_fields_are_named_with_their_line() {
    let old = presets::parse(
        "(version: 1, name: \"old\", scenario: (users: 42))",
        "old.ron",
    )
    .unwrap();
    assert_eq!(
        old.scenario,
        Scenario {
            users: 42.0,
            ..Scenario::default()
        }
    );
    let e = presets::parse(
        "(\n  version: 1,\n  name: \"x\",\n  scenario: (\n    userz: 5,\n  ),\n)",
        "x.ron",
    )
    .unwrap_err();
    assert!(
        e.message.contains("x.ron line 5") && e.message.contains("userz"),
        "{}",
        e.message
    );
}

/// A file may spell the commitment and its share as `--set` does (`1y`, `floor`, `0.5`) or as headroom
/// writes them (`one_year`, `None`, `Some(0.5)`); a range is `(low, high)` or `(low, likely, high)`. A wrong
/// value is one sentence naming the line, never a serde type name.
#[test]
fn commitments_and_ranges_read_as_they_are_typed() {
    use headroom::engine::ranges::Range;
    use headroom::engine::scenario::Commitment;
    let read = |fields: &str| {
        presets::parse(
            &format!("(version: 1, name: \"x\", scenario: ({fields}))"),
            "x.ron",
        )
        .map(|p| p.scenario)
    };
    for (written, want) in [
        ("one_year", Commitment::OneYear),
        ("\"1y\"", Commitment::OneYear),
        ("three_year", Commitment::ThreeYear),
        ("\"3y\"", Commitment::ThreeYear),
        ("on_demand", Commitment::OnDemand),
    ] {
        let s = read(&format!("commitment: {written}")).unwrap();
        assert_eq!(s.commitment, want, "{written}");
    }
    for (written, want) in [
        ("0.5", Some(0.5)),
        ("1", Some(1.0)),
        ("Some(0.25)", Some(0.25)),
        ("floor", None),
        ("\"floor\"", None),
        ("None", None),
    ] {
        let s = read(&format!("commit_share: {written}")).unwrap();
        assert_eq!(s.commit_share, want, "{written}");
    }
    let s = read("users: 45000, ranges: { \"users\": (30000, 60000) }").unwrap();
    assert_eq!(s.ranges["users"], Range::Uniform(30_000.0, 60_000.0));
    for (fields, says) in [
        (
            "commitment: two_year",
            "`two_year` is not a commitment: choose on_demand, 1y",
        ),
        (
            "commit_share: half",
            "`commit_share` cannot be `half`: write a share from 0 to 1, or floor",
        ),
        (
            "ranges: { \"users\": 5 }",
            "a range: (low, high) or (low, likely, high)",
        ),
    ] {
        let e = read(fields).unwrap_err().message;
        assert!(
            e.starts_with("x.ron line 1") && e.contains(says),
            "{fields}: {e}"
        );
        assert!(!e.contains("untagged") && !e.contains("enum"), "{e}");
    }
    // What headroom writes, it reads back the same.
    let s = Scenario {
        commitment: Commitment::ThreeYear,
        commit_share: Some(0.5),
        ..Scenario::default()
    };
    let back = presets::parse(&presets::to_ron(&preset("x", s.clone())), "x.ron").unwrap();
    assert_eq!(back.scenario, s);
}

/// A value or range a file gets wrong after it parses is named with its line too, whether the field or
/// its `ranges` entry is at fault.
#[test]
fn a_wrong_value_in_a_file_names_its_line() {
    let dir = TempDir::new("line");
    let cases = [
        (
            "users: 200,\n  cache_hit: 5,",
            "line 3: `cache_hit` = 5 is out of range",
        ),
        (
            "users: 200,\n  ranges: {\n    \"users\": (300, 600),\n  },",
            "line 4: `users` = 200 does not fit its range 300..600",
        ),
        (
            "users: 200,\n  ranges: {\n    \"users\": (0, 600),\n  },",
            "line 4: `ranges.users` = 0..600 is out of range",
        ),
    ];
    for (fields, want) in cases {
        let path = dir.path().join("bad.ron");
        fs::write(
            &path,
            format!("(version: 1, name: \"bad\", scenario: (\n  {fields}\n))\n"),
        )
        .unwrap();
        let o = headroom(dir.path(), &["plan", "--file", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(e.contains(&format!("bad.ron {want}")), "{fields}: {e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }
}

/// Each kind of bad file: its message names the path and (where it has one) the line, it exits 2 from
/// the CLI, every other preset still lists, and the file is left as it was.
#[test]
fn bad_files_are_reported_and_left_untouched() {
    let dir = TempDir::new("bad");
    let data = dir.path().join("data");
    let good = headroom(&data, &["preset", "import", "/dev/null"]);
    assert_eq!(good.status.code(), Some(2), "an empty file is refused");
    let store = Store::at(data.clone());
    store
        .save(&preset("good", Scenario::default()), false)
        .unwrap();
    let huge = "// padding\n".repeat(100_000);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "corrupt",
            b"(version: 1, name: \"x\", scenario: (users: ))".to_vec(),
            "line 1",
        ),
        (
            "truncated",
            b"(version: 1,\n name: \"x\",\n scenario: (users: 5".to_vec(),
            "line 3",
        ),
        ("empty", Vec::new(), "is empty"),
        ("huge", huge.into_bytes(), "1 MiB"),
        ("future", b"(version: 2, name: \"x\")".to_vec(), "version 2"),
        ("notron", b"{\"users\": 5}".to_vec(), "line 1"),
        ("binary", vec![0xff, 0xfe, 0x00, 0x41], "not a text"),
        (
            "unknown",
            b"(version: 1, name: \"x\",\n scenario: (userz: 5))".to_vec(),
            "userz",
        ),
    ];
    for (name, bytes, expect) in &cases {
        let path = data.join(format!("{name}.ron"));
        std::fs::write(&path, bytes).unwrap();
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        for args in [
            vec!["plan", "--file", path.to_str().unwrap()],
            vec!["plan", "--preset", name],
            vec!["preset", "show", name],
            vec!["preset", "import", path.to_str().unwrap(), "--name", "copy"],
        ] {
            let o = headroom(&data, &args);
            assert_eq!(o.status.code(), Some(2), "{name} {args:?}");
            let e = stderr(&o);
            assert!(
                e.contains(expect) && e.contains(&format!("{name}.ron")),
                "{name} {args:?}: {e}"
            );
            assert_eq!(e.lines().count(), 1, "{e}");
        }
        assert_eq!(&std::fs::read(&path).unwrap(), bytes, "{name} unchanged");
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
    }
    let list = headroom(&data, &["preset", "list"]);
    assert!(list.status.success());
    assert!(stdout(&list).contains("good") && stdout(&list).contains("falcon-inference"));
    assert_eq!(
        stderr(&list).lines().count(),
        cases.len(),
        "one message per bad file:\n{}",
        stderr(&list)
    );
    assert!(!data.join("copy.ron").exists());
}

#[test]
fn unsafe_names_are_refused_and_nothing_is_written_outside_the_data_directory() {
    let dir = TempDir::new("names");
    let data = dir.path().join("data");
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, presets::to_ron(&preset("mine", Scenario::default()))).unwrap();
    let long = "a".repeat(300);
    for bad in [
        "../x",
        "a/b",
        "a\\b",
        ".hidden",
        "CON",
        "com1",
        "nul.txt",
        "",
        "  ",
        long.as_str(),
        "default",
        "x\ty",
        "a:b",
    ] {
        let o = headroom(
            &data,
            &["preset", "import", file.to_str().unwrap(), "--name", bad],
        );
        assert_eq!(o.status.code(), Some(2), "{bad:?} accepted");
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
        let store = Store::at(data.clone());
        assert!(
            matches!(
                store.save(&preset(bad, Scenario::default()), true),
                Err(SaveError::Refused(_))
            ),
            "{bad:?}"
        );
    }
    assert_eq!(
        files(dir.path()),
        vec![file.clone()],
        "nothing written anywhere"
    );
    let ok = headroom(
        &data,
        &[
            "preset",
            "import",
            file.to_str().unwrap(),
            "--name",
            "Team baseline v2",
        ],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(files(&data), vec![data.join("Team baseline v2.ron")]);
}

#[test]
fn a_save_interrupted_before_the_rename_leaves_the_old_preset_intact() {
    let dir = TempDir::new("crash");
    let store = Store::at(dir.path().to_path_buf());
    let old = preset(
        "mine",
        Scenario {
            users: 100.0,
            ..Scenario::default()
        },
    );
    store.save(&old, false).unwrap();
    // The new version is fully written and flushed, but the process dies before renaming it.
    let temp = store
        .write_temp(&preset(
            "mine",
            Scenario {
                users: 999.0,
                ..Scenario::default()
            },
        ))
        .unwrap();
    assert!(temp.exists() && temp.file_name().unwrap().to_string_lossy().starts_with('.'));
    assert_eq!(store.load("mine").unwrap(), old);
    let (saved, problems) = store.list();
    assert_eq!(
        (saved.len(), problems.len()),
        (1, 0),
        "the temporary file is not a preset"
    );
}

#[test]
fn an_existing_preset_is_replaced_only_with_force() {
    let dir = TempDir::new("force");
    let data = dir.path().join("data");
    let file = dir.path().join("a.ron");
    std::fs::write(
        &file,
        presets::to_ron(&preset(
            "a",
            Scenario {
                users: 5.0,
                ..Scenario::default()
            },
        )),
    )
    .unwrap();
    assert!(
        headroom(&data, &["preset", "import", file.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::write(
        &file,
        presets::to_ron(&preset(
            "a",
            Scenario {
                users: 6.0,
                ..Scenario::default()
            },
        )),
    )
    .unwrap();
    let again = headroom(&data, &["preset", "import", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(
        Store::at(data.clone()).load("a").unwrap().scenario.users,
        5.0
    );
    assert!(
        headroom(
            &data,
            &["preset", "import", file.to_str().unwrap(), "--force"]
        )
        .status
        .success()
    );
    assert_eq!(
        Store::at(data.clone()).load("a").unwrap().scenario.users,
        6.0
    );
    // Export refuses to clobber a file too.
    let out = dir.path().join("out.ron");
    std::fs::write(&out, "keep me").unwrap();
    let o = headroom(
        &data,
        &["preset", "export", "a", "-o", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    assert!(
        headroom(
            &data,
            &[
                "preset",
                "export",
                "a",
                "-o",
                out.to_str().unwrap(),
                "--force"
            ]
        )
        .status
        .success()
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("users: 6.0")
    );
}

#[test]
fn a_teammate_imports_an_exported_preset_and_gets_the_same_plan() {
    let dir = TempDir::new("share");
    let (mine, theirs) = (dir.path().join("mine"), dir.path().join("theirs"));
    Store::at(mine.clone())
        .save(
            &preset(
                "mine",
                Scenario {
                    users: 1234.0,
                    cache_hit: 0.42,
                    ..Scenario::default()
                },
            ),
            false,
        )
        .unwrap();
    let file = dir.path().join("mine.ron");
    assert!(
        headroom(
            &mine,
            &["preset", "export", "mine", "-o", file.to_str().unwrap()]
        )
        .status
        .success()
    );
    let imported = headroom(&theirs, &["preset", "import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let a = headroom(&mine, &["plan", "--preset", "mine", "--format", "json"]);
    let b = headroom(&theirs, &["plan", "--preset", "mine", "--format", "json"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("\"users\": 1234.0"));
    // The commands that read presets see saved ones.
    assert!(stdout(&headroom(&theirs, &["preset", "list"])).contains("mine"));
    assert!(stdout(&headroom(&theirs, &["preset", "show", "mine"])).contains("users: 1234.0"));
    let deleted = headroom(&theirs, &["preset", "delete", "mine"]);
    assert!(deleted.status.success());
    assert_eq!(
        headroom(&theirs, &["plan", "--preset", "mine"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        headroom(&theirs, &["preset", "delete", "falcon-ha"])
            .status
            .code(),
        Some(2),
        "built-ins stay"
    );
}

#[test]
fn a_data_directory_that_cannot_be_created_gives_a_clear_message() {
    let dir = TempDir::new("ro");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let data = blocker.join("presets");
    let src = dir.path().join("p.ron");
    std::fs::write(&src, presets::to_ron(&preset("p", Scenario::default()))).unwrap();
    let o = headroom(&data, &["preset", "import", src.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot create the preset directory"),
        "{}",
        stderr(&o)
    );
    // Everything that does not save still works.
    assert!(headroom(&data, &["preset", "list"]).status.success());
    assert!(
        headroom(&data, &["plan", "--preset", "cocalc"])
            .status
            .success()
    );
}

#[test]
fn builtin_preset_files_are_shown_with_their_comments() {
    let dir = TempDir::new("show");
    let o = headroom(dir.path(), &["preset", "show", "falcon-inference"]);
    assert!(stdout(&o).contains("// 001 example: peak RPS 500"));
    assert_eq!(
        presets::parse(&stdout(&o), "shown").unwrap(),
        presets::builtin("falcon-inference").unwrap()
    );
}

/// A `last-preset` link planted in a shared data directory is replaced, never written through: the file
/// it points to keeps every byte (issue 9, item 1).
#[cfg(unix)]
#[test]
fn a_last_preset_link_is_never_written_through() {
    let dir = TempDir::new("last-link");
    let outside = dir.path().join("bashrc");
    fs::write(&outside, "export PATH=/usr/bin\n").unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(&outside, data.join("last-preset")).unwrap();
    let store = Store::at(data.clone());
    // Reading follows no link either.
    assert_eq!(store.last_used(), None);
    store.set_last_used("mine");
    assert_eq!(fs::read(&outside).unwrap(), b"export PATH=/usr/bin\n");
    assert_eq!(store.last_used().as_deref(), Some("mine"));
    assert!(
        fs::symlink_metadata(data.join("last-preset"))
            .unwrap()
            .file_type()
            .is_file()
    );
}

/// A FIFO named `last-preset` neither hangs the read nor is replaced (issue 9, item 8).
#[cfg(unix)]
#[test]
fn a_last_preset_fifo_is_refused_at_once() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new("last-fifo");
    let fifo = dir.path().join("last-preset");
    mkfifo(&fifo);
    let store = Store::at(dir.path().to_path_buf());
    let started = std::time::Instant::now();
    assert_eq!(store.last_used(), None);
    store.set_last_used("mine");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO is left alone"
    );
}

/// A FIFO or a link to `/dev/zero` named `*.ron` is refused within a second wherever a file is read:
/// `--file`, `--catalog`, `preset import` and the data directory's listing (issue 9, item 8).
#[cfg(unix)]
#[test]
fn fifos_and_device_links_are_refused_at_once() {
    let dir = TempDir::new("fifo");
    let fifo = dir.path().join("team.ron");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for file in [&fifo, &zero] {
        let f = file.to_str().unwrap();
        for args in [
            vec!["plan", "--file", f],
            vec!["plan", "--catalog", f],
            vec!["preset", "import", f, "--name", "x"],
        ] {
            let started = std::time::Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
                .args(&args)
                .env("HEADROOM_DATA_DIR", dir.path().join("data"))
                .output()
                .unwrap();
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "{args:?}"
            );
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("not a regular file"), "{args:?}: {err}");
        }
    }
    // Planted in the data directory itself, listing still works and names them.
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["preset", "list"])
        .env("HEADROOM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("team.ron is not a regular file"));
}

/// Terminal escape sequences in a teammate's file or in `--set` never reach the terminal raw: such a
/// preset is refused naming the field, and every message shows control characters escaped (issue 9,
/// item 12).
#[test]
fn escape_sequences_never_reach_the_terminal() {
    let dir = TempDir::new("escapes");
    let cases = [
        (
            r#"(version: 1, name: "x\u{1b}[2J", scenario: ())"#,
            "`name`",
        ),
        (
            r#"(version: 1, name: "x", description: "hi\u{1b}]0;pwned\u{7}", scenario: ())"#,
            "`description`",
        ),
        (
            r#"(version: 1, name: "x", scenario: (region: Some("a\u{1b}[2J")))"#,
            "`region`",
        ),
        (
            r#"(version: 1, name: "x", scenario: (app_pool: "gen\u{1b}[31m"))"#,
            "`app_pool`",
        ),
        (
            r#"(version: 1, name: "x", scenario: (node_types: { "p\u{1b}[2J": "auto" }))"#,
            "`node_type.p",
        ),
    ];
    for (i, (text, field)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("esc{i}.ron"));
        fs::write(&file, text).unwrap();
        for args in [
            vec!["plan", "--file", file.to_str().unwrap()],
            vec!["preset", "import", file.to_str().unwrap(), "--name", "x"],
        ] {
            let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
                .args(&args)
                .env("HEADROOM_DATA_DIR", dir.path().join("data"))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(
                !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
                "{args:?}"
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(field), "{args:?}: {err}");
        }
    }
    // Planted in the data directory, it is skipped in the list with the escape shown, not sent.
    fs::create_dir_all(dir.path().join("data")).unwrap();
    fs::write(dir.path().join("data/bad.ron"), cases[0].0).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["preset", "list"])
        .env("HEADROOM_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    // On the command line too: `--set region=<ESC>[2J` is refused, and an unknown key is shown escaped.
    for set in ["region=\u{1b}[2J", "\u{1b}[2J=5"] {
        let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args(["plan", "--set", set])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            !out.stderr.contains(&0x1b),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
}

/// Twenty imports racing for one name without `--force`: exactly one wins, the others are told the name is
/// taken, and the file is one complete preset (issue 9, item 3).
#[test]
fn concurrent_imports_without_force_never_replace_each_other() {
    let dir = TempDir::new("race");
    let data = dir.path().join("data");
    let source = dir.path().join("team.ron");
    let p = preset("team", presets::builtin("coder-10k").unwrap().scenario);
    fs::write(&source, presets::format::to_ron(&p)).unwrap();
    let children: Vec<_> = (0..20)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_headroom"))
                .args([
                    "preset",
                    "import",
                    source.to_str().unwrap(),
                    "--name",
                    "same",
                ])
                .env("HEADROOM_DATA_DIR", &data)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<Option<i32>> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| **c == Some(0)).count(),
        1,
        "{codes:?}"
    );
    assert!(codes.iter().all(|c| matches!(c, Some(0 | 2))), "{codes:?}");
    let store = Store::at(data.clone());
    assert_eq!(store.load("same").unwrap().scenario, p.scenario);
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `export --force` never replaces a FIFO or device with a regular file, and keeps a replaced file's
/// permissions (issue 9, item 5).
#[cfg(unix)]
#[test]
fn export_force_replaces_only_regular_files_and_keeps_their_mode() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = TempDir::new("export-force");
    let fifo = dir.path().join("pipe.ron");
    mkfifo(&fifo);
    let run = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args([
                "preset",
                "export",
                "default",
                "-o",
                out.to_str().unwrap(),
                "--force",
            ])
            .env("HEADROOM_DATA_DIR", dir.path().join("data"))
            .output()
            .unwrap()
    };
    let out = run(&fifo);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let private = dir.path().join("private.ron");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(run(&private).status.success());
    let meta = fs::metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        fs::read_to_string(&private)
            .unwrap()
            .contains("name: \"default\"")
    );
}

/// A preset that would be saved larger than the 1 MiB that reading accepts is refused before anything is
/// written (issue 9, item 6); temporary files older than an hour are cleaned, fresh ones kept (item 4).
#[test]
fn oversized_saves_are_refused_and_stale_temps_cleaned() {
    let dir = TempDir::new("oversize");
    let store = Store::at(dir.path().to_path_buf());
    let mut big = preset("big", Scenario::default());
    big.description = "x".repeat(1_100_000);
    let err = store.save(&big, false).unwrap_err().to_string();
    assert!(
        err.contains("1 MiB") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(store.load("big").is_err());
    let stale = dir.path().join(".headroom-abc.tmp");
    let fresh = dir.path().join(".headroom-def.tmp");
    fs::write(&stale, "half a preset").unwrap();
    fs::write(&fresh, "a save in progress").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(2);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    assert_eq!(store.clean_stale_temps(), 1);
    assert!(!stale.exists() && fresh.exists());
}

/// A file saved with a UTF-8 byte-order mark loads like any other (issue 9, item 13).
#[test]
fn a_byte_order_mark_is_ignored() {
    let dir = TempDir::new("bom");
    let file = dir.path().join("bom.ron");
    fs::write(
        &file,
        "\u{feff}(version: 1, name: \"bom\", scenario: (users: 300))",
    )
    .unwrap();
    let p = presets::format::read_file(&file).unwrap();
    assert_eq!((p.name.as_str(), p.scenario.users), ("bom", 300.0));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes at all: the preset and catalog parsers never panic, and a syntax error says where.
    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = presets::format::parse(&text, "x.ron") {
            let e = e.to_string();
            prop_assert!(e.contains("line") || e.contains("empty"), "{e}");
        }
        if let Err(e) = headroom::catalog::Catalog::parse(&text, "c.ron") {
            prop_assert!(e.to_string().contains("line"), "{e}");
        }
    }

    /// Near-misses of a real preset (one byte changed) are refused with a position or a field, or load.
    #[test]
    fn mutated_presets_never_panic(at in 0usize..2000, byte in any::<u8>()) {
        let mut text = presets::format::to_ron(&presets::builtin("diffgram").unwrap()).into_bytes();
        let i = at % text.len();
        text[i] = byte;
        let text = String::from_utf8_lossy(&text);
        if let Err(e) = presets::format::parse(&text, "x.ron") {
            let e = e.to_string();
            prop_assert!(e.contains("x.ron"), "{e}");
        }
    }
}

/// Messages that say what is wrong and where (issue 9, item 13): a range error from a file names the file,
/// a tiny value is not shown as 0, and a data directory that is a file says so.
#[test]
fn refusals_name_the_file_and_the_real_value() {
    let dir = TempDir::new("messages");
    let file = dir.path().join("team.ron");
    fs::write(
        &file,
        "(version: 1, name: \"t\", scenario: (users: 1e-320))",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["plan", "--file", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("team.ron") && err.contains("1e-320"), "{err}");
    let not_dir = dir.path().join("afile");
    fs::write(&not_dir, "").unwrap();
    let good = dir.path().join("good.ron");
    fs::write(&good, "(version: 1, name: \"g\", scenario: ())").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["preset", "import", good.to_str().unwrap(), "--name", "x"])
        .env("HEADROOM_DATA_DIR", &not_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a file, not a directory"), "{err}");
}

/// A failure of the machine keeps its cause: the I/O error is the source of the preset error.
#[test]
fn io_failures_keep_their_source() {
    let dir = TempDir::new("source");
    let file = dir.path().join("plain");
    fs::write(&file, "").unwrap();
    let store = Store::at(file.join("below-a-file"));
    let err = store
        .save(&preset("mine", Scenario::default()), false)
        .unwrap_err();
    let SaveError::Refused(e) = &err else {
        panic!("{err}")
    };
    assert!(std::error::Error::source(e).is_some(), "{e}");
    assert!(
        e.message.contains("cannot create the preset directory"),
        "{e}"
    );
}

/// Links planted where the old code put its predictable temporary files are never followed: a save writes
/// only its own exclusively created, randomly named file (issue 9, item 4).
#[cfg(unix)]
#[test]
fn planted_temp_links_are_never_followed() {
    let dir = TempDir::new("planted");
    let outside = dir.path().join("victim");
    fs::write(&outside, "keep me").unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(&data).unwrap();
    for pid in [std::process::id(), 1, 2, 12_345] {
        std::os::unix::fs::symlink(&outside, data.join(format!(".mine.ron.{pid}.tmp"))).unwrap();
    }
    let store = Store::at(data.clone());
    store
        .save(&preset("mine", Scenario::default()), false)
        .unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
    assert_eq!(store.load("mine").unwrap().scenario, Scenario::default());
}
