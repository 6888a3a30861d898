//! Accuracy where the natural recurrence cancels: tanh for large |x|,
//! against closed forms in the form that does not cancel.

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
