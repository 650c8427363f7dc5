//! Erlang C against a published call-centre example and an independent textbook computation.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

use headroom::engine::queueing::{Queue, erlang_c};

/// Erlang C by the textbook formula with factorials, written out independently of the engine:
/// C = [Aᴺ/N! · N/(N−A)] / [Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N−A)].
fn erlang_c_textbook(n: u32, a: f64) -> f64 {
    let fact = |k: u32| (1..=k).map(f64::from).product::<f64>();
    let top = a.powi(n as i32) / fact(n) * f64::from(n) / (f64::from(n) - a);
    let sum: f64 = (0..n).map(|k| a.powi(k as i32) / fact(k)).sum();
    top / (sum + top)
}

/// pyworkforce's tests (call-centre example): 100 arrivals per 30 minutes, 3-minute handling time,
/// target answer time 20 s. N = 14 → P(wait) 0.1741, service level 0.8884, occupancy 0.7143;
/// N = 15 → 0.102, 0.941, 0.667.
#[test]
fn pyworkforce_call_centre_example() {
    for (agents, p_wait, service_level, occupancy) in
        [(14, 0.1741, 0.8884, 0.7143), (15, 0.102, 0.941, 0.667)]
    {
        let q = Queue::new(agents, 100.0 / 30.0, 1.0 / 3.0);
        assert!(
            (q.p_wait() - p_wait).abs() < 6e-4,
            "N={agents}: P(wait) {}",
            q.p_wait()
        );
        let sl = 1.0 - q.wait_tail(20.0 / 60.0);
        assert!(
            (sl - service_level).abs() < 6e-4,
            "N={agents}: service level {sl}"
        );
        assert!(
            (q.utilization() - occupancy).abs() < 6e-4,
            "N={agents}: occupancy {}",
            q.utilization()
        );
    }
}

#[test]
fn matches_the_textbook_formula() {
    for n in [1u32, 2, 3, 8, 14, 40] {
        for load in [0.1, 0.5, 0.8, 0.95] {
            let a = load * f64::from(n);
            let (x, y) = (erlang_c(u64::from(n), a), erlang_c_textbook(n, a));
            assert!((x - y).abs() < 1e-10, "N={n} A={a}: {x} vs {y}");
        }
    }
}

#[test]
fn mean_wait_is_c_times_t_over_n_minus_a() {
    // Wq = C·T/(N−A) with A = 10 erlangs, T = 3 min, N = 14.
    let q = Queue::new(14, 100.0 / 30.0, 1.0 / 3.0);
    let expected = erlang_c_textbook(14, 10.0) * 3.0 / 4.0;
    assert!((q.mean_wait_s().unwrap() - expected).abs() < 1e-9);
}
