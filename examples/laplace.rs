//! The Laplace approximation of a posterior: p(θ | D) ≈ N(θ_MAP, H⁻¹), with
//! θ_MAP from `newton::minimize` on −log p(θ | D) and H its HyperDual
//! Hessian at θ_MAP.
//!
//! 1. Bayesian linear regression with a Gaussian prior: the posterior is
//!    Gaussian, so the approximation is exact; checked against the
//!    closed-form posterior mean (XᵀX/σ² + I/τ²)⁻¹ Xᵀy/σ² and covariance
//!    (XᵀX/σ² + I/τ²)⁻¹.
//! 2. Bayesian logistic regression: the posterior is not Gaussian; its
//!    mode, mean and covariance by brute-force quadrature on a 401 × 401 grid
//!    show how close the approximation is.
//!
//! Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example laplace`.

use monodual::Scalar;
use monodual::newton::{self, Options};
use nalgebra::{Matrix2, Matrix3, SVector, Vector2, Vector3};
use std::process::ExitCode;

/// Regression data: (x₁, x₂, y); the model is y = θ₀ + θ₁x₁ + θ₂x₂ + noise.
const REGRESSION: [(f64, f64, f64); 8] = [
    (0.0, 1.0, 1.9),
    (1.0, 0.0, 2.4),
    (1.0, 1.0, 3.1),
    (2.0, 0.5, 4.2),
    (-1.0, 2.0, 0.8),
    (0.5, -1.0, 2.2),
    (-0.5, 0.5, 1.1),
    (1.5, 1.5, 4.0),
];
const NOISE: f64 = 0.3; // σ
const PRIOR_SCALE: f64 = 2.0; // τ

/// −log p(θ | D) up to a constant: ‖y − Xθ‖²/(2σ²) + ‖θ‖²/(2τ²).
fn regression_negative_log_posterior<S: Scalar>(theta: &SVector<S, 3>) -> S {
    let mut sum = theta.norm_squared() * (0.5 / (PRIOR_SCALE * PRIOR_SCALE));
    for (x1, x2, y) in REGRESSION {
        let residual = -(theta[0] + theta[1] * x1 + theta[2] * x2) + y;
        sum += residual * residual * (0.5 / (NOISE * NOISE));
    }
    sum
}

/// Classification data: (x, label).
const CLASSIFICATION: [(f64, f64); 12] = [
    (-2.0, 0.0),
    (-1.6, 0.0),
    (-1.1, 0.0),
    (-0.7, 1.0),
    (-0.4, 0.0),
    (-0.1, 0.0),
    (0.2, 1.0),
    (0.5, 0.0),
    (0.9, 1.0),
    (1.3, 1.0),
    (1.8, 1.0),
    (2.2, 1.0),
];

/// −log p(θ | D) for p(label = 1 | x) = σ(θ₀ + θ₁x), prior N(0, τ²I):
/// Σ log(1 + e^(−s z)) + ‖θ‖²/(2τ²), s = ±1 for label 1 / 0.
fn logistic_negative_log_posterior<S: Scalar>(theta: &SVector<S, 2>) -> S {
    let mut sum = theta.norm_squared() * (0.5 / (PRIOR_SCALE * PRIOR_SCALE));
    for (x, label) in CLASSIFICATION {
        let z = theta[0] + theta[1] * x;
        let signed = if label == 1.0 { z } else { -z };
        sum += ((-signed).exp() + 1.0).ln();
    }
    sum
}

fn main() -> ExitCode {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };

    // 1. linear regression: exact
    let result = newton::minimize(
        |t| regression_negative_log_posterior(&t),
        Vector3::<f64>::zeros(),
        &Options::default(),
    );
    let Ok(map) = result else {
        println!("MAP failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    let (_, _, hessian) = monodual::hessian(|t| regression_negative_log_posterior(&t), map.x);
    let Some(covariance) = hessian.try_inverse() else {
        return ExitCode::FAILURE;
    };
    let mut precision = Matrix3::identity() / (PRIOR_SCALE * PRIOR_SCALE);
    let mut xty = Vector3::zeros();
    for (x1, x2, y) in REGRESSION {
        let row = Vector3::new(1.0, x1, x2);
        precision += row * row.transpose() / (NOISE * NOISE);
        xty += row * y / (NOISE * NOISE);
    }
    let Some(exact_covariance) = precision.try_inverse() else {
        return ExitCode::FAILURE;
    };
    let exact_mean = exact_covariance * xty;
    println!("Bayesian linear regression (Gaussian posterior)");
    println!("  MAP            = {:?}", map.x.as_slice());
    println!("  exact mean     = {:?}", exact_mean.as_slice());
    println!("  Laplace covariance H^-1:{covariance}");
    println!("  exact covariance:{exact_covariance}");
    check(
        (map.x - exact_mean).norm() < 1e-13 * exact_mean.norm(),
        "MAP = closed-form posterior mean",
    );
    check(
        (covariance - exact_covariance).norm() < 1e-13 * exact_covariance.norm(),
        "H^-1 = closed-form posterior covariance",
    );

    // 2. logistic regression: an approximation, compared with quadrature
    let result = newton::minimize(
        |t| logistic_negative_log_posterior(&t),
        Vector2::<f64>::zeros(),
        &Options::default(),
    );
    let Ok(map) = result else {
        println!("MAP failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    let (_, _, hessian) = monodual::hessian(|t| logistic_negative_log_posterior(&t), map.x);
    let Some(covariance) = hessian.try_inverse() else {
        return ExitCode::FAILURE;
    };

    // ∫ over a box of ±8 Laplace standard deviations: weights e^(−(U − U_MAP))
    let steps = 401;
    let half_width = Vector2::new(covariance[(0, 0)].sqrt(), covariance[(1, 1)].sqrt()) * 8.0;
    let spacing = half_width * (2.0 / (steps - 1) as f64);
    let (mut total, mut mean, mut second) = (0.0, Vector2::zeros(), Matrix2::zeros());
    let mut grid_mode = (map.x, f64::INFINITY);
    for i in 0..steps {
        for j in 0..steps {
            let theta =
                map.x - half_width + Vector2::new(spacing[0] * i as f64, spacing[1] * j as f64);
            let energy = logistic_negative_log_posterior(&theta);
            if energy < grid_mode.1 {
                grid_mode = (theta, energy);
            }
            let weight = (map.value - energy).exp();
            total += weight;
            mean += theta * weight;
            second += theta * theta.transpose() * weight;
        }
    }
    mean /= total;
    let grid_covariance = second / total - mean * mean.transpose();
    println!("Bayesian logistic regression (non-Gaussian posterior)");
    println!(
        "  MAP (Newton)         = {:?} after {} iterations",
        map.x.as_slice(),
        map.iterations
    );
    println!("  mode on the grid     = {:?}", grid_mode.0.as_slice());
    println!("  posterior mean (grid)= {:?}", mean.as_slice());
    println!("  Laplace covariance H^-1:{covariance}");
    println!("  posterior covariance (grid):{grid_covariance}");
    let relative = (covariance - grid_covariance).norm() / grid_covariance.norm();
    let mean_offset = {
        // the mean's distance from the MAP in Laplace standard deviations
        let d = mean - map.x;
        (d.transpose() * hessian * d)[(0, 0)].sqrt()
    };
    println!(
        "  covariance relative difference {relative:.3}; mean - MAP = {mean_offset:.3} Laplace standard deviations"
    );
    check(
        ((grid_mode.0 - map.x).component_div(&spacing)).abs().max() <= 0.5,
        "the MAP is the grid's mode (within half a grid step)",
    );
    check(
        relative < 0.25 && mean_offset < 0.75,
        "Laplace covariance within 25% of the true one, true mean within 0.75 sd of the MAP \
         (with twelve points the posterior is skewed: the approximation is rough)",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
