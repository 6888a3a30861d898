//! Newton root finding and minimization: convergence on the classic test
//! functions, quadratic convergence, and every `SolveError` variant reached by
//! a real input.

use approx::assert_relative_eq;
use monodual::Scalar;
use monodual::newton::{self, Iterate, Options, SolveError};
use nalgebra::{SVector, Vector1, Vector2};

fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
}

fn himmelblau<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[0] * x[0] + x[1] - 11.0).powi(2) + (x[0] + x[1] * x[1] - 7.0).powi(2)
}

/// The four minima of Himmelblau's function, where it is 0.
const HIMMELBLAU_MINIMA: [[f64; 2]; 4] = [
    [3.0, 2.0],
    [-2.805_118_086_952_745, 3.131_312_518_250_573],
    [-3.779_310_253_377_747, -3.283_185_991_286_17],
    [3.584_428_340_330_492, -1.848_126_526_964_404],
];

/// ∇ of Rosenbrock's function, written out, as a root-finding problem.
fn rosenbrock_gradient<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
    let bend = x[1] - x[0] * x[0];
    SVector::<S, 2>::new(x[0] * bend * -400.0 + (x[0] - 1.0) * 2.0, bend * 200.0)
}

/// Where the unit circle meets the parabola y = x².
fn circle_parabola<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
    SVector::<S, 2>::new(x[0] * x[0] + x[1] * x[1] - 1.0, x[1] - x[0] * x[0])
}

/// The positive intersection of `circle_parabola`: y = (√5 − 1)/2, x = √y.
fn circle_parabola_root() -> Vector2<f64> {
    let y = (5f64.sqrt() - 1.0) / 2.0;
    Vector2::new(y.sqrt(), y)
}

/// Records up to 64 iterates without allocating.
struct Log<const N: usize> {
    iterates: [Option<Iterate<f64, N>>; 64],
    count: usize,
}

impl<const N: usize> Log<N> {
    fn new() -> Self {
        Self {
            iterates: [None; 64],
            count: 0,
        }
    }

    fn record(&mut self, iterate: &Iterate<f64, N>) {
        assert_eq!(iterate.iteration, self.count, "iterates arrive in order");
        self.iterates[self.count] = Some(*iterate);
        self.count += 1;
    }

    fn get(&self, k: usize) -> Iterate<f64, N> {
        self.iterates[k].unwrap()
    }
}

/// Checks that the errors `eₖ = ‖xₖ − x*‖` of the last iterations fall
/// quadratically: `eₖ₊₁ ≤ C eₖ²` for every `eₖ < 0.1` while `eₖ₊₁` is above
/// rounding, with at least two such steps.
fn assert_quadratic<const N: usize>(log: &Log<N>, solution: &SVector<f64, N>, constant: f64) {
    let error = |k: usize| (log.get(k).x - solution).norm();
    let mut checked = 0;
    for k in 0..log.count - 1 {
        let (now, next) = (error(k), error(k + 1));
        // only the asymptotic regime, and only while the next error is not
        // rounding noise
        if now < 0.1 && next > 1e-14 {
            assert!(
                next <= constant * now * now,
                "e{} = {next:e} is not O(e{k}²) with e{k} = {now:e}",
                k + 1
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "only {checked} iterations in the quadratic regime"
    );
}

#[test]
fn minimize_rosenbrock_from_the_classic_start() {
    let x0 = Vector2::new(-1.2, 1.0);
    let mut log = Log::new();
    let min = newton::minimize_with_log(
        |x| rosenbrock(&x),
        x0,
        &Options::default(),
        |it| log.record(it),
    )
    .unwrap();
    assert_relative_eq!(min.x, Vector2::new(1.0, 1.0), epsilon = 1e-12);
    assert!(min.value < 1e-24, "f = {}", min.value);
    assert!(min.gradient_norm <= Options::<f64>::default().tolerance || min.iterations > 0);
    assert_eq!(log.count, min.iterations + 1);
    // damped Newton on Rosenbrock takes about twenty steps
    assert!(min.iterations < 40, "{} iterations", min.iterations);
    // f decreases at every step
    for k in 1..log.count {
        assert!(log.get(k).value <= log.get(k - 1).value);
    }
    // e₂₂ ≈ 1.2e-3, e₂₃ ≈ 4.1e-5, e₂₄ ≈ 1.9e-9, e₂₅ at rounding: eₖ₊₁ ≈ C eₖ²
    // with C ≈ 30 (Rosenbrock's third derivatives are large next to its
    // smallest curvature)
    assert_quadratic(&log, &Vector2::new(1.0, 1.0), 50.0);
}

#[test]
fn minimize_himmelblau_from_several_starts() {
    let starts = [
        [0.0, 0.0],
        [1.0, 1.0],
        [-1.0, 1.0],
        [-1.0, -1.0],
        [1.0, -1.0],
        [4.0, 4.0],
        [-4.0, 4.0],
        [-4.0, -4.0],
        [4.0, -4.0],
        [10.0, -7.0],
        [-0.27, -0.92],
    ];
    let mut found = [false; 4];
    for start in starts {
        let x0 = Vector2::from(start);
        let min = newton::minimize(|x| himmelblau(&x), x0, &Options::default())
            .unwrap_or_else(|e| panic!("from {start:?}: {e}"));
        assert!(min.value < 1e-20, "from {start:?}: f = {}", min.value);
        let which = HIMMELBLAU_MINIMA
            .iter()
            .position(|m| (min.x - Vector2::from(*m)).norm() < 1e-10)
            .unwrap_or_else(|| panic!("from {start:?}: {} is not a minimum", min.x));
        found[which] = true;
    }
    assert_eq!(found, [true; 4], "every minimum is reached from some start");
}

#[test]
fn minimize_escapes_the_maximum_of_himmelblau() {
    // The local maximum, to full precision: the gradient vanishes, so only
    // the negative-curvature step can move.
    let maximum = newton::solve(
        |x| monodual::gradient(|y| himmelblau(&y), x).1,
        Vector2::new(-0.27, -0.92),
        &Options::default(),
    )
    .unwrap()
    .x;
    assert_relative_eq!(
        maximum,
        Vector2::new(-0.270_845, -0.923_039),
        epsilon = 1e-6
    );
    let mut modified = false;
    let min = newton::minimize_with_log(
        |x| himmelblau(&x),
        maximum,
        &Options::default(),
        |it| modified |= it.hessian_modified,
    )
    .unwrap();
    assert!(modified);
    assert!(min.value < 1e-20);
}

#[test]
fn minimize_a_quadratic_in_one_step() {
    fn quadratic<S: Scalar>(x: &SVector<S, 3>) -> S {
        x[0] * x[0] * 2.0 + x[1] * x[1] + x[2] * x[2] * 4.0 + x[0] * x[1] - x[2] * 3.0
    }
    let min = newton::minimize(|x| quadratic(&x), SVector::zeros(), &Options::default()).unwrap();
    assert_eq!(min.iterations, 1);
    assert_relative_eq!(
        min.x,
        SVector::<f64, 3>::new(0.0, 0.0, 0.375),
        epsilon = 1e-15
    );
}

#[test]
fn minimize_in_f32() {
    fn rosenbrock<S: Scalar<f32>>(x: &SVector<S, 2>) -> S {
        (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
    }
    let min = newton::minimize(
        |x| rosenbrock(&x),
        SVector::<f32, 2>::new(-1.2, 1.0),
        &Options::default(),
    )
    .unwrap();
    assert_relative_eq!(min.x, SVector::<f32, 2>::new(1.0, 1.0), epsilon = 1e-4);
}

#[test]
fn solve_powell_badly_scaled() {
    // Powell's badly scaled system (Moré, Garbow, Hillstrom 1981, problem 3):
    // 10⁴xy = 1, e⁻ˣ + e⁻ʸ = 1.0001, from (0, 1).
    fn powell<S: Scalar>(v: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(
            v[0] * v[1] * 1e4 - 1.0,
            (-v[0]).exp() + (-v[1]).exp() - 1.0001,
        )
    }
    let root = newton::solve(|v| powell(&v), Vector2::new(0.0, 1.0), &Options::default()).unwrap();
    let (x, y) = (root.x[0], root.x[1]);
    assert_relative_eq!(x, 1.098_159_329_699_8e-5, max_relative = 1e-10);
    assert_relative_eq!(y, 9.106_146_739_867, max_relative = 1e-10);
    assert!(root.residual_norm < 1e-15, "{}", root.residual_norm);
}

#[test]
fn solve_converges_quadratically() {
    let mut log = Log::new();
    let root = newton::solve_with_log(
        |x| circle_parabola(&x),
        Vector2::new(2.0, 3.0),
        &Options::default(),
        |it| log.record(it),
    )
    .unwrap();
    let exact = circle_parabola_root();
    assert_relative_eq!(root.x, exact, epsilon = 1e-14);
    assert_eq!(root.iterations + 1, log.count);
    // ‖F‖ falls monotonically (the line search guarantees it)
    for k in 1..log.count {
        assert!(log.get(k).residual_norm < log.get(k - 1).residual_norm);
        assert_relative_eq!(
            log.get(k).value,
            0.5 * log.get(k).residual_norm.powi(2),
            max_relative = 1e-12
        );
    }
    assert_quadratic(&log, &exact, 10.0);
}

#[test]
fn solve_with_nested_dual_gradient_finds_every_himmelblau_minimum() {
    // F = ∇f computed by Dual numbers inside the Dual numbers of the solver:
    // its Jacobian is the Hessian.
    for minimum in HIMMELBLAU_MINIMA {
        let start = Vector2::from(minimum) + Vector2::new(0.2, -0.1);
        let root = newton::solve(
            |x| monodual::gradient(|y| himmelblau(&y), x).1,
            start,
            &Options::default(),
        )
        .unwrap();
        assert_relative_eq!(root.x, Vector2::from(minimum), epsilon = 1e-12);
    }
}

#[test]
fn solve_in_f32() {
    fn circle_parabola<S: Scalar<f32>>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] * x[0] + x[1] * x[1] - 1.0, x[1] - x[0] * x[0])
    }
    let root = newton::solve(
        |x| circle_parabola(&x),
        SVector::<f32, 2>::new(1.0, 1.0),
        &Options::default(),
    )
    .unwrap();
    assert_relative_eq!(root.x, circle_parabola_root().cast::<f32>(), epsilon = 1e-6);
    assert!(root.residual_norm < 1e-6);
}

#[test]
fn solve_stops_at_a_root_without_a_step() {
    let exact = Vector1::new(2.0);
    let options = Options {
        max_iterations: 0,
        ..Options::default()
    };
    let root = newton::solve(|x| x.map(|t| t * t - 4.0), exact, &options).unwrap();
    assert_eq!(
        (root.x, root.iterations, root.residual_norm),
        (exact, 0, 0.0)
    );
}

#[test]
fn solve_step_tolerance_ends_the_iteration() {
    // An unreachable residual tolerance: only the step test can stop it.
    let options = Options {
        tolerance: 0.0,
        ..Options::default()
    };
    let root = newton::solve(|x| circle_parabola(&x), Vector2::new(1.0, 1.0), &options).unwrap();
    assert_relative_eq!(root.x, circle_parabola_root(), epsilon = 1e-15);
    assert!(root.iterations < 10);
}

#[test]
fn solve_shortens_steps_that_leave_the_domain() {
    // ln x = 1 from x = 10: the full Newton step lands at x < 0, where ln is NaN.
    let root = newton::solve(
        |x| x.map(|t| t.ln() - 1.0),
        Vector1::new(10.0),
        &Options::default(),
    )
    .unwrap();
    assert_relative_eq!(root.x[0], core::f64::consts::E, epsilon = 1e-14);
}

// ---- every SolveError variant from a real input ----

#[test]
fn invalid_options_are_reported() {
    let x0 = Vector2::new(0.5, 0.5);
    let cases = [
        (
            Options {
                tolerance: -1.0,
                ..Options::default()
            },
            "tolerance",
        ),
        (
            Options {
                tolerance: f64::NAN,
                ..Options::default()
            },
            "tolerance",
        ),
        (
            Options {
                step_tolerance: f64::NAN,
                ..Options::default()
            },
            "step_tolerance",
        ),
        (
            Options {
                sufficient_decrease: 0.0,
                ..Options::default()
            },
            "sufficient_decrease",
        ),
        (
            Options {
                sufficient_decrease: 1.0,
                ..Options::default()
            },
            "sufficient_decrease",
        ),
    ];
    for (options, field) in cases {
        let solved = newton::solve(|x| circle_parabola(&x), x0, &options).unwrap_err();
        let minimized = newton::minimize(|x| rosenbrock(&x), x0, &options).unwrap_err();
        for error in [solved, minimized] {
            let SolveError::InvalidOption { option, .. } = error else {
                panic!("{error:?}");
            };
            assert_eq!(option, field);
        }
    }
}

#[test]
fn singular_jacobian() {
    // two parallel lines never meet: J = [[1, 1], [2, 2]] everywhere
    fn parallel<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] + x[1] - 1.0, x[0] * 2.0 + x[1] * 2.0 - 1.0)
    }
    let error = newton::solve(
        |x| parallel(&x),
        Vector2::new(3.0, 4.0),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        SolveError::SingularJacobian {
            iteration: 0,
            reciprocal_condition: 0.0
        }
    );
}

#[test]
fn ill_conditioned_jacobian_is_singular_too() {
    // F = (x + y, x + (1 + 1e-17) y) is singular in f64 arithmetic
    fn nearly<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] + x[1] - 1.0, x[0] + x[1] * (1.0 + 1e-17) - 2.0)
    }
    let error =
        newton::solve(|x| nearly(&x), Vector2::new(1.0, 1.0), &Options::default()).unwrap_err();
    assert!(matches!(
        error,
        SolveError::SingularJacobian { iteration: 0, .. }
    ));
}

#[test]
fn singular_hessian() {
    // a plane has no curvature: Newton's method has nothing to work with
    fn plane<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0] * 2.0 - x[1]
    }
    let error =
        newton::minimize(|x| plane(&x), Vector2::new(1.0, 1.0), &Options::default()).unwrap_err();
    assert_eq!(error, SolveError::SingularHessian { iteration: 0 });
}

#[test]
fn nan_and_infinite_starts() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let x0 = Vector2::new(1.0, bad);
        assert_eq!(
            newton::solve(|x| circle_parabola(&x), x0, &Options::default()),
            Err(SolveError::NonFinite { iteration: 0 })
        );
        assert_eq!(
            newton::minimize(|x| rosenbrock(&x), x0, &Options::default()),
            Err(SolveError::NonFinite { iteration: 0 })
        );
    }
}

#[test]
fn non_finite_function_values() {
    // ln of a negative number at the start
    let error = newton::solve(
        |x| x.map(|t| t.ln()),
        Vector1::new(-1.0),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(error, SolveError::NonFinite { iteration: 0 });
    let error =
        newton::minimize(|x| x[0].sqrt(), Vector1::new(-4.0), &Options::default()).unwrap_err();
    assert_eq!(error, SolveError::NonFinite { iteration: 0 });
}

#[test]
fn non_finite_jacobian_at_a_later_iterate() {
    // F = √x + 1 from x = 1: steps to −3 and −1 are NaN and get halved; the
    // step to 0 decreases ½F² but d√x/dx is infinite there.
    let error = newton::solve(
        |x| x.map(|t| t.sqrt() + 1.0),
        Vector1::new(1.0),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(error, SolveError::NonFinite { iteration: 1 });
}

#[test]
fn line_search_fails_on_a_jump_over_zero() {
    // F(x) = x + 1 for x > 0, x − 1 otherwise: no root, and every step that
    // crosses 0 increases |F|, so the steps shrink until none is accepted.
    fn jump<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> {
        let t = x[0];
        SVector::<S, 1>::new(if t > S::zero() { t + 1.0 } else { t - 1.0 })
    }
    // the steps shrink geometrically: allow enough iterations to reach rounding
    let options = Options {
        max_iterations: 10_000,
        ..Options::default()
    };
    let error = newton::solve(|x| jump(&x), Vector1::new(0.5), &options).unwrap_err();
    let SolveError::LineSearchFailed {
        iteration,
        residual,
    } = error
    else {
        panic!("{error:?}")
    };
    assert!(iteration > 0);
    assert!(
        (residual - 1.0).abs() < 1e-6,
        "|F| → 1 at the jump, got {residual}"
    );
}

#[test]
fn line_search_fails_on_a_cliff() {
    // f = (x − 1)² below 0.5, 10 higher above: the minimizer of the smooth
    // part lies beyond the cliff, where f is worse.
    fn cliff<S: Scalar>(x: &SVector<S, 1>) -> S {
        let t = x[0];
        let bowl = (t - 1.0).powi(2);
        if t < S::from_float(0.5) {
            bowl
        } else {
            bowl + 10.0
        }
    }
    let options = Options {
        max_iterations: 10_000,
        ..Options::default()
    };
    let error = newton::minimize(|x| cliff(&x), Vector1::new(0.0), &options).unwrap_err();
    assert!(
        matches!(error, SolveError::LineSearchFailed { iteration, .. } if iteration > 0),
        "{error:?}"
    );
}

#[test]
fn no_convergence_within_the_iteration_cap() {
    let options = Options {
        max_iterations: 3,
        ..Options::default()
    };
    let x0 = Vector2::new(-1.2, 1.0);
    let error = newton::minimize(|x| rosenbrock(&x), x0, &options).unwrap_err();
    let SolveError::NoConvergence {
        iterations,
        residual,
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(iterations, 3);
    assert!(residual > 1e-3);
    let error = newton::solve(|x| rosenbrock_gradient(&x), x0, &options).unwrap_err();
    assert!(matches!(
        error,
        SolveError::NoConvergence { iterations: 3, .. }
    ));
}

#[test]
fn errors_display_as_sentences() {
    let errors: [SolveError; 6] = [
        SolveError::InvalidOption {
            option: "tolerance",
            requirement: "a number ≥ 0",
        },
        SolveError::SingularJacobian {
            iteration: 2,
            reciprocal_condition: 0.0,
        },
        SolveError::SingularHessian { iteration: 1 },
        SolveError::NonFinite { iteration: 0 },
        SolveError::LineSearchFailed {
            iteration: 4,
            residual: 0.5,
        },
        SolveError::NoConvergence {
            iterations: 100,
            residual: 1e-3,
        },
    ];
    let expected = [
        "invalid solver option: `tolerance` must be a number ≥ 0",
        "the Jacobian is singular or ill-conditioned at iteration 2 (reciprocal condition number 0)",
        "the Hessian is zero at iteration 1 while the gradient is not, so Newton's method has no step",
        "a NaN or infinite value appeared at iteration 0",
        "the line search found no sufficient decrease at iteration 4 (residual norm 0.5)",
        "no convergence after 100 iterations (residual norm 0.001)",
    ];
    for (error, text) in errors.iter().zip(expected) {
        assert_eq!(error.to_string(), text);
        // usable as a standard error
        let dynamic: &dyn core::error::Error = error;
        assert_eq!(dynamic.to_string(), text);
    }
}

#[test]
fn options_defaults() {
    let options = Options::<f64>::default();
    assert_eq!(options.max_iterations, 100);
    assert_eq!(options.tolerance, f64::EPSILON);
    assert_relative_eq!(options.step_tolerance, f64::EPSILON.sqrt());
    assert_eq!(options.sufficient_decrease, 1e-4);
    let options = Options::<f32>::default();
    assert_eq!(options.tolerance, f32::EPSILON);
}
