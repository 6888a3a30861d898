//! Shared helpers for the integration tests: the matrix-calculus tests
//! (`tests/calculus_*.rs`) and, in [`unary`], the table's unary functions
//! for `tests/elementary.rs` and `tests/third.rs`.
//!
//! - [`Rng`]: a tiny seeded generator (splitmix64) of random points, vectors
//!   and matrices, so every test is reproducible without a dependency.
//! - [`assert_identity`] and friends: compare what monodual computed with a
//!   closed form written by hand, and name the identity when they differ.
//! - A few plain-f64 building blocks the closed forms share (sigmoid,
//!   softmax, an orthonormal basis).

// Each test binary uses only part of this module.
#![allow(dead_code)]

pub mod unary;

use nalgebra::{SMatrix, SVector};

/// Relative tolerance of every exact identity checked in f64.
pub const TOL: f64 = 1e-12;

/// Random points tried for every identity and every size.
pub const POINTS: usize = 6;

/// splitmix64 (Steele, Lea and Flood, 2014): 64 bits of state, passes
/// BigCrush, and is five lines long.
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// A generator for one test and one size: distinct seeds per test (`test`)
    /// and per shape (`rows`, `cols`).
    pub fn for_case(test: u64, rows: usize, cols: usize) -> Self {
        Rng::new(test.wrapping_mul(0x1000_0000_01B3) ^ ((rows as u64) << 32) ^ cols as u64)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// A matrix with entries uniform in [-1, 1).
    pub fn matrix<const R: usize, const C: usize>(&mut self) -> SMatrix<f64, R, C> {
        SMatrix::from_fn(|_, _| self.range(-1.0, 1.0))
    }

    /// A vector with entries uniform in [-1, 1).
    pub fn vector<const N: usize>(&mut self) -> SVector<f64, N> {
        self.matrix()
    }

    /// A vector with entries uniform in [lo, hi).
    pub fn vector_in<const N: usize>(&mut self, lo: f64, hi: f64) -> SVector<f64, N> {
        SVector::from_fn(|_, _| self.range(lo, hi))
    }

    /// A vector whose entries have magnitude in [0.25, 1.5) and a random
    /// sign: away from the kinks of |x| at zero.
    pub fn vector_away_from_zero<const N: usize>(&mut self) -> SVector<f64, N> {
        SVector::from_fn(|_, _| {
            let magnitude = self.range(0.25, 1.5);
            if self.next_u64() & 1 == 0 {
                magnitude
            } else {
                -magnitude
            }
        })
    }

    /// A random direction of norm one.
    pub fn unit_vector<const N: usize>(&mut self) -> SVector<f64, N> {
        loop {
            let v = self.vector::<N>();
            let norm = v.norm();
            if norm > 0.1 {
                return v / norm;
            }
        }
    }

    /// A random symmetric matrix, (B + Bᵀ)/2.
    pub fn symmetric<const N: usize>(&mut self) -> SMatrix<f64, N, N> {
        let b = self.matrix::<N, N>();
        (b + b.transpose()) * 0.5
    }

    /// A symmetric positive definite matrix, B Bᵀ + I: eigenvalues ≥ 1.
    pub fn spd<const N: usize>(&mut self) -> SMatrix<f64, N, N> {
        let b = self.matrix::<N, N>();
        b * b.transpose() + SMatrix::identity()
    }

    /// A well-conditioned square matrix, B + n·I: diagonally dominant, so
    /// invertible with positive determinant (every Gershgorin disc lies in
    /// the right half-plane).
    pub fn well_conditioned<const N: usize>(&mut self) -> SMatrix<f64, N, N> {
        self.matrix::<N, N>() + SMatrix::identity() * N as f64
    }

    /// A tall or wide matrix of full rank, well-conditioned: B plus n on the
    /// leading diagonal.
    pub fn full_rank<const R: usize, const C: usize>(&mut self) -> SMatrix<f64, R, C> {
        let mut b = self.matrix::<R, C>();
        let k = R.min(C);
        for i in 0..k {
            b[(i, i)] += k as f64;
        }
        b
    }

    /// A random orthogonal matrix: the orthonormal basis of a well-conditioned one.
    pub fn orthogonal<const N: usize>(&mut self) -> SMatrix<f64, N, N> {
        orthonormal_columns(&self.well_conditioned::<N>())
    }
}

/// Largest absolute entry of `computed − expected`.
pub fn largest_difference<const R: usize, const C: usize>(
    computed: &SMatrix<f64, R, C>,
    expected: &SMatrix<f64, R, C>,
) -> f64 {
    (computed - expected).amax()
}

/// Asserts `computed ≈ expected` entry by entry, to [`TOL`] relative, with an
/// absolute floor of [`TOL`] times the largest entry of `expected` (so exact
/// zeros of the closed form are compared at the scale of the matrix).
/// `identity` names the row of the reference; `at` says where (size, point).
#[track_caller]
pub fn assert_identity<const R: usize, const C: usize>(
    identity: &str,
    at: &str,
    computed: &SMatrix<f64, R, C>,
    expected: &SMatrix<f64, R, C>,
) {
    assert_identity_to(identity, at, computed, expected, TOL);
}

/// [`assert_identity`] with an explicit relative tolerance.
#[track_caller]
pub fn assert_identity_to<const R: usize, const C: usize>(
    identity: &str,
    at: &str,
    computed: &SMatrix<f64, R, C>,
    expected: &SMatrix<f64, R, C>,
    tolerance: f64,
) {
    let scale = expected.amax().max(1.0);
    let close = approx::relative_eq!(
        computed,
        expected,
        epsilon = tolerance * scale,
        max_relative = tolerance
    );
    assert!(
        close,
        "identity {identity} fails at {at} ({R}x{C}): largest difference {:.3e} \
         (tolerance {tolerance:.0e} relative)\n  monodual:    {}\n  closed form: {}",
        largest_difference(computed, expected),
        computed.transpose(),
        expected.transpose(),
    );
}

/// [`assert_identity`] for scalars.
#[track_caller]
pub fn assert_scalar(identity: &str, at: &str, computed: f64, expected: f64) {
    let scale = expected.abs().max(1.0);
    let close = approx::relative_eq!(
        computed,
        expected,
        epsilon = TOL * scale,
        max_relative = TOL
    );
    assert!(
        close,
        "identity {identity} fails at {at}: monodual {computed:e}, closed form {expected:e}, \
         difference {:.3e}",
        (computed - expected).abs()
    );
}

/// Asserts that a computed Hessian is symmetric (Schwarz), to [`TOL`].
#[track_caller]
pub fn assert_symmetric<const N: usize>(what: &str, at: &str, h: &SMatrix<f64, N, N>) {
    assert_identity(
        &format!("Hᵀ = H (Schwarz) for {what}"),
        at,
        &h.transpose(),
        h,
    );
}

/// The logistic sigmoid σ(t) = 1 / (1 + e⁻ᵗ), in plain f64.
pub fn sigmoid(t: f64) -> f64 {
    1.0 / (1.0 + (-t).exp())
}

/// softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ), in plain f64.
pub fn softmax<const N: usize>(x: &SVector<f64, N>) -> SVector<f64, N> {
    let e = x.map(f64::exp);
    e / e.sum()
}

/// An orthonormal basis of the column space of a full-column-rank `a`, by
/// modified Gram–Schmidt, run twice for orthogonality to working precision.
pub fn orthonormal_columns<const R: usize, const C: usize>(
    a: &SMatrix<f64, R, C>,
) -> SMatrix<f64, R, C> {
    let mut q = *a;
    for _pass in 0..2 {
        for j in 0..C {
            for k in 0..j {
                let projection = q.column(k).dot(&q.column(j));
                let qk = q.column(k).into_owned();
                q.column_mut(j).axpy(-projection, &qk, 1.0);
            }
            let norm = q.column(j).norm();
            q.column_mut(j).unscale_mut(norm);
        }
    }
    q
}

/// The label of one random point of one size: `n = 3, point 2`.
pub fn label(shape: &str, point: usize) -> String {
    format!("{shape}, point {point}")
}
