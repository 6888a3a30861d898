//! Section 4 of `reference/matrix-calculus.md`: the chain rule for matrices.
//!
//! For f = g ∘ h, J_f(x) = J_g(h(x)) · J_h(x); for a scalar loss,
//! ∇ₓL = J_hᵀ ∇_h L (backpropagation). For a linear layer y = Wx + b with
//! upstream gradient δ = ∂L/∂y: ∂L/∂W = δxᵀ, ∂L/∂x = Wᵀδ, ∂L/∂b = δ. Forward
//! mode differentiates the composition in one pass; each test compares that
//! with the product of the factors' Jacobians (also from monodual) and with
//! closed forms written by hand in plain f64. Shapes are non-square
//! throughout: x ∈ Rᴺ, h(x) ∈ Rᴷ, g(h(x)) ∈ Rᴹ.

mod common;

use common::{POINTS, Rng, assert_identity, assert_scalar, label, softmax};
use monodual::MatrixLanes;
use monodual::Scalar;
use nalgebra::{Const, SMatrix, SVector};

// The maps under test, written once for every scalar type.

/// h(x) = tanh(Ax + b), elementwise: Rᴺ → Rᴷ
fn hidden<S: Scalar, const K: usize, const N: usize>(
    a: &SMatrix<f64, K, N>,
    b: &SVector<f64, K>,
    x: &SVector<S, N>,
) -> SVector<S, K> {
    (a.cast::<S>() * x + b.cast::<S>()).map(|t| t.tanh())
}

/// g(y) = softmax(Cy): Rᴷ → Rᴹ
fn output<S: Scalar, const M: usize, const K: usize>(
    c: &SMatrix<f64, M, K>,
    y: &SVector<S, K>,
) -> SVector<S, M> {
    let e = (c.cast::<S>() * y).map(|t| t.exp());
    e / e.sum()
}

/// ℓ(y) = log Σ exp(yᵢ)
fn log_sum_exp<S: Scalar, const K: usize>(y: &SVector<S, K>) -> S {
    y.map(|t| t.exp()).sum().ln()
}

/// The loss of a linear layer, L = ℓ(Wx + b) with ℓ(y) = log Σ exp(y) + ½‖y − t‖²,
/// generic in all of W, x and b so each can be the variable.
fn layer_loss<S: Scalar, const M: usize, const N: usize>(
    w: &SMatrix<S, M, N>,
    x: &SVector<S, N>,
    b: &SVector<S, M>,
    target: &SVector<f64, M>,
) -> S {
    let y = w * x + b;
    let miss = y - target.cast::<S>();
    log_sum_exp(&y) + miss.dot(&miss) * 0.5
}

/// J_h = diag(1 − h²) A, the closed form for h = tanh(Ax + b).
fn hidden_jacobian<const K: usize, const N: usize>(
    a: &SMatrix<f64, K, N>,
    h: &SVector<f64, K>,
) -> SMatrix<f64, K, N> {
    SMatrix::<f64, K, K>::from_diagonal(&h.map(|t| 1.0 - t * t)) * a
}

fn check_composition<const M: usize, const K: usize, const N: usize>() {
    let mut rng = Rng::for_case(401, M * 16 + K, N);
    for point in 0..POINTS {
        let (a, b) = (rng.matrix::<K, N>(), rng.vector::<K>());
        let c = rng.matrix::<M, K>() * 2.0;
        let x = rng.vector::<N>();
        let at = label(&format!("g: R{K} → R{M}, h: R{N} → R{K}"), point);

        let (fx, j_f) = monodual::jacobian(|x| output(&c, &hidden(&a, &b, &x)), x);
        let (hx, j_h) = monodual::jacobian(|x| hidden(&a, &b, &x), x);
        let (ghx, j_g) = monodual::jacobian(|y| output(&c, &y), hx);
        assert_identity("(g ∘ h)(x) = g(h(x))", &at, &fx, &ghx);
        assert_identity("J_{g∘h}(x) = J_g(h(x)) · J_h(x)", &at, &j_f, &(j_g * j_h));

        // And against the closed forms J_h = diag(1 − h²)A, J_g = (diag(s) − ssᵀ)C.
        let h = (a * x + b).map(f64::tanh);
        let s = softmax(&(c * h));
        let j_g_closed = (SMatrix::<f64, M, M>::from_diagonal(&s) - s * s.transpose()) * c;
        let j_h_closed = hidden_jacobian(&a, &h);
        assert_identity("J_h = diag(1 − h²)A", &at, &j_h, &j_h_closed);
        assert_identity("J_g = (diag(s) − ssᵀ)C", &at, &j_g, &j_g_closed);
        assert_identity(
            "J_{g∘h} = (diag(s) − ssᵀ) C diag(1 − h²) A",
            &at,
            &j_f,
            &(j_g_closed * j_h_closed),
        );
    }
}

fn check_backpropagation<const K: usize, const N: usize>() {
    let mut rng = Rng::for_case(402, K, N);
    for point in 0..POINTS {
        let (a, b) = (rng.matrix::<K, N>() * 2.0, rng.vector::<K>());
        let x = rng.vector::<N>();
        let at = label(&format!("h: R{N} → R{K}"), point);

        let (loss, grad_x) = monodual::gradient(|x| log_sum_exp(&hidden(&a, &b, &x)), x);
        let (hx, j_h) = monodual::jacobian(|x| hidden(&a, &b, &x), x);
        let (loss_h, grad_h) = monodual::gradient(|y| log_sum_exp(&y), hx);
        assert_scalar("L(x) = ℓ(h(x))", &at, loss, loss_h);
        assert_identity(
            "∇ₓL = J_hᵀ ∇_h L",
            &at,
            &grad_x,
            &(j_h.transpose() * grad_h),
        );
        let h = (a * x + b).map(f64::tanh);
        assert_identity(
            "∇ₓL = Aᵀ diag(1 − h²) softmax(h)",
            &at,
            &grad_x,
            &(hidden_jacobian(&a, &h).transpose() * softmax(&h)),
        );
    }
}

fn check_linear_layer<const M: usize, const N: usize, const L: usize>()
where
    Const<M>: MatrixLanes<N, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(403, M, N);
    for point in 0..POINTS {
        let w = rng.matrix::<M, N>();
        let (x, b, target) = (rng.vector::<N>(), rng.vector::<M>(), rng.vector::<M>());
        let at = label(&format!("W is {M}x{N}"), point);

        // The upstream gradient δ = ∂ℓ/∂y = softmax(y) + y − t, by hand.
        let y = w * x + b;
        let delta = softmax(&y) + y - target;

        let (loss, grad_w) =
            monodual::matrix_gradient(|w| layer_loss(&w, &x.cast(), &b.cast(), &target), w);
        let (_, grad_x) = monodual::gradient(|x| layer_loss(&w.cast(), &x, &b.cast(), &target), x);
        let (_, grad_b) = monodual::gradient(|b| layer_loss(&w.cast(), &x.cast(), &b, &target), b);
        let miss = y - target;
        let closed_loss = y.map(f64::exp).sum().ln() + 0.5 * miss.norm_squared();
        assert_scalar("L = ℓ(Wx + b)", &at, loss, closed_loss);
        assert_identity("∂L/∂W = δxᵀ", &at, &grad_w, &(delta * x.transpose()));
        assert_identity("∂L/∂x = Wᵀδ", &at, &grad_x, &(w.transpose() * delta));
        assert_identity("∂L/∂b = δ", &at, &grad_b, &delta);
    }
}

#[test]
fn jacobian_of_composition_is_product_of_jacobians() {
    check_composition::<2, 3, 4>();
    check_composition::<4, 3, 2>();
    check_composition::<3, 5, 6>();
    check_composition::<6, 2, 5>();
    check_composition::<5, 6, 3>();
    check_composition::<1, 4, 2>();
}

#[test]
fn backpropagation_gradient_is_jacobian_transpose_times_upstream() {
    check_backpropagation::<3, 2>();
    check_backpropagation::<2, 3>();
    check_backpropagation::<5, 4>();
    check_backpropagation::<4, 6>();
    check_backpropagation::<6, 5>();
}

#[test]
fn linear_layer_gradients_are_outer_product_transpose_and_delta() {
    check_linear_layer::<2, 3, _>();
    check_linear_layer::<3, 2, _>();
    check_linear_layer::<4, 4, _>();
    check_linear_layer::<2, 6, _>();
    check_linear_layer::<6, 5, _>();
    check_linear_layer::<1, 4, _>();
}
