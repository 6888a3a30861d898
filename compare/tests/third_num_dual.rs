//! monodual's `third_derivative` (on `Jet3`) against num-dual's
//! `third_derivative` (on `Dual3`), every elementary function both have, to
//! 1e-13 relative in each of f, f′, f″, f‴.

use monodual::Jet3;
use num_dual::{Dual3, DualNum};

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
    Powi(i32),
    Powf(f64),
}

/// `op` on monodual's `Jet3<f64, 1>`, by its methods.
fn on_jet(op: Op, x: Jet3<f64, 1>) -> Jet3<f64, 1> {
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
        Op::Powi(n) => x.powi(n),
        Op::Powf(a) => x.powf(a),
    }
}

/// `op` on num-dual's `Dual3<f64>`, through its `DualNum`.
fn on_dual3(op: Op, x: Dual3<f64>) -> Dual3<f64> {
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
        Op::Powi(n) => x.powi(n),
        Op::Powf(a) => x.powf(a),
    }
}

const POSITIVE: (f64, f64) = (0.1, 8.0);
const WIDE: (f64, f64) = (-4.0, 4.0);
const UNIT: (f64, f64) = (-0.9, 0.9);

#[test]
fn third_derivative_matches_num_dual() {
    let table = [
        (Op::Sqrt, POSITIVE),
        (Op::Cbrt, POSITIVE),
        (Op::Exp, WIDE),
        (Op::Exp2, WIDE),
        (Op::ExpM1, WIDE),
        (Op::Ln, POSITIVE),
        (Op::Ln1p, POSITIVE),
        (Op::Log2, POSITIVE),
        (Op::Log10, POSITIVE),
        (Op::Recip, POSITIVE),
        (Op::Sin, WIDE),
        (Op::Cos, WIDE),
        (Op::Tan, (-1.3, 1.3)),
        (Op::Asin, UNIT),
        (Op::Acos, UNIT),
        (Op::Atan, WIDE),
        (Op::Sinh, WIDE),
        (Op::Cosh, WIDE),
        // num-dual's tanh′ = 1 − tanh²x cancels for larger |x| (1.4e-13
        // relative at x = −4, where monodual's 1/cosh²x is exact to an ulp;
        // tests/third.rs checks |x| ≤ 5 against the closed form)
        (Op::Tanh, (-2.0, 2.0)),
        (Op::Asinh, WIDE),
        (Op::Acosh, (1.1, 8.0)),
        (Op::Atanh, UNIT),
        (Op::Powi(3), WIDE),
        (Op::Powi(-2), POSITIVE),
        (Op::Powf(2.5), POSITIVE),
        (Op::Powf(-0.7), POSITIVE),
    ];
    for (op, (a, b)) in table {
        for k in 0..=30 {
            let x = a + (b - a) * f64::from(k) / 30.0;
            let ours = monodual::third_derivative(|t| on_jet(op, t), x);
            let theirs = num_dual::third_derivative(|t| on_dual3(op, t), x);
            let ours = [ours.0, ours.1, ours.2, ours.3];
            let theirs = [theirs.0, theirs.1, theirs.2, theirs.3];
            for (order, (o, t)) in ours.iter().zip(theirs).enumerate() {
                assert!(
                    (o - t).abs() <= 1e-13 * t.abs().max(1e-12),
                    "{op:?} at {x}: derivative {order} is {o}, num-dual's {t}"
                );
            }
        }
    }
}

#[test]
fn products_and_quotients_match_num_dual() {
    for x in [0.3f64, 1.1, 2.7] {
        let ours = monodual::third_derivative(|t| (t.sin() * t.exp()) / (t * t + 1.0), x);
        let theirs = num_dual::third_derivative(|t| (t.sin() * t.exp()) / (t * t + 1.0), x);
        for (o, t) in [
            (ours.0, theirs.0),
            (ours.1, theirs.1),
            (ours.2, theirs.2),
            (ours.3, theirs.3),
        ] {
            assert!(
                (o - t).abs() <= 1e-13 * t.abs().max(1e-12),
                "at {x}: {o} vs {t}"
            );
        }
    }
}
