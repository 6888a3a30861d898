//! One model, every driver: an `Objective` or `Residuals` written once goes
//! to each driver and solver, through its provided methods and through
//! `as_fn`, and gives what the closures give.

use approx::assert_relative_eq;
use monodual::newton::Options;
use monodual::{Objective, Residuals, Scalar};
use nalgebra::{SMatrix, SVector, Vector2, Vector3};

/// Extended Rosenbrock in three variables, with a parameter.
struct Rosenbrock {
    b: f64,
}

impl Objective<3> for Rosenbrock {
    fn eval<S: Scalar>(&self, x: &SVector<S, 3>) -> S {
        (0..2)
            .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * self.b + (x[i] - 1.0).powi(2))
            .sum()
    }
}

fn rosenbrock<S: Scalar>(x: &SVector<S, 3>) -> S {
    Rosenbrock { b: 100.0 }.eval(x)
}

#[test]
fn objective_methods_match_the_closure_drivers() {
    let model = Rosenbrock { b: 100.0 };
    let x = Vector3::new(-1.2, 1.0, 0.7);
    let v = Vector3::new(0.3, -0.2, 1.0);

    assert_eq!(model.value(&x), rosenbrock(&x));
    assert_eq!(model.gradient(x), monodual::gradient(|x| rosenbrock(&x), x));
    assert_eq!(model.hessian(x), monodual::hessian(|x| rosenbrock(&x), x));
    assert_eq!(
        model.hessian_vector_product(x, v),
        monodual::hessian_vector_product(|x| rosenbrock(&x), x, v)
    );
    assert_eq!(
        model.directional_derivative(x, v),
        monodual::directional_derivative(|x| rosenbrock(&x), x, v)
    );

    // the closed-form gradient of the first term pair
    let (_, g) = model.gradient(x);
    let dx0 = -400.0 * x[0] * (x[1] - x[0] * x[0]) + 2.0 * (x[0] - 1.0);
    assert_relative_eq!(g[0], dx0, max_relative = 1e-14);
    let (_, _, h) = model.hessian(x);
    assert_relative_eq!(
        h * v,
        model.hessian_vector_product(x, v).2,
        max_relative = 1e-13
    );
}

#[test]
fn as_fn_goes_to_every_driver_and_solver() {
    let model = Rosenbrock { b: 100.0 };
    let x = Vector3::new(-1.2, 1.0, 0.7);
    let v = Vector3::new(0.3, -0.2, 1.0);
    // one value, three number types: Dual, HyperDual, Dual<Dual>
    let (_, g) = monodual::gradient(model.as_fn(), x);
    let (_, _, h) = monodual::hessian(model.as_fn(), x);
    let (_, _, hv) = monodual::hessian_vector_product(model.as_fn(), x, v);
    assert_relative_eq!(h * v, hv, max_relative = 1e-13);
    assert_eq!(g, model.gradient(x).1);

    let options = Options::default();
    let direct = monodual::newton::minimize(model.as_fn(), Vector3::new(-1.2, 1.0, 1.0), &options)
        .expect("converges");
    let by_method = model
        .minimize(Vector3::new(-1.2, 1.0, 1.0), &options)
        .expect("converges");
    assert_eq!(direct.x, by_method.x);
    assert!((direct.x - Vector3::new(1.0, 1.0, 1.0)).norm() < 1e-10);

    // a borrowed model is a model
    fn gradient_norm(model: impl Objective<3>, x: SVector<f64, 3>) -> f64 {
        model.gradient(x).1.norm()
    }
    assert_eq!(gradient_norm(&model, x), g.norm());

    let spectrum = monodual::curvature::spectrum(model.as_fn(), direct.x);
    assert!(spectrum.0.iter().all(|&lambda| lambda > 0.0));
}

/// A generic function goes to a driver directly, with no closure.
#[test]
fn generic_functions_pass_directly() {
    fn cube<S: Scalar>(t: S) -> S {
        t * t * t
    }
    fn sum_of_squares<S: Scalar>(x: SVector<S, 2>) -> S {
        x.norm_squared()
    }
    assert_eq!(monodual::derivative(cube, 2.0), (8.0, 12.0));
    assert_eq!(monodual::second_derivative(cube, 2.0), (8.0, 12.0, 12.0));
    assert_eq!(
        monodual::gradient(sum_of_squares, Vector2::new(1.0, 2.0)),
        (5.0, Vector2::new(2.0, 4.0))
    );
    let (_, _, h) = monodual::hessian(sum_of_squares, Vector2::new(1.0, 2.0));
    assert_eq!(h, SMatrix::<f64, 2, 2>::identity() * 2.0);
}

/// The circle x² + y² = r² cut by the line y = x.
struct CircleAndLine {
    radius: f64,
}

impl Residuals<2, 2> for CircleAndLine {
    fn eval<S: Scalar>(&self, x: &SVector<S, 2>) -> SVector<S, 2> {
        Vector2::new(x.norm_squared() - self.radius * self.radius, x[1] - x[0])
    }
}

/// Three residuals of a line fit, a non-square map.
struct LineFit;

impl Residuals<2, 3> for LineFit {
    fn eval<S: Scalar>(&self, p: &SVector<S, 2>) -> SVector<S, 3> {
        let data = [(0.0, 1.0), (1.0, 3.1), (2.0, 4.9)];
        SVector::from_fn(|i, _| p[0] + p[1] * data[i].0 - data[i].1)
    }
}

#[test]
fn residuals_give_jacobians_and_roots() {
    let model = CircleAndLine { radius: 2.0 };
    let x = Vector2::new(1.0, 0.5);
    let (r, j) = model.jacobian(x);
    assert_eq!((r, j), monodual::jacobian(model.as_fn(), x));
    assert_eq!(j, SMatrix::<f64, 2, 2>::new(2.0, 1.0, -1.0, 1.0));

    let root = model
        .solve(Vector2::new(1.0, 0.5), &Options::default())
        .expect("converges");
    let expected = 2f64.sqrt();
    assert_relative_eq!(
        root.x,
        Vector2::new(expected, expected),
        max_relative = 1e-12
    );
    let direct =
        monodual::newton::solve(model.as_fn(), Vector2::new(1.0, 0.5), &Options::default())
            .expect("converges");
    assert_eq!(root.x, direct.x);

    let (r3, j3) = LineFit.jacobian(Vector2::new(1.0, 2.0));
    assert_relative_eq!(r3, Vector3::new(0.0, -0.1, 0.1), epsilon = 1e-12);
    assert_eq!(j3, SMatrix::<f64, 3, 2>::new(1.0, 0.0, 1.0, 1.0, 1.0, 2.0));
}

/// Half the squared residual norm is an objective: a model of residuals
/// goes to the minimizer through it.
#[test]
fn residuals_to_an_objective() {
    struct HalfSquaredNorm<R>(R);
    impl<R: Residuals<2, 3>> Objective<2> for HalfSquaredNorm<R> {
        fn eval<S: Scalar>(&self, p: &SVector<S, 2>) -> S {
            self.0.eval(p).norm_squared() * 0.5
        }
    }
    let fit = HalfSquaredNorm(LineFit)
        .minimize(Vector2::zeros(), &Options::default())
        .expect("converges");
    // the normal equations of the line fit: slope 1.95, intercept 1.05
    assert_relative_eq!(fit.x, Vector2::new(1.05, 1.95), max_relative = 1e-12);
}
