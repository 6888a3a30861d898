//! The arithmetic operators of [`Taylor`]: sums coefficient by coefficient,
//! the Cauchy product, the quotient by its recurrence. The forms with
//! references, assignment and plain floats forward to these through the
//! shared macros of `number/ops.rs`.

use core::ops::{Add, Div, Mul, Neg, Rem, Sub};

use super::Taylor;
use super::series::{product, quotient, zmul};
use crate::Real;

impl<T: Real, const K: usize> Taylor<T, K> {
    /// Combines the coefficients of two series pairwise.
    #[inline(always)]
    fn zip_parts(self, other: Self, part: impl Fn(T, T) -> T) -> Self {
        let mut c = self.coefficients;
        for (ci, o) in c.iter_mut().zip(other.coefficients) {
            *ci = part(*ci, o);
        }
        Self::new(c)
    }

    // a / b: the quotient recurrence cₖ = (aₖ − Σ_{j=1}^{k} bⱼ c_{k−j}) / b₀
    #[inline]
    pub(super) fn quotient(self, other: Self) -> Self {
        Self::new(quotient(&self.coefficients, &other.coefficients))
    }

    // x mod y = x − n·y, with n = trunc(x/y) in exact arithmetic locally
    // constant: c₀ = a₀ mod b₀, cₖ = aₖ − n bₖ. The float a₀/b₀ can round
    // to an integer the exact quotient does not reach (1 % 0.1: a₀/b₀ = 10,
    // n = 9), so n is read off the remainder returned, as in the table:
    // n = (a₀ − c₀)/b₀ rounded to the nearest integer.
    #[inline]
    pub(super) fn remainder(self, other: Self) -> Self {
        let (a, b) = (&self.coefficients, &other.coefficients);
        let mut c = [T::zero(); K];
        c[0] = a[0] % b[0];
        let quotient = ((a[0] - c[0]) / b[0]).round();
        for k in 1..K {
            c[k] = a[k] - zmul(quotient, b[k]);
        }
        Self::new(c)
    }
}

// (a ± b)ₖ = aₖ ± bₖ
impl<T: Real, const K: usize> Add for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.zip_parts(other, |a, b| a + b)
    }
}

impl<T: Real, const K: usize> Sub for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        self.zip_parts(other, |a, b| a - b)
    }
}

// (ab)ₖ = Σ_{j=0}^{k} aⱼ b_{k−j}
impl<T: Real, const K: usize> Mul for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        Self::new(product(&self.coefficients, &other.coefficients))
    }
}

impl<T: Real, const K: usize> Div for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn div(self, other: Self) -> Self {
        self.quotient(other)
    }
}

impl<T: Real, const K: usize> Rem for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn rem(self, other: Self) -> Self {
        self.remainder(other)
    }
}

impl<T: Real, const K: usize> Neg for Taylor<T, K> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map_parts(|a| -a)
    }
}

impl<T: Real, const K: usize> Neg for &Taylor<T, K> {
    type Output = Taylor<T, K>;
    #[inline(always)]
    fn neg(self) -> Taylor<T, K> {
        -*self
    }
}

impl<T: Real, const K: usize> core::iter::Sum for Taylor<T, K> {
    #[inline]
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::zero()), |a, b| a + b)
    }
}

impl<'a, T: Real, const K: usize> core::iter::Sum<&'a Taylor<T, K>> for Taylor<T, K> {
    #[inline]
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::zero()), |a, b| a + *b)
    }
}

impl<T: Real, const K: usize> core::iter::Product for Taylor<T, K> {
    #[inline]
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::one()), |a, b| a * b)
    }
}

impl<'a, T: Real, const K: usize> core::iter::Product<&'a Taylor<T, K>> for Taylor<T, K> {
    #[inline]
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::constant(T::one()), |a, b| a * *b)
    }
}

crate::number::ops::by_reference!(Taylor []; Add add, Sub sub, Mul mul, Div div, Rem rem);
crate::number::ops::assign!(Taylor [], Taylor<T, N>; AddAssign add_assign +, SubAssign sub_assign -,
    MulAssign mul_assign *, DivAssign div_assign /, RemAssign rem_assign %);
crate::number::ops::assign!(Taylor [], &Taylor<T, N>; AddAssign add_assign +, SubAssign sub_assign -,
    MulAssign mul_assign *, DivAssign div_assign /, RemAssign rem_assign %);
crate::number::ops::with_float!(Taylor, f64);
crate::number::ops::with_float!(Taylor, f32);
