//! Media processing (Diffgram "Walrus"): throughput per vCPU scaled by file size, worker memory at least
//! twice the largest file, object storage for the retention period, and the backlog after a peak hour.

use super::plan::{Media, Traffic};
use super::round::ceil_count;
use super::scenario::{MediaMode, Scenario};

/// The file size the per-vCPU rate is quoted at (Diffgram: 60 images/min/vCPU of about 5 MB).
pub const REFERENCE_MB: f64 = 5.0;

pub fn size(s: &Scenario, t: &Traffic) -> Media {
    let items_per_min = t.active_users * s.uploads_per_user_hour * t.intensity_factor / 60.0;
    if s.media_mb <= 0.0 || items_per_min <= 0.0 || s.media_mode == MediaMode::ByReference {
        return Media::default();
    }
    let per_vcpu = s.images_per_min_per_vcpu * REFERENCE_MB / s.media_mb;
    let vcpu =
        ceil_count(items_per_min * s.media_capacity_fraction / per_vcpu / s.target_utilization);
    let worker_memory_gib = s.media_worker_memory_gib.max(required_worker_memory_gib(s));
    let capacity = vcpu as f64 * per_vcpu;
    let backlog_items = (items_per_min - capacity).max(0.0) * 60.0;
    let spare = capacity - items_per_min / s.peak_to_average;
    let drain_minutes = if backlog_items <= 0.0 {
        Some(0.0)
    } else if spare > 0.0 {
        Some(backlog_items / spare)
    } else {
        None
    };
    let items_per_day = items_per_min / s.peak_to_average * 1440.0;
    Media {
        items_per_min,
        items_per_min_per_vcpu: per_vcpu,
        vcpu,
        workers: vcpu,
        worker_memory_gib,
        memory_gib: vcpu as f64 * worker_memory_gib,
        object_storage_gib: items_per_day * s.media_mb * s.retention_days / 1024.0,
        backlog_items,
        drain_minutes,
    }
}

/// Diffgram: memory must be at least double the largest single file.
pub fn required_worker_memory_gib(s: &Scenario) -> f64 {
    2.0 * s.largest_media_mb() / 1024.0
}
