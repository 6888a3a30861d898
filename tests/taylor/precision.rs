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
