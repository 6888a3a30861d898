//! The solvers on the Moré–Garbow–Hillstrom test set (ACM TOMS 7(1), 1981),
//! from x₀, 10·x₀ and 100·x₀, with default options:
//!
//! - `newton::minimize` on f = Σ rᵢ², every problem;
//! - `newton::solve` on the 55 runs of MINPACK's hybrd tests: its 14 square
//!   systems in 22 sizes, each from as many of x₀, 10·x₀, 100·x₀ as MINPACK
//!   tries (Wood, Watson and variably dimensioned in the form MINPACK solves
//!   them, the normal equations Jᵀr = 0, with J from r by a `Dual` pass);
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

use monodual::{Dual, Scalar, least_squares, newton};
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
fn run_minimize<P: Problem<N, M>, const N: usize, const M: usize>(table: &mut Table)
where
    nalgebra::Const<N>: monodual::Packed,
{
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

/// `newton::solve` on `system = 0` from the first `tries` of x₀, 10·x₀,
/// 100·x₀ (`start(scale)`), as MINPACK's hybrd tests do.
fn run_system<const N: usize>(
    table: &mut Table,
    problem: String,
    (tries, start): (usize, fn(f64) -> SVector<f64, N>),
    system: impl Fn(SVector<Dual<f64, N>, N>) -> SVector<Dual<f64, N>, N>,
) {
    for &scale in &SCALES[..tries] {
        let calls = Cell::new(0);
        let mut last = (0, None);
        let result = newton::solve_with_log(
            |x| {
                calls.set(calls.get() + 1);
                system(x)
            },
            start(scale),
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
            problem: problem.clone(),
            scale,
            outcome,
            iterations,
            evaluations: calls.get(),
            value,
            // a root is the global minimum 0 of Σ rᵢ²
            reached: reached(value, 0.0, &[]),
        });
    }
}

/// `newton::solve` on r = 0, a square system of MINPACK's hybrd tests.
fn run_solve<P: Problem<N, N>, const N: usize>(table: &mut Table) {
    let tries = (
        P::SYSTEM_TRIES,
        P::scaled_start as fn(f64) -> SVector<f64, N>,
    );
    run_system(table, label::<P, N, N>(), tries, |x| P::residuals(&x));
}

/// `newton::solve` on the normal equations Jᵀr = 0 of a least-squares problem,
/// J from r by one more `Dual` pass (so the problem is still written once).
fn run_solve_normal<P: Problem<N, M>, const N: usize, const M: usize>(table: &mut Table) {
    let problem = format!("{:2} {}, Jᵀr (n={N})", P::NUMBER, P::NAME);
    let tries = (
        P::NORMAL_TRIES,
        P::scaled_start as fn(f64) -> SVector<f64, N>,
    );
    run_system(table, problem, tries, |x| {
        // (Jᵀr)ⱼ = Σᵢ rᵢ ∂rᵢ/∂xⱼ
        let (r, jacobian) = monodual::jacobian(|y| P::residuals(&y), x);
        jacobian.tr_mul(&r)
    });
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
fn run_all<P: Problem<N, M>, const N: usize, const M: usize>(tables: &mut [Table; 3])
where
    nalgebra::Const<N>: monodual::Packed,
{
    run_minimize::<P, N, M>(&mut tables[0]);
    run_least_squares::<P, N, M>(&mut tables[2]);
}

fn main() {
    let mut tables: [Table; 3] = Default::default();
    run_all::<Rosenbrock, 2, 2>(&mut tables);
    run_all::<FreudensteinRoth, 2, 2>(&mut tables);
    run_all::<PowellBadlyScaled, 2, 2>(&mut tables);
    run_all::<BrownBadlyScaled, 2, 3>(&mut tables);
    run_all::<Beale, 2, 3>(&mut tables);
    run_all::<JennrichSampson, 2, 10>(&mut tables);
    run_all::<HelicalValley, 3, 3>(&mut tables);
    run_all::<Bard, 3, 15>(&mut tables);
    run_all::<Gaussian, 3, 15>(&mut tables);
    run_all::<Meyer, 3, 16>(&mut tables);
    run_all::<Gulf, 3, 100>(&mut tables);
    run_all::<Box3d, 3, 10>(&mut tables);
    run_all::<PowellSingular, 4, 4>(&mut tables);
    run_all::<Wood, 4, 6>(&mut tables);
    run_all::<KowalikOsborne, 4, 11>(&mut tables);
    run_all::<BrownDennis, 4, 20>(&mut tables);
    run_all::<Osborne1, 5, 33>(&mut tables);
    run_all::<BiggsExp6, 6, 13>(&mut tables);
    run_all::<Osborne2, 11, 65>(&mut tables);
    run_all::<Watson<6>, 6, 31>(&mut tables);
    run_all::<Watson<9>, 9, 31>(&mut tables);
    run_all::<Watson<12>, 12, 31>(&mut tables);
    run_all::<ExtendedRosenbrock, 10, 10>(&mut tables);
    run_all::<ExtendedPowell, 12, 12>(&mut tables);
    run_all::<PenaltyI, 10, 11>(&mut tables);
    run_all::<PenaltyII, 10, 20>(&mut tables);
    run_all::<VariablyDimensioned, 10, 12>(&mut tables);
    run_all::<Trigonometric, 10, 10>(&mut tables);
    run_all::<BrownAlmostLinear<10>, 10, 10>(&mut tables);
    run_all::<DiscreteBoundary, 10, 10>(&mut tables);
    run_all::<DiscreteIntegral<10>, 10, 10>(&mut tables);
    run_all::<BroydenTridiagonal, 10, 10>(&mut tables);
    run_all::<BroydenBanded, 10, 10>(&mut tables);
    run_all::<LinearFullRank, 10, 20>(&mut tables);
    run_all::<LinearRank1, 10, 20>(&mut tables);
    run_all::<LinearRank1ZeroColumns, 10, 20>(&mut tables);
    run_all::<Chebyquad<8>, 8, 8>(&mut tables);
    run_all::<Chebyquad<9>, 9, 9>(&mut tables);

    // the 22 cases of MINPACK's hybrd tests, in its order
    let solve = &mut tables[1];
    run_solve::<Rosenbrock, 2>(solve);
    run_solve::<PowellSingular, 4>(solve);
    run_solve::<PowellBadlyScaled, 2>(solve);
    run_solve_normal::<Wood, 4, 6>(solve);
    run_solve::<HelicalValley, 3>(solve);
    run_solve_normal::<Watson<6>, 6, 31>(solve);
    run_solve_normal::<Watson<9>, 9, 31>(solve);
    run_solve::<Chebyquad<5>, 5>(solve);
    run_solve::<Chebyquad<6>, 6>(solve);
    run_solve::<Chebyquad<7>, 7>(solve);
    run_solve::<Chebyquad<8>, 8>(solve);
    run_solve::<Chebyquad<9>, 9>(solve);
    run_solve::<BrownAlmostLinear<10>, 10>(solve);
    run_solve::<BrownAlmostLinear<30>, 30>(solve);
    run_solve::<BrownAlmostLinear<40>, 40>(solve);
    run_solve::<DiscreteBoundary, 10>(solve);
    run_solve::<DiscreteIntegral<1>, 1>(solve);
    run_solve::<DiscreteIntegral<10>, 10>(solve);
    run_solve::<Trigonometric, 10>(solve);
    run_solve_normal::<VariablyDimensioned, 10, 12>(solve);
    run_solve::<BroydenTridiagonal, 10>(solve);
    run_solve::<BroydenBanded, 10>(solve);

    tables[0].print("newton::minimize on f = Σ rᵢ²");
    tables[1].print("newton::solve on r = 0 (the 55 runs of MINPACK's hybrd tests)");
    tables[2].print("least_squares::minimize on r");
}
