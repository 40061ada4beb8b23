//! Events to drive through a handler: one JSON file per event in a folder, or JSON lines (one
//! event per line) from a file or any reader, such as standard input.

use std::io::BufRead;
use std::path::Path;

use serde_json::Value;

/// Every `*.json` file of `dir`, in file-name order, each one event.
pub fn from_dir(dir: impl AsRef<Path>) -> std::io::Result<Vec<Value>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir.as_ref())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)?;
            serde_json::from_str(&text).map_err(|e| invalid(path, e))
        })
        .collect()
}

/// The events of a JSON-lines file: one JSON document per line; blank lines are skipped.
pub fn from_json_lines_file(path: impl AsRef<Path>) -> std::io::Result<Vec<Value>> {
    let file = std::fs::File::open(path.as_ref())?;
    from_json_lines(std::io::BufReader::new(file))
}

/// The events of a JSON-lines reader (a file, standard input).
pub fn from_json_lines(reader: impl BufRead) -> std::io::Result<Vec<Value>> {
    let mut events = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let event = serde_json::from_str(&line).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("line {}: {e}", number + 1),
            )
        })?;
        events.push(event);
    }
    Ok(events)
}

fn invalid(path: &Path, error: serde_json::Error) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{}: {error}", path.display()),
    )
}
