//! The derivative table: every elementary function written once, as its
//! value f, first derivative f′ and second derivative f″ at the value part.
//!
//! Each number type implements [`Chain`], the one hook that applies such a
//! triple (or, for functions of two arguments, the value and the first and
//! second partial derivatives). Nothing here knows how a number type stores
//! its derivatives, and no number type repeats a formula from here.
//!
//! Conventions at points where a derivative is infinite or undefined are
//! documented in the crate docs ("Edge cases"); the hooks apply `0 · ∞ = 0`
//! to derivative parts that are exactly zero.

use core::ops::{Add, Mul, Neg};

use nalgebra::{ComplexField, RealField};

use crate::Real;

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
#[inline(always)]
pub(crate) fn sqrt<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.sqrt();
    let df = (without_negative_zero(f) * lit::<D::Value>(2.0)).recip();
    x.chain(
        f,
        df,
        -df / (without_negative_zero(v) * lit::<D::Value>(2.0)),
    )
}

// d/dx ∛x = 1/(3∛x²), d²/dx² = −2/(9 x ∛x²) = −2f′/(3x)
#[inline(always)]
pub(crate) fn cbrt<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.cbrt();
    let df = (f * f * lit::<D::Value>(3.0)).recip();
    x.chain(
        f,
        df,
        -(df * lit::<D::Value>(2.0)) / (v * lit::<D::Value>(3.0)),
    )
}

// d/dx 1/x = −1/x², d²/dx² = 2/x³
#[inline(always)]
pub(crate) fn recip<D: Chain>(x: D) -> D {
    let f = x.re().recip();
    let df = -(f * f);
    x.chain(f, df, -(df * f * lit::<D::Value>(2.0)))
}

// d/dx xⁿ = n xⁿ⁻¹, d²/dx² = n(n−1) xⁿ⁻²; x⁰ = 1 everywhere (also at 0),
// x¹ = x, and x² is the chain rule with (x·x, 2x, 2): the value is x·x
// exactly (as f64's powi(2)), and it costs less than the product x·x.
#[inline(always)]
pub(crate) fn powi<D: Chain>(x: D, n: i32) -> D {
    match n {
        0 => x.chain(one(), zero(), zero()),
        1 => x,
        2 => {
            let v = x.re();
            x.chain(v * v, v + v, lit::<D::Value>(2.0))
        }
        _ => {
            let v = x.re();
            let nf: D::Value = lit::<D::Value>(f64::from(n));
            // n − 1 and n − 2 overflow only near i32::MIN; there xⁿ⁻¹ = xⁿ/x
            let p1 = n
                .checked_sub(1)
                .map_or_else(|| v.powi(n) / v, |m| v.powi(m));
            let p2 = n.checked_sub(2).map_or_else(|| p1 / v, |m| v.powi(m));
            x.chain(v.powi(n), nf * p1, nf * (nf - one()) * p2)
        }
    }
}

// d/dx xᵃ = a xᵃ⁻¹, d²/dx² = a(a−1) xᵃ⁻²; x⁰ = 1 and x¹ = x exactly.
#[inline(always)]
pub(crate) fn powf<D: Chain>(x: D, a: D::Value) -> D {
    if a == zero() {
        return x.chain(one(), zero(), zero());
    }
    if a == one() {
        return x;
    }
    let v = x.re();
    x.chain(
        v.powf(a),
        a * v.powf(a - one()),
        a * (a - one()) * v.powf(a - lit::<D::Value>(2.0)),
    )
}

// g(x, y) = xʸ:
// g_x = y xʸ⁻¹, g_y = xʸ ln x, g_xx = y(y−1) xʸ⁻², g_xy = xʸ⁻¹(1 + y ln x), g_yy = xʸ ln²x
// A constant exponent (every derivative part of y zero) is `powf`, so that
// x⁰ and x¹ keep their exact derivatives at x = 0 (where ln x = −∞).
#[inline(always)]
pub(crate) fn pow<D: Chain + Real>(x: D, y: D) -> D {
    if y.with_value(zero()).is_exactly_zero() {
        return powf(x, y.re());
    }
    let (v, w) = (x.re(), y.re());
    let f = v.powf(w);
    let ln_v = v.ln();
    let p1 = v.powf(w - one());
    x.chain2(
        y,
        f,
        [w * p1, f * ln_v],
        [
            w * (w - one()) * v.powf(w - lit::<D::Value>(2.0)),
            p1 * (one::<D::Value>() + w * ln_v),
            f * ln_v * ln_v,
        ],
    )
}

// ------------------------------------------------------ exponentials, logs

// d/dx eˣ = eˣ, d²/dx² = eˣ
#[inline(always)]
pub(crate) fn exp<D: Chain>(x: D) -> D {
    let f = x.re().exp();
    x.chain(f, f, f)
}

// d/dx 2ˣ = 2ˣ ln 2, d²/dx² = 2ˣ ln²2
#[inline(always)]
pub(crate) fn exp2<D: Chain>(x: D) -> D {
    let f = x.re().exp2();
    let df = f * D::Value::ln_2();
    x.chain(f, df, df * D::Value::ln_2())
}

// d/dx (eˣ − 1) = eˣ, d²/dx² = eˣ
#[inline(always)]
pub(crate) fn exp_m1<D: Chain>(x: D) -> D {
    let v = x.re();
    let e = v.exp();
    x.chain(v.exp_m1(), e, e)
}

// d/dx ln x = 1/x, d²/dx² = −1/x²
#[inline(always)]
pub(crate) fn ln<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = without_negative_zero(v).recip();
    x.chain(v.ln(), df, -(df * df))
}

// d/dx ln(1 + x) = 1/(1 + x), d²/dx² = −1/(1 + x)²
#[inline(always)]
pub(crate) fn ln_1p<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v + one()).recip();
    x.chain(v.ln_1p(), df, -(df * df))
}

// d/dx log_b x = 1/(x ln b), d²/dx² = −1/(x² ln b)
#[inline(always)]
pub(crate) fn log<D: Chain>(x: D, base: D::Value) -> D {
    let v = without_negative_zero(x.re());
    let df = (v * base.ln()).recip();
    x.chain(x.re().log(base), df, -df / v)
}

// d/dx log₂ x = 1/(x ln 2), d²/dx² = −1/(x² ln 2)
#[inline(always)]
pub(crate) fn log2<D: Chain>(x: D) -> D {
    let v = without_negative_zero(x.re());
    let df = (v * D::Value::ln_2()).recip();
    x.chain(x.re().log2(), df, -df / v)
}

// d/dx log₁₀ x = 1/(x ln 10), d²/dx² = −1/(x² ln 10)
#[inline(always)]
pub(crate) fn log10<D: Chain>(x: D) -> D {
    let v = without_negative_zero(x.re());
    let df = (v * D::Value::ln_10()).recip();
    x.chain(x.re().log10(), df, -df / v)
}

// ---------------------------------------------------------- trigonometry

// d/dx sin x = cos x, d²/dx² = −sin x
#[inline(always)]
pub(crate) fn sin<D: Chain>(x: D) -> D {
    let (s, c) = x.re().sin_cos();
    x.chain(s, c, -s)
}

// d/dx cos x = −sin x, d²/dx² = −cos x
#[inline(always)]
pub(crate) fn cos<D: Chain>(x: D) -> D {
    let (s, c) = x.re().sin_cos();
    x.chain(c, -s, -c)
}

// Both of the above from one sin_cos of the value part.
#[inline(always)]
pub(crate) fn sin_cos<D: Chain>(x: D) -> (D, D) {
    let (s, c) = x.re().sin_cos();
    (x.chain(s, c, -s), x.chain(c, -s, -c))
}

// d/dx tan x = 1 + tan²x, d²/dx² = 2 tan x (1 + tan²x)
#[inline(always)]
pub(crate) fn tan<D: Chain>(x: D) -> D {
    let f = x.re().tan();
    let df = f * f + one();
    x.chain(f, df, f * df * lit::<D::Value>(2.0))
}

// d/dx asin x = 1/√(1 − x²), d²/dx² = x/(1 − x²)^{3/2}
#[inline(always)]
pub(crate) fn asin<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (one::<D::Value>() - v * v).sqrt().recip();
    x.chain(v.asin(), df, v * df * df * df)
}

// d/dx acos x = −1/√(1 − x²), d²/dx² = −x/(1 − x²)^{3/2}
#[inline(always)]
pub(crate) fn acos<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = -(one::<D::Value>() - v * v).sqrt().recip();
    x.chain(v.acos(), df, v * df * df * df)
}

// d/dx atan x = 1/(1 + x²), d²/dx² = −2x/(1 + x²)²
#[inline(always)]
pub(crate) fn atan<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v * v + one()).recip();
    x.chain(v.atan(), df, -(v * df * df * lit::<D::Value>(2.0)))
}

// g(y, x) = atan2(y, x), r² = x² + y²:
// g_y = x/r², g_x = −y/r², g_yy = −2xy/r⁴, g_yx = (y² − x²)/r⁴, g_xx = 2xy/r⁴
#[inline(always)]
pub(crate) fn atan2<D: Chain>(y: D, x: D) -> D {
    let (a, b) = (y.re(), x.re());
    let r2 = a * a + b * b;
    let r4 = r2 * r2;
    let two_ab = a * b * lit::<D::Value>(2.0);
    y.chain2(
        x,
        a.atan2(b),
        [b / r2, -a / r2],
        [-two_ab / r4, (a * a - b * b) / r4, two_ab / r4],
    )
}

// sinc x = sin x / x, through the quotient rule away from 0; at 0 its limit:
// f = 1, f′ = 0, f″ = −1/3
#[inline(always)]
pub(crate) fn sinc<D: Chain>(x: D) -> D {
    if x.re() == zero() {
        x.chain(one(), zero(), -lit::<D::Value>(3.0).recip())
    } else {
        div(sin(x), x)
    }
}

// ------------------------------------------------------------ hyperbolic

// d/dx sinh x = cosh x, d²/dx² = sinh x
#[inline(always)]
pub(crate) fn sinh<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.sinh();
    x.chain(f, v.cosh(), f)
}

// d/dx cosh x = sinh x, d²/dx² = cosh x
#[inline(always)]
pub(crate) fn cosh<D: Chain>(x: D) -> D {
    let v = x.re();
    let f = v.cosh();
    x.chain(f, v.sinh(), f)
}

// sinhc x = sinh x / x, through the quotient rule away from 0; at 0 its
// limit: f = 1, f′ = 0, f″ = +1/3
#[inline(always)]
pub(crate) fn sinhc<D: Chain>(x: D) -> D {
    if x.re() == zero() {
        x.chain(one(), zero(), lit::<D::Value>(3.0).recip())
    } else {
        div(sinh(x), x)
    }
}

// d/dx tanh x = 1 − tanh²x, d²/dx² = −2 tanh x (1 − tanh²x)
#[inline(always)]
pub(crate) fn tanh<D: Chain>(x: D) -> D {
    let f = x.re().tanh();
    let df = one::<D::Value>() - f * f;
    x.chain(f, df, -(f * df * lit::<D::Value>(2.0)))
}

// d/dx asinh x = 1/√(x² + 1), d²/dx² = −x/(x² + 1)^{3/2}
#[inline(always)]
pub(crate) fn asinh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v * v + one()).sqrt().recip();
    x.chain(v.asinh(), df, -(v * df * df * df))
}

// d/dx acosh x = 1/√(x² − 1), d²/dx² = −x/(x² − 1)^{3/2}
#[inline(always)]
pub(crate) fn acosh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (v * v - one()).sqrt().recip();
    x.chain(v.acosh(), df, -(v * df * df * df))
}

// d/dx atanh x = 1/(1 − x²), d²/dx² = 2x/(1 − x²)²
#[inline(always)]
pub(crate) fn atanh<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = (one::<D::Value>() - v * v).recip();
    x.chain(v.atanh(), df, v * df * df * lit::<D::Value>(2.0))
}

// ---------------------------------------------- piecewise and two-argument

// d/dx |x| = sign x, with +1 at ±0 (the branch x ≥ 0 is taken); d²/dx² = 0
#[inline(always)]
pub(crate) fn abs<D: Chain>(x: D) -> D {
    let v = x.re();
    let df = if v < zero() {
        -one::<D::Value>()
    } else {
        one()
    };
    x.chain(v.abs(), df, zero())
}

// signum, floor, ceil, round, trunc are piecewise constant: f′ = f″ = 0
#[inline(always)]
pub(crate) fn piecewise_constant<D: Chain>(x: D, f: D::Value) -> D {
    x.chain(f, zero(), zero())
}

// d/dx fract x = 1 (x − trunc x), d²/dx² = 0
#[inline(always)]
pub(crate) fn fract<D: Chain>(x: D) -> D {
    x.chain(x.re().fract(), one(), zero())
}

// g(x, y) = √(x² + y²): g_x = x/g, g_y = y/g, g_xx = y²/g³, g_xy = −xy/g³, g_yy = x²/g³
#[inline(always)]
pub(crate) fn hypot<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    let h = a.hypot(b);
    let h3 = h * h * h;
    x.chain2(
        y,
        h,
        [a / h, b / h],
        [b * b / h3, -(a * b) / h3, a * a / h3],
    )
}

// g(x, y) = x / y: g_x = 1/y, g_y = −x/y², g_xx = 0, g_xy = −1/y², g_yy = 2x/y³
#[inline(always)]
pub(crate) fn div<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    let f = a / b;
    let inv = b.recip();
    let g_y = -f * inv;
    x.chain2(
        y,
        f,
        [inv, g_y],
        [zero(), -(inv * inv), -(g_y * inv * lit::<D::Value>(2.0))],
    )
}

// g(x, y) = x mod y = x − trunc(x/y)·y: g_x = 1, g_y = −trunc(x/y), second partials 0
#[inline(always)]
pub(crate) fn rem<D: Chain>(x: D, y: D) -> D {
    let (a, b) = (x.re(), y.re());
    x.chain2(
        y,
        a % b,
        [one(), -(a / b).trunc()],
        [zero(), zero(), zero()],
    )
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
