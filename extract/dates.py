"""Dates in news text: datelines, event dates and period phrases, each with its grain.

dateparser parses Indonesian dates well but searches for them badly (it reads
"20 Tahun" as the year 2000 and "64,8%" as 2064, and reads about 17,000
characters a second). So, as ``../reference`` advises, candidates are found
here with our own patterns built from the language files, and only the
day-grain candidates are handed to ``dateparser.parse``, once per distinct
candidate. Coarser phrases ("April 2023", "kuartal I/2022", "sepanjang 2020")
keep their grain instead of having a day invented for them.

A period is stored with its first and last day. The date a figure describes
("as of") is the last day of its period, but never later than the article's
own date: "tahun ini" in an article of 23 October 2020 is as of 23 October.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from extract.lexicon import Language, bounded, load_language, phrase_pattern

GRAINS = ("day", "week", "month", "quarter", "half", "year")
_CANONICAL_MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": list(calendar.month_name)[1:],
}


@dataclass(frozen=True)
class Period:
    """A stretch of time at one grain, e.g. the quarter 2022-Q1 or the day 2019-01-22."""

    grain: str
    first: date
    last: date
    label: str

    def as_of(self, published: date | None = None) -> date:
        if published is not None and self.first <= published < self.last:
            return published
        return self.last


@dataclass(frozen=True)
class DatePhrase:
    start: int
    end: int
    raw: str
    period: Period


def day_period(day: date) -> Period:
    return Period("day", day, day, day.isoformat())


def week_period(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return Period("week", monday, monday + timedelta(days=6), f"{year}-W{week:02d}")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period("month", date(year, month, 1), date(year, month, last), f"{year}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    end = month_period(year, first_month + 2).last
    return Period("quarter", date(year, first_month, 1), end, f"{year}-Q{quarter}")


def half_period(year: int, half: int) -> Period:
    first = date(year, 1 if half == 1 else 7, 1)
    last = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Period("half", first, last, f"{year}-H{half}")


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31), str(year))


# "UU No. 11 Tahun 2020" names a law; its year is not a date the text speaks of.
_LAW_NUMBER = re.compile(r"\b(?:No|Nomor|Nomer|Number)\.?\s*\d+\s*$", re.I)


def _valid_year(text: str) -> int | None:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year if 1900 <= year <= 2100 else None


@dataclass(frozen=True)
class _Patterns:
    day_named: re.Pattern[str]
    day_month_first: re.Pattern[str]
    day_numeric: re.Pattern[str]
    day_iso: re.Pattern[str]
    quarter: re.Pattern[str]
    half: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    relative: re.Pattern[str]
    markers_published: re.Pattern[str]
    markers_updated: re.Pattern[str]


@cache
def _patterns(code: str) -> _Patterns:
    lang = load_language(code)
    months = phrase_pattern(list(lang.months))
    weekday = rf"(?:{phrase_pattern(list(lang.weekdays))}\s*,?\s*)?"
    ordinal = phrase_pattern(list(lang.ordinals))
    year = r"(?P<y>(?:19|20)\d{2})(?![\d])"
    sep = r"(?:\s*[/'\-]\s*|\s+(?:tahun\s+|of\s+)?)"
    quarter_words = phrase_pattern(list(lang.quarter_words))
    half_words = phrase_pattern(list(lang.half_words))
    flags = re.I
    return _Patterns(
        day_named=re.compile(bounded(rf"{weekday}\(?(?P<d>\d{{1,2}})\s+(?P<m>{months})\.?,?\s+(?P<y>\d{{4}})\)?"), flags),
        day_month_first=re.compile(bounded(rf"{weekday}(?P<m>{months})\.?\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})"), flags),
        day_numeric=re.compile(
            rf"(?<![\w/]){weekday}\(?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})\)?(?![\w/])", flags),
        day_iso=re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"),
        quarter=re.compile(bounded(
            rf"(?:{quarter_words}\s+(?:ke-?\s*)?(?P<q>{ordinal}){sep}{year}"
            rf"|(?P<q2>{ordinal})\s+{quarter_words}{sep}{year.replace('?P<y>', '?P<y2>')}"
            rf"|Q(?P<q3>[1-4]){sep.replace('+', '*')}{year.replace('?P<y>', '?P<y3>')})"), flags),
        half=re.compile(bounded(
            rf"(?:{half_words}\s+(?:ke-?\s*)?(?P<q>{ordinal}){sep}{year}"
            rf"|(?P<q2>{ordinal})\s+{half_words}{sep}{year.replace('?P<y>', '?P<y2>')}"
            rf"|H(?P<q3>[12]){sep.replace('+', '*')}{year.replace('?P<y>', '?P<y3>')})"), flags),
        month=re.compile(bounded(
            rf"(?:(?P<part>{phrase_pattern(list(lang.period_parts))})\s+)?(?P<m>{months})\.?\s+{year}"), flags),
        year=re.compile(bounded(rf"(?P<opener>{phrase_pattern(list(lang.year_openers))})\s+{year}"), flags),
        relative=re.compile(bounded(phrase_pattern([r.phrase for r in lang.relative])), flags),
        markers_published=re.compile(bounded(phrase_pattern(list(lang.published_markers))), flags),
        markers_updated=re.compile(bounded(phrase_pattern(list(lang.updated_markers))), flags),
    )


@cache
def parse_day(day: int, month: int, year: int, code: str) -> date | None:
    """One day-grain candidate through dateparser, cached: about 1 ms per distinct date.

    The candidate is rewritten in the language's canonical month names first,
    since dateparser fails on forms such as "Jum'at" and "07 Oct 2024" inside
    Indonesian text.
    """
    if not 1 <= month <= 12:
        return None
    import dateparser  # imported here: it costs 0.15 s and only day dates need it

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first",
                "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(f"{day} {_CANONICAL_MONTHS[code][month - 1]} {year}", languages=[code],
                              settings=settings)
    return parsed.date() if parsed else None


def _month_number(lang: Language, written: str) -> int | None:
    return lang.months.get(written.lower().rstrip("."))


def _ordinal(lang: Language, written: str | None) -> int | None:
    if written is None:
        return None
    return lang.ordinals.get(written.lower())


def _day_phrase(match: re.Match[str], lang: Language, *, numeric: bool) -> Period | None:
    """A day date; numeric dates are day first in Indonesian and month first in English news."""
    year = _valid_year(match["y"])
    if numeric:
        first, second = int(match["d"]), int(match["m"])
        day, month = (second, first) if lang.code == "en" else (first, second)
    else:
        day, month = int(match["d"]), _month_number(lang, match["m"])
    if year is None or month is None:
        return None
    parsed = parse_day(day, month, year, lang.code)
    return day_period(parsed) if parsed else None


def _ordinal_phrase(match: re.Match[str], lang: Language, limit: int, build) -> Period | None:
    for q_key, y_key in (("q", "y"), ("q2", "y2"), ("q3", "y3")):
        if match[q_key]:
            number = int(match[q_key]) if q_key == "q3" else _ordinal(lang, match[q_key])
            year = _valid_year(match[y_key])
            if number and 1 <= number <= limit and year:
                return build(year, number)
    return None


def find_date_phrases(text: str, code: str, anchor: date | None = None,
                      start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Every date phrase in ``text[start:end]``, longest first where two overlap, in text order.

    Relative phrases ("tahun lalu") need ``anchor``, the article's own date;
    without one they are left out rather than guessed from today's date.
    """
    lang = load_language(code)
    patterns = _patterns(code)
    end = len(text) if end is None else end
    found: list[DatePhrase] = []

    def add(match: re.Match[str], period: Period | None) -> None:
        if period is not None:
            found.append(DatePhrase(match.start(), match.end(), match.group(), period))

    for lo, hi in _year_windows(text, start, end):
        for match in patterns.day_named.finditer(text, lo, hi):
            add(match, _day_phrase(match, lang, numeric=False))
        for match in patterns.day_month_first.finditer(text, lo, hi):
            add(match, _day_phrase(match, lang, numeric=False))
        for match in patterns.day_numeric.finditer(text, lo, hi):
            add(match, _day_phrase(match, lang, numeric=True))
        for match in patterns.day_iso.finditer(text, lo, hi):
            year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
            parsed = parse_day(day, month, year, code) if 1900 <= year <= 2100 else None
            add(match, day_period(parsed) if parsed else None)
        for match in patterns.quarter.finditer(text, lo, hi):
            add(match, _ordinal_phrase(match, lang, 4, quarter_period))
        for match in patterns.half.finditer(text, lo, hi):
            add(match, _ordinal_phrase(match, lang, 2, half_period))
        for match in patterns.month.finditer(text, lo, hi):
            month = _month_number(lang, match["m"])
            year = _valid_year(match["y"])
            add(match, month_period(year, month) if month and year else None)
        for match in patterns.year.finditer(text, lo, hi):
            year = _valid_year(match["y"])
            is_law_number = _LAW_NUMBER.search(text, max(0, match.start() - 20), match.start())
            add(match, year_period(year) if year and not is_law_number else None)
    if anchor is not None:
        for match in patterns.relative.finditer(text, start, end):
            add(match, resolve_relative(match.group(), lang, anchor))
    return _without_overlaps(found)


# Every date phrase but the relative ones holds a year or a d/m/y date. Looking for the patterns only near
# one keeps the ten date patterns from scanning every character of a long article.
_YEAR_ANCHOR = re.compile(r"(?:19|20)\d\d|\d/\d")
WINDOW_BEFORE = 60
WINDOW_AFTER = 16


def _year_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for anchor in _YEAR_ANCHOR.finditer(text, start, end):
        lo, hi = max(start, anchor.start() - WINDOW_BEFORE), min(end, anchor.end() + WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _without_overlaps(phrases: list[DatePhrase]) -> list[DatePhrase]:
    """Longest first; a phrase overlapping one already kept is dropped. Kept phrases stay sorted by start."""
    kept: list[DatePhrase] = []
    starts: list[int] = []
    for phrase in sorted(phrases, key=lambda p: (-(p.end - p.start), p.start)):
        index = bisect_left(starts, phrase.start)
        before_ok = index == 0 or kept[index - 1].end <= phrase.start
        after_ok = index == len(kept) or phrase.end <= kept[index].start
        if before_ok and after_ok:
            kept.insert(index, phrase)
            starts.insert(index, phrase.start)
    return kept


def resolve_relative(written: str, lang: Language, anchor: date) -> Period | None:
    """"tahun lalu" in an article of 2020-10-23 is the year 2019; "kemarin" is 2020-10-22."""
    folded = re.sub(r"\s+", " ", written.lower())
    for rel in lang.relative:
        if rel.phrase != folded:
            continue
        if rel.unit == "year":
            return year_period(anchor.year + rel.offset)
        if rel.unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + rel.offset
            return month_period(index // 12, index % 12 + 1)
        if rel.unit == "week":
            return week_period(anchor + timedelta(weeks=rel.offset))
        return day_period(anchor + timedelta(days=rel.offset))
    return None


@dataclass(frozen=True)
class Dateline:
    """The article's own date and how it was found."""

    period: Period
    raw: str
    source: str  # dateline, published, updated, event date in text, date phrase in text
    start: int
    end: int


def find_dateline(text: str, code: str, header_lines: list[tuple[int, int]],
                  body_lines: list[tuple[int, int]]) -> Dateline | None:
    """The publication date: a "published" line, else a dateline, else an "updated" line.

    Only header lines (the first lines of the article) and lines that start
    with a published/updated marker are considered, so that a copyright line,
    a "Baca juga" link or a date in a quote is never taken for the article's
    date. Without any, the best date the text supports is used: the first
    event date such as "Selasa (22/1/2019)", else the first period phrase,
    with the phrase's own (coarser) grain.
    """
    patterns = _patterns(code)
    candidates: list[tuple[int, int, Dateline]] = []
    for order, (line_start, line_end) in enumerate(header_lines + body_lines):
        line = text[line_start:line_end]
        in_header = order < len(header_lines)
        marker_published = patterns.markers_published.match(line.strip())
        marker_updated = patterns.markers_updated.search(line)
        if not in_header and not (marker_published or marker_updated):
            continue
        days = [p for p in find_date_phrases(text, code, None, line_start, line_end) if p.period.grain == "day"]
        if not days:
            continue
        phrase = days[0]
        rest = (line[: phrase.start - line_start] + line[phrase.end - line_start:])
        rest = re.sub(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b|\b(?:WIB|WITA|WIT|GMT|UTC)\b|[-–|,()\s]+", "", rest)
        if marker_published:
            candidates.append((0, order, Dateline(phrase.period, phrase.raw, "published", phrase.start, phrase.end)))
        elif marker_updated:
            candidates.append((2, order, Dateline(phrase.period, phrase.raw, "updated", phrase.start, phrase.end)))
        elif len(rest) <= 12:  # the line is a dateline: a date, a time zone and little else
            candidates.append((1, order, Dateline(phrase.period, phrase.raw, "dateline", phrase.start, phrase.end)))
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    phrases = [p for start, end in body_lines for p in find_date_phrases(text, code, None, start, end)]
    for wanted, source in (("day", "event date in text"), (None, "date phrase in text")):
        for phrase in phrases:
            if wanted is None or phrase.period.grain == wanted:
                return Dateline(phrase.period, phrase.raw, source, phrase.start, phrase.end)
    return None
