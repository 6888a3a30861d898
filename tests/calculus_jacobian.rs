//! Section 2 of `reference/matrix-calculus.md`: the Jacobian.
//!
//! For f: Rⁿ → Rᵐ, `monodual::jacobian` returns f(x) and J ∈ Rᵐˣⁿ with
//! Jᵢⱼ = ∂fᵢ/∂xⱼ from one pass on `Dual<f64, N>`. One test per row of the
//! table; the closed forms are written by hand in plain f64. The linear map is
//! checked on tall, wide and square A.

mod common;

use common::{POINTS, Rng, assert_identity, label, sigmoid, softmax};
use monodual::Scalar;
use nalgebra::{SMatrix, SVector};

// The maps under test, written once for every scalar type.

/// f(x) = Ax
fn linear_map<S: Scalar, const M: usize, const N: usize>(
    a: &SMatrix<f64, M, N>,
    x: &SVector<S, N>,
) -> SVector<S, M> {
    a.cast::<S>() * x
}

/// f(x) = σ(x) elementwise, σ(t) = 1 / (1 + e⁻ᵗ)
fn sigmoid_map<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    x.map(|xi| ((-xi).exp() + 1.0).recip())
}

/// f(x) = softmax(x) = exp(x) / Σ exp(xⱼ)
fn softmax_map<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    let e = x.map(|xi| xi.exp());
    e / e.sum()
}

/// f(x) = x ⊙ y for a fixed y
fn hadamard<S: Scalar, const N: usize>(y: &SVector<f64, N>, x: &SVector<S, N>) -> SVector<S, N> {
    x.component_mul(&y.cast::<S>())
}

/// Layer normalization y = (x − μ)/√(v + ε), μ and v the mean and the
/// (biased) variance of the entries of x.
fn layer_norm<S: Scalar, const N: usize>(x: &SVector<S, N>, epsilon: f64) -> SVector<S, N> {
    let mean = x.sum() / N as f64;
    let centered = x.map(|xi| xi - mean);
    let variance = centered.dot(&centered) / N as f64;
    centered / (variance + epsilon).sqrt()
}

// One checker per row, generic over the shape.

fn check_linear_map<const M: usize, const N: usize>() {
    let mut rng = Rng::for_case(201, M, N);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<M, N>(), rng.vector::<N>());
        let at = label(&format!("A is {M}x{N}"), point);
        let (fx, j) = monodual::jacobian(|x| linear_map(&a, &x), x);
        assert_identity("f(x) = Ax", &at, &fx, &(a * x));
        assert_identity("J(Ax) = A", &at, &j, &a);
    }
}

fn check_sigmoid<const N: usize>() {
    let mut rng = Rng::for_case(202, N, N);
    for point in 0..POINTS {
        let x = rng.vector::<N>() * 3.0;
        let at = label(&format!("n = {N}"), point);
        let (fx, j) = monodual::jacobian(|x| sigmoid_map(&x), x);
        let s = x.map(sigmoid);
        // σ'(t) = σ(t)(1 − σ(t))
        let expected = SMatrix::<f64, N, N>::from_diagonal(&s.map(|si| si * (1.0 - si)));
        assert_identity("f(x) = σ(x)", &at, &fx, &s);
        assert_identity("J σ(x) = diag(σ'(x))", &at, &j, &expected);
    }
}

fn check_softmax<const N: usize>() {
    let mut rng = Rng::for_case(203, N, N);
    for point in 0..POINTS {
        let x = rng.vector::<N>() * 3.0;
        let at = label(&format!("n = {N}"), point);
        let (fx, j) = monodual::jacobian(|x| softmax_map(&x), x);
        let s = softmax(&x);
        let expected = SMatrix::<f64, N, N>::from_diagonal(&s) - s * s.transpose();
        assert_identity("f(x) = softmax(x)", &at, &fx, &s);
        assert_identity("J softmax(x) = diag(s) − ssᵀ", &at, &j, &expected);
    }
}

fn check_hadamard<const N: usize>() {
    let mut rng = Rng::for_case(204, N, N);
    for point in 0..POINTS {
        let (x, y) = (rng.vector::<N>(), rng.vector::<N>());
        let at = label(&format!("n = {N}"), point);
        let (fx, j) = monodual::jacobian(|x| hadamard(&y, &x), x);
        assert_identity("f(x) = x ⊙ y", &at, &fx, &x.component_mul(&y));
        assert_identity(
            "J(x ⊙ y) w.r.t. x = diag(y)",
            &at,
            &j,
            &SMatrix::<f64, N, N>::from_diagonal(&y),
        );
    }
}

fn check_layer_norm<const N: usize>() {
    const EPSILON: f64 = 1e-5;
    let mut rng = Rng::for_case(205, N, N);
    for point in 0..POINTS {
        let x = rng.vector::<N>() * 2.0;
        let at = label(&format!("n = {N}"), point);
        let (fx, j) = monodual::jacobian(|x| layer_norm(&x, EPSILON), x);

        let n = N as f64;
        let mean = x.mean();
        let centered = x.add_scalar(-mean);
        let scale = (centered.norm_squared() / n + EPSILON).sqrt();
        let y_hat = centered / scale;
        let ones = SMatrix::<f64, N, N>::from_element(1.0);
        // J = (1/√(v+ε)) (I − 11ᵀ/n − ŷŷᵀ/n)
        let expected =
            (SMatrix::<f64, N, N>::identity() - ones / n - y_hat * y_hat.transpose() / n) / scale;
        assert_identity("layer norm ŷ = (x − μ)/√(v + ε)", &at, &fx, &y_hat);
        assert_identity(
            "J layer norm = (I − 11ᵀ/n − ŷŷᵀ/n)/√(v + ε)",
            &at,
            &j,
            &expected,
        );
    }
}

#[test]
fn jacobian_of_linear_map_is_a() {
    check_linear_map::<2, 3>();
    check_linear_map::<3, 2>();
    check_linear_map::<1, 4>();
    check_linear_map::<4, 6>();
    check_linear_map::<6, 4>();
    check_linear_map::<5, 5>();
    check_linear_map::<7, 2>();
    check_linear_map::<2, 7>();
}

#[test]
fn jacobian_of_elementwise_sigmoid_is_diagonal() {
    check_sigmoid::<2>();
    check_sigmoid::<3>();
    check_sigmoid::<4>();
    check_sigmoid::<5>();
    check_sigmoid::<6>();
}

#[test]
fn jacobian_of_softmax_is_diag_s_minus_s_s_transpose() {
    check_softmax::<2>();
    check_softmax::<3>();
    check_softmax::<4>();
    check_softmax::<5>();
    check_softmax::<6>();
}

#[test]
fn jacobian_of_hadamard_product_is_diag_y() {
    check_hadamard::<2>();
    check_hadamard::<3>();
    check_hadamard::<4>();
    check_hadamard::<5>();
    check_hadamard::<6>();
}

#[test]
fn jacobian_of_layer_norm_matches_closed_form() {
    check_layer_norm::<2>();
    check_layer_norm::<3>();
    check_layer_norm::<4>();
    check_layer_norm::<5>();
    check_layer_norm::<6>();
}
