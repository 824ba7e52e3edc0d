"""Many articles in, the tidy frame of figures and a status table out.

Every input is accounted for in the status table: ``ok``, ``no figures``,
``no date`` or ``unreadable`` with its reason. One unreadable file never
stops the others. Work is done one article at a time (:func:`iter_results`),
so memory grows with the figures kept, not with the text read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from extract.article import ARTICLE_SUFFIXES, Article, UnreadableArticle, parse_article_bytes, read_article
from extract.facts import Figure
from extract.figures import find_figures

if TYPE_CHECKING:
    import pandas as pd

FIGURE_COLUMNS = [f.name for f in fields(Figure)]
INTEGER_COLUMNS = ("start", "end", "mentions", "figures", "chars", "sources")
FLOAT_COLUMNS = ("value", "value_max", "precision")
STATUS_COLUMNS = ["article", "status", "reason", "figures", "title", "outlet", "published", "date_grain",
                  "date_source", "dateline", "language", "encoding", "chars", "article_id"]
DATE_COLUMNS = ("date", "period_start", "period_end", "published")

Source = str | os.PathLike[str] | Article | tuple[str, bytes]


@dataclass(frozen=True)
class ArticleResult:
    """What one input gave: its figures, its status row, and its text when asked for (the dashboard shows it)."""

    figures: list[Figure]
    status: dict[str, object]
    text: str = ""


@dataclass(frozen=True)
class Extraction:
    figures: pd.DataFrame
    status: pd.DataFrame

    @property
    def ok(self) -> bool:
        """True when no input was unreadable."""
        return not (self.status["status"] == "unreadable").any()


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder, recursively, sorted; hidden files and folders are skipped, and so is a
    README (a folder's README.md documents its articles, it is none of them; a file named on its own is read)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and p.stem.lower() != "readme"
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files as given; folders as the article files inside them (recursively, sorted).

    A missing path or a folder without articles is yielded as it is, so that
    it gets a status row saying so instead of vanishing.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = article_files(path)
            if not files:
                yield path
            yield from files
        else:
            yield path


def status_row(name: str, article: Article | None, figures: list[Figure], reason: str = "") -> dict[str, object]:
    if article is None:
        return {"article": name, "status": "unreadable", "reason": reason, "figures": 0}
    dateline = article.dateline
    if not figures:
        status = "no figures"
    elif dateline is None:
        status = "no date"
    else:
        status = "ok"
    return {
        "article": article.name, "status": status, "reason": reason, "figures": len(figures),
        "title": article.title, "outlet": article.outlet,
        "published": article.published, "date_grain": dateline.period.grain if dateline else "",
        "date_source": dateline.source if dateline else
        (f"set aside: {article.set_aside.source} contradicted by the text's periods" if article.set_aside else ""),
        "dateline": dateline.raw if dateline else (article.set_aside.raw if article.set_aside else ""),
        "language": article.language, "encoding": article.encoding, "chars": len(article.text),
        "article_id": article.article_id,
    }


NO_SUCH_PATH = "no such file or folder"
EMPTY_FOLDER = "folder holds no articles (" + ", ".join(ARTICLE_SUFFIXES) + ")"


def unreadable_result(name: str, reason: str) -> ArticleResult:
    """The result of an input that gave no article: no figures, a status row with the reason."""
    return ArticleResult([], status_row(name, None, [], reason))


def extract_one(source: Source, *, keep_text: bool = False) -> ArticleResult:
    """Read and extract one input; never raises for a bad input: its status row says what went wrong."""
    name = _name_of(source)
    try:
        if isinstance(source, Article):
            article = source
        elif isinstance(source, tuple):
            article = parse_article_bytes(source[1], source[0])
        else:
            path = Path(source)
            if path.is_dir():
                raise UnreadableArticle(EMPTY_FOLDER)
            if not path.exists():
                raise UnreadableArticle(NO_SUCH_PATH)
            article = read_article(path)
        figures = find_figures(article)
    except UnreadableArticle as error:
        return unreadable_result(name, str(error))
    except Exception as error:  # a bug of ours must cost one article, never the other ninety-nine
        return unreadable_result(name, f"internal error: {type(error).__name__}: {error}")
    return ArticleResult(figures, status_row(name, article, figures), article.text if keep_text else "")


def _name_of(source: Source) -> str:
    if isinstance(source, Article):
        return source.name
    if isinstance(source, tuple):
        return source[0]
    path = Path(source)
    return path.name if path.is_file() else str(source)


def iter_results(sources: Iterable[Source], jobs: int = 1, *, keep_text: bool = False) -> Iterator[ArticleResult]:
    """Results in input order, one article at a time; ``jobs`` > 1 spreads articles over processes."""
    items: Iterable[Source] = (s for s in _expand_sources(sources))
    extract = partial(extract_one, keep_text=keep_text)
    if jobs <= 1:
        yield from map(extract, items)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(extract, items, chunksize=16)


def _expand_sources(sources: Iterable[Source]) -> Iterator[Source]:
    for source in sources:
        if isinstance(source, Article | tuple):
            yield source
        else:
            yield from expand_paths([source])


def figures_frame(figures: Iterable[Figure]) -> pd.DataFrame:
    """The tidy frame of figures, one row per figure, with the documented columns and types."""
    import pandas as pd

    frame = pd.DataFrame([f.as_row() for f in figures], columns=FIGURE_COLUMNS)
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    for column in FLOAT_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in INTEGER_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    text_columns = [c for c in frame.columns if c not in (*DATE_COLUMNS, *FLOAT_COLUMNS, *INTEGER_COLUMNS)]
    for column in text_columns:
        frame[column] = frame[column].astype(object).fillna("").astype(str)
    return frame


def status_frame(statuses: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The status table: one row per input, with the documented columns and types."""
    import pandas as pd

    return _typed(pd.DataFrame(list(statuses), columns=STATUS_COLUMNS))


def extract_articles(sources: Iterable[Source], jobs: int = 1) -> Extraction:
    """The tidy frame of every figure in ``sources`` and a status row per input.

    ``sources`` may mix paths (files or folders), :class:`Article` objects and
    ``(name, bytes)`` pairs such as uploads.
    """

    figures: list[Figure] = []
    statuses: list[dict[str, object]] = []
    for result in iter_results(sources, jobs):
        figures.extend(result.figures)
        statuses.append(result.status)
    return Extraction(figures_frame(figures), status_frame(statuses))


def extract_text(text: str, name: str = "pasted text") -> Extraction:
    """The figures of one pasted text, with its status row."""
    try:
        article: Source = read_article(text, name)
    except UnreadableArticle as error:
        return Extraction(figures_frame([]), status_frame([status_row(name, None, [], str(error))]))
    return extract_articles([article])
