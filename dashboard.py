"""The metrics timeline: every dated figure in the articles, over time, each traceable to its sentence.

Run: ``streamlit run dashboard.py`` (data: ``seeds/``), or
``streamlit run dashboard.py -- --data PATH`` / ``METRICS_TIMELINE_DATA=PATH`` for another folder of articles or a
Parquet file of figures. This file only lays things out; ``extract/`` computes the figures and ``timeline/`` turns
them into views and charts. Every filter lives in the URL, so a copied link reopens the same view.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from extract.corrections import (
    CORRECTIONS_FILE,
    Correction,
    CorrectionError,
    append_correction,
    apply_corrections,
    check,
    read_corrections,
    rejected_rows,
)
from extract.export import to_csv, to_json
from extract.frame import article_files
from extract.vocabulary import load_metrics
from timeline import charts, views, workspace
from timeline.articles import highlighted_html
from timeline.format import escape_markdown as md
from timeline.format import readable_number
from timeline.i18n import LANGUAGES, t
from timeline.sources import (
    MAX_PASTE_CHARS,
    MAX_UPLOAD_MB,
    UPLOAD_TYPES,
    Extracted,
    chosen_data,
    combine,
    extract_bytes,
    folder_signature,
    load_parquet,
)

ALLOW_PRIVATE_VARIABLE = "METRICS_TIMELINE_ALLOW_PRIVATE_URLS"  # for a test server, or an intranet: see README
FETCH_TIMEOUT_S = 10.0
MAX_CORRECTABLE = 2_000  # figures offered in the correction form
MAX_CHART_POINTS = 5_000  # Vega draws a few thousand points smoothly; beyond that the page stalls
MAX_TABLE_ROWS = 5_000  # the table shows this many; the downloads always hold every filtered row
MAX_CARDS = views.DEFAULT_SERIES
MAX_DISAGREEMENTS_LISTED = 20
RATE_LABELS = {"as written": "As written", "day": "Per day", "month": "Per month"}
NUMBER_LENGTHS = ("long", "short")  # "10 million" / "10M", "10 juta" / "10 jt": babel's CLDR compact formats
DEFAULTS = {"metric": [], "subject": [], "region": [], "article": [], "rates": "as written", "log": False,
            "numbers": "long", "other": False, "ui": "en"}


@st.cache_data(show_spinner=False, max_entries=4096)
def extract_cached(name: str, data: bytes, max_bytes: int | None = None) -> Extracted:
    """Extraction cached by file content: the same bytes are never extracted twice."""
    return extract_bytes(name, data, max_bytes)


@dataclass(eq=False)
class Dataset:
    """Everything shown, with a key that identifies it cheaply (so caches need not hash 100,000 rows)."""

    figures: pd.DataFrame
    status: pd.DataFrame
    texts: dict[str, str]
    key: tuple


# Frames are shared read-only between reruns and sessions (cache_resource), not copied on every rerun as
# cache_data would do: with 100,000 figures a copy alone costs more than the whole rerun may take.
@st.cache_resource(show_spinner="Reading the articles...", max_entries=8)
def load_folder(folder: str, signature: tuple) -> Dataset:
    parts = {path.name: extract_cached(path.name, path.read_bytes()) for path in article_files(Path(folder))}
    figures, status = combine(list(parts.values()))
    return Dataset(figures, status, {name: part.text for name, part in parts.items()}, (folder, signature))


@st.cache_resource(show_spinner="Reading the figures...", max_entries=4)
def load_figures_file(path: str, modified: int) -> Dataset:
    try:
        figures = load_parquet(Path(path))
    except (OSError, ValueError) as error:
        st.error(f"Cannot read {md(Path(path).name)}: {md(error)}")
        figures = combine([])[0]
    status = figures.groupby("article", sort=False).size().rename("figures").reset_index().assign(
        status="ok", reason="")
    return Dataset(figures, status, {}, (path, modified))


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_spec(log_scale: bool, positive: bool, start: date, end: date, style: str, ticks: str) -> dict:
    """The chart's spec for one display choice (its labels in ``style``'s language)."""
    return charts.timeline_spec(log_scale=log_scale, positive=positive, start=start, end=end, style=style,
                                ticks=ticks)


@dataclass(frozen=True)
class Facets:
    """What the filters offer, worked out once per dataset rather than on every rerun."""

    metric_labels: dict[str, str]
    metric_labels_id: dict[str, str]
    subjects: list[str]
    regions: list[str]
    first: date
    last: date


@st.cache_resource(max_entries=16, hash_funcs={Dataset: lambda dataset: dataset.key})
def facets(dataset: Dataset) -> Facets:
    figures = dataset.figures
    labels = figures.drop_duplicates("metric")
    dates = views.plausible(figures)["date"]  # a date no one could believe never stretches the range
    first = dates.min().date() if len(dates) else date.today()
    last = dates.max().date() if len(dates) else date.today()
    labels_id = labels["label_id"] if "label_id" in labels else labels["label"]
    return Facets(dict(zip(labels["metric"], labels["label"], strict=True)),
                  dict(zip(labels["metric"], labels_id.where(labels_id.fillna("") != "", labels["label"]), strict=True)),
                  sorted(v for v in figures["subject"].unique() if v), sorted(v for v in figures["region"].unique() if v),
                  first, last)


def load_data(locations: list[Path]) -> Dataset:
    """Every location's figures together: folders of articles and Parquet tables."""
    parts = [load_figures_file(str(location), location.stat().st_mtime_ns)
             if location.suffix.lower() == ".parquet" and location.is_file()
             else load_folder(str(location), folder_signature(location)) for location in locations]
    if len(parts) == 1:
        return parts[0]
    figures = [p.figures for p in parts if len(p.figures)]
    return Dataset(pd.concat(figures, ignore_index=True) if figures else parts[0].figures,
                   pd.concat([p.status for p in parts], ignore_index=True),
                   {name: text for p in parts for name, text in p.texts.items()}, tuple(p.key for p in parts))


def with_added(dataset: Dataset, added: dict[str, tuple[str, bytes]]) -> Dataset:
    """The data folder's figures plus the articles added in this session."""
    if not added:
        return dataset
    parts = [extract_cached(name, data, MAX_UPLOAD_MB * 1_000_000) for name, (_, data) in added.items()]
    extra_figures, extra_status = combine(parts)
    figures = pd.concat([dataset.figures, extra_figures], ignore_index=True) if len(extra_figures) else dataset.figures
    texts = {**dataset.texts, **{name: part.text for name, part in zip(added, parts, strict=True)}}
    key = (dataset.key, tuple((name, digest) for name, (digest, _) in added.items()))
    return Dataset(figures, pd.concat([dataset.status, extra_status], ignore_index=True), texts, key)


@st.cache_resource(show_spinner="Preparing the timeline...", max_entries=16,
                   hash_funcs={Dataset: lambda dataset: dataset.key})
def display_frame(dataset: Dataset, corrections: tuple[Correction, ...], rates: str, style: str,
                  added: frozenset[str], language: str = "en") -> tuple[views.Prepared, tuple[Correction, ...]]:
    """Corrections applied, facts merged across articles, rates converted, series keyed and disagreements found,
    once per data, corrections and display choice; with the corrections whose figure was not found."""
    corrected, unmatched = apply_corrections(dataset.figures, corrections)
    return views.prepare(corrected, rates, style, added, language), tuple(unmatched)


@st.cache_data(show_spinner=False, max_entries=16)
def folder_corrections(path: str, modified: int) -> tuple[tuple[Correction, ...], tuple[str, ...]]:
    """The corrections file of a data folder, read again only when it changes."""
    corrections, problems = read_corrections(Path(path))
    return tuple(corrections), tuple(problems)


def corrections_file(locations: list[Path]) -> Path | None:
    """Where corrections are kept: the first data folder (a Parquet table alone has none)."""
    folder = workspace_folder(locations)
    return folder / CORRECTIONS_FILE if folder is not None else None


def workspace_folder(locations: list[Path]) -> Path | None:
    return next((location for location in locations if location.is_dir()), None)


def current_corrections(locations: list[Path]) -> tuple[tuple[Correction, ...], tuple[str, ...]]:
    """The folder's corrections, then this session's (a visitor who may not write keeps them here)."""
    path = corrections_file(locations)
    kept, problems = ((), ())
    if path is not None and path.exists():
        kept, problems = folder_corrections(str(path), path.stat().st_mtime_ns)
    return kept + tuple(st.session_state.corrections), problems


def current_editing() -> workspace.Editing:
    try:
        secrets = dict(st.secrets)
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        secrets = {}
    # who is asking, from the connection (its peer address), never from the Host header the visitor writes
    visitor = workspace.visitor(st.context.ip_address, st.context.headers)
    return workspace.editing(secrets, visitor, st.session_state.get("editor_password_entered", ""), os.environ)


def password_tried() -> None:
    """The password field's callback: each wrong try of the session waits a little longer than the last."""
    if not current_editing().writes and st.session_state.get("editor_password_entered"):
        st.session_state.wrong_passwords = st.session_state.get("wrong_passwords", 0) + 1
        time.sleep(workspace.wrong_password_delay(st.session_state.wrong_passwords))


def add_upload() -> None:
    """File uploader callback: extract each file now, keep the good ones and a message for each bad one."""
    files = st.session_state.get(f"uploader_{st.session_state.uploads}") or []
    for file in files:
        remember(file.name, file.getvalue())
    st.session_state.uploads += 1


def add_paste() -> None:
    text = st.session_state.get("paste_text", "")
    name = (st.session_state.get("paste_name") or "pasted text").strip()
    if len(text) > MAX_PASTE_CHARS:
        st.session_state.messages.append(("error", f"{md(name)}: pasted text is longer than {MAX_PASTE_CHARS:,} characters"))
        return
    remember(name, text.encode("utf-8"))
    st.session_state.paste_text = ""


def remember(name: str, data: bytes) -> None:
    """Keep an added article: in the data folder when this visitor may write there, else in the session."""
    result = extract_cached(name, data, MAX_UPLOAD_MB * 1_000_000)
    status = result.status.iloc[0]
    if status.status == "unreadable":
        st.session_state.messages.append(("error", f"{md(name)} was not added: {md(status.reason)}. Nothing else changed."))
        return
    found = int(status.figures)
    note = "no figures found in it" if found == 0 else f"{found} figure{'s' if found != 1 else ''} added to the timeline"
    folder = workspace_folder(chosen_data())
    if current_editing().writes and folder is not None:
        try:
            saved = workspace.add_article(folder, name, data)
        except OSError as error:
            st.session_state.messages.append(("error", f"{md(name)} could not be saved: {md(error)}. Nothing else "
                                                       "changed."))
            return
        where = saved.path.relative_to(folder).as_posix()
        kept = f"saved in the data folder as {md(where)}" if saved.new else f"already in the data folder ({md(where)})"
        st.session_state.messages.append(("success", f"{md(name)}: {note}; {kept}."))
        return
    digest = hashlib.sha256(data).hexdigest()
    st.session_state.added[name] = (digest, data)
    st.session_state.messages.append(("success", f"{md(name)}: {note} (kept in this browser session)."))


def add_url() -> None:
    """Fetch the page at the URL typed, through the same untrusted-text path as an upload."""
    from timeline.fetch import FetchError, article_text, fetch_article

    url = (st.session_state.get("add_url") or "").strip()
    if not url:
        return
    allow_private = os.environ.get(ALLOW_PRIVATE_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")
    try:
        page = fetch_article(url, timeout=FETCH_TIMEOUT_S, max_bytes=MAX_UPLOAD_MB * 1_000_000,
                             allow_private=allow_private)
    except FetchError as error:
        reason = str(error).rstrip(".")  # it names the URL itself
        st.session_state.messages.append(("error", f"Not added: {md(reason)}. Nothing else changed."))
        return
    name = (page.url.split("://", 1)[-1].rstrip("/").replace("/", "_")[:80] or "page") + ".txt"
    remember(name, article_text(page).encode("utf-8"))
    st.session_state.add_url = ""


def follow_data_range(first: date, last: date) -> None:
    """While the user has not picked dates, the date filter follows the data: added articles stay in view."""
    previous = st.session_state.get("dates_default")
    if previous is not None and previous != (first, last) and tuple(st.session_state.get("dates") or ()) == previous:
        del st.session_state["dates"]  # the widget starts again from its new default, the data's range
    st.session_state.dates_default = (first, last)


def reset_filters(start: date, end: date) -> None:
    for key, value in DEFAULTS.items():
        if key != "ui":  # the reader's language is not a view to reset
            st.session_state[key] = value
    st.session_state.dates = (start, end)


def number_style(language: str, length: str) -> str:
    """The number style of ``timeline.format``: "id", "id-short", "en" or "en-short"."""
    return language if length == "long" else f"{language}-short"


def main() -> None:
    st.set_page_config(page_title="Metrics timeline", page_icon="📈", layout="wide")
    for key, value in (("added", {}), ("messages", []), ("uploads", 0), ("corrections", [])):
        st.session_state.setdefault(key, value)

    locations = chosen_data()
    dataset = with_added(load_data(locations), st.session_state.added)
    where = ", ".join(location.name for location in locations)  # names only: never the server's folders
    figures, status, texts = dataset.figures, dataset.status, dataset.texts
    added_names = frozenset(st.session_state.added)

    # the widget sets "ui" from the URL when it is drawn, below: until then the URL says it (a bound widget writes
    # its shown label there: ?ui=Bahasa+Indonesia)
    chosen_ui = st.session_state.get("ui") or st.query_params.get("ui", "")
    ui = next((code for code, name in LANGUAGES.items() if chosen_ui in (code, name)), "en")
    st.title(t("Metrics timeline", ui))
    st.caption(t("Dated figures from {count} articles in {where}" if len(status) != 1 else
                 "Dated figures from {count} article in {where}", ui, count=len(status), where=md(where))
               + (t(" and {count} added in this session", ui, count=len(added_names)) if added_names else "")
               + t(". Hover a point for its sentence, article and speaker.", ui))

    offered = facets(dataset)
    first, last = offered.first, offered.last

    with st.sidebar:
        st.header(t("Filters", ui))
        metric_labels = offered.metric_labels_id if ui == "id" else offered.metric_labels
        st.multiselect(t("Metric", ui), sorted(metric_labels, key=metric_labels.get), key="metric",
                       bind="query-params", format_func=lambda m: metric_labels.get(m, m),
                       placeholder=t("All metrics", ui))
        follow_data_range(first, last)
        st.date_input(t("Dates", ui), value=(first, last), key="dates", bind="query-params", format="YYYY-MM-DD")
        for column, label, options in (("subject", "Subject", offered.subjects), ("region", "Region", offered.regions),
                                       ("article", "Article", list(status["article"]))):
            st.multiselect(t(label, ui), options, key=column, bind="query-params",
                           placeholder=t("All ({count})", ui, count=len(options)))
        st.header(t("Display", ui))
        st.radio(t("Interface", ui), list(LANGUAGES), format_func=LANGUAGES.get, key="ui", bind="query-params",
                 horizontal=True)
        st.radio(t("Rates", ui), list(RATE_LABELS), format_func=lambda r: t(RATE_LABELS[r], ui), key="rates",
                 bind="query-params", horizontal=True,
                 help=t("Convert rates to one time unit, so figures per day and per month can be compared.", ui))
        st.radio(t("Numbers", ui), NUMBER_LENGTHS, key="numbers", bind="query-params", horizontal=True,
                 format_func=lambda length: readable_number(1e7, number_style(ui, length)))
        st.toggle(t("Log scale", ui), key="log", bind="query-params")
        st.toggle(t("Show “Other” figures", ui), key="other", bind="query-params",
                  help=t("Figures no rule classifies get no panel unless this is on; they are always in the table.",
                         ui))
        st.button(t("Reset view", ui), key="reset", on_click=reset_filters, args=(first, last), width="stretch")
        allowed = current_editing()
        st.header(t("Editing", ui))
        if allowed.needs_password:
            st.text_input(t("Editor password", ui), type="password", key="editor_password_entered",
                          on_change=password_tried)
        st.caption(allowed.reason[0].upper() + allowed.reason[1:] + ".")

    chosen_dates = st.session_state.get("dates") or (first, last)
    start, end = (*tuple(chosen_dates), None, None)[:2]
    filters = views.Filters(
        metrics=tuple(st.session_state.metric), subjects=tuple(st.session_state.subject),
        regions=tuple(st.session_state.region), articles=tuple(st.session_state.article),
        start=start, end=end)
    style = number_style(ui, st.session_state.get("numbers") or "long")
    corrections, correction_problems = current_corrections(locations)
    prepared, unmatched = display_frame(dataset, corrections, st.session_state.rates, style, added_names, ui)
    shown = views.filter_figures(prepared.facts, filters)
    chosen = views.chosen_series(shown, filters, show_other=bool(st.session_state.other))

    timeline_tab, table_tab, articles_tab, add_tab = st.tabs(
        [t(name, ui) for name in ("Timeline", "Table", "Articles", "Add articles")])
    with timeline_tab:
        show_timeline(shown, chosen, prepared.disagreements, figures, status, where, start or first, end or last,
                      style, ui)
    with table_tab:
        show_table(shown, ui)
        show_corrections(shown, figures, corrections, unmatched, correction_problems, ui)
    with articles_tab:
        show_articles(figures, status, texts, style, ui)
    with add_tab:
        show_adding(ui)


def show_timeline(shown: pd.DataFrame, chosen: views.Chosen, pairs: pd.DataFrame, figures: pd.DataFrame,
                  status: pd.DataFrame, where: str, start: date, end: date, style: str, ui: str = "en") -> None:
    if status.empty:
        st.info(t("No articles found in {where}. Put .txt or .html files there, or add some in **Add articles**.",
                  ui, where=md(where)))
        return
    if figures.empty:
        st.info(t("The articles hold no figures yet. Add articles in **Add articles**, or check them in **Articles**.",
                  ui))
        return
    if shown.empty:
        st.info(t("No figures match these filters. Widen the dates or clear a filter, or press **Reset view**.", ui))
        return
    facts = chosen.facts
    notes = []
    if chosen.shown_series < chosen.all_series:
        notes.append(t("Showing {shown} of {all} series, chosen for reading: {how}. Choose subjects or metrics in the "
                       "sidebar to see others.", ui, shown=chosen.shown_series, all=chosen.all_series,
                       how=t(views.CHOICE, ui)))
    if chosen.others_hidden:
        notes.append(t("{count} “Other” figure(s) are in **Table**; switch on **Show “Other” figures** to chart them.",
                       ui, count=chosen.others_hidden))
    undated = facts[facts["date"].isna()]
    if len(undated):
        notes.append(t("{count} figure(s) have no date and are not on the timeline; they are in **Table**.", ui,
                       count=len(undated)))
    doubtful = facts["date"].notna() & (facts["date_check"] != "")
    if doubtful.any():
        notes.append(t("{count} figure(s) carry a date no one could believe (before 1990, or after their article): "
                       "not charted, marked in **Table** under *Date check*.", ui, count=int(doubtful.sum())))
    for note in notes:
        st.caption(note)
    if facts.empty:
        st.info(t("Only “Other” figures match these filters: switch on **Show “Other” figures**, or see **Table**.",
                  ui))
        return
    show_cards(views.latest_by_series(facts, style), ui)
    disputes = views.disagreement_list(facts, pairs)
    if len(disputes):
        with st.container(border=True):
            st.markdown(t("**Sources disagree** ({count} time(s): the same series and period, values that differ "
                          "beyond rounding):", ui, count=len(disputes)))
            for row in disputes.head(MAX_DISAGREEMENTS_LISTED).itertuples():
                st.text(t("{series}, {period}: {value} ({sources}) vs {other} ({other_sources}), {difference} apart",
                          ui, series=row.series, period=row.period, value=row.value, sources=row.sources,
                          other=row.other_value, other_sources=row.other_sources, difference=f"{row.difference:.0%}"))
            if len(disputes) > MAX_DISAGREEMENTS_LISTED:
                st.caption(t("The rest are marked on the chart and listed in the table's Disagreement column.", ui))
    plotted = views.plausible(facts)
    if len(plotted) > MAX_CHART_POINTS:
        st.warning(t("{count} figures match; the chart shows the {shown} most recent. Narrow the metrics, dates or "
                     "articles to see every point; the table and downloads hold all of them.", ui,
                     count=f"{len(plotted):,}", shown=f"{MAX_CHART_POINTS:,}"))
        plotted = plotted.nlargest(MAX_CHART_POINTS, "date")
    log_scale = bool(st.session_state.log)
    start, end = charts.axis_span(plotted, start, end)  # the shown points' periods, within the chosen dates
    data = charts.chart_data(plotted, start=start, end=end, log_scale=log_scale, language=ui)
    spec = timeline_spec(log_scale, charts.all_positive(data), start, end, style, charts.tick_grain(plotted))
    st.vega_lite_chart(spec=charts.with_data(spec, data), key="timeline_chart")
    left, right = st.columns(2)  # drawn only when a button is pressed, not on every rerun
    left.download_button(t("Download chart (PNG)", ui), lambda: charts.to_png(charts.export_spec(spec, data)),
                         file_name="timeline.png", mime="image/png",
                         help=t("The chart as shown, with its sources in the caption.", ui))
    right.download_button(t("Download chart (SVG)", ui), lambda: charts.to_svg(charts.export_spec(spec, data)),
                          file_name="timeline.svg", mime="image/svg+xml")


CARD_COLUMNS = 3


def show_cards(latest: pd.DataFrame, ui: str = "en") -> None:
    """A card per series shown: its latest value (never cut off: it wraps), its period, the change since the
    latest earlier period of the same series (or "first figure of this series"), and its sources."""
    if len(latest) > MAX_CARDS:
        st.caption(t("Latest values of the {shown} most recently reported of {all} series.", ui, shown=MAX_CARDS,
                     all=len(latest)))
        latest = latest.nlargest(MAX_CARDS, "date").sort_values(["panel", "series"])
    columns = st.columns(CARD_COLUMNS)
    for index, row in enumerate(latest.itertuples()):
        with columns[index % CARD_COLUMNS].container(border=True):
            st.caption(md(row.series))
            st.markdown(f"#### {md(row.value_label)}")  # with its unit and rate: "100 ribu video/hari"
            change = (t("{change} since {period}", ui, change=md(row.change_label), period=md(row.previous_period))
                      if row.change_label else t("first figure of this series", ui))
            sources = t("{count} sources" if row.sources != 1 else "{count} source", ui, count=row.sources) + (
                t(" · corrected by an analyst", ui) if row.correction else "")
            st.caption(f"{md(row.period)} · {change} · {sources}",
                       help=t("From {sources}", ui, sources=md(row.source_articles)))


def show_table(shown: pd.DataFrame, ui: str = "en") -> None:
    if shown.empty:
        st.info(t("No figures match these filters.", ui))
        return
    table = views.table_view(shown, ui)
    if len(table) > MAX_TABLE_ROWS:
        st.caption(t("Showing the first {shown} of {count} rows; the downloads hold all of them.", ui,
                     shown=f"{MAX_TABLE_ROWS:,}", count=f"{len(table):,}"))
    st.dataframe(table.head(MAX_TABLE_ROWS), hide_index=True, column_config={
        t("Date", ui): st.column_config.DateColumn(format="YYYY-MM-DD"),
        t("Published", ui): st.column_config.DateColumn(format="YYYY-MM-DD"),
        t("Value", ui): st.column_config.NumberColumn(format="localized"),
        t("Sentence", ui): st.column_config.TextColumn(width="large"),
    })
    left, right = st.columns(2)
    # a large table is written only when the button is pressed, not on every rerun
    small = len(table) <= MAX_TABLE_ROWS
    left.download_button(t("Download CSV", ui), to_csv(table) if small else (lambda: to_csv(table)),
                         file_name="figures.csv", mime="text/csv",
                         help=t("Every filtered row with the columns shown and their sources; safe to open in a "
                                "spreadsheet.", ui))
    right.download_button(t("Download JSON", ui), to_json(table) if small else (lambda: to_json(table)),
                          file_name="figures.json", mime="application/json")


def show_articles(figures: pd.DataFrame, status: pd.DataFrame, texts: dict[str, str], style: str,
                  ui: str = "en") -> None:
    if status.empty:
        st.info(t("No articles yet.", ui))
        return
    st.dataframe(status[[c for c in ("article", "status", "reason", "figures", "published", "date_grain",
                                     "date_source", "dateline", "title", "outlet") if c in status]],
                 hide_index=True, column_config={"published": st.column_config.DateColumn(format="YYYY-MM-DD")})
    name = st.selectbox(t("Read an article", ui), list(status["article"]), key="article_view")
    row = status[status["article"] == name].iloc[0]
    if row.status == "unreadable":
        st.error(f"{md(name)} could not be read: {md(row.reason)}")
        return
    published = row.get("published")
    when = (f"{published:%Y-%m-%d} ({row.get('date_grain', '')}, from the {row.get('date_source', '')}: "
            f"“{md(row.get('dateline', ''))}”)") if pd.notna(published) else "no date found"
    st.markdown(f"**Status:** {row.status} · **Date:** {when}")
    own = figures[figures["article"] == name]
    if own.empty:
        st.info(t("No figures were found in this article.", ui))
    if name in texts:
        st.html(highlighted_html(texts[name], own, style))


def show_adding(ui: str = "en") -> None:
    st.file_uploader(t("Upload articles (.txt, .md or .html; up to {mb} MB each)", ui, mb=MAX_UPLOAD_MB), type=UPLOAD_TYPES,
                     accept_multiple_files=True, key=f"uploader_{st.session_state.uploads}", on_change=add_upload,
                     max_upload_size=MAX_UPLOAD_MB)
    with st.form("paste", clear_on_submit=False, border=True):
        st.text_input(t("Name for the pasted article", ui), key="paste_name", placeholder="pasted text")
        st.text_area(t("Or paste an article's text", ui), key="paste_text", height=180)
        st.form_submit_button(t("Add pasted text", ui), on_click=add_paste)
    with st.form("by_url", clear_on_submit=False, border=True):
        st.text_input(t("Or add a page by its address", ui), key="add_url", placeholder="https://...")
        st.form_submit_button(t("Fetch and add", ui), on_click=add_url)
    for kind, message in st.session_state.messages:
        (st.error if kind == "error" else st.success)(message)
    if st.session_state.added:
        st.text("Added in this session (kept until you close the tab): " + ", ".join(st.session_state.added))
        if st.button(t("Remove added articles", ui)):
            st.session_state.added = {}
            st.session_state.messages = []
            st.rerun()


def save_correction(correction: Correction) -> None:
    """Keep a correction: in the folder's corrections.csv when this visitor may write there, else in the session."""
    path = corrections_file(chosen_data())
    try:
        if current_editing().writes and path is not None:
            kept = append_correction(path, correction)
            where = "saved in the data folder's corrections.csv"
        else:
            kept = check(correction)
            st.session_state.corrections.append(kept)
            where = "kept in this browser session"
    except (CorrectionError, OSError) as error:
        st.session_state.correction_message = ("error", f"The correction was not kept: {md(error)}.")
        return
    verb = "rejected" if kept.action == "reject" else "corrected"
    st.session_state.correction_message = ("success", f"{md(kept.raw)} in {md(kept.article)} {verb}; {where}.")


def submit_correction(options: dict[str, dict]) -> None:
    """The correction form's callback: read the form, build the correction, keep it."""
    chosen = options.get(st.session_state.get("correct_figure") or "")
    if chosen is None:
        return
    state = st.session_state
    date_written = state.get("correct_date") or ""
    correction = Correction(
        article_id=chosen["article_id"], start=int(chosen["start"]), end=int(chosen["end"]), raw=chosen["raw"],
        article=chosen["article"], action="reject" if state.get("correct_action") == "Reject" else "correct",
        metric="" if state.get("correct_metric") in (None, "", chosen["metric"]) else state.correct_metric,
        value=(state.get("correct_value") or "").strip().replace(",", ""), date=date_written.strip(),
        subject=(state.get("correct_subject") or "").strip() if state.get("correct_subject") != chosen["subject"] else "",
        region=(state.get("correct_region") or "").strip() if state.get("correct_region") != chosen["region"] else "",
        note=(state.get("correct_note") or "").strip())
    save_correction(correction)


def show_corrections(shown: pd.DataFrame, figures: pd.DataFrame, corrections: tuple[Correction, ...],
                     unmatched: tuple[Correction, ...], problems: tuple[str, ...], ui: str = "en") -> None:
    """Correct or reject a figure; the corrections kept, those whose figure is gone, and unreadable lines."""
    st.subheader(t("Correct a figure", ui))
    allowed = current_editing()
    st.caption(allowed.reason[0].upper() + allowed.reason[1:] + ". Corrections are keyed to the article's content "
               "and the figure's place in it, so they stay attached when extraction runs again.")
    candidates = shown.head(MAX_CORRECTABLE)  # the table's facts, as filtered: narrow the filters to find others
    if len(shown) > MAX_CORRECTABLE:
        st.caption(f"The first {MAX_CORRECTABLE:,} of {len(shown):,} figures can be picked; narrow the filters to "
                   "pick others.")
    options = {f"{row.raw} · {row.label} · {row.subject or 'no subject'} · {row.article} @{row.start}": row._asdict()
               for row in candidates.itertuples()}
    if options:
        with st.form("correct", border=True):
            st.selectbox("Figure", list(options), key="correct_figure")
            st.radio("Action", ["Correct", "Reject"], key="correct_action", horizontal=True)
            left, right = st.columns(2)
            metric_ids = sorted({m.id for m in load_metrics()} | {"other"})
            left.selectbox("Metric", ["", *metric_ids], key="correct_metric", help="Empty: keep the extracted one.")
            right.text_input("Value", key="correct_value", placeholder="92070000", help="Empty: keep the extracted one.")
            left.text_input("Date (period)", key="correct_date", placeholder="2022-06-30, 2022-06 or 2022")
            right.text_input("Subject", key="correct_subject")
            left.text_input("Region", key="correct_region")
            right.text_input("Note", key="correct_note", placeholder="why: what the source says")
            st.form_submit_button(t("Save correction", ui), on_click=submit_correction, args=(options,))
    message = st.session_state.get("correction_message")
    if message:
        (st.error if message[0] == "error" else st.success)(message[1])
    for problem in problems:
        st.warning(md(problem))
    if not corrections:
        return
    rejected = rejected_rows(figures, corrections)
    latest = {c.key: c for c in corrections}.values()
    table = pd.DataFrame([{"Figure": c.raw, "Article": c.article, "Action": c.action,
                           "Change": ", ".join(f"{f} → {getattr(c, f)}" for f in ("metric", "value", "date", "subject",
                                                                              "region") if getattr(c, f)),
                           "Note": c.note, "Made": c.made,
                           "State": ("figure not found" if c in unmatched else "rejected" if c in rejected
                                     else "applied")} for c in latest])
    st.markdown(f"**Corrections** ({len(table)}; {sum(table.State == 'figure not found')} whose figure is no "
                "longer found are kept, listed here):")
    st.dataframe(table, hide_index=True)


# streamlit run (and AppTest) execute this file as __main__; a worker process that re-imports the main module
# (multiprocessing's "spawn", as Dask uses) must not start the app.
if __name__ == "__main__":
    main()
