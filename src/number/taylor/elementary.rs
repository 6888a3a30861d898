//! The transcendental functions of [`Taylor`] series, each by the
//! recurrence of its differential equation, and the piecewise and
//! two-argument functions. The value c₀ is always the float function of a₀.

use super::Taylor;
use super::series::{
    coupled, exponential, finite, hypotenuse, lit, quotient_integral, scaled, square_ode,
    two_partials, zdiv, zmul,
};
use crate::Real;
use nalgebra::ComplexField;

/// Where a function's derivatives vanish at infinity (see `saturated`).
#[derive(Clone, Copy)]
enum Infinity {
    Both,
    Negative,
}

impl<T: Real, const K: usize> Taylor<T, K> {
    // ------------------------------------------------ exponentials, logs

    // eᵃ: c′ = a′c, so k cₖ = Σ_{j=1}^{k} j aⱼ c_{k−j}
    #[inline]
    pub(super) fn exponential(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Negative, || T::zero()) {
            return limit;
        }
        let a = &self.coefficients;
        Self::new(exponential(a, a[0].exp(), T::one()))
    }

    // 2ᵃ = e^{a ln 2}: c′ = (ln 2) a′c, so k cₖ = ln 2 Σ_{j=1}^{k} j aⱼ c_{k−j}
    #[inline]
    pub(super) fn exponential2(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Negative, || T::zero()) {
            return limit;
        }
        let a = &self.coefficients;
        Self::new(exponential(a, a[0].exp2(), T::ln_2()))
    }

    // eᵃ − 1: the series of eᵃ (from e₀ = e^{a₀}) with c₀ = exp_m1(a₀)
    #[inline]
    pub(super) fn exponential_m1(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Negative, || -T::one()) {
            return limit;
        }
        let a = &self.coefficients;
        Self::new(exponential(a, a[0].exp(), T::one())).with_value(a[0].exp_m1())
    }

    // ln a: a c′ = a′, so cₖ = (aₖ − (1/k) Σ_{j=1}^{k−1} j cⱼ a_{k−j}) / a₀,
    // with the pivot a₀ + 0 (ln is one-sided: −0 acts as +0)
    #[inline]
    pub(super) fn logarithm(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().ln()) {
            return limit;
        }
        let a = &self.coefficients;
        Self::new(quotient_integral(a, a, a[0].ln(), a[0] + T::zero()))
    }

    // ln(1 + a): (1 + a) c′ = a′, the logarithm's recurrence with s = 1 + a
    #[inline]
    pub(super) fn logarithm_1p(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().ln_1p()) {
            return limit;
        }
        let a = &self.coefficients;
        let s = (self + Self::constant(T::one())).coefficients;
        Self::new(quotient_integral(a, &s, a[0].ln_1p(), s[0]))
    }

    // log_b a = ln a / ln b: the logarithm's coefficients over ln b, with
    // c₀ the float's log (`value`). For ln b = ±∞ (b = 0, ∞) times
    // 1/ln b = 0 by the zero rule, as the other number types' g_x =
    // 1/(x ln b): a coefficient of ln a that overflowed would give ∞/∞ =
    // NaN (log(x, 0) at 1e-300, whose derivatives are all 0)
    #[inline]
    pub(super) fn logarithm_base(self, ln_base: T, value: T) -> Self {
        let logarithm = self.logarithm();
        if ln_base.is_finite() || ln_base.partial_cmp(&ln_base).is_none() {
            logarithm.map_parts(|c| zdiv(c, ln_base))
        } else {
            let k = ln_base.recip();
            logarithm.map_parts(|c| zmul(c, k))
        }
        .with_value(value)
    }

    // ------------------------------------------------------ trigonometry

    // (sin a, cos a): s′ = a′ c, c′ = −a′ s, so
    //   k sₖ = Σ_{j=1}^{k} j aⱼ c_{k−j},  k cₖ = −Σ_{j=1}^{k} j aⱼ s_{k−j}
    #[inline]
    pub(super) fn sine_cosine(self) -> (Self, Self) {
        let (s0, c0) = self.value().sin_cos();
        let (s, c) = coupled(&scaled(&self.coefficients), s0, c0, -T::one());
        (Self::new(s), Self::new(c))
    }

    // tan a: c′ = a′ (1 + c²). With q = 1 + c² (q₀ = 1 + c₀², qₖ = Σ cᵢc_{k−i}),
    //   k cₖ = Σ_{j=1}^{k} j aⱼ q_{k−j},
    // and each qₖ follows once cₖ is known.
    #[inline]
    pub(super) fn tangent(self) -> Self {
        let t0 = self.value().tan();
        self.square_ode(t0, t0 * t0 + T::one(), T::one())
    }

    // tanh a: c′ = a′ (1 − c²), the tangent's recurrence with q = 1 − c²,
    // q₀ = 1/cosh²a₀ as the table computes it: 1 − tanh²a₀ cancels (its
    // relative error is ε/q₀, and it is 0 beyond |a₀| ≈ 19); the qₖ from
    // k = 1 on, −Σ cᵢc_{k−i}, do not cancel.
    #[inline]
    pub(super) fn tangent_h(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().tanh()) {
            return limit;
        }
        let t0 = self.value().tanh();
        let sech = self.value().cosh().recip();
        self.square_ode(t0, sech * sech, -T::one())
    }

    // c′ = a′ (1 + σc²), with q₀ = 1 + σc₀² as the table computes it
    // (the recurrence: `series::square_ode`)
    #[inline]
    fn square_ode(self, c0: T, q0: T, sigma: T) -> Self {
        Self::new(square_ode(&scaled(&self.coefficients), c0, q0, sigma))
    }

    // asin a: √(1 − a²) c′ = a′, the quotient integral with s = √(1 − a²)
    #[inline]
    pub(super) fn arcsine(self) -> Self {
        let s = self.one_minus_square(true).square_root();
        self.integral_over(s, self.value().asin())
    }

    // 1 − a² (`one_minus`), or a² − 1: the value as (1 − a₀)(1 + a₀) or
    // (a₀ − 1)(a₀ + 1), exact near ±1 where 1 − a₀² cancels, and every
    // other coefficient ∓(a²)ₖ = ∓Σⱼ aⱼaₖ₋ⱼ. The series product
    // (1 − a)(1 + a) cancelled there instead, where a₀ is small and a₁
    // large: its c₁ is a₁(1 − a₀) − a₁(1 + a₀), and atanh(r + kt) at
    // r = 1e-13, k = 2e13 lost 1.5e-3 of its c₂.
    #[inline]
    fn one_minus_square(self, one_minus: bool) -> Self {
        let (one, v) = (T::one(), self.value());
        let mut s = self * self;
        if one_minus {
            s = -s;
        }
        let value = if one_minus {
            (one - v) * (one + v)
        } else {
            (v - one) * (v + one)
        };
        s.with_value(value)
    }

    // acos a = π/2 − asin a: the arcsine's coefficients negated
    #[inline]
    pub(super) fn arccosine(self) -> Self {
        (-self.arcsine()).with_value(self.value().acos())
    }

    // atan a: (1 + a²) c′ = a′, the quotient integral with s = a² + 1
    #[inline]
    pub(super) fn arctangent(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().atan()) {
            return limit;
        }
        let s = self * self + Self::constant(T::one());
        self.integral_over(s, self.value().atan())
    }

    // ------------------------------------------------------------ hyperbolic

    // (sinh a, cosh a): s′ = a′ c, c′ = a′ s, so
    //   k sₖ = Σ_{j=1}^{k} j aⱼ c_{k−j},  k cₖ = Σ_{j=1}^{k} j aⱼ s_{k−j}
    #[inline]
    pub(super) fn sine_cosine_h(self) -> (Self, Self) {
        let v = self.value();
        let (s, c) = coupled(&scaled(&self.coefficients), v.sinh(), v.cosh(), T::one());
        (Self::new(s), Self::new(c))
    }

    // asinh a: √(a² + 1) c′ = a′
    #[inline]
    pub(super) fn arcsine_h(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().asinh()) {
            return limit;
        }
        let s = (self * self + Self::constant(T::one())).square_root();
        self.integral_over(s, self.value().asinh())
    }

    // acosh a: √(a² − 1) c′ = a′
    #[inline]
    pub(super) fn arccosine_h(self) -> Self {
        if let Some(limit) = self.saturated(Infinity::Both, || self.value().acosh()) {
            return limit;
        }
        let s = self.one_minus_square(false).square_root();
        self.integral_over(s, self.value().acosh())
    }

    // atanh a: (1 − a²) c′ = a′
    #[inline]
    pub(super) fn arctangent_h(self) -> Self {
        let s = self.one_minus_square(true);
        self.integral_over(s, self.value().atanh())
    }

    // At a₀ = ±∞ (`which`: both signs, or −∞ only) a function whose every
    // derivative tends to 0 there (atan, tanh, asinh, acosh, the logarithms,
    // eᵃ at −∞) has the coefficients of those limits by the zero rule: 0,
    // whatever a₁, a₂, … are, as the derivative table gives f′ = f″ = 0 at
    // ±∞ (the recurrences would meet ∞/∞ and 0 · ∞).
    #[inline(always)]
    fn saturated(&self, which: Infinity, value: impl FnOnce() -> T) -> Option<Self> {
        let v = self.value();
        // (a NaN compares false)
        let infinite = !v.is_finite() && v.abs() > T::one();
        let side = match which {
            Infinity::Both => true,
            Infinity::Negative => v < T::zero(),
        };
        (infinite && side).then(|| Self::constant(value()))
    }

    // The c with s c′ = a′ (a = self) and c₀ given:
    //   cₖ = (aₖ − (1/k) Σ_{j=1}^{k−1} j cⱼ s_{k−j}) / s₀
    #[inline(always)]
    fn integral_over(self, s: Self, c0: T) -> Self {
        let s = s.coefficients;
        Self::new(quotient_integral(&self.coefficients, &s, c0, s[0]))
    }

    // sinc a = sin a / a. For |a₀| ≥ 1 the quotient recurrence. Nearer 0 the
    // quotient cancels (its c₁ = (cos a₀ − sinc a₀)/a₀ loses 2 log₁₀(1/|a₀|)
    // digits, and a₀ = 0 divides by zero), so there the power series
    //   sinc a = Σ_{m=0}^{M} (−1)ᵐ u^m/(2m + 1)!,  u = a²,
    // by Horner's rule in series arithmetic, with M = K/2 + 12 terms (the
    // tail's coefficients are below 2⁻⁷⁰ of the kept ones for |a₀| < 1).
    // The value is the float routine's: sin a₀/a₀, or 1 at a₀ = 0.
    /// log_b x for a base with coefficients of its own: ln x / ln b. Where
    /// ln b₀ = ±∞ (b₀ = 0, ∞) and ln x₀ is finite every derivative has the
    /// factor 1/ln b = 0 (the other number types' partials, by the zero
    /// rule): the constant log_b x. The quotient would divide coefficients
    /// of ln x that overflowed by ±∞ (log(x, b) at (8.5e-152, 0): NaN).
    #[inline]
    pub(crate) fn log_number(self, base: Self) -> Self {
        let (ln_x, ln_base) = (self.value().ln(), base.value().ln());
        if ln_x.is_finite() && !ln_base.is_finite() && ln_base.partial_cmp(&ln_base).is_some() {
            return Self::constant(ln_x / ln_base);
        }
        let ln = self.ln();
        let plain = ln / base.ln();
        if finite(&plain.coefficients[1..]) {
            return plain;
        }
        match Self::log_over_scaled_base(ln.coefficients, base, plain.value()) {
            // the scaled form's coefficients where the plain ones are not
            // finite (past an order whose true coefficient is beyond range,
            // both are)
            Some(scaled) => {
                let mut c = plain.coefficients;
                for (ck, sk) in c.iter_mut().zip(scaled) {
                    if !ck.is_finite() {
                        *ck = sk;
                    }
                }
                Self::new(c)
            }
            None => plain,
        }
    }

    // ln x / ln b (`ln_x` the coefficients of ln x) where ln b's
    // coefficients, which grow like (b₁/b₀)ᵏ, leave the range while the
    // quotient's do not (log(x, b) at b₀ = 1e-158,
    // b₁ = 2e-4: (ln b)₂ = −2e308, c₂ = 1.5e293). ln b is taken in the time
    // τ = σt, σ a power of 2 near |b₁/b₀|: b̃ₖ = bₖ/σᵏ, L̃ = ln b̃ with
    // (ln b)ₘ = L̃ₘσᵐ, and the quotient recurrence
    //   L₀ cₖ = (ln x)ₖ − Σ_{j<k} cⱼ (ln b)ₖ₋ⱼ
    // multiplies each cⱼL̃ₘ by σ m times, so that only a term that is itself
    // beyond range overflows. `None` where b₀ is not a normal float or
    // |b₁/b₀| ≤ 1 (ln b's coefficients then stay in range).
    #[inline(never)]
    fn log_over_scaled_base(ln_x: [T; K], base: Self, value: T) -> Option<[T; K]> {
        let b = base.coefficients;
        let ratio = (b[1] / b[0]).abs();
        if !(b[0].is_normal_value() && ratio > T::one() && ratio.is_finite()) {
            return None;
        }
        // (the largest power of 2 not above the ratio, exact)
        let two = lit::<T>(2.0);
        let mut sigma = T::one();
        while sigma * two <= ratio {
            sigma *= two;
        }
        let mut scaled = b;
        for (k, bk) in scaled.iter_mut().enumerate() {
            for _ in 0..k {
                *bk /= sigma;
            }
        }
        let l = Self::new(scaled).ln().coefficients;
        let mut c = [T::zero(); K];
        c[0] = value;
        for k in 1..K {
            let mut sum = ln_x[k];
            for j in 0..k {
                let mut term = zmul(c[j], l[k - j]);
                for _ in 0..k - j {
                    term *= sigma;
                }
                sum -= term;
            }
            c[k] = sum / l[0];
        }
        Some(c)
    }

    #[inline]
    pub(crate) fn sin_over_x(self) -> Self {
        let v = self.value();
        if v.abs() >= T::one() {
            return self.sine_cosine().0 / self;
        }
        let value = if v == T::zero() {
            T::one()
        } else {
            v.sin() / v
        };
        self.even_series(-T::one()).with_value(value)
    }

    // sinhc a = sinh a / a: the same, with Σ u^m/(2m + 1)!
    #[inline]
    pub(crate) fn sinh_over_x(self) -> Self {
        let v = self.value();
        if v.abs() >= T::one() {
            return self.sine_cosine_h().0 / self;
        }
        let value = if v == T::zero() {
            T::one()
        } else {
            v.sinh() / v
        };
        self.even_series(T::one()).with_value(value)
    }

    // Σ_{m=0}^{M} σᵐ u^m/(2m + 1)! with u = a², M = K/2 + 12, by Horner's
    // rule from the highest term: p ← p·u + σᵐ/(2m + 1)!
    #[inline]
    fn even_series(self, sigma: T) -> Self {
        let terms = K / 2 + 12;
        let u = self * self;
        // σᵐ/(2m + 1)!, by successive divisions (1/6 and 1/120 come out
        // correctly rounded)
        let coefficient = |m: usize| {
            let mut c = T::one();
            for i in 1..=2 * m + 1 {
                c /= lit::<T>(i as f64);
            }
            if sigma < T::zero() && m % 2 == 1 {
                -c
            } else {
                c
            }
        };
        let mut p = Self::constant(coefficient(terms));
        for m in (0..terms).rev() {
            p = p * u + Self::constant(coefficient(m));
        }
        p
    }

    // -------------------------------------------------------- two arguments

    // atan2(y, x) with y = self: c′ = (x/r) y′ − (y/r) x′, r = x² + y², with
    // the partial derivatives as series p = x/r, q = −y/r (which do not
    // depend on c), by `series::two_partials`.
    // At (0, 0), p₀ = q₀ = 0/0: NaN, as the other number types give.
    // atan2(sy, sx) = atan2(y, x) for s > 0, and the recurrence on the
    // scaled series gives the same coefficients (p and q scale by 1/s, y′
    // and x′ by s), so both are first scaled by the power of two s that
    // brings max(|x₀|, |y₀|) near 1: r = x² + y² would overflow beyond
    // about 1e154 and underflow below 1e-154 (exact unless a part goes
    // subnormal, where its term is below the result's precision anyway).
    #[inline]
    pub(super) fn arctangent2(self, x: Self) -> Self {
        let c0 = self.value().atan2(x.value());
        let m = self.value().abs().max(x.value().abs()).to_float();
        // m² outside [1.2e-38, 3.4e38] (f32's normal range; for f64 the
        // scaling is exact and harmless there too)
        let square = m * m;
        let outside =
            square < lit(f64::from(f32::MIN_POSITIVE)) || square > lit(f64::from(f32::MAX));
        // s = 2^{−⌊log₂ m⌋} (left out where it is not finite: m subnormal)
        let positive = ComplexField::is_finite(&m) && m > lit(0.0);
        let e: f64 = if positive {
            nalgebra::try_convert(ComplexField::log2(m).floor()).unwrap_or(0.0)
        } else {
            0.0
        };
        let s = ComplexField::powi(lit::<T::Float>(2.0), -(e as i32));
        let scale = outside && positive && ComplexField::is_finite(&s) && s > lit(0.0);
        let (y, x) = if scale {
            let s = T::from_float(s);
            (self.map_parts(|c| c * s), x.map_parts(|c| c * s))
        } else {
            (self, x)
        };
        let r = x * x + y * y;
        let p = (x / r).coefficients;
        let q = (-y / r).coefficients;
        let (dy, dx) = (scaled(&y.coefficients), scaled(&x.coefficients));
        Self::new(two_partials(&dy, &p, &dx, &q, c0))
    }

    // hypot(x, y) with x = self, from c′ = (x/c) x′ + (y/c) y′ (the
    // recurrence: `series::hypotenuse`). The partials x/c, y/c are bounded
    // by 1, so nothing overflows where the value does not. At (0, 0) they
    // are 0/0: NaN, as the other number types give.
    #[inline]
    pub(super) fn hypotenuse(self, y: Self) -> Self {
        Self::new(hypotenuse(&self.coefficients, &y.coefficients))
    }

    // ------------------------------------------------------------ piecewise

    // |a| = ±a by the sign of a₀, with the branch a₀ ≥ 0 at ±0 (and NaN)
    #[inline]
    pub(super) fn absolute(self) -> Self {
        let v = self.value();
        if v < T::zero() { -self } else { self }.with_value(v.abs())
    }

    // fract a = a − trunc a₀: every coefficient but the value is a's
    #[inline]
    pub(super) fn fractional(self) -> Self {
        self.with_value(self.value().fract())
    }

    // min and max take the series of the argument they pick; the value is
    // the float routine's (NaN and signed zeros as for floats), and at a tie
    // the first argument's series is kept.
    #[inline]
    pub(super) fn pick(self, other: Self, m: T) -> Self {
        // m is NaN only when both arguments are
        let first = m == self.value() || m.partial_cmp(&m).is_none();
        if first { self } else { other }.with_value(m)
    }

    // a·b + c, with the value rounded once as by the float's mul_add
    #[inline]
    pub(super) fn fused_mul_add(self, b: Self, c: Self) -> Self {
        (self * b + c).with_value(self.value().mul_add(b.value(), c.value()))
    }

    // copysign(a, s) = ±a: a's series, negated when the sign flips
    #[inline]
    pub(crate) fn copy_sign(self, sign: T) -> Self {
        let v = self.value();
        let f = v.copysign(sign);
        if f.is_sign_negative() != v.is_sign_negative() {
            -self
        } else {
            self
        }
        .with_value(f)
    }
}
