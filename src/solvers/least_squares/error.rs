//! How [`minimize`](super::minimize) ends without a fit: [`Error`], with
//! the [`Point`] it reached; and [`Stop`], which test ended a fit.

use core::fmt;

use nalgebra::SVector;

#[cfg(doc)]
use super::Options;

/// Which stopping test ended a successful [`minimize`](super::minimize); see the [module
/// documentation](super#stopping-tests).
///
/// ```
/// use monodual::least_squares::{self, Options, Stop};
/// use nalgebra::Vector1;
/// // r(x) = x − 3 is fitted exactly
/// let fit = least_squares::minimize(|x| Vector1::new(x[0] - 3.0), Vector1::new(0.0), &Options::default())?;
/// assert_eq!(fit.stop, Stop::ZeroResidual);
/// # Ok::<(), least_squares::Error<f64, 1>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `r(x) = 0` exactly.
    ZeroResidual,
    /// `r` is orthogonal to every column of `J` to within
    /// [`Options::gradient_tolerance`].
    Gradient,
    /// The relative reduction of `‖r‖²`, actual and predicted, fell below
    /// [`Options::cost_tolerance`].
    CostReduction,
    /// The trust region fell below [`Options::step_tolerance`]`·‖D x‖`.
    Step,
    /// Both [`Stop::CostReduction`] and [`Stop::Step`].
    CostReductionAndStep,
    /// A tolerance is below rounding level and no further progress is
    /// possible in floating point.
    AtPrecision,
}

/// A point the iteration reached, carried by an [`Error`].
///
/// ```
/// use monodual::least_squares::{self, Options};
/// use nalgebra::Vector1;
/// let options = Options { max_evaluations: Some(3), ..Options::default() };
/// // r(x) = (x² + 1): no zero, minimum ½ at x = 0, far from x₀ = 1000
/// let error = least_squares::minimize(|x| Vector1::new(x[0] * x[0] + 1.0), Vector1::new(1000.0), &options)
///     .unwrap_err();
/// let at = error.last_point().unwrap();
/// assert_eq!((at.evaluations, at.iterations), (3, 2));
/// assert!(at.x[0] < 1000.0 && at.cost < 0.5 * (1e6f64 + 1.0).powi(2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point<T, const N: usize> {
    /// The last accepted point (the start if none was).
    pub x: SVector<T, N>,
    /// `½‖r(x)‖²` there (NaN if `r(x)` is not finite).
    pub cost: T,
    /// Accepted steps.
    pub iterations: usize,
    /// Evaluations of `r` and `J`.
    pub evaluations: usize,
}

/// Why [`minimize`](super::minimize) stopped without a fit.
///
/// ```
/// use monodual::least_squares::{self, Error, Options};
/// use nalgebra::Vector1;
/// let options = Options { cost_tolerance: f64::INFINITY, ..Options::default() };
/// let error = least_squares::minimize(|x| Vector1::new(x[0]), Vector1::new(1.0), &options).unwrap_err();
/// assert!(matches!(error, Error::InvalidOption { option: "cost_tolerance", .. }));
/// assert_eq!(error.to_string(), "invalid option: `cost_tolerance` must be a number in [0, 1)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error<T, const N: usize> {
    /// A field of [`Options`] is out of its range.
    InvalidOption {
        /// The field's name.
        option: &'static str,
        /// What it must be.
        requirement: &'static str,
    },
    /// Fewer residuals than parameters (`M < N`).
    Underdetermined {
        /// `M`.
        residuals: usize,
        /// `N`.
        parameters: usize,
    },
    /// The starting point, or `r` or `J` there, is NaN or infinite.
    NonFiniteStart {
        /// The starting point.
        at: Point<T, N>,
    },
    /// The trust region shrank to nothing because `r` or `J` is NaN or
    /// infinite at every trial point near `at.x`.
    NonFiniteNearby {
        /// The last accepted point.
        at: Point<T, N>,
    },
    /// The iteration can make no further progress at `at.x`, which is not a
    /// stationary point: the Jacobian is zero there (the residuals are
    /// constant near `at.x`, or their derivatives underflowed), or the trust
    /// region has shrunk to rounding level, also after `D` and `Δ` were set
    /// afresh, while `r` still makes the cosine `gradient_cosine` with some
    /// column of `J`.
    Stalled {
        /// The last accepted point.
        at: Point<T, N>,
        /// `max_j |(Jᵀr)ⱼ| / (‖Jⱼ‖ ‖r‖)` at `at.x`.
        gradient_cosine: T,
    },
    /// The residuals stopped depending on `parameter` on the way out: its
    /// Jacobian column fell to rounding level (relative to the largest norm
    /// it had) while `|x[parameter]|` grew. The infimum of `½‖r‖²` is
    /// approached as that parameter goes to infinity, or from far enough
    /// that its derivatives underflow.
    AtInfinity {
        /// The last accepted point.
        at: Point<T, N>,
        /// The index of the parameter.
        parameter: usize,
    },
    /// [`Options::max_evaluations`] evaluations were spent.
    MaxEvaluations {
        /// The last accepted point.
        at: Point<T, N>,
    },
}

impl<T, const N: usize> Error<T, N> {
    /// The point where the iteration stopped, if it started.
    ///
    /// ```
    /// use monodual::least_squares::{self, Options};
    /// use nalgebra::Vector1;
    /// // r(x) = eˣ has its infimum 0 at x → −∞: the budget runs out on the way
    /// let options = Options { max_evaluations: Some(30), ..Options::default() };
    /// let error = least_squares::minimize(|x| Vector1::new(x[0].exp()), Vector1::new(0.0), &options)
    ///     .unwrap_err();
    /// let at = error.last_point().unwrap();
    /// assert!(at.x[0] < -5.0 && at.evaluations == 30);
    /// ```
    #[must_use]
    pub fn last_point(&self) -> Option<&Point<T, N>> {
        match self {
            Self::InvalidOption { .. } | Self::Underdetermined { .. } => None,
            Self::NonFiniteStart { at }
            | Self::NonFiniteNearby { at }
            | Self::Stalled { at, .. }
            | Self::AtInfinity { at, .. }
            | Self::MaxEvaluations { at } => Some(at),
        }
    }
}

impl<T: fmt::Display, const N: usize> fmt::Display for Error<T, N> {
    /// One sentence, without a final period.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidOption {
                option,
                requirement,
            } => write!(f, "invalid option: `{option}` must be {requirement}"),
            Self::Underdetermined {
                residuals,
                parameters,
            } => write!(
                f,
                "{residuals} residuals cannot determine {parameters} parameters"
            ),
            Self::NonFiniteStart { .. } => write!(
                f,
                "the starting point, or the residuals or Jacobian there, is NaN or infinite"
            ),
            Self::NonFiniteNearby { at } => write!(
                f,
                "the residuals or Jacobian are NaN or infinite at every trial point near the \
                 point reached after {} iterations (cost {})",
                at.iterations, at.cost
            ),
            Self::Stalled {
                at,
                gradient_cosine,
            } => write!(
                f,
                "no progress possible after {} iterations (cost {}) at a point that is not \
                 stationary (gradient cosine {})",
                at.iterations, at.cost, gradient_cosine
            ),
            Self::AtInfinity { at, parameter } => write!(
                f,
                "the residuals no longer depend on parameter {parameter} (now {}) after {} \
                 iterations (cost {}): the minimum is at infinity in it",
                at.x[*parameter], at.iterations, at.cost
            ),
            Self::MaxEvaluations { at } => write!(
                f,
                "no convergence within {} evaluations ({} iterations, cost {})",
                at.evaluations, at.iterations, at.cost
            ),
        }
    }
}

impl<T: fmt::Debug + fmt::Display, const N: usize> core::error::Error for Error<T, N> {}
