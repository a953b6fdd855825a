//! Keyboard input: how keys are written ([`keys`]), the table of bindings ([`bindings`]) and
//! the keymap that matches keys against it, with the note-taker's own keys ([`keymap`]).

pub mod bindings;
pub mod keymap;
pub mod keys;
