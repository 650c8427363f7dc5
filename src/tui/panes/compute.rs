//! Compute: traffic, workers, replicas, latency at peak against the SLO, and the knee.

use ratatui::text::Span;

use crate::engine::plan::{Plan, ReplicaBound};
use crate::figure::Figure;
use crate::format::{count, gib, ms, num, pct};

use super::Ctx;
use crate::tui::widgets::bar::bar;

use super::{Row, labelled};

pub fn rows(app: &Ctx, plan: &Plan, width: u16) -> Vec<Row> {
    let t = &plan.traffic;
    let c = &plan.compute;
    let l = &c.latency;
    let s = &app.scenario;
    let dim = app.theme.dim;
    let bound = match c.replicas_bound_by {
        ReplicaBound::Vcpu => "by vCPU",
        ReplicaBound::Connections => "by connections",
        ReplicaBound::MinReplicas => "minimum",
    };
    // label 10 + value 8 + spaces 2 + "SLO 1,000 ms" or "peak 1,234" 11.
    let gauge_w = (width as usize).saturating_sub(31).min(20);
    let gauge = |fraction: f64, over: bool| {
        let (filled, empty) = bar(fraction, gauge_w);
        let style = if over { app.theme.bad } else { app.theme.good };
        vec![
            Span::raw(" "),
            Span::styled(filled, style),
            Span::styled(empty, app.theme.bar_empty),
            Span::raw(" "),
        ]
    };
    let mut p99 = labelled("p99", format!("{:>8}", ms(l.p99_ms)), dim);
    let over = l.p99_ms.is_none_or(|p| p > s.slo_p99_ms);
    p99.extend(gauge(l.p99_ms.map_or(1.0, |p| p / s.slo_p99_ms), over));
    p99.push(Span::styled(format!("SLO {}", ms(Some(s.slo_p99_ms))), dim));
    let mut knee = labelled(
        "knee",
        format!("{:>8}", format!("{} RPS", num(l.knee_rps))),
        dim,
    );
    knee.extend(gauge(
        t.peak_rps / l.knee_rps.max(1e-9),
        t.peak_rps > l.knee_rps,
    ));
    knee.push(Span::styled(format!("peak {}", num(t.peak_rps)), dim));
    let mut rows = vec![
        Row::figure(
            Figure::PeakRps,
            labelled(
                "peak",
                format!("{} RPS · avg {}", num(t.peak_rps), num(t.avg_rps)),
                dim,
            ),
        ),
        Row::figure(
            Figure::MissRps,
            labelled(
                "misses",
                format!("{}/s · hits {}/s", num(t.miss_rps), num(t.hit_rps)),
                dim,
            ),
        ),
        Row::figure(
            Figure::Workers,
            labelled(
                "workers",
                format!(
                    "{} ({} busy at peak)",
                    count(c.workers),
                    num(c.busy_workers)
                ),
                dim,
            ),
        ),
        Row::figure(
            Figure::Vcpu,
            labelled(
                "size",
                format!("{} vCPU · {}", num(c.vcpu), gib(c.memory_gib)),
                dim,
            ),
        ),
        Row::figure(
            Figure::Replicas,
            labelled(
                "replicas",
                format!(
                    "{} ({bound}) · {} slots",
                    count(c.replicas),
                    count(l.servers)
                ),
                dim,
            ),
        ),
        Row::figure(
            Figure::P95,
            labelled(
                "p95",
                if l.overloaded {
                    format!(
                        "overloaded: {} of {} slots",
                        pct(l.utilization),
                        count(l.servers)
                    )
                } else {
                    format!("{:>8} · wait {}", ms(l.p95_ms), ms(l.mean_wait_ms))
                },
                dim,
            ),
        ),
        Row::figure(Figure::P99, p99),
        Row::figure(Figure::Knee, knee),
        Row::figure(
            Figure::InFlight,
            labelled(
                "in flight",
                crate::report::sections::in_flight(c.in_flight, "Little"),
                dim,
            ),
        ),
        Row::figure(
            Figure::WriteQps,
            labelled(
                "writes",
                format!(
                    "{}/s · {} Mbit/s",
                    num(t.write_qps),
                    num(t.peak_bandwidth_mbps)
                ),
                dim,
            ),
        ),
    ];
    if let Some(l) = app.limits {
        let short = l.times_today.is_some_and(|x| x < 1.0);
        let mut spans = labelled("headroom", l.headline(), dim);
        if short {
            spans[1].style = app.theme.bad;
        }
        // Right under the knee: both say how far today's plan goes.
        rows.insert(8, Row::figure(Figure::Headroom, spans));
    }
    rows
}
