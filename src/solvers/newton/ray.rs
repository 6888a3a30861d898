//! The check [`super::minimize`] makes before it returns a minimum: does `f`
//! rise somewhere along the ray the iterates travelled, or does it keep
//! falling out to infinity?
//!
//! Every stopping test of `minimize` is local: a gradient, a Newton step or
//! a predicted decrease that is small next to `f` and `x`. Where `f` only
//! approaches its infimum at infinity these all become small together once
//! `f`, `∇f` and `H` have decayed far enough (logistic regression on
//! separable data: at `f ≈ 1e-323` the gradient has underflowed to exactly
//! zero while a Hessian entry has not). What no local test sees, a ray does:
//! near a local minimizer `x*`, `f(x + t u) > f(x)` once `t` passes
//! `‖x − x*‖` (for every direction `u`, as `x*` is a minimizer), while on a
//! path to infinity `f` keeps falling (or stays flat where it has
//! underflowed) along the direction of travel.

use nalgebra::SVector;

use crate::Real;

use super::max_abs;

/// What `f` does along the ray `x + t u`, `t = t₀, 2t₀, 4t₀, …`.
pub(super) enum Ray<T, const N: usize> {
    /// `f` rose above `f(x)` (or left its domain) at some `t`: evidence of a
    /// minimizer near `x`.
    Rises,
    /// `f` never rose out to the probe's reach: no minimizer along the
    /// direction of travel. The farthest point probed and `f` there.
    Falls {
        /// The farthest point probed.
        x: SVector<T, N>,
        /// `f` there (`−∞` where `f` fell to it).
        value: T,
    },
}

/// Probes `f` along `direction` from `x` (where `f = value`): trial lengths
/// `t₀, 2t₀, 4t₀, …` in `‖·‖∞`, with `t₀ = max(first, √ε · scale)`, up to
/// `reach`. Stops at the first trial where `f > value` or `f` is NaN or
/// `+∞` ([`Ray::Rises`]), or at `−∞` ([`Ray::Falls`]). At most about
/// `log₂(reach / t₀)` evaluations, each through `value_at`.
pub(super) fn probe<T, const N: usize>(
    mut value_at: impl FnMut(SVector<T, N>) -> T,
    x: &SVector<T, N>,
    value: T,
    direction: &SVector<T, N>,
    first: T,
    scale: T,
    reach: T,
) -> Ray<T, N>
where
    T: Real,
{
    let length = max_abs(direction);
    if !(length > T::zero() && length.is_finite()) {
        return Ray::Rises; // no direction: nothing to probe
    }
    // u with ‖u‖∞ = 1
    let unit = direction / length;
    let two: T = nalgebra::convert(2.0);
    let first = if first.is_finite() { first } else { T::zero() };
    let mut t = first.max(T::default_epsilon().sqrt() * scale);
    let mut farthest = Ray::Falls { x: *x, value };
    // t ≤ reach, at least one trial; false for NaN
    while t > T::zero() && t.is_finite() {
        let trial = x + unit * t;
        let trial_value = value_at(trial);
        let not_above = trial_value <= value; // false for NaN
        if !not_above {
            return Ray::Rises;
        }
        farthest = Ray::Falls {
            x: trial,
            value: trial_value,
        };
        if !trial_value.is_finite() || t > reach {
            break; // −∞, or out to the reach
        }
        t *= two;
    }
    farthest
}
