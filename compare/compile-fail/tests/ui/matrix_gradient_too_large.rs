// matrix_gradient past its 16 × 16 table: the error says the limit and the
// way around it.
// first error: up to 16 × 16
use nalgebra::SMatrix;

fn main() {
    let a = SMatrix::<f64, 17, 17>::zeros();
    let _ = monodual::matrix_gradient(|m| m.trace(), a);
}
