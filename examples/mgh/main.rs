//! The solvers on the Moré–Garbow–Hillstrom test set (ACM TOMS 7(1), 1981),
//! from x₀, 10·x₀ and 100·x₀, with default options:
//!
//! - `newton::minimize` on f = Σ rᵢ², every problem;
//! - `newton::solve` on r = 0 for the square systems that MINPACK's hybrd
//!   tests use;
//! - `least_squares::minimize` on the residuals, every problem.
//!
//! Prints a table per solver: outcome, iterations, evaluations (calls of
//! the user's function, each giving derivatives too), final f = Σ rᵢ², and
//! whether f reached the published minimum f* ("f*"), another minimum the
//! paper lists ("other"), or neither ("no"). A run reaches a minimum f̂ when
//! |f − f̂| ≤ 10⁻⁵·f̂ + 10⁻¹² (the published values have six digits).
//!
//! Run with `cargo run --release --example mgh`.

mod problems;

use std::cell::Cell;
use std::fmt::Debug;

use monodual::{Scalar, least_squares, newton};
use nalgebra::SVector;
use problems::*;

/// One run of one solver.
struct Run {
    problem: String,
    scale: f64,
    outcome: String,
    iterations: usize,
    evaluations: usize,
    value: Option<f64>,
    reached: &'static str,
}

/// The runs of one solver.
#[derive(Default)]
struct Table {
    runs: Vec<Run>,
}

impl Table {
    fn print(&self, title: &str) {
        println!("### {title}\n");
        println!("| problem | start | outcome | iterations | evaluations | final f | reached |");
        println!("|---|---|---|--:|--:|--:|---|");
        for run in &self.runs {
            let value = run.value.map_or("—".to_string(), |f| format!("{f:.6e}"));
            println!(
                "| {} | {}·x₀ | {} | {} | {} | {} | {} |",
                run.problem,
                run.scale,
                run.outcome,
                run.iterations,
                run.evaluations,
                value,
                run.reached
            );
        }
        let count = |pred: &dyn Fn(&Run) -> bool| self.runs.iter().filter(|r| pred(r)).count();
        let total = self.runs.len();
        let ok = count(&|r| r.outcome.starts_with("Ok"));
        let published = count(&|r| r.reached == "f*");
        let other = count(&|r| r.reached == "other");
        let ok_reached = count(&|r| r.outcome.starts_with("Ok") && r.reached != "no");
        let err_reached = count(&|r| !r.outcome.starts_with("Ok") && r.reached != "no");
        println!(
            "\nTotals: {} of {total} runs reach a listed minimum ({published} the published f*, \
             {other} another listed one); {ok} return Ok ({ok_reached} of them at a listed \
             minimum); {err_reached} reach one but return Err.\n",
            published + other
        );
    }
}

/// "f*", "other" or "no": which published minimum `f` reached.
fn reached(f: Option<f64>, minimum: f64, others: &[f64]) -> &'static str {
    let close = |target: f64| match f {
        Some(f) => (f - target).abs() <= 1e-5 * target + 1e-12,
        None => false,
    };
    if close(minimum) {
        "f*"
    } else if others.iter().any(|&o| close(o)) {
        "other"
    } else {
        "no"
    }
}

/// The name of an error's variant (what `Debug` prints before its fields).
fn variant(error: &impl Debug) -> String {
    let text = format!("{error:?}");
    text.split([' ', '{', '(']).next().unwrap_or("").to_string()
}

/// f = Σ rᵢ², generic.
fn sum_of_squares<S: Scalar, const M: usize>(r: &SVector<S, M>) -> S {
    r.iter().fold(S::zero(), |s, &ri| s + ri * ri)
}

const SCALES: [f64; 3] = [1.0, 10.0, 100.0];

/// The problem's label in the tables.
fn label<P: Problem<N, M>, const N: usize, const M: usize>() -> String {
    format!("{:2} {} (n={N}, m={M})", P::NUMBER, P::NAME)
}

/// `newton::minimize` on Σ rᵢ² from each start.
fn run_minimize<P: Problem<N, M>, const N: usize, const M: usize>(table: &mut Table) {
    for scale in SCALES {
        let calls = Cell::new(0);
        let mut last = (0, None);
        let result = newton::minimize_with_log(
            |x| {
                calls.set(calls.get() + 1);
                sum_of_squares(&P::residuals(&x))
            },
            P::start() * scale,
            &newton::Options::default(),
            |it| last = (it.iteration, Some(it.value)),
        );
        let (outcome, iterations, value) = match result {
            Ok(min) => ("Ok".to_string(), min.iterations, Some(min.value)),
            Err(e) => (variant(&e), last.0, last.1),
        };
        table.runs.push(Run {
            problem: label::<P, N, M>(),
            scale,
            outcome,
            iterations,
            evaluations: calls.get(),
            value,
            reached: reached(value, P::MINIMUM, P::OTHER_MINIMA),
        });
    }
}

/// `newton::solve` on r = 0 from each start, for the square systems.
fn run_solve<P: Problem<N, N>, const N: usize>(table: &mut Table) {
    if !P::SYSTEM {
        return;
    }
    for scale in SCALES {
        let calls = Cell::new(0);
        let mut last = (0, None);
        let result = newton::solve_with_log(
            |x| {
                calls.set(calls.get() + 1);
                P::residuals(&x)
            },
            P::start() * scale,
            &newton::Options::default(),
            |it| last = (it.iteration, Some(it.residual_norm * it.residual_norm)),
        );
        let (outcome, iterations, value) = match result {
            Ok(root) => (
                "Ok".to_string(),
                root.iterations,
                Some(root.residual_norm * root.residual_norm),
            ),
            Err(e) => (variant(&e), last.0, last.1),
        };
        table.runs.push(Run {
            problem: label::<P, N, N>(),
            scale,
            outcome,
            iterations,
            evaluations: calls.get(),
            value,
            // a root is the global minimum 0 of Σ rᵢ²
            reached: reached(value, P::MINIMUM, &[]),
        });
    }
}

/// `least_squares::minimize` on the residuals from each start.
fn run_least_squares<P: Problem<N, M>, const N: usize, const M: usize>(table: &mut Table) {
    for scale in SCALES {
        let calls = Cell::new(0);
        let result = least_squares::minimize(
            |x| {
                calls.set(calls.get() + 1);
                P::residuals(&x)
            },
            P::start() * scale,
            &least_squares::Options::default(),
        );
        let (outcome, iterations, value) = match result {
            Ok(fit) => (
                format!("Ok ({:?})", fit.stop),
                fit.iterations,
                Some(2.0 * fit.cost),
            ),
            Err(e) => {
                let at = e.last_point();
                (
                    variant(&e),
                    at.map_or(0, |p| p.iterations),
                    at.map(|p| 2.0 * p.cost),
                )
            }
        };
        table.runs.push(Run {
            problem: label::<P, N, M>(),
            scale,
            outcome,
            iterations,
            evaluations: calls.get(),
            value,
            reached: reached(value, P::MINIMUM, P::OTHER_MINIMA),
        });
    }
}

/// Runs every solver that applies on one problem.
fn run_all<P: Problem<N, M>, const N: usize, const M: usize>(tables: &mut [Table; 3]) {
    run_minimize::<P, N, M>(&mut tables[0]);
    run_least_squares::<P, N, M>(&mut tables[2]);
}

/// [`run_all`] and `newton::solve`, for a square problem.
fn run_square<P: Problem<N, N>, const N: usize>(tables: &mut [Table; 3]) {
    run_all::<P, N, N>(tables);
    run_solve::<P, N>(&mut tables[1]);
}

fn main() {
    let mut tables: [Table; 3] = Default::default();
    run_square::<Rosenbrock, 2>(&mut tables);
    run_square::<FreudensteinRoth, 2>(&mut tables);
    run_square::<PowellBadlyScaled, 2>(&mut tables);
    run_all::<BrownBadlyScaled, 2, 3>(&mut tables);
    run_all::<Beale, 2, 3>(&mut tables);
    run_all::<JennrichSampson, 2, 10>(&mut tables);
    run_square::<HelicalValley, 3>(&mut tables);
    run_all::<Bard, 3, 15>(&mut tables);
    run_all::<Gaussian, 3, 15>(&mut tables);
    run_all::<Meyer, 3, 16>(&mut tables);
    run_all::<Gulf, 3, 100>(&mut tables);
    run_all::<Box3d, 3, 10>(&mut tables);
    run_square::<PowellSingular, 4>(&mut tables);
    run_all::<Wood, 4, 6>(&mut tables);
    run_all::<KowalikOsborne, 4, 11>(&mut tables);
    run_all::<BrownDennis, 4, 20>(&mut tables);
    run_all::<Osborne1, 5, 33>(&mut tables);
    run_all::<BiggsExp6, 6, 13>(&mut tables);
    run_all::<Osborne2, 11, 65>(&mut tables);
    run_all::<Watson<6>, 6, 31>(&mut tables);
    run_all::<Watson<9>, 9, 31>(&mut tables);
    run_all::<Watson<12>, 12, 31>(&mut tables);
    run_square::<ExtendedRosenbrock, 10>(&mut tables);
    run_square::<ExtendedPowell, 12>(&mut tables);
    run_all::<PenaltyI, 10, 11>(&mut tables);
    run_all::<PenaltyII, 10, 20>(&mut tables);
    run_all::<VariablyDimensioned, 10, 12>(&mut tables);
    run_square::<Trigonometric, 10>(&mut tables);
    run_square::<BrownAlmostLinear, 10>(&mut tables);
    run_square::<DiscreteBoundary, 10>(&mut tables);
    run_square::<DiscreteIntegral, 10>(&mut tables);
    run_square::<BroydenTridiagonal, 10>(&mut tables);
    run_square::<BroydenBanded, 10>(&mut tables);
    run_all::<LinearFullRank, 10, 20>(&mut tables);
    run_all::<LinearRank1, 10, 20>(&mut tables);
    run_all::<LinearRank1ZeroColumns, 10, 20>(&mut tables);
    run_square::<Chebyquad<8>, 8>(&mut tables);
    run_square::<Chebyquad<9>, 9>(&mut tables);

    tables[0].print("newton::minimize on f = Σ rᵢ²");
    tables[1].print("newton::solve on r = 0 (the square systems of MINPACK's hybrd tests)");
    tables[2].print("least_squares::minimize on r");
}
