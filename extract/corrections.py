"""An analyst's corrections: kept in a plain CSV file in the data folder, applied to every extraction.

The extractor will always make some mistakes on real news; an analyst fixes each once. A correction rejects a
fact or sets its metric, value, date, subject or region, with a short note. It is keyed to the article's content
(``article_id``, the first 16 hex digits of its text's SHA-256) and the figure's position in it (``start``,
``end``, with ``raw`` to check the characters are still the same), never to a file name or a row number, so it
stays attached when the file is renamed, the rules change and extraction runs again.

The file, ``corrections.csv`` in the data folder, has one line per correction and a header; it diffs well in git
and deploys with the folder. A later line for the same figure replaces an earlier one, so the file is also the
history of what was decided. Lines are only ever appended, atomically and under a lock (``append_correction``).

A correction whose figure no longer exists (the article changed, or the rules no longer find that figure) is
returned by ``apply_corrections`` as unmatched, for the dashboard to list: never silently dropped. A malformed
line (hand-edited, a merge conflict) gives a problem naming its line; every other line still applies.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

CORRECTIONS_FILE = "corrections.csv"
ACTIONS = ("correct", "reject")
CORRECTABLE = ("metric", "value", "date", "subject", "region")
MAX_NOTE = 500


class CorrectionError(ValueError):
    """A correction that cannot be kept, with a message for the analyst."""


@dataclass(frozen=True)
class Correction:
    """One line of ``corrections.csv``. Empty fields leave the extracted value alone."""

    article_id: str
    start: int
    end: int
    raw: str
    action: str  # correct or reject
    metric: str = ""
    value: str = ""  # a number, as written in the file: "92070000"
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY: the period the fact describes
    subject: str = ""
    region: str = ""
    note: str = ""
    article: str = ""  # the article's name when the correction was made, for people reading the file
    made: str = ""  # when, ISO 8601 UTC

    @property
    def key(self) -> tuple[str, int, int]:
        return self.article_id, self.start, self.end


COLUMNS = [f.name for f in fields(Correction)]


def parse_period(written: str) -> tuple[str, date, date, date] | None:
    """ "2022-06-30" → a day, "2022-06" → a month, "2022" → a year: (label, first, last, as_of); None if not one."""
    import calendar

    try:
        parts = [int(p) for p in written.strip().split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            day = date(*parts)
            return day.isoformat(), day, day, day
        if len(parts) == 2:
            year, month = parts
            last = date(year, month, calendar.monthrange(year, month)[1])
            return f"{year:04d}-{month:02d}", date(year, month, 1), last, last
        if len(parts) == 1 and 1900 <= parts[0] <= 2100:
            return f"{parts[0]:04d}", date(parts[0], 1, 1), date(parts[0], 12, 31), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def check(correction: Correction) -> Correction:
    """The correction as it will be kept, or CorrectionError saying what is wrong with it."""
    if correction.action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}, not {correction.action!r}")
    if not correction.article_id or correction.start < 0 or correction.end <= correction.start:
        raise CorrectionError("the figure's article and position are missing")
    if correction.value:
        try:
            number = float(correction.value)
        except ValueError:
            raise CorrectionError(f"value {correction.value!r} is not a number") from None
        if not math.isfinite(number):
            raise CorrectionError(f"value {correction.value!r} is not a finite number")
    if correction.date and parse_period(correction.date) is None:
        raise CorrectionError(f"date {correction.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if correction.metric:
        from extract.vocabulary import load_metrics

        known = {m.id for m in load_metrics()} | {"other"}
        if correction.metric not in known:
            raise CorrectionError(f"metric {correction.metric!r} is not one of metrics.toml's ids")
    if len(correction.note) > MAX_NOTE:
        raise CorrectionError(f"the note is longer than {MAX_NOTE} characters")
    if correction.action == "correct" and not any(getattr(correction, f) for f in CORRECTABLE):
        raise CorrectionError("a correction must change the metric, value, date, subject or region")
    return correction


def read_corrections(path: Path) -> tuple[list[Correction], list[str]]:
    """The corrections of ``path`` (none if it does not exist) and a problem per line that could not be read."""
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"{path.name}: cannot be read ({error}); no corrections applied"]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("article_id", "start", "end", "raw", "action") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"{path.name} line 1: the header lacks {', '.join(missing)}; no corrections applied"]
    corrections, problems = [], []
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            problems.append(f"{path.name} line {line}: {len(row) - (None in row)} fields where the header has "
                            f"{len(reader.fieldnames)}; line skipped")
            continue
        try:
            values = {name: (row.get(name) or "").strip() for name in COLUMNS}
            correction = Correction(**{**values, "start": int(values["start"]), "end": int(values["end"]),
                                       "raw": row.get("raw") or ""})
            corrections.append(check(correction))
        except (ValueError, CorrectionError) as error:
            problems.append(f"{path.name} line {line}: {error}; line skipped")
    return corrections, problems


def append_correction(path: Path, correction: Correction) -> Correction:
    """Add one line to ``path``: checked, stamped, written atomically (a new file renamed over the old) under a
    lock, so that two sessions correcting at once both keep their line and a crash leaves no half file."""
    from filelock import FileLock

    kept = check(replace(correction, made=correction.made or datetime.now(UTC).isoformat(timespec="seconds")))
    with FileLock(str(path) + ".lock", timeout=30):
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        if not existing.strip():
            writer.writeheader()
        elif not existing.endswith("\n"):
            buffer.write("\n")
        writer.writerow(asdict(kept))
        write_atomically(path, (existing + buffer.getvalue()).encode("utf-8"))
    return kept


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def latest_by_figure(corrections: Iterable[Correction]) -> dict[tuple[str, int, int], Correction]:
    """The last correction of each figure: a later line replaces an earlier one."""
    latest: dict[tuple[str, int, int], Correction] = {}
    for correction in corrections:
        latest[correction.key] = correction
    return latest


def apply_corrections(figures: pd.DataFrame, corrections: Iterable[Correction]
                      ) -> tuple[pd.DataFrame, list[Correction]]:
    """The figures with their corrections applied, and the corrections whose figure was not found.

    A corrected row gets ``correction`` = "corrected" and its ``correction_note``; a rejected one is dropped
    (it is listed with the corrections, not shown as a fact). A correction matches a row by article id and
    position, and only if the row's ``raw`` is still the characters it was made for.
    """
    import pandas as pd

    from extract.vocabulary import load_metrics

    frame = figures.copy()
    frame["correction"] = ""
    frame["correction_note"] = ""
    latest = latest_by_figure(corrections)
    if not latest or frame.empty:
        return frame, list(latest.values())
    labels = {m.id: (m.label_en, m.label_id) for m in load_metrics()} | {"other": ("Other", "Lainnya")}
    keys = list(zip(frame["article_id"], frame["start"].astype(int), frame["end"].astype(int), strict=True))
    found: set[tuple[str, int, int]] = set()
    rejected = []
    for position, key in enumerate(keys):
        correction = latest.get(key)
        if correction is None or frame.iat[position, frame.columns.get_loc("raw")] != correction.raw:
            continue
        found.add(key)
        index = frame.index[position]
        if correction.action == "reject":
            rejected.append(index)
            continue
        if correction.metric:
            label, label_id = labels[correction.metric]
            frame.loc[index, ["metric", "label", "label_id"]] = [correction.metric, label, label_id]
        if correction.value:
            frame.loc[index, "value"] = float(correction.value)
        if correction.date:
            label, first, last, as_of = parse_period(correction.date)
            grain = {10: "day", 7: "month", 4: "year"}[len(label)]
            frame.loc[index, ["period", "date_grain", "date_source"]] = [label, grain, "correction"]
            if "date_confidence" in frame.columns:
                frame.loc[index, "date_confidence"] = "stated"  # the analyst read it from the article
            frame.loc[index, ["date", "period_start", "period_end"]] = [pd.Timestamp(as_of), pd.Timestamp(first),
                                                                      pd.Timestamp(last)]
        for field in ("subject", "region"):
            if getattr(correction, field):
                frame.loc[index, field] = getattr(correction, field)
        frame.loc[index, ["correction", "correction_note"]] = ["corrected", correction.note]
    unmatched = [c for key, c in latest.items() if key not in found]
    return frame.drop(index=rejected), unmatched


def rejected_rows(figures: pd.DataFrame, corrections: Iterable[Correction]) -> list[Correction]:
    """The reject corrections that apply to ``figures`` (shown in the corrections list, not on the chart)."""
    keys = set(zip(figures["article_id"], figures["start"].astype(int), figures["end"].astype(int), strict=True))
    return [c for c in latest_by_figure(corrections).values() if c.action == "reject" and c.key in keys]
