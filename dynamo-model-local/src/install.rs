//! Installing the engine: a virtual environment holding exactly the packages pinned in
//! `engine/requirements.txt`, made once per pin set and Python version in a cache folder and
//! shared by every process after that.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{LocalError, last_lines};

/// The moto release the engine runs; `engine/requirements.txt` pins it and everything it needs.
pub const MOTO_VERSION: &str = "5.2.5";

/// The environment variable naming the folder the engine is installed into.
pub const LOCAL_DIR_ENV: &str = "DYNAMO_MODEL_LOCAL_DIR";

/// The pinned package set, shipped in the crate.
const REQUIREMENTS: &str = include_str!("../engine/requirements.txt");

/// The oldest Python the pinned packages support.
const MIN_PYTHON: (u32, u32) = (3, 10);

/// Written last into a finished environment: the packages pip reports as installed.
const INSTALLED_LIST: &str = "installed.txt";

/// An installed engine: the Python of its virtual environment.
#[derive(Debug, Clone)]
pub(crate) struct Installed {
    pub(crate) python: PathBuf,
    pub(crate) dir: PathBuf,
}

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

/// Returns the installed engine under `root`, installing it first if it is not there yet.
///
/// Several processes may start at once (test binaries start in parallel): the first to take the
/// install lock installs, the others wait and use its copy. The install goes into a folder of
/// its own and is renamed into place, so the final folder only ever exists complete, with or
/// without the lock.
pub(crate) fn ensure_installed(root: &Path, python: &OsStr) -> Result<Installed, LocalError> {
    let version = python_version(python)?;
    let target = root.join(format!(
        "moto-{MOTO_VERSION}-py{}.{}-{:08x}",
        version.0,
        version.1,
        fingerprint(REQUIREMENTS)
    ));
    if let Some(installed) = complete(&target) {
        return Ok(installed);
    }
    std::fs::create_dir_all(root).map_err(|e| LocalError::io("creating", root, &e))?;
    // One install at a time: the others wait, then use its copy instead of making their own.
    // Where the file system cannot lock, installs run side by side and the rename below still
    // keeps the folder whole.
    let _lock = install_lock(root);
    if let Some(installed) = complete(&target) {
        return Ok(installed);
    }
    let staging = root.join(format!(".installing-{}-{}", std::process::id(), nanos()));
    let result = install_into(python, &staging).and_then(|()| {
        if target.exists() && complete(&target).is_none() {
            // A folder left by hand or by an older layout, or one whose Python is gone: it can
            // never be used, so ours replaces it.
            let _ = std::fs::remove_dir_all(&target);
        }
        match std::fs::rename(&staging, &target) {
            Ok(()) => Ok(()),
            // Another process finished first; its copy is as good as ours.
            Err(_) if complete(&target).is_some() => Ok(()),
            Err(e) => Err(LocalError::io("moving the install into", &target, &e)),
        }
    });
    // Left behind only when we lost the race or failed; never needed again.
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    complete(&target).ok_or_else(|| LocalError::Install {
        detail: format!("{} holds no finished environment", target.display()),
    })
}

/// An exclusive lock on `root/.install.lock`, held until dropped; `None` where it cannot be had.
fn install_lock(root: &Path) -> Option<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".install.lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// The environment in `dir`, if it was finished (its package list is written last) and its
/// Python still runs from there.
fn complete(dir: &Path) -> Option<Installed> {
    let python = venv_python(dir);
    (dir.join(INSTALLED_LIST).is_file() && python.is_file()).then(|| Installed {
        python,
        dir: dir.to_owned(),
    })
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// `python --version`'s major and minor, telling "no Python" and "too old a Python" apart from
/// other failures before anything is installed.
fn python_version(python: &OsStr) -> Result<(u32, u32), LocalError> {
    let program = python.to_string_lossy().into_owned();
    let output =
        run(Command::new(python).args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]))
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound => LocalError::PythonMissing {
                    program: program.clone(),
                },
                _ => LocalError::io("running", Path::new(python), &e),
            })?;
    let text = String::from_utf8_lossy(&output.stdout);
    let parsed = text
        .trim()
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?)));
    match parsed {
        Some(version) if output.status.success() && version >= MIN_PYTHON => Ok(version),
        Some((major, minor)) if output.status.success() => Err(LocalError::PythonTooOld {
            program,
            version: format!("{major}.{minor}"),
        }),
        // Something answered to the name but is no working Python 3 (Python 2 prints no
        // version in this form).
        _ => Err(LocalError::PythonMissing { program }),
    }
}

/// Makes a virtual environment in `venv` and installs the pinned packages into it.
///
/// When `python` has a pip that can install into another environment (`pip --python`, pip
/// 22.3 and later), that pip installs into an environment made without one: the engine never
/// runs pip, and making an environment with pip in it (and setuptools, before Python 3.12)
/// takes longer than the rest of the set-up but the download. Otherwise the environment gets
/// a pip of its own.
fn install_into(python: &OsStr, venv: &Path) -> Result<(), LocalError> {
    let program = python.to_string_lossy().into_owned();
    let outside_pip = pip_installs_elsewhere(python);
    let mut make = Command::new(python);
    make.args(["-m", "venv"]);
    if outside_pip {
        make.arg("--without-pip");
    }
    let output =
        run(make.arg(venv)).map_err(|e| LocalError::io("running", Path::new(python), &e))?;
    if !output.status.success() {
        return Err(venv_failure(&program, &output, "python -m venv"));
    }
    let requirements = venv.join("requirements.txt");
    std::fs::write(&requirements, REQUIREMENTS)
        .map_err(|e| LocalError::io("writing", &requirements, &e))?;
    let venv_python = venv_python(venv);
    let pip = |args: &[&OsStr]| {
        let (runner, mut command) = if outside_pip {
            let mut command = Command::new(python);
            command.args(["-m", "pip", "--python"]).arg(&venv_python);
            (Path::new(python), command)
        } else {
            let mut command = Command::new(&venv_python);
            command.args(["-m", "pip"]);
            (venv_python.as_path(), command)
        };
        run(command
            .args(["--disable-pip-version-check", "--no-input"])
            .args(args))
        .map_err(|e| LocalError::io("running", runner, &e))
    };
    // `--no-deps`: exactly the pinned list is installed, nothing a resolver picks on the day.
    // `--no-compile`: compiling every module of botocore up front costs more than the engine's
    // first start spends compiling the few it imports.
    let output = pip(&[
        "install".as_ref(),
        "--quiet".as_ref(),
        "--no-deps".as_ref(),
        "--no-compile".as_ref(),
        "--requirement".as_ref(),
        requirements.as_os_str(),
    ])?;
    if !output.status.success() {
        return Err(venv_failure(&program, &output, "pip install"));
    }
    // The list is complete only if every package finds what it requires in it.
    let check = pip(&["check".as_ref()])?;
    if !check.status.success() {
        return Err(LocalError::Install {
            detail: format!(
                "the pinned packages are incomplete for this Python:\n{}",
                last_lines(&String::from_utf8_lossy(&check.stdout), 20)
            ),
        });
    }
    let freeze = pip(&["freeze".as_ref()])?;
    let list = venv.join(INSTALLED_LIST);
    std::fs::write(&list, &freeze.stdout).map_err(|e| LocalError::io("writing", &list, &e))
}

/// Whether `python -m pip` runs and is recent enough for `--python` (pip 22.3).
fn pip_installs_elsewhere(python: &OsStr) -> bool {
    let Ok(output) =
        run(Command::new(python).args(["-m", "pip", "--disable-pip-version-check", "--version"]))
    else {
        return false;
    };
    output.status.success()
        && pip_version(&String::from_utf8_lossy(&output.stdout)).is_some_and(|v| v >= (22, 3))
}

/// The major and minor version in `pip --version`'s answer, e.g. `pip 23.2.1 from
/// /usr/lib/python3/dist-packages/pip (python 3.11)`.
fn pip_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text
        .strip_prefix("pip ")?
        .split(|c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// The error for a failed `venv` or `pip` step: a missing venv or pip module (Debian and
/// Ubuntu ship them apart from Python) is the one sentence saying what to install; anything
/// else quotes the tool's output.
fn venv_failure(program: &str, output: &Output, step: &str) -> LocalError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = format!("{stdout}\n{stderr}");
    let missing = [
        ("ensurepip is not", "ensurepip is not available"),
        ("No module named ensurepip", "ensurepip is not available"),
        ("No module named venv", "the venv module is missing"),
        ("No module named pip", "pip is missing"),
    ]
    .into_iter()
    .find(|(sign, _)| text.contains(sign));
    match missing {
        Some((_, detail)) => LocalError::VenvMissing {
            program: program.to_owned(),
            detail: detail.to_owned(),
        },
        None => LocalError::Install {
            detail: format!(
                "`{step}` failed ({}):\n{}",
                output.status,
                last_lines(text.trim(), 20)
            ),
        },
    }
}

fn run(command: &mut Command) -> std::io::Result<Output> {
    command.stdin(Stdio::null()).output()
}

/// FNV-1a: a stable name for a pin set, so a changed list installs afresh beside the old one.
fn fingerprint(text: &str) -> u32 {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash >> 32) as u32 ^ hash as u32
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pins_name_the_moto_version_and_pin_every_package() {
        assert!(REQUIREMENTS.contains(&format!("moto[dynamodb]=={MOTO_VERSION}\n")));
        for line in REQUIREMENTS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let requirement = line.split(';').next().unwrap_or(line);
            assert!(requirement.contains("=="), "not pinned: {line}");
        }
    }

    #[test]
    fn pip_versions_are_read_from_its_answer() {
        let answer = "pip 23.2.1 from /usr/lib/python3/dist-packages/pip (python 3.11)";
        assert_eq!(pip_version(answer), Some((23, 2)));
        assert_eq!(
            pip_version("pip 24.0 from /x (python 3.12)\n"),
            Some((24, 0))
        );
        assert_eq!(pip_version("3.8"), None);
        assert_eq!(pip_version("pip unknown"), None);
    }

    #[test]
    fn a_changed_pin_set_gets_another_folder() {
        assert_ne!(fingerprint("moto==1"), fingerprint("moto==2"));
        assert_eq!(fingerprint(REQUIREMENTS), fingerprint(REQUIREMENTS));
    }
}
