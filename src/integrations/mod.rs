//! The traits of other crates, one file each: nalgebra and simba,
//! num-traits, approx, serde (feature `serde`) and argmin (feature
//! `argmin`). Every method forwards to the number types, the derivative
//! table or the drivers.

mod approx;
#[cfg(feature = "argmin")]
pub(crate) mod argmin;
mod nalgebra;
mod num_traits;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "serde")]
mod serde_jet3;
