//! The number types: [`Dual`](crate::Dual) (value and gradient) and
//! [`HyperDual`](crate::HyperDual) (value, gradient and Hessian), with the
//! operators and elementary-function methods they share.

pub(crate) mod dual;
pub(crate) mod elementary;
pub(crate) mod hyperdual;
pub(crate) mod jet3;
pub(crate) mod ops;
pub(crate) mod packed;
pub(crate) mod taylor;
