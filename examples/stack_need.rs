//! How much stack each driver needs, by N: the smallest thread stack (to
//! 4 KiB) on which one call completes, found by running the call in a child
//! process on threads of different sizes (an overflow aborts the child).
//!
//! ```text
//! cargo run --example stack_need            # debug build
//! cargo run --release --example stack_need  # release build
//! ```
//!
//! The function is f(x) = ½ Σ xᵢ² + (Σ xᵢ)² + Σ sin xᵢ · xᵢ₊₁ (for the
//! Jacobian, its gradient map written by hand), so every Hessian entry is
//! non-zero.

use std::process::Command;

use monodual::Scalar;
use nalgebra::SVector;

fn coupled<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
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

/// ∇f of `coupled`, as a map ℝᴺ → ℝᴺ.
fn coupled_gradient<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    let sum = x.iter().fold(S::from_float(0.0), |acc, &xi| acc + xi);
    SVector::from_fn(|i, _| {
        let mut g = x[i] + sum * 2.0;
        if i + 1 < N {
            g += x[i].cos() * x[i + 1];
        }
        if i > 0 {
            g += x[i - 1].sin();
        }
        g
    })
}

/// One call of `driver` at N variables; returns a checksum. Each driver
/// and N is its own never-inlined function, so it has its own stack frame.
fn call<const N: usize>(driver: &str) -> f64
where
    nalgebra::Const<N>: monodual::Packed,
{
    let x = SVector::<f64, N>::from_fn(|i, _| 0.1 * i as f64 - 1.0);
    match driver {
        "gradient" => gradient(x),
        "jacobian" => jacobian(x),
        "hessian" => hessian(x),
        "hessian_vector_product" => hessian_vector_product(x),
        "hessian_chunked" => hessian_chunked(x),
        _ => panic!("unknown driver {driver}"),
    }
}

#[inline(never)]
fn gradient<const N: usize>(x: SVector<f64, N>) -> f64 {
    monodual::gradient(|v| coupled(&v), x).1.sum()
}

#[inline(never)]
fn jacobian<const N: usize>(x: SVector<f64, N>) -> f64 {
    monodual::jacobian(|v| coupled_gradient(&v), x).1.sum()
}

#[inline(never)]
fn hessian<const N: usize>(x: SVector<f64, N>) -> f64
where
    nalgebra::Const<N>: monodual::Packed,
{
    monodual::hessian(|v| coupled(&v), x).2.sum()
}

#[inline(never)]
fn hessian_vector_product<const N: usize>(x: SVector<f64, N>) -> f64 {
    monodual::hessian_vector_product(|v| coupled(&v), x, x)
        .2
        .sum()
}

#[inline(never)]
fn hessian_chunked<const N: usize>(x: SVector<f64, N>) -> f64 {
    monodual::hessian_chunked(|v| coupled(&v), x).2.sum()
}

fn run(driver: &str, n: usize) -> f64 {
    match n {
        4 => call::<4>(driver),
        8 => call::<8>(driver),
        16 => call::<16>(driver),
        32 => call::<32>(driver),
        64 => call::<64>(driver),
        _ => panic!("N = {n} is not built in"),
    }
}

const DRIVERS: [&str; 5] = [
    "gradient",
    "jacobian",
    "hessian",
    "hessian_vector_product",
    "hessian_chunked",
];
const SIZES: [usize; 5] = [4, 8, 16, 32, 64];

/// `true` if a child process completes `driver` at `n` on a thread of
/// `kib` KiB.
fn fits(driver: &str, n: usize, kib: usize) -> bool {
    let me = std::env::current_exe().expect("the program's path");
    Command::new(me)
        .args(["child", driver, &n.to_string(), &kib.to_string()])
        .output()
        .is_ok_and(|out| out.status.success())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, child, driver, n, kib] = &args[..] {
        assert_eq!(child, "child");
        let (driver, n) = (driver.clone(), n.parse().expect("N"));
        let kib: usize = kib.parse().expect("KiB");
        let thread = std::thread::Builder::new()
            .stack_size(kib << 10)
            .spawn(move || run(&driver, n))
            .expect("spawning a thread");
        std::hint::black_box(thread.join().expect("the call"));
        return;
    }
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("stack need in KiB ({build} build), by N:");
    print!("{:24}", "driver");
    for n in SIZES {
        print!("{n:>8}");
    }
    println!();
    for driver in DRIVERS {
        print!("{driver:24}");
        for n in SIZES {
            // the smallest size that fits, by bisection between 4 KiB and 256 MiB
            let (mut low, mut high) = (4, 256 << 10);
            if !fits(driver, n, high) {
                print!("{:>8}", ">256M");
                continue;
            }
            while high - low > 4 {
                let mid = (low + high) / 2;
                if fits(driver, n, mid) {
                    high = mid
                } else {
                    low = mid
                }
            }
            print!("{high:>8}");
        }
        println!();
    }
}
