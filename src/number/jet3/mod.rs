//! [`Jet3`]: a value, its gradient, Hessian and third-derivative tensor
//! with respect to `N` variables, in one pass.

mod rules;

use core::fmt;

use nalgebra::{Const, SMatrix, SVector};

use crate::Real;
use crate::number::ops::{PartFormat, write_list};
use crate::number::packed::{Element, Packed, row_start};

/// The packed upper triangle of a symmetric N × N matrix.
type Triangle<T, const N: usize> = <Const<N> as Packed>::Triangle<T>;
/// The packed entries `i ≤ j ≤ k` of a symmetric N × N × N tensor.
type Tetrahedron<T, const N: usize> = <Const<N> as Packed>::Tetrahedron<T>;

/// A number carrying its value, gradient, Hessian and third derivatives
/// with respect to `N` variables: the third-order Taylor expansion
/// `value + gᵀε + ½ εᵀHε + ⅙ T[ε, ε, ε]` that arithmetic carries exactly.
///
/// The Hessian and the third-derivative tensor are symmetric, so each
/// distinct entry is computed and stored once: N(N+1)/2 Hessian entries
/// `(i ≤ j)` and N(N+1)(N+2)/6 third derivatives `(i ≤ j ≤ k)`, where
/// nesting `Dual<HyperDual<T, N>, N>` computes all N³ and N² of them.
/// [`hessian`](Self::hessian) and [`third`](Self::third) return the full
/// symmetric arrays. Comparisons (`==`, `<`) look at the value part only.
///
/// Each number also knows, without reading its parts, whether it is a
/// constant (a product with it is a scaling, a function of it skips the
/// derivative loops), whether it is linear (a variable or a sum of
/// multiples of variables: products and functions of it skip the terms of
/// its Hessian and third derivatives, which are 0) and whether a part may
/// be infinite or NaN (only then do products take the `0 · ∞ = 0` path).
/// The results are the same either way.
///
/// Code generic over `N` that names `Jet3<T, N>` writes the bound
/// `where Const<N>: Packed` (`N` up to [`MAX_PACKED`](crate::MAX_PACKED));
/// code that names a size, or is generic over `S: Scalar`, writes none.
///
/// ```
/// use monodual::Jet3;
///
/// // f(x, y) = x³y at (2, 5)
/// let x = Jet3::<f64, 2>::variable(2.0, 0);
/// let y = Jet3::<f64, 2>::variable(5.0, 1);
/// let f = x * x * x * y;
/// assert_eq!(f.value(), 40.0);
/// assert_eq!(f.gradient(), nalgebra::Vector2::new(60.0, 8.0)); // (3x²y, x³)
/// let t = f.third();
/// assert_eq!(t[0][(0, 0)], 30.0); // ∂³f/∂x³ = 6y
/// assert_eq!(t[0][(0, 1)], 12.0); // ∂³f/∂x²∂y = 6x
/// assert_eq!(t[1][(1, 1)], 0.0); // ∂³f/∂y³
/// ```
pub struct Jet3<T: Element, const N: usize>
where
    Const<N>: Packed,
{
    value: T,
    gradient: [T; N],
    /// Row i holds ∂²/∂xᵢ∂xⱼ for j = i..N, rows one after another.
    hessian: Triangle<T, N>,
    /// ∂³/∂xᵢ∂xⱼ∂xₖ for i ≤ j ≤ k, in lexicographic order of (i, j, k).
    third: Tetrahedron<T, N>,
    /// What is known about the derivative parts without reading them: the
    /// bits `CONSTANT`, `LINEAR` and `MAYBE_NOT_FINITE`.
    special: u8,
}

/// `Jet3::special`: every derivative part is exactly 0 (also `LINEAR`).
const CONSTANT: u8 = 1;
/// `Jet3::special`: every Hessian and third-derivative part is exactly 0
/// (a variable, a constant, a sum of their multiples): products and
/// functions of it skip the terms those parts enter.
const LINEAR: u8 = 2;
/// `Jet3::special`: a derivative part may be infinite or NaN. When clear,
/// every derivative part is finite unless a finite computation overflowed
/// (as for `HyperDual`), so products need no `0 · ∞` care.
const MAYBE_NOT_FINITE: u8 = 4;

impl<T: Element, const N: usize> Clone for Jet3<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Element, const N: usize> Copy for Jet3<T, N> where Const<N>: Packed {}

/// Where entry `(i, j)`, `i ≤ j`, of the packed triangle sits.
#[inline(always)]
const fn triangle_index(n: usize, i: usize, j: usize) -> usize {
    row_start(n, i) + (j - i)
}

/// m(m+1)(m+2)/6: the number of entries `i ≤ j ≤ k` in m variables.
#[inline(always)]
const fn tetrahedral(m: usize) -> usize {
    m * (m + 1) * (m + 2) / 6
}

/// Where entry `(i, j, k)`, `i ≤ j ≤ k`, of the packed tetrahedron sits:
/// the blocks of first index below i come first (they hold
/// tetrahedral(N) − tetrahedral(N − i) entries), and block i is the
/// packed triangle of `(j, k)` over the variables i..N.
#[inline(always)]
const fn tetrahedron_index(n: usize, i: usize, j: usize, k: usize) -> usize {
    tetrahedral(n) - tetrahedral(n - i) + triangle_index(n - i, j - i, k - i)
}

/// Visits every `(i, j, k)` with `i ≤ j ≤ k < n` in storage order, with its
/// index in the tetrahedron and the triangle indices of `(i, j)`, `(i, k)`
/// and `(j, k)`: the loops of every third-derivative update.
#[inline(always)]
fn for_each_triple(n: usize, mut entry: impl FnMut(usize, [usize; 3], [usize; 3])) {
    let mut t = 0;
    for i in 0..n {
        for j in i..n {
            let (ij, row_j) = (triangle_index(n, i, j), row_start(n, j));
            for k in j..n {
                let (ik, jk) = (triangle_index(n, i, k), row_j + (k - j));
                entry(t, [i, j, k], [ij, ik, jk]);
                t += 1;
            }
        }
    }
}

/// One run of the tetrahedron: the entries `(i, j, k)` for fixed `i ≤ j`
/// and `len` values of k from `k` on, which sit one after another from
/// `t`. Along it, the Hessian entries `(i, k)` and `(j, k)` are contiguous
/// too (rows i and j from column k), and `(i, j)` is one entry: so the
/// loops over k run over slices, with no index arithmetic and no bounds
/// check per entry, and vectorize.
#[derive(Clone, Copy)]
pub(crate) struct Run {
    pub(crate) i: usize,
    pub(crate) j: usize,
    /// The first k of the run (j, or any k ≥ j for a shorter run).
    pub(crate) k: usize,
    pub(crate) t: usize,
    pub(crate) len: usize,
}

/// Every run of the tetrahedron in storage order, as an iterator: the loop
/// body stays in the caller (a closure per run measured as a call per run).
#[inline(always)]
pub(crate) fn runs(n: usize) -> Runs {
    Runs {
        n,
        i: 0,
        j: 0,
        t: 0,
    }
}

/// The iterator of [`runs`]: the next run is `(i, j)` from `t`.
pub(crate) struct Runs {
    n: usize,
    i: usize,
    j: usize,
    t: usize,
}

impl Iterator for Runs {
    type Item = Run;
    #[inline(always)]
    fn next(&mut self) -> Option<Run> {
        let Self { n, i, j, t } = *self;
        if i >= n {
            return None;
        }
        let len = n - j;
        (self.j, self.t) = (j + 1, t + len);
        if self.j == n {
            self.i += 1;
            self.j = self.i;
        }
        Some(Run { i, j, k: j, t, len })
    }
}

/// Up to this many variables the product and chain rules' third-order
/// loops run over each entry (i, j, k) on its own, in three nested loops
/// which the compiler unrolls fully; above, over runs, which it keeps tight
/// but does not unroll. Measured (callgrind, 1000 third derivatives of
/// extended Rosenbrock): N = 4: 5.3M instructions nested, 12.7M by runs;
/// N = 6: 63.8M nested, 44.8M by runs.
pub(crate) const UNROLLED_UP_TO: usize = 4;

/// Visits every `(i, j)` with `i ≤ j < n` in storage order, with its index.
#[inline(always)]
pub(crate) fn for_each_pair(n: usize, mut entry: impl FnMut(usize, usize, usize)) {
    let mut h = 0;
    for i in 0..n {
        for j in i..n {
            entry(h, i, j);
            h += 1;
        }
    }
}

impl<T: Real, const N: usize> Jet3<T, N>
where
    Const<N>: Packed,
{
    /// A constant: value `value`, every derivative zero.
    ///
    /// ```
    /// use monodual::Jet3;
    /// let c = Jet3::<f64, 2>::constant(1.5);
    /// assert_eq!(c.value(), 1.5);
    /// assert_eq!(c.third()[1], nalgebra::Matrix2::zeros());
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn constant(value: T) -> Self {
        Self {
            value,
            gradient: [T::zero(); N],
            hessian: <Const<N> as Packed>::triangle(T::zero()),
            third: <Const<N> as Packed>::tetrahedron(T::zero()),
            special: CONSTANT | LINEAR,
        }
    }

    /// The variable number `index` (from 0) at `value`: gradient eᵢₙdₑₓ,
    /// higher derivatives zero.
    ///
    /// # Panics
    ///
    /// If `index >= N`: there is no such variable.
    ///
    /// ```
    /// use monodual::Jet3;
    /// let x = Jet3::<f64, 1>::variable(2.0, 0);
    /// assert_eq!(x.powi(3).third()[0][(0, 0)], 6.0);
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
        x.special = LINEAR;
        x
    }

    /// A number from its value, gradient, Hessian and third derivatives
    /// (`third[i][(j, k)]` = ∂³/∂xᵢ∂xⱼ∂xₖ). Only the entries with
    /// `i ≤ j ≤ k` (and `i ≤ j` of `hessian`) are read: both are symmetric
    /// by definition.
    ///
    /// ```
    /// use monodual::Jet3;
    /// use nalgebra::{Matrix1, Vector1};
    /// // t³ at t = 1: 1, 3, 6, 6
    /// let x = Jet3::new(1.0, Vector1::new(3.0), Matrix1::new(6.0), [Matrix1::new(6.0)]);
    /// assert_eq!(x.third()[0][(0, 0)], 6.0);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn new(
        value: T,
        gradient: SVector<T, N>,
        hessian: SMatrix<T, N, N>,
        third: [SMatrix<T, N, N>; N],
    ) -> Self {
        let mut x = Self::constant(value);
        x.gradient = gradient.into();
        let h = x.hessian.as_mut();
        for_each_pair(N, |index, i, j| h[index] = hessian[(i, j)]);
        let t = x.third.as_mut();
        for_each_triple(N, |index, [i, j, k], _| t[index] = third[i][(j, k)]);
        x.refresh_special();
        x
    }

    /// Sets the bookkeeping bits from the derivative parts themselves.
    #[inline(never)]
    pub(crate) fn refresh_special(&mut self) {
        let zero = |parts: &[T]| parts.iter().all(|p| p.is_exactly_zero());
        let finite = |parts: &[T]| parts.iter().all(|p| p.is_all_finite());
        let (h, t) = (self.hessian.as_ref(), self.third.as_ref());
        let linear = zero(h) && zero(t);
        let constant = linear && zero(&self.gradient);
        let finite = finite(&self.gradient) && finite(h) && finite(t);
        self.special = if constant { CONSTANT } else { 0 }
            | if linear { LINEAR } else { 0 }
            | if finite { 0 } else { MAYBE_NOT_FINITE };
    }

    /// `true` if every derivative part is known to be exactly 0.
    #[inline(always)]
    fn is_constant(&self) -> bool {
        self.special & CONSTANT != 0
    }

    /// `true` if every Hessian and third-derivative part is known to be
    /// exactly 0.
    #[inline(always)]
    fn is_linear(&self) -> bool {
        self.special & LINEAR != 0
    }

    /// `true` if a derivative part may be infinite or NaN.
    #[inline(always)]
    fn maybe_not_finite(&self) -> bool {
        self.special & MAYBE_NOT_FINITE != 0
    }

    /// The value part.
    ///
    /// ```
    /// use monodual::Jet3;
    /// assert_eq!(Jet3::<f64, 1>::variable(1.5, 0).value(), 1.5);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn value(&self) -> T {
        self.value
    }

    /// The gradient: ∂/∂xᵢ for each variable i.
    ///
    /// ```
    /// use monodual::Jet3;
    /// let x = Jet3::<f64, 2>::variable(3.0, 1);
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
    /// use monodual::Jet3;
    /// let x = Jet3::<f64, 2>::variable(3.0, 0);
    /// let y = Jet3::<f64, 2>::variable(5.0, 1);
    /// assert_eq!((x * y).hessian(), nalgebra::Matrix2::new(0.0, 1.0, 1.0, 0.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn hessian(&self) -> SMatrix<T, N, N> {
        let h = self.hessian.as_ref();
        SMatrix::from_fn(|i, j| h[triangle_index(N, i.min(j), i.max(j))])
    }

    /// The third derivatives: `third()[i][(j, k)]` = ∂³/∂xᵢ∂xⱼ∂xₖ, the
    /// same for every order of `i`, `j`, `k`.
    ///
    /// ```
    /// use monodual::Jet3;
    /// let x = Jet3::<f64, 2>::variable(3.0, 0);
    /// let y = Jet3::<f64, 2>::variable(5.0, 1);
    /// let t = (x * x * y).third(); // ∂³(x²y)/∂x²∂y = 2
    /// assert_eq!((t[0][(0, 1)], t[0][(1, 0)], t[1][(0, 0)]), (2.0, 2.0, 2.0));
    /// assert_eq!(t[1][(1, 0)], 0.0);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn third(&self) -> [SMatrix<T, N, N>; N] {
        // each stored entry written to its (up to) six places: a scatter
        // measured at a third of the instructions of a gather per place
        let mut out = [SMatrix::<T, N, N>::zeros(); N];
        let stored = self.third.as_ref();
        for Run { i, j, t, len, .. } in runs(N) {
            for (s, &value) in stored[t..t + len].iter().enumerate() {
                let k = j + s;
                for (a, b, c) in [
                    (i, j, k),
                    (i, k, j),
                    (j, i, k),
                    (j, k, i),
                    (k, i, j),
                    (k, j, i),
                ] {
                    out[a][(b, c)] = value;
                }
            }
        }
        out
    }

    /// The packed Hessian (entries `i ≤ j`, row by row) and third
    /// derivatives (entries `i ≤ j ≤ k`, in lexicographic order).
    #[cfg(feature = "serde")]
    #[inline(always)]
    pub(crate) fn packed(&self) -> (&[T], &[T]) {
        (self.hessian.as_ref(), self.third.as_ref())
    }

    /// The gradient, packed Hessian and packed third derivatives, to be
    /// written in place (as `packed` orders them).
    #[cfg(feature = "serde")]
    #[inline(always)]
    pub(crate) fn parts_mut(&mut self) -> (&mut T, &mut [T; N], &mut [T], &mut [T]) {
        (
            &mut self.value,
            &mut self.gradient,
            self.hessian.as_mut(),
            self.third.as_mut(),
        )
    }

    /// ∂³/∂xᵢ∂xⱼ∂xₖ, for any order of the indices.
    #[inline(always)]
    pub(crate) fn third_entry(&self, i: usize, j: usize, k: usize) -> T {
        // sort (i, j, k) into a ≤ b ≤ c
        let (a, b) = (i.min(j), i.max(j));
        let (b, c) = (b.min(k), b.max(k));
        let (a, b) = (a.min(b), a.max(b));
        self.third.as_ref()[tetrahedron_index(N, a, b, c)]
    }

    /// Applies `part` to the value and to every derivative part: negation,
    /// and scaling by a finite float other than 0, which keep a zero part
    /// zero and a finite part finite (up to overflow), so the bookkeeping
    /// bits stay. A constant's derivative parts are not read.
    #[inline(always)]
    pub(crate) fn map_parts(mut self, part: impl Fn(T) -> T) -> Self {
        self.value = part(self.value);
        if self.is_constant() {
            return self;
        }
        for p in &mut self.gradient {
            *p = part(*p);
        }
        if self.is_linear() {
            return self;
        }
        for p in self.hessian.as_mut().iter_mut().chain(self.third.as_mut()) {
            *p = part(*p);
        }
        self
    }

    /// Applies `c` to the value part.
    #[inline(always)]
    pub(crate) fn offset(mut self, c: impl FnOnce(T) -> T) -> Self {
        self.value = c(self.value);
        self
    }

    /// Every part, value first.
    #[inline(always)]
    pub(crate) fn parts(&self) -> impl Iterator<Item = &T> {
        core::iter::once(&self.value)
            .chain(self.gradient.iter())
            .chain(self.hessian.as_ref())
            .chain(self.third.as_ref())
    }

    /// Combines the parts of two numbers pairwise: a sum or a difference,
    /// which is known constant, linear or finite where both terms are. The
    /// parts `other` is known to have zero are skipped (x ± 0 = x, up to
    /// the sign of a zero).
    #[inline(always)]
    pub(crate) fn zip_parts(mut self, other: Self, part: impl Fn(T, T) -> T) -> Self {
        self.value = part(self.value, other.value);
        let known = self.special & other.special & (CONSTANT | LINEAR);
        let special = known | ((self.special | other.special) & MAYBE_NOT_FINITE);
        if other.is_constant() {
            self.special = special;
            return self;
        }
        for (a, b) in self.gradient.iter_mut().zip(&other.gradient) {
            *a = part(*a, *b);
        }
        if other.is_linear() {
            self.special = special;
            return self;
        }
        for (a, b) in self.hessian.as_mut().iter_mut().zip(other.hessian.as_ref()) {
            *a = part(*a, *b);
        }
        for (a, b) in self.third.as_mut().iter_mut().zip(other.third.as_ref()) {
            *a = part(*a, *b);
        }
        self.special = special;
        self
    }

    /// `self`: as an inner number of a nested type, a derivative keeps the
    /// derivative parts its formula gave it (as `HyperDual` does).
    #[inline(always)]
    pub(crate) fn along3(self, _next: Self, _next2: Self, _x: &Self) -> Self {
        self
    }

    /// `self`, as the inner number of a nested type (see `Sealed::along`).
    #[inline(always)]
    pub(crate) fn along(self, _next: Self, _x: &Self) -> Self {
        self
    }

    /// `self`, as `along`.
    #[inline(always)]
    pub(crate) fn along2(self, _next: [Self; 2], _x: &Self, _y: &Self) -> Self {
        self
    }

    /// Writes `value + [g…]ε + [[h…]…]ε²/2 + [[[t…]…]…]ε³/6` (the full
    /// symmetric arrays), each part by `part`.
    fn write_parts(&self, f: &mut fmt::Formatter<'_>, part: PartFormat<T>) -> fmt::Result {
        part(&self.value, f)?;
        f.write_str(" + ")?;
        write_list(f, &self.gradient, part)?;
        f.write_str("ε + [")?;
        for i in 0..N {
            if i > 0 {
                f.write_str(", ")?;
            }
            let row: [T; N] = core::array::from_fn(|j| self.hessian()[(i, j)]);
            write_list(f, &row, part)?;
        }
        f.write_str("]ε²/2 + [")?;
        for i in 0..N {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str("[")?;
            for j in 0..N {
                if j > 0 {
                    f.write_str(", ")?;
                }
                let row: [T; N] = core::array::from_fn(|k| self.third_entry(i, j, k));
                write_list(f, &row, part)?;
            }
            f.write_str("]")?;
        }
        f.write_str("]ε³/6")
    }
}

impl<T: Real, const N: usize> fmt::Debug for Jet3<T, N>
where
    Const<N>: Packed,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hessian: [[T; N]; N] = self.hessian().into();
        let third: [[[T; N]; N]; N] = self.third().map(Into::into);
        f.debug_struct("Jet3")
            .field("value", &self.value)
            .field("gradient", &self.gradient)
            .field("hessian", &hessian)
            .field("third", &third)
            .finish()
    }
}

crate::number::ops::formatting!(Jet3 [Const<N>: Packed]);
crate::number::elementary::elementary_methods!(Jet3 [Const<N>: Packed]);
crate::number::ops::value_comparisons!(Jet3 [Const<N>: Packed]);
crate::number::ops::arithmetic!(Jet3 [Const<N>: Packed]);
