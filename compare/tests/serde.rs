//! serde round trips of every number type (monodual with its `serde` feature).

use monodual::{Dual, HyperDual};
use nalgebra::Vector3;

fn sample_hyperdual() -> HyperDual<f64, 3> {
    let x = HyperDual::<f64, 3>::variable(0.7, 0);
    let y = HyperDual::<f64, 3>::variable(-1.3, 1);
    let z = HyperDual::<f64, 3>::variable(2.1, 2);
    (x * y).sin() + z.exp() * x - y / z
}

#[test]
fn dual_round_trip() {
    let x = Dual::new(1.5, Vector3::new(0.25, -2.0, 1e-300));
    let text = serde_json::to_string(&x).unwrap();
    assert_eq!(text, r#"{"value":1.5,"gradient":[0.25,-2.0,1e-300]}"#);
    let back: Dual<f64, 3> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.value(), x.value());
    assert_eq!(back.gradient(), x.gradient());
}

#[test]
fn hyperdual_round_trip_keeps_every_part() {
    let h = sample_hyperdual();
    let text = serde_json::to_string(&h).unwrap();
    let back: HyperDual<f64, 3> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.value(), h.value());
    assert_eq!(back.gradient(), h.gradient());
    assert_eq!(back.hessian(), h.hessian());
    // and it keeps computing: the same derivatives after one more operation
    assert_eq!((back * back).hessian(), (h * h).hessian());
}

#[test]
fn nested_and_f32_round_trip() {
    let inner = Dual::<f32, 1>::variable(2.0, 0);
    let x = Dual::<Dual<f32, 1>, 2>::variable(inner, 1) * Dual::constant(inner);
    let text = serde_json::to_string(&x).unwrap();
    let back: Dual<Dual<f32, 1>, 2> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.value().value(), x.value().value());
    assert_eq!(back.value().gradient(), x.value().gradient());
    for (a, b) in back.gradient().iter().zip(x.gradient().iter()) {
        assert_eq!((a.value(), a.gradient()), (b.value(), b.gradient()));
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let wrong_length =
        serde_json::from_str::<Dual<f64, 3>>(r#"{"value":1.0,"gradient":[1.0,2.0]}"#);
    assert!(
        wrong_length
            .unwrap_err()
            .to_string()
            .contains("invalid length 2")
    );
    let too_long = serde_json::from_str::<Dual<f64, 1>>(r#"{"value":1.0,"gradient":[1.0,2.0]}"#);
    assert!(too_long.is_err());
    let missing = serde_json::from_str::<HyperDual<f64, 1>>(r#"{"value":1.0,"gradient":[1.0]}"#);
    assert!(
        missing
            .unwrap_err()
            .to_string()
            .contains("missing field `hessian`")
    );
    let unknown =
        serde_json::from_str::<Dual<f64, 1>>(r#"{"value":1.0,"gradient":[1.0],"hessian":[[0.0]]}"#);
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .contains("unknown field `hessian`")
    );
    let duplicate =
        serde_json::from_str::<Dual<f64, 1>>(r#"{"value":1.0,"value":2.0,"gradient":[1.0]}"#);
    assert!(
        duplicate
            .unwrap_err()
            .to_string()
            .contains("duplicate field `value`")
    );
}

/// Formats without field names (postcard, bincode) hand a struct over as
/// the sequence of its fields; JSON arrays take the same path.
#[test]
fn fields_as_a_sequence() {
    let x: Dual<f64, 2> = serde_json::from_str("[1.5, [0.25, -2.0]]").unwrap();
    assert_eq!(
        (x.value(), x.gradient()),
        (1.5, nalgebra::Vector2::new(0.25, -2.0))
    );
    let h: HyperDual<f64, 2> =
        serde_json::from_str("[1.0, [2.0, 3.0], [[4.0, 5.0], [5.0, 6.0]]]").unwrap();
    assert_eq!(h.hessian(), nalgebra::Matrix2::new(4.0, 5.0, 5.0, 6.0));
    let short = serde_json::from_str::<HyperDual<f64, 2>>("[1.0, [2.0, 3.0]]");
    assert!(short.unwrap_err().to_string().contains("invalid length 2"));
    let wrong = serde_json::from_str::<Dual<f64, 2>>("[1.0, [2.0]]");
    assert!(wrong.unwrap_err().to_string().contains("invalid length 1"));
}

/// NaN and ±∞ parts: serde_json has no such numbers (it writes `null`), so
/// human-readable formats get the strings "NaN", "inf" and "-inf".
#[test]
fn non_finite_parts_round_trip() {
    let x = Dual::new(
        f64::NAN,
        Vector3::new(f64::INFINITY, f64::NEG_INFINITY, -0.0),
    );
    let text = serde_json::to_string(&x).unwrap();
    assert_eq!(text, r#"{"value":"NaN","gradient":["inf","-inf",-0.0]}"#);
    let back: Dual<f64, 3> = serde_json::from_str(&text).unwrap();
    assert!(back.value().is_nan());
    assert_eq!(back.gradient()[0], f64::INFINITY);
    assert_eq!(back.gradient()[1], f64::NEG_INFINITY);
    assert!(back.gradient()[2] == 0.0 && back.gradient()[2].is_sign_negative());

    // √x at 0: value 0, gradient +∞, Hessian −∞
    let h = HyperDual::<f64, 2>::variable(0.0, 0).sqrt();
    let text = serde_json::to_string(&h).unwrap();
    let back: HyperDual<f64, 2> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.gradient(), h.gradient());
    assert_eq!(back.hessian(), h.hessian());
    assert_eq!(back.hessian()[(0, 0)], f64::NEG_INFINITY);

    // nested and f32
    let inner = Dual::<f32, 1>::new(f32::INFINITY, nalgebra::Vector1::new(f32::NAN));
    let x = Dual::<Dual<f32, 1>, 1>::new(inner, nalgebra::Vector1::new(inner));
    let text = serde_json::to_string(&x).unwrap();
    let back: Dual<Dual<f32, 1>, 1> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.value().value(), f32::INFINITY);
    assert!(back.gradient()[0].gradient()[0].is_nan());

    // integers and other strings
    let x: Dual<f64, 1> = serde_json::from_str(r#"{"value":2,"gradient":[-3]}"#).unwrap();
    assert_eq!((x.value(), x.gradient()[0]), (2.0, -3.0));
    let bad = serde_json::from_str::<Dual<f64, 1>>(r#"{"value":"infinity","gradient":[0]}"#);
    assert!(bad.unwrap_err().to_string().contains("invalid value"));
}

/// An unknown field of `Dual` names the fields `Dual` has.
#[test]
fn unknown_field_of_dual_lists_its_own_fields() {
    let error = serde_json::from_str::<Dual<f64, 1>>(r#"{"value":1.0,"slope":[1.0]}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("unknown field `slope`"), "{error}");
    assert!(error.contains("`value` or `gradient`"), "{error}");
    assert!(!error.contains("hessian"), "{error}");
}

/// A `HyperDual<f64, 64>` (33 KiB) deserializes on a small stack: the parts
/// are written in place, not copied through every layer of serde.
#[test]
fn large_hyperdual_deserializes_on_a_small_stack() {
    let x = HyperDual::<f64, 64>::variable(1.5, 3);
    let f = (x * x).sin();
    let text = serde_json::to_string(&f).unwrap();
    let size = std::mem::size_of::<HyperDual<f64, 64>>();
    // Release (measured): 192 KiB suffice, 128 KiB do not; six times the
    // number is the bound held here. Unoptimized builds keep a copy per
    // call frame: 1 MiB suffices, 512 KiB does not.
    let stack = if cfg!(debug_assertions) {
        (1 << 20) + 4 * size
    } else {
        6 * size
    };
    let back = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let back: HyperDual<f64, 64> = serde_json::from_str(&text).unwrap();
            (back.value(), back.gradient()[3], back.hessian()[(3, 3)])
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(back, (f.value(), f.gradient()[3], f.hessian()[(3, 3)]));
}
