"""Does extraction cost grow linearly with the input, whatever its shape?

    python benchmarks/shapes.py              # each shape at 1 MB and 4 MB, and the ratio of their times
    python benchmarks/shapes.py --mb 0.25 1  # a quicker look

A news page is short, but uploads and scraped pages are not: a page without line breaks is one paragraph of
thousands of sentences, a table flattened into one line is one sentence of thousands of figures. Each shape below
is one way text can be long; four times the input must cost at most 4.5 times the time (``TARGET_RATIO``).
The times are the fastest of ``--repeats`` runs (noise here only ever slows a run down).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 4.5
HEAD = "Kamis, 19 Des 2019 21:20 WIB\n\nJudul berita yang cukup panjang untuk sebuah judul\n\n"


def _repeat(unit: Callable[[int], str], size: int, sep: str = " ") -> str:
    """``HEAD`` and then ``unit(0)``, ``unit(1)``, ... joined by ``sep`` until ``size`` characters."""
    parts, length, i = [HEAD], len(HEAD), 0
    while length < size:
        part = unit(i)
        parts.append(part)
        length += len(part) + len(sep)
        i += 1
    return HEAD + sep.join(parts[1:])


SHAPES: dict[str, Callable[[int], str]] = {
    "one sentence, one figure repeated": lambda size: _repeat(lambda i: "10 juta dan", size) + " 10 juta.",
    "one paragraph of short sentences": lambda size: _repeat(
        lambda i: f"Pengguna TikTok mencapai {i % 900 + 10} juta orang.", size),
    "one paragraph of money ranges": lambda size: _repeat(
        lambda i: f"Rp {i % 90 + 1},5 miliar-Rp {i % 90 + 2},5 miliar,", size) + ".",
    "one sentence of ranges in words": lambda size: _repeat(
        lambda i: f"pendapatan Rp {i % 90 + 1}00 juta hingga Rp {i % 90 + 2}00 juta,", size) + ".",
    "many paragraphs": lambda size: _repeat(
        lambda i: f"Menurut Dina, pengguna aktif bulanan TikTok mencapai {i % 900 + 10} juta pada tahun lalu.", size,
        "\n\n"),
    "one paragraph of quotes and pronouns": lambda size: _repeat(
        lambda i: f"\"Kami punya {i % 900 + 10} juta pengguna,\" katanya.", size),
    "one paragraph of dates": lambda size: _repeat(
        lambda i: f"Pada kuartal I/20{10 + i % 15} transaksi mencapai Rp {i % 90 + 1} triliun, naik dari tahun lalu.",
        size),
    "one sentence, figures, dates, comparisons": lambda size: _repeat(
        lambda i: f"pada {2000 + i % 19} mencapai {i % 900 + 10} juta, naik dari {i % 800 + 5} juta pada tahun lalu,",
        size) + ".",
    "one paragraph of compared dates and undated figures": lambda size: _repeat(
        lambda i: f"Transaksi naik dibandingkan kuartal I 20{10 + i % 15}. Pengguna mencapai {i % 900 + 10} juta.", size),
    "one sentence naming subjects and places": lambda size: _repeat(
        lambda i: f"pengguna {('TikTok', 'Shopee', 'Gojek')[i % 3]} di {('Indonesia', 'Vietnam', 'Filipina')[i % 3]} "
                  f"mencapai {i % 900 + 10} juta,", size) + ".",
    "digits without spaces": lambda size: HEAD + "1234567890" * (size // 10),
    "a flattened table, one cell per line": lambda size: HEAD + "(US$ in millions) |\nQ2 2021 |\nQ2 2022 |\nYoY % |\n" + _repeat(
        lambda i: f"Revenue of segment {i} |\n{i % 900 + 10},{i % 900 + 100} |\n|\n{i % 800 + 5} |\n{i % 90} |\n% |", size,
        "\n")[len(HEAD):],
    "a table of rows that do and do not fit its columns": lambda size: HEAD + "(US$ in millions) | Q1 2020 | Q2 2020 |\n"
    + _repeat(lambda i: f"Segment {i} | 1 | 2 | 3 |\nRevenue {i} | {i % 900 + 5} | {i % 800 + 6} |", size, "\n")[len(HEAD):],
    "English, one long line": lambda size: "Published on Dec. 20, 2019\n\n" + _repeat(
        lambda i: f"Revenue rose to $1.{i % 9}bn in Q3 2019, up from $800m a year earlier, and users hit 10M MAU.",
        size),
}


def best_seconds(text: str, repeats: int) -> float:
    from extract import find_figures, parse_article

    best = float("inf")
    for _ in range(repeats):
        gc.collect()  # each run starts from the same heap: leftovers of the last one would be collected in this one
        started = time.perf_counter()
        find_figures(parse_article(text, "shape"))
        best = min(best, time.perf_counter() - started)
    return best


def measure(small_mb: float = 1.0, large_mb: float = 4.0, repeats: int = 2) -> list[tuple[str, float, float, float]]:
    """(shape, seconds at small_mb, seconds at large_mb, their ratio) for every shape."""
    rows = []
    for make in SHAPES.values():  # patterns compile and data files load on first use: not part of any shape
        best_seconds(make(2000), 1)
    for name, make in SHAPES.items():
        small = best_seconds(make(int(small_mb * 1_000_000)), repeats)
        large = best_seconds(make(int(large_mb * 1_000_000)), repeats)
        rows.append((name, small, large, large / small))
    return rows


def table(rows: list[tuple[str, float, float, float]], small_mb: float, large_mb: float) -> list[str]:
    width = max(len(name) for name, *_ in rows)
    allowed = TARGET_RATIO * (large_mb / small_mb) / 4  # 4.5 for 1 MB and 4 MB
    lines = [f"{'shape'.ljust(width)}  {small_mb:g} MB (s)  {large_mb:g} MB (s)  ratio  target <= {allowed:g}"]
    for name, small, large, ratio in rows:
        verdict = "met" if ratio <= TARGET_RATIO * (large_mb / small_mb) / 4 else "NOT MET"
        lines.append(f"{name.ljust(width)}  {small:>9.2f}  {large:>9.2f}  {ratio:>5.2f}  {verdict}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs=2, default=(1.0, 4.0), metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    print("\n".join(table(measure(*args.mb, repeats=args.repeats), *args.mb)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
