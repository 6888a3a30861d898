//! The solvers, built on the drivers: Newton's method for roots and minima,
//! curvature analysis of critical points, and implicit-function derivatives.

pub mod curvature;
pub mod implicit;
pub(crate) mod linalg;
pub mod newton;
