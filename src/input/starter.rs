//! The commented starter declaration that `dfr new` writes.

/// A complete declaration whose every value is a placeholder to replace: `dfr check`
/// refuses the placeholders left in (a draft only warns about them).
pub const STARTER: &str = include_str!("starter.toml");
