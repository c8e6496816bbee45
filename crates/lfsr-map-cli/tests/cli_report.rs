//! The text and CSV reports and `-o`, through the binary.

mod cli_support;

use cli_support::{example, ok};

fn one(text: &str, q: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one.csv");
    std::fs::write(&f, text).unwrap();
    let mut args = vec!["analyze", f.to_str().unwrap(), "--field", q, "-q"];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn text_report_has_the_sections_of_the_original() {
    let text = one("1,1,0,1\n", "2", &[]);
    for section in [
        "COEFFS SERIES 1: [1, 1, 0, 1]",
        "STATE UPDATE MATRIX",
        "O(C) = 6",
        "STATES SEQUENCES",
        "PERIOD VALUES SUMMED: 16",
        "NO. STATE VECTORS: 16",
        "CHARACTERISTIC POLYNOMIAL: x^4 + x^3 + x + 1",
        "PERIOD DISTRIBUTION",
    ] {
        assert!(text.contains(section), "missing {section:?} in:\n{text}");
    }
    assert!(!text.contains("TRANSIENT STATES"));
    assert!(!text.contains("[PRIMITIVE]"));
    // The worked matrix of the reference: rows (0,0,0,1) (1,0,0,1) (0,1,0,0) (0,0,1,1).
    assert!(
        text.contains("  [0 0 0 1]\n  [1 0 0 1]\n  [0 1 0 0]\n  [0 0 1 1]\n"),
        "{text}"
    );
    // (0,0,0,1) lies on the 6-cycle, sequence 2; only that one is marked.
    let marked: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("**"))
        .collect();
    assert_eq!(marked.len(), 1, "{text}");
    assert!(marked[0].contains("(1,0,0,0) (0,0,0,1)"), "{}", marked[0]);
}

#[test]
fn text_report_primitive_singular_and_period_only() {
    let text = one("1,1,0\n0,1,1\n", "2", &[]);
    assert!(
        text.contains("CHARACTERISTIC POLYNOMIAL: x^3 + x + 1  [PRIMITIVE]"),
        "{text}"
    );
    assert!(text.contains("COEFFS SERIES 2: [0, 1, 1]"));
    assert!(text.contains("O(C) = infinite"));
    assert!(text.contains("TRANSIENT STATES"));
    assert!(text.contains("4 transient states"), "{text}");
    let brief = one("1,1,0\n", "2", &["--period-only"]);
    assert!(brief.contains("states not listed"), "{brief}");
    assert!(!brief.contains("(1,0,0)"), "{brief}");
}

#[test]
fn long_cycles_wrap() {
    let text = one(
        &std::fs::read_to_string(example("primitive16.csv")).unwrap(),
        "2",
        &[],
    );
    assert!(text.lines().all(|l| l.len() < 160), "lines are wrapped");
    // 65,536 states, each listed exactly once.
    let tuples = text.matches("(").count() - text.matches("(**").count();
    assert!(tuples >= 65536, "{tuples}");
}

#[test]
fn csv_report_one_row_per_analysis() {
    let out = ok(&[
        "analyze",
        &example("reference-gf3.csv"),
        "--field",
        "3",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 8);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(header[0], "index");
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first.len(), header.len());
    assert_eq!(first[col("coefficients")], "1 2 1");
    assert_eq!(
        first[col("characteristic_polynomial")],
        "x^3 + 2*x^2 + x + 2"
    );
    assert_eq!(first[col("cycles")], "1:3 4:6");
    assert_eq!(first[col("state_count")], "27");
    assert_eq!(first[col("max_period")], "4");
    assert_eq!(first[col("primitive")], "false");
}

#[test]
fn census_text_and_csv() {
    let text = ok(&["census", "--degree", "4", "--field", "2", "-q"]);
    assert!(text.contains("CENSUS SUMMARY: degree 4, 8 LFSRs"), "{text}");
    assert!(text.contains("primitive:   2"), "{text}");
    let csv = ok(&["census", "--degree", "4", "--field", "2", "--format", "csv"]);
    // The header, 8 rows, then the summary's 3 comment lines.
    let data = csv.lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(data, 1 + 8);
}

#[test]
fn poly_text_report() {
    let text = ok(&["poly", "x^4+x+1", "--field", "2"]);
    assert!(
        text.contains("POLYNOMIAL: x^4 + x + 1 over GF(2)  [PRIMITIVE]"),
        "{text}"
    );
    assert!(text.contains("ORDER: 15"), "{text}");
    assert!(text.contains("IRREDUCIBLE: yes"), "{text}");
    let text = ok(&["poly", "x^2 + (a + 1)*x + a", "--field", "4"]);
    assert!(text.contains("over GF(4)"), "{text}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    let stdout = ok(&[
        "analyze",
        &example("reference-gf2.csv"),
        "--field",
        "2",
        "-o",
        out.to_str().unwrap(),
        "-q",
        "--no-run-info",
    ]);
    assert!(stdout.is_empty());
    let direct = ok(&[
        "analyze",
        &example("reference-gf2.csv"),
        "--field",
        "2",
        "-q",
        "--no-run-info",
    ]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), direct);
}

#[test]
fn csv_census_ends_with_its_summary() {
    // Degree 4 over GF(2), c0 != 0: 8 LFSRs; phi(15)/4 = 2 primitive; 3 irreducible
    // (x^4 + x^3 + x^2 + x + 1 has order 5).
    let text = ok(&[
        "census", "--degree", "4", "--field", "2", "--format", "csv", "-q",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 8 + 3, "{text}");
    assert_eq!(lines[9], "# census summary");
    assert_eq!(
        lines[10],
        "# degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods,\
         cycle_counts,factor_patterns"
    );
    let cells: Vec<&str> = lines[11].trim_start_matches("# ").split(',').collect();
    assert_eq!(cells[..6], ["4", "false", "8", "2", "3", "0"], "{text}");
    let tally: Vec<(u64, u64)> = cells[6]
        .split(' ')
        .map(|pair| {
            let (p, c) = pair.split_once(':').unwrap();
            (p.parse().unwrap(), c.parse().unwrap())
        })
        .collect();
    assert!(tally.contains(&(15, 2)), "{text}");
    assert!(tally.contains(&(5, 1)), "{text}");
    assert_eq!(tally.iter().map(|&(_, c)| c).sum::<u64>(), 8);
}

#[test]
fn the_note_on_unlisted_states_suggests_enumerate_only_when_it_would_work() {
    // x^127 + x + 1: 2^127 states, far beyond any enumeration.
    let row = format!("1,1{}\n", ",0".repeat(125));
    let text = one(&row, "2", &[]);
    assert!(
        text.contains("(states not listed: listing 170141183460469231731687303715884105728 states would need about"),
        "{text}"
    );
    assert!(text.contains("more than the memory limit of"), "{text}");
    assert!(!text.contains("--method enumerate"), "{text}");
    // 2^21 states with --method auto: counted only, and listing them would fit.
    let row = format!("1,0{},1\n", ",0".repeat(18));
    let text = one(&row, "2", &["--memory-limit", "8G"]);
    assert!(
        text.contains(
            "2097152 states, more than 2^20 with --method auto; --method enumerate lists them"
        ),
        "{text}"
    );
    // No listing asked for: the note says so, whatever the memory.
    let text = one("1,1,0,1\n", "2", &["--period-only"]);
    assert!(
        text.contains("(states not listed: --period-only. Counts"),
        "{text}"
    );
    let text = one("1,1,0,1\n", "2", &["--method", "algebraic"]);
    assert!(
        text.contains("(states not listed: --method algebraic visits no state."),
        "{text}"
    );
}

#[test]
fn period_only_enumeration_never_says_too_many_to_list() {
    // Issue 12: `--period-only --method enumerate` on a space whose listing would not fit
    // said "too many to list", though no listing was asked for. Here the listing of 2^16
    // states needs more than the 2 MiB limit while the period-only walk fits.
    let row = format!("1,0,0,1{}\n", ",0".repeat(12));
    let args = [
        "--period-only",
        "--method",
        "enumerate",
        "--memory-limit",
        "2M",
    ];
    let text = one(&row, "2", &args);
    assert!(text.contains("method enumerate"), "{text}");
    assert!(
        text.contains("(states not listed: --period-only. Counts"),
        "{text}"
    );
    assert!(!text.contains("too many"), "{text}");
    assert!(!text.contains("memory limit"), "{text}");
    // x^16 + x^3 + 1 = (x^3 + x^2 + 1)(degree 13, order 8191): {1:1, 7:1, 8191:1, 57337:1}
    // (reference table, section 6).
    assert!(text.contains("4 cycles, max period 57337"), "{text}");
}

#[test]
fn period_distribution_columns_fit_wide_periods() {
    // x^63 + x + 1 is primitive: one cycle of period 2^63 - 1 (19 digits, wider than the
    // old fixed 12-character column).
    let row = format!("1,1{}\n", ",0".repeat(61));
    let text = one(&row, "2", &[]);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "PERIOD DISTRIBUTION")
        .skip(1)
        .take(3)
        .collect();
    assert!(table[2].contains("9223372036854775807  "), "{text}");
    // Right-aligned columns: every row as long as the header, columns two spaces apart.
    assert!(table.iter().all(|l| l.len() == table[0].len()), "{text}");
    assert!(table.iter().all(|l| l.starts_with("  ")), "{text}");
    let cells: Vec<&str> = table[2].split_whitespace().collect();
    assert_eq!(cells, ["9223372036854775807", "1", "9223372036854775807"]);
}

#[test]
fn poly_with_an_unfactorable_order_still_answers_what_it_knows() {
    // x^1226 + x^3 + 1 over GF(2) = (x^3 + x + 1)(x^10 + x^7 + x^6 + x^5 + x^4 + x + 1) times
    // a factor of degree 1213, and 2^1213 - 1 is beyond the embedded Cunningham table (m <=
    // 1206) with a 250-digit composite left. The factorization and irreducibility are still
    // known, as are the orders of the small primitive factors (7 and 1023). PARI/GP:
    // factor(Mod(1,2)*(x^1226+x^3+1)), fforder(ffgen(g), factor(2^poldegree(g)-1)).
    let args = ["poly", "x^1226+x^3+1", "--field", "2", "--format", "json"];
    let out = cli_support::run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", cli_support::stderr(&out));
    assert!(cli_support::stderr(&out).contains("warning: the order of"));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &doc["polynomial"];
    assert!(p["order"].is_null(), "{p}");
    assert!(
        p["order_unknown"].as_str().unwrap().contains("2^1213 - 1"),
        "{p}"
    );
    assert_eq!(p["irreducible"], false);
    assert_eq!(p["primitive"], false, "reducible, so not primitive: known");
    let factors = p["factors"].as_array().unwrap();
    assert_eq!(factors[0]["polynomial"], "x^3 + x + 1");
    assert_eq!(factors[0]["order"], 7);
    assert_eq!(
        factors[1]["polynomial"],
        "x^10 + x^7 + x^6 + x^5 + x^4 + x + 1"
    );
    assert_eq!(factors[1]["order"], 1023);
    assert!(factors[0].get("order_unknown").is_none());
    let degrees: u64 = factors
        .iter()
        .map(|f| {
            let g = f["polynomial"].as_str().unwrap();
            let lead = g.split(' ').next().unwrap();
            lead.trim_start_matches("x^").parse::<u64>().unwrap_or(1)
        })
        .sum();
    assert_eq!(degrees, 1226, "the factorization is complete");
    assert!(factors
        .iter()
        .any(|f| f["order"].is_null() && f["order_unknown"].is_string()));
    let text = ok(&args[..4]);
    assert!(
        text.contains("ORDER: unknown (could not factor 2^1213 - 1"),
        "{text}"
    );
    assert!(text.contains("IRREDUCIBLE: no"), "{text}");
}
