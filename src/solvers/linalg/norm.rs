//! Euclidean norms that neither overflow nor underflow where the norm itself
//! is representable.

use nalgebra::{Dim, Matrix, RawStorage};

use crate::Real;

/// `‖v‖₂`, computed as `m · √(Σ (vᵢ/m)²)` with `m = maxᵢ|vᵢ|`, so that
/// entries near the overflow threshold (`1e200`: `vᵢ²` overflows) or the
/// underflow threshold (`1e-200`: `vᵢ²` underflows) give the right norm.
/// NaN if any entry is NaN, `∞` if any is infinite.
#[inline]
#[must_use]
pub(crate) fn norm<T, R, C, S>(v: &Matrix<T, R, C, S>) -> T
where
    T: Real,
    R: Dim,
    C: Dim,
    S: RawStorage<T, R, C>,
{
    let mut largest = T::zero();
    for x in v.iter() {
        let magnitude = x.abs();
        let is_number = magnitude >= T::zero(); // false for NaN
        if !is_number {
            return magnitude;
        }
        largest = largest.max(magnitude);
    }
    if largest == T::zero() || !largest.is_finite() {
        return largest;
    }
    // Σ (vᵢ/m)² ∈ [1, len]: no overflow, and underflow only of negligible terms
    let sum = v.iter().fold(T::zero(), |sum, x| {
        let ratio = *x / largest;
        sum + ratio * ratio
    });
    largest * sum.sqrt()
}

#[cfg(test)]
mod tests {
    use nalgebra::Vector3;

    use super::norm;

    #[test]
    fn no_overflow_or_underflow() {
        let close = |a: f64, b: f64| (a - b).abs() <= 2.0 * f64::EPSILON * b;
        assert!(close(norm(&Vector3::new(3e200, 4e200, 0.0)), 5e200));
        assert!(close(norm(&Vector3::new(3e-200, -4e-200, 0.0)), 5e-200));
        assert_eq!(norm(&Vector3::<f64>::zeros()), 0.0);
        assert!(norm(&Vector3::new(1.0, f64::NAN, f64::INFINITY)).is_nan());
        assert_eq!(norm(&Vector3::new(1.0, f64::INFINITY, 2.0)), f64::INFINITY);
    }
}
