//! Every elementary function: orders 1 and 2 against `second_derivative`,
//! every order against a `Dual` inside the series and against finite
//! differences of the lower-order coefficients; f32.

use monodual::{Dual, Real, Taylor};

use crate::{close, factorial};

/// The functions, as one generic evaluator runs them on any scalar.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
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
pub(crate) fn eval<S: Real>(op: Op, x: S) -> S {
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
pub(crate) fn cases() -> Vec<(Op, &'static [f64])> {
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
