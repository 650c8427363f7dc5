//! End to end: the real binary in a pseudo-terminal, read through a terminal emulator (vt100).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen {
    parser: vt100::Parser,
    bytes: mpsc::Receiver<Vec<u8>>,
}

impl Screen {
    /// Feeds output into the emulator until `done` holds for the screen, or fails after 10 s.
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                self.parser.screen().contents()
            );
            if let Ok(chunk) = self
                .bytes
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                self.parser.process(&chunk);
            }
        }
    }

    fn drain(&mut self) {
        while let Ok(chunk) = self.bytes.recv_timeout(Duration::from_millis(200)) {
            self.parser.process(&chunk);
        }
    }
}

type Running = (
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn Write + Send>,
    Screen,
    std::path::PathBuf,
);

/// The real binary on `falcon-inference` in a 120×36 pty, with its own data directory.
fn start_planner(tag: &str) -> Running {
    start_planner_on(tag, "falcon-inference", 36, 120)
}

/// The real binary on `preset` in a `rows`×`cols` pty, with its own data directory.
fn start_planner_on(
    tag: &str,
    preset: &str,
    rows: u16,
    cols: u16,
) -> (
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn Write + Send>,
    Screen,
    std::path::PathBuf,
) {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_headroom"));
    cmd.args(["--preset", preset]);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let data = std::env::temp_dir().join(format!("headroom-pty-{tag}-{}", std::process::id()));
    cmd.env("HEADROOM_DATA_DIR", &data);
    let child = pair.slave.spawn_command(cmd).expect("start headroom");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let writer = pair.master.take_writer().expect("pty writer");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen {
        parser: vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        ),
        bytes: rx,
    };
    (child, writer, screen, data)
}

fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("wait for headroom") {
            return status;
        }
        assert!(Instant::now() < deadline, "headroom did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn planner_in_a_pty_changes_a_figure_and_restores_the_terminal() {
    let (mut child, mut writer, mut screen, data) = start_planner("keys");

    screen.wait_for("the first frame", |s| {
        s.contents().contains("workers   5 (3 busy at peak)")
    });
    assert!(
        screen.parser.screen().alternate_screen(),
        "the planner draws on the alternate screen"
    );

    // Right arrow three times on the selected Users slider: 500 → 550 → 610 → 670 users.
    for _ in 0..3 {
        writer.write_all(b"\x1b[C").unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    screen.wait_for("the plan to change", |s| {
        s.contents().contains("workers   7 (") && s.contents().contains("670")
    });
    assert!(
        screen
            .parser
            .screen()
            .contents()
            .contains("preset: falcon-inference*")
    );

    // Quit: there are unsaved changes, so it asks; answer yes.
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    screen.wait_for("the quit question", |s| {
        s.contents().contains("Quit and lose your changes")
    });
    writer.write_all(b"y").unwrap();
    writer.flush().unwrap();

    let status = wait_exit(&mut child);
    screen.drain();
    assert!(status.success(), "exit status {status:?}");
    let s = screen.parser.screen();
    assert!(!s.alternate_screen(), "left the alternate screen");
    assert!(!s.hide_cursor(), "cursor shown again");
    assert_eq!(
        std::fs::read_to_string(data.join("last-preset")).unwrap(),
        "falcon-inference"
    );
    std::fs::remove_dir_all(&data).ok();
}

/// `kill -TERM`, a closed window (SIGHUP) or SIGINT from another shell: the planner exits and leaves the
/// terminal as it found it (issue 9, item 9).
#[test]
fn a_signal_restores_the_terminal() {
    for signal in ["TERM", "HUP", "INT"] {
        let (mut child, _writer, mut screen, data) = start_planner(&format!("sig{signal}"));
        screen.wait_for("the first frame", |s| {
            s.contents().contains("workers   5 (3 busy at peak)")
        });
        assert!(screen.parser.screen().alternate_screen());
        assert_ne!(
            screen.parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "the planner reports the mouse"
        );
        let pid = child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = wait_exit(&mut child);
        screen.drain();
        assert!(!status.success(), "{signal}: ended by the signal");
        let s = screen.parser.screen();
        assert!(!s.alternate_screen(), "{signal}: left the alternate screen");
        assert!(!s.hide_cursor(), "{signal}: cursor shown again");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{signal}: mouse reporting off"
        );
        std::fs::remove_dir_all(&data).ok();
    }
}

/// Issue 10's meeting task at 80×24, as typed: "40 000 daily users of a photo app, 8 MB uploads, 85 % cache
/// hit, doubling in a year — cost on GCP and runway?" in 28 keys. The screen must show the GCP total and the
/// runway that `plan` gives for the same scenario.
#[test]
fn the_photo_app_question_at_80_by_24() {
    use headroom::catalog::Catalog;
    use headroom::engine::params::set_key;
    let (mut child, mut writer, mut screen, data) = start_planner_on("photo", "default", 24, 80);
    screen.wait_for("the first frame", |s| {
        s.contents().contains("Plan — Tab opens a pane")
    });
    let keys: &[&[u8]] = &[
        b"/are\r",  // find "Users are" (5 keys)
        b"\x1b[C",  // → daily (1)
        b"kkkkk",   // up to Users (5)
        b"=40k\r",  // 40 000 daily users (5)
        b"jj=8\r",  // Media size 8 MB (5)
        b"j=85%\r", // Cache hit 85 % (6)
        b"p",       // AWS → GCP (1); growth is already ×2 a year
    ];
    let count: usize = keys.iter().map(|k| k.len()).sum::<usize>() - 2; // → is one key
    assert!(count <= 28, "{count} keystrokes");
    for k in keys {
        writer.write_all(k).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(80));
    }
    let mut s = headroom::presets::builtin("default").unwrap().scenario;
    for (k, v) in [
        ("users_are", "daily"),
        ("users", "40k"),
        ("media_mb", "8MB"),
        ("cache_hit", "85%"),
        ("provider", "gcp"),
    ] {
        set_key(&mut s, k, v).unwrap();
    }
    let p = headroom::engine::plan(&s, Catalog::builtin());
    let total = format!("{}/mo", headroom::format::money(p.cost.monthly_usd));
    let runway = p
        .growth
        .runway_months
        .map_or_else(|| "lasts all".to_string(), |m| format!("runway month {m}"));
    screen.wait_for("the GCP plan", |sc| {
        let c = sc.contents();
        c.contains("GCP us-central1") && c.contains(&total)
    });
    let c = screen.parser.screen().contents();
    assert!(c.contains(&total), "{total}\n{c}");
    if p.growth.runway_months.is_some() {
        assert!(c.contains(&runway), "{runway}\n{c}");
    }
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    screen.wait_for("the quit question", |sc| {
        sc.contents().contains("Quit and lose")
    });
    writer.write_all(b"y").unwrap();
    writer.flush().unwrap();
    assert!(wait_exit(&mut child).success());
    std::fs::remove_dir_all(&data).ok();
}
