//! Differential testing against num-dual: random expression programs, the
//! same gradients and Hessians, and both close to central finite
//! differences.
//!
//! proptest generates programs over 1 to 6 inputs, up to 6 levels deep,
//! from the arithmetic operators and smooth elementary functions kept
//! inside their domains (`ln(1 + x²)`, `√(1 + x²)`, `a / (2 + sin b)`, …).
//! Each program is written once, as data, and evaluated by one generic
//! evaluator over the small trait [`Number`], which monodual's types and
//! num-dual's types implement through thin adapters:
//!
//! - the value part of every monodual result equals the plain-`f64`
//!   evaluation bit for bit;
//! - monodual's gradient (from `gradient` and from `hessian`) and Hessian
//!   equal num-dual's (`num_dual::gradient`, `num_dual::hessian`) to
//!   [`TIGHT`] = 1e-10, relative to each entry plus the largest value or
//!   derivative of any subexpression (what rounding errors scale with);
//! - monodual's gradient agrees with central differences of f, and both
//!   Hessians with central differences of the gradient, to [`LOOSE`] =
//!   1e-6 of that same size (for programs not too steep for finite
//!   differences in f64).
//!
//! Programs that overflow, or whose subexpressions exceed 1e3 in size
//! (ill-conditioned: sin of a large argument), are skipped, as are those
//! where num-dual gives NaN (its tanh is sinh/cosh, ∞/∞ beyond |x| ≈ 710).
//! The two crates round differently (num-dual's xⁿ is xⁿ⁻³·x·x·x, its tanh
//! a quotient), so they agree to about 1e-12 typically; across a million
//! generated programs the largest difference seen was a little over 1e-11,
//! hence 1e-10. A differentiation bug shows up as an O(1) difference.
//!
//! The run is seeded (a fixed ChaCha seed, no persisted failures), so it
//! is the same on every machine.

use std::ops::{Add, Div, Mul, Sub};

use monodual::{Dual, HyperDual, Scalar};
use nalgebra::{SMatrix, SVector};
use num_dual::{Dual2SVec64, DualNum, DualSVec64};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

/// A smooth function of one argument, applied inside its domain.
#[derive(Clone, Copy, Debug)]
enum Function {
    /// √(1 + x²)
    Sqrt,
    /// eˣ
    Exp,
    /// ln(1 + x²)
    Ln,
    Sin,
    Cos,
    Tanh,
    Atan,
    /// xⁿ, n in 2..=4
    Powi(i32),
    /// (1 + x²)⁻ⁿ, n in 1..=3
    InversePowi(i32),
    /// (1 + x²)ᵃ, a in −1.5..1.5
    Powf(f64),
}

/// A program: a tree of inputs, constants, operators and functions.
#[derive(Clone, Debug)]
enum Expr {
    Input(usize),
    Constant(f64),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    /// a / (2 + sin b): the denominator stays in [1, 3]
    Div(Box<Expr>, Box<Expr>),
    Apply(Function, Box<Expr>),
}

/// What the evaluator needs from a number type.
///
/// The one method is not called `sqrt` or `exp` so that it never competes
/// with the number types' own methods of those names.
trait Number:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    fn constant(c: f64) -> Self;
    fn apply(self, function: Function) -> Self;
}

/// `function` on a monodual number type (or f64), through [`Scalar`].
fn apply_monodual<S: Scalar>(x: S, function: Function) -> S {
    let one_plus_square = x * x + 1.0;
    match function {
        Function::Sqrt => one_plus_square.sqrt(),
        Function::Exp => x.exp(),
        Function::Ln => one_plus_square.ln(),
        Function::Sin => x.sin(),
        Function::Cos => x.cos(),
        Function::Tanh => x.tanh(),
        Function::Atan => x.atan(),
        Function::Powi(n) => x.powi(n),
        Function::InversePowi(n) => one_plus_square.powi(-n),
        Function::Powf(a) => one_plus_square.powf(S::from_float(a)),
    }
}

/// `function` on a num-dual number type, through its `DualNum`.
fn apply_num_dual<D: DualNum<Primitive = f64> + Copy>(x: D, function: Function) -> D {
    let one_plus_square = x * x + 1.0;
    match function {
        Function::Sqrt => one_plus_square.sqrt(),
        Function::Exp => x.exp(),
        Function::Ln => one_plus_square.ln(),
        Function::Sin => x.sin(),
        Function::Cos => x.cos(),
        Function::Tanh => x.tanh(),
        Function::Atan => x.atan(),
        Function::Powi(n) => x.powi(n),
        Function::InversePowi(n) => one_plus_square.powi(-n),
        Function::Powf(a) => one_plus_square.powf(a),
    }
}

impl Number for f64 {
    fn constant(c: f64) -> Self {
        c
    }
    fn apply(self, function: Function) -> Self {
        apply_monodual(self, function)
    }
}

impl<const N: usize> Number for Dual<f64, N> {
    fn constant(c: f64) -> Self {
        Dual::constant(c)
    }
    fn apply(self, function: Function) -> Self {
        apply_monodual(self, function)
    }
}

impl<const N: usize> Number for HyperDual<f64, N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    fn constant(c: f64) -> Self {
        HyperDual::constant(c)
    }
    fn apply(self, function: Function) -> Self {
        apply_monodual(self, function)
    }
}

impl<const N: usize> Number for DualSVec64<N> {
    fn constant(c: f64) -> Self {
        Self::from(c)
    }
    fn apply(self, function: Function) -> Self {
        apply_num_dual(self, function)
    }
}

impl<const N: usize> Number for Dual2SVec64<N> {
    fn constant(c: f64) -> Self {
        Self::from(c)
    }
    fn apply(self, function: Function) -> Self {
        apply_num_dual(self, function)
    }
}

/// The program at `inputs`, on any number type.
fn eval<T: Number>(expr: &Expr, inputs: &[T]) -> T {
    eval_observed(expr, inputs, &mut |_| {})
}

/// The program at `inputs`, showing `observe` the value of every
/// subexpression.
fn eval_observed<T: Number>(expr: &Expr, inputs: &[T], observe: &mut impl FnMut(&T)) -> T {
    let mut eval = |e: &Expr| eval_observed(e, inputs, observe);
    let result = match expr {
        Expr::Input(i) => inputs[*i],
        Expr::Constant(c) => T::constant(*c),
        Expr::Add(a, b) => eval(a) + eval(b),
        Expr::Sub(a, b) => eval(a) - eval(b),
        Expr::Mul(a, b) => eval(a) * eval(b),
        Expr::Div(a, b) => eval(a) / (T::constant(2.0) + eval(b).apply(Function::Sin)),
        Expr::Apply(function, a) => eval(a).apply(*function),
    };
    observe(&result);
    result
}

fn function() -> impl Strategy<Value = Function> {
    prop_oneof![
        Just(Function::Sqrt),
        Just(Function::Exp),
        Just(Function::Ln),
        Just(Function::Sin),
        Just(Function::Cos),
        Just(Function::Tanh),
        Just(Function::Atan),
        (2..=4i32).prop_map(Function::Powi),
        (1..=3i32).prop_map(Function::InversePowi),
        (-1.5..1.5f64).prop_map(Function::Powf),
    ]
}

/// Programs on `n` inputs, up to 6 levels deep.
fn program(n: usize) -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        3 => (0..n).prop_map(Expr::Input),
        1 => (-2.0..2.0f64).prop_map(Expr::Constant),
    ];
    leaf.prop_recursive(6, 64, 1, |inner| {
        let operator = (0..4u8, inner.clone(), inner.clone()).prop_map(|(op, a, b)| {
            let (a, b) = (Box::new(a), Box::new(b));
            match op {
                0 => Expr::Add(a, b),
                1 => Expr::Sub(a, b),
                2 => Expr::Mul(a, b),
                _ => Expr::Div(a, b),
            }
        });
        let applied = (function(), inner).prop_map(|(f, a)| Expr::Apply(f, Box::new(a)));
        prop_oneof![1 => operator, 1 => applied]
    })
}

/// A number of inputs, a program on them, and a point.
fn case() -> impl Strategy<Value = (Expr, Vec<f64>)> {
    (1..=6usize).prop_flat_map(|n| (program(n), prop::collection::vec(-1.5..1.5f64, n)))
}

/// Relative tolerance between monodual and num-dual: the two compute the
/// same formulas in different orders, so they differ by rounding only.
const TIGHT: f64 = 1e-10;

/// Tolerance between the derivatives and central differences, relative to
/// the largest subexpression.
const LOOSE: f64 = 1e-6;

/// `a` and `b` agree entry by entry to `relative`, with an absolute floor
/// of `relative` times `size`.
fn close<const R: usize, const C: usize>(
    a: &SMatrix<f64, R, C>,
    b: &SMatrix<f64, R, C>,
    relative: f64,
    size: f64,
) -> bool {
    a.iter()
        .zip(b.iter())
        .all(|(x, y)| (x - y).abs() <= relative * (x.abs().max(y.abs()) + size))
}

/// How large the subexpressions of the program at `x` get: the largest
/// value, gradient entry and Hessian entry of any of them.
///
/// Rounding errors in forward mode are relative to the terms that were
/// summed, which can be far larger than the result (tanh′ = 1 − tanh² at a
/// large argument, times a large inner gradient); and how fast the program
/// can oscillate (sin of a steep argument) shows in its inner derivatives.
fn intermediate_sizes<const N: usize>(expr: &Expr, x: &SVector<f64, N>) -> [f64; 3]
where
    nalgebra::Const<N>: monodual::Packed,
{
    let inputs: [HyperDual<f64, N>; N] = std::array::from_fn(|i| HyperDual::variable(x[i], i));
    let mut largest = [1.0f64; 3];
    eval_observed(expr, &inputs, &mut |node: &HyperDual<f64, N>| {
        let sizes = [
            node.value().abs(),
            node.gradient().amax(),
            node.hessian().amax(),
        ];
        for (l, s) in largest.iter_mut().zip(sizes) {
            *l = l.max(s);
        }
    });
    largest
}

/// φ′(0) by central differences with one Richardson extrapolation step,
/// (4 D(h/2) − D(h))/3: the error is O(h⁴) in truncation and O(ε/h) in
/// rounding.
fn central_difference(phi: impl Fn(f64) -> f64, h: f64) -> f64 {
    let difference = |h: f64| (phi(h) - phi(-h)) / (2.0 * h);
    (4.0 * difference(h / 2.0) - difference(h)) / 3.0
}

/// Every check, for a program on `N` inputs.
fn check<const N: usize>(expr: &Expr, point: &[f64]) -> Result<(), TestCaseError>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let x = SVector::<f64, N>::from_column_slice(point);
    let value = eval(expr, point);
    let (f, g) = monodual::gradient(|x| eval(expr, x.as_slice()), x);
    let (f2, g2, h) = monodual::hessian(|x| eval(expr, x.as_slice()), x);
    // Skip programs that overflow, and ill-conditioned ones: sin of a
    // subexpression of size 1e4 loses about 1e4 ulps to the rounding of
    // that subexpression, which two correct implementations round apart.
    let [largest_value, largest_gradient, largest_hessian] = intermediate_sizes(expr, &x);
    let all_finite = g
        .iter()
        .chain(h.iter())
        .chain([&value])
        .all(|d| d.is_finite());
    prop_assume!(all_finite && largest_value <= 1e3);
    prop_assume!(largest_gradient.max(largest_hessian) <= 1e10);
    let size = largest_value.max(largest_gradient).max(largest_hessian);
    let wavenumber = largest_gradient.max(largest_hessian.sqrt());

    prop_assert_eq!(f.to_bits(), value.to_bits(), "gradient's value part");
    prop_assert_eq!(f2.to_bits(), value.to_bits(), "hessian's value part");
    prop_assert!(
        close(&g, &g2, 1e-14, size),
        "two gradients: {} vs {}",
        g,
        g2
    );

    let (nf, ng) = num_dual::gradient(|x| eval(expr, x.as_slice()), &x);
    let (nf2, ng2, nh) = num_dual::hessian(|x| eval(expr, x.as_slice()), &x);
    // num-dual's tanh is sinh/cosh, NaN (∞/∞) beyond |x| ≈ 710 where
    // monodual's is ±1; there is nothing to compare with.
    let num_dual_parts = [nf, nf2]
        .into_iter()
        .chain(ng.iter().chain(&ng2).chain(&nh).copied());
    prop_assume!(num_dual_parts.into_iter().all(f64::is_finite));
    let value_close = |other: f64| (f - other).abs() <= TIGHT * (f.abs() + size);
    prop_assert!(
        value_close(nf) && value_close(nf2),
        "value {} vs num-dual {}, {}",
        f,
        nf,
        nf2
    );
    prop_assert!(
        close(&g, &ng, TIGHT, size),
        "gradient {} vs num-dual {}",
        g,
        ng
    );
    prop_assert!(
        close(&g, &ng2, TIGHT, size),
        "gradient {} vs num-dual {}",
        g,
        ng2
    );
    prop_assert!(
        close(&h, &nh, TIGHT, size),
        "Hessian {} vs num-dual {}",
        h,
        nh
    );

    // Finite differences cannot follow a program steeper than this in f64
    // (the step would drown in rounding); num-dual has checked those.
    if wavenumber <= 1e5 {
        check_finite_differences(expr, &x, &g, &h, &nh, wavenumber, size)?;
    }
    Ok(())
}

/// monodual's gradient against central differences of f, and both
/// Hessians against central differences of the gradient, to [`LOOSE`]
/// times `size`. The step resolves oscillations up to `wavenumber`.
fn check_finite_differences<const N: usize>(
    expr: &Expr,
    x: &SVector<f64, N>,
    g: &SVector<f64, N>,
    h: &SMatrix<f64, N, N>,
    num_dual_h: &SMatrix<f64, N, N>,
    wavenumber: f64,
    size: f64,
) -> Result<(), TestCaseError> {
    let step = 1.0 / (1024.0 * (1.0 + wavenumber));
    let along = |i: usize, t: f64| {
        let mut y = *x;
        y[i] += t;
        y
    };
    let fd_gradient = SVector::<f64, N>::from_fn(|i, _| {
        central_difference(|t| eval(expr, along(i, t).as_slice()), step)
    });
    let gradient_at = |y: SVector<f64, N>| monodual::gradient(|x| eval(expr, x.as_slice()), y).1;
    let fd_hessian = SMatrix::<f64, N, N>::from_fn(|i, j| {
        central_difference(|t| gradient_at(along(j, t))[i], step)
    });

    for (exact, fd) in g.iter().zip(fd_gradient.iter()) {
        prop_assert!(
            (exact - fd).abs() <= LOOSE * size,
            "gradient {} vs central differences {}",
            g,
            fd_gradient
        );
    }
    for ((exact, num_dual), fd) in h.iter().zip(num_dual_h.iter()).zip(fd_hessian.iter()) {
        prop_assert!(
            (exact - fd).abs() <= LOOSE * size && (num_dual - fd).abs() <= LOOSE * size,
            "Hessian {} and num-dual's {} vs central differences {}",
            h,
            num_dual_h,
            fd_hessian
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 1000,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x6d6f_6e6f_6475_616c),
        max_global_rejects: 1000,
        ..Config::default()
    })]

    #[test]
    fn monodual_matches_num_dual_and_finite_differences((expr, point) in case()) {
        match point.len() {
            1 => check::<1>(&expr, &point)?,
            2 => check::<2>(&expr, &point)?,
            3 => check::<3>(&expr, &point)?,
            4 => check::<4>(&expr, &point)?,
            5 => check::<5>(&expr, &point)?,
            6 => check::<6>(&expr, &point)?,
            n => unreachable!("{n} inputs"),
        }
    }
}
