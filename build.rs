//! Writes the position of `mi_option_purge_delay` in the `mi_option_t` of the
//! mimalloc that libmimalloc-sys builds (its headers are at
//! `DEP_MIMALLOC_INCLUDE_DIR`), for `src/main.rs`: the crate does not name that
//! option, and the build fails rather than set another one.

use std::path::PathBuf;

fn main() {
    let include = std::env::var("DEP_MIMALLOC_INCLUDE_DIR")
        .expect("libmimalloc-sys names its include directory");
    let header = PathBuf::from(include).join("mimalloc.h");
    println!("cargo:rerun-if-changed={}", header.display());
    // For the test that checks the reading against the options the crate names.
    println!(
        "cargo:rustc-env=DUPDRIFT_MIMALLOC_HEADER={}",
        header.display()
    );
    let text = std::fs::read_to_string(&header)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", header.display()));
    let purge_delay = option_position(&text, "mi_option_purge_delay")
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

// The positions of options in mimalloc's `mi_option_t`, read from the C header
// libmimalloc-sys builds: libmimalloc-sys names only some options, and a position
// written by hand would silently set another option after an upgrade that
// inserts one. Shared by `build.rs` and the test that checks it against the
// options the crate does name.
/// The position of option `name` in the `mi_option_e` enum of `header`.
///
/// The entries are counted from 0 up to `_mi_option_last`; those after it
/// (`alias = option`) are old names. An entry with an explicit value before
/// `name` would make counting wrong, so it is an error, as is a missing enum or
/// name.
pub fn option_position(header: &str, name: &str) -> Result<i32, String> {
    let start = header
        .find("typedef enum mi_option_e {")
        .ok_or("no `typedef enum mi_option_e {` in the header")?;
    let body = &header[start..];
    let body = &body[body.find('{').expect("found above") + 1..];
    // Comments out first (they hold commas, and may hold braces), up to the end of
    // the enum; no preprocessor line may switch entries.
    let mut code = String::new();
    let mut ended = false;
    for line in body.lines() {
        let line = line.split("//").next().unwrap_or_default().trim();
        if line.starts_with('#') || line.contains("/*") {
            return Err(format!("cannot count the enum's entries past {line:?}"));
        }
        if let Some(end) = line.find('}') {
            code.push_str(&line[..end]);
            ended = true;
            break;
        }
        code.push_str(line);
        code.push('\n');
    }
    if !ended {
        return Err("the enum mi_option_e does not end".into());
    }
    let entries = code.split(',').map(str::trim).filter(|e| !e.is_empty());
    for (position, entry) in entries.enumerate() {
        let ident = entry.split('=').next().unwrap_or_default().trim();
        if entry.contains('=') {
            return Err(format!(
                "{ident} has an explicit value before {name} is found"
            ));
        }
        if ident == name {
            return i32::try_from(position).map_err(|e| e.to_string());
        }
        if ident == "_mi_option_last" {
            break;
        }
    }
    Err(format!("no option {name} in mi_option_e"))
}
