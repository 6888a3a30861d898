//! The reference: the program evaluated in 160-bit arithmetic on
//! second-order jets (value, gradient, full Hessian), with each function's
//! f, f′, f″ written here from its definition, independently of
//! monodual's table.
//!
//! The reference answers only where the derivatives exist and its own
//! branch decisions are the f64 program's: every value finite, every
//! argument strictly inside its function's domain, and no argument of a
//! piecewise function (abs, floor, %, min, …) at or near a kink unless
//! that argument is an f64 number exactly (then f64 decides the branch as
//! the reference does), no intermediate f64 value subnormal or
//! underflowed to 0 unless exact, and no f64 function value more than 16 ε
//! off at an exact argument (std's atanh near ±1 is 1% off: 0.5·ln_1p(2x/(1 − x))).
//! Elsewhere it returns `None`.

use super::bigfloat::B;
use super::eval;
use super::program::{Binary, Expr, Unary};

/// Value, gradient and Hessian (n × n, row-major) in high precision.
#[derive(Clone, Debug)]
pub struct Jet {
    pub v: B,
    pub g: Vec<B>,
    pub h: Vec<B>,
}

impl Jet {
    fn constant(v: B, n: usize) -> Jet {
        Jet {
            v,
            g: vec![B::int(0); n],
            h: vec![B::int(0); n * n],
        }
    }

    fn variable(v: B, i: usize, n: usize) -> Jet {
        let mut jet = Jet::constant(v, n);
        jet.g[i] = B::int(1);
        jet
    }

    fn n(&self) -> usize {
        self.g.len()
    }

    /// Every derivative part exactly zero.
    fn is_constant(&self) -> bool {
        self.g.iter().chain(&self.h).all(B::is_zero)
    }

    /// g(self) for g(v) = f, g′ = f1, g″ = f2:
    /// ∇ = f1 ∇u, H = f1 Hu + f2 ∇u ∇uᵀ
    fn chain(&self, f: B, f1: &B, f2: &B) -> Jet {
        let n = self.n();
        let g = self.g.iter().map(|d| f1 * d).collect();
        let h = (0..n * n)
            .map(|k| f1 * &self.h[k] + f2 * &self.g[k / n] * &self.g[k % n])
            .collect();
        Jet { v: f, g, h }
    }

    /// g(self, other) with first partials d = [g_u, g_w] and second
    /// partials d2 = [g_uu, g_uw, g_ww]
    fn chain2(&self, other: &Jet, f: B, d: [&B; 2], d2: [&B; 3]) -> Jet {
        let n = self.n();
        let (u, w) = (self, other);
        let g = (0..n).map(|i| d[0] * &u.g[i] + d[1] * &w.g[i]).collect();
        let h = (0..n * n)
            .map(|k| {
                let (i, j) = (k / n, k % n);
                d[0] * &u.h[k]
                    + d[1] * &w.h[k]
                    + d2[0] * &u.g[i] * &u.g[j]
                    + d2[1] * (&u.g[i] * &w.g[j] + &w.g[i] * &u.g[j])
                    + d2[2] * &w.g[i] * &w.g[j]
            })
            .collect();
        Jet { v: f, g, h }
    }

    fn add(&self, other: &Jet) -> Jet {
        self.chain2(
            other,
            &self.v + &other.v,
            [&B::int(1), &B::int(1)],
            [&B::int(0); 3],
        )
    }
    fn sub(&self, other: &Jet) -> Jet {
        self.chain2(
            other,
            &self.v - &other.v,
            [&B::int(1), &B::int(-1)],
            [&B::int(0); 3],
        )
    }
    fn mul(&self, other: &Jet) -> Jet {
        let zero = B::int(0);
        self.chain2(
            other,
            &self.v * &other.v,
            [&other.v, &self.v],
            [&zero, &B::int(1), &zero],
        )
    }
    fn div(&self, other: &Jet) -> Jet {
        // u/w: g_u = 1/w, g_w = −u/w², g_uu = 0, g_uw = −1/w², g_ww = 2u/w³
        let inv = other.v.recip();
        let f = &self.v * &inv;
        let g_w = -(&f * &inv);
        let g_uw = -(&inv * &inv);
        let g_ww = B::int(-2) * &g_w * &inv;
        self.chain2(other, f, [&inv, &g_w], [&B::int(0), &g_uw, &g_ww])
    }
    fn scale(&self, c: &B) -> Jet {
        self.chain(&self.v * c, c, &B::int(0))
    }
}

/// Why the reference declines a point.
pub type Declined = ();

/// Tolerance for "near a kink": a relative distance below which the f64
/// program's rounding could have taken the other branch.
fn near(u: &B, kink: &B) -> bool {
    let distance = (u - kink).abs();
    let scale = kink.abs() + B::int(1);
    !distance.gt(&(scale * B::from_f64(2f64.powi(-20))))
}

/// `u` is the f64 number `x`, exactly.
fn exact(u: &B, x: f64) -> bool {
    x.is_finite() && u.equals(&B::from_f64(x))
}

/// A kink at `kink` is harmless if `u` is exactly the f64 argument and not
/// at the kink (when `at_kink_ok` is false), or if it is far from it.
fn clear_of(u: &B, x: f64, kink: &B, at_kink_ok: bool) -> bool {
    if exact(u, x) {
        at_kink_ok || !u.equals(kink)
    } else {
        !near(u, kink)
    }
}

/// The nearest integer to u (ties either way: only used to find kinks).
fn nearest_integer(u: &B) -> B {
    (u + B::from_f64(0.5)).floor()
}

fn check(ok: bool) -> Result<(), Declined> {
    if ok { Ok(()) } else { Err(()) }
}

/// The reference result of `expr` at `point` (n = point.len() variables),
/// or `None` where it declines.
#[must_use]
pub fn evaluate(expr: &Expr, point: &[f64]) -> Option<Jet> {
    walk(expr, point, true).ok().map(|(jet, _)| jet)
}

/// The jet of a node and its f64 value (the program's own, for branch decisions).
fn walk(expr: &Expr, point: &[f64], root: bool) -> Result<(Jet, f64), Declined> {
    let n = point.len();
    let (jet, value) = match expr {
        Expr::Input(i) => (Jet::variable(B::from_f64(point[*i]), *i, n), point[*i]),
        Expr::Constant(c) => (Jet::constant(B::from_f64(*c), n), *c),
        Expr::Unary(op, a) => {
            let (u, x) = walk(a, point, false)?;
            let value = eval::unary(*op, x);
            let jet = unary(*op, &u, x, value)?;
            // where the argument is exact, the f64 function must be close to
            // the true one (std's atanh near ±1 is not) for the nodes that
            // use it: the reference compares derivatives, not the math
            // library's values
            if !root && exact(&u.v, x) && value.is_normal() {
                let error = (jet.v.to_f64() - value).abs();
                check(error <= 16.0 * value.abs() * f64::EPSILON)?;
            }
            (jet, value)
        }
        Expr::Binary(op, a, b) => {
            let (u, x) = walk(a, point, false)?;
            let (w, y) = walk(b, point, false)?;
            let value = eval::binary(*op, x, y);
            (binary(*op, &u, x, &w, y)?, value)
        }
        Expr::MulAdd(a, b, c) => {
            let (u, x) = walk(a, point, false)?;
            let (w, y) = walk(b, point, false)?;
            let (z, t) = walk(c, point, false)?;
            (u.mul(&w).add(&z), x.mul_add(y, t))
        }
    };
    let finite = jet.v.is_finite() && jet.g.iter().chain(&jet.h).all(B::is_finite);
    check(finite && value.is_finite())?;
    // a subnormal or underflowed f64 value carries an absolute rounding
    // error that no relative tolerance covers
    check(value.abs() >= f64::MIN_POSITIVE || exact(&jet.v, value))?;
    Ok((jet, value))
}

/// xᵏ for an integer k (None at x = 0 for k < 0).
fn int_pow(x: &B, k: i64) -> Option<B> {
    if k >= 0 {
        Some(x.powi(k as usize))
    } else if x.is_zero() {
        None
    } else {
        Some(x.powi(k.unsigned_abs() as usize).recip())
    }
}

/// xⁿ with f′ = n xⁿ⁻¹, f″ = n(n−1) xⁿ⁻² (a zero coefficient is a zero term).
fn integer_power(u: &Jet, n: i64) -> Result<Jet, Declined> {
    let x = &u.v;
    let term = |coefficient: i64, k: i64| -> Result<B, Declined> {
        if coefficient == 0 {
            Ok(B::int(0))
        } else {
            int_pow(x, k).map(|p| B::int(coefficient) * p).ok_or(())
        }
    };
    let f = term(1, n)?;
    let f1 = term(n, n - 1)?;
    let f2 = term(n * (n - 1), n - 2)?;
    Ok(u.chain(f, &f1, &f2))
}

/// xᵃ for a constant a: an integer a as `integer_power`, else x > 0.
fn constant_power(u: &Jet, a: f64) -> Result<Jet, Declined> {
    if a == a.trunc() && a.abs() < 2f64.powi(31) {
        return integer_power(u, a as i64);
    }
    let x = &u.v;
    check(x.gt(&B::int(0)))?;
    let a = B::from_f64(a);
    let f = (&a * x.ln()).exp();
    let f1 = &a * &f / x;
    let f2 = &a * (&a - B::int(1)) * &f / (x * x);
    Ok(u.chain(f, &f1, &f2))
}

/// log_b u = ln u / ln b for a constant b > 0, b ≠ 1.
fn log_base(u: &Jet, b: f64) -> Result<Jet, Declined> {
    check(b > 0.0 && b != 1.0 && b.is_finite() && u.v.gt(&B::int(0)))?;
    let ln_b = B::from_f64(b).ln();
    let f1 = (&u.v * &ln_b).recip();
    let f2 = -(&f1 / &u.v);
    Ok(u.chain(u.v.ln() / &ln_b, &f1, &f2))
}

/// u mod w = u − trunc(u/w)·w, with the quotient decided exactly.
fn remainder(u: &Jet, x: f64, w: &Jet, y: f64) -> Result<Jet, Declined> {
    check(!w.v.is_zero())?;
    let quotient = &u.v / &w.v;
    let both_exact = exact(&u.v, x) && exact(&w.v, y);
    let kink = nearest_integer(&quotient);
    // with both arguments exact, 160 bits decide the quotient's integer
    // part unless it is an integer; otherwise stay clear of integers
    if both_exact {
        check(!quotient.equals(&kink))?;
    } else {
        check(!near(&quotient, &kink))?;
    }
    let q = quotient.trunc();
    let f = &u.v - &q * &w.v;
    let zero = B::int(0);
    Ok(u.chain2(w, f, [&B::int(1), &-q], [&zero, &zero, &zero]))
}

fn constant_jet(c: f64, n: usize) -> Jet {
    Jet::constant(B::from_f64(c), n)
}

#[allow(clippy::too_many_lines)]
fn unary(op: Unary, u: &Jet, x: f64, value: f64) -> Result<Jet, Declined> {
    use Unary::*;
    let n = u.n();
    let v = &u.v;
    let zero = B::int(0);
    let one = B::int(1);
    let small = B::from_f64(2f64.powi(-30));
    Ok(match op {
        Neg => u.scale(&B::int(-1)),
        Sqrt => {
            check(v.gt(&zero))?;
            let s = v.sqrt();
            let f1 = (B::int(2) * &s).recip();
            let f2 = -(B::int(4) * v * &s).recip();
            u.chain(s, &f1, &f2)
        }
        Cbrt => {
            check(!v.is_zero())?;
            let c = v.cbrt();
            let f1 = (B::int(3) * &c * &c).recip();
            let f2 = B::int(-2) / (B::int(9) * v * &c * &c);
            u.chain(c, &f1, &f2)
        }
        Exp | Exp2 | ExpM1 | Sinh | Cosh => {
            // beyond this the f64 results are 0 or ∞ and the exponentials
            // are out of any useful range
            check(v.abs().lt(&B::int(100_000)))?;
            match op {
                Exp => {
                    let e = v.exp();
                    u.chain(e.clone(), &e, &e)
                }
                Exp2 => {
                    let ln2 = B::ln2();
                    let f = (v * &ln2).exp();
                    let f1 = &f * &ln2;
                    let f2 = &f1 * &ln2;
                    u.chain(f, &f1, &f2)
                }
                ExpM1 => {
                    let e = v.exp();
                    // eˣ − 1 = x + x²/2 + x³/6 + x⁴/24 + … for tiny x
                    let f = if v.abs().lt(&small) {
                        v + v * v / B::int(2) + v * v * v / B::int(6)
                    } else {
                        &e - &one
                    };
                    u.chain(f, &e, &e)
                }
                Sinh => u.chain(v.sinh(), &v.cosh(), &v.sinh()),
                _ => u.chain(v.cosh(), &v.sinh(), &v.cosh()),
            }
        }
        Ln => {
            check(v.gt(&zero))?;
            let f1 = v.recip();
            let f2 = -(&f1 * &f1);
            u.chain(v.ln(), &f1, &f2)
        }
        Ln1p => {
            check(v.gt(&B::int(-1)))?;
            let f = if v.abs().lt(&small) {
                v - v * v / B::int(2) + v * v * v / B::int(3)
            } else {
                (v + &one).ln()
            };
            let f1 = (v + &one).recip();
            let f2 = -(&f1 * &f1);
            u.chain(f, &f1, &f2)
        }
        Log2 => log_base(u, 2.0)?,
        Log10 => log_base(u, 10.0)?,
        Log(b) | LogNumber(b) => log_base(u, b)?,
        Recip => {
            check(!v.is_zero())?;
            let f = v.recip();
            let f1 = -(&f * &f);
            let f2 = B::int(2) * &f * &f * &f;
            u.chain(f, &f1, &f2)
        }
        Sin | SinOfSinCos => u.chain(v.sin(), &v.cos(), &-v.sin()),
        Cos | CosOfSinCos => u.chain(v.cos(), &-v.sin(), &-v.cos()),
        Tan => {
            // tan′ = 1/cos², tan″ = 2 sin/cos³
            let (s, c) = (v.sin(), v.cos());
            let f1 = (&c * &c).recip();
            let f2 = B::int(2) * &s * &f1 / &c;
            u.chain(s / c, &f1, &f2)
        }
        Asin | Acos => {
            check(v.abs().lt(&one))?;
            let d = &one - v * v;
            let sign = if op == Asin { B::int(1) } else { B::int(-1) };
            let f1 = &sign / d.sqrt();
            let f2 = &sign * v / (&d * d.sqrt());
            let f = if op == Asin { v.asin() } else { v.acos() };
            u.chain(f, &f1, &f2)
        }
        Atan => {
            let d = &one + v * v;
            let f1 = d.recip();
            let f2 = B::int(-2) * v / (&d * &d);
            u.chain(v.atan(), &f1, &f2)
        }
        Tanh => {
            check(v.abs().lt(&B::int(100_000)))?;
            // tanh′ = 1/cosh², tanh″ = −2 tanh/cosh²
            let c = v.cosh();
            let f1 = (&c * &c).recip();
            let t = v.sinh() / &c;
            let f2 = B::int(-2) * &t * &f1;
            u.chain(t, &f1, &f2)
        }
        Asinh => {
            let d = v * v + &one;
            let f1 = d.sqrt().recip();
            let f2 = -(v / (&d * d.sqrt()));
            u.chain(v.asinh(), &f1, &f2)
        }
        Acosh => {
            check(v.gt(&one))?;
            let d = v * v - &one;
            let f1 = d.sqrt().recip();
            let f2 = -(v / (&d * d.sqrt()));
            u.chain(v.acosh(), &f1, &f2)
        }
        Atanh => {
            check(v.abs().lt(&one))?;
            let d = &one - v * v;
            let f1 = d.recip();
            let f2 = B::int(2) * v / (&d * &d);
            u.chain(v.atanh(), &f1, &f2)
        }
        Abs => {
            check(clear_of(v, x, &zero, false))?;
            let sign = if v.is_negative() {
                B::int(-1)
            } else {
                B::int(1)
            };
            u.chain(v.abs(), &sign, &zero)
        }
        Signum => {
            check(clear_of(v, x, &zero, true))?;
            u.chain(B::from_f64(value), &zero, &zero)
        }
        Floor | Ceil | Trunc => {
            check(clear_of(v, x, &nearest_integer(v), true))?;
            u.chain(B::from_f64(value), &zero, &zero)
        }
        Round => {
            let half = B::from_f64(0.5);
            let kink = nearest_integer(&(v - &half)) + &half;
            check(clear_of(v, x, &kink, true))?;
            u.chain(B::from_f64(value), &zero, &zero)
        }
        Fract => {
            check(clear_of(v, x, &nearest_integer(v), true))?;
            u.chain(v - v.trunc(), &one, &zero)
        }
        Sinc | Sinhc => {
            let sign = if op == Sinc { B::int(-1) } else { B::int(1) };
            if v.abs().lt(&small) {
                // sinc x = 1 − x²/6 + x⁴/120 − …, sinhc with every sign +
                let x2 = v * v;
                let f = &one + &sign * &x2 / B::int(6);
                let f1 = &sign * v / B::int(3) + v * &x2 / B::int(30);
                let f2 = &sign / B::int(3) + &x2 / B::int(10);
                u.chain(f, &f1, &f2)
            } else {
                // s/x with s = sin or sinh, c = s′, s″ = sign·s:
                // f′ = c/x − s/x², f″ = sign·s/x − 2c/x² + 2s/x³
                let (s, c) = if op == Sinc {
                    (v.sin(), v.cos())
                } else {
                    (v.sinh(), v.cosh())
                };
                let f = &s / v;
                let f1 = &c / v - &s / (v * v);
                let f2 = &sign * &s / v - B::int(2) * &c / (v * v) + B::int(2) * &s / (v * v * v);
                u.chain(f, &f1, &f2)
            }
        }
        Powi(k) => integer_power(u, i64::from(k))?,
        Powf(a) | PowfNumber(a) => constant_power(u, a)?,
        Copysign(c) => {
            check(clear_of(v, x, &zero, false) && !c.is_nan())?;
            let flip = v.is_negative() != c.is_sign_negative();
            u.scale(&B::int(if flip { -1 } else { 1 }))
        }
        AddFloat(c) | AddAssignFloat(c) => u.add(&constant_jet(c, n)),
        SubFloat(c) | SubAssignFloat(c) => u.sub(&constant_jet(c, n)),
        MulFloat(c) | MulAssignFloat(c) => u.scale(&B::from_f64(c)),
        DivFloat(c) | DivAssignFloat(c) => {
            check(c != 0.0)?;
            u.div(&constant_jet(c, n))
        }
        RemFloat(c) => remainder(u, x, &constant_jet(c, n), c)?,
        FloatAdd(c) => constant_jet(c, n).add(u),
        FloatSub(c) => constant_jet(c, n).sub(u),
        FloatMul(c) => u.scale(&B::from_f64(c)),
        FloatDiv(c) => {
            check(!v.is_zero())?;
            constant_jet(c, n).div(u)
        }
        FloatRem(c) => remainder(&constant_jet(c, n), c, u, x)?,
    })
}

fn binary(op: Binary, u: &Jet, x: f64, w: &Jet, y: f64) -> Result<Jet, Declined> {
    let zero = B::int(0);
    Ok(match op {
        Binary::Add | Binary::AddAssign => u.add(w),
        Binary::Sub | Binary::SubAssign => u.sub(w),
        Binary::Mul | Binary::MulAssign => u.mul(w),
        Binary::Div | Binary::DivAssign => {
            check(!w.v.is_zero())?;
            u.div(w)
        }
        Binary::Rem | Binary::RemAssign => remainder(u, x, w, y)?,
        Binary::Pow | Binary::PowfNumber => {
            if w.is_constant() {
                return constant_power(u, y);
            }
            // g = uʷ: g_u = w uʷ⁻¹, g_w = uʷ ln u, g_uu = w(w−1) uʷ⁻²,
            // g_uw = uʷ⁻¹ (1 + w ln u), g_ww = uʷ ln²u
            check(u.v.gt(&zero))?;
            let (a, b) = (&u.v, &w.v);
            let ln_a = a.ln();
            let f = (b * &ln_a).exp();
            let g_u = b * &f / a;
            let g_w = &f * &ln_a;
            let g_uu = b * (b - B::int(1)) * &f / (a * a);
            let g_uw = &f / a * (B::int(1) + b * &ln_a);
            let g_ww = &g_w * &ln_a;
            u.chain2(w, f, [&g_u, &g_w], [&g_uu, &g_uw, &g_ww])
        }
        Binary::LogNumber => {
            check(u.v.gt(&zero) && w.v.gt(&zero) && !w.v.equals(&B::int(1)))?;
            let ln = |j: &Jet| {
                let f1 = j.v.recip();
                j.chain(j.v.ln(), &f1, &-(&f1 * &f1))
            };
            ln(u).div(&ln(w))
        }
        Binary::Atan2 => {
            // g(u, w) = atan2(u, w), r² = u² + w²: g_u = w/r², g_w = −u/r²,
            // g_uu = −2uw/r⁴, g_uw = (u² − w²)/r⁴, g_ww = 2uw/r⁴
            let (a, b) = (&u.v, &w.v);
            check(!(a.is_zero() && b.is_zero()))?;
            // the cut along w < 0: the f64 sign of u must be the true one
            if b.is_negative() {
                check(clear_of(a, x, &zero, false) || (a.is_zero() && exact(a, x)))?;
            }
            let f = if b.is_zero() {
                let half_pi = B::pi() / B::int(2);
                if a.is_negative() { -half_pi } else { half_pi }
            } else {
                let base = (a / b).atan();
                if !b.is_negative() {
                    base
                } else if x.is_sign_negative() {
                    base - B::pi()
                } else {
                    base + B::pi()
                }
            };
            let r2 = a * a + b * b;
            let r4 = &r2 * &r2;
            let g_u = b / &r2;
            let g_w = -(a / &r2);
            let g_uu = B::int(-2) * a * b / &r4;
            let g_uw = (a * a - b * b) / &r4;
            let g_ww = B::int(2) * a * b / &r4;
            u.chain2(w, f, [&g_u, &g_w], [&g_uu, &g_uw, &g_ww])
        }
        Binary::Hypot => {
            let (a, b) = (&u.v, &w.v);
            check(!(a.is_zero() && b.is_zero()))?;
            let h = (a * a + b * b).sqrt();
            let h3 = &h * &h * &h;
            let g_u = a / &h;
            let g_w = b / &h;
            let g_uu = b * b / &h3;
            let g_uw = -(a * b / &h3);
            let g_ww = a * a / &h3;
            u.chain2(w, h, [&g_u, &g_w], [&g_uu, &g_uw, &g_ww])
        }
        Binary::Min | Binary::Max => {
            check(clear_of(&u.v, x, &w.v, false) && exact(&w.v, y) || !near(&u.v, &w.v))?;
            let first_smaller = u.v.lt(&w.v);
            let pick_first = first_smaller == (op == Binary::Min);
            if pick_first { u.clone() } else { w.clone() }
        }
    })
}
