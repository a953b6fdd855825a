//! The README tells the truth about the command language and the keys: its tables are the
//! command table and the key table of the code, row for row. When a command or a key changes,
//! this test fails and prints the table to paste.

use scribe::command::table;
use scribe::input::keymap::{self, KeyMode};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn the_readme_command_table_is_the_command_table() {
    let expected = table::markdown();
    assert!(
        readme().contains(&expected),
        "README.md's command table differs from the code's; it should read:\n\n{expected}"
    );
}

#[test]
fn the_readme_key_tables_are_the_key_table() {
    let readme = readme();
    for mode in [
        KeyMode::Compose,
        KeyMode::Select,
        KeyMode::Edit,
        KeyMode::Picker,
        KeyMode::Help,
        KeyMode::Follow,
        KeyMode::Replay,
        KeyMode::ReplaySearch,
        KeyMode::Any,
    ] {
        let expected = keymap::markdown(mode);
        assert!(
            readme.contains(&expected),
            "README.md's keys for {:?} ({}) differ from the code's; they should read:\n\n{expected}",
            mode,
            mode.title()
        );
    }
}

/// Every binding of the table is in the README, so a mode cannot be forgotten above.
#[test]
fn every_binding_is_documented() {
    let readme = readme();
    for binding in keymap::BINDINGS {
        let row = format!("| {} | {} |", binding.keys_text(), binding.help);
        assert!(readme.contains(&row), "README.md lacks {row}");
    }
}
