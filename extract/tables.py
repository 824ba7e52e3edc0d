"""Flattened tables: the values of a results table that a scraper turned into lines of "cell |".

Company releases carry their figures in tables ("GMV | 5,441 | 4,997 | 9 % | 8 %"). A scraper keeps the cells
and the pipes between them, one row per line or one cell per line, and the numbers lose the words that make
them figures: "5,441" is Q4 2023's GMV in millions of dollars only by its row, its column and the table's
caption. Sentences cannot say that; this module reads the table instead.

How a table is read (no layout is guessed beyond what the cells say):

- A table is a run of lines holding "|" (at least ``MIN_CELLS`` cells, none longer than ``CELL_MAX``), with
  the short lines that continue a cell across a line break ("($ in" + "millions) |"), and at least one value
  placed in a column; anything else stays text.
- Its cells, in order: a numeral ("5,441", "(11.0)" negative, "9%", or "9" then a "%" cell) is a value; "n.m.",
  "-" hold a column without a value; a cell with a period ("Q4 2023", "2023", "FY2023") or a change word
  ("YoY %Change") is a column heading while no row label has been seen; any other cell with letters is a row
  label.
- A row's values fill the columns in order; a forecast's column ("2018F", "2019E") gives none. Where there
  are more values than columns, the row is skipped: its values cannot be placed.
- Scale and currency: a row label's own ("MTUs (millions of users)") before the caption's ("($ in millions,
  unless otherwise stated)", "(dalam miliar Rupiah)"). A change column's values are percentages, of the
  latest dated column ("Q2 2021 | Q2 2022 | YoY %": the change is Q2 2022's).

The words are the language file's ``table_scales`` and ``table_change_words``; the corpus is
``extract/corpus/tables.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from extract.dates import Period, find_absolute_phrases, year_period
from extract.lexicon import WHITESPACE, load_language, phrase_pattern
from extract.numbers import parse_numeral, times_scale

MIN_CELLS = 8  # fewer pipes than this are no table: "Harga | Rp 15.000" in a line of text
CAPTION_REACH = 200  # characters before a table in which its caption ("$ in millions") may stand
CONTINUATION_MAX = 60  # a line without a pipe continues a cell only when it is this short
CELL_MAX = 80  # a line with a longer stretch between its pipes is prose, not a row of cells
HEADING_MAX_WORDS = 6  # a column heading is short: "Q4 2023", "YoY %Change(Constant Currency)"
_VALUE_CELL = re.compile(r"(?P<open>\()?\s*(?P<sign>[-−–])?\s*(?P<num>\d[\d.,]*)\s*(?(open)\))\s*(?P<pct>%)?")
_PLACEHOLDER_CELL = re.compile(r"n\.?\s?m\.?|n\.?\s?a\.?|[-−–—]+|nil", re.I)
_YEAR_HEADING = re.compile(r"(?:FY\s?)?((?:19|20)\d\d)([FEP])?", re.I)
_FOOTNOTE_DIGITS = re.compile(r"(?<=[^\W\d_])\d\b")  # "On-Demand GMV3", "Currency4": a footnote marker


@dataclass(frozen=True)
class Column:
    heading: str
    period: Period | None
    change: bool  # "YoY %Change": its values are the change of the row's latest dated column
    forecast: bool = False  # "2018F": a forecast's column


@dataclass(frozen=True)
class TableValue:
    """One value of a table: where its numeral stands (``text[start:end]``), its row and its column."""

    start: int
    end: int
    value: float  # times the row's or the caption's scale, unless a percentage
    multiplier: float  # that scale (1 for a percentage): the unit of the last written digit is its precision
    percent: bool
    currency: str  # the caption's currency for a money row; "" for a row of counts or a percentage
    label: str  # the row label, whitespace folded and footnote digits dropped: "On-Demand GMV"
    column: Column
    period: Period | None  # the column's, or for a change column the latest dated column's
    row: str  # "GMV | Q4 2023 | 5,441": what the table says of this value, for its quote


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    text: str  # whitespace folded


class _TableWords(NamedTuple):
    """A language's table words, compiled once (an empty list in the language file matches nothing)."""

    scales: dict[str, float]  # "in millions" -> 1000000
    scale: re.Pattern[str]
    change: re.Pattern[str]  # "YoY", "Perubahan"
    currency: re.Pattern[str]  # "$", "US$", "Rupiah": a caption's currency


@cache
def _words(code: str) -> _TableWords:
    lang = load_language(code)
    symbols = [w for c in lang.currencies for w in (*c.before, *c.after)]
    return _TableWords(lang.table_scales,
                       re.compile(rf"(?<![\w])({phrase_pattern(list(lang.table_scales))})(?![\w])", re.I),
                       re.compile(rf"(?<![\w]){phrase_pattern(lang.table_change_words)}", re.I),
                       re.compile(rf"(?<![\w]){phrase_pattern(symbols)}", re.I))


def table_spans(text: str) -> list[tuple[int, int]]:
    """Where the flattened tables of a text stand: runs of lines holding "|", with the short lines that
    continue a cell, holding at least ``MIN_CELLS`` pipes."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    pipes = 0
    pending = -1  # the start of short lines without a pipe that may continue a cell
    position = 0
    for line in text.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        stripped = line.strip()
        # a line of prose with a pipe in it ("JAKARTA | Pengguna TikTok mencapai ...") is no table row
        if "|" in stripped and max(len(cell) for cell in stripped.split("|")) <= CELL_MAX:
            if start < 0:  # short lines before continue its first cell only where a line holds one cell
                start = pending if pending >= 0 and stripped.count("|") == 1 else line_start
            # (short lines between two pipe lines are inside the table's span already)
            end, pipes, pending = position, pipes + stripped.count("|"), -1
            continue
        if stripped and len(stripped) <= CONTINUATION_MAX and not stripped.endswith((".", "!", "?", "\u201d", '"')):
            pending = line_start if pending < 0 else pending
            continue
        if start >= 0 and pipes >= MIN_CELLS:
            spans.append((start, end))
        start, pipes, pending = -1, 0, -1
    if start >= 0 and pipes >= MIN_CELLS:
        spans.append((start, end))
    return spans


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    cells = []
    lo = start
    while lo < end:
        hi = text.find("|", lo, end)
        hi = end if hi < 0 else hi
        raw = text[lo:hi]
        folded = WHITESPACE.sub(" ", raw).strip()
        if folded:
            left = lo + (len(raw) - len(raw.lstrip()))
            cells.append(_Cell(left, lo + len(raw.rstrip()), folded))
        lo = hi + 1
    return cells


def _scale_of(words: str, code: str) -> float | None:
    words_of = _words(code)
    match = words_of.scale.search(words)
    return words_of.scales[WHITESPACE.sub(" ", match.group(1).lower())] if match else None


def _column(cell: _Cell, code: str) -> Column | None:
    """A heading cell: it names a period or a change ("YoY %Change(Constant Currency4)") in a few words; a
    table's title or caption ("Group Fourth Quarter 2023 Highlights ($ in millions)") is none."""
    if len(cell.text.split()) > HEADING_MAX_WORDS or _scale_of(cell.text, code) is not None:
        return None
    if _words(code).change.search(cell.text):
        return Column(cell.text, None, True)
    year = _YEAR_HEADING.fullmatch(cell.text)  # "2023", "FY2023", "FY 2023": a year's column
    if year:  # "2017F", "2018E": a forecast's or an estimate's column, whose values are no facts
        return Column(cell.text, year_period(int(year[1])), False, forecast=bool(year[2]))
    phrases = find_absolute_phrases(cell.text, code)
    if phrases:
        return Column(cell.text, phrases[0].period, False)
    return None


def read_table(text: str, start: int, end: int, code: str) -> list[TableValue]:
    """The values of one flattened table, each placed in its row and column."""
    lang = load_language(code)
    cells = _cells(text, start, end)
    caption = text[max(0, start - CAPTION_REACH):cells[0].end if cells else end]
    caption_scale = _scale_of(caption, code) or 1.0
    symbol = _words(code).currency.search(caption)
    caption_currency = (lang.currency_code(symbol.group()) or "") if symbol else ""
    columns: list[Column] = []
    values: list[TableValue] = []
    label: _Cell | None = None
    row: list[tuple[_Cell, float, bool] | None] = []  # the row's values in order; None holds a column

    latest: list[Period | None] = []  # the latest dated column's period, found once (the columns are then set)

    def close_row() -> None:
        if label is None or not row or len(row) > len(columns):
            return
        name = _FOOTNOTE_DIGITS.sub("", label.text)
        row_scale = _scale_of(label.text, code)
        if not latest:
            dated = [c.period for c in columns if not c.change and not c.forecast and c.period is not None]
            latest.append(max(dated, key=lambda p: p.last) if dated else None)
        for column, entry in zip(columns, row, strict=False):
            if entry is None or column.forecast:
                continue
            cell, number, percent = entry
            percent = percent or column.change
            money = not percent and row_scale is None and bool(caption_currency)
            written = f"{cell.text} %" if percent and not cell.text.endswith("%") else cell.text
            multiplier = 1.0 if percent else row_scale or caption_scale
            values.append(TableValue(
                start=cell.start, end=cell.end, value=times_scale(number, multiplier), multiplier=multiplier,
                percent=percent,
                currency=caption_currency if money else "", label=name, column=column,
                period=latest[0] if column.change else column.period, row=f"{name} | {column.heading} | {written}"))

    for cell in cells:
        if cell.text == "%":  # "9 |" then "% |": the sign in a cell of its own
            if row and row[-1] is not None:
                row[-1] = (row[-1][0], row[-1][1], True)
            continue
        if label is None:  # the caption and the headings stand before the first row
            column = _column(cell, code)
            if column is not None:
                columns.append(column)
                continue
            if not columns and _scale_of(cell.text, code) is not None:
                continue  # the caption, before the headings: "Highlights (US$ in millions)"
        match = _VALUE_CELL.fullmatch(cell.text)
        if match:
            number = parse_numeral(match["num"], lang)
            if number is not None:
                numeral = _Cell(cell.start + match.start("num"), cell.start + match.end("num"), match["num"])
                row.append((numeral, -number if match["open"] or match["sign"] else number, bool(match["pct"])))
            continue
        if _PLACEHOLDER_CELL.fullmatch(cell.text):
            row.append(None)
            continue
        if not any(ch.isalpha() for ch in cell.text) or (cell.text.startswith("(") and cell.text.endswith(")")):
            continue  # "(unaudited)", the caption "($ in millions)", a footnote
        close_row()
        label, row = cell, []
    close_row()
    return values


def find_table_values(text: str, code: str) -> tuple[list[tuple[int, int]], list[TableValue]]:
    """The flattened tables of a text that hold values (their spans) and their values. A run of pipes without
    a value placed in a column (a navigation bar, "Home | News | Tech") is left to be read as text."""
    spans: list[tuple[int, int]] = []
    values: list[TableValue] = []
    for start, end in table_spans(text):
        found = read_table(text, start, end, code)
        if found:
            spans.append((start, end))
            values.extend(found)
    return spans, values
