//! Media processing (Diffgram "Walrus"): throughput per vCPU scaled by file size, worker memory at least
//! twice the largest file, object storage accrued upload by upload, downloads as egress, and the backlog
//! after a peak hour. Sizes are decimal: 1 MB = 10⁶ bytes, 1 GB = 1 000 MB.

use super::plan::{Media, Traffic};
use super::round::{ceil_count, ratio};
use super::scenario::{MediaMode, Scenario};

/// The file size the per-vCPU rate is quoted at (Diffgram: 60 images/min/vCPU of about 5 MB).
pub const REFERENCE_MB: f64 = 5.0;

/// Decimal megabytes in one GiB: 2³⁰ bytes ÷ 10⁶.
pub const MB_PER_GIB: f64 = 1_073.741_824;

/// Average days in a month (365.25 ÷ 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// Days of uploads stored on average during month `month` (0 = this month): the history, plus half of
/// the month being billed and all before it, never more than the retention.
pub fn stored_days(s: &Scenario, month: f64) -> f64 {
    (s.media_history_days + DAYS_PER_MONTH * (month + 0.5)).min(s.retention_days)
}

pub fn size(s: &Scenario, t: &Traffic, month: f64) -> Media {
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
    // Uploads follow requests: the average is the peak scaled as traffic's average is.
    let average_share = ratio(t.avg_rps, t.peak_rps);
    let spare = capacity - items_per_min * average_share;
    let drain_minutes = if backlog_items <= 0.0 {
        Some(0.0)
    } else if spare > 0.0 {
        Some(backlog_items / spare)
    } else {
        None
    };
    let items_per_day = items_per_min * average_share * 1440.0;
    let days = stored_days(s, month);
    let gb_per_item = s.media_mb / 1000.0;
    let uploads_per_month = items_per_day * DAYS_PER_MONTH;
    Media {
        items_per_min,
        items_per_min_per_vcpu: per_vcpu,
        vcpu,
        workers: vcpu,
        worker_memory_gib,
        memory_gib: vcpu as f64 * worker_memory_gib,
        object_storage_gb: items_per_day * days * gb_per_item,
        stored_days: days,
        uploads_per_month,
        egress_gb_month: uploads_per_month * s.media_views_per_upload * gb_per_item,
        backlog_items,
        drain_minutes,
    }
}

/// Diffgram: memory must be at least double the largest single file.
pub fn required_worker_memory_gib(s: &Scenario) -> f64 {
    2.0 * s.largest_media_mb() / MB_PER_GIB
}
