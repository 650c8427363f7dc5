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
