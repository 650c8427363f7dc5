//! One consistent story (issue 8, MODEL.md Revision 2): media accrues and is downloaded, the media size
//! moves every plan that has media, and runway is measured against what is provisioned today.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{any_scenario, assert_near, plan, preset, with};
use headroom::engine::media::DAYS_PER_MONTH;
use headroom::presets;
use proptest::prelude::*;

/// MODEL.md Revision 2 "Media": the default preset's 200 active users upload 0.2 files an hour each at
/// peak: 200 × 0.2 ÷ 60 = 0.667 files/min; the average is a quarter of that (`peak_to_average` 4), so
/// 0.667 ÷ 4 × 1 440 = 240 files a day of 5 MB = 1.2 GB a day. Month 0 bills half a month on average:
/// 240 × 15.22 days × 5 MB = 18.26 GB (not 365 days = 438 GB). Downloads: 240 × 30.44 × 3 views × 5 MB
/// = 109.6 GB a month of egress on top of the responses.
#[test]
fn default_preset_media_accrues_from_day_one_and_is_downloaded() {
    let p = plan(&preset("default"));
    let per_day = 200.0 * 0.2 / 60.0 / 4.0 * 1440.0;
    assert_near(per_day, 240.0, 1e-12, "uploads a day");
    assert_near(p.media.stored_days, DAYS_PER_MONTH / 2.0, 1e-12, "days");
    assert_near(
        p.media.object_storage_gb,
        per_day * DAYS_PER_MONTH / 2.0 * 0.005,
        1e-9,
        "GB stored",
    );
    assert_near(
        p.media.egress_gb_month,
        per_day * DAYS_PER_MONTH * 3.0 * 0.005,
        1e-9,
        "GB downloaded",
    );
    assert_near(
        p.traffic.egress_gb_month - p.traffic.response_egress_gb_month,
        p.media.egress_gb_month,
        1e-9,
        "egress includes media",
    );
    assert!(p.media.vcpu >= 1, "uploads are processed");
}

/// An existing product keeps its history: 400 days of history under a 365-day retention is a full year.
#[test]
fn media_history_is_capped_by_retention() {
    let p = plan(&with("default", &[("media_history_days", "400")]));
    assert_near(p.media.stored_days, 365.0, 1e-12, "capped");
    let young = plan(&with("default", &[("media_history_days", "30")]));
    assert_near(
        young.media.stored_days,
        30.0 + DAYS_PER_MONTH / 2.0,
        1e-12,
        "30 days + half a month",
    );
}

/// Object storage grows month by month in the horizon, and stops growing at the retention.
#[test]
fn object_storage_cost_grows_with_the_months_then_levels() {
    let s = with(
        "diffgram",
        &[
            ("growth", "1"),
            ("horizon_months", "24"),
            ("retention_days", "90"),
        ],
    );
    let p = plan(&s);
    let gb: Vec<f64> = p
        .growth
        .months
        .iter()
        .map(|m| m.object_storage_gb)
        .collect();
    assert!(gb[1] > gb[0], "{gb:?}");
    assert!(gb[2] > gb[1], "{gb:?}");
    // 90 days are reached by month 3 (30.44 × 3.5 > 90): flat from then on.
    assert!((gb[24] - gb[3]).abs() < 1e-9, "{gb:?}");
    assert!(p.growth.months[24].monthly_usd >= p.growth.months[0].monthly_usd);
}

/// MODEL.md Revision 2 "Media": the media size slider moves the plan in every built-in preset with media.
#[test]
fn media_size_moves_every_preset_that_has_media() {
    let mut with_media = 0;
    for name in presets::builtin_names() {
        let s = preset(name);
        if s.media_mb <= 0.0 {
            continue;
        }
        with_media += 1;
        let base = plan(&s);
        let mut bigger = s.clone();
        bigger.media_mb *= 4.0;
        let b = plan(&bigger);
        assert!(
            b.cost.monthly_usd > base.cost.monthly_usd,
            "{name}: {} → {}",
            base.cost.monthly_usd,
            b.cost.monthly_usd
        );
        assert!(
            b.media.object_storage_gb > base.media.object_storage_gb,
            "{name}"
        );
    }
    assert!(with_media >= 2, "default and diffgram have media");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Month 0 of a new product never bills more than one month of uploads.
    #[test]
    fn month_zero_stores_at_most_one_month_of_uploads(s in any_scenario()) {
        let mut s = s;
        s.media_history_days = 0.0;
        let p = plan(&s);
        let month_of_uploads = p.media.uploads_per_month * s.media_mb / 1000.0;
        prop_assert!(p.media.object_storage_gb <= month_of_uploads * (1.0 + 1e-9));
    }
}

/// MODEL.md Revision 2 "Growth and runway", by hand for the default preset over 36 months. Today 200 users
/// need 3 workers, but 2 replicas of 4 vCPU are provisioned: 8 worker slots. At month m there are
/// 200 × 2^(m/12) users, each sending 1 RPS; 30 % miss the cache. Busy workers = users × (0.3 ÷ 60 + 0.7 ÷ 250)
/// = users × 0.0078; workers = ⌈busy ÷ 0.6⌉. Month 19: 599.3 users → 4.675 busy → 7.79 → 8 workers (fits);
/// month 20: 635.0 users → 4.953 → 8.25 → 9 workers > 8 slots. The database (1 of 2 vCPU on db.t3.large),
/// the cache and the node pools still fit then, so the runway is month 20, on the app's worker slots.
#[test]
fn default_preset_runway_is_month_20_on_app_worker_slots() {
    let p = plan(&with("default", &[("horizon_months", "36")]));
    let r = p.growth.runway.as_ref().unwrap();
    assert_eq!(
        (r.month, r.tier.as_str(), r.resource),
        (20, "app", "worker slots")
    );
    assert_near(r.needed, 9.0, 0.0, "workers needed");
    assert_near(r.provisioned, 8.0, 0.0, "slots provisioned");
    assert_eq!(p.growth.runway_months, Some(20));
    assert_eq!(p.growth.months[19].workers, 8);
    assert_eq!(p.growth.months[20].workers, 9);
    // Over the default 12 months nothing runs out, so the plan no longer says "month 1".
    assert_eq!(plan(&preset("default")).growth.runway, None);
}

/// The growth table marks the months where a count changes, and only those.
#[test]
fn growth_months_mark_count_changes() {
    let p = plan(&with("default", &[("horizon_months", "36")]));
    for pair in p.growth.months.windows(2) {
        let changed = pair[0].workers != pair[1].workers || pair[0].nodes != pair[1].nodes;
        if changed {
            assert!(pair[1].changes.any(), "month {}", pair[1].month);
        }
    }
    let m20 = &p.growth.months[20];
    assert!(m20.changes.names().any(|n| n == "workers"));
    assert!(!p.growth.months[0].changes.any());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The runway never cries wolf: in its month something provisioned today is really exceeded, and in no
    /// earlier month do the app's workers outgrow today's worker slots when today's own load fits them.
    #[test]
    fn runway_never_precedes_an_exceeded_capacity(s in any_scenario()) {
        let p = plan(&s);
        let slots = p.compute.latency.servers;
        if let Some(r) = &p.growth.runway {
            // A queue exactly at capacity is already unstable: month 0 may need exactly what it has.
            prop_assert!(
                r.needed > r.provisioned || (r.month == 0 && r.needed >= r.provisioned),
                "{r:?}"
            );
            if r.month == 0 {
                // Only a plan already short today: overloaded, p99 past the SLO, or too many connections.
                let l = &p.compute.latency;
                let short = l.overloaded
                    || l.p99_ms.is_some_and(|x| x > s.slo_p99_ms)
                    || (p.database.vcpu > 0 && p.database.total_connections > p.database.max_connections);
                prop_assert!(short, "{r:?}");
            }
            if r.resource == "worker slots" && r.month >= 1 {
                prop_assert!(p.growth.months[r.month as usize].workers > slots);
            }
        }
        let end = p.growth.runway_months.map_or(p.growth.months.len(), |m| m as usize);
        if p.compute.workers <= slots {
            for m in &p.growth.months[..end] {
                prop_assert!(m.workers <= slots, "month {} needs {} of {slots}", m.month, m.workers);
            }
        }
    }
}

/// A plan already short today has no runway: Falcon at target 1.0 is overloaded at month 0, and says so,
/// rather than promising four months (review finding).
#[test]
fn an_overloaded_plan_has_no_runway() {
    let p = plan(&with("falcon-inference", &[("target_utilization", "1")]));
    assert!(p.compute.latency.overloaded);
    let r = p.growth.runway.as_ref().unwrap();
    assert_eq!(
        (r.month, r.tier.as_str(), r.resource),
        (0, "app", "worker slots")
    );
    assert!(r.detail.contains("overloaded today"), "{r:?}");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.starts_with("Today's plan is already short")),
        "{:?}",
        p.warnings
    );
}
