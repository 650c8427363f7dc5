//! Traffic: peak and average request rates from users (article: peak QPS from DAU; Diffgram: active users).

use super::explain::{Explanation, Recorder, k, min, pow, t};
use super::plan::Traffic;
use super::scenario::{Scenario, UsersAre};

pub const SECONDS_PER_MONTH: f64 = 730.0 * 3600.0;

/// Per-user load multiplier: light 0.5×, moderate 1×, heavy 2× (Diffgram: heavy costs 2× moderate).
pub fn intensity_factor(intensity: f64) -> f64 {
    (2.0 * intensity - 1.0).exp2()
}

pub fn traffic(s: &Scenario, users: f64, rec: &mut Recorder) -> Traffic {
    let k_factor = intensity_factor(s.intensity);
    let (active_users, peak_rps) = match s.users_are {
        UsersAre::Active => (users, users * s.requests_per_user_s * k_factor),
        UsersAre::Daily => (
            users * s.peak_hour_fraction,
            users * s.requests_per_user_day * s.peak_hour_fraction / 3600.0 * k_factor,
        ),
    };
    // Daily users state the day's volume, so the average comes from the day itself; `peak_to_average`
    // describes active users only. A peak-hour share below 1/24 would put the peak under the average,
    // so the average is capped at the peak.
    let avg_rps = match s.users_are {
        UsersAre::Active => peak_rps / s.peak_to_average,
        UsersAre::Daily => (users * s.requests_per_user_day / 86_400.0 * k_factor).min(peak_rps),
    };
    let miss_rps = peak_rps * (1.0 - s.cache_hit);
    let bytes_factor = s.response_kb * s.network_overhead;
    let response_egress_gb = avg_rps * bytes_factor * SECONDS_PER_MONTH / 1e6;
    let traffic = Traffic {
        users,
        active_users,
        intensity_factor: k_factor,
        peak_rps,
        avg_rps,
        miss_rps,
        hit_rps: peak_rps - miss_rps,
        write_qps: peak_rps * s.write_fraction,
        connections: active_users * s.connections_per_user,
        // KB/s × 8 bits ÷ 1000 = Mbit/s (article: bandwidth = QPS × size × 1.5).
        peak_bandwidth_mbps: peak_rps * bytes_factor * 8.0 / 1000.0,
        egress_gb_month: response_egress_gb,
        response_egress_gb_month: response_egress_gb,
        requests_per_month: avg_rps * SECONDS_PER_MONTH,
    };
    if rec.is_on() {
        record(s, &traffic, rec);
    }
    traffic
}

fn record(s: &Scenario, tr: &Traffic, rec: &mut Recorder) {
    let kf = || {
        pow(
            k(2.0, ""),
            k(2.0, "") * t("intensity", s.intensity, "") - k(1.0, ""),
        )
    };
    let users = || t("users", tr.users, "");
    rec.add(|| {
        let e = match s.users_are {
            UsersAre::Active => users() * t("requests_per_user_s", s.requests_per_user_s, "") * kf(),
            UsersAre::Daily => {
                users()
                    * t("requests_per_user_day", s.requests_per_user_day, "")
                    * t("peak_hour_fraction", s.peak_hour_fraction, "")
                    / k(3600.0, "s")
                    * kf()
            }
        };
        Explanation::computed("traffic.peak_rps", "Peak requests per second", "RPS", tr.peak_rps, &e)
            .note(match s.users_are {
                UsersAre::Active => "k = 2^(2 × intensity − 1): light 0.5×, moderate 1×, heavy 2× (Diffgram).",
                UsersAre::Daily => "Daily users: the article's peak QPS = DAU × requests/day × peak-hour share ÷ 3 600 s; k = 2^(2 × intensity − 1).",
            })
    });
    rec.add(|| {
        let (e, note) = match s.users_are {
            UsersAre::Active => (
                t("peak RPS", tr.peak_rps, "") / t("peak_to_average", s.peak_to_average, ""),
                "Averages price traffic, storage accrual and egress; tiers are sized for the peak.",
            ),
            UsersAre::Daily => (
                min([
                    users() * t("requests_per_user_day", s.requests_per_user_day, "")
                        / k(86_400.0, "s")
                        * kf(),
                    t("peak RPS", tr.peak_rps, ""),
                ]),
                "Daily users: the average comes from the day's volume, never above the peak.",
            ),
        };
        Explanation::computed(
            "traffic.avg_rps",
            "Average requests per second",
            "RPS",
            tr.avg_rps,
            &e,
        )
        .note(note)
    });
    rec.add(|| {
        let e = t("peak RPS", tr.peak_rps, "") * (k(1.0, "") - t("cache_hit", s.cache_hit, ""));
        Explanation::computed(
            "traffic.miss_rps",
            "Cache misses per second",
            "RPS",
            tr.miss_rps,
            &e,
        )
        .note("Misses reach the app's slow path and the database; hits are the rest.")
    });
    rec.add(|| {
        let e = t("peak RPS", tr.peak_rps, "") * t("write_fraction", s.write_fraction, "");
        Explanation::computed(
            "traffic.write_qps",
            "Writes per second",
            "/s",
            tr.write_qps,
            &e,
        )
        .note("Article: model writes separately; each costs more than a read.")
    });
    rec.add(|| {
        let e = t("peak RPS", tr.peak_rps, "")
            * t("response_kb", s.response_kb, "KB")
            * t("network_overhead", s.network_overhead, "")
            * k(8.0, "bit")
            / k(1000.0, "");
        Explanation::computed(
            "traffic.peak_bandwidth_mbps",
            "Peak bandwidth",
            "Mbit/s",
            tr.peak_bandwidth_mbps,
            &e,
        )
        .note("Article: bandwidth = peak QPS × response size × 1.5 overhead.")
    });
    rec.add(|| {
        let e = t("average RPS", tr.avg_rps, "") * k(SECONDS_PER_MONTH, "s");
        Explanation::computed(
            "traffic.requests_per_month",
            "Requests per month",
            "",
            tr.requests_per_month,
            &e,
        )
        .note("730 hours a month at the average rate.")
    });
}
