"""The fast forms of the scanning patterns match exactly what their plain forms match.

Speed came from rewriting patterns so that Python's regex engine can skip ahead in C (a literal or a
character class first). Each rewrite is checked here against the plain pattern it replaces, on text
built from the very words and characters that could make the two differ.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.article import lower_words
from extract.dates import _YEAR_ANCHOR
from extract.lexicon import first_letter_guard, load_language, lower_word_pattern, phrase_pattern, word_pattern

LANG = load_language("id")
NUMBER_WORDS = sorted({*LANG.word_values, *LANG.word_scale_prefixed, *LANG.word_vague, "dua puluh", "tahun lalu"})


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


pieces = st.sampled_from([*NUMBER_WORDS, " ", "  ", "\n", ",", "-", "x", "se", "an", "_", "é", "5", "juta", "ribuan"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30))
def test_lower_word_pattern_finds_what_word_pattern_finds(parts: list[str]) -> None:
    text = "".join(parts).lower()
    plain = re.compile(word_pattern([w.lower() for w in NUMBER_WORDS]))
    fast = re.compile(lower_word_pattern(NUMBER_WORDS))
    assert _spans(fast, text) == _spans(plain, text)


def test_lower_word_pattern_keeps_the_longest_phrase_and_whole_words() -> None:
    fast = re.compile(lower_word_pattern(["per hari", "per", "hari"]))
    assert [m.group() for m in fast.finditer("naik 5 per  hari, super hari-hari")] == ["per  hari", "hari", "hari"]
    assert re.compile(lower_word_pattern([])).search("apa saja") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/19 20a-", max_size=40))
def test_year_anchor_finds_what_the_plain_year_pattern_finds(text: str) -> None:
    plain = re.compile(r"(?:19|20)\d\d|\d/\d")
    assert _spans(_YEAR_ANCHOR, text) == _spans(plain, text)


def test_first_letter_guard_only_where_every_phrase_starts_with_a_letter() -> None:
    assert first_letter_guard(["pengguna", "Views?"], regex=True) == "(?=[PVpv])"
    for phrases in (["a?b"], ["x*y"], ["ab|cd"], ["(?:yang )?diunggah"], [r"\w+"], ["€"]):
        assert first_letter_guard(phrases, regex=True) == ""
    assert first_letter_guard(["±", "sekitar"]) == "(?=[Ss±])"  # plain phrases: any first character


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="pPeEnNgGuUaAvViIwWsS _-5", max_size=40))
def test_a_guarded_word_pattern_matches_like_the_unguarded_one(text: str) -> None:
    phrases = ["pengguna", "views?", "Pengguna aktif", "awas"]
    guarded = re.compile(word_pattern(phrases, regex=True), re.I)
    unguarded = re.compile(rf"(?<![\w]){phrase_pattern(phrases, regex=True)}(?![\w])", re.I)
    assert _spans(guarded, text) == _spans(unguarded, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | st.text(max_size=30))
def test_lower_words_are_the_runs_of_letters(text: str) -> None:
    lowered = text.lower()
    assert lower_words(lowered) == re.findall(r"[^\W\d_]+", lowered)
