//! Curvature analysis: every critical point of Himmelblau's function
//! classified, eigen-decompositions against nalgebra's and closed forms,
//! condition numbers and degenerate cases.

use approx::assert_relative_eq;
use monodual::Scalar;
use monodual::curvature::{
    CriticalPoint, classify, classify_with_tolerance, condition_number, spectrum,
};
use monodual::newton::{self, Options, SolveError};
use nalgebra::{SMatrix, SVector, Vector1, Vector2, Vector3};

fn himmelblau<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[0] * x[0] + x[1] - 11.0).powi(2) + (x[0] + x[1] * x[1] - 7.0).powi(2)
}

/// Himmelblau's nine critical points to about six digits, with their kinds.
const HIMMELBLAU_CRITICAL_POINTS: [([f64; 2], CriticalPoint); 9] = [
    ([3.0, 2.0], CriticalPoint::Minimum),
    ([-2.805118, 3.131312], CriticalPoint::Minimum),
    ([-3.779310, -3.283186], CriticalPoint::Minimum),
    ([3.584428, -1.848126], CriticalPoint::Minimum),
    ([-0.270845, -0.923039], CriticalPoint::Maximum),
    ([0.086678, 2.884255], CriticalPoint::Saddle),
    ([-3.073026, -0.081353], CriticalPoint::Saddle),
    ([3.385154, 0.073852], CriticalPoint::Saddle),
    ([-0.127961, -1.953715], CriticalPoint::Saddle),
];

/// A small deterministic generator (xorshift64*) for reproducible inputs.
struct Random(u64);

impl Random {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        bits as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    fn symmetric<const N: usize>(&mut self) -> SMatrix<f64, N, N> {
        let a = SMatrix::<f64, N, N>::from_fn(|_, _| self.uniform());
        a + a.transpose()
    }
}

/// `½ xᵀ A x`, whose Hessian is `A` everywhere.
fn quadratic_form<S: Scalar, const N: usize>(a: &SMatrix<f64, N, N>, x: &SVector<S, N>) -> S {
    let mut sum = S::zero();
    for i in 0..N {
        for j in 0..N {
            sum += x[i] * x[j] * (0.5 * a[(i, j)]);
        }
    }
    sum
}

#[test]
fn every_critical_point_of_himmelblau() {
    let mut counts = [0; 4];
    let mut found = [Vector2::<f64>::zeros(); 9];
    for (k, (approximate, kind)) in HIMMELBLAU_CRITICAL_POINTS.iter().enumerate() {
        // start nearby and solve ∇f = 0; the Jacobian of the gradient (Dual
        // numbers nested in the solver's Dual numbers) is the Hessian
        let start = Vector2::from(*approximate) + Vector2::new(0.05, -0.05);
        let root = newton::solve(
            |x| monodual::gradient(|y| himmelblau(&y), x).1,
            start,
            &Options::default(),
        )
        .unwrap();
        assert_relative_eq!(root.x, Vector2::from(*approximate), epsilon = 1e-6);
        let (_, gradient) = monodual::gradient(|x| himmelblau(&x), root.x);
        assert!(gradient.norm() < 1e-12, "{gradient} at {}", root.x);

        let classified = classify(|x| himmelblau(&x), root.x);
        assert_eq!(classified, *kind, "at {}", root.x);
        counts[classified as usize] += 1;
        found[k] = root.x;

        // the kind agrees with the eigenvalues
        let (eigenvalues, _) = spectrum(|x| himmelblau(&x), root.x);
        match kind {
            CriticalPoint::Minimum => assert!(eigenvalues[0] > 1.0),
            CriticalPoint::Maximum => assert!(eigenvalues[1] < -1.0),
            CriticalPoint::Saddle => assert!(eigenvalues[0] < -1.0 && eigenvalues[1] > 1.0),
            CriticalPoint::Degenerate => unreachable!(),
        }
    }
    assert_eq!(counts, [4, 1, 4, 0], "4 minima, 1 maximum, 4 saddles");
    // nine distinct points
    for i in 0..9 {
        for j in 0..i {
            assert!((found[i] - found[j]).norm() > 0.1);
        }
    }
}

#[test]
fn the_maximum_of_himmelblau() {
    let root = newton::solve(
        |x| monodual::gradient(|y| himmelblau(&y), x).1,
        Vector2::new(-0.3, -0.9),
        &Options::default(),
    )
    .unwrap();
    assert_relative_eq!(root.x, Vector2::new(-0.270_845, -0.923_039), epsilon = 1e-6);
    assert_eq!(classify(|x| himmelblau(&x), root.x), CriticalPoint::Maximum);
    // f ≈ 181.617
    assert_relative_eq!(himmelblau(&root.x), 181.617, epsilon = 1e-3);
}

#[test]
fn spectrum_matches_nalgebra_on_random_symmetric_matrices() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..50 {
        let a = random.symmetric::<6>();
        let x = SVector::<f64, 6>::from_fn(|_, _| random.uniform());
        let (values, vectors) = spectrum(|x| quadratic_form(&a, &x), x);

        let mut expected: [f64; 6] = a.symmetric_eigenvalues().into();
        expected.sort_by(f64::total_cmp);
        assert_relative_eq!(values, SVector::from(expected), epsilon = 1e-12);
        // ascending
        assert!(
            values
                .iter()
                .zip(values.iter().skip(1))
                .all(|(a, b)| a <= b)
        );
        // orthonormal eigenvectors that reconstruct A
        assert_relative_eq!(
            vectors.transpose() * vectors,
            SMatrix::<f64, 6, 6>::identity(),
            epsilon = 1e-13
        );
        let rebuilt = vectors * SMatrix::from_diagonal(&values) * vectors.transpose();
        assert_relative_eq!(rebuilt, a, epsilon = 1e-13);
    }
}

#[test]
fn spectrum_with_repeated_and_zero_eigenvalues() {
    // the all-ones matrix: eigenvalues 0, 0, 3
    let ones = SMatrix::<f64, 3, 3>::repeat(1.0);
    let (values, vectors) = spectrum(|x| quadratic_form(&ones, &x), Vector3::new(0.1, 0.2, 0.3));
    assert_relative_eq!(values, Vector3::new(0.0, 0.0, 3.0), epsilon = 1e-15);
    let rebuilt = vectors * SMatrix::from_diagonal(&values) * vectors.transpose();
    assert_relative_eq!(rebuilt, ones, epsilon = 1e-14);
    // the eigenvector of 3 is (1, 1, 1)/√3 up to sign
    let top = vectors.column(2);
    assert_relative_eq!(
        top.dot(&Vector3::repeat(1.0)).abs(),
        3f64.sqrt(),
        epsilon = 1e-14
    );
}

#[test]
fn spectrum_keeps_tiny_eigenvalues_accurate() {
    // A = D B D with D = diag(10⁶, 1, 10⁻⁶) and B well conditioned: the
    // eigenvalues spread over twelve orders of magnitude. Jacobi finds each
    // to a relative accuracy set by B alone (Demmel–Veselić), so their
    // product is det A = det B = 0.5625 to many digits; an absolute error of
    // ε‖A‖ ≈ 10⁻⁴ in the smallest (≈ 10⁻¹²) would destroy it.
    let d = SMatrix::<f64, 3, 3>::from_diagonal(&Vector3::new(1e6, 1.0, 1e-6));
    let b = SMatrix::<f64, 3, 3>::new(1.0, 0.5, 0.25, 0.5, 1.0, 0.5, 0.25, 0.5, 1.0);
    let a = d * b * d;
    let (values, _) = spectrum(|x| quadratic_form(&a, &x), Vector3::<f64>::zeros());
    assert!(values[0] > 0.0 && values[0] < 1e-11, "{values}");
    assert_relative_eq!(values.product(), 0.5625, max_relative = 1e-12);

    // a diagonal matrix is already diagonal: exact, no rotation
    let diagonal = Vector3::new(1e12, 1.0, 1e-12);
    let d = SMatrix::from_diagonal(&diagonal);
    let (values, vectors) = spectrum(|x| quadratic_form(&d, &x), Vector3::<f64>::zeros());
    assert_eq!(values, Vector3::new(1e-12, 1.0, 1e12));
    assert_eq!(vectors.abs().sum(), 3.0);
}

#[test]
fn classify_simple_critical_points() {
    fn bowl<S: Scalar>(x: &SVector<S, 3>) -> S {
        x[0] * x[0] + x[1] * x[1] * 2.0 + x[2] * x[2] * 3.0 + x[0] * x[1]
    }
    fn cap<S: Scalar>(x: &SVector<S, 3>) -> S {
        -bowl(x)
    }
    fn saddle<S: Scalar>(x: &SVector<S, 3>) -> S {
        x[0] * x[0] + x[1] * x[1] - x[2] * x[2]
    }
    let origin = Vector3::<f64>::zeros();
    assert_eq!(classify(|x| bowl(&x), origin), CriticalPoint::Minimum);
    assert_eq!(classify(|x| cap(&x), origin), CriticalPoint::Maximum);
    assert_eq!(classify(|x| saddle(&x), origin), CriticalPoint::Saddle);
    // scaling f does not change the answer: the tolerance is relative
    assert_eq!(
        classify(|x| bowl(&x) * 1e-30, origin),
        CriticalPoint::Minimum
    );
    assert_eq!(classify(|x| cap(&x) * 1e30, origin), CriticalPoint::Maximum);
}

#[test]
fn classify_degenerate_points() {
    // x⁴ + y²: H = diag(0, 2) at the origin
    fn quartic_valley<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0].powi(4) + x[1] * x[1]
    }
    // x³ − 3xy² (monkey saddle): H = 0
    fn monkey<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0].powi(3) - x[0] * x[1] * x[1] * 3.0
    }
    // x² − y² + z⁴: a zero eigenvalue but both signs present: a saddle
    fn saddle_with_flat<S: Scalar>(x: &SVector<S, 3>) -> S {
        x[0] * x[0] - x[1] * x[1] + x[2].powi(4)
    }
    let origin = Vector2::<f64>::zeros();
    assert_eq!(
        classify(|x| quartic_valley(&x), origin),
        CriticalPoint::Degenerate
    );
    assert_eq!(classify(|x| monkey(&x), origin), CriticalPoint::Degenerate);
    assert_eq!(
        classify(|x| saddle_with_flat(&x), Vector3::<f64>::zeros()),
        CriticalPoint::Saddle
    );
    // NaN curvature cannot be classified
    assert_eq!(
        classify(|x| x[0].sqrt() * x[0], Vector1::new(-1.0)),
        CriticalPoint::Degenerate
    );
}

#[test]
fn classify_with_an_explicit_tolerance() {
    // eigenvalues 2 and 2·10⁻⁸
    fn flat<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0] * x[0] + x[1] * x[1] * 1e-8
    }
    let origin = Vector2::<f64>::zeros();
    // the default √ε ≈ 1.5·10⁻⁸ counts 10⁻⁸ (relative) as zero
    assert_eq!(classify(|x| flat(&x), origin), CriticalPoint::Degenerate);
    assert_eq!(
        classify_with_tolerance(|x| flat(&x), origin, 1e-10),
        Ok(CriticalPoint::Minimum)
    );
    assert_eq!(
        classify_with_tolerance(|x| -flat(&x), origin, 1e-10),
        Ok(CriticalPoint::Maximum)
    );
    assert_eq!(
        classify_with_tolerance(|x| flat(&x), origin, 0.5),
        Ok(CriticalPoint::Degenerate)
    );
    assert_eq!(
        classify_with_tolerance(|x| flat(&x), origin, 0.0),
        Ok(CriticalPoint::Minimum)
    );
    // a negative or NaN tolerance is rejected, not read as "nothing is zero"
    for bad in [-1e-10, f64::NAN] {
        let error = classify_with_tolerance(|x| flat(&x), origin, bad).unwrap_err();
        assert!(matches!(
            error,
            SolveError::InvalidOption {
                option: "tolerance",
                ..
            }
        ));
    }
}

/// A saddle with eigenvalues −3, 1 and 2 in rotated coordinates, times `c`.
fn scaled_saddle<S: Scalar>(x: &SVector<S, 3>, c: f64) -> S {
    let (u, v, w) = (
        x[0] * 0.6 + x[1] * 0.8,
        x[0] * -0.8 + x[1] * 0.6 + x[2] * 0.5,
        x[2] - x[0] * 0.25,
    );
    (u * u * -1.5 + v * v * 0.5 + w * w + u * v * 0.3) * c
}

#[test]
fn the_spectrum_scales_with_the_function_up_to_the_largest_floats() {
    let x = SVector::<f64, 3>::new(0.3, -0.2, 0.7);
    let (reference, reference_vectors) = spectrum(|x| scaled_saddle(&x, 1.0), x);
    assert!(reference[0] < 0.0 && reference[2] > 0.0);
    for c in [1e-300, 1e-160, 1e-20, 1e20, 1e154, 1e160, 1e200, 1e300] {
        let (values, vectors) = spectrum(|x| scaled_saddle(&x, c), x);
        for i in 0..3 {
            // spectrum(c·f) = c·spectrum(f), to the rounding of c·H
            assert_relative_eq!(values[i], reference[i] * c, max_relative = 1e-14);
            assert_relative_eq!(
                vectors.column(i).abs(),
                reference_vectors.column(i).abs(),
                epsilon = 1e-12
            );
        }
        assert_eq!(classify(|x| scaled_saddle(&x, c), x), CriticalPoint::Saddle);
        assert_relative_eq!(
            condition_number(|x| scaled_saddle(&x, c), x),
            condition_number(|x| scaled_saddle(&x, 1.0), x),
            max_relative = 1e-13
        );
    }
}

#[test]
fn the_1e160_saddle_is_a_saddle() {
    // H = diag(2·10¹⁶⁰, −2·10¹⁶⁰) rotated by 45°: every entry ~10¹⁶⁰, so
    // a_pp·a_qq overflows in an unscaled skip test
    fn saddle<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0] * x[1] * 2e160
    }
    let origin = Vector2::<f64>::zeros();
    assert_eq!(classify(|x| saddle(&x), origin), CriticalPoint::Saddle);
    let (values, _) = spectrum(|x| saddle(&x), origin);
    assert_relative_eq!(values, Vector2::new(-2e160, 2e160), max_relative = 1e-15);
    assert_relative_eq!(condition_number(|x| saddle(&x), origin), 1.0);
}

#[test]
fn condition_numbers() {
    fn valley<S: Scalar>(x: &SVector<S, 2>) -> S {
        x[0] * x[0] * 0.5 + x[1] * x[1] * 500.0
    }
    assert_relative_eq!(
        condition_number(|x| valley(&x), Vector2::<f64>::zeros()),
        1000.0,
        max_relative = 1e-15
    );
    // Rosenbrock at its minimum: H = [[802, −400], [−400, 200]]
    fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
        (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
    }
    let h = SMatrix::<f64, 2, 2>::new(802.0, -400.0, -400.0, 200.0);
    let (trace, det) = (h.trace(), h.determinant());
    let discriminant = (trace * trace / 4.0 - det).sqrt();
    let expected = (trace / 2.0 + discriminant) / (trace / 2.0 - discriminant);
    assert_relative_eq!(
        condition_number(|x| rosenbrock(&x), Vector2::new(1.0, 1.0)),
        expected,
        max_relative = 1e-10
    );
    // singular: infinite; NaN: NaN
    fn line<S: Scalar>(x: &SVector<S, 2>) -> S {
        (x[0] + x[1]).powi(2)
    }
    assert_eq!(
        condition_number(|x| line(&x), Vector2::<f64>::zeros()),
        f64::INFINITY
    );
    assert!(condition_number(|x| x[0].sqrt(), Vector1::new(-1.0_f64)).is_nan());
}

#[test]
fn spectrum_in_f32() {
    fn f<S: Scalar<f32>>(x: &SVector<S, 2>) -> S {
        x[0] * x[0] + x[0] * x[1] + x[1] * x[1]
    }
    let (values, _) = spectrum(|x| f(&x), SVector::<f32, 2>::new(1.0, 2.0));
    assert_relative_eq!(values, SVector::<f32, 2>::new(1.0, 3.0), epsilon = 1e-6);
    assert_eq!(
        classify(|x| f(&x), SVector::<f32, 2>::zeros()),
        CriticalPoint::Minimum
    );
}
