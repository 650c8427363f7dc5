//! Time per 36-month `plan` of each built-in preset: the best of 7 rounds of `N` plans (default 3,000).
//!
//! Criterion reports medians, which on a shared machine move with whatever else runs; the best round is
//! what the code costs when nothing interferes. `scripts/reference-speed.sh` runs this same file against
//! the build the 20 µs target was first measured on, so two builds are compared on one machine.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a measuring tool: a built-in preset that fails to load is a broken build"
)]

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let catalog = headroom::catalog::Catalog::builtin();
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(3_000);
    let mut line = Vec::new();
    for name in headroom::presets::builtin_names() {
        let mut s = headroom::presets::builtin(name).unwrap().scenario;
        s.horizon_months = 36.0;
        let mut best = f64::INFINITY;
        for _ in 0..7 {
            let start = Instant::now();
            let mut total = 0.0;
            for _ in 0..n {
                total += headroom::engine::plan(black_box(&s), catalog)
                    .cost
                    .monthly_usd;
            }
            black_box(total);
            best = best.min(start.elapsed().as_secs_f64() / f64::from(n) * 1e6);
        }
        line.push(format!("{name} {best:.1}"));
    }
    println!("{}", line.join(" | "));
}
