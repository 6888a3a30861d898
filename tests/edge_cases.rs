//! Every row of the "Edge cases" table in the crate docs, on `Dual` and
//! `HyperDual`, for a seeded variable and for a constant.
//!
//! Each one-argument row is (value, f′, f″) at the point; each
//! two-argument row is (value, [g_x, g_y], [g_xx, g_xy, g_yy]). A variable
//! is seeded in lane 0 of two (the two-argument rows seed x in lane 0 and y
//! in lane 1), so lane 1 checks that a lane which does not depend on the
//! input stays exactly 0 next to an infinite or NaN one. A constant must
//! come out with every derivative exactly 0: no NaN from `0 · ∞`.
//!
//! "Equal" here is exact: the same number, infinities with their sign, or
//! both NaN. Values are compared bit for bit, so the sign of a zero counts.

use std::f64::consts::{FRAC_PI_2, PI};

use monodual::{Dual, HyperDual};
use nalgebra::{Matrix2, Vector2};

type D = Dual<f64, 2>;
type H = HyperDual<f64, 2>;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// The same number, or both NaN.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

/// The same bits, or both NaN (so +0 and −0 differ).
fn same_bits(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn assert_value(case: &str, got: f64, expected: f64) {
    assert!(
        same_bits(got, expected),
        "{case}: value {got:e}, expected {expected:e}"
    );
}

fn assert_gradient(case: &str, got: Vector2<f64>, expected: [f64; 2]) {
    assert!(
        got.iter().zip(expected).all(|(&g, e)| same(g, e)),
        "{case}: gradient {got:?}, expected {expected:?}"
    );
}

fn assert_hessian(case: &str, got: Matrix2<f64>, expected: [[f64; 2]; 2]) {
    let ok = (0..2).all(|i| (0..2).all(|j| same(got[(i, j)], expected[i][j])));
    assert!(ok, "{case}: Hessian {got:?}, expected {expected:?}");
}

/// A one-argument row: `dual` and `hyper` are the same function on the two
/// number types, evaluated at `at`; `[value, d1, d2]` is the table's row.
fn unary(
    case: &str,
    at: f64,
    dual: impl Fn(D) -> D,
    hyper: impl Fn(H) -> H,
    [value, d1, d2]: [f64; 3],
) {
    let variable = dual(D::variable(at, 0));
    assert_value(case, variable.value(), value);
    assert_gradient(case, variable.gradient(), [d1, 0.0]);

    let variable = hyper(H::variable(at, 0));
    assert_value(case, variable.value(), value);
    assert_gradient(case, variable.gradient(), [d1, 0.0]);
    assert_hessian(case, variable.hessian(), [[d2, 0.0], [0.0, 0.0]]);

    let constant = dual(D::constant(at));
    let case = format!("{case} of a constant");
    assert_value(&case, constant.value(), value);
    assert_gradient(&case, constant.gradient(), [0.0; 2]);

    let constant = hyper(H::constant(at));
    assert_value(&case, constant.value(), value);
    assert_gradient(&case, constant.gradient(), [0.0; 2]);
    assert_hessian(&case, constant.hessian(), [[0.0; 2]; 2]);
}

/// A two-argument row at (x, y) = `at`: both arguments variables, each one
/// alone a variable with the other a constant, and both constants.
fn binary(
    case: &str,
    (x, y): (f64, f64),
    dual: impl Fn(D, D) -> D,
    hyper: impl Fn(H, H) -> H,
    value: f64,
    [gx, gy]: [f64; 2],
    [gxx, gxy, gyy]: [f64; 3],
) {
    // (seed x?, seed y?) and what the row then predicts
    let seeds = [
        (true, true, [gx, gy], [[gxx, gxy], [gxy, gyy]]),
        (true, false, [gx, 0.0], [[gxx, 0.0], [0.0, 0.0]]),
        (false, true, [0.0, gy], [[0.0, 0.0], [0.0, gyy]]),
        (false, false, [0.0; 2], [[0.0; 2]; 2]),
    ];
    for (seed_x, seed_y, gradient, hessian) in seeds {
        let case = format!("{case}, x seeded: {seed_x}, y seeded: {seed_y}");
        let number = |v: f64, seeded: bool, lane: usize| {
            if seeded {
                (D::variable(v, lane), H::variable(v, lane))
            } else {
                (D::constant(v), H::constant(v))
            }
        };
        let ((dx, hx), (dy, hy)) = (number(x, seed_x, 0), number(y, seed_y, 1));

        let first = dual(dx, dy);
        assert_value(&case, first.value(), value);
        assert_gradient(&case, first.gradient(), gradient);

        let second = hyper(hx, hy);
        assert_value(&case, second.value(), value);
        assert_gradient(&case, second.gradient(), gradient);
        assert_hessian(&case, second.hessian(), hessian);
    }
}

/// Forwards one expression in `x` to [`unary`] as a `Dual` and a `HyperDual` closure.
macro_rules! unary {
    ($case:expr, $at:expr, |$x:ident| $body:expr, $row:expr) => {
        unary($case, $at, |$x: D| $body, |$x: H| $body, $row)
    };
}

/// Forwards one expression in `x`, `y` to [`binary`] as a `Dual` and a `HyperDual` closure.
macro_rules! binary {
    ($case:expr, $at:expr, |$x:ident, $y:ident| $body:expr, $value:expr, $d:expr, $d2:expr) => {
        binary(
            $case,
            $at,
            |$x: D, $y: D| $body,
            |$x: H, $y: H| $body,
            $value,
            $d,
            $d2,
        )
    };
}

#[test]
fn roots_at_zero() {
    // | sqrt(±0), cbrt(±0) | ±0 | +∞ | −∞ (cbrt at −0: +∞) |
    unary!("sqrt(0)", 0.0, |x| x.sqrt(), [0.0, INF, -INF]);
    unary!("sqrt(-0)", -0.0, |x| x.sqrt(), [-0.0, INF, -INF]);
    unary!("cbrt(0)", 0.0, |x| x.cbrt(), [0.0, INF, -INF]);
    unary!("cbrt(-0)", -0.0, |x| x.cbrt(), [-0.0, INF, INF]);
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
    unary!("signum(0)", 0.0, |x| x.signum(), [1.0, 0.0, 0.0]);
    unary!("signum(-0)", -0.0, |x| x.signum(), [-1.0, 0.0, 0.0]);
    // Generic code calls nalgebra's ComplexField::signum: the same function
    use nalgebra::ComplexField;
    for at in [0.0, -0.0, 2.0, -INF, INF] {
        let row = [at.signum(), 0.0, 0.0];
        unary!(
            &format!("ComplexField::signum({at})"),
            at,
            |x| ComplexField::signum(x),
            row
        );
    }
    for at in [-3.0, -1.0, 0.0, 2.0, 5.0] {
        unary!(&format!("floor({at})"), at, |x| x.floor(), [at, 0.0, 0.0]);
        unary!(&format!("ceil({at})"), at, |x| x.ceil(), [at, 0.0, 0.0]);
        unary!(&format!("round({at})"), at, |x| x.round(), [at, 0.0, 0.0]);
        unary!(&format!("trunc({at})"), at, |x| x.trunc(), [at, 0.0, 0.0]);
    }
    unary!("floor(-0)", -0.0, |x| x.floor(), [-0.0, 0.0, 0.0]);
}

#[test]
fn powers_with_exponent_zero_and_one() {
    // | powi(x, 0), powf(x, 0.0) | 1, also at x = 0 | 0 | 0 |
    // | powf(x, 1.0), powi(x, 1) | x | 1, also at x = 0 | 0 |
    for at in [0.0, -0.0, 2.0] {
        unary!(
            &format!("powi({at}, 0)"),
            at,
            |x| x.powi(0),
            [1.0, 0.0, 0.0]
        );
        unary!(
            &format!("powf({at}, 0)"),
            at,
            |x| x.powf(0.0),
            [1.0, 0.0, 0.0]
        );
        unary!(&format!("powi({at}, 1)"), at, |x| x.powi(1), [at, 1.0, 0.0]);
        unary!(
            &format!("powf({at}, 1)"),
            at,
            |x| x.powf(1.0),
            [at, 1.0, 0.0]
        );
    }
}

#[test]
fn powers_of_zero() {
    // | powf(0, 2.0) | 0 | 0 | 2 |
    unary!("powf(0, 2)", 0.0, |x| x.powf(2.0), [0.0, 0.0, 2.0]);
    // | powf(0, 0.5) | 0 | +∞ | −∞ |
    unary!("powf(0, 0.5)", 0.0, |x| x.powf(0.5), [0.0, INF, -INF]);
    unary!("powf(-0, 0.5)", -0.0, |x| x.powf(0.5), [0.0, INF, -INF]);
    // | powi(0, n), n ≥ 2 | 0 | 0 | n(n−1)·0ⁿ⁻²: 2 for n = 2, else 0 |
    unary!("powi(0, 2)", 0.0, |x| x.powi(2), [0.0, 0.0, 2.0]);
    unary!("powi(0, 3)", 0.0, |x| x.powi(3), [0.0, 0.0, 0.0]);
    unary!("powi(0, 4)", 0.0, |x| x.powi(4), [0.0, 0.0, 0.0]);
    // | powi(0, n), n < 0 | +∞ | −∞ | +∞ |  (as 1/0)
    unary!("powi(0, -1)", 0.0, |x| x.powi(-1), [INF, -INF, INF]);
    unary!("powi(0, -2)", 0.0, |x| x.powi(-2), [INF, -INF, INF]);
    unary!("powf(0, -1)", 0.0, |x| x.powf(-1.0), [INF, -INF, INF]);
    unary!("powf(0, -0.5)", 0.0, |x| x.powf(-0.5), [INF, -INF, INF]);
}

#[test]
fn powers_with_a_constant_number_exponent() {
    // `ComplexField::powf` (what generic code calls) takes the exponent as a
    // number; a constant exponent follows the powf rows above.
    use nalgebra::ComplexField;
    let power = |e: f64| {
        (
            move |x: D| ComplexField::powf(x, D::constant(e)),
            move |x: H| ComplexField::powf(x, H::constant(e)),
        )
    };
    let rows = [
        (0.0, [1.0, 0.0, 0.0]),
        (1.0, [0.0, 1.0, 0.0]),
        (2.0, [0.0, 0.0, 2.0]),
        (0.5, [0.0, INF, -INF]),
    ];
    for (e, row) in rows {
        let (dual, hyper) = power(e);
        unary(
            &format!("ComplexField::powf(0, {e})"),
            0.0,
            dual,
            hyper,
            row,
        );
    }
}

#[test]
fn logarithms_at_zero() {
    // | ln(±0), log2, log10, log(·, b > 1) | −∞ | +∞ | −∞ |
    for at in [0.0, -0.0] {
        unary!(&format!("ln({at})"), at, |x| x.ln(), [-INF, INF, -INF]);
        unary!(&format!("log2({at})"), at, |x| x.log2(), [-INF, INF, -INF]);
        unary!(
            &format!("log10({at})"),
            at,
            |x| x.log10(),
            [-INF, INF, -INF]
        );
        unary!(
            &format!("log({at}, 3)"),
            at,
            |x| x.log(3.0),
            [-INF, INF, -INF]
        );
    }
    // ln(1 + x) at x = −1 is ln at 0
    unary!("ln_1p(-1)", -1.0, |x| x.ln_1p(), [-INF, INF, -INF]);
}

#[test]
fn reciprocal_of_zero() {
    // | 1 / 0 | +∞ | −∞ | +∞ |  (at −0: −∞, −∞, −∞, the limits from the left)
    unary!("recip(0)", 0.0, |x| x.recip(), [INF, -INF, INF]);
    unary!("1.0 / 0", 0.0, |x| 1.0 / x, [INF, -INF, INF]);
    unary!("one / 0", 0.0, |x| (x * 0.0 + 1.0) / x, [INF, -INF, INF]);
    unary!("recip(-0)", -0.0, |x| x.recip(), [-INF, -INF, -INF]);
    unary!("1.0 / -0", -0.0, |x| 1.0 / x, [-INF, -INF, -INF]);
    // x / y with both numbers: g_x = 1/y, g_y = −x/y², g_xx = 0, g_xy = −1/y², g_yy = 2x/y³
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
fn atan2_and_hypot_at_the_origin() {
    // | atan2(±0, ±0) | as f64: ±0 or ±π | NaN | NaN |
    let nan2 = [NAN, NAN];
    let nan3 = [NAN, NAN, NAN];
    binary!(
        "atan2(0, 0)",
        (0.0, 0.0),
        |y, x| y.atan2(x),
        0.0,
        nan2,
        nan3
    );
    binary!(
        "atan2(-0, 0)",
        (-0.0, 0.0),
        |y, x| y.atan2(x),
        -0.0,
        nan2,
        nan3
    );
    binary!(
        "atan2(0, -0)",
        (0.0, -0.0),
        |y, x| y.atan2(x),
        PI,
        nan2,
        nan3
    );
    binary!(
        "atan2(-0, -0)",
        (-0.0, -0.0),
        |y, x| y.atan2(x),
        -PI,
        nan2,
        nan3
    );
    // | hypot(0, 0) | 0 | NaN | NaN |
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
fn inverse_sine_and_cosine_at_the_ends() {
    // | asin(±1) | ±π/2 | +∞ | ±∞ |
    unary!("asin(1)", 1.0, |x| x.asin(), [FRAC_PI_2, INF, INF]);
    unary!("asin(-1)", -1.0, |x| x.asin(), [-FRAC_PI_2, INF, -INF]);
    // | acos(±1) | 0, π | −∞ | ∓∞ |
    unary!("acos(1)", 1.0, |x| x.acos(), [0.0, -INF, -INF]);
    unary!("acos(-1)", -1.0, |x| x.acos(), [PI, -INF, INF]);
}

#[test]
fn min_and_max_at_a_tie() {
    // | min(a, b), max(a, b) at a tie | as f64 | the first argument's | the first argument's |
    let first = [1.0, 0.0];
    let none = [0.0; 3];
    binary!("min tie", (1.5, 1.5), |x, y| x.min(y), 1.5, first, none);
    binary!("max tie", (1.5, 1.5), |x, y| x.max(y), 1.5, first, none);
    // Not a tie: the derivatives of the argument picked
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

/// A constant whose value is infinite, multiplied by other constants: the
/// product rule is plain IEEE arithmetic on both number types (their
/// hottest operation, kept branch-free), so there 0 · ∞ = NaN as in f64,
/// while the elementary function that made the infinity kept its
/// derivatives 0.
#[test]
fn infinite_constants_in_products() {
    let infinite = D::constant(0.0).ln(); // −∞, derivatives 0
    assert_gradient("ln of constant 0", infinite.gradient(), [0.0; 2]);
    for product in [
        infinite * infinite,
        infinite * D::constant(2.0),
        infinite * D::constant(0.0),
    ] {
        assert!(
            product.gradient().iter().all(|g| g.is_nan()),
            "Dual product"
        );
    }
    // HyperDual follows the crate's convention in the product rule too: a
    // constant's derivative parts stay zero through everything.
    let infinite = H::constant(0.0).ln();
    assert_hessian("ln of constant 0", infinite.hessian(), [[0.0; 2]; 2]);
    for product in [
        infinite * infinite,
        infinite * H::constant(2.0),
        infinite * H::constant(0.0),
    ] {
        assert_gradient("HyperDual product", product.gradient(), [0.0; 2]);
        assert_hessian("HyperDual product", product.hessian(), [[0.0; 2]; 2]);
    }
}

/// Lanes that do not depend on an input stay exactly 0 next to an infinite
/// derivative, through later operations. In the product rule the entry
/// where the infinite lane meets a zero lane of the other factor is IEEE
/// arithmetic: ∂²(√x·y)/∂x² = y·(−∞) + 2·(∞·0) = NaN.
#[test]
fn independent_lanes_stay_zero_after_an_infinite_derivative() {
    // f(x, y) = √x · y at (0, 2): ∂f/∂x = y/(2√x) = +∞, ∂f/∂y = √x = 0
    let (x, y) = (D::variable(0.0, 0), D::variable(2.0, 1));
    assert_gradient("√x · y", (x.sqrt() * y).gradient(), [INF, 0.0]);
    let (x, y) = (H::variable(0.0, 0), H::variable(2.0, 1));
    let f = x.sqrt() * y;
    assert_gradient("√x · y", f.gradient(), [INF, 0.0]);
    // ∂²f/∂x∂y = 1/(2√x) = +∞ and ∂²f/∂y² = 0 exactly; ∂²f/∂x² = −∞, the
    // limit: HyperDual's product rule applies 0 · ∞ = 0 (y″ = 0, y′ₓ = 0)
    assert_hessian("√x · y", f.hessian(), [[-INF, INF], [INF, 0.0]]);

    // Through the chain rule of one and of two arguments, y not involved:
    // ∂²/∂x² is ∞ − ∞ (NaN) or its limit, every entry involving y stays 0.
    let (x, y) = (H::variable(0.0, 0), H::variable(2.0, 1));
    let f = x.sqrt().exp();
    assert_gradient("exp √x", f.gradient(), [INF, 0.0]);
    assert_hessian("exp √x", f.hessian(), [[NAN, 0.0], [0.0, 0.0]]);
    let f = x.sqrt().atan2(H::constant(1.0));
    assert_gradient("atan2(√x, 1)", f.gradient(), [INF, 0.0]);
    // atan2(u, 1)″ = g_x u″ + g_xx u′² = 1 · (−∞) + 0 · ∞ = −∞ (g_xx = 0 at u = 0)
    assert_hessian("atan2(√x, 1)", f.hessian(), [[-INF, 0.0], [0.0, 0.0]]);
    let f = x.sqrt().hypot(H::constant(1.0)) + y;
    // g_x = u/hypot(u, 1) = 0 exactly at u = 0, and a zero outer derivative
    // kills the infinite inner one: g_x u′ = 0, g_x u″ + g_xx u′² = 0 + 1 · ∞
    assert_gradient("hypot(√x, 1) + y", f.gradient(), [0.0, 1.0]);
    assert_hessian("hypot(√x, 1) + y", f.hessian(), [[INF, 0.0], [0.0, 0.0]]);
}

/// A constant *number* 0 or ∞: the quotient rule (a table entry) applies
/// `0 · ∞ = 0`; `Dual`'s product is IEEE arithmetic, `HyperDual`'s is not.
#[test]
fn constant_number_zero_and_infinity_keep_zero_derivatives() {
    use monodual::Real;
    let (zero, infinity) = (D::from_float(0.0), D::from_float(INF));
    let c = D::constant(1.0);
    assert_gradient("constant / 0", (c / zero).gradient(), [0.0; 2]);
    assert!(
        (c * infinity).gradient().iter().all(|g| g.is_nan()),
        "Dual: 0 · ∞ = NaN"
    );
    let x = D::variable(1.0, 0);
    assert_gradient("x / 0", (x / zero).gradient(), [INF, 0.0]);
    let xi = (x * infinity).gradient();
    assert!(xi[0] == INF && xi[1].is_nan(), "Dual x * ∞: {xi:?}");
    // HyperDual: 0 · ∞ = 0 in the product rule, so only the lane of x is ∞
    let h = H::variable(1.0, 0);
    let product = h * H::from_float(INF);
    assert_gradient("HyperDual x * ∞", product.gradient(), [INF, 0.0]);
    assert_hessian("HyperDual x * ∞", product.hessian(), [[0.0; 2]; 2]);
}

/// Dividing by a plain float 0 scales the value as `f64` does and keeps
/// derivative parts that are 0 at 0 (the quotient rule); multiplying by ∞
/// scales every part, as `f64` does (0 · ∞ = NaN).
#[test]
fn plain_float_zero_and_infinity_keep_zero_derivatives() {
    let c = D::constant(1.0);
    assert_gradient("constant / 0.0", (c / 0.0).gradient(), [0.0; 2]);
    // Dual's product rule is IEEE arithmetic: 0 · ∞ = NaN
    assert!(
        (c * INF).gradient().iter().all(|g| g.is_nan()),
        "constant * ∞"
    );
    assert!(
        (INF * c).gradient().iter().all(|g| g.is_nan()),
        "∞ * constant"
    );
    let x = D::variable(1.0, 0);
    assert_gradient("x / 0.0", (x / 0.0).gradient(), [INF, 0.0]);
    // HyperDual scales by a plain float with 0 · ∞ = 0
    let h = H::variable(1.0, 0);
    assert_gradient("HyperDual x * ∞", (h * INF).gradient(), [INF, 0.0]);
    assert_hessian("HyperDual x * ∞", (h * INF).hessian(), [[0.0; 2]; 2]);
    assert_hessian("HyperDual ∞ * x", (INF * h).hessian(), [[0.0; 2]; 2]);
}
