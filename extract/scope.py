"""Time scope: which period a figure describes, read like the annotation rules read it (see ``TimeScope``).

Date phrases are found by ``extract.dates``; this module decides which of them governs each figure: its
sentence's (but not a compared value's), a compared value's moved back ("a year earlier"), its paragraph's,
the report period of the headline or the lead, or the article's own date. ``extract/corpus/scope.toml`` is its
specification.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from typing import NamedTuple

from extract.article import Article
from extract.candidates import Candidate, Positioned
from extract.dates import DatePhrase, Period, shift_period, year_period
from extract.lexicon import WHITESPACE, Language
from extract.patterns import FigurePatterns
from extract.text import Sentence, said_before

COMPARED_PHRASE_WINDOW = 60  # characters before a phrase in which a comparison marker makes it a compared one
REPORT_WINDOW = 240  # how far around a lead period its paragraph is read for a report word
PRESENT_REACH = 60  # how far from a figure "currently", "kini" and a period of its own are looked for
CLAUSE_WORD_REACH = 200  # how far after a figure a conjunction is looked for (a bounded look: linear cost)
REPORT_YEAR_REACH = 80  # how far after a report word a bare year names the report's ("Survei APJII 2018")
_YEAR_AFTER = re.compile(r"[^.\n]*?(?<![\w-])((?:19|20)[0-9]{2})(?![\w-])")


_CONVERSION_BETWEEN = re.compile(r"\s*[(/]\s*")  # what stands between a figure and its conversion


class _SentenceScope(NamedTuple):
    """What a sentence says about time, read once for all its figures (see ``TimeScope._read_sentence``)."""

    phrases: list[DatePhrase]
    phrase_starts: list[int]
    owners: list[int]  # per phrase: the index of the figure before it, or -1
    last_own_before: list[int]  # per phrase index: the nearest phrase at or before it not of a compared value
    first_own_after: list[int]  # per phrase index: the nearest phrase at or after it not of a compared value
    marker_starts: list[int]
    own_markers: list[tuple[int, int] | None]  # per figure: the comparison marker that makes it a compared value
    heads: list[int]  # per figure: itself, or for a bracketed conversion the figure it converts
    compared_phrase: re.Match[str] | None  # "a year earlier", "periode yang sama tahun lalu"


def _compared_period(phrase: DatePhrase, markers: list[tuple[int, int]], marker_ends: list[int],
                     cands: list[Candidate], owner: int) -> bool:
    """Whether a phrase names what a figure is compared with rather than its own period: a comparison marker
    stands shortly before it, after the figure before it ("bila dibandingkan dengan survei 2014, hasil survei
    terbaru ... 51,8 persen": 2014 is the compared survey's, not the 51,8 persen's). The markers are sorted and
    apart, so the last one that ends before the phrase is the only one to check."""
    last = bisect_right(marker_ends, phrase.start) - 1
    lo = max(phrase.start - COMPARED_PHRASE_WINDOW, cands[owner].end if owner >= 0 else 0)
    return last >= 0 and markers[last][0] >= lo


class TimeScope:
    """The period that governs each figure, read like the annotation rules read it.

    1. Its sentence: the nearest date phrase, but a phrase standing after a comparison marker ("up from",
       "dibandingkan", "naik dari") dates the compared value after the marker, not the figure before it; and a
       compared value takes only a phrase after its marker. A change before "from X to Y" takes the new value's
       phrase; a phrase that opens the next clause (after a conjunction, or fronted after a comma before the next
       figure) is the next figure's; one right after a marker with no figure between is the compared period's.
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
        self.present_words = frozenset(w.lower() for w in lang.present_words)
        self._report: Period | None = None
        self._report_read = False
        self._sentence: tuple[int, _SentenceScope] | None = None  # the last sentence read, by its start
        self._main_phrases: tuple[int, Positioned[DatePhrase]] | None = None  # the last paragraph's, by its start

    def report_period(self) -> Period | None:
        """The period the headline or the lead sets for the article's undated figures, read once."""
        if self._report_read:
            return self._report
        self._report_read = True
        layout, published, text = self.article.layout, self.article.published, self.article.text
        phrases = self.article.date_phrases
        starts = [p.start for p in phrases]
        header = set(layout.header)
        for lo, hi in sorted([*layout.header, *self.article.lead]):
            in_header = (lo, hi) in header  # the headline names what the article is about
            for phrase in phrases[bisect_left(starts, lo):bisect_left(starts, hi)]:
                if phrase.period.grain in ("day", "week") or phrase.raw.lower().startswith(self.span_openers):
                    continue
                if (published is not None and phrase.period.first > published) or self._after_comparison(phrase.start):
                    continue
                if in_header or self.pats.report.search(text, max(lo, phrase.start - REPORT_WINDOW),
                                                        min(hi, phrase.end + REPORT_WINDOW)):
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
            # "dibandingkan dengan survei 2014" names the survey compared with, not the article's
            if year and (published is None or int(year[1]) <= published.year) and not self._after_comparison(word.start()):
                return year_period(int(year[1]))
        return None

    def _read_sentence(self, sentence: Sentence, cands: list[Candidate],
                       phrases: Positioned[DatePhrase]) -> _SentenceScope:
        """A sentence's date phrases, comparison markers and which figures are compared values, read once for
        all its figures (so that a flattened table of a thousand figures and dates costs its length)."""
        if self._sentence is not None and self._sentence[0] == sentence.start:
            return self._sentence[1]  # the figures of a sentence come one after another: one sentence is kept
        text = self.article.text
        markers = [m.span() for m in self.pats.comparison.finditer(text, sentence.start, sentence.end)]
        marker_ends = [end for _, end in markers]
        own_markers: list[tuple[int, int] | None] = []
        heads: list[int] = []  # a conversion in brackets ("Rp 25,9 triliun (US$ 1,69 miliar)") shares its figure's scope
        for i, cand in enumerate(cands):
            if i and _CONVERSION_BETWEEN.fullmatch(text, cands[i - 1].end, cand.start):
                heads.append(heads[i - 1])
                own_markers.append(own_markers[i - 1])
                continue
            heads.append(i)
            lo = cands[i - 1].end if i else sentence.start
            j = bisect_right(marker_ends, cand.start) - 1  # the last marker that ends before the figure
            marker = markers[j] if j >= 0 and markers[j][0] >= lo else None
            # "naik 39% dibandingkan periode yang sama tahun sebelumnya mencapai Rp4,3 triliun": after "mencapai"
            # (or "dan") stands the new value, not the compared one
            if marker is not None and (self.pats.new_value.search(text, marker[1], cand.start)
                                       or self.pats.clause_word.search(text, marker[1], cand.start)):
                marker = None
            own_markers.append(marker)
        in_sentence = phrases.between(sentence.start, sentence.end)
        starts = [cand.start for cand in cands]
        # the figure before each phrase (a conversion's phrase is its figure's), or -1
        owners = [heads[before] if before >= 0 else -1 for before in (bisect_left(starts, p.start) - 1 for p in in_sentence)]
        own = [(owner < 0 or own_markers[owner] is None) and not _compared_period(phrase, markers, marker_ends, cands, owner)
               for phrase, owner in zip(in_sentence, owners, strict=True)]  # not a compared value's phrase
        # "kini", "now", "saat ini" give way to a period named in the same clause: "Survei pada Juni 2016 ... kini
        # sudah menyentuh 132,7 juta" is the survey's June 2016; in "Last year it planned $1.2 billion, and it is
        # now valued at $5 billion" each clause keeps its own
        present = [p.raw.lower() in self.present_words for p in in_sentence]
        for i, now in enumerate(present):  # a period in its clause (no "dan", "and", ";" between) outranks it
            if now and own[i] and any(own[j] and not present[j] and not self.pats.clause_word.search(
                    text, min(in_sentence[i].end, in_sentence[j].end), max(in_sentence[i].start, in_sentence[j].start))
                    for j in (i - 1, i + 1) if 0 <= j < len(in_sentence)):
                own[i] = False
        last_own_before: list[int] = []  # index of the nearest phrase at or before i that is not a compared one
        for i, ok in enumerate(own):
            last_own_before.append(i if ok else (last_own_before[-1] if i else -1))
        first_own_after = [len(own)] * len(own)
        for i in range(len(own) - 1, -1, -1):
            first_own_after[i] = i if own[i] else (first_own_after[i + 1] if i + 1 < len(own) else len(own))
        compared_phrase = self.pats.compared.search(text, sentence.start, sentence.end) if markers else None
        found = _SentenceScope(
            in_sentence, [p.start for p in in_sentence], owners, last_own_before, first_own_after,
            [start for start, _ in markers], own_markers, heads, compared_phrase)
        self._sentence = (sentence.start, found)
        return found

    def period(self, phrases: Positioned[DatePhrase], sentence: Sentence, cands: list[Candidate], index: int,
               paragraph_start: int) -> tuple[Period | None, str]:
        """The period the ``index``-th figure of a sentence describes, and where it was read: sentence,
        comparison, paragraph, report or article.

        A phrase belongs to the nearest figure before it; one that belongs to a compared value ("from US$108.8
        million for the first quarter of 2017") dates that value only, wherever the other figures stand.
        """
        cand = cands[index]
        scope = self._read_sentence(sentence, cands, phrases)
        found, at = scope.phrases, scope.phrase_starts
        if self.article.dateline is None and self._said_current(cand, cands, index, sentence, at):
            return None, "present"  # "which currently has ... $341 billion" in an article without a date
        own_marker = scope.own_markers[index]
        if own_marker is not None:  # a compared value: the phrase after its marker, its own if it has one
            after = bisect_left(at, own_marker[1])
            mine = bisect_left(at, max(own_marker[1], cand.start))  # the first phrase after the figure itself
            if mine < len(found) and scope.owners[mine] == scope.heads[index]:
                return found[mine].period, self._source(found[mine])
            if after < len(found):
                return found[after].period, self._source(found[after])
            before_marker = bisect_left(at, own_marker[0])  # phrases of the main value stand before the marker
            main = scope.last_own_before[before_marker - 1] if before_marker else -1
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
            # a change before "from X to Y" ("nearly quadrupled from US$4.4 billion in 2022 to US$16.3 billion in
            # 2024", "naik 20 persen dari ... menjadi ... pada 2023") is the new value's: its phrase, when a figure
            # after the marker that is no compared value owns it
            owner = scope.owners[right]
            if not ((cand.kind == "multiple" or cand.percent) and owner > index and scope.own_markers[owner] is None):
                right = len(found)
        quotations = self.article.layout.quotations_of(sentence.paragraph)
        in_quote = quotations.inside(cand.start)
        # a phrase inside a quotation dates nothing outside it ("'on track ... in the fourth quarter of 2023', with
        # contribution margin improving by 85% YoY": the 85% is not 2023's)
        options_at = [i for i in (left, right) if 0 <= i < len(found)
                      and (in_quote or not quotations.inside(found[i].start))]
        # a phrase after a conjunction opens the next clause ("in 2016 with $1 billion, and last year another $1
        # billion"), as does one fronted after a comma before the next figure ("Tahun lalu naiknya 40 persen, tahun
        # ini kalau bisa naik 50 persen"): it dates the figure before it only when nothing on its left does
        if left in options_at and right in options_at and self._opens_next_clause(found[right], cands, index):
            options_at.remove(right)
        if right in options_at and scope.owners[right] == scope.heads[index]:
            return found[right].period, self._source(found[right])  # its own: after it, before the next figure
        options = [found[i] for i in options_at]
        if options:
            phrase = min(options, key=lambda p: min(abs(p.start - cand.end), abs(cand.start - p.end)))
            return phrase.period, self._source(phrase)
        return self._beyond_sentence(phrases, sentence, paragraph_start)

    def _said_current(self, cand: Candidate, cands: list[Candidate], index: int, sentence: Sentence,
                      at: list[int]) -> bool:
        """Whether the figure's clause says it is current ("currently", "kini") and names no period of its own.
        In an article without a date its date is then unknown: another clause's period is not its."""
        lo = max(cands[index - 1].end if index else sentence.start, cand.start - PRESENT_REACH)
        if not self.pats.present.search(self.article.text, lo, cand.start):
            return False
        hi = min(sentence.end, cand.end + PRESENT_REACH)
        after = self.pats.clause_break.search(self.article.text, cand.end, hi)  # its clause ends at a comma
        return bisect_left(at, lo) == bisect_left(at, after.start() if after else hi)

    def _opens_next_clause(self, phrase: DatePhrase, cands: list[Candidate], index: int) -> bool:
        """Whether a phrase after a figure begins the next clause rather than ending the figure's: a conjunction
        stands between them, or a comma does and the next figure follows the phrase in its own clause. The looks
        are bounded (``CLAUSE_WORD_REACH``), so a long sentence costs its length."""
        text, end = self.article.text, cands[index].end
        between = min(phrase.start, end + CLAUSE_WORD_REACH)
        if self.pats.clause_word.search(text, end, between):
            return True
        if index + 1 >= len(cands) or cands[index + 1].start < phrase.end or \
                not self.pats.clause_break.search(text, end, between):
            return False
        return not self.pats.clause_break.search(text, phrase.end,
                                                 min(cands[index + 1].start, phrase.end + CLAUSE_WORD_REACH)) and \
            cands[index + 1].start - phrase.end <= CLAUSE_WORD_REACH

    def _source(self, phrase: DatePhrase) -> str:
        """"sentence" for a period the sentence names; "present" for "kini", "now", "saat ini": the article's day,
        said loosely (a value restated with it is the same fact as one its sentence dates, see facts.py)."""
        return "present" if phrase.raw.lower() in self.present_words else "sentence"

    def _after_comparison(self, at: int) -> bool:
        """Whether a comparison marker stands shortly before a phrase starting at ``at``, in its sentence ("...
        dibandingkan kuartal II 2019"): such a phrase dates a compared value, and no later sentence inherits it."""
        return said_before(self.pats.comparison, self.article.text, at, COMPARED_PHRASE_WINDOW)

    def _beyond_sentence(self, phrases: Positioned[DatePhrase], sentence: Sentence,
                         paragraph_start: int) -> tuple[Period | None, str]:
        if self._main_phrases is None or self._main_phrases[0] != paragraph_start:
            # the paragraph's phrases that date a main value, not a compared one: read once per paragraph
            self._main_phrases = (paragraph_start, Positioned(
                [(p.start, p) for p in phrases.items if not self._after_comparison(p.start)]))
        main = self._main_phrases[1]
        index = bisect_left(main.positions, sentence.start)  # the paragraph's phrases before the sentence
        if index:
            return main.items[index - 1].period, "paragraph"
        report = self.report_period()
        if report is not None:
            return report, "report"
        if self.article.dateline is None:
            return None, ""
        return self.article.dateline.period, "article"
