use headroom::catalog::Catalog;
use headroom::engine::plan;
use std::time::Instant;
fn main() {
    let c = Catalog::builtin();
    for name in ["default", "web-article", "coder-10k"] {
        for h in [0.0, 36.0] {
            let mut s = headroom::presets::builtin(name).unwrap().scenario;
            s.horizon_months = h;
            let n = 20000;
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box(plan(std::hint::black_box(&s), c));
            }
            println!(
                "{name} h={h}: {:.2} µs",
                t.elapsed().as_secs_f64() * 1e6 / n as f64
            );
        }
        let s = headroom::presets::builtin(name).unwrap().scenario;
        let n = 20000;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(headroom::engine::params::clamped(std::hint::black_box(&s)));
        }
        println!(
            "  clamped: {:.2} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let r = headroom::engine::resolve(&s, c, s.provider);
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(headroom::engine::size(&s, s.users, 0.0, &r));
        }
        println!(
            "  size: {:.2} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(headroom::engine::resolve(&s, c, s.provider));
        }
        println!(
            "  resolve: {:.2} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        let tr = headroom::engine::traffic::traffic(&s, s.users);
        let mut comp = headroom::engine::compute::size(&s, &tr);
        let t = Instant::now();
        for _ in 0..n {
            headroom::engine::compute::latency(&s, &tr, std::hint::black_box(&mut comp));
        }
        println!(
            "  latency: {:.2} µs",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}
