//! Nonlinear least squares: [`minimize`] finds a local minimizer of
//! `½‖r(x)‖²` for residuals `r: ℝᴺ → ℝᴹ`, `M ≥ N`, by a scaled trust-region
//! Levenberg–Marquardt method with the exact Jacobian.
//!
//! # Algorithm
//!
//! This is the method of MINPACK's `lmder` (J. J. Moré, "The
//! Levenberg–Marquardt algorithm: implementation and theory", Numerical
//! Analysis, Lecture Notes in Mathematics 630, Springer 1978), with the
//! Jacobian `J` computed exactly, together with `r`, in one pass of
//! [`Dual`] numbers ([`crate::jacobian`]). At each iterate `x`:
//!
//! 1. `J` is factored as `J P = Q R`, Householder QR with column pivoting
//!    (the column of largest remaining norm first), and `Qᵀr` formed.
//! 2. The step `p` minimizes the model `‖r + J p‖` within the trust region
//!    `‖D p‖ ≤ Δ`: it is `p(λ) = −(JᵀJ + λD²)⁻¹Jᵀr` with `λ = 0` (the
//!    Gauss–Newton step) if that lies inside the region, and otherwise the
//!    `λ > 0` for which `‖D p(λ)‖ = Δ` within 10%. That `λ` is found by
//!    Moré's safeguarded Newton iteration on the secular equation
//!    `φ(λ) = ‖D p(λ)‖ − Δ = 0`, started from the previous `λ`, kept inside
//!    bounds `[λₗ, λᵤ]` that shrink at every step (at most 10 steps). Each
//!    trial `λ` costs one triangularization of `[R; √λ DP]` by Givens
//!    rotations, never a new factorization of `J`. When `J` is rank
//!    deficient, the Gauss–Newton step is the basic solution on the leading
//!    independent columns.
//! 3. `x + p` is tried. With `ρ` the ratio of the actual to the predicted
//!    reduction of `‖r‖²`, the step is accepted if `ρ ≥ 10⁻⁴`. The region
//!    shrinks (by a factor in `[0.1, 0.5]`, from a quadratic fit of the
//!    actual reduction) when `ρ ≤ ¼`, and grows to `2‖Dp‖` when `ρ ≥ ¾` or
//!    `λ = 0`. A trial point where `r` or `J` is NaN or infinite counts as a
//!    failed step, and the region shrinks by 10.
//!
//! No heap is used: the factorization, the rotations and the triangular
//! solves all work on nalgebra static matrices, and every norm is computed
//! by factoring out the largest entry, so residuals near the overflow
//! threshold do not overflow `‖r‖`.
//!
//! # Scaling
//!
//! With [`Scaling::Jacobian`] (the default, MINPACK's `mode = 1`) the
//! diagonal `D` holds the Euclidean norms of the columns of `J` at the
//! starting point (1 for a zero column), and after that each `Dⱼⱼ` is the
//! largest norm column `j` has had. Then the iteration is invariant under
//! a rescaling of the parameters `x ↦ S x` by a diagonal `S`, up to
//! rounding: a parameter of size 10⁻⁶ and one of size 10⁶ are treated
//! alike. [`Scaling::Identity`] keeps `D = I`. The initial region is
//! `Δ = factor·‖D x₀‖` (or `factor` when that is 0), with `factor` =
//! [`Options::initial_step_bound`]. When a step or precision test fires at
//! a point that is not stationary (below), `D` and `Δ` are set afresh in
//! the same way from the current point (a restart), once per decrease of
//! `‖r‖`: the largest column norms of a far start (Chebyquad from 10·x₀:
//! 10¹¹) no longer hold `D` up.
//!
//! # Stopping tests
//!
//! With `ftol` = [`Options::cost_tolerance`], `xtol` =
//! [`Options::step_tolerance`] and `gtol` = [`Options::gradient_tolerance`]
//! (defaults `64ε`, `64ε`, `0`), a test fires:
//!
//! - [`Stop::ZeroResidual`]: `r(x) = 0` exactly.
//! - [`Stop::Gradient`]: the cosine of the angle between `r` and every
//!   column of `J`, `max_j |(Jᵀr)ⱼ| / (‖Jⱼ‖ ‖r‖)`, is at most `gtol`: `r`
//!   is orthogonal to the columns of `J` to that accuracy (tested before
//!   each step). Where `J = 0` exactly, one probe at `x + (|x| + 1)/1024`
//!   (entrywise) decides: `J ≠ 0` there makes `x` an isolated stationary
//!   point (`Gradient`); the same `r` and `J = 0` there is a plateau
//!   ([`Error::Stalled`]).
//! - [`Stop::CostReduction`]: both the actual and the predicted relative
//!   reductions of `‖r‖²` in the last step are at most `ftol`, the step
//!   was not much worse than predicted (`ρ ≤ 2`), and the cosine is at
//!   most `√ftol`: the cost is within about `ftol` (relatively) of its
//!   minimum.
//! - [`Stop::Step`]: the region is small, `Δ ≤ xtol·‖D x‖`, and the last
//!   trial did not increase `‖r‖²` by more than `√ε` relatively: `x` is
//!   within about `xtol` (relatively, in the scaled norm) of the
//!   minimizer.
//! - [`Stop::CostReductionAndStep`]: both of the last two.
//! - [`Stop::AtPrecision`]: no further progress is possible in floating
//!   point: the three tests above hold with `ε` in place of the tolerance
//!   (or the region is below `ε‖D x‖`).
//!
//! A fired test ends the iteration with `Ok` only if `x` is confirmed as a
//! stationary point of `½‖r‖²`, by tests that are invariant under a
//! rescaling of `x` and of `r`: `J` is not zero, no column of `J` that was
//! ever nonzero has fallen to `ε` times the largest norm it had, and one
//! of: the cosine is at most `max(gtol, √ε)`; the Gauss–Newton step
//! predicts a relative reduction of `‖r‖²` of at most `max(ftol, √ε)`;
//! the Gauss–Newton step is at most `max(xtol, √ε)·‖D x‖` while the
//! cosine is at most `ε^⅓` or `‖r‖ ≤ √ε‖r(x₀)‖` (near a zero residual `r`
//! is rounding noise and its cosine meaningless); the Gauss–Newton step is
//! at the resolution of `x`, `|sⱼ| ≤ 16ε|xⱼ|` for every parameter (a start
//! at a zero-residual minimizer, where `r` is rounding noise); or, when no
//! further progress is possible, the cosine is at most `ε^⅓` (at a
//! minimizer with a singular `J` and `r ≠ 0` rounding keeps it near
//! 10⁻⁸…10⁻⁷). Otherwise a step or precision test restarts the scaling
//! (above), a cost test continues, and when no progress is possible even
//! after a restart the result is [`Error::Stalled`], with the point and
//! its cosine.
//!
//! Everything else is an [`Error`] that carries the last accepted point:
//! [`Error::AtInfinity`] when a column of `J` vanished (as above) while
//! its parameter grew in magnitude: the residuals stopped depending on it
//! on the way out, where the infimum is (Box 3-D, Jennrich–Sampson, Biggs
//! EXP6 from far); the evaluation budget [`Options::max_evaluations`]
//! (default `500·(N + 1)`) spent, as when a minimum at infinity is
//! approached without a column vanishing (Beale from far); residuals that
//! are NaN or infinite at the start or all around the current point; or
//! invalid options. Every option is validated, so no value makes the
//! solver hang or return `Ok` without a test having passed.
//!
//! # Example
//!
//! Fitting `y = a·exp(b t)` to five points:
//!
//! ```
//! use monodual::{Scalar, least_squares::{self, Options, Stop}};
//! use nalgebra::{SVector, Vector2};
//!
//! const T: [f64; 5] = [0.0, 1.0, 2.0, 3.0, 4.0];
//! const Y: [f64; 5] = [2.0, 2.7, 3.7, 4.9, 6.7];
//!
//! fn residuals<S: Scalar>(p: &SVector<S, 2>) -> SVector<S, 5> {
//!     SVector::from_fn(|i, _| (p[1] * T[i]).exp() * p[0] - Y[i])
//! }
//!
//! let fit = least_squares::minimize(|p| residuals(&p), Vector2::new(1.0, 0.0), &Options::default())?;
//! assert!(matches!(fit.stop, Stop::CostReduction | Stop::Step | Stop::CostReductionAndStep));
//! // at the minimum the gradient Jᵀr vanishes
//! assert!((fit.jacobian.transpose() * fit.residuals).norm() < 1e-9);
//! assert!((fit.x[0] - 2.0).abs() < 0.05 && (fit.x[1] - 0.3).abs() < 0.01);
//! // standard errors from the covariance σ²(JᵀJ)⁻¹
//! let covariance = fit.covariance().expect("full rank");
//! assert!(covariance[(0, 0)].sqrt() < 0.05);
//! # Ok::<(), least_squares::Error<f64, 2>>(())
//! ```

mod error;
mod fit;
mod options;
mod parameter;

pub use error::{Error, Point, Stop};
pub use fit::Fit;
pub use options::{Options, Scaling};

use nalgebra::SVector;

use crate::solvers::linalg::qr::{self, PivotedQr, norm};
use crate::{Dual, Real};

/// Finds a local minimizer of `½‖r(x)‖²` from `x0`, `r: ℝᴺ → ℝᴹ` with
/// `M ≥ N`, by the scaled trust-region Levenberg–Marquardt method described
/// in the [module documentation](self); `r` and its exact Jacobian come
/// from one pass of [`Dual`] numbers per evaluation.
///
/// The closure receives the point as number types, like
/// [`crate::jacobian`]'s: write the residuals once, generic over
/// [`Scalar`](crate::Scalar), and pass `|x| residuals(&x)`.
///
/// # Errors
///
/// - [`Error::InvalidOption`] if `options` is out of range;
/// - [`Error::Underdetermined`] if `M < N`;
/// - [`Error::NonFiniteStart`] if `x0`, `r(x0)` or `J(x0)` is NaN or
///   infinite;
/// - [`Error::NonFiniteNearby`] if every trial point near the current one
///   gives NaN or infinite values, until the trust region is negligible;
/// - [`Error::Stalled`] if no progress is possible at a point that is not
///   stationary (`J = 0` on a plateau, or the region at rounding level);
/// - [`Error::AtInfinity`] if the residuals stopped depending on a
///   parameter that grew;
/// - [`Error::MaxEvaluations`] after [`Options::max_evaluations`]
///   evaluations.
///
/// ```
/// use monodual::{Scalar, least_squares::{self, Options}};
/// use nalgebra::SVector;
///
/// // Rosenbrock's function as least squares: r = (10(x₁ − x₀²), 1 − x₀)
/// fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
///     SVector::<S, 2>::new((x[1] - x[0] * x[0]) * 10.0, -(x[0] - 1.0))
/// }
/// let fit = least_squares::minimize(|x| rosenbrock(&x), SVector::from([-1.2, 1.0]), &Options::default())?;
/// assert!((fit.x - SVector::<f64, 2>::repeat(1.0)).norm() < 1e-12);
/// assert!(fit.cost < 1e-24 && fit.evaluations < 30);
/// # Ok::<(), least_squares::Error<f64, 2>>(())
/// ```
pub fn minimize<T, F, const N: usize, const M: usize>(
    residuals: F,
    x0: SVector<T, N>,
    options: &Options<T>,
) -> Result<Fit<T, N, M>, Error<T, N>>
where
    T: Real,
    F: Fn(SVector<Dual<T, N>, N>) -> SVector<Dual<T, N>, M>,
{
    options.validate()?;
    if M < N {
        return Err(Error::Underdetermined {
            residuals: M,
            parameters: N,
        });
    }
    let half: T = nalgebra::convert(0.5);
    let tenth: T = nalgebra::convert(0.1);
    let quarter: T = nalgebra::convert(0.25);
    let three_quarters: T = nalgebra::convert(0.75);
    let accept: T = nalgebra::convert(1e-4);
    let epsilon = T::default_epsilon();
    let root_epsilon = epsilon.sqrt();
    let finite = |values: &[T]| values.iter().all(|v| v.is_finite());

    let mut x = x0;
    let (mut r, mut jacobian) = crate::jacobian(&residuals, x);
    let mut evaluations = 1;
    let mut iterations = 0;
    let mut fnorm = norm(&r);
    let start_fnorm = fnorm;
    let point = |x: SVector<T, N>, fnorm: T, iterations, evaluations| Point {
        x,
        cost: fnorm * fnorm * half,
        iterations,
        evaluations,
    };
    if !(finite(x.as_slice()) && finite(r.as_slice()) && finite(jacobian.as_slice())) {
        return Err(Error::NonFiniteStart {
            at: point(x, fnorm, 0, evaluations),
        });
    }
    let fit = |x, r, jacobian, fnorm: T, iterations, evaluations, stop| Fit {
        x,
        residuals: r,
        cost: fnorm * fnorm * half,
        jacobian,
        iterations,
        evaluations,
        stop,
    };

    let mut diagonal = SVector::<T, N>::repeat(T::one());
    let mut delta = T::zero();
    let mut lambda = T::zero();
    let mut x_norm = T::zero();
    // a stopping test fired at the step that produced the current point;
    // it is confirmed (or not) once J is factored there
    // (and whether no further progress is possible there)
    let mut pending: Option<(Stop, bool)> = None;
    // (re)starts set D and Δ afresh; ‖r‖ at the last one
    let mut restart = true;
    let mut restart_fnorm: T = nalgebra::convert(f64::INFINITY);
    // every column that has ever been nonzero
    let mut seen = [false; N];
    // the region was grown to the Gauss–Newton step at the current point
    let mut grown_here = false;
    loop {
        // 1. J P = Q R and Qᵀr
        let factored = PivotedQr::new(jacobian);
        let r_factor = factored.r();
        let qtr_full = factored.q_transpose_mul(&r);
        let qtr = SVector::<T, N>::from_fn(|i, _| qtr_full[i]);
        let column_norms = factored.column_norms;
        let permutation = factored.permutation;

        if restart {
            restart = false;
            restart_fnorm = fnorm;
            diagonal = match options.scaling {
                Scaling::Jacobian => {
                    column_norms.map(|c| if c == T::zero() { T::one() } else { c })
                }
                Scaling::Identity => SVector::repeat(T::one()),
            };
            x_norm = norm(&diagonal.component_mul(&x));
            delta = if x_norm == T::zero() {
                options.initial_step_bound
            } else {
                options.initial_step_bound * x_norm
            };
            lambda = T::zero();
        }
        if fnorm == T::zero() {
            return Ok(fit(
                x,
                r,
                jacobian,
                fnorm,
                iterations,
                evaluations,
                Stop::ZeroResidual,
            ));
        }

        // the largest cosine between r and a column of J: |(Jᵀr)ⱼ|/(‖Jⱼ‖‖r‖),
        // with Jᵀr = P Rᵀ Qᵀr
        let mut gradient_cosine = T::zero();
        for j in 0..N {
            let column = permutation[j];
            if column_norms[column] != T::zero() {
                let mut sum = T::zero();
                for i in 0..=j {
                    sum += r_factor[(i, j)] * (qtr[i] / fnorm);
                }
                gradient_cosine = gradient_cosine.max((sum / column_norms[column]).abs());
            }
        }
        if options.scaling == Scaling::Jacobian {
            diagonal = diagonal.zip_map(&column_norms, |d, c| d.max(c));
        }
        // the relative reduction of ‖r‖² the Gauss–Newton step predicts:
        // ‖(Qᵀr)ⱼ, j < rank‖²/‖r‖² (the squared cosine between r and the
        // range of J)
        let rank = (0..N)
            .position(|j| r_factor[(j, j)] == T::zero())
            .unwrap_or(N);
        let gauss_newton_reduction = (norm(&SVector::<T, N>::from_fn(|j, _| {
            if j < rank { qtr[j] } else { T::zero() }
        })) / fnorm)
            .powi(2);
        // D in the pivoted order
        let pivoted_diagonal = SVector::<T, N>::from_fn(|j, _| diagonal[permutation[j]]);
        let gauss_newton = qr::solve_upper(&r_factor, &qtr, rank);
        let gauss_newton_norm = norm(&pivoted_diagonal.component_mul(&gauss_newton));

        // Is x a stationary point of ½‖r‖², by a scale-invariant test? J is
        // not zero, no column that was nonzero has fallen to rounding level
        // of the largest norm it had (the residuals then no longer depend on
        // that parameter: its minimum is at infinity, or its derivatives
        // underflowed), and one of: r makes a cosine of at most gtol with
        // every column, the Gauss–Newton step predicts a relative reduction
        // of ‖r‖² of at most ftol, or the Gauss–Newton step is within xtol
        // of x (relatively, in the scaled norm) while the cosine is at most
        // ε^⅓ or ‖r‖ has fallen below √ε‖r(x₀)‖ (near a zero residual r is
        // rounding noise and its cosine meaningless; elsewhere a step small
        // only against a huge ‖x‖, as Bard's x₂ ≈ −x₃ ≈ 10¹⁴, is not
        // enough); with √ε as the floor of
        // each (tolerances near rounding level stop the iteration, the
        // floors keep rounding from failing the confirmation of a converged
        // point: at a rank-deficient minimizer the Gauss–Newton quantities
        // are rounding noise, and only the cosine is meaningful); or the
        // Gauss–Newton step is at the resolution of x, |sⱼ| ≤ 16ε|xⱼ| for
        // every j: the minimizer of the model is within a few units in the
        // last place of x (Gulf
        // from 10·x₀ starts at its minimizer, where r is rounding noise and
        // makes a cosine near 1 with J, which every other test needs small;
        // since Jᵀr = JᵀJ s, the gradient is then at the rounding level of
        // the curvature).
        let mut vanished = None;
        for j in 0..N {
            if column_norms[j] != T::zero() {
                seen[j] = true;
            }
            let negligible = column_norms[j] <= epsilon * diagonal[j];
            if seen[j] && negligible && vanished.is_none() {
                vanished = Some(j);
            }
        }
        let jacobian_zero = column_norms.iter().all(|&c| c == T::zero());
        // |sⱼ| ≤ 16ε|xⱼ| for every parameter: a few units in the last place
        // of each (componentwise: a step small only against the huge
        // parameters of a valley at infinity, as Bard's, is not enough)
        let resolution = epsilon * nalgebra::convert::<f64, T>(16.0);
        let below_resolution =
            (0..N).all(|j| gauss_newton[j].abs() <= resolution * x[permutation[j]].abs());
        let stationary = !jacobian_zero
            && vanished.is_none()
            && (gradient_cosine <= options.gradient_tolerance.max(root_epsilon)
                || gauss_newton_reduction <= options.cost_tolerance.max(root_epsilon)
                || (gauss_newton_norm <= options.step_tolerance.max(root_epsilon) * x_norm
                    && (gradient_cosine <= epsilon.cbrt() || fnorm <= root_epsilon * start_fnorm))
                || below_resolution);
        if let Some((stop, exhausted)) = pending.take() {
            // where no further progress is possible (the region at rounding
            // level), rounding limits the cosine: at a minimizer with a
            // singular J (Freudenstein–Roth's, Chebyquad's, with r ≠ 0) it
            // ends between 10⁻⁹ and 10⁻⁶; there ε^⅓ (6·10⁻⁶) is the test
            let as_stationary_as_rounding_allows = exhausted
                && !jacobian_zero
                && vanished.is_none()
                && gradient_cosine <= epsilon.cbrt();
            if stationary || as_stationary_as_rounding_allows {
                return Ok(fit(x, r, jacobian, fnorm, iterations, evaluations, stop));
            }
            let at = point(x, fnorm, iterations, evaluations);
            if let Some(parameter) = vanished
                && x[parameter].abs() > x0[parameter].abs()
            {
                return Err(Error::AtInfinity { at, parameter });
            }
            // A step or precision test that fired while x is not stationary
            // means the region is small for another reason: D and Δ no
            // longer fit the problem (D keeps the largest column norms ever
            // seen), so they are set afresh from here, once per decrease of
            // ‖r‖. A cost test, or a step test after a restart that brought
            // no decrease, only continues; with no further progress
            // possible, the iteration has stalled.
            let restartable = fnorm < restart_fnorm;
            let step_test = matches!(stop, Stop::Step | Stop::CostReductionAndStep);
            if (exhausted || step_test) && restartable {
                restart = true;
                continue;
            }
            if exhausted {
                return Err(Error::Stalled {
                    at,
                    gradient_cosine,
                });
            }
        }
        if gradient_cosine <= options.gradient_tolerance && stationary {
            return Ok(fit(
                x,
                r,
                jacobian,
                fnorm,
                iterations,
                evaluations,
                Stop::Gradient,
            ));
        }
        if jacobian_zero {
            // Jᵀr = 0 exactly. At an isolated stationary point (r = (x² + 1)
            // at 0) J is nonzero nearby; on a plateau, where r is constant or
            // every derivative underflowed (exp(−10³⁰) = 0), it is not. One
            // probe at x + (|x| + 1)/1024, entrywise, tells them apart.
            let at = point(x, fnorm, iterations, evaluations);
            if evaluations >= options.evaluation_budget::<N>() {
                return Err(Error::MaxEvaluations { at });
            }
            let scale: T = nalgebra::convert(1.0 / 1024.0);
            let probe = x + x.map(|v| (v.abs() + T::one()) * scale);
            let (probe_r, probe_jacobian) = crate::jacobian(&residuals, probe);
            evaluations += 1;
            let plateau = probe_r == r && probe_jacobian.iter().all(|&v| v == T::zero());
            if plateau {
                return Err(Error::Stalled {
                    at: point(x, fnorm, iterations, evaluations),
                    gradient_cosine,
                });
            }
            return Ok(fit(
                x,
                r,
                jacobian,
                fnorm,
                iterations,
                evaluations,
                Stop::Gradient,
            ));
        }

        // 2–3. steps from x until one is accepted
        loop {
            let (next_lambda, pivoted_step) =
                parameter::solve(&r_factor, &pivoted_diagonal, &qtr, delta, lambda);
            lambda = next_lambda;
            // the step p = −P z (z solved in the pivoted order)
            let mut step = SVector::<T, N>::zeros();
            for j in 0..N {
                step[permutation[j]] = -pivoted_step[j];
            }
            let step_norm = norm(&pivoted_diagonal.component_mul(&pivoted_step));
            if iterations == 0 && step_norm.is_finite() {
                delta = delta.min(step_norm);
            }
            if evaluations >= options.evaluation_budget::<N>() {
                return Err(Error::MaxEvaluations {
                    at: point(x, fnorm, iterations, evaluations),
                });
            }
            let trial = x + step;
            let (trial_r, trial_jacobian) = crate::jacobian(&residuals, trial);
            evaluations += 1;
            let trial_finite = finite(trial.as_slice())
                && finite(trial_r.as_slice())
                && finite(trial_jacobian.as_slice());
            let trial_fnorm = if trial_finite {
                norm(&trial_r)
            } else {
                nalgebra::convert(f64::INFINITY)
            };

            // actual reduction 1 − (‖r⁺‖/‖r‖)²
            let actual = if tenth * trial_fnorm < fnorm {
                T::one() - (trial_fnorm / fnorm).powi(2)
            } else {
                -T::one()
            };
            // predicted reduction (‖Jp‖² + 2λ‖Dp‖²)/‖r‖² (= 1 − ‖r + Jp‖²/‖r‖²),
            // with J p = −Q R z
            let mut jp = SVector::<T, N>::zeros();
            for i in 0..N {
                for k in i..N {
                    jp[i] += r_factor[(i, k)] * pivoted_step[k];
                }
            }
            let model = norm(&jp) / fnorm;
            let damping = lambda.sqrt() * step_norm / fnorm;
            let predicted = model * model + damping * damping / half;
            let directional = -(model * model + damping * damping);
            let ratio = if predicted != T::zero() && predicted.is_finite() {
                actual / predicted
            } else {
                T::zero()
            };

            // A step that the region limited (λ > 0), whose predicted
            // reduction is below the rounding of ‖r‖² while the Gauss–Newton
            // step predicts a substantial one (more than √ε and ftol), tells
            // nothing about the model: the region is too small for the
            // problem's scale (x₀ = 0 with Δ₀ = factor, say, where x* is
            // 10³⁰⁰). The region then grows to the Gauss–Newton step, and no
            // test may stop.
            let unresolved = !grown_here
                && trial_finite
                && predicted <= epsilon
                && lambda > T::zero()
                && gauss_newton_reduction > root_epsilon.max(options.cost_tolerance);

            // update the trust region
            if unresolved {
                // (once per point, so that it cannot cycle with the shrinking)
                grown_here = true;
                delta /= tenth;
                if gauss_newton_norm.is_finite() {
                    delta = delta.max(gauss_newton_norm);
                }
                lambda = T::zero();
            } else if !trial_finite {
                // (a zero or non-finite step says nothing about the radius)
                let usable = step_norm.is_finite() && step_norm > T::zero();
                delta = tenth
                    * if usable {
                        delta.min(step_norm / tenth)
                    } else {
                        delta
                    };
                lambda /= tenth;
            } else if ratio <= quarter {
                let mut shrink = if actual >= T::zero() {
                    half
                } else {
                    half * directional / (directional + half * actual)
                };
                let shrink_valid = shrink >= tenth;
                if tenth * trial_fnorm >= fnorm || !shrink_valid {
                    shrink = tenth;
                }
                let usable = step_norm > T::zero();
                delta = shrink
                    * if usable {
                        delta.min(step_norm / tenth)
                    } else {
                        delta
                    };
                lambda /= shrink;
            } else if lambda == T::zero() || ratio >= three_quarters {
                delta = step_norm / half;
                lambda *= half;
            }

            // A trial that increased ‖r‖² by more than rounding (by √ε
            // relatively), or gave NaN or ∞, shows that the linear model is
            // wrong at this radius, not that the region has closed in on a
            // minimizer: the step tests wait until the region has shrunk to
            // where the model holds.
            let model_held = actual >= -root_epsilon;
            let model_failed = !model_held;
            let accepted = trial_finite && ratio >= accept;
            if accepted {
                grown_here = false;
                x = trial;
                r = trial_r;
                jacobian = trial_jacobian;
                fnorm = trial_fnorm;
                x_norm = norm(&diagonal.component_mul(&x));
                iterations += 1;
            }

            if unresolved && !accepted {
                continue;
            }
            // the stopping tests
            // (a relative reduction below ftol means r is within √ftol of
            // orthogonal to the range of J, so a larger cosine with a column
            // means the reduction is small only because the region is)
            let cost_converged = actual.abs() <= options.cost_tolerance
                && predicted <= options.cost_tolerance
                && half * ratio <= T::one()
                && gradient_cosine <= options.cost_tolerance.sqrt();
            let step_converged = delta <= options.step_tolerance * x_norm && !model_failed;
            let stop = match (cost_converged, step_converged) {
                (true, true) => Some(Stop::CostReductionAndStep),
                (true, false) => Some(Stop::CostReduction),
                (false, true) => Some(Stop::Step),
                (false, false) => None,
            };
            let region_negligible = delta <= epsilon * x_norm || delta == T::zero();
            if region_negligible && !trial_finite {
                return Err(Error::NonFiniteNearby {
                    at: point(x, fnorm, iterations, evaluations),
                });
            }
            let at_precision =
                (actual.abs() <= epsilon && predicted <= epsilon && half * ratio <= T::one())
                    || (region_negligible && !model_failed)
                    || gradient_cosine <= epsilon;
            if stop.is_some() || at_precision {
                pending = Some((stop.unwrap_or(Stop::AtPrecision), at_precision));
                break;
            }
            if accepted {
                break;
            }
        }
    }
}
