use headroom::catalog::Catalog;
use headroom::engine::*;
use std::time::Instant;
fn main() {
    let c = Catalog::builtin();
    let s = headroom::presets::builtin("coder-10k").unwrap().scenario;
    let r = resolve(&s, c, s.provider);
    let n = 200000;
    let mut z = size(&s, s.users, 0.0, &r);
    macro_rules! time {
        ($name:expr, $e:expr) => {{
            let t = Instant::now();
            for i in 0..n {
                let u = s.users + i as f64 * 1e-9;
                std::hint::black_box($e(u));
            }
            println!(
                "{}: {:.1} ns",
                $name,
                t.elapsed().as_secs_f64() * 1e9 / n as f64
            );
        }};
    }
    time!("traffic", |u| traffic::traffic(&s, u));
    let t = traffic::traffic(&s, s.users);
    time!("compute", |_u| compute::size(&s, std::hint::black_box(&t)));
    let cp = compute::size(&s, &t);
    time!("database", |_u| database::size(
        &s,
        std::hint::black_box(&t),
        &cp,
        r.prices,
        0.0
    ));
    time!("cache", |_u| database::cache(
        &s,
        std::hint::black_box(&t),
        r.prices
    ));
    time!("media", |_u| media::size(&s, std::hint::black_box(&t)));
    time!("cost", |_u| cost::components(
        &s,
        r.prices,
        std::hint::black_box(&z)
    ));
    time!("size_into", |u| size_into(&mut z, &s, u, 0.0, &r));
}
