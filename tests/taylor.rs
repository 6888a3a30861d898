//! Taylor mode: order-20 coefficients against closed forms written here
//! independently; every elementary function against `second_derivative`
//! (orders 1 and 2), against finite differences of its own lower-order
//! coefficients and against a nested `Dual` (every order); the edge-case
//! convention; the traits generic code uses; f32.

use monodual::{Dual, HyperDual, Real, Scalar, Taylor};
use nalgebra::{Matrix3, SVector, Vector2, Vector3};

/// Relative tolerance of the closed forms at order 20 (the goal).
const ORDER_20_TOL: f64 = 1e-13;

/// `got` within `tol` of `expected`, relative to |expected| (absolute below 1).
fn close(got: f64, expected: f64, tol: f64) -> bool {
    (got - expected).abs() <= tol * expected.abs().max(1.0)
}

/// Strictly relative: |got − expected| ≤ tol |expected|.
fn assert_relative(case: &str, k: usize, got: f64, expected: f64, tol: f64) {
    assert!(
        (got - expected).abs() <= tol * expected.abs(),
        "{case}: c{k} = {got:e}, closed form {expected:e}, relative error {:e}",
        ((got - expected) / expected).abs()
    );
}

fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

/// binom(r, k) = r(r − 1)⋯(r − k + 1)/k!
fn binomial(r: f64, k: usize) -> f64 {
    (0..k).map(|i| (r - i as f64) / (i + 1) as f64).product()
}

// ------------------------------------------------ order 20, closed forms

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

// ------------------------------------------ every function, every order

#[derive(Clone, Copy, Debug)]
enum Op {
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Ln1p,
    Log2,
    Log10,
    Log3,
    Recip,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Abs,
    Fract,
    Powi(i32),
    Powf(f64),
    Pow,
    Atan2,
    Hypot,
    Div,
    Rem,
    MulAdd,
    Sinc,
    Sinhc,
    Min,
    Max,
    Copysign,
    SinCos,
    Signum,
    Floor,
    Ceil,
    Round,
    Trunc,
    Clamp,
}

/// The function as generic code calls it (nalgebra's `RealField` methods);
/// the two-argument ones take their second argument as a function of x.
fn eval<S: Real>(op: Op, x: S) -> S {
    let float = |v: f64| S::from_subset(&v);
    let other = x * x + float(0.5); // a second argument that moves with x
    match op {
        Op::Sqrt => x.sqrt(),
        Op::Cbrt => x.cbrt(),
        Op::Exp => x.exp(),
        Op::Exp2 => x.exp2(),
        Op::ExpM1 => x.exp_m1(),
        Op::Ln => x.ln(),
        Op::Ln1p => x.ln_1p(),
        Op::Log2 => x.log2(),
        Op::Log10 => x.log10(),
        Op::Log3 => x.log(float(3.0)),
        Op::Recip => x.recip(),
        Op::Sin => x.sin(),
        Op::Cos => x.cos(),
        Op::Tan => x.tan(),
        Op::Asin => x.asin(),
        Op::Acos => x.acos(),
        Op::Atan => x.atan(),
        Op::Sinh => x.sinh(),
        Op::Cosh => x.cosh(),
        Op::Tanh => x.tanh(),
        Op::Asinh => x.asinh(),
        Op::Acosh => x.acosh(),
        Op::Atanh => x.atanh(),
        Op::Abs => x.abs(),
        Op::Fract => x.fract(),
        Op::Powi(n) => x.powi(n),
        Op::Powf(a) => x.powf(float(a)),
        Op::Pow => x.powf(other),
        Op::Atan2 => x.atan2(other - float(1.0)),
        Op::Hypot => x.hypot(other),
        Op::Div => x / other,
        Op::Rem => (x * float(3.0)) % other,
        Op::MulAdd => x.mul_add(other, x.sin()),
        Op::Sinc => x.sinc(),
        Op::Sinhc => x.sinhc(),
        Op::Min => x.min(other - float(0.5)),
        Op::Max => x.max(other - float(0.5)),
        Op::Copysign => x.copysign(float(-1.0)),
        Op::SinCos => {
            let (s, c) = x.sin_cos();
            s * c
        }
        Op::Signum => x.signum(),
        Op::Floor => x.floor(),
        Op::Ceil => x.ceil(),
        Op::Round => x.round(),
        Op::Trunc => x.trunc(),
        Op::Clamp => x.clamp(float(-1.0), float(1.0)),
    }
}

/// Every function with points inside its domain (away from kinks and steps).
fn cases() -> Vec<(Op, &'static [f64])> {
    const POSITIVE: &[f64] = &[0.15, 0.8, 2.5, 7.0];
    const WIDE: &[f64] = &[-2.3, -0.6, 0.3, 1.7];
    const UNIT: &[f64] = &[-0.85, -0.3, 0.2, 0.7];
    const ABOVE_ONE: &[f64] = &[1.2, 2.0, 5.5];
    const NONZERO: &[f64] = &[-3.1, -0.4, 0.45, 2.2];
    const BETWEEN_STEPS: &[f64] = &[-2.3, 0.3, 3.7];
    vec![
        (Op::Sqrt, POSITIVE),
        (Op::Cbrt, NONZERO),
        (Op::Exp, WIDE),
        (Op::Exp2, WIDE),
        (Op::ExpM1, WIDE),
        (Op::Ln, POSITIVE),
        (Op::Ln1p, &[-0.6, 0.001, 1.5]),
        (Op::Log2, POSITIVE),
        (Op::Log10, POSITIVE),
        (Op::Log3, POSITIVE),
        (Op::Recip, NONZERO),
        (Op::Sin, WIDE),
        (Op::Cos, WIDE),
        (Op::Tan, &[-1.2, -0.3, 0.5, 1.1]),
        (Op::Asin, UNIT),
        (Op::Acos, UNIT),
        (Op::Atan, WIDE),
        (Op::Sinh, WIDE),
        (Op::Cosh, WIDE),
        (Op::Tanh, WIDE),
        (Op::Asinh, WIDE),
        (Op::Acosh, ABOVE_ONE),
        (Op::Atanh, UNIT),
        (Op::Abs, NONZERO),
        (Op::Fract, BETWEEN_STEPS),
        (Op::Powi(3), NONZERO),
        (Op::Powi(-2), NONZERO),
        (Op::Powi(7), NONZERO),
        (Op::Powf(2.5), POSITIVE),
        (Op::Powf(-0.7), POSITIVE),
        (Op::Pow, &[0.15, 0.8, 1.6]),
        (Op::Atan2, WIDE),
        (Op::Hypot, WIDE),
        (Op::Div, WIDE),
        (Op::Rem, &[0.3, 1.1, 2.6]),
        (Op::MulAdd, WIDE),
        (Op::Sinc, &[-2.0, -1.0, -0.5, 0.7, 3.0]),
        (Op::Sinhc, &[-2.0, -0.5, 0.7, 1.0, 3.0]),
        // x against x²: the first below 1, the second above
        (Op::Min, &[-1.5, 0.4, 2.0]),
        (Op::Max, &[-1.5, 0.4, 2.0]),
        (Op::Copysign, NONZERO),
        (Op::SinCos, WIDE),
        (Op::Signum, NONZERO),
        (Op::Floor, BETWEEN_STEPS),
        (Op::Ceil, BETWEEN_STEPS),
        (Op::Round, BETWEEN_STEPS),
        (Op::Trunc, BETWEEN_STEPS),
        (Op::Clamp, &[-2.3, 0.3, 1.7]),
    ]
}

#[test]
fn every_function_at_orders_1_and_2_matches_second_derivative() {
    for (op, points) in cases() {
        for &x in points {
            let c: [f64; 3] = monodual::taylor_univariate(|x| eval(op, x), x);
            let (value, d1, d2) = monodual::second_derivative(|x| eval(op, x), x);
            assert_eq!(
                c[0].to_bits(),
                eval(op, x).to_bits(),
                "{op:?} at {x}: value {} vs f64 {}",
                c[0],
                eval(op, x)
            );
            assert_eq!(c[0], value, "{op:?} at {x}");
            assert!(
                close(c[1], d1, 1e-13),
                "{op:?} at {x}: c1 {} vs f′ {d1}",
                c[1]
            );
            assert!(
                close(2.0 * c[2], d2, 1e-13),
                "{op:?} at {x}: 2c2 {} vs f″ {d2}",
                2.0 * c[2]
            );
        }
    }
}

/// cₖ(x) = f⁽ᵏ⁾(x)/k!, so d/dx cₖ = (k + 1) c_{k+1}: checked exactly with a
/// `Dual` inside the series, and against central differences of cₖ.
#[test]
fn every_function_at_higher_orders_matches_derivatives_of_lower_coefficients() {
    const K: usize = 12;
    for (op, points) in cases() {
        for &x in points {
            let c: [f64; K] = monodual::taylor_univariate(|x| eval(op, x), x);

            // Taylor<Dual<f64, 1>, K>: each coefficient carries its x-derivative
            let nested = eval(
                op,
                Taylor::<Dual<f64, 1>, K>::variable(Dual::variable(x, 0)),
            );
            let nested = nested.coefficients();
            for k in 0..K - 1 {
                let d_ck = nested[k].gradient()[0];
                let expected = (k + 1) as f64 * c[k + 1];
                let scale = c.iter().map(|c| c.abs()).fold(1.0, f64::max) * (k + 1) as f64;
                assert!(
                    (d_ck - expected).abs() <= 1e-12 * scale,
                    "{op:?} at {x}: d/dx c{k} = {d_ck:e}, (k + 1) c{} = {expected:e}",
                    k + 1
                );
            }

            // Five-point central differences of cₖ, orders 2 … 7
            let h = 1e-3 * x.abs().max(0.1);
            let at = |t: f64| -> [f64; K] { monodual::taylor_univariate(|x| eval(op, x), t) };
            let (m2, m1, p1, p2) = (at(x - 2.0 * h), at(x - h), at(x + h), at(x + 2.0 * h));
            for k in 2..8 {
                let fd = (m2[k] - 8.0 * m1[k] + 8.0 * p1[k] - p2[k]) / (12.0 * h);
                let expected = (k + 1) as f64 * c[k + 1];
                let scale = (0..=k + 2).map(|i| c[i].abs()).fold(1.0, f64::max) * (k + 1) as f64;
                assert!(
                    (fd - expected).abs() <= 1e-6 * scale,
                    "{op:?} at {x}: finite difference of c{k} = {fd:e}, (k + 1) c{} = {expected:e}",
                    k + 1
                );
            }
        }
    }
}

// ------------------------------------------------------------- edge cases

/// The same number, or both NaN (signs of zeros aside).
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

/// At the points of the crate's edge-case table, c₁ and 2c₂ of x₀ + t are
/// the f′ and f″ that `HyperDual` gives, infinities and NaN included.
/// A row: name, point, the function on series and on `HyperDual`.
type EdgeRow = (
    &'static str,
    f64,
    fn(Taylor<f64, 3>) -> Taylor<f64, 3>,
    fn(HyperDual<f64, 1>) -> HyperDual<f64, 1>,
);

#[test]
fn edge_points_match_hyperdual_at_orders_1_and_2() {
    let rows: Vec<EdgeRow> = vec![
        ("sqrt(+0)", 0.0, |x| x.sqrt(), |x| x.sqrt()),
        ("sqrt(−0)", -0.0, |x| x.sqrt(), |x| x.sqrt()),
        ("sqrt(∞)", f64::INFINITY, |x| x.sqrt(), |x| x.sqrt()),
        ("cbrt(+0)", 0.0, |x| x.cbrt(), |x| x.cbrt()),
        ("cbrt(−0)", -0.0, |x| x.cbrt(), |x| x.cbrt()),
        ("cbrt(∞)", f64::INFINITY, |x| x.cbrt(), |x| x.cbrt()),
        ("abs(+0)", 0.0, |x| x.abs(), |x| x.abs()),
        ("abs(−0)", -0.0, |x| x.abs(), |x| x.abs()),
        ("floor(2)", 2.0, |x| x.floor(), |x| x.floor()),
        ("round(0.5)", 0.5, |x| x.round(), |x| x.round()),
        ("signum(0)", 0.0, |x| x.signum(), |x| x.signum()),
        ("powi(0, 0)", 0.0, |x| x.powi(0), |x| x.powi(0)),
        ("powi(0, 1)", 0.0, |x| x.powi(1), |x| x.powi(1)),
        ("powi(0, 2)", 0.0, |x| x.powi(2), |x| x.powi(2)),
        ("powi(0, 3)", 0.0, |x| x.powi(3), |x| x.powi(3)),
        ("powi(0, −1)", 0.0, |x| x.powi(-1), |x| x.powi(-1)),
        ("powi(−0, −1)", -0.0, |x| x.powi(-1), |x| x.powi(-1)),
        ("powi(0, −2)", 0.0, |x| x.powi(-2), |x| x.powi(-2)),
        ("powf(0, 0)", 0.0, |x| x.powf(0.0), |x| x.powf(0.0)),
        ("powf(0, 1)", 0.0, |x| x.powf(1.0), |x| x.powf(1.0)),
        ("powf(0, 2)", 0.0, |x| x.powf(2.0), |x| x.powf(2.0)),
        ("powf(0, 0.5)", 0.0, |x| x.powf(0.5), |x| x.powf(0.5)),
        ("powf(−0, 0.5)", -0.0, |x| x.powf(0.5), |x| x.powf(0.5)),
        ("powf(0, 2.5)", 0.0, |x| x.powf(2.5), |x| x.powf(2.5)),
        ("powf(0, −1.5)", 0.0, |x| x.powf(-1.5), |x| x.powf(-1.5)),
        (
            "powf(∞, 2)",
            f64::INFINITY,
            |x| x.powf(2.0),
            |x| x.powf(2.0),
        ),
        ("ln(+0)", 0.0, |x| x.ln(), |x| x.ln()),
        ("ln(−0)", -0.0, |x| x.ln(), |x| x.ln()),
        ("log2(0)", 0.0, |x| x.log2(), |x| x.log2()),
        ("log10(0)", 0.0, |x| x.log10(), |x| x.log10()),
        ("log(0, 3)", 0.0, |x| x.log(3.0), |x| x.log(3.0)),
        ("ln_1p(−1)", -1.0, |x| x.ln_1p(), |x| x.ln_1p()),
        ("ln(∞)", f64::INFINITY, |x| x.ln(), |x| x.ln()),
        ("recip(+0)", 0.0, |x| x.recip(), |x| x.recip()),
        ("recip(−0)", -0.0, |x| x.recip(), |x| x.recip()),
        ("1 / +0", 0.0, |x| 1.0 / x, |x| 1.0 / x),
        ("1 / −0", -0.0, |x| 1.0 / x, |x| 1.0 / x),
        ("asin(1)", 1.0, |x| x.asin(), |x| x.asin()),
        ("asin(−1)", -1.0, |x| x.asin(), |x| x.asin()),
        ("acos(1)", 1.0, |x| x.acos(), |x| x.acos()),
        ("acos(−1)", -1.0, |x| x.acos(), |x| x.acos()),
        ("atanh(1)", 1.0, |x| x.atanh(), |x| x.atanh()),
        ("acosh(1)", 1.0, |x| x.acosh(), |x| x.acosh()),
        ("exp(∞)", f64::INFINITY, |x| x.exp(), |x| x.exp()),
        ("exp(−∞)", f64::NEG_INFINITY, |x| x.exp(), |x| x.exp()),
        ("tanh(∞)", f64::INFINITY, |x| x.tanh(), |x| x.tanh()),
        ("exp(NaN)", f64::NAN, |x| x.exp(), |x| x.exp()),
        (
            "atan2(0, 0)",
            0.0,
            |x| x.atan2(x * 0.5),
            |x| x.atan2(x * 0.5),
        ),
        (
            "hypot(0, 0)",
            0.0,
            |x| x.hypot(x * 0.5),
            |x| x.hypot(x * 0.5),
        ),
        (
            "min tie",
            1.0,
            |x| x.min(x * 2.0 - 1.0),
            |x| x.min(x * 2.0 - 1.0),
        ),
        (
            "max tie",
            1.0,
            |x| x.max(x * 2.0 - 1.0),
            |x| x.max(x * 2.0 - 1.0),
        ),
        (
            "sinc(0)",
            0.0,
            |x| ComplexField::sinc(x),
            |x| ComplexField::sinc(x),
        ),
        (
            "sinhc(0)",
            0.0,
            |x| ComplexField::sinhc(x),
            |x| ComplexField::sinhc(x),
        ),
    ];
    use nalgebra::ComplexField;
    for (name, at, taylor, hyper) in rows {
        let c = taylor(Taylor::variable(at)).coefficients();
        let h = hyper(HyperDual::variable(at, 0));
        let (value, d1, d2) = (h.value(), h.gradient()[0], h.hessian()[(0, 0)]);
        assert!(
            (c[0].is_nan() && value.is_nan()) || c[0].to_bits() == value.to_bits(),
            "{name}: value {} vs {value}",
            c[0]
        );
        assert!(same(c[1], d1), "{name}: c1 = {}, f′ = {d1}", c[1]);
        assert!(
            same(2.0 * c[2], d2),
            "{name}: 2c2 = {}, f″ = {d2}",
            2.0 * c[2]
        );
    }
}

/// Beyond order 2 at the singular points: the one-sided limits of the
/// derivatives, as the type's docs state.
#[test]
fn singular_points_at_higher_orders() {
    const INF: f64 = f64::INFINITY;
    let alternating = [0.0, INF, -INF, INF, -INF, INF];
    let check = |name: &str, c: [f64; 6], value: f64, expected: [f64; 6]| {
        assert!(same(c[0], value), "{name}: value {}", c[0]);
        for k in 1..6 {
            assert!(
                same(c[k], expected[k]),
                "{name}: c{k} = {}, expected {}",
                c[k],
                expected[k]
            );
        }
    };
    let v = |at: f64| Taylor::<f64, 6>::variable(at);
    check("sqrt(+0)", v(0.0).sqrt().coefficients(), 0.0, alternating);
    check("sqrt(−0)", v(-0.0).sqrt().coefficients(), 0.0, alternating);
    check("cbrt(+0)", v(0.0).cbrt().coefficients(), 0.0, alternating);
    check(
        "cbrt(−0)",
        v(-0.0).cbrt().coefficients(),
        0.0,
        [0.0, INF, INF, INF, INF, INF],
    );
    check("ln(+0)", v(0.0).ln().coefficients(), -INF, alternating);
    check(
        "powf(0, 0.5)",
        v(0.0).powf(0.5).coefficients(),
        0.0,
        alternating,
    );
    check(
        "recip(+0)",
        v(0.0).recip().coefficients(),
        INF,
        [0.0, -INF, INF, -INF, INF, -INF],
    );
    check("recip(−0)", v(-0.0).recip().coefficients(), -INF, [-INF; 6]);
    check(
        "powi(−0, −1)",
        v(-0.0).powi(-1).coefficients(),
        -INF,
        [-INF; 6],
    );
    // powf(0, 2.5): binom(2.5, m)·0^{2.5−m}: 0, 0, then +∞, −∞, +∞
    check(
        "powf(0, 2.5)",
        v(0.0).powf(2.5).coefficients(),
        0.0,
        [0.0, 0.0, 0.0, INF, -INF, INF],
    );
    // powi(0, 3) = t³ exactly
    check(
        "powi(0, 3)",
        v(0.0).powi(3).coefficients(),
        0.0,
        [0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    );
    // asin(1), atanh(1): every derivative's limit from the left is +∞;
    // acos(1) = π/2 − asin: −∞; at −1 and for acosh(1) they alternate
    let all = [0.0, INF, INF, INF, INF, INF];
    check("asin(1)", v(1.0).asin().coefficients(), 1f64.asin(), all);
    check("atanh(1)", v(1.0).atanh().coefficients(), INF, all);
    check(
        "acos(1)",
        v(1.0).acos().coefficients(),
        0.0,
        all.map(|c| -c),
    );
    check(
        "asin(−1)",
        v(-1.0).asin().coefficients(),
        (-1f64).asin(),
        alternating,
    );
    check(
        "acos(−1)",
        v(-1.0).acos().coefficients(),
        (-1f64).acos(),
        alternating.map(|c| -c),
    );
    check(
        "atanh(−1)",
        v(-1.0).atanh().coefficients(),
        -INF,
        alternating,
    );
    check("acosh(1)", v(1.0).acosh().coefficients(), 0.0, alternating);
    check("1/−0", (1.0 / v(-0.0)).coefficients(), -INF, [-INF; 6]);
    check(
        "powi(−0, −3)",
        v(-0.0).powi(-3).coefficients(),
        -INF,
        [-INF; 6],
    );
    // a power whose value underflows: (10⁻³⁰⁰ + t)^2.5 has c₀ = 0 but
    // c₂ = binom(2.5, 2) 10⁻¹⁵⁰
    let c = v(1e-300).powf(2.5).coefficients();
    assert_eq!(c[0], 0.0);
    assert_eq!(c[1], 0.0); // 2.5·10⁻⁴⁵⁰ underflows too
    assert!(
        (c[2] - 1.875e-150).abs() <= 1e-14 * 1.875e-150,
        "c2 = {:e}",
        c[2]
    );
    // sinc near 0, where the quotient sin x / x cancels: c₁ = −x/3
    let s = ComplexField::sinc(v(1e-300)).coefficients();
    assert!(
        (s[1] + 1e-300 / 3.0).abs() <= 1e-14 * 1e-300 / 3.0,
        "c1 = {:e}",
        s[1]
    );
    // sinc at 0: 1 − t²/6 + t⁴/120
    let s = ComplexField::sinc(v(0.0)).coefficients();
    assert_eq!(s, [1.0, 0.0, -1.0 / 6.0, 0.0, 1.0 / 120.0, 0.0]);
    use nalgebra::ComplexField;
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

/// A constant stays a constant through every function, also where the
/// function's derivatives are infinite or undefined.
#[test]
fn constants_stay_constant() {
    let mut ops: Vec<Op> = cases().into_iter().map(|(op, _)| op).collect();
    ops.extend([Op::Powi(-1), Op::Powf(0.5)]);
    for op in ops {
        for at in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            0.5,
        ] {
            let c = eval(op, Taylor::<f64, 6>::constant(at)).coefficients();
            assert!(
                c[1..].iter().all(|&ck| ck == 0.0),
                "{op:?} of the constant {at}: {c:?}"
            );
            let f = eval(op, at);
            assert!(same(c[0], f), "{op:?} of {at}: value {} vs {f}", c[0]);
        }
    }
    // Products and quotients with infinite constants
    let x = Taylor::<f64, 4>::variable(2.0);
    let inf = Taylor::<f64, 4>::constant(f64::INFINITY);
    assert_eq!((inf * Taylor::constant(3.0)).coefficients()[1..], [0.0; 3]);
    assert_eq!(
        (Taylor::<f64, 4>::constant(3.0) / Taylor::constant(0.0)).coefficients()[1..],
        [0.0; 3]
    );
    // (2 + t)·∞ = ∞ + ∞t: the zero coefficients of both factors stay zero
    assert_eq!(
        (x * inf).coefficients(),
        [f64::INFINITY, f64::INFINITY, 0.0, 0.0]
    );
    // (2 + t)/0 = ∞ + ∞t
    assert_eq!(
        (x / 0.0).coefficients(),
        [f64::INFINITY, f64::INFINITY, 0.0, 0.0]
    );
}

// ------------------------------------------------------------- traits

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

// ------------------------------------------------------------------- f32

#[test]
fn f32_series() {
    let c: [f32; 9] = monodual::taylor_univariate(|x| x.exp(), 0.5f32);
    let s: [f32; 9] = monodual::taylor_univariate(|x| x.sin(), 0.5f32);
    for k in 0..9 {
        let fact = factorial(k) as f32;
        let e = 0.5f32.exp() / fact;
        let sk = [0.5f32.sin(), 0.5f32.cos(), -0.5f32.sin(), -0.5f32.cos()][k % 4] / fact;
        assert!((c[k] - e).abs() <= 1e-6 * e, "exp c{k}");
        assert!((s[k] - sk).abs() <= 1e-6 * sk.abs(), "sin c{k}");
    }
    for (op, points) in cases() {
        for &x in points {
            let x = x as f32;
            let c: [f32; 3] = monodual::taylor_univariate(|x| eval(op, x), x);
            let (value, d1, d2) = monodual::second_derivative(|x| eval(op, x), x);
            assert_eq!(c[0].to_bits(), eval(op, x).to_bits(), "{op:?} at {x}");
            assert_eq!(c[0], value);
            let near = |got: f32, e: f32| got == e || (got - e).abs() <= 2e-5 * e.abs().max(1.0);
            assert!(near(c[1], d1), "{op:?} at {x}: c1 {} vs {d1}", c[1]);
            assert!(
                near(2.0 * c[2], d2),
                "{op:?} at {x}: 2c2 {} vs {d2}",
                2.0 * c[2]
            );
        }
    }
}
