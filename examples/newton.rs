//! Newton's method with exact Hessians: the iteration log of
//! `newton::minimize_with_log` (trust-region Newton) on Rosenbrock's function
//! from (−1.2, 1), then of `newton::solve_with_log` (Powell's dogleg) on a
//! 2×2 system, showing quadratic convergence: near the solution each error
//! is about a constant times the square of the previous one, so the number
//! of correct digits doubles. The column `s/s_N` is the step as a fraction
//! of the Newton step (1: the full Newton step), `mod` marks steps the
//! trust region shaped (a shifted Hessian or a dogleg).
//!
//! Checked against the known solutions; exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example newton`.

use monodual::Scalar;
use monodual::newton::{self, Iterate, Options};
use nalgebra::{SVector, Vector2};
use std::process::ExitCode;

fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
}

/// Where the unit circle meets the parabola y = x².
fn circle_parabola<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
    SVector::<S, 2>::new(x[0] * x[0] + x[1] * x[1] - 1.0, x[1] - x[0] * x[0])
}

/// Prints one iterate: the error `eₖ = ‖xₖ − x*‖` and `eₖ / eₖ₋₁²`, which
/// settles to a constant when convergence is quadratic. Returns `eₖ`.
fn print_iterate(it: &Iterate<f64, 2>, solution: &Vector2<f64>, previous_error: f64) -> f64 {
    let error = (it.x - solution).norm();
    let ratio = if it.iteration > 0 && previous_error < 0.1 && error > 1e-15 {
        format!("{:10.3}", error / (previous_error * previous_error))
    } else {
        format!("{:>10}", "")
    };
    println!(
        "{:>4} {:>23.16e} {:>10.3e} {:>6.4} {:>5} {:>10.3e} {ratio}",
        it.iteration,
        it.value,
        it.residual_norm,
        it.step_length,
        if it.hessian_modified { "yes" } else { "" },
        error,
    );
    error
}

fn main() -> ExitCode {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };

    println!("minimize Rosenbrock's function from (-1.2, 1)");
    println!(
        "{:>4} {:>23} {:>10} {:>6} {:>5} {:>10} {:>10}",
        "k", "f(x)", "|grad f|", "s/s_N", "mod", "|x - x*|", "e/e_prev^2"
    );
    let minimum = Vector2::new(1.0, 1.0);
    let mut previous = f64::INFINITY;
    let mut errors = [f64::NAN; 64];
    let result = newton::minimize_with_log(
        |x| rosenbrock(&x),
        Vector2::new(-1.2, 1.0),
        &Options::default(),
        |it| {
            previous = print_iterate(it, &minimum, previous);
            errors[it.iteration.min(63)] = previous;
        },
    );
    let Ok(min) = result else {
        println!("minimize failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    println!(
        "minimum at ({:.16}, {:.16}), f = {:e}, {} iterations",
        min.x[0], min.x[1], min.value, min.iterations
    );
    check(
        (min.x - minimum).norm() < 1e-14,
        "the minimum is (1, 1) to 1e-14",
    );
    // the last steps above rounding: eₖ ≤ C eₖ₋₁² with a modest C
    let k = min.iterations;
    let quadratic = (k.saturating_sub(3)..k)
        .filter(|&i| errors[i] < 0.1 && errors[i + 1] > 1e-15)
        .all(|i| errors[i + 1] <= 50.0 * errors[i] * errors[i]);
    check(
        quadratic,
        "quadratic convergence: e_k <= 50 e_(k-1)^2 at the end",
    );

    println!();
    println!("solve x^2 + y^2 = 1, y = x^2 from (2, 3)");
    println!(
        "{:>4} {:>23} {:>10} {:>6} {:>5} {:>10} {:>10}",
        "k", "|F|^2/2", "|F|", "s/s_N", "mod", "|x - x*|", "e/e_prev^2"
    );
    let y = (5f64.sqrt() - 1.0) / 2.0;
    let root_exact = Vector2::new(y.sqrt(), y);
    let mut previous = f64::INFINITY;
    let mut errors = [f64::NAN; 64];
    let result = newton::solve_with_log(
        |x| circle_parabola(&x),
        Vector2::new(2.0, 3.0),
        &Options::default(),
        |it| {
            previous = print_iterate(it, &root_exact, previous);
            errors[it.iteration.min(63)] = previous;
        },
    );
    let Ok(root) = result else {
        println!("solve failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    println!(
        "root at ({:.16}, {:.16}), |F| = {:e}, {} iterations",
        root.x[0], root.x[1], root.residual_norm, root.iterations
    );
    check(
        (root.x - root_exact).norm() < 1e-15,
        "the root is (sqrt(y), y), y = (sqrt 5 - 1)/2, to 1e-15",
    );
    // digits double: each error in the quadratic regime is at most 2 e²
    let k = root.iterations;
    let quadratic = (1..k)
        .filter(|&i| errors[i] < 0.1 && errors[i + 1] > 1e-15)
        .all(|i| errors[i + 1] <= 2.0 * errors[i] * errors[i]);
    check(quadratic, "quadratic convergence: e_k <= 2 e_(k-1)^2");

    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
