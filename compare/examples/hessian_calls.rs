//! Runs one Hessian case many times, for instruction and memcpy counts
//! under callgrind (`compare/benches/memcpy_count.sh` drives it).
//!
//! ```text
//! hessian_calls CASE N LIBRARY CALLS
//! ```
//!
//! CASE is `rosenbrock`, `transcendental`, `quadratic` (the constant-heavy
//! quadratic form Σ aᵢⱼxᵢxⱼ), `cholesky` or `lu` (log det of a
//! matrix built from x, through a factorization written once for every
//! number type), or `nalgebra_cholesky` / `nalgebra_lu` (the same through
//! nalgebra's own routines, which only monodual's types can run), or
//! `bench_cholesky` / `bench_lu` (the `hessian_cholesky_N` / `hessian_lu_N`
//! benchmark cases: monodual through nalgebra, hyperjet by hand); LIBRARY is
//! `monodual` or `hyperjet`.

#![allow(dead_code)]
// The factorizations are written as the textbook index loops.
#![allow(clippy::needless_range_loop)]

#[path = "../benches/derivatives/anchors.rs"]
mod anchors;
#[path = "../benches/derivatives/functions.rs"]
mod functions;
#[path = "../benches/derivatives/matrix_cases.rs"]
mod matrix_cases;
#[path = "../benches/derivatives/number.rs"]
mod number;

use std::hint::black_box;

use monodual::{HyperDual, Packed};
use nalgebra::{ComplexField, Const, DimMin, RealField, SMatrix, SVector};
use number::Number;

/// A symmetric positive definite matrix from x:
/// Aᵢⱼ = xᵢxⱼ/4 + (N + 1)·[i = j] + sin-free coupling 0.1·(xᵢ + xⱼ).
fn matrix<S: Number, const N: usize>(x: &[S; N]) -> [[S; N]; N] {
    std::array::from_fn(|i| {
        std::array::from_fn(|j| {
            let entry = x[i] * x[j] * 0.25 + (x[i] + x[j]) * 0.1;
            if i == j {
                entry + (N + 1) as f64
            } else {
                entry
            }
        })
    })
}

/// log det A by a Cholesky factorization A = LLᵀ: 2 Σ ln Lᵢᵢ.
fn cholesky_log_det<S: Number, const N: usize>(x: &[S; N]) -> S {
    let a = matrix(x);
    let mut l = a;
    for j in 0..N {
        let mut d = l[j][j];
        for k in 0..j {
            d = d - l[j][k] * l[j][k];
        }
        let d = d.sqrt();
        l[j][j] = d;
        for i in j + 1..N {
            let mut s = l[i][j];
            for k in 0..j {
                s = s - l[i][k] * l[j][k];
            }
            l[i][j] = s / d;
        }
    }
    let mut log_det = l[0][0].ln();
    for (j, row) in l.iter().enumerate().skip(1) {
        log_det = log_det + row[j].ln();
    }
    log_det * 2.0
}

/// log det A by an LU factorization without pivoting (A is diagonally
/// dominant): Σ ln Uᵢᵢ.
fn lu_log_det<S: Number, const N: usize>(x: &[S; N]) -> S {
    let mut u = matrix(x);
    for k in 0..N {
        for i in k + 1..N {
            let factor = u[i][k] / u[k][k];
            for j in k..N {
                u[i][j] = u[i][j] - factor * u[k][j];
            }
        }
    }
    let mut log_det = u[0][0].ln();
    for (k, row) in u.iter().enumerate().skip(1) {
        log_det = log_det + row[k].ln();
    }
    log_det
}

/// The same matrix through nalgebra's Cholesky or LU.
fn nalgebra_log_det<S: RealField + Copy + Number, const N: usize>(x: &[S; N], lu: bool) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    let a = matrix(x);
    let m = SMatrix::<S, N, N>::from_fn(|i, j| a[i][j]);
    if lu {
        ComplexField::ln(m.lu().determinant())
    } else {
        let l = m.cholesky().expect("positive definite").l();
        l.diagonal().map(ComplexField::ln).sum() * 2.0
    }
}

fn point<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| 0.3 + 0.7 * ((i + 1) as f64).sin())
}

/// Calls `hessian` `calls` times at a fixed point and prints a checksum.
fn repeat<const N: usize>(
    x: SVector<f64, N>,
    calls: usize,
    hessian: impl Fn(SVector<f64, N>) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>),
) {
    let mut total = 0.0;
    for _ in 0..calls {
        let (f, g, h) = hessian(black_box(x));
        // every part read, so that none of them is optimized away
        total += f + g.sum() + h.sum();
    }
    println!("{total}");
}

/// The scalar benchmark functions (N even).
fn run_function<const N: usize, const H: usize>(case: &str, library: &str, calls: usize)
where
    Const<N>: Packed,
{
    match (case, library) {
        ("rosenbrock", "monodual") => repeat(functions::rosenbrock_start::<N>(), calls, |x| {
            monodual::hessian(|v| functions::rosenbrock(anchors::entries(&v)), x)
        }),
        ("rosenbrock", "hyperjet") => repeat(functions::rosenbrock_start::<N>(), calls, |x| {
            anchors::hyperjet_hessian::<N, H>(functions::rosenbrock, &x)
        }),
        ("transcendental", "monodual") => {
            repeat(functions::transcendental_point::<N>(), calls, |x| {
                monodual::hessian(|v| functions::transcendental(anchors::entries(&v)), x)
            })
        }
        ("transcendental", "hyperjet") => {
            repeat(functions::transcendental_point::<N>(), calls, |x| {
                anchors::hyperjet_hessian::<N, H>(functions::transcendental, &x)
            })
        }
        ("quadratic", "monodual") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            monodual::hessian(|v| matrix_cases::quadratic_form(anchors::entries(&v)), x)
        }),
        ("quadratic", "hyperjet") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            anchors::hyperjet_hessian::<N, H>(matrix_cases::quadratic_form, &x)
        }),
        _ => panic!("unknown case {case} for {library}"),
    }
}

/// The factorizations.
fn run_matrix<const N: usize, const H: usize>(case: &str, library: &str, calls: usize)
where
    Const<N>: Packed + DimMin<Const<N>, Output = Const<N>>,
{
    let x = point::<N>();
    match (case, library) {
        ("cholesky", "monodual") => repeat(x, calls, |x| {
            monodual::hessian(|v| cholesky_log_det(anchors::entries(&v)), x)
        }),
        ("cholesky", "hyperjet") => repeat(x, calls, |x| {
            anchors::hyperjet_hessian::<N, H>(cholesky_log_det, &x)
        }),
        ("lu", "monodual") => repeat(x, calls, |x| {
            monodual::hessian(|v| lu_log_det(anchors::entries(&v)), x)
        }),
        ("lu", "hyperjet") => repeat(x, calls, |x| {
            anchors::hyperjet_hessian::<N, H>(lu_log_det, &x)
        }),
        ("nalgebra_cholesky", "monodual") => repeat(x, calls, |x| {
            monodual::hessian(
                |v: SVector<HyperDual<f64, N>, N>| nalgebra_log_det(anchors::entries(&v), false),
                x,
            )
        }),
        ("nalgebra_lu", "monodual") => repeat(x, calls, |x| {
            monodual::hessian(
                |v: SVector<HyperDual<f64, N>, N>| nalgebra_log_det(anchors::entries(&v), true),
                x,
            )
        }),
        ("bench_cholesky", "monodual") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            monodual::hessian(|v| matrix_cases::cholesky_case(&v), x)
        }),
        ("bench_cholesky", "hyperjet") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            anchors::hyperjet_hessian::<N, H>(matrix_cases::cholesky_case_by_hand, &x)
        }),
        ("bench_lu", "monodual") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            monodual::hessian(|v| matrix_cases::lu_case(&v), x)
        }),
        ("bench_lu", "hyperjet") => repeat(matrix_cases::matrix_point::<N>(), calls, |x| {
            anchors::hyperjet_hessian::<N, H>(matrix_cases::lu_case_by_hand, &x)
        }),
        _ => panic!("unknown case {case} for {library}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, case, n, library, calls] = &args[..] else {
        panic!("usage: hessian_calls CASE N LIBRARY CALLS");
    };
    let calls: usize = calls.parse().expect("CALLS is a count");
    let matrix = matches!(
        case.as_str(),
        "cholesky" | "lu" | "nalgebra_cholesky" | "nalgebra_lu" | "bench_cholesky" | "bench_lu"
    );
    match (matrix, n.as_str()) {
        (false, "2") => run_function::<2, 3>(case, library, calls),
        (false, "4") => run_function::<4, 10>(case, library, calls),
        (false, "8") => run_function::<8, 36>(case, library, calls),
        (false, "16") => run_function::<16, 136>(case, library, calls),
        (false, "32") => run_function::<32, 528>(case, library, calls),
        (true, "4") => run_matrix::<4, 10>(case, library, calls),
        (true, "5") => run_matrix::<5, 15>(case, library, calls),
        (true, "6") => run_matrix::<6, 21>(case, library, calls),
        (true, "7") => run_matrix::<7, 28>(case, library, calls),
        (true, "8") => run_matrix::<8, 36>(case, library, calls),
        (true, "9") => run_matrix::<9, 45>(case, library, calls),
        _ => panic!("{case} at N = {n} is not built in"),
    }
}
