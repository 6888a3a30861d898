//! `matrix_gradient` at every size up to 16 × 16, and from code generic
//! over the size with its one bound.

use monodual::{MatrixLanes, Scalar};
use nalgebra::{Const, SMatrix};

/// f(X) = Σᵢⱼ wᵢⱼ xᵢⱼ³ with wᵢⱼ = i + 2j + 1: ∂f/∂xᵢⱼ = 3 wᵢⱼ xᵢⱼ².
fn weighted_cubes<S: Scalar, const R: usize, const C: usize>(x: &SMatrix<S, R, C>) -> S {
    let mut total = S::zero();
    for j in 0..C {
        for i in 0..R {
            total += x[(i, j)].powi(3) * ((i + 2 * j + 1) as f64);
        }
    }
    total
}

/// Generic over R and C: the one bound of the docs.
fn check<const R: usize, const C: usize, const L: usize>()
where
    Const<R>: MatrixLanes<C, Lanes = Const<L>>,
{
    let x = SMatrix::<f64, R, C>::from_fn(|i, j| 0.25 + 0.1 * i as f64 - 0.05 * j as f64);
    let (f, g) = monodual::matrix_gradient(|m| weighted_cubes(&m), x);
    // x through black_box: with x known, an optimized build folds the f64
    // `powi` at compile time, which need not round as it does at run time
    assert_eq!(f, weighted_cubes(&std::hint::black_box(x)));
    let expected =
        SMatrix::<f64, R, C>::from_fn(|i, j| 3.0 * ((i + 2 * j + 1) as f64) * x[(i, j)].powi(2));
    assert!(
        (g - expected).abs().max() <= 1e-14 * expected.abs().max(),
        "{R} × {C}: {g} vs {expected}"
    );
    assert_eq!(L, R * C);
}

/// Runs `body` on a thread with room for the large number types of the
/// 16 × 16 case (256 lanes per entry) in a debug build.
fn with_large_stack(body: fn()) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(body)
        .expect("thread")
        .join()
        .expect("no panic");
}

#[test]
fn small_and_rectangular_sizes() {
    check::<1, 1, 1>();
    check::<1, 16, 16>();
    check::<16, 1, 16>();
    check::<3, 5, 15>();
    check::<8, 8, 64>();
}

#[test]
fn sizes_past_nalgebras_typenum_limit() {
    // 12 × 12 = 144 and 11 × 12 = 132 lanes: past the 127 that nalgebra's
    // DimMul can name
    with_large_stack(|| {
        check::<12, 12, 144>();
        check::<11, 12, 132>();
        check::<16, 9, 144>();
    });
}

#[test]
fn sixteen_by_sixteen() {
    with_large_stack(check::<16, 16, 256>);
}
