"""Reading one article: bytes or text in, an :class:`Article` out (text, title, outlet, date).

Files come from scrapers, copy-paste and strangers' uploads, so decoding is
defensive: a byte-order mark decides first, then UTF-8, then Windows-1252 (the
usual encoding of old Indonesian sites); a file with NUL bytes that is not
UTF-16 is binary and unreadable. HTML pages are reduced to their article text
by trafilatura, a maintained extractor, rather than by stripping tags.

Every failure raises :class:`UnreadableArticle` with a one-line reason, which
the batch functions turn into a status row instead of an exception.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from itertools import repeat
from pathlib import Path

from extract.article_time import weigh_dateline
from extract.dates import Dateline, DatePhrase, find_absolute_phrases, find_dateline
from extract.lexicon import load_language
from extract.patterns import figure_patterns
from extract.text import Layout, layout

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
TITLE_MIN_WORDS = 4

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S)
_WORD = re.compile(r"[^\W\d_]+")
_LETTERS_ONLY = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))  # bytes.translate table
_TLD = re.compile(r"\.(?:com|co\.id|id|net|org|or\.id|go\.id|tv|news)\b")  # a "." first: a fast scan
_DOMAIN_BEFORE = re.compile(r"(?<![\w.-])((?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*)$")
_BYLINE = re.compile(r"^[A-Z][\w.' ]{2,60}\s+-\s+(?P<outlet>[A-Za-z][\w.]{2,30})$")
_LEAD = re.compile(r"^(?P<outlet>[A-Z][\w]*\.(?:com|co\.id|id))\s*,\s*[A-Z][\w ]+\s+-")


class UnreadableArticle(ValueError):
    """An input that holds no article text; the message is the reason, one line."""


@dataclass(frozen=True)
class Article:
    """One article's text and what is known about it. Offsets of figures index ``text``."""

    name: str
    text: str
    language: str
    title: str = ""
    outlet: str = ""
    dateline: Dateline | None = None
    encoding: str = "utf-8"
    layout: Layout = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    date_phrases: list[DatePhrase] = field(repr=False, compare=False, default_factory=list)
    set_aside: Dateline | None = None  # a date found but contradicted by most of the text's periods (article_time)

    @property
    def published(self) -> date | None:
        return self.dateline.period.as_of() if self.dateline else None

    @cached_property
    def article_id(self) -> str:
        """A stable id of the article's content (the first 16 hex digits of its text's SHA-256): what an analyst's
        correction is keyed to, whatever the file is called and however the rules change. Hashed once: a 5 MB
        text asked for it per figure would cost its length times its figures."""
        return text_id(self.text)

    @property
    def lead(self) -> list[tuple[int, int]]:
        """The body paragraphs that open the article, after its dateline when a header line holds one: a photo
        caption a page puts above the headline and the date ("Tangkapan layar laporan ...") is no lead."""
        dateline = self.dateline
        in_header = dateline is not None and any(lo <= dateline.start < hi for lo, hi in self.layout.header)
        return self.layout.lead_after(dateline.end if in_header else 0)


def text_id(text: str) -> str:
    """The content id of an article's text (see ``Article.article_id``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with, or UnreadableArticle."""
    if not data:
        raise UnreadableArticle("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UnreadableArticle(f"broken {encoding} text: {error.reason}") from error
    if data.startswith(_BINARY_SIGNATURES):
        raise UnreadableArticle("binary file (an image, PDF or archive), not text")
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        if max(even, odd) > len(data[:4096]) // 4:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
        raise UnreadableArticle("binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def html_to_text(html: str) -> tuple[str, str, str]:
    """Article text, title and site name of an HTML page, by trafilatura."""
    import trafilatura  # heavy, and only HTML needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise UnreadableArticle("no article text found in the HTML page")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "") if metadata else ""
    site = (metadata.sitename or "") if metadata else ""
    published = (metadata.date or "") if metadata else ""
    if published and not re.search(r"\d{4}-\d{2}-\d{2}", text[:500]):
        text = f"{published}\n\n{text}"  # the page's own date becomes the dateline the parser reads
    if title and title not in text[:1000]:
        text = f"{title}\n{text}"
    return text, title, site


def detect_language(text: str) -> str:
    """"id" or "en", by which language's common words are more frequent in the first 2,000 characters."""
    words = lower_words(text[:2000].lower())
    return "en" if sum(map(_english_lean().get, words, repeat(0))) > 0 else "id"


def lower_words(lowered: str) -> list[str]:
    """The words (runs of letters) of lower-cased text; in ASCII text, the runs of a-z are found by one byte
    translation, twice as fast as the regular expression."""
    if lowered.isascii():
        return lowered.encode("ascii").translate(_LETTERS_ONLY).decode("ascii").split()
    return _WORD.findall(lowered)


@cache
def _english_lean() -> dict[str, int]:
    """+1 for an English common word, -1 for an Indonesian one, 0 for both: the sum over a text's words is
    the English count minus the Indonesian count, in one pass."""
    english, indonesian = load_language("en").stopwords, load_language("id").stopwords
    return {word: (word in english) - (word in indonesian) for word in english | indonesian}


def _title(text: str, lay: Layout, dateline: Dateline | None) -> str:
    for start, end in lay.header:
        line = text[start:end]
        if dateline and start <= dateline.start < end:
            continue
        if len(line.split()) >= TITLE_MIN_WORDS and not _BYLINE.match(line) and not line.lower().startswith(("oleh ", "by ")):
            return line
    return text[lay.body[0][0]:lay.body[0][1]][:200] if lay.body else ""


def _outlet(text: str, lay: Layout) -> str:
    """The outlet where the article states it: a byline "Name - detikInet", a lead "Liputan6.com, Jakarta -", a domain."""
    for start, end in lay.header:
        match = _BYLINE.match(text[start:end])
        if match:
            return match["outlet"]
    for start, end in lay.body[:3]:
        match = _LEAD.match(text[start:end])
        if match:
            return match["outlet"]
    counts: dict[str, int] = {}
    # outlets state their domain in the header, the lead or the closing lines, not in the middle of the text
    lines = lay.header + lay.body[:3] + lay.skipped + lay.body[-6:]
    for start, end in lines:
        for tld in _TLD.finditer(text, start, end):
            name = _DOMAIN_BEFORE.search(text, max(start, tld.start() - 60), tld.start())
            if name:
                domain = (name.group(1) + tld.group()).lower().removeprefix("www.")
                counts[domain] = counts.get(domain, 0) + 1
    return max(counts, key=lambda d: counts[d]) if counts else ""


def parse_article(text: str, name: str = "pasted text", *, encoding: str = "utf-8",
                  title: str = "", outlet: str = "", language: str | None = None) -> Article:
    """An :class:`Article` from text already in memory (pasted, or read by :func:`read_article`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise UnreadableArticle("no text (the file holds only white space)")
    code = language or detect_language(text)
    lay = layout(text, code)
    phrases = find_absolute_phrases(text, code)
    found = find_dateline(text, code, lay.header, lay.body, phrases)
    dateline, set_aside = weigh_dateline(found, phrases, text, figure_patterns(code).forecast)
    return Article(name=name, text=text, language=code, title=title or _title(text, lay, found),
                   outlet=outlet or _outlet(text, lay), dateline=dateline, encoding=encoding, layout=lay,
                   date_phrases=phrases, set_aside=set_aside)


def parse_article_bytes(data: bytes, name: str) -> Article:
    """An :class:`Article` from the bytes of a file or an upload; HTML is recognised by name or content."""
    text, encoding = decode(data)
    if name.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(data[:2048]):
        text, title, site = html_to_text(text)
        return parse_article(text, name, encoding=encoding, title=title, outlet=site)
    return parse_article(text, name, encoding=encoding)


def read_article(source: str | os.PathLike[str], name: str | None = None) -> Article:
    """Read an article from a path (``pathlib.Path`` or other path object) or from a string of text.

    A ``str`` is always the article's text, never a file name: pasted text
    that happens to look like a path is not opened. Use ``Path(...)`` for files.
    """
    if isinstance(source, str):
        return parse_article(source, name or "pasted text")
    path = Path(source)
    try:
        data = path.read_bytes()
    except IsADirectoryError as error:
        raise UnreadableArticle("is a folder, not a file") from error
    except FileNotFoundError as error:
        raise UnreadableArticle("no such file") from error
    except OSError as error:
        raise UnreadableArticle(f"cannot be read: {error.strerror or error}") from error
    return parse_article_bytes(data, name or path.name)
