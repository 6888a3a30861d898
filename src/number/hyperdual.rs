//! [`HyperDual`]: a value, its gradient and its Hessian with respect to `N`
//! variables, in one pass.

use core::fmt;
use core::ops::Range;

use nalgebra::{SMatrix, SVector};

use crate::Real;
use crate::number::ops::{PartFormat, write_list};
use crate::real::nan_safe_mul;
use crate::table::Chain;

/// A number carrying its value, gradient and Hessian with respect to `N`
/// variables: a second-order Taylor expansion
/// `value + gᵀε + ½ εᵀHε` that arithmetic carries exactly.
///
/// The Hessian is symmetric, so only its upper triangle (`i ≤ j`) is
/// computed and stored in use; [`hessian`](Self::hessian) returns the full
/// symmetric matrix. Each number also knows the range of variables it
/// depends on (a seeded variable depends on one, a sum on the union of its
/// terms' ranges), and operations skip the rows and columns outside it: a
/// function that is a sum of terms in few variables each (extended
/// Rosenbrock, a chain of springs, a banded least-squares problem) costs far
/// less than N² per operation. The results are the same either way.
/// Comparisons (`==`, `<`) look at the value part only.
///
/// ```
/// use monodual::HyperDual;
/// use nalgebra::Matrix2;
///
/// // f(x, y) = x²y at (3, 2)
/// let x = HyperDual::<f64, 2>::variable(3.0, 0);
/// let y = HyperDual::<f64, 2>::variable(2.0, 1);
/// let f = x * x * y;
/// assert_eq!(f.value(), 18.0);
/// assert_eq!(f.gradient(), nalgebra::Vector2::new(12.0, 9.0)); // (2xy, x²)
/// assert_eq!(f.hessian(), Matrix2::new(4.0, 6.0, 6.0, 0.0)); // [[2y, 2x], [2x, 0]]
/// ```
#[derive(Clone, Copy)]
pub struct HyperDual<T, const N: usize> {
    value: T,
    gradient: [T; N],
    /// Row i holds ∂²/∂xᵢ∂xⱼ for j ≥ i; entries below the diagonal are never read.
    hessian: [[T; N]; N],
    /// Above `DENSE_UP_TO` variables: outside these, every gradient and
    /// Hessian part is exactly 0. (Not kept, and never read, below.)
    lanes: Lanes,
}

/// Up to this many variables every operation runs over all of them: the
/// loops then have a fixed length, which is faster than tracking ranges.
const DENSE_UP_TO: usize = 8;

/// A range of variables `start..end` (empty when `start == end`).
#[derive(Clone, Copy, Debug)]
struct Lanes {
    start: u32,
    end: u32,
}

impl Lanes {
    const NONE: Self = Self { start: 0, end: 0 };

    #[inline(always)]
    fn one(index: usize) -> Self {
        Self {
            start: index as u32,
            end: index as u32 + 1,
        }
    }

    #[inline(always)]
    fn all(n: usize) -> Self {
        Self {
            start: 0,
            end: n as u32,
        }
    }

    /// The smallest range holding both. Up to `DENSE_UP_TO` variables the
    /// ranges are never read, so they are not kept up to date.
    #[inline(always)]
    fn union<const N: usize>(self, other: Self) -> Self {
        if N <= DENSE_UP_TO {
            self
        } else if self.start == self.end {
            other
        } else if other.start == other.end {
            self
        } else {
            Self {
                start: self.start.min(other.start),
                end: self.end.max(other.end),
            }
        }
    }

    /// The variables an operation on `N` variables loops over: all of them
    /// for small `N`, else this range (clamped to `N`, which lets the
    /// compiler drop bounds checks).
    #[inline(always)]
    fn range<const N: usize>(self) -> Range<usize> {
        if N <= DENSE_UP_TO {
            0..N
        } else {
            let end = (self.end as usize).min(N);
            (self.start as usize).min(end)..end
        }
    }
}

/// Replaces every entry of the upper triangle (`i ≤ j`) with `i` and `j` in
/// `lanes` by `entry(i, j, old)`, in place: the loops every Hessian update runs.
// Index loops: `j` also indexes the gradients inside `entry`.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn update_upper<T: Copy, const N: usize>(
    hessian: &mut [[T; N]; N],
    lanes: Range<usize>,
    mut entry: impl FnMut(usize, usize, T) -> T,
) {
    let end = lanes.end.min(N);
    for i in lanes.start..end {
        for j in i..end {
            hessian[i][j] = entry(i, j, hessian[i][j]);
        }
    }
}

/// `true` if every part is finite.
#[inline(always)]
fn all_finite<T: Real>(parts: &[T]) -> bool {
    parts.iter().all(|p| p.is_all_finite())
}

/// `a · b` for two derivative parts, with `0 · ∞ = 0` whichever of them is 0.
#[inline(always)]
fn part_product<T: Real>(a: T, b: T) -> T {
    if a.is_exactly_zero() {
        T::zero()
    } else {
        nan_safe_mul(a, b)
    }
}

impl<T: Real, const N: usize> HyperDual<T, N> {
    /// A constant: value `value`, gradient and Hessian zero.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// let c = HyperDual::<f64, 2>::constant(1.5);
    /// assert_eq!(c.value(), 1.5);
    /// assert_eq!(c.hessian(), nalgebra::Matrix2::zeros());
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn constant(value: T) -> Self {
        Self {
            value,
            gradient: [T::zero(); N],
            hessian: [[T::zero(); N]; N],
            lanes: Lanes::NONE,
        }
    }

    /// The variable number `index` (from 0) at `value`: gradient eᵢₙdₑₓ,
    /// Hessian zero.
    ///
    /// # Panics
    ///
    /// If `index >= N`: there is no such variable.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// let x = HyperDual::<f64, 2>::variable(2.0, 0);
    /// assert_eq!((x * x).hessian()[(0, 0)], 2.0);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn variable(value: T, index: usize) -> Self {
        assert!(
            index < N,
            "variable index {index} out of range for {N} variables"
        );
        let mut x = Self::constant(value);
        x.gradient[index] = T::one();
        x.lanes = Lanes::one(index);
        x
    }

    /// A number from its value, gradient and Hessian. Only the upper
    /// triangle of `hessian` is read: the Hessian is symmetric by definition.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// use nalgebra::{Matrix2, Vector2};
    /// let x = HyperDual::new(1.0, Vector2::new(1.0, 0.0), Matrix2::new(0.0, 2.0, 99.0, 0.0));
    /// assert_eq!(x.hessian(), Matrix2::new(0.0, 2.0, 2.0, 0.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn new(value: T, gradient: SVector<T, N>, hessian: SMatrix<T, N, N>) -> Self {
        let mut x = Self::constant(value);
        x.gradient = gradient.into();
        x.lanes = Lanes::all(N);
        update_upper(&mut x.hessian, 0..N, |i, j, _| hessian[(i, j)]);
        x
    }

    /// The value part.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// assert_eq!(HyperDual::<f64, 1>::variable(1.5, 0).value(), 1.5);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn value(&self) -> T {
        self.value
    }

    /// The gradient: ∂/∂xᵢ for each variable i.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// let x = HyperDual::<f64, 2>::variable(3.0, 1);
    /// assert_eq!((x * x).gradient(), nalgebra::Vector2::new(0.0, 6.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn gradient(&self) -> SVector<T, N> {
        SVector::from(self.gradient)
    }

    /// The Hessian: the symmetric matrix of ∂²/∂xᵢ∂xⱼ.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// let x = HyperDual::<f64, 2>::variable(3.0, 0);
    /// let y = HyperDual::<f64, 2>::variable(5.0, 1);
    /// assert_eq!((x * y).hessian(), nalgebra::Matrix2::new(0.0, 1.0, 1.0, 0.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn hessian(&self) -> SMatrix<T, N, N> {
        SMatrix::from_fn(|i, j| {
            if i <= j {
                self.hessian[i][j]
            } else {
                self.hessian[j][i]
            }
        })
    }

    /// Applies `part` to the value and to every derivative part.
    #[inline(always)]
    pub(crate) fn map_parts(mut self, part: impl Fn(T) -> T) -> Self {
        let lanes = self.lanes.range::<N>();
        self.value = part(self.value);
        for g in &mut self.gradient[lanes.clone()] {
            *g = part(*g);
        }
        update_upper(&mut self.hessian, lanes, |_, _, h| part(h));
        self
    }

    /// Applies `c` to the value part.
    #[inline(always)]
    pub(crate) fn offset(mut self, c: impl FnOnce(T) -> T) -> Self {
        self.value = c(self.value);
        self
    }

    /// Every part that is read, value first.
    #[inline(always)]
    pub(crate) fn parts(&self) -> impl Iterator<Item = &T> {
        let upper = self
            .hessian
            .iter()
            .enumerate()
            .flat_map(|(i, row)| row[i..].iter());
        core::iter::once(&self.value)
            .chain(self.gradient.iter())
            .chain(upper)
    }

    /// Combines the parts of two numbers pairwise.
    #[inline(always)]
    pub(crate) fn zip_parts(mut self, other: Self, part: impl Fn(T, T) -> T) -> Self {
        self.lanes = self.lanes.union::<N>(other.lanes);
        let lanes = self.lanes.range::<N>();
        self.value = part(self.value, other.value);
        for k in lanes.clone() {
            self.gradient[k] = part(self.gradient[k], other.gradient[k]);
        }
        update_upper(&mut self.hessian, lanes, |i, j, h| {
            part(h, other.hessian[i][j])
        });
        self
    }

    // (a, a′, a″)(b, b′, b″) = (ab, a′b + ab′, a″b + ab″ + a′b′ᵀ + b′a′ᵀ):
    // the value part in IEEE arithmetic, each derivative product by the
    // zero rule (0 · ∞ = 0).
    #[inline(always)]
    pub(crate) fn mul_number(self, other: Self) -> Self {
        self.mul_with(other, |a, b| a * b)
    }

    /// `self`: as an inner number of a nested type, a derivative keeps the
    /// derivative parts its formula gave it (setting them would need a
    /// third derivative).
    #[inline(always)]
    pub(crate) fn along(self, _next: Self, _x: &Self) -> Self {
        self
    }

    /// `self`, as `along`.
    #[inline(always)]
    pub(crate) fn along2(self, _next: [Self; 2], _x: &Self, _y: &Self) -> Self {
        self
    }

    /// The product rule with `value_product` for the value part (IEEE for
    /// the operator, the zero rule where this number is itself a
    /// derivative part of a nested one).
    #[inline(always)]
    pub(crate) fn mul_with(self, other: Self, value_product: impl Fn(T, T) -> T) -> Self {
        let (a, b) = (self.value, other.value);
        let mut out = Self::constant(value_product(a, b));
        out.lanes = self.lanes.union::<N>(other.lanes);
        let lanes = out.lanes.range::<N>();
        let (ga, gb) = (&self.gradient, &other.gradient);
        let m = nan_safe_mul::<T>;
        update_upper(&mut out.hessian, lanes.clone(), |i, j, _| {
            m(self.hessian[i][j], b) + m(a, other.hessian[i][j]) + m(ga[i], gb[j]) + m(ga[j], gb[i])
        });
        for k in lanes {
            out.gradient[k] = m(ga[k], b) + m(a, gb[k]);
        }
        out
    }
}

impl<T: Real, const N: usize> Chain for HyperDual<T, N> {
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

    // g(x): ∇ = g′ ∇x, H = g′ Hx + g″ ∇x ∇xᵀ
    #[inline(always)]
    fn chain(mut self, f: T, df: T, d2f: T) -> Self {
        let lanes = self.lanes.range::<N>();
        let g = &self.gradient;
        self.value = f;
        if df.is_all_finite() && d2f.is_all_finite() && all_finite(&g[lanes.clone()]) {
            update_upper(&mut self.hessian, lanes.clone(), |i, j, h| {
                // the Hessian parts are not in the finiteness check
                nan_safe_mul(df, h) + d2f * (g[i] * g[j])
            });
            for gi in &mut self.gradient[lanes] {
                *gi = df * *gi;
            }
        } else {
            update_upper(&mut self.hessian, lanes.clone(), |i, j, h| {
                nan_safe_mul(df, h) + nan_safe_mul(d2f, part_product(g[i], g[j]))
            });
            for gi in &mut self.gradient[lanes] {
                *gi = nan_safe_mul(df, *gi);
            }
        }
        self
    }

    // g(x, y): ∇ = g_x ∇x + g_y ∇y,
    // H = g_x Hx + g_y Hy + g_xx ∇x∇xᵀ + g_xy (∇x∇yᵀ + ∇y∇xᵀ) + g_yy ∇y∇yᵀ
    #[inline(always)]
    fn chain2(mut self, other: Self, f: T, [gx, gy]: [T; 2], [gxx, gxy, gyy]: [T; 3]) -> Self {
        self.lanes = self.lanes.union::<N>(other.lanes);
        let lanes = self.lanes.range::<N>();
        let (a, b) = (&self.gradient, &other.gradient);
        self.value = f;
        let finite = [gx, gy, gxx, gxy, gyy].iter().all(|d| d.is_all_finite())
            && all_finite(&a[lanes.clone()])
            && all_finite(&b[lanes.clone()]);
        if finite {
            update_upper(&mut self.hessian, lanes.clone(), |i, j, h| {
                // the Hessian parts are not in the finiteness check
                nan_safe_mul(gx, h)
                    + nan_safe_mul(gy, other.hessian[i][j])
                    + gxx * (a[i] * a[j])
                    + gxy * (a[i] * b[j] + a[j] * b[i])
                    + gyy * (b[i] * b[j])
            });
            for k in lanes {
                self.gradient[k] = gx * self.gradient[k] + gy * other.gradient[k];
            }
        } else {
            update_upper(&mut self.hessian, lanes.clone(), |i, j, h| {
                nan_safe_mul(gx, h)
                    + nan_safe_mul(gy, other.hessian[i][j])
                    + nan_safe_mul(gxx, part_product(a[i], a[j]))
                    + nan_safe_mul(gxy, part_product(a[i], b[j]) + part_product(a[j], b[i]))
                    + nan_safe_mul(gyy, part_product(b[i], b[j]))
            });
            for k in lanes {
                self.gradient[k] =
                    nan_safe_mul(gx, self.gradient[k]) + nan_safe_mul(gy, other.gradient[k]);
            }
        }
        self
    }
}

impl<T: Real, const N: usize> fmt::Debug for HyperDual<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hessian: [[T; N]; N] =
            core::array::from_fn(|i| core::array::from_fn(|j| self.hessian[i.min(j)][i.max(j)]));
        f.debug_struct("HyperDual")
            .field("value", &self.value)
            .field("gradient", &self.gradient)
            .field("hessian", &hessian)
            .finish()
    }
}

crate::number::ops::formatting!(HyperDual);

impl<T: Real, const N: usize> HyperDual<T, N> {
    /// Writes `value + [g₀, …]ε + [[h₀₀, …], …]ε²/2`, each part by `part`.
    fn write_parts(&self, f: &mut fmt::Formatter<'_>, part: PartFormat<T>) -> fmt::Result {
        part(&self.value, f)?;
        f.write_str(" + ")?;
        write_list(f, &self.gradient, part)?;
        f.write_str("ε + [")?;
        for i in 0..N {
            if i > 0 {
                f.write_str(", ")?;
            }
            let row: [T; N] = core::array::from_fn(|j| self.hessian[i.min(j)][i.max(j)]);
            write_list(f, &row, part)?;
        }
        f.write_str("]ε²/2")
    }
}

crate::number::elementary::elementary_methods!(HyperDual);
crate::number::ops::value_comparisons!(HyperDual);
crate::number::ops::arithmetic!(HyperDual);
