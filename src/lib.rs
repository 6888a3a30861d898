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
//! # Choosing a bound
//!
//! | bound | use it for | what it gives |
//! |---|---|---|
//! | [`Scalar`] (= `Scalar<f64>`; `Scalar<f32>` for f32) | your own model code | float literals (`x * 2.0`, `x > 0.0`), `.sum::<S>()`, [`lift`], every `RealField` method, nalgebra's routines |
//! | `nalgebra::RealField + Copy` | code shared with other nalgebra users | the same methods; constants through `nalgebra::convert` |
//! | `num_traits::Float` | code already written against num-traits (argmin_testfunctions, most numeric crates) | runs unchanged on every number type, nested ones included |
//!
//! `Scalar` does not imply `num_traits::Float`, on purpose: `Float` and
//! `RealField` both define `sin`, `powi`, `max` and some forty other
//! methods, so generic code bounded by both would have to write every such
//! call as `Float::sin(x)`. Closures on concrete number types are never
//! ambiguous (the number types' own methods come first), so a `Float`
//! function is simply called there:
//!
//! ```
//! use nalgebra::Vector2;
//! use num_traits::Float;
//!
//! // written against num-traits, knowing nothing of monodual
//! fn himmelblau<T: Float>(x: &[T]) -> T {
//!     let (a, b) = (T::from(11.0).unwrap(), T::from(7.0).unwrap());
//!     (x[0].powi(2) + x[1] - a).powi(2) + (x[0] + x[1].powi(2) - b).powi(2)
//! }
//!
//! let x = Vector2::new(3.0, 2.0); // a minimum
//! let (f, g, h) = monodual::hessian(|x| himmelblau(x.as_slice()), x);
//! assert_eq!((f, g), (0.0, Vector2::zeros()));
//! assert_eq!(h[(0, 1)], 4.0 * (3.0 + 2.0)); // ∂²f/∂x₀∂x₁ = 4(x₀ + x₁)
//! ```
//!
//! # Constants, exponents and f32
//!
//! In `S: Scalar` code a float constant becomes a number with [`lift`] (or
//! `S::from_float`): nalgebra's `powf` takes its exponent as an `S`, and a
//! constant `f64` matrix is lifted entry by entry.
//!
//! ```
//! use monodual::{Scalar, lift};
//! use nalgebra::{Matrix2, Vector2};
//!
//! fn energy<S: Scalar>(x: &Vector2<S>) -> S {
//!     let k = Matrix2::new(4.0, 1.0, 1.0, 3.0);
//!     let stretch = (k.map(lift) * x).dot(x) * 0.5; // ½ xᵀKx
//!     stretch + x[0].abs().powf(lift(1.5))
//! }
//!
//! let (_, g) = monodual::gradient(|x| energy(&x), Vector2::new(1.0, 2.0));
//! assert_eq!(g, Vector2::new(4.0 + 2.0 + 1.5, 1.0 + 6.0)); // Kx + (1.5 |x₀|^0.5, 0)
//!
//! // f32 data: the bound names its float, literals follow it
//! fn energy32<S: Scalar<f32>>(x: &Vector2<S>) -> S {
//!     x.norm_squared() * 0.5f32
//! }
//! let (_, g32) = monodual::gradient(|x| energy32(&x), Vector2::new(1.0f32, 2.0));
//! assert_eq!(g32, Vector2::new(1.0f32, 2.0));
//! ```
//!
//! # One function, every driver
//!
//! A Rust closure has one parameter type. `gradient` passes `Dual`s,
//! `hessian` passes `HyperDual`s and `hessian_vector_product` passes
//! `Dual<Dual<…>>`s, so a closure written for one driver is rejected by the
//! next (the compiler then suggests changing the closure, which does not
//! help). Write the function once, generic, and hand each driver either a
//! new closure `|x| f(&x)`, or the function itself when it takes the vector
//! by value:
//!
//! ```
//! use monodual::Scalar;
//! use nalgebra::{SVector, Vector2};
//!
//! fn bowl<S: Scalar>(x: SVector<S, 2>) -> S {
//!     x[0] * x[0] + x[1] * x[1] * 3.0
//! }
//!
//! let x = Vector2::new(1.0, 1.0);
//! let (_, g) = monodual::gradient(bowl, x); // no closure at all
//! let (_, _, h) = monodual::hessian(bowl, x);
//! assert_eq!(g, Vector2::new(2.0, 6.0));
//! assert_eq!(h[(1, 1)], 6.0);
//! ```
//!
//! A model with parameters implements [`Objective`] (or [`Residuals`] for
//! a vector function) once; its provided methods run the drivers and
//! solvers, and [`Objective::as_fn`] gives any driver its closure:
//!
//! ```
//! use monodual::{Objective, Scalar};
//! use nalgebra::{SVector, Vector2};
//!
//! struct Spring {
//!     stiffness: f64,
//!     rest: f64,
//! }
//!
//! impl Objective<2> for Spring {
//!     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
//!         (x.norm() - self.rest).powi(2) * (self.stiffness * 0.5)
//!     }
//! }
//!
//! let spring = Spring { stiffness: 2.0, rest: 1.0 };
//! let x = Vector2::new(3.0, 4.0);
//! let (e, g) = spring.gradient(x);
//! let (_, _, h) = spring.hessian(x);
//! let (_, _, hv) = monodual::hessian_vector_product(spring.as_fn(), x, Vector2::new(1.0, 0.0));
//! assert_eq!(e, 16.0); // ½ k (‖x‖ − r)²
//! assert!((g - Vector2::new(4.8, 6.4)).norm() < 1e-14); // k (‖x‖ − r) x/‖x‖
//! assert!((hv - h.column(0)).norm() < 1e-14);
//! let rest = spring.minimize(x, &Default::default())?;
//! assert!((rest.x.norm() - 1.0).abs() < 1e-12);
//! # Ok::<(), monodual::newton::SolveError>(())
//! ```
//!
//! The drivers keep taking closures (rather than "a closure or a model")
//! because Rust infers a closure's parameter types only from an `Fn` bound
//! on the very parameter, and because one blanket implementation over
//! closures and another over models would overlap.
//!
//! # Higher derivatives by nesting drivers
//!
//! A driver's closure may call another driver, as long as the inner one
//! runs on the outer one's number type: the inner driver is generic over
//! `T: Real`, and `Dual<f64, N>` is a `Real`. The gradient of a derivative,
//! or third derivatives as the Jacobian of a gradient:
//!
//! ```
//! use nalgebra::Vector2;
//!
//! // d³/dt³ sin t = −cos t: the second derivative, differentiated once more
//! let (_, d3) = monodual::derivative(|t| monodual::second_derivative(|s| s.sin(), t).2, 0.5);
//! assert!((d3 + 0.5f64.cos()).abs() < 1e-15);
//!
//! // third derivatives of f = x₀² x₁³: the Jacobian of a column of its Hessian
//! let (_, dh) = monodual::jacobian(
//!     |x| {
//!         let (_, _, h) = monodual::hessian(|y| y[0] * y[0] * y[1] * y[1] * y[1], x);
//!         h.column(0).into_owned()
//!     },
//!     Vector2::new(2.0, 1.0),
//! );
//! // column 0 of H is (2x₁³, 6x₀x₁²); its Jacobian is [[0, 6x₁²], [6x₁², 12x₀x₁]]
//! assert_eq!(dh, nalgebra::Matrix2::new(0.0, 6.0, 6.0, 24.0));
//! ```
//!
//! # Other crates
//!
//! With the `argmin` feature, `ArgminProblem`
//! turns an [`Objective`] into an argmin problem (`CostFunction`,
//! `Gradient`, `Hessian` on `Vec<f64>`), so argmin's BFGS, L-BFGS,
//! Newton-CG and trust-region solvers run on exact derivatives;
//! `ArgminResiduals` does the same for [`Residuals`] (`Operator`,
//! `Jacobian`). monodual is on nalgebra 0.35; a crate on nalgebra 0.34
//! takes a Jacobian or Hessian by its column-major slice, copied exactly:
//!
//! ```ignore
//! let (r, j) = monodual::jacobian(|p| residuals(&p), p);
//! let j34 = nalgebra_0_34::SMatrix::<f64, 3, 2>::from_column_slice(j.as_slice());
//! ```
//!
//! (`compare/tests/nalgebra_0_34.rs` runs this.)
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
//! # Third derivatives
//!
//! [`Jet3<T, N>`](Jet3) carries value, gradient, Hessian and the symmetric
//! tensor of third derivatives, each distinct entry once (N(N+1)(N+2)/6 of
//! them, where nesting `Dual<HyperDual<T, N>, N>` computes N³).
//! [`third_derivative`] and [`third_derivatives`] seed, call and extract.
//! It follows the conventions below; its third derivatives at the table's
//! points are the limits of f‴ likewise (`sqrt(0)`: +∞, `powi(0, 3)`: 6).
//!
//! ```
//! use nalgebra::Vector2;
//! // f(x) = x₀³ x₁: ∂³f/∂x₀³ = 6x₁, ∂³f/∂x₀²∂x₁ = 6x₀
//! let (_, _, _, t) = monodual::third_derivatives(|x| x[0].powi(3) * x[1], Vector2::new(2.0, 5.0));
//! assert_eq!((t[0][(0, 0)], t[0][(0, 1)], t[1][(0, 0)]), (30.0, 12.0, 12.0));
//! ```
//!
//! # Edge cases
//!
//! Arithmetic never panics; NaN and infinities propagate as for `f64`. One
//! convention holds on every number type, nested ones and the drivers
//! included:
//!
//! - **Value parts** are plain IEEE arithmetic: the value part of every
//!   result is the `f64` (or `f32`) result, bit for bit.
//! - **The zero rule.** In derivative propagation, a factor that is exactly
//!   zero (for a nested type: every one of its parts zero) makes the
//!   product zero, whatever the other factor is (±∞ or NaN). This holds in
//!   every chain rule, in both directions (a zero outer derivative such as
//!   `floor′ = 0` or `powi(·, 0)′ = 0` kills an infinite inner derivative,
//!   and a zero inner derivative kills an infinite outer one), in the
//!   product and quotient rules, in the chain rules of two arguments, in
//!   scaling by a plain float and in division by a constant.
//!
//! So a constant's derivative parts stay zero through everything, and a
//! derivative part is infinite or NaN only where the true derivative (the
//! limit in the table below) is, or where a composition meets ∞ − ∞ (as
//! ∂²/∂x² e^√x at 0, NaN: e^√x (1/(4x) − 1/(4x^{3/2})) term by term). The
//! results do not depend on the number type, on `N`, on nesting or on the
//! path that computed them: `HyperDual<T, 3>`, `HyperDual<T, 12>`,
//! `Dual<Dual<T, 1>, N>` and [`hessian_vector_product`] give the same
//! parts, non-finite ones included (up to the sign of a zero, and finite
//! parts up to rounding), within these limits:
//!
//! - **Within range.** Every value, derivative part and product of parts
//!   along the way is a normal float, 0, or one of the table's limits. A
//!   part that overflows from finite factors (x / 5e-324, f″ of ln at
//!   1e-300, ∂x·∂x beyond 1e308) or underflows to 0 is an ordinary float
//!   to the arithmetic after it, and the types, which group their products
//!   differently (`HyperDual` forms g″·∂ᵢu·∂ⱼu, a nested `Dual`
//!   differentiates g′(u)·∂ᵢu, [`hessian_vector_product`] sums H·v), can
//!   then differ in which of NaN, ±∞ or 0 they give.
//! - **A defined value.** Where the value is NaN (the function undefined
//!   there), the derivative parts are unspecified beyond not panicking.
//! - **One infinite part at a time.** An infinite or NaN part carried on
//!   through further functions of two arguments (∛x at 0 inside `hypot`,
//!   xˣ at 0 inside `atan2`), or a function of two arguments at a point
//!   where its own partials are infinite (log_b x at x = 0 with b a
//!   variable), meets ∞ − ∞ and 0 · ∞ forms that one grouping resolves and
//!   another leaves NaN. Finite parts are not affected.
//!
//! Each row below is tested on `Dual`, `HyperDual`, `Dual<Dual<f64, 1>, 1>`
//! (`Dual<Dual<f64, 2>, 2>` for two arguments) and `hessian_vector_product`,
//! for variables and for constants (whose derivatives are all 0).
//!
//! `HyperDual` and `Jet3` know without looking at their parts when a number
//! may hold a non-finite part (a flag set where an infinite or NaN factor
//! enters), so the common case runs the plain loops. One gap is left: a
//! derivative part that overflows to ±∞ from finite factors is not flagged,
//! and a later product of it with an exact 0 is then IEEE arithmetic (NaN).
//!
//! | at | value | first derivative | second derivative |
//! |---|---|---|---|
//! | `sqrt(±0)`, `powf(±0, 0.5)` | ±0 (`powf`: +0) | +∞ | −∞ |
//! | `cbrt(±0)` | ±0 | +∞ | −∞ at +0, +∞ at −0 |
//! | `abs(±0)` | +0 | +1 (the `x ≥ 0` branch) | 0 |
//! | `signum`, `floor`, `ceil`, `round`, `trunc`, also at integers and ±∞, also of √x at 0 | as `f64` | 0 | 0 |
//! | `powi(x, 0)`, `powf(x, 0.0)` | 1, also at x = 0 and for x = √0 | 0 | 0 |
//! | `powi(x, 1)`, `powf(x, 1.0)` | x | 1, also at x = 0 | 0 |
//! | `powi(0, 2)`, `powf(0, 2.0)` | 0 | 0 | 2 |
//! | `powi(0, n)`, n ≥ 3; `powf(0, a)`, a > 2 | 0 | 0 | 0 |
//! | `powf(0, a)`, 1 < a < 2 | 0 | 0 | +∞ |
//! | `powi(0, n)`, `powf(0, a)`, n, a < 0 | +∞ | −∞ | +∞ |
//! | `ln(±0)`, `log2`, `log10`, `log(·, b > 1)` at ±0, `ln_1p(−1)` | −∞ | +∞ | −∞ |
//! | `1 / 0`, `recip(0)` | +∞ | −∞ | +∞ |
//! | `1 / −0`, `recip(−0)` | −∞ | −∞ | −∞ |
//! | `x / y` at (1, 0) | +∞ | (+∞, −∞) | (0, −∞, +∞) |
//! | `√x * 0.5`, `√x / 2.0`, `√x / constant(2)` at 0 | 0 | +∞ | −∞ (all three alike) |
//! | `√x * 0.0`, `√x * constant(0)` at 0 | 0 | 0 | 0 |
//! | `x * ∞`, `x / 0.0` (float or constant) at x = 1 | +∞ | +∞ | 0 |
//! | `√x · y` at (0, 2) | 0 | (+∞, 0) | (−∞, +∞, 0) |
//! | `ln x · y` at (0, 0) | NaN (−∞ · 0) | (0, −∞) | (0, +∞, 0) |
//! | `pow(x, y)` at (0, 0) | 1 | (0, −∞) | (0, +∞, +∞) |
//! | `pow(x, y)` at (0, 0.5) | 0 | (+∞, 0) | (−∞, −∞, 0) |
//! | `pow(x, y)` at (0, 1) | 0 | (1, 0) | (0, −∞, 0) |
//! | `pow(x, y)` at (0, 2) | 0 | (0, 0) | (2, 0, 0) |
//! | `pow(x, x²)` at ±0 | 1 | 0 | −∞ |
//! | `atan2(±0, ±0)` | as `f64`: ±0 or ±π | NaN (undefined) | NaN |
//! | `hypot(0, 0)` | 0 | NaN (undefined) | NaN |
//! | `asin(±1)` | ±π/2 | +∞ | ±∞ |
//! | `acos(±1)` | 0, π | −∞ | ∓∞ |
//! | `atanh(±1)` | ±∞ | +∞ | ±∞ |
//! | `acosh(1)` | 0 | +∞ | −∞ |
//! | `atan(±∞)`, `asinh(±∞)`, `acosh(+∞)` | ±π/2, ±∞, +∞ | 0 | 0 |
//! | `sinc(0)`, `sinhc(0)` (nalgebra's `ComplexField`) | 1 | 0 | −1/3, +1/3 |
//! | `min(a, b)`, `max(a, b)` at a tie | as `f64` | the first argument's | the first argument's |
//!
//! Two-argument rows list (g_x, g_y) and (g_xx, g_xy, g_yy). The
//! derivatives are the limits of f′ and f″ from the side the point can be
//! reached from; for xʸ at x = 0 the limits x → 0⁺ at fixed y (xʸ ln x → 0
//! for y > 0). Functions defined on x ≥ 0 only (`sqrt`, the logarithms,
//! `powf` with a non-integer exponent) treat −0 as +0; functions defined on
//! both sides of 0 (`cbrt`, `recip`, `powi`) take the side of the zero's
//! sign, as `f64` does for their values. `powf` is both the method with a
//! float exponent and nalgebra's `ComplexField::powf` with a constant
//! number as exponent (what generic code calls); `ComplexField::log` with a
//! constant base is the method `log`. `min` and `max` ignore a NaN
//! argument as `f64::min` and `f64::max` do, derivatives included.
//!
//! The zero rule costs a compare and a mask per derivative product, no
//! branch. The anchors differ here: num-dual's `sqrt` at 0 has a NaN
//! derivative, for a variable and for a constant; Ceres' `Jet`, hyperjet
//! and ForwardDiff.jl (by default) multiply without the zero rule, so
//! `sqrt` of a constant 0 gets NaN derivatives there. monodual follows
//! ForwardDiff's "NaN-safe" mode, always on, and on both factors.
//!
//! # Accuracy
//!
//! Every derivative is evaluated in a form that stays accurate over the
//! whole domain: no cancellation near a domain's edge (1 − x² as
//! (1 − x)(1 + x)), no overflow or underflow of an intermediate square
//! (atan2 and hypot through the unit vector, asinh′ as 1/hypot(x, 1)), no
//! rounded exponent (xᵃ⁻¹ as xᵃ/x). The bounds below are the largest errors
//! measured on f64 (with the platform's libm) against 40- to 60-digit
//! references, over random points spread on a log scale across the
//! domain, wherever the inputs (or zero) and the true derivative are normal
//! floats; `tests/precision.rs` holds the regression points, and the
//! differential fuzzer (`compare/src/fuzz`) checks single functions at
//! random points against a 160-bit reference with 4 ulps for f′, 8 for f″.
//!
//! | function | f′ | f″ |
//! |---|---|---|
//! | `sqrt`, `ln`, `exp`, `exp_m1`, `sin`, `cos`, `sinh`, `cosh` | 1 ulp (the libm's) | 2 ulps |
//! | `exp2`, `log2`, `log10`, `log(·, b)`, `ln_1p`, `recip`, `/` | 2 ulps | 3 ulps |
//! | `tan`, `atan` | 2 ulps | 3 ulps |
//! | `asin`, `acos`, `atanh` (also next to ±1) | 2 ulps | 5 ulps |
//! | `asinh`, `acosh` (also next to 1 and beyond 1e154) | 2 ulps | 7 ulps |
//! | `tanh` (also beyond \|x\| = 19, as 4u/(1 + u)², u = e^(−2\|x\|)) | 3 ulps | 4 ulps |
//! | `cbrt` | 5 ulps | 5 ulps |
//! | `powf(x, a)`, `pow(x, y)` (∂/∂x; also where xᵃ⁻² alone is beyond range) | 2 ulps | 3 ulps |
//! | `log(x, b)` with a variable base (∂/∂x, ∂/∂b) | 4 ulps | 5 ulps, plus 4ε of the terms of 2 + ln b in ∂²/∂b², which cancels near b = e⁻² |
//! | `atan2` (over [1e-300, 1e300]²) | 2 ulps | 4 ulps |
//! | `hypot` (over [1e-300, 1e300]²) | 1 ulp | 4 ulps |
//! | `sinhc` (series below \|x\| = 2) | 4 ulps | 4 ulps |
//! | `sinc` (series below \|x\| = 1) | 2ε · min(1, 1/\|x\|) absolute | 2ε · min(1, 1/\|x\|) absolute |
//! | `powi(x, n)` | the accuracy of `f64::powi` (about log₂\|n\| ulps) | the same |
//! | `x % y` | exact (−n of the branch the value is on) | exact (0) |
//!
//! `sinc`′ and `sinc`″ oscillate through 0, where no fixed number of ulps
//! can be met; their error is bounded by the envelope instead. Where the
//! value itself overflows (`exp`, `sinh`, `cosh`, `sinhc` beyond
//! |x| ≈ 709.8) the derivatives overflow with it.
//!
//! # Formatting
//!
//! `Display`, `LowerExp` (`{:e}`) and `UpperExp` (`{:E}`) write every part,
//! each with the formatter's width, precision and sign: `{:.2}` of a `Dual`
//! gives `1.50 + [-0.25, 0.00]ε`. nalgebra matrices of number types format
//! through the same traits.
//!
//! # Stack
//!
//! Every number lives on the stack; a driver's need grows with the size of
//! its numbers, `HyperDual<f64, N>` being 8·(2 + N + N(N+1)/2) bytes
//! (4.4 KiB at N = 32). Measured need of one call, in KiB, on a function
//! with a dense Hessian (`cargo run [--release] --example stack_need`):
//!
//! | driver | build | N = 8 | 16 | 32 | 64 |
//! |---|---|---|---|---|---|
//! | `gradient` | debug | 7 | 35 | 99 | 347 |
//! | `jacobian` | debug | 7 | 51 | 147 | 507 |
//! | `hessian` | debug | 47 | 219 | 1483 | 11007 |
//! | `hessian_vector_product` | debug | 59 | 111 | 247 | 691 |
//! | `hessian_chunked` | debug | 75 | 99 | 155 | 287 |
//! | `gradient` | release | 7 | 7 | 7 | 43 |
//! | `jacobian` | release | 7 | 7 | 43 | 139 |
//! | `hessian` | release | 7 | 39 | 315 | 2255 |
//! | `hessian_vector_product` | release | 7 | 7 | 43 | 143 |
//! | `hessian_chunked` | release | 7 | 7 | 31 | 87 |
//!
//! A spawned thread (and every `cargo test` test) has 2 MiB, the main
//! thread usually 8 MiB: `hessian` fits a spawned thread up to N = 32 in a
//! debug build. Past that, run it on a thread with a larger stack
//! (`std::thread::Builder::stack_size`), use [`hessian_chunked`], whose
//! numbers do not grow with N (the whole Hessian at N = 128 on a 2 MiB
//! thread of a debug build), or [`hessian_vector_product`], whose numbers
//! grow as N, not N², where H·v is all that is needed.
//!
//! # Features
//!
//! `std` (default) uses the standard library's math; without it the crate is
//! `#![no_std]` (and needs no `alloc`) and takes its math from the `libm`
//! feature: `--no-default-features --features libm`. `serde` serializes
//! the number types; `argmin` adds `ArgminProblem`
//! and `ArgminResiduals` (needs `std`).

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(not(any(feature = "std", feature = "libm")))]
compile_error!(
    "monodual needs a source of math functions: enable the `std` feature (default) or, for no_std, the `libm` feature"
);

mod drivers;
mod integrations;
mod model;
mod number;
mod real;
mod solvers;
mod table;

#[doc(inline)]
pub use solvers::{curvature, implicit, least_squares, newton};

pub use drivers::taylor::{taylor, taylor_univariate};
pub use drivers::{
    MatrixLanes, derivative, directional_derivative, gradient, hessian, hessian_chunked,
    hessian_vector_product, jacobian, matrix_gradient, second_derivative, third_derivative,
    third_derivatives,
};
#[cfg(feature = "argmin")]
pub use integrations::argmin::{ArgminProblem, ArgminResiduals};
pub use model::{Objective, Residuals};
pub use number::dual::Dual;
pub use number::hyperdual::HyperDual;
pub use number::jet3::Jet3;
pub use number::packed::{Element, MAX_PACKED, Packed};
pub use number::taylor::Taylor;
pub use real::{Real, Scalar, lift};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
