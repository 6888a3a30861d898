//! QR factorization with column pivoting, J P = Q R, by Householder
//! reflections on a static M × N matrix (M ≥ N), and the few dense helpers
//! the least-squares solver needs: an overflow-safe Euclidean norm, Qᵀb,
//! and the triangular solves behind the Levenberg–Marquardt step.
//!
//! The pivoting (Businger and Golub) brings the column of largest remaining
//! norm forward at each step, so |R₀₀| ≥ |R₁₁| ≥ … and a rank deficiency
//! shows as trailing small diagonal entries. Everything lives on the stack.

use nalgebra::{SMatrix, SVector};

use crate::Real;

/// ‖v‖₂ without overflow or harmful underflow: the largest magnitude is
/// factored out, ‖v‖ = s·√Σ(vᵢ/s)². NaN if an entry is NaN, +∞ if one is
/// infinite.
#[inline]
#[must_use]
pub(crate) fn norm<T: Real, const K: usize>(v: &SVector<T, K>) -> T {
    let mut scale = T::zero();
    for &vi in v.iter() {
        let magnitude = vi.abs();
        // NaN ≠ NaN: a NaN entry makes the norm NaN (a later entry must not
        // replace it as the scale)
        #[allow(clippy::eq_op)]
        if magnitude != magnitude {
            return magnitude;
        }
        scale = scale.max(magnitude);
    }
    if scale == T::zero() || !scale.is_finite() {
        return scale;
    }
    let sum = v.iter().fold(T::zero(), |s, &vi| {
        let ratio = vi / scale;
        s + ratio * ratio
    });
    scale * sum.sqrt()
}

/// The factorization J P = Q R of an M × N matrix, M ≥ N.
///
/// Q is kept as N Householder reflections; R is upper triangular with
/// non-increasing |Rⱼⱼ|; `permutation[j]` is the column of J that became
/// column j of J P.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PivotedQr<T, const M: usize, const N: usize> {
    /// Column j below the diagonal (rows j..M) holds the Householder vector
    /// vⱼ (with vⱼⱼ stored on the diagonal); above the diagonal, R.
    factors: SMatrix<T, M, N>,
    /// The diagonal of R.
    r_diagonal: SVector<T, N>,
    /// Column j of J P is column `permutation[j]` of J.
    pub(crate) permutation: [usize; N],
    /// ‖column j of J‖ (in J's own order, before pivoting).
    pub(crate) column_norms: SVector<T, N>,
}

impl<T: Real, const M: usize, const N: usize> PivotedQr<T, M, N> {
    /// Factors `a`. Finite input gives finite output; entries may span the
    /// whole floating-point range (norms are taken without overflow).
    #[must_use]
    pub(crate) fn new(a: SMatrix<T, M, N>) -> Self {
        let mut factors = a;
        let column_norms = SVector::<T, N>::from_fn(|j, _| norm(&a.column(j).into_owned()));
        // the norms of the columns' remaining parts (rows j..M), downdated
        let mut remaining = column_norms;
        // their values when last computed exactly, to detect cancellation
        let mut reference = column_norms;
        let mut r_diagonal = SVector::<T, N>::zeros();
        let mut permutation: [usize; N] = core::array::from_fn(|j| j);
        let epsilon = T::default_epsilon();
        let p05: T = nalgebra::convert(0.05);

        for j in 0..N.min(M) {
            // bring the column of largest remaining norm to position j
            let mut pivot = j;
            for k in j + 1..N {
                if remaining[k] > remaining[pivot] {
                    pivot = k;
                }
            }
            if pivot != j {
                factors.swap_columns(j, pivot);
                remaining.swap_rows(j, pivot);
                reference.swap_rows(j, pivot);
                permutation.swap(j, pivot);
            }

            // the reflection H = I − v vᵀ/vⱼ that maps column j's rows j..M
            // to (−α, 0, …, 0), α = ±‖·‖ with the sign of the diagonal
            let mut alpha = norm(&SVector::<T, M>::from_fn(|i, _| {
                if i >= j { factors[(i, j)] } else { T::zero() }
            }));
            if alpha == T::zero() {
                r_diagonal[j] = T::zero();
                continue;
            }
            if factors[(j, j)] < T::zero() {
                alpha = -alpha;
            }
            for i in j..M {
                factors[(i, j)] /= alpha;
            }
            factors[(j, j)] += T::one();

            // apply H to the remaining columns and downdate their norms
            for k in j + 1..N {
                // column_k ← column_k − v (vᵀ column_k) / vⱼ
                let mut dot = T::zero();
                for i in j..M {
                    dot += factors[(i, j)] * factors[(i, k)];
                }
                let factor = dot / factors[(j, j)];
                for i in j..M {
                    let vij = factors[(i, j)];
                    factors[(i, k)] -= factor * vij;
                }
                if remaining[k] != T::zero() {
                    // ‖rows j+1..M‖² = ‖rows j..M‖² − (entry j)²
                    let ratio = factors[(j, k)] / remaining[k];
                    let shrink = (T::one() - ratio * ratio).max(T::zero());
                    remaining[k] *= shrink.sqrt();
                    let relative = remaining[k] / reference[k];
                    if p05 * relative * relative <= epsilon {
                        // cancellation: recompute from the entries
                        remaining[k] = norm(&SVector::<T, M>::from_fn(|i, _| {
                            if i > j { factors[(i, k)] } else { T::zero() }
                        }));
                        reference[k] = remaining[k];
                    }
                }
            }
            r_diagonal[j] = -alpha;
        }
        Self {
            factors,
            r_diagonal,
            permutation,
            column_norms,
        }
    }

    /// Qᵀ b.
    #[must_use]
    pub(crate) fn q_transpose_mul(&self, b: &SVector<T, M>) -> SVector<T, M> {
        let mut out = *b;
        for j in 0..N.min(M) {
            let vjj = self.factors[(j, j)];
            if vjj == T::zero() || self.r_diagonal[j] == T::zero() {
                continue;
            }
            // out ← out − v (vᵀ out) / vⱼⱼ
            let mut dot = T::zero();
            for i in j..M {
                dot += self.factors[(i, j)] * out[i];
            }
            let factor = dot / vjj;
            for i in j..M {
                out[i] -= factor * self.factors[(i, j)];
            }
        }
        out
    }

    /// R, the N × N upper triangle.
    #[must_use]
    pub(crate) fn r(&self) -> SMatrix<T, N, N> {
        SMatrix::from_fn(|i, k| match i.cmp(&k) {
            core::cmp::Ordering::Less => self.factors[(i, k)],
            core::cmp::Ordering::Equal => self.r_diagonal[i],
            core::cmp::Ordering::Greater => T::zero(),
        })
    }
}

/// The numerical rank of an upper-triangular R with non-increasing |Rⱼⱼ|:
/// the number of leading diagonal entries with |Rⱼⱼ| > `tolerance`·|R₀₀|.
#[must_use]
pub(crate) fn rank<T: Real, const N: usize>(r: &SMatrix<T, N, N>, tolerance: T) -> usize {
    if N == 0 {
        return 0;
    }
    let limit = tolerance * r[(0, 0)].abs();
    (0..N)
        .position(|j| {
            let significant = r[(j, j)].abs() > limit;
            !significant
        })
        .unwrap_or(N)
}

/// Solves R z = b for upper-triangular R, using the first `rank` rows and
/// columns and setting the rest of z to 0 (the basic solution when R is
/// rank deficient).
#[must_use]
pub(crate) fn solve_upper<T: Real, const N: usize>(
    r: &SMatrix<T, N, N>,
    b: &SVector<T, N>,
    rank: usize,
) -> SVector<T, N> {
    let mut z = SVector::<T, N>::zeros();
    for j in (0..rank).rev() {
        // zⱼ = (bⱼ − Σₖ₍ₖ>ⱼ₎ Rⱼₖ zₖ) / Rⱼⱼ
        let mut sum = b[j];
        for k in j + 1..rank {
            sum -= r[(j, k)] * z[k];
        }
        z[j] = sum / r[(j, j)];
    }
    z
}

/// Solves Rᵀ z = b for upper-triangular, nonsingular R (forward
/// substitution).
#[must_use]
pub(crate) fn solve_upper_transpose<T: Real, const N: usize>(
    r: &SMatrix<T, N, N>,
    b: &SVector<T, N>,
) -> SVector<T, N> {
    let mut z = SVector::<T, N>::zeros();
    for j in 0..N {
        // zⱼ = (bⱼ − Σₖ₍ₖ<ⱼ₎ Rₖⱼ zₖ) / Rⱼⱼ
        let mut sum = b[j];
        for k in 0..j {
            sum -= r[(k, j)] * z[k];
        }
        z[j] = sum / r[(j, j)];
    }
    z
}

/// The triangular factor of [R; D] for upper-triangular R and diagonal D
/// (entries `d`), and Qᵀ applied to [b; 0], by Givens rotations that fold
/// each row of D into R: returns (T, c) with TᵀT = RᵀR + D² and
/// T z = c giving the least-squares solution of [R; D] z ≈ [b; 0].
#[must_use]
pub(crate) fn fold_diagonal<T: Real, const N: usize>(
    r: &SMatrix<T, N, N>,
    d: &SVector<T, N>,
    b: &SVector<T, N>,
) -> (SMatrix<T, N, N>, SVector<T, N>) {
    let mut t = *r;
    let mut c = *b;
    let quarter: T = nalgebra::convert(0.25);
    let half: T = nalgebra::convert(0.5);
    for j in 0..N {
        if d[j] == T::zero() {
            continue;
        }
        // the extra row dⱼ eⱼᵀ with right-hand side 0, rotated into rows j..N
        let mut row = SVector::<T, N>::zeros();
        row[j] = d[j];
        let mut row_rhs = T::zero();
        for k in j..N {
            if row[k] == T::zero() {
                continue;
            }
            // a rotation (cos, sin) that zeroes row[k] against T[k][k],
            // computed from the smaller ratio so that nothing overflows
            let (cos, sin) = if t[(k, k)].abs() < row[k].abs() {
                let cotangent = t[(k, k)] / row[k];
                let sin = half / (quarter + quarter * cotangent * cotangent).sqrt();
                (sin * cotangent, sin)
            } else {
                let tangent = row[k] / t[(k, k)];
                let cos = half / (quarter + quarter * tangent * tangent).sqrt();
                (cos, cos * tangent)
            };
            t[(k, k)] = cos * t[(k, k)] + sin * row[k];
            let ck = c[k];
            c[k] = cos * ck + sin * row_rhs;
            row_rhs = -sin * ck + cos * row_rhs;
            for i in k + 1..N {
                let tki = t[(k, i)];
                t[(k, i)] = cos * tki + sin * row[i];
                row[i] = -sin * tki + cos * row[i];
            }
        }
    }
    (t, c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{Matrix4x3, Vector3, Vector4};

    #[test]
    fn factors_and_pivots() {
        let a = Matrix4x3::<f64>::new(
            1.0, 2.0, 30.0, 4.0, -5.0, 6.0, 7.0, 8.0, -9.0, 1.0, 0.5, 2.0,
        );
        let qr = PivotedQr::new(a);
        let r = qr.r();
        // |R₀₀| ≥ |R₁₁| ≥ |R₂₂| and R₀₀ is the largest column norm
        assert!(r[(0, 0)].abs() >= r[(1, 1)].abs() && r[(1, 1)].abs() >= r[(2, 2)].abs());
        assert_eq!(qr.permutation[0], 2);
        // ‖J P z‖ = ‖R z‖ for every z, and Qᵀ preserves norms
        let z = Vector3::new(0.3, -1.2, 2.0);
        let p = SMatrix::<f64, 3, 3>::from_fn(|i, j| f64::from(u8::from(qr.permutation[j] == i)));
        assert!(((a * p * z).norm() - (r * z).norm()).abs() < 1e-12);
        let b = Vector4::new(1.0, -2.0, 3.0, 0.5);
        let qtb = qr.q_transpose_mul(&b);
        assert!((qtb.norm() - b.norm()).abs() < 1e-12);
        // least squares: R x = (Qᵀb)₀..N solves min ‖A P x − b‖
        let x = solve_upper(&r, &Vector3::new(qtb[0], qtb[1], qtb[2]), 3);
        let normal = (a * p).transpose() * (a * p * x - b);
        assert!(normal.norm() < 1e-10);
    }

    #[test]
    fn norm_is_safe() {
        assert_eq!(norm(&Vector3::new(3e300, 4e300, 0.0)), 5e300);
        assert_eq!(norm(&Vector3::new(3e-300, 4e-300, 0.0)), 5e-300);
        assert!(norm(&Vector3::new(1.0, f64::NAN, 2.0)).is_nan());
        assert!(norm(&Vector3::new(f64::NAN, 1.0, 2.0)).is_nan());
        assert!(norm(&Vector3::new(f64::NAN, 0.0, 0.0)).is_nan());
        assert!(norm(&Vector3::new(1.0, f64::NAN, f64::INFINITY)).is_nan());
        assert_eq!(
            norm(&Vector3::new(1.0, f64::NEG_INFINITY, 2.0)),
            f64::INFINITY
        );
        assert_eq!(norm(&Vector3::<f64>::zeros()), 0.0);
    }

    #[test]
    fn folding_a_diagonal() {
        let r = SMatrix::<f64, 3, 3>::new(4.0, 1.0, -2.0, 0.0, 3.0, 0.5, 0.0, 0.0, 1e-3);
        let d = Vector3::new(0.5, 2.0, 1.0);
        let b = Vector3::new(1.0, 2.0, 3.0);
        let (t, c) = fold_diagonal(&r, &d, &b);
        let dd = SMatrix::<f64, 3, 3>::from_diagonal(&d);
        let expected = r.transpose() * r + dd * dd;
        assert!((t.transpose() * t - expected).norm() < 1e-12);
        // z solves (RᵀR + D²) z = Rᵀ b
        let z = solve_upper(&t, &c, 3);
        assert!((expected * z - r.transpose() * b).norm() < 1e-12);
    }
}
