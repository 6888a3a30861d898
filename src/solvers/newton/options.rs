//! [`Options`]: the tolerances and limits of [`super::solve`] and
//! [`super::minimize`], validated before the first step.

use crate::Real;

use super::SolveError;

/// Tolerances and limits shared by [`solve`](super::solve) and
/// [`minimize`](super::minimize).
///
/// Build it from [`Options::default`] and override fields. Every value is
/// either used as documented or rejected with
/// [`SolveError::InvalidOption`] before the first evaluation: no value makes
/// a solver hang or report a solution it did not find.
///
/// ```
/// use monodual::newton::Options;
///
/// let options = Options { max_iterations: 20, tolerance: 1e-12, ..Options::default() };
/// assert_eq!(options.max_backtracks, Options::<f64>::default().max_backtracks);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options<T = f64> {
    /// The most accepted steps before giving up with
    /// [`SolveError::NoConvergence`]. Any value works (`0` only examines
    /// the start). Default `2000`: Newton's steps along a long, nearly flat
    /// valley are short (Powell's badly scaled function takes about 100
    /// iterations, Rosenbrock's from 100 times its standard start about 250,
    /// Meyer's from 10 and 100 times its start about 960 and 1940, Osborne 1
    /// from 100 times its start about 1240), and an iteration at the small
    /// `N` these solvers are for costs one evaluation.
    pub max_iterations: usize,
    /// The residual test of [`solve`](super::solve), `‖F(x)‖ ≤ tolerance`
    /// (absolute: `F = 0` is a root whatever its units), and the relative
    /// gradient test of [`minimize`](super::minimize),
    /// `maxᵢ |∂ᵢf| · max(|xᵢ|, |x₀ᵢ|) ≤ tolerance · |f|` (independent of the
    /// units of `f` and of the unknowns; an absolute `‖∇f‖ ≤ ε` returned a
    /// "minimum" of `e⁻ˣ` at `x = 37`). Finite, `≥ 0`. Default machine
    /// epsilon `ε` (`2.2e-16` for `f64`).
    pub tolerance: T,
    /// The relative step test: converged when the (scaled) Newton step at `x`
    /// is at most `step_tolerance · ‖D x‖`; the step is then taken if it does
    /// not make things worse, so `x` is accurate to about that step's size
    /// squared (quadratic convergence) or its size (a singular solution).
    /// Finite, in `[0, 1)` (`0` turns the test off). Default `√ε`.
    pub step_tolerance: T,
    /// The trust-region acceptance threshold `η`: a step is taken when the
    /// actual decrease of the merit function is at least `η` times the
    /// decrease its model predicts. In `(0, 1)`. Default `1e-4`.
    pub sufficient_decrease: T,
    /// The most consecutive rejected trial steps (each shrinking the trust
    /// region at least fourfold in [`minimize`](super::minimize), twofold in
    /// [`solve`](super::solve)) at one point before giving up with
    /// [`SolveError::NoProgress`]. Any value works: the search also stops
    /// once the trial step no longer changes `x`. Default `50`.
    pub max_backtracks: usize,
    /// The relative decrease test of [`minimize`](super::minimize):
    /// converged when the decrease that the Newton model still predicts is
    /// at most `decrease_tolerance · |f(x)|`. Finite, in `[0, 1)` (`0` turns
    /// it off). Default `ε`: `f` is at its minimum to rounding.
    pub decrease_tolerance: T,
    /// The first trust radius, relative to the scaled start:
    /// `Δ₀ = max(initial_radius · ‖D x₀‖, ‖D s_N‖)` (MINPACK's `factor`,
    /// but never shorter than the first Newton step `s_N` where that step is
    /// genuine: a positive definite Hessian or a nonsingular Jacobian; so the
    /// first trial is the Newton step however small `x₀` is next to the
    /// solution: `x − 10²⁰⁰ = 0` from 0 in one step). Finite, `> 0`.
    /// Default `100`.
    pub initial_radius: T,
    /// [`minimize`](super::minimize) reports [`SolveError::Unbounded`] when
    /// `f` has decreased and `‖x − x₀‖∞` exceeds `unbounded_distance ·
    /// max(‖x₀‖∞, ‖s₁‖∞)` (`s₁` the first step taken): the iterates run off
    /// to infinity. Finite, `> 1`. Default `1/√ε` (`6.7e7` for `f64`).
    pub unbounded_distance: T,
}

impl<T: Real> Default for Options<T> {
    /// The defaults listed on each field.
    ///
    /// ```
    /// use monodual::newton::Options;
    /// let options = Options::<f64>::default();
    /// assert_eq!(options.max_iterations, 2000);
    /// assert_eq!(options.tolerance, f64::EPSILON);
    /// ```
    #[inline]
    fn default() -> Self {
        let epsilon = T::default_epsilon();
        Self {
            max_iterations: 2000,
            tolerance: epsilon,
            step_tolerance: epsilon.sqrt(),
            sufficient_decrease: nalgebra::convert(1e-4),
            max_backtracks: 50,
            decrease_tolerance: epsilon,
            initial_radius: nalgebra::convert(100.0),
            unbounded_distance: T::one() / epsilon.sqrt(),
        }
    }
}

impl<T: Real> Options<T> {
    /// Checks every field against its documented range; each test is written
    /// so that NaN fails it.
    pub(crate) fn validate(&self) -> Result<(), SolveError<T>> {
        let (zero, one) = (T::zero(), T::one());
        let finite = |x: T| x.is_finite();
        let checks = [
            (
                finite(self.tolerance) && self.tolerance >= zero,
                "tolerance",
                "a finite number ≥ 0",
            ),
            (
                finite(self.step_tolerance)
                    && self.step_tolerance >= zero
                    && self.step_tolerance < one,
                "step_tolerance",
                "a number in [0, 1)",
            ),
            (
                self.sufficient_decrease > zero && self.sufficient_decrease < one,
                "sufficient_decrease",
                "a number strictly between 0 and 1",
            ),
            (
                self.decrease_tolerance >= zero && self.decrease_tolerance < one,
                "decrease_tolerance",
                "a number in [0, 1)",
            ),
            (
                finite(self.initial_radius) && self.initial_radius > zero,
                "initial_radius",
                "a finite number > 0",
            ),
            (
                finite(self.unbounded_distance) && self.unbounded_distance > one,
                "unbounded_distance",
                "a finite number > 1",
            ),
        ];
        for (valid, option, requirement) in checks {
            if !valid {
                return Err(SolveError::InvalidOption {
                    option,
                    requirement,
                });
            }
        }
        Ok(())
    }
}
