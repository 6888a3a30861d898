//! The building blocks the recurrences share: products and quotients that
//! keep exact zeros zero, the Cauchy product, and the three solvers that
//! most elementary functions reduce to.
//!
//! Notation: a is the input series, c the result, a′ the derivative with
//! respect to t, so the coefficient of tᵏ⁻¹ in a′ is k·aₖ.
//!
//! # Keeping zeros zero, cheaply
//!
//! The edge-case convention wants 0 · x = 0 and 0 / x = 0 for every x
//! inside the recurrences. A test in every product cost 1.23× the
//! instructions of the scheme below (callgrind, 1000 calls of `taylor` on
//! a sum of exp·sin and ln √(x² + 1) terms, N = 8, K = 20: 206.4M against
//! 167.4M). Each recurrence is generic over `SAFE` and runs first in plain
//! IEEE arithmetic (`SAFE = false`); [`finite`] then looks at what it
//! produced. A 0 · ∞, 0 · NaN, 0/0 or 0/NaN gives NaN, and a NaN stays NaN
//! through every later +, −, ×, ÷, so if every coefficient came out finite
//! none of them happened and the plain result is the zero-keeping one (up
//! to the sign of a zero). Otherwise the recurrence runs again with
//! `SAFE = true`.

// The recurrences index two series at j and k − j; iterators would hide that.
#![allow(clippy::needless_range_loop)]

use crate::Real;

/// A small float constant (a count, 1/3) in the coefficient type.
#[inline(always)]
pub(super) fn lit<T: Real>(x: f64) -> T {
    nalgebra::convert(x)
}

/// a · b, with 0 · x = 0 for every x (also ±∞ and NaN): the crate's one
/// zero-safe product.
#[inline(always)]
pub(super) fn zmul<T: Real>(a: T, b: T) -> T {
    crate::real::nan_safe_mul(a, b)
}

/// n / d, with 0 / d = 0 for every d (also 0 and NaN): a numerator that is
/// exactly zero gives zero, as the factor 0 in n · (1/d) would.
#[inline(always)]
pub(super) fn zdiv<T: Real>(n: T, d: T) -> T {
    if n.is_exactly_zero() {
        T::zero()
    } else {
        n / d
    }
}

/// a · b: with `SAFE`, [`zmul`]; without, plain IEEE.
#[inline(always)]
pub(super) fn mul<const SAFE: bool, T: Real>(a: T, b: T) -> T {
    if SAFE { zmul(a, b) } else { a * b }
}

/// n / d: with `SAFE`, [`zdiv`]; without, plain IEEE.
#[inline(always)]
pub(super) fn div<const SAFE: bool, T: Real>(n: T, d: T) -> T {
    if SAFE { zdiv(n, d) } else { n / d }
}

/// `true` when every coefficient (every part of each) is finite: the plain
/// run of a recurrence stands (see the module docs).
#[inline(always)]
pub(super) fn finite<T: Real>(c: &[T]) -> bool {
    c.iter().all(Real::is_all_finite)
}

/// Σ_{j=lo}^{hi} aⱼ b_{k−j}
#[inline(always)]
pub(super) fn cauchy<const SAFE: bool, T: Real, const K: usize>(
    a: &[T; K],
    b: &[T; K],
    k: usize,
    lo: usize,
    hi: usize,
) -> T {
    let mut sum = T::zero();
    for j in lo..=hi {
        sum += mul::<SAFE, T>(a[j], b[k - j]);
    }
    sum
}

/// The Cauchy product: cₖ = Σ_{j=0}^{k} aⱼ b_{k−j}. The value c₀ = a₀b₀
/// is plain IEEE arithmetic (as for floats); the other coefficients keep
/// 0 · ∞ = 0.
#[inline]
pub(super) fn product<T: Real, const K: usize>(a: &[T; K], b: &[T; K]) -> [T; K] {
    let c = product_in::<false, T, K>(a, b);
    if finite(&c[1..]) {
        c
    } else {
        product_in::<true, T, K>(a, b)
    }
}

#[inline(always)]
fn product_in<const SAFE: bool, T: Real, const K: usize>(a: &[T; K], b: &[T; K]) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = a[0] * b[0];
    for k in 1..K {
        c[k] = cauchy::<SAFE, T, K>(a, b, k, 0, k);
    }
    c
}

/// The derivative's coefficients, shifted back to their power: entry j is
/// j·aⱼ (the coefficient of t^{j−1} in a′), entry 0 is 0.
#[inline(always)]
pub(super) fn scaled<T: Real, const K: usize>(a: &[T; K]) -> [T; K] {
    let mut d = [T::zero(); K];
    for j in 1..K {
        d[j] = a[j] * lit::<T>(j as f64);
    }
    d
}

/// The c with c′ = a′ · c and c₀ given (exp, and xʸ = e^{y ln x}):
///   k cₖ = Σ_{j=1}^{k} j aⱼ c_{k−j}.
/// `rate` multiplies a′ (ln 2 for 2ˣ, 1 for eˣ).
#[inline]
pub(super) fn exponential<T: Real, const K: usize>(a: &[T; K], c0: T, rate: T) -> [T; K] {
    let mut da = scaled(a);
    for d in &mut da[1..] {
        *d = zmul(rate, *d);
    }
    let c = exponential_in::<false, T, K>(&da, c0);
    if finite(&c[1..]) {
        c
    } else {
        exponential_in::<true, T, K>(&da, c0)
    }
}

#[inline(always)]
fn exponential_in<const SAFE: bool, T: Real, const K: usize>(da: &[T; K], c0: T) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        c[k] = cauchy::<SAFE, T, K>(da, &c, k, 1, k) / lit::<T>(k as f64);
    }
    c
}

/// The c with s · c′ = a′ and c₀ given, for a known series s: the
/// derivative of c is a′/s (ln: s = a; atan: s = 1 + a²; asin: s = √(1 − a²)).
/// From the coefficient of tᵏ⁻¹ in s·c′ = a′,
///   cₖ = (aₖ − (1/k) Σ_{j=1}^{k−1} j cⱼ s_{k−j}) / s₀.
/// `pivot` is s₀ as the divisor (with −0 made +0 where the function is
/// one-sided).
#[inline]
pub(super) fn quotient_integral<T: Real, const K: usize>(
    a: &[T; K],
    s: &[T; K],
    c0: T,
    pivot: T,
) -> [T; K] {
    let c = quotient_integral_in::<false, T, K>(a, s, c0, pivot);
    if finite(&c[1..]) {
        c
    } else {
        quotient_integral_in::<true, T, K>(a, s, c0, pivot)
    }
}

#[inline(always)]
fn quotient_integral_in<const SAFE: bool, T: Real, const K: usize>(
    a: &[T; K],
    s: &[T; K],
    c0: T,
    pivot: T,
) -> [T; K] {
    let mut c = [T::zero(); K];
    // dc[j] = j cⱼ, filled as cⱼ becomes known
    let mut dc = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        let known = cauchy::<SAFE, T, K>(&dc, s, k, 1, k - 1) / lit::<T>(k as f64);
        c[k] = div::<SAFE, T>(a[k] - known, pivot);
        dc[k] = c[k] * lit::<T>(k as f64);
    }
    c
}

/// √a from c² = a: the coefficient of tᵏ gives 2c₀cₖ + Σ_{j=1}^{k−1} cⱼc_{k−j} = aₖ, so
///   cₖ = (aₖ − Σ_{j=1}^{k−1} cⱼ c_{k−j}) / (2c₀).
/// The pivot 2c₀ is taken as +0 at c₀ = −0 (√ is defined for x ≥ 0 only),
/// so √ at ±0 has the derivatives' limits from the right.
///
/// Accuracy: where the input's coefficients decay more slowly than the
/// result's, the sum cancels and errors grow with k: for √(e^{2x}) = eˣ
/// (aₖ ∝ 2ᵏ/k!, cₖ ∝ 1/k!) the relative error of cₖ was 4.7e-13 at k = 10
/// and 7.4e-8 at k = 20. The power recurrence with r = ½ did worse there
/// (1.1e-11 and 2.3e-5), so √ keeps this one.
#[inline]
pub(super) fn square_root<T: Real, const K: usize>(a: &[T; K]) -> [T; K] {
    let c = square_root_in::<false, T, K>(a);
    if finite(&c[1..]) {
        c
    } else {
        square_root_in::<true, T, K>(a)
    }
}

#[inline(always)]
fn square_root_in<const SAFE: bool, T: Real, const K: usize>(a: &[T; K]) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = a[0].sqrt();
    let pivot = (c[0] + T::zero()) * lit::<T>(2.0);
    for k in 1..K {
        // Σ_{j=1}^{k−1} cⱼc_{k−j} = 2 Σ_{j<k−j} cⱼc_{k−j} + c_{k/2}² (k even)
        let mut known = T::zero();
        for j in 1..k.div_ceil(2) {
            known += mul::<SAFE, T>(c[j], c[k - j]);
        }
        known += known;
        if k % 2 == 0 {
            known += mul::<SAFE, T>(c[k / 2], c[k / 2]);
        }
        c[k] = div::<SAFE, T>(a[k] - known, pivot);
    }
    c
}

/// The power c = aʳ for a₀ ≠ 0 (finite), from a c′ = r a′ c: the
/// coefficient of tᵏ⁻¹ gives
///   k a₀ cₖ = Σ_{j=1}^{k} ((r + 1) j − k) aⱼ c_{k−j},
/// with c₀ = `c0` (the float's power, bit for bit).
#[inline]
pub(super) fn power<T: Real, const K: usize>(a: &[T; K], r: T, c0: T) -> [T; K] {
    let c = power_in::<false, T, K>(a, r, c0);
    if finite(&c[1..]) {
        c
    } else {
        power_in::<true, T, K>(a, r, c0)
    }
}

/// The power recurrence's weight (r + 1) j − k, as ((m + 1) j − k) + d·j
/// with m the integer nearest r and d = r − m (exact): the integer part is
/// exact, so where r is near an integer and the weight near 0 it keeps its
/// relative accuracy ((r + 1) j − k would cancel, ε/|r − m| relative).
#[derive(Clone, Copy)]
struct PowerWeight<T> {
    m1: T,
    d: T,
}

impl<T: Real> PowerWeight<T> {
    #[inline(always)]
    fn new(r: T) -> Self {
        let (m, d) = if r.is_finite() {
            (r.round(), r - r.round())
        } else {
            (r, T::zero())
        };
        Self {
            m1: m + T::one(),
            d,
        }
    }

    /// The weight of term j in the equation for coefficient k (`kf` = k)
    #[inline(always)]
    fn at(self, j: usize, kf: T) -> T {
        let jf = lit::<T>(j as f64);
        (self.m1 * jf - kf) + self.d * jf
    }
}

#[inline(always)]
fn power_in<const SAFE: bool, T: Real, const K: usize>(a: &[T; K], r: T, c0: T) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = c0;
    let weight = PowerWeight::new(r);
    // the second run (`SAFE`) divides by a₀ first, aⱼ/a₀ · c_{k−j}: the
    // product aⱼ c_{k−j} overflows where aⱼ and c₀ are both large and the
    // quotient is not (∛(1e300/x) at 2: a₁c₀ = −3.4e299 · 7.9e99)
    let mut ratio = *a;
    if SAFE {
        for r in &mut ratio[1..] {
            *r = zdiv(*r, a[0]);
        }
    }
    for k in 1..K {
        let kf = lit::<T>(k as f64);
        let mut sum = T::zero();
        for j in 1..=k {
            sum += mul::<SAFE, T>(weight.at(j, kf), mul::<SAFE, T>(ratio[j], c[k - j]));
        }
        c[k] = if SAFE { sum / kf } else { sum / (kf * a[0]) };
    }
    c
}

/// xʸ with y a series too, for x₀ > 0, from x c′ = c P with
/// P = y x′ + w y′ and w = x ln x (w′ = x′ (ln x + 1)). The part y₀ x′
/// of P and the left side's x c′ beyond x₀ combine into the power
/// recurrence's weights (so that nothing cancels there), and the rest,
/// Q = (y − y₀) x′ + w y′, follows: the coefficient of tᵏ⁻¹ gives
///   k x₀ cₖ = Σ_{j=1}^{k} ((y₀ + 1) j − k) xⱼ c_{k−j} + Σ_{j=0}^{k−1} Qⱼ c_{k−1−j},
///   m wₘ = Σ_{i=1}^{m} i xᵢ (ln x + 1)_{m−i},
/// with c₀ = `c0`. It reads `ln_x` (ln x's coefficients) only to order
/// K − 3, where they are still in range for a small x₀.
#[inline(never)]
pub(super) fn variable_power<T: Real, const K: usize>(
    x: &[T; K],
    y: &[T; K],
    ln_x: &[T; K],
    c0: T,
) -> [T; K] {
    let (dx, dy) = (scaled(x), scaled(y));
    let mut w = [T::zero(); K];
    w[0] = x[0] * ln_x[0];
    for m in 1..K.saturating_sub(1) {
        let mut sum = T::zero();
        for i in 1..=m {
            let l = if i == m {
                ln_x[0] + T::one()
            } else {
                ln_x[m - i]
            };
            sum += zmul(dx[i], l);
        }
        w[m] = sum / lit::<T>(m as f64);
    }
    // Qⱼ = Σ_{i≥1} yᵢ x′_{j−i} + Σ_{i≥0} wᵢ y′_{j−i}, x′ₙ = (n + 1) x_{n+1} = dx[n + 1]
    let mut q = [T::zero(); K];
    for j in 0..K.saturating_sub(1) {
        let mut sum = T::zero();
        for i in 0..=j {
            if i > 0 {
                sum += zmul(y[i], dx[j + 1 - i]);
            }
            sum += zmul(w[i], dy[j + 1 - i]);
        }
        q[j] = sum;
    }
    let weight = PowerWeight::new(y[0]);
    let mut c = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        let kf = lit::<T>(k as f64);
        let mut sum = T::zero();
        for j in 1..=k {
            sum += zmul(weight.at(j, kf), zmul(x[j], c[k - j]));
        }
        for j in 0..k {
            sum += zmul(q[j], c[k - 1 - j]);
        }
        c[k] = sum / (kf * x[0]);
    }
    c
}

/// g(a) for a function known by its Taylor coefficients gₘ = g⁽ᵐ⁾(a₀)/m!
/// at a₀ (value g₀): Faà di Bruno as a power series in δ = a − a₀,
///   cₖ = Σ_{m=1}^{k} gₘ [tᵏ] δᵐ,
/// with 0 · ∞ = 0 in every product. It costs O(K³) and serves only the
/// points where a recurrence would divide by zero or infinity (powers at 0
/// and ±∞, sinc at 0), with the limits of the derivatives there as gₘ.
#[inline(never)]
pub(super) fn compose<T: Real, const K: usize>(
    a: &[T; K],
    g0: T,
    mut g: impl FnMut(usize) -> T,
) -> [T; K] {
    let mut delta = *a;
    delta[0] = T::zero();
    let mut c = [T::zero(); K];
    c[0] = g0;
    // δᵐ, starting at m = 1; its coefficients below tᵐ are zero
    let mut power = delta;
    for m in 1..K {
        let gm = g(m);
        for k in m..K {
            c[k] += zmul(gm, power[k]);
        }
        if m + 1 < K {
            let mut next = [T::zero(); K];
            for k in m + 1..K {
                next[k] = cauchy::<true, T, K>(&delta, &power, k, 1, k - m);
            }
            power = next;
        }
    }
    c
}

/// The binomial coefficient binom(r, m) = r(r − 1)⋯(r − m + 1)/m!.
#[inline]
pub(super) fn binomial<T: Real>(r: T, m: usize) -> T {
    let mut b = T::one();
    for i in 0..m {
        b = b * (r - lit::<T>(i as f64)) / lit::<T>((i + 1) as f64);
    }
    b
}

/// The quotient a / b from b·c = a: the coefficient of tᵏ gives
///   cₖ = (aₖ − Σ_{j=1}^{k} bⱼ c_{k−j}) / b₀,
/// with c₀ = a₀/b₀ as for floats. A zero numerator gives 0 (so a constant
/// over a constant stays constant, also when b₀ = 0).
#[inline]
pub(super) fn quotient<T: Real, const K: usize>(a: &[T; K], b: &[T; K]) -> [T; K] {
    let c = quotient_in::<false, T, K>(a, b);
    if finite(&c[1..]) {
        c
    } else if b[1..].iter().all(|b| b.is_exactly_zero()) {
        // a constant b₀ = 0, ±∞ or NaN: a scaling by 1/b₀, as the other
        // number types divide by a constant (a ±∞ coefficient over ±∞ is
        // 0 by the zero rule, not NaN)
        let mut c = *a;
        c[0] = a[0] / b[0];
        let scale = b[0].recip();
        for ck in &mut c[1..] {
            *ck = zmul(*ck, scale);
        }
        c
    } else {
        quotient_in::<true, T, K>(a, b)
    }
}

#[inline(always)]
fn quotient_in<const SAFE: bool, T: Real, const K: usize>(a: &[T; K], b: &[T; K]) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = a[0] / b[0];
    // the second run (`SAFE`), for a normal b₀, scales b by 1/b₀ first,
    //   cₖ = aₖ/b₀ − Σ_{j=1}^{k} (bⱼ/b₀) c_{k−j},
    // as the power recurrence's does: a product bⱼ c_{k−j} can overflow
    // where the quotient by b₀ would bring it back (−1.8e308 / (x₀ x₁) at
    // (−1, −1e300) along (1.722, 0.011): b₁c₀ = −1.7e300 · −1.8e8, c₁ was
    // −∞, true −3.1e8)
    if SAFE && crate::real::sealed::Sealed::is_normal_value(&b[0]) {
        let mut ratio = *b;
        for r in &mut ratio[1..] {
            *r = zdiv(*r, b[0]);
        }
        for k in 1..K {
            c[k] = zdiv(a[k], b[0]) - cauchy::<true, T, K>(&ratio, &c, k, 1, k);
        }
        return c;
    }
    for k in 1..K {
        c[k] = div::<SAFE, T>(a[k] - cauchy::<SAFE, T, K>(b, &c, k, 1, k), b[0]);
    }
    c
}

/// The pair (s, c) with s′ = a′c and c′ = σ a′s (σ = −1: sin and cos,
/// σ = +1: sinh and cosh), from `da` = [j aⱼ] and the values s₀, c₀:
///   k sₖ = Σ_{j=1}^{k} j aⱼ c_{k−j},  k cₖ = σ Σ_{j=1}^{k} j aⱼ s_{k−j}
#[inline]
pub(super) fn coupled<T: Real, const K: usize>(
    da: &[T; K],
    s0: T,
    c0: T,
    sigma: T,
) -> ([T; K], [T; K]) {
    let (s, c) = coupled_in::<false, T, K>(da, s0, c0, sigma);
    if finite(&s[1..]) && finite(&c[1..]) {
        (s, c)
    } else {
        coupled_in::<true, T, K>(da, s0, c0, sigma)
    }
}

#[inline(always)]
fn coupled_in<const SAFE: bool, T: Real, const K: usize>(
    da: &[T; K],
    s0: T,
    c0: T,
    sigma: T,
) -> ([T; K], [T; K]) {
    let (mut s, mut c) = ([T::zero(); K], [T::zero(); K]);
    (s[0], c[0]) = (s0, c0);
    for k in 1..K {
        let kf = lit::<T>(k as f64);
        s[k] = cauchy::<SAFE, T, K>(da, &c, k, 1, k) / kf;
        c[k] = sigma * cauchy::<SAFE, T, K>(da, &s, k, 1, k) / kf;
    }
    (s, c)
}

/// The c with c′ = a′ q, q = 1 + σc² (tan: σ = 1, tanh: σ = −1), from
/// `da` = [j aⱼ], c₀ and q₀ (as the value's own formula computes it):
///   k cₖ = Σ_{j=1}^{k} j aⱼ q_{k−j},  qₖ = σ Σ_{i=0}^{k} cᵢ c_{k−i},
/// each qₖ once cₖ is known.
#[inline]
pub(super) fn square_ode<T: Real, const K: usize>(da: &[T; K], c0: T, q0: T, sigma: T) -> [T; K] {
    let c = square_ode_in::<false, T, K>(da, c0, q0, sigma);
    if finite(&c[1..]) {
        c
    } else {
        square_ode_in::<true, T, K>(da, c0, q0, sigma)
    }
}

#[inline(always)]
fn square_ode_in<const SAFE: bool, T: Real, const K: usize>(
    da: &[T; K],
    c0: T,
    q0: T,
    sigma: T,
) -> [T; K] {
    let (mut c, mut q) = ([T::zero(); K], [T::zero(); K]);
    (c[0], q[0]) = (c0, q0);
    for k in 1..K {
        c[k] = cauchy::<SAFE, T, K>(da, &q, k, 1, k) / lit::<T>(k as f64);
        q[k] = sigma * cauchy::<SAFE, T, K>(&c, &c, k, 0, k);
    }
    c
}

/// The c with c′ = p y′ + q x′ for partials p, q known as series, from
/// `dy` = [j yⱼ], `dx` = [j xⱼ] (atan2):
///   k cₖ = Σ_{j=1}^{k} j (yⱼ p_{k−j} + xⱼ q_{k−j})
#[inline]
pub(super) fn two_partials<T: Real, const K: usize>(
    dy: &[T; K],
    p: &[T; K],
    dx: &[T; K],
    q: &[T; K],
    c0: T,
) -> [T; K] {
    let c = two_partials_in::<false, T, K>(dy, p, dx, q, c0);
    if finite(&c[1..]) {
        c
    } else {
        two_partials_in::<true, T, K>(dy, p, dx, q, c0)
    }
}

#[inline(always)]
fn two_partials_in<const SAFE: bool, T: Real, const K: usize>(
    dy: &[T; K],
    p: &[T; K],
    dx: &[T; K],
    q: &[T; K],
    c0: T,
) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        let sum = cauchy::<SAFE, T, K>(dy, p, k, 1, k) + cauchy::<SAFE, T, K>(dx, q, k, 1, k);
        c[k] = sum / lit::<T>(k as f64);
    }
    c
}

/// hypot(x, y) = c: c′ = (x/c) x′ + (y/c) y′. The partials p = x/c,
/// q = y/c need c up to the same order, so the three are built together:
///   k cₖ = Σ_{j=1}^{k} j (xⱼ p_{k−j} + yⱼ q_{k−j}),
///   pₖ = (xₖ − Σ_{j=1}^{k} cⱼ p_{k−j}) / c₀, qₖ likewise,
/// with c₀ the float's hypot and p₀ = x₀/c₀, q₀ = y₀/c₀.
///
/// Where both values are finite and one is nonzero, first as
/// |b|·√(1 + t²) with b the argument of larger value and t = a/b the
/// other over it: the recurrence above divides by c₀ a difference that
/// cancels where |a₀| ≪ |b₀| (p ≈ ±1 then; `hypot(x, x²)` at x = 3e-17
/// gave c₃ = 0, true ½), the quotient t and the root of 1 + t² (near 1)
/// do not. Where that form overflows, the recurrence.
#[inline]
pub(super) fn hypotenuse<T: Real, const K: usize>(x: &[T; K], y: &[T; K]) -> [T; K] {
    let (big, small) = if y[0].abs() > x[0].abs() {
        (y, x)
    } else {
        (x, y)
    };
    if big[0] != T::zero() && big[0].is_finite() && small[0].is_finite() {
        let t = quotient(small, big);
        let mut s = product(&t, &t);
        s[0] += T::one();
        let root = square_root(&s);
        let mut magnitude = *big;
        if big[0] < T::zero() {
            magnitude = magnitude.map(|b| -b);
        }
        let mut c = product(&magnitude, &root);
        if finite(&c[1..]) {
            c[0] = x[0].hypot(y[0]);
            return c;
        }
    }
    let c = hypotenuse_in::<false, T, K>(x, y);
    if finite(&c[1..]) {
        c
    } else {
        hypotenuse_in::<true, T, K>(x, y)
    }
}

#[inline(always)]
fn hypotenuse_in<const SAFE: bool, T: Real, const K: usize>(x: &[T; K], y: &[T; K]) -> [T; K] {
    let (dx, dy) = (scaled(x), scaled(y));
    let (mut c, mut p, mut q) = ([T::zero(); K], [T::zero(); K], [T::zero(); K]);
    c[0] = x[0].hypot(y[0]);
    (p[0], q[0]) = (x[0] / c[0], y[0] / c[0]);
    for k in 1..K {
        let sum = cauchy::<SAFE, T, K>(&dx, &p, k, 1, k) + cauchy::<SAFE, T, K>(&dy, &q, k, 1, k);
        c[k] = sum / lit::<T>(k as f64);
        p[k] = div::<SAFE, T>(x[k] - cauchy::<SAFE, T, K>(&c, &p, k, 1, k), c[0]);
        q[k] = div::<SAFE, T>(y[k] - cauchy::<SAFE, T, K>(&c, &q, k, 1, k), c[0]);
    }
    c
}
