//! Models written once: an [`Objective`] (a scalar function of N
//! variables) or [`Residuals`] (a vector function ℝᴺ → ℝᴹ), each with one
//! generic `eval`, used by every driver and solver.
//!
//! A closure has one parameter type, so a closure written for `gradient`
//! (which passes `Dual`s) cannot also go to `hessian` (which passes
//! `HyperDual`s). A model's `eval` is generic over the number type, so one
//! value serves every driver: through the provided methods
//! (`model.gradient(x)`, `model.hessian(x)`, `model.minimize(x0, &options)`)
//! or through [`Objective::as_fn`], which turns it into the closure a driver
//! or solver takes (`monodual::gradient(model.as_fn(), x)`).
//!
//! The drivers themselves keep their closure parameters: implementing the
//! drivers for "a closure or a model" would need one blanket impl over
//! closures and one over models, which overlap, and would lose the
//! inference of the closure's parameter type that `|x| f(&x)` relies on.

use nalgebra::{SMatrix, SVector};

use crate::Scalar;
use crate::newton::{Minimum, Options, Root, SolveError};

/// A scalar function f: ℝᴺ → ℝ, written once for every number type.
///
/// Implement [`eval`](Objective::eval); the provided methods run the
/// drivers and the Newton minimizer on it, and [`as_fn`](Objective::as_fn)
/// hands it to any driver or solver that takes a closure.
///
/// ```
/// use monodual::{Objective, Scalar};
/// use nalgebra::{Matrix2, SVector, Vector2};
///
/// /// Rosenbrock's function with parameters a and b.
/// struct Rosenbrock {
///     a: f64,
///     b: f64,
/// }
///
/// impl Objective<2> for Rosenbrock {
///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
///         (x[1] - x[0] * x[0]).powi(2) * self.b + (x[0] - self.a).powi(2)
///     }
/// }
///
/// let model = Rosenbrock { a: 1.0, b: 100.0 };
/// let x = Vector2::new(1.0, 1.0);
/// let (f, g) = model.gradient(x);
/// let (_, _, h) = model.hessian(x);
/// assert_eq!((f, g), (0.0, Vector2::zeros()));
/// assert_eq!(h, Matrix2::new(802.0, -400.0, -400.0, 200.0));
///
/// // the same model, as the closure a driver takes
/// let (_, _, hv) = monodual::hessian_vector_product(model.as_fn(), x, Vector2::new(1.0, 0.0));
/// assert_eq!(hv, Vector2::new(802.0, -400.0));
///
/// let min = model.minimize(Vector2::new(-1.2, 1.0), &Default::default())?;
/// assert!((min.x - x).norm() < 1e-10);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
pub trait Objective<const N: usize> {
    /// f(x), for every number type `S` (and for `f64` itself).
    fn eval<S: Scalar>(&self, x: &SVector<S, N>) -> S;

    /// The model as the closure a driver or solver takes; its number type
    /// is inferred from the call (`monodual::gradient(model.as_fn(), x)`).
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector2};
    ///
    /// struct Bowl;
    /// impl Objective<2> for Bowl {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         x.norm_squared()
    ///     }
    /// }
    /// let x = Vector2::new(1.0, 2.0);
    /// let (_, dv) = monodual::directional_derivative(Bowl.as_fn(), x, Vector2::new(1.0, 1.0));
    /// assert_eq!(dv, 6.0); // 2x · v
    /// let point = monodual::curvature::classify(Bowl.as_fn(), Vector2::<f64>::zeros());
    /// assert_eq!(point, monodual::curvature::CriticalPoint::Minimum);
    /// ```
    #[inline]
    fn as_fn<S: Scalar>(&self) -> impl Fn(SVector<S, N>) -> S + '_ {
        move |x| self.eval(&x)
    }

    /// f(x) on plain `f64`.
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector1};
    /// struct Square;
    /// impl Objective<1> for Square {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 1>) -> S {
    ///         x[0] * x[0]
    ///     }
    /// }
    /// assert_eq!(Square.value(&Vector1::new(3.0)), 9.0);
    /// ```
    #[inline]
    #[must_use]
    fn value(&self, x: &SVector<f64, N>) -> f64 {
        self.eval(x)
    }

    /// The value and gradient, as [`crate::gradient`].
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector2};
    /// struct Product;
    /// impl Objective<2> for Product {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         x[0] * x[1]
    ///     }
    /// }
    /// assert_eq!(Product.gradient(Vector2::new(2.0, 3.0)), (6.0, Vector2::new(3.0, 2.0)));
    /// ```
    #[inline]
    #[must_use]
    fn gradient(&self, x: SVector<f64, N>) -> (f64, SVector<f64, N>) {
        crate::gradient(self.as_fn(), x)
    }

    /// The value, gradient and Hessian in one pass, as [`crate::hessian`].
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{Matrix2, SVector, Vector2};
    /// struct Product;
    /// impl Objective<2> for Product {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         x[0] * x[1]
    ///     }
    /// }
    /// let (_, _, h) = Product.hessian(Vector2::new(2.0, 3.0));
    /// assert_eq!(h, Matrix2::new(0.0, 1.0, 1.0, 0.0));
    /// ```
    #[inline]
    #[must_use]
    fn hessian(&self, x: SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>)
    where
        nalgebra::Const<N>: crate::Packed,
    {
        crate::hessian(self.as_fn(), x)
    }

    /// The value, gradient and H·v without forming H, as
    /// [`crate::hessian_vector_product`].
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector2};
    /// struct Product;
    /// impl Objective<2> for Product {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         x[0] * x[1]
    ///     }
    /// }
    /// let (_, _, hv) = Product.hessian_vector_product(Vector2::new(2.0, 3.0), Vector2::new(1.0, 0.0));
    /// assert_eq!(hv, Vector2::new(0.0, 1.0));
    /// ```
    #[inline]
    #[must_use]
    fn hessian_vector_product(
        &self,
        x: SVector<f64, N>,
        v: SVector<f64, N>,
    ) -> (f64, SVector<f64, N>, SVector<f64, N>) {
        crate::hessian_vector_product(self.as_fn(), x, v)
    }

    /// The value and ∇f(x)ᵀv in one lane, as [`crate::directional_derivative`].
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector2};
    /// struct Product;
    /// impl Objective<2> for Product {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         x[0] * x[1]
    ///     }
    /// }
    /// let (_, dv) = Product.directional_derivative(Vector2::new(2.0, 3.0), Vector2::new(1.0, 1.0));
    /// assert_eq!(dv, 5.0);
    /// ```
    #[inline]
    #[must_use]
    fn directional_derivative(&self, x: SVector<f64, N>, v: SVector<f64, N>) -> (f64, f64) {
        crate::directional_derivative(self.as_fn(), x, v)
    }

    /// A local minimum from `x0` by [`crate::newton::minimize`].
    ///
    /// # Errors
    ///
    /// As [`crate::newton::minimize`]: the [`SolveError`] says why the
    /// iteration stopped and where.
    ///
    /// ```
    /// use monodual::{Objective, Scalar};
    /// use nalgebra::{SVector, Vector2};
    /// struct Bowl;
    /// impl Objective<2> for Bowl {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
    ///         (x[0] - 1.0).powi(2) + (x[1] + 2.0).powi(2)
    ///     }
    /// }
    /// let min = Bowl.minimize(Vector2::zeros(), &Default::default())?;
    /// assert!((min.x - Vector2::new(1.0, -2.0)).norm() < 1e-12);
    /// # Ok::<(), monodual::newton::SolveError>(())
    /// ```
    #[inline]
    fn minimize(
        &self,
        x0: SVector<f64, N>,
        options: &Options,
    ) -> Result<Minimum<f64, N>, SolveError>
    where
        nalgebra::Const<N>: crate::Packed,
    {
        crate::newton::minimize(self.as_fn(), x0, options)
    }
}

/// A borrowed model is a model, so `ArgminProblem::new(&model)` or a
/// function taking `impl Objective<N>` leaves the caller its value.
impl<O: Objective<N> + ?Sized, const N: usize> Objective<N> for &O {
    #[inline]
    fn eval<S: Scalar>(&self, x: &SVector<S, N>) -> S {
        (**self).eval(x)
    }
}

/// A vector function r: ℝᴺ → ℝᴹ (residuals, a nonlinear system), written
/// once for every number type.
///
/// Implement [`eval`](Residuals::eval); the provided methods give the
/// Jacobian and, for square systems (M = N), the Newton root finder, and
/// [`as_fn`](Residuals::as_fn) hands it to any driver or solver that takes a
/// closure.
///
/// ```
/// use monodual::{Residuals, Scalar};
/// use nalgebra::{Matrix2, SVector, Vector2};
///
/// /// x = cos y, y = sin x
/// struct Fixpoint;
/// impl Residuals<2, 2> for Fixpoint {
///     fn eval<S: Scalar>(&self, v: &SVector<S, 2>) -> SVector<S, 2> {
///         Vector2::new(v[0] - v[1].cos(), v[1] - v[0].sin())
///     }
/// }
///
/// let (r, j) = Fixpoint.jacobian(Vector2::new(0.0, 0.0));
/// assert_eq!(r, Vector2::new(-1.0, 0.0));
/// assert_eq!(j, Matrix2::new(1.0, 0.0, -1.0, 1.0));
/// let root = Fixpoint.solve(Vector2::zeros(), &Default::default())?;
/// assert!(Fixpoint.value(&root.x).norm() < 1e-12);
/// # Ok::<(), monodual::newton::SolveError>(())
/// ```
pub trait Residuals<const N: usize, const M: usize> {
    /// r(x), for every number type `S` (and for `f64` itself).
    fn eval<S: Scalar>(&self, x: &SVector<S, N>) -> SVector<S, M>;

    /// The model as the closure a driver or solver takes; its number type
    /// is inferred from the call (`monodual::jacobian(model.as_fn(), x)`).
    ///
    /// ```
    /// use monodual::{Residuals, Scalar};
    /// use nalgebra::{SVector, Vector1, Vector2};
    /// struct Circle;
    /// impl Residuals<2, 1> for Circle {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 1> {
    ///         Vector1::new(x.norm_squared() - 1.0)
    ///     }
    /// }
    /// let (_, j) = monodual::jacobian(Circle.as_fn(), Vector2::new(0.6, 0.8));
    /// assert_eq!(j[(0, 1)], 1.6);
    /// ```
    #[inline]
    fn as_fn<S: Scalar>(&self) -> impl Fn(SVector<S, N>) -> SVector<S, M> + '_ {
        move |x| self.eval(&x)
    }

    /// r(x) on plain `f64`.
    ///
    /// ```
    /// use monodual::{Residuals, Scalar};
    /// use nalgebra::{SVector, Vector1, Vector2};
    /// struct Circle;
    /// impl Residuals<2, 1> for Circle {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 1> {
    ///         Vector1::new(x.norm_squared() - 1.0)
    ///     }
    /// }
    /// assert_eq!(Circle.value(&Vector2::new(1.0, 1.0)), Vector1::new(1.0));
    /// ```
    #[inline]
    #[must_use]
    fn value(&self, x: &SVector<f64, N>) -> SVector<f64, M> {
        self.eval(x)
    }

    /// r(x) and the Jacobian J (Jᵢⱼ = ∂rᵢ/∂xⱼ), as [`crate::jacobian`].
    ///
    /// ```
    /// use monodual::{Residuals, Scalar};
    /// use nalgebra::{Matrix1x2, SVector, Vector1, Vector2};
    /// struct Circle;
    /// impl Residuals<2, 1> for Circle {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 1> {
    ///         Vector1::new(x.norm_squared() - 1.0)
    ///     }
    /// }
    /// let (_, j) = Circle.jacobian(Vector2::new(0.5, 2.0));
    /// assert_eq!(j, Matrix1x2::new(1.0, 4.0));
    /// ```
    #[inline]
    #[must_use]
    fn jacobian(&self, x: SVector<f64, N>) -> (SVector<f64, M>, SMatrix<f64, M, N>) {
        crate::jacobian(self.as_fn(), x)
    }

    /// A root of a square system (M = N) from `x0` by
    /// [`crate::newton::solve`].
    ///
    /// # Errors
    ///
    /// As [`crate::newton::solve`]: the [`SolveError`] says why the
    /// iteration stopped and where.
    ///
    /// ```
    /// use monodual::{Residuals, Scalar};
    /// use nalgebra::{SVector, Vector2};
    /// struct Lines;
    /// impl Residuals<2, 2> for Lines {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 2> {
    ///         Vector2::new(x[0] + x[1] - 3.0, x[0] - x[1] - 1.0)
    ///     }
    /// }
    /// let root = Lines.solve(Vector2::zeros(), &Default::default())?;
    /// assert!((root.x - Vector2::new(2.0, 1.0)).norm() < 1e-12);
    /// # Ok::<(), monodual::newton::SolveError>(())
    /// ```
    #[inline]
    fn solve(&self, x0: SVector<f64, N>, options: &Options) -> Result<Root<f64, N>, SolveError>
    where
        Self: Residuals<N, N>,
    {
        crate::newton::solve(<Self as Residuals<N, N>>::as_fn(self), x0, options)
    }

    // Least squares: once `monodual::least_squares` is in the crate, a
    // provided `fn least_squares(&self, x0, options)` forwarding to
    // `crate::least_squares::minimize(self.as_fn(), x0, options)` goes here.
}

/// A borrowed model is a model.
impl<R: Residuals<N, M> + ?Sized, const N: usize, const M: usize> Residuals<N, M> for &R {
    #[inline]
    fn eval<S: Scalar>(&self, x: &SVector<S, N>) -> SVector<S, M> {
        (**self).eval(x)
    }
}
