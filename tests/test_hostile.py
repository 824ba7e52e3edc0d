"""Hostile and broken inputs: each gets a clear status, and nothing else is lost.

The fixtures in tests/fixtures/hostile/ are small files written to be awkward; the very large ones (a 20 MB
article, 50,000 short lines) are generated here instead of being committed. Expected values were worked out
by reading each fixture.
"""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_articles, extract_text

ROOT = Path(__file__).parent.parent
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.fixture(scope="module")
def hostile():
    result = extract_articles(sorted(HOSTILE.iterdir()))
    return result, result.status.set_index("article"), result.figures


UNREADABLE = {
    "empty.txt": "empty file",
    "whitespace.txt": "no text (the file holds only white space)",
    "picture.png": "binary file (an image, PDF or archive), not text",
    "picture_named.txt": "binary file (an image, PDF or archive), not text",
}


@pytest.mark.parametrize(("name", "reason"), UNREADABLE.items())
def test_unreadable_files_say_why(hostile, name: str, reason: str) -> None:
    _, status, _ = hostile
    assert status.loc[name, "status"] == "unreadable"
    assert status.loc[name, "reason"] == reason


def _figures(figures, name: str) -> list[tuple[str, float, str, str]]:
    rows = figures[figures.article == name]
    return sorted(zip(rows.metric, rows.value, rows.unit, rows.per, strict=True))


@pytest.mark.parametrize(("name", "encoding", "expected"), [
    ("bom_utf8.txt", "utf-8-sig", [("users", 10e6, "users", "")]),
    ("utf16.txt", "utf-16", [("funds_raised", 124e6, "IDR", "")]),
    ("cp1252.txt", "cp1252", [("downloads", 50e6, "downloads", "")]),
    ("latin1.txt", "cp1252", [("sellers", 5000.0, "sellers", "")]),
])
def test_encodings_are_decoded_not_crashed_on(hostile, name: str, encoding: str, expected: list) -> None:
    _, status, figures = hostile
    assert status.loc[name, "status"] == "ok"
    assert status.loc[name, "encoding"] == encoding
    assert _figures(figures, name) == expected


def test_windows_1252_characters_come_through(hostile) -> None:
    _, status, _ = hostile
    assert status.loc["cp1252.txt", "title"] == "Judul Berita Lama – Situs José"
    assert status.loc["latin1.txt", "title"] == "Judul Berita Latin Satu Café"
    assert not status.loc["bom_utf8.txt", "title"].startswith("\ufeff")


def test_html_page_gives_its_article_text_only(hostile) -> None:
    _, status, figures = hostile
    row = status.loc["article.html"]
    assert (row.status, row.title, row.outlet) == ("ok", "Pengguna Aplikasi Tembus 20 Juta", "ContohNews")
    assert _figures(figures, "article.html") == [("employees", 1200.0, "employees", ""),
                                                 ("monthly_active_users", 20e6, "users", ""),
                                                 ("videos_uploaded", 500e3, "videos", "day")]
    mau = figures[(figures.article == "article.html") & (figures.metric == "monthly_active_users")].iloc[0]
    assert (str(mau.date.date()), mau.date_grain) == ("2021-02-28", "month")  # "pada Februari 2021"
    assert "99 ribu" not in set(figures.raw)  # the navigation bar is not article text


def test_absurd_numbers_give_nothing(hostile) -> None:
    _, status, figures = hostile
    assert status.loc["absurd_numbers.txt", "status"] == "no figures"
    assert _figures(figures, "absurd_numbers.txt") == []


def test_article_without_a_date_keeps_its_figures(hostile) -> None:
    _, status, figures = hostile
    assert status.loc["no_date.txt", "status"] == "no date"
    rows = figures[figures.article == "no_date.txt"]
    assert rows.metric.tolist() == ["creators"] and rows.date.isna().all()


def test_mixed_indonesian_and_english(hostile) -> None:
    _, _, figures = hostile
    assert _figures(figures, "mixed_language.txt") == [("sellers", 1.5e6, "sellers", ""), ("sellers", 6e6, "sellers", ""),
                                                       ("transactions", 2e6, "transactions", "day")]


def test_markup_in_an_article_is_kept_as_text(hostile) -> None:
    _, status, figures = hostile
    assert status.loc["hostile_markup.txt", "title"] == "Judul <b>Tebal</b> dan <script>window.__pwned=1</script>"
    assert _figures(figures, "hostile_markup.txt") == [("creators", 2e6, "creators", ""), ("users", 10e6, "users", "")]


def test_one_bad_file_never_hides_the_others(hostile) -> None:
    result, status, figures = hostile
    assert len(status) == len(list(HOSTILE.iterdir()))
    assert not result.ok
    readable = status[status.status != "unreadable"].index
    assert set(figures.article) <= set(readable)
    assert figures.article.nunique() == 8  # every readable fixture with figures gave them


def test_twenty_megabyte_article(tmp_path: Path) -> None:
    paragraph = ("Jakarta - Pengguna aktif bulanan aplikasi itu mencapai {n} juta di Indonesia, sedangkan video yang "
                 "diunggah per hari mencapai {m} ribu. Warga menonton konten hiburan dan edukasi setiap malam.\n")
    lines = ["Kamis, 19 Des 2019 21:20 WIB", "", "Judul Berita Yang Sangat Panjang Sekali", ""]
    size, n = 0, 0
    while size < 20_000_000:
        line = paragraph.format(n=n % 997 + 1, m=n % 991 + 1)
        lines.append(line)
        size += len(line)
        n += 1
    path = tmp_path / "huge.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    result = extract_articles([path])
    assert result.status.status.tolist() == ["ok"]
    # a fact stated again is one row that counts its mentions: one MAU fact per distinct value (997 of them), one
    # upload rate per distinct value (991), and every paragraph's two figures are mentions of those facts
    figures = result.figures
    assert figures.metric.value_counts().to_dict() == {"monthly_active_users": 997, "videos_uploaded": 991}
    assert figures.groupby("metric").mentions.sum().to_dict() == {"monthly_active_users": n, "videos_uploaded": n}
    assert set(figures.per) == {"", "day"}


def test_fifty_thousand_short_lines(tmp_path: Path) -> None:
    lines = ["Senin, 17 Des 2018 20:26 WIB", "", "Judul Berita Dengan Banyak Baris Pendek", ""]
    lines += [f"Baris {i}" if i % 1000 else f"Donasi terkumpul Rp {i // 1000} juta." for i in range(1, 50_001)]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = extract_articles([path])
    assert result.status.status.tolist() == ["ok"]
    assert sorted(result.figures.value) == [k * 1e6 for k in range(1, 51)]


def test_cli_reports_each_problem_and_writes_the_rest() -> None:
    result = subprocess.run([sys.executable, "-m", "extract", str(HOSTILE)], capture_output=True, text=True,
                            cwd=ROOT, check=False, timeout=300)
    assert result.returncode == 1
    problems = sorted(result.stderr.strip().splitlines())
    assert problems == ["empty.txt: empty file", "picture_named.txt: binary file (an image, PDF or archive), not text",
                        "whitespace.txt: no text (the file holds only white space)"]
    written = pd.read_csv(io.StringIO(result.stdout))
    assert len(written) == 13  # bom 1, utf16 1, cp1252 1, latin1 1, html 3, no_date 1, mixed 3, markup 2


FIGURE_LIKE = st.sampled_from(["10 juta", "Rp 124 juta", "1.2.3.4", "Rp", "juta juta", "persen", "%", "-", "1,5",
                               "100.000", "hingga", "per hari", "pengguna", "Kamis, 19 Des 2019", "(22/1/2019)",
                               "\n", "\n\n", ". ", ", ", "\"", "Kalau", "sebanyak", "seribu", "puluhan", "ribu",
                               "9" * 40, "US$", "dolar AS", "tahun lalu", "kuartal I/2022", "Menurut Dina,", "ujar"])
TEXTS = st.one_of(st.text(max_size=400),
                  st.lists(st.one_of(FIGURE_LIKE, st.text(max_size=8)), max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_sound_rows(text: str) -> None:
    first = extract_text(text, "fuzz")
    assert len(first.status) == 1
    for row in first.figures.itertuples():
        assert row.raw and text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")[row.start:row.end] == row.raw
        assert math.isfinite(row.value)
        assert row.value_max is None or math.isnan(row.value_max) or math.isfinite(row.value_max)
    again = extract_text(text, "fuzz")
    assert first.figures.equals(again.figures) and first.status.equals(again.status)


UNSAFE = re.compile(r"\b(?:eval|exec)\(|\bpickle\b|\bmarshal\b|os\.system|subprocess|shell=True|__import__")


def test_no_eval_exec_pickle_or_shell_in_the_product() -> None:
    sources = [*sorted((ROOT / "extract").rglob("*.py")), *sorted((ROOT / "timeline").rglob("*.py")),
               ROOT / "dashboard.py"]
    offenders = [f"{path.name}:{number}" for path in sources
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if UNSAFE.search(line)]
    assert offenders == []
