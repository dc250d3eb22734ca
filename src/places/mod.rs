//! Cambodia's places: the compiled-in gazetteer and finding a place by name or code.

pub mod gazetteer;
pub mod names;

#[cfg(test)]
mod tests;
