//! num-traits integration: `Zero`, `One`, `Num`, `Signed`, `FromPrimitive`,
//! `ToPrimitive`, `NumCast`, `FloatConst` and `Float`. Each forwards to the
//! number type's constructors, its inherent methods (the derivative table)
//! or its value part.
//!
//! `Float` is implemented for every number type whose inner type is a
//! `Float` itself (`f32`, `f64` and, recursively, every nested number
//! type), so code written against `num_traits::Float` runs on them
//! unchanged. Conversions and predicates (`to_f64`, `is_nan`, `classify`,
//! `integer_decode`) read the value part; constants (`nan()`, `epsilon()`,
//! `FloatConst::PI()`) have every derivative part zero.

/// Writes the num-traits impls for `$Type<T, N>`.
macro_rules! impl_num_traits {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<T: $crate::Real, const N: usize> num_traits::Zero for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn zero() -> Self {
                Self::constant(T::zero())
            }
            /// `true` when the value part is zero, as `==` compares.
            #[inline]
            fn is_zero(&self) -> bool {
                self.value().is_zero()
            }
        }

        impl<T: $crate::Real, const N: usize> num_traits::One for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn one() -> Self {
                Self::constant(T::one())
            }
        }

        impl<T: $crate::Real, const N: usize> num_traits::Num for $Type<T, N> where $($($bound)*)? {
            type FromStrRadixErr = T::FromStrRadixErr;
            #[inline]
            fn from_str_radix(text: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
                T::from_str_radix(text, radix).map(Self::constant)
            }
        }

        impl<T: $crate::Real, const N: usize> num_traits::Signed for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn abs(&self) -> Self {
                (*self).abs()
            }
            // max(x − y, 0)
            #[inline]
            fn abs_sub(&self, other: &Self) -> Self {
                if *self <= *other {
                    num_traits::Zero::zero()
                } else {
                    *self - *other
                }
            }
            #[inline]
            fn signum(&self) -> Self {
                (*self).signum()
            }
            #[inline]
            fn is_positive(&self) -> bool {
                self.value().is_positive()
            }
            #[inline]
            fn is_negative(&self) -> bool {
                self.value().is_negative()
            }
        }

        impl<T: $crate::Real, const N: usize> num_traits::FromPrimitive for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn from_i64(n: i64) -> Option<Self> {
                T::from_i64(n).map(Self::constant)
            }
            #[inline]
            fn from_u64(n: u64) -> Option<Self> {
                T::from_u64(n).map(Self::constant)
            }
            #[inline]
            fn from_f64(n: f64) -> Option<Self> {
                T::from_f64(n).map(Self::constant)
            }
            #[inline]
            fn from_f32(n: f32) -> Option<Self> {
                T::from_f32(n).map(Self::constant)
            }
        }
    };
}

/// Writes `ToPrimitive`, `NumCast`, `FloatConst` and `Float` for
/// `$Type<T, N>`.
macro_rules! impl_float {
    ($Type:ident $([$($bound:tt)*])?) => {
        /// Converts the value part.
        impl<T: $crate::Real + num_traits::ToPrimitive, const N: usize> num_traits::ToPrimitive
            for $Type<T, N>
        where
            $($($bound)*)?
        {
            #[inline]
            fn to_i64(&self) -> Option<i64> {
                self.value().to_i64()
            }
            #[inline]
            fn to_u64(&self) -> Option<u64> {
                self.value().to_u64()
            }
            #[inline]
            fn to_i128(&self) -> Option<i128> {
                self.value().to_i128()
            }
            #[inline]
            fn to_u128(&self) -> Option<u128> {
                self.value().to_u128()
            }
            #[inline]
            fn to_f32(&self) -> Option<f32> {
                self.value().to_f32()
            }
            #[inline]
            fn to_f64(&self) -> Option<f64> {
                self.value().to_f64()
            }
        }

        /// A constant: the inner type's conversion, every derivative part zero.
        impl<T: $crate::Real + num_traits::NumCast, const N: usize> num_traits::NumCast
            for $Type<T, N>
        where
            $($($bound)*)?
        {
            #[inline]
            fn from<P: num_traits::ToPrimitive>(n: P) -> Option<Self> {
                <T as num_traits::NumCast>::from(n).map(Self::constant)
            }
        }

        impl<T: $crate::Real + num_traits::FloatConst, const N: usize> num_traits::FloatConst
            for $Type<T, N>
        where
            $($($bound)*)?
        {
            $crate::integrations::num_traits::float_constants!(
                E,
                FRAC_1_PI,
                FRAC_1_SQRT_2,
                FRAC_2_PI,
                FRAC_2_SQRT_PI,
                FRAC_PI_2,
                FRAC_PI_3,
                FRAC_PI_4,
                FRAC_PI_6,
                FRAC_PI_8,
                LN_10,
                LN_2,
                LOG10_E,
                LOG2_E,
                PI,
                SQRT_2,
                TAU,
                LOG10_2,
                LOG2_10
            );
        }

        impl<T: $crate::Real + num_traits::Float, const N: usize> num_traits::Float
            for $Type<T, N>
        where
            $($($bound)*)?
        {
            $crate::integrations::num_traits::float_constructors!(
                nan,
                infinity,
                neg_infinity,
                neg_zero,
                min_value,
                min_positive_value,
                epsilon,
                max_value
            );
            $crate::integrations::num_traits::value_predicates!(
                is_nan,
                is_infinite,
                is_finite,
                is_normal,
                is_subnormal,
                is_sign_positive,
                is_sign_negative
            );
            $crate::integrations::num_traits::inherent_unary!(
                floor, ceil, round, trunc, fract, abs, signum, recip, sqrt, exp, exp2, ln, log2,
                log10, cbrt, sin, cos, tan, asin, acos, atan, exp_m1, ln_1p, sinh, cosh, tanh,
                asinh, acosh, atanh
            );
            $crate::integrations::num_traits::inherent_binary!(max, min, hypot, atan2);

            #[inline]
            fn classify(self) -> core::num::FpCategory {
                num_traits::Float::classify(self.value())
            }
            #[inline]
            fn integer_decode(self) -> (u64, i16, i8) {
                num_traits::Float::integer_decode(self.value())
            }
            #[inline]
            fn mul_add(self, a: Self, b: Self) -> Self {
                Self::mul_add(self, a, b)
            }
            #[inline]
            fn powi(self, n: i32) -> Self {
                Self::powi(self, n)
            }
            // xʸ with y a number (as nalgebra's ComplexField::powf)
            #[inline]
            fn powf(self, exponent: Self) -> Self {
                Self::pow(self, exponent)
            }
            // log_b x = ln x / ln b, with b a number too
            #[inline]
            fn log(self, base: Self) -> Self {
                Self::ln(self) / Self::ln(base)
            }
            #[inline]
            fn sin_cos(self) -> (Self, Self) {
                Self::sin_cos(self)
            }
            // max(x − y, 0)
            #[inline]
            fn abs_sub(self, other: Self) -> Self {
                num_traits::Signed::abs_sub(&self, &other)
            }
            // x · (180/π), with the factor f64::to_degrees multiplies by
            #[inline]
            fn to_degrees(self) -> Self {
                self * Self::constant(num_traits::Float::to_degrees(T::one()))
            }
            // x · (π/180)
            #[inline]
            fn to_radians(self) -> Self {
                self * Self::constant(num_traits::Float::to_radians(T::one()))
            }
            // By value, never panicking (num-traits' default asserts min ≤ max)
            #[inline]
            fn clamp(self, min: Self, max: Self) -> Self {
                <Self as nalgebra::RealField>::clamp(self, min, max)
            }
            #[inline]
            fn copysign(self, sign: Self) -> Self {
                <Self as nalgebra::RealField>::copysign(self, sign)
            }
        }
    };
}

/// `FloatConst` constants: the inner type's, every derivative part zero.
macro_rules! float_constants {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name() -> Self {
            Self::constant(<T as num_traits::FloatConst>::$name())
        }
    )*};
}
pub(crate) use float_constants;

/// `Float` constructors of special values: constants.
macro_rules! float_constructors {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name() -> Self {
            Self::constant(<T as num_traits::Float>::$name())
        }
    )*};
}
pub(crate) use float_constructors;

/// `Float` predicates, which read the value part.
macro_rules! value_predicates {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name(self) -> bool {
            num_traits::Float::$name(self.value())
        }
    )*};
}
pub(crate) use value_predicates;

/// `Float` methods of one argument, forwarded to the inherent method.
macro_rules! inherent_unary {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name(self) -> Self {
            Self::$name(self)
        }
    )*};
}
pub(crate) use inherent_unary;

/// `Float` methods of two arguments, forwarded to the inherent method.
macro_rules! inherent_binary {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name(self, other: Self) -> Self {
            Self::$name(self, other)
        }
    )*};
}
pub(crate) use inherent_binary;

use crate::{Dual, HyperDual, Jet3, Taylor};
impl_num_traits!(Dual);
impl_num_traits!(HyperDual [nalgebra::Const<N>: crate::Packed]);
impl_num_traits!(Jet3 [nalgebra::Const<N>: crate::Packed]);
impl_num_traits!(Taylor);
impl_float!(Dual);
impl_float!(HyperDual [nalgebra::Const<N>: crate::Packed]);
impl_float!(Jet3 [nalgebra::Const<N>: crate::Packed]);
impl_float!(Taylor);
