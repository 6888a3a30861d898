//! The traits of other crates, one file each: nalgebra and simba, num-traits,
//! approx, and serde (feature `serde`). Every method forwards to the number
//! types or the derivative table.

mod approx;
mod nalgebra;
mod num_traits;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "serde")]
mod serde_jet3;
