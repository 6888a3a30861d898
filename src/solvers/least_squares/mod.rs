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
//! [`Options::initial_step_bound`].
//!
//! # Stopping tests
//!
//! With `ftol` = [`Options::cost_tolerance`], `xtol` =
//! [`Options::step_tolerance`] and `gtol` = [`Options::gradient_tolerance`],
//! [`minimize`] returns a [`Fit`] whose [`Stop`] says which test ended it:
//!
//! - [`Stop::ZeroResidual`]: `r(x) = 0` exactly.
//! - [`Stop::Gradient`]: the cosine of the angle between `r` and every
//!   column of `J`, `max_j |(Jᵀr)ⱼ| / (‖Jⱼ‖ ‖r‖)`, is at most `gtol`: `r`
//!   is orthogonal to the columns of `J` to that accuracy (tested before
//!   each step).
//! - [`Stop::CostReduction`]: both the actual and the predicted relative
//!   reductions of `‖r‖²` in the last step are at most `ftol`, and the
//!   step was not much worse than predicted (`ρ ≤ 2`): the cost is within
//!   about `ftol` (relatively) of its minimum.
//! - [`Stop::Step`]: the region is small, `Δ ≤ xtol·‖D x‖`: `x` is within
//!   about `xtol` (relatively, in the scaled norm) of the minimizer.
//! - [`Stop::CostReductionAndStep`]: both of the last two.
//! - [`Stop::AtPrecision`]: a tolerance is below what rounding allows (the
//!   three tests above hold with machine epsilon `ε` in place of the
//!   tolerance), so no further progress is possible: `x` is as good as the
//!   arithmetic can make it.
//!
//! Everything else is an [`Error`] that carries the last accepted point:
//! the evaluation budget [`Options::max_evaluations`] spent (a divergent
//! problem, such as a minimum at infinity, ends this way), residuals that
//! are NaN or infinite at the start or all around the current point, or
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

mod parameter;

use core::fmt;

use nalgebra::{SMatrix, SVector};

use crate::solvers::linalg::qr::{self, PivotedQr, norm};
use crate::{Dual, Real};

/// How the trust region is scaled: the diagonal `D` of `‖D p‖ ≤ Δ`.
///
/// ```
/// use monodual::least_squares::{Options, Scaling};
/// let options = Options::<f64> { scaling: Scaling::Identity, ..Options::default() };
/// assert_eq!(Options::<f64>::default().scaling, Scaling::Jacobian);
/// # let _ = options;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scaling {
    /// `Dⱼⱼ` = the largest norm column `j` of the Jacobian has had
    /// (MINPACK's `mode = 1`): invariant under a diagonal rescaling of `x`.
    Jacobian,
    /// `D = I`: the region is a ball in the parameters as given.
    Identity,
}

/// Tolerances and limits of [`minimize`]; see the [module
/// documentation](self) for the tests they enter.
///
/// ```
/// use monodual::least_squares::Options;
/// let options = Options { cost_tolerance: 1e-12, ..Options::default() };
/// assert_eq!(options.max_evaluations, 1000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options<T = f64> {
    /// `ftol`: stop when the actual and predicted relative reductions of
    /// `‖r‖²` are both at most this. In `[0, 1)`. Default `√ε` (`1.5e-8`
    /// for `f64`), as MINPACK's `lmder1`.
    pub cost_tolerance: T,
    /// `xtol`: stop when the trust region is at most this times `‖D x‖`.
    /// In `[0, 1)`. Default `√ε`.
    pub step_tolerance: T,
    /// `gtol`: stop when `r` makes at least this cosine with no column of
    /// `J`. In `[0, 1)`. Default `0` (the test then only ends an exact fit
    /// of the normal equations), as `lmder1`.
    pub gradient_tolerance: T,
    /// The most evaluations of `r` and `J` (one pass each), the start
    /// included. At least 1. Default `1000`.
    pub max_evaluations: usize,
    /// `factor`: the initial trust region is `factor·‖D x₀‖` (or `factor`
    /// if `x₀ = 0`). Positive and finite; MINPACK recommends `0.1 … 100`.
    /// Default `100`.
    pub initial_step_bound: T,
    /// The scaling `D`. Default [`Scaling::Jacobian`].
    pub scaling: Scaling,
}

impl<T: Real> Default for Options<T> {
    /// The defaults listed on each field.
    ///
    /// ```
    /// use monodual::least_squares::Options;
    /// assert_eq!(Options::<f64>::default().step_tolerance, f64::EPSILON.sqrt());
    /// ```
    #[inline]
    fn default() -> Self {
        let root_epsilon = T::default_epsilon().sqrt();
        Self {
            cost_tolerance: root_epsilon,
            step_tolerance: root_epsilon,
            gradient_tolerance: T::zero(),
            max_evaluations: 1000,
            initial_step_bound: nalgebra::convert(100.0),
            scaling: Scaling::Jacobian,
        }
    }
}

impl<T: Real> Options<T> {
    /// Checks every field against its documented range. Each test is
    /// written so that NaN fails it.
    fn validate<const N: usize>(&self) -> Result<(), Error<T, N>> {
        let unit = |t: T| t >= T::zero() && t < T::one();
        let invalid = |option, requirement| {
            Err(Error::InvalidOption {
                option,
                requirement,
            })
        };
        if !unit(self.cost_tolerance) {
            return invalid("cost_tolerance", "a number in [0, 1)");
        }
        if !unit(self.step_tolerance) {
            return invalid("step_tolerance", "a number in [0, 1)");
        }
        if !unit(self.gradient_tolerance) {
            return invalid("gradient_tolerance", "a number in [0, 1)");
        }
        if self.max_evaluations == 0 {
            return invalid("max_evaluations", "at least 1");
        }
        if !(self.initial_step_bound > T::zero() && self.initial_step_bound.is_finite()) {
            return invalid("initial_step_bound", "a positive finite number");
        }
        Ok(())
    }
}

/// Which stopping test ended a successful [`minimize`]; see the [module
/// documentation](self#stopping-tests).
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
/// let options = Options { max_evaluations: 3, ..Options::default() };
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

/// Why [`minimize`] stopped without a fit.
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
    /// let options = Options { max_evaluations: 30, ..Options::default() };
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
            Self::MaxEvaluations { at } => write!(
                f,
                "no convergence within {} evaluations ({} iterations, cost {})",
                at.evaluations, at.iterations, at.cost
            ),
        }
    }
}

impl<T: fmt::Debug + fmt::Display, const N: usize> core::error::Error for Error<T, N> {}

/// The result of [`minimize`]: a local minimizer of `½‖r‖²` and what is
/// known there.
///
/// ```
/// use monodual::least_squares::{self, Options};
/// use nalgebra::{Vector2, Vector3};
/// // the line y = a + b t through (0, 1), (1, 3), (2, 4)
/// let fit = least_squares::minimize(
///     |p| Vector3::new(p[0] - 1.0, p[0] + p[1] - 3.0, p[0] + p[1] * 2.0 - 4.0),
///     Vector2::<f64>::zeros(),
///     &Options::default(),
/// )?;
/// assert!((fit.x - Vector2::new(7.0 / 6.0, 1.5)).norm() < 1e-12);
/// assert!((fit.cost - 1.0 / 12.0).abs() < 1e-12); // ½ Σ rᵢ²
/// # Ok::<(), least_squares::Error<f64, 2>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit<T, const N: usize, const M: usize> {
    /// The minimizer.
    pub x: SVector<T, N>,
    /// `r(x)`.
    pub residuals: SVector<T, M>,
    /// `½‖r(x)‖²`.
    pub cost: T,
    /// `J(x)`, `Jᵢⱼ = ∂rᵢ/∂xⱼ`.
    pub jacobian: SMatrix<T, M, N>,
    /// Accepted steps.
    pub iterations: usize,
    /// Evaluations of `r` and `J` (one pass of the residual function each),
    /// the start included.
    pub evaluations: usize,
    /// Which test stopped the iteration.
    pub stop: Stop,
}

impl<T: Real, const N: usize, const M: usize> Fit<T, N, M> {
    /// `(JᵀJ)⁻¹` at the fit, from the pivoted QR factorization of `J`
    /// (`(JᵀJ)⁻¹ = P R⁻¹R⁻ᵀ Pᵀ`); `None` when `J` is rank deficient, that
    /// is when some `|Rⱼⱼ| ≤ M·ε·|R₀₀|`.
    ///
    /// ```
    /// use monodual::least_squares::{self, Options};
    /// use nalgebra::{Matrix2, Vector2, Vector3};
    /// let fit = least_squares::minimize(
    ///     |p| Vector3::new(p[0], p[1] * 2.0, p[0] + p[1] - 1.0), Vector2::zeros(), &Options::default())?;
    /// // J = [[1, 0], [0, 2], [1, 1]], JᵀJ = [[2, 1], [1, 5]]
    /// let inverse = Matrix2::new(2.0, 1.0, 1.0, 5.0).try_inverse().unwrap();
    /// assert!((fit.unscaled_covariance().unwrap() - inverse).norm() < 1e-14);
    /// // a parameter the residuals do not depend on: rank deficient
    /// let flat = least_squares::minimize(
    ///     |p| Vector3::new(p[0], p[0] * 2.0, p[0] - 1.0), Vector2::zeros(), &Options::default())?;
    /// assert!(flat.unscaled_covariance().is_none());
    /// # Ok::<(), least_squares::Error<f64, 2>>(())
    /// ```
    #[must_use]
    pub fn unscaled_covariance(&self) -> Option<SMatrix<T, N, N>> {
        let qr = PivotedQr::new(self.jacobian);
        let r = qr.r();
        let tolerance = T::default_epsilon() * nalgebra::convert::<f64, T>(M as f64);
        if qr::rank(&r, tolerance) < N {
            return None;
        }
        // R⁻¹, column by column, then (RᵀR)⁻¹ = R⁻¹R⁻ᵀ in pivoted order
        let mut r_inverse = SMatrix::<T, N, N>::zeros();
        for k in 0..N {
            let unit = SVector::<T, N>::from_fn(|i, _| if i == k { T::one() } else { T::zero() });
            r_inverse.set_column(k, &qr::solve_upper(&r, &unit, N));
        }
        let pivoted = r_inverse * r_inverse.transpose();
        let p = &qr.permutation;
        let mut covariance = SMatrix::<T, N, N>::zeros();
        for a in 0..N {
            for b in 0..N {
                covariance[(p[a], p[b])] = pivoted[(a, b)];
            }
        }
        covariance
            .iter()
            .all(|c| c.is_finite())
            .then_some(covariance)
    }

    /// The estimated covariance of the parameters, `σ²(JᵀJ)⁻¹` with
    /// `σ² = 2·cost/(M − N) = ‖r‖²/(M − N)`; `None` when `J` is rank
    /// deficient or `M = N` (no degrees of freedom). The square roots of its
    /// diagonal are the parameters' standard errors.
    ///
    /// ```
    /// use monodual::least_squares::{self, Options};
    /// use nalgebra::{Vector1, Vector4};
    /// // the mean of 1, 2, 3, 6: σ² = Σ(yᵢ − 3)²/3 = 14/3, var(mean) = σ²/4
    /// let fit = least_squares::minimize(
    ///     |m| Vector4::new(m[0] - 1.0, m[0] - 2.0, m[0] - 3.0, m[0] - 6.0), Vector1::<f64>::zeros(),
    ///     &Options::default())?;
    /// assert!((fit.covariance().unwrap()[(0, 0)] - 14.0 / 12.0).abs() < 1e-12);
    /// # Ok::<(), least_squares::Error<f64, 1>>(())
    /// ```
    #[must_use]
    pub fn covariance(&self) -> Option<SMatrix<T, N, N>> {
        if M <= N {
            return None;
        }
        let degrees_of_freedom: T = nalgebra::convert((M - N) as f64);
        let sigma_squared = norm(&self.residuals).powi(2) / degrees_of_freedom;
        self.unscaled_covariance().map(|c| c * sigma_squared)
    }
}

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
    loop {
        // 1. J P = Q R and Qᵀr
        let factored = PivotedQr::new(jacobian);
        let r_factor = factored.r();
        let qtr_full = factored.q_transpose_mul(&r);
        let qtr = SVector::<T, N>::from_fn(|i, _| qtr_full[i]);
        let column_norms = factored.column_norms;
        let permutation = factored.permutation;

        if iterations == 0 && evaluations == 1 {
            if options.scaling == Scaling::Jacobian {
                diagonal = column_norms.map(|c| if c == T::zero() { T::one() } else { c });
            }
            x_norm = norm(&diagonal.component_mul(&x));
            delta = if x_norm == T::zero() {
                options.initial_step_bound
            } else {
                options.initial_step_bound * x_norm
            };
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
        if gradient_cosine <= options.gradient_tolerance {
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
        if options.scaling == Scaling::Jacobian {
            diagonal = diagonal.zip_map(&column_norms, |d, c| d.max(c));
        }
        // the relative reduction of ‖r‖² the Gauss–Newton step predicts:
        // ‖(Qᵀr)ⱼ, j < rank‖²/‖r‖²
        let rank = (0..N)
            .position(|j| r_factor[(j, j)] == T::zero())
            .unwrap_or(N);
        let gauss_newton_reduction = (norm(&SVector::<T, N>::from_fn(|j, _| {
            if j < rank { qtr[j] } else { T::zero() }
        })) / fnorm)
            .powi(2);
        // D in the pivoted order
        let pivoted_diagonal = SVector::<T, N>::from_fn(|j, _| diagonal[permutation[j]]);

        // 2–3. steps from x until one is accepted
        let mut grown_here = false;
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
            if evaluations >= options.max_evaluations {
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
                let gauss_newton = qr::solve_upper(&r_factor, &qtr, rank);
                let gauss_newton_norm = norm(&pivoted_diagonal.component_mul(&gauss_newton));
                delta /= tenth;
                if gauss_newton_norm.is_finite() {
                    delta = delta.max(gauss_newton_norm);
                }
                lambda = T::zero();
            } else if !trial_finite {
                delta = tenth
                    * if step_norm.is_finite() {
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
                delta = shrink * delta.min(step_norm / tenth);
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
            if let Some(stop) = stop {
                return Ok(fit(x, r, jacobian, fnorm, iterations, evaluations, stop));
            }
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
            if at_precision {
                return Ok(fit(
                    x,
                    r,
                    jacobian,
                    fnorm,
                    iterations,
                    evaluations,
                    Stop::AtPrecision,
                ));
            }
            if accepted {
                break;
            }
        }
    }
}
