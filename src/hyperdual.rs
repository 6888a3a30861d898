//! [`HyperDual`]: a value, its gradient and its Hessian with respect to `N`
//! variables, in one pass.

use core::fmt;

use nalgebra::{SMatrix, SVector};

use crate::Real;
use crate::ops::write_list;
use crate::real::nan_safe_mul;
use crate::table::Chain;

/// A number carrying its value, gradient and Hessian with respect to `N`
/// variables: a second-order Taylor expansion
/// `value + gᵀε + ½ εᵀHε` that arithmetic carries exactly.
///
/// The Hessian is symmetric, so only its upper triangle (`i ≤ j`) is
/// computed and stored in use; [`hessian`](Self::hessian) returns the full
/// symmetric matrix. Comparisons (`==`, `<`) look at the value part only.
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
}

/// Runs `body(i, j)` for every entry of the upper triangle, `i ≤ j`.
#[inline(always)]
fn upper_triangle<const N: usize>(mut body: impl FnMut(usize, usize)) {
    for i in 0..N {
        for j in i..N {
            body(i, j);
        }
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
    #[inline]
    #[must_use]
    pub fn constant(value: T) -> Self {
        Self {
            value,
            gradient: [T::zero(); N],
            hessian: [[T::zero(); N]; N],
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
    #[inline]
    #[must_use]
    pub fn variable(value: T, index: usize) -> Self {
        assert!(
            index < N,
            "variable index {index} out of range for {N} variables"
        );
        let mut x = Self::constant(value);
        x.gradient[index] = T::one();
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
        upper_triangle::<N>(|i, j| x.hessian[i][j] = hessian[(i, j)]);
        x
    }

    /// The value part.
    ///
    /// ```
    /// use monodual::HyperDual;
    /// assert_eq!(HyperDual::<f64, 1>::variable(1.5, 0).value(), 1.5);
    /// ```
    #[inline]
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
    #[inline]
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
    #[inline]
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
    #[inline]
    pub(crate) fn map_parts(self, part: impl Fn(T) -> T) -> Self {
        Self {
            value: part(self.value),
            gradient: self.gradient.map(&part),
            hessian: self.hessian.map(|row| row.map(&part)),
        }
    }

    /// Applies `c` to the value part.
    #[inline]
    pub(crate) fn offset(mut self, c: impl FnOnce(T) -> T) -> Self {
        self.value = c(self.value);
        self
    }

    /// Every part that is read, value first.
    #[inline]
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
    #[inline]
    pub(crate) fn zip_parts(self, other: Self, part: impl Fn(T, T) -> T) -> Self {
        let mut out = self;
        out.value = part(self.value, other.value);
        for (g, o) in out.gradient.iter_mut().zip(other.gradient) {
            *g = part(*g, o);
        }
        for (row, other_row) in out.hessian.iter_mut().zip(&other.hessian) {
            for (h, o) in row.iter_mut().zip(other_row) {
                *h = part(*h, *o);
            }
        }
        out
    }

    // (a, a′, a″)(b, b′, b″) = (ab, a′b + ab′, a″b + ab″ + a′b′ᵀ + b′a′ᵀ)
    #[inline]
    pub(crate) fn mul_number(self, other: Self) -> Self {
        let (a, b) = (self.value, other.value);
        let (ga, gb) = (&self.gradient, &other.gradient);
        let mut out = self;
        upper_triangle::<N>(|i, j| {
            out.hessian[i][j] =
                self.hessian[i][j] * b + a * other.hessian[i][j] + ga[i] * gb[j] + ga[j] * gb[i];
        });
        for (g, o) in out.gradient.iter_mut().zip(gb) {
            *g = *g * b + a * *o;
        }
        out.value = a * b;
        out
    }
}

impl<T: Real, const N: usize> Chain for HyperDual<T, N> {
    type Value = T;

    #[inline]
    fn re(&self) -> T {
        self.value
    }

    #[inline]
    fn with_value(mut self, value: T) -> Self {
        self.value = value;
        self
    }

    // g(x): ∇ = g′ ∇x, H = g′ Hx + g″ ∇x ∇xᵀ
    #[inline]
    fn chain(self, f: T, df: T, d2f: T) -> Self {
        let g = &self.gradient;
        let mut out = self;
        out.value = f;
        if df.is_all_finite() && d2f.is_all_finite() {
            upper_triangle::<N>(|i, j| {
                out.hessian[i][j] = df * self.hessian[i][j] + d2f * (g[i] * g[j]);
            });
            for gi in &mut out.gradient {
                *gi = df * *gi;
            }
        } else {
            upper_triangle::<N>(|i, j| {
                out.hessian[i][j] =
                    nan_safe_mul(df, self.hessian[i][j]) + nan_safe_mul(d2f, g[i] * g[j]);
            });
            for gi in &mut out.gradient {
                *gi = nan_safe_mul(df, *gi);
            }
        }
        out
    }

    // g(x, y): ∇ = g_x ∇x + g_y ∇y,
    // H = g_x Hx + g_y Hy + g_xx ∇x∇xᵀ + g_xy (∇x∇yᵀ + ∇y∇xᵀ) + g_yy ∇y∇yᵀ
    #[inline]
    fn chain2(self, other: Self, f: T, [gx, gy]: [T; 2], [gxx, gxy, gyy]: [T; 3]) -> Self {
        let (a, b) = (&self.gradient, &other.gradient);
        let mut out = self;
        out.value = f;
        let finite = [gx, gy, gxx, gxy, gyy].iter().all(|d| d.is_all_finite());
        if finite {
            upper_triangle::<N>(|i, j| {
                out.hessian[i][j] = gx * self.hessian[i][j]
                    + gy * other.hessian[i][j]
                    + gxx * (a[i] * a[j])
                    + gxy * (a[i] * b[j] + a[j] * b[i])
                    + gyy * (b[i] * b[j]);
            });
            for (g, o) in out.gradient.iter_mut().zip(b) {
                *g = gx * *g + gy * *o;
            }
        } else {
            upper_triangle::<N>(|i, j| {
                out.hessian[i][j] = nan_safe_mul(gx, self.hessian[i][j])
                    + nan_safe_mul(gy, other.hessian[i][j])
                    + nan_safe_mul(gxx, a[i] * a[j])
                    + nan_safe_mul(gxy, a[i] * b[j] + a[j] * b[i])
                    + nan_safe_mul(gyy, b[i] * b[j]);
            });
            for (g, o) in out.gradient.iter_mut().zip(b) {
                *g = nan_safe_mul(gx, *g) + nan_safe_mul(gy, *o);
            }
        }
        out
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

/// Writes `value + [g₀, …]ε + [[h₀₀, …], …]ε²/2`.
impl<T: Real, const N: usize> fmt::Display for HyperDual<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)?;
        f.write_str(" + ")?;
        write_list(f, &self.gradient)?;
        f.write_str("ε + [")?;
        for i in 0..N {
            if i > 0 {
                f.write_str(", ")?;
            }
            let row: [T; N] = core::array::from_fn(|j| self.hessian[i.min(j)][i.max(j)]);
            write_list(f, &row)?;
        }
        f.write_str("]ε²/2")
    }
}

crate::elementary::elementary_methods!(HyperDual);
crate::ops::value_comparisons!(HyperDual);
crate::ops::arithmetic!(HyperDual);
