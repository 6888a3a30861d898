//! Section 3 of `reference/matrix-calculus.md`: the Hessian.
//!
//! `monodual::hessian` runs a generic function once on `HyperDual<f64, N>`
//! and returns f, ∇f and H. The first tests check the definitions: the
//! Hessian of xᵀAx is A + Aᵀ, the second-order Taylor expansion is accurate to
//! O(‖δ‖³) (measured by its order, not one value), and every Hessian is
//! symmetric and equal to its closed form. Then one test per row of the
//! table of applications, each built from the drivers alone (`hessian`,
//! `gradient`, `hessian_vector_product`) and checked against an independent
//! computation in plain f64: Newton's method, critical-point classification,
//! curvature (eigenpairs), the Fisher information, Hessian-free conjugate
//! gradient, influence functions, OBD/OBS pruning and the Laplace
//! approximation.

mod common;

use common::{
    POINTS, Rng, TOL, assert_identity, assert_scalar, assert_symmetric, label, sigmoid, softmax,
};
use monodual::Scalar;
use nalgebra::{Const, DMatrix, DimMin, SMatrix, SVector};

// The functions under test, written once for every scalar type.

/// f(x) = xᵀAx
fn quadratic_form<S: Scalar, const N: usize>(a: &SMatrix<f64, N, N>, x: &SVector<S, N>) -> S {
    x.dot(&(a.cast::<S>() * x))
}

/// f(x) = log Σ exp(xᵢ)
fn log_sum_exp<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.map(|xi| xi.exp()).sum().ln()
}

/// f(x) = exp(wᵀx) + Σ xᵢ²xᵢ₊₁ + ¼Σ xᵢ⁴ + ½xᵀAx. For x, w and a direction d
/// with positive entries every cubic term of f(x + td) has a positive
/// coefficient, so the Taylor error is exactly third order there.
fn taylor_subject<S: Scalar, const N: usize>(
    w: &SVector<f64, N>,
    a: &SMatrix<f64, N, N>,
    x: &SVector<S, N>,
) -> S {
    let coupling = (0..N - 1).fold(nalgebra::zero::<S>(), |sum, i| sum + x[i] * x[i] * x[i + 1]);
    let quartic = x.map(|xi| xi.powi(4)).sum() * 0.25;
    w.cast::<S>().dot(x).exp() + coupling + quartic + quadratic_form(a, x) * 0.5
}

/// f(x) = log det(C + diag(exp(x))) for SPD C, through nalgebra's Cholesky
/// running on the number type: log det M = 2 Σ log Lᵢᵢ.
fn log_det_shifted<S: Scalar, const N: usize>(c: &SMatrix<f64, N, N>, x: &SVector<S, N>) -> S {
    let m = c.cast::<S>() + SMatrix::from_diagonal(&x.map(|xi| xi.exp()));
    let l = m
        .cholesky()
        .expect("C + diag(exp x) is positive definite")
        .l();
    l.diagonal().map(|d| d.ln()).sum() * 2.0
}

/// f(x) = Σᵢ λᵢ (1 − cos qᵢᵀ(x − p)), qᵢ the orthonormal columns of Q. A
/// critical point at p with Hessian Q diag(λ) Qᵀ; elsewhere the Hessian is
/// Q diag(λᵢ cos θᵢ) Qᵀ with θ = Qᵀ(x − p).
fn cosine_landscape<S: Scalar, const N: usize>(
    q: &SMatrix<f64, N, N>,
    lambda: &SVector<f64, N>,
    p: &SVector<f64, N>,
    x: &SVector<S, N>,
) -> S {
    let theta = q.transpose().cast::<S>() * (x - p.cast::<S>());
    (0..N).fold(nalgebra::zero::<S>(), |sum, i| {
        sum - (theta[i].cos() - 1.0) * lambda[i]
    })
}

/// f(x) = log Σ exp(Bx) + ½‖x‖² − cᵀx: smooth and strongly convex.
fn convex_objective<S: Scalar, const N: usize>(
    b: &SMatrix<f64, N, N>,
    c: &SVector<f64, N>,
    x: &SVector<S, N>,
) -> S {
    log_sum_exp(&(b.cast::<S>() * x)) + x.dot(x) * 0.5 - c.cast::<S>().dot(x)
}

/// The closed-form gradient and Hessian of [`convex_objective`]:
/// ∇f = Bᵀs + x − c and H = Bᵀ(diag(s) − ssᵀ)B + I, with s = softmax(Bx).
fn convex_closed_form<const N: usize>(
    b: &SMatrix<f64, N, N>,
    c: &SVector<f64, N>,
    x: &SVector<f64, N>,
) -> (SVector<f64, N>, SMatrix<f64, N, N>) {
    let s = softmax(&(b * x));
    let gradient = b.transpose() * s + x - c;
    let curvature = SMatrix::<f64, N, N>::from_diagonal(&s) - s * s.transpose();
    let hessian = b.transpose() * curvature * b + SMatrix::<f64, N, N>::identity();
    (gradient, hessian)
}

/// A data set of `count` points (xₖ, yₖ), yₖ = xₖᵀθ₀ + noise.
fn regression_data<const N: usize>(rng: &mut Rng, count: usize) -> Vec<(SVector<f64, N>, f64)> {
    let theta = rng.vector::<N>() * 2.0;
    (0..count)
        .map(|_| {
            let x = rng.vector::<N>();
            let y = x.dot(&theta) + 0.1 * rng.range(-1.0, 1.0);
            (x, y)
        })
        .collect()
}

/// ½ Σₖ (xₖᵀθ − yₖ)² + ½λ‖θ‖² (λ = 0: plain least squares).
fn ridge_loss<S: Scalar, const N: usize>(
    data: &[(SVector<f64, N>, f64)],
    lambda: f64,
    theta: &SVector<S, N>,
) -> S {
    let fit = data.iter().fold(nalgebra::zero::<S>(), |sum, (x, y)| {
        let r = x.cast::<S>().dot(theta) - *y;
        sum + r * r * 0.5
    });
    fit + theta.dot(theta) * (0.5 * lambda)
}

/// Σₖ xₖxₖᵀ and Σₖ yₖxₖ in plain f64.
fn normal_matrices<const N: usize>(
    data: &[(SVector<f64, N>, f64)],
) -> (SMatrix<f64, N, N>, SVector<f64, N>) {
    data.iter().fold(
        (SMatrix::zeros(), SVector::zeros()),
        |(xtx, xty), (x, y)| (xtx + x * x.transpose(), xty + x * *y),
    )
}

/// What the sign pattern of H says about a critical point.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum CriticalPoint {
    Minimum,
    Maximum,
    Saddle,
    Degenerate,
}

/// Eigenvalues and eigenvectors (as columns) of a symmetric matrix, by
/// nalgebra's symmetric eigen-decomposition in f64. It runs on a dynamic
/// copy: on a static matrix of generic size it needs `Const<N>: DimSub<U1>`
/// plus an allocator bound, and such a where-clause shadows the allocator
/// impls every other static-matrix constructor in the caller relies on.
fn symmetric_eigen<const N: usize>(
    h: &SMatrix<f64, N, N>,
) -> (SVector<f64, N>, SMatrix<f64, N, N>) {
    let eigen = DMatrix::from_column_slice(N, N, h.as_slice()).symmetric_eigen();
    (
        SVector::from_column_slice(eigen.eigenvalues.as_slice()),
        SMatrix::from_column_slice(eigen.eigenvectors.as_slice()),
    )
}

/// Classifies a critical point by the eigenvalues of its Hessian.
fn classify<const N: usize>(h: &SMatrix<f64, N, N>) -> CriticalPoint {
    let (eigenvalues, _) = symmetric_eigen(h);
    let zero = 1e-9 * h.amax().max(1.0);
    if eigenvalues.iter().any(|e| e.abs() <= zero) {
        CriticalPoint::Degenerate
    } else if eigenvalues.iter().all(|&e| e > 0.0) {
        CriticalPoint::Minimum
    } else if eigenvalues.iter().all(|&e| e < 0.0) {
        CriticalPoint::Maximum
    } else {
        CriticalPoint::Saddle
    }
}

/// Sorted copy of a vector's entries.
fn sorted<const N: usize>(v: &SVector<f64, N>) -> SVector<f64, N> {
    let mut entries: Vec<f64> = v.iter().copied().collect();
    entries.sort_by(f64::total_cmp);
    SVector::from_column_slice(&entries)
}

// The definitions: Hessian of a quadratic form, Taylor order, symmetry.

fn check_quadratic_form<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(301, N, N);
    for point in 0..POINTS {
        let (a, x) = (rng.matrix::<N, N>(), rng.vector::<N>());
        let at = label(&format!("n = {N}"), point);
        let (f, g, h) = monodual::hessian(|x| quadratic_form(&a, &x), x);
        let a_sym = a + a.transpose();
        assert_scalar("f = xᵀAx", &at, f, x.dot(&(a * x)));
        assert_identity("∇(xᵀAx) = (A + Aᵀ)x", &at, &g, &(a_sym * x));
        assert_identity("∇²(xᵀAx) = A + Aᵀ", &at, &h, &a_sym);
        assert_symmetric("xᵀAx", &at, &h);
    }
}

fn check_taylor_order<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(302, N, N);
    for point in 0..POINTS {
        let w = rng.vector_in::<N>(0.2, 1.0);
        let a = rng.symmetric::<N>();
        let x = rng.vector_in::<N>(0.1, 0.8);
        let d = rng.vector_in::<N>(0.2, 1.0).normalize();
        let at = label(&format!("n = {N}"), point);
        let f = |y: &SVector<f64, N>| taylor_subject(&w, &a, y);
        let (fx, g, h) = monodual::hessian(|x| taylor_subject(&w, &a, &x), x);
        assert_symmetric("the Taylor subject", &at, &h);
        assert_scalar("f(x) from hessian()", &at, fx, f(&x));

        // e₂(t) = |f(x + td) − f(x) − t∇fᵀd − ½t² dᵀHd| = O(t³): halving the
        // step divides it by 8. Without the Hessian term, by 4.
        let second_order = |t: f64| {
            let step = d * t;
            (f(&(x + step)) - fx - g.dot(&step) - 0.5 * step.dot(&(h * step))).abs()
        };
        let first_order = |t: f64| {
            let step = d * t;
            (f(&(x + step)) - fx - g.dot(&step)).abs()
        };
        for t in [1e-2, 5e-3] {
            let ratio = second_order(t) / second_order(t / 2.0);
            assert!(
                (7.5..=8.5).contains(&ratio),
                "identity f(x+δ) = f + ∇fᵀδ + ½δᵀHδ + O(‖δ‖³) fails at {at}: \
                 e(‖δ‖ = {t:e}) / e(‖δ‖/2) = {ratio}, expected ≈ 8"
            );
            let ratio = first_order(t) / first_order(t / 2.0);
            assert!(
                (3.5..=4.5).contains(&ratio),
                "first-order Taylor error is not O(‖δ‖²) at {at}: ratio {ratio}, expected ≈ 4"
            );
        }
    }
}

fn check_closed_form_hessians<const N: usize>()
where
    Const<N>: DimMin<Const<N>, Output = Const<N>> + monodual::Packed,
{
    let mut rng = Rng::for_case(303, N, N);
    for point in 0..POINTS {
        let at = label(&format!("n = {N}"), point);

        // log Σ exp(x): H = diag(s) − ssᵀ.
        let x = rng.vector::<N>() * 2.0;
        let (_, g, h) = monodual::hessian(|x| log_sum_exp(&x), x);
        let s = softmax(&x);
        assert_symmetric("log Σ exp", &at, &h);
        assert_identity("∇ log Σ exp = softmax", &at, &g, &s);
        assert_identity(
            "∇² log Σ exp = diag(s) − ssᵀ",
            &at,
            &h,
            &(SMatrix::<f64, N, N>::from_diagonal(&s) - s * s.transpose()),
        );

        // log det(C + diag(eˣ)) through Cholesky on HyperDual, with
        // P = (C + diag(eˣ))⁻¹: ∂f/∂xᵢ = eˣⁱPᵢᵢ and
        // ∂²f/∂xᵢ∂xⱼ = δᵢⱼ eˣⁱPᵢᵢ − eˣⁱeˣʲPᵢⱼ².
        let c = rng.spd::<N>();
        let x = rng.vector::<N>();
        let (f, g, h) = monodual::hessian(|x| log_det_shifted(&c, &x), x);
        let e = x.map(f64::exp);
        let m = c + SMatrix::from_diagonal(&e);
        let p = m.try_inverse().expect("SPD is invertible");
        let first = e.component_mul(&p.diagonal());
        let expected = SMatrix::<f64, N, N>::from_diagonal(&first)
            - (e * e.transpose()).component_mul(&p.component_mul(&p));
        assert_symmetric("log det(C + diag eˣ) via Cholesky", &at, &h);
        assert_scalar("log det(C + diag eˣ)", &at, f, m.determinant().ln());
        assert_identity("∇ log det(C + diag eˣ) = eˣ ⊙ diag(P)", &at, &g, &first);
        assert_identity(
            "∇² log det(C + diag eˣ) = diag(eˣ ⊙ diag P) − (eˣeˣᵀ) ⊙ P ⊙ P",
            &at,
            &h,
            &expected,
        );

        // The strongly convex objective used below.
        let b = rng.matrix::<N, N>();
        let c = rng.vector::<N>();
        let x = rng.vector::<N>();
        let (_, g, h) = monodual::hessian(|x| convex_objective(&b, &c, &x), x);
        let (g_closed, h_closed) = convex_closed_form(&b, &c, &x);
        assert_symmetric("log Σ exp(Bx) + ½‖x‖² − cᵀx", &at, &h);
        assert_identity("∇(log Σ exp(Bx) + ½‖x‖² − cᵀx)", &at, &g, &g_closed);
        assert_identity("∇²(log Σ exp(Bx) + ½‖x‖² − cᵀx)", &at, &h, &h_closed);
    }
}

// The applications, one per row of the table.

/// Newton's method δ = −H⁻¹∇f on the strongly convex objective: it reaches
/// ∇f = 0 and the gradient norm is squared (up to a constant) at every step.
fn check_newton<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(304, N, N);
    for point in 0..POINTS {
        let b = rng.matrix::<N, N>() * 0.5;
        let c = rng.vector::<N>() * 2.0;
        let at = label(&format!("n = {N}"), point);
        let mut x = SVector::<f64, N>::zeros();
        let mut gradient_norms = Vec::new();
        for _iteration in 0..12 {
            let (_, g, h) = monodual::hessian(|x| convex_objective(&b, &c, &x), x);
            let (g_closed, h_closed) = convex_closed_form(&b, &c, &x);
            assert_identity("Newton: ∇f", &at, &g, &g_closed);
            assert_identity("Newton: H", &at, &h, &h_closed);
            assert_symmetric("the Newton objective", &at, &h);
            gradient_norms.push(g.norm());
            if g.norm() <= TOL {
                break;
            }
            x -= h.cholesky().expect("H ⪰ I is positive definite").solve(&g);
        }
        let last = *gradient_norms.last().unwrap();
        assert!(
            last <= TOL,
            "Newton's method did not converge at {at}: ‖∇f‖ = {gradient_norms:?}"
        );
        // Quadratic convergence: ‖∇f_{k+1}‖ ≤ C‖∇f_k‖² once close, above the
        // rounding floor.
        let mut quadratic_steps = 0;
        for pair in gradient_norms.windows(2) {
            if pair[0] < 1e-1 && pair[1] > 1e-14 {
                quadratic_steps += 1;
                assert!(
                    pair[1] <= 10.0 * pair[0] * pair[0],
                    "Newton's method is not quadratic at {at}: ‖∇f‖ = {gradient_norms:?}"
                );
            }
        }
        assert!(
            quadratic_steps >= 1 && gradient_norms.len() <= 8,
            "Newton's method took {} steps at {at}: {gradient_norms:?}",
            gradient_norms.len()
        );
    }
}

/// Critical points of the cosine landscape with chosen eigenvalue signs are
/// classified as minimum / maximum / saddle / degenerate from the AD Hessian.
fn check_classification<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(305, N, N);
    for point in 0..POINTS {
        let q = rng.orthogonal::<N>();
        let p = rng.vector::<N>();
        let magnitudes = rng.vector_in::<N>(0.5, 2.0);
        let at = label(&format!("n = {N}"), point);
        let mut saddle = magnitudes;
        saddle[point % N] = -saddle[point % N];
        let mut degenerate = magnitudes;
        degenerate[(point + 1) % N] = 0.0;
        let cases = [
            (magnitudes, CriticalPoint::Minimum),
            (-magnitudes, CriticalPoint::Maximum),
            (saddle, CriticalPoint::Saddle),
            (degenerate, CriticalPoint::Degenerate),
        ];
        for (lambda, expected) in cases {
            let (_, g, h) = monodual::hessian(|x| cosine_landscape(&q, &lambda, &p, &x), p);
            assert_symmetric("the cosine landscape", &at, &h);
            assert_identity("∇f = 0 at a critical point", &at, &g, &SVector::zeros());
            assert_identity(
                "H = Q diag(λ) Qᵀ at the critical point",
                &at,
                &h,
                &(q * SMatrix::from_diagonal(&lambda) * q.transpose()),
            );
            assert_eq!(
                classify(&h),
                expected,
                "critical point with eigenvalues {lambda} misclassified at {at}"
            );
        }
    }
}

/// Eigenvalues and eigenvectors of an AD Hessian away from a critical point:
/// H = Q diag(λᵢ cos θᵢ) Qᵀ, so H qᵢ = λᵢ cos θᵢ qᵢ; the sharpness and the
/// condition number follow.
fn check_curvature<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(306, N, N);
    for point in 0..POINTS {
        let q = rng.orthogonal::<N>();
        let p = rng.vector::<N>();
        let lambda = SVector::<f64, N>::from_fn(|i, _| (i + 1) as f64 + rng.range(0.0, 0.5));
        let x = p + rng.vector::<N>() * 0.5;
        let at = label(&format!("n = {N}"), point);
        let (_, _, h) = monodual::hessian(|x| cosine_landscape(&q, &lambda, &p, &x), x);
        assert_symmetric("the cosine landscape", &at, &h);

        let theta = q.transpose() * (x - p);
        let curvatures = lambda.component_mul(&theta.map(f64::cos));
        for i in 0..N {
            let qi = q.column(i).into_owned();
            assert_identity(
                &format!("H qᵢ = λᵢ cos θᵢ qᵢ (eigenpair {i})"),
                &at,
                &(h * qi),
                &(qi * curvatures[i]),
            );
        }
        let (eigenvalues, eigenvectors) = symmetric_eigen(&h);
        assert_identity(
            "eigenvalues of the AD Hessian = λᵢ cos θᵢ",
            &at,
            &sorted(&eigenvalues),
            &sorted(&curvatures),
        );
        let closed_hessian = q * SMatrix::from_diagonal(&curvatures) * q.transpose();
        for (k, value) in eigenvalues.iter().enumerate() {
            let v = eigenvectors.column(k).into_owned();
            assert_identity(
                &format!("eigenvector {k} of the AD Hessian is one of the closed form"),
                &at,
                &(closed_hessian * v),
                &(v * *value),
            );
        }
        let (sharpness, closed_sharpness) = (eigenvalues.max(), curvatures.max());
        assert_scalar("sharpness λ_max(H)", &at, sharpness, closed_sharpness);
        let condition = eigenvalues.amax() / eigenvalues.amin();
        let closed_condition = curvatures.amax() / curvatures.amin();
        assert!(
            (condition - closed_condition).abs() <= 1e-10 * closed_condition,
            "condition number of H at {at}: {condition} vs closed form {closed_condition}"
        );
    }
}

/// The Fisher information of logistic regression two ways,
/// E[∇log p ∇log pᵀ] = −E[∇² log p] = Σₖ σₖ(1 − σₖ) xₖxₖᵀ, the expectation
/// over y ∈ {0, 1} taken exactly under the model.
fn check_fisher<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    /// log p(y | x, θ) = y log σ(θᵀx) + (1 − y) log(1 − σ(θᵀx)),
    /// log σ(z) = −log(1 + e⁻ᶻ), log(1 − σ(z)) = −log(1 + eᶻ).
    fn log_likelihood<S: Scalar, const N: usize>(
        x: &SVector<f64, N>,
        y: f64,
        theta: &SVector<S, N>,
    ) -> S {
        let z = theta.dot(&x.cast::<S>());
        -((-z).exp() + 1.0).ln() * y - (z.exp() + 1.0).ln() * (1.0 - y)
    }
    let mut rng = Rng::for_case(307, N, N);
    for point in 0..POINTS {
        let theta = rng.vector::<N>();
        let inputs: Vec<SVector<f64, N>> = (0..N + 3).map(|_| rng.vector::<N>() * 2.0).collect();
        let at = label(&format!("n = {N}"), point);
        let mut outer = SMatrix::<f64, N, N>::zeros();
        let mut negative_hessian = SMatrix::<f64, N, N>::zeros();
        let mut closed = SMatrix::<f64, N, N>::zeros();
        for x in &inputs {
            let s = sigmoid(theta.dot(x));
            for (y, probability) in [(1.0, s), (0.0, 1.0 - s)] {
                let (_, g) = monodual::gradient(|t| log_likelihood(x, y, &t), theta);
                let (_, _, h) = monodual::hessian(|t| log_likelihood(x, y, &t), theta);
                assert_symmetric("log p(y | x, θ)", &at, &h);
                outer += g * g.transpose() * probability;
                negative_hessian -= h * probability;
            }
            closed += x * x.transpose() * (s * (1.0 - s));
        }
        assert_identity(
            "Fisher E[∇log p ∇log pᵀ] = Σ σ(1−σ)xxᵀ",
            &at,
            &outer,
            &closed,
        );
        assert_identity(
            "Fisher −E[∇² log p] = Σ σ(1−σ)xxᵀ",
            &at,
            &negative_hessian,
            &closed,
        );
    }
}

/// Hessian-free optimization: Hv from `hessian_vector_product` equals H v,
/// and conjugate gradient on Hv products alone solves the Newton system.
fn check_hessian_free<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(308, N, N);
    for point in 0..POINTS {
        let b = rng.matrix::<N, N>();
        let c = rng.vector::<N>();
        let x = rng.vector::<N>();
        let at = label(&format!("n = {N}"), point);
        let (g_closed, h_closed) = convex_closed_form(&b, &c, &x);
        let (f_full, g_full, h_full) = monodual::hessian(|x| convex_objective(&b, &c, &x), x);
        assert_symmetric("the CG objective", &at, &h_full);
        for _ in 0..3 {
            let v = rng.vector::<N>();
            let (f, g, hv) =
                monodual::hessian_vector_product(|x| convex_objective(&b, &c, &x), x, v);
            assert_scalar("hessian_vector_product f", &at, f, f_full);
            assert_identity("hessian_vector_product ∇f", &at, &g, &g_closed);
            assert_identity("Hv = (closed-form H) v", &at, &hv, &(h_closed * v));
            assert_identity("Hv = hessian() · v", &at, &hv, &(h_full * v));
        }

        // Conjugate gradient for H d = −∇f, touching H only through Hv.
        let hv = |v: SVector<f64, N>| {
            monodual::hessian_vector_product(|x| convex_objective(&b, &c, &x), x, v).2
        };
        let mut d = SVector::<f64, N>::zeros();
        let mut residual = -g_closed;
        let mut direction = residual;
        let mut residual_squared = residual.norm_squared();
        for _ in 0..4 * N {
            if residual_squared.sqrt() <= 1e-15 * g_closed.norm() {
                break;
            }
            let h_direction = hv(direction);
            let alpha = residual_squared / direction.dot(&h_direction);
            d += direction * alpha;
            residual -= h_direction * alpha;
            let next = residual.norm_squared();
            direction = residual + direction * (next / residual_squared);
            residual_squared = next;
        }
        let newton_step = h_closed.cholesky().expect("H ⪰ I").solve(&-g_closed);
        assert_identity("CG on Hv solves H d = −∇f", &at, &d, &newton_step);
        assert_identity("hessian() gradient", &at, &g_full, &g_closed);
    }
}

/// Influence functions on ridge regression: I(z) = −H⁻¹∇ℓ(z) is the effect
/// of up-weighting z; removing z moves θ̂ by −I(z) to first order, and for
/// this quadratic loss exactly by −I(z)/(1 − hᵤ), hᵤ = xᵤᵀH⁻¹xᵤ the leverage
/// (Sherman–Morrison). Checked against refitting without z.
fn check_influence<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    const LAMBDA: f64 = 0.1;
    let mut rng = Rng::for_case(309, N, N);
    for point in 0..POINTS {
        let data = regression_data::<N>(&mut rng, 2 * N + 3);
        let at = label(&format!("n = {N}"), point);
        let (xtx, xty) = normal_matrices(&data);
        let ridge = xtx + SMatrix::<f64, N, N>::identity() * LAMBDA;
        let theta_hat = ridge.cholesky().expect("SPD").solve(&xty);

        let (_, g, h) = monodual::hessian(|t| ridge_loss(&data, LAMBDA, &t), theta_hat);
        assert_symmetric("the ridge loss", &at, &h);
        assert_identity("∇L(θ̂) = 0", &at, &g, &SVector::zeros());
        assert_identity("H = XᵀX + λI", &at, &h, &ridge);
        let h_inverse = h.try_inverse().expect("H is invertible");

        for (z, (x_z, y_z)) in data.iter().enumerate() {
            let single = [(*x_z, *y_z)];
            let (_, grad_z) = monodual::gradient(|t| ridge_loss(&single, 0.0, &t), theta_hat);
            let influence = -(h_inverse * grad_z);
            let leverage = x_z.dot(&(h_inverse * x_z));

            let refit = (ridge - x_z * x_z.transpose())
                .cholesky()
                .expect("SPD after removing one point")
                .solve(&(xty - x_z * *y_z));
            assert_identity(
                &format!("θ̂₋ᵤ − θ̂ = −I(z)/(1 − hᵤ), I(z) = −H⁻¹∇ℓ(z), point z = {z}"),
                &at,
                &(refit - theta_hat),
                &(-influence / (1.0 - leverage)),
            );
        }
    }
}

/// Pruning at the minimum w* of ½‖Xw − y‖²: the OBD saliency ½H_qq w_q² is
/// the loss increase from zeroing w_q alone, and the OBS saliency
/// w_q²/(2[H⁻¹]_qq) the increase when the other weights are refitted; OBS
/// moves them by −(w_q/[H⁻¹]_qq) H⁻¹e_q.
fn check_pruning<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut rng = Rng::for_case(310, N, N);
    for point in 0..POINTS {
        let data = regression_data::<N>(&mut rng, 2 * N + 3);
        let at = label(&format!("n = {N}"), point);
        let loss = |w: &SVector<f64, N>| ridge_loss(&data, 0.0, w);
        let (xtx, xty) = normal_matrices(&data);
        let w_star = xtx.cholesky().expect("full rank").solve(&xty);

        let (loss_star, _, h) = monodual::hessian(|w| ridge_loss(&data, 0.0, &w), w_star);
        assert_symmetric("the least-squares loss", &at, &h);
        let h_inverse = h.try_inverse().expect("H is invertible");

        for q in 0..N {
            let wq = w_star[q];
            let obd = 0.5 * h[(q, q)] * wq * wq;
            let obs = wq * wq / (2.0 * h_inverse[(q, q)]);
            let obs_step = -(h_inverse.column(q) * (wq / h_inverse[(q, q)]));

            let mut zeroed = w_star;
            zeroed[q] = 0.0;
            assert_scalar(
                &format!("OBD saliency ½H_qq w_q² = loss increase, q = {q}"),
                &at,
                obd,
                loss(&zeroed) - loss_star,
            );

            // Refit with w_q = 0: rows i ≠ q of XᵀX w = Xᵀy, and w_q = 0.
            let mut system = xtx;
            system.row_mut(q).fill(0.0);
            system[(q, q)] = 1.0;
            let mut rhs = xty;
            rhs[q] = 0.0;
            let refit = system.try_inverse().expect("reduced system is invertible") * rhs;
            assert_scalar(
                &format!("OBS saliency w_q²/(2[H⁻¹]_qq) = loss increase after refit, q = {q}"),
                &at,
                obs,
                loss(&refit) - loss_star,
            );
            assert_identity(
                &format!("OBS update −(w_q/[H⁻¹]_qq) H⁻¹e_q = refit − w*, q = {q}"),
                &at,
                &obs_step,
                &(refit - w_star),
            );
        }
    }
}

/// Laplace approximation for Bayesian linear regression (Gaussian likelihood
/// with variance σ², prior N(0, τ²I)): the posterior is Gaussian, so the
/// Laplace approximation N(θ_MAP, H⁻¹) must reproduce it exactly:
/// mean (XᵀX/σ² + I/τ²)⁻¹Xᵀy/σ² and covariance (XᵀX/σ² + I/τ²)⁻¹.
fn check_laplace<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    const NOISE_VARIANCE: f64 = 0.25;
    const PRIOR_VARIANCE: f64 = 4.0;
    /// −log p(θ | D) up to a constant.
    fn negative_log_posterior<S: Scalar, const N: usize>(
        data: &[(SVector<f64, N>, f64)],
        theta: &SVector<S, N>,
    ) -> S {
        ridge_loss(data, 0.0, theta) / NOISE_VARIANCE + theta.dot(theta) / (2.0 * PRIOR_VARIANCE)
    }
    let mut rng = Rng::for_case(311, N, N);
    for point in 0..POINTS {
        let data = regression_data::<N>(&mut rng, 2 * N + 3);
        let at = label(&format!("n = {N}"), point);

        // θ_MAP by one Newton step from 0 (exact for a quadratic), using
        // monodual's gradient and Hessian only.
        let zero = SVector::<f64, N>::zeros();
        let (_, g0, h0) = monodual::hessian(|t| negative_log_posterior(&data, &t), zero);
        let theta_map = h0.cholesky().expect("SPD").solve(&-g0);
        let (_, g, h) = monodual::hessian(|t| negative_log_posterior(&data, &t), theta_map);
        assert_symmetric("−log p(θ | D)", &at, &h);
        assert_identity("∇ log p(θ_MAP | D) = 0", &at, &g, &SVector::zeros());
        let laplace_covariance = h.try_inverse().expect("H is invertible");

        let (xtx, xty) = normal_matrices(&data);
        let precision = xtx / NOISE_VARIANCE + SMatrix::<f64, N, N>::identity() / PRIOR_VARIANCE;
        let covariance = precision.try_inverse().expect("SPD");
        let mean = covariance * xty / NOISE_VARIANCE;
        assert_identity(
            "Laplace mean θ_MAP = posterior mean",
            &at,
            &theta_map,
            &mean,
        );
        assert_identity(
            "Laplace covariance H⁻¹ = posterior covariance",
            &at,
            &laplace_covariance,
            &covariance,
        );
    }
}

#[test]
fn hessian_of_quadratic_form_is_a_plus_a_transpose() {
    check_quadratic_form::<2>();
    check_quadratic_form::<3>();
    check_quadratic_form::<4>();
    check_quadratic_form::<5>();
    check_quadratic_form::<6>();
}

#[test]
fn second_order_taylor_error_is_third_order() {
    check_taylor_order::<2>();
    check_taylor_order::<3>();
    check_taylor_order::<4>();
    check_taylor_order::<5>();
    check_taylor_order::<6>();
}

#[test]
fn hessians_are_symmetric_and_match_closed_forms() {
    check_closed_form_hessians::<2>();
    check_closed_form_hessians::<3>();
    check_closed_form_hessians::<4>();
    check_closed_form_hessians::<5>();
    check_closed_form_hessians::<6>();
}

#[test]
fn newton_method_converges_quadratically() {
    check_newton::<2>();
    check_newton::<3>();
    check_newton::<4>();
    check_newton::<5>();
    check_newton::<6>();
}

#[test]
fn critical_points_are_classified_by_hessian_eigenvalues() {
    check_classification::<2>();
    check_classification::<3>();
    check_classification::<4>();
    check_classification::<5>();
    check_classification::<6>();
}

#[test]
fn curvature_eigenpairs_of_hessian_match_closed_form() {
    check_curvature::<2>();
    check_curvature::<3>();
    check_curvature::<4>();
    check_curvature::<5>();
    check_curvature::<6>();
}

#[test]
fn fisher_information_outer_product_equals_negative_expected_hessian() {
    check_fisher::<2>();
    check_fisher::<3>();
    check_fisher::<4>();
    check_fisher::<5>();
    check_fisher::<6>();
}

#[test]
fn hessian_free_cg_on_hessian_vector_products_solves_newton_system() {
    check_hessian_free::<2>();
    check_hessian_free::<3>();
    check_hessian_free::<4>();
    check_hessian_free::<5>();
    check_hessian_free::<6>();
}

#[test]
fn influence_function_matches_refitting_without_the_point() {
    check_influence::<2>();
    check_influence::<3>();
    check_influence::<4>();
    check_influence::<5>();
    check_influence::<6>();
}

#[test]
fn pruning_saliencies_obd_and_obs_match_loss_increase() {
    check_pruning::<2>();
    check_pruning::<3>();
    check_pruning::<4>();
    check_pruning::<5>();
    check_pruning::<6>();
}

#[test]
fn laplace_approximation_recovers_gaussian_posterior() {
    check_laplace::<2>();
    check_laplace::<3>();
    check_laplace::<4>();
    check_laplace::<5>();
    check_laplace::<6>();
}
