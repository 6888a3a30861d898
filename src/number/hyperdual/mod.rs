//! [`HyperDual`]: a value, its gradient and its Hessian with respect to `N`
//! variables, in one pass.
//!
//! The type and its parts live here; the arithmetic on the parts (in place,
//! with a fast IEEE path and a `0 · ∞ = 0` path) in `arithmetic.rs`; the
//! operator impls that forward to it in `ops.rs`.

mod arithmetic;
mod ops;

use core::fmt;
use core::ops::Range;

use nalgebra::{Const, SMatrix, SVector};

use crate::Real;
use crate::number::ops::{PartFormat, write_list};
use crate::number::packed::{Element, Packed, row_start};

/// The packed upper triangle of a symmetric N × N matrix.
pub(crate) type Triangle<T, const N: usize> = <Const<N> as Packed>::Triangle<T>;

/// A number carrying its value, gradient and Hessian with respect to `N`
/// variables: a second-order Taylor expansion
/// `value + gᵀε + ½ εᵀHε` that arithmetic carries exactly.
///
/// The Hessian is symmetric, so only its upper triangle (`i ≤ j`),
/// N(N+1)/2 entries, is stored: `size_of::<HyperDual<f64, N>>()` is
/// 8·(1 + N + N(N+1)/2) bytes plus 8 of bookkeeping.
/// [`hessian`](Self::hessian) returns the full symmetric matrix. `N` goes
/// up to [`MAX_PACKED`](crate::MAX_PACKED); code generic over `N` writes
/// `where Const<N>: Packed` (see [`Packed`](crate::Packed)).
///
/// Each number also knows the range of variables it depends on (a seeded
/// variable depends on one, a sum on the union of its terms' ranges, a
/// constant on none). A constant costs nothing: a product with it is a
/// scaling and a function of it skips the derivative loops. Above N = 10,
/// operations also skip the rows and columns outside the range: a function
/// that is a sum of terms in few variables each (extended Rosenbrock, a
/// chain of springs, a banded least-squares problem) costs far less than N²
/// per operation. The results are the same either way.
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
pub struct HyperDual<T: Element, const N: usize>
where
    Const<N>: Packed,
{
    value: T,
    gradient: [T; N],
    /// Row i holds ∂²/∂xᵢ∂xⱼ for j = i..N, rows one after another.
    hessian: Triangle<T, N>,
    state: State,
}

impl<T: Element, const N: usize> Clone for HyperDual<T, N>
where
    Const<N>: Packed,
{
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Element, const N: usize> Copy for HyperDual<T, N> where Const<N>: Packed {}

/// Up to this many variables every operation on a non-constant number runs
/// over all of them: the loops then have a fixed length, which is faster
/// than following ranges. At N = 9 and 10 the range path copied whole
/// numbers at nearly every operator (1771 out-of-line memcpy calls a
/// hand-written Cholesky Hessian at N = 9, 39 with the fixed loops), which
/// cost more than the entries it skips: instructions a Hessian, callgrind,
/// range path → fixed loops, extended Rosenbrock N = 10 15,084 → 11,528,
/// Cholesky N = 9 485,995 → 208,732. At N = 12 the fixed loops lose on
/// sparse functions (extended Rosenbrock 21,728 → 43,851, the sum of
/// transcendental terms 56,070 → 76,505), so the ranges start at 11.
const DENSE_UP_TO: usize = 10;

/// The bookkeeping word: the variables `start..end` outside which every
/// derivative part is exactly 0, and two bits: the number is a constant
/// (every derivative part 0, the range empty), and a derivative part may be
/// infinite or NaN. Both bits in one byte, so an operation tests for every
/// special case with one branch.
#[derive(Clone, Copy, Debug)]
struct State {
    start: u16,
    end: u16,
    special: u8,
}

/// `State::special`: every derivative part is exactly 0.
const CONSTANT: u8 = 1;
/// `State::special`: a derivative part may be infinite or NaN (when clear,
/// every part is finite unless a finite computation overflowed), so
/// products need `0 · ∞` care.
const MAYBE_NOT_FINITE: u8 = 2;

impl State {
    const CONSTANT: Self = Self {
        start: 0,
        end: 0,
        special: CONSTANT,
    };

    #[inline(always)]
    fn one(index: usize) -> Self {
        Self {
            start: index as u16,
            end: index as u16 + 1,
            special: 0,
        }
    }

    #[inline(always)]
    fn all(n: usize) -> Self {
        Self {
            start: 0,
            end: n as u16,
            special: 0,
        }
    }

    /// `true` for a constant: every derivative part is exactly 0.
    #[inline(always)]
    fn is_constant(self) -> bool {
        self.special & CONSTANT != 0
    }

    /// `true` if a derivative part may be infinite or NaN.
    #[inline(always)]
    fn maybe_not_finite(self) -> bool {
        self.special & MAYBE_NOT_FINITE != 0
    }

    #[inline(always)]
    fn set_maybe_not_finite(&mut self, maybe: bool) {
        self.special =
            (self.special & !MAYBE_NOT_FINITE) | if maybe { MAYBE_NOT_FINITE } else { 0 };
    }

    /// The state of a combination of two numbers: the smallest range
    /// holding both (up to `DENSE_UP_TO` variables only whether it is
    /// empty is read, so a non-empty one is kept as it is).
    #[inline(always)]
    fn union<const N: usize>(self, other: Self) -> Self {
        let not_finite = (self.special | other.special) & MAYBE_NOT_FINITE;
        if N <= DENSE_UP_TO {
            // the range is not read: only the bits, without a branch
            return Self {
                special: not_finite | (self.special & other.special & CONSTANT),
                ..self
            };
        }
        let lanes = if self.is_constant() {
            other
        } else if N <= DENSE_UP_TO || other.is_constant() {
            self
        } else {
            Self {
                start: self.start.min(other.start),
                end: self.end.max(other.end),
                special: 0,
            }
        };
        Self {
            special: (lanes.special & CONSTANT) | not_finite,
            ..lanes
        }
    }

    /// The variables an operation on `N` variables loops over: all of them
    /// for small `N` (a fixed length the compiler unrolls; operations test
    /// for constants before they loop), else this range, empty for a
    /// constant (clamped to `N`, which lets the compiler drop bounds checks).
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

impl<T: Real, const N: usize> HyperDual<T, N>
where
    Const<N>: Packed,
{
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
            hessian: <Const<N> as Packed>::triangle(T::zero()),
            state: State::CONSTANT,
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
        x.state = State::one(index);
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
    #[inline]
    #[must_use]
    pub fn new(value: T, gradient: SVector<T, N>, hessian: SMatrix<T, N, N>) -> Self {
        let mut x = Self::constant(value);
        x.gradient = gradient.into();
        let packed = x.hessian.as_mut();
        for i in 0..N {
            for j in i..N {
                packed[row_start(N, i) + j - i] = hessian[(i, j)];
            }
        }
        let derivatives = x.gradient.iter().chain(x.hessian.as_ref());
        if derivatives.clone().any(|p| !p.is_exactly_zero()) {
            x.state = State::all(N);
            x.state
                .set_maybe_not_finite(derivatives.clone().any(|p| !p.is_all_finite()));
        }
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
        SMatrix::from_fn(|i, j| self.hessian_entry(i, j))
    }

    /// ∂²/∂xᵢ∂xⱼ, read from the packed triangle.
    #[inline(always)]
    fn hessian_entry(&self, i: usize, j: usize) -> T {
        let (i, j) = (i.min(j), i.max(j));
        self.hessian.as_ref()[row_start(N, i) + j - i]
    }

    /// `true` if every derivative part is exactly 0, known without reading
    /// them for a number built as a constant.
    #[inline(always)]
    pub(crate) fn is_constant(&self) -> bool {
        self.state.is_constant()
    }

    /// Every part, value first.
    #[inline(always)]
    pub(crate) fn parts(&self) -> impl Iterator<Item = &T> + Clone {
        core::iter::once(&self.value)
            .chain(self.gradient.iter())
            .chain(self.hessian.as_ref())
    }
}

impl<T: Real, const N: usize> fmt::Debug for HyperDual<T, N>
where
    Const<N>: Packed,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hessian: [[T; N]; N] =
            core::array::from_fn(|i| core::array::from_fn(|j| self.hessian_entry(i, j)));
        f.debug_struct("HyperDual")
            .field("value", &self.value)
            .field("gradient", &self.gradient)
            .field("hessian", &hessian)
            .finish()
    }
}

impl<T: Real, const N: usize> HyperDual<T, N>
where
    Const<N>: Packed,
{
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
            let row: [T; N] = core::array::from_fn(|j| self.hessian_entry(i, j));
            write_list(f, &row, part)?;
        }
        f.write_str("]ε²/2")
    }

    /// `self`: as the inner number of a nested type, a derivative keeps the
    /// derivative parts its formula gave it (setting them from the next
    /// derivative would need a third one).
    #[inline(always)]
    pub(crate) fn along(self, _next: Self, _x: &Self) -> Self {
        self
    }

    /// `self` (a derivative g⁽ᵏ⁾ of an outer function at `x`) with its
    /// parts set from the next two: gradient g⁽ᵏ⁺¹⁾ ∇x, Hessian
    /// g⁽ᵏ⁺¹⁾ Hx + g⁽ᵏ⁺²⁾ ∇x∇xᵀ, by the zero rule, as `HyperDual`'s own
    /// chain rule applies them.
    #[inline(always)]
    pub(crate) fn along3(self, next: Self, next2: Self, x: &Self) -> Self {
        let mut out = *x;
        out.chain_assign(self.value, next.value, next2.value);
        out
    }

    /// `self`, as [`along`](Self::along).
    #[inline(always)]
    pub(crate) fn along2(self, _next: [Self; 2], _x: &Self, _y: &Self) -> Self {
        self
    }

    /// `self` (a first partial g_x or g_y of an outer function at (x, y))
    /// with its parts set from the next partials, as `HyperDual`'s own
    /// two-argument chain rule applies them: `next` its first partials
    /// (g_xx, g_xy for g_x), `next2` its second ones (g_xxx, g_xxy, g_xyy).
    /// The formula's own parts would be its intermediates' (1/y, hypot's
    /// x/h), which leave f64's range or cancel where these do not.
    #[inline(always)]
    pub(crate) fn along2_3(self, next: [Self; 2], next2: [Self; 3], x: &Self, y: &Self) -> Self {
        if next.iter().chain(&next2).all(|d| d.value.is_exactly_zero()) {
            // every partial 0 (g_y = −n of x % y): a constant, as the
            // one-argument `along3` gives for g′ = g″ = 0, so that its
            // product with a part of y is 0 by the constant's path
            return Self::constant(self.value);
        }
        let mut out = *x;
        out.chain2_assign(
            y,
            self.value,
            [next[0].value, next[1].value],
            [next2[0].value, next2[1].value, next2[2].value],
        );
        out
    }

    /// The product rule with `value_product` for the value part: IEEE for
    /// the operator, the zero rule where this number is itself a derivative
    /// part of a nested one. The derivative parts follow the zero rule.
    #[inline(always)]
    pub(crate) fn mul_with(self, other: Self, value_product: impl Fn(T, T) -> T) -> Self {
        let (a, b) = (self.value, other.value);
        let mut out = self;
        out.mul_assign_number(&other);
        out.value = value_product(a, b);
        out
    }
}

crate::number::ops::formatting!(HyperDual [nalgebra::Const<N>: crate::Packed]);

crate::number::elementary::elementary_methods!(HyperDual [nalgebra::Const<N>: crate::Packed]);
