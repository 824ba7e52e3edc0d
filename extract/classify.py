"""Classification: what each figure measures, whose it is and where, read from its clause like an analyst reads it.

A figure's series is its **metric** (the quantity counted or valued), its **measure** (what is stated about the
metric: a level, a growth or decline with its basis, a share, a multiple, a change in points, a penetration), the
**part** a share or a breakdown item picks out of its total, its **subject** and its **region**. The rules, tried
in this order (``extract/corpus/classify.toml`` has examples of each, and what must not happen):

1. **The figure's own words.** A metric noun right after it ("150 negara", "44 persen pengguna") or the longest
   metric cue in its clause ("pengguna aktif bulanan ... 10 juta"). A percentage cue may state a measure of
   another metric ("penetrasi internet 80,66%" is the penetration of internet users).
2. **A change names what changed.** A change word right before the figure ("naik 20 persen", "rose 33.7%",
   "bertambah 25,5 juta pengguna") or after it ("20 persen lebih tinggi", "a 20% increase") makes it a growth or
   a decline of the quantity its clause names ("GAAP revenue at Shopee rose 33.7%": revenue). "naik menjadi 10
   juta" and "rose to $3.8 billion" name levels. The basis is the compared phrase near it ("year-on-year",
   "dibandingkan periode yang sama tahun lalu", "qoq"), or "since" a start ("sejak Januari 2017").
3. **A percentage is a share** of the quantity its clause names ("94,9 persen pengguna internet ... lewat
   ponsel"), or a penetration when its clause says "of the population"; with no quantity of its own, of what the
   figure before it measured.
4. **Inheritance.** A compared value ("slid 18 percent to $5 billion from $6 billion last year") and each item of
   a list after its lead ("di Amerika Serikat mencapai 15 persen, Singapura delapan persen") take the metric and
   measure of the figure before them in the sentence; a figure whose words point back ("nilainya", "angka
   tersebut", "the figure") takes that of the previous sentence's figure; a sentence that names no quantity at
   all continues its paragraph's list ("Sumatra Island follows with 22.1 percent").
5. **An open metric or the clause's subject.** A count whose noun no metric knows keeps that noun as its metric
   ("2 juta pelari maraton" is counted in "pelari maraton"); a figure after a linking verb ("reached", "was",
   "mencapai") measures the noun phrase before the verb, short of a place or time adjunct ("Parcel volume in
   Southeast Asia reached 1.69 billion": parcels; "Freight tonnage was 12.5 million": an open metric), unless
   its head is too general ("the total was").
6. **The sentence, then the paragraph.** Failing all that, the metric cue nearest in the sentence; else, for a
   level in a sentence that names no quantity, the quantity its paragraph's previous sentence or a level up to
   ``RUNNING_PARAGRAPHS`` paragraphs back named ("Next came X with 3.6 million", a list of lines under its lead);
   else none (``other``).

A population statistic the article has named ("pengguna internet") narrows a later bare broader metric
("jumlah pengguna mencapai 86,3 juta") when the sentence names no company before the figure.

The part is an age band, a gender, a device, a channel, an urban or rural area (``parts.toml``), a segment named
in a heading above the figure or beside a segment word, or a region: a region that lies ``within`` a country
(Java, Jakarta) is a part of that country's total, and so is a country that a share picks out. The subject is the
entity named nearest before the figure in its sentence, else the article's main one; a statistic of a population
or a market (internet users, population) belongs to the body that reports it (APJII, BPS), never to a company.

Classification is a pure function of the article's text: no I/O, and each sentence is read once (its cues and
entities are found in one scan each, and every figure's look-up is a binary search).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import NamedTuple

from extract.article import Article
from extract.candidates import Candidate, Spans
from extract.lexicon import WHITESPACE, Language
from extract.patterns import FigurePatterns, MeasurePatterns, figure_patterns, measure_patterns, metric_matchers
from extract.subjects import main_subject
from extract.text import Sentence
from extract.vocabulary import Metric, entity_name, load_entities, load_metrics

DIRECT_NOUN_BONUS = 10
CHANGE_REACH = 60  # characters before a figure in which a change word with only fillers between governs it
COMPARED_MARKER_REACH = 30  # characters before a figure in which a comparison marker makes it a compared value
HEADING_WORDS = 6  # a line of at most this many words, without a full stop, is a heading ("Digital Entertainment")
SUBJECT_REACH = 80  # characters before a linking verb in which the clause's subject phrase is read
RUNNING_PARAGRAPHS = 2  # a level that names nothing continues the quantity named this many paragraphs back at most
OPEN_NOUN_WORDS = 2  # an open metric is at most this many words written right after the number
# A wire or news dateline opening a lead: the city in capitals, an outlet, then a dash ("JAKARTA -", "JAKARTA,
# KOMPAS.com -", "SINGAPORE (BLOOMBERG) —"). Where a story was filed says nothing of where a figure counts.
# "JAKARTA -", "Jakarta, KOMPAS.com -", "SURABAYA (ANTARA) -": one to three capitalised words opening a paragraph
_FILED_FROM = re.compile(r"(?-i:[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})(?:\s*\([^)]{1,30}\))?"
                         r"(?:\s*,\s*[\w. ]{2,30})?\s*[-–—:]\s")
_OPEN_WORD = re.compile(r"[ \t]+([^\W\d_][\w\-]{2,})")
_PHRASE_WORD = re.compile(r"[\w][\w\-'’]*")
_RUNNING_MEASURES = {"share": "share", "penetration": "share", "growth": "change", "decline": "change"}
_CHANGE_KINDS = ("count", "money")  # the quantities a percentage, a multiple or a change may be of


class Claim(NamedTuple):
    """What one figure measures and whose it is."""

    metric: Metric | None  # a known metric, an open one made from the text, or None: "other"
    measure: str = ""  # "" (a level), growth, decline, share, multiple, points, penetration
    basis: str = ""  # yoy, qoq, mom, hoh, since, or "" when the text does not say
    since_at: int = -1  # with basis "since": where the since word ends (the period after it is the start)
    part: str = ""
    start: int = -1  # where the metric's cue stands ("" for inherited ones): a rate word inside it is no rate
    end: int = -1
    by_noun: bool = False  # the metric's noun stands right after the figure ("150 negara")
    how: str = ""  # which rule named the metric: noun, cue, compared, list, pointing, open, sentence, paragraph
    subject: str = ""
    region: str = ""

    @property
    def metric_id(self) -> str:
        return self.metric.id if self.metric is not None else "other"


class _Cue(NamedTuple):
    """A metric's claim on a candidate, with how strongly its cue speaks for it."""

    metric: Metric
    score: float
    start: int
    end: int
    by_noun: bool = False


@cache
def _metrics_by_id() -> dict[str, Metric]:
    return {metric.id: metric for metric in load_metrics()}


def metric_by_id(metric_id: str) -> Metric:
    """The metric of ``metric_id`` (an id metrics.toml holds: loading checks every reference)."""
    return _metrics_by_id()[metric_id]


@cache
def _only_metric_of(kind: str) -> Metric | None:
    """The metric of a kind that has one only (a time is time spent whatever its clause says)."""
    metrics = [m for m in load_metrics() if m.kind == kind]
    return metrics[0] if len(metrics) == 1 else None


@cache
def _open_metric(label: str, kind: str) -> Metric:
    """A metric the text names that ``metrics.toml`` does not know: its noun as written is its label and unit."""
    slug = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "other"
    return Metric(id=slug if slug[0].isalpha() else f"m_{slug}", label_en=label[:1].upper() + label[1:],
                  label_id=label[:1].upper() + label[1:], unit=label.lower(), kind=kind, per="", nouns=(), cues=())


def resolve(metric: Metric) -> tuple[Metric, str, str]:
    """A metric as filed: a percentage cue that states a measure of another metric ("penetrasi internet") is
    that metric, with its measure and part."""
    if metric.of:
        return _metrics_by_id()[metric.of], metric.measure, metric.part
    return metric, "", ""


def cue_clause(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> tuple[int, int]:
    """The part of a figure's clause its metric cue may come from: from the last clause break before it to the
    first one after it ("1,5 juta penjual dan 2 juta transaksi": "transaksi" is not the first's)."""
    lo, hi = clause
    for match in pats.clause_break.finditer(text, clause[0], cand.start):
        lo = match.end()
    after = pats.clause_break.search(text, cand.end, clause[1])
    return lo, after.start() if after else hi


def own_cue(text: str, cand: Candidate, clause: tuple[int, int], kind: str) -> _Cue | None:
    """The metric of ``kind`` a figure's own words name: a noun right after it, else the longest cue in its
    clause (the nearer one on a tie)."""
    matchers = metric_matchers()[kind]
    claims: list[_Cue] = []
    if matchers.nouns is not None:
        match = matchers.nouns.match(text, cand.end, clause[1])
        if match:
            group = match.lastgroup
            bonus = 0 if match["gap"] else DIRECT_NOUN_BONUS
            claims.append(_Cue(matchers.metric_of_group[group], len(match[group]) + bonus, match.start(group),
                               match.end(group), True))
    if matchers.cues is not None:
        for lo, hi in ((clause[0], cand.start), (cand.end, clause[1])):
            for match in matchers.cues.finditer(text, lo, hi):
                distance = min(abs(match.start() - cand.end), abs(cand.start - match.end()))
                claims.append(_Cue(matchers.metric_of_group[match.lastgroup], len(match.group()) - distance / 1000,
                                   match.start(), match.end()))
    return max(claims, key=lambda c: c.score) if claims else None


def label_metric(label: str, kind: str) -> Metric | None:
    """The metric a table's row label names ("On-Demand GMV", "MTUs (millions of users)"): its longest cue."""
    matchers = metric_matchers()[kind]
    found = [m for pattern in (matchers.nouns, matchers.cues) if pattern is not None for m in pattern.finditer(label)]
    best = max(found, key=lambda m: len(m.group()), default=None)
    return matchers.metric_of_group[best.lastgroup] if best is not None else None


class _SentenceCues:
    """The metric cues of one sentence, found once per kind on first use, so that each figure's nearest cue is a
    binary search: looking through the sentence once per figure made a long sentence cost its length squared."""

    def __init__(self, text: str, sentence: Sentence) -> None:
        self.text = text
        self.sentence = sentence
        self._found: dict[str, tuple[list[int], list[re.Match[str]]]] = {}

    def _of(self, kind: str) -> tuple[list[int], list[re.Match[str]]]:
        found = self._found.get(kind)
        if found is None:
            cues = metric_matchers()[kind].cues
            matches = list(cues.finditer(self.text, self.sentence.start, self.sentence.end)) if cues else []
            found = self._found[kind] = ([m.end() for m in matches], matches)
        return found

    def any(self, kind: str) -> bool:
        return bool(self._of(kind)[1])

    def nearest(self, kind: str, cand: Candidate) -> _Cue | None:
        """The cue of ``kind`` nearest to the candidate; on a tie, the one before it."""
        ends, matches = self._of(kind)
        index = bisect_right(ends, cand.start)  # matches[:index] end before the candidate starts
        before = matches[index - 1] if index else None
        after = next((m for m in matches[index:index + 2] if m.start() >= cand.end), None)
        match = after if before is None or (after is not None and after.start() - cand.end < cand.start - before.end()) \
            else before
        if match is None:
            return None
        distance = min(abs(match.start() - cand.end), abs(cand.start - match.end()))
        return _Cue(metric_matchers()[kind].metric_of_group[match.lastgroup], -distance, match.start(), match.end())


class EntityMatches:
    """A sentence's subject or region matches in text order, looked up by binary search so that a sentence
    naming a thousand places beside a thousand figures costs its length, not its length squared."""

    def __init__(self, matches: list[re.Match[str]]) -> None:
        self.matches = matches
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def within(self, lo: int, hi: int) -> EntityMatches:
        return EntityMatches(self.matches[bisect_left(self.starts, lo):bisect_left(self.starts, hi)])

    def nearest_match(self, cand: Candidate, prefer_before: bool) -> re.Match[str] | None:
        """The match nearest the figure (on a tie, the earlier); with ``prefer_before``, the last one before it
        when there is one."""
        if not self.matches:
            return None
        before = bisect_right(self.ends, cand.start) - 1  # the last match that ends before the figure
        after = bisect_left(self.starts, cand.end)  # the first match that starts after it
        if prefer_before and before >= 0:
            return self.matches[before]
        options = [m for m in (self.matches[before] if before >= 0 else None,
                               self.matches[after] if after < len(self.matches) else None) if m is not None]
        if not options:  # every match overlaps the figure
            options = self.matches[:1]
        return min(options, key=lambda m: min(abs(m.start() - cand.end), abs(cand.start - m.end())))


class Classifier:
    """The classification of one article's figures, sentence by sentence (see the module docstring).

    ``sentence`` starts a sentence; ``claim`` names a candidate's metric and measure (cheap: it decides whether a
    bare number is a figure); ``complete`` adds its part, subject and region once the figure is kept, and
    remembers it for the figures after it (lists, compared values, pointing words)."""

    def __init__(self, article: Article, lang: Language) -> None:
        self.article = article
        self.text = article.text
        self.lang = lang
        self.pats = figure_patterns(article.language)
        self.measures: MeasurePatterns = measure_patterns(article.language)
        self.entities = load_entities()
        self._main: str | None = None
        self._body: str | None = None
        self._paragraph = -1
        self._previous: list[Claim] = []  # the kept claims of the paragraph's last sentence with figures
        self._kept: list[tuple[Candidate, Claim]] = []  # the current sentence's
        self._heading_part: tuple[int, str] = (-1, "")  # the paragraph whose heading part is known, and the part
        self._generic_heads = {w.lower() for w in lang.measures.generic_heads}
        # a population statistic the article has named ("pengguna internet"), by the broader metric it narrows:
        # a later bare "pengguna" of no company is that statistic
        self._narrower: dict[str, Metric] = {}
        # by kind for levels, by "share" or "change" for rates: the last metric its words named, where, its measure
        self._named: dict[str, tuple[int, Metric, str]] = {}

    # --- the sentence being read

    def sentence(self, paragraph: int, sentence: Sentence, cands: list[Candidate]) -> None:
        if paragraph != self._paragraph:
            self._paragraph = paragraph
            self._previous = []
        elif self._kept:
            self._previous = [claim for _, claim in self._kept]
        self._kept = []
        self._last_named: dict[str | None, tuple[Candidate, Claim]] = {}  # by kind (None: any) in this sentence
        self._other_places: dict[bool, list[str]] = {}  # by "share": up to two region names not an item's
        self._sentence = sentence
        self._items: tuple[int, set[int]] = (-1, set())
        self._cands = cands
        self._cues = _SentenceCues(self.text, sentence)
        self._subjects: EntityMatches | None = None
        self._regions: EntityMatches | None = None

    def _entities(self) -> tuple[EntityMatches, EntityMatches]:
        if self._subjects is None or self._regions is None:
            text, sentence = self.text, self._sentence
            self._subjects = EntityMatches(list(self.entities.subject_pattern.finditer(text, sentence.start,
                                                                                      sentence.end)))
            # "dolar AS" names a currency, not the United States: no region inside a figure; and the city a wire
            # story was filed from ("JAKARTA -", "JAKARTA, KOMPAS.com -") is no region either
            in_figures = Spans([(c.start, c.end) for c in self._cands])
            paragraph_start = self.article.layout.figure_lines[self._paragraph][0]
            filed = _FILED_FROM.match(text, sentence.start, sentence.end) if sentence.start == paragraph_start else None
            region_from = filed.end() if filed else sentence.start
            self._regions = EntityMatches([m for m in self.entities.region_pattern.finditer(text, region_from,
                                                                                          sentence.end)
                                           if not in_figures.overlaps(m.start(), m.end())])
        return self._subjects, self._regions

    # --- the metric and the measure

    def claim(self, index: int, clause: tuple[int, int]) -> Claim | None:
        """The metric and measure of the sentence's ``index``-th candidate, or None when nothing claims it."""
        cand = self._cands[index]
        text = self.text
        own_clause = cue_clause(text, cand, clause, self.pats)
        if cand.kind == "duration":
            cue = own_cue(text, cand, own_clause, "duration") or self._cues.nearest("duration", cand)
            metric = cue.metric if cue else _only_metric_of("duration")
            return Claim(metric, how="cue" if cue else "", start=cue.start if cue else -1, end=cue.end if cue else -1)
        change = self._change(cand, own_clause)
        if cand.measure == "percentage_points":
            measure = "points"
        elif cand.kind == "multiple":
            measure = "multiple"
        else:
            measure = change
        if cand.percent:
            claim = self._percent(index, cand, own_clause, clause, measure)
        elif cand.kind == "multiple":
            claim = self._of_quantity(index, cand, own_clause, "multiple")
        else:
            claim = self._level(index, cand, own_clause, measure)
        if claim is None:
            return None
        if claim.measure in ("growth", "decline", "multiple", "points"):
            basis, since_at = self._basis(index, cand, own_clause)
            claim = claim._replace(basis=basis, since_at=since_at)
        return claim

    def _change(self, cand: Candidate, own_clause: tuple[int, int]) -> str:
        """growth or decline when a change word governs the figure, else ""."""
        text, words = self.text, self.measures
        before = words.change_before.search(text, max(own_clause[0], cand.start - CHANGE_REACH), cand.start)
        if before:
            return "growth" if before["growth"] else "decline"
        after = words.change_after.match(text, cand.end, own_clause[1])
        if after:
            return "growth" if after["growth"] else "decline"
        if cand.percent:  # "Pertumbuhan pengguna mencapai 15 persen": a change word heads the figure's clause
            last = None
            for match in words.change_word.finditer(text, own_clause[0], cand.start):
                last = match
            if last is not None and not words.level_after_change.search(text, last.end(), cand.start) and \
                    not self.pats.comparison.search(text, last.start(), cand.start):
                return "growth" if last["growth"] else "decline"
        return ""

    def _percent(self, index: int, cand: Candidate, own_clause: tuple[int, int], clause: tuple[int, int],
                 measure: str) -> Claim | None:
        text = self.text
        own = own_cue(text, cand, own_clause, "percent")
        if own is not None:
            quantity = self._quantity(cand, own_clause)
            if quantity is not None and quantity.start <= own.start and own.end <= quantity.end and \
                    (quantity.end - quantity.start) > (own.end - own.start):
                own = None  # "kepemilikan komputer 20 persen": the longer quantity holds the ratio word
        if own is not None:
            metric, stated, part = resolve(own.metric)
            if stated == "penetration":  # "penetrasi smartphone" or a users metric the clause names
                quantity = self._quantity(cand, own_clause)
                if quantity is not None and quantity.metric.unit == "users":
                    metric = quantity.metric
            return Claim(metric, measure or stated, part=part, start=own.start, end=own.end, how="cue")
        if not measure:
            penetration = self.measures.penetration.search(text, *own_clause) or \
                self.measures.penetration.search(text, *clause)
            measure = "penetration" if penetration else "share"
        return self._of_quantity(index, cand, own_clause, measure)

    def _quantity(self, cand: Candidate, own_clause: tuple[int, int]) -> _Cue | None:
        """The count or amount a figure's clause names, for a percentage, a multiple or a change of it."""
        cues = [c for c in (own_cue(self.text, cand, own_clause, kind) for kind in _CHANGE_KINDS) if c is not None]
        return max(cues, key=lambda c: c.score) if cues else None

    def _of_quantity(self, index: int, cand: Candidate, own_clause: tuple[int, int], measure: str) -> Claim | None:
        """A percentage, a multiple or a change: of the quantity its clause names, else of what the figure before
        it measured, the level it rose to, what its words point at, the sentence's, or its paragraph's list."""
        quantity = self._quantity(cand, own_clause)
        if quantity is not None:
            return Claim(quantity.metric, measure, start=quantity.start, end=quantity.end, by_noun=quantity.by_noun,
                         how="noun" if quantity.by_noun else "cue")
        inherited = self._inherited(index, cand, None, measure)
        if inherited is not None:
            return inherited
        if index + 1 < len(self._cands) and measure in ("growth", "decline", "multiple"):
            # "naik 20 persen menjadi 10 juta pengguna": the level it rose to names the quantity
            nxt = self._cands[index + 1]
            if not nxt.percent and self.measures.level_after_change.search(self.text, cand.end, nxt.start):
                hi = self._cands[index + 2].start if index + 2 < len(self._cands) else self._sentence.end
                level = own_cue(self.text, nxt, cue_clause(self.text, nxt, (cand.end, hi), self.pats),
                                nxt.kind if nxt.kind in _CHANGE_KINDS else "count")
                if level is not None:
                    return Claim(level.metric, measure, how="level")
        pointed = self._pointed(cand, own_clause, measure, None)
        if pointed is not None:
            return pointed
        kinds = ["percent", *_CHANGE_KINDS] if cand.percent else list(_CHANGE_KINDS)
        nearest = [c for c in (self._cues.nearest(kind, cand) for kind in kinds) if c is not None]
        if nearest:
            best = max(nearest, key=lambda c: c.score)
            metric, stated, part = resolve(best.metric)
            return Claim(metric, stated if best.metric.of and measure == "share" else measure, part=part,
                         how="sentence")
        continued = self._continued(cand, None, measure)
        if continued is not None:
            return continued
        return Claim(None, measure if measure != "share" else "", how="")

    def _level(self, index: int, cand: Candidate, own_clause: tuple[int, int], measure: str) -> Claim | None:
        """A count or an amount: named by its own words, else inherited, else an open noun, else the sentence's."""
        own = own_cue(self.text, cand, own_clause, cand.kind)
        if own is not None:
            return Claim(own.metric, measure, start=own.start, end=own.end, by_noun=own.by_noun,
                         how="noun" if own.by_noun else "cue")
        if cand.bare:
            return None  # a bare number needs its own noun ("150 negara") or cue
        inherited = self._inherited(index, cand, cand.kind, measure)
        if inherited is not None:
            return inherited
        pointed = self._pointed(cand, own_clause, measure, cand.kind)
        if pointed is not None:
            return pointed
        if cand.kind == "count":
            noun = self._open_noun(cand, own_clause)
            if noun:
                return Claim(_open_metric(noun, "count"), measure, how="open")
        phrase = self._clause_subject(cand, own_clause)
        if phrase:
            return Claim(label_metric(phrase, cand.kind) or _open_metric(phrase, cand.kind), measure, how="subject")
        nearest = self._cues.nearest(cand.kind, cand)
        if nearest is not None:
            return Claim(nearest.metric, measure, start=nearest.start, end=nearest.end, how="sentence")
        continued = self._continued(cand, cand.kind, measure)
        if continued is not None:
            return continued
        return Claim(None, measure)

    def _compared(self, index: int, cand: Candidate) -> bool:
        """Whether a comparison marker right before the figure makes it a compared value ("from $6 billion")."""
        lo = max(self._cands[index - 1].end if index else self._sentence.start, cand.start - COMPARED_MARKER_REACH)
        return bool(self.pats.comparison.search(self.text, lo, cand.start))

    def _inherited(self, index: int, cand: Candidate, kind: str | None, measure: str) -> Claim | None:
        """The metric of the figure before it in the sentence, for a compared value or a list item; a change or a
        share of an amount takes that amount's metric ("US$3.8 billion, up 33.7%")."""
        # the last kept figure with a metric (of ``kind``): kept per kind as figures are kept, so a sentence of
        # ten thousand figures no metric claims does not look back through all of them for each
        last = self._last_named.get(kind)
        if last is not None:
            prior_cand, prior = last
            same_kind = prior_cand.kind == cand.kind and prior_cand.percent == cand.percent
            how = "compared" if self._compared(index, cand) else "list"
            if same_kind:
                return Claim(prior.metric, measure or prior.measure if not measure or measure == "share" else measure,
                             how=how, part="")
            if prior.measure == "" and cand.kind != prior_cand.kind:
                return Claim(prior.metric, measure, how=how)
            return None
        return None

    def _pointed(self, cand: Candidate, own_clause: tuple[int, int], measure: str, kind: str | None) -> Claim | None:
        """A figure whose words point back ("nilainya", "angka tersebut", "the figure") measures what the
        previous sentence's last figure of its kind measured."""
        lo = max(self._sentence.start, own_clause[0] - 40)
        if not self.measures.pointing.search(self.text, lo, cand.start):
            return None
        for prior in reversed(self._previous):
            if prior.metric is not None and (kind is None or prior.metric.kind == kind or prior.measure == ""):
                return Claim(prior.metric, measure, how="pointing", subject=prior.subject)
        return None

    def _continued(self, cand: Candidate, kind: str | None, measure: str) -> Claim | None:
        """A sentence that names no quantity continues its paragraph's list: "Java Island still hosts ... 56.4
        percent. Sumatra Island follows with 22.1 percent" is a share of the same total."""
        if any(self._cues.any(k) for k in ("count", "money", "percent")):
            return None
        for prior in reversed(self._previous):
            if prior.metric is None:
                continue
            if kind is not None:  # a level continues a list of levels of its kind ("Next came X with 3.6 million")
                if prior.metric.kind == kind and prior.measure == measure:
                    return Claim(prior.metric, measure, how="paragraph")
                continue
            if (measure in ("share", "") and prior.measure in ("share", "penetration")) or prior.measure == measure:
                return Claim(prior.metric, prior.measure if measure == "share" else measure, how="paragraph")
        # a list or a run of paragraphs about one quantity ("* Reload/Top Up: Rp 455,904.20 billion"; "Pulau Jawa
        # menempati peringkat kedua, yaitu 23,66 persen" after the paragraph that named computer ownership)
        key = kind if kind is not None else _RUNNING_MEASURES.get(measure)
        paragraph, named, named_measure = self._named.get(key, (-1, None, "")) if key else (-1, None, "")
        if named is not None and self._paragraph - paragraph <= RUNNING_PARAGRAPHS:
            return Claim(named, named_measure if kind is None and measure == "share" else measure, how="running")
        return None

    def _open_noun(self, cand: Candidate, own_clause: tuple[int, int]) -> str:
        """The noun written right after a count that no metric knows ("2 juta pelari maraton" -> "pelari
        maraton"): up to ``OPEN_NOUN_WORDS`` words, none a function word, a rate, a time or a month."""
        words: list[str] = []
        at = cand.end
        stop = set(self.lang.stopwords) | set(self.lang.months) | {u.lower() for u in self.lang.duration_units}
        while len(words) < OPEN_NOUN_WORDS:
            match = _OPEN_WORD.match(self.text, at, own_clause[1])
            if match is None:
                break
            word = match.group(1)
            if word.lower() in stop or self.pats.rate.match(self.text, match.start(1)) or \
                    self.pats.qualifier.search(word + " ") or word.lower() in self.lang.qualifiers["amount"]:
                break
            words.append(word)
            at = match.end()
        return " ".join(words).lower() if words else ""

    def _clause_subject(self, cand: Candidate, own_clause: tuple[int, int]) -> str:
        """The noun phrase a linking verb right before the figure has for its subject ("Southeast Asia parcel
        volume came to approximately 1.69 billion": "parcel volume"; "Cash liquidity was $8.2 billion"): the
        last content words before the verb, short of a place or time adjunct, a name or a possessive; "" when
        there is none or it is too general to name a quantity ("the total was")."""
        text, words = self.text, self.measures
        link = words.linking.search(text, max(own_clause[0], cand.start - CHANGE_REACH), cand.start)
        if link is None:
            return ""
        lo, hi = max(own_clause[0], link.start() - SUBJECT_REACH), link.start()  # bounded: linear in the text
        last = _PHRASE_WORD.findall(text, lo, hi)[-1:]
        if last and (last[0][0].isupper() or any(ch.isdigit() for ch in last[0])):
            # "Parcel volume in Southeast Asia reached": one place or time adjunct between the phrase and its verb
            openers = [m.start() for m in words.adjunct_opener.finditer(text, lo, hi)]
            if not openers:
                return ""
            hi = openers[-1]
        phrase = re.sub(r"\([^)]*\)", " ", text[lo:hi])
        tokens = _PHRASE_WORD.findall(phrase)
        stop = set(self.lang.stopwords)
        head: list[str] = []
        for position in range(len(tokens) - 1, -1, -1):
            token = tokens[position]
            if token.lower() in stop or token.endswith(("'s", "’s")) or any(ch.isdigit() for ch in token) or \
                    (token[0].isupper() and position > 0) or token.isupper() or len(head) == OPEN_NOUN_WORDS + 1:
                break
            head.insert(0, token.lower())
        if not head or head[-1] in self._generic_heads:
            return ""
        return " ".join(head)

    def _basis(self, index: int, cand: Candidate, own_clause: tuple[int, int]) -> tuple[str, int]:
        """What a change is measured against: a basis phrase after it (up to the next figure) or before it in its
        clause; "since" a start when a since word opens a period after it."""
        text, words = self.text, self.measures
        hi = self._cands[index + 1].start if index + 1 < len(self._cands) else self._sentence.end
        for lo, up in ((cand.end, hi), (own_clause[0], cand.start)):
            match = words.basis.search(text, lo, up)
            if match:
                return match.lastgroup or "", -1
            since = words.since.search(text, lo, up)
            if since:
                return "since", since.end()
        return "", -1

    # --- part, subject and region, once the figure is kept

    def complete(self, index: int, clause: tuple[int, int], claim: Claim) -> Claim:
        """The claim with its part, subject and region; remembered for the sentence's later figures."""
        cand = self._cands[index]
        text = self.text
        own_clause = cue_clause(text, cand, clause, self.pats)
        subjects, regions = self._entities()
        part = claim.part or self._part(cand, own_clause)
        # the regions between its clause breaks ("di Amerika Serikat mencapai 15 persen, Singapura delapan persen":
        # each item's own), else its clause's, else the sentence's first
        own_regions = regions.within(*own_clause)
        if not own_regions.matches:
            own_regions = regions.within(*clause)
        if not own_regions.matches:
            own_regions = EntityMatches(regions.matches[:1])
        match = own_regions.nearest_match(cand, prefer_before=False)
        region = entity_name(self.entities, "region", match.group()) if match else ""
        if region and not part:
            within = self.entities.within.get(region)
            items = self._item_regions(regions) if claim.measure == "share" else set()
            # the total's place is one no item of the sentence's list names as its own ("di Amerika Serikat
            # mencapai 15 persen, Singapura delapan persen": the servers' total has no place)
            others = self._places_besides(regions, items, claim.measure == "share")
            if within:  # Java in Indonesia's internet users: a part of that total
                part, region = region, within
            elif claim.measure == "share" and (any(o != region for o in others) or
                                               (match.start() in items and len(items) > 1)):
                # "35,8 persen pendapatan ... di Asia Tenggara berasal dari pemain di Indonesia"; a list of
                # shares by place: each place is its item's part
                part = region
                region = next((o for o in others if o != region), "")
        metric = claim.metric
        if metric is not None:
            narrower = self._narrower.get(metric.id)
            if narrower is not None and not self._names_company(cand, subjects):
                claim = claim._replace(metric=narrower)
            elif metric.statistic and metric.broader and claim.how in ("noun", "cue"):
                self._narrower[metric.broader] = metric
            if claim.how in ("noun", "cue", "subject"):
                key = metric.kind if claim.measure == "" else _RUNNING_MEASURES.get(claim.measure)
                if key:
                    self._named[key] = (self._paragraph, claim.metric, claim.measure)
        subject = self._subject(cand, claim, subjects)
        claim = claim._replace(part=part, region=region, subject=subject)
        self._kept.append((cand, claim))
        if claim.metric is not None:
            self._last_named[None] = self._last_named[cand.kind] = (cand, claim)
        return claim

    def _names_company(self, cand: Candidate, subjects: EntityMatches) -> bool:
        """Whether the figure's sentence names, before it, an entity that is no reporting body."""
        match = subjects.nearest_match(cand, prefer_before=True)
        return match is not None and entity_name(self.entities, "subject", match.group()) not in self.entities.bodies

    def _places_besides(self, regions: EntityMatches, items: set[int], share: bool) -> list[str]:
        """Up to two distinct names of the sentence's regions that are no share item's own, once per sentence:
        enough to tell whether a place other than a figure's own is named, and which (linear in the regions)."""
        found = self._other_places.get(share)
        if found is None:
            found = []
            for m in regions.matches:
                if m.start() in items:
                    continue
                name = entity_name(self.entities, "region", m.group())
                if name not in found:
                    found.append(name)
                    if len(found) == 2:
                        break
            self._other_places[share] = found
        return found

    def _item_regions(self, regions: EntityMatches) -> set[int]:
        """Where the regions stand that a percentage of the sentence has between its own clause breaks: the items
        of a list of shares by place. Once per sentence (linear in its candidates)."""
        if self._items[0] == self._sentence.start:
            return self._items[1]
        items: set[int] = set()
        for index, other in enumerate(self._cands):
            if not other.percent:
                continue
            lo = self._cands[index - 1].end if index else self._sentence.start
            hi = self._cands[index + 1].start if index + 1 < len(self._cands) else self._sentence.end
            own = cue_clause(self.text, other, (lo, hi), self.pats)
            items.update(m.start() for m in regions.within(*own).matches)
        self._items = (self._sentence.start, items)
        return items

    def _part(self, cand: Candidate, own_clause: tuple[int, int]) -> str:
        """An age band, a gender, a device, a channel or an area in the figure's clause (the nearest), else a
        segment beside a segment word or in the heading above the paragraph."""
        text, words = self.text, self.measures
        band = words.age_band.search(text, *own_clause)
        if band:
            return f"{band['lo']}-{band['hi']}" if band["lo"] else f"{band['above']}+"
        found = list(words.parts.finditer(text, *own_clause))
        if found:
            nearest = min(found, key=lambda m: min(abs(m.start() - cand.end), abs(cand.start - m.end())))
            return words.part_of_group[nearest.lastgroup or ""]
        for segment in words.segments.finditer(text, *own_clause):
            lo, hi = max(own_clause[0], segment.start() - 20), min(own_clause[1], segment.end() + 20)
            if words.segment_word.search(text, lo, hi):
                return words.part_of_group[segment.lastgroup or ""]
        return self._heading(cand)

    def _heading(self, cand: Candidate) -> str:
        """The segment a short heading line above the figure's paragraph names ("Digital Entertainment"), up to
        the previous heading; "" when the nearest heading names none (a "Group" heading ends a segment)."""
        if self._heading_part[0] == self._paragraph:
            return self._heading_part[1]
        part = ""
        layout = self.article.layout
        line_start = layout.figure_lines[self._paragraph][0]
        at = line_start
        for _ in range(8):  # a bounded look upwards: constant cost per paragraph
            end = self.text.rfind("\n", 0, at)
            if end <= 0:
                break
            start = self.text.rfind("\n", 0, end) + 1
            line = self.text[start:end].strip()
            at = start
            if not line:
                continue
            if len(line.split()) <= HEADING_WORDS and not line.endswith((".", ":", "?", "!", '"', "”")) and \
                    not any(ch.isdigit() for ch in line):
                match = self.measures.segments.fullmatch(line.rstrip(":"))
                part = self.measures.part_of_group[match.lastgroup or ""] if match else ""
                break
            if len(line) > 80:
                break  # a paragraph of prose: no heading above it
        self._heading_part = (self._paragraph, part)
        return part

    def _subject(self, cand: Candidate, claim: Claim, subjects: EntityMatches) -> str:
        """The entity named nearest before the figure in its sentence, else the article's main subject; for a
        statistic of a population or a market, the body reporting it."""
        statistic = claim.metric is not None and claim.metric.statistic
        if statistic:
            bodies = EntityMatches([m for m in subjects.matches
                                    if entity_name(self.entities, "subject", m.group()) in self.entities.bodies])
            match = bodies.nearest_match(cand, prefer_before=True)
            if match is not None:
                return entity_name(self.entities, "subject", match.group())
            if self._body is None:
                self._body = main_subject(self.article, self.entities, self.lang, bodies_only=True)
            return self._body
        match = subjects.nearest_match(cand, prefer_before=True)
        if match is not None:
            return entity_name(self.entities, "subject", match.group())
        if claim.subject:
            return claim.subject
        if self._main is None:
            self._main = main_subject(self.article, self.entities, self.lang)
        return self._main


def quote_of(text: str, sentence: Sentence) -> str:
    return WHITESPACE.sub(" ", text[sentence.start:sentence.end]).strip()
