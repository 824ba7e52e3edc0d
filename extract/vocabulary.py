"""What figures are about: the metrics, parts, subjects and regions of ``metrics.toml``, ``parts.toml`` and
``entities.toml``, validated when loaded (a typo names its file and key) and cached per process.

The language files (``id.toml``, ``en.toml``, read by ``extract.lexicon``) say how a language writes figures;
these files say what is counted and whose it is, in both languages at once: "pengguna aktif bulanan" and
"monthly active users" are one metric, "Pulau Jawa" and "Java" one region, "perempuan" and "women" one part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extract.lexicon import (
    DATA_DIR,
    MEASURES,
    METRIC_KINDS,
    RATE_UNITS,
    LexiconError,
    TableReader,
    cased,
    check_regexes,
    first_letter_guard,
    read_toml,
    word_pattern,
)


@dataclass(frozen=True)
class Metric:
    """One metric of ``data/metrics.toml``.

    A percentage cue may state a measure of another metric: "penetrasi internet" is the penetration of internet
    users (``of`` internet_users, ``measure`` penetration), "NPL" the share of loans that do not perform (``part``
    non-performing). A figure it claims is filed under ``of``, with that measure and part.
    """

    id: str
    label_en: str
    label_id: str
    unit: str
    kind: str
    per: str
    nouns: tuple[str, ...]
    cues: tuple[str, ...]
    broader: str = ""  # the metric this one narrows ("users" for monthly active users): a restatement merges
    of: str = ""  # the metric whose measure this cue states ("internet_users" for "penetrasi internet")
    measure: str = ""  # that measure ("penetration", "share")
    part: str = ""  # and the part it names ("non-performing")
    statistic: bool = False  # of a population or a market: its subject is the body reporting it, not a company
    per_item: bool = False  # an amount per user or per item by nature (ARPU): never one item's price
    beyond_people: str = ""  # the metric a count above the world's population is filed under ("30 miliar viewer")
    noun_pattern: re.Pattern[str] | None = field(compare=False, repr=False, default=None)
    cue_pattern: re.Pattern[str] | None = field(compare=False, repr=False, default=None)


@dataclass(frozen=True)
class Entity:
    name: str
    aliases: tuple[str, ...]
    within: str = ""  # a region: the country it lies in ("Indonesia" for Java)
    body: bool = False  # a subject: a body reporting statistics (APJII, BPS)


@dataclass(frozen=True)
class Entities:
    subjects: tuple[Entity, ...]
    regions: tuple[Entity, ...]
    subject_pattern: re.Pattern[str] = field(compare=False, repr=False)
    region_pattern: re.Pattern[str] = field(compare=False, repr=False)
    subject_names: dict[str, str] = field(compare=False, repr=False)
    region_names: dict[str, str] = field(compare=False, repr=False)
    within: dict[str, str] = field(compare=False, repr=False, default_factory=dict)  # region name -> its country
    bodies: frozenset[str] = field(compare=False, repr=False, default=frozenset())  # names of reporting bodies


PART_KINDS = ("gender", "generation", "device", "channel", "area", "segment")


@dataclass(frozen=True)
class Part:
    """One part of ``data/parts.toml``: what a share or a breakdown item picks out of its total."""

    name: str
    aliases: tuple[str, ...]
    kind: str


def parse_metrics(data: dict[str, Any], where: str) -> tuple[Metric, ...]:
    """Validate the contents of ``metrics.toml``."""
    top = TableReader(data, where)
    metrics = []
    seen: set[str] = set()
    for i, raw in enumerate(top.get("metric", list)):
        reader = TableReader(raw, f"{where} [[metric]] #{i + 1}")
        metric_id = reader.get("id", str)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", metric_id):
            raise reader.fail("id", f"must be snake_case, got {metric_id!r}")
        if metric_id in seen or metric_id == "other":
            raise reader.fail("id", f"{metric_id!r} is used twice or reserved")
        seen.add(metric_id)
        kind = reader.get("kind", str)
        if kind not in METRIC_KINDS:
            raise reader.fail("kind", f"must be one of {', '.join(METRIC_KINDS)}")
        per = reader.get("per", str)
        if per and per not in RATE_UNITS:
            raise reader.fail("per", f"must be empty or one of {', '.join(RATE_UNITS)}")
        nouns = reader.strings("nouns")
        cues = reader.strings("cues")
        check_regexes(reader, "nouns", nouns)
        check_regexes(reader, "cues", cues)
        if not nouns and not cues:
            raise reader.fail("cues", "and nouns cannot both be empty: nothing would match")
        measure = reader.get("measure", str, "")
        if measure and measure not in MEASURES:
            raise reader.fail("measure", f"must be empty or one of {', '.join(MEASURES)}")
        metrics.append(Metric(
            id=metric_id, label_en=reader.get("label_en", str), label_id=reader.get("label_id", str),
            unit=reader.get("unit", str), kind=kind, per=per, nouns=nouns, cues=cues,
            broader=reader.get("broader", str, ""), of=reader.get("of", str, ""), measure=measure,
            part=reader.get("part", str, ""), statistic=reader.get("statistic", bool, False),
            per_item=reader.get("per_item", bool, False), beyond_people=reader.get("beyond_people", str, ""),
            noun_pattern=re.compile(word_pattern([cased(n) for n in nouns], regex=True), re.I) if nouns else None,
            cue_pattern=re.compile(word_pattern([cased(c) for c in cues], regex=True), re.I) if cues else None,
        ))
        reader.check_unknown()
    top.check_unknown()
    for i, metric in enumerate(metrics):
        for key in ("broader", "of", "beyond_people"):
            other = getattr(metric, key)
            if other and (other not in seen or other == metric.id):
                raise LexiconError(f"{where} [[metric]] #{i + 1}: {key} {other!r} names no other metric")
    return tuple(metrics)


def _cldr_countries(reader: TableReader, written: list[tuple[Entity, bool]]) -> list[Entity]:
    """Every country by its CLDR names (babel) in the languages asked, less the codes excluded and those a
    written region already names: "Vietnam", "Filipina"/"Philippines", "Korea Selatan"/"South Korea"."""
    from babel import Locale  # a maintained source of country names; loaded with the entities only

    languages = reader.strings("languages", allow_empty=False)
    excluded = set(reader.strings("exclude"))
    if reader.get("source", str) != "cldr":
        raise reader.fail("source", 'must be "cldr" (country names from babel)')
    reader.check_unknown()
    known = {alias.lower() for entity, _ in written for alias in (entity.name, *entity.aliases)}
    names = [Locale(language).territories for language in languages]
    countries = []
    for code in sorted(names[0]):
        if len(code) != 2 or not code.isalpha() or code in excluded or code in ("ZZ", "EU", "EZ", "UN", "QO"):
            continue
        aliases = tuple(dict.fromkeys(n[code] for n in names if code in n))
        if any(alias.lower() in known for alias in aliases):
            continue
        known.update(alias.lower() for alias in aliases)
        countries.append(Entity(aliases[0], aliases))
    return countries


_SPACE = "<space>"  # a trie node's mark: an optional space may stand before its next character


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regular expression for many phrases, their common starts shared (a trie), to match case-insensitively.

    Python's regex engine tries the alternatives of "a|b|c..." one by one at every position; with 500 country
    names that made reading a sentence's regions the slowest step of extraction. Written as a trie, each
    position costs a few character tests. A longer phrase is tried before a shorter one it starts with, and a
    space inside a phrase is optional ("Tik Tok" also matches "TikTok").
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.lower().split()):
            if char == " ":  # a space is optional: "tik tok" and "tiktok shop" share one path, so that the
                node[_SPACE] = {}  # longer phrase is not shadowed by an earlier branch that also matches
                continue
            node = node.setdefault(char, {})
        node[""] = {}

    def write(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + write(child) for char, child in sorted(node.items()) if len(char) == 1]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if _SPACE in node:
            body = rf"\s?{body}"
        return f"(?:{body})?" if "" in node else body

    return write(trie) if trie else "(?!)"


def parse_entities(data: dict[str, Any], where: str) -> Entities:
    """Validate ``entities.toml``; aliases of up to three capitals ("AS", "RI") match case-sensitively."""
    top = TableReader(data, where)
    groups: dict[str, tuple[Entity, ...]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    names: dict[str, dict[str, str]] = {}
    for key in ("subject", "region"):
        entities = []
        lookup: dict[str, str] = {}
        written = []
        for i, raw in enumerate(top.get(key, list)):
            reader = TableReader(raw, f"{where} [[{key}]] #{i + 1}")
            entity = Entity(reader.get("name", str), reader.strings("aliases", allow_empty=False),
                            within=reader.get("within", str, "") if key == "region" else "",
                            body=reader.get("body", bool, False) if key == "subject" else False)
            written.append((entity, reader.get("case_sensitive", bool, False)))
            reader.check_unknown()
        if key == "region" and "countries" in top.table:
            written.extend((entity, False) for entity in _cldr_countries(top.table_of("countries"), written))
        sensitive: list[str] = []  # matched only as written: "DANA", "Sea", and capitals such as "AS", "RI"
        insensitive: list[str] = []
        for entity, case_sensitive in written:
            entities.append(entity)
            for alias in entity.aliases:
                folded = re.sub(r"\s+", "", alias)
                if case_sensitive or (len(folded) <= 3 and folded.isupper()):
                    sensitive.append(alias)
                    lookup[folded] = entity.name
                else:
                    insensitive.append(alias)
                    lookup[folded.lower()] = entity.name
        # the few case-sensitive aliases longest first, then one trie for the rest; every match must end a word,
        # so a shorter alias tried first gives way to a longer one ("AS" in "ASEAN")
        alternatives = [rf"(?-i:{re.escape(alias)})" for alias in sorted(sensitive, key=len, reverse=True)]
        alternatives.append(trie_pattern(insensitive))
        body = "|".join(alternatives)
        guard = first_letter_guard(alias for e in entities for alias in e.aliases)
        groups[key] = tuple(entities)
        patterns[key] = re.compile(rf"(?<![\w]){guard}(?:{body})(?![\w])", re.I)
        names[key] = lookup
    top.check_unknown()
    region_names = {entity.name for entity in groups["region"]}
    for entity in groups["region"]:
        if entity.within and entity.within not in region_names:
            raise LexiconError(f"{where} [[region]] {entity.name!r}: within {entity.within!r} names no region")
    return Entities(groups["subject"], groups["region"], patterns["subject"], patterns["region"],
                    names["subject"], names["region"],
                    within={entity.name: entity.within for entity in groups["region"] if entity.within},
                    bodies=frozenset(entity.name for entity in groups["subject"] if entity.body))


def parse_parts(data: dict[str, Any], where: str) -> tuple[Part, ...]:
    """Validate ``parts.toml``: each part a name, its aliases and one of ``PART_KINDS``."""
    top = TableReader(data, where)
    parts = []
    for i, raw in enumerate(top.get("part", list)):
        reader = TableReader(raw, f"{where} [[part]] #{i + 1}")
        kind = reader.get("kind", str)
        if kind not in PART_KINDS:
            raise reader.fail("kind", f"must be one of {', '.join(PART_KINDS)}")
        parts.append(Part(reader.get("name", str), reader.strings("aliases", allow_empty=False), kind))
        reader.check_unknown()
    top.check_unknown()
    return tuple(parts)


@cache
def load_metrics() -> tuple[Metric, ...]:
    path = DATA_DIR / "metrics.toml"
    return parse_metrics(read_toml(path), str(path))


@cache
def load_entities() -> Entities:
    path = DATA_DIR / "entities.toml"
    return parse_entities(read_toml(path), str(path))


def entity_name(entities: Entities, kind: str, written: str) -> str:
    """The canonical name of an alias as written in the text."""
    folded = re.sub(r"\s+", "", written)
    lookup = entities.subject_names if kind == "subject" else entities.region_names
    return lookup.get(folded) or lookup.get(folded.lower(), written)


@cache
def load_parts() -> tuple[Part, ...]:
    path = DATA_DIR / "parts.toml"
    return parse_parts(read_toml(path), str(path))
