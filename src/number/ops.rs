//! Operator impls for the number types. The macros here only forward: each
//! operator calls one method of the number type or one table entry, and
//! `&a op b` forwards to `a op b`.

/// Writes every arithmetic operator for `$Type<T, N>`: against `Self`,
/// `&Self` and the plain floats `f32` / `f64` on both sides, the assign
/// forms, `Neg`, `Sum` and `Product`.
///
/// The type supplies `map_parts`, `zip_parts`, `offset` and `mul_number`.
macro_rules! arithmetic {
    ($Type:ident $([$($bound:tt)*])?) => {
        // (a + a′ε) ± (b + b′ε) = (a ± b) + (a′ ± b′)ε
        impl<T: $crate::Real, const N: usize> core::ops::Add for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn add(self, other: Self) -> Self {
                self.zip_parts(other, |a, b| a + b)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Sub for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn sub(self, other: Self) -> Self {
                self.zip_parts(other, |a, b| a - b)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Mul for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn mul(self, other: Self) -> Self {
                self.mul_number(other)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Div for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn div(self, other: Self) -> Self {
                $crate::table::div(self, other)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Rem for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn rem(self, other: Self) -> Self {
                $crate::table::rem(self, other)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Neg for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn neg(self) -> Self {
                self.map_parts(|a| -a)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::Neg for &$Type<T, N> where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn neg(self) -> $Type<T, N> {
                -*self
            }
        }

        $crate::number::ops::by_reference!($Type [$($($bound)*)?]; Add add, Sub sub, Mul mul, Div div, Rem rem);
        $crate::number::ops::assign!($Type [$($($bound)*)?], $Type<T, N>; AddAssign add_assign +, SubAssign sub_assign -,
            MulAssign mul_assign *, DivAssign div_assign /, RemAssign rem_assign %);
        $crate::number::ops::assign!($Type [$($($bound)*)?], &$Type<T, N>; AddAssign add_assign +, SubAssign sub_assign -,
            MulAssign mul_assign *, DivAssign div_assign /, RemAssign rem_assign %);
        $crate::number::ops::with_float!($Type $([$($bound)*])?, f64);
        $crate::number::ops::with_float!($Type $([$($bound)*])?, f32);

        // A sum starts from −0, as f64's does (so that Σ[−0, −0] = −0; −0
        // is the additive identity of IEEE addition), a product from 1.
        impl<T: $crate::Real, const N: usize> core::iter::Sum for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(Self::constant(-T::zero()), |a, b| a + b)
            }
        }
        impl<'a, T: $crate::Real, const N: usize> core::iter::Sum<&'a $Type<T, N>> for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.fold(Self::constant(-T::zero()), |a, b| a + *b)
            }
        }
        impl<T: $crate::Real, const N: usize> core::iter::Product for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(<Self as num_traits::One>::one(), |a, b| a * b)
            }
        }
        impl<'a, T: $crate::Real, const N: usize> core::iter::Product<&'a $Type<T, N>> for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.fold(<Self as num_traits::One>::one(), |a, b| a * *b)
            }
        }
    };
}
pub(crate) use arithmetic;

/// `Default` (the constant `T::default()`), and `PartialEq` / `PartialOrd`
/// forwarded to the value parts, so that code branches on number types
/// exactly as it would on plain floats (nalgebra's pivoting included).
macro_rules! value_comparisons {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<T: $crate::Real, const N: usize> Default for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn default() -> Self {
                Self::constant(T::default())
            }
        }

        /// Compares value parts only, as plain floats compare.
        impl<T: $crate::Real, const N: usize> PartialEq for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn eq(&self, other: &Self) -> bool {
                self.value() == other.value()
            }
        }

        /// Orders by value part only, as plain floats order.
        impl<T: $crate::Real, const N: usize> PartialOrd for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
                self.value().partial_cmp(&other.value())
            }
        }

        $crate::number::ops::float_comparisons!($Type, f64 $(, [$($bound)*])?);
        $crate::number::ops::float_comparisons!($Type, f32 $(, [$($bound)*])?);
    };
}

/// `x == c`, `x < c`, `c < x` … with a plain float `c`, by the value part
/// (so `x > 0.0` branches as it would on the float).
macro_rules! float_comparisons {
    ($Type:ident, $F:ty $(, [$($bound:tt)*])?) => {
        impl<T: $crate::Real + PartialEq<$F>, const N: usize> PartialEq<$F> for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn eq(&self, c: &$F) -> bool {
                self.value() == *c
            }
        }
        impl<T: $crate::Real + PartialOrd<$F>, const N: usize> PartialOrd<$F> for $Type<T, N> where $($($bound)*)? {
            #[inline(always)]
            fn partial_cmp(&self, c: &$F) -> Option<core::cmp::Ordering> {
                self.value().partial_cmp(c)
            }
        }
        impl<T: $crate::Real, const N: usize> PartialEq<$Type<T, N>> for $F
        where
            $F: PartialEq<T>,
            $($($bound)*)?
        {
            #[inline(always)]
            fn eq(&self, x: &$Type<T, N>) -> bool {
                *self == x.value()
            }
        }
        impl<T: $crate::Real, const N: usize> PartialOrd<$Type<T, N>> for $F
        where
            $F: PartialOrd<T>,
            $($($bound)*)?
        {
            #[inline(always)]
            fn partial_cmp(&self, x: &$Type<T, N>) -> Option<core::cmp::Ordering> {
                self.partial_cmp(&x.value())
            }
        }
    };
}
pub(crate) use float_comparisons;
pub(crate) use value_comparisons;

/// How one part is written: `Display::fmt`, `LowerExp::fmt` or `UpperExp::fmt`.
pub(crate) type PartFormat<T> = fn(&T, &mut core::fmt::Formatter<'_>) -> core::fmt::Result;

/// Writes `[a, b, …]`, each item by `part` with the formatter's own options.
pub(crate) fn write_list<'a, T: 'a>(
    f: &mut core::fmt::Formatter<'_>,
    items: impl IntoIterator<Item = &'a T>,
    part: PartFormat<T>,
) -> core::fmt::Result {
    f.write_str("[")?;
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        part(item, f)?;
    }
    f.write_str("]")
}

/// `Display`, `LowerExp` and `UpperExp` for `$Type<T, N>`, each writing
/// every part with the formatter's options (width, precision, sign) by the
/// type's `write_parts`.
macro_rules! formatting {
    ($Type:ident $([$($bound:tt)*])?) => {
        /// Writes every part with the formatter's options: `{:.3}` gives
        /// each part three decimals, `{:8}` pads each part to eight.
        impl<T: $crate::Real, const N: usize> core::fmt::Display for $Type<T, N> where $($($bound)*)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.write_parts(f, <T as core::fmt::Display>::fmt)
            }
        }
        /// Writes every part in exponent form (`{:e}`, `{:.2e}`).
        impl<T: $crate::Real, const N: usize> core::fmt::LowerExp for $Type<T, N> where $($($bound)*)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.write_parts(f, <T as core::fmt::LowerExp>::fmt)
            }
        }
        /// Writes every part in exponent form with a capital E (`{:E}`).
        impl<T: $crate::Real, const N: usize> core::fmt::UpperExp for $Type<T, N> where $($($bound)*)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.write_parts(f, <T as core::fmt::UpperExp>::fmt)
            }
        }
    };
}
pub(crate) use formatting;

/// `a op &b`, `&a op b` and `&a op &b`, forwarded to `a op b`.
macro_rules! by_reference {
    ($Type:ident $bounds:tt; $($Op:ident $op:ident),*) => {$(
        $crate::number::ops::by_reference!(@one $Type $bounds $Op $op);
    )*};
    (@one $Type:ident [$($bound:tt)*] $Op:ident $op:ident) => {
        impl<T: $crate::Real, const N: usize> core::ops::$Op<&$Type<T, N>> for $Type<T, N> where $($bound)* {
            type Output = Self;
            #[inline(always)]
            fn $op(self, other: &Self) -> Self {
                core::ops::$Op::$op(self, *other)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::$Op<$Type<T, N>> for &$Type<T, N> where $($bound)* {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn $op(self, other: $Type<T, N>) -> $Type<T, N> {
                core::ops::$Op::$op(*self, other)
            }
        }
        impl<T: $crate::Real, const N: usize> core::ops::$Op<&$Type<T, N>> for &$Type<T, N> where $($bound)* {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn $op(self, other: &$Type<T, N>) -> $Type<T, N> {
                core::ops::$Op::$op(*self, *other)
            }
        }
    };
}
pub(crate) use by_reference;

/// `a op= b`, forwarded to `a = a op b`.
macro_rules! assign {
    ($Type:ident $bounds:tt, $Rhs:ty; $($Op:ident $op:ident $sym:tt),*) => {$(
        $crate::number::ops::assign!(@one $Type $bounds, $Rhs; $Op $op $sym);
    )*};
    (@one $Type:ident [$($bound:tt)*], $Rhs:ty; $Op:ident $op:ident $sym:tt) => {
        impl<T: $crate::Real, const N: usize> core::ops::$Op<$Rhs> for $Type<T, N> where $($bound)* {
            #[inline(always)]
            fn $op(&mut self, other: $Rhs) {
                *self = *self $sym other;
            }
        }
    };
}
pub(crate) use assign;

/// Arithmetic with a plain float `F` (`f32` or `f64`) on either side, for
/// number types whose innermost float is `F`.
macro_rules! with_float {
    ($Type:ident $([$($bound:tt)*])?, $F:ty) => {
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Add<$F> for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn add(self, c: $F) -> Self {
                self.offset(|a| a + c)
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Sub<$F> for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn sub(self, c: $F) -> Self {
                self.offset(|a| a - c)
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Mul<$F> for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn mul(self, c: $F) -> Self {
                // A finite nonzero float scales every part; 0, ±∞ and NaN
                // scale the value part in IEEE arithmetic and the derivative
                // parts by the zero rule, as the product rule does. (For a
                // literal `c` the test folds away.)
                if $crate::real::sealed::Sealed::is_finite_nonzero_float(&c) {
                    self.map_parts(|a| a * c)
                } else {
                    $crate::real::sealed::Sealed::mul_special_constant(self, <Self as $crate::Real>::from_float(c))
                }
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Div<$F> for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn div(self, c: $F) -> Self {
                // 0 and ±∞ go through the quotient rule, which keeps zero
                // derivative parts zero.
                if $crate::real::sealed::Sealed::is_finite_nonzero_float(&c) {
                    self.map_parts(|a| a / c)
                } else {
                    $crate::real::sealed::Sealed::div_special_constant(self, <Self as $crate::Real>::from_float(c))
                }
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Rem<$F> for $Type<T, N> where $($($bound)*)? {
            type Output = Self;
            #[inline(always)]
            fn rem(self, c: $F) -> Self {
                self % <Self as $crate::Real>::from_float(c)
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Add<$Type<T, N>> for $F where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn add(self, x: $Type<T, N>) -> $Type<T, N> {
                x.offset(|a| a + self)
            }
        }
        // c − x = −x + c exactly (IEEE subtraction is addition of the negation)
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Sub<$Type<T, N>> for $F where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[allow(clippy::suspicious_arithmetic_impl)]
            #[inline(always)]
            fn sub(self, x: $Type<T, N>) -> $Type<T, N> {
                (-x).offset(|a| a + self)
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Mul<$Type<T, N>> for $F where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn mul(self, x: $Type<T, N>) -> $Type<T, N> {
                x * self
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Div<$Type<T, N>> for $F where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn div(self, x: $Type<T, N>) -> $Type<T, N> {
                <$Type<T, N> as $crate::Real>::from_float(self) / x
            }
        }
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::Rem<$Type<T, N>> for $F where $($($bound)*)? {
            type Output = $Type<T, N>;
            #[inline(always)]
            fn rem(self, x: $Type<T, N>) -> $Type<T, N> {
                <$Type<T, N> as $crate::Real>::from_float(self) % x
            }
        }
        $crate::number::ops::assign_float!($Type [$($($bound)*)?], $F; AddAssign add_assign +, SubAssign sub_assign -,
            MulAssign mul_assign *, DivAssign div_assign /, RemAssign rem_assign %);
    };
}
pub(crate) use with_float;

/// `a op= c` for a plain float `c`, forwarded to `a = a op c`.
macro_rules! assign_float {
    ($Type:ident $bounds:tt, $F:ty; $($Op:ident $op:ident $sym:tt),*) => {$(
        $crate::number::ops::assign_float!(@one $Type $bounds, $F; $Op $op $sym);
    )*};
    (@one $Type:ident [$($bound:tt)*], $F:ty; $Op:ident $op:ident $sym:tt) => {
        impl<T: $crate::Scalar<$F>, const N: usize> core::ops::$Op<$F> for $Type<T, N> where $($bound)* {
            #[inline(always)]
            fn $op(&mut self, c: $F) {
                *self = *self $sym c;
            }
        }
    };
}
pub(crate) use assign_float;
