//! Media processing (Diffgram "Walrus"): throughput per vCPU scaled by file size, worker memory at least
//! twice the largest file, object storage accrued upload by upload, downloads as egress, and the backlog
//! after a peak hour. Sizes are decimal: 1 MB = 10⁶ bytes, 1 GB = 1 000 MB.

use super::explain::{Explanation, Recorder, ceil, k, max, min, t};
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

pub fn size(s: &Scenario, t: &Traffic, month: f64, rec: &mut Recorder) -> Media {
    let items_per_min = t.active_users * s.uploads_per_user_hour * t.intensity_factor / 60.0;
    if s.media_mb <= 0.0 || items_per_min <= 0.0 || s.media_mode == MediaMode::ByReference {
        rec.add(|| absent(s, items_per_min));
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
    let media = Media {
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
    };
    if rec.is_on() {
        record(s, t, month, average_share, &media, rec);
    }
    media
}

fn absent(s: &Scenario, items_per_min: f64) -> Explanation {
    let why = if s.media_mode == MediaMode::ByReference {
        "media_mode is by_reference: files are only linked, never processed or stored here (Diffgram)"
    } else if s.media_mb <= 0.0 {
        "media_mb is 0: there is no media"
    } else {
        "nobody uploads (uploads_per_user_hour is 0), so media size feeds nothing"
    };
    Explanation::described(
        "media.vcpu",
        "Media vCPU",
        "vCPU",
        Some(0.0),
        Vec::new(),
        format!(
            "No media tier: {why}. Media size feeds media vCPU, worker memory, object storage and download egress once files are uploaded ({} a minute now).",
            super::explain::number(items_per_min)
        ),
    )
}

fn record(
    s: &Scenario,
    tr: &Traffic,
    month: f64,
    average_share: f64,
    m: &Media,
    rec: &mut Recorder,
) {
    let items = || t("items/min", m.items_per_min, "");
    let per_day = || items() * t("average share", average_share, "") * k(1440.0, "min");
    let gb_per_item = || t("media_mb", s.media_mb, "MB") / k(1000.0, "MB/GB");
    rec.add(|| {
        let e = t("active users", tr.active_users, "")
            * t("uploads_per_user_hour", s.uploads_per_user_hour, "")
            * t("k", tr.intensity_factor, "")
            / k(60.0, "min");
        Explanation::computed(
            "media.items_per_min",
            "Media items per minute at peak",
            "/min",
            m.items_per_min,
            &e,
        )
    });
    rec.add(|| {
        let rate = t("images_per_min_per_vcpu", s.images_per_min_per_vcpu, "")
            * k(REFERENCE_MB, "MB")
            / t("media_mb", s.media_mb, "MB");
        let e = ceil(
            items() * t("media_capacity_fraction", s.media_capacity_fraction, "")
                / rate
                / t("target_utilization", s.target_utilization, ""),
        );
        Explanation::computed("media.vcpu", "Media vCPU", "vCPU", m.vcpu as f64, &e).note(
            "Diffgram: 60 images a minute per vCPU at 5 MB; bigger files take proportionally longer. Media size feeds this, worker memory, object storage and egress.",
        )
    });
    rec.add(|| {
        let e = max([
            t("media_worker_memory_gib", s.media_worker_memory_gib, "GiB"),
            k(2.0, "") * t("largest_media_mb", s.largest_media_mb(), "MB")
                / k(MB_PER_GIB, "MB/GiB"),
        ]);
        Explanation::computed(
            "media.worker_memory_gib",
            "Media worker memory",
            "GiB",
            m.worker_memory_gib,
            &e,
        )
        .note("Diffgram: a worker needs at least twice the largest file in memory.")
    });
    rec.add(|| {
        let days = min([
            t("media_history_days", s.media_history_days, "")
                + k(DAYS_PER_MONTH, "days")
                    * (t("month", month, "") + k(0.5, "")),
            t("retention_days", s.retention_days, ""),
        ]);
        let e = per_day() * days * gb_per_item();
        Explanation::computed("media.object_storage_gb", "Object storage", "GB", m.object_storage_gb, &e).note(
            "Uploads a day (the peak rate scaled to the average) × the days stored on average this month, capped at the retention. Decimal: 1 GB = 1 000 MB.",
        )
    });
    rec.add(|| {
        let e = per_day() * k(DAYS_PER_MONTH, "days")
            * t("media_views_per_upload", s.media_views_per_upload, "")
            * gb_per_item();
        Explanation::computed("media.egress_gb_month", "Media downloads per month", "GB", m.egress_gb_month, &e)
            .note("Each upload is downloaded media_views_per_upload times: egress, billed at the provider's rates.")
    });
}

/// Diffgram: memory must be at least double the largest single file.
pub fn required_worker_memory_gib(s: &Scenario) -> f64 {
    2.0 * s.largest_media_mb() / MB_PER_GIB
}
