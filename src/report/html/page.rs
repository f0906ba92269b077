//! The page: its head (a Content-Security-Policy that allows no request and only
//! its own script and style), the overview drawn here, empty sections the script
//! fills from the embedded data, and the data itself.

use super::chart::{self, BANDS};
use super::data::Data;
use base64::Engine;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use sha2::{Digest, Sha256};

/// The page's script and style, embedded whole.
const SCRIPT: &str = include_str!("app.js");
const STYLE: &str = include_str!("style.css");

/// The CSP source of an inline element's exact text.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// No fetch, frame, font, form or base: the page reads nothing beyond itself. Its
/// script and style run by their hashes; images only as data (none today).
fn policy() -> String {
    format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash_source(SCRIPT),
        hash_source(STYLE)
    )
}

/// JSON to put inside `<script type="application/json">`: no `<` (so no
/// `</script>` or `<!--` can end or change the element), `>` and `&` escaped too,
/// and the two line separators JavaScript once refused in strings.
pub fn embeddable(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn count(run: &serde_json::Value, name: &str) -> String {
    run["counts"][name]
        .as_u64()
        .map_or_else(|| "-".into(), |n| n.to_string())
}

fn overview(data: &Data) -> Markup {
    let counts = chart::counts(data);
    let run = &data.run;
    let parameters = run["parameters"].as_object();
    html! {
        section id="overview" aria-labelledby="overview-h" {
            h2 id="overview-h" { "Overview" }
            dl class="counts" {
                @for (label, name) in [
                    ("articles", "articles"), ("inputs in errors.csv", "input_errors"),
                    ("near-duplicate pairs", "pairs"), ("groups of identical articles", "groups"),
                    ("aligned sentences", "alignments"), ("shared passages", "clusters"),
                    ("drift findings", "drift_findings"),
                ] {
                    div { dt { (label) } dd { (count(run, name)) } }
                }
            }
            @if data.kinds.is_empty() {
                p { "No drift findings." }
            } @else {
                h3 { "Findings by kind and severity" }
                div class="chart-box" {
                    (chart::bars(data, &counts))
                    div class="wide" { table class="bands" {
                        caption { "Findings per kind and severity band" }
                        thead { tr { th scope="col" { "kind" } @for (label, _) in BANDS { th scope="col" { (label) } } th scope="col" { "all" } } }
                        tbody {
                            @for (kind, c) in data.kinds.iter().zip(&counts) {
                                tr {
                                    th scope="row" { (kind) }
                                    @for (band, n) in c.iter().enumerate() { td class=(format!("band{band}-text")) { (n) } }
                                    td { (c.iter().sum::<usize>()) }
                                }
                            }
                        }
                    } }
                }
                @if data.findings.len() < data.findings_total {
                    p class="note" { "The page holds the " (data.findings.len()) " most severe of " (data.findings_total) " findings; drift.csv has them all." }
                }
            }
            h3 { "Run" }
            dl class="params" {
                div { dt { "inputs" } dd { @for input in run["inputs"].as_array().into_iter().flatten() { bdi { (input.as_str().unwrap_or_default()) } " " } } }
                @for (name, value) in parameters.into_iter().flatten() {
                    div { dt { (name) } dd { (value.as_str().map_or_else(|| value.to_string(), str::to_string)) } }
                }
            }
        }
    }
}

/// The whole page for `data`.
pub fn render(data: &Data, json: &str) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy());
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "dupdrift report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "dupdrift report" }
                    nav aria-label="Views" {
                        a href="#overview" { "Overview" }
                        a href="#drift" { "Drift" }
                        a href="#passages" { "Passages" }
                        a href="#pairs" { "Near-duplicates" }
                    }
                }
                main {
                    (overview(data))
                    section id="drift" hidden aria-labelledby="drift-h" { h2 id="drift-h" { "Drift" } }
                    section id="passages" hidden aria-labelledby="passages-h" { h2 id="passages-h" { "Shared passages" } }
                    section id="pairs" hidden aria-labelledby="pairs-h" { h2 id="pairs-h" { "Near-duplicates" } }
                    section id="article" hidden aria-labelledby="article-h" { h2 id="article-h" { "Article" } }
                    noscript { p { "The lists of findings, passages and pairs need JavaScript; the CSV files beside this page hold them all." } }
                }
                script type="application/json" id="data" { (PreEscaped(embeddable(json))) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_end_its_element() {
        let json = serde_json::to_string(&["</script><script>alert(1)</script>", "<!--", "a&b"])
            .expect("json");
        let safe = embeddable(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Vec<String> = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }

    #[test]
    fn the_policy_names_the_exact_script_and_style() {
        let p = policy();
        assert!(p.starts_with("default-src 'none';"), "{p}");
        assert!(p.contains(&hash_source(SCRIPT)) && p.contains(&hash_source(STYLE)));
        // A known digest: SHA-256 of the empty string.
        assert_eq!(
            hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
