"""The metrics timeline's extraction engine: news articles in, one row per dated figure out.

Public API (pure functions; reading files happens only at the edges)::

    from pathlib import Path
    import extract

    article = extract.read_article(Path("seeds/004_ae0d89e784a0dd45.txt"))  # or a str of text
    figures = extract.find_figures(article)                                # list of Figure
    result = extract.extract_articles(["seeds"])                           # .figures, .status frames

``import extract`` stays light (no pandas, no dateparser) so that the CLI's
``--help`` and the dashboard start fast; the heavy modules load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.article import Article, UnreadableArticle, parse_article, read_article
    from extract.facts import Figure
    from extract.figures import find_figures
    from extract.frame import Extraction, extract_articles, extract_text, figures_frame, iter_results
    from extract.lexicon import LexiconError
    from extract.numbers import parse_amount

_EXPORTS = {
    "Article": "extract.article", "UnreadableArticle": "extract.article", "read_article": "extract.article",
    "parse_article": "extract.article", "Figure": "extract.facts", "find_figures": "extract.figures",
    "Extraction": "extract.frame", "extract_articles": "extract.frame", "extract_text": "extract.frame",
    "figures_frame": "extract.frame", "iter_results": "extract.frame", "LexiconError": "extract.lexicon",
    "parse_amount": "extract.numbers",
}
__all__ = [  # noqa: RUF022 - grouped by module, as in _EXPORTS
    "Article", "UnreadableArticle", "read_article", "parse_article", "Figure", "find_figures", "Extraction",
    "extract_articles", "extract_text", "figures_frame", "iter_results", "LexiconError", "parse_amount",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
