//! build.rs reads the positions of mimalloc's options from its C header: the reading
//! is checked against the options libmimalloc-sys names itself, in the header that
//! is built.

// The build script as a module: its `main` is not called here.
#[path = "../build.rs"]
#[allow(dead_code)]
mod build_script;

use build_script::option_position;

fn header() -> String {
    let path = env!("DUPDRIFT_MIMALLOC_HEADER");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn positions_read_from_the_header_are_the_ones_the_crate_names() {
    let header = header();
    for (name, named) in [
        (
            "mi_option_show_errors",
            libmimalloc_sys::mi_option_show_errors,
        ),
        ("mi_option_verbose", libmimalloc_sys::mi_option_verbose),
        (
            "mi_option_reserve_os_memory",
            libmimalloc_sys::mi_option_reserve_os_memory,
        ),
        (
            "mi_option_use_numa_nodes",
            libmimalloc_sys::mi_option_use_numa_nodes,
        ),
        (
            "mi_option_max_warnings",
            libmimalloc_sys::mi_option_max_warnings,
        ),
    ] {
        assert_eq!(option_position(&header, name), Ok(named), "{name}");
    }
    // Right before the option the crate names after it.
    assert_eq!(
        option_position(&header, "mi_option_purge_delay"),
        Ok(libmimalloc_sys::mi_option_use_numa_nodes - 1)
    );
}

#[test]
fn comments_are_skipped_and_aliases_or_explicit_values_refused() {
    let header =
        "typedef enum mi_option_e {\n  a,  // one, or two {} }\n  b,\n  _mi_option_last,\n  \
                  c = b\n} mi_option_t;";
    assert_eq!(
        option_position(header, "b"),
        Ok(1),
        "a brace in a comment ends nothing"
    );
    assert!(
        option_position(header, "c").is_err(),
        "an alias has no place"
    );
    assert!(option_position(header, "d").is_err());
    let explicit = "typedef enum mi_option_e {\n  a = 4,\n  b\n} mi_option_t;";
    assert!(option_position(explicit, "b").is_err());
    assert!(option_position("enum other { a }", "a").is_err());
}
