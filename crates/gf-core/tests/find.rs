//! `gf_core::find` against galois' lists (tests/data/galois_find.txt, made by
//! tests/data/galois_find.py with galois 0.4.11), against the counts phi(q^d - 1)/d and the
//! Moebius formula, and its random samples against a brute-force order.

use std::collections::{BTreeMap, HashMap};

use gf_core::find::{FindError, Impossible, Property, Search};
use gf_core::{Field, Poly};

const GALOIS: &str = include_str!("data/galois_find.txt");

fn field(q: u64) -> Field {
    Field::new(q).unwrap()
}

type Key = (Property, u64, usize, Option<usize>);

/// (kind, q, d, terms) as the data file writes them.
type DataKey = (String, u64, usize, Option<usize>);

/// The lists of the data file, by (property, q, d, terms); `None` for galois' "none exists".
fn galois_lists() -> BTreeMap<DataKey, Option<Vec<String>>> {
    let mut lists: BTreeMap<_, Option<Vec<String>>> = BTreeMap::new();
    for line in GALOIS.lines().filter(|l| !l.starts_with('#')) {
        let mut w = line.splitn(5, ' ');
        let kind = w.next().unwrap().to_string();
        let q: u64 = w.next().unwrap().parse().unwrap();
        let d: usize = w.next().unwrap().parse().unwrap();
        let terms = match w.next().unwrap() {
            "-" => None,
            t => Some(t.parse().unwrap()),
        };
        let poly = w.next().unwrap().trim().to_string();
        let entry = lists.entry((kind, q, d, terms)).or_insert(Some(Vec::new()));
        if poly == "none" {
            *entry = None;
        } else if let Some(v) = entry {
            v.push(poly);
        }
    }
    lists
}

fn property(kind: &str) -> Property {
    match kind {
        "primitive" => Property::Primitive,
        "irreducible" => Property::Irreducible,
        k => panic!("unknown kind {k}"),
    }
}

fn search(key: Key) -> Result<Search, FindError> {
    let (p, q, d, terms) = key;
    let s = Search::new(&field(q), d, p)?;
    match terms {
        Some(t) => s.weight(t),
        None => Ok(s),
    }
}

/// galois lists up to 12 (the script's FIRST) of each; fewer means the list is complete.
const FIRST: usize = 12;

#[test]
fn the_first_polynomials_are_galois_ones_in_galois_order() {
    let lists = galois_lists();
    assert!(lists.len() > 100, "{} lists", lists.len());
    for ((kind, q, d, terms), want) in lists {
        let key = (property(&kind), q, d, terms);
        let gf = field(q);
        let Some(want) = want else {
            // galois: no such polynomial exists; lfsr-map must say so, by theorem or search.
            match search(key) {
                Err(FindError::Impossible(_)) => {}
                Ok(s) => assert!(s.ascending().next().is_none(), "{key:?}"),
                Err(e) => panic!("{key:?}: {e}"),
            }
            continue;
        };
        let want: Vec<Poly> = want
            .iter()
            .map(|s| Poly::parse(&gf, s).unwrap_or_else(|e| panic!("{s}: {e}")))
            .collect();
        let n = if want.len() == 1 { 1 } else { FIRST };
        let got: Vec<Poly> = search(key)
            .unwrap_or_else(|e| panic!("{key:?}: {e}"))
            .ascending()
            .take(n + 1)
            .map(|f| f.unwrap())
            .collect();
        let shown = |v: &[Poly]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        if want.len() < FIRST && n == FIRST {
            assert_eq!(shown(&got), shown(&want), "{key:?}: the whole list");
        } else {
            assert_eq!(shown(&got[..want.len()]), shown(&want), "{key:?}");
        }
    }
}

#[test]
fn the_fields_are_galois_fields() {
    // galois' default modulus is the Conway polynomial for extension fields and x - g (g the
    // least primitive root) for prime fields; lfsr-map's must be the same for the lists to
    // compare.
    let mut seen = 0;
    for line in GALOIS.lines() {
        let Some(rest) = line.strip_prefix("# field ") else {
            continue;
        };
        let (q, poly) = rest.split_once(": galois irreducible_poly = ").unwrap();
        let gf = field(q.parse().unwrap());
        let base = field(gf.p());
        let modulus = Poly::new(&base, gf.modulus().to_vec()).unwrap();
        assert_eq!(Poly::parse(&base, poly).unwrap(), modulus, "GF({q})");
        seen += 1;
    }
    assert!(seen >= 9);
}

/// Euler's phi by trial division (independent of gf-core's factoring).
fn phi(mut n: u64) -> u64 {
    let mut r = n;
    let mut p = 2;
    while p * p <= n {
        if n % p == 0 {
            while n % p == 0 {
                n /= p;
            }
            r -= r / p;
        }
        p += 1;
    }
    if n > 1 {
        r -= r / n;
    }
    r
}

fn moebius(mut n: u64) -> i64 {
    let mut m = 1;
    let mut p = 2;
    while p * p <= n {
        if n % p == 0 {
            n /= p;
            if n % p == 0 {
                return 0;
            }
            m = -m;
        }
        p += 1;
    }
    if n > 1 {
        m = -m;
    }
    m
}

/// (1/d) sum_{e | d} mu(e) q^(d/e): the number of monic irreducible polynomials of degree d.
fn irreducible_count(q: u64, d: u64) -> u64 {
    let s: i64 = (1..=d)
        .filter(|e| d % e == 0)
        .map(|e| moebius(e) * q.pow((d / e) as u32) as i64)
        .sum();
    (s / d as i64) as u64
}

const SMALL: [(u64, usize); 17] = [
    (2, 1),
    (2, 2),
    (2, 5),
    (2, 8),
    (2, 10),
    (2, 12),
    (3, 1),
    (3, 4),
    (3, 6),
    (4, 1),
    (4, 3),
    (5, 3),
    (7, 3),
    (8, 2),
    (9, 2),
    (16, 2),
    (5, 1),
];

#[test]
fn all_of_them_are_counted_by_phi_and_moebius() {
    for (q, d) in SMALL {
        let n = q.pow(d as u32);
        let gf = field(q);
        let prim: Vec<Poly> = Search::new(&gf, d, Property::Primitive)
            .unwrap()
            .ascending()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            prim.len() as u64,
            phi(n - 1) / d as u64,
            "primitive, GF({q}), d = {d}"
        );
        let irr: Vec<Poly> = Search::new(&gf, d, Property::Irreducible)
            .unwrap()
            .ascending()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            irr.len() as u64,
            irreducible_count(q, d as u64),
            "GF({q}), d = {d}"
        );
        // Strictly ascending in galois' integer order, every one monic of degree d, and the
        // primitive ones among the irreducible ones.
        let int = |f: &Poly| f.coeffs().iter().rev().fold(0u64, |acc, &c| acc * q + c);
        for list in [&prim, &irr] {
            assert!(list.windows(2).all(|w| int(&w[0]) < int(&w[1])));
            assert!(list.iter().all(|f| f.is_monic() && f.degree() == Some(d)));
        }
        assert!(prim.iter().all(|f| irr.contains(f)));
        // A weight restricts the same list: compare with filtering it.
        for w in 1..=d + 1 {
            for (p, list) in [(Property::Primitive, &prim), (Property::Irreducible, &irr)] {
                let want: Vec<&Poly> = list
                    .iter()
                    .filter(|f| f.coeffs().iter().filter(|&&c| c != 0).count() == w)
                    .collect();
                match Search::new(&gf, d, p).unwrap().weight(w) {
                    Ok(s) => {
                        let got: Vec<Poly> = s.ascending().map(Result::unwrap).collect();
                        assert_eq!(got.iter().collect::<Vec<_>>(), want, "{p} GF({q}) {d} {w}");
                    }
                    Err(FindError::Impossible(why)) => {
                        assert!(want.is_empty(), "{p} GF({q}) d={d} w={w}: {why}")
                    }
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
}

#[test]
fn candidate_counts_are_exact() {
    let gf3 = field(3);
    // Degree 4: c0 in {1, 2}, c1..c3 anything: 2 * 27.
    let s = Search::new(&gf3, 4, Property::Irreducible).unwrap();
    assert_eq!(s.candidates(), 54u32.into());
    assert_eq!(s.ascending().tested(), 0);
    // Four terms: c0 != 0 and two of c1..c3 nonzero: 2 * 3 * 2^2.
    assert_eq!(s.weight(4).unwrap().candidates(), 24u32.into());
    let mut all = Search::new(&gf3, 4, Property::Irreducible)
        .unwrap()
        .ascending();
    assert_eq!(all.by_ref().count(), 18);
    assert_eq!(all.tested(), 54);
}

/// The order of x modulo f by brute force: multiply by x until 1 comes back.
fn brute_order(f: &Poly) -> u64 {
    let gf = f.field();
    let x = Poly::x(gf);
    let mut h = x.clone() % f;
    let mut n = 1;
    while !h.is_one() {
        h = (h * &x) % f;
        n += 1;
        assert!(n <= gf.q().pow(f.degree().unwrap() as u32), "no order: {f}");
    }
    n
}

#[test]
fn random_samples_are_reproducible_uniform_and_primitive() {
    for (q, d, w) in [
        (2u64, 8usize, None),
        (2, 13, Some(5)),
        (3, 5, None),
        (4, 4, None),
        (5, 3, Some(3)),
        (9, 3, None),
        (2, 16, None),
    ] {
        let gf = field(q);
        let mut s = Search::new(&gf, d, Property::Primitive).unwrap();
        if let Some(w) = w {
            s = s.weight(w).unwrap();
        }
        let a: Vec<Poly> = s.random(42).take(20).map(Result::unwrap).collect();
        let b: Vec<Poly> = s.random(42).take(20).map(Result::unwrap).collect();
        assert_eq!(a, b, "GF({q}) d={d}: same seed, same samples");
        let c: Vec<Poly> = s.random(43).take(20).map(Result::unwrap).collect();
        assert_ne!(a, c, "GF({q}) d={d}: another seed, other samples");
        let full = q.pow(d as u32) - 1;
        for f in &a {
            assert_eq!(brute_order(f), full, "GF({q}): {f} is not primitive");
            if let Some(w) = w {
                assert_eq!(f.coeffs().iter().filter(|&&c| c != 0).count(), w);
            }
        }
    }
    // Uniform: GF(2), degree 6 has 6 primitive polynomials; 6000 samples, each near 1000
    // (binomial sd 29; the seed is fixed, so this is deterministic).
    let s = Search::new(&field(2), 6, Property::Primitive).unwrap();
    let mut seen: HashMap<Poly, u32> = HashMap::new();
    for f in s.random(1).take(6000) {
        *seen.entry(f.unwrap()).or_default() += 1;
    }
    assert_eq!(seen.len(), 6);
    assert!(seen.values().all(|&n| (850..1150).contains(&n)), "{seen:?}");
    // The same through rejection sampling (a space of more than 4096 candidates).
    let s = Search::new(&field(2), 14, Property::Irreducible).unwrap();
    assert!(s.candidates() > 4096u32.into());
    let mut seen: HashMap<Poly, u32> = HashMap::new();
    for f in s.random(5).take(3000) {
        *seen.entry(f.unwrap()).or_default() += 1;
    }
    // 1161 irreducible polynomials of degree 14: 3000 draws see most of them (expected
    // 1161 (1 - e^(-3000/1161)) = 1073), and none far too often.
    assert!((1000..=1161).contains(&seen.len()), "{}", seen.len());
    assert!(seen.values().all(|&n| n <= 14), "{:?}", seen.values().max());
}

#[test]
fn random_search_says_when_there_are_none() {
    // Degree 2 over GF(2) with 3 terms: x^2 + x + 1 only; with primitivity still one. Degree
    // 5 over GF(2), trinomials: x^5 + x^2 + 1, x^5 + x^3 + 1. Over GF(3) degree 2, weight 2:
    // x^2 + 1 (irreducible, order 4, not primitive) and x^2 + 2 (reducible): none primitive.
    let s = Search::new(&field(3), 2, Property::Primitive)
        .unwrap()
        .weight(2)
        .unwrap();
    assert!(s.ascending().next().is_none());
    match s.random(0).next() {
        Some(Err(FindError::GaveUp { tried, .. })) => assert_eq!(tried, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn theorems_that_answer_without_search_hold() {
    let gf2 = field(2);
    // Swan: no irreducible trinomial of degree 8, 16, 24 over GF(2), checked by testing every
    // one of them; and degrees 1000 and 4096 are refused with the theorem's name.
    for d in [8usize, 16, 24] {
        for k in 1..d {
            let f = Poly::monomial(&gf2, 1, d) + Poly::monomial(&gf2, 1, k) + Poly::one(&gf2);
            assert!(!gf_core::is_irreducible(&f), "{f}");
        }
    }
    for d in [8, 1000, 4096] {
        let e = Search::new(&gf2, d, Property::Irreducible)
            .unwrap()
            .weight(3)
            .unwrap_err();
        assert_eq!(e, FindError::Impossible(Impossible::Swan { degree: d }));
        assert!(e.to_string().contains("Swan"), "{e}");
    }
    // Even weights over GF(2), degree > 1; checked by search on degree 9.
    for w in [2, 4, 6, 8, 10] {
        let e = Search::new(&gf2, 9, Property::Irreducible)
            .unwrap()
            .weight(w)
            .unwrap_err();
        assert!(
            matches!(e, FindError::Impossible(Impossible::EvenWeight { .. })),
            "{e}"
        );
    }
    let odd_or_even: usize = Search::new(&gf2, 9, Property::Irreducible)
        .unwrap()
        .ascending()
        .map(|f| f.unwrap().coeffs().iter().filter(|&&c| c != 0).count() % 2)
        .filter(|&r| r == 0)
        .count();
    assert_eq!(odd_or_even, 0);
    // Degree 1 over GF(2): x + 1 has two terms and is primitive.
    let s = Search::new(&gf2, 1, Property::Primitive)
        .unwrap()
        .weight(2)
        .unwrap();
    assert_eq!(s.ascending().next().unwrap().unwrap().to_string(), "x + 1");
    // One term: x^d.
    assert!(matches!(
        Search::new(&gf2, 3, Property::Irreducible)
            .unwrap()
            .weight(1),
        Err(FindError::Impossible(Impossible::Monomial { degree: 3 }))
    ));
    assert!(matches!(
        Search::new(&gf2, 1, Property::Primitive).unwrap().weight(1),
        Err(FindError::Impossible(Impossible::XNotPrimitive))
    ));
    let s = Search::new(&gf2, 1, Property::Irreducible)
        .unwrap()
        .weight(1)
        .unwrap();
    assert_eq!(
        s.ascending()
            .map(|f| f.unwrap().to_string())
            .collect::<Vec<_>>(),
        ["x"]
    );
    // Out of range.
    assert_eq!(
        Search::new(&gf2, 5, Property::Irreducible)
            .unwrap()
            .weight(7)
            .unwrap_err(),
        FindError::Weight {
            weight: 7,
            degree: 5
        }
    );
    assert!(Search::new(&gf2, 5, Property::Irreducible)
        .unwrap()
        .weight(0)
        .is_err());
    assert_eq!(
        Search::new(&gf2, 0, Property::Irreducible).unwrap_err(),
        FindError::Degree
    );
}

const PARI: &str = include_str!("data/pari_find.txt");

/// The first irreducible trinomials and pentanomials of large degree over GF(2), by PARI's
/// `polisirreducible` (data/pari_find.gp); `none` must be refused by Swan's theorem. Where
/// 2^d - 1 is a Mersenne prime the first irreducible one is the first primitive one too.
fn check_pari(max_degree: usize) {
    let gf2 = field(2);
    let mut checked = 0;
    for line in PARI.lines().filter(|l| !l.starts_with('#')) {
        let mut w = line.splitn(3, ' ');
        let d: usize = w.next().unwrap().parse().unwrap();
        let terms: usize = w.next().unwrap().parse().unwrap();
        let want = w.next().unwrap();
        if d > max_degree {
            continue;
        }
        let search = Search::new(&gf2, d, Property::Irreducible)
            .unwrap()
            .weight(terms);
        if want == "none" {
            assert_eq!(
                search.unwrap_err(),
                FindError::Impossible(Impossible::Swan { degree: d })
            );
            continue;
        }
        let want = Poly::parse(&gf2, want).unwrap();
        let got = search.unwrap().ascending().next().unwrap().unwrap();
        assert_eq!(got, want, "degree {d}, {terms} terms");
        if d == 607 || d == 1279 {
            let s = Search::new(&gf2, d, Property::Primitive)
                .unwrap()
                .weight(terms)
                .unwrap();
            assert_eq!(
                s.ascending().next().unwrap().unwrap(),
                want,
                "primitive, {d}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn first_irreducible_pentanomial_of_degree_1000_is_paris() {
    check_pari(1000);
}

/// Degrees 1024 to 4096 (seconds in release; CI runs the ignored gf-core tests optimized).
#[test]
#[ignore]
fn first_low_weight_polynomials_of_large_degree_are_paris() {
    check_pari(4096);
}
