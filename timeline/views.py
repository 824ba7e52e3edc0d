"""From the tidy frame to what the dashboard shows: filters, comparable rates, panels, disagreements, latest figures.

All functions are pure: a frame in, a new frame out. The dashboard calls them
in this order: :func:`convert_rates`, :func:`add_display_columns` and
:func:`mark_disagreements` once per data and display choice (so a filter never
hides why a figure is disputed), then :func:`filter_figures` on every rerun, and
:func:`latest_figures` and :func:`table_view` on what the filters keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from timeline.format import amount_label, figure_label, readable_number, unit_label

DAYS_IN = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}
DISAGREEMENT_THRESHOLD = 0.10


def convert_rates(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    """Rates expressed per ``target`` ("day" or "month"), so 100.000/hari and 100 juta/bulan share a panel.

    Stocks and totals (empty ``per``) are left alone. ``per_written`` keeps the
    rate as the article wrote it; a month is 365.25/12 days.
    """
    converted = frame.copy()
    converted["per_written"] = converted["per"]
    if target not in DAYS_IN:
        return converted
    rates = converted["per"].isin(list(DAYS_IN))
    factor = DAYS_IN[target] / converted.loc[rates, "per"].map(DAYS_IN)
    for column in ("value", "value_max"):
        converted.loc[rates, column] = converted.loc[rates, column] * factor
    converted.loc[rates, "per"] = target
    return converted


def add_display_columns(frame: pd.DataFrame, style: str = "id", added: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Panel names, readable labels and the origin of each figure (the data folder, or added in this session)."""
    shown = frame.copy()
    shown["panel"] = [f"{label} ({unit_label(unit, per, 'en') or unit})"
                      for label, unit, per in zip(shown["label"], shown["unit"], shown["per"], strict=True)]
    shown["value_label"] = [
        figure_label(v, u, p, q, m, style)
        for v, u, p, q, m in zip(shown["value"], shown["unit"], shown["per"], shown["qualifier"], shown["value_max"],
                                 strict=True)]
    shown["amount_label"] = [amount_label(v, u, m, style)
                             for v, u, m in zip(shown["value"], shown["unit"], shown["value_max"], strict=True)]
    shown["origin"] = ["added" if name in added else "data folder" for name in shown["article"]]
    return shown


@dataclass(frozen=True)
class Filters:
    """What a user narrowed the view to; empty tuples mean "all"."""

    metrics: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


def filter_figures(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    for column, wanted in (("metric", filters.metrics), ("subject", filters.subjects), ("region", filters.regions),
                           ("article", filters.articles)):
        if wanted:
            keep &= frame[column].isin(wanted)
    if filters.start is not None:
        keep &= frame["date"] >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= frame["date"] <= pd.Timestamp(filters.end)
    return frame[keep]


MAX_NOTES = 3


def mark_disagreements(frame: pd.DataFrame, threshold: float = DISAGREEMENT_THRESHOLD) -> pd.DataFrame:
    """Explain, on each figure, where another article gives the same panel for an overlapping period
    with a value more than ``threshold`` (10%) away.

    Within a panel the figures are sorted by the start of their period, so each is compared only with those
    whose period starts before its own ends (a binary search), never with the whole panel: 100,000 figures
    take about a second. A figure lists at most three disagreements, then how many more.
    """
    marked = frame.copy()
    notes: dict[int, list[str]] = {}
    counts: dict[int, int] = {}
    dated = marked.dropna(subset=["period_start", "period_end"])
    for _, group in dated.groupby("panel", sort=False):
        group = group.sort_values("period_start")
        starts = group["period_start"].to_numpy()
        ends = group["period_end"].to_numpy()
        values = group["value"].to_numpy(dtype=float)
        articles = group["article"].to_numpy()
        index = group.index.to_numpy()
        reach = np.searchsorted(starts, ends, side="right")
        for i in range(len(group)):
            if reach[i] <= i + 1:
                continue
            others = slice(i + 1, reach[i])
            largest = np.maximum(np.abs(values[others]), abs(values[i]))
            with np.errstate(divide="ignore", invalid="ignore"):
                difference = np.where(largest > 0, np.abs(values[others] - values[i]) / largest, 0.0)
            hits = np.nonzero((difference > threshold) & (articles[others] != articles[i]))[0]
            for hit in hits:
                j = i + 1 + hit
                for this, other in ((i, j), (j, i)):
                    counts[index[this]] = counts.get(index[this], 0) + 1
                    if len(notes.setdefault(index[this], [])) < MAX_NOTES:
                        notes[index[this]].append(_note(group.loc[index[other]], difference[hit]))
    marked["disagreement"] = [_joined(notes.get(i, []), counts.get(i, 0)) for i in marked.index]
    return marked


def _joined(notes: list[str], count: int) -> str:
    more = count - len(notes)
    return "; ".join(notes) + (f"; and {more} more" if more > 0 else "")


def _note(other: pd.Series, difference: float) -> str:
    return (f"differs by {difference:.0%} from {other['value_label']} in {other['article']} "
            f"({other['period']}, {other['date_grain']})")


def latest_figures(frame: pd.DataFrame, style: str = "id") -> pd.DataFrame:
    """Per panel: the latest figure, its date, and its change from the previous figure of the same panel."""
    columns = ["panel", "value_label", "amount_label", "date", "date_grain", "article", "change", "change_label",
               "previous_date"]
    ordered = frame.dropna(subset=["date"]).sort_values(["panel", "date", "start"])
    last_two = ordered.groupby("panel", sort=False).tail(2)
    rows = []
    for panel, group in last_two.groupby("panel", sort=True):
        latest = group.iloc[-1]
        previous = group.iloc[0] if len(group) > 1 else None
        change = latest.value - previous.value if previous is not None else None
        rows.append({
            "panel": panel, "value_label": latest.value_label, "amount_label": latest.amount_label,
            "date": latest.date, "date_grain": latest.date_grain, "article": latest.article, "change": change,
            "change_label": (("+" if change >= 0 else "") + readable_number(change, style)) if change is not None else "",
            "previous_date": previous.date if previous is not None else None,
        })
    return pd.DataFrame(rows, columns=columns)


TABLE_COLUMNS = {
    "panel": "Metric", "value_label": "Figure", "value": "Value", "value_max": "Value (upper end)", "unit": "Unit",
    "per": "Per", "per_written": "Per (as written)", "date": "Date", "date_grain": "Grain", "period": "Period",
    "qualifier": "Qualifier", "subject": "Subject", "region": "Region", "quote": "Sentence", "raw": "As written",
    "speaker": "Speaker", "article": "Article", "title": "Title", "outlet": "Outlet", "published": "Published",
    "origin": "Origin", "disagreement": "Disagreement", "metric": "Metric id",
}


def table_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The filtered figures as shown in the table and downloaded: readable, with their sources."""
    columns = [c for c in TABLE_COLUMNS if c in frame.columns]
    view = frame.sort_values(["panel", "date"])[columns].rename(columns=TABLE_COLUMNS)
    return view.reset_index(drop=True)
