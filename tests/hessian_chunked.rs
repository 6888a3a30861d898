//! `hessian_chunked` against `hessian`: the same value, gradient and
//! Hessian (to rounding) at sizes that fill the blocks of 4 variables
//! exactly and leave the last block partial, on dense and sparse
//! functions; an exactly symmetric Hessian; and N = 128 on a 2 MiB thread,
//! the stack `cargo test` gives each test, in the debug build.

use monodual::Scalar;
use nalgebra::{SMatrix, SVector};

/// Dense: f(x) = ln(1 + Σ xᵢ²) + exp(wᵀx / N) + Σᵢ sin(xᵢ) xᵢ₊₁² + xᵀAx,
/// every Hessian entry nonzero.
fn dense<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    let squares = x.iter().fold(S::zero(), |sum, &xi| sum + xi * xi);
    let weighted = x
        .iter()
        .enumerate()
        .fold(S::zero(), |sum, (i, &xi)| sum + xi * (1.0 + 0.1 * i as f64));
    let waves =
        (0..N.saturating_sub(1)).fold(S::zero(), |sum, i| sum + x[i].sin() * x[i + 1] * x[i + 1]);
    let mut form = S::zero();
    for i in 0..N {
        for j in 0..N {
            form += x[i] * x[j] * (((i * N + j) as f64) * 0.37).cos();
        }
    }
    (squares + 1.0).ln() + (weighted / N as f64).exp() + waves + form
}

/// Dense with O(N) operations, for large N: ln(1 + Σ xᵢ²) + exp(wᵀx / N) +
/// Σᵢ sin(xᵢ) xᵢ₊₁².
fn dense_linear<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    let squares = x.iter().fold(S::zero(), |sum, &xi| sum + xi * xi);
    let weighted = x
        .iter()
        .enumerate()
        .fold(S::zero(), |sum, (i, &xi)| sum + xi * (1.0 + 0.1 * i as f64));
    let waves = (0..N - 1).fold(S::zero(), |sum, i| sum + x[i].sin() * x[i + 1] * x[i + 1]);
    (squares + 1.0).ln() + (weighted / N as f64).exp() + waves
}

/// Sparse (tridiagonal Hessian): the chained Rosenbrock function
/// Σᵢ (xᵢ − 1)² + Σᵢ 100 (xᵢ₊₁ − xᵢ²)², plus cos x₀ so that N = 1 has
/// curvature of two signs in its terms.
fn sparse<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    let mut sum = x[0].cos();
    for i in 0..N {
        sum += (x[i] - 1.0).powi(2);
        if i + 1 < N {
            sum += (x[i + 1] - x[i] * x[i]).powi(2) * 100.0;
        }
    }
    sum
}

fn point<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| 1.2 * ((i + 1) as f64).sin())
}

/// Runs `body` on a thread with a stack of `bytes`.
fn on_thread<R: Send + 'static>(bytes: usize, body: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(body)
        .expect("spawn a thread")
        .join()
        .expect("the thread finished")
}

/// Relative tolerance: the blocks sum the same second-order terms as
/// `HyperDual` in another order.
const ROUNDING: f64 = 1e-14;

/// `got` equals `expected` entry by entry to `ROUNDING` relative to the
/// larger of the entry and the largest entry of its row (the scale of the
/// terms that were summed), and `got` is exactly symmetric.
fn assert_same<const N: usize>(
    label: &str,
    (fg, gg, hg): (f64, SVector<f64, N>, SMatrix<f64, N, N>),
    (fe, ge, he): (f64, SVector<f64, N>, SMatrix<f64, N, N>),
) {
    assert_eq!(fg, fe, "{label}: value");
    let gscale = ge.abs().max();
    for i in 0..N {
        assert!(
            (gg[i] - ge[i]).abs() <= ROUNDING * gscale,
            "{label}: ∂f/∂x{i} = {} against {}",
            gg[i],
            ge[i]
        );
        let row_scale = he.row(i).abs().max();
        for j in 0..N {
            assert_eq!(
                hg[(i, j)],
                hg[(j, i)],
                "{label}: H not symmetric at ({i}, {j})"
            );
            assert!(
                (hg[(i, j)] - he[(i, j)]).abs() <= ROUNDING * row_scale,
                "{label}: H[({i}, {j})] = {} against {}",
                hg[(i, j)],
                he[(i, j)]
            );
        }
    }
}

fn check<const N: usize>()
where
    nalgebra::Const<N>: monodual::Packed,
{
    let x = point::<N>();
    // `hessian` itself needs more than 2 MiB from N = 32 on in a debug build.
    let (dense_expected, sparse_expected) = on_thread(256 << 20, move || {
        (
            monodual::hessian(|x| dense(&x), x),
            monodual::hessian(|x| sparse(&x), x),
        )
    });
    assert_same(
        &format!("dense N = {N}"),
        monodual::hessian_chunked(|x| dense(&x), x),
        dense_expected,
    );
    assert_same(
        &format!("sparse N = {N}"),
        monodual::hessian_chunked(|x| sparse(&x), x),
        sparse_expected,
    );
}

#[test]
fn equals_hessian_at_1_5_8_17_33_variables() {
    check::<1>();
    check::<5>();
    check::<8>();
    check::<17>();
    check::<33>();
}

#[test]
fn no_variables_still_gives_the_value() {
    fn two_and_a_half<S: Scalar>(_: &SVector<S, 0>) -> S {
        S::from_float(2.5)
    }
    let none = SVector::<f64, 0>::zeros();
    let (f, _, _) = monodual::hessian_chunked(|x| two_and_a_half(&x), none);
    assert_eq!(f, 2.5);
    assert_eq!(f, monodual::hessian(|x| two_and_a_half(&x), none).0);
}

#[test]
fn sparse_blocks_stay_exactly_zero() {
    // Blocks far from the diagonal of a tridiagonal Hessian get no second
    // derivative at all, not a rounding error.
    let x = point::<17>();
    let (_, _, h) = monodual::hessian_chunked(|x| sparse(&x), x);
    for i in 0..17_usize {
        for j in 0..17 {
            if i.abs_diff(j) > 1 {
                assert_eq!(h[(i, j)], 0.0, "H[({i}, {j})]");
            } else {
                assert_ne!(h[(i, j)], 0.0, "H[({i}, {j})]");
            }
        }
    }
}

#[test]
fn closed_form_of_a_quadratic_form() {
    // f(x) = xᵀAx: ∇f = (A + Aᵀ)x, H = A + Aᵀ, exactly (sums of two terms).
    let a = SMatrix::<f64, 10, 10>::from_fn(|i, j| (i as f64) - 0.5 * (j as f64) + 0.25);
    let x = point::<10>();
    let (f, g, h) = monodual::hessian_chunked(|x| x.dot(&(a.cast() * x)), x);
    assert!((f - x.dot(&(a * x))).abs() <= 1e-13 * f.abs());
    assert!((g - (a + a.transpose()) * x).abs().max() <= 1e-13 * g.abs().max());
    assert_eq!(h, a + a.transpose());
}

#[test]
fn n128_on_a_2_mib_thread() {
    // A dense Hessian at N = 128 on the stack `cargo test` gives a test
    // thread (2 MiB), in whatever profile the tests were built (debug by
    // default): an overflow aborts the whole test binary.
    // (Measured with a smaller stack: 783 KiB is enough in a debug build.)
    let result = on_thread(2 << 20, || {
        Box::new(monodual::hessian_chunked(
            |x| dense_linear(&x),
            point::<128>(),
        ))
    });
    assert_eq!(result.0, dense_linear(&point::<128>()));
    let expected = on_thread(1 << 30, || {
        Box::new(monodual::hessian(|x| dense_linear(&x), point::<128>()))
    });
    assert_same("dense N = 128", *result, *expected);
}
