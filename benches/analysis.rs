//! Limits and drivers for each built-in preset: both are re-found on every keystroke while shown.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::catalog::Catalog;
use headroom::engine::drivers::{DEFAULT_SWING, drivers};
use headroom::engine::limits::limits;
use headroom::engine::quick;
use headroom::presets;

fn analysis(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let mut group = c.benchmark_group("analysis");
    for name in presets::builtin_names() {
        let scenario = presets::builtin(name).expect("built-in preset").scenario;
        group.bench_function(format!("quick/{name}"), |b| {
            b.iter(|| quick(std::hint::black_box(&scenario), catalog));
        });
        group.bench_function(format!("limits/{name}"), |b| {
            b.iter(|| limits(std::hint::black_box(&scenario), catalog, None));
        });
        group.bench_function(format!("drivers/{name}"), |b| {
            b.iter(|| drivers(std::hint::black_box(&scenario), catalog, DEFAULT_SWING));
        });
    }
    // Bands: 2 000 samples with users ranged ±50 % around each preset's users.
    for name in ["default", "coder-10k", "diffgram"] {
        let mut scenario = presets::builtin(name).expect("built-in preset").scenario;
        let u = scenario.users;
        scenario.ranges.insert(
            "users".into(),
            headroom::engine::ranges::Range::Uniform(u * 0.5, u * 1.5),
        );
        group.bench_function(format!("bands_users/{name}"), |b| {
            b.iter(|| {
                headroom::engine::bands::bands(
                    std::hint::black_box(&scenario),
                    catalog,
                    headroom::engine::bands::DEFAULT_SAMPLES,
                    headroom::engine::bands::SEED,
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
