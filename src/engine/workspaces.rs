//! Per-user workspaces (Coder workspaces, `CoCalc` projects): requests are limits over overcommit.

use super::explain::{Explanation, Recorder, ceil, t};
use super::plan::{Traffic, Workspaces};
use super::round::ceil_count;
use super::scenario::Scenario;

pub fn size(s: &Scenario, tr: &Traffic, rec: &mut Recorder) -> Workspaces {
    let w = Workspaces {
        count: ceil_count(tr.active_users * s.workspaces_per_user),
        cpu_request: s.workspace_cpu / s.cpu_overcommit,
        memory_request_gib: s.workspace_memory_gib / s.memory_overcommit,
        avg_memory_gib: s.workspace_avg_memory_gib(),
    };
    if w.count > 0 {
        rec.add(|| {
            let e = ceil(
                t("active users", tr.active_users, "")
                    * t("workspaces_per_user", s.workspaces_per_user, ""),
            );
            Explanation::computed("workspaces.count", "Workspaces", "", w.count as f64, &e)
        });
        rec.add(|| {
            let e = t("workspace_memory_gib", s.workspace_memory_gib, "GiB")
                / t("memory_overcommit", s.memory_overcommit, "");
            Explanation::computed(
                "workspaces.memory_request_gib",
                "Memory request per workspace",
                "GiB",
                w.memory_request_gib,
                &e,
            )
            .note("The request is the limit over the overcommit; nodes are packed by requests and by expected use.")
        });
        rec.add(|| {
            let e = t("workspace_cpu", s.workspace_cpu, "vCPU")
                / t("cpu_overcommit", s.cpu_overcommit, "");
            Explanation::computed(
                "workspaces.cpu_request",
                "CPU request per workspace",
                "vCPU",
                w.cpu_request,
                &e,
            )
        });
    }
    w
}
