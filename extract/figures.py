"""Finding the figures of an article: which candidates are facts, of what metric, unit, rate, subject and date.

The stages, one module each, all driven by the language and metric files:

1. Candidates (``extract.candidates``): numerals and number words with their scale word, currency and percent
   sign, less what is plainly no figure (years, durations, identifiers, codes, phone numbers, vague plurals).
2. Facts or not (here, ``_not_a_fact`` and friends): hypothetical sentences, amounts per item, single-item
   prices, forecasts, policy parameters, times that are no time spent.
3. Classification (here): each candidate's clause is the text between its neighbours within its sentence. A
   metric noun right after the number ("150 negara") or the longest metric cue in the clause ("pengguna aktif
   bulanan") names the metric; failing that, the cue nearest in the sentence. The rate, the qualifier, the
   subject and the region are read the same way; the speaker by ``extract.speakers``.
4. Time scope (``extract.scope``): the period the figure describes and which rule gave it.
5. Facts (``extract.facts``): the mentions of one fact merge into one row.

A bare number (no scale word, currency or percent) is a figure only when a metric claims it; a clearly marked
one that no metric claims is kept as ``other``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from functools import cache
from typing import NamedTuple

from extract.article import Article
from extract.candidates import Candidate, Positioned, Spans, by_sentence, merge_ranges, multiple_verbs, paragraph_candidates
from extract.dates import DatePhrase, Period, find_relative_phrases, merge_phrases
from extract.facts import Figure, merge_mentions
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
from extract.numbers import written_precision
from extract.patterns import FigurePatterns, figure_patterns, metric_matchers
from extract.scope import TimeScope
from extract.speakers import Speakers
from extract.tables import TableValue, find_table_values
from extract.text import Sentence

DIRECT_NOUN_BONUS = 10
# A wire or news dateline opening a lead: the city in capitals, an outlet, then a dash ("JAKARTA -", "JAKARTA,
# KOMPAS.com -", "SINGAPORE (BLOOMBERG) —"). Where a story was filed says nothing of where a figure counts.
_FILED_FROM = re.compile(r"(?-i:[A-Z][A-Z .]{2,30})(?:\s*\([^)]{1,30}\))?(?:\s*,\s*[\w. ]{2,30})?\s*[-–—:]\s")


def _per_item(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
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
DEFINITION_REACH = 200  # characters before a figure in which a definition word governs it (bounded: linear cost)
PRICE_REACH = 40  # characters before an amount in which a price word makes it one item's price


# between an amount and its conversion: "IDR 1m (£50)", "IDR 1 million, or roughly USD $75", "atau setara"
_CONVERSION_OPENS = re.compile(r"\s*(?:\(|,?\s*(?:or|atau)(?:\s+(?:roughly|about|around|some|sekitar|setara|kira-kira))?)"
                               r"\s*(?:[A-Z]{3}\s*)?", re.I)  # "USD $75": a code before the symbol


def _not_a_fact(text: str, cand: Candidate, sentence: Sentence, lang: Language, pats: FigurePatterns,
                following: Candidate | None = None) -> str:
    """Why a figure candidate is no fact for a timeline, or "" when it is one. Each reason is a named rule, with
    its words in the language file (``forecast_words``, ``parameter_words``, ``single_item_below``).
    ``following`` is the next figure of the sentence: when it converts this one in brackets and is one item's
    price, so is this ("IDR 1m (£50) Android phones")."""
    if cand.currency and abs(cand.value) < lang.single_item_below(cand.currency):
        return "single-item price"  # "Rp 15.000", "US$77.43", "Rp316 – Rp346"
    if cand.currency and following is not None and following.currency not in ("", cand.currency) and \
            abs(following.value) < lang.single_item_below(following.currency) and \
            _CONVERSION_OPENS.fullmatch(text, cand.end, following.start):
        return "single-item price"
    window = max(sentence.start, cand.start - FORECAST_WINDOW)
    if pats.forecast.search(text, window, cand.start) or pats.forecast_after.match(text, cand.end, sentence.end):
        return "forecast"  # "expects to reach 50 million", "63 million people will open Facebook"
    if cand.percent and pats.parameter.search(text, window, cand.start):
        return "parameter"  # "komisi 20 persen", "shares fell 14%"
    if cand.currency and pats.price_before.search(text, max(sentence.start, cand.start - PRICE_REACH), cand.start):
        return "single-item price"  # "harganya sebesar Rp 2 juta", "a phone priced at $300"
    definition = pats.definition.search(text, max(sentence.start, cand.start - DEFINITION_REACH), cand.start)
    if definition and not pats.clause_word.search(text, definition.end(), cand.start):
        return "definition"  # "Sebutan unicorn dipakai untuk startup dengan nilai di atas USD 1 miliar"
    if cand.kind == "multiple" and pats.size_comparison.match(text, cand.end):
        return "size comparison"  # "an area 4 times the size of London", "luasnya 3 kali lipat Singapura"
    return ""


PAST_PHRASE_REACH = 16  # characters after a figure in which its own date phrase stands ("$5.5 billion in 2015")


COMPARED_MARKER_REACH = 24  # characters before a figure in which "from" makes it a compared (starting) value


def _dated_past(phrases: Positioned[DatePhrase], cand: Candidate, published: date | None, sentence: Sentence,
                text: str, pats: FigurePatterns) -> bool:
    """Whether a figure in a forecast's sentence names its own period, ended before the article's date, right
    after it: "will climb from $5.5 billion in 2015 to $88 billion in 2025" states 2015 as a fact, "$21 billion
    last year" too. A current period ("this year") does not count: guidance is given for it. Without the
    article's date, a starting value ("from $5.5 billion in 2015 to $88 billion in 2025") whose forecast runs on
    to a later period is past (the sentence's next phrase is looked at)."""
    own = phrases.between(cand.end, cand.end + PAST_PHRASE_REACH)
    if not own:
        return False
    if published is not None:
        return own[0].period.last < published
    if not pats.comparison.search(text, max(sentence.start, cand.start - COMPARED_MARKER_REACH), cand.end):
        return False
    following = bisect_left(phrases.positions, own[0].end)  # the sentence's next phrase only: constant cost
    return following < len(phrases.items) and phrases.positions[following] < sentence.end and \
        phrases.items[following].period.first > own[0].period.last


@cache
def _broader_metrics() -> dict[str, str]:
    """Metric id -> the broader metric it narrows, from ``metrics.toml``."""
    return {metric.id: metric.broader for metric in load_metrics() if metric.broader}


@cache
def _metrics_by_id() -> dict[str, Metric]:
    return {metric.id: metric for metric in load_metrics()}


@cache
def _only_metric_of(kind: str) -> Metric | None:
    """The metric of a kind that has one only ("doubled" is a growth multiple whatever its clause says)."""
    metrics = [m for m in load_metrics() if m.kind == kind]
    return metrics[0] if len(metrics) == 1 else None


def _time_spent(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
    """A time is time spent when a rate follows it in its clause ("8 jam 8 menit setiap hari", "3 hours a day")
    or a time-spent cue stands before it ("durasi rata-rata ... 462 menit", "time spent ... 90 minutes")."""
    after = pats.rate.search(text, cand.end, min(clause[1], cand.end + 30))
    return bool(after or pats.time_spent_cue.search(text, max(clause[0], cand.start - 80), cand.start))


def _word_before(text: str, cand: Candidate, sentence_start: int, pats: FigurePatterns) -> str:
    """The qualifier or amount word right before a figure ("lebih dari", "sekitar", "mencapai"), or ""."""
    match = pats.qualifier.search(text, max(sentence_start, cand.start - 40), cand.start)
    return match.lastgroup if match else ""


def _qualifier(word_before: str, cand: Candidate) -> str:
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


def _cue_clause(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> tuple[int, int]:
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

    def nearest(self, kind: str, cand: Candidate) -> re.Match[str] | None:
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


def _classify(text: str, cand: Candidate, clause: tuple[int, int], cues: _SentenceCues) -> _Claim | None:
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


def _rate(text: str, cand: Candidate, clause: tuple[int, int], cue_clause: tuple[int, int], cue: _Claim | None,
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

    def nearest(self, cand: Candidate, kind: str, prefer_before: bool) -> str:
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


def _other_unit(text: str, cand: Candidate, lang: Language, pats: FigurePatterns) -> str:
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
    lead = [*article.layout.header, *article.lead]
    for spans in (lead, [(0, len(text))]):
        counts: dict[str, int] = {}
        for start, end in spans:
            for match in entities.subject_pattern.finditer(text, start, end):
                name = entity_name(entities, "subject", match.group())
                counts[name] = counts.get(name, 0) + 1
        if counts:
            return max(counts, key=lambda n: counts[n])
    return ""


WORLD_POPULATION = 8.3e9  # no count of people exceeds it
PEOPLE_UNITS = frozenset({"users", "people", "subscribers", "donors", "drivers", "borrowers", "lenders"})


def _group_mark_as_decimal(cand: Candidate, raw: str, lang: Language) -> Candidate:
    """"1.968 miliar pengguna" read with the group mark is 1,968 billion people, more than live on Earth: the
    writer meant a decimal point (1,968 miliar). A count of people above the world's population whose numeral has
    one group of three digits before its scale word is read so; anything else is left as written."""
    mark = re.escape(lang.group_mark)
    grouped = re.search(rf"(?<![\d{mark}])\d{{1,3}}{mark}\d{{3}}(?![\d])", raw)
    if grouped is None or not cand.scaled:
        return cand
    return cand._replace(value=cand.value / 1000)


def _label_metric(label: str, kind: str) -> Metric | None:
    """The metric a table's row label names ("On-Demand GMV", "MTUs (millions of users)"): its longest cue."""
    matchers = metric_matchers()[kind]
    found = [m for pattern in (matchers.nouns, matchers.cues) if pattern is not None for m in pattern.finditer(label)]
    best = max(found, key=lambda m: len(m.group()), default=None)
    return matchers.metric_of_group[best.lastgroup] if best is not None else None


def _table_figure(value: TableValue, article: Article, fallback: Period | None, subject: str,
                  article_id: str) -> Figure:
    """A figure from a table's cell: its metric from the row label (a change column's is growth or decline,
    unsigned), its period from the column heading, else the report's or the article's."""
    if value.column.change:
        metric = _metrics_by_id().get("growth" if value.value >= 0 else "decline")
        number = abs(value.value)
    else:
        metric = _label_metric(value.label, "percent" if value.percent else "money" if value.currency else "count")
        number = value.value
    period = value.period or fallback
    raw = article.text[value.start:value.end]
    unit = (value.currency or ("percent" if value.percent else "")) or (metric.unit if metric else "")
    return Figure(
        article=article.name, metric=metric.id if metric else "other", label=metric.label_en if metric else "Other",
        label_id=metric.label_id if metric else "Lainnya", value=number, value_max=None, unit=unit,
        per=metric.per if metric and not value.percent else "", date=period.as_of(article.published) if period else None,
        date_grain=period.grain if period else "", period=period.label if period else "",
        period_start=period.first if period else None, period_end=period.last if period else None,
        date_source="table" if value.period else ("report" if period else ""), qualifier="", subject=subject,
        region="", raw=raw, quote=value.row, start=value.start, end=value.end, speaker="",
        published=article.published, language=article.language, title=article.title, outlet=article.outlet,
        mention_spans=f"{value.start}-{value.end}", precision=written_precision(number, value.multiplier),
        article_id=article_id)


def find_figures(article: Article) -> list[Figure]:
    """Every figure of an article, in text order, each once."""
    text = article.text
    lang = load_language(article.language)
    pats = figure_patterns(article.language)
    entities = load_entities()
    published = article.published
    article_id = article.article_id
    absolute = Positioned([(p.start, p) for p in article.date_phrases])  # looked up per body paragraph only
    # number words, relative dates and speech verbs are found in lower-cased text: the case-sensitive scans are
    # about twice as fast; a text whose length lower() changes (offsets would shift) is scanned as it is
    lowered: str | None = text.lower()
    if len(lowered) != len(text):
        lowered = None
    words = pats.number_word_lower.finditer(lowered) if lowered is not None else pats.number_word.finditer(text)
    word_starts = Positioned([(m.start(), m.start()) for m in words])
    verbs = multiple_verbs(text, lang, pats)
    speakers = Speakers(article, pats, lowered)
    scope = TimeScope(article, pats, lang)
    main_subject: str | None = None  # the subject the article names most, counted only if a figure needs it

    figures: list[Figure] = []
    # a flattened table's numbers are read as its cells (extract.tables), not as words of a sentence
    table_spans, table_values = find_table_values(text, article.language) if "|" in text else ([], [])
    in_tables = Spans(table_spans)
    for paragraph, (paragraph_start, paragraph_end) in enumerate(article.layout.figure_lines):
        cands = paragraph_candidates(text, paragraph_start, paragraph_end,
                                      word_starts.between(paragraph_start, paragraph_end),
                                      verbs.between(paragraph_start, paragraph_end), lang, pats)
        if table_spans:
            cands = [c for c in cands if not in_tables.overlaps(c.start, c.end)]
        dates = absolute.between(paragraph_start, paragraph_end)
        if cands and dates:  # "19" of "19 Des 2019" is part of a date, not a figure
            in_dates = Spans([(p.start, p.end) for p in dates])
            cands = [c for c in cands if not in_dates.overlaps(c.start, c.end)]
        if not cands:
            continue
        phrases: Positioned[DatePhrase] | None = None
        sentences = article.layout.sentences_of(paragraph)
        for sentence_index, sentence_cands in by_sentence(cands, sentences):
            sentence = sentences[sentence_index]
            if pats.hypothetical.match(text, sentence.start, sentence.end):
                continue
            sentence_cands = merge_ranges(sentence_cands, text, pats)
            cues = _SentenceCues(text, sentence)
            quote = ""  # the sentence as quoted, its subjects and regions: read once a figure of it is kept
            subjects = regions = _EntityMatches([])
            for index, cand in enumerate(sentence_cands):
                clause = (sentence_cands[index - 1].end if index else sentence.start,
                          sentence_cands[index + 1].start if index + 1 < len(sentence_cands) else sentence.end)
                if _per_item(text, cand, clause, pats):
                    continue
                rejected = _not_a_fact(text, cand, sentence, lang, pats,
                                       sentence_cands[index + 1] if index + 1 < len(sentence_cands) else None)
                if rejected and rejected != "forecast":
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
                    # "dolar AS" names a currency, not the United States: no region inside a figure; and the
                    # city a wire story was filed from ("JAKARTA -", "JAKARTA, KOMPAS.com -") is no region either
                    in_figures = Spans([(c.start, c.end) for c in sentence_cands])
                    filed = _FILED_FROM.match(text, sentence.start, sentence.end) if sentence.start == paragraph_start \
                        else None
                    region_from = filed.end() if filed else sentence.start
                    regions = _EntityMatches([m for m in entities.region_pattern.finditer(text, region_from,
                                                                                          sentence.end)
                                              if not in_figures.overlaps(m.start(), m.end())])
                raw = text[cand.start:cand.end]
                metric = claim.metric if claim else _only_metric_of(cand.kind)
                if metric is not None and metric.unit in PEOPLE_UNITS and abs(cand.value) > WORLD_POPULATION:
                    cand = _group_mark_as_decimal(cand, raw, lang)
                if phrases is None:
                    # relative dates ("tahun lalu") matter only in paragraphs that hold a figure
                    relative = find_relative_phrases(text, article.language, published, paragraph_start,
                                                     paragraph_end, lowered)
                    phrases = Positioned([(p.start, p) for p in merge_phrases(dates, relative)])
                if rejected and not _dated_past(phrases, cand, published, sentence, text, pats):
                    continue  # a forecast, unless it names its own past period (see _dated_past)
                period, source = scope.period(phrases, sentence, sentence_cands, index, paragraph_start)
                if period is not None and published is not None and period.first > published:
                    continue  # "US$363 billion by 2025" in a 2021 article: a forecast
                subject = subjects.nearest(cand, "subject", prefer_before=True)
                if not subject:
                    if main_subject is None:
                        main_subject = _main_subject(article, entities)
                    subject = main_subject
                # the regions between its clause breaks ("di Amerika Serikat mencapai 15 persen, Singapura delapan
                # persen": each item's own), else its clause's, else the sentence's first
                clause_regions = regions.within(*cue_clause)
                if not clause_regions.matches:
                    clause_regions = regions.within(*clause)
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
                    precision=written_precision(cand.value, cand.multiplier),
                    article_id=article_id,
                ))
    if table_values:
        fallback = scope.report_period() or (article.dateline.period if article.dateline else None)
        subject = _main_subject(article, entities) if main_subject is None else main_subject
        figures.extend(_table_figure(value, article, fallback, subject, article_id) for value in table_values)
        figures.sort(key=lambda figure: figure.start)
    headlines = Spans(article.layout.header)
    in_body: list[Figure] = []
    in_headline: list[Figure] = []
    for figure in figures:
        (in_headline if headlines.overlaps(figure.start, figure.end) else in_body).append(figure)
    return merge_mentions(in_body, in_headline, _broader_metrics())


