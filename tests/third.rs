//! `Jet3` and the third-derivative drivers: every elementary function's f‴
//! against its closed form and against nesting (`Dual<HyperDual<f64, 1>, 1>`
//! and `Dual<Dual<Dual<f64, 1>, 1>, 1>`), the full third-derivative tensor
//! of multivariate functions against `Dual<HyperDual<f64, N>, N>`, the
//! edge-case points, and f32.

mod common;
use common::unary::{Op, eval};
use monodual::{Dual, HyperDual, Jet3, Real, Scalar};
use nalgebra::{ComplexField, Matrix3, RealField, SMatrix, SVector, Vector1, Vector3};

const POSITIVE: &[(f64, f64)] = &[(0.05, 10.0)];
const NONZERO: &[(f64, f64)] = &[(-10.0, -0.05), (0.05, 10.0)];
const WIDE: &[(f64, f64)] = &[(-5.0, 5.0)];
const UNIT: &[(f64, f64)] = &[(-0.95, 0.95)];
const BETWEEN_STEPS: &[(f64, f64)] = &[(-2.4, -2.1), (0.1, 0.4), (3.6, 3.9)];

/// f‴ in closed form.
fn closed_third(op: Op, x: f64) -> f64 {
    let (ln2, ln3, ln10) = (2f64.ln(), 3f64.ln(), 10f64.ln());
    match op {
        Op::Sqrt => 3.0 / (8.0 * x.powf(2.5)),
        Op::Cbrt => 10.0 / (27.0 * x.cbrt().powi(8)),
        Op::Exp | Op::ExpM1 => x.exp(),
        Op::Exp2 => x.exp2() * ln2.powi(3),
        Op::Ln => 2.0 / x.powi(3),
        Op::Ln1p => 2.0 / (1.0 + x).powi(3),
        Op::Log2 => 2.0 / (x.powi(3) * ln2),
        Op::Log10 => 2.0 / (x.powi(3) * ln10),
        Op::Log3 => 2.0 / (x.powi(3) * ln3),
        Op::Recip => -6.0 / x.powi(4),
        Op::Sin => -x.cos(),
        Op::Cos => x.sin(),
        Op::Tan => {
            let sec2 = 1.0 / x.cos().powi(2);
            2.0 * sec2 * sec2 + 4.0 * x.tan().powi(2) * sec2
        }
        Op::Asin => (1.0 + 2.0 * x * x) / (1.0 - x * x).powf(2.5),
        Op::Acos => -(1.0 + 2.0 * x * x) / (1.0 - x * x).powf(2.5),
        Op::Atan => (6.0 * x * x - 2.0) / (1.0 + x * x).powi(3),
        Op::Sinh => x.cosh(),
        Op::Cosh => x.sinh(),
        Op::Tanh => {
            let sech2 = 1.0 / x.cosh().powi(2);
            4.0 * x.tanh().powi(2) * sech2 - 2.0 * sech2 * sech2
        }
        Op::Asinh => (2.0 * x * x - 1.0) / (x * x + 1.0).powf(2.5),
        Op::Acosh => (2.0 * x * x + 1.0) / (x * x - 1.0).powf(2.5),
        Op::Atanh => (2.0 + 6.0 * x * x) / (1.0 - x * x).powi(3),
        Op::Abs | Op::Floor | Op::Fract | Op::Signum | Op::Ceil | Op::Round | Op::Trunc => 0.0,
        // (s/x)‴ = s‴/x − 3s″/x² + 6s′/x³ − 6s/x⁴
        Op::Sinc => {
            -x.cos() / x + 3.0 * x.sin() / (x * x) + 6.0 * x.cos() / x.powi(3)
                - 6.0 * x.sin() / x.powi(4)
        }
        Op::Sinhc => {
            x.cosh() / x - 3.0 * x.sinh() / (x * x) + 6.0 * x.cosh() / x.powi(3)
                - 6.0 * x.sinh() / x.powi(4)
        }
        Op::Powi(0..=2) => 0.0,
        Op::Powi(n) => f64::from(n * (n - 1) * (n - 2)) * x.powi(n - 3),
        Op::Powf(a) => a * (a - 1.0) * (a - 2.0) * x.powf(a - 3.0),
        Op::SinCosProduct => -4.0 * (2.0 * x).cos(),
    }
}

fn table() -> Vec<(Op, &'static [(f64, f64)])> {
    vec![
        (Op::Sqrt, POSITIVE),
        (Op::Cbrt, NONZERO),
        (Op::Exp, WIDE),
        (Op::Exp2, WIDE),
        (Op::ExpM1, WIDE),
        (Op::Ln, POSITIVE),
        (Op::Ln1p, &[(-0.9, 10.0)]),
        (Op::Log2, POSITIVE),
        (Op::Log10, POSITIVE),
        (Op::Log3, POSITIVE),
        (Op::Recip, NONZERO),
        (Op::Sin, WIDE),
        (Op::Cos, WIDE),
        (Op::Tan, &[(-1.4, 1.4)]),
        (Op::Asin, UNIT),
        (Op::Acos, UNIT),
        (Op::Atan, WIDE),
        (Op::Sinh, WIDE),
        (Op::Cosh, WIDE),
        (Op::Tanh, WIDE),
        (Op::Asinh, WIDE),
        (Op::Acosh, &[(1.05, 10.0)]),
        (Op::Atanh, UNIT),
        (Op::Abs, NONZERO),
        (Op::Floor, BETWEEN_STEPS),
        (Op::Fract, BETWEEN_STEPS),
        (Op::Sinc, &[(-9.0, -1.5), (1.5, 9.0)]),
        (Op::Sinhc, &[(-6.0, -1.5), (1.5, 6.0)]),
        (Op::Powi(2), WIDE),
        (Op::Powi(3), WIDE),
        (Op::Powi(5), WIDE),
        (Op::Powi(-2), NONZERO),
        (Op::Powf(2.5), POSITIVE),
        (Op::Powf(-0.5), POSITIVE),
        (Op::Powf(3.0), POSITIVE),
        (Op::SinCosProduct, WIDE),
    ]
}

/// 41 points spread over each interval of the domain.
fn points(domain: &[(f64, f64)]) -> impl Iterator<Item = f64> + '_ {
    domain
        .iter()
        .flat_map(|&(a, b)| (0..=40).map(move |k| a + (b - a) * f64::from(k) / 40.0))
}

/// `|got − want| ≤ tol · scale`, with a message naming the function.
fn assert_close(what: &str, x: f64, got: f64, want: f64, tol: f64, scale: f64) {
    assert!(
        (got - want).abs() <= tol * scale,
        "{what} at x = {x}: {got}, expected {want} (difference {:e}, allowed {:e})",
        (got - want).abs(),
        tol * scale
    );
}

/// f, f′, f″, f‴ by `Dual<HyperDual<f64, 1>, 1>`: x = (x + ε₁) + 1·ε₂.
fn by_dual_hyperdual(op: Op, x: f64) -> [f64; 4] {
    let seed = Dual::new(
        HyperDual::<f64, 1>::variable(x, 0),
        Vector1::new(HyperDual::constant(1.0)),
    );
    let y = eval(op, seed);
    let (inner, outer) = (y.value(), y.gradient()[0]);
    [
        inner.value(),
        inner.gradient()[0],
        inner.hessian()[(0, 0)],
        outer.hessian()[(0, 0)],
    ]
}

type Dual3 = Dual<Dual<Dual<f64, 1>, 1>, 1>;

/// f‴ by `Dual<Dual<Dual<f64, 1>, 1>, 1>`: x + ε₁ + ε₂ + ε₃.
fn by_triple_dual(op: Op, x: f64) -> f64 {
    let one = Dual::<f64, 1>::constant(1.0);
    let inner = Dual::new(Dual::<f64, 1>::variable(x, 0), Vector1::new(one));
    let seed: Dual3 = Dual::new(inner, Vector1::new(Dual::constant(one)));
    eval(op, seed).gradient()[0].gradient()[0].gradient()[0]
}

#[test]
fn every_function_matches_its_closed_form_and_nesting() {
    for (op, domain) in table() {
        for x in points(domain) {
            let (f, d1, d2, d3) = monodual::third_derivative(|t| eval(op, t), x);
            let what = format!("{op:?}");
            // value bit for bit, f′ and f″ as HyperDual's (the same table)
            assert!(
                f.to_bits() == eval(op, x).to_bits(),
                "{what} at {x}: value {f}"
            );
            let (_, h1, h2) = monodual::second_derivative(|t| eval(op, t), x);
            assert_close(
                &format!("{what} f′"),
                x,
                d1,
                h1,
                1e-15,
                h1.abs().max(1e-300),
            );
            assert_close(
                &format!("{what} f″"),
                x,
                d2,
                h2,
                1e-15,
                h2.abs().max(1e-300),
            );
            let want = closed_third(op, x);
            assert_close(
                &format!("{what} f‴ (closed form)"),
                x,
                d3,
                want,
                1e-13,
                want.abs().max(1e-12),
            );
            let nested = by_dual_hyperdual(op, x);
            assert_close(
                &format!("{what} f‴ (Dual<HyperDual>)"),
                x,
                d3,
                nested[3],
                1e-13,
                nested[3].abs().max(1e-12),
            );
            assert_close(
                &format!("{what} f″ (Dual<HyperDual>)"),
                x,
                d2,
                nested[2],
                1e-14,
                nested[2].abs().max(1e-300),
            );
            let triple = by_triple_dual(op, x);
            assert_close(
                &format!("{what} f‴ (Dual³)"),
                x,
                d3,
                triple,
                1e-13,
                triple.abs().max(1e-12),
            );
        }
    }
}

#[test]
fn sinc_and_sinhc_near_zero_match_nesting() {
    for x in [
        -0.9, -0.3, -1e-3, 0.0, 1e-8, 0.25, 0.99, 1.0, 1.7, 1.99, 2.0,
    ] {
        for op in [Op::Sinc, Op::Sinhc] {
            let (_, _, _, d3) = monodual::third_derivative(|t| eval(op, t), x);
            let nested = by_dual_hyperdual(op, x)[3];
            assert_close(
                &format!("{op:?} f‴"),
                x,
                d3,
                nested,
                1e-14,
                nested.abs().max(1e-2),
            );
        }
    }
    // f‴(0) = 0 for both (odd functions' derivatives of odd order at 0)
    assert_eq!(monodual::third_derivative(|t| t.sinc(), 0.0).3, 0.0);
    assert_eq!(monodual::third_derivative(|t| t.sinhc(), 0.0).3, 0.0);
}

/// A multivariate function using every kind of operation, two-argument
/// functions included.
fn mixed<S: Scalar>(x: &SVector<S, 3>) -> S {
    let (a, b, c) = (x[0], x[1], x[2]);
    a * b * c + (a * b).sin() * c.exp() + a.powf(b) + b.atan2(c) * a + a.hypot(c) / b
        - (a * c).sqrt().ln() * b.cosh()
        + (a / c).powi(3)
        + b.powi(-2) * c.tanh()
        + (a * 7.0) % c
        + a.max(b) * c.min(b)
        + a.mul_add(b, c).asinh()
}

/// `T[i][(j, k)]` by `Dual<HyperDual<f64, N>, N>`.
fn nested_third<const N: usize>(
    f: impl Fn(SVector<Dual<HyperDual<f64, N>, N>, N>) -> Dual<HyperDual<f64, N>, N>,
    x: SVector<f64, N>,
) -> (
    f64,
    SVector<f64, N>,
    SMatrix<f64, N, N>,
    [SMatrix<f64, N, N>; N],
)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let seed = SVector::from_fn(|i, _| {
        Dual::new(
            HyperDual::variable(x[i], i),
            SVector::from_fn(|j, _| HyperDual::constant(if i == j { 1.0 } else { 0.0 })),
        )
    });
    let y = f(seed);
    let t = core::array::from_fn(|i| y.gradient()[i].hessian());
    (
        y.value().value(),
        y.value().gradient(),
        y.value().hessian(),
        t,
    )
}

fn assert_tensor_close<const N: usize>(
    what: &str,
    got: &[SMatrix<f64, N, N>; N],
    want: &[SMatrix<f64, N, N>; N],
    tol: f64,
) {
    let scale = want
        .iter()
        .map(|m| m.abs().max())
        .fold(0.0, f64::max)
        .max(1.0);
    for i in 0..N {
        for j in 0..N {
            for k in 0..N {
                let (g, w) = (got[i][(j, k)], want[i][(j, k)]);
                assert!(
                    (g - w).abs() <= tol * scale.max(w.abs()),
                    "{what}: T[{i}][({j}, {k})] = {g}, expected {w}"
                );
            }
        }
    }
}

#[test]
fn third_derivatives_match_nesting_on_multivariate_functions() {
    for x in [
        Vector3::new(0.7, 1.3, 0.4),
        Vector3::new(1.9, 0.6, 1.1),
        Vector3::new(0.3, 2.2, 0.9),
    ] {
        let (f, g, h, t) = monodual::third_derivatives(|x| mixed(&x), x);
        let (nf, ng, nh, nt) = nested_third(|x| mixed(&x), x);
        assert_eq!(f, mixed(&x));
        assert_eq!(f, nf);
        assert!((g - ng).abs().max() <= 1e-13 * ng.abs().max());
        assert!((h - nh).abs().max() <= 1e-13 * nh.abs().max());
        assert_tensor_close("mixed", &t, &nt, 1e-13);
        // exactly symmetric in all three indices
        for i in 0..3 {
            for j in 0..3 {
                for k in 0..3 {
                    assert_eq!(t[i][(j, k)], t[j][(k, i)]);
                    assert_eq!(t[i][(j, k)], t[k][(j, i)]);
                }
            }
        }
    }
}

fn log_det<S: RealField + Copy>(a: &Matrix3<S>) -> S {
    let a = (a + a.transpose()) * nalgebra::convert::<f64, S>(0.5);
    let l = a.cholesky().expect("positive definite").unpack();
    l.diagonal()
        .iter()
        .fold(S::zero(), |s, d| s + d.ln() + d.ln())
}

#[test]
fn third_derivatives_through_nalgebra_routines() {
    // log det(A + diag(x)) through Cholesky: ∂³/∂xᵢ∂xⱼ∂xₖ = 2 Bᵢⱼ Bⱼₖ Bₖᵢ with B = (A + diag x)⁻¹
    let a = Matrix3::new(4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0);
    let x = Vector3::new(0.1, 0.2, 0.3);
    let f = |x: SVector<Jet3<f64, 3>, 3>| {
        let m = Matrix3::from_fn(|i, j| {
            let c = Jet3::constant(a[(i, j)]);
            if i == j { c + x[i] } else { c }
        });
        log_det(&m)
    };
    let (_, _, _, t) = monodual::third_derivatives(f, x);
    let b = (a + Matrix3::from_diagonal(&x)).try_inverse().unwrap();
    for i in 0..3 {
        for j in 0..3 {
            for k in 0..3 {
                let want = 2.0 * b[(i, j)] * b[(j, k)] * b[(k, i)];
                assert!(
                    (t[i][(j, k)] - want).abs() <= 1e-14,
                    "T[{i}][({j}, {k})] = {}, expected {want}",
                    t[i][(j, k)]
                );
            }
        }
    }
}

#[test]
fn two_argument_third_partials_match_closed_forms() {
    let (a, b) = (1.7f64, 0.8f64);
    let x = nalgebra::Vector2::new(a, b);
    // xʸ: g_xxx = y(y−1)(y−2)xʸ⁻³, g_xxy = xʸ⁻²(2y − 1 + y(y−1) ln x),
    // g_xyy = xʸ⁻¹ ln x (2 + y ln x), g_yyy = xʸ ln³x
    let (_, _, _, t) = monodual::third_derivatives(|v| v[0].pow(v[1]), x);
    let l = a.ln();
    let want = [
        b * (b - 1.0) * (b - 2.0) * a.powf(b - 3.0),
        a.powf(b - 2.0) * (2.0 * b - 1.0 + b * (b - 1.0) * l),
        a.powf(b - 1.0) * l * (2.0 + b * l),
        a.powf(b) * l.powi(3),
    ];
    let got = [t[0][(0, 0)], t[0][(0, 1)], t[0][(1, 1)], t[1][(1, 1)]];
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= 1e-14 * w.abs(), "pow: {g} vs {w}");
    }
    // atan2(y, x) with θ the angle, r the radius: g_xxx = −2 sin 3θ/r³,
    // g_yyy = −2 cos 3θ/r³ (here v[0] = y, v[1] = x)
    let (_, _, _, t) = monodual::third_derivatives(|v| v[0].atan2(v[1]), x);
    let (r, theta) = (a.hypot(b), a.atan2(b));
    let r3 = r.powi(3);
    let want = [
        -2.0 * (3.0 * theta).cos() / r3,
        2.0 * (3.0 * theta).sin() / r3,
        2.0 * (3.0 * theta).cos() / r3,
        -2.0 * (3.0 * theta).sin() / r3,
    ];
    let got = [t[0][(0, 0)], t[0][(0, 1)], t[0][(1, 1)], t[1][(1, 1)]];
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= 1e-14 * w.abs().max(1.0),
            "atan2: {g} vs {w}"
        );
    }
    // hypot: g_xxx = −3xy²/h⁵, g_yyy = −3x²y/h⁵; x/y: g_xyy = 2/y³, g_yyy = −6x/y⁴
    let (_, _, _, t) = monodual::third_derivatives(|v| v[0].hypot(v[1]), x);
    let h5 = a.hypot(b).powi(5);
    assert!((t[0][(0, 0)] - (-3.0 * a * b * b / h5)).abs() <= 1e-15);
    assert!((t[1][(1, 1)] - (-3.0 * a * a * b / h5)).abs() <= 1e-15);
    assert!((t[0][(0, 1)] - b * (2.0 * a * a - b * b) / h5).abs() <= 1e-15);
    let (_, _, _, t) = monodual::third_derivatives(|v| v[0] / v[1], x);
    assert_eq!(t[0][(0, 0)], 0.0);
    assert_eq!(t[0][(0, 1)], 0.0);
    assert!((t[0][(1, 1)] - 2.0 / b.powi(3)).abs() <= 1e-14 * 2.0 / b.powi(3));
    assert!((t[1][(1, 1)] - (-6.0 * a / b.powi(4))).abs() <= 1e-14 * 6.0 * a / b.powi(4));
}

/// `true` if both are the same float or both NaN.
fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// The four parts of `f` at `x` on `Jet3<f64, 1>` and, as variable 1, on
/// `Jet3<f64, 3>`, which must agree part for part (non-finite ones too).
fn edge(
    f: impl Fn(Jet3<f64, 3>) -> Jet3<f64, 3>,
    g: impl Fn(Jet3<f64, 1>) -> Jet3<f64, 1>,
    x: f64,
) -> [f64; 4] {
    let (a, b, c, d) = monodual::third_derivative(g, x);
    let y = f(Jet3::variable(x, 1));
    let wide = [
        y.value(),
        y.gradient()[1],
        y.hessian()[(1, 1)],
        y.third()[1][(1, 1)],
    ];
    for (narrow, wide) in [a, b, c, d].iter().zip(wide) {
        assert!(
            same(*narrow, wide),
            "N = 1 gives {narrow}, N = 3 gives {wide}"
        );
    }
    // the other lanes are exactly zero: only variable 1 was seeded
    assert!(y.gradient()[0] == 0.0 && y.hessian()[(0, 2)] == 0.0 && y.third()[0][(2, 2)] == 0.0);
    [a, b, c, d]
}

macro_rules! edge {
    ($x:expr, |$t:ident| $body:expr) => {
        edge(|$t| $body, |$t| $body, $x)
    };
}

#[test]
fn edge_cases_follow_the_zero_rule_and_the_limits() {
    let inf = f64::INFINITY;
    let check = |what: &str, got: [f64; 4], want: [f64; 4]| {
        for (g, w) in got.iter().zip(want) {
            assert!(same(*g, w), "{what}: {got:?}, expected {want:?}");
        }
    };
    // first and second parts as on HyperDual (the crate docs' table), third the limit
    check("sqrt(0)", edge!(0.0, |t| t.sqrt()), [0.0, inf, -inf, inf]);
    check(
        "sqrt(-0)",
        edge!(-0.0, |t| t.sqrt()),
        [-0.0, inf, -inf, inf],
    );
    check("cbrt(0)", edge!(0.0, |t| t.cbrt()), [0.0, inf, -inf, inf]);
    check("cbrt(-0)", edge!(-0.0, |t| t.cbrt()), [-0.0, inf, inf, inf]);
    check("ln(0)", edge!(0.0, |t| t.ln()), [-inf, inf, -inf, inf]);
    check(
        "recip(0)",
        edge!(0.0, |t| t.recip()),
        [inf, -inf, inf, -inf],
    );
    check(
        "recip(-0)",
        edge!(-0.0, |t| t.recip()),
        [-inf, -inf, -inf, -inf],
    );
    check(
        "powi(0, 0)",
        edge!(0.0, |t| t.powi(0)),
        [1.0, 0.0, 0.0, 0.0],
    );
    check(
        "powi(0, 1)",
        edge!(0.0, |t| t.powi(1)),
        [0.0, 1.0, 0.0, 0.0],
    );
    check(
        "powi(0, 2)",
        edge!(0.0, |t| t.powi(2)),
        [0.0, 0.0, 2.0, 0.0],
    );
    check(
        "powi(0, 3)",
        edge!(0.0, |t| t.powi(3)),
        [0.0, 0.0, 0.0, 6.0],
    );
    check(
        "powi(0, 4)",
        edge!(0.0, |t| t.powi(4)),
        [0.0, 0.0, 0.0, 0.0],
    );
    check(
        "powf(0, 2)",
        edge!(0.0, |t| t.powf(2.0)),
        [0.0, 0.0, 2.0, 0.0],
    );
    check(
        "powf(0, 3)",
        edge!(0.0, |t| t.powf(3.0)),
        [0.0, 0.0, 0.0, 6.0],
    );
    check(
        "powf(0, 0.5)",
        edge!(0.0, |t| t.powf(0.5)),
        [0.0, inf, -inf, inf],
    );
    check(
        "asin(1)",
        edge!(1.0, |t| t.asin()),
        [1f64.asin(), inf, inf, inf],
    );
    check("acos(1)", edge!(1.0, |t| t.acos()), [0.0, -inf, -inf, -inf]);
    check("abs(0)", edge!(0.0, |t| t.abs()), [0.0, 1.0, 0.0, 0.0]);
    check("x·y at 0", edge!(0.0, |t| t * t * t), [0.0, 0.0, 0.0, 6.0]);
    // a zero outer derivative kills an infinite inner one, at every order
    check(
        "floor(sqrt(0))",
        edge!(0.0, |t| t.sqrt().floor()),
        [0.0, 0.0, 0.0, 0.0],
    );
    check(
        "powi(sqrt(0), 0)",
        edge!(0.0, |t| t.sqrt().powi(0)),
        [1.0, 0.0, 0.0, 0.0],
    );
    // and a zero inner derivative an infinite outer one
    check(
        "sqrt(0 · t)",
        edge!(0.0, |t| (t * 0.0).sqrt()),
        [0.0, 0.0, 0.0, 0.0],
    );
    check(
        "ln(c) of a constant 0",
        edge!(0.5, |t| (t - t).ln()),
        [-inf, 0.0, 0.0, 0.0],
    );
    // undefined derivatives are NaN
    let hypot = edge!(0.0, |t| t.hypot(t));
    assert_eq!(hypot[0], 0.0);
    assert!(hypot[1].is_nan() && hypot[3].is_nan());
}

#[test]
fn constants_keep_zero_derivatives_through_everything() {
    let c = Jet3::<f64, 2>::constant(0.0);
    let ops = [
        c.sqrt(),
        c.ln(),
        c.recip(),
        c.cbrt(),
        c / c,
        c.powf(0.5),
        c.pow(c),
        c.atan2(c),
        c.hypot(c),
        (c * f64::INFINITY),
        c / 0.0,
    ];
    for y in ops {
        assert!(
            y.gradient()
                .iter()
                .chain(y.hessian().iter())
                .chain(y.third().iter().flat_map(|m| m.iter()))
                .all(|&p| p == 0.0),
            "{y:?}"
        );
    }
}

#[test]
fn f32_matches_f64() {
    for (op, x) in [
        (Op::Sin, 0.7),
        (Op::Exp, 1.2),
        (Op::Ln, 2.5),
        (Op::Atan, 0.4),
        (Op::Sqrt, 3.0),
    ] {
        let (f, d1, d2, d3) =
            monodual::third_derivative(|t: Jet3<f32, 1>| eval_f32(op, t), x as f32);
        let (g, e1, e2, e3) = monodual::third_derivative(|t| eval(op, t), x);
        for (a, b) in [(f, g), (d1, e1), (d2, e2), (d3, e3)] {
            assert!(
                (f64::from(a) - b).abs() <= 1e-6 * b.abs().max(1.0),
                "{op:?}: f32 {a}, f64 {b}"
            );
        }
    }
    let (_, _, _, t) = monodual::third_derivatives(
        |v: SVector<Jet3<f32, 2>, 2>| v[0] * v[0] * v[1].sin(),
        nalgebra::Vector2::new(1.5f32, 0.5),
    );
    assert!((t[0][(0, 1)] - 2.0 * 0.5f32.cos()).abs() <= 1e-6);
}

fn eval_f32<S: Scalar<f32>>(op: Op, x: S) -> S {
    match op {
        Op::Sin => x.sin(),
        Op::Exp => x.exp(),
        Op::Ln => x.ln(),
        Op::Atan => x.atan(),
        _ => x.sqrt(),
    }
}

#[test]
#[allow(clippy::op_ref)] // the reference forms are under test
fn traits_and_operators() {
    let x = Jet3::<f64, 2>::variable(1.5, 0);
    let y = Jet3::<f64, 2>::variable(0.5, 1);
    // operators with floats on both sides, references, assign forms
    let mut z = 2.0 * x - 1.0 + &y * y / 4.0;
    z += x;
    z *= 2.0;
    z -= &y;
    z /= x;
    let w = (2.0 * x - 1.0 + y * y / 4.0 + x) * 2.0 - y;
    let w = w / x;
    assert!(approx::relative_eq!(z, w, epsilon = Jet3::constant(1e-15)));
    assert_eq!(z, w); // by value
    assert!(x > y);
    // nalgebra RealField and num-traits Float-like paths
    let m = nalgebra::Matrix2::new(x, y, y, x + 1.0);
    let det = m.determinant();
    assert!((det.value() - (1.5 * 2.5 - 0.25)).abs() < 1e-15);
    let s: Jet3<f64, 2> = [x, y, x].iter().sum();
    assert_eq!(s.value(), 3.5);
    assert_eq!(<Jet3<f64, 2> as num_traits::Zero>::zero().value(), 0.0);
    assert_eq!(<Jet3<f64, 2> as Real>::from_float(2.0).value(), 2.0);
    // Display and Debug name every part
    let text = format!("{}", x * y);
    assert!(
        text.starts_with("0.75 + [0.5, 1.5]ε + [[0, 1], [1, 0]]ε²/2 + "),
        "{text}"
    );
    assert!(format!("{:?}", x).contains("third"));
    assert!(format!("{:.1e}", x).starts_with("1.5e0"));
}

/// A function of six variables with two-argument functions, so that the
/// loops above the unrolled sizes run too.
fn six<S: Scalar>(x: &SVector<S, 6>) -> S {
    let mut sum = x[0].atan2(x[5]) + x[1].hypot(x[4]) * x[2] + x[3].powf(x[1]);
    for i in 0..5 {
        sum += (x[i] * x[i + 1]).sin() * x[(i + 2) % 6].exp() / (x[i] * x[i] + 1.0);
    }
    sum + x.iter().fold(S::zero(), |s, &v| s + v * v).sqrt()
}

#[test]
fn six_variables_match_nesting() {
    let x = SVector::<f64, 6>::from_fn(|i, _| 0.4 + 0.23 * i as f64);
    let (f, g, h, t) = monodual::third_derivatives(|x| six(&x), x);
    let (nf, ng, nh, nt) = nested_third(|x| six(&x), x);
    assert_eq!(f, nf);
    assert!((g - ng).abs().max() <= 1e-13 * ng.abs().max());
    assert!((h - nh).abs().max() <= 1e-13 * nh.abs().max());
    assert_tensor_close("six", &t, &nt, 1e-13);
}

#[test]
fn a_zero_outer_derivative_kills_an_overflowing_product_of_inner_parts() {
    // floor(x·f64::MAX) at 0: floor′ = floor″ = floor‴ = 0, and the chain
    // rule's (x·MAX)ᵢ(x·MAX)ⱼ overflows: the zero rule gives 0 (as
    // `hessian` does), IEEE 0·∞ gave NaN. Also a zero g″ in a two-argument
    // chain rule: (x·MAX) % 3 (g_uu = 0).
    let x = nalgebra::Vector1::new(0.0);
    let (_, g, h, t) = monodual::third_derivatives(|x| (x[0] * f64::MAX).floor(), x);
    assert_eq!((g[0], h[(0, 0)], t[0][(0, 0)]), (0.0, 0.0, 0.0));
    let (_, _, hh) = monodual::hessian(|x| (x[0] * f64::MAX).floor(), x);
    assert_eq!(hh[(0, 0)], h[(0, 0)]);
    let (_, g, h, t) =
        monodual::third_derivatives(|x| (x[0] * f64::MAX) % monodual::Jet3::constant(3.0), x);
    assert_eq!((g[0], h[(0, 0)], t[0][(0, 0)]), (f64::MAX, 0.0, 0.0));
}

#[test]
fn two_argument_partials_scale_gradient_parts_before_they_multiply() {
    // atan2(1 % x, y) at x = 1e-300, y = 1: u = 1 % x = r is below 1e-300
    // and ∂u/∂x = −n with n = (1 − r)/x ≈ 1e300, so n² overflows, but
    // g_uu = −2uy/(u² + y²)² ≈ −2r and g_uuy ≈ 6r keep ∂²/∂x² ≈ −2rn² and
    // ∂³/∂x²∂y ≈ 6rn² in range. The products of gradient parts formed
    // before the partials multiplied them gave ±∞.
    let (x0, y0) = (1e-300, 1.0);
    let r = 1.0 % x0;
    let n = ((1.0 - r) / x0).round();
    assert!(r > 0.0 && (r * n * n).is_finite());
    let x = SVector::<f64, 2>::new(x0, y0);
    let f = |v: SVector<Jet3<f64, 2>, 2>| (Jet3::constant(1.0) % v[0]).atan2(v[1]);
    let (_, g, h, t) = monodual::third_derivatives(f, x);
    let close = |got: f64, want: f64| (got - want).abs() <= 1e-12 * want.abs();
    assert!(close(g[0], -n), "∂/∂x = {}", g[0]);
    assert!(close(h[(0, 0)], -2.0 * r * n * n), "∂²/∂x² = {}", h[(0, 0)]);
    assert!(
        close(t[0][(0, 1)], 6.0 * r * n * n),
        "∂³/∂x²∂y = {}",
        t[0][(0, 1)]
    );
    // as HyperDual's two-argument rule gives
    let (_, _, hh) = monodual::hessian(
        |v: SVector<HyperDual<f64, 2>, 2>| (HyperDual::constant(1.0) % v[0]).atan2(v[1]),
        x,
    );
    assert!(
        close(h[(0, 0)], hh[(0, 0)]),
        "{} vs {}",
        h[(0, 0)],
        hh[(0, 0)]
    );
}
