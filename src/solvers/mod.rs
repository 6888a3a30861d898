//! The solvers, built on the drivers: Newton's method for roots and minima,
//! Levenberg–Marquardt nonlinear least squares, curvature analysis of
//! critical points, and implicit-function derivatives.

pub mod curvature;
pub mod implicit;
pub mod least_squares;
pub(crate) mod linalg;
pub mod newton;
