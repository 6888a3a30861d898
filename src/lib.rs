//! Exact derivatives by forward-mode automatic differentiation, fixed at
//! compile time.
//!
//! [`Dual<T, N>`](Dual) carries a value and its gradient with respect to `N`
//! variables; [`HyperDual<T, N>`](HyperDual) adds the Hessian. Both are plain
//! `Copy` scalars that implement nalgebra's `RealField`, so they flow through
//! static matrices and through nalgebra's own LU, Cholesky, inverse,
//! determinant and eigen-decompositions. One monomorphized pass of a generic
//! function gives exact derivatives: no step size, no tape, no heap.
//!
//! # Writing a function once
//!
//! Write the function generic over [`Scalar`]; it then runs on `f64` and on
//! every number type. `S: Scalar` mixes `f64` literals with the number on
//! the left (`x * 2.0`, `x - 1.0`); use `Scalar<f32>` for `f32`.
//!
//! ```
//! use monodual::Scalar;
//! use nalgebra::{Matrix2, SVector, Vector2};
//!
//! fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
//!     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
//! }
//!
//! let x = Vector2::new(1.0, 1.0);
//! let (f, g, h) = monodual::hessian(|x| rosenbrock(&x), x);
//! assert_eq!(f, 0.0);
//! assert_eq!(g, Vector2::zeros());
//! assert_eq!(h, Matrix2::new(802.0, -400.0, -400.0, 200.0));
//! ```
//!
//! # Gradients, Jacobians, directions
//!
//! ```
//! use nalgebra::{Matrix2, Vector2};
//!
//! let x = Vector2::new(1.0, 2.0);
//! // f(x) = x₀ x₁ + exp(x₀)
//! let (f, g) = monodual::gradient(|x| x[0] * x[1] + x[0].exp(), x);
//! assert_eq!(g, Vector2::new(2.0 + 1f64.exp(), 1.0));
//!
//! // F(x) = (x₀², x₀x₁): J = [[2x₀, 0], [x₁, x₀]]
//! let (fx, j) = monodual::jacobian(|x| Vector2::new(x[0] * x[0], x[0] * x[1]), x);
//! assert_eq!(j, Matrix2::new(2.0, 0.0, 2.0, 1.0));
//!
//! // ∇fᵀv in one lane, whatever N is
//! let (_, dv) = monodual::directional_derivative(|x| x[0] * x[1] + x[0].exp(), x, g);
//! assert!((dv - g.norm_squared()).abs() < 1e-12);
//! # let _ = (f, fx);
//! ```
//!
//! # Matrix input and nalgebra routines
//!
//! [`matrix_gradient`] differentiates a scalar function of a matrix; the
//! closure may call nalgebra's decompositions on the number types.
//!
//! ```
//! use nalgebra::{Matrix3, RealField};
//!
//! fn log_det<S: RealField + Copy>(a: &Matrix3<S>) -> S {
//!     // Cholesky reads one triangle: symmetrize so that every entry counts
//!     let a = (a + a.transpose()) * nalgebra::convert::<f64, S>(0.5);
//!     let l = a.cholesky().expect("positive definite").unpack();
//!     l.diagonal().iter().map(|d| d.ln()).fold(S::zero(), |s, x| s + x + x)
//! }
//!
//! let a = Matrix3::<f64>::new(4.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 2.0);
//! let (value, grad) = monodual::matrix_gradient(|m| log_det(&m), a);
//! // ∇ log det A = A⁻ᵀ
//! let expected = a.try_inverse().unwrap().transpose();
//! assert!((value - a.determinant().ln()).abs() < 1e-14);
//! assert!((grad - expected).abs().max() < 1e-14);
//! ```
//!
//! # Nesting
//!
//! Number types nest: `Dual<Dual<f64, 1>, N>` differentiates a gradient, and
//! [`hessian_vector_product`] uses `Dual<Dual<f64, N>, 1>` to get H·v in O(N)
//! work per operation.
//!
//! ```
//! use monodual::Dual;
//! // d/dx (d/dy (x y²)) at (x, y) = (3, 2) is 2y = 4
//! let x = Dual::<Dual<f64, 1>, 1>::new(Dual::variable(3.0, 0), nalgebra::Vector1::new(Dual::constant(0.0)));
//! let y = Dual::<Dual<f64, 1>, 1>::new(Dual::constant(2.0), nalgebra::Vector1::new(Dual::constant(1.0)));
//! let f = x * y * y;
//! assert_eq!(f.gradient()[0].gradient()[0], 4.0);
//! ```
//!
//! # Edge cases
//!
//! Arithmetic never panics; NaN and infinities propagate as for `f64`, and
//! the value part of every result is the `f64` (or `f32`) result, bit for
//! bit. Where a derivative is infinite or undefined (NaN), it is so only in
//! the lanes that depend on the input: a derivative part that is exactly
//! zero stays zero (`0 · ∞ = 0` in the chain rule of every elementary
//! function and of `/`), so an elementary function of a constant never has
//! NaN derivatives.
//!
//! One exception, for speed: the product rule (`x * y`, and scaling by a
//! plain float) is plain IEEE arithmetic, the hottest operation kept
//! branch-free (a branch there measured 1.3–4× slower gradients and
//! Hessians). Where a lane that is ∞ meets a lane or value that is 0, the
//! product gives NaN there, as `f64` does; for example the limit −∞ of
//! ∂²(√x·y)/∂x² at x = 0 comes out as NaN.
//!
//! | at | value | first derivative | second derivative |
//! |---|---|---|---|
//! | `sqrt(±0)` | ±0 | +∞ | −∞ |
//! | `cbrt(±0)` | ±0 | +∞ | −∞ at +0, +∞ at −0 |
//! | `abs(±0)` | +0 | +1 (the `x ≥ 0` branch) | 0 |
//! | `signum`, `floor`, `ceil`, `round`, `trunc`, also at integers | as `f64` | 0 | 0 |
//! | `powi(x, 0)`, `powf(x, 0.0)` | 1, also at x = 0 | 0 | 0 |
//! | `powi(x, 1)`, `powf(x, 1.0)` | x | 1, also at x = 0 | 0 |
//! | `powi(0, 2)`, `powf(0, 2.0)` | 0 | 0 | 2 |
//! | `powi(0, n)`, n ≥ 3 | 0 | 0 | 0 |
//! | `powf(±0, 0.5)` | 0 | +∞ | −∞ |
//! | `powi(0, n)`, `powf(0, n)`, n < 0 | +∞ | −∞ | +∞ |
//! | `ln(±0)`, `log2`, `log10`, `log(·, b > 1)` at ±0, `ln_1p(−1)` | −∞ | +∞ | −∞ |
//! | `1 / 0`, `recip(0)` | +∞ | −∞ | +∞ |
//! | `1 / −0`, `recip(−0)` | −∞ | −∞ | −∞ |
//! | `atan2(±0, ±0)` | as `f64`: ±0 or ±π | NaN (undefined) | NaN |
//! | `hypot(0, 0)` | 0 | NaN (undefined) | NaN |
//! | `asin(±1)` | ±π/2 | +∞ | ±∞ |
//! | `acos(±1)` | 0, π | −∞ | ∓∞ |
//! | `sinc(0)`, `sinhc(0)` (nalgebra's `ComplexField`) | 1 | 0 | −1/3, +1/3 |
//! | `min(a, b)`, `max(a, b)` at a tie | as `f64` | the first argument's | the first argument's |
//!
//! The derivatives are the limits of f′ and f″ from the side the point can
//! be reached from. Functions defined on x ≥ 0 only (`sqrt`, the
//! logarithms, `powf` with a non-integer exponent) treat −0 as +0; functions
//! defined on both sides of 0 (`cbrt`, `recip`, `powi`) take the side of
//! the zero's sign, as `f64` does for their values. `powf` is both the
//! method with a float exponent and nalgebra's `ComplexField::powf` with a
//! constant number as exponent (what generic code calls); `min` and `max`
//! ignore a NaN argument as `f64::min` and `f64::max` do, derivatives
//! included.
//!
//! The anchors differ at these points. num-dual's `sqrt` at 0 has a NaN
//! derivative, for a variable and for a constant; Ceres' `Jet` and
//! ForwardDiff.jl (by default) multiply without the `0 · ∞ = 0` rule, so
//! `sqrt` of a constant 0 gets NaN derivatives there. monodual follows
//! ForwardDiff's "NaN-safe" mode, always on: zero stays zero.
//!
//! Dividing by a plain float 0, ±∞ or NaN (`x / 0.0`) goes through the
//! quotient rule, so zero lanes stay zero; dividing by any other float, and
//! multiplying by any float, scales every part.
//!
//! # Features
//!
//! `std` (default) uses the standard library's math; without it the crate is
//! `#![no_std]` (and needs no `alloc`) and takes its math from the `libm`
//! feature: `--no-default-features --features libm`.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(not(any(feature = "std", feature = "libm")))]
compile_error!(
    "monodual needs a source of math functions: enable the `std` feature (default) or, for no_std, the `libm` feature"
);

mod drivers;
mod integrations;
mod number;
mod real;
mod solvers;
mod table;

#[doc(inline)]
pub use solvers::{curvature, implicit, newton};

pub use drivers::{
    derivative, directional_derivative, gradient, hessian, hessian_vector_product, jacobian,
    matrix_gradient, second_derivative, third_derivative, third_derivatives,
};
pub use number::dual::Dual;
pub use number::hyperdual::HyperDual;
pub use number::jet3::Jet3;
pub use number::packed::{Element, MAX_PACKED, Packed};
pub use real::{Real, Scalar};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
