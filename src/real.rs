//! The traits every number type implements: [`Real`] (the base) and
//! [`Scalar`] (the bound user code writes).

use core::fmt::{Debug, Display};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Sub, SubAssign};

use nalgebra::RealField;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl<T: super::Real, const N: usize> Sealed for crate::Dual<T, N> {}
    impl<T: super::Real, const N: usize> Sealed for crate::HyperDual<T, N> where
        nalgebra::Const<N>: crate::Packed
    {
    }
}

/// A real number type that can carry derivatives: `f32`, `f64`, or a number
/// type built on them (`Dual<f64, 3>`, `HyperDual<f32, 2>`, `Dual<Dual<f64, 1>, 4>`).
///
/// It is sealed: the crate implements it for exactly those types. User code
/// usually writes the shorter bound [`Scalar`], which adds arithmetic with
/// plain floats.
///
/// ```
/// use monodual::{Dual, Real};
///
/// let x = Dual::<f64, 2>::variable(3.0, 0);
/// assert_eq!(x.to_float(), 3.0);
/// assert_eq!(Dual::<f64, 2>::from_float(2.5).gradient()[0], 0.0);
/// ```
pub trait Real: RealField + Copy + Default + Debug + Display + sealed::Sealed {
    /// The innermost float: `f32` or `f64`.
    type Float: Real<Float = Self::Float>;

    /// The number with value `value` and every derivative zero.
    fn from_float(value: Self::Float) -> Self;

    /// The innermost value, with every derivative part dropped.
    fn to_float(&self) -> Self::Float;

    /// `true` if the value and every derivative part are exactly zero.
    ///
    /// `==` compares value parts only (as nalgebra's algorithms need); this
    /// looks at every part.
    fn is_exactly_zero(&self) -> bool;

    /// `true` if the value and every derivative part are finite.
    fn is_all_finite(&self) -> bool;
}

/// `Real` for a plain float: it is its own innermost float, with no
/// derivative parts.
macro_rules! float_real {
    ($($F:ty),*) => {$(
        impl Real for $F {
            type Float = $F;
            #[inline]
            fn from_float(value: $F) -> $F {
                value
            }
            #[inline]
            fn to_float(&self) -> $F {
                *self
            }
            #[inline]
            fn is_exactly_zero(&self) -> bool {
                *self == 0.0
            }
            #[inline]
            fn is_all_finite(&self) -> bool {
                self.is_finite()
            }
        }
    )*};
}
float_real!(f32, f64);

/// The one bound user functions write: a [`Real`] number whose innermost
/// float is `F` (by default `f64`), with arithmetic against plain `F` values.
///
/// Generic code can mix float literals when the number is on the left
/// (`x * 2.0`, `x - 1.0`), call every `nalgebra::RealField` method, and run
/// nalgebra's matrix routines. `f64`, `f32` (as `Scalar<f32>`) and every
/// number type implement it, nested ones included.
///
/// ```
/// use monodual::Scalar;
/// use nalgebra::SVector;
///
/// fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
///     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
/// }
///
/// let x = SVector::<f64, 2>::new(1.0, 2.0);
/// let (f, g) = monodual::gradient(|x| rosenbrock(&x), x);
/// assert_eq!(f, rosenbrock(&x)); // the same function on plain f64
/// assert_eq!(g, SVector::<f64, 2>::new(-400.0, 200.0));
/// ```
pub trait Scalar<F = f64>:
    Real<Float = F>
    + Add<F, Output = Self>
    + Sub<F, Output = Self>
    + Mul<F, Output = Self>
    + Div<F, Output = Self>
    + AddAssign<F>
    + SubAssign<F>
    + MulAssign<F>
    + DivAssign<F>
{
}

impl<S, F> Scalar<F> for S where
    S: Real<Float = F>
        + Add<F, Output = S>
        + Sub<F, Output = S>
        + Mul<F, Output = S>
        + Div<F, Output = S>
        + AddAssign<F>
        + SubAssign<F>
        + MulAssign<F>
        + DivAssign<F>
{
}

/// `a · b` in a chain rule, with `0 · ∞ = 0`: a derivative part that is
/// exactly zero stays zero whatever it is multiplied by.
#[inline]
pub(crate) fn nan_safe_mul<T: Real>(a: T, b: T) -> T {
    if b.is_exactly_zero() {
        T::zero()
    } else {
        a * b
    }
}
