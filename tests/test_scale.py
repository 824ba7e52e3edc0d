"""Scale: the CLI streams in batches and in parallel, Dask gives the same rows, the dashboard reads Parquet."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from extract import extract_articles
from extract.cli import BATCH_ARTICLES

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI writing the streamed figures table (one row per fact per article) unless told otherwise."""
    table = [] if "--table" in args else ["--table", "figures"]
    return subprocess.run([sys.executable, "-m", "extract", *args, *table], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=600)


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    """More articles than one batch: copies of the seeds under new names, with their figures changed."""
    folder = tmp_path_factory.mktemp("many")
    seeds = sorted(SEEDS.glob("*.txt"))
    count = BATCH_ARTICLES + 100
    for i in range(count):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8").replace("10 juta", f"{i + 11} juta").replace("150 negara", f"{i + 151} negara")
        (folder / f"{i:04d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def test_streamed_csv_json_and_parquet_hold_every_row(many_articles: Path, tmp_path: Path) -> None:
    expected = extract_articles([many_articles]).figures
    assert len(expected) == 2 * (BATCH_ARTICLES + 100)  # two figures in every seed copy on average
    csv_run = cli(str(many_articles), "--jobs", "1")
    assert csv_run.returncode == 0 and csv_run.stderr == ""  # no progress bar when stderr is not a terminal
    written = pd.read_csv(io.StringIO(csv_run.stdout))
    assert written.raw.tolist() == expected.raw.tolist()
    assert written.value.tolist() == expected.value.tolist()
    rows = json.loads(cli(str(many_articles), "--format", "json").stdout)
    assert [r["raw"] for r in rows] == expected.raw.tolist()
    target = tmp_path / "figures.parquet"
    assert cli(str(many_articles), "-o", str(target)).returncode == 0
    parquet = pd.read_parquet(target)
    assert parquet.raw.tolist() == expected.raw.tolist()
    assert parquet.date.tolist() == expected.date.tolist()


def test_parallel_jobs_write_the_same_rows(many_articles: Path) -> None:
    one = cli(str(many_articles), "--jobs", "1").stdout
    two = cli(str(many_articles), "--jobs", "2").stdout
    assert one == two


def test_empty_results_still_have_a_header(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Judul Berita Tanpa Angka\n\nTidak ada angka di sini.", encoding="utf-8")
    result = cli(str(tmp_path / "plain.txt"))
    assert result.returncode == 0
    assert pd.read_csv(io.StringIO(result.stdout)).empty
    assert json.loads(cli(str(tmp_path / "plain.txt"), "--format", "json").stdout) == []


def test_dask_local_cluster_gives_the_same_frame_row_for_row() -> None:
    from distributed import Client, LocalCluster

    from extract.distributed import extract_with_dask

    sources = [str(SEEDS), str(HOSTILE), str(ROOT / "missing.txt")]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        on_dask = extract_with_dask(sources, scheduler=client, npartitions=4)
    single = extract_articles(sources)
    pd.testing.assert_frame_equal(on_dask.figures, single.figures)
    pd.testing.assert_frame_equal(on_dask.status, single.status)
    assert len(on_dask.figures) > 10


def test_cli_on_a_local_dask_cluster_matches(tmp_path: Path) -> None:
    local = cli(str(SEEDS))
    on_dask = cli(str(SEEDS), "--dask", "local")
    assert on_dask.returncode == 0, on_dask.stderr[-2000:]
    assert on_dask.stdout == local.stdout


def test_dask_reads_globs_through_fsspec() -> None:
    from extract.distributed import extract_with_dask

    result = extract_with_dask([str(SEEDS / "00[0-2]_*.txt")])
    assert result.status.article.tolist() == ["000_2cffdb298a2ed0f2.txt", "001_4b832c56c53362f4.txt",
                                              "002_1fe5893f74fd9046.txt"]
    assert len(result.figures) == 7


def test_dashboard_loads_a_parquet_file_of_figures(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "figures.parquet"
    assert cli(str(SEEDS), "-o", str(target)).returncode == 0
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(target))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    chart = at.get("vega_lite_chart")[0]
    import pyarrow as pa

    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()
    assert len(rows) == 10
