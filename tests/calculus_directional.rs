//! Section 6 of `reference/matrix-calculus.md`: the directional derivative
//! and the differential.
//!
//! `monodual::directional_derivative` seeds one direction v and returns
//! D_v f(x) = ∇f(x)ᵀv from a single pass. The tests check it against ∇fᵀv
//! (closed form, and `gradient`), against its definition as a limit, the
//! steepest-ascent property (over unit v the largest value is ‖∇f‖, attained
//! at v = ∇f/‖∇f‖), and the differential's chain rule dz = ∇g(y)ᵀ J_f dx.

mod common;

use common::{POINTS, Rng, TOL, assert_identity, assert_scalar, label, softmax};
use monodual::Scalar;
use nalgebra::{SMatrix, SVector};

/// f(x) = log Σ exp(Bx) + ½xᵀAx
fn smooth<S: Scalar, const M: usize, const N: usize>(
    b: &SMatrix<f64, M, N>,
    a: &SMatrix<f64, N, N>,
    x: &SVector<S, N>,
) -> S {
    let e = (b.cast::<S>() * x).map(|t| t.exp());
    e.sum().ln() + x.dot(&(a.cast::<S>() * x)) * 0.5
}

/// ∇f = Bᵀ softmax(Bx) + ½(A + Aᵀ)x, by hand.
fn smooth_gradient<const M: usize, const N: usize>(
    b: &SMatrix<f64, M, N>,
    a: &SMatrix<f64, N, N>,
    x: &SVector<f64, N>,
) -> SVector<f64, N> {
    b.transpose() * softmax(&(b * x)) + (a + a.transpose()) * x * 0.5
}

/// y = f(x) = tanh(Ax): Rᴺ → Rᴷ
fn inner<S: Scalar, const K: usize, const N: usize>(
    a: &SMatrix<f64, K, N>,
    x: &SVector<S, N>,
) -> SVector<S, K> {
    (a.cast::<S>() * x).map(|t| t.tanh())
}

/// z = g(y) = log Σ exp(y)
fn log_sum_exp<S: Scalar, const K: usize>(y: &SVector<S, K>) -> S {
    y.map(|t| t.exp()).sum().ln()
}

fn check_directional<const M: usize, const N: usize>() {
    let mut rng = Rng::for_case(601, M, N);
    for point in 0..POINTS {
        let (b, a) = (rng.matrix::<M, N>(), rng.matrix::<N, N>());
        let x = rng.vector::<N>();
        let at = label(&format!("n = {N}, B is {M}x{N}"), point);
        let f = |y: &SVector<f64, N>| smooth(&b, &a, y);
        let gradient = smooth_gradient(&b, &a, &x);
        let (_, ad_gradient) = monodual::gradient(|x| smooth(&b, &a, &x), x);
        for _ in 0..3 {
            let v = rng.vector::<N>() * 2.0;
            let (fx, dv) = monodual::directional_derivative(|x| smooth(&b, &a, &x), x, v);
            assert_scalar("f(x) from directional_derivative", &at, fx, f(&x));
            assert_scalar("D_v f = ∇fᵀv (closed-form ∇f)", &at, dv, gradient.dot(&v));
            assert_scalar("D_v f = ∇fᵀv (gradient())", &at, dv, ad_gradient.dot(&v));

            // The definition: (f(x + tv) − f(x))/t → D_v f as t → 0; the
            // error is O(t) (plus rounding of order ε/t).
            let quotient = |t: f64| (f(&(x + v * t)) - fx) / t;
            for (t, tolerance) in [(1e-4, 1e-3), (1e-6, 1e-5)] {
                let error = (quotient(t) - dv).abs();
                assert!(
                    error <= tolerance * dv.abs().max(1.0),
                    "D_v f is not the limit of (f(x + tv) − f(x))/t at {at}: \
                     error {error:e} at t = {t:e}"
                );
            }
        }
    }
}

fn check_steepest_ascent<const M: usize, const N: usize>() {
    let mut rng = Rng::for_case(602, M, N);
    for point in 0..POINTS {
        let (b, a) = (rng.matrix::<M, N>(), rng.matrix::<N, N>());
        let x = rng.vector::<N>();
        let at = label(&format!("n = {N}, B is {M}x{N}"), point);
        let (_, g) = monodual::gradient(|x| smooth(&b, &a, &x), x);
        let steepest = g / g.norm();
        let (_, largest) = monodual::directional_derivative(|x| smooth(&b, &a, &x), x, steepest);
        assert_scalar(
            "max over unit v of D_v f = ‖∇f‖, at v = ∇f/‖∇f‖",
            &at,
            largest,
            g.norm(),
        );
        assert_scalar(
            "‖∇f‖ (closed form)",
            &at,
            g.norm(),
            smooth_gradient(&b, &a, &x).norm(),
        );
        for _ in 0..20 {
            let v = rng.unit_vector::<N>();
            let (_, dv) = monodual::directional_derivative(|x| smooth(&b, &a, &x), x, v);
            assert!(
                dv <= g.norm() * (1.0 + TOL),
                "a unit direction exceeds ‖∇f‖ at {at}: D_v f = {dv}, ‖∇f‖ = {}",
                g.norm()
            );
        }
    }
}

fn check_differential_chain<const K: usize, const N: usize>() {
    let mut rng = Rng::for_case(603, K, N);
    for point in 0..POINTS {
        let a = rng.matrix::<K, N>() * 2.0;
        let x = rng.vector::<N>();
        let dx = rng.vector::<N>();
        let at = label(&format!("f: R{N} → R{K}, g: R{K} → R"), point);

        // dz along dx in one pass, through the composition.
        let (z, dz) = monodual::directional_derivative(|x| log_sum_exp(&inner(&a, &x)), x, dx);
        // dy = J_f dx, then dz = ∇g(y)ᵀdy, each factor from monodual.
        let (y, j_f) = monodual::jacobian(|x| inner(&a, &x), x);
        let (z_y, grad_g) = monodual::gradient(|y| log_sum_exp(&y), y);
        assert_scalar("z = g(f(x))", &at, z, z_y);
        assert_scalar("dz = ∇g(y)ᵀ(J_f dx)", &at, dz, grad_g.dot(&(j_f * dx)));
        // And by hand: J_f = diag(1 − y²)A, ∇g = softmax(y).
        let y_closed = (a * x).map(f64::tanh);
        let dy_closed = (a * dx).component_mul(&y_closed.map(|t| 1.0 - t * t));
        assert_identity(
            "dy = J_f dx = diag(1 − y²) A dx",
            &at,
            &(j_f * dx),
            &dy_closed,
        );
        assert_scalar(
            "dz = softmax(y)ᵀ dy",
            &at,
            dz,
            softmax(&y_closed).dot(&dy_closed),
        );
    }
}

#[test]
fn directional_derivative_is_gradient_dot_direction() {
    check_directional::<3, 2>();
    check_directional::<2, 3>();
    check_directional::<4, 4>();
    check_directional::<7, 5>();
    check_directional::<3, 6>();
}

#[test]
fn largest_directional_derivative_is_gradient_norm_along_gradient() {
    check_steepest_ascent::<3, 2>();
    check_steepest_ascent::<2, 3>();
    check_steepest_ascent::<4, 4>();
    check_steepest_ascent::<7, 5>();
    check_steepest_ascent::<3, 6>();
}

#[test]
fn differential_composes_by_chain_rule() {
    check_differential_chain::<3, 2>();
    check_differential_chain::<2, 3>();
    check_differential_chain::<5, 4>();
    check_differential_chain::<4, 6>();
    check_differential_chain::<6, 5>();
}
