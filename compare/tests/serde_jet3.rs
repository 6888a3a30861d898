//! `Jet3` through serde_json: every part round-trips (non-finite ones by
//! name), the arrays are packed, and wrong lengths are errors.

use monodual::Jet3;

#[test]
fn jet3_round_trips_with_every_part() {
    let x = Jet3::<f64, 3>::variable(0.7, 0);
    let y = Jet3::<f64, 3>::variable(-1.3, 2);
    let z = (x * y).sin() + x.exp() * y * y;
    let text = serde_json::to_string(&z).unwrap();
    let back: Jet3<f64, 3> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.value().to_bits(), z.value().to_bits());
    assert_eq!(back.gradient(), z.gradient());
    assert_eq!(back.hessian(), z.hessian());
    assert_eq!(back.third(), z.third());
    // packed: 6 Hessian entries and 10 third derivatives for N = 3
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["hessian"].as_array().unwrap().len(), 6);
    assert_eq!(json["third"].as_array().unwrap().len(), 10);
}

#[test]
fn jet3_non_finite_parts_by_name() {
    let s = Jet3::<f64, 1>::variable(0.0, 0).sqrt(); // 0, +∞, −∞, +∞
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(
        text,
        r#"{"value":0.0,"gradient":["inf"],"hessian":["-inf"],"third":["inf"]}"#
    );
    let back: Jet3<f64, 1> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.third()[0][(0, 0)], f64::INFINITY);
}

#[test]
fn jet3_wrong_lengths_and_fields_are_errors() {
    let short = r#"{"value":1.0,"gradient":[1.0],"hessian":[0.0],"third":[]}"#;
    assert!(serde_json::from_str::<Jet3<f64, 1>>(short).is_err());
    let missing = r#"{"value":1.0,"gradient":[1.0],"hessian":[0.0]}"#;
    let error = serde_json::from_str::<Jet3<f64, 1>>(missing).unwrap_err();
    assert!(error.to_string().contains("third"), "{error}");
    let unknown = r#"{"value":1.0,"slope":[1.0]}"#;
    assert!(serde_json::from_str::<Jet3<f64, 1>>(unknown).is_err());
}
