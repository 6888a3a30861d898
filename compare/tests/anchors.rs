//! Where the anchors differ from monodual at edge points (the crate docs name them).

/// The anchor comparison in the crate docs: num-dual's sqrt has a NaN
/// derivative at 0, where monodual has +∞ (and 0 for a constant).
#[test]
fn num_dual_differs_at_sqrt_of_zero() {
    use num_dual::{Dual64, DualNum};
    let variable = Dual64::from(0.0).derivative().sqrt();
    assert!(variable.eps.is_nan());
    let constant = Dual64::from(0.0).sqrt();
    assert!(constant.eps.is_nan());
}
