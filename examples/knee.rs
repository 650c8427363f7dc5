use headroom::engine::queueing::{Queue, knee_rate};
use std::time::Instant;
fn main() {
    let n = 20000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(knee_rate(std::hint::black_box(51), 16.67, 0.99, 1.0));
    }
    println!("knee: {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let q = Queue::new(51, 555.0, 16.67);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(std::hint::black_box(q).response_percentile_s(0.99));
    }
    println!("p99: {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(Queue::new(std::hint::black_box(51), 555.0, 16.67));
    }
    println!(
        "erlang: {:.3} µs",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
