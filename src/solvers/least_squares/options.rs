//! The options of [`minimize`](super::minimize): tolerances, budget, scaling.

use super::Error;
use crate::Real;

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

/// Tolerances and limits of [`minimize`](super::minimize); see the [module
/// documentation](super) for the tests they enter.
///
/// ```
/// use monodual::least_squares::Options;
/// let options = Options { cost_tolerance: 1e-12, ..Options::default() };
/// assert_eq!(options.max_evaluations, None); // 500·(N + 1)
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options<T = f64> {
    /// `ftol`: stop when the actual and predicted relative reductions of
    /// `‖r‖²` are both at most this. In `[0, 1)`. Default `64ε` (`1.4e-14`
    /// for `f64`), near rounding level: MINPACK's `lmder1` uses `√ε`, which
    /// converges `‖r‖²` to about 8 digits and leaves fewer than 6 correct
    /// digits in the parameters of 11 of the NIST StRD problems; at `64ε`
    /// every NIST problem, of every difficulty, reaches 6 digits from both
    /// starts, for a few more iterations.
    pub cost_tolerance: T,
    /// `xtol`: stop when the trust region is at most this times `‖D x‖`.
    /// In `[0, 1)`. Default `64ε`, for the same reason.
    pub step_tolerance: T,
    /// `gtol`: stop when `r` makes at least this cosine with no column of
    /// `J`. In `[0, 1)`. Default `0` (the test then only ends an exact fit
    /// of the normal equations), as `lmder1`.
    pub gradient_tolerance: T,
    /// The most evaluations of `r` and `J` (one pass each), the start
    /// included; at least 1. Default `None`: `500·(N + 1)`. The budget
    /// grows with `N` as `lmder1`'s `maxfev = 100·(N + 1)`; it is 5 times
    /// larger because slow but convergent runs need it (Meyer's problem
    /// from 10·x₀ takes about 1850 evaluations, Chebyquad n = 8 from
    /// 100·x₀ about 3350), while a divergent run still ends within
    /// milliseconds at small `N`.
    pub max_evaluations: Option<usize>,
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
    /// assert_eq!(Options::<f64>::default().step_tolerance, 64.0 * f64::EPSILON);
    /// ```
    #[inline]
    fn default() -> Self {
        let tolerance = T::default_epsilon() * nalgebra::convert(64.0);
        Self {
            cost_tolerance: tolerance,
            step_tolerance: tolerance,
            gradient_tolerance: T::zero(),
            max_evaluations: None,
            initial_step_bound: nalgebra::convert(100.0),
            scaling: Scaling::Jacobian,
        }
    }
}

impl<T: Real> Options<T> {
    /// Checks every field against its documented range. Each test is
    /// written so that NaN fails it.
    pub(super) fn validate<const N: usize>(&self) -> Result<(), Error<T, N>> {
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
        if self.max_evaluations == Some(0) {
            return invalid("max_evaluations", "at least 1");
        }
        if !(self.initial_step_bound > T::zero() && self.initial_step_bound.is_finite()) {
            return invalid("initial_step_bound", "a positive finite number");
        }
        Ok(())
    }

    /// [`Options::max_evaluations`], or its default for `N` parameters.
    pub(super) fn evaluation_budget<const N: usize>(&self) -> usize {
        self.max_evaluations
            .unwrap_or_else(|| (N + 1).saturating_mul(500))
    }
}
