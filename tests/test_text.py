"""Sentence splitting at the edges of a paragraph, and the layout's sentences split on demand."""

from __future__ import annotations

from extract.text import layout, split_sentences


def _sentences(text: str, start: int) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, start, len(text))]


def test_an_initial_or_abbreviation_opening_a_later_paragraph_does_not_end_a_sentence() -> None:
    text = "Judul Berita Hari Ini\nA. Rahman mengatakan pengguna naik. Lalu turun."
    assert _sentences(text, text.index("A.")) == ["A. Rahman mengatakan pengguna naik.", "Lalu turun."]
    text = "Baris pertama.\nRp. 5 juta terkumpul. Itu banyak."
    assert _sentences(text, text.index("Rp.")) == ["Rp. 5 juta terkumpul.", "Itu banyak."]


def test_a_long_word_before_a_full_stop_ends_the_sentence() -> None:
    text = "Mereka fokus pada pengembangannya. Pengguna naik. Tim berkomunikasi. Selesai."
    assert _sentences(text, 0) == ["Mereka fokus pada pengembangannya.", "Pengguna naik.", "Tim berkomunikasi.",
                                   "Selesai."]


def test_layout_sentences_are_each_paragraphs_sentences_in_order() -> None:
    text = ("Judul Berita\n\nKalimat satu di sini. Kalimat dua di sini.\n\nBaca juga: Berita lain\n\n"
            "Paragraf kedua punya satu kalimat saja.")
    lay = layout(text, "id")
    # the headline is read for figures too (it states facts); the "Baca juga" line is not
    assert [text[s.start:s.end] for s in lay.sentences] == [
        "Judul Berita", "Kalimat satu di sini.", "Kalimat dua di sini.", "Paragraf kedua punya satu kalimat saja."]
    assert [s.paragraph for s in lay.sentences] == [0, 1, 1, 2]
    assert lay.sentences_of(2) == lay.sentences[3:]
    assert lay.header == [(0, 12)] and len(lay.body) == 2
