//! Ranges and bands (issue 12): sampled ranged inputs give p10/p50/p90 that bracket the plans at the
//! range's ends, are reproducible, collapse to the point plan for a degenerate range, and barely move
//! between seeds.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{PRESETS, plan, preset, with};
use headroom::catalog::Catalog;
use headroom::engine::bands::{DEFAULT_SAMPLES, SEED, bands};
use headroom::engine::ranges::Range;

fn nodes(p: &headroom::engine::plan::Plan) -> f64 {
    p.growth.months[0].nodes as f64
}

/// With only `users` ranged the plan is monotone in users, so p10 is at least the plan at `low` and p90
/// at most the plan at `high`, for cost and nodes, on every preset.
#[test]
fn users_bands_lie_between_the_plans_at_the_ends() {
    for name in PRESETS {
        let point = preset(name);
        let (low, high) = (point.users * 0.5, point.users * 2.0);
        let mut s = point.clone();
        s.ranges.insert("users".into(), Range::Uniform(low, high));
        let b = plan(&s).bands.unwrap();
        let at = |u: f64| {
            let mut x = point.clone();
            x.users = u;
            plan(&x)
        };
        let (lo, hi) = (at(low), at(high));
        let m = &b.monthly_usd;
        assert!(
            m.p10.unwrap() >= lo.cost.monthly_usd - 1e-6,
            "{name}: {m:?} vs {}",
            lo.cost.monthly_usd
        );
        assert!(
            m.p90.unwrap() <= hi.cost.monthly_usd + 1e-6,
            "{name}: {m:?} vs {}",
            hi.cost.monthly_usd
        );
        assert!(m.p10 <= m.p50 && m.p50 <= m.p90);
        assert!(
            b.nodes.p10.unwrap() >= nodes(&lo) && b.nodes.p90.unwrap() <= nodes(&hi),
            "{name}"
        );
        assert_eq!(b.samples, DEFAULT_SAMPLES);
        assert_eq!(b.ranged, vec!["users".to_string()]);
        // The growth band, month by month, lies between the growth of the plans at the ends.
        assert_eq!(
            b.growth_usd.len(),
            point.horizon_months as usize + 1,
            "{name}"
        );
        for (m, band) in b.growth_usd.iter().enumerate() {
            let (l, h) = (
                lo.growth.months[m].monthly_usd,
                hi.growth.months[m].monthly_usd,
            );
            assert!(
                band.p10.unwrap() >= l - 1e-6 && band.p90.unwrap() <= h + 1e-6,
                "{name} month {m}: {band:?} vs {l}..{h}"
            );
            assert!(
                band.p10 <= band.p50 && band.p50 <= band.p90,
                "{name} month {m}"
            );
        }
    }
}

/// The same scenario gives identical bands; a degenerate range (low = high) gives p10 = p50 = p90 = the
/// point plan, for every reported figure, the runway included.
#[test]
fn bands_are_reproducible_and_collapse_for_a_degenerate_range() {
    for name in PRESETS {
        let point = preset(name);
        let mut s = point.clone();
        s.ranges
            .insert("users".into(), Range::Uniform(point.users, point.users));
        s.ranges.insert(
            "cache_hit".into(),
            Range::Triangular(point.cache_hit, point.cache_hit, point.cache_hit),
        );
        let p = plan(&s);
        assert_eq!(p.bands, plan(&s).bands, "{name}: same scenario, same bands");
        let b = p.bands.unwrap();
        let pp = plan(&point);
        for (what, band, want) in [
            ("cost", b.monthly_usd, Some(pp.cost.monthly_usd)),
            ("nodes", b.nodes, Some(nodes(&pp))),
            ("db vCPU", b.db_vcpu, Some(pp.database.vcpu as f64)),
            ("p99", b.p99_ms, pp.compute.latency.p99_ms),
            (
                "runway",
                b.runway_month,
                pp.growth.runway_months.map(f64::from),
            ),
        ] {
            assert_eq!(
                (band.p10, band.p50, band.p90),
                (want, want, want),
                "{name} {what}"
            );
        }
        // The growth band collapses onto the point plan's growth, month by month.
        for (band, month) in b.growth_usd.iter().zip(&pp.growth.months) {
            let want = Some(month.monthly_usd);
            assert_eq!((band.p10, band.p50, band.p90), (want, want, want), "{name}");
        }
    }
}

/// At the default sample count the p10 and p90 of cost move by under 1 % between seeds.
#[test]
fn bands_barely_move_between_seeds() {
    for name in ["default", "diffgram", "coder-10k"] {
        let mut s = with(name, &[]);
        let u = s.users;
        s.ranges
            .insert("users".into(), Range::Triangular(u * 0.6, u, u * 1.8));
        s.ranges
            .insert("intensity".into(), Range::Uniform(0.3, 0.9));
        let a = bands(&s, Catalog::builtin(), DEFAULT_SAMPLES, SEED).unwrap();
        for seed in [1, 2, 3] {
            let b = bands(&s, Catalog::builtin(), DEFAULT_SAMPLES, seed).unwrap();
            for (x, y) in [
                (a.monthly_usd.p10, b.monthly_usd.p10),
                (a.monthly_usd.p90, b.monthly_usd.p90),
            ] {
                let (x, y) = (x.unwrap(), y.unwrap());
                assert!((x - y).abs() <= 0.01 * x, "{name} seed {seed}: {x} vs {y}");
            }
        }
    }
}

/// `--set users=30k..60k` keeps the middle as the point value; a single value removes the range; a range
/// out of order or out of the key's bounds is refused with the key named.
#[test]
fn ranges_are_set_and_checked_like_values() {
    let s = with("default", &[("users", "30k..60k")]);
    assert_eq!(s.users, 45_000.0);
    assert_eq!(
        s.ranges.get("users"),
        Some(&Range::Uniform(30_000.0, 60_000.0))
    );
    let t = with("default", &[("users", "30k..40k..60k")]);
    assert_eq!(
        (t.users, t.ranges["users"]),
        (40_000.0, Range::Triangular(30_000.0, 40_000.0, 60_000.0))
    );
    let u = with("default", &[("users", "30k..60k"), ("users", "5000")]);
    assert!(u.ranges.is_empty());
    let mut bad = preset("default");
    for raw in ["60k..30k", "1..2e10", "1..x", "1..2..3..4"] {
        let e = headroom::engine::params::set_key(&mut bad, "users", raw).unwrap_err();
        assert!(e.to_string().contains("users"), "{raw}: {e}");
    }
    // A file whose value lies outside its own range is refused: its point plan would describe another
    // load than its bands.
    let mut outside = preset("default");
    outside
        .ranges
        .insert("users".into(), Range::Uniform(30_000.0, 60_000.0));
    let errors = headroom::engine::params::validate(&outside, Catalog::builtin());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "`users` = 200 does not fit its range 30,000..60,000: the value lies within low..high, and is the likely one of low..likely..high"
    );
    // A triangular range names its likely value: the point must be it.
    let mut off = preset("default");
    off.ranges
        .insert("users".into(), Range::Triangular(100.0, 250.0, 300.0));
    let errors = headroom::engine::params::validate(&off, Catalog::builtin());
    assert_eq!(errors.len(), 1, "{errors:?}");
    off.users = 250.0;
    assert!(headroom::engine::params::validate(&off, Catalog::builtin()).is_empty());
    // A commitment is signed once: its share takes no range.
    let mut share = preset("default");
    share.commit_share = Some(0.5);
    share
        .ranges
        .insert("commit_share".into(), Range::Uniform(0.2, 0.8));
    let errors = headroom::engine::params::validate(&share, Catalog::builtin());
    assert!(
        errors[0].to_string().contains("takes no range"),
        "{errors:?}"
    );
}

/// Samples whose pods fit no node of the point plan's type are counted and warned about, never hidden in
/// the bands: `node_headroom` 0..0.9 on the default preset shrinks allocatable below an app pod for part of
/// the range, while a users range fits every sample.
#[test]
fn unschedulable_samples_are_counted_and_warned() {
    let s = with("default", &[("node_headroom", "0..0.9")]);
    let p = plan(&s);
    let b = p.bands.as_ref().unwrap();
    assert!(
        b.unschedulable > 0 && b.unschedulable < b.samples,
        "{}",
        b.unschedulable
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.key == "node_headroom" && w.message.contains("no node of the type")),
        "{:?}",
        p.warnings
    );
    let ok = plan(&with("default", &[("users", "100..300")]));
    assert_eq!(ok.bands.unwrap().unschedulable, 0);
}

/// A commitment is signed once, on the point plan: a sample whose load turns out lower still pays all of
/// it. With every node-hour of a 20,000-user plan committed (`commit_share=1`) and users anywhere in
/// 2,000 … 20,000, even the p10 month costs at least what was committed; the sample at the point is the
/// point plan.
#[test]
fn samples_pay_the_commitment_the_point_plan_signed() {
    use headroom::engine::scenario::Commitment;
    let mut s = preset("default");
    s.users = 20_000.0;
    s.commitment = Commitment::OneYear;
    s.commit_share = Some(1.0);
    let point = plan(&s);
    let signed = point.cost.billing.committed_usd;
    assert!(signed > 0.0);
    s.ranges
        .insert("users".into(), Range::Uniform(2_000.0, 20_000.0));
    let b = plan(&s).bands.unwrap();
    let p10 = b.monthly_usd.p10.unwrap();
    assert!(p10 >= signed, "p10 {p10} below the signed {signed}");
    // Had each sample signed its own floor, the low end would cost far less: the plan at 3,800 users
    // (about the 10th percentile) commits and pays under what the point signed.
    let mut low = s.clone();
    low.ranges.clear();
    low.users = 3_800.0;
    assert!(plan(&low).cost.monthly_usd < signed);
    s.ranges
        .insert("users".into(), Range::Uniform(20_000.0, 20_000.0));
    let b = plan(&s).bands.unwrap();
    assert_eq!(b.monthly_usd.p50, Some(point.cost.monthly_usd));
}
