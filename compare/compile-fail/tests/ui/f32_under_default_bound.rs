// f32 data under the default bound `S: Scalar` (which is `Scalar<f64>`):
// the first error names the fix, `Scalar<f32>`.
// first error: `S: Scalar<f32>`
use monodual::Scalar;
use nalgebra::SVector;

fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
}

fn main() {
    let x = SVector::<f32, 2>::new(-1.2, 1.0);
    let _ = monodual::gradient(|x| rosenbrock(&x), x);
}
