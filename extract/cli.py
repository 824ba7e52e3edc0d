"""The command line: ``python -m extract PATH... [options]``, a mirror of :func:`extract.extract_articles`.

It writes the frame of figures (or, with ``--table status``, the status
table) as CSV to standard output unless told otherwise. Each unreadable input
gets one line on standard error and the readable ones are still written.

Exit status: 0 when every input was read; 1 when at least one input was
unreadable (missing, a folder without articles, binary, empty...); 2 for a
usage error, such as an unknown option or Parquet without ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2
FORMATS = ("csv", "json", "parquet")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract every dated figure from news articles into a tidy table, one row per figure.",
        epilog="Exit status: 0 all inputs read; 1 some input unreadable (each named on standard error); "
               "2 usage error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files (.txt, .md, .html) or folders of them (searched recursively)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format; default: from the -o file's suffix, else csv")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE instead of standard output (required for parquet)")
    parser.add_argument("--table", choices=("figures", "status"), default="figures",
                        help="which table to write: the figures (default) or one status row per input")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="extract with N processes (default 1)")
    return parser


def write_frame(frame, fmt: str, output: str | None) -> None:
    """Write a frame in one of FORMATS; CSV cells that a spreadsheet would run as formulas are defused."""
    from extract.export import to_csv, to_json

    if fmt == "parquet":
        frame.to_parquet(output, index=False)
        return
    payload = to_csv(frame) if fmt == "csv" else to_json(frame)
    if output:
        Path(output).write_text(payload, encoding="utf-8")
    else:
        sys.stdout.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in FORMATS:
        parser.error(f"cannot tell the format from {args.output!r}; give --format {'/'.join(FORMATS)}")
    if fmt == "parquet" and not args.output:
        parser.error("parquet is binary: give -o FILE")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    from extract.frame import extract_articles

    extraction = extract_articles(args.paths, jobs=args.jobs)
    for row in extraction.status.itertuples():
        if row.status == "unreadable":
            print(f"{row.article}: {row.reason}", file=sys.stderr)
    frame = extraction.figures if args.table == "figures" else extraction.status
    write_frame(frame, fmt, args.output)
    return EXIT_OK if extraction.ok else EXIT_UNREADABLE
