"""The dashboard's pure parts: readable numbers, rate conversion, disagreements, charts, escaping."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract import extract_articles, extract_text
from extract.export import to_csv
from timeline import charts, views
from timeline.articles import highlighted_html
from timeline.format import figure_label, readable_number

ROOT = Path(__file__).parent


@pytest.mark.parametrize(("value", "style", "expected"), [
    (10_000_000, "id", "10 juta"), (174_600_000, "id", "174,6 juta"), (30e9, "id", "30 miliar"),
    (100_000, "id", "100 ribu"), (150, "id", "150"), (2.3e12, "id", "2,3 triliun"), (-1.2e6, "id", "-1,2 juta"),
    (10_000_000, "en-short", "10M"), (174_600_000, "en-short", "174.6M"), (30e9, "en-short", "30B"),
    (1500, "en-short", "1.5K"), (174_600_000, "en", "174.6 million"), (829_200_000, "en", "829.2 million"),
    (174_600_000, "id-short", "174,6\xa0jt"), (1.25e9, "id", "1,25 miliar"), (15.5, "en", "15.5"), (15.5, "id", "15,5"),
])
def test_readable_numbers(value: float, style: str, expected: str) -> None:
    assert readable_number(value, style) == expected


def test_labels_keep_units_rates_and_qualifiers() -> None:
    assert figure_label(100_000, "videos", "day") == "100 ribu video/hari"
    assert figure_label(124e6, "IDR", "") == "Rp 124 juta"
    assert figure_label(15, "percent", "") == "15%"
    assert figure_label(10e6, "users", "", "more_than") == "lebih dari 10 juta pengguna"
    assert figure_label(1.3e6, "users", "", "range", 1.4e6) == "1,3 juta – 1,4 juta pengguna"
    assert figure_label(30e9, "views", "month", style="en-short") == "30B views/month"
    assert figure_label(30e9, "views", "month", style="en") == "30 billion views/month"


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


def test_a_disputed_fact_says_by_how_much_and_from_where() -> None:
    prepared = views.prepare(extract_articles([ROOT / "fixtures" / "same_fact"]).figures)
    notes = dict(zip(prepared.facts["value_label"], prepared.facts["disagreement"], strict=True))
    assert notes["99 juta pengguna"].startswith("differs by 7% from 92,07 juta pengguna in c_detik_style.txt; ")
    assert notes["99 juta pengguna"].endswith("(2022-06)")
    assert notes["92,07 juta pengguna"] == "differs by 7% from 99 juta pengguna in d_other_count.txt (2022-06)"
    assert notes["99,15 juta pengguna"] == ""


def test_timeline_spec_draws_series_as_lines_with_tooltips_and_labels(seed_extraction) -> None:
    shown = views.prepare(seed_extraction.figures).facts
    spec = charts.timeline_chart(shown, start=date(2018, 1, 1), end=date(2020, 12, 31)).to_dict()
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert spec["facet"]["row"]["field"] == "panel"
    layers = spec["spec"]["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["point", "line", "point", "text", "point", "point"]
    headroom, line, points, labels, _, corrected = layers
    assert corrected["transform"] == [{"filter": "(datum.correction !== '')"}]
    assert headroom["mark"]["opacity"] == 0 and headroom["encoding"]["y"]["field"] == "y_top"
    assert line["encoding"]["detail"]["field"] == "series_id" and line["encoding"]["color"]["field"] == "subject"
    tooltip_fields = {t["field"] for t in points["encoding"]["tooltip"]}
    assert {"series", "value_label", "value", "date", "period", "date_grain", "qualifier", "quote", "article",
            "speaker", "sources"} <= tooltip_fields
    assert labels["encoding"]["text"]["field"] == "point_label"
    assert points["encoding"]["y"]["scale"] == {"nice": False, "zero": True}
    data = next(iter(spec["datasets"].values()))
    assert len(data) == 10
    assert {row["point_label"] for row in data} >= {"10 juta pengguna", "100 ribu video/hari", "Rp 124 juta"}


def _boxes(data: pd.DataFrame, start, end) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The pixel box of every drawn label, worked out the way charts.label_points does."""
    boxes = []
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    usable = charts.PANEL_WIDTH - 2 * charts.X_PADDING
    for _, panel in data.groupby("panel"):
        high = panel["y_top"].iloc[0]
        low = min(0.0, panel["value"].min())
        for row in panel[panel["point_label"] != ""].itertuples():
            x = charts.X_PADDING + (row.date - first).total_seconds() / (last - first).total_seconds() * usable
            y = charts.PANEL_HEIGHT * (1 - (row.value - low) / (high - low))
            width = charts.CHAR_WIDTH * len(row.point_label)
            boxes.append((row.panel, (x - width / 2, y - charts.LABEL_OFFSET - charts.LABEL_HEIGHT, x + width / 2,
                                      y - charts.LABEL_OFFSET + 3)))
    return boxes


def test_labels_go_to_last_points_and_never_overlap() -> None:
    facts = views.prepare(extract_articles([ROOT / "news"]).figures).facts
    chosen = views.chosen_series(facts, views.Filters()).facts
    start, end = chosen["date"].min(), chosen["date"].max()
    data = charts.chart_data(chosen, start=start, end=end)
    labelled = data[data["point_label"] != ""]
    assert len(labelled) >= 8  # most series keep their label
    last = data.sort_values("date", kind="stable").groupby("series_id").tail(1).index
    assert set(labelled.index) <= set(last)  # only a series' last fact is labelled
    boxes = _boxes(data, start, end)
    for i, (panel, one) in enumerate(boxes):
        for other_panel, other in boxes[i + 1:]:
            if panel == other_panel:
                assert one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]


def test_chart_downloads_carry_their_sources(seed_extraction) -> None:
    shown = views.prepare(seed_extraction.figures).facts
    data = charts.chart_data(shown, start=date(2018, 1, 1), end=date(2020, 12, 31))
    spec = charts.timeline_spec(log_scale=False, positive=True, start=date(2018, 1, 1), end=date(2020, 12, 31))
    exported = charts.export_spec(spec, data)
    assert exported["title"]["subtitle"][0].startswith("Sources: 000_2cffdb298a2ed0f2.txt, 001_4b832c56c53362f4.txt")
    svg = charts.to_svg(exported)
    assert svg.startswith("<svg") and "Sources: 000_2cffdb298a2ed0f2.txt" in svg and "Rp 124 juta" in svg
    assert charts.to_png(exported, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"


def test_log_scale_is_opt_in(seed_extraction) -> None:
    shown = views.prepare(seed_extraction.figures).facts
    assert charts.timeline_chart(shown).to_dict()["spec"]["layer"][1]["encoding"]["y"]["scale"].get("type") is None
    layers = charts.timeline_chart(shown, log_scale=True).to_dict()["spec"]["layer"]
    assert layers[1]["encoding"]["y"]["scale"]["type"] == "log"


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
