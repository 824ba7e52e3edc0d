"""Altair charts of the facts. Plain functions returning charts, so tests can read them with ``to_dict()``.

The timeline is small multiples, one row per panel (metric, unit and rate), each with its own y scale: 10
thousand and 30 billion never share an axis. In a panel each series (one subject's metric in one region) is a
line through its facts, coloured by subject; a point's tooltip carries its value, period and grain, qualifier,
sentence, article, speaker and number of sources. Facts another source contradicts get a red ring; facts an
analyst corrected get a dark square, and their tooltip says what was corrected and why.

Labels never overprint: only the last fact of each series may carry one, and :func:`label_points` keeps a label
only where its box, worked out in the panel's pixels, clears every label kept before it (series with the most
facts first). Vega-Lite has no collision avoidance of its own, so the chart's y scale is made predictable for
that: it starts at zero (or the lowest value) and ends at ``y_top``, a headroom above the panel's highest value,
with no "nice" rounding. A log scale is an opt-in.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from extract.series import NO_SUBJECT
from timeline.format import language_of
from timeline.i18n import t

PANEL_WIDTH = 620
PANEL_HEIGHT = 150
X_PADDING = 40  # pixels between the panel's edge and the first or last date
HEADROOM = 1.2  # the y scale ends this far above the panel's highest value (log: this factor in decades)
LABEL_OFFSET = 12  # a label's baseline stands this many pixels above its point
LABEL_FONT_SIZE = 11
CHAR_WIDTH = 6.6  # a generous average advance of the label font at 11 px (digits, lower case, "Rp", "%")
LABEL_HEIGHT = 13
LABEL_MARGIN = 3
DISAGREEMENT_COLOR = "#d62728"
CORRECTED_COLOR = "#222222"  # a square around a point an analyst corrected
ORIGIN_SHAPES = {"data folder": "circle", "added": "diamond"}
SVG_MAX_POINTS = 2_000  # up to this many points the chart is drawn as SVG (its labels can be measured in a test)

TOOLTIP_FIELDS = [  # field, title (in English: timeline.i18n translates it), format
    ("series:N", "Series", None),
    ("value_label:N", "Figure", None),
    ("value:Q", "Value", ",.2f"),
    ("date:T", "Date", "%Y-%m-%d"),
    ("period:N", "Period", None),
    ("date_grain:N", "Grain", None),
    ("date_confidence:N", "Date is", None),
    ("qualifier:N", "Qualifier", None),
    ("quote:N", "Sentence", None),
    ("article:N", "Article", None),
    ("speaker:N", "Speaker", None),
    ("sources:Q", "Sources", None),
    ("source_articles:N", "Source articles", None),
    ("origin:N", "Origin", None),
    ("disagreement:N", "Disagreement", None),
    ("correction:N", "Correction", None),
    ("correction_note:N", "Correction note", None),
]


def tooltip(language: str = "en") -> list[alt.Tooltip]:
    """The tooltip of every mark: the figure, its date and how sure it is, its sentence, article and sources."""
    return [alt.Tooltip(field, title=t(title, language), **({"format": fmt} if fmt else {}))
            for field, title, fmt in TOOLTIP_FIELDS]


CHART_COLUMNS = [field.split(":")[0] for field, _, _ in TOOLTIP_FIELDS] + ["panel", "series_id", "subject", "point_label",
                                                                          "y_top"]


def chart_data(frame: pd.DataFrame, *, start=None, end=None, log_scale: bool = False,
               language: str = "en") -> pd.DataFrame:
    """The columns the chart reads, for the dated facts only (an undated fact has no place on a timeline), with
    each panel's headroom ``y_top`` and the labels that fit (``point_label``, empty where none is drawn)."""
    data = frame.dropna(subset=["date"]).copy()
    if "sources" not in data.columns:
        data["sources"] = 1
        data["source_articles"] = data["article"]
    for column in ("correction", "correction_note"):
        if column not in data.columns:
            data[column] = ""
        data[column] = data[column].fillna("")
    if "series_id" not in data.columns:
        data["series_id"] = data["panel"]
        data["series"] = data["panel"]
    # a legend entry, not a blank
    data["subject"] = data["subject"].where(data["subject"].fillna("") != "", t(NO_SUBJECT, language))
    data = data.sort_values(["panel", "series_id", "date", "value"], kind="stable").reset_index(drop=True)
    data["y_top"] = _headroom(data, log_scale)
    data["point_label"] = label_points(data, start=start, end=end, log_scale=log_scale)
    return data[CHART_COLUMNS]


def _headroom(data: pd.DataFrame, log_scale: bool) -> pd.Series:
    highest = data.groupby("panel", sort=False)["value"].transform("max")
    if log_scale:
        return highest * 10 ** (HEADROOM - 1)
    return highest.where(highest > 0, 0.0) * HEADROOM + (highest <= 0) * 1.0


def label_points(data: pd.DataFrame, *, start=None, end=None, log_scale: bool = False) -> pd.Series:
    """The label each point shows: the last fact of each series, where its box clears the labels kept before it.

    Boxes are worked out in the panel's pixels from the chart's own scales (x: the date domain over the panel
    width less its padding; y: zero or the lowest value to ``y_top``). Series with the most facts are labelled
    first. Everything else shows in the tooltip.
    """
    labels = pd.Series("", index=data.index, dtype=object)
    if data.empty:
        return labels
    dates = data["date"].astype("datetime64[ns]")
    first = pd.Timestamp(start) if start is not None else dates.min()
    last = pd.Timestamp(end) if end is not None else dates.max()
    span = max((last - first).total_seconds(), 1.0)
    usable = PANEL_WIDTH - 2 * X_PADDING
    x = X_PADDING + (dates - first).dt.total_seconds() / span * usable
    for _, panel in data.groupby("panel", sort=False):
        low, high = _y_domain(panel, log_scale)
        facts = panel.groupby("series_id", sort=False)["value"].transform("size")
        last_points = panel.assign(_facts=facts).sort_values("date", kind="stable").groupby(
            "series_id", sort=False).tail(1).sort_values(["_facts", "date"], ascending=False, kind="stable")
        kept: list[tuple[float, float, float, float]] = []
        for index, row in last_points.iterrows():
            y = PANEL_HEIGHT * (1 - (_y_position(row["value"], log_scale) - low) / (high - low))
            width = CHAR_WIDTH * len(row["value_label"])
            box = (x[index] - width / 2, y - LABEL_OFFSET - LABEL_HEIGHT, x[index] + width / 2, y - LABEL_OFFSET + 3)
            if all(_apart(box, other) for other in kept):
                kept.append(box)
                labels[index] = row["value_label"]
    return labels


def _y_position(value: float, log_scale: bool) -> float:
    return math.log10(value) if log_scale and value > 0 else value


def _y_domain(panel: pd.DataFrame, log_scale: bool) -> tuple[float, float]:
    values = panel["value"].to_numpy(dtype=float)
    top = float(panel["y_top"].iloc[0])
    if log_scale:
        positive = values[values > 0]
        low = math.log10(positive.min()) if len(positive) else 0.0
        return low, max(math.log10(top) if top > 0 else low + 1, low + 1e-9)
    low = min(0.0, float(np.nanmin(values)))
    return low, max(top, low + 1e-9)


def _apart(one: tuple[float, float, float, float], other: tuple[float, float, float, float]) -> bool:
    return (one[2] + LABEL_MARGIN <= other[0] or other[2] + LABEL_MARGIN <= one[0]
            or one[3] + LABEL_MARGIN <= other[1] or other[3] + LABEL_MARGIN <= one[1])


_AXIS_SUFFIXES = {"id": ("T", "M", "jt", "rb"), "en": ("T", "B", "M", "K")}


def axis_label_expression(style: str = "id") -> str:
    """A Vega expression for y-axis ticks: 3e10 → "30 M" (miliar) in Indonesian, "30 B" in English, never "30G"."""
    t, b, m, k = _AXIS_SUFFIXES[language_of(style)]
    steps = [(1e12, t), (1e9, b), (1e6, m), (1e3, k)]
    expression = "format(datum.value, '~r')"
    for size, suffix in reversed(steps):
        expression = (f"abs(datum.value) >= {size:.0f} ? format(datum.value / {size:.0f}, '~r') + ' {suffix}' : "
                      f"({expression})")
    return expression


DATASET = "figures"


def timeline_chart(frame: pd.DataFrame, *, log_scale: bool = False, start=None, end=None,
                   style: str = "id") -> alt.FacetChart:
    """One panel per metric, unit and rate, independent y scales, a line per series through its facts."""
    data = chart_data(frame, start=start, end=end, log_scale=log_scale)
    return _timeline(data, log_scale=log_scale, positive=all_positive(data), start=start, end=end, style=style,
                     ticks=tick_grain(frame))


def timeline_spec(*, log_scale: bool, positive: bool, start=None, end=None, style: str = "id",
                  ticks: str = "month") -> dict:
    """The same chart as a Vega-Lite spec whose data is the dataset named ``DATASET``, to be filled in.

    Building Altair objects takes longer than a whole rerun of the dashboard may, so the dashboard builds the
    spec once per display choice and only swaps the data on each rerun.
    """
    return _timeline(alt.NamedData(name=DATASET), log_scale=log_scale, positive=positive, start=start, end=end,
                     style=style, ticks=ticks).to_dict()


def all_positive(data: pd.DataFrame) -> bool:
    """A log scale needs positive values; with zero or negatives the chart falls back to a symmetric log."""
    return bool(len(data)) and bool((data["value"] > 0).all())


TICKS = {  # the x axis by the grain of the shown data: years as "2019", quarters as "2019 Q2"
    "year": {"format": "%Y", "tickCount": {"interval": "year", "step": 1}},
    "quarter": {"labelExpr": "timeFormat(datum.value, '%Y') + ' Q' + quarter(datum.value)",
                "tickCount": {"interval": "month", "step": 3}},
    # finer data: a tick on a year's first day reads as the year, others as their month ("Apr 2019")
    "month": {"labelExpr": "month(datum.value) == 0 && date(datum.value) == 1 ? timeFormat(datum.value, '%Y') : "
                           "timeFormat(datum.value, '%b %Y')"},
}


def tick_grain(data: pd.DataFrame) -> str:
    """"year" when every shown fact is a year's, "quarter" when none is finer than a quarter, else "month"."""
    grains = set(data["date_grain"].fillna("")) if "date_grain" in data else set()
    if grains and grains <= {"year"}:
        return "year"
    if grains and grains <= {"year", "half", "quarter"}:
        return "quarter"
    return "month"


def axis_span(data: pd.DataFrame, start=None, end=None) -> tuple[object, object]:
    """The time axis: from the earliest shown fact's period to the latest one's, inside the chosen dates (the
    scale adds its padding), so one old point never squeezes the rest into the right edge."""
    if data.empty:
        return start, end
    first = pd.to_datetime(data["period_start"]).min() if "period_start" in data else pd.NaT
    first = pd.to_datetime(data["date"]).min() if pd.isna(first) else min(first, pd.to_datetime(data["date"]).min())
    last = pd.to_datetime(data["date"]).max()
    lo = max(first, pd.Timestamp(start)) if start is not None else first
    hi = min(last, pd.Timestamp(end)) if end is not None else last
    if lo >= hi:
        lo, hi = first, last
    return lo.date(), hi.date()


def _timeline(data, *, log_scale: bool, positive: bool, start, end, style: str, ticks: str = "month"
              ) -> alt.FacetChart:
    language = language_of(style)
    tips = tooltip(language)
    domain = ([pd.Timestamp(start).isoformat(), pd.Timestamp(end).isoformat()]
              if start is not None and end is not None else alt.Undefined)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain, nice=False, padding=X_PADDING),
              axis=alt.Axis(labelOverlap=True, **TICKS[ticks]))
    scale = (alt.Scale(type="log" if positive else "symlog", nice=False) if log_scale
             else alt.Scale(zero=True, nice=False))
    y = alt.Y("value:Q", title=None, scale=scale, axis=alt.Axis(labelExpr=axis_label_expression(style), tickCount=3))
    color = alt.Color("subject:N", title=t("Subject", language), scale=alt.Scale(scheme="tableau20"))
    base = alt.Chart().encode(x=x, y=y)
    headroom = alt.Chart().mark_point(opacity=0).encode(x=x, y=alt.Y("y_top:Q"))  # the scale's top: see label_points
    lines = base.mark_line(strokeWidth=1.8, opacity=0.8).encode(color=color, detail="series_id:N").properties(
        name="series_lines")
    points = base.mark_point(size=70, filled=True, opacity=0.95).encode(
        color=color, tooltip=tips,
        shape=alt.Shape("origin:N", title=t("Origin", language), scale=alt.Scale(domain=list(ORIGIN_SHAPES),
                                                                    range=list(ORIGIN_SHAPES.values())))
    ).properties(name="figure_points")
    labels = base.mark_text(dy=-LABEL_OFFSET, fontSize=LABEL_FONT_SIZE, align="center").encode(
        text="point_label:N", tooltip=tips).transform_filter(alt.datum.point_label != "").properties(
        name="point_labels")
    rings = base.mark_point(size=230, strokeWidth=2, color=DISAGREEMENT_COLOR, filled=False).encode(
        tooltip=tips).transform_filter(alt.datum.disagreement != "")
    corrected = base.mark_point(size=160, strokeWidth=2, color=CORRECTED_COLOR, filled=False, shape="square").encode(
        tooltip=tips).transform_filter(alt.datum.correction != "").properties(name="corrected_points")
    # The data sits on the facet only: a layer with data of its own would show every figure in every panel.
    return alt.layer(headroom, lines, points, labels, rings, corrected).properties(width=PANEL_WIDTH, height=PANEL_HEIGHT).facet(
        row=alt.Row("panel:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                             labelOrient="top", labelFontSize=13,
                                                             labelFontWeight="bold")),
        data=data,
    ).resolve_scale(y="independent", x="shared", color="shared").resolve_axis(x="independent")


def with_data(spec: dict, data: pd.DataFrame) -> dict:
    """A spec from :func:`timeline_spec` filled with ``data``; drawn as SVG when it is small enough (so a browser
    test can measure its labels), else on a canvas."""
    renderer = "svg" if len(data) <= SVG_MAX_POINTS else "canvas"
    return {**spec, "datasets": {DATASET: data}, "usermeta": {"embedOptions": {"renderer": renderer}}}


EXPORT_SOURCES_LISTED = 12


def export_spec(spec: dict, data: pd.DataFrame, title: str = "Metrics timeline") -> dict:
    """The chart as downloaded: its data inline and a caption naming its sources (the articles behind its
    points), so that a copy cited elsewhere still says where each number came from."""
    sources = sorted({name for names in data["source_articles"] for name in str(names).split("; ") if name})
    listed = ", ".join(sources[:EXPORT_SOURCES_LISTED])
    more = len(sources) - EXPORT_SOURCES_LISTED
    caption = f"Sources: {listed}" + (f" and {more} more" if more > 0 else "") if sources else "No sources"
    records = data.assign(date=data["date"].dt.strftime("%Y-%m-%d")).to_dict("records")
    exported = {key: value for key, value in spec.items() if key != "usermeta"}
    exported["datasets"] = {DATASET: _json_safe(records)}
    exported["title"] = {"text": title, "subtitle": _wrapped(caption), "anchor": "start", "orient": "bottom",
                         "fontSize": 12, "subtitleFontSize": 10}
    return exported


def _wrapped(text: str, width: int = 110) -> list[str]:
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current]


def _json_safe(records: list[dict]) -> list[dict]:
    return [{key: (None if isinstance(value, float) and not math.isfinite(value) else value)
             for key, value in record.items()} for record in records]


def to_svg(spec: dict) -> str:
    """The exported chart as SVG, drawn offline by vl-convert (no browser, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The exported chart as PNG at ``scale`` times its size, drawn offline by vl-convert."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)
