//! The derivative drivers: seed a point into number types, call the user's
//! function once, extract the derivatives into nalgebra vectors and
//! matrices. None of them allocates.

use nalgebra::{ArrayStorage, Const, SMatrix, SVector};

pub(crate) mod taylor;

use crate::{Dual, HyperDual, Packed, Real};

mod matrix_lanes;
pub use matrix_lanes::MatrixLanes;

mod chunked;

pub use chunked::hessian_chunked;

mod third;
pub use third::{third_derivative, third_derivatives};

/// The value and first derivative of `f: ℝ → ℝ` at `x`.
///
/// ```
/// let (f, df) = monodual::derivative(|t| t.sin() * t, 0.5);
/// assert_eq!(f, 0.5f64.sin() * 0.5);
/// assert_eq!(df, 0.5f64.cos() * 0.5 + 0.5f64.sin()); // (t sin t)′ = t cos t + sin t
/// ```
///
/// See also [`second_derivative`], [`gradient`].
#[inline]
#[must_use]
pub fn derivative<T: Real, F>(f: F, x: T) -> (T, T)
where
    F: FnOnce(Dual<T, 1>) -> Dual<T, 1>,
{
    let y = f(Dual::variable(x, 0));
    (y.value(), y.gradient_array()[0])
}

/// The value, first and second derivative of `f: ℝ → ℝ` at `x`.
///
/// ```
/// let (f, df, d2f) = monodual::second_derivative(|t| t.powi(3), 2.0);
/// assert_eq!((f, df, d2f), (8.0, 12.0, 12.0)); // t³, 3t², 6t
/// ```
///
/// See also [`derivative`], [`hessian`].
#[inline]
#[must_use]
pub fn second_derivative<T: Real, F>(f: F, x: T) -> (T, T, T)
where
    F: FnOnce(HyperDual<T, 1>) -> HyperDual<T, 1>,
{
    let y = f(HyperDual::variable(x, 0));
    (y.value(), y.gradient()[0], y.hessian()[(0, 0)])
}

/// The value and gradient ∇f of `f: ℝᴺ → ℝ` at `x`, in one pass.
///
/// ```
/// use nalgebra::Vector2;
/// // f(x) = x₀² x₁
/// let (f, g) = monodual::gradient(|x| x[0] * x[0] * x[1], Vector2::new(3.0, 2.0));
/// assert_eq!(f, 18.0);
/// assert_eq!(g, Vector2::new(12.0, 9.0)); // [2x₀x₁, x₀²]
/// ```
///
/// See also [`jacobian`], [`hessian`], [`directional_derivative`].
#[inline]
#[must_use]
pub fn gradient<T: Real, F, const N: usize>(f: F, x: SVector<T, N>) -> (T, SVector<T, N>)
where
    F: FnOnce(SVector<Dual<T, N>, N>) -> Dual<T, N>,
{
    let y = f(seed(x));
    (y.value(), y.gradient())
}

/// The value f(x) and Jacobian J (Jᵢⱼ = ∂fᵢ/∂xⱼ) of `f: ℝᴺ → ℝᴹ` at `x`, in
/// one pass.
///
/// ```
/// use nalgebra::{Matrix3x2, Vector2, Vector3};
/// // f(x) = (x₀x₁, sin x₀, 2x₁)
/// let (fx, j) = monodual::jacobian(
///     |x| Vector3::new(x[0] * x[1], x[0].sin(), x[1] * 2.0),
///     Vector2::new(0.5, 3.0),
/// );
/// assert_eq!(fx[0], 1.5);
/// assert_eq!(j, Matrix3x2::new(3.0, 0.5, 0.5f64.cos(), 0.0, 0.0, 2.0));
/// ```
///
/// See also [`gradient`].
#[inline]
#[must_use]
pub fn jacobian<T: Real, F, const N: usize, const M: usize>(
    f: F,
    x: SVector<T, N>,
) -> (SVector<T, M>, SMatrix<T, M, N>)
where
    F: FnOnce(SVector<Dual<T, N>, N>) -> SVector<Dual<T, N>, M>,
{
    let y = f(seed(x));
    let jacobian = SMatrix::from_fn(|i, j| y[i].gradient_array()[j]);
    (y.map(|yi| yi.value()), jacobian)
}

/// The value, gradient and Hessian of `f: ℝᴺ → ℝ` at `x`, in one pass.
/// The Hessian is exactly symmetric.
///
/// ```
/// use nalgebra::{Matrix2, Vector2};
/// // f(x) = x₀² x₁
/// let (f, g, h) = monodual::hessian(|x| x[0] * x[0] * x[1], Vector2::new(3.0, 2.0));
/// assert_eq!((f, g), (18.0, Vector2::new(12.0, 9.0)));
/// assert_eq!(h, Matrix2::new(4.0, 6.0, 6.0, 0.0)); // [[2x₁, 2x₀], [2x₀, 0]]
/// ```
///
/// See also [`hessian_vector_product`], which never forms the matrix.
#[inline]
#[must_use]
pub fn hessian<T: Real, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
) -> (T, SVector<T, N>, SMatrix<T, N, N>)
where
    Const<N>: Packed,
    F: FnOnce(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    let y = f(vector_from_fn(|i| HyperDual::variable(x[i], i)));
    (y.value(), y.gradient(), y.hessian())
}

/// The value and directional derivative D_v f(x) = ∇f(x)ᵀv, in one pass
/// with a single derivative lane (the cost does not grow with N).
///
/// ```
/// use nalgebra::Vector2;
/// let x = Vector2::new(3.0, 2.0);
/// let v = Vector2::new(1.0, -1.0);
/// let (f, dv) = monodual::directional_derivative(|x| x[0] * x[0] * x[1], x, v);
/// assert_eq!((f, dv), (18.0, 12.0 - 9.0)); // ∇f = [12, 9]
/// ```
///
/// See also [`gradient`].
#[inline]
#[must_use]
pub fn directional_derivative<T: Real, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
    v: SVector<T, N>,
) -> (T, T)
where
    F: FnOnce(SVector<Dual<T, 1>, N>) -> Dual<T, 1>,
{
    let y = f(vector_from_fn(|i| {
        Dual::new(x[i], SVector::<T, 1>::new(v[i]))
    }));
    (y.value(), y.gradient_array()[0])
}

/// The value, gradient and Hessian-vector product H(x)·v of `f: ℝᴺ → ℝ`,
/// without forming H: one pass on `Dual<Dual<T, N>, 1>`, whose cost per
/// operation grows as N, not N².
///
/// ```
/// use nalgebra::Vector2;
/// // f(x) = x₀² x₁, H = [[2x₁, 2x₀], [2x₀, 0]]
/// let x = Vector2::new(3.0, 2.0);
/// let v = Vector2::new(1.0, 1.0);
/// let (f, g, hv) = monodual::hessian_vector_product(|x| x[0] * x[0] * x[1], x, v);
/// assert_eq!((f, g), (18.0, Vector2::new(12.0, 9.0)));
/// assert_eq!(hv, Vector2::new(4.0 + 6.0, 6.0));
/// ```
///
/// See also [`hessian`].
#[inline]
#[must_use]
pub fn hessian_vector_product<T: Real, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
    v: SVector<T, N>,
) -> (T, SVector<T, N>, SVector<T, N>)
where
    F: FnOnce(SVector<Dual<Dual<T, N>, 1>, N>) -> Dual<Dual<T, N>, 1>,
{
    // xᵢ = (xᵢ + eᵢε₁) + vᵢ ε₂: the ε₁ lanes give ∇f, the ε₂ lane ∇fᵀv, and
    // the ε₁ lanes of that ∇(∇fᵀv) = Hv.
    let y = f(vector_from_fn(|i| {
        Dual::new(
            Dual::variable(x[i], i),
            SVector::<Dual<T, N>, 1>::new(Dual::constant(v[i])),
        )
    }));
    let value = y.value();
    let along_v = y.gradient_array()[0];
    (value.value(), value.gradient(), along_v.gradient())
}

/// The value and gradient of a scalar function of a matrix, f: ℝᴿˣᶜ → ℝ.
/// The gradient has the shape of `a`: (∇f)ᵢⱼ = ∂f/∂aᵢⱼ.
///
/// The closure receives the matrix as number types with one derivative
/// lane per entry (`L = R·C`, inferred), so it can run nalgebra's own
/// routines on it: LU, Cholesky, inverse, determinant. Every size up to
/// 16 × 16 is supported; code generic over R and C adds one bound,
/// [`MatrixLanes`], and a larger size is a compile error that says so.
///
/// ```
/// use nalgebra::{Matrix2, SMatrix};
/// let a = Matrix2::new(2.0, 1.0, 1.0, 3.0);
/// // Jacobi's formula: ∇ det A = det(A) A⁻ᵀ
/// let (det, grad) = monodual::matrix_gradient(|m| m.determinant(), a);
/// assert_eq!(det, 5.0);
/// assert_eq!(grad, Matrix2::new(3.0, -1.0, -1.0, 2.0));
///
/// // 12 × 12: 144 lanes; ∇ tr(A) = I
/// let (trace, grad) = monodual::matrix_gradient(|m| m.trace(), SMatrix::<f64, 12, 12>::repeat(0.5));
/// assert_eq!((trace, grad), (6.0, SMatrix::identity()));
/// ```
///
/// See also [`gradient`].
#[inline]
#[must_use]
pub fn matrix_gradient<T: Real, F, const R: usize, const C: usize, const L: usize>(
    f: F,
    a: SMatrix<T, R, C>,
) -> (T, SMatrix<T, R, C>)
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
    F: FnOnce(SMatrix<Dual<T, L>, R, C>) -> Dual<T, L>,
{
    // Entry (i, j) is variable i + j·R: nalgebra's column-major order.
    let y = f(SMatrix::from_array_storage(ArrayStorage(
        core::array::from_fn(|j| core::array::from_fn(|i| Dual::variable(a[(i, j)], i + j * R))),
    )));
    let g = y.gradient_array();
    (y.value(), SMatrix::from_fn(|i, j| g[i + j * R]))
}

/// Each coordinate of `x` as its own variable.
#[inline]
fn seed<T: Real, const N: usize>(x: SVector<T, N>) -> SVector<Dual<T, N>, N> {
    vector_from_fn(|i| Dual::variable(x[i], i))
}

/// A static vector built entry by entry in place. (nalgebra's `from_fn`
/// builds it elsewhere and copies it, which for `N` Hessian-carrying
/// numbers is a copy of N³ floats on every call.)
#[inline(always)]
fn vector_from_fn<T, const N: usize>(entry: impl FnMut(usize) -> T) -> SVector<T, N> {
    SVector::from_array_storage(ArrayStorage([core::array::from_fn(entry)]))
}
