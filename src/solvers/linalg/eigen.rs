//! The symmetric eigen-decomposition by the cyclic Jacobi method, scaled so
//! that no entry's size (up to the largest float) makes it wrong.

use nalgebra::{SMatrix, SVector};

use crate::Real;

/// The most Jacobi sweeps; convergence is quadratic, so a few suffice for
/// any matrix these routines are meant for, and NaN input stops here.
const MAX_SWEEPS: usize = 64;

/// Eigenvalues (ascending) and orthonormal eigenvectors (the matching
/// columns) of the symmetric part `(h + hᵀ)/2` of `h`.
///
/// The matrix is first divided by the power of two nearest below its
/// largest entry, so every entry lies in `[−2, 2]` and no product in the
/// rotations overflows, and the eigenvalues are multiplied back at the end:
/// `symmetric_eigen(c·h) = c·symmetric_eigen(h)` exactly for `c` a power of
/// two, and to rounding for any `c` up to the largest float. Each rotation
/// `J` in the plane `(p, q)` zeroes `a_pq` in `A ← Jᵀ A J`; the product of
/// the rotations is the eigenvector matrix. A pair is skipped when
/// `|a_pq| ≤ ε √|a_pp| √|a_qq|` (the Demmel–Veselić test, which keeps small
/// eigenvalues accurate relative to their own size; the square roots are
/// taken apart so the product cannot overflow or underflow). NaN input gives
/// NaN eigenvalues; an infinite entry is not scaled (its NaN or infinite
/// eigenvalues are the answer).
#[must_use]
pub(crate) fn symmetric_eigen<T: Real, const N: usize>(
    h: &SMatrix<T, N, N>,
) -> (SVector<T, N>, SMatrix<T, N, N>) {
    let half: T = nalgebra::convert(0.5);
    let epsilon = T::default_epsilon();
    // ½h + ½hᵀ rather than ½(h + hᵀ): no overflow near the largest float
    let symmetric = h * half + h.transpose() * half;
    let largest = symmetric.iter().fold(T::zero(), |m, x| m.max(x.abs()));
    let scale = power_of_two_below(largest);
    let mut a = symmetric / scale;
    let mut v = SMatrix::<T, N, N>::identity();
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..N {
            for q in p + 1..N {
                let apq = a[(p, q)];
                let (app, aqq) = (a[(p, p)], a[(q, q)]);
                let negligible = apq.abs() <= epsilon * app.abs().sqrt() * aqq.abs().sqrt();
                if apq == T::zero() || negligible {
                    continue;
                }
                // θ = (a_qq − a_pp) / (2 a_pq); t = tan of the rotation angle is
                // the smaller root of t² + 2θt − 1 = 0: sign(θ) / (|θ| + √(θ² + 1))
                let theta = (aqq - app) / (apq + apq);
                let root = theta.abs() + theta.hypot(T::one());
                let t = if theta >= T::zero() {
                    T::one() / root
                } else {
                    -T::one() / root
                };
                if t == T::zero() {
                    // |a_pq| ≪ |a_qq − a_pp|: the angle underflows and a_pq only
                    // moves the eigenvalues by a_pq² / (a_qq − a_pp), below rounding
                    a[(p, q)] = T::zero();
                    a[(q, p)] = T::zero();
                    continue;
                }
                rotated = true;
                let c = T::one() / t.hypot(T::one());
                let s = t * c;
                // A ← A J (columns p, q), then A ← Jᵀ A (rows p, q), V ← V J
                for k in 0..N {
                    let (akp, akq) = (a[(k, p)], a[(k, q)]);
                    a[(k, p)] = c * akp - s * akq;
                    a[(k, q)] = s * akp + c * akq;
                }
                for k in 0..N {
                    let (apk, aqk) = (a[(p, k)], a[(q, k)]);
                    a[(p, k)] = c * apk - s * aqk;
                    a[(q, k)] = s * apk + c * aqk;
                }
                a[(p, q)] = T::zero();
                a[(q, p)] = T::zero();
                for k in 0..N {
                    let (vkp, vkq) = (v[(k, p)], v[(k, q)]);
                    v[(k, p)] = c * vkp - s * vkq;
                    v[(k, q)] = s * vkp + c * vkq;
                }
            }
        }
        if !rotated {
            break;
        }
    }
    // selection sort, ascending, moving the eigenvectors along
    let mut values = a.diagonal() * scale;
    for i in 0..N {
        let mut smallest = i;
        for j in i + 1..N {
            if values[j] < values[smallest] {
                smallest = j;
            }
        }
        if smallest != i {
            values.swap_rows(i, smallest);
            v.swap_columns(i, smallest);
        }
    }
    (values, v)
}

/// `2^⌊log₂ m⌋` for a positive finite `m` (dividing by it is exact), else
/// `1` (nothing to scale: zero, NaN or infinite).
#[inline]
#[must_use]
fn power_of_two_below<T: Real>(m: T) -> T {
    if !(m > T::zero() && m.is_finite()) {
        return T::one();
    }
    let two: T = nalgebra::convert(2.0);
    let power = two.powf(m.log2().floor());
    // log₂ may round across a power of two; any positive finite power works
    if power > T::zero() && power.is_finite() {
        power
    } else {
        m
    }
}

#[cfg(test)]
mod tests {
    use nalgebra::Matrix3;

    use super::symmetric_eigen;

    #[test]
    fn scaling_commutes_with_the_decomposition() {
        let h = Matrix3::new(2.0, 1.0, 0.0, 1.0, -3.0, 0.5, 0.0, 0.5, 1.0);
        let (values, vectors) = symmetric_eigen(&h);
        for scale in [1e-300, 2f64.powi(-1000), 1e160, 2f64.powi(1000), 1e300] {
            let (scaled, scaled_vectors) = symmetric_eigen(&(h * scale));
            for i in 0..3 {
                let expected = values[i] * scale;
                assert!((scaled[i] - expected).abs() <= 4.0 * f64::EPSILON * expected.abs());
            }
            assert!((scaled_vectors.abs() - vectors.abs()).amax() < 1e-14);
        }
    }
}
