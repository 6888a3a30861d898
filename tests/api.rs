//! The public API contract compiles and gives the closed-form numbers.

use approx::assert_relative_eq;
use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{Matrix2, Matrix3, RealField, SMatrix, SVector, Vector2, Vector3};

fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
}

/// log det of the symmetric part of `a` (Cholesky reads one triangle only,
/// so symmetrizing first makes every entry count, as in log det X).
fn logdet<S: RealField + Copy>(a: &SMatrix<S, 3, 3>) -> S {
    let a = (a + a.transpose()) * nalgebra::convert::<f64, S>(0.5);
    a.cholesky().unwrap().l().diagonal().map(|d| d.ln()).sum() * nalgebra::convert(2.0)
}

fn map<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 3> {
    Vector3::new(x[0] * x[1], x[0].sin(), x[1] * 3.0)
}

#[test]
fn contract() {
    let x = SVector::<f64, 2>::new(-1.2, 1.0);
    let (f, df) = monodual::derivative(|t| t.sin() * t, 0.5);
    assert_eq!(f, 0.5f64.sin() * 0.5);
    assert_relative_eq!(df, 0.5f64.cos() * 0.5 + 0.5f64.sin(), max_relative = 1e-15);

    let (f, df, d2f) = monodual::second_derivative(|t| t.exp() / t, 0.5);
    let e = 0.5f64.exp();
    assert_relative_eq!(f, e / 0.5);
    assert_relative_eq!(df, e / 0.5 - e / 0.25, max_relative = 1e-14);
    // (eᵗ/t)″ = eᵗ (1/t − 2/t² + 2/t³)
    assert_relative_eq!(d2f, e * (2.0 - 8.0 + 16.0), max_relative = 1e-14);

    let (f, g) = monodual::gradient(|x| rosenbrock(&x), x);
    assert_eq!(f, rosenbrock(&x));
    let (a, b) = (x[0], x[1]);
    let g_exact = Vector2::new(
        -400.0 * a * (b - a * a) + 2.0 * (a - 1.0),
        200.0 * (b - a * a),
    );
    assert_relative_eq!(g, g_exact, max_relative = 1e-14);

    let (fx, j) = monodual::jacobian(|x| map(&x), x);
    assert_eq!(fx, map(&x));
    assert_relative_eq!(j, nalgebra::Matrix3x2::new(b, a, a.cos(), 0.0, 0.0, 3.0));

    let (f2, g2, h) = monodual::hessian(|x| rosenbrock(&x), x);
    assert_eq!(f2, f);
    assert_relative_eq!(g2, g_exact, max_relative = 1e-14);
    let h_exact = Matrix2::new(
        1200.0 * a * a - 400.0 * b + 2.0,
        -400.0 * a,
        -400.0 * a,
        200.0,
    );
    assert_relative_eq!(h, h_exact, max_relative = 1e-14);

    let v = Vector2::new(0.3, -0.7);
    let (f3, dv) = monodual::directional_derivative(|x| rosenbrock(&x), x, v);
    assert_eq!(f3, f);
    assert_relative_eq!(dv, g_exact.dot(&v), max_relative = 1e-14);

    let (f4, g4, hv) = monodual::hessian_vector_product(|x| rosenbrock(&x), x, v);
    assert_eq!(f4, f);
    assert_relative_eq!(g4, g_exact, max_relative = 1e-14);
    assert_relative_eq!(hv, h_exact * v, max_relative = 1e-14);

    let m = Matrix3::<f64>::new(4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0);
    let (f5, gx) = monodual::matrix_gradient(|m| logdet(&m), m);
    assert_relative_eq!(f5, m.determinant().ln(), max_relative = 1e-14);
    assert_relative_eq!(
        gx,
        m.try_inverse().unwrap().transpose(),
        max_relative = 1e-13
    );
}

#[test]
fn floats_mix_both_ways() {
    let x = Dual::<f64, 2>::variable(3.0, 0);
    let y = 2.0 * x + x * 2.0 - 1.0 + (1.0 - x) + x / 3.0 + 6.0 / x;
    assert_relative_eq!(y.value(), 6.0 + 6.0 - 1.0 - 2.0 + 1.0 + 2.0);
    assert_relative_eq!(y.gradient()[0], 2.0 + 2.0 - 1.0 + 1.0 / 3.0 - 6.0 / 9.0);
    let mut z = HyperDual::<f32, 1>::variable(2.0, 0);
    z *= 3.0f32;
    z += 1.0;
    z -= z * 0.5;
    assert_eq!(z.value(), 3.5f32);
}

#[test]
fn nested_is_real_field() {
    type D2 = Dual<Dual<f64, 1>, 2>;
    fn needs_real_field<S: RealField + Copy>(x: S) -> S {
        x.sin() * x
    }
    let x = D2::variable(Dual::variable(0.5, 0), 0);
    let y = needs_real_field(x);
    // the outer and inner lanes see the same variable: second derivative
    let exact = 2.0 * 0.5f64.cos() - 0.5 * 0.5f64.sin();
    assert_relative_eq!(y.gradient()[0].gradient()[0], exact, max_relative = 1e-15);
    assert!(format!("{y}").contains('ε'));
}

#[test]
fn traits() {
    fn is_all<
        T: Copy + Send + Sync + std::fmt::Debug + std::fmt::Display + Default + PartialEq + PartialOrd,
    >() {
    }
    is_all::<Dual<f64, 3>>();
    is_all::<HyperDual<f32, 3>>();
    let s: Dual<f64, 2> = [1.0, 2.0, 3.0].iter().map(|&v| Dual::variable(v, 0)).sum();
    assert_eq!(s.gradient()[0], 3.0);
    let p: Dual<f64, 2> = [1.0, 2.0, 3.0]
        .iter()
        .map(|&v| Dual::variable(v, 1))
        .product();
    assert_eq!(p.value(), 6.0);
    assert_eq!(p.gradient()[1], 2.0 * 3.0 + 3.0 + 2.0);
}

#[test]
fn number_types_carry_no_hidden_storage() {
    use core::mem::size_of;
    // Dual: the value and N partials, nothing else.
    assert_eq!(size_of::<Dual<f64, 2>>(), 8 * 3);
    assert_eq!(size_of::<Dual<f64, 16>>(), 8 * 17);
    assert_eq!(size_of::<Dual<f32, 8>>(), 4 * 9);
    // HyperDual: value, N partials, the packed Hessian triangle N(N+1)/2,
    // and one word of bookkeeping (the variable range and a flag).
    fn packed_f64(n: usize) -> usize {
        8 * (1 + n + n * (n + 1) / 2) + 8
    }
    assert_eq!(size_of::<HyperDual<f64, 0>>(), packed_f64(0));
    assert_eq!(size_of::<HyperDual<f64, 1>>(), packed_f64(1));
    assert_eq!(size_of::<HyperDual<f64, 2>>(), packed_f64(2));
    assert_eq!(size_of::<HyperDual<f64, 4>>(), packed_f64(4));
    assert_eq!(size_of::<HyperDual<f64, 9>>(), packed_f64(9));
    assert_eq!(size_of::<HyperDual<f64, 16>>(), packed_f64(16));
    assert_eq!(size_of::<HyperDual<f64, 32>>(), packed_f64(32));
    assert_eq!(size_of::<HyperDual<f64, 64>>(), packed_f64(64));
    assert_eq!(
        size_of::<HyperDual<f64, { monodual::MAX_PACKED }>>(),
        packed_f64(monodual::MAX_PACKED)
    );
    // f32: 4 bytes a part, the same one word (8 bytes) at most.
    assert!(size_of::<HyperDual<f32, 3>>() <= 4 * (1 + 3 + 6) + 8);
    assert!(size_of::<HyperDual<f32, 8>>() <= 4 * (1 + 8 + 36) + 8);
}

#[test]
fn number_types_implement_num_traits_float_nested_ones_included() {
    fn is_float<T: num_traits::Float + num_traits::FloatConst + num_traits::NumCast>() {}
    is_float::<Dual<f64, 3>>();
    is_float::<HyperDual<f32, 2>>();
    is_float::<Dual<Dual<f64, 1>, 4>>();
    is_float::<Dual<HyperDual<f64, 2>, 1>>();
    is_float::<monodual::Taylor<f64, 5>>();
    fn is_scalar<S: Scalar<F>, F>() {}
    is_scalar::<monodual::Taylor<f64, 5>, f64>();
    is_scalar::<Dual<monodual::Taylor<f32, 3>, 2>, f32>();
    fn compares_with_literals<S: Scalar>(x: S) -> bool {
        x > 0.0 && x != 1.0
    }
    assert!(compares_with_literals(Dual::<f64, 2>::variable(0.5, 0)));
}

#[test]
fn one_model_for_every_driver() {
    struct Rosenbrock;
    impl monodual::Objective<2> for Rosenbrock {
        fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
            rosenbrock(x)
        }
    }
    use monodual::Objective;
    let x = SVector::<f64, 2>::new(-1.2, 1.0);
    assert_eq!(
        Rosenbrock.gradient(x),
        monodual::gradient(|x| rosenbrock(&x), x)
    );
    assert_eq!(
        Rosenbrock.hessian(x),
        monodual::hessian(Rosenbrock.as_fn(), x)
    );
    let min = Rosenbrock.minimize(x, &Default::default()).unwrap();
    assert!((min.x - SVector::<f64, 2>::new(1.0, 1.0)).norm() < 1e-10);
}
