//! A thin wrapper of astro-float's `BigFloat` at a fixed precision, with
//! operators, exact conversion from `f64` and correctly rounded (to within
//! a tie) conversion back.

use core::cell::RefCell;
use core::ops::{Add, Div, Mul, Neg, Sub};

use astro_float::{BigFloat, Consts, RoundingMode, Sign};

/// Working precision in bits: about 48 decimal digits, 107 bits beyond
/// f64. The reference formulas are the natural ones (no rewriting for
/// accuracy), and the worst cancellation they meet at points the
/// reference accepts (1 − x² at x = 1 − 2⁻⁵³, sin x / x near 0 is
/// replaced by its series) costs far less than that margin.
pub const PRECISION: usize = 160;
const RM: RoundingMode = RoundingMode::ToEven;

thread_local! {
    static CONSTS: RefCell<Consts> = RefCell::new(Consts::new().expect("astro-float constants"));
}

/// A high-precision float.
#[derive(Debug)]
pub struct B(pub BigFloat);

impl Clone for B {
    fn clone(&self) -> B {
        B(self.0.clone())
    }
}

fn with_consts<R>(f: impl FnOnce(&mut Consts) -> R) -> R {
    CONSTS.with(|c| f(&mut c.borrow_mut()))
}

impl B {
    /// `x` exactly (subnormals included). NaN and ±∞ map to astro's own.
    #[must_use]
    pub fn from_f64(x: f64) -> B {
        if !x.is_finite() || x == 0.0 {
            return B(BigFloat::from_f64(x, PRECISION));
        }
        // x = ±m · 2^e with an integer m < 2⁵³
        let bits = x.to_bits();
        let exponent_field = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1u64 << 52) - 1);
        let (m, e) = if exponent_field == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1u64 << 52), exponent_field - 1075)
        };
        let mut b = BigFloat::from_u64(m, PRECISION);
        let shifted = b.exponent().expect("finite") + e;
        b.set_exponent(shifted);
        if x < 0.0 {
            b.inv_sign();
        }
        B(b)
    }

    #[must_use]
    pub fn int(n: i64) -> B {
        B(BigFloat::from_i64(n, PRECISION))
    }

    /// Rounded to the nearest f64 (the lower words are truncated first, so
    /// a tie may round the wrong way: one ulp at most, and only there).
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        if self.0.is_nan() {
            return f64::NAN;
        }
        if self.0.is_inf_pos() {
            return f64::INFINITY;
        }
        if self.0.is_inf_neg() {
            return f64::NEG_INFINITY;
        }
        let Some((words, _, sign, exponent, _)) = self.0.as_raw_parts() else {
            return f64::NAN;
        };
        if self.0.is_zero() {
            return if sign == Sign::Neg { -0.0 } else { 0.0 };
        }
        let top = words[words.len() - 1] as u128;
        let next = if words.len() > 1 {
            words[words.len() - 2] as u128
        } else {
            0
        };
        // value = 0.m × 2^e = (top·2⁶⁴ + next + sticky) · 2^(e − 128); the
        // sticky bit keeps a truncated remainder from looking like a tie.
        let sticky = u128::from(
            words[..words.len().saturating_sub(2)]
                .iter()
                .any(|w| *w != 0),
        );
        let mantissa = (top << 64) | next | sticky;
        let mut value = mantissa as f64;
        // exact steps while the result is normal; a subnormal result may
        // round twice (not compared: only normal floats are)
        let mut scale = i64::from(exponent) - 128;
        while scale != 0 {
            let step = scale.clamp(-1000, 1000);
            value *= 2f64.powi(step as i32);
            scale -= step;
        }
        if sign == Sign::Neg { -value } else { value }
    }

    #[must_use]
    pub fn is_finite(&self) -> bool {
        !self.0.is_nan() && !self.0.is_inf()
    }
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
    #[must_use]
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }
    /// Compares; `None` if either is NaN.
    #[must_use]
    pub fn compare(&self, other: &B) -> Option<core::cmp::Ordering> {
        self.0.cmp(&other.0).map(|c| c.cmp(&0))
    }
    #[must_use]
    pub fn lt(&self, other: &B) -> bool {
        self.compare(other) == Some(core::cmp::Ordering::Less)
    }
    #[must_use]
    pub fn gt(&self, other: &B) -> bool {
        self.compare(other) == Some(core::cmp::Ordering::Greater)
    }
    #[must_use]
    pub fn equals(&self, other: &B) -> bool {
        self.compare(other) == Some(core::cmp::Ordering::Equal)
    }
    #[must_use]
    pub fn abs(&self) -> B {
        B(self.0.abs())
    }
    #[must_use]
    pub fn trunc(&self) -> B {
        B(self.0.int())
    }
    #[must_use]
    pub fn floor(&self) -> B {
        B(self.0.floor())
    }
    #[must_use]
    pub fn sqrt(&self) -> B {
        B(self.0.sqrt(PRECISION, RM))
    }
    #[must_use]
    pub fn cbrt(&self) -> B {
        B(self.0.cbrt(PRECISION, RM))
    }
    #[must_use]
    pub fn recip(&self) -> B {
        B(self.0.reciprocal(PRECISION, RM))
    }
    #[must_use]
    pub fn powi(&self, n: usize) -> B {
        B(self.0.powi(n, PRECISION, RM))
    }
    #[must_use]
    pub fn pi() -> B {
        B(with_consts(|c| c.pi(PRECISION, RM)))
    }
    #[must_use]
    pub fn ln2() -> B {
        B(with_consts(|c| c.ln_2(PRECISION, RM)))
    }
}

/// Transcendental functions, all taking the constants cache.
macro_rules! transcendental {
    ($($name:ident),*) => {
        impl B {
            $(
                #[must_use]
                pub fn $name(&self) -> B {
                    B(with_consts(|c| self.0.$name(PRECISION, RM, c)))
                }
            )*
        }
    };
}
transcendental!(
    ln, exp, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh
);

macro_rules! operator {
    ($Trait:ident, $method:ident) => {
        impl $Trait for &B {
            type Output = B;
            fn $method(self, other: &B) -> B {
                B(self.0.$method(&other.0, PRECISION, RM))
            }
        }
        impl $Trait for B {
            type Output = B;
            fn $method(self, other: B) -> B {
                B(self.0.$method(&other.0, PRECISION, RM))
            }
        }
        impl $Trait<&B> for B {
            type Output = B;
            fn $method(self, other: &B) -> B {
                B(self.0.$method(&other.0, PRECISION, RM))
            }
        }
        impl $Trait<B> for &B {
            type Output = B;
            fn $method(self, other: B) -> B {
                B(self.0.$method(&other.0, PRECISION, RM))
            }
        }
    };
}
operator!(Add, add);
operator!(Sub, sub);
operator!(Mul, mul);
operator!(Div, div);

impl Neg for &B {
    type Output = B;
    fn neg(self) -> B {
        B(BigFloat::neg(&self.0))
    }
}
impl Neg for B {
    type Output = B;
    fn neg(self) -> B {
        B(BigFloat::neg(&self.0))
    }
}
