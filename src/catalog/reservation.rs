//! What a node offers to pods after the provider's kubelet and system reservations.

use super::{NodeType, Reservation};

const MIB: f64 = 1.0 / 1024.0;
/// Share of an EC2 instance's nominal memory the hypervisor keeps (Karpenter `vmMemoryOverheadPercent`).
pub const EKS_VM_OVERHEAD: f64 = 0.075;
/// Kubelet hard eviction threshold (GKE, EKS, AKS): 100 MiB.
const EVICTION_GIB: f64 = 100.0 * MIB;

/// CPU reserved by GKE's tiers (also EKS): 6 % of the first core, 1 % of the second,
/// 0.5 % of cores 3–4, 0.25 % above 4.
pub fn tiered_cpu_reserved(cores: f64) -> f64 {
    0.06 * cores.min(1.0)
        + 0.01 * (cores - 1.0).clamp(0.0, 1.0)
        + 0.005 * (cores - 2.0).clamp(0.0, 2.0)
        + 0.0025 * (cores - 4.0).max(0.0)
}

/// Memory reserved by GKE (GiB): 255 MiB below 1 GiB, else 25 % of the first 4 GiB, 20 % of the next 4,
/// 10 % of the next 8, 6 % up to 128 GiB, 2 % above.
pub fn gke_memory_reserved(gib: f64) -> f64 {
    if gib < 1.0 {
        return 255.0 * MIB;
    }
    0.25 * gib.min(4.0)
        + 0.20 * (gib - 4.0).clamp(0.0, 4.0)
        + 0.10 * (gib - 8.0).clamp(0.0, 8.0)
        + 0.06 * (gib - 16.0).clamp(0.0, 112.0)
        + 0.02 * (gib - 128.0).max(0.0)
}

/// AKS CPU reservation by core count.
fn aks_cpu_reserved(cores: f64) -> f64 {
    const TABLE: [(f64, f64); 6] = [
        (1.0, 0.06),
        (2.0, 0.10),
        (4.0, 0.14),
        (8.0, 0.18),
        (16.0, 0.26),
        (32.0, 0.42),
    ];
    TABLE
        .iter()
        .find(|(c, _)| cores <= *c)
        .map_or(0.74, |(_, r)| *r)
}

/// (CPU cores, memory GiB) a node offers to pods.
pub fn allocatable(node: &NodeType, reservation: Reservation, max_pods: u64) -> (f64, f64) {
    let pods = max_pods as f64;
    let (cpu_reserved, memory_reserved) = match reservation {
        Reservation::Gke => (
            tiered_cpu_reserved(node.vcpu),
            gke_memory_reserved(node.memory_gib),
        ),
        // The VM keeps 7.5 % of nominal memory before the kubelet sees it (Karpenter's
        // vmMemoryOverheadPercent), then the AMI reserves 11 MiB a pod + 255 MiB.
        Reservation::Eks => (
            tiered_cpu_reserved(node.vcpu),
            EKS_VM_OVERHEAD * node.memory_gib + (11.0 * pods + 255.0) * MIB,
        ),
        Reservation::Aks => (
            aks_cpu_reserved(node.vcpu),
            ((20.0 * pods + 50.0) * MIB).min(0.25 * node.memory_gib),
        ),
    };
    (
        (node.vcpu - cpu_reserved).max(0.0),
        (node.memory_gib - memory_reserved - EVICTION_GIB).max(0.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn node(name: &str) -> NodeType {
        Catalog::builtin().find_node(name).unwrap().1.clone()
    }

    #[test]
    fn eks_cpu_allocatable_matches_published_values() {
        // [K-AWS-IT] karpenter instance-types.md: t3.medium 1930m, m5.xlarge 3920m, c5.4xlarge 15890m.
        for (name, millicores) in [
            ("t3.medium", 1930.0),
            ("m5.xlarge", 3920.0),
            ("c5.4xlarge", 15890.0),
        ] {
            let (cpu, _) = allocatable(&node(name), Reservation::Eks, 110);
            assert!((cpu * 1000.0 - millicores).abs() < 0.5, "{name}: {cpu}");
        }
    }

    #[test]
    fn eks_memory_allocatable_matches_published_values_within_one_percent() {
        // [K-AWS-IT] allocatable memory with each type's ENI pod limit [EKS]:
        // t3.medium 3 246 Mi (17 pods), m5.xlarge 14 162 Mi (58), c5.4xlarge 27 381 Mi (234).
        // m5.xlarge by hand: 16 384 Mi × 0.925 − (11 × 58 + 255) − 100 = 14 162.2 Mi.
        for (name, mebibytes) in [
            ("t3.medium", 3246.0),
            ("m5.xlarge", 14162.0),
            ("c5.4xlarge", 27381.0),
        ] {
            let n = node(name);
            let pods = u64::from(n.max_pods.unwrap());
            let (_, mem) = allocatable(&n, Reservation::Eks, pods);
            let got = mem * 1024.0;
            assert!(
                (got - mebibytes).abs() / mebibytes < 0.01,
                "{name}: {got} Mi"
            );
        }
    }

    #[test]
    fn aks_memory_matches_the_published_example() {
        // AKS docs: 8 GB node, 30 pods → 7.25 GB allocatable (650 MB reserved + 100 MB eviction).
        let n = NodeType {
            name: "x".into(),
            vcpu: 2.0,
            memory_gib: 8.0,
            usd_per_hour: 0.1,
            max_pods: None,
            sustained_use_discount: 0.0,
        };
        let (_, mem) = allocatable(&n, Reservation::Aks, 30);
        assert!((mem - (8.0 - 750.0 / 1024.0)).abs() < 1e-9, "{mem}");
    }

    #[test]
    fn gke_memory_tiers() {
        // 32 GiB: 25 % of 4 + 20 % of 4 + 10 % of 8 + 6 % of 16 = 1 + 0.8 + 0.8 + 0.96.
        assert!((gke_memory_reserved(32.0) - 3.56).abs() < 1e-12);
        assert!((gke_memory_reserved(0.5) - 255.0 / 1024.0).abs() < 1e-12);
    }
}
