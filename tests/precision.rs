//! Derivatives that are exact in the sense the crate docs promise: the
//! right branch (`%`), the exponent's derivative kept by nested types
//! (`powf`), and accuracy within a few ulps of high-precision references
//! where a naive formula cancels, overflows or underflows (`tanh`, `asinh`,
//! `acosh`, `asin`, `acos`, `atanh`, `atan2`, `hypot`, `sinc`, `sinhc`).
//!
//! The references were computed with 60-digit arithmetic (mpmath) from the
//! closed forms and rounded to the nearest f64.

use std::f64::consts::FRAC_1_SQRT_2;

use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{ComplexField, Vector2};

/// |got − want| ≤ ulps · ε · |want|, with a message.
fn assert_ulps(what: &str, got: f64, want: f64, ulps: f64) {
    let error = (got - want).abs() / want.abs();
    assert!(
        error <= ulps * f64::EPSILON,
        "{what}: {got:e}, reference {want:e} (relative error {error:e} = {:.1} ε)",
        error / f64::EPSILON
    );
}

#[test]
fn remainder_slope_is_the_branch_of_the_value() {
    // 1 % 0.1 = 0.0999…: the float 0.1 is a little above 1/10, nine of it
    // fit, so x % y = x − 9y and ∂/∂y = −9 (x/y rounds to 10)
    let (r, g) = monodual::gradient(|x| x[0] % x[1], Vector2::new(1.0, 0.1));
    assert_eq!(r, 1.0 % 0.1);
    assert_eq!(g, Vector2::new(1.0, -9.0));
    // the slope of the value itself, by a one-sided difference on that branch
    let h = 1e-12;
    let slope = (1.0 % (0.1 + h) - 1.0 % 0.1) / h;
    assert!((slope + 9.0).abs() < 1e-3, "finite difference {slope}");
    for (x, y) in [(1.0, 0.1), (-2.0, 0.4), (0.3, 0.1), (7.0, -0.7), (5.5, 1.1)] {
        let d = Dual::<f64, 2>::variable(x, 0) % Dual::variable(y, 1);
        let n = (x - x % y) / y;
        assert_eq!(n, n.round(), "x − r is a multiple of y at ({x}, {y})");
        assert_eq!(d.gradient()[1], -n.round(), "({x}, {y})");
        let h = HyperDual::<f64, 2>::variable(x, 0) % HyperDual::variable(y, 1);
        assert_eq!(h.gradient(), d.gradient());
    }
}

#[test]
fn nested_power_keeps_the_exponent_derivative() {
    // f = x^y at (2, 1): ∇ = (y x^{y−1}, x^y ln x) = (1, 2 ln 2),
    // H e₀ = (y(y−1)x^{y−2}, x^{y−1}(1 + y ln x)) = (0, 1 + ln 2)
    let x = Vector2::new(2.0, 1.0);
    fn power<S: Scalar>(p: nalgebra::SVector<S, 2>) -> S {
        ComplexField::powf(p[0], p[1])
    }
    let (f, g, hv) = monodual::hessian_vector_product(power, x, Vector2::new(1.0, 0.0));
    let (f2, g2, h) = monodual::hessian(power, x);
    assert_eq!(f, 2.0);
    assert_eq!(f, f2);
    let ln2 = 2f64.ln();
    assert_ulps("∂f/∂y by hessian_vector_product", g[1], 2.0 * ln2, 1.0);
    assert_eq!(g, g2);
    assert_eq!(hv[0], 0.0);
    assert_ulps("(H e₀)₁", hv[1], 1.0 + ln2, 2.0);
    assert_ulps("H₀₁ by hessian", h[(0, 1)], 1.0 + ln2, 2.0);
    // also with exponent 0: ∂f/∂y = x⁰ ln x = ln 2, (H e₀)₁ = x⁻¹ = 0.5
    let (_, g, hv) =
        monodual::hessian_vector_product(power, Vector2::new(2.0, 0.0), Vector2::new(1.0, 0.0));
    assert_eq!((g[0], g[1], hv[1]), (0.0, ln2, 0.5));
    // and through the inherent method on a nested number
    let y = Dual::<Dual<f64, 1>, 1>::new(
        Dual::variable(1.0, 0),
        nalgebra::Vector1::new(Dual::constant(0.0)),
    );
    let x = Dual::<Dual<f64, 1>, 1>::new(
        Dual::constant(2.0),
        nalgebra::Vector1::new(Dual::constant(1.0)),
    );
    let p = x.powf(y.value());
    // ∂/∂x = y x^{y−1} = 1, ∂²/∂x∂y = 1 + ln 2
    assert_eq!(p.gradient()[0].value(), 1.0);
    assert_ulps(
        "inherent powf, ∂²/∂x∂y",
        p.gradient()[0].gradient()[0],
        1.0 + ln2,
        2.0,
    );
}

/// (x, f′, f″) references for one-argument functions.
const UNARY: &[(&str, f64, f64, f64)] = &[
    ("tanh", 20.0, 1.6993417021166355e-17, -3.398683404233271e-17),
    (
        "tanh",
        300.0,
        1.0601586212017243e-260,
        -2.1203172424034486e-260,
    ),
    (
        "tanh",
        -45.5,
        1.2057635140261498e-39,
        2.4115270280522997e-39,
    ),
    ("asinh", 1e200, 1e-200, 0.0),
    ("asinh", -3e160, 3.3333333333333334e-161, 0.0),
    ("acosh", 1e200, 1e-200, 0.0),
    (
        "acosh",
        1.0000000009313226,
        23170.475000525992,
        -12439554050798.209,
    ),
    ("acosh", 1.0000001, 2236.067920945309, -11180340157.215664),
    (
        "asin",
        0.9999999990686774,
        23170.475011315586,
        12439554045005.59,
    ),
    (
        "asin",
        -0.9999999962747097,
        11585.237513749988,
        -1554944254539.5828,
    ),
    ("asin", 0.9999999, 2236.068033989975, 11180339616.817677),
    (
        "acos",
        0.9999999990686774,
        -23170.475011315586,
        -12439554045005.59,
    ),
    (
        "acos",
        -0.9999999962747097,
        -11585.237513749988,
        1554944254539.5828,
    ),
    (
        "atanh",
        0.9999999990686774,
        536870912.25,
        5.764607523034235e17,
    ),
    (
        "atanh",
        -0.9999999981373549,
        268435456.25,
        -1.4411518807585587e17,
    ),
    ("atanh", 0.9999999, 5000000.252631792, 50000000052635.46),
    ("sinc", 1e-8, -3.3333333333333334e-09, -0.3333333333333333),
    ("sinc", -5.4e-9, 1.8000000000000002e-09, -0.3333333333333333),
    ("sinc", 1e-3, -0.0003333333000000012, -0.3333332333333393),
    ("sinc", 0.3, -0.09910288804064188, -0.3243814352668527),
    ("sinc", 0.99, -0.2987685099732158, -0.24089793803443324),
    ("sinc", 1.01, -0.3035511381530401, -0.23735600822963868),
    ("sinc", 1.7, -0.4189274916106784, -0.09047636895947755),
    ("sinc", 5.0, 0.0950894080791708, 0.15374909170095938),
    ("sinhc", 1e-8, 3.3333333333333334e-09, 0.33333333333333337),
    (
        "sinhc",
        -5.4e-9,
        -1.8000000000000002e-09,
        0.3333333333333333,
    ),
    ("sinhc", 1e-3, 0.00033333336666666784, 0.3333334333333393),
    ("sinhc", 0.3, 0.10090289768350584, 0.34238166026710304),
    ("sinhc", 0.99, 0.3634962097798073, 0.4372085566707007),
    ("sinhc", 1.01, 0.3722851480682928, 0.4417036847387237),
    ("sinhc", 1.7, 0.7482713995071667, 0.6759347851899407),
    ("sinhc", 5.0, 11.873861281846018, 10.091097602819344),
];

fn apply<S: Scalar>(name: &str, x: S) -> S {
    match name {
        "tanh" => x.tanh(),
        "asinh" => x.asinh(),
        "acosh" => x.acosh(),
        "asin" => x.asin(),
        "acos" => x.acos(),
        "atanh" => x.atanh(),
        "sinc" => x.sinc(),
        "sinhc" => x.sinhc(),
        _ => unreachable!("{name}"),
    }
}

#[test]
fn one_argument_derivatives_are_accurate_to_a_few_ulps() {
    for &(name, x, d1, d2) in UNARY {
        let (_, g, h) = monodual::second_derivative(|t| apply(name, t), x);
        assert_ulps(&format!("{name}′({x:e})"), g, d1, 4.0);
        if d2 != 0.0 {
            // a reference 0 stands for a second derivative below the normal range
            assert_ulps(&format!("{name}″({x:e})"), h, d2, 4.0);
        }
        // the same on the nested type and by hessian_vector_product
        let (_, g_hv, hv) = monodual::hessian_vector_product(
            |p| apply(name, p[0]),
            nalgebra::Vector1::new(x),
            nalgebra::Vector1::new(1.0),
        );
        assert_ulps(&format!("{name}′({x:e}) by HVP"), g_hv[0], d1, 4.0);
        if d2 != 0.0 {
            assert_ulps(&format!("{name}″({x:e}) by HVP"), hv[0], d2, 4.0);
        }
    }
}

#[test]
fn sinc_at_zero_keeps_the_inner_derivative_when_nested() {
    let (_, g, hv) = monodual::hessian_vector_product(
        |p| p[0].sinc(),
        nalgebra::Vector1::new(0.0),
        nalgebra::Vector1::new(1.0),
    );
    assert_eq!((g[0], hv[0]), (0.0, -1.0 / 3.0));
    let (_, g, hv) = monodual::hessian_vector_product(
        |p| p[0].sinhc(),
        nalgebra::Vector1::new(0.0),
        nalgebra::Vector1::new(1.0),
    );
    assert_eq!((g[0], hv[0]), (0.0, 1.0 / 3.0));
}

/// ((y, x), [g_y, g_x, g_yy, g_yx, g_xx]) for atan2, where the entries are normal floats.
const ATAN2: &[((f64, f64), [f64; 5])] = &[
    (
        (1e-170, 1e-170),
        [5e169, -5e169, f64::NEG_INFINITY, 0.0, f64::INFINITY],
    ),
    ((1e300, -1e300), [-5e-301, -5e-301, 0.0, 0.0, 0.0]),
    (
        (3e-300, 1e-300),
        [
            9.999999999999999e298,
            -2.9999999999999998e299,
            0.0,
            0.0,
            0.0,
        ],
    ),
    ((1e200, 1e150), [1e-250, -1e-200, 0.0, 0.0, 0.0]),
    (
        (3e-100, 4e-100),
        [1.6e99, -1.2e99, -3.84e198, -1.12e198, 3.84e198],
    ),
];

/// ((x, y), [g_x, g_y, g_xx, g_xy, g_yy]) for hypot.
const HYPOT: &[((f64, f64), [f64; 5])] = &[
    (
        (1e-300, 1e-300),
        [
            FRAC_1_SQRT_2,
            FRAC_1_SQRT_2,
            3.535533905932737e299,
            -3.535533905932737e299,
            3.535533905932737e299,
        ],
    ),
    (
        (1e300, 1e300),
        [
            FRAC_1_SQRT_2,
            FRAC_1_SQRT_2,
            3.5355339059327376e-301,
            -3.5355339059327376e-301,
            3.5355339059327376e-301,
        ],
    ),
    ((3e-200, 4e-200), [0.6, 0.8, 1.28e199, -9.6e198, 7.2e198]),
    // (y/g)² = 1e-300 would underflow to a subnormal, 1e-200 is the answer
    ((1e-100, 1e-250), [1.0, 1e-150, 1e-200, -1e-50, 1e100]),
];

fn check_two(
    what: &str,
    (a, b): (f64, f64),
    f: impl Fn(HyperDual<f64, 2>, HyperDual<f64, 2>) -> HyperDual<f64, 2>,
    want: [f64; 5],
) {
    let r = f(HyperDual::variable(a, 0), HyperDual::variable(b, 1));
    let got = [
        r.gradient()[0],
        r.gradient()[1],
        r.hessian()[(0, 0)],
        r.hessian()[(0, 1)],
        r.hessian()[(1, 1)],
    ];
    for (k, (g, w)) in got.into_iter().zip(want).enumerate() {
        if w == 0.0 {
            continue; // not a normal float: not promised
        }
        if w.is_infinite() {
            assert_eq!(g, w, "{what}({a:e}, {b:e}) part {k}");
        } else {
            assert_ulps(&format!("{what}({a:e}, {b:e}) part {k}"), g, w, 4.0);
        }
    }
}

#[test]
fn atan2_and_hypot_neither_overflow_nor_underflow() {
    let (_, g) = monodual::gradient(|p| p[0].atan2(p[1]), Vector2::new(1e-170, 1e-170));
    // the reference is (5e169, −5e169); before, (∞, −∞) from r² = 2e-340 → 0
    assert_ulps("∂atan2/∂y", g[0], 5e169, 2.0);
    assert_ulps("∂atan2/∂x", g[1], -5e169, 2.0);
    for &(at, want) in ATAN2 {
        check_two("atan2", at, |y, x| y.atan2(x), want);
    }
    for &(at, want) in HYPOT {
        check_two("hypot", at, |x, y| x.hypot(y), want);
    }
}

/// d/dx xᵃ = a xᵃ⁻¹ for exponents where a − 1 rounds: xᵃ⁻¹ as xᵃ/x keeps
/// the accuracy that x.powf(a − 1) loses (175 ulps at x = 1e300, a = 1/3).
#[test]
fn power_derivatives_do_not_round_the_exponent() {
    let rows: [(f64, f64, f64); 3] = [
        (1.0 / 3.0, 1e300, 3.333333333333291e-201),
        (0.1, 1e-300, 9.999999999999962e268),
        (1e-5, 1e250, 1.0057730630017384e-255),
    ];
    for (a, x, want) in rows {
        let (_, d) = monodual::derivative(|t| t.powf(a), x);
        assert_ulps(&format!("d/dx x^{a} at {x:e}"), d, want, 2.0);
        let (_, g) = monodual::gradient(|p| ComplexField::powf(p[0], p[1]), Vector2::new(x, a));
        assert_ulps(&format!("∂/∂x x^y at ({x:e}, {a})"), g[0], want, 2.0);
    }
}

/// d²/dx² xᵃ = a(a−1)xᵃ⁻²: from xᵃ by two divisions by x, not by
/// x.powf(a − 2) (236 ulps at x = 6e51, a = −1.2), and scaled before the
/// last division where xᵃ⁻² alone overflows or underflows although the
/// derivative is a normal float. References: 300-bit arithmetic.
#[test]
fn power_second_derivatives_stay_in_range() {
    // (x, a, d/dx xᵃ, d²/dx² xᵃ)
    let rows: [(f64, f64, f64, f64); 4] = [
        (6e51, -1.2, -1.469767010369542e-114, 5.38914570468832e-166),
        // x^(a−2) = 6e528 overflows; the derivative is −8.6e264
        (
            3.999999999999998e-265,
            1.369226076315516e-264,
            3.4230651907887917,
            -8.557662976971984e264,
        ),
        (1e-300, 1e-300, 1.0, -9.999999999999999e299),
        // xᵃ = 1e-500 underflows
        (1e-200, 2.5, 2.5e-300, 3.75e-100),
    ];
    for (x, a, d1, d2) in rows {
        let (_, g, h) = monodual::second_derivative(|t| t.powf(a), x);
        assert_ulps(&format!("d/dx x^{a} at {x:e}"), g, d1, 2.0);
        assert_ulps(&format!("d²/dx² x^{a} at {x:e}"), h, d2, 4.0);
        let (_, g, h) = monodual::hessian(|p| ComplexField::powf(p[0], p[1]), Vector2::new(x, a));
        assert_ulps(&format!("∂/∂x x^y at ({x:e}, {a:e})"), g[0], d1, 2.0);
        assert_ulps(&format!("∂²/∂x² x^y at ({x:e}, {a:e})"), h[(0, 0)], d2, 4.0);
    }
}

/// H = g′ Hx + g″ ∇x∇xᵀ with g″ applied before the gradient product: a
/// linear function's Hessian is 0 even where ∂x·∂x overflows (x·(−1e300)/1
/// at x = −0 gave NaN from 0 · ∞).
#[test]
fn a_zero_second_partial_meets_no_overflowing_product() {
    let linear = |p: nalgebra::Vector1<HyperDual<f64, 1>>| {
        let mut t = p[0] * HyperDual::constant(-1e300);
        t /= HyperDual::constant(1.0);
        t
    };
    let (_, g, h) = monodual::hessian(linear, nalgebra::Vector1::new(-0.0));
    assert_eq!((g[0], h[(0, 0)]), (-1e300, 0.0));
    // c·x₀/x₁: ∂²/∂x₀² = 0 (g_xx = 0), ∂²/∂x₀∂x₁ = −c/x₁², ∂²/∂x₁² = 2c·x₀/x₁³
    let (_, _, h) = monodual::hessian(
        |p: Vector2<HyperDual<f64, 2>>| p[0] * -1e300 / p[1],
        Vector2::new(-0.0, 1.0),
    );
    assert_eq!(h[(0, 0)], 0.0);
    assert_eq!(h[(0, 1)], 1e300);
    assert_eq!(h[(1, 1)], 0.0);
}

/// log_b x with a variable base b: below 1e-150 or above 1e150 (in x or
/// b) the second partials come from one two-argument rule whose products
/// stay in range, where the composition ln x / ln b overflowed through
/// ln″ = −1/x². References: 300-bit arithmetic.
#[test]
fn log_with_a_variable_base_stays_in_range() {
    // (x, b, [g_x, g_b, g_xx, g_xb, g_bb]), 0 where not a normal float
    let rows: [(f64, f64, [f64; 5]); 3] = [
        (
            2.0,
            7.631674342611843e-156,
            [
                -0.0013998898170765,
                -7.11956290050949e149,
                0.00069994490853825,
                -5.135679044931043e149,
                9.27672771170778e304,
            ],
        ),
        (
            2.340213856253381e307,
            1.736554747901827e-286,
            [
                0.0,
                -9.413528363466773e282,
                0.0,
                -5.683564266315785e-28,
                0.0,
            ],
        ),
        (
            2.2807001387274746e-155,
            8e69,
            [
                2.724079316257806e152,
                1.718022484395225e-72,
                -1.194404854018958e307,
                -2.1155227464510137e80,
                -2.1742124654020628e-142,
            ],
        ),
    ];
    for ((x, b), want) in rows.map(|(x, b, w)| ((x, b), w)) {
        check_two("log", (x, b), ComplexField::log, want);
    }
}

/// ∂²/∂x∂y xʸ = xʸ⁻¹(1 + y ln x) scaled before the last division where
/// xʸ⁻¹ alone is subnormal (x.powf(y − 1) rounds the exponent: 48 ulps at
/// x = 6.3e102, y = −2.01). Reference: 300-bit arithmetic.
#[test]
fn power_mixed_partial_stays_in_range() {
    let (_, _, h) = monodual::hessian(
        |p| p[0].pow(p[1]),
        Vector2::new(6.34216263004989e102, -2.01103807467876),
    );
    assert_ulps("∂²/∂x∂y x^y", h[(0, 1)], -1.3654455163231157e-307, 2.0);
}

/// d²/dx² xⁿ = n(n−1)xⁿ⁻² scaled before the last division where xⁿ⁻²
/// alone is subnormal: 12x⁻⁵ at x = 4.99e61 is 3.8786314795163355e-308
/// (300-bit reference); it was 0.
#[test]
fn integer_power_second_derivative_near_the_normal_range() {
    let (_, _, d2) = monodual::second_derivative(|t| t.powi(-3), 4.99e61);
    assert_ulps("d²/dx² x⁻³ at 4.99e61", d2, 3.8786314795163355e-308, 4.0);
}

/// Jet3 applies g″ and g‴ to a gradient part before multiplying by the
/// next one, as HyperDual does: (1 % x).tanh() at 1e-300 has ∂x = −1e300,
/// g″ ≈ −2e-300, and g″·(∂x)² = −1.79e300 was −∞ through (∂x)².
#[test]
fn third_order_chain_rule_keeps_the_hessian_in_range() {
    let (_, _, h) = monodual::second_derivative(|t: HyperDual<f64, 1>| (1.0 % t).tanh(), 1e-300);
    let (_, _, h3, _) =
        monodual::third_derivative(|t: monodual::Jet3<f64, 1>| (1.0 % t).tanh(), 1e-300);
    assert!(h.is_finite());
    assert_ulps("Jet3's f″", h3, h, 1.0);
}
