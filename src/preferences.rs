//! The researcher's preferences that are not part of any project: for now, the name they code
//! as. A small JSON file beside the recent-projects list in Tolk's config dir
//! ([`crate::recent::config_dir`]), written atomically. A file that cannot be read counts as no
//! preferences (and is replaced on the next write); unknown fields are dropped then.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::recent::{config_dir, write_atomically};
use crate::{Error, Result};

/// The file's name inside the config dir.
pub const FILE_NAME: &str = "preferences.json";

/// What is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// The name codings are made as («Jeg koder som …»); `None`: the OS user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
}

/// The preferences file at a path.
#[derive(Debug, Clone)]
pub struct PreferencesFile {
    file: PathBuf,
}

impl PreferencesFile {
    /// `preferences.json` in Tolk's config dir.
    pub fn default_location() -> Result<PreferencesFile> {
        Ok(PreferencesFile::at(config_dir()?.join(FILE_NAME)))
    }

    pub fn at(file: impl Into<PathBuf>) -> PreferencesFile {
        PreferencesFile { file: file.into() }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The stored preferences; defaults if the file is missing or unreadable.
    pub fn load(&self) -> Preferences {
        std::fs::read_to_string(&self.file)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Stores the coder name (trimmed NFC); an empty name goes back to the OS user name.
    pub fn set_coder(&self, name: &str) -> Result<Preferences> {
        let name: String = name.trim().nfc().collect();
        let mut prefs = self.load();
        prefs.coder = (!name.is_empty()).then_some(name);
        let body = serde_json::to_string_pretty(&prefs)
            .map_err(|e| Error::Invalid(format!("cannot write the preferences: {e}")))?;
        write_atomically(&self.file, &body)?;
        Ok(prefs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coder_round_trips_and_empty_resets() {
        let dir = tempfile::tempdir().unwrap();
        let file = PreferencesFile::at(dir.path().join("sub").join(FILE_NAME));
        assert_eq!(file.load(), Preferences::default(), "missing file");
        // "Kåre" written decomposed (a + combining ring) is stored NFC and trimmed.
        file.set_coder("  Ka\u{30a}re ").unwrap();
        assert_eq!(file.load().coder.as_deref(), Some("Kåre"));
        file.set_coder("   ").unwrap();
        assert_eq!(file.load().coder, None);
    }

    #[test]
    fn an_unreadable_file_counts_as_defaults_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{ not json").unwrap();
        let file = PreferencesFile::at(&path);
        assert_eq!(file.load(), Preferences::default());
        file.set_coder("kari").unwrap();
        assert_eq!(file.load().coder.as_deref(), Some("kari"));
    }
}
