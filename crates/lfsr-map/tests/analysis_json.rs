//! The serde form of `Analysis` (feature `serde`), with a serializer that has no
//! `arbitrary_precision`: integers exact as JSON numbers up to `u128`, decimal strings beyond
//! (as `lfsr_map::serde_big` documents), null orders for singular LFSRs, polynomials as
//! SageMath strings, the listing only in full mode.
//!
//! The assertions read the serialized text, not a parsed `Value`: parsing would round numbers
//! beyond `u64` to floats unless `arbitrary_precision` is on, and they must hold either way.

use gf_core::Field;
use lfsr_map::analysis::{analyze, Method, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use lfsr_map::serde_big;
use num_bigint::BigUint;
use serde::Serialize;
use serde_json::Value;
use worker_pool::Sequential;

fn algebraic(q: u64, coeffs: Vec<u64>) -> String {
    let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap();
    let opts = Options {
        method: Method::Algebraic,
        ..Options::default()
    };
    let a = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap();
    serde_json::to_string(&a).unwrap()
}

#[derive(Serialize)]
struct Big(#[serde(serialize_with = "serde_big::big")] BigUint);

#[test]
fn big_is_a_number_up_to_u128_and_a_decimal_string_beyond() {
    let two = BigUint::from(2u32);
    let max64 = two.pow(64) - 1u32;
    let max128 = two.pow(128) - 1u32;
    for (n, quoted) in [
        (BigUint::from(0u32), false),
        (max64.clone(), false),
        (max64 + 1u32, false),
        (max128.clone(), false),
        (max128 + 1u32, true),
        (two.pow(200), true),
    ] {
        // the digits come from BigUint's own decimal form, checked against u128 below
        let digits = n.to_string();
        let want = if quoted {
            format!("\"{digits}\"")
        } else {
            digits
        };
        assert_eq!(serde_json::to_string(&Big(n)).unwrap(), want);
    }
    assert_eq!(
        serde_json::to_string(&Big(BigUint::from(u128::MAX))).unwrap(),
        u128::MAX.to_string()
    );
}

#[test]
fn degree_130_counts_beyond_u128_are_exact_strings() {
    // x^130: nilpotent, 2^130 states, 2^130 - 1 transients, 2^129 of them with tail 130
    let text = algebraic(2, vec![0; 130]);
    let two = BigUint::from(2u32);
    let field = |key: &str, value: String| format!("\"{key}\":\"{value}\"");
    assert!(text.contains(&field("state_count", two.pow(130).to_string())));
    assert!(text.contains(&field(
        "transient_states",
        (two.pow(130) - 1u32).to_string()
    )));
    let last_tail = format!("{{\"tail\":130,\"count\":\"{}\"}}]", two.pow(129));
    assert!(text.contains(&last_tail), "{last_tail}");
    // 1361129467683753853853498429727072845824 = 2^130, by hand
    assert!(text.contains("\"state_count\":\"1361129467683753853853498429727072845824\""));
    // the rest parses as ordinary JSON
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["polynomial_order"], Value::Null);
    assert!(
        v.get("matrix_order").is_none(),
        "one order field in the library"
    );
    assert_eq!(v["factors"][0]["polynomial"], "x");
    assert_eq!(v["factors"][0]["order"], Value::Null);
    assert_eq!(v["singular"], true);
}

#[test]
fn degree_127_orders_are_exact_u128_numbers() {
    let mut c = vec![0; 127];
    c[0] = 1;
    c[1] = 1;
    let text = algebraic(2, c);
    // 2^127 - 1 (a Mersenne prime)
    let m127 = "170141183460469231731687303715884105727";
    assert!(text.contains("\"characteristic_polynomial\":\"x^127 + x + 1\""));
    assert!(text.contains(&format!("\"polynomial_order\":{m127},")));
    let factor = format!(
        "\"factors\":[{{\"polynomial\":\"x^127 + x + 1\",\"multiplicity\":1,\"order\":{m127}}}]"
    );
    assert!(text.contains(&factor), "{factor}");
    let cycles =
        format!("\"cycles\":[{{\"period\":1,\"count\":1}},{{\"period\":{m127},\"count\":1}}]");
    assert!(text.contains(&cycles), "{cycles}");
    assert!(text.contains("\"primitive\":true"));
    assert!(text.contains("\"method\":\"algebraic\""));
    assert!(!text.contains("sequences") && !text.contains("transients"));
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
