//! Derivatives of implicitly defined functions: how the solution `x*(p)` of
//! `F(x, p) = 0` moves with the parameters `p`.
//!
//! By the implicit function theorem, differentiating `F(x*(p), p) = 0` gives
//! `F_x · dx*/dp + F_p = 0`, so
//!
//! ```text
//! dx*/dp = −F_x⁻¹ F_p        (F_x = ∂F/∂x: N×N,  F_p = ∂F/∂p: N×P)
//! ```
//!
//! Both partial Jacobians come from one pass of [`Dual`] numbers with
//! `L = N + P` lanes: `xᵢ` is seeded as variable `i` and `pⱼ` as variable
//! `N + j`. `L` is computed by nalgebra's type-level arithmetic
//! (`Const<N>: DimAdd<Const<P>>`, available for sizes up to 127) and inferred
//! at the call site; nobody spells it. The solver that found `x*` does not
//! matter (it need not even be differentiable): only `F` at the solution is
//! differentiated.
//!
//! ```
//! use monodual::{Scalar, implicit, newton::{self, Options}};
//! use nalgebra::SVector;
//!
//! // x³ + p x − 1 = 0 defines x*(p); dx*/dp = −x / (3x² + p)
//! fn residual<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
//!     SVector::<S, 1>::new(x[0].powi(3) + p[0] * x[0] - 1.0)
//! }
//! let p = SVector::<f64, 1>::new(2.0);
//! let root = newton::solve(|x| residual(&x, &p.map(monodual::Dual::constant)), SVector::zeros(),
//!     &Options::default())?;
//! let x = root.x[0];
//! let dxdp = implicit::jacobian(|x, p| residual(&x, &p), root.x, p);
//! assert!((dxdp[(0, 0)] - (-x / (3.0 * x * x + 2.0))).abs() < 1e-15);
//! # Ok::<(), newton::SolveError>(())
//! ```

use nalgebra::{Const, DimAdd, SMatrix, SVector};

use crate::solvers::linalg::lu::{Lu, equilibrate};
use crate::solvers::newton::SolveError;
use crate::{Dual, Real};

/// `dx*/dp = −F_x⁻¹ F_p` at a solution `x` of `F(x, p) = 0`, by the implicit
/// function theorem.
///
/// `f` receives `x` and `p` as vectors of [`Dual`] numbers with `N + P`
/// lanes (inferred). Entries are NaN if `F_x` is singular or ill-conditioned
/// at `x` (reciprocal condition number of `F_x`, equilibrated by rows and
/// columns so that the units of equations and unknowns do not matter, below
/// machine epsilon), where `x*(p)`
/// need not be differentiable; [`try_jacobian`] reports that as an error
/// instead. `x` is assumed to solve `F(x, p) = 0`; this is not checked.
///
/// ```
/// use monodual::{Scalar, implicit};
/// use nalgebra::{SMatrix, SVector};
///
/// // the circle x₀² + x₁² = p₀² met by the line x₀ = p₁ x₁, at p = (√2, 1)
/// fn residual<S: Scalar>(x: &SVector<S, 2>, p: &SVector<S, 2>) -> SVector<S, 2> {
///     SVector::<S, 2>::new(x[0] * x[0] + x[1] * x[1] - p[0] * p[0], x[0] - p[1] * x[1])
/// }
/// let (x, p) = (SVector::<f64, 2>::new(1.0, 1.0), SVector::<f64, 2>::new(2f64.sqrt(), 1.0));
/// let dxdp: SMatrix<f64, 2, 2> = implicit::jacobian(|x, p| residual(&x, &p), x, p);
/// // growing the radius moves the point outwards along the diagonal
/// assert!((dxdp[(0, 0)] - 0.5f64.sqrt()).abs() < 1e-15 && (dxdp[(1, 0)] - 0.5f64.sqrt()).abs() < 1e-15);
/// // steepening the line rotates the point: dx₀/dp₁ = ½, dx₁/dp₁ = −½
/// assert!((dxdp[(0, 1)] - 0.5).abs() < 1e-15 && (dxdp[(1, 1)] + 0.5).abs() < 1e-15);
/// ```
#[inline]
#[must_use]
pub fn jacobian<T, F, const N: usize, const P: usize, const L: usize>(
    f: F,
    x: SVector<T, N>,
    p: SVector<T, P>,
) -> SMatrix<T, N, P>
where
    T: Real,
    Const<N>: DimAdd<Const<P>, Output = Const<L>>,
    F: Fn(SVector<Dual<T, L>, N>, SVector<Dual<T, L>, P>) -> SVector<Dual<T, L>, N>,
{
    // 0/0 = NaN
    try_jacobian(f, x, p).unwrap_or_else(|_| SMatrix::from_element(T::zero() / T::zero()))
}

/// [`jacobian`], returning an error rather than NaN when `F_x` is singular.
///
/// # Errors
///
/// - [`SolveError::NonFinite`] (`iteration: 0`) if `F_x` or `F_p` is NaN or
///   infinite at `(x, p)`;
/// - [`SolveError::SingularJacobian`] (`iteration: 0`) if `F_x` is singular
///   or ill-conditioned: the solution does not depend smoothly on `p` there.
///
/// ```
/// use monodual::{Scalar, implicit, newton::SolveError};
/// use nalgebra::{SVector, Vector1};
///
/// // x² = p: at p = 0 the root x = 0 is double and x*(p) = √p has no derivative
/// fn residual<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
///     SVector::<S, 1>::new(x[0] * x[0] - p[0])
/// }
/// let zero = SVector::<f64, 1>::zeros();
/// let error = implicit::try_jacobian(|x, p| residual(&x, &p), zero, zero).unwrap_err();
/// assert!(matches!(error, SolveError::SingularJacobian { iteration: 0, .. }));
/// let at_four = implicit::try_jacobian(|x, p| residual(&x, &p), Vector1::new(2.0), Vector1::new(4.0))?;
/// assert_eq!(at_four[(0, 0)], 0.25); // d√p/dp = 1 / (2√p)
/// # Ok::<(), SolveError>(())
/// ```
pub fn try_jacobian<T, F, const N: usize, const P: usize, const L: usize>(
    f: F,
    x: SVector<T, N>,
    p: SVector<T, P>,
) -> Result<SMatrix<T, N, P>, SolveError<T>>
where
    T: Real,
    Const<N>: DimAdd<Const<P>, Output = Const<L>>,
    F: Fn(SVector<Dual<T, L>, N>, SVector<Dual<T, L>, P>) -> SVector<Dual<T, L>, N>,
{
    // z = (x, p): variables 0..N are x, N..N+P are p
    let mut z = SVector::<T, L>::zeros();
    z.fixed_rows_mut::<N>(0).copy_from(&x);
    z.fixed_rows_mut::<P>(N).copy_from(&p);
    let (_, dfdz) = crate::jacobian(
        |z: SVector<Dual<T, L>, L>| {
            f(
                z.fixed_rows::<N>(0).into_owned(),
                z.fixed_rows::<P>(N).into_owned(),
            )
        },
        z,
    );
    // ∂F/∂z = [F_x | F_p]
    let fx: SMatrix<T, N, N> = dfdz.fixed_columns::<N>(0).into_owned();
    let fp: SMatrix<T, N, P> = dfdz.fixed_columns::<P>(N).into_owned();
    if !dfdz.iter().all(|d| d.is_finite()) {
        return Err(SolveError::NonFinite {
            iteration: 0,
            quantity: "the Jacobian",
        });
    }

    // R F_x C (C⁻¹ dx*/dp) = −R F_p: the same solution, and a condition
    // number that does not change when an equation or an unknown is scaled
    let (equilibrated, rows, columns) = equilibrate(&fx);
    let lu = Lu::new(equilibrated);
    let reciprocal_condition = lu.reciprocal_condition(&equilibrated);
    let well_conditioned = reciprocal_condition >= T::default_epsilon(); // false for NaN
    if !well_conditioned {
        return Err(SolveError::SingularJacobian {
            iteration: 0,
            reciprocal_condition,
        });
    }
    // F_x · dx*/dp = −F_p, one column per parameter
    let mut dxdp = SMatrix::<T, N, P>::zeros();
    for j in 0..P {
        let column: SVector<T, N> = -fp.column(j).component_mul(&rows);
        dxdp.set_column(j, &lu.solve(&column).component_mul(&columns));
    }
    Ok(dxdp)
}
