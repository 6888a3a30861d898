//! The Fisher information of a logistic-regression model, two ways, and the
//! natural gradient it defines.
//!
//! The model: y ∈ {0, 1} with p(y = 1 | x, θ) = σ(θᵀφ(x)), φ(x) = (1, x₁, x₂),
//! and x drawn from a discrete distribution over five points, so every
//! expectation is an exact finite sum. The Fisher information is
//!
//! ```text
//! F = E[∇log p ∇log pᵀ]      (outer products of AD gradients, `monodual::gradient`)
//!   = −E[∇² log p]           (AD Hessians, `monodual::hessian`)
//! ```
//!
//! Checked against each other and against the closed form
//! F = E_x[σ(1 − σ) φφᵀ]. Then the natural gradient F⁻¹∇L of a small data
//! set's negative log-likelihood L is computed and checked to be invariant
//! under a reparametrization θ = Aη, where the plain gradient is not.
//! Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example natural_gradient`.

use monodual::Scalar;
use nalgebra::{Matrix3, SVector, Vector3};
use std::process::ExitCode;

/// The input distribution: (x₁, x₂) and its probability.
const INPUTS: [([f64; 2], f64); 5] = [
    ([0.0, 0.0], 0.1),
    ([1.0, -0.5], 0.2),
    ([-1.0, 2.0], 0.3),
    ([2.0, 1.0], 0.25),
    ([-0.5, -1.5], 0.15),
];

/// φ(x) = (1, x₁, x₂).
fn features(x: &[f64; 2]) -> [f64; 3] {
    [1.0, x[0], x[1]]
}

/// log p(y | x, θ) = y log σ(z) + (1 − y) log σ(−z), z = θᵀφ, with
/// log σ(z) = −log(1 + e^(−z)).
fn log_likelihood<S: Scalar>(theta: &SVector<S, 3>, phi: &[f64; 3], y: f64) -> S {
    let z = theta[0] * phi[0] + theta[1] * phi[1] + theta[2] * phi[2];
    let log_sigmoid = |t: S| -((-t).exp() + 1.0).ln();
    log_sigmoid(z) * y + log_sigmoid(-z) * (1.0 - y)
}

/// σ(z) on plain floats.
fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The Fisher information at `theta`, both ways.
fn fisher(theta: &Vector3<f64>) -> (Matrix3<f64>, Matrix3<f64>) {
    let mut outer = Matrix3::zeros();
    let mut curvature = Matrix3::zeros();
    for (x, px) in INPUTS {
        let phi = features(&x);
        let z = theta[0] * phi[0] + theta[1] * phi[1] + theta[2] * phi[2];
        // y ~ Bernoulli(σ(z)) under the model itself
        for (y, py) in [(1.0, sigmoid(z)), (0.0, 1.0 - sigmoid(z))] {
            let weight = px * py;
            let (_, score) = monodual::gradient(|t| log_likelihood(&t, &phi, y), *theta);
            outer += score * score.transpose() * weight;
            let (_, _, hessian) = monodual::hessian(|t| log_likelihood(&t, &phi, y), *theta);
            curvature -= hessian * weight;
        }
    }
    (outer, curvature)
}

/// F = E_x[σ(1 − σ) φφᵀ], by hand.
fn fisher_closed_form(theta: &Vector3<f64>) -> Matrix3<f64> {
    let mut f = Matrix3::zeros();
    for (x, px) in INPUTS {
        let phi = Vector3::from(features(&x));
        let s = sigmoid(theta.dot(&phi));
        f += phi * phi.transpose() * (px * s * (1.0 - s));
    }
    f
}

/// A small data set: the negative log-likelihood L(θ) = −Σ log p(yᵢ | xᵢ, θ).
const DATA: [([f64; 2], f64); 6] = [
    ([0.5, 1.0], 1.0),
    ([-1.0, 0.5], 0.0),
    ([1.5, -1.0], 1.0),
    ([0.0, -2.0], 0.0),
    ([2.0, 2.0], 1.0),
    ([-2.0, 1.0], 1.0),
];

fn negative_log_likelihood<S: Scalar>(theta: &SVector<S, 3>) -> S {
    let mut sum = S::zero();
    for (x, y) in DATA {
        sum -= log_likelihood(theta, &features(&x), y);
    }
    sum
}

/// L as a function of η, where θ = A η.
fn reparametrized<S: Scalar>(a: &Matrix3<f64>, eta: &SVector<S, 3>) -> S {
    negative_log_likelihood(&(a.map(S::from_float) * eta))
}

fn main() -> ExitCode {
    let theta = Vector3::new(0.3, -0.8, 0.5);
    let (outer, curvature) = fisher(&theta);
    let closed = fisher_closed_form(&theta);
    println!("theta = {theta:?}");
    println!("Fisher information E[grad log p grad log p^T]:{outer}");
    println!("Fisher information -E[hessian log p]:{curvature}");
    println!("closed form E_x[s(1 - s) phi phi^T]:{closed}");
    let difference = (outer - curvature).norm() / closed.norm();
    let from_closed = (outer - closed).norm().max((curvature - closed).norm()) / closed.norm();
    println!("relative difference of the two AD estimates: {difference:.2e}");

    // the natural gradient F⁻¹∇L: the steepest-descent direction measured by
    // the KL divergence between models rather than by ‖Δθ‖
    let (loss, gradient) = monodual::gradient(|t| negative_log_likelihood(&t), theta);
    let Some(natural) = outer.cholesky().map(|c| c.solve(&gradient)) else {
        println!("the Fisher information is not positive definite");
        return ExitCode::FAILURE;
    };
    println!("L(theta) = {loss:.6}");
    println!("gradient          = {:?}", gradient.as_slice());
    println!("natural gradient  = {:?}", natural.as_slice());

    // Reparametrize θ = A η. The plain gradient step in η maps to
    // A Aᵀ ∇L in θ (not ∇L); the natural gradient step maps to F⁻¹∇L again.
    let a = Matrix3::new(2.0, 0.5, 0.0, 0.0, 1.0, -1.0, 0.3, 0.0, 0.5);
    let Some(a_inverse) = a.try_inverse() else {
        return ExitCode::FAILURE;
    };
    let eta = a_inverse * theta;
    let (_, gradient_eta) = monodual::gradient(|e| reparametrized(&a, &e), eta);
    // the Fisher information in η, by the chain rule: Aᵀ F A
    let fisher_eta = a.transpose() * outer * a;
    let Some(natural_eta) = fisher_eta.cholesky().map(|c| c.solve(&gradient_eta)) else {
        return ExitCode::FAILURE;
    };
    let natural_eta_in_theta = a * natural_eta;
    let plain_eta_in_theta = a * gradient_eta;
    println!(
        "natural gradient computed in eta, mapped to theta = {:?}",
        natural_eta_in_theta.as_slice()
    );
    println!(
        "plain gradient computed in eta, mapped to theta   = {:?}",
        plain_eta_in_theta.as_slice()
    );

    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };
    check(
        difference < 1e-14,
        "E[grad grad^T] = -E[hessian] (relative 1e-14)",
    );
    check(
        from_closed < 1e-14,
        "both equal the closed form E_x[s(1 - s) phi phi^T] (relative 1e-14)",
    );
    check(
        (natural_eta_in_theta - natural).norm() < 1e-12 * natural.norm(),
        "the natural gradient is invariant under theta = A eta",
    );
    check(
        (plain_eta_in_theta - gradient).norm() > 0.1 * gradient.norm(),
        "the plain gradient is not",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
