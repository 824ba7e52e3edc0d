"""Regular expressions built once per language from the language files.

Kept apart from the rules that use them so that the rules read as rules, and
so that every pattern is compiled once per process (``functools.cache``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extract.lexicon import (
    METRIC_KINDS,
    Language,
    cased,
    first_letter_guard,
    load_language,
    lower_word_pattern,
    phrase_pattern,
    spaces_match_runs,
    word_pattern,
)
from extract.vocabulary import Metric, load_metrics

FIGURE_GROUPS = ("neg", "cur1", "num", "words", "scale", "cur2", "pct")  # the groups of a figure match, in order
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:of|dari|and|dan|de|van|bin|binti|di)?\s*[A-Z][\w'’.\-]*){0,7}"


@dataclass(frozen=True)
class FigurePatterns:
    figure: re.Pattern[str]
    figure_numeric: re.Pattern[str]
    number_word: re.Pattern[str]
    number_word_lower: re.Pattern[str]  # the same, for lower-cased text
    qualifier: re.Pattern[str]
    rate: re.Pattern[str]
    rate_span_opener: re.Pattern[str]  # "dalam" before "sepekan": a span, not a rate
    multiple_after: re.Pattern[str]  # "kali lipat", "times" after a number: a growth multiple
    multiple_verb: re.Pattern[str]  # "doubled", "berlipat ganda"
    time_after: re.Pattern[str]  # "jam 8 menit", "minutes" after a number: a time
    time_spent_cue: re.Pattern[str]  # "durasi", "time spent": a time before which one stands is time spent
    measure_first_letters: frozenset[str]  # what the word after a multiple or a time starts with ("k", "j", "m")
    per_item: re.Pattern[str]
    duration_after: re.Pattern[str]
    reference_before: re.Pattern[str]
    range_between: re.Pattern[str]
    hypothetical: re.Pattern[str]
    forecast: re.Pattern[str]
    forecast_after: re.Pattern[str]  # the figure's own noun phrase, then a forecast word: "63 million people will"
    parameter: re.Pattern[str]
    size_comparison: re.Pattern[str]  # right after a multiple: "4 times the size of London" compares, no growth
    price_before: re.Pattern[str]  # a price word shortly before an amount, in its clause: "harganya sebesar"
    definition: re.Pattern[str]  # a word that makes a sentence define a term: "Sebutan unicorn ...", "refers to"
    comparison: re.Pattern[str]  # where a compared value is introduced: "up from", "dibandingkan"
    compared: re.Pattern[str]  # "a year earlier", "periode yang sama tahun lalu": the compared value's period
    report: re.Pattern[str]  # "survei", "results": a headline or lead period beside one is the report's period
    present: re.Pattern[str]  # "kini", "currently": the article's own day, said loosely
    speech_verb_then_name: re.Pattern[str]
    speech_verb_pronoun: re.Pattern[str]
    name_then_speech_verb: re.Pattern[str]
    according_to: re.Pattern[str]
    pronouns: frozenset[str]
    next_word: re.Pattern[str]
    clause_break: re.Pattern[str]
    clause_word: re.Pattern[str]  # a conjunction or a semicolon: where a new clause, with its own time, begins
    new_value: re.Pattern[str]  # "mencapai", "menjadi", "to": what follows is the new value, not a compared one
    attribution_hint: re.Pattern[str]
    attribution_hint_lower: re.Pattern[str]  # the same, for lower-cased text


def _scale_alternation(lang: Language) -> str:
    insensitive = [w for s in lang.scales if not s.case_sensitive for w in s.words]
    sensitive = [w for s in lang.scales if s.case_sensitive for w in s.words]
    parts = [phrase_pattern(insensitive)]
    if sensitive:
        parts.append(f"(?-i:{phrase_pattern(sensitive)})")
    return "(?:" + "|".join(parts) + ")"


def _any_word(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as a whole word, in any case; an empty list of a language file matches nothing."""
    return re.compile(word_pattern(list(phrases) or ["(?!)"]), re.I)


@cache
def figure_patterns(code: str) -> FigurePatterns:
    lang = load_language(code)
    currency_before = phrase_pattern([w for c in lang.currencies for w in c.before])
    currency_after = phrase_pattern([w for c in lang.currencies for w in c.after])
    scales = _scale_alternation(lang)
    relative_guard = rf"(?!{phrase_pattern(list(lang.relative_pronouns))}(?![\w]))" if lang.relative_pronouns else ""
    word_scales = [w for s in lang.scales if not s.case_sensitive for w in s.words if len(w) > 2]
    first_words = phrase_pattern(list(lang.word_values) + list(lang.word_scale_prefixed) + list(lang.word_vague))
    later_words = phrase_pattern(list(lang.word_values) + list(lang.word_multipliers) + list(lang.word_scale_prefixed)
                                 + list(lang.word_vague) + word_scales)
    # The full pattern, matched where a figure may start. Scanning a whole text with it is slow (every word
    # could begin a number word), so texts are scanned twice with cheaper patterns: `figure_numeric` for
    # figures written with digits, whose look-ahead lets the engine skip almost every position, and
    # `number_word` for where a number word stands; `figure` is then matched at those places only.
    prefixes = [*lang.negative, *(w for c in lang.currencies for w in c.before)]
    numeric_starts = "".join(sorted({re.escape(w[0].lower()) + re.escape(w[0].upper()) for w in prefixes}))
    head = rf"""
        (?P<neg>(?<![\w])(?:{phrase_pattern(list(lang.negative))})\s+|(?<![\w.,\-])-(?=\s?(?:[0-9]|{currency_before})))?
        (?P<cur1>(?<![\w])(?:{currency_before})\s?\(?)?"""
    # "US$(11.0) million": an accountant's negative, its bracket closed before the scale word
    tail = rf"""
        (?(cur1)(?:\)(?=\s?{scales}(?![\w])))?)
        (?:\s?(?P<scale>{scales})(?![^\W\d]|[0-9]{{2}}))?  # a single digit after is a footnote: "$615 million1"
        (?P<cur2>\s?(?:{currency_after})(?![\w]))?
        (?P<pct>\s?(?:{phrase_pattern(list(lang.percent) + list(lang.percent_points))})(?![\w]))?"""
    numeral = r"(?P<num>[0-9]+(?:[.,][0-9]+)*|(?<!\S)[.,][0-9]+)"
    words = rf"(?P<words>(?<![\w])(?:{first_words})(?:\s+(?:{later_words}))*(?![\w]))"
    figure = rf"(?<![\w]){head}(?:{numeral}|{words}){tail}"
    number_words = [*lang.word_values, *lang.word_scale_prefixed, *lang.word_vague]
    never = "(?P<words>(?!))"  # the same groups as `figure`, so a match reads the same either way
    starts = rf"(?=[0-9]|[.,][0-9]|-|{phrase_pattern(prefixes)})"  # what a figure written with digits starts with
    figure_numeric = rf"(?<![\w])(?=[0-9.,\-{numeric_starts}]){starts}{head}(?:{numeral}|{never}){tail}"
    # One pattern for every qualifier, anchored where the number starts: the leftmost match is the longest
    # phrase ("tidak kurang dari" before "kurang dari"), and the group that matched names the qualifier.
    qualifier = "|".join(f"(?P<{name}>{phrase_pattern(list(words))})" for name, words in lang.qualifiers.items()
                         if words)
    rate = "|".join(f"(?P<{unit}>{phrase_pattern(list(words))})" for unit, words in lang.rates.items() if words)
    not_item = phrase_pattern(list(lang.duration_units) + list(lang.months) + ["cent", "kapita"]
                              + [w for words in lang.rates.values() for w in words])
    speech = [v for v in lang.speech_verbs if " " not in v]
    plain_verbs = [v for v in speech if not v.endswith("nya")]
    nya_verbs = [v for v in speech if v.endswith("nya")]
    pronouns = [p for p in lang.speaker_pronouns if p != "nya"]
    figure_pattern, figure_numeric_pattern = re.compile(figure, re.I | re.X), re.compile(figure_numeric, re.I | re.X)
    for compiled in (figure_pattern, figure_numeric_pattern):  # the rules read a match's groups by position
        if tuple(compiled.groupindex) != FIGURE_GROUPS or compiled.groups != len(FIGURE_GROUPS):
            raise AssertionError(f"figure pattern groups changed: {compiled.groupindex}")
    return FigurePatterns(
        figure=figure_pattern,
        figure_numeric=figure_numeric_pattern,
        number_word=re.compile(word_pattern(number_words), re.I),
        number_word_lower=re.compile(lower_word_pattern(number_words)),
        qualifier=re.compile(rf"(?<![\w]){first_letter_guard(w for ws in lang.qualifiers.values() for w in ws)}"
                             rf"(?:{qualifier})\s*$", re.I),
        # a slash form ("video/hari", "videos/day") stands right after a word, so it needs no word boundary before
        rate=re.compile(rf"(?:(?<![\w])|(?=/)){first_letter_guard(w for ws in lang.rates.values() for w in ws)}"
                        rf"(?:{rate})(?![\w])", re.I),
        multiple_after=re.compile(rf"\s*(?:{phrase_pattern(list(lang.multiple_words) or ['(?!)'])})(?![\w])"
                                  rf"(?!\s+(?:{rate}))", re.I),
        multiple_verb=_any_word(lang.multiple_verbs),
        time_after=re.compile(rf"\s*(?P<unit>{phrase_pattern(list(lang.time_units))})(?![\w])"
                              rf"(?:\s+(?:dan\s+|and\s+)?(?P<more>[0-9]{{1,2}})\s*(?P<unit2>{phrase_pattern(list(lang.time_units))})(?![\w]))?",
                              re.I),
        measure_first_letters=frozenset(w[0].lower() for w in [*lang.multiple_words, *lang.time_units] if w),
        time_spent_cue=_any_word(lang.time_spent_cues),
        rate_span_opener=re.compile(rf"{word_pattern(list(lang.rate_span_openers) or ['(?!)'])}\s+$", re.I),
        per_item=re.compile(rf"(?<![\w]){first_letter_guard(lang.per_item_words)}"
                            rf"(?:{phrase_pattern(list(lang.per_item_words))})\s+(?:satu\s+|one\s+|1\s+)?"
                            rf"(?!{not_item}(?![\w]))[^\W\d_]{{2,}}(?![\w])", re.I),
        duration_after=re.compile(rf"\s*(?:{phrase_pattern(list(lang.duration_units))})(?![\w])", re.I),
        reference_before=re.compile(rf"(?<![\w]){first_letter_guard(lang.reference_words)}"
                                    rf"(?:{phrase_pattern(list(lang.reference_words))})\s*$", re.I),
        range_between=re.compile(rf"\s*(?:{phrase_pattern(list(lang.range_words))})\s*$", re.I),
        hypothetical=re.compile(rf"[\s\"“‘'(]*(?:{phrase_pattern(list(lang.hypothetical_openers))})(?![\w])", re.I),
        forecast=_any_word(lang.forecast_words),
        # up to five words of the figure's noun phrase, none a relative pronoun: in "80,66% dari total populasi
        # yang diperkirakan mencapai 284 juta" the estimate is the population's, not the 80,66%'s
        forecast_after=re.compile(rf"[^\W\d_]*(?:[ \t]+{relative_guard}[^\W\d_]+){{0,5}}[ \t]+"
                                  rf"{word_pattern(list(lang.forecast_words))}",
                                  re.I),
        parameter=_any_word(lang.parameter_words),
        price_before=re.compile(rf"{word_pattern(list(lang.price_words))}[^,;:.!?]{{0,30}}$", re.I),
        definition=_any_word(lang.definition_words),
        size_comparison=re.compile(rf"\s+{word_pattern(list(lang.size_comparison_words))}", re.I),
        comparison=re.compile(rf"(?<![\w])(?:{'|'.join(lang.comparison_patterns) or '(?!)'})(?![\w])", re.I),
        present=_any_word(lang.present_words),
        report=_any_word(lang.report_words),
        compared=_any_word(c.phrase for c in lang.compared),
        speech_verb_then_name=re.compile(
            rf"(?<![\w])(?:{phrase_pattern(plain_verbs)})\s+(?P<name>{_NAME}|(?i:{phrase_pattern(pronouns)})(?![\w]))"),
        speech_verb_pronoun=re.compile(word_pattern(nya_verbs), re.I),
        name_then_speech_verb=re.compile(
            rf"(?P<name>{_NAME})\s*,?\s+(?:{phrase_pattern([v for v in plain_verbs if v.startswith('me')])})(?![\w])"),
        according_to=re.compile(rf"(?<![\w])(?i:{phrase_pattern(list(lang.according_to))})\s+(?P<name>[^,.;\"“”]{{3,90}}),"),
        pronouns=frozenset(pronouns),
        next_word=re.compile(r"\s+([^\W\d_]{3,})"),
        attribution_hint=re.compile(word_pattern(speech + list(lang.according_to)), re.I),
        attribution_hint_lower=re.compile(lower_word_pattern(speech + list(lang.according_to))),
        clause_break=re.compile(rf"[,;:]|{word_pattern(list(lang.clause_breaks))}", re.I),
        # "... dibanding setahun sebelumnya yang mencapai 8 jam 36 menit": after "yang" it is the compared value
        new_value=re.compile("".join(f"(?<!{re.escape(w)} )" for w in lang.compared_value_openers)
                             + word_pattern(list(lang.new_value_words) or ["(?!)"]), re.I),
        clause_word=re.compile(rf";|{word_pattern(list(lang.clause_breaks))}", re.I),
    )


@dataclass(frozen=True)
class MetricMatchers:
    """All metrics of one kind (count, money, percent) in two regular expressions, one alternative per phrase.

    Longer phrases come first, so at any position the longest phrase wins ("pengguna aktif bulanan" before
    "pengguna"); the name of the group that matched says which metric it was.
    """

    nouns: re.Pattern[str] | None
    cues: re.Pattern[str] | None
    metric_of_group: dict[str, Metric]


def _alternatives(phrases: list[tuple[str, str]]) -> str:
    """Named alternatives, longest phrase first; spaces inside a phrase match any run of white space.

    They are grouped by first letter behind a look-ahead for it, so that at a position the engine tries only the
    phrases that can start there: every metric added to ``metrics.toml`` would otherwise be tried at every word
    of every clause (a metric with a new first letter cost 7% of the extraction's time)."""
    by_letter: dict[str, list[str]] = {}
    for name, phrase in sorted(phrases, key=lambda pair: -len(pair[1])):
        first = phrase[0].lower() if phrase[0].isalnum() and phrase[0].isascii() else ""
        by_letter.setdefault(first, []).append("(?P<" + name + ">" + spaces_match_runs(cased(phrase)) + ")")
    return "|".join(f"(?=[{first}{first.upper()}])(?:{'|'.join(alternatives)})" if first else "|".join(alternatives)
                    for first, alternatives in by_letter.items())


@cache
def metric_matchers() -> dict[str, MetricMatchers]:
    matchers = {}
    for kind in METRIC_KINDS:
        nouns: list[tuple[str, str]] = []
        cues: list[tuple[str, str]] = []
        metric_of_group: dict[str, Metric] = {}
        for i, metric in enumerate(m for m in load_metrics() if m.kind == kind):
            for j, phrase in enumerate(metric.nouns):
                metric_of_group[f"n{i}_{j}"] = metric
                nouns.append((f"n{i}_{j}", phrase))
            for j, phrase in enumerate(metric.cues):
                metric_of_group[f"c{i}_{j}"] = metric
                cues.append((f"c{i}_{j}", phrase))
        # the noun right after the number, or after one word ("50 global office"): lazily, so a direct noun wins
        noun_pattern = (re.compile(rf"\s*(?P<gap>[^\W\d_]+\s+)??(?:{_alternatives(nouns)})(?![\w])", re.I)
                        if nouns else None)
        guard = first_letter_guard([phrase for _, phrase in cues], regex=True)
        cue_pattern = re.compile(rf"(?<![\w]){guard}(?:{_alternatives(cues)})(?![\w])", re.I) if cues else None
        matchers[kind] = MetricMatchers(noun_pattern, cue_pattern, metric_of_group)
    return matchers


@dataclass(frozen=True)
class MeasurePatterns:
    """The patterns of ``extract.classify``, from a language's ``[measures]`` and the parts of ``parts.toml``."""

    change_before: re.Pattern[str]  # a change word, then only fillers, up to the figure: "naik sebesar", "rose by"
    change_word: re.Pattern[str]  # a change word anywhere: "Pertumbuhan pengguna mencapai 15 persen"
    change_after: re.Pattern[str]  # right after the figure: "20 persen lebih tinggi", "a 20% increase"
    level_after_change: re.Pattern[str]  # "naik menjadi", "rose to": the level it reached, not the change
    linking: re.Pattern[str]  # a linking verb, then only fillers, up to the figure: "reached approximately"
    adjunct_opener: re.Pattern[str]  # a preposition that opens a place or time adjunct: "in", "pada"
    penetration: re.Pattern[str]
    since: re.Pattern[str]
    pointing: re.Pattern[str]
    basis: re.Pattern[str]  # its group names the basis: yoy, qoq, mom, hoh
    share_price: re.Pattern[str]
    wealth: re.Pattern[str]
    stake_deal: re.Pattern[str]
    estimate: re.Pattern[str]
    age_band: re.Pattern[str]  # "usia 18-24 tahun", "aged 20-24", "50 tahun ke atas"
    parts: re.Pattern[str]  # a part of a kind matched in the clause; its group names it (see ``part_of_group``)
    segments: re.Pattern[str]  # a segment's name
    segment_word: re.Pattern[str]  # "segmen", "segment"
    part_of_group: dict[str, str]


def _named_groups(prefix: str, phrases_by_name: list[tuple[str, Iterable[str]]]) -> tuple[str, dict[str, str]]:
    """One alternation with a named group per entry, longest phrase first within each; the group says which."""
    groups: dict[str, str] = {}
    parts = []
    for i, (name, phrases) in enumerate(phrases_by_name):
        phrases = [p for p in phrases if p]
        if not phrases:
            continue
        group = f"{prefix}{i}"
        groups[group] = name
        parts.append(f"(?P<{group}>{phrase_pattern([cased(p) for p in phrases], regex=True)})")
    return ("|".join(parts) or "(?!)"), groups


@cache
def measure_patterns(code: str) -> MeasurePatterns:
    from extract.vocabulary import load_parts  # the parts file is read only where measures are

    lang = load_language(code)
    words = lang.measures
    qualifier_words = [w for name, ws in lang.qualifiers.items() for w in ws if name != "amount"]
    # between a change word and its figure: qualifiers and amount words, but no word that opens the level reached
    not_fillers = set(words.level_after_change) | set(lang.new_value_words)
    fillers = [w for w in [*qualifier_words, *lang.qualifiers["amount"], "by", "of", "sebesar", "a", "an"]
               if w not in not_fillers]
    basis_phrases = {name: list(phrases) for name, phrases in words.basis.items()}
    for compared in lang.compared:  # "periode yang sama tahun lalu": a year back, so a change year on year
        if compared.offset == -1:
            basis_phrases.setdefault({"year": "yoy", "quarter": "qoq", "month": "mom"}[compared.unit], []).append(
                compared.phrase)
    basis = "|".join(f"(?P<{name}>{phrase_pattern(phrases)})" for name, phrases in basis_phrases.items() if phrases)
    filler = rf"(?:[\s,]+(?:{phrase_pattern(fillers)}|{basis or '(?!)'}))*"
    change = rf"(?:(?P<growth>{phrase_pattern(list(words.growth))})|(?P<decline>{phrase_pattern(list(words.decline))}))"
    after = (rf"(?:(?P<growth>{phrase_pattern(list(words.growth_after))})"
             rf"|(?P<decline>{phrase_pattern(list(words.decline_after))}))")
    all_parts = load_parts()
    parts, part_of_group = _named_groups("p", [(p.name, p.aliases) for p in all_parts if p.kind != "segment"])
    segments, segment_groups = _named_groups("s", [(p.name, p.aliases) for p in all_parts if p.kind == "segment"])
    age = phrase_pattern(list(words.age_words))
    band_to = r"\s*(?:-|–|hingga|sampai|to|and)\s*"
    return MeasurePatterns(
        change_before=re.compile(rf"(?<![\w]){change}(?![\w]){filler}[\s,]*$", re.I),
        change_word=re.compile(rf"(?<![\w]){change}(?![\w])", re.I),
        change_after=re.compile(rf"[\s,]*(?:(?:{phrase_pattern(fillers)})\s+)?{after}(?![\w])"),
        level_after_change=_any_word(words.level_after_change),
        linking=re.compile(rf"(?<![\w])(?:{phrase_pattern(list(words.linking))})(?![\w]){filler}[\s,]*$", re.I),
        adjunct_opener=_any_word(words.adjunct_openers),
        penetration=_any_word(words.penetration),
        since=_any_word(words.since),
        pointing=_any_word(words.pointing),
        basis=re.compile(rf"(?<![\w])(?:{basis or '(?!)'})(?![\w])", re.I),
        share_price=_any_word(words.share_price),
        wealth=_any_word(words.wealth),
        stake_deal=_any_word(words.stake_deal),
        estimate=_any_word(words.estimate),
        age_band=re.compile(rf"(?<![\w])(?:{age}\s+(?:antara\s+|between\s+)?(?P<lo>[0-9]{{1,2}}){band_to}(?P<hi>[0-9]{{1,2}})"
                            rf"|(?P<above>[0-9]{{2}})\s*(?:tahun\s+ke\s+atas|\+|years\s+and\s+(?:over|above)))(?![\w])",
                            re.I),
        parts=re.compile(rf"(?<![\w])(?:{parts})(?![\w])", re.I),
        segments=re.compile(rf"(?<![\w])(?:{segments})(?![\w])", re.I),
        segment_word=_any_word(words.segment_words),
        part_of_group=part_of_group | segment_groups,
    )
