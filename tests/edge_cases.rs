//! Every row of the "Edge cases" table in the crate docs, on every number
//! type: `Dual<f64, 2>`, `HyperDual<f64, 2>`, the nested
//! `Dual<Dual<f64, 1>, 1>` (or `Dual<Dual<f64, 2>, 2>` for two arguments)
//! and `hessian_vector_product`, for seeded variables and for constants.
//!
//! Each one-argument row is (value, f′, f″) at the point; each
//! two-argument row is (value, [g_x, g_y], [g_xx, g_xy, g_yy]). A one-argument
//! function is seeded in lane 0 of two, so lane 1 checks that a lane which
//! does not depend on the input stays exactly 0 next to an infinite or NaN
//! one; the Hessian-vector products are taken with v = e₀ and v = e₁, so
//! that a zero component of v must kill an infinite Hessian entry. A
//! constant must come out with every derivative exactly 0.
//!
//! The function is written once as a generic `S: Scalar` function (the
//! `ComplexField` methods that generic code calls) and, where the inherent
//! methods take a float argument, once more for those on `Dual` and
//! `HyperDual`. "Equal" is exact: the same number, infinities with their
//! sign, or both NaN; values are compared bit for bit (the sign of a zero
//! counts), derivative parts up to the sign of a zero.

use std::f64::consts::{FRAC_PI_2, PI};

use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{ComplexField, Matrix2, SVector, Vector1, Vector2};

type D = Dual<f64, 2>;
type H = HyperDual<f64, 2>;
type D1 = Dual<f64, 1>;
type DD = Dual<D1, 1>;
type D2 = Dual<f64, 2>;
type DD2 = Dual<D2, 2>;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// The same number (±0 equal), or both NaN.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

/// The same bits, or both NaN (so +0 and −0 differ).
fn same_bits(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn check_value(case: &str, kind: &str, got: f64, expected: f64) {
    assert!(
        same_bits(got, expected),
        "{case} on {kind}: value {got:e}, expected {expected:e}"
    );
}

fn check_parts(case: &str, kind: &str, what: &str, got: &[f64], expected: &[f64]) {
    assert!(
        got.iter().zip(expected).all(|(&g, &e)| same(g, e)),
        "{case} on {kind}: {what} {got:?}, expected {expected:?}"
    );
}

/// One generic function of one argument on every number type.
trait Unary {
    fn call<S: Scalar>(&self, x: S) -> S;
}

/// One generic function of two arguments on every number type.
trait Binary {
    fn call<S: Scalar>(&self, x: S, y: S) -> S;
}

/// Checks a one-argument row `[value, d1, d2]` at `at` on `Dual`,
/// `HyperDual`, `Dual<Dual<f64, 1>, 1>` and `hessian_vector_product`.
fn unary(case: &str, at: f64, f: &impl Unary, [value, d1, d2]: [f64; 3]) {
    for seeded in [true, false] {
        let case = &if seeded {
            case.to_string()
        } else {
            format!("{case} of a constant")
        };
        let (d1, d2) = if seeded { (d1, d2) } else { (0.0, 0.0) };

        let x = if seeded {
            D::variable(at, 0)
        } else {
            D::constant(at)
        };
        let y = f.call(x);
        check_value(case, "Dual", y.value(), value);
        check_parts(
            case,
            "Dual",
            "gradient",
            y.gradient().as_slice(),
            &[d1, 0.0],
        );

        let x = if seeded {
            H::variable(at, 0)
        } else {
            H::constant(at)
        };
        let y = f.call(x);
        check_value(case, "HyperDual", y.value(), value);
        check_parts(
            case,
            "HyperDual",
            "gradient",
            y.gradient().as_slice(),
            &[d1, 0.0],
        );
        let h = y.hessian();
        check_parts(
            case,
            "HyperDual",
            "Hessian",
            h.as_slice(),
            &[d2, 0.0, 0.0, 0.0],
        );

        let lane = if seeded { 1.0 } else { 0.0 };
        let x = DD::new(
            if seeded {
                D1::variable(at, 0)
            } else {
                D1::constant(at)
            },
            Vector1::new(D1::constant(lane)),
        );
        let y = f.call(x);
        let kind = "Dual<Dual<f64, 1>, 1>";
        check_value(case, kind, y.value().value(), value);
        let parts = [y.value().gradient()[0], y.gradient()[0].value()];
        check_parts(case, kind, "first derivatives", &parts, &[d1, d1]);
        let parts = [y.gradient()[0].gradient()[0]];
        check_parts(case, kind, "second derivative", &parts, &[d2]);

        if seeded {
            let kind = "hessian_vector_product";
            for (v, hv) in [([1.0, 0.0], [d2, 0.0]), ([0.0, 1.0], [0.0, 0.0])] {
                let (y, g, hv_got) = monodual::hessian_vector_product(
                    |x| f.call(x[0]),
                    Vector2::new(at, 1.0),
                    Vector2::from(v),
                );
                check_value(case, kind, y, value);
                check_parts(case, kind, "gradient", g.as_slice(), &[d1, 0.0]);
                check_parts(case, kind, &format!("H·{v:?}"), hv_got.as_slice(), &hv);
            }
        }
    }
}

/// Checks a two-argument row at (x, y) = `at`: both arguments variables,
/// each alone a variable with the other a constant, and both constants.
fn binary(
    case: &str,
    (x, y): (f64, f64),
    f: &impl Binary,
    value: f64,
    [gx, gy]: [f64; 2],
    [gxx, gxy, gyy]: [f64; 3],
) {
    let seeds = [
        (true, true, [gx, gy], [gxx, gxy, gxy, gyy]),
        (true, false, [gx, 0.0], [gxx, 0.0, 0.0, 0.0]),
        (false, true, [0.0, gy], [0.0, 0.0, 0.0, gyy]),
        (false, false, [0.0; 2], [0.0; 4]),
    ];
    for (seed_x, seed_y, gradient, hessian) in seeds {
        let case = &format!("{case}, x seeded: {seed_x}, y seeded: {seed_y}");
        let seed = [seed_x, seed_y];
        let at = [x, y];

        let [a, b] = [0, 1].map(|i| {
            if seed[i] {
                D::variable(at[i], i)
            } else {
                D::constant(at[i])
            }
        });
        let r = f.call(a, b);
        check_value(case, "Dual", r.value(), value);
        check_parts(case, "Dual", "gradient", r.gradient().as_slice(), &gradient);

        let [a, b] = [0, 1].map(|i| {
            if seed[i] {
                H::variable(at[i], i)
            } else {
                H::constant(at[i])
            }
        });
        let r = f.call(a, b);
        check_value(case, "HyperDual", r.value(), value);
        check_parts(
            case,
            "HyperDual",
            "gradient",
            r.gradient().as_slice(),
            &gradient,
        );
        check_parts(
            case,
            "HyperDual",
            "Hessian",
            r.hessian().as_slice(),
            &hessian,
        );

        let [a, b] = [0, 1].map(|i| {
            let inner = if seed[i] {
                D2::variable(at[i], i)
            } else {
                D2::constant(at[i])
            };
            let outer = if seed[i] {
                D2::constant(1.0)
            } else {
                D2::constant(0.0)
            };
            let mut lanes = SVector::<D2, 2>::zeros();
            lanes[i] = outer;
            DD2::new(inner, lanes)
        });
        let r = f.call(a, b);
        let kind = "Dual<Dual<f64, 2>, 2>";
        check_value(case, kind, r.value().value(), value);
        check_parts(
            case,
            kind,
            "inner gradient",
            r.value().gradient().as_slice(),
            &gradient,
        );
        let outer = [r.gradient()[0].value(), r.gradient()[1].value()];
        check_parts(case, kind, "outer gradient", &outer, &gradient);
        let h = Matrix2::from_fn(|i, j| r.gradient()[j].gradient()[i]);
        check_parts(case, kind, "Hessian", h.as_slice(), &hessian);

        if seed_x && seed_y {
            let kind = "hessian_vector_product";
            for j in 0..2 {
                let v = Vector2::from_fn(|i, _| if i == j { 1.0 } else { 0.0 });
                let (r, g, hv) =
                    monodual::hessian_vector_product(|p| f.call(p[0], p[1]), Vector2::new(x, y), v);
                check_value(case, kind, r, value);
                check_parts(case, kind, "gradient", g.as_slice(), &gradient);
                check_parts(
                    case,
                    kind,
                    &format!("H·e{j}"),
                    hv.as_slice(),
                    &hessian[2 * j..2 * j + 2],
                );
            }
        }
    }
}

/// `unary!(case, at, |x| body, row)`: the generic body on every number type.
macro_rules! unary {
    ($case:expr, $at:expr, |$x:ident| $body:expr, $row:expr) => {{
        struct F;
        impl Unary for F {
            fn call<S: Scalar>(&self, $x: S) -> S {
                $body
            }
        }
        unary(&$case, $at, &F, $row)
    }};
}

/// `binary!(case, at, |x, y| body, value, d, d2)`: likewise for two arguments.
macro_rules! binary {
    ($case:expr, $at:expr, |$x:ident, $y:ident| $body:expr, $value:expr, $d:expr, $d2:expr) => {{
        struct F;
        impl Binary for F {
            fn call<S: Scalar>(&self, $x: S, $y: S) -> S {
                $body
            }
        }
        binary(&$case, $at, &F, $value, $d, $d2)
    }};
}

/// The float `c` as a constant number.
fn c<S: Scalar>(c: f64) -> S {
    S::from_float(c)
}

#[test]
fn roots_at_zero() {
    // | sqrt(±0) | ±0 | +∞ | −∞ |, | cbrt(±0) | ±0 | +∞ | −∞ at +0, +∞ at −0 |
    unary!("sqrt(0)", 0.0, |x| x.sqrt(), [0.0, INF, -INF]);
    unary!("sqrt(-0)", -0.0, |x| x.sqrt(), [-0.0, INF, -INF]);
    unary!("cbrt(0)", 0.0, |x| x.cbrt(), [0.0, INF, -INF]);
    unary!("cbrt(-0)", -0.0, |x| x.cbrt(), [-0.0, INF, INF]);
    // | powf(±0, 0.5) | 0 | +∞ | −∞ |
    unary!("powf(0, 0.5)", 0.0, |x| x.powf(c(0.5)), [0.0, INF, -INF]);
    unary!("powf(-0, 0.5)", -0.0, |x| x.powf(c(0.5)), [0.0, INF, -INF]);
}

#[test]
fn abs_at_zero() {
    // | abs(±0) | +0 | +1 | 0 |
    unary!("abs(0)", 0.0, |x| x.abs(), [0.0, 1.0, 0.0]);
    unary!("abs(-0)", -0.0, |x| x.abs(), [0.0, 1.0, 0.0]);
}

#[test]
fn piecewise_constant_functions() {
    // | signum, floor, ceil, round, trunc | as f64 | 0 | 0 |
    for at in [0.0, -0.0, 2.0, -3.0, 2.5, -INF, INF] {
        unary!(
            format!("signum({at})"),
            at,
            |x| x.signum(),
            [at.signum(), 0.0, 0.0]
        );
        unary!(
            format!("floor({at})"),
            at,
            |x| x.floor(),
            [at.floor(), 0.0, 0.0]
        );
        unary!(
            format!("ceil({at})"),
            at,
            |x| x.ceil(),
            [at.ceil(), 0.0, 0.0]
        );
        unary!(
            format!("round({at})"),
            at,
            |x| x.round(),
            [at.round(), 0.0, 0.0]
        );
        unary!(
            format!("trunc({at})"),
            at,
            |x| x.trunc(),
            [at.trunc(), 0.0, 0.0]
        );
    }
    // A zero outer derivative kills an infinite inner one: floor(√x) at 0
    unary!("floor(sqrt(0))", 0.0, |x| x.sqrt().floor(), [0.0, 0.0, 0.0]);
}

#[test]
fn powers_with_exponent_zero_and_one() {
    // | powi(x, 0), powf(x, 0.0) | 1, also at x = 0 | 0 | 0 |
    // | powi(x, 1), powf(x, 1.0) | x | 1, also at x = 0 | 0 |
    for at in [0.0, -0.0, 2.0] {
        unary!(format!("powi({at}, 0)"), at, |x| x.powi(0), [1.0, 0.0, 0.0]);
        unary!(
            format!("powf({at}, 0)"),
            at,
            |x| x.powf(c(0.0)),
            [1.0, 0.0, 0.0]
        );
        unary!(format!("powi({at}, 1)"), at, |x| x.powi(1), [at, 1.0, 0.0]);
        unary!(
            format!("powf({at}, 1)"),
            at,
            |x| x.powf(c(1.0)),
            [at, 1.0, 0.0]
        );
    }
    // A zero outer derivative kills an infinite inner one: powi(√x, 0) at 0
    unary!(
        "powi(sqrt(0), 0)",
        0.0,
        |x| x.sqrt().powi(0),
        [1.0, 0.0, 0.0]
    );
    unary!(
        "powf(sqrt(0), 0)",
        0.0,
        |x| x.sqrt().powf(c(0.0)),
        [1.0, 0.0, 0.0]
    );
}

#[test]
fn powers_of_zero() {
    // | powi(0, 2), powf(0, 2.0) | 0 | 0 | 2 |
    unary!("powf(0, 2)", 0.0, |x| x.powf(c(2.0)), [0.0, 0.0, 2.0]);
    unary!("powi(0, 2)", 0.0, |x| x.powi(2), [0.0, 0.0, 2.0]);
    // | powi(0, n), n ≥ 3 | 0 | 0 | 0 |
    unary!("powi(0, 3)", 0.0, |x| x.powi(3), [0.0, 0.0, 0.0]);
    unary!("powi(0, 4)", 0.0, |x| x.powi(4), [0.0, 0.0, 0.0]);
    unary!("powf(0, 3)", 0.0, |x| x.powf(c(3.0)), [0.0, 0.0, 0.0]);
    // | powf(0, a), 1 < a < 2 | 0 | 0 | +∞ |
    unary!("powf(0, 1.5)", 0.0, |x| x.powf(c(1.5)), [0.0, 0.0, INF]);
    // | powi(0, n), powf(0, n), n < 0 | +∞ | −∞ | +∞ |
    unary!("powi(0, -1)", 0.0, |x| x.powi(-1), [INF, -INF, INF]);
    unary!("powi(0, -2)", 0.0, |x| x.powi(-2), [INF, -INF, INF]);
    unary!("powf(0, -1)", 0.0, |x| x.powf(c(-1.0)), [INF, -INF, INF]);
    unary!("powf(0, -0.5)", 0.0, |x| x.powf(c(-0.5)), [INF, -INF, INF]);
}

#[test]
fn logarithms_at_zero() {
    // | ln(±0), log2, log10, log(·, b > 1) at ±0, ln_1p(−1) | −∞ | +∞ | −∞ |
    for at in [0.0, -0.0] {
        unary!(format!("ln({at})"), at, |x| x.ln(), [-INF, INF, -INF]);
        unary!(format!("log2({at})"), at, |x| x.log2(), [-INF, INF, -INF]);
        unary!(format!("log10({at})"), at, |x| x.log10(), [-INF, INF, -INF]);
        unary!(
            format!("log({at}, 3)"),
            at,
            |x| x.log(c(3.0)),
            [-INF, INF, -INF]
        );
    }
    unary!("ln_1p(-1)", -1.0, |x| x.ln_1p(), [-INF, INF, -INF]);
}

#[test]
fn reciprocal_of_zero() {
    // | 1 / 0, recip(0) | +∞ | −∞ | +∞ |; | 1 / −0, recip(−0) | −∞ | −∞ | −∞ |
    unary!("recip(0)", 0.0, |x| x.recip(), [INF, -INF, INF]);
    unary!("1 / 0", 0.0, |x| c::<S>(1.0) / x, [INF, -INF, INF]);
    unary!("recip(-0)", -0.0, |x| x.recip(), [-INF, -INF, -INF]);
    unary!("1 / -0", -0.0, |x| c::<S>(1.0) / x, [-INF, -INF, -INF]);
    // x / y: g_x = 1/y, g_y = −x/y², g_xx = 0, g_xy = −1/y², g_yy = 2x/y³
    binary!(
        "1 / 0 (two numbers)",
        (1.0, 0.0),
        |x, y| x / y,
        INF,
        [INF, -INF],
        [0.0, -INF, INF]
    );
}

#[test]
fn scaling_and_dividing_by_constants() {
    // | √x · 0.5, √x / 2, √x / constant 2 | 0 | +∞ | −∞ |: the same parts
    unary!("sqrt(0) * 0.5", 0.0, |x| x.sqrt() * 0.5, [0.0, INF, -INF]);
    unary!("sqrt(0) / 2.0", 0.0, |x| x.sqrt() / 2.0, [0.0, INF, -INF]);
    unary!(
        "sqrt(0) / constant 2",
        0.0,
        |x| x.sqrt() / c::<S>(2.0),
        [0.0, INF, -INF]
    );
    unary!(
        "sqrt(0) * constant 0.5",
        0.0,
        |x| x.sqrt() * c::<S>(0.5),
        [0.0, INF, -INF]
    );
    // | x · 0 (float or constant), x ≠ 0 finite | 0 | 0 | 0 | even where x′ = ∞
    unary!("sqrt(0) * 0.0", 0.0, |x| x.sqrt() * 0.0, [0.0, 0.0, 0.0]);
    unary!(
        "sqrt(0) * constant 0",
        0.0,
        |x| x.sqrt() * c::<S>(0.0),
        [0.0, 0.0, 0.0]
    );
    unary!(
        "0.0 * sqrt(0)",
        0.0,
        |x| c::<S>(0.0) * x.sqrt(),
        [0.0, 0.0, 0.0]
    );
    // | x · ∞, x a variable at 1 | ∞ | ∞ | 0 |, and a constant lane stays 0
    unary!("x * inf", 1.0, |x| x * INF, [INF, INF, 0.0]);
    unary!(
        "x * constant inf",
        1.0,
        |x| x * c::<S>(INF),
        [INF, INF, 0.0]
    );
    // | x / 0 (float or constant), x a variable at 1 | ∞ | ∞ | 0 |
    unary!("x / 0.0", 1.0, |x| x / 0.0, [INF, INF, 0.0]);
    unary!("x / constant 0", 1.0, |x| x / c::<S>(0.0), [INF, INF, 0.0]);
    // An infinite constant times constants: derivatives stay 0
    unary!(
        "ln(0) * 2 as constants",
        0.0,
        |x| (x * 0.0).ln() * c::<S>(2.0) + x,
        [-INF, 1.0, 0.0]
    );
}

#[test]
fn products_with_infinite_factors() {
    // √x · y at (0, 2): ∂ = (y/(2√x), √x) = (∞, 0); ∂²/∂x² = −y/(4x^{3/2}) = −∞,
    // ∂²/∂x∂y = 1/(2√x) = ∞, ∂²/∂y² = 0
    binary!(
        "sqrt(x) * y",
        (0.0, 2.0),
        |x, y| x.sqrt() * y,
        0.0,
        [INF, 0.0],
        [-INF, INF, 0.0]
    );
    // ln x · y at (0, 0): the value is −∞ · 0 = NaN as in f64; the zero
    // factor y = 0 kills ln′ = ∞ and ln″ = −∞: ∂ = (y/x, ln x) = (0, −∞),
    // ∂² = (−y/x², 1/x, 0) = (0, ∞, 0), the limits along y = 0
    binary!(
        "ln(x) * y",
        (0.0, 0.0),
        |x, y| x.ln() * y,
        NAN,
        [0.0, -INF],
        [0.0, INF, 0.0]
    );
}

#[test]
fn log_with_a_number_base_agrees_with_a_float_base() {
    // ComplexField::log(x, b) (generic code) and the inherent x.log(b)
    let d = ComplexField::log(D::variable(0.0, 0), D::constant(10.0));
    let e = D::variable(0.0, 0).log(10.0);
    assert_eq!(d.gradient(), e.gradient());
    let h = ComplexField::log(H::variable(0.0, 0), H::constant(10.0));
    let i = H::variable(0.0, 0).log(10.0);
    assert_eq!(h.hessian()[(0, 0)], i.hessian()[(0, 0)]);
    assert_eq!(h.hessian()[(0, 0)], -INF);
    for at in [0.3, 2.0, 1e-300] {
        let h = ComplexField::log(H::variable(at, 0), H::constant(10.0));
        let i = H::variable(at, 0).log(10.0);
        assert_eq!(
            (h.value(), h.gradient(), h.hessian()),
            (i.value(), i.gradient(), i.hessian())
        );
    }
}

#[test]
fn powers_with_a_variable_exponent_at_zero() {
    // g(x, y) = xʸ at x = 0, y = 1: g = 0, g_x = 1, g_y = lim x ln x = 0,
    // g_xx = 0, g_xy = lim (1 + ln x) = −∞, g_yy = lim x ln²x = 0
    binary!(
        "pow(0, 1)",
        (0.0, 1.0),
        |x, y| x.powf(y),
        0.0,
        [1.0, 0.0],
        [0.0, -INF, 0.0]
    );
    // y = 2: g_x = 0, g_y = 0, g_xx = 2, g_xy = lim x(1 + 2 ln x) = 0, g_yy = 0
    binary!(
        "pow(0, 2)",
        (0.0, 2.0),
        |x, y| x.powf(y),
        0.0,
        [0.0, 0.0],
        [2.0, 0.0, 0.0]
    );
    // y = 0.5: g_x = ∞, g_y = 0, g_xx = −∞, g_xy = lim x^{−1/2}(1 + ln x/2) = −∞, g_yy = 0
    binary!(
        "pow(0, 0.5)",
        (0.0, 0.5),
        |x, y| x.powf(y),
        0.0,
        [INF, 0.0],
        [-INF, -INF, 0.0]
    );
    // y = 0: g = 1, g_x = 0, g_y = ln x = −∞, g_xx = 0, g_xy = 1/x = ∞, g_yy = ln²x = ∞
    binary!(
        "pow(0, 0)",
        (0.0, 0.0),
        |x, y| x.powf(y),
        1.0,
        [0.0, -INF],
        [0.0, INF, INF]
    );
    // x^(x²) at ±0 = e^{x² ln x}: f′ = x(2 ln x + 1) → 0, f″ = 2 ln x + 3 → −∞
    unary!("pow(0, 0²)", 0.0, |x| x.powf(x * x), [1.0, 0.0, -INF]);
    unary!("pow(-0, (-0)²)", -0.0, |x| x.powf(x * x), [1.0, 0.0, -INF]);
}

#[test]
fn atan2_and_hypot_at_the_origin() {
    // | atan2(±0, ±0) | as f64: ±0 or ±π | NaN (undefined) | NaN |
    let nan2 = [NAN, NAN];
    let nan3 = [NAN, NAN, NAN];
    for (y, x, v) in [
        (0.0, 0.0, 0.0),
        (-0.0, 0.0, -0.0),
        (0.0, -0.0, PI),
        (-0.0, -0.0, -PI),
    ] {
        binary!(
            format!("atan2({y}, {x})"),
            (y, x),
            |y, x| y.atan2(x),
            v,
            nan2,
            nan3
        );
    }
    // | hypot(0, 0) | 0 | NaN (undefined) | NaN |
    binary!(
        "hypot(0, 0)",
        (0.0, 0.0),
        |x, y| x.hypot(y),
        0.0,
        nan2,
        nan3
    );
}

#[test]
fn inverse_functions_at_the_ends_of_their_domain() {
    // | asin(±1) | ±π/2 | +∞ | ±∞ |, | acos(±1) | 0, π | −∞ | ∓∞ |
    unary!("asin(1)", 1.0, |x| x.asin(), [FRAC_PI_2, INF, INF]);
    unary!("asin(-1)", -1.0, |x| x.asin(), [-FRAC_PI_2, INF, -INF]);
    unary!("acos(1)", 1.0, |x| x.acos(), [0.0, -INF, -INF]);
    unary!("acos(-1)", -1.0, |x| x.acos(), [PI, -INF, INF]);
    // | atanh(±1) | ±∞ | +∞ | ±∞ |, | acosh(1) | 0 | +∞ | −∞ |
    unary!("atanh(1)", 1.0, |x| x.atanh(), [INF, INF, INF]);
    unary!("atanh(-1)", -1.0, |x| x.atanh(), [-INF, INF, -INF]);
    unary!("acosh(1)", 1.0, |x| x.acosh(), [0.0, INF, -INF]);
}

#[test]
fn sinc_and_sinhc_at_zero() {
    // | sinc(0), sinhc(0) | 1 | 0 | −1/3, +1/3 |
    unary!("sinc(0)", 0.0, |x| x.sinc(), [1.0, 0.0, -1.0 / 3.0]);
    unary!("sinhc(0)", 0.0, |x| x.sinhc(), [1.0, 0.0, 1.0 / 3.0]);
}

#[test]
fn min_and_max_at_a_tie() {
    // | min(a, b), max(a, b) at a tie | as f64 | the first argument's | the first argument's |
    let first = [1.0, 0.0];
    let none = [0.0; 3];
    binary!("min tie", (1.5, 1.5), |x, y| x.min(y), 1.5, first, none);
    binary!("max tie", (1.5, 1.5), |x, y| x.max(y), 1.5, first, none);
    binary!("min", (1.0, 2.0), |x, y| x.min(y), 1.0, [1.0, 0.0], none);
    binary!("max", (1.0, 2.0), |x, y| x.max(y), 2.0, [0.0, 1.0], none);
    // A NaN argument is ignored, as by f64::min and f64::max
    binary!(
        "min(NaN, 2)",
        (NAN, 2.0),
        |x, y| x.min(y),
        2.0,
        [0.0, 1.0],
        none
    );
    binary!(
        "max(1, NaN)",
        (1.0, NAN),
        |x, y| x.max(y),
        1.0,
        [1.0, 0.0],
        none
    );
}

/// The inherent methods with a float argument follow the same rows as the
/// `ComplexField` forms above.
#[test]
fn inherent_methods_with_a_float_argument() {
    let rows: [(f64, f64, [f64; 3]); 5] = [
        (0.0, 0.0, [1.0, 0.0, 0.0]),
        (0.0, 1.0, [0.0, 1.0, 0.0]),
        (0.0, 2.0, [0.0, 0.0, 2.0]),
        (0.0, 0.5, [0.0, INF, -INF]),
        (0.0, -1.0, [INF, -INF, INF]),
    ];
    for (at, e, [v, d1, d2]) in rows {
        let y = D::variable(at, 0).powf(e);
        assert!(
            same_bits(y.value(), v) && same(y.gradient()[0], d1),
            "Dual powf(0, {e})"
        );
        let y = H::variable(at, 0).powf(e);
        assert!(
            same(y.gradient()[0], d1) && same(y.hessian()[(0, 0)], d2),
            "HyperDual powf(0, {e})"
        );
        let y = H::variable(at, 0).sqrt().powf(0.0);
        assert_eq!((y.gradient()[0], y.hessian()[(0, 0)]), (0.0, 0.0));
    }
    let y = H::variable(0.0, 0).log(3.0);
    assert_eq!(
        (y.value(), y.gradient()[0], y.hessian()[(0, 0)]),
        (-INF, INF, -INF)
    );
}

/// Lanes that do not depend on an input stay exactly 0 next to an infinite
/// derivative, through later operations; an infinite part meets ∞ − ∞ only
/// where the composition's own limit is undefined at that order.
#[test]
fn independent_lanes_stay_zero_after_an_infinite_derivative() {
    let (x, y) = (H::variable(0.0, 0), H::variable(2.0, 1));
    // exp √x: ∂² = e^√x (1/(4x) − 1/(4x^{3/2})) is ∞ − ∞ term by term: NaN
    let f = x.sqrt().exp() + y;
    check_parts(
        "exp √x + y",
        "HyperDual",
        "gradient",
        f.gradient().as_slice(),
        &[INF, 1.0],
    );
    check_parts(
        "exp √x + y",
        "HyperDual",
        "Hessian",
        f.hessian().as_slice(),
        &[NAN, 0.0, 0.0, 0.0],
    );
}

/// H·v of √x₁ at (1, 0) with v = (1, 1): H = diag(0, −∞), so H·v = (0, −∞)
/// (a zero entry of H times a component of v stays 0).
#[test]
fn hessian_vector_product_of_a_root_at_zero() {
    let (f, g, hv) = monodual::hessian_vector_product(
        |x| x[1].sqrt(),
        Vector2::new(1.0, 0.0),
        Vector2::new(1.0, 1.0),
    );
    assert_eq!(
        (f, g, hv),
        (0.0, Vector2::new(0.0, INF), Vector2::new(0.0, -INF))
    );
    let (_, _, h) = monodual::hessian(|x| x[1].sqrt(), Vector2::new(1.0, 0.0));
    assert_eq!(h, Matrix2::new(0.0, 0.0, 0.0, -INF));
}

/// atan, asinh and acosh at ±∞: every derivative is the limit 0 (x·f′ by
/// the zero rule; −2x/(1 + x²)² was ∞/∞ = NaN).
#[test]
fn inverse_functions_at_infinity_have_zero_derivatives() {
    type Function = fn(HyperDual<f64, 1>) -> HyperDual<f64, 1>;
    let cases: [(&str, Function, f64); 5] = [
        ("atan", |x| x.atan(), f64::INFINITY),
        ("atan", |x| x.atan(), f64::NEG_INFINITY),
        ("asinh", |x| x.asinh(), f64::INFINITY),
        ("asinh", |x| x.asinh(), f64::NEG_INFINITY),
        ("acosh", |x| x.acosh(), f64::INFINITY),
    ];
    for (name, f, at) in cases {
        let (_, d1, d2) = monodual::second_derivative(f, at);
        assert_eq!((d1, d2), (0.0, 0.0), "{name} at {at}");
    }
    let (_, d1, d2, d3) = monodual::third_derivative(|x| x.asinh() + x.atan(), f64::INFINITY);
    assert_eq!((d1, d2, d3), (0.0, 0.0, 0.0));
}

/// Taylor series at a value of ±∞ where the function's derivatives all
/// vanish (atan, tanh, asinh, the logarithms, eˣ at −∞): every coefficient
/// after the value is 0, as `HyperDual` gives by the table's limits and the
/// zero rule (the recurrences gave NaN from ∞/∞).
#[test]
fn taylor_series_at_infinity_take_the_limits() {
    type Series = monodual::Taylor<f64, 4>;
    type Case = (&'static str, fn(Series) -> Series, f64);
    let cases: [Case; 6] = [
        ("atan(log2 x)", |x| x.log2().atan(), 0.0),
        ("asinh(1/x)", |x| x.recip().asinh(), 0.0),
        ("ln_1p(|atanh x|)", |x| x.atanh().abs().ln_1p(), -1.0),
        ("ln(cosh x)", |x| x.cosh().ln(), f64::NEG_INFINITY),
        ("tanh(1/x)", |x| x.recip().tanh(), 0.0),
        ("exp(ln x)", |x| x.ln().exp(), 0.0),
    ];
    for (name, f, at) in cases {
        let c = monodual::taylor_univariate(f, at);
        let (_, d1, d2) = monodual::second_derivative(|x: HyperDual<f64, 1>| f64_like(name, x), at);
        assert_eq!(&c[1..], &[0.0; 3], "{name} at {at}: {c:?}");
        assert_eq!((d1, d2), (0.0, 0.0), "{name} at {at} on HyperDual");
    }
}

/// The same functions on `HyperDual`, by name.
fn f64_like(name: &str, x: HyperDual<f64, 1>) -> HyperDual<f64, 1> {
    match name {
        "atan(log2 x)" => x.log2().atan(),
        "asinh(1/x)" => x.recip().asinh(),
        "ln_1p(|atanh x|)" => x.atanh().abs().ln_1p(),
        "ln(cosh x)" => x.cosh().ln(),
        "tanh(1/x)" => x.recip().tanh(),
        _ => x.ln().exp(),
    }
}
