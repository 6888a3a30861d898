//! The 35 test problems of J. J. Moré, B. S. Garbow and K. E. Hillstrom,
//! "Testing unconstrained optimization software", ACM Transactions on
//! Mathematical Software 7(1), 17–41 (1981): each written once, as residuals
//! r: ℝᴺ → ℝᴹ generic over the scalar, with f = Σ rᵢ².
//!
//! The starting points x₀ and the minima f* are those of the paper's
//! problem descriptions (section 3 of the paper, one paragraph per problem).
//! The paper's f is Σ rᵢ² (no factor ½). Where the paper or the literature
//! lists other minima, they are in `OTHER_MINIMA` with their source.
//! Variable-size problems are at the sizes for which the paper lists f*
//! (n = 10 for most; Watson at n = 6, 9 and 12; Chebyquad at n = 8 and 9),
//! and, for `newton::solve`, also at the sizes MINPACK's hybrd tests use
//! (Chebyquad n = 5, 6, 7; Brown almost-linear n = 30, 40; discrete integral
//! n = 1).

use monodual::Scalar;
use nalgebra::SVector;

/// One problem of the set.
pub trait Problem<const N: usize, const M: usize> {
    /// The problem's number in the paper.
    const NUMBER: usize;
    /// Its name in the paper.
    const NAME: &'static str;
    /// The published minimum f* = Σ rᵢ² (the paper's value).
    const MINIMUM: f64;
    /// Other local minima the paper lists (values of Σ rᵢ²).
    const OTHER_MINIMA: &'static [f64] = &[];
    /// How many of the starts x₀, 10·x₀, 100·x₀ MINPACK's hybrd tests solve
    /// r = 0 from (`0`: not one of its systems in this form). MINPACK's set
    /// is 14 problems in 22 sizes, 55 runs.
    const SYSTEM_TRIES: usize = 0;
    /// How many starts MINPACK's hybrd tests solve the normal equations
    /// `Jᵀr = 0` (`½∇f = 0`) of this problem from: the form in which they
    /// solve Wood, Watson and variably dimensioned (MINPACK's Wood doubles
    /// equations 2 and 4, which moves no root).
    const NORMAL_TRIES: usize = 0;
    /// The standard starting point x₀.
    fn start() -> SVector<f64, N>;
    /// The residuals r(x).
    fn residuals<S: Scalar>(x: &SVector<S, N>) -> SVector<S, M>;
    /// The start `scale`·x₀ of MINPACK's tests: (s, …, s) where x₀ = 0 and
    /// s ≠ 1, as its `initpt` does for Watson.
    fn scaled_start(scale: f64) -> SVector<f64, N> {
        let start = Self::start();
        if start.iter().all(|&x| x == 0.0) && scale != 1.0 {
            SVector::repeat(scale)
        } else {
            start * scale
        }
    }
}

/// A constant of the scalar type.
fn c<S: Scalar>(value: f64) -> S {
    S::from_float(value)
}

/// The vector with entries `entry(i)`, i = 0, …, K − 1.
fn vector<S: Scalar, const K: usize>(entry: impl Fn(usize) -> S) -> SVector<S, K> {
    SVector::from_fn(|i, _| entry(i))
}

/// (1) Rosenbrock: r = (10(x₂ − x₁²), 1 − x₁), x₀ = (−1.2, 1), f* = 0.
pub struct Rosenbrock;
impl Problem<2, 2> for Rosenbrock {
    const NUMBER: usize = 1;
    const NAME: &'static str = "Rosenbrock";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 2> {
        SVector::from([-1.2, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        SVector::from([(x[1] - x[0] * x[0]) * 10.0, c::<S>(1.0) - x[0]])
    }
}

/// (2) Freudenstein and Roth, x₀ = (0.5, −2); f* = 0 at (5, 4), and
/// f = 48.9842… at (11.41…, −0.8968…) (the paper).
pub struct FreudensteinRoth;
impl Problem<2, 2> for FreudensteinRoth {
    const NUMBER: usize = 2;
    const NAME: &'static str = "Freudenstein-Roth";
    const MINIMUM: f64 = 0.0;
    const OTHER_MINIMA: &'static [f64] = &[48.9842];
    fn start() -> SVector<f64, 2> {
        SVector::from([0.5, -2.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        // r₁ = −13 + x₁ + ((5 − x₂)x₂ − 2)x₂, r₂ = −29 + x₁ + ((x₂ + 1)x₂ − 14)x₂
        let (x1, x2) = (x[0], x[1]);
        SVector::from([
            x1 - 13.0 + ((c::<S>(5.0) - x2) * x2 - 2.0) * x2,
            x1 - 29.0 + ((x2 + 1.0) * x2 - 14.0) * x2,
        ])
    }
}

/// (3) Powell badly scaled, x₀ = (0, 1), f* = 0.
pub struct PowellBadlyScaled;
impl Problem<2, 2> for PowellBadlyScaled {
    const NUMBER: usize = 3;
    const NAME: &'static str = "Powell badly scaled";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 2;
    fn start() -> SVector<f64, 2> {
        SVector::from([0.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 2> {
        // r₁ = 10⁴x₁x₂ − 1, r₂ = e^{−x₁} + e^{−x₂} − 1.0001
        SVector::from([
            x[0] * x[1] * 1e4 - 1.0,
            (-x[0]).exp() + (-x[1]).exp() - 1.0001,
        ])
    }
}

/// (4) Brown badly scaled, x₀ = (1, 1), f* = 0 at (10⁶, 2·10⁻⁶).
pub struct BrownBadlyScaled;
impl Problem<2, 3> for BrownBadlyScaled {
    const NUMBER: usize = 4;
    const NAME: &'static str = "Brown badly scaled";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 2> {
        SVector::from([1.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 3> {
        SVector::from([x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2.0])
    }
}

/// (5) Beale, x₀ = (1, 1), f* = 0 at (3, 0.5).
pub struct Beale;
impl Problem<2, 3> for Beale {
    const NUMBER: usize = 5;
    const NAME: &'static str = "Beale";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 2> {
        SVector::from([1.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 3> {
        // rᵢ = yᵢ − x₁(1 − x₂ⁱ)
        let y = [1.5, 2.25, 2.625];
        vector(|i| c::<S>(y[i]) - x[0] * (c::<S>(1.0) - x[1].powi(i as i32 + 1)))
    }
}

/// (6) Jennrich and Sampson, m = 10, x₀ = (0.3, 0.4), f* = 124.362 at
/// x₁ = x₂ = 0.2578.
pub struct JennrichSampson;
impl Problem<2, 10> for JennrichSampson {
    const NUMBER: usize = 6;
    const NAME: &'static str = "Jennrich-Sampson";
    const MINIMUM: f64 = 124.362;
    fn start() -> SVector<f64, 2> {
        SVector::from([0.3, 0.4])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 2>) -> SVector<S, 10> {
        // rᵢ = 2 + 2i − (e^{i x₁} + e^{i x₂})
        vector(|k| {
            let i = (k + 1) as f64;
            c::<S>(2.0 + 2.0 * i) - (x[0] * i).exp() - (x[1] * i).exp()
        })
    }
}

/// (7) Helical valley, x₀ = (−1, 0, 0), f* = 0 at (1, 0, 0).
pub struct HelicalValley;
impl Problem<3, 3> for HelicalValley {
    const NUMBER: usize = 7;
    const NAME: &'static str = "Helical valley";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 3> {
        SVector::from([-1.0, 0.0, 0.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 3> {
        // 2πθ = arctan(x₂/x₁) for x₁ > 0, arctan(x₂/x₁) + π for x₁ < 0
        // (and ±π/2 on x₁ = 0, the limit MINPACK's test code takes)
        let two_pi = 2.0 * core::f64::consts::PI;
        let theta = if x[0] > S::zero() {
            (x[1] / x[0]).atan() / two_pi
        } else if x[0] < S::zero() {
            (x[1] / x[0]).atan() / two_pi + 0.5
        } else if x[1] >= S::zero() {
            c(0.25)
        } else {
            c(-0.25)
        };
        SVector::from([
            (x[2] - theta * 10.0) * 10.0,
            ((x[0] * x[0] + x[1] * x[1]).sqrt() - 1.0) * 10.0,
            x[2],
        ])
    }
}

/// (8) Bard, x₀ = (1, 1, 1); f* = 8.21487…·10⁻³, and f = 17.4286… at
/// (0.8406…, −∞, −∞) (the paper).
pub struct Bard;
impl Problem<3, 15> for Bard {
    const NUMBER: usize = 8;
    const NAME: &'static str = "Bard";
    const MINIMUM: f64 = 8.21487e-3;
    const OTHER_MINIMA: &'static [f64] = &[17.4286];
    fn start() -> SVector<f64, 3> {
        SVector::from([1.0, 1.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 15> {
        // rᵢ = yᵢ − (x₁ + uᵢ / (vᵢx₂ + wᵢx₃)), uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ)
        let y = [
            0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10,
            4.39,
        ];
        vector(|k| {
            let u = (k + 1) as f64;
            let v = 16.0 - u;
            let w = u.min(v);
            c::<S>(y[k]) - (x[0] + c::<S>(u) / (x[1] * v + x[2] * w))
        })
    }
}

/// (9) Gaussian, x₀ = (0.4, 1, 0), f* = 1.12793…·10⁻⁸.
pub struct Gaussian;
impl Problem<3, 15> for Gaussian {
    const NUMBER: usize = 9;
    const NAME: &'static str = "Gaussian";
    const MINIMUM: f64 = 1.12793e-8;
    fn start() -> SVector<f64, 3> {
        SVector::from([0.4, 1.0, 0.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 15> {
        // rᵢ = x₁ exp(−x₂(tᵢ − x₃)²/2) − yᵢ, tᵢ = (8 − i)/2, y symmetric about i = 8
        let half = [
            0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
        ];
        vector(|k| {
            let i = (k + 1) as f64;
            let t = (8.0 - i) / 2.0;
            let y = half[k.min(14 - k)];
            let d = x[2] - t;
            x[0] * (-(x[1] * d * d) * 0.5).exp() - y
        })
    }
}

/// (10) Meyer, x₀ = (0.02, 4000, 250), f* = 87.9458….
pub struct Meyer;
impl Problem<3, 16> for Meyer {
    const NUMBER: usize = 10;
    const NAME: &'static str = "Meyer";
    const MINIMUM: f64 = 87.9458;
    fn start() -> SVector<f64, 3> {
        SVector::from([0.02, 4000.0, 250.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 16> {
        // rᵢ = x₁ exp(x₂ / (tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i
        let y = [
            34780.0, 28610.0, 23650.0, 19630.0, 16370.0, 13720.0, 11540.0, 9744.0, 8261.0, 7030.0,
            6005.0, 5147.0, 4427.0, 3820.0, 3307.0, 2872.0,
        ];
        vector(|k| {
            let t = 45.0 + 5.0 * (k + 1) as f64;
            x[0] * (x[1] / (x[2] + t)).exp() - y[k]
        })
    }
}

/// (11) Gulf research and development, m = 100 (the paper allows
/// n ≤ m ≤ 100), x₀ = (5, 2.5, 0.15), f* = 0 at (50, 25, 1.5).
pub struct Gulf;
impl Problem<3, 100> for Gulf {
    const NUMBER: usize = 11;
    const NAME: &'static str = "Gulf research";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 3> {
        SVector::from([5.0, 2.5, 0.15])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 100> {
        // rᵢ = exp(−|yᵢ − x₂|^{x₃} / x₁) − tᵢ, tᵢ = i/100, yᵢ = 25 + (−50 ln tᵢ)^{2/3}
        vector(|k| {
            let t = (k + 1) as f64 / 100.0;
            let y = 25.0 + (-50.0 * t.ln()).powf(2.0 / 3.0);
            (-((c::<S>(y) - x[1]).abs().powf(x[2]) / x[0])).exp() - t
        })
    }
}

/// (12) Box three-dimensional, m = 10, x₀ = (0, 10, 20); f* = 0 at
/// (1, 10, 1), (10, 1, −1) and wherever x₁ = x₂, x₃ = 0.
pub struct Box3d;
impl Problem<3, 10> for Box3d {
    const NUMBER: usize = 12;
    const NAME: &'static str = "Box 3-D";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 3> {
        SVector::from([0.0, 10.0, 20.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 3>) -> SVector<S, 10> {
        // rᵢ = e^{−tᵢx₁} − e^{−tᵢx₂} − x₃(e^{−tᵢ} − e^{−10tᵢ}), tᵢ = 0.1 i
        vector(|k| {
            let t = 0.1 * (k + 1) as f64;
            (x[0] * -t).exp() - (x[1] * -t).exp() - x[2] * ((-t).exp() - (-10.0 * t).exp())
        })
    }
}

/// (13) Powell singular, x₀ = (3, −1, 0, 1), f* = 0 at the origin (where
/// the Jacobian is singular).
pub struct PowellSingular;
impl Problem<4, 4> for PowellSingular {
    const NUMBER: usize = 13;
    const NAME: &'static str = "Powell singular";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 4> {
        SVector::from([3.0, -1.0, 0.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 4>) -> SVector<S, 4> {
        SVector::from([
            x[0] + x[1] * 10.0,
            (x[2] - x[3]) * 5f64.sqrt(),
            (x[1] - x[2] * 2.0).powi(2),
            (x[0] - x[3]).powi(2) * 10f64.sqrt(),
        ])
    }
}

/// (14) Wood, x₀ = (−3, −1, −3, −1), f* = 0 at (1, 1, 1, 1).
pub struct Wood;
impl Problem<4, 6> for Wood {
    const NUMBER: usize = 14;
    const NAME: &'static str = "Wood";
    const MINIMUM: f64 = 0.0;
    const NORMAL_TRIES: usize = 3;
    fn start() -> SVector<f64, 4> {
        SVector::from([-3.0, -1.0, -3.0, -1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 4>) -> SVector<S, 6> {
        SVector::from([
            (x[1] - x[0] * x[0]) * 10.0,
            c::<S>(1.0) - x[0],
            (x[3] - x[2] * x[2]) * 90f64.sqrt(),
            c::<S>(1.0) - x[2],
            (x[1] + x[3] - 2.0) * 10f64.sqrt(),
            (x[1] - x[3]) / 10f64.sqrt(),
        ])
    }
}

/// (15) Kowalik and Osborne, x₀ = (0.25, 0.39, 0.415, 0.39); f* =
/// 3.07505…·10⁻⁴, and f = 1.02734…·10⁻³ at (+∞, −14.07…, −∞, −∞) (the paper).
pub struct KowalikOsborne;
impl Problem<4, 11> for KowalikOsborne {
    const NUMBER: usize = 15;
    const NAME: &'static str = "Kowalik-Osborne";
    const MINIMUM: f64 = 3.07505e-4;
    const OTHER_MINIMA: &'static [f64] = &[1.02734e-3];
    fn start() -> SVector<f64, 4> {
        SVector::from([0.25, 0.39, 0.415, 0.39])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 4>) -> SVector<S, 11> {
        // rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂) / (uᵢ² + uᵢx₃ + x₄)
        let y = [
            0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246,
        ];
        let u = [
            4.0, 2.0, 1.0, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625,
        ];
        vector(|i| {
            let ui = u[i];
            c::<S>(y[i]) - x[0] * (x[1] * ui + ui * ui) / (x[2] * ui + x[3] + ui * ui)
        })
    }
}

/// (16) Brown and Dennis, m = 20, x₀ = (25, 5, −5, −1), f* = 85822.2….
pub struct BrownDennis;
impl Problem<4, 20> for BrownDennis {
    const NUMBER: usize = 16;
    const NAME: &'static str = "Brown-Dennis";
    const MINIMUM: f64 = 85822.2;
    fn start() -> SVector<f64, 4> {
        SVector::from([25.0, 5.0, -5.0, -1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 4>) -> SVector<S, 20> {
        // rᵢ = (x₁ + tᵢx₂ − e^{tᵢ})² + (x₃ + x₄ sin tᵢ − cos tᵢ)², tᵢ = i/5
        vector(|k| {
            let t = (k + 1) as f64 / 5.0;
            (x[0] + x[1] * t - t.exp()).powi(2) + (x[2] + x[3] * t.sin() - t.cos()).powi(2)
        })
    }
}

/// (17) Osborne 1, x₀ = (0.5, 1.5, −1, 0.01, 0.02), f* = 5.46489…·10⁻⁵.
pub struct Osborne1;
impl Problem<5, 33> for Osborne1 {
    const NUMBER: usize = 17;
    const NAME: &'static str = "Osborne 1";
    const MINIMUM: f64 = 5.46489e-5;
    fn start() -> SVector<f64, 5> {
        SVector::from([0.5, 1.5, -1.0, 0.01, 0.02])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 5>) -> SVector<S, 33> {
        // rᵢ = yᵢ − (x₁ + x₂e^{−tᵢx₄} + x₃e^{−tᵢx₅}), tᵢ = 10(i − 1)
        let y = [
            0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718,
            0.685, 0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467,
            0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
        ];
        vector(|k| {
            let t = 10.0 * k as f64;
            c::<S>(y[k]) - (x[0] + x[1] * (x[3] * -t).exp() + x[2] * (x[4] * -t).exp())
        })
    }
}

/// (18) Biggs EXP6, m = 13, x₀ = (1, 2, 1, 1, 1, 1); f* = 5.65565…·10⁻³
/// (the paper's value for m = 13), and f = 0 at (1, 10, 1, 5, 4, 3).
pub struct BiggsExp6;
impl Problem<6, 13> for BiggsExp6 {
    const NUMBER: usize = 18;
    const NAME: &'static str = "Biggs EXP6";
    const MINIMUM: f64 = 5.65565e-3;
    const OTHER_MINIMA: &'static [f64] = &[0.0];
    fn start() -> SVector<f64, 6> {
        SVector::from([1.0, 2.0, 1.0, 1.0, 1.0, 1.0])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 6>) -> SVector<S, 13> {
        // rᵢ = x₃e^{−tᵢx₁} − x₄e^{−tᵢx₂} + x₆e^{−tᵢx₅} − yᵢ,
        // tᵢ = 0.1 i, yᵢ = e^{−tᵢ} − 5e^{−10tᵢ} + 3e^{−4tᵢ}
        vector(|k| {
            let t = 0.1 * (k + 1) as f64;
            let y = (-t).exp() - 5.0 * (-10.0 * t).exp() + 3.0 * (-4.0 * t).exp();
            x[2] * (x[0] * -t).exp() - x[3] * (x[1] * -t).exp() + x[5] * (x[4] * -t).exp() - y
        })
    }
}

/// (19) Osborne 2, x₀ = (1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5),
/// f* = 4.01377…·10⁻².
pub struct Osborne2;
impl Problem<11, 65> for Osborne2 {
    const NUMBER: usize = 19;
    const NAME: &'static str = "Osborne 2";
    const MINIMUM: f64 = 4.01377e-2;
    fn start() -> SVector<f64, 11> {
        SVector::from([1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 11>) -> SVector<S, 65> {
        // rᵢ = yᵢ − (x₁e^{−tᵢx₅} + x₂e^{−(tᵢ−x₉)²x₆} + x₃e^{−(tᵢ−x₁₀)²x₇}
        //            + x₄e^{−(tᵢ−x₁₁)²x₈}), tᵢ = (i − 1)/10
        let y = [
            1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679,
            0.608, 0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644,
            0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391,
            0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668,
            0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581,
            0.428, 0.292, 0.162, 0.098, 0.054,
        ];
        vector(|k| {
            let t = k as f64 / 10.0;
            let bump = |a: S, width: S, centre: S| a * (-(centre - t).powi(2) * width).exp();
            c::<S>(y[k])
                - (x[0] * (x[4] * -t).exp()
                    + bump(x[1], x[5], x[8])
                    + bump(x[2], x[6], x[9])
                    + bump(x[3], x[7], x[10]))
        })
    }
}

/// (20) Watson, m = 31, x₀ = 0; f* = 2.28767…·10⁻³ (n = 6),
/// 1.39976…·10⁻⁶ (n = 9), 4.72238…·10⁻¹⁰ (n = 12) (the paper).
pub struct Watson<const N: usize>;
impl<const N: usize> Problem<N, 31> for Watson<N> {
    const NUMBER: usize = 20;
    const NAME: &'static str = match N {
        6 => "Watson n=6",
        9 => "Watson n=9",
        12 => "Watson n=12",
        _ => "Watson",
    };
    const MINIMUM: f64 = match N {
        6 => 2.28767e-3,
        9 => 1.39976e-6,
        12 => 4.72238e-10,
        _ => f64::NAN,
    };
    const NORMAL_TRIES: usize = match N {
        6 | 9 => 2,
        _ => 0,
    };
    fn start() -> SVector<f64, N> {
        SVector::zeros()
    }
    fn residuals<S: Scalar>(x: &SVector<S, N>) -> SVector<S, 31> {
        // rᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^{j−2} − (Σⱼ₌₁ⁿ xⱼtᵢ^{j−1})² − 1, tᵢ = i/29, i ≤ 29;
        // r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1
        vector(|k| match k {
            29 => x[0],
            30 => x[1] - x[0] * x[0] - 1.0,
            _ => {
                let t = (k + 1) as f64 / 29.0;
                let mut derivative = S::zero();
                let mut value = S::zero();
                let mut power = 1.0; // t^{j−1}, j counting from 1
                for j in 0..N {
                    if j > 0 {
                        derivative += x[j] * (j as f64 * power / t);
                    }
                    value += x[j] * power;
                    power *= t;
                }
                derivative - value * value - 1.0
            }
        })
    }
}

/// (21) Extended Rosenbrock, n = 10, x₀ = (−1.2, 1, …), f* = 0.
pub struct ExtendedRosenbrock;
impl Problem<10, 10> for ExtendedRosenbrock {
    const NUMBER: usize = 21;
    const NAME: &'static str = "Ext. Rosenbrock";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 10> {
        SVector::from_fn(|i, _| if i % 2 == 0 { -1.2 } else { 1.0 })
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        vector(|i| {
            if i % 2 == 0 {
                (x[i + 1] - x[i] * x[i]) * 10.0
            } else {
                c::<S>(1.0) - x[i - 1]
            }
        })
    }
}

/// (22) Extended Powell singular, n = 12, x₀ = (3, −1, 0, 1, …), f* = 0 at
/// the origin.
pub struct ExtendedPowell;
impl Problem<12, 12> for ExtendedPowell {
    const NUMBER: usize = 22;
    const NAME: &'static str = "Ext. Powell";
    const MINIMUM: f64 = 0.0;
    fn start() -> SVector<f64, 12> {
        SVector::from_fn(|i, _| [3.0, -1.0, 0.0, 1.0][i % 4])
    }
    fn residuals<S: Scalar>(x: &SVector<S, 12>) -> SVector<S, 12> {
        vector(|i| {
            let b = i - i % 4;
            match i % 4 {
                0 => x[b] + x[b + 1] * 10.0,
                1 => (x[b + 2] - x[b + 3]) * 5f64.sqrt(),
                2 => (x[b + 1] - x[b + 2] * 2.0).powi(2),
                _ => (x[b] - x[b + 3]).powi(2) * 10f64.sqrt(),
            }
        })
    }
}

/// (23) Penalty function I, n = 10, m = 11, x₀ = (1, 2, …, n), f* =
/// 7.08765…·10⁻⁵ (the paper's value for n = 10).
pub struct PenaltyI;
impl Problem<10, 11> for PenaltyI {
    const NUMBER: usize = 23;
    const NAME: &'static str = "Penalty I";
    const MINIMUM: f64 = 7.08765e-5;
    fn start() -> SVector<f64, 10> {
        SVector::from_fn(|i, _| (i + 1) as f64)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 11> {
        // rᵢ = √a (xᵢ − 1), a = 10⁻⁵; rₙ₊₁ = Σ xⱼ² − 1/4
        vector(|i| {
            if i < 10 {
                (x[i] - 1.0) * 1e-5f64.sqrt()
            } else {
                x.iter().fold(S::zero(), |s, &xj| s + xj * xj) - 0.25
            }
        })
    }
}

/// (24) Penalty function II, n = 10, m = 20, x₀ = (½, …), f* =
/// 2.93660…·10⁻⁴ (the paper's value for n = 10).
pub struct PenaltyII;
impl Problem<10, 20> for PenaltyII {
    const NUMBER: usize = 24;
    const NAME: &'static str = "Penalty II";
    const MINIMUM: f64 = 2.93660e-4;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(0.5)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 20> {
        // r₁ = x₁ − 0.2; rᵢ = √a (e^{xᵢ/10} + e^{xᵢ₋₁/10} − yᵢ), 2 ≤ i ≤ n,
        // yᵢ = e^{i/10} + e^{(i−1)/10}; rᵢ = √a (e^{xᵢ₋ₙ₊₁/10} − e^{−1/10}),
        // n < i < 2n; r₂ₙ = Σⱼ (n − j + 1)xⱼ² − 1; a = 10⁻⁵
        const N: usize = 10;
        let root_a = 1e-5f64.sqrt();
        vector(|k| {
            let i = k + 1;
            if i == 1 {
                x[0] - 0.2
            } else if i <= N {
                let y = (i as f64 / 10.0).exp() + ((i - 1) as f64 / 10.0).exp();
                ((x[i - 1] / 10.0).exp() + (x[i - 2] / 10.0).exp() - y) * root_a
            } else if i < 2 * N {
                ((x[i - N] / 10.0).exp() - (-0.1f64).exp()) * root_a
            } else {
                (0..N).fold(S::zero(), |s, j| s + x[j] * x[j] * (N - j) as f64) - 1.0
            }
        })
    }
}

/// (25) Variably dimensioned, n = 10, m = 12, x₀ = (1 − j/n), f* = 0 at
/// (1, …, 1).
pub struct VariablyDimensioned;
impl Problem<10, 12> for VariablyDimensioned {
    const NUMBER: usize = 25;
    const NAME: &'static str = "Variably dim.";
    const MINIMUM: f64 = 0.0;
    const NORMAL_TRIES: usize = 3;
    fn start() -> SVector<f64, 10> {
        SVector::from_fn(|j, _| 1.0 - (j + 1) as f64 / 10.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 12> {
        // rᵢ = xᵢ − 1; rₙ₊₁ = Σ j(xⱼ − 1); rₙ₊₂ = (Σ j(xⱼ − 1))²
        let weighted = (0..10).fold(S::zero(), |s, j| s + (x[j] - 1.0) * (j + 1) as f64);
        vector(|i| match i {
            10 => weighted,
            11 => weighted * weighted,
            _ => x[i] - 1.0,
        })
    }
}

/// (26) Trigonometric, n = 10, x₀ = (1/n, …); f* = 0, and f = 2.79506…·10⁻⁵
/// at another local minimizer (the paper, n = 10).
pub struct Trigonometric;
impl Problem<10, 10> for Trigonometric {
    const NUMBER: usize = 26;
    const NAME: &'static str = "Trigonometric";
    const MINIMUM: f64 = 0.0;
    const OTHER_MINIMA: &'static [f64] = &[2.79506e-5];
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(0.1)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        // rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ
        let cosines = x.iter().fold(S::zero(), |s, xj| s + xj.cos());
        vector(|k| {
            let i = (k + 1) as f64;
            c::<S>(10.0) - cosines + (c::<S>(1.0) - x[k].cos()) * i - x[k].sin()
        })
    }
}

/// (27) Brown almost-linear, x₀ = (½, …); f* = 0 at (α, …, α, α^{1−n}) with
/// nαⁿ − (n + 1)αⁿ⁻¹ + 1 = 0 (α = 1 among them), and f = 1 at (0, …, 0,
/// n + 1) (the paper, n = 10). MINPACK's hybrd tests also solve it at n = 30
/// and 40, from x₀ only.
pub struct BrownAlmostLinear<const N: usize>;
impl<const N: usize> Problem<N, N> for BrownAlmostLinear<N> {
    const NUMBER: usize = 27;
    const NAME: &'static str = match N {
        10 => "Brown almost-lin.",
        30 => "Brown almost-lin. n=30",
        40 => "Brown almost-lin. n=40",
        _ => "Brown almost-lin.",
    };
    const MINIMUM: f64 = 0.0;
    const OTHER_MINIMA: &'static [f64] = &[1.0];
    const SYSTEM_TRIES: usize = match N {
        10 => 3,
        30 | 40 => 1,
        _ => 0,
    };
    fn start() -> SVector<f64, N> {
        SVector::repeat(0.5)
    }
    fn residuals<S: Scalar>(x: &SVector<S, N>) -> SVector<S, N> {
        // rᵢ = xᵢ + Σⱼ xⱼ − (n + 1), i < n; rₙ = Πⱼ xⱼ − 1
        let sum = x.iter().fold(S::zero(), |s, &xj| s + xj);
        let product = x.iter().fold(S::one(), |p, &xj| p * xj);
        vector(|i| {
            if i + 1 < N {
                x[i] + sum - (N + 1) as f64
            } else {
                product - 1.0
            }
        })
    }
}

/// tⱼ = j h, h = 1/(n + 1), for the unknown j (from 0): the grid of the two
/// discretized problems at size n.
fn grid(j: usize, n: usize) -> f64 {
    (j + 1) as f64 / (n + 1) as f64
}

/// (28) Discrete boundary value, n = 10, x₀ = (tⱼ(tⱼ − 1)), f* = 0.
pub struct DiscreteBoundary;
impl Problem<10, 10> for DiscreteBoundary {
    const NUMBER: usize = 28;
    const NAME: &'static str = "Discrete boundary";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 10> {
        SVector::from_fn(|j, _| grid(j, 10) * (grid(j, 10) - 1.0))
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        // rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2, x₀ = xₙ₊₁ = 0
        let h = 1.0 / 11.0;
        vector(|i| {
            let before = if i > 0 { x[i - 1] } else { S::zero() };
            let after = if i < 9 { x[i + 1] } else { S::zero() };
            x[i] * 2.0 - before - after + (x[i] + grid(i, 10) + 1.0).powi(3) * (h * h / 2.0)
        })
    }
}

/// (29) Discrete integral equation, x₀ = (tⱼ(tⱼ − 1)), f* = 0 (the paper,
/// n = 10). MINPACK's hybrd tests also solve it at n = 1.
pub struct DiscreteIntegral<const N: usize>;
impl<const N: usize> Problem<N, N> for DiscreteIntegral<N> {
    const NUMBER: usize = 29;
    const NAME: &'static str = match N {
        1 => "Discrete integral n=1",
        _ => "Discrete integral",
    };
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, N> {
        SVector::from_fn(|j, _| grid(j, N) * (grid(j, N) - 1.0))
    }
    fn residuals<S: Scalar>(x: &SVector<S, N>) -> SVector<S, N> {
        // rᵢ = xᵢ + h[(1 − tᵢ) Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢ Σⱼ>ᵢ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2
        let h = 1.0 / (N + 1) as f64;
        let cube = |j: usize| (x[j] + grid(j, N) + 1.0).powi(3);
        vector(|i| {
            let t = grid(i, N);
            let mut lower = S::zero();
            let mut upper = S::zero();
            for j in 0..N {
                if j <= i {
                    lower += cube(j) * grid(j, N);
                } else {
                    upper += cube(j) * (1.0 - grid(j, N));
                }
            }
            x[i] + (lower * (1.0 - t) + upper * t) * (h / 2.0)
        })
    }
}

/// (30) Broyden tridiagonal, n = 10, x₀ = (−1, …), f* = 0.
pub struct BroydenTridiagonal;
impl Problem<10, 10> for BroydenTridiagonal {
    const NUMBER: usize = 30;
    const NAME: &'static str = "Broyden tridiag.";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(-1.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        // rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = xₙ₊₁ = 0
        vector(|i| {
            let before = if i > 0 { x[i - 1] } else { S::zero() };
            let after = if i < 9 { x[i + 1] } else { S::zero() };
            (c::<S>(3.0) - x[i] * 2.0) * x[i] - before - after * 2.0 + 1.0
        })
    }
}

/// (31) Broyden banded, n = 10, x₀ = (−1, …), f* = 0.
pub struct BroydenBanded;
impl Problem<10, 10> for BroydenBanded {
    const NUMBER: usize = 31;
    const NAME: &'static str = "Broyden banded";
    const MINIMUM: f64 = 0.0;
    const SYSTEM_TRIES: usize = 3;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(-1.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 10> {
        // rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j ∈ Jᵢ} xⱼ(1 + xⱼ),
        // Jᵢ = {j ≠ i : max(1, i − 5) ≤ j ≤ min(n, i + 1)}
        vector(|i| {
            let mut band = S::zero();
            for j in i.saturating_sub(5)..=(i + 1).min(9) {
                if j != i {
                    band += x[j] * (x[j] + 1.0);
                }
            }
            x[i] * (x[i] * x[i] * 5.0 + 2.0) + 1.0 - band
        })
    }
}

/// (32) Linear function, full rank, n = 10, m = 20, x₀ = (1, …), f* = m − n
/// = 10 at (−1, …, −1).
pub struct LinearFullRank;
impl Problem<10, 20> for LinearFullRank {
    const NUMBER: usize = 32;
    const NAME: &'static str = "Linear full rank";
    const MINIMUM: f64 = 10.0;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(1.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 20> {
        // rᵢ = xᵢ − (2/m)Σ xⱼ − 1 (i ≤ n), −(2/m)Σ xⱼ − 1 (i > n)
        let sum = x.iter().fold(S::zero(), |s, &xj| s + xj);
        vector(|i| {
            let common = -(sum * (2.0 / 20.0)) - 1.0;
            if i < 10 { x[i] + common } else { common }
        })
    }
}

/// (33) Linear function, rank 1, n = 10, m = 20, x₀ = (1, …), f* =
/// m(m − 1)/(2(2m + 1)) = 380/82.
pub struct LinearRank1;
impl Problem<10, 20> for LinearRank1 {
    const NUMBER: usize = 33;
    const NAME: &'static str = "Linear rank 1";
    const MINIMUM: f64 = 380.0 / 82.0;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(1.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 20> {
        // rᵢ = i(Σ j xⱼ) − 1
        let weighted = (0..10).fold(S::zero(), |s, j| s + x[j] * (j + 1) as f64);
        vector(|i| weighted * (i + 1) as f64 - 1.0)
    }
}

/// (34) Linear function, rank 1 with zero columns and rows, n = 10, m = 20,
/// x₀ = (1, …), f* = (m² + 3m − 6)/(2(2m − 3)) = 454/74.
pub struct LinearRank1ZeroColumns;
impl Problem<10, 20> for LinearRank1ZeroColumns {
    const NUMBER: usize = 34;
    const NAME: &'static str = "Linear rank 1, 0s";
    const MINIMUM: f64 = 454.0 / 74.0;
    fn start() -> SVector<f64, 10> {
        SVector::repeat(1.0)
    }
    fn residuals<S: Scalar>(x: &SVector<S, 10>) -> SVector<S, 20> {
        // r₁ = rₘ = −1; rᵢ = (i − 1)(Σ_{j=2}^{n−1} j xⱼ) − 1
        let weighted = (1..9).fold(S::zero(), |s, j| s + x[j] * (j + 1) as f64);
        vector(|k| {
            if k == 0 || k == 19 {
                c(-1.0)
            } else {
                weighted * k as f64 - 1.0
            }
        })
    }
}

/// (35) Chebyquad, m = n, x₀ = (j/(n + 1)); f* = 3.51687…·10⁻³ (n = 8) and
/// 0 (n = 9) (the paper). MINPACK's hybrd tests solve it at n = 5, 6, 7 (from
/// three starts) and 8, 9 (from x₀); at n = 8 it has no root.
pub struct Chebyquad<const N: usize>;
impl<const N: usize> Problem<N, N> for Chebyquad<N> {
    const NUMBER: usize = 35;
    const NAME: &'static str = match N {
        5 => "Chebyquad n=5",
        6 => "Chebyquad n=6",
        7 => "Chebyquad n=7",
        8 => "Chebyquad n=8",
        9 => "Chebyquad n=9",
        _ => "Chebyquad",
    };
    const MINIMUM: f64 = match N {
        8 => 3.51687e-3,
        9 => 0.0,
        _ => f64::NAN,
    };
    const SYSTEM_TRIES: usize = match N {
        5..=7 => 3,
        8 | 9 => 1,
        _ => 0,
    };
    fn start() -> SVector<f64, N> {
        SVector::from_fn(|j, _| (j + 1) as f64 / (N + 1) as f64)
    }
    fn residuals<S: Scalar>(x: &SVector<S, N>) -> SVector<S, N> {
        // rᵢ = (1/n) Σⱼ Tᵢ(xⱼ) − ∫₀¹ Tᵢ, Tᵢ the Chebyshev polynomial shifted to
        // [0, 1]; ∫₀¹ Tᵢ = 0 for odd i, −1/(i² − 1) for even i
        let mut sums = SVector::<S, N>::zeros();
        for j in 0..N {
            // T₁(x) = 2x − 1, Tₖ₊₁ = 2(2x − 1)Tₖ − Tₖ₋₁
            let y = x[j] * 2.0 - 1.0;
            let (mut previous, mut current) = (S::one(), y);
            for i in 0..N {
                sums[i] += current;
                let next = y * current * 2.0 - previous;
                previous = current;
                current = next;
            }
        }
        vector(|k| {
            let i = (k + 1) as f64;
            let integral = if (k + 1) % 2 == 0 {
                -1.0 / (i * i - 1.0)
            } else {
                0.0
            };
            sums[k] / N as f64 - integral
        })
    }
}
