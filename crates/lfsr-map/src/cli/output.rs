//! Where the report goes: stdout, or a file written atomically.
//!
//! With `-o FILE` the report is written to a temporary file in FILE's directory and renamed
//! over FILE only once it is complete. A run that fails (or is killed) before that leaves any
//! existing FILE untouched and no truncated report behind; the temporary file is removed on
//! failure. The temporary file is created before any work, so a missing directory is
//! reported at once.
//!
//! The guarantee is against failed and killed runs, not power loss: the file is not
//! `fsync`ed before the rename (that cost ~15 ms per run here, a third of the 16-bit full
//! report's budget); ext4's default `auto_da_alloc` flushes a file renamed over another.

use std::fs::File;
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
        /// The final destination.
        path: PathBuf,
    },
}

impl Sink {
    /// Opens stdout (`None`) or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Sink, CliError> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let shown = path.display();
        if path.is_dir() {
            return Err(CliError::Input(format!(
                "cannot write {shown}: it is a directory"
            )));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(CliError::Input(format!(
                "cannot write {shown}: directory {} does not exist",
                dir.display()
            )));
        }
        let file = temp_builder()
            .tempfile_in(dir)
            .map_err(|e| CliError::Input(format!("cannot write {shown}: {e}")))?;
        Ok(Sink::File {
            writer: BufWriter::with_capacity(1 << 16, file),
            path: path.to_path_buf(),
        })
    }

    /// The writer to render into.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { writer, .. } => writer,
        }
    }

    /// Flushes, and for a file renames the complete temporary file over the destination.
    pub fn commit(self) -> Result<(), CliError> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(write_error),
            Sink::File { writer, path } => {
                let tmp = writer
                    .into_inner()
                    .map_err(|e| write_error(e.into_error()))?;
                tmp.persist(&path).map(|_: File| ()).map_err(|e| {
                    CliError::Failure(format!("cannot write {}: {}", path.display(), e.error))
                })
            }
        }
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
    CliError::Failure(format!("cannot write the report: {e}"))
}
