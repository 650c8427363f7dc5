//! Traffic: peak and average request rates from users (article: peak QPS from DAU; Diffgram: active users).

use super::plan::Traffic;
use super::scenario::{Scenario, UsersAre};

pub const SECONDS_PER_MONTH: f64 = 730.0 * 3600.0;

/// Per-user load multiplier: light 0.5×, moderate 1×, heavy 2× (Diffgram: heavy costs 2× moderate).
pub fn intensity_factor(intensity: f64) -> f64 {
    (2.0 * intensity - 1.0).exp2()
}

pub fn traffic(s: &Scenario, users: f64) -> Traffic {
    let k = intensity_factor(s.intensity);
    let (active_users, peak_rps) = match s.users_are {
        UsersAre::Active => (users, users * s.requests_per_user_s * k),
        UsersAre::Daily => (
            users * s.peak_hour_fraction,
            users * s.requests_per_user_day * s.peak_hour_fraction / 3600.0 * k,
        ),
    };
    // Daily users state the day's volume, so the average comes from the day itself; `peak_to_average`
    // describes active users only. A peak-hour share below 1/24 would put the peak under the average,
    // so the average is capped at the peak.
    let avg_rps = match s.users_are {
        UsersAre::Active => peak_rps / s.peak_to_average,
        UsersAre::Daily => (users * s.requests_per_user_day / 86_400.0 * k).min(peak_rps),
    };
    let miss_rps = peak_rps * (1.0 - s.cache_hit);
    let bytes_factor = s.response_kb * s.network_overhead;
    let response_egress_gb = avg_rps * bytes_factor * SECONDS_PER_MONTH / 1e6;
    Traffic {
        users,
        active_users,
        intensity_factor: k,
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
    }
}
