//! The app tier: workers from request rates (Falcon), replicas (Diffgram, `CoCalc`), latency (M/M/c).

use super::explain::{Explanation, Expr, Recorder, Term, ceil, floor, k, max, t, term};
use super::plan::{Compute, Latency, ReplicaBound, Traffic};
use super::queueing::{Queue, knee_rate};
use super::round::{ceil_count, floor_count};
use super::scenario::{CacheCostModel, Scenario};

/// Requests one worker serves per second for this mix of hits and misses.
pub fn service_rate(s: &Scenario) -> f64 {
    let seconds_per_request =
        (1.0 - s.cache_hit) / s.rps_per_worker_uncached + s.cache_hit / s.rps_per_worker_cached;
    1.0 / seconds_per_request
}

/// (busy worker-equivalents as the cache model counts them, busy workers of real load).
pub fn busy_workers(s: &Scenario, t: &Traffic) -> (f64, f64) {
    let miss = t.miss_rps / s.rps_per_worker_uncached;
    let hit = t.hit_rps / s.rps_per_worker_cached;
    match s.cache_cost_model {
        CacheCostModel::Additive => (miss + hit, miss + hit),
        CacheCostModel::FalconMax => (ceil_count(miss).max(ceil_count(hit)) as f64, miss.max(hit)),
    }
}

/// Replicas are pods of whole workers, `vcpu_per_replica` at most (Diffgram: 4 vCPU per replica).
pub fn workers_per_replica(s: &Scenario) -> u64 {
    floor_count(s.vcpu_per_replica / s.vcpu_per_worker).max(1)
}

fn workers_per_replica_expr(s: &Scenario) -> Expr {
    max([
        floor(
            t("vcpu_per_replica", s.vcpu_per_replica, "")
                / t("vcpu_per_worker", s.vcpu_per_worker, ""),
        ),
        k(1.0, ""),
    ])
}

/// Workers, vCPU, memory and replicas, without latency (cheap: used for every month of growth).
pub fn size(s: &Scenario, t: &Traffic, rec: &mut Recorder) -> Compute {
    let (busy, _) = busy_workers(s, t);
    let workers = ceil_count(busy / s.target_utilization).max(1);
    let vcpu = workers as f64 * s.vcpu_per_worker;
    let by_vcpu = workers.div_ceil(workers_per_replica(s));
    let by_connections = if s.max_connections_per_replica > 0.0 {
        ceil_count(t.connections / s.max_connections_per_replica)
    } else {
        0
    };
    let min = s.min_replicas as u64;
    let (replicas, replicas_bound_by) = if by_connections > by_vcpu && by_connections >= min {
        (by_connections, ReplicaBound::Connections)
    } else if by_vcpu >= min {
        (by_vcpu, ReplicaBound::Vcpu)
    } else {
        (min, ReplicaBound::MinReplicas)
    };
    let mu = service_rate(s);
    let c = Compute {
        busy_workers: busy,
        workers,
        vcpu,
        memory_gib: workers as f64 * s.memory_per_worker_gib,
        replicas,
        replicas_bound_by,
        service_ms: 1000.0 / mu,
        in_flight: None,
        latency: Latency::default(),
    };
    if rec.is_on() {
        record_size(s, t, &c, rec);
    }
    c
}

fn record_size(s: &Scenario, tr: &Traffic, c: &Compute, rec: &mut Recorder) {
    let misses = || t("misses", tr.miss_rps, "RPS");
    let hits = || t("hits", tr.hit_rps, "RPS");
    let uncached = || t("rps_per_worker_uncached", s.rps_per_worker_uncached, "");
    let cached = || t("rps_per_worker_cached", s.rps_per_worker_cached, "");
    rec.add(|| {
        let (e, note) = match s.cache_cost_model {
            CacheCostModel::Additive => (
                misses() / uncached() + hits() / cached(),
                "Each worker serves misses at the uncached rate and hits at the cached rate.",
            ),
            CacheCostModel::FalconMax => (
                max([ceil(misses() / uncached()), ceil(hits() / cached())]),
                "Falcon (001): total workers = max(uncached, cached); the queue still uses the blended rate.",
            ),
        };
        Explanation::computed("compute.busy_workers", "Busy workers at peak", "", c.busy_workers, &e)
            .note(note)
    });
    rec.add(|| {
        let e = max([
            ceil(t("busy", c.busy_workers, "") / t("target_utilization", s.target_utilization, "")),
            k(1.0, ""),
        ]);
        Explanation::computed("compute.workers", "App workers", "", c.workers as f64, &e).note(
            "Headroom is applied once, here; a later month is recomputed from its own load, not scaled from this count.",
        )
    });
    rec.add(|| {
        let e = t("workers", c.workers as f64, "") * t("vcpu_per_worker", s.vcpu_per_worker, "");
        Explanation::computed("compute.vcpu", "App vCPU", "vCPU", c.vcpu, &e)
    });
    rec.add(|| {
        let e = t("workers", c.workers as f64, "")
            * t("memory_per_worker_gib", s.memory_per_worker_gib, "GiB");
        Explanation::computed("compute.memory_gib", "App memory", "GiB", c.memory_gib, &e)
    });
    rec.add(|| {
        let mut parts = vec![ceil(t("workers", c.workers as f64, "") / workers_per_replica_expr(s))];
        if s.max_connections_per_replica > 0.0 {
            parts.push(ceil(
                t("connections", tr.connections, "")
                    / t("max_connections_per_replica", s.max_connections_per_replica, ""),
            ));
        }
        parts.push(t("min_replicas", s.min_replicas, ""));
        let bound = match c.replicas_bound_by {
            ReplicaBound::Vcpu => "the workers' vCPU",
            ReplicaBound::Connections => "connections per replica",
            ReplicaBound::MinReplicas => "min_replicas",
        };
        Explanation::computed("compute.replicas", "App replicas", "", c.replicas as f64, &max(parts))
            .note(format!(
                "Replicas are pods of whole workers: ⌊vcpu_per_replica ÷ vcpu_per_worker⌋ each. Bound by {bound}."
            ))
    });
}

/// Worker slots provisioned: every replica runs all the workers it has room for, and that is what is priced.
pub fn worker_slots(s: &Scenario, c: &Compute) -> u64 {
    c.replicas.saturating_mul(workers_per_replica(s))
}

/// What the bands and the runway need of the latency, and no more: the slots, whether the queue is
/// overloaded, p99 and the knee. The knee depends only on the slots, the service rate and the SLO, so
/// `knees` remembers the ones already solved.
pub fn p99_and_knee(s: &Scenario, t: &Traffic, c: &mut Compute, knees: &mut Vec<([u64; 3], f64)>) {
    let mu = service_rate(s);
    let servers = worker_slots(s, c);
    let q = Queue::new(servers, t.peak_rps, mu);
    let slo = s.slo_p99_ms / 1000.0;
    let key = [servers, mu.to_bits(), slo.to_bits()];
    let knee = if let Some((_, k)) = knees.iter().find(|(k, _)| *k == key) {
        *k
    } else {
        let k = knee_rate(servers, mu, 0.99, slo);
        knees.push((key, k));
        k
    };
    c.latency = Latency {
        servers,
        utilization: q.utilization(),
        overloaded: !q.stable(),
        p99_ms: q.response_percentile_s(0.99).map(|v| v * 1000.0),
        knee_rps: knee,
        ..Latency::default()
    };
}

/// Latency at peak: an M/M/c queue with c = the provisioned worker slots and the blended per-worker rate.
pub fn latency(s: &Scenario, t: &Traffic, c: &mut Compute, rec: &mut Recorder) {
    let mu = service_rate(s);
    let servers = worker_slots(s, c);
    let q = Queue::new(servers, t.peak_rps, mu);
    let ms = |x: Option<f64>| x.map(|v| v * 1000.0);
    c.latency = Latency {
        servers,
        utilization: q.utilization(),
        overloaded: !q.stable(),
        p_wait: q.p_wait(),
        mean_wait_ms: ms(q.mean_wait_s()),
        p95_ms: ms(q.response_percentile_s(0.95)),
        p99_ms: ms(q.response_percentile_s(0.99)),
        knee_rps: knee_rate(servers, mu, 0.99, s.slo_p99_ms / 1000.0),
    };
    // Little's law: in flight = arrival rate × time in system; no finite figure when overloaded.
    let response_s = q.mean_response_s();
    c.in_flight = response_s.map(|r| t.peak_rps * r);
    if rec.is_on() {
        record_latency(s, t, c, mu, response_s, rec);
    }
}

fn record_latency(
    s: &Scenario,
    tr: &Traffic,
    c: &Compute,
    mu: f64,
    response_s: Option<f64>,
    rec: &mut Recorder,
) {
    let l = &c.latency;
    let slots = || t("replicas", c.replicas as f64, "") * workers_per_replica_expr(s);
    rec.add(|| {
        Explanation::computed("compute.latency.servers", "Worker slots", "", l.servers as f64, &slots())
            .note("The queue has the workers that are priced: every replica runs all the workers it has room for.")
    });
    rec.add(|| {
        let e = t("peak RPS", tr.peak_rps, "")
            / (t("worker slots", l.servers as f64, "") * t("μ", mu, "RPS/worker"));
        Explanation::computed("compute.latency.utilization", "Utilisation at peak", "", l.utilization, &e)
            .note(if l.overloaded {
                "Overloaded: the offered load is at or above what the slots serve, so the queue grows without bound."
            } else {
                "μ is the blended per-worker rate: 1 ÷ ((1 − cache_hit) ÷ uncached rate + cache_hit ÷ cached rate)."
            })
    });
    rec.add(|| match response_s {
        Some(r) => {
            let e = t("peak RPS", tr.peak_rps, "") * t("time in system", r, "s");
            Explanation::computed("compute.in_flight", "Requests in flight", "", c.in_flight.unwrap_or(0.0), &e)
                .note("Little's law: requests in flight = arrival rate × time in system (service time + mean wait).")
        }
        None => Explanation::described(
            "compute.in_flight",
            "Requests in flight",
            "",
            None,
            queue_terms(tr, l, mu),
            "Overloaded: with offered load at or above capacity the queue, and so the requests in flight, grow without bound.",
        ),
    });
    for (id, label, p, v, slo) in [
        (
            "compute.latency.p95_ms",
            "p95 latency at peak",
            0.95,
            l.p95_ms,
            s.slo_p95_ms,
        ),
        (
            "compute.latency.p99_ms",
            "p99 latency at peak",
            0.99,
            l.p99_ms,
            s.slo_p99_ms,
        ),
    ] {
        rec.add(|| {
            let note = if l.overloaded {
                "Overloaded: no finite latency. Lower target_utilization or add replicas.".to_string()
            } else {
                format!(
                    "M/M/c (Erlang C): the time t with P(response > t) = {}, solved from the response-time distribution \
                     of c slots each serving μ per second at λ arrivals; P(wait) = {:.3}. SLO {} ms.",
                    super::explain::number(1.0 - p),
                    l.p_wait,
                    super::explain::number(slo)
                )
            };
            Explanation::described(id, label, "ms", v, queue_terms(tr, l, mu), note)
        });
    }
    rec.add(|| {
        let mut terms = queue_terms(tr, l, mu);
        terms.push(term("slo_p99_ms", s.slo_p99_ms, "ms"));
        Explanation::described(
            "compute.latency.knee_rps",
            "Knee (highest RPS within the p99 SLO)",
            "RPS",
            Some(l.knee_rps),
            terms,
            "The highest λ at which these c slots keep p99 within the SLO, found by bisection on the M/M/c p99.",
        )
    });
}

/// The queue's inputs: c, λ and μ.
fn queue_terms(tr: &Traffic, l: &Latency, mu: f64) -> Vec<Term> {
    vec![
        term("c", l.servers as f64, ""),
        term("λ", tr.peak_rps, "RPS"),
        term("μ", mu, "RPS/worker"),
    ]
}
