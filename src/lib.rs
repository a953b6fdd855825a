//! scribe: a terminal console for taking the minutes of a formal meeting.
//!
//! The meeting is a log of events (`meeting`), changed only through the command language
//! (`command`), held with the rest of the console's state by `app` (whose `update` returns what
//! the runtime must do), laid out by `layout` and drawn by a pure `view`, and kept on disk by
//! `store`. `runtime` is the only place that touches the terminal, the clock and threads.

pub mod app;
pub mod archive;
pub mod cli;
pub mod clock;
pub mod command;
pub mod config;
pub mod export;
pub mod input;
pub mod layout;
pub mod lean_backend;
pub mod log;
pub mod meeting;
pub mod replay;
pub mod runtime;
pub mod store;
#[doc(hidden)]
pub mod testkit;
pub mod text;
pub mod theme;
pub mod view;
