//! One evaluator for every number type: `f64`, `f32`, `Dual`,
//! `HyperDual`, `Jet3`, `Taylor` and their nestings, through the public
//! API only. The program's constants are f64; on an f32 number type they
//! are rounded to f32 where they enter ([`float`]).

use core::ops::{Add, Div, Mul, Rem, Sub};

use monodual::{Dual, HyperDual, Jet3, Real, Scalar, Taylor};
use nalgebra::{ComplexField, RealField};

use super::program::{Binary, Expr, Unary};

/// What the evaluator needs beyond [`Scalar`]: the operations that generic
/// code cannot spell (a plain float on the left, `%` with a float, the
/// inherent methods with a plain-float parameter). The plain floats are
/// the type's innermost float (`f64` or `f32`); the program's f64
/// constants are rounded to it.
pub trait Number<F: Real = f64>: Scalar<F> + Rem<F, Output = Self> {
    fn float_add(c: f64, x: Self) -> Self;
    fn float_sub(c: f64, x: Self) -> Self;
    fn float_mul(c: f64, x: Self) -> Self;
    fn float_div(c: f64, x: Self) -> Self;
    fn float_rem(c: f64, x: Self) -> Self;
    /// The inherent `powf` (a plain-float exponent).
    fn powf_inherent(self, a: f64) -> Self;
    /// The inherent `log` (a plain-float base).
    fn log_inherent(self, base: f64) -> Self;
    /// The inherent `pow` (a number exponent).
    fn pow_inherent(self, y: Self) -> Self;
}

/// A program constant in the innermost float of `S` (rounded for f32).
#[must_use]
pub fn float<F: Real>(c: f64) -> F {
    nalgebra::convert(c)
}

/// `Number` for a plain float.
macro_rules! number_float {
    ($($F:ty),*) => {$(
        impl Number<$F> for $F {
            fn float_add(c: f64, x: $F) -> $F {
                float::<$F>(c) + x
            }
            fn float_sub(c: f64, x: $F) -> $F {
                float::<$F>(c) - x
            }
            fn float_mul(c: f64, x: $F) -> $F {
                float::<$F>(c) * x
            }
            fn float_div(c: f64, x: $F) -> $F {
                float::<$F>(c) / x
            }
            fn float_rem(c: f64, x: $F) -> $F {
                float::<$F>(c) % x
            }
            fn powf_inherent(self, a: f64) -> $F {
                self.powf(float::<$F>(a))
            }
            fn log_inherent(self, base: f64) -> $F {
                self.log(float::<$F>(base))
            }
            fn pow_inherent(self, y: $F) -> $F {
                self.powf(y)
            }
        }
    )*};
}
number_float!(f64, f32);

/// `Number` for `$Type<T, N>` over any inner number `T` (so nested types too).
macro_rules! number_type {
    ($Type:ident $([$($bound:tt)*])?) => {
        impl<F: Real, T: Scalar<F>, const N: usize> Number<F> for $Type<T, N>
        where
            $($($bound)*,)?
            $Type<T, N>: Scalar<F> + Rem<F, Output = Self>,
            F: Add<$Type<T, N>, Output = $Type<T, N>>
                + Sub<$Type<T, N>, Output = $Type<T, N>>
                + Mul<$Type<T, N>, Output = $Type<T, N>>
                + Div<$Type<T, N>, Output = $Type<T, N>>
                + Rem<$Type<T, N>, Output = $Type<T, N>>,
        {
            fn float_add(c: f64, x: Self) -> Self {
                float::<F>(c) + x
            }
            fn float_sub(c: f64, x: Self) -> Self {
                float::<F>(c) - x
            }
            fn float_mul(c: f64, x: Self) -> Self {
                float::<F>(c) * x
            }
            fn float_div(c: f64, x: Self) -> Self {
                float::<F>(c) / x
            }
            fn float_rem(c: f64, x: Self) -> Self {
                float::<F>(c) % x
            }
            fn powf_inherent(self, a: f64) -> Self {
                self.powf(T::from_float(float::<F>(a)))
            }
            fn log_inherent(self, base: f64) -> Self {
                self.log(T::from_float(float::<F>(base)))
            }
            fn pow_inherent(self, y: Self) -> Self {
                self.pow(y)
            }
        }
    };
}
number_type!(Dual);
number_type!(HyperDual [nalgebra::Const<N>: monodual::Packed]);
number_type!(Jet3 [nalgebra::Const<N>: monodual::Packed]);
number_type!(Taylor);

/// The program at `inputs`.
pub fn eval<F: Real, S: Number<F>>(expr: &Expr, inputs: &[S]) -> S {
    eval_observed(expr, inputs, &mut |_, _| {})
}

/// The program at `inputs`, showing `observe` every node with its result.
pub fn eval_observed<F: Real, S: Number<F>>(
    expr: &Expr,
    inputs: &[S],
    observe: &mut impl FnMut(&Expr, &S),
) -> S {
    let result = match expr {
        Expr::Input(i) => inputs[*i],
        Expr::Constant(c) => S::from_float(float::<F>(*c)),
        Expr::Unary(op, a) => unary(*op, eval_observed(a, inputs, observe)),
        Expr::Binary(op, a, b) => {
            let a = eval_observed(a, inputs, observe);
            binary(*op, a, eval_observed(b, inputs, observe))
        }
        Expr::MulAdd(a, b, c) => {
            let a = eval_observed(a, inputs, observe);
            let b = eval_observed(b, inputs, observe);
            a.mul_add(b, eval_observed(c, inputs, observe))
        }
    };
    observe(expr, &result);
    result
}

/// One unary operation. Generic code calls the `ComplexField` and
/// `RealField` forms; the inherent forms go through [`Number`].
pub fn unary<F: Real, S: Number<F>>(op: Unary, x: S) -> S {
    use Unary::*;
    match op {
        Neg => -x,
        Sqrt => ComplexField::sqrt(x),
        Cbrt => ComplexField::cbrt(x),
        Exp => ComplexField::exp(x),
        Exp2 => ComplexField::exp2(x),
        ExpM1 => ComplexField::exp_m1(x),
        Ln => ComplexField::ln(x),
        Ln1p => ComplexField::ln_1p(x),
        Log2 => ComplexField::log2(x),
        Log10 => ComplexField::log10(x),
        Recip => ComplexField::recip(x),
        Sin => ComplexField::sin(x),
        Cos => ComplexField::cos(x),
        Tan => ComplexField::tan(x),
        SinOfSinCos => ComplexField::sin_cos(x).0,
        CosOfSinCos => ComplexField::sin_cos(x).1,
        Asin => ComplexField::asin(x),
        Acos => ComplexField::acos(x),
        Atan => ComplexField::atan(x),
        Sinh => ComplexField::sinh(x),
        Cosh => ComplexField::cosh(x),
        Tanh => ComplexField::tanh(x),
        Asinh => ComplexField::asinh(x),
        Acosh => ComplexField::acosh(x),
        Atanh => ComplexField::atanh(x),
        Abs => ComplexField::abs(x),
        Signum => ComplexField::signum(x),
        Floor => ComplexField::floor(x),
        Ceil => ComplexField::ceil(x),
        Round => ComplexField::round(x),
        Trunc => ComplexField::trunc(x),
        Fract => ComplexField::fract(x),
        Sinc => ComplexField::sinc(x),
        Sinhc => ComplexField::sinhc(x),
        Powi(n) => ComplexField::powi(x, n),
        Powf(a) => x.powf_inherent(a),
        PowfNumber(a) => ComplexField::powf(x, S::from_float(float::<F>(a))),
        Log(b) => x.log_inherent(b),
        LogNumber(b) => ComplexField::log(x, S::from_float(float::<F>(b))),
        Copysign(c) => RealField::copysign(x, S::from_float(float::<F>(c))),
        AddFloat(c) => x + float::<F>(c),
        SubFloat(c) => x - float::<F>(c),
        MulFloat(c) => x * float::<F>(c),
        DivFloat(c) => x / float::<F>(c),
        RemFloat(c) => x % float::<F>(c),
        FloatAdd(c) => S::float_add(c, x),
        FloatSub(c) => S::float_sub(c, x),
        FloatMul(c) => S::float_mul(c, x),
        FloatDiv(c) => S::float_div(c, x),
        FloatRem(c) => S::float_rem(c, x),
        AddAssignFloat(c) => {
            let mut t = x;
            t += float::<F>(c);
            t
        }
        SubAssignFloat(c) => {
            let mut t = x;
            t -= float::<F>(c);
            t
        }
        MulAssignFloat(c) => {
            let mut t = x;
            t *= float::<F>(c);
            t
        }
        DivAssignFloat(c) => {
            let mut t = x;
            t /= float::<F>(c);
            t
        }
    }
}

/// One binary operation.
pub fn binary<F: Real, S: Number<F>>(op: Binary, a: S, b: S) -> S {
    let mut t = a;
    match op {
        Binary::Add => a + b,
        Binary::Sub => a - b,
        Binary::Mul => a * b,
        Binary::Div => a / b,
        Binary::Rem => a % b,
        Binary::Pow => a.pow_inherent(b),
        Binary::PowfNumber => ComplexField::powf(a, b),
        Binary::LogNumber => ComplexField::log(a, b),
        Binary::Atan2 => RealField::atan2(a, b),
        Binary::Hypot => ComplexField::hypot(a, b),
        Binary::Min => RealField::min(a, b),
        Binary::Max => RealField::max(a, b),
        Binary::AddAssign => {
            t += b;
            t
        }
        Binary::SubAssign => {
            t -= b;
            t
        }
        Binary::MulAssign => {
            t *= b;
            t
        }
        Binary::DivAssign => {
            t /= b;
            t
        }
        Binary::RemAssign => {
            t %= b;
            t
        }
    }
}
