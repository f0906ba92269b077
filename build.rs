//! Writes the position of `mi_option_purge_delay` in the `mi_option_t` of the
//! mimalloc that libmimalloc-sys builds (its headers are at
//! `DEP_MIMALLOC_INCLUDE_DIR`), for `src/main.rs`: the crate does not name that
//! option, and the build fails rather than set another one.

#[path = "build/mimalloc_options.rs"]
mod mimalloc_options;

use std::path::PathBuf;

fn main() {
    let include = std::env::var("DEP_MIMALLOC_INCLUDE_DIR")
        .expect("libmimalloc-sys names its include directory");
    let header = PathBuf::from(include).join("mimalloc.h");
    println!("cargo:rerun-if-changed={}", header.display());
    println!("cargo:rerun-if-changed=build/mimalloc_options.rs");
    // For the test that checks the reading against the options the crate names.
    println!(
        "cargo:rustc-env=DUPDRIFT_MIMALLOC_HEADER={}",
        header.display()
    );
    let text = std::fs::read_to_string(&header)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", header.display()));
    let purge_delay = mimalloc_options::option_position(&text, "mi_option_purge_delay")
        .unwrap_or_else(|why| panic!("{}: {why}", header.display()));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("mimalloc_options.rs"),
        format!(
            "/// `mi_option_purge_delay`, read from {} by build.rs.\n\
             const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = {purge_delay};\n",
            header.display()
        ),
    )
    .expect("cannot write OUT_DIR/mimalloc_options.rs");
}
