"""Article time: when an article was written, and the date its relative phrases are read against.

``extract.dates`` finds date phrases and the article's own date (its dateline); this stage decides, for the whole
article, what a figure falls back to when its own words say no time:

- **published**: the article's own date; the evidence that gave it is its ``Dateline.source``.
- **anchor**: the date relative phrases ("this year", "the second quarter", "tahun lalu") are read against. An
  article with a date uses it. An undated one uses the end of the latest period its headline and lead name: an
  article is written after the periods it reports ("in the first half ended June 30, 2025 ... the second quarter
  of this year" is 2025's second quarter). That is only a lower bound of its date, so against it only phrases of
  the anchor's own period are read ("this year", a yearless quarter that holds it); "last year", "currently"
  stay unread. A period a forecast word governs ("by 2030", "ditargetkan pada 2025") or one opening a span
  ("since 2010") says nothing of when the article was written and is not used. With no such period the article
  has no anchor and its relative phrases stay unread, as before. (Tried on the corpus: an anchor from the
  latest period anywhere in the text, reading every relative phrase against it, dated more figures wrong than
  right: "last year" in a 2024 article about 2023 became 2022. Also tried: leaving a figure undated when its
  sentence holds an unreadable phrase; that undated the main value of "naik 4% dibanding kuartal sebelumnya"
  with its compared one; and dating an undated article's phraseless figures by the first period of its lead,
  which helped the Indonesian corpus by 1.9 points and cost the English 1.1 (a lead's "capex tahun 2019" is not
  the half-year its figures report). Left open: a figure whose only phrase is an unreadable "last year" still
  falls back to its paragraph's or the report's period.)
- **a contradicted date**: a publication date that most of the article's own dated periods lie after (not a
  forecast's horizon) is evidence against that date, not against the figures: a page whose metadata guessed
  1995-01-01 from "Pengguna aplikasi 1995 ..." while its sentences report 2020 would otherwise drop every figure
  as a forecast. :func:`weigh_dateline` sets such a date aside (``Article.set_aside`` keeps it, for the status
  table) and the article is read as undated.
- **confidence** of a figure's date (``date_confidence``): ``stated`` when its own sentence names the period
  against a stated date, ``inferred`` when it is carried from elsewhere (its paragraph, the report period, the
  article's date) or read against an inferred anchor, ``none`` when it has no date.

Pure: text in, dates out; no I/O.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from extract.dates import Dateline, DatePhrase
from extract.lexicon import Language
from extract.patterns import FigurePatterns
from extract.text import said_before

if TYPE_CHECKING:
    from extract.article import Article

CONTRADICTING_PERIODS = 3  # at least this many periods after a date, and most of them, set it aside
FORECAST_REACH = 60  # characters before a period in its sentence in which a forecast word makes it a horizon
STATED_SOURCES = frozenset({"sentence", "table", "comparison", "present"})  # the figure's own sentence says it


class ArticleTime(NamedTuple):
    """When the article was written (see the module docstring)."""

    published: date | None  # how it was found is the dateline's ``source`` ("dateline", "published", ...)
    anchor: date | None  # what relative phrases are read against
    present_words: frozenset[str] = frozenset()  # "kini", "now": never read against an inferred anchor

    @property
    def inferred(self) -> bool:
        return self.published is None and self.anchor is not None

    def readable(self, relative: list[DatePhrase]) -> list[DatePhrase]:
        """The relative phrases that may date a figure. Against a stated date, all. Against an inferred anchor
        (a lower bound of the article's date), only those of the period the anchor lies in ("this year", "the
        second quarter" of a text whose lead names June 2025): "last year" or "currently" would need the day
        the article was written, which the text does not say."""
        if not self.inferred or self.anchor is None:
            return relative
        anchor = self.anchor
        return [p for p in relative if p.period.first <= anchor <= p.period.last and p.period.grain != "day"
                and p.raw.lower() not in self.present_words]


def article_time(article: Article, pats: FigurePatterns, lang: Language) -> ArticleTime:
    """The article's time model: its stated date, else an anchor inferred from the periods its text names."""
    if article.dateline is not None:
        published = article.published
        return ArticleTime(published, published)
    anchor = _latest_past_period(article, pats, tuple(w.lower() for w in lang.span_openers))
    return ArticleTime(None, anchor, frozenset(w.lower() for w in lang.present_words))


def weigh_dateline(dateline: Dateline | None, phrases: list[DatePhrase], text: str,
                   forecast: re.Pattern[str]) -> tuple[Dateline | None, Dateline | None]:
    """(the dateline to trust, the one set aside): a date most of the text's non-forecast periods lie after is
    set aside (see the module docstring). Linear in the phrases."""
    if dateline is None:
        return None, None
    published = dateline.period.as_of()
    own = [p for p in phrases if not (dateline.start <= p.start < dateline.end)]
    after = [p for p in own if p.period.first > published and not said_before(forecast, text, p.start, FORECAST_REACH)]
    if len(after) >= CONTRADICTING_PERIODS and 2 * len(after) > len(own):
        return None, dateline
    return dateline, None


def _latest_past_period(article: Article, pats: FigurePatterns, span_openers: tuple[str, ...]) -> date | None:
    """The last day of the latest period the text names as something that happened (not a forecast's horizon,
    not a span opener): a lower bound of when it was written. One look behind each phrase: linear."""
    text = article.text
    spans = [*article.layout.header, *article.lead]
    latest: DatePhrase | None = None
    for phrase in article.date_phrases:
        if not any(lo <= phrase.start < hi for lo, hi in spans):
            continue
        if (latest is not None and phrase.period.last <= latest.period.last) or \
                phrase.raw.lower().startswith(span_openers):
            continue
        if said_before(pats.forecast, text, phrase.start, FORECAST_REACH):  # "ditargetkan pada 2025"
            continue
        latest = phrase
    return latest.period.last if latest is not None else None


def date_confidence(source: str, has_date: bool, time: ArticleTime, absolute: bool = True) -> str:
    """``stated``, ``inferred`` or ``none`` for a figure dated by ``source`` (see the module docstring);
    ``absolute``: its period was written out ("pada 2020"), not read against the anchor ("tahun ini")."""
    if not has_date:
        return "none"
    if source in STATED_SOURCES and (absolute or not time.inferred):
        return "stated"
    return "inferred"
