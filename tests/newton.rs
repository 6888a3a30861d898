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

/// Records up to 512 iterates without allocating.
struct Log<const N: usize> {
    iterates: [Option<Iterate<f64, N>>; 512],
    count: usize,
}

impl<const N: usize> Log<N> {
    fn new() -> Self {
        Self {
            iterates: [None; 512],
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

// ---- the hard cases: badly scaled, singular, far starts, saddles ----

/// Brown's badly scaled function (Moré, Garbow, Hillstrom 1981, problem 4):
/// minimum 0 at (10⁶, 2·10⁻⁶), Hessian eigenvalues ~2 and ~2·10¹².
fn brown_badly_scaled<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[0] - 1e6).powi(2) + (x[1] - 2e-6).powi(2) + (x[0] * x[1] - 2.0).powi(2)
}

/// Powell's badly scaled function (MGH problem 3): minimum 0.
fn powell_badly_scaled<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[0] * x[1] * 1e4 - 1.0).powi(2) + ((-x[0]).exp() + (-x[1]).exp() - 1.0001).powi(2)
}

/// Powell's singular function (MGH problem 13): minimum 0 at 0, where the
/// Hessian has rank 2.
fn powell_singular<S: Scalar>(x: &SVector<S, 4>) -> S {
    (x[0] + x[1] * 10.0).powi(2)
        + (x[2] - x[3]).powi(2) * 5.0
        + (x[1] - x[2] * 2.0).powi(4)
        + (x[0] - x[3]).powi(4) * 10.0
}

/// The linear function of rank 1 (MGH problem 33) with n = 4, m = 8:
/// rᵢ = i Σⱼ j xⱼ − 1; the minimizers form a hyperplane, where
/// f = m(m − 1) / (2(2m + 1)) = 28/17.
fn linear_rank_one<S: Scalar>(x: &SVector<S, 4>) -> S {
    let weighted = x[0] + x[1] * 2.0 + x[2] * 3.0 + x[3] * 4.0;
    (1..=8).fold(S::zero(), |sum, i| {
        sum + (weighted * f64::from(i) - 1.0).powi(2)
    })
}

/// Meyer's function (MGH problem 10): a three-parameter exponential fit
/// x₁ exp(x₂ / (tᵢ + x₃)) to 16 points; minimum 87.9458… at
/// (0.0056096, 6181.35, 345.224), with condition number ~10¹⁸ there.
fn meyer<S: Scalar>(x: &SVector<S, 3>) -> S {
    const Y: [f64; 16] = [
        34780.0, 28610.0, 23650.0, 19630.0, 16370.0, 13720.0, 11540.0, 9744.0, 8261.0, 7030.0,
        6005.0, 5147.0, 4427.0, 3820.0, 3307.0, 2872.0,
    ];
    (0..16).fold(S::zero(), |sum, i| {
        let t = 45.0 + 5.0 * (i as f64 + 1.0);
        sum + (x[0] * (x[1] / (x[2] + t)).exp() - Y[i]).powi(2)
    })
}

/// A two-exponential decay fitted to its own exact values at 12 points
/// (minimum 0 at (2, 0.5, 1, 0.05)), parameters differing by a factor of 40.
fn exponential_decay<S: Scalar>(x: &SVector<S, 4>) -> S {
    (0..12).fold(S::zero(), |sum, i| {
        let t = i as f64 * 2.0;
        let y = 2.0 * (-0.5 * t).exp() + (-0.05 * t).exp();
        sum + (x[0] * (-x[1] * t).exp() + x[2] * (-x[3] * t).exp() - y).powi(2)
    })
}

#[test]
fn minimize_brown_badly_scaled() {
    let min = newton::minimize(
        |x| brown_badly_scaled(&x),
        Vector2::new(1.0, 1.0),
        &Options::default(),
    )
    .unwrap();
    println!(
        "Brown badly scaled: {} iterations, f = {:e}",
        min.iterations, min.value
    );
    assert_relative_eq!(min.x[0], 1e6, max_relative = 1e-15);
    assert_relative_eq!(min.x[1], 2e-6, max_relative = 1e-12);
    assert!(min.value < 1e-20, "f = {:e}", min.value);
    assert!(min.iterations <= 20, "{} iterations", min.iterations);
}

#[test]
fn minimize_powell_badly_scaled() {
    let min = newton::minimize(
        |x| powell_badly_scaled(&x),
        Vector2::new(0.0, 1.0),
        &Options::default(),
    )
    .unwrap();
    println!(
        "Powell badly scaled: {} iterations, f = {:e}",
        min.iterations, min.value
    );
    assert_relative_eq!(min.x[0], 1.098_159_329_699_8e-5, max_relative = 1e-8);
    assert_relative_eq!(min.x[1], 9.106_146_739_867, max_relative = 1e-8);
    assert!(min.value < 1e-25, "f = {:e}", min.value);
}

#[test]
fn minimize_powell_singular() {
    let x0 = SVector::<f64, 4>::new(3.0, -1.0, 0.0, 1.0);
    for scale in [1.0, 10.0, 100.0] {
        let min =
            newton::minimize(|x| powell_singular(&x), x0 * scale, &Options::default()).unwrap();
        println!(
            "Powell singular from {scale}·x₀: {} iterations, f = {:e}, |x| = {:e}",
            min.iterations,
            min.value,
            min.x.norm()
        );
        // a singular minimizer: linear convergence, f ~ ‖x‖⁴
        // stopped by the step test: each unknown's Newton step below √ε
        // times how far that unknown moved (x → 0, so no test relative to
        // |x| could end it), with f ~ ‖x‖⁴
        assert!(min.gradient_norm <= 1e-12);
        assert!(min.value < 1e-20, "f = {:e}", min.value);
        // x* = 0 to √ε times how far x moved (about ‖x₀‖)
        assert!(min.x.norm() < 1e-7 * scale * x0.norm());
    }
}

#[test]
fn minimize_linear_rank_one() {
    let min = newton::minimize(
        |x| linear_rank_one(&x),
        SVector::<f64, 4>::repeat(1.0),
        &Options::default(),
    )
    .unwrap();
    println!(
        "linear rank 1: {} iterations, f = {}",
        min.iterations, min.value
    );
    assert_relative_eq!(min.value, 28.0 / 17.0, max_relative = 1e-14);
    assert!(min.iterations <= 3, "{} iterations", min.iterations);
}

#[test]
fn minimize_rosenbrock_from_far_away() {
    for scale in [10.0, 100.0] {
        let x0 = Vector2::new(-1.2, 1.0) * scale;
        let mut log = Log::new();
        let min = newton::minimize_with_log(
            |x| rosenbrock(&x),
            x0,
            &Options {
                max_iterations: 511,
                ..Options::default()
            },
            |it| log.record(it),
        )
        .unwrap();
        println!("Rosenbrock from {scale}·x₀: {} iterations", min.iterations);
        assert_relative_eq!(min.x, Vector2::new(1.0, 1.0), epsilon = 1e-12);
        assert_quadratic(&log, &Vector2::new(1.0, 1.0), 50.0);
    }
}

#[test]
fn minimize_meyer() {
    let min = newton::minimize(
        |x| meyer(&x),
        SVector::<f64, 3>::new(0.02, 4000.0, 250.0),
        &Options::default(),
    )
    .unwrap();
    println!("Meyer: {} iterations, f = {}", min.iterations, min.value);
    assert_relative_eq!(min.value, 87.945_855_170_4, max_relative = 1e-9);
    assert_relative_eq!(min.x[1], 6_181.346_35, max_relative = 1e-6);
}

#[test]
fn minimize_exponential_decay() {
    let min = newton::minimize(
        |x| exponential_decay(&x),
        SVector::<f64, 4>::new(1.0, 1.0, 2.0, 0.2),
        &Options::default(),
    )
    .unwrap();
    println!(
        "two exponentials: {} iterations, f = {:e}",
        min.iterations, min.value
    );
    assert!(min.value < 1e-25, "f = {:e}", min.value);
    let expected = SVector::<f64, 4>::new(2.0, 0.5, 1.0, 0.05);
    assert_relative_eq!(min.x, expected, max_relative = 1e-10);
}

#[test]
fn minimize_leaves_a_saddle_where_the_gradient_vanishes() {
    // x² − y² + y⁴/4: a saddle at 0 with ∇f = 0, minima at (0, ±√2)
    fn saddle<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0] * x[0] - x[1] * x[1] + x[1].powi(4) * 0.25
    }
    let min =
        newton::minimize(|x| saddle(&x), Vector2::<f64>::zeros(), &Options::default()).unwrap();
    println!("saddle start: {} iterations", min.iterations);
    assert_relative_eq!(min.x[1].abs(), 2f64.sqrt(), epsilon = 1e-14);
    assert_relative_eq!(min.value, -1.0, epsilon = 1e-15);
}

#[test]
fn minimize_does_not_depend_on_the_units_of_the_unknowns_or_of_f() {
    // f(x) and g(y) = c·f(y ⊘ u) take the same steps: D scales with the units
    let x0 = Vector2::new(-1.2, 1.0);
    let units = Vector2::new(1e-6, 1e5);
    let reference = newton::minimize(|x| rosenbrock(&x), x0, &Options::default()).unwrap();
    let scaled = newton::minimize(
        |y| rosenbrock(&y.component_div(&units.map(monodual::HyperDual::constant))) * 1e8,
        x0.component_mul(&units),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(reference.iterations, scaled.iterations);
    assert_relative_eq!(
        scaled.x.component_div(&units),
        reference.x,
        max_relative = 1e-12
    );
}

#[test]
fn unbounded_functions_are_reported() {
    let options = Options::default();
    let one = Vector1::new(1.0);
    let negative_log = newton::minimize(|x| -x[0].ln(), one, &options).unwrap_err();
    let negative_root = newton::minimize(|x| -x[0].sqrt(), one, &options).unwrap_err();
    let negative_square = newton::minimize(|x| -x[0] * x[0], one, &options).unwrap_err();
    let plane =
        newton::minimize(|x| x[0] * 2.0 - x[1], Vector2::new(1.0, 1.0), &options).unwrap_err();
    for error in [negative_log, negative_root, negative_square, plane] {
        println!("{error}");
        assert!(matches!(error, SolveError::Unbounded { .. }), "{error:?}");
        assert!(error.to_string().starts_with("the function has no minimum"));
    }
}

#[test]
fn solve_powell_singular() {
    fn system<S: Scalar>(x: &SVector<S, 4>) -> SVector<S, 4> {
        SVector::<S, 4>::new(
            x[0] + x[1] * 10.0,
            (x[2] - x[3]) * 5f64.sqrt(),
            (x[1] - x[2] * 2.0).powi(2),
            (x[0] - x[3]).powi(2) * 10f64.sqrt(),
        )
    }
    let x0 = SVector::<f64, 4>::new(3.0, -1.0, 0.0, 1.0);
    for scale in [1.0, 10.0, 100.0] {
        let root = newton::solve(|x| system(&x), x0 * scale, &Options::default()).unwrap();
        println!(
            "Powell singular system from {scale}·x₀: {} iterations",
            root.iterations
        );
        assert!(root.residual_norm <= f64::EPSILON);
        assert!(root.x.norm() < 1e-7);
    }
}

#[test]
fn solve_helical_valley() {
    fn system<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 3> {
        // θ = atan2(x₂, x₁) / 2π, in (−½, ½]
        let theta = x[1].atan2(x[0]) / core::f64::consts::TAU;
        SVector::<S, 3>::new(
            (x[2] - theta * 10.0) * 10.0,
            ((x[0] * x[0] + x[1] * x[1]).sqrt() - 1.0) * 10.0,
            x[2],
        )
    }
    for scale in [1.0, 10.0, 100.0] {
        let x0 = SVector::<f64, 3>::new(-1.0, 0.0, 0.0) * scale;
        let root = newton::solve(|x| system(&x), x0, &Options::default()).unwrap();
        println!(
            "helical valley from {scale}·x₀: {} iterations",
            root.iterations
        );
        assert_relative_eq!(
            root.x,
            SVector::<f64, 3>::new(1.0, 0.0, 0.0),
            epsilon = 1e-14
        );
    }
}

#[test]
fn solve_reports_the_local_minimum_of_freudenstein_roth() {
    fn system<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(
            x[0] - 13.0 + ((-x[1] + 5.0) * x[1] - 2.0) * x[1],
            x[0] - 29.0 + ((x[1] + 1.0) * x[1] - 14.0) * x[1],
        )
    }
    // from MGH's start the iteration is drawn into the local minimum of ‖F‖
    // near (11.41, −0.897), ‖F‖ = √48.98, far from the root (5, 4)
    let error =
        newton::solve(|x| system(&x), Vector2::new(0.5, -2.0), &Options::default()).unwrap_err();
    println!("Freudenstein–Roth: {error}");
    let SolveError::ResidualMinimum { residual, .. } = error else {
        panic!("{error:?}")
    };
    assert_relative_eq!(residual * residual, 48.984_253_679_9, max_relative = 1e-6);
    // from nearer the root, it is found
    let root = newton::solve(|x| system(&x), Vector2::new(6.0, 3.0), &Options::default()).unwrap();
    assert_relative_eq!(root.x, Vector2::new(5.0, 4.0), epsilon = 1e-12);
}

/// Fᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ (MGH problem 26).
fn trigonometric<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    let cosines = x.iter().fold(S::zero(), |sum, xj| sum + xj.cos());
    SVector::<S, N>::from_fn(|i, _| {
        -cosines + N as f64 + (-x[i].cos() + 1.0) * (i as f64 + 1.0) - x[i].sin()
    })
}

fn check_trigonometric<const N: usize>() -> f64
where
    nalgebra::Const<N>: monodual::Packed,
{
    let x0 = SVector::<f64, N>::repeat(1.0 / N as f64);
    let mut last = x0;
    let result = newton::solve_with_log(
        |x| trigonometric(&x),
        x0,
        &Options::default(),
        |it| {
            last = it.x;
        },
    );
    match result {
        Ok(root) => {
            println!(
                "trigonometric n = {N}: root in {} iterations",
                root.iterations
            );
            assert!(trigonometric(&root.x).norm() < 1e-14);
            0.0
        }
        Err(error) => {
            // the residual has local minima above 0 (MGH list one for n = 10)
            println!("trigonometric n = {N}: {error}");
            let SolveError::ResidualMinimum { residual, .. } = error else {
                panic!("{error:?}")
            };
            // solve stops on the linear approach to that minimum, with ‖F‖
            // within 1e-8 of it: minimizing ‖F‖² on from there finds it
            let f = |x: SVector<_, N>| trigonometric(&x).norm_squared();
            let minimum = newton::minimize(f, last, &Options::default()).unwrap();
            let settled = minimum.value.sqrt();
            assert_relative_eq!(residual, settled, max_relative = 1e-8);
            settled
        }
    }
}

#[test]
fn solve_trigonometric() {
    // from x₀ = (1/n, …) a root for n = 2, 5 and 10; for n = 3, 4 the residual
    // has a local minimum above 0 that draws the iteration in (the value
    // checked is that of the minimum, found by minimizing ‖F‖² from where
    // solve stopped)
    assert_eq!(check_trigonometric::<2>(), 0.0);
    assert_eq!(check_trigonometric::<5>(), 0.0);
    assert_relative_eq!(
        check_trigonometric::<3>(),
        0.050_731_502_195,
        max_relative = 1e-10
    );
    assert_relative_eq!(
        check_trigonometric::<4>(),
        0.017_401_842_284,
        max_relative = 1e-10
    );
    // n = 10: a root (MGH list a local minimum f = ‖F‖² = 2.79506e-5, where
    // solve stopped while it quartered and doubled Δ instead of following
    // the step as hybrj does)
    assert_eq!(check_trigonometric::<10>(), 0.0);
}

#[test]
fn solve_broyden_tridiagonal() {
    // Fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1 (MGH problem 30), n = 10, x₀ = −1
    fn system<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        SVector::<S, 10>::from_fn(|i, _| {
            let before = if i > 0 { x[i - 1] } else { S::zero() };
            let after = if i < 9 { x[i + 1] } else { S::zero() };
            (-x[i] * 2.0 + 3.0) * x[i] - before - after * 2.0 + 1.0
        })
    }
    let root = newton::solve(|x| system(&x), SVector::repeat(-1.0), &Options::default()).unwrap();
    println!("Broyden tridiagonal: {} iterations", root.iterations);
    assert!(system(&root.x).norm() < 1e-14);
}

#[test]
fn solve_a_row_scaled_by_1e_minus_20_in_one_step() {
    fn system<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] * 2.0 - 3.0, (x[1] - 5.0) * 1e-20)
    }
    let root = newton::solve(|x| system(&x), Vector2::zeros(), &Options::default()).unwrap();
    assert_eq!(root.x, Vector2::new(1.5, 5.0));
    assert_eq!(root.iterations, 1);
}

#[test]
fn solve_huge_magnitudes_without_overflow() {
    let root = newton::solve(
        |x| x.map(|t| t - 1e200),
        Vector1::new(0.0),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(root.x[0], 1e200);
    // (x/1e200)² = 1 at 1e200, and the residual ~1e200 ones on the way
    fn huge<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> {
        x.map(|t| ((t * 1e-200).powi(2) - 1.0) * 1e300)
    }
    let root = newton::solve(|x| huge(&x), Vector1::new(3e200), &Options::default()).unwrap();
    assert_relative_eq!(root.x[0], 1e200, max_relative = 1e-15);
}

// ---- every SolveError variant from a real input ----

#[test]
fn invalid_options_are_reported() {
    let x0 = Vector2::new(0.5, 0.5);
    let defaults = Options::default();
    let cases = [
        (
            Options {
                tolerance: -1.0,
                ..defaults
            },
            "tolerance",
        ),
        (
            Options {
                tolerance: f64::NAN,
                ..defaults
            },
            "tolerance",
        ),
        (
            Options {
                tolerance: f64::INFINITY,
                ..defaults
            },
            "tolerance",
        ),
        (
            Options {
                step_tolerance: f64::NAN,
                ..defaults
            },
            "step_tolerance",
        ),
        (
            Options {
                step_tolerance: f64::INFINITY,
                ..defaults
            },
            "step_tolerance",
        ),
        (
            Options {
                step_tolerance: 1.0,
                ..defaults
            },
            "step_tolerance",
        ),
        (
            Options {
                sufficient_decrease: 0.0,
                ..defaults
            },
            "sufficient_decrease",
        ),
        (
            Options {
                sufficient_decrease: 1.0,
                ..defaults
            },
            "sufficient_decrease",
        ),
        (
            Options {
                decrease_tolerance: -1e-9,
                ..defaults
            },
            "decrease_tolerance",
        ),
        (
            Options {
                decrease_tolerance: f64::NAN,
                ..defaults
            },
            "decrease_tolerance",
        ),
        (
            Options {
                initial_radius: 0.0,
                ..defaults
            },
            "initial_radius",
        ),
        (
            Options {
                initial_radius: f64::INFINITY,
                ..defaults
            },
            "initial_radius",
        ),
        (
            Options {
                unbounded_distance: 1.0,
                ..defaults
            },
            "unbounded_distance",
        ),
        (
            Options {
                unbounded_distance: f64::NAN,
                ..defaults
            },
            "unbounded_distance",
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
fn no_real_root_is_a_residual_minimum() {
    // x² + 1 = 0: ‖F‖ is least at 0, where J = 0
    let error = newton::solve(
        |x| x.map(|t| t * t + 1.0),
        Vector1::new(1.0),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        SolveError::ResidualMinimum {
            iteration: 1,
            residual: 1.0
        }
    );
    // two parallel lines never meet: J = [[1, 1], [2, 2]] is singular
    // everywhere, and ‖F‖ is least on the line x + y = 3/5
    fn parallel<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::<S, 2>::new(x[0] + x[1] - 1.0, x[0] * 2.0 + x[1] * 2.0 - 1.0)
    }
    let error = newton::solve(
        |x| parallel(&x),
        Vector2::new(3.0, 4.0),
        &Options::default(),
    )
    .unwrap_err();
    let SolveError::ResidualMinimum { residual, .. } = error else {
        panic!("{error:?}")
    };
    // F = (−2/5, 1/5) there
    assert_relative_eq!(residual, 0.2f64.sqrt(), max_relative = 1e-10);
}

#[test]
fn any_number_of_backtracks_terminates() {
    // F(x) = x + 1 for x > 0, x − 1 otherwise: no root, every step across 0
    // raises |F|, and the trial steps shrink until they no longer move x
    fn jump<S: Scalar>(x: &SVector<S, 1>) -> SVector<S, 1> {
        let t = x[0];
        SVector::<S, 1>::new(if t > S::zero() { t + 1.0 } else { t - 1.0 })
    }
    for max_backtracks in [0, 50, usize::MAX] {
        let options = Options {
            max_backtracks,
            max_iterations: 10_000,
            ..Options::default()
        };
        let error = newton::solve(|x| jump(&x), Vector1::new(0.5), &options).unwrap_err();
        // |F| → 1 as x → 0⁺: its infimum, not a root
        let (SolveError::NoProgress { residual, .. }
        | SolveError::ResidualMinimum { residual, .. }) = error
        else {
            panic!("{error:?}")
        };
        assert!(residual >= 1.0);
    }
}

#[test]
fn no_progress_on_a_cliff() {
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
    for max_backtracks in [50, usize::MAX] {
        let options = Options {
            max_backtracks,
            max_iterations: 10_000,
            ..Options::default()
        };
        let error = newton::minimize(|x| cliff(&x), Vector1::new(0.0), &options).unwrap_err();
        let SolveError::NoProgress { residual, .. } = error else {
            panic!("{error:?}")
        };
        assert_relative_eq!(residual, 1.0, max_relative = 1e-6); // |f'| at the cliff
    }
}

#[test]
fn nan_and_infinite_starts() {
    let expected = Err(SolveError::NonFinite {
        iteration: 0,
        quantity: "the starting point",
    });
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let x0 = Vector2::new(1.0, bad);
        assert_eq!(
            newton::solve(|x| circle_parabola(&x), x0, &Options::default()),
            expected
        );
        assert_eq!(
            newton::minimize(|x| rosenbrock(&x), x0, &Options::default()).map(|m| m.x),
            expected.map(|r: newton::Root<f64, 2>| r.x)
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
    assert_eq!(
        error,
        SolveError::NonFinite {
            iteration: 0,
            quantity: "the residual"
        }
    );
    let error =
        newton::minimize(|x| x[0].sqrt(), Vector1::new(-4.0), &Options::default()).unwrap_err();
    assert_eq!(
        error,
        SolveError::NonFinite {
            iteration: 0,
            quantity: "the value"
        }
    );
}

#[test]
fn steps_out_of_the_domain_are_shortened() {
    // √x + 1 = 0 has no root: from x = 1 the steps go towards 0, trial
    // points below 0 are NaN and are cut back, and at 0 the derivative is
    // infinite; the solver stops there with an error, not a panic or a hang.
    let error = newton::solve(
        |x| x.map(|t| t.sqrt() + 1.0),
        Vector1::new(1.0),
        &Options::default(),
    )
    .unwrap_err();
    println!("√x + 1: {error}");
    assert!(matches!(
        error,
        SolveError::NoProgress { .. } | SolveError::ResidualMinimum { .. }
    ));
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
    let error = newton::solve(|x| rosenbrock_gradient(&x), x0 * 10.0, &options).unwrap_err();
    assert!(matches!(
        error,
        SolveError::NoConvergence { iterations: 3, .. }
    ));
}

#[test]
fn errors_display_as_sentences() {
    let errors: [SolveError; 7] = [
        SolveError::InvalidOption {
            option: "tolerance",
            requirement: "a number ≥ 0",
        },
        SolveError::SingularJacobian {
            iteration: 2,
            reciprocal_condition: 0.0,
        },
        SolveError::NonFinite {
            iteration: 0,
            quantity: "the gradient",
        },
        SolveError::NoProgress {
            iteration: 4,
            residual: 0.5,
            radius: 0.25,
        },
        SolveError::ResidualMinimum {
            iteration: 7,
            residual: 2.0,
        },
        SolveError::Unbounded {
            iteration: 30,
            value: -20.0,
            distance: 1e9,
        },
        SolveError::NoConvergence {
            iterations: 100,
            residual: 1e-3,
        },
    ];
    let expected = [
        "invalid solver option: `tolerance` must be a number ≥ 0",
        "the Jacobian is singular or ill-conditioned at iteration 2 (reciprocal condition number 0)",
        "the gradient is NaN or infinite at iteration 0",
        "no trial step decreased the function at iteration 4 (residual norm 0.5, trust radius 0.25): it is not smooth there",
        "‖F‖ stalls at a nonzero local minimum, not a root, at iteration 7 (residual norm 2)",
        "the function has no minimum: f keeps decreasing towards infinity (f = -20 at ‖x‖∞ = 1000000000 after 30 iterations)",
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
    assert_eq!(options.max_iterations, 2000);
    assert_eq!(options.tolerance, f64::EPSILON);
    assert_relative_eq!(options.step_tolerance, f64::EPSILON.sqrt());
    assert_eq!(options.sufficient_decrease, 1e-4);
    assert_eq!(options.decrease_tolerance, f64::EPSILON);
    assert_eq!(options.initial_radius, 100.0);
    assert_relative_eq!(options.unbounded_distance, 1.0 / f64::EPSILON.sqrt());
    let options = Options::<f32>::default();
    assert_eq!(options.tolerance, f32::EPSILON);
}

/// Seeded uniform numbers in [−1, 1) (a 64-bit linear congruential generator).
struct Uniform(u64);

impl Uniform {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// Every `Ok` from `minimize` must be a local minimum: a vanishing gradient
/// and no negative curvature (checked against the Hessian at the answer).
fn check_ok_only_at_minima<const N: usize>(
    f: impl Fn(SVector<monodual::HyperDual<f64, N>, N>) -> monodual::HyperDual<f64, N> + Copy,
    radius: f64,
    seed: u64,
) -> (usize, usize)
where
    nalgebra::Const<N>: monodual::Packed,
{
    let mut uniform = Uniform(seed);
    let (mut ok, mut err) = (0, 0);
    for _ in 0..200 {
        let x0 = SVector::<f64, N>::from_fn(|_, _| radius * uniform.next());
        match newton::minimize(f, x0, &Options::default()) {
            Ok(min) => {
                ok += 1;
                let (value, gradient, hessian) = monodual::hessian(f, min.x);
                let (eigenvalues, _) = monodual::curvature::spectrum(f, min.x);
                let largest = eigenvalues.amax();
                assert!(
                    eigenvalues.min() >= -1e-7 * largest,
                    "Ok at {:?} with eigenvalues {eigenvalues:?}",
                    min.x
                );
                // ∇f ≈ 0 relative to the curvature: the Newton step is tiny
                let newton_step = hessian
                    .try_inverse()
                    .map_or(0.0, |inverse| (inverse * gradient).norm());
                assert!(
                    newton_step <= 1e-6 * (1.0 + min.x.norm()),
                    "Ok at {:?}, f = {value}, with Newton step {newton_step:e}",
                    min.x
                );
            }
            Err(_) => err += 1,
        }
    }
    (ok, err)
}

#[test]
fn minimize_returns_ok_only_at_local_minima_from_random_starts() {
    // Himmelblau: four minima, a maximum, four saddles
    let (ok, err) = check_ok_only_at_minima(|x| himmelblau(&x), 6.0, 1);
    assert_eq!((ok, err), (200, 0));
    // the six-hump camel: six minima, saddles and maxima between
    fn camel<S: Scalar>(x: &SVector<S, 2>) -> S {
        let (u, v) = (x[0], x[1]);
        (-(u * u) * 2.1 + u.powi(4) / 3.0 + 4.0) * u * u + u * v + (v * v * 4.0 - 4.0) * v * v
    }
    let (ok, err) = check_ok_only_at_minima(|x| camel(&x), 2.5, 2);
    assert_eq!((ok, err), (200, 0));
    // a quartic well in 3-D with a saddle-rich coupling
    fn wells<S: Scalar>(x: &SVector<S, 3>) -> S {
        x.iter()
            .fold(S::zero(), |sum, &t| sum + (t * t - 1.0).powi(2))
            + x[0] * x[1] * x[2] * 0.3
    }
    let (ok, err) = check_ok_only_at_minima(|x| wells(&x), 2.0, 3);
    assert_eq!((ok, err), (200, 0));
    // Rosenbrock in 4-D, from far and near
    fn rosenbrock4<S: Scalar>(x: &SVector<S, 4>) -> S {
        (0..3).fold(S::zero(), |sum, i| {
            sum + (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2)
        })
    }
    let (ok, err) = check_ok_only_at_minima(|x| rosenbrock4(&x), 5.0, 4);
    println!("Rosenbrock 4-D from 200 random starts: {ok} Ok, {err} Err");
    assert_eq!((ok, err), (200, 0));
}

#[test]
fn zero_unknowns() {
    let x0 = SVector::<f64, 0>::zeros();
    let min = newton::minimize(
        |_| monodual::HyperDual::constant(3.0),
        x0,
        &Options::default(),
    )
    .unwrap();
    assert_eq!((min.value, min.iterations), (3.0, 0));
    let root = newton::solve(|x| x, x0, &Options::default()).unwrap();
    assert_eq!((root.residual_norm, root.iterations), (0.0, 0));
}

#[test]
fn an_ill_conditioned_positive_definite_hessian_is_used_as_it_is() {
    // Curvature 2 along x + y and 2·10⁻¹² along x − y, far from the origin,
    // with a quartic term so that Newton needs more than one step. Flooring
    // the small eigenvalue at √ε·max|λ| would shrink the Newton step along
    // x − y by 10⁴ and make it look negligible next to ‖x‖ ≈ 1.4·10⁶.
    fn valley<S: Scalar>(x: &SVector<S, 2>) -> S {
        let along = x[0] + x[1] - 2e6;
        let across = x[0] - x[1] - 1.0;
        along * along + along.powi(4) + across * across * 1e-12
    }
    let x0 = Vector2::new(1e6 + 3.0, 1e6 + 1.0);
    let min = newton::minimize(|x| valley(&x), x0, &Options::default()).unwrap();
    // x to 1e-14 relative; f is then at the rounding of x + y − 2·10⁶ squared
    assert!(
        (min.x - Vector2::new(1e6 + 0.5, 1e6 - 0.5)).amax() < 1e-7,
        "{:?}",
        min.x
    );
    assert!(min.value < 1e-15, "f = {:e}", min.value);
}

#[test]
fn no_minimum_is_reported_where_f_only_approaches_its_infimum() {
    // e⁻ˣ has no minimizer. Near x = 37 its gradient is below ε, the old
    // absolute test's threshold; the relative tests see that the Newton step
    // (1) is not small next to x, and that the model still predicts half of f.
    fn decay<S: Scalar>(x: &SVector<S, 1>) -> S {
        (-x[0]).exp()
    }
    let short = Options {
        max_iterations: 100,
        ..Options::default()
    };
    let error = newton::minimize(|x| decay(&x), Vector1::new(1.0), &short).unwrap_err();
    assert!(
        matches!(
            error,
            SolveError::NoConvergence {
                iterations: 100,
                ..
            }
        ),
        "{error:?}"
    );
    // with the default budget, e⁻ˣ underflows to 0 at x = 746: f, ∇f and H
    // vanish exactly, and f stays flat along the last step out to the
    // probe's reach: the iterates were running off to infinity
    let error =
        newton::minimize(|x| decay(&x), Vector1::new(1.0), &Options::default()).unwrap_err();
    assert!(matches!(error, SolveError::Unbounded { .. }), "{error:?}");
    // the same function in other units of x and of f
    let scaled = newton::minimize(
        |x| decay(&x.map(|v| v * 1e-3)) * 1e8,
        Vector1::new(1e3),
        &short,
    );
    assert!(scaled.is_err(), "{scaled:?}");
}

#[test]
fn a_plateau_where_an_exponential_underflowed_is_not_a_minimum() {
    // A Gaussian bump fitted far from its data: e^(−x²) = 0 exactly for
    // |x| > 27, so f is constant there with ∇f = 0 and H = 0.
    fn bump<S: Scalar>(x: &SVector<S, 1>) -> S {
        ((-(x[0] * x[0])).exp() - 0.5).powi(2)
    }
    let error =
        newton::minimize(|x| bump(&x), Vector1::new(30.0), &Options::default()).unwrap_err();
    assert!(
        matches!(error, SolveError::NoProgress { iteration: 0, .. }),
        "{error:?}"
    );
    // from a start where the bump is visible, the minimum e^(−x²) = ½
    let min = newton::minimize(|x| bump(&x), Vector1::new(1.5), &Options::default()).unwrap();
    assert_relative_eq!(min.x[0].abs(), 2f64.ln().sqrt(), max_relative = 1e-10);
}

#[test]
fn minimize_meyer_from_ten_times_its_start() {
    // A long, nearly flat curved valley: about 960 Newton steps, beyond the
    // old default budget of 500 iterations.
    let min = newton::minimize(
        |x| meyer(&x),
        SVector::<f64, 3>::new(0.2, 40000.0, 2500.0),
        &Options::default(),
    )
    .unwrap();
    println!(
        "Meyer from 10·x₀: {} iterations, f = {}",
        min.iterations, min.value
    );
    assert!(min.iterations > 500);
    assert_relative_eq!(min.value, 87.945_855_170_4, max_relative = 1e-9);
}

/// Chebyquad (Moré, Garbow and Hillstrom's problem 35): the mean of the
/// Chebyshev polynomials Tᵢ(2xⱼ − 1) over the unknowns, minus their
/// integral over [0, 1].
fn chebyquad<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    SVector::from_fn(|i, _| {
        let order = i + 1;
        let mean = (0..N).fold(S::zero(), |sum, j| {
            // T₀ = 1, T₁ = y, Tₖ₊₁ = 2yTₖ − Tₖ₋₁
            let y = x[j] * 2.0 - 1.0;
            let (mut previous, mut current) = (S::one(), y);
            for _ in 1..order {
                let next = y * current * 2.0 - previous;
                previous = current;
                current = next;
            }
            sum + current
        }) / N as f64;
        let integral = if order % 2 == 1 {
            0.0
        } else {
            -1.0 / ((order * order) as f64 - 1.0)
        };
        mean - integral
    })
}

#[test]
fn slow_progress_alone_is_not_a_residual_minimum() {
    // From 10 times the standard start, ‖F‖ ≈ 5·10¹² falls by less than
    // 0.1 % per step for many steps while the trust region doubles each
    // time: the region, not a minimum of ‖F‖, limits the progress, and F is
    // far from orthogonal to the columns of J. That was reported as
    // ResidualMinimum at ‖F‖² ≈ 2·10²⁵.
    let x0 = SVector::<f64, 9>::from_fn(|j, _| 10.0 * (j + 1) as f64 / 10.0);
    let start = chebyquad(&x0).norm();
    match newton::solve(|x| chebyquad(&x), x0, &Options::default()) {
        Err(SolveError::ResidualMinimum { residual, .. }) => {
            panic!("a residual minimum claimed at ‖F‖ = {residual:e}")
        }
        Err(SolveError::NoConvergence { residual, .. }) => {
            println!("Chebyquad n = 9 from 10·x₀: ‖F‖ {start:e} → {residual:e}");
            assert!(residual < start * 1e-6);
        }
        other => println!("Chebyquad n = 9 from 10·x₀: {other:?}"),
    }
}
