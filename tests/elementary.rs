//! Every elementary function of the derivative table, on `Dual`,
//! `HyperDual` and a nested `Dual<Dual<f64, 1>, 1>`: the value part is the
//! `f64` result bit for bit, the first and second derivatives match their
//! closed forms to a tight tolerance and central finite differences to a
//! loose one, at many points of each function's domain.

mod common;
use common::unary::{Op, eval};
use monodual::{Dual, HyperDual, Real, Scalar};
use nalgebra::{SMatrix, SVector, Vector1};

/// A unary function, its closed-form derivatives and its domain.
struct Unary {
    name: &'static str,
    apply: fn(Op, f64) -> f64,
    op: Op,
    df: fn(f64) -> f64,
    d2f: fn(f64) -> f64,
    domain: &'static [(f64, f64)],
}

fn eval_f64(op: Op, x: f64) -> f64 {
    eval::<f64>(op, x)
}

const POSITIVE: &[(f64, f64)] = &[(0.05, 10.0)];
const NONZERO: &[(f64, f64)] = &[(-10.0, -0.05), (0.05, 10.0)];
const WIDE: &[(f64, f64)] = &[(-5.0, 5.0)];
const UNIT: &[(f64, f64)] = &[(-0.95, 0.95)];
// Away from the integers and half-integers where the step functions jump.
const BETWEEN_STEPS: &[(f64, f64)] = &[(-4.9, -4.6), (-2.4, -2.1), (0.1, 0.4), (3.6, 3.9)];

fn unary_table() -> Vec<Unary> {
    let u = |name, op, df: fn(f64) -> f64, d2f: fn(f64) -> f64, domain| Unary {
        name,
        apply: eval_f64,
        op,
        df,
        d2f,
        domain,
    };
    let mut table = vec![
        u(
            "sqrt",
            Op::Sqrt,
            |x| 0.5 / x.sqrt(),
            |x| -0.25 / (x * x.sqrt()),
            POSITIVE,
        ),
        u(
            "cbrt",
            Op::Cbrt,
            |x| 1.0 / (3.0 * x.cbrt().powi(2)),
            |x| -2.0 / (9.0 * x * x.cbrt().powi(2)),
            NONZERO,
        ),
        u("exp", Op::Exp, f64::exp, f64::exp, WIDE),
        u(
            "exp2",
            Op::Exp2,
            |x| x.exp2() * 2f64.ln(),
            |x| x.exp2() * 2f64.ln().powi(2),
            WIDE,
        ),
        u("exp_m1", Op::ExpM1, f64::exp, f64::exp, WIDE),
        u("ln", Op::Ln, |x| 1.0 / x, |x| -1.0 / (x * x), POSITIVE),
        u(
            "ln_1p",
            Op::Ln1p,
            |x| 1.0 / (1.0 + x),
            |x| -1.0 / (1.0 + x).powi(2),
            &[(-0.9, 10.0)],
        ),
        u(
            "log2",
            Op::Log2,
            |x| 1.0 / (x * 2f64.ln()),
            |x| -1.0 / (x * x * 2f64.ln()),
            POSITIVE,
        ),
        u(
            "log10",
            Op::Log10,
            |x| 1.0 / (x * 10f64.ln()),
            |x| -1.0 / (x * x * 10f64.ln()),
            POSITIVE,
        ),
        u(
            "log(3)",
            Op::Log3,
            |x| 1.0 / (x * 3f64.ln()),
            |x| -1.0 / (x * x * 3f64.ln()),
            POSITIVE,
        ),
        u(
            "recip",
            Op::Recip,
            |x| -1.0 / (x * x),
            |x| 2.0 / (x * x * x),
            NONZERO,
        ),
        u("sin", Op::Sin, f64::cos, |x| -x.sin(), WIDE),
        u("cos", Op::Cos, |x| -x.sin(), |x| -x.cos(), WIDE),
        u(
            "tan",
            Op::Tan,
            |x| 1.0 / x.cos().powi(2),
            |x| 2.0 * x.sin() / x.cos().powi(3),
            &[(-1.4, 1.4)],
        ),
        u(
            "asin",
            Op::Asin,
            |x| 1.0 / (1.0 - x * x).sqrt(),
            |x| x / (1.0 - x * x).powf(1.5),
            UNIT,
        ),
        u(
            "acos",
            Op::Acos,
            |x| -1.0 / (1.0 - x * x).sqrt(),
            |x| -x / (1.0 - x * x).powf(1.5),
            UNIT,
        ),
        u(
            "atan",
            Op::Atan,
            |x| 1.0 / (1.0 + x * x),
            |x| -2.0 * x / (1.0 + x * x).powi(2),
            WIDE,
        ),
        u("sinh", Op::Sinh, f64::cosh, f64::sinh, WIDE),
        u("cosh", Op::Cosh, f64::sinh, f64::cosh, WIDE),
        u(
            "tanh",
            Op::Tanh,
            |x| 1.0 / x.cosh().powi(2),
            |x| -2.0 * x.tanh() / x.cosh().powi(2),
            WIDE,
        ),
        u(
            "asinh",
            Op::Asinh,
            |x| 1.0 / (x * x + 1.0).sqrt(),
            |x| -x / (x * x + 1.0).powf(1.5),
            WIDE,
        ),
        u(
            "acosh",
            Op::Acosh,
            |x| 1.0 / (x * x - 1.0).sqrt(),
            |x| -x / (x * x - 1.0).powf(1.5),
            &[(1.05, 10.0)],
        ),
        u(
            "atanh",
            Op::Atanh,
            |x| 1.0 / (1.0 - x * x),
            |x| 2.0 * x / (1.0 - x * x).powi(2),
            UNIT,
        ),
        u("abs", Op::Abs, f64::signum, |_| 0.0, NONZERO),
        u("signum", Op::Signum, |_| 0.0, |_| 0.0, NONZERO),
        u("floor", Op::Floor, |_| 0.0, |_| 0.0, BETWEEN_STEPS),
        u("ceil", Op::Ceil, |_| 0.0, |_| 0.0, BETWEEN_STEPS),
        u("round", Op::Round, |_| 0.0, |_| 0.0, BETWEEN_STEPS),
        u("trunc", Op::Trunc, |_| 0.0, |_| 0.0, BETWEEN_STEPS),
        u("fract", Op::Fract, |_| 1.0, |_| 0.0, BETWEEN_STEPS),
        // sin x cos x = ½ sin 2x
        u(
            "sin_cos",
            Op::SinCosProduct,
            |x| (2.0 * x).cos(),
            |x| -2.0 * (2.0 * x).sin(),
            WIDE,
        ),
    ];
    // Integer and float powers, each checked against n xⁿ⁻¹ and n(n−1) xⁿ⁻².
    for n in -3..=5 {
        table.push(Unary {
            name: "powi",
            apply: eval_f64,
            op: Op::Powi(n),
            df: |_| f64::NAN, // replaced below: the closed form depends on n
            d2f: |_| f64::NAN,
            domain: NONZERO,
        });
    }
    for a in [-1.5, 0.5, 2.5, 3.0] {
        table.push(Unary {
            name: "powf",
            apply: eval_f64,
            op: Op::Powf(a),
            df: |_| f64::NAN,
            d2f: |_| f64::NAN,
            domain: POSITIVE,
        });
    }
    table
}

/// Closed-form (f′, f″) of an entry at x; powers depend on their exponent.
fn closed_form(entry: &Unary, x: f64) -> (f64, f64) {
    match entry.op {
        Op::Powi(n) => {
            let n = f64::from(n);
            (n * x.powf(n - 1.0), n * (n - 1.0) * x.powf(n - 2.0))
        }
        Op::Powf(a) => (a * x.powf(a - 1.0), a * (a - 1.0) * x.powf(a - 2.0)),
        _ => ((entry.df)(x), (entry.d2f)(x)),
    }
}

/// 41 points spread over each interval of the domain.
fn points(domain: &[(f64, f64)]) -> impl Iterator<Item = f64> + '_ {
    domain
        .iter()
        .flat_map(|&(a, b)| (0..=40).map(move |k| a + (b - a) * f64::from(k) / 40.0))
}

/// `|a − b| ≤ tol · max(1, |b|)`, with a message naming the function.
fn assert_close(what: &str, name: &str, x: f64, got: f64, want: f64, tol: f64) {
    let scale = want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tol * scale,
        "{name} at x = {x}: {what} is {got}, expected {want} (difference {:e})",
        (got - want).abs()
    );
}

fn same_bits(name: &str, x: f64, got: f64, want: f64) {
    assert!(
        got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
        "{name} at x = {x}: value part {got} differs from the f64 result {want}"
    );
}

#[test]
fn dual_hyperdual_and_nested_match_closed_forms() {
    for entry in unary_table() {
        let name = format!("{} {:?}", entry.name, entry.op);
        for x in points(entry.domain) {
            let value = (entry.apply)(entry.op, x);
            let (df, d2f) = closed_form(&entry, x);

            // Dual: value and f′
            let d = eval(entry.op, Dual::<f64, 1>::variable(x, 0));
            same_bits(&name, x, d.value(), value);
            assert_close("Dual f′", &name, x, d.gradient()[0], df, 1e-13);

            // HyperDual: value, f′ and f″
            let h = eval(entry.op, HyperDual::<f64, 1>::variable(x, 0));
            same_bits(&name, x, h.value(), value);
            assert_close("HyperDual f′", &name, x, h.gradient()[0], df, 1e-13);
            assert_close("HyperDual f″", &name, x, h.hessian()[(0, 0)], d2f, 1e-12);

            // Dual<Dual<f64, 1>, 1> with both lanes on x: f″ in the inner-outer part
            let seeded = Dual::new(
                Dual::<f64, 1>::variable(x, 0),
                Vector1::new(Dual::constant(1.0)),
            );
            let n = eval(entry.op, seeded);
            same_bits(&name, x, n.value().value(), value);
            assert_close(
                "nested f′ (outer)",
                &name,
                x,
                n.gradient()[0].value(),
                df,
                1e-13,
            );
            assert_close(
                "nested f′ (inner)",
                &name,
                x,
                n.value().gradient()[0],
                df,
                1e-13,
            );
            assert_close(
                "nested f″",
                &name,
                x,
                n.gradient()[0].gradient()[0],
                d2f,
                1e-12,
            );

            // Central finite differences: f′ from values, f″ from AD first derivatives
            let step = 1e-5 * x.abs().max(1.0);
            let fd1 = ((entry.apply)(entry.op, x + step) - (entry.apply)(entry.op, x - step))
                / (2.0 * step);
            let first = |t: f64| eval(entry.op, Dual::<f64, 1>::variable(t, 0)).gradient()[0];
            let fd2 = (first(x + step) - first(x - step)) / (2.0 * step);
            let loose = 1e-6 * (1.0 + value.abs() + df.abs() + d2f.abs());
            assert!(
                (d.gradient()[0] - fd1).abs() <= loose,
                "{name} at x = {x}: f′ {} far from finite difference {fd1}",
                d.gradient()[0]
            );
            assert!(
                (h.hessian()[(0, 0)] - fd2).abs() <= loose,
                "{name} at x = {x}: f″ {} far from finite difference {fd2}",
                h.hessian()[(0, 0)]
            );
        }
    }
}

/// Functions of two numbers, with closed-form gradient and Hessian.
struct Binary {
    name: &'static str,
    apply: fn(f64, f64) -> f64,
    generic_dual: fn(Dual<f64, 2>, Dual<f64, 2>) -> Dual<f64, 2>,
    generic_hyper: fn(HyperDual<f64, 2>, HyperDual<f64, 2>) -> HyperDual<f64, 2>,
    /// (g_x, g_y, g_xx, g_xy, g_yy)
    partials: fn(f64, f64) -> [f64; 5],
    points: &'static [(f64, f64)],
}

macro_rules! both {
    ($body:expr) => {
        (
            $body as fn(Dual<f64, 2>, Dual<f64, 2>) -> Dual<f64, 2>,
            $body as fn(HyperDual<f64, 2>, HyperDual<f64, 2>) -> HyperDual<f64, 2>,
        )
    };
}

const PLANE: &[(f64, f64)] = &[
    (0.7, -1.3),
    (-2.0, 0.4),
    (1.5, 2.5),
    (-0.3, -0.8),
    (3.0, 0.2),
];
const QUADRANT: &[(f64, f64)] = &[(0.7, 1.3), (2.0, 0.4), (1.5, 2.5), (0.3, 0.8), (3.0, 0.2)];

fn binary_table() -> Vec<Binary> {
    let (add_d, add_h) = both!(|x, y| x + y);
    let (mul_d, mul_h) = both!(|x, y| x * y);
    let (div_d, div_h) = both!(|x, y| x / y);
    let (rem_d, rem_h) = both!(|x, y| x % y);
    let (atan2_d, atan2_h) = both!(|x, y| x.atan2(y));
    let (hypot_d, hypot_h) = both!(|x, y| x.hypot(y));
    let (pow_d, pow_h) = both!(|x, y| x.pow(y));
    let (min_d, min_h) = both!(|x, y| x.min(y));
    let (max_d, max_h) = both!(|x, y| x.max(y));
    vec![
        Binary {
            name: "x + y",
            apply: |x, y| x + y,
            generic_dual: add_d,
            generic_hyper: add_h,
            partials: |_, _| [1.0, 1.0, 0.0, 0.0, 0.0],
            points: PLANE,
        },
        Binary {
            name: "x · y",
            apply: |x, y| x * y,
            generic_dual: mul_d,
            generic_hyper: mul_h,
            partials: |x, y| [y, x, 0.0, 1.0, 0.0],
            points: PLANE,
        },
        Binary {
            name: "x / y",
            apply: |x, y| x / y,
            generic_dual: div_d,
            generic_hyper: div_h,
            partials: |x, y| {
                [
                    1.0 / y,
                    -x / (y * y),
                    0.0,
                    -1.0 / (y * y),
                    2.0 * x / (y * y * y),
                ]
            },
            points: PLANE,
        },
        Binary {
            name: "x % y",
            apply: |x, y| x % y,
            generic_dual: rem_d,
            generic_hyper: rem_h,
            // x % y = x − n·y for the integer n of the branch the value is
            // on: n = (x − x % y)/y (exactly an integer, up to rounding)
            partials: |x, y| [1.0, -((x - x % y) / y).round(), 0.0, 0.0, 0.0],
            points: PLANE,
        },
        Binary {
            name: "atan2(x, y)",
            apply: f64::atan2,
            generic_dual: atan2_d,
            generic_hyper: atan2_h,
            partials: |x, y| {
                let r2 = x * x + y * y;
                [
                    y / r2,
                    -x / r2,
                    -2.0 * x * y / (r2 * r2),
                    (x * x - y * y) / (r2 * r2),
                    2.0 * x * y / (r2 * r2),
                ]
            },
            points: PLANE,
        },
        Binary {
            name: "hypot(x, y)",
            apply: f64::hypot,
            generic_dual: hypot_d,
            generic_hyper: hypot_h,
            partials: |x, y| {
                let h = x.hypot(y);
                [
                    x / h,
                    y / h,
                    y * y / h.powi(3),
                    -x * y / h.powi(3),
                    x * x / h.powi(3),
                ]
            },
            points: PLANE,
        },
        Binary {
            name: "pow(x, y)",
            apply: f64::powf,
            generic_dual: pow_d,
            generic_hyper: pow_h,
            partials: |x, y| {
                let (f, l) = (x.powf(y), x.ln());
                [
                    y * x.powf(y - 1.0),
                    f * l,
                    y * (y - 1.0) * x.powf(y - 2.0),
                    x.powf(y - 1.0) * (1.0 + y * l),
                    f * l * l,
                ]
            },
            points: QUADRANT,
        },
        Binary {
            name: "min(x, y)",
            apply: f64::min,
            generic_dual: min_d,
            generic_hyper: min_h,
            partials: |x, y| {
                if x <= y {
                    [1.0, 0.0, 0.0, 0.0, 0.0]
                } else {
                    [0.0, 1.0, 0.0, 0.0, 0.0]
                }
            },
            points: PLANE,
        },
        Binary {
            name: "max(x, y)",
            apply: f64::max,
            generic_dual: max_d,
            generic_hyper: max_h,
            partials: |x, y| {
                if x >= y {
                    [1.0, 0.0, 0.0, 0.0, 0.0]
                } else {
                    [0.0, 1.0, 0.0, 0.0, 0.0]
                }
            },
            points: PLANE,
        },
    ]
}

#[test]
fn two_argument_functions_match_closed_forms() {
    for entry in binary_table() {
        for &(x, y) in entry.points {
            let [gx, gy, gxx, gxy, gyy] = (entry.partials)(x, y);
            let value = (entry.apply)(x, y);
            let d = (entry.generic_dual)(Dual::variable(x, 0), Dual::variable(y, 1));
            same_bits(entry.name, x, d.value(), value);
            assert_close("∂/∂x", entry.name, x, d.gradient()[0], gx, 1e-13);
            assert_close("∂/∂y", entry.name, x, d.gradient()[1], gy, 1e-13);
            let h = (entry.generic_hyper)(HyperDual::variable(x, 0), HyperDual::variable(y, 1));
            same_bits(entry.name, x, h.value(), value);
            assert_close("∂/∂x", entry.name, x, h.gradient()[0], gx, 1e-13);
            assert_close("∂/∂y", entry.name, x, h.gradient()[1], gy, 1e-13);
            let expected = SMatrix::<f64, 2, 2>::new(gxx, gxy, gxy, gyy);
            for (got, want) in h.hessian().iter().zip(expected.iter()) {
                assert_close("Hessian entry", entry.name, x, *got, *want, 1e-12);
            }
        }
    }
}

#[test]
fn mul_add_log_and_powf_with_float_arguments() {
    // x·a + b with all three variables: ∇ = (a, x, 1), H has 1 at (x, a)
    let (x, a, b) = (1.5, -2.0, 0.25);
    let h = HyperDual::<f64, 3>::variable(x, 0)
        .mul_add(HyperDual::variable(a, 1), HyperDual::variable(b, 2));
    assert_eq!(h.value(), x.mul_add(a, b));
    assert_eq!(h.gradient(), SVector::<f64, 3>::new(a, x, 1.0));
    assert_eq!(
        h.hessian(),
        SMatrix::<f64, 3, 3>::new(0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    );

    let t = HyperDual::<f64, 1>::variable(5.0, 0);
    assert_eq!(t.log(2.0).value(), 5f64.log(2.0));
    assert_close(
        "log₂ f″",
        "log(2.0)",
        5.0,
        t.log(2.0).hessian()[(0, 0)],
        -1.0 / (25.0 * 2f64.ln()),
        1e-14,
    );
    assert_close(
        "powf f″",
        "powf(0.5)",
        5.0,
        t.powf(0.5).hessian()[(0, 0)],
        -0.25 * 5f64.powf(-1.5),
        1e-14,
    );
}

/// The upper-triangle Hessian of `HyperDual` against the full Hessian of
/// `Dual<Dual<f64, 3>, 3>` (every entry computed independently), through
/// compositions that exercise mixed partials of every table entry.
#[test]
fn hyperdual_triangle_agrees_with_nested_full_hessian() {
    fn program<S: Scalar>(x: &SVector<S, 3>, op: Op) -> S {
        // an inner expression that mixes all three variables
        let u = x[0] * x[1] * 0.3 + (x[2] * 0.5).sin() * 0.2 + x[0] * 0.1;
        let v = eval(op, u) * x[2] + x[1].atan2(x[0] + 3.0) * x[0];
        v / (x[1] * x[1] + 2.0) + x[0].hypot(x[2]).powf(S::from_float(1.5))
    }
    let point = SVector::<f64, 3>::new(0.6, 0.9, 1.2);
    for entry in unary_table() {
        if matches!(entry.op, Op::Acosh) {
            continue; // its domain x > 1 is not reached by the inner expression
        }
        let (_, g, h) = monodual::hessian(|x| program(&x, entry.op), point);
        let nested: SVector<Dual<Dual<f64, 3>, 3>, 3> = SVector::from_fn(|i, _| {
            let mut outer = SVector::<Dual<f64, 3>, 3>::zeros();
            outer[i] = Dual::constant(1.0);
            Dual::new(Dual::variable(point[i], i), outer)
        });
        let y = program(&nested, entry.op);
        for i in 0..3 {
            assert_close(
                "gradient",
                entry.name,
                point[i],
                g[i],
                y.value().gradient()[i],
                1e-13,
            );
            for j in 0..3 {
                let full = y.gradient()[i].gradient()[j];
                assert_close(
                    "Hessian entry",
                    entry.name,
                    point[i],
                    h[(i, j)],
                    full,
                    1e-12,
                );
            }
        }
        assert_eq!(h, h.transpose(), "{}: Hessian not symmetric", entry.name);
        assert!(
            g.iter().all(|v| v.is_finite()) && h.iter().all(|v| v.is_finite()),
            "{}",
            entry.name
        );
        let _ = y.to_float();
    }
}

/// `sinc` and `sinhc` (nalgebra's `ComplexField` methods): the quotient
/// away from 0, the limits f(0) = 1, f′(0) = 0, f″(0) = ∓1/3 at 0.
#[test]
fn sinc_and_sinhc_including_zero() {
    use nalgebra::ComplexField;
    for x in [-1.3, -0.2, 0.0, 0.4, 2.0] {
        let h = HyperDual::<f64, 1>::variable(x, 0);
        let (s, sh) = (ComplexField::sinc(h), ComplexField::sinhc(h));
        assert_eq!(s.value(), ComplexField::sinc(x));
        assert_eq!(sh.value(), ComplexField::sinhc(x));
        let (d1, d2, e1, e2) = if x == 0.0 {
            (0.0, -1.0 / 3.0, 0.0, 1.0 / 3.0)
        } else {
            (
                (x * x.cos() - x.sin()) / (x * x),
                -x.sin() / x - 2.0 * x.cos() / (x * x) + 2.0 * x.sin() / (x * x * x),
                (x * x.cosh() - x.sinh()) / (x * x),
                x.sinh() / x - 2.0 * x.cosh() / (x * x) + 2.0 * x.sinh() / (x * x * x),
            )
        };
        assert_close("sinc′", "sinc", x, s.gradient()[0], d1, 1e-13);
        assert_close("sinc″", "sinc", x, s.hessian()[(0, 0)], d2, 1e-12);
        assert_close("sinhc′", "sinhc", x, sh.gradient()[0], e1, 1e-13);
        assert_close("sinhc″", "sinhc", x, sh.hessian()[(0, 0)], e2, 1e-12);
    }
}
