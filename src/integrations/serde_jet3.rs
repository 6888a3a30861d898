//! serde for [`Jet3`] (feature `serde`): a struct of its value, gradient,
//! Hessian and third derivatives, the two symmetric arrays packed as they
//! are stored (N(N+1)(N+2)/6 entries instead of N³):
//!
//! - `hessian`: the N(N+1)/2 entries ∂²/∂xᵢ∂xⱼ with i ≤ j, row by row;
//! - `third`: the N(N+1)(N+2)/6 entries ∂³/∂xᵢ∂xⱼ∂xₖ with i ≤ j ≤ k, in
//!   lexicographic order of (i, j, k).
//!
//! Parts are written and read as for `Dual` and `HyperDual` (non-finite
//! floats by name in human-readable formats), in place, with every length
//! checked.

use core::fmt;

use nalgebra::Const;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::serde::{ArraySeed, Part, PartSeed, Parts};
use crate::{Jet3, Packed, Real};

const FIELDS: &[&str] = &["value", "gradient", "hessian", "third"];

impl<T: Real + Serialize, const N: usize> Serialize for Jet3<T, N>
where
    Const<N>: Packed,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (hessian, third) = self.packed();
        let mut state = serializer.serialize_struct("Jet3", 4)?;
        state.serialize_field("value", &Part(&self.value()))?;
        state.serialize_field("gradient", &Parts(self.gradient().as_slice()))?;
        state.serialize_field("hessian", &Parts(hessian))?;
        state.serialize_field("third", &Parts(third))?;
        state.end()
    }
}

/// A field of `Jet3`, by its index in `FIELDS`.
struct FieldIndex;

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`value`, `gradient`, `hessian` or `third`")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        FIELDS
            .iter()
            .position(|&field| field == name)
            .ok_or_else(|| de::Error::unknown_field(name, FIELDS))
    }
}

/// Reads the parts of a `Jet3` in place.
struct JetVisitor<'a, T: Real, const N: usize>(&'a mut Jet3<T, N>)
where
    Const<N>: Packed;

impl<'de, T: Real + Deserialize<'de>, const N: usize> Visitor<'de> for JetVisitor<'_, T, N>
where
    Const<N>: Packed,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a Jet3 with {N} variables")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (value, gradient, hessian, third) = self.0.parts_mut();
        let mut seen = [false; 4];
        while let Some(index) = map.next_key_seed(FieldIndex)? {
            if seen[index] {
                return Err(de::Error::duplicate_field(FIELDS[index]));
            }
            seen[index] = true;
            match index {
                0 => map.next_value_seed(PartSeed(&mut *value))?,
                1 => map.next_value_seed(ArraySeed(&mut gradient[..]))?,
                2 => map.next_value_seed(ArraySeed(&mut *hessian))?,
                _ => map.next_value_seed(ArraySeed(&mut *third))?,
            }
        }
        match seen.iter().position(|&s| !s) {
            Some(missing) => Err(de::Error::missing_field(FIELDS[missing])),
            None => Ok(()),
        }
    }
    // Formats that are not self-describing hand a struct over as the
    // sequence of its fields.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (value, gradient, hessian, third) = self.0.parts_mut();
        let expected = "the 4 fields of a Jet3";
        let missing = |i| de::Error::invalid_length(i, &expected);
        seq.next_element_seed(PartSeed(value))?
            .ok_or_else(|| missing(0))?;
        seq.next_element_seed(ArraySeed(&mut gradient[..]))?
            .ok_or_else(|| missing(1))?;
        seq.next_element_seed(ArraySeed(hessian))?
            .ok_or_else(|| missing(2))?;
        seq.next_element_seed(ArraySeed(third))?
            .ok_or_else(|| missing(3))?;
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(5, &expected));
        }
        Ok(())
    }
}

impl<'de, T: Real + Deserialize<'de>, const N: usize> Deserialize<'de> for Jet3<T, N>
where
    Const<N>: Packed,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut jet = Jet3::constant(T::zero());
        deserializer.deserialize_struct("Jet3", FIELDS, JetVisitor(&mut jet))?;
        // the parts were written in place: what is known about them, anew
        jet.refresh_special();
        Ok(jet)
    }
}
