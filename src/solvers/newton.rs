//! Newton's method for root finding ([`solve`]) and minimization
//! ([`minimize`]), with exact Jacobians and Hessians from the number types.
//!
//! Both solvers work on `SVector<T, N>`, allocate nothing and never panic:
//! every failure (a singular Jacobian, a non-finite value, a line search
//! that finds no decrease, too many iterations, out-of-range options) is a
//! [`SolveError`] that says where it happened.
//!
//! # Globalization
//!
//! A full Newton step converges quadratically near a nondegenerate solution
//! but may diverge far from one, so each step `d` is scaled by a backtracking
//! line search: `α = 1` first, then smaller `α` (by safeguarded quadratic
//! interpolation, within `[α/10, α/2]`) until the Armijo condition
//! `φ(x + α d) ≤ φ(x) + c·α·∇φᵀd` holds, where `c` is
//! [`Options::sufficient_decrease`]. [`solve`] uses the merit function
//! `φ = ½‖F‖²` (for which the Newton direction is always a descent direction:
//! `∇φᵀd = −‖F‖²`), [`minimize`] uses `φ = f` itself. The decrease must also
//! be strict, so that a value equal to rounding is not mistaken for
//! progress. Trial points where the function is NaN or infinite count as "no
//! decrease", so a step that leaves the function's domain is shortened
//! instead of failing.
//!
//! Near a minimum `f` changes by about `‖∇f‖²/λ`, which falls below the
//! rounding of `f` while `∇f` is still far from rounding level. There
//! [`minimize`] also accepts a step that leaves `f` unchanged to rounding
//! (`f(x + αd) ≤ f(x) + 2ε|f(x)|`) and decreases `‖∇f‖`, so the last
//! Newton steps are taken and the minimizer is found to working precision.
//!
//! # Indefinite Hessians: the eigenvalue modification
//!
//! Where the Hessian `H = Q Λ Qᵀ` is not positive definite, the pure Newton
//! step `−H⁻¹∇f` may point uphill or be undefined. [`minimize`] replaces every
//! eigenvalue `λᵢ` by `max(|λᵢ|, δ)` with `δ = √ε · maxᵢ|λᵢ|` and steps along
//! `d = −Σᵢ qᵢ (qᵢᵀ∇f) / max(|λᵢ|, δ)`. This choice, rather than a modified
//! Cholesky factorization or Levenberg damping `H + μI`, because:
//!
//! - `d` is a descent direction whatever the signs of `λᵢ`
//!   (`∇fᵀd = −Σᵢ (qᵢᵀ∇f)² / max(|λᵢ|, δ) < 0`), so the line search always
//!   makes progress;
//! - directions of negative curvature are followed *away* from the maximum or
//!   saddle at the same scale Newton's method would use (the "saddle-free
//!   Newton" step), instead of being damped towards a gradient step by a
//!   shift that must be tuned;
//! - where `H` is safely positive definite nothing changes, so the final
//!   iterations are exact Newton steps and convergence stays quadratic;
//! - the eigenvectors also give the direction of most negative curvature, used
//!   when the gradient vanishes at a saddle or maximum: [`minimize`] then steps
//!   along that eigenvector rather than stopping, so it only reports points
//!   where the Hessian has no significantly negative eigenvalue.
//!
//! The decomposition is a cyclic Jacobi iteration on the stack (the same one
//! behind [`crate::solvers::curvature::spectrum`]); it needs no type-level bounds on
//! `N`, which nalgebra's `SymmetricEigen` would add to every signature here.
//! For the small `N` these solvers are meant for its `O(N³)` cost per sweep is
//! negligible next to evaluating a `HyperDual` Hessian.
//!
//! # Iteration log
//!
//! [`solve_with_log`] and [`minimize_with_log`] call a closure with an
//! [`Iterate`] (a small `Copy` record) for the starting point and for every
//! accepted step, before the convergence test. The record lives on the
//! stack and the closure is a generic parameter, so logging allocates
//! nothing and costs nothing when the closure is empty; [`solve`] and
//! [`minimize`] are exactly that.
//!
//! ```
//! use monodual::{Scalar, newton::{self, Options}};
//! use nalgebra::SVector;
//!
//! // Where does the circle x² + y² = 4 meet the line x = y?
//! fn system<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
//!     SVector::<S, 2>::new(x[0] * x[0] + x[1] * x[1] - 4.0, x[0] - x[1])
//! }
//!
//! let x0 = SVector::<f64, 2>::new(1.0, 2.0);
//! let mut residuals = [0.0; 16];
//! let root = newton::solve_with_log(|x| system(&x), x0, &Options::default(), |it| {
//!     residuals[it.iteration] = it.residual_norm;
//! })?;
//! assert!((root.x[0] - 2f64.sqrt()).abs() < 1e-12); // (√2, √2)
//! // quadratic convergence: each residual is about the square of the last
//! let k = root.iterations;
//! assert!(residuals[k - 1] < residuals[k - 2] * residuals[k - 2] * 10.0);
//! # Ok::<(), newton::SolveError>(())
//! ```

use core::fmt;

use nalgebra::{SMatrix, SVector};

use crate::solvers::curvature::symmetric_eigen;
use crate::{Dual, HyperDual, Real};

/// Tolerances and limits shared by [`solve`] and [`minimize`].
///
/// Build it from [`Options::default`] and override fields:
///
/// ```
/// use monodual::newton::Options;
///
/// let options = Options { max_iterations: 20, tolerance: 1e-12, ..Options::default() };
/// assert_eq!(options.max_backtracks, Options::<f64>::default().max_backtracks);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options<T = f64> {
    /// The most Newton steps taken before giving up with
    /// [`SolveError::NoConvergence`]. Default `100`.
    pub max_iterations: usize,
    /// Converged when `‖F(x)‖` ([`solve`]) or `‖∇f(x)‖` ([`minimize`]) is at
    /// most this. Must be `≥ 0`. Default: machine epsilon `ε` (`2.2e-16` for
    /// `f64`, `1.2e-7` for `f32`), an absolute residual at rounding level, so
    /// that by default the step test below ends the iteration, with `x`
    /// accurate to working precision; raise it to stop earlier.
    pub tolerance: T,
    /// Also converged when a full, unmodified Newton step `d` was taken with
    /// `‖d‖ ≤ step_tolerance · (1 + ‖x‖)` (in the quadratic regime the error
    /// after such a step is of order `‖d‖²`, below rounding), or when the
    /// line search fails on such a step (the merit function is at rounding
    /// level). Must be `≥ 0` (`0` turns this test off). Default `√ε` (about
    /// `1.5e-8` for `f64`).
    pub step_tolerance: T,
    /// The Armijo constant `c` of the line search, in `(0, 1)`: a step is
    /// accepted when the merit function falls by at least `c` times what
    /// its slope predicts. Default `1e-4`.
    pub sufficient_decrease: T,
    /// The most times one line search shortens a step before giving up with
    /// [`SolveError::LineSearchFailed`]. Default `50`.
    pub max_backtracks: usize,
}

impl<T: Real> Default for Options<T> {
    /// The defaults listed on each field.
    ///
    /// ```
    /// use monodual::newton::Options;
    /// let options = Options::<f64>::default();
    /// assert_eq!(options.max_iterations, 100);
    /// assert_eq!(options.tolerance, f64::EPSILON);
    /// ```
    #[inline]
    fn default() -> Self {
        let epsilon = T::default_epsilon();
        Self {
            max_iterations: 100,
            tolerance: epsilon,
            step_tolerance: epsilon.sqrt(),
            sufficient_decrease: nalgebra::convert(1e-4),
            max_backtracks: 50,
        }
    }
}

impl<T: Real> Options<T> {
    /// Checks every field against its documented range.
    fn validate(&self) -> Result<(), SolveError<T>> {
        // each test is written so that NaN fails it
        let tolerance_valid = self.tolerance >= T::zero();
        let step_tolerance_valid = self.step_tolerance >= T::zero();
        let decrease_valid =
            self.sufficient_decrease > T::zero() && self.sufficient_decrease < T::one();
        if !tolerance_valid {
            return Err(SolveError::InvalidOption {
                option: "tolerance",
                requirement: "a number ≥ 0",
            });
        }
        if !step_tolerance_valid {
            return Err(SolveError::InvalidOption {
                option: "step_tolerance",
                requirement: "a number ≥ 0",
            });
        }
        if !decrease_valid {
            return Err(SolveError::InvalidOption {
                option: "sufficient_decrease",
                requirement: "a number strictly between 0 and 1",
            });
        }
        Ok(())
    }
}

/// Why a solver stopped without an answer.
///
/// Every variant carries where it happened; `Display` says it in a sentence.
/// `T` is the float type of the problem (`f64` by default).
///
/// ```
/// use monodual::{Scalar, newton::{self, Options, SolveError}};
/// use nalgebra::SVector;
///
/// fn parallel_lines<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
///     SVector::<S, 2>::new(x[0] + x[1] - 1.0, x[0] + x[1] - 2.0)
/// }
/// let error = newton::solve(|x| parallel_lines(&x), SVector::<f64, 2>::zeros(), &Options::default())
///     .unwrap_err();
/// assert!(matches!(error, SolveError::SingularJacobian { iteration: 0, .. }));
/// assert!(error.to_string().starts_with("the Jacobian is singular"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum SolveError<T = f64> {
    /// A field of [`Options`] is out of its range.
    InvalidOption {
        /// The field's name.
        option: &'static str,
        /// What it must be.
        requirement: &'static str,
    },
    /// The Jacobian at the current point is singular or so ill-conditioned
    /// (reciprocal condition number below machine epsilon) that the Newton
    /// step means nothing.
    SingularJacobian {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
        /// The reciprocal condition number `1 / (‖J‖₁ ‖J⁻¹‖₁)`, `0` when a
        /// pivot vanished exactly.
        reciprocal_condition: T,
    },
    /// The Hessian vanishes at a point where the gradient does not, so no
    /// curvature information defines a step (the function is locally linear).
    SingularHessian {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
    },
    /// The starting point, or the function, its Jacobian, gradient or Hessian
    /// at an accepted point, is NaN or infinite.
    NonFinite {
        /// The iteration (0 = the starting point) where it happened.
        iteration: usize,
    },
    /// No step length along the Newton direction decreased the merit
    /// function enough within [`Options::max_backtracks`] tries (typically a
    /// discontinuous function, or a point already at rounding level).
    LineSearchFailed {
        /// The iteration (0 = the starting point) whose step failed.
        iteration: usize,
        /// `‖F(x)‖` ([`solve`]) or `‖∇f(x)‖` ([`minimize`]) at that point.
        residual: T,
    },
    /// [`Options::max_iterations`] steps were taken without converging.
    NoConvergence {
        /// Steps taken.
        iterations: usize,
        /// `‖F(x)‖` ([`solve`]) or `‖∇f(x)‖` ([`minimize`]) at the last point.
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
            Self::SingularHessian { iteration } => write!(
                f,
                "the Hessian is zero at iteration {iteration} while the gradient is not, \
                 so Newton's method has no step"
            ),
            Self::NonFinite { iteration } => write!(
                f,
                "a NaN or infinite value appeared at iteration {iteration}"
            ),
            Self::LineSearchFailed {
                iteration,
                residual,
            } => write!(
                f,
                "the line search found no sufficient decrease at iteration {iteration} \
                 (residual norm {residual})"
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

/// One point of a Newton iteration, as passed to the log closure of
/// [`solve_with_log`] and [`minimize_with_log`].
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// fn bowl<S: Scalar>(x: &SVector<S, 1>) -> S { (x[0] - 3.0).powi(2) }
/// let mut last_step = 0.0;
/// newton::minimize_with_log(|x| bowl(&x), SVector::zeros(), &Options::default(), |it| {
///     if it.iteration == 1 { last_step = it.step_norm; }
/// })?;
/// assert_eq!(last_step, 3.0); // one exact Newton step from 0 to 3
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Iterate<T, const N: usize> {
    /// 0 for the starting point, then one more for each accepted step.
    pub iteration: usize,
    /// The current point.
    pub x: SVector<T, N>,
    /// The merit value: `½‖F(x)‖²` for [`solve`], `f(x)` for [`minimize`].
    pub value: T,
    /// `‖F(x)‖` for [`solve`], `‖∇f(x)‖` for [`minimize`].
    pub residual_norm: T,
    /// The line-search factor `α` of the step that reached `x` (`1` is a full
    /// Newton step; `0` at the starting point).
    pub step_length: T,
    /// `‖x − x_previous‖` (`0` at the starting point).
    pub step_norm: T,
    /// `true` if the step that reached `x` used a modified Hessian (some
    /// eigenvalue below `√ε · max|λ|` was replaced) or followed a direction of
    /// negative curvature; always `false` for [`solve`].
    pub hessian_modified: bool,
}

/// A root found by [`solve`].
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// fn cube<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> { SVector::<S, 1>::new(x[0].powi(3) - 8.0) }
/// let root = newton::solve(|x| cube(&x), SVector::<f64, 1>::new(1.0), &Options::default())?;
/// assert!((root.x[0] - 2.0).abs() < 1e-12 && root.residual_norm < 1e-10);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Root<T, const N: usize> {
    /// The root: `F(x) ≈ 0`.
    pub x: SVector<T, N>,
    /// Newton steps taken.
    pub iterations: usize,
    /// `‖F(x)‖`.
    pub residual_norm: T,
}

/// A local minimum found by [`minimize`].
///
/// ```
/// use monodual::{Scalar, newton::{self, Options}};
/// use nalgebra::SVector;
///
/// fn bowl<S: Scalar>(x: &SVector<S, 2>) -> S { (x[0] - 1.0).powi(2) + (x[1] + 2.0).powi(2) * 3.0 + 5.0 }
/// let min = newton::minimize(|x| bowl(&x), SVector::zeros(), &Options::default())?;
/// assert_eq!(min.x, SVector::<f64, 2>::new(1.0, -2.0)); // a quadratic: one exact step
/// assert_eq!((min.value, min.iterations), (5.0, 1));
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Minimum<T, const N: usize> {
    /// The minimizer.
    pub x: SVector<T, N>,
    /// `f(x)`.
    pub value: T,
    /// `‖∇f(x)‖`.
    pub gradient_norm: T,
    /// Newton steps taken.
    pub iterations: usize,
}

/// Finds a root of `F: Rᴺ → Rᴺ` from `x0` by damped Newton's method, with the
/// Jacobian computed exactly by [`Dual`] numbers.
///
/// Each step solves `J d = −F` (LU with partial pivoting) and backtracks on
/// `½‖F‖²`; see the [module documentation](self). Same as
/// [`solve_with_log`] without a log.
///
/// # Errors
///
/// - [`SolveError::InvalidOption`] if `options` is out of range;
/// - [`SolveError::NonFinite`] if `x0`, `F` or `J` is NaN or infinite at an
///   iterate;
/// - [`SolveError::SingularJacobian`] if `J` is singular or ill-conditioned;
/// - [`SolveError::LineSearchFailed`] if no step length decreases `½‖F‖²`;
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

/// [`solve`], calling `log` with every [`Iterate`]: the start and each
/// accepted step, before the convergence test.
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
        return Err(SolveError::NonFinite { iteration: 0 });
    }
    let half: T = nalgebra::convert(0.5);
    let evaluate = |x: &SVector<T, N>| {
        let (fx, jx) = crate::jacobian(&f, *x);
        let merit = fx.norm_squared() * half;
        (merit, merit, (fx, jx))
    };

    let mut x = x0;
    let (mut merit, _, (mut fx, mut jx)) = evaluate(&x);
    let mut step = Step::start();
    let mut iteration = 0;
    loop {
        if !all_finite(fx.iter().chain(jx.iter())) {
            return Err(SolveError::NonFinite { iteration });
        }
        let residual = fx.norm();
        log(&step.iterate(iteration, x, merit, residual));
        if residual <= options.tolerance || step.converged(options, &x) {
            return Ok(Root {
                x,
                iterations: iteration,
                residual_norm: residual,
            });
        }
        if iteration >= options.max_iterations {
            return Err(SolveError::NoConvergence {
                iterations: iteration,
                residual,
            });
        }

        // J d = −F
        let lu = Lu::new(jx);
        let reciprocal_condition = lu.reciprocal_condition(&jx);
        let well_conditioned = reciprocal_condition >= T::default_epsilon();
        if !well_conditioned {
            return Err(SolveError::SingularJacobian {
                iteration,
                reciprocal_condition,
            });
        }
        let direction = -lu.solve(&fx);
        // d/dα ½‖F(x + αd)‖² at α = 0 is Fᵀ J d (= −‖F‖² up to rounding)
        let slope = fx.dot(&(jx * direction));
        let line_search = LineSearch {
            merit,
            slope,
            curvature: T::zero(),
            // ½‖F‖² → 0 at a root, so its rounding never hides progress
            stationarity: None,
        };
        let Some((alpha, next, next_merit, (next_f, next_j))) =
            line_search.run(&x, &direction, options, evaluate)
        else {
            // no decrease along a negligible Newton step: x is a root to
            // working precision, ½‖F‖² is rounding noise
            if is_negligible(&direction, options, &x) {
                return Ok(Root {
                    x,
                    iterations: iteration,
                    residual_norm: residual,
                });
            }
            return Err(SolveError::LineSearchFailed {
                iteration,
                residual,
            });
        };
        step = Step::taken(alpha, &direction, false);
        (x, merit, fx, jx) = (next, next_merit, next_f, next_j);
        iteration += 1;
    }
}

/// Finds a local minimum of `f: Rᴺ → R` from `x0` by Newton's method on
/// `∇f = 0`, with the gradient and Hessian computed exactly by [`HyperDual`]
/// numbers.
///
/// Indefinite or singular Hessians are handled by the eigenvalue
/// modification described in the [module documentation](self), and every
/// step passes an Armijo line search on `f`, so `f` decreases at every
/// iteration (or, at rounding level, stays put while `‖∇f‖` decreases).
/// Converged means `‖∇f‖ ≤ tolerance` (or a tiny full Newton
/// step) where the Hessian has no eigenvalue below `−√ε · max|λ|`; at a
/// saddle or maximum with vanishing gradient the solver steps along the
/// most negative curvature instead of stopping. Same as
/// [`minimize_with_log`] without a log.
///
/// # Errors
///
/// - [`SolveError::InvalidOption`] if `options` is out of range;
/// - [`SolveError::NonFinite`] if `x0`, `f`, `∇f` or `H` is NaN or infinite
///   at an iterate;
/// - [`SolveError::SingularHessian`] if the Hessian is exactly zero where the
///   gradient is not (a locally linear function);
/// - [`SolveError::LineSearchFailed`] if no step length decreases `f`;
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
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    minimize_with_log(f, x0, options, |_| {})
}

/// [`minimize`], calling `log` with every [`Iterate`]: the start and each
/// accepted step, before the convergence test.
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
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
    L: FnMut(&Iterate<T, N>),
{
    options.validate()?;
    if !all_finite(x0.iter()) {
        return Err(SolveError::NonFinite { iteration: 0 });
    }
    let evaluate = |x: &SVector<T, N>| {
        let (value, gradient, hessian) = crate::hessian(&f, *x);
        (value, gradient.norm(), (gradient, hessian))
    };
    let threshold = T::default_epsilon().sqrt();

    let mut x = x0;
    let (mut value, _, (mut gradient, mut hessian)) = evaluate(&x);
    let mut step = Step::start();
    let mut iteration = 0;
    loop {
        let finite = value.is_finite() && all_finite(gradient.iter().chain(hessian.iter()));
        if !finite {
            return Err(SolveError::NonFinite { iteration });
        }
        let gradient_norm = gradient.norm();
        log(&step.iterate(iteration, x, value, gradient_norm));

        // H = Q Λ Qᵀ, eigenvalues ascending
        let (eigenvalues, eigenvectors) = symmetric_eigen(&hessian);
        let largest = eigenvalues.iter().fold(T::zero(), |m, l| m.max(l.abs()));
        // eigenvalues below δ are rounding noise or genuinely (near-)singular
        let delta = threshold * largest;
        let negative_curvature = N > 0 && eigenvalues[0] < -delta;

        let stationary = gradient_norm <= options.tolerance || step.converged(options, &x);
        if stationary && !negative_curvature {
            return Ok(Minimum {
                x,
                value,
                gradient_norm,
                iterations: iteration,
            });
        }
        if iteration >= options.max_iterations {
            return Err(SolveError::NoConvergence {
                iterations: iteration,
                residual: gradient_norm,
            });
        }

        let has_curvature = largest > T::zero();
        if !has_curvature {
            // H = 0 where ∇f ≠ 0 (a zero H at a stationary point returned above)
            return Err(SolveError::SingularHessian { iteration });
        }
        // d = −Σᵢ qᵢ (qᵢᵀ∇f) / max(|λᵢ|, δ)
        let mut newton_direction = SVector::<T, N>::zeros();
        let mut modified = false;
        for (i, eigenvalue) in eigenvalues.iter().enumerate() {
            let q = eigenvectors.column(i);
            let curvature = if *eigenvalue >= delta {
                *eigenvalue
            } else {
                modified = true;
                eigenvalue.abs().max(delta)
            };
            newton_direction -= q * (q.dot(&gradient) / curvature);
        }

        let escape = stationary || is_negligible(&newton_direction, options, &x);
        let (direction, curvature, modified) = if negative_curvature && escape {
            // ∇f ≈ 0 at a saddle or maximum: follow the eigenvector q of the
            // most negative eigenvalue, oriented downhill, at the scale of x.
            // Along it f(x + αd) ≈ f + α ∇fᵀd + ½ α² λ ‖d‖².
            let q = eigenvectors.column(0).into_owned();
            let oriented = if gradient.dot(&q) > T::zero() { -q } else { q };
            let scale = T::one() + x.norm();
            (oriented * scale, eigenvalues[0] * scale * scale, true)
        } else {
            (newton_direction, T::zero(), modified)
        };

        let line_search = LineSearch {
            merit: value,
            slope: gradient.dot(&direction),
            curvature,
            // near a minimum f changes by ~‖∇f‖²/λ, which drops below the
            // rounding of f long before ∇f reaches rounding level
            stationarity: Some(gradient_norm),
        };
        let Some((alpha, next, next_value, (next_gradient, next_hessian))) =
            line_search.run(&x, &direction, options, evaluate)
        else {
            // no decrease along a negligible, unmodified Newton step: x is a
            // minimizer to working precision, f is at rounding level
            if !modified && is_negligible(&direction, options, &x) {
                return Ok(Minimum {
                    x,
                    value,
                    gradient_norm,
                    iterations: iteration,
                });
            }
            return Err(SolveError::LineSearchFailed {
                iteration,
                residual: gradient_norm,
            });
        };
        step = Step::taken(alpha, &direction, modified);
        (x, value, gradient, hessian) = (next, next_value, next_gradient, next_hessian);
        iteration += 1;
    }
}

/// `‖d‖ ≤ step_tolerance · (1 + ‖x‖)`: a Newton step too small to matter.
#[inline]
fn is_negligible<T: Real, const N: usize>(
    direction: &SVector<T, N>,
    options: &Options<T>,
    x: &SVector<T, N>,
) -> bool {
    direction.norm() <= options.step_tolerance * (T::one() + x.norm())
}

/// `true` if every number is finite.
#[inline]
fn all_finite<'a, T: Real>(mut numbers: impl Iterator<Item = &'a T>) -> bool {
    numbers.all(|x| x.is_finite())
}

/// What is known about the step that reached the current point.
struct Step<T> {
    /// The line-search factor α (0 before the first step).
    length: T,
    /// `‖α d‖`.
    norm: T,
    /// The full direction's norm `‖d‖`.
    direction_norm: T,
    /// The Hessian was modified, or negative curvature followed.
    modified: bool,
}

impl<T: Real> Step<T> {
    /// Before the first step.
    fn start() -> Self {
        Self {
            length: T::zero(),
            norm: T::zero(),
            direction_norm: T::zero(),
            modified: false,
        }
    }

    /// A step `α d` was accepted.
    fn taken<const N: usize>(length: T, direction: &SVector<T, N>, modified: bool) -> Self {
        let direction_norm = direction.norm();
        Self {
            length,
            norm: direction_norm * length,
            direction_norm,
            modified,
        }
    }

    /// The step was a full, unmodified Newton step, too small to matter at
    /// the new point `x`.
    fn converged<const N: usize>(&self, options: &Options<T>, x: &SVector<T, N>) -> bool {
        self.length == T::one()
            && !self.modified
            && self.direction_norm <= options.step_tolerance * (T::one() + x.norm())
    }

    /// The log record of the point this step reached.
    fn iterate<const N: usize>(
        &self,
        iteration: usize,
        x: SVector<T, N>,
        value: T,
        residual_norm: T,
    ) -> Iterate<T, N> {
        Iterate {
            iteration,
            x,
            value,
            residual_norm,
            step_length: self.length,
            step_norm: self.norm,
            hessian_modified: self.modified,
        }
    }
}

/// A backtracking line search on a merit function `φ` along a direction `d`,
/// with the model `φ(x + αd) ≈ φ(x) + α·slope + ½α²·curvature`.
struct LineSearch<T> {
    /// `φ(x)`.
    merit: T,
    /// `∇φ(x)ᵀd`, negative for a descent direction.
    slope: T,
    /// `dᵀ∇²φ(x) d` when it is negative and drives the step (a direction of
    /// negative curvature), else zero.
    curvature: T,
    /// A measure of stationarity at `x` (`‖∇f‖`) to fall back on where `φ`
    /// is flat to rounding; `None` for no fallback.
    stationarity: Option<T>,
}

impl<T: Real> LineSearch<T> {
    /// Tries `α = 1, …` until `φ(x + αd) ≤ φ(x) + c·(α slope + ½α² curvature)`
    /// and `φ(x + αd) < φ(x)`, with a finite value, or, with a stationarity
    /// measure, until `φ` is unchanged to rounding (`φ(x + αd) ≤ φ(x) +
    /// 2ε|φ(x)|`) while the measure decreases. `evaluate` returns `φ`, the
    /// stationarity measure and anything else; the result is `α`, the new
    /// point, `φ` there and that anything else (for the next iteration).
    fn run<E, const N: usize>(
        &self,
        x: &SVector<T, N>,
        direction: &SVector<T, N>,
        options: &Options<T>,
        evaluate: impl Fn(&SVector<T, N>) -> (T, T, E),
    ) -> Option<(T, SVector<T, N>, T, E)> {
        // Newton's direction with a non-negative slope only arises from
        // rounding (or NaN); no step along it can be guaranteed to help.
        if !(self.slope < T::zero() || self.curvature < T::zero()) {
            return None;
        }
        let half: T = nalgebra::convert(0.5);
        let tenth: T = nalgebra::convert(0.1);
        let mut alpha = T::one();
        for _ in 0..=options.max_backtracks {
            let trial = x + direction * alpha;
            let (merit, stationarity, extra) = evaluate(&trial);
            let predicted = alpha * self.slope + half * alpha * alpha * self.curvature;
            // a strict decrease too: when the predicted decrease is below the
            // rounding of φ, an equal value is not progress
            let sufficient = merit <= self.merit + options.sufficient_decrease * predicted;
            let decreased = merit < self.merit && sufficient;
            let flat_but_closer = self.stationarity.is_some_and(|before| {
                let rounding = T::default_epsilon() * (self.merit.abs() + self.merit.abs());
                merit <= self.merit + rounding && stationarity < before
            });
            if merit.is_finite() && (decreased || flat_but_closer) {
                return Some((alpha, trial, merit, extra));
            }
            // The minimizer of the quadratic through φ(0), φ'(0) and φ(α),
            // kept within [α/10, α/2]; plain halving when φ(α) is not finite
            // or the model has a curvature term.
            let excess = merit - self.merit - self.slope * alpha;
            let interpolated = -self.slope * alpha * alpha / (excess + excess);
            let next = if merit.is_finite() && self.curvature == T::zero() && excess > T::zero() {
                interpolated.max(alpha * tenth).min(alpha * half)
            } else {
                alpha * half
            };
            alpha = next;
        }
        None
    }
}

/// An LU factorization `P A = L U` with partial pivoting of a small static
/// matrix, on the stack and with no type-level bounds on `N` (nalgebra's
/// `LU` needs `Const<N>: DimMin<Const<N>>`, which generic code would have to
/// carry).
pub(crate) struct Lu<T, const N: usize> {
    /// `L` below the diagonal (unit diagonal implied) and `U` on and above.
    factors: SMatrix<T, N, N>,
    /// Row `k` was swapped with row `pivots[k]` at step `k`.
    pivots: [usize; N],
    /// A pivot was exactly zero (or NaN): `A` is singular.
    singular: bool,
}

impl<T: Real, const N: usize> Lu<T, N> {
    /// Factors `a`.
    pub(crate) fn new(a: SMatrix<T, N, N>) -> Self {
        let mut factors = a;
        let mut pivots = [0; N];
        let mut singular = false;
        for k in 0..N {
            // the largest entry of column k on or below the diagonal
            let mut pivot_row = k;
            let mut largest = factors[(k, k)].abs();
            for i in k + 1..N {
                let candidate = factors[(i, k)].abs();
                if candidate > largest {
                    largest = candidate;
                    pivot_row = i;
                }
            }
            pivots[k] = pivot_row;
            let nonzero = largest > T::zero(); // false for NaN too
            if !nonzero {
                singular = true;
                continue;
            }
            factors.swap_rows(k, pivot_row);
            let pivot = factors[(k, k)];
            for i in k + 1..N {
                let multiplier = factors[(i, k)] / pivot;
                factors[(i, k)] = multiplier;
                for j in k + 1..N {
                    let above = factors[(k, j)];
                    factors[(i, j)] -= multiplier * above;
                }
            }
        }
        Self {
            factors,
            pivots,
            singular,
        }
    }

    /// `x` with `A x = b` (garbage if the matrix is singular: check
    /// [`Lu::reciprocal_condition`] first).
    pub(crate) fn solve(&self, b: &SVector<T, N>) -> SVector<T, N> {
        let mut x = *b;
        for (k, &pivot_row) in self.pivots.iter().enumerate() {
            x.swap_rows(k, pivot_row);
        }
        // L y = P b, L unit lower triangular
        for i in 0..N {
            for j in 0..i {
                let known = x[j];
                x[i] -= self.factors[(i, j)] * known;
            }
        }
        // U x = y
        for i in (0..N).rev() {
            for j in i + 1..N {
                let known = x[j];
                x[i] -= self.factors[(i, j)] * known;
            }
            x[i] /= self.factors[(i, i)];
        }
        x
    }

    /// `1 / (‖A‖₁ ‖A⁻¹‖₁)`, in `[0, 1]`: near 0 means singular to working
    /// precision. `a` is the matrix that was factored. Computes `A⁻¹` column
    /// by column (`O(N³)`, fine for the small `N` this is meant for).
    pub(crate) fn reciprocal_condition(&self, a: &SMatrix<T, N, N>) -> T {
        if self.singular {
            return T::zero();
        }
        let mut inverse_norm = T::zero();
        for j in 0..N {
            let mut unit = SVector::<T, N>::zeros();
            unit[j] = T::one();
            let column = self.solve(&unit);
            inverse_norm = inverse_norm.max(column.lp_norm(1));
        }
        let reciprocal = T::one() / (max_column_sum(a) * inverse_norm);
        if reciprocal.is_finite() {
            reciprocal
        } else {
            T::zero()
        }
    }
}

/// `‖A‖₁`, the largest column sum of absolute values.
fn max_column_sum<T: Real, const N: usize>(a: &SMatrix<T, N, N>) -> T {
    a.column_iter()
        .fold(T::zero(), |norm, column| norm.max(column.lp_norm(1)))
}
