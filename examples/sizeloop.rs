use headroom::catalog::Catalog;
fn main() {
    let c = Catalog::builtin();
    let s = headroom::presets::builtin("coder-10k").unwrap().scenario;
    let r = headroom::engine::resolve(&s, c, s.provider);
    for i in 0..300000 {
        std::hint::black_box(headroom::engine::size(
            &s,
            s.users + i as f64 * 1e-6,
            0.0,
            &r,
        ));
    }
}
