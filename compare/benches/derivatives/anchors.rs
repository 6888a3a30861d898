//! Calls into the two anchor libraries, num-dual and hyperjet, shaped like
//! monodual's drivers: a point `SVector<f64, N>` in, nalgebra values out.
//! The conversions at either end copy N or N² floats and are the same for
//! every library.

use hyperjet::differentiate::{differentiate1, differentiate1_vec, differentiate2};
use hyperjet::jets::{Jet1, Jet2};
use nalgebra::{SMatrix, SVector};
use num_dual::{Dual2SVec64, DualSVec64};

/// The entries of a static vector as an array.
#[inline]
pub fn array<T: nalgebra::Scalar, const N: usize>(v: SVector<T, N>) -> [T; N] {
    v.into()
}

/// The entries of a static vector, borrowed as an array (no copy: at
/// N = 32 a copy of the `HyperDual` seeds is 141 KB).
#[inline]
pub fn entries<T, const N: usize>(v: &SVector<T, N>) -> &[T; N] {
    &v.data.0[0]
}

/// Value and gradient with num-dual's `DualSVec64<N>` and its `gradient`.
#[inline]
pub fn num_dual_gradient<const N: usize>(
    f: impl Fn(&[DualSVec64<N>; N]) -> DualSVec64<N>,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>) {
    num_dual::gradient(|v: SVector<DualSVec64<N>, N>| f(entries(&v)), x)
}

/// Value and Jacobian with num-dual's `DualSVec64<N>` and its `jacobian`.
#[inline]
pub fn num_dual_jacobian<const M: usize, const N: usize>(
    f: impl Fn(&[DualSVec64<N>; N]) -> [DualSVec64<N>; M],
    x: &SVector<f64, N>,
) -> (SVector<f64, M>, SMatrix<f64, M, N>) {
    num_dual::jacobian(
        |v: SVector<DualSVec64<N>, N>| SVector::from(f(entries(&v))),
        x,
    )
}

/// Value, gradient and Hessian with num-dual's `Dual2SVec64<N>` and its
/// `hessian`.
#[inline]
pub fn num_dual_hessian<const N: usize>(
    f: impl Fn(&[Dual2SVec64<N>; N]) -> Dual2SVec64<N>,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    num_dual::hessian(|v: SVector<Dual2SVec64<N>, N>| f(entries(&v)), x)
}

/// Value and gradient with hyperjet's `Jet1<N>` and its `differentiate1`.
#[inline]
pub fn hyperjet_gradient<const N: usize>(
    f: impl FnOnce(&[Jet1<N>; N]) -> Jet1<N>,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>) {
    let (value, gradient) = differentiate1(array(*x), |v| f(&v));
    (value, SVector::from(gradient))
}

/// Value and Jacobian with hyperjet's `Jet1<N>` and its `differentiate1_vec`.
#[inline]
pub fn hyperjet_jacobian<const M: usize, const N: usize>(
    f: impl FnOnce(&[Jet1<N>; N]) -> [Jet1<N>; M],
    x: &SVector<f64, N>,
) -> (SVector<f64, M>, SMatrix<f64, M, N>) {
    let (values, rows) = differentiate1_vec(array(*x), |v| f(&v));
    (SVector::from(values), SMatrix::from_fn(|i, j| rows[i][j]))
}

/// Value, gradient and Hessian with hyperjet's `Jet2<N, H>` and its
/// `differentiate2`. hyperjet needs the packed Hessian size spelled out:
/// `H` must be N(N+1)/2.
#[inline]
pub fn hyperjet_hessian<const N: usize, const H: usize>(
    f: impl FnOnce(&[Jet2<N, H>; N]) -> Jet2<N, H>,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    const { assert!(H == N * (N + 1) / 2, "H must be N(N+1)/2") };
    let (value, gradient, hessian) = differentiate2::<N, H, _>(array(*x), |v| f(&v));
    // The Hessian is symmetric, so reading the rows as columns is exact.
    (value, SVector::from(gradient), SMatrix::from(hessian))
}
