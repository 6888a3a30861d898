//! Implicit derivatives `dx*/dp = −F_x⁻¹ F_p` against closed forms and
//! against finite differences of re-solved roots.

use approx::assert_relative_eq;
use monodual::newton::{self, Options, SolveError};
use monodual::{Dual, Scalar, implicit};
use nalgebra::{Matrix2, SMatrix, SVector, Vector1, Vector2, Vector3};

/// x³ + p x − 1 = 0.
fn cubic<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
    SVector::<S, 1>::new(x[0].powi(3) + p[0] * x[0] - 1.0)
}

/// Two equations in two unknowns with two parameters:
/// x₀³ + x₀x₁ + p₀ = 3, sin x₁ + x₀ p₁² = 1.5.
fn system<S: Scalar>(x: &SVector<S, 2>, p: &SVector<S, 2>) -> SVector<S, 2> {
    SVector::<S, 2>::new(
        x[0].powi(3) + x[0] * x[1] + p[0] - 3.0,
        x[1].sin() + x[0] * p[1] * p[1] - 1.5,
    )
}

/// Solves `system(·, p) = 0` by Newton's method from `start`.
fn solve_system(p: Vector2<f64>, start: Vector2<f64>) -> Vector2<f64> {
    let p = p.map(Dual::constant);
    newton::solve(|x| system(&x, &p), start, &Options::default())
        .unwrap()
        .x
}

#[test]
fn cubic_against_the_closed_form() {
    for p in [-0.5, 0.0, 0.5, 1.0, 2.0, 10.0] {
        let parameter = Vector1::new(p);
        let constant = parameter.map(Dual::constant);
        let root = newton::solve(
            |x| cubic(&x, &constant),
            Vector1::new(1.0),
            &Options::default(),
        )
        .unwrap();
        let x = root.x[0];
        assert!((x.powi(3) + p * x - 1.0).abs() < 1e-14);
        let dxdp = implicit::jacobian(|x, p| cubic(&x, &p), root.x, parameter);
        // differentiate x³ + p x − 1 = 0: (3x² + p) dx + x dp = 0
        let expected = -x / (3.0 * x * x + p);
        assert_relative_eq!(dxdp[(0, 0)], expected, max_relative = 1e-14);
    }
}

#[test]
fn two_by_two_against_finite_differences_of_re_solved_roots() {
    let p = Vector2::new(1.0, 1.0);
    let x = solve_system(p, Vector2::new(1.0, 1.0));
    assert!(system(&x, &p).norm() < 1e-14);
    let dxdp: SMatrix<f64, 2, 2> = implicit::jacobian(|x, p| system(&x, &p), x, p);

    // central differences, h = 10⁻⁵: truncation error O(h²) ≈ 10⁻¹⁰
    let h = 1e-5;
    for j in 0..2 {
        let mut step = Vector2::zeros();
        step[j] = h;
        let forward = solve_system(p + step, x);
        let backward = solve_system(p - step, x);
        let difference = (forward - backward) / (2.0 * h);
        assert_relative_eq!(dxdp.column(j).into_owned(), difference, epsilon = 1e-8);
    }
}

#[test]
fn linear_system_through_nalgebra_lu() {
    // A(p) x = b with A = [[2 + p₀, p₁], [p₁, 3 − p₀]]: x* = A⁻¹b and
    // dx*/dpⱼ = −A⁻¹ (∂A/∂pⱼ) x*. The residual runs nalgebra's LU on Dual numbers.
    fn matrix<S: Scalar>(p: &SVector<S, 2>) -> Matrix2<S> {
        Matrix2::new(p[0] + 2.0, p[1], p[1], -p[0] + 3.0)
    }
    fn residual<S: Scalar>(x: &SVector<S, 2>, p: &SVector<S, 2>) -> SVector<S, 2> {
        let b = Vector2::new(S::from_float(1.0), S::from_float(-2.0));
        matrix(p) * x - b
    }
    let p = Vector2::new(0.3, 0.7);
    let a = matrix(&p);
    let b = Vector2::new(1.0, -2.0);
    let x = a.lu().solve(&b).unwrap();
    let dxdp = implicit::jacobian(|x, p| residual(&x, &p), x, p);
    let inverse = a.try_inverse().unwrap();
    let da_dp0 = Matrix2::new(1.0, 0.0, 0.0, -1.0);
    let da_dp1 = Matrix2::new(0.0, 1.0, 1.0, 0.0);
    assert_relative_eq!(
        dxdp.column(0).into_owned(),
        -inverse * da_dp0 * x,
        epsilon = 1e-15
    );
    assert_relative_eq!(
        dxdp.column(1).into_owned(),
        -inverse * da_dp1 * x,
        epsilon = 1e-15
    );
}

#[test]
fn shapes_other_than_square() {
    // one unknown, three parameters: x = p₀ + p₁ p₂ solves x − p₀ − p₁ p₂ = 0
    fn one_of_three<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 3>) -> SVector<S, 1> {
        SVector::<S, 1>::new(x[0] - p[0] - p[1] * p[2])
    }
    let p = Vector3::new(1.0, 2.0, 3.0);
    let dxdp = implicit::jacobian(|x, p| one_of_three(&x, &p), Vector1::new(7.0), p);
    assert_eq!(dxdp, SMatrix::<f64, 1, 3>::new(1.0, 3.0, 2.0));

    // three unknowns, one parameter: xᵢ = (i + 1) p
    fn three_of_one<S: Scalar>(x: &SVector<S, 3>, p: &SVector<S, 1>) -> SVector<S, 3> {
        SVector::<S, 3>::new(x[0] - p[0], x[1] - p[0] * 2.0, x[2] * 2.0 - p[0] * 6.0)
    }
    let dxdp = implicit::jacobian(
        |x, p| three_of_one(&x, &p),
        Vector3::new(1.0, 2.0, 3.0),
        Vector1::new(1.0),
    );
    assert_eq!(dxdp, Vector3::new(1.0, 2.0, 3.0));
}

#[test]
fn singular_partial_jacobian() {
    // x² = p at p = 0: x*(p) = √p has no derivative at 0
    fn square<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
        SVector::<S, 1>::new(x[0] * x[0] - p[0])
    }
    let zero = Vector1::new(0.0);
    assert_eq!(
        implicit::try_jacobian(|x, p| square(&x, &p), zero, zero),
        Err(SolveError::SingularJacobian {
            iteration: 0,
            reciprocal_condition: 0.0
        })
    );
    assert!(implicit::jacobian(|x, p| square(&x, &p), zero, zero)[(0, 0)].is_nan());
    assert_eq!(
        implicit::try_jacobian(|x, p| square(&x, &p), Vector1::new(3.0), Vector1::new(9.0)),
        Ok(SMatrix::<f64, 1, 1>::new(1.0 / 6.0))
    );
}

#[test]
fn non_finite_partial_jacobian() {
    fn root<S: Scalar>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
        SVector::<S, 1>::new(x[0] - p[0].sqrt())
    }
    assert_eq!(
        implicit::try_jacobian(|x, p| root(&x, &p), Vector1::new(0.0), Vector1::new(-1.0)),
        Err(SolveError::NonFinite {
            iteration: 0,
            quantity: "the Jacobian"
        })
    );
    assert!(
        implicit::jacobian(|x, p| root(&x, &p), Vector1::new(0.0), Vector1::new(-1.0))[(0, 0)]
            .is_nan()
    );
}

#[test]
fn an_equation_scaled_by_1e_minus_20_is_not_singular() {
    // x₀ = p₀ and 10⁻²⁰ (x₁ − 2p₁) = 0: F_x = diag(1, 10⁻²⁰) has reciprocal
    // condition 10⁻²⁰, but only because of the units of the second equation
    fn scaled<S: Scalar>(x: &SVector<S, 2>, p: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] - p[0], (x[1] - p[1] * 2.0) * 1e-20)
    }
    let (x, p) = (Vector2::new(1.0, 4.0), Vector2::new(1.0, 2.0));
    let dxdp = implicit::try_jacobian(|x, p| scaled(&x, &p), x, p).unwrap();
    assert_eq!(dxdp, SMatrix::<f64, 2, 2>::new(1.0, 0.0, 0.0, 2.0));
    // and an unknown in other units: x₁ in units of 10²⁰
    fn units<S: Scalar>(x: &SVector<S, 2>, p: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] - p[0], x[1] * 1e20 - p[1])
    }
    let dxdp = implicit::try_jacobian(|x, p| units(&x, &p), Vector2::new(1.0, 2e-20), p).unwrap();
    assert_eq!(dxdp, SMatrix::<f64, 2, 2>::new(1.0, 0.0, 0.0, 1e-20));
}

#[test]
fn implicit_in_f32() {
    fn cubic<S: Scalar<f32>>(x: &SVector<S, 1>, p: &SVector<S, 1>) -> SVector<S, 1> {
        SVector::<S, 1>::new(x[0].powi(3) + p[0] * x[0] - 1.0)
    }
    // x = 1 solves x³ + 0·x − 1 = 0: dx/dp = −1/3
    let dxdp = implicit::jacobian(
        |x, p| cubic(&x, &p),
        SVector::<f32, 1>::new(1.0),
        SVector::<f32, 1>::new(0.0),
    );
    assert_relative_eq!(dxdp[(0, 0)], -1.0 / 3.0, max_relative = 1e-6);
}
