//! A Taylor-series integrator for ODEs y′ = f(t, y), checked against
//! closed-form solutions.
//!
//! The Taylor coefficients of the solution through (t₀, y₀) come from
//! repeated evaluation of f on `Taylor` numbers: if y₀ … yₖ are known, the
//! coefficient of tᵏ in f(t₀ + t, y(t)) is (k + 1) y_{k+1}, and it depends
//! on y₀ … yₖ only. K − 1 evaluations give the order-(K − 1) polynomial, and
//! a step is that polynomial at the step size h.
//!
//! Three problems, each asserted (the example exits non-zero on failure):
//! - y′ = y², y(0) = 1, solution 1/(1 − t): the error of one step by order,
//!   against the geometric tail h^{p+1}/(1 − h) that bounds it;
//! - y′ = −2ty, y(0) = 1, solution e^{−t²}: integrated to t = 3 in steps of
//!   0.25, the error at t = 3 by order;
//! - the pendulum θ″ = −sin θ: energy ½ω² − cos θ conserved over 200 steps.

use monodual::Taylor;
use nalgebra::{SVector, Vector1, Vector2};

/// The Taylor coefficients y₀ … y_{K−1} of the solution of y′ = f(t, y)
/// through (t₀, y₀).
fn solution_series<const N: usize, const K: usize>(
    f: impl Fn(Taylor<f64, K>, SVector<Taylor<f64, K>, N>) -> SVector<Taylor<f64, K>, N>,
    t0: f64,
    y0: SVector<f64, N>,
) -> SVector<Taylor<f64, K>, N> {
    let t = Taylor::variable(t0);
    let mut y = y0.map(Taylor::constant);
    for k in 0..K - 1 {
        // (k + 1) y_{k+1} = [tᵏ] f(t₀ + t, y(t))
        let slope = f(t, y);
        for i in 0..N {
            let mut c = y[i].coefficients();
            c[k + 1] = slope[i].coefficients()[k] / (k + 1) as f64;
            y[i] = Taylor::new(c);
        }
    }
    y
}

/// The partial sum Σ_{k ≤ order} yₖ hᵏ of each component.
fn step<const N: usize, const K: usize>(
    y: &SVector<Taylor<f64, K>, N>,
    h: f64,
    order: usize,
) -> SVector<f64, N> {
    y.map(|yi| {
        let c = yi.coefficients();
        c[..=order].iter().rev().fold(0.0, |sum, &ck| sum * h + ck)
    })
}

/// Integrates y′ = f(t, y) from t₀ in `steps` steps of size h, each with the
/// series truncated at `order` (≤ K − 1).
fn integrate<const N: usize, const K: usize>(
    f: impl Fn(Taylor<f64, K>, SVector<Taylor<f64, K>, N>) -> SVector<Taylor<f64, K>, N> + Copy,
    t0: f64,
    y0: SVector<f64, N>,
    h: f64,
    steps: usize,
    order: usize,
) -> SVector<f64, N> {
    let mut y = y0;
    for n in 0..steps {
        let series = solution_series(f, t0 + n as f64 * h, y);
        y = step(&series, h, order);
    }
    y
}

fn main() {
    let mut failures = 0;
    let mut check = |ok: bool, what: String| {
        if !ok {
            eprintln!("FAILED: {what}");
            failures += 1;
        }
    };

    // ------------------------------------------------ y′ = y², y(0) = 1
    println!("y' = y^2, y(0) = 1, y = 1/(1 - t): one step of h = 0.1");
    println!("{:>6} {:>12} {:>12}", "order", "error", "tail bound");
    let h = 0.1;
    let series = solution_series::<1, 21>(|_, y| y.component_mul(&y), 0.0, Vector1::new(1.0));
    // the coefficients are exactly 1: y = Σ tᵏ
    let worst = series[0]
        .coefficients()
        .iter()
        .fold(0.0f64, |m, c| m.max((c - 1.0).abs()));
    check(
        worst == 0.0,
        format!("y' = y^2: coefficients differ from 1 by {worst:e}"),
    );
    let exact = 1.0 / (1.0 - h);
    for order in 1..=20 {
        let error = (step(&series, h, order)[0] - exact).abs();
        // 1/(1 − h) − Σ_{k ≤ p} hᵏ = h^{p+1}/(1 − h)
        let tail = h.powi(order as i32 + 1) / (1.0 - h);
        println!("{order:>6} {error:>12.3e} {tail:>12.3e}");
        check(
            (error - tail).abs() <= 4.0 * f64::EPSILON * exact,
            format!("y' = y^2, order {order}: error {error:e}, tail {tail:e}"),
        );
    }

    // ---------------------------------------------- y′ = −2ty, y(0) = 1
    println!("\ny' = -2ty, y(0) = 1, y = exp(-t^2): 12 steps of 0.25 to t = 3");
    println!("{:>6} {:>14}", "order", "rel. error");
    let decay = |t: Taylor<f64, 21>, y: Vector1<Taylor<f64, 21>>| y * (t * -2.0);
    // The coefficients at t₀: e^{−(t₀+s)²} = e^{−t₀²} Σ Hₖ(−t₀) sᵏ/k!, with the
    // Hermite polynomials H₀ = 1, H₁ = 2x, H_{k+1} = 2x Hₖ − 2k H_{k−1}
    let t0 = 0.5;
    let series = solution_series(decay, t0, Vector1::new((-t0 * t0).exp()))[0].coefficients();
    let (mut hermite, mut previous_hermite, mut factorial) = (1.0, 0.0, 1.0);
    let mut worst = 0.0f64;
    for (k, &ck) in series.iter().enumerate() {
        let expected = (-t0 * t0).exp() * hermite / factorial;
        worst = worst.max(((ck - expected) / expected).abs());
        let next = 2.0 * -t0 * hermite - 2.0 * k as f64 * previous_hermite;
        (previous_hermite, hermite) = (hermite, next);
        factorial *= (k + 1) as f64;
    }
    println!("coefficients c0..c20 at t0 = {t0} against Hermite: max rel. error {worst:.3e}");
    check(
        worst < 1e-13,
        format!("y' = -2ty: coefficient error {worst:e}"),
    );
    let exact = (-9.0f64).exp();
    let mut previous = f64::INFINITY;
    for order in [2, 4, 6, 8, 10, 12, 14, 16, 18, 20] {
        let y = integrate(decay, 0.0, Vector1::new(1.0), 0.25, 12, order)[0];
        let error = ((y - exact) / exact).abs();
        println!("{order:>6} {error:>14.3e}");
        check(
            error < previous || error < 1e-13,
            format!("y' = -2ty: the error at order {order} ({error:e}) did not fall"),
        );
        previous = error;
    }
    check(
        previous < 1e-13,
        format!("y' = -2ty: order 20 error {previous:e}"),
    );

    // --------------------------------------------- pendulum θ″ = −sin θ
    println!("\npendulum theta'' = -sin(theta), theta(0) = 2, omega(0) = 0: 200 steps of 0.1");
    let pendulum =
        |_: Taylor<f64, 21>, y: Vector2<Taylor<f64, 21>>| Vector2::new(y[1], -y[0].sin());
    let energy = |y: Vector2<f64>| 0.5 * y[1] * y[1] - y[0].cos();
    let start = Vector2::new(2.0, 0.0);
    for order in [4, 8, 12, 16, 20] {
        let end = integrate(pendulum, 0.0, start, 0.1, 200, order);
        let drift = ((energy(end) - energy(start)) / energy(start)).abs();
        println!("order {order:>2}: relative energy drift {drift:.3e}");
        if order == 20 {
            check(drift < 1e-13, format!("pendulum: energy drift {drift:e}"));
        }
    }

    if failures > 0 {
        eprintln!("{failures} check(s) failed");
        std::process::exit(1);
    }
    println!("\nall checks passed");
}
