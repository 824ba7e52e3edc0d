"""Facts: the tidy frame's record, and one row per fact however many times an article states it.

A fact is one combination of subject, metric, rate, period and value (``fact_key``). Its mentions (the
headline, the lead, a quote, a repeated paragraph) merge into one row that counts them and keeps where each
stands (``merge_mentions``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Figure:
    """One row of the tidy frame; ``article_text[start:end] == raw``."""

    article: str
    metric: str
    label: str
    label_id: str
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

    def as_row(self) -> dict[str, object]:
        return dict(self.__dict__)  # the fields are flat values: no need for asdict's deep copy


def fact_key(figure: Figure) -> tuple[object, ...]:
    """What makes two mentions one fact: subject, metric, rate, period and value as written (a different
    rounding, "196 juta" and "196,7 juta", is a different fact), and the unit."""
    return (figure.subject, figure.metric, figure.per, figure.period, figure.date, figure.value, figure.value_max,
            figure.unit)


OWN_DATE_SOURCES = ("sentence", "comparison")  # a figure dated by its own sentence; the others inherit a date


def _merge_weakly_dated(groups: dict[tuple[object, ...], list[Figure]]) -> None:
    """The same value of the same subject and metric, stated once with its own date phrase and again where the
    date is only inherited ("kini Gojek menaungi 3,1 juta mitra", later a quote "Gojek kami menaungi 3,1 juta
    pengemudi" under an earlier paragraph's year): one fact, dated by the mention that names its date. With
    no such mention, or two that name different dates, nothing is merged (they may be different facts)."""
    by_value: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for key, mentions in groups.items():
        first = mentions[0]
        by_value.setdefault((first.subject, first.metric, first.per, first.value, first.value_max, first.unit),
                            []).append(key)
    for keys in by_value.values():
        if len(keys) < 2:
            continue
        own = [key for key in keys if groups[key][0].date_source in OWN_DATE_SOURCES]
        weak = [key for key in keys if groups[key][0].date_source not in OWN_DATE_SOURCES]
        if len(own) > 1 or not weak:
            continue
        into = own[0] if own else weak.pop(0)
        for key in weak:
            groups[into].extend(groups.pop(key))
        groups[into].sort(key=lambda m: (m.date_source not in OWN_DATE_SOURCES, m.start))  # the dated one leads


def merge_mentions(figures: list[Figure], in_headline: list[Figure] = ()) -> list[Figure]:
    """One row per fact: a fact stated in the lead, again in a quote and in a repeated paragraph is one row
    that keeps its first mention's text and offsets, counts its mentions, and lists where each one stands.
    Its qualifier comes from the first mention that has one.

    A headline restates a body figure with less context ("Tembus 20 Juta" over "pengguna aktif bulanan ...
    mencapai 20 juta pada Februari 2021"), so a headline figure with the value and unit of a body fact is one
    more mention of that fact; only a figure the body does not state is a fact of its own.
    """
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(fact_key(figure), []).append(figure)
    _merge_weakly_dated(groups)
    by_value = {}
    for key, mentions in groups.items():
        by_value.setdefault((mentions[0].value, mentions[0].value_max, mentions[0].unit), key)
    for figure in in_headline:
        body_fact = by_value.get((figure.value, figure.value_max, figure.unit))
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
