"""Extraction beyond one machine, on Dask, with the same rules and the same rows.

Inputs are anything fsspec can open: local files and folders, globs, ``s3://``, ``gcs://``, ``https://`` ...
Each article is read and extracted on a worker by :func:`extract.frame.extract_one`, the function the
single-process path uses, so the frame is the same row for row (a test checks it on a two-worker
``LocalCluster``).

Two entry points:

- :func:`extract_with_dask` returns an :class:`~extract.frame.Extraction` (pandas frames) and is what
  ``python -m extract --dask ADDRESS`` calls;
- :func:`figures_bag` returns a lazy ``dask.bag`` of :class:`~extract.frame.ArticleResult`, to map, filter or
  write with Dask as part of a larger pipeline (``results.map(lambda r: r.status)`` and so on).

Dask, distributed and fsspec are optional: ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.article import ARTICLE_SUFFIXES
from extract.frame import (
    EMPTY_FOLDER,
    NO_SUCH_PATH,
    ArticleResult,
    Extraction,
    extract_one,
    figures_frame,
    status_frame,
    unreadable_result,
)

if TYPE_CHECKING:
    import dask.bag

PARTITION_ARTICLES = 200


def input_urls(paths: Iterable[str]) -> list[str]:
    """Every article a list of paths names: local folders are searched recursively, globs and URLs expanded.

    A path that matches nothing is kept as it is, so that it gets an "unreadable" status row.
    """
    import fsspec

    urls: list[str] = []
    for path in paths:
        local = Path(path)
        if "://" not in str(path) and local.is_dir():
            from extract.frame import expand_paths

            urls.extend(str(p) for p in expand_paths([local]))
            continue
        opened = fsspec.open_files(str(path)) if any(ch in str(path) for ch in "*?[") or "://" in str(path) else []
        found = [f.full_name for f in opened if f.path.lower().endswith(ARTICLE_SUFFIXES) or "://" in str(path)]
        urls.extend(found or [str(path)])
    return urls


def extract_url(url: str) -> ArticleResult:
    """Read one article through fsspec and extract it; never raises for a bad input."""
    import fsspec

    name = posixpath.basename(url.rstrip("/")) or url
    try:
        with fsspec.open(url, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return unreadable_result(url, NO_SUCH_PATH)
    except IsADirectoryError:
        return unreadable_result(url, EMPTY_FOLDER)
    except OSError as error:
        return unreadable_result(url, f"cannot be read: {error}")
    return extract_one((name, data))


def figures_bag(paths: Iterable[str], npartitions: int | None = None) -> dask.bag.Bag:
    """A lazy Dask bag of one :class:`ArticleResult` per input, in input order."""
    import dask.bag as db

    urls = input_urls(paths)
    partitions = npartitions or max(1, -(-len(urls) // PARTITION_ARTICLES))
    return db.from_sequence(urls, npartitions=min(partitions, max(1, len(urls)))).map(extract_url)


def extract_with_dask(paths: Iterable[str], scheduler: Any = None, npartitions: int | None = None) -> Extraction:
    """Extract on Dask: ``scheduler`` is a ``distributed.Client``, a scheduler address, "local" for a
    ``LocalCluster`` on this machine, or None for Dask's default scheduler."""
    bag = figures_bag(paths, npartitions)
    if scheduler is None:
        results = bag.compute()
    elif isinstance(scheduler, str):
        from distributed import Client, LocalCluster

        if scheduler == "local":
            with LocalCluster(processes=True, threads_per_worker=1) as cluster, Client(cluster) as client:
                results = client.compute(bag).result()
        else:
            with Client(scheduler) as client:
                results = client.compute(bag).result()
    else:
        results = scheduler.compute(bag).result()
    return Extraction(figures_frame(f for r in results for f in r.figures), status_frame(r.status for r in results))
