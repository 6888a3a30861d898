//! [`SolveError`]: why a solver stopped without an answer.

use core::fmt;

/// Why a solver stopped without an answer.
///
/// Every variant carries where it happened (the iteration; the residual
/// there); `Display` says it in a sentence. `T` is the float type of the
/// problem (`f64` by default). The iterates themselves are passed to the
/// log closure of [`solve_with_log`](super::solve_with_log) and
/// [`minimize_with_log`](super::minimize_with_log).
///
/// ```
/// use monodual::{Scalar, newton::{self, Options, SolveError}};
/// use nalgebra::SVector;
///
/// // x² + 1 = 0 has no real root; |F| is smallest at x = 0
/// fn no_root<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> { SVector::<S, 1>::new(x[0] * x[0] + 1.0) }
/// let error = newton::solve(|x| no_root(&x), SVector::<f64, 1>::new(1.0), &Options::default())
///     .unwrap_err();
/// assert!(matches!(error, SolveError::ResidualMinimum { residual, .. } if residual == 1.0));
/// assert!(error.to_string().contains("not a root"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum SolveError<T = f64> {
    /// A field of [`Options`](super::Options) (or an argument) is out of its
    /// range.
    InvalidOption {
        /// The field's name.
        option: &'static str,
        /// What it must be.
        requirement: &'static str,
    },
    /// The Jacobian is singular or so ill-conditioned (reciprocal condition
    /// number of the row- and column-equilibrated matrix below machine
    /// epsilon) that the derivative asked for does not exist (from
    /// [`crate::implicit::try_jacobian`]).
    SingularJacobian {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
        /// The reciprocal condition number `1 / (‖A‖₁ ‖A⁻¹‖₁)` of the
        /// equilibrated matrix `A`, `0` when a pivot vanished exactly.
        reciprocal_condition: T,
    },
    /// The starting point, or the function or its derivatives at an accepted
    /// point, is NaN or infinite.
    NonFinite {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
        /// What was not finite: `"the starting point"`, `"the value"`,
        /// `"the gradient"`, `"the Hessian"`, `"the residual"` or
        /// `"the Jacobian"`.
        quantity: &'static str,
    },
    /// The trust region shrank until the trial step no longer changed `x`
    /// (or [`Options::max_backtracks`](super::Options::max_backtracks)
    /// trials in a row were rejected) at a point that passes no convergence
    /// test: the model of the function does not describe it there (a
    /// discontinuity, a kink, or noise well above rounding). From
    /// [`minimize`](super::minimize) also where `∇f` and the Hessian are
    /// exactly zero (`f` flat to rounding, as where an exponential has
    /// underflowed): nothing there shows a minimum.
    NoProgress {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
        /// `‖F(x)‖` ([`solve`](super::solve)) or `‖∇f(x)‖`
        /// ([`minimize`](super::minimize)) there.
        residual: T,
        /// The last trust radius, in the scaled norm `‖D s‖`.
        radius: T,
    },
    /// [`solve`](super::solve) reached a local minimum of `‖F‖` that is not a
    /// root: the gradient `JᵀF` of `½‖F‖²` vanishes (relative to `‖J‖‖F‖`)
    /// while `F` does not, or nearly vanishes (below `ε^¼`) while `‖F‖`
    /// stagnates at a nonzero value (10 accepted steps in a row each reducing
    /// `‖F‖²` by less than 0.1 %, or a collapsed trust region), as it does
    /// when the iterates close in on such a minimum. A root, if there is one,
    /// is elsewhere: try another start.
    ResidualMinimum {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
        /// `‖F(x)‖` there.
        residual: T,
    },
    /// [`minimize`](super::minimize): `f` has no minimum where the iterates
    /// go: it keeps decreasing as they run off to infinity (see
    /// [`Options::unbounded_distance`](super::Options::unbounded_distance)),
    /// or is `−∞` at a trial point, or, at a point that passes a local
    /// stopping test (or where `∇f` and `H` have underflowed to zero), does
    /// not rise anywhere along the last step or the direction of travel
    /// `x − x₀` out to `unbounded_distance` times the scale of `x`: `f` is
    /// unbounded below, or approaches its infimum only at infinity (as the
    /// loss of logistic regression on separable data does). There is no
    /// minimizer to return.
    Unbounded {
        /// The iteration (0 = the starting point) where it was detected.
        iteration: usize,
        /// `f` at the last accepted point, or at the farthest point probed
        /// along the ray (or `−∞`).
        value: T,
        /// `‖x‖∞` of that point.
        distance: T,
    },
    /// [`Options::max_iterations`](super::Options::max_iterations) steps were
    /// taken without converging.
    NoConvergence {
        /// Steps taken.
        iterations: usize,
        /// `‖F(x)‖` ([`solve`](super::solve)) or `‖∇f(x)‖`
        /// ([`minimize`](super::minimize)) at the last point.
        residual: T,
    },
}

impl<T: fmt::Display> fmt::Display for SolveError<T> {
    /// One sentence, without a final period.
    ///
    /// ```
    /// use monodual::newton::SolveError;
    /// let error = SolveError::NoConvergence { iterations: 3, residual: 0.5 };
    /// assert_eq!(error.to_string(), "no convergence after 3 iterations (residual norm 0.5)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidOption {
                option,
                requirement,
            } => write!(f, "invalid solver option: `{option}` must be {requirement}"),
            Self::SingularJacobian {
                iteration,
                reciprocal_condition,
            } => write!(
                f,
                "the Jacobian is singular or ill-conditioned at iteration {iteration} \
                 (reciprocal condition number {reciprocal_condition})"
            ),
            Self::NonFinite {
                iteration,
                quantity,
            } => write!(f, "{quantity} is NaN or infinite at iteration {iteration}"),
            Self::NoProgress {
                iteration,
                residual,
                radius,
            } => write!(
                f,
                "no trial step decreased the function at iteration {iteration} \
                 (residual norm {residual}, trust radius {radius}): it is not smooth there"
            ),
            Self::ResidualMinimum {
                iteration,
                residual,
            } => write!(
                f,
                "‖F‖ stalls at a nonzero local minimum, not a root, at iteration {iteration} \
                 (residual norm {residual})"
            ),
            Self::Unbounded {
                iteration,
                value,
                distance,
            } => write!(
                f,
                "the function has no minimum: f keeps decreasing towards infinity \
                 (f = {value} at ‖x‖∞ = {distance} after {iteration} iterations)"
            ),
            Self::NoConvergence {
                iterations,
                residual,
            } => write!(
                f,
                "no convergence after {iterations} iterations (residual norm {residual})"
            ),
        }
    }
}

impl<T: fmt::Debug + fmt::Display> core::error::Error for SolveError<T> {}
