//! Newton's method with a trust region, for minimization ([`minimize`]) and
//! for square nonlinear systems ([`solve`]), with exact Hessians and
//! Jacobians from the number types.
//!
//! Both solvers work on `SVector<T, N>`, allocate nothing and never panic:
//! every failure (a bad option, a non-finite value, a function unbounded
//! below, a local minimum of `‖F‖` that is not a root, a trust region that
//! collapses, too many iterations) is a [`SolveError`] that says what went
//! wrong and at which iteration, with the residual there.
//!
//! # `minimize`: trust-region Newton with the exact Hessian
//!
//! Each iteration minimizes the quadratic model
//! `m(s) = f + ∇fᵀs + ½ sᵀHs` (the exact `HyperDual` Hessian) over the
//! ellipse `‖D s‖ ≤ Δ`, nearly exactly, as Moré and Sorensen (1983) do:
//! the Newton step `−H⁻¹∇f` when `H` is positive definite and the step
//! fits; otherwise the step `−(H + σD²)⁻¹∇f` with the shift `σ ≥ 0` that
//! puts it on the boundary and makes `H + σD²` positive semidefinite; in the
//! hard case (the gradient orthogonal to the eigenvector of the lowest,
//! non-positive eigenvalue) that step plus a multiple of the eigenvector,
//! out to the boundary. The subproblem is solved in the eigenbasis of the
//! scaled Hessian `D⁻¹HD⁻¹`, by the cyclic Jacobi method on the stack: every
//! trial shift then costs `O(N)`, and at the small `N` these solvers are
//! for, the `O(N³)` decomposition is cheap next to a `HyperDual` Hessian.
//!
//! A positive definite Hessian is never modified: wherever the Newton step
//! lies inside the region it is taken as it is, so the final iterations are
//! Newton's and converge quadratically however badly `H` is conditioned. A
//! step is accepted when the actual decrease is at least
//! [`Options::sufficient_decrease`] times the predicted one (`ρ ≥ η`);
//! `Δ` is quartered (to a quarter of the step) when `ρ < ¼` or the trial is
//! NaN or infinite (a step out of `f`'s domain is shortened, not fatal), and
//! doubled when `ρ > ¾` on a step at the boundary. Where the predicted
//! decrease is below the rounding of `f` (`≤ 16ε|f|`), a step that leaves
//! `f` unchanged to that rounding (`f₊ ≤ f + 16ε|f|`) and lowers the scaled
//! gradient `‖D⁻¹∇f‖` is accepted too, so the last Newton steps are taken.
//!
//! **Scaling.** `D = diag(dᵢ)` with `dᵢ = √|Hᵢᵢ(x)|` at the current point
//! (the previous `dᵢ` where `Hᵢᵢ = 0`, `1` at the start). Multiplying an
//! unknown by a constant multiplies its `dᵢ` by the inverse, so the
//! iterates do not depend on the units of the unknowns, nor on a constant
//! factor on `f`. Unlike MINPACK, which only lets its scale factors grow,
//! `D` follows the current Hessian, so a start where one `Hᵢᵢ` is huge
//! (Rosenbrock's function from 100 times its standard start: `H₁₁ ≈ 1.7·10⁷`
//! there, 802 at the minimizer) does not confine that unknown to tiny steps
//! for the rest of the run. Measured on 29 runs of 13 test functions,
//! neither choice dominates: the growing `D` takes 269 iterations instead
//! of 255 on that Rosenbrock run and reaches a local minimum of Osborne 1
//! from 100·x₀ where the current `D` runs off to infinity, but runs off to
//! infinity on Box 3D from 100·x₀ where the current `D` finds `f = 0`.
//! `Δ₀` is
//! `max(`[`Options::initial_radius`]` · ‖D x₀‖, ‖D s_N‖)` (the second term
//! only where `H(x₀)` is positive definite): the first trial is then the
//! Newton step.
//!
//! **Stopping tests.** Every test is relative, so none depends on the units
//! of `f` or of the unknowns, and none passes where `f` merely approaches
//! its infimum: `e⁻ˣ` has `‖∇f‖ < ε` from `x = 37` on, but its Newton step
//! stays `1` and the model keeps predicting a decrease of `f/2`, so no test
//! ends the iteration (an absolute gradient test did, with `Ok` at `x = 37`).
//! A point where `∇f` and `H` are exactly zero (`f` flat to rounding, as
//! where an exponential has underflowed: a Gaussian fitted far from its
//! data, or `e⁻ˣ` beyond `x = 745`) has no model and shows no minimum: it is
//! [`SolveError::Unbounded`] if it was reached by descent and `f` does not
//! rise along the last step out to the reach of the ray check below (the
//! iterates were running off to infinity), else
//! [`SolveError::NoProgress`]. Otherwise, if the scaled
//! Hessian has no eigenvalue below `−√ε · max|λ|` (no significant negative
//! curvature), the point is returned as a minimum when
//!
//! 1. *gradient*: `maxᵢ |∂ᵢf| · max(|xᵢ|, |x₀ᵢ|) ≤` [`Options::tolerance`]
//!    `· |f|` (default `ε`: the gradient is at the rounding level of `f`
//!    over the scale of `x`; a nonzero `∂ᵢf` where `xᵢ = x₀ᵢ = 0` has no
//!    scale and fails). In practice this ends the iteration where `∇f = 0`
//!    exactly; or
//! 2. *decrease*: the decrease the Newton model still predicts,
//!    `½ Σᵢ γᵢ² / max(λᵢ, δ)` (`γ = Qᵀ D⁻¹∇f` in the eigenbasis of the scaled
//!    Hessian, `δ = 16 N ε max|λ|` the rounding level of its eigenvalues), is
//!    at most [`Options::decrease_tolerance`] `· |f|` (default `ε`: `f`
//!    equals its minimum to rounding), computed as `½ Σᵢ (γᵢ/√|f|)² /
//!    max(λᵢ, δ)` so that it neither underflows nor overflows. Invariant under
//!    scaling `f` and the unknowns; only eigenvalues at rounding level are
//!    floored, so an ill-conditioned positive definite Hessian enters with
//!    its true eigenvalues (a floor at `√ε max|λ|` underestimates the
//!    remaining decrease once the condition number passes `1/√ε` and stopped
//!    `minimize` far from the minimum of Brown's badly scaled function when
//!    `D = I`), while a gradient along an exactly flat direction keeps the
//!    test from passing. The Newton step is then taken as in test 3, for `x`
//!    to full precision; or
//! 3. *step*: every component of that (floored) Newton step is small next to
//!    the scale of its unknown, `|s_N,ᵢ| ≤` [`Options::step_tolerance`]
//!    `· max(|xᵢ|, maxₖ |xₖ,ᵢ − x₀ᵢ|)` (default `√ε`): the larger of the
//!    unknown's size and its farthest excursion from the start. Componentwise,
//!    so a large unknown does not hide an unconverged small one (a scaled
//!    norm `‖D s_N‖ ≤ √ε ‖D x‖` passed on Beale's function at a point with
//!    `‖∇f‖ ≈ 5·10⁷`); the excursion term ends the iteration at a minimizer
//!    at `0` that no test relative to `|xᵢ|` could (Powell's singular
//!    function, where `f = 0` is approached linearly and tests 1 and 2 never
//!    pass), but not on an iterate running off to infinity with constant
//!    steps (`e⁻ˣ`). `s_N` is then taken if it lowers `f`, or leaves it
//!    unchanged to rounding with a smaller scaled gradient (and is not flat),
//!    so `x` is accurate to `‖s_N‖²` near a nondegenerate minimizer and to
//!    about `‖s_N‖` near a singular one.
//!
//! **The ray check.** The tests above are local, and where `f` only
//! approaches its infimum at infinity they can all pass together once `f`,
//! `∇f` and `H` have decayed far enough (logistic regression on linearly
//! separable data: at `f ≈ 10⁻³²³`, `∇f` has underflowed to exactly zero
//! while one Hessian entry has not, and test 1 passed). So before it returns
//! a minimum, `minimize` checks along two rays from `x`, the last step and
//! the direction of travel `x − x₀`: `f` at `x + t u` (`‖u‖∞ = 1`), for
//! `t = t₀, 2t₀, 4t₀, …` from `t₀ = max(‖last step‖∞, √ε · s)` (`s =
//! max(‖x‖∞, ‖x − x₀‖∞)`) until `f` rises above `f(x)` (or is NaN, out of its
//! domain). Near a minimizer `x*` it rises on every ray once `t` passes
//! `‖x − x*‖`, usually at the first trial, so the check costs two evaluations;
//! if `f` has not risen on one of the rays by `t =`
//! [`Options::unbounded_distance`] `· s`, there is no minimizer near `x`
//! and the answer is [`SolveError::Unbounded`]. A minimum with a slope
//! towards infinity beyond it (`x² e⁻ˣ` at 0, past its maximum at 2) passes:
//! `f` rises first.
//!
//! Where significant negative curvature remains, no test applies: the step
//! follows it out of the saddle or maximum even where `∇f = 0`. If every
//! trial step is rejected down to a step that no longer changes `x` (or
//! [`Options::max_backtracks`] in a row), the point is a minimum if the
//! model predicts less than a `√ε` relative decrease (`f` is flat to
//! rounding), else [`SolveError::NoProgress`]. If `f` falls to `−∞`, or
//! keeps falling while `‖x − x₀‖∞` passes [`Options::unbounded_distance`]
//! `· max(‖x₀‖∞, ‖s₁‖∞)`, the answer is [`SolveError::Unbounded`]. After
//! [`Options::max_iterations`] steps it is [`SolveError::NoConvergence`].
//!
//! **Defaults** (each field of [`Options`] says why):
//!
//! | option | default | used by |
//! |---|---|---|
//! | [`Options::max_iterations`] | `2000` | both |
//! | [`Options::tolerance`] | `ε` | `solve`: `‖F‖ ≤ tol`; `minimize`: test 1 |
//! | [`Options::step_tolerance`] | `√ε` | both: the step test |
//! | [`Options::decrease_tolerance`] | `ε` | `minimize`: test 2 |
//! | [`Options::sufficient_decrease`] | `10⁻⁴` | both: `ρ ≥ η` to accept |
//! | [`Options::max_backtracks`] | `50` | both: rejected trials in a row |
//! | [`Options::initial_radius`] | `100` | both: `Δ₀` |
//! | [`Options::unbounded_distance`] | `1/√ε` | `minimize` |
//!
//! # `solve`: Powell's hybrid method with the exact Jacobian
//!
//! [`solve`] follows MINPACK's `hybrj` (Powell's dogleg), with the exact
//! Jacobian recomputed at every accepted point instead of Broyden updates.
//! In the scaled variables `ŝ = D s`, `Ĵ = J D⁻¹`, the step is the Newton
//! point `−Ĵ⁻¹F` if it fits in `‖ŝ‖ ≤ Δ`; else the Cauchy point (the
//! minimizer of `½‖F + Ĵŝ‖²` along the scaled gradient `−ĴᵀF`) if it does
//! not; else the point where the segment between them leaves the region.
//! The Newton point comes from an LU factorization of `Ĵ` equilibrated by
//! rows and columns, so an equation or unknown multiplied by `1e-20` changes
//! nothing; where `Ĵ` is singular to working precision the small pivots are
//! replaced by `ε · max|u_kk|`, which makes the Newton point long in the
//! singular directions, and the dogleg turns towards the gradient as the
//! region shrinks: the iteration keeps going where the Jacobian is singular
//! or nearly so. A step is accepted when `ρ ≥` [`Options::sufficient_decrease`],
//! with MINPACK's relative reductions `1 − (‖F₊‖/‖F‖)²` (actual) and
//! `1 − (‖F + Ĵŝ‖/‖F‖)²` (predicted), and `Δ` follows the step as in `hybrj`:
//! halved (to half the step) when `ρ < 0.1`, at least twice the step when
//! `ρ ≥ ½` or on a second success in a row, exactly twice the step when
//! `|ρ − 1| ≤ 0.1`. (Quartering and doubling `Δ` itself, as [`minimize`]
//! does, lets the region collapse along curved valleys where a singular
//! Jacobian makes every step a short dogleg: 45 instead of 48 of the 55 runs
//! of MINPACK's hybrd tests.) Every norm is computed by scaling first, so
//! residuals near `1e300` do not overflow.
//!
//! **Scaling.** `D = diag(dⱼ)` with `dⱼ = maxₖ ‖Jⱼ(xₖ)‖` (column norms,
//! `1` for a zero column at the start), never decreasing (MINPACK's
//! `mode = 1`); `Δ₀ = max(`[`Options::initial_radius`]` · ‖D x₀‖, ‖D s_N‖)`
//! (the second term only where no pivot was regularized), so the first
//! trial is the Newton step (`x − 10²⁰⁰ = 0` is solved in one step from 0).
//!
//! **Stopping tests.** A root is returned when
//!
//! 1. *residual*: `‖F‖ ≤` [`Options::tolerance`] (absolute; default `ε`); or
//! 2. *step*: the Newton point was computed without regularized pivots and
//!    `‖D s_N‖ ≤` [`Options::step_tolerance`] `· ‖D x‖`; `s_N` is then
//!    taken if it does not raise `‖F‖` (MINPACK's `xtol` test, applied to a
//!    genuine Newton step rather than the trust radius, so that a collapsed
//!    region at a non-root is never reported as a root).
//!
//! [`SolveError::ResidualMinimum`] when `maxⱼ |JⱼᵀF| / (‖Jⱼ‖‖F‖) ≤ ε`
//! (MINPACK's `gtol` measure: `F` is orthogonal to the columns of `J`, a
//! stationary point of `‖F‖` with `F ≠ 0`), or when that measure is below
//! `ε^¼` (such a minimum is approached linearly, so `x` is known to about
//! `√ε` there) and either the trust region collapses or 10 accepted steps
//! in a row each reduce `‖F‖²` by less than 0.1 % (MINPACK's `info = 5`).
//! Slow progress alone is not reported as a residual minimum: along a long
//! valley of `‖F‖` with the region still doubling (Chebyquad, n = 9, from
//! 10·x₀, at `‖F‖ ≈ 5·10¹²`) every step gains little too, and the iteration
//! goes on. A region that collapses where the measure is above `ε^¼` is
//! [`SolveError::NoProgress`] (`F` is not smooth there).
//!
//! # Iteration log
//!
//! [`solve_with_log`] and [`minimize_with_log`] call a closure with an
//! [`Iterate`] (a small `Copy` record) for the starting point and for every
//! accepted step, before the stopping tests. The record lives on the stack
//! and the closure is a generic parameter, so logging allocates nothing and
//! costs nothing when the closure is empty; [`solve`] and [`minimize`] are
//! exactly that.
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

mod error;
mod minimize;
mod options;
mod ray;
mod solve;
mod subproblem;

use nalgebra::SVector;

use crate::Real;

pub use error::SolveError;
pub use minimize::{minimize, minimize_with_log};
pub use options::Options;
pub use solve::{solve, solve_with_log};

/// One point of an iteration, as passed to the log closure of
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
    /// The merit value: `½‖F(x)‖²` for [`solve`] (`∞` if that overflows;
    /// the solver itself works with `‖F‖`), `f(x)` for [`minimize`].
    pub value: T,
    /// `‖F(x)‖` for [`solve`], `‖∇f(x)‖` for [`minimize`].
    pub residual_norm: T,
    /// The step that reached `x` as a fraction of the Newton step at the
    /// previous point, `‖D s‖ / ‖D s_N‖` capped at `1` (`1`: a full Newton
    /// step; less where the trust region cut it; `0` at the start).
    pub step_length: T,
    /// `‖x − x_previous‖` (`0` at the starting point).
    pub step_norm: T,
    /// `true` if the step that reached `x` was not the plain Newton step: the
    /// trust region shifted the Hessian (`H + σD²`, `σ > 0`), followed
    /// negative curvature, or (for [`solve`]) took a dogleg or regularized
    /// step.
    pub hessian_modified: bool,
    /// The trust radius `Δ` (in the scaled norm `‖D s‖`) the step was
    /// computed with (`0` at the start).
    pub radius: T,
}

impl<T: Real, const N: usize> Iterate<T, N> {
    /// The record of the starting point.
    fn start(x: SVector<T, N>, value: T, residual_norm: T) -> Self {
        Self {
            iteration: 0,
            x,
            value,
            residual_norm,
            step_length: T::zero(),
            step_norm: T::zero(),
            hessian_modified: false,
            radius: T::zero(),
        }
    }
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
/// assert!(root.evaluations > root.iterations);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Root<T, const N: usize> {
    /// The root: `F(x) ≈ 0`.
    pub x: SVector<T, N>,
    /// Steps taken.
    pub iterations: usize,
    /// `‖F(x)‖`.
    pub residual_norm: T,
    /// Evaluations of `F` and `J` (one `Dual` pass each), trial points
    /// included.
    pub evaluations: usize,
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
    /// Steps taken.
    pub iterations: usize,
    /// Evaluations of `f`, `∇f` and `H` (one `HyperDual` pass each), trial
    /// points included.
    pub evaluations: usize,
}

/// `true` if every number is finite.
#[inline]
#[must_use]
fn all_finite<'a, T: Real>(mut numbers: impl Iterator<Item = &'a T>) -> bool {
    numbers.all(|x| x.is_finite())
}

/// `maxᵢ |vᵢ|` (`0` for `N = 0`).
#[inline]
#[must_use]
fn max_abs<T: Real, const N: usize>(v: &SVector<T, N>) -> T {
    v.iter().fold(T::zero(), |m, x| m.max(x.abs()))
}
