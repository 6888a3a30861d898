//! What each bound lets generic code write: `Scalar` (literals, comparisons,
//! sums, every `RealField` method, unambiguous), `RealField + Copy`, and
//! `num_traits::Float` on every number type, nested ones included.

use approx::assert_relative_eq;
use monodual::{Dual, HyperDual, Real, Scalar, lift};
use nalgebra::{Matrix2, RealField, SVector, Vector2, Vector3};
use num_traits::{Float, FloatConst, NumCast, ToPrimitive};

/// Every method name that `Float` and `RealField` share, called in
/// `S: Scalar` code: this compiles only if `Scalar` keeps them unambiguous.
fn every_shared_name<S: Scalar>(x: S, y: S) -> S {
    let a = x.sin() + x.cos() + x.tan() + x.exp() + x.ln() + x.sqrt() + x.abs() + x.signum();
    let b = x.powi(2) + x.powf(y) + x.max(y) + x.min(y) + x.hypot(y) + x.atan2(y);
    let c = x.floor() + x.ceil() + x.round() + x.trunc() + x.fract() + x.recip();
    let d = x.sinh() + x.cosh() + x.tanh() + x.asinh() + x.exp2() + x.exp_m1() + x.ln_1p();
    let e = x.log2() + x.log10() + x.log(y) + x.cbrt() + x.mul_add(y, x) + x.clamp(y, x);
    let (s, co) = x.sin_cos();
    let zero = S::zero() + S::one() - S::one();
    let k = S::pi() * S::from_float(0.0) + S::default();
    a + b + c + d + e + s + co + zero + k + x.copysign(y)
}

#[test]
fn scalar_code_calls_shared_names_unambiguously() {
    let x = Vector2::new(0.7, 0.4);
    let (f, g) = monodual::gradient(|x| every_shared_name(x[0], x[1]), x);
    assert_eq!(f, every_shared_name(0.7, 0.4));
    // against a central difference in each variable
    for i in 0..2 {
        let h = 1e-6;
        let mut up = x;
        let mut down = x;
        up[i] += h;
        down[i] -= h;
        let fd =
            (every_shared_name(up[0], up[1]) - every_shared_name(down[0], down[1])) / (2.0 * h);
        assert_relative_eq!(g[i], fd, max_relative = 1e-7);
    }
}

/// The same names in a closure on concrete number types: the inherent
/// methods win, with `Float` and `RealField` both in scope.
#[test]
fn concrete_closures_stay_unambiguous_with_float_in_scope() {
    let (f, g) = monodual::gradient(
        |x| x[0].sin() * x[1].powi(2) + x[0].max(x[1]).abs() + x[1].powf(1.5),
        Vector2::new(0.5, 2.0),
    );
    assert_eq!(f, 0.5f64.sin() * 4.0 + 2.0 + 2f64.powf(1.5));
    assert_relative_eq!(g[0], 0.5f64.cos() * 4.0, max_relative = 1e-15);
    assert_relative_eq!(
        g[1],
        0.5f64.sin() * 4.0 + 1.0 + 1.5 * 2f64.sqrt(),
        max_relative = 1e-15
    );
}

fn hinge<S: Scalar>(x: &SVector<S, 3>) -> S {
    // comparisons with literals (the number on the left, as generic code
    // writes them), `==` with a float, sums of values and of references,
    // products
    let positive: S = x
        .iter()
        .map(|&xi| if xi > 0.0 { xi } else { S::zero() })
        .sum();
    let by_reference: S = x.iter().sum();
    let product: S = x.iter().copied().product();
    let flag = if x[0] > 0.0 && x[1] != 5.0 && x[2] <= 10.0 {
        1.0
    } else {
        -1.0
    };
    positive * flag + by_reference * 0.5 + product
}

#[test]
fn literals_compare_and_iterators_sum_in_scalar_code() {
    let x = Vector3::new(1.0, -2.0, 3.0);
    let (f, g) = monodual::gradient(|x| hinge(&x), x);
    assert_eq!(f, hinge(&x));
    assert_eq!(f, 4.0 + 1.0 - 6.0);
    // ∂/∂xᵢ: [x₀>0] + 1/2 + ∏_{j≠i} xⱼ
    assert_eq!(g, Vector3::new(1.0 + 0.5 - 6.0, 0.5 + 3.0, 1.0 + 0.5 - 2.0));
    let (_, _, h) = monodual::hessian(|x| hinge(&x), x);
    assert_eq!(h[(0, 1)], 3.0);
    assert_eq!(h[(0, 0)], 0.0);
}

#[test]
fn literals_compare_on_concrete_types_by_value() {
    let x = Dual::<f64, 2>::variable(3.0, 0);
    assert!(x > 0.0);
    assert!(0.0 < x);
    assert!(x == 3.0);
    assert!(3.0 == x);
    assert!(x != 2.0);
    assert!(x >= 3.0);
    let y = HyperDual::<f32, 2>::variable(-1.0, 1);
    assert!(y < 0.0f32);
    assert!(1.0f32 > y);
    assert!(y == -1.0f32);
    let nested = Dual::<Dual<f64, 1>, 1>::from_float(2.0);
    assert!(nested > 1.0);
    assert!(1.0 < nested);
    assert!(nested == 2.0);
    assert!(
        Dual::<f64, 1>::from_float(f64::NAN)
            .partial_cmp(&0.0)
            .is_none()
    ); // as for floats
    let (f, df) = monodual::derivative(|t| if t > 0.0 { t * t } else { -t }, 2.0);
    assert_eq!((f, df), (4.0, 4.0));
}

#[test]
fn float_exponent_and_constant_matrix_in_generic_code() {
    fn model<S: Scalar>(x: &Vector2<S>) -> S {
        let k = Matrix2::new(2.0, 1.0, 1.0, 3.0);
        let kx = k.map(lift) * x;
        x.dot(&kx) + x[0].powf(lift(1.5))
    }
    let x = Vector2::new(4.0, 1.0);
    let (f, g) = monodual::gradient(|x| model(&x), x);
    assert_eq!(f, 32.0 + 8.0 + 3.0 + 8.0);
    // ∇(xᵀKx) = 2Kx, (x₀^1.5)′ = 1.5 x₀^0.5
    assert_eq!(g, Vector2::new(2.0 * 9.0 + 3.0, 2.0 * 7.0));
    let x32 = Vector2::new(4.0f32, 1.0);
    fn model32<S: Scalar<f32>>(x: &Vector2<S>) -> S {
        x[0].powf(lift(0.5)) * 2.0f32
    }
    let (_, g32) = monodual::gradient(|x| model32(&x), x32);
    assert_eq!(g32[0], 0.5);
}

/// Written against `num_traits::Float` only, as the ecosystem writes it.
fn float_generic<T: Float + FloatConst>(x: &[T]) -> T {
    let two = T::from(2.0).unwrap();
    let mut total = T::zero();
    for (i, &xi) in x.iter().enumerate() {
        let w = T::from(i + 1).unwrap();
        total = total
            + w * xi.powi(2)
            + (xi * T::PI()).sin() / two
            + xi.exp().ln_1p()
            + xi.hypot(two).sqrt()
            + xi.to_degrees() * T::from(1e-3).unwrap()
            + Float::max(xi, T::zero()).powf(two);
    }
    total
}

#[test]
fn float_code_runs_on_every_number_type() {
    let x = Vector2::new(0.3, -0.8);
    let plain = float_generic(x.as_slice());
    let (f, g) = monodual::gradient(|x| float_generic(x.as_slice()), x);
    let (fh, gh, h) = monodual::hessian(|x| float_generic(x.as_slice()), x);
    let v = Vector2::new(1.0, -2.0);
    let (fv, gv, hv) = monodual::hessian_vector_product(|x| float_generic(x.as_slice()), x, v);
    assert_eq!((f, fh, fv), (plain, plain, plain));
    assert_relative_eq!(g, gh, max_relative = 1e-15);
    assert_relative_eq!(g, gv, max_relative = 1e-15);
    assert_relative_eq!(h * v, hv, max_relative = 1e-14);
    // the separable function's closed form, variable by variable
    for i in 0..2 {
        let (xi, w) = (x[i], (i + 1) as f64);
        let pi = core::f64::consts::PI;
        let s = xi.exp() / (1.0 + xi.exp()); // d/dx ln(1 + eˣ)
        let r = (xi * xi + 4.0).sqrt(); // hypot(x, 2)
        let relu = f64::max(xi, 0.0);
        let d1 = 2.0 * w * xi
            + pi * (xi * pi).cos() / 2.0
            + s
            + xi / (2.0 * r.powf(1.5))
            + 180.0 / pi * 1e-3
            + 2.0 * relu;
        let d2 = 2.0 * w - pi * pi * (xi * pi).sin() / 2.0
            + s * (1.0 - s)
            + (1.0 / (2.0 * r.powf(1.5)) - 3.0 * xi * xi / (4.0 * r.powf(3.5)))
            + if xi > 0.0 { 2.0 } else { 0.0 };
        assert_relative_eq!(g[i], d1, max_relative = 1e-13);
        assert_relative_eq!(h[(i, i)], d2, max_relative = 1e-13);
    }
    assert_eq!(h[(0, 1)], 0.0);
}

#[test]
fn float_conversions_and_constants_read_and_set_the_value() {
    type D = Dual<f64, 2>;
    type Nested = Dual<Dual<f64, 1>, 2>;
    let x = D::variable(2.75, 1);
    assert_eq!(x.to_i64(), Some(2));
    assert_eq!(x.to_f32(), Some(2.75f32));
    assert_eq!(<D as NumCast>::from(7u8).unwrap(), D::from_float(7.0));
    assert_eq!(
        <D as NumCast>::from(7u8).unwrap().gradient(),
        SVector::<f64, 2>::zeros()
    );
    assert_eq!(
        <Nested as NumCast>::from(1.5f32).unwrap().value().value(),
        1.5
    );
    assert_eq!(<D as FloatConst>::PI().value(), core::f64::consts::PI);
    assert_eq!(
        <HyperDual<f32, 2> as FloatConst>::TAU().value(),
        core::f32::consts::TAU
    );
    assert!(<D as Float>::nan().is_nan());
    assert!(Float::is_infinite(D::infinity()) && D::neg_infinity() < 0.0);
    assert_eq!(<D as Float>::epsilon(), f64::EPSILON);
    assert_eq!(Float::classify(x), core::num::FpCategory::Normal);
    assert_eq!(Float::integer_decode(x), Float::integer_decode(2.75f64));
    assert!(Float::is_sign_negative(<D as Float>::neg_zero()));
    // to_degrees scales every part by the same factor, value as f64's
    let deg = Float::to_degrees(x);
    assert_eq!(deg.value(), 2.75f64.to_degrees());
    assert_eq!(deg.gradient()[1], 1f64.to_degrees());
    // clamp never panics, whatever the bounds
    assert_eq!(Float::clamp(x, D::from_float(3.0), D::from_float(1.0)), 3.0);
}

#[test]
fn real_field_code_is_unchanged() {
    fn needs_real_field<S: RealField + Copy>(x: S, y: S) -> S {
        x.sin() * y.powi(2) + x.max(y) + S::one()
    }
    let (f, g) = monodual::gradient(|x| needs_real_field(x[0], x[1]), Vector2::new(0.5, 2.0));
    assert_eq!(f, needs_real_field(0.5, 2.0));
    assert_relative_eq!(
        g,
        Vector2::new(0.5f64.cos() * 4.0, 0.5f64.sin() * 4.0 + 1.0)
    );
}

/// Generic code that names both `Scalar` and `Float` (to call a
/// `Float`-generic function) writes shared method names in the qualified
/// form; a plain `x.sin()` there would be ambiguous.
#[test]
fn scalar_and_float_together_use_qualified_calls() {
    fn both<S: Scalar + Float + FloatConst>(x: &SVector<S, 2>) -> S {
        float_generic(x.as_slice())
            + Float::sin(x[0]) * 2.0
            + nalgebra::ComplexField::sqrt(x[1] * x[1])
    }
    let x = Vector2::new(0.3, -0.8);
    let (f, g) = monodual::gradient(|x| both(&x), x);
    assert_eq!(f, both(&x));
    let (_, g_float) = monodual::gradient(|x| float_generic(x.as_slice()), x);
    assert_relative_eq!(g[0], g_float[0] + 2.0 * 0.3f64.cos(), max_relative = 1e-15);
    assert_relative_eq!(g[1], g_float[1] - 1.0, max_relative = 1e-15);
}
