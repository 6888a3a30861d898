//! The derivative table: every elementary function written once, as its
//! value f, first derivative f′ and second derivative f″ at the value part.
//!
//! Each number type implements [`Chain`], the one hook that applies such a
//! triple (or, for functions of two arguments, the value and the first and
//! second partial derivatives). Nothing here knows how a number type stores
//! its derivatives, and no number type repeats a formula from here.
//!
//! Conventions at points where a derivative is infinite or undefined are
//! documented in the crate docs ("Edge cases"): every hook multiplies
//! derivative parts by the zero rule (`real::nan_safe_mul`: a factor that is
//! exactly zero, on either side, gives zero), and the formulas here use it
//! too where a factor of a derivative can be 0 while the other is infinite
//! (xʸ ln x at x = 0). The accuracy of each entry, and the forms chosen for
//! it (no cancellation, no overflow or underflow of an intermediate), are
//! listed in the crate docs ("Accuracy") and noted beside each entry.

use core::ops::{Add, Mul, Neg};

use nalgebra::{ComplexField, RealField};

use crate::Real;
use crate::real::{is_constant, nan_safe_mul};

/// The hook a number type supplies so that the table can differentiate it.
pub(crate) trait Chain:
    Copy + Add<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    /// The type of the value part (and of every derivative part).
    type Value: Real;

    /// The value part.
    fn re(&self) -> Self::Value;

    /// The same number with its value part replaced (derivatives kept).
    fn with_value(self, value: Self::Value) -> Self;

    /// `g(self)` for a function g with g(re) = `f`, g′(re) = `df`, g″(re) = `d2f`.
    fn chain(self, f: Self::Value, df: Self::Value, d2f: Self::Value) -> Self;

    /// `g(self, other)` for a function g with value `f`, first partials
    /// `[g_x, g_y]` and second partials `[g_xx, g_xy, g_yy]`.
    fn chain2(self, other: Self, f: Self::Value, d: [Self::Value; 2], d2: [Self::Value; 3])
    -> Self;

    /// `chain` with g‴(re) as well, evaluated by `d3f()` only where a type
    /// carries third derivatives: every other type keeps this default, which
    /// never calls `d3f`, so the table's f‴ costs it nothing. Every entry of
    /// the table calls this (not `chain`).
    #[inline(always)]
    fn chain3(
        self,
        f: Self::Value,
        df: Self::Value,
        d2f: Self::Value,
        d3f: impl FnOnce() -> Self::Value,
    ) -> Self {
        let _ = d3f;
        self.chain(f, df, d2f)
    }

    /// `chain2` with the third partials `[g_xxx, g_xxy, g_xyy, g_yyy]` as
    /// well, evaluated by `d3()` only where a type carries third derivatives
    /// (the default never calls it).
    #[inline(always)]
    fn chain2_3(
        self,
        other: Self,
        f: Self::Value,
        d: [Self::Value; 2],
        d2: [Self::Value; 3],
        d3: impl FnOnce() -> [Self::Value; 4],
    ) -> Self {
        let _ = d3;
        self.chain2(other, f, d, d2)
    }
}

/// A small float constant in the value type.
#[inline(always)]
fn lit<V: Real>(x: f64) -> V {
    nalgebra::convert(x)
}

// Short names for the value type's zero and one.
#[inline(always)]
fn zero<V: Real>() -> V {
    V::zero()
}
#[inline(always)]
fn one<V: Real>() -> V {
    V::one()
}

/// The number with value part `value` and every derivative part of this
/// level zero (the derivative parts of `value` itself, for a nested type,
/// are kept): a function's parameter as a number.
#[inline(always)]
fn constant_like<D: Chain>(x: D, value: D::Value) -> D {
    x.chain3(value, zero(), zero(), zero)
}

/// `true` for a plain float, `false` for a nested number (a value part
/// with derivative parts of its own).
#[inline(always)]
fn is_float<V: Real>() -> bool {
    V::IS_FLOAT
}

/// `x + 0`: −0 becomes +0 and nothing else changes (derivative parts
/// included). Functions defined for x ≥ 0 only (√, ln) apply it where they
/// divide by x, so that at −0 they give the derivatives at +0, the one side
/// they have, instead of the −∞ of 1/(−0).
#[inline(always)]
fn without_negative_zero<V: Real>(x: V) -> V {
    x + zero()
}

// ---------------------------------------------------------------- powers

// d/dx √x = 1/(2√x), d²/dx² = −1/(4x√x) = −f′/(2x)
// d³/dx³ = 3/(8x²√x) = −3f″/(2x)
#[inline(always)]
pub(crate) fn sqrt<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.sqrt();
    let df = (without_negative_zero(f) * lit::<D::Value>(2.0)).recip();
    let d2f = -df / (without_negative_zero(v) * lit::<D::Value>(2.0));
    x.chain3(f, df, d2f, || {
        -(d2f * lit::<D::Value>(3.0)) / (without_negative_zero(v) * lit::<D::Value>(2.0))
    })
}

// d/dx ∛x = 1/(3∛x²) = (∛x/x)/3, d²/dx² = −2/(9 x ∛x²) = −(f′·(2/3))/x.
// ∛x/x rounds twice where 1/(3∛x²) rounds four times, and /3 after the
// quotient keeps 3x from overflowing; at x = ±0 and ±∞ (∛x/x = 0/0, ∞/∞)
// f′ = 1/(3∛x²), the limits +∞ and 0.
// d³/dx³ = 10/(27 x² ∛x²) = −(f″·(5/3))/x
#[inline(always)]
pub(crate) fn cbrt<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.cbrt();
    let three = lit::<D::Value>(3.0);
    let df = if v == zero() || !v.is_finite() {
        (f * f * three).recip()
    } else {
        f / v / three
    };
    let d2f = -(df * (lit::<D::Value>(2.0) / three)) / v;
    x.chain3(f, df, d2f, || -(d2f * (lit::<D::Value>(5.0) / three)) / v)
}

// d/dx 1/x = −1/x², d²/dx² = 2/x³
// d³/dx³ = −6/x⁴ = −3 f″ f
#[inline(always)]
pub(crate) fn recip<D: Chain>(x: D) -> D {
    let f = x.re().recip();
    let df = -(f * f);
    let d2f = -(df * f * lit::<D::Value>(2.0));
    x.chain3(f, df, d2f, || -(d2f * f * lit::<D::Value>(3.0)))
}

// d/dx xⁿ = n xⁿ⁻¹, d²/dx² = n(n−1) xⁿ⁻²; x⁰ = 1 everywhere (also at 0),
// x¹ = x, and x² is the chain rule with (x·x, 2x, 2): the value is x·x
// exactly (as f64's powi(2)), and it costs less than the product x·x.
// d³/dx³ xⁿ = n(n−1)(n−2) xⁿ⁻³ (0 for n = 2)
#[inline(always)]
pub(crate) fn powi<D: Chain>(x: D, n: i32) -> D {
    match n {
        0 => x.chain3(one(), zero(), zero(), zero),
        1 => x,
        2 => {
            let v = x.re();
            x.chain3(v * v, v + v, lit::<D::Value>(2.0), zero)
        }
        _ => {
            let v = x.re();
            let nf: D::Value = lit::<D::Value>(f64::from(n));
            // n − 1 and n − 2 overflow only near i32::MIN; there xⁿ⁻¹ = xⁿ/x
            let p1 = n
                .checked_sub(1)
                .map_or_else(|| v.powi(n) / v, |m| v.powi(m));
            let p2 = n.checked_sub(2).map_or_else(|| p1 / v, |m| v.powi(m));
            // n(n−1)xⁿ⁻² as (n(n−1)xⁿ⁻¹)/x where xⁿ⁻² alone is not a
            // normal float (x⁻⁵ at 5e61 is subnormal, 12x⁻⁵ is not)
            let c2 = nf * (nf - one());
            let d2f = if is_normal(p2) || !is_normal(p1) || v == zero() {
                c2 * p2
            } else {
                (c2 * p1) / v
            };
            x.chain3(v.powi(n), nf * p1, d2f, || {
                let p3 = n.checked_sub(3).map_or_else(|| p2 / v, |m| v.powi(m));
                nf * (nf - one()) * (nf - lit::<D::Value>(2.0)) * p3
            })
        }
    }
}

// d/dx xᵃ = a xᵃ⁻¹, d²/dx² = a(a−1) xᵃ⁻²; x⁰ = 1 and x¹ = x exactly.
// The short cuts compare by value, so they apply only to an exponent that
// is a plain constant (no derivative part at any level of nesting); the
// products go by the zero rule, so that a(a−1)·0^(a−2) = 0 for a = 1.
// d³/dx³ xᵃ = a(a−1)(a−2) xᵃ⁻³ (by the zero rule: 0 for a = 2 at x = 0)
//
// A nested number's exponent with derivative parts of its own (x.powf(a)
// on `Dual<Dual<f64, 1>, N>` with a a variable of the inner level) is a
// function of two arguments: xᵃ by `pow`.
#[inline(always)]
pub(crate) fn powf<D: Chain + Real>(x: D, a: D::Value) -> D {
    if !is_constant(&a) {
        return pow(x, constant_like(x, a));
    }
    if a == zero() {
        return x.chain3(one(), zero(), zero(), zero);
    }
    if a == one() {
        return x;
    }
    let v = x.re();
    let f = v.powf(a);
    let (a1, a2) = (a - one(), a - lit::<D::Value>(2.0));
    let p1 = power_below(f, v, a1);
    x.chain3(
        f,
        scaled_power_below(a, f, v, a1),
        scaled_power_below(a * a1, p1, v, a2),
        || {
            let p2 = power_below(p1, v, a2);
            scaled_power_below(
                a * a1 * (a - lit::<D::Value>(2.0)),
                p2,
                v,
                a - lit::<D::Value>(3.0),
            )
        },
    )
}

/// xᵇ from p = xᵇ⁺¹ as p/x, one rounding, where p and p/x are normal
/// floats; else (p or p/x overflowed, underflowed or is 0) as x.powf(b).
/// Computing x.powf(b) directly would round the exponent b = a − 1 first,
/// an error of |ln x|·ulp(b) in the result: 300 ulps at x = 1e300.
///
/// A nested number (a value part with derivative parts of its own) takes
/// x.powf(b) by its own rule instead, with only the innermost value
/// replaced by the float p/x: its derivative parts as a quotient would
/// cancel (x²/x has (x²/x)″ = 2/x − 4x/x² + 2x²/x³, a 0 with error ε/x).
#[inline(always)]
fn power_below<V: Real>(p: V, v: V, b: V) -> V {
    match float_quotient(p.to_float(), v.to_float()) {
        Some(q) if V::IS_FLOAT => V::from_float(q),
        Some(q) => v.powf(b).with_float(q),
        None => v.powf(b),
    }
}

/// p/x where p and p/x are normal floats (and x is not 0).
#[inline(always)]
fn float_quotient<F: Real>(p: F, v: F) -> Option<F> {
    if p.is_normal_value() && v != zero() {
        let q = p / v;
        if q.is_normal_value() {
            return Some(q);
        }
    }
    None
}

/// c·xᵇ from p = xᵇ⁺¹ (by the zero rule for c = 0), in the order that
/// stays in range: c·(p/x) where p/x is a normal float, else (c·p)/x
/// where c·p is one, so that a moderate c·xᵇ is finite although xᵇ
/// overflows (y(y−1)·x^(y−2) at x = 4e-265, y = 1.4e-264 is −8.6e264);
/// the same order for a nested number, whose c·xᵇ otherwise is c times
/// its own xᵇ (see `power_below`).
#[inline(always)]
fn scaled_power_below<V: Real>(c: V, p: V, v: V, b: V) -> V {
    if float_quotient(p.to_float(), v.to_float()).is_none() {
        let cp = nan_safe_mul(c, p);
        if p.is_normal_value() && v != zero() && cp.is_normal_value() {
            return cp / v;
        }
    }
    nan_safe_mul(c, power_below(p, v, b))
}

// g(x, y) = xʸ:
// g_x = y xʸ⁻¹, g_y = xʸ ln x, g_xx = y(y−1) xʸ⁻², g_xy = xʸ⁻¹(1 + y ln x), g_yy = xʸ ln²x
// g_xxx = y(y−1)(y−2) xʸ⁻³, g_xxy = xʸ⁻²(2y − 1 + y(y−1) ln x), g_xyy = xʸ⁻¹ ln x (2 + y ln x), g_yyy = xʸ ln³x
// A constant exponent (every derivative part of y zero, at every level of
// nesting) is `powf`, so that x⁰ and x¹ keep their exact derivatives at
// x = 0 (where ln x = −∞). At x = 0 the products go by the zero rule, which
// gives the limits x → 0⁺: xʸ ln x → 0 and xʸ ln²x → 0 for y > 0.
#[inline(always)]
pub(crate) fn pow<D: Chain + Real>(x: D, y: D) -> D {
    if is_constant(&y) {
        return powf(x, y.re());
    }
    let (v, w) = (x.re(), y.re());
    let f = v.powf(w);
    let ln_v = v.ln();
    let (w1, w2) = (w - one(), w - lit::<D::Value>(2.0));
    let p1 = power_below(f, v, w1);
    let f_ln_v = nan_safe_mul(f, ln_v);
    x.chain2_3(
        y,
        f,
        [scaled_power_below(w, f, v, w1), f_ln_v],
        [
            scaled_power_below(w * w1, p1, v, w2),
            scaled_power_below(one::<D::Value>() + nan_safe_mul(w, ln_v), f, v, w1),
            nan_safe_mul(f_ln_v, ln_v),
        ],
        || {
            let two = lit::<D::Value>(2.0);
            let p2 = power_below(p1, v, w2);
            [
                scaled_power_below(w * w1 * w2, p2, v, w - lit::<D::Value>(3.0)),
                scaled_power_below(w + w1 + nan_safe_mul(w * w1, ln_v), p1, v, w2),
                scaled_power_below(nan_safe_mul(ln_v, two + nan_safe_mul(w, ln_v)), f, v, w1),
                nan_safe_mul(nan_safe_mul(f_ln_v, ln_v), ln_v),
            ]
        },
    )
}

// ------------------------------------------------------ exponentials, logs

// d/dx eˣ = eˣ, d²/dx² = eˣ, d³/dx³ = eˣ
#[inline(always)]
pub(crate) fn exp<D: Chain>(x: D) -> D {
    let f = x.re().exp();
    x.chain3(f, f, f, || f)
}

// d/dx 2ˣ = 2ˣ ln 2, d²/dx² = 2ˣ ln²2, d³/dx³ = 2ˣ ln³2
#[inline(always)]
pub(crate) fn exp2<D: Chain>(x: D) -> D {
    let f = x.re().exp2();
    let df = f * D::Value::ln_2();
    let d2f = df * D::Value::ln_2();
    x.chain3(f, df, d2f, || d2f * D::Value::ln_2())
}

// d/dx (eˣ − 1) = eˣ, d²/dx² = eˣ, d³/dx³ = eˣ
#[inline(always)]
pub(crate) fn exp_m1<D: Chain>(x: D) -> D {
    let v = x.re();
    let e = v.exp();
    x.chain3(v.exp_m1(), e, e, || e)
}

// d/dx ln x = 1/x, d²/dx² = −1/x², d³/dx³ = 2/x³
#[inline(always)]
pub(crate) fn ln<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = without_negative_zero(v).recip();
    x.chain3(v.ln(), df, -(df * df), || {
        df * df * df * lit::<D::Value>(2.0)
    })
}

// d/dx ln(1 + x) = 1/(1 + x), d²/dx² = −1/(1 + x)², d³/dx³ = 2/(1 + x)³
#[inline(always)]
pub(crate) fn ln_1p<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v + one()).recip();
    x.chain3(v.ln_1p(), df, -(df * df), || {
        df * df * df * lit::<D::Value>(2.0)
    })
}

// d/dx log_b x = 1/(x ln b), d²/dx² = −1/(x² ln b); a base with
// derivative parts of its own (nested types) is ln x / ln b
// d³/dx³ = 2/(x³ ln b) = −2f″/x
#[inline(always)]
pub(crate) fn log<D: Chain + Real>(x: D, base: D::Value) -> D {
    if !is_constant(&base) {
        return log_number(x, constant_like(x, base));
    }
    let v = without_negative_zero(x.re());
    let df = (v * base.ln()).recip();
    x.chain3(x.re().log(base), df, -df / v, || {
        df * lit::<D::Value>(2.0) / v / v
    })
}

// g(x, y) = log_y x = L/M with L = ln x, M = ln y. Where x and y are in
// [1e-150, 1e150] (and at NaN) the composition ln x / ln y, which cancels
// exactly where it should (log_x x has zero derivatives) and is what every
// nesting computes; outside, where ln″ = −1/x² or −1/y² overflows or goes
// subnormal although the partials are normal, one function of two
// arguments, each partial a product of 1/x, 1/y, 1/M (the factors the
// composition multiplies, by the zero rule, so that at y = 0, 1 the parts
// are the composition's) taken in an order that stays in range:
// g_x = 1/(xM), g_y = −g/(yM), g_xx = −1/(x²M), g_xy = −1/(xyM²),
// g_yy = g (2 + M)/(y²M²) with c = (2 + M)/M (1 at M = ±∞)
// g_xxx = 2/(x³M), g_xxy = 1/(x²yM²), g_xyy = c/(xy²M²),
// g_yyy = −2g(M² + 3M + 3)/(y³M³)
#[inline(always)]
pub(crate) fn log_number<D: Chain + Real>(x: D, y: D) -> D {
    let in_range = |v: D::Value| {
        let a = v.abs();
        !(a < lit::<D::Value>(1e-150) || a > lit::<D::Value>(1e150))
    };
    if in_range(x.re()) && in_range(y.re()) {
        return div(ln(x), ln(y));
    }
    let (u, w) = (without_negative_zero(x.re()), without_negative_zero(y.re()));
    let m = w.ln();
    // a nested number's value by its own log (this function one level
    // in), not as ln x / ln y, whose derivative parts hold ln″ = −1/y²
    // (∞ at y = 7.6e-156, where ∂²/∂y² log_y x is 9.3e304)
    let f = if is_float::<D::Value>() {
        x.re().ln() / m
    } else {
        ComplexField::log(x.re(), y.re())
    };
    let (a, b, k) = (u.recip(), w.recip(), m.recip());
    let two = lit::<D::Value>(2.0);
    let c = if m.is_finite() { (two + m) / m } else { one() };
    // the first partials by division where x, y and M are normal (fewer
    // roundings than through the reciprocals; u·M overflows only where
    // 1/(uM) is beyond range anyway, or nearly)
    let regular = is_normal(u) && is_normal(w) && is_normal(m);
    let (g_x, g_y) = if regular {
        let um = u * m;
        let g_x = if is_normal(um) { um.recip() } else { a / m };
        (g_x, -((f / w) / m))
    } else {
        (product_in_range([a, k]), -product_in_range([f, k, b]))
    };
    x.chain2_3(
        y,
        f,
        [g_x, g_y],
        [
            -product_in_range([a, a, k]),
            -product_in_range([a, b, k, k]),
            product_in_range([f, k, b, b, c]),
        ],
        || {
            let three = lit::<D::Value>(3.0);
            [
                product_in_range([a, a, a, k]) * two,
                product_in_range([a, a, b, k, k]),
                product_in_range([a, b, b, k, k, c]),
                -product_in_range([f, k, k, k, b, b, b, m * m + m * three + three]) * two,
            ]
        },
    )
}

/// `true` if the innermost value of `v` is a normal float.
#[inline(always)]
fn is_normal<V: Real>(v: V) -> bool {
    v.is_normal_value()
}

/// The product of `factors` by the zero rule, in an order that keeps the
/// running product near 1 (above 1 the smallest factor left comes next,
/// below it the largest), so that it over- or underflows only if the
/// result does, or nearly.
#[inline]
fn product_in_range<V: Real, const K: usize>(factors: [V; K]) -> V {
    let mut used = [false; K];
    let mut product = one::<V>();
    for _ in 0..K {
        let big = product.abs() >= one();
        let mut next: Option<usize> = None;
        for (i, f) in factors.iter().enumerate() {
            if used[i] {
                continue;
            }
            let better = match next {
                None => true,
                Some(j) if big => f.abs() < factors[j].abs(),
                Some(j) => f.abs() > factors[j].abs(),
            };
            if better {
                next = Some(i);
            }
        }
        if let Some(i) = next {
            used[i] = true;
            product = nan_safe_mul(product, factors[i]);
        }
    }
    product
}

// d/dx log₂ x = 1/(x ln 2), d²/dx² = −1/(x² ln 2), d³/dx³ = 2/(x³ ln 2)
#[inline(always)]
pub(crate) fn log2<D: Chain>(x: D) -> D {
    let v = without_negative_zero(x.re());
    let df = (v * D::Value::ln_2()).recip();
    x.chain3(x.re().log2(), df, -df / v, || {
        df * lit::<D::Value>(2.0) / v / v
    })
}

// d/dx log₁₀ x = 1/(x ln 10), d²/dx² = −1/(x² ln 10), d³/dx³ = 2/(x³ ln 10)
#[inline(always)]
pub(crate) fn log10<D: Chain>(x: D) -> D {
    let v = without_negative_zero(x.re());
    let df = (v * D::Value::ln_10()).recip();
    x.chain3(x.re().log10(), df, -df / v, || {
        df * lit::<D::Value>(2.0) / v / v
    })
}

// ---------------------------------------------------------- trigonometry

// d/dx sin x = cos x, d²/dx² = −sin x, d³/dx³ = −cos x
#[inline(always)]
pub(crate) fn sin<D: Chain>(x: D) -> D {
    let (s, c) = x.re().sin_cos();
    x.chain3(s, c, -s, || -c)
}

// d/dx cos x = −sin x, d²/dx² = −cos x, d³/dx³ = sin x
#[inline(always)]
pub(crate) fn cos<D: Chain>(x: D) -> D {
    let (s, c) = x.re().sin_cos();
    x.chain3(c, -s, -c, || s)
}

// Both of the above from one sin_cos of the value part.
#[inline(always)]
pub(crate) fn sin_cos<D: Chain>(x: D) -> (D, D) {
    let (s, c) = x.re().sin_cos();
    (x.chain3(s, c, -s, || -c), x.chain3(c, -s, -c, || s))
}

// d/dx tan x = 1 + tan²x, d²/dx² = 2 tan x (1 + tan²x), d³/dx³ = 2f′(1 + 3 tan²x)
#[inline(always)]
pub(crate) fn tan<D: Chain>(x: D) -> D {
    let f = x.re().tan();
    let df = f * f + one();
    x.chain3(f, df, f * df * lit::<D::Value>(2.0), || {
        df * (f * f * lit::<D::Value>(3.0) + one()) * lit::<D::Value>(2.0)
    })
}

/// 1 − x² as (1 − x)(1 + x): near ±1 the factor 1 ∓ x is exact (Sterbenz),
/// where 1 − x·x would cancel the rounding error of x·x.
#[inline(always)]
fn one_minus_square<V: Real>(v: V) -> V {
    (one::<V>() - v) * (one::<V>() + v)
}

// d/dx asin x = 1/√(1 − x²), d²/dx² = x/(1 − x²)^{3/2} = x f′³
// d³/dx³ = (1 + 2x²)/(1 − x²)^{5/2} = (1 + 2x²) f′⁵
#[inline(always)]
pub(crate) fn asin<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = one_minus_square(v).sqrt().recip();
    x.chain3(v.asin(), df, v * df * df * df, || {
        (v * v * lit::<D::Value>(2.0) + one()) * (df * df) * (df * df) * df
    })
}

// d/dx acos x = −1/√(1 − x²), d²/dx² = −x/(1 − x²)^{3/2} = x f′³
// d³/dx³ = −(1 + 2x²)/(1 − x²)^{5/2} = (1 + 2x²) f′⁵
#[inline(always)]
pub(crate) fn acos<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = -one_minus_square(v).sqrt().recip();
    x.chain3(v.acos(), df, v * df * df * df, || {
        (v * v * lit::<D::Value>(2.0) + one()) * (df * df) * (df * df) * df
    })
}

// d/dx atan x = 1/(1 + x²), d²/dx² = −2x/(1 + x²)² = −2 (x f′) f′: x f′ is
// formed first, so that f″ does not underflow for large |x| where f′² would;
// d³/dx³ = (6x² − 2)/(1 + x²)³ = f′ (6 (x f′)² − 2 f′²), for the same reason;
// x f′ by the zero rule, its limit 0 at x = ±∞ (where f′ = 0)
#[inline(always)]
pub(crate) fn atan<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v * v + one()).recip();
    let x_df = nan_safe_mul(v, df);
    x.chain3(v.atan(), df, -(x_df * df * lit::<D::Value>(2.0)), || {
        df * (x_df * x_df * lit::<D::Value>(6.0) - df * df * lit::<D::Value>(2.0))
    })
}

// g(y, x) = atan2(y, x), r² = x² + y²:
// g_y = x/r², g_x = −y/r², g_yy = −2xy/r⁴, g_yx = (y² − x²)/r⁴, g_xx = 2xy/r⁴
// Where r² is in [1e-150, 1e150] these are evaluated from x/r² and y/r²,
// with y² − x² = (y − x)(y + x) (no cancellation near |x| = |y|). Outside, r² or r⁴ would overflow or underflow where the
// results do not, so they are evaluated from r = hypot(x, y) and the unit
// vector (x/r, y/r), dividing by r once per power: g_y = (x/r)/r,
// g_yy = −2 (x/r)(y/r)/r/r.
// Third partials (atan2 = Im log(x + iy), ∂³ log z = 2iᵇ/z³ for b derivatives
// in y, and 1/z³ = (cos 3θ − i sin 3θ)/r³): g_yyy = −2 cos 3θ/r³,
// g_yyx = 2 sin 3θ/r³, g_yxx = 2 cos 3θ/r³, g_xxx = −2 sin 3θ/r³, with
// cos 3θ = c(c² − 3s²), sin 3θ = s(3c² − s²) for c = x/r, s = y/r.
#[inline(always)]
pub(crate) fn atan2<D: Chain>(y: D, x: D) -> D {
    let (a, b) = (y.re(), x.re());
    let two = lit::<D::Value>(2.0);
    let r2 = a * a + b * b;
    let (d, d2) = if r2 >= lit(1e-150) && r2 <= lit(1e150) {
        // (x/r²)(y/r²): the product xy alone could underflow
        let (sin, cos) = (a / r2, b / r2);
        let two_sin_cos = sin * cos * two;
        (
            [cos, -sin],
            [-two_sin_cos, ((a - b) / r2) * ((a + b) / r2), two_sin_cos],
        )
    } else {
        let r = a.hypot(b);
        let (sin, cos) = (a / r, b / r);
        let two_sin_cos = sin * cos * two;
        let difference = ((a - b) / r) * ((a + b) / r);
        (
            [cos / r, -sin / r],
            [
                -two_sin_cos / r / r,
                difference / r / r,
                two_sin_cos / r / r,
            ],
        )
    };
    y.chain2_3(x, a.atan2(b), d, d2, || {
        let (r, three) = (a.hypot(b), lit::<D::Value>(3.0));
        let (sin, cos) = (a / r, b / r);
        let two_cos_3 = cos * (cos * cos - sin * sin * three) * two / r / r / r;
        let two_sin_3 = sin * (cos * cos * three - sin * sin) * two / r / r / r;
        [-two_cos_3, two_sin_3, two_cos_3, -two_sin_3]
    })
}

/// The Taylor series of sinc′ and sinc″ (`sign` = −1) or sinhc′ and
/// sinhc″ (`sign` = +1) at 0, to the term in x²⁶:
/// f′ = x Σₖ₌₁ sᵏ 2k x²⁽ᵏ⁻¹⁾/(2k+1)!, f″ = Σₖ₌₁ sᵏ 2k(2k−1) x²⁽ᵏ⁻¹⁾/(2k+1)!.
/// The first omitted term is below 2⁻⁵⁴ of the sum where the series is used
/// (|x| < 1 for sinc, |x| < 2 for sinhc).
#[inline(always)]
fn sinc_series<V: Real>(v: V, sign: f64) -> (V, V) {
    const TERMS: u32 = 14;
    let z = v * v;
    let (mut d1, mut d2) = (zero::<V>(), zero::<V>());
    // Horner from the highest term: (2k+1)! as a float is exact enough
    // (relative error below 2⁻⁵³) for every k here.
    for k in (1..=TERMS).rev() {
        let factorial: f64 = (1..=2 * k + 1).map(f64::from).product();
        let signed = if k % 2 == 1 { sign } else { 1.0 };
        let k = f64::from(k);
        d1 = d1 * z + lit::<V>(signed * 2.0 * k / factorial);
        d2 = d2 * z + lit::<V>(signed * 2.0 * k * (2.0 * k - 1.0) / factorial);
    }
    (v * d1, d2)
}

/// The Taylor series of sinc‴ (`sign` = −1) or sinhc‴ (`sign` = +1) at 0,
/// as `sinc_series`: f‴ = x Σₖ₌₂ sᵏ 2k(2k−1)(2k−2) x²⁽ᵏ⁻²⁾/(2k+1)!.
#[inline(always)]
fn sinc_series_third<V: Real>(v: V, sign: f64) -> V {
    const TERMS: u32 = 14;
    let z = v * v;
    let mut d3 = zero::<V>();
    for k in (2..=TERMS).rev() {
        let factorial: f64 = (1..=2 * k + 1).map(f64::from).product();
        let signed = if k % 2 == 1 { sign } else { 1.0 };
        let k = f64::from(k);
        d3 = d3 * z + lit::<V>(signed * 2.0 * k * (2.0 * k - 1.0) * (2.0 * k - 2.0) / factorial);
    }
    v * d3
}

/// f‴ of f(x) = s(x)/x from c = s′(x) and f″ (x f = s differentiated three
/// times: 3f″ + x f‴ = s‴ = sign·c): f‴ = (sign·c − 3f″)/x.
#[inline(always)]
fn sinc_quotient_third<V: Real>(v: V, c: V, d2f: V, sign: f64) -> V {
    (c * lit::<V>(sign) - d2f * lit::<V>(3.0)) / v
}

/// f′ and f″ of f(x) = s(x)/x from f and c = s′(x), for sinc (s = sin,
/// `sign` = −1, s″ = −s) and sinhc (s = sinh, `sign` = +1, s″ = s):
/// f′ = (c − f)/x, f″ = sign·f − 2f′/x.
#[inline(always)]
fn sinc_quotient<V: Real>(v: V, f: V, c: V, sign: f64) -> (V, V) {
    let df = (c - f) / v;
    (df, f * lit::<V>(sign) - df * lit::<V>(2.0) / v)
}

// sinc x = sin x / x (1 at 0, as f64's): f′ = (cos x − sinc x)/x,
// f″ = −sinc x − 2f′/x. The quotients cancel near 0 (error ≈ ε/x⁴ in f″),
// so below |x| = 1 f′ and f″ come from their Taylor series; both branches
// are within 2ε of the envelope min(1, 1/|x|) of the derivatives.
#[inline(always)]
pub(crate) fn sinc<D: Chain>(x: D) -> D {
    let v = x.re();
    let (df, d2f) = if v.abs() < one() {
        sinc_series(v, -1.0)
    } else {
        sinc_quotient(v, v.sinc(), v.cos(), -1.0)
    };
    // f‴ by the series below |x| = 1, else (−cos x − 3f″)/x
    x.chain3(v.sinc(), df, d2f, || {
        if v.abs() < one() {
            sinc_series_third(v, -1.0)
        } else {
            sinc_quotient_third(v, v.cos(), d2f, -1.0)
        }
    })
}

// ------------------------------------------------------------ hyperbolic

// d/dx sinh x = cosh x, d²/dx² = sinh x, d³/dx³ = cosh x
#[inline(always)]
pub(crate) fn sinh<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.sinh();
    let c = v.cosh();
    x.chain3(f, c, f, || c)
}

// d/dx cosh x = sinh x, d²/dx² = cosh x, d³/dx³ = sinh x
#[inline(always)]
pub(crate) fn cosh<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.cosh();
    let s = v.sinh();
    x.chain3(f, s, f, || s)
}

// sinhc x = sinh x / x (1 at 0, as f64's): f′ = (cosh x − sinhc x)/x,
// f″ = sinhc x − 2f′/x; below |x| = 2 from their Taylor series (the
// quotients cancel near 0). Both branches are within 4 ulps.
#[inline(always)]
pub(crate) fn sinhc<D: Chain>(x: D) -> D {
    let v = x.re();
    let (df, d2f) = if v.abs() < lit::<D::Value>(2.0) {
        sinc_series(v, 1.0)
    } else {
        sinc_quotient(v, v.sinhc(), v.cosh(), 1.0)
    };
    // f‴ by the series below |x| = 2, else (cosh x − 3f″)/x
    x.chain3(v.sinhc(), df, d2f, || {
        if v.abs() < lit::<D::Value>(2.0) {
            sinc_series_third(v, 1.0)
        } else {
            sinc_quotient_third(v, v.cosh(), d2f, 1.0)
        }
    })
}

// d/dx tanh x = 1 − tanh²x = 1/cosh²x = 4u/(1 + u)² with u = e^(−2|x|),
// d²/dx² = −2 tanh x · f′. As 4(u/(1 + u))/(1 + u), f′ keeps its relative
// accuracy for large |x|, where 1 − tanh²x is 0 (beyond |x| ≈ 19) long
// before the true value underflows, and stays within about 3 ulps
// everywhere ((1/cosh x)² measured up to 4.7).
// d³/dx³ = −2f′² + 4 tanh²x f′ = f′ (4 tanh²x − 2f′)
#[inline(always)]
pub(crate) fn tanh<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.tanh();
    let u = (v.abs() * lit::<D::Value>(-2.0)).exp();
    let w = u + one();
    let df = u / w / w * lit::<D::Value>(4.0);
    x.chain3(f, df, -(f * df * lit::<D::Value>(2.0)), || {
        df * (f * f * lit::<D::Value>(4.0) - df * lit::<D::Value>(2.0))
    })
}

// d/dx asinh x = 1/√(x² + 1) = 1/hypot(x, 1), d²/dx² = −x/(x² + 1)^{3/2}
// = −(x f′) f′ f′: neither overflows for large |x| (x² would beyond 1e154);
// d³/dx³ = (2x² − 1)/(x² + 1)^{5/2} = f′³ (2 (x f′)² − f′²)
#[inline(always)]
pub(crate) fn asinh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = v.hypot(one()).recip();
    // x f′ by the zero rule: its limit 0 at x = ±∞, where f′ = 0
    let x_df = nan_safe_mul(v, df);
    x.chain3(v.asinh(), df, -(x_df * df * df), || {
        df * df * df * (x_df * x_df * lit::<D::Value>(2.0) - df * df)
    })
}

// d/dx acosh x = 1/√(x² − 1) = 1/(√(x − 1) √(x + 1)), d²/dx² = −x/(x² − 1)^{3/2}
// = −(x f′) f′ f′: x − 1 is exact near 1 (no cancellation), and no square
// overflows for large x; d³/dx³ = (2x² + 1)/(x² − 1)^{5/2} = f′³ (2 (x f′)² + f′²)
#[inline(always)]
pub(crate) fn acosh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = ((v - one()).sqrt() * (v + one()).sqrt()).recip();
    // x f′ by the zero rule: its limit 0 at x = ±∞, where f′ = 0
    let x_df = nan_safe_mul(v, df);
    x.chain3(v.acosh(), df, -(x_df * df * df), || {
        df * df * df * (x_df * x_df * lit::<D::Value>(2.0) + df * df)
    })
}

// d/dx atanh x = 1/(1 − x²) = 1/((1 − x)(1 + x)), d²/dx² = 2x/(1 − x²)² = 2 (x f′) f′
// d³/dx³ = (2 + 6x²)/(1 − x²)³ = f′³ (2 + 6x²)
#[inline(always)]
pub(crate) fn atanh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = one_minus_square(v).recip();
    x.chain3(v.atanh(), df, v * df * df * lit::<D::Value>(2.0), || {
        df * df * df * (v * v * lit::<D::Value>(6.0) + lit::<D::Value>(2.0))
    })
}

// ---------------------------------------------- piecewise and two-argument

// d/dx |x| = sign x, with +1 at ±0 (the branch x ≥ 0 is taken); d²/dx² = d³/dx³ = 0
#[inline(always)]
pub(crate) fn abs<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = if v < zero() {
        -one::<D::Value>()
    } else {
        one()
    };
    x.chain3(v.abs(), df, zero(), zero)
}

// signum, floor, ceil, round, trunc are piecewise constant: f′ = f″ = f‴ = 0
#[inline(always)]
pub(crate) fn piecewise_constant<D: Chain>(x: D, f: D::Value) -> D {
    x.chain3(f, zero(), zero(), zero)
}

// d/dx fract x = 1 (x − trunc x), d²/dx² = d³/dx³ = 0
#[inline(always)]
pub(crate) fn fract<D: Chain>(x: D) -> D {
    x.chain3(x.re().fract(), one(), zero(), zero)
}

// g(x, y) = √(x² + y²): g_x = x/g, g_y = y/g, g_xx = y²/g³, g_xy = −xy/g³, g_yy = x²/g³,
// evaluated from the unit vector (x/g, y/g): g_xx = (y/g)·((y/g)/g), so nothing
// overflows or underflows where the result does not; with c = x/g, s = y/g:
// g_xxx = −3cs²/g², g_xxy = s(2c² − s²)/g², g_xyy = c(2s² − c²)/g², g_yyy = −3c²s/g²
#[inline(always)]
pub(crate) fn hypot<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    let h = a.hypot(b);
    let (cos, sin) = (a / h, b / h);
    // (y/g)·((y/g)/g): the square of a small y/g would underflow first
    x.chain2_3(
        y,
        h,
        [cos, sin],
        [sin * (sin / h), -(cos * (sin / h)), cos * (cos / h)],
        || {
            // the products of c and s first, then /g/g: a factor c or s of
            // exactly 0 then gives 0 where 1/g² overflows
            let (two, three) = (lit::<D::Value>(2.0), lit::<D::Value>(3.0));
            let (cc, ss) = (cos * cos, sin * sin);
            [
                -(cos * ss * three) / h / h,
                sin * (cc * two - ss) / h / h,
                cos * (ss * two - cc) / h / h,
                -(cc * sin * three) / h / h,
            ]
        },
    )
}

// g(x, y) = x / y: g_x = 1/y, g_y = −x/y², g_xx = 0, g_xy = −1/y², g_yy = 2x/y³
// g_xxx = g_xxy = 0, g_xyy = 2/y³, g_yyy = −6x/y⁴ = 6 g_y/y²
#[inline(always)]
pub(crate) fn div<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    let f = a / b;
    let inv = b.recip();
    let g_y = -f * inv;
    x.chain2_3(
        y,
        f,
        [inv, g_y],
        [zero(), -(inv * inv), -(g_y * inv * lit::<D::Value>(2.0))],
        || {
            let two = lit::<D::Value>(2.0);
            [
                zero(),
                zero(),
                inv * inv * inv * two,
                g_y * inv * inv * (two * lit::<D::Value>(3.0)),
            ]
        },
    )
}

// g(x, y) = x mod y = x − n·y with n = trunc(x/y) in exact arithmetic:
// g_x = 1, g_y = −n, second and third partials 0. The float x/y can round to an
// integer n + 1 that the exact quotient does not reach (1 % 0.1: x/y = 10,
// n = 9), so n is read off the remainder r actually returned: n = (x − r)/y,
// rounded to the nearest integer (x − r = n·y up to one rounding).
#[inline(always)]
pub(crate) fn rem<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    let r = a % b;
    let n = ((a - r) / b).round();
    x.chain2_3(y, r, [one(), -n], [zero(), zero(), zero()], || [zero(); 4])
}

// min and max take the derivatives of the argument they pick; the value is
// the float routine's, so NaN and signed-zero handling match f64. At a tie
// the first argument's derivatives are kept.
#[inline(always)]
pub(crate) fn min<D: Chain>(x: D, y: D) -> D {
    pick(x, y, x.re().min(y.re()))
}

#[inline(always)]
pub(crate) fn max<D: Chain>(x: D, y: D) -> D {
    pick(x, y, x.re().max(y.re()))
}

#[inline(always)]
fn pick<D: Chain>(x: D, y: D, m: D::Value) -> D {
    // m is NaN only when both arguments are
    let first = m == x.re() || m.partial_cmp(&m).is_none();
    if first {
        x.with_value(m)
    } else {
        y.with_value(m)
    }
}

// x·a + b with one rounding in the value part, as the float's mul_add
#[inline(always)]
pub(crate) fn mul_add<D: Chain>(x: D, a: D, b: D) -> D {
    (x * a + b).with_value(x.re().mul_add(a.re(), b.re()))
}

// copysign(x, s) = ±x: the derivatives of x, negated when the sign flips
#[inline(always)]
pub(crate) fn copysign<D: Chain>(x: D, sign: D::Value) -> D {
    let v = x.re();
    let f = v.copysign(sign);
    let flipped = f.is_sign_negative() != v.is_sign_negative();
    if flipped {
        (-x).with_value(f)
    } else {
        x.with_value(f)
    }
}
