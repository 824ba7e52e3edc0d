"""The command line: ``python -m extract PATH... [options]``, a mirror of :func:`extract.extract_articles`.

It writes one table as CSV to standard output unless told otherwise:

- ``facts`` (the default): one row per fact across all the inputs, with its series, its number of sources and
  their names: three articles reporting one figure give one row (``extract.series.merge_facts``);
- ``mentions``: one row per place a fact is written (headline, lead, quote), with its ``fact_id``, offsets, the
  characters written there and their sentence;
- ``figures``: one row per fact per article, before facts are merged across articles;
- ``status``: one row per input.

``figures`` and ``status`` are written in batches as articles are read, so memory stays flat however large the
corpus. ``facts`` and ``mentions`` must see every article before a fact's sources are known, so they keep the
figure rows (never the texts) in memory until the end: for a corpus too large for that, write ``figures`` to
Parquet and merge later.
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
TABLES = ("facts", "mentions", "figures", "status")
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
    parser.add_argument("--table", choices=TABLES, default="facts",
                        help="which table to write: facts (default; one row per fact across the inputs, with its "
                             "sources), mentions (one row per place a fact is written), figures (one row per fact "
                             "per article, streamed) or status (one row per input)")
    parser.add_argument("--no-corrections", action="store_true",
                        help="do not apply the corrections.csv of the folders given (applied by default, as the "
                             "dashboard does)")
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
        batches = [(result.figures, result.status, {})]
        total = None
    else:
        inputs = list(expand_paths(args.paths))
        total = len(inputs)
        jobs = args.jobs or ((os.cpu_count() or 1) if total >= PARALLEL_FROM else 1)
        results = iter_results(inputs, jobs, keep_text=args.table == "mentions")
        if not args.quiet:
            from tqdm import tqdm

            results = tqdm(results, total=total, unit="article", file=sys.stderr, disable=None, mininterval=0.5)
        batches = _batches(results)

    corrections = [] if args.no_corrections else _folder_corrections(args.paths)
    matched: set[tuple[str, int, int]] = set()
    unreadable = 0
    held: list[pd.DataFrame] = []  # facts and mentions: the figure rows, until every article is read
    mentions: list[pd.DataFrame] = []  # mentions: their words and sentences, read while each batch's texts are here
    with ExitStack() as stack:
        target = args.output if fmt == "parquet" else (
            stack.enter_context(open(args.output, "w", encoding="utf-8", newline="")) if args.output else sys.stdout)
        writer = FrameWriter(fmt, target)
        for figures, status, texts in batches:
            for row in status[status.status == "unreadable"].itertuples():
                print(f"{row.article}: {row.reason}", file=sys.stderr)
                unreadable += 1
            if corrections and args.table != "status":
                from extract.corrections import apply_corrections

                figures, unmatched = apply_corrections(figures, corrections)
                matched |= {c.key for c in corrections} - {c.key for c in unmatched}
            if args.table == "figures":
                writer.write(figures)
            elif args.table == "status":
                writer.write(status)
            else:
                held.append(figures)
                if args.table == "mentions":
                    from extract.series import mention_rows

                    mentions.append(mention_rows(figures.assign(fact_id="", series=""), texts))
        if args.table in ("facts", "mentions"):
            writer.write(_across_articles(held, mentions if args.table == "mentions" else None))
        writer.close(status_frame([]) if args.table == "status" else figures_frame([]))
    if args.table != "status":
        for correction in {c.key: c for c in corrections if c.key not in matched}.values():
            print(f"corrections.csv: the correction of {correction.raw!r} in {correction.article or correction.article_id}"
                  " matches no figure (the article changed, or the rules no longer find it); kept in the file",
                  file=sys.stderr)
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _folder_corrections(paths: list[str]) -> list:
    """The corrections.csv of every folder given; a line that cannot be read is named on standard error."""
    from extract.corrections import CORRECTIONS_FILE, read_corrections

    found = []
    for written in paths:
        folder = Path(written)
        if folder.is_dir():
            corrections, problems = read_corrections(folder / CORRECTIONS_FILE)
            found.extend(corrections)
            for problem in problems:
                print(problem, file=sys.stderr)
    return found


def _across_articles(held: list[pd.DataFrame], mentions: list[pd.DataFrame] | None) -> pd.DataFrame:
    """The facts across every article read; or, given the mention rows, those with their fact's id and series."""
    import pandas as pd

    from extract.frame import figures_frame
    from extract.series import assign_facts, mention_rows, merge_facts

    figures = pd.concat(held, ignore_index=True) if held else figures_frame([])
    if mentions is None:
        return merge_facts(figures)
    if not mentions:
        return mention_rows(figures.assign(fact_id="", series=""), {})
    rows = pd.concat(mentions, ignore_index=True)
    with_ids = assign_facts(figures)
    # mention_rows writes each figure's mentions in turn, one block per figure row, in the rows' order
    owners = [index for index, spans in enumerate(figures["mention_spans"]) for _ in str(spans or "x").split(";")]
    rows["fact_id"] = with_ids["fact_id"].to_numpy()[owners]
    rows["series"] = with_ids["series"].to_numpy()[owners]
    return rows


def _batches(results: Iterable[ArticleResult]) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]]:
    """(figures, status, texts) for every BATCH_ARTICLES results; texts only where they were kept."""
    from extract.frame import figures_frame, status_frame

    iterator = iter(results)
    while batch := list(islice(iterator, BATCH_ARTICLES)):
        texts = {r.status["article"]: r.text for r in batch if r.text}
        yield (figures_frame(f for result in batch for f in result.figures), status_frame(r.status for r in batch),
               texts)
