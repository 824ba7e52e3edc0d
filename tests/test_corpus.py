"""The corpora in extract/corpus are the extractor's specification: one test per surface form.

Each corpus file documents what the rules understand (see the comments in the
files); adding an example there adds a test here.
"""

from __future__ import annotations

import math
import tomllib
from datetime import date
from pathlib import Path

import pytest

from extract import find_figures, parse_amount, parse_article
from extract.dates import find_date_phrases

CORPUS = Path(__file__).parent.parent / "extract" / "corpus"


def _load(name: str) -> dict:
    with (CORPUS / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _cases(name: str) -> list:
    cases = []
    for number, example in enumerate(_load(name)["example"], 1):
        for text in example["texts"]:
            cases.append(pytest.param(example, text, id=f"{name}#{number}:{text[:50]}"))
    return cases


def _close(actual: object, expected: object) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return actual is not None and math.isclose(float(actual), float(expected), rel_tol=1e-9)
    return actual == expected


@pytest.mark.parametrize(("example", "text"), _cases("numbers"))
def test_numbers(example: dict, text: str) -> None:
    value = parse_amount(text, example.get("language", "id"))
    if example["value"] == "none":
        assert value is None, f"{text!r} must not read as a number, got {value}"
    else:
        assert _close(value, example["value"]), f"{text!r} read as {value}, expected {example['value']}"


@pytest.mark.parametrize(("example", "text"), _cases("figures"))
def test_figures(example: dict, text: str) -> None:
    article = parse_article(text, "corpus", language=example.get("language"))
    figures = find_figures(article)
    assert len(figures) == 1, f"{text!r} gave {[(f.raw, f.metric) for f in figures]}"
    figure = figures[0]
    for field, expected in example["expect"].items():
        assert _close(getattr(figure, field), expected), f"{text!r}: {field} = {getattr(figure, field)!r}, expected {expected!r}"
    assert article.text[figure.start:figure.end] == figure.raw


@pytest.mark.parametrize(("example", "text"), _cases("negative"))
def test_negative(example: dict, text: str) -> None:
    article = parse_article(text, "corpus", language=example.get("language"))
    figures = find_figures(article)
    assert figures == [], f"{example['why']}: {text!r} gave {[(f.raw, f.metric, f.value) for f in figures]}"


@pytest.mark.parametrize(("example", "text"), _cases("dates"))
def test_dates(example: dict, text: str) -> None:
    anchor = date.fromisoformat(_load("dates")["anchor"])
    phrases = find_date_phrases(text, example.get("language", "id"), anchor)
    if example["expect"] == "none":
        assert phrases == [], f"{text!r} is not a date, got {[(p.raw, p.period.label) for p in phrases]}"
        return
    assert len(phrases) == 1, f"{text!r} gave {[(p.raw, p.period.label) for p in phrases]}"
    period = phrases[0].period
    assert period.grain == example["expect"]["grain"]
    assert period.label == example["expect"]["label"]
    if "as_of" in example["expect"]:
        assert period.as_of(anchor).isoformat() == example["expect"]["as_of"]


@pytest.mark.parametrize(("example", "text"), _cases("datelines"))
def test_datelines(example: dict, text: str) -> None:
    article = parse_article(text, "corpus", language=example.get("language"))
    expect = example["expect"]
    if expect["published"] == "none":
        assert article.dateline is None, f"{text!r} has no date, got {article.dateline}"
        return
    assert article.dateline is not None, f"no date found in {text!r}"
    assert article.published.isoformat() == expect["published"]
    assert article.dateline.period.grain == expect["grain"]
    if "source" in expect:  # a group may gather forms found by different rules
        assert article.dateline.source == expect["source"]


@pytest.mark.parametrize(("example", "text"), _cases("tables"))
def test_tables(example: dict, text: str) -> None:
    article = parse_article(text, "table")
    figures = find_figures(article)
    fields = sorted({field for expected in example["figures"] for field in expected}) or ["value"]
    found = sorted((tuple(getattr(f, field) for field in fields) for f in figures), key=repr)
    expected = sorted((tuple(e[field] for field in fields) for e in example["figures"]), key=repr)
    assert len(found) == len(expected) and all(
        all(_close(a, b) for a, b in zip(got, want, strict=True)) for got, want in zip(found, expected, strict=True)
    ), f"{example['why']}: got {found}, expected {expected}"
    assert all(article.text[f.start:f.end] == f.raw for f in figures)


def test_corpus_is_large_enough_to_document_the_rules() -> None:
    total = sum(len(e["texts"]) for name in ("numbers", "figures", "dates", "datelines") for e in _load(name)["example"])
    negative = sum(len(e["texts"]) for e in _load("negative")["example"])
    assert total >= 80
    assert negative >= 20


@pytest.mark.parametrize(("example", "text"), _cases("scope"))
def test_time_scope(example: dict, text: str) -> None:
    figures = {figure.raw: figure for figure in find_figures(parse_article(text, "scope"))}
    for raw, period in example["periods"].items():
        assert raw in figures, f"{raw!r} not found in {text!r}: {sorted(figures)}"
        assert figures[raw].period == period, f"{raw!r}: period {figures[raw].period!r}, expected {period!r}"


@pytest.mark.parametrize(("example", "text"), _cases("classify"))
def test_classification(example: dict, text: str) -> None:
    """What each figure measures, whose it is and which part it names (extract/corpus/classify.toml)."""
    figures = {figure.raw: figure for figure in find_figures(parse_article(text, "classify",
                                                                          language=example.get("language")))}
    for raw, expect in example.get("figures", {}).items():
        assert raw in figures, f"{example['why']}: {raw!r} not found in {text!r}: {sorted(figures)}"
        for field, expected in expect.items():
            actual = getattr(figures[raw], field)
            assert _close(actual, expected), f"{example['why']}: {raw!r} {field} = {actual!r}, expected {expected!r}"
    for raw, fields in example.get("unlike", {}).items():
        for field, wrong in fields.items():
            assert raw not in figures or getattr(figures[raw], field) != wrong, \
                f"{example['why']}: {raw!r} must not have {field} = {wrong!r}"
