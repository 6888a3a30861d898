//! The trust-region subproblem `min m(s) = γᵀs + ½ sᵀΛs, ‖s‖ ≤ Δ` in the
//! eigenbasis of the (scaled) Hessian, solved nearly exactly as Moré and
//! Sorensen (1983) do, hard case included.
//!
//! With `H = Q Λ Qᵀ` the coordinates of the step are
//! `cᵢ(σ) = −γᵢ / (λᵢ + σ)` for a shift `σ ≥ max(0, −λ₁)`; the solution is
//! `σ = 0` when `H` is positive definite and the Newton step fits, else the
//! `σ` with `‖c(σ)‖ = Δ`, found by Newton's method on the secular equation
//! `1/‖c(σ)‖ − 1/Δ = 0` (nearly linear in `σ`, concave, so Newton from the
//! left converges monotonically), safeguarded by bisection. In the hard case
//! (`γ` orthogonal to the eigenvector of `λ₁ ≤ 0`, so `‖c(σ)‖ < Δ` even as
//! `σ → −λ₁`) the step is `c(−λ₁) + τ e₁` with `τ` taking it to the
//! boundary in the direction that lowers the model. With the
//! eigen-decomposition in hand each trial `σ` costs `O(N)`.

use nalgebra::SVector;

use crate::Real;
use crate::solvers::linalg::norm::norm;

/// The most secular-equation iterations (each `O(N)`; Newton converges in a
/// handful, bisection in at most ~64 for `f64`).
const MAX_SECULAR_ITERATIONS: usize = 100;

/// A solution of the subproblem.
pub(crate) struct Step<T, const N: usize> {
    /// The step's coordinates in the eigenbasis.
    pub(crate) coordinates: SVector<T, N>,
    /// `−m(s) ≥ 0`, the decrease the quadratic model predicts.
    pub(crate) predicted: T,
    /// `‖s‖ = ‖c‖`.
    pub(crate) norm: T,
    /// The unshifted Newton step (`σ = 0`, inside the region).
    pub(crate) newton: bool,
}

/// The model decrease `−m(c) = −Σᵢ (γᵢcᵢ + ½λᵢcᵢ²)`.
#[inline]
#[must_use]
fn decrease<T: Real, const N: usize>(
    eigenvalues: &SVector<T, N>,
    gamma: &SVector<T, N>,
    c: &SVector<T, N>,
) -> T {
    let half: T = nalgebra::convert(0.5);
    (0..N).fold(T::zero(), |sum, i| {
        sum - (gamma[i] * c[i] + half * eigenvalues[i] * c[i] * c[i])
    })
}

/// `c(σ)ᵢ = −γᵢ / (λᵢ + σ)`.
#[inline]
#[must_use]
fn shifted<T: Real, const N: usize>(
    eigenvalues: &SVector<T, N>,
    gamma: &SVector<T, N>,
    sigma: T,
) -> SVector<T, N> {
    SVector::from_fn(|i, _| -gamma[i] / (eigenvalues[i] + sigma))
}

/// Solves the subproblem for eigenvalues `λ` (ascending), gradient
/// coordinates `γ = Qᵀg` and radius `Δ > 0`.
#[must_use]
pub(crate) fn solve<T: Real, const N: usize>(
    eigenvalues: &SVector<T, N>,
    gamma: &SVector<T, N>,
    radius: T,
) -> Step<T, N> {
    let epsilon = T::default_epsilon();
    let half: T = nalgebra::convert(0.5);
    let finish = |coordinates: SVector<T, N>, newton: bool| Step {
        predicted: decrease(eigenvalues, gamma, &coordinates),
        norm: norm(&coordinates),
        coordinates,
        newton,
    };
    if N == 0 {
        return finish(SVector::zeros(), true);
    }
    let lowest = eigenvalues[0];
    let gamma_norm = norm(gamma);
    let largest = eigenvalues.iter().fold(T::zero(), |m, l| m.max(l.abs()));

    // positive definite: the Newton step, if it fits
    if lowest > T::zero() {
        let newton = shifted(eigenvalues, gamma, T::zero());
        if norm(&newton) <= radius {
            return finish(newton, true);
        }
    }

    // the smallest admissible shift, nudged off the pole at −λ₁ by a relative
    // rounding amount
    let nudge = epsilon * largest.max(gamma_norm / radius);
    let mut low = if lowest > T::zero() {
        T::zero()
    } else {
        -lowest + nudge
    };
    let at_low = shifted(eigenvalues, gamma, low);
    let low_norm = norm(&at_low);
    let pole_outside = low_norm > radius; // false for NaN
    if lowest <= T::zero() && !pole_outside {
        // the hard case: ‖c(σ)‖ < Δ all the way down to σ = −λ₁; fill the rest
        // of the region along e₁: ‖c + τe₁‖² = Δ², τ² + 2c₁τ + ‖c‖² − Δ² = 0
        let c1 = at_low[0];
        let slack = (radius - low_norm) * (radius + low_norm);
        let root = (c1 * c1 + slack.max(T::zero())).sqrt();
        let (mut plus, mut minus) = (at_low, at_low);
        plus[0] = c1 + root;
        minus[0] = c1 - root;
        let better = if decrease(eigenvalues, gamma, &plus) >= decrease(eigenvalues, gamma, &minus)
        {
            plus
        } else {
            minus
        };
        return finish(better, false);
    }

    // ‖c(σ)‖ ≤ ‖γ‖ / (λ₁ + σ) ≤ Δ at σ = ‖γ‖/Δ − λ₁
    let mut high = (gamma_norm / radius - lowest).max(low) + nudge;
    let mut sigma = low;
    let mut best = at_low;
    for _ in 0..MAX_SECULAR_ITERATIONS {
        let c = shifted(eigenvalues, gamma, sigma);
        let length = norm(&c);
        best = c;
        let close = (length - radius).abs() <= radius * nalgebra::convert(1e-10);
        let open = high - low > epsilon * high; // false for NaN
        if close || !open {
            break;
        }
        if length > radius {
            low = low.max(sigma);
        } else {
            high = high.min(sigma);
        }
        // Newton on 1/‖c‖ − 1/Δ: σ ← σ + (‖c‖²/Σᵢ γᵢ²/(λᵢ+σ)³) · (‖c‖ − Δ)/Δ,
        // with Σᵢ γᵢ²/(λᵢ+σ)³ = Σᵢ cᵢ²/(λᵢ+σ)
        let q = (0..N).fold(T::zero(), |sum, i| {
            sum + c[i] * c[i] / (eigenvalues[i] + sigma)
        });
        let newton = sigma + (length / q) * length * ((length - radius) / radius);
        sigma = if newton > low && newton < high && newton.is_finite() {
            newton
        } else {
            (low + high) * half
        };
    }
    let inside = norm(&best) <= radius + radius * nalgebra::convert(1e-6);
    if !inside {
        // the bracket closed around a pole (a rounding-level γ₁): the boundary
        // point of the last iterate's direction
        let length = norm(&best);
        best *= radius / length;
    }
    finish(best, false)
}

#[cfg(test)]
mod tests {
    use nalgebra::Vector2;

    use super::solve;

    #[test]
    fn interior_newton_step() {
        let step = solve(
            &Vector2::<f64>::new(1.0, 4.0),
            &Vector2::new(-1.0, 4.0),
            10.0,
        );
        assert!(step.newton);
        assert_eq!(step.coordinates, Vector2::new(1.0, -1.0));
        assert_eq!(step.predicted, 2.5);
    }

    #[test]
    fn boundary_step_for_an_indefinite_model() {
        let step = solve(
            &Vector2::<f64>::new(-1.0, 2.0),
            &Vector2::new(0.5, 1.0),
            1.0,
        );
        assert!(!step.newton && (step.norm - 1.0).abs() < 1e-9);
        assert!(step.predicted > 0.0);
        // first-order optimality: (Λ + σ)c = −γ with σ ≥ 1
        let sigma = -0.5 / step.coordinates[0] + 1.0;
        assert!(sigma >= 1.0);
        assert!((step.coordinates[1] * (2.0 + sigma) + 1.0).abs() < 1e-8);
    }

    #[test]
    fn hard_case_goes_to_the_boundary_along_the_negative_curvature() {
        // γ ⟂ e₁: the saddle-free direction
        let step = solve(
            &Vector2::<f64>::new(-2.0, 2.0),
            &Vector2::new(0.0, 0.0),
            3.0,
        );
        assert!((step.coordinates[0].abs() - 3.0).abs() < 1e-12);
        assert_eq!(step.predicted, 9.0);
        let step = solve(
            &Vector2::<f64>::new(-2.0, 2.0),
            &Vector2::new(0.0, 4.0),
            3.0,
        );
        // c₂ = −4 / (2 + 2) = −1, c₁ = ±√8
        assert!((step.coordinates[1] + 1.0).abs() < 1e-12);
        assert!((step.coordinates[0].abs() - 8f64.sqrt()).abs() < 1e-7);
    }
}
