//! The archive shared through git, with the `git` command line as the engine: no server of
//! scribe's own, and a history anyone can read with the tools they know.
//!
//! `scribe archive init [REMOTE]` makes the data directory a git repository (or adopts the one
//! it is, never a larger one it is inside) and marks it as scribe's (`git config scribe.archive true`): only a marked
//! repository is ever committed to, so a meeting saved inside someone's project never is.
//! Every closed meeting is committed, alone, with its title and date ([`commit_closed`]).
//! `scribe archive sync` commits closed meetings not committed yet, fetches, merges and pushes.
//!
//! One file per meeting and one writer per meeting make conflicts impossible by construction;
//! if git reports one anyway (a meeting reopened and changed on two machines), the merge is
//! taken back, nothing is overwritten, and the error says what to do. Every git command runs
//! with its arguments passed as such (no shell); a title is a message, never an option.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use thiserror::Error;

use crate::text::printable_path as shown;

/// What scribe puts in the `.gitignore` of an archive it makes: the files beside a meeting that
/// belong to one machine.
pub const IGNORED: &str = "\
# Files beside a meeting that belong to the machine minuting it (scribe).
*.ron.journal
*.ron.draft
*.ron.lock
*.ron.rescued-*
.*.tmp
";

#[derive(Debug, Error)]
pub enum GitError {
    #[error(
        "git is not installed (or not on the PATH): install git to share the archive; \
         everything else in scribe works without it"
    )]
    Missing,
    #[error(
        "{} is not a scribe archive: `scribe archive init` makes it one (with a REMOTE to share \
         it)",
        shown(.0)
    )]
    NotAnArchive(PathBuf),
    #[error("{} is not in the archive {}", shown(.meeting), shown(.archive))]
    Outside { meeting: PathBuf, archive: PathBuf },
    #[error(
        "the archive {} has no remote to sync with: `scribe archive init REMOTE` adds one",
        shown(.0)
    )]
    NoRemote(PathBuf),
    #[error(
        "the archive's remote 'origin' is {current}, not {wanted}: change it with `git -C {} \
         remote set-url origin {wanted}` if that is what you mean",
        shown(.dir)
    )]
    OtherRemote {
        dir: PathBuf,
        current: String,
        wanted: String,
    },
    #[error(
        "git does not know who you are, and a commit needs a name: `git config --global \
         user.name \"Your Name\"` and `git config --global user.email you@example.org`, then \
         try again"
    )]
    Identity,
    #[error(
        "git found a conflict in {}: the same meeting was changed on two machines (was it \
         reopened on both?). Nothing was changed here: the merge was taken back and your \
         files are as they were. To settle it, choose the version to keep: `git -C {dir} \
         merge {theirs}`, then `git -C {dir} checkout --ours {first}` to keep yours or \
         `--theirs` to keep the other (`git -C {dir} show {theirs}:{first}` shows it), `git \
         -C {dir} commit -a --no-edit`, and sync again",
        .files.join(", "),
        dir = shown(.dir),
        first = .files.first().map_or("FILE", String::as_str)
    )]
    Conflict {
        dir: PathBuf,
        files: Vec<String>,
        theirs: String,
    },
    #[error(
        "the remote has changes that would overwrite files here that git does not track (or \
         that changed here): nothing was changed. git says: {message}. Move those files aside \
         (or commit them), then sync again"
    )]
    WouldOverwrite { message: String },
    #[error(
        "someone synced while you did: nothing was lost; `scribe archive sync` again brings \
         their meetings and sends yours"
    )]
    Rejected,
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
    #[error("cannot run git: {0}")]
    Run(std::io::Error),
}

/// A closed meeting to commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closed {
    pub path: PathBuf,
    pub title: String,
    pub date: Option<NaiveDate>,
}

/// What a commit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Committed {
    /// A new commit for the meeting.
    Yes,
    /// The meeting was already committed as it is.
    Unchanged,
    /// The folder is not a scribe archive: nothing to do.
    NotAnArchive,
}

/// What `init` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Initialised {
    /// A new repository was made (false: an existing one was adopted).
    pub created: bool,
    /// The repository's top folder.
    pub top: PathBuf,
    /// Closed meetings committed.
    pub committed: usize,
    /// What a sync with the remote did, when there is one.
    pub synced: Option<Synced>,
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synced {
    /// Closed meetings committed before syncing.
    pub committed: usize,
    /// Files that arrived from the remote.
    pub received: Vec<String>,
    /// Commits sent to the remote.
    pub sent: usize,
}

/// One run of git in `dir`, its output captured. Git's prompts for a password or a passphrase
/// go to the terminal itself, so they still work; without a terminal they are refused rather
/// than waited for.
fn git<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Output, GitError> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C");
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        command.env_remove("GIT_TERMINAL_PROMPT");
    }
    command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            GitError::Missing
        } else {
            GitError::Run(e)
        }
    })
}

/// Runs git and wants it to succeed; its standard output, trimmed.
fn ok<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<String, GitError> {
    let output = git(dir, args)?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).trim().to_string());
    }
    Err(failure(args, &output))
}

/// The error for a git command that failed, in words.
fn failure<S: AsRef<OsStr>>(args: &[S], output: &Output) -> GitError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = crate::text::clean_line(&stderr);
    if stderr.contains("Please tell me who you are") || stderr.contains("empty ident") {
        return GitError::Identity;
    }
    GitError::Failed {
        command: args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        message: if message.is_empty() {
            format!("exit status {}", output.status)
        } else {
            message
        },
    }
}

/// Is git there at all?
pub fn available() -> bool {
    Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The top folder of the repository `dir` is in, if it is in one.
fn top(dir: &Path) -> Result<Option<PathBuf>, GitError> {
    let output = git(dir, &["rev-parse", "--show-toplevel"])?;
    Ok(output
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())))
}

/// Is `dir` in a repository scribe was told to use as an archive?
pub fn is_archive(dir: &Path) -> Result<bool, GitError> {
    let output = git(dir, &["config", "--bool", "--get", "scribe.archive"])?;
    Ok(output.status.success() && String::from_utf8_lossy(&output.stdout).trim() == "true")
}

/// The current branch's name (an unborn one included).
fn branch(dir: &Path) -> Result<String, GitError> {
    ok(dir, &["symbolic-ref", "--short", "HEAD"])
}

/// Does HEAD point at a commit yet?
fn born(dir: &Path) -> Result<bool, GitError> {
    Ok(git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"])?
        .status
        .success())
}

/// The URL of the remote `origin`, if there is one.
fn origin(dir: &Path) -> Result<Option<String>, GitError> {
    let output = git(dir, &["remote", "get-url", "origin"])?;
    Ok(output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string()))
}

/// The message of a meeting's commit: its title and date, and its file.
fn message(path: &Path, title: &str, date: Option<NaiveDate>) -> String {
    let title = if title.trim().is_empty() {
        "Untitled meeting"
    } else {
        title.trim()
    };
    let date = date.map_or_else(String::new, |d| format!(", {d}"));
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{title}{date}\n\nMinutes closed in scribe: {file}\n")
}

/// The path of `path` inside the archive `dir`, as git is given it.
fn inside(dir: &Path, path: &Path) -> Result<PathBuf, GitError> {
    let outside = || GitError::Outside {
        meeting: path.to_path_buf(),
        archive: dir.to_path_buf(),
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = std::fs::canonicalize(folder).map_err(|_| outside())?;
    let dir = std::fs::canonicalize(dir).map_err(|_| outside())?;
    let name = path.file_name().ok_or_else(outside)?;
    folder
        .strip_prefix(&dir)
        .map(|relative| relative.join(name))
        .map_err(|_| outside())
}

/// Commits the closed meeting at `path` to the archive `dir`, alone, with its title and date.
/// Nothing when `dir` is not a scribe archive, or the meeting is committed as it is.
pub fn commit_closed(
    dir: &Path,
    path: &Path,
    title: &str,
    date: Option<NaiveDate>,
) -> Result<Committed, GitError> {
    match top(dir) {
        // Without git, a folder that is no repository is no archive: nothing to say.
        Err(GitError::Missing) if !dir.join(".git").exists() => {
            return Ok(Committed::NotAnArchive);
        }
        Err(e) => return Err(e),
        Ok(None) => return Ok(Committed::NotAnArchive),
        Ok(Some(_)) => {}
    }
    if !is_archive(dir)? {
        return Ok(Committed::NotAnArchive);
    }
    let file = inside(dir, path)?;
    let file = file.as_os_str();
    ok(dir, &[OsStr::new("add"), OsStr::new("--"), file])?;
    let staged = git(
        dir,
        &[
            OsStr::new("diff"),
            OsStr::new("--cached"),
            OsStr::new("--quiet"),
            OsStr::new("--"),
            file,
        ],
    )?;
    if staged.status.success() {
        return Ok(Committed::Unchanged);
    }
    let message = message(path, title, date);
    ok(
        dir,
        &[
            OsStr::new("commit"),
            OsStr::new("--quiet"),
            OsStr::new("--no-verify"),
            OsStr::new("-m"),
            OsStr::new(&message),
            OsStr::new("--"),
            file,
        ],
    )?;
    Ok(Committed::Yes)
}

/// Commits the `.gitignore` of the archive if it is not committed as it is.
fn commit_ignore(dir: &Path) -> Result<(), GitError> {
    ok(dir, &["add", "--", ".gitignore"])?;
    if !git(dir, &["diff", "--cached", "--quiet", "--", ".gitignore"])?
        .status
        .success()
    {
        ok(
            dir,
            &[
                "commit",
                "--quiet",
                "--no-verify",
                "-m",
                "What scribe leaves out of the archive",
                "--",
                ".gitignore",
            ],
        )?;
    }
    Ok(())
}

/// Commits each of `closed` that changed; how many were.
fn commit_all(dir: &Path, closed: &[Closed]) -> Result<usize, GitError> {
    let mut count = 0;
    for meeting in closed {
        if commit_closed(dir, &meeting.path, &meeting.title, meeting.date)? == Committed::Yes {
            count += 1;
        }
    }
    Ok(count)
}

/// Makes `dir` a scribe archive: a new git repository, or the one it is in; with `remote`, the
/// remote it is shared through (its meetings are brought in, and the closed ones here sent).
/// `closed` are the closed meetings to commit.
pub fn init(dir: &Path, remote: Option<&str>, closed: &[Closed]) -> Result<Initialised, GitError> {
    if !available() {
        return Err(GitError::Missing);
    }
    // A repository whose top is the data directory is adopted; a data directory inside a
    // larger repository (a home folder kept in git) gets one of its own, so that meetings
    // never go into someone's other history.
    let same = |a: &Path, b: &Path| {
        std::fs::canonicalize(a)
            .ok()
            .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
    };
    let (created, top) = match top(dir)? {
        Some(top) if same(&top, dir) => (false, top),
        _ => {
            ok(dir, &["init", "--quiet"])?;
            (true, top(dir)?.unwrap_or_else(|| dir.to_path_buf()))
        }
    };
    if let Some(url) = remote {
        match origin(dir)? {
            Some(current) if current == url => {}
            Some(current) => {
                return Err(GitError::OtherRemote {
                    dir: dir.to_path_buf(),
                    current,
                    wanted: url.to_string(),
                });
            }
            None => {
                ok(dir, &["remote", "add", "origin", "--", url])?;
            }
        }
    }
    ok(dir, &["config", "scribe.archive", "true"])?;
    // A new repository joining a shared archive takes the remote's branch, and its history,
    // before anything is committed here.
    if remote.is_some() && !born(dir)? {
        fetch(dir)?;
        let remote_head = ok(dir, &["ls-remote", "--symref", "origin", "HEAD"])?;
        let name = remote_head
            .lines()
            .find_map(|l| l.strip_prefix("ref: refs/heads/"))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or("main")
            .to_string();
        ok(
            dir,
            &["symbolic-ref", "HEAD", &format!("refs/heads/{name}")],
        )?;
        if has_remote_branch(dir, &name)? {
            merge(dir, &name)?;
        }
    } else if !born(dir)? {
        ok(dir, &["symbolic-ref", "HEAD", "refs/heads/main"])?;
    }
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        crate::store::file::write_new(&ignore, IGNORED.as_bytes()).map_err(|e| {
            GitError::Failed {
                command: "(writing .gitignore)".into(),
                message: e.to_string(),
            }
        })?;
        commit_ignore(dir)?;
    }
    let committed = commit_all(dir, closed)?;
    let synced = match remote {
        Some(_) => Some(sync(dir, &[])?),
        None => None,
    };
    Ok(Initialised {
        created,
        top,
        committed,
        synced,
    })
}

fn fetch(dir: &Path) -> Result<(), GitError> {
    ok(dir, &["fetch", "--quiet", "origin"]).map(|_| ())
}

fn has_remote_branch(dir: &Path, branch: &str) -> Result<bool, GitError> {
    Ok(git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("refs/remotes/origin/{branch}"),
        ],
    )?
    .status
    .success())
}

/// Merges `origin/BRANCH` into the current branch; a conflict is taken back.
fn merge(dir: &Path, branch: &str) -> Result<Vec<String>, GitError> {
    let theirs = format!("origin/{branch}");
    let before = if born(dir)? {
        Some(ok(dir, &["rev-parse", "HEAD"])?)
    } else {
        None
    };
    let output = git(
        dir,
        &[
            "merge",
            "--quiet",
            "--no-edit",
            "--allow-unrelated-histories",
            "-m",
            "Meetings from the shared archive",
            &theirs,
        ],
    )?;
    if !output.status.success() {
        let unmerged = ok(dir, &["diff", "--name-only", "--diff-filter=U"]).unwrap_or_default();
        if !unmerged.is_empty() {
            let _ = git(dir, &["merge", "--abort"]);
            return Err(GitError::Conflict {
                dir: dir.to_path_buf(),
                files: unmerged.lines().map(str::to_string).collect(),
                theirs,
            });
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("would be overwritten") {
            return Err(GitError::WouldOverwrite {
                message: crate::text::clean_line(&stderr),
            });
        }
        return Err(failure(&["merge", theirs.as_str()], &output));
    }
    let received = match before {
        Some(before) => ok(dir, &["diff", "--name-only", &before, "HEAD"])?,
        None => ok(dir, &["ls-tree", "-r", "--name-only", "HEAD"])?,
    };
    Ok(received
        .lines()
        .filter(|f| f.ends_with(".ron"))
        .map(str::to_string)
        .collect())
}

/// Commits the closed meetings not committed yet (`closed`), brings in what the remote has,
/// and sends what it lacks.
pub fn sync(dir: &Path, closed: &[Closed]) -> Result<Synced, GitError> {
    if !available() {
        return Err(GitError::Missing);
    }
    if !is_archive(dir)? {
        return Err(GitError::NotAnArchive(dir.to_path_buf()));
    }
    let committed = commit_all(dir, closed)?;
    if origin(dir)?.is_none() {
        return Err(GitError::NoRemote(dir.to_path_buf()));
    }
    let branch = branch(dir)?;
    fetch(dir)?;
    let received = if has_remote_branch(dir, &branch)? {
        merge(dir, &branch)?
    } else {
        Vec::new()
    };
    let mut sent = 0;
    if born(dir)? {
        let ahead = if has_remote_branch(dir, &branch)? {
            ok(
                dir,
                &["rev-list", "--count", &format!("origin/{branch}..HEAD")],
            )?
        } else {
            ok(dir, &["rev-list", "--count", "HEAD"])?
        };
        sent = ahead.parse().unwrap_or(0);
        if sent > 0 {
            let output = git(dir, &["push", "--quiet", "-u", "origin", &branch])?;
            if !output.status.success() {
                let stderr = String::from_utf8_lossy(&output.stderr);
                if stderr.contains("rejected") || stderr.contains("fetch first") {
                    return Err(GitError::Rejected);
                }
                return Err(failure(&["push", "origin", branch.as_str()], &output));
            }
        }
    }
    Ok(Synced {
        committed,
        received,
        sent,
    })
}
