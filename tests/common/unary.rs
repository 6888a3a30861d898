//! The unary functions of the derivative table as one enum, and one
//! generic evaluator that runs them on any scalar (`tests/elementary.rs`,
//! `tests/third.rs`).

use monodual::Scalar;

/// The functions, as one generic evaluator runs them on any scalar.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Ln1p,
    Log2,
    Log10,
    Log3,
    Recip,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Abs,
    Signum,
    Floor,
    Ceil,
    Round,
    Trunc,
    Fract,
    Sinc,
    Sinhc,
    Powi(i32),
    Powf(f64),
    SinCosProduct,
}

/// Runs `op` on any scalar through nalgebra's `RealField` / `ComplexField`
/// methods, the path generic user code takes.
pub fn eval<S: Scalar>(op: Op, x: S) -> S {
    match op {
        Op::Sqrt => x.sqrt(),
        Op::Cbrt => x.cbrt(),
        Op::Exp => x.exp(),
        Op::Exp2 => x.exp2(),
        Op::ExpM1 => x.exp_m1(),
        Op::Ln => x.ln(),
        Op::Ln1p => x.ln_1p(),
        Op::Log2 => x.log2(),
        Op::Log10 => x.log10(),
        Op::Log3 => x.log(S::from_float(3.0)),
        Op::Recip => x.recip(),
        Op::Sin => x.sin(),
        Op::Cos => x.cos(),
        Op::Tan => x.tan(),
        Op::Asin => x.asin(),
        Op::Acos => x.acos(),
        Op::Atan => x.atan(),
        Op::Sinh => x.sinh(),
        Op::Cosh => x.cosh(),
        Op::Tanh => x.tanh(),
        Op::Asinh => x.asinh(),
        Op::Acosh => x.acosh(),
        Op::Atanh => x.atanh(),
        Op::Abs => x.abs(),
        Op::Signum => x.signum(),
        Op::Floor => x.floor(),
        Op::Ceil => x.ceil(),
        Op::Round => x.round(),
        Op::Trunc => x.trunc(),
        Op::Fract => x.fract(),
        Op::Sinc => x.sinc(),
        Op::Sinhc => x.sinhc(),
        Op::Powi(n) => x.powi(n),
        Op::Powf(a) => x.powf(S::from_float(a)),
        Op::SinCosProduct => {
            let (s, c) = x.sin_cos();
            s * c
        }
    }
}
