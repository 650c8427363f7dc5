//! One keystroke in the planner: update + re-plan + full render into a 200×60 `TestBackend`.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::catalog::Catalog;
use headroom::presets;
use headroom::tui::action::Action;
use headroom::tui::app::App;
use headroom::tui::draw_once;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_to_frame_200x60");
    for name in ["falcon-inference", "coder-10k"] {
        let preset = presets::builtin(name).expect("built-in preset");
        let mut app = App::new(&preset.name, preset.scenario, Catalog::builtin());
        step_and_draw(&mut group, name, &mut app);
    }
    group.finish();

    // The Drivers overlay open: every key re-plans each input twice (→ widens the swing, ← narrows it).
    let mut group = c.benchmark_group("keystroke_drivers_overlay_200x60");
    for name in ["default", "coder-10k"] {
        let preset = presets::builtin(name).expect("built-in preset");
        let mut app = App::new(&preset.name, preset.scenario, Catalog::builtin());
        app.update(Action::Drivers);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
        let mut direction = 1;
        group.bench_function(name, |b| {
            b.iter(|| {
                direction = -direction;
                app.update(Action::Swing(direction));
                draw_once(&mut terminal, &mut app).expect("draw");
            });
        });
    }
    group.finish();

    // Users ranged ±20 % (`~`): every step re-samples the bands (2,000 samples and the growth band).
    let mut group = c.benchmark_group("keystroke_users_ranged_200x60");
    for name in ["default", "coder-10k"] {
        let preset = presets::builtin(name).expect("built-in preset");
        let mut app = App::new(&preset.name, preset.scenario, Catalog::builtin());
        app.update(Action::OpenRange);
        app.update(Action::Cancel);
        assert!(app.plan.bands.is_some(), "users ranged");
        step_and_draw(&mut group, name, &mut app);
    }
    group.finish();
}

/// → and ← in turn on the selected slider (so the value stays near the preset's), each re-planned and
/// drawn in full into a 200×60 `TestBackend`.
fn step_and_draw(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    app: &mut App<'_>,
) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    let mut direction = 1;
    group.bench_function(name, |b| {
        b.iter(|| {
            direction = -direction;
            app.update(Action::Adjust {
                direction,
                big: false,
            });
            draw_once(&mut terminal, app).expect("draw");
        });
    });
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
