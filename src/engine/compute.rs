//! The app tier: workers from request rates (Falcon), replicas (Diffgram, `CoCalc`), latency (M/M/c).

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

/// Workers, vCPU, memory and replicas, without latency (cheap: used for every month of growth).
pub fn size(s: &Scenario, t: &Traffic) -> Compute {
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
    Compute {
        busy_workers: busy,
        workers,
        vcpu,
        memory_gib: workers as f64 * s.memory_per_worker_gib,
        replicas,
        replicas_bound_by,
        service_ms: 1000.0 / mu,
        in_flight: None,
        latency: Latency::default(),
    }
}

/// Worker slots provisioned: every replica runs all the workers it has room for, and that is what is priced.
pub fn worker_slots(s: &Scenario, c: &Compute) -> u64 {
    c.replicas.saturating_mul(workers_per_replica(s))
}

/// Latency at peak: an M/M/c queue with c = the provisioned worker slots and the blended per-worker rate.
pub fn latency(s: &Scenario, t: &Traffic, c: &mut Compute) {
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
    c.in_flight = q.mean_response_s().map(|r| t.peak_rps * r);
}
