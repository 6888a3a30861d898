//! [`Taylor`]: the first `K` coefficients of a power series in one variable
//! t, carried through arithmetic and every elementary function at O(K²)
//! cost per operation.
//!
//! The derivative table (`table.rs`) describes a function by (f, f′, f″)
//! at a point; that is enough for the first two coefficients only. Taylor
//! numbers therefore do not implement the table's `Chain` hook: every
//! function has its own recurrence here (the submodules), written from the
//! function's differential equation (exp: c′ = a′c) or an algebraic identity
//! (√: c² = a), each formula once, beside the code that computes it.
//! Orders 1 and 2 agree with the table: c₁ = f′·a₁ and c₂ = f′·a₂ + ½f″·a₁².

use core::fmt;

use crate::Real;

mod arithmetic;
mod elementary;
mod methods;
mod powers;
mod series;

/// A truncated power series c₀ + c₁t + c₂t² + … + c_{K−1}t^{K−1} in one
/// variable t: Taylor mode automatic differentiation.
///
/// If `x` is the series of x(t), then `x.sin()` is the series of sin x(t),
/// truncated at the same order, computed exactly (no step size) at O(K²)
/// cost. Seed `x₀ + t` ([`variable`](Self::variable)) to get the Taylor
/// coefficients f⁽ᵏ⁾(x₀)/k! of a function at x₀, or use the drivers
/// [`taylor`](crate::taylor) and [`taylor_univariate`](crate::taylor_univariate).
///
/// `T` is `f32`, `f64` or another number type (`Taylor<Dual<f64, 2>, K>`
/// differentiates every coefficient with respect to two parameters).
/// Comparisons (`==`, `<`) look at the value c₀ only. `K` must be at least 1:
/// a series with no value does not compile.
///
/// ```compile_fail
/// let empty = monodual::Taylor::<f64, 0>::constant(1.0);
/// ```
///
/// ```
/// use monodual::Taylor;
///
/// // eˣ at x = 0: cₖ = 1/k!
/// let c = Taylor::<f64, 5>::variable(0.0).exp().coefficients();
/// assert_eq!(c, [1.0, 1.0, 0.5, 1.0 / 6.0, 1.0 / 24.0]);
/// ```
///
/// # Edge cases
///
/// The value c₀ is the float function's result, bit for bit. Products and
/// quotients inside the recurrences keep a factor that is exactly zero
/// zero (0 · ∞ = 0, and a zero numerator over a zero pivot gives 0), so
/// a constant stays a constant through every function. At the points of the
/// crate's edge-case table, c₁ and 2c₂ are the table's f′ and f″ (for
/// x₀ + t; times v and v² along v), as for the other number types. Beyond
/// order 2 at those points:
///
/// | at | coefficients from order 1 on |
/// |---|---|
/// | `sqrt(±0)`, `ln(±0)` (and the other logarithms) | +∞, −∞, +∞, …: the derivatives' limits from the right |
/// | `recip(+0)`, `1/+0` | −∞, +∞, −∞, …: the limits from the right |
/// | `recip(−0)`, `1/−0` | −∞ at every order: the limits from the left |
/// | `cbrt(+0)` / `cbrt(−0)` | ±∞ alternating / all +∞ |
/// | `powf(±0, a)`, `powi(±0, n)` | `binom(a, m) · 0^(a−m)` for order m: the one-sided limits; 0 where the binomial is 0 |
/// | `asin(±1)`, `acos(±1)`, `atanh(±1)`, `acosh(1)` | ±∞ with the signs of the limits from inside the domain (the recurrence's pivot √(1 − x²), 1 − x² or √(x² − 1) is 0): at 1 all +∞ for `asin`, `atanh`, all −∞ for `acos`; at −1 and for `acosh(1)` alternating |
/// | `atan2(0, 0)`, `hypot(0, 0)` | NaN (undefined), as in the other types |
/// | `sinc(0)`, `sinhc(0)` (nalgebra's `ComplexField`) | the series of the limit: Σ (∓1)ᵐ x²ᵐ/(2m+1)! |
///
/// These are the coefficients for x₀ + t; for a general input series the
/// same formulas apply (Σₘ f⁽ᵐ⁾(x₀)/m! · \[tᵏ\] (x − x₀)ᵐ with the limits
/// f⁽ᵐ⁾(x₀) for the powers at 0, the recurrences elsewhere).
#[derive(Clone, Copy, Debug)]
pub struct Taylor<T, const K: usize> {
    coefficients: [T; K],
}

impl<T: Real, const K: usize> Taylor<T, K> {
    /// A constant: c₀ = `value`, every other coefficient 0.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let c = Taylor::<f64, 3>::constant(2.5);
    /// assert_eq!(c.coefficients(), [2.5, 0.0, 0.0]);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn constant(value: T) -> Self {
        let mut coefficients = [T::zero(); K];
        coefficients[Self::VALUE] = value;
        Self { coefficients }
    }

    /// The independent variable at `value`: the series `value + t` (with
    /// `K = 1`, just `value`).
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 3>::variable(2.0);
    /// assert_eq!(x.coefficients(), [2.0, 1.0, 0.0]);
    /// // (2 + t)² = 4 + 4t + t²
    /// assert_eq!((x * x).coefficients(), [4.0, 4.0, 1.0]);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn variable(value: T) -> Self {
        Self::linear(value, T::one())
    }

    /// The line `value + slope · t`: a coordinate of x + t·v.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::<f64, 3>::linear(1.0, -2.0);
    /// assert_eq!(x.coefficients(), [1.0, -2.0, 0.0]);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn linear(value: T, slope: T) -> Self {
        let mut x = Self::constant(value);
        if K > 1 {
            x.coefficients[1] = slope;
        }
        x
    }

    /// A series from its coefficients c₀, c₁, …, c_{K−1}.
    ///
    /// ```
    /// use monodual::Taylor;
    /// // 1/(1 − t) = 1 + t + t² + …
    /// let one_minus_t = Taylor::new([1.0, -1.0, 0.0, 0.0]);
    /// assert_eq!(one_minus_t.recip().coefficients(), [1.0; 4]);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn new(coefficients: [T; K]) -> Self {
        let _ = Self::VALUE;
        Self { coefficients }
    }

    /// The value c₀ (the series at t = 0).
    ///
    /// ```
    /// use monodual::Taylor;
    /// assert_eq!(Taylor::<f64, 4>::variable(1.5).value(), 1.5);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn value(&self) -> T {
        self.coefficients[Self::VALUE]
    }

    /// The coefficients c₀ … c_{K−1}. The k-th derivative with respect to
    /// t at t = 0 is k! · cₖ.
    ///
    /// ```
    /// use monodual::Taylor;
    /// // sin(t) = t − t³/6 + …
    /// let c = Taylor::<f64, 4>::variable(0.0).sin().coefficients();
    /// assert_eq!(c, [0.0, 1.0, 0.0, -1.0 / 6.0]);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn coefficients(&self) -> [T; K] {
        self.coefficients
    }

    /// The series evaluated at `t` by Horner's rule: Σ cₖ tᵏ.
    ///
    /// ```
    /// use monodual::Taylor;
    /// let x = Taylor::new([1.0, 2.0, 3.0]);
    /// assert_eq!(x.eval(2.0), 1.0 + 2.0 * 2.0 + 3.0 * 4.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn eval(&self, t: T) -> T {
        self.coefficients
            .iter()
            .rev()
            .fold(T::zero(), |sum, &c| sum * t + c)
    }

    /// Index of the value; evaluating it fails to compile when K = 0.
    const VALUE: usize = {
        assert!(K >= 1, "a Taylor series needs at least one coefficient");
        0
    };

    /// Every coefficient, value first.
    #[inline(always)]
    pub(crate) fn parts(&self) -> impl Iterator<Item = &T> {
        self.coefficients.iter()
    }

    /// The same series with c₀ replaced.
    #[inline(always)]
    pub(crate) fn with_value(mut self, value: T) -> Self {
        self.coefficients[Self::VALUE] = value;
        self
    }

    /// Applies `part` to every coefficient.
    #[inline(always)]
    pub(crate) fn map_parts(self, part: impl Fn(T) -> T) -> Self {
        Self {
            coefficients: self.coefficients.map(part),
        }
    }

    /// Applies `c` to the value c₀.
    #[inline(always)]
    pub(crate) fn offset(mut self, c: impl FnOnce(T) -> T) -> Self {
        self.coefficients[Self::VALUE] = c(self.coefficients[Self::VALUE]);
        self
    }

    /// `true` when every coefficient from order 1 on is exactly zero.
    #[inline(always)]
    pub(crate) fn is_constant(&self) -> bool {
        self.coefficients[1..].iter().all(Real::is_exactly_zero)
    }
}

/// Writes `c₀ + c₁t + c₂t² + …`.
impl<T: Real, const K: usize> fmt::Display for Taylor<T, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
        for (k, c) in self.coefficients.iter().enumerate() {
            if k > 0 {
                f.write_str(" + ")?;
            }
            fmt::Display::fmt(c, f)?;
            if k > 0 {
                f.write_str("t")?;
            }
            if k > 1 {
                let digits = k.ilog10() + 1;
                for d in (0..digits).rev() {
                    let digit = (k / 10usize.pow(d)) % 10;
                    fmt::Write::write_char(f, SUPERSCRIPTS[digit])?;
                }
            }
        }
        Ok(())
    }
}

crate::number::ops::value_comparisons!(Taylor);
