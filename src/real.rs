//! The traits every number type implements: [`Real`] (the base) and
//! [`Scalar`] (the bound user code writes).

use core::fmt::{Debug, Display, LowerExp, UpperExp};
use core::iter::{Product, Sum};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Sub, SubAssign};

use nalgebra::RealField;

pub(crate) mod sealed {
    /// `Real` with innermost float `F`, as a trait rather than an
    /// associated-type equality, so that a number with another float fails
    /// `Scalar<F>` with `Scalar`'s own message (see its
    /// `on_unimplemented`) instead of a type mismatch.
    #[diagnostic::on_unimplemented(
        message = "the innermost float is `{Self}`, not `{F}`: the bound `S: Scalar` means `Scalar<f64>`; for {Self} data write `S: Scalar<{Self}>`",
        label = "this number is built on `{Self}`, the bound asks for `{F}`",
        note = "generic code on f32 writes `fn f<S: Scalar<f32>>(…)` and f32 literals (`x * 2.0f32` or plain `2.0` where the type is known)"
    )]
    pub trait InnermostFloat<F>: super::Real<Float = F> {}
    impl InnermostFloat<f32> for f32 {}
    impl InnermostFloat<f64> for f64 {}
    impl<T: InnermostFloat<F>, F, const N: usize> InnermostFloat<F> for crate::Dual<T, N> {}
    impl<T: InnermostFloat<F>, F, const N: usize> InnermostFloat<F> for crate::HyperDual<T, N> where
        nalgebra::Const<N>: crate::Packed
    {
    }
    impl<T: InnermostFloat<F>, F, const N: usize> InnermostFloat<F> for crate::Jet3<T, N> where
        nalgebra::Const<N>: crate::Packed
    {
    }
    impl<T: InnermostFloat<F>, F, const K: usize> InnermostFloat<F> for crate::Taylor<T, K> {}

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

        /// What [`mul_zero_safe_keyed`](Self::mul_zero_safe_keyed) needs
        /// to know of a factor shared by many products (a value, f′): for
        /// a float, one whose bits are all ones if the factor is not 0, and
        /// all zeros if it is.
        #[inline(always)]
        fn zero_safe_key(self) -> Self {
            self
        }

        /// `self · factor` by the zero rule, `key` being
        /// `factor.zero_safe_key()`: for floats, the IEEE product masked
        /// by `self`'s compare and by `key`, so that a loop over the lanes
        /// of a number against one factor keeps every mask in its vector
        /// registers. For a number type, `factor.mul_zero_safe(self)`: the
        /// factor first, as the chain rules have always multiplied (a
        /// nested product's parts are sums whose order depends on it).
        #[inline(always)]
        fn mul_zero_safe_keyed(self, factor: Self, key: Self) -> Self {
            let _ = key;
            factor.mul_zero_safe(self)
        }

        /// `true` for a float that is finite and not zero (subnormals
        /// included): the factors by which scaling every part in IEEE
        /// arithmetic is the zero rule's product. `false` for every number
        /// type.
        #[inline(always)]
        fn is_finite_nonzero_float(&self) -> bool {
            false
        }

        /// `self · c` for a constant `c` (every derivative part zero)
        /// whose value is 0, ±∞ or NaN: the product rule, by which the
        /// zero rule holds. A type may write it shorter (`Dual`: one
        /// product per lane), so that the rare branch of a scaling by a
        /// float known only at run time stays small.
        #[inline(always)]
        fn mul_special_constant(self, c: Self) -> Self
        where
            Self: super::Real,
        {
            self * c
        }

        /// `self / c` for a constant `c` whose value is 0, ±∞ or NaN: the
        /// quotient rule (as [`mul_special_constant`](Self::mul_special_constant)).
        #[inline(always)]
        fn div_special_constant(self, c: Self) -> Self
        where
            Self: super::Real,
        {
            self / c
        }

        /// `true` if the innermost value is a normal float (finite, not
        /// zero, not subnormal), for the table's choice between formulas.
        fn is_normal_value(&self) -> bool;

        /// This number with its innermost value replaced by `value` (every
        /// derivative part kept).
        fn with_float(self, value: <Self as super::Real>::Float) -> Self
        where
            Self: super::Real;

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

        /// [`along`](Self::along) with the derivative after `next` too, for
        /// an inner number with second-order parts (`HyperDual`): gradient
        /// g⁽ᵏ⁺¹⁾·x′, Hessian g⁽ᵏ⁺¹⁾·x″ + g⁽ᵏ⁺²⁾·x′x′ᵀ. The others: `along`.
        #[inline(always)]
        fn along3(self, next: Self, next2: Self, x: &Self) -> Self {
            let _ = next2;
            self.along(next, x)
        }

        /// [`along2`](Self::along2) with the partials after `next` too,
        /// for an inner number with second-order parts (`HyperDual`):
        /// gradient `next[0]·∇x + next[1]·∇y`, Hessian by the two-argument
        /// chain rule with `next` as first and `next2` as second partials.
        /// The others: `along2`.
        #[inline(always)]
        fn along2_3(self, next: [Self; 2], next2: [Self; 3], x: &Self, y: &Self) -> Self {
            let _ = next2;
            self.along2(next, x, y)
        }
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
                fn zero_safe_key(self) -> $F {
                    let key = if self != 0.0 { !0 } else { 0 };
                    <$F>::from_bits(key)
                }
                #[inline(always)]
                fn mul_zero_safe_keyed(self, factor: $F, key: $F) -> $F {
                    let product = self * factor;
                    let lane = if self != 0.0 { product } else { 0.0 };
                    <$F>::from_bits(lane.to_bits() & key.to_bits())
                }
                // One compare instead of two range tests: with the sign
                // shifted out, 0 < bits < bits(∞) is a finite nonzero float
                // (`is_finite() && != 0` compiled to two tests of the bits
                // and a branch on each: 11 instructions per scaling by a
                // runtime float against 5, callgrind, quadratic form).
                #[inline(always)]
                fn is_finite_nonzero_float(&self) -> bool {
                    let magnitude = self.to_bits() << 1;
                    magnitude.wrapping_sub(1) < (<$F>::INFINITY.to_bits() << 1) - 1
                }
                #[inline(always)]
                fn is_normal_value(&self) -> bool {
                    self.is_normal()
                }
                #[inline(always)]
                fn with_float(self, value: $F) -> $F {
                    value
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
        ($($Type:ident $([$($bound:tt)*])? $(; $along2_3:ident)? $(+ $mul_special:ident $div_special:ident)?),*) => {$(
            impl<T: super::Real, const N: usize> Sealed for crate::$Type<T, N> where $($($bound)*)? {
                const IS_FLOAT: bool = false;
                $(
                #[inline(always)]
                fn mul_special_constant(self, c: Self) -> Self {
                    self.$mul_special(c)
                }
                #[inline(always)]
                fn div_special_constant(self, c: Self) -> Self {
                    self.$div_special(c)
                }
                )?
                $(
                #[inline(always)]
                fn along2_3(self, next: [Self; 2], next2: [Self; 3], x: &Self, y: &Self) -> Self {
                    self.$along2_3(next, next2, x, y)
                }
                )?
                #[inline(always)]
                fn along(self, next: Self, x: &Self) -> Self {
                    self.along(next, x)
                }
                #[inline(always)]
                fn along2(self, next: [Self; 2], x: &Self, y: &Self) -> Self {
                    self.along2(next, x, y)
                }
                #[inline(always)]
                fn along3(self, next: Self, next2: Self, x: &Self) -> Self {
                    self.along3(next, next2, x)
                }
                #[inline(always)]
                fn mul_zero_safe(self, other: Self) -> Self {
                    self.mul_with(other, T::mul_zero_safe)
                }
                #[inline(always)]
                fn is_normal_value(&self) -> bool {
                    Sealed::is_normal_value(&crate::Real::to_float(self))
                }
                #[inline(always)]
                fn with_float(self, value: <Self as crate::Real>::Float) -> Self {
                    use crate::table::Chain;
                    let inner = Sealed::with_float(self.re(), value);
                    self.with_value(inner)
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
    number_sealed!(Dual + mul_by_special_float div_by_special_float, HyperDual [nalgebra::Const<N>: crate::Packed]; along2_3, Jet3 [nalgebra::Const<N>: crate::Packed]);

    // A Taylor series carries no derivative lanes of its own to set: its
    // higher coefficients come from its own recurrences.
    impl<T: super::Real, const K: usize> Sealed for crate::Taylor<T, K> {
        const IS_FLOAT: bool = false;
        #[inline(always)]
        fn mul_zero_safe(self, other: Self) -> Self {
            if crate::Real::is_exactly_zero(&self) || crate::Real::is_exactly_zero(&other) {
                <Self as num_traits::Zero>::zero()
            } else {
                self * other
            }
        }
        #[inline(always)]
        fn is_normal_value(&self) -> bool {
            Sealed::is_normal_value(&crate::Real::to_float(self))
        }
        #[inline(always)]
        fn with_float(self, value: <Self as crate::Real>::Float) -> Self {
            let mut c = self.coefficients();
            c[0] = Sealed::with_float(c[0], value);
            Self::new(c)
        }
        #[inline(always)]
        fn is_constant(&self) -> bool {
            let c = self.coefficients();
            c[0].is_constant() && c[1..].iter().all(crate::Real::is_exactly_zero)
        }
        #[inline(always)]
        fn along(self, _: Self, _: &Self) -> Self {
            self
        }
        #[inline(always)]
        fn along2(self, _: [Self; 2], _: &Self, _: &Self) -> Self {
            self
        }
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
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a monodual number type",
    label = "not `f32`, `f64`, `Dual<…>`, `HyperDual<…>`, `Jet3<…>` or `Taylor<…>`",
    note = "`Real` is implemented for f32, f64 and the number types `Dual<T, N>`, `HyperDual<T, N>`, `Jet3<T, N>` and `Taylor<T, K>` built on them"
)]
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
/// float is `F` (by default `f64`), with arithmetic and comparisons against
/// plain `F` values.
///
/// Generic code can mix float literals when the number is on the left
/// (`x * 2.0`, `x - 1.0`), compare with them (`x > 0.0`, `x == 1.0`, by
/// the value part; concrete number types also take `0.0 < x`), sum and multiply iterators
/// (`.sum::<S>()`, `.product::<S>()`), call every `nalgebra::RealField`
/// method, and run nalgebra's matrix routines. `f64`, `f32` (as
/// `Scalar<f32>`) and every number type implement it, nested ones included.
///
/// A float constant enters generic code through [`lift`] (or
/// `S::from_float`): `x.powf(lift(1.5))`, and a constant matrix `k.map(lift)`.
///
/// `Scalar` does not include `num_traits::Float`, although every number
/// type implements it: `Float` and nalgebra's `RealField` have methods of
/// the same names (`sin`, `powi`, `max`, …), and a bound naming both makes
/// each such call ambiguous. See the crate docs, "Choosing a bound".
///
/// ```
/// use monodual::Scalar;
/// use nalgebra::SVector;
///
/// fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
///     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
/// }
///
/// // Literals compare on either side; iterators sum.
/// fn positive_part_sum<S: Scalar>(x: &SVector<S, 2>) -> S {
///     x.iter().map(|&xi| if xi > 0.0 { xi } else { S::zero() }).sum::<S>()
/// }
///
/// let x = SVector::<f64, 2>::new(1.0, 2.0);
/// let (f, g) = monodual::gradient(|x| rosenbrock(&x), x);
/// assert_eq!(f, rosenbrock(&x)); // the same function on plain f64
/// assert_eq!(g, SVector::<f64, 2>::new(-400.0, 200.0));
///
/// let (s, gs) = monodual::gradient(|x| positive_part_sum(&x), SVector::<f64, 2>::new(-1.0, 2.0));
/// assert_eq!((s, gs), (2.0, SVector::<f64, 2>::new(0.0, 1.0)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `Scalar<{F}>`: its innermost float is not `{F}`, or it is not a monodual number type",
    label = "not `Scalar<{F}>`",
    note = "the bound `S: Scalar` means `Scalar<f64>`; for f32 data write `S: Scalar<f32>` (and f32 literals)",
    note = "`Scalar<F>` is implemented for `F` itself and for `Dual<T, N>`, `HyperDual<T, N>`, `Taylor<T, K>` whose innermost float is `F`"
)]
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
    + PartialEq<F>
    + PartialOrd<F>
    + Sum
    + Product
    + for<'a> Sum<&'a Self>
    + for<'a> Product<&'a Self>
{
}

impl<S, F> Scalar<F> for S where
    S: sealed::InnermostFloat<F>
        + Add<F, Output = S>
        + Sub<F, Output = S>
        + Mul<F, Output = S>
        + Div<F, Output = S>
        + AddAssign<F>
        + SubAssign<F>
        + MulAssign<F>
        + DivAssign<F>
        + PartialEq<F>
        + PartialOrd<F>
        + Sum
        + Product
        + for<'a> Sum<&'a S>
        + for<'a> Product<&'a S>
{
}

/// The number with value `value` and every derivative part zero: a float
/// constant lifted into generic code. Short for `S::from_float(value)`, and
/// usable as a function (`k.map(lift)`).
///
/// ```
/// use monodual::{lift, Scalar};
/// use nalgebra::{Matrix2, Vector2};
///
/// // x^1.5 in generic code: nalgebra's `powf` takes an exponent of type S
/// fn power<S: Scalar>(x: S) -> S {
///     x.powf(lift(1.5))
/// }
/// // a constant f64 matrix times a vector of number types
/// fn quadratic<S: Scalar>(x: &Vector2<S>) -> S {
///     let k = Matrix2::new(2.0, 1.0, 1.0, 3.0);
///     x.dot(&(k.map(lift) * x)) * 0.5
/// }
///
/// let (p, dp) = monodual::derivative(power, 4.0);
/// assert_eq!((p, dp), (8.0, 3.0)); // 4^1.5, 1.5 · 4^0.5
/// let (_, g) = monodual::gradient(|x| quadratic(&x), Vector2::new(1.0, 1.0));
/// assert_eq!(g, Vector2::new(3.0, 4.0)); // K x
/// ```
#[inline]
#[must_use]
pub fn lift<S: Real>(value: S::Float) -> S {
    S::from_float(value)
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

/// [`nan_safe_mul`] of `lane` and a `factor` shared by many products,
/// `key` being [`zero_safe_key`]`(factor)`.
#[inline(always)]
pub(crate) fn nan_safe_mul_keyed<T: Real>(lane: T, factor: T, key: T) -> T {
    sealed::Sealed::mul_zero_safe_keyed(lane, factor, key)
}

/// The key of a factor shared by many zero-rule products (see
/// [`nan_safe_mul_keyed`]).
#[inline(always)]
pub(crate) fn zero_safe_key<T: Real>(factor: T) -> T {
    sealed::Sealed::zero_safe_key(factor)
}

/// `true` if every derivative part of `x`, at every level of nesting, is
/// exactly zero: `x` is a constant, whatever its value.
#[inline(always)]
pub(crate) fn is_constant<T: Real>(x: &T) -> bool {
    sealed::Sealed::is_constant(x)
}

#[cfg(test)]
mod tests {
    use super::sealed::Sealed;

    // The one-compare test of the bits against the two-test definition, on
    // every class of float: zeros, subnormals, the normal range's ends,
    // infinities and NaNs of both signs.
    #[test]
    fn finite_nonzero_is_finite_and_not_zero() {
        let doubles = [
            0.0,
            -0.0,
            f64::from_bits(1),
            -f64::from_bits(1),
            f64::MIN_POSITIVE,
            1.0,
            -2.5,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0x7ff0_0000_0000_0001),
            f64::from_bits(u64::MAX),
        ];
        for x in doubles {
            assert_eq!(
                x.is_finite_nonzero_float(),
                x.is_finite() && x != 0.0,
                "{x:e} ({:#x})",
                x.to_bits()
            );
        }
        let singles = [
            0.0,
            -0.0,
            f32::from_bits(1),
            f32::MIN_POSITIVE,
            1.0,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::from_bits(u32::MAX),
        ];
        for x in singles {
            assert_eq!(
                x.is_finite_nonzero_float(),
                x.is_finite() && x != 0.0,
                "{x:e} ({:#x})",
                x.to_bits()
            );
        }
        let number = crate::Dual::<f64, 2>::constant(1.0);
        assert!(!number.is_finite_nonzero_float());
    }

    /// `lane.mul_zero_safe_keyed(factor, factor.zero_safe_key())` against
    /// `lane.mul_zero_safe(factor)`, bit for bit, for every pair of `values`.
    fn keyed_agrees<F: Sealed + Copy + core::fmt::LowerExp>(values: &[F], bits: fn(F) -> u64) {
        for &lane in values {
            for &factor in values {
                let keyed = lane.mul_zero_safe_keyed(factor, factor.zero_safe_key());
                let select = lane.mul_zero_safe(factor);
                assert_eq!(bits(keyed), bits(select), "{lane:e} · {factor:e}");
            }
        }
    }

    // The keyed product against the zero rule's select, bit for bit, on
    // every pair of float classes, for f64 and f32.
    #[test]
    fn keyed_product_is_the_zero_rule() {
        let doubles = [
            0.0,
            -0.0,
            f64::from_bits(1),
            -2.5,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        keyed_agrees(&doubles, f64::to_bits);
        keyed_agrees(&doubles.map(|x| x as f32), |x| u64::from(x.to_bits()));
    }
}
