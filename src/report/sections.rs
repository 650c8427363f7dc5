//! The plan as titled sections of labelled, formatted figures: what the table and Markdown share.

use crate::engine::plan::{Plan, ReplicaBound};
use crate::engine::scenario::Scenario;
use crate::format::{backlog, count, gb, gib, money, ms, num, pct, plural};

use super::Report;

pub struct Section {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

fn section(title: impl Into<String>, rows: Vec<(&str, String)>) -> Section {
    Section {
        title: title.into(),
        rows: rows.into_iter().map(|(l, v)| (l.to_string(), v)).collect(),
    }
}

pub fn headline(r: &Report) -> String {
    format!(
        "{} · {} {} · {}/month",
        r.preset,
        r.plan.cost.provider.label(),
        r.plan.cost.region,
        money(r.plan.cost.monthly_usd)
    )
}

pub fn sections(r: &Report) -> Vec<Section> {
    let p = r.plan;
    let s = r.scenario;
    let mut out = vec![
        traffic(p),
        compute(p, s.target_utilization, s.slo_p95_ms, s.slo_p99_ms),
        database(p),
    ];
    if p.cache.memory_gib > 0.0 {
        let place = p.cache.placement();
        out.push(section(
            "Cache",
            vec![
                ("memory", gib(p.cache.memory_gib)),
                ("runs on", place),
                ("operations", format!("{}/s", num(p.cache.ops_per_s))),
            ],
        ));
    }
    out.push(media(p));
    if p.workspaces.count > 0 {
        let w = &p.workspaces;
        out.push(section(
            "Workspaces",
            vec![
                ("workspaces", count(w.count)),
                (
                    "each requests",
                    format!(
                        "{} vCPU · {}",
                        num(w.cpu_request),
                        gib(w.memory_request_gib)
                    ),
                ),
                ("each uses", gib(w.avg_memory_gib)),
            ],
        ));
    }
    out.push(section(
        "Node pools",
        p.node_pools
            .iter()
            .map(|n| {
                (
                    &*n.name,
                    format!(
                        "{} · {} pods/node · bound by {} · CPU {} · mem {}",
                        n.summary(),
                        count(n.per_node),
                        n.binding.label(),
                        pct(n.cpu_utilization),
                        pct(n.memory_utilization)
                    ),
                )
            })
            .collect(),
    ));
    if let Some(b) = &p.bands {
        out.push(bands(b, s));
    }
    out.push(cost(p, s));
    out.push(growth(p));
    out
}

fn traffic(p: &Plan) -> Section {
    let t = &p.traffic;
    section(
        "Traffic",
        vec![
            (
                "peak",
                format!("{} RPS ({} average)", num(t.peak_rps), num(t.avg_rps)),
            ),
            (
                "cache misses",
                format!("{} RPS · hits {} RPS", num(t.miss_rps), num(t.hit_rps)),
            ),
            ("writes", format!("{} per second", num(t.write_qps))),
            (
                "bandwidth",
                format!(
                    "{} Mbit/s at peak · egress {} GB/month",
                    num(t.peak_bandwidth_mbps),
                    num(t.egress_gb_month)
                ),
            ),
        ],
    )
}

fn compute(p: &Plan, target: f64, slo95: f64, slo99: f64) -> Section {
    let c = &p.compute;
    let l = &c.latency;
    let bound = match c.replicas_bound_by {
        ReplicaBound::Vcpu => "vCPU",
        ReplicaBound::Connections => "connections",
        ReplicaBound::MinReplicas => "minimum",
    };
    section(
        "Compute",
        vec![
            (
                "workers",
                format!(
                    "{} ({} busy at peak ÷ target {})",
                    count(c.workers),
                    num(c.busy_workers),
                    pct(target)
                ),
            ),
            (
                "vCPU · memory",
                format!("{} · {}", num(c.vcpu), gib(c.memory_gib)),
            ),
            (
                "replicas",
                format!("{} (bound by {bound})", count(c.replicas)),
            ),
            (
                "latency at peak",
                if l.overloaded {
                    format!(
                        "unbounded (overloaded: {} of {} worker slots)",
                        pct(l.utilization),
                        count(l.servers)
                    )
                } else {
                    format!(
                        "p95 {} · p99 {} (SLO {} / {}) on {} worker slots",
                        ms(l.p95_ms),
                        ms(l.p99_ms),
                        ms(Some(slo95)),
                        ms(Some(slo99)),
                        count(l.servers)
                    )
                },
            ),
            (
                "knee",
                format!(
                    "{} RPS at the p99 SLO · {} busy at peak",
                    num(l.knee_rps),
                    pct(l.utilization)
                ),
            ),
            ("in flight", in_flight(c.in_flight, "Little's law")),
        ],
    )
}

fn database(p: &Plan) -> Section {
    let d = &p.database;
    if d.vcpu == 0 {
        return section(
            "Database",
            vec![("database", "none (no queries and db_min_vcpu = 0)".into())],
        );
    }
    let place = d.placement();
    section(
        "Database",
        vec![
            (
                "vCPU · memory",
                format!("{} · {}", count(d.vcpu), gib(d.memory_gib)),
            ),
            ("runs on", place),
            (
                "queries",
                format!("{} QPS · writes {}/s", num(d.qps), num(d.write_qps)),
            ),
            (
                "connection pool",
                format!(
                    "{} busy → pool {} ({} per replica)",
                    count(d.busy_connections),
                    count(d.pool_size),
                    count(d.pool_per_replica)
                ),
            ),
            (
                "connections",
                format!(
                    "{} of max {} · {}",
                    count(d.total_connections),
                    count(d.max_connections),
                    gib(d.connection_memory_gib)
                ),
            ),
            (
                "storage",
                format!(
                    "{} now → {} at the horizon",
                    gib(d.storage_gib),
                    gib(d.storage_horizon_gib)
                ),
            ),
        ],
    )
}

fn media(p: &Plan) -> Section {
    let m = &p.media;
    if m.workers == 0 {
        return section(
            "Media processing",
            vec![(
                "media",
                "none (no uploads, no media, or by reference)".into(),
            )],
        );
    }
    let drain = backlog(m.backlog_items, m.drain_minutes);
    section(
        "Media processing",
        vec![
            (
                "throughput",
                format!(
                    "{} items/min · {} per vCPU",
                    num(m.items_per_min),
                    num(m.items_per_min_per_vcpu)
                ),
            ),
            (
                "workers",
                format!(
                    "{} × 1 vCPU · {} each",
                    count(m.workers),
                    gib(m.worker_memory_gib)
                ),
            ),
            (
                "object storage",
                format!(
                    "{} ({} days of uploads) · downloads {}/month",
                    gb(m.object_storage_gb),
                    num(m.stored_days),
                    gb(m.egress_gb_month)
                ),
            ),
            ("backlog", drain),
        ],
    )
}

/// `p10 … · p50 … · p90 …` with the figure's own formatting; an unbounded end says so.
pub fn band_text(
    b: &crate::engine::bands::Band,
    show: impl Fn(f64) -> String,
    none: &str,
) -> String {
    let v = |x: Option<f64>| x.map_or_else(|| none.to_string(), &show);
    format!("p10 {} · p50 {} · p90 {}", v(b.p10), v(b.p50), v(b.p90))
}

fn bands(b: &crate::engine::bands::Bands, s: &Scenario) -> Section {
    let ranged: Vec<String> = s
        .ranges
        .iter()
        .map(|(k, r)| {
            let shape = match r {
                crate::engine::ranges::Range::Uniform(..) => "uniform",
                crate::engine::ranges::Range::Triangular(..) => "triangular",
            };
            format!("{k} {} ({shape})", r.shown())
        })
        .collect();
    let runway = |m: f64| format!("month {}", num(m));
    section(
        format!("Ranges ({} samples)", count(b.samples as u64)),
        vec![
            ("ranged", ranged.join(", ")),
            ("monthly cost", band_text(&b.monthly_usd, money, "—")),
            ("nodes", band_text(&b.nodes, num, "—")),
            ("database vCPU", band_text(&b.db_vcpu, num, "—")),
            (
                "p99 latency",
                band_text(&b.p99_ms, |x| ms(Some(x)), "unbounded"),
            ),
            ("runway", band_text(&b.runway_month, runway, "lasts")),
            (
                "unschedulable",
                if b.unschedulable == 0 {
                    String::new()
                } else {
                    format!(
                        "{} of the samples: a pod fits no node of the type the point plan chose, so \
                         their cost leaves that pool out; narrow the range or pin a bigger node type",
                        count(b.unschedulable as u64)
                    )
                },
            ),
            (
                "cost at horizon",
                b.growth_usd.last().map_or_else(String::new, |m| {
                    format!(
                        "{} (month {}, {} samples)",
                        band_text(m, money, "—"),
                        b.growth_usd.len() - 1,
                        b.growth_samples
                    )
                }),
            ),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect(),
    )
}

/// How the month is bought, in words: only what differs from the peak all month on demand.
pub fn billing(p: &Plan, s: &Scenario) -> Vec<(&'static str, String)> {
    use crate::engine::scenario::Commitment;
    let b = &p.cost.billing;
    let mut rows = Vec::new();
    rows.push((
        "node-hours",
        if s.autoscaling {
            format!(
                "{} autoscaled: the peak {} h a day, the average load's nodes the rest \
                 (the peak all month: {})",
                num(b.node_hours),
                num(s.peak_hours_per_day),
                num(b.peak_node_hours)
            )
        } else {
            format!("{}: the peak all month, no autoscaling", num(b.node_hours))
        },
    ));
    if s.commitment != Commitment::OnDemand {
        let term = if s.commitment == Commitment::OneYear {
            "1-year"
        } else {
            "3-year"
        };
        let what: Vec<String> = b
            .commit
            .iter()
            .map(|l| format!("{} × {}", num(l.nodes), l.node_type))
            .collect();
        let unverified = if b.commit.iter().any(|l| !l.verified) {
            "; rate [unverified]"
        } else {
            ""
        };
        let floor = s.commit_share.map_or_else(
            || " (the floor)".to_string(),
            |x| format!(" ({} of today's node-hours)", pct(x)),
        );
        rows.push((
            "commit",
            if what.is_empty() {
                if s.commit_share == Some(0.0) {
                    "nothing (commit_share 0)".to_string()
                } else {
                    "nothing: no node runs all month".to_string()
                }
            } else {
                format!("{}{floor}, {term}{unverified}", what.join(" + "))
            },
        ));
    }
    let saving = b.on_demand_usd - p.cost.monthly_usd;
    if saving.abs() >= 0.005 {
        rows.push(("on demand", format!("{}/month", money(b.on_demand_usd))));
        rows.push((
            "saving",
            format!(
                "{}/month ({})",
                money(saving),
                pct(saving / b.on_demand_usd.max(1e-9))
            ),
        ));
    }
    if s.spot_share > 0.0 && b.spot_usd <= 0.0 {
        rows.push((
            "spot",
            if s.commitment == Commitment::OnDemand {
                "none: no pool runs only app or media pods".to_string()
            } else {
                "none: no pool runs only app or media pods with hours left after the commitment"
                    .to_string()
            },
        ));
    }
    if b.spot_usd > 0.0 {
        rows.push((
            "spot",
            format!(
                "{}/month of app and media nodes ({} of their uncommitted hours)",
                money(b.spot_usd),
                pct(s.spot_share)
            ),
        ));
    }
    rows
}

fn cost(p: &Plan, s: &Scenario) -> Section {
    let c = &p.cost;
    let mut rows: Vec<(&str, String)> = c
        .components
        .items()
        .iter()
        .filter(|(_, _, v)| *v > 0.0)
        .map(|(_, label, v)| (*label, money(*v)))
        .collect();
    if c.components.discount > 0.0 {
        rows.push(("discount", format!("−{}", money(c.components.discount))));
    }
    rows.push(("total", format!("{}/month", money(c.monthly_usd))));
    for (label, text) in billing(p, s) {
        rows.push((label, text));
    }
    if c.clusters > 1 {
        rows.push((
            "clusters",
            format!("{} (each with its own control plane)", count(c.clusters)),
        ));
    }
    rows.push(("per user", money(c.per_user_usd)));
    rows.push(("per million requests", money(c.per_million_requests_usd)));
    rows.push((
        "by provider",
        format!(
            "AWS {} · GCP {} · Azure {}",
            money(c.by_provider.aws),
            money(c.by_provider.gcp),
            money(c.by_provider.azure)
        ),
    ));
    section(format!("Cost ({} {})", c.provider.label(), c.region), rows)
}

fn growth(p: &Plan) -> Section {
    let g = &p.growth;
    let last = g.months.len().saturating_sub(1);
    let step = (last / 4).max(1);
    let runway = g.runway_months;
    // Every fourth month, plus each month where a count changes and the runway month.
    let mut rows: Vec<(String, String)> = g
        .months
        .iter()
        .enumerate()
        .filter(|(i, m)| i % step == 0 || *i == last || m.changes.any() || Some(m.month) == runway)
        .map(|(_, m)| {
            let changed: Vec<&str> = m.changes.names().collect();
            let mut mark = if changed.is_empty() {
                String::new()
            } else {
                format!(" ◆ {}", changed.join(", "))
            };
            if Some(m.month) == runway {
                mark.push_str(" ◀ runway");
            }
            (
                format!("month {}", m.month),
                format!(
                    "{} · {} · {} · {}{mark}",
                    plural(m.users.round() as u64, "user", "users"),
                    plural(m.workers, "worker", "workers"),
                    plural(m.nodes, "node", "nodes"),
                    money(m.monthly_usd)
                ),
            )
        })
        .collect();
    rows.push((
        "runway".into(),
        match &g.runway {
            Some(r) => r.summary(),
            None => "today's plan lasts the whole horizon".into(),
        },
    ));
    Section {
        title: "Growth".into(),
        rows,
    }
}

/// Requests in flight, or why there is no finite figure.
pub fn in_flight(v: Option<f64>, source: &str) -> String {
    match v {
        Some(n) => format!("{} requests ({source})", num(n)),
        None => "unbounded (overloaded)".into(),
    }
}
