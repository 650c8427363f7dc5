//! Reading files a teammate may have sent: only regular files, and never more than a limit. A FIFO or a
//! link to `/dev/zero` named `*.ron` must be refused at once, not hang or fill memory.

use std::io::Read;
use std::path::Path;

/// The bytes of `path` when it is a regular file (links are followed to one) of at most `limit` bytes;
/// otherwise a sentence saying why not.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file (a directory, FIFO or device): refusing to read it"
        ));
    }
    if meta.len() > limit {
        return Err(too_big(path, limit));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    // The size can change between the check and the read: read one byte past the limit to notice.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, limit));
    }
    Ok(bytes)
}

fn too_big(path: &Path, limit: u64) -> String {
    format!(
        "{} is more than {}, the limit for this kind of file: is it the right file?",
        path.display(),
        crate::format::gib(limit as f64 / 1024.0 / 1024.0 / 1024.0)
    )
}
