//! The planner driven through key and mouse events against a `TestBackend`: snapshots of every
//! preset and dialog, actions that change the plan, and random key sequences at random sizes.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::PRESETS;

use headroom::catalog::Catalog;
use headroom::engine::params::range_errors;
use headroom::presets;
use headroom::tui::app::{App, Overlay};
use headroom::tui::{draw_once, keys};
use insta::assert_snapshot;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn app(preset: &str) -> App<'static> {
    let p = presets::builtin(preset).unwrap();
    App::new(&p.name, p.scenario, Catalog::builtin())
}

/// What the event loop does with an event: update, then perform the writes it asked for.
fn send(app: &mut App, event: Event) {
    if let Some(action) = keys::action_for(&event, app) {
        app.update(action);
        app.perform();
    }
}

/// An update whose writes are dropped (reads are performed), so any key can be pressed.
fn send_without_io(app: &mut App, event: Event) {
    use headroom::tui::app::Effect;
    if let Some(action) = keys::action_for(&event, app) {
        app.update(action);
        app.effects
            .retain(|e| matches!(e, Effect::ListPresets | Effect::Load(_) | Effect::OpenSave));
        app.perform();
    }
}

fn press(app: &mut App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    draw_once(&mut terminal, app).unwrap();
    terminal
}

#[test]
fn every_preset_at_120_by_36() {
    for p in PRESETS {
        let mut a = app(p);
        assert_snapshot!(format!("wide_{p}"), screen(&mut a, 120, 36).backend());
    }
}

#[test]
fn every_preset_at_80_by_24_is_tabbed() {
    for p in PRESETS {
        let mut a = app(p);
        assert_snapshot!(format!("narrow_{p}"), screen(&mut a, 80, 24).backend());
    }
}

#[test]
fn narrow_layout_on_the_cost_tab() {
    let mut a = app("falcon-inference");
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    let t = screen(&mut a, 80, 24);
    assert_snapshot!(t.backend());
    assert!(format!("{}", t.backend()).contains("┌ Cost "));
}

#[test]
fn help_overlay() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('?'));
    assert_snapshot!(screen(&mut a, 120, 36).backend());
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn explain_popup_shows_the_formula_with_numbers() {
    let mut a = app("falcon-inference");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('e'));
    let text = format!("{}", screen(&mut a, 120, 36).backend());
    assert!(
        text.contains("workers = max(⌈busy ÷ target_utilization⌉, 1)")
            && text.contains("= max(⌈3 ÷ 0.6⌉, 1)")
            && text.contains("= 5"),
        "{text}"
    );
    assert_snapshot!(text);
}

#[test]
fn node_type_picker_filters_and_sets_the_pool() {
    let mut a = app("falcon-inference");
    press(&mut a, KeyCode::Char('n'));
    type_text(&mut a, "c5.");
    assert_snapshot!(screen(&mut a, 120, 36).backend());
    // c5.xlarge, c5.2xlarge, c5.4xlarge by size: pick the largest.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.node_types["general"], "c5.4xlarge");
    assert_eq!(&*a.plan.node_pools[0].node_type, "c5.4xlarge");
}

#[test]
fn right_three_times_on_users_raises_workers() {
    let mut a = app("falcon-inference");
    let before = a.plan.compute.workers;
    for _ in 0..3 {
        press(&mut a, KeyCode::Right);
    }
    assert_eq!(a.scenario.users, 670.0);
    assert!(
        a.plan.compute.workers > before,
        "{} → {}",
        before,
        a.plan.compute.workers
    );
    assert!(a.previous.is_some(), "changed figures are highlighted");
    let text = format!("{}", screen(&mut a, 120, 36).backend());
    assert!(
        text.contains("preset: falcon-inference*"),
        "modified marker"
    );
}

#[test]
fn typing_250_into_users_sets_exactly_250() {
    let mut a = app("falcon-inference");
    press(&mut a, KeyCode::Char('='));
    type_text(&mut a, "250");
    assert_snapshot!(screen(&mut a, 120, 36).backend());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.users, 250.0);
    assert_eq!(a.plan.traffic.peak_rps, 250.0);
}

#[test]
fn a_bad_typed_value_is_refused_and_esc_cancels() {
    let mut a = app("default");
    press(&mut a, KeyCode::Enter);
    for _ in 0..5 {
        press(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "0");
    press(&mut a, KeyCode::Enter);
    match &a.overlay {
        Overlay::Edit(e) => assert!(
            e.field
                .error
                .as_deref()
                .is_some_and(|m| m.contains("`users`")),
            "{:?}",
            e.field.error
        ),
        other => panic!("field closed: {other:?}"),
    }
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.scenario.users, 200.0);
}

#[test]
fn shift_steps_ten_times_and_home_end_reach_the_bounds() {
    let mut a = app("default");
    send(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT)),
    );
    assert_eq!(a.scenario.users, 2000.0);
    press(&mut a, KeyCode::End);
    assert_eq!(a.scenario.users, 1e9);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.scenario.users, 1.0);
}

#[test]
fn undo_and_reset_return_to_earlier_scenarios() {
    let mut a = app("default");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    assert_eq!(a.scenario.intensity, 0.52);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.scenario.intensity, 0.51);
    press(&mut a, KeyCode::Char('r'));
    assert_eq!(a.scenario, a.base);
    assert!(!a.modified());
}

#[test]
fn provider_cycles_and_reprices() {
    let mut a = app("default");
    let aws = a.plan.cost.monthly_usd;
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(a.plan.cost.provider.label(), "GCP");
    assert_eq!(a.plan.cost.monthly_usd, a.plan.cost.by_provider.gcp);
    assert_ne!(a.plan.cost.monthly_usd, aws);
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(a.plan.cost.provider.label(), "AWS");
}

#[test]
fn quitting_asks_only_with_unsaved_changes() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit, "nothing changed: quits at once");
    let mut a = app("default");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit && matches!(a.overlay, Overlay::Confirm(_)));
    press(&mut a, KeyCode::Char('n'));
    assert!(!a.quit && matches!(a.overlay, Overlay::None));
    // Ctrl-C asks too; a second Ctrl-C force-quits.
    send(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(!a.quit && matches!(a.overlay, Overlay::Confirm(_)));
    send(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(a.quit);
    let mut a = app("default");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('q'));
    press(&mut a, KeyCode::Char('y'));
    assert!(a.quit);
}

#[test]
fn clicking_a_slider_sets_it_and_scrolling_adjusts_it() {
    let mut a = app("default");
    let _ = screen(&mut a, 120, 36);
    // The cache-hit slider is the fourth row inside the inputs pane (y = 2 + 3); its bar starts after
    // the 16-column label and a space, at x = 1 + 17.
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    send(&mut a, click(18, 5));
    assert_eq!(a.input, 3);
    assert_eq!(a.scenario.cache_hit, 0.0, "left end of the bar");
    let scroll = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 10,
        row: 2,
        modifiers: KeyModifiers::NONE,
    });
    send(&mut a, scroll);
    assert_eq!((a.input, a.scenario.users), (0, 220.0));
}

#[test]
fn renders_at_every_tiny_size_without_panicking() {
    for w in 0..30 {
        for h in 0..12 {
            let mut a = app("coder-10k");
            if w > 0 && h > 0 {
                let t = screen(&mut a, w, h);
                assert_eq!(t.backend().buffer().area.width, w);
            }
        }
    }
}

/// Keys a person might press, including ones that open every dialog.
fn any_key() -> impl Strategy<Value = (KeyCode, bool)> {
    let codes = prop::sample::select(vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Char('='),
        KeyCode::Char('e'),
        KeyCode::Char('n'),
        KeyCode::Char('p'),
        KeyCode::Char('u'),
        KeyCode::Char('r'),
        KeyCode::Char('?'),
        KeyCode::Char('w'),
        KeyCode::Char('9'),
        KeyCode::Char('0'),
        KeyCode::Char('.'),
        // Updates never write (the loop performs their effects), so every key can be pressed.
        KeyCode::Char('x'),
        KeyCode::Char('y'),
        KeyCode::Char('/'),
        KeyCode::Char('k'),
        KeyCode::Char('%'),
        KeyCode::Char('s'),
        KeyCode::Char('o'),
        KeyCode::Char('d'),
        KeyCode::Char('H'),
        KeyCode::Char('L'),
    ]);
    (codes, any::<bool>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic_and_stay_in_range(
        preset in prop::sample::select(PRESETS.to_vec()),
        keys in prop::collection::vec(any_key(), 1..60),
        width in 1u16..=300,
        height in 1u16..=100,
    ) {
        let mut a = app(preset);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for (code, shift) in keys {
            let mods = if shift { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            send_without_io(&mut a, Event::Key(KeyEvent::new(code, mods)));
            draw_once(&mut terminal, &mut a).unwrap();
            prop_assert!(range_errors(&a.scenario).is_empty(), "{:?}", range_errors(&a.scenario));
            if a.quit {
                break;
            }
        }
    }
}

/// A planner whose saved presets go to a fixed directory under `target/`, so snapshots are stable.
fn app_with_store(preset: &str, dir: &str) -> App<'static> {
    let path = std::path::PathBuf::from("target").join(dir);
    let _ = std::fs::remove_dir_all(&path);
    app(preset).with_store(Some(headroom::presets::store::Store::at(path)))
}

fn clear_field(a: &mut App) {
    for _ in 0..40 {
        press(a, KeyCode::Backspace);
    }
}

#[test]
fn save_dialog_saves_and_asks_before_replacing() {
    let mut a = app_with_store("falcon-inference", "tui-save");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "falcon/ha");
    assert_snapshot!(
        "save_dialog_refuses_a_slash",
        screen(&mut a, 120, 36).backend()
    );
    clear_field(&mut a);
    type_text(&mut a, "mine");
    assert_snapshot!("save_dialog", screen(&mut a, 120, 36).backend());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.preset, "mine");
    assert!(!a.modified(), "saved: no longer marked changed");
    let store = a.store.clone().unwrap();
    assert_eq!(store.load("mine").unwrap().scenario, a.scenario);
    assert_eq!(store.last_used().as_deref(), Some("mine"));
    // Saving again under the same name asks first.
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Overlay::Confirm(_)));
    assert_snapshot!("save_replace_question", screen(&mut a, 120, 36).backend());
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(
        store.load("mine").unwrap().scenario.users,
        550.0,
        "not replaced"
    );
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(
        store.load("mine").unwrap().scenario.users,
        610.0,
        "replaced after yes"
    );
}

#[test]
fn open_dialog_lists_builtin_and_saved_presets_and_filters() {
    let mut a = app_with_store("default", "tui-open");
    let store = a.store.clone().unwrap();
    let mine = headroom::presets::Preset {
        version: 1,
        name: "team-baseline".into(),
        description: "What we agreed in the design review".into(),
        scenario: headroom::engine::scenario::Scenario {
            users: 4321.0,
            ..Default::default()
        },
    };
    store.save(&mine, false).unwrap();
    press(&mut a, KeyCode::Char('o'));
    assert_snapshot!("open_dialog", screen(&mut a, 120, 36).backend());
    type_text(&mut a, "team");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        (a.preset.as_str(), a.scenario.users),
        ("team-baseline", 4321.0)
    );
    assert!(!a.modified());
    press(&mut a, KeyCode::Char('o'));
    type_text(&mut a, "coder");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.preset, "coder-10k");
    press(&mut a, KeyCode::Char('u'));
    // Opening is an undo boundary (UX.md Revision 2): the name and the values stay together.
    assert_eq!(a.preset, "coder-10k");
    assert_eq!(
        a.scenario.users, 3000.0,
        "undo never crosses into the previous preset"
    );
}

#[test]
fn export_dialog_writes_the_preset_or_the_plan_by_extension() {
    let mut a = app_with_store("falcon-inference", "tui-export");
    let dir = std::path::PathBuf::from("target/tui-export-out");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    press(&mut a, KeyCode::Char('x'));
    clear_field(&mut a);
    type_text(&mut a, "target/tui-export-out/plan.txt");
    assert_snapshot!(
        "export_dialog_wants_an_extension",
        screen(&mut a, 120, 36).backend()
    );
    for _ in 0..3 {
        press(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "md");
    press(&mut a, KeyCode::Enter);
    let md = std::fs::read_to_string(dir.join("plan.md")).unwrap();
    assert!(md.starts_with("# Capacity plan: falcon-inference"));
    press(&mut a, KeyCode::Char('x'));
    clear_field(&mut a);
    type_text(&mut a, "target/tui-export-out/falcon.ron");
    press(&mut a, KeyCode::Enter);
    let ron = std::fs::read_to_string(dir.join("falcon.ron")).unwrap();
    let exported = headroom::presets::parse(&ron, "x").unwrap();
    assert_eq!(exported.scenario, a.scenario);
    // The description travels with the file (issue 9, item 7).
    let builtin = headroom::presets::builtin("falcon-inference").unwrap();
    assert!(
        exported.description.contains(&builtin.description),
        "{}",
        exported.description
    );
    // Exporting over an existing file asks first.
    press(&mut a, KeyCode::Char('x'));
    clear_field(&mut a);
    type_text(&mut a, "target/tui-export-out/plan.md");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Overlay::Confirm(_)));
    press(&mut a, KeyCode::Esc);
    assert_eq!(std::fs::read_to_string(dir.join("plan.md")).unwrap(), md);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn delete_asks_first_and_only_deletes_saved_presets() {
    let mut a = app_with_store("default", "tui-delete");
    press(&mut a, KeyCode::Char('d'));
    assert!(
        matches!(a.overlay, Overlay::None),
        "built-in presets cannot be deleted"
    );
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("not a saved preset"))
    );
    press(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "scratch");
    press(&mut a, KeyCode::Enter);
    let store = a.store.clone().unwrap();
    assert!(store.load("scratch").is_ok());
    press(&mut a, KeyCode::Char('d'));
    assert_snapshot!("delete_question", screen(&mut a, 120, 36).backend());
    // Ctrl-C and Esc cancel the question: the preset stays.
    send(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(matches!(a.overlay, Overlay::None) && !a.quit);
    assert!(store.load("scratch").is_ok());
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Esc);
    assert!(store.load("scratch").is_ok());
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    assert!(store.load("scratch").is_err());
}

#[test]
fn without_a_preset_directory_saving_says_why() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "mine");
    press(&mut a, KeyCode::Enter);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("HEADROOM_DATA_DIR")),
        "{:?}",
        a.status
    );
}

#[test]
fn opening_a_preset_the_command_line_refuses_is_refused_too() {
    // A teammate's file with an out-of-range value: `headroom plan --file` exits 2 naming cache_hit; `o`
    // must not show "Cache hit 500 %" beside a plan computed on clamped values (issue 9, item 11).
    let mut a = app_with_store("default", "tui-open-bad");
    let store = a.store.clone().unwrap();
    std::fs::create_dir_all(store.dir()).unwrap();
    std::fs::write(
        store.dir().join("bad.ron"),
        "(version: 1, name: \"bad\", scenario: (cache_hit: 5))",
    )
    .unwrap();
    let before = a.scenario.clone();
    press(&mut a, KeyCode::Char('o'));
    type_text(&mut a, "bad");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario, before);
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("cache_hit"), "{status}");
    assert_ne!(a.preset, "bad");
}

#[test]
fn the_default_export_name_never_leaves_the_working_directory() {
    // A teammate's preset named "../../../x" must not pick where the file goes (issue 9, item 7).
    for (name, expected) in [
        ("../../../x", "x.ron"),
        ("team plan", "team-plan.ron"),
        (".hidden", "hidden.ron"),
        ("/", "preset.ron"),
    ] {
        let mut a = App::new(
            name,
            presets::builtin("default").unwrap().scenario,
            Catalog::builtin(),
        );
        press(&mut a, KeyCode::Char('x'));
        match &a.overlay {
            Overlay::Export(field) => assert_eq!(field.input.value(), expected, "{name}"),
            other => panic!("{other:?}"),
        }
    }
}

// ── Issue 10: the planner in a meeting (UX.md Revision 2) ──────────────────────────────────────

/// `=` selects the value: typing 40000 on Users (200) gives exactly 40 000, not 20 040 000.
#[test]
fn typing_replaces_the_value_and_units_are_understood() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('='));
    type_text(&mut a, "40000");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.users, 40_000.0);
    press(&mut a, KeyCode::Char('='));
    type_text(&mut a, "1.5M");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.users, 1.5e6);
    // Cache hit is the fourth slider: 85% and 0.85 both mean 0.85.
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('='));
    type_text(&mut a, "85%");
    press(&mut a, KeyCode::Enter);
    assert!((a.scenario.cache_hit - 0.85).abs() < 1e-12);
    // A cursor key keeps the old value for editing: End, then append a digit.
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Char('='));
    press(&mut a, KeyCode::End);
    type_text(&mut a, "0");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.media_mb, 50.0);
}

/// The export path is replaced too: no `photo-40k.ronphoto-40k.ron`.
#[test]
fn typing_replaces_the_export_path() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('x'));
    type_text(&mut a, "photo.md");
    match &a.overlay {
        Overlay::Export(f) => assert_eq!(f.input.value(), "photo.md"),
        other => panic!("{other:?}"),
    }
}

/// Undo after opening another preset never shows that preset's name over the old values.
#[test]
fn undo_stops_at_opening_a_preset() {
    let mut a = app("default");
    press(&mut a, KeyCode::Right);
    let changed = a.scenario.users;
    assert_ne!(changed, 200.0);
    press(&mut a, KeyCode::Char('o'));
    type_text(&mut a, "diffgram");
    press(&mut a, KeyCode::Enter);
    // The changes to default are unsaved: opening asks first, and n keeps them.
    assert!(
        matches!(&a.overlay, Overlay::Confirm(c) if c.question.contains("lose your changes to default"))
    );
    press(&mut a, KeyCode::Char('n'));
    assert_eq!((a.preset.as_str(), a.scenario.users), ("default", changed));
    press(&mut a, KeyCode::Char('o'));
    type_text(&mut a, "diffgram");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(a.preset, "diffgram");
    let opened = a.scenario.clone();
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.preset, "diffgram");
    assert_eq!(
        a.scenario, opened,
        "undo did not cross into the previous preset"
    );
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("nothing to undo"))
    );
}

/// Esc never quits; q does.
#[test]
fn esc_on_the_main_screen_does_not_quit() {
    let mut a = app("default");
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit);
    assert!(matches!(a.overlay, Overlay::None));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

/// ←/→ in an output pane move between its figures and change no input.
#[test]
fn left_and_right_in_an_output_pane_change_no_input() {
    let mut a = app("default");
    press(&mut a, KeyCode::Tab);
    let before = a.scenario.clone();
    for _ in 0..200 {
        press(&mut a, KeyCode::Right);
    }
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::End);
    assert_eq!(a.scenario, before);
    assert!(a.selected_figure(a.focus).is_some());
}

/// One key table drives handling, footer, help and the README: the README's table is generated from it.
#[test]
fn the_readme_key_table_is_the_planner_key_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("| key | what it does |")
        .expect("README has the key table");
    let end = readme[start..]
        .find("\n\n")
        .map_or(readme.len(), |e| start + e + 1);
    let table = &readme[start..end];
    let expected = headroom::tui::keymap::markdown_table();
    if table != expected {
        std::fs::write(concat!(env!("CARGO_TARGET_TMPDIR"), "/keys.md"), &expected).unwrap();
    }
    assert_eq!(
        table, expected,
        "regenerate the README's key table from keymap::KEYS"
    );
    // Every footer key is a key the table handles.
    for (key, _) in headroom::tui::keymap::footer(true).chain(headroom::tui::keymap::footer(false))
    {
        assert!(
            headroom::tui::keymap::KEYS
                .iter()
                .any(|b| b.footer.is_some_and(|f| f.0 == key))
        );
    }
}

/// Help lists every key of the table and scrolls to its end at 80×24.
#[test]
fn help_is_complete_and_scrolls() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..80 {
        seen += &screen(&mut a, 80, 24).backend().to_string();
        press(&mut a, KeyCode::Down);
    }
    for b in headroom::tui::keymap::KEYS {
        assert!(seen.contains(b.keys), "help never shows {}", b.keys);
    }
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
}

/// Styled buffer tests (UX.md Revision 2): the change highlight shows on the slider that moved and on the
/// figures that changed, the selected row is reversed, the focused pane's border is bright, and `NO_COLOR`
/// keeps the highlight without colour.
#[test]
fn the_change_highlight_and_focus_are_visible_in_styles() {
    use headroom::tui::theme::Theme;
    use ratatui::style::{Color, Modifier};
    for (theme, coloured) in [(Theme::color(), true), (Theme::mono(), false)] {
        let mut a = app("falcon-inference");
        a.theme = theme;
        press(&mut a, KeyCode::Right);
        let t = screen(&mut a, 120, 36);
        let buf = t.backend().buffer();
        let row_text = |y: u16| -> String { (0..120).map(|x| buf[(x, y)].symbol()).collect() };
        // Users is the first slider (row 2); its value sits at the right of the inputs pane.
        assert!(row_text(2).contains("550"), "{}", row_text(2));
        let value_cells: Vec<_> = (28..37)
            .map(|x| &buf[(x, 2)])
            .filter(|c| c.symbol() != " ")
            .collect();
        assert!(!value_cells.is_empty());
        for c in &value_cells {
            assert!(
                c.modifier.contains(Modifier::BOLD),
                "slider value not highlighted"
            );
            if coloured {
                assert_eq!(c.fg, Color::Yellow);
            } else {
                assert_eq!(c.fg, Color::Reset, "NO_COLOR: no colour");
            }
        }
        // The selected input's label is reversed.
        assert!(buf[(2, 2)].modifier.contains(Modifier::REVERSED));
        // The peak figure changed (500 → 550 RPS): highlighted in the Compute pane.
        let y = (0..36)
            .find(|y| row_text(*y).contains("peak      550"))
            .unwrap();
        let x = row_text(y).chars().take_while(|_| true).collect::<Vec<_>>();
        let x = x
            .windows(4)
            .position(|w| w.iter().collect::<String>() == "peak")
            .unwrap() as u16;
        let cell = &buf[(x + 1, y)];
        assert!(
            cell.modifier.contains(Modifier::BOLD),
            "changed figure not highlighted"
        );
        // The focused pane (Inputs) has the bright border.
        let border = &buf[(0, 1)];
        assert_eq!(border.fg, a.theme.focus_border.fg.unwrap_or(Color::Reset));
        a.update(headroom::tui::action::Action::ClearHighlight);
        let t = screen(&mut a, 120, 36);
        let after = t.backend().buffer();
        assert!(
            (28..37).all(|x| !after[(x, 2)].modifier.contains(Modifier::BOLD)),
            "the highlight clears"
        );
    }
}

/// No number is ever cut (UX.md Revision 2): every built-in preset at users 1 … 10⁸, widths 80 … 200 and
/// heights 24, 34 and 50. Every number on screen is well formed (no `250,0` or `607,360,`), and the header
/// total and the three providers' totals appear whole or in their compact form (never `Azure $17` for
/// $173,227).
#[test]
fn no_number_is_ever_clipped() {
    use headroom::format::money;
    use headroom::tui::fit::compact_numbers;
    let well_formed = |token: &str| {
        let groups: Vec<&str> = token.split('.').next().unwrap_or("").split(',').collect();
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3))
    };
    for p in PRESETS {
        for users in [1.0, 1e2, 1e4, 1e6, 1e8] {
            let mut a = app(p);
            a.scenario.users = users;
            a.update(headroom::tui::action::Action::Reset);
            let mut s = a.scenario.clone();
            s.users = users;
            let mut a = App::new(p, s, Catalog::builtin());
            for width in (80..=200).step_by(10) {
                for height in [24, 34, 50] {
                    let text = screen(&mut a, width, height).backend().to_string();
                    let chars: Vec<char> = text.chars().collect();
                    let mut i = 0;
                    while i < chars.len() {
                        if chars[i].is_ascii_digit()
                            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
                        {
                            let mut j = i;
                            while j < chars.len()
                                && (chars[j].is_ascii_digit()
                                    || (matches!(chars[j], ',' | '.')
                                        && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
                            {
                                j += 1;
                            }
                            let token: String = chars[i..j].iter().collect();
                            assert!(
                                well_formed(&token),
                                "{p} users {users} at {width}×{height}: `{token}` is cut\n{text}"
                            );
                            // A comma right after a number is a cut group ("607,360,").
                            assert!(
                                !(chars.get(j) == Some(&',')
                                    && chars.get(j + 1).is_some_and(|c| *c == '"' || *c == '│')),
                                "{p} users {users} at {width}×{height}: `{token},` is cut\n{text}"
                            );
                            i = j;
                        } else {
                            i += 1;
                        }
                    }
                    let whole_or_compact = |v: f64| {
                        let m = money(v);
                        text.contains(&m) || text.contains(&compact_numbers(&m))
                    };
                    assert!(
                        whole_or_compact(a.plan.cost.monthly_usd),
                        "{p} users {users} at {width}×{height}: total\n{text}"
                    );
                    if text.contains("Azure $") {
                        let b = &a.plan.cost.by_provider;
                        for v in [b.aws, b.gcp, b.azure] {
                            assert!(
                                whole_or_compact(v),
                                "{p} users {users} at {width}×{height}: {}\n{text}",
                                money(v)
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Every pane is live at 80×24: the sliders share the screen with a line per pane, and moving a slider
/// changes them all at once.
#[test]
fn every_pane_is_live_at_80_by_24() {
    let mut a = app("falcon-inference");
    let before = screen(&mut a, 80, 24).backend().to_string();
    for line in [
        "compute  5 workers",
        "nodes    1 × c5.2xlarge",
        "cost     $350/mo",
        "warnings",
    ] {
        assert!(before.contains(line), "{line}\n{before}");
    }
    for _ in 0..3 {
        press(&mut a, KeyCode::Right);
    }
    let after = screen(&mut a, 80, 24).backend().to_string();
    for line in [
        "compute  7 workers",
        "nodes    2 × c5.2xlarge",
        "cost     $632/mo",
        "runway month 4",
    ] {
        assert!(after.contains(line), "{line}\n{after}");
    }
    assert_snapshot!(after);
}

/// The save dialog has a description (UX.md Revision 2): Tab moves to it, typing replaces the suggested
/// one, and the saved preset carries it.
#[test]
fn a_saved_preset_carries_the_description_typed() {
    let mut a = app_with_store("default", "tui-describe");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "photo-app");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "40k daily users, 8 MB photos");
    press(&mut a, KeyCode::Enter);
    let store = a.store.clone().unwrap();
    let saved = store.load("photo-app").unwrap();
    assert_eq!(saved.description, "40k daily users, 8 MB photos");
}

/// `y` puts a Markdown summary with its inputs on the clipboard through the terminal (OSC 52).
#[test]
fn y_copies_the_plan_as_markdown() {
    let mut a = app("coder-10k");
    press(&mut a, KeyCode::Char('y'));
    let text = a.clipboard.clone().unwrap();
    assert!(text.starts_with("# Capacity plan: coder-10k"), "{text}");
    assert!(text.contains("## Inputs") && text.contains("| preset | coder-10k |"));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("copied")));
    let osc = headroom::tui::osc52("hi");
    assert_eq!(osc, "\u{1b}]52;c;aGk=\u{7}");
}

/// `/` finds an assumption: typing "upl" leaves Uploads/user/h among the sliders, Enter keeps it selected,
/// and the photo-app question needs a handful of keys to reach it.
#[test]
fn slash_finds_an_assumption() {
    let mut a = app("default");
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "upl");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.selected_param().key, "uploads_per_user_hour");
    // The five sliders, Uploads/user/h and Views/upload (its key says per_upload).
    assert_eq!(
        a.rows.len(),
        5 + 2,
        "{:?}",
        a.rows.iter().map(|p| p.key).collect::<Vec<_>>()
    );
    press(&mut a, KeyCode::Char('='));
    type_text(&mut a, "1");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.uploads_per_user_hour, 1.0);
    // `/` then Esc shows every assumption again, the same one still selected.
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.rows.len(), headroom::tui::inputs::rows().len());
    assert_eq!(a.selected_param().key, "uploads_per_user_hour");
}

/// Every built-in preset at the sizes people use in a meeting: a laptop terminal (120×34) and a shared
/// screen (200×50).
#[test]
fn every_preset_at_120_by_34_and_200_by_50() {
    for p in PRESETS {
        let mut a = app(p);
        assert_snapshot!(format!("laptop_{p}"), screen(&mut a, 120, 34).backend());
        assert_snapshot!(format!("shared_{p}"), screen(&mut a, 200, 50).backend());
    }
}

/// Updating never writes: `x` then Enter asks the loop to export, and nothing is on disk until it performs.
#[test]
fn an_update_asks_for_writes_and_the_loop_performs_them() {
    let dir = std::path::PathBuf::from("target").join("tui-effects");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.md");
    let mut a = app("default");
    press(&mut a, KeyCode::Char('x'));
    type_text(&mut a, path.to_str().unwrap());
    a.update(headroom::tui::action::Action::Submit);
    assert!(!path.exists(), "update alone wrote a file");
    assert_eq!(a.effects.len(), 1);
    a.perform();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Capacity plan")
    );
    assert!(a.effects.is_empty());
}

/// Every figure a pane lets you select is typed and has the engine's explanation: `e` never says
/// "No formula".
#[test]
fn every_selectable_figure_has_an_explanation() {
    use headroom::tui::layout::Pane;
    use headroom::tui::panes::{Ctx, figures};
    for p in PRESETS {
        let a = app(p);
        let explained = headroom::engine::plan_explained(&a.scenario, Catalog::builtin());
        for pane in Pane::ALL {
            for f in figures(&Ctx::of(&a), &a.plan, pane) {
                if f == headroom::figure::Figure::Headroom {
                    // Found beside the plan: the limits explain themselves, naming every tier.
                    let e = headroom::engine::limits::explain(&a.limits);
                    assert_eq!(e.id, f.id());
                    assert!(e.text().contains("bisected"), "{p}: {}", e.text());
                    continue;
                }
                assert!(
                    explained.explanation(&f.id()).is_some(),
                    "{p}: {:?} ({}) has no explanation",
                    f,
                    f.id()
                );
            }
        }
    }
}

/// The Warnings pane scrolls: ↓ moves its first line, so a long warning is never cut off for good.
#[test]
fn the_warnings_pane_scrolls() {
    let mut a = app("coder-10k");
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    let top = screen(&mut a, 120, 36).backend().to_string();
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    let scrolled = screen(&mut a, 120, 36).backend().to_string();
    assert_ne!(top, scrolled, "↓ scrolls the warnings");
}

/// Lines after a pane's last figure are reachable: selecting Cost's last figure shows the providers line.
#[test]
fn the_end_of_a_pane_is_reachable() {
    let mut a = app("default");
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::End);
    let text = screen(&mut a, 120, 34).backend().to_string();
    assert!(text.contains("AWS $1,196 · GCP"), "{text}");
    assert!(text.contains("horizon   $1,612/month"), "{text}");
}

/// The text of a drawn screen, one string.
fn text_of(t: &Terminal<TestBackend>) -> String {
    let b = t.backend().buffer();
    let mut out = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Issue 11's meeting question: pin coder-10k, raise users to 6 000, and every pane shows the change;
/// the baseline stays when another preset is opened.
#[test]
fn baseline_shows_every_change_and_survives_a_preset_switch() {
    use headroom::format::{count, money};
    let mut a = app("coder-10k");
    let before = a.plan.clone();
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(
        a.baseline.as_ref().map(|b| b.name.as_str()),
        Some("coder-10k")
    );
    type_text(&mut a, "=6000");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.users, 6000.0);
    let t = screen(&mut a, 120, 34);
    let text = text_of(&t);
    let total = a.plan.cost.monthly_usd - before.cost.monthly_usd;
    assert!(text.contains(&format!("+{} (+", money(total))), "{text}");
    assert!(text.contains("vs coder-10k"), "{text}");
    // Node pools: each pool's change is the difference of the two plans.
    for pool in &before.node_pools {
        let now = a
            .plan
            .node_pools
            .iter()
            .find(|p| p.name == pool.name)
            .unwrap();
        let d = now.size.nodes - pool.size.nodes;
        assert!(d > 0);
        assert!(
            text.contains(&format!("+{}", count(d))),
            "pool {}: {text}",
            pool.name
        );
    }
    // Compute (workers), Database (vCPU) and Cost (components) each show a change too.
    let workers = a.plan.compute.workers - before.compute.workers;
    assert!(text.contains(&format!("+{}", count(workers))), "{text}");
    assert!(text.contains(" vCPU│") || text.contains("vCPU │"), "{text}");
    assert_snapshot!("baseline_coder_6000", text);

    // Another preset: the baseline stays, so two presets compare side by side.
    press(&mut a, KeyCode::Char('o'));
    type_text(&mut a, "falcon-ha");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(a.preset, "falcon-ha");
    assert_eq!(
        a.baseline.as_ref().map(|b| b.name.as_str()),
        Some("coder-10k")
    );
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(text.contains("vs coder-10k"), "{text}");

    press(&mut a, KeyCode::Char('B'));
    assert!(a.baseline.is_none());
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(!text.contains("vs coder-10k"), "{text}");
}

/// `D`: the tornado chart; ←→ change the swing; Enter jumps to the selected input; `e` explains.
#[test]
fn drivers_overlay_sorts_swings_and_jumps_to_the_input() {
    let mut a = app("diffgram");
    press(&mut a, KeyCode::Char('D'));
    let Overlay::Drivers(v) = &a.overlay else {
        panic!("D opens the drivers")
    };
    assert_eq!(v.drivers.swing, 0.2);
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(text.contains("Drivers ±20 %"), "{text}");
    assert_snapshot!("drivers_diffgram", text);

    press(&mut a, KeyCode::Right);
    let Overlay::Drivers(v) = &a.overlay else {
        panic!("→ keeps the drivers open")
    };
    assert_eq!(v.drivers.swing, 0.25);

    press(&mut a, KeyCode::Char('e'));
    assert!(matches!(&a.overlay, Overlay::Explain(id) if id == "drivers"));
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(text.contains("re-planned twice"), "{text}");
    press(&mut a, KeyCode::Esc);

    press(&mut a, KeyCode::Char('D'));
    let Overlay::Drivers(v) = &a.overlay else {
        panic!("D opens the drivers again")
    };
    assert_eq!(v.drivers.swing, 0.25, "the swing is kept");
    let second = v.drivers.drivers[1].key;
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.selected_param().key, second);
}

/// The headroom row: how far today's plan goes, and `e` explains how it was found.
#[test]
fn headroom_row_is_explained() {
    use headroom::figure::Figure;
    use headroom::tui::layout::Pane;
    let mut a = app("default");
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(
        text.contains(&format!("headroom  {}", a.limits.headline())),
        "{text}"
    );
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Compute);
    while a.selected_figure(Pane::Compute) != Some(Figure::Headroom) {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('e'));
    assert!(matches!(&a.overlay, Overlay::Explain(id) if id == "limits.max_users"));
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(text.contains("bisected"), "{text}");
}

/// Issue 12 in the planner: `~` gives Users a ±20 % range, → widens it, the slider shows the range and
/// the Cost pane the p10–p90; typing `30k..60k` after `=` sets a range too; Del removes it.
#[test]
fn tilde_and_typed_ranges_give_live_bands() {
    use headroom::engine::ranges::Range;
    let mut a = app("default");
    press(&mut a, KeyCode::Char('~'));
    assert!(matches!(a.overlay, Overlay::Range("users")));
    assert_eq!(
        a.scenario.ranges.get("users"),
        Some(&Range::Uniform(160.0, 240.0))
    );
    press(&mut a, KeyCode::Right);
    assert_eq!(
        a.scenario.ranges.get("users"),
        Some(&Range::Uniform(140.0, 260.0))
    );
    let b = a.plan.bands.clone().expect("bands with a range");
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(text.contains("Range of Users (users)"), "{text}");
    assert_snapshot!("range_users_default", text);
    press(&mut a, KeyCode::Enter);
    let text = text_of(&screen(&mut a, 120, 34));
    assert!(
        text.contains("140–260"),
        "the slider shows the range: {text}"
    );
    let p10 = headroom::format::money(b.monthly_usd.p10.unwrap());
    assert!(text.contains(&format!("p10–p90   {p10}–")), "{text}");
    // The growth sparkline sits between its p90 and p10 lines; the horizon's band is spelled out.
    let text = text_of(&screen(&mut a, 120, 50));
    let rows: Vec<&str> = text.lines().collect();
    let at = |label: &str| rows.iter().position(|r| r.contains(label)).unwrap();
    assert_eq!(at("│  p90 "), at("│growth ") - 1, "{text}");
    assert_eq!(at("│  p10 "), at("│growth ") + 1, "{text}");
    let horizon = b.growth_usd.last().unwrap();
    let (l, h) = (horizon.p10.unwrap(), horizon.p90.unwrap());
    assert!(
        text.contains(&format!(
            "  p10–p90 {}–{}",
            headroom::format::money(l),
            headroom::format::money(h)
        )),
        "{text}"
    );

    // A slider step takes the range along (users is logarithmic: scaled with the value).
    press(&mut a, KeyCode::Right);
    let r = a.scenario.ranges["users"];
    let k = a.scenario.users / 200.0;
    assert!(k > 1.0);
    assert!(
        (r.low() - 140.0 * k).abs() < 1e-6 && (r.high() - 260.0 * k).abs() < 1e-6,
        "{r:?}"
    );
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.scenario.ranges["users"], Range::Uniform(140.0, 260.0));

    type_text(&mut a, "=30k..60k");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.scenario.users, 45_000.0);
    assert_eq!(
        a.scenario.ranges.get("users"),
        Some(&Range::Uniform(30_000.0, 60_000.0))
    );
    // A range too long for the value column keeps both ends, in thousands.
    let text = text_of(&screen(&mut a, 80, 24));
    assert!(text.contains(" 30k–60k│"), "{text}");
    type_text(&mut a, "=1800..3000..4200");
    press(&mut a, KeyCode::Enter);
    let text = text_of(&screen(&mut a, 80, 24));
    assert!(text.contains(" 1.8k–4.2k│"), "{text}");
    press(&mut a, KeyCode::Char('~'));
    let text = text_of(&screen(&mut a, 80, 24));
    assert!(
        text.contains("Users 1,800 … 3,000 … 4,200 (triangular"),
        "{text}"
    );
    press(&mut a, KeyCode::Delete);
    assert!(a.scenario.ranges.is_empty());
    assert!(a.plan.bands.is_none());
}

/// `~` on an input at 0 (coder-10k has no cache hits) gives a range out of the input's span, since a
/// share of nothing is nothing; ← narrows it back to none. `commit_share` takes no range (a commitment is
/// signed once) and says so.
#[test]
fn tilde_on_a_zero_input_ranges_over_its_span() {
    use headroom::engine::ranges::Range;
    let mut a = app("coder-10k");
    assert_eq!(a.scenario.cache_hit, 0.0);
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('~'));
    let Some(&Range::Uniform(low, high)) = a.scenario.ranges.get("cache_hit") else {
        panic!("{:?}", a.scenario.ranges)
    };
    assert_eq!(low, 0.0);
    assert!((high - 0.2 * 0.99 / 2.0).abs() < 1e-9, "{high}");
    assert!(a.plan.bands.is_some());
    press(&mut a, KeyCode::Right);
    assert!((a.scenario.ranges["cache_hit"].high() - 0.3 * 0.99 / 2.0).abs() < 1e-9);
    for _ in 0..3 {
        press(&mut a, KeyCode::Left);
    }
    assert!(a.scenario.ranges.is_empty());
    press(&mut a, KeyCode::Esc);

    let mut a = app("default");
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "commit_share");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('~'));
    assert!(a.scenario.ranges.is_empty());
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("takes no range")),
        "{:?}",
        a.status
    );
}

/// A commitment chosen in the planner (`/commitment⏎ →`) says in the Cost pane what to commit, what
/// on demand would be and the saving — whole, wrapped under its label rather than cut — and the total
/// is the plan's.
#[test]
fn a_commitment_in_the_planner_says_what_to_commit_and_the_saving() {
    use headroom::engine::scenario::Commitment;
    let mut a = app("default");
    let on_demand = a.plan.cost.monthly_usd;
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "commitment");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Right);
    assert_eq!(a.scenario.commitment, Commitment::OneYear);
    let b = &a.plan.cost.billing;
    assert!((b.on_demand_usd - on_demand).abs() < 1e-6);
    assert!(a.plan.cost.monthly_usd < on_demand);
    let text = text_of(&screen(&mut a, 120, 50));
    let money = headroom::format::money;
    for want in [
        "commit    2 × c5.2xlarge +".to_string(),
        "2 × t3.medium (the floor),".to_string(),
        format!("on demand {}/month", money(on_demand)),
        format!(
            "saving    {}/month",
            money(on_demand - a.plan.cost.monthly_usd)
        ),
        format!("total     {}/month", money(a.plan.cost.monthly_usd)),
    ] {
        assert!(text.contains(&want), "no `{want}`: {text}");
    }
    assert_snapshot!("commitment_default", text);
}
