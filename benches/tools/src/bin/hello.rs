//! The baseline for start-up time: the least a Rust CLI can do.

fn main() {
    println!("Hello, world!");
}
