//! The arithmetic on `HyperDual`'s parts, written into its destination.
//!
//! Every operation has two paths. The fast one is plain IEEE arithmetic
//! over the variables in use. It gives the crate's edge-case results (a
//! factor exactly 0 makes a derivative product 0, whatever the other
//! factor) whenever every factor is finite, which one flag per number and
//! a look at the few scalar factors (values, f′, f″) tell without reading
//! the parts: a finiteness test over every part measured 12–29% of a
//! Hessian's time at N = 2…8. The other path multiplies with that
//! `0 · ∞ = 0` rule part by part, and recomputes the flag from the parts it
//! wrote. A product with a constant is a scaling, and a function of a
//! constant skips the derivative loops (a sum up to `DENSE_UP_TO` variables
//! just adds the constant's zeros).
//!
//! Up to `DENSE_UP_TO` variables the fast path inlined at every operator is
//! kept small, the special cases out of line: LLVM inlines a user function
//! made of a few operations only when they are small, and inlined it folds
//! away what the seeds and the constants make known (the Hessian of
//! Σ aᵢⱼxᵢxⱼ at N = 2: 396 instructions a call before, 105 after, hyperjet
//! 76; callgrind).

use nalgebra::Const;

use super::{DENSE_UP_TO, HyperDual, State};
use crate::Real;
use crate::number::packed::{Packed, row_start};
use crate::real::nan_safe_mul;
use crate::table::Chain;

/// `true` if every one of the scalar factors is finite.
#[inline(always)]
fn finite<T: Real, const K: usize>(factors: [T; K]) -> bool {
    factors.iter().all(|f| f.is_all_finite())
}

/// Runs `row(i, j0, hessian_row)` on each row i of the packed triangle in
/// `lanes`, with `hessian_row` the entries (i, j) for j in `i..lanes.end`.
#[inline(always)]
fn rows<T, const N: usize>(
    hessian: &mut [T],
    lanes: core::ops::Range<usize>,
    mut row: impl FnMut(usize, &mut [T]),
) {
    let end = lanes.end.min(N);
    for i in lanes.start..end {
        let start = row_start(N, i);
        row(i, &mut hessian[start..start + (end - i)]);
    }
}

/// Replaces each entry (i, j), `i ≤ j`, of the packed triangle with i and
/// j in `lanes` by `entry(i, j, k, old)`, k its place in the triangle. Up
/// to `DENSE_UP_TO` variables it runs over all of them with a running
/// index: fixed-length loops the compiler unrolls and vectorizes (slices
/// per row measured 2–5× more instructions there).
#[inline(always)]
fn update_upper<T: Copy, const N: usize>(
    hessian: &mut [T],
    lanes: core::ops::Range<usize>,
    mut entry: impl FnMut(usize, usize, usize, T) -> T,
) {
    if N <= DENSE_UP_TO || (lanes.start == 0 && lanes.end >= N) {
        // every variable in use (above `DENSE_UP_TO` too: a dense
        // function, or matrix code mixing every variable) runs the same
        // loops, without per-row offsets
        let mut k = 0;
        for i in 0..N {
            for j in i..N {
                hessian[k] = entry(i, j, k, hessian[k]);
                k += 1;
            }
        }
    } else {
        let end = lanes.end.min(N);
        for i in lanes.start..end {
            // row i starts at row_start(N, i) with column i
            let offset = row_start(N, i) - i;
            for j in i..end {
                let k = offset + j;
                hessian[k] = entry(i, j, k, hessian[k]);
            }
        }
    }
}

/// The entries (i, j), j in `i..end`, of row i of a packed triangle.
#[inline(always)]
fn row_of<T, const N: usize>(hessian: &[T], i: usize, end: usize) -> &[T] {
    let start = row_start(N, i);
    &hessian[start..start + (end - i)]
}

/// Up to this many variables `c + y` for a constant `c` copies the whole
/// of `y` rather than the rows in its range (copies of a few rows each cost
/// an out-of-line memcpy call; a whole copy of a large number costs more
/// than the rows of a small range).
const COPY_WHOLE_UP_TO: usize = 16;

impl<T: Real, const N: usize> HyperDual<T, N>
where
    Const<N>: Packed,
{
    /// Recomputes whether a part in `lanes` may be non-finite, and whether
    /// every part is 0 (after the `0 · ∞ = 0` path, which is rare). A
    /// number whose parts the zero rule made all 0 (a scaling by 0) is then
    /// a constant, so that a later product with it is 0 by the constant's
    /// path even where the other factor holds a part that overflowed
    /// unflagged (x₀ % (1.8e308 / cosh x₁) nested: NaN, true 0).
    #[cold]
    fn refresh_finiteness(&mut self) {
        if self.is_constant() {
            self.state.set_maybe_not_finite(false);
            return;
        }
        let lanes = self.state.range::<N>();
        let gradient = &self.gradient[lanes.clone()];
        let mut finite = gradient.iter().all(|g| g.is_all_finite());
        let mut zero = gradient.iter().all(|g| g.is_exactly_zero());
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes,
            #[inline(always)]
            |_, row| {
                finite &= row.iter().all(|h| h.is_all_finite());
                zero &= row.iter().all(|h| h.is_exactly_zero());
            },
        );
        if zero {
            self.become_constant(self.value);
            return;
        }
        self.state.set_maybe_not_finite(!finite);
    }

    /// Makes `self` the constant `value`: its parts in use zeroed.
    #[inline(always)]
    fn become_constant(&mut self, value: T) {
        let lanes = self.state.range::<N>();
        self.gradient[lanes.clone()].fill(T::zero());
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes,
            #[inline(always)]
            |_, row| row.fill(T::zero()),
        );
        self.value = value;
        self.state = State::CONSTANT;
    }

    /// Applies `part` to every derivative part in use (`-x`, `x · c`, `x / c`).
    #[inline(always)]
    pub(crate) fn map_derivatives(&mut self, part: impl Fn(T) -> T) {
        if self.is_constant() {
            return;
        }
        let lanes = self.state.range::<N>();
        for g in &mut self.gradient[lanes.clone()] {
            *g = part(*g);
        }
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes,
            #[inline(always)]
            |_, row| {
                for h in row {
                    *h = part(*h);
                }
            },
        );
    }

    /// `self · c` for a factor `c` in the value type: every part scaled.
    #[inline(always)]
    pub(crate) fn scale(&mut self, c: T) {
        // by value from N = 4, where a number passes the 128 bytes LLVM
        // copies inline (at N = 2 the larger inline code measured 2–10%
        // more instructions on the transcendental sum and the quadratic
        // form)
        self.scale_with(c, 4 <= N && N <= DENSE_UP_TO);
    }

    /// [`scale`](Self::scale), its rare path out of line on a copy if
    /// `by_value`, else in place.
    #[inline(always)]
    fn scale_with(&mut self, c: T, by_value: bool) {
        // For a float c, finite and not 0, p·c is the zero rule's product
        // for every part p (0·c = 0, ±∞·c = ±∞, NaN·c = NaN), whatever the
        // flag says; for a nested c only if every part is finite.
        let plain = if T::IS_FLOAT {
            c.is_finite_nonzero_float()
        } else {
            !self.state.maybe_not_finite() & c.is_all_finite()
        };
        if !plain {
            // out of line on a copy (see `special_by_value`): called in
            // place, the pointer kept every scaled number in memory on the
            // fast path too (`x * 0.5`: on the quadratic form at N = 8 81
            // out-of-line memcpy calls a Hessian, 9 by value)
            if by_value {
                *self = Self::scale_zero_safe_by_value(*self, c);
            } else {
                self.scale_zero_safe(c);
            }
            return;
        }
        self.value *= c;
        self.map_derivatives(|p| p * c);
    }

    /// [`scale_zero_safe`](Self::scale_zero_safe) on a copy of `x`.
    #[cold]
    #[inline(never)]
    fn scale_zero_safe_by_value(mut x: Self, c: T) -> Self {
        x.scale_zero_safe(c);
        x
    }

    /// [`scale`](Self::scale) with `0 · ∞ = 0` in the derivative parts.
    #[cold]
    #[inline(never)]
    fn scale_zero_safe(&mut self, c: T) {
        self.value *= c;
        self.map_derivatives(|p| nan_safe_mul(p, c));
        self.refresh_finiteness();
    }

    /// `self ± other` in place, `sign` +1 or −1 on `other`'s parts:
    /// (a + a′ε) ± (b + b′ε) = (a ± b) + (a′ ± b′)ε.
    #[inline(always)]
    pub(crate) fn add_assign_number(&mut self, other: &Self, subtract: bool) {
        let plus_minus = |a: T, b: T| if subtract { a - b } else { a + b };
        self.value = plus_minus(self.value, other.value);
        if N <= DENSE_UP_TO {
            // Every part, with no branch on constants: a constant's parts
            // are zeros, and x ± 0 = x (up to the sign of a zero). Branches
            // to skip them or to copy the other operand measured 2.5× the
            // inlining cost of this loop at N = 2, enough to keep LLVM from
            // inlining user functions made of a few operations.
            self.state = self.state.union::<N>(other.state);
            for (a, &b) in self.gradient.iter_mut().zip(&other.gradient) {
                *a = plus_minus(*a, b);
            }
            for (a, &b) in self.hessian.as_mut().iter_mut().zip(other.hessian.as_ref()) {
                *a = plus_minus(*a, b);
            }
            return;
        }
        if other.is_constant() {
            return;
        }
        if self.is_constant() {
            // 0 ± b′ = ±b′ (up to the sign of a zero)
            let negate = |b: T| if subtract { -b } else { b };
            if N <= COPY_WHOLE_UP_TO && !subtract {
                // c + y: y's parts and state, copied at once (row by row,
                // the copy was one out-of-line memcpy per row: at N = 9 a
                // third of those of a Hessian through nalgebra's Cholesky)
                let value = self.value;
                *self = *other;
                self.value = value;
                return;
            }
            let lanes = other.state.range::<N>();
            self.state = other.state;
            if lanes.start == 0 && lanes.end == N {
                // every variable in use: one run over every part (a copy
                // row by row became one out-of-line memcpy per row)
                for (a, &b) in self.gradient.iter_mut().zip(&other.gradient) {
                    *a = negate(b);
                }
                for (a, &b) in self.hessian.as_mut().iter_mut().zip(other.hessian.as_ref()) {
                    *a = negate(b);
                }
                return;
            }
            for (a, &b) in self.gradient[lanes.clone()]
                .iter_mut()
                .zip(&other.gradient[lanes.clone()])
            {
                *a = negate(b);
            }
            let end = lanes.end;
            rows::<T, N>(
                self.hessian.as_mut(),
                lanes,
                #[inline(always)]
                |i, row| {
                    for (a, &b) in
                        row.iter_mut()
                            .zip(row_of::<T, N>(other.hessian.as_ref(), i, end))
                    {
                        *a = negate(b);
                    }
                },
            );
            return;
        }
        self.state = self.state.union::<N>(other.state);
        let lanes = self.state.range::<N>();
        if lanes.start == 0 && lanes.end == N {
            // every variable in use (matrix code mixing them all): one run
            // over every part, without per-row offsets
            for (a, &b) in self.gradient.iter_mut().zip(&other.gradient) {
                *a = plus_minus(*a, b);
            }
            for (a, &b) in self.hessian.as_mut().iter_mut().zip(other.hessian.as_ref()) {
                *a = plus_minus(*a, b);
            }
            return;
        }
        for (a, &b) in self.gradient[lanes.clone()]
            .iter_mut()
            .zip(&other.gradient[lanes.clone()])
        {
            *a = plus_minus(*a, b);
        }
        let end = lanes.end;
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes,
            #[inline(always)]
            |i, row| {
                for (a, &b) in row
                    .iter_mut()
                    .zip(row_of::<T, N>(other.hessian.as_ref(), i, end))
                {
                    *a = plus_minus(*a, b);
                }
            },
        );
    }

    /// `self · other` in place:
    /// (a, a′, a″)(b, b′, b″) = (ab, a′b + ab′, a″b + ab″ + a′b′ᵀ + b′a′ᵀ).
    /// Each Hessian entry reads only its own old entry and the old
    /// gradients, so the Hessian is written first, then the gradient.
    #[inline(always)]
    pub(crate) fn mul_assign_number(&mut self, other: &Self) {
        let (a, b) = (self.value, other.value);
        // one test for every special case (`|`, not `||`: a single branch)
        let special = (self.state.special | other.state.special) != 0 || !finite([a, b]);
        if special {
            if self.is_constant() != other.is_constant() {
                // one factor a constant: a scaling of the other, inline
                // (nalgebra's matrix routines multiply by constants such
                // as α = 1 at every entry)
                if self.is_constant() {
                    *self = *other;
                }
                self.scale_by_constant(if other.is_constant() { b } else { a });
                // the value is a·b, as f64 computes it (b·a is the same float)
                self.value = a * b;
                return;
            }
            if N <= DENSE_UP_TO {
                *self = Self::special_by_value(*self, *other, Self::mul_special);
            } else {
                self.mul_special(other);
            }
            return;
        }
        self.state = self.state.union::<N>(other.state);
        let lanes = self.state.range::<N>();
        let (ga, gb) = (&self.gradient, &other.gradient);
        let hb = other.hessian.as_ref();
        update_upper::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            |i, j, k, h| h * b + a * hb[k] + ga[i] * gb[j] + ga[j] * gb[i],
        );
        for (ga_k, &gb_k) in self.gradient[lanes.clone()]
            .iter_mut()
            .zip(&other.gradient[lanes])
        {
            *ga_k = *ga_k * b + a * gb_k;
        }
        self.value = a * b;
    }

    /// `self · other` into a new number, for `a * b` by value up to
    /// `DENSE_UP_TO` variables: there every entry is written, so the
    /// compiler drops the zero-fill of `out`, and neither operand is copied
    /// first (writing into a copy of `self` measured about 2× the
    /// instructions of this at N = 2…8, the copy included).
    #[inline(always)]
    pub(crate) fn product(&self, other: &Self) -> Self {
        if N > DENSE_UP_TO {
            // in place on a copy of `self` (paths of its own here, every
            // entry written fresh where every variable is in use and one
            // copy for a constant factor, measured 1.6× the instructions of
            // this on extended Rosenbrock at N = 16, callgrind)
            let mut out = *self;
            out.mul_assign_number(other);
            return out;
        }
        let (a, b) = (self.value, other.value);
        // one test for every special case (`|`, not `||`: a single branch)
        let special = (self.state.special | other.state.special) != 0 || !finite([a, b]);
        if special {
            if self.is_constant() != other.is_constant() {
                // one factor a constant: a scaling of a copy of the other
                // (one copy, not two; nalgebra's `axpy` multiplies every
                // entry by constants α = β = 1)
                let (mut out, c) = if self.is_constant() {
                    (*other, a)
                } else {
                    (*self, b)
                };
                out.scale_by_constant(c);
                // the value is a·b, as f64 computes it (b·a is the same float)
                out.value = a * b;
                return out;
            }
            // the rest as the in-place product, out of line
            let mut out = *self;
            out.mul_assign_number(other);
            return out;
        }
        let mut out = Self::constant(a * b);
        out.state = self.state.union::<N>(other.state);
        let (ga, gb) = (&self.gradient, &other.gradient);
        let (ha, hb) = (self.hessian.as_ref(), other.hessian.as_ref());
        update_upper::<T, N>(
            out.hessian.as_mut(),
            0..N,
            #[inline(always)]
            |i, j, k, _| ha[k] * b + a * hb[k] + ga[i] * gb[j] + ga[j] * gb[i],
        );
        for k in 0..N {
            out.gradient[k] = ga[k] * b + a * gb[k];
        }
        out
    }

    /// `self · c` for the value `c` of a constant factor (value part
    /// included): [`scale`](Self::scale), except that a float factor of
    /// exactly 1 leaves the derivative parts as they are (p · 1 = p, and the
    /// zero rule does not act: 1 is not 0).
    #[inline(always)]
    fn scale_by_constant(&mut self, c: T) {
        if T::IS_FLOAT && c == T::one() {
            self.value *= c;
            return;
        }
        // in place: by value here, the larger inline product measured
        // 1.5–2.5% more instructions on extended Rosenbrock and the
        // transcendental sum at N = 4 (callgrind)
        self.scale_with(c, false);
    }

    /// The product of two constants, or where a factor may have a
    /// non-finite part (the `0 · ∞ = 0` path), out of line, so that the
    /// product inlined at every `*` is the IEEE loop alone. With these
    /// paths inline `x * y` on `HyperDual<f64, 2>` was 1390 bytes of code
    /// (hyperjet's 158), too large for LLVM to inline a user function made
    /// of a few operations.
    #[inline(never)]
    fn mul_special(&mut self, other: &Self) {
        if self.is_constant() && other.is_constant() {
            // (one constant factor is scaled inline by the callers)
            self.scale(other.value);
            return;
        }
        self.state = self.state.union::<N>(other.state);
        self.mul_zero_safe(other);
    }

    /// `special(&mut x, &y)` on copies of `x` and `y`, out of line, up to
    /// `DENSE_UP_TO` variables. The special paths (`mul_special`,
    /// `chain_special`, `chain2_special`) run in place on `self`, but a
    /// pointer to a number passed out of line keeps that number in memory
    /// on the fast path too; passed by value, the fast path keeps its parts
    /// in registers (callgrind, Hessians at N = 2…8: 0.5–0.8× the
    /// instructions of calling them on `self`). Above `DENSE_UP_TO` the
    /// copies would cost more than that, and the callers call in place.
    #[inline(never)]
    fn special_by_value(mut x: Self, y: Self, special: impl FnOnce(&mut Self, &Self)) -> Self {
        special(&mut x, &y);
        x
    }

    /// [`chain_special`](Self::chain_special) on a copy of `x`, out of
    /// line (as [`special_by_value`](Self::special_by_value), with one
    /// operand).
    #[inline(never)]
    fn chain_special_by_value(mut x: Self, f: T, df: T, d2f: T) -> Self {
        x.chain_special(f, df, d2f);
        x
    }

    /// g(self) in place, for g(value) = `f`, g′ = `df`, g″ = `d2f`:
    /// ∇ = g′ ∇x, H = g′ Hx + g″ ∇x ∇xᵀ.
    #[inline(always)]
    pub(crate) fn chain_assign(&mut self, f: T, df: T, d2f: T) {
        // one test for every special case (`|`, not `||`: a single branch)
        let special = self.state.special != 0
            || !finite([df, d2f]) | (df.is_exactly_zero() & d2f.is_exactly_zero());
        if special {
            if N <= DENSE_UP_TO {
                *self = Self::chain_special_by_value(*self, f, df, d2f);
            } else {
                self.chain_special(f, df, d2f);
            }
            return;
        }
        self.value = f;
        let lanes = self.state.range::<N>();
        let g = &self.gradient;
        update_upper::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            // (g″ ∂ᵢx) ∂ⱼx rather than g″ (∂ᵢx ∂ⱼx): a g″ of exactly 0
            // then gives 0 even where ∂ᵢx ∂ⱼx would overflow
            |i, j, _, h| df * h + (d2f * g[i]) * g[j],
        );
        for g_k in &mut self.gradient[lanes] {
            *g_k = df * *g_k;
        }
    }

    /// [`chain_assign`](Self::chain_assign) of a constant, of a step
    /// function (g′ = g″ = 0) or with a non-finite factor, out of line.
    #[inline(never)]
    fn chain_special(&mut self, f: T, df: T, d2f: T) {
        if self.is_constant() {
            self.value = f;
        } else if df.is_exactly_zero() && d2f.is_exactly_zero() {
            // g′ = g″ = 0 (a step function): the result is a constant
            self.become_constant(f);
        } else {
            self.value = f;
            self.chain_zero_safe(df, d2f);
        }
    }

    /// g(self, other) in place: ∇ = g_x ∇x + g_y ∇y,
    /// H = g_x Hx + g_y Hy + g_xx ∇x∇xᵀ + g_xy (∇x∇yᵀ + ∇y∇xᵀ) + g_yy ∇y∇yᵀ.
    #[inline(always)]
    pub(crate) fn chain2_assign(
        &mut self,
        other: &Self,
        f: T,
        [gx, gy]: [T; 2],
        [gxx, gxy, gyy]: [T; 3],
    ) {
        // one test for every special case (`|`, not `||`: a single branch)
        let special =
            (self.state.special | other.state.special) != 0 || !finite([gx, gy, gxx, gxy, gyy]);
        if special {
            let d = ([gx, gy], [gxx, gxy, gyy]);
            if N <= DENSE_UP_TO {
                *self = Self::special_by_value(*self, *other, |x, y| {
                    x.chain2_special(y, f, d.0, d.1);
                });
            } else {
                self.chain2_special(other, f, d.0, d.1);
            }
            return;
        }
        self.value = f;
        self.state = self.state.union::<N>(other.state);
        let lanes = self.state.range::<N>();
        let (a, b) = (&self.gradient, &other.gradient);
        let hb = other.hessian.as_ref();
        // g_xx ∇x∇xᵀ + g_xy (∇x∇yᵀ + ∇y∇xᵀ) + g_yy ∇y∇yᵀ = p ∇xᵀ + q ∇yᵀ with
        // p = g_xx ∇x + g_xy ∇y, q = g_xy ∇x + g_yy ∇y: the second partials
        // scale before the gradients multiply, so a partial of exactly 0
        // gives 0 where a product of two gradient parts would overflow
        // (and 4 products an entry, not 7)
        let (mut p, mut q) = ([T::zero(); N], [T::zero(); N]);
        for k in lanes.clone() {
            p[k] = gxx * a[k] + gxy * b[k];
            q[k] = gxy * a[k] + gyy * b[k];
        }
        update_upper::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            |i, j, k, h| gx * h + gy * hb[k] + p[i] * a[j] + q[i] * b[j],
        );
        for (a_k, &b_k) in self.gradient[lanes.clone()]
            .iter_mut()
            .zip(&other.gradient[lanes])
        {
            *a_k = gx * *a_k + gy * b_k;
        }
    }

    /// [`chain2_assign`](Self::chain2_assign) with a constant argument (a
    /// function of the other one alone) or a non-finite factor, out of line.
    #[inline(never)]
    fn chain2_special(&mut self, other: &Self, f: T, [gx, gy]: [T; 2], [gxx, gxy, gyy]: [T; 3]) {
        if other.is_constant() {
            // ∇y = 0, Hy = 0: a function of x alone
            self.chain_assign(f, gx, gxx);
            return;
        }
        if self.is_constant() {
            *self = *other;
            self.chain_assign(f, gy, gyy);
            return;
        }
        self.value = f;
        self.state = self.state.union::<N>(other.state);
        self.chain2_zero_safe(other, [gx, gy], [gxx, gxy, gyy]);
    }

    /// [`mul_assign_number`](Self::mul_assign_number) with `0 · ∞ = 0` in
    /// every product (rare: a factor may be infinite or NaN). Out of line,
    /// so the fast path stays small enough to inline.
    #[cold]
    #[inline(never)]
    fn mul_zero_safe(&mut self, other: &Self) {
        let (a, b) = (self.value, other.value);
        let lanes = self.state.range::<N>();
        let end = lanes.end;
        let (ga, gb) = (&self.gradient, &other.gradient);
        let hb = other.hessian.as_ref();
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            |i, row| {
                let (ga_i, gb_i) = (ga[i], gb[i]);
                let others = row_of::<T, N>(hb, i, end)
                    .iter()
                    .zip(&ga[i..end])
                    .zip(&gb[i..end]);
                for (h, ((&hb_ij, &ga_j), &gb_j)) in row.iter_mut().zip(others) {
                    *h = nan_safe_mul(*h, b)
                        + nan_safe_mul(a, hb_ij)
                        + nan_safe_mul(ga_i, gb_j)
                        + nan_safe_mul(ga_j, gb_i);
                }
            },
        );
        for k in lanes {
            self.gradient[k] =
                nan_safe_mul(self.gradient[k], b) + nan_safe_mul(a, other.gradient[k]);
        }
        self.value = a * b;
        self.refresh_finiteness();
    }

    /// [`chain_assign`](Self::chain_assign)'s derivative parts with
    /// `0 · ∞ = 0`, out of line.
    #[cold]
    #[inline(never)]
    fn chain_zero_safe(&mut self, df: T, d2f: T) {
        let lanes = self.state.range::<N>();
        let end = lanes.end;
        let g = &self.gradient;
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            |i, row| {
                let g_i = g[i];
                for (h, &g_j) in row.iter_mut().zip(&g[i..end]) {
                    *h = nan_safe_mul(df, *h) + nan_safe_mul(nan_safe_mul(d2f, g_i), g_j);
                }
            },
        );
        for g_k in &mut self.gradient[lanes] {
            *g_k = nan_safe_mul(df, *g_k);
        }
        self.refresh_finiteness();
    }

    /// [`chain2_assign`](Self::chain2_assign)'s derivative parts with
    /// `0 · ∞ = 0`, out of line.
    #[cold]
    #[inline(never)]
    fn chain2_zero_safe(&mut self, other: &Self, [gx, gy]: [T; 2], [gxx, gxy, gyy]: [T; 3]) {
        let lanes = self.state.range::<N>();
        let end = lanes.end;
        let (a, b) = (&self.gradient, &other.gradient);
        let hb = other.hessian.as_ref();
        let m = nan_safe_mul::<T>;
        rows::<T, N>(
            self.hessian.as_mut(),
            lanes.clone(),
            #[inline(always)]
            |i, row| {
                // term by term, each second partial applied first: a sum
                // such as g_xy ∂ᵢy + g_yy ∂ᵢy that cancels to 0 must not
                // act as a zero factor against a NaN or ∞ part
                let (xx_i, xy_ai, xy_bi, yy_i) =
                    (m(gxx, a[i]), m(gxy, a[i]), m(gxy, b[i]), m(gyy, b[i]));
                let others = row_of::<T, N>(hb, i, end)
                    .iter()
                    .zip(&a[i..end])
                    .zip(&b[i..end]);
                for (h, ((&hb_ij, &a_j), &b_j)) in row.iter_mut().zip(others) {
                    *h = m(gx, *h)
                        + m(gy, hb_ij)
                        + m(xx_i, a_j)
                        + (m(xy_ai, b_j) + m(xy_bi, a_j))
                        + m(yy_i, b_j);
                }
            },
        );
        for k in lanes {
            self.gradient[k] = m(gx, self.gradient[k]) + m(gy, other.gradient[k]);
        }
        self.refresh_finiteness();
    }
}

// Every number type's chain rules go through this hook (see `table.rs`).
impl<T: Real, const N: usize> Chain for HyperDual<T, N>
where
    Const<N>: Packed,
{
    type Value = T;

    #[inline(always)]
    fn re(&self) -> T {
        self.value
    }

    #[inline(always)]
    fn with_value(mut self, value: T) -> Self {
        self.value = value;
        self
    }

    #[inline(always)]
    fn chain(mut self, f: T, df: T, d2f: T) -> Self {
        self.chain_assign(f, df, d2f);
        self
    }

    #[inline(always)]
    fn chain2(mut self, other: Self, f: T, d: [T; 2], d2: [T; 3]) -> Self {
        self.chain2_assign(&other, f, d, d2);
        self
    }
}
