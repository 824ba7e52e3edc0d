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
STYLE_LABELS = {"id": "10 juta", "en": "10M"}
DEFAULTS = {"metric": [], "subject": [], "region": [], "article": [], "rates": "as written", "log": False,
            "numbers": "id", "other": False}


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
def timeline_spec(log_scale: bool, positive: bool, start: date, end: date, style: str) -> dict:
    return charts.timeline_spec(log_scale=log_scale, positive=positive, start=start, end=end, style=style)


@dataclass(frozen=True)
class Facets:
    """What the filters offer, worked out once per dataset rather than on every rerun."""

    metric_labels: dict[str, str]
    subjects: list[str]
    regions: list[str]
    first: date
    last: date


@st.cache_resource(max_entries=16, hash_funcs={Dataset: lambda dataset: dataset.key})
def facets(dataset: Dataset) -> Facets:
    figures = dataset.figures
    labels = figures.drop_duplicates("metric")
    dates = figures["date"].dropna()
    first = dates.min().date() if len(dates) else date.today()
    last = dates.max().date() if len(dates) else date.today()
    return Facets(dict(zip(labels["metric"], labels["label"], strict=True)),
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
                  added: frozenset[str]) -> tuple[views.Prepared, tuple[Correction, ...]]:
    """Corrections applied, facts merged across articles, rates converted, series keyed and disagreements found,
    once per data, corrections and display choice; with the corrections whose figure was not found."""
    corrected, unmatched = apply_corrections(dataset.figures, corrections)
    return views.prepare(corrected, rates, style, added), tuple(unmatched)


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
        st.session_state[key] = value
    st.session_state.dates = (start, end)


def main() -> None:
    st.set_page_config(page_title="Metrics timeline", page_icon="📈", layout="wide")
    for key, value in (("added", {}), ("messages", []), ("uploads", 0), ("corrections", [])):
        st.session_state.setdefault(key, value)

    locations = chosen_data()
    dataset = with_added(load_data(locations), st.session_state.added)
    where = ", ".join(location.name for location in locations)  # names only: never the server's folders
    figures, status, texts = dataset.figures, dataset.status, dataset.texts
    added_names = frozenset(st.session_state.added)

    st.title("Metrics timeline")
    st.caption(f"Dated figures from {len(status)} article{'s' if len(status) != 1 else ''} in {md(where)}"
               + (f" and {len(added_names)} added in this session" if added_names else "")
               + ". Hover a point for its sentence, article and speaker.")

    offered = facets(dataset)
    first, last = offered.first, offered.last

    with st.sidebar:
        st.header("Filters")
        metric_labels = offered.metric_labels
        st.multiselect("Metric", sorted(metric_labels, key=metric_labels.get), key="metric", bind="query-params",
                       format_func=lambda m: metric_labels.get(m, m), placeholder="All metrics")
        follow_data_range(first, last)
        st.date_input("Dates", value=(first, last), key="dates", bind="query-params", format="YYYY-MM-DD")
        for column, label, options in (("subject", "Subject", offered.subjects), ("region", "Region", offered.regions),
                                       ("article", "Article", list(status["article"]))):
            st.multiselect(label, options, key=column, bind="query-params", placeholder=f"All ({len(options)})")
        st.header("Display")
        st.radio("Rates", list(RATE_LABELS), format_func=RATE_LABELS.get, key="rates", bind="query-params",
                 horizontal=True, help="Convert rates to one time unit, so figures per day and per month can be compared.")
        st.radio("Numbers", list(STYLE_LABELS), format_func=STYLE_LABELS.get, key="numbers", bind="query-params",
                 horizontal=True)
        st.toggle("Log scale", key="log", bind="query-params")
        st.toggle("Show “Other” figures", key="other", bind="query-params",
                  help="Figures no rule classifies get no panel unless this is on; they are always in the table.")
        st.button("Reset view", key="reset", on_click=reset_filters, args=(first, last), width="stretch")
        allowed = current_editing()
        st.header("Editing")
        if allowed.needs_password:
            st.text_input("Editor password", type="password", key="editor_password_entered", on_change=password_tried)
        st.caption(allowed.reason[0].upper() + allowed.reason[1:] + ".")

    chosen_dates = st.session_state.get("dates") or (first, last)
    start, end = (*tuple(chosen_dates), None, None)[:2]
    filters = views.Filters(
        metrics=tuple(st.session_state.metric), subjects=tuple(st.session_state.subject),
        regions=tuple(st.session_state.region), articles=tuple(st.session_state.article),
        start=start, end=end)
    style = st.session_state.numbers or "id"
    corrections, correction_problems = current_corrections(locations)
    prepared, unmatched = display_frame(dataset, corrections, st.session_state.rates, style, added_names)
    shown = views.filter_figures(prepared.facts, filters)
    chosen = views.chosen_series(shown, filters, show_other=bool(st.session_state.other))

    timeline_tab, table_tab, articles_tab, add_tab = st.tabs(["Timeline", "Table", "Articles", "Add articles"])
    with timeline_tab:
        show_timeline(shown, chosen, prepared.disagreements, figures, status, where, start or first, end or last,
                      style)
    with table_tab:
        show_table(shown)
        show_corrections(shown, figures, corrections, unmatched, correction_problems)
    with articles_tab:
        show_articles(figures, status, texts, style)
    with add_tab:
        show_adding()


def show_timeline(shown: pd.DataFrame, chosen: views.Chosen, pairs: pd.DataFrame, figures: pd.DataFrame,
                  status: pd.DataFrame, where: str, start: date, end: date, style: str) -> None:
    if status.empty:
        st.info(f"No articles found in {md(where)}. Put .txt or .html files there, or add some in "
                "**Add articles**.")
        return
    if figures.empty:
        st.info("The articles hold no figures yet. Add articles in **Add articles**, or check them in **Articles**.")
        return
    if shown.empty:
        st.info("No figures match these filters. Widen the dates or clear a filter, or press **Reset view**.")
        return
    facts = chosen.facts
    notes = []
    if chosen.shown_series < chosen.all_series:
        notes.append(f"Showing the {chosen.shown_series} most reported of {chosen.all_series} series; choose subjects "
                     "or metrics in the sidebar to see others.")
    if chosen.others_hidden:
        notes.append(f"{chosen.others_hidden} “Other” figure(s) are in **Table**; switch on **Show “Other” figures** "
                     "to chart them.")
    undated = facts[facts["date"].isna()]
    if len(undated):
        notes.append(f"{len(undated)} figure(s) have no date and are not on the timeline; they are in **Table**.")
    for note in notes:
        st.caption(note)
    if facts.empty:
        st.info("Only “Other” figures match these filters: switch on **Show “Other” figures**, or see **Table**.")
        return
    show_cards(views.latest_by_series(facts, style))
    disputes = views.disagreement_list(facts, pairs)
    if len(disputes):
        with st.container(border=True):
            st.markdown(f"**Sources disagree** ({len(disputes)} time{'s' if len(disputes) != 1 else ''}: the same "
                        "series and period, values that differ beyond rounding):")
            for row in disputes.head(MAX_DISAGREEMENTS_LISTED).itertuples():
                st.text(f"{row.series}, {row.period}: {row.value} ({row.sources}) vs {row.other_value} "
                        f"({row.other_sources}), {row.difference:.0%} apart")
            if len(disputes) > MAX_DISAGREEMENTS_LISTED:
                st.caption("The rest are marked on the chart and listed in the table's Disagreement column.")
    plotted = facts.dropna(subset=["date"])
    if len(plotted) > MAX_CHART_POINTS:
        st.warning(f"{len(plotted):,} figures match; the chart shows the {MAX_CHART_POINTS:,} most recent. Narrow "
                   "the metrics, dates or articles to see every point; the table and downloads hold all of them.")
        plotted = plotted.nlargest(MAX_CHART_POINTS, "date")
    log_scale = bool(st.session_state.log)
    data = charts.chart_data(plotted, start=start, end=end, log_scale=log_scale)
    spec = timeline_spec(log_scale, charts.all_positive(data), start, end, style)
    st.vega_lite_chart(spec=charts.with_data(spec, data), key="timeline_chart")
    left, right = st.columns(2)  # drawn only when a button is pressed, not on every rerun
    left.download_button("Download chart (PNG)", lambda: charts.to_png(charts.export_spec(spec, data)),
                         file_name="timeline.png", mime="image/png",
                         help="The chart as shown, with its sources in the caption.")
    right.download_button("Download chart (SVG)", lambda: charts.to_svg(charts.export_spec(spec, data)),
                          file_name="timeline.svg", mime="image/svg+xml")


CARD_COLUMNS = 3


def show_cards(latest: pd.DataFrame) -> None:
    """A card per series shown: its latest value (never cut off: it wraps), its period, the change since the
    previous fact of the same series, and its sources."""
    if len(latest) > MAX_CARDS:
        st.caption(f"Latest values of the {MAX_CARDS} most recently reported of {len(latest)} series.")
        latest = latest.nlargest(MAX_CARDS, "date").sort_values(["panel", "series"])
    columns = st.columns(CARD_COLUMNS)
    for index, row in enumerate(latest.itertuples()):
        with columns[index % CARD_COLUMNS].container(border=True):
            st.caption(md(row.series))
            st.markdown(f"#### {md(row.value_label)}")  # with its unit and rate: "100 ribu video/hari"
            change = (f"{md(row.change_label)} since {md(row.previous_period)}" if row.change_label
                      else "first figure of this series")
            sources = f"{row.sources} source{'s' if row.sources != 1 else ''}" + (
                " · corrected by an analyst" if row.correction else "")
            st.caption(f"{md(row.period)} · {change} · {sources}", help=f"From {md(row.source_articles)}")


def show_table(shown: pd.DataFrame) -> None:
    if shown.empty:
        st.info("No figures match these filters.")
        return
    table = views.table_view(shown)
    if len(table) > MAX_TABLE_ROWS:
        st.caption(f"Showing the first {MAX_TABLE_ROWS:,} of {len(table):,} rows; the downloads hold all of them.")
    st.dataframe(table.head(MAX_TABLE_ROWS), hide_index=True, column_config={
        "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Published": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Value": st.column_config.NumberColumn(format="localized"),
        "Sentence": st.column_config.TextColumn(width="large"),
    })
    left, right = st.columns(2)
    # a large table is written only when the button is pressed, not on every rerun
    small = len(table) <= MAX_TABLE_ROWS
    left.download_button("Download CSV", to_csv(table) if small else (lambda: to_csv(table)), file_name="figures.csv",
                         mime="text/csv", help="Every filtered row with the columns shown and their sources; safe to "
                                               "open in a spreadsheet.")
    right.download_button("Download JSON", to_json(table) if small else (lambda: to_json(table)),
                          file_name="figures.json", mime="application/json")


def show_articles(figures: pd.DataFrame, status: pd.DataFrame, texts: dict[str, str], style: str) -> None:
    if status.empty:
        st.info("No articles yet.")
        return
    st.dataframe(status[[c for c in ("article", "status", "reason", "figures", "published", "date_grain",
                                     "date_source", "dateline", "title", "outlet") if c in status]],
                 hide_index=True, column_config={"published": st.column_config.DateColumn(format="YYYY-MM-DD")})
    name = st.selectbox("Read an article", list(status["article"]), key="article_view")
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
        st.info("No figures were found in this article.")
    if name in texts:
        st.html(highlighted_html(texts[name], own, style))


def show_adding() -> None:
    st.file_uploader(f"Upload articles (.txt, .md or .html; up to {MAX_UPLOAD_MB} MB each)", type=UPLOAD_TYPES,
                     accept_multiple_files=True, key=f"uploader_{st.session_state.uploads}", on_change=add_upload,
                     max_upload_size=MAX_UPLOAD_MB)
    with st.form("paste", clear_on_submit=False, border=True):
        st.text_input("Name for the pasted article", key="paste_name", placeholder="pasted text")
        st.text_area("Or paste an article's text", key="paste_text", height=180)
        st.form_submit_button("Add pasted text", on_click=add_paste)
    with st.form("by_url", clear_on_submit=False, border=True):
        st.text_input("Or add a page by its address", key="add_url", placeholder="https://...")
        st.form_submit_button("Fetch and add", on_click=add_url)
    for kind, message in st.session_state.messages:
        (st.error if kind == "error" else st.success)(message)
    if st.session_state.added:
        st.text("Added in this session (kept until you close the tab): " + ", ".join(st.session_state.added))
        if st.button("Remove added articles"):
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
                     unmatched: tuple[Correction, ...], problems: tuple[str, ...]) -> None:
    """Correct or reject a figure; the corrections kept, those whose figure is gone, and unreadable lines."""
    st.subheader("Correct a figure")
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
            st.form_submit_button("Save correction", on_click=submit_correction, args=(options,))
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
