//! Every critical point of Himmelblau's function
//! f(x, y) = (x² + y − 11)² + (x + y² − 7)², found and classified.
//!
//! Newton's method on ∇f = 0 (whose Jacobian, by Dual numbers nested in Dual
//! numbers, is the Hessian) runs from a grid of starts; the distinct roots
//! are classified by the eigenvalues of the HyperDual Hessian with
//! `curvature::classify` and `curvature::spectrum`.
//!
//! Checked against an independent computation: the gradient and Hessian
//! written out by hand, classified by the signs of det H and tr H. Expected:
//! 4 minima (f = 0), 1 maximum near (−0.270845, −0.923039) and 4 saddles.
//! Exits non-zero if a check fails.
//!
//! Run with `cargo run --release --example critical_points`.

use monodual::Scalar;
use monodual::curvature::{CriticalPoint, classify, condition_number, spectrum};
use monodual::newton::{self, Options};
use nalgebra::{Matrix2, SVector, Vector2};
use std::process::ExitCode;

fn himmelblau<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[0] * x[0] + x[1] - 11.0).powi(2) + (x[0] + x[1] * x[1] - 7.0).powi(2)
}

/// ∇f by hand: (4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y(x + y² − 7)).
fn gradient_by_hand(v: &Vector2<f64>) -> Vector2<f64> {
    let (x, y) = (v[0], v[1]);
    let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
    Vector2::new(4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b)
}

/// ∇²f by hand: [[12x² + 4y − 42, 4(x + y)], [4(x + y), 12y² + 4x − 26]].
fn hessian_by_hand(v: &Vector2<f64>) -> Matrix2<f64> {
    let (x, y) = (v[0], v[1]);
    let off = 4.0 * (x + y);
    Matrix2::new(
        12.0 * x * x + 4.0 * y - 42.0,
        off,
        off,
        12.0 * y * y + 4.0 * x - 26.0,
    )
}

/// A 2×2 symmetric matrix's definiteness from det and trace alone.
fn classify_by_hand(h: &Matrix2<f64>) -> CriticalPoint {
    let (det, trace) = (h.determinant(), h.trace());
    if det < 0.0 {
        CriticalPoint::Saddle
    } else if det > 0.0 && trace > 0.0 {
        CriticalPoint::Minimum
    } else if det > 0.0 && trace < 0.0 {
        CriticalPoint::Maximum
    } else {
        CriticalPoint::Degenerate
    }
}

fn main() -> ExitCode {
    // Newton from a 9×9 grid over [−5, 5]², keeping distinct roots
    let mut found = [Vector2::<f64>::zeros(); 16];
    let mut count = 0;
    let mut failed_starts = 0;
    for i in 0..9 {
        for j in 0..9 {
            let start = Vector2::new(-5.0 + 1.25 * f64::from(i), -5.0 + 1.25 * f64::from(j));
            let result = newton::solve(
                |x| monodual::gradient(|y| himmelblau(&y), x).1,
                start,
                &Options::default(),
            );
            let Ok(root) = result else {
                failed_starts += 1;
                continue;
            };
            let new = found[..count].iter().all(|p| (p - root.x).norm() > 1e-6);
            if new && count < found.len() {
                found[count] = root.x;
                count += 1;
            }
        }
    }
    // sort by kind then x for a stable table
    found[..count].sort_by(|a, b| {
        let kind = |p: &Vector2<f64>| classify(|x| himmelblau(&x), *p) as u8;
        kind(a).cmp(&kind(b)).then(a[0].total_cmp(&b[0]))
    });
    println!("{count} critical points from 81 starts ({failed_starts} starts failed to converge)");
    println!(
        "{:>22} {:>22} {:>11} {:>10} {:>10} {:>11} {:>10}",
        "x", "y", "f", "lambda_1", "lambda_2", "kind", "by hand"
    );

    let mut kinds = [0; 4];
    let mut all_agree = true;
    let mut largest_gradient = 0.0f64;
    for p in &found[..count] {
        let kind = classify(|x| himmelblau(&x), *p);
        let (eigenvalues, _) = spectrum(|x| himmelblau(&x), *p);
        let by_hand = classify_by_hand(&hessian_by_hand(p));
        let (ad_hessian_matches, gradient) = {
            let (_, _, h) = monodual::hessian(|x| himmelblau(&x), *p);
            let scale = h.norm();
            (
                (h - hessian_by_hand(p)).norm() <= 1e-14 * scale,
                gradient_by_hand(p),
            )
        };
        all_agree &= kind == by_hand && ad_hessian_matches;
        largest_gradient = largest_gradient.max(gradient.norm());
        kinds[kind as usize] += 1;
        println!(
            "{:>22.16} {:>22.16} {:>11.6} {:>10.4} {:>10.4} {:>11} {:>10}",
            p[0],
            p[1],
            himmelblau(p),
            eigenvalues[0],
            eigenvalues[1],
            format!("{kind:?}"),
            format!("{by_hand:?}")
        );
    }
    let maximum = found[..count]
        .iter()
        .find(|p| classify(|x| himmelblau(&x), **p) == CriticalPoint::Maximum);
    if let Some(m) = maximum {
        println!(
            "Hessian condition number at the maximum: {:.4}",
            condition_number(|x| himmelblau(&x), *m)
        );
    }

    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        println!("check: {what}: {}", if ok { "ok" } else { "FAILED" });
        failures += usize::from(!ok);
    };
    check(count == 9, "nine distinct critical points");
    check(
        kinds == [4, 1, 4, 0],
        "4 minima, 1 maximum, 4 saddles, none degenerate",
    );
    check(
        largest_gradient < 1e-12,
        "the hand-written gradient vanishes at each point (< 1e-12)",
    );
    check(
        all_agree,
        "AD Hessian equals the hand-written one; kinds agree with det/trace",
    );
    check(
        maximum.is_some_and(|m| (m - Vector2::new(-0.270_845, -0.923_039)).norm() < 1e-6),
        "the maximum is at (-0.270845, -0.923039)",
    );
    check(
        found[..count]
            .iter()
            .filter(|p| classify(|x| himmelblau(&x), **p) == CriticalPoint::Minimum)
            .all(|p| himmelblau(p) < 1e-25),
        "f = 0 at every minimum",
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
