"""Where the dashboard's figures come from: a folder of articles, a Parquet file of figures, uploads, pasted text.

The data location is chosen without editing code: ``streamlit run
dashboard.py -- --data PATH [--data PATH ...]`` or the environment variable
``METRICS_TIMELINE_DATA`` (several paths separated by ``os.pathsep``, ``:`` on
Linux and macOS); the argument wins. Each PATH is a folder of articles or a
``.parquet`` table written by ``python -m extract``: the facts table (the
default), the figures table or the mentions table (read back as its first
mentions). Several paths are shown together, so a Parquet table of last
month's facts and a folder of this week's articles make one timeline.
Default: ``seeds/`` beside ``dashboard.py``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract.frame import (
    DATE_COLUMNS,
    FIGURE_COLUMNS,
    article_files,
    extract_one,
    figures_frame,
    status_frame,
    unreadable_result,
)

ENVIRONMENT_VARIABLE = "METRICS_TIMELINE_DATA"
MAX_UPLOAD_MB = 5
MAX_PASTE_CHARS = 1_000_000
UPLOAD_TYPES = ["txt", "md", "html", "htm"]


def data_locations(argv: Sequence[str], environ: Mapping[str, str], default: Path) -> list[Path]:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", action="append")
    known, _ = parser.parse_known_args(list(argv))
    chosen = known.data or [p for p in environ.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep) if p.strip()]
    return [Path(p).expanduser() for p in chosen] if chosen else [default]


@dataclass(frozen=True)
class Extracted:
    """One article's figures, its status row and its text (empty when unreadable)."""

    figures: pd.DataFrame
    status: pd.DataFrame
    text: str


def extract_bytes(name: str, data: bytes, max_bytes: int | None = None) -> Extracted:
    """Extract one file's bytes; a bad file gives a status row with the reason, never an exception."""
    if max_bytes is not None and len(data) > max_bytes:
        reason = f"too large: {len(data) / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB"
        result = unreadable_result(name, reason)
    else:
        result = extract_one((name, data), keep_text=True)
    return Extracted(figures_frame(result.figures), status_frame([result.status]), result.text)


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What identifies the folder's contents cheaply (name, size, modification time) for caching."""
    signature = []
    for path in article_files(folder):
        stat = path.stat()
        signature.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)


def load_parquet(path: Path) -> pd.DataFrame:
    """A frame of figures written by the CLI (facts, figures or mentions table), with the columns the dashboard
    needs."""
    frame = pd.read_parquet(path)
    if "mention" in frame.columns:  # a mentions table: its first mentions are the figures
        frame = frame[frame["mention"] == 1].drop(columns=["mention", "sentence"]).reset_index(drop=True)
    missing = [c for c in FIGURE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name} is not a figures file: missing columns {', '.join(missing)}")
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def combine(parts: Sequence[Extracted]) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures = [p.figures for p in parts if len(p.figures)]
    statuses = [p.status for p in parts]
    frame = pd.concat(figures, ignore_index=True) if figures else figures_frame([])
    status = pd.concat(statuses, ignore_index=True) if statuses else status_frame([])
    return frame, status


def default_folder() -> Path:
    return Path(__file__).parent.parent / "seeds"


def chosen_data(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    import sys

    return data_locations(sys.argv[1:] if argv is None else argv, os.environ if environ is None else environ,
                         default_folder())
