//! The README tells the truth about the command language and the keys: its tables are the
//! command table and the key table of the code, row for row. Each table sits between markers
//! (`<!-- table:commands -->` … `<!-- end -->`); when a command or a key changes, this test
//! fails, and `UPDATE_README=1 cargo test --test docs` writes the tables in.

use scribe::command::table;
use scribe::input::keymap::{self, KeyMode};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// Every table the README carries: its marker name and what it must say.
fn tables() -> Vec<(String, String)> {
    let mut tables = vec![("commands".to_string(), table::markdown())];
    for mode in [
        KeyMode::Compose,
        KeyMode::Select,
        KeyMode::Edit,
        KeyMode::Picker,
        KeyMode::Confirm,
        KeyMode::Paste,
        KeyMode::QuitConfirm,
        KeyMode::Search,
        KeyMode::Overlay,
        KeyMode::Follow,
        KeyMode::Replay,
        KeyMode::ReplaySearch,
        KeyMode::Any,
    ] {
        tables.push((format!("keys:{mode:?}"), keymap::markdown(mode)));
    }
    tables
}

/// The README with `name`'s table replaced by `table`, or None when its markers are missing.
fn with_table(readme: &str, name: &str, table: &str) -> Option<String> {
    let open = format!("<!-- table:{name} -->\n");
    let start = readme.find(&open)? + open.len();
    let end = start + readme[start..].find("<!-- end -->")?;
    Some(format!("{}{table}{}", &readme[..start], &readme[end..]))
}

#[test]
fn the_readme_tables_are_the_code_tables() {
    let readme = std::fs::read_to_string(README).expect("README.md");
    let update = std::env::var_os("UPDATE_README").is_some();
    let mut wanted = readme.clone();
    for (name, table) in tables() {
        wanted = with_table(&wanted, &name, &table)
            .unwrap_or_else(|| panic!("README.md has no <!-- table:{name} --> … <!-- end -->"));
    }
    if update {
        std::fs::write(README, &wanted).expect("README.md written");
    } else {
        assert!(
            readme == wanted,
            "README.md's tables differ from the code's: run UPDATE_README=1 cargo test --test docs"
        );
    }
}

/// Every binding of the table is in the README, so a mode cannot be forgotten above.
#[test]
fn every_binding_and_command_is_documented() {
    let readme = std::fs::read_to_string(README).expect("README.md");
    let standard = keymap::Keymap::standard();
    let all = keymap::BINDINGS.iter().map(|b| b.mode).collect::<Vec<_>>();
    for binding in all.iter().flat_map(|m| standard.bindings(*m)) {
        let row = format!(
            "| {} | {} | `{}` |",
            binding.keys_text(),
            binding.help,
            binding.action.name()
        );
        assert!(readme.contains(&row), "README.md lacks {row}");
    }
    for spec in table::COMMANDS {
        let usage = format!("`{}`", spec.usage.replace('|', "\\|"));
        assert!(readme.contains(&usage), "README.md lacks {usage}");
    }
}
