//! Influence functions on a tiny nonlinear regression: how much would the
//! fitted parameters move if one training point were removed?
//!
//! The model y ≈ a e^(−b t) is fitted by least squares,
//! θ̂ = argmin L(θ), L = Σᵢ wᵢ ℓᵢ(θ), ℓᵢ = (yᵢ − a e^(−b tᵢ))², all wᵢ = 1,
//! with `newton::minimize`. Upweighting point k by ε moves the fit by
//! dθ̂/dε = −H⁻¹∇ℓₖ(θ̂) (the influence function, H = ∇²L(θ̂) by HyperDual
//! numbers), so removing it (ε = −1) moves it by about +H⁻¹∇ℓₖ.
//!
//! Checked against actually refitting: the influence against a central
//! difference of refits with wₖ = 1 ± 10⁻⁵ (they must agree closely: it is
//! a derivative), and the predicted removal against the refit without point
//! k (a first-order prediction: close, not equal, and least accurate for the
//! high-leverage points near t = 0). Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example influence`.

use monodual::Scalar;
use monodual::newton::{self, Options};
use nalgebra::{SVector, Vector2};
use std::process::ExitCode;

const POINTS: usize = 20;

/// The outlier's index.
const OUTLIER: usize = 9;

/// (t, y): 2 e^(−0.7 t) plus a deterministic wiggle of ±0.05, with an
/// outlier 0.4 too high at t = 1.8.
fn data() -> [(f64, f64); POINTS] {
    core::array::from_fn(|i| {
        let t = 0.2 * i as f64;
        let noise = 0.05 * (7.3 * i as f64).sin();
        let outlier = if i == OUTLIER { 0.4 } else { 0.0 };
        (t, 2.0 * (-0.7 * t).exp() + noise + outlier)
    })
}

/// ℓᵢ(θ) = (yᵢ − a e^(−b tᵢ))².
fn point_loss<S: Scalar>(theta: &SVector<S, 2>, (t, y): (f64, f64)) -> S {
    let prediction = theta[0] * (-theta[1] * t).exp();
    (-prediction + y).powi(2)
}

/// L(θ) = Σᵢ wᵢ ℓᵢ(θ).
fn loss<S: Scalar>(theta: &SVector<S, 2>, weights: &[f64; POINTS]) -> S {
    let mut sum = S::zero();
    for (point, weight) in data().iter().zip(weights) {
        sum += point_loss(theta, *point) * *weight;
    }
    sum
}

/// θ̂ for the given weights, from `start`.
fn fit(weights: &[f64; POINTS], start: Vector2<f64>) -> Option<Vector2<f64>> {
    newton::minimize(|t| loss(&t, weights), start, &Options::default())
        .ok()
        .map(|m| m.x)
}

fn main() -> ExitCode {
    let data = data();
    let ones = [1.0; POINTS];
    let Some(theta) = fit(&ones, Vector2::new(1.0, 1.0)) else {
        println!("the fit failed");
        return ExitCode::FAILURE;
    };
    let (_, _, hessian) = monodual::hessian(|t| loss(&t, &ones), theta);
    let Some(hessian_inverse) = hessian.try_inverse() else {
        println!("singular Hessian at the fit");
        return ExitCode::FAILURE;
    };
    println!("fit: a = {:.6}, b = {:.6}", theta[0], theta[1]);
    println!(
        "{:>3} {:>5} {:>5} {:>24} {:>24} {:>24} {:>9}",
        "k",
        "t",
        "y",
        "influence -H^-1 grad l_k",
        "predicted removal",
        "refit without k",
        "rel.err"
    );

    let mut worst_derivative_error = 0.0f64;
    let mut removal_errors = [0.0f64; POINTS];
    let mut worst_cosine = 1.0f64;
    let mut largest = (0, 0.0);
    for k in 0..POINTS {
        let (_, gradient_k) = monodual::gradient(|t| point_loss(&t, data[k]), theta);
        let influence = -(hessian_inverse * gradient_k);
        let predicted_removal = -influence;

        // refit without point k
        let mut without = ones;
        without[k] = 0.0;
        let Some(refit) = fit(&without, theta) else {
            println!("refit without point {k} failed");
            return ExitCode::FAILURE;
        };
        let actual_removal = refit - theta;

        // refits with wₖ = 1 ± ε: dθ̂/dε by central differences
        let epsilon = 1e-5;
        let (mut up, mut down) = (ones, ones);
        up[k] += epsilon;
        down[k] -= epsilon;
        let (Some(theta_up), Some(theta_down)) = (fit(&up, theta), fit(&down, theta)) else {
            return ExitCode::FAILURE;
        };
        let derivative = (theta_up - theta_down) / (2.0 * epsilon);

        let derivative_error = (derivative - influence).norm() / influence.norm();
        let removal_error = (predicted_removal - actual_removal).norm() / actual_removal.norm();
        worst_derivative_error = worst_derivative_error.max(derivative_error);
        removal_errors[k] = removal_error;
        let cosine = predicted_removal.dot(&actual_removal)
            / (predicted_removal.norm() * actual_removal.norm());
        worst_cosine = worst_cosine.min(cosine);
        if actual_removal.norm() > largest.1 {
            largest = (k, actual_removal.norm());
        }
        let pair = |v: Vector2<f64>| format!("({:+.5}, {:+.5})", v[0], v[1]);
        println!(
            "{k:>3} {:>5.1} {:>5.2} {:>24} {:>24} {:>24} {:>9.3}",
            data[k].0,
            data[k].1,
            pair(influence),
            pair(predicted_removal),
            pair(actual_removal),
            removal_error
        );
    }
    println!(
        "influence vs d(theta)/d(w_k) by refits at w_k = 1 +- 1e-5: worst relative error {worst_derivative_error:.2e}"
    );
    removal_errors.sort_by(f64::total_cmp);
    let (median, worst) = (removal_errors[POINTS / 2], removal_errors[POINTS - 1]);
    println!(
        "predicted vs actual removal: relative error median {median:.3}, worst {worst:.3} (largest \
         near t = 0, where leverage is highest); smallest cosine {worst_cosine:.5}"
    );
    println!(
        "most influential point: k = {} (t = {})",
        largest.0, data[largest.0].0
    );

    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };
    check(
        worst_derivative_error < 1e-6,
        "the influence is the derivative of the refit in w_k (1e-6)",
    );
    check(
        worst_cosine > 0.999 && median < 0.15 && worst < 0.5,
        "removal moves the fit as predicted to first order: same direction \
         (cosine > 0.999), size within 15% for the median point, 50% for all",
    );
    check(
        largest.0 == OUTLIER,
        "the outlier at t = 1.8 is the most influential",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
