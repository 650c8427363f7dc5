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
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
