//! The differential fuzzer: random programs over every operator and
//! elementary function, on every number type and driver, against f64 and
//! a 160-bit reference.
//!
//! Each case is a program on 1 to 3 inputs at a point, checked on
//! `Dual<f64, N>` (`gradient`, `jacobian`), `HyperDual<f64, N>`
//! (`hessian`), the padded `Dual<f64, 11>` and `HyperDual<f64, 11>` (above
//! 10 lanes), the nested `Dual<Dual<f64, 1>, N>`, `hessian_vector_product`,
//! `directional_derivative`, and for one input `derivative` and
//! `second_derivative`; the third-order types `Jet3<f64, N>`
//! (`third_derivatives`), the padded `Jet3<f64, 9>`, the nested
//! `Dual<HyperDual<f64, N>, N>` and `Taylor<f64, 4>` (`taylor` along a
//! direction v), see [`higher`]; and `Dual<f32, N>` (`gradient`) and
//! `HyperDual<f32, N>` (`hessian`) on the case rounded to f32, see
//! [`f32`](mod@f32). The checks, in order (the first that fails is
//! reported):
//!
//! - [`Check::Panic`]: nothing panics;
//! - [`Check::ValueBits`]: every value part is the f64 program's, bit for bit;
//! - [`Check::CrossType`]: every type, N and driver gives the same
//!   derivative parts as `hessian`: both NaN, the same infinity, or finite
//!   and within 1e-12 of their size plus the largest subexpression part;
//!   within the limits the crate docs promise it: where the value is not
//!   NaN and nothing left the normal range
//!   ([`rounding::Sizes::out_of_range`]: a value, part or product of parts
//!   overflowed from finite factors, or underflowed); non-finite parts are
//!   compared only where no function of two arguments met an argument with
//!   an infinite or NaN part or was at a point where its own partials are
//!   not finite ("one infinite part at a time");
//!   the third-derivative tensor of `Jet3` is the nested type's (every
//!   permutation of each entry) and the padded `Jet3`'s, in the same
//!   style with a magnitude bound per entry; Taylor's c₀ is the value bit
//!   for bit, c₁ = ∇f·v, c₂ = ½ vᵀHv, c₃ = ⅙ T[v, v, v]; on f32 the
//!   value bits are the f32 program's and the derivatives the f64 ones
//!   within the f64 tolerances scaled to ε₃₂ (where both stay finite, take
//!   the same branches and the program is moderately steep);
//! - [`Check::ZeroLane`]: the lanes of variables the program does not
//!   depend on (unused, or only under floor, ceil, round, trunc, signum,
//!   powi(·, 0), powf(·, 0)), and the padding lanes, are exactly 0 (the
//!   `0 · ∞ = 0` rule, both ways), within the normal range (HyperDual does
//!   not flag a part that overflowed from finite factors, as its docs say);
//! - [`Check::Reference`]: where every part is finite and the reference
//!   answers (a smooth point, see [`reference`]), gradient and Hessian
//!   within 1e-9 of the reference's size plus the largest subexpression
//!   part (rounding of the program grows with its intermediate sizes);
//!   programs steeper than 1e8 are not compared;
//! - [`Check::Ulp`]: for a single function of the inputs at a random
//!   point with normal (or zero) inputs, every gradient and Hessian entry
//!   whose true value is a normal float is within 4 ulps of it (plus 4 ε of the terms that cancel
//!   inherently, for sinc, sinhc and the mixed partial of xʸ).
//!
//! A failing case is shrunk to a minimal program and point, printed as
//! Rust source, and grouped into a class by check, the kinds of numbers
//! that disagreed and the operations of the minimal program.
//!
//! # The reference
//!
//! astro-float (pure Rust, builds from crates.io alone in about 30 s) at
//! 160 bits, on second-order jets with every f′ and f″ written in
//! [`reference`] from the definitions, not from monodual's table. 160 bits
//! leave 107 bits beyond f64 for the cancellations the natural formulas
//! meet at accepted points; inputs convert exactly, and the reference
//! decides branches (%, floor, min, …) on exact values. Central
//! differences in f64 cannot resolve the errors looked for (1 − tanh² at
//! x = 20, ε/x⁴ in sinc″), and num-dual shares some of them (its tanh is
//! NaN beyond 710, its atan2 and powd are inexact).
//!
//! # Tolerances
//!
//! Against the reference and between types, the tolerance follows the
//! program's own rounding: a first-order bound per gradient and Hessian
//! entry ([`rounding`]: each chain rule adds ε times the magnitudes of its
//! terms and carries its arguments' errors through its partials), the
//! change under ±4ε perturbations of every rounded intermediate value, and
//! a relative floor (1e-12 between types, 1e-9 against the reference, of
//! the largest term). A single function must be within 4 ulps (f′) and 8
//! ulps (f″) where the true value is a normal float.
//!
//! # Running
//!
//! The short seeded run is `tests/fuzz.rs` (2000 cases, a few seconds in
//! a debug build, part of `cargo test --workspace`), with every check on
//! and once more with the classes in [`KnownIssue`] left out. The 160-bit
//! reference stops at second order: the third-order tensor is compared
//! with the nested type and Taylor, not with the reference. The long run
//! checks everything:
//!
//! ```text
//! cargo run --release -p monodual-compare --example fuzz -- --seconds 300 --seed 1
//! ```
//!
//! (`--skip-known` leaves the known classes out as the short run does;
//! about 10 000 cases a second on one core.)

pub mod bigfloat;
pub mod check;
pub mod eval;
pub mod f32;
pub mod generate;
pub mod higher;
pub mod known;
pub mod program;
pub mod reference;
pub mod rounding;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use check::{Case, Check, Failure};
use generate::{PointKind, Rng};
use program::{Expr, literal};

/// The classes of wrong results issue 9 found, all fixed now. With a
/// class switched off ([`Config::known_issues`] false, `--skip-known`) the
/// checks leave out exactly the cases where it showed; switched on (the
/// default) they are the specification the fixes meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownIssue {
    /// Nested `x^y` drops the exponent's derivative when the exponent's
    /// value is exactly 0 or 1.
    PowShortCut,
    /// sinc and sinhc: the quotient rule cancels near 0; nested types lose
    /// the inner derivative at 0.
    SincNearZero,
    /// `x % y`: ∂/∂y = −trunc(x/y) is off by one where x/y rounds to an integer.
    RemBranch,
    /// tanh′ beyond |x| ≈ 19, asinh′ and acosh′ beyond 1e154, atan2 and
    /// hypot outside [1e-154, 1e154] and on the diagonal, asin, acos,
    /// atanh and acosh near their edges.
    Precision,
    /// Found by this fuzzer beyond issue 9's list: `x / y` loses the
    /// second partials when the quotient is subnormal (they are computed
    /// from it); `x^y` and `powf` evaluate x^(y−1) and x^(y−2) with y − 1,
    /// y − 2 rounded (up to hundreds of ulps for large |ln x|) and apart
    /// from their factors (∞ where y(y−1)x^(y−2) is finite); the nested types (`hessian_vector_product`,
    /// `Dual<Dual<f64, 1>, N>`) get hypot's and atan2's second partials by
    /// differentiating the first ones, ∂/∂a (a/h) = (h² − a²)/h³, which
    /// cancels where |b| ≪ |a| (hypot(x₀, x₁) at (−2e-9, 4e-18): H₀₀ is 2e-9,
    /// the HVP gives 0); and where a function's own f″ (or f′) is beyond
    /// f64's range at its argument, the chain rule f″·u′² gives 0 or ∞
    /// although the product is moderate (`(x / -1e300).log10()″` at
    /// x = −1 is 0, true −0.434), and a product of two derivative parts
    /// that underflows loses a term that cancels another.
    PrecisionFound,
    /// `0 · ∞` is not 0 on every path (one-sided chain rules, the product
    /// rule, nested types, `x^y` at 0): non-finite parts disagree across
    /// types and unused lanes pick up NaN. Left out, the checks compare
    /// only finite parts, check zero lanes only where every part and every
    /// function's own derivative is finite (and never on the nested
    /// types), and skip programs whose value is NaN (`copysign` of a NaN
    /// takes the derivative's sign from the NaN's sign bit, which differs
    /// between number types: found by this fuzzer).
    ZeroTimesInfinite,
    /// Found by this fuzzer's third-order checks: the nested types compute
    /// a power's xᵃ⁻¹ (and xʸ⁻¹, xʸ⁻²) as xᵃ/x (`table::power_below`) in
    /// the inner number type, whose derivative parts then cancel by about
    /// ε/|x|: `powf(x, 2)` at x = 6e-9 on `Dual<HyperDual<f64, 1>, 1>` gives
    /// ∂³ = −1.2e-7 (true 0), `Jet3` 0; `(x·x + x)^(−x)` at
    /// x = −1.000000000001819 gives ∂² = −49.065455 on the nested type,
    /// −49.065480 on `HyperDual`; `powf(x, 1.0000000074505806)` at 1 gives
    /// ∂³ 7e-9 off (relative). Left out, the nested type's parts are not
    /// compared on programs with a power of a variable base.
    NestedPowerQuotient,
    /// Found by this fuzzer's Taylor check (the fixes of `Taylor`'s tanh,
    /// asin, atanh, acosh, atan2, %, xʸ and the power recurrence aside):
    /// `powf` loses precision where xᵃ is subnormal (`x.powf(2.0)` at
    /// −9.555e-159: 2c₂/v² = 1.99999995); `hypot`'s recurrence
    /// c_k = ((x² + y²)_k − Σ cⱼc_{k−j})/(2c₀) cancels by (max/min)² where
    /// |y| ≪ |x| (`x.hypot(k(-3e-17))` at −7.11e-15: c₃ 8.6e-12 off,
    /// relative; `Jet3` is right). Left out, the Taylor check skips
    /// programs with a power whose value is not normal, or a hypot whose
    /// arguments differ by more than 10 times.
    TaylorPrecision,
    /// Found by this fuzzer's third-order checks: `Dual<HyperDual<f64, N>, N>`
    /// gives NaN where `hessian` or `Jet3` give a finite part or an
    /// infinity, at points where its inner parts leave f64's range or meet
    /// 0 · ∞: `atan2(x₀, x₁)` at (1e-170, 1e-170) (∂0∂1 NaN, true 0),
    /// `hypot` at (1e-170, 3e-170) (∂³ NaN, `Jet3` −∞), `x₀^x₁` at (0, 0.5)
    /// (∂0∂1 NaN, `hessian` −∞). Left out, a NaN of the nested type
    /// against a part that is not NaN is not compared.
    NestedThirdOrder,
}

/// How to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub seed: u64,
    /// Stop after this many cases ...
    pub cases: u64,
    /// ... or after this long, whichever comes first.
    pub duration: Duration,
    /// Check the known-failing classes too (the long run does).
    pub known_issues: bool,
    /// Attempts the shrinker may make per failure.
    pub shrink_budget: usize,
    /// Shrink at most this many failures of one check kind (the rest are
    /// counted); keeps a run with a frequent class bounded.
    pub shrink_per_check: usize,
    /// Known issues left out even when `known_issues` is true.
    pub left_out: Vec<KnownIssue>,
}

impl Config {
    /// Whether the checks cover `issue`.
    #[must_use]
    pub fn checks(&self, issue: KnownIssue) -> bool {
        self.known_issues && !self.left_out.contains(&issue)
    }
}

/// One class of failures: the first minimal example and how often it was seen.
#[derive(Clone, Debug)]
pub struct Class {
    pub example: Case,
    pub failure: Failure,
    pub count: u64,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    pub cases: u64,
    /// Cases the reference answered (smooth points).
    pub compared: u64,
    pub elapsed: Duration,
    /// Keyed by check, the kinds of numbers that disagreed, and the sorted
    /// operation names of the minimal program.
    pub classes: BTreeMap<(Check, String, Vec<String>), Class>,
    /// Failures not shrunk (the per-check limit was reached), by check.
    pub unshrunk: BTreeMap<Check, u64>,
}

impl Report {
    #[must_use]
    pub fn failures(&self) -> u64 {
        self.classes.values().map(|c| c.count).sum::<u64>() + self.unshrunk.values().sum::<u64>()
    }
}

/// Checks `case` (any number of inputs from 1 to 3); `Ok(true)` if the
/// reference was compared.
pub fn check_case(case: &Case, config: &Config) -> Result<bool, Failure> {
    match case.point.len() {
        1 => check::check::<1>(case, config),
        2 => check::check::<2>(case, config),
        3 => check::check::<3>(case, config),
        n => panic!("{n} inputs"),
    }
}

/// A random case.
pub fn random_case(rng: &mut Rng) -> Case {
    if rng.chance(0.25) {
        return single_case(rng);
    }
    let kind = match rng.below(10) {
        0..=4 => PointKind::Ordinary,
        5..=7 => PointKind::NearEdge,
        _ => PointKind::Special,
    };
    let n = 1 + rng.below(3);
    let depth = 1 + rng.below(5);
    let expr = generate::program(rng, n, depth, kind);
    let point = (0..n).map(|_| generate::value(rng, kind)).collect();
    Case {
        expr,
        point,
        direction: rng.below(n),
        single: false,
    }
}

/// One function applied to the inputs, at a point anywhere in its range.
fn single_case(rng: &mut Rng) -> Case {
    let input = |i| Box::new(Expr::Input(i));
    if rng.chance(0.6) {
        let op = generate::unary(rng, PointKind::Ordinary);
        Case {
            expr: Expr::Unary(op, input(0)),
            point: vec![generate::single_value(rng)],
            direction: 0,
            single: true,
        }
    } else {
        let op = rng.pick(program::Binary::ALL);
        let (x, y) = if rng.chance(0.2) {
            // x a rounded multiple of y, where x/y may round to an integer
            let y = generate::single_value(rng);
            let k = (1 + rng.below(30)) as f64;
            (k * y, y)
        } else if rng.chance(0.3) {
            // one common scale, for atan2 and hypot
            let scale = generate::anywhere(rng).abs();
            (
                scale * rng.uniform(-2.0, 2.0),
                scale * rng.uniform(-2.0, 2.0),
            )
        } else {
            (generate::single_value(rng), generate::single_value(rng))
        };
        // exponents exactly 0 and 1 take short cuts
        let power = matches!(op, program::Binary::Pow | program::Binary::PowfNumber);
        let y = if power && rng.chance(0.2) {
            rng.pick(&[0.0, 1.0])
        } else {
            y
        };
        Case {
            expr: Expr::Binary(op, input(0), input(1)),
            point: vec![x, y],
            direction: rng.below(2),
            single: true,
        }
    }
}

/// Runs the fuzzer.
pub fn run(config: &Config) -> Report {
    let mut rng = Rng::new(config.seed);
    let start = Instant::now();
    let mut report = Report::default();
    let mut shrunk_per_check: BTreeMap<Check, usize> = BTreeMap::new();
    while report.cases < config.cases && start.elapsed() < config.duration {
        let case = random_case(&mut rng);
        report.cases += 1;
        let failure = match check_case(&case, config) {
            Ok(compared) => {
                report.compared += u64::from(compared);
                continue;
            }
            Err(failure) => failure,
        };
        let shrunk = shrunk_per_check.entry(failure.check).or_default();
        if *shrunk >= config.shrink_per_check {
            *report.unshrunk.entry(failure.check).or_default() += 1;
            continue;
        }
        *shrunk += 1;
        let (minimal, failure) = shrink(case, failure, config);
        let key = (
            failure.check,
            failure.signature.clone(),
            minimal.expr.operation_names(),
        );
        report
            .classes
            .entry(key)
            .and_modify(|c| c.count += 1)
            .or_insert(Class {
                example: minimal,
                failure,
                count: 1,
            });
    }
    report.elapsed = start.elapsed();
    report
}

/// How complex a case looks: the program's size first, then the digits of
/// its constants, parameters and coordinates.
fn complexity(case: &Case) -> (usize, usize, usize) {
    fn digits(x: f64) -> usize {
        if [0.0, 1.0, -1.0, 2.0, 0.5, -2.0, 3.0].contains(&x) {
            0
        } else {
            literal(x).len()
        }
    }
    fn constants(e: &Expr) -> usize {
        let own = match e {
            Expr::Constant(c) => digits(*c),
            Expr::Unary(op, _) => op.parameter().map_or(0, digits),
            _ => 0,
        };
        own + e.children().iter().map(|c| constants(c)).sum::<usize>()
    }
    let point: usize = case.point.iter().map(|x| digits(*x)).sum();
    (
        case.expr.size() + case.point.len(),
        constants(&case.expr),
        point,
    )
}

/// Simpler values to try for a float.
fn simpler_values(x: f64) -> Vec<f64> {
    let mut v = vec![0.0, 1.0, 2.0, -1.0, 0.5, x.round(), x.trunc()];
    for digits in 1..4 {
        if x.is_finite() && x != 0.0 {
            let p = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
            v.push((x * p).round() / p);
        }
    }
    v.retain(|y| y.to_bits() != x.to_bits());
    v
}

/// Every program one step simpler than `e`.
fn simpler_programs(e: &Expr, n: usize) -> Vec<Expr> {
    let mut out: Vec<Expr> = e.children().into_iter().cloned().collect();
    if !matches!(e, Expr::Input(_) | Expr::Constant(_)) {
        out.extend((0..n).map(Expr::Input));
        out.extend([0.0, 1.0, 2.0].map(Expr::Constant));
    }
    match e {
        Expr::Input(_) => {}
        Expr::Constant(c) => out.extend(simpler_values(*c).into_iter().map(Expr::Constant)),
        Expr::Unary(op, a) => {
            if let Some(p) = op.parameter() {
                for q in simpler_values(p) {
                    out.push(Expr::Unary(op.with_parameter(q), a.clone()));
                }
            }
            for b in simpler_programs(a, n) {
                out.push(Expr::Unary(*op, Box::new(b)));
            }
        }
        Expr::Binary(op, a, b) => {
            for c in simpler_programs(a, n) {
                out.push(Expr::Binary(*op, Box::new(c), b.clone()));
            }
            for c in simpler_programs(b, n) {
                out.push(Expr::Binary(*op, a.clone(), Box::new(c)));
            }
        }
        Expr::MulAdd(a, b, c) => {
            out.push(Expr::Binary(program::Binary::Mul, a.clone(), b.clone()));
            for d in simpler_programs(a, n) {
                out.push(Expr::MulAdd(Box::new(d), b.clone(), c.clone()));
            }
            for d in simpler_programs(b, n) {
                out.push(Expr::MulAdd(a.clone(), Box::new(d), c.clone()));
            }
            for d in simpler_programs(c, n) {
                out.push(Expr::MulAdd(a.clone(), b.clone(), Box::new(d)));
            }
        }
    }
    out
}

/// The program with input `from` renamed `to`.
fn rename(e: &Expr, from: usize, to: usize) -> Expr {
    match e {
        Expr::Input(i) if *i == from => Expr::Input(to),
        Expr::Input(_) | Expr::Constant(_) => e.clone(),
        Expr::Unary(op, a) => Expr::Unary(*op, Box::new(rename(a, from, to))),
        Expr::Binary(op, a, b) => Expr::Binary(
            *op,
            Box::new(rename(a, from, to)),
            Box::new(rename(b, from, to)),
        ),
        Expr::MulAdd(a, b, c) => Expr::MulAdd(
            Box::new(rename(a, from, to)),
            Box::new(rename(b, from, to)),
            Box::new(rename(c, from, to)),
        ),
    }
}

/// Every case one step simpler than `case`.
fn simpler_cases(case: &Case) -> Vec<Case> {
    let n = case.point.len();
    let mut out = Vec::new();
    // drop an unused input (the last one's name goes to the gap)
    for i in 0..n {
        if n > 1 && !case.expr.uses(i) {
            let mut point = case.point.clone();
            point[i] = point[n - 1];
            point.pop();
            let expr = rename(&case.expr, n - 1, i);
            let direction = if case.direction == n - 1 {
                i
            } else {
                case.direction
            }
            .min(n - 2);
            out.push(Case {
                expr,
                point,
                direction,
                single: case.single,
            });
        }
    }
    for expr in simpler_programs(&case.expr, n) {
        out.push(Case {
            expr,
            ..case.clone()
        });
    }
    for i in 0..n {
        for x in simpler_values(case.point[i]) {
            let mut point = case.point.clone();
            point[i] = x;
            out.push(Case {
                point,
                ..case.clone()
            });
        }
    }
    for k in 0..case.direction {
        out.push(Case {
            direction: k,
            ..case.clone()
        });
    }
    out
}

/// Shrinks a failing case while the same check keeps failing.
#[must_use]
pub fn shrink(case: Case, failure: Failure, config: &Config) -> (Case, Failure) {
    let (mut case, mut failure) = (case, failure);
    let mut attempts = 0;
    'improve: loop {
        let current = complexity(&case);
        for candidate in simpler_cases(&case) {
            if complexity(&candidate) >= current {
                continue;
            }
            attempts += 1;
            if attempts > config.shrink_budget {
                break 'improve;
            }
            if let Err(f) = check_case(&candidate, config)
                && f.check == failure.check
            {
                case = candidate;
                failure = f;
                continue 'improve;
            }
        }
        break;
    }
    (case, failure)
}

/// A case as Rust-like source, with its point and what failed.
#[must_use]
pub fn describe(case: &Case, failure: &Failure) -> String {
    let point: Vec<String> = case.point.iter().map(|x| literal(*x)).collect();
    let mut s = String::new();
    let _ = writeln!(s, "    fn f<S: Scalar>(x: &[S]) -> S {{ {} }}", case.expr);
    let _ = writeln!(
        s,
        "    // k(c) = S::from_float(c); direction e_{} for the nested types",
        case.direction
    );
    let _ = writeln!(s, "    at x = [{}]", point.join(", "));
    let _ = write!(s, "    {:?}: {}", failure.check, failure.detail);
    s
}

/// The report, readable.
#[must_use]
pub fn summary(report: &Report, config: &Config) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "fuzz: seed {}, {} cases ({} against the reference) in {:.1} s, known issues {}; {} failures in {} classes",
        config.seed,
        report.cases,
        report.compared,
        report.elapsed.as_secs_f64(),
        if config.known_issues {
            "checked"
        } else {
            "left out"
        },
        report.failures(),
        report.classes.len()
    );
    for ((check, signature, ops), class) in &report.classes {
        let _ = writeln!(
            s,
            "\n{check:?} ({signature}) [{}] × {}",
            ops.join(", "),
            class.count
        );
        let _ = writeln!(s, "{}", describe(&class.example, &class.failure));
    }
    for (check, count) in &report.unshrunk {
        let _ = writeln!(s, "\n{check:?}: {count} more failures, not shrunk");
    }
    s
}
