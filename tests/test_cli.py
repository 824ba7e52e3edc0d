"""The command line: every option documented, exit codes as the README says, bad inputs reported."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from extract.cli import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, build_parser

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=120)


def test_csv_to_stdout_by_default() -> None:
    result = run(str(SEEDS))
    assert result.returncode == EXIT_OK, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) == 10
    assert {"article", "metric", "value", "unit", "per", "date", "quote", "start", "end"} <= set(frame.columns)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", frame.date.iloc[0])


def test_json_and_parquet_outputs(tmp_path: Path) -> None:
    result = run(str(SEEDS), "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 10 and rows[0]["date"] == "2019-12-19"
    target = tmp_path / "figures.parquet"
    assert run(str(SEEDS), "-o", str(target)).returncode == EXIT_OK
    assert len(pd.read_parquet(target)) == 10


def test_unreadable_inputs_are_named_and_the_rest_still_written(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty").mkdir()
    good = SEEDS / "003_8aeb7998d574706a.txt"
    result = run(str(good), str(tmp_path / "image.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "empty"))
    assert result.returncode == EXIT_UNREADABLE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any("image.txt: binary file" in line for line in lines)
    assert any("missing.txt: no such file" in line for line in lines)
    assert any("empty: folder holds no articles" in line for line in lines)
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.metric) == ["funds_raised"]


def test_status_table() -> None:
    result = run(str(SEEDS), "--table", "status")
    status = pd.read_csv(io.StringIO(result.stdout))
    # 002 has no dateline: its figures are dated by their own phrases ("menutup tahun 2020"), the article has none
    assert list(status.status) == ["ok", "ok", "no date", "ok", "ok"]


def test_usage_errors() -> None:
    assert run(str(SEEDS), "--format", "xml").returncode == EXIT_USAGE
    assert run(str(SEEDS), "--format", "parquet").returncode == EXIT_USAGE
    assert run().returncode == EXIT_USAGE


def test_every_option_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for action in build_parser()._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in readme, f"{option} is not documented in README.md"
    assert "python -m extract" in readme


SAME_FACT = ROOT / "tests" / "fixtures" / "same_fact"


def test_facts_table_merges_a_fact_across_articles_and_names_its_sources() -> None:
    result = run(str(SAME_FACT))  # --table facts is the default
    assert result.returncode == EXIT_OK, result.stderr
    facts = pd.read_csv(io.StringIO(result.stdout))
    assert len(facts) == 3  # five articles: one fact three report, the 99 juta that disputes it, Instagram's
    agreed = facts[facts.sources == 3].iloc[0]
    assert agreed.value == 92.07e6 and agreed.series == "TikTok · Monthly active users · Indonesia"
    assert set(agreed.source_articles.split("; ")) == {"a_kompas_style.txt", "b_english_wire.txt",
                                                       "c_detik_style.txt"}
    figures = pd.read_csv(io.StringIO(run(str(SAME_FACT), "--table", "figures").stdout))
    assert len(figures) == 5 and "sources" not in figures.columns  # one row per fact per article, as extracted


def test_mentions_table_traces_every_mention_to_its_fact(tmp_path: Path) -> None:
    target = tmp_path / "mentions.parquet"
    assert run(str(SAME_FACT), str(ROOT / "tests" / "news" / "id_01_apjii-pengguna-internet-2016.txt"), "--table",
               "mentions", "-o", str(target)).returncode == EXIT_OK
    mentions = pd.read_parquet(target)
    same = mentions[mentions.series == "TikTok · Monthly active users · Indonesia"]
    assert same.groupby("fact_id").size().sort_values().tolist() == [1, 3]
    assert sorted(same.raw) == ["92 juta", "92 million", "92,07 juta", "99 juta"]
    apjii = mentions[mentions.article == "id_01_apjii-pengguna-internet-2016.txt"]
    text = (ROOT / "tests" / "news" / "id_01_apjii-pengguna-internet-2016.txt").read_text(encoding="utf-8")
    for row in apjii.itertuples():
        assert text[row.start:row.end] == row.raw  # every mention's characters, at its offsets
        assert row.raw in row.sentence
    assert (apjii.mention > 1).sum() == 4  # facts the headline and the body both state, each a second mention
