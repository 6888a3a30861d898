//! Third derivatives in one pass, on [`Jet3`]: `third_derivative` for
//! ℝ → ℝ and `third_derivatives` for ℝᴺ → ℝ.

use nalgebra::{Const, SMatrix, SVector};

use super::vector_from_fn;
use crate::{Jet3, Packed, Real};

/// The value and the first three derivatives of `f: ℝ → ℝ` at `x`, in one
/// pass.
///
/// ```
/// let (f, d1, d2, d3) = monodual::third_derivative(|t| t.powi(4), 2.0);
/// assert_eq!((f, d1, d2, d3), (16.0, 32.0, 48.0, 48.0)); // t⁴, 4t³, 12t², 24t
///
/// let x = 0.5f64;
/// let (_, _, _, d3) = monodual::third_derivative(|t| t.sin() * t, x);
/// // (t sin t)‴ = −3 sin t − t cos t
/// assert!((d3 - (-3.0 * x.sin() - x * x.cos())).abs() < 1e-15);
/// ```
///
/// See also [`second_derivative`](crate::second_derivative), [`third_derivatives`].
#[inline]
#[must_use]
pub fn third_derivative<T: Real, F>(f: F, x: T) -> (T, T, T, T)
where
    F: FnOnce(Jet3<T, 1>) -> Jet3<T, 1>,
{
    let y = f(Jet3::variable(x, 0));
    (
        y.value(),
        y.gradient()[0],
        y.hessian()[(0, 0)],
        y.third_entry(0, 0, 0),
    )
}

/// The value, gradient, Hessian and third derivatives of `f: ℝᴺ → ℝ` at
/// `x`, in one pass: `t[i][(j, k)]` = ∂³f/∂xᵢ∂xⱼ∂xₖ, exactly symmetric in
/// `i`, `j`, `k` (each distinct entry is computed once).
///
/// ```
/// use nalgebra::{Matrix2, Vector2};
/// // f(x) = x₀² x₁
/// let (f, g, h, t) = monodual::third_derivatives(|x| x[0] * x[0] * x[1], Vector2::new(3.0, 2.0));
/// assert_eq!((f, g), (18.0, Vector2::new(12.0, 9.0)));
/// assert_eq!(h, Matrix2::new(4.0, 6.0, 6.0, 0.0));
/// assert_eq!(t[0], Matrix2::new(0.0, 2.0, 2.0, 0.0)); // ∂³f/∂x₀²∂x₁ = 2
/// assert_eq!(t[1], Matrix2::new(2.0, 0.0, 0.0, 0.0));
/// ```
///
/// See also [`hessian`](crate::hessian), [`third_derivative`].
#[inline]
#[must_use]
#[allow(clippy::type_complexity)]
pub fn third_derivatives<T: Real, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
) -> (T, SVector<T, N>, SMatrix<T, N, N>, [SMatrix<T, N, N>; N])
where
    Const<N>: Packed,
    F: FnOnce(SVector<Jet3<T, N>, N>) -> Jet3<T, N>,
{
    let y = f(vector_from_fn(|i| Jet3::variable(x[i], i)));
    (y.value(), y.gradient(), y.hessian(), y.third())
}
