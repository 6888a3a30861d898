//! The drivers and solvers make no heap allocation: a global allocator
//! counts every allocation made on the calling thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use monodual::Scalar;
use nalgebra::{Matrix3, RealField, SVector, Vector4};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator unchanged; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller upholds `alloc`'s contract, passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The number of allocations `body` makes on this thread.
fn allocations<R>(body: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = std::hint::black_box(body());
    (ALLOCATIONS.with(Cell::get) - before, result)
}

fn extended_rosenbrock<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    let mut sum = S::zero();
    for i in (0..N).step_by(2) {
        sum += (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (x[i] - 1.0).powi(2);
    }
    sum
}

fn transcendental<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.iter().fold(S::zero(), |acc, &xi| {
        acc + xi.exp() * xi.sin() + (xi * xi + 1.0).sqrt().ln()
    })
}

fn log_det<S: RealField + Copy>(a: &Matrix3<S>) -> S {
    let a = (a + a.transpose()) * nalgebra::convert::<f64, S>(0.5);
    let l = a.cholesky().expect("positive definite").unpack();
    l.diagonal()
        .iter()
        .fold(S::zero(), |s, d| s + d.ln() + d.ln())
}

#[test]
fn drivers_do_not_allocate() {
    let x = SVector::<f64, 8>::from_fn(|i, _| 0.1 * i as f64 - 0.3);
    let v = SVector::<f64, 8>::from_fn(|i, _| 1.0 / (1.0 + i as f64));
    let a = Matrix3::new(4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0);

    let cases: [(&str, usize); 10] = [
        (
            "derivative",
            allocations(|| monodual::derivative(|t| t.sin() * t, 0.5)).0,
        ),
        (
            "second_derivative",
            allocations(|| monodual::second_derivative(|t| t.exp() / t, 0.5)).0,
        ),
        (
            "gradient",
            allocations(|| monodual::gradient(|x| extended_rosenbrock(&x), x)).0,
        ),
        (
            "gradient (transcendental)",
            allocations(|| monodual::gradient(|x| transcendental(&x), x)).0,
        ),
        (
            "jacobian",
            allocations(|| {
                monodual::jacobian(
                    |x| Vector4::new(x[0] * x[1], x[2].exp(), x[3].sin(), x[7] / x[6]),
                    x,
                )
            })
            .0,
        ),
        (
            "hessian",
            allocations(|| monodual::hessian(|x| extended_rosenbrock(&x), x)).0,
        ),
        (
            "hessian_chunked",
            allocations(|| monodual::hessian_chunked(|x| transcendental(&x), x)).0,
        ),
        (
            "directional_derivative",
            allocations(|| monodual::directional_derivative(|x| transcendental(&x), x, v)).0,
        ),
        (
            "hessian_vector_product",
            allocations(|| monodual::hessian_vector_product(|x| extended_rosenbrock(&x), x, v)).0,
        ),
        (
            "matrix_gradient (Cholesky)",
            allocations(|| monodual::matrix_gradient(|m| log_det(&m), a)).0,
        ),
    ];
    for (name, count) in cases {
        assert_eq!(count, 0, "{name} made {count} heap allocations");
    }

    // The solvers, on problems that take several iterations each.
    let options = monodual::newton::Options::default();
    let start = SVector::<f64, 2>::new(-1.2, 1.0);
    let solver_cases: [(&str, usize); 10] = [
        (
            "newton::solve",
            allocations(|| {
                monodual::newton::solve(
                    |x| SVector::<_, 2>::new(x[0] - x[1].cos(), x[1] - x[0].sin()),
                    SVector::<f64, 2>::zeros(),
                    &options,
                )
            })
            .0,
        ),
        (
            "newton::minimize",
            allocations(|| {
                monodual::newton::minimize(|x| extended_rosenbrock(&x), start, &options)
            })
            .0,
        ),
        (
            "newton::minimize (saddle start, negative curvature)",
            allocations(|| {
                monodual::newton::minimize(
                    |x| x[0] * x[0] - x[1] * x[1] + x[1].powi(4) * 0.25,
                    SVector::<f64, 2>::zeros(),
                    &options,
                )
            })
            .0,
        ),
        (
            "newton::minimize (unbounded, an error)",
            allocations(|| {
                monodual::newton::minimize(|x| -x[0].ln(), SVector::<f64, 1>::repeat(1.0), &options)
            })
            .0,
        ),
        (
            "newton::solve (dogleg into a residual minimum, an error)",
            allocations(|| {
                monodual::newton::solve(
                    |x| {
                        SVector::<_, 2>::new(
                            x[0] - 13.0 + ((-x[1] + 5.0) * x[1] - 2.0) * x[1],
                            x[0] - 29.0 + ((x[1] + 1.0) * x[1] - 14.0) * x[1],
                        )
                    },
                    SVector::<f64, 2>::new(0.5, -2.0),
                    &options,
                )
            })
            .0,
        ),
        (
            "curvature::classify_with_tolerance",
            allocations(|| {
                monodual::curvature::classify_with_tolerance(
                    |x| extended_rosenbrock(&x),
                    SVector::<f64, 4>::repeat(1.0),
                    1e-10,
                )
            })
            .0,
        ),
        (
            "least_squares::minimize",
            allocations(|| {
                // y = a·exp(b t) through six points, from far away
                let t = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5];
                let y = [2.0, 2.3, 2.7, 3.2, 3.7, 4.3];
                let fit = monodual::least_squares::minimize(
                    |p| SVector::<_, 6>::from_fn(|i, _| (p[1] * t[i]).exp() * p[0] - y[i]),
                    SVector::<f64, 2>::new(10.0, -1.0),
                    &monodual::least_squares::Options::default(),
                )
                .expect("a fit");
                (fit.iterations, fit.covariance())
            })
            .0,
        ),
        (
            "curvature::classify",
            allocations(|| {
                monodual::curvature::classify(
                    |x| extended_rosenbrock(&x),
                    SVector::<f64, 2>::repeat(1.0),
                )
            })
            .0,
        ),
        (
            "curvature::spectrum",
            allocations(|| monodual::curvature::spectrum(|x| transcendental(&x), x)).0,
        ),
        (
            "implicit::jacobian",
            allocations(|| {
                // x³ + p x − 1 = 0 at its root for p = 1
                let p = SVector::<f64, 1>::new(1.0);
                let root = monodual::newton::solve(
                    |x| SVector::<_, 1>::new(x[0] * x[0] * x[0] + x[0] - 1.0),
                    SVector::<f64, 1>::new(0.5),
                    &options,
                )
                .expect("a root");
                monodual::implicit::jacobian(
                    |x, p| SVector::<_, 1>::new(x[0] * x[0] * x[0] + p[0] * x[0] - 1.0),
                    root.x,
                    p,
                )
            })
            .0,
        ),
    ];
    for (name, count) in solver_cases {
        assert_eq!(count, 0, "{name} made {count} heap allocations");
    }

    // The counter works: a Vec allocates.
    let (count, _) = allocations(|| vec![1.0f64; 4]);
    assert!(
        count >= 1,
        "the counting allocator saw no allocation from a Vec"
    );
}

/// The model methods forward to the drivers and solvers: no allocation
/// either.
#[test]
fn model_methods_do_not_allocate() {
    use monodual::{Objective, Residuals};
    struct Rosenbrock;
    impl Objective<4> for Rosenbrock {
        fn eval<S: Scalar>(&self, x: &SVector<S, 4>) -> S {
            extended_rosenbrock(x)
        }
    }
    struct Shifted;
    impl Residuals<4, 4> for Shifted {
        fn eval<S: Scalar>(&self, x: &SVector<S, 4>) -> SVector<S, 4> {
            x.map(|xi| xi * xi * xi - 2.0)
        }
    }
    let x = Vector4::new(-1.2, 1.0, -1.2, 1.0);
    let v = Vector4::new(1.0, 0.5, -0.5, 2.0);
    let options = Default::default();
    assert_eq!(allocations(|| Rosenbrock.gradient(x)).0, 0);
    assert_eq!(allocations(|| Rosenbrock.hessian(x)).0, 0);
    assert_eq!(allocations(|| Rosenbrock.hessian_vector_product(x, v)).0, 0);
    assert_eq!(allocations(|| Rosenbrock.directional_derivative(x, v)).0, 0);
    let (count, min) = allocations(|| Rosenbrock.minimize(x, &options));
    assert_eq!(count, 0);
    assert!(min.is_ok());
    assert_eq!(allocations(|| Shifted.jacobian(x)).0, 0);
    let (count, root) = allocations(|| Shifted.solve(Vector4::repeat(1.0), &options));
    assert_eq!(count, 0);
    assert!(root.is_ok());
}

#[test]
fn taylor_does_not_allocate() {
    let x = SVector::<f64, 8>::from_fn(|i, _| 0.1 * i as f64 - 0.3);
    let v = SVector::<f64, 8>::from_fn(|i, _| 1.0 / (1.0 + i as f64));
    let (count, c) = allocations(|| {
        let c: [f64; 20] = monodual::taylor(|x| transcendental(&x), x, v);
        c
    });
    assert_eq!(count, 0, "taylor made {count} heap allocations");
    assert!(c.iter().all(|c| c.is_finite()));
    let (count, _) = allocations(|| {
        let c: [f64; 20] = monodual::taylor_univariate(|t| t.sqrt().atan2(t.cbrt()), 0.5);
        c
    });
    assert_eq!(count, 0, "taylor_univariate made {count} heap allocations");
}

#[test]
fn third_order_drivers_do_not_allocate() {
    let x = SVector::<f64, 8>::from_fn(|i, _| 0.1 * i as f64 - 0.3);
    let cases: [(&str, usize); 3] = [
        (
            "third_derivative",
            allocations(|| monodual::third_derivative(|t| t.sin() * t.exp(), 0.5)).0,
        ),
        (
            "third_derivatives",
            allocations(|| monodual::third_derivatives(|x| extended_rosenbrock(&x), x)).0,
        ),
        (
            "third_derivatives (transcendental)",
            allocations(|| monodual::third_derivatives(|x| transcendental(&x), x)).0,
        ),
    ];
    for (name, count) in cases {
        assert_eq!(count, 0, "{name} made {count} heap allocations");
    }
}
