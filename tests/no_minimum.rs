//! `newton::minimize` returns `Ok` only at a local minimum. Functions that
//! approach their infimum only at infinity (logistic regression on separable
//! data, `e⁻ˣ`, `Σ 1/(1 + xᵢ²)`, `−atan x`) are errors from every start,
//! while genuine minima, flat and singular ones included (`Σ xᵢ⁴`, Powell's
//! singular function), stay `Ok` from every start.

use monodual::newton::{self, Minimum, Options, SolveError};
use monodual::{Packed, Scalar};
use nalgebra::{Const, SVector};

/// A small deterministic generator (xorshift64*), uniform in `[-1, 1)`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        (bits as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }

    fn vector<const N: usize>(&mut self, half_width: f64) -> SVector<f64, N> {
        SVector::<f64, N>::from_fn(|_, _| half_width * self.next())
    }
}

fn describe<const N: usize>(result: &Result<Minimum<f64, N>, SolveError>) -> String {
    match result {
        Ok(min) => format!(
            "Ok at x = {:?}, f = {:e}, ‖∇f‖ = {:e}, {} iterations",
            min.x.as_slice(),
            min.value,
            min.gradient_norm,
            min.iterations
        ),
        Err(error) => format!("Err: {error}"),
    }
}

/// Minimizes `f` from `starts` random points in `[-width, width]ᴺ` and
/// returns the results that are `Ok`, printed.
fn ok_runs<F, const N: usize>(f: F, rng: &mut Rng, starts: usize, width: f64) -> Vec<String>
where
    Const<N>: Packed,
    F: Fn(SVector<monodual::HyperDual<f64, N>, N>) -> monodual::HyperDual<f64, N> + Copy,
{
    let mut found = Vec::new();
    for _ in 0..starts {
        let x0 = rng.vector::<N>(width);
        let result = newton::minimize(f, x0, &Options::default());
        if result.is_ok() {
            found.push(format!("from {:?}: {}", x0.as_slice(), describe(&result)));
        }
    }
    found
}

const POINTS: usize = 12;

/// Features `a` (last component 1, the intercept) and labels `y = ±1`
/// separated by a random hyperplane `wᵀa = 0`.
fn separable_data<const N: usize>(rng: &mut Rng) -> [(SVector<f64, N>, f64); POINTS] {
    let w = rng.vector::<N>(1.0);
    core::array::from_fn(|_| {
        let mut a = rng.vector::<N>(2.0);
        a[N - 1] = 1.0;
        let label = if w.dot(&a) > 0.0 { 1.0 } else { -1.0 };
        (a, label)
    })
}

/// How the loss `ln(1 + e⁻ᵐ)` of one margin `m` is written.
#[derive(Clone, Copy, Debug)]
enum Softplus {
    /// `ln(1 + exp(−m))`, as written in a textbook.
    Plain,
    /// `ln_1p(exp(−m))`, accurate for large `m`.
    Ln1p,
    /// `max(−m, 0) + ln_1p(exp(−|m|))`, which never overflows.
    Stable,
}

/// `Σᵢ ln(1 + exp(−yᵢ aᵢᵀx))`.
fn logistic_loss<S: Scalar, const N: usize>(
    x: &SVector<S, N>,
    data: &[(SVector<f64, N>, f64)],
    form: Softplus,
) -> S {
    data.iter().fold(S::zero(), |sum, (a, y)| {
        let margin = (0..N).fold(S::zero(), |m, j| m + x[j] * (a[j] * y));
        sum + match form {
            Softplus::Plain => (S::one() + (-margin).exp()).ln(),
            Softplus::Ln1p => (-margin).exp().ln_1p(),
            Softplus::Stable => (-margin).max(S::zero()) + (-margin.abs()).exp().ln_1p(),
        }
    })
}

/// Logistic regression on `data_sets` separable data sets, from 3 random
/// starts each, in every form of the loss: the `Ok` results.
fn logistic_ok_runs<const N: usize>(rng: &mut Rng, data_sets: usize) -> Vec<String>
where
    Const<N>: Packed,
{
    let mut found = Vec::new();
    for _ in 0..data_sets {
        let data = separable_data::<N>(rng);
        for form in [Softplus::Plain, Softplus::Ln1p, Softplus::Stable] {
            let loss = |x: SVector<monodual::HyperDual<f64, N>, N>| logistic_loss(&x, &data, form);
            for run in ok_runs(loss, rng, 3, 3.0) {
                found.push(format!("N = {N}, {form:?}, {run}"));
            }
        }
    }
    found
}

#[test]
fn separable_logistic_regression_has_no_minimum() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut found = logistic_ok_runs::<2>(&mut rng, 24);
    found.extend(logistic_ok_runs::<3>(&mut rng, 16));
    found.extend(logistic_ok_runs::<4>(&mut rng, 4));
    for run in &found {
        println!("{run}");
    }
    assert!(found.is_empty(), "{} runs returned Ok", found.len());
}

#[test]
fn the_error_says_the_function_has_no_minimum() {
    // one data set, traced: the loss is driven to 0 as ‖x‖ grows
    let mut rng = Rng(7);
    let data = separable_data::<2>(&mut rng);
    let loss =
        |x: SVector<monodual::HyperDual<f64, 2>, 2>| logistic_loss(&x, &data, Softplus::Ln1p);
    let error = newton::minimize(loss, SVector::zeros(), &Options::default()).unwrap_err();
    println!("{error}");
    assert!(
        matches!(
            error,
            SolveError::Unbounded { .. } | SolveError::NoProgress { .. }
        ),
        "{error:?}"
    );
    let error = newton::minimize(
        |x| (-x[0]).exp(),
        SVector::<f64, 1>::zeros(),
        &Options::default(),
    )
    .unwrap_err();
    println!("{error}");
    assert!(error.to_string().contains("no minimum"), "{error}");
}

#[test]
fn asymptotically_flat_functions_have_no_minimum() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut found = Vec::new();
    // e⁻ˣ and its sums: the infimum 0 only at infinity
    found.extend(ok_runs(
        |x: SVector<_, 1>| (-x[0]).exp(),
        &mut rng,
        20,
        10.0,
    ));
    found.extend(ok_runs(
        |x: SVector<_, 3>| (-x[0]).exp() + (-x[1] * 2.0).exp() + (x[2] * 0.5).exp(),
        &mut rng,
        20,
        10.0,
    ));
    // flat in one direction, a genuine minimum in the other
    found.extend(ok_runs(
        |x: SVector<_, 2>| (-x[0]).exp() + (x[1] - 1.0).powi(2),
        &mut rng,
        20,
        10.0,
    ));
    // softplus: ln(1 + e⁻ˣ)
    found.extend(ok_runs(
        |x: SVector<_, 1>| (-x[0]).exp().ln_1p(),
        &mut rng,
        20,
        10.0,
    ));
    // Σ 1/(1 + xᵢ²): a maximum at 0, the infimum 0 at infinity
    found.extend(ok_runs(
        |x: SVector<_, 3>| {
            x.iter()
                .fold(x[0] * 0.0, |s, &xi| s + (xi * xi + 1.0).recip())
        },
        &mut rng,
        20,
        3.0,
    ));
    // 1/(1 + ‖x‖²)
    found.extend(ok_runs(
        |x: SVector<_, 2>| (x[0] * x[0] + x[1] * x[1] + 1.0).recip(),
        &mut rng,
        20,
        3.0,
    ));
    // −atan x + y²: bounded below by −π/2, approached only at infinity
    found.extend(ok_runs(
        |x: SVector<_, 2>| -x[0].atan() + x[1] * x[1],
        &mut rng,
        20,
        3.0,
    ));
    for run in &found {
        println!("{run}");
    }
    assert!(found.is_empty(), "{} runs returned Ok", found.len());
}

/// Minimizes `f` from `starts` random points and checks that every run
/// returns `Ok` within `distance` of a minimizer `at(x)` picks.
fn assert_always_found<F, const N: usize>(
    f: F,
    minimizer: impl Fn(&SVector<f64, N>) -> SVector<f64, N>,
    distance: f64,
    rng: &mut Rng,
    (starts, width): (usize, f64),
) where
    Const<N>: Packed,
    F: Fn(SVector<monodual::HyperDual<f64, N>, N>) -> monodual::HyperDual<f64, N> + Copy,
{
    for _ in 0..starts {
        let x0 = rng.vector::<N>(width);
        let result = newton::minimize(f, x0, &Options::default());
        let min = result.unwrap_or_else(|e| panic!("from {:?}: {e}", x0.as_slice()));
        let error = (min.x - minimizer(&min.x)).amax();
        assert!(
            error <= distance,
            "from {:?}: {}",
            x0.as_slice(),
            describe(&Ok(min))
        );
    }
}

#[test]
fn flat_and_singular_minima_stay_ok() {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let origin = |_: &SVector<f64, 4>| SVector::<f64, 4>::zeros();
    // Σ xᵢ⁴: f ≈ x⁴, a minimizer of order 4, approached linearly
    assert_always_found(
        |x: SVector<_, 4>| x.iter().fold(x[0] * 0.0, |s, &xi| s + xi.powi(4)),
        origin,
        1e-4,
        &mut rng,
        (50, 3.0),
    );
    // (x − 3)⁴ + (y + 1)⁴: the same away from the origin
    assert_always_found(
        |x: SVector<_, 2>| (x[0] - 3.0).powi(4) + (x[1] + 1.0).powi(4),
        |_| SVector::<f64, 2>::new(3.0, -1.0),
        1e-4,
        &mut rng,
        (50, 3.0),
    );
    // x² + y⁶: nondegenerate in one unknown, of order 6 in the other
    assert_always_found(
        |x: SVector<_, 2>| x[0] * x[0] + x[1].powi(6),
        |_| SVector::<f64, 2>::zeros(),
        1e-2,
        &mut rng,
        (50, 3.0),
    );
    // Powell's singular function: a singular Hessian at the minimizer 0
    assert_always_found(
        |x: SVector<_, 4>| {
            (x[0] + x[1] * 10.0).powi(2)
                + (x[2] - x[3]).powi(2) * 5.0
                + (x[1] - x[2] * 2.0).powi(4)
                + (x[0] - x[3]).powi(4) * 10.0
        },
        origin,
        1e-3,
        &mut rng,
        (50, 3.0),
    );
    // (x·y − 1)²: a whole curve of minimizers, none isolated
    assert_always_found(
        |x: SVector<_, 2>| (x[0] * x[1] - 1.0).powi(2),
        |x| SVector::<f64, 2>::new(x[0], 1.0 / x[0]),
        1e-6,
        &mut rng,
        (50, 3.0),
    );
    // a minimum beyond which f falls towards infinity: x² e⁻ˣ has a local
    // minimum at 0, a maximum at 2, and tends to 0 as x → ∞
    assert_always_found(
        |x: SVector<_, 1>| x[0] * x[0] * (-x[0]).exp(),
        |_| SVector::<f64, 1>::zeros(),
        1e-6,
        &mut rng,
        (50, 0.5),
    );
}
