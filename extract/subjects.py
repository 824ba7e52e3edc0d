"""Subjects: whose figures an article reports, when its sentences name no entity the lists know.

``entities.toml`` knows the platforms, companies and bodies the corpus has met; tomorrow's article is about a
bank, a game publisher or a statistics office it has never heard of ("Nexon has posted record second-quarter
revenue", "The Statistics Department said", "Bank Central Asia (BCA) has enjoyed a surge"). So the article's main
subject is read from the text itself as well:

- **Known entities**: the one the headline and lead name most, else the one the whole text names most.
- **Open names**: a run of one to four capitalised words in the headline or the lead (a legal form such as "PT",
  "Tbk", "Inc." or "Co." dropped; "The" before it dropped) that the body writes again, exactly so, at least
  ``MIN_OPEN_MENTIONS`` times. A name followed by a short form in brackets that the body uses ("Bank Central Asia
  (BCA)") is known by the short form. A capitalised word that the text also writes in lower case ("Households",
  "Those") is an ordinary word at the start of a sentence, not a name; so are months, weekdays, places and
  stopwords, and a dateline's city in capitals. A name is counted with every mention of its first word alone
  ("Globe Telecom" ... "Globe said").
  A person is no subject: a name a speech verb stands right before ("ujar Zulhas") or after a comma ("Dahlia
  Wijaya, mengatakan") is left out; so is a metric's word ("Adjusted EBITDA", "GAAP") or a code with digits.
- A known entity the text names at least twice is the main subject; else the open name the body writes most,
  when it writes it more often than the known one. (Tried: letting an open name named twice as often displace
  a known entity; it chose persons and headline words more often than companies.) An open name holding a
  ``body_words`` word ("Department", "Badan", "Association") is a reporting body, the subject of a
  population's or a market's statistic.

Pure: text in, a name out; each scan is linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from extract.article import Article
from extract.lexicon import Language
from extract.patterns import metric_matchers
from extract.vocabulary import Entities, entity_name

MIN_OPEN_MENTIONS = 2  # how often the body must write an open name for it to be the article's subject
SPEECH_REACH = 40  # characters before a name in which a speech verb makes it a person's
MAX_OPEN_NAMES = 30  # names read from the headline and lead at most: each is counted over the text once

_LEGAL_BEFORE = re.compile(r"^(?:PT|P\.T\.|The)\s+")
_LEGAL_AFTER = re.compile(r"\s+(?:Tbk\.?|Inc\.?|Co\.?|Corp\.?|Ltd\.?|Limited|Berhad|Bhd\.?|Plc|LLC|S\.A\.|"
                          r"\(Persero\))$")
_NAME_WORD = r"(?:[A-Z][\w&+'’.-]*|[A-Z]{2,}|&)"
_NAME = re.compile(rf"(?<![\w-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}(?:[ \t]+(?:Tbk\.?|Inc\.?|Co\.?|Ltd\.?))?"
                   rf"(?:[ \t]+\((?P<short>[A-Z][\w&.-]{{1,12}})\))?")


def main_subject(article: Article, entities: Entities, lang: Language | None = None, *,
                 bodies_only: bool = False) -> str:
    """The subject the article is about, for figures whose sentence names none (see the module docstring);
    with ``bodies_only``, among reporting bodies (an open name counts as one when it holds a body word)."""
    known, known_count = _known_subject(article, entities, bodies_only)
    if lang is None or known_count >= MIN_OPEN_MENTIONS:
        return known  # a known entity the text names again: no guess needed
    open_name, open_count = _open_subject(article, entities, lang, bodies_only)
    return open_name if open_name and open_count > known_count else known


def _known_subject(article: Article, entities: Entities, bodies_only: bool) -> tuple[str, int]:
    """The known entity the headline and lead name most, else the one the whole text names most, and how often
    the whole text names it (its aliases counted as written: one cheap look, not a second scan of every name)."""
    text = article.text
    lead = [*article.layout.header, *article.lead]
    for spans in (lead, [(0, len(text))]):
        counts: Counter[str] = Counter()
        for start, end in spans:
            for match in entities.subject_pattern.finditer(text, start, end):
                name = entity_name(entities, "subject", match.group())
                if not bodies_only or name in entities.bodies:
                    counts[name] += 1
        if counts:
            best = max(counts, key=lambda n: counts[n])  # the first on a tie: counters keep text order
            if spans is not lead:
                return best, counts[best]
            entity = next(e for e in entities.subjects if e.name == best)
            lowered = text.lower()
            return best, max(counts[best], sum(len(_occurrences(lowered, alias.lower())) for alias in entity.aliases))
    return "", 0


def _open_subject(article: Article, entities: Entities, lang: Language, bodies_only: bool) -> tuple[str, int]:
    """The open name the headline or lead writes that the body writes most (with ``bodies_only``, among those
    holding a body word), and its count."""
    text = article.text
    lowered_words = set(re.findall(r"(?<![\w])[a-z][\w'’-]*", text))  # words the text writes in lower case
    ordinary = set(lang.stopwords) | set(lang.months) | {w.lower() for w in lang.weekdays}
    body_words = {w.lower() for w in lang.body_words}
    body_start = article.lead[0][0] if article.lead else 0
    body = text[body_start:]
    candidates: dict[str, str] = {}  # name -> its short form or itself
    # a speech verb of one word ("said", "ujar"); "according to" introduces sources, organisations too
    speech = tuple(v for v in lang.speech_verbs if " " not in v)
    for start, end in [*article.layout.header, *article.lead]:
        for match in _NAME.finditer(text, start, end):
            name = _LEGAL_AFTER.sub("", _LEGAL_BEFORE.sub("", match.group().split(" (")[0].strip()))
            name = re.sub(r"['’]s$", "", name)  # "Southeast Asia's"
            words = name.split()
            if not words or _ordinary(words, ordinary, lowered_words, entities, lang):
                continue
            short = match["short"]
            if short and (_ordinary([short], ordinary, lowered_words, entities, lang) or
                          body.count(short) < MIN_OPEN_MENTIONS):
                short = None
            if _spoken_by(text, name, speech) or (short and _spoken_by(text, short, speech)):
                continue  # "ujar Zulhas", "Dahlia Wijaya, mengatakan": a person, not an organisation
            candidates.setdefault(name, short or name)
            if len(candidates) >= MAX_OPEN_NAMES:
                break
    best, best_count = "", 0
    for name, called in candidates.items():
        if bodies_only and not any(w.lower() in body_words for w in name.split()):
            continue
        count = body.count(called) if called != name else _mentions(body, name)
        if count >= MIN_OPEN_MENTIONS and count > best_count:
            best, best_count = called, count
    return best, best_count


@cache
def _speech_patterns(verbs: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(a speech verb and up to two words right before a name, a comma and a speech verb right after one)."""
    if not verbs:
        return None
    speech = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return (re.compile(rf"(?<![\w])(?:{speech})\s+(?:[\w.]+\s+){{0,2}}$", re.I),
            re.compile(rf",\s*(?:me(?:ng|n|ny)?)?(?:{speech})(?![\w])", re.I))


def _spoken_by(text: str, name: str, verbs: tuple[str, ...]) -> bool:
    """Whether the text puts a speech verb right before the name (up to two words between: "kata Ketua Umum
    Zulhas", "said chief executive Son"), or after it and a comma ("Dahlia Wijaya, mengatakan"): a person's.
    Each mention is looked at in a short window: linear in the text."""
    patterns = _speech_patterns(verbs)
    if patterns is None:
        return False
    before, after = patterns
    for at in _occurrences(text, name):
        if before.search(text, max(0, at - SPEECH_REACH), at) or after.match(text, at + len(name)):
            return True
    return False


def _occurrences(text: str, name: str) -> list[int]:
    """Where the text writes a name as a whole word."""
    found, at = [], text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_")) and \
                (end == len(text) or not (text[end].isalnum() or text[end] in "-_")):
            found.append(at)
        at = text.find(name, at + 1)
    return found


def _mentions(body: str, name: str) -> int:
    """How often the body writes a name, or, once it has written it whole, its first word alone ("Globe
    Telecom" ... "Globe said")."""
    whole = len(_occurrences(body, name))
    first = name.split()[0]
    if not whole or first == name or len(first) < 4:
        return whole
    return len(_occurrences(body, first))


@lru_cache(maxsize=8192)  # names repeat across articles: each is tried against the metric patterns once
def _names_a_metric(name: str) -> bool:
    """Whether a run is a metric's word ("Adjusted EBITDA", "GAAP revenue", "MAU"), not a name."""
    for matchers in metric_matchers().values():
        for pattern in (matchers.nouns, matchers.cues):
            if pattern is not None and pattern.search(name):
                return True
    return False


def _ordinary(words: list[str], ordinary: set[str], lowered_words: set[str], entities: Entities,
              lang: Language) -> bool:
    """Whether a capitalised run is no organisation's name: ordinary words, a place, a known entity, a date, a
    currency or a metric's acronym ("Rp", "IDR", "GAAP", "YoY"), a code with digits ("Q1", "COVID-19")."""
    name = " ".join(words)
    if entities.subject_pattern.match(name) or entities.region_pattern.match(name):
        return True  # a known entity ("TikTok Shop Indonesia") is counted as one; a place is no subject
    if any(any(ch.isdigit() for ch in word) for word in words) or lang.currency_code(words[0]) or \
            _names_a_metric(name):
        return True
    if len(words) > 1 and name.isupper():
        return True  # "KUALA LUMPUR": a dateline's city in capitals
    first = words[0].lower()
    if first in ordinary or first.strip(".") in ordinary or len(name) < 2:
        return True
    return len(words) == 1 and first in lowered_words  # "Households" at a sentence's start
