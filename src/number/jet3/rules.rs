//! The rules of calculus to third order for [`Jet3`]: the product rule and
//! the chain rules of one- and two-argument functions.
//!
//! Subscripts are variables: xᵢ = ∂x/∂xᵢ, xᵢⱼ = ∂²x/∂xᵢ∂xⱼ, xᵢⱼₖ likewise,
//! always for i ≤ j ≤ k (the entries stored).

use nalgebra::Const;

use super::{
    CONSTANT, Jet3, MAYBE_NOT_FINITE, Run, UNROLLED_UP_TO, for_each_pair, for_each_triple, runs,
};
use crate::Real;
use crate::number::packed::Packed;
use crate::real::nan_safe_mul;
use crate::table::Chain;

/// Calls `body` on every run of the tetrahedron in storage order. Up to
/// `UNROLLED_UP_TO` variables each entry (i, j, k) is a run of its own, in
/// three nested loops which the compiler unrolls fully (every index is
/// then a constant; runs of several entries measured about 2.5× the
/// instructions there, as loops it did not unroll), above as the iterator
/// [`runs`], which it keeps tight.
#[inline(always)]
fn each_run<const N: usize>(mut body: impl FnMut(Run)) {
    if N <= UNROLLED_UP_TO {
        let mut t = 0;
        for i in 0..N {
            for j in i..N {
                for k in j..N {
                    body(Run { i, j, k, t, len: 1 });
                    t += 1;
                }
            }
        }
    } else {
        for run in runs(N) {
            body(run);
        }
    }
}

/// `true` if every part is finite. Without short-circuit, so that for
/// plain floats the test compiles to vector compares, no branch per part.
#[inline(always)]
fn all_finite<T: Real>(parts: &[T]) -> bool {
    parts.iter().fold(true, |all, p| all & p.is_all_finite())
}

/// `true` if every one of the scalar factors is finite.
#[inline(always)]
fn finite<T: Real, const K: usize>(factors: [T; K]) -> bool {
    factors.iter().fold(true, |all, f| all & f.is_all_finite())
}

/// A packed triangle as N rows of N: row i holds entry (i, j) at column
/// j ≥ i (the columns below i are 0 and not read). A run's entries (i, k)
/// and (j, k), k from its first k on, are then `rows[i][k..]` and
/// `rows[j][k..]`: slices of arrays of N, which need no bounds check,
/// where slices of the packed triangle at computed offsets need two each.
#[inline(always)]
fn rows<T: Real, const N: usize>(packed: &[T]) -> [[T; N]; N] {
    let mut rows = [[T::zero(); N]; N];
    for_each_pair(N, |h, i, j| rows[i][j] = packed[h]);
    rows
}

impl<T: Real, const N: usize> Jet3<T, N>
where
    Const<N>: Packed,
{
    /// `self · other`: (ab)ᵢ = aᵢb + abᵢ, (ab)ᵢⱼ = aᵢⱼb + abᵢⱼ + aᵢbⱼ + aⱼbᵢ,
    /// (ab)ᵢⱼₖ = aᵢⱼₖb + abᵢⱼₖ + aᵢⱼbₖ + aᵢₖbⱼ + aⱼₖbᵢ + aᵢbⱼₖ + aⱼbᵢₖ + aₖbᵢⱼ.
    ///
    /// Where no factor may be non-finite (the bookkeeping bits and the two
    /// values tell), the zero rule changes nothing but the sign of a zero,
    /// and the products are plain IEEE products; the terms of parts known
    /// to be 0 (a linear factor's Hessian and third derivatives) are
    /// skipped, and a constant factor is a scaling.
    #[inline(always)]
    pub(crate) fn mul_number(mut self, other: Self) -> Self {
        let (a, b) = (self.value, other.value);
        // one test for every special case (`|`, not `||`: a single branch)
        let special = ((self.special | other.special) & (CONSTANT | MAYBE_NOT_FINITE)) != 0
            || !finite([a, b]);
        if special {
            if self.is_constant() != other.is_constant() {
                // one constant factor: a scaling of the other
                if self.is_constant() {
                    self = other;
                }
                self.scale(if other.is_constant() { b } else { a });
                self.value = a * b;
                return self;
            }
            return Self::mul_special(self, other);
        }
        match (self.is_linear(), other.is_linear()) {
            (true, true) => self.mul_linear(&other),
            (true, false) => self.mul_fast::<true, false>(&other),
            (false, true) => self.mul_fast::<false, true>(&other),
            (false, false) => self.mul_fast::<false, false>(&other),
        }
        self.special = 0;
        self.value = a * b;
        self
    }

    /// The product of two linear numbers in place: the third derivatives
    /// stay 0, (ab)ᵢⱼ = aᵢbⱼ + aⱼbᵢ.
    #[inline]
    fn mul_linear(&mut self, other: &Self) {
        let (a, b) = (self.value, other.value);
        let (ga, gb) = (&mut self.gradient, &other.gradient);
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |h, i, j| hessian[h] = ga[i] * gb[j] + ga[j] * gb[i]);
        for (ga_k, &gb_k) in ga.iter_mut().zip(gb) {
            *ga_k = *ga_k * b + a * gb_k;
        }
    }

    /// The product rule in place with IEEE products, without the terms of
    /// a factor known to be linear (`A_LINEAR` for `self`, `B_LINEAR` for
    /// `other`; not both). Each third derivative reads only its own old
    /// entry and the old Hessians and gradients, each Hessian entry its own
    /// old entry and the old gradients: so the third derivatives are
    /// written first, then the Hessian, then the gradient.
    #[inline]
    fn mul_fast<const A_LINEAR: bool, const B_LINEAR: bool>(&mut self, other: &Self) {
        let (a, b) = (self.value, other.value);
        let (ga, gb) = (&self.gradient, &other.gradient);
        let (ha, hb) = (self.hessian.as_ref(), other.hessian.as_ref());
        let (third, tb) = (self.third.as_mut(), other.third.as_ref());
        let (ra, rb) = (rows::<T, N>(ha), rows::<T, N>(hb));
        each_run::<N>(
            #[inline(always)]
            |Run {
                 i, j, k, t, len, ..
             }| {
                let out = &mut third[t..t + len];
                let tb = &tb[t..t + len];
                let (ha_ij, hb_ij) = (ra[i][j], rb[i][j]);
                let (ga_i, ga_j, gb_i, gb_j) = (ga[i], ga[j], gb[i], gb[j]);
                // (i, k), (j, k) of both Hessians and xₖ of both gradients
                let others = (ra[i][k..].iter().zip(&ra[j][k..]))
                    .zip(rb[i][k..].iter().zip(&rb[j][k..]))
                    .zip(ga[k..].iter().zip(&gb[k..]));
                for ((out, &tb), (((&ha_ik, &ha_jk), (&hb_ik, &hb_jk)), (&ga_k, &gb_k))) in
                    out.iter_mut().zip(tb).zip(others)
                {
                    // a linear factor's terms are 0 and left out (0 + x = x)
                    let own = if A_LINEAR {
                        a * tb
                    } else if B_LINEAR {
                        *out * b
                    } else {
                        *out * b + a * tb
                    };
                    let of_a = if A_LINEAR {
                        own
                    } else {
                        own + ha_ij * gb_k + ha_ik * gb_j + ha_jk * gb_i
                    };
                    *out = if B_LINEAR {
                        of_a
                    } else {
                        of_a + ga_i * hb_jk + ga_j * hb_ik + ga_k * hb_ij
                    };
                }
            },
        );
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |h, i, j| {
            let own = if A_LINEAR {
                a * hb[h]
            } else if B_LINEAR {
                hessian[h] * b
            } else {
                hessian[h] * b + a * hb[h]
            };
            hessian[h] = own + ga[i] * gb[j] + ga[j] * gb[i];
        });
        for (ga_k, &gb_k) in self.gradient.iter_mut().zip(gb) {
            *ga_k = *ga_k * b + a * gb_k;
        }
    }

    /// The product of two constants, or where a factor may have a
    /// non-finite part: the product rule with `0 · ∞ = 0`, out of line.
    #[inline(never)]
    fn mul_special(self, other: Self) -> Self {
        if self.is_constant() && other.is_constant() {
            return Self::constant(self.value * other.value);
        }
        self.mul_with(other, |a, b| a * b)
    }

    /// `self · c` for a factor `c` in the value type: every part scaled,
    /// by the zero rule in the derivative parts.
    #[inline(always)]
    fn scale(&mut self, c: T) {
        // For a float c, finite and not 0, p·c is the zero rule's product
        // for every part p (0·c = 0, ±∞·c = ±∞, NaN·c = NaN), whatever the
        // bits say; for a nested c only if every part is finite.
        let plain = if T::IS_FLOAT {
            c.is_all_finite() & !c.is_exactly_zero()
        } else {
            !self.maybe_not_finite() & c.is_all_finite()
        };
        if plain {
            *self = self.map_parts(|p| p * c);
        } else {
            self.scale_zero_safe(c);
        }
    }

    /// [`scale`](Self::scale) with `0 · ∞ = 0` in the derivative parts.
    #[cold]
    #[inline(never)]
    fn scale_zero_safe(&mut self, c: T) {
        let value = self.value * c;
        *self = self.map_parts(|p| nan_safe_mul(p, c));
        self.value = value;
        self.refresh_special();
    }

    /// The product rule with `value_product` for the value part (IEEE for
    /// the operator, the zero rule where this number is itself a
    /// derivative part of a nested one); every derivative product goes by
    /// the zero rule (0 · ∞ = 0).
    #[inline(always)]
    pub(crate) fn mul_with(self, other: Self, value_product: impl Fn(T, T) -> T) -> Self {
        let mut out = self.product_rule(other, value_product, nan_safe_mul);
        out.refresh_special();
        out
    }

    /// The product rule with `value_product` for the value part and `m`
    /// for every product of derivative parts, into a new number.
    #[inline(always)]
    fn product_rule(
        self,
        other: Self,
        value_product: impl Fn(T, T) -> T,
        m: impl Fn(T, T) -> T,
    ) -> Self {
        let (a, b) = (self.value, other.value);
        let (ga, gb) = (&self.gradient, &other.gradient);
        let (ha, hb) = (self.hessian.as_ref(), other.hessian.as_ref());
        let (ta, tb) = (self.third.as_ref(), other.third.as_ref());
        let mut out = Self::constant(value_product(a, b));
        let third = out.third.as_mut();
        for_each_triple(N, |t, [i, j, k], [ij, ik, jk]| {
            third[t] = m(ta[t], b)
                + m(a, tb[t])
                + m(ha[ij], gb[k])
                + m(ha[ik], gb[j])
                + m(ha[jk], gb[i])
                + m(ga[i], hb[jk])
                + m(ga[j], hb[ik])
                + m(ga[k], hb[ij]);
        });
        let hessian = out.hessian.as_mut();
        for_each_pair(N, |h, i, j| {
            hessian[h] = m(ha[h], b) + m(a, hb[h]) + m(ga[i], gb[j]) + m(ga[j], gb[i]);
        });
        for (k, g) in out.gradient.iter_mut().enumerate() {
            *g = m(ga[k], b) + m(a, gb[k]);
        }
        out
    }

    /// g(x) in place from g′, g″, g‴ at the value, IEEE products, for x
    /// neither constant nor possibly non-finite and finite g′, g″, g‴:
    ///
    /// g(x)ᵢ = g′ xᵢ, g(x)ᵢⱼ = g′ xᵢⱼ + (g″ xᵢ) xⱼ,
    /// g(x)ᵢⱼₖ = g′ xᵢⱼₖ + (g″ xₖ) xᵢⱼ + (g″ xⱼ) xᵢₖ + (g″ xᵢ) xⱼₖ + ((g‴ xᵢ) xⱼ) xₖ.
    ///
    /// The outer derivatives scale a gradient part before anything else
    /// multiplies it, so that a small or zero g″, g‴ keeps a product in
    /// range where xᵢxⱼ or xᵢⱼxₖ alone overflows. `LINEAR`: x's Hessian and
    /// third derivatives are 0, and their terms are left out.
    ///
    /// Where a product of g″ or g‴ and gradient parts (g″xᵢ, (g‴xᵢ)xⱼ)
    /// overflows, it returns `false` before writing anything: the terms
    /// then go by the zero rule (a product of such a term and a gradient
    /// part of 0 is 0, not IEEE's NaN).
    #[inline]
    #[must_use]
    fn chain_fast<const LINEAR: bool>(&mut self, [df, d2f, d3f]: [T; 3]) -> bool {
        let g = self.gradient;
        let g2 = g.map(|gi| d2f * gi);
        let g3 = g.map(|gi| d3f * gi);
        // (g‴xᵢ)xⱼ for j ≥ i, row i
        let mut pairs3 = [[T::zero(); N]; N];
        for_each_pair(N, |_, i, j| pairs3[i][j] = g3[i] * g[j]);
        if !(all_finite(&g2) & all_finite(pairs3.as_flattened())) {
            return false;
        }
        let h: [[T; N]; N] = if LINEAR {
            [[T::zero(); N]; N] // not read
        } else {
            rows(self.hessian.as_ref())
        };
        let third = self.third.as_mut();
        each_run::<N>(
            #[inline(always)]
            |Run {
                 i, j, k, t, len, ..
             }| {
                let out = &mut third[t..t + len];
                let pair_ij = pairs3[i][j];
                if LINEAR {
                    for (out, &g_k) in out.iter_mut().zip(&g[k..]) {
                        *out = pair_ij * g_k;
                    }
                    return;
                }
                let (h_ij, g2_i, g2_j) = (h[i][j], g2[i], g2[j]);
                let others = (g[k..].iter().zip(&g2[k..])).zip(h[i][k..].iter().zip(&h[j][k..]));
                for (out, ((&g_k, &g2_k), (&h_ik, &h_jk))) in out.iter_mut().zip(others) {
                    let second = g2_k * h_ij + g2_j * h_ik + g2_i * h_jk;
                    *out = df * *out + second + pair_ij * g_k;
                }
            },
        );
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |k, i, j| {
            let pair = g2[i] * g[j];
            hessian[k] = if LINEAR { pair } else { df * hessian[k] + pair };
        });
        for gi in &mut self.gradient {
            *gi = df * *gi;
        }
        true
    }

    /// [`chain_fast`](Self::chain_fast)'s formulas with `0 · ∞ = 0` in every
    /// product, term by term, out of line; the bits recomputed after.
    #[cold]
    #[inline(never)]
    fn chain_zero_safe(&mut self, [df, d2f, d3f]: [T; 3]) {
        let m = nan_safe_mul::<T>;
        let g = self.gradient;
        let h = self.hessian;
        let h = h.as_ref();
        let third = self.third.as_mut();
        for_each_triple(N, |t, [i, j, k], [ij, ik, jk]| {
            let second = m(m(d2f, g[k]), h[ij]) + m(m(d2f, g[j]), h[ik]) + m(m(d2f, g[i]), h[jk]);
            third[t] = m(df, third[t]) + second + m(m(m(d3f, g[i]), g[j]), g[k]);
        });
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |k, i, j| {
            hessian[k] = m(df, hessian[k]) + m(m(d2f, g[i]), g[j]);
        });
        for gi in &mut self.gradient {
            *gi = m(df, *gi);
        }
        self.refresh_special();
    }

    /// Makes every derivative part 0 (g′ = g″ = g‴ = 0: a step function).
    #[inline(never)]
    fn become_constant(&mut self) {
        let value = self.value;
        *self = Self::constant(value);
    }

    /// g(x, y) in place from the partials of g at the values, IEEE
    /// products, for x and y neither constant nor possibly non-finite and
    /// finite partials. With P = g_xx ∇x + g_xy ∇y, Q = g_xy ∇x + g_yy ∇y
    /// and U = g_xxx ∇x + g_xxy ∇y, V = g_xxy ∇x + g_xyy ∇y,
    /// W = g_xyy ∇x + g_yyy ∇y (each partial scales a gradient part first,
    /// so that a small or zero partial keeps the products in range where a
    /// product of gradient parts alone overflows; as `HyperDual` does):
    ///
    /// g(x, y)ᵢ = g_x xᵢ + g_y yᵢ,
    /// g(x, y)ᵢⱼ = g_x xᵢⱼ + g_y yᵢⱼ + Pᵢxⱼ + Qᵢyⱼ,
    /// g(x, y)ᵢⱼₖ = g_x xᵢⱼₖ + g_y yᵢⱼₖ + (xᵢⱼPₖ + xᵢₖPⱼ + xⱼₖPᵢ)
    ///   + (yᵢⱼQₖ + yᵢₖQⱼ + yⱼₖQᵢ) + (Uᵢxⱼ + Vᵢyⱼ)xₖ + (Vᵢxⱼ + Wᵢyⱼ)yₖ.
    ///
    /// `LINEAR`: x and y are both linear, and the terms of their Hessians
    /// and third derivatives are left out. Where P, Q or the pairs in the
    /// last two terms overflow, it returns `false` before writing anything,
    /// as [`chain_fast`](Self::chain_fast) does.
    #[inline]
    #[must_use]
    fn chain2_fast<const LINEAR: bool>(
        &mut self,
        other: &Self,
        [gx, gy]: [T; 2],
        [gxx, gxy, gyy]: [T; 3],
        [gxxx, gxxy, gxyy, gyyy]: [T; 4],
    ) -> bool {
        let (x, y) = (self.gradient, &other.gradient);
        let combine = |p: T, q: T| core::array::from_fn::<T, N, _>(|k| p * x[k] + q * y[k]);
        let (gp, gq) = (combine(gxx, gxy), combine(gxy, gyy));
        let (u, v, w) = (
            combine(gxxx, gxxy),
            combine(gxxy, gxyy),
            combine(gxyy, gyyy),
        );
        // (Uᵢxⱼ + Vᵢyⱼ) and (Vᵢxⱼ + Wᵢyⱼ) for j ≥ i, row i
        let (mut r0, mut r1) = ([[T::zero(); N]; N], [[T::zero(); N]; N]);
        for_each_pair(N, |_, i, j| {
            r0[i][j] = u[i] * x[j] + v[i] * y[j];
            r1[i][j] = v[i] * x[j] + w[i] * y[j];
        });
        let pairs = [r0.as_flattened(), r1.as_flattened()];
        if !(all_finite(&gp) & all_finite(&gq) & all_finite(pairs[0]) & all_finite(pairs[1])) {
            return false;
        }
        let (rx, ry): ([[T; N]; N], [[T; N]; N]) = if LINEAR {
            ([[T::zero(); N]; N], [[T::zero(); N]; N]) // not read
        } else {
            (rows(self.hessian.as_ref()), rows(other.hessian.as_ref()))
        };
        let (third, ty) = (self.third.as_mut(), other.third.as_ref());
        each_run::<N>(
            #[inline(always)]
            |Run {
                 i, j, k, t, len, ..
             }| {
                let out = &mut third[t..t + len];
                let (r0_ij, r1_ij) = (r0[i][j], r1[i][j]);
                let (x_k, y_k) = (&x[k..], &y[k..]);
                if LINEAR {
                    for (out, (&x_k, &y_k)) in out.iter_mut().zip(x_k.iter().zip(y_k)) {
                        *out = r0_ij * x_k + r1_ij * y_k;
                    }
                    return;
                }
                let ty = &ty[t..t + len];
                let (hx_ij, hy_ij) = (rx[i][j], ry[i][j]);
                let (p_i, p_j, q_i, q_j) = (gp[i], gp[j], gq[i], gq[j]);
                let gradients = (x_k.iter().zip(y_k)).zip(gp[k..].iter().zip(&gq[k..]));
                let hessians =
                    (rx[i][k..].iter().zip(&rx[j][k..])).zip(ry[i][k..].iter().zip(&ry[j][k..]));
                for (
                    (out, &ty),
                    (((&x_k, &y_k), (&p_k, &q_k)), ((&hx_ik, &hx_jk), (&hy_ik, &hy_jk))),
                ) in out.iter_mut().zip(ty).zip(gradients.zip(hessians))
                {
                    let of_x = hx_ij * p_k + hx_ik * p_j + hx_jk * p_i;
                    let of_y = hy_ij * q_k + hy_ik * q_j + hy_jk * q_i;
                    let cubic = r0_ij * x_k + r1_ij * y_k;
                    *out = gx * *out + gy * ty + of_x + of_y + cubic;
                }
            },
        );
        let hy = other.hessian.as_ref();
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |h, i, j| {
            let pairs = gp[i] * x[j] + gq[i] * y[j];
            hessian[h] = if LINEAR {
                pairs
            } else {
                gx * hessian[h] + gy * hy[h] + pairs
            };
        });
        for (x_k, &y_k) in self.gradient.iter_mut().zip(y) {
            *x_k = gx * *x_k + gy * y_k;
        }
        true
    }

    /// [`chain2_fast`](Self::chain2_fast)'s formulas with `0 · ∞ = 0` in
    /// every product, term by term (a sum of terms that cancels to 0 must
    /// not act as a zero factor against a NaN or ∞ part), out of line; the
    /// bits recomputed after.
    #[cold]
    #[inline(never)]
    fn chain2_zero_safe(
        &mut self,
        other: &Self,
        [gx, gy]: [T; 2],
        [gxx, gxy, gyy]: [T; 3],
        [gxxx, gxxy, gxyy, gyyy]: [T; 4],
    ) {
        let m = nan_safe_mul::<T>;
        let (x, y) = (self.gradient, other.gradient);
        let hx = self.hessian;
        let (hx, hy) = (hx.as_ref(), other.hessian.as_ref());
        let ty = other.third.as_ref();
        // the second partials against one Hessian entry of each argument:
        // g_xx xₖ xᵢⱼ + g_xy yₖ xᵢⱼ + g_xy xₖ yᵢⱼ + g_yy yₖ yᵢⱼ
        let second = |k: usize, h: usize| {
            m(m(gxx, x[k]), hx[h])
                + m(m(gxy, y[k]), hx[h])
                + (m(m(gxy, x[k]), hy[h]) + m(m(gyy, y[k]), hy[h]))
        };
        // the third partials against three gradient parts, one term each
        let cubic = |i: usize, j: usize, k: usize| {
            let triple = |g: T, a: &[T; N], b: &[T; N], c: &[T; N]| m(m(m(g, a[i]), b[j]), c[k]);
            triple(gxxx, &x, &x, &x)
                + (triple(gxxy, &x, &x, &y) + triple(gxxy, &x, &y, &x) + triple(gxxy, &y, &x, &x))
                + (triple(gxyy, &x, &y, &y) + triple(gxyy, &y, &x, &y) + triple(gxyy, &y, &y, &x))
                + triple(gyyy, &y, &y, &y)
        };
        let third = self.third.as_mut();
        for_each_triple(N, |t, [i, j, k], [ij, ik, jk]| {
            let seconds = second(k, ij) + second(j, ik) + second(i, jk);
            third[t] = m(gx, third[t]) + m(gy, ty[t]) + seconds + cubic(i, j, k);
        });
        let hessian = self.hessian.as_mut();
        for_each_pair(N, |h, i, j| {
            hessian[h] = m(gx, hessian[h])
                + m(gy, hy[h])
                + m(m(gxx, x[i]), x[j])
                + (m(m(gxy, x[i]), y[j]) + m(m(gxy, y[i]), x[j]))
                + m(m(gyy, y[i]), y[j]);
        });
        for (x_k, &y_k) in self.gradient.iter_mut().zip(&y) {
            *x_k = m(gx, *x_k) + m(gy, y_k);
        }
        self.refresh_special();
    }
}

impl<T: Real, const N: usize> Chain for Jet3<T, N>
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

    // Every entry of the table supplies g‴ (`chain3`); a g‴ not supplied
    // is unknown, NaN, so that a missing one shows instead of passing as 0.
    #[inline(always)]
    fn chain(self, f: T, df: T, d2f: T) -> Self {
        self.chain3(f, df, d2f, || nalgebra::convert(f64::NAN))
    }

    #[inline(always)]
    fn chain2(self, other: Self, f: T, d: [T; 2], d2: [T; 3]) -> Self {
        self.chain2_3(other, f, d, d2, || [nalgebra::convert(f64::NAN); 4])
    }

    // A function of a constant is a constant (its derivative parts, 0,
    // stay 0 by the zero rule); where g″ = g‴ = 0 it is a scaling by g′
    // (a constant where g′ = 0 too). Otherwise, where g′, g″, g‴ are
    // finite and x may not hold a non-finite part, the products are plain
    // IEEE products (equal to the zero rule's up to the sign of a zero);
    // else every product goes by the zero rule, out of line.
    #[inline(always)]
    fn chain3(mut self, f: T, df: T, d2f: T, d3f: impl FnOnce() -> T) -> Self {
        if self.is_constant() {
            self.value = f;
            return self;
        }
        let derivatives = [df, d2f, d3f()];
        if !finite(derivatives) || self.maybe_not_finite() {
            self.chain_zero_safe(derivatives);
        } else if d2f.is_exactly_zero() & derivatives[2].is_exactly_zero() {
            if df.is_exactly_zero() {
                self.become_constant();
            } else {
                self = self.map_parts(|p| df * p);
            }
        } else {
            let done = if self.is_linear() {
                self.chain_fast::<true>(derivatives)
            } else {
                self.chain_fast::<false>(derivatives)
            };
            if done {
                self.special = 0;
            } else {
                self.chain_zero_safe(derivatives);
            }
        }
        self.with_value(f)
    }

    // A function of one argument where the other is a constant (∇y, Hy and
    // the third derivatives of y are 0, and so are their terms); else as
    // `chain3`.
    #[inline(always)]
    fn chain2_3(
        mut self,
        other: Self,
        f: T,
        d: [T; 2],
        d2: [T; 3],
        d3: impl FnOnce() -> [T; 4],
    ) -> Self {
        if other.is_constant() {
            return self.chain3(f, d[0], d2[0], || d3()[0]);
        }
        if self.is_constant() {
            return other.chain3(f, d[1], d2[2], || d3()[3]);
        }
        let d3 = d3();
        let special = (self.special | other.special) & MAYBE_NOT_FINITE != 0;
        if special || !(finite(d) & finite(d2) & finite(d3)) {
            self.chain2_zero_safe(&other, d, d2, d3);
        } else {
            let done = if self.is_linear() & other.is_linear() {
                self.chain2_fast::<true>(&other, d, d2, d3)
            } else {
                self.chain2_fast::<false>(&other, d, d2, d3)
            };
            if done {
                self.special = 0;
            } else {
                self.chain2_zero_safe(&other, d, d2, d3);
            }
        }
        self.with_value(f)
    }
}
