//! [`Packed`]: the packed size of a symmetric tensor in `N` variables, as a
//! type. A symmetric N × N matrix has N(N+1)/2 distinct entries, and a
//! symmetric third-order tensor N(N+1)(N+2)/6; stable Rust cannot write
//! `[T; N * (N + 1) / 2]` for a generic `N`, so the crate names these arrays
//! once per size, for `nalgebra::Const<N>` with `N` from 0 to
//! [`MAX_PACKED`].

use nalgebra::Const;

mod sealed {
    pub trait Sealed {}
}

/// What a packed array holds: a `Copy` value that can cross threads (every
/// [`Real`](crate::Real) number is one).
pub trait Element: Copy + Send + Sync + 'static {}
impl<T: Copy + Send + Sync + 'static> Element for T {}

/// The largest `N` for which `Const<N>: Packed` holds, and so the largest
/// [`HyperDual`](crate::HyperDual) size.
pub const MAX_PACKED: usize = 96;

/// The packed arrays of the symmetric tensors in `N` variables, implemented
/// for `nalgebra::Const<N>` with `N` from 0 to [`MAX_PACKED`].
///
/// [`HyperDual<T, N>`](crate::HyperDual) stores its Hessian in
/// `Triangle<T>`, so code generic over `N` that names `HyperDual<T, N>`
/// writes the one bound `where Const<N>: Packed`. Code that names a size
/// (`HyperDual<f64, 3>`) or is generic over the number type
/// (`S: Scalar`) writes none.
///
/// ```
/// use monodual::{HyperDual, Packed};
/// use nalgebra::{Const, SMatrix, SVector};
///
/// // The Hessian of ½‖x‖² is the identity, at every N.
/// fn half_squared_norm_hessian<const N: usize>() -> SMatrix<f64, N, N>
/// where
///     Const<N>: Packed,
/// {
///     let x = SVector::<f64, N>::from_element(2.0);
///     let (_, _, h) = monodual::hessian(|x: SVector<HyperDual<f64, N>, N>| x.dot(&x) * 0.5, x);
///     h
/// }
/// assert_eq!(half_squared_norm_hessian::<3>(), SMatrix::<f64, 3, 3>::identity());
/// assert_eq!(<Const<3> as Packed>::TRIANGLE, 6);
/// ```
///
/// The trait is sealed: the crate implements it for exactly those sizes.
pub trait Packed: sealed::Sealed {
    /// N(N+1)/2: the entries `(i, j)` with `i ≤ j` of a symmetric matrix.
    const TRIANGLE: usize;
    /// N(N+1)(N+2)/6: the entries `(i, j, k)` with `i ≤ j ≤ k` of a
    /// symmetric third-order tensor.
    const TETRAHEDRON: usize;
    /// `[T; N(N+1)/2]`.
    type Triangle<T: Element>: Element + AsRef<[T]> + AsMut<[T]>;
    /// `[T; N(N+1)(N+2)/6]`.
    type Tetrahedron<T: Element>: Element + AsRef<[T]> + AsMut<[T]>;

    /// A triangle with every entry `fill`.
    ///
    /// ```
    /// use monodual::Packed;
    /// use nalgebra::Const;
    /// assert_eq!(<Const<2> as Packed>::triangle(0.5).as_ref(), &[0.5; 3]);
    /// ```
    fn triangle<T: Element>(fill: T) -> Self::Triangle<T>;

    /// A tetrahedron with every entry `fill`.
    ///
    /// ```
    /// use monodual::Packed;
    /// use nalgebra::Const;
    /// assert_eq!(<Const<2> as Packed>::tetrahedron(1u8).as_ref(), &[1; 4]);
    /// ```
    fn tetrahedron<T: Element>(fill: T) -> Self::Tetrahedron<T>;
}

/// `Packed` for each listed size (forwards the sizes to the array types).
macro_rules! packed_sizes {
    ($($n:literal)*) => {$(
        impl sealed::Sealed for Const<$n> {}
        impl Packed for Const<$n> {
            const TRIANGLE: usize = $n * ($n + 1) / 2;
            const TETRAHEDRON: usize = $n * ($n + 1) * ($n + 2) / 6;
            type Triangle<T: Element> = [T; $n * ($n + 1) / 2];
            type Tetrahedron<T: Element> = [T; $n * ($n + 1) * ($n + 2) / 6];
            #[inline(always)]
            fn triangle<T: Element>(fill: T) -> Self::Triangle<T> {
                [fill; $n * ($n + 1) / 2]
            }
            #[inline(always)]
            fn tetrahedron<T: Element>(fill: T) -> Self::Tetrahedron<T> {
                [fill; $n * ($n + 1) * ($n + 2) / 6]
            }
        }
    )*};
}

packed_sizes!(
    0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
    32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63
    64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95
    96
);

/// Where entry `(i, j)`, `i ≤ j`, of the packed upper triangle of a
/// symmetric N × N matrix sits: row i holds columns i..N, rows one after
/// another, so row i starts at i·N − i(i−1)/2.
#[inline(always)]
#[must_use]
pub(crate) const fn row_start(n: usize, i: usize) -> usize {
    i * n - i * i.saturating_sub(1) / 2
}
