//! The cases added for large N and for constant-heavy and matrix code: a
//! quadratic form with a constant matrix, Hessians through nalgebra's
//! Cholesky and LU, and `hessian_chunked` against `hessian`.

// Index loops, as in the formulas: the factorizations read rows and columns
// of the same arrays they write.
#![allow(clippy::needless_range_loop)]

use nalgebra::{Const, DimMin, RealField, SMatrix, SVector};

use crate::number::Number;

/// The largest N of the quadratic-form cases.
pub const QUADRATIC_MAX: usize = 32;

/// aᵢⱼ = ((7i + 3j) mod 11)/11 − ½: a constant, non-symmetric matrix.
pub const QUADRATIC_MATRIX: [[f64; QUADRATIC_MAX]; QUADRATIC_MAX] = {
    let mut a = [[0.0; QUADRATIC_MAX]; QUADRATIC_MAX];
    let mut i = 0;
    while i < QUADRATIC_MAX {
        let mut j = 0;
        while j < QUADRATIC_MAX {
            a[i][j] = ((7 * i + 3 * j) % 11) as f64 / 11.0 - 0.5;
            j += 1;
        }
        i += 1;
    }
    a
};

/// f(x) = Σᵢⱼ aᵢⱼ xᵢ xⱼ = Σᵢ xᵢ (Σⱼ aᵢⱼ xⱼ): N² products by a constant.
#[inline]
pub fn quadratic_form<S: Number, const N: usize>(x: &[S; N]) -> S {
    const { assert!(N >= 1 && N <= QUADRATIC_MAX) };
    let a = &QUADRATIC_MATRIX;
    let mut sum = x[0] * (row(&a[0], x));
    for i in 1..N {
        sum = sum + x[i] * row(&a[i], x);
    }
    sum
}

/// Σⱼ aᵢⱼ xⱼ.
#[inline]
fn row<S: Number, const N: usize>(a: &[f64; QUADRATIC_MAX], x: &[S; N]) -> S {
    let mut sum = x[0] * a[0];
    for j in 1..N {
        sum = sum + x[j] * a[j];
    }
    sum
}

/// ∇f = (A + Aᵀ)x, H = A + Aᵀ.
pub fn quadratic_form_hessian<const N: usize>(
    x: &SVector<f64, N>,
) -> (f64, SVector<f64, N>, SMatrix<f64, N, N>) {
    let a = SMatrix::<f64, N, N>::from_fn(|i, j| QUADRATIC_MATRIX[i][j]);
    let h = a + a.transpose();
    (x.dot(&(a * x)), h * x, h)
}

/// The point of the quadratic form, the Cholesky and the LU cases.
pub fn matrix_point<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| 0.8 * ((i + 1) as f64 * 0.9).sin())
}

/// cᵢⱼ = 1 / (1 + |i − j|), positive definite (Pólya's criterion).
fn spd(i: usize, j: usize) -> f64 {
    1.0 / (1.0 + i.abs_diff(j) as f64)
}

/// bᵢ = 1 + i/10.
fn rhs(i: usize) -> f64 {
    1.0 + 0.1 * i as f64
}

/// Off-diagonal part of the LU case's matrix: small, so that the matrix
/// is diagonally dominant and partial pivoting never swaps rows.
fn coupling(i: usize, j: usize) -> f64 {
    0.3 / (1.0 + (i + j) as f64)
}

/// Σ(x) = C + diag(exp xᵢ) + xxᵀ/10, f(x) = ln det Σ + bᵀΣ⁻¹b, both from
/// nalgebra's Cholesky factor Σ = LLᵀ.
#[inline]
pub fn cholesky_case<S: RealField + Copy, const N: usize>(x: &SVector<S, N>) -> S {
    let constant = |value: f64| -> S { nalgebra::convert(value) };
    let sigma = SMatrix::<S, N, N>::from_fn(|i, j| {
        let entry = constant(spd(i, j)) + x[i] * x[j] * constant(0.1);
        if i == j { entry + x[i].exp() } else { entry }
    });
    let b = SVector::<S, N>::from_fn(|i, _| constant(rhs(i)));
    let Some(cholesky) = sigma.cholesky() else {
        return constant(f64::NAN);
    };
    let l = cholesky.l_dirty();
    let mut log_det = l[(0, 0)].ln();
    for i in 1..N {
        log_det += l[(i, i)].ln();
    }
    log_det * constant(2.0) + b.dot(&cholesky.solve(&b))
}

/// [`cholesky_case`] written out for number types that are not nalgebra
/// scalars (hyperjet's jets), with the same operations: the Cholesky
/// factor column by column, then the two triangular solves.
#[inline]
pub fn cholesky_case_by_hand<S: Number, const N: usize>(x: &[S; N]) -> S {
    let mut sigma = [[x[0]; N]; N];
    for i in 0..N {
        for j in 0..N {
            let entry = x[i] * x[j] * 0.1 + spd(i, j);
            sigma[i][j] = if i == j { entry + x[i].exp() } else { entry };
        }
    }
    // Σ = LLᵀ: Lⱼⱼ = √(Σⱼⱼ − Σₖ Lⱼₖ²), Lᵢⱼ = (Σᵢⱼ − Σₖ Lᵢₖ Lⱼₖ) / Lⱼⱼ
    let mut l = sigma;
    for j in 0..N {
        let mut diagonal = sigma[j][j];
        for k in 0..j {
            diagonal = diagonal - l[j][k] * l[j][k];
        }
        let diagonal = diagonal.sqrt();
        l[j][j] = diagonal;
        for i in j + 1..N {
            let mut entry = sigma[i][j];
            for k in 0..j {
                entry = entry - l[i][k] * l[j][k];
            }
            l[i][j] = entry / diagonal;
        }
    }
    // Ly = b, Lᵀz = y
    let mut y = [x[0]; N];
    for i in 0..N {
        let mut entry = x[0] * 0.0 + rhs(i);
        for k in 0..i {
            entry = entry - l[i][k] * y[k];
        }
        y[i] = entry / l[i][i];
    }
    let mut z = y;
    for i in (0..N).rev() {
        let mut entry = y[i];
        for k in i + 1..N {
            entry = entry - l[k][i] * z[k];
        }
        z[i] = entry / l[i][i];
    }
    let mut log_det = l[0][0].ln();
    let mut quadratic = z[0] * rhs(0);
    for i in 1..N {
        log_det = log_det + l[i][i].ln();
        quadratic = quadratic + z[i] * rhs(i);
    }
    log_det * 2.0 + quadratic
}

/// M(x) = D + diag(3 + sin xᵢ) + xxᵀ/10 with small off-diagonal D,
/// f(x) = bᵀM⁻¹b by nalgebra's LU with partial pivoting.
#[inline]
pub fn lu_case<S: RealField + Copy, const N: usize>(x: &SVector<S, N>) -> S
where
    Const<N>: DimMin<Const<N>, Output = Const<N>>,
{
    let constant = |value: f64| -> S { nalgebra::convert(value) };
    let m = SMatrix::<S, N, N>::from_fn(|i, j| {
        let entry = constant(coupling(i, j)) + x[i] * x[j] * constant(0.1);
        if i == j {
            entry + x[i].sin() + constant(3.0)
        } else {
            entry
        }
    });
    let b = SVector::<S, N>::from_fn(|i, _| constant(rhs(i)));
    match m.lu().solve(&b) {
        Some(solution) => b.dot(&solution),
        None => constant(f64::NAN),
    }
}

/// [`lu_case`] written out for hyperjet's jets, with the same operations
/// but no pivot search (they have no comparison): the matrix is
/// diagonally dominant, so partial pivoting keeps the diagonal as well.
#[inline]
pub fn lu_case_by_hand<S: Number, const N: usize>(x: &[S; N]) -> S {
    let mut m = [[x[0]; N]; N];
    for i in 0..N {
        for j in 0..N {
            let entry = x[i] * x[j] * 0.1 + coupling(i, j);
            m[i][j] = if i == j {
                entry + x[i].sin() + 3.0
            } else {
                entry
            };
        }
    }
    // M = LU in place, L unit lower triangular
    for k in 0..N {
        let pivot = m[k][k];
        for i in k + 1..N {
            let factor = m[i][k] / pivot;
            m[i][k] = factor;
            for j in k + 1..N {
                m[i][j] = m[i][j] - factor * m[k][j];
            }
        }
    }
    // Ly = b, Uz = y
    let mut y = [x[0]; N];
    for i in 0..N {
        let mut entry = x[0] * 0.0 + rhs(i);
        for k in 0..i {
            entry = entry - m[i][k] * y[k];
        }
        y[i] = entry;
    }
    let mut z = y;
    for i in (0..N).rev() {
        let mut entry = y[i];
        for k in i + 1..N {
            entry = entry - m[i][k] * z[k];
        }
        z[i] = entry / m[i][i];
    }
    let mut quadratic = z[0] * rhs(0);
    for i in 1..N {
        quadratic = quadratic + z[i] * rhs(i);
    }
    quadratic
}
