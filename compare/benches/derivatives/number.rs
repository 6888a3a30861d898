//! The one bound the benchmark functions are written against.
//!
//! monodual, num-dual and hyperjet each have their own scalar trait, and no
//! single one of them is implemented by all three libraries' number types.
//! So the test functions in `functions.rs` are written once, generic over
//! [`Number`], and each library's types implement it by forwarding every
//! method to that library's own implementation. The forwarding is
//! `#[inline]`, so after monomorphization every library runs its own code
//! and nothing else.

use std::ops::{Add, Div, Mul, Neg, Sub};

use hyperjet::jets::{Jet1, Jet2, Jet3 as HyperjetJet3};
use hyperjet::traits::DifferentiableMath;
use monodual::{Dual, HyperDual, Jet3, Real, Scalar};
use nalgebra::{ComplexField, Const};
use num_dual::{Dual2Vec, DualVec};

/// The arithmetic and elementary functions the benchmark functions use.
///
/// Plain floats appear only on the right of an operator, which is the one
/// form all three libraries accept.
pub trait Number:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
{
    /// Sine.
    fn sin(self) -> Self;
    /// Cosine.
    fn cos(self) -> Self;
    /// Natural exponential.
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Square root.
    fn sqrt(self) -> Self;
}

/// Implements [`Number`] for a type by forwarding each function to the
/// same-named method of the trait `$math`.
macro_rules! forward_number {
    (impl[$($generics:tt)*] Number for $number:ty $(where [$($bounds:tt)*])? => $math:path) => {
        impl<$($generics)*> Number for $number $(where $($bounds)*)? {
            #[inline]
            fn sin(self) -> Self {
                <$number as $math>::sin(self)
            }
            #[inline]
            fn cos(self) -> Self {
                <$number as $math>::cos(self)
            }
            #[inline]
            fn exp(self) -> Self {
                <$number as $math>::exp(self)
            }
            #[inline]
            fn ln(self) -> Self {
                <$number as $math>::ln(self)
            }
            #[inline]
            fn sqrt(self) -> Self {
                <$number as $math>::sqrt(self)
            }
        }
    };
}

forward_number!(impl[] Number for f64 => ComplexField);

// num-dual: its nalgebra `ComplexField` impl forwards to its own `DualNum`
// methods, which take `&self`.
forward_number!(impl[const N: usize] Number for DualVec<f64, Const<N>> => ComplexField);
forward_number!(impl[const N: usize] Number for Dual2Vec<f64, Const<N>> => ComplexField);

// hyperjet: f64 only; `H` is the packed Hessian size N(N+1)/2.
forward_number!(impl[const N: usize] Number for Jet1<N> => DifferentiableMath);
forward_number!(impl[const N: usize, const H: usize] Number for Jet2<N, H> => DifferentiableMath);
// `T` = N(N+1)(N+2)/6, the packed third-derivative size, spelled by the caller.
forward_number!(impl[const N: usize, const H: usize, const T: usize] Number for HyperjetJet3<N, H, T> => DifferentiableMath);

// monodual: every `Scalar` number type, the nested `Dual<Dual<f64, N>, 1>`
// of the Hessian-vector product included.
forward_number!(impl[T: Real, const N: usize] Number for Dual<T, N> where [Self: Scalar] => ComplexField);
forward_number!(impl[T: Real, const N: usize] Number for HyperDual<T, N> where [Self: Scalar, nalgebra::Const<N>: monodual::Packed] => ComplexField);
forward_number!(impl[T: Real, const N: usize] Number for Jet3<T, N> where [Self: Scalar, nalgebra::Const<N>: monodual::Packed] => ComplexField);
