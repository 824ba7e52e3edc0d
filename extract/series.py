"""Series and facts across articles: the analyst's unit is a series, one subject's metric over time.

A **series** is one subject's metric, measured one way (a level, a growth with its basis, a share, a multiple),
of one part, in one region, unit and rate: "TikTok · Monthly active users · Indonesia" (users, no rate), "Sea ·
Revenue · growth YoY · digital entertainment". A growth rate and a share of one total are different series, so
a company's rates are never lumped into one "Growth" line. Subjects and regions are canonical entity names
already (``entities.toml`` folds "Tik Tok" and "TikTok Indonesia" into subject TikTok, region Indonesia), so
figures from different outlets land on the same series. ``series_id`` is the key (its parts joined by ``|``);
``series`` is a readable label.

A **fact** across articles is one series, one period and one value: when three articles report TikTok's
Indonesian monthly users for June 2020 as "99,1 juta", "99 juta" and "99.1 million", that is one point with three
sources (``merge_facts``). Values are the same when they are equal within the rounding of the less precise one,
read from the digits as written (``precision``): half a unit of its last digit ("92 juta" and "92,07 juta" agree;
"150 juta" and "200 juta", "20%" and "24%" do not), a whole unit on the side its qualifier opens ("lebih dari
132 juta" and "132,7 juta"; "sekitar 200 juta" and "199,6 juta"). Two facts left in the same series and period
disagree (``disagreements``); a disagreement across subjects, metrics, regions, units or rates cannot occur, since it
is only ever looked for inside one series.

Facts need a period to be compared: an undated figure stays a fact of its own. Everything here is pure pandas
and numpy (no I/O); ``python -m extract --table facts`` and the dashboard both call it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np
import pandas as pd

SERIES_PARTS = ("subject", "metric", "measure", "basis", "part", "region", "unit", "per")
NO_SUBJECT = "(no subject)"
SOURCE_SEPARATOR = "; "
# a qualified value may stand a whole unit of its last digit from the true one, on the side it names
WIDER_ABOVE = frozenset({"more_than", "at_least", "approx"})  # "lebih dari 132 juta" may be 132,7 juta
WIDER_BELOW = frozenset({"less_than", "up_to", "approx"})  # "hampir 200 juta" may be 196,7 juta
BASIS_WORDS = {"yoy": "YoY", "qoq": "QoQ", "mom": "MoM", "hoh": "HoH", "since": "since"}
FACT_COLUMNS = ("series_id", "series", "precision", "sources", "source_articles")


def _column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A series part as text; a frame written before the part existed has it empty."""
    if column not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str)


def series_ids(frame: pd.DataFrame) -> pd.Series:
    """The key of each row's series: its ``SERIES_PARTS`` joined by ``|``."""
    parts = [_column(frame, column) for column in SERIES_PARTS]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return joined


def measure_words(measure: str, basis: str = "", words: Mapping[str, str] | None = None) -> str:
    """How a series measures its metric, as an analyst writes it: "growth YoY", "share", "" for a level
    (``words``: the measures in another language, "pertumbuhan YoY")."""
    if not measure:
        return ""
    named = (words or {}).get(measure, measure)
    return f"{named} {BASIS_WORDS.get(basis, basis)}".strip() if basis else named


def series_label(subject: str, label: str, region: str, measure: str = "", basis: str = "", part: str = "",
                 words: Mapping[str, str] | None = None) -> str:
    """ "TikTok · Monthly active users · Indonesia", "Sea · Revenue · growth YoY · digital entertainment"; the
    unit and rate name the panel the series is drawn in. ``words`` writes the measures and the missing subject
    in the interface's language."""
    words = words or {}
    return " · ".join(p for p in (subject or words.get(NO_SUBJECT, NO_SUBJECT), label,
                                  measure_words(measure, basis, words), part, region) if p)


def add_series(frame: pd.DataFrame, words: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``series_id`` and ``series`` for every row (call again after rates are converted: the rate is a part)."""
    keyed = frame.copy()
    keyed["series_id"] = series_ids(keyed)
    columns = ["subject", "label", "region", "measure", "basis", "part"]
    parts = pd.DataFrame({column: _column(keyed, column) for column in columns}, index=keyed.index)
    labels = parts.drop_duplicates()
    names = {key: series_label(*key, words=words) for key in labels.itertuples(index=False, name=None)}
    keyed["series"] = [names[key] for key in parts.itertuples(index=False, name=None)]
    return keyed


_POWERS = [10.0 ** k for k in range(15, -7, -1)]


def value_precision(values: pd.Series | np.ndarray) -> np.ndarray:
    """The unit of each value's last non-zero digit: 196700000 → 100000, 73.7 → 0.1, 200000000 → 1e8.

    Only for values whose written precision is unknown (a range's upper end, a figures file written before the
    ``precision`` column): extraction records the precision as written (``extract.numbers.written_precision``).
    """
    numbers = np.abs(np.asarray(values, dtype=float))
    precision = np.ones(len(numbers))
    unset = numbers > 0
    precision[~unset] = 1.0
    for power in _POWERS:
        fits = unset & (power <= numbers) & np.isclose(np.round(numbers / power) * power, numbers, rtol=1e-9, atol=0)
        precision[fits] = power
        unset &= ~fits
    return precision


def same_value(a: float, a_precision: float, a_qualifier: str, b: float, b_precision: float,
               b_qualifier: str) -> bool:
    """Whether two values are equal within the rounding of the less precise one (see the module docstring)."""
    if a_precision < b_precision:
        a, a_precision, a_qualifier, b, b_precision, b_qualifier = b, b_precision, b_qualifier, a, a_precision, a_qualifier
    # a is now the coarser value
    tolerance = 0.5 * a_precision
    if (b >= a and a_qualifier in WIDER_ABOVE) or (b <= a and a_qualifier in WIDER_BELOW):
        tolerance = a_precision
    return abs(a - b) < tolerance


def _same_range(one: dict, other: dict) -> bool:
    if not same_value(one["value"], one["precision"], one["qualifier"], other["value"], other["precision"],
                      other["qualifier"]):
        return False
    one_max, other_max = one["value_max"], other["value_max"]
    if pd.isna(one_max) and pd.isna(other_max):
        return True
    if pd.isna(one_max) or pd.isna(other_max):
        return False
    precisions = value_precision(np.array([one_max, other_max]))
    return same_value(one_max, precisions[0], "", other_max, precisions[1], "")


_COMPARED = ["value", "value_max", "precision", "qualifier"]


def merge_facts(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per fact across articles: figures of one series and period whose values agree become one row.

    The row kept is the most precise statement (then the earliest published, then the first read); it gains
    ``sources`` (how many articles state the fact), ``source_articles`` (their names, the kept statement's
    first, joined by "; "), the sum of their ``mentions`` and a ``fact_id``. Rows already merged (a facts table
    read back) merge again without losing their sources, so the function can run on its own output.
    """
    frame, keep = _merged(figures)
    return frame[keep].reset_index(drop=True)


def assign_facts(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure row with the ``fact_id`` of the fact it belongs to across articles (see :func:`merge_facts`),
    so that each mention can be traced to its point on the timeline."""
    frame, _ = _merged(figures)
    return frame


def _merged(figures: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Within a series and period the rows are taken most precise first, and each is compared only with the kept
    values nearest its own on either side (a binary search): the nearest is the only one it can round to, so the
    cost stays n log n however many figures share a period."""
    # rows of several origins may meet here (a facts table read back beside a folder's figures): whatever a row
    # lacks is filled from what it has
    frame = add_series(figures).reset_index(drop=True)
    if "precision" not in frame.columns:  # a figures file written before the column existed
        frame["precision"] = np.nan
    frame["precision"] = frame["precision"].astype(float).fillna(pd.Series(value_precision(frame["value"])))
    if "source_articles" not in frame.columns:
        frame["source_articles"] = ""
    frame["source_articles"] = frame["source_articles"].fillna("").astype(str).where(
        frame["source_articles"].fillna("").astype(str) != "", frame["article"].astype(str))
    if "mentions" not in frame.columns:
        frame["mentions"] = 1
    keys = _period_keys(frame)
    crowded = keys[keys.duplicated(keep=False) & (frame["period"].fillna("") != "")]
    keep = np.ones(len(frame), dtype=bool)
    into_row = np.arange(len(frame))
    sources = frame["source_articles"].astype(str).str.split(SOURCE_SEPARATOR).tolist()
    mentions = frame["mentions"].fillna(1).astype(int).tolist()
    corrected = "correction" in frame.columns
    if corrected:  # a fact is marked corrected when any of its sources was corrected, with every note
        marks = frame["correction"].fillna("").tolist()
        notes = frame["correction_note"].fillna("").tolist()
    if len(crowded):
        published = pd.to_datetime(frame.loc[crowded.index, "published"], errors="coerce")
        order = frame.loc[crowded.index, _COMPARED].assign(_key=crowded, _published=published).sort_values(
            ["_key", "precision", "_published"], kind="stable", na_position="last")
        records = order.to_dict("index")
        kept_values: list[float] = []
        kept_rows: list[int] = []
        current = None
        for index, row in records.items():
            if row["_key"] != current:
                current, kept_values, kept_rows = row["_key"], [], []
            into = _nearest_match(row, kept_values, kept_rows, records)
            if into is None:
                at = int(np.searchsorted(kept_values, row["value"]))
                kept_values.insert(at, row["value"])
                kept_rows.insert(at, index)
                continue
            keep[index] = False
            into_row[index] = into
            sources[into] = _union(sources[into], sources[index])
            mentions[into] += mentions[index]
            if corrected and marks[index]:
                marks[into] = marks[index]
                notes[into] = "; ".join(n for n in (notes[into], notes[index]) if n)
    own_ids = [_fact_id(series, period, value) for series, period, value in
               zip(frame["series_id"], frame["period"].fillna(""), frame["value"], strict=True)]
    frame["fact_id"] = [own_ids[i] for i in into_row]
    frame["source_articles"] = [SOURCE_SEPARATOR.join(sources[i]) for i in into_row]
    frame["sources"] = [len(sources[i]) for i in into_row]
    frame["mentions"] = mentions  # summed on the kept row of each fact
    if corrected:
        frame["correction"] = marks
        frame["correction_note"] = notes
    return frame, keep


def _fact_id(series_id: str, period: str, value: float) -> str:
    """A short stable id: the same series, period and kept value give the same id on every run."""
    return hashlib.sha1(f"{series_id}|{period}|{value!r}".encode()).hexdigest()[:12]


def _period_keys(frame: pd.DataFrame) -> pd.Series:
    return frame["series_id"] + "\x00" + frame["period"].fillna("")


def _nearest_match(row: dict, kept_values: list[float], kept_rows: list[int], records: dict) -> int | None:
    at = int(np.searchsorted(kept_values, row["value"]))
    for neighbour in (at - 1, at):
        if 0 <= neighbour < len(kept_rows) and _same_range(records[kept_rows[neighbour]], row):
            return kept_rows[neighbour]
    return None


def _union(first: list[str], second: list[str]) -> list[str]:
    return first + [name for name in second if name not in first]


def disagreements(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts that another fact of the same series and period contradicts: each paired with its period's
    leading fact (the most sources, then the most precise), so k facts of one period give k - 1 pairs.

    Columns: ``first`` (the leading fact's row label in ``facts``), ``second`` (the other's) and ``difference``
    (relative to the larger value). Only facts of one series are ever paired: a disagreement across subjects,
    units, regions or rates cannot occur. Two values of one series and period from one and the same article are
    paired too: a revision, or two facts the rules could not tell apart, is a question for the analyst, and a
    chart that stacked them silently would claim more than the text does. ``same_article`` says which.
    """
    rows = []
    keys = _period_keys(facts)
    crowded = facts[keys.duplicated(keep=False) & (facts["period"].fillna("") != "")]
    if len(crowded):
        ordered = crowded.assign(_key=keys.loc[crowded.index]).sort_values(
            ["_key", "sources", "precision"], ascending=[True, False, True], kind="stable")
        records = ordered[[*_COMPARED, "value", "source_articles", "_key"]].loc[:, lambda f: ~f.columns.duplicated()]
        leader: tuple[object, dict] | None = None
        for index, row in records.to_dict("index").items():
            if leader is None or leader[1]["_key"] != row["_key"]:
                leader = (index, row)
                continue
            first, one = leader
            if _same_range(one, row):
                continue
            largest = max(abs(one["value"]), abs(row["value"]))
            difference = abs(one["value"] - row["value"]) / largest if largest else 0.0
            same = one["source_articles"] == row["source_articles"] and SOURCE_SEPARATOR not in row["source_articles"]
            rows.append({"first": first, "second": index, "difference": difference, "same_article": same})
    return pd.DataFrame(rows, columns=["first", "second", "difference", "same_article"])


MENTION_OWN = ["mention", "start", "end", "raw", "sentence"]  # what is particular to one mention


def mention_rows(figures: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per mention: each place an article writes a fact (its headline, lead, a quote), with the
    characters written there (``raw``, ``text[start:end]``) and the sentence they stand in (``sentence``); the
    other columns are the fact's as its article gives it (``quote`` is the first mention's sentence), so a
    mentions table alone can be read back as figures (its first mentions).

    ``figures`` are figure rows with their ``fact_id`` (:func:`assign_facts`); ``texts`` the articles' texts by
    name. Without an article's text, a later mention keeps its offsets but not its words.
    """
    rows = []
    for figure in figures.to_dict("records"):
        text = texts.get(figure["article"], "")
        quotes = [figure["quote"], *[q for q in str(figure.get("other_quotes") or "").split("\n") if q]]
        spans = str(figure.get("mention_spans") or f"{figure['start']}-{figure['end']}").split(";")
        for number, span in enumerate(spans, start=1):
            start, end = (int(part) for part in span.split("-"))
            first = number == 1
            rows.append({**figure, "mention": number, "start": start, "end": end,
                         "raw": figure["raw"] if first else text[start:end],
                         "sentence": figure["quote"] if first else _sentence_at(text, start, quotes)})
    leading = ["fact_id", "series", *MENTION_OWN]
    columns = leading + [c for c in figures.columns if c not in leading]
    return pd.DataFrame(rows, columns=columns)


def _sentence_at(text: str, position: int, quotes: list[str]) -> str:
    """Of the fact's sentences, the one that stands at ``position`` of the text ("" when none is known)."""
    for quote in quotes:
        at = text.rfind(quote, 0, position + len(quote)) if quote else -1  # the last that starts by position
        if at != -1 and at <= position < at + len(quote):
            return quote
    return ""
