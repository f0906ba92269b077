//! Drift on the sample articles, through the binary: the mission's example is found,
//! a negation reworded is not.

mod common;

use common::{read_csv, scan, seeds};

const A: &str = "000_28c61908d3c90d5b";
const B: &str = "001_2d58f66e70dddb23";

type Row = std::collections::HashMap<String, String>;

/// The rows of drift.csv, and whether the Peskov sentences of 000 and 001 are aligned.
fn findings() -> (Vec<Row>, bool) {
    let out = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = scan(&[&seeds()], out.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = |id: &str| std::fs::read_to_string(seeds().join(format!("{id}.txt"))).expect("seed");
    let (ta, tb) = (text(A), text(B));
    let (pa, pb) = (
        ta.find("have not had regular talks").expect("in 000"),
        tb.find("neither Putin nor Kremlin officials")
            .expect("in 001"),
    );
    let (_, alignments) = read_csv(&out.path().join("alignments.csv"));
    let n = |s: &str| s.parse::<usize>().expect("offset");
    let peskov_aligned = alignments.iter().any(|r| {
        r[0] == A && r[3] == B && n(&r[1]) <= pa && pa < n(&r[2]) && n(&r[4]) <= pb && pb < n(&r[5])
    });
    let (header, rows) = read_csv(&out.path().join("drift.csv"));
    assert_eq!(
        header[..13],
        [
            "doc_a",
            "start_a",
            "end_a",
            "doc_b",
            "start_b",
            "end_b",
            "kind",
            "severity",
            "evidence_a",
            "evidence_b",
            "text_a",
            "text_b",
            "explanation"
        ]
    );
    let rows = rows
        .into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect();
    (rows, peskov_aligned)
}

#[test]
fn already_warned_versus_not_warned_is_polarity_drift() {
    let (found, _) = findings();
    let hit = found.iter().find(|f| {
        f["doc_a"] == A
            && f["doc_b"] == B
            && f["text_a"].contains("there have already been warnings from the government")
            && f["text_b"].contains("the government has not issued any warnings")
            && f["kind"] == "polarity"
    });
    let f = hit.unwrap_or_else(|| panic!("no polarity finding for the warnings pair: {found:#?}"));
    assert!(f["severity"].parse::<f64>().expect("number") >= 0.5);
    assert!(
        f["evidence_a"].split(" | ").any(|w| w == "already"),
        "{}",
        f["evidence_a"]
    );
    assert!(
        f["evidence_b"].split(" | ").any(|w| w == "not"),
        "{}",
        f["evidence_b"]
    );
}

#[test]
fn reworded_negation_is_not_drift() {
    let (found, peskov_aligned) = findings();
    assert!(
        peskov_aligned,
        "the two Peskov sentences must be aligned for this to test anything"
    );
    let bad: Vec<_> = found
        .iter()
        .filter(|f| {
            f["text_a"].contains("have not had regular talks with Musk")
                && f["text_b"]
                    .contains("neither Putin nor Kremlin officials have regular conversations")
                && f["severity"].parse::<f64>().expect("number") >= 0.5
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn pairs_command_scores_every_pair_and_reports_bad_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("pairs.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"neg\", \"a\": \"The minister signed the treaty.\", \"b\": \"The minister never signed the treaty.\"}\n\
         {\"id\": 2, \"a\": \"It cost $1.8 billion.\", \"b\": \"It cost 1,800 million dollars.\"}\n\
         not json\n\
         {\"id\": \"num\", \"a\": \"15,000 terminals were sent.\", \"b\": \"1,500 terminals were sent.\"}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let status = common::dupdrift(&[
        "pairs",
        &input.display().to_string(),
        "--quiet",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(status.status.code(), Some(1), "one bad line: exit 1");
    let (_, scores) = read_csv(&out.join("pair_scores.csv"));
    let got: Vec<(&str, &str)> = scores
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(got, [("neg", "polarity"), ("2", ""), ("num", "number")]);
    assert_eq!(
        scores[1][1], "0.000000",
        "a reformatted number is not drift"
    );
    let (_, errors) = read_csv(&out.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0][0].ends_with("pairs.jsonl:3"), "{errors:?}");
}

#[test]
fn pairs_default_to_the_language_of_each_pair() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("pairs.jsonl");
    // Short English sentences, none detected as English on its own; the last pair
    // names its language, which reads it without the English detectors.
    std::fs::write(
        &input,
        "{\"id\": \"en\", \"a\": \"He attended the meeting.\", \"b\": \"He did not attend the meeting.\"}\n\
         {\"id\": \"de\", \"a\": \"He attended the meeting.\", \"b\": \"He did not attend the meeting.\", \"lang\": \"de\"}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "pairs".to_string(),
            input.display().to_string(),
            "--quiet".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let status = common::dupdrift(&args);
        assert_eq!(status.status.code(), Some(0));
        let (_, scores) = read_csv(&out.join("pair_scores.csv"));
        scores
            .into_iter()
            .map(|r| (r[0].clone(), r[2].clone()))
            .collect::<Vec<_>>()
    };
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(run(&[]), [s("en", "polarity"), s("de", "")]);
    // --lang decides for every pair, whatever a line says.
    assert_eq!(
        run(&["--lang", "en"]),
        [s("en", "polarity"), s("de", "polarity")]
    );
}
