"""Language knowledge loaded from the TOML files in ``extract/data``.

The rules of the extractor are data (like dateparser's language files and
spaCy's EntityRuler patterns) so that an analyst can add a cue word, a
currency or a metric without touching Python. Everything is validated when
loaded: a misspelt key or a wrong type raises :class:`LexiconError` naming the
file and the key, instead of silently matching nothing later.

Loaded objects are immutable and cached per file, so loading costs once per
process.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("id", "en")
RATE_UNITS = ("day", "week", "month", "quarter", "year")
METRIC_KINDS = ("count", "money", "percent", "multiple", "duration")
QUALIFIERS = ("more_than", "at_least", "less_than", "up_to", "approx", "amount")
MEASURES = ("growth", "decline", "share", "multiple", "points", "penetration")  # what a figure states of its metric
BASES = ("yoy", "qoq", "mom", "hoh")  # what a change is measured against: a year, a quarter, a month, a half back


class LexiconError(ValueError):
    """A data file is malformed; the message names the file and the key."""


_SPACE_RUN = re.compile(r"(?:\\ |\s)+")  # a space in a phrase, escaped or not


def spaces_match_runs(source: str) -> str:
    """A pattern source in which every space, escaped or not, matches any run of white space ("per  hari")."""
    return _SPACE_RUN.sub(r"\\s+", source)


def phrase_pattern(phrases: list[str] | tuple[str, ...], *, regex: bool = False) -> str:
    """One alternation of phrases, longest first so "per harinya" beats "per hari".

    Spaces inside a phrase match any run of white space.
    """
    parts = [spaces_match_runs(phrase if regex else re.escape(phrase))
             for phrase in sorted(set(phrases), key=len, reverse=True)]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


_ACRONYM = re.compile(r"[A-Z]{2,6}s?")


def cased(phrase: str) -> str:
    """A metric phrase as a pattern: an acronym written in capitals ("MAU", "GMV") matches only in capitals,
    since its lower-case form is often a word ("mau" is Indonesian for "want"); anything else matches in any case.
    """
    return f"(?-i:{phrase})" if _ACRONYM.fullmatch(phrase) else phrase


def first_letter_guard(phrases: Iterable[str], *, regex: bool = False) -> str:
    """A look-ahead for the characters the phrases start with, in either case, or "" when one may start otherwise.

    Placed right after the word-boundary check, it lets the regex engine reject most positions of a text at
    once: on news text it makes word scans a third faster, and the metric cue scan twice as fast.
    """
    phrases = list(phrases)
    firsts = {phrase[0] for phrase in phrases if phrase}
    if not firsts or firsts & set(" \t\n"):
        return ""
    # a regular expression may start with syntax ("(?:", "\\w"), make its first letter optional ("a?b", "x*")
    # or offer others ("a|b"); plain phrases start with the character they are written with ("±", "~")
    if regex and (not all(ch.isalnum() for ch in firsts)
                  or any("|" in phrase or phrase[1:2] in ("?", "*", "{") for phrase in phrases)):
        return ""
    letters = "".join(sorted({re.escape(c) for ch in firsts for c in (ch.lower(), ch.upper())}))
    return f"(?=[{letters}])"


def word_pattern(phrases: list[str] | tuple[str, ...], *, regex: bool = False) -> str:
    """Whole-word alternation of phrases, with the phrases' first letters checked first."""
    return rf"(?<![\w]){first_letter_guard(phrases, regex=regex)}{phrase_pattern(phrases, regex=regex)}(?![\w])"


def lower_word_pattern(phrases: Iterable[str]) -> str:
    """Whole-word alternation of phrases for lower-cased text, matched case-sensitively.

    The same matches as ``word_pattern`` of the lower-cased phrases, arranged so that every alternative starts
    with a literal letter ("s(?<![\\w]s)(?:eribu|ejuta)|..."): the regex engine then skips in C to the positions
    where one of those letters stands instead of trying the pattern at every position (word scans of news
    text run up to 1.7 times as fast). Within a letter, longer phrases still come first.
    """
    by_first: dict[str, list[str]] = {}
    for phrase in sorted({p.lower() for p in phrases if p}, key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
    if not by_first:
        return "(?!)"
    parts = []
    for first, group in by_first.items():
        letter = re.escape(first)
        rests = "|".join(spaces_match_runs(re.escape(phrase[1:])) for phrase in group)
        parts.append(rf"{letter}(?<![\w]{letter})(?:{rests})")
    return "(?:" + "|".join(parts) + r")(?![\w])"


def bounded(pattern: str) -> str:
    """Wrap a pattern so it matches whole words only (phrases may start or end in symbols)."""
    return rf"(?<![\w]){pattern}(?![\w])"


@dataclass(frozen=True)
class Scale:
    words: tuple[str, ...]
    value: float
    money_only: bool = False
    case_sensitive: bool = False
    count_only: bool = False  # "10M MAU" is ten million users; "Rp 5 M" is five billion rupiah (money_only)


@dataclass(frozen=True)
class Currency:
    code: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    single_item_below: float = 0.0  # an amount below this is one item's price ("Rp 15.000", "$19.95")


@dataclass(frozen=True)
class RelativeDate:
    phrase: str
    unit: str
    offset: int


@dataclass(frozen=True)
class Measures:
    """The words that say what a figure states about its metric, and which figures are none (``[measures]``)."""

    growth: tuple[str, ...] = ()  # right before a figure: "naik 20 persen", "rose 33.7%"
    decline: tuple[str, ...] = ()
    growth_after: tuple[str, ...] = ()  # right after it: "20 persen lebih tinggi", "a 20% increase"
    decline_after: tuple[str, ...] = ()
    penetration: tuple[str, ...] = ()  # "penetrasi", "of the population"
    since: tuple[str, ...] = ()  # "naik 23 persen sejak Januari 2017": a change since a start
    pointing: tuple[str, ...] = ()  # "nilainya", "the figure": the quantity of the figure before
    basis: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "yoy": "year-on-year", ...
    share_price: tuple[str, ...] = ()  # "saham BUKA naik 2,5 persen": a share price's move, no figure
    wealth: tuple[str, ...] = ()  # one person's wealth, no figure
    stake_deal: tuple[str, ...] = ()  # a stake bought or sold and its price, no figure
    estimate: tuple[str, ...] = ()  # an analysts' consensus, no figure
    age_words: tuple[str, ...] = ()  # "usia 18-24 tahun": an age band, the part of a breakdown
    segment_words: tuple[str, ...] = ()  # "segmen e-commerce": a business line, the part of a company's total
    level_after_change: tuple[str, ...] = ()  # "naik menjadi 10 juta": the level reached, not the change
    linking: tuple[str, ...] = ()  # "Parcel volume reached 1.69 billion": the quantity is the clause's subject
    generic_heads: tuple[str, ...] = ()  # "the total was ...": a head that names no quantity of its own
    adjunct_openers: tuple[str, ...] = ()  # "in Southeast Asia", "pada 2018": what closes that subject on its right


_MEASURE_LISTS = ("growth", "decline", "growth_after", "decline_after", "penetration", "since", "pointing",
                  "share_price", "wealth", "stake_deal", "estimate", "age_words", "segment_words",
                  "level_after_change", "linking", "generic_heads", "adjunct_openers")


def _measures(top: TableReader) -> Measures:
    """``[measures]``: every list of words must be there (an empty list is allowed), ``basis`` one list a basis."""
    reader = top.table_of("measures")
    basis = reader.get("basis", dict)
    unknown = sorted(set(basis) - set(BASES))
    if unknown:
        raise reader.fail("basis", f"names unknown bases {', '.join(unknown)}; known: {', '.join(BASES)}")
    bases = {name: TableReader(basis, f"{reader.where} basis").strings(name, ()) for name in BASES}
    measures = Measures(**{key: reader.strings(key) for key in _MEASURE_LISTS}, basis=bases)
    reader.check_unknown()
    return measures


@dataclass(frozen=True)
class Language:
    """Everything the extractor knows about one language; see ``data/id.toml``."""

    code: str
    decimal_mark: str
    group_mark: str
    stopwords: frozenset[str]
    body_words: tuple[str, ...]  # words that make a name a reporting body ("Department", "Badan"): extract.subjects
    scales: tuple[Scale, ...]
    word_values: dict[str, float]
    word_multipliers: dict[str, float]
    word_scale_prefixed: dict[str, float]
    word_vague: dict[str, float]
    minimum_bare_value: float
    currencies: tuple[Currency, ...]
    percent: tuple[str, ...]
    percent_points: tuple[str, ...]
    negative: tuple[str, ...]
    range_words: tuple[str, ...]
    qualifiers: dict[str, tuple[str, ...]]
    rates: dict[str, tuple[str, ...]]
    duration_units: tuple[str, ...]
    per_item_words: tuple[str, ...]
    reference_words: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    hypothetical_openers: tuple[str, ...]
    forecast_words: tuple[str, ...]
    parameter_words: tuple[str, ...]
    report_words: tuple[str, ...]
    rate_span_openers: tuple[str, ...]
    new_value_words: tuple[str, ...]
    compared_value_openers: tuple[str, ...]
    skip_line_patterns: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    according_to: tuple[str, ...]
    speaker_pronouns: tuple[str, ...]
    published_markers: tuple[str, ...]
    updated_markers: tuple[str, ...]
    months: dict[str, int]
    weekdays: tuple[str, ...]
    quarter_words: tuple[str, ...]
    half_words: tuple[str, ...]
    ordinals: dict[str, int]
    year_openers: tuple[str, ...]
    period_parts: tuple[str, ...]
    relative: tuple[RelativeDate, ...]
    multiple_words: tuple[str, ...] = ()
    multiple_verbs: dict[str, float] = field(default_factory=dict)
    time_units: dict[str, float] = field(default_factory=dict)
    time_spent_cues: tuple[str, ...] = ()
    comparison_patterns: tuple[str, ...] = ()
    compared: tuple[RelativeDate, ...] = ()
    span_openers: tuple[str, ...] = ()
    present_words: tuple[str, ...] = ()
    year_part_months: dict[str, float] = field(default_factory=dict)
    weekday_numbers: dict[str, int] = field(default_factory=dict)
    ordinal_first: bool = False  # "second quarter" (English) besides "kuartal kedua"; "dua kuartal" is a count
    quarter_ending_words: tuple[str, ...] = ()  # "three months to the end of" June: the quarter ending that month
    year_closers: tuple[str, ...] = ()  # "the 2014 survey": a report named by the year before it
    holiday_months: dict[str, int] = field(default_factory=dict)  # "Natal 2016" is December 2016
    period_ended: dict[str, str] = field(default_factory=dict)  # "quarter ended" June 30: the quarter
    size_comparison_words: tuple[str, ...] = ()  # "4 times the size of London": a comparison, no growth
    relative_pronouns: tuple[str, ...] = ()  # "yang", "which": what follows describes another noun
    price_words: tuple[str, ...] = ()  # "harganya sebesar Rp 2 juta": one item's price, whatever the amount
    definition_words: tuple[str, ...] = ()  # "Sebutan unicorn dipakai untuk ... di atas USD 1 miliar": a threshold
    table_scales: dict[str, float] = field(default_factory=dict)  # a table caption's "in millions"
    table_change_words: tuple[str, ...] = ()  # a table column of changes: "YoY", "perubahan"
    measures: Measures = field(default_factory=Measures)  # growth, shares, penetration: extract.classify

    def __post_init__(self) -> None:
        # lookups by word, built once: these run for every number in every article
        exact: dict[str, list[Scale]] = {}
        folded: dict[str, list[Scale]] = {}
        for scale in self.scales:
            for word in scale.words:
                (exact if scale.case_sensitive else folded).setdefault(word if scale.case_sensitive else word.lower(),
                                                                      []).append(scale)
        currencies = {w.lower(): c.code for c in reversed(self.currencies) for w in (*c.before, *c.after)}
        object.__setattr__(self, "percent_points_folded", frozenset(w.lower() for w in self.percent_points))
        object.__setattr__(self, "_single_item_below", {c.code: c.single_item_below for c in reversed(self.currencies)})
        object.__setattr__(self, "_scales_exact", exact)
        object.__setattr__(self, "_scales_folded", folded)
        object.__setattr__(self, "_currencies", currencies)

    def scale_value(self, word: str, *, money: bool) -> float | None:
        """The multiplier of a scale word as written, or None when it is not one here."""
        for scale in (*self._scales_exact.get(word, ()), *self._scales_folded.get(word.lower(), ())):
            if not (scale.money_only and not money) and not (scale.count_only and money):
                return scale.value
        return None

    def single_item_below(self, code: str) -> float:
        """Below this amount, money in ``code`` is one item's price, not a figure for a timeline (0: no bound)."""
        return self._single_item_below.get(code, 0.0)

    def currency_code(self, written: str) -> str | None:
        return self._currencies.get(WHITESPACE.sub(" ", written.strip()).lower())


WHITESPACE = re.compile(r"\s+")


class TableReader:
    """Typed access to one TOML table that reports the file and key on error."""

    def __init__(self, table: dict[str, Any], where: str) -> None:
        self.table = table
        self.where = where
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> LexiconError:
        return LexiconError(f"{self.where}: key '{key}' {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "is missing")
            return default
        value = self.table[key]
        if isinstance(value, bool) and kind is not bool:
            raise self.fail(key, f"must be {_kind_name(kind)}, not a boolean")
        if not isinstance(value, kind):
            raise self.fail(key, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        return value

    def strings(self, key: str, default: Any = ..., *, allow_empty: bool = True) -> tuple[str, ...]:
        value = self.get(key, list, default)
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        if not allow_empty and not value:
            raise self.fail(key, "must not be empty")
        return tuple(value)

    def numbers(self, key: str, default: Any = ...) -> dict[str, float]:
        value = self.get(key, dict, default)
        for word, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int | float):
                raise self.fail(f"{key}.{word}", "must be a number")
        return {str(k).lower(): float(v) for k, v in value.items()}

    def table_of(self, key: str) -> TableReader:
        return TableReader(self.get(key, dict), f"{self.where} [{key}]")

    def check_unknown(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            raise LexiconError(f"{self.where}: unknown key(s) {', '.join(unknown)}")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", list: "a list", dict: "a table", bool: "true or false", float: "a number"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise LexiconError(f"{path}: file not found") from error
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{path}: not valid TOML: {error}") from error


def check_regexes(reader: TableReader, key: str, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise reader.fail(key, f"holds an invalid regular expression {pattern!r}: {error}") from error


# Lists of words or phrases that need no more checking than "a list of non-empty strings".
_WORD_LIST_KEYS = ("negative", "range_words", "duration_units", "per_item_words", "reference_words",
                   "clause_breaks", "hypothetical_openers", "forecast_words", "parameter_words", "report_words",
                   "rate_span_openers", "new_value_words", "compared_value_openers", "speech_verbs", "according_to",
                   "speaker_pronouns", "published_markers", "updated_markers")


def _period_ended(dates: TableReader) -> dict[str, str]:
    """``period_ended``: words before a day that name the quarter, half or year ending on it."""
    value = dates.get("period_ended", dict, {})
    for words, grain in value.items():
        if grain not in ("quarter", "half", "year"):
            raise dates.fail(f"period_ended.{words}", "must be quarter, half or year")
    return {WHITESPACE.sub(" ", str(k).lower()): v for k, v in value.items()}


def _weekday_numbers(dates: TableReader) -> dict[str, int]:
    written = dates.numbers("weekday_numbers")
    if any(not 0 <= n <= 6 or n != int(n) for n in written.values()):
        raise dates.fail("weekday_numbers", "must map weekday names to 0 (Monday) to 6 (Sunday)")
    return {name: int(n) for name, n in written.items()}


def _relative_dates(dates: TableReader, key: str, where: str, units: tuple[str, ...]) -> list[RelativeDate]:
    """``[dates] relative`` or ``compared``: phrases with the unit and the offset they move a date by."""
    found = []
    for i, raw in enumerate(dates.get(key, list)):
        reader = TableReader(raw, f"{where} [dates] {key} #{i + 1}")
        unit = reader.get("unit", str)
        if unit not in units:
            raise reader.fail("unit", f"must be {', '.join(units[:-1])} or {units[-1]}")
        found.append(RelativeDate(reader.get("phrase", str), unit, reader.get("offset", int)))
        reader.check_unknown()
    return found


def parse_language(data: dict[str, Any], where: str) -> Language:
    """Validate one language table (the contents of ``id.toml``) into a :class:`Language`."""
    top = TableReader(data, where)
    code = top.get("language", str)
    if code not in LANGUAGES:
        raise top.fail("language", f"must be one of {', '.join(LANGUAGES)}")
    decimal_mark = top.get("decimal_mark", str)
    group_mark = top.get("group_mark", str)
    if {decimal_mark, group_mark} != {".", ","}:
        raise top.fail("decimal_mark", "and group_mark must be '.' and ',' in some order")

    scales = []
    for i, raw in enumerate(top.get("scale", list)):
        reader = TableReader(raw, f"{where} [[scale]] #{i + 1}")
        value = reader.get("value", (int, float))
        if value <= 0:
            raise reader.fail("value", "must be positive")
        scales.append(Scale(reader.strings("words", allow_empty=False), float(value),
                            reader.get("money_only", bool, False), reader.get("case_sensitive", bool, False),
                            reader.get("count_only", bool, False)))
        reader.check_unknown()

    words = top.table_of("number_words")
    word_values = words.numbers("value")
    word_multipliers = words.numbers("multiplier")
    word_scale_prefixed = words.numbers("scale_prefixed")
    word_vague = words.numbers("vague")
    minimum_bare_value = float(words.get("minimum_bare_value", (int, float)))
    words.check_unknown()

    currencies = []
    for i, raw in enumerate(top.get("currency", list)):
        reader = TableReader(raw, f"{where} [[currency]] #{i + 1}")
        below = float(reader.get("single_item_below", (int, float), 0))
        if below < 0:
            raise reader.fail("single_item_below", "must not be negative")
        currencies.append(Currency(reader.get("code", str), reader.strings("before"), reader.strings("after"), below))
        reader.check_unknown()

    qualifier_reader = top.table_of("qualifiers")
    qualifiers = {name: qualifier_reader.strings(name) for name in QUALIFIERS}
    qualifier_reader.check_unknown()
    rate_reader = top.table_of("rates")
    rates = {unit: rate_reader.strings(unit) for unit in RATE_UNITS}
    rate_reader.check_unknown()

    skip_line_patterns = top.strings("skip_line_patterns")
    check_regexes(top, "skip_line_patterns", skip_line_patterns)

    dates = top.table_of("dates")
    months_raw = dates.numbers("months")
    holiday_months_raw = dates.numbers("holiday_months", {})
    if any(not 1 <= m <= 12 or m != int(m) for m in [*months_raw.values(), *holiday_months_raw.values()]):
        raise dates.fail("months", "must map names (and holiday_months, holidays) to month numbers 1-12")
    ordinals_raw = dates.numbers("ordinals")
    relative = _relative_dates(dates, "relative", where, ("day", "week", "month", "year"))
    compared = _relative_dates(dates, "compared", where, ("quarter", "year"))
    comparison_patterns = top.strings("comparison_patterns")
    check_regexes(top, "comparison_patterns", comparison_patterns)
    language = Language(
        code=code,
        decimal_mark=decimal_mark,
        group_mark=group_mark,
        stopwords=frozenset(w.lower() for w in top.strings("stopwords", allow_empty=False)),
        body_words=top.strings("body_words"),
        scales=tuple(scales),
        word_values=word_values,
        word_multipliers=word_multipliers,
        word_scale_prefixed=word_scale_prefixed,
        word_vague=word_vague,
        minimum_bare_value=minimum_bare_value,
        currencies=tuple(currencies),
        percent=top.strings("percent", allow_empty=False),
        percent_points=top.strings("percent_points"),
        qualifiers=qualifiers,
        rates=rates,
        skip_line_patterns=skip_line_patterns,
        **{key: top.strings(key) for key in _WORD_LIST_KEYS},
        months={k: int(v) for k, v in months_raw.items()},
        weekdays=dates.strings("weekdays"),
        quarter_words=dates.strings("quarter_words"),
        half_words=dates.strings("half_words"),
        ordinals={k: int(v) for k, v in ordinals_raw.items()},
        year_openers=dates.strings("year_openers"),
        year_closers=dates.strings("year_closers", ()),
        holiday_months={k: int(v) for k, v in holiday_months_raw.items()},
        period_ended=_period_ended(dates),
        period_parts=dates.strings("period_parts"),
        relative=tuple(relative),
        multiple_words=top.strings("multiple_words"),
        size_comparison_words=top.strings("size_comparison_words", ()),
        relative_pronouns=top.strings("relative_pronouns", ()),
        price_words=top.strings("price_words", ()),
        definition_words=top.strings("definition_words", ()),
        table_scales={WHITESPACE.sub(" ", k.lower()): v for k, v in top.numbers("table_scales", {}).items()},
        table_change_words=top.strings("table_change_words", ()),
        multiple_verbs={k.lower(): v for k, v in top.numbers("multiple_verbs").items()},
        time_units={k.lower(): v for k, v in top.numbers("time_units").items()},
        time_spent_cues=top.strings("time_spent_cues"),
        comparison_patterns=comparison_patterns,
        compared=tuple(compared),
        span_openers=dates.strings("span_openers"),
        present_words=dates.strings("present_words"),
        year_part_months={k: int(v) for k, v in dates.numbers("year_part_months").items()},
        weekday_numbers=_weekday_numbers(dates),
        ordinal_first=dates.get("ordinal_first", bool),
        quarter_ending_words=dates.strings("quarter_ending_words"),
        measures=_measures(top),
    )
    dates.check_unknown()
    top.check_unknown()
    return language


@cache
def load_language(code: str) -> Language:
    """The validated lexicon of a language ("id" or "en")."""
    if code not in LANGUAGES:
        raise LexiconError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    path = DATA_DIR / f"{code}.toml"
    return parse_language(read_toml(path), str(path))
