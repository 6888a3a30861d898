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

/// Functions of x₀, x₁, x₂ with infinite or undefined derivative parts at
/// the point (0, 2, 0) or from infinite constants.
fn non_finite_cases<S: Scalar, const M: usize>(x: &SVector<S, M>) -> [S; 10] {
    let infinity = S::from_float(f64::INFINITY);
    let not_a_number = S::from_float(f64::NAN);
    let (a, b, c) = (x[0], x[1], x[2]);
    [
        // c·c + x₀ with c = ∞ a constant: the constant's derivatives stay 0
        infinity * infinity + a,
        a.sqrt() * b,
        a.sqrt().exp() + b,
        a.sqrt().atan2(S::from_float(1.0)) * c,
        (a.sqrt() * b).floor() + c * b,
        a.ln() * b + c,
        (S::from_float(1.0) / a) * b,
        a.hypot(c) + b * b,
        b * infinity + a * not_a_number,
        (a * b).sqrt().powi(0) + a.cbrt() * c,
    ]
}

/// Equal, or both NaN (+0 and −0 count as equal).
fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// The value, the gradient and Hessian entries in x₀…x₂ of every case, and
/// whether every other derivative part is exactly 0.
fn parts_at<const M: usize>(case: usize) -> ([f64; 13], bool)
where
    nalgebra::Const<M>: monodual::Packed,
{
    let x = SVector::<f64, M>::from_fn(|i, _| [0.0, 2.0, 0.0].get(i).copied().unwrap_or(0.5));
    let (f, g, h) = monodual::hessian(|v| non_finite_cases(&v)[case], x);
    let mut parts = [f; 13];
    for i in 0..3 {
        parts[1 + i] = g[i];
        for j in 0..3 {
            parts[4 + 3 * i + j] = h[(i, j)];
        }
    }
    let rest_zero = (3..M).all(|i| g[i] == 0.0 && (0..M).all(|j| h[(i, j)] == 0.0));
    (parts, rest_zero)
}

#[test]
fn non_finite_derivatives_do_not_depend_on_n() {
    for case in 0..10 {
        let (reference, _) = parts_at::<3>(case);
        for (n, (parts, rest_zero)) in [
            (8, parts_at::<8>(case)),
            (9, parts_at::<9>(case)),
            (12, parts_at::<12>(case)),
            (33, parts_at::<33>(case)),
        ] {
            assert!(
                reference.iter().zip(&parts).all(|(&a, &b)| same(a, b)),
                "case {case}: N = 3 gives {reference:?}, N = {n} gives {parts:?}"
            );
            assert!(
                rest_zero,
                "case {case}, N = {n}: a part outside x₀…x₂ is not 0"
            );
        }
    }
    // c·c + x₀ with c = ∞: value ∞, gradient e₀, Hessian 0 at every N
    let (parts, _) = parts_at::<9>(0);
    assert_eq!(parts[0], f64::INFINITY);
    assert_eq!(&parts[1..4], &[1.0, 0.0, 0.0]);
    assert!(parts[4..].iter().all(|&h| h == 0.0));
}
