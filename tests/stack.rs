//! `hessian` at N = 32 fits on a 2 MiB thread (the default stack of a
//! spawned thread, and of every `cargo test` test) in the build this test is
//! compiled in, debug included.

use monodual::Scalar;
use nalgebra::{SMatrix, SVector};

const N: usize = 32;

/// f(x) = ½ Σ xᵢ² + (Σ xᵢ)² + Σ sin xᵢ · xᵢ₊₁: dense, every entry of the
/// Hessian non-zero.
fn coupled<S: Scalar>(x: &SVector<S, N>) -> S {
    let mut squares = S::from_float(0.0);
    let mut sum = S::from_float(0.0);
    let mut chain = S::from_float(0.0);
    for i in 0..N {
        squares += x[i] * x[i];
        sum += x[i];
        if i + 1 < N {
            chain += x[i].sin() * x[i + 1];
        }
    }
    squares * 0.5 + sum * sum + chain
}

/// H = I + 2·11ᵀ + the sin xᵢ · xᵢ₊₁ terms: −sin xᵢ · xᵢ₊₁ on the diagonal,
/// cos xᵢ at (i, i + 1) and (i + 1, i).
fn coupled_hessian(x: &SVector<f64, N>) -> SMatrix<f64, N, N> {
    SMatrix::from_fn(|i, j| {
        let mut h = 2.0 + if i == j { 1.0 } else { 0.0 };
        if i == j && i + 1 < N {
            h -= x[i].sin() * x[i + 1];
        }
        if j == i + 1 {
            h += x[i].cos();
        }
        if i == j + 1 {
            h += x[j].cos();
        }
        h
    })
}

#[test]
fn hessian_at_32_variables_runs_on_a_2_mib_thread() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let x = SVector::<f64, N>::from_fn(|i, _| 0.1 * i as f64 - 1.0);
            let (f, _, h) = monodual::hessian(|v| coupled(&v), x);
            (x, f, h)
        })
        .expect("spawning a thread");
    let (x, f, h) = handle.join().expect("hessian on a 2 MiB stack");
    assert_eq!(f, coupled(&x));
    let expected = coupled_hessian(&x);
    for i in 0..N {
        for j in 0..N {
            let (got, want) = (h[(i, j)], expected[(i, j)]);
            assert!(
                (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                "entry ({i}, {j}): {got}, expected {want}"
            );
        }
    }
}
