//! serde integration (feature `serde`): `Dual` and `HyperDual` serialize as
//! structs of their value, gradient and, for `HyperDual`, the full
//! symmetric Hessian as N rows of N numbers. Deserializing reads the upper
//! triangle of that matrix (the Hessian is symmetric by definition) and
//! checks every length. No allocation, so it works without `std`.
//!
//! Human-readable formats (JSON, TOML, …) have no NaN or infinity in their
//! numbers (serde_json writes `null`), so there a part that is NaN, +∞ or
//! −∞ is written as the string `"NaN"`, `"inf"` or `"-inf"`, and read back
//! from it; binary formats write every float as it is.
//!
//! Deserializing writes each part in place into the one value, gradient and
//! Hessian being built, so a large `HyperDual` (N = 64: 33 KiB) needs about
//! three times its size of stack, not one copy per layer of serde.

use core::fmt;
use core::marker::PhantomData;

use nalgebra::{SMatrix, SVector};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::{Dual, HyperDual, Real};

/// The names of the non-finite floats in human-readable formats.
const NAN: &str = "NaN";
const INFINITY: &str = "inf";
const NEG_INFINITY: &str = "-inf";

/// One part: a float that is not finite becomes its name in a
/// human-readable format; everything else serializes as itself.
pub(super) struct Part<'a, T>(pub(super) &'a T);

impl<T: Real + Serialize> Serialize for Part<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let x = *self.0;
        if T::IS_FLOAT && serializer.is_human_readable() && !x.is_all_finite() {
            // not finite: +∞, −∞, or NaN (neither above nor below 0)
            let name = if x > T::zero() {
                INFINITY
            } else if x < T::zero() {
                NEG_INFINITY
            } else {
                NAN
            };
            serializer.serialize_str(name)
        } else {
            x.serialize(serializer)
        }
    }
}

/// A sequence of parts.
pub(super) struct Parts<'a, T>(pub(super) &'a [T]);

impl<T: Real + Serialize> Serialize for Parts<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for part in self.0 {
            seq.serialize_element(&Part(part))?;
        }
        seq.end()
    }
}

/// Serializes the rows of a square matrix as a sequence of sequences.
struct Rows<'a, T, const N: usize>(&'a SMatrix<T, N, N>);

impl<T: Real + Serialize, const N: usize> Serialize for Rows<'_, T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rows = serializer.serialize_seq(Some(N))?;
        for i in 0..N {
            let row: [T; N] = core::array::from_fn(|j| self.0[(i, j)]);
            rows.serialize_element(&Parts(&row))?;
        }
        rows.end()
    }
}

impl<T: Real + Serialize, const N: usize> Serialize for Dual<T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Dual", 2)?;
        state.serialize_field("value", &Part(&self.value()))?;
        state.serialize_field("gradient", &Parts(self.gradient().as_slice()))?;
        state.end()
    }
}

impl<T: Real + Serialize, const N: usize> Serialize for HyperDual<T, N>
where
    nalgebra::Const<N>: crate::Packed,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("HyperDual", 3)?;
        state.serialize_field("value", &Part(&self.value()))?;
        state.serialize_field("gradient", &Parts(self.gradient().as_slice()))?;
        state.serialize_field("hessian", &Rows(&self.hessian()))?;
        state.end()
    }
}

/// Reads one part into `.0`: a number or, for a float in a human-readable
/// format, also one of the names `"NaN"`, `"inf"`, `"-inf"`.
pub(super) struct PartSeed<'a, T>(pub(super) &'a mut T);

impl<'de, T: Real + Deserialize<'de>> DeserializeSeed<'de> for PartSeed<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.0 = if T::IS_FLOAT && deserializer.is_human_readable() {
            deserializer.deserialize_any(FloatVisitor(PhantomData))?
        } else {
            T::deserialize(deserializer)?
        };
        Ok(())
    }
}

/// A float from a number or from the name of a non-finite float.
struct FloatVisitor<T>(PhantomData<T>);

impl<T: Real> Visitor<'_> for FloatVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a number, "NaN", "inf" or "-inf""#)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(nalgebra::convert(v))
    }
    // as serde reads an integer into a float
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(nalgebra::convert(v as f64))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(nalgebra::convert(v as f64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        match v {
            NAN => Ok(nalgebra::convert(f64::NAN)),
            INFINITY => Ok(nalgebra::convert(f64::INFINITY)),
            NEG_INFINITY => Ok(nalgebra::convert(f64::NEG_INFINITY)),
            _ => Err(de::Error::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// Reads a sequence of exactly `.0.len()` parts into `.0`.
pub(super) struct ArraySeed<'a, T>(pub(super) &'a mut [T]);

impl<'de, T: Real + Deserialize<'de>> DeserializeSeed<'de> for ArraySeed<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Real + Deserialize<'de>> Visitor<'de> for ArraySeed<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a sequence of {} items", self.0.len())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let n = self.0.len();
        for i in 0..n {
            if seq.next_element_seed(PartSeed(&mut self.0[i]))?.is_none() {
                return Err(de::Error::invalid_length(i, &self));
            }
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(n + 1, &self));
        }
        Ok(())
    }
}

/// Reads N rows of N parts into a matrix, in place.
struct RowsSeed<'a, T, const N: usize>(&'a mut SMatrix<T, N, N>);

impl<'de, T: Real + Deserialize<'de>, const N: usize> DeserializeSeed<'de> for RowsSeed<'_, T, N> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Visitor<'de> for RowsSeed<'_, T, N> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a sequence of {N} rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut row = [T::zero(); N];
        for i in 0..N {
            if seq.next_element_seed(ArraySeed(&mut row))?.is_none() {
                return Err(de::Error::invalid_length(i, &self));
            }
            for (j, &x) in row.iter().enumerate() {
                self.0[(i, j)] = x;
            }
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(N + 1, &self));
        }
        Ok(())
    }
}

/// A field name, read without borrowing from the input.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Value,
    Gradient,
    Hessian,
}

/// Reads a field name of a type whose fields are `.0`.
struct FieldSeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldSeed {
    type Value = Field;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.len() == 3 {
            f.write_str("`value`, `gradient` or `hessian`")
        } else {
            f.write_str("`value` or `gradient`")
        }
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
        match name {
            "value" => Ok(Field::Value),
            "gradient" => Ok(Field::Gradient),
            "hessian" if self.0.len() == 3 => Ok(Field::Hessian),
            other => Err(de::Error::unknown_field(other, self.0)),
        }
    }
}

const DUAL_FIELDS: &[&str] = &["value", "gradient"];
const HYPERDUAL_FIELDS: &[&str] = &["value", "gradient", "hessian"];

/// Reads the parts of a number in place: value, gradient and (when
/// `hessian` is `Some`) the Hessian rows.
struct PartsVisitor<'a, T, const N: usize> {
    name: &'static str,
    fields: &'static [&'static str],
    value: &'a mut T,
    gradient: &'a mut [T; N],
    hessian: Option<&'a mut SMatrix<T, N, N>>,
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Visitor<'de> for PartsVisitor<'_, T, N> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} with {} variables", self.name, N)
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; 3];
        while let Some(key) = map.next_key_seed(FieldSeed(self.fields))? {
            let index = key as usize;
            if seen[index] {
                return Err(de::Error::duplicate_field(HYPERDUAL_FIELDS[index]));
            }
            seen[index] = true;
            match key {
                Field::Value => map.next_value_seed(PartSeed(&mut *self.value))?,
                Field::Gradient => map.next_value_seed(ArraySeed(&mut self.gradient[..]))?,
                Field::Hessian => match self.hessian.as_deref_mut() {
                    Some(hessian) => map.next_value_seed(RowsSeed(hessian))?,
                    None => return Err(de::Error::unknown_field("hessian", self.fields)),
                },
            }
        }
        for (index, &name) in self.fields.iter().enumerate() {
            if !seen[index] {
                return Err(de::Error::missing_field(name));
            }
        }
        Ok(())
    }
    // Formats that are not self-describing (postcard, bincode: the usual
    // ones without std) hand a struct over as the sequence of its fields.
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if seq.next_element_seed(PartSeed(&mut *self.value))?.is_none() {
            return Err(de::Error::invalid_length(0, &self));
        }
        if seq
            .next_element_seed(ArraySeed(&mut self.gradient[..]))?
            .is_none()
        {
            return Err(de::Error::invalid_length(1, &self));
        }
        if let Some(hessian) = self.hessian.as_deref_mut()
            && seq.next_element_seed(RowsSeed(hessian))?.is_none()
        {
            return Err(de::Error::invalid_length(2, &self));
        }
        Ok(())
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Deserialize<'de> for Dual<T, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (mut value, mut gradient) = (T::zero(), [T::zero(); N]);
        let visitor = PartsVisitor {
            name: "Dual",
            fields: DUAL_FIELDS,
            value: &mut value,
            gradient: &mut gradient,
            hessian: None,
        };
        deserializer.deserialize_struct("Dual", DUAL_FIELDS, visitor)?;
        Ok(Dual::new(value, SVector::from(gradient)))
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Deserialize<'de> for HyperDual<T, N>
where
    nalgebra::Const<N>: crate::Packed,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (mut value, mut gradient) = (T::zero(), [T::zero(); N]);
        let mut hessian = SMatrix::<T, N, N>::zeros();
        let visitor = PartsVisitor {
            name: "HyperDual",
            fields: HYPERDUAL_FIELDS,
            value: &mut value,
            gradient: &mut gradient,
            hessian: Some(&mut hessian),
        };
        deserializer.deserialize_struct("HyperDual", HYPERDUAL_FIELDS, visitor)?;
        Ok(HyperDual::new(value, SVector::from(gradient), hessian))
    }
}
