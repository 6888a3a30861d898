//! The edge-case convention: at the points of the crate's table, orders 1
//! and 2 as `HyperDual` gives them and the one-sided limits beyond; constants
//! stay constant.

use monodual::{HyperDual, Taylor};

use crate::functions::{Op, cases, eval};
use crate::same;

/// A row: name, point, the function on series and on `HyperDual`.
type EdgeRow = (
    &'static str,
    f64,
    fn(Taylor<f64, 3>) -> Taylor<f64, 3>,
    fn(HyperDual<f64, 1>) -> HyperDual<f64, 1>,
);

/// At the points of the crate's edge-case table, c₁ and 2c₂ of x₀ + t are
/// the f′ and f″ that `HyperDual` gives, infinities and NaN included.
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
