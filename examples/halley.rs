//! Halley's method with exact derivatives, and a third derivative put to use.
//!
//! Halley's iteration for f(x) = 0,
//!
//!   xₖ₊₁ = xₖ − 2 f f′ / (2 f′² − f f″),
//!
//! converges at third order: near the root each error is about a constant
//! times the cube of the previous one, so the number of correct digits
//! triples. f, f′ and f″ come exact from one pass of
//! `monodual::second_derivative`. The example solves Kepler's equation
//! E − e sin E = M and Wallis's cubic x³ − 2x − 5 = 0, prints the errors
//! and the order estimates pₖ = ln(eₖ₊₁/eₖ) / ln(eₖ/eₖ₋₁), and checks them.
//!
//! Then it checks a third derivative from `monodual::third_derivative`:
//! the derivative of the curvature of a curve y = f(x),
//!
//!   κ = f″ / (1 + f′²)^{3/2},  κ′ = f‴ / (1 + f′²)^{3/2} − 3 f′ f″² / (1 + f′²)^{5/2},
//!
//! for the catenary y = cosh x, where κ = 1/cosh²x and κ′ = −2 sinh x / cosh³x.
//!
//! Exits non-zero if a check fails. Run with `cargo run --release --example halley`.

use monodual::Scalar;
use std::process::ExitCode;

/// Halley's iterates from `x0`, stopping when f(x) = 0 or the step is
/// below one ulp-ish of x, at most `max_steps` steps.
fn halley<F>(f: F, x0: f64, max_steps: usize) -> Vec<f64>
where
    F: Fn(monodual::HyperDual<f64, 1>) -> monodual::HyperDual<f64, 1>,
{
    let mut iterates = vec![x0];
    let mut x = x0;
    for _ in 0..max_steps {
        let (fx, d1, d2) = monodual::second_derivative(&f, x);
        if fx == 0.0 {
            break;
        }
        // xₖ₊₁ = xₖ − 2 f f′ / (2 f′² − f f″)
        let step = 2.0 * fx * d1 / (2.0 * d1 * d1 - fx * d2);
        x -= step;
        iterates.push(x);
        if step.abs() <= 4.0 * f64::EPSILON * x.abs() {
            break;
        }
    }
    iterates
}

/// Kepler's equation at eccentricity 0.9 and mean anomaly 0.4.
fn kepler<S: Scalar>(e: S) -> S {
    e - e.sin() * 0.9 - 0.4
}

/// x = cos x (the Dottie number).
fn dottie<S: Scalar>(x: S) -> S {
    x.cos() - x
}

/// Wallis's cubic.
fn wallis<S: Scalar>(x: S) -> S {
    x * x * x - x * 2.0 - 5.0
}

/// Prints the errors against the last iterate and returns the order
/// estimates in the asymptotic regime: where the previous error is below
/// 0.1 (farther out the constant of eₖ₊₁ ≈ C eₖ³ is not yet settled) and
/// the error is above the rounding level.
fn report(name: &str, iterates: &[f64]) -> Vec<f64> {
    let root = *iterates.last().expect("at least one iterate");
    let errors: Vec<f64> = iterates.iter().map(|x| (x - root).abs()).collect();
    println!("{name}: root {root:.17}");
    let mut orders = Vec::new();
    for (k, e) in errors.iter().enumerate() {
        let order = if k >= 2 && errors[k - 1] < 0.1 && errors[k] > 1e-13 {
            let p = (errors[k] / errors[k - 1]).ln() / (errors[k - 1] / errors[k - 2]).ln();
            orders.push(p);
            format!("order {p:.2}")
        } else {
            String::new()
        };
        println!(
            "  step {k}: x = {:.17}  error {e:9.2e}  {order}",
            iterates[k]
        );
    }
    orders
}

fn main() -> ExitCode {
    let mut ok = true;

    let kepler_iterates = halley(kepler, 0.4, 20);
    let wallis_iterates = halley(wallis, 3.5, 20);
    let mut orders = report("Kepler E − 0.9 sin E = 0.4", &kepler_iterates);
    orders.extend(report("Wallis x³ − 2x − 5 = 0", &wallis_iterates));
    let dottie_iterates = halley(dottie, 1.5, 20);
    orders.extend(report("cos x = x", &dottie_iterates));
    let dottie_root = *dottie_iterates.last().unwrap();
    if (dottie_root - 0.739_085_133_215_160_6).abs() > 2e-16 {
        eprintln!("FAILED: the root of cos x = x is {dottie_root}");
        ok = false;
    }

    // residuals at the roots, and the order of convergence
    let kepler_root = *kepler_iterates.last().unwrap();
    let wallis_root = *wallis_iterates.last().unwrap();
    if kepler(kepler_root).abs() > 1e-15 || wallis(wallis_root).abs() > 1e-13 {
        eprintln!(
            "FAILED: residuals {:e}, {:e}",
            kepler(kepler_root),
            wallis(wallis_root)
        );
        ok = false;
    }
    // Wallis's root to 17 digits (the real root of x³ − 2x − 5)
    if (wallis_root - 2.094_551_481_542_326_5).abs() > 4e-16 {
        eprintln!("FAILED: Wallis's root {wallis_root}");
        ok = false;
    }
    println!("order estimates: {orders:.2?}");
    if orders.len() < 3 || orders.iter().any(|&p| p < 2.7) {
        eprintln!("FAILED: expected at least three order estimates, each ≥ 2.7");
        ok = false;
    }

    // κ′ of the catenary from f′, f″, f‴ in one pass
    println!("curvature of y = cosh x and its derivative:");
    for x in [-1.5f64, -0.3, 0.0, 0.7, 2.0] {
        let (_, d1, d2, d3) = monodual::third_derivative(|t| t.cosh(), x);
        let w = 1.0 + d1 * d1;
        let kappa = d2 / w.powf(1.5);
        let kappa_prime = d3 / w.powf(1.5) - 3.0 * d1 * d2 * d2 / w.powf(2.5);
        let closed = -2.0 * f64::sinh(x) / f64::cosh(x).powi(3);
        println!(
            "  x = {x:5.2}: κ = {kappa:.15}, κ′ = {kappa_prime:+.15} (closed form {closed:+.15})"
        );
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-14 * b.abs().max(1.0);
        if !close(kappa, 1.0 / f64::cosh(x).powi(2)) || !close(kappa_prime, closed) {
            eprintln!("FAILED: curvature at x = {x}");
            ok = false;
        }
    }

    if ok {
        println!("all checks passed");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
