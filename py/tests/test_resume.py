"""A failed job starts again from its last finished stage, and only when the
inputs and parameters are those it was run with."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import dupdrift_spark
from dupdrift_spark import cli, job, passages

from .conftest import ROOT
from .test_same_reports import SAME, as_parquet, scan


def files_of(stage: Path) -> dict[str, int]:
    return {f.name: f.stat().st_mtime_ns for f in stage.iterdir()}


@pytest.fixture
def corpus(dupdrift_bin, tmp_path) -> Path:
    subprocess.run(
        [str(dupdrift_bin), "gen", "--articles", "600", "--seed", "3", "--out", str(tmp_path / "gen"), "--quiet"],
        check=True,
    )
    as_parquet(tmp_path / "gen" / "corpus.jsonl", tmp_path / "articles.parquet")
    scan(dupdrift_bin, [tmp_path / "gen" / "corpus.jsonl"], tmp_path / "scan")
    return tmp_path / "articles.parquet"


def test_a_failed_job_resumes_after_its_last_stage(spark, corpus, tmp_path, monkeypatch):
    work, out = tmp_path / "work", tmp_path / "out"
    articles = spark.read.parquet(str(corpus))

    def killed(*_):
        raise RuntimeError("killed before the connected components")

    with monkeypatch.context() as m:
        m.setattr(passages, "components", killed)
        with pytest.raises(RuntimeError, match="killed"):
            dupdrift_spark.run(spark, articles, out, work, resume=True)
    assert not out.exists(), "a failed job leaves no reports"
    before = {stage: files_of(work / stage) for stage in ["analyzed", "aligned"]}

    summary = dupdrift_spark.run(spark, articles, out, work, resume=True)
    assert summary.resumed[0] == "analyzed"
    assert "aligned" in summary.resumed
    assert "cc_edges" not in summary.resumed
    # Read back, not written again.
    assert {stage: files_of(work / stage) for stage in before} == before
    for name in SAME:
        assert (out / f"{name}.csv").read_bytes() == (tmp_path / "scan" / f"{name}.csv").read_bytes(), name

    # Finished: a run that resumes computes nothing; other parameters compute everything.
    again = dupdrift_spark.run(spark, articles, tmp_path / "again", work, resume=True)
    assert "cc_edges" in again.resumed and "passage_rows" in again.resumed
    other = dupdrift_spark.run(spark, articles, tmp_path / "other", work, job.Params(threshold=0.6), resume=True)
    assert other.resumed == []
    assert files_of(work / "analyzed") != before["analyzed"]


def test_a_resumed_run_trusts_only_the_stages_of_the_last_run(spark, corpus, tmp_path, monkeypatch):
    work = tmp_path / "work"
    articles = spark.read.parquet(str(corpus))
    dupdrift_spark.run(spark, articles, tmp_path / "first", work)
    # A fresh run over the same work folder fails half-way: the first run's
    # later stages are still there, but no longer the last run's.
    with monkeypatch.context() as m:
        m.setattr(passages, "components", lambda *_: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            dupdrift_spark.run(spark, articles, tmp_path / "second", work)
    third = dupdrift_spark.run(spark, articles, tmp_path / "third", work, resume=True)
    assert third.resumed[0] == "analyzed" and "aligned" in third.resumed
    assert "cc_edges" not in third.resumed and "passage_rows" not in third.resumed
    for name in SAME:
        assert (tmp_path / "third" / f"{name}.csv").read_bytes() == (tmp_path / "scan" / f"{name}.csv").read_bytes()


def test_a_stage_computed_again_voids_the_markers_after_it(spark, corpus, tmp_path, monkeypatch):
    work = tmp_path / "work"
    articles = spark.read.parquet(str(corpus))
    dupdrift_spark.run(spark, articles, tmp_path / "first", work)
    # A marker gone (a stage to compute again): the run that resumes computes
    # from there, and fails before the components.
    shutil.rmtree(work / "_finished" / "prepared")
    with monkeypatch.context() as m:
        m.setattr(passages, "components", lambda *_: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            dupdrift_spark.run(spark, articles, tmp_path / "second", work, resume=True)
    third = dupdrift_spark.run(spark, articles, tmp_path / "third", work, resume=True)
    assert "dfs" in third.resumed and "prepared" in third.resumed and "aligned" in third.resumed
    # The first run's markers of the later stages are not the resumed run's.
    assert "cc_edges" not in third.resumed


def test_a_run_on_rows_not_read_from_files_voids_the_markers(spark, corpus, tmp_path):
    work = tmp_path / "work"
    articles = spark.read.parquet(str(corpus))
    dupdrift_spark.run(spark, articles, tmp_path / "first", work)
    # Other rows, from no file: nothing to fingerprint, and the stages rewritten.
    rows = spark.createDataFrame(articles.limit(100).collect(), articles.schema)
    dupdrift_spark.run(spark, rows, tmp_path / "second", work)
    third = dupdrift_spark.run(spark, articles, tmp_path / "third", work, resume=True)
    assert third.resumed == []
    for name in SAME:
        assert (tmp_path / "third" / f"{name}.csv").read_bytes() == (tmp_path / "scan" / f"{name}.csv").read_bytes()


def test_resume_needs_a_work_folder(remote, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main([str(tmp_path / "articles.parquet"), "--out", str(tmp_path / "out"), "--remote", remote, "--resume"])
    assert exit.value.code == 2
    assert "--resume needs --work" in capsys.readouterr().err


def test_the_command_says_what_it_resumed(remote, tmp_path, capsys):
    corpus = ROOT / "data" / "reprints.jsonl"
    command = [str(corpus), "--out", str(tmp_path / "out"), "--remote", remote, "--work", str(tmp_path / "w")]
    assert cli.main([*command, "--resume"]) == 0
    err = capsys.readouterr().err
    assert "nothing to resume" in err
    assert "dupdrift-spark: analyzed: " in err and "analyzed: read back" not in err
    assert cli.main([*command, "--resume"]) == 0
    err = capsys.readouterr().err
    assert "stages read back from" in err and "(up to passage_rows)" in err
    assert "dupdrift-spark: analyzed: read back" in err
    assert cli.main([*command, "--quiet"]) == 0
    assert "analyzed" not in capsys.readouterr().err
