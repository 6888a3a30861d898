// A type that is no monodual number under `Scalar`.
// first error: `i32` is not `Scalar<f64>`
use monodual::Scalar;

fn double<S: Scalar>(x: S) -> S {
    x * 2.0
}

fn main() {
    let _ = double(3i32);
}
