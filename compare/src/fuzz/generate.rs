//! Random programs and points.

use super::program::{Binary, Expr, Unary};

/// A small seeded generator (SplitMix64): the same stream on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6d6f_6e6f_6475_616c)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * 2f64.powi(-53)
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn sign(&mut self) -> f64 {
        if self.chance(0.5) { 1.0 } else { -1.0 }
    }
}

/// The values that are special for IEEE arithmetic.
pub const SPECIAL: &[f64] = &[
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    2.2e-310,
    -1e-310,
    1e-300,
    -1e-300,
    1e300,
    -1e300,
    f64::MAX,
    -f64::MAX,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    1.0,
    -1.0,
];

/// What kind of point a case is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointKind {
    /// Moderate values, where the reference usually answers.
    Ordinary,
    /// Close to domain edges and kinks: 0, ±1, integers, half-integers.
    NearEdge,
    /// ±0, subnormals, ±huge, ±∞, NaN among ordinary values.
    Special,
}

/// A coordinate or constant of the given kind.
pub fn value(rng: &mut Rng, kind: PointKind) -> f64 {
    match kind {
        PointKind::Ordinary => rng.uniform(-3.0, 3.0),
        PointKind::NearEdge => near_edge(rng),
        PointKind::Special => {
            if rng.chance(0.5) {
                rng.pick(SPECIAL)
            } else {
                rng.uniform(-3.0, 3.0)
            }
        }
    }
}

/// A point close to an edge: e + δ for e in {0, ±1, an integer, a
/// half-integer} and δ a few ulps or a power of two.
pub fn near_edge(rng: &mut Rng) -> f64 {
    let edge = match rng.below(5) {
        0 => 0.0,
        1 => 1.0,
        2 => -1.0,
        3 => (rng.uniform(-5.0, 5.0)).round(),
        _ => (rng.uniform(-5.0, 5.0)).round() + 0.5,
    };
    match rng.below(3) {
        0 => edge,
        1 => {
            let ulps = rng.below(8) as i64 - 4;
            let step = if edge == 0.0 {
                5e-324
            } else {
                edge.abs() * f64::EPSILON / 2.0
            };
            edge + ulps as f64 * step
        }
        _ => edge + rng.sign() * 2f64.powi(-(rng.below(60) as i32) - 1),
    }
}

/// A magnitude anywhere in the f64 range, with a random sign.
pub fn anywhere(rng: &mut Rng) -> f64 {
    let exponent = rng.uniform(-1074.0, 1023.9);
    rng.sign() * 2f64.powf(exponent) * rng.uniform(1.0, 2.0)
}

/// A point for one function on its own: uniform, log-uniform over the
/// whole range, or near an edge.
pub fn single_value(rng: &mut Rng) -> f64 {
    match rng.below(4) {
        0 => rng.uniform(-4.0, 4.0),
        1 => anywhere(rng),
        2 => rng.sign() * 2f64.powf(rng.uniform(-40.0, 40.0)),
        _ => near_edge(rng),
    }
}

fn constant(rng: &mut Rng, kind: PointKind) -> f64 {
    match rng.below(4) {
        0 => rng.pick(&[
            0.0,
            1.0,
            -1.0,
            2.0,
            0.5,
            3.0,
            10.0,
            0.1,
            0.3,
            core::f64::consts::PI,
        ]),
        1 if kind == PointKind::Special => rng.pick(SPECIAL),
        1 => near_edge(rng),
        _ => rng.uniform(-3.0, 3.0),
    }
}

/// A unary operation with a random parameter.
pub fn unary(rng: &mut Rng, kind: PointKind) -> Unary {
    let op = rng.pick(Unary::ALL);
    match op {
        Unary::Powi(_) => Unary::Powi(rng.below(10) as i32 - 4),
        Unary::Powf(_) | Unary::PowfNumber(_) => {
            let random = rng.uniform(-3.0, 3.0);
            op.with_parameter(rng.pick(&[0.0, 1.0, 2.0, 0.5, -0.5, 1.5, 3.0, -2.0, random]))
        }
        Unary::Log(_) | Unary::LogNumber(_) => {
            op.with_parameter(rng.pick(&[2.0, 10.0, 0.5, core::f64::consts::E, 3.0]))
        }
        Unary::Copysign(_) => op.with_parameter(rng.pick(&[1.0, -1.0, 0.0, -0.0])),
        _ if op.parameter().is_some() => op.with_parameter(constant(rng, kind)),
        _ => op,
    }
}

/// A random program on `n` inputs, at most `depth` levels deep.
pub fn program(rng: &mut Rng, n: usize, depth: usize, kind: PointKind) -> Expr {
    if depth == 0 || rng.chance(0.25) {
        return if rng.chance(0.75) {
            Expr::Input(rng.below(n))
        } else {
            Expr::Constant(constant(rng, kind))
        };
    }
    let sub = |rng: &mut Rng| Box::new(program(rng, n, depth - 1, kind));
    match rng.below(20) {
        0..=10 => {
            let op = unary(rng, kind);
            let a = sub(rng);
            Expr::Unary(op, guard(rng, op, a))
        }
        11..=18 => {
            let op = rng.pick(Binary::ALL);
            let a = sub(rng);
            let b = sub(rng);
            Expr::Binary(op, a, b)
        }
        _ => {
            let (a, b, c) = (sub(rng), sub(rng), sub(rng));
            Expr::MulAdd(a, b, c)
        }
    }
}

/// Often keeps the argument of a function with a restricted domain inside
/// it (or at its edge), so that the reference has something to compare.
fn guard(rng: &mut Rng, op: Unary, a: Box<Expr>) -> Box<Expr> {
    use Unary::*;
    if rng.chance(0.4) {
        return a;
    }
    let positive =
        |a: Box<Expr>, c: f64| Box::new(Expr::Unary(AddFloat(c), Box::new(Expr::Unary(Abs, a))));
    match op {
        Sqrt | Ln | Log2 | Log10 | Log(_) | LogNumber(_) | Powf(_) | PowfNumber(_) => {
            let c = rng.pick(&[0.5, 1.0, 1e-3]);
            positive(a, c)
        }
        Acosh => positive(a, 1.0 + rng.pick(&[1e-3, 0.5, 1.0])),
        Asin | Acos | Atanh => {
            let scale = rng.pick(&[0.5, 0.9, 0.999]);
            Box::new(Expr::Unary(MulFloat(scale), Box::new(Expr::Unary(Tanh, a))))
        }
        Ln1p => positive(a, -0.5),
        _ => a,
    }
}
