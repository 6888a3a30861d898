//! LU factorization with partial pivoting of a small square matrix, with row
//! and column equilibration for condition estimates that do not depend on
//! the units of the equations or the unknowns.

use nalgebra::{SMatrix, SVector};

use crate::Real;

/// `P A = L U` with partial pivoting, on the stack.
pub(crate) struct Lu<T, const N: usize> {
    /// `L` below the diagonal (unit diagonal implied) and `U` on and above.
    factors: SMatrix<T, N, N>,
    /// Row `k` was swapped with row `pivots[k]` at step `k`.
    pivots: [usize; N],
    /// A pivot was exactly zero (or NaN): `A` is singular.
    singular: bool,
}

impl<T: Real, const N: usize> Lu<T, N> {
    /// Factors `a`.
    #[must_use]
    pub(crate) fn new(a: SMatrix<T, N, N>) -> Self {
        let mut factors = a;
        let mut pivots = [0; N];
        let mut singular = false;
        for k in 0..N {
            // the largest entry of column k on or below the diagonal
            let mut pivot_row = k;
            let mut largest = factors[(k, k)].abs();
            for i in k + 1..N {
                let candidate = factors[(i, k)].abs();
                if candidate > largest {
                    largest = candidate;
                    pivot_row = i;
                }
            }
            pivots[k] = pivot_row;
            let nonzero = largest > T::zero(); // false for NaN too
            if !nonzero {
                singular = true;
                continue;
            }
            factors.swap_rows(k, pivot_row);
            let pivot = factors[(k, k)];
            for i in k + 1..N {
                let multiplier = factors[(i, k)] / pivot;
                factors[(i, k)] = multiplier;
                for j in k + 1..N {
                    let above = factors[(k, j)];
                    factors[(i, j)] -= multiplier * above;
                }
            }
        }
        Self {
            factors,
            pivots,
            singular,
        }
    }

    /// Replaces every pivot `u_kk` with `|u_kk| < ε·maxⱼ|u_jj|` by
    /// `±ε·maxⱼ|u_jj|` (all pivots by `1` if they all vanish), so that
    /// [`Lu::solve`] returns a finite, very long step along the directions
    /// where `A` is singular, as MINPACK's dogleg does with the triangular
    /// factor of a rank-deficient Jacobian. Returns whether any pivot was
    /// replaced.
    pub(crate) fn regularize(&mut self) -> bool {
        let epsilon = T::default_epsilon();
        let largest = (0..N).fold(T::zero(), |m, k| m.max(self.factors[(k, k)].abs()));
        let floor = if largest > T::zero() {
            epsilon * largest
        } else {
            T::one()
        };
        let mut replaced = false;
        for k in 0..N {
            let pivot = self.factors[(k, k)];
            let large_enough = pivot.abs() >= floor; // false for NaN
            let small = !large_enough;
            if small {
                self.factors[(k, k)] = if pivot < T::zero() { -floor } else { floor };
                replaced = true;
            }
        }
        self.singular = false;
        replaced
    }

    /// `x` with `A x = b` (garbage if the matrix is singular: check
    /// [`Lu::reciprocal_condition`] first or [`Lu::regularize`]).
    #[must_use]
    pub(crate) fn solve(&self, b: &SVector<T, N>) -> SVector<T, N> {
        let mut x = *b;
        for (k, &pivot_row) in self.pivots.iter().enumerate() {
            x.swap_rows(k, pivot_row);
        }
        // L y = P b, L unit lower triangular
        for i in 0..N {
            for j in 0..i {
                let known = x[j];
                x[i] -= self.factors[(i, j)] * known;
            }
        }
        // U x = y
        for i in (0..N).rev() {
            for j in i + 1..N {
                let known = x[j];
                x[i] -= self.factors[(i, j)] * known;
            }
            x[i] /= self.factors[(i, i)];
        }
        x
    }

    /// `1 / (‖A‖₁ ‖A⁻¹‖₁)`, in `[0, 1]`: near 0 means singular to working
    /// precision. `a` is the matrix that was factored. Computes `A⁻¹` column
    /// by column (`O(N³)`, fine for the small `N` this is meant for).
    #[must_use]
    pub(crate) fn reciprocal_condition(&self, a: &SMatrix<T, N, N>) -> T {
        if self.singular {
            return T::zero();
        }
        let mut inverse_norm = T::zero();
        for j in 0..N {
            let mut unit = SVector::<T, N>::zeros();
            unit[j] = T::one();
            let column = self.solve(&unit);
            inverse_norm = inverse_norm.max(column.lp_norm(1));
        }
        let reciprocal = T::one() / (max_column_sum(a) * inverse_norm);
        if reciprocal.is_finite() {
            reciprocal
        } else {
            T::zero()
        }
    }
}

/// `‖A‖₁`, the largest column sum of absolute values.
#[must_use]
fn max_column_sum<T: Real, const N: usize>(a: &SMatrix<T, N, N>) -> T {
    a.column_iter()
        .fold(T::zero(), |norm, column| norm.max(column.lp_norm(1)))
}

/// `A` equilibrated: `R A C` with `R` scaling every row to largest entry `1`,
/// then `C` every column of the result the same way (zero rows and columns
/// are left alone). Returns `(R A C, diag R, diag C)`.
///
/// `A x = b` is `(R A C) (C⁻¹ x) = R b`, so the solution is the same; but the
/// condition number of `R A C` does not change when an equation or an
/// unknown is multiplied by a constant, so `diag(1, 1e-20)` is perfectly
/// conditioned, as one Newton step on it shows.
#[must_use]
pub(crate) fn equilibrate<T: Real, const N: usize>(
    a: &SMatrix<T, N, N>,
) -> (SMatrix<T, N, N>, SVector<T, N>, SVector<T, N>) {
    let mut scaled = *a;
    let mut rows = SVector::<T, N>::repeat(T::one());
    let mut columns = SVector::<T, N>::repeat(T::one());
    for i in 0..N {
        let largest = scaled.row(i).iter().fold(T::zero(), |m, x| m.max(x.abs()));
        if largest > T::zero() && largest.is_finite() {
            rows[i] = T::one() / largest;
            scaled.row_mut(i).iter_mut().for_each(|x| *x /= largest);
        }
    }
    for j in 0..N {
        let largest = scaled
            .column(j)
            .iter()
            .fold(T::zero(), |m, x| m.max(x.abs()));
        if largest > T::zero() && largest.is_finite() {
            columns[j] = T::one() / largest;
            scaled.column_mut(j).iter_mut().for_each(|x| *x /= largest);
        }
    }
    (scaled, rows, columns)
}

#[cfg(test)]
mod tests {
    use nalgebra::{Matrix2, Vector2};

    use super::{Lu, equilibrate};

    #[test]
    fn a_scaled_row_is_well_conditioned_once_equilibrated() {
        let a = Matrix2::new(1.0, 0.0, 0.0, 1e-20);
        assert!(Lu::new(a).reciprocal_condition(&a) < f64::EPSILON);
        let (scaled, rows, columns) = equilibrate(&a);
        let lu = Lu::new(scaled);
        assert_eq!(lu.reciprocal_condition(&scaled), 1.0);
        // A x = b  ⇔  (R A C)(C⁻¹ x) = R b
        let b = Vector2::new(3.0, 2e-20);
        let x = lu.solve(&b.component_mul(&rows)).component_mul(&columns);
        assert_eq!(x, Vector2::new(3.0, 2.0));
    }

    #[test]
    fn regularized_pivots_give_finite_steps() {
        let mut lu = Lu::new(Matrix2::<f64>::new(1.0, 1.0, 1.0, 1.0));
        assert!(lu.regularize());
        assert!(
            lu.solve(&Vector2::new(1.0, 2.0))
                .iter()
                .all(|x| x.is_finite())
        );
    }
}
