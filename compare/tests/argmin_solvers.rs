//! argmin's solvers on a monodual model through `ArgminProblem`: BFGS,
//! L-BFGS, Newton-CG and a Steihaug trust region, each with exact
//! gradients (and Hessians) and no glue beyond the wrapper.

use argmin::core::{CostFunction, Executor, Gradient, Hessian, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::newton::NewtonCG;
use argmin::solver::quasinewton::{BFGS, LBFGS};
use argmin::solver::trustregion::{Steihaug, TrustRegion};
use monodual::{ArgminProblem, Objective, Scalar};
use nalgebra::SVector;

/// Extended Rosenbrock in four variables, minimum 0 at (1, 1, 1, 1).
#[derive(Clone, Copy)]
struct Rosenbrock;

impl Objective<4> for Rosenbrock {
    fn eval<S: Scalar>(&self, x: &SVector<S, 4>) -> S {
        (0..3)
            .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (x[i] - 1.0).powi(2))
            .sum()
    }
}

fn start() -> Vec<f64> {
    vec![-1.2, 1.0, -1.2, 1.0]
}

fn distance_to_minimum(x: &[f64]) -> f64 {
    x.iter().map(|xi| (xi - 1.0).powi(2)).sum::<f64>().sqrt()
}

#[test]
fn the_problem_gives_the_models_derivatives() {
    let problem = ArgminProblem::new(Rosenbrock);
    let x = start();
    let point = SVector::<f64, 4>::from_column_slice(&x);
    let (f, g, h) = Rosenbrock.hessian(point);
    assert_eq!(problem.cost(&x).unwrap(), f);
    assert_eq!(problem.gradient(&x).unwrap(), g.as_slice());
    let rows = problem.hessian(&x).unwrap();
    for (i, row) in rows.iter().enumerate() {
        for (j, &hij) in row.iter().enumerate() {
            assert_eq!(hij, h[(i, j)]);
        }
    }
    let error = problem.gradient(&vec![1.0; 3]).unwrap_err();
    assert!(error.to_string().contains("4 variables"), "{error}");
}

#[test]
fn bfgs() {
    let identity: Vec<Vec<f64>> = (0..4)
        .map(|i| (0..4).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    let solver = BFGS::new(MoreThuenteLineSearch::new());
    let result = Executor::new(ArgminProblem::new(Rosenbrock), solver)
        .configure(|state| state.param(start()).inv_hessian(identity).max_iters(200))
        .run()
        .unwrap();
    let best = result.state().get_best_param().unwrap();
    assert!(distance_to_minimum(best) < 1e-6, "{best:?}");
    assert!(result.state().get_best_cost() < 1e-12);
}

#[test]
fn lbfgs() {
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7);
    let result = Executor::new(ArgminProblem::new(Rosenbrock), solver)
        .configure(|state| state.param(start()).max_iters(200))
        .run()
        .unwrap();
    let best = result.state().get_best_param().unwrap();
    assert!(distance_to_minimum(best) < 1e-6, "{best:?}");
}

/// A strictly convex function of three variables: softplus terms and a
/// quadratic, f(x) = Σᵢ ln(1 + exp(aᵢ·x)) + ½‖x − c‖².
#[derive(Clone, Copy)]
struct Softplus;

impl Objective<3> for Softplus {
    fn eval<S: Scalar>(&self, x: &SVector<S, 3>) -> S {
        let rows = [[1.0, -2.0, 0.5], [0.3, 1.0, -1.0], [-1.5, 0.2, 2.0]];
        let c = [1.0, -0.5, 2.0];
        let softplus: S = rows
            .iter()
            .map(|a| (x[0] * a[0] + x[1] * a[1] + x[2] * a[2]).exp().ln_1p())
            .sum();
        let quadratic: S = (0..3).map(|i| (x[i] - c[i]).powi(2)).sum();
        softplus + quadratic * 0.5
    }
}

#[test]
fn newton_cg() {
    let solver = NewtonCG::new(MoreThuenteLineSearch::new());
    let result = Executor::new(ArgminProblem::new(Softplus), solver)
        .configure(|state| state.param(vec![0.0; 3]).max_iters(50))
        .run()
        .unwrap();
    let best = SVector::<f64, 3>::from_column_slice(result.state().get_best_param().unwrap());
    // Newton-CG's only stopping test is a cost change below f64::EPSILON
    // (or the iteration limit), so its gradient ends of order √ε ≈ 1e-8;
    // the minimum matches monodual's own minimizer to that order.
    let (_, g) = Softplus.gradient(best);
    assert!(g.norm() < 1e-7, "{g}");
    let own = Softplus
        .minimize(SVector::zeros(), &Default::default())
        .unwrap();
    assert!((own.x - best).norm() < 1e-7, "{} vs {best}", own.x);
}

#[test]
fn trust_region_with_steihaug() {
    let solver = TrustRegion::new(Steihaug::new().with_max_iters(20));
    let result = Executor::new(ArgminProblem::new(Rosenbrock), solver)
        .configure(|state| state.param(start()).max_iters(200))
        .run()
        .unwrap();
    let best = result.state().get_best_param().unwrap();
    assert!(distance_to_minimum(best) < 1e-6, "{best:?}");
}

#[test]
fn the_same_model_to_monoduals_own_minimizer() {
    let min = Rosenbrock
        .minimize(SVector::from_column_slice(&start()), &Default::default())
        .unwrap();
    assert!(distance_to_minimum(min.x.as_slice()) < 1e-10);
}
