//! Section 5 of `reference/matrix-calculus.md`: matrix-valued derivatives.
//!
//! For a scalar function of a matrix X, `monodual::matrix_gradient` seeds
//! every entry of X as its own variable (`Dual<f64, R·C>`) and returns
//! ∇_X f with the shape of X. The functions are generic over
//! `S: RealField + Copy` and use nalgebra's own routines on the number type:
//! `try_inverse`, `lu().solve`, `lu().determinant()`, `determinant()` and
//! `cholesky()`. One test per row of the table; the closed forms are written
//! by hand in plain f64. The rows that make sense for any shape (tr(AX),
//! ⟨A, X⟩_F, ‖X‖_F², aᵀXb, tr(XᵀAX)) are checked on rectangular X too.

mod common;

use common::{POINTS, Rng, assert_identity, assert_scalar, label};
use monodual::MatrixLanes;
use nalgebra::{Const, DimMin, RealField, SMatrix, SVector};

// The functions under test, generic over nalgebra's RealField.

/// f(X) = tr(AX), A ∈ R^{C×R}, X ∈ R^{R×C}
fn trace_of_product<S: RealField + Copy, const R: usize, const C: usize>(
    a: &SMatrix<f64, C, R>,
    x: &SMatrix<S, R, C>,
) -> S {
    (a.cast::<S>() * x).trace()
}

/// f(X) = ⟨A, X⟩_F = tr(AᵀX) = Σᵢⱼ AᵢⱼXᵢⱼ
fn frobenius_inner<S: RealField + Copy, const R: usize, const C: usize>(
    a: &SMatrix<f64, R, C>,
    x: &SMatrix<S, R, C>,
) -> S {
    (a.cast::<S>().transpose() * x).trace()
}

/// f(X) = ‖X‖_F²
fn frobenius_norm_squared<S: RealField + Copy, const R: usize, const C: usize>(
    x: &SMatrix<S, R, C>,
) -> S {
    x.norm_squared()
}

/// f(X) = aᵀXb
fn bilinear<S: RealField + Copy, const R: usize, const C: usize>(
    a: &SVector<f64, R>,
    b: &SVector<f64, C>,
    x: &SMatrix<S, R, C>,
) -> S {
    a.cast::<S>().dot(&(x * b.cast::<S>()))
}

/// f(X) = tr(XᵀAX), A ∈ R^{R×R}
fn trace_quadratic<S: RealField + Copy, const R: usize, const C: usize>(
    a: &SMatrix<f64, R, R>,
    x: &SMatrix<S, R, C>,
) -> S {
    (x.transpose() * a.cast::<S>() * x).trace()
}

/// f(X) = aᵀX⁻¹b, through `try_inverse` on the number type.
fn inverse_bilinear<S: RealField + Copy, const N: usize>(
    a: &SVector<f64, N>,
    b: &SVector<f64, N>,
    x: &SMatrix<S, N, N>,
) -> S {
    let inverse = x.try_inverse().expect("X is invertible");
    a.cast::<S>().dot(&(inverse * b.cast::<S>()))
}

/// f(X) = tr(X⁻¹A), through `try_inverse` on the number type.
fn trace_inverse_product<S: RealField + Copy, const N: usize>(
    a: &SMatrix<f64, N, N>,
    x: &SMatrix<S, N, N>,
) -> S {
    (x.try_inverse().expect("X is invertible") * a.cast::<S>()).trace()
}

/// f(X) = tr(X⁻¹A), through an LU solve X Y = A on the number type.
fn trace_inverse_product_lu<S: RealField + Copy, const N: usize>(
    a: &SMatrix<f64, N, N>,
    x: &SMatrix<S, N, N>,
) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    x.lu()
        .solve(&a.cast::<S>())
        .expect("X is invertible")
        .trace()
}

/// f(X) = log det X, through the LU decomposition on the number type.
fn log_det_lu<S: RealField + Copy, const N: usize>(x: &SMatrix<S, N, N>) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    x.lu().determinant().ln()
}

/// f(X) = log det X for symmetric positive definite X, through Cholesky on
/// the number type: log det X = 2 Σ log Lᵢᵢ. Cholesky reads only the lower
/// triangle, so the function is applied to sym(X) = (X + Xᵀ)/2, which equals
/// X on symmetric X and makes f depend on every entry as log det X does.
fn log_det_cholesky<S: RealField + Copy, const N: usize>(x: &SMatrix<S, N, N>) -> S {
    let two: S = nalgebra::convert(2.0);
    let symmetric = (x + x.transpose()) / two;
    log_det_cholesky_lower(&symmetric)
}

/// 2 Σ log Lᵢᵢ for the Cholesky factor of the lower triangle of `x`, as
/// nalgebra computes it.
fn log_det_cholesky_lower<S: RealField + Copy, const N: usize>(x: &SMatrix<S, N, N>) -> S {
    let two: S = nalgebra::convert(2.0);
    let l = x.cholesky().expect("X is positive definite").l();
    l.diagonal().map(|d| d.ln()).sum() * two
}

/// f(X) = det X, through nalgebra's `determinant()` (closed forms up to 3×3,
/// LU above) on the number type.
fn determinant<S: RealField + Copy, const N: usize>(x: &SMatrix<S, N, N>) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    x.determinant()
}

/// f(X) = det X, through `lu().determinant()` on the number type.
fn determinant_lu<S: RealField + Copy, const N: usize>(x: &SMatrix<S, N, N>) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    x.lu().determinant()
}

// One checker per row, generic over the shape.

fn check_trace_of_product<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(501, R, C);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<C, R>(), rng.matrix::<R, C>());
        let at = label(&format!("X is {R}x{C}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| trace_of_product(&a, &x), x);
        assert_scalar("f = tr(AX)", &at, f, (a * x).trace());
        assert_identity("∇_X tr(AX) = Aᵀ", &at, &grad, &a.transpose());
    }
}

fn check_frobenius_inner<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(502, R, C);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<R, C>(), rng.matrix::<R, C>());
        let at = label(&format!("X is {R}x{C}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| frobenius_inner(&a, &x), x);
        assert_scalar("f = ⟨A, X⟩_F", &at, f, a.component_mul(&x).sum());
        assert_identity("∇_X ⟨A, X⟩_F = A", &at, &grad, &a);
    }
}

fn check_frobenius_norm<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(503, R, C);
    for point in 0..POINTS {
        let x = rng.matrix::<R, C>();
        let at = label(&format!("X is {R}x{C}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| frobenius_norm_squared(&x), x);
        assert_scalar("f = ‖X‖_F²", &at, f, x.component_mul(&x).sum());
        assert_identity("∇_X ‖X‖_F² = 2X", &at, &grad, &(x * 2.0));
    }
}

fn check_bilinear<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(504, R, C);
    for point in 0..POINTS {
        let (a, b, x) = (rng.vector::<R>(), rng.vector::<C>(), rng.matrix::<R, C>());
        let at = label(&format!("X is {R}x{C}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| bilinear(&a, &b, &x), x);
        assert_scalar("f = aᵀXb", &at, f, a.dot(&(x * b)));
        assert_identity("∇_X aᵀXb = abᵀ", &at, &grad, &(a * b.transpose()));
    }
}

fn check_trace_quadratic<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(505, R, C);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<R, R>(), rng.matrix::<R, C>());
        let at = label(&format!("X is {R}x{C}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| trace_quadratic(&a, &x), x);
        assert_scalar("f = tr(XᵀAX)", &at, f, (x.transpose() * a * x).trace());
        assert_identity(
            "∇_X tr(XᵀAX) = (A + Aᵀ)X",
            &at,
            &grad,
            &((a + a.transpose()) * x),
        );
    }
}

fn check_inverse_bilinear<const N: usize, const L: usize>()
where
    Const<N>: MatrixLanes<N, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(506, N, N);
    for point in 0..POINTS {
        let (a, b, x) = (
            rng.vector::<N>(),
            rng.vector::<N>(),
            rng.well_conditioned::<N>(),
        );
        let at = label(&format!("X is {N}x{N}"), point);
        let (f, grad) = monodual::matrix_gradient(|x| inverse_bilinear(&a, &b, &x), x);
        let inverse_t = x.try_inverse().expect("X is invertible").transpose();
        assert_scalar("f = aᵀX⁻¹b", &at, f, a.dot(&(inverse_t.transpose() * b)));
        assert_identity(
            "∇_X aᵀX⁻¹b = −X⁻ᵀabᵀX⁻ᵀ",
            &at,
            &grad,
            &(-inverse_t * a * b.transpose() * inverse_t),
        );
    }
}

fn check_trace_inverse_product<const N: usize, const L: usize>()
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
    Const<N>: MatrixLanes<N, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(507, N, N);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<N, N>(), rng.well_conditioned::<N>());
        let at = label(&format!("X is {N}x{N}"), point);
        let inverse_t = x.try_inverse().expect("X is invertible").transpose();
        let expected = -inverse_t * a.transpose() * inverse_t;
        let (f, grad) = monodual::matrix_gradient(|x| trace_inverse_product(&a, &x), x);
        assert_scalar("f = tr(X⁻¹A)", &at, f, (inverse_t.transpose() * a).trace());
        assert_identity(
            "∇_X tr(X⁻¹A) = −X⁻ᵀAᵀX⁻ᵀ (try_inverse)",
            &at,
            &grad,
            &expected,
        );
        let (_, grad) = monodual::matrix_gradient(|x| trace_inverse_product_lu(&a, &x), x);
        assert_identity("∇_X tr(X⁻¹A) = −X⁻ᵀAᵀX⁻ᵀ (LU solve)", &at, &grad, &expected);
    }
}

fn check_log_det<const N: usize, const L: usize>()
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
    Const<N>: MatrixLanes<N, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(508, N, N);
    for point in 0..POINTS {
        let at = label(&format!("X is {N}x{N}"), point);

        // Through LU, on a well-conditioned (nonsymmetric) X.
        let x = rng.well_conditioned::<N>();
        let (f, grad) = monodual::matrix_gradient(|x| log_det_lu(&x), x);
        let inverse = x.try_inverse().expect("X is invertible");
        assert_scalar("f = log det X (LU)", &at, f, x.determinant().ln());
        assert_identity("∇_X log det X = X⁻ᵀ (LU)", &at, &grad, &inverse.transpose());

        // Through Cholesky, on a symmetric positive definite X.
        let x = rng.spd::<N>();
        let inverse = x.try_inverse().expect("X is invertible");
        let (f, grad) = monodual::matrix_gradient(|x| log_det_cholesky(&x), x);
        assert_scalar("f = log det X (Cholesky)", &at, f, x.determinant().ln());
        assert_identity(
            "∇_X log det X = X⁻ᵀ (Cholesky)",
            &at,
            &grad,
            &inverse.transpose(),
        );

        // Without symmetrizing, Cholesky is a function of the lower triangle
        // alone: X = L̃ + L̃ᵀ − diag, so ∂f/∂Xᵢⱼ = 2(X⁻¹)ᵢⱼ below the
        // diagonal, (X⁻¹)ᵢᵢ on it, and 0 above it. AD differentiates what the
        // code computes.
        let (_, grad) = monodual::matrix_gradient(|x| log_det_cholesky_lower(&x), x);
        let lower = SMatrix::<f64, N, N>::from_fn(|i, j| match i.cmp(&j) {
            std::cmp::Ordering::Greater => 2.0 * inverse[(i, j)],
            std::cmp::Ordering::Equal => inverse[(i, j)],
            std::cmp::Ordering::Less => 0.0,
        });
        assert_identity(
            "∇_X log det X through the lower triangle = 2 tril(X⁻¹) − diag(X⁻¹)",
            &at,
            &grad,
            &lower,
        );
    }
}

fn check_determinant<const N: usize, const L: usize>()
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
    Const<N>: MatrixLanes<N, Lanes = Const<L>>,
{
    let mut rng = Rng::for_case(509, N, N);
    for point in 0..POINTS {
        // Scaled so that det X stays of order one for every n.
        let x = rng.well_conditioned::<N>() / N as f64;
        let at = label(&format!("X is {N}x{N}"), point);
        let det = x.determinant();
        let expected = x.try_inverse().expect("X is invertible").transpose() * det;
        let (f, grad) = monodual::matrix_gradient(|x| determinant(&x), x);
        assert_scalar("f = det X", &at, f, det);
        assert_identity(
            "∇_X det X = det(X) X⁻ᵀ (determinant())",
            &at,
            &grad,
            &expected,
        );
        let (f, grad) = monodual::matrix_gradient(|x| determinant_lu(&x), x);
        assert_scalar("f = det X (LU)", &at, f, det);
        assert_identity(
            "∇_X det X = det(X) X⁻ᵀ (lu().determinant())",
            &at,
            &grad,
            &expected,
        );
    }
}

#[test]
fn gradient_of_trace_of_product_is_a_transpose() {
    check_trace_of_product::<2, 2, _>();
    check_trace_of_product::<3, 3, _>();
    check_trace_of_product::<4, 4, _>();
    check_trace_of_product::<5, 5, _>();
    check_trace_of_product::<6, 6, _>();
    check_trace_of_product::<2, 4, _>();
    check_trace_of_product::<5, 3, _>();
}

#[test]
fn gradient_of_frobenius_inner_product_is_a() {
    check_frobenius_inner::<2, 2, _>();
    check_frobenius_inner::<3, 3, _>();
    check_frobenius_inner::<4, 4, _>();
    check_frobenius_inner::<5, 5, _>();
    check_frobenius_inner::<6, 6, _>();
    check_frobenius_inner::<3, 5, _>();
    check_frobenius_inner::<6, 2, _>();
}

#[test]
fn gradient_of_squared_frobenius_norm_is_2x() {
    check_frobenius_norm::<2, 2, _>();
    check_frobenius_norm::<3, 3, _>();
    check_frobenius_norm::<4, 4, _>();
    check_frobenius_norm::<5, 5, _>();
    check_frobenius_norm::<6, 6, _>();
    check_frobenius_norm::<2, 5, _>();
    check_frobenius_norm::<4, 3, _>();
}

#[test]
fn gradient_of_bilinear_form_is_outer_product() {
    check_bilinear::<2, 2, _>();
    check_bilinear::<3, 3, _>();
    check_bilinear::<4, 4, _>();
    check_bilinear::<5, 5, _>();
    check_bilinear::<6, 6, _>();
    check_bilinear::<2, 6, _>();
    check_bilinear::<5, 2, _>();
}

#[test]
fn gradient_of_trace_quadratic_is_a_plus_a_transpose_times_x() {
    check_trace_quadratic::<2, 2, _>();
    check_trace_quadratic::<3, 3, _>();
    check_trace_quadratic::<4, 4, _>();
    check_trace_quadratic::<5, 5, _>();
    check_trace_quadratic::<6, 6, _>();
    check_trace_quadratic::<3, 2, _>();
    check_trace_quadratic::<2, 5, _>();
}

#[test]
fn gradient_of_inverse_bilinear_form() {
    check_inverse_bilinear::<2, _>();
    check_inverse_bilinear::<3, _>();
    check_inverse_bilinear::<4, _>();
    check_inverse_bilinear::<5, _>();
    check_inverse_bilinear::<6, _>();
}

#[test]
fn gradient_of_trace_of_inverse_product() {
    check_trace_inverse_product::<2, _>();
    check_trace_inverse_product::<3, _>();
    check_trace_inverse_product::<4, _>();
    check_trace_inverse_product::<5, _>();
    check_trace_inverse_product::<6, _>();
}

#[test]
fn gradient_of_log_det_is_inverse_transpose_via_lu_and_cholesky() {
    check_log_det::<2, _>();
    check_log_det::<3, _>();
    check_log_det::<4, _>();
    check_log_det::<5, _>();
    check_log_det::<6, _>();
}

#[test]
fn gradient_of_determinant_is_jacobi_formula() {
    check_determinant::<2, _>();
    check_determinant::<3, _>();
    check_determinant::<4, _>();
    check_determinant::<5, _>();
    check_determinant::<6, _>();
}
