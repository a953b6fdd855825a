//! Puts the git revision the binary was built from into `scribe --version` (`0.2.0 (a1b2c3d)`),
//! when it is built from a checkout; from a source package, the version alone.

use std::path::Path;
use std::process::Command;

fn main() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let version = env!("CARGO_PKG_VERSION");
    let long = match git(&["rev-parse", "--short=10", "HEAD"]) {
        Some(revision) => format!("{version} ({revision})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=SCRIBE_VERSION={long}");
    // Again when HEAD moves: a checkout changes .git/HEAD, a commit the branch's ref.
    if Path::new(".git/HEAD").exists() {
        println!("cargo:rerun-if-changed=.git/HEAD");
    }
    if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
        let path = format!(".git/{reference}");
        if Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
