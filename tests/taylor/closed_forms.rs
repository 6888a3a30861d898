//! Coefficients against closed forms written here independently: order 20
//! on exp, sin, 1/(1 − x), √(1 + x) and compositions; nested duals; a
//! polynomial along a line; sinc and sinhc near 0.

use monodual::{Dual, HyperDual, Scalar, Taylor};
use nalgebra::{SVector, Vector2};

use crate::{ORDER_20_TOL, assert_relative, binomial, close, factorial};

#[test]
fn order_20_exponential() {
    let x = 0.7;
    let c: [f64; 21] = monodual::taylor_univariate(|x| x.exp(), x);
    for (k, &ck) in c.iter().enumerate() {
        // eˣ⁺ᵗ = eˣ Σ tᵏ/k!
        assert_relative("exp", k, ck, x.exp() / factorial(k), ORDER_20_TOL);
    }
}

#[test]
fn order_20_sine() {
    let x = 0.7;
    let c: [f64; 21] = monodual::taylor_univariate(|x| x.sin(), x);
    for (k, &ck) in c.iter().enumerate() {
        // sin⁽ᵏ⁾ x = sin, cos, −sin, −cos by k mod 4
        let derivative = [x.sin(), x.cos(), -x.sin(), -x.cos()][k % 4];
        assert_relative("sin", k, ck, derivative / factorial(k), ORDER_20_TOL);
    }
}

#[test]
fn order_20_geometric() {
    let x = 0.3;
    let c: [f64; 21] = monodual::taylor_univariate(|x| 1.0 / (1.0 - x), x);
    for (k, &ck) in c.iter().enumerate() {
        // 1/(1 − x − t) = Σ tᵏ/(1 − x)^{k+1}
        let expected = (1.0 / 0.7f64).powi(k as i32 + 1);
        assert_relative("1/(1 − x)", k, ck, expected, ORDER_20_TOL);
    }
}

#[test]
fn order_20_square_root() {
    let x = 0.4;
    let c: [f64; 21] = monodual::taylor_univariate(|x| (1.0 + x).sqrt(), x);
    for (k, &ck) in c.iter().enumerate() {
        // √(1 + x + t) = Σ binom(½, k) (1 + x)^{½ − k} tᵏ
        let expected = binomial(0.5, k) * 1.4f64.powf(0.5 - k as f64);
        assert_relative("√(1 + x)", k, ck, expected, ORDER_20_TOL);
    }
}

#[test]
fn order_20_compositions() {
    // −ln(1 − x − t) = −ln(1 − x) + Σ_{k≥1} tᵏ/(k (1 − x)ᵏ): ln ∘ recip ∘ (1 − ·)
    let x = 0.35;
    let c: [f64; 21] = monodual::taylor_univariate(|x| (1.0 - x).recip().ln(), x);
    assert_relative("ln(1/(1 − x))", 0, c[0], -(0.65f64.ln()), ORDER_20_TOL);
    for (k, &ck) in c.iter().enumerate().skip(1) {
        let expected = 1.0 / (k as f64 * 0.65f64.powi(k as i32));
        assert_relative("ln(1/(1 − x))", k, ck, expected, ORDER_20_TOL);
    }

    // ln(√(1 + x)) = ½ ln(1 + x): ½ (−1)^{k+1}/(k (1 + x)ᵏ), through sqrt and ln
    let c: [f64; 21] = monodual::taylor_univariate(|x| (x + 1.0).sqrt().ln(), x);
    for (k, &ck) in c.iter().enumerate().skip(1) {
        let sign = if k % 2 == 1 { 1.0 } else { -1.0 };
        let expected = 0.5 * sign / (k as f64 * 1.35f64.powi(k as i32));
        assert_relative("ln √(1 + x)", k, ck, expected, ORDER_20_TOL);
    }

    // e^{sin x}·cos x = d/dx e^{sin x}: c_k of the product is (k + 1) c_{k+1}
    // of e^{sin x}, two different paths (a product; exp ∘ sin one order up)
    let product: [f64; 21] = monodual::taylor_univariate(|x| x.sin().exp() * x.cos(), x);
    let outer: [f64; 22] = monodual::taylor_univariate(|x| x.sin().exp(), x);
    for k in 0..21 {
        let expected = (k + 1) as f64 * outer[k + 1];
        assert_relative("e^{sin x} cos x", k, product[k], expected, ORDER_20_TOL);
    }

    // atan(tan x) = x and asin(sin x) = x on (−π/2, π/2): every coefficient
    // from order 2 on is 0
    for (name, c) in [
        (
            "atan ∘ tan",
            monodual::taylor_univariate::<f64, _, 21>(|x| x.tan().atan(), x),
        ),
        (
            "asin ∘ sin",
            monodual::taylor_univariate::<f64, _, 21>(|x| x.sin().asin(), x),
        ),
    ] {
        assert!(
            close(c[0], x, 1e-15) && close(c[1], 1.0, 1e-14),
            "{name}: {c:?}"
        );
        assert!(c[2..].iter().all(|ck| ck.abs() < 1e-13), "{name}: {c:?}");
    }

    // tan by its ODE against sin/cos by the quotient recurrence, order 20
    let tan: [f64; 21] = monodual::taylor_univariate(|x| x.tan(), x);
    let quotient: [f64; 21] = monodual::taylor_univariate(|x| x.sin() / x.cos(), x);
    for k in 0..21 {
        assert_relative("tan vs sin/cos", k, tan[k], quotient[k], ORDER_20_TOL);
    }
}

/// exp(sin x)/(1 + x²) at orders 1–3 against `second_derivative` and a
/// nested `Dual<HyperDual>` for f‴.
#[test]
fn composition_against_nested_duals() {
    fn f<S: Scalar>(x: S) -> S {
        x.sin().exp() / (x * x + 1.0)
    }
    for x in [-1.3, -0.2, 0.4, 2.1] {
        let c: [f64; 4] = monodual::taylor_univariate(f, x);
        let (value, d1, d2) = monodual::second_derivative(f, x);
        let nested = f(Dual::<HyperDual<f64, 1>, 1>::new(
            HyperDual::variable(x, 0),
            nalgebra::Vector1::new(HyperDual::constant(1.0)),
        ));
        let d3 = nested.gradient()[0].hessian()[(0, 0)];
        assert_eq!(c[0], value);
        assert!(close(c[1], d1, 1e-14), "c1 {} vs {d1}", c[1]);
        assert!(close(c[2], d2 / 2.0, 1e-14), "c2 {} vs {}", c[2], d2 / 2.0);
        assert!(close(c[3], d3 / 6.0, 1e-13), "c3 {} vs {}", c[3], d3 / 6.0);
    }
}

/// Along a line in ℝᴺ: the coefficients of a polynomial, expanded here by hand.
#[test]
fn rosenbrock_along_a_line() {
    fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
        (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
    }
    let (x, v) = (Vector2::new(-1.2, 1.0), Vector2::new(0.5, 2.0));
    let c: [f64; 6] = monodual::taylor(|x| rosenbrock(&x), x, v);
    // u = x₁ − x₀² along the line: (c − a²) + (d − 2ab)t − b²t²
    let (a, b, cc, d) = (x[0], v[0], x[1], v[1]);
    let u = [cc - a * a, d - 2.0 * a * b, -b * b];
    let w = [a - 1.0, b, 0.0];
    let mut expected = [0.0; 6];
    for i in 0..3 {
        for j in 0..3 {
            expected[i + j] += 100.0 * u[i] * u[j] + w[i] * w[j];
        }
    }
    let scale = expected.iter().fold(0.0f64, |m, e| m.max(e.abs()));
    for k in 0..6 {
        assert!(
            (c[k] - expected[k]).abs() <= 1e-14 * scale,
            "c{k}: {} vs {}",
            c[k],
            expected[k]
        );
    }
    // a quartic: nothing beyond t⁴
    assert_eq!(c[5], 0.0);
    // c₁ = ∇fᵀv, 2c₂ = vᵀHv
    let (_, g, h) = monodual::hessian(|x| rosenbrock(&x), x);
    assert!(close(c[1], g.dot(&v), 1e-14));
    assert!(close(2.0 * c[2], v.dot(&(h * v)), 1e-14));
}

/// sinc and sinhc near 0, where sin x / x cancels: every coefficient
/// against the power series Σ (∓1)ᵐ (x₀ + t)^{2m}/(2m + 1)!, expanded here
/// by the binomial theorem.
#[test]
fn sinc_and_sinhc_near_zero_against_their_series() {
    use nalgebra::ComplexField;
    for x in [0.0, 1e-8, 0.01, -0.3, 0.9] {
        let sinc = ComplexField::sinc(Taylor::<f64, 16>::variable(x)).coefficients();
        let sinhc = ComplexField::sinhc(Taylor::<f64, 16>::variable(x)).coefficients();
        for k in 0..16 {
            // [tᵏ] (x + t)^{2m} = binom(2m, k) x^{2m−k}
            let (mut alternating, mut positive) = (0.0, 0.0);
            for m in 0..30 {
                if 2 * m < k {
                    continue;
                }
                let term =
                    binomial(2.0 * m as f64, k) * x.powi((2 * m - k) as i32) / factorial(2 * m + 1);
                alternating += if m % 2 == 1 { -term } else { term };
                positive += term;
            }
            let scale = 1.0 / factorial(k + 1);
            assert!(
                (sinc[k] - alternating).abs() <= 1e-15 * scale.max(alternating.abs()),
                "sinc at {x}: c{k} = {:e} vs {alternating:e}",
                sinc[k]
            );
            assert!(
                (sinhc[k] - positive).abs() <= 1e-15 * scale.max(positive.abs()),
                "sinhc at {x}: c{k} = {:e} vs {positive:e}",
                sinhc[k]
            );
        }
    }
}
