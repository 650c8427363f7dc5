//! Bands: every ranged input sampled together (a Latin hypercube with a fixed seed, so the same scenario
//! always gives the same bands), each sample planned for what the bands report — today's monthly cost,
//! nodes, database vCPU, p99 latency and the runway month — and the 10th, 50th and 90th percentiles taken.

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use serde::Serialize;

use crate::catalog::Catalog;

use super::database::records_per_month;
use super::explain::{Explanation, Recorder, term};
use super::params::{self, Kind};
use super::scenario::Scenario;
use super::{Sizing, compute, growth, resolve_sized, size_into};

/// Samples drawn unless told otherwise (`--samples`).
pub const DEFAULT_SAMPLES: usize = 2000;
/// The seed: "headroom" in ASCII. Fixed, so bands are reproducible.
pub const SEED: u64 = 0x6865_6164_726f_6f6d;

/// The 10th, 50th and 90th percentiles of one figure; `None` where the percentile is unbounded (an
/// overloaded queue) or beyond the horizon (a runway that lasts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Band {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Bands {
    pub samples: usize,
    pub seed: u64,
    /// The ranged inputs, in key order.
    pub ranged: Vec<String>,
    pub monthly_usd: Band,
    pub nodes: Band,
    pub db_vcpu: Band,
    pub p99_ms: Band,
    pub runway_month: Band,
    /// Monthly cost month by month to the horizon (month 0 first), from `growth_samples` of the samples:
    /// the growth sparkline's band.
    pub growth_samples: usize,
    pub growth_usd: Vec<Band>,
    /// Samples in which a pod fits no node of the type the point plan chose: their pool has no true
    /// node count, so their cost leaves it out. Said beside the bands, never hidden in them.
    pub unschedulable: usize,
}

/// Month-sizings the growth band may spend: its samples are this over the horizon, so a long horizon
/// samples fewer paths and the band stays inside a frame.
const GROWTH_SIZINGS: usize = 1200;
/// The fewest paths a growth band is drawn from, however long the horizon.
const GROWTH_MIN_SAMPLES: usize = 40;

/// How a ranged input's sampled value is put into the scenario.
type Setter = fn(&mut Scenario, f64);

/// Bands for a scenario with ranged inputs; `None` without any.
pub fn bands(scenario: &Scenario, catalog: &Catalog, samples: usize, seed: u64) -> Option<Bands> {
    if scenario.ranges.is_empty() || samples == 0 {
        return None;
    }
    let base = params::clamped(scenario).into_owned();
    // Node types stay as the point plan settles them: an `auto` pool's type is a decision, not a load.
    let mut r = resolve_sized(&base, catalog, base.provider);
    let ranged: Vec<(&String, super::ranges::Range, Setter)> = base
        .ranges
        .iter()
        .filter_map(|(k, range)| match params::find(k)?.kind {
            Kind::Number { set, .. } => Some((k, *range, set)),
            _ => None,
        })
        .collect();
    let bounds: Vec<(f64, f64, bool)> = ranged
        .iter()
        .map(|(k, _, _)| match params::find(k).map(|p| p.kind) {
            Some(Kind::Number {
                min, max, integer, ..
            }) => (min, max, integer),
            _ => (f64::MIN, f64::MAX, false),
        })
        .collect();
    // Where the point plan runs out: most samples run out near it.
    let mut point = Sizing::default();
    size_today(&mut point, &base, &r, None);
    let hint = {
        let mut knees = Vec::new();
        compute::p99_and_knee(&base, &point.traffic, &mut point.compute, &mut knees);
        growth::runway_month(&base, &r, &point, &mut Sizing::default(), None)
    };
    // The commitment is signed once, on the point plan; each sample is a load it may turn out to be.
    let signed = &point.bill.committed;
    let mut knees: Vec<([u64; 3], f64)> = Vec::new();
    let mut rng = StdRng::seed_from_u64(seed);
    let columns = hypercube(&mut rng, ranged.len(), samples);
    let mut at = base.clone();
    // Sample `i` of `columns` put into `at`, clamped as `plan` clamps, one input at a time: only the
    // ranged ones change.
    let put = |at: &mut Scenario, columns: &[Vec<f64>], i: usize| {
        for (((_, range, set), column), (min, max, integer)) in
            ranged.iter().zip(columns).zip(&bounds)
        {
            let v = range.at(column[i]).clamp(*min, *max);
            set(at, if *integer { v.round() } else { v });
        }
    };
    let apply = |at: &mut Scenario, i: usize| put(at, &columns, i);
    let (mut today, mut scratch) = (Sizing::default(), Sizing::default());
    let mut cost = Vec::with_capacity(samples);
    let mut nodes = Vec::with_capacity(samples);
    let mut db = Vec::with_capacity(samples);
    let mut p99 = Vec::with_capacity(samples);
    let mut runway = Vec::with_capacity(samples);
    let mut unschedulable = 0;
    for i in 0..samples {
        apply(&mut at, i);
        r.refit(&at);
        size_today(&mut today, &at, &r, Some(signed));
        compute::p99_and_knee(&at, &today.traffic, &mut today.compute, &mut knees);
        unschedulable += usize::from(today.pools.iter().any(|p| p.unschedulable.is_some()));
        cost.push(today.components.total());
        nodes.push(super::round::total(today.pools.iter().map(|p| p.nodes)) as f64);
        db.push(today.database.vcpu as f64);
        p99.push(today.compute.latency.p99_ms.unwrap_or(f64::INFINITY));
        runway.push(
            growth::runway_month(&at, &r, &today, &mut scratch, hint)
                .map_or(f64::INFINITY, f64::from),
        );
    }
    let horizon = base.horizon_months as usize;
    let paths = (GROWTH_SIZINGS / horizon.max(1))
        .max(GROWTH_MIN_SAMPLES)
        .min(samples);
    let columns = hypercube(&mut rng, ranged.len(), paths);
    let mut by_month: Vec<Vec<f64>> = vec![Vec::with_capacity(paths); horizon + 1];
    for i in 0..paths {
        put(&mut at, &columns, i);
        r.refit(&at);
        size_today(&mut today, &at, &r, Some(signed));
        by_month[0].push(today.components.total());
        // As `growth::grow` does: records pile up month by month, and what was committed today stays.
        let mut records = at.records_now;
        let mut written = records_per_month(&at, &today.traffic);
        for (m, costs) in by_month.iter_mut().enumerate().skip(1) {
            records += written;
            size_into(
                &mut scratch,
                &at,
                growth::users_at(&at, m as u32),
                records,
                m as u32,
                &r,
                &mut Recorder::off(),
                Some(signed),
            );
            written = records_per_month(&at, &scratch.traffic);
            costs.push(scratch.components.total());
        }
    }
    Some(Bands {
        samples,
        seed,
        ranged: ranged.iter().map(|(k, _, _)| (*k).clone()).collect(),
        monthly_usd: band(cost),
        nodes: band(nodes),
        db_vcpu: band(db),
        p99_ms: band(p99),
        runway_month: band(runway),
        growth_samples: paths,
        growth_usd: by_month.into_iter().map(band).collect(),
        unschedulable,
    })
}

/// Today's sizing of one sample, as `plan` sizes month 0 (no explanations), with the commitment
/// `signed` (`None`: its own).
fn size_today(
    out: &mut Sizing,
    s: &Scenario,
    r: &super::Resolved,
    signed: Option<&super::billing::Committed>,
) {
    size_into(
        out,
        s,
        s.users,
        s.records_now,
        0,
        r,
        &mut Recorder::off(),
        signed,
    );
}

/// A Latin hypercube of `n` points in `dims` dimensions: each dimension cut into `n` equal-probability
/// strata, one uniform draw per stratum, the strata of different dimensions paired at random.
fn hypercube(rng: &mut StdRng, dims: usize, n: usize) -> Vec<Vec<f64>> {
    (0..dims)
        .map(|_| {
            let mut strata: Vec<usize> = (0..n).collect();
            strata.shuffle(rng);
            strata
                .into_iter()
                .map(|k| (k as f64 + rng.random::<f64>()) / n as f64)
                .collect()
        })
        .collect()
}

/// Nearest-rank percentiles; an infinite percentile (unbounded, beyond the horizon) is `None`.
fn band(mut values: Vec<f64>) -> Band {
    values.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let rank = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len());
        values.get(rank - 1).copied().filter(|v| v.is_finite())
    };
    Band {
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
    }
}

/// How the bands were found, for `e` and `--explain`.
pub fn explain(b: &Bands, s: &Scenario) -> Explanation {
    let ranges: Vec<String> = s
        .ranges
        .iter()
        .map(|(k, r)| format!("{k} {}", r.shown()))
        .collect();
    Explanation::described(
        "bands.monthly_usd",
        "Monthly cost, p10–p90",
        "$",
        b.monthly_usd.p50,
        vec![
            term("samples", b.samples as f64, ""),
            term("inputs ranged", b.ranged.len() as f64, ""),
        ],
        format!(
            "{} samples of the ranged inputs ({}), drawn as a Latin hypercube with the fixed seed {:#x} (the \
             same scenario always gives the same bands): a range low..high is uniform, low..likely..high \
             triangular. Each sample is planned for today's monthly cost, nodes, database vCPU, p99 latency \
             and the runway month (node types as the point plan chose them, and its commitment: signed once, \
             it stays whatever the load turns out to be); the bands are the 10th, 50th and 90th \
             percentiles. The growth band follows {} further samples month by month to the horizon, \
             as the growth table does (records pile up, today's commitment stays). The other figures are \
             the point plan's, at the likely values.",
            crate::format::count(b.samples as u64),
            ranges.join(", "),
            b.seed,
            b.growth_samples
        ),
    )
    .called("p50")
}
