//! The elementary functions as inherent methods of each number type, so that
//! closures call `x.sin()` with no trait in scope. Every method forwards to
//! the derivative table in `table.rs`; no math lives here.

/// Writes the inherent elementary methods of a number type `$Type<T, N>`
/// that implements `table::Chain`. Each method forwards to one table entry;
/// the doctest checks its value against `f64` and its derivative against
/// the closed form `f′`.
macro_rules! elementary_methods {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<T: $crate::Real, const N: usize> $Type<T, N>
        where $($($bound)*)?
        {
            /// sin x / x, with its limits' derivatives at 0 (nalgebra's
            /// `ComplexField::sinc` forwards here).
            #[inline(always)]
            pub(crate) fn sin_over_x(self) -> Self {
                $crate::table::sinc(self)
            }
            /// log_b x for a base with derivative parts of its own
            /// (nalgebra's `ComplexField::log` forwards here).
            #[inline(always)]
            pub(crate) fn log_number(self, base: Self) -> Self {
                $crate::table::log_number(self, base)
            }
            /// sinh x / x, as [`sin_over_x`](Self::sin_over_x).
            #[inline(always)]
            pub(crate) fn sinh_over_x(self) -> Self {
                $crate::table::sinhc(self)
            }
            /// |x| with the sign of the plain float `sign` (nalgebra's
            /// `RealField::copysign` forwards here).
            #[inline(always)]
            pub(crate) fn copy_sign(self, sign: T) -> Self {
                $crate::table::copysign(self, sign)
            }
            $crate::number::elementary::unary_methods!($Type;
                sqrt, "Square root.", "1/(2√x)", "2.0", "0.5 / a.sqrt()";
                cbrt, "Cube root.", "1/(3∛x²)", "2.0", "1.0 / (3.0 * a.cbrt().powi(2))";
                exp, "Exponential eˣ.", "eˣ", "0.5", "a.exp()";
                exp2, "Power of two 2ˣ.", "2ˣ ln 2", "0.5", "a.exp2() * 2f64.ln()";
                exp_m1, "eˣ − 1, accurate near 0.", "eˣ", "0.001", "a.exp()";
                ln, "Natural logarithm.", "1/x", "2.0", "1.0 / a";
                ln_1p, "ln(1 + x), accurate near 0.", "1/(1 + x)", "0.001", "1.0 / (1.0 + a)";
                log2, "Base-2 logarithm.", "1/(x ln 2)", "3.0", "1.0 / (a * 2f64.ln())";
                log10, "Base-10 logarithm.", "1/(x ln 10)", "3.0", "1.0 / (a * 10f64.ln())";
                recip, "Reciprocal 1/x.", "−1/x²", "2.0", "-1.0 / (a * a)";
                sin, "Sine.", "cos x", "0.5", "a.cos()";
                cos, "Cosine.", "−sin x", "0.5", "-a.sin()";
                tan, "Tangent.", "1 + tan²x", "0.5", "1.0 + a.tan().powi(2)";
                asin, "Arcsine.", "1/√(1 − x²)", "0.5", "1.0 / (1.0 - a * a).sqrt()";
                acos, "Arccosine.", "−1/√(1 − x²)", "0.5", "-1.0 / (1.0 - a * a).sqrt()";
                atan, "Arctangent.", "1/(1 + x²)", "0.5", "1.0 / (1.0 + a * a)";
                sinh, "Hyperbolic sine.", "cosh x", "0.5", "a.cosh()";
                cosh, "Hyperbolic cosine.", "sinh x", "0.5", "a.sinh()";
                tanh, "Hyperbolic tangent.", "1 − tanh²x", "0.5", "1.0 - a.tanh().powi(2)";
                asinh, "Inverse hyperbolic sine.", "1/√(x² + 1)", "0.5", "1.0 / (a * a + 1.0).sqrt()";
                acosh, "Inverse hyperbolic cosine.", "1/√(x² − 1)", "2.0", "1.0 / (a * a - 1.0).sqrt()";
                atanh, "Inverse hyperbolic tangent.", "1/(1 − x²)", "0.5", "1.0 / (1.0 - a * a)";
                abs, "Absolute value.", "sign x, taken as +1 at ±0", "-2.0", "-1.0";
                fract, "Fractional part x − trunc x.", "1", "2.25", "1.0";
            );

            $crate::number::elementary::step_methods!($Type;
                signum, "Sign: 1 for positive numbers and +0, −1 for negative numbers and −0, NaN for NaN.";
                floor, "Largest integer not above x.";
                ceil, "Smallest integer not below x.";
                round, "Nearest integer, halfway cases away from zero.";
                trunc, "Integer part, rounded toward zero.";
            );

            /// Sine and cosine from one evaluation of the value part.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 1>::variable(0.5, 0);")]
            /// let (s, c) = x.sin_cos();
            /// assert_eq!((s.value(), c.value()), 0.5f64.sin_cos());
            /// assert_eq!(s.gradient()[0], c.value());
            /// ```
            #[inline]
            #[must_use]
            pub fn sin_cos(self) -> (Self, Self) {
                $crate::table::sin_cos(self)
            }

            /// Integer power xⁿ, with f′ = n xⁿ⁻¹. `powi(0)` is the constant 1
            /// (also at x = 0), `powi(1)` is x, and `powi(2)` costs less than `x * x`.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 1>::variable(2.0, 0);")]
            /// assert_eq!(x.powi(3).value(), 8.0);
            /// assert_eq!(x.powi(3).gradient()[0], 12.0);
            /// ```
            #[inline]
            #[must_use]
            pub fn powi(self, n: i32) -> Self {
                $crate::table::powi(self, n)
            }

            /// Power xᵃ with a constant exponent, with f′ = a xᵃ⁻¹. `powf(0.0)`
            /// is the constant 1 and `powf(1.0)` is x, also at x = 0.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 1>::variable(4.0, 0);")]
            /// assert_eq!(x.powf(1.5).value(), 8.0);
            /// assert_eq!(x.powf(1.5).gradient()[0], 3.0);
            /// ```
            #[inline]
            #[must_use]
            pub fn powf(self, exponent: T) -> Self {
                $crate::table::powf(self, exponent)
            }

            /// Power xʸ where the exponent is a number too:
            /// ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 2>::variable(2.0, 0);")]
            #[doc = concat!("let y = ", stringify!($Type), "::<f64, 2>::variable(3.0, 1);")]
            /// let p = x.pow(y);
            /// assert_eq!(p.value(), 8.0);
            /// assert_eq!(p.gradient()[0], 12.0);
            /// assert_eq!(p.gradient()[1], 8.0 * 2f64.ln());
            /// ```
            #[inline]
            #[must_use]
            pub fn pow(self, exponent: Self) -> Self {
                $crate::table::pow(self, exponent)
            }

            /// Logarithm to a constant base, with f′ = 1/(x ln base).
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 1>::variable(9.0, 0);")]
            /// assert_eq!(x.log(3.0).value(), 9f64.log(3.0));
            /// assert_eq!(x.log(3.0).gradient()[0], 1.0 / (9.0 * 3f64.ln()));
            /// ```
            #[inline]
            #[must_use]
            pub fn log(self, base: T) -> Self {
                $crate::table::log(self, base)
            }

            /// Four-quadrant arctangent of `self / other` (self is y, other is x).
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let y = ", stringify!($Type), "::<f64, 2>::variable(1.0, 0);")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 2>::variable(1.0, 1);")]
            /// let a = y.atan2(x);
            /// assert_eq!(a.value(), 1f64.atan2(1.0));
            /// assert_eq!(a.gradient(), nalgebra::Vector2::new(0.5, -0.5));
            /// ```
            #[inline]
            #[must_use]
            pub fn atan2(self, other: Self) -> Self {
                $crate::table::atan2(self, other)
            }

            /// √(self² + other²) without overflow in the value part.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 2>::variable(3.0, 0);")]
            #[doc = concat!("let y = ", stringify!($Type), "::<f64, 2>::variable(4.0, 1);")]
            /// let h = x.hypot(y);
            /// assert_eq!(h.value(), 5.0);
            /// assert_eq!(h.gradient(), nalgebra::Vector2::new(0.6, 0.8));
            /// ```
            #[inline]
            #[must_use]
            pub fn hypot(self, other: Self) -> Self {
                $crate::table::hypot(self, other)
            }

            /// The smaller of two numbers, with its derivatives; at a tie the
            /// first argument's derivatives. A NaN argument is ignored, as by `f64::min`.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 2>::variable(1.0, 0);")]
            #[doc = concat!("let y = ", stringify!($Type), "::<f64, 2>::variable(2.0, 1);")]
            /// assert_eq!(x.min(y).gradient(), nalgebra::Vector2::new(1.0, 0.0));
            /// ```
            #[inline]
            #[must_use]
            pub fn min(self, other: Self) -> Self {
                $crate::table::min(self, other)
            }

            /// The larger of two numbers, with its derivatives; at a tie the
            /// first argument's derivatives. A NaN argument is ignored, as by `f64::max`.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 2>::variable(1.0, 0);")]
            #[doc = concat!("let y = ", stringify!($Type), "::<f64, 2>::variable(2.0, 1);")]
            /// assert_eq!(x.max(y).gradient(), nalgebra::Vector2::new(0.0, 1.0));
            /// ```
            #[inline]
            #[must_use]
            pub fn max(self, other: Self) -> Self {
                $crate::table::max(self, other)
            }

            /// `self · a + b`, with the value part rounded once as by `f64::mul_add`.
            ///
            /// ```
            #[doc = concat!("use monodual::", stringify!($Type), ";")]
            #[doc = concat!("let x = ", stringify!($Type), "::<f64, 1>::variable(2.0, 0);")]
            #[doc = concat!("let r = x.mul_add(", stringify!($Type), "::constant(3.0), ", stringify!($Type), "::constant(1.0));")]
            /// assert_eq!(r.value(), 7.0);
            /// assert_eq!(r.gradient()[0], 3.0);
            /// ```
            #[inline]
            #[must_use]
            pub fn mul_add(self, a: Self, b: Self) -> Self {
                $crate::table::mul_add(self, a, b)
            }
        }
    };
}
pub(crate) use elementary_methods;

/// Writes unary methods that forward to the table function of the same
/// name, each with a doctest checking value and first derivative at a point.
macro_rules! unary_methods {
    ($Type:ident; $($name:ident, $summary:literal, $derivative:literal, $at:literal, $closed:literal;)*) => {$(
        #[doc = concat!($summary, " Derivative: ", $derivative, ".")]
        ///
        /// ```
        #[doc = concat!("use monodual::", stringify!($Type), ";")]
        #[doc = concat!("let a: f64 = ", $at, ";")]
        #[doc = concat!("let y = ", stringify!($Type), "::<f64, 1>::variable(a, 0).", stringify!($name), "();")]
        #[doc = concat!("assert_eq!(y.value(), a.", stringify!($name), "());")]
        #[doc = concat!("let exact: f64 = ", $closed, ";")]
        /// assert!((y.gradient()[0] - exact).abs() <= 1e-15 * exact.abs().max(1.0));
        /// ```
        #[inline]
        #[must_use]
        pub fn $name(self) -> Self {
            $crate::table::$name(self)
        }
    )*};
}
pub(crate) use unary_methods;

/// Writes piecewise-constant methods: the float routine on the value part,
/// every derivative zero.
macro_rules! step_methods {
    ($Type:ident; $($name:ident, $summary:literal;)*) => {$(
        #[doc = concat!($summary, " Piecewise constant: every derivative is 0.")]
        ///
        /// ```
        #[doc = concat!("use monodual::", stringify!($Type), ";")]
        #[doc = concat!("let y = ", stringify!($Type), "::<f64, 1>::variable(-2.5, 0).", stringify!($name), "();")]
        #[doc = concat!("assert_eq!(y.value(), (-2.5f64).", stringify!($name), "());")]
        /// assert_eq!(y.gradient()[0], 0.0);
        /// ```
        #[inline]
        #[must_use]
        pub fn $name(self) -> Self {
            let value = $crate::table::Chain::re(&self).$name();
            $crate::table::piecewise_constant(self, value)
        }
    )*};
}
pub(crate) use step_methods;
