//! Optimal Brain Damage and Optimal Brain Surgeon saliencies of a small
//! model's weights, from its exact Hessian.
//!
//! A polynomial model y ≈ Σ_q w_q t^q (five weights) is fitted by least
//! squares with `newton::minimize`. At the minimum the gradient vanishes, so
//! deleting weight q (setting w_q = 0) raises the loss by about
//!
//! ```text
//! OBD:  ½ H_qq w_q²             (the other weights kept)
//! OBS:  w_q² / (2 [H⁻¹]_qq)     (the other weights re-optimized)
//! ```
//!
//! with H the HyperDual Hessian of the loss. The loss is quadratic in the
//! weights, so both are exact here: they are checked against actually
//! deleting each weight (OBD) and deleting it and refitting the other four
//! with `newton::minimize` (OBS). Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example pruning`.

use monodual::Scalar;
use monodual::newton::{self, Options};
use nalgebra::{SVector, Vector4};
use std::process::ExitCode;

const WEIGHTS: usize = 5;
const POINTS: usize = 15;

/// (t, y) samples of 1 + 0.5 t − 2 t² + 0.05 t³ (no t⁴ term) with a small
/// deterministic wiggle, on [−1, 1.8].
fn data() -> [(f64, f64); POINTS] {
    core::array::from_fn(|i| {
        let t = -1.0 + 0.2 * i as f64;
        let y = 1.0 + 0.5 * t - 2.0 * t * t + 0.05 * t * t * t;
        (t, y + 0.02 * (5.1 * i as f64).sin())
    })
}

/// L(w) = ½ Σᵢ (yᵢ − Σ_q w_q tᵢ^q)².
fn loss<S: Scalar>(w: &SVector<S, WEIGHTS>) -> S {
    let mut sum = S::zero();
    for (t, y) in data() {
        let mut prediction = S::zero();
        for (q, weight) in w.iter().enumerate() {
            prediction += *weight * t.powi(q as i32);
        }
        sum += (-prediction + y).powi(2) * 0.5;
    }
    sum
}

/// The weights with weight `q` deleted and the other four given by `rest`.
fn with_deleted<S: Scalar>(rest: &SVector<S, 4>, q: usize) -> SVector<S, WEIGHTS> {
    SVector::from_fn(|i, _| match i.cmp(&q) {
        core::cmp::Ordering::Less => rest[i],
        core::cmp::Ordering::Equal => S::zero(),
        core::cmp::Ordering::Greater => rest[i - 1],
    })
}

fn main() -> ExitCode {
    let result = newton::minimize(|w| loss(&w), SVector::zeros(), &Options::default());
    let Ok(fit) = result else {
        println!("the fit failed: {}", result.unwrap_err());
        return ExitCode::FAILURE;
    };
    let w = fit.x;
    let (_, _, hessian) = monodual::hessian(|w| loss(&w), w);
    let Some(inverse) = hessian.try_inverse() else {
        println!("singular Hessian");
        return ExitCode::FAILURE;
    };
    println!(
        "fitted weights w = {:?}, loss {:.6e}, {} Newton steps",
        w.as_slice(),
        fit.value,
        fit.iterations
    );
    println!(
        "{:>2} {:>10} {:>12} {:>12} {:>12} {:>12}",
        "q", "w_q", "OBD", "delete w_q", "OBS", "delete+refit"
    );

    let mut worst = 0.0f64;
    let (mut obd_first, mut obs_first) = ((0, f64::INFINITY), (0, f64::INFINITY));
    for q in 0..WEIGHTS {
        let obd = 0.5 * hessian[(q, q)] * w[q] * w[q];
        let obs = w[q] * w[q] / (2.0 * inverse[(q, q)]);

        // delete w_q, others kept
        let mut deleted = w;
        deleted[q] = 0.0;
        let increase_kept = loss(&deleted) - fit.value;

        // delete w_q and refit the other four
        let rest = Vector4::from_fn(|i, _| if i < q { w[i] } else { w[i + 1] });
        let result = newton::minimize(|r| loss(&with_deleted(&r, q)), rest, &Options::default());
        let Ok(refit) = result else {
            println!("refit without w_{q} failed: {}", result.unwrap_err());
            return ExitCode::FAILURE;
        };
        let increase_refit = refit.value - fit.value;

        worst = worst
            .max((obd - increase_kept).abs() / increase_kept)
            .max((obs - increase_refit).abs() / increase_refit);
        if obd < obd_first.1 {
            obd_first = (q, obd);
        }
        if obs < obs_first.1 {
            obs_first = (q, obs);
        }
        println!(
            "{q:>2} {:>10.5} {:>12.5e} {:>12.5e} {:>12.5e} {:>12.5e}",
            w[q], obd, increase_kept, obs, increase_refit
        );
    }
    println!(
        "prune first: OBD says w_{} (t^{}), OBS says w_{} (t^{})",
        obd_first.0, obd_first.0, obs_first.0, obs_first.0
    );
    println!("largest relative difference from actually deleting: {worst:.2e}");

    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };
    check(
        worst < 1e-10,
        "OBD and OBS equal the loss increase of deleting (and refitting), 1e-10",
    );
    check(
        obs_first.0 == 4,
        "OBS prunes the t^4 weight, which the data do not need",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
