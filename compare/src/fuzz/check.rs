//! Every check on one case: the program on every number type and driver,
//! compared with f64, with each other and with the reference.

use std::panic::{AssertUnwindSafe, catch_unwind};

use monodual::{Dual, HyperDual};
use nalgebra::{SMatrix, SVector};

use super::eval::eval;
use super::known::touches;
use super::program::{Binary, Expr, Unary};
use super::{Config, KnownIssue};
use super::{reference, rounding};

/// Lanes of the padded `Dual` and `HyperDual` (more than 10, where
/// `HyperDual` follows the variables' ranges instead of fixed loops).
pub const PADDED: usize = 11;

/// Lanes of the padded `Jet3` (more than 4, where `Jet3` leaves its fully
/// unrolled loops).
pub const PADDED_THIRD: usize = 9;

/// A case: a program, a point, and the direction e_k that the nested
/// types and `hessian_vector_product` use.
#[derive(Clone, Debug)]
pub struct Case {
    pub expr: Expr,
    pub point: Vec<f64>,
    pub direction: usize,
    /// One function alone: its derivatives must be within a few ulps.
    pub single: bool,
}

/// Which check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// Some evaluation panicked.
    Panic,
    /// A value part differs from the f64 program's bits.
    ValueBits,
    /// Two number types, sizes N or drivers disagree, or two forms of the
    /// same function (`ComplexField::log(x, k(10))` and `x.log(10.0)`,
    /// `x / k(2.0)` and `x / 2.0`, `t += y` and `t + y`).
    CrossType,
    /// A lane of a variable the program does not depend on (not used, or
    /// used only under floor, signum, powi(·, 0), …) is not exactly 0.
    ZeroLane,
    /// The gradient or Hessian differs from the high-precision reference.
    Reference,
    /// A single function's derivative is more than a few ulps off.
    Ulp,
}

/// A failed check, with what was compared.
#[derive(Clone, Debug)]
pub struct Failure {
    pub check: Check,
    /// What kind of numbers disagreed ("finite vs finite", "NaN vs inf", …).
    pub signature: String,
    pub detail: String,
}

fn fail<T>(check: Check, detail: String) -> Result<T, Failure> {
    Err(Failure {
        check,
        signature: String::new(),
        detail,
    })
}

/// A failure between two numbers, named by what they are.
pub(super) fn differ<T>(
    check: Check,
    got: f64,
    expected: f64,
    detail: String,
) -> Result<T, Failure> {
    let kind = |x: f64| {
        if x.is_nan() {
            "NaN"
        } else if x.is_infinite() {
            "inf"
        } else if x == 0.0 {
            "0"
        } else {
            "finite"
        }
    };
    let signature = format!("{} vs {}", kind(got), kind(expected));
    Err(Failure {
        check,
        signature,
        detail,
    })
}

/// Relative tolerance between two number types (different rounding order).
pub(super) const CROSS: f64 = 1e-12;
/// Relative tolerance against the reference, of the largest subexpression.
const REFERENCE: f64 = 1e-9;
/// Programs whose subexpressions' parts exceed this are too steep for a
/// tolerance proportional to them (rounding of a value is amplified by
/// the next derivative): no reference comparison.
const STEEP: f64 = 1e8;
/// Roundings per unit of the error bound: the bound counts one rounding
/// per chain-rule term, a correct evaluation stays within a few.
const BOUND: f64 = 16.0;
/// A single function's first derivatives: this many ulps of the true value.
pub const ULPS: f64 = 4.0;
/// A single function's second derivatives (more roundings: f″ is usually
/// computed from f′): this many ulps.
pub const ULPS_SECOND: f64 = 8.0;

/// `a` and `b` the same number: both NaN, equal infinities, or finite and
/// within `tolerance` (so ±0 agree).
pub(super) fn same(a: f64, b: f64, tolerance: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        a.is_nan() && b.is_nan()
    } else if a.is_infinite() || b.is_infinite() {
        a == b
    } else {
        (a - b).abs() <= tolerance
    }
}

/// The value parts of every type are the f64 program's, bit for bit.
pub(super) fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// The results of one program on every type, flattened.
struct Results<const N: usize>
where
    nalgebra::Const<N>: monodual::Packed,
{
    value: f64,
    /// (name, value part) of every evaluation.
    values: Vec<(&'static str, f64)>,
    /// `hessian`: the baseline.
    gradient: SVector<f64, N>,
    hessian: SMatrix<f64, N, N>,
    /// (name, lane, part, baseline part): everything compared with the baseline.
    parts: Vec<(&'static str, String, f64, f64)>,
    /// (name, part) that must be exactly 0 (unused and padded lanes).
    zero_lanes: Vec<(&'static str, String, f64)>,
    /// Largest finite part of any subexpression or chain-rule term.
    largest: f64,
    /// First-order bounds on each entry's rounding error (0 where unbounded).
    gradient_bound: SVector<f64, N>,
    hessian_bound: SMatrix<f64, N, N>,
    /// Largest change of a derivative when rounded intermediates move by 4ε.
    spread: f64,
    /// Some subexpression has a non-finite part.
    any_non_finite: bool,
    /// Something left the normal range (see [`rounding::Sizes::out_of_range`]).
    out_of_range: bool,
    /// See [`rounding::Sizes::non_finite_argument`].
    non_finite_argument: bool,
    /// Some function's own derivative is not finite at its argument.
    singular: bool,
}

impl<const N: usize> Results<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    /// The error bound of the entry a lane name ("∂1", "∂0∂2") stands for.
    fn bound(&self, lane: &str) -> f64 {
        let index: Vec<usize> = lane.split('∂').filter_map(|d| d.parse().ok()).collect();
        match index[..] {
            [i] => self.gradient_bound[i],
            [i, j] => self.hessian_bound[(i, j)],
            _ => 0.0,
        }
    }
}

fn evaluate_all<const N: usize>(case: &Case) -> Results<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let expr = &case.expr;
    let point = &case.point;
    let x = SVector::<f64, N>::from_column_slice(point);
    let k = case.direction;
    let e_k = SVector::<f64, N>::from_fn(|i, _| if i == k { 1.0 } else { 0.0 });

    let value = eval(expr, point.as_slice());
    let (f_h, g, h) = monodual::hessian(|x| eval(expr, x.as_slice()), x);
    let (f_g, g_d) = monodual::gradient(|x| eval(expr, x.as_slice()), x);
    let (f_v, g_v, hv) = monodual::hessian_vector_product(|x| eval(expr, x.as_slice()), x, e_k);
    let (f_dd, dd) = monodual::directional_derivative(|x| eval(expr, x.as_slice()), x, e_k);
    let (f_j, jac) = monodual::jacobian(
        |x| nalgebra::Vector2::new(eval(expr, x.as_slice()), eval(expr, x.as_slice())),
        x,
    );
    let dual_padded: Vec<Dual<f64, PADDED>> = (0..N).map(|i| Dual::variable(point[i], i)).collect();
    let dual_padded = eval(expr, &dual_padded);
    let hyper_padded: Vec<HyperDual<f64, PADDED>> = (0..N)
        .map(|i| HyperDual::<f64, PADDED>::variable(point[i], i))
        .collect();
    let hyper_padded = eval(expr, &hyper_padded);
    // Dual<Dual<f64, 1>, N>: outer lanes the variables, inner lane e_k, so
    // the outer lane i carries (∂ᵢf, H_ik)
    let nested: Vec<Dual<Dual<f64, 1>, N>> = (0..N)
        .map(|i| {
            let inner = Dual::new(point[i], SVector::<f64, 1>::new(e_k[i]));
            let mut outer = SVector::<Dual<f64, 1>, N>::zeros();
            outer[i] = Dual::constant(1.0);
            Dual::new(inner, outer)
        })
        .collect();
    let nested = eval(expr, &nested);

    // how much rounding the derivatives can carry
    let sizes = rounding::term_sizes::<N>(expr, point);
    let (largest, any_non_finite, singular) = (sizes.largest, sizes.non_finite, sizes.singular);
    let (out_of_range, non_finite_argument) = (sizes.out_of_range, sizes.non_finite_argument);
    let clean = |b: f64| if b.is_finite() { b } else { 0.0 };
    let gradient_bound = sizes.gradient_bound.map(clean);
    let hessian_bound = sizes.hessian_bound.map(clean);
    let spread = if any_non_finite {
        f64::INFINITY
    } else {
        rounding::perturbation_spread::<N>(expr, point, 0x5eed)
    };

    let mut values = vec![
        ("hessian", f_h),
        ("gradient", f_g),
        ("hessian_vector_product", f_v),
        ("directional_derivative", f_dd),
        ("jacobian[0]", f_j[0]),
        ("jacobian[1]", f_j[1]),
        ("Dual<f64, 11>", dual_padded.value()),
        ("HyperDual<f64, 11>", hyper_padded.value()),
        ("Dual<Dual<f64, 1>, N>", nested.value().value()),
    ];
    let mut parts = Vec::new();
    let mut zero_lanes = Vec::new();
    // the same program in its canonical forms, on HyperDual
    let canonical = case.expr.canonical();
    if canonical != *expr {
        let (f_c, g_c, h_c) = monodual::hessian(|x| eval(&canonical, x.as_slice()), x);
        values.push(("canonical forms", f_c));
        for i in 0..N {
            parts.push(("canonical forms", format!("∂{i}"), g_c[i], g[i]));
            for j in 0..N {
                parts.push((
                    "canonical forms",
                    format!("∂{i}∂{j}"),
                    h_c[(i, j)],
                    h[(i, j)],
                ));
            }
        }
    }
    for i in 0..N {
        let lane = format!("∂{i}");
        parts.push(("gradient", lane.clone(), g_d[i], g[i]));
        parts.push(("hessian_vector_product ∇", lane.clone(), g_v[i], g[i]));
        parts.push(("jacobian[0]", lane.clone(), jac[(0, i)], g[i]));
        parts.push(("jacobian[1]", lane.clone(), jac[(1, i)], g[i]));
        parts.push((
            "Dual<f64, 11>",
            lane.clone(),
            dual_padded.gradient()[i],
            g[i],
        ));
        parts.push((
            "HyperDual<f64, 11>",
            lane.clone(),
            hyper_padded.gradient()[i],
            g[i],
        ));
        let outer = nested.gradient()[i];
        parts.push(("Dual<Dual<f64, 1>, N>", lane.clone(), outer.value(), g[i]));
        let column = format!("∂{i}∂{k}");
        parts.push((
            "hessian_vector_product Hv",
            column.clone(),
            hv[i],
            h[(i, k)],
        ));
        parts.push((
            "Dual<Dual<f64, 1>, N>",
            column,
            outer.gradient()[0],
            h[(i, k)],
        ));
        for j in 0..N {
            let entry = format!("∂{i}∂{j}");
            parts.push((
                "HyperDual<f64, 11>",
                entry,
                hyper_padded.hessian()[(i, j)],
                h[(i, j)],
            ));
        }
    }
    let direction = format!("∂{k}");
    parts.push(("directional_derivative", direction.clone(), dd, g[k]));
    parts.push((
        "Dual<Dual<f64, 1>, N> value",
        direction,
        nested.value().gradient()[0],
        g[k],
    ));
    if N == 1 {
        let (f1, d1) = monodual::derivative(|t| eval(expr, &[t]), point[0]);
        let (f2, d2, dd2) = monodual::second_derivative(|t| eval(expr, &[t]), point[0]);
        values.push(("derivative", f1));
        values.push(("second_derivative", f2));
        parts.push(("derivative", "∂0".into(), d1, g[0]));
        parts.push(("second_derivative", "∂0".into(), d2, g[0]));
        parts.push(("second_derivative", "∂0∂0".into(), dd2, h[(0, 0)]));
    }

    // lanes that no input feeds: unused variables, and the padding
    for i in 0..PADDED {
        let unused = i >= N || !expr.depends_on(i);
        if !unused {
            continue;
        }
        zero_lanes.push(("Dual<f64, 11>", format!("∂{i}"), dual_padded.gradient()[i]));
        for j in 0..PADDED {
            let entry = format!("∂{i}∂{j}");
            zero_lanes.push((
                "HyperDual<f64, 11>",
                entry.clone(),
                hyper_padded.hessian()[(i, j)],
            ));
            zero_lanes.push(("HyperDual<f64, 11>", entry, hyper_padded.hessian()[(j, i)]));
        }
        zero_lanes.push((
            "HyperDual<f64, 11>",
            format!("∂{i}"),
            hyper_padded.gradient()[i],
        ));
        if i < N {
            zero_lanes.push(("gradient", format!("∂{i}"), g_d[i]));
            zero_lanes.push(("hessian", format!("∂{i}"), g[i]));
            for j in 0..N {
                zero_lanes.push(("hessian", format!("∂{i}∂{j}"), h[(i, j)]));
            }
            zero_lanes.push(("hessian_vector_product Hv", format!("∂{i}∂{k}"), hv[i]));
            let outer = nested.gradient()[i];
            zero_lanes.push(("Dual<Dual<f64, 1>, N>", format!("∂{i}"), outer.value()));
            zero_lanes.push((
                "Dual<Dual<f64, 1>, N>",
                format!("∂{i}∂{k}"),
                outer.gradient()[0],
            ));
            if i == k {
                for j in 0..N {
                    zero_lanes.push(("hessian_vector_product Hv", format!("∂{j}∂{k}"), hv[j]));
                }
                zero_lanes.push(("directional_derivative", format!("∂{k}"), dd));
            }
        }
    }

    Results {
        value,
        values,
        gradient: g,
        hessian: h,
        parts,
        zero_lanes,
        largest,
        gradient_bound,
        hessian_bound,
        spread,
        any_non_finite,
        out_of_range,
        non_finite_argument,
        singular,
    }
}

/// Every check on `case` with N inputs.
pub fn check<const N: usize>(case: &Case, config: &Config) -> Result<bool, Failure>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let results = match catch_unwind(AssertUnwindSafe(|| evaluate_all::<N>(case))) {
        Ok(results) => results,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_default();
            return fail(Check::Panic, format!("panicked: {message}"));
        }
    };
    let skip = |issue: KnownIssue| {
        !config.checks(issue) && touches(issue, &case.expr, &case.point, case.single)
    };

    for (name, v) in &results.values {
        if !same_bits(*v, results.value) {
            return differ(
                Check::ValueBits,
                *v,
                results.value,
                format!("{name} value {v:?}, f64 program {:?}", results.value),
            );
        }
    }

    let relaxed_non_finite = !config.checks(KnownIssue::ZeroTimesInfinite);
    // types agree within the normal range; beyond it (an overflow or
    // underflow inside the derivative computation) they group products
    // differently and may differ in NaN, ±∞ or 0, as the crate docs say
    let cross_skipped = results.out_of_range
        || (results.singular && !config.checks(KnownIssue::PrecisionFound))
        || skip(KnownIssue::PowShortCut)
        || skip(KnownIssue::SincNearZero)
        || skip(KnownIssue::Precision)
        || skip(KnownIssue::PrecisionFound);
    // a NaN value's sign bit is unspecified, and copysign's derivative follows it
    // (and a NaN value, the function undefined there, promises nothing of
    // its derivative parts beyond not panicking)
    let nan_value = results.value.is_nan();
    let tolerance = |lane: &str, got: f64, baseline: f64| {
        CROSS * (got.abs() + baseline.abs() + results.largest) + BOUND * results.bound(lane)
    };
    if !cross_skipped && !nan_value {
        for (name, lane, got, baseline) in &results.parts {
            let non_finite = !(got.is_finite() && baseline.is_finite());
            if non_finite && (relaxed_non_finite || results.non_finite_argument) {
                continue;
            }
            let tolerance = tolerance(lane, *got, *baseline);
            if !same(*got, *baseline, tolerance) {
                return differ(
                    Check::CrossType,
                    *got,
                    *baseline,
                    format!("{lane}: {name} gives {got:?}, hessian gives {baseline:?}"),
                );
            }
        }
    }

    // Jet3, the nested Dual<HyperDual>, Taylor (see `higher`)
    super::higher::check::<N>(
        case,
        &super::higher::Baseline {
            value: results.value,
            gradient: results.gradient,
            hessian: results.hessian,
            largest: results.largest,
            tolerance: &tolerance,
            compare: !cross_skipped && !nan_value,
            finite_only: relaxed_non_finite || results.non_finite_argument,
            config,
        },
    )?;
    // Dual<f32, N> and HyperDual<f32, N> (see `f32`)
    super::f32::check::<N>(case, !cross_skipped && !nan_value)?;

    // beyond the normal range a part that overflowed from finite factors
    // is not flagged as non-finite in HyperDual (the gap its docs name), so
    // a later product with an exact 0 is IEEE arithmetic
    // (and a NaN value promises nothing of its derivative parts, the crate
    // docs' "a defined value": fract(1.8e308 · log₂ x) at x = −1, whose
    // parts overflow from finite factors while the value is NaN, so that
    // the range check above does not see them)
    let zero_lanes_skipped = results.out_of_range
        || nan_value
        || (relaxed_non_finite && (results.any_non_finite || results.singular));
    if !zero_lanes_skipped {
        for (name, lane, got) in &results.zero_lanes {
            // the nested types' NaN where HyperDual has 0 is known (issue 9)
            let nested =
                name.starts_with("hessian_vector_product") || name.starts_with("Dual<Dual");
            if relaxed_non_finite && nested {
                continue;
            }
            if *got != 0.0 {
                return differ(
                    Check::ZeroLane,
                    *got,
                    0.0,
                    format!(
                        "{lane} of {name} is {got:?}; the program does not depend on that variable"
                    ),
                );
            }
        }
    }

    // a single function is compared wherever the reference answers, also
    // where monodual's parts overflowed
    if !case.single && (results.any_non_finite || !results.value.is_finite()) {
        return Ok(false);
    }
    let out_of_range = (results.singular && !config.checks(KnownIssue::PrecisionFound))
        || (results.out_of_range && !case.single);
    let reference_skipped = out_of_range
        || skip(KnownIssue::RemBranch)
        || skip(KnownIssue::SincNearZero)
        || skip(KnownIssue::Precision)
        || skip(KnownIssue::PrecisionFound)
        || skip(KnownIssue::PowShortCut);
    let steep = results.largest > STEEP || !within(results.spread, STEEP * f64::EPSILON);
    if reference_skipped || (!case.single && steep) {
        return Ok(false);
    }
    let Some(jet) = reference::evaluate(&case.expr, &case.point) else {
        return Ok(false);
    };
    for i in 0..N {
        for j in 0..=N {
            // j == N: the gradient entry i; else the Hessian entry (i, j)
            let (got, exact, lane) = if j == N {
                (results.gradient[i], &jet.g[i], format!("∂{i}"))
            } else {
                (
                    results.hessian[(i, j)],
                    &jet.h[i * N + j],
                    format!("∂{i}∂{j}"),
                )
            };
            let exact = exact.to_f64();
            let error = (got - exact).abs();
            if case.single {
                // promised where the inputs and the true value are normal
                // floats (or zero inputs): a subnormal input has lost bits
                // that every formula meets
                let inputs_normal = case.point.iter().all(|&x| x == 0.0 || x.is_normal());
                let normal = inputs_normal && exact.is_normal() && exact.abs() < f64::MAX;
                let ulps = if j == N { ULPS } else { ULPS_SECOND };
                let allowed =
                    ulps * (ulp(exact) + f64::EPSILON * single_condition(&case.expr, &case.point));
                if normal && !within(error, allowed) {
                    return differ(
                        Check::Ulp,
                        got,
                        exact,
                        format!(
                            "{lane}: monodual {got:?}, true {exact:?}: {:.1} ulps (allowed {ulps})",
                            error / ulp(exact)
                        ),
                    );
                }
            } else if !within(
                error,
                REFERENCE * (exact.abs() + results.largest)
                    + 2.0 * results.spread
                    + BOUND * results.bound(&lane),
            ) {
                return differ(
                    Check::Reference,
                    got,
                    exact,
                    format!(
                        "{lane}: monodual {got:?}, reference {exact:?} (largest term {:.3e}, rounding spread {:.3e})",
                        results.largest, results.spread
                    ),
                );
            }
        }
    }
    Ok(true)
}

/// `x ≤ limit`, false for NaN.
fn within(x: f64, limit: f64) -> bool {
    x <= limit
}

/// The distance from |x| to the next float up.
fn ulp(x: f64) -> f64 {
    let a = x.abs();
    f64::from_bits(a.to_bits() + 1) - a
}

/// For the functions whose derivative formulas cancel inherently (every
/// f64 evaluation from f64 terms does), the size of those terms: the
/// allowed error is a few ulps of the result plus a few ε of this.
fn single_condition(expr: &Expr, point: &[f64]) -> f64 {
    match expr {
        Expr::Unary(Unary::Sinc | Unary::Sinhc, _) => {
            let x = point[0];
            if x.abs() < 1.0 {
                // near 0 the series is the accurate form: no cancellation allowed
                return 0.0;
            }
            let (s, c) = if matches!(expr, Expr::Unary(Unary::Sinc, _)) {
                (x.sin().abs(), x.cos().abs())
            } else {
                (x.sinh().abs(), x.cosh().abs())
            };
            // sinc′ = c/x − s/x², sinc″ = −s/x − 2c/x² + 2s/x³ (sinhc alike)
            let (a, b, c3) = (c / x.abs(), s / x.abs(), s / x.abs());
            let terms = a + b / x.abs() + c3 + 2.0 * a / x.abs() + 2.0 * b / x.abs() / x.abs();
            if terms.is_finite() { terms } else { 0.0 }
        }
        Expr::Binary(Binary::LogNumber, _, _) => {
            // ln x / ln b: ∂²/∂b² = ln x (2 + ln b) / (b² ln³ b) cancels near b = e⁻²
            let (x, b) = (point[0], point.get(1).copied().unwrap_or(0.0));
            let (lx, lb) = (x.ln().abs(), b.ln().abs());
            // each entry's terms (a term beyond range belongs to an entry
            // that is itself beyond range, which is not compared)
            [lx * (2.0 + lb) / (b * b * lb * lb * lb), 1.0 / (x * x * lb)]
                .into_iter()
                .filter(|t| t.is_finite())
                .sum()
        }
        Expr::Binary(Binary::Pow | Binary::PowfNumber, _, _) => {
            // g_uw = uʷ⁻¹ (1 + w ln u)
            let (u, w) = (point[0], point.get(1).copied().unwrap_or(0.0));
            let terms = u.powf(w - 1.0).abs() * (1.0 + (w * u.ln()).abs());
            if terms.is_finite() { terms } else { 0.0 }
        }
        _ => 0.0,
    }
}
