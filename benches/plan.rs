//! `plan` for each built-in preset with a 36-month horizon: all panes, three providers, 37 months.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::catalog::Catalog;
use headroom::engine::plan;
use headroom::presets;

fn plans(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let mut group = c.benchmark_group("plan_36_months");
    for name in presets::builtin_names() {
        let mut scenario = presets::builtin(name).expect("built-in preset").scenario;
        scenario.horizon_months = 36.0;
        group.bench_function(name, |b| {
            b.iter(|| plan(std::hint::black_box(&scenario), catalog));
        });
    }
    group.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
