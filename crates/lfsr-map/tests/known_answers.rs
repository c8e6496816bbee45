//! Every known answer of reference sections 6 and 6b through the library: characteristic
//! polynomial, factorization, factor orders (checked against brute force), polynomial order,
//! primitivity, cycles, max period, period sum, transients and tails, by all three methods;
//! the exact cycle listings of section 6; the orders and primitive polynomials of 6b.

mod algebra_support;
mod reference;

use std::collections::BTreeMap;

use algebra_support::SmallField;
use gf_core::Field;
use lfsr_map::analysis::{analyze, Analysis, Method, MethodUsed, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use num_traits::One;
use reference::{zeros_after, Row};
use worker_pool::Sequential;

fn run(lfsr: &Lfsr, method: Method, full: bool) -> Analysis {
    let opts = Options {
        method,
        full,
        ..Options::default()
    };
    analyze(lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap()
}

fn small_cycles(a: &Analysis) -> BTreeMap<u64, u64> {
    a.cycles
        .iter()
        .map(|c| {
            let period = u64::try_from(&c.period).unwrap();
            (period, u64::try_from(&c.count).unwrap())
        })
        .collect()
}

fn check(row: &Row) {
    let what = format!("q = {}, {:?}", row.q, row.coeffs);
    let field = Field::new(row.q).unwrap();
    let lfsr = Lfsr::new(&field, row.coeffs.clone()).unwrap();
    let a = run(&lfsr, Method::Algebraic, false);
    assert_eq!(a.method, MethodUsed::Algebraic);
    assert_eq!(
        a.characteristic_polynomial.to_string(),
        row.char_poly,
        "{what}"
    );
    assert_eq!((a.field, a.degree), (row.q, row.coeffs.len()), "{what}");
    assert_eq!(a.coefficients, row.coeffs, "{what}");

    // factors: as the table names them, orders as brute force finds them
    let brute = SmallField::new(row.q);
    let f = brute.charpoly(&row.coeffs);
    let brute_factors = brute.factor(&f);
    assert_eq!(a.factors.len(), brute_factors.len(), "{what}");
    assert_eq!(a.factors.len(), row.factors.len(), "factors of {what}");
    for (got, &(name, e)) in a.factors.iter().zip(&row.factors) {
        // `x^13 + ...`: the table gives only the leading term
        let got_name = got.polynomial.to_string();
        let named = name
            .strip_suffix("...")
            .map_or(got_name == name, |lead| got_name.starts_with(lead));
        assert!(
            named && got.multiplicity == e,
            "factor {} ^ {} of {what}, table: {name} ^ {e}",
            got.polynomial,
            got.multiplicity
        );
    }
    let mut want_orders: Vec<Option<u64>> = brute_factors
        .iter()
        .map(|(g, _)| (g != &[0, 1]).then(|| brute.order(g)))
        .collect();
    let mut got_orders: Vec<Option<u64>> = a
        .factors
        .iter()
        .map(|fi| fi.order.as_ref().map(|o| u64::try_from(o).unwrap()))
        .collect();
    want_orders.sort_unstable();
    got_orders.sort_unstable();
    assert_eq!(got_orders, want_orders, "factor orders of {what}");

    assert_eq!(small_cycles(&a), row.cycle_map(), "cycles of {what}");
    let max = row.max_period();
    assert_eq!(a.max_period, BigUint::from(max), "{what}");
    assert_eq!(a.cycle_count, BigUint::from(row.cycle_count()), "{what}");
    let e0 = a
        .factors
        .iter()
        .find(|f| f.polynomial.to_string() == "x")
        .map_or(0, |f| f.multiplicity);
    assert_eq!(e0, row.x_multiplicity(), "multiplicity of x in {what}");
    let q = BigUint::from(row.q);
    let d = row.degree();
    assert_eq!(a.state_count, q.pow(d), "{what}");
    assert_eq!(a.periods_sum, q.pow(d - e0), "{what}");
    assert_eq!(
        &a.periods_sum + &a.transient_states,
        a.state_count,
        "{what}"
    );
    assert_eq!(a.max_tail, u64::from(e0), "{what}");
    let tails: Vec<(u64, u64)> = a
        .tails
        .iter()
        .map(|t| (t.tail, u64::try_from(&t.count).unwrap()))
        .collect();
    assert_eq!(tails, row.tails, "tails of {what}");

    let singular = row.coeffs[0] == 0;
    assert_eq!(a.singular, singular, "{what}");
    let order = (!singular).then(|| BigUint::from(max));
    assert_eq!(a.polynomial_order, order, "{what}");
    // the matrix order computed on the matrix itself (gf-core), not from the polynomial
    let matrix = lfsr.state_update_matrix();
    assert_eq!(
        matrix.order().unwrap().finite().cloned(),
        order,
        "matrix of {what}"
    );
    assert_eq!(matrix.charpoly().to_string(), row.char_poly, "{what}");
    assert_eq!(a.primitive, row.primitive(), "primitive: {what}");
    let irreducible = a.factors.len() == 1 && a.factors[0].multiplicity == 1;
    assert_eq!(a.irreducible, irreducible, "{what}");
    assert_eq!(
        gf_core::order::is_primitive(&lfsr.characteristic_polynomial()).unwrap(),
        row.primitive(),
        "gf-core on {what}"
    );

    // Enumeration (period-only and full) reports the same, and lists every state once.
    let e = run(&lfsr, Method::Enumerate, false);
    assert_eq!(e.method, MethodUsed::Enumerate);
    assert_eq!(
        Analysis {
            method: MethodUsed::Algebraic,
            ..e
        },
        a,
        "{what}"
    );
    let full = run(&lfsr, Method::Auto, true);
    assert_eq!(full.method, MethodUsed::Enumerate);
    let seqs = full.sequences.clone().unwrap();
    let mut seen: Vec<u64> = seqs.iter().flat_map(|s| s.states.clone()).collect();
    seen.extend(full.transients.iter().flatten().map(|t| t.state));
    seen.sort_unstable();
    assert_eq!(seen, (0..row.q.pow(d)).collect::<Vec<_>>(), "{what}");
    let stripped = Analysis {
        method: MethodUsed::Algebraic,
        sequences: None,
        transients: None,
        ..full
    };
    assert_eq!(stripped, a, "{what}");
}

#[test]
fn table_6_and_6b() {
    reference::all().iter().for_each(check);
}

#[test]
fn unnamed_factors_have_the_stated_degrees_and_orders() {
    let gf2 = Field::new(2).unwrap();
    let shape = |coeffs: Vec<u64>| -> Vec<(String, Option<u64>)> {
        let lfsr = Lfsr::new(&gf2, coeffs).unwrap();
        run(&lfsr, Method::Algebraic, false)
            .factors
            .into_iter()
            .map(|f| {
                (
                    f.polynomial.to_string(),
                    f.order.map(|o| u64::try_from(&o).unwrap()),
                )
            })
            .collect()
    };
    let f = shape(zeros_after(&[1, 0, 0, 1], 16)); // x^16 + x^3 + 1
    assert_eq!(f[0], ("x^3 + x^2 + 1".to_string(), Some(7)));
    assert!(f[1].0.starts_with("x^13 ") && f[1].1 == Some(8191), "{f:?}");
    assert_eq!(f.len(), 2);
    let f = shape(zeros_after(&[1, 1], 16)); // x^16 + x + 1
    assert!(f.iter().all(|(g, _)| g.starts_with("x^8 ")), "{f:?}");
    let mut orders: Vec<_> = f.iter().map(|(_, o)| o.unwrap()).collect();
    orders.sort_unstable();
    assert_eq!(orders, [85, 255]);
}

#[test]
fn exact_cycles_in_sequential_order() {
    let listing = |q: u64, coeffs: Vec<u64>| -> Vec<Vec<u64>> {
        let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap();
        let a = run(&lfsr, Method::Auto, true);
        let seqs = a.sequences.unwrap();
        for (i, s) in seqs.iter().enumerate() {
            assert_eq!(s.number, i as u64 + 1);
            assert_eq!(s.period, s.states.len() as u64);
        }
        seqs.into_iter().map(|s| s.states).collect()
    };
    for (q, coeffs) in [
        (2, vec![1, 1]),
        (2, vec![1, 1, 0]),
        (2, vec![1, 1, 0, 1]),
        (3, vec![1, 2]),
    ] {
        let want: Vec<Vec<u64>> = reference::exact_cycles(q, &coeffs)
            .iter()
            .map(|c| c.iter().map(|s| reference::state_index(q, s)).collect())
            .collect();
        assert_eq!(listing(q, coeffs.clone()), want, "q = {q}, {coeffs:?}");
    }
}

#[test]
fn singular_transients_fall_into_their_cycles() {
    // [0,1,1]/GF(2): 4 transients of tail 1; each lands where one step takes it.
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![0, 1, 1]).unwrap();
    let a = run(&lfsr, Method::Auto, true);
    let seqs = a.sequences.unwrap();
    let transients = a.transients.unwrap();
    assert_eq!(transients.len(), 4);
    for t in &transients {
        assert_eq!(t.tail, 1);
        let next = lfsr.state_to_index(&lfsr.step(&lfsr.index_to_state(t.state)));
        let seq = &seqs[t.sequence as usize - 1];
        assert!(seq.states.contains(&next), "{t:?} -> {next}");
    }
}

/// Orders of x^n + x + 1 over GF(2), n = 2..=12 (OEIS A046932), without enumerating.
#[test]
fn orders_of_trinomials() {
    for (n, want) in reference::oeis("A046932")
        .into_iter()
        .filter(|&(n, _)| n >= 2)
    {
        let coeffs = zeros_after(&[1, 1], n as usize);
        let lfsr = Lfsr::new(&Field::new(2).unwrap(), coeffs).unwrap();
        let a = run(&lfsr, Method::Algebraic, false);
        assert_eq!(a.polynomial_order, Some(BigUint::from(want)), "n = {n}");
    }
}

fn gf2_lfsr(degree: usize, terms: &[usize]) -> Lfsr {
    let mut c = vec![0; degree];
    terms.iter().for_each(|&t| c[t] = 1);
    Lfsr::new(&Field::new(2).unwrap(), c).unwrap()
}

/// Primitive (and one non-primitive) polynomials of section 6b, far beyond enumeration.
#[test]
fn named_primitive_polynomials() {
    for named in reference::named_gf2() {
        let d = named.degree() as usize;
        let terms: Vec<usize> = named.exponents[1..].iter().map(|&e| e as usize).collect();
        let a = run(&gf2_lfsr(d, &terms), Method::Auto, false);
        assert_eq!(a.method, MethodUsed::Algebraic);
        assert_eq!(
            a.primitive, named.primitive,
            "{} ({})",
            named.poly, named.name
        );
        let full = (BigUint::one() << d) - 1u32;
        if named.primitive {
            assert!(a.irreducible);
            let want = BTreeMap::from([
                (BigUint::one(), BigUint::one()),
                (full.clone(), BigUint::one()),
            ]);
            let got: BTreeMap<_, _> = a
                .cycles
                .iter()
                .map(|c| (c.period.clone(), c.count.clone()))
                .collect();
            assert_eq!(got, want);
            assert_eq!(a.polynomial_order, Some(full));
        } else {
            assert_ne!(a.polynomial_order, Some(full));
        }
    }
}
