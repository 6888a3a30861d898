//! Runs one third-derivative case many times, for instruction and memcpy
//! counts under callgrind (`EXAMPLE=third_calls bash
//! compare/benches/memcpy_count.sh CASE N ...` drives it).
//!
//! ```text
//! third_calls CASE N LIBRARY CALLS
//! ```
//!
//! CASE is `rosenbrock`, `transcendental` (the benchmark functions),
//! `quadratic` (the constant-heavy quadratic form Σ aᵢⱼxᵢxⱼ) or `lu`
//! (log det of a matrix built from x, by an LU factorization without
//! pivoting); N is 4, 6, 8 or 9 (rosenbrock: even); LIBRARY is `monodual`
//! (`Jet3`), `nested` (`Dual<HyperDual<f64, N>, N>`) or `hyperjet`.

#![allow(dead_code)]
// The factorization is written as the textbook index loops.
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

use hyperjet::differentiate::differentiate3;
use hyperjet::jets::Jet3 as HyperjetJet3;
use monodual::{Dual, HyperDual, Jet3, Packed};
use nalgebra::{Const, SVector};
use number::Number;

/// log det A by an LU factorization without pivoting of the diagonally
/// dominant Aᵢⱼ = xᵢxⱼ/4 + 0.1(xᵢ + xⱼ) + (N + 1)·[i = j]: Σ ln Uᵢᵢ.
fn lu_log_det<S: Number, const N: usize>(x: &[S; N]) -> S {
    let mut u: [[S; N]; N] = std::array::from_fn(|i| {
        std::array::from_fn(|j| {
            let entry = x[i] * x[j] * 0.25 + (x[i] + x[j]) * 0.1;
            if i == j {
                entry + (N + 1) as f64
            } else {
                entry
            }
        })
    });
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

/// Calls `third` `calls` times at a fixed point and prints a checksum.
fn repeat<const N: usize>(
    x: SVector<f64, N>,
    calls: usize,
    third: impl Fn(SVector<f64, N>) -> f64,
) {
    let mut total = 0.0;
    for _ in 0..calls {
        total += third(black_box(x));
    }
    println!("{total}");
}

/// The function, once for each library's number type.
struct Case<const N: usize, const H: usize, const T: usize>
where
    Const<N>: Packed,
{
    monodual: fn(&[Jet3<f64, N>; N]) -> Jet3<f64, N>,
    nested: fn(&[Nested<N>; N]) -> Nested<N>,
    hyperjet: fn(&[HyperjetJet3<N, H, T>; N]) -> HyperjetJet3<N, H, T>,
    point: SVector<f64, N>,
}

type Nested<const N: usize> = Dual<HyperDual<f64, N>, N>;

/// `Case` of a function generic over the number type.
macro_rules! case {
    ($f:path, $point:expr) => {
        Case {
            monodual: $f,
            nested: $f,
            hyperjet: $f,
            point: $point,
        }
    };
}

fn run<const N: usize, const H: usize, const T: usize>(
    case: Case<N, H, T>,
    library: &str,
    calls: usize,
) where
    Const<N>: Packed,
{
    let x = case.point;
    match library {
        "monodual" => repeat(x, calls, |x| {
            let f = case.monodual;
            let (value, g, h, t) = monodual::third_derivatives(|v| f(anchors::entries(&v)), x);
            value + g.sum() + h.sum() + t.iter().map(|m| m.sum()).sum::<f64>()
        }),
        "nested" => repeat(x, calls, |x| {
            // xᵢ = (xᵢ + eᵢε) + eᵢδ: the δ lanes carry ∂f/∂xᵢ as HyperDuals
            let seed: [Nested<N>; N] = std::array::from_fn(|i| {
                Dual::new(
                    HyperDual::variable(x[i], i),
                    SVector::from_fn(|j, _| HyperDual::constant(if i == j { 1.0 } else { 0.0 })),
                )
            });
            let y = (case.nested)(&seed);
            let g = y.gradient();
            y.value().value()
                + y.value().gradient().sum()
                + y.value().hessian().sum()
                + g.iter().map(|gi| gi.hessian().sum()).sum::<f64>()
        }),
        "hyperjet" => repeat(x, calls, |x| {
            let f = case.hyperjet;
            let (value, g, h, t) = differentiate3::<N, H, T, _>(anchors::array(x), |v| f(&v));
            let sum = |entries: &[f64]| entries.iter().sum::<f64>();
            value
                + sum(&g)
                + h.iter().map(|row| sum(row)).sum::<f64>()
                + t.iter().flatten().map(|row| sum(row)).sum::<f64>()
        }),
        _ => panic!("unknown library {library}"),
    }
}

/// The case named `name` at one size (rosenbrock only where N is even).
macro_rules! dispatch {
    ($name:expr, $library:expr, $calls:expr, $n:literal, $h:literal, $t:literal $(, $rosenbrock:literal)?) => {{
        let lu_point = SVector::from_fn(|i, _| 0.3 + 0.7 * ((i + 1) as f64).sin());
        let case: Case<$n, $h, $t> = match $name {
            "transcendental" => case!(functions::transcendental, functions::transcendental_point()),
            "quadratic" => case!(matrix_cases::quadratic_form, matrix_cases::matrix_point()),
            "lu" => case!(lu_log_det, lu_point),
            $($rosenbrock => case!(functions::rosenbrock, functions::rosenbrock_start()),)?
            _ => panic!("unknown case {} at N = {}", $name, $n),
        };
        run(case, $library, $calls)
    }};
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, name, n, library, calls] = &args[..] else {
        panic!("usage: third_calls CASE N LIBRARY CALLS");
    };
    let calls: usize = calls.parse().expect("CALLS is a count");
    let (name, library) = (name.as_str(), library.as_str());
    match n.as_str() {
        "4" => dispatch!(name, library, calls, 4, 10, 20, "rosenbrock"),
        "6" => dispatch!(name, library, calls, 6, 21, 56, "rosenbrock"),
        "8" => dispatch!(name, library, calls, 8, 36, 120, "rosenbrock"),
        "9" => dispatch!(name, library, calls, 9, 45, 165),
        _ => panic!("N = {n} is not built in"),
    }
}
