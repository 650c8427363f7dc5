//! Rounding counts up (or down) once, with a tolerance, so 5.000000001 workers is 5, not 6.

const TOLERANCE: f64 = 1e-9;

/// The smallest whole count that covers `x`; 0 for zero, negative or NaN.
pub fn ceil_count(x: f64) -> u64 {
    ceil_whole(x * (1.0 - TOLERANCE))
}

/// `y` rounded up exactly, as a count: 0 for zero, negative or NaN, `u64::MAX` past it.
pub fn ceil_whole(y: f64) -> u64 {
    // Comparing back avoids a libm call on the hot path of every month's sizing. Below 2^62 the
    // conversion goes through i64, half the instructions of a saturating conversion to u64.
    if y > 0.0 && y < SIGNED_SAFE {
        let whole = y as i64;
        return (whole + i64::from((whole as f64) < y)) as u64;
    }
    if y.is_nan() || y <= 0.0 {
        return 0;
    }
    // `as` saturates at u64::MAX.
    let whole = y as u64;
    if (whole as f64) < y {
        whole.saturating_add(1)
    } else {
        whole
    }
}

/// The largest whole count within `x`; 0 for zero, negative or NaN.
pub fn floor_count(x: f64) -> u64 {
    let y = x * (1.0 + TOLERANCE);
    if y > 0.0 && y < SIGNED_SAFE {
        return (y as i64) as u64;
    }
    if y.is_nan() || y <= 0.0 {
        return 0;
    }
    y as u64
}

/// Counts below this convert through `i64` without reaching its limits.
const SIGNED_SAFE: f64 = 4.0e18;

/// `a / b`, or 0 when `b` is 0 (an empty tier needs nothing).
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 && a.is_finite() { a / b } else { 0.0 }
}

/// A sum of counts that stays at `u64::MAX` instead of overflowing on absurd inputs.
pub fn total(counts: impl IntoIterator<Item = u64>) -> u64 {
    counts.into_iter().fold(0, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_forgives_float_noise_only() {
        assert_eq!(ceil_count(5.000_000_001), 5);
        assert_eq!(ceil_count(5.01), 6);
        assert_eq!(ceil_count(200.0 / (1.0 / 3.0)), 600);
        assert_eq!(ceil_count(0.0), 0);
        assert_eq!(ceil_count(f64::NAN), 0);
        assert_eq!(floor_count(11.999_999_999), 12);
        assert_eq!(floor_count(11.9), 11);
        // Either side of the switch from the i64 path to the saturating one, and past u64.
        for x in [3.9e18, 5.0e18, 7.5, 1.0e15 + 0.5] {
            let y: f64 = x * (1.0 - TOLERANCE);
            assert_eq!(ceil_count(x), y.ceil() as u64, "{x}");
            assert_eq!(
                floor_count(x),
                (x * (1.0 + TOLERANCE)).floor() as u64,
                "{x}"
            );
        }
        assert_eq!(ceil_count(1e30), u64::MAX);
        assert_eq!(floor_count(1e30), u64::MAX);
        assert_eq!(ceil_count(-3.0), 0);
        assert_eq!(floor_count(f64::NAN), 0);
        assert_eq!(ceil_count(f64::INFINITY), u64::MAX);
        // Exact, without the tolerance: what a count written as a fraction rounds up to.
        for x in [0.5, 1.0, 2.000_000_000_1, 4.0e18, 1e19] {
            assert_eq!(ceil_whole(x), x.ceil() as u64, "{x}");
        }
        assert_eq!(ceil_whole(-0.5), 0);
    }
}
