"""The article time stage (extract/article_time.py): when an article was written, and what its figures fall back to."""

from __future__ import annotations

from datetime import date

from extract import find_figures, parse_article
from extract.article import parse_article_bytes
from extract.frame import extract_articles


def _figures(text: str, language: str | None = None) -> dict[str, object]:
    return {f.raw: f for f in find_figures(parse_article(text, "time", language=language))}


def test_a_publication_date_most_of_the_text_contradicts_is_set_aside_not_the_figures() -> None:
    # a page whose metadata guess took the 1995 of "Pengguna aplikasi 1995" for its date
    paragraph = "<p>Pengguna aplikasi 1995 mencapai 16 juta pada 2020.</p>"
    page = f"<html><head><title>Aplikasi</title></head><body>{paragraph * 200}</body></html>".encode()
    article = parse_article_bytes(page, "probe.html")
    assert article.dateline is None and article.set_aside is not None and article.set_aside.period.first.year == 1995
    figures = find_figures(article)
    assert [(f.value, f.date, f.date_confidence) for f in figures] == [(16_000_000, date(2020, 12, 31), "stated")]
    assert figures[0].mentions == 200  # every paragraph states it: one fact, nothing dropped as a "forecast"


def test_forecasts_after_the_date_do_not_contradict_it() -> None:
    text = ("Jakarta, 5 Mei 2021 - Pengguna aplikasi itu mencapai 16 juta pada 2020. Jumlahnya ditargetkan 30 juta "
            "pada 2025. Perusahaan menargetkan 40 juta pengguna pada 2026 dan diproyeksikan 50 juta pada 2027.")
    article = parse_article(text, "forecasts")
    assert article.dateline is not None and article.set_aside is None
    assert [f.raw for f in find_figures(article)] == ["16 juta"]  # the targets stay forecasts


def test_an_undated_article_reads_this_year_against_the_period_its_lead_names() -> None:
    text = ("J&T Express said its Southeast Asia market posted record growth in the first half ended June 30, 2025.\n\n"
            "The company delivered 1.69 billion parcels in Southeast Asia in the second quarter of this year.")
    figures = _figures(text, "en")
    assert (figures["1.69 billion"].period, figures["1.69 billion"].date_confidence) == ("2025-Q2", "inferred")


def test_against_an_inferred_anchor_only_its_own_period_is_read() -> None:
    from extract.article_time import article_time
    from extract.dates import find_relative_phrases
    from extract.lexicon import load_language
    from extract.patterns import figure_patterns

    text = "Sepanjang semester I 2025 pengguna naik. Tahun ini tumbuh, tahun lalu turun, kini stabil."
    article = parse_article(text, "anchor")
    time = article_time(article, figure_patterns("id"), load_language("id"))
    assert time.published is None and time.anchor == date(2025, 6, 30) and time.inferred
    read = time.readable(find_relative_phrases(text, "id", time.anchor))
    raws = [p.raw.lower() for p in read]
    assert "tahun ini" in raws and "tahun lalu" not in raws and "kini" not in raws  # those need the day


def test_an_article_without_any_date_stays_undated() -> None:
    figures = _figures("Pengguna aplikasi itu mencapai 16 juta tahun ini.")
    assert figures["16 juta"].date is None and figures["16 juta"].date_confidence == "none"


def test_date_confidence_says_where_the_date_came_from() -> None:
    figures = _figures("Jakarta, 5 Mei 2020 - Pengguna aplikasi itu mencapai 16 juta pada 2019. Tahun ini pengguna "
                       "mencapai 20 juta.\n\nJumlah mitra mencapai 5 ribu.")
    assert figures["16 juta"].date_confidence == "stated"  # its sentence writes the year
    assert figures["20 juta"].date_confidence == "stated"  # "tahun ini" read against a stated date
    assert (figures["5 ribu"].date_source, figures["5 ribu"].date_confidence) == ("article", "inferred")


def test_the_status_table_says_a_date_was_set_aside(tmp_path) -> None:
    paragraph = "<p>Pengguna aplikasi 1995 mencapai 16 juta pada 2020.</p>"
    (tmp_path / "probe.html").write_text(f"<html><head><title>A</title></head><body>{paragraph * 50}</body></html>")
    result = extract_articles([tmp_path / "probe.html"])
    row = result.status.iloc[0]
    assert row["status"] == "no date" and row["date_source"].startswith("set aside")
    assert result.figures["date_confidence"].tolist() == ["stated"]
