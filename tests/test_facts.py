"""One row per fact: the mentions of one fact (subject, metric, rate, period, value) collapse into one row."""

from __future__ import annotations

from extract import find_figures, parse_article

ARTICLE = """Kamis, 19 Des 2019 21:20 WIB

Judul Berita Yang Cukup Panjang Sekali

Jakarta - Pengguna aktif bulanan TikTok di Indonesia sudah mencapai 10 juta, kata Angga.

"Pengguna aktif bulanan kami di Indonesia sekarang 10 juta," ujar Angga.

Jakarta - Pengguna aktif bulanan TikTok di Indonesia sudah mencapai 10 juta, kata Angga.

Sebelumnya, pengguna aktif bulanan TikTok di Indonesia tercatat 10,5 juta pada Juni 2019.
"""


def test_mentions_of_one_fact_are_one_row_that_keeps_every_mention() -> None:
    article = parse_article(ARTICLE, "facts")
    figures = find_figures(article)
    december = [f for f in figures if f.value == 10_000_000]
    assert len(december) == 1
    fact = december[0]
    assert fact.mentions == 3
    spans = [tuple(map(int, span.split("-"))) for span in fact.mention_spans.split(";")]
    assert len(spans) == 3 and spans[0] == (fact.start, fact.end)
    assert all(article.text[start:end] == "10 juta" for start, end in spans)
    assert article.text[fact.start:fact.end] == fact.raw
    # the quote differs from the lead; the repeated paragraph does not, so it is not listed twice
    assert fact.other_quotes == '"Pengguna aktif bulanan kami di Indonesia sekarang 10 juta," ujar Angga.'


def test_a_different_value_or_period_is_another_fact() -> None:
    figures = find_figures(parse_article(ARTICLE, "facts"))
    june = [f for f in figures if f.value == 10_500_000]
    assert len(june) == 1 and june[0].mentions == 1 and june[0].period == "2019-06"
    assert len(figures) == 2


HEADLINED = """Pengguna Aplikasi Itu Tembus 20 Juta

Jumat, 5 Mar 2021 10:00 WIB

Jakarta - Jumlah pengguna aktif bulanan aplikasi itu sudah mencapai 20 juta pada Februari 2021, kata juru bicaranya.
"""


def test_a_headline_figure_is_one_more_mention_of_the_body_fact_it_repeats() -> None:
    article = parse_article(HEADLINED, "headlined")
    figures = find_figures(article)
    assert len(figures) == 1
    fact = figures[0]
    assert (fact.metric, fact.period, fact.mentions) == ("monthly_active_users", "2021-02", 2)
    assert article.text[fact.start:fact.end] == fact.raw == "20 juta"  # the body mention, with its context
    headline = HEADLINED.index("20 Juta")
    assert fact.mention_spans == f"{fact.start}-{fact.end};{headline}-{headline + 7}"


def test_a_figure_only_the_headline_states_is_a_fact() -> None:
    text = HEADLINED.replace("sudah mencapai 20 juta pada Februari 2021", "terus tumbuh")
    figures = find_figures(parse_article(text, "headline only"))
    assert [(f.raw, f.value) for f in figures] == [("20 Juta", 20_000_000)]


def test_a_bare_dollar_headline_figure_is_the_body_fact_in_whichever_dollar_the_body_names() -> None:
    text = ("Sea posts net loss of $1.28 billion in second quarter\n\nPublished on Aug. 16, 2022\n\n"
            "Sea's net loss widened to US$931.2 million (S$1.28 billion) in the second quarter of 2022, the company "
            "said.")
    figures = find_figures(parse_article(text, "dollars"))
    assert sorted((f.raw, f.unit, f.mentions) for f in figures) == [("S$1.28 billion", "SGD", 2),
                                                                     ("US$931.2 million", "USD", 1)]
    # a bare "$" that no dollar of the body states stays a fact of its own
    other = find_figures(parse_article(text.replace("$1.28 billion in second", "$2 billion in second"), "dollars"))
    assert ("$2 billion", "USD") in [(f.raw, f.unit) for f in other]


def test_each_item_of_a_list_of_regions_is_a_fact_even_when_values_repeat() -> None:
    text = ("Jumat, 1 Nov 2019 10:00 WIB\n\nJudul berita yang cukup panjang sekali\n\n"
            "Menurut Tongam, server fintech ilegal yang berada di Amerika Serikat mencapai 15 persen, Singapura "
            "delapan persen, Hong Kong satu persen dan Rusia satu persen.")
    figures = find_figures(parse_article(text, "list"))
    # each country is the part of the servers' total it names; the total itself has no place
    assert sorted((f.value, f.part, f.region, f.metric, f.measure) for f in figures) == [
        (1, "Hong Kong", "", "servers", "share"), (1, "Russia", "", "servers", "share"),
        (8, "Singapore", "", "servers", "share"), (15, "United States", "", "servers", "share")]


def test_a_value_restated_without_its_date_is_the_same_fact_dated_by_the_mention_that_names_it() -> None:
    text = ("Rabu, 27 Agu 2025 10:00 WIB\n\nJudul berita yang cukup panjang sekali\n\n"
            "Pada Juli 2025, Gojek menaungi 3,1 juta mitra pengemudi di Indonesia.\n\n"
            "Kini Gojek menaungi 3,1 juta mitra pengemudi, kata Patrick.\n\n"
            "Pada 2024, Gojek menaungi 2,9 juta mitra pengemudi.")
    figures = find_figures(parse_article(text, "restated"))
    assert sorted((f.value, f.period, f.mentions) for f in figures) == [(2_900_000, "2024", 1), (3_100_000, "2025-07", 2)]


def test_two_mentions_that_name_different_dates_stay_two_facts() -> None:
    text = ("Rabu, 27 Agu 2025 10:00 WIB\n\nJudul berita yang cukup panjang sekali\n\n"
            "Pada 2023 Gojek menaungi 3,1 juta mitra pengemudi. Pada 2024 Gojek menaungi 3,1 juta mitra pengemudi.")
    figures = find_figures(parse_article(text, "two dates"))
    assert sorted(f.period for f in figures) == ["2023", "2024"]


def test_a_rate_left_unsaid_on_one_mention_is_the_same_fact() -> None:
    text = ("Rabu, 27 Agu 2025 10:00 WIB\n\nJudul berita yang cukup panjang sekali\n\n"
            "Durasi rata-rata pemakaian internet di Indonesia sebesar 462 menit atau 7 jam 42 menit per hari.")
    figures = find_figures(parse_article(text, "restated rate"))
    assert [(f.value, f.unit, f.per, f.mentions) for f in figures] == [(462, "minutes", "day", 2)]
    assert figures[0].raw == "7 jam 42 menit"  # the mention that states the rate leads the row


def test_the_briefs_shorthand_sentence_gives_its_four_figures_with_their_rates() -> None:
    text = "TikTok kini punya 10M MAU dan 5M DAU, dengan 100k video/hari dan 30B views/bulan."
    figures = find_figures(parse_article(text, "shorthand", language="id"))
    assert [(f.metric, f.value, f.per) for f in figures] == [
        ("monthly_active_users", 10_000_000, ""), ("daily_active_users", 5_000_000, ""),
        ("videos_uploaded", 100_000, "day"), ("video_views", 30_000_000_000, "month")]


def test_a_fact_restated_under_a_broader_metric_is_one_more_mention() -> None:
    """metrics.toml says monthly active users narrow users: "602 million users" restates the MAU fact."""
    text = ("Published on Feb. 7, 2024\n\nA headline that is long enough to be one\n\n"
            "Spotify has amassed 602 million monthly active users.\n\n"
            "As for its audience, Spotify now sits at 602 million users, while Deezer has 10 million users.")
    figures = find_figures(parse_article(text, "broader"))
    assert sorted((f.metric, f.value, f.mentions) for f in figures) == [
        ("monthly_active_users", 602_000_000, 2), ("users", 10_000_000, 1)]
