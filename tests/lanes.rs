//! `HyperDual` above N = 8 tracks the range of variables each number
//! depends on and skips the rest. These tests compare its Hessians, for
//! functions whose terms touch few variables, many, or all, with the full
//! Hessian from `Dual<Dual<f64, N>, N>`, which computes every entry with no
//! such bookkeeping.

use approx::assert_relative_eq;
use monodual::{Dual, HyperDual, Scalar};
use nalgebra::SVector;

const N: usize = 12;

/// Sparse terms (pairs, a window of three, a constant-only term), one
/// variable-range union of distant variables, and a dense coupling.
fn mixed<S: Scalar>(x: &SVector<S, N>) -> S {
    let mut sum = S::from_float(0.5); // a constant: no variables
    for k in 0..N / 2 {
        let (a, b) = (x[2 * k], x[2 * k + 1]);
        sum += (b - a * a).powi(2) * 10.0 + (a - 1.0).powi(2);
    }
    for i in 3..6 {
        sum += (x[i] * x[i + 1]).sin() / (x[i + 2] * x[i + 2] + 1.0);
    }
    // two far-apart variables combined: the range spans the middle
    sum += x[1].atan2(x[10] + 3.0) * x[1].hypot(x[10]);
    sum += x[11].exp().max(x[0]) - x[7].min(x[2] * 0.5);
    let constant = S::from_float(2.0).sqrt() * 3.0; // derivatives stay 0
    sum += constant * x[9] / (x[8] * x[8] + 2.0);
    // a dense term over all variables
    let norm2 = x.iter().fold(S::zero(), |acc, &xi| acc + xi * xi);
    sum + (norm2 + 1.0).ln() * 0.1
}

/// Only the last few variables: every number's range is at the far end.
fn tail_only<S: Scalar>(x: &SVector<S, N>) -> S {
    let (a, b, c) = (x[N - 3], x[N - 2], x[N - 1]);
    (a * b * c).cos() + (a - b).powi(3) / (c * c + 1.0) + b.sqrt()
}

fn full_hessian(
    f: impl Fn(&SVector<Dual<Dual<f64, N>, N>, N>) -> Dual<Dual<f64, N>, N>,
    x: SVector<f64, N>,
) -> (f64, SVector<f64, N>, nalgebra::SMatrix<f64, N, N>) {
    let seeded: SVector<Dual<Dual<f64, N>, N>, N> = SVector::from_fn(|i, _| {
        let mut outer = SVector::<Dual<f64, N>, N>::zeros();
        outer[i] = Dual::constant(1.0);
        Dual::new(Dual::variable(x[i], i), outer)
    });
    let y = f(&seeded);
    let h = nalgebra::SMatrix::from_fn(|i, j| y.gradient()[i].gradient()[j]);
    (y.value().value(), y.value().gradient(), h)
}

fn check(
    name: &str,
    hyper: impl Fn(&SVector<HyperDual<f64, N>, N>) -> HyperDual<f64, N>,
    nested: impl Fn(&SVector<Dual<Dual<f64, N>, N>, N>) -> Dual<Dual<f64, N>, N>,
) {
    for shift in [0.0, 0.37, -0.81] {
        let x =
            SVector::<f64, N>::from_fn(|i, _| 0.4 + 0.3 * ((i as f64) * 1.7 + shift).sin().abs());
        let (f, g, h) = monodual::hessian(|v| hyper(&v), x);
        let (f_full, g_full, h_full) = full_hessian(&nested, x);
        assert_eq!(f, f_full, "{name}: value");
        assert_relative_eq!(g, g_full, max_relative = 1e-13, epsilon = 1e-15);
        assert_relative_eq!(h, h_full, max_relative = 1e-12, epsilon = 1e-14);
        assert_eq!(h, h.transpose(), "{name}: Hessian not symmetric");
    }
}

#[test]
fn mixed_sparse_and_dense_terms() {
    check("mixed", mixed, mixed);
}

#[test]
fn variables_at_the_far_end_only() {
    check("tail", tail_only, tail_only);
}

#[test]
fn rows_and_columns_outside_the_range_are_exactly_zero() {
    let x = SVector::<f64, N>::from_fn(|i, _| 0.5 + 0.1 * i as f64);
    let (_, g, h) = monodual::hessian(|v| tail_only(&v), x);
    for i in 0..N - 3 {
        assert_eq!(g[i], 0.0);
        for j in 0..N {
            assert_eq!(h[(i, j)], 0.0, "entry ({i}, {j})");
        }
    }
    assert!(h[(N - 1, N - 2)] != 0.0);
}
