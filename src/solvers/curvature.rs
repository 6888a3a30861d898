//! Curvature of a function at a point, from its exact [`HyperDual`] Hessian:
//! the eigen-decomposition ([`spectrum`]), the condition number
//! ([`condition_number`]) and the kind of critical point ([`classify`]).
//!
//! The Hessian is symmetric, so its eigenvalues are real and its
//! eigenvectors orthonormal. They are computed by the cyclic Jacobi method
//! on the stack: no allocation, no type-level bounds on `N`, and, for
//! graded matrices (`D B D` with `B` well conditioned and `D` diagonal),
//! small eigenvalues accurate relative to their own size rather than only to
//! the largest one (Demmel and Veselić, 1992), which is what deciding "is
//! this eigenvalue zero?" needs.
//!
//! The Hessian is divided by a power of two near its largest entry before
//! the rotations and the eigenvalues multiplied back after, so no product
//! inside the iteration overflows or underflows: `spectrum(c·f) =
//! c·spectrum(f)` for any `c` whose `c·H` is finite (exactly when `c` is a
//! power of two), and a saddle with entries near `10¹⁶⁰` is still a saddle.
//!
//! ```
//! use monodual::{Scalar, curvature::{self, CriticalPoint}};
//! use nalgebra::SVector;
//!
//! // x² − y² curves up along x and down along y: a saddle at the origin
//! fn saddle<S: Scalar>(x: &SVector<S, 2>) -> S { x[0] * x[0] - x[1] * x[1] }
//! let origin = SVector::<f64, 2>::zeros();
//! assert_eq!(curvature::classify(|x| saddle(&x), origin), CriticalPoint::Saddle);
//! let (eigenvalues, _) = curvature::spectrum(|x| saddle(&x), origin);
//! assert_eq!(eigenvalues, SVector::<f64, 2>::new(-2.0, 2.0)); // ascending
//! ```

use nalgebra::{SMatrix, SVector};

use crate::solvers::linalg::eigen::symmetric_eigen;
use crate::solvers::newton::SolveError;
use crate::{HyperDual, Real};

/// The kind of a critical point (a point where the gradient vanishes), read
/// from the signs of the Hessian's eigenvalues.
///
/// ```
/// use monodual::{Scalar, curvature::{classify, CriticalPoint}};
/// use nalgebra::SVector;
///
/// fn quartic<S: Scalar>(x: &SVector<S, 1>) -> S { x[0].powi(4) } // H = 0 at 0
/// assert_eq!(classify(|x| quartic(&x), SVector::<f64, 1>::zeros()), CriticalPoint::Degenerate);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriticalPoint {
    /// Every eigenvalue is positive: a strict local minimum.
    Minimum,
    /// Every eigenvalue is negative: a strict local maximum.
    Maximum,
    /// Eigenvalues of both signs: neither a minimum nor a maximum.
    Saddle,
    /// Some eigenvalue is zero (within the tolerance) and the others share
    /// one sign, or the Hessian is not finite: second derivatives cannot
    /// decide.
    Degenerate,
}

/// Classifies `x` as a critical point of `f` by the signs of the eigenvalues
/// of its Hessian, with the default relative tolerance `√ε`.
///
/// `classify` looks only at curvature: it does not check that the gradient
/// vanishes at `x` (see [`crate::gradient`]). See
/// [`classify_with_tolerance`] for the meaning of the tolerance.
///
/// ```
/// use monodual::{Scalar, curvature::{classify, CriticalPoint}};
/// use nalgebra::SVector;
///
/// fn bowl<S: Scalar>(x: &SVector<S, 2>) -> S { x[0] * x[0] + x[1] * x[1] * 3.0 - x[0] * x[1] }
/// assert_eq!(classify(|x| bowl(&x), SVector::<f64, 2>::zeros()), CriticalPoint::Minimum);
/// ```
#[inline]
#[must_use]
pub fn classify<T, F, const N: usize>(f: F, x: SVector<T, N>) -> CriticalPoint
where
    T: Real,
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    let (eigenvalues, _) = spectrum(f, x);
    classify_eigenvalues(&eigenvalues, T::default_epsilon().sqrt())
}

/// [`classify`] with an explicit tolerance: an eigenvalue `λ` counts as zero
/// when `|λ| ≤ tolerance · maxᵢ|λᵢ|`.
///
/// The tolerance is relative so that the answer does not change when `f` is
/// scaled. Eigenvalues of both signs (beyond the tolerance) make a
/// [`CriticalPoint::Saddle`] even if others are zero; a zero Hessian, or a
/// NaN or infinite one, is [`CriticalPoint::Degenerate`].
///
/// # Errors
///
/// [`SolveError::InvalidOption`] if `tolerance` is negative or NaN (a
/// negative tolerance would count no eigenvalue as zero and some as both
/// signs).
///
/// ```
/// use monodual::{Scalar, curvature::{classify_with_tolerance, CriticalPoint}};
/// use nalgebra::SVector;
///
/// // eigenvalues 2 and 2·10⁻⁹
/// fn flat<S: Scalar>(x: &SVector<S, 2>) -> S { x[0] * x[0] + x[1] * x[1] * 1e-9 }
/// let x = SVector::<f64, 2>::zeros();
/// assert_eq!(classify_with_tolerance(|x| flat(&x), x, 1e-6)?, CriticalPoint::Degenerate);
/// assert_eq!(classify_with_tolerance(|x| flat(&x), x, 1e-12)?, CriticalPoint::Minimum);
/// assert!(classify_with_tolerance(|x| flat(&x), x, -1.0).is_err());
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
#[inline]
pub fn classify_with_tolerance<T, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
    tolerance: T,
) -> Result<CriticalPoint, SolveError<T>>
where
    T: Real,
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    let valid = tolerance >= T::zero(); // false for NaN
    if !valid {
        return Err(SolveError::InvalidOption {
            option: "tolerance",
            requirement: "a number ≥ 0",
        });
    }
    let (eigenvalues, _) = spectrum(f, x);
    Ok(classify_eigenvalues(&eigenvalues, tolerance))
}

/// The kind of critical point with these Hessian eigenvalues.
fn classify_eigenvalues<T: Real, const N: usize>(
    eigenvalues: &SVector<T, N>,
    tolerance: T,
) -> CriticalPoint {
    if !eigenvalues.iter().all(|l| l.is_finite()) {
        return CriticalPoint::Degenerate;
    }
    let largest = eigenvalues.iter().fold(T::zero(), |m, l| m.max(l.abs()));
    let zero = tolerance * largest;
    let positive = eigenvalues.iter().any(|&l| l > zero);
    let negative = eigenvalues.iter().any(|&l| l < -zero);
    let vanishing = eigenvalues.iter().any(|l| l.abs() <= zero);
    match (positive, negative, vanishing) {
        (true, true, _) => CriticalPoint::Saddle,
        (_, _, true) => CriticalPoint::Degenerate,
        (true, false, false) => CriticalPoint::Minimum,
        (false, true, false) => CriticalPoint::Maximum,
        // N = 0: nothing to look at
        (false, false, false) => CriticalPoint::Degenerate,
    }
}

/// The eigenvalues (ascending) and orthonormal eigenvectors (the matching
/// columns) of the Hessian of `f` at `x`.
///
/// `H = V diag(λ) Vᵀ`. NaN in the Hessian gives NaN eigenvalues.
///
/// ```
/// use monodual::{Scalar, curvature::spectrum};
/// use nalgebra::{SMatrix, SVector};
///
/// // f = x² + xy + y², H = [[2, 1], [1, 2]]: eigenvalues 1 and 3
/// fn f<S: Scalar>(x: &SVector<S, 2>) -> S { x[0] * x[0] + x[0] * x[1] + x[1] * x[1] }
/// let (values, vectors) = spectrum(|x| f(&x), SVector::<f64, 2>::new(0.3, -0.7));
/// assert!((values - SVector::<f64, 2>::new(1.0, 3.0)).norm() < 1e-14);
/// let h = vectors * SMatrix::from_diagonal(&values) * vectors.transpose();
/// assert!((h - SMatrix::<f64, 2, 2>::new(2.0, 1.0, 1.0, 2.0)).norm() < 1e-14);
/// ```
#[inline]
#[must_use]
pub fn spectrum<T, F, const N: usize>(f: F, x: SVector<T, N>) -> (SVector<T, N>, SMatrix<T, N, N>)
where
    T: Real,
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    let (_, _, hessian) = crate::hessian(f, x);
    symmetric_eigen(&hessian)
}

/// The condition number `max|λ| / min|λ|` of the Hessian of `f` at `x` (its
/// 2-norm condition number): how much sharper the sharpest direction is than
/// the flattest.
///
/// `∞` if the Hessian is singular, NaN if it is not finite; `1` for `N = 0`.
///
/// ```
/// use monodual::{Scalar, curvature::condition_number};
/// use nalgebra::SVector;
///
/// fn valley<S: Scalar>(x: &SVector<S, 2>) -> S { x[0] * x[0] + x[1] * x[1] * 100.0 }
/// assert_eq!(condition_number(|x| valley(&x), SVector::<f64, 2>::zeros()), 100.0);
/// ```
#[inline]
#[must_use]
pub fn condition_number<T, F, const N: usize>(f: F, x: SVector<T, N>) -> T
where
    T: Real,
    nalgebra::Const<N>: crate::Packed,
    F: Fn(SVector<HyperDual<T, N>, N>) -> HyperDual<T, N>,
{
    let (eigenvalues, _) = spectrum(f, x);
    if !eigenvalues.iter().all(|l| l.is_finite()) {
        // 0/0 = NaN
        return T::zero() / T::zero();
    }
    let largest = eigenvalues.iter().fold(T::zero(), |m, l| m.max(l.abs()));
    let smallest = eigenvalues.iter().fold(largest, |m, l| m.min(l.abs()));
    if N == 0 {
        T::one()
    } else if smallest == T::zero() {
        // 1/0 = ∞
        T::one() / T::zero()
    } else {
        largest / smallest
    }
}
