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
        if self.max_evaluations == 0 {
            return invalid("max_evaluations", "at least 1");
        }
        if !(self.initial_step_bound > T::zero() && self.initial_step_bound.is_finite()) {
            return invalid("initial_step_bound", "a positive finite number");
        }
        Ok(())
    }
}
