//! The traits generic code uses: operators with floats, references and
//! assignment; num-traits, approx, Display; nalgebra routines; nesting.

use monodual::{Dual, Real, Scalar, Taylor};
use nalgebra::{Matrix3, SVector, Vector3};

use crate::{assert_relative, close, factorial};

// The operators on references are part of what is tested.
#[allow(clippy::op_ref)]
#[test]
fn operators_with_floats_references_and_assignment() {
    type T = Taylor<f64, 3>;
    let x = T::variable(2.0);
    let y = T::linear(1.0, 3.0);
    assert_eq!((x + y).coefficients(), [3.0, 4.0, 0.0]);
    assert_eq!((x - y).coefficients(), [1.0, -2.0, 0.0]);
    assert_eq!((&x * &y).coefficients(), [2.0, 7.0, 3.0]);
    assert_eq!((x * 2.0).coefficients(), [4.0, 2.0, 0.0]);
    assert_eq!((2.0 * x).coefficients(), [4.0, 2.0, 0.0]);
    assert_eq!((1.0 - x).coefficients(), [-1.0, -1.0, 0.0]);
    assert_eq!((x / 2.0).coefficients(), [1.0, 0.5, 0.0]);
    // 1/(2 + t) = ½ − t/4 + t²/8
    assert_eq!((1.0 / x).coefficients(), [0.5, -0.25, 0.125]);
    assert_eq!((x % 1.5).coefficients(), [0.5, 1.0, 0.0]);
    assert_eq!((-&x).coefficients(), [-2.0, -1.0, 0.0]);
    let mut z = x;
    z += y;
    z -= 1.0;
    z *= &y;
    z /= 2.0;
    // ((2 + t) + (1 + 3t) − 1)(1 + 3t)/2 = (2 + 4t)(1 + 3t)/2 = 1 + 5t + 6t²
    assert_eq!(z.coefficients(), [1.0, 5.0, 6.0]);
    let s: T = [x, y].iter().sum();
    let p: T = [x, y].into_iter().product();
    assert_eq!(s.coefficients(), [3.0, 4.0, 0.0]);
    assert_eq!(p.coefficients(), [2.0, 7.0, 3.0]);
    assert!(x > y && x == T::constant(2.0) && x != y);
    let f32_x = Taylor::<f32, 2>::variable(1.0);
    assert_eq!((f32_x * 2.0f32 + 1.0f32).coefficients(), [3.0, 2.0]);
}

#[test]
fn num_traits_approx_and_display() {
    use approx::assert_relative_eq;
    use num_traits::{One, Zero};
    type T = Taylor<f64, 3>;
    assert_eq!(T::zero().coefficients(), [0.0; 3]);
    assert_eq!(T::one().coefficients(), [1.0, 0.0, 0.0]);
    let x = T::variable(0.5).exp();
    let y = T::new(x.coefficients().map(|c| c * (1.0 + 1e-15)));
    assert_relative_eq!(x, y, max_relative = T::constant(1e-14));
    assert!(!approx::relative_eq!(
        x,
        T::constant(x.value()),
        max_relative = T::constant(1e-14)
    ));
    assert_eq!(format!("{}", T::new([1.0, 2.0, 0.5])), "1 + 2t + 0.5t²");
    assert_eq!(
        format!("{:.1}", Taylor::new([1.0; 12]))
            .matches("t¹¹")
            .count(),
        1
    );
    assert_eq!(T::from_float(2.0).to_float(), 2.0);
    assert!(T::from_float(0.0).is_exactly_zero() && !T::variable(0.0).is_exactly_zero());
}

/// nalgebra routines on series: det(A + tB) and log det(A + tB) by Cholesky,
/// against their closed forms.
#[test]
fn nalgebra_routines_along_a_line() {
    let a = Matrix3::new(4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0);
    let b = Matrix3::new(0.3, -0.2, 0.1, -0.2, 0.5, 0.0, 0.1, 0.0, -0.4);
    let m = a.zip_map(&b, |a, b| Taylor::<f64, 4>::new([a, b, 0.0, 0.0]));
    // det(A + tB) is a cubic: c₀ = det A, c₃ = det B, c₁ = tr(adj(A) B)
    let det = m.determinant().coefficients();
    let a_inv = a.try_inverse().unwrap();
    assert!(close(det[0], a.determinant(), 1e-14));
    assert!(close(det[3], b.determinant(), 1e-13));
    assert!(close(det[1], a.determinant() * (a_inv * b).trace(), 1e-13));

    // log det(A + tB) = log det A + t tr(A⁻¹B) − t²/2 tr((A⁻¹B)²) + t³/3 tr((A⁻¹B)³)
    let l = m.cholesky().expect("positive definite").unpack();
    let log_det = l
        .diagonal()
        .iter()
        .fold(Taylor::<f64, 4>::constant(0.0), |s, d| s + d.ln() * 2.0)
        .coefficients();
    let p = a_inv * b;
    let expected = [
        a.determinant().ln(),
        p.trace(),
        -(p * p).trace() / 2.0,
        (p * p * p).trace() / 3.0,
    ];
    for k in 0..4 {
        assert!(
            close(log_det[k], expected[k], 1e-13),
            "c{k}: {} vs {}",
            log_det[k],
            expected[k]
        );
    }

    // A Scalar function of a vector through `taylor`
    fn norm_exp<S: Scalar>(x: &SVector<S, 3>) -> S {
        x.norm().exp()
    }
    let (x, v) = (Vector3::new(1.0, 2.0, 2.0), Vector3::new(1.0, 2.0, 2.0));
    // |x + tx| = 3(1 + t): e^{3 + 3t}, cₖ = e³ 3ᵏ/k!
    let c: [f64; 10] = monodual::taylor(|x| norm_exp(&x), x, v);
    for (k, &ck) in c.iter().enumerate() {
        assert_relative(
            "e^|x|",
            k,
            ck,
            3f64.exp() * 3f64.powi(k as i32) / factorial(k),
            1e-13,
        );
    }
}

/// Series of dual numbers: every coefficient differentiated with respect
/// to two parameters of the function.
#[test]
fn nesting_dual_inside_taylor() {
    // f(t; a, b) = e^{a t} b: cₖ = aᵏ b / k!, ∂cₖ/∂a = k aᵏ⁻¹ b / k!, ∂cₖ/∂b = aᵏ/k!
    let (a, b) = (
        Dual::<f64, 2>::variable(0.7, 0),
        Dual::<f64, 2>::variable(1.3, 1),
    );
    let t = Taylor::<Dual<f64, 2>, 8>::variable(Dual::constant(0.0));
    let c = ((t * Taylor::constant(a)).exp() * Taylor::constant(b)).coefficients();
    for (k, ck) in c.iter().enumerate() {
        let kf = k as f64;
        let fact = factorial(k);
        assert!(close(ck.value(), 0.7f64.powi(k as i32) * 1.3 / fact, 1e-14));
        let da = if k == 0 {
            0.0
        } else {
            kf * 0.7f64.powi(k as i32 - 1) * 1.3 / fact
        };
        assert!(close(ck.gradient()[0], da, 1e-14), "∂c{k}/∂a");
        assert!(
            close(ck.gradient()[1], 0.7f64.powi(k as i32) / fact, 1e-14),
            "∂c{k}/∂b"
        );
    }
}

/// A series of series: f(x + s, y + t) = Σ c_{jk} sʲ tᵏ, and a `Dual` of
/// series: the gradient of every coefficient.
#[test]
fn nesting_taylor_inside_taylor_and_inside_dual() {
    // e^{x+y} at (0.3, −0.1): c_{jk} = e^{0.2}/(j! k!)
    type Inner = Taylor<f64, 5>;
    let x = Taylor::<Inner, 4>::variable(Inner::constant(0.3));
    let y = Taylor::<Inner, 4>::constant(Inner::variable(-0.1));
    let c = (x + y).exp().coefficients();
    for (j, cj) in c.iter().enumerate() {
        for (k, &cjk) in cj.coefficients().iter().enumerate() {
            let expected = 0.2f64.exp() / (factorial(j) * factorial(k));
            assert_relative("e^{x+y}", 10 * j + k, cjk, expected, 1e-15);
        }
    }

    // ∇ of the coefficients of e^{at} sin(bt) at (a, b) = (0.5, 2), by
    // Dual<Taylor>
    let a = Dual::<Taylor<f64, 6>, 2>::variable(Taylor::constant(0.5), 0);
    let b = Dual::<Taylor<f64, 6>, 2>::variable(Taylor::constant(2.0), 1);
    let t = Dual::<Taylor<f64, 6>, 2>::constant(Taylor::variable(0.0));
    let f = (a * t).exp() * (b * t).sin();
    let value = f.value().coefficients();
    let d_a = f.gradient()[0].coefficients();
    // ∂/∂a e^{at} sin(bt) = t e^{at} sin(bt): coefficient k is value's k − 1
    for k in 1..6 {
        assert!(
            close(d_a[k], value[k - 1], 1e-15),
            "∂c{k}/∂a {} vs {}",
            d_a[k],
            value[k - 1]
        );
    }
    assert_eq!(d_a[0], 0.0);
}
