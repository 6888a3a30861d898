//! Central finite differences on the plain f64 functions: the derivative
//! any user can have without a library, at the cost of many evaluations and
//! of truncation and rounding error.

use nalgebra::{SMatrix, SVector};

/// Step for a first derivative: ε^(1/3) balances the O(h²) truncation error
/// against the O(ε/h) rounding error.
const FIRST_STEP: f64 = 6.055_454_452_393_343e-6; // f64::EPSILON.cbrt()
/// Step for a second derivative: ε^(1/4), by the same balance for O(ε/h²).
const SECOND_STEP: f64 = 1.220_703_125e-4; // f64::EPSILON.powf(0.25)

/// The step for coordinate value `xi`, relative to its size.
#[inline]
fn step(base: f64, xi: f64) -> f64 {
    base * xi.abs().max(1.0)
}

/// Value and central-difference gradient, from 2N + 1 evaluations:
/// ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h.
#[inline]
pub fn gradient<const N: usize>(
    f: impl Fn(&SVector<f64, N>) -> f64,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>) {
    let value = f(x);
    let mut gradient = SVector::zeros();
    let mut shifted = *x;
    for i in 0..N {
        let h = step(FIRST_STEP, x[i]);
        shifted[i] = x[i] + h;
        let forward = f(&shifted);
        shifted[i] = x[i] - h;
        let backward = f(&shifted);
        shifted[i] = x[i];
        gradient[i] = (forward - backward) / (2.0 * h);
    }
    (value, gradient)
}

/// Value and central-difference Jacobian, from 2N + 1 evaluations:
/// column i ≈ (F(x + h e_i) − F(x − h e_i)) / 2h.
#[inline]
pub fn jacobian<const M: usize, const N: usize>(
    f: impl Fn(&SVector<f64, N>) -> SVector<f64, M>,
    x: &SVector<f64, N>,
) -> (SVector<f64, M>, SMatrix<f64, M, N>) {
    let value = f(x);
    let mut jacobian = SMatrix::<f64, M, N>::zeros();
    let mut shifted = *x;
    for i in 0..N {
        let h = step(FIRST_STEP, x[i]);
        shifted[i] = x[i] + h;
        let forward = f(&shifted);
        shifted[i] = x[i] - h;
        let backward = f(&shifted);
        shifted[i] = x[i];
        jacobian.set_column(i, &((forward - backward) / (2.0 * h)));
    }
    (value, jacobian)
}

/// Value, gradient and Hessian by central differences, from 2N² + 1
/// evaluations:
///
/// ∂²f/∂x_i² ≈ (f(x + h e_i) − 2 f(x) + f(x − h e_i)) / h²,
/// ∂²f/∂x_i∂x_j ≈ (f(x + h_i e_i + h_j e_j) − f(x + h_i e_i − h_j e_j)
///                 − f(x − h_i e_i + h_j e_j) + f(x − h_i e_i − h_j e_j)) / 4 h_i h_j.
///
/// The gradient reuses the evaluations at x ± h e_i, so it has the second
/// derivative's larger step.
#[inline]
pub fn hessian<const N: usize>(
    f: impl Fn(&SVector<f64, N>) -> f64,
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    let value = f(x);
    let steps = SVector::<f64, N>::from_fn(|i, _| step(SECOND_STEP, x[i]));
    let mut gradient = SVector::zeros();
    let mut hessian = SMatrix::zeros();
    let mut shifted = *x;
    for i in 0..N {
        let hi = steps[i];
        shifted[i] = x[i] + hi;
        let forward = f(&shifted);
        shifted[i] = x[i] - hi;
        let backward = f(&shifted);
        shifted[i] = x[i];
        gradient[i] = (forward - backward) / (2.0 * hi);
        hessian[(i, i)] = (forward - 2.0 * value + backward) / (hi * hi);
        for j in 0..i {
            let hj = steps[j];
            let mut corner = |si: f64, sj: f64| {
                shifted[i] = x[i] + si * hi;
                shifted[j] = x[j] + sj * hj;
                let corner_value = f(&shifted);
                shifted[i] = x[i];
                shifted[j] = x[j];
                corner_value
            };
            let mixed = (corner(1.0, 1.0) - corner(1.0, -1.0) - corner(-1.0, 1.0)
                + corner(-1.0, -1.0))
                / (4.0 * hi * hj);
            hessian[(i, j)] = mixed;
            hessian[(j, i)] = mixed;
        }
    }
    (value, gradient, hessian)
}

/// Value, gradient and Hessian-vector product by central differences, from
/// 6N + 1 evaluations and without forming H:
///
/// (H v)_i ≈ (f(x + h e_i + h v) − f(x + h e_i − h v)
///            − f(x − h e_i + h v) + f(x − h e_i − h v)) / 4h².
#[inline]
pub fn hessian_vector_product<const N: usize>(
    f: impl Fn(&SVector<f64, N>) -> f64,
    x: &SVector<f64, N>,
    v: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SVector<f64, N>) {
    let (value, gradient) = self::gradient(&f, x);
    let h = step(SECOND_STEP, x.amax());
    let along_plus = x + v * h;
    let along_minus = x - v * h;
    let mut product = SVector::zeros();
    for i in 0..N {
        let shifted = |base: &SVector<f64, N>, sign: f64| {
            let mut point = *base;
            point[i] += sign * h;
            f(&point)
        };
        product[i] =
            (shifted(&along_plus, 1.0) - shifted(&along_minus, 1.0) - shifted(&along_plus, -1.0)
                + shifted(&along_minus, -1.0))
                / (4.0 * h * h);
    }
    (value, gradient, product)
}
