//! The form the shipped guides are stored in inside the binary: a checked
//! `Service`, encoded with postcard. The build script (`build.rs`) runs the
//! same checker as `loginhelp validate` on every `services/*.toml` and stores
//! each tree that has no errors this way, so that a command decodes a ready
//! guide instead of parsing and checking TOML at every start. A shipped tree
//! with errors is stored as text only; it is checked when it is used, and its
//! diagnostics are reported as for any other file.

use super::model::Service;

/// Encode a checked guide (at build time).
pub fn encode(service: &Service) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(service)
}

/// Decode a guide stored by `encode` in the same build. `None` means the
/// bytes do not hold one, and the caller checks the text instead.
pub fn decode(bytes: &[u8]) -> Option<Service> {
    postcard::from_bytes(bytes).ok()
}
