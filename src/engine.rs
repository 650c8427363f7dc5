//! The planning engine: `plan(&Scenario, &Catalog) -> Plan`, pure and total.
//!
//! users ─▶ traffic ─▶ compute (workers, replicas, latency)
//!                  ├▶ database + cache (vCPU, pools, storage)
//!                  ├▶ media (workers, memory, object storage)
//!                  └▶ workspaces
//!          every tier's pods ─▶ node pools ─▶ cost (three providers) ─▶ growth month by month

pub mod bands;
pub mod billing;
pub mod compute;
pub mod cost;
pub mod database;
pub mod drivers;
pub mod explain;
pub mod growth;
pub mod limits;
pub mod media;
pub mod nodes;
pub mod params;
pub mod plan;
pub mod queueing;
pub mod ranges;
pub mod round;
pub mod scenario;
pub mod traffic;
pub mod warnings;
pub mod workspaces;

use std::sync::Arc;

use crate::catalog::{Catalog, ProviderPrices};

use explain::Recorder;
use nodes::PodSpec;
use plan::{
    ByProvider, Cache, Components, Compute, Database, Media, NodePool, Plan, PoolSize, Traffic,
    Workspaces,
};
use scenario::{Provider, Scenario};

/// Plans a scenario. Inputs outside their ranges are clamped first, so any `Scenario` gives a finite plan.
pub fn plan(scenario: &Scenario, catalog: &Catalog) -> Plan {
    plan_with(scenario, catalog, Recorder::off())
}

/// Plans a scenario and keeps how each figure was computed (`Plan::explain`), for `--explain` and the
/// planner's `e`.
pub fn plan_explained(scenario: &Scenario, catalog: &Catalog) -> Plan {
    plan_with(scenario, catalog, Recorder::on())
}

fn plan_with(scenario: &Scenario, catalog: &Catalog, mut rec: Recorder) -> Plan {
    let s = params::clamped(scenario);
    let (resolved, mut today) = today_on(&s, catalog, s.provider, &mut rec);
    compute::latency(&s, &today.traffic, &mut today.compute, &mut rec);

    let growth = growth::grow(&s, &resolved, &today);
    let mut by_provider = ByProvider::default();
    // Today's load is the same on every provider: only where it is placed and what that costs differ.
    let mut elsewhere = Sizing::with_load_of(&today);
    for p in Provider::ALL {
        let total = if p == s.provider {
            today.components.total()
        } else {
            let r = resolve_on(&s, catalog, p, &today);
            place_and_bill(
                &mut elsewhere,
                &s,
                (s.users, s.records_now, 0),
                &r,
                &mut Recorder::off(),
                None,
            );
            elsewhere.components.total()
        };
        by_provider.set(p, total);
    }

    let node_pools: Vec<NodePool> = resolved
        .pools
        .iter()
        .zip(today.pools.iter().copied())
        .filter(|(_, size)| size.pods > 0)
        .map(|(pool, size)| NodePool {
            name: Arc::clone(&pool.name),
            node_type: Arc::clone(&pool.fit.node.name),
            node_vcpu: pool.fit.node.vcpu,
            node_memory_gib: pool.fit.node.memory_gib,
            auto: pool.auto,
            size,
        })
        .collect();
    let mut warnings = warnings::collect(&s, &resolved, &today, &node_pools, &growth.growth);
    let Sizing {
        traffic,
        compute,
        mut database,
        cache,
        media,
        workspaces,
        components,
        clusters,
        bill,
        ..
    } = today;
    database.storage_horizon_gib = growth.storage_horizon_gib;
    let total = components.total();
    let per_user_usd = round::ratio(total, traffic.users);
    let per_million_requests_usd = round::ratio(total, traffic.requests_per_month / 1e6);
    let bands = bands::bands(&s, catalog, bands::DEFAULT_SAMPLES, bands::SEED);
    if let Some(b) = &bands {
        rec.add(|| bands::explain(b, &s));
        if b.unschedulable > 0 {
            warnings.push(plan::Warning {
                key: b.ranged.first().cloned().unwrap_or_default(),
                message: format!(
                    "{} of {} samples put a pod on no node of the type the point plan chose: their cost \
                     leaves that pool out, so the low band is too low. Narrow the range or pin a bigger \
                     node type.",
                    crate::format::count(b.unschedulable as u64),
                    crate::format::count(b.samples as u64)
                ),
            });
        }
    }
    if rec.is_on() {
        explain::record_plan(
            &s,
            &components,
            &traffic,
            &growth.growth,
            &database,
            &mut rec,
        );
    }
    Plan {
        cost: plan::Cost {
            provider: s.provider,
            region: resolved.prices.region.clone(),
            monthly_usd: total,
            components,
            per_user_usd,
            per_million_requests_usd,
            by_provider,
            clusters,
            billing: bill,
        },
        traffic,
        compute,
        database,
        cache,
        media,
        workspaces,
        node_pools,
        warnings,
        growth: growth.growth,
        bands,
        explain: rec.into_items(),
    }
}

/// Today's monthly cost and node count, without latency, growth, other providers or explanations: the
/// path limits and drivers re-plan through many times a keystroke. Equal to `plan`'s figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quick {
    pub monthly_usd: f64,
    pub nodes: u64,
}

pub fn quick(scenario: &Scenario, catalog: &Catalog) -> Quick {
    let s = params::clamped(scenario);
    let (_, z) = today_on(&s, catalog, s.provider, &mut Recorder::off());
    Quick {
        monthly_usd: z.components.total(),
        nodes: round::total(z.pools.iter().map(|p| p.nodes)),
    }
}

/// A pool and the node type it runs on for one provider.
pub struct ResolvedPool<'c> {
    pub name: Arc<str>,
    /// The node type, and what it offers and costs this scenario.
    pub fit: nodes::NodeFit<'c>,
    /// The type the scenario named when it belongs to another provider and an equivalent was chosen.
    pub mapped_from: Option<String>,
    /// Chosen by headroom: the cheapest type on which every pod of the pool fits.
    pub auto: bool,
}

/// The scenario's pools and prices on one provider.
pub struct Resolved<'c> {
    pub provider: Provider,
    pub prices: &'c ProviderPrices,
    pub pools: Vec<ResolvedPool<'c>>,
    /// Index into `pools` for the app, infrastructure, database, media and workspace tiers.
    tiers: [usize; 5],
    /// [`surge_factor`], a power every month would otherwise take again.
    surge: f64,
    /// The database and cache bought last on this provider, to buy again without a search.
    bought: std::cell::RefCell<database::Bought>,
}

const APP: usize = 0;
const INFRA: usize = 1;
const DB: usize = 2;
const MEDIA: usize = 3;
const WORKSPACES: usize = 4;

/// Places each pool on a node type of `provider`: the named type, its cheapest equivalent when it
/// belongs to another provider, or the provider's default.
pub fn resolve<'c>(s: &Scenario, catalog: &'c Catalog, provider: Provider) -> Resolved<'c> {
    let prices = catalog.prices(provider);
    let default = prices
        .node(&prices.default_node_type)
        .unwrap_or(&prices.nodes[0]);
    let mut pools: Vec<ResolvedPool<'c>> = Vec::with_capacity(5);
    let mut tiers = [0; 5];
    let names = [
        &s.app_pool,
        &s.infra_pool,
        &s.db_pool,
        &s.media_pool,
        &s.workspace_pool,
    ];
    for (tier, name) in names.into_iter().enumerate() {
        if let Some(existing) = pools.iter().position(|p| *p.name == **name) {
            tiers[tier] = existing;
            continue;
        }
        tiers[tier] = pools.len();
        let wanted = s.node_types.get(name.as_str());
        let auto = wanted.is_some_and(|w| w == AUTO);
        let (node, mapped_from) = match wanted.filter(|_| !auto) {
            None => (default, None),
            Some(wanted) => match (prices.node(wanted), catalog.find_node(wanted)) {
                (Some(n), _) => (n, None),
                (None, Some((_, other))) => (
                    prices.cheapest_node_at_least(other.vcpu, other.memory_gib),
                    Some(wanted.clone()),
                ),
                (None, None) => (default, None),
            },
        };
        pools.push(ResolvedPool {
            name: Arc::from(name.as_str()),
            fit: nodes::NodeFit::new(s, prices, node),
            mapped_from,
            auto,
        });
    }
    Resolved {
        provider,
        prices,
        pools,
        tiers,
        surge: surge_factor(s),
        bought: std::cell::RefCell::default(),
    }
}

impl Resolved<'_> {
    /// Works the per-scenario constants out again for `s` on the same node types: the bands size every
    /// sample on the point plan's types, and a sample may change `node_headroom` or the surge.
    pub fn refit(&mut self, s: &Scenario) {
        for pool in &mut self.pools {
            pool.fit = nodes::NodeFit::new(s, self.prices, pool.fit.node);
        }
        self.surge = surge_factor(s);
    }
}

/// The node type name that asks headroom to choose: `node_type.general=auto`.
pub const AUTO: &str = "auto";

/// Today's sizing on one provider, with its pools resolved and every `auto` pool settled.
pub fn today_on<'c>(
    s: &Scenario,
    catalog: &'c Catalog,
    provider: Provider,
    rec: &mut Recorder,
) -> (Resolved<'c>, Sizing) {
    let mut today = Sizing::default();
    size_load(&mut today, s, s.users, s.records_now, 0, rec);
    let r = resolve_on(s, catalog, provider, &today);
    place_and_bill(&mut today, s, (s.users, s.records_now, 0), &r, rec, None);
    (r, today)
}

/// Resolves the pools and settles every `auto` pool on the node type where today's pods fit at the
/// lowest monthly cost. Growth months keep that type, as a running cluster would.
pub fn resolve_sized<'c>(s: &Scenario, catalog: &'c Catalog, provider: Provider) -> Resolved<'c> {
    let r = resolve(s, catalog, provider);
    if !r.pools.iter().any(|p| p.auto) {
        return r;
    }
    let mut load = Sizing::default();
    size_load(
        &mut load,
        s,
        s.users,
        s.records_now,
        0,
        &mut Recorder::off(),
    );
    settle(r, s, &load)
}

/// [`resolve_sized`] for today's load, already sized in `load` (placed or not: only its load is read).
fn resolve_on<'c>(
    s: &Scenario,
    catalog: &'c Catalog,
    provider: Provider,
    load: &Sizing,
) -> Resolved<'c> {
    let r = resolve(s, catalog, provider);
    if !r.pools.iter().any(|p| p.auto) {
        return r;
    }
    settle(r, s, load)
}

/// Settles each `auto` pool of `r` on its cheapest node type for today's `load`.
fn settle<'c>(mut r: Resolved<'c>, s: &Scenario, load: &Sizing) -> Resolved<'c> {
    // Only the pods placed on each pool are needed here, not their nodes or how the month is billed.
    let mut today = Sizing::with_load_of(load);
    place_pods(&mut today, s, &r);
    let prices = r.prices;
    // Every type of the provider as this scenario sees it, shared by the auto pools.
    let fits: Vec<nodes::NodeFit> = prices
        .nodes
        .iter()
        .map(|n| nodes::NodeFit::new(s, prices, n))
        .collect();
    let mut trial = Sizing::with_load_of(load);
    let placement = &today.placement;
    // Autoscaled pools are billed for the average load's nodes off-peak: each type is ranked by that
    // bill, so its nodes at the average load are needed too (the same on any type for a pool's pods).
    let average = autoscaled_share(s, &load.traffic).map(|ratio| {
        let mut avg = Sizing::default();
        size_load(
            &mut avg,
            s,
            s.users * ratio,
            s.records_now,
            0,
            &mut Recorder::off(),
        );
        place_pods(&mut avg, s, &r);
        avg.placement
    });
    for i in 0..r.pools.len() {
        let pods = placement.on(i).filter(|p| p.count > 0);
        if !r.pools[i].auto || pods.clone().next().is_none() {
            continue;
        }
        // A self-hosted database or cache on this pool is split to fit the node type: each candidate
        // places it anew. Every other pod is the same on any type, so the pool alone is sized.
        let reshards = pods.clone().any(|p| nodes::holds_data(p.tier));
        let best = nodes::cheapest_type(s, prices, &fits, pods, reshards, |fit| {
            let at_peak = if reshards {
                let chosen = std::mem::replace(&mut r.pools[i].fit, *fit);
                place(&mut trial, s, &r, &mut Recorder::off());
                r.pools[i].fit = chosen;
                trial.pools[i]
            } else {
                nodes::size_pool(fit, s, placement, i, ("", &mut Recorder::off()))
            };
            // A pool holding data keeps its peak all day, whatever the average load.
            let off_peak = average.as_ref().map(|avg| {
                if reshards {
                    at_peak.nodes
                } else {
                    nodes::size_pool(fit, s, avg, i, ("", &mut Recorder::off())).nodes
                }
            });
            (at_peak, off_peak)
        });
        if let Some(fit) = best {
            r.pools[i].fit = fit;
        }
    }
    r
}

/// Everything sized for one user count on one provider, without latency or growth.
#[derive(Default)]
pub struct Sizing {
    pub traffic: Traffic,
    pub compute: Compute,
    pub database: Database,
    pub cache: Cache,
    pub media: Media,
    pub workspaces: Workspaces,
    /// One per resolved pool, in the same order, including empty ones.
    pub pools: Vec<PoolSize>,
    pub components: Components,
    /// What was placed on which pool, kept so `auto` pools can be priced on other node types.
    pub placement: nodes::Placement,
    pub clusters: u64,
    /// How the month is bought: node-hours, commitment, spot, discount.
    pub bill: billing::Bill,
}

/// How many equal pods a self-hosted database or cache of this size needs so each fits on one node of
/// its pool (1 when it fits; a sharded store beyond that).
fn pods_needed(r: &Resolved, tier: usize, cpu: f64, memory_gib: f64) -> u64 {
    let (usable_cpu, usable_mem) = r.pools[r.tiers[tier]].fit.usable;
    if usable_cpu <= 0.0 || usable_mem <= 0.0 {
        return 1;
    }
    round::ceil_count(cpu / usable_cpu)
        .max(round::ceil_count(memory_gib / usable_mem))
        .max(1)
}

/// Autoscaling lags: traffic keeps rising while new nodes boot (article: 3–5 minutes).
pub fn surge_factor(s: &Scenario) -> f64 {
    (1.0 + s.spike_per_min).powf(s.autoscale_lag_min)
}

/// Sizes one month into `out`, reusing its pool list: the growth loop sizes every month.
/// `month` counts from today (0) and sets how much media is already stored; `today` is today's
/// commitment, which growth months keep (`None` sizes a plan of its own).
#[allow(clippy::too_many_arguments)]
pub fn size_into(
    out: &mut Sizing,
    s: &Scenario,
    users: f64,
    records: f64,
    month: u32,
    r: &Resolved,
    rec: &mut Recorder,
    today: Option<&billing::Committed>,
) {
    size_load(out, s, users, records, month, rec);
    place_and_bill(out, s, (users, records, month), r, rec, today);
}

/// With autoscaling on (and any traffic), the average load as a share of the peak: pools run the nodes it
/// needs outside the peak hours.
fn autoscaled_share(s: &Scenario, t: &Traffic) -> Option<f64> {
    (s.autoscaling && t.peak_rps > 0.0).then(|| (t.avg_rps / t.peak_rps).clamp(0.0, 1.0))
}

/// Places the load in `out` and bills it: [`size_into`] without sizing the load again.
fn place_and_bill(
    out: &mut Sizing,
    s: &Scenario,
    (users, records, month): (f64, f64, u32),
    r: &Resolved,
    rec: &mut Recorder,
    today: Option<&billing::Committed>,
) {
    place(out, s, r, rec);
    // Autoscaled pools run the average load's nodes outside the peak hours: size that load too.
    let average: Option<Vec<u64>> = autoscaled_share(s, &out.traffic).map(|ratio| {
        let mut avg = Sizing::default();
        size_core(
            &mut avg,
            s,
            users * ratio,
            records,
            month,
            r,
            &mut Recorder::off(),
        );
        avg.pools.iter().map(|p| p.nodes).collect()
    });
    out.bill = billing::bill(s, r, out, average.as_deref(), today, rec);
}

pub(crate) fn size_core(
    out: &mut Sizing,
    s: &Scenario,
    users: f64,
    records: f64,
    month: u32,
    r: &Resolved,
    rec: &mut Recorder,
) {
    size_load(out, s, users, records, month, rec);
    place(out, s, r, rec);
}

/// The month's load: traffic, workers, the database and cache it needs, media and workspaces. None of
/// it depends on the provider, so one load is placed on each provider's node types in turn.
fn size_load(
    out: &mut Sizing,
    s: &Scenario,
    users: f64,
    records: f64,
    month: u32,
    rec: &mut Recorder,
) {
    let mut traffic = traffic::traffic(s, users, rec);
    let compute = compute::size(s, &traffic, rec);
    out.database = database::size(s, &traffic, &compute, records, rec);
    out.cache = database::cache(s, &traffic, rec);
    let media = media::size(s, &traffic, f64::from(month), rec);
    traffic.egress_gb_month += media.egress_gb_month;
    out.workspaces = workspaces::size(s, &traffic, rec);
    out.traffic = traffic;
    out.compute = compute;
    out.media = media;
}

impl Sizing {
    /// Starts from another sizing's load, to place it on another provider.
    fn with_load_of(from: &Sizing) -> Sizing {
        Sizing {
            traffic: from.traffic,
            compute: from.compute,
            database: from.database.clone(),
            cache: from.cache.clone(),
            media: from.media,
            workspaces: from.workspaces,
            ..Sizing::default()
        }
    }
}

/// Places the load in `out` on the provider's node types: buys the database and cache, splits a
/// self-hosted one to fit its pool, sizes every pool and prices the month at list prices.
fn place(out: &mut Sizing, s: &Scenario, r: &Resolved, rec: &mut Recorder) {
    place_pods(out, s, r);
    out.pools.resize(r.pools.len(), plan::PoolSize::default());
    for ((i, pool), size) in r.pools.iter().enumerate().zip(out.pools.iter_mut()) {
        nodes::size_pool_into(
            size,
            &pool.fit,
            s,
            &out.placement,
            i,
            (&pool.name, &mut *rec),
        );
    }
    let node_count = round::total(out.pools.iter().map(|p| p.nodes));
    out.clusters = if s.managed_cluster && node_count > 0 {
        node_count.div_ceil((s.max_nodes_per_cluster as u64).max(1))
    } else {
        0
    };
    out.components = cost::components(s, r, out, rec);
}

/// Buys the database and cache and decides which pods go on which pool (`out.placement`), without
/// sizing the pools: all `auto` needs to rank node types.
fn place_pods(out: &mut Sizing, s: &Scenario, r: &Resolved) {
    let mut bought = r.bought.borrow_mut();
    database::choose(&mut out.database, s, r.prices, &mut bought);
    database::choose_cache(&mut out.cache, s, r.prices, &mut bought);
    let (traffic, compute, database, cache) = (
        &out.traffic,
        &out.compute,
        &mut out.database,
        &mut out.cache,
    );
    let (media, workspaces) = (&out.media, &out.workspaces);

    // Every replica is the same size, so more load never packs worse.
    let per_replica = compute::workers_per_replica(s) as f64;
    let (_, real_busy) = compute::busy_workers(s, traffic);
    let app_usage_cpu = round::ratio(real_busy * s.vcpu_per_worker, compute.replicas as f64);
    let app_cpu = per_replica * s.vcpu_per_worker;
    // Built where it is kept: a placement is a few hundred bytes, and every month places its pods.
    let placed = &mut out.placement;
    placed.clear();
    placed.push((
        r.tiers[APP],
        PodSpec {
            tier: "app",
            count: compute.replicas,
            cpu: app_cpu,
            memory_gib: per_replica * s.memory_per_worker_gib,
            usage_cpu: app_usage_cpu,
            usage_memory_gib: per_replica * s.memory_per_worker_gib,
            surge_cpu: (app_usage_cpu * r.surge).max(app_cpu),
        },
    ));
    if s.infra_cpu > 0.0 || s.infra_memory_gib > 0.0 {
        placed.push((
            r.tiers[INFRA],
            PodSpec::steady("infrastructure", 1, s.infra_cpu, s.infra_memory_gib),
        ));
    }
    if database.vcpu > 0 && !s.managed {
        let shards = pods_needed(r, DB, database.vcpu as f64, database.memory_gib);
        database.shards = shards;
        database.instances = shards.saturating_mul(s.replicas as u64);
        database.instance_vcpu = database.vcpu as f64 / shards as f64;
        database.instance_memory_gib = database.memory_gib / shards as f64;
        let spec = PodSpec::steady(
            "database",
            database.instances,
            database.instance_vcpu,
            database.instance_memory_gib,
        );
        placed.push((r.tiers[DB], spec));
    }
    if cache.memory_gib > 0.0 && !s.cache_managed {
        let shards = pods_needed(r, INFRA, cache.vcpu, cache.memory_gib);
        cache.instances = shards;
        cache.instance_memory_gib = cache.memory_gib / shards as f64;
        placed.push((
            r.tiers[INFRA],
            PodSpec::steady(
                "cache",
                shards,
                cache.vcpu / shards as f64,
                cache.instance_memory_gib,
            ),
        ));
    }
    if media.workers > 0 {
        placed.push((
            r.tiers[MEDIA],
            PodSpec::steady("media", media.workers, 1.0, media.worker_memory_gib),
        ));
    }
    if workspaces.count > 0 {
        placed.push((
            r.tiers[WORKSPACES],
            PodSpec {
                tier: "workspaces",
                count: workspaces.count,
                cpu: workspaces.cpu_request,
                memory_gib: workspaces.memory_request_gib,
                usage_cpu: workspaces.cpu_request,
                usage_memory_gib: workspaces.avg_memory_gib,
                surge_cpu: workspaces.cpu_request,
            },
        ));
    }
}
