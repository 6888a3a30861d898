//! A tour of monodual: every section of the matrix-calculus reference on
//! small concrete inputs, each derivative computed by monodual next to its
//! closed form and the largest difference between them.
//!
//! ```sh
//! cargo run --release --example tour
//! ```
//!
//! Each function is written once, generic over `S: Scalar` (or nalgebra's
//! `RealField`); monodual runs it on its number types and reads the
//! derivatives off the result. The closed forms are computed here in plain
//! f64, by hand. The program exits with status 1 if any identity misses its
//! tolerance.

use monodual::Scalar;
use nalgebra::{
    Matrix2, Matrix2x3, Matrix3, Matrix4x3, RealField, SMatrix, SVector, Vector1, Vector2, Vector3,
    Vector4,
};

/// Relative tolerance of every exact identity.
const TOLERANCE: f64 = 1e-12;

// ---------------------------------------------------------------------------
// The functions, written once for every scalar type.

/// aᵀx
fn linear_form<S: Scalar, const N: usize>(a: &SVector<f64, N>, x: &SVector<S, N>) -> S {
    a.cast::<S>().dot(x)
}

/// xᵀAx
fn quadratic_form<S: Scalar, const N: usize>(a: &SMatrix<f64, N, N>, x: &SVector<S, N>) -> S {
    x.dot(&(a.cast::<S>() * x))
}

/// ‖Ax − b‖²
fn squared_residual<S: Scalar, const M: usize, const N: usize>(
    a: &SMatrix<f64, M, N>,
    b: &SVector<f64, M>,
    x: &SVector<S, N>,
) -> S {
    let r = a.cast::<S>() * x - b.cast::<S>();
    r.dot(&r)
}

/// log Σ exp(xᵢ)
fn log_sum_exp<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
    x.map(|xi| xi.exp()).sum().ln()
}

/// softmax(x) = exp(x) / Σ exp(xⱼ)
fn softmax<S: Scalar, const N: usize>(x: &SVector<S, N>) -> SVector<S, N> {
    let e = x.map(|xi| xi.exp());
    e / e.sum()
}

/// σ(t) = 1 / (1 + e⁻ᵗ)
fn sigmoid<S: Scalar>(t: S) -> S {
    ((-t).exp() + 1.0).recip()
}

/// (x − μ)/√(v + ε)
fn layer_norm<S: Scalar, const N: usize>(x: &SVector<S, N>, epsilon: f64) -> SVector<S, N> {
    let mean = x.sum() / N as f64;
    let centered = x.map(|xi| xi - mean);
    let variance = centered.dot(&centered) / N as f64;
    centered / (variance + epsilon).sqrt()
}

/// Rosenbrock's banana: 100(x₁ − x₀²)² + (x₀ − 1)²
fn rosenbrock<S: Scalar>(x: &SVector<S, 2>) -> S {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (x[0] - 1.0).powi(2)
}

/// A smooth test function: log Σ exp(x) + ½ xᵀAx + x₀x₁x₂
fn smooth<S: Scalar>(a: &Matrix3<f64>, x: &SVector<S, 3>) -> S {
    log_sum_exp(x) + quadratic_form(a, x) * 0.5 + x[0] * x[1] * x[2]
}

/// The loss of a linear layer: log Σ exp(Wx + b)
fn layer_loss<S: Scalar>(w: &Matrix2x3<S>, x: &Vector3<S>, b: &Vector2<S>) -> S {
    log_sum_exp(&(w * x + b))
}

/// tr(AX)
fn trace_of_product<S: RealField + Copy>(a: &Matrix3<f64>, x: &Matrix3<S>) -> S {
    (a.cast::<S>() * x).trace()
}

/// ⟨A, X⟩_F = tr(AᵀX)
fn frobenius_inner<S: RealField + Copy>(a: &Matrix3<f64>, x: &Matrix3<S>) -> S {
    (a.cast::<S>().transpose() * x).trace()
}

/// aᵀXb
fn bilinear<S: RealField + Copy>(a: &Vector3<f64>, b: &Vector3<f64>, x: &Matrix3<S>) -> S {
    a.cast::<S>().dot(&(x * b.cast::<S>()))
}

/// tr(XᵀAX)
fn trace_quadratic<S: RealField + Copy>(a: &Matrix3<f64>, x: &Matrix3<S>) -> S {
    (x.transpose() * a.cast::<S>() * x).trace()
}

/// tr(X⁻¹A), through nalgebra's inverse on the number type
fn trace_inverse_product<S: RealField + Copy>(a: &Matrix3<f64>, x: &Matrix3<S>) -> S {
    (x.try_inverse().expect("X is invertible") * a.cast::<S>()).trace()
}

/// aᵀX⁻¹b, through nalgebra's inverse on the number type
fn inverse_bilinear<S: RealField + Copy>(a: &Vector3<f64>, b: &Vector3<f64>, x: &Matrix3<S>) -> S {
    let inverse = x.try_inverse().expect("X is invertible");
    a.cast::<S>().dot(&(inverse * b.cast::<S>()))
}

/// log det X through nalgebra's LU on the number type
fn log_det_lu<S: RealField + Copy>(x: &Matrix3<S>) -> S {
    x.lu().determinant().ln()
}

/// log det X through nalgebra's Cholesky on the number type: 2 Σ log Lᵢᵢ of
/// sym(X) = (X + Xᵀ)/2 (Cholesky reads one triangle; symmetrizing makes the
/// function depend on every entry, as log det X does)
fn log_det_cholesky<S: RealField + Copy>(x: &Matrix3<S>) -> S {
    let two: S = nalgebra::convert(2.0);
    let l = ((x + x.transpose()) / two)
        .cholesky()
        .expect("X is SPD")
        .l();
    l.diagonal().map(|d| d.ln()).sum() * two
}

// ---------------------------------------------------------------------------
// The table.

/// Collects and prints the rows; remembers the largest difference.
struct Tour {
    identities: usize,
    rates: usize,
    bounds: usize,
    largest_difference: f64,
    failures: Vec<String>,
}

const IDENTITY_WIDTH: usize = 40;
const VALUE_WIDTH: usize = 34;

impl Tour {
    fn new() -> Self {
        Tour {
            identities: 0,
            rates: 0,
            bounds: 0,
            largest_difference: 0.0,
            failures: Vec::new(),
        }
    }

    fn section(&self, title: &str, lines: &[String]) {
        println!();
        println!("{title}");
        for line in lines {
            println!("   {line}");
        }
        println!(
            "   {:<IDENTITY_WIDTH$} {:<VALUE_WIDTH$} {:<VALUE_WIDTH$} {:>10}",
            "identity", "monodual", "closed form", "difference"
        );
    }

    /// One row: `computed` against `closed`, tolerance TOLERANCE relative to
    /// `scale` (at least 1).
    fn row<const R: usize, const C: usize>(
        &mut self,
        identity: &str,
        computed: &SMatrix<f64, R, C>,
        closed: &SMatrix<f64, R, C>,
        scale: f64,
    ) {
        let difference = (computed - closed).amax();
        let passed = difference <= TOLERANCE * scale.max(1.0);
        self.identities += 1;
        self.largest_difference = self.largest_difference.max(difference);
        if !passed {
            self.failures.push(identity.to_string());
        }
        // A matrix takes one printed line per row, both sides side by side.
        let (computed, closed) = (show(computed), show(closed));
        for (line, (left, right)) in computed.iter().zip(&closed).enumerate() {
            if line == 0 {
                println!(
                    "   {} {} {} {:>10.1e}{}",
                    pad(identity, IDENTITY_WIDTH),
                    pad(left, VALUE_WIDTH),
                    pad(right, VALUE_WIDTH),
                    difference,
                    if passed { "" } else { "  FAILED" }
                );
            } else {
                println!(
                    "   {} {} {}",
                    pad("", IDENTITY_WIDTH),
                    pad(left, VALUE_WIDTH),
                    right
                );
            }
        }
    }

    fn check<const R: usize, const C: usize>(
        &mut self,
        identity: &str,
        computed: &SMatrix<f64, R, C>,
        closed: &SMatrix<f64, R, C>,
    ) {
        self.row(identity, computed, closed, closed.amax());
    }

    fn check_scalar(&mut self, identity: &str, computed: f64, closed: f64) {
        let (computed, closed) = (Vector1::new(computed), Vector1::new(closed));
        self.check(identity, &computed, &closed);
    }

    /// An inequality `value ≤ bound`; the last column is the margin.
    fn check_bound(&mut self, what: &str, value: f64, bound: f64) {
        let passed = value <= bound * (1.0 + TOLERANCE);
        self.bounds += 1;
        if !passed {
            self.failures.push(what.to_string());
        }
        println!(
            "   {} {} {} {:>10.1e}{}",
            pad(what, IDENTITY_WIDTH),
            pad(&number(value), VALUE_WIDTH),
            pad(&format!("≤ {}", number(bound).trim_start()), VALUE_WIDTH),
            bound - value,
            if passed { "" } else { "  FAILED" }
        );
    }

    /// A measured rate against its theoretical value, to a loose tolerance.
    fn check_rate(&mut self, what: &str, measured: f64, expected: f64, tolerance: f64) {
        let difference = (measured - expected).abs();
        let passed = difference <= tolerance;
        self.rates += 1;
        if !passed {
            self.failures.push(what.to_string());
        }
        println!(
            "   {} {} {} {:>10.1e}{}",
            pad(what, IDENTITY_WIDTH),
            pad(&number(measured), VALUE_WIDTH),
            pad(&number(expected), VALUE_WIDTH),
            difference,
            if passed { "" } else { "  FAILED" }
        );
    }

    fn note(&self, line: &str) {
        println!("   {line}");
    }
}

/// Pads to `width` columns: counts characters, not bytes, and not the
/// combining marks (the hat of x̂) that share a column with the letter before.
fn pad(text: &str, width: usize) -> String {
    let length = text
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .count();
    format!("{text}{}", " ".repeat(width.saturating_sub(length)))
}

/// A vector as a tuple, `(0.5, -1.2, 2)`.
fn tuple<const N: usize>(v: &SVector<f64, N>) -> String {
    let entries: Vec<String> = v.iter().map(|e| e.to_string()).collect();
    format!("({})", entries.join(", "))
}

/// One number in 7 columns: 3 decimals, 1 above 100, an exponent above 1e5.
fn number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e5 {
        format!("{value:>7.1e}")
    } else if magnitude >= 100.0 {
        format!("{value:>7.1}")
    } else {
        format!("{value:>7.3}")
    }
}

/// The printed lines of a value: a scalar; a vector as one row of entries;
/// a matrix of up to 4 columns whole, one line per row; a larger one by its
/// shape and first entries.
fn show<const R: usize, const C: usize>(m: &SMatrix<f64, R, C>) -> Vec<String> {
    const WHOLE_COLUMNS: usize = 4;
    const SHOWN: usize = 4;
    let row =
        |entries: &mut dyn Iterator<Item = f64>| entries.map(number).collect::<Vec<_>>().join(" ");
    if R * C == 1 {
        return vec![number(m[0])];
    }
    if C == 1 {
        // a column vector, written as a row
        let more = if R > 2 * SHOWN { " …" } else { "" };
        return vec![format!(
            "[{}{more}]",
            row(&mut m.iter().copied().take(2 * SHOWN))
        )];
    }
    if C <= WHOLE_COLUMNS {
        return (0..R)
            .map(|i| {
                let (open, close) = match (i, R) {
                    (0, _) => ("⎡", "⎤"),
                    (i, r) if i + 1 == r => ("⎣", "⎦"),
                    _ => ("⎢", "⎥"),
                };
                format!("{open}{}{close}", row(&mut m.row(i).iter().copied()))
            })
            .collect();
    }
    let first: Vec<f64> = m.transpose().iter().copied().take(SHOWN).collect();
    vec![format!("{R}×{C} [{} …]", row(&mut first.into_iter()))]
}

// ---------------------------------------------------------------------------

fn main() {
    let mut tour = Tour::new();
    println!("monodual tour: exact derivatives by forward-mode automatic differentiation");
    println!(
        "Each function is written once, generic over `S: Scalar`; monodual runs it on dual numbers"
    );
    println!(
        "(Dual<f64, N> carries a value and N partial derivatives, HyperDual<f64, N> also the Hessian)"
    );
    println!(
        "and reads the derivatives off the result. Every row compares that with the closed form"
    );
    println!("of reference/matrix-calculus.md, computed by hand in plain f64.");

    let x = Vector3::new(0.5, -1.2, 2.0);
    let a_vec = Vector3::new(1.0, -2.0, 0.5);
    let a = Matrix3::new(2.0, 1.0, 0.0, -1.0, 3.0, 1.0, 0.5, 0.0, 1.0);
    let a_sym = (a + a.transpose()) / 2.0;
    let b = Matrix4x3::new(1.0, 0.5, 0.0, 0.0, 2.0, 1.0, 1.0, -1.0, 1.0, 0.5, 0.0, 3.0);
    let c = Vector4::new(1.0, -1.0, 2.0, 0.5);
    let m = Matrix2x3::new(1.0, -1.0, 2.0, 0.5, 3.0, -2.0);
    let y = Vector3::new(0.3, -0.7, 1.1);
    let epsilon = 1e-5;
    let v = Vector3::new(1.0, 0.5, -1.0);

    // 1. Gradients --------------------------------------------------------
    tour.section(
        "1. Gradient of a scalar function: monodual::gradient(f, x)",
        &[
            "x ∈ R³ is seeded as Dual<f64, 3>; one evaluation of f gives f(x) and ∇f(x).".into(),
            format!(
                "x = {}, a = {}, A a 3×3 matrix, S = (A + Aᵀ)/2, B 4×3, c = {}.",
                tuple(&x),
                tuple(&a_vec),
                tuple(&c)
            ),
        ],
    );
    let (_, g) = monodual::gradient(|x| linear_form(&a_vec, &x), x);
    tour.check("∇(aᵀx) = a", &g, &a_vec);
    let (_, g) = monodual::gradient(|x| x.dot(&x), x);
    tour.check("∇‖x‖² = 2x", &g, &(x * 2.0));
    let (_, g) = monodual::gradient(|x| quadratic_form(&a, &x), x);
    tour.check("∇(xᵀAx) = (A + Aᵀ)x", &g, &((a + a.transpose()) * x));
    let (_, g) = monodual::gradient(|x| quadratic_form(&a_sym, &x), x);
    tour.check("∇(xᵀSx) = 2Sx, S symmetric", &g, &(a_sym * x * 2.0));
    let (_, g) = monodual::gradient(|x| squared_residual(&b, &c, &x), x);
    tour.check(
        "∇‖Bx − c‖² = 2Bᵀ(Bx − c)",
        &g,
        &(b.transpose() * (b * x - c) * 2.0),
    );
    let (_, g) = monodual::gradient(|x| x.map(|xi| xi.abs()).sum(), x);
    tour.check("∇‖x‖₁ = sign(x)", &g, &x.map(f64::signum));
    let (_, g) = monodual::gradient(|x| log_sum_exp(&x), x);
    let e = x.map(f64::exp);
    tour.check("∇ log Σ exp(xᵢ) = softmax(x)", &g, &(e / e.sum()));
    let (_, g) = monodual::gradient(|x| x.map(|xi| (xi.exp() + 1.0).ln()).sum(), x);
    tour.check(
        "∇ Σ log(1 + exp xᵢ) = σ(x)",
        &g,
        &x.map(|t| 1.0 / (1.0 + (-t).exp())),
    );
    // The normal equation: the least-squares solution (by SVD) zeroes the
    // gradient, and Bx̂ is the projection of c onto col(B) (by QR).
    let x_hat = b
        .svd(true, true)
        .solve(&c, 1e-15)
        .expect("SVD solve of a full-rank system");
    let (_, g) = monodual::gradient(|x| squared_residual(&b, &c, &x), x_hat);
    let btc = b.transpose() * c;
    tour.row(
        "∇‖Bx − c‖² = 0 at x̂ = argmin",
        &g,
        &Vector3::zeros(),
        btc.norm(),
    );
    let q = b.qr().q();
    tour.check(
        "Bx̂ = projection of c on col(B)",
        &(b * x_hat),
        &(q * (q.transpose() * c)),
    );

    // 2. Jacobians --------------------------------------------------------
    tour.section(
        "2. Jacobian: monodual::jacobian(f, x) for f: Rⁿ → Rᵐ",
        &[
            "Every output is a Dual<f64, n>; row i of J is the gradient part of output i.".into(),
            format!(
                "M is 2×3 (a map R³ → R²), y = {}, ε = {epsilon:e}.",
                tuple(&y)
            ),
        ],
    );
    let (_, j) = monodual::jacobian(|x| m.cast() * x, x);
    tour.check("J(Mx) = M  (2×3)", &j, &m);
    let (_, j) = monodual::jacobian(|x| x.map(sigmoid), x);
    let s = x.map(sigmoid::<f64>);
    tour.check(
        "J σ(x) = diag(σ(1 − σ))",
        &j,
        &Matrix3::from_diagonal(&s.map(|t| t * (1.0 - t))),
    );
    let (_, j) = monodual::jacobian(|x| softmax(&x), x);
    let s = e / e.sum();
    tour.check(
        "J softmax(x) = diag(s) − ssᵀ",
        &j,
        &(Matrix3::from_diagonal(&s) - s * s.transpose()),
    );
    let (_, j) = monodual::jacobian(|x| x.component_mul(&y.cast()), x);
    tour.check("J(x ⊙ y) = diag(y)", &j, &Matrix3::from_diagonal(&y));
    let (_, j) = monodual::jacobian(|x| layer_norm(&x, epsilon), x);
    let centered = x.add_scalar(-x.mean());
    let scale = (centered.norm_squared() / 3.0 + epsilon).sqrt();
    let y_hat = centered / scale;
    let closed =
        (Matrix3::identity() - Matrix3::repeat(1.0 / 3.0) - y_hat * y_hat.transpose() / 3.0)
            / scale;
    tour.check("J layer norm (I − 11ᵀ/n − ŷŷᵀ/n)/√(v+ε)", &j, &closed);

    // 3. Hessians ---------------------------------------------------------
    tour.section(
        "3. Hessian: monodual::hessian(f, x)",
        &[
            "x is seeded as HyperDual<f64, 3>: value, gradient and Hessian from one pass.".into(),
            format!(
                "hessian_vector_product gives H·v without forming H; v = {}.",
                tuple(&v)
            ),
        ],
    );
    let (_, _, h) = monodual::hessian(|x| quadratic_form(&a, &x), x);
    tour.check("∇²(xᵀAx) = A + Aᵀ", &h, &(a + a.transpose()));
    let mut asymmetry = (h - h.transpose()).amax();
    let (_, _, h) = monodual::hessian(|x| log_sum_exp(&x), x);
    tour.check(
        "∇² log Σ exp(xᵢ) = diag(s) − ssᵀ",
        &h,
        &(Matrix3::from_diagonal(&s) - s * s.transpose()),
    );
    asymmetry = asymmetry.max((h - h.transpose()).amax());
    let (f0, g0, h0) = monodual::hessian(|x| smooth(&a, &x), x);
    let (_, _, hv) = monodual::hessian_vector_product(|x| smooth(&a, &x), x, v);
    // H of smooth: diag(s) − ssᵀ + (A + Aᵀ)/2 + the Hessian of x₀x₁x₂.
    let product = Matrix3::new(0.0, x[2], x[1], x[2], 0.0, x[0], x[1], x[0], 0.0);
    let h_closed = Matrix3::from_diagonal(&s) - s * s.transpose() + a_sym + product;
    tour.check("∇²(log Σ eˣ + ½xᵀAx + x₀x₁x₂)", &h0, &h_closed);
    tour.check("Hv from hessian_vector_product", &hv, &(h_closed * v));
    asymmetry = asymmetry.max((h0 - h0.transpose()).amax());
    tour.check_scalar("Hᵀ = H: largest |Hᵢⱼ − Hⱼᵢ| above", asymmetry, 0.0);
    // Second-order Taylor: the error of f + ∇fᵀδ + ½δᵀHδ is O(‖δ‖³), so
    // halving δ divides it by 8.
    let taylor_error = |t: f64| {
        let step = v * t;
        (smooth(&a, &(x + step)) - f0 - g0.dot(&step) - 0.5 * step.dot(&(h0 * step))).abs()
    };
    let ratio = taylor_error(1e-2) / taylor_error(5e-3);
    tour.check_rate("Taylor error e(δ)/e(δ/2) → 8 (O(‖δ‖³))", ratio, 8.0, 0.1);
    // Newton's method and the classification of the point it finds.
    let start = Vector2::new(-1.2, 1.0);
    let mut point = start;
    let mut log = Vec::new();
    for _ in 0..20 {
        let (_, g, h) = monodual::hessian(|x| rosenbrock(&x), point);
        log.push(format!("{:.1e}", g.norm()));
        if g.norm() < 1e-13 {
            break;
        }
        point -= h.lu().solve(&g).expect("H is invertible on this path");
    }
    tour.note(&format!(
        "Newton's method δ = −H⁻¹∇f on Rosenbrock's function from {}; ‖∇f‖ per step:",
        tuple(&start)
    ));
    tour.note(&format!("  {}", log.join(" → ")));
    let (_, _, h) = monodual::hessian(|x| rosenbrock(&x), point);
    // Rosenbrock's Hessian by hand: [[1200x₀² − 400x₁ + 2, −400x₀], [−400x₀, 200]];
    // the eigenvalues of a symmetric 2×2 [[p, q], [q, r]]: (p+r)/2 ± √(((p−r)/2)² + q²).
    let (p, q, r) = (
        1200.0 * point[0].powi(2) - 400.0 * point[1] + 2.0,
        -400.0 * point[0],
        200.0,
    );
    let radius = (((p - r) / 2.0).powi(2) + q * q).sqrt();
    let closed_eigen = Vector2::new((p + r) / 2.0 - radius, (p + r) / 2.0 + radius);
    let mut eigen = h.symmetric_eigen().eigenvalues;
    eigen.as_mut_slice().sort_by(f64::total_cmp);
    tour.check("eigenvalues of H at Newton's point", &eigen, &closed_eigen);
    let kind = if eigen.iter().all(|&e| e > 0.0) {
        "a minimum"
    } else {
        "not a minimum"
    };
    tour.note(&format!(
        "Newton stops at ({:.6}, {:.6}); both eigenvalues of H are positive: {kind}, condition number {:.0}",
        point[0],
        point[1],
        eigen[1] / eigen[0]
    ));

    // 4. Chain rule -------------------------------------------------------
    tour.section(
        "4. Chain rule: forward mode differentiates a composition in one pass",
        &[
            "h(x) = tanh(Kx): R³ → R², g(u) = softmax(Pu): R² → R² (K 2×3, P 2×2); the layer"
                .into(),
            "y = Kx + b under the loss L = log Σ exp(y), with K as a matrix input (matrix_gradient)."
                .into(),
        ],
    );
    let k = Matrix2x3::new(0.5, -0.2, 0.1, 0.3, 0.4, -0.3);
    let pm = Matrix2::new(1.0, 2.0, -0.5, 1.5);
    let (_, j_f) = monodual::jacobian(
        |x| softmax(&(pm.cast() * (k.cast() * x).map(|t| t.tanh()))),
        x,
    );
    let (u, j_h) = monodual::jacobian(|x| (k.cast() * x).map(|t| t.tanh()), x);
    let (_, j_g) = monodual::jacobian(|u| softmax(&(pm.cast() * u)), u);
    tour.check("J_{g∘h} = J_g(h(x)) · J_h(x)", &j_f, &(j_g * j_h));
    let u_closed = (k * x).map(f64::tanh);
    let s2 = softmax(&(pm * u_closed));
    let j_closed = (Matrix2::from_diagonal(&s2) - s2 * s2.transpose())
        * pm
        * Matrix2::from_diagonal(&u_closed.map(|t| 1.0 - t * t))
        * k;
    tour.check("J_{g∘h} = (diag s − ssᵀ)P diag(1−h²)K", &j_f, &j_closed);
    let w = k;
    let bias = Vector2::new(0.1, -0.2);
    let delta = softmax(&(w * x + bias)); // δ = ∂L/∂y
    let (_, grad_w) = monodual::matrix_gradient(|w| layer_loss(&w, &x.cast(), &bias.cast()), w);
    tour.check("∂L/∂W = δxᵀ", &grad_w, &(delta * x.transpose()));
    let (_, grad_x) = monodual::gradient(|x| layer_loss(&w.cast(), &x, &bias.cast()), x);
    tour.check("∂L/∂x = Wᵀδ", &grad_x, &(w.transpose() * delta));
    let (_, grad_b) = monodual::gradient(|b| layer_loss(&w.cast(), &x.cast(), &b), bias);
    tour.check("∂L/∂b = δ", &grad_b, &delta);

    // 5. Matrix-valued derivatives -----------------------------------------
    tour.section(
        "5. Matrix-valued derivatives: monodual::matrix_gradient(f, X)",
        &[
            "Each of the 9 entries of X ∈ R³ˣ³ is its own variable (Dual<f64, 9>); the gradient"
                .into(),
            "has the shape of X. nalgebra's inverse, LU and Cholesky run on the dual numbers."
                .into(),
            format!(
                "X = (section 1's A) + 2I, or SSᵀ + I (SPD) for Cholesky; A is a new 3×3; a = {}, b = {}.",
                tuple(&a_vec),
                tuple(&v)
            ),
        ],
    );
    let xm = a + Matrix3::identity() * 2.0;
    let xs = a_sym * a_sym.transpose() + Matrix3::identity();
    let xm_inv_t = xm.try_inverse().expect("invertible").transpose();
    let xs_inv_t = xs.try_inverse().expect("invertible").transpose();
    let am = Matrix3::new(0.5, -1.0, 2.0, 1.0, 0.0, -0.5, 1.5, 1.0, 1.0);
    let (_, grad) = monodual::matrix_gradient(|x| trace_of_product(&am, &x), xm);
    tour.check("∇ tr(AX) = Aᵀ", &grad, &am.transpose());
    let (_, grad) = monodual::matrix_gradient(|x| frobenius_inner(&am, &x), xm);
    tour.check("∇ ⟨A, X⟩_F = A", &grad, &am);
    let (_, grad) = monodual::matrix_gradient(|x| x.norm_squared(), xm);
    tour.check("∇ ‖X‖_F² = 2X", &grad, &(xm * 2.0));
    let (_, grad) = monodual::matrix_gradient(|x| bilinear(&a_vec, &v, &x), xm);
    tour.check("∇ aᵀXb = abᵀ", &grad, &(a_vec * v.transpose()));
    let (_, grad) = monodual::matrix_gradient(|x| trace_quadratic(&am, &x), xm);
    tour.check(
        "∇ tr(XᵀAX) = (A + Aᵀ)X",
        &grad,
        &((am + am.transpose()) * xm),
    );
    let (_, grad) = monodual::matrix_gradient(|x| inverse_bilinear(&a_vec, &v, &x), xm);
    tour.check(
        "∇ aᵀX⁻¹b = −X⁻ᵀabᵀX⁻ᵀ",
        &grad,
        &(-xm_inv_t * a_vec * v.transpose() * xm_inv_t),
    );
    let (_, grad) = monodual::matrix_gradient(|x| trace_inverse_product(&am, &x), xm);
    tour.check(
        "∇ tr(X⁻¹A) = −X⁻ᵀAᵀX⁻ᵀ",
        &grad,
        &(-xm_inv_t * am.transpose() * xm_inv_t),
    );
    let (_, grad) = monodual::matrix_gradient(|x| log_det_lu(&x), xm);
    tour.check("∇ log det X = X⁻ᵀ  (LU)", &grad, &xm_inv_t);
    let (_, grad) = monodual::matrix_gradient(|x| log_det_cholesky(&x), xs);
    tour.check("∇ log det X = X⁻ᵀ  (Cholesky, SPD)", &grad, &xs_inv_t);
    let (det, grad) = monodual::matrix_gradient(|x| x.determinant(), xm);
    tour.check("∇ det X = det(X) X⁻ᵀ  (Jacobi)", &grad, &(xm_inv_t * det));

    // 6. Directional derivatives -------------------------------------------
    tour.section(
        "6. Directional derivative: monodual::directional_derivative(f, x, v)",
        &[
            "One seeded direction (Dual<f64, 1>, whatever n is) gives D_v f = ∇fᵀv in one pass."
                .into(),
            format!("f(x) = log Σ exp(x) + ½xᵀAx + x₀x₁x₂, v = {}.", tuple(&v)),
            "The differential: z = g(y) = log Σ exp(y), y = h(x) = tanh(Kx), along dx = v.".into(),
        ],
    );
    let (_, dv) = monodual::directional_derivative(|x| smooth(&a, &x), x, v);
    let product_gradient = Vector3::new(x[1] * x[2], x[0] * x[2], x[0] * x[1]);
    let g_closed = s + a_sym * x + product_gradient;
    tour.check_scalar("D_v f = ∇fᵀv", dv, g_closed.dot(&v));
    let (_, steepest) =
        monodual::directional_derivative(|x| smooth(&a, &x), x, g_closed / g_closed.norm());
    tour.check_scalar(
        "D_v f at v = ∇f/‖∇f‖ equals ‖∇f‖",
        steepest,
        g_closed.norm(),
    );
    // Over unit directions on a grid of the sphere, D_v f never exceeds ‖∇f‖.
    let mut largest = f64::NEG_INFINITY;
    let (rings, meridians) = (24, 48);
    for ring in 0..rings {
        for meridian in 0..meridians {
            let polar = std::f64::consts::PI * (ring as f64 + 0.5) / rings as f64;
            let azimuth = std::f64::consts::TAU * meridian as f64 / meridians as f64;
            let unit = Vector3::new(
                polar.sin() * azimuth.cos(),
                polar.sin() * azimuth.sin(),
                polar.cos(),
            );
            let (_, dv) = monodual::directional_derivative(|x| smooth(&a, &x), x, unit);
            largest = largest.max(dv);
        }
    }
    tour.check_bound(
        &format!("max of D_v f over {} unit v", rings * meridians),
        largest,
        g_closed.norm(),
    );
    // The differential composes: z = log Σ exp(y), y = h(x) = tanh(Kx):
    // dz = ∇g(y)ᵀ dy with dy = J_h dx.
    let (_, dz) =
        monodual::directional_derivative(|x| log_sum_exp(&(k.cast() * x).map(|t| t.tanh())), x, v);
    // By hand: ∇g(y) = softmax(y), J_h = diag(1 − y²)K.
    let dy = (k * v).component_mul(&u_closed.map(|t| 1.0 - t * t));
    tour.check_scalar("dz = ∇g(y)ᵀ J_h dx", dz, softmax(&u_closed).dot(&dy));

    // Summary --------------------------------------------------------------
    println!();
    println!(
        "{} identities checked, largest difference {:.1e} (tolerance {TOLERANCE:.0e} relative); \
         {} convergence rate and {} bound checked.",
        tour.identities, tour.largest_difference, tour.rates, tour.bounds
    );
    println!(
        "Each section above is the section of the same number in reference/matrix-calculus.md, \
         which names the test (tests/calculus_*.rs) that checks every row at random points."
    );
    if !tour.failures.is_empty() {
        eprintln!("FAILED: {}", tour.failures.join("; "));
        std::process::exit(1);
    }
}
