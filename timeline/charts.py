"""Altair charts of the figures. Plain functions returning charts, so tests can read them with ``to_dict()``.

The timeline is small multiples, one row per panel (metric, unit and rate),
each with its own y scale: 10 thousand and 30 billion never share an axis. A
point, a thin stem and a readable label mark each figure; the tooltip carries
its value, date and grain, qualifier, sentence, article and speaker.
Figures another article contradicts get a red ring. A log scale is an opt-in.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

PANEL_WIDTH = 620
PANEL_HEIGHT = 130
DISAGREEMENT_COLOR = "#d62728"
ORIGIN_COLORS = {"data folder": "#1f77b4", "added": "#ff7f0e"}

TOOLTIP = [
    alt.Tooltip("value_label:N", title="Figure"),
    alt.Tooltip("value:Q", title="Value", format=",.2f"),
    alt.Tooltip("date:T", title="Date", format="%Y-%m-%d"),
    alt.Tooltip("period:N", title="Period"),
    alt.Tooltip("date_grain:N", title="Grain"),
    alt.Tooltip("qualifier:N", title="Qualifier"),
    alt.Tooltip("quote:N", title="Sentence"),
    alt.Tooltip("article:N", title="Article"),
    alt.Tooltip("speaker:N", title="Speaker"),
    alt.Tooltip("origin:N", title="Origin"),
    alt.Tooltip("disagreement:N", title="Disagreement"),
]
CHART_COLUMNS = [t.to_dict()["field"] for t in TOOLTIP] + ["panel"]


def chart_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the columns the chart reads, and only the dated rows (an undated figure has no place on a timeline)."""
    data = frame.dropna(subset=["date"])[CHART_COLUMNS].copy()
    return data.reset_index(drop=True)


_AXIS_SUFFIXES = {"id": ("T", "M", "jt", "rb"), "en": ("T", "B", "M", "K")}


def axis_label_expression(style: str = "id") -> str:
    """A Vega expression for y-axis ticks: 3e10 → "30 M" (miliar) in Indonesian, "30 B" in English, never "30G"."""
    t, b, m, k = _AXIS_SUFFIXES[style]
    steps = [(1e12, t), (1e9, b), (1e6, m), (1e3, k)]
    expression = "format(datum.value, '~r')"
    for size, suffix in reversed(steps):
        expression = (f"abs(datum.value) >= {size:.0f} ? format(datum.value / {size:.0f}, '~r') + ' {suffix}' : "
                      f"({expression})")
    return expression


DATASET = "figures"


def timeline_chart(frame: pd.DataFrame, *, log_scale: bool = False, start=None, end=None,
                   style: str = "id") -> alt.FacetChart:
    """One panel per metric, independent y scales, one point per figure."""
    data = chart_data(frame)
    return _timeline(data, log_scale=log_scale, positive=all_positive(data), start=start, end=end, style=style)


def timeline_spec(*, log_scale: bool, positive: bool, start=None, end=None, style: str = "id") -> dict:
    """The same chart as a Vega-Lite spec whose data is the dataset named ``DATASET``, to be filled in.

    Building Altair objects takes longer than a whole rerun of the dashboard may, so the dashboard builds the
    spec once per display choice and only swaps the data on each rerun.
    """
    return _timeline(alt.NamedData(name=DATASET), log_scale=log_scale, positive=positive, start=start, end=end,
                     style=style).to_dict()


def all_positive(data: pd.DataFrame) -> bool:
    """A log scale needs positive values; with zero or negatives the chart falls back to a symmetric log."""
    return bool(len(data)) and bool((data["value"] > 0).all())


def _timeline(data, *, log_scale: bool, positive: bool, start, end, style: str) -> alt.FacetChart:
    domain = ([pd.Timestamp(start).isoformat(), pd.Timestamp(end).isoformat()]
              if start is not None and end is not None else alt.Undefined)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain, nice=False, padding=40), axis=alt.Axis(format="%Y-%m"))
    scale = alt.Scale(type="log" if positive else "symlog") if log_scale else alt.Scale(zero=True, nice=True)
    y = alt.Y("value:Q", title=None, scale=scale, axis=alt.Axis(labelExpr=axis_label_expression(style), tickCount=3))
    color = alt.Color("origin:N", title="Origin", scale=alt.Scale(domain=list(ORIGIN_COLORS),
                                                                  range=list(ORIGIN_COLORS.values())))
    base = alt.Chart().encode(x=x, y=y, tooltip=TOOLTIP)
    points = base.mark_circle(size=90, opacity=0.9).encode(color=color).properties(name="figure_points")
    labels = base.mark_text(dy=-12, fontSize=11, align="center").encode(text="value_label:N")
    rings = base.mark_point(size=260, strokeWidth=2, color=DISAGREEMENT_COLOR, filled=False).transform_filter(
        alt.datum.disagreement != "")
    layers = [points, labels, rings]
    if not log_scale:
        layers.insert(0, base.mark_rule(strokeWidth=1, opacity=0.5).encode(y2=alt.datum(0)))
    # The data sits on the facet only: a layer with data of its own would show every figure in every panel.
    return alt.layer(*layers).properties(width=PANEL_WIDTH, height=PANEL_HEIGHT).facet(
        row=alt.Row("panel:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                             labelOrient="top", labelFontSize=13,
                                                             labelFontWeight="bold")),
        data=data,
    ).resolve_scale(y="independent", x="shared").resolve_axis(x="independent")
