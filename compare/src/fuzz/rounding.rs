//! How much rounding a program's derivatives can carry in f64, for the
//! tolerances: the sizes of the terms every chain rule sums, and the
//! spread under perturbations of the rounded intermediate values.
//!
//! A correct forward-mode derivative is a sum of products; its rounding
//! error is a few ε times the sum of the magnitudes of those products
//! (which cancel to a small result in x/(x² + x) near 0, or ln x / ln x²),
//! plus whatever the rounding of each intermediate value does to the
//! derivatives evaluated there (acosh of a rounded 1/cos x near 1). The
//! first is measured from the terms, the second by perturbing every
//! rounded node by ±4ε and re-evaluating.

use monodual::HyperDual;
use nalgebra::{SMatrix, SVector};

use super::eval::{Number, binary, unary};
use super::generate::Rng;
use super::program::{Binary, Expr, Unary};

/// What a program's rounding can do to its derivatives.
#[derive(Clone, Copy, Debug)]
pub struct Sizes<const N: usize>
where
    nalgebra::Const<N>: monodual::Packed,
{
    /// The largest finite part of any node or chain-rule term.
    pub largest: f64,
    /// Some node has a non-finite part.
    pub non_finite: bool,
    /// Some function's own f′, f″ or partial derivative is not finite at
    /// its argument (beyond f64's range, or at a singularity), whatever the
    /// parts it is multiplied with; or a product of two derivative parts
    /// underflows.
    pub singular: bool,
    /// Some value, derivative part or chain-rule product left the range
    /// of normal floats: it overflowed from finite factors (a function's
    /// own f′ or f″ beyond range at an argument that is no singular point,
    /// a part or a product of two parts beyond f64::MAX), or underflowed (a subnormal
    /// value or part, a product of nonzero parts below the normal range).
    /// The crate promises agreement between types only within range.
    pub out_of_range: bool,
    /// A function of two arguments met an argument with an infinite or
    /// NaN part, or was at a point where its own partial derivatives are
    /// not finite, or a function of one argument was, at an argument with
    /// a part that is 0 up to its rounding: the types may then resolve
    /// ∞ − ∞ and 0 · ∞ forms differently (the crate docs' "one infinite
    /// part at a time").
    pub non_finite_argument: bool,
    /// A first-order bound on the rounding error of each gradient entry and
    /// each Hessian entry: each chain rule adds ε times the magnitudes of
    /// its terms and carries its arguments' errors through its partial
    /// derivatives (0 · ∞ counted as 0; an entry the model cannot bound is ∞).
    pub gradient_bound: SVector<f64, N>,
    pub hessian_bound: SMatrix<f64, N, N>,
}

/// Entry-wise magnitudes of a node's parts, and their error bounds.
#[derive(Clone, Copy)]
struct Node<const N: usize>
where
    nalgebra::Const<N>: monodual::Packed,
{
    x: HyperDual<f64, N>,
    g: SVector<f64, N>,
    h: SMatrix<f64, N, N>,
    eg: SVector<f64, N>,
    eh: SMatrix<f64, N, N>,
}

impl<const N: usize> Node<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    fn new(x: HyperDual<f64, N>, eg: SVector<f64, N>, eh: SMatrix<f64, N, N>) -> Node<N> {
        Node {
            x,
            g: x.gradient().abs(),
            h: x.hessian().abs(),
            eg,
            eh,
        }
    }
}

/// a bᵀ + b aᵀ
fn sym<const N: usize>(a: &SVector<f64, N>, b: &SVector<f64, N>) -> SMatrix<f64, N, N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    a * b.transpose() + b * a.transpose()
}

/// Magnitudes are never negative, so a NaN here is a 0 · ∞: 0.
fn clean<const R: usize, const C: usize>(m: SMatrix<f64, R, C>) -> SMatrix<f64, R, C> {
    m.map(|v| if v.is_nan() { 0.0 } else { v })
}

/// Some product gᵢ·hⱼ of two nonzero parts underflows below the normal
/// range (its rounding is absolute, beyond any relative bound).
fn underflows<const N: usize>(g: &SVector<f64, N>, h: &SVector<f64, N>) -> bool
where
    nalgebra::Const<N>: monodual::Packed,
{
    g.iter().any(|a| {
        h.iter()
            .any(|b| *a != 0.0 && *b != 0.0 && (a * b).abs() < f64::MIN_POSITIVE)
    })
}

/// Some product gᵢ·hⱼ of two finite parts overflows (∂x·∂x beyond 1e308):
/// the types form it or avoid it by their grouping (HyperDual's
/// (g″·∂ᵢx)·∂ⱼx meets a g″ that underflowed instead: x₀ atan2(x₀, x₀x₁) at
/// x₀ = 1e300 has ∂²atan2/∂x² = 5e-601).
fn overflows<const N: usize>(g: &SVector<f64, N>, h: &SVector<f64, N>) -> bool
where
    nalgebra::Const<N>: monodual::Packed,
{
    g.iter().any(|a| {
        h.iter()
            .any(|b| a.is_finite() && b.is_finite() && !(a * b).is_finite())
    })
}

/// Some product gᵢ·c of a nonzero part and a nonzero factor underflows
/// below the normal range.
fn underflows_scaled<const N: usize>(g: &SVector<f64, N>, c: f64) -> bool
where
    nalgebra::Const<N>: monodual::Packed,
{
    c != 0.0
        && g.iter()
            .any(|a| *a != 0.0 && (a * c).abs() < f64::MIN_POSITIVE)
}

/// An argument at which no elementary function is singular: a normal
/// float other than ±1 (0, ±1, ±∞ and NaN are where the edge-case table's
/// limits live).
fn ordinary(v: f64) -> bool {
    v.is_normal() && v.abs() != 1.0
}

/// Whether `node` left the normal range: a subnormal part, or a
/// non-finite part although every factor it was computed from (`finite`)
/// is finite.
fn left_range<const N: usize>(node: &HyperDual<f64, N>, finite: bool) -> bool
where
    nalgebra::Const<N>: monodual::Packed,
{
    let (gradient, hessian) = (node.gradient(), node.hessian());
    let parts = || {
        core::iter::once(node.value())
            .chain(gradient.iter().copied())
            .chain(hessian.iter().copied())
    };
    parts().any(|p| p != 0.0 && p.is_finite() && !p.is_normal())
        || (finite && parts().any(|p| !p.is_finite()))
}

/// `true` if the value and every part of `x` are finite.
fn all_finite<const N: usize>(x: &HyperDual<f64, N>) -> bool
where
    nalgebra::Const<N>: monodual::Packed,
{
    x.value().is_finite()
        && x.gradient().iter().all(|p| p.is_finite())
        && x.hessian().iter().all(|p| p.is_finite())
}

/// The sizes of `expr` at `point`.
pub fn term_sizes<const N: usize>(expr: &Expr, point: &[f64]) -> Sizes<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut sizes = Sizes {
        largest: 1.0,
        non_finite: false,
        singular: false,
        out_of_range: false,
        non_finite_argument: false,
        gradient_bound: SVector::zeros(),
        hessian_bound: SMatrix::zeros(),
    };
    let node = walk::<N>(expr, point, &mut sizes);
    sizes.gradient_bound = node.eg;
    sizes.hessian_bound = node.eh;
    sizes
}

fn note<const N: usize>(sizes: &mut Sizes<N>, parts: impl IntoIterator<Item = f64>)
where
    nalgebra::Const<N>: monodual::Packed,
{
    for s in parts {
        if s.is_finite() {
            sizes.largest = sizes.largest.max(s.abs());
        } else {
            sizes.non_finite = true;
        }
    }
}

fn walk<const N: usize>(expr: &Expr, point: &[f64], sizes: &mut Sizes<N>) -> Node<N>
where
    nalgebra::Const<N>: monodual::Packed,
{
    let eps = f64::EPSILON;
    let node = match expr {
        Expr::Input(i) => Node::new(
            HyperDual::variable(point[*i], *i),
            SVector::zeros(),
            SMatrix::zeros(),
        ),
        Expr::Constant(c) => Node::new(HyperDual::constant(*c), SVector::zeros(), SMatrix::zeros()),
        Expr::Unary(op, a) => {
            let u = walk::<N>(a, point, sizes);
            // f′ and f″ at the argument, from the function on one variable
            let d = unary(*op, HyperDual::<f64, 1>::variable(u.x.value(), 0));
            let (f1, f2) = (d.gradient()[0].abs(), d.hessian()[(0, 0)].abs());
            sizes.singular |= !(f1.is_finite() && f2.is_finite()) || underflows(&u.g, &u.g);
            let own_finite = f1.is_finite() && f2.is_finite();
            // at a singular point, a part of the argument that is 0 up to
            // its rounding bound (acosh(x / sin x) at 1e-10: x / sin x
            // rounds to 1 and its ∂² cancels) meets the infinite f′ or f″
            // as 0 in one type and as a tiny part, giving ∞, in another
            let rounding_zero = |x: f64, e: f64| e > 0.0 && x.abs() <= 16.0 * e;
            let (xg, xh) = (u.x.gradient(), u.x.hessian());
            if !own_finite
                && (xg
                    .iter()
                    .zip(u.eg.iter())
                    .any(|(&x, &e)| rounding_zero(x, e))
                    || xh
                        .iter()
                        .zip(u.eh.iter())
                        .any(|(&x, &e)| rounding_zero(x, e)))
            {
                sizes.non_finite_argument = true;
            }
            // x ± c, c ± x, x·c, c·x and x/c have no singular point: a
            // non-finite slope is c or 1/c overflowing
            let linear = matches!(
                op,
                Unary::AddFloat(_)
                    | Unary::SubFloat(_)
                    | Unary::MulFloat(_)
                    | Unary::DivFloat(_)
                    | Unary::FloatAdd(_)
                    | Unary::FloatSub(_)
                    | Unary::FloatMul(_)
                    | Unary::AddAssignFloat(_)
                    | Unary::SubAssignFloat(_)
                    | Unary::MulAssignFloat(_)
                    | Unary::DivAssignFloat(_)
            );
            sizes.out_of_range |= ((linear || ordinary(u.x.value())) && !own_finite)
                || (!linear && overflows(&u.g, &u.g))
                || underflows(&u.g, &u.g)
                || underflows_scaled(&u.g, f1)
                || underflows_scaled(&u.g, f2)
                || left_range(&unary(*op, u.x), own_finite && all_finite(&u.x));
            let t1 = clean(u.g * f1);
            let t2 = clean(u.h * f1 + u.g * u.g.transpose() * f2);
            note(sizes, t1.iter().chain(t2.iter()).copied());
            let eg = clean(u.eg * f1) + t1 * eps;
            let eh = clean(u.eh * f1 + sym(&u.g, &u.eg) * f2) + t2 * eps;
            Node::new(unary(*op, u.x), clean(eg), clean(eh))
        }
        Expr::Binary(op, a, b) => {
            let u = walk::<N>(a, point, sizes);
            let w = walk::<N>(b, point, sizes);
            let (eg, eh) = binary_terms(*op, &u, &w, sizes);
            Node::new(binary(*op, u.x, w.x), eg, eh)
        }
        Expr::MulAdd(a, b, c) => {
            let u = walk::<N>(a, point, sizes);
            let w = walk::<N>(b, point, sizes);
            let z = walk::<N>(c, point, sizes);
            let (eg, eh) = binary_terms(Binary::Mul, &u, &w, sizes);
            let eg = eg + z.eg + z.g * eps;
            let eh = eh + z.eh + z.h * eps;
            // (the sum with z too: its parts can overflow where the
            // product's do not, x₀x₁ + x₁x₀ at x₁ = −1.8e308)
            let result = u.x.mul_add(w.x, z.x);
            sizes.out_of_range |= left_range(
                &result,
                all_finite(&u.x) && all_finite(&w.x) && all_finite(&z.x),
            );
            Node::new(result, eg, eh)
        }
    };
    // a subnormal input, constant or result
    sizes.out_of_range |= left_range(&node.x, false);
    note(
        sizes,
        core::iter::once(node.x.value())
            .chain(node.g.iter().copied())
            .chain(node.h.iter().copied()),
    );
    node
}

/// The terms of a two-argument chain rule, and the error bounds it passes on.
fn binary_terms<const N: usize>(
    op: Binary,
    u: &Node<N>,
    w: &Node<N>,
    sizes: &mut Sizes<N>,
) -> (SVector<f64, N>, SMatrix<f64, N, N>)
where
    nalgebra::Const<N>: monodual::Packed,
{
    // the partial derivatives at (u, w), from the function on two variables
    let d = binary(
        op,
        HyperDual::<f64, 2>::variable(u.x.value(), 0),
        HyperDual::<f64, 2>::variable(w.x.value(), 1),
    );
    let (dg, dh) = (d.gradient().abs(), d.hessian().abs());
    let (gx, gy, gxx, gxy, gyy) = (dg[0], dg[1], dh[(0, 0)], dh[(0, 1)], dh[(1, 1)]);
    sizes.singular |= !dg.iter().chain(dh.iter()).all(|d| d.is_finite())
        || underflows(&u.g, &u.g)
        || underflows(&u.g, &w.g)
        || underflows(&w.g, &w.g);
    let own_finite = dg.iter().chain(dh.iter()).all(|d| d.is_finite());
    sizes.non_finite_argument |= !(own_finite && all_finite(&u.x) && all_finite(&w.x));
    let partials = [gx, gy, gxx, gxy, gyy];
    // a two-argument function is singular only where an argument is 0 or
    // ±∞ (or NaN), and ln b = 0 for a base b = 1
    let regular = |v: f64| v.is_normal() && !(op == Binary::LogNumber && v.abs() == 1.0);
    sizes.out_of_range |= (regular(u.x.value()) && regular(w.x.value()) && !own_finite)
        || overflows(&u.g, &u.g)
        || overflows(&u.g, &w.g)
        || overflows(&w.g, &w.g)
        || underflows(&u.g, &u.g)
        || underflows(&u.g, &w.g)
        || underflows(&w.g, &w.g)
        || partials
            .iter()
            .any(|&c| underflows_scaled(&u.g, c) || underflows_scaled(&w.g, c))
        || left_range(
            &binary(op, u.x, w.x),
            own_finite && all_finite(&u.x) && all_finite(&w.x),
        );
    let t1 = clean(u.g * gx) + clean(w.g * gy);
    let t2 = clean(u.h * gx)
        + clean(w.h * gy)
        + clean(u.g * u.g.transpose() * gxx)
        + clean(sym(&u.g, &w.g) * gxy)
        + clean(w.g * w.g.transpose() * gyy);
    note(sizes, t1.iter().chain(t2.iter()).copied());
    let eps = f64::EPSILON;
    let eg = clean(u.eg * gx) + clean(w.eg * gy) + t1 * eps;
    let eh = clean(u.eh * gx)
        + clean(w.eh * gy)
        + clean(sym(&u.g, &u.eg) * gxx)
        + clean((sym(&u.g, &w.eg) + sym(&w.g, &u.eg)) * gxy)
        + clean(sym(&w.g, &w.eg) * gyy)
        + t2 * eps;
    (clean(eg), clean(eh))
}

/// Operations whose f64 result is exact (no rounding to perturb).
fn exact(expr: &Expr) -> bool {
    use Unary::*;
    match expr {
        Expr::Input(_) | Expr::Constant(_) => true,
        Expr::Unary(op, _) => matches!(
            op,
            Neg | Abs
                | Signum
                | Floor
                | Ceil
                | Round
                | Trunc
                | Fract
                | Copysign(_)
                | RemFloat(_)
                | FloatRem(_)
        ),
        Expr::Binary(op, _, _) => {
            matches!(
                op,
                Binary::Min | Binary::Max | Binary::Rem | Binary::RemAssign
            )
        }
        Expr::MulAdd(..) => false,
    }
}

/// The program with every rounded node scaled by 1 ± 4ε (signs from `rng`).
fn eval_perturbed<S: Number>(expr: &Expr, inputs: &[S], rng: &mut Rng) -> S {
    let result = match expr {
        Expr::Input(i) => inputs[*i],
        Expr::Constant(c) => S::from_float(super::eval::float::<f64>(*c)),
        Expr::Unary(op, a) => unary(*op, eval_perturbed(a, inputs, rng)),
        Expr::Binary(op, a, b) => {
            let a = eval_perturbed(a, inputs, rng);
            binary(*op, a, eval_perturbed(b, inputs, rng))
        }
        Expr::MulAdd(a, b, c) => {
            let a = eval_perturbed(a, inputs, rng);
            let b = eval_perturbed(b, inputs, rng);
            a.mul_add(b, eval_perturbed(c, inputs, rng))
        }
    };
    if exact(expr) {
        result
    } else {
        let sign = if rng.chance(0.5) { 1.0 } else { -1.0 };
        result * super::eval::float::<f64>(1.0 + sign * 4.0 * f64::EPSILON)
    }
}

/// The largest change of any gradient or Hessian entry over a few
/// perturbed evaluations (∞ if a perturbation makes one non-finite).
pub fn perturbation_spread<const N: usize>(expr: &Expr, point: &[f64], seed: u64) -> f64
where
    nalgebra::Const<N>: monodual::Packed,
{
    let inputs: Vec<HyperDual<f64, N>> = (0..N).map(|i| HyperDual::variable(point[i], i)).collect();
    let base = super::eval::eval(expr, &inputs);
    let mut rng = Rng::new(seed);
    let mut spread = 0.0f64;
    for _ in 0..3 {
        let p = eval_perturbed(expr, &inputs, &mut rng);
        let changes = (p.gradient() - base.gradient())
            .iter()
            .chain((p.hessian() - base.hessian()).iter())
            .map(|d| d.abs())
            .collect::<Vec<_>>();
        for c in changes {
            spread = if c.is_nan() {
                f64::INFINITY
            } else {
                spread.max(c)
            };
        }
    }
    spread
}
