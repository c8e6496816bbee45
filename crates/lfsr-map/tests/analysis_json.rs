//! The serde form of `Analysis`: exact JSON integers at every size (beyond u64 and beyond
//! u128), null orders for singular LFSRs, polynomials as SageMath strings, the listing only
//! in full mode.

use gf_core::Field;
use lfsr_map::analysis::{analyze, ser_big, Method, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use serde::Serialize;
use serde_json::Value;
use worker_pool::Sequential;

fn algebraic(q: u64, coeffs: Vec<u64>) -> Value {
    let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap();
    let opts = Options {
        method: Method::Algebraic,
        ..Options::default()
    };
    let a = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap();
    serde_json::to_value(&a).unwrap()
}

/// The exact decimal text of a JSON number (with arbitrary_precision nothing is rounded).
fn digits(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => panic!("not a number: {other}"),
    }
}

#[derive(Serialize)]
struct Big(#[serde(serialize_with = "ser_big")] BigUint);

#[test]
fn ser_big_is_exact_at_every_size() {
    for text in [
        "0",
        "18446744073709551615",                    // u64::MAX
        "18446744073709551616",                    // 2^64
        "340282366920938463463374607431768211455", // u128::MAX
        "340282366920938463463374607431768211456", // 2^128
        "1606938044258990275541962092341162602522202993782792835301376", // 2^200
    ] {
        let n: BigUint = text.parse().unwrap();
        assert_eq!(serde_json::to_string(&Big(n)).unwrap(), text);
    }
}

#[test]
fn degree_130_counts_are_exact_numbers() {
    // x^130: nilpotent, 2^130 states, 2^130 - 1 transients, 2^129 of them with tail 130
    let v = algebraic(2, vec![0; 130]);
    let two = BigUint::from(2u32);
    assert_eq!(digits(&v["state_count"]), two.pow(130).to_string());
    assert_eq!(
        digits(&v["transient_states"]),
        (two.pow(130) - 1u32).to_string()
    );
    let last = &v["tails"][129];
    assert_eq!(last["tail"], 130);
    assert_eq!(digits(&last["count"]), two.pow(129).to_string());
    assert_eq!(v["polynomial_order"], Value::Null);
    assert_eq!(v["matrix_order"], Value::Null);
    assert_eq!(v["factors"][0]["polynomial"], "x");
    assert_eq!(v["factors"][0]["order"], Value::Null);
    assert_eq!(v["singular"], true);
    // the text itself holds the digits, not a float
    let text = serde_json::to_string(&v).unwrap();
    assert!(text.contains("\"state_count\":1361129467683753853853498429727072845824"));
}

#[test]
fn degree_127_primitive_report() {
    let mut c = vec![0; 127];
    c[0] = 1;
    c[1] = 1;
    let v = algebraic(2, c);
    let m127 = (BigUint::from(1u32) << 127u32) - 1u32;
    assert_eq!(v["characteristic_polynomial"], "x^127 + x + 1");
    assert_eq!(digits(&v["polynomial_order"]), m127.to_string());
    assert_eq!(digits(&v["factors"][0]["order"]), m127.to_string());
    assert_eq!(digits(&v["cycles"][1]["period"]), m127.to_string());
    assert_eq!(v["cycles"][1]["count"], 1);
    assert_eq!(v["primitive"], true);
    assert_eq!(v["method"], "algebraic");
    assert!(v.get("sequences").is_none() && v.get("transients").is_none());
}

#[test]
fn full_mode_lists_sequences_and_transients() {
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![0, 1, 1]).unwrap();
    let opts = Options {
        full: true,
        ..Options::default()
    };
    let a = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap();
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["method"], "enumerate");
    assert_eq!(v["sequences"][0]["number"], 1);
    assert_eq!(v["sequences"][0]["states"], serde_json::json!([0]));
    assert_eq!(v["transients"].as_array().unwrap().len(), 4);
    assert_eq!(v["state_count"], 8);
    assert_eq!(v["tails"], serde_json::json!([{"tail": 1, "count": 4}]));
}
