//! The `mempy` command.
fn main() {}
