//! nalgebra and simba integration: `SimdValue`, `Field`, `ComplexField`,
//! `RealField` and the `SubsetOf` conversions, so that number types flow
//! through nalgebra's matrices and its LU, Cholesky, QR, inverse,
//! determinant, eigen- and singular-value routines.
//!
//! Every method forwards to the number type's own method or to the
//! derivative table. A real number is its own real part, so the complex
//! parts of `ComplexField` are the trivial ones (`imaginary` is 0,
//! `conjugate` is the identity).

/// Writes the simba and nalgebra traits for `$Type<T, N>`, forwarding each
/// method.
macro_rules! impl_nalgebra {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<T: $crate::Real, const N: usize> simba::simd::SimdValue for $Type<T, N> where $($($bound)*)? {
            const LANES: usize = 1;
            type Element = Self;
            type SimdBool = bool;

            #[inline(always)]
            fn splat(value: Self) -> Self {
                value
            }
            #[inline(always)]
            fn extract(&self, _: usize) -> Self {
                *self
            }
            // A scalar has one lane; reading it is always in bounds.
            #[allow(unsafe_code)]
            #[inline(always)]
            unsafe fn extract_unchecked(&self, _: usize) -> Self {
                *self
            }
            #[inline(always)]
            fn replace(&mut self, _: usize, value: Self) {
                *self = value;
            }
            // A scalar has one lane; writing it is always in bounds.
            #[allow(unsafe_code)]
            #[inline(always)]
            unsafe fn replace_unchecked(&mut self, _: usize, value: Self) {
                *self = value;
            }
            #[inline(always)]
            fn select(self, condition: bool, other: Self) -> Self {
                if condition { self } else { other }
            }
        }

        impl<T: $crate::Real, const N: usize> simba::scalar::Field for $Type<T, N> where $($($bound)*)? {}

        impl<T: $crate::Real, const N: usize> simba::scalar::SubsetOf<$Type<T, N>> for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn to_superset(&self) -> Self {
                *self
            }
            #[inline(always)]
            fn from_superset_unchecked(element: &Self) -> Self {
                *element
            }
            #[inline(always)]
            fn is_in_subset(_: &Self) -> bool {
                true
            }
        }

        $crate::integrations::nalgebra::float_subset!($Type, f64 $([$($bound)*])?);
        $crate::integrations::nalgebra::float_subset!($Type, f32 $([$($bound)*])?);

        impl<T: $crate::Real, const N: usize> nalgebra::ComplexField for $Type<T, N> where $($($bound)*)? {
            type RealField = Self;

            #[inline(always)]
            fn from_real(re: Self) -> Self {
                re
            }
            #[inline(always)]
            fn real(self) -> Self {
                self
            }
            #[inline(always)]
            fn imaginary(self) -> Self {
                <Self as num_traits::Zero>::zero()
            }
            #[inline(always)]
            fn modulus(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn modulus_squared(self) -> Self {
                self * self
            }
            // arg x = 0 for x ≥ 0, π otherwise: a constant
            #[inline(always)]
            fn argument(self) -> Self {
                let zero = T::zero();
                Self::constant(if self.value() >= zero { zero } else { T::pi() })
            }
            // As f64's: (x, 1) for x ≥ 0, else (−x, −1); the default,
            // x/|x|, is NaN at ±∞ where f64 gives ±1
            #[inline(always)]
            fn to_exp(self) -> (Self, Self) {
                let one = <Self as num_traits::One>::one();
                if self.value() >= T::zero() {
                    (self, one)
                } else {
                    (-self, -one)
                }
            }
            // As f64's: (|x|, arg x)
            #[inline(always)]
            fn to_polar(self) -> (Self, Self) {
                (self.abs(), nalgebra::ComplexField::argument(self))
            }
            #[inline(always)]
            fn sinh_cosh(self) -> (Self, Self) {
                (self.sinh(), self.cosh())
            }
            #[inline(always)]
            fn norm1(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn scale(self, factor: Self) -> Self {
                self * factor
            }
            #[inline(always)]
            fn unscale(self, factor: Self) -> Self {
                self / factor
            }
            #[inline(always)]
            fn floor(self) -> Self {
                self.floor()
            }
            #[inline(always)]
            fn ceil(self) -> Self {
                self.ceil()
            }
            #[inline(always)]
            fn round(self) -> Self {
                self.round()
            }
            #[inline(always)]
            fn trunc(self) -> Self {
                self.trunc()
            }
            #[inline(always)]
            fn fract(self) -> Self {
                self.fract()
            }
            // The default, x / |x|, is NaN at ±∞ and +1 at −0; f64's sign
            // function is piecewise constant
            #[inline(always)]
            fn signum(self) -> Self {
                self.signum()
            }
            #[inline(always)]
            fn mul_add(self, a: Self, b: Self) -> Self {
                self.mul_add(a, b)
            }
            #[inline(always)]
            fn abs(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn hypot(self, other: Self) -> Self {
                self.hypot(other)
            }
            #[inline(always)]
            fn recip(self) -> Self {
                self.recip()
            }
            #[inline(always)]
            fn conjugate(self) -> Self {
                self
            }
            #[inline(always)]
            fn sin(self) -> Self {
                self.sin()
            }
            #[inline(always)]
            fn cos(self) -> Self {
                self.cos()
            }
            #[inline(always)]
            fn sin_cos(self) -> (Self, Self) {
                self.sin_cos()
            }
            #[inline(always)]
            fn tan(self) -> Self {
                self.tan()
            }
            #[inline(always)]
            fn asin(self) -> Self {
                self.asin()
            }
            #[inline(always)]
            fn acos(self) -> Self {
                self.acos()
            }
            #[inline(always)]
            fn atan(self) -> Self {
                self.atan()
            }
            #[inline(always)]
            fn sinh(self) -> Self {
                self.sinh()
            }
            #[inline(always)]
            fn cosh(self) -> Self {
                self.cosh()
            }
            #[inline(always)]
            fn tanh(self) -> Self {
                self.tanh()
            }
            #[inline(always)]
            fn asinh(self) -> Self {
                self.asinh()
            }
            #[inline(always)]
            fn acosh(self) -> Self {
                self.acosh()
            }
            #[inline(always)]
            fn atanh(self) -> Self {
                self.atanh()
            }
            // sin x / x and sinh x / x, with their limits' derivatives at 0
            #[inline(always)]
            fn sinc(self) -> Self {
                self.sin_over_x()
            }
            #[inline(always)]
            fn sinhc(self) -> Self {
                self.sinh_over_x()
            }
            // log_b x = ln x / ln b, with b a number too (as f64::log
            // computes the value) by the type's own rule; a constant base is
            // the inherent `log`, so that both give the same parts (at x = 0
            // included)
            #[inline(always)]
            fn log(self, base: Self) -> Self {
                if $crate::real::is_constant(&base) {
                    self.log(base.value())
                } else {
                    self.log_number(base)
                }
            }
            #[inline(always)]
            fn log2(self) -> Self {
                self.log2()
            }
            #[inline(always)]
            fn log10(self) -> Self {
                self.log10()
            }
            #[inline(always)]
            fn ln(self) -> Self {
                self.ln()
            }
            #[inline(always)]
            fn ln_1p(self) -> Self {
                self.ln_1p()
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                self.sqrt()
            }
            #[inline(always)]
            fn exp(self) -> Self {
                self.exp()
            }
            #[inline(always)]
            fn exp2(self) -> Self {
                self.exp2()
            }
            #[inline(always)]
            fn exp_m1(self) -> Self {
                self.exp_m1()
            }
            #[inline(always)]
            fn powi(self, n: i32) -> Self {
                self.powi(n)
            }
            #[inline(always)]
            fn powf(self, exponent: Self) -> Self {
                self.pow(exponent)
            }
            #[inline(always)]
            fn powc(self, exponent: Self) -> Self {
                self.pow(exponent)
            }
            #[inline(always)]
            fn cbrt(self) -> Self {
                self.cbrt()
            }
            #[inline(always)]
            fn is_finite(&self) -> bool {
                self.value().is_finite()
            }
            #[inline(always)]
            fn try_sqrt(self) -> Option<Self> {
                if self.value() >= T::zero() {
                    Some(self.sqrt())
                } else {
                    None
                }
            }
        }

        impl<T: $crate::Real, const N: usize> nalgebra::RealField for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn is_sign_positive(&self) -> bool {
                self.value().is_sign_positive()
            }
            #[inline(always)]
            fn is_sign_negative(&self) -> bool {
                self.value().is_sign_negative()
            }
            #[inline(always)]
            fn copysign(self, sign: Self) -> Self {
                self.copy_sign(sign.value())
            }
            #[inline(always)]
            fn max(self, other: Self) -> Self {
                self.max(other)
            }
            #[inline(always)]
            fn min(self, other: Self) -> Self {
                self.min(other)
            }
            // As simba's f64::clamp, by value: never panics (unlike
            // f64::clamp with min > max) and keeps a NaN self; the argument
            // returned brings its derivatives.
            #[inline(always)]
            fn clamp(self, min: Self, max: Self) -> Self {
                if self < min {
                    min
                } else if self > max {
                    max
                } else {
                    self
                }
            }
            #[inline(always)]
            fn atan2(self, other: Self) -> Self {
                self.atan2(other)
            }
            #[inline(always)]
            fn min_value() -> Option<Self> {
                T::min_value().map(Self::constant)
            }
            #[inline(always)]
            fn max_value() -> Option<Self> {
                T::max_value().map(Self::constant)
            }
            $crate::integrations::nalgebra::constants!(
                pi,
                two_pi,
                frac_pi_2,
                frac_pi_3,
                frac_pi_4,
                frac_pi_6,
                frac_pi_8,
                frac_1_pi,
                frac_2_pi,
                frac_2_sqrt_pi,
                e,
                log2_e,
                log10_e,
                ln_2,
                ln_10
            );
        }

        impl<T: $crate::Real, const N: usize> $crate::Real for $Type<T, N> where $($($bound)*)? {
            type Float = T::Float;

            #[inline(always)]
            fn from_float(value: T::Float) -> Self {
                Self::constant(T::from_float(value))
            }
            #[inline(always)]
            fn to_float(&self) -> T::Float {
                self.value().to_float()
            }
            #[inline(always)]
            fn is_exactly_zero(&self) -> bool {
                self.parts().all(|p| p.is_exactly_zero())
            }
            #[inline(always)]
            fn is_all_finite(&self) -> bool {
                self.parts().all(|p| p.is_all_finite())
            }
        }
    };
}

/// `SubsetOf<$Type<T, N>>` for a plain float: a float is the constant with
/// that value; a number is in the float subset when its derivatives are 0.
macro_rules! float_subset {
    ($Type:ident, $F:ty $([$($bound:tt)*])?) => {
        impl<T: $crate::Real + simba::scalar::SupersetOf<$F>, const N: usize>
            simba::scalar::SubsetOf<$Type<T, N>> for $F
        where $($($bound)*)?
        {
            #[inline(always)]
            fn to_superset(&self) -> $Type<T, N> {
                $Type::constant(T::from_subset(self))
            }
            #[inline(always)]
            fn from_superset_unchecked(element: &$Type<T, N>) -> $F {
                <T as simba::scalar::SupersetOf<$F>>::to_subset_unchecked(&element.value())
            }
            #[inline(always)]
            fn is_in_subset(element: &$Type<T, N>) -> bool {
                <T as simba::scalar::SupersetOf<$F>>::is_in_subset(&element.value())
                    && element.parts().skip(1).all(|p| p.is_exactly_zero())
            }
        }
    };
}
pub(crate) use float_subset;

/// Mathematical constants: the float constant, derivatives zero.
macro_rules! constants {
    ($($name:ident),*) => {$(
        #[inline(always)]
        fn $name() -> Self {
            Self::constant(T::$name())
        }
    )*};
}
pub(crate) use constants;

use crate::{Dual, HyperDual, Jet3, Taylor};
impl_nalgebra!(Dual);
impl_nalgebra!(HyperDual [nalgebra::Const<N>: crate::Packed]);
impl_nalgebra!(Jet3 [nalgebra::Const<N>: crate::Packed]);
impl_nalgebra!(Taylor);
