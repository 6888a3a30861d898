//! [`hessian_chunked`]: a Hessian in blocks of variables, with numbers
//! whose size does not grow with N.
//!
//! The variables are cut into blocks of `K` (the last one padded with
//! lanes that are never seeded). One pass on `Dual<Dual<T, K>, K>` with
//! the inner lanes seeded for block I and the outer lanes for block J
//! gives the whole K×K block H_IJ = ∂²f/∂x_I∂x_J, and the gradient of
//! block I; only the upper block triangle J ≥ I is swept (as
//! HyperHessians.jl's block sweep does), b(b+1)/2 passes for b = ⌈N/K⌉
//! blocks, and the lower triangle is its mirror image.

use nalgebra::{ArrayStorage, SMatrix, SVector};

use crate::{Dual, Real};

/// The number of variables one pass of [`hessian_chunked`] differentiates
/// along, on each of the two nesting levels (the `4` in its signature).
///
/// Chosen by benchmark (criterion, one run, a dense transcendental function
/// at N = 8 … 128 and extended Rosenbrock at N = 16 … 64): with K = 2,
/// `Dual<Dual<f64, K>, K>` was 1.0–3.0× slower than with K = 4 from N = 24
/// on; K = 8 was within ±15% of K = 4 at N = 16 … 64 (except 1.4× slower
/// at dense N = 32) and 1.6× faster at N = 128, but its numbers are 648
/// bytes against 200, which a debug build copies on every operation.
/// `HyperDual<f64, 2K>` over pairs of blocks (one pass per pair gives
/// H_II, H_IJ and H_JJ) was 1.5–9× slower than `Dual<Dual<f64, K>, K>`
/// from N = 24 on: it carries (2K+1)(K+1) parts per number against
/// (K+1)², for about half as many passes.
const CHUNK: usize = 4;

/// The value, gradient and Hessian of `f: ℝᴺ → ℝ` at `x`, in passes over
/// blocks of 4 variables: the numbers `f` sees do not grow with N, so it
/// runs at any N in little stack (N = 128 in 783 KiB on a thread of a debug
/// build, measured; `hessian` needs 1.5 MiB there at N = 32 and 11 MiB at
/// N = 64, see the crate docs' "Stack"). The Hessian is exactly symmetric.
///
/// Speed against [`hessian`](crate::hessian) (criterion, ratios of medians
/// side by side, `compare/`'s `chunked_*` groups) depends on how the
/// function mixes its variables. Where every operation mixes them all (the
/// quadratic form Σ aᵢⱼxᵢxⱼ), `hessian`'s numbers are full at every step
/// and this driver is the faster one from N = 16 on: 1.52× at N = 16,
/// 1.25× at N = 32 (0.70× at N = 8). Where most operations touch one or
/// two variables (a dense transcendental function whose sums are the only
/// wide terms), `hessian` follows those variables' lane ranges and stays
/// faster up to N = 128: this driver takes 3.9×, 3.3× and 3.0× its time at
/// N = 32, 64 and 128. Use it for code dense in its variables from N = 16,
/// and wherever the stack is short (a spawned or embedded thread, a debug
/// build at large N).
///
/// `f` receives `Dual<Dual<T, 4>, 4>` numbers; each pass seeds the inner
/// derivative lanes with one block of 4 variables and the outer lanes with
/// another, and reads off that 4×4 block of the Hessian. Only blocks on and
/// above the diagonal are computed: b(b+1)/2 calls of `f` for b = ⌈N/4⌉
/// blocks (N = 128: 528 calls). Write `f` generic over
/// [`Scalar`](crate::Scalar) and it runs on these as on every number type.
/// The results equal [`hessian`](crate::hessian)'s up to rounding (the
/// second derivatives are summed in another order).
///
/// ```
/// use monodual::Scalar;
/// use nalgebra::SVector;
///
/// // f(x) = Σᵢ xᵢ² xᵢ₊₁, H = tridiagonal with 2xᵢ₊₁ on the diagonal (but the
/// // last) and 2xᵢ beside it
/// fn chain<S: Scalar, const N: usize>(x: &SVector<S, N>) -> S {
///     (0..N - 1).fold(S::zero(), |sum, i| sum + x[i] * x[i] * x[i + 1])
/// }
///
/// let x = SVector::<f64, 10>::from_fn(|i, _| i as f64);
/// let (f, g, h) = monodual::hessian_chunked(|x| chain(&x), x);
/// assert_eq!(f, chain(&x));
/// assert_eq!(g[9], 64.0); // x₈²
/// assert_eq!((h[(3, 3)], h[(3, 4)], h[(4, 3)], h[(3, 5)]), (8.0, 6.0, 6.0, 0.0));
/// assert_eq!((g, h), {
///     let (_, g, h) = monodual::hessian(|x| chain(&x), x);
///     (g, h)
/// });
/// ```
///
/// See also [`hessian`](crate::hessian), one pass for small N, and
/// [`hessian_vector_product`](crate::hessian_vector_product), which never
/// forms the matrix.
#[inline]
#[must_use]
pub fn hessian_chunked<T: Real, F, const N: usize>(
    f: F,
    x: SVector<T, N>,
) -> (T, SVector<T, N>, SMatrix<T, N, N>)
where
    F: Fn(SVector<Dual<Dual<T, 4>, 4>, N>) -> Dual<Dual<T, 4>, 4>,
{
    // The result lives in this frame only and is filled in place: at
    // N = 128 the Hessian is 128 KiB, and in a debug build every temporary
    // copy of it would stay on the stack for the whole sweep.
    let mut result = zero_result();
    block_sweep::<T, F, N, CHUNK>(&f, &x, &mut result);
    result
}

/// Value, gradient and Hessian all zero. (Not nalgebra's `zeros`, which
/// in a debug build takes 9 times the matrix's size of stack.)
#[inline]
fn zero_result<T: Real, const N: usize>() -> (T, SVector<T, N>, SMatrix<T, N, N>) {
    (
        T::zero(),
        SVector::from_array_storage(ArrayStorage([[T::zero(); N]])),
        SMatrix::from_array_storage(ArrayStorage([[T::zero(); N]; N])),
    )
}

/// The sweep over the upper block triangle, for a chunk of `K` variables,
/// writing into `(value, gradient, hessian)`.
#[inline]
fn block_sweep<T: Real, F, const N: usize, const K: usize>(
    f: &F,
    x: &SVector<T, N>,
    (value, gradient, hessian): &mut (T, SVector<T, N>, SMatrix<T, N, N>),
) where
    F: Fn(SVector<Dual<Dual<T, K>, K>, N>) -> Dual<Dual<T, K>, K>,
{
    let blocks = N.div_ceil(K);
    let mut seeds = [Dual::constant(Dual::constant(T::zero())); N];
    if blocks == 0 {
        // No variables, no blocks: one call for the value, as `hessian` makes.
        *value = f(SVector::from_array_storage(ArrayStorage([seeds])))
            .value()
            .value();
    }
    for block_i in 0..blocks {
        for block_j in block_i..blocks {
            let (first_i, first_j) = (block_i * K, block_j * K);
            // xᵥ = (xᵥ + [v ∈ I] e_{v−first_i} ε) + [v ∈ J] e_{v−first_j} δ:
            // the ε lanes (inner) give ∂f/∂x_I, the δ lanes (outer) ∂f/∂x_J,
            // and the ε lanes of those ∂²f/∂x_J∂x_I. Lanes past N (a partial
            // last block) are never seeded.
            for (v, seed) in seeds.iter_mut().enumerate() {
                let inner = if (first_i..first_i + K).contains(&v) {
                    Dual::variable(x[v], v - first_i)
                } else {
                    Dual::constant(x[v])
                };
                let mut outer = [Dual::constant(T::zero()); K];
                if let Some(lane) = v.checked_sub(first_j).filter(|&lane| lane < K) {
                    outer[lane] = Dual::constant(T::one());
                }
                *seed = Dual::new(inner, outer.into());
            }
            let y = f(SVector::from_array_storage(ArrayStorage([seeds])));
            let along_i = y.value();
            if block_i == block_j {
                *value = along_i.value();
                let g = along_i.gradient();
                for a in 0..K.min(N - first_i) {
                    gradient[first_i + a] = g[a];
                }
            }
            let along_j = y.gradient();
            for b in 0..K.min(N - first_j) {
                let j = first_j + b;
                let row = along_j[b].gradient();
                for a in 0..K.min(N - first_i) {
                    let i = first_i + a;
                    // On a diagonal block, the upper triangle (i ≤ j) only:
                    // the mirror image is copied, so H is exactly symmetric.
                    if i <= j {
                        hessian[(i, j)] = row[a];
                        hessian[(j, i)] = row[a];
                    }
                }
            }
        }
    }
}
