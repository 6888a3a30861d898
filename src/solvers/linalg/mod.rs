//! Small dense linear algebra on the stack, shared by the solvers: no
//! allocation and no type-level bounds on the sizes (nalgebra's
//! decompositions would add `DimMin`/`Allocator` bounds to every generic
//! signature that uses them).

pub(crate) mod eigen;
pub(crate) mod lu;
pub(crate) mod norm;
pub(crate) mod qr;
