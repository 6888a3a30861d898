//! `HyperDual`'s operators. Each one forwards to an in-place method of
//! `arithmetic.rs` or to the derivative table: `a op= b` writes into `a`,
//! `a op b` into its left operand (taken by value), so no operation builds
//! a zeroed number or copies one beyond its result.

use core::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use nalgebra::Const;

use super::HyperDual;
use crate::number::packed::Packed;
use crate::{Real, Scalar};

/// `a op= b` for `b` by value and by reference, and `a op b` for every mix
/// of values and references, forwarded to the method `$assign(&mut a, &b)`.
macro_rules! number_operator {
    ($Op:ident $op:ident, $OpAssign:ident $op_assign:ident, $method:ident) => {
        number_operator!($Op $op, $OpAssign $op_assign, $method, |a: HyperDual<T, N>, b: &HyperDual<T, N>| {
            let mut a = a;
            a.$method(b);
            a
        });
    };
    ($Op:ident $op:ident, $OpAssign:ident $op_assign:ident, $method:ident, $by_value:expr) => {
        impl<T: Real, const N: usize> $OpAssign<&HyperDual<T, N>> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn $op_assign(&mut self, other: &Self) {
                self.$method(other);
            }
        }
        impl<T: Real, const N: usize> $OpAssign for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn $op_assign(&mut self, other: Self) {
                self.$method(&other);
            }
        }
        impl<T: Real, const N: usize> $Op<&HyperDual<T, N>> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            type Output = Self;
            #[inline(always)]
            fn $op(self, other: &Self) -> Self {
                ($by_value)(self, other)
            }
        }
        impl<T: Real, const N: usize> $Op for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            type Output = Self;
            #[inline(always)]
            fn $op(self, other: Self) -> Self {
                ($by_value)(self, &other)
            }
        }
        impl<T: Real, const N: usize> $Op<HyperDual<T, N>> for &HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn $op(self, other: HyperDual<T, N>) -> HyperDual<T, N> {
                ($by_value)(*self, &other)
            }
        }
        impl<T: Real, const N: usize> $Op<&HyperDual<T, N>> for &HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn $op(self, other: &HyperDual<T, N>) -> HyperDual<T, N> {
                ($by_value)(*self, other)
            }
        }
    };
}

impl<T: Real, const N: usize> HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn add_assign_forward(&mut self, other: &Self) {
        self.add_assign_number(other, false);
    }
    #[inline(always)]
    fn sub_assign_forward(&mut self, other: &Self) {
        self.add_assign_number(other, true);
    }
    #[inline(always)]
    fn div_assign_forward(&mut self, other: &Self) {
        *self = crate::table::div(*self, *other);
    }
    #[inline(always)]
    fn rem_assign_forward(&mut self, other: &Self) {
        *self = crate::table::rem(*self, *other);
    }
}

number_operator!(Add add, AddAssign add_assign, add_assign_forward);
number_operator!(Sub sub, SubAssign sub_assign, sub_assign_forward);
// `a * b` builds its result from both operands (see `product`).
number_operator!(Mul mul, MulAssign mul_assign, mul_assign_number,
    |a: HyperDual<T, N>, b: &HyperDual<T, N>| a.product(b));
// `a / b` and `a % b` by value go to the table directly (no assign round trip).
number_operator!(Div div, DivAssign div_assign, div_assign_forward,
    |a: HyperDual<T, N>, b: &HyperDual<T, N>| crate::table::div(a, *b));
number_operator!(Rem rem, RemAssign rem_assign, rem_assign_forward,
    |a: HyperDual<T, N>, b: &HyperDual<T, N>| crate::table::rem(a, *b));

impl<T: Real, const N: usize> Neg for HyperDual<T, N>
where
    Const<N>: Packed,
{
    type Output = Self;
    #[inline(always)]
    fn neg(mut self) -> Self {
        self.value = -self.value;
        self.map_derivatives(|p| -p);
        self
    }
}
impl<T: Real, const N: usize> Neg for &HyperDual<T, N>
where
    Const<N>: Packed,
{
    type Output = HyperDual<T, N>;
    #[inline(always)]
    fn neg(self) -> HyperDual<T, N> {
        -*self
    }
}

/// Arithmetic with a plain float `F` (`f32` or `f64`) on either side, for
/// numbers whose innermost float is `F`; each forwards to one in-place
/// method.
macro_rules! with_float {
    ($F:ty) => {
        impl<T: Scalar<$F>, const N: usize> AddAssign<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn add_assign(&mut self, c: $F) {
                self.value = self.value + c;
            }
        }
        impl<T: Scalar<$F>, const N: usize> SubAssign<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn sub_assign(&mut self, c: $F) {
                self.value = self.value - c;
            }
        }
        impl<T: Scalar<$F>, const N: usize> MulAssign<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn mul_assign(&mut self, c: $F) {
                self.scale(T::from_float(c));
            }
        }
        impl<T: Scalar<$F>, const N: usize> DivAssign<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            // Dividing by a finite non-zero float scales every part (0/c = 0,
            // ∞/c = ∞); 0 and ±∞ go through the quotient rule, which keeps
            // zero derivative parts zero.
            #[inline(always)]
            fn div_assign(&mut self, c: $F) {
                if crate::real::sealed::Sealed::is_finite_nonzero_float(&c) {
                    self.value = self.value / c;
                    self.map_derivatives(|p| p / c);
                } else {
                    *self /= Self::from_float(c);
                }
            }
        }
        impl<T: Scalar<$F>, const N: usize> RemAssign<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            #[inline(always)]
            fn rem_assign(&mut self, c: $F) {
                *self %= Self::from_float(c);
            }
        }
        with_float!(@by_value $F; Add add AddAssign add_assign, Sub sub SubAssign sub_assign,
            Mul mul MulAssign mul_assign, Div div DivAssign div_assign, Rem rem RemAssign rem_assign);

        impl<T: Scalar<$F>, const N: usize> Add<HyperDual<T, N>> for $F
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn add(self, x: HyperDual<T, N>) -> HyperDual<T, N> {
                x + self
            }
        }
        // c − x = −x + c exactly (IEEE subtraction is addition of the negation)
        impl<T: Scalar<$F>, const N: usize> Sub<HyperDual<T, N>> for $F
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[allow(clippy::suspicious_arithmetic_impl)]
            #[inline(always)]
            fn sub(self, x: HyperDual<T, N>) -> HyperDual<T, N> {
                -x + self
            }
        }
        impl<T: Scalar<$F>, const N: usize> Mul<HyperDual<T, N>> for $F
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn mul(self, x: HyperDual<T, N>) -> HyperDual<T, N> {
                x * self
            }
        }
        impl<T: Scalar<$F>, const N: usize> Div<HyperDual<T, N>> for $F
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn div(self, x: HyperDual<T, N>) -> HyperDual<T, N> {
                HyperDual::from_float(self) / x
            }
        }
        impl<T: Scalar<$F>, const N: usize> Rem<HyperDual<T, N>> for $F
        where
            Const<N>: Packed,
        {
            type Output = HyperDual<T, N>;
            #[inline(always)]
            fn rem(self, x: HyperDual<T, N>) -> HyperDual<T, N> {
                HyperDual::from_float(self) % x
            }
        }
    };
    (@by_value $F:ty; $($Op:ident $op:ident $OpAssign:ident $op_assign:ident),*) => {$(
        impl<T: Scalar<$F>, const N: usize> $Op<$F> for HyperDual<T, N>
        where
            Const<N>: Packed,
        {
            type Output = Self;
            #[inline(always)]
            fn $op(mut self, c: $F) -> Self {
                <Self as $OpAssign<$F>>::$op_assign(&mut self, c);
                self
            }
        }
    )*};
}
with_float!(f64);
with_float!(f32);

impl<T: Real, const N: usize> core::iter::Sum for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::constant(-T::zero()), |mut a, b| {
            a += &b;
            a
        })
    }
}
impl<'a, T: Real, const N: usize> core::iter::Sum<&'a HyperDual<T, N>> for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::constant(-T::zero()), |mut a, b| {
            a += b;
            a
        })
    }
}
impl<T: Real, const N: usize> core::iter::Product for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::one()), |mut a, b| {
            a *= &b;
            a
        })
    }
}
impl<'a, T: Real, const N: usize> core::iter::Product<&'a HyperDual<T, N>> for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::one()), |mut a, b| {
            a *= b;
            a
        })
    }
}

impl<T: Real, const N: usize> Default for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn default() -> Self {
        Self::constant(T::default())
    }
}

/// Compares value parts only, as plain floats compare.
impl<T: Real, const N: usize> PartialEq for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// Orders by value part only, as plain floats order.
impl<T: Real, const N: usize> PartialOrd for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

crate::number::ops::float_comparisons!(HyperDual, f64, [nalgebra::Const<N>: crate::Packed]);
crate::number::ops::float_comparisons!(HyperDual, f32, [nalgebra::Const<N>: crate::Packed]);
