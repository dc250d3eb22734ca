//! Integration tests of `dfr`: the library API and the `dfr` binary, with fixtures in `tests/fixtures`.

mod addresses;
mod api;
mod architecture;
mod archival;
mod attacks;
mod browser;
mod cli;
mod diff;
mod encrypted;
mod evenness;
mod khmer;
mod kit;
mod legal;
mod outputs;
mod pdf;
mod places;
mod props;
mod readers;
mod redact;
mod review;
mod serve;
mod snapshots;
mod util;
mod vault;
mod verify;
mod wording;
