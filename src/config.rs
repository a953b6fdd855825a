//! The note-taker's settings: a RON file in the platform's config folder (`config.ron` in
//! `~/.config/scribe/` on Linux), as gitui keeps its key bindings. It rebinds keys by action
//! name, picks the colours, turns the mouse and the W3C habits on or off, and gives defaults
//! for exports and speaking limits. A file that is missing gives the defaults; a file that is
//! wrong gives the defaults too, and says where it is wrong (line and column): the console
//! never fails to start over its settings. `scribe config --default` prints a commented file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};

use crate::export::Format;
use crate::store::safe::{self, Links};
use crate::text::printable_path;
use crate::theme::ThemeName;

/// Largest settings file read.
const LIMIT: u64 = 1 << 20;

/// What the settings file can say; every field may be left out.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Keys by action name (`"queue.add": ["F2", "Ctrl-a"]`): they replace the built-in keys
    /// of that action wherever it is bound.
    pub keys: BTreeMap<String, Vec<String>>,
    /// `dark` (the default) or `light`.
    pub theme: ThemeName,
    /// Colours of some styles (`"speaker": "blue"`).
    pub colors: BTreeMap<String, String>,
    /// Mouse wheel scrolls the minutes (selecting text then needs Shift held).
    pub mouse: bool,
    /// What F7 and `/export` write: md, html, txt or docx.
    pub export_format: String,
    /// The language of exports when the meeting sets none (`en`, `fr`).
    pub language: Option<String>,
    /// A speaking limit for everyone in new meetings (`3m`).
    pub speaking_limit: Option<String>,
    /// Read W3C habits typed without the slash (`q+ NAME`, `RESOLUTION: …`).
    pub habits: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keys: BTreeMap::new(),
            theme: ThemeName::Dark,
            colors: BTreeMap::new(),
            mouse: false,
            export_format: "md".into(),
            language: None,
            speaking_limit: None,
            habits: true,
        }
    }
}

/// The settings file scribe reads: `SCRIBE_CONFIG` when set, else `config.ron` in the
/// platform's config folder.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os("SCRIBE_CONFIG") {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => directories::ProjectDirs::from("", "", "scribe")
            .map(|p| p.config_dir().join("config.ron")),
    }
}

impl Settings {
    /// Reads the settings at `path`: missing, the defaults; wrong, the defaults and what is
    /// wrong with it, to show.
    pub fn load(path: &Path) -> (Settings, Vec<String>) {
        let bytes = match safe::read(path, Links::Follow, LIMIT) {
            Ok(bytes) => bytes,
            Err(crate::store::file::StoreError::Io { error, .. })
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                return (Settings::default(), Vec::new());
            }
            Err(e) => return (Settings::default(), vec![e.to_string()]),
        };
        let text = String::from_utf8_lossy(&bytes);
        match Settings::parse(&text) {
            Ok(settings) => {
                let problems = settings.check();
                (settings, problems)
            }
            Err(e) => (
                Settings::default(),
                vec![format!(
                    "{}:{e}: the default settings are used",
                    printable_path(path)
                )],
            ),
        }
    }

    /// Parses a settings file; the error says line and column.
    pub fn parse(text: &str) -> Result<Settings, String> {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    /// What in otherwise readable settings cannot be used (each is also ignored).
    fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if Format::from_name(&self.export_format).is_none() {
            problems.push(format!(
                "export_format '{}' is not a format: md is used",
                self.export_format
            ));
        }
        if let Some(limit) = &self.speaking_limit
            && crate::command::args::duration(limit).is_none()
        {
            problems.push(format!(
                "speaking_limit '{limit}' is not a length of time (3m)"
            ));
        }
        problems
    }

    /// The export format F7 and `/export` write.
    pub fn format(&self) -> Format {
        Format::from_name(&self.export_format).unwrap_or(Format::Markdown)
    }

    /// The speaking limit for new meetings, in seconds.
    pub fn limit_seconds(&self) -> Option<u32> {
        self.speaking_limit
            .as_deref()
            .and_then(crate::command::args::duration)
            .filter(|&s| s > 0)
    }
}

/// The settings file with every setting at its default, commented.
pub const DEFAULT_FILE: &str = r#"// scribe's settings. Every setting may be left out; this file shows the defaults.
// Where it lives: `scribe config --path`. Errors are shown with line and column when
// scribe starts, and the defaults are used.
#![enable(implicit_some)]
(
    // Keys by action name, replacing the built-in keys of that action. The names are in the
    // README's key tables (their last column), and at the end of this file. For example:
    //   keys: { "queue.add": ["F2", "Ctrl-a"], "floor.next": ["F3"] },
    keys: {},

    // `dark` or `light`. Without colour (NO_COLOR set), scribe marks everything in text.
    theme: dark,

    // Colours of some styles, from the 16 every terminal has: black, red, green, yellow,
    // blue, magenta, cyan, white, and light-red, light-green, ... For example:
    //   colors: { "speaker": "blue", "warn": "red" },
    colors: {},

    // The mouse wheel scrolls the minutes. Selecting text with the mouse then needs Shift.
    mouse: false,

    // What F7 and /export write without a format: md, html, txt or docx.
    export_format: "md",

    // The language of exported minutes when the meeting sets none (/lang): "en", "fr", ...
    language: None,

    // A speaking limit for everyone, recorded in every new meeting: "3m", "90s", ...
    speaking_limit: None,

    // Lines such as `q+ NAME`, `ack NAME`, `RESOLUTION: ...` typed without the slash are
    // read as the commands W3C scribes know them as.
    habits: true,
)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_the_defaults() {
        assert_eq!(Settings::parse(DEFAULT_FILE), Ok(Settings::default()));
    }

    #[test]
    fn settings_are_read_and_mistakes_say_where() {
        let settings = Settings::parse(
            r#"#![enable(implicit_some)]
            (keys: {"queue.add": ["Ctrl-a"]}, theme: light, mouse: true, language: "fr",
             speaking_limit: "3m")"#,
        )
        .expect("settings");
        assert_eq!(settings.keys["queue.add"], ["Ctrl-a"]);
        assert_eq!(settings.theme, ThemeName::Light);
        assert!(settings.mouse && settings.habits);
        assert_eq!(settings.limit_seconds(), Some(180));
        let error = Settings::parse("(\n  mouse: yes,\n)").expect_err("not a bool");
        assert!(error.starts_with("2:"), "{error}");
        let error = Settings::parse("(colour: {})").expect_err("unknown field");
        assert!(error.contains("colour"), "{error}");
    }

    #[test]
    fn a_bad_file_gives_the_defaults_and_says_why() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(mouse: 3)").expect("written");
        let (settings, problems) = Settings::load(&path);
        assert_eq!(settings, Settings::default());
        assert!(problems[0].contains("config.ron:1:"), "{problems:?}");
        let (settings, problems) = Settings::load(&dir.path().join("none.ron"));
        assert_eq!((settings, problems.len()), (Settings::default(), 0));
        std::fs::write(&path, "(export_format: \"pdf\")").expect("written");
        let (_, problems) = Settings::load(&path);
        assert!(problems[0].contains("'pdf'"), "{problems:?}");
    }
}
