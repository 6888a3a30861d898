//! Hand-written derivatives: the speed a careful person reaches without any
//! automatic differentiation. Each returns the value too, as the drivers do.

use nalgebra::{SMatrix, SVector};

use crate::functions::{OBSERVATIONS, TIMES};

/// Value and gradient of the extended Rosenbrock function.
///
/// For one pair (a, b) = (x_{2k}, x_{2k+1}) with t = b − a²:
/// ∂f/∂a = −400 a t + 2 (a − 1),  ∂f/∂b = 200 t.
#[inline]
pub fn rosenbrock_gradient<const N: usize>(x: &SVector<f64, N>) -> (f64, SVector<f64, N>) {
    let mut value = 0.0;
    let mut gradient = SVector::zeros();
    for k in 0..N / 2 {
        let (a, b) = (x[2 * k], x[2 * k + 1]);
        let valley = b - a * a;
        let offset = a - 1.0;
        value += 100.0 * valley * valley + offset * offset;
        gradient[2 * k] = -400.0 * a * valley + 2.0 * offset;
        gradient[2 * k + 1] = 200.0 * valley;
    }
    (value, gradient)
}

/// The 2×2 Hessian block of one Rosenbrock pair (a, b):
/// ∂²f/∂a² = 1200 a² − 400 b + 2,  ∂²f/∂a∂b = −400 a,  ∂²f/∂b² = 200.
#[inline]
fn rosenbrock_pair_hessian(a: f64, b: f64) -> (f64, f64, f64) {
    (1200.0 * a * a - 400.0 * b + 2.0, -400.0 * a, 200.0)
}

/// Value, gradient and Hessian of the extended Rosenbrock function (the
/// Hessian is block diagonal, made of the 2×2 pair blocks).
#[inline]
pub fn rosenbrock_hessian<const N: usize>(
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    let (value, gradient) = rosenbrock_gradient(x);
    let mut hessian = SMatrix::zeros();
    for k in 0..N / 2 {
        let (i, j) = (2 * k, 2 * k + 1);
        let (aa, ab, bb) = rosenbrock_pair_hessian(x[i], x[j]);
        hessian[(i, i)] = aa;
        hessian[(i, j)] = ab;
        hessian[(j, i)] = ab;
        hessian[(j, j)] = bb;
    }
    (value, gradient, hessian)
}

/// Value, gradient and Hessian-vector product H v of the extended
/// Rosenbrock function, without forming H.
#[inline]
pub fn rosenbrock_hessian_vector_product<const N: usize>(
    x: &SVector<f64, N>,
    v: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SVector<f64, N>) {
    let (value, gradient) = rosenbrock_gradient(x);
    let mut product = SVector::zeros();
    for k in 0..N / 2 {
        let (i, j) = (2 * k, 2 * k + 1);
        let (aa, ab, bb) = rosenbrock_pair_hessian(x[i], x[j]);
        product[i] = aa * v[i] + ab * v[j];
        product[j] = ab * v[i] + bb * v[j];
    }
    (value, gradient, product)
}

/// The parts of the transcendental function that its derivatives share.
struct TranscendentalParts<const N: usize> {
    value: f64,
    /// 1 + Σ x_i²
    one_plus_squares: f64,
    /// exp(x_i / 2)
    half_exp: [f64; N],
    sin: [f64; N],
    cos: [f64; N],
    /// √(1 + x_i²)
    roots: [f64; N],
}

#[inline]
fn transcendental_parts<const N: usize>(x: &SVector<f64, N>) -> TranscendentalParts<N> {
    let half_exp: [f64; N] = std::array::from_fn(|i| (0.5 * x[i]).exp());
    let (sin, cos) = {
        let mut sin = [0.0; N];
        let mut cos = [0.0; N];
        for i in 0..N {
            (sin[i], cos[i]) = x[i].sin_cos();
        }
        (sin, cos)
    };
    let roots: [f64; N] = std::array::from_fn(|i| (1.0 + x[i] * x[i]).sqrt());
    let one_plus_squares = 1.0 + x.norm_squared();
    let mut value = one_plus_squares.ln() + roots.iter().sum::<f64>();
    for i in 0..N - 1 {
        value += sin[i] * half_exp[i + 1];
    }
    TranscendentalParts {
        value,
        one_plus_squares,
        half_exp,
        sin,
        cos,
        roots,
    }
}

/// Value and gradient of the transcendental function, with s = Σ x_j²:
///
/// ∂f/∂x_i = 2x_i / (1 + s) + x_i / √(1 + x_i²)
///           + cos x_i · exp(x_{i+1}/2)   (i < N−1)
///           + ½ sin x_{i−1} · exp(x_i/2) (i > 0)
#[inline]
pub fn transcendental_gradient<const N: usize>(x: &SVector<f64, N>) -> (f64, SVector<f64, N>) {
    let parts = transcendental_parts(x);
    let gradient = SVector::from_fn(|i, _| transcendental_partial(x, &parts, i));
    (parts.value, gradient)
}

#[inline]
fn transcendental_partial<const N: usize>(
    x: &SVector<f64, N>,
    parts: &TranscendentalParts<N>,
    i: usize,
) -> f64 {
    let mut partial = 2.0 * x[i] / parts.one_plus_squares + x[i] / parts.roots[i];
    if i + 1 < N {
        partial += parts.cos[i] * parts.half_exp[i + 1];
    }
    if i > 0 {
        partial += 0.5 * parts.sin[i - 1] * parts.half_exp[i];
    }
    partial
}

/// Value, gradient and Hessian of the transcendental function:
///
/// ∂²f/∂x_i∂x_j = 2δ_ij / (1 + s) − 4 x_i x_j / (1 + s)² + δ_ij (1 + x_i²)^(−3/2)
///   + δ_ij (−sin x_i · exp(x_{i+1}/2) [i < N−1] + ¼ sin x_{i−1} · exp(x_i/2) [i > 0])
///   + ½ cos x_i · exp(x_{i+1}/2) for |i − j| = 1 (with i the smaller index)
#[inline]
pub fn transcendental_hessian<const N: usize>(
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    let parts = transcendental_parts(x);
    let gradient = SVector::from_fn(|i, _| transcendental_partial(x, &parts, i));
    let inverse = 1.0 / parts.one_plus_squares;
    let mut hessian = SMatrix::from_fn(|i, j| -4.0 * x[i] * x[j] * inverse * inverse);
    for i in 0..N {
        let root = parts.roots[i];
        let mut diagonal = 2.0 * inverse + 1.0 / (root * root * root);
        if i + 1 < N {
            diagonal -= parts.sin[i] * parts.half_exp[i + 1];
            let coupling = 0.5 * parts.cos[i] * parts.half_exp[i + 1];
            hessian[(i, i + 1)] += coupling;
            hessian[(i + 1, i)] += coupling;
        }
        if i > 0 {
            diagonal += 0.25 * parts.sin[i - 1] * parts.half_exp[i];
        }
        hessian[(i, i)] += diagonal;
    }
    (parts.value, gradient, hessian)
}

/// Value and Jacobian of `square_map`.
#[inline]
pub fn square_map_jacobian(x: &SVector<f64, 4>) -> (SVector<f64, 4>, SMatrix<f64, 4, 4>) {
    let (x0, x1, x2, x3) = (x[0], x[1], x[2], x[3]);
    let (sin2, cos2) = x2.sin_cos();
    let radius = (x1 * x1 + x3 * x3).sqrt();
    let exponential = (x0 - x3).exp();
    let denominator = 1.0 / (1.0 + x0 * x0);
    let quotient = x2 * x3 * denominator;
    let value = SVector::from([x0 * x1 + sin2, radius, exponential, quotient]);
    #[rustfmt::skip]
    let jacobian = SMatrix::<f64, 4, 4>::new(
        x1, x0, cos2, 0.0,
        0.0, x1 / radius, 0.0, x3 / radius,
        exponential, 0.0, 0.0, -exponential,
        // ∂/∂x₀ of x₂x₃ / (1 + x₀²) = −2x₀ · x₂x₃ / (1 + x₀²)²
        -2.0 * x0 * quotient * denominator, 0.0, x3 * denominator, x2 * denominator,
    );
    (value, jacobian)
}

/// Value and Jacobian of `spherical_map`.
#[inline]
pub fn spherical_map_jacobian(x: &SVector<f64, 3>) -> (SVector<f64, 5>, SMatrix<f64, 5, 3>) {
    let (r, theta, phi) = (x[0], x[1], x[2]);
    let (sin_theta, cos_theta) = theta.sin_cos();
    let (sin_phi, cos_phi) = phi.sin_cos();
    let rho = r * sin_theta;
    let value = SVector::from([rho * cos_phi, rho * sin_phi, r * cos_theta, r * rho, r.ln()]);
    #[rustfmt::skip]
    let jacobian = SMatrix::<f64, 5, 3>::new(
        sin_theta * cos_phi, r * cos_theta * cos_phi, -rho * sin_phi,
        sin_theta * sin_phi, r * cos_theta * sin_phi, rho * cos_phi,
        cos_theta, -rho, 0.0,
        2.0 * rho, r * r * cos_theta, 0.0,
        1.0 / r, 0.0, 0.0,
    );
    (value, jacobian)
}

/// Value and gradient of `log_likelihood`, with K = Σ(θ), α = K⁻¹ r and
/// W = α αᵀ − K⁻¹:
///
/// ∂/∂μ = Σ_i α_i,  ∂/∂θ_k = ½ tr(W ∂K/∂θ_k) for the covariance parameters,
/// ∂K/∂ln σ = 2 K_se,  ∂K/∂ln ℓ = K_se ∘ (d² / ℓ²),  ∂K/∂ln s = 2 s² I,
///
/// where K_se is the squared-exponential part and d_ij = t_i − t_j.
/// Returns NaN if K is not positive definite.
#[inline]
pub fn log_likelihood_gradient(theta: &SVector<f64, 4>) -> (f64, SVector<f64, 4>) {
    let signal_variance = (2.0 * theta[1]).exp();
    let inverse_length_squared = (-2.0 * theta[2]).exp();
    let noise_variance = (2.0 * theta[3]).exp();
    let scaled_squared_distance = SMatrix::<f64, 4, 4>::from_fn(|i, j| {
        let distance = TIMES[i] - TIMES[j];
        distance * distance * inverse_length_squared
    });
    let kernel = scaled_squared_distance.map(|d2| signal_variance * (-0.5 * d2).exp());
    let covariance = kernel + SMatrix::<f64, 4, 4>::identity() * noise_variance;
    let residual = SVector::<f64, 4>::from_fn(|i, _| OBSERVATIONS[i] - theta[0]);
    let Some(cholesky) = covariance.cholesky() else {
        return (f64::NAN, SVector::repeat(f64::NAN));
    };
    let factor = cholesky.l_dirty();
    let log_determinant = 2.0 * (0..4).map(|i| factor[(i, i)].ln()).sum::<f64>();
    let weights = cholesky.solve(&residual);
    let value =
        -0.5 * (log_determinant + residual.dot(&weights)) - 2.0 * (2.0 * std::f64::consts::PI).ln();
    let outer = weights * weights.transpose() - cholesky.inverse();
    let gradient = SVector::from([
        weights.sum(),
        outer.component_mul(&kernel).sum(),
        0.5 * outer
            .component_mul(&kernel.component_mul(&scaled_squared_distance))
            .sum(),
        noise_variance * outer.trace(),
    ]);
    (value, gradient)
}
