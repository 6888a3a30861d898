//! approx integration: `AbsDiffEq`, `RelativeEq`, `UlpsEq`.
//!
//! Unlike `==`, which compares value parts only, these compare every part:
//! two numbers are approximately equal when their values and all their
//! derivatives are, each within the tolerance (the tolerance's value part).

/// Writes the approx impls for `$Type<T, N>`, comparing part by part.
macro_rules! impl_approx {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<T: $crate::Real, const N: usize> approx::AbsDiffEq for $Type<T, N> where $($($bound)*)? {
            type Epsilon = Self;
            #[inline]
            fn default_epsilon() -> Self {
                Self::constant(T::default_epsilon())
            }
            #[inline]
            fn abs_diff_eq(&self, other: &Self, epsilon: Self) -> bool {
                let epsilon = epsilon.value();
                self.parts()
                    .zip(other.parts())
                    .all(|(a, b)| a.abs_diff_eq(b, epsilon))
            }
        }

        impl<T: $crate::Real, const N: usize> approx::RelativeEq for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn default_max_relative() -> Self {
                Self::constant(T::default_max_relative())
            }
            #[inline]
            fn relative_eq(&self, other: &Self, epsilon: Self, max_relative: Self) -> bool {
                let (epsilon, max_relative) = (epsilon.value(), max_relative.value());
                self.parts()
                    .zip(other.parts())
                    .all(|(a, b)| a.relative_eq(b, epsilon, max_relative))
            }
        }

        impl<T: $crate::Real, const N: usize> approx::UlpsEq for $Type<T, N> where $($($bound)*)? {
            #[inline]
            fn default_max_ulps() -> u32 {
                T::default_max_ulps()
            }
            #[inline]
            fn ulps_eq(&self, other: &Self, epsilon: Self, max_ulps: u32) -> bool {
                let epsilon = epsilon.value();
                self.parts()
                    .zip(other.parts())
                    .all(|(a, b)| a.ulps_eq(b, epsilon, max_ulps))
            }
        }
    };
}

use crate::{Dual, HyperDual, Jet3, Taylor};
impl_approx!(Dual);
impl_approx!(HyperDual [nalgebra::Const<N>: crate::Packed]);
impl_approx!(Jet3 [nalgebra::Const<N>: crate::Packed]);
impl_approx!(Taylor);
