"""The layout of a news article: header lines, body paragraphs, sentences, and lines to skip.

Offsets are kept everywhere (``text[start:end]``) so that every figure can be
traced back to the characters it came from. Scraped articles put one
paragraph per line, so a line is a paragraph here.

Header lines (title, dateline, byline, photo caption) are the short lines
without sentence punctuation among the first eight. Figures are read from
them too (``Layout.figure_lines``): a headline states facts, and one that
repeats a body figure becomes a mention of that fact (figures.merge_mentions).
Navigation and promotion lines ("Baca juga:", "Simak Video") are skipped by
the patterns of the language file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from extract.lexicon import load_language

HEADER_SCAN_LINES = 8
HEADER_MAX_WORDS = 16
LEAD_PARAGRAPHS = 2  # the lead: the first paragraphs of the body

_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z])")
_ABBREVIATIONS = frozenset("""
    rp no dll dsb dkk dr jl st tbk pt mr mrs ms inc co ltd vs prof ir drs hj kh sdr bpk u.s a.n sby kab kec
    tel telp hlm hal jan feb mar apr jun jul agu aug sep sept okt oct nov des dec est approx
""".split())
_SENTENCE_END = re.compile(r"[.!?…:]\W*$")


class Sentence(NamedTuple):
    """A sentence's span in the article text (a named tuple: cheaper to make than a dataclass)."""

    start: int
    end: int
    paragraph: int  # index into Layout.figure_lines


@dataclass(frozen=True)
class Layout:
    """Header lines, body paragraphs and skipped lines of an article; sentences are split per paragraph on
    first use, since many paragraphs of a news article hold no figure and are never read sentence by sentence."""

    text: str = field(repr=False)
    header: list[tuple[int, int]]
    body: list[tuple[int, int]]
    skipped: list[tuple[int, int]]
    _sentences: dict[int, list[Sentence]] = field(default_factory=dict, repr=False, compare=False)
    _quotations: dict[int, Quotations] = field(default_factory=dict, repr=False, compare=False)
    # the lines figures are read from: the body and the header, in text order (a headline states facts too:
    # "Tembus 221 Juta", "2Q22 GTV up 39% year on year to Rp150.5 trillion"; its mentions merge with the body's)
    figure_lines: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.figure_lines:
            self.figure_lines.extend(sorted(self.header + self.body))

    def sentences_of(self, paragraph: int) -> list[Sentence]:
        """The sentences of ``figure_lines[paragraph]``, in order."""
        found = self._sentences.get(paragraph)
        if found is None:
            start, end = self.figure_lines[paragraph]
            found = [Sentence(s, e, paragraph) for s, e in split_sentences(self.text, start, end)]
            self._sentences[paragraph] = found
        return found

    def quotations_of(self, paragraph: int) -> Quotations:
        """The quotation marks of ``figure_lines[paragraph]``, read once (speakers and time scope both ask)."""
        found = self._quotations.get(paragraph)
        if found is None:
            start, end = self.figure_lines[paragraph]
            found = self._quotations[paragraph] = Quotations(self.text, start, end)
        return found

    def lead_after(self, position: int) -> list[tuple[int, int]]:
        """The body paragraphs that open the article after ``position``: where its subject and its report period
        are set (all body paragraphs' first ones when none follows)."""
        index = bisect_left(self.body, (position, 0))
        return (self.body[index:] or self.body)[:LEAD_PARAGRAPHS]

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the figure lines, in order."""
        return [sentence for paragraph in range(len(self.figure_lines)) for sentence in self.sentences_of(paragraph)]


@cache
def _skip_pattern(code: str) -> re.Pattern[str]:
    patterns = load_language(code).skip_line_patterns
    return re.compile(r"[\s(\[]*(?:" + "|".join(patterns) + ")", re.I)


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def is_header_line(line: str) -> bool:
    return len(line.split()) < HEADER_MAX_WORDS and not _SENTENCE_END.search(line)


def layout(text: str, code: str) -> Layout:
    """Split an article into header, body paragraphs and skipped lines."""
    skip = _skip_pattern(code)
    header, body, skipped = [], [], []
    for index, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if skip.match(line):
            skipped.append((start, end))
        elif index < HEADER_SCAN_LINES and is_header_line(line):
            header.append((start, end))
        else:
            body.append((start, end))
    return Layout(text, header, body, skipped)


def said_before(pattern: re.Pattern[str], text: str, at: int, reach: int) -> bool:
    """Whether ``pattern`` matches in the ``reach`` characters before ``at`` that belong to its sentence (back to
    the last ". " or line break): a comparison marker or a forecast word governing what stands at ``at``."""
    lo = max(0, at - reach)
    stop = max(text.rfind(". ", lo, at), text.rfind("\n", lo, at))
    return bool(pattern.search(text, max(lo, stop + 1), at))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; "Rp." and "No." and decimals do not end a sentence."""
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.start()
        if text[stop] == ".":
            # the word before the full stop: an abbreviation ("Rp.", "No.", an initial) does not end a sentence
            window = max(start, stop - 12)
            space = text.rfind(" ", window, stop)
            token = text[space + 1 if space >= 0 else window:stop].lstrip("(\"“'").lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((cursor, match.end()))
        cursor = match.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


_QUOTE_MARKS = re.compile("[\"“”]")


class Quotations:
    """Which positions of a paragraph lie inside a quotation opened earlier in it.

    The quotation marks are read once per paragraph and each question is a binary search: reading from the
    paragraph's start for every figure made a scraped page without line breaks cost its length squared.
    A straight quote toggles; a curly one says which side it is.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.positions: list[int] = []
        self.opened: list[bool] = []
        opened = False
        for mark in _QUOTE_MARKS.finditer(text, start, end):
            opened = (not opened) if mark.group() == '"' else (mark.group() == "“")
            self.positions.append(mark.start())
            self.opened.append(opened)

    def inside(self, position: int) -> bool:
        marks_before = bisect_left(self.positions, position)
        return self.opened[marks_before - 1] if marks_before else False
