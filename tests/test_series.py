"""Series and facts across articles (extract/series.py) and what the dashboard makes of them (timeline/views.py).

The folder ``tests/fixtures/same_fact`` holds five short articles written for these tests: three outlets report
TikTok's monthly active users in Indonesia for June 2022 ("92 juta", "92 million", "92,07 juta"), a fourth gives
99 juta for the same month, a fifth gives Instagram's 99,15 juta. The real-news corpus ``tests/news`` (62 articles,
28 subjects) checks that the model holds on real pages.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract import extract_articles
from extract.numbers import written_precision
from extract.series import SERIES_PARTS, add_series, disagreements, merge_facts, same_value, series_label
from timeline import views

ROOT = Path(__file__).parent
SAME_FACT = ROOT / "fixtures" / "same_fact"
NEWS = ROOT / "news"


@pytest.fixture(scope="module")
def same_fact() -> views.Prepared:
    return views.prepare(extract_articles([SAME_FACT]).figures)


@pytest.fixture(scope="module")
def news_figures() -> pd.DataFrame:
    return extract_articles([NEWS]).figures


def test_a_fact_three_articles_report_is_one_point_with_three_sources(same_fact: views.Prepared) -> None:
    tiktok = same_fact.facts[same_fact.facts["subject"] == "TikTok"]
    agreed = tiktok[tiktok["sources"] == 3]
    assert len(agreed) == 1
    fact = agreed.iloc[0]
    assert fact["value"] == 92.07e6  # the most precise statement is the one kept
    assert fact["series"] == "TikTok · Monthly active users · Indonesia" and fact["period"] == "2022-06"
    assert set(fact["source_articles"].split("; ")) == {"a_kompas_style.txt", "b_english_wire.txt",
                                                        "c_detik_style.txt"}


def test_disagreements_are_only_within_a_series(same_fact: views.Prepared) -> None:
    facts, pairs = same_fact.facts, same_fact.disagreements
    assert len(pairs) == 1
    first, second = facts.loc[pairs.iloc[0]["first"]], facts.loc[pairs.iloc[0]["second"]]
    assert {first["value"], second["value"]} == {92.07e6, 99e6}
    assert pairs.iloc[0]["difference"] == pytest.approx(1 - 92.07 / 99)
    instagram = facts[facts["subject"] == "Instagram"].iloc[0]
    assert instagram["disagreement"] == ""  # 99,15 juta for Instagram is no contradiction of TikTok's 99 juta
    listed = views.disagreement_list(facts, pairs)
    assert listed.iloc[0]["series"] == "TikTok · Monthly active users · Indonesia"
    assert {listed.iloc[0]["value"], listed.iloc[0]["other_value"]} == {"92,07 juta pengguna", "99 juta pengguna"}
    assert "d_other_count.txt" in listed.iloc[0]["other_sources"] + listed.iloc[0]["sources"]


@pytest.mark.parametrize(("one", "other", "same"), [
    ((196.7e6, 1e5, ""), (200e6, 1e6, "approx"), False),  # "sekitar 200 juta" allows 199-201 juta only
    ((132.7e6, 1e5, ""), (132e6, 1e6, "more_than"), True),  # "lebih dari 132 juta"
    ((221_563_479, 1, ""), (221e6, 1e6, "more_than"), True),  # the APJII headline and its body
    ((150e6, 1e6, ""), (200e6, 1e6, ""), False),
    ((24.0, 1, ""), (20.0, 1, ""), False),  # "24%" and "20%" are two values, trailing zero or not
    ((92.07e6, 1e4, ""), (92e6, 1e6, ""), True),  # rounded to the million
    ((92.6e6, 1e5, ""), (92e6, 1e6, ""), False),  # would round to 93 juta
    ((1.4e9, 1e8, ""), (1.35e9, 1e7, ""), False),
])
def test_values_agree_within_the_rounding_of_the_less_precise(one, other, same: bool) -> None:
    assert same_value(*one, *other) is same
    assert same_value(*other, *one) is same


@pytest.mark.parametrize(("value", "multiplier", "expected"), [
    (196.7e6, 1e6, 1e5), (200e6, 1e6, 1e6), (20.0, 1.0, 1.0), (73.7, 1.0, 0.1), (221_563_479.0, 1.0, 1.0),
    (1.5e9, 1e9, 1e8), (-11.0e6, 1e6, 1e6), (92.07e6, 1e6, 1e4),
])
def test_written_precision_is_the_last_written_digit(value: float, multiplier: float, expected: float) -> None:
    assert written_precision(value, multiplier) == pytest.approx(expected)


def test_series_labels_name_subject_metric_and_region() -> None:
    assert series_label("TikTok", "Monthly active users", "Indonesia") == "TikTok · Monthly active users · Indonesia"
    assert series_label("", "Downloads", "") == "(no subject) · Downloads"
    assert series_label("Sea", "Revenue", "", "growth", "yoy", "digital entertainment") == \
        "Sea · Revenue · growth YoY · digital entertainment"
    assert series_label("APJII", "Internet users", "Indonesia", "share", "", "Java") == \
        "APJII · Internet users · share · Java · Indonesia"


def test_a_growth_rate_a_share_and_a_level_of_one_metric_are_three_series() -> None:
    """Rates of one company are never lumped into one line: the measure, its basis and the part are key parts."""
    rows = [dict(subject="Sea", metric="revenue", label="Revenue", measure=m, basis=b, part=p, region="",
                 unit=u, per="") for m, b, p, u in [("", "", "", "USD"), ("growth", "yoy", "", "percent"),
                                                    ("growth", "qoq", "", "percent"), ("share", "", "Shopee", "percent")]]
    keyed = add_series(pd.DataFrame(rows))
    assert keyed["series_id"].nunique() == 4
    assert list(keyed["series"]) == ["Sea · Revenue", "Sea · Revenue · growth YoY", "Sea · Revenue · growth QoQ",
                                     "Sea · Revenue · share · Shopee"]
    old = add_series(pd.DataFrame([dict(subject="Sea", metric="revenue", label="Revenue", region="", unit="USD",
                                        per="")]))  # a frame written before the measure existed
    assert old["series"].iloc[0] == "Sea · Revenue"


def test_series_never_mix_subjects_units_regions_or_rates(news_figures: pd.DataFrame) -> None:
    assert news_figures["article"].nunique() >= 30 and news_figures["subject"].replace("", pd.NA).nunique() >= 10
    prepared = views.prepare(news_figures)
    facts = prepared.facts
    for column in SERIES_PARTS:
        assert (facts.groupby("series_id")[column].nunique() == 1).all(), column
    assert (facts.groupby("series_id")["series"].nunique() == 1).all()
    for first, second in zip(prepared.disagreements["first"], prepared.disagreements["second"], strict=True):
        one, other = facts.loc[first], facts.loc[second]
        assert one["series_id"] == other["series_id"] and one["period"] == other["period"]
    per_month = views.prepare(news_figures, "month").facts
    assert (per_month.groupby("series_id")["per"].nunique() == 1).all()


def test_merging_facts_twice_changes_nothing(news_figures: pd.DataFrame) -> None:
    once = merge_facts(news_figures)
    twice = merge_facts(once)
    assert len(twice) == len(once)
    assert twice["sources"].tolist() == once["sources"].tolist()
    assert len(once) <= len(news_figures)


def test_one_article_giving_two_values_in_one_period_is_flagged_not_stacked() -> None:
    rows = pd.DataFrame({
        "article": ["a.txt", "a.txt"], "subject": ["Grab", "Grab"], "metric": ["growth", "growth"],
        "label": ["Growth", "Growth"], "region": ["", ""], "unit": ["percent", "percent"], "per": ["", ""],
        "period": ["2025-Q3", "2025-Q3"], "value": [24.0, 20.0], "value_max": [float("nan")] * 2,
        "qualifier": ["", ""], "precision": [1.0, 1.0], "mentions": [1, 1],
        "published": pd.to_datetime(["2025-11-01"] * 2)})
    facts = merge_facts(add_series(rows))
    assert len(facts) == 2  # 24% and 20% (at constant currency, say) are two facts ...
    pairs = disagreements(facts)  # ... that one series and period cannot hold silently: flagged, as one article's
    assert len(pairs) == 1 and pairs["same_article"].tolist() == [True]
    marked = views.mark_disagreements(views.add_display_columns(facts), pairs)
    assert all("(the same article)" in note for note in marked["disagreement"])


def test_the_chart_shows_readable_series_first_and_hides_other(news_figures: pd.DataFrame) -> None:
    facts = views.prepare(news_figures).facts
    chosen = views.chosen_series(facts, views.Filters())
    assert chosen.all_series > views.DEFAULT_SERIES and chosen.shown_series == views.DEFAULT_SERIES
    assert chosen.facts["series_id"].nunique() == views.DEFAULT_SERIES
    assert "other" not in set(chosen.facts["metric"]) and chosen.others_hidden == (facts["metric"] == "other").sum()
    dated = views.plausible(facts[facts["metric"] != "other"])
    rank = {key: (group["measure"].iloc[0] == "", group["period"].nunique(), group["sources"].sum())
            for key, group in dated.groupby("series_id")}
    shown = set(chosen.facts["series_id"])
    # levels before rates, then the most periods, then the most sources: none left out ranks above one shown
    assert max(r for key, r in rank.items() if key not in shown) <= min(rank[key] for key in shown)
    assert sum(rank[key][0] for key in shown) == views.DEFAULT_SERIES  # a corpus this size has levels enough
    apjii = views.chosen_series(views.filter_figures(facts, views.Filters(subjects=("APJII",))),
                                views.Filters(subjects=("APJII",)))
    assert apjii.shown_series == apjii.all_series == facts[
        (facts["subject"] == "APJII") & (facts["metric"] != "other") & facts["date"].notna()]["series_id"].nunique()
    only_other = views.Filters(metrics=("other",))
    with_other = views.chosen_series(views.filter_figures(facts, only_other), only_other, show_other=True)
    assert set(with_other.facts["metric"]) == {"other"}


def test_cards_give_each_series_its_latest_value_and_change() -> None:
    rows = pd.DataFrame({
        "article": ["a.txt", "b.txt", "c.txt"], "subject": ["TikTok", "TikTok", "Instagram"],
        "metric": ["monthly_active_users"] * 3, "label": ["Monthly active users"] * 3,
        "region": ["Indonesia"] * 3, "unit": ["users"] * 3, "per": [""] * 3,
        "period": ["2019-01", "2020-06", "2020-06"], "value": [10e6, 30e6, 60e6], "value_max": [float("nan")] * 3,
        "qualifier": [""] * 3, "precision": [1e6] * 3, "mentions": [1] * 3, "start": [0, 0, 0],
        "date_grain": ["month"] * 3,
        "date": pd.to_datetime(["2019-01-31", "2020-06-30", "2020-06-30"]),
        "published": pd.to_datetime(["2019-02-01", "2020-07-01", "2020-07-01"])})
    facts = views.prepare(rows).facts
    latest = views.latest_by_series(facts).set_index("series")
    tiktok = latest.loc["TikTok · Monthly active users · Indonesia"]
    assert (tiktok["amount_label"], tiktok["change_label"], tiktok["previous_period"]) == ("30 juta", "+20 juta",
                                                                                          "2019-01")
    instagram = latest.loc["Instagram · Monthly active users · Indonesia"]
    assert instagram["change_label"] == "" and instagram["amount_label"] == "60 juta"


def test_aliases_fold_into_one_series_across_outlets() -> None:
    texts = [("a.txt", "Senin, 5 Okt 2020 10:00 WIB\n\nJudul berita yang cukup panjang\n\nJakarta - Pengguna aktif "
                       "bulanan Tik Tok di Indonesia mencapai 10 juta pada September 2020."),
             ("b.txt", "Selasa, 6 Okt 2020 10:00 WIB\n\nJudul berita yang cukup panjang\n\nJakarta - TikTok Indonesia "
                       "mencatat 12 juta pengguna aktif bulanan pada Oktober 2020.")]
    facts = views.prepare(extract_articles([(name, text.encode()) for name, text in texts]).figures).facts
    assert facts["series"].tolist() == ["TikTok · Monthly active users · Indonesia"] * 2
    assert facts["series_id"].nunique() == 1 and facts["period"].tolist() == ["2020-09", "2020-10"]
