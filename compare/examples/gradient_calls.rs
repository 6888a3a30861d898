//! Runs one gradient case many times, for instruction counts under
//! callgrind (`compare/benches/memcpy_count.sh` drives it with
//! `EXAMPLE=gradient_calls`).
//!
//! ```text
//! gradient_calls CASE N LIBRARY CALLS
//! ```
//!
//! CASE is `rosenbrock`, `transcendental` or `quadratic` (the constant-heavy
//! quadratic form Σ aᵢⱼxᵢxⱼ); N is 2, 4, 8, 16 or 32; LIBRARY is
//! `monodual` (`Dual<f64, N>`) or `hyperjet` (`Jet1<N>`).

#![allow(dead_code)]

#[path = "../benches/derivatives/anchors.rs"]
mod anchors;
#[path = "../benches/derivatives/functions.rs"]
mod functions;
#[path = "../benches/derivatives/matrix_cases.rs"]
mod matrix_cases;
#[path = "../benches/derivatives/number.rs"]
mod number;

use std::hint::black_box;

use nalgebra::SVector;

/// Calls `gradient` `calls` times at a fixed point and prints a checksum.
fn repeat<const N: usize>(
    x: SVector<f64, N>,
    calls: usize,
    gradient: impl Fn(SVector<f64, N>) -> (f64, SVector<f64, N>),
) {
    let mut total = 0.0;
    for _ in 0..calls {
        let (f, g) = gradient(black_box(x));
        // every part read, so that none of them is optimized away
        total += f + g.sum();
    }
    println!("{total}");
}

fn run<const N: usize>(case: &str, library: &str, calls: usize) {
    use anchors::{entries, hyperjet_gradient};
    use functions::{rosenbrock, rosenbrock_start, transcendental, transcendental_point};
    use matrix_cases::{matrix_point, quadratic_form};
    match (case, library) {
        ("rosenbrock", "monodual") => repeat(rosenbrock_start::<N>(), calls, |x| {
            monodual::gradient(|v| rosenbrock(entries(&v)), x)
        }),
        ("rosenbrock", "hyperjet") => repeat(rosenbrock_start::<N>(), calls, |x| {
            hyperjet_gradient(rosenbrock, &x)
        }),
        ("transcendental", "monodual") => repeat(transcendental_point::<N>(), calls, |x| {
            monodual::gradient(|v| transcendental(entries(&v)), x)
        }),
        ("transcendental", "hyperjet") => repeat(transcendental_point::<N>(), calls, |x| {
            hyperjet_gradient(transcendental, &x)
        }),
        ("quadratic", "monodual") => repeat(matrix_point::<N>(), calls, |x| {
            monodual::gradient(|v| quadratic_form(entries(&v)), x)
        }),
        ("quadratic", "hyperjet") => repeat(matrix_point::<N>(), calls, |x| {
            hyperjet_gradient(quadratic_form, &x)
        }),
        _ => panic!("unknown case {case} for {library}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, case, n, library, calls] = &args[..] else {
        panic!("usage: gradient_calls CASE N LIBRARY CALLS");
    };
    let calls: usize = calls.parse().expect("CALLS is a count");
    match n.as_str() {
        "2" => run::<2>(case, library, calls),
        "4" => run::<4>(case, library, calls),
        "8" => run::<8>(case, library, calls),
        "16" => run::<16>(case, library, calls),
        "32" => run::<32>(case, library, calls),
        _ => panic!("{case} at N = {n} is not built in"),
    }
}
