//! `f32` end to end: the number types, the drivers and nalgebra's Cholesky
//! on `f32`, from generic code written with `S: Scalar<f32>` and `f32`
//! literals, checked at `f32` tolerances.

use approx::assert_relative_eq;
use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{Matrix2, Matrix3, RealField, SVector, Vector2, Vector3};

fn rosenbrock<S: Scalar<f32>>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0f32 + (x[0] - 1.0f32).powi(2)
}

fn smooth<S: Scalar<f32>>(x: &SVector<S, 3>) -> S {
    x[0].sin() * x[1].exp() + (x[2] * x[2] + 1.0f32).sqrt().ln() - x[0] * x[2] / 3.0f32
}

fn log_det<S: RealField + Copy>(a: &Matrix3<S>) -> S {
    let a = (a + a.transpose()) * nalgebra::convert::<f32, S>(0.5);
    let l = a.cholesky().expect("positive definite").unpack();
    l.diagonal()
        .iter()
        .fold(S::zero(), |sum, d| sum + d.ln() + d.ln())
}

#[test]
fn gradient_and_hessian_of_rosenbrock() {
    let x = Vector2::new(-1.2f32, 1.0);
    let (f, g) = monodual::gradient(|x| rosenbrock(&x), x);
    let (a, b) = (x[0], x[1]);
    assert_eq!(f, rosenbrock(&x));
    let g_exact = Vector2::new(
        -400.0 * a * (b - a * a) + 2.0 * (a - 1.0),
        200.0 * (b - a * a),
    );
    assert_relative_eq!(g, g_exact, max_relative = 1e-6);

    let (f2, g2, h) = monodual::hessian(|x| rosenbrock(&x), x);
    assert_eq!(f2, f);
    assert_relative_eq!(g2, g_exact, max_relative = 1e-6);
    let h_exact = Matrix2::new(
        1200.0 * a * a - 400.0 * b + 2.0,
        -400.0 * a,
        -400.0 * a,
        200.0,
    );
    assert_relative_eq!(h, h_exact, max_relative = 1e-6);
}

#[test]
fn f32_results_match_f64_to_f32_precision() {
    let x32 = Vector3::new(0.3f32, -0.4, 1.1);
    let x64 = x32.cast::<f64>();
    let (_, g32, h32) = monodual::hessian(|x| smooth(&x), x32);
    let smooth64 = |x: SVector<HyperDual<f64, 3>, 3>| {
        x[0].sin() * x[1].exp() + (x[2] * x[2] + 1.0).sqrt().ln() - x[0] * x[2] / 3.0
    };
    let (_, g64, h64) = monodual::hessian(smooth64, x64);
    assert_relative_eq!(g32.cast::<f64>(), g64, max_relative = 1e-5, epsilon = 1e-6);
    assert_relative_eq!(h32.cast::<f64>(), h64, max_relative = 1e-5, epsilon = 1e-6);
    // the Hessian is exactly symmetric in f32 too
    assert_eq!(h32, h32.transpose());
}

#[test]
fn cholesky_through_nalgebra_on_f32_number_types() {
    let a = Matrix3::new(4.0f32, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0);
    let (value, grad) = monodual::matrix_gradient(|m| log_det(&m), a);
    // ∇ log det A = A⁻ᵀ
    assert_relative_eq!(value, a.determinant().ln(), max_relative = 1e-6);
    assert_relative_eq!(
        grad,
        a.try_inverse().unwrap().transpose(),
        max_relative = 1e-5
    );
}

#[test]
fn f32_literals_mix_both_ways() {
    let x = Dual::<f32, 1>::variable(2.0, 0);
    let y = 3.0f32 * x - x / 4.0f32 + (1.0f32 - x) * x;
    assert_eq!(y.value(), 6.0 - 0.5 - 2.0);
    assert_eq!(y.gradient()[0], 3.0 - 0.25 + 1.0 - 2.0 * 2.0);
    let (f, df, d2f) = monodual::second_derivative(|t| t.powi(3) - t * 2.0f32, 1.5f32);
    assert_eq!((f, df, d2f), (1.5f32.powi(3) - 3.0, 3.0 * 2.25 - 2.0, 9.0));
}

#[test]
fn hessian_through_cholesky_on_hyperdual_f32() {
    // g(t) = log det(A + t₀B + t₁C) at t = 0: ∂g/∂tᵢ = tr(A⁻¹Bᵢ),
    // ∂²g/∂tᵢ∂tⱼ = −tr(A⁻¹Bᵢ A⁻¹Bⱼ); the closed form in f64
    let a = Matrix3::new(4.0f64, 1.0, 0.5, 1.0, 3.0, 0.25, 0.5, 0.25, 2.0);
    let b = Matrix3::new(1.0, 0.5, 0.0, 0.5, -1.0, 0.2, 0.0, 0.2, 0.5);
    let c = Matrix3::new(0.0, -0.3, 1.0, -0.3, 0.5, 0.0, 1.0, 0.0, 1.0);
    let (a32, b32, c32) = (a.cast::<f32>(), b.cast::<f32>(), c.cast::<f32>());
    let along = |t: Vector2<HyperDual<f32, 2>>| {
        let m = a32.map(HyperDual::constant) + b32.map(|e| t[0] * e) + c32.map(|e| t[1] * e);
        log_det(&m)
    };
    let (value, g, h) = monodual::hessian(along, Vector2::zeros());

    let inverse = a.try_inverse().unwrap();
    let (ab, ac) = (inverse * b, inverse * c);
    let g_exact = Vector2::new(ab.trace(), ac.trace());
    let h_exact = -Matrix2::new(
        (ab * ab).trace(),
        (ab * ac).trace(),
        (ac * ab).trace(),
        (ac * ac).trace(),
    );
    assert_relative_eq!(value, a.determinant().ln() as f32, max_relative = 1e-6);
    assert_relative_eq!(g, g_exact.cast::<f32>(), max_relative = 1e-5);
    assert_relative_eq!(h, h_exact.cast::<f32>(), max_relative = 1e-5);
}

#[test]
fn cholesky_solve_on_dual_f32() {
    // y(s) = (A + sI)⁻¹r: d/ds ‖y‖² = −2 yᵀA⁻¹y at s = 0
    let a = Matrix3::new(4.0f32, 1.0, 0.5, 1.0, 3.0, 0.25, 0.5, 0.25, 2.0);
    let r = Vector3::new(1.0f32, -1.0, 0.5);
    let (_, slope) = monodual::derivative(
        |s: Dual<f32, 1>| {
            let m = a.map(Dual::constant) + Matrix3::identity().map(|e: f32| s * e);
            let y = m
                .cholesky()
                .expect("positive definite")
                .solve(&r.map(Dual::constant));
            y.norm_squared()
        },
        0.0,
    );
    let inverse = a.cast::<f64>().try_inverse().unwrap();
    let y = inverse * r.cast::<f64>();
    assert_relative_eq!(
        slope,
        (-2.0 * y.dot(&(inverse * y))) as f32,
        max_relative = 1e-5
    );
}

#[test]
fn jacobian_directional_derivative_and_hessian_vector_product_on_f32() {
    let x = Vector3::new(0.3f32, -0.4, 1.1);
    let v = Vector3::new(1.0f32, -2.0, 0.5);
    let (_, g, h) = monodual::hessian(|x| smooth(&x), x);
    let (_, dv) = monodual::directional_derivative(|x| smooth(&x), x, v);
    let (_, g2, hv) = monodual::hessian_vector_product(|x| smooth(&x), x, v);
    assert_relative_eq!(dv, g.dot(&v), max_relative = 1e-6);
    assert_relative_eq!(g2, g, max_relative = 1e-6);
    assert_relative_eq!(hv, h * v, max_relative = 1e-5, epsilon = 1e-6);

    // F(x) = (x₀x₁, sin x₂): J = [[x₁, x₀, 0], [0, 0, cos x₂]]
    let (fx, j) = monodual::jacobian(|x| Vector2::new(x[0] * x[1], x[2].sin()), x);
    assert_eq!(fx, Vector2::new(x[0] * x[1], x[2].sin()));
    let j_exact = nalgebra::Matrix2x3::new(x[1], x[0], 0.0, 0.0, 0.0, x[2].cos());
    assert_eq!(j, j_exact);
}
