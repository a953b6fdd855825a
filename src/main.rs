//! scribe's binary: the command line lives in the library (`scribe::cli`), where its parts
//! can be read one job at a time.

fn main() {
    scribe::cli::main();
}
