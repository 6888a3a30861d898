//! Section 1 of `reference/matrix-calculus.md`: the gradient of a scalar function.
//!
//! One test per row of the table, then the normal equation below it. Each
//! function is written once, generic over `S: Scalar`; `monodual::gradient`
//! runs it on `Dual<f64, N>` and the result is compared with the closed form,
//! written by hand in plain f64, at several seeded random points for
//! n = 2..=6 (and tall and wide A for ‖Ax − b‖²).

mod common;

use common::{POINTS, Rng, TOL, assert_identity, assert_scalar, label, sigmoid, softmax};
use monodual::Scalar;
use nalgebra::{SMatrix, SVector};

// The functions under test, written once for every scalar type.

/// f(x) = aᵀx
fn linear_form<S: Scalar, const N: usize>(a: &SVector<f64, N>, x: &SVector<S, N>) -> S {
    a.cast::<S>().dot(x)
}

/// f(x) = xᵀx = ‖x‖²
fn squared_norm<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.dot(x)
}

/// f(x) = xᵀAx
fn quadratic_form<S: Scalar, const N: usize>(a: &SMatrix<f64, N, N>, x: &SVector<S, N>) -> S {
    x.dot(&(a.cast::<S>() * x))
}

/// f(x) = ‖Ax − b‖², the least-squares objective.
fn squared_residual<S: Scalar, const M: usize, const N: usize>(
    a: &SMatrix<f64, M, N>,
    b: &SVector<f64, M>,
    x: &SVector<S, N>,
) -> S {
    let r = a.cast::<S>() * x - b.cast::<S>();
    r.dot(&r)
}

/// f(x) = ‖x‖₁ = Σ|xᵢ|
fn l1_norm<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.map(|xi| xi.abs()).sum()
}

/// f(x) = log Σ exp(xᵢ)
fn log_sum_exp<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.map(|xi| xi.exp()).sum().ln()
}

/// f(x) = Σ log(1 + exp(xᵢ)), the softplus summed.
fn softplus_sum<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.map(|xi| (xi.exp() + 1.0).ln()).sum()
}

// One checker per row, generic over the size.

fn check_linear_form<const N: usize>() {
    let mut rng = Rng::for_case(101, N, 1);
    for point in 0..POINTS {
        let (a, x) = (rng.vector::<N>(), rng.vector::<N>());
        let at = label(&format!("n = {N}"), point);
        let (f, g) = monodual::gradient(|x| linear_form(&a, &x), x);
        assert_scalar("f = aᵀx", &at, f, a.dot(&x));
        assert_identity("∇(aᵀx) = a", &at, &g, &a);
    }
}

fn check_squared_norm<const N: usize>() {
    let mut rng = Rng::for_case(102, N, 1);
    for point in 0..POINTS {
        let x = rng.vector::<N>();
        let at = label(&format!("n = {N}"), point);
        let (f, g) = monodual::gradient(|x| squared_norm(&x), x);
        assert_scalar("f = ‖x‖²", &at, f, x.norm_squared());
        assert_identity("∇‖x‖² = 2x", &at, &g, &(x * 2.0));
        // The special case A = I of the next row.
        let identity = SMatrix::<f64, N, N>::identity();
        let (_, g_form) = monodual::gradient(|x| quadratic_form(&identity, &x), x);
        assert_identity("∇(xᵀIx) = ∇‖x‖²", &at, &g_form, &g);
    }
}

fn check_quadratic_form<const N: usize>() {
    let mut rng = Rng::for_case(103, N, 1);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<N, N>(), rng.vector::<N>());
        let at = label(&format!("n = {N}"), point);
        let (f, g) = monodual::gradient(|x| quadratic_form(&a, &x), x);
        assert_scalar("f = xᵀAx", &at, f, x.dot(&(a * x)));
        assert_identity("∇(xᵀAx) = (A + Aᵀ)x", &at, &g, &((a + a.transpose()) * x));
    }
}

fn check_symmetric_quadratic_form<const N: usize>() {
    let mut rng = Rng::for_case(104, N, 1);
    for point in 0..POINTS {
        let (a, x) = (rng.symmetric::<N>(), rng.vector::<N>());
        let at = label(&format!("n = {N}"), point);
        let (_, g) = monodual::gradient(|x| quadratic_form(&a, &x), x);
        assert_identity("∇(xᵀAx) = 2Ax for A = Aᵀ", &at, &g, &(a * x * 2.0));
    }
}

fn check_squared_residual<const M: usize, const N: usize>() {
    let mut rng = Rng::for_case(105, M, N);
    for point in 0..POINTS {
        let (a, b, x) = (rng.matrix::<M, N>(), rng.vector::<M>(), rng.vector::<N>());
        let at = label(&format!("A is {M}x{N}"), point);
        let (f, g) = monodual::gradient(|x| squared_residual(&a, &b, &x), x);
        let r = a * x - b;
        assert_scalar("f = ‖Ax − b‖²", &at, f, r.norm_squared());
        assert_identity(
            "∇‖Ax − b‖² = 2Aᵀ(Ax − b)",
            &at,
            &g,
            &(a.transpose() * r * 2.0),
        );
    }
}

fn check_l1_norm<const N: usize>() {
    let mut rng = Rng::for_case(106, N, 1);
    for point in 0..POINTS {
        let x = rng.vector_away_from_zero::<N>();
        let at = label(&format!("n = {N}"), point);
        let (f, g) = monodual::gradient(|x| l1_norm(&x), x);
        assert_scalar("f = ‖x‖₁", &at, f, x.lp_norm(1));
        assert_identity("∇‖x‖₁ = sign(x)", &at, &g, &x.map(f64::signum));
    }
}

fn check_log_sum_exp<const N: usize>() {
    let mut rng = Rng::for_case(107, N, 1);
    for point in 0..POINTS {
        let x = rng.vector::<N>() * 3.0;
        let at = label(&format!("n = {N}"), point);
        let (f, g) = monodual::gradient(|x| log_sum_exp(&x), x);
        assert_scalar("f = log Σ exp(xᵢ)", &at, f, x.map(f64::exp).sum().ln());
        assert_identity("∇ log Σ exp(xᵢ) = softmax(x)", &at, &g, &softmax(&x));
    }
}

fn check_softplus_sum<const N: usize>() {
    let mut rng = Rng::for_case(108, N, 1);
    for point in 0..POINTS {
        let x = rng.vector::<N>() * 3.0;
        let at = label(&format!("n = {N}"), point);
        let (_, g) = monodual::gradient(|x| softplus_sum(&x), x);
        assert_identity("∇ Σ log(1 + exp(xᵢ)) = σ(x)", &at, &g, &x.map(sigmoid));
    }
}

/// The normal equation: ∇‖Ax − b‖² = 0 gives AᵀAx = Aᵀb, and at its
/// solution x̂, Ax̂ is the orthogonal projection of b onto col(A).
fn check_normal_equation<const M: usize, const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(109, M, N);
    for point in 0..POINTS {
        let (a, b) = (rng.full_rank::<M, N>(), rng.vector::<M>());
        let at = label(&format!("A is {M}x{N}"), point);

        // The least-squares solution, by nalgebra on f64 (Cholesky of AᵀA).
        let atb = a.transpose() * b;
        let x_hat = (a.transpose() * a)
            .cholesky()
            .expect("AᵀA of a full-rank A is positive definite")
            .solve(&atb);
        let (_, g) = monodual::gradient(|x| squared_residual(&a, &b, &x), x_hat);
        assert!(
            g.norm() <= TOL * atb.norm(),
            "identity ∇‖Ax − b‖² = 0 at the least-squares solution fails at {at}: \
             ‖∇‖ = {:.3e}, ‖Aᵀb‖ = {:.3e}",
            g.norm(),
            atb.norm()
        );

        // The normal equation assembled by monodual itself: at x = 0 the
        // gradient is −2Aᵀb and the Hessian is 2AᵀA, so x̂ solves H x̂ = −∇f(0).
        let (_, g0, h) = monodual::hessian(|x| squared_residual(&a, &b, &x), SVector::zeros());
        let x_normal = h
            .cholesky()
            .expect("2AᵀA is positive definite")
            .solve(&(-g0));
        assert_identity("AᵀAx̂ = Aᵀb (assembled by monodual)", &at, &x_normal, &x_hat);

        // Ax̂ is the projection of b onto the column space, QQᵀb with Q an
        // orthonormal basis of col(A).
        let q = common::orthonormal_columns(&a);
        let projection = q * (q.transpose() * b);
        assert_identity(
            "Ax̂ = projection of b onto col(A)",
            &at,
            &(a * x_normal),
            &projection,
        );
    }
}

#[test]
fn gradient_of_linear_form_is_a() {
    check_linear_form::<2>();
    check_linear_form::<3>();
    check_linear_form::<4>();
    check_linear_form::<5>();
    check_linear_form::<6>();
}

#[test]
fn gradient_of_squared_norm_is_2x() {
    check_squared_norm::<2>();
    check_squared_norm::<3>();
    check_squared_norm::<4>();
    check_squared_norm::<5>();
    check_squared_norm::<6>();
}

#[test]
fn gradient_of_quadratic_form_is_a_plus_a_transpose_times_x() {
    check_quadratic_form::<2>();
    check_quadratic_form::<3>();
    check_quadratic_form::<4>();
    check_quadratic_form::<5>();
    check_quadratic_form::<6>();
}

#[test]
fn gradient_of_symmetric_quadratic_form_is_2ax() {
    check_symmetric_quadratic_form::<2>();
    check_symmetric_quadratic_form::<3>();
    check_symmetric_quadratic_form::<4>();
    check_symmetric_quadratic_form::<5>();
    check_symmetric_quadratic_form::<6>();
}

#[test]
fn gradient_of_squared_residual_is_2_at_times_residual() {
    check_squared_residual::<3, 2>();
    check_squared_residual::<2, 3>();
    check_squared_residual::<4, 4>();
    check_squared_residual::<6, 4>();
    check_squared_residual::<4, 6>();
    check_squared_residual::<7, 5>();
    check_squared_residual::<6, 6>();
}

#[test]
fn gradient_of_l1_norm_is_sign_away_from_zero() {
    check_l1_norm::<2>();
    check_l1_norm::<3>();
    check_l1_norm::<4>();
    check_l1_norm::<5>();
    check_l1_norm::<6>();
}

#[test]
fn gradient_of_log_sum_exp_is_softmax() {
    check_log_sum_exp::<2>();
    check_log_sum_exp::<3>();
    check_log_sum_exp::<4>();
    check_log_sum_exp::<5>();
    check_log_sum_exp::<6>();
}

#[test]
fn gradient_of_softplus_sum_is_sigmoid() {
    check_softplus_sum::<2>();
    check_softplus_sum::<3>();
    check_softplus_sum::<4>();
    check_softplus_sum::<5>();
    check_softplus_sum::<6>();
}

#[test]
fn normal_equation_gradient_vanishes_at_least_squares_projection() {
    check_normal_equation::<3, 2>();
    check_normal_equation::<5, 3>();
    check_normal_equation::<6, 4>();
    check_normal_equation::<8, 5>();
    check_normal_equation::<9, 6>();
    check_normal_equation::<4, 4>();
}
