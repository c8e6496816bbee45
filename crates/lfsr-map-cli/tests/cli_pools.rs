//! Pool strategies through the binary (`--pool`, `--stats`, `--idle-timeout`): the global
//! pool is created once and reused, `fresh` creates one per parallel call, idle workers are
//! reaped, every strategy gives byte-identical JSON, and no thread outlives the run.

mod cli_support;

use cli_support::{example, run, stat, stderr, stdout};

/// Every strategy this test binary's `lfsr-map` was built with.
fn strategies() -> Vec<&'static str> {
    let mut all = Vec::new();
    if cfg!(feature = "pool-simple") {
        all.push("simple");
    }
    if cfg!(feature = "pool-idle-timeout") {
        all.push("idle-timeout");
    }
    if cfg!(feature = "pool-scoped") {
        all.push("scoped");
    }
    all.extend(["fresh", "sequential"]);
    all
}

/// Runs with `--stats --format json -q`, returns (stdout, stderr) after checking success
/// and that no thread is alive after shutdown.
fn stats_run(args: &[&str]) -> (String, String) {
    let mut all = args.to_vec();
    all.extend(["--stats", "--format", "json", "-q"]);
    let out = run(&all);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {err}");
    assert_eq!(
        stat(&err, "threads_alive_after_shutdown"),
        0,
        "{all:?}: {err}"
    );
    assert_eq!(stat(&err, "panics_caught"), 0, "{err}");
    (stdout(&out), err)
}

/// Every analysis enumerates, so every one of them uses the pool.
const CENSUS10: &[&str] = &[
    "census",
    "--degree",
    "10",
    "--field",
    "2",
    "--workers",
    "2",
    "--method",
    "enumerate",
];

#[cfg(feature = "pool-simple")]
#[test]
fn simple_pool_is_created_once_for_the_whole_census() {
    let (json, err) = stats_run(&[CENSUS10, &["--pool", "simple"]].concat());
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["census"]["lfsrs"], 512);
    assert_eq!(stat(&err, "pools_created"), 1, "{err}");
    assert_eq!(
        stat(&err, "pool_grows"),
        0,
        "one worker count, no growth: {err}"
    );
    assert_eq!(stat(&err, "threads_spawned"), 2, "{err}");
    assert_eq!(stat(&err, "threads_retired"), 2, "{err}");
    assert!(
        stat(&err, "jobs_run") >= 512,
        "every analysis ran on the pool: {err}"
    );
}

#[test]
fn fresh_pool_is_created_per_parallel_call() {
    let (_, err) = stats_run(&[CENSUS10, &["--pool", "fresh"]].concat());
    let pools = stat(&err, "pools_created");
    // Every analysis that used the pool made its own; with 512 analyses that is many.
    assert!(pools >= 512, "{err}");
    assert_eq!(
        stat(&err, "threads_spawned"),
        stat(&err, "threads_retired"),
        "{err}"
    );
    let (_, err) = stats_run(&[CENSUS10, &["--pool", "sequential"]].concat());
    assert_eq!(stat(&err, "threads_spawned"), 0, "{err}");
}

#[cfg(feature = "pool-idle-timeout")]
#[test]
fn idle_timeout_reaps_between_analyses_and_gives_the_same_results() {
    // One slow analysis (factoring a dense degree-400 polynomial, ~0.1 s) and 20 quick ones:
    // in the first wave of the batch one worker factors while the other runs out of work
    // and idles far longer than 1 ms, so it is reaped; the next wave needs it again, so a
    // worker is spawned anew.
    let dir = tempfile::tempdir().unwrap();
    let mut state = 5u64;
    let mut bit = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 63).to_string()
    };
    let mut heavy = vec!["1".to_string()];
    heavy.extend((1..400).map(|_| bit()));
    let mut rows = vec![heavy.join(",")];
    for _ in 0..20 {
        rows.push(format!("1,{},{},1", bit(), bit()));
    }
    let file = dir.path().join("slow-then-quick.csv");
    std::fs::write(&file, rows.join("\n") + "\n").unwrap();
    let file = file.to_str().unwrap().to_string();
    let args = ["analyze", &file, "--field", "2", "--period-only"];
    let (warm, _) = stats_run(&[&args[..], &["--pool", "sequential"]].concat());
    let (json, err) = stats_run(
        &[
            &args[..],
            &[
                "--pool",
                "idle-timeout",
                "--idle-timeout",
                "1ms",
                "--workers",
                "2",
            ],
        ]
        .concat(),
    );
    assert!(stat(&err, "idle_reaps") > 0, "{err}");
    assert!(
        stat(&err, "threads_spawned") > 2,
        "workers came back after reaping: {err}"
    );
    assert_eq!(json, warm);
}

#[test]
fn every_strategy_gives_byte_identical_json() {
    let inputs: [&[&str]; 3] = [
        &[
            "analyze",
            &example("reference-gf2.csv"),
            "--field",
            "2",
            "--method",
            "enumerate",
        ],
        &["analyze", &example("reference-gf3.csv"), "--field", "3"],
        &["census", "--degree", "6", "--field", "3"],
    ];
    for input in inputs {
        let (reference, _) = stats_run(&[input, &["--pool", "sequential"]].concat());
        for pool in strategies() {
            for workers in ["1", "2", "3"] {
                let (json, _) =
                    stats_run(&[input, &["--pool", pool, "--workers", workers]].concat());
                assert!(
                    json == reference,
                    "{input:?} --pool {pool} --workers {workers}"
                );
            }
        }
    }
}

#[test]
fn every_strategy_leaves_no_thread_alive_even_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "1,1\n1,5\n").unwrap();
    for pool in strategies() {
        stats_run(&["census", "--degree", "8", "--field", "2", "--pool", pool]);
        // A failed run exits 2 and prints no stats (no pool was ever started).
        let out = run(&[
            "analyze",
            bad.to_str().unwrap(),
            "--field",
            "2",
            "--pool",
            pool,
        ]);
        assert_eq!(out.status.code(), Some(2));
    }
}

#[test]
fn strategies_not_compiled_in_are_refused() {
    let compiled = strategies();
    for pool in ["simple", "idle-timeout", "scoped"] {
        if !compiled.contains(&pool) {
            cli_support::bad_input(
                &["census", "--degree", "3", "--field", "2", "--pool", pool],
                &["unknown pool", "compiled into this binary"],
            );
        }
    }
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    // The bar only ever draws on a terminal; here stderr is a pipe.
    let out = run(&["census", "--degree", "9", "--field", "2"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "nothing but errors and --stats on stderr");
}

/// A multi-row CSV through the batch engine: small LFSRs (chunks), large ones (analyzed
/// alone, split across the workers: 2^16 and 2^17 states), singular ones, over GF(2) and
/// GF(4); the report is byte-identical, in every format, for every strategy and 1..=4
/// workers.
#[test]
fn a_multi_row_csv_is_byte_identical_for_every_pool_and_worker_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut gf2 = String::from("# small, large, singular\n");
    for k in 0..60u64 {
        let d = 2 + (k * 7 % 11) as usize; // degrees 2..=12
        let c: Vec<String> = (0..d)
            .map(|j| ((k >> (j % 6)) & 1 | u64::from(j == 0 && k % 5 != 0)).to_string())
            .collect();
        gf2.push_str(&c.join(","));
        gf2.push('\n');
        if k % 20 == 3 {
            // x^16+x^5+x^3+x^2+1 (primitive) and a random-looking degree 17
            gf2.push_str("1,0,1,1,0,1,0,0,0,0,0,0,0,0,0,0\n");
            gf2.push_str("1,1,0,0,1,0,1,1,0,0,0,1,0,1,0,0,1\n");
        }
    }
    let gf2_path = dir.path().join("gf2.csv");
    std::fs::write(&gf2_path, gf2).unwrap();
    let gf4_path = dir.path().join("gf4.csv");
    std::fs::write(
        &gf4_path,
        "1,2\n3,0,1\n0,1,2,3\n2,1,0,3,1,0,0,1\n1,1,1\n0,0,3\n",
    )
    .unwrap();
    let inputs: [Vec<&str>; 3] = [
        vec![
            "analyze",
            gf2_path.to_str().unwrap(),
            "--field",
            "2",
            "--method",
            "enumerate",
        ],
        vec![
            "analyze",
            gf2_path.to_str().unwrap(),
            "--field",
            "2",
            "--method",
            "enumerate",
            "--period-only",
        ],
        vec!["analyze", gf4_path.to_str().unwrap(), "--field", "4"],
    ];
    for input in &inputs {
        for format in ["text", "json", "csv"] {
            let base = [&input[..], &["--format", format, "-q", "--no-run-info"]].concat();
            let reference = cli_support::ok(&[&base[..], &["--pool", "sequential"]].concat());
            assert!(reference.lines().count() > 6, "{input:?} {format}");
            for pool in strategies() {
                for workers in ["1", "2", "3", "4"] {
                    let args = [&base[..], &["--pool", pool, "--workers", workers]].concat();
                    let out = cli_support::ok(&args);
                    assert!(out == reference, "{args:?} differs from --pool sequential");
                }
            }
        }
    }
}
