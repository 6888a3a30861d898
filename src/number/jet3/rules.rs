//! The rules of calculus to third order for [`Jet3`]: the product rule and
//! the chain rules of one- and two-argument functions.
//!
//! Subscripts are variables: xᵢ = ∂x/∂xᵢ, xᵢⱼ = ∂²x/∂xᵢ∂xⱼ, xᵢⱼₖ likewise,
//! always for i ≤ j ≤ k (the entries stored).

use nalgebra::Const;

use super::{Jet3, Run, Triangle, UNROLLED_UP_TO, for_each_pair, runs};
use crate::Real;
use crate::number::packed::{Packed, row_start};
use crate::real::nan_safe_mul;
use crate::table::Chain;

/// `true` if every part is finite. Without short-circuit, so that for
/// plain floats the test compiles to vector compares, no branch per part.
#[inline(always)]
fn all_finite<T: Real>(parts: &[T]) -> bool {
    parts.iter().fold(true, |all, p| all & p.is_all_finite())
}

/// The largest magnitude among `parts` (by value for a nested number type).
#[inline(always)]
fn largest<T: Real>(parts: &[T]) -> T {
    parts.iter().fold(T::zero(), |m, p| m.max(p.abs()))
}

/// `true` if no product the chain rules form from first and second parts
/// of sizes up to `g` and `h` overflows (xᵢxⱼxₖ ≤ g³, xᵢⱼxₖ ≤ hg): where one
/// does, a zero g″ or g‴ times it is the zero rule's 0, not IEEE's NaN.
#[inline(always)]
fn products_finite<T: Real>(g: T, h: T) -> bool {
    (g * g * g).is_all_finite() && (h * g).is_all_finite()
}

/// The products xᵢxⱼ (i ≤ j) of two gradients, packed, each by `product`.
#[inline(always)]
fn pair_products<T: Real, const N: usize>(
    a: &[T; N],
    b: &[T; N],
    product: impl Fn(T, T) -> T,
) -> Triangle<T, N>
where
    Const<N>: Packed,
{
    let mut out = <Const<N> as Packed>::triangle(T::zero());
    let entries = out.as_mut();
    for_each_pair(N, |h, i, j| entries[h] = product(a[i], b[j]));
    out
}

impl<T: Real, const N: usize> Jet3<T, N>
where
    Const<N>: Packed,
{
    /// The product rule (below) with IEEE arithmetic in the value part.
    /// Where every part of both factors is finite, the zero rule changes
    /// nothing but the sign of a zero, so the derivative products are plain
    /// IEEE products then: a test of 2·(1 + N + N(N+1)/2 + N(N+1)(N+2)/6)
    /// parts instead of a compare and select in each of the ~N³ products.
    #[inline(always)]
    pub(crate) fn mul_number(self, other: Self) -> Self {
        let ieee = |a: T, b: T| a * b;
        if self.is_all_finite_parts() && other.is_all_finite_parts() {
            self.product_rule(other, ieee, ieee)
        } else {
            self.product_rule(other, ieee, nan_safe_mul)
        }
    }

    /// `true` if every part is finite.
    #[inline(always)]
    fn is_all_finite_parts(&self) -> bool {
        self.value.is_all_finite()
            && all_finite(&self.gradient)
            && all_finite(self.hessian.as_ref())
            && all_finite(self.third.as_ref())
    }

    /// The product rule with `value_product` for the value part (IEEE for
    /// the operator, the zero rule where this number is itself a
    /// derivative part of a nested one); every derivative product goes by
    /// the zero rule (0 · ∞ = 0).
    #[inline(always)]
    pub(crate) fn mul_with(self, other: Self, value_product: impl Fn(T, T) -> T) -> Self {
        self.product_rule(other, value_product, nan_safe_mul)
    }

    /// The product rule with `value_product` for the value part and `m`
    /// for every product of derivative parts.
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
        // (ab)ᵢⱼₖ = aᵢⱼₖb + abᵢⱼₖ + aᵢⱼbₖ + aᵢₖbⱼ + aⱼₖbᵢ + aᵢbⱼₖ + aⱼbᵢₖ + aₖbᵢⱼ
        if N <= UNROLLED_UP_TO {
            // the same formula as below, in loops the compiler unrolls
            let mut t = 0;
            for i in 0..N {
                for j in i..N {
                    let (ij, jj) = (row_start(N, i) + (j - i), row_start(N, j));
                    for k in j..N {
                        let (ik, jk) = (ij + (k - j), jj + (k - j));
                        third[t] = m(ta[t], b)
                            + m(a, tb[t])
                            + m(ha[ij], gb[k])
                            + m(ha[ik], gb[j])
                            + m(ha[jk], gb[i])
                            + m(ga[i], hb[jk])
                            + m(ga[j], hb[ik])
                            + m(ga[k], hb[ij]);
                        t += 1;
                    }
                }
            }
        } else {
            for Run {
                i,
                j,
                ij,
                t,
                ik,
                jk,
                len,
            } in runs(N)
            {
                let out = &mut third[t..t + len];
                let (ta, tb) = (&ta[t..t + len], &tb[t..t + len]);
                let (ha_ik, ha_jk) = (&ha[ik..ik + len], &ha[jk..jk + len]);
                let (hb_ik, hb_jk) = (&hb[ik..ik + len], &hb[jk..jk + len]);
                let (ga_k, gb_k) = (&ga[j..j + len], &gb[j..j + len]);
                let (ha_ij, hb_ij) = (ha[ij], hb[ij]);
                let (ga_i, ga_j, gb_i, gb_j) = (ga[i], ga[j], gb[i], gb[j]);
                for s in 0..len {
                    out[s] = m(ta[s], b)
                        + m(a, tb[s])
                        + m(ha_ij, gb_k[s])
                        + m(ha_ik[s], gb_j)
                        + m(ha_jk[s], gb_i)
                        + m(ga_i, hb_jk[s])
                        + m(ga_j, hb_ik[s])
                        + m(ga_k[s], hb_ij);
                }
            }
        }
        let hessian = out.hessian.as_mut();
        // (ab)ᵢⱼ = aᵢⱼb + abᵢⱼ + aᵢbⱼ + aⱼbᵢ
        for_each_pair(N, |h, i, j| {
            hessian[h] = m(ha[h], b) + m(a, hb[h]) + m(ga[i], gb[j]) + m(ga[j], gb[i]);
        });
        // (ab)ᵢ = aᵢb + abᵢ
        for (k, g) in out.gradient.iter_mut().enumerate() {
            *g = m(ga[k], b) + m(a, gb[k]);
        }
        out
    }

    /// g(x) from g′, g″, g‴ at the value, with `p` for every product
    /// whose factors are not all known to be finite only by the zero rule;
    /// the derivative parts of x of the order being replaced are always
    /// multiplied by the zero rule (they are not in the finiteness test).
    #[inline(always)]
    fn apply_chain(mut self, [df, d2f, d3f]: [T; 3], p: impl Fn(T, T) -> T) -> Self {
        let m = nan_safe_mul::<T>;
        let g = self.gradient;
        // (g″ xᵢ) xⱼ and (g‴ xᵢ) xⱼ: the outer derivative scales first, so
        // that a small g″ keeps g″ xᵢ xⱼ in range where xᵢ xⱼ overflows
        let (g2, g3) = (g.map(|gi| p(d2f, gi)), g.map(|gi| p(d3f, gi)));
        let pairs2 = pair_products(&g2, &g, &p);
        let pairs3 = pair_products(&g3, &g, &p);
        let (pairs2, pairs3) = (pairs2.as_ref(), pairs3.as_ref());
        let h = self.hessian;
        let h = h.as_ref();
        let third = self.third.as_mut();
        // g(x)ᵢⱼₖ = g′ xᵢⱼₖ + g″ (xᵢⱼ xₖ + xᵢₖ xⱼ + xⱼₖ xᵢ) + g‴ xᵢ xⱼ xₖ
        if N <= UNROLLED_UP_TO {
            // the same formula as below, in loops the compiler unrolls
            let mut t = 0;
            for i in 0..N {
                for j in i..N {
                    let (ij, jj) = (row_start(N, i) + (j - i), row_start(N, j));
                    for k in j..N {
                        let (ik, jk) = (ij + (k - j), jj + (k - j));
                        let second = p(h[ij], g[k]) + p(h[ik], g[j]) + p(h[jk], g[i]);
                        third[t] = m(df, third[t]) + p(d2f, second) + p(pairs3[ij], g[k]);
                        t += 1;
                    }
                }
            }
        } else {
            for Run {
                i,
                j,
                ij,
                t,
                ik,
                jk,
                len,
            } in runs(N)
            {
                let out = &mut third[t..t + len];
                let (h_ik, h_jk, g_k) = (&h[ik..ik + len], &h[jk..jk + len], &g[j..j + len]);
                let (h_ij, g_i, g_j, pair_ij) = (h[ij], g[i], g[j], pairs3[ij]);
                for s in 0..len {
                    let second = p(h_ij, g_k[s]) + p(h_ik[s], g_j) + p(h_jk[s], g_i);
                    out[s] = m(df, out[s]) + p(d2f, second) + p(pair_ij, g_k[s]);
                }
            }
        }
        let hessian = self.hessian.as_mut();
        // g(x)ᵢⱼ = g′ xᵢⱼ + g″ xᵢ xⱼ
        for (entry, &pair) in hessian.iter_mut().zip(pairs2) {
            *entry = m(df, *entry) + pair;
        }
        // g(x)ᵢ = g′ xᵢ
        for gi in &mut self.gradient {
            *gi = p(df, *gi);
        }
        self
    }

    /// g(x, y) from the partials of g at the values, with `p` as in
    /// `apply_chain`.
    #[inline(always)]
    fn apply_chain2(
        mut self,
        other: &Self,
        [gx, gy]: [T; 2],
        [gxx, gxy, gyy]: [T; 3],
        [gxxx, gxxy, gxyy, gyyy]: [T; 4],
        p: impl Fn(T, T) -> T,
    ) -> Self {
        let m = nan_safe_mul::<T>;
        let (x, y) = (self.gradient, &other.gradient);
        let (xx, yy, xy) = (
            pair_products(&x, &x, &p),
            pair_products(y, y, &p),
            pair_products(&x, y, &p),
        );
        let (xx, yy, xy) = (xx.as_ref(), yy.as_ref(), xy.as_ref());
        let hx = self.hessian;
        let (hx, hy) = (hx.as_ref(), other.hessian.as_ref());
        let ty = other.third.as_ref();
        let third = self.third.as_mut();
        // g(x, y)ᵢⱼₖ = g_x xᵢⱼₖ + g_y yᵢⱼₖ
        //   + g_xx (xᵢⱼxₖ + xᵢₖxⱼ + xⱼₖxᵢ) + g_yy (yᵢⱼyₖ + yᵢₖyⱼ + yⱼₖyᵢ)
        //   + g_xy (xᵢⱼyₖ + xᵢₖyⱼ + xⱼₖyᵢ + yᵢⱼxₖ + yᵢₖxⱼ + yⱼₖxᵢ)
        //   + g_xxx xᵢxⱼxₖ + g_xxy (xᵢxⱼyₖ + xᵢxₖyⱼ + xⱼxₖyᵢ)
        //   + g_xyy (yⱼyₖxᵢ + yᵢyₖxⱼ + yᵢyⱼxₖ) + g_yyy yᵢyⱼyₖ
        for Run {
            i,
            j,
            ij,
            t,
            ik,
            jk,
            len,
        } in runs(N)
        {
            let out = &mut third[t..t + len];
            let ty = &ty[t..t + len];
            let (x_k, y_k) = (&x[j..j + len], &y[j..j + len]);
            // aᵢⱼbₖ + aᵢₖbⱼ + aⱼₖbᵢ for a packed triangle a and a gradient b, at k = j + s
            let sum3 = |a: &[T], b: &[T; N], s: usize| {
                p(a[ij], b[j + s]) + p(a[ik + s], b[j]) + p(a[jk + s], b[i])
            };
            for s in 0..len {
                let second = p(gxx, sum3(hx, &x, s))
                    + p(gyy, sum3(hy, y, s))
                    + p(gxy, sum3(hx, y, s) + sum3(hy, &x, s));
                let cubic = p(gxxx, p(xx[ij], x_k[s]))
                    + p(gxxy, sum3(xx, y, s))
                    + p(gxyy, sum3(yy, &x, s))
                    + p(gyyy, p(yy[ij], y_k[s]));
                out[s] = m(gx, out[s]) + m(gy, ty[s]) + second + cubic;
            }
        }
        let hessian = self.hessian.as_mut();
        // g(x, y)ᵢⱼ = g_x xᵢⱼ + g_y yᵢⱼ + g_xx xᵢxⱼ + g_xy (xᵢyⱼ + xⱼyᵢ) + g_yy yᵢyⱼ
        for_each_pair(N, |h, i, j| {
            let mixed = xy[h] + p(x[j], y[i]);
            hessian[h] =
                m(gx, hessian[h]) + m(gy, hy[h]) + p(gxx, xx[h]) + p(gxy, mixed) + p(gyy, yy[h]);
        });
        // g(x, y)ᵢ = g_x xᵢ + g_y yᵢ
        for (k, g) in self.gradient.iter_mut().enumerate() {
            *g = p(gx, x[k]) + p(gy, y[k]);
        }
        self
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

    // Where g′, g″, g‴ and the gradient and Hessian of x are finite and
    // their products do not overflow, the products among them are plain
    // IEEE products (equal to the zero rule's up to the sign of a zero), a
    // test of O(N²) parts before O(N³) work; otherwise every product goes
    // by the zero rule.
    #[inline(always)]
    fn chain3(self, f: T, df: T, d2f: T, d3f: impl FnOnce() -> T) -> Self {
        let derivatives = [df, d2f, d3f()];
        let finite = all_finite(&derivatives)
            && all_finite(&self.gradient)
            && all_finite(self.hessian.as_ref())
            && products_finite(largest(&self.gradient), largest(self.hessian.as_ref()));
        let out = if finite {
            self.apply_chain(derivatives, |a, b| a * b)
        } else {
            self.apply_chain(derivatives, nan_safe_mul)
        };
        out.with_value(f)
    }

    #[inline(always)]
    fn chain2_3(
        self,
        other: Self,
        f: T,
        d: [T; 2],
        d2: [T; 3],
        d3: impl FnOnce() -> [T; 4],
    ) -> Self {
        let d3 = d3();
        let finite = all_finite(&d)
            && all_finite(&d2)
            && all_finite(&d3)
            && all_finite(&self.gradient)
            && all_finite(&other.gradient)
            && all_finite(self.hessian.as_ref())
            && all_finite(other.hessian.as_ref())
            && products_finite(
                largest(&self.gradient).max(largest(&other.gradient)),
                largest(self.hessian.as_ref()).max(largest(other.hessian.as_ref())),
            );
        let out = if finite {
            self.apply_chain2(&other, d, d2, d3, |a, b| a * b)
        } else {
            self.apply_chain2(&other, d, d2, d3, nan_safe_mul)
        };
        out.with_value(f)
    }
}
