"""The dashboard's pure parts: readable numbers, rate conversion, disagreements, charts, escaping."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from extract import extract_text
from extract.export import to_csv
from timeline import charts, views
from timeline.articles import highlighted_html
from timeline.format import figure_label, readable_number


@pytest.mark.parametrize(("value", "style", "expected"), [
    (10_000_000, "id", "10 juta"), (174_600_000, "id", "174,6 juta"), (30e9, "id", "30 miliar"),
    (100_000, "id", "100 ribu"), (150, "id", "150"), (2.3e12, "id", "2,3 triliun"), (-1.2e6, "id", "-1,2 juta"),
    (10_000_000, "en", "10M"), (174_600_000, "en", "174.6M"), (30e9, "en", "30B"), (1500, "en", "1.5K"),
])
def test_readable_numbers(value: float, style: str, expected: str) -> None:
    assert readable_number(value, style) == expected


def test_labels_keep_units_rates_and_qualifiers() -> None:
    assert figure_label(100_000, "videos", "day") == "100 ribu video/hari"
    assert figure_label(124e6, "IDR", "") == "Rp 124 juta"
    assert figure_label(15, "percent", "") == "15%"
    assert figure_label(10e6, "users", "", "more_than") == "lebih dari 10 juta pengguna"
    assert figure_label(1.3e6, "users", "", "range", 1.4e6) == "1,3 juta – 1,4 juta pengguna"
    assert figure_label(30e9, "views", "month", style="en") == "30B views/month"


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {"article": "a.txt", "metric": "videos_uploaded", "label": "Videos uploaded", "value_max": float("nan"),
            "unit": "videos", "per": "", "qualifier": "", "date_grain": "day", "period": "", "subject": "", "region": "",
            "quote": "", "speaker": "", "start": 0}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for column in ("date", "period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def test_rates_convert_to_one_time_unit() -> None:
    frame = _frame([{"value": 100_000.0, "per": "day", "date": "2020-10-23", "period_start": "2020-10-23",
                     "period_end": "2020-10-23"},
                    {"value": 100e6, "per": "month", "date": "2020-12-31", "period_start": "2020-01-01",
                     "period_end": "2020-12-31"},
                    {"value": 10e6, "per": "", "metric": "users", "date": "2020-12-31", "period_start": "2020-12-31",
                     "period_end": "2020-12-31"}])
    per_month = views.convert_rates(frame, "month")
    assert per_month.value.tolist() == pytest.approx([100_000 * 365.25 / 12, 100e6, 10e6])
    assert per_month.per.tolist() == ["month", "month", ""]
    assert per_month.per_written.tolist() == ["day", "month", ""]
    per_day = views.convert_rates(frame, "day")
    assert per_day.value.tolist() == pytest.approx([100_000, 100e6 * 12 / 365.25, 10e6])
    assert views.convert_rates(frame, "as written").value.tolist() == frame.value.tolist()


def test_disagreement_needs_two_articles_the_same_period_and_ten_percent() -> None:
    rows = [
        {"article": "a.txt", "value": 100.0, "date": "2020-10-23", "period_start": "2020-10-23", "period_end": "2020-10-23"},
        {"article": "b.txt", "value": 120.0, "date": "2020-12-31", "period_start": "2020-01-01", "period_end": "2020-12-31"},
        {"article": "c.txt", "value": 105.0, "date": "2020-10-23", "period_start": "2020-10-23", "period_end": "2020-10-23"},
        {"article": "d.txt", "value": 500.0, "date": "2021-05-01", "period_start": "2021-05-01", "period_end": "2021-05-01"},
    ]
    shown = views.mark_disagreements(views.add_display_columns(_frame(rows)))
    notes = dict(zip(shown.article, shown.disagreement, strict=True))
    assert "differs by 17% from 120" in notes["a.txt"] and "b.txt" in notes["a.txt"]
    assert "c.txt" not in notes["a.txt"]  # 5% apart: agreement
    assert notes["c.txt"].count("b.txt") == 1  # 105 vs 120 is 12.5%
    assert notes["d.txt"] == ""  # another period


def test_latest_figure_and_its_change() -> None:
    rows = [{"article": "a.txt", "value": 5e6, "date": "2019-01-23", "period_start": "2019-01-23", "period_end": "2019-01-23"},
            {"article": "b.txt", "value": 10e6, "date": "2020-01-23", "period_start": "2020-01-23", "period_end": "2020-01-23"}]
    latest = views.latest_figures(views.add_display_columns(_frame(rows)))
    assert len(latest) == 1
    row = latest.iloc[0]
    assert (row.value_label, row.change, row.change_label) == ("10 juta video", 5e6, "+5 juta")


def test_timeline_spec_has_independent_scales_tooltips_and_labels(seed_extraction) -> None:
    shown = views.mark_disagreements(views.add_display_columns(views.convert_rates(seed_extraction.figures, "as written")))
    spec = charts.timeline_chart(shown, start=date(2018, 1, 1), end=date(2020, 12, 31)).to_dict()
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert spec["facet"]["row"]["field"] == "panel"
    layers = spec["spec"]["layer"]
    marks = [layer["mark"]["type"] for layer in layers]
    assert marks == ["rule", "circle", "text", "point"]
    tooltip_fields = {t["field"] for t in layers[1]["encoding"]["tooltip"]}
    assert {"value_label", "value", "date", "date_grain", "qualifier", "quote", "article", "speaker"} <= tooltip_fields
    assert layers[2]["encoding"]["text"]["field"] == "value_label"
    assert layers[1]["encoding"]["y"]["scale"] == {"nice": True, "zero": True}
    data = next(iter(spec["datasets"].values()))
    assert len(data) == 10
    assert {row["value_label"] for row in data} >= {"10 juta pengguna", "100 ribu video/hari", "Rp 124 juta"}


def test_log_scale_is_opt_in(seed_extraction) -> None:
    shown = views.mark_disagreements(views.add_display_columns(views.convert_rates(seed_extraction.figures, "as written")))
    layers = charts.timeline_chart(shown, log_scale=True).to_dict()["spec"]["layer"]
    assert layers[0]["encoding"]["y"]["scale"]["type"] == "log"
    assert "rule" not in [layer["mark"]["type"] for layer in layers]


def test_axis_labels_are_readable() -> None:
    expression = charts.axis_label_expression("id")
    assert "' M'" in expression and "' jt'" in expression and "'G'" not in expression


def test_article_text_is_escaped_when_highlighted() -> None:
    hostile = ('Kamis, 19 Des 2019 21:20 WIB\n\nJudul <b>Berita</b> Yang Panjang\n\n<script>alert(1)</script> '
               '<img src=x onerror=alert(2)> [klik](javascript:alert(3)) Pengguna aplikasi itu mencapai 10 juta.')
    result = extract_text(hostile, "hostile.txt")
    page = highlighted_html(hostile, result.figures)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark" in page and ">10 juta</mark>" in page


def test_csv_defuses_formulas() -> None:
    frame = pd.DataFrame({"Sentence": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "plain"],
                          "Value": [-1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    back = pd.read_csv(io.StringIO(to_csv(frame)))
    assert back.Sentence.tolist()[:5] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert back.Sentence.tolist()[5] == "plain"
    assert back.Value.tolist()[0] == -1.0  # numbers stay numbers
