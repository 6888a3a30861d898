//! Hessian-free Newton: conjugate gradient on Hessian-vector products only.
//!
//! `monodual::hessian_vector_product` gives H·v through `Dual<Dual<f64, N>, 1>`
//! numbers, never forming H. Conjugate gradient needs nothing else to solve
//! the Newton system H d = −∇f. For a strictly convex f of N = 12 variables:
//!
//! 1. one Newton system solved by CG, checked against a direct Cholesky
//!    solve with the full HyperDual Hessian;
//! 2. a whole Hessian-free Newton minimization (Newton-CG), checked against
//!    `newton::minimize`.
//!
//! Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example hessian_free`.

use monodual::Scalar;
use monodual::newton::{self, Options};
use nalgebra::SVector;
use std::process::ExitCode;

const N: usize = 12;

/// f(x) = Σᵢ (i + 1)/4 · xᵢ² + Σᵢ log(1 + e^(xᵢ − xᵢ₊₁)) + Σᵢ e^(xᵢ/5) − Σᵢ cos(i) xᵢ:
/// a sum of convex terms, strictly convex through the quadratic.
fn objective<S: Scalar>(x: &SVector<S, N>) -> S {
    let mut sum = S::zero();
    for i in 0..N {
        let weight = (i as f64 + 1.0) / 4.0;
        sum += x[i] * x[i] * weight + (x[i] / 5.0).exp() - x[i] * (i as f64).cos();
        if i + 1 < N {
            sum += ((x[i] - x[i + 1]).exp() + 1.0).ln();
        }
    }
    sum
}

/// Solves H d = b by conjugate gradient with `product(v) = H v`, to a
/// relative residual of `tolerance`. Returns d and the number of products.
fn conjugate_gradient(
    mut product: impl FnMut(&SVector<f64, N>) -> SVector<f64, N>,
    b: &SVector<f64, N>,
    tolerance: f64,
) -> (SVector<f64, N>, usize) {
    let mut d = SVector::<f64, N>::zeros();
    let mut residual = *b; // b − H·0
    let mut direction = residual;
    let mut residual_squared = residual.norm_squared();
    let target = tolerance * b.norm();
    let mut products = 0;
    // in exact arithmetic CG ends within N steps; allow a few more for rounding
    while residual_squared.sqrt() > target && products < 2 * N {
        let hp = product(&direction);
        products += 1;
        let alpha = residual_squared / direction.dot(&hp);
        d += direction * alpha;
        residual -= hp * alpha;
        let next_squared = residual.norm_squared();
        direction = residual + direction * (next_squared / residual_squared);
        residual_squared = next_squared;
    }
    (d, products)
}

fn main() -> ExitCode {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };

    // 1. one Newton system H d = −∇f at x
    let x = SVector::<f64, N>::from_fn(|i, _| (i as f64 * 0.7).sin());
    let (_, gradient) = monodual::gradient(|x| objective(&x), x);
    let hv = |v: &SVector<f64, N>| monodual::hessian_vector_product(|x| objective(&x), x, *v).2;
    let (step_cg, products) = conjugate_gradient(hv, &-gradient, 1e-14);

    let (_, _, hessian) = monodual::hessian(|x| objective(&x), x);
    let Some(cholesky) = hessian.cholesky() else {
        println!("the Hessian is not positive definite");
        return ExitCode::FAILURE;
    };
    let step_direct = cholesky.solve(&-gradient);
    let relative = (step_cg - step_direct).norm() / step_direct.norm();
    println!("Newton step at x by CG on H·v: {products} Hessian-vector products (N = {N})");
    println!("  CG     d[0..4] = {:?}", &step_cg.as_slice()[..4]);
    println!("  direct d[0..4] = {:?}", &step_direct.as_slice()[..4]);
    println!("  relative difference {relative:.2e}");
    check(
        relative < 1e-12,
        "CG on Hessian-vector products equals the Cholesky solve (1e-12)",
    );
    let v = SVector::<f64, N>::from_fn(|i, _| 1.0 / (i as f64 + 1.0));
    check(
        (hv(&v) - hessian * v).norm() < 1e-13 * (hessian * v).norm(),
        "H·v by nested Dual numbers equals the HyperDual Hessian times v",
    );

    // 2. Newton-CG: x ← x + d with H d = −∇f by CG, from x = 0
    let mut x = SVector::<f64, N>::zeros();
    let mut total_products = 0;
    println!("Newton-CG from x = 0:");
    for iteration in 0..20 {
        let (value, gradient) = monodual::gradient(|x| objective(&x), x);
        println!(
            "  {iteration:>2}  f = {value:.16}  |grad f| = {:.3e}",
            gradient.norm()
        );
        if gradient.norm() < 1e-13 {
            break;
        }
        let hv = |v: &SVector<f64, N>| monodual::hessian_vector_product(|x| objective(&x), x, *v).2;
        let (step, products) = conjugate_gradient(hv, &-gradient, 1e-12);
        total_products += products;
        x += step; // f is strictly convex and smooth: full steps converge here
    }
    println!("  {total_products} Hessian-vector products in all");

    let result = newton::minimize(|x| objective(&x), SVector::zeros(), &Options::default());
    let Ok(reference) = result else {
        println!("newton::minimize failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    let difference = (x - reference.x).norm();
    println!(
        "newton::minimize (full Hessian): f = {:.16} after {} iterations; |x_CG - x_newton| = {difference:.2e}",
        reference.value, reference.iterations
    );
    check(
        difference < 1e-12,
        "Newton-CG reaches the minimizer of newton::minimize (1e-12)",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
