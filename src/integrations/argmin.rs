//! argmin integration (feature `argmin`): a model becomes an argmin
//! problem with exact derivatives.
//!
//! [`ArgminProblem`] wraps an [`Objective`] as argmin's `CostFunction`,
//! `Gradient` and `Hessian`; [`ArgminResiduals`] wraps [`Residuals`] as
//! `Operator` and `Jacobian`. Parameters, gradients and residuals are
//! `Vec<f64>` and matrices `Vec<Vec<f64>>` (rows), the types of
//! argmin-math's `vec` backend, which every argmin solver accepts whatever
//! nalgebra version argmin-math is built for. A parameter vector of the
//! wrong length is an argmin error, not a panic.

extern crate std;

use std::format;
use std::vec::Vec;

use ::argmin::core::{ArgminError, CostFunction, Error, Gradient, Hessian, Jacobian, Operator};
use nalgebra::SVector;

use crate::{Objective, Residuals};

/// An [`Objective`] of N variables as an argmin problem: `cost` is f(x),
/// `gradient` ∇f(x) from one pass on `Dual`s, `hessian` ∇²f(x) from one
/// pass on `HyperDual`s.
///
/// ```
/// use argmin::core::{CostFunction, Gradient, Hessian};
/// use monodual::{ArgminProblem, Objective, Scalar};
/// use nalgebra::SVector;
///
/// struct Rosenbrock;
/// impl Objective<2> for Rosenbrock {
///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> S {
///         (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
///     }
/// }
///
/// let problem = ArgminProblem::new(Rosenbrock);
/// let x = vec![1.0, 1.0];
/// assert_eq!(problem.cost(&x)?, 0.0);
/// assert_eq!(problem.gradient(&x)?, vec![0.0, 0.0]);
/// assert_eq!(problem.hessian(&x)?, vec![vec![802.0, -400.0], vec![-400.0, 200.0]]);
/// assert!(problem.cost(&vec![1.0]).is_err()); // wrong length: an error
/// # Ok::<(), argmin::core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ArgminProblem<O, const N: usize> {
    /// The model.
    pub model: O,
}

impl<O: Objective<N>, const N: usize> ArgminProblem<O, N> {
    /// Wraps `model`; N is inferred from its `Objective` impl.
    ///
    /// ```
    /// use monodual::{ArgminProblem, Objective, Scalar};
    /// use nalgebra::SVector;
    /// struct Bowl;
    /// impl Objective<3> for Bowl {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 3>) -> S {
    ///         x.norm_squared()
    ///     }
    /// }
    /// let problem = ArgminProblem::new(Bowl);
    /// # let _ = problem;
    /// ```
    #[inline]
    #[must_use]
    pub fn new(model: O) -> Self {
        Self { model }
    }
}

impl<O: Objective<N>, const N: usize> CostFunction for ArgminProblem<O, N> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, param: &Vec<f64>) -> Result<f64, Error> {
        Ok(self.model.value(&point(param)?))
    }
}

impl<O: Objective<N>, const N: usize> Gradient for ArgminProblem<O, N> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, param: &Vec<f64>) -> Result<Vec<f64>, Error> {
        let (_, g) = self.model.gradient(point(param)?);
        Ok(g.as_slice().to_vec())
    }
}

impl<O: Objective<N>, const N: usize> Hessian for ArgminProblem<O, N>
where
    nalgebra::Const<N>: crate::Packed,
{
    type Param = Vec<f64>;
    type Hessian = Vec<Vec<f64>>;

    fn hessian(&self, param: &Vec<f64>) -> Result<Vec<Vec<f64>>, Error> {
        let (_, _, h) = self.model.hessian(point(param)?);
        Ok(h.row_iter()
            .map(|row| row.iter().copied().collect())
            .collect())
    }
}

/// [`Residuals`] r: ℝᴺ → ℝᴹ as an argmin problem: `apply` is r(x) and
/// `jacobian` the M × N Jacobian (as M rows), from one pass on `Dual`s.
///
/// ```
/// use argmin::core::{Jacobian, Operator};
/// use monodual::{ArgminResiduals, Residuals, Scalar};
/// use nalgebra::{SVector, Vector3};
///
/// struct Line;
/// impl Residuals<2, 3> for Line {
///     fn eval<S: Scalar>(&self, p: &SVector<S, 2>) -> SVector<S, 3> {
///         Vector3::new(p[0] - 1.0, p[0] + p[1] - 3.0, p[0] + p[1] * 2.0 - 5.0)
///     }
/// }
///
/// let problem = ArgminResiduals::new(Line);
/// assert_eq!(problem.apply(&vec![1.0, 2.0])?, vec![0.0, 0.0, 0.0]);
/// assert_eq!(problem.jacobian(&vec![1.0, 2.0])?, vec![vec![1.0, 0.0], vec![1.0, 1.0], vec![1.0, 2.0]]);
/// # Ok::<(), argmin::core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ArgminResiduals<R, const N: usize, const M: usize> {
    /// The model.
    pub model: R,
}

impl<R: Residuals<N, M>, const N: usize, const M: usize> ArgminResiduals<R, N, M> {
    /// Wraps `model`; N and M are inferred from its `Residuals` impl.
    ///
    /// ```
    /// use monodual::{ArgminResiduals, Residuals, Scalar};
    /// use nalgebra::{SVector, Vector1};
    /// struct Circle;
    /// impl Residuals<2, 1> for Circle {
    ///     fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 1> {
    ///         Vector1::new(x.norm_squared() - 1.0)
    ///     }
    /// }
    /// let problem = ArgminResiduals::new(Circle);
    /// # let _ = problem;
    /// ```
    #[inline]
    #[must_use]
    pub fn new(model: R) -> Self {
        Self { model }
    }
}

impl<R: Residuals<N, M>, const N: usize, const M: usize> Operator for ArgminResiduals<R, N, M> {
    type Param = Vec<f64>;
    type Output = Vec<f64>;

    fn apply(&self, param: &Vec<f64>) -> Result<Vec<f64>, Error> {
        Ok(self.model.value(&point(param)?).as_slice().to_vec())
    }
}

impl<R: Residuals<N, M>, const N: usize, const M: usize> Jacobian for ArgminResiduals<R, N, M> {
    type Param = Vec<f64>;
    type Jacobian = Vec<Vec<f64>>;

    fn jacobian(&self, param: &Vec<f64>) -> Result<Vec<Vec<f64>>, Error> {
        let (_, j) = self.model.jacobian(point(param)?);
        Ok(j.row_iter()
            .map(|row| row.iter().copied().collect())
            .collect())
    }
}

/// The parameter slice as a point of ℝᴺ, or an argmin error naming both
/// lengths.
fn point<const N: usize>(param: &[f64]) -> Result<SVector<f64, N>, Error> {
    if param.len() == N {
        Ok(SVector::from_column_slice(param))
    } else {
        Err(ArgminError::InvalidParameter {
            text: format!(
                "the model has {N} variables, the parameter vector {} entries",
                param.len()
            ),
        }
        .into())
    }
}
