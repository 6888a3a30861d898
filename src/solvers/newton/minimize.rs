//! [`minimize`]: trust-region Newton minimization with the exact Hessian.

use core::cell::Cell;

use nalgebra::{Const, SMatrix, SVector};

use crate::solvers::linalg::eigen::symmetric_eigen;
use crate::solvers::linalg::norm::norm;
use crate::{HyperDual, Packed, Real};

use super::ray::{self, Ray};
use super::subproblem;
use super::{Iterate, Minimum, Options, SolveError, all_finite, max_abs};

/// Finds a local minimum of `f: ℝᴺ → ℝ` from `x0` by a trust-region Newton
/// method, with the gradient and Hessian computed exactly by [`HyperDual`]
/// numbers.
///
/// The algorithm, its scaling and every stopping test are in the
/// [module documentation](super). Returns `Ok` only at a point that passes a
/// stopping test (each relative), where the scaled Hessian has no eigenvalue
/// below `−√ε · max|λ|` (at a saddle or maximum the step follows the
/// negative curvature instead), and where `f` rises along the last step and
/// along `x − x₀` (so not where `f` only approaches its infimum at infinity,
/// as `e⁻ˣ` and the loss of logistic regression on separable data do). Same as [`minimize_with_log`] without a log.
///
/// # Errors
///
/// - [`SolveError::InvalidOption`] if `options` is out of range;
/// - [`SolveError::NonFinite`] if `x0`, or `f`, `∇f` or `H` at `x0`, is NaN
///   or infinite (at later trial points a non-finite value shrinks the step);
/// - [`SolveError::Unbounded`] if `f` decreases without bound (see
///   [`Options::unbounded_distance`]), or has no minimum where the iterates
///   go: at a point that passes a stopping test (or where `∇f` and `H` have
///   underflowed to zero), `f` does not rise along the last step or along
///   `x − x₀` out to `unbounded_distance` times the scale of `x` (the ray
///   check of the [module documentation](super));
/// - [`SolveError::NoProgress`] if the trust region collapses at a point
///   that is not a minimizer (a non-smooth `f`), or where `∇f` and `H` are
///   exactly zero (`f` flat to rounding) and `f` rises along the last step;
/// - [`SolveError::NoConvergence`] after [`Options::max_iterations`] steps.
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
///     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
/// }
/// let x0 = SVector::<f64, 2>::new(-1.2, 1.0);
/// let min = newton::minimize(|x| rosenbrock(&x), x0, &Options::default())?;
/// assert!((min.x - SVector::<f64, 2>::new(1.0, 1.0)).norm() < 1e-10);
/// assert!(min.value < 1e-20 && min.iterations < 30);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[inline]
pub fn minimize<T, F, const N: usize>(
    f: F,
    x0: SVector<T, N>,
    options: &Options<T>,
) -> Result<Minimum<T, N>, SolveError<T>>
where
    T: Real,
    Const<N>: Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    minimize_with_log(f, x0, options, |_| {})
}

/// The local quadratic model at a point, in the scaled variables `D x` and
/// the eigenbasis of the scaled Hessian `D⁻¹ H D⁻¹ = Q Λ Qᵀ`.
struct Model<T, const N: usize> {
    /// `Λ`, ascending.
    eigenvalues: SVector<T, N>,
    /// `Q`.
    eigenvectors: SMatrix<T, N, N>,
    /// `γ = Qᵀ D⁻¹ ∇f`.
    gamma: SVector<T, N>,
    /// `‖D⁻¹ ∇f‖`.
    scaled_gradient_norm: T,
    /// `λ₁ < −√ε · max|λ|`.
    negative_curvature: bool,
    /// Every eigenvalue above its rounding level `δ` (below): the Newton
    /// step is not floored anywhere.
    positive_definite: bool,
    /// Coordinates of the Newton step with eigenvalues floored at their
    /// rounding level `δ = 16 N ε max|λ|`: `cᵢ = −γᵢ / max(λᵢ, δ)`.
    newton: SVector<T, N>,
    /// `‖D s_N‖ = ‖c‖`.
    newton_norm: T,
}

impl<T: Real, const N: usize> Model<T, N> {
    /// The model of `f` with gradient `g` and Hessian `h`, scaled by `d`.
    fn new(g: &SVector<T, N>, h: &SMatrix<T, N, N>, d: &SVector<T, N>) -> Self {
        let scaled_gradient = g.component_div(d);
        // D⁻¹ H D⁻¹
        let scaled_hessian = SMatrix::<T, N, N>::from_fn(|i, j| h[(i, j)] / d[i] / d[j]);
        let (eigenvalues, eigenvectors) = symmetric_eigen(&scaled_hessian);
        let gamma = eigenvectors.transpose() * scaled_gradient;
        let largest = max_abs(&eigenvalues);
        // significant negative curvature: below −√ε max|λ|
        let negative_curvature = N > 0 && eigenvalues[0] < -(T::default_epsilon().sqrt() * largest);
        // the rounding level of the computed eigenvalues, 16 N ε max|λ|: only
        // eigenvalues below it are floored, so a positive definite Hessian,
        // however ill-conditioned, gives its exact Newton step
        let dimension: T = nalgebra::convert(N as f64);
        let floor = T::default_epsilon() * largest * dimension * nalgebra::convert(16.0);
        let positive_definite = eigenvalues.iter().all(|&l| l > floor);
        let mut newton = SVector::<T, N>::zeros();
        for i in 0..N {
            let curvature = eigenvalues[i].max(floor);
            if gamma[i] == T::zero() {
                continue;
            }
            // 1/0 = ∞: no curvature at all along a gradient direction
            newton[i] = -gamma[i] / curvature;
        }
        Self {
            eigenvalues,
            eigenvectors,
            gamma,
            scaled_gradient_norm: norm(&scaled_gradient),
            negative_curvature,
            positive_definite,
            newton_norm: norm(&newton),
            newton,
        }
    }
}

/// The scale `D` for the Hessian `h`: `dᵢ = √|hᵢᵢ|`, `previous[i]` where
/// `hᵢᵢ = 0`.
fn hessian_scale<T: Real, const N: usize>(
    h: &SMatrix<T, N, N>,
    previous: &SVector<T, N>,
) -> SVector<T, N> {
    SVector::<T, N>::from_fn(|i, _| {
        let root = h[(i, i)].abs().sqrt();
        if root > T::zero() { root } else { previous[i] }
    })
}

impl<T: Real, const N: usize> Model<T, N> {
    /// The Newton decrease relative to `|f|`, `½ Σᵢ (γᵢ/√|f|)² / max(λᵢ, δ)`,
    /// computed with `γ/√|f|` so that it neither underflows nor overflows
    /// where `f` is tiny or huge (`0` if `γ = 0`, `∞` if `f = 0 ≠ γ`).
    fn relative_decrease(&self, value: T) -> T {
        let half: T = nalgebra::convert(0.5);
        let root = value.abs().sqrt();
        (0..N).fold(T::zero(), |sum, i| {
            if self.gamma[i] == T::zero() {
                return sum;
            }
            // −γᵢcᵢ/|f| = (γᵢ/√|f|)(−cᵢ/√|f|) with cᵢ = −γᵢ/max(λᵢ, δ)
            sum - half * (self.gamma[i] / root) * (self.newton[i] / root)
        })
    }
}

/// A point with `f`, `∇f` and `H` there.
#[derive(Clone, Copy)]
struct Point<T, const N: usize> {
    x: SVector<T, N>,
    value: T,
    gradient: SVector<T, N>,
    hessian: SMatrix<T, N, N>,
}

impl<T: Real, const N: usize> Point<T, N> {
    /// The first non-finite quantity, if any.
    fn non_finite(&self) -> Option<&'static str> {
        if !self.value.is_finite() {
            Some("the value")
        } else if !all_finite(self.gradient.iter()) {
            Some("the gradient")
        } else if !all_finite(self.hessian.iter()) {
            Some("the Hessian")
        } else {
            None
        }
    }

    /// `∇f = 0` and `H = 0` exactly (`N > 0`): `f` is flat to rounding here.
    fn flat(&self) -> bool {
        let zero = T::zero();
        N > 0 && self.gradient.iter().all(|&g| g == zero) && self.hessian.iter().all(|&h| h == zero)
    }

    /// The answer at this point.
    fn minimum(&self, iterations: usize, evaluations: usize) -> Minimum<T, N> {
        Minimum {
            x: self.x,
            value: self.value,
            gradient_norm: norm(&self.gradient),
            iterations,
            evaluations,
        }
    }
}

/// [`minimize`], calling `log` with every [`Iterate`]: the start and each
/// accepted step, before the convergence tests.
///
/// # Errors
///
/// As [`minimize`].
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// // f(x) = x⁴/4 − x²/2 has a maximum at 0 and minima at ±1. Starting exactly at the
/// // maximum, the gradient is zero: the solver follows the negative curvature.
/// fn double_well<S: Scalar>(x: &SVector<S, 1>) -> S { x[0].powi(4) * 0.25 - x[0] * x[0] * 0.5 }
/// let mut modified = false;
/// let min = newton::minimize_with_log(|x| double_well(&x), SVector::<f64, 1>::zeros(), &Options::default(),
///     |it| modified |= it.hessian_modified)?;
/// assert!((min.x[0].abs() - 1.0).abs() < 1e-12 && modified);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
pub fn minimize_with_log<T, F, L, const N: usize>(
    f: F,
    x0: SVector<T, N>,
    options: &Options<T>,
    mut log: L,
) -> Result<Minimum<T, N>, SolveError<T>>
where
    T: Real,
    Const<N>: Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
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
        let (value, gradient, hessian) = crate::hessian(&f, x);
        Point {
            x,
            value,
            gradient,
            hessian,
        }
    };
    let (quarter, two): (T, T) = (nalgebra::convert(0.25), nalgebra::convert(2.0));
    let epsilon = T::default_epsilon();
    let rounding_decrease = epsilon * nalgebra::convert(16.0);
    // Before any `Ok`: f must rise somewhere along the last step and along
    // the direction of travel x − x₀, out to `unbounded_distance` times the
    // scale of x (see `ray`); on a path to infinity it keeps falling (or
    // stays flat where it has underflowed) along one of them.
    let confirm = |found: &Point<T, N>, last: &SVector<T, N>, iteration: usize| {
        let travel = found.x - x0;
        let scale = max_abs(&found.x).max(max_abs(&travel));
        let reach = options.unbounded_distance * scale;
        let first = max_abs(last);
        for direction in [last, &travel] {
            let value_at = |x| evaluate(x).value;
            let ray = ray::probe(
                value_at,
                &found.x,
                found.value,
                direction,
                first,
                scale,
                reach,
            );
            if let Ray::Falls { x, value } = ray {
                return Err(SolveError::Unbounded {
                    iteration,
                    value,
                    distance: max_abs(&x),
                });
            }
        }
        Ok(found.minimum(iteration, evaluations.get()))
    };

    let start = evaluate(x0);
    if let Some(quantity) = start.non_finite() {
        return Err(SolveError::NonFinite {
            iteration: 0,
            quantity,
        });
    }
    // D = diag(√|H_ii|), never decreasing (1 where H_ii = 0 at the start)
    let mut scale = start.hessian.diagonal().map(|h| {
        let root = h.abs().sqrt();
        if root > T::zero() { root } else { T::one() }
    });
    let mut radius = T::zero();
    let mut point = start;
    let mut first_step = T::zero();
    // maxₖ |xₖᵢ − x₀ᵢ|: how far each unknown has moved
    let mut extent = SVector::<T, N>::zeros();
    // the last accepted step (the Newton step at the start)
    let mut last_step = SVector::<T, N>::zeros();
    let mut iterate = Iterate::start(x0, start.value, norm(&start.gradient));
    let mut iteration = 0;
    loop {
        scale = hessian_scale(&point.hessian, &scale);
        let model = Model::new(&point.gradient, &point.hessian, &scale);
        if iteration == 0 {
            last_step = (model.eigenvectors * model.newton).component_div(&scale);
        }
        let gradient_norm = norm(&point.gradient);
        iterate.residual_norm = gradient_norm;
        log(&iterate);

        // f flat to rounding: ∇f and H vanish exactly (an exponential that
        // underflowed, as e⁻ˣ for x > 745): no model, and no evidence of a
        // minimum either
        if point.flat() {
            // reached by descent: if f keeps falling (or stays flat) along the
            // last step out to the probe's reach, x runs off to infinity (e⁻ˣ
            // beyond x = 745); else nothing shows a minimum or a way on
            if iteration > 0 {
                let scale = max_abs(&point.x).max(max_abs(&(point.x - x0)));
                let reach = options.unbounded_distance * scale;
                let value_at = |x| evaluate(x).value;
                let first = max_abs(&last_step);
                let ray = ray::probe(
                    value_at,
                    &point.x,
                    point.value,
                    &last_step,
                    first,
                    scale,
                    reach,
                );
                if let Ray::Falls { x, value } = ray {
                    return Err(SolveError::Unbounded {
                        iteration,
                        value,
                        distance: max_abs(&x),
                    });
                }
            }
            return Err(SolveError::NoProgress {
                iteration,
                residual: T::zero(),
                radius,
            });
        }
        // the stopping tests, only where no direction curves significantly down
        if !model.negative_curvature {
            // 1. the gradient relative to f and to the scale of x:
            //    maxᵢ |gᵢ| max(|xᵢ|, |x₀ᵢ|) ≤ tolerance · |f|
            //    (a nonzero gᵢ where xᵢ = x₀ᵢ = 0 has no scale: it fails)
            let relative_gradient = (0..N).fold(T::zero(), |m, i| {
                let (g, x_scale) = (point.gradient[i].abs(), point.x[i].abs().max(x0[i].abs()));
                if g == T::zero() {
                    m
                } else if x_scale == T::zero() {
                    T::one() / T::zero() // ∞
                } else {
                    m.max(g * x_scale)
                }
            });
            let small_gradient = relative_gradient <= options.tolerance * point.value.abs();
            if small_gradient {
                return confirm(&point, &last_step, iteration);
            }
            // 2. the decrease the Newton model still predicts, relative to f
            let small_decrease = model.relative_decrease(point.value) <= options.decrease_tolerance;
            // 3. the Newton step relative to the scale of each unknown: the
            //    larger of |xᵢ| and its farthest excursion from x₀ᵢ, so that
            //    an unknown converging to 0 (Powell's singular minimizer) is
            //    measured against how far it moved, and an iterate running
            //    off along a valley (f = e⁻ˣ) is not
            let newton_step = (model.eigenvectors * model.newton).component_div(&scale);
            let small_step = (0..N).all(|i| {
                let unknown_scale = point.x[i].abs().max(extent[i]);
                newton_step[i].abs() <= options.step_tolerance * unknown_scale
            });
            if small_decrease || small_step {
                // f is at its minimum to rounding, or the Newton step is
                // negligible: take that step unless it raises f, for x to
                // ‖s_N‖² near a nondegenerate minimizer
                let step = newton_step;
                let trial = evaluate(point.x + step);
                // lower, or unchanged to rounding with a smaller scaled gradient
                let lower = trial.value < point.value;
                let flat = trial.value <= point.value + rounding_decrease * point.value.abs()
                    && norm(&trial.gradient.component_div(&scale)) < model.scaled_gradient_norm;
                let better = trial.non_finite().is_none() && !trial.flat() && (lower || flat);
                if !better {
                    return confirm(&point, &last_step, iteration);
                }
                // the last step counts and is logged like any other
                log(&Iterate {
                    iteration: iteration + 1,
                    x: trial.x,
                    value: trial.value,
                    residual_norm: norm(&trial.gradient),
                    step_length: T::one(),
                    step_norm: norm(&step),
                    hessian_modified: false,
                    radius,
                });
                return confirm(&trial, &step, iteration + 1);
            }
        }
        if iteration >= options.max_iterations {
            return Err(SolveError::NoConvergence {
                iterations: iteration,
                residual: gradient_norm,
            });
        }

        if iteration == 0 {
            // Δ₀ = max(factor·‖D x₀‖, ‖D s_N‖): the first trial is the Newton
            // step, as in a line-search Newton method, whatever the scale of x₀
            let scaled_start = norm(&x0.component_mul(&scale));
            let from_start = options.initial_radius * scaled_start;
            // (only a genuine Newton step: positive definite, nothing floored)
            let newton_length = if model.positive_definite && model.newton_norm.is_finite() {
                model.newton_norm
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
            let step = subproblem::solve(&model.eigenvalues, &model.gamma, radius);
            let used_radius = radius;
            let displacement = (model.eigenvectors * step.coordinates).component_div(&scale);
            let x = point.x + displacement;
            if x == point.x {
                break None; // the step underflows: the region has collapsed
            }
            let trial = evaluate(x);
            if trial.value < T::zero() && !trial.value.is_finite() {
                return Err(SolveError::Unbounded {
                    iteration,
                    value: trial.value,
                    distance: max_abs(&x),
                });
            }
            let finite = trial.non_finite().is_none();
            // ρ = actual / predicted decrease
            let actual = point.value - trial.value;
            let ratio = actual / step.predicted;
            let sufficient = actual > T::zero() && ratio >= options.sufficient_decrease;
            // where the predicted decrease is below the rounding of f, its sign
            // says nothing: accept f unchanged to rounding with a smaller
            // scaled gradient
            let flat = step.predicted <= rounding_decrease * point.value.abs()
                && trial.value <= point.value + rounding_decrease * point.value.abs()
                && norm(&trial.gradient.component_div(&scale)) < model.scaled_gradient_norm;
            let accept = finite && (sufficient || flat);
            if !accept || (!flat && ratio < quarter) {
                radius = quarter * radius.min(step.norm);
            } else if ratio > nalgebra::convert(0.75)
                && step.norm >= radius * nalgebra::convert(0.99)
            {
                radius *= two;
            }
            if accept {
                break Some((trial, step, used_radius));
            }
            rejections += 1;
            let radius_left = radius > T::zero(); // false for NaN
            if rejections > options.max_backtracks || !radius_left {
                break None;
            }
        };
        let Some((next, step, used_radius)) = accepted else {
            // Nothing decreases f at any scale the model proposes. A minimizer to
            // the accuracy f can be computed if the model predicts less than a
            // √ε relative decrease; otherwise f is not smooth here.
            let rounding_level =
                !model.negative_curvature && model.relative_decrease(point.value) <= epsilon.sqrt();
            if rounding_level {
                return confirm(&point, &last_step, iteration);
            }
            return Err(SolveError::NoProgress {
                iteration,
                residual: gradient_norm,
                radius,
            });
        };
        let displacement = next.x - point.x;
        last_step = displacement;
        extent = extent.zip_map(&(next.x - x0), |e, t| e.max(t.abs()));
        if iteration == 0 {
            first_step = max_abs(&displacement);
        }
        iteration += 1;
        iterate = Iterate {
            iteration,
            x: next.x,
            value: next.value,
            residual_norm: T::zero(),
            step_length: if model.newton_norm > T::zero() {
                (step.norm / model.newton_norm).min(T::one())
            } else {
                T::one()
            },
            step_norm: norm(&displacement),
            hessian_modified: !step.newton,
            radius: used_radius,
        };
        // iterates running off to infinity while f keeps falling
        let distance = max_abs(&(next.x - x0));
        let reach = options.unbounded_distance * max_abs(&x0).max(first_step);
        if distance > reach && next.value < start.value {
            return Err(SolveError::Unbounded {
                iteration,
                value: next.value,
                distance: max_abs(&next.x),
            });
        }
        point = next;
    }
}
