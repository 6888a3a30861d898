//! The result of [`minimize`](super::minimize), and the covariance of the
//! parameters from it.

use nalgebra::{SMatrix, SVector};

use super::Stop;
use crate::Real;
use crate::solvers::linalg::qr::{self, PivotedQr, norm};

/// The result of [`minimize`](super::minimize): a local minimizer of `½‖r‖²` and what is
/// known there.
///
/// ```
/// use monodual::least_squares::{self, Options};
/// use nalgebra::{Vector2, Vector3};
/// // the line y = a + b t through (0, 1), (1, 3), (2, 4)
/// let fit = least_squares::minimize(
///     |p| Vector3::new(p[0] - 1.0, p[0] + p[1] - 3.0, p[0] + p[1] * 2.0 - 4.0),
///     Vector2::<f64>::zeros(),
///     &Options::default(),
/// )?;
/// assert!((fit.x - Vector2::new(7.0 / 6.0, 1.5)).norm() < 1e-12);
/// assert!((fit.cost - 1.0 / 12.0).abs() < 1e-12); // ½ Σ rᵢ²
/// # Ok::<(), least_squares::Error<f64, 2>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit<T, const N: usize, const M: usize> {
    /// The minimizer.
    pub x: SVector<T, N>,
    /// `r(x)`.
    pub residuals: SVector<T, M>,
    /// `½‖r(x)‖²`.
    pub cost: T,
    /// `J(x)`, `Jᵢⱼ = ∂rᵢ/∂xⱼ`.
    pub jacobian: SMatrix<T, M, N>,
    /// Accepted steps.
    pub iterations: usize,
    /// Evaluations of `r` and `J` (one pass of the residual function each),
    /// the start included.
    pub evaluations: usize,
    /// Which test stopped the iteration.
    pub stop: Stop,
}

impl<T: Real, const N: usize, const M: usize> Fit<T, N, M> {
    /// `(JᵀJ)⁻¹` at the fit, from the pivoted QR factorization of `J`
    /// (`(JᵀJ)⁻¹ = P R⁻¹R⁻ᵀ Pᵀ`); `None` when `J` is rank deficient, that
    /// is when some `|Rⱼⱼ| ≤ M·ε·|R₀₀|`.
    ///
    /// ```
    /// use monodual::least_squares::{self, Options};
    /// use nalgebra::{Matrix2, Vector2, Vector3};
    /// let fit = least_squares::minimize(
    ///     |p| Vector3::new(p[0], p[1] * 2.0, p[0] + p[1] - 1.0), Vector2::zeros(), &Options::default())?;
    /// // J = [[1, 0], [0, 2], [1, 1]], JᵀJ = [[2, 1], [1, 5]]
    /// let inverse = Matrix2::new(2.0, 1.0, 1.0, 5.0).try_inverse().unwrap();
    /// assert!((fit.unscaled_covariance().unwrap() - inverse).norm() < 1e-14);
    /// // a parameter the residuals do not depend on: rank deficient
    /// let flat = least_squares::minimize(
    ///     |p| Vector3::new(p[0], p[0] * 2.0, p[0] - 1.0), Vector2::zeros(), &Options::default())?;
    /// assert!(flat.unscaled_covariance().is_none());
    /// # Ok::<(), least_squares::Error<f64, 2>>(())
    /// ```
    #[must_use]
    pub fn unscaled_covariance(&self) -> Option<SMatrix<T, N, N>> {
        let qr = PivotedQr::new(self.jacobian);
        let r = qr.r();
        let tolerance = T::default_epsilon() * nalgebra::convert::<f64, T>(M as f64);
        if qr::rank(&r, tolerance) < N {
            return None;
        }
        // R⁻¹, column by column, then (RᵀR)⁻¹ = R⁻¹R⁻ᵀ in pivoted order
        let mut r_inverse = SMatrix::<T, N, N>::zeros();
        for k in 0..N {
            let unit = SVector::<T, N>::from_fn(|i, _| if i == k { T::one() } else { T::zero() });
            r_inverse.set_column(k, &qr::solve_upper(&r, &unit, N));
        }
        let pivoted = r_inverse * r_inverse.transpose();
        let p = &qr.permutation;
        let mut covariance = SMatrix::<T, N, N>::zeros();
        for a in 0..N {
            for b in 0..N {
                covariance[(p[a], p[b])] = pivoted[(a, b)];
            }
        }
        covariance
            .iter()
            .all(|c| c.is_finite())
            .then_some(covariance)
    }

    /// The estimated covariance of the parameters, `σ²(JᵀJ)⁻¹` with
    /// `σ² = 2·cost/(M − N) = ‖r‖²/(M − N)`; `None` when `J` is rank
    /// deficient or `M = N` (no degrees of freedom). The square roots of its
    /// diagonal are the parameters' standard errors.
    ///
    /// ```
    /// use monodual::least_squares::{self, Options};
    /// use nalgebra::{Vector1, Vector4};
    /// // the mean of 1, 2, 3, 6: σ² = Σ(yᵢ − 3)²/3 = 14/3, var(mean) = σ²/4
    /// let fit = least_squares::minimize(
    ///     |m| Vector4::new(m[0] - 1.0, m[0] - 2.0, m[0] - 3.0, m[0] - 6.0), Vector1::<f64>::zeros(),
    ///     &Options::default())?;
    /// assert!((fit.covariance().unwrap()[(0, 0)] - 14.0 / 12.0).abs() < 1e-12);
    /// # Ok::<(), least_squares::Error<f64, 1>>(())
    /// ```
    #[must_use]
    pub fn covariance(&self) -> Option<SMatrix<T, N, N>> {
        if M <= N {
            return None;
        }
        let degrees_of_freedom: T = nalgebra::convert((M - N) as f64);
        let sigma_squared = norm(&self.residuals).powi(2) / degrees_of_freedom;
        self.unscaled_covariance().map(|c| c * sigma_squared)
    }
}
