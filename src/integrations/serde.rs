//! serde integration (feature `serde`): `Dual` and `HyperDual` serialize as
//! structs of their value, gradient and, for `HyperDual`, the full
//! symmetric Hessian as N rows of N numbers. Deserializing reads the upper
//! triangle of that matrix (the Hessian is symmetric by definition) and
//! checks every length. No allocation, so it works without `std`.

use core::fmt;
use core::marker::PhantomData;

use nalgebra::{SMatrix, SVector};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::{Dual, HyperDual, Real};

/// A fixed-length array, deserialized from a sequence of exactly `N` items.
#[derive(Clone, Copy)]
struct Array<E, const N: usize>([E; N]);

impl<E: Default + Copy, const N: usize> Default for Array<E, N> {
    fn default() -> Self {
        Self([E::default(); N])
    }
}

impl<'de, E: Deserialize<'de> + Default + Copy, const N: usize> Deserialize<'de> for Array<E, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArrayVisitor<E, const N: usize>(PhantomData<E>);
        impl<'de, E: Deserialize<'de> + Default + Copy, const N: usize> Visitor<'de>
            for ArrayVisitor<E, N>
        {
            type Value = Array<E, N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a sequence of {N} items")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = [E::default(); N];
                for (i, slot) in out.iter_mut().enumerate() {
                    *slot = seq
                        .next_element()?
                        .ok_or_else(|| de::Error::invalid_length(i, &self))?;
                }
                if seq.next_element::<IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(N + 1, &self));
                }
                Ok(Array(out))
            }
        }
        deserializer.deserialize_seq(ArrayVisitor::<E, N>(PhantomData))
    }
}

/// Serializes the rows of a square matrix as a sequence of sequences.
struct Rows<'a, T, const N: usize>(&'a SMatrix<T, N, N>);

impl<T: Real + Serialize, const N: usize> Serialize for Rows<'_, T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rows = serializer.serialize_seq(Some(N))?;
        for i in 0..N {
            let row: [T; N] = core::array::from_fn(|j| self.0[(i, j)]);
            rows.serialize_element(&row[..])?;
        }
        rows.end()
    }
}

impl<T: Real + Serialize, const N: usize> Serialize for Dual<T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Dual", 2)?;
        state.serialize_field("value", &self.value())?;
        state.serialize_field("gradient", self.gradient().as_slice())?;
        state.end()
    }
}

impl<T: Real + Serialize, const N: usize> Serialize for HyperDual<T, N>
where
    nalgebra::Const<N>: crate::Packed,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("HyperDual", 3)?;
        state.serialize_field("value", &self.value())?;
        state.serialize_field("gradient", self.gradient().as_slice())?;
        state.serialize_field("hessian", &Rows(&self.hessian()))?;
        state.end()
    }
}

/// The parts read back: value, gradient and (for `HyperDual`) Hessian rows.
struct Parts<T, const N: usize> {
    value: T,
    gradient: [T; N],
    hessian: [Array<T, N>; N],
}

/// A field name, read without borrowing from the input.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Value,
    Gradient,
    Hessian,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`value`, `gradient` or `hessian`")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                match name {
                    "value" => Ok(Field::Value),
                    "gradient" => Ok(Field::Gradient),
                    "hessian" => Ok(Field::Hessian),
                    other => Err(de::Error::unknown_field(other, HYPERDUAL_FIELDS)),
                }
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// Reads the fields `names` (a prefix of value, gradient, hessian), each once.
fn read_parts<'de, T, A, const N: usize>(
    mut map: A,
    names: &'static [&'static str],
) -> Result<Parts<T, N>, A::Error>
where
    T: Real + Deserialize<'de>,
    A: MapAccess<'de>,
{
    let (mut value, mut gradient, mut hessian) = (None, None, None);
    while let Some(key) = map.next_key::<Field>()? {
        match key {
            Field::Value if value.is_none() => value = Some(map.next_value::<T>()?),
            Field::Gradient if gradient.is_none() => {
                gradient = Some(map.next_value::<Array<T, N>>()?.0);
            }
            Field::Hessian if hessian.is_none() && names.len() == 3 => {
                hessian = Some(map.next_value::<Array<Array<T, N>, N>>()?.0);
            }
            Field::Hessian if names.len() == 2 => {
                return Err(de::Error::unknown_field("hessian", names));
            }
            Field::Value => return Err(de::Error::duplicate_field("value")),
            Field::Gradient => return Err(de::Error::duplicate_field("gradient")),
            Field::Hessian => return Err(de::Error::duplicate_field("hessian")),
        }
    }
    let hessian = match (names.len(), hessian) {
        (3, None) => return Err(de::Error::missing_field("hessian")),
        (_, h) => h.unwrap_or([Array::default(); N]),
    };
    Ok(Parts {
        value: value.ok_or_else(|| de::Error::missing_field("value"))?,
        gradient: gradient.ok_or_else(|| de::Error::missing_field("gradient"))?,
        hessian,
    })
}

const DUAL_FIELDS: &[&str] = &["value", "gradient"];
const HYPERDUAL_FIELDS: &[&str] = &["value", "gradient", "hessian"];

/// Visits a map into `Parts` and builds the number with `build`.
struct PartsVisitor<T, Out, const N: usize> {
    name: &'static str,
    fields: &'static [&'static str],
    build: fn(Parts<T, N>) -> Out,
}

impl<'de, T: Real + Deserialize<'de>, Out, const N: usize> Visitor<'de>
    for PartsVisitor<T, Out, N>
{
    type Value = Out;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} with {} variables", self.name, N)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Out, A::Error> {
        read_parts(map, self.fields).map(self.build)
    }
    // Formats that are not self-describing (postcard, bincode: the usual
    // ones without std) hand a struct over as the sequence of its fields.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Out, A::Error> {
        let value = seq
            .next_element::<T>()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let gradient = seq
            .next_element::<Array<T, N>>()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?
            .0;
        let hessian = if self.fields.len() == 3 {
            seq.next_element::<Array<Array<T, N>, N>>()?
                .ok_or_else(|| de::Error::invalid_length(2, &self))?
                .0
        } else {
            [Array::default(); N]
        };
        Ok((self.build)(Parts {
            value,
            gradient,
            hessian,
        }))
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Deserialize<'de> for Dual<T, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = PartsVisitor {
            name: "Dual",
            fields: DUAL_FIELDS,
            build: |p: Parts<T, N>| Dual::new(p.value, SVector::from(p.gradient)),
        };
        deserializer.deserialize_struct("Dual", DUAL_FIELDS, visitor)
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Deserialize<'de> for HyperDual<T, N>
where
    nalgebra::Const<N>: crate::Packed,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = PartsVisitor {
            name: "HyperDual",
            fields: HYPERDUAL_FIELDS,
            build: |p: Parts<T, N>| {
                let hessian = SMatrix::from_fn(|i, j| p.hessian[i].0[j]);
                HyperDual::new(p.value, SVector::from(p.gradient), hessian)
            },
        };
        deserializer.deserialize_struct("HyperDual", HYPERDUAL_FIELDS, visitor)
    }
}
