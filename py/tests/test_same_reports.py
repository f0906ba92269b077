"""The Spark job gives `dupdrift scan`'s reports, byte for byte."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import dupdrift_spark
from dupdrift_spark import cli

from .conftest import ROOT

SAME = ["documents", "pairs", "groups", "errors", "alignments", "passages", "drift"]
COUNTS = ["articles", "input_errors", "pairs", "groups", "alignments", "clusters", "drift_findings"]


def scan(binary: Path, inputs: list[Path], out: Path, *flags: str) -> dict:
    subprocess.run(
        [str(binary), "scan", *map(str, inputs), "--out", str(out), "--quiet", *flags],
        check=True,
    )
    return json.loads((out / "run.json").read_text())


def as_parquet(jsonl: Path, parquet: Path) -> None:
    """The articles of `jsonl` with the places `scan` reads them at: the
    position and the `path:line` it names them by."""
    rows = []
    with open(jsonl, encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if line.strip():
                record = json.loads(line)
                fields = {k: record.get(k) for k in dupdrift_spark.pairs.ARTICLE_COLUMNS}
                fields = {k: None if v is None else str(v) for k, v in fields.items()}
                rows.append(fields | {"position": n, "input": f"{jsonl}:{n}"})
    pq.write_table(pa.Table.from_pylist(rows), parquet)


def test_a_generated_corpus_gives_scans_reports(spark, dupdrift_bin, tmp_path):
    subprocess.run(
        [str(dupdrift_bin), "gen", "--articles", "2000", "--seed", "11", "--out", str(tmp_path / "gen"), "--quiet"],
        check=True,
    )
    corpus = tmp_path / "gen" / "corpus.jsonl"
    as_parquet(corpus, tmp_path / "articles.parquet")
    expected = scan(dupdrift_bin, [corpus], tmp_path / "scan")
    summary = dupdrift_spark.run(
        spark,
        spark.read.parquet(str(tmp_path / "articles.parquet")),
        tmp_path / "spark",
        tmp_path / "work",
    )
    for name in SAME:
        got = (tmp_path / "spark" / f"{name}.csv").read_bytes()
        want = (tmp_path / "scan" / f"{name}.csv").read_bytes()
        assert got == want, f"{name}.csv differs from scan's"
    for count in COUNTS:
        assert summary.counts[count] == expected["counts"][count], count
    # Enough of everything that equal files say something.
    assert expected["counts"]["pairs"] > 100
    assert expected["counts"]["clusters"] > 100
    assert expected["counts"]["drift_findings"] > 100


def test_json_lines_read_by_spark_give_scans_pairs_and_findings(remote, dupdrift_bin, tmp_path):
    corpus = ROOT / "data" / "reprints.jsonl"
    scan(dupdrift_bin, [corpus], tmp_path / "scan")
    status = cli.main(
        [str(corpus), "--out", str(tmp_path / "spark"), "--remote", remote, "--work", str(tmp_path / "work")]
    )
    assert status == 0
    # documents.csv names where each article was read: a line for scan, a row here.
    for name in ["pairs", "groups", "alignments", "passages", "drift"]:
        got = (tmp_path / "spark" / f"{name}.csv").read_bytes()
        assert got == (tmp_path / "scan" / f"{name}.csv").read_bytes(), name
    assert len((tmp_path / "spark" / "drift.csv").read_text().splitlines()) > 1


def test_bad_rows_go_to_errors_and_the_rest_is_reported(remote, dupdrift_bin, tmp_path):
    a = (
        "The minister arrived in Brussels on Monday for two days of talks. "
        "The government has already warned about security breaches, she said."
    )
    e = a.replace("has already warned", "has not warned")
    rows = [
        ("a", a.encode()),
        ("b", b"Caf\xe9 au lait in Paris, on Monday, for talks."),
        ("c", None),
        ("a", b"A second article under the first one's id, about something else."),
        ("d", b"   "),
        ("e", e.encode()),
    ]
    table = pa.table(
        {
            "id": [r[0] for r in rows],
            "text": pa.array([r[1] for r in rows], pa.binary()),
            "position": list(range(1, len(rows) + 1)),
            "input": [f"feed:{n}" for n in range(1, len(rows) + 1)],
        }
    )
    pq.write_table(table, tmp_path / "bad.parquet")
    status = cli.main(
        [str(tmp_path / "bad.parquet"), "--out", str(tmp_path / "out"), "--remote", remote,
         "--work", str(tmp_path / "work")]
    )
    assert status == 1
    errors = (tmp_path / "out" / "errors.csv").read_text().splitlines()
    assert errors == [
        "input,reason",
        "feed:2,invalid UTF-8 at byte 3",
        "feed:3,empty article: no text",
        'feed:4,"duplicate id ""a"": already read from feed:1"',
        "feed:5,empty article: no text",
    ]
    ids = [line.split(",")[0] for line in (tmp_path / "out" / "documents.csv").read_text().splitlines()]
    assert ids == ["doc_id", "a", "e"]
    # The articles read are reported as scan reports them: the negation found.
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in [("a", a), ("e", e)]))
    scan(dupdrift_bin, [good], tmp_path / "scan")
    for name in ["pairs", "alignments", "drift"]:
        got = (tmp_path / "out" / f"{name}.csv").read_bytes()
        assert got == (tmp_path / "scan" / f"{name}.csv").read_bytes(), name
    assert ",polarity," in (tmp_path / "out" / "drift.csv").read_text()
