//! Handing monodual's results (nalgebra 0.35) to a crate built on nalgebra
//! 0.34, such as argmin-math's nalgebra backend or levenberg-marquardt:
//! both store matrices column-major, so `as_slice` on one side and
//! `from_column_slice` on the other copy a Jacobian or Hessian exactly.

use monodual::{Residuals, Scalar};
use nalgebra::{SVector, Vector3};
use nalgebra_0_34 as na34;

struct Model;

impl Residuals<2, 3> for Model {
    fn eval<S: Scalar>(&self, p: &SVector<S, 2>) -> SVector<S, 3> {
        Vector3::new(p[0].exp() - p[1], p[0] * p[1] - 2.0, p[1].sin() + p[0])
    }
}

#[test]
fn jacobians_and_hessians_cross_to_nalgebra_0_34_exactly() {
    let p = nalgebra::Vector2::new(0.3, 1.7);
    let (r, j) = Model.jacobian(p);

    // monodual → nalgebra 0.34
    let r34 = na34::SVector::<f64, 3>::from_column_slice(r.as_slice());
    let j34 = na34::SMatrix::<f64, 3, 2>::from_column_slice(j.as_slice());
    for row in 0..3 {
        assert_eq!(r34[row], r[row]);
        for col in 0..2 {
            assert_eq!(j34[(row, col)], j[(row, col)]);
        }
    }

    // a Gauss-Newton step solved on the 0.34 side equals the one on 0.35
    let step34 = (j34.transpose() * j34)
        .lu()
        .solve(&(-(j34.transpose() * r34)))
        .unwrap();
    let step = (j.transpose() * j)
        .lu()
        .solve(&(-(j.transpose() * r)))
        .unwrap();
    assert_eq!(step34.as_slice(), step.as_slice());

    // and a Hessian the same way
    let (_, _, h) = monodual::hessian(|p| Model.eval(&p).norm_squared(), p);
    let h34 = na34::SMatrix::<f64, 2, 2>::from_column_slice(h.as_slice());
    assert_eq!(h34.as_slice(), h.as_slice());
}
