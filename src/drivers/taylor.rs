//! Taylor mode: the coefficients of f along a line, to any order, in one
//! pass on [`Taylor`] numbers.

use nalgebra::{ArrayStorage, SVector};

use crate::{Real, Taylor};

/// The Taylor coefficients of `f: ℝᴺ → ℝ` along the line x + t·v:
/// `c[k]` is the coefficient of tᵏ in f(x + t·v) = Σ cₖ tᵏ, so c₀ = f(x),
/// c₁ = ∇f(x)ᵀv, c₂ = ½ vᵀ∇²f(x) v, and k!·cₖ is the k-th directional
/// derivative. The order is inferred from the result's type (`[f64; 8]`
/// gives c₀ … c₇); each operation costs O(K²), whatever N is.
///
/// ```
/// use nalgebra::Vector2;
/// // f(x) = x₀² x₁ along x = (1, 2), v = (1, −1):
/// // f = (1 + t)²(2 − t) = 2 + 3t + 0t² − t³
/// let c: [f64; 5] = monodual::taylor(|x| x[0] * x[0] * x[1], Vector2::new(1.0, 2.0), Vector2::new(1.0, -1.0));
/// assert_eq!(c, [2.0, 3.0, 0.0, -1.0, 0.0]);
/// ```
///
/// See also [`taylor_univariate`], [`directional_derivative`](crate::directional_derivative)
/// (order 1), [`hessian_vector_product`](crate::hessian_vector_product).
#[inline]
#[must_use]
pub fn taylor<T: Real, F, const N: usize, const K: usize>(
    f: F,
    x: SVector<T, N>,
    v: SVector<T, N>,
) -> [T; K]
where
    F: FnOnce(SVector<Taylor<T, K>, N>) -> Taylor<T, K>,
{
    // xᵢ + t·vᵢ
    let seeded = SVector::from_array_storage(ArrayStorage([core::array::from_fn(|i| {
        Taylor::linear(x[i], v[i])
    })]));
    f(seeded).coefficients()
}

/// The Taylor coefficients of `f: ℝ → ℝ` at `x`: `c[k]` = f⁽ᵏ⁾(x)/k!, the
/// coefficient of tᵏ in f(x + t). The order is inferred from the result's
/// type.
///
/// ```
/// // 1/(1 − x) at x = 0.5: cₖ = 1/(1 − x)^{k+1} = 2^{k+1}
/// let c: [f64; 4] = monodual::taylor_univariate(|x| (1.0 - x).recip(), 0.5);
/// assert_eq!(c, [2.0, 4.0, 8.0, 16.0]);
/// ```
///
/// See also [`taylor`], [`derivative`](crate::derivative),
/// [`second_derivative`](crate::second_derivative).
#[inline]
#[must_use]
pub fn taylor_univariate<T: Real, F, const K: usize>(f: F, x: T) -> [T; K]
where
    F: FnOnce(Taylor<T, K>) -> Taylor<T, K>,
{
    f(Taylor::variable(x)).coefficients()
}
