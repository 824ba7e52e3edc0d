"""Who said a figure: attributions read sentence by sentence ("ujar Angga", "Menurut Dina, ...", "pungkasnya").

Each look-up is answered from tables built once per sentence or paragraph, so that a paragraph of thousands of
quotes and pronouns costs its length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from extract.article import Article
from extract.candidates import Candidate
from extract.patterns import FigurePatterns
from extract.text import Sentence


class Speakers:
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

    def for_figure(self, paragraph: int, index: int, cand: Candidate) -> str:
        """The figure's own sentence's speaker; inside a quotation, the one named where it closes;
        else who "Menurut ..." named earlier in the paragraph.

        Both look-ups are answered from per-paragraph tables built once, so a paragraph of thousands of
        sentences costs its length, not its length squared.
        """
        in_sentence = self.attributions(paragraph, index)
        if in_sentence:
            return in_sentence[0][1]
        if self.article.layout.quotations_of(paragraph).inside(cand.start):
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
