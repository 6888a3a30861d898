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

use super::eval::{Number, binary, unary};
use super::generate::Rng;
use super::program::{Binary, Expr, Unary};

/// The largest finite part of any node or chain-rule term, and whether
/// some node has a non-finite part.
pub fn term_sizes<const N: usize>(expr: &Expr, point: &[f64]) -> (f64, bool) {
    let mut largest = 1.0f64;
    let mut non_finite = false;
    walk::<N>(expr, point, &mut largest, &mut non_finite);
    (largest, non_finite)
}

/// max |part| of the gradient and of the Hessian.
fn magnitudes<const N: usize>(x: &HyperDual<f64, N>) -> (f64, f64) {
    (x.gradient().amax(), x.hessian().amax())
}

fn note(largest: &mut f64, non_finite: &mut bool, sizes: &[f64]) {
    for s in sizes {
        if s.is_finite() {
            *largest = largest.max(s.abs());
        } else {
            *non_finite = true;
        }
    }
}

fn walk<const N: usize>(
    expr: &Expr,
    point: &[f64],
    largest: &mut f64,
    non_finite: &mut bool,
) -> HyperDual<f64, N> {
    let result = match expr {
        Expr::Input(i) => HyperDual::variable(point[*i], *i),
        Expr::Constant(c) => HyperDual::constant(*c),
        Expr::Unary(op, a) => {
            let u = walk::<N>(a, point, largest, non_finite);
            // f′ and f″ at the argument, from the function on one variable
            let d = unary(*op, HyperDual::<f64, 1>::variable(u.value(), 0));
            let (f1, f2) = (d.gradient()[0].abs(), d.hessian()[(0, 0)].abs());
            let (g, h) = magnitudes(&u);
            note(largest, non_finite, &[f1 * g, f1 * h + f2 * g * g]);
            unary(*op, u)
        }
        Expr::Binary(op, a, b) => {
            let u = walk::<N>(a, point, largest, non_finite);
            let w = walk::<N>(b, point, largest, non_finite);
            binary_terms(*op, &u, &w, largest, non_finite);
            binary(*op, u, w)
        }
        Expr::MulAdd(a, b, c) => {
            let u = walk::<N>(a, point, largest, non_finite);
            let w = walk::<N>(b, point, largest, non_finite);
            let z = walk::<N>(c, point, largest, non_finite);
            binary_terms(Binary::Mul, &u, &w, largest, non_finite);
            u.mul_add(w, z)
        }
    };
    let (g, h) = magnitudes(&result);
    note(largest, non_finite, &[result.value(), g, h]);
    result
}

fn binary_terms<const N: usize>(
    op: Binary,
    u: &HyperDual<f64, N>,
    w: &HyperDual<f64, N>,
    largest: &mut f64,
    non_finite: &mut bool,
) {
    // the partial derivatives at (u, w), from the function on two variables
    let d = binary(
        op,
        HyperDual::<f64, 2>::variable(u.value(), 0),
        HyperDual::<f64, 2>::variable(w.value(), 1),
    );
    let (dg, dh) = (d.gradient().abs(), d.hessian().abs());
    let ((ug, uh), (wg, wh)) = (magnitudes(u), magnitudes(w));
    note(
        largest,
        non_finite,
        &[
            dg[0] * ug + dg[1] * wg,
            dg[0] * uh + dg[1] * wh + dh[(0, 0)] * ug * ug + 2.0 * dh[(0, 1)] * ug * wg
                + dh[(1, 1)] * wg * wg,
        ],
    );
}

/// Operations whose f64 result is exact (no rounding to perturb).
fn exact(expr: &Expr) -> bool {
    use Unary::*;
    match expr {
        Expr::Input(_) | Expr::Constant(_) => true,
        Expr::Unary(op, _) => matches!(
            op,
            Neg | Abs | Signum | Floor | Ceil | Round | Trunc | Fract | Copysign(_) | RemFloat(_)
                | FloatRem(_)
        ),
        Expr::Binary(op, _, _) => {
            matches!(op, Binary::Min | Binary::Max | Binary::Rem | Binary::RemAssign)
        }
        Expr::MulAdd(..) => false,
    }
}

/// The program with every rounded node scaled by 1 ± 4ε (signs from `rng`).
fn eval_perturbed<S: Number>(expr: &Expr, inputs: &[S], rng: &mut Rng) -> S {
    let result = match expr {
        Expr::Input(i) => inputs[*i],
        Expr::Constant(c) => S::from_float(*c),
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
        result * (1.0 + sign * 4.0 * f64::EPSILON)
    }
}

/// The largest change of any gradient or Hessian entry over a few
/// perturbed evaluations (∞ if a perturbation makes one non-finite).
pub fn perturbation_spread<const N: usize>(expr: &Expr, point: &[f64], seed: u64) -> f64 {
    let inputs: Vec<HyperDual<f64, N>> =
        (0..N).map(|i| HyperDual::variable(point[i], i)).collect();
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
            spread = if c.is_nan() { f64::INFINITY } else { spread.max(c) };
        }
    }
    spread
}
