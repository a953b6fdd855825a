//! scribe: a terminal console for taking the minutes of a formal meeting.
//!
//! The meeting is a log of events (`meeting`), changed only through the command language
//! (`command`), shown by a pure view (`view`) of the screen state (`app`), and kept on disk by
//! `store`. `runtime` is the only place that touches the terminal, the clock and threads.

pub mod app;
pub mod clock;
pub mod command;
pub mod export;
pub mod input;
pub mod lean_backend;
pub mod meeting;
pub mod replay;
pub mod runtime;
pub mod store;
pub mod text;
pub mod view;
