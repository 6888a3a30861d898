//! The functions being differentiated, each written once.
//!
//! The scalar and vector functions take plain arrays, because hyperjet's
//! jets cannot be nalgebra matrix elements (they implement neither `Debug`
//! nor `PartialEq`). The log-likelihood goes through nalgebra's Cholesky
//! factorization, so it is generic over nalgebra's `RealField` instead.

use nalgebra::{RealField, SMatrix, SVector};

use crate::number::Number;

/// Extended Rosenbrock function (Moré, Garbow & Hillstrom 1981), `N` even:
///
/// f(x) = Σ_{k < N/2} 100 (x_{2k+1} − x_{2k}²)² + (x_{2k} − 1)²
#[inline]
pub fn rosenbrock<S: Number, const N: usize>(x: &[S; N]) -> S {
    const {
        assert!(
            N >= 2 && N.is_multiple_of(2),
            "extended Rosenbrock needs an even N"
        )
    };
    let mut sum = rosenbrock_pair(x[0], x[1]);
    for k in 1..N / 2 {
        sum = sum + rosenbrock_pair(x[2 * k], x[2 * k + 1]);
    }
    sum
}

/// One term of the extended Rosenbrock sum: 100 (b − a²)² + (a − 1)².
#[inline]
fn rosenbrock_pair<S: Number>(a: S, b: S) -> S {
    let valley = b - a * a;
    let offset = a - 1.0;
    valley * valley * 100.0 + offset * offset
}

/// The standard starting point of the extended Rosenbrock function:
/// (−1.2, 1, −1.2, 1, …).
pub fn rosenbrock_start<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| if i % 2 == 0 { -1.2 } else { 1.0 })
}

/// A function mixing exp, sin, sqrt and ln, with a dense Hessian:
///
/// f(x) = ln(1 + Σ_i x_i²) + Σ_i √(1 + x_i²) + Σ_{i < N−1} sin(x_i) · exp(x_{i+1} / 2)
#[inline]
pub fn transcendental<S: Number, const N: usize>(x: &[S; N]) -> S {
    const { assert!(N >= 2, "the transcendental function needs N ≥ 2") };
    let first_square = x[0] * x[0];
    let mut sum_of_squares = first_square;
    let mut roots = (first_square + 1.0).sqrt();
    for &xi in &x[1..] {
        let square = xi * xi;
        sum_of_squares = sum_of_squares + square;
        roots = roots + (square + 1.0).sqrt();
    }
    let mut waves = x[0].sin() * (x[1] * 0.5).exp();
    for i in 1..N - 1 {
        waves = waves + x[i].sin() * (x[i + 1] * 0.5).exp();
    }
    (sum_of_squares + 1.0).ln() + roots + waves
}

/// The point at which the transcendental function is differentiated:
/// x_i = 1.2 sin(i + 1), so the entries differ in size and sign.
pub fn transcendental_point<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| 1.2 * ((i + 1) as f64).sin())
}

/// A map R⁴ → R⁴:
///
/// F(x) = (x₀x₁ + sin x₂,  √(x₁² + x₃²),  exp(x₀ − x₃),  x₂x₃ / (1 + x₀²))
#[inline]
pub fn square_map<S: Number>(x: &[S; 4]) -> [S; 4] {
    let [x0, x1, x2, x3] = *x;
    [
        x0 * x1 + x2.sin(),
        (x1 * x1 + x3 * x3).sqrt(),
        (x0 - x3).exp(),
        x2 * x3 / (x0 * x0 + 1.0),
    ]
}

/// The point at which [`square_map`] is differentiated.
pub fn square_map_point() -> SVector<f64, 4> {
    SVector::from([0.5, 1.5, -0.7, 0.9])
}

/// A non-square map R³ → R⁵, from spherical coordinates (r, θ, φ):
///
/// F(r, θ, φ) = (r sin θ cos φ,  r sin θ sin φ,  r cos θ,  r² sin θ,  ln r)
///
/// that is, the Cartesian point, the volume element and the log radius.
#[inline]
pub fn spherical_map<S: Number>(x: &[S; 3]) -> [S; 5] {
    let [r, theta, phi] = *x;
    let (sin_theta, cos_theta) = (theta.sin(), theta.cos());
    let (sin_phi, cos_phi) = (phi.sin(), phi.cos());
    let rho = r * sin_theta;
    [rho * cos_phi, rho * sin_phi, r * cos_theta, r * rho, r.ln()]
}

/// The point at which [`spherical_map`] is differentiated.
pub fn spherical_map_point() -> SVector<f64, 3> {
    SVector::from([2.0, 0.8, -0.4])
}

/// Observation times of the Gaussian-process log-likelihood.
pub const TIMES: [f64; 4] = [0.0, 0.7, 1.5, 2.6];
/// Observed values at [`TIMES`].
pub const OBSERVATIONS: [f64; 4] = [0.3, -0.2, 0.8, 0.1];

/// Log-likelihood of [`OBSERVATIONS`] under a Gaussian process with constant
/// mean μ and squared-exponential covariance, θ = (μ, ln σ, ln ℓ, ln s):
///
/// Σ_ij = σ² exp(−(t_i − t_j)² / (2ℓ²)) + s² δ_ij,   r = y − μ,
/// log p(y | θ) = −½ log det Σ − ½ rᵀ Σ⁻¹ r − (n/2) ln 2π,
///
/// with log det Σ = 2 Σ_i ln L_ii and Σ⁻¹ r from the Cholesky factor
/// Σ = L Lᵀ computed by nalgebra. Returns NaN if Σ is not positive definite.
#[inline]
pub fn log_likelihood<S: RealField + Copy>(theta: &SVector<S, 4>) -> S {
    let constant = |value: f64| -> S { nalgebra::convert(value) };
    let mean = theta[0];
    let signal_variance = (theta[1] * constant(2.0)).exp();
    // 1 / (2ℓ²) = ½ exp(−2 ln ℓ)
    let inverse_two_length_squared = (theta[2] * constant(-2.0)).exp() * constant(0.5);
    let noise_variance = (theta[3] * constant(2.0)).exp();
    let covariance = SMatrix::<S, 4, 4>::from_fn(|i, j| {
        let distance = TIMES[i] - TIMES[j];
        let kernel =
            signal_variance * (-(inverse_two_length_squared * constant(distance * distance))).exp();
        if i == j {
            kernel + noise_variance
        } else {
            kernel
        }
    });
    let residual = SVector::<S, 4>::from_fn(|i, _| constant(OBSERVATIONS[i]) - mean);
    let Some(cholesky) = covariance.cholesky() else {
        return constant(f64::NAN);
    };
    let factor = cholesky.l_dirty();
    let mut log_determinant = factor[(0, 0)].ln();
    for i in 1..4 {
        log_determinant += factor[(i, i)].ln();
    }
    log_determinant *= constant(2.0);
    let weights = cholesky.solve(&residual);
    let quadratic_form = residual.dot(&weights);
    -(log_determinant + quadratic_form) * constant(0.5)
        - constant(2.0 * (2.0 * std::f64::consts::PI).ln())
}

/// The parameters θ = (μ, ln σ, ln ℓ, ln s) at which the log-likelihood is
/// differentiated.
pub fn log_likelihood_point() -> SVector<f64, 4> {
    SVector::from([0.1, 0.2, -0.3, -1.0])
}
