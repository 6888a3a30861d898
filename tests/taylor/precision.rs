//! Accuracy where the natural recurrence cancels (tanh for large |x|;
//! asin, atanh and acosh near the domain edges; powers of small bases and
//! exponents near integers) against closed forms in the form that does
//! not cancel, or against `second_derivative`; the branch of x % y.

use crate::assert_relative;

#[test]
fn tanh_keeps_its_relative_accuracy_for_large_arguments() {
    // with t = tanh x, s² = 1/cosh²x: tanh′ = s², tanh″ = −2ts²,
    // tanh‴ = s²(4t² − 2s²); cₖ = f⁽ᵏ⁾/k!. 1 − t² is 0 at x = 20 and
    // carries a relative error of ε/s² (6e-11 at x = 6.93).
    for x in [20.0f64, -6.93, 3.0, -25.0] {
        let c: [f64; 4] = monodual::taylor_univariate(|x| x.tanh(), x);
        let t = x.tanh();
        let sech = x.cosh().recip();
        let s2 = sech * sech;
        let expected = [t, s2, -t * s2, s2 * (4.0 * t * t - 2.0 * s2) / 6.0];
        for (k, (&ck, &e)) in c.iter().zip(&expected).enumerate() {
            assert_relative(&format!("tanh at {x}"), k, ck, e, 1e-14);
        }
    }
}

#[test]
fn inverse_functions_keep_their_accuracy_near_the_domain_edges() {
    // with d = (1 − x)(1 + x) (exact at these x): asin′ = d^{−1/2},
    // asin″ = x d^{−3/2}, asin‴ = (1 + 2x²) d^{−5/2}; atanh′ = 1/d,
    // atanh″ = 2x/d², atanh‴ = (2 + 6x²)/d³; and with e = (x − 1)(x + 1):
    // acosh′ = e^{−1/2}, acosh″ = −x e^{−3/2}, acosh‴ = (2x² + 1) e^{−5/2}.
    // 1 − x² cancels (relative error up to ε/d).
    for x in [
        1.0 - 2f64.powi(-30),
        -(1.0 - 2f64.powi(-40)),
        1.0 - 2f64.powi(-52),
    ] {
        let d = (1.0 - x) * (1.0 + x);
        let asin: [f64; 4] = monodual::taylor_univariate(|x| x.asin(), x);
        let expected = [
            x.asin(),
            d.powf(-0.5),
            x * d.powf(-1.5) / 2.0,
            (1.0 + 2.0 * x * x) * d.powf(-2.5) / 6.0,
        ];
        for (k, (&got, &expected)) in asin.iter().zip(&expected).enumerate().skip(1) {
            assert_relative(&format!("asin at {x}"), k, got, expected, 1e-13);
        }
        let atanh: [f64; 4] = monodual::taylor_univariate(|x| x.atanh(), x);
        let expected = [
            x.atanh(),
            1.0 / d,
            x / (d * d),
            (2.0 + 6.0 * x * x) / (d * d * d) / 6.0,
        ];
        for (k, (&got, &expected)) in atanh.iter().zip(&expected).enumerate().skip(1) {
            assert_relative(&format!("atanh at {x}"), k, got, expected, 1e-13);
        }
    }
    for x in [1.0 + 2f64.powi(-30), 1.0 + 2f64.powi(-50)] {
        let e = (x - 1.0) * (x + 1.0);
        let acosh: [f64; 4] = monodual::taylor_univariate(|x| x.acosh(), x);
        let expected = [
            x.acosh(),
            e.powf(-0.5),
            -x * e.powf(-1.5) / 2.0,
            (2.0 * x * x + 1.0) * e.powf(-2.5) / 6.0,
        ];
        for (k, (&got, &expected)) in acosh.iter().zip(&expected).enumerate().skip(1) {
            assert_relative(&format!("acosh at {x}"), k, got, expected, 1e-13);
        }
    }
}

#[test]
fn remainder_takes_the_quotient_of_the_remainder_returned() {
    // 1 % 0.1: the float 1/0.1 is 10, but 1 = 9·0.1 + 0.0999…, so the
    // branch has ∂/∂y = −9; along v = (0, 1) c₁ = −9
    let c: [f64; 2] = monodual::taylor(
        |x| x[0] % x[1],
        nalgebra::Vector2::new(1.0, 0.1),
        nalgebra::Vector2::new(0.0, 1.0),
    );
    assert_eq!(c, [1.0 % 0.1, -9.0]);
    let (_, g) = monodual::gradient(|x| x[0] % x[1], nalgebra::Vector2::new(1.0, 0.1));
    assert_eq!(g[1], c[1]);
}

#[test]
fn powers_of_small_bases_and_exponents_near_integers_keep_their_accuracy() {
    // xʸ with a small base: against `second_derivative` (HyperDual's
    // partials, here within 1e-15 of 160-bit arithmetic); e^{y ln x}
    // whole was 3.7e-4 off for ln(x)^x at 1 + 2⁻⁴⁶
    type OnTaylor = fn(monodual::Taylor<f64, 3>) -> monodual::Taylor<f64, 3>;
    type OnHyperDual = fn(monodual::HyperDual<f64, 1>) -> monodual::HyperDual<f64, 1>;
    let cases: [(OnTaylor, OnHyperDual, f64); 2] = [
        (|x| x.ln().pow(x), |x| x.ln().pow(x), 1.0000000000000142),
        (|x| x.pow(x + 1.0), |x| x.pow(x + 1.0), 3e-8),
    ];
    for (taylor, hyper, x) in cases {
        let c = monodual::taylor_univariate(taylor, x);
        let (f, d1, d2) = monodual::second_derivative(hyper, x);
        assert_eq!(c[0], f);
        assert_relative(&format!("power at {x}"), 1, c[1], d1, 1e-14);
        assert_relative(&format!("power at {x}"), 2, c[2], d2 / 2.0, 1e-13);
    }
    // xʳ with r near an integer: cₖ = binom(r, k) x^{r−k}; the recurrence's
    // weight (r + 1)j − k cancelled to ε/|r − 1| relative
    let r = 1.0 + 2f64.powi(-27);
    let c: [f64; 4] = monodual::taylor_univariate(|x| x.powf(r), 3.0);
    for (k, &ck) in c.iter().enumerate().skip(1) {
        let binomial: f64 = (0..k).map(|i| (r - i as f64) / (i + 1) as f64).product();
        let expected = binomial * 3f64.powf(r - k as f64);
        assert_relative("x^(1 + 2⁻²⁷)", k, ck, expected, 1e-13);
    }
}

#[test]
fn atan2_is_scale_free() {
    // atan2(sy, sx) = atan2(y, x): along a line scaled with the point,
    // (x, y) = s·((1, 2) + t(−1.5, 0.75)), the coefficients are those at
    // s = 1 (x² + y² underflowed at s = 1e-170 and overflowed at 1e170:
    // c₁ was −∞ or NaN)
    let at = |s: f64| -> [f64; 4] {
        monodual::taylor(
            |x| x[0].atan2(x[1]),
            nalgebra::Vector2::new(s, 2.0 * s),
            nalgebra::Vector2::new(-1.5 * s, 0.75 * s),
        )
    };
    let unit = at(1.0);
    for s in [1e-170, 1e170, 3e-300, 2f64.powi(-1000), 1e300] {
        let c = at(s);
        for (k, (&got, &expected)) in c.iter().zip(&unit).enumerate() {
            assert_relative(&format!("atan2 at scale {s:e}"), k, got, expected, 1e-14);
        }
    }
}

#[test]
fn a_quotient_stays_in_range_where_its_products_would_overflow() {
    // f(t) = C / ((x₀ + v₀t)(x₁ + v₁t)) = C/(x₀x₁) · 1/((1 + αt)(1 + βt))
    // with α = v₀/x₀, β = v₁/x₁, so cₖ = C/(x₀x₁) · Σ_{i=0}^{k} (−α)ⁱ(−β)ᵏ⁻ⁱ.
    // The recurrence's b₁c₀ = (v₀x₁ + x₀v₁) · C/(x₀x₁) is −1.7e300 · −1.8e8
    // here, past the range, though every coefficient is moderate.
    let big = -f64::MAX;
    let (x, v) = ([-1.0, -1e300], [1.722, 0.011]);
    let c: [f64; 4] = monodual::taylor(
        |x: nalgebra::SVector<_, 2>| big / (x[0] * x[1]),
        nalgebra::Vector2::from(x),
        nalgebra::Vector2::from(v),
    );
    let (alpha, beta) = (v[0] / x[0], v[1] / x[1]);
    let q0 = big / (x[0] * x[1]);
    for (k, &ck) in c.iter().enumerate() {
        let sum: f64 = (0..=k)
            .map(|i| (-alpha).powi(i as i32) * (-beta).powi((k - i) as i32))
            .sum();
        assert_relative("C / (x₀x₁)", k, ck, q0 * sum, 1e-14);
    }
}

#[test]
fn a_power_of_a_series_near_an_integer_exponent_does_not_cancel() {
    // (x²)ʳ = x^{2r}, so cₖ = binom(2r, k) x₀^{2r−k} along v = 1; for r
    // near 1 the coefficients past k = 2 carry the factor 2r − 2, and the
    // power recurrence on x² reaches them by cancelling terms of order 1
    for (r, x) in [
        (1.0 - 2f64.powi(-30), 1e-3),
        (2.0 + 3e-9, -0.5),
        (1.0 + 1e-12, 7.0),
    ] {
        let c: [f64; 7] = monodual::taylor_univariate(|x| (x * x).powf(r), x);
        let mut binomial = 1.0;
        for (k, &ck) in c.iter().enumerate() {
            let expected = binomial * (x * x).powf(r - k as f64 / 2.0) * x.signum().powi(k as i32);
            assert_relative(&format!("(x²)^{r} at {x}"), k, ck, expected, 1e-13);
            binomial *= (2.0 * r - k as f64) / (k + 1) as f64;
        }
    }
}

#[test]
fn a_power_near_an_integer_of_a_tiny_base_stays_in_range() {
    // xʳ along v = 1: cₖ = binom(r, k) x₀^{r−k}, in range at these x₀
    // though (1/x₀)ᵏ x₀^{r−1} is not
    for (r, x) in [(1.02, 1e-300), (2.03, 2.537275905759249e-134)] {
        let c: [f64; 3] = monodual::taylor_univariate(|x| x.powf(r), x);
        let mut binomial = 1.0;
        for (k, &ck) in c.iter().enumerate() {
            let expected = binomial * x.powf(r - k as f64);
            assert_relative(&format!("x^{r} at {x:e}"), k, ck, expected, 1e-13);
            binomial *= (r - k as f64) / (k + 1) as f64;
        }
    }
}

#[test]
fn a_division_by_an_infinite_constant_scales_by_zero() {
    // asin′(1) = ∞ and 1/−∞ = −0: the zero rule makes every derivative of
    // asin(x + 1)/−∞ at 0 zero, as `hessian` gives
    let c: [f64; 3] = monodual::taylor_univariate(|x| (x + 1.0).asin() / f64::NEG_INFINITY, 0.0);
    let (_, g, h) = monodual::second_derivative(
        |x: monodual::HyperDual<f64, 1>| (x + 1.0).asin() / f64::NEG_INFINITY,
        0.0,
    );
    assert_eq!((c[1], c[2]), (g, h / 2.0), "{c:?}");
    assert_eq!((g, h), (0.0, 0.0));
}

#[test]
fn inverse_functions_of_a_small_value_with_a_large_slope_do_not_cancel() {
    // u = r + kt: atanh u has c₁ = k/d, c₂ = k²r/d², c₃ = k³(1 + 3r²)/(3d³),
    // asin u has c₁ = k d^{−1/2}, c₂ = k²r d^{−3/2}/2, c₃ = k³(1 + 2r²) d^{−5/2}/6,
    // d = 1 − r². As the series product (1 − u)(1 + u), 1 − u² had the
    // coefficient k(1 − r) − k(1 + r), which cancels to 1e-3 relative here.
    let (r, k) = (9.99696262544366e-14, -1.940999999999806e13);
    let d = (1.0 - r) * (1.0 + r);
    let u = monodual::Taylor::<f64, 4>::linear(r, k);
    let atanh = u.atanh().coefficients();
    let expected = [
        r.atanh(),
        k / d,
        k * k * r / (d * d),
        k * k * k * (1.0 + 3.0 * r * r) / (3.0 * d * d * d),
    ];
    for (i, (&got, &e)) in atanh.iter().zip(&expected).enumerate() {
        assert_relative("atanh(r + kt)", i, got, e, 1e-14);
    }
    let asin = u.asin().coefficients();
    let expected = [
        r.asin(),
        k / d.sqrt(),
        k * k * r * d.powf(-1.5) / 2.0,
        k * k * k * (1.0 + 2.0 * r * r) * d.powf(-2.5) / 6.0,
    ];
    for (i, (&got, &e)) in asin.iter().zip(&expected).enumerate() {
        assert_relative("asin(r + kt)", i, got, e, 1e-14);
    }
}

#[test]
fn a_log_base_whose_own_series_leaves_the_range_keeps_the_quotient_in_range() {
    // log_b x at b₀ = 1e-158 along b₁ = 2e-4: (ln b)₂ = −(b₁/b₀)²/2 is
    // −2e308, beyond f64, while ½ vᵀHv of log_b x is 1.5e293
    use nalgebra::{ComplexField, Vector2};
    let x = Vector2::new(1.0000000001, 1e-158);
    let v = Vector2::new(0.3, 2e-4);
    let c: [f64; 4] = monodual::taylor(|x| ComplexField::log(x[0], x[1]), x, v);
    let (_, g, h) = monodual::hessian(|x| ComplexField::log(x[0], x[1]), x);
    assert_relative("log_b x", 1, c[1], g.dot(&v), 1e-14);
    assert_relative("log_b x", 2, c[2], 0.5 * (v.transpose() * h * v)[0], 1e-13);
}
