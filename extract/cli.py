"""The command line: ``python -m extract PATH... [options]``, a mirror of :func:`extract.extract_articles`.

It writes the frame of figures (or, with ``--table status``, the status
table) as CSV to standard output unless told otherwise. Rows are written in
batches as articles are read, so memory stays flat however large the corpus.
Each unreadable input gets one line on standard error and the readable ones
are still written. A progress bar shows on standard error when it is a
terminal and there are many inputs.

Exit status: 0 when every input was read; 1 when at least one input was
unreadable (missing, a folder without articles, binary, empty...); 2 for a
usage error, such as an unknown option or Parquet without ``-o``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from extract.frame import ArticleResult

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2
FORMATS = ("csv", "json", "parquet")
BATCH_ARTICLES = 500
PARALLEL_FROM = 50  # inputs; below this, starting worker processes costs more than it saves


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract every dated figure from news articles into a tidy table, one row per figure.",
        epilog="Exit status: 0 all inputs read; 1 some input unreadable (each named on standard error); "
               "2 usage error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files (.txt, .md, .html) or folders of them (searched recursively); "
                             "with --dask, any path or glob fsspec can open (s3://, gcs://, ...)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format; default: from the -o file's suffix, else csv")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE instead of standard output (required for parquet)")
    parser.add_argument("--table", choices=("figures", "status"), default="figures",
                        help="which table to write: the figures (default) or one status row per input")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help=f"extract with N processes; default 0: one per core when there are at least "
                             f"{PARALLEL_FROM} inputs, else 1")
    parser.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a "
                             "cluster on this machine")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in FORMATS:
        parser.error(f"cannot tell the format from {args.output!r}; give --format {'/'.join(FORMATS)}")
    if fmt == "parquet" and not args.output:
        parser.error("parquet is binary: give -o FILE")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (automatic) or more")

    from extract.export import FrameWriter
    from extract.frame import expand_paths, figures_frame, iter_results, status_frame

    if args.dask:
        from extract.distributed import extract_with_dask

        result = extract_with_dask(args.paths, scheduler=args.dask)
        batches = [(result.figures, result.status)]
        total = None
    else:
        inputs = list(expand_paths(args.paths))
        total = len(inputs)
        jobs = args.jobs or ((os.cpu_count() or 1) if total >= PARALLEL_FROM else 1)
        results = iter_results(inputs, jobs)
        if not args.quiet:
            from tqdm import tqdm

            results = tqdm(results, total=total, unit="article", file=sys.stderr, disable=None, mininterval=0.5)
        batches = _batches(results)

    unreadable = 0
    with ExitStack() as stack:
        target = args.output if fmt == "parquet" else (
            stack.enter_context(open(args.output, "w", encoding="utf-8", newline="")) if args.output else sys.stdout)
        writer = FrameWriter(fmt, target)
        for figures, status in batches:
            for row in status[status.status == "unreadable"].itertuples():
                print(f"{row.article}: {row.reason}", file=sys.stderr)
                unreadable += 1
            writer.write(figures if args.table == "figures" else status)
        writer.close(figures_frame([]) if args.table == "figures" else status_frame([]))
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _batches(results: Iterable[ArticleResult]) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """(figures, status) frames for every BATCH_ARTICLES results."""
    from extract.frame import figures_frame, status_frame

    iterator = iter(results)
    while batch := list(islice(iterator, BATCH_ARTICLES)):
        yield figures_frame(f for result in batch for f in result.figures), status_frame(r.status for r in batch)
