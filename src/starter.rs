//! The commented starter declaration that `dfr new` writes.

/// A complete, valid declaration whose every value is a placeholder to replace.
pub const STARTER: &str = include_str!("starter.toml");
