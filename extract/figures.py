"""Finding the figures of an article: numbers with their metric, unit, rate, date and source.

A figure is found in three steps, all driven by the language and metric files:

1. Candidates: the figure pattern finds numerals and number words with their
   scale word, currency and percent sign. Candidates are dropped when they are
   not figures: years, durations ("15 detik"), identifiers ("UU No. 11"),
   pieces of codes ("COVID-19", "5G"), phone numbers, clock times, parts of a
   date, numbers in hypothetical sentences ("Kalau aku punya ... seribu
   follower") and amounts per item ("setiap satu video ... Rp 1000").
2. Context: each candidate's clause is the text between its neighbours within
   its sentence. A metric noun right after the number ("150 negara") or the
   longest metric cue in the clause ("pengguna aktif bulanan") names the
   metric; failing that, a cue elsewhere in the sentence. The rate, the
   qualifier, the subject, the region and the speaker are read the same way.
3. The date: a date phrase in the sentence, else the latest one earlier in
   the paragraph, else the article's own date.

A bare number (no scale word, currency or percent) is a figure only when a
metric claims it; a clearly marked one that no metric claims is kept as
``other``. A fact stated several times (the lead, a quote, a repeated paragraph) is one row that counts its
mentions (``merge_mentions``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Generic, NamedTuple, TypeVar

from extract.article import Article
from extract.dates import DatePhrase, Period, find_relative_phrases, merge_phrases, shift_period, year_period
from extract.lexicon import (
    WHITESPACE,
    Entities,
    Language,
    Metric,
    entity_name,
    load_entities,
    load_language,
    load_metrics,
)
from extract.numbers import parse_number_words, parse_numeral
from extract.patterns import FigurePatterns, figure_patterns, metric_matchers
from extract.text import Quotations, Sentence

DIRECT_NOUN_BONUS = 10
T = TypeVar("T")


class _Positioned(Generic[T]):
    """Items sorted by position, so that "those between lo and hi" costs a binary search, not a scan."""

    def __init__(self, items: list[tuple[int, T]]) -> None:
        items = sorted(items, key=lambda pair: pair[0])
        self.positions = [position for position, _ in items]
        self.items = [item for _, item in items]

    def between(self, lo: int, hi: int) -> list[T]:
        return self.items[bisect_left(self.positions, lo):bisect_left(self.positions, hi)]


class _Spans:
    """Sorted spans that do not overlap each other (matches of one scan, date phrases): whether a span overlaps
    one of them is a binary search, so filtering n candidates against m spans costs n log m, not n times m."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end) - 1  # the last span starting before ``end`` reaches furthest
        return index >= 0 and self.ends[index] > start


@dataclass(frozen=True)
class Figure:
    """One row of the tidy frame; ``article_text[start:end] == raw``."""

    article: str
    metric: str
    label: str
    label_id: str
    value: float
    value_max: float | None
    unit: str
    per: str
    date: date | None
    date_grain: str
    period: str
    period_start: date | None
    period_end: date | None
    date_source: str
    qualifier: str
    subject: str
    region: str
    raw: str
    quote: str
    start: int
    end: int
    speaker: str
    published: date | None
    language: str
    title: str
    outlet: str
    mentions: int = 1  # how many times the article states this fact (headline, lead, quote, repeated paragraph)
    mention_spans: str = ""  # "start-end" of every mention, ";"-separated; the first is start-end above
    other_quotes: str = ""  # the sentences of the later mentions that differ from ``quote``, "\n"-separated

    def as_row(self) -> dict[str, object]:
        return dict(self.__dict__)  # the fields are flat values: no need for asdict's deep copy


class _Candidate(NamedTuple):
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


def _candidate(match: re.Match[str], text: str, lang: Language, pats: FigurePatterns) -> _Candidate | None:
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
    if after and (after[0].isalnum() or (after[0] in "/:.," and after[1:2].isdigit())):
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
    value *= multiplier
    if negative or (cur1 and cur1.endswith("(")):  # "minus 1,2 juta", "US$(11.0) million"
        value = -value
    if numeral is not None and text.startswith("-an", end) and not text[end + 3:end + 4].isalnum():
        end += 3  # "1.200.000-an": about 1.2 million
        vague = True
    if not math.isfinite(value):
        return None
    scaled = bool(scale_written) or (words is not None and value >= 1000)
    points = bool(pct) and pct.strip().lower() in lang.percent_points_folded
    return _Candidate(start, end, value, currency, bool(pct), scaled, vague, multiplier,
                      measure="percentage_points" if points else "")


def _measured(text: str, start: int, end: int, value: float, lang: Language, pats: FigurePatterns) -> _Candidate | None:
    """A plain number that is a growth multiple ("dua kali lipat", "3.5 times") or a time ("8 jam 8 menit",
    "462 menit"): a candidate in times or in minutes, its span running over the words that say so. Whether a
    time is time spent (and not "dalam 15 menit") is decided in its clause (``_time_spent``)."""
    following = text[end:end + 2].lstrip()[:1].lower()
    if not following or following not in pats.measure_first_letters:
        return None  # the usual case, decided without a pattern
    multiple = pats.multiple_after.match(text, end)
    if multiple:
        return _Candidate(start, multiple.end(), value, "", False, False, False, 1.0, measure="times")
    time = pats.time_after.match(text, end)
    if time:
        minutes = value * lang.time_units[time["unit"].lower()]
        if time["more"]:
            minutes += float(time["more"]) * lang.time_units[time["unit2"].lower()]
        return _Candidate(start, time.end(), minutes, "", False, False, False, 1.0, measure="minutes")
    return None


def _multiple_verbs(text: str, lang: Language, pats: FigurePatterns) -> _Positioned[_Candidate]:
    """"doubled", "quadrupled", "berlipat ganda": a growth multiple stated by a verb alone; one scan of the text."""
    if not lang.multiple_verbs:
        return _Positioned([])
    return _Positioned([(m.start(), _Candidate(m.start(), m.end(), lang.multiple_verbs[WHITESPACE.sub(" ", m.group().lower())],
                                               "", False, False, False, 1.0, measure="times"))
                        for m in pats.multiple_verb.finditer(text)])


def _merge_ranges(cands: list[_Candidate], text: str, pats: FigurePatterns) -> list[_Candidate]:
    """"1,3 juta hingga 1,4 juta", "Rp 100.000-Rp 200.000": one figure that keeps both ends."""
    merged: list[_Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if prev and prev.value_max is None and pats.range_between.match(text[prev.end:cand.start]) is not None \
                and text[prev.end:cand.start].strip() and cand.kind in (prev.kind, "money", "percent") \
                and (not prev.currency or prev.currency == cand.currency) and not (prev.percent and not cand.percent) \
                and prev.measure == cand.measure:
            low = prev.value if prev.scaled or not cand.scaled else prev.value * cand.multiplier
            if low <= cand.value:
                merged[-1] = _Candidate(prev.start, cand.end, low, cand.currency or prev.currency,
                                        cand.percent, cand.scaled or prev.scaled, cand.vague or prev.vague,
                                        cand.multiplier, value_max=cand.value)
                continue
        merged.append(cand)
    return merged


def _per_item(text: str, cand: _Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
    """"setiap satu video ... Rp 1000" or "Rp 5.000 per orang": a price or ratio, not a timeline figure.
    A percentage is a share whatever it is counted over ("di tiap wilayah ... 84,69%", "masing-masing tumbuh
    18%"), so the rule leaves it alone."""
    if cand.percent:
        return False
    after = cand.end
    while after < clause[1] and text[after].isspace():
        after += 1
    return bool(pats.per_item.search(text, clause[0], cand.start) or pats.per_item.match(text, after, clause[1]))


FORECAST_WINDOW = 100  # characters before a figure in which a forecast or parameter word governs it


def _not_a_fact(text: str, cand: _Candidate, sentence: Sentence, lang: Language, pats: FigurePatterns) -> str:
    """Why a figure candidate is no fact for a timeline, or "" when it is one. Each reason is a named rule, with
    its words in the language file (``forecast_words``, ``parameter_words``, ``single_item_below``)."""
    if cand.currency and abs(cand.value) < lang.single_item_below(cand.currency):
        return "single-item price"  # "Rp 15.000", "US$77.43", "Rp316 – Rp346"
    window = max(sentence.start, cand.start - FORECAST_WINDOW)
    if pats.forecast.search(text, window, cand.start) or pats.forecast_after.match(text, cand.end, sentence.end):
        return "forecast"  # "expects to reach 50 million", "63 million people will open Facebook"
    if cand.percent and pats.parameter.search(text, window, cand.start):
        return "parameter"  # "komisi 20 persen", "shares fell 14%"
    return ""


@cache
def _only_metric_of(kind: str) -> Metric | None:
    """The metric of a kind that has one only ("doubled" is a growth multiple whatever its clause says)."""
    metrics = [m for m in load_metrics() if m.kind == kind]
    return metrics[0] if len(metrics) == 1 else None


def _time_spent(text: str, cand: _Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
    """A time is time spent when a rate follows it in its clause ("8 jam 8 menit setiap hari", "3 hours a day")
    or a time-spent cue stands before it ("durasi rata-rata ... 462 menit", "time spent ... 90 minutes")."""
    after = pats.rate.search(text, cand.end, min(clause[1], cand.end + 30))
    return bool(after or pats.time_spent_cue.search(text, max(clause[0], cand.start - 80), cand.start))


def _word_before(text: str, cand: _Candidate, sentence_start: int, pats: FigurePatterns) -> str:
    """The qualifier or amount word right before a figure ("lebih dari", "sekitar", "mencapai"), or ""."""
    match = pats.qualifier.search(text, max(sentence_start, cand.start - 40), cand.start)
    return match.lastgroup if match else ""


def _qualifier(word_before: str, cand: _Candidate) -> str:
    if cand.value_max is not None:
        return "range"
    if word_before and word_before != "amount":
        return word_before
    return "approx" if cand.vague else ""


class _Claim(NamedTuple):
    """A metric's claim on a candidate, with how strongly its cue speaks for it."""

    metric: Metric
    score: float
    start: int
    end: int
    by_noun: bool = False


def _cue_clause(text: str, cand: _Candidate, clause: tuple[int, int], pats: FigurePatterns) -> tuple[int, int]:
    """The part of a figure's clause its metric cue may come from: from the last clause break before it
    to the first one after it ("1,5 juta penjual dan 2 juta transaksi": "transaksi" is not the first's)."""
    lo, hi = clause
    for match in pats.clause_break.finditer(text, clause[0], cand.start):
        lo = match.end()
    after = pats.clause_break.search(text, cand.end, clause[1])
    return lo, after.start() if after else hi


class _SentenceCues:
    """The metric cues of one sentence, found once per kind on first use, so that each figure's nearest cue is a
    binary search: looking through the sentence once per figure made a long sentence cost its length squared."""

    def __init__(self, text: str, sentence: Sentence) -> None:
        self.text = text
        self.sentence = sentence
        self._found: dict[str, tuple[list[int], list[re.Match[str]]]] = {}

    def nearest(self, kind: str, cand: _Candidate) -> re.Match[str] | None:
        """The cue of ``kind`` nearest to the candidate; on a tie, the one before it."""
        found = self._found.get(kind)
        if found is None:
            cues = metric_matchers()[kind].cues
            matches = list(cues.finditer(self.text, self.sentence.start, self.sentence.end)) if cues else []
            found = self._found[kind] = ([m.end() for m in matches], matches)
        ends, matches = found
        index = bisect_right(ends, cand.start)  # matches[:index] end before the candidate starts
        before = matches[index - 1] if index else None
        after = next((m for m in matches[index:index + 2] if m.start() >= cand.end), None)
        if before is None or (after is not None and after.start() - cand.end < cand.start - before.end()):
            return after
        return before


def _classify(text: str, cand: _Candidate, clause: tuple[int, int], cues: _SentenceCues) -> _Claim | None:
    """The metric of a candidate: a noun right after it, or the longest cue in its clause, else its sentence."""
    matchers = metric_matchers()[cand.kind]
    claims: list[_Claim] = []
    if matchers.nouns is not None:
        match = matchers.nouns.match(text, cand.end, clause[1])
        if match:
            group = match.lastgroup
            bonus = 0 if match["gap"] else DIRECT_NOUN_BONUS
            claims.append(_Claim(matchers.metric_of_group[group], len(match[group]) + bonus, match.start(group),
                                 match.end(group), True))
    if matchers.cues is not None:
        for lo, hi in ((clause[0], cand.start), (cand.end, clause[1])):
            for match in matchers.cues.finditer(text, lo, hi):
                distance = min(abs(match.start() - cand.end), abs(cand.start - match.end()))
                claims.append(_Claim(matchers.metric_of_group[match.lastgroup], len(match.group()) - distance / 1000,
                                     match.start(), match.end()))
        if not claims and not cand.bare:
            match = cues.nearest(cand.kind, cand)
            if match is not None:
                distance = min(abs(match.start() - cand.end), abs(cand.start - match.end()))
                claims.append(_Claim(matchers.metric_of_group[match.lastgroup], -distance, match.start(), match.end()))
    return max(claims, key=lambda c: c.score) if claims else None


def _rate(text: str, cand: _Candidate, clause: tuple[int, int], cue_clause: tuple[int, int], cue: _Claim | None,
          pats: FigurePatterns) -> str:
    """The rate's time unit written after the figure (up to a clause break), else before it, within its clause."""
    for lo, hi in ((cand.end, cue_clause[1]), (clause[0], cand.start)):
        matches = [m for m in pats.rate.finditer(text, lo, hi)
                   if (cue is None or m.end() <= cue.start or m.start() >= cue.end)
                   and not pats.rate_span_opener.search(text, max(lo, m.start() - 12), m.start())]
        if matches:
            match = matches[0] if lo == cand.end else matches[-1]
            return next(unit for unit, value in match.groupdict().items() if value)
    return ""


class _EntityMatches:
    """A sentence's subject or region matches in text order, looked up by binary search so that a sentence
    naming a thousand places beside a thousand figures costs its length, not its length squared."""

    def __init__(self, matches: list[re.Match[str]]) -> None:
        self.matches = matches
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def within(self, lo: int, hi: int) -> _EntityMatches:
        return _EntityMatches(self.matches[bisect_left(self.starts, lo):bisect_left(self.starts, hi)])

    def nearest(self, cand: _Candidate, kind: str, prefer_before: bool) -> str:
        """The entity named nearest the figure (on a tie, the earlier); with ``prefer_before``, the last one
        before it when there is one."""
        if not self.matches:
            return ""
        before = bisect_right(self.ends, cand.start) - 1  # the last match that ends before the figure
        after = bisect_left(self.starts, cand.end)  # the first match that starts after it
        if prefer_before and before >= 0:
            chosen = self.matches[before]
        else:
            options = [m for m in (self.matches[before] if before >= 0 else None,
                                   self.matches[after] if after < len(self.matches) else None) if m is not None]
            if not options:  # every match overlaps the figure
                options = self.matches[:1]
            chosen = min(options, key=lambda m: min(abs(m.start() - cand.end), abs(cand.start - m.end())))
        return entity_name(load_entities(), kind, chosen.group())


class _Speakers:
    """Who said what. Attributions are read sentence by sentence, only where a figure asks, and kept.

    A pronoun ("pungkasnya", "ujar dia") points back to the last name attributed before it, which may lie
    several paragraphs up; that search walks back one sentence at a time.
    """

    def __init__(self, article: Article, pats: FigurePatterns, lowered: str | None) -> None:
        self.article = article
        self.pats = pats
        self.lowered = lowered
        self._hints: dict[int, list[int]] = {}
        self._raw: dict[int, list[tuple[int, str, bool]]] = {}
        self._resolved: dict[int, list[tuple[int, str, bool]]] = {}
        self._last_name_upto: dict[int, str] = {}  # sentence start -> the last name said up to its end
        self._according_before: dict[int, list[str]] = {}  # paragraph -> "Menurut X" in force at each sentence
        self._next_attributed: dict[int, list[int | None]] = {}  # paragraph -> the next attributed sentence
        self._quotations: dict[int, Quotations] = {}

    def _hints_in(self, sentence: Sentence) -> list[int]:
        """Where a speech verb or "menurut" stands, found by one scan of the sentence's paragraph on first use."""
        hints = self._hints.get(sentence.paragraph)
        if hints is None:
            start, end = self.article.layout.figure_lines[sentence.paragraph]
            if self.lowered is not None:
                found = self.pats.attribution_hint_lower.finditer(self.lowered, start, end)
            else:
                found = self.pats.attribution_hint.finditer(self.article.text, start, end)
            hints = self._hints[sentence.paragraph] = [match.start() for match in found]
        return hints[bisect_left(hints, sentence.start):bisect_left(hints, sentence.end)]

    def _raw_hits(self, sentence: Sentence) -> list[tuple[int, str, bool]]:
        """(position, name or "" for a pronoun, is "according to") in one sentence, in order.

        A speech verb or "menurut" is looked for first; the pattern for the name is then tried only where one
        stands ("ujar Angga", "Menurut Dina, ...", "Angga mengatakan", "pungkasnya").
        """
        if sentence.start not in self._raw:
            text, pats = self.article.text, self.pats
            hits: list[tuple[int, str, bool]] = []
            for at in self._hints_in(sentence):
                according = pats.according_to.match(text, at, sentence.end)
                if according:
                    hits.append((at, according["name"], True))
                    continue
                if pats.speech_verb_pronoun.match(text, at, sentence.end):
                    hits.append((at, "", False))
                    continue
                after = pats.speech_verb_then_name.match(text, at, sentence.end)
                if after:
                    hits.append((at, after["name"], False))
                    continue
                hint = pats.attribution_hint.match(text, at, sentence.end)  # the verb, for a name written before it
                if hint is None:  # a phrase found in the paragraph that runs past this sentence's end
                    continue
                before = pats.name_then_speech_verb.search(text, max(sentence.start, at - 120), hint.end())
                if before and before.end() == hint.end():
                    hits.append((before.start(), before["name"], False))
            cleaned = []
            for position, name, according in sorted(hits):
                name = name.strip(" .,;:'’-")
                cleaned.append((position, "" if name.lower() in pats.pronouns else name, according))
            self._raw[sentence.start] = cleaned
        return self._raw[sentence.start]

    def _earlier_sentences(self, paragraph: int, index: int) -> Iterator[Sentence]:
        """The sentences before the ``index``-th of ``paragraph``, nearest first, back to the article's start."""
        layout = self.article.layout
        sentences = layout.sentences_of(paragraph)
        for earlier in range(index - 1, -1, -1):  # by index: a slice would copy the paragraph's start each time
            yield sentences[earlier]
        for earlier in range(paragraph - 1, -1, -1):
            yield from reversed(layout.sentences_of(earlier))

    def _last_name_before(self, paragraph: int, index: int) -> str:
        """A pronoun resolves to the last name before it, so the last *named* attribution is the answer.

        Each sentence walked past remembers the answer (``_last_name_upto``), so that a page of pronouns and no
        names is walked back once, not once per pronoun.
        """
        walked: list[int] = []
        answer = ""
        for sentence in self._earlier_sentences(paragraph, index):
            if sentence.start in self._last_name_upto:
                answer = self._last_name_upto[sentence.start]
                break
            walked.append(sentence.start)
            names = [name for _, name, _ in self._raw_hits(sentence) if name]
            if names:
                answer = names[-1]
                break
        for start in walked:
            self._last_name_upto[start] = answer
        return answer

    def attributions(self, paragraph: int, index: int) -> list[tuple[int, str, bool]]:
        """The attributions of the ``index``-th sentence of ``paragraph``, with pronouns resolved to a name."""
        sentence = self.article.layout.sentences_of(paragraph)[index]
        if sentence.start not in self._resolved:
            resolved = []
            last = None
            for position, name, according in self._raw_hits(sentence):
                if not name:
                    name = last if last is not None else self._last_name_before(paragraph, index)
                if name:
                    resolved.append((position, name, according))
                    last = name
            self._resolved[sentence.start] = resolved
        return self._resolved[sentence.start]

    def for_figure(self, paragraph: int, index: int, cand: _Candidate) -> str:
        """The figure's own sentence's speaker; inside a quotation, the one named where it closes;
        else who "Menurut ..." named earlier in the paragraph.

        Both look-ups are answered from per-paragraph tables built once, so a paragraph of thousands of
        sentences costs its length, not its length squared.
        """
        in_sentence = self.attributions(paragraph, index)
        if in_sentence:
            return in_sentence[0][1]
        quotations = self._quotations.get(paragraph)
        if quotations is None:
            start, end = self.article.layout.figure_lines[paragraph]
            quotations = self._quotations[paragraph] = Quotations(self.article.text, start, end)
        if quotations.inside(cand.start):
            later = self._next_attributed_after(paragraph, index)
            if later is not None:
                return self.attributions(paragraph, later)[0][1]
        return self._according_in_force(paragraph, index)

    def _next_attributed_after(self, paragraph: int, index: int) -> int | None:
        table = self._next_attributed.get(paragraph)
        if table is None:
            count = len(self.article.layout.sentences_of(paragraph))
            table = [None] * count
            following = None
            for later in range(count - 1, -1, -1):
                table[later] = following
                if self.attributions(paragraph, later):
                    following = later
            self._next_attributed[paragraph] = table
        return table[index]

    def _according_in_force(self, paragraph: int, index: int) -> str:
        """Who the last "Menurut X, ..." before the ``index``-th sentence of the paragraph named, or ""."""
        table = self._according_before.setdefault(paragraph, [""])
        while len(table) <= index:  # extended as far as asked: figures come in text order
            named = [name for _, name, according in self.attributions(paragraph, len(table) - 1) if according]
            table.append(named[-1] if named else table[-1])
        return table[index]


_YEAR_AFTER = re.compile(r"[^.\n]*?(?<![\w-])((?:19|20)[0-9]{2})(?![\w-])")
def _sentence_around(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, read at most ``reach`` characters each way (a bound that keeps a
    page without line breaks linear): from the last ". " or line break before it to the first one after."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    before = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    after = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i >= 0]
    return (before + 1 if before >= 0 else lo), (min(after) if after else hi)


class _SentenceScope(NamedTuple):
    """What a sentence says about time, read once for all its figures (see ``_TimeScope._read_sentence``)."""

    phrases: list[DatePhrase]
    phrase_starts: list[int]
    owners: list[int]  # per phrase: the index of the figure before it, or -1
    last_own_before: list[int]  # per phrase index: the nearest phrase at or before it not of a compared value
    first_own_after: list[int]  # per phrase index: the nearest phrase at or after it not of a compared value
    marker_starts: list[int]
    own_markers: list[tuple[int, int] | None]  # per figure: the comparison marker that makes it a compared value
    compared_phrase: re.Match[str] | None  # "a year earlier", "periode yang sama tahun lalu"


LEAD_PARAGRAPHS = 2  # the lead a report period may be set in: the first paragraphs of the body
COMPARED_PHRASE_WINDOW = 60  # characters before a phrase in which a comparison marker makes it a compared one
REPORT_WINDOW = 240  # how far around a lead period its sentence is read for a report word
REPORT_YEAR_REACH = 80  # how far after a report word a bare year names the report's ("Survei APJII 2018")


class _TimeScope:
    """The period that governs each figure, read like the annotation rules read it.

    1. Its sentence: the nearest date phrase, but a phrase standing after a comparison marker ("up from",
       "dibandingkan", "naik dari") dates the compared value after the marker, not the figure before it; and a
       compared value takes only a phrase after its marker.
    2. A compared value with no phrase of its own, in a sentence that says how far back it lies ("a year
       earlier", "periode yang sama tahun lalu", "the previous quarter"): the main value's period moved back.
    3. The latest phrase earlier in its paragraph.
    4. The report or survey period the headline or the lead set ("Sea Limited Reports First Quarter 2018
       Results", "Survei APJII 2018 ..."): the first period coarser than a day in the headline, or in the lead
       with a report word (``report_words``) beside it ("mencapai 20 juta pada Februari 2021" dates its own
       figure only); never one that opens a span ("Since 2010") or lies after the article's own date.
    5. The article's own date.
    """

    def __init__(self, article: Article, pats: FigurePatterns, lang: Language) -> None:
        self.article = article
        self.pats = pats
        self.compared_by_phrase = {c.phrase: c for c in lang.compared}
        self.span_openers = tuple(w.lower() for w in lang.span_openers)
        self._report: Period | None = None
        self._report_read = False
        self._sentences: dict[int, _SentenceScope] = {}

    def report_period(self) -> Period | None:
        """The period the headline or the lead sets for the article's undated figures, read once."""
        if self._report_read:
            return self._report
        self._report_read = True
        layout, published, text = self.article.layout, self.article.published, self.article.text
        phrases = self.article.date_phrases
        starts = [p.start for p in phrases]
        header = set(layout.header)
        for lo, hi in sorted([*layout.header, *layout.body[:LEAD_PARAGRAPHS]]):
            in_header = (lo, hi) in header  # the headline names what the article is about
            for phrase in phrases[bisect_left(starts, lo):bisect_left(starts, hi)]:
                if phrase.period.grain in ("day", "week") or phrase.raw.lower().startswith(self.span_openers):
                    continue
                if (published is not None and phrase.period.first > published) or self._after_comparison(phrase):
                    continue
                if in_header or self.pats.report.search(text, *_sentence_around(text, phrase.start, phrase.end,
                                                                                  REPORT_WINDOW)):
                    self._report = phrase.period
                    return self._report
            if not in_header:
                self._report = self._report_year(lo, hi, published)
                if self._report is not None:
                    return self._report
        return None

    def _report_year(self, lo: int, hi: int, published: date | None) -> Period | None:
        """A bare year right after a report word in the lead: "Survei APJII 2018", "Global Digital 2018 report"
        names the report's year even without a date word before it."""
        text = self.article.text
        for word in self.pats.report.finditer(text, lo, hi):
            year = _YEAR_AFTER.match(text, word.end(), min(hi, word.end() + REPORT_YEAR_REACH))
            if year and (published is None or int(year[1]) <= published.year):
                return year_period(int(year[1]))
        return None

    def _read_sentence(self, sentence: Sentence, cands: list[_Candidate],
                       phrases: _Positioned[DatePhrase]) -> _SentenceScope:
        """A sentence's date phrases, comparison markers and which figures are compared values, read once for
        all its figures (so that a flattened table of a thousand figures and dates costs its length)."""
        found = self._sentences.get(sentence.start)
        if found is not None:
            return found
        text = self.article.text
        markers = [m.span() for m in self.pats.comparison.finditer(text, sentence.start, sentence.end)]
        marker_ends = [end for _, end in markers]
        own_markers: list[tuple[int, int] | None] = []
        for i, cand in enumerate(cands):
            lo = cands[i - 1].end if i else sentence.start
            j = bisect_right(marker_ends, cand.start) - 1  # the last marker that ends before the figure
            own_markers.append(markers[j] if j >= 0 and markers[j][0] >= lo else None)
        in_sentence = phrases.between(sentence.start, sentence.end)
        starts = [cand.start for cand in cands]
        owners = [bisect_left(starts, p.start) - 1 for p in in_sentence]  # the figure before each phrase, or -1
        own = [owner < 0 or own_markers[owner] is None for owner in owners]  # not a compared value's phrase
        last_own_before: list[int] = []  # index of the nearest phrase at or before i that is not a compared one
        for i, ok in enumerate(own):
            last_own_before.append(i if ok else (last_own_before[-1] if i else -1))
        first_own_after = [len(own)] * len(own)
        for i in range(len(own) - 1, -1, -1):
            first_own_after[i] = i if own[i] else (first_own_after[i + 1] if i + 1 < len(own) else len(own))
        compared_phrase = self.pats.compared.search(text, sentence.start, sentence.end) if markers else None
        found = self._sentences[sentence.start] = _SentenceScope(
            in_sentence, [p.start for p in in_sentence], owners, last_own_before, first_own_after,
            [start for start, _ in markers], own_markers, compared_phrase)
        return found

    def period(self, phrases: _Positioned[DatePhrase], sentence: Sentence, cands: list[_Candidate], index: int,
               paragraph_start: int) -> tuple[Period | None, str]:
        """The period the ``index``-th figure of a sentence describes, and where it was read: sentence,
        comparison, paragraph, report or article.

        A phrase belongs to the nearest figure before it; one that belongs to a compared value ("from US$108.8
        million for the first quarter of 2017") dates that value only, wherever the other figures stand.
        """
        cand = cands[index]
        scope = self._read_sentence(sentence, cands, phrases)
        found, at = scope.phrases, scope.phrase_starts
        own_marker = scope.own_markers[index]
        if own_marker is not None:  # a compared value: the phrase after its marker, its own if it has one
            after = bisect_left(at, own_marker[1])
            mine = bisect_left(at, max(own_marker[1], cand.start))  # the first phrase after the figure itself
            if mine < len(found) and scope.owners[mine] == index:
                return found[mine].period, "sentence"
            if after < len(found):
                return found[after].period, "sentence"
            main = scope.last_own_before[bisect_left(at, own_marker[0]) - 1] if bisect_left(at, own_marker[0]) else -1
            base = found[main].period if main >= 0 else self._beyond_sentence(phrases, sentence, paragraph_start)[0]
            if base is not None and scope.compared_phrase is not None:
                shift = self.compared_by_phrase.get(WHITESPACE.sub(" ", scope.compared_phrase.group().lower()))
                if shift is not None:
                    return shift_period(base, shift.unit, shift.offset), "comparison"
            return self._beyond_sentence(phrases, sentence, paragraph_start)
        # the nearest phrase of its own on either side; on the right, none past a comparison marker
        split = bisect_left(at, cand.end)
        left = scope.last_own_before[split - 1] if split else -1
        right = scope.first_own_after[split] if split < len(found) else len(found)
        next_marker = bisect_left(scope.marker_starts, cand.end)
        if right < len(found) and next_marker < len(scope.marker_starts) and \
                scope.marker_starts[next_marker] < found[right].start:
            right = len(found)
        options = [found[i] for i in (left, right) if 0 <= i < len(found)]
        if options:
            phrase = min(options, key=lambda p: min(abs(p.start - cand.end), abs(cand.start - p.end)))
            return phrase.period, "sentence"
        return self._beyond_sentence(phrases, sentence, paragraph_start)

    def _after_comparison(self, phrase: DatePhrase) -> bool:
        """Whether a comparison marker stands shortly before a phrase in its sentence ("... dibandingkan
        kuartal II 2019"): such a phrase dates a compared value, and no later sentence inherits it."""
        text = self.article.text
        lo = max(0, phrase.start - COMPARED_PHRASE_WINDOW)
        stop = max(text.rfind(". ", lo, phrase.start), text.rfind("\n", lo, phrase.start))
        return bool(self.pats.comparison.search(text, max(lo, stop + 1), phrase.start))

    def _beyond_sentence(self, phrases: _Positioned[DatePhrase], sentence: Sentence,
                         paragraph_start: int) -> tuple[Period | None, str]:
        earlier = phrases.between(paragraph_start, sentence.start)
        for phrase in reversed(earlier):  # the latest that dates a main value, not a compared one
            if not self._after_comparison(phrase):
                return phrase.period, "paragraph"
        report = self.report_period()
        if report is not None:
            return report, "report"
        if self.article.dateline is None:
            return None, ""
        return self.article.dateline.period, "article"


def _other_unit(text: str, cand: _Candidate, lang: Language, pats: FigurePatterns) -> str:
    if cand.currency:
        return cand.currency
    if cand.percent:
        return cand.measure or "percent"
    if cand.measure:
        return cand.measure
    match = pats.next_word.match(text, cand.end)
    if match and match.group(1).lower() not in lang.stopwords and not pats.rate.match(text, match.start(1)):
        return match.group(1).lower()
    return ""


def _main_subject(article: Article, entities: Entities) -> str:
    """The subject the article is about, for figures whose sentence names none: the one its title and lead
    name most, else the one the whole text names most."""
    text = article.text
    lead = [*article.layout.header, *article.layout.body[:2]]
    for spans in (lead, [(0, len(text))]):
        counts: dict[str, int] = {}
        for start, end in spans:
            for match in entities.subject_pattern.finditer(text, start, end):
                name = entity_name(entities, "subject", match.group())
                counts[name] = counts.get(name, 0) + 1
        if counts:
            return max(counts, key=lambda n: counts[n])
    return ""


def _paragraph_candidates(text: str, start: int, end: int, word_starts: list[int], verbs: list[_Candidate],
                          lang: Language, pats: FigurePatterns) -> list[_Candidate]:
    """The candidates of one paragraph, in order: numerals found by the digit scan (a figure never spans two
    paragraphs), and number words where the word scan found them."""
    matches = list(pats.figure_numeric.finditer(text, start, end))
    if word_starts:
        numeric = _Spans([m.span() for m in matches])
        for at in word_starts:
            match = pats.figure.match(text, at, end)
            if match and not numeric.overlaps(at, at + 1):
                matches.append(match)
        matches.sort(key=lambda m: m.start())
    cands = [cand for cand in (_candidate(match, text, lang, pats) for match in matches) if cand is not None]
    if not verbs and not any(cand.measure for cand in cands):
        return cands  # only a measured candidate ("8 jam 8 menit") or a verb can hold another
    kept: list[_Candidate] = []
    for cand in sorted(cands + verbs):
        if kept and cand.start < kept[-1].end:
            continue  # "8 menit" of "8 jam 8 menit": inside a candidate already read
        kept.append(cand)
    return kept


def _by_sentence(cands: list[_Candidate], sentences: list[Sentence]) -> Iterator[tuple[int, list[_Candidate]]]:
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


def find_figures(article: Article) -> list[Figure]:
    """Every figure of an article, in text order, each once."""
    text = article.text
    lang = load_language(article.language)
    pats = figure_patterns(article.language)
    entities = load_entities()
    published = article.published
    absolute = _Positioned([(p.start, p) for p in article.date_phrases])  # looked up per body paragraph only
    # number words, relative dates and speech verbs are found in lower-cased text: the case-sensitive scans are
    # about twice as fast; a text whose length lower() changes (offsets would shift) is scanned as it is
    lowered: str | None = text.lower()
    if len(lowered) != len(text):
        lowered = None
    words = pats.number_word_lower.finditer(lowered) if lowered is not None else pats.number_word.finditer(text)
    word_starts = _Positioned([(m.start(), m.start()) for m in words])
    verbs = _multiple_verbs(text, lang, pats)
    speakers = _Speakers(article, pats, lowered)
    scope = _TimeScope(article, pats, lang)
    main_subject: str | None = None  # the subject the article names most, counted only if a figure needs it

    figures: list[Figure] = []
    for paragraph, (paragraph_start, paragraph_end) in enumerate(article.layout.figure_lines):
        cands = _paragraph_candidates(text, paragraph_start, paragraph_end,
                                      word_starts.between(paragraph_start, paragraph_end),
                                      verbs.between(paragraph_start, paragraph_end), lang, pats)
        dates = absolute.between(paragraph_start, paragraph_end)
        if cands and dates:  # "19" of "19 Des 2019" is part of a date, not a figure
            in_dates = _Spans([(p.start, p.end) for p in dates])
            cands = [c for c in cands if not in_dates.overlaps(c.start, c.end)]
        if not cands:
            continue
        phrases: _Positioned[DatePhrase] | None = None
        sentences = article.layout.sentences_of(paragraph)
        for sentence_index, sentence_cands in _by_sentence(cands, sentences):
            sentence = sentences[sentence_index]
            if pats.hypothetical.match(text, sentence.start, sentence.end):
                continue
            sentence_cands = _merge_ranges(sentence_cands, text, pats)
            cues = _SentenceCues(text, sentence)
            quote = ""  # the sentence as quoted, its subjects and regions: read once a figure of it is kept
            subjects = regions = _EntityMatches([])
            for index, cand in enumerate(sentence_cands):
                clause = (sentence_cands[index - 1].end if index else sentence.start,
                          sentence_cands[index + 1].start if index + 1 < len(sentence_cands) else sentence.end)
                if _per_item(text, cand, clause, pats) or _not_a_fact(text, cand, sentence, lang, pats):
                    continue
                if cand.measure == "minutes" and not _time_spent(text, cand, clause, pats):
                    continue  # "dalam 15 menit", "selama 2 jam": how long something took, not time spent
                cue_clause = _cue_clause(text, cand, clause, pats)
                claim = _classify(text, cand, cue_clause, cues)
                if claim is None and cand.bare:
                    continue
                # a bare number needs its noun ("150 negara") or a cue and an amount word ("mencapai") before it
                cue_before = claim is not None and claim.start < cand.start
                word_before = _word_before(text, cand, sentence.start, pats)
                if cand.bare and not (claim.by_noun or (cue_before and word_before)):
                    continue
                if not quote:
                    quote = WHITESPACE.sub(" ", text[sentence.start:sentence.end]).strip()
                    subjects = _EntityMatches(list(entities.subject_pattern.finditer(text, sentence.start,
                                                                                      sentence.end)))
                    # "dolar AS" names a currency, not the United States: no region inside a figure
                    in_figures = _Spans([(c.start, c.end) for c in sentence_cands])
                    regions = _EntityMatches([m for m in entities.region_pattern.finditer(text, sentence.start,
                                                                                          sentence.end)
                                              if not in_figures.overlaps(m.start(), m.end())])
                raw = text[cand.start:cand.end]
                metric = claim.metric if claim else _only_metric_of(cand.kind)
                if phrases is None:
                    # relative dates ("tahun lalu") matter only in paragraphs that hold a figure
                    relative = find_relative_phrases(text, article.language, published, paragraph_start,
                                                     paragraph_end, lowered)
                    phrases = _Positioned([(p.start, p) for p in merge_phrases(dates, relative)])
                period, source = scope.period(phrases, sentence, sentence_cands, index, paragraph_start)
                if period is not None and published is not None and period.first > published:
                    continue  # "US$363 billion by 2025" in a 2021 article: a forecast
                subject = subjects.nearest(cand, "subject", prefer_before=True)
                if not subject:
                    if main_subject is None:
                        main_subject = _main_subject(article, entities)
                    subject = main_subject
                clause_regions = regions.within(*clause)  # the clause's regions, else the sentence's first
                if not clause_regions.matches:
                    clause_regions = _EntityMatches(regions.matches[:1])
                figures.append(Figure(
                    article=article.name,
                    metric=metric.id if metric else "other",
                    label=metric.label_en if metric else "Other",
                    label_id=metric.label_id if metric else "Lainnya",
                    value=cand.value,
                    value_max=cand.value_max,
                    unit=(cand.currency or (cand.measure if cand.percent else "") or metric.unit) if metric
                    else _other_unit(text, cand, lang, pats),
                    per=_rate(text, cand, clause, cue_clause, claim, pats) or (metric.per if metric else ""),
                    date=period.as_of(published) if period else None,
                    date_grain=period.grain if period else "",
                    period=period.label if period else "",
                    period_start=period.first if period else None,
                    period_end=period.last if period else None,
                    date_source=source,
                    qualifier=_qualifier(word_before, cand),
                    subject=subject,
                    region=clause_regions.nearest(cand, "region", prefer_before=False),
                    raw=raw,
                    quote=quote,
                    start=cand.start,
                    end=cand.end,
                    speaker=speakers.for_figure(paragraph, sentence_index, cand),
                    published=published,
                    language=article.language,
                    title=article.title,
                    outlet=article.outlet,
                    mention_spans=f"{cand.start}-{cand.end}",
                ))
    headlines = _Spans(article.layout.header)
    in_body: list[Figure] = []
    in_headline: list[Figure] = []
    for figure in figures:
        (in_headline if headlines.overlaps(figure.start, figure.end) else in_body).append(figure)
    return merge_mentions(in_body, in_headline)


def fact_key(figure: Figure) -> tuple[object, ...]:
    """What makes two mentions one fact: subject, metric, rate, period and value as written (a different
    rounding, "196 juta" and "196,7 juta", is a different fact), and the unit."""
    return (figure.subject, figure.metric, figure.per, figure.period, figure.date, figure.value, figure.value_max,
            figure.unit)


OWN_DATE_SOURCES = ("sentence", "comparison")  # a figure dated by its own sentence; the others inherit a date


def _merge_weakly_dated(groups: dict[tuple[object, ...], list[Figure]]) -> None:
    """The same value of the same subject and metric, stated once with its own date phrase and again where the
    date is only inherited ("kini Gojek menaungi 3,1 juta mitra", later a quote "Gojek kami menaungi 3,1 juta
    pengemudi" under an earlier paragraph's year): one fact, dated by the mention that names its date. With
    no such mention, or two that name different dates, nothing is merged (they may be different facts)."""
    by_value: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for key, mentions in groups.items():
        first = mentions[0]
        by_value.setdefault((first.subject, first.metric, first.per, first.value, first.value_max, first.unit),
                            []).append(key)
    for keys in by_value.values():
        if len(keys) < 2:
            continue
        own = [key for key in keys if groups[key][0].date_source in OWN_DATE_SOURCES]
        weak = [key for key in keys if groups[key][0].date_source not in OWN_DATE_SOURCES]
        if len(own) > 1 or not weak:
            continue
        into = own[0] if own else weak.pop(0)
        for key in weak:
            groups[into].extend(groups.pop(key))
        groups[into].sort(key=lambda m: (m.date_source not in OWN_DATE_SOURCES, m.start))  # the dated one leads


def merge_mentions(figures: list[Figure], in_headline: list[Figure] = ()) -> list[Figure]:
    """One row per fact: a fact stated in the lead, again in a quote and in a repeated paragraph is one row
    that keeps its first mention's text and offsets, counts its mentions, and lists where each one stands.
    Its qualifier comes from the first mention that has one.

    A headline restates a body figure with less context ("Tembus 20 Juta" over "pengguna aktif bulanan ...
    mencapai 20 juta pada Februari 2021"), so a headline figure with the value and unit of a body fact is one
    more mention of that fact; only a figure the body does not state is a fact of its own.
    """
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(fact_key(figure), []).append(figure)
    _merge_weakly_dated(groups)
    by_value = {}
    for key, mentions in groups.items():
        by_value.setdefault((mentions[0].value, mentions[0].value_max, mentions[0].unit), key)
    for figure in in_headline:
        body_fact = by_value.get((figure.value, figure.value_max, figure.unit))
        groups.setdefault(body_fact if body_fact is not None else fact_key(figure), []).append(figure)
    facts = []
    for mentions in groups.values():
        first = mentions[0]
        if len(mentions) == 1:
            facts.append(first)  # made with its own span as mention_spans
            continue
        qualifier = next((m.qualifier for m in mentions if m.qualifier), "")
        later_quotes = list(dict.fromkeys(m.quote for m in mentions[1:] if m.quote != first.quote))
        facts.append(replace(first, qualifier=qualifier, mentions=len(mentions),
                             mention_spans=";".join(f"{m.start}-{m.end}" for m in mentions),
                             other_quotes="\n".join(later_quotes)))
    return facts
