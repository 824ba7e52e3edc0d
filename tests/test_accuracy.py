"""Accuracy on the real-news corpus (tests/news) never drops unnoticed: floors a little under the measured level.

The figures come from ``python benchmarks/accuracy.py``, which scores the extractor against facts annotated by
hand. Raise a floor when a change lifts the score for good; never lower one to make a change pass.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402

# The articles the rules were first written from (the gold of no first-sight batch), measured at the commit that
# set them, minus about 0.02 (0.03 for dates): (precision, recall, dates right). Values and dates must not drop.
FLOORS = {"id": (0.93, 0.88, 0.88), "en": (0.93, 0.93, 0.87)}
MIN_ARTICLES = {"id": 35, "en": 25}
# The whole corpus, first-sight batches included (measured on 130 articles, minus about 0.02): what the timeline
# shows. `other` is a ceiling, the rest floors. These were first set on 110 articles; the 20 of batch C are
# harder (new companies no list knows, undated pages), so the same floors measured on 130 are lower: the change
# is the corpus, not the rules (`--batch corpus` keeps the 70 first articles' floors above, unchanged).
SERIES_FLOORS = {
    "id": {"precision": 0.93, "recall": 0.87, "dates_right": 0.71, "named_share": 0.91, "metrics_right": 0.65,
           "subjects_right": 0.77, "places_right": 0.46, "charted": 0.36},
    "en": {"precision": 0.93, "recall": 0.88, "dates_right": 0.71, "named_share": 0.86, "metrics_right": 0.63,
           "subjects_right": 0.69, "places_right": 0.43, "charted": 0.33},
}
OTHER_CEILING = {"id": 0.09, "en": 0.14}
MIN_ALL_ARTICLES = {"id": 70, "en": 60}


@pytest.fixture(scope="module")
def totals() -> dict[str, accuracy.Totals]:
    return accuracy.score(batch="corpus")[0]


@pytest.fixture(scope="module")
def all_totals() -> dict[str, accuracy.Totals]:
    return accuracy.score()[0]


@pytest.mark.parametrize("language", ["id", "en"])
def test_accuracy_stays_above_its_floor(totals: dict[str, accuracy.Totals], language: str) -> None:
    measured = totals[language]
    precision, recall, dates = FLOORS[language]
    assert measured.articles >= MIN_ARTICLES[language]
    assert measured.precision >= precision, f"{language} precision {measured.precision:.3f} < {precision}"
    assert measured.recall >= recall, f"{language} recall {measured.recall:.3f} < {recall}"
    assert measured.dates_right >= dates, f"{language} dates right {measured.dates_right:.3f} < {dates}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_series_accuracy_stays_above_its_floor(all_totals: dict[str, accuracy.Totals], language: str) -> None:
    """Metric, subject, place and charted right on every article with gold, and `other` stays rare."""
    measured = all_totals[language]
    assert measured.articles >= MIN_ALL_ARTICLES[language]
    for name, floor in SERIES_FLOORS[language].items():
        value = getattr(measured, name)
        assert value >= floor, f"{language} {name} {value:.3f} < {floor}"
    assert measured.other_share <= OTHER_CEILING[language], \
        f"{language} other {measured.other_share:.3f} > {OTHER_CEILING[language]}"


def test_every_gold_file_is_well_formed_and_points_at_its_text() -> None:
    """Each fact's and non-figure's ``raw`` is in its article, values are numbers, dates are parseable."""
    files = accuracy.gold_files()
    assert len(files) >= sum(MIN_ARTICLES.values())
    for path in files:
        gold = accuracy.load_gold(path)
        name = path.name.removesuffix(".gold.toml") + ".txt"
        texts = [path.with_name(name).read_text(encoding="utf-8")]
        if (accuracy.AS_FOUND / name).exists():  # a first-sight page: its gold holds on the page as found too
            texts.append((accuracy.AS_FOUND / name).read_text(encoding="utf-8"))
        assert gold["language"] in ("id", "en"), path.name
        accuracy.date_span(gold.get("published", ""))
        for item in gold.get("fact", []) + gold.get("non_figure", []):
            for text in texts:
                assert item["raw"] in text, f"{path.name}: {item['raw']!r} is not in the article"
        for fact in gold.get("fact", []):
            assert isinstance(fact["value"], int | float), f"{path.name}: {fact['raw']!r}"
            accuracy.date_span(fact.get("as_of", ""))


def test_the_scorer_matches_one_to_one_and_counts_what_it_should() -> None:
    """Two rows for one fact: one match and one duplicate; a row on a non-figure is counted as such."""
    text = "Pengguna mencapai 10 juta. Pengguna mencapai 10 juta. Harga Rp 15.000."
    gold = {"language": "id", "fact": [{"raw": "10 juta", "value": 10_000_000, "as_of": "2019"}],
            "non_figure": [{"raw": "Rp 15.000", "why": "price"}]}
    rows = [{"raw": "10 juta", "value": 1e7, "start": 18, "end": 25, "date": date(2019, 12, 31), "metric": "users"},
            {"raw": "10 juta", "value": 1e7, "start": 45, "end": 52, "date": None, "metric": "users"},
            {"raw": "Rp 15.000", "value": 15000.0, "start": 60, "end": 69, "date": None, "metric": "other"}]
    one = accuracy.score_article(text, gold, rows, "example")
    assert (one.matched, one.dated_right, one.duplicates, one.non_figures_kept) == (1, 1, 1, 1)
    totals = accuracy.Totals()
    totals.add(one)
    assert totals.precision == pytest.approx(1 / 3) and totals.recall == 1.0
