//! Keyboard input: how keys are written ([`keys`]) and the table of bindings ([`keymap`]).

pub mod keymap;
pub mod keys;
