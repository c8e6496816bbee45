//! `--shard K/N` and `lfsr-map merge`: merged parts are the unsharded report byte for byte,
//! and merge refuses what is not exactly the parts of one job.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli_support::{bad_input, example, run, stderr};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_lfsr-map")
}

/// The output of `lfsr-map ARGS -q`, checked to succeed.
fn output(args: &[&str]) -> Vec<u8> {
    let mut all = args.to_vec();
    // The RUN block (start time, total time) differs between any two runs.
    all.extend(["-q", "--no-run-info"]);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
    out.stdout
}

/// Runs every shard of `args` into `dir` (in reverse order, as a cluster might) and returns
/// the part files.
fn shards(dir: &Path, args: &[&str], n: u32) -> Vec<PathBuf> {
    let mut parts = Vec::new();
    for k in (1..=n).rev() {
        let path = dir.join(format!("part-{k}-of-{n}"));
        let shard = format!("{k}/{n}");
        let mut all = args.to_vec();
        all.extend(["-q", "--shard", &shard, "-o", path.to_str().unwrap()]);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
        parts.push(path);
    }
    parts
}

fn merge(parts: &[PathBuf]) -> Vec<u8> {
    let out = Command::new(bin())
        .arg("merge")
        .args(parts)
        .arg("--no-run-info")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out.stdout
}

#[test]
fn merged_shards_are_the_unsharded_report_byte_for_byte() {
    let reference = example("reference-gf2.csv");
    let jobs: Vec<Vec<&str>> = vec![
        vec![
            "census",
            "--summary",
            "--degree",
            "16",
            "--field",
            "2",
            "--format",
            "json",
        ],
        vec![
            "census",
            "--summary",
            "--degree",
            "20",
            "--field",
            "2",
            "--format",
            "text",
        ],
        vec![
            "census",
            "--degree",
            "8",
            "--field",
            "3",
            "--include-singular",
            "--format",
            "json",
        ],
        vec!["analyze", &reference, "--field", "2", "--format", "csv"],
        vec![
            "analyze",
            &reference,
            "--field",
            "2",
            "--period-only",
            "--format",
            "json",
        ],
    ];
    for job in &jobs {
        let whole = output(job);
        for n in [1, 2, 3, 8, 64] {
            let dir = tempfile::tempdir().unwrap();
            let parts = shards(dir.path(), job, n);
            let merged = merge(&parts);
            assert!(merged == whole, "{job:?} in {n} parts");
        }
    }
}

#[test]
fn merge_refuses_what_is_not_one_whole_job() {
    let dir = tempfile::tempdir().unwrap();
    let census = ["census", "--summary", "--degree", "10", "--field", "2"];
    let parts = shards(dir.path(), &census, 3);
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();
    let (p3, p2, p1) = (s(&parts[0]), s(&parts[1]), s(&parts[2]));
    // a missing part, named by its K
    bad_input(
        &["merge", &p1, &p3],
        &["parts missing: 2 of 3", "--shard K/3"],
    );
    // a part twice
    bad_input(&["merge", &p1, &p2, &p3, &p1], &["part 1/3 given twice"]);
    // parts of another job (another degree)
    let other_dir = tempfile::tempdir().unwrap();
    let other = shards(
        other_dir.path(),
        &["census", "--summary", "--degree", "11", "--field", "2"],
        3,
    );
    bad_input(
        &["merge", &p1, &p2, &s(&other[0])],
        &["parts of different jobs"],
    );
    // a truncated part
    let text = std::fs::read(&parts[1]).unwrap();
    let cut = dir.path().join("cut");
    std::fs::write(&cut, &text[..text.len() - 10]).unwrap();
    bad_input(
        &["merge", &p1, &s(&cut), &p3],
        &["cut", "truncated or edited"],
    );
    // an edited part (one count changed, the checksum kept)
    let edited = String::from_utf8(text)
        .unwrap()
        .replacen("counts ", "counts 9", 1);
    let path = dir.path().join("edited");
    std::fs::write(&path, edited).unwrap();
    bad_input(&["merge", &p1, &s(&path), &p3], &["edited", "checksum"]);
    // not a part at all
    bad_input(
        &["merge", &example("reference-gf2.csv")],
        &["reference-gf2.csv", "not an lfsr-map part file"],
    );
    // and the good parts still merge
    merge(&[parts[2].clone(), parts[1].clone(), parts[0].clone()]);
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    for bad in ["0/4", "5/4", "x", "1/0"] {
        let out = run(&[
            "census",
            "--summary",
            "--degree",
            "8",
            "--field",
            "2",
            "--shard",
            bad,
        ]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("--shard"), "{}", stderr(&out));
    }
}

#[cfg(unix)]
#[test]
fn the_slurm_example_played_by_a_loop_gives_the_unsharded_census() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("census.json");
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/slurm/play-scheduler.sh");
    let status = Command::new("bash")
        .arg(script)
        .current_dir(dir.path())
        .env("LFSR_MAP", bin())
        .env("N", "8")
        .env("DEGREE", "18")
        .env("PARTS_DIR", dir.path().join("parts"))
        .env("OUT", &out)
        .status()
        .unwrap();
    assert!(status.success());
    let whole = output(&[
        "census",
        "--summary",
        "--degree",
        "18",
        "--field",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(std::fs::read(&out).unwrap(), whole);
}
