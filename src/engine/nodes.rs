//! Node pools: allocatable after kubelet reservations, then how many nodes the pods placed on a pool need.

use crate::catalog::{Discount, NodeType, ProviderPrices, Reservation, SpotDiscount, allocatable};

use super::explain::{Explanation, Expr, Recorder, ceil, k, max, t, term};
use super::plan::{Binding, NodesBy, PodGroup, PodGroups, PoolSize};
use super::round::{ceil_count, floor_count, ratio};
use super::scenario::Scenario;

const CPU: usize = 0;
const MEMORY: usize = 1;
const PODS: usize = 2;
const USAGE: usize = 3;
const SURGE: usize = 4;
const MIN: usize = 5;
const BINDINGS: [Binding; 6] = [
    Binding::Cpu,
    Binding::Memory,
    Binding::Pods,
    Binding::Usage,
    Binding::Surge,
    Binding::MinNodes,
];

/// One kind of pod to place: its requests, its expected real use, and its CPU while traffic surges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PodSpec {
    pub tier: &'static str,
    pub count: u64,
    pub cpu: f64,
    pub memory_gib: f64,
    pub usage_cpu: f64,
    pub usage_memory_gib: f64,
    pub surge_cpu: f64,
}

impl PodSpec {
    pub const NONE: PodSpec = PodSpec {
        tier: "",
        count: 0,
        cpu: 0.0,
        memory_gib: 0.0,
        usage_cpu: 0.0,
        usage_memory_gib: 0.0,
        surge_cpu: 0.0,
    };

    /// A pod whose real use equals its requests and that does not grow in a surge.
    pub fn steady(tier: &'static str, count: u64, cpu: f64, memory_gib: f64) -> PodSpec {
        PodSpec {
            tier,
            count,
            cpu,
            memory_gib,
            usage_cpu: cpu,
            usage_memory_gib: memory_gib,
            surge_cpu: cpu,
        }
    }
}

/// Which pool each kind of pod is placed on. At most one kind per tier, kept on the stack because
/// every month of growth is sized again.
#[derive(Clone, Copy)]
pub struct Placement {
    specs: [(usize, PodSpec); PodGroups::CAPACITY],
    len: usize,
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            specs: [(usize::MAX, PodSpec::NONE); PodGroups::CAPACITY],
            len: 0,
        }
    }
}

impl Placement {
    pub fn push(&mut self, (pool, spec): (usize, PodSpec)) {
        if let Some(slot) = self.specs.get_mut(self.len) {
            *slot = (pool, spec);
            self.len += 1;
        }
    }

    /// Empties the placement for the next month's pods.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// The pods placed on one pool.
    pub fn on(&self, pool: usize) -> impl Iterator<Item = &PodSpec> + Clone {
        self.specs[..self.len]
            .iter()
            .filter(move |(p, _)| *p == pool)
            .map(|(_, s)| s)
    }
}

/// The kubelet's pod limit on this node type.
pub fn max_pods(s: &Scenario, node: &NodeType) -> u64 {
    let kubelet = s.max_pods_per_node as u64;
    node.max_pods.map_or(kubelet, |m| kubelet.min(u64::from(m)))
}

/// A node type as this scenario's pods and bill see it, worked out once: every month of growth sizes
/// and bills its pools again on the same types, and none of this changes with the load.
#[derive(Clone, Copy, Debug)]
pub struct NodeFit<'c> {
    pub node: &'c NodeType,
    pub reservation: Reservation,
    /// The kubelet's pod limit, and the pods left for the workload after the daemonsets.
    pub max_pods: u64,
    pub slots: u64,
    /// (vCPU, GiB) after the provider's reservations, and what pods may request after `node_headroom`.
    pub allocatable: (f64, f64),
    pub usable: (f64, f64),
    /// A node all month on demand (sustained-use discount included).
    pub monthly_usd: f64,
    /// The committed-use and spot discounts the catalog lists for this type's family; `None` as well
    /// when the scenario buys no commitment (or no spot).
    pub commit: Option<&'c Discount>,
    pub spot: Option<&'c SpotDiscount>,
    /// The on-demand price multiplier of a node that runs only the peak hours (GCP's sustained use).
    pub burst_multiplier: f64,
}

impl<'c> NodeFit<'c> {
    pub fn new(s: &Scenario, prices: &'c ProviderPrices, node: &'c NodeType) -> NodeFit<'c> {
        let reservation = prices.reservation;
        let max_pods = max_pods(s, node);
        let allocatable = allocatable(node, reservation, max_pods);
        let keep = 1.0 - s.node_headroom;
        NodeFit {
            node,
            reservation,
            max_pods,
            slots: max_pods.saturating_sub(s.daemonset_pods as u64).max(1),
            allocatable,
            usable: (allocatable.0 * keep, allocatable.1 * keep),
            monthly_usd: node.monthly_usd(),
            // Prefix lookups, made only for a scenario that buys a commitment or spot.
            commit: (s.commitment != super::scenario::Commitment::OnDemand)
                .then(|| prices.commitments.compute_for(&node.name))
                .flatten(),
            spot: (s.spot_share > 0.0)
                .then(|| prices.commitments.spot_for(&node.name))
                .flatten(),
            burst_multiplier: super::billing::sustained_use_multiplier(
                node.sustained_use_discount,
                super::billing::peak_share(s),
            ),
        }
    }
}

/// The node type of the provider on which every pod placed on a pool fits at the lowest monthly cost,
/// nodes and their disks counted (`node_type.<pool> = auto`). `size_on` sizes the pool on a candidate.
/// With `reshards`, a self-hosted database or cache on the pool is split into as many pods as that
/// candidate needs, so `size_on` places them anew and their pods in `today` do not rule a type out.
/// A cheap lower bound (requests ÷ usable allocatable, which sharding does not change) orders the
/// candidates and stops the search once none can beat the best, so only a few are sized in full.
pub fn cheapest_type<'c, 'p>(
    s: &Scenario,
    prices: &'c ProviderPrices,
    fits: &[NodeFit<'c>],
    pods: impl Iterator<Item = &'p PodSpec> + Clone,
    reshards: bool,
    mut size_on: impl FnMut(&NodeFit<'c>) -> (PoolSize, Option<u64>),
) -> Option<NodeFit<'c>> {
    let disk = s.node_disk_gib * prices.block_storage_usd_per_gb_month;
    let stateless = pods.clone().all(|p| p.tier == "app" || p.tier == "media");
    // Summed as `size_pool` sums them, so the bound is the one sizing would reach.
    let (cpu_requested, memory_requested) = pods.clone().fold((0.0, 0.0), |(c, m), p| {
        let n = p.count as f64;
        (c + n * p.cpu, m + n * p.memory_gib)
    });
    let monthly = |f: &NodeFit| billed_monthly(s, f, stateless);
    // Sorted as (bound, type): a whole fit per element would make the sort move ten times the bytes.
    let mut candidates: Vec<(f64, &NodeFit<'c>)> = fits
        .iter()
        .map(|fit| {
            let (cpu, mem) = fit.usable;
            let too_small = pods
                .clone()
                .filter(|p| !(reshards && holds_data(p.tier)))
                .any(|p| p.cpu > cpu + 1e-9 || p.memory_gib > mem + 1e-9);
            let at_least = ratio(cpu_requested, cpu)
                .max(ratio(memory_requested, mem))
                .max(s.min_nodes)
                .ceil();
            let lower = if too_small {
                f64::INFINITY
            } else if s.autoscaling {
                // Autoscaled, at least the peak's nodes run the peak hours, each hour at the lowest
                // rate any hour of this type is billed.
                at_least
                    * (super::billing::peak_share(s)
                        * crate::catalog::HOURS_PER_MONTH
                        * cheapest_hour(s, fit, stateless)
                        + disk)
            } else {
                at_least * (monthly(fit) + disk)
            };
            (lower, fit)
        })
        .collect();
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(NodeFit<'c>, f64)> = None;
    for (lower, fit) in candidates {
        if lower.is_infinite() || best.is_some_and(|(_, cost)| lower >= cost) {
            break;
        }
        let (size, off_peak) = size_on(fit);
        let cost = match off_peak {
            Some(average) => {
                super::billing::pool_bill(s, fit, &size, Some(average), None).pool_usd
                    + size.nodes as f64 * disk
            }
            None => size.nodes as f64 * (monthly(fit) + disk),
        };
        let fits = size.unschedulable.is_none() && size.nodes > 0;
        if fits && best.is_none_or(|(_, best_cost)| cost < best_cost) {
            best = Some((*fit, cost));
        }
    }
    best.map(|(fit, _)| fit)
}

/// The lowest rate any node-hour of this type is billed at: on demand (with GCP's sustained use, all
/// month or for the peak hours only), committed, or spot for a stateless pool.
fn cheapest_hour(s: &Scenario, fit: &NodeFit, stateless: bool) -> f64 {
    let n = fit.node;
    let mut factor = (1.0 - n.sustained_use_discount).min(fit.burst_multiplier);
    if let Some(d) = fit.commit {
        factor = factor.min(1.0 - d.for_term(s.commitment));
    }
    if let Some(d) = fit.spot.filter(|_| stateless) {
        factor = factor.min(1.0 - d.discount);
    }
    n.usd_per_hour * factor.max(0.0)
}

/// A database or cache pod: it keeps its data, so it does not follow the load (billing), and self-hosted
/// it is split into as many pods as the node type needs (`auto`).
pub fn holds_data(tier: &str) -> bool {
    tier == "database" || tier == "cache"
}

/// A node's month as this scenario buys it — the committed share at the commitment's rate, the spot share
/// of the rest at spot, the remainder on demand — so `auto` picks the type that is cheapest as billed.
/// Ranked by list price instead, more load could move a pool to a type with a deeper commitment
/// discount and the bill would fall as users rise. Used without autoscaling, where a pool is billed at its
/// peak all month; autoscaled pools are ranked by their whole bill (`billing::pool_bill`).
fn billed_monthly(s: &Scenario, fit: &NodeFit, stateless: bool) -> f64 {
    let n = fit.node;
    // `NodeFit` leaves both discounts out when the scenario buys no commitment or no spot.
    let committed = fit.commit.map(|d| d.for_term(s.commitment));
    let share = committed.map_or(0.0, |_| s.commit_share.unwrap_or(1.0).clamp(0.0, 1.0));
    let spot = fit.spot.filter(|_| stateless);
    let spot_share = spot.map_or(0.0, |_| (1.0 - share) * s.spot_share.clamp(0.0, 1.0));
    let rate = n.usd_per_hour
        * (share * (1.0 - committed.unwrap_or(0.0))
            + spot_share * (1.0 - spot.map_or(0.0, |d| d.discount))
            + (1.0 - share - spot_share) * (1.0 - n.sustained_use_discount));
    rate * crate::catalog::HOURS_PER_MONTH
}

pub fn size_pool(
    fit: &NodeFit,
    s: &Scenario,
    placement: &Placement,
    pool: usize,
    named: (&str, &mut Recorder),
) -> PoolSize {
    let mut out = PoolSize::default();
    size_pool_into(&mut out, fit, s, placement, pool, named);
    out
}

/// [`size_pool`] written into `out`: every month sizes every pool, and a pool's size is large enough
/// that building it where it is kept, rather than moving it there, shows in the month's time.
pub fn size_pool_into(
    out: &mut PoolSize,
    fit: &NodeFit,
    s: &Scenario,
    placement: &Placement,
    pool: usize,
    (name, rec): (&str, &mut Recorder),
) {
    let pods = placement.on(pool);
    // A pool nothing is placed on needs no nodes; every month sizes every pool, so skip the work.
    if pods.clone().all(|p| p.count == 0) {
        // Only this early return leaves a pool without pods, so one without pods is already empty.
        if out.pods != 0 {
            *out = PoolSize::default();
        }
        return;
    }
    let (max_pods, slots) = (fit.max_pods, fit.slots);
    let (alloc_cpu, alloc_mem) = fit.allocatable;
    let (usable_cpu, usable_mem) = fit.usable;

    // The pool's totals in one pass over what is placed on it.
    let mut sums = Sums::default();
    let mut pod_count = 0u64;
    for p in pods.clone() {
        let n = p.count as f64;
        sums.cpu += n * p.cpu;
        sums.memory += n * p.memory_gib;
        sums.usage_cpu += n * p.usage_cpu;
        sums.usage_memory += n * p.usage_memory_gib;
        sums.surge_cpu += n * p.surge_cpu;
        pod_count = pod_count.saturating_add(p.count);
    }
    let (cpu_requested, memory_requested_gib) = (sums.cpu, sums.memory);

    // Each limit's need in (fractional) nodes; the largest one binds.
    let mut need = [
        ratio(cpu_requested, usable_cpu),
        ratio(memory_requested_gib, usable_mem),
        pod_count as f64 / slots as f64,
        ratio(sums.usage_cpu, usable_cpu).max(ratio(sums.usage_memory, usable_mem)),
        ratio(sums.surge_cpu, alloc_cpu),
        if pod_count > 0 { s.min_nodes } else { 0.0 },
    ];

    // Pods of one kind cannot be split across nodes: count how many fit on a node and let the
    // resource that limits that raise its own need.
    let pod_groups = &mut out.pod_groups;
    pod_groups.clear();
    // Built only while recording: dropping six empty expressions every month shows in its time.
    let mut raised_by: Option<[Option<Expr>; 6]> = rec.is_on().then(Default::default);
    for p in pods.clone().filter(|p| p.count > 0) {
        let fit = |need: f64, have: f64| {
            if need > 0.0 {
                floor_count(have / need)
            } else {
                u64::MAX
            }
        };
        // Use within the requests fits at least as many pods as the requests do, and a tie goes to
        // the requests, so only use beyond them can bind.
        let usage = if p.usage_cpu <= p.cpu && p.usage_memory_gib <= p.memory_gib {
            u64::MAX
        } else {
            fit(p.usage_memory_gib, usable_mem).min(fit(p.usage_cpu, usable_cpu))
        };
        let limits = [
            (fit(p.cpu, usable_cpu), CPU),
            (fit(p.memory_gib, usable_mem), MEMORY),
            (slots, PODS),
            (usage, USAGE),
        ];
        let (per_node, limit) = limits
            .iter()
            .copied()
            .min_by_key(|(n, _)| *n)
            .unwrap_or((slots, PODS));
        if per_node > 0 {
            let whole_nodes = p.count.div_ceil(per_node) as f64;
            need[limit] = need[limit].max(whole_nodes);
            if let Some(raised_by) = raised_by.as_mut() {
                let whole = ceil(
                    t(format!("{} pods", p.tier), p.count as f64, "")
                        / t(format!("{} per node", p.tier), per_node as f64, ""),
                );
                raised_by[limit] = Some(match raised_by[limit].take() {
                    Some(e) => max([e, whole]),
                    None => whole,
                });
            }
        }
        pod_groups.push(PodGroup {
            tier: p.tier,
            count: p.count,
            cpu: p.cpu,
            memory_gib: p.memory_gib,
            per_node,
        });
    }

    let by = NodesBy {
        cpu: ceil_count(need[CPU]),
        memory: ceil_count(need[MEMORY]),
        pods: ceil_count(need[PODS]),
        usage: ceil_count(need[USAGE]),
        surge: ceil_count(need[SURGE]),
        min_nodes: ceil_count(need[MIN]),
    };
    // A pod bigger than the node makes the pool unschedulable: no node count would be true.
    let unschedulable = pod_groups.iter().find(|g| g.per_node == 0).map(|g| g.tier);
    let counts = [by.cpu, by.memory, by.pods, by.usage, by.surge, by.min_nodes];
    let nodes = if unschedulable.is_some() {
        0
    } else {
        counts.iter().copied().max().unwrap_or(0)
    };
    let binding = (0..counts.len())
        .filter(|i| counts[*i] == nodes && nodes > 0)
        .max_by(|a, b| need[*a].total_cmp(&need[*b]).then(b.cmp(a)))
        .map_or(Binding::MinNodes, |i| BINDINGS[i]);
    let per_node = pod_groups
        .iter()
        .max_by_key(|g| g.count)
        .map_or(0, |g| g.per_node);
    let capacity = nodes as f64;
    out.unschedulable = unschedulable;
    out.allocatable_cpu = alloc_cpu;
    out.allocatable_memory_gib = alloc_mem;
    out.max_pods = max_pods;
    out.nodes = nodes;
    out.per_node = per_node;
    out.binding = binding;
    out.pods = pod_count;
    out.cpu_requested = cpu_requested;
    out.memory_requested_gib = memory_requested_gib;
    out.cpu_utilization = ratio(cpu_requested, capacity * alloc_cpu);
    out.memory_utilization = ratio(memory_requested_gib, capacity * alloc_mem);
    out.nodes_by = by;
    out.monthly_usd = capacity * fit.monthly_usd;
    if rec.is_on() {
        let ctx = Context {
            name,
            usable: (usable_cpu, usable_mem),
            slots,
            reservation: fit.reservation,
        };
        record(
            s,
            fit.node,
            out,
            &sums,
            &ctx,
            raised_by.unwrap_or_default(),
            rec,
        );
    }
}

/// The pool's sums of requests, expected use and surge CPU, as `size_pool` used them.
#[derive(Default)]
struct Sums {
    cpu: f64,
    memory: f64,
    usage_cpu: f64,
    usage_memory: f64,
    surge_cpu: f64,
}

/// The pool's name and the per-node capacity `size_pool` worked with.
struct Context<'a> {
    name: &'a str,
    usable: (f64, f64),
    slots: u64,
    reservation: Reservation,
}

fn record(
    s: &Scenario,
    node: &NodeType,
    p: &PoolSize,
    sums: &Sums,
    ctx: &Context,
    raised_by: [Option<Expr>; 6],
    rec: &mut Recorder,
) {
    let (name, (usable_cpu, usable_mem), slots) = (ctx.name, ctx.usable, ctx.slots);
    let id = |field: &str| format!("node_pools.{name}.{field}");
    let usable_c = || t("usable vCPU", usable_cpu, "");
    let usable_m = || t("usable GiB", usable_mem, "");
    let pod_count = p.pods as f64;
    let base = [
        t("CPU requested", sums.cpu, "") / usable_c(),
        t("GiB requested", sums.memory, "") / usable_m(),
        t("pods", pod_count, "") / t("pod slots per node", slots as f64, ""),
        max([
            t("CPU used", sums.usage_cpu, "") / usable_c(),
            t("GiB used", sums.usage_memory, "") / usable_m(),
        ]),
        t("surge CPU", sums.surge_cpu, "") / t("allocatable vCPU", p.allocatable_cpu, ""),
        t("min_nodes", s.min_nodes, ""),
    ];
    if p.nodes == u64::MAX {
        rec.add(|| {
            Explanation::described(
                id("nodes"),
                format!("Nodes in pool {name}"),
                "",
                Some(p.nodes as f64),
                Vec::new(),
                "Beyond counting: the pods need more nodes than a 64-bit count holds. No real cluster is this size;                  check the inputs (users, sizes and overcommit) before reading any figure.",
            )
        });
    } else if p.unschedulable.is_none() && usable_cpu > 0.0 && usable_mem > 0.0 && slots > 0 {
        let parts: Vec<Expr> = base
            .into_iter()
            .zip(raised_by)
            .map(|(b, raised)| ceil(raised.map_or_else(|| b.clone(), |r| max([b.clone(), r]))))
            .collect();
        rec.add(|| {
            Explanation::computed(id("nodes"), format!("Nodes in pool {name}"), "", p.nodes as f64, &max(parts)).note(
                format!(
                    "Limits in order: cpu, memory, pods (max pods less daemonset_pods a node), real usage, surge (peak CPU × (1 + spike_per_min)^autoscale_lag_min at 100 % allocatable), min_nodes;                      a pod kind that cannot be split raises its limit to whole nodes. Binding: {}.",
                    p.binding.label()
                ),
            )
        });
    } else {
        rec.add(|| {
            Explanation::described(
                id("nodes"),
                format!("Nodes in pool {name}"),
                "",
                Some(0.0),
                Vec::new(),
                format!(
                    "Unschedulable: a {} pod fits on no {} node, so no node count would be true and none is priced.",
                    p.unschedulable.unwrap_or("pod"),
                    node.name
                ),
            )
        });
    }
    rec.add(|| {
        let mut e = t("nodes", p.nodes as f64, "")
            * t("price", node.usd_per_hour, "$/h")
            * k(crate::catalog::HOURS_PER_MONTH, "h");
        if node.sustained_use_discount > 0.0 {
            e = e * (k(1.0, "") - t("sustained-use discount", node.sustained_use_discount, ""));
        }
        Explanation::computed(
            id("monthly_usd"),
            format!("Cost of pool {name}"),
            "$",
            p.monthly_usd,
            &e,
        )
    });
    rec.add(|| {
        Explanation::described(
            id("allocatable"),
            format!("Allocatable per node in pool {name}"),
            "vCPU",
            Some(p.allocatable_cpu),
            vec![
                term("node vCPU", node.vcpu, ""),
                term("node GiB", node.memory_gib, "GiB"),
                term("allocatable GiB", p.allocatable_memory_gib, "GiB"),
                term("node_headroom", s.node_headroom, ""),
                term("max pods", p.max_pods as f64, ""),
            ],
            format!(
                "{}: the provider's kubelet and system reservations and the 100 MiB eviction threshold are taken off{}; pods may request {} vCPU and {} GiB after node_headroom.",
                node.name,
                if ctx.reservation == Reservation::Eks {
                    " (EKS first removes 7.5 % of memory as VM overhead)"
                } else {
                    ""
                },
                super::explain::number(usable_cpu),
                super::explain::number(usable_mem),
            ),
        )
    });
}
