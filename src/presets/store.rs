//! Saved presets: one RON file per preset in the data directory (`directories::ProjectDirs`, or
//! `HEADROOM_DATA_DIR`). Writes are atomic — a temporary file in the same directory, fsync, rename —
//! and never replace an existing file unless the caller says so.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::format::{Preset, PresetError, read_file, to_ron};

/// Overrides the data directory (tests, and teams that keep presets in a repository).
pub const DATA_DIR_ENV: &str = "HEADROOM_DATA_DIR";

const EXTENSION: &str = "ron";
const LAST_USED: &str = "last-preset";
const MAX_NAME: usize = 64;

/// A saved preset found in the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub name: String,
    pub description: String,
    pub path: PathBuf,
}

/// Why a save did not happen (the store's error).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A preset of that name exists; saving again needs explicit confirmation.
    #[error("{} already exists: use --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Refused(#[from] PresetError),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The platform data directory, or `HEADROOM_DATA_DIR`.
    pub fn open() -> Result<Store, PresetError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Store::at(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("dev", "headroom", "headroom")
            .map(|d| Store::at(d.data_dir().to_path_buf()))
            .ok_or_else(|| {
                PresetError::new(format!(
                    "no home directory to keep presets in: set {DATA_DIR_ENV}"
                ))
            })
    }

    pub fn at(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// Removes temporary files that interrupted saves left behind (older than an hour, so a save in
    /// progress in another process is never touched). Returns how many were removed.
    pub fn clean_stale_temps(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let hour = std::time::Duration::from_secs(3600);
        entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(".headroom-") && name.ends_with(".tmp")
            })
            .filter(|e| {
                e.metadata().is_ok_and(|m| {
                    m.file_type().is_file()
                        && m.modified()
                            .ok()
                            .and_then(|t| t.elapsed().ok())
                            .is_some_and(|age| age > hour)
                })
            })
            .filter(|e| fs::remove_file(e.path()).is_ok())
            .count()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a preset of this name is kept; refuses names that are not safe file names.
    pub fn path_for(&self, name: &str) -> Result<PathBuf, PresetError> {
        check_name(name)?;
        Ok(self.dir.join(format!("{name}.{EXTENSION}")))
    }

    /// Every saved preset, and a message for each file that could not be read. A missing directory is
    /// simply empty.
    pub fn list(&self) -> (Vec<Saved>, Vec<PresetError>) {
        let (mut saved, mut problems) = (Vec::new(), Vec::new());
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (saved, problems),
            Err(e) => {
                return (
                    saved,
                    vec![PresetError::new(format!(
                        "cannot read {}: {e}",
                        self.dir.display()
                    ))],
                );
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden || path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            match read_file(&path) {
                Ok(p) => saved.push(Saved {
                    name: stem(&path),
                    description: p.description,
                    path,
                }),
                Err(e) => problems.push(e),
            }
        }
        saved.sort_by(|a, b| a.name.cmp(&b.name));
        (saved, problems)
    }

    /// A saved preset by name; its file name is the name, whatever the file says inside.
    pub fn load(&self, name: &str) -> Result<Preset, PresetError> {
        let path = self.path_for(name)?;
        if !path.exists() {
            return Err(PresetError::new(format!(
                "there is no saved preset `{name}` in {}",
                self.dir.display()
            )));
        }
        let mut preset = read_file(&path)?;
        preset.name = name.to_string();
        Ok(preset)
    }

    /// Saves atomically under `preset.name`. An existing preset is replaced only with `overwrite`.
    pub fn save(&self, preset: &Preset, overwrite: bool) -> Result<PathBuf, SaveError> {
        if super::is_builtin(&preset.name) {
            return Err(PresetError::new(format!(
                "`{}` is a built-in preset: save under another name",
                preset.name
            ))
            .into());
        }
        let path = self.path_for(&preset.name)?;
        let text = to_ron(preset);
        // Saved RON can be larger than the file it came from (comments out, every field written): never
        // write a preset that reading would then refuse.
        if text.len() as u64 > super::format::MAX_BYTES {
            return Err(PresetError::new(format!(
                "`{}` would be saved as {} of RON, more than a preset's 1 MiB limit: nothing was written",
                preset.name,
                crate::format::gib(text.len() as f64 / 1024.0 / 1024.0 / 1024.0)
            ))
            .into());
        }
        self.create_dir()?;
        write_atomic(&path, &text, overwrite)?;
        Ok(path)
    }

    /// The first half of a save, exposed so a test can stop there: the complete new file, flushed to
    /// disk under a hidden temporary name beside the target. The old preset is untouched until the rename.
    pub fn write_temp(&self, preset: &Preset) -> Result<PathBuf, PresetError> {
        let path = self.path_for(&preset.name)?;
        self.create_dir()?;
        let temp = stage(&path, &to_ron(preset))?;
        temp.keep().map(|(_, kept)| kept).map_err(|e| {
            PresetError::io(
                format!("cannot write {}: {}", path.display(), e.error),
                e.error,
            )
        })
    }

    fn create_dir(&self) -> Result<(), PresetError> {
        if self.dir.exists() && !self.dir.is_dir() {
            return Err(PresetError::new(format!(
                "the preset directory {} is a file, not a directory: move it, or point {DATA_DIR_ENV} elsewhere",
                self.dir.display()
            )));
        }
        fs::create_dir_all(&self.dir).map_err(|e| {
            PresetError::io(
                format!(
                    "cannot create the preset directory {}: {e}",
                    self.dir.display()
                ),
                e,
            )
        })
    }

    pub fn delete(&self, name: &str) -> Result<PathBuf, PresetError> {
        if super::is_builtin(name) {
            return Err(PresetError::new(format!(
                "`{name}` is a built-in preset and cannot be deleted"
            )));
        }
        let path = self.path_for(name)?;
        fs::remove_file(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                PresetError::new(format!("there is no saved preset `{name}`"))
            }
            _ => PresetError::io(format!("cannot delete {}: {e}", path.display()), e),
        })?;
        Ok(path)
    }

    /// The preset the planner showed last, if it was recorded. Only a regular file is read, and only
    /// its first bytes: a link to a device or a FIFO planted in a shared directory must not hang the planner.
    pub fn last_used(&self) -> Option<String> {
        let path = self.dir.join(LAST_USED);
        if !fs::symlink_metadata(&path).ok()?.file_type().is_file() {
            return None;
        }
        let mut text = String::new();
        fs::File::open(&path)
            .ok()?
            .take(4 * MAX_NAME as u64)
            .read_to_string(&mut text)
            .ok()?;
        let name = text.trim();
        (check_name(name).is_ok()).then(|| name.to_string())
    }

    /// Records the preset in use; failing to is not worth interrupting anyone for. The record is
    /// replaced by rename, so a link planted under its name is replaced, never written through, and
    /// anything that is not a regular file or a link is left alone.
    pub fn set_last_used(&self, name: &str) {
        let path = self.dir.join(LAST_USED);
        let kind = fs::symlink_metadata(&path).map(|m| m.file_type());
        let replaceable = kind.is_err() || kind.is_ok_and(|k| k.is_file() || k.is_symlink());
        if replaceable && check_name(name).is_ok() && fs::create_dir_all(&self.dir).is_ok() {
            let _ = write_atomic(&path, name, true);
        }
    }
}

/// A preset name is a safe file name: 1–64 letters, digits, spaces, `-`, `_` or `.`, not hidden, not
/// `..`, and not a name Windows reserves for devices.
pub fn check_name(name: &str) -> Result<(), PresetError> {
    let refuse = |why: &str| {
        Err(PresetError::new(format!(
            "`{name}` cannot be a preset name: {why}"
        )))
    };
    if name.trim().is_empty() {
        return Err(PresetError::new("a preset needs a name"));
    }
    if name.chars().count() > MAX_NAME {
        return refuse(&format!("it is longer than {MAX_NAME} characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ')))
    {
        return refuse(&format!(
            "use letters, digits, spaces, `-`, `_` or `.`, not `{}`",
            c.escape_default()
        ));
    }
    if name.starts_with('.') || name.starts_with(' ') || name.ends_with('.') || name.ends_with(' ')
    {
        return refuse("it may not start or end with a dot or a space");
    }
    let base = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&base.as_str())
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        return refuse("Windows reserves it for a device");
    }
    Ok(())
}

/// Writes `text` to `path` atomically: a temporary file with a random name created exclusively in the same
/// directory, flushed, then renamed into place. Without `overwrite` the rename itself refuses an existing
/// file (`persist_noclobber`), so two writers racing for one name cannot both succeed. Only a regular file
/// (or a link, which is replaced, not followed) is ever replaced, and it keeps its permissions.
pub fn write_atomic(path: &Path, text: &str, overwrite: bool) -> Result<(), SaveError> {
    let refused = |why: String| SaveError::Refused(PresetError::new(why));
    let existing = fs::symlink_metadata(path).ok();
    if let Some(m) = &existing {
        let kind = m.file_type();
        if !(kind.is_file() || kind.is_symlink()) {
            return Err(refused(format!(
                "{} is not a regular file (a directory, FIFO or device): refusing to replace it",
                path.display()
            )));
        }
        if !overwrite {
            return Err(SaveError::Exists(path.to_path_buf()));
        }
    }
    let temp = stage(path, text)?;
    if let Some(m) = existing.filter(|m| m.file_type().is_file()) {
        let _ = temp.as_file().set_permissions(m.permissions());
    }
    let done = if overwrite {
        temp.persist(path).map(|_| ())
    } else {
        temp.persist_noclobber(path).map(|_| ())
    };
    done.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            SaveError::Exists(path.to_path_buf())
        } else {
            SaveError::Refused(PresetError::io(
                format!("cannot write {}: {}", path.display(), e.error),
                e.error,
            ))
        }
    })?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// The new content, complete and flushed, in a fresh hidden file beside `path` (random name, created
/// with `O_EXCL`: a link planted under a predictable name cannot redirect it). Dropped unpersisted, it is
/// removed.
fn stage(path: &Path, text: &str) -> Result<tempfile::NamedTempFile, PresetError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let cannot =
        |e: std::io::Error| PresetError::io(format!("cannot write {}: {e}", path.display()), e);
    let mut temp = tempfile::Builder::new()
        .prefix(".headroom-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(cannot)?;
    temp.write_all(text.as_bytes()).map_err(cannot)?;
    temp.as_file().sync_all().map_err(cannot)?;
    Ok(temp)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Makes a rename durable on file systems that need the directory flushed too.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
