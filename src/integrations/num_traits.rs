//! num-traits integration: `Zero`, `One`, `Num`, `Signed`, `FromPrimitive`.
//! Each forwards to the number type's constructors or methods.

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

use crate::{Dual, HyperDual, Jet3};
impl_num_traits!(Dual);
impl_num_traits!(HyperDual);
impl_num_traits!(Jet3 [nalgebra::Const<N>: crate::Packed]);
