//! [`Dual`]: a value and its gradient with respect to `N` variables.

use core::fmt;

use nalgebra::SVector;

use crate::Real;
use crate::number::ops::{PartFormat, write_list};
use crate::real::sealed::Sealed;
use crate::real::{nan_safe_mul, nan_safe_mul_keyed, zero_safe_key};
use crate::table::Chain;

/// The largest `N` for which a scaling by a run-time float computes the
/// IEEE products once for both of its branches (see
/// `Dual::mul_by_special_float`). Shared, the N + 1 products are all live
/// at the branch: up to N = 16 they fit the 16 vector registers of x86-64
/// and the branches merge without copies; at N = 32 they spill. Measured
/// (callgrind, quadratic form, instructions per gradient): N = 16 16,843
/// separate → 12,251 shared; N = 32 117,769 separate → 141,769 shared.
const SHARED_SCALING_MAX: usize = 16;

/// From this `N` on, the product rule on floats masks its zero-rule
/// products by the two values' keys (see `Sealed::zero_safe_key`). Below
/// it the plain select folds better where the whole user function is
/// inlined.
const KEYED_PRODUCTS_FROM: usize = 8;

/// A number carrying its value and its gradient with respect to `N`
/// variables: `value + Σᵢ gradient[i]·εᵢ` with `εᵢ εⱼ = 0`.
///
/// `T` is `f32`, `f64` or another number type (`Dual<Dual<f64, 1>, N>`
/// gives second derivatives by nesting). Arithmetic follows the rules of
/// calculus exactly; no step size is involved. Comparisons (`==`, `<`) look
/// at the value part only, so code branches the way it would on plain floats.
///
/// ```
/// use monodual::Dual;
///
/// // f(x, y) = x·y + sin x at (2, 3)
/// let x = Dual::<f64, 2>::variable(2.0, 0);
/// let y = Dual::<f64, 2>::variable(3.0, 1);
/// let f = x * y + x.sin();
/// assert_eq!(f.value(), 6.0 + 2.0f64.sin());
/// assert_eq!(f.gradient()[0], 3.0 + 2.0f64.cos()); // ∂f/∂x = y + cos x
/// assert_eq!(f.gradient()[1], 2.0); // ∂f/∂y = x
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Dual<T, const N: usize> {
    value: T,
    gradient: [T; N],
}

impl<T: Real, const N: usize> Dual<T, N> {
    /// A constant: value `value`, gradient zero.
    ///
    /// ```
    /// use monodual::Dual;
    /// let c = Dual::<f64, 3>::constant(2.5);
    /// assert_eq!(c.value(), 2.5);
    /// assert!(c.gradient().iter().all(|&g| g == 0.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn constant(value: T) -> Self {
        Self {
            value,
            gradient: [T::zero(); N],
        }
    }

    /// The variable number `index` (from 0) at `value`: its gradient is the
    /// unit vector eᵢₙdₑₓ.
    ///
    /// # Panics
    ///
    /// If `index >= N`: there is no such variable.
    ///
    /// ```
    /// use monodual::Dual;
    /// let y = Dual::<f64, 2>::variable(4.0, 1);
    /// assert_eq!(y.gradient(), nalgebra::Vector2::new(0.0, 1.0));
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
        x
    }

    /// A number from its value and gradient.
    ///
    /// ```
    /// use monodual::Dual;
    /// use nalgebra::Vector2;
    /// let x = Dual::new(1.0, Vector2::new(0.5, -1.0));
    /// assert_eq!(x.gradient(), Vector2::new(0.5, -1.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn new(value: T, gradient: SVector<T, N>) -> Self {
        Self {
            value,
            gradient: gradient.into(),
        }
    }

    /// The value part.
    ///
    /// ```
    /// use monodual::Dual;
    /// assert_eq!(Dual::<f64, 1>::variable(1.5, 0).value(), 1.5);
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn value(&self) -> T {
        self.value
    }

    /// The gradient: ∂/∂xᵢ of this number for each variable i.
    ///
    /// ```
    /// use monodual::Dual;
    /// let x = Dual::<f64, 2>::variable(3.0, 0);
    /// assert_eq!((x * x).gradient(), nalgebra::Vector2::new(6.0, 0.0));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn gradient(&self) -> SVector<T, N> {
        SVector::from(self.gradient)
    }

    /// The gradient as the array it is stored in.
    #[inline(always)]
    pub(crate) fn gradient_array(&self) -> &[T; N] {
        &self.gradient
    }

    /// Applies `part` to the value and to every gradient part.
    // In place, not by `<[T; N]>::map`: at N = 32 that was a call to an
    // out-of-line `try_map` and a 256-byte memcpy per scaling by a float
    // (callgrind, quadratic form).
    #[inline(always)]
    pub(crate) fn map_parts(mut self, part: impl Fn(T) -> T) -> Self {
        self.value = part(self.value);
        for g in &mut self.gradient {
            *g = part(*g);
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
        core::iter::once(&self.value).chain(self.gradient.iter())
    }

    /// Combines the parts of two numbers pairwise.
    #[inline(always)]
    pub(crate) fn zip_parts(self, other: Self, part: impl Fn(T, T) -> T) -> Self {
        let mut gradient = self.gradient;
        for (g, o) in gradient.iter_mut().zip(other.gradient) {
            *g = part(*g, o);
        }
        Self {
            value: part(self.value, other.value),
            gradient,
        }
    }

    // (a + a′ε)(b + b′ε) = ab + (a′b + ab′)ε: the value part in IEEE
    // arithmetic, each derivative product by the zero rule (0 · ∞ = 0), as
    // a compare and a mask per lane, with no branch. Measured (callgrind,
    // 1e5 gradients of extended Rosenbrock): 3.0× the instructions of the
    // plain IEEE product rule at N = 4, 6.1× at N = 8 (the user closure is
    // no longer inlined), 1.7× at N = 16; 0.9–1.1× on the transcendental
    // test function. A branch to the IEEE lanes when both values are finite
    // and nonzero measured slower still (1.95× hyperjet against 1.85× at
    // N = 4), as the code it duplicates keeps more user code from inlining.
    //
    // From `KEYED_PRODUCTS_FROM` lanes on (and in every chain rule) the
    // values' zero tests are made once, as bit masks (`zero_safe_key`):
    // or'ed per lane as booleans, LLVM widened them to 32-bit lanes and
    // back, 6 instructions per mask where the keyed form needs 2. Criterion
    // medians, one run each, before → after: Rosenbrock N = 8 60.8 → 40.6
    // ns, the transcendental function N = 4 76.7 → 61.1 and N = 8 268 →
    // 216, the quadratic form N = 16 982 → 806; below 8 lanes the keyed
    // product rule measured slower where the user function is inlined
    // whole (Rosenbrock N = 4 4.35 → 6.04 ns, the quadratic form N = 4
    // 8.56 → 13.1), so it keeps the select there.
    #[inline(always)]
    pub(crate) fn mul_number(self, other: Self) -> Self {
        self.mul_with(other, |a, b| a * b)
    }

    /// [`along`](Self::along): a `Dual` has no second-order parts to set
    /// from `next2`.
    #[inline(always)]
    pub(crate) fn along3(self, next: Self, _next2: Self, x: &Self) -> Self {
        self.along(next, x)
    }

    /// `self · c` for a constant `c` whose value is 0, ±∞ or NaN (see
    /// `Sealed::mul_special_constant`). On floats the product rule with
    /// c′ = 0 is (a·c, g·c per lane by the zero rule), written so: one
    /// product and a select per lane, without the rule's second product and
    /// sum, which kept the lanes of a scaling by a run-time float out of
    /// registers. Measured (callgrind, quadratic form Σ aᵢⱼxᵢxⱼ with the
    /// aᵢⱼ read from memory, instructions per gradient): 2011 → 921 at
    /// N = 8, 17,692 → 16,843 at N = 16, and 12,251 with the IEEE products
    /// shared with the other branch ([`SHARED_SCALING_MAX`]). Out of line
    /// (`#[cold]`) it was worse: 34,315 at N = 16, the call spilling every
    /// lane.
    #[inline(always)]
    pub(crate) fn mul_by_special_float(self, c: Self) -> Self {
        if !T::IS_FLOAT {
            return self * c;
        }
        let s = c.value;
        if N > SHARED_SCALING_MAX {
            return Self {
                value: self.value * s,
                gradient: Self::lanes_times(self.gradient, s),
            };
        }
        // the IEEE scaling (as the caller's branch for finite nonzero
        // floats computes it, so that the two branches share it), then the
        // zero rule's select on each lane
        let mut product = self.map_parts(|p| p * s);
        for (p, g) in product.gradient.iter_mut().zip(self.gradient) {
            *p = if (g == T::zero()) | (s == T::zero()) {
                T::zero()
            } else {
                *p
            };
        }
        product
    }

    /// Every lane of `lanes` times `factor` by the zero rule, the factor's
    /// zero test made once (`zero_safe_key`).
    #[inline(always)]
    fn lanes_times(mut lanes: [T; N], factor: T) -> [T; N] {
        let key = zero_safe_key(factor);
        for g in &mut lanes {
            *g = nan_safe_mul_keyed(*g, factor, key);
        }
        lanes
    }

    /// `self / c` for a constant `c` whose value is 0, ±∞ or NaN: on floats
    /// the quotient rule with c′ = 0, (a/c, g·(1/c) per lane by the zero
    /// rule), as [`mul_by_special_float`](Self::mul_by_special_float).
    #[inline(always)]
    pub(crate) fn div_by_special_float(self, c: Self) -> Self {
        if !T::IS_FLOAT {
            return self / c;
        }
        let s = c.value;
        Self {
            value: self.value / s,
            gradient: Self::lanes_times(self.gradient, s.recip()),
        }
    }

    /// `self` with its gradient set to `next.value · x.gradient` (see
    /// `Sealed::along`).
    #[inline(always)]
    pub(crate) fn along(self, next: Self, x: &Self) -> Self {
        Self {
            value: self.value,
            gradient: x.gradient.map(|g| nan_safe_mul(next.value, g)),
        }
    }

    /// `self` with its gradient set to `next[0].value · x.gradient +
    /// next[1].value · y.gradient`.
    #[inline(always)]
    pub(crate) fn along2(self, [dx, dy]: [Self; 2], x: &Self, y: &Self) -> Self {
        let mut gradient = x.gradient;
        for (g, o) in gradient.iter_mut().zip(y.gradient) {
            *g = nan_safe_mul(dx.value, *g) + nan_safe_mul(dy.value, o);
        }
        Self {
            value: self.value,
            gradient,
        }
    }

    /// The product rule with `value_product` for the value part (IEEE for
    /// the operator, the zero rule where this number is itself a
    /// derivative part of a nested one).
    #[inline(always)]
    pub(crate) fn mul_with(self, other: Self, value_product: impl Fn(T, T) -> T) -> Self {
        let (a, b) = (self.value, other.value);
        let mut gradient = self.gradient;
        if N < KEYED_PRODUCTS_FROM || !T::IS_FLOAT {
            for (g, o) in gradient.iter_mut().zip(other.gradient) {
                *g = nan_safe_mul(*g, b) + nan_safe_mul(a, o);
            }
        } else {
            let (key_a, key_b) = (zero_safe_key(a), zero_safe_key(b));
            for (g, o) in gradient.iter_mut().zip(other.gradient) {
                *g = nan_safe_mul_keyed(*g, b, key_b) + nan_safe_mul_keyed(o, a, key_a);
            }
        }
        Self {
            value: value_product(a, b),
            gradient,
        }
    }
}

impl<T: Real, const N: usize> Chain for Dual<T, N> {
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

    // g(a + a′ε) = g(a) + g′(a) a′ε. For a nested type (T a number
    // itself) g′(a) is a number whose derivative parts are set from g″
    // (`along`), as HyperDual's chain rule uses it, not from whatever the
    // formula for g′ gave them; for T = f32, f64 that is the identity.
    // (g(a) keeps the derivative parts its own chain rule gave it: the same
    // g′·a′, and a function's parameter, as the exponent of `powf`, counts.)
    #[inline(always)]
    fn chain(self, f: T, df: T, d2f: T) -> Self {
        let a = &self.value;
        let df = Sealed::along(df, d2f, a);
        Self {
            value: f,
            gradient: Self::lanes_times(self.gradient, df),
        }
    }

    // as `chain`; a nested type whose inner number has second-order parts
    // (`Dual<HyperDual<…>>`) sets g′(a)'s Hessian from g‴ as well, so that
    // its parts are those of the limits the table gives (cbrt at 0)
    #[inline(always)]
    fn chain3(self, f: T, df: T, d2f: T, d3f: impl FnOnce() -> T) -> Self {
        if T::IS_FLOAT {
            return self.chain(f, df, d2f);
        }
        let a = &self.value;
        let df = Sealed::along3(df, d2f, d3f(), a);
        Self {
            value: f,
            gradient: Self::lanes_times(self.gradient, df),
        }
    }

    // g(a + a′ε, b + b′ε) = g + (g_x a′ + g_y b′)ε (nested: as in `chain`)
    #[inline(always)]
    fn chain2(self, other: Self, f: T, [gx, gy]: [T; 2], [gxx, gxy, gyy]: [T; 3]) -> Self {
        let (a, b) = (&self.value, &other.value);
        let gx = Sealed::along2(gx, [gxx, gxy], a, b);
        let gy = Sealed::along2(gy, [gxy, gyy], a, b);
        let (key_x, key_y) = (zero_safe_key(gx), zero_safe_key(gy));
        let mut gradient = self.gradient;
        for (g, o) in gradient.iter_mut().zip(other.gradient) {
            *g = nan_safe_mul_keyed(*g, gx, key_x) + nan_safe_mul_keyed(o, gy, key_y);
        }
        Self { value: f, gradient }
    }

    // as `chain2`; a nested type whose inner number has second-order parts
    // (`Dual<HyperDual<…>>`) sets g_x's and g_y's Hessians from the third
    // partials as well, instead of keeping those of the formulas' own
    // intermediates (1/y² of x/y overflows where ∂²(x/y)/∂y² does not)
    #[inline(always)]
    fn chain2_3(
        self,
        other: Self,
        f: T,
        [gx, gy]: [T; 2],
        [gxx, gxy, gyy]: [T; 3],
        d3: impl FnOnce() -> [T; 4],
    ) -> Self {
        if T::IS_FLOAT {
            return self.chain2(other, f, [gx, gy], [gxx, gxy, gyy]);
        }
        let (a, b) = (&self.value, &other.value);
        let [gxxx, gxxy, gxyy, gyyy] = d3();
        let gx = Sealed::along2_3(gx, [gxx, gxy], [gxxx, gxxy, gxyy], a, b);
        let gy = Sealed::along2_3(gy, [gxy, gyy], [gxxy, gxyy, gyyy], a, b);
        let mut gradient = self.gradient;
        for (g, o) in gradient.iter_mut().zip(other.gradient) {
            *g = nan_safe_mul(gx, *g) + nan_safe_mul(gy, o);
        }
        Self { value: f, gradient }
    }
}

impl<T: Real, const N: usize> Dual<T, N> {
    /// Writes `value + [g₀, g₁, …]ε`, each part by `part`.
    fn write_parts(&self, f: &mut fmt::Formatter<'_>, part: PartFormat<T>) -> fmt::Result {
        part(&self.value, f)?;
        f.write_str(" + ")?;
        write_list(f, &self.gradient, part)?;
        f.write_str("ε")
    }
}

crate::number::ops::formatting!(Dual);

crate::number::elementary::elementary_methods!(Dual);
crate::number::ops::value_comparisons!(Dual);
crate::number::ops::arithmetic!(Dual);

#[cfg(test)]
mod tests {
    use super::Dual;

    /// Equal, NaN to NaN, a zero of either sign to a zero.
    fn same(a: f64, b: f64) -> bool {
        a == b || (a.is_nan() && b.is_nan())
    }

    // x · c and x / c by a float 0, ±∞ or NaN (the short forms on floats)
    // against the product and quotient rules with the constant c, on lanes
    // that are 0, finite, ±∞ and NaN and values that are 0, finite and ∞;
    // at N = 5 and at N = 20, on either side of `SHARED_SCALING_MAX`.
    fn check_scaling<const N: usize>() {
        let inf = f64::INFINITY;
        let pattern = [0.0, -2.5, inf, -inf, f64::NAN];
        let lanes = nalgebra::SVector::<f64, N>::from_fn(|i, _| pattern[i % 5]);
        for value in [0.0, -0.0, 3.0, inf, f64::NAN] {
            let x = Dual::new(value, lanes);
            for c in [0.0, -0.0, inf, -inf, f64::NAN, 2.0] {
                let constant = Dual::<f64, N>::constant(c);
                for (short, rule, op) in [(x * c, x * constant, "*"), (x / c, x / constant, "/")] {
                    assert_eq!(short.value().to_bits(), rule.value().to_bits());
                    let (s, r) = (short.gradient(), rule.gradient());
                    assert!(
                        s.iter().zip(r.iter()).all(|(&a, &b)| same(a, b)),
                        "({value} + {lanes:?}ε) {op} {c}: {s:?} against {r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn scaling_by_special_floats_is_the_product_rule() {
        check_scaling::<5>();
        check_scaling::<20>();
    }
}
