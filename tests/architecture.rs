//! The shape of the library, checked from its source: the modules' `use`s form
//! no cycle, so data flows one way through the stages.
//!
//! Each file of `src/` (but `main.rs` and the command line in `src/cli/`, which
//! are the binary) is a module. A module may use what its ancestors define (a
//! stage's `mod.rs` is its interface, and its parts read the types it declares);
//! apart from that, every path a module names (`crate::…`, `super::…`, `self::…`
//! and its child modules, in `use` lines and in code) is an edge to the module it
//! reaches, and these edges must form no cycle. Detectors (`drift::detectors::*`)
//! read shared facts, never one another. Test modules (`#[cfg(test)] mod
//! tests`, always last in a file here) are left out: a test may read anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// Every library source file with its module path.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            let rel = path.strip_prefix(src).expect("below src/");
            if rel.starts_with("cli") || rel == Path::new("main.rs") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut m: Module = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if m.last().is_some_and(|l| l == "mod" || l == "lib") {
                m.pop();
            }
            out.insert(m, path);
        }
    }
    out
}

/// The code of a file without its comments and its test module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file");
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod tests"))
        {
            break;
        }
        let line = line.find("//").map_or(line, |i| &line[..i]);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The paths of a `use` tree (`a::{b, c::{d, self}}`), each as its segments.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    // A renaming names the same path: `a::b as c` is `a::b`.
    let mut plain = String::new();
    let mut rest = tree;
    while let Some(i) = rest.find(" as ") {
        plain.push_str(&rest[..i]);
        rest = rest[i + 4..].trim_start();
        let name_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        rest = &rest[name_end..];
    }
    plain.push_str(rest);
    let tree: String = plain.split_whitespace().collect();
    let mut out = Vec::new();
    expand(&tree, &mut Vec::new(), &mut out);
    out
}

fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree.find('{') {
        Some(open) => {
            let head: Vec<String> = tree[..open]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let inner = &tree[open + 1..tree.rfind('}').expect("a closing brace")];
            let n = prefix.len();
            prefix.extend(head);
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&inner[start..i], prefix, out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&inner[start..], prefix, out);
            prefix.truncate(n);
        }
        None => {
            let mut path = prefix.clone();
            path.extend(
                tree.split("::")
                    .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
                    .map(String::from),
            );
            if !tree.is_empty() {
                out.push(path);
            }
        }
    }
}

/// A path as named in module `m`, made absolute; `None` for another crate's.
fn absolute(m: &Module, path: &[String], known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let first = path.first()?;
    let (mut base, rest): (Module, &[String]) = match first.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (m.clone(), &path[1..]),
        "super" => {
            let mut base = m.clone();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        child => {
            let mut under = m.clone();
            under.push(child.to_string());
            if !known.contains_key(&under) {
                return None;
            }
            (m.clone(), path)
        }
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The module a path reaches: its longest prefix that is a module.
fn reached(path: &Module, known: &BTreeMap<Module, PathBuf>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| known.contains_key(p))
        .unwrap_or_default()
}

/// Each module's edges to the modules it uses, with what it named.
fn uses(known: &BTreeMap<Module, PathBuf>) -> BTreeMap<Module, BTreeMap<Module, String>> {
    let mut graph: BTreeMap<Module, BTreeMap<Module, String>> = BTreeMap::new();
    for (m, path) in known {
        let code = code(path);
        let mut paths: Vec<Vec<String>> = Vec::new();
        // `use` lines, which may span several lines.
        let mut rest = code.as_str();
        while let Some(i) = rest.find("use ") {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + 4..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let end = rest.find(';').unwrap_or(rest.len());
            paths.extend(use_paths(&rest[..end]));
            rest = &rest[end..];
        }
        // Paths in code: `crate::a::b(…)`, `super::c::D`.
        for start in ["crate::", "super::", "self::"] {
            for (i, _) in code.match_indices(start) {
                if code[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                {
                    continue;
                }
                let tail: String = code[i..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                paths.push(
                    tail.split("::")
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                );
            }
        }
        let edges = graph.entry(m.clone()).or_default();
        for p in paths {
            let Some(abs) = absolute(m, &p, known) else {
                continue;
            };
            let target = reached(&abs, known);
            if target == *m || m.starts_with(&target) {
                continue; // itself, or an ancestor's items
            }
            edges.entry(target).or_insert_with(|| p.join("::"));
        }
    }
    graph
}

/// A cycle of the graph, as the modules along it, if there is one.
fn cycle(graph: &BTreeMap<Module, BTreeMap<Module, String>>) -> Option<Vec<Module>> {
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeMap<Module, String>>,
        state: &mut BTreeMap<Module, u8>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let from = path.iter().position(|p| p == m).unwrap_or(0);
                let mut found = path[from..].to_vec();
                found.push(m.clone());
                return Some(found);
            }
            _ => {}
        }
        state.insert(m.clone(), 1);
        path.push(m.clone());
        for next in graph.get(m).into_iter().flat_map(|e| e.keys()) {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut state, &mut Vec::new()))
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_modules_uses_form_no_cycle() {
    let known = modules(&src());
    assert!(known.len() > 40, "{} modules found", known.len());
    let graph = uses(&known);
    if let Some(c) = cycle(&graph) {
        let steps: Vec<String> = c
            .windows(2)
            .map(|w| {
                format!(
                    "{} -> {} ({})",
                    name(&w[0]),
                    name(&w[1]),
                    graph[&w[0]][&w[1]]
                )
            })
            .collect();
        panic!("a cycle of uses:\n  {}", steps.join("\n  "));
    }
}

#[test]
fn no_detector_uses_another() {
    let known = modules(&src());
    let graph = uses(&known);
    let detectors: Module = vec!["drift".into(), "detectors".into()];
    let is_detector = |m: &Module| m.len() > detectors.len() && m.starts_with(&detectors);
    let found: Vec<&Module> = known.keys().filter(|m| is_detector(m)).collect();
    assert!(found.len() >= 15, "{} detector modules found", found.len());
    for m in found {
        for (to, named) in &graph[m] {
            assert!(
                !is_detector(to),
                "the detector {} uses the detector {} ({named}): what two detectors \
                 share belongs in drift::facts",
                name(m),
                name(to)
            );
        }
    }
    // Nor does a shared fact read a detector.
    for (m, edges) in &graph {
        if m.starts_with(&["drift".to_string(), "facts".to_string()]) {
            for (to, named) in edges {
                assert!(!is_detector(to), "{} uses {} ({named})", name(m), name(to));
            }
        }
    }
}

#[test]
fn the_check_sees_uses_of_every_form() {
    let known = modules(&src());
    let graph = uses(&known);
    let edge = |from: &str, to: &str| {
        let m = |s: &str| -> Module { s.split("::").map(String::from).collect() };
        graph.get(&m(from)).is_some_and(|e| e.contains_key(&m(to)))
    };
    // `use crate::…` in a group, a child module by its own name, and a path in code.
    assert!(edge("analyze", "text::segment"));
    assert!(edge("neardup", "neardup::lsh"));
    assert!(edge("analyze", "prefetch"));
    // An ancestor's items are no edge; another crate's paths are none.
    assert!(!edge("align::profile", "align"));
    assert!(!graph
        .keys()
        .any(|m| m.first().is_some_and(|s| s == "rayon")));
    // A cycle is found where there is one.
    let mut with_cycle = graph.clone();
    let m = |s: &str| -> Module { s.split("::").map(String::from).collect() };
    with_cycle
        .entry(m("text::segment"))
        .or_default()
        .insert(m("analyze"), "a made-up use".into());
    assert!(cycle(&with_cycle).is_some());
    assert_eq!(
        use_paths("super::{polarity as p, date::Date as D}"),
        vec![vec!["super", "polarity"], vec!["super", "date", "Date"]]
    );
    assert_eq!(
        use_paths("super::{side::{Class, Side}, DriftFinding}"),
        vec![
            vec!["super", "side", "Class"],
            vec!["super", "side", "Side"],
            vec!["super", "DriftFinding"]
        ]
    );
}
