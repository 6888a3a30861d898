//! [`solve`]: Powell's hybrid (dogleg) trust-region method for square
//! systems with the exact Jacobian.

use core::cell::Cell;

use nalgebra::{SMatrix, SVector};

use crate::solvers::linalg::lu::{Lu, equilibrate};
use crate::solvers::linalg::norm::norm;
use crate::{Dual, Real};

use super::{Iterate, Options, Root, SolveError, all_finite};

/// Iterations in a row that reduce `‖F‖` by less than 0.1 % before the
/// solver gives up (MINPACK's "not making good progress", `info = 5`).
const MAX_SLOW_ITERATIONS: usize = 10;

/// Finds a root of `F: ℝᴺ → ℝᴺ` from `x0` by Powell's hybrid method (a
/// dogleg trust region on `‖F‖`), with the Jacobian computed exactly by
/// [`Dual`] numbers.
///
/// The algorithm, its scaling and every stopping test are in the
/// [module documentation](super). Same as [`solve_with_log`] without a log.
///
/// # Errors
///
/// - [`SolveError::InvalidOption`] if `options` is out of range;
/// - [`SolveError::NonFinite`] if `x0`, or `F` or `J` at `x0`, is NaN or
///   infinite (at later trial points a non-finite value shrinks the step);
/// - [`SolveError::ResidualMinimum`] if the iteration reaches a local
///   minimum of `‖F‖` that is not a root;
/// - [`SolveError::NoProgress`] if the trust region collapses elsewhere (a
///   non-smooth `F`);
/// - [`SolveError::NoConvergence`] after [`Options::max_iterations`] steps.
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// // x = cos y, y = sin x
/// fn system<S: Scalar>(v: &SVector<S, 2>) -> SVector<S, 2> {
///     SVector::<S, 2>::new(v[0] - v[1].cos(), v[1] - v[0].sin())
/// }
/// let root = newton::solve(|v| system(&v), SVector::<f64, 2>::zeros(), &Options::default())?;
/// let (x, y) = (root.x[0], root.x[1]);
/// assert!((x - y.cos()).abs() < 1e-12 && (y - x.sin()).abs() < 1e-12);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[inline]
pub fn solve<T, F, const N: usize>(
    f: F,
    x0: SVector<T, N>,
    options: &Options<T>,
) -> Result<Root<T, N>, SolveError<T>>
where
    T: Real,
    F: Fn(SVector<Dual<T, N>, N>) -> SVector<Dual<T, N>, N>,
{
    solve_with_log(f, x0, options, |_| {})
}

/// A point with `F` and `J` there.
#[derive(Clone, Copy)]
struct Point<T, const N: usize> {
    x: SVector<T, N>,
    residual: SVector<T, N>,
    jacobian: SMatrix<T, N, N>,
    /// `‖F‖`, overflow-safe.
    residual_norm: T,
}

impl<T: Real, const N: usize> Point<T, N> {
    /// The first non-finite quantity, if any.
    fn non_finite(&self) -> Option<&'static str> {
        if !all_finite(self.residual.iter()) {
            Some("the residual")
        } else if !all_finite(self.jacobian.iter()) {
            Some("the Jacobian")
        } else {
            None
        }
    }

    /// The answer at this point.
    fn root(&self, iterations: usize, evaluations: usize) -> Root<T, N> {
        Root {
            x: self.x,
            iterations,
            residual_norm: self.residual_norm,
            evaluations,
        }
    }

    /// `maxⱼ |Jⱼᵀ F| / (‖Jⱼ‖ ‖F‖)`: the cosine between `F` and the columns
    /// of `J` (MINPACK's `gtol` measure), `0` where `JᵀF = 0`.
    fn gradient_cosine(&self) -> T {
        let mut cosine = T::zero();
        for column in self.jacobian.column_iter() {
            let column_norm = norm(&column);
            if column_norm > T::zero() {
                // scaled first so that neither product overflows
                let unit = column / column_norm;
                let direction = self.residual / self.residual_norm;
                cosine = cosine.max(unit.dot(&direction).abs());
            }
        }
        cosine
    }
}

/// The dogleg step in the scaled variables `ŝ = D s`, with `Ĵ = J D⁻¹`.
struct Dogleg<T, const N: usize> {
    /// The Newton point `−Ĵ⁻¹F` (pivots regularized if `Ĵ` is singular).
    newton: SVector<T, N>,
    /// No pivot was regularized: `newton` is the Newton step.
    newton_exact: bool,
    /// The scaled gradient `ĝ = ĴᵀF` of `½‖F‖²`.
    gradient: SVector<T, N>,
    /// The Cauchy point `−(‖ĝ‖²/‖Ĵĝ‖²) ĝ`, the minimizer of the model along
    /// `−ĝ`.
    cauchy: SVector<T, N>,
}

impl<T: Real, const N: usize> Dogleg<T, N> {
    /// The Newton and Cauchy points at `point`, scaled by `d`.
    fn new(point: &Point<T, N>, d: &SVector<T, N>) -> Self {
        // Ĵ = J D⁻¹; LU of Ĵ equilibrated, so that a row or column scaled by
        // 1e-20 is no reason to regularize
        let scaled = SMatrix::<T, N, N>::from_fn(|i, j| point.jacobian[(i, j)] / d[j]);
        let (equilibrated, rows, columns) = equilibrate(&scaled);
        let mut lu = Lu::new(equilibrated);
        let newton_exact = !lu.regularize();
        // (R Ĵ C)(C⁻¹ ŝ) = −R F
        let newton = -lu
            .solve(&point.residual.component_mul(&rows))
            .component_mul(&columns);
        // ĝ = ĴᵀF, computed with F/‖F‖ and rescaled, so that it cannot overflow
        let direction = point.residual / point.residual_norm;
        let unit_gradient = scaled.transpose() * direction;
        let gradient = unit_gradient * point.residual_norm;
        // along −ĝ the model ½‖F − tĴĝ‖² is least at t = ‖ĝ‖² / ‖Ĵĝ‖²
        let unit_norm = norm(&unit_gradient);
        let cauchy = if unit_norm > T::zero() {
            let unit = unit_gradient / unit_norm;
            let curvature = norm(&(scaled * unit));
            // t‖ĝ‖ = ‖ĝ‖ / ‖Ĵû‖² with û = ĝ/‖ĝ‖
            let length = unit_norm * point.residual_norm / (curvature * curvature);
            -unit * length
        } else {
            SVector::zeros()
        };
        Self {
            newton,
            newton_exact,
            gradient,
            cauchy,
        }
    }

    /// The dogleg step for radius `Δ` and whether it is the full Newton step.
    fn step(&self, radius: T) -> (SVector<T, N>, bool) {
        let newton_norm = norm(&self.newton);
        if newton_norm <= radius {
            return (self.newton, self.newton_exact);
        }
        let cauchy_norm = norm(&self.cauchy);
        let cauchy_inside = cauchy_norm < radius; // false for NaN
        if !cauchy_inside {
            // steepest descent to the boundary
            let gradient_norm = norm(&self.gradient);
            if gradient_norm > T::zero() {
                return (-self.gradient * (radius / gradient_norm), false);
            }
            return (self.newton * (radius / newton_norm), false);
        }
        // ŝ = c + t(n − c), t ∈ [0, 1] with ‖ŝ‖ = Δ:
        // ‖n − c‖² t² + 2cᵀ(n − c) t + ‖c‖² − Δ² = 0, the positive root,
        // written without cancellation as (Δ² − ‖c‖²) / (b + √(b² + a(Δ² − ‖c‖²)))
        let leg = self.newton - self.cauchy;
        let leg_norm = norm(&leg);
        let (unit_leg, unit_cauchy) = (leg / leg_norm, self.cauchy / leg_norm);
        let a = T::one();
        let b = unit_cauchy.dot(&unit_leg);
        let slack = ((radius - cauchy_norm) / leg_norm) * ((radius + cauchy_norm) / leg_norm);
        let t = slack / (b + (b * b + a * slack).sqrt());
        (self.cauchy + leg * t, false)
    }
}

/// [`solve`], calling `log` with every [`Iterate`]: the start and each
/// accepted step, before the convergence tests.
///
/// # Errors
///
/// As [`solve`].
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::{SVector, Vector1};
///
/// fn square_root_of_two<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> {
///     SVector::<S, 1>::new(x[0] * x[0] - 2.0)
/// }
/// let mut residuals = [f64::NAN; 8];
/// let root = newton::solve_with_log(|x| square_root_of_two(&x), Vector1::new(1.0), &Options::default(),
///     |it| residuals[it.iteration] = it.residual_norm)?;
/// assert_eq!(residuals[0], 1.0); // |1² − 2|
/// assert_eq!(residuals[1], 0.25); // x₁ = 1.5, |1.5² − 2|
/// assert!(residuals[root.iterations] <= 1e-12);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
pub fn solve_with_log<T, F, L, const N: usize>(
    f: F,
    x0: SVector<T, N>,
    options: &Options<T>,
    mut log: L,
) -> Result<Root<T, N>, SolveError<T>>
where
    T: Real,
    F: Fn(SVector<Dual<T, N>, N>) -> SVector<Dual<T, N>, N>,
    L: FnMut(&Iterate<T, N>),
{
    options.validate()?;
    if !all_finite(x0.iter()) {
        return Err(SolveError::NonFinite {
            iteration: 0,
            quantity: "the starting point",
        });
    }
    let evaluations = Cell::new(0);
    let evaluate = |x: SVector<T, N>| {
        evaluations.set(evaluations.get() + 1);
        let (residual, jacobian) = crate::jacobian(&f, x);
        Point {
            x,
            residual,
            jacobian,
            residual_norm: norm(&residual),
        }
    };
    let (half, two): (T, T) = (nalgebra::convert(0.5), nalgebra::convert(2.0));
    let epsilon = T::default_epsilon();
    let slow: T = nalgebra::convert(1e-3);
    // a minimum of ‖F‖ is approached linearly, so x is known to about √ε
    // there, and the cosine between F and J's columns to about ε^¼
    let residual_minimum_cosine = epsilon.sqrt().sqrt();

    let start = evaluate(x0);
    if let Some(quantity) = start.non_finite() {
        return Err(SolveError::NonFinite {
            iteration: 0,
            quantity,
        });
    }
    // D = diag(‖Jⱼ‖), never decreasing (1 where a column is zero at the start)
    let column_norms = |j: &SMatrix<T, N, N>| SVector::<T, N>::from_fn(|i, _| norm(&j.column(i)));
    let mut scale = column_norms(&start.jacobian).map(|c| if c > T::zero() { c } else { T::one() });
    let mut radius = T::zero();
    let mut point = start;
    let mut slow_iterations = 0;
    // accepted steps in a row with ρ ≥ 0.1
    let mut successes = 0usize;
    let mut iterate = Iterate::start(x0, T::zero(), start.residual_norm);
    let mut iteration = 0;
    loop {
        scale = scale.zip_map(&column_norms(&point.jacobian), |d, c| d.max(c));
        iterate.value = point.residual_norm * point.residual_norm * half;
        iterate.residual_norm = point.residual_norm;
        log(&iterate);
        if point.residual_norm <= options.tolerance {
            return Ok(point.root(iteration, evaluations.get()));
        }
        let dogleg = Dogleg::new(&point, &scale);
        let scaled_x = norm(&point.x.component_mul(&scale));
        let newton_norm = norm(&dogleg.newton);
        if dogleg.newton_exact && newton_norm <= options.step_tolerance * scaled_x {
            // a negligible Newton step: take it unless it raises ‖F‖
            let step = dogleg.newton.component_div(&scale);
            let trial = evaluate(point.x + step);
            let better = trial.non_finite().is_none() && trial.residual_norm <= point.residual_norm;
            if !better {
                return Ok(point.root(iteration, evaluations.get()));
            }
            // the last step counts and is logged like any other
            log(&Iterate {
                iteration: iteration + 1,
                x: trial.x,
                value: trial.residual_norm * trial.residual_norm * half,
                residual_norm: trial.residual_norm,
                step_length: T::one(),
                step_norm: norm(&step),
                hessian_modified: false,
                radius,
            });
            return Ok(trial.root(iteration + 1, evaluations.get()));
        }
        let cosine = point.gradient_cosine();
        if cosine <= epsilon {
            return Err(SolveError::ResidualMinimum {
                iteration,
                residual: point.residual_norm,
            });
        }
        if iteration >= options.max_iterations {
            return Err(SolveError::NoConvergence {
                iterations: iteration,
                residual: point.residual_norm,
            });
        }

        if iteration == 0 {
            // Δ₀ = max(factor·‖D x₀‖, ‖D s_N‖): the first trial is the Newton
            // step, as in a line-search Newton method, whatever the scale of x₀
            let scaled_start = norm(&x0.component_mul(&scale));
            let from_start = options.initial_radius * scaled_start;
            // (only a genuine Newton step: a regularized one is huge)
            let newton_length = if dogleg.newton_exact && newton_norm.is_finite() {
                newton_norm
            } else {
                T::zero()
            };
            radius = from_start.max(newton_length);
            if !(radius > T::zero() && radius.is_finite()) {
                radius = options.initial_radius;
            }
        }
        // trial steps, shrinking the region until one is accepted
        let mut rejections = 0usize;
        let accepted = loop {
            let (step, newton) = dogleg.step(radius);
            let used_radius = radius;
            let step_norm = norm(&step);
            let x = point.x + step.component_div(&scale);
            if x == point.x {
                break None;
            }
            let trial = evaluate(x);
            let finite = trial.non_finite().is_none();
            // relative reductions of ‖F‖², as MINPACK computes them (no
            // overflow): actual 1 − (‖F₊‖/‖F‖)², predicted 1 − (‖F + Ĵŝ‖/‖F‖)²
            let actual = if trial.residual_norm < point.residual_norm {
                let ratio = trial.residual_norm / point.residual_norm;
                T::one() - ratio * ratio
            } else {
                -T::one()
            };
            let direction = point.residual / point.residual_norm;
            let scaled_step = step.component_div(&scale);
            let model = direction + point.jacobian * (scaled_step / point.residual_norm);
            let model_ratio = norm(&model);
            let predicted = T::one() - model_ratio * model_ratio;
            let ratio = if predicted > T::zero() {
                actual / predicted
            } else {
                -T::one()
            };
            let accept = finite && actual > T::zero() && ratio >= options.sufficient_decrease;
            // Δ as MINPACK's hybrj updates it: halved (to half the step) when
            // ρ < 0.1; else at least twice the step when ρ ≥ ½ or on the second
            // success in a row, and exactly twice the step when the model is
            // right to 10 % (|ρ − 1| ≤ 0.1). Tying Δ to the step taken, rather
            // than quartering and doubling Δ itself, keeps the region from
            // collapsing along a curved valley where a singular Jacobian makes
            // every step a short dogleg (Chebyquad from 10·x₀; the quartering
            // rule solved 45 of the 55 runs of MINPACK's hybrd tests, this one
            // 48)
            if !accept || ratio < nalgebra::convert(0.1) {
                successes = 0;
                radius = half * radius.min(step_norm);
            } else {
                successes += 1;
                if ratio >= half || successes > 1 {
                    radius = radius.max(two * step_norm);
                }
                if (ratio - T::one()).abs() <= nalgebra::convert(0.1) {
                    radius = two * step_norm;
                }
            }
            if accept {
                break Some((trial, actual, step_norm, newton, used_radius, newton_norm));
            }
            rejections += 1;
            let radius_left = radius > T::zero(); // false for NaN
            if rejections > options.max_backtracks || !radius_left {
                break None;
            }
        };
        let stalled = |iteration| {
            // the region collapsed: at a minimum of ‖F‖ (reached only linearly,
            // so x is accurate to about √ε) the cosine is small, elsewhere F is
            // not smooth
            if cosine <= residual_minimum_cosine {
                SolveError::ResidualMinimum {
                    iteration,
                    residual: point.residual_norm,
                }
            } else {
                SolveError::NoProgress {
                    iteration,
                    residual: point.residual_norm,
                    radius,
                }
            }
        };
        let Some((next, actual, step_norm, newton, used_radius, newton_norm)) = accepted else {
            return Err(stalled(iteration));
        };
        slow_iterations = if actual < slow {
            slow_iterations + 1
        } else {
            0
        };
        if slow_iterations >= MAX_SLOW_ITERATIONS
            && next.gradient_cosine() <= residual_minimum_cosine
        {
            // ‖F‖ stagnates at a nonzero value with every step accepted, and F
            // is nearly orthogonal to the columns of J: the iterates close in
            // on a local minimum of ‖F‖ (slow progress alone is no such
            // evidence: a region still growing along a long valley of ‖F‖,
            // as for Chebyquad from 10·x₀, is slow too)
            return Err(SolveError::ResidualMinimum {
                iteration: iteration + 1,
                residual: next.residual_norm,
            });
        }
        iteration += 1;
        iterate = Iterate {
            iteration,
            x: next.x,
            value: T::zero(),
            residual_norm: T::zero(),
            step_length: if newton_norm > T::zero() {
                (step_norm / newton_norm).min(T::one())
            } else {
                T::one()
            },
            step_norm: norm(&(next.x - point.x)),
            hessian_modified: !newton,
            radius: used_radius,
        };
        point = next;
    }
}
