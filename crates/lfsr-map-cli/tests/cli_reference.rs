//! Every known answer of the reference tables (lfsr-conventions.md sections 6 and 6b),
//! through the binary's JSON report. Expected values come from the shared known answers of
//! `reference/mod.rs` (the data files of `tests/data/`: the document, OEIS) and from theory,
//! never from lfsr-map.

mod cli_support;
#[path = "../../lfsr-map/tests/reference/mod.rs"]
mod reference;

use std::collections::BTreeMap;

use cli_support::{cycles, example, int, json, ok};
use reference::Row;
use serde_json::Value;

/// `tails` as (tail length, count) pairs.
fn tails(a: &Value) -> Vec<(u64, u64)> {
    a["tails"]
        .as_array()
        .expect("tails is a list")
        .iter()
        .map(|t| (t["tail"].as_u64().unwrap(), t["count"].as_u64().unwrap()))
        .collect()
}

fn check_row(index: usize, row: &Row, a: &Value) {
    let q = row.q;
    let ctx = format!("GF({q}) {:?}", row.coeffs);
    let d = row.degree();
    assert_eq!(a["index"], index + 1, "{ctx}");
    let coeffs: Vec<u64> = serde_json::from_value(a["coefficients"].clone()).unwrap();
    assert_eq!(coeffs, row.coeffs, "{ctx}");
    assert_eq!(a["degree"], d, "{ctx}");
    assert_eq!(a["characteristic_polynomial"], row.char_poly, "{ctx}");
    assert_eq!(cycles(a), row.cycles, "{ctx}");
    let periods_sum: u64 = row.cycles.iter().map(|&(p, n)| p * n).sum();
    let max = row.max_period();
    assert_eq!(a["cycle_count"], row.cycle_count(), "{ctx}");
    assert_eq!(a["periods_sum"], periods_sum, "{ctx}");
    assert_eq!(a["max_period"], max, "{ctx}");
    assert_eq!(a["state_count"], q.pow(d), "{ctx}: state_count is q^d");
    assert_eq!(a["transient_states"], row.transient_states(), "{ctx}");
    assert_eq!(a["max_tail"], row.max_tail(), "{ctx}");
    assert_eq!(tails(a), row.tails, "{ctx}");
    assert_eq!(
        periods_sum + row.transient_states(),
        q.pow(d),
        "{ctx}: table is consistent"
    );
    let is_singular = row.coeffs[0] == 0;
    assert_eq!(a["singular"], is_singular, "{ctx}");
    assert_eq!(a["irreducible"], row.irreducible(), "{ctx}");
    assert_eq!(a["primitive"], row.primitive(), "{ctx}");
    if is_singular {
        assert!(a["matrix_order"].is_null(), "{ctx}");
        assert!(a["polynomial_order"].is_null(), "{ctx}");
    } else {
        // For invertible C: order of C = order of f = the largest cycle length.
        assert_eq!(a["matrix_order"], max, "{ctx}");
        assert_eq!(a["polynomial_order"], max, "{ctx}");
    }
    if row.primitive() {
        assert_eq!(max, q.pow(d) - 1, "{ctx}");
    }
    check_factors(&ctx, row, a);
}

/// The factors as the table names them (`x^13 + ...`: only the leading term is named), and
/// their degrees times multiplicities add up to d.
fn check_factors(ctx: &str, row: &Row, a: &Value) {
    let factors = a["factors"].as_array().unwrap();
    assert_eq!(factors.len(), row.factors.len(), "{ctx}: {}", a["factors"]);
    let mut factor_degree = 0;
    for (f, &(name, e)) in factors.iter().zip(&row.factors) {
        let p = f["polynomial"].as_str().unwrap();
        let named = name
            .strip_suffix("...")
            .map_or(p == name, |lead| p.starts_with(lead));
        assert!(
            named && f["multiplicity"] == e,
            "{ctx}: {f}, table: {name} ^ {e}"
        );
        let deg = match p.strip_prefix("x^") {
            Some(rest) => rest.split(' ').next().unwrap().parse::<u64>().unwrap(),
            None => 1,
        };
        factor_degree += deg * f["multiplicity"].as_u64().unwrap();
    }
    assert_eq!(
        factor_degree,
        u64::from(row.degree()),
        "{ctx}: {}",
        a["factors"]
    );
}

/// Runs `analyze examples/reference-gfQ.csv --field q EXTRA`; the file's rows are the table's
/// rows over GF(q), in the document's order.
fn check_file(q: u64, extra: &[&str]) {
    let rows: Vec<Row> = reference::all().into_iter().filter(|r| r.q == q).collect();
    let file = format!("reference-gf{q}.csv");
    let path = example(&file);
    let qs = q.to_string();
    let mut args = vec!["analyze", path.as_str(), "--field", qs.as_str()];
    args.extend_from_slice(extra);
    let doc = json(&args);
    assert_eq!(doc["tool"], "lfsr-map");
    assert_eq!(doc["field"], q);
    let analyses = doc["analyses"].as_array().unwrap();
    assert_eq!(analyses.len(), rows.len(), "{file}");
    for (i, (row, a)) in rows.iter().zip(analyses).enumerate() {
        check_row(i, row, a);
    }
}

#[test]
fn gf2_known_answers_every_method() {
    check_file(2, &["--period-only"]);
    check_file(2, &["--period-only", "--method", "enumerate"]);
    check_file(2, &["--period-only", "--method", "algebraic"]);
}

#[test]
fn gf2_known_answers_full_mode() {
    check_file(2, &[]);
}

#[test]
fn odd_prime_fields_known_answers() {
    for extra in [&[][..], &["--period-only", "--method", "algebraic"][..]] {
        check_file(3, extra);
        check_file(5, extra);
        check_file(7, extra);
    }
}

#[test]
fn gf4_known_answers_and_conway_modulus() {
    for extra in [&[][..], &["--period-only", "--method", "enumerate"][..]] {
        check_file(4, extra);
    }
    let doc = json(&["analyze", &example("reference-gf4.csv"), "--field", "4"]);
    assert_eq!(doc["field_modulus"], "x^2 + x + 1");
}

#[test]
fn field_modulus_is_the_conway_polynomial() {
    // Conway polynomials (reference section 4); prime fields: x - g, g the least primitive root.
    for (q, modulus) in [
        (2, "x + 1"),
        (3, "x + 1"),
        (5, "x + 3"),
        (7, "x + 4"),
        (8, "x^3 + x + 1"),
        (9, "x^2 + 2*x + 2"),
        (16, "x^4 + x + 1"),
        (25, "x^2 + 4*x + 2"),
        (27, "x^3 + 2*x + 1"),
    ] {
        let doc = json(&["poly", "x^2+1", "--field", &q.to_string()]);
        assert_eq!(doc["field_modulus"], modulus, "GF({q})");
    }
}

fn states(seq: &Value) -> Vec<Vec<u64>> {
    serde_json::from_value(seq["states"].clone()).unwrap()
}

#[test]
fn exact_cycles_in_sequential_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycles.csv");
    std::fs::write(&file, "1,1\n1,1,0\n1,1,0,1\n").unwrap();
    let doc = json(&["analyze", file.to_str().unwrap(), "--field", "2"]);
    let a = &doc["analyses"];
    let seqs = |i: usize| a[i]["sequences"].as_array().unwrap().clone();

    let s = seqs(0);
    assert_eq!(states(&s[0]), vec![vec![0, 0]]);
    assert_eq!(states(&s[1]), vec![vec![1, 0], vec![0, 1], vec![1, 1]]);

    let s = seqs(1);
    assert_eq!(s.len(), 2);
    assert_eq!(states(&s[0]), vec![vec![0, 0, 0]]);
    assert_eq!(
        states(&s[1]),
        vec![
            vec![1, 0, 0],
            vec![0, 0, 1],
            vec![0, 1, 0],
            vec![1, 0, 1],
            vec![0, 1, 1],
            vec![1, 1, 1],
            vec![1, 1, 0]
        ]
    );

    let s = seqs(2);
    let periods: Vec<u64> = s.iter().map(|q| q["period"].as_u64().unwrap()).collect();
    assert_eq!(periods, vec![1, 6, 3, 2, 3, 1]);
    let numbers: Vec<u64> = s.iter().map(|q| q["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6]);
    let expected: Vec<Vec<Vec<u64>>> = vec![
        vec![vec![0, 0, 0, 0]],
        vec![
            vec![1, 0, 0, 0],
            vec![0, 0, 0, 1],
            vec![0, 0, 1, 1],
            vec![0, 1, 1, 1],
            vec![1, 1, 1, 0],
            vec![1, 1, 0, 0],
        ],
        vec![vec![0, 1, 0, 0], vec![1, 0, 0, 1], vec![0, 0, 1, 0]],
        vec![vec![1, 0, 1, 0], vec![0, 1, 0, 1]],
        vec![vec![0, 1, 1, 0], vec![1, 1, 0, 1], vec![1, 0, 1, 1]],
        vec![vec![1, 1, 1, 1]],
    ];
    let got: Vec<Vec<Vec<u64>>> = s.iter().map(states).collect();
    assert_eq!(got, expected);
}

#[test]
fn exact_cycle_over_gf3() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gf3.csv");
    std::fs::write(&file, "1,2\n").unwrap();
    let doc = json(&["analyze", file.to_str().unwrap(), "--field", "3"]);
    let s = doc["analyses"][0]["sequences"].as_array().unwrap().clone();
    assert_eq!(s.len(), 2);
    assert_eq!(
        states(&s[1]),
        vec![
            vec![1, 0],
            vec![0, 1],
            vec![1, 2],
            vec![2, 2],
            vec![2, 0],
            vec![0, 2],
            vec![2, 1],
            vec![1, 1]
        ]
    );
}

#[test]
fn singular_transients_and_tails() {
    let row = reference::find(2, &[0, 0, 0, 0]);
    let doc = json(&["analyze", &example("reference-gf2.csv"), "--field", "2"]);
    let nilpotent = doc["analyses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["coefficients"] == serde_json::json!(row.coeffs))
        .unwrap()
        .clone();
    assert_eq!(tails(&nilpotent), row.tails);
    let transients = nilpotent["transients"].as_array().unwrap();
    assert_eq!(transients.len() as u64, row.transient_states());
    // (0,0,0,1) is 4 steps from the zero state: x^4 kills it only at the 4th step.
    let far = transients
        .iter()
        .find(|t| t["state"] == serde_json::json!([0, 0, 0, 1]))
        .unwrap();
    assert_eq!(far["tail"], 4);
    assert_eq!(far["sequence"], 1);
}

#[test]
fn exact_integers_beyond_u64() {
    // x^127 + x + 1 is primitive (reference 6b): one cycle of 2^127 - 1 states.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    let mut row = vec!["0"; 127];
    row[0] = "1";
    row[1] = "1";
    std::fs::write(&file, row.join(",")).unwrap();
    let doc = json(&[
        "analyze",
        file.to_str().unwrap(),
        "--field",
        "2",
        "--period-only",
    ]);
    let a = &doc["analyses"][0];
    let two127 = "170141183460469231731687303715884105728";
    let two127m1 = "170141183460469231731687303715884105727";
    assert_eq!(int(&a["state_count"]), two127);
    assert_eq!(int(&a["max_period"]), two127m1);
    assert_eq!(int(&a["matrix_order"]), two127m1);
    assert_eq!(a["primitive"], true);
    assert_eq!(a["method"], "algebraic");
    assert_eq!(a["cycles"][0], serde_json::json!({"period": 1, "count": 1}));
    assert_eq!(int(&a["cycles"][1]["period"]), two127m1);
    assert_eq!(a["cycles"][1]["count"], 1);
}

#[test]
fn exact_integers_beyond_u128_are_json_numbers() {
    // Degree 130 over GF(2): q^d = 2^130 states (theory), beyond u128. The CLI writes it as a
    // bare JSON number (the library's own serde form would write a string).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    let mut row = vec!["0"; 130];
    row[0] = "1";
    row[3] = "1"; // x^130 + x^3 + 1
    std::fs::write(&file, row.join(",")).unwrap();
    let text = ok(&[
        "analyze",
        file.to_str().unwrap(),
        "--field",
        "2",
        "--period-only",
        "--format",
        "json",
        "-q",
    ]);
    let two130 = "1361129467683753853853498429727072845824"; // python3 -c 'print(2**130)'
    assert!(
        text.contains(&format!("\"state_count\":{two130},")),
        "2^130 as a bare JSON number in: {}",
        &text[..text.len().min(400)]
    );
}

#[test]
fn sixteen_bit_primitive_example() {
    let doc = json(&[
        "analyze",
        &example("primitive16.csv"),
        "--field",
        "2",
        "--period-only",
    ]);
    let a = &doc["analyses"][0];
    assert_eq!(a["characteristic_polynomial"], "x^16 + x^5 + x^3 + x^2 + 1");
    assert_eq!(cycles(a), vec![(1, 1), (65535, 1)]);
}

#[test]
fn census_counts_primitive_and_irreducible_polynomials() {
    // Primitive polynomials of degree n over GF(2), n = 1..12 (OEIS A011260); monic
    // irreducible ones with nonzero constant term (OEIS A001037, minus x for n = 1).
    let primitive: BTreeMap<u64, u64> = reference::oeis("A011260").into_iter().collect();
    let irreducible: BTreeMap<u64, u64> = reference::oeis("A001037").into_iter().collect();
    for n in 1..=12 {
        let (primitive, irreducible) = (primitive[&n], irreducible[&n] - u64::from(n == 1));
        let doc = json(&[
            "census",
            "--degree",
            &n.to_string(),
            "--field",
            "2",
            "--method",
            "algebraic",
        ]);
        let s = &doc["census"];
        assert_eq!(s["lfsrs"], 1u64 << (n - 1), "degree {n}");
        assert_eq!(s["primitive"], primitive, "degree {n}");
        assert_eq!(s["irreducible"], irreducible, "degree {n}");
        // Primitive ones are exactly those of max period 2^n - 1.
        let at_max = s["max_periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["max_period"] == (1u64 << n) - 1)
            .map_or(0, |m| m["count"].as_u64().unwrap());
        assert_eq!(at_max, primitive, "degree {n}");
    }
    // Over GF(3), n = 1..7 (OEIS A027385).
    for (n, expected) in reference::oeis("A027385").into_iter().take(7) {
        let doc = json(&[
            "census",
            "--degree",
            &n.to_string(),
            "--field",
            "3",
            "--method",
            "algebraic",
        ]);
        assert_eq!(doc["census"]["primitive"], expected, "GF(3) degree {n}");
    }
}

#[test]
fn census_with_singular_lfsrs() {
    let doc = json(&[
        "census",
        "--degree",
        "3",
        "--field",
        "2",
        "--include-singular",
    ]);
    let s = &doc["census"];
    assert_eq!(s["lfsrs"], 8);
    assert_eq!(s["singular"], 4);
    assert_eq!(doc["analyses"].as_array().unwrap().len(), 8);
    let total: u64 = s["max_periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 8);
}

#[test]
fn poly_orders_of_trinomials() {
    // Order of x^n + x + 1 over GF(2), n = 2..12 (OEIS A046932); primitive for n in
    // {2, 3, 4, 6, 7} among these (OEIS A073639).
    let primitive: Vec<u64> = reference::oeis("A073639").iter().map(|&(_, n)| n).collect();
    for (n, order) in reference::oeis("A046932")
        .into_iter()
        .filter(|&(n, _)| n >= 2)
    {
        let doc = json(&["poly", &format!("x^{n}+x+1"), "--field", "2"]);
        let p = &doc["polynomial"];
        assert_eq!(p["order"], order, "n = {n}");
        assert_eq!(p["primitive"], primitive.contains(&n), "n = {n}");
        assert_eq!(p["degree"], n);
    }
}

#[test]
fn poly_primitive_and_not() {
    // x^n + x + 1 for the n of OEIS A073639 beyond poly_orders_of_trinomials' n <= 12, and
    // the named polynomials of section 6b.
    let named = reference::named_gf2();
    let trinomials = reference::oeis("A073639")
        .into_iter()
        .filter(|&(_, n)| n > 12);
    let mut primitive: Vec<String> = trinomials.map(|(_, n)| format!("x^{n}+x+1")).collect();
    let compact = |poly: &str| poly.replace(' ', "");
    primitive.extend(
        named
            .iter()
            .filter(|p| p.primitive)
            .map(|p| compact(p.poly)),
    );
    primitive.sort_unstable();
    primitive.dedup(); // x^127 + x + 1 is both
    for f in &primitive {
        let doc = json(&["poly", f, "--field", "2"]);
        assert_eq!(doc["polynomial"]["primitive"], true, "{f}");
        assert_eq!(doc["polynomial"]["irreducible"], true, "{f}");
    }
    for f in named
        .iter()
        .filter(|p| !p.primitive)
        .map(|p| compact(p.poly))
    {
        let doc = json(&["poly", &f, "--field", "2"]);
        assert_eq!(doc["polynomial"]["primitive"], false, "{f}");
    }
}

/// (q, coefficients of a table row, orders of its factors).
type FactorOrders = (u64, &'static [u64], &'static [Option<u64>]);

/// Orders of the irreducible factors of some table rows, in the row's factor order. The
/// document does not list them; they follow from section 5: x + 1 over GF(2) and
/// x + 2 = x - 1 over GF(3) have order 1, x^2 + x + 1 over GF(2) divides x^3 - 1 (order 3),
/// x^2 + 1 over GF(3) divides x^4 - 1 but not x^2 - 1 (order 4); x has none.
const FACTOR_ORDERS: &[FactorOrders] = &[
    (2, &[1, 1, 0, 1], &[Some(1), Some(3)]),
    (2, &[0, 1, 1], &[None, Some(3)]),
    (3, &[1, 2, 1], &[Some(1), Some(4)]),
];

#[test]
fn poly_factorization_with_orders() {
    for &(q, coeffs, orders) in FACTOR_ORDERS {
        let row = reference::find(q, coeffs);
        let input = row.char_poly.replace(' ', "");
        let doc = json(&["poly", &input, "--field", &q.to_string()]);
        let p = &doc["polynomial"];
        assert_eq!(p["polynomial"], row.char_poly, "{input}");
        assert_eq!(p["irreducible"], row.irreducible(), "{input}");
        let want: Vec<Value> = row
            .factors
            .iter()
            .zip(orders)
            .map(|(&(g, e), o)| serde_json::json!({"polynomial": g, "multiplicity": e, "order": o}))
            .collect();
        assert_eq!(p["factors"], Value::Array(want), "{input}");
        // The order of f is the largest cycle length; infinite (null) when x divides f.
        if row.x_multiplicity() > 0 {
            assert!(p["order"].is_null(), "{input}");
        } else {
            assert_eq!(p["order"], row.max_period(), "{input}");
        }
    }
}

/// Brute force over a prime field GF(p), polynomials as coefficient vectors (lowest first).
mod brute {
    /// `a mod f`, `f` monic.
    fn rem(mut a: Vec<u64>, f: &[u64], p: u64) -> Vec<u64> {
        let d = f.len() - 1;
        while a.len() > d {
            let top = a.pop().unwrap_or(0);
            let shift = a.len() - d;
            for (i, &c) in f[..d].iter().enumerate() {
                a[shift + i] = (a[shift + i] + (p - c) * top) % p;
            }
        }
        a
    }

    fn is_one(a: &[u64]) -> bool {
        a.first() == Some(&1) && a[1..].iter().all(|&c| c == 0)
    }

    /// The least k >= 1 with x^k = 1 mod f, or None when f(0) = 0.
    pub fn order(f: &[u64], p: u64) -> Option<u64> {
        if f[0] == 0 {
            return None;
        }
        let mut power = rem(vec![0, 1], f, p);
        let mut k = 1;
        while !is_one(&power) {
            power.insert(0, 0); // times x
            power = rem(power, f, p);
            k += 1;
        }
        Some(k)
    }

    /// No monic factor of degree 1..=deg/2 divides f.
    pub fn irreducible(f: &[u64], p: u64) -> bool {
        let d = f.len() - 1;
        (1..=d / 2).all(|m| monic(m, p).all(|g| rem(f.to_vec(), &g, p).iter().any(|&c| c != 0)))
    }

    /// Every monic polynomial of degree d over GF(p).
    pub fn monic(d: usize, p: u64) -> impl Iterator<Item = Vec<u64>> {
        (0..p.pow(d as u32)).map(move |mut k| {
            let mut c: Vec<u64> = (0..d)
                .map(|_| {
                    let digit = k % p;
                    k /= p;
                    digit
                })
                .collect();
            c.push(1);
            c
        })
    }

    pub fn text(f: &[u64]) -> String {
        let terms: Vec<String> = f
            .iter()
            .enumerate()
            .rev()
            .filter(|&(_, &c)| c != 0)
            .map(|(i, &c)| format!("{c}*x^{i}"))
            .collect();
        terms.join(" + ")
    }
}

#[test]
fn poly_verdicts_equal_brute_force() {
    // Every monic polynomial of degree 1-5 over GF(2) and 1-3 over GF(3) and GF(5): order,
    // irreducibility and primitivity from `poly` against repeated multiplication by x and
    // trial division.
    for (p, max_degree) in [(2u64, 5usize), (3, 3), (5, 2)] {
        for d in 1..=max_degree {
            for f in brute::monic(d, p) {
                let text = brute::text(&f);
                let doc = json(&["poly", &text, "--field", &p.to_string()]);
                let got = &doc["polynomial"];
                let order = brute::order(&f, p);
                let irreducible = brute::irreducible(&f, p);
                let primitive = irreducible && order == Some(p.pow(d as u32) - 1);
                assert_eq!(got["order"], serde_json::json!(order), "GF({p}) {text}");
                assert_eq!(got["irreducible"], irreducible, "GF({p}) {text}");
                assert_eq!(got["primitive"], primitive, "GF({p}) {text}");
            }
        }
    }
}
