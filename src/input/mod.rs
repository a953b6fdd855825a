//! Keyboard input: the keymap from keys to actions.

pub mod keymap;
