//! Roots and powers of [`Taylor`] series: √ by the square-root recurrence,
//! xʳ by the power recurrence (a c′ = r a′ c), 1/x by the quotient
//! recurrence, and the limits of the derivatives where a₀ = 0 or ±∞ (there
//! the power recurrence would divide by zero or infinity).

use super::Taylor;
use super::series::{
    binomial, compose, exponential, finite, lit, power, square_root, variable_power, zmul,
};
use crate::Real;

impl<T: Real, const K: usize> Taylor<T, K> {
    // √a: c² = a, so cₖ = (aₖ − Σ_{j=1}^{k−1} cⱼc_{k−j}) / (2c₀)
    // At a₀ = +∞ every derivative of √ is 0 (its limit there), and by the
    // zero rule so is each coefficient, whatever a's (an infinite a₁ of
    // |ln a| at a = 0 included), as the other number types give.
    #[inline]
    pub(super) fn square_root(self) -> Self {
        let v = self.value();
        if !v.is_finite() && v > T::zero() {
            return Self::constant(v);
        }
        Self::new(square_root(&self.coefficients))
    }

    // ∛a = a^{1/3}: the power recurrence for a₀ ≠ 0 (finite). At a₀ = ±0 and
    // ±∞ the coefficients of order m are the limits
    //   g⁽ᵐ⁾/m! = binom(1/3, m) |a₀|^{1/3 − m} · s,  s = −1 for a₀ < 0 and m even
    // (∛ is odd: g⁽ᵐ⁾(−x) = (−1)^{m+1} g⁽ᵐ⁾(x)), so at +0 they alternate
    // +∞, −∞, … and at −0 they are all +∞.
    #[inline]
    pub(super) fn cube_root(self) -> Self {
        let a = &self.coefficients;
        let third = lit::<T>(3.0).recip();
        let c0 = a[0].cbrt();
        if a[0] != T::zero() && a[0].is_finite() {
            return Self::new(power(a, third, c0));
        }
        if self.is_constant() {
            return Self::constant(c0);
        }
        let magnitude = a[0].abs();
        let negative = a[0].is_sign_negative();
        Self::new(compose(a, c0, |m| {
            let g = binomial(third, m) * magnitude.powf(third - lit::<T>(m as f64));
            if negative && m % 2 == 0 { -g } else { g }
        }))
    }

    // 1/b: b c = 1, so cₖ = −(Σ_{j=1}^{k} bⱼ c_{k−j}) / b₀, c₀ = 1/b₀
    #[inline]
    pub(super) fn reciprocal(self) -> Self {
        Self::constant(T::one())
            .quotient(self)
            .with_value(self.value().recip())
    }

    // aʳ for a constant r: r = 0 gives the constant 1 (also at a₀ = 0) and
    // r = 1 gives a. Otherwise, for a₀ ≠ 0 finite, the power recurrence
    //   k a₀ cₖ = Σ_{j=1}^{k} ((r + 1) j − k) aⱼ c_{k−j};
    // at a₀ = ±0 or ±∞ the limits g⁽ᵐ⁾/m! = binom(r, m) a₀^{r−m}, with
    // 0 · ∞ = 0 where the binomial is 0 (an integer r below m). The same
    // formula serves where c₀ = a₀ʳ underflows to 0 or overflows to ∞ (the
    // recurrence scales every cₖ from c₀, so it would lose them all).
    #[inline]
    pub(super) fn power_of(self, r: T, c0: T) -> Self {
        if r == T::zero() {
            return Self::constant(T::one());
        }
        if r == T::one() {
            return self;
        }
        let a = &self.coefficients;
        // (c₀ is NaN for a negative a₀ and a non-integer r: the recurrence keeps it)
        let regular = |v: T| v != T::zero() && v.is_finite();
        if regular(a[0]) && (regular(c0) || c0.partial_cmp(&c0).is_none()) {
            return self.regular_power(r, c0);
        }
        if self.is_constant() {
            return Self::constant(c0);
        }
        Self::new(compose(a, c0, |m| {
            zmul(binomial(r, m), a[0].powf(r - lit::<T>(m as f64)))
        }))
    }

    // aʳ for a₀ ≠ 0 finite. For r within 1/16 of an integer m in 1…16,
    // as aᵐ · a^d with d = r − m: where a is not the variable itself
    // ((x²)ʳ), the coefficients of aʳ past aᵐ's degree carry the factor
    // d, and the power recurrence on a reaches them by cancelling terms of
    // order 1 (7.9e-8 relative at c₃ of (x²)^{1−2⁻³⁰}); aᵐ by Cauchy
    // products and a^d, whose coefficients past c₀ are all of order d,
    // keep it. Otherwise, or where that overflows, the power recurrence.
    #[inline]
    fn regular_power(self, r: T, c0: T) -> Self {
        let m = r.round();
        let d = r - m;
        let near = d != T::zero() && d.abs() <= lit::<T>(0.0625);
        let integer = || (1..=16).find(|&n| lit::<T>(f64::from(n)) == m);
        if let Some(n) = near.then(integer).flatten() {
            let a = &self.coefficients;
            let small = Self::new(power(a, d, a[0].powf(d)));
            let split = self.integer_power(n) * small;
            // (a^d's coefficients grow like (a₁/a₀)ᵏ a₀^d, past the range
            // for a tiny a₀ where aʳ's, a₀ʳ smaller, are not: x^1.02 at 1e-300)
            if finite(&split.coefficients[1..]) {
                return split.with_value(c0);
            }
        }
        Self::new(power(&self.coefficients, r, c0))
    }

    // xⁿ with the value part the float's powi. For n ≥ 2 by repeated
    // squaring, x^{2m} = (x^m)², x^{2m+1} = x·x^{2m}: Cauchy products only,
    // so a polynomial's coefficients beyond its degree stay exactly 0 and
    // x₀ = 0 needs no special case. For n < 0 the power recurrence (and the
    // limits at x₀ = 0, ±∞).
    #[inline]
    pub(super) fn integer_power(self, n: i32) -> Self {
        let c0 = self.value().powi(n);
        if n < 2 {
            return self.power_of(lit::<T>(f64::from(n)), c0);
        }
        let mut result = self;
        for bit in (0..n.ilog2()).rev() {
            result = result * result;
            if n & (1 << bit) != 0 {
                result *= self;
            }
        }
        result.with_value(c0)
    }

    // xʸ with y a series too: a constant y is `powf` (so x⁰ and x¹ are
    // exact also at x = 0); otherwise
    //   xʸ = x^{y₀} · e^{q},  q = (y − y₀) ln x,
    // x^{y₀} by the power recurrence (or its limits at x₀ = 0) and e^q by
    // the exponential recurrence from e₀ = 1, k eₖ = Σ_{j=1}^{k} j qⱼ e_{k−j}
    // (q₀ = 0 is not used), with c₀ the float's xʸ. Writing e^{y ln x}
    // whole would take the series of ln x, whose coefficients grow like
    // (x₁/x₀)ᵏ, through a recurrence whose terms then cancel to the
    // moderate x^{y₀}-part: ε·|x₁/x₀| relative for small |x₀|.
    #[inline]
    pub(super) fn general_power(self, exponent: Self) -> Self {
        let (y0, c0) = (exponent.value(), self.value().powf(exponent.value()));
        if exponent.is_constant() {
            return self.power_of(y0, c0);
        }
        let base = self.power_of(y0, c0);
        let q = (exponent - Self::constant(y0)) * self.ln();
        let e = Self::new(exponential(&q.coefficients, T::one(), T::one()));
        let c = (base * e).with_value(c0);
        let x0 = self.value();
        let regular = |v: T| v != T::zero() && v.is_finite();
        if finite(&c.coefficients[1..]) || !(x0 > T::zero() && regular(x0) && regular(c0)) {
            return c;
        }
        // where e^q's coefficients overflow ((ln x)ₖ ∝ (x₁/x₀)ᵏ for a small
        // x₀) while x^{y₀}·e^q's do not (x₀^{y₀} is as small), from
        // x c′ = c P with P = y x′ + (x ln x) y′ instead, which divides by
        // x₀ once per order as the power recurrence does
        Self::new(variable_power(
            &self.coefficients,
            &exponent.coefficients,
            &self.ln().coefficients,
            c0,
        ))
    }
}
