//! Exact derivatives through nalgebra's own routines running on number
//! types: LU, Cholesky, QR, inverse, determinant, symmetric eigen and SVD,
//! each against a closed form (or, for the factors of QR, against central
//! finite differences of the same routine on f64).
//!
//! Every check differentiates along a direction: A(t) = A + t·B at t = 0,
//! with `Dual<f64, 1>` carrying d/dt.

use approx::assert_relative_eq;
use monodual::{Dual, HyperDual};
use nalgebra::{Matrix4, SMatrix, Vector4};

type D = Dual<f64, 1>;

fn fixed_matrices() -> (Matrix4<f64>, Matrix4<f64>) {
    // A well conditioned (diagonally dominant), B a generic direction
    let a = Matrix4::new(
        5.0, 1.0, -0.5, 0.3, //
        0.8, 4.0, 0.7, -0.2, //
        -0.4, 0.6, 3.5, 0.9, //
        0.2, -0.3, 1.1, 4.5,
    );
    let b = Matrix4::new(
        0.3, -0.7, 0.2, 0.5, //
        0.1, 0.4, -0.9, 0.6, //
        -0.8, 0.2, 0.3, -0.1, //
        0.5, 0.9, -0.4, 0.2,
    );
    (a, b)
}

/// A + t·B as dual numbers at t = 0.
fn along(a: &Matrix4<f64>, b: &Matrix4<f64>) -> Matrix4<D> {
    a.zip_map(b, |aij, bij| D::new(aij, nalgebra::Vector1::new(bij)))
}

fn value(m: &Matrix4<D>) -> Matrix4<f64> {
    m.map(|x| x.value())
}

fn tangent<const R: usize, const C: usize>(m: &SMatrix<D, R, C>) -> SMatrix<f64, R, C> {
    m.map(|x| x.gradient()[0])
}

#[test]
fn determinant_follows_jacobis_formula() {
    let (a, b) = fixed_matrices();
    let det = along(&a, &b).determinant();
    let inverse = a.try_inverse().unwrap();
    assert_relative_eq!(det.value(), a.determinant(), max_relative = 1e-14);
    // d det A = det A · tr(A⁻¹ dA)
    assert_relative_eq!(
        det.gradient()[0],
        a.determinant() * (inverse * b).trace(),
        max_relative = 1e-13
    );
}

#[test]
fn inverse_and_lu_solve() {
    let (a, b) = fixed_matrices();
    let rhs = Vector4::new(1.0, -2.0, 0.5, 3.0);
    let inverse = a.try_inverse().unwrap();
    // d(A⁻¹) = −A⁻¹ dA A⁻¹
    let inv_dual = along(&a, &b).try_inverse().unwrap();
    assert_relative_eq!(value(&inv_dual), inverse, max_relative = 1e-14);
    assert_relative_eq!(
        tangent(&inv_dual),
        -inverse * b * inverse,
        max_relative = 1e-12,
        epsilon = 1e-15
    );
    // x = A⁻¹r: dx = −A⁻¹ dA x
    let x = along(&a, &b).lu().solve(&rhs.map(D::constant)).unwrap();
    let x0 = inverse * rhs;
    assert_relative_eq!(x.map(|v| v.value()), x0, max_relative = 1e-13);
    assert_relative_eq!(
        tangent(&x),
        -inverse * b * x0,
        max_relative = 1e-12,
        epsilon = 1e-15
    );
}

#[test]
fn cholesky_log_det_and_solve() {
    let (a, b) = fixed_matrices();
    // symmetric positive definite A and a symmetric direction B
    let spd = a * a.transpose();
    let sym = b + b.transpose();
    let chol = along(&spd, &sym).cholesky().expect("positive definite");
    let log_det: D = chol.l().diagonal().iter().map(|d| d.ln() * 2.0).sum();
    let inverse = spd.try_inverse().unwrap();
    // d log det A = tr(A⁻¹ dA)
    assert_relative_eq!(
        log_det.value(),
        spd.determinant().ln(),
        max_relative = 1e-13
    );
    assert_relative_eq!(
        log_det.gradient()[0],
        (inverse * sym).trace(),
        max_relative = 1e-12
    );
    // dx = −A⁻¹ dA x for x = A⁻¹ r
    let rhs = Vector4::new(0.5, 1.0, -1.0, 2.0);
    let x = chol.solve(&rhs.map(D::constant));
    assert_relative_eq!(
        tangent(&x),
        -inverse * sym * (inverse * rhs),
        max_relative = 1e-11,
        epsilon = 1e-14
    );
}

#[test]
fn qr_factors_match_finite_differences() {
    let (a, b) = fixed_matrices();
    let qr = along(&a, &b).qr();
    let (q, r) = (qr.q(), qr.r());
    assert_relative_eq!(
        value(&q) * value(&r),
        a,
        max_relative = 1e-13,
        epsilon = 1e-14
    );
    // central differences of nalgebra's f64 QR, step 1e-6
    let h = 1e-6;
    let (plus, minus) = ((a + b * h).qr(), (a - b * h).qr());
    let dq = (plus.q() - minus.q()) / (2.0 * h);
    let dr = (plus.r() - minus.r()) / (2.0 * h);
    assert_relative_eq!(tangent(&q), dq, epsilon = 1e-7);
    assert_relative_eq!(tangent(&r), dr, epsilon = 1e-7);
    // and exactly: dA = dQ R + Q dR
    let da = tangent(&q) * value(&r) + value(&q) * tangent(&r);
    assert_relative_eq!(da, b, epsilon = 1e-13);
}

#[test]
fn symmetric_eigenvalues_move_by_v_db_v() {
    let (a, b) = fixed_matrices();
    let sym_a = a + a.transpose();
    let sym_b = b + b.transpose();
    let eigen = along(&sym_a, &sym_b).symmetric_eigen();
    let plain = sym_a.symmetric_eigen();
    for i in 0..4 {
        // match eigenpairs by value (the ordering is the routine's)
        let k = (0..4)
            .min_by(|&p, &q| {
                let dp = (plain.eigenvalues[p] - eigen.eigenvalues[i].value()).abs();
                let dq = (plain.eigenvalues[q] - eigen.eigenvalues[i].value()).abs();
                dp.total_cmp(&dq)
            })
            .unwrap();
        let v = plain.eigenvectors.column(k);
        // dλ = vᵀ dA v for a simple eigenvalue
        let expected = (v.transpose() * sym_b * v)[(0, 0)];
        assert_relative_eq!(
            eigen.eigenvalues[i].value(),
            plain.eigenvalues[k],
            max_relative = 1e-12
        );
        assert_relative_eq!(
            eigen.eigenvalues[i].gradient()[0],
            expected,
            max_relative = 1e-9,
            epsilon = 1e-12
        );
    }
}

#[test]
fn singular_values_move_by_u_db_v() {
    let (a, b) = fixed_matrices();
    let svd = along(&a, &b).svd(true, true);
    let plain = a.svd(true, true);
    let (u, v_t) = (plain.u.unwrap(), plain.v_t.unwrap());
    for i in 0..4 {
        let k = (0..4)
            .min_by(|&p, &q| {
                let dp = (plain.singular_values[p] - svd.singular_values[i].value()).abs();
                let dq = (plain.singular_values[q] - svd.singular_values[i].value()).abs();
                dp.total_cmp(&dq)
            })
            .unwrap();
        // dσ = uᵀ dA v
        let expected = (u.column(k).transpose() * b * v_t.row(k).transpose())[(0, 0)];
        assert_relative_eq!(
            svd.singular_values[i].value(),
            plain.singular_values[k],
            max_relative = 1e-12
        );
        assert_relative_eq!(
            svd.singular_values[i].gradient()[0],
            expected,
            max_relative = 1e-9,
            epsilon = 1e-12
        );
    }
}

#[test]
fn hessian_of_log_det_through_cholesky() {
    // f(t) = log det(A + tB): f″(0) = −tr(A⁻¹B A⁻¹B)
    let (a, b) = fixed_matrices();
    let spd = a * a.transpose();
    let sym = b + b.transpose();
    let m: Matrix4<HyperDual<f64, 1>> = spd.zip_map(&sym, |aij, bij| {
        HyperDual::new(aij, nalgebra::Vector1::new(bij), nalgebra::Matrix1::zeros())
    });
    let l = m.cholesky().expect("positive definite").unpack();
    let f: HyperDual<f64, 1> = l.diagonal().iter().map(|d| d.ln() * 2.0).sum();
    let inverse = spd.try_inverse().unwrap();
    let p = inverse * sym;
    assert_relative_eq!(f.gradient()[0], p.trace(), max_relative = 1e-12);
    assert_relative_eq!(f.hessian()[(0, 0)], -(p * p).trace(), max_relative = 1e-11);
}
