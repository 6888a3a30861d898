//! Third derivatives side by side: monodual's `Jet3<f64, N>` (each
//! distinct third derivative once) against nesting monodual's own
//! `Dual<HyperDual<f64, N>, N>` (all N³ of them) and hyperjet's `Jet3`
//! (f64 only, both packed sizes spelled out). Every group first checks
//! that its members agree.

use std::hint::black_box;

use criterion::Criterion;
use hyperjet::differentiate::differentiate3;
use hyperjet::jets::Jet3 as HyperjetJet3;
use monodual::{Dual, HyperDual, Packed};
use nalgebra::{Const, SMatrix, SVector};

use crate::anchors::{array, entries};
use crate::functions::{rosenbrock, rosenbrock_start, transcendental, transcendental_point};
use crate::number::Number;
use crate::{EXACT, check};

type Third<const N: usize> = (
    f64,
    SVector<f64, N>,
    SMatrix<f64, N, N>,
    [SMatrix<f64, N, N>; N],
);

/// Value, gradient, Hessian and third derivatives by nesting
/// `Dual<HyperDual<f64, N>, N>`: xᵢ = (xᵢ + eᵢε) + eᵢδ, so the δ lanes
/// carry ∂f/∂xᵢ as `HyperDual`s, whose Hessians are ∂²(∂f/∂xᵢ).
#[inline]
fn nested<const N: usize>(
    f: impl FnOnce(&[Dual<HyperDual<f64, N>, N>; N]) -> Dual<HyperDual<f64, N>, N>,
    x: &SVector<f64, N>,
) -> Third<N>
where
    Const<N>: Packed,
{
    let seed: [Dual<HyperDual<f64, N>, N>; N] = core::array::from_fn(|i| {
        Dual::new(
            HyperDual::variable(x[i], i),
            SVector::from_fn(|j, _| HyperDual::constant(if i == j { 1.0 } else { 0.0 })),
        )
    });
    let y = f(&seed);
    let inner = y.value();
    let t = core::array::from_fn(|i| y.gradient()[i].hessian());
    (inner.value(), inner.gradient(), inner.hessian(), t)
}

/// The same by hyperjet's `differentiate3`.
#[inline]
fn hyperjet<const N: usize, const H: usize, const T: usize>(
    f: impl FnOnce(&[HyperjetJet3<N, H, T>; N]) -> HyperjetJet3<N, H, T>,
    x: &SVector<f64, N>,
) -> Third<N> {
    const { assert!(H == N * (N + 1) / 2 && T == N * (N + 1) * (N + 2) / 6) };
    let (value, gradient, hessian, tensor) = differentiate3::<N, H, T, _>(array(*x), |v| f(&v));
    let t = core::array::from_fn(|i| SMatrix::from_fn(|j, k| tensor[i][j][k]));
    (value, SVector::from(gradient), SMatrix::from(hessian), t)
}

fn flat<const N: usize>((value, gradient, hessian, t): Third<N>) -> Vec<f64> {
    let mut out = vec![value];
    out.extend(gradient.iter().chain(hessian.iter()));
    for m in &t {
        out.extend(m.iter());
    }
    out
}

/// A function of N variables for the groups below.
trait Case<const N: usize> {
    const NAME: &'static str;
    fn point() -> SVector<f64, N>;
    fn eval<S: Number>(x: &[S; N]) -> S;
}

struct Transcendental;
impl<const N: usize> Case<N> for Transcendental {
    const NAME: &'static str = "transcendental";
    fn point() -> SVector<f64, N> {
        transcendental_point()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; N]) -> S {
        transcendental(x)
    }
}

struct Rosenbrock;
impl<const N: usize> Case<N> for Rosenbrock {
    const NAME: &'static str = "rosenbrock";
    fn point() -> SVector<f64, N> {
        rosenbrock_start()
    }
    #[inline]
    fn eval<S: Number>(x: &[S; N]) -> S {
        rosenbrock(x)
    }
}

/// hyperjet's third derivatives of `F` at its point, for one size.
type HyperjetMember<const N: usize> = fn(&SVector<f64, N>) -> Third<N>;

/// One group: monodual `Jet3` and nested `Dual<HyperDual>`, plus hyperjet
/// where given.
fn group<F: Case<N>, const N: usize>(c: &mut Criterion, hyperjet: Option<HyperjetMember<N>>)
where
    Const<N>: Packed,
{
    let name = format!("third_{}_{N}", F::NAME);
    let x = F::point();
    let expected = flat(nested(F::eval, &x));
    let jet = monodual::third_derivatives(|v| F::eval(entries(&v)), x);
    check(&name, "monodual", &flat(jet), &expected, EXACT);
    if let Some(member) = hyperjet {
        check(&name, "hyperjet", &flat(member(&x)), &expected, EXACT);
    }

    let mut group = c.benchmark_group(name);
    group.bench_function("monodual", |b| {
        b.iter(|| monodual::third_derivatives(|v| F::eval(entries(&v)), black_box(x)))
    });
    group.bench_function("nested_dual_hyperdual", |b| {
        b.iter(|| nested(F::eval, &black_box(x)))
    });
    if let Some(member) = hyperjet {
        group.bench_function("hyperjet", |b| b.iter(|| member(&black_box(x))));
    }
    group.finish();
}

/// The third-derivative groups: N = 4, 6, 8 against nesting, hyperjet at
/// N = 6 and 9 (its packed sizes spelled out, as it needs).
pub fn third_derivatives(c: &mut Criterion) {
    group::<Transcendental, 4>(c, None);
    group::<Transcendental, 6>(c, Some(|x| hyperjet::<6, 21, 56>(Transcendental::eval, x)));
    group::<Transcendental, 8>(c, None);
    group::<Transcendental, 9>(c, Some(|x| hyperjet::<9, 45, 165>(Transcendental::eval, x)));
    group::<Rosenbrock, 4>(c, None);
    group::<Rosenbrock, 6>(c, Some(|x| hyperjet::<6, 21, 56>(Rosenbrock::eval, x)));
    group::<Rosenbrock, 8>(c, None);
}
