//! The elementary functions of [`Taylor`] as inherent methods, so that
//! closures call `x.sin()` with no trait in scope. Each method forwards to
//! one recurrence of `elementary.rs` or `powers.rs`; no math lives here.

use super::Taylor;
use crate::Real;

/// Writes unary methods that forward to a recurrence, each with a doctest
/// checking the value against the float and c₁ against the closed-form
/// f′ at a point (for x₀ + t, c₁ = f′(x₀)).
macro_rules! unary_methods {
    ($($name:ident => $recurrence:ident, $summary:literal, $how:literal, $at:literal, $closed:literal;)*) => {$(
        #[doc = concat!($summary, " Coefficients by ", $how, ".")]
        ///
        /// ```
        /// use monodual::Taylor;
        #[doc = concat!("let a: f64 = ", $at, ";")]
        #[doc = concat!("let y = Taylor::<f64, 4>::variable(a).", stringify!($name), "();")]
        #[doc = concat!("assert_eq!(y.value(), a.", stringify!($name), "());")]
        #[doc = concat!("let derivative: f64 = ", $closed, ";")]
        /// let c1 = y.coefficients()[1];
        /// assert!((c1 - derivative).abs() <= 1e-15 * derivative.abs().max(1.0));
        /// ```
        #[inline]
        #[must_use]
        pub fn $name(self) -> Self {
            self.$recurrence()
        }
    )*};
}

/// Writes piecewise-constant methods: the float routine on the value, every
/// other coefficient zero.
macro_rules! step_methods {
    ($($name:ident, $summary:literal;)*) => {$(
        #[doc = concat!($summary, " Piecewise constant: every coefficient but the value is 0.")]
        ///
        /// ```
        /// use monodual::Taylor;
        #[doc = concat!("let y = Taylor::<f64, 3>::variable(-2.5).", stringify!($name), "();")]
        #[doc = concat!("assert_eq!(y.coefficients(), [(-2.5f64).", stringify!($name), "(), 0.0, 0.0]);")]
        /// ```
        #[inline]
        #[must_use]
        pub fn $name(self) -> Self {
            Self::constant(self.value().$name())
        }
    )*};
}

impl<T: Real, const K: usize> Taylor<T, K> {
    unary_methods!(
        sqrt => square_root, "Square root.", "the square-root recurrence from c² = a", "2.0", "0.5 / a.sqrt()";
        cbrt => cube_root, "Cube root.", "the power recurrence with r = 1/3", "2.0", "1.0 / (3.0 * a.cbrt().powi(2))";
        exp => exponential, "Exponential eˣ.", "the recurrence of c′ = a′c", "0.5", "a.exp()";
        exp2 => exponential2, "Power of two 2ˣ.", "the recurrence of c′ = (ln 2) a′c", "0.5", "a.exp2() * 2f64.ln()";
        exp_m1 => exponential_m1, "eˣ − 1, accurate near 0.", "the recurrence of c′ = a′(c + 1)", "0.001", "a.exp()";
        ln => logarithm, "Natural logarithm.", "the recurrence of a c′ = a′", "2.0", "1.0 / a";
        ln_1p => logarithm_1p, "ln(1 + x), accurate near 0.", "the recurrence of (1 + a) c′ = a′", "0.001", "1.0 / (1.0 + a)";
        log2 => logarithm2, "Base-2 logarithm.", "the logarithm's recurrence over ln 2", "3.0", "1.0 / (a * 2f64.ln())";
        log10 => logarithm10, "Base-10 logarithm.", "the logarithm's recurrence over ln 10", "3.0", "1.0 / (a * 10f64.ln())";
        recip => reciprocal, "Reciprocal 1/x.", "the quotient recurrence from b c = 1", "2.0", "-1.0 / (a * a)";
        sin => sine, "Sine.", "the coupled recurrence s′ = a′c, c′ = −a′s", "0.5", "a.cos()";
        cos => cosine, "Cosine.", "the coupled recurrence s′ = a′c, c′ = −a′s", "0.5", "-a.sin()";
        tan => tangent, "Tangent.", "the recurrence of c′ = a′(1 + c²)", "0.5", "1.0 + a.tan().powi(2)";
        asin => arcsine, "Arcsine.", "the recurrence of √(1 − a²) c′ = a′", "0.5", "1.0 / (1.0 - a * a).sqrt()";
        acos => arccosine, "Arccosine.", "the arcsine's recurrence, negated", "0.5", "-1.0 / (1.0 - a * a).sqrt()";
        atan => arctangent, "Arctangent.", "the recurrence of (1 + a²) c′ = a′", "0.5", "1.0 / (1.0 + a * a)";
        sinh => sine_h, "Hyperbolic sine.", "the coupled recurrence s′ = a′c, c′ = a′s", "0.5", "a.cosh()";
        cosh => cosine_h, "Hyperbolic cosine.", "the coupled recurrence s′ = a′c, c′ = a′s", "0.5", "a.sinh()";
        tanh => tangent_h, "Hyperbolic tangent.", "the recurrence of c′ = a′(1 − c²)", "0.5", "1.0 - a.tanh().powi(2)";
        asinh => arcsine_h, "Inverse hyperbolic sine.", "the recurrence of √(a² + 1) c′ = a′", "0.5", "1.0 / (a * a + 1.0).sqrt()";
        acosh => arccosine_h, "Inverse hyperbolic cosine.", "the recurrence of √(a² − 1) c′ = a′", "2.0", "1.0 / (a * a - 1.0).sqrt()";
        atanh => arctangent_h, "Inverse hyperbolic tangent.", "the recurrence of (1 − a²) c′ = a′", "0.5", "1.0 / (1.0 - a * a)";
        abs => absolute, "Absolute value.", "the sign of the value (+ at ±0)", "-2.0", "-1.0";
        fract => fractional, "Fractional part x − trunc x.", "keeping all but the value", "2.25", "1.0";
    );

    step_methods!(
        signum, "Sign: 1 for positive numbers and +0, −1 for negative numbers and −0, NaN for NaN.";
        floor, "Largest integer not above x.";
        ceil, "Smallest integer not below x.";
        round, "Nearest integer, halfway cases away from zero.";
        trunc, "Integer part, rounded toward zero.";
    );

    /// Sine and cosine together (one coupled recurrence gives both).
    ///
    /// ```
    /// use monodual::Taylor;
    /// let (s, c) = Taylor::<f64, 3>::variable(0.0).sin_cos();
    /// assert_eq!(s.coefficients(), [0.0, 1.0, 0.0]); // t
    /// assert_eq!(c.coefficients(), [1.0, 0.0, -0.5]); // 1 − t²/2
    /// ```
    #[inline]
    #[must_use]
    pub fn sin_cos(self) -> (Self, Self) {
        self.sine_cosine()
    }

    /// Integer power xⁿ by the power recurrence k a₀ cₖ = Σ ((n + 1)j − k) aⱼ c_{k−j};
    /// `powi(0)` is the constant 1 (also at x = 0) and `powi(1)` is x.
    ///
    /// ```
    /// use monodual::Taylor;
    /// // (2 + t)³ = 8 + 12t + 6t² + t³
    /// let y = Taylor::<f64, 5>::variable(2.0).powi(3);
    /// assert_eq!(y.coefficients(), [8.0, 12.0, 6.0, 1.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn powi(self, n: i32) -> Self {
        self.integer_power(n)
    }

    /// Power xᵃ with a constant exponent, by the power recurrence;
    /// `powf(0.0)` is the constant 1 and `powf(1.0)` is x, also at x = 0.
    ///
    /// ```
    /// use monodual::Taylor;
    /// // (4 + t)^1.5 = 8 + 3t + (3/16) t² + …
    /// let y = Taylor::<f64, 3>::variable(4.0).powf(1.5);
    /// assert_eq!(y.coefficients(), [8.0, 3.0, 0.1875]);
    /// ```
    #[inline]
    #[must_use]
    pub fn powf(self, exponent: T) -> Self {
        let c0 = self.value().powf(exponent);
        self.power_of(exponent, c0)
    }

    /// Power xʸ where the exponent is a series too, as e^{y ln x} (a
    /// constant exponent is [`powf`](Self::powf)).
    ///
    /// ```
    /// use monodual::Taylor;
    /// // (2 + t)^(3 + t): value 8, c₁ = 8 (3/2 + ln 2)
    /// let x = Taylor::<f64, 2>::variable(2.0);
    /// let y = Taylor::<f64, 2>::variable(3.0);
    /// let c = x.pow(y).coefficients();
    /// assert_eq!(c[0], 8.0);
    /// assert!((c[1] - 8.0 * (1.5 + 2f64.ln())).abs() < 1e-14);
    /// ```
    #[inline]
    #[must_use]
    pub fn pow(self, exponent: Self) -> Self {
        self.general_power(exponent)
    }

    /// Logarithm to a constant base: the logarithm's coefficients over ln base.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let y = Taylor::<f64, 2>::variable(9.0).log(3.0);
    /// assert_eq!(y.value(), 9f64.log(3.0));
    /// assert!((y.coefficients()[1] - 1.0 / (9.0 * 3f64.ln())).abs() < 1e-16);
    /// ```
    #[inline]
    #[must_use]
    pub fn log(self, base: T) -> Self {
        let value = self.value().log(base);
        self.logarithm_base(base.ln(), value)
    }

    /// Four-quadrant arctangent of `self / other` (self is y, other is x),
    /// from c′ = (x y′ − y x′)/(x² + y²).
    ///
    /// ```
    /// use monodual::Taylor;
    /// // atan2(t, 1) = atan t = t − t³/3 + …
    /// let y = Taylor::<f64, 4>::variable(0.0);
    /// let a = y.atan2(Taylor::constant(1.0));
    /// assert_eq!(a.coefficients(), [0.0, 1.0, 0.0, -1.0 / 3.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn atan2(self, other: Self) -> Self {
        self.arctangent2(other)
    }

    /// √(self² + other²) without overflow in the value, from
    /// c′ = (x x′ + y y′)/c.
    ///
    /// ```
    /// use monodual::Taylor;
    /// // |(3 + 3t, 4 + 4t)| = 5 + 5t
    /// let x = Taylor::<f64, 3>::linear(3.0, 3.0);
    /// let y = Taylor::<f64, 3>::linear(4.0, 4.0);
    /// assert_eq!(x.hypot(y).coefficients(), [5.0, 5.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn hypot(self, other: Self) -> Self {
        self.hypotenuse(other)
    }

    /// The smaller of two numbers (by value), with its series; at a tie the
    /// first argument's. A NaN argument is ignored, as by `f64::min`.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 2>::linear(1.0, 5.0);
    /// let y = Taylor::<f64, 2>::linear(2.0, -5.0);
    /// assert_eq!(x.min(y).coefficients(), [1.0, 5.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn min(self, other: Self) -> Self {
        let m = self.value().min(other.value());
        self.pick(other, m)
    }

    /// The larger of two numbers (by value), with its series; at a tie the
    /// first argument's. A NaN argument is ignored, as by `f64::max`.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 2>::linear(1.0, 5.0);
    /// let y = Taylor::<f64, 2>::linear(2.0, -5.0);
    /// assert_eq!(x.max(y).coefficients(), [2.0, -5.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn max(self, other: Self) -> Self {
        let m = self.value().max(other.value());
        self.pick(other, m)
    }

    /// `self · a + b`, with the value rounded once as by `f64::mul_add`.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 3>::variable(2.0);
    /// let y = x.mul_add(x, Taylor::constant(1.0)); // (2 + t)² + 1
    /// assert_eq!(y.coefficients(), [5.0, 4.0, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn mul_add(self, a: Self, b: Self) -> Self {
        self.fused_mul_add(a, b)
    }

    /// `self` with the sign of `sign`'s value: the series, negated when the
    /// sign flips.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 2>::variable(2.0);
    /// assert_eq!(x.copysign(Taylor::constant(-1.0)).coefficients(), [-2.0, -1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn copysign(self, sign: Self) -> Self {
        self.copy_sign(sign.value())
    }

    // The halves of the coupled recurrences, and the fixed-base logarithms.
    #[inline(always)]
    fn sine(self) -> Self {
        self.sine_cosine().0
    }
    #[inline(always)]
    fn cosine(self) -> Self {
        self.sine_cosine().1
    }
    #[inline(always)]
    fn sine_h(self) -> Self {
        self.sine_cosine_h().0
    }
    #[inline(always)]
    fn cosine_h(self) -> Self {
        self.sine_cosine_h().1
    }
    #[inline(always)]
    fn logarithm2(self) -> Self {
        let value = self.value().log2();
        self.logarithm_base(T::ln_2(), value)
    }
    #[inline(always)]
    fn logarithm10(self) -> Self {
        let value = self.value().log10();
        self.logarithm_base(T::ln_10(), value)
    }
}
