//! M/M/c queueing (Erlang C): how long requests wait when `c` workers share Poisson arrivals.
//!
//! Notation: `c` servers, offered load `a = λ/μ` erlangs, `μ` the per-worker service rate.
//! Sums are computed with the Erlang B recursion, never with factorials, so `c` can be in the millions.

/// Erlang B: the probability all `c` servers are busy in a loss system with load `a`.
pub fn erlang_b(c: u64, a: f64) -> f64 {
    if a <= 0.0 || !a.is_finite() {
        return 0.0;
    }
    if c == 0 {
        return 1.0;
    }
    // Run the recursion on 1/B, which needs a multiply-add per server instead of a division:
    // 1/B(k) = 1 + k/a · 1/B(k−1). Servers far below the load are almost surely busy,
    // B(k) ≈ 1 − k/a there, and the recursion shrinks any error in that start by k/a per step:
    // by e^(−d²/2) over the d·√a servers below k = a. The start is at most √a/d times 1/B's true
    // value, so d = 10 leaves an error below e^-50 · √a / 10: under 10^-17 even at a = 10^9.
    // (40, the first choice, cost a million-user plan's bands seconds for nothing; 12 the second.)
    let skip = (a - 10.0 * a.sqrt() - 10.0).floor();
    // Just as far above the load, B is below e^-800: zero in a double, and the loop would only find
    // that out after tens of thousands of steps.
    if c as f64 > a + 40.0 * a.sqrt() + 10.0 {
        return 0.0;
    }
    let (mut k, mut inverse) = if skip >= 1.0 && (skip as u64) < c {
        (skip as u64, a / (a - skip))
    } else {
        (0, 1.0)
    };
    let per_server = 1.0 / a;
    // Four servers a step: x ← 1 + r₄(1 + r₃(1 + r₂(1 + r₁x))) = add + mul·x, where add and mul
    // depend on k alone. The loop then waits on one multiply-add per four servers, not per server,
    // which is what a plan of a hundred thousand workers spends its time on.
    while k + 4 <= c {
        let r = |i: u64| (k + i) as f64 * per_server;
        let (r1, r2, r3, r4) = (r(1), r(2), r(3), r(4));
        let p43 = r4 * r3;
        let p432 = p43 * r2;
        inverse = (1.0 + r4 + p43 + p432) + p432 * r1 * inverse;
        k += 4;
        if inverse > 1e300 {
            return 0.0;
        }
    }
    while k < c {
        k += 1;
        inverse = 1.0 + k as f64 * per_server * inverse;
        if inverse > 1e300 {
            return 0.0;
        }
    }
    1.0 / inverse
}

/// Erlang C: the probability an arriving request waits. 1 when the queue is unstable.
pub fn erlang_c(c: u64, a: f64) -> f64 {
    let n = c as f64;
    if a >= n {
        return 1.0;
    }
    let b = erlang_b(c, a);
    let p = n * b / (n - a * (1.0 - b));
    p.clamp(0.0, 1.0)
}

/// Waiting and response times of an M/M/c queue. `None` results mean the queue is unstable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    pub servers: u64,
    pub arrival_rate: f64,
    pub service_rate: f64,
    /// Erlang C, computed once: every other figure derives from it.
    p_wait: f64,
}

impl Queue {
    pub fn new(servers: u64, arrival_rate: f64, service_rate: f64) -> Queue {
        let mut q = Queue {
            servers,
            arrival_rate,
            service_rate,
            p_wait: 1.0,
        };
        if q.stable() {
            q.p_wait = erlang_c(servers, q.offered_load());
        }
        q
    }

    pub fn offered_load(&self) -> f64 {
        if self.service_rate > 0.0 {
            self.arrival_rate / self.service_rate
        } else {
            f64::INFINITY
        }
    }

    pub fn utilization(&self) -> f64 {
        if self.servers == 0 {
            1.0
        } else {
            // Above 1 when overloaded: the offered ratio is the honest figure (158 %, not a capped 100 %).
            self.offered_load() / self.servers as f64
        }
    }

    pub fn stable(&self) -> bool {
        self.service_rate > 0.0 && self.offered_load() < self.servers as f64 * (1.0 - 1e-12)
    }

    /// The probability an arriving request waits (Erlang C); 1 when unstable.
    pub fn p_wait(&self) -> f64 {
        self.p_wait
    }

    /// Mean time in queue, seconds: Wq = C / (cμ − λ).
    pub fn mean_wait_s(&self) -> Option<f64> {
        self.stable().then(|| self.p_wait() / self.drain_rate())
    }

    /// Mean time in system, seconds.
    pub fn mean_response_s(&self) -> Option<f64> {
        self.mean_wait_s().map(|w| w + 1.0 / self.service_rate)
    }

    /// Rate at which a queue drains: cμ − λ.
    fn drain_rate(&self) -> f64 {
        self.servers as f64 * self.service_rate - self.arrival_rate
    }

    /// P(wait > t) = C·e^{−(cμ − λ)t}: the complement of a call centre's service level.
    pub fn wait_tail(&self, t: f64) -> f64 {
        if !self.stable() {
            return 1.0;
        }
        self.p_wait() * (-self.drain_rate() * t).exp()
    }

    /// P(response time > t): with probability 1 − C no wait, else an exponential wait of rate
    /// θ = cμ − λ, plus an exponential service of rate μ.
    pub fn response_tail(&self, t: f64) -> f64 {
        let mu = self.service_rate;
        let theta = self.drain_rate();
        let c = self.p_wait();
        let service_tail = (-mu * t).exp();
        let waited_tail = if (theta - mu).abs() < 1e-9 * mu {
            (1.0 + mu * t) * service_tail
        } else {
            (theta * service_tail - mu * (-theta * t).exp()) / (theta - mu)
        };
        ((1.0 - c) * service_tail + c * waited_tail).clamp(0.0, 1.0)
    }

    /// Density of the response time at `t`: the derivative of `1 − response_tail`.
    fn response_density(&self, t: f64) -> f64 {
        let mu = self.service_rate;
        let theta = self.drain_rate();
        let c = self.p_wait;
        let service = mu * (-mu * t).exp();
        let waited = if (theta - mu).abs() < 1e-9 * mu {
            mu * mu * t * (-mu * t).exp()
        } else {
            theta * mu / (theta - mu) * ((-mu * t).exp() - (-theta * t).exp())
        };
        (1.0 - c) * service + c * waited
    }

    /// The `p` quantile of response time in seconds (e.g. p = 0.99): Newton's method inside a
    /// shrinking bracket, falling back to bisection when a step would leave it.
    pub fn response_percentile_s(&self, p: f64) -> Option<f64> {
        // Every response has a 0th percentile of 0 and no finite 100th: only quantiles between.
        if !(self.stable() && p > 0.0 && p < 1.0) {
            return None;
        }
        let target = 1.0 - p;
        // A response is its service plus any wait, so its quantile is at least the service's own,
        // ln(1 / (1 − p)) / μ: a light load's quantile is just above it.
        let service = (1.0 / target).ln() / self.service_rate;
        let (mut lo, mut hi) = (service, 2.0 * service);
        let mut doublings = 0;
        while self.response_tail(hi) > target {
            lo = hi;
            hi *= 2.0;
            doublings += 1;
            if doublings > 200 {
                return None;
            }
        }
        // A light load starts Newton at the service quantile, which its answer is just above; a heavy
        // one in the middle of the bracket the doubling found. A step that would leave the bracket
        // bisects instead.
        let mut t = if doublings == 0 { lo } else { 0.5 * (lo + hi) };
        for _ in 0..100 {
            let excess = self.response_tail(t) - target;
            if excess > 0.0 {
                lo = t;
            } else {
                hi = t;
            }
            let slope = self.response_density(t);
            let newton = t + excess / slope;
            // Converged: the step is below the tolerance. Checked before the bracket, because the
            // bracket's end has just moved to `t` itself and a step that small never lies strictly
            // inside it; bisecting on from there cost forty more steps.
            if slope > 0.0 && (newton - t).abs() <= 1e-12 * t.max(1e-12) {
                return Some(newton);
            }
            let next = if slope > 0.0 && newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
            if (next - t).abs() <= 1e-12 * t.max(1e-12) || hi - lo <= 1e-12 * hi {
                return Some(next);
            }
            t = next;
        }
        Some(t)
    }
}

/// The highest arrival rate `servers` workers carry while the `p` response percentile stays within
/// `slo_s`. Zero when even an idle worker is too slow.
pub fn knee_rate(servers: u64, service_rate: f64, p: f64, slo_s: f64) -> f64 {
    if servers == 0 || service_rate <= 0.0 {
        return 0.0;
    }
    // The percentile is within the SLO exactly when P(response > SLO) ≤ 1 − p, and that tail
    // rises with the arrival rate: find where it crosses, by regula falsi (Illinois variant).
    let excess = |rate: f64| {
        let q = Queue::new(servers, rate, service_rate);
        if q.stable() {
            q.response_tail(slo_s) - (1.0 - p)
        } else {
            p
        }
    };
    // Search the gap to full capacity on a log scale: the tail turns steep near capacity, and in
    // log-gap terms the crossing is smooth enough for regula falsi to converge in a few steps.
    let capacity = servers as f64 * service_rate;
    let rate_at = |log_gap: f64| capacity - log_gap.exp();
    // `lo` is a gap within the SLO and `hi` one past it (log-gaps: lo > hi).
    let (idle, full) = ((capacity * (1.0 - 1e-9)).ln(), (capacity * 1e-9).ln());
    // Start where waiting alone would reach the SLO with every request waiting, C·e^(−gap·SLO) = 1 − p
    // at C = 1: the knee is near it in any queue of more than a few workers, and stepping out from it
    // by doubling steps brackets the knee in a few evaluations instead of searching the whole range.
    let guess = ((1.0 / (1.0 - p)).ln() / slo_s).ln().clamp(full, idle);
    let (mut lo, mut hi, mut f_lo, mut f_hi);
    let at_guess = excess(rate_at(guess));
    let mut step = 0.25;
    if at_guess > 0.0 {
        (hi, f_hi) = (guess, at_guess);
        loop {
            let g = (hi + step).min(idle);
            let f = excess(rate_at(g));
            if f <= 0.0 {
                (lo, f_lo) = (g, f);
                break;
            }
            if g >= idle {
                return 0.0;
            }
            (hi, f_hi) = (g, f);
            step *= 2.0;
        }
    } else {
        (lo, f_lo) = (guess, at_guess);
        loop {
            let g = (lo - step).max(full);
            let f = excess(rate_at(g));
            if f > 0.0 {
                (hi, f_hi) = (g, f);
                break;
            }
            if g <= full {
                return rate_at(full);
            }
            (lo, f_lo) = (g, f);
            step *= 2.0;
        }
    }
    let mut last_side = 0;
    for _ in 0..100 {
        let mut mid = hi - f_hi * (hi - lo) / (f_hi - f_lo);
        if !(mid < lo && mid > hi) {
            mid = 0.5 * (lo + hi);
        }
        let f = excess(rate_at(mid));
        if f > 0.0 {
            hi = mid;
            f_hi = f;
            if last_side == 1 {
                f_lo *= 0.5;
            }
            last_side = 1;
        } else {
            lo = mid;
            f_lo = f;
            if last_side == -1 {
                f_hi *= 0.5;
            }
            last_side = -1;
        }
        // 1e-6 in log-gap terms is a millionth of the gap: far below the figures' precision.
        if (lo - hi).abs() <= 1e-6 {
            break;
        }
    }
    rate_at(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Erlang B by the textbook sum with factorials, for small c only.
    fn erlang_b_by_sum(c: u32, a: f64) -> f64 {
        let term = |k: u32| a.powi(k as i32) / (1..=k).map(f64::from).product::<f64>();
        term(c) / (0..=c).map(term).sum::<f64>()
    }

    #[test]
    fn recursion_matches_the_factorial_sum() {
        for c in [1u32, 2, 5, 14, 30, 60] {
            for a in [0.3, 1.0, 4.5, 10.0, 25.0, 59.0] {
                let (x, y) = (erlang_b(u64::from(c), a), erlang_b_by_sum(c, a));
                assert!(
                    (x - y).abs() < 1e-12 * y.max(1e-300) + 1e-15,
                    "c={c} a={a}: {x} vs {y}"
                );
            }
        }
    }

    #[test]
    fn skipping_ahead_matches_the_full_recursion_for_large_loads() {
        // Full recursion written out, no skip.
        let full = |c: u64, a: f64| (1..=c).fold(1.0, |b, k| a * b / (k as f64 + a * b));
        for (c, a) in [
            (5000u64, 4800.0),
            (20_000, 19_000.0),
            (3000, 1000.0),
            (1_000_000, 999_000.0),
            (1_000_003, 1_000_000.0),
        ] {
            let (x, y) = (erlang_b(c, a), full(c, a));
            assert!((x - y).abs() <= 1e-9 * y + 1e-300, "c={c}: {x} vs {y}");
        }
    }

    #[test]
    fn stays_finite_for_a_million_servers() {
        let q = Queue::new(1_000_000, 990_000.0, 1.0);
        let p99 = q.response_percentile_s(0.99).unwrap();
        assert!(p99.is_finite() && p99 > 0.0);
    }

    /// The quantile search starts at the service's own quantile: it must still find the response's at
    /// every load, light to nearly saturated, against plain bisection on the tail.
    #[test]
    fn percentiles_match_bisection_at_every_load() {
        for (c, rho) in [
            (1u64, 0.1),
            (1, 0.999),
            (8, 0.2),
            (8, 0.9999),
            (50, 0.97),
            (5000, 0.999),
        ] {
            let mu = 128.0;
            let q = Queue::new(c, rho * c as f64 * mu, mu);
            for p in [0.5, 0.95, 0.99] {
                let (mut lo, mut hi) = (0.0, 1.0);
                while q.response_tail(hi) > 1.0 - p {
                    hi *= 2.0;
                }
                for _ in 0..200 {
                    let mid = 0.5 * (lo + hi);
                    if q.response_tail(mid) > 1.0 - p {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let got = q.response_percentile_s(p).unwrap();
                assert!(
                    (got - hi).abs() <= 1e-9 * hi,
                    "c={c} ρ={rho} p={p}: {got} vs {hi}"
                );
            }
        }
    }

    #[test]
    fn unstable_queue_has_no_latency() {
        let q = Queue::new(2, 2.0, 1.0);
        assert_eq!(q.response_percentile_s(0.95), None);
        let stable = Queue::new(2, 1.0, 1.0);
        assert_eq!(stable.response_percentile_s(1.0), None);
        assert_eq!(stable.response_percentile_s(0.0), None);
        assert_eq!(q.p_wait(), 1.0);
    }

    #[test]
    fn single_server_percentile_is_exponential() {
        // M/M/1 response time is exponential with rate μ − λ: p99 = ln(100)/(μ − λ).
        let q = Queue::new(1, 5.0, 10.0);
        let p99 = q.response_percentile_s(0.99).unwrap();
        assert!((p99 - 100f64.ln() / 5.0).abs() < 1e-9, "{p99}");
    }

    #[test]
    fn knee_meets_the_slo_exactly() {
        let (c, mu, slo) = (5, 100.0, 0.05);
        let knee = knee_rate(c, mu, 0.99, slo);
        let at = Queue::new(c, knee, mu).response_percentile_s(0.99).unwrap();
        assert!((at - slo).abs() < 1e-6, "{at}");
        assert!(knee > 0.0 && knee < 500.0);
        // A worker slower than the SLO even when idle has no knee.
        assert_eq!(knee_rate(5, 1.0, 0.99, 0.01), 0.0);
    }

    /// The search starts from a guess and steps out from it: the knee must still be where p99 meets the
    /// SLO whether the guess is close (many workers, a loose SLO), far (an SLO just above one request's
    /// own p99 of ln 100 / μ = 36 ms) or past either end of the range.
    #[test]
    fn knee_meets_the_slo_from_any_start() {
        let mu = 128.0;
        for (c, slo) in [
            (1u64, 0.2),
            (8, 0.2),
            (8, 0.037),
            (1000, 0.037),
            (100_000, 0.2),
            (1_000_000, 0.2),
            (3, 5.0),
        ] {
            let knee = knee_rate(c, mu, 0.99, slo);
            assert!(
                knee > 0.0 && knee < c as f64 * mu,
                "c={c} slo={slo}: {knee}"
            );
            let at = Queue::new(c, knee, mu).response_percentile_s(0.99).unwrap();
            assert!(
                (at - slo).abs() < 1e-6 * slo.max(1.0),
                "c={c} slo={slo}: p99 {at}"
            );
            // Past the knee by a hundredth of the gap to capacity, p99 is past the SLO.
            let past = knee + 0.01 * (c as f64 * mu - knee);
            let after = Queue::new(c, past, mu).response_percentile_s(0.99).unwrap();
            assert!(after > slo, "c={c} slo={slo}: {after}");
        }
        // One request's own p99 (36 ms at μ = 128/s) is past an SLO of 35 ms: no load meets it.
        assert_eq!(knee_rate(1000, mu, 0.99, 0.035), 0.0);
    }
}
