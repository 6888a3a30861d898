//! Small dense linear algebra on static matrices, shared by the solvers.

pub(crate) mod qr;
