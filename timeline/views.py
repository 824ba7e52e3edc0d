"""From the tidy frame to what the dashboard shows: facts, series, filters, comparable rates, panels,
disagreements, latest values.

All functions are pure: a frame in, a new frame out. The dashboard calls :func:`prepare` once per data and
display choice (facts merged across articles, rates converted, series keyed, labels written, disagreements
found, so a filter never hides why a fact is disputed), then on every rerun :func:`filter_figures`,
:func:`chosen_series` (what the chart and cards show), :func:`latest_by_series` and :func:`table_view`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from extract.series import NO_SUBJECT, add_series, disagreements, merge_facts
from timeline.format import amount_label, figure_label, period_label, readable_number, unit_label
from timeline.i18n import t

DAYS_IN = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}
MANY_SERIES = 20  # with more series than this and no filter chosen, the chart shows ...
DEFAULT_SERIES = 12  # ... the most reported ones: this many
OTHER = "other"
CHOICE = "levels before rates, then the series with the most periods and sources"
MEASURES = ("growth", "decline", "share", "penetration", "multiple", "points")


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
    for column in ("value", "value_max", "precision"):
        if column in converted.columns:
            converted.loc[rates, column] = converted.loc[rates, column] * factor
    converted.loc[rates, "per"] = target
    return converted


def add_display_columns(frame: pd.DataFrame, style: str = "id", added: frozenset[str] = frozenset(),
                        language: str = "en") -> pd.DataFrame:
    """Panel names, readable labels and the origin of each figure (the data folder, or added in this session)."""
    shown = frame.copy()
    measures = shown["measure"].fillna("") if "measure" in shown else pd.Series("", index=shown.index)
    shown["panel"] = [panel_name(label, unit, per, t(measure, language) if measure else "", language)
                      for label, unit, per, measure in zip(shown["label"], shown["unit"], shown["per"], measures,
                                                           strict=True)]
    shown["value_label"] = [
        figure_label(v, u, p, q, m, style)
        for v, u, p, q, m in zip(shown["value"], shown["unit"], shown["per"], shown["qualifier"], shown["value_max"],
                                 strict=True)]
    shown["amount_label"] = [amount_label(v, u, m, style)
                             for v, u, m in zip(shown["value"], shown["unit"], shown["value_max"], strict=True)]
    shown["origin"] = ["added" if name in added else "data folder" for name in shown["article"]]
    return shown


def panel_name(label: str, unit: str, per: str, measure: str = "", language: str = "en") -> str:
    """"Videos uploaded (videos/day)", "Funds raised and donations (IDR)", "Revenue · growth (percent)": a
    growth rate or a share of a metric gets a panel of its own beside the metric's levels."""
    written = unit_label(unit, per, language) or unit
    if written.startswith("/"):
        written = "per " + written[1:]
    name = f"{label} · {measure}" if measure else label
    return f"{name} ({written})" if written else name


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


@dataclass(frozen=True)
class Prepared:
    """The facts as shown for one data and display choice, and the disagreements among them."""

    facts: pd.DataFrame
    disagreements: pd.DataFrame  # columns first, second (labels in ``facts``) and difference


def prepare(figures: pd.DataFrame, rates: str = "as written", style: str = "id",
            added: frozenset[str] = frozenset(), language: str = "en") -> Prepared:
    """Facts merged across articles, rates converted, series keyed, labels written, disagreements found.

    ``language`` writes metric names, measures and panels ("en", "id"); ``style`` the numbers
    (``timeline.format``). Facts are merged on the rates as written ("100 ribu video/hari" and "3 juta
    video/bulan" are two facts); the series key is taken after conversion, so with *Per month* both join one
    series.
    """
    merged = merge_facts(figures)
    if language == "id" and "label_id" in merged:  # metric names in the interface's language
        merged["label"] = merged["label_id"].where(merged["label_id"].fillna("") != "", merged["label"])
    words = {word: t(word, language) for word in (*MEASURES, NO_SUBJECT)}
    facts = add_series(convert_rates(merged, rates), words)
    shown = add_display_columns(facts, style, added, language)
    shown["date_check"] = date_checks(shown)
    pairs = disagreements(shown)
    return Prepared(mark_disagreements(shown, pairs), pairs)


EARLIEST_PLAUSIBLE = pd.Timestamp("1990-01-01")  # before the commercial internet: no digital metric's date
DATE_CHECKS = {"before": "before 1990", "after": "after its article"}


def date_checks(frame: pd.DataFrame) -> pd.Series:
    """Why a fact's date cannot be believed, else "": before 1990, or after the article it comes from. Such a
    fact stays in the table, marked; it is never charted, never on a card and never sets the time axis."""
    dates = pd.to_datetime(frame["date"])
    published = pd.to_datetime(frame["published"]) if "published" in frame else pd.Series(pd.NaT, index=frame.index)
    checks = pd.Series("", index=frame.index, dtype=object)
    checks[dates < EARLIEST_PLAUSIBLE] = DATE_CHECKS["before"]
    checks[published.notna() & (dates > published)] = DATE_CHECKS["after"]
    return checks


def plausible(frame: pd.DataFrame) -> pd.DataFrame:
    """The dated facts whose date can be believed: what the chart, the cards and the axis are made of."""
    dated = frame[frame["date"].notna()]
    checks = dated["date_check"] if "date_check" in dated else date_checks(dated)
    return dated[checks == ""]


MAX_NOTES = 3


def mark_disagreements(frame: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """On each disputed fact, which facts of its series and period say otherwise, by how much, from where (at
    most three, then how many more); empty for the others."""
    marked = frame.copy()
    involved = pd.unique(pd.concat([pairs["first"], pairs["second"]])) if len(pairs) else []
    about = frame.loc[involved, ["value_label", "source_articles", "period"]].to_dict("index")
    notes: dict[object, list[str]] = {}
    counts: dict[object, int] = {}
    same_article = pairs["same_article"] if "same_article" in pairs else pd.Series(False, index=pairs.index)
    for first, second, difference, same in zip(pairs["first"], pairs["second"], pairs["difference"], same_article,
                                               strict=True):
        for this, other in ((first, second), (second, first)):
            counts[this] = counts.get(this, 0) + 1
            if len(notes.setdefault(this, [])) < MAX_NOTES:
                notes[this].append(_note(about[other], difference) + (" (the same article)" if same else ""))
    marked["disagreement"] = [_joined(notes[i], counts[i]) if i in notes else "" for i in marked.index]
    return marked


def _joined(notes: list[str], count: int) -> str:
    more = count - len(notes)
    return "; ".join(notes) + (f"; and {more} more" if more > 0 else "")


def _note(other: dict, difference: float) -> str:
    return f"differs by {difference:.0%} from {other['value_label']} in {other['source_articles']} ({other['period']})"


def disagreement_list(shown: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """The disagreements among the facts shown, one row per pair: the series, its period, both values with
    their sources, and the difference."""
    inside = pairs[pairs["first"].isin(shown.index) & pairs["second"].isin(shown.index)]
    one = shown.loc[inside["first"], ["series", "panel", "period", "value_label", "source_articles"]]
    other = shown.loc[inside["second"], ["value_label", "source_articles"]]
    return pd.DataFrame({
        "series": one["series"].to_numpy(), "panel": one["panel"].to_numpy(), "period": one["period"].to_numpy(),
        "value": one["value_label"].to_numpy(), "sources": one["source_articles"].to_numpy(),
        "other_value": other["value_label"].to_numpy(), "other_sources": other["source_articles"].to_numpy(),
        "difference": inside["difference"].to_numpy(dtype=float)})


@dataclass(frozen=True)
class Chosen:
    """The facts the chart and the cards show, and how many series there were to choose from."""

    facts: pd.DataFrame
    shown_series: int
    all_series: int
    others_hidden: int


def chosen_series(frame: pd.DataFrame, filters: Filters, *, show_other: bool = False,
                  limit: int = DEFAULT_SERIES, many: int = MANY_SERIES) -> Chosen:
    """What the chart and the cards show of the filtered facts.

    "Other" facts (no metric) stay out unless ``show_other`` (they remain in the table and downloads). With no
    subject, metric, region or article chosen and more than ``many`` series, ``limit`` series an analyst can read
    are shown (``CHOICE`` says how, and the caption repeats it): levels before rates (a growth rate or a share is
    read against its level), then the series with the most periods, then the most sources, then the most facts,
    then the latest; and every series holding an article added in this session. A folder of real news holds
    hundreds of one-fact series, and a wall of single points tells nothing. Choosing subjects or metrics shows all
    of theirs. Only facts whose date can be believed count (:func:`plausible`).
    """
    others = frame["metric"] == OTHER
    kept = frame if show_other else frame[~others]
    hidden = 0 if show_other else int(others.sum())
    dated = plausible(kept)
    counts = dated.groupby("series_id", sort=False).agg(facts=("value", "size"), sources=("sources", "sum"),
                                                        latest=("date", "max"))
    narrowed = bool(filters.subjects or filters.metrics or filters.regions or filters.articles)
    if narrowed or len(counts) <= many:
        return Chosen(kept, len(counts), len(counts), hidden)
    levels = kept.drop_duplicates("series_id").set_index("series_id")["measure"].reindex(counts.index).fillna("") == "" \
        if "measure" in kept.columns else pd.Series(True, index=counts.index)
    periods = dated.groupby("series_id", sort=False)["period"].nunique().reindex(counts.index)
    ranked = counts.assign(level=levels, periods=periods).sort_values(
        ["level", "periods", "sources", "facts", "latest"], ascending=False, kind="stable")
    top = set(ranked.head(limit).index)
    if "origin" in kept.columns:  # what the analyst has just added is always in view
        top |= set(kept.loc[kept["origin"] == "added", "series_id"])
    return Chosen(kept[kept["series_id"].isin(top)], min(len(top), len(counts)), len(counts), hidden)


def latest_by_series(frame: pd.DataFrame, style: str = "id") -> pd.DataFrame:
    """Per series: the latest fact, its period, and its change from the previous fact of the same series."""
    kept = ["series", "series_id", "panel", "subject", "value_label", "amount_label", "date", "date_grain", "period",
            "sources", "source_articles", "value", "correction"]
    if "correction" not in frame.columns:
        frame = frame.assign(correction="")
    ordered = plausible(frame).sort_values(["series_id", "date", "start"], kind="stable")
    latest = ordered.drop_duplicates("series_id", keep="last")[kept]
    # the change is from the latest earlier period of the same series, never from another fact of the same one
    latest_date = ordered["series_id"].map(latest.set_index("series_id")["date"])
    before = ordered[ordered["date"] < latest_date].drop_duplicates("series_id", keep="last")
    previous = before.set_index("series_id")[["value", "date", "period"]].reindex(latest["series_id"])
    change = latest["value"].to_numpy() - previous["value"].to_numpy()
    cards = latest.drop(columns="value").assign(
        change=change,
        change_label=[("+" if c >= 0 else "") + readable_number(c, style) if pd.notna(c) else "" for c in change],
        previous_date=previous["date"].to_numpy(),
        previous_period=[period_label(p) for p in previous["period"].fillna("")])
    cards["period"] = [period_label(p) for p in cards["period"].fillna("")]
    return cards.sort_values(["panel", "series"], kind="stable").reset_index(drop=True)


TABLE_COLUMNS = {
    "series": "Series", "panel": "Metric",
    "value_label": "Figure", "value": "Value", "value_max": "Value (upper end)", "unit": "Unit",
    "per": "Per", "per_written": "Per (as written)", "date": "Date", "date_grain": "Grain", "period": "Period",
    "date_confidence": "Date is", "date_source": "Date from", "date_check": "Date check",
    "qualifier": "Qualifier", "subject": "Subject", "region": "Region", "quote": "Sentence", "raw": "As written",
    "speaker": "Speaker", "article": "Article", "title": "Title", "outlet": "Outlet", "published": "Published",
    "origin": "Origin", "correction": "Correction", "correction_note": "Correction note", "sources": "Sources",
    "source_articles": "Source articles", "disagreement": "Disagreement",
    "metric": "Metric id",
}


def table_view(frame: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """The filtered figures as shown in the table and downloaded: readable, with their sources, its headings
    in the interface's language."""
    columns = [c for c in TABLE_COLUMNS if c in frame.columns]
    view = frame.sort_values(["panel", "series", "date"], kind="stable")[columns].rename(
        columns={c: t(TABLE_COLUMNS[c], language) for c in columns})
    return view.reset_index(drop=True)
