//! Code written against `num_traits::Float` runs unchanged on monodual's
//! number types: argmin_testfunctions' functions (bound
//! `T: Float + FromPrimitive (+ Sum)`) on `Dual`, `HyperDual` and the
//! nested `Dual<Dual<f64, N>, 1>` of `hessian_vector_product`, against the
//! crate's own hand-written gradients and Hessians.

use argmin_testfunctions as tf;
use nalgebra::{SMatrix, SVector};

/// Points away from the functions' kinks (Ackley's √ at 0) and minima.
const POINTS_3: [[f64; 3]; 3] = [[0.3, -0.7, 1.1], [-1.4, 0.25, 0.6], [2.0, 1.5, -0.4]];
const POINTS_2: [[f64; 2]; 3] = [[0.3, -0.7], [-1.4, 0.25], [2.0, 1.5]];

/// |a − b| ≤ tol · max(1, |b|): relative for large entries, absolute near 0.
fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

/// Checks a function of a slice against its analytic gradient and Hessian.
fn check_slice(
    name: &str,
    f: fn(&[f64]) -> f64,
    gradient: fn(&[f64]) -> Vec<f64>,
    hessian: fn(&[f64]) -> Vec<Vec<f64>>,
    run: impl Fn(SVector<f64, 3>) -> (f64, SVector<f64, 3>, SMatrix<f64, 3, 3>, SVector<f64, 3>),
) {
    for p in POINTS_3 {
        let x = SVector::<f64, 3>::from(p);
        let v = SVector::<f64, 3>::new(0.5, -1.0, 2.0);
        let (value, g, h, hv) = run(x);
        assert_eq!(value, f(&p), "{name} value at {p:?}");
        let g_exact = gradient(&p);
        let h_exact = hessian(&p);
        for i in 0..3 {
            assert!(
                close(g[i], g_exact[i], 1e-12),
                "{name} ∂{i} at {p:?}: {} vs {}",
                g[i],
                g_exact[i]
            );
            let hv_exact: f64 = (0..3).map(|j| h_exact[i][j] * v[j]).sum();
            assert!(
                close(hv[i], hv_exact, 1e-11),
                "{name} (Hv){i} at {p:?}: {} vs {hv_exact}",
                hv[i]
            );
            for j in 0..3 {
                assert!(
                    close(h[(i, j)], h_exact[i][j], 1e-11),
                    "{name} ∂{i}∂{j} at {p:?}: {} vs {}",
                    h[(i, j)],
                    h_exact[i][j]
                );
            }
        }
    }
}

/// The drivers on one slice function: gradient (Dual), Hessian
/// (HyperDual), Hessian-vector product (Dual<Dual>).
macro_rules! drivers_on_slice {
    ($f:path) => {
        |x: SVector<f64, 3>| {
            let v = SVector::<f64, 3>::new(0.5, -1.0, 2.0);
            let (value, g) = monodual::gradient(|x| $f(x.as_slice()), x);
            let (value_h, g_h, h) = monodual::hessian(|x| $f(x.as_slice()), x);
            let (value_hv, g_hv, hv) = monodual::hessian_vector_product(|x| $f(x.as_slice()), x, v);
            assert_eq!((value, value), (value_h, value_hv));
            assert!((g - g_h).norm() <= 1e-13 * g.norm().max(1.0));
            assert!((g - g_hv).norm() <= 1e-13 * g.norm().max(1.0));
            (value, g, h, hv)
        }
    };
}

#[test]
fn slice_functions() {
    check_slice(
        "rosenbrock",
        tf::rosenbrock,
        tf::rosenbrock_derivative,
        tf::rosenbrock_hessian,
        drivers_on_slice!(tf::rosenbrock),
    );
    check_slice(
        "ackley",
        tf::ackley,
        tf::ackley_derivative,
        tf::ackley_hessian,
        drivers_on_slice!(tf::ackley),
    );
    check_slice(
        "rastrigin",
        tf::rastrigin,
        tf::rastrigin_derivative,
        tf::rastrigin_hessian,
        drivers_on_slice!(tf::rastrigin),
    );
    check_slice(
        "levy",
        tf::levy,
        tf::levy_derivative,
        tf::levy_hessian,
        drivers_on_slice!(tf::levy),
    );
    check_slice(
        "styblinski_tang",
        tf::styblinski_tang,
        tf::styblinski_tang_derivative,
        tf::styblinski_tang_hessian,
        drivers_on_slice!(tf::styblinski_tang),
    );
}

/// The two-variable functions, taking `&[T; 2]`.
macro_rules! check_pair {
    ($($f:ident, $df:ident, $hf:ident);* $(;)?) => {$(
        for p in POINTS_2 {
            let x = SVector::<f64, 2>::from(p);
            let (value, g, h) = monodual::hessian(|x| tf::$f(&[x[0], x[1]]), x);
            let (value_d, g_d) = monodual::gradient(|x| tf::$f(&[x[0], x[1]]), x);
            assert_eq!((value, value_d), (tf::$f(&p), tf::$f(&p)), "{} at {p:?}", stringify!($f));
            let g_exact = tf::$df(&p);
            let h_exact = tf::$hf(&p);
            for i in 0..2 {
                assert!(close(g[i], g_exact[i], 1e-12), "{} ∂{i} at {p:?}: {} vs {}", stringify!($f), g[i], g_exact[i]);
                assert!(close(g_d[i], g_exact[i], 1e-12), "{} ∂{i} at {p:?}", stringify!($f));
                for j in 0..2 {
                    assert!(
                        close(h[(i, j)], h_exact[i][j], 1e-11),
                        "{} ∂{i}∂{j} at {p:?}: {} vs {}",
                        stringify!($f),
                        h[(i, j)],
                        h_exact[i][j]
                    );
                }
            }
        }
    )*};
}

#[test]
fn two_variable_functions() {
    check_pair!(
        beale, beale_derivative, beale_hessian;
        booth, booth_derivative, booth_hessian;
        goldsteinprice, goldsteinprice_derivative, goldsteinprice_hessian;
        himmelblau, himmelblau_derivative, himmelblau_hessian;
        matyas, matyas_derivative, matyas_hessian;
        mccormick, mccormick_derivative, mccormick_hessian;
        threehumpcamel, threehumpcamel_derivative, threehumpcamel_hessian;
        eggholder, eggholder_derivative, eggholder_hessian;
    );
}

/// A `Float`-generic function inside a model: the closure on concrete
/// number types calls it, so the same function serves every driver.
#[test]
fn float_code_on_nested_duals() {
    use monodual::Dual;
    // ∂²f/∂x₀∂x₁ by differentiating a gradient: Dual<Dual<f64, 1>, 2>
    let p = [0.3, -0.7];
    let x0 = Dual::<Dual<f64, 1>, 2>::variable(Dual::variable(p[0], 0), 0);
    let x1 = Dual::<Dual<f64, 1>, 2>::variable(Dual::constant(p[1]), 1);
    let y = tf::himmelblau(&[x0, x1]);
    let h = tf::himmelblau_hessian(&p);
    assert!(close(y.gradient()[1].gradient()[0], h[0][1], 1e-12));
    assert!(close(y.gradient()[0].gradient()[0], h[0][0], 1e-12));
}
