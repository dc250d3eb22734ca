//! Links the release `dfr` binary with the code a render runs placed together (`link-order.txt`).
//!
//! A render runs about 5 MB of the binary's 30 MB of code, spread over all of it; the
//! system maps code in whole blocks, so a render held 19 MB of code in memory. With
//! the functions a render runs listed first (written by `scripts/link-order`), it holds
//! about 6 MB. The list only orders code: a name the binary no longer has is skipped,
//! so a stale list costs memory, never correctness.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=link-order.txt");
    let var = |name: &str| env::var(name).unwrap_or_default();
    // Rust links this target with its own LLD (since 1.90), which reads the list; a
    // linker set by hand might not, so then the binary is linked as it comes.
    let lld = var("TARGET") == "x86_64-unknown-linux-gnu"
        && var("RUSTC_LINKER").is_empty()
        && !["-fuse-ld", "linker-features", "linker-flavor"]
            .iter()
            .any(|flag| var("CARGO_ENCODED_RUSTFLAGS").contains(flag));
    let list = Path::new(&var("CARGO_MANIFEST_DIR")).join("link-order.txt");
    if var("PROFILE") == "release" && lld && list.is_file() {
        println!(
            "cargo:rustc-link-arg-bin=dfr=-Wl,--symbol-ordering-file={}",
            list.display()
        );
        println!("cargo:rustc-link-arg-bin=dfr=-Wl,--no-warn-symbol-ordering");
    }
}
