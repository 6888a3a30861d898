//! The Levenberg–Marquardt parameter: for the trust region ‖D z‖ ≤ Δ, the
//! λ ≥ 0 and step z with (RᵀR + λD²) z = Rᵀ(Qᵀr) (the step's sign is the
//! caller's) such that λ = 0 and ‖D z‖ ≤ 1.1 Δ, or λ > 0 and
//! |‖D z‖ − Δ| ≤ 0.1 Δ. Everything is in the pivoted order of the QR
//! factorization J P = Q R.
//!
//! The secular equation φ(λ) = ‖D z(λ)‖ − Δ = 0 is solved by Moré's
//! safeguarded Newton iteration (1978, section 5): φ is convex and
//! decreasing in λ, and Newton's method on 1/‖D z‖ (Hebden's model) is
//! fast; the bounds λₗ ≤ λ ≤ λᵤ (from φ(0) and ‖(RᵀQᵀr)/D‖) shrink at each
//! step and keep every trial positive and finite. At most 10 trials.

use nalgebra::{SMatrix, SVector};

use crate::Real;
use crate::solvers::linalg::qr::{fold_diagonal, norm, solve_upper, solve_upper_transpose};

/// The parameter λ and the step z (pivoted order) for the region ‖D z‖ ≤ Δ;
/// `lambda` is the previous parameter, the iteration's start.
pub(super) fn solve<T: Real, const N: usize>(
    r: &SMatrix<T, N, N>,
    diagonal: &SVector<T, N>,
    qtr: &SVector<T, N>,
    delta: T,
    lambda: T,
) -> (T, SVector<T, N>) {
    let tenth: T = nalgebra::convert(0.1);
    let thousandth: T = nalgebra::convert(0.001);
    // a tiny positive number, far above underflow in f32 and f64 (ε⁴)
    let tiny = T::default_epsilon().powi(4);

    // the Gauss–Newton step, the basic solution if R is singular
    let singular_at = (0..N).position(|j| r[(j, j)] == T::zero()).unwrap_or(N);
    let gauss_newton = solve_upper(r, qtr, singular_at);
    let mut scaled_norm = norm(&diagonal.component_mul(&gauss_newton));
    let mut excess = scaled_norm - delta;
    // (written so that a NaN excess also takes the Gauss–Newton step)
    let outside = excess > tenth * delta;
    if !outside {
        return (T::zero(), gauss_newton);
    }

    // lower bound λₗ = −φ(0)/φ′(0) (0 if R is singular): φ′(0) =
    // −‖R⁻ᵀ D² z/‖D z‖‖²/‖D z‖
    let mut lower = T::zero();
    if singular_at == N {
        let w = solve_upper_transpose(r, &scaled_direction(diagonal, &gauss_newton, scaled_norm));
        let w_norm = norm(&w);
        lower = excess / delta / w_norm / w_norm;
        if !lower.is_finite() {
            lower = T::zero();
        }
    }
    // upper bound λᵤ = ‖D⁻¹RᵀQᵀr‖/Δ
    let gradient = SVector::<T, N>::from_fn(|j, _| {
        let mut sum = T::zero();
        for i in 0..=j {
            sum += r[(i, j)] * qtr[i];
        }
        sum / diagonal[j]
    });
    let gradient_norm = norm(&gradient);
    let mut upper = gradient_norm / delta;
    if upper == T::zero() {
        upper = tiny / delta.min(tenth);
    }

    // (a non-finite previous λ, or one the bounds do not contain, restarts
    // from the bounds)
    let previous = if lambda.is_finite() {
        lambda
    } else {
        T::zero()
    };
    let mut lambda = previous.max(lower).min(upper);
    if !lambda.is_finite() {
        lambda = T::zero();
    }
    if lambda == T::zero() {
        lambda = gradient_norm / scaled_norm;
    }
    let mut step = gauss_newton;
    for trial in 1..=10 {
        let positive = lambda > T::zero();
        if !positive {
            lambda = tiny.max(thousandth * upper);
        }
        // (RᵀR + λD²) z = RᵀQᵀr through the triangular factor of [R; √λ D]
        let root = lambda.sqrt();
        let (t, c) = fold_diagonal(r, &diagonal.map(|d| d * root), qtr);
        let rank = (0..N).position(|j| t[(j, j)] == T::zero()).unwrap_or(N);
        step = solve_upper(&t, &c, rank);
        scaled_norm = norm(&diagonal.component_mul(&step));
        let previous = excess;
        excess = scaled_norm - delta;
        let close = excess.abs() <= tenth * delta;
        // λₗ = 0 and φ increasing from below: λ is as small as it matters
        let stalled = lower == T::zero() && excess <= previous && previous < T::zero();
        if close || stalled || trial == 10 || scaled_norm == T::zero() || rank < N {
            break;
        }
        // Newton's step on 1/Δ − 1/‖D z(λ)‖ = 0 (nearly linear in λ):
        // λ += (φ/Δ) / ‖T⁻ᵀ D²z/‖Dz‖‖², with TᵀT = RᵀR + λD²
        let w = solve_upper_transpose(&t, &scaled_direction(diagonal, &step, scaled_norm));
        let w_norm = norm(&w);
        let correction = excess / delta / w_norm / w_norm;
        if excess > T::zero() {
            lower = lower.max(lambda);
        }
        if excess < T::zero() {
            upper = upper.min(lambda);
        }
        let next = lower.max(lambda + correction);
        if !next.is_finite() {
            break;
        }
        lambda = next;
    }
    (lambda, step)
}

/// D²z/‖Dz‖, the direction of ∇‖Dz‖ in z.
fn scaled_direction<T: Real, const N: usize>(
    diagonal: &SVector<T, N>,
    z: &SVector<T, N>,
    scaled_norm: T,
) -> SVector<T, N> {
    SVector::from_fn(|j, _| diagonal[j] * (diagonal[j] * z[j] / scaled_norm))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{Matrix3, Vector3};

    /// R upper triangular, ill-conditioned; D a spread of scales.
    fn problem() -> (Matrix3<f64>, Vector3<f64>, Vector3<f64>) {
        let r = Matrix3::new(5.0, 2.0, -1.0, 0.0, 1.5, 0.7, 0.0, 0.0, 1e-3);
        let diagonal = Vector3::new(1.0, 10.0, 0.01);
        let qtr = Vector3::new(1.0, -2.0, 0.5);
        (r, diagonal, qtr)
    }

    #[test]
    fn inside_the_region_is_gauss_newton() {
        let (r, diagonal, qtr) = problem();
        let (lambda, z) = solve(&r, &diagonal, &qtr, 1e6, 0.0);
        assert_eq!(lambda, 0.0);
        assert!((r * z - qtr).norm() < 1e-10);
    }

    #[test]
    fn on_the_boundary_the_secular_equation_holds() {
        let (r, diagonal, qtr) = problem();
        let d2 = Matrix3::from_diagonal(&diagonal.component_mul(&diagonal));
        for delta in [1e-6, 1e-3, 0.1, 1.0, 3.0] {
            let (lambda, z) = solve(&r, &diagonal, &qtr, delta, 0.0);
            assert!(lambda > 0.0, "Δ = {delta}");
            // ‖D z‖ within 10% of Δ, and z solves (RᵀR + λD²) z = Rᵀ(Qᵀr)
            let scaled = diagonal.component_mul(&z).norm();
            assert!(
                (scaled - delta).abs() <= 0.1 * delta,
                "Δ = {delta}: ‖Dz‖ = {scaled}"
            );
            let normal = (r.transpose() * r + d2 * lambda) * z - r.transpose() * qtr;
            assert!(
                normal.norm() <= 1e-10 * (r.transpose() * qtr).norm(),
                "Δ = {delta}"
            );
        }
    }
}
