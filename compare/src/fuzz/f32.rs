//! f32: every program on `Dual<f32, N>` (`gradient`) and `HyperDual<f32,
//! N>` (`hessian`), against the f64 results.
//!
//! The case is first rounded to f32 (its point, constants and parameters);
//! the f64 program on the rounded case is the baseline, so the two compute
//! the same function and differ only by f32's rounding.
//!
//! - value parts: the f32 program's bits ([`Check::ValueBits`]);
//! - gradient and Hessian ([`Check::CrossType`]): within the f64 checks'
//!   tolerance scaled from ε₆₄ to ε₃₂ (2²⁹ times): 1e-12·2²⁹ of the sizes
//!   and the largest term, 16 times the rounding bound, twice the spread
//!   under perturbations of the rounded intermediates, and an ulp of f32.
//!   Compared only where both programs stay finite, every intermediate
//!   value is 0 or a normal f32 (no underflow) and 0 in both or in
//!   neither, every piecewise function takes the same branch in both
//!   (floor, %, min, abs, …, and a power at base 0 the same exponent), and the
//!   program is moderately steep (every term below 1e4, the spread within
//!   1e4 ε₃₂): beyond, f32's rounding of a value moves a derivative by
//!   more than a first-order model says.

use std::panic::{AssertUnwindSafe, catch_unwind};

use nalgebra::SVector;

use super::check::{CROSS, Case, Check, Failure, differ, same_bits};
use super::eval::{eval, eval_observed};
use super::program::{Binary, Expr, Unary};
use super::rounding;

/// ε₃₂/ε₆₄ = 2²⁹: the f64 tolerances' scale for f32.
const RATIO: f64 = (f32::EPSILON as f64) / f64::EPSILON;
/// The roundings per unit of the error bound, as in the f64 checks.
const BOUND: f64 = 16.0;
/// Programs with a term beyond this are too steep for f32 (the f64
/// reference check's 1e8, for ε₃₂).
const STEEP: f64 = 1e4;

/// `x ≤ limit`, false for NaN.
fn within(x: f64, limit: f64) -> bool {
    x <= limit
}

/// `x` rounded to f32 and back.
fn to_f32(x: f64) -> f64 {
    f64::from(x as f32)
}

/// The program with every constant and parameter rounded to f32.
fn rounded(expr: &Expr) -> Expr {
    let r = |e: &Expr| Box::new(rounded(e));
    match expr {
        Expr::Input(i) => Expr::Input(*i),
        Expr::Constant(c) => Expr::Constant(to_f32(*c)),
        Expr::Unary(op, a) => {
            let op = match op.parameter() {
                Some(p) if !matches!(op, Unary::Powi(_)) => op.with_parameter(to_f32(p)),
                _ => *op,
            };
            Expr::Unary(op, r(a))
        }
        Expr::Binary(op, a, b) => Expr::Binary(*op, r(a), r(b)),
        Expr::MulAdd(a, b, c) => Expr::MulAdd(r(a), r(b), r(c)),
    }
}

/// The branch a piecewise node takes at its arguments (0 for the smooth ones).
fn branch(expr: &Expr, args: &[f64]) -> f64 {
    use Unary::*;
    match expr {
        Expr::Unary(Abs | Signum | Copysign(_), _) => {
            if args[0] == 0.0 {
                2.0
            } else {
                args[0].signum()
            }
        }
        Expr::Unary(Floor, _) => args[0].floor(),
        Expr::Unary(Trunc | Fract, _) => args[0].trunc(),
        Expr::Unary(Ceil, _) => args[0].ceil(),
        Expr::Unary(Round, _) => args[0].round(),
        Expr::Unary(RemFloat(c), _) => quotient(args[0], *c),
        Expr::Unary(FloatRem(c), _) => quotient(*c, args[0]),
        Expr::Binary(Binary::Rem | Binary::RemAssign, _, _) => quotient(args[0], args[1]),
        // at base 0 the derivatives' limits depend on the exponent itself
        // (∂²xʸ/∂x² is 2 at y = 2, 0 beyond): an exponent that rounds to 2
        // in f32 and not in f64 is another branch
        Expr::Binary(Binary::Pow | Binary::PowfNumber, _, _) if args[0] == 0.0 => args[1],
        Expr::Binary(Binary::Min | Binary::Max, _, _) => {
            if args[0] < args[1] {
                1.0
            } else if args[0] > args[1] {
                -1.0
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// n in x mod y = x − n·y, as the number types take it.
fn quotient(x: f64, y: f64) -> f64 {
    ((x - x % y) / y).round()
}

/// Every node's (value, branch) in evaluation order, on f64 or on f32.
fn nodes<F>(expr: &Expr, point: &[F]) -> Vec<(f64, f64)>
where
    F: monodual::Real + Into<f64> + super::eval::Number<F>,
{
    let mut out = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    eval_observed(expr, point, &mut |node, v: &F| {
        let arity = node.children().len();
        let args = values.split_off(values.len() - arity);
        out.push(((*v).into(), branch(node, &args)));
        values.push((*v).into());
    });
    out
}

/// Every f32 check on `case`; `compare`: the derivative comparisons run
/// (no known issue shows).
pub fn check<const N: usize>(case: &Case, compare: bool) -> Result<(), Failure>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let expr = rounded(&case.expr);
    let point: Vec<f64> = case.point.iter().map(|&x| to_f32(x)).collect();
    let point32: Vec<f32> = point.iter().map(|&x| x as f32).collect();
    let x32 = SVector::<f32, N>::from_column_slice(&point32);
    let x64 = SVector::<f64, N>::from_column_slice(&point);
    let evaluated = catch_unwind(AssertUnwindSafe(|| {
        let value = eval(&expr, point32.as_slice());
        let dual = monodual::gradient(|x| eval(&expr, x.as_slice()), x32);
        let hyper = monodual::hessian(|x| eval(&expr, x.as_slice()), x32);
        (value, dual, hyper)
    }));
    let Ok((value, (f_d, g_d), (f_h, g_h, h_h))) = evaluated else {
        return Err(Failure {
            check: Check::Panic,
            signature: String::new(),
            detail: "an f32 evaluation (Dual<f32, N>, HyperDual<f32, N>) panicked".into(),
        });
    };
    for (name, got) in [("gradient (f32)", f_d), ("hessian (f32)", f_h)] {
        if !same_bits(f64::from(got), f64::from(value)) {
            return differ(
                Check::ValueBits,
                f64::from(got),
                f64::from(value),
                format!("{name} value {got:?}, f32 program {value:?}"),
            );
        }
    }
    if !compare {
        return Ok(());
    }

    // where f32 follows f64: finite, no underflow, the same branches, moderately steep
    let (f, g, h) = monodual::hessian(|x| eval(&expr, x.as_slice()), x64);
    let finite32 = value.is_finite()
        && g_d
            .iter()
            .chain(g_h.iter())
            .chain(h_h.iter())
            .all(|p| p.is_finite());
    let finite64 = f.is_finite() && g.iter().chain(h.iter()).all(|p| p.is_finite());
    if !(finite32 && finite64) {
        return Ok(());
    }
    let (n64, n32) = (nodes(&expr, &point), nodes(&expr, &point32));
    let follows = n64.iter().zip(&n32).all(|((v64, b64), (v32, b32))| {
        let representable = *v64 == 0.0
            || (v64.abs() >= f64::from(f32::MIN_POSITIVE) && v64.abs() <= f64::from(f32::MAX));
        // (a value that rounds to exactly 0 in f32 only, as ln(1 + x) for
        // x = -2e-13, moves the functions after it to their limits at 0)
        representable && v32.is_finite() && (*v32 == 0.0) == (*v64 == 0.0) && b64 == b32
    });
    let sizes = rounding::term_sizes::<N>(&expr, &point);
    if !follows || sizes.non_finite || sizes.singular || sizes.largest > STEEP {
        return Ok(());
    }
    let spread = rounding::perturbation_spread::<N>(&expr, &point, 0x5eed) * RATIO;
    if !within(spread, STEEP * f64::from(f32::EPSILON)) {
        return Ok(());
    }

    let ulp32 = |x: f64| f64::from(f32::EPSILON) * x.abs();
    let tolerance = |got: f64, expected: f64, bound: f64| {
        CROSS * RATIO * (got.abs() + expected.abs() + sizes.largest)
            + BOUND * RATIO * bound
            + 2.0 * spread
            + ulp32(expected)
    };
    let clean = |b: f64| if b.is_finite() { b } else { 0.0 };
    for i in 0..N {
        let lane = format!("∂{i}");
        let bound = clean(sizes.gradient_bound[i]);
        for (name, got) in [("Dual<f32, N>", g_d[i]), ("HyperDual<f32, N>", g_h[i])] {
            let got = f64::from(got);
            let allowed = tolerance(got, g[i], bound);
            if !within((got - g[i]).abs(), allowed) {
                return differ(
                    Check::CrossType,
                    got,
                    g[i],
                    format!(
                        "{lane}: {name} gives {got:?}, f64 {:?} (tolerance {allowed:.3e}; case rounded to f32)",
                        g[i]
                    ),
                );
            }
        }
        for j in 0..N {
            let lane = format!("∂{i}∂{j}");
            let bound = clean(sizes.hessian_bound[(i, j)]);
            let got = f64::from(h_h[(i, j)]);
            let allowed = tolerance(got, h[(i, j)], bound);
            if !within((got - h[(i, j)]).abs(), allowed) {
                return differ(
                    Check::CrossType,
                    got,
                    h[(i, j)],
                    format!(
                        "{lane}: HyperDual<f32, N> gives {got:?}, f64 {:?} (tolerance {allowed:.3e}; case rounded to f32)",
                        h[(i, j)]
                    ),
                );
            }
        }
    }
    Ok(())
}
