//! Side-by-side speed of derivatives: for each case one criterion group whose
//! members are plain f64 evaluation, a hand-written analytic derivative,
//! central finite differences, num-dual, hyperjet and monodual.
//!
//! Run with `cargo bench`; `cargo run --release --example perf_table` then
//! turns the medians into the README's Markdown table. Before timing, every
//! group checks that all its members agree with the hand-written derivative;
//! `cargo bench -- --test` runs those checks and each member once, untimed.

mod analytic;
mod anchors;
mod finite_difference;
mod functions;
mod matrix_cases;
mod number;
mod third;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use hyperjet::jets::Jet2;
use monodual::HyperDual;
use nalgebra::{SMatrix, SVector};
use num_dual::Dual2SVec64;

use anchors::{array, entries};
use functions::{
    log_likelihood, log_likelihood_point, rosenbrock, rosenbrock_start, spherical_map,
    spherical_map_point, square_map, square_map_point, transcendental, transcendental_point,
};
use number::Number;

/// A scalar function R^N → R with its hand-written derivatives.
trait ScalarCase<const N: usize> {
    /// The name used in the criterion group id.
    const NAME: &'static str;
    /// The point at which the derivatives are taken.
    fn point() -> SVector<f64, N>;
    /// The function, written once for every number type.
    fn eval<S: Number>(x: &[S; N]) -> S;
    /// Hand-written value and gradient.
    fn gradient(x: &SVector<f64, N>) -> (f64, SVector<f64, N>);
    /// Hand-written value, gradient and Hessian.
    fn hessian(x: &SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>);
}

struct Rosenbrock;

impl<const N: usize> ScalarCase<N> for Rosenbrock {
    const NAME: &'static str = "rosenbrock";
    fn point() -> SVector<f64, N> {
        rosenbrock_start()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; N]) -> S {
        rosenbrock(x)
    }
    #[inline]
    fn gradient(x: &SVector<f64, N>) -> (f64, SVector<f64, N>) {
        analytic::rosenbrock_gradient(x)
    }
    #[inline]
    fn hessian(x: &SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
        analytic::rosenbrock_hessian(x)
    }
}

struct Transcendental;

impl<const N: usize> ScalarCase<N> for Transcendental {
    const NAME: &'static str = "transcendental";
    fn point() -> SVector<f64, N> {
        transcendental_point()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; N]) -> S {
        transcendental(x)
    }
    #[inline]
    fn gradient(x: &SVector<f64, N>) -> (f64, SVector<f64, N>) {
        analytic::transcendental_gradient(x)
    }
    #[inline]
    fn hessian(x: &SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
        analytic::transcendental_hessian(x)
    }
}

/// The quadratic form Σ aᵢⱼ xᵢ xⱼ with a constant matrix.
struct QuadraticForm;

impl<const N: usize> ScalarCase<N> for QuadraticForm {
    const NAME: &'static str = "quadratic_form";
    fn point() -> SVector<f64, N> {
        matrix_cases::matrix_point()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; N]) -> S {
        matrix_cases::quadratic_form(x)
    }
    #[inline]
    fn gradient(x: &SVector<f64, N>) -> (f64, SVector<f64, N>) {
        let (value, gradient, _) = matrix_cases::quadratic_form_hessian(x);
        (value, gradient)
    }
    #[inline]
    fn hessian(x: &SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
        matrix_cases::quadratic_form_hessian(x)
    }
}

/// A vector function R^N → R^M with its hand-written Jacobian.
trait VectorCase<const M: usize, const N: usize> {
    /// The name used in the criterion group id.
    const NAME: &'static str;
    /// The point at which the Jacobian is taken.
    fn point() -> SVector<f64, N>;
    /// The map, written once for every number type.
    fn eval<S: Number>(x: &[S; N]) -> [S; M];
    /// Hand-written value and Jacobian.
    fn jacobian(x: &SVector<f64, N>) -> (SVector<f64, M>, SMatrix<f64, M, N>);
}

struct SquareMap;

impl VectorCase<4, 4> for SquareMap {
    const NAME: &'static str = "r4_to_r4";
    fn point() -> SVector<f64, 4> {
        square_map_point()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; 4]) -> [S; 4] {
        square_map(x)
    }
    #[inline]
    fn jacobian(x: &SVector<f64, 4>) -> (SVector<f64, 4>, SMatrix<f64, 4, 4>) {
        analytic::square_map_jacobian(x)
    }
}

struct SphericalMap;

impl VectorCase<5, 3> for SphericalMap {
    const NAME: &'static str = "r3_to_r5";
    fn point() -> SVector<f64, 3> {
        spherical_map_point()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; 3]) -> [S; 5] {
        spherical_map(x)
    }
    #[inline]
    fn jacobian(x: &SVector<f64, 3>) -> (SVector<f64, 5>, SMatrix<f64, 5, 3>) {
        analytic::spherical_map_jacobian(x)
    }
}

/// Relative tolerance of the exact (automatic and analytic) derivatives.
const EXACT: f64 = 1e-10;
/// Relative tolerance of first derivatives by finite differences.
const FIRST_DIFFERENCE: f64 = 1e-6;
/// Relative tolerance of second derivatives by finite differences.
const SECOND_DIFFERENCE: f64 = 1e-4;

/// Panics unless `got` matches `expected` to `tolerance`, relative to the
/// largest entry of `expected` (or 1).
fn check(group: &str, member: &str, got: &[f64], expected: &[f64], tolerance: f64) {
    assert_eq!(got.len(), expected.len());
    let scale = expected.iter().fold(1.0_f64, |m, e| m.max(e.abs()));
    let error = got
        .iter()
        .zip(expected)
        .map(|(g, e)| (g - e).abs())
        .fold(0.0, f64::max);
    assert!(
        error <= tolerance * scale,
        "{group}: {member} differs from the hand-written derivative by {error:e} (scale {scale:e})"
    );
}

/// Value and derivatives as one list of numbers, for [`check`].
fn flat(value: &[f64], derivatives: &[&[f64]]) -> Vec<f64> {
    value
        .iter()
        .chain(derivatives.iter().copied().flatten())
        .copied()
        .collect()
}

fn flat_gradient<const N: usize>((value, gradient): (f64, SVector<f64, N>)) -> Vec<f64> {
    flat(&[value], &[gradient.as_slice()])
}

fn flat_hessian<const N: usize>(
    (value, gradient, hessian): (f64, SVector<f64, N>, SMatrix<f64, N, N>),
) -> Vec<f64> {
    flat(&[value], &[gradient.as_slice(), hessian.as_slice()])
}

fn flat_jacobian<const M: usize, const N: usize>(
    (value, jacobian): (SVector<f64, M>, SMatrix<f64, M, N>),
) -> Vec<f64> {
    flat(value.as_slice(), &[jacobian.as_slice()])
}

fn flat_product<const N: usize>(
    (value, gradient, product): (f64, SVector<f64, N>, SVector<f64, N>),
) -> Vec<f64> {
    flat(&[value], &[gradient.as_slice(), product.as_slice()])
}

/// Gradient of `F` at N variables.
fn gradient_group<F: ScalarCase<N>, const N: usize>(c: &mut Criterion) {
    let name = format!("gradient_{}_{N}", F::NAME);
    let x = F::point();
    let expected = flat_gradient(F::gradient(&x));
    let plain = |x: &SVector<f64, N>| F::eval(&array(*x));
    let results = [
        (
            "finite_differences",
            finite_difference::gradient(plain, &x),
            FIRST_DIFFERENCE,
        ),
        ("num-dual", anchors::num_dual_gradient(F::eval, &x), EXACT),
        ("hyperjet", anchors::hyperjet_gradient(F::eval, &x), EXACT),
        (
            "monodual",
            monodual::gradient(|v| F::eval(entries(&v)), x),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(&name, member, &flat_gradient(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| plain(&black_box(x))));
    group.bench_function("analytic", |b| b.iter(|| F::gradient(&black_box(x))));
    group.bench_function("finite_differences", |b| {
        b.iter(|| finite_difference::gradient(plain, &black_box(x)))
    });
    group.bench_function("num-dual", |b| {
        b.iter(|| anchors::num_dual_gradient(F::eval, &black_box(x)))
    });
    group.bench_function("hyperjet", |b| {
        b.iter(|| anchors::hyperjet_gradient(F::eval, &black_box(x)))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::gradient(|v| F::eval(entries(&v)), black_box(x)))
    });
    group.finish();
}

/// Hessian of `F` at N variables; hyperjet needs H = N(N+1)/2 spelled out.
fn hessian_group<F: ScalarCase<N>, const N: usize, const H: usize>(c: &mut Criterion)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let name = format!("hessian_{}_{N}", F::NAME);
    let x = F::point();
    let expected = flat_hessian(F::hessian(&x));
    let plain = |x: &SVector<f64, N>| F::eval(&array(*x));
    let results = [
        (
            "finite_differences",
            finite_difference::hessian(plain, &x),
            SECOND_DIFFERENCE,
        ),
        ("num-dual", anchors::num_dual_hessian(F::eval, &x), EXACT),
        (
            "hyperjet",
            anchors::hyperjet_hessian::<N, H>(F::eval, &x),
            EXACT,
        ),
        (
            "monodual",
            monodual::hessian(|v| F::eval(entries(&v)), x),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(&name, member, &flat_hessian(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| plain(&black_box(x))));
    group.bench_function("analytic", |b| b.iter(|| F::hessian(&black_box(x))));
    group.bench_function("finite_differences", |b| {
        b.iter(|| finite_difference::hessian(plain, &black_box(x)))
    });
    group.bench_function("num-dual", |b| {
        b.iter(|| anchors::num_dual_hessian(F::eval, &black_box(x)))
    });
    group.bench_function("hyperjet", |b| {
        b.iter(|| anchors::hyperjet_hessian::<N, H>(F::eval, &black_box(x)))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::hessian(|v| F::eval(entries(&v)), black_box(x)))
    });
    group.finish();
}

/// Hessian-vector product of the Rosenbrock function at N variables.
/// `monodual` computes H v without forming H; `monodual_full_hessian`,
/// `num-dual` and `hyperjet` form the Hessian and multiply.
fn hessian_vector_product_group<const N: usize, const H: usize>(c: &mut Criterion)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let name = format!("hvp_rosenbrock_{N}");
    let x = rosenbrock_start::<N>();
    let v = SVector::<f64, N>::from_fn(|i, _| (0.7 * i as f64).cos());
    let expected = flat_product(analytic::rosenbrock_hessian_vector_product(&x, &v));
    let plain = |x: &SVector<f64, N>| rosenbrock(&array(*x));
    let times_v = |(value, gradient, hessian): (f64, SVector<f64, N>, SMatrix<f64, N, N>)| {
        (value, gradient, hessian * v)
    };
    let results = [
        (
            "finite_differences",
            finite_difference::hessian_vector_product(plain, &x, &v),
            SECOND_DIFFERENCE,
        ),
        (
            "num-dual",
            times_v(anchors::num_dual_hessian(rosenbrock, &x)),
            EXACT,
        ),
        (
            "hyperjet",
            times_v(anchors::hyperjet_hessian::<N, H>(rosenbrock, &x)),
            EXACT,
        ),
        (
            "monodual_full_hessian",
            times_v(monodual::hessian(|u| rosenbrock(&array(u)), x)),
            EXACT,
        ),
        (
            "monodual",
            monodual::hessian_vector_product(|u| rosenbrock(&array(u)), x, v),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(&name, member, &flat_product(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| plain(&black_box(x))));
    group.bench_function("analytic", |b| {
        b.iter(|| analytic::rosenbrock_hessian_vector_product(&black_box(x), &black_box(v)))
    });
    group.bench_function("finite_differences", |b| {
        b.iter(|| finite_difference::hessian_vector_product(plain, &black_box(x), &black_box(v)))
    });
    group.bench_function("num-dual", |b| {
        b.iter(|| times_v(anchors::num_dual_hessian(rosenbrock, &black_box(x))))
    });
    group.bench_function("hyperjet", |b| {
        b.iter(|| times_v(anchors::hyperjet_hessian::<N, H>(rosenbrock, &black_box(x))))
    });
    group.bench_function("monodual_full_hessian", |b| {
        b.iter(|| times_v(monodual::hessian(|u| rosenbrock(&array(u)), black_box(x))))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| {
            monodual::hessian_vector_product(|u| rosenbrock(&array(u)), black_box(x), black_box(v))
        })
    });
    group.finish();
}

/// Jacobian of the map `F`: R^N → R^M.
fn jacobian_group<F: VectorCase<M, N>, const M: usize, const N: usize>(c: &mut Criterion) {
    let name = format!("jacobian_{}", F::NAME);
    let x = F::point();
    let expected = flat_jacobian(F::jacobian(&x));
    let plain = |x: &SVector<f64, N>| SVector::from(F::eval(&array(*x)));
    let results = [
        (
            "finite_differences",
            finite_difference::jacobian(plain, &x),
            FIRST_DIFFERENCE,
        ),
        ("num-dual", anchors::num_dual_jacobian(F::eval, &x), EXACT),
        ("hyperjet", anchors::hyperjet_jacobian(F::eval, &x), EXACT),
        (
            "monodual",
            monodual::jacobian(|v| SVector::from(F::eval(entries(&v))), x),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(&name, member, &flat_jacobian(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| plain(&black_box(x))));
    group.bench_function("analytic", |b| b.iter(|| F::jacobian(&black_box(x))));
    group.bench_function("finite_differences", |b| {
        b.iter(|| finite_difference::jacobian(plain, &black_box(x)))
    });
    group.bench_function("num-dual", |b| {
        b.iter(|| anchors::num_dual_jacobian(F::eval, &black_box(x)))
    });
    group.bench_function("hyperjet", |b| {
        b.iter(|| anchors::hyperjet_jacobian(F::eval, &black_box(x)))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::jacobian(|v| SVector::from(F::eval(entries(&v))), black_box(x)))
    });
    group.finish();
}

/// Gradient of the Gaussian-process log-likelihood, which runs through
/// nalgebra's Cholesky factorization. hyperjet is absent: its jets do not
/// implement nalgebra's `RealField` (it has its own linear algebra), so this
/// code cannot run on them.
fn log_likelihood_group(c: &mut Criterion) {
    let name = "gradient_log_likelihood_4";
    let theta = log_likelihood_point();
    let expected = flat_gradient(analytic::log_likelihood_gradient(&theta));
    let results = [
        (
            "finite_differences",
            finite_difference::gradient(log_likelihood, &theta),
            FIRST_DIFFERENCE,
        ),
        (
            "num-dual",
            num_dual::gradient(|t| log_likelihood(&t), &theta),
            EXACT,
        ),
        (
            "monodual",
            monodual::gradient(|t| log_likelihood(&t), theta),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(name, member, &flat_gradient(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| log_likelihood(&black_box(theta))));
    group.bench_function("analytic", |b| {
        b.iter(|| analytic::log_likelihood_gradient(&black_box(theta)))
    });
    group.bench_function("finite_differences", |b| {
        b.iter(|| finite_difference::gradient(log_likelihood, &black_box(theta)))
    });
    group.bench_function("num-dual", |b| {
        b.iter(|| num_dual::gradient(|t| log_likelihood(&t), &black_box(theta)))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::gradient(|t| log_likelihood(&t), black_box(theta)))
    });
    group.finish();
}

/// Hessian of a function through a nalgebra decomposition at N variables:
/// num-dual and monodual run `through_nalgebra`, hyperjet (whose jets are
/// not nalgebra scalars) runs `by_hand`, the same operations written out.
/// There is no hand-written Hessian: the members are checked against
/// num-dual and against finite differences.
fn decomposition_group<const N: usize, const H: usize>(
    c: &mut Criterion,
    name: &str,
    through_nalgebra: fn(&SVector<Dual2SVec64<N>, N>) -> Dual2SVec64<N>,
    through_nalgebra_f64: fn(&SVector<f64, N>) -> f64,
    through_nalgebra_monodual: fn(&SVector<HyperDual<f64, N>, N>) -> HyperDual<f64, N>,
    by_hand: fn(&[Jet2<N, H>; N]) -> Jet2<N, H>,
) where
    nalgebra::Const<N>: monodual::Packed,
{
    let name = format!("hessian_{name}_{N}");
    let x = matrix_cases::matrix_point::<N>();
    let expected = flat_hessian(num_dual::hessian(|v| through_nalgebra(&v), &x));
    let results = [
        (
            "finite_differences",
            finite_difference::hessian(through_nalgebra_f64, &x),
            SECOND_DIFFERENCE,
        ),
        (
            "hyperjet",
            anchors::hyperjet_hessian::<N, H>(by_hand, &x),
            EXACT,
        ),
        (
            "monodual",
            monodual::hessian(|v| through_nalgebra_monodual(&v), x),
            EXACT,
        ),
    ];
    for (member, result, tolerance) in results {
        check(&name, member, &flat_hessian(result), &expected, tolerance);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("f64", |b| b.iter(|| through_nalgebra_f64(&black_box(x))));
    group.bench_function("num-dual", |b| {
        b.iter(|| num_dual::hessian(|v| through_nalgebra(&v), &black_box(x)))
    });
    group.bench_function("hyperjet", |b| {
        b.iter(|| anchors::hyperjet_hessian::<N, H>(by_hand, &black_box(x)))
    });
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::hessian(|v| through_nalgebra_monodual(&v), black_box(x)))
    });
    group.finish();
}

fn cholesky_group<const N: usize, const H: usize>(c: &mut Criterion)
where
    nalgebra::Const<N>: monodual::Packed,
{
    decomposition_group::<N, H>(
        c,
        "cholesky",
        matrix_cases::cholesky_case,
        matrix_cases::cholesky_case,
        matrix_cases::cholesky_case,
        matrix_cases::cholesky_case_by_hand,
    );
}

fn lu_group<const N: usize, const H: usize>(c: &mut Criterion)
where
    nalgebra::Const<N>:
        nalgebra::DimMin<nalgebra::Const<N>, Output = nalgebra::Const<N>> + monodual::Packed,
{
    decomposition_group::<N, H>(
        c,
        "lu",
        matrix_cases::lu_case,
        matrix_cases::lu_case,
        matrix_cases::lu_case,
        matrix_cases::lu_case_by_hand,
    );
}

/// `hessian_chunked` (member `monodual_chunked`) against `hessian`
/// (`monodual`) on the function of `C` at N variables.
fn chunked_group<C: ScalarCase<N>, const N: usize>(c: &mut Criterion)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let name = format!("chunked_{}_{N}", C::NAME);
    let x = C::point();
    let expected = flat_hessian(C::hessian(&x));
    let results = [
        ("monodual", monodual::hessian(|v| C::eval(entries(&v)), x)),
        (
            "monodual_chunked",
            monodual::hessian_chunked(|v| C::eval(entries(&v)), x),
        ),
    ];
    for (member, result) in results {
        check(&name, member, &flat_hessian(result), &expected, EXACT);
    }

    let mut group = c.benchmark_group(name);
    // criterion's minimum: at N = 128 one call takes about 15 ms.
    group.sample_size(10);
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::hessian(|v| C::eval(entries(&v)), black_box(x)))
    });
    group.bench_function("monodual_chunked", |b| {
        b.iter(|| monodual::hessian_chunked(|v| C::eval(entries(&v)), black_box(x)))
    });
    group.finish();
}

/// The cases for constant-heavy code, nalgebra's decompositions and
/// large N.
fn matrix_and_large(c: &mut Criterion) {
    gradient_group::<QuadraticForm, 2>(c);
    gradient_group::<QuadraticForm, 4>(c);
    gradient_group::<QuadraticForm, 8>(c);
    gradient_group::<QuadraticForm, 16>(c);
    gradient_group::<QuadraticForm, 32>(c);
    hessian_group::<QuadraticForm, 2, 3>(c);
    hessian_group::<QuadraticForm, 4, 10>(c);
    hessian_group::<QuadraticForm, 8, 36>(c);
    hessian_group::<QuadraticForm, 16, 136>(c);
    hessian_group::<QuadraticForm, 32, 528>(c);
    hessian_group::<Transcendental, 32, 528>(c);
    cholesky_group::<4, 10>(c);
    cholesky_group::<5, 15>(c);
    cholesky_group::<6, 21>(c);
    cholesky_group::<7, 28>(c);
    cholesky_group::<8, 36>(c);
    cholesky_group::<9, 45>(c);
    lu_group::<4, 10>(c);
    lu_group::<5, 15>(c);
    lu_group::<6, 21>(c);
    lu_group::<7, 28>(c);
    lu_group::<8, 36>(c);
    lu_group::<9, 45>(c);
    chunked_group::<Transcendental, 32>(c);
    chunked_group::<Transcendental, 64>(c);
    chunked_group::<Transcendental, 128>(c);
    chunked_group::<QuadraticForm, 8>(c);
    chunked_group::<QuadraticForm, 16>(c);
    chunked_group::<QuadraticForm, 32>(c);
}

fn gradients(c: &mut Criterion) {
    gradient_group::<Rosenbrock, 2>(c);
    gradient_group::<Rosenbrock, 4>(c);
    gradient_group::<Rosenbrock, 8>(c);
    gradient_group::<Rosenbrock, 16>(c);
    gradient_group::<Transcendental, 4>(c);
    gradient_group::<Transcendental, 8>(c);
}

fn jacobians(c: &mut Criterion) {
    jacobian_group::<SquareMap, 4, 4>(c);
    jacobian_group::<SphericalMap, 5, 3>(c);
}

fn hessians(c: &mut Criterion) {
    hessian_group::<Rosenbrock, 2, 3>(c);
    hessian_group::<Rosenbrock, 4, 10>(c);
    hessian_group::<Rosenbrock, 8, 36>(c);
    hessian_group::<Rosenbrock, 16, 136>(c);
    hessian_group::<Transcendental, 4, 10>(c);
    hessian_group::<Transcendental, 8, 36>(c);
}

fn hessian_vector_products(c: &mut Criterion) {
    hessian_vector_product_group::<8, 36>(c);
    hessian_vector_product_group::<16, 136>(c);
}

/// Short warm-up and measurement, so the whole run (about 100 benchmarks)
/// stays within about five minutes on two cores. Command-line flags such as
/// `--measurement-time` still override these.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
        .nresamples(10_000)
        .without_plots()
}

/// Shorter still for the 26 groups of [`matrix_and_large`]: at 200 ms and
/// 500 ms they took 1 min 43 s, at the settings of [`config`] they would
/// take about three minutes.
fn short_config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(400))
        .sample_size(20)
        .nresamples(10_000)
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = gradients, jacobians, hessians, hessian_vector_products, log_likelihood_group, third::third_derivatives
}
criterion_group! {
    name = short_benches;
    config = short_config();
    targets = matrix_and_large
}

/// `criterion_main!` on a 1 GiB thread: `hessian` at N = 128 holds 128
/// inputs of 131 KiB each, more than the 8 MiB of the main thread.
fn main() {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(|| {
            benches();
            short_benches();
            Criterion::default().configure_from_args().final_summary();
        })
        .expect("spawn the benchmark thread")
        .join()
        .expect("the benchmarks finished");
}
