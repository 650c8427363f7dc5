//! Per-user workspaces (Coder workspaces, `CoCalc` projects): requests are limits over overcommit.

use super::plan::{Traffic, Workspaces};
use super::round::ceil_count;
use super::scenario::Scenario;

pub fn size(s: &Scenario, t: &Traffic) -> Workspaces {
    Workspaces {
        count: ceil_count(t.active_users * s.workspaces_per_user),
        cpu_request: s.workspace_cpu / s.cpu_overcommit,
        memory_request_gib: s.workspace_memory_gib / s.memory_overcommit,
        avg_memory_gib: s.workspace_avg_memory_gib(),
    }
}
