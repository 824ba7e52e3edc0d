"""Writing frames for people: CSV that is safe to open in a spreadsheet, and JSON.

Article text is untrusted. A CSV cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula by Excel and LibreOffice
(OWASP "CSV injection"), so such text cells get a leading apostrophe, which
spreadsheets show as plain text. Numeric columns are left as numbers.
Dates are written as ISO dates (YYYY-MM-DD).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

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


def to_csv(frame: pd.DataFrame, *, header: bool = True) -> str:
    return spreadsheet_safe(frame).to_csv(index=False, header=header, date_format="%Y-%m-%d")


def to_json(frame: pd.DataFrame) -> str:
    dated = frame.copy()
    for column in dated.columns:
        if str(dated[column].dtype).startswith("datetime"):
            dated[column] = dated[column].dt.strftime("%Y-%m-%d")
    return dated.to_json(orient="records", force_ascii=False, indent=1)


class FrameWriter:
    """Writes a table batch by batch, so that a corpus of any size is written in constant memory.

    CSV and JSON go to a text stream (standard output or a file); Parquet to a file, one row group a batch.
    """

    def __init__(self, fmt: str, target: TextIO | str) -> None:
        self.fmt = fmt
        self.target = target
        self.rows = 0
        self._parquet = None
        self._schema = None
        self._header_written = False

    def write(self, frame: pd.DataFrame) -> None:
        if self.fmt == "parquet":
            self._write_parquet(frame)
        elif self.fmt == "csv":
            self.target.write(to_csv(frame, header=not self._header_written))
            self._header_written = True
        else:
            rows = to_json(frame).strip()[1:-1].strip()
            if rows:
                self.target.write(("[\n" if not self.rows else ",\n") + rows)
        self.rows += len(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self.target, self._schema)
        self._parquet.write_table(table.cast(self._schema))

    def close(self, empty: pd.DataFrame) -> None:
        """Finish the file; ``empty`` gives the columns when no row was written."""
        if self.fmt == "parquet":
            if self._parquet is None:
                self._write_parquet(empty)
            self._parquet.close()
        elif self.fmt == "csv":
            if not self._header_written:
                self.target.write(to_csv(empty))
        else:
            self.target.write("\n]\n" if self.rows else "[]\n")
