"""Writing frames for people: CSV that is safe to open in a spreadsheet, and JSON.

Article text is untrusted. A CSV cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula by Excel and LibreOffice
(OWASP "CSV injection"), so such text cells get a leading apostrophe, which
spreadsheets show as plain text. Numeric columns are left as numbers.
Dates are written as ISO dates (YYYY-MM-DD).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype) in ("string", "str"):
            safe[column] = safe[column].map(defuse_cell)
    return safe


def to_csv(frame: pd.DataFrame) -> str:
    return spreadsheet_safe(frame).to_csv(index=False, date_format="%Y-%m-%d")


def to_json(frame: pd.DataFrame) -> str:
    dated = frame.copy()
    for column in dated.columns:
        if str(dated[column].dtype).startswith("datetime"):
            dated[column] = dated[column].dt.strftime("%Y-%m-%d")
    return dated.to_json(orient="records", force_ascii=False, indent=1)
