//! The report fixes of issue 12, the RUN and PERIOD STATISTICS blocks, `--plot`, and the
//! memory limit (a clear refusal with exit 2, never an abort). Known answers are from the
//! reference table (`/work/shared/reference/lfsr-conventions.md`, sections 5 and 6) or worked
//! by hand in the comments.

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::{bad_input, ok, run, stderr};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_lfsr-map")
}

/// `lfsr-map analyze` on a one-file CSV of `rows` over GF(q), with `extra` arguments.
fn analyze(dir: &Path, rows: &str, q: &str, extra: &[&str]) -> String {
    let f = dir.join("in.csv");
    std::fs::write(&f, rows).unwrap();
    let mut args = vec!["analyze", f.to_str().unwrap(), "--field", q, "-q"];
    args.extend_from_slice(extra);
    ok(&args)
}

/// The lines of `section` (from its title to the next blank line).
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(title))
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn singular_and_plural() {
    let dir = tempfile::tempdir().unwrap();
    // [0,0]/GF(2): f = x^2, one cycle (the zero state) and 3 transient states (reference 6);
    // (1,0) reaches (0,0) in 1 step, (0,1) and (1,1) in 2.
    let text = analyze(dir.path(), "0,0\n", "2", &["--method", "enumerate"]);
    assert!(text.contains("  1 cycle, max period 1\n"), "{text}");
    assert!(
        text.contains("  3 transient states (on no cycle), longest tail 2"),
        "{text}"
    );
    assert!(
        text.contains("(1,0) -> sequence 1 after 1 step\n"),
        "{text}"
    );
    assert!(
        text.contains("(0,1) -> sequence 1 after 2 steps\n"),
        "{text}"
    );
    assert!(
        text.contains("PERIOD STATISTICS (cycle lengths over 1 cycle)"),
        "{text}"
    );
    assert!(!text.contains("1 cycles"), "{text}");
    assert!(!text.contains("1 steps"), "{text}");
    // [0,1]/GF(2), f = x^2 + x = x (x + 1): cycles {1:2}, 2 transient states of tail 1.
    let text = analyze(dir.path(), "0,1\n", "2", &["--method", "enumerate"]);
    assert!(text.contains("  2 cycles, max period 1\n"), "{text}");
    assert!(
        text.contains("  2 transient states (on no cycle)"),
        "{text}"
    );
    // [0]/GF(2): f = x, C = [0]: the zero state's cycle, and 1 -> 0 transient.
    let text = analyze(dir.path(), "0\n", "2", &["--method", "enumerate"]);
    assert!(
        text.contains("  1 transient state (on no cycle), longest tail 1"),
        "{text}"
    );
    // A census of one LFSR: degree 1 over GF(2), c0 != 0, is [1] alone.
    let text = ok(&["census", "--degree", "1", "--field", "2", "-q", "--summary"]);
    assert!(
        text.contains("CENSUS SUMMARY: degree 1, 1 LFSR (c0 != 0)"),
        "{text}"
    );
}

#[test]
fn the_legend_is_there_only_when_a_cycle_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    // [1,1,0,1]: (0,0,0,1) is on the 6-cycle (reference 6, exact cycles).
    let text = analyze(dir.path(), "1,1,0,1\n", "2", &[]);
    assert!(
        text.contains("states  (** = cycle of (0,...,0,1))"),
        "{text}"
    );
    assert_eq!(text.matches("  ** ").count(), 1, "{text}");
    // [0,1,1]: f = x (x^2 + x + 1); (0,0,1) is transient (it reaches the 3-cycle in 1 step).
    let text = analyze(dir.path(), "0,1,1\n", "2", &[]);
    assert!(!text.contains("**"), "{text}");
    assert!(
        text.contains("((0,...,0,1) is transient: no cycle marked)"),
        "{text}"
    );
    assert!(
        text.contains("(0,0,1) -> sequence 2 after 1 step"),
        "{text}"
    );
}

#[test]
fn orders_of_a_factor_and_of_its_power() {
    let dir = tempfile::tempdir().unwrap();
    // [1,1,0,1]: (x + 1)^2 (x^2 + x + 1); ord(x + 1) = 1, ord((x + 1)^2) = 1 * 2 = 2
    // (p^t >= 2 for t = 1); ord(x^2 + x + 1) = 3.
    let text = analyze(dir.path(), "1,1,0,1\n", "2", &[]);
    let table = section(&text, "CHARACTERISTIC POLYNOMIAL");
    assert!(table[1].contains("multiplicity e") && table[1].ends_with("ord(g)  ord(g^e)"));
    let row = |name: &str| -> Vec<String> {
        let line = table
            .iter()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap();
        line.trim_start()[name.len()..]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(row("x + 1 "), ["2", "1", "2"], "{text}");
    assert_eq!(row("x^2 + x + 1"), ["1", "3", "3"], "{text}");
    // [1,0,0,0]: x^4 + 1 = (x + 1)^4: ord((x + 1)^4) = 4 (reference 6: max period 4).
    let text = analyze(dir.path(), "1,0,0,0\n", "2", &[]);
    let table = section(&text, "CHARACTERISTIC POLYNOMIAL");
    let line = table.iter().find(|l| l.contains("x + 1")).unwrap();
    assert!(line.ends_with("  4       1  4"), "{line}");
    // Over GF(4), (x + 1)^2 = x^2 + 1 has order 2 (the rule uses p = 2, not q = 4).
    let text = analyze(dir.path(), "1,0\n", "4", &[]);
    let table = section(&text, "CHARACTERISTIC POLYNOMIAL");
    let line = table.iter().find(|l| l.contains("x + 1")).unwrap();
    assert!(line.ends_with("  2       1  2"), "{line}");
    // poly prints the same columns.
    let text = ok(&["poly", "x^4+1", "--field", "2"]);
    assert!(text.contains("ord(g)  ord(g^e)"), "{text}");
    assert!(
        text.contains("  x + 1                  4       1  4"),
        "{text}"
    );
}

#[test]
fn field_header_for_prime_and_extension_fields() {
    let dir = tempfile::tempdir().unwrap();
    let text = analyze(dir.path(), "1,1\n", "2", &[]);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!("lfsr-map {} -- GF(2)", env!("CARGO_PKG_VERSION"))
    );
    assert!(!text.contains("field modulus"), "{text}");
    assert!(!text.contains("Conway"), "{text}");
    // GF(4): the Conway polynomial a^2 + a + 1 (reference 4), in a; the encoding k = a_0 + 2 a_1.
    let text = analyze(dir.path(), "2,1\n", "4", &[]);
    assert!(
        text.contains("GF(4) = GF(2)[a]/(a^2 + a + 1), the Conway polynomial"),
        "{text}"
    );
    assert!(text.contains("LFSR polynomials are in x"), "{text}");
    assert!(
        text.contains("the element a_0 + a_1*a is written as the integer a_0 + a_1*2"),
        "{text}"
    );
    assert!(text.contains("e.g. 2 = a, 3 = a + 1"), "{text}");
    // GF(27): three terms; Conway polynomial a^3 + 2*a + 1.
    let text = analyze(dir.path(), "1,1\n", "27", &[]);
    assert!(text.contains("GF(27) = GF(3)[a]/(a^3 + 2*a + 1)"), "{text}");
    assert!(text.contains("a_0 + a_1*3 + a_2*3^2"), "{text}");
}

#[test]
fn gf4_leading_coefficient_is_an_element_in_a() {
    // 3 encodes a + 1 (k = 1 + 1*2).
    let text = ok(&["poly", "3*x^2+x+1", "--field", "4"]);
    assert!(
        text.contains("leading coefficient a + 1 (encoded as 3)"),
        "{text}"
    );
    assert!(!text.contains("leading coefficient 3"), "{text}");
    let text = ok(&["poly", "2*x^2+1", "--field", "3"]);
    assert!(text.contains("leading coefficient 2\n"), "{text}");
}

#[test]
fn statistics_of_the_cycle_lengths() {
    let dir = tempfile::tempdir().unwrap();
    // [1,1,0,1]: cycles {1:2, 2:1, 3:2, 6:1} (reference 6), lengths 1 1 2 3 3 6.
    // mean 16/6 = 2.66667; median (2 + 3)/2 = 2.5; E[p^2] = 60/6 = 10, variance
    // 10 - (8/3)^2 = 26/9, standard deviation 1.69967; q^d - 1 = 15, 6/15 = 0.4.
    let text = analyze(dir.path(), "1,1,0,1\n", "2", &[]);
    let stats = section(&text, "PERIOD STATISTICS");
    assert_eq!(
        stats,
        [
            "PERIOD STATISTICS (cycle lengths over 6 cycles, each counted once)",
            "  mean 2.66667, median 2.5, standard deviation 1.69967 (population), min 1, max 6",
            "  longest possible period q^d - 1 = 15, max period / (q^d - 1) = 0.4",
        ],
        "{text}"
    );
    // x^12 + x^6 + x^4 + x + 1, primitive: {1:1, 4095:1}: mean 2048, median 2048, sd 2047,
    // ratio exactly 1.
    let text = analyze(
        dir.path(),
        "1,1,0,0,1,0,1,0,0,0,0,0\n",
        "2",
        &["--period-only"],
    );
    let stats = section(&text, "PERIOD STATISTICS");
    assert!(stats[1].starts_with("  mean 2048, median 2048, standard deviation 2047"));
    assert!(
        stats[2].ends_with("= 4095, max period / (q^d - 1) = 1"),
        "{stats:?}"
    );
    // x^127 + x + 1, primitive: 2^127 states, exact integers beyond f64.
    let row = format!("1,1{}\n", ",0".repeat(125));
    let text = analyze(dir.path(), &row, "2", &[]);
    let stats = section(&text, "PERIOD STATISTICS");
    assert!(
        stats[2].contains(
            "q^d - 1 = 170141183460469231731687303715884105727, max period / (q^d - 1) = 1"
        ),
        "{stats:?}"
    );
    // x^1279 + x^216 + 1, primitive (a Mersenne trinomial): {1:1, 2^1279 - 1:1}, so mean and
    // median are 2^1278 = 5.20397e384 and the deviation 2^1278 - 1, beyond f64's range (this
    // printed "undefined").
    let mut row = vec!["0"; 1279];
    row[0] = "1";
    row[216] = "1";
    let text = analyze(dir.path(), &(row.join(",") + "\n"), "2", &["--period-only"]);
    let stats = section(&text, "PERIOD STATISTICS");
    assert!(
        stats[1].starts_with(
            "  mean 5.20397e384, median 5.20397e384, standard deviation 5.20397e384 (population), min 1, max 10407932194664399081925240327364085538615262247266704805319112350403608059673360298012239441732324184842421613954281007791383566248323464908139906605677320762924129509389220345773183349661583550472959420547689811211693677147548478866962501384438260291732348885311160828538416585028255604666224831890918801847068222203140521026698435488732958028878050869736186900714720710555703168729087"
        ),
        "{stats:?}"
    );
    assert!(
        stats[2].ends_with(", max period / (q^d - 1) = 1"),
        "{stats:?}"
    );
}

#[test]
fn the_run_block_names_input_field_start_and_total_time() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("in.csv");
    std::fs::write(&f, "1,1\n").unwrap();
    let path = f.to_str().unwrap();
    let text = ok(&["analyze", path, "--field", "2", "-q"]);
    let run = section(&text, "RUN");
    assert_eq!(run.len(), 5, "{text}");
    assert_eq!(run[1], format!("  input:      {path}"));
    assert_eq!(run[2], "  field:      GF(2)");
    // "  started:    2026-12-02 18:38:28 UTC"
    let started = run[3].strip_prefix("  started:    ").unwrap();
    let b = started.as_bytes();
    assert_eq!(started.len(), 23, "{started}");
    assert!(started.ends_with(" UTC") && b[4] == b'-' && b[7] == b'-' && b[13] == b':');
    let year: u32 = started[..4].parse().unwrap();
    assert!((2024..2200).contains(&year), "{started}");
    let total = run[4].strip_prefix("  total time: ").unwrap();
    let secs: f64 = total.strip_suffix(" s").unwrap().parse().unwrap();
    assert!((0.0..600.0).contains(&secs), "{total}");
    assert!(
        text.ends_with(&format!("{}\n", run[4])),
        "the RUN block ends the report"
    );
    // The census names what it counted; --no-run-info leaves the block out.
    let text = ok(&["census", "--degree", "3", "--field", "2", "-q", "--summary"]);
    assert!(
        text.contains(
            "  input:      census of the LFSRs with c0 != 0 of degree 3 over GF(2), --summary"
        ),
        "{text}"
    );
    let text = ok(&["analyze", path, "--field", "2", "-q", "--no-run-info"]);
    assert!(
        !text.contains("\nRUN\n") && !text.contains("started:"),
        "{text}"
    );
    // Only the text report has it.
    let json = ok(&["analyze", path, "--field", "2", "-q", "--format", "json"]);
    assert!(!json.contains("started"), "{json}");
}

/// The SVG written by `args` (which name `svg` as the --plot file), parsed.
fn plot_of(args: &[&str], svg: &Path) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    let text = std::fs::read_to_string(svg).unwrap();
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    text
}

/// The elements named `tag` with attribute class = `class`, as (text, attribute map).
fn elements(svg: &str, tag: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn analyze_plot_has_one_bar_per_cycle_length() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    // Row 1: [1,1,0,1], lengths {1, 2, 3, 6}; row 2: ten ones, {1:1, 11:93} (reference 6);
    // row 3: [0,1,1] singular, {1, 3} and 4 transient states.
    std::fs::write(&csv, "1,1,0,1\n1,1,1,1,1,1,1,1,1,1\n0,1,1\n").unwrap();
    let svg = dir.path().join("plot.svg");
    let text = plot_of(
        &[
            "analyze",
            csv.to_str().unwrap(),
            "--field",
            "2",
            "-q",
            "--plot",
            svg.to_str().unwrap(),
        ],
        &svg,
    );
    let bars = elements(&text, "rect", "bar");
    assert_eq!(bars.len(), 4 + 2 + 2, "{text}");
    let ticks = elements(&text, "text", "xtick");
    assert_eq!(ticks, ["1", "2", "3", "6", "1", "11", "1", "3"]);
    let y_labels = elements(&text, "text", "ylabel");
    // Row 2 spans 1 to 93 cycles: linear (below 100x); all linear here.
    assert_eq!(y_labels, ["number of cycles"; 3]);
    assert_eq!(
        elements(&text, "text", "xlabel"),
        ["cycle length (clock steps)"; 3]
    );
    assert!(text.contains("Cycle lengths of LFSR 2: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] over GF(2)"));
    assert!(text.contains("not shown: 4 transient states (on no cycle; longest tail 1)"));
    assert!(text.contains("length 11: 93 cycles, covering 1023 states"));
    assert!(!text.contains("are drawn"), "no footer for 3 LFSRs");
}

#[test]
fn analyze_plot_of_many_lfsrs_draws_the_first_eight() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "1,1\n".repeat(10)).unwrap();
    let svg = dir.path().join("plot.svg");
    let text = plot_of(
        &[
            "analyze",
            csv.to_str().unwrap(),
            "--field",
            "2",
            "-q",
            "--plot",
            svg.to_str().unwrap(),
        ],
        &svg,
    );
    assert_eq!(elements(&text, "rect", "bar").len(), 8 * 2);
    assert!(text.contains("The first 8 of the 10 LFSRs are drawn (--plot draws at most 8)."));
}

#[test]
fn census_plot_of_max_periods_and_cycle_counts() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("census.svg");
    let s = svg.to_str().unwrap();
    // Degree 4 over GF(2), c0 != 0: 8 LFSRs; max periods 15 (2 primitive), 5, and the
    // others; counted independently by the census test (csv_census_ends_with_its_summary).
    let text = plot_of(
        &["census", "--degree", "4", "--field", "2", "-q", "--plot", s],
        &svg,
    );
    let summary = ok(&[
        "census", "--degree", "4", "--field", "2", "-q", "--format", "csv",
    ]);
    let last = summary.lines().last().unwrap().trim_start_matches("# ");
    let max_periods: Vec<&str> = last.split(',').nth(6).unwrap().split(' ').collect();
    let ticks = elements(&text, "text", "xtick");
    let want: Vec<&str> = max_periods
        .iter()
        .map(|p| p.split(':').next().unwrap())
        .collect();
    assert_eq!(ticks, want);
    assert_eq!(elements(&text, "rect", "bar").len(), max_periods.len());
    assert_eq!(elements(&text, "text", "ylabel"), ["number of LFSRs"]);
    assert!(text.contains("max period 15: 2 LFSRs"), "{text}");
    // Cycle counts of degree 12 (2048 LFSRs) span far more than 100x: log scale, and more
    // bars than labels fit side by side.
    let text = plot_of(
        &[
            "census",
            "--degree",
            "12",
            "--field",
            "2",
            "--summary",
            "-q",
            "--plot",
            s,
            "--plot-of",
            "cycle-count",
        ],
        &svg,
    );
    assert_eq!(
        elements(&text, "text", "ylabel"),
        ["number of LFSRs (log scale)"]
    );
    let bars = elements(&text, "rect", "bar").len();
    let ticks = elements(&text, "text", "xtick").len();
    assert!(bars > 60 && ticks < bars, "{bars} bars, {ticks} labels");
    assert!(text.contains("number of cycles (the zero state's cycle included)"));
}

#[test]
fn bad_plot_paths_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "1,1\n").unwrap();
    let c = csv.to_str().unwrap();
    let missing = dir.path().join("no/such/dir/p.svg");
    let d = dir.path().to_str().unwrap();
    bad_input(
        &[
            "analyze",
            c,
            "--field",
            "2",
            "--plot",
            missing.to_str().unwrap(),
        ],
        &["--plot", "does not exist"],
    );
    bad_input(
        &["analyze", c, "--field", "2", "--plot", d],
        &["--plot", "is a directory"],
    );
    bad_input(
        &[
            "census",
            "--degree",
            "3",
            "--field",
            "2",
            "--plot",
            missing.to_str().unwrap(),
        ],
        &["--plot", "does not exist"],
    );
    bad_input(
        &[
            "analyze", c, "--field", "2", "--plot", "p.svg", "--shard", "1/2",
        ],
        &["--plot", "--shard"],
    );
    // Refused before any work: no report file either.
    let out = dir.path().join("report.txt");
    bad_input(
        &[
            "analyze",
            c,
            "--field",
            "2",
            "-o",
            out.to_str().unwrap(),
            "--plot",
            d,
        ],
        &["--plot"],
    );
    assert!(!out.exists());
    // --plot-of needs --plot.
    let o = run(&[
        "census",
        "--degree",
        "3",
        "--field",
        "2",
        "--plot-of",
        "cycle-count",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn memory_limit_flag_refuses_with_the_bytes_needed() {
    let dir = tempfile::tempdir().unwrap();
    // x^16 + x^3 + 1: 2^16 states.
    let row = format!("1,0,0,1{}\n", ",0".repeat(12));
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, row).unwrap();
    let err = bad_input(
        &[
            "analyze",
            csv.to_str().unwrap(),
            "--field",
            "2",
            "--method",
            "enumerate",
            "--memory-limit",
            "1M",
        ],
        &[
            "listing 65536 states needs about",
            "more than the memory limit of 1048576 bytes",
        ],
    );
    assert!(err.contains("in.csv:1:1"), "{err}");
    bad_input(
        &[
            "analyze",
            csv.to_str().unwrap(),
            "--field",
            "2",
            "--memory-limit",
            "lots",
        ],
        &["--memory-limit", "not a size"],
    );
}

/// Runs the binary with `args` under `ulimit -v kib` (through `sh -c`).
fn under_ulimit(kib: u64, args: &[&str]) -> std::process::Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    // Two workers: on a many-core machine every thread's stack and malloc arena would take
    // address space of their own, and the test is about the listing's allocations.
    let script = format!(
        "ulimit -v {kib} && exec '{}' {} --workers 2",
        bin(),
        quoted.join(" ")
    );
    Command::new("sh").args(["-c", &script]).output().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn too_little_memory_is_a_clear_refusal_never_an_abort() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    // x^22 + x + 1: 2^22 states; listing them needs about 300 MB.
    let row = format!("1,1{}\n", ",0".repeat(20));
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, row).unwrap();
    let c = csv.to_str().unwrap();
    let out_file = dir.path().join("out.txt");
    let o = out_file.to_str().unwrap();
    // 1. The default limit follows `ulimit -v` (or lower, if the machine has less): refused
    //    up front, naming the limit.
    let out = under_ulimit(
        200_000,
        &["analyze", c, "--field", "2", "--method", "enumerate", "-q"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.signal(), None, "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    let limit: u64 = err
        .split("more than the memory limit of ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no limit in: {err}"));
    assert!(limit <= 200_000 * 1024, "{err}");
    // 2. An explicit limit above what the system gives: the allocations fail, and that is
    //    reported (exit 2), not an abort (SIGABRT, as before issue 12).
    let out = under_ulimit(
        200_000,
        &[
            "analyze",
            c,
            "--field",
            "2",
            "--method",
            "enumerate",
            "-q",
            "--memory-limit",
            "8G",
            "-o",
            o,
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.signal(), None, "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("out of memory"), "{err}");
    assert!(!err.contains("memory allocation of"), "{err}");
    assert!(!out_file.exists(), "no partial report");
}
