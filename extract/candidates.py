"""Numbers that may be figures: one scan per paragraph, each candidate with its value, currency and marks.

A candidate is dropped, by a named check in ``read_candidate``, when its surroundings show it is no figure:
years, durations ("15 detik"), identifiers ("UU No. 11"), pieces of codes ("COVID-19", "5G"), phone numbers,
vague plurals ("puluhan juta"). Growth multiples ("dua kali lipat", "doubled") and times ("8 jam 8 menit")
become candidates measured in times or minutes; "1,3 juta hingga 1,4 juta" becomes one ranged candidate.
Whether a candidate is a fact, and of what, is decided by ``extract.figures``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Generic, NamedTuple, TypeVar

from extract.lexicon import WHITESPACE, Language
from extract.numbers import parse_number_words, parse_numeral, times_scale
from extract.patterns import FigurePatterns
from extract.text import Sentence

T = TypeVar("T")


class Positioned(Generic[T]):
    """Items sorted by position, so that "those between lo and hi" costs a binary search, not a scan."""

    def __init__(self, items: list[tuple[int, T]]) -> None:
        items = sorted(items, key=lambda pair: pair[0])
        self.positions = [position for position, _ in items]
        self.items = [item for _, item in items]

    def between(self, lo: int, hi: int) -> list[T]:
        return self.items[bisect_left(self.positions, lo):bisect_left(self.positions, hi)]


class Spans:
    """Sorted spans that do not overlap each other (matches of one scan, date phrases): whether a span overlaps
    one of them is a binary search, so filtering n candidates against m spans costs n log m, not n times m."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end) - 1  # the last span starting before ``end`` reaches furthest
        return index >= 0 and self.ends[index] > start


class Candidate(NamedTuple):
    """A number that may be a figure: where it stands, its value and how it is marked."""

    start: int
    end: int
    value: float
    currency: str
    percent: bool
    scaled: bool
    vague: bool
    multiplier: float
    value_max: float | None = None
    measure: str = ""  # "times" for a growth multiple, "minutes" for time spent: their unit, whatever the metric

    @property
    def bare(self) -> bool:
        return not (self.scaled or self.vague or self.currency or self.percent or self.measure)

    @property
    def kind(self) -> str:
        if self.measure in ("times", "minutes"):
            return "multiple" if self.measure == "times" else "duration"
        return "money" if self.currency else "percent" if self.percent else "count"


def read_candidate(match: re.Match[str], text: str, lang: Language, pats: FigurePatterns) -> Candidate | None:
    """A figure candidate from a pattern match, or None when its surroundings show it is not one."""
    start, end = match.span()
    negative, cur1, numeral, words, scale_written, cur2, pct = match.groups()  # FIGURE_GROUPS, in order
    before = text[start - 1] if start else " "
    # "COVID-19", "v1.2": a digit glued to a word by "-", "." or "," belongs to a name; "juta-Rp 200 juta", whose
    # currency stands after the hyphen, is the far end of a range
    if before.isalnum() or before in "/:" or (before in "-.," and start > 1 and (
            text[start - 2].isalpha() and not cur1 if before == "-" else text[start - 2].isalnum())):
        return None
    after = text[end:end + 2]
    footnote = bool(scale_written) and after[:1].isdigit() and not after[1:2].isalnum()  # "$615 million1"
    if after and not footnote and (after[0].isalnum() or (after[0] in "/:.," and after[1:2].isdigit())):
        return None
    plain = not (scale_written or cur1 or cur2 or pct)
    vague = False
    if numeral is not None:
        if plain and len(numeral) == 4 and numeral.isdigit() and 1900 <= int(numeral) <= 2100:
            return None  # a year
        if len(numeral) > 1 and numeral[0] == "0" and numeral[1].isdigit():
            return None  # a phone number or a code: "021", "0812"
        value = parse_numeral(numeral, lang, scaled=bool(scale_written))
        if value is None:
            return None
    else:
        parsed = parse_number_words(words.split(), lang)
        if parsed is None:
            return None
        value, vague = parsed
        if vague:
            return None  # "puluhan juta", "millions of": no value an analyst could chart
    if plain:
        measured = _measured(text, start, end, value, lang, pats)
        if measured is not None:
            return measured
    if numeral is None and plain and value < lang.minimum_bare_value:
        return None
    currency_written = (cur1 or cur2 or "").strip().rstrip("(").rstrip()
    currency = lang.currency_code(currency_written) if currency_written else ""
    multiplier = 1.0
    if scale_written:
        found = lang.scale_value(scale_written, money=bool(currency))
        if found is None:
            return None
        multiplier = found
        following = pats.next_word.match(text, end)
        if following and lang.scale_value(following.group(1), money=False) is not None:
            return None  # "10 juta juta": no number reads that way
    elif plain and pats.duration_after.match(text, end):
        return None  # "15 detik", "20 Tahun": a duration or an age
    if plain and pats.reference_before.search(text, max(0, start - 25), start):
        return None  # "UU No. 11", "Pasal 5": an identifier
    value = times_scale(value, multiplier)  # "Rp16,1 triliun" is 16100000000000, not ...000.002
    if negative or (cur1 and cur1.endswith("(")):  # "minus 1,2 juta", "US$(11.0) million"
        value = -value
    if numeral is not None and text.startswith("-an", end) and not text[end + 3:end + 4].isalnum():
        end += 3  # "1.200.000-an": about 1.2 million
        vague = True
    if not math.isfinite(value):
        return None
    scaled = bool(scale_written) or (words is not None and value >= 1000)
    points = bool(pct) and pct.strip().lower() in lang.percent_points_folded
    return Candidate(start, end, value, currency, bool(pct), scaled, vague, multiplier,
                      measure="percentage_points" if points else "")


def _measured(text: str, start: int, end: int, value: float, lang: Language, pats: FigurePatterns) -> Candidate | None:
    """A plain number that is a growth multiple ("dua kali lipat", "3.5 times") or a time ("8 jam 8 menit",
    "462 menit"): a candidate in times or in minutes, its span running over the words that say so. Whether a
    time is time spent (and not "dalam 15 menit") is decided in its clause (``_time_spent``)."""
    following = text[end:end + 2].lstrip()[:1].lower()
    if not following or following not in pats.measure_first_letters:
        return None  # the usual case, decided without a pattern
    multiple = pats.multiple_after.match(text, end)
    if multiple:
        return Candidate(start, multiple.end(), value, "", False, False, False, 1.0, measure="times")
    time = pats.time_after.match(text, end)
    if time:
        minutes = value * lang.time_units[time["unit"].lower()]
        if time["more"]:
            minutes += float(time["more"]) * lang.time_units[time["unit2"].lower()]
        return Candidate(start, time.end(), minutes, "", False, False, False, 1.0, measure="minutes")
    return None


def multiple_verbs(text: str, lang: Language, pats: FigurePatterns) -> Positioned[Candidate]:
    """"doubled", "quadrupled", "berlipat ganda": a growth multiple stated by a verb alone; one scan of the text."""
    if not lang.multiple_verbs:
        return Positioned([])
    return Positioned([(m.start(), Candidate(m.start(), m.end(), lang.multiple_verbs[WHITESPACE.sub(" ", m.group().lower())],
                                               "", False, False, False, 1.0, measure="times"))
                        for m in pats.multiple_verb.finditer(text)])


def merge_ranges(cands: list[Candidate], text: str, pats: FigurePatterns) -> list[Candidate]:
    """"1,3 juta hingga 1,4 juta", "Rp 100.000-Rp 200.000", "Rp12-13 triliun" (the currency written once): one
    figure that keeps both ends."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if prev and prev.value_max is None and pats.range_between.match(text[prev.end:cand.start]) is not None \
                and text[prev.end:cand.start].strip() \
                and (cand.kind in (prev.kind, "money", "percent") or (prev.currency and cand.kind == "count")) \
                and (not prev.currency or not cand.currency or prev.currency == cand.currency) \
                and not (prev.percent and not cand.percent) \
                and prev.measure == cand.measure:
            low = prev.value if prev.scaled or not cand.scaled else prev.value * cand.multiplier
            if low <= cand.value:
                merged[-1] = Candidate(prev.start, cand.end, low, cand.currency or prev.currency,
                                        cand.percent, cand.scaled or prev.scaled, cand.vague or prev.vague,
                                        cand.multiplier, value_max=cand.value)
                continue
        merged.append(cand)
    return merged


_SPACED_DECIMAL = re.compile(r"(?<![\w.,])(\d{1,3}), $")  # "132, " before "7 juta"


def _spaced_decimals(cands: list[Candidate], text: str, start: int) -> list[Candidate]:
    """"132, 7 juta": a decimal comma a writer followed with a space. A one-digit scaled figure right after "N, "
    is N,D times its scale; the bare N before it is part of it, not a figure of its own."""
    merged: list[Candidate] = []
    for cand in cands:
        before = _SPACED_DECIMAL.search(text, max(start, cand.start - 6), cand.start) \
            if cand.start >= 2 and text.startswith(", ", cand.start - 2) else None
        if before is None or not cand.scaled or cand.value_max is not None or not text[cand.start].isdigit() \
                or text[cand.start + 1].isdigit() or text[cand.start + 1] in ".,":
            merged.append(cand)
            continue
        while merged and merged[-1].end > before.start():
            merged.pop()  # the "132" read on its own
        value = times_scale(float(f"{before[1]}.{text[cand.start]}"), cand.multiplier)
        merged.append(cand._replace(start=before.start(), value=-value if cand.value < 0 else value))
    return merged


def paragraph_candidates(text: str, start: int, end: int, word_starts: list[int], verbs: list[Candidate],
                          lang: Language, pats: FigurePatterns) -> list[Candidate]:
    """The candidates of one paragraph, in order: numerals found by the digit scan (a figure never spans two
    paragraphs), and number words where the word scan found them."""
    matches = list(pats.figure_numeric.finditer(text, start, end))
    if word_starts:
        numeric = Spans([m.span() for m in matches])
        for at in word_starts:
            match = pats.figure.match(text, at, end)
            if match and not numeric.overlaps(at, at + 1):
                matches.append(match)
        matches.sort(key=lambda m: m.start())
    cands = [cand for cand in (read_candidate(match, text, lang, pats) for match in matches) if cand is not None]
    if lang.decimal_mark == ",":
        cands = _spaced_decimals(cands, text, start)
    if not verbs and not any(cand.measure for cand in cands):
        return cands  # only a measured candidate ("8 jam 8 menit") or a verb can hold another
    kept: list[Candidate] = []
    for cand in sorted(cands + verbs):
        if kept and cand.start < kept[-1].end:
            continue  # "8 menit" of "8 jam 8 menit": inside a candidate already read
        kept.append(cand)
    return kept


def by_sentence(cands: list[Candidate], sentences: list[Sentence]) -> Iterator[tuple[int, list[Candidate]]]:
    """The candidates of each sentence that has some, with the sentence's index in its paragraph."""
    position = 0
    for index, sentence in enumerate(sentences):
        inside = []
        while position < len(cands) and cands[position].start < sentence.end:
            if cands[position].start >= sentence.start:
                inside.append(cands[position])
            position += 1
        if inside:
            yield index, inside
