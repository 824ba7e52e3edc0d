"""Dates in news text: datelines, event dates and period phrases, each with its grain.

dateparser parses Indonesian dates well but searches for them badly (it reads
"20 Tahun" as the year 2000 and "64,8%" as 2064, and reads about 17,000
characters a second). So candidates are found here with our own patterns,
built from the language files. A candidate the patterns took apart (day,
month and year known) is assembled by ``datetime.date``; a header line that
looks like a dateline but that no pattern knows is handed to
``dateparser.parse``, normalised first and once per distinct line. Coarser
phrases ("April 2023", "kuartal I/2022", "sepanjang 2020") keep their grain
instead of having a day invented for them.

A period is stored with its first and last day. The date a figure describes
("as of") is the last day of its period, but never later than the article's
own date: "tahun ini" in an article of 23 October 2020 is as of 23 October.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from extract.lexicon import WHITESPACE, Language, bounded, load_language, lower_word_pattern, phrase_pattern, word_pattern


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


class DatePhrase(NamedTuple):
    """A date phrase found in the text, with the period it names (a named tuple: cheap to make)."""

    start: int
    end: int
    raw: str
    period: Period


@cache  # periods are immutable and few: each is built once
def day_period(day: date) -> Period:
    return Period("day", day, day, day.isoformat())


@cache
def week_period(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return Period("week", monday, monday + timedelta(days=6), f"{year}-W{week:02d}")


@cache
def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period("month", date(year, month, 1), date(year, month, last), f"{year}-{month:02d}")


@cache
def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    end = month_period(year, first_month + 2).last
    return Period("quarter", date(year, first_month, 1), end, f"{year}-Q{quarter}")


@cache
def half_period(year: int, half: int) -> Period:
    first = date(year, 1 if half == 1 else 7, 1)
    last = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Period("half", first, last, f"{year}-H{half}")


@cache
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
    relative: re.Pattern[str]
    relative_lower: re.Pattern[str]
    published_before: re.Pattern[str]  # a published marker right before a date: "Published on ", "Diterbitkan "
    weekday_first: re.Pattern[str]  # a phrase that opens with its weekday: "Senin (15/4/2019)"
    speech: re.Pattern[str]  # an attribution verb: "kata", "ujar", "said"
    yearless: re.Pattern[str]  # a dateline without a year: "JAKARTA, April 14 (Xinhua) --", "Selasa (30/6)"
    markers_updated: re.Pattern[str]
    period_ended: re.Pattern[str] | None  # "the quarter ended", "tahun yang berakhir pada" before a day
    absolute: re.Pattern[str]  # every ABSOLUTE_KINDS form in one alternation, groups named KIND__PART
    absolute_lower: re.Pattern[str]  # the same, case-sensitive, for lower-cased text (twice as fast)
    part_before_relative: re.Pattern[str]  # "semester I " before "tahun ini", "the second quarter of " before "last year"
    # a quarter or half without its year, found in lower-cased text by its word ("kuartal", "quarter", "q2", "h1",
    # "three months to"), then read by what stands beside it: "kuartal ii", "second quarter", "the june quarter"
    yearless_month_before: re.Pattern[str]  # lower case: "oct. " before a day
    yearless_month_after: re.Pattern[str]  # lower case: " oktober" after a day
    yearless_anchor: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    ordinal_before: re.Pattern[str] | None  # only where the language puts ordinals first ("second quarter")
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]


ABSOLUTE_KINDS = ("day_named", "day_month_first", "day_numeric", "day_iso", "quarter", "half", "month", "year",
                  "year_bracketed")
_PARTS = {"day_named": "dmy", "day_month_first": "dmy", "day_numeric": "dmy", "day_iso": "dmy",
          "quarter": ("q", "y", "q2", "y2", "q3", "y3", "q4", "y4"), "half": ("q", "y", "q2", "y2", "q3", "y3"),
          "month": ("part", "m", "y", "m2", "y2", "h", "y3"), "year": ("opener", "y", "y2", "closer"), "year_bracketed": ("y",)}
_GROUPS = {kind: [(part, f"{kind}__{part}") for part in parts] for kind, parts in _PARTS.items()}


def _combined(sources: dict[str, str], flags: int = re.I) -> re.Pattern[str]:
    """One scan instead of eight: each pattern becomes a named alternative, its groups prefixed by its kind.

    The more specific forms come first, so at a given position "Kamis, 19 Des 2019" is read as a day before
    "Des 2019" could be read as a month.
    """
    alternatives = []
    for kind in ABSOLUTE_KINDS:
        source = re.sub(r"\(\?P<(\w+)>", rf"(?P<{kind}__\1>", sources[kind])
        alternatives.append(f"(?P<{kind}>{source})")
    # every alternative starts at a word boundary: checking that once, first, rejects most positions at once
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")", flags)


@cache
def _patterns(code: str) -> _Patterns:
    lang = load_language(code)

    def words(phrases: Iterable[str]) -> str:  # lower case throughout: see absolute_lower
        return phrase_pattern([phrase.lower() for phrase in phrases])

    months = words(lang.months)
    weekday = rf"(?:{words(lang.weekdays)}\s*,?\s*)?"
    ordinal = words(lang.ordinals)
    year = r"(?P<y>(?:19|20)\d{2})(?![\d])"
    sep = r"(?:\s*[/'\-]\s*|\s+(?:tahun\s+|of\s+)?)"
    quarter_words = words(lang.quarter_words)
    half_words = words(lang.half_words)
    flags = re.I
    absolute = {  # pattern sources, combined into one alternation below
        "day_named": bounded(rf"{weekday}\(?(?P<d>\d{{1,2}})\s+(?P<m>{months})\.?,?\s+(?P<y>\d{{4}})\)?"),
        "day_month_first": bounded(rf"{weekday}(?P<m>{months})\.?\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})"),
        "day_numeric": rf"(?<![\w/]){weekday}\(?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})\)?(?![\w/])",
        "day_iso": r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])",
        "quarter": bounded(
            rf"(?:{quarter_words}\s+(?:ke-?\s*)?(?P<q>{ordinal}){sep}{year}"
            rf"|(?P<q2>{ordinal})\s+{quarter_words}{sep}{year.replace('?P<y>', '?P<y2>')}"
            rf"|q(?P<q3>[1-4]){sep.replace('+', '*')}{year.replace('?P<y>', '?P<y3>')}"
            rf"|(?P<q4>[1-4])q(?P<y4>(?:19|20)?[0-9]{{2}})(?![0-9]))"),  # "2Q22", "2Q2022" in results bullets
        "half": bounded(
            rf"(?:{half_words}\s+(?:ke-?\s*)?(?P<q>{ordinal}){sep}{year}"
            rf"|(?P<q2>{ordinal})\s+{half_words}{sep}{year.replace('?P<y>', '?P<y2>')}"
            rf"|h(?P<q3>[12]){sep.replace('+', '*')}{year.replace('?P<y>', '?P<y3>')})"),
        "month": bounded(rf"(?:(?P<part>{words(lang.period_parts)})\s+)?(?P<m>{months})\.?\s+{year}"
                         # a holiday with a fixed month and its year: "Natal 2016", "Harbolnas 2017"
                         rf"|(?P<h>{words(lang.holiday_months)})\s+"
                         rf"{year.replace('?P<y>', '?P<y3>')}"
                         # a report's title puts the year first ("Digital 2022 April Global Statshot"): full month
                         # names only, so that "2020 may rise" stays no month
                         rf"|{year.replace('?P<y>', '?P<y2>')}\s+(?P<m2>{words(_months_after_a_year(code))})"),
        # not the year of a report's title that a month follows ("laporan 2022 April" is April's); a report named
        # by its year before it ("the 2014 survey") where the language has such words
        "year": bounded(rf"(?P<opener>{words(lang.year_openers)})\s+{year}"
                        rf"(?!\s+{words(_months_after_a_year(code))}(?![\w]))"
                        + rf"|{year.replace('?P<y>', '?P<y2>')}\s+(?P<closer>"
                        + words(lang.year_closers) + r")(?![\w])"),
        # "naik menjadi 78,19% (2023)", "73,7% (2019-2020)": a year in brackets after a figure, the span's last
        "year_bracketed": rf"\((?:(?:19|20)[0-9]{{2}}\s*[-–/]\s*)?{year}\)",
    }
    return _Patterns(
        absolute=_combined(absolute),
        absolute_lower=_combined(absolute, 0),
        relative=re.compile(word_pattern([r.phrase for r in lang.relative]), flags),
        part_before_relative=re.compile(
            rf"(?:(?P<quarter>{quarter_words})|{half_words})\s+(?:ke-?\s*)?(?P<q>{ordinal})\s+$"
            rf"|(?:the\s+)?(?P<q2>{ordinal})\s+(?:(?P<quarter2>{quarter_words})|{half_words})\s+(?:of\s+)?$", flags),
        relative_lower=re.compile(lower_word_pattern(r.phrase for r in lang.relative)),
        # the month beside a day without a year: "Oct. 9", "9 Oktober" (lower case)
        yearless_month_before=re.compile(rf"(?<![\w])(?P<m>{months})\.?\s+$"),
        yearless_month_after=re.compile(rf"\s+(?P<m>{months})\.?(?![\w/])"),
        yearless_anchor=re.compile(lower_word_pattern(
            [*lang.quarter_words, *lang.half_words, *lang.quarter_ending_words, "q1", "q2", "q3", "q4", "h1", "h2"])),
        ordinal_after=re.compile(rf"\s+(?:ke-?\s*)?(?P<n>{ordinal})(?![\w])"),
        ordinal_before=re.compile(rf"(?<![\w])(?P<n>{ordinal})[\s-]+$") if lang.ordinal_first else None,
        month_before=re.compile(rf"(?<![\w])(?P<m>{months})[\s-]+$"),
        month_after=re.compile(rf"\s+(?:the\s+end\s+of\s+)?(?P<m>{months})(?![\w])"),
        published_before=re.compile(rf"{word_pattern(list(lang.published_markers))}\s*(?:on|pada|:)?\s*:?\s*$", flags),
        weekday_first=re.compile(rf"\(?{words(lang.weekdays)}\b", flags),
        speech=re.compile(word_pattern(list(lang.speech_verbs)), flags),
        yearless=re.compile(
            rf"^(?-i:[A-Z][A-Z .]{{2,30}}),\s+(?P<m>{months})\.?\s+(?P<d>\d{{1,2}})\s*\((?:[A-Z][\w ]{{1,20}})\)\s*[-–—]"
            rf"|(?<![\w])(?P<wd>{words(lang.weekdays)})\s*,?\s*\((?:(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})"
            rf"|(?P<m3>{months})\.?\s+(?P<d3>\d{{1,2}})|(?P<d4>\d{{1,2}})\s+(?P<m4>{months})\.?)\)", re.M | flags),
        markers_updated=re.compile(word_pattern(list(lang.updated_markers)), flags),
        period_ended=re.compile(rf"(?P<w>{phrase_pattern([w.lower() for w in lang.period_ended])})\s+"
                                rf"(?:on\s+|pada\s+(?:tanggal\s+)?)?$", flags) if lang.period_ended else None,
    )


def parse_day(day: int, month: int, year: int) -> date | None:
    """A day our patterns took apart ("19 Des 2019", "(22/1/2019)"): assembled and checked by the calendar.

    The pattern already knows which part is the day, the month and the year, so nothing is left to guess;
    ``datetime.date`` refuses the 31st of February. This is a thousand times faster than a dateparser call.
    """
    try:
        return date(year, month, day)
    except ValueError:
        return None


# what may stand beside the date on a dateline: a clock time, a time zone, separators
_DATELINE_REST = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b|\b(?:WIB|WITA|WIT|GMT|UTC)\b|[-–|,()\s]+")
_FOUR_DIGIT_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATELINE_NOISE = re.compile(r"\b(?:WIB|WITA|WIT)\b|\s[-|–]\s|[()]")


@cache
def parse_dateline_with_dateparser(line: str, code: str) -> date | None:
    """A header line in a form our patterns do not know, through ``dateparser.parse`` (once per distinct line).

    The line is normalised first, as the reference advises: "Jum'at" becomes "Jumat", time zones and
    " - " separators go. Day, month and year must all be present: dateparser fills a missing part from
    today's date, which would invent a publication date.
    """
    import dateparser  # 0.15 s to import; only articles with an unusual dateline need it

    cleaned = _DATELINE_NOISE.sub(" ", line.replace("’", "'").replace("Jum'at", "Jumat").replace("jum'at", "jumat"))
    settings = {"DATE_ORDER": "DMY" if code == "id" else "MDY", "PREFER_DAY_OF_MONTH": "first",
                "PREFER_MONTH_OF_YEAR": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    for language in (code, "en" if code == "id" else "id"):  # one at a time: together they misread datelines
        try:
            parsed = dateparser.parse(cleaned.strip(), languages=[language], settings=settings)
        except (ValueError, OverflowError):
            continue
        if parsed and 1900 <= parsed.year <= 2100:
            return parsed.date()
    return None


def _month_number(lang: Language, written: str) -> int | None:
    return lang.months.get(written.lower().rstrip("."))


def _ordinal(lang: Language, written: str | None) -> int | None:
    if written is None:
        return None
    return lang.ordinals.get(written.lower())


def _day_phrase(parts: dict[str, str | None], lang: Language, *, numeric: bool) -> Period | None:
    """A day date; numeric dates are day first in Indonesian and month first in English news."""
    year = _valid_year(parts["y"])
    if numeric:
        first, second = int(parts["d"]), int(parts["m"])
        day, month = (second, first) if lang.code == "en" else (first, second)
    else:
        day, month = int(parts["d"]), _month_number(lang, parts["m"])
    if year is None or month is None:
        return None
    parsed = parse_day(day, month, year)
    return day_period(parsed) if parsed else None


def _ordinal_phrase(parts: dict[str, str | None], lang: Language, limit: int, build) -> Period | None:
    for q_key, y_key in (("q", "y"), ("q2", "y2"), ("q3", "y3"), ("q4", "y4")):
        if parts.get(q_key):
            number = int(parts[q_key]) if q_key in ("q3", "q4") else _ordinal(lang, parts[q_key])
            year = _valid_year(parts[y_key])
            if number and 1 <= number <= limit and year:
                return build(year, number)
    return None


def find_date_phrases(text: str, code: str, anchor: date | None = None,
                      start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Every date phrase in ``text[start:end]``, longest first where two overlap, in text order.

    Relative phrases ("tahun lalu") need ``anchor``, the article's own date;
    without one they are left out rather than guessed from today's date.
    """
    absolute = find_absolute_phrases(text, code, start, end)
    return merge_phrases(absolute, find_relative_phrases(text, code, anchor, start, end))


def merge_phrases(absolute: list[DatePhrase], relative: list[DatePhrase]) -> list[DatePhrase]:
    return _without_overlaps(absolute + relative) if relative else absolute


def find_relative_phrases(text: str, code: str, anchor: date | None, start: int = 0,
                          end: int | None = None, lowered: str | None = None) -> list[DatePhrase]:
    """"tahun lalu", "kemarin": resolved against ``anchor``; none without one.

    ``lowered`` is ``text.lower()`` when the caller has it (and it is as long as ``text``): the phrases are then
    found with a case-sensitive scan, which is faster.
    """
    if anchor is None:
        return []
    lang = load_language(code)
    patterns = _patterns(code)
    end = len(text) if end is None else end
    scan, pattern = (lowered, patterns.relative_lower) if lowered is not None else (text, patterns.relative)
    found = []
    for match in pattern.finditer(scan, start, end):
        period = resolve_relative(match.group(), lang, anchor)
        if period is None:
            continue
        phrase_start = match.start()
        if period.grain == "year":  # "semester I tahun ini", "the second quarter of last year"
            part = patterns.part_before_relative.search(text, max(start, phrase_start - 30), phrase_start)
            if part is not None:
                ordinal = _ordinal(lang, part["q"] or part["q2"])
                build, limit = (quarter_period, 4) if part["quarter"] or part["quarter2"] else (half_period, 2)
                if ordinal and 1 <= ordinal <= limit:
                    period = build(period.first.year, ordinal)
                    phrase_start = part.start()
        found.append(DatePhrase(phrase_start, match.end(), text[phrase_start:match.end()], period))
    lowered = text.lower() if lowered is None else lowered
    # a day without a year: a one- or two-digit number first (a digit scan skips fast), then a month beside it
    for number in _DAY_NUMBER.finditer(lowered, start, end):
        before = patterns.yearless_month_before.search(lowered, max(start, number.start() - 12), number.start())
        after = None if before else patterns.yearless_month_after.match(lowered, number.end(), end)
        month = before or after
        if month is None or not text[month.start("m")].isupper():
            continue  # months are capitalised in news: "may 5" is no date
        lo, hi = (before.start(), number.end()) if before else (number.start(), after.end())
        if _NOT_A_YEARLESS_DAY.match(lowered, hi, end):
            continue  # "Oct. 9, 2017" is read with its year; "Mei 15 persen" is a figure
        day = _nearest_day(int(number.group()), _month_number(lang, month["m"]), anchor)
        if day is not None:
            found.append(DatePhrase(lo, hi, text[lo:hi], day_period(day)))
    for match in patterns.yearless_anchor.finditer(lowered, start, end):
        span = _yearless_part(match, lowered, lang, patterns, anchor)
        if span is not None:
            (lo, hi), period = span
            found.append(DatePhrase(lo, hi, text[lo:hi], period))
    return sorted(found, key=lambda p: p.start)


# a digit first, so that the engine skips to digits in C; the look-behind then checks what stands before it
_DAY_NUMBER = re.compile(r"[0-9](?<![\w/.,][0-9])[0-9]?(?![\w/]|[.,][0-9])")
_NOT_A_YEARLESS_DAY = re.compile(r",?\s*'?[0-9]|\s*(?:%|persen|percent|per cent)")


def _nearest_day(day: int, month: int | None, anchor: date) -> date | None:
    """A day named without its year ("As of Oct. 9", "pada 9 Oktober"): the one nearest the article's day, before
    or after it ("by Oct. 31" in an article of 10 October 2017 is 31 October 2017, a deadline ahead)."""
    if month is None:
        return None
    days = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := parse_day(day, month, year))]
    return min(days, key=lambda d: abs((d - anchor).days)) if days else None


def _yearless_part(match: re.Match[str], lowered: str, lang: Language, patterns: _Patterns,
                   anchor: date) -> tuple[tuple[int, int], Period] | None:
    """The span and period of a quarter or half named without its year, around its word ``match``.

    It is the latest such quarter or half that began by ``anchor``, the article's day: a results story of
    16 August 2022 about "the second quarter" speaks of Q2 2022; one of February 2023 about "the fourth quarter"
    of Q4 2022.
    """
    word, lo, hi = match.group(), match.start(), match.end()
    month = None
    if word[0] in "qh" and word[1:].isdigit():
        number, length = int(word[1:]), 3 if word[0] == "q" else 6
    elif word in lang.quarter_ending_words:
        after = patterns.month_after.match(lowered, hi)
        if after is None:
            return None
        month, hi = _month_number(lang, after["m"]), after.end()
    else:
        length = 3 if word in lang.quarter_words else 6
        after = patterns.ordinal_after.match(lowered, hi)
        before = None if after else (
            patterns.ordinal_before and patterns.ordinal_before.search(lowered, max(0, lo - 12), lo))
        if after or before:
            number = _ordinal(lang, (after or before)["n"])
            lo, hi = (lo, after.end()) if after else (before.start(), hi)
        elif length == 3 and (before := patterns.month_before.search(lowered, max(0, lo - 12), lo)):
            month, lo = _month_number(lang, before["m"]), before.start()
        else:
            return None
    if month is not None or word in lang.quarter_ending_words:
        if month is None or month % 3:
            return None  # "the May quarter" names no calendar quarter
        number, length = month // 3, 3
    if number is None or not 1 <= number <= 12 // length:
        return None
    build = quarter_period if length == 3 else half_period
    began_this_year = (number - 1) * length + 1 <= anchor.month
    return (lo, hi), build(anchor.year if began_this_year else anchor.year - 1, number)


def find_absolute_phrases(text: str, code: str, start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Date phrases that name their date ("19 Des 2019", "kuartal I/2022", "sepanjang 2020"), in text order."""
    lang = load_language(code)
    patterns = _patterns(code)
    end = len(text) if end is None else end
    found: list[DatePhrase] = []

    ended = patterns.period_ended

    def add(match: re.Match[str], period: Period | None) -> None:
        if period is None:
            return
        first = match.start()
        if period.grain == "day" and ended is not None:  # "for the quarter ended June 30, 2022": that quarter
            before = ended.search(text, max(0, first - ENDED_REACH), first)
            whole = _period_ending(period.first, lang.period_ended[WHITESPACE.sub(" ", before["w"].lower())]) \
                if before else None
            if whole is not None:
                period, first = whole, before.start()
        found.append(DatePhrase(first, match.end(), text[first:match.end()], period))

    lowered = text.lower()
    scanned, pattern = (lowered, patterns.absolute_lower) if len(lowered) == len(text) else (text, patterns.absolute)
    for lo, hi in _year_windows(text, start, end, code):
        for match in pattern.finditer(scanned, lo, hi):
            kind = match.lastgroup
            parts = {short: match[group] for short, group in _GROUPS[kind]}
            add(match, _absolute_period(kind, parts, lang, text, match.start()))
    return _without_overlaps(found)


ENDED_REACH = 40  # characters before a day in which "the quarter ended" may stand


def _period_ending(day: date, grain: str) -> Period | None:
    """The quarter, half or year that ends on ``day`` ("the three months ended June 30, 2022" is 2022-Q2); None
    when the day ends no calendar one (a fiscal year ended 30 June is no calendar year: the day is kept)."""
    period = {"quarter": quarter_period(day.year, (day.month - 1) // 3 + 1),
              "half": half_period(day.year, (day.month - 1) // 6 + 1), "year": year_period(day.year)}.get(grain)
    return period if period is not None and period.last == day else None


# Every date phrase but the relative ones holds a year or a d/m/y date, and the word right before the year
# says whether it can be one: a month ("Des 2019"), an opener ("sepanjang 2020"), an ordinal or a quarter
# word ("kuartal I/2022"), a day ("Jan. 22, 2019"). Only then do the patterns run, on a window around it,
# so that the many years in news text that are not dates ("Asian Games 2018") cost next to nothing.
# A digit first, so that the engine skips to digits in C; the look-behind then keeps 19xx and 20xx: 2.5x faster
# than "(?:19|20)\d\d|\d/\d", with the same matches.
_YEAR_ANCHOR = re.compile(r"[0-9](?:[09][0-9]{2}(?<=19[0-9]{2}|20[0-9]{2})|/[0-9]|[Qq][0-9]{2})")
_WORD_BEFORE_REVERSED = re.compile(r"[\W_]*([^\W_]+)")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]{4,})")
WINDOW_BEFORE = 60
WINDOW_AFTER = 16


@cache
def _words_before_a_year(code: str) -> frozenset[str]:
    lang = load_language(code)
    words = {*lang.months, *lang.ordinals, *lang.quarter_words, *lang.half_words, "tahun", "of", "q1", "q2", "q3",
             "q4", "h1", "h2"}
    words.update(holiday.split()[-1] for holiday in lang.holiday_months)
    words.update(phrase.split()[-1].lower() for phrase in lang.year_openers)
    return frozenset(w.lower() for w in words)


@cache
def _months_after_a_year(code: str) -> frozenset[str]:
    """Full month names (four letters or more: never "may"), which may follow a year in a report's title."""
    return frozenset(m.lower() for m in load_language(code).months if len(m) >= 4)


@cache
def _words_after_a_year(code: str) -> frozenset[str]:
    """The words after a year that make it a date phrase: a report title's month, a report named by its year."""
    return _months_after_a_year(code) | {w.lower() for w in load_language(code).year_closers}


def _year_windows(text: str, start: int, end: int, code: str) -> list[tuple[int, int]]:
    date_words = _words_before_a_year(code)
    words_after = _words_after_a_year(code)
    windows: list[tuple[int, int]] = []
    for anchor in _YEAR_ANCHOR.finditer(text, start, end):
        if anchor.group()[1] not in "/Qq":
            before = text[max(start, anchor.start() - 3):anchor.start()]
            # the last word of the 24 characters before the year, read backwards: one match, not a search
            word = _WORD_BEFORE_REVERSED.match(text[max(start, anchor.start() - 24):anchor.start()][::-1])
            iso = text[anchor.end():anchor.end() + 1] == "-"  # 2019-12-19
            after = _WORD_AFTER.match(text, anchor.end(), end)  # "2022 April", "2014 survey"
            word_after = after is not None and after.group(1).lower() in words_after
            if not (iso or word_after or before.endswith(("/", "-", "'", "(")) or (word and (
                    word.group(1).isdigit() or word.group(1)[::-1].lower() in date_words))):
                continue
        lo, hi = max(start, anchor.start() - WINDOW_BEFORE), min(end, anchor.end() + WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _absolute_period(kind: str, parts: dict[str, str | None], lang: Language, text: str, start: int) -> Period | None:
    if kind in ("day_named", "day_month_first"):
        return _day_phrase(parts, lang, numeric=False)
    if kind == "day_numeric":
        return _day_phrase(parts, lang, numeric=True)
    if kind == "day_iso":
        year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
        parsed = parse_day(day, month, year) if 1900 <= year <= 2100 else None
        return day_period(parsed) if parsed else None
    if kind == "quarter":
        return _ordinal_phrase(parts, lang, 4, quarter_period)
    if kind == "half":
        return _ordinal_phrase(parts, lang, 2, half_period)
    year = _valid_year(parts["y"] or parts.get("y2") or parts.get("y3"))
    if kind == "year_bracketed":
        return year_period(year) if year else None
    if kind == "month":
        holiday = parts["h"]
        month = (lang.holiday_months[WHITESPACE.sub(" ", holiday.lower())] if holiday
                 else _month_number(lang, parts["m"] or parts["m2"]))
        return month_period(year, month) if month and year else None
    # "UU No. 11 Tahun 2020": a number just before the phrase may be a law's, whose year is no date of the text
    digit_before = text[max(0, start - 20):start].rstrip()[-1:].isdigit()
    is_law_number = digit_before and _LAW_NUMBER.search(text, max(0, start - 20), start)
    if not year or is_law_number:
        return None
    part_month = lang.year_part_months.get(WHITESPACE.sub(" ", (parts["opener"] or "").lower()))
    return month_period(year, part_month) if part_month else year_period(year)  # "akhir 2019" is December


def _without_overlaps(phrases: list[DatePhrase]) -> list[DatePhrase]:
    """Of phrases that overlap, the longest (on a tie, the first); the kept ones sorted by start.

    One sweep in text order: each phrase is compared with the last one kept, which it can only overlap from the
    right. (Inserting longest-first into a sorted list cost a paragraph of a thousand dates its length squared.)
    """
    kept: list[DatePhrase] = []
    for phrase in sorted(phrases, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and phrase.start < kept[-1].end:
            if phrase.end - phrase.start > kept[-1].end - kept[-1].start:
                kept[-1] = phrase
            continue
        kept.append(phrase)
    return kept


def shift_period(period: Period, unit: str, offset: int) -> Period:
    """The same stretch of time ``offset`` years or quarters away, at the period's own grain: the compared
    value of "Q2 2019 ... up from $800m a year earlier" is Q2 2018."""
    months = offset * (12 if unit == "year" else 3)
    if period.grain == "year":
        return year_period(period.first.year + months // 12) if months % 12 == 0 else period
    first_index = period.first.year * 12 + period.first.month - 1 + months
    year, month = divmod(first_index, 12)
    if period.grain == "quarter":
        return quarter_period(year, month // 3 + 1)
    if period.grain == "half":
        return half_period(year, month // 6 + 1)
    if period.grain == "month":
        return month_period(year, month + 1)
    day = period.first
    try:
        shifted = day.replace(year=year, month=month + 1)
    except ValueError:  # the 29th of February, the 31st of a shorter month
        shifted = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return day_period(shifted) if period.grain == "day" else week_period(shifted)


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


# A page's metadata line ("date 2023-07", " date 2018-02 Jakarta: ...") at the very start of the text.
_METADATA_DATE = re.compile(r"\s*date\s+(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?![\d])", re.I)
# Words glued to a date by a scraper: "4 min readAug 16, 2018", "Business Times05-06-2025".
_GLUED_MONTH = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]{2})")
_GLUED_DIGITS = re.compile(r"(?<=[A-Za-z])(?=\d)")
# "05-06-2025": a hyphenated day-month-year (slashes follow the language's order; hyphens are day first).
_DASHED_DAY = re.compile(r"(?<![\w-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d\d)(?![\w-])")
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?P<y>(?:19|20)\d\d)\b", re.I)
# A wire or press-release dateline opening the lead: a place, a comma, the date, then a dash or a slash.
_WIRE_BEFORE = re.compile(r"\s*[A-Z][\w .]{1,30}(?:\([^)]{1,30}\))?,\s*$")
_WIRE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[-–—/]")
HEADER_REST_MAX = 24  # characters a dateline line may hold beside its date: "Kolumnis:", "4 min read", an outlet


def _line_rest(line: str, lo: int, hi: int) -> str:
    """What a line holds beside the date at ``line[lo:hi]``, less clock times, time zones and separators."""
    return _DATELINE_REST.sub("", line[:lo] + line[hi:])


def _glued_dateline(line: str, line_start: int, line_end: int, code: str) -> Dateline | None:
    """A header line whose date a scraper glued to other words ("4 min readAug 16, 2018", "Business
    Times05-06-2025"): the words are parted, the date read, and the line kept as the dateline's span."""
    parted = _GLUED_DIGITS.sub(" ", _GLUED_MONTH.sub(" ", line))
    if parted == line and not _DASHED_DAY.search(line):
        return None
    found = [(p.start, p.end, p.period) for p in find_absolute_phrases(parted, code) if p.period.grain == "day"]
    dashed = _DASHED_DAY.search(parted)
    if dashed:
        day = parse_day(int(dashed["d"]), int(dashed["m"]), int(dashed["y"]))
        if day:
            found.append((dashed.start(), dashed.end(), day_period(day)))
    for lo, hi, period in found:
        if len(_line_rest(parted, lo, hi)) <= HEADER_REST_MAX:
            return Dateline(period, line.strip(), "dateline", line_start, line_end)
    return None


def _year_from_text(text: str, phrases: list[DatePhrase]) -> int | None:
    """The year a dateline without one ("JAKARTA, April 14 (Xinhua) --", "Selasa (30/6)") belongs to: a
    copyright year, else the latest year of a day or month the text names."""
    copyright_year = _COPYRIGHT_YEAR.search(text)
    if copyright_year:
        return int(copyright_year["y"])
    years = [p.period.last.year for p in phrases if p.period.grain in ("day", "month")]
    return max(years) if years else None


def _yearless_dateline(text: str, code: str, lines: list[tuple[int, int]],
                       phrases: list[DatePhrase]) -> Dateline | None:
    """A dateline without a year ("JAKARTA, April 14 (Xinhua) --", "Selasa (30/6)", "On Tuesday (August 16)",
    "On Monday (20 March)"). With a weekday, the year is the latest year the text names in which that day falls
    on that weekday (a calendar check, not a guess); else the year of the text's copyright line or latest
    dated phrase."""
    patterns = _patterns(code)
    lang = load_language(code)
    for line_start, line_end in lines:
        match = patterns.yearless.search(text, line_start, line_end)
        if match is None:
            continue
        for day_key, month_key in (("d", "m"), ("d2", "m2"), ("d3", "m3"), ("d4", "m4")):
            if match[month_key]:
                written_day, written_month = match[day_key], match[month_key]
                break
        month = int(written_month) if written_month.isdigit() else _month_number(lang, written_month)
        weekday = lang.weekday_numbers.get(match["wd"].lower().replace("’", "'")) if match["wd"] else None
        if weekday is not None and month:
            years = sorted({int(y) for y in _FOUR_DIGIT_YEAR.findall(text)}, reverse=True)
            fitting = [y for y in years if (d := parse_day(int(written_day), month, y)) and d.weekday() == weekday]
            if fitting:
                return Dateline(day_period(date(fitting[0], month, int(written_day))), match.group().strip(),
                                "dateline (year by weekday)", match.start(), match.end())
            if match["d2"] is None:  # a weekday and a month name, but no year the text names fits
                continue
        year = _year_from_text(text, phrases)
        day = parse_day(int(written_day), month, year) if year and month else None
        if day:
            return Dateline(day_period(day), match.group().strip(), "dateline (year from text)", match.start(),
                            match.end())
    return None


_NUMERIC_DAY = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])")


def find_dateline(text: str, code: str, header_lines: list[tuple[int, int]],
                  body_lines: list[tuple[int, int]], phrases: list[DatePhrase]) -> Dateline | None:
    """The publication date (see ``_find_dateline``), a numeric one read in the order the text agrees with."""
    return _agreeing_reading(_find_dateline(text, code, header_lines, body_lines, phrases), phrases)


def _agreeing_reading(dateline: Dateline | None, phrases: list[DatePhrase]) -> Dateline | None:
    """"03/12/2021" is 12 March in an English article's usual order, 3 December in an Indonesian's, and outlets
    mix them. When both readings are days and the text names a period that ends after the earlier reading and by
    the later one ("in the first half of 2021"), the earlier reading would make that period lie in the future:
    the later reading is the one the text agrees with."""
    if dateline is None or dateline.period.grain != "day":
        return dateline
    numeric = _NUMERIC_DAY.search(dateline.raw)
    if numeric is None or numeric["a"] == numeric["b"] or int(numeric["a"]) > 12 or int(numeric["b"]) > 12:
        return dateline
    read = dateline.period.first
    other = parse_day(read.month, read.day, read.year)  # the same digits in the other order
    if other is None or other <= read:
        return dateline
    if any(read < phrase.period.last <= other for phrase in phrases if phrase.start != dateline.start):
        return Dateline(day_period(other), dateline.raw, f"{dateline.source} (order the text agrees with)",
                        dateline.start, dateline.end)
    return dateline


def _find_dateline(text: str, code: str, header_lines: list[tuple[int, int]],
                   body_lines: list[tuple[int, int]], phrases: list[DatePhrase]) -> Dateline | None:
    """The publication date: a metadata or "published" line, else a dateline, else an "updated" line.

    Only header lines (the first lines of the article) and lines that carry a published/updated marker before
    their date are considered, so that a copyright line, a "Baca juga" link or a date in a quote is never taken
    for the article's date. Forms: "Kamis, 19 Des 2019 21:20 WIB", "Published on Dec. 20, 2018", "Umer Jamshaid
    Published December 11, 2023 | 09:10 AM", "Last Updated:2021-02-01", "date 2023-07", glued ones ("4 min
    readAug 16, 2018", "Business Times05-06-2025", day first), and a wire dateline without a year ("JAKARTA,
    April 14 (Xinhua) --", "Selasa (30/6)"), whose year comes from the text.

    Without any, a date the text mentions in passing ("Since 2010", "in early 2007") is not the article's date:
    only an event date that names its weekday ("Senin (15/4/2019)", "Monday, October 24, 2016"), the way news
    reports the day it speaks of, is taken: the first whose sentence says who spoke then ("kata Zulhas ...,
    Senin (11/12/2023)"), since a reporter dates what was said, not the event it promises ("berjualan lagi pada
    Selasa (12/12/2023)"); else the first, as a lead names it; else a yearless one further down ("ujar Ahok ...,
    Selasa (30/6)"), its year found as for a yearless dateline. Else there is none, and figures are dated by their own phrases.
    """
    patterns = _patterns(code)
    metadata = _METADATA_DATE.match(text, 0, min(len(text), 200))
    if metadata:
        year, month = int(metadata["y"]), int(metadata["m"])
        day = parse_day(int(metadata["d"]), month, year) if metadata["d"] else None
        period = day_period(day) if day else month_period(year, month) if 1 <= month <= 12 else None
        if period is not None:
            return Dateline(period, metadata.group().strip(), "metadata", metadata.start(), metadata.end())
    starts = [p.start for p in phrases]

    def within(lo: int, hi: int) -> list[DatePhrase]:
        return phrases[bisect_left(starts, lo):bisect_left(starts, hi)]

    # only lines holding a day date can be datelines: look at those, not at every line of the article
    all_lines = header_lines + body_lines
    lines = sorted((start, end, order) for order, (start, end) in enumerate(all_lines))
    line_starts = [start for start, _, _ in lines]
    first_day_on_line: dict[int, DatePhrase] = {}
    for phrase in phrases:
        index = bisect_left(line_starts, phrase.start + 1) - 1
        if phrase.period.grain == "day" and index >= 0 and phrase.start < lines[index][1]:
            first_day_on_line.setdefault(lines[index][2], phrase)
    candidates: list[tuple[int, int, Dateline]] = []
    for order, phrase in sorted(first_day_on_line.items()):
        line_start, line_end = all_lines[order]
        line = text[line_start:line_end]
        in_header = order < len(header_lines)
        before = line[:phrase.start - line_start]
        marker_published = patterns.published_before.search(before)
        marker_updated = patterns.markers_updated.search(line)
        wire = order < len(header_lines) + 2 and _WIRE_BEFORE.match(before) and _WIRE_AFTER.match(
            text, phrase.end, line_end)  # "Singapore, 16 May 2018 – Sea Limited ...", "SINGAPORE, Aug. 20, 2019 /PRNewswire/ --"
        if not (in_header or wire) and not (marker_published or marker_updated):
            continue
        if marker_published:
            candidates.append((0, order, Dateline(phrase.period, phrase.raw, "published", phrase.start, phrase.end)))
        elif marker_updated:
            candidates.append((2, order, Dateline(phrase.period, phrase.raw, "updated", phrase.start, phrase.end)))
        elif wire or len(_line_rest(line, phrase.start - line_start, phrase.end - line_start)) <= HEADER_REST_MAX:
            candidates.append((1, order, Dateline(phrase.period, phrase.raw, "dateline", phrase.start, phrase.end)))
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    for line_start, line_end in header_lines:
        glued = _glued_dateline(text[line_start:line_end], line_start, line_end, code)
        if glued is not None:
            return glued
    for line_start, line_end in header_lines:
        line = text[line_start:line_end]
        if _FOUR_DIGIT_YEAR.search(line) and len(line.split()) <= 10:
            parsed = parse_dateline_with_dateparser(line, code)
            if parsed is not None:
                return Dateline(day_period(parsed), line, "dateline (dateparser)", line_start, line_end)
    yearless = _yearless_dateline(text, code, header_lines + body_lines[:2], phrases)
    if yearless is not None:
        return yearless
    events = [(start, p) for start, end in body_lines for p in within(start, end)
              if p.period.grain == "day" and patterns.weekday_first.match(p.raw)]
    spoken = [(start, p) for start, p in events if patterns.speech.search(_sentence_before(text, start, p.start))]
    if not events:
        # last, a yearless event day further down ("ujar Ahok di Balai Kota, Selasa (30/6)"), its year by the
        # calendar or the text as for a yearless dateline
        return _yearless_dateline(text, code, body_lines[2:], phrases)
    phrase = (spoken or events)[0][1]
    return Dateline(phrase.period, phrase.raw, "event date in text", phrase.start, phrase.end)


def _sentence_before(text: str, line_start: int, at: int) -> str:
    """The sentence's words before `at`, at most 200 characters back: where "kata Zulhas ..." names who spoke."""
    before = text[max(line_start, at - 200):at]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return before[ends[-1]:] if ends else before


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“A-Z])")
