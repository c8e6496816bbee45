//! Where `-o` writes: FIFOs and other non-regular files in place, symbolic links resolved,
//! the temporary file never left behind (not even by a second Ctrl-C), and messages that
//! name the destination.

mod cli_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cli_support::{bad_input, ok, run};

const POLY: [&str; 4] = ["poly", "x^4+x+1", "--field", "2"];

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    match Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: no mkfifo binary");
            return;
        }
    }
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = run(&[&POLY[..], &["-o", fifo.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", cli_support::stderr(&out));
    let got = reader.wait_with_output().unwrap();
    let text = String::from_utf8(got.stdout).unwrap();
    assert!(text.contains("PRIMITIVE: yes"), "{text}");
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("real");
    std::fs::create_dir(&sub).unwrap();
    let target = sub.join("report.txt");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real/report.txt", &link).unwrap();
    ok(&[&POLY[..], &["-o", link.to_str().unwrap()]].concat());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("real/report.txt")
    );
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("PRIMITIVE: yes"));
    assert!(temp_files(dir.path()).is_empty() && temp_files(&sub).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_destination_is_named_not_the_temporary_file() {
    let err = bad_input(
        &[&POLY[..], &["-o", "/proc/x.txt"]].concat(),
        &["cannot write /proc/x.txt"],
    );
    assert!(
        !err.contains(".lfsr-map-") && !err.contains(".tmp"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_second_ctrl_c_removes_the_temporary_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.txt");
    std::fs::write(&out, "old").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
        .args(["census", "--degree", "16", "--field", "2", "-o"])
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while temp_files(dir.path()).is_empty() {
        assert!(Instant::now() < deadline, "the run never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    // Both signals before the run can wind down: the second one exits at once.
    let pid = child.id().to_string();
    let status = Command::new("sh")
        .args(["-c", &format!("kill -INT {pid}; kill -INT {pid}")])
        .status()
        .unwrap();
    assert!(status.success());
    let result = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert!(
        temp_files(dir.path()).is_empty(),
        "the temporary file is removed"
    );
}
