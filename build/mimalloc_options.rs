//! The positions of options in mimalloc's `mi_option_t`, read from the C header
//! libmimalloc-sys builds: libmimalloc-sys names only some options, and a position
//! written by hand would silently set another option after an upgrade that
//! inserts one. Shared by `build.rs` and the test that checks it against the
//! options the crate does name.

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
    let body = &body[..body.find('}').ok_or("the enum mi_option_e does not end")?];
    // Comments out (they hold commas); no preprocessor line may switch entries.
    let mut code = String::new();
    for line in body.lines() {
        let line = line.split("//").next().unwrap_or_default().trim();
        if line.starts_with('#') || line.contains("/*") {
            return Err(format!("cannot count the enum's entries past {line:?}"));
        }
        code.push_str(line);
        code.push('\n');
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
