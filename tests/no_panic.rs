//! Arithmetic never panics, and the value part is the `f64` result bit for
//! bit.
//!
//! Every operator (`+ − × ÷ %` between numbers and with an `f64` on either
//! side, negation, the assign forms) and every elementary function runs on
//! `Dual<f64, 2>`, `HyperDual<f64, 2>` and `Dual<Dual<f64, 1>, 2>` over a grid
//! of awkward floats: ±0, ±1, subnormals, huge values, ±∞ and NaN. Its value
//! part must equal what the same operation gives on plain `f64`, to the bit
//! (any NaN matches any NaN). Arguments are seeded as variables (and, for
//! two-argument operations, also as constants), so the derivative code runs
//! on the same awkward values; a panic anywhere fails the test.

use std::fmt::Display;
use std::hint::black_box;
use std::ops::{Add, Div, Mul, Rem, RemAssign, Sub};

use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{ComplexField, RealField};

const GRID: [f64; 20] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.5,
    3.0,
    f64::MIN_POSITIVE / 2.0,
    -f64::MIN_POSITIVE / 2.0,
    f64::MIN_POSITIVE,
    f64::EPSILON,
    1e300,
    -1e300,
    f64::MAX,
    -f64::MAX,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    // integers and halves, for rounding and for integer exponents of pow
    2.0,
    -0.5,
];

/// Integer exponents for `powi`, the overflow edges of i32 included.
const EXPONENTS: [i32; 12] = [
    0,
    1,
    2,
    3,
    4,
    -1,
    -2,
    -3,
    i32::MAX,
    i32::MAX - 1,
    i32::MIN,
    i32::MIN + 1,
];

/// A number type under test: a [`Scalar`] with `%` against `f64`, a way to
/// seed it, and the two methods that take a plain float argument.
trait Number: Scalar + Rem<f64, Output = Self> + RemAssign<f64> {
    const NAME: &'static str;
    /// `value` as variable `lane` (of 2), or as a constant.
    fn seeded(value: f64, lane: Option<usize>) -> Self;
    /// `x.powf(exponent)` with a float exponent.
    fn powf_float(self, exponent: f64) -> Self;
    /// `x.log(base)` with a float base.
    fn log_float(self, base: f64) -> Self;
}

impl Number for Dual<f64, 2> {
    const NAME: &'static str = "Dual<f64, 2>";
    fn seeded(value: f64, lane: Option<usize>) -> Self {
        lane.map_or(Self::constant(value), |i| Self::variable(value, i))
    }
    fn powf_float(self, exponent: f64) -> Self {
        self.powf(exponent)
    }
    fn log_float(self, base: f64) -> Self {
        self.log(base)
    }
}

impl Number for HyperDual<f64, 2> {
    const NAME: &'static str = "HyperDual<f64, 2>";
    fn seeded(value: f64, lane: Option<usize>) -> Self {
        lane.map_or(Self::constant(value), |i| Self::variable(value, i))
    }
    fn powf_float(self, exponent: f64) -> Self {
        self.powf(exponent)
    }
    fn log_float(self, base: f64) -> Self {
        self.log(base)
    }
}

impl Number for Dual<Dual<f64, 1>, 2> {
    const NAME: &'static str = "Dual<Dual<f64, 1>, 2>";
    fn seeded(value: f64, lane: Option<usize>) -> Self {
        let inner = Dual::variable(value, 0);
        lane.map_or(Self::constant(inner), |i| Self::variable(inner, i))
    }
    fn powf_float(self, exponent: f64) -> Self {
        self.powf(Dual::constant(exponent))
    }
    fn log_float(self, base: f64) -> Self {
        self.log(Dual::constant(base))
    }
}

/// Mismatches between a number type's value part and the f64 result.
#[derive(Default)]
struct Report(Vec<String>);

impl Report {
    fn check<S: Number>(&mut self, operation: impl Display, got: S, expected: f64) {
        let got = got.to_float();
        let same = (got.is_nan() && expected.is_nan()) || got.to_bits() == expected.to_bits();
        if !same {
            self.0.push(format!(
                "{}: {operation} = {got:e}, f64 gives {expected:e}",
                S::NAME
            ));
        }
    }

    fn assert_empty(self) {
        let shown: Vec<_> = self.0.iter().take(40).collect();
        assert!(
            self.0.is_empty(),
            "{} value mismatches, the first ones:\n{shown:#?}",
            self.0.len()
        );
    }
}

type Unary<S> = (&'static str, fn(S) -> S, fn(f64) -> f64);
type Binary<S> = (&'static str, fn(S, S) -> S, fn(f64, f64) -> f64);
type WithFloat<S> = (&'static str, fn(S, f64) -> S, fn(f64, f64) -> f64);
type FloatWith<S> = (&'static str, fn(f64, S) -> S, fn(f64, f64) -> f64);

/// Every one-argument function, on the number type (through the traits
/// generic code uses) and on f64 (its own methods).
fn unary<S: Number>() -> Vec<Unary<S>> {
    vec![
        ("neg", |x| -x, |x| -x),
        ("sqrt", |x| x.sqrt(), f64::sqrt),
        ("cbrt", |x| x.cbrt(), f64::cbrt),
        ("exp", |x| x.exp(), f64::exp),
        ("exp2", |x| x.exp2(), f64::exp2),
        ("exp_m1", |x| x.exp_m1(), f64::exp_m1),
        ("ln", |x| x.ln(), f64::ln),
        ("ln_1p", |x| x.ln_1p(), f64::ln_1p),
        ("log2", |x| x.log2(), f64::log2),
        ("log10", |x| x.log10(), f64::log10),
        ("recip", |x| x.recip(), f64::recip),
        ("sin", |x| x.sin(), f64::sin),
        ("cos", |x| x.cos(), f64::cos),
        ("sin_cos().0", |x| x.sin_cos().0, |x| x.sin_cos().0),
        ("sin_cos().1", |x| x.sin_cos().1, |x| x.sin_cos().1),
        ("tan", |x| x.tan(), f64::tan),
        ("asin", |x| x.asin(), f64::asin),
        ("acos", |x| x.acos(), f64::acos),
        ("atan", |x| x.atan(), f64::atan),
        ("sinh", |x| x.sinh(), f64::sinh),
        ("cosh", |x| x.cosh(), f64::cosh),
        ("tanh", |x| x.tanh(), f64::tanh),
        ("asinh", |x| x.asinh(), f64::asinh),
        ("acosh", |x| x.acosh(), f64::acosh),
        ("atanh", |x| x.atanh(), f64::atanh),
        ("abs", |x| ComplexField::abs(x), f64::abs),
        ("signum", |x| ComplexField::signum(x), f64::signum),
        ("floor", |x| x.floor(), f64::floor),
        ("ceil", |x| x.ceil(), f64::ceil),
        ("round", |x| x.round(), f64::round),
        ("trunc", |x| x.trunc(), f64::trunc),
        ("fract", |x| x.fract(), f64::fract),
        ("modulus", |x| x.modulus(), f64::abs),
        ("modulus_squared", |x| x.modulus_squared(), |x| x * x),
        ("powi(2) via modulus_squared", |x| x.powi(2), |x| x * x),
    ]
}

/// Every two-argument function and operator between numbers.
fn binary<S: Number>() -> Vec<Binary<S>> {
    vec![
        ("x + y", |x, y| x + y, |x, y| x + y),
        ("x - y", |x, y| x - y, |x, y| x - y),
        ("x * y", |x, y| x * y, |x, y| x * y),
        ("x / y", |x, y| x / y, |x, y| x / y),
        ("x % y", |x, y| x % y, |x, y| x % y),
        (
            "x += y",
            |mut x, y| {
                x += y;
                x
            },
            |x, y| x + y,
        ),
        (
            "x -= y",
            |mut x, y| {
                x -= y;
                x
            },
            |x, y| x - y,
        ),
        (
            "x *= y",
            |mut x, y| {
                x *= y;
                x
            },
            |x, y| x * y,
        ),
        (
            "x /= y",
            |mut x, y| {
                x /= y;
                x
            },
            |x, y| x / y,
        ),
        (
            "x %= y",
            |mut x, y| {
                x %= y;
                x
            },
            |x, y| x % y,
        ),
        ("atan2", |y, x| y.atan2(x), f64::atan2),
        ("hypot", |x, y| x.hypot(y), f64::hypot),
        ("min", |x, y| RealField::min(x, y), f64::min),
        ("max", |x, y| RealField::max(x, y), f64::max),
        ("powf (number exponent)", |x, y| x.powf(y), f64::powf),
        (
            "log (number base)",
            |x, y| ComplexField::log(x, y),
            f64::log,
        ),
        ("copysign", |x, y| x.copysign(y), f64::copysign),
    ]
}

/// Operators with an f64 on the right.
fn with_float<S: Number>() -> Vec<WithFloat<S>> {
    vec![
        ("x + c", |x, c| x + c, |x, c| x + c),
        ("x - c", |x, c| x - c, |x, c| x - c),
        ("x * c", |x, c| x * c, |x, c| x * c),
        ("x / c", |x, c| x / c, |x, c| x / c),
        ("x % c", |x, c| x % c, |x, c| x % c),
        (
            "x += c",
            |mut x, c| {
                x += c;
                x
            },
            |x, c| x + c,
        ),
        (
            "x -= c",
            |mut x, c| {
                x -= c;
                x
            },
            |x, c| x - c,
        ),
        (
            "x *= c",
            |mut x, c| {
                x *= c;
                x
            },
            |x, c| x * c,
        ),
        (
            "x /= c",
            |mut x, c| {
                x /= c;
                x
            },
            |x, c| x / c,
        ),
        (
            "x %= c",
            |mut x, c| {
                x %= c;
                x
            },
            |x, c| x % c,
        ),
        ("powf (float exponent)", S::powf_float, f64::powf),
        ("log (float base)", S::log_float, f64::log),
    ]
}

/// Operators with an f64 on the left. (The bounds on `f64` would shadow
/// f64's own `+` in this function, hence the explicit `<f64 as Add>::add`.)
fn float_with<S: Number>() -> Vec<FloatWith<S>>
where
    f64: Add<S, Output = S> + Sub<S, Output = S> + Mul<S, Output = S>,
    f64: Div<S, Output = S> + Rem<S, Output = S>,
{
    vec![
        ("c + x", |c, x| c + x, <f64 as Add>::add),
        ("c - x", |c, x| c - x, <f64 as Sub>::sub),
        ("c * x", |c, x| c * x, <f64 as Mul>::mul),
        ("c / x", |c, x| c / x, <f64 as Div>::div),
        ("c % x", |c, x| c % x, <f64 as Rem>::rem),
    ]
}

/// The whole grid through every operation on one number type.
fn run<S: Number>() -> Report
where
    f64: Add<S, Output = S> + Sub<S, Output = S> + Mul<S, Output = S>,
    f64: Div<S, Output = S> + Rem<S, Output = S>,
{
    let mut report = Report::default();
    let grid = black_box(GRID);
    let variable = |v: f64, lane: usize| S::seeded(v, Some(lane));

    for a in grid {
        let x = variable(a, 0);
        for (name, on_number, on_float) in unary::<S>() {
            report.check(format_args!("{name}({a:e})"), on_number(x), on_float(a));
        }
        for n in black_box(EXPONENTS) {
            report.check(format_args!("powi({a:e}, {n})"), x.powi(n), a.powi(n));
        }
        // Formatting never panics either.
        let _ = (format!("{x}"), format!("{x:?}"));
    }

    // Both arguments variables, then each one alone a constant.
    let seedings = [(Some(0), Some(1)), (Some(0), None), (None, Some(1))];
    for a in grid {
        for b in grid {
            for (lane_x, lane_y) in seedings {
                let (x, y) = (S::seeded(a, lane_x), S::seeded(b, lane_y));
                for (name, on_number, on_float) in binary::<S>() {
                    report.check(
                        format_args!("{name} at ({a:e}, {b:e})"),
                        on_number(x, y),
                        on_float(a, b),
                    );
                }
            }
            let x = variable(a, 0);
            for (name, on_number, on_float) in with_float::<S>() {
                report.check(
                    format_args!("{name} at ({a:e}, {b:e})"),
                    on_number(x, b),
                    on_float(a, b),
                );
            }
            let y = variable(b, 1);
            for (name, on_number, on_float) in float_with::<S>() {
                report.check(
                    format_args!("{name} at ({a:e}, {b:e})"),
                    on_number(a, y),
                    on_float(a, b),
                );
            }
        }
    }

    for a in grid {
        for b in grid {
            for c in grid {
                let (x, y, z) = (variable(a, 0), variable(b, 1), S::seeded(c, None));
                report.check(
                    format_args!("mul_add({a:e}, {b:e}, {c:e})"),
                    x.mul_add(y, z),
                    a.mul_add(b, c),
                );
                // f64::clamp panics when min > max or either is NaN; the
                // reference is the f64 clamp generic code gets (simba's),
                // which never panics (the test below compares with
                // f64::clamp where that one returns).
                report.check(
                    format_args!("clamp({a:e}, {b:e}, {c:e})"),
                    RealField::clamp(x, y, z),
                    RealField::clamp(a, b, c),
                );
            }
        }
    }
    report
}

#[test]
fn dual_values_match_f64_and_never_panic() {
    run::<Dual<f64, 2>>().assert_empty();
}

#[test]
fn hyperdual_values_match_f64_and_never_panic() {
    run::<HyperDual<f64, 2>>().assert_empty();
}

#[test]
fn nested_dual_values_match_f64_and_never_panic() {
    run::<Dual<Dual<f64, 1>, 2>>().assert_empty();
}

/// `clamp` agrees with `f64::clamp` wherever that one does not panic.
#[test]
fn clamp_matches_f64_where_f64_does_not_panic() {
    for a in GRID {
        for lo in GRID {
            for hi in GRID {
                if lo <= hi {
                    let x = RealField::clamp(
                        Dual::<f64, 2>::variable(a, 0),
                        Dual::constant(lo),
                        Dual::constant(hi),
                    );
                    let expected = a.clamp(lo, hi);
                    assert!(
                        (x.value().is_nan() && expected.is_nan())
                            || x.value().to_bits() == expected.to_bits(),
                        "clamp({a}, {lo}, {hi}) = {}, f64 gives {expected}",
                        x.value()
                    );
                }
            }
        }
    }
}

/// The same bits, or both NaN.
fn same_value(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// nalgebra's QR and Hessenberg decompositions call `ComplexField::to_exp`
/// (Householder reflections); on matrices with ±∞ and 0 entries the value
/// parts must be f64's, NaN where f64 has NaN only.
#[test]
fn qr_and_hessenberg_values_match_f64_with_infinite_entries() {
    use nalgebra::Matrix3;
    let entries = [
        0.0,
        -0.0,
        1.0,
        -2.5,
        f64::INFINITY,
        f64::NEG_INFINITY,
        3e300,
    ];
    let mut checked = 0;
    for k in 0..entries.len() * entries.len() {
        let m = Matrix3::from_fn(|i, j| {
            let index = (k + 3 * i + j * j) % entries.len();
            if (i + j + k) % 3 == 0 {
                entries[index]
            } else {
                (i as f64) - (j as f64) * 0.5
            }
        });
        let d = m.map(|x| Dual::<f64, 2>::variable(x, 0));
        let h = m.map(HyperDual::<f64, 2>::constant);
        let pairs = [
            (
                m.qr().r(),
                d.qr().r().map(|x| x.value()),
                h.qr().r().map(|x| x.value()),
            ),
            (
                m.qr().q(),
                d.qr().q().map(|x| x.value()),
                h.qr().q().map(|x| x.value()),
            ),
            (
                m.hessenberg().h(),
                d.hessenberg().h().map(|x| x.value()),
                h.hessenberg().h().map(|x| x.value()),
            ),
        ];
        for (f, dual, hyper) in pairs {
            for i in 0..9 {
                assert!(
                    same_value(dual[i], f[i]),
                    "Dual: {dual} for {m}, f64 gives {f}"
                );
                assert!(
                    same_value(hyper[i], f[i]),
                    "HyperDual: {hyper} for {m}, f64 gives {f}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
    // to_exp itself, as f64's: (|x|, ±1)
    for x in GRID {
        let (m, s) = ComplexField::to_exp(Dual::<f64, 2>::variable(x, 0));
        let (fm, fs) = ComplexField::to_exp(x);
        assert!(
            same_value(m.value(), fm) && same_value(s.value(), fs),
            "to_exp({x})"
        );
        let (m, a) = ComplexField::to_polar(Dual::<f64, 2>::variable(x, 0));
        let (fm, fa) = ComplexField::to_polar(x);
        assert!(
            same_value(m.value(), fm) && same_value(a.value(), fa),
            "to_polar({x})"
        );
    }
}

/// `Sum` starts from −0 and `Product` from 1, as f64's do.
#[test]
fn sum_and_product_start_as_f64() {
    let zeros = [-0.0, -0.0];
    let f: f64 = zeros.iter().sum();
    let d: Dual<f64, 2> = zeros.iter().map(|&x| Dual::variable(x, 0)).sum();
    let h: HyperDual<f64, 2> = zeros.iter().map(|&x| HyperDual::constant(x)).sum();
    let n: Dual<Dual<f64, 1>, 2> = zeros
        .iter()
        .map(|&x| Dual::constant(Dual::constant(x)))
        .sum();
    let empty: Dual<f64, 2> = core::iter::empty::<Dual<f64, 2>>().sum();
    let refs: Dual<f64, 2> = [Dual::constant(-0.0)].iter().sum();
    for value in [
        d.value(),
        h.value(),
        n.value().value(),
        empty.value(),
        refs.value(),
    ] {
        assert!(
            same_value(value, f),
            "Σ[−0, −0] = {value:?}, f64 gives {f:?}"
        );
    }
    assert_eq!(d.gradient()[0], 2.0);
    let empty: HyperDual<f64, 2> = core::iter::empty::<HyperDual<f64, 2>>().product();
    assert!(same_value(empty.value(), 1.0));
}

/// `Display` applies width and precision to every part, and `{:e}` /
/// `{:E}` work on the number types and on nalgebra matrices of them.
#[test]
fn formatting_applies_to_every_part() {
    let x = Dual::<f64, 2>::new(1.5, nalgebra::Vector2::new(-0.25, 1e-20));
    assert_eq!(format!("{x:.2}"), "1.50 + [-0.25, 0.00]ε");
    assert_eq!(format!("{x:e}"), "1.5e0 + [-2.5e-1, 1e-20]ε");
    assert_eq!(format!("{x:.1E}"), "1.5E0 + [-2.5E-1, 1.0E-20]ε");
    let h = HyperDual::<f64, 1>::variable(2.0, 0).powi(2);
    assert_eq!(format!("{h:e}"), "4e0 + [4e0]ε + [[2e0]]ε²/2");
    assert_eq!(format!("{h:5}"), "    4 + [    4]ε + [[    2]]ε²/2");
    let nested = Dual::<Dual<f64, 1>, 1>::constant(Dual::constant(1.0));
    assert_eq!(format!("{nested:e}"), "1e0 + [0e0]ε + [0e0 + [0e0]ε]ε");
    let m = nalgebra::Matrix2::from_element(Dual::<f64, 1>::variable(1e3, 0));
    let text = format!("{m:e}");
    assert!(text.contains("1e3 + [1e0]ε"), "{text}");
}
