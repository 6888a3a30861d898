//! Taylor mode: order-20 coefficients against closed forms written here
//! independently; every elementary function against `second_derivative`
//! (orders 1 and 2), against finite differences of its own lower-order
//! coefficients and against a nested `Dual` (every order); the edge-case
//! convention; the traits generic code uses; f32.

mod closed_forms;
mod edge_cases;
mod functions;
mod precision;
mod traits;

/// Relative tolerance of the closed forms at order 20.
const ORDER_20_TOL: f64 = 1e-13;

/// `got` within `tol` of `expected`, relative to |expected| (absolute below 1).
fn close(got: f64, expected: f64, tol: f64) -> bool {
    (got - expected).abs() <= tol * expected.abs().max(1.0)
}

/// Strictly relative: |got − expected| ≤ tol |expected|.
fn assert_relative(case: &str, k: usize, got: f64, expected: f64, tol: f64) {
    assert!(
        (got - expected).abs() <= tol * expected.abs(),
        "{case}: c{k} = {got:e}, closed form {expected:e}, relative error {:e}",
        ((got - expected) / expected).abs()
    );
}

fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

/// binom(r, k) = r(r − 1)⋯(r − k + 1)/k!
fn binomial(r: f64, k: usize) -> f64 {
    (0..k).map(|i| (r - i as f64) / (i + 1) as f64).product()
}

/// The same number, or both NaN (signs of zeros aside).
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}
