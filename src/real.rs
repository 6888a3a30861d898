//! The traits every number type implements: [`Real`] (the base) and
//! [`Scalar`] (the bound user code writes).

use core::fmt::{Debug, Display, LowerExp, UpperExp};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Sub, SubAssign};

use nalgebra::RealField;

pub(crate) mod sealed {
    /// What the crate needs of every number type beyond [`Real`](super::Real),
    /// out of users' sight (and closing `Real` to other types).
    pub trait Sealed: Copy {
        /// `true` for `f32` and `f64`, `false` for the number types.
        const IS_FLOAT: bool;

        /// `self · other` with the zero rule on every part, the value part
        /// included: a factor that is exactly zero (every part zero) gives
        /// zero whatever the other factor is. This is the product of two
        /// derivative parts; a nested type's value part is then itself a
        /// derivative part of the outer number.
        fn mul_zero_safe(self, other: Self) -> Self;

        /// `true` if every derivative part, at every level of nesting, is
        /// exactly zero (the value part may be anything).
        fn is_constant(&self) -> bool;

        /// For a nested type's chain rule: this number, a derivative
        /// g⁽ᵏ⁾ of the outer function at the value `x`, with its own
        /// derivative parts set to g⁽ᵏ⁺¹⁾·x′ from `next` = g⁽ᵏ⁺¹⁾ (by the
        /// zero rule) instead of whatever the formula for g⁽ᵏ⁾ gave them
        /// (a limit taken at a point, a product 0 · ∞). So a nested type
        /// applies the same second derivatives as `HyperDual` does.
        /// Plain floats have no derivative parts: `self`.
        fn along(self, next: Self, x: &Self) -> Self;

        /// The same for a function of two arguments: derivative parts
        /// `next[0]·x′ + next[1]·y′`.
        fn along2(self, next: [Self; 2], x: &Self, y: &Self) -> Self;
    }

    macro_rules! float_sealed {
        ($($F:ty),*) => {$(
            impl Sealed for $F {
                const IS_FLOAT: bool = true;
                // 0 · b = a · 0 = 0 for every a, b (±∞ and NaN included).
                // Written as a select of the IEEE product, so that it
                // compiles to a compare and a mask, no branch.
                #[inline(always)]
                fn mul_zero_safe(self, other: $F) -> $F {
                    let product = self * other;
                    if (self == 0.0) | (other == 0.0) { 0.0 } else { product }
                }
                #[inline(always)]
                fn is_constant(&self) -> bool {
                    true
                }
                #[inline(always)]
                fn along(self, _: $F, _: &$F) -> $F {
                    self
                }
                #[inline(always)]
                fn along2(self, _: [$F; 2], _: &$F, _: &$F) -> $F {
                    self
                }
            }
        )*};
    }
    float_sealed!(f32, f64);

    macro_rules! number_sealed {
        ($($Type:ident $([$($bound:tt)*])?),*) => {$(
            impl<T: super::Real, const N: usize> Sealed for crate::$Type<T, N> where $($($bound)*)? {
                const IS_FLOAT: bool = false;
                #[inline(always)]
                fn along(self, next: Self, x: &Self) -> Self {
                    self.along(next, x)
                }
                #[inline(always)]
                fn along2(self, next: [Self; 2], x: &Self, y: &Self) -> Self {
                    self.along2(next, x, y)
                }
                #[inline(always)]
                fn mul_zero_safe(self, other: Self) -> Self {
                    self.mul_with(other, T::mul_zero_safe)
                }
                #[inline(always)]
                fn is_constant(&self) -> bool {
                    let mut parts = self.parts();
                    let value_constant = parts.next().is_some_and(|v| v.is_constant());
                    value_constant && parts.all(|p| crate::Real::is_exactly_zero(p))
                }
            }
        )*};
    }
    number_sealed!(Dual, HyperDual, Jet3 [nalgebra::Const<N>: crate::Packed]);
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
pub trait Real:
    RealField + Copy + Default + Debug + Display + LowerExp + UpperExp + sealed::Sealed
{
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

/// `a · b` for two derivative factors, with the zero rule of the crate docs
/// ("Edge cases"): if either factor is exactly zero (for a nested type:
/// every one of its parts, at every level), the product is zero, whatever
/// the other is (±∞ or NaN included). Every chain rule, product rule and
/// quotient rule multiplies derivative parts through this.
#[inline(always)]
pub(crate) fn nan_safe_mul<T: Real>(a: T, b: T) -> T {
    sealed::Sealed::mul_zero_safe(a, b)
}

/// `true` if every derivative part of `x`, at every level of nesting, is
/// exactly zero: `x` is a constant, whatever its value.
#[inline(always)]
pub(crate) fn is_constant<T: Real>(x: &T) -> bool {
    sealed::Sealed::is_constant(x)
}
