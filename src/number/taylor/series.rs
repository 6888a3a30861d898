//! The building blocks the recurrences share: products and quotients that
//! keep exact zeros zero, the Cauchy product, and the three solvers that
//! most elementary functions reduce to.
//!
//! Notation: a is the input series, c the result, a′ the derivative with
//! respect to t, so the coefficient of tᵏ⁻¹ in a′ is k·aₖ.

// The recurrences index two series at j and k − j; iterators would hide that.
#![allow(clippy::needless_range_loop)]

use crate::Real;

/// A small float constant (a count, 1/3) in the coefficient type.
#[inline(always)]
pub(super) fn lit<T: Real>(x: f64) -> T {
    nalgebra::convert(x)
}

/// a · b, with 0 · x = 0 for every x (also ±∞ and NaN): a factor that is
/// exactly zero makes the product zero.
#[inline(always)]
pub(super) fn zmul<T: Real>(a: T, b: T) -> T {
    if a.is_exactly_zero() || b.is_exactly_zero() {
        T::zero()
    } else {
        a * b
    }
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

/// Σ_{j=lo}^{hi} aⱼ b_{k−j}, each product with 0 · x = 0.
#[inline(always)]
pub(super) fn cauchy<T: Real, const K: usize>(
    a: &[T; K],
    b: &[T; K],
    k: usize,
    lo: usize,
    hi: usize,
) -> T {
    let mut sum = T::zero();
    for j in lo..=hi {
        sum += zmul(a[j], b[k - j]);
    }
    sum
}

/// The Cauchy product: cₖ = Σ_{j=0}^{k} aⱼ b_{k−j}. The value c₀ = a₀b₀
/// is plain IEEE arithmetic (as for floats); the other coefficients keep
/// 0 · ∞ = 0. When every coefficient of both is finite, 0 · x = 0 holds
/// anyway, and the plain loop (no test per product) computes the same.
#[inline]
pub(super) fn product<T: Real, const K: usize>(a: &[T; K], b: &[T; K]) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = a[0] * b[0];
    let finite = a.iter().chain(b.iter()).all(Real::is_all_finite);
    for k in 1..K {
        c[k] = if finite {
            let mut sum = T::zero();
            for j in 0..=k {
                sum += a[j] * b[k - j];
            }
            sum
        } else {
            cauchy(a, b, k, 0, k)
        };
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
    let mut c = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        c[k] = cauchy(&da, &c, k, 1, k) / lit::<T>(k as f64);
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
    let mut c = [T::zero(); K];
    // dc[j] = j cⱼ, filled as cⱼ becomes known
    let mut dc = [T::zero(); K];
    c[0] = c0;
    for k in 1..K {
        let known = cauchy(&dc, s, k, 1, k - 1) / lit::<T>(k as f64);
        c[k] = zdiv(a[k] - known, pivot);
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
    let mut c = [T::zero(); K];
    c[0] = a[0].sqrt();
    let pivot = (c[0] + T::zero()) * lit::<T>(2.0);
    for k in 1..K {
        // Σ_{j=1}^{k−1} cⱼc_{k−j} = 2 Σ_{j<k−j} cⱼc_{k−j} + c_{k/2}² (k even)
        let mut known = T::zero();
        for j in 1..k.div_ceil(2) {
            known += zmul(c[j], c[k - j]);
        }
        known += known;
        if k % 2 == 0 {
            known += zmul(c[k / 2], c[k / 2]);
        }
        c[k] = zdiv(a[k] - known, pivot);
    }
    c
}

/// The power c = aʳ for a₀ ≠ 0 (finite), from a c′ = r a′ c: the
/// coefficient of tᵏ⁻¹ gives
///   k a₀ cₖ = Σ_{j=1}^{k} ((r + 1) j − k) aⱼ c_{k−j},
/// with c₀ = `c0` (the float's power, bit for bit).
#[inline]
pub(super) fn power<T: Real, const K: usize>(a: &[T; K], r: T, c0: T) -> [T; K] {
    let mut c = [T::zero(); K];
    c[0] = c0;
    let r1 = r + T::one();
    for k in 1..K {
        let kf = lit::<T>(k as f64);
        let mut sum = T::zero();
        for j in 1..=k {
            let weight = r1 * lit::<T>(j as f64) - kf;
            sum += zmul(weight, zmul(a[j], c[k - j]));
        }
        c[k] = zdiv(sum, kf * a[0]);
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
                next[k] = cauchy(&delta, &power, k, 1, k - m);
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
