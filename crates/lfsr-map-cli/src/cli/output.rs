//! Where the report goes: stdout, or a file written atomically.
//!
//! With `-o FILE` the report is written to a temporary file in FILE's directory and renamed
//! over FILE only once it is complete. A run that fails (or is killed) before that leaves any
//! existing FILE untouched and no truncated report behind; the temporary file is removed on
//! failure, and on a second Ctrl-C too (its path is registered with the interrupt handler).
//! The temporary file is created before any work, so a missing directory is reported at
//! once.
//!
//! Two exceptions to the rename:
//! - FILE is a symbolic link (or a chain of them): the link is resolved, and the report is
//!   written atomically next to the file it points to, replacing that file and leaving the
//!   link in place (a dangling link gets its target created).
//! - FILE exists and is not a regular file (a FIFO, `/dev/null`, `/dev/stdout`, a device):
//!   replacing it by a rename would destroy it, so the report is written into it directly,
//!   with no atomicity (opening a FIFO waits for a reader).
//!
//! The guarantee is against failed and killed runs, not power loss: the file is not
//! `fsync`ed before the rename (that cost ~15 ms per run here, a third of the 16-bit full
//! report's budget); ext4's default `auto_da_alloc` flushes a file renamed over another.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::CliError;

/// An open report destination.
pub enum Sink {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on [`Sink::commit`].
    File {
        /// Buffered writer over the temporary file.
        writer: BufWriter<NamedTempFile>,
        /// The final destination, symbolic links resolved.
        path: PathBuf,
        /// The destination as the user named it, for messages.
        shown: String,
        /// Keeps the temporary file's path known to the Ctrl-C handler while it exists.
        _registered: TempRegistration,
    },
    /// An existing non-regular file (FIFO, device), written in place.
    Direct(BufWriter<File>),
}

/// Symbolic-link hops followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

impl Sink {
    /// Opens stdout (`None`), an existing non-regular file in place, or a temporary file
    /// beside `path` (beside the file it links to, for a symbolic link).
    pub fn open(path: Option<&Path>) -> Result<Sink, CliError> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let shown = path.display().to_string();
        let cannot = |why: &dyn std::fmt::Display| format!("cannot write {shown}: {why}");
        if path.is_dir() {
            return Err(CliError::Input(cannot(&"it is a directory")));
        }
        if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let file = File::options()
                .write(true)
                .open(path)
                .map_err(|e| CliError::Input(cannot(&e)))?;
            return Ok(Sink::Direct(BufWriter::with_capacity(1 << 16, file)));
        }
        let real = resolve_links(path).map_err(|e| CliError::Input(cannot(&e)))?;
        let dir = match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(CliError::Input(cannot(&format!(
                "directory {} does not exist",
                dir.display()
            ))));
        }
        let file = temp_builder()
            .tempfile_in(dir)
            .map_err(|e| CliError::Input(cannot(&without_temp_path(&e))))?;
        Ok(Sink::File {
            _registered: TempRegistration::new(file.path()),
            writer: BufWriter::with_capacity(1 << 16, file),
            path: real,
            shown,
        })
    }

    /// The writer to render into.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { writer, .. } => writer,
            Sink::Direct(w) => w,
        }
    }

    /// Flushes, and for a file renames the complete temporary file over the destination.
    pub fn commit(self) -> Result<(), CliError> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(write_error),
            Sink::Direct(mut w) => w.flush().map_err(write_error),
            Sink::File {
                writer,
                path,
                shown,
                _registered,
            } => {
                let tmp = writer
                    .into_inner()
                    .map_err(|e| write_error(e.into_error()))?;
                tmp.persist(&path)
                    .map(|_: File| ())
                    .map_err(|e| CliError::Failure(format!("cannot write {shown}: {}", e.error)))
            }
        }
    }
}

/// `path` with every symbolic link along the last component followed (relative targets
/// are relative to the link's directory); a dangling link resolves to its target.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut real = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&real) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&real)?;
                real = match real.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(real),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// tempfile's message names the temporary file ("... at path \"/d/.lfsr-map-x.tmp\""), an
/// internal detail; the user named the destination.
fn without_temp_path(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The temporary file's path, known to the Ctrl-C handler until this is dropped (when the
/// file was renamed into place or removed).
pub struct TempRegistration;

impl TempRegistration {
    fn new(path: &Path) -> Self {
        super::interrupt::register_temp(Some(path.to_path_buf()));
        TempRegistration
    }
}

impl Drop for TempRegistration {
    fn drop(&mut self) {
        super::interrupt::register_temp(None);
    }
}

fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".lfsr-map-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The report should get the usual permissions (0666 minus umask), not tempfile's 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
}

/// A failed write of the report (exit code 1; silent when the reader closed the pipe, as
/// in `lfsr-map ... | head`).
pub fn write_error(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return CliError::Failure(String::new());
    }
    if e.kind() == io::ErrorKind::OutOfMemory {
        // The fallible report buffer: too little memory for this input is an input limit.
        return CliError::Input(format!(
            "out of memory: {e} (--period-only lists no states; a lower --memory-limit \
             refuses such a run up front)"
        ));
    }
    CliError::Failure(format!("cannot write the report: {e}"))
}
