"""Facts: the tidy frame's record, and one row per fact however many times an article states it.

A fact is one combination of subject, metric, rate, period and value (``fact_key``). Its mentions (the
headline, the lead, a quote, a repeated paragraph) merge into one row that counts them and keeps where each
stands (``merge_mentions``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Figure:
    """One row of the tidy frame; ``article_text[start:end] == raw``."""

    article: str
    metric: str
    label: str
    label_id: str
    measure: str  # "" (a level), growth, decline, share, multiple, points, penetration (extract.classify)
    basis: str  # of a change: yoy, qoq, mom, hoh, since, or ""
    since: str  # with basis "since": the start's period ("2017-01")
    part: str  # what a share or a breakdown item picks out of its total: "Java", "women", "digital entertainment"
    value: float
    value_max: float | None
    unit: str
    per: str
    date: date | None
    date_grain: str
    period: str
    period_start: date | None
    period_end: date | None
    date_source: str
    qualifier: str
    subject: str
    region: str
    raw: str
    quote: str
    start: int
    end: int
    speaker: str
    published: date | None
    language: str
    title: str
    outlet: str
    mentions: int = 1  # how many times the article states this fact (headline, lead, quote, repeated paragraph)
    mention_spans: str = ""  # "start-end" of every mention, ";"-separated; the first is start-end above
    other_quotes: str = ""  # the sentences of the later mentions that differ from ``quote``, "\n"-separated
    precision: float = 1.0  # the unit of the last digit written: "196,7 juta" 100000, "200 juta" 1000000, "20%" 1
    article_id: str = ""  # the article's content id (``Article.article_id``): corrections are keyed to it
    date_confidence: str = ""  # stated, inferred or none (extract.article_time.date_confidence)

    def as_row(self) -> dict[str, object]:
        return dict(self.__dict__)  # the fields are flat values: no need for asdict's deep copy


def fact_key(figure: Figure) -> tuple[object, ...]:
    """What makes two mentions one fact: subject, metric and measure, part, rate, period and value as written (a
    different rounding, "196 juta" and "196,7 juta", is a different fact), the unit, and the region (each item of a
    list, "Hong Kong satu persen dan Rusia satu persen", is a fact of its own)."""
    return (figure.subject, figure.metric, figure.measure, figure.part, figure.per, figure.period, figure.date,
            figure.value, figure.value_max, figure.unit, figure.region)


OWN_DATE_SOURCES = ("sentence", "comparison", "table")  # dated by its own sentence or table column; others inherit


def _merge_unstated(groups: dict[tuple[object, ...], list[Figure]], relaxed: Callable[[Figure], tuple[object, ...]],
                    states: Callable[[Figure], bool]) -> None:
    """Facts that differ only in what one mention leaves unsaid are one fact, told by the mention that says it.

    ``relaxed`` is the fact key without that field; ``states`` says whether a mention states it. Where at most
    one of the facts sharing a relaxed key states the field, the others merge into it (into the first, when
    none does); where two state it differently, they stay apart: they may be different facts.
    """
    by_relaxed: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for key, mentions in groups.items():
        by_relaxed.setdefault(relaxed(mentions[0]), []).append(key)
    for similar in by_relaxed.values():
        if len(similar) < 2:
            continue
        # a region left unsaid agrees with any; two regions named are two facts ("Hong Kong satu persen dan Rusia
        # satu persen"), each with the mentions that name it
        by_region: dict[str, list[tuple[object, ...]]] = {}
        for key in similar:
            by_region.setdefault(groups[key][0].region, []).append(key)
        named = len(by_region) - ("" in by_region)
        for keys in [similar] if named <= 1 else by_region.values():
            _merge_part(groups, keys, states)


def _merge_part(groups: dict[tuple[object, ...], list[Figure]], keys: list[tuple[object, ...]],
                states: Callable[[Figure], bool]) -> None:
    if len(keys) < 2:
        return
    stated = [key for key in keys if states(groups[key][0])]
    unstated = [key for key in keys if not states(groups[key][0])]
    if len(stated) > 1 or not unstated:
        return
    into = stated[0] if stated else unstated.pop(0)
    for key in unstated:
        groups[into].extend(groups.pop(key))
    groups[into].sort(key=lambda m: (not states(m), m.start))  # the mention that states it leads the row


def _without_date(figure: Figure) -> tuple[object, ...]:
    """The fact key less its date: "kini Gojek menaungi 3,1 juta mitra" and, under an earlier paragraph's year, a
    quote "Gojek kami menaungi 3,1 juta pengemudi" are one fact, dated by the mention that names its date."""
    return figure.subject, figure.metric, figure.measure, figure.part, figure.per, figure.value, figure.value_max, \
        figure.unit


def _without_rate(figure: Figure) -> tuple[object, ...]:
    """The fact key less its rate: "462 menit atau 7 jam 42 menit per hari" is one fact, per day."""
    return figure.subject, figure.metric, figure.measure, figure.part, figure.period, figure.date, figure.value, \
        figure.value_max, figure.unit


def _without_region(figure: Figure) -> tuple[object, ...]:
    """The fact key less its region: "pengguna TikTok di Indonesia 10 juta" and a quote's "10 juta pengguna kami"
    are one fact, in the region the first names."""
    return fact_key(figure)[:-1]


def _merge_broader(groups: dict[tuple[object, ...], list[Figure]], broader: dict[str, str]) -> None:
    """A fact restated under a broader metric ("602 million monthly active users", later "602 million users")
    is one more mention of the narrower fact, when the rest of the fact (subject, rate, period, value) agrees."""
    narrow: dict[tuple[object, ...], tuple[object, ...]] = {}
    for key, mentions in groups.items():
        first = mentions[0]
        if first.metric in broader:
            narrow.setdefault(_without_metric(first, broader[first.metric]), key)
    for key in list(groups):
        into = narrow.get(_without_metric(groups[key][0], groups[key][0].metric))
        if into is not None and into != key and into in groups:
            groups[into].extend(groups.pop(key))


def _without_metric(figure: Figure, metric: str) -> tuple[object, ...]:
    return metric, figure.measure, figure.part, figure.subject, figure.per, figure.period, figure.date, figure.value, \
        figure.value_max, figure.unit


def merge_mentions(figures: list[Figure], in_headline: list[Figure] = (),
                   broader: dict[str, str] | None = None) -> list[Figure]:
    """One row per fact: a fact stated in the lead, again in a quote and in a repeated paragraph is one row
    that keeps its first mention's text and offsets, counts its mentions, and lists where each one stands.
    Its qualifier comes from the first mention that has one.

    A headline restates a body figure with less context ("Tembus 20 Juta" over "pengguna aktif bulanan ...
    mencapai 20 juta pada Februari 2021"), so a headline figure with the value and unit of a body fact is one
    more mention of that fact (a bare "$" one, of a body fact in any dollar); only a figure the body does not
    state is a fact of its own. Mentions that
    leave the date or the rate unsaid, or name a broader metric (``broader``: metric id -> the metric it
    narrows), join the fact that states them.
    """
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(fact_key(figure), []).append(figure)
    _merge_unstated(groups, _without_date, lambda figure: figure.date_source in OWN_DATE_SOURCES)
    _merge_unstated(groups, _without_rate, lambda figure: bool(figure.per))
    _merge_unstated(groups, _without_region, lambda figure: bool(figure.region))
    if broader:
        _merge_broader(groups, broader)
    by_value: dict[tuple[object, ...], tuple[object, ...]] = {}
    by_dollar_value: dict[tuple[object, ...], tuple[object, ...]] = {}
    for key, mentions in groups.items():
        by_value.setdefault((mentions[0].value, mentions[0].value_max, mentions[0].unit), key)
        if "$" in mentions[0].raw:
            by_dollar_value.setdefault((mentions[0].value, mentions[0].value_max), key)
    for figure in in_headline:
        body_fact = by_value.get((figure.value, figure.value_max, figure.unit))
        if body_fact is None and figure.raw.startswith("$"):
            # a bare "$" is whichever dollar the outlet writes in: "Sea posts net loss of $1.28 billion" over a
            # body's "S$1.28 billion" is that fact, in Singapore dollars
            body_fact = by_dollar_value.get((figure.value, figure.value_max))
        groups.setdefault(body_fact if body_fact is not None else fact_key(figure), []).append(figure)
    facts = []
    for mentions in groups.values():
        first = mentions[0]
        if len(mentions) == 1:
            facts.append(first)  # made with its own span as mention_spans
            continue
        qualifier = next((m.qualifier for m in mentions if m.qualifier), "")
        later_quotes = list(dict.fromkeys(m.quote for m in mentions[1:] if m.quote != first.quote))
        facts.append(replace(first, qualifier=qualifier, mentions=len(mentions),
                             mention_spans=";".join(f"{m.start}-{m.end}" for m in mentions),
                             other_quotes="\n".join(later_quotes)))
    return facts
