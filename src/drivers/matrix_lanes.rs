//! The number of derivative lanes of [`matrix_gradient`](crate::matrix_gradient):
//! one per entry of an R × C matrix, as a type.
//!
//! nalgebra's `DimMul` computes R·C through typenum and converts the result
//! back to a `Const` only up to 127, so it cannot name the 144 lanes of a
//! 12 × 12 matrix. This table names R·C directly for every R, C ≤ 16.

use nalgebra::Const;

mod sealed {
    pub trait Sealed<const C: usize> {}
}

/// `Const<R>: MatrixLanes<C>` names the R·C derivative lanes that
/// [`matrix_gradient`](crate::matrix_gradient) gives an R × C matrix:
/// `Lanes = Const<{R·C}>`, for every R and C from 1 to 16.
///
/// Concrete calls never name it; code generic over the matrix size writes
/// it once, with a const parameter `L` for the lane count:
///
/// ```
/// use monodual::MatrixLanes;
/// use nalgebra::{Const, SMatrix};
///
/// /// ∇ of the sum of squared entries, for any matrix size up to 16 × 16.
/// fn gradient_of_squares<const R: usize, const C: usize, const L: usize>(
///     a: SMatrix<f64, R, C>,
/// ) -> SMatrix<f64, R, C>
/// where
///     Const<R>: MatrixLanes<C, Lanes = Const<L>>,
/// {
///     monodual::matrix_gradient(|m| m.norm_squared(), a).1
/// }
///
/// let a = SMatrix::<f64, 2, 3>::from_fn(|i, j| (i + j) as f64);
/// assert_eq!(gradient_of_squares(a), a * 2.0);
/// let big = SMatrix::<f64, 16, 16>::repeat(1.0);
/// assert_eq!(gradient_of_squares(big), big * 2.0);
/// ```
///
/// It is sealed; a matrix larger than 16 × 16 is differentiated as a
/// vector: `monodual::gradient(|v| f(&v), SVector::from_column_slice(a.as_slice()))`.
#[diagnostic::on_unimplemented(
    message = "matrix_gradient takes matrices up to 16 × 16, not {Self} rows × {C} columns",
    label = "no lane count for this matrix size",
    note = "for a larger matrix, differentiate its entries as a vector: `monodual::gradient(|v| f(&v), SVector::from_column_slice(a.as_slice()))`",
    note = "in code generic over R and C, add the bound `Const<R>: monodual::MatrixLanes<C, Lanes = Const<L>>` with a const parameter L"
)]
pub trait MatrixLanes<const C: usize>: sealed::Sealed<C> {
    /// `Const<{R·C}>`.
    type Lanes;
}

/// One row of the table: `Const<R>` for the columns listed.
macro_rules! lanes_row {
    ($r:literal; $($c:literal)*) => {$(
        impl sealed::Sealed<$c> for Const<$r> {}
        impl MatrixLanes<$c> for Const<$r> {
            type Lanes = Const<{ $r * $c }>;
        }
    )*};
}

/// Every row, each with the columns 1 to 16.
macro_rules! lanes_table {
    ($($r:literal)*) => {$(
        lanes_row!($r; 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    )*};
}

lanes_table!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
