//! Third order: every program on `Jet3<f64, N>` (through
//! `third_derivatives`) and the padded `Jet3<f64, 9>`, with the nested
//! `Dual<HyperDual<f64, N>, N>` as the independent third-order result, and
//! on `Taylor<f64, 4>` along a direction v (through `taylor`).
//!
//! - value parts: the f64 program's bits ([`Check::ValueBits`]);
//! - gradient and Hessian of every third-order type: `hessian`'s, under
//!   the [`Check::CrossType`] tolerance of [`check`](super::check);
//! - the tensor: `Jet3`'s entry (i, j, k) against the nested type's
//!   entry for every permutation of (i, j, k) (each computed on its own
//!   path), the padded `Jet3`'s against `Jet3<f64, N>`'s: both NaN, the same
//!   infinity, or finite and within 1e-12 of their size plus the entry's
//!   magnitude bound (below);
//! - Taylor: c₀ the value bit for bit, c₁ = ∇f·v, c₂ = ½ vᵀHv (against
//!   `hessian`), c₃ = ⅙ Σ T_ijk vᵢvⱼvₖ (against `Jet3`), each within 1e-12
//!   of the sizes plus the magnitude bound along |v| and the baseline's own
//!   tolerances; compared where the terms of the reference are finite,
//!   the magnitudes below 1e300 (along v, overflow depends on the scaling)
//!   and no value along the way underflowed.
//!
//! The nested type is compared only where its finite and non-finite
//! classes agree with `Jet3`'s, if the case is beyond range: some node's
//! magnitude bound, or the bound with every factor raised to 1 (which
//! covers the sub-products the nested type forms), is not finite although
//! no function is singular at its argument.
//!
//! The magnitude bound of a tensor entry is the program evaluated on
//! magnitudes: every chain rule's terms with |partials| and the
//! arguments' magnitude jets, so that nothing cancels (a running error
//! bound: a correct evaluation's error is a few ε times it). Where it is
//! not finite (a partial derivative is infinite or undefined), only the
//! non-finite class is compared.

use std::panic::{AssertUnwindSafe, catch_unwind};

use monodual::{Dual, HyperDual, Jet3};
use nalgebra::{SMatrix, SVector};

use super::check::{CROSS, Case, Check, Failure, PADDED_THIRD, differ, same, same_bits};
use super::eval::{binary, eval, eval_observed, unary};
use super::generate::Rng;
use super::program::{Binary, Expr, Unary};
use super::{Config, KnownIssue};

/// Coefficients of the Taylor check: c₀ … c₃.
pub const TAYLOR_ORDER: usize = 4;

/// What the second-order checks computed, for the third-order ones.
pub struct Baseline<'a, const N: usize>
where
    nalgebra::Const<N>: monodual::Packed,
{
    /// The f64 program's value.
    pub value: f64,
    /// `hessian`'s gradient and Hessian.
    pub gradient: SVector<f64, N>,
    pub hessian: SMatrix<f64, N, N>,
    /// The largest finite part of any subexpression or chain-rule term to
    /// second order (at least 1): the floor of every tolerance.
    pub largest: f64,
    /// The [`Check::CrossType`] tolerance of a gradient or Hessian entry
    /// (by lane name, "∂1" or "∂0∂2") between a part and the baseline's.
    pub tolerance: &'a dyn Fn(&str, f64, f64) -> f64,
    /// Whether the cross-type comparisons run on this case (they are left
    /// out where a known issue shows).
    pub compare: bool,
    /// Compare only parts finite on both sides (while `0 · ∞` is a known issue).
    pub finite_only: bool,
    /// Which known issues the checks cover.
    pub config: &'a Config,
}

/// Whether some node of the program is where a known issue of the
/// third-order types shows.
fn touches(issue: KnownIssue, expr: &Expr, point: &[f64]) -> bool {
    fn walk(issue: KnownIssue, expr: &Expr, point: &[f64], found: &mut bool) -> f64 {
        let args: Vec<f64> = expr
            .children()
            .iter()
            .map(|c| walk(issue, c, point, found))
            .collect();
        let value = match expr {
            Expr::Input(i) => point[*i],
            Expr::Constant(c) => *c,
            Expr::Unary(op, _) => unary(*op, args[0]),
            Expr::Binary(op, _, _) => binary(*op, args[0], args[1]),
            Expr::MulAdd(..) => args[0].mul_add(args[1], args[2]),
        };
        let power = matches!(
            expr,
            Expr::Unary(Unary::Powf(_) | Unary::PowfNumber(_), _)
                | Expr::Binary(Binary::Pow | Binary::PowfNumber, _, _)
        );
        let variable_base = expr.children().first().is_some_and(|a| !a.is_constant());
        *found |= match issue {
            KnownIssue::NestedPowerQuotient => power && variable_base,
            KnownIssue::TaylorPrecision => {
                let hypot = matches!(expr, Expr::Binary(Binary::Hypot, _, _));
                (power && args[0] != 0.0 && !value.is_normal())
                    || (hypot
                        && args[0].abs().min(args[1].abs())
                            < 0.1 * args[0].abs().max(args[1].abs()))
            }
            // the nested types differentiate hypot's and atan2's first
            // partials (twice for the third order), which cancels where
            // |b| ≪ |a|; the third order meets it at wider ratios
            KnownIssue::PrecisionFound => {
                matches!(expr, Expr::Binary(Binary::Atan2 | Binary::Hypot, _, _))
                    && args[0].abs().min(args[1].abs()) < 0.1 * args[0].abs().max(args[1].abs())
            }
            _ => false,
        };
        value
    }
    let mut found = false;
    walk(issue, expr, point, &mut found);
    found
}

/// The random direction of the Taylor check, a function of the case (so
/// that a shrunk case keeps a direction of its own): entries in [−2, 2)
/// with three digits.
#[must_use]
pub fn direction<const N: usize>(case: &Case) -> SVector<f64, N> {
    let seed = case
        .point
        .iter()
        .fold(0x7a71 ^ case.direction as u64, |h, x| {
            h.rotate_left(17) ^ x.to_bits()
        });
    let mut rng = Rng::new(seed);
    SVector::from_fn(|_, _| (rng.uniform(-2.0, 2.0) * 1000.0).round() / 1000.0)
}

/// Every third-order result of one program.
struct Results<const N: usize>
where
    nalgebra::Const<N>: monodual::Packed,
{
    jet: (
        f64,
        SVector<f64, N>,
        SMatrix<f64, N, N>,
        [SMatrix<f64, N, N>; N],
    ),
    padded: Jet3<f64, PADDED_THIRD>,
    nested: Dual<HyperDual<f64, N>, N>,
    taylor: [f64; TAYLOR_ORDER],
    /// Magnitude bounds of the gradient, Hessian and tensor entries.
    bound: Jet3<f64, N>,
    /// A magnitude bound is not finite although every function's own
    /// derivatives to third order are finite at its argument: a part or a
    /// product of parts overflowed from finite factors.
    overflowed: bool,
    /// A value along the way underflowed ([`underflows`]).
    underflowed: bool,
}

/// Whether some function's own derivatives (to third order) are not
/// finite at its argument (a singular point, or beyond f64's range there).
fn singular(expr: &Expr, point: &[f64]) -> bool {
    let inputs: Vec<Jet3<f64, 1>> = point.iter().map(|&p| Jet3::constant(p)).collect();
    let value = |e: &Expr| eval(e, &inputs).value();
    fn finite<const M: usize>(d: &Jet3<f64, M>) -> bool
    where
        nalgebra::Const<M>: monodual::Packed,
    {
        jet3_parts(d).iter().all(|p| p.is_finite())
    }
    match expr {
        Expr::Input(_) | Expr::Constant(_) => false,
        Expr::Unary(op, a) => {
            let d = unary(*op, Jet3::<f64, 1>::variable(value(a), 0));
            singular(a, point) || !finite(&d)
        }
        Expr::Binary(op, a, b) => {
            let d = binary(
                *op,
                Jet3::<f64, 2>::variable(value(a), 0),
                Jet3::<f64, 2>::variable(value(b), 1),
            );
            singular(a, point) || singular(b, point) || !finite(&d)
        }
        Expr::MulAdd(a, b, c) => singular(a, point) || singular(b, point) || singular(c, point),
    }
}

fn evaluate<const N: usize>(case: &Case, v: SVector<f64, N>) -> Results<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let expr = &case.expr;
    let point = &case.point;
    let x = SVector::<f64, N>::from_column_slice(point);
    let jet = monodual::third_derivatives(|x| eval(expr, x.as_slice()), x);
    let padded: Vec<Jet3<f64, PADDED_THIRD>> = (0..N)
        .map(|i| Jet3::<f64, PADDED_THIRD>::variable(point[i], i))
        .collect();
    let padded = eval(expr, &padded);
    // outer lane i: ∂ᵢ of the HyperDual, whose Hessian is then ∂ᵢ∂ⱼ∂ₖ
    let nested: Vec<Dual<HyperDual<f64, N>, N>> = (0..N)
        .map(|i| {
            let mut outer = SVector::<HyperDual<f64, N>, N>::zeros();
            outer[i] = HyperDual::constant(1.0);
            Dual::new(HyperDual::variable(point[i], i), outer)
        })
        .collect();
    let nested = eval(expr, &nested);
    let taylor = monodual::taylor(|x| eval(expr, x.as_slice()), x, v);
    let mut any_node_beyond = false;
    let bound = magnitudes::<N>(expr, point, false, &mut any_node_beyond).1;
    let floored = magnitudes::<N>(expr, point, true, &mut any_node_beyond).1;
    let bound_parts = jet3_parts(&bound);
    // (a node's bound, not only the result's: a zero partial further up,
    // as of 0ʸ in y, takes an overflowed part out of the result's bound by
    // the zero rule, where the types' own products meet it as IEEE ∞·0)
    let overflowed = !singular(expr, point)
        && (any_node_beyond
            || bound_parts
                .iter()
                .chain(&jet3_parts(&floored))
                .any(|m| !m.is_finite()));
    Results {
        overflowed,
        underflowed: underflows(expr, point),
        jet,
        padded,
        nested,
        taylor,
        bound,
    }
}

/// The node's `Jet3` and its magnitude jet (value 0): the chain rules with
/// every term taken in magnitude.
///
/// With `floor`, every nonzero factor's magnitude (partials and parts) is
/// taken as at least 1, so that the bound is also above every product of a
/// subset of a term's factors: the nested `Dual<HyperDual>` forms such
/// products (g_xyy·∂ᵢx before it multiplies ∂ⱼy, the Hessian of g′(u)
/// before ∂ᵢu), and one of them can overflow where the whole term is in
/// range (x₀x₁/atan x₂ at x₀ = −1.8e308: 1.47 · 1.8e308).
///
/// `beyond` is set where some node's bound has a part that is not finite.
fn magnitudes<const N: usize>(
    expr: &Expr,
    point: &[f64],
    floor: bool,
    beyond: &mut bool,
) -> (Jet3<f64, N>, Jet3<f64, N>)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let at_least_one = |f: f64| raised(f, floor);
    let (jet, m) = match expr {
        Expr::Input(i) => (Jet3::variable(point[*i], *i), Jet3::variable(0.0, *i)),
        Expr::Constant(c) => (Jet3::constant(*c), Jet3::constant(0.0)),
        Expr::Unary(op, a) => {
            let (u, mu) = magnitudes::<N>(a, point, floor, beyond);
            // |f′|, |f″|, |f‴| at the argument
            let d = unary(*op, Jet3::<f64, 1>::variable(u.value(), 0));
            let (f1, f2, f3) = (
                at_least_one(d.gradient()[0].abs()),
                at_least_one(d.hessian()[(0, 0)].abs()),
                at_least_one(d.third()[0][(0, 0)].abs()),
            );
            // f(u) − f(u₀) = f′ δ + f″ δ²/2 + f‴ δ³/6 with δ = u − u₀
            let m = mu * f1 + mu * mu * (f2 / 2.0) + mu * mu * mu * (f3 / 6.0);
            (unary(*op, u), m)
        }
        Expr::Binary(op, a, b) => {
            let (u, mu) = magnitudes::<N>(a, point, floor, beyond);
            let (w, mw) = magnitudes::<N>(b, point, floor, beyond);
            let m = binary_magnitude(*op, &u, &w, mu, mw, floor);
            (binary(*op, u, w), m)
        }
        Expr::MulAdd(a, b, c) => {
            let (u, mu) = magnitudes::<N>(a, point, floor, beyond);
            let (w, mw) = magnitudes::<N>(b, point, floor, beyond);
            let (z, mz) = magnitudes::<N>(c, point, floor, beyond);
            let m = binary_magnitude(Binary::Mul, &u, &w, mu, mw, floor) + mz;
            (u.mul_add(w, z), m)
        }
    };
    let m = if floor { floored(m) } else { m };
    if jet3_parts(&m).iter().any(|p| !p.is_finite()) {
        *beyond = true;
    }
    (jet, m)
}

/// A two-argument chain rule in magnitudes: the partials of g(u, w) at
/// (u₀, w₀) from `Jet3<f64, 2>`, composed with the magnitude jets.
fn binary_magnitude<const N: usize>(
    op: super::program::Binary,
    u: &Jet3<f64, N>,
    w: &Jet3<f64, N>,
    mu: Jet3<f64, N>,
    mw: Jet3<f64, N>,
    floor: bool,
) -> Jet3<f64, N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let d = binary(
        op,
        Jet3::<f64, 2>::variable(u.value(), 0),
        Jet3::<f64, 2>::variable(w.value(), 1),
    );
    let (g, h, t) = (d.gradient(), d.hessian(), d.third());
    let m = |f: f64| raised(f.abs(), floor);
    let (gu, gw) = (m(g[0]), m(g[1]));
    let (guu, guw, gww) = (m(h[(0, 0)]), m(h[(0, 1)]), m(h[(1, 1)]));
    let (guuu, guuw, guww, gwww) = (
        m(t[0][(0, 0)]),
        m(t[0][(0, 1)]),
        m(t[0][(1, 1)]),
        m(t[1][(1, 1)]),
    );
    // g_u δu + g_w δw + ½(g_uu δu² + 2 g_uw δu δw + g_ww δw²)
    //   + ⅙(g_uuu δu³ + 3 g_uuw δu² δw + 3 g_uww δu δw² + g_www δw³)
    mu * gu
        + mw * gw
        + (mu * mu * guu + mu * mw * (2.0 * guw) + mw * mw * gww) * 0.5
        + (mu * mu * mu * guuu
            + mu * mu * mw * (3.0 * guuw)
            + mu * mw * mw * (3.0 * guww)
            + mw * mw * mw * gwww)
            * (1.0 / 6.0)
}

/// Whether a product, quotient, power or exponential in the f64 program
/// gives 0 or a subnormal from nonzero finite arguments: its value
/// underflowed.
fn underflows(expr: &Expr, point: &[f64]) -> bool {
    use super::program::Unary::*;
    let mut values: Vec<f64> = Vec::new();
    let mut underflow = false;
    eval_observed(expr, point, &mut |node: &Expr, v: &f64| {
        let arity = node.children().len();
        let args = values.split_off(values.len() - arity);
        let multiplicative = matches!(
            node,
            Expr::Binary(
                Binary::Mul
                    | Binary::MulAssign
                    | Binary::Div
                    | Binary::DivAssign
                    | Binary::Pow
                    | Binary::PowfNumber,
                _,
                _
            ) | Expr::Unary(
                Exp | Exp2
                    | Powi(_)
                    | Powf(_)
                    | PowfNumber(_)
                    | MulFloat(_)
                    | DivFloat(_)
                    | FloatMul(_)
                    | FloatDiv(_)
                    | MulAssignFloat(_)
                    | DivAssignFloat(_),
                _
            )
        );
        let regular = |x: &f64| x.is_finite() && *x != 0.0;
        if multiplicative && args.iter().all(regular) && !v.is_normal() && v.is_finite() {
            underflow = true;
        }
        values.push(*v);
    });
    underflow
}

/// Every derivative part of a jet, gradient, Hessian and tensor.
fn jet3_parts<const N: usize>(jet: &Jet3<f64, N>) -> Vec<f64>
where
    nalgebra::Const<N>: monodual::Packed,
{
    jet.gradient()
        .iter()
        .chain(jet.hessian().iter())
        .chain(jet.third().iter().flat_map(|m| m.iter()))
        .copied()
        .collect()
}

/// A nonzero magnitude raised to at least 1 where `floor` is set.
fn raised(f: f64, floor: bool) -> f64 {
    if floor && f != 0.0 { f.max(1.0) } else { f }
}

/// A magnitude jet with every nonzero derivative part raised to at least 1.
fn floored<const N: usize>(m: Jet3<f64, N>) -> Jet3<f64, N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let up = |f: f64| raised(f, true);
    let third = m.third().map(|t| t.map(up));
    Jet3::new(m.value(), m.gradient().map(up), m.hessian().map(up), third)
}

/// A magnitude bound as a tolerance: a non-finite bound (an infinite or
/// undefined partial) leaves only the non-finite classes to compare.
fn finite_or_unbounded(m: f64) -> f64 {
    if m.is_finite() { m } else { f64::INFINITY }
}

/// The tolerances' floor: the largest part to second order, or the
/// largest finite magnitude bound.
fn largest<const N: usize>(baseline: &Baseline<'_, N>, bound: &Jet3<f64, N>) -> f64
where
    nalgebra::Const<N>: monodual::Packed,
{
    jet3_parts(bound)
        .into_iter()
        .filter(|m| m.is_finite())
        .fold(baseline.largest, f64::max)
}

/// Every third-order check on `case`.
pub fn check<const N: usize>(case: &Case, baseline: &Baseline<'_, N>) -> Result<(), Failure>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let v = direction::<N>(case);
    let results = match catch_unwind(AssertUnwindSafe(|| evaluate::<N>(case, v))) {
        Ok(results) => results,
        Err(_) => {
            return Err(Failure {
                check: Check::Panic,
                signature: String::new(),
                detail: "a third-order evaluation (Jet3, Dual<HyperDual>, Taylor) panicked".into(),
            });
        }
    };
    let (f3, g3, h3, t3) = &results.jet;
    let nested_value = results.nested.value();
    for (name, got) in [
        ("third_derivatives", *f3),
        ("Jet3<f64, 9>", results.padded.value()),
        ("Dual<HyperDual<f64, N>, N>", nested_value.value()),
        ("taylor c₀", results.taylor[0]),
    ] {
        if !same_bits(got, baseline.value) {
            return differ(
                Check::ValueBits,
                got,
                baseline.value,
                format!("{name} value {got:?}, f64 program {:?}", baseline.value),
            );
        }
    }
    if !baseline.compare || (baseline.finite_only && baseline.value.is_nan()) {
        return Ok(());
    }
    let checks = |issue| baseline.config.checks(issue) || !touches(issue, &case.expr, &case.point);
    let nested_checked =
        checks(KnownIssue::NestedPowerQuotient) && checks(KnownIssue::PrecisionFound);
    // %: ∂/∂y = −trunc(x/y) off by one where x/y rounds to an integer
    let taylor_checked = checks(KnownIssue::TaylorPrecision)
        && (baseline.config.checks(KnownIssue::RemBranch)
            || !super::known::touches(KnownIssue::RemBranch, &case.expr, &case.point, false));
    let compare = |name: &str, lane: String, got: f64, expected: f64, tolerance: f64| {
        let nested = name.contains("Dual<HyperDual");
        if nested && !nested_checked {
            return Ok(());
        }
        let nested_nan = nested && got.is_nan() && !expected.is_nan();
        if nested_nan && !baseline.config.checks(KnownIssue::NestedThirdOrder) {
            return Ok(());
        }
        if baseline.finite_only && !(got.is_finite() && expected.is_finite()) {
            return Ok(());
        }
        if same(got, expected, tolerance) {
            Ok(())
        } else {
            differ(
                Check::CrossType,
                got,
                expected,
                format!(
                    "{lane}: {name} gives {got:?}, expected {expected:?} (tolerance {tolerance:.3e})"
                ),
            )
        }
    };

    // gradient and Hessian against `hessian`
    let padded_g = results.padded.gradient();
    let padded_h = results.padded.hessian();
    for i in 0..N {
        let lane = format!("∂{i}");
        let base = baseline.gradient[i];
        let outer = results.nested.gradient()[i];
        for (name, got) in [
            ("third_derivatives", g3[i]),
            ("Jet3<f64, 9>", padded_g[i]),
            (
                "Dual<HyperDual<f64, N>, N> value",
                nested_value.gradient()[i],
            ),
            ("Dual<HyperDual<f64, N>, N>", outer.value()),
        ] {
            compare(
                name,
                lane.clone(),
                got,
                base,
                (baseline.tolerance)(&lane, got, base),
            )?;
        }
        for j in 0..N {
            let lane = format!("∂{i}∂{j}");
            let base = baseline.hessian[(i, j)];
            for (name, got) in [
                ("third_derivatives", h3[(i, j)]),
                ("Jet3<f64, 9>", padded_h[(i, j)]),
                (
                    "Dual<HyperDual<f64, N>, N> value",
                    nested_value.hessian()[(i, j)],
                ),
                ("Dual<HyperDual<f64, N>, N>", outer.gradient()[j]),
            ] {
                compare(
                    name,
                    lane.clone(),
                    got,
                    base,
                    (baseline.tolerance)(&lane, got, base),
                )?;
            }
        }
    }

    // the tensor: Jet3 against the nested type (every permutation) and the
    // padded Jet3, within 1e-12 of their sizes, the entry's magnitude bound
    // and the largest part of any order
    let bound = results.bound.third();
    let largest = largest(baseline, &results.bound);
    let padded_t = results.padded.third();
    for i in 0..N {
        for j in 0..N {
            for k in 0..N {
                let lane = format!("∂{i}∂{j}∂{k}");
                let got = t3[i][(j, k)];
                let m = finite_or_unbounded(bound[i][(j, k)]);
                let nested = results.nested.gradient()[i].hessian()[(j, k)];
                let tolerance = CROSS * (got.abs() + nested.abs() + m + largest);
                // a term of the entry beyond range (its magnitude bound is
                // not finite: a third partial or a product of parts
                // overflowed): the types group it differently, and the
                // crate docs promise agreement only within range
                // (or of another entry: the inner HyperDual does not flag a
                // part that overflowed from finite factors, as its docs
                // say, and a later product with an exact 0 is then NaN)
                let beyond = !bound[i][(j, k)].is_finite() || results.overflowed;
                if !(beyond && !(got.is_finite() && nested.is_finite())) {
                    compare(
                        "Dual<HyperDual<f64, N>, N> (against third_derivatives)",
                        lane.clone(),
                        nested,
                        got,
                        tolerance,
                    )?;
                }
                let padded = padded_t[i][(j, k)];
                let tolerance = CROSS * (got.abs() + padded.abs() + m + largest);
                compare("Jet3<f64, 9>", lane, padded, got, tolerance)?;
            }
        }
    }

    if taylor_checked {
        taylor_check::<N>(&results, baseline, v)?;
    }
    Ok(())
}

/// Taylor's c₁, c₂, c₃ against ∇f·v, ½ vᵀHv and ⅙ T[v, v, v].
fn taylor_check<const N: usize>(
    results: &Results<N>,
    baseline: &Baseline<'_, N>,
    v: SVector<f64, N>,
) -> Result<(), Failure>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let c = results.taylor;
    let t3 = &results.jet.3;
    let (mg, mh, mt) = (
        results.bound.gradient(),
        results.bound.hessian(),
        results.bound.third(),
    );
    let a = v.abs();
    // (reference, its terms finite, magnitude along |v|, the baseline's own tolerance)
    let mut first = (0.0, true, 0.0, 0.0);
    let mut second = (0.0, true, 0.0, 0.0);
    let mut third = (0.0, true, 0.0, 0.0);
    // (a zero component of v contributes nothing, also against an
    // infinite bound: −1.8e308 % x along v = −0)
    let z = |a: f64, b: f64| if a == 0.0 || b == 0.0 { 0.0 } else { a * b };
    for i in 0..N {
        let g = baseline.gradient[i];
        first.0 += g * v[i];
        first.1 &= g.is_finite();
        first.2 += z(mg[i], a[i]);
        first.3 += z(a[i], (baseline.tolerance)(&format!("∂{i}"), g, g));
        for j in 0..N {
            let h = baseline.hessian[(i, j)];
            second.0 += 0.5 * h * v[i] * v[j];
            second.1 &= h.is_finite();
            second.2 += 0.5 * z(mh[(i, j)], a[i] * a[j]);
            second.3 += 0.5
                * z(
                    a[i] * a[j],
                    (baseline.tolerance)(&format!("∂{i}∂{j}"), h, h),
                );
            for k in 0..N {
                let t = t3[i][(j, k)];
                third.0 += t * v[i] * v[j] * v[k] / 6.0;
                third.1 &= t.is_finite();
                third.2 += z(mt[i][(j, k)], a[i] * a[j] * a[k]) / 6.0;
            }
        }
    }
    // a value along the way that underflowed is an ordinary 0 or subnormal
    // to the arithmetic after it, outside the range the crate docs promise
    // agreement in (xʸ at x = 3.6e-308, y = 2: Jet3 forms x^{y−2}, Taylor
    // x^y·e^q and loses x²·(e^q)₃ to 0·∞)
    if results.underflowed {
        return Ok(());
    }
    // the floor along v: the largest part times ‖v‖₁ᵏ/k!
    let floor = largest(baseline, &results.bound);
    let norm = a.sum();
    for (order, (reference, finite, magnitude, own)) in [(1, first), (2, second), (3, third)] {
        if !finite {
            continue;
        }
        let got = c[order];
        let floor = floor * norm.powi(order as i32) / [1.0, 1.0, 2.0, 6.0][order];
        // along v the parts are scaled: where they come near f64's range,
        // overflow depends on the scaling, not on the derivative
        let moderate = |m: f64| m.is_finite() && m < 1e300;
        if !(moderate(magnitude) && moderate(floor) && moderate(reference.abs()))
            || (baseline.finite_only && !got.is_finite())
        {
            continue;
        }
        let tolerance =
            CROSS * (got.abs() + reference.abs() + finite_or_unbounded(magnitude) + floor) + own;
        if !same(got, reference, tolerance) {
            let against = [
                "",
                "∇f·v (hessian)",
                "½ vᵀHv (hessian)",
                "⅙ T[v, v, v] (third_derivatives)",
            ];
            return differ(
                Check::CrossType,
                got,
                reference,
                format!(
                    "taylor c{order} along v = {:?} is {got:?}, {} gives {reference:?} (tolerance {tolerance:.3e})",
                    v.as_slice(),
                    against[order]
                ),
            );
        }
    }
    Ok(())
}
