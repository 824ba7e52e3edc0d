"""The five seed articles, read by hand: what a careful analyst would chart from each.

The expected table was written from the article texts (see the quotes in the
comments), not from the program's output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract import find_figures, read_article

SEEDS = Path(__file__).parent.parent / "seeds"

# (article prefix, metric, value, unit, per, earliest date, latest date, grain)
EXPECTED = [
    # "pengguna aktif bulanan Tik Tok di Indonesia sudah mencapai 10 juta" (published 23 Jan 2019, event 22/1/2019)
    ("004_", "monthly_active_users", 10_000_000, "users", "", date(2019, 1, 22), date(2019, 1, 23), "day"),
    # "Sementara, pengguna hariannya mencapai 5 juta."
    ("004_", "daily_active_users", 5_000_000, "users", "", date(2019, 1, 22), date(2019, 1, 23), "day"),
    # "sudah mencapai 100.000 video per hari dan 30 miliar viewer per bulan" (Jum'at, 23 Oktober 2020)
    ("001_", "videos_uploaded", 100_000, "videos", "day", date(2020, 10, 23), date(2020, 10, 23), "day"),
    ("001_", "video_views", 30_000_000_000, "views", "month", date(2020, 10, 23), date(2020, 10, 23), "day"),
    # "Pengguna internet di Indonesia 174,6 juta"
    ("001_", "internet_users", 174_600_000, "users", "", date(2020, 10, 23), date(2020, 10, 23), "day"),
    # "selama satu minggu kita mendapatkan sebesar Rp 124 juta" (Senin, 17 Des 2018)
    ("003_", "funds_raised", 124_000_000, "IDR", "", date(2018, 12, 17), date(2018, 12, 17), "day"),
    # "menutup tahun 2020 ... konten yang diunggah per bulan mencapai 100 juta video" (no dateline)
    ("002_", "videos_uploaded", 100_000_000, "videos", "month", date(2020, 1, 1), date(2020, 12, 31), "year"),
    # "Kami sudah served 150 negara jadi 75 bahasa dan 50 global office" (Kamis, 19 Des 2019)
    ("000_", "countries", 150, "countries", "", date(2019, 12, 19), date(2019, 12, 19), "day"),
    ("000_", "languages", 75, "languages", "", date(2019, 12, 19), date(2019, 12, 19), "day"),
    ("000_", "offices", 50, "offices", "", date(2019, 12, 19), date(2019, 12, 19), "day"),
]

# Written in the seeds, and not figures: hypotheticals, durations, codes, years.
NOT_FIGURES = ["seribu", "2 ribu", "60 persen", "5 ribu", "15 detik", "20 Tahun", "COVID-19", "19", "2018", "2021",
               "2023", "2024", "Rp 1000", "30", "Puluhan Juta", "20detik", "5"]


def test_seed_files_are_the_five_shipped_examples() -> None:
    assert sorted(p.name[:4] for p in SEEDS.glob("*.txt")) == ["000_", "001_", "002_", "003_", "004_"]


def test_seed_figures_exactly(seed_extraction) -> None:
    frame = seed_extraction.figures
    assert len(frame) == len(EXPECTED), frame[["article", "metric", "raw"]].to_string()
    for prefix, metric, value, unit, per, earliest, latest, grain in EXPECTED:
        rows = frame[frame.article.str.startswith(prefix) & (frame.metric == metric)]
        assert len(rows) == 1, f"{prefix} {metric}: {len(rows)} rows"
        row = rows.iloc[0]
        assert row.value == pytest.approx(value)
        assert (row.unit, row.per, row.date_grain) == (unit, per, grain)
        assert earliest <= row.date.date() <= latest


def test_no_row_for_what_is_not_a_figure(seed_extraction) -> None:
    raws = set(seed_extraction.figures.raw)
    assert raws.isdisjoint(NOT_FIGURES), raws & set(NOT_FIGURES)


def test_every_row_points_at_its_characters() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        for figure in find_figures(article):
            assert article.text[figure.start:figure.end] == figure.raw
            assert figure.raw in figure.quote


def test_sources_travel_with_every_row(seed_extraction) -> None:
    frame = seed_extraction.figures
    assert (frame.quote.str.len() > 0).all()
    assert frame.article.str.endswith(".txt").all()
    # every figure is TikTok's, but Indonesia's internet users: a population's count, whose subject is the body
    # that reports it (none is named in that sentence)
    statistic = frame.metric.eq("internet_users")
    assert frame.subject[~statistic].eq("TikTok").all() and frame.subject[statistic].eq("").all()
    by_metric = frame.set_index("metric")
    assert by_metric.loc["monthly_active_users", "speaker"].endswith("Dina Bhirawa")
    assert by_metric.loc["countries", "speaker"] == "Angga"
    assert by_metric.loc["funds_raised", "speaker"] == "Dina"  # "pungkasnya" points back to "ujar Dina"
    assert by_metric.loc["internet_users", "region"] == "Indonesia"


def test_status_accounts_for_every_seed(seed_extraction) -> None:
    status = seed_extraction.status.set_index("article")
    assert len(status) == 5
    # 002 has no dateline, and a year it mentions in passing ("menutup tahun 2020") is not the article's date:
    # its status says so, and its figure is dated by its own sentence (see test_seed_figures_exactly)
    assert set(status.drop(index="002_1fe5893f74fd9046.txt").status) == {"ok"}
    assert status.loc["002_1fe5893f74fd9046.txt", "status"] == "no date"
    assert pd.isna(status.loc["002_1fe5893f74fd9046.txt", "published"])
    assert status.loc["004_ae0d89e784a0dd45.txt", "published"] == pd.Timestamp("2019-01-23")
    assert status.loc["000_2cffdb298a2ed0f2.txt", "outlet"] == "detikInet"


def test_repeated_paragraphs_give_each_figure_once() -> None:
    text = (SEEDS / "001_4b832c56c53362f4.txt").read_text(encoding="utf-8")
    assert text.count("Pengguna internet di Indonesia 174,6 juta") == 2
    figures = find_figures(read_article(SEEDS / "001_4b832c56c53362f4.txt"))
    assert [f.metric for f in figures].count("internet_users") == 1
