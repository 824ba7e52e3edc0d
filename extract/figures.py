"""Finding the figures of an article: which candidates are facts, of what metric, unit, rate, subject and date.

The stages, one module each, all driven by the language and metric files:

1. Candidates (``extract.candidates``): numerals and number words with their scale word, currency and percent
   sign, less what is plainly no figure (years, durations, identifiers, codes, phone numbers, vague plurals).
2. Facts or not (here, ``_not_a_fact`` and friends): hypothetical sentences, amounts per item, single-item
   prices, forecasts, policy parameters, times that are no time spent.
3. Classification (``extract.classify``): what each figure measures (metric, measure, basis, part), whose it is
   and where, read from its clause (the text between its neighbours in its sentence), the figures before it and
   the sentence before. The rate and the qualifier are read here; the speaker by ``extract.speakers``.
4. Time scope (``extract.scope``): the period the figure describes and which rule gave it.
5. Facts (``extract.facts``): the mentions of one fact merge into one row.

A bare number (no scale word, currency or percent) is a figure only when a metric claims it; a clearly marked
one whose quantity the text does not say is kept as ``other``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cache

from extract.article import Article
from extract.article_time import ArticleTime, article_time, date_confidence
from extract.candidates import Candidate, Positioned, Spans, by_sentence, merge_ranges, multiple_verbs, paragraph_candidates
from extract.classify import Claim, Classifier, cue_clause, label_metric, metric_by_id, quote_of, resolve
from extract.dates import DatePhrase, Period, find_relative_phrases, merge_phrases
from extract.facts import Figure, merge_mentions
from extract.lexicon import Language, load_language
from extract.numbers import written_precision
from extract.patterns import FigurePatterns, MeasurePatterns, figure_patterns, measure_patterns
from extract.scope import TimeScope
from extract.speakers import Speakers
from extract.subjects import main_subject
from extract.tables import TableValue, find_table_values
from extract.text import Sentence
from extract.vocabulary import load_entities, load_metrics


def _per_item(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
    """"setiap satu video ... Rp 1000" or "Rp 5.000 per orang": a price or ratio, not a timeline figure.
    A percentage is a share whatever it is counted over ("di tiap wilayah ... 84,69%", "masing-masing tumbuh
    18%"), so the rule leaves it alone."""
    if cand.percent:
        return False
    after = cand.end
    while after < clause[1] and text[after].isspace():
        after += 1
    return bool(pats.per_item.search(text, clause[0], cand.start) or pats.per_item.match(text, after, clause[1]))


FORECAST_WINDOW = 100  # characters before a figure in which a forecast or parameter word governs it
DEFINITION_REACH = 200  # characters before a figure in which a definition word governs it (bounded: linear cost)
PRICE_REACH = 40  # characters before an amount in which a price word makes it one item's price


# between an amount and its conversion: "IDR 1m (£50)", "IDR 1 million, or roughly USD $75", "atau setara"
_CONVERSION_OPENS = re.compile(r"\s*(?:\(|,?\s*(?:or|atau)(?:\s+(?:roughly|about|around|some|sekitar|setara|kira-kira))?)"
                               r"\s*(?:[A-Z]{3}\s*)?", re.I)  # "USD $75": a code before the symbol


def _not_a_fact(text: str, cand: Candidate, sentence: Sentence, lang: Language, pats: FigurePatterns,
                following: Candidate | None = None) -> str:
    """Why a figure candidate is no fact for a timeline, or "" when it is one. Each reason is a named rule, with
    its words in the language file (``forecast_words``, ``parameter_words``, ``single_item_below``).
    ``following`` is the next figure of the sentence: when it converts this one in brackets and is one item's
    price, so is this ("IDR 1m (£50) Android phones")."""
    if cand.currency and abs(cand.value) < lang.single_item_below(cand.currency):
        return "single-item price"  # "Rp 15.000", "US$77.43", "Rp316 – Rp346"
    if cand.currency and following is not None and following.currency not in ("", cand.currency) and \
            abs(following.value) < lang.single_item_below(following.currency) and \
            _CONVERSION_OPENS.fullmatch(text, cand.end, following.start):
        return "single-item price"
    window = max(sentence.start, cand.start - FORECAST_WINDOW)
    if pats.forecast.search(text, window, cand.start) or pats.forecast_after.match(text, cand.end, sentence.end):
        return "forecast"  # "expects to reach 50 million", "63 million people will open Facebook"
    if cand.percent and pats.parameter.search(text, window, cand.start):
        return "parameter"  # "komisi 20 persen", "shares fell 14%"
    if cand.currency and pats.price_before.search(text, max(sentence.start, cand.start - PRICE_REACH), cand.start):
        return "single-item price"  # "harganya sebesar Rp 2 juta", "a phone priced at $300"
    definition = pats.definition.search(text, max(sentence.start, cand.start - DEFINITION_REACH), cand.start)
    if definition and not pats.clause_word.search(text, definition.end(), cand.start):
        return "definition"  # "Sebutan unicorn dipakai untuk startup dengan nilai di atas USD 1 miliar"
    if cand.kind == "multiple" and pats.size_comparison.match(text, cand.end):
        return "size comparison"  # "an area 4 times the size of London", "luasnya 3 kali lipat Singapura"
    return ""


CHANGES = ("growth", "decline")  # stored unsigned: the direction is the measure
PER_ITEM_REASONS = ("single-item price", "per item")  # kept only for a metric that is per user by nature
DEAL_REACH = 100  # characters before a figure in which a stake deal, a wealth or an estimate word governs it
SHARE_PRICE_REACH = 40  # characters before a figure, in its clause, in which a share word makes it a price move
NOT_PRICES = frozenset({"ownership", "valuation"})  # "kepemilikan saham 35 persen" is a stake held, no price


def _not_a_figure_of(text: str, cand: Candidate, claim: Claim, clause: tuple[int, int], sentence: Sentence,
                     measures: MeasurePatterns, pats: FigurePatterns) -> str:
    """Why a classified figure is no fact for a timeline, or "": a share price's move or level ("saham BUKA naik
    2,5 persen ke Rp210", "shares fell 8% to $41.20"), one person's wealth, a stake bought or sold and its price
    ("membeli saham ... senilai Rp 2 triliun"), an analysts' consensus ("analysts had expected $1.1 billion")."""
    metric = claim.metric_id
    lo = max(sentence.start, cand.start - DEAL_REACH)
    if metric not in NOT_PRICES and (cand.percent or cand.currency) and \
            measures.share_price.search(text, max(clause[0], cand.start - SHARE_PRICE_REACH), cand.start):
        return "share price"
    if cand.currency and measures.wealth.search(text, lo, cand.start):
        return "wealth"
    if (cand.currency or (cand.percent and metric == "ownership")) and \
            measures.stake_deal.search(text, max(lo, cue_clause(text, cand, clause, pats)[0]), cand.start):
        return "stake deal"  # within its own clause: "bought a stake in Sea, which was valued at $3.75 billion" is Sea's
    if measures.estimate.search(text, lo, cand.start):
        return "estimate"
    return ""


PAST_PHRASE_REACH = 16  # characters after a figure in which its own date phrase stands ("$5.5 billion in 2015")


COMPARED_MARKER_REACH = 24  # characters before a figure in which "from" makes it a compared (starting) value
WORLD_POPULATION = 8.3e9  # no count of people exceeds it
PEOPLE_UNITS = frozenset({"users", "people", "subscribers", "donors", "drivers", "borrowers", "lenders", "viewers"})


def _dated_past(phrases: Positioned[DatePhrase], cand: Candidate, published: date | None, sentence: Sentence,
                text: str, pats: FigurePatterns) -> bool:
    """Whether a figure in a forecast's sentence names its own period, ended before the article's date, right
    after it: "will climb from $5.5 billion in 2015 to $88 billion in 2025" states 2015 as a fact, "$21 billion
    last year" too. A current period ("this year") does not count: guidance is given for it. Without the
    article's date, a starting value ("from $5.5 billion in 2015 to $88 billion in 2025") whose forecast runs on
    to a later period is past (the sentence's next phrase is looked at)."""
    own = phrases.between(cand.end, cand.end + PAST_PHRASE_REACH)
    if not own:
        return False
    if published is not None:
        return own[0].period.last < published
    if not pats.comparison.search(text, max(sentence.start, cand.start - COMPARED_MARKER_REACH), cand.end):
        return False
    following = bisect_left(phrases.positions, own[0].end)  # the sentence's next phrase only: constant cost
    return following < len(phrases.items) and phrases.positions[following] < sentence.end and \
        phrases.items[following].period.first > own[0].period.last


@cache
def _broader_metrics() -> dict[str, str]:
    """Metric id -> the broader metric it narrows, from ``metrics.toml``."""
    return {metric.id: metric.broader for metric in load_metrics() if metric.broader}


def _time_spent(text: str, cand: Candidate, clause: tuple[int, int], pats: FigurePatterns) -> bool:
    """A time is time spent when a rate follows it in its clause ("8 jam 8 menit setiap hari", "3 hours a day")
    or a time-spent cue stands before it ("durasi rata-rata ... 462 menit", "time spent ... 90 minutes")."""
    after = pats.rate.search(text, cand.end, min(clause[1], cand.end + 30))
    return bool(after or pats.time_spent_cue.search(text, max(clause[0], cand.start - 80), cand.start))


def _word_before(text: str, cand: Candidate, sentence_start: int, pats: FigurePatterns) -> str:
    """The qualifier or amount word right before a figure ("lebih dari", "sekitar", "mencapai"), or ""."""
    match = pats.qualifier.search(text, max(sentence_start, cand.start - 40), cand.start)
    return match.lastgroup if match else ""


def _qualifier(word_before: str, cand: Candidate) -> str:
    if cand.value_max is not None:
        return "range"
    if word_before and word_before != "amount":
        return word_before
    return "approx" if cand.vague else ""


def _rate(text: str, cand: Candidate, clause: tuple[int, int], cue_clause: tuple[int, int], cue: Claim,
          pats: FigurePatterns) -> str:
    """The rate's time unit written after the figure (up to a clause break), else before it, within its clause."""
    for lo, hi in ((cand.end, cue_clause[1]), (clause[0], cand.start)):
        matches = [m for m in pats.rate.finditer(text, lo, hi)
                   if (cue.start < 0 or m.end() <= cue.start or m.start() >= cue.end)
                   and not pats.rate_span_opener.search(text, max(lo, m.start() - 12), m.start())]
        if matches:
            match = matches[0] if lo == cand.end else matches[-1]
            return next(unit for unit, value in match.groupdict().items() if value)
    return ""


def _group_mark_as_decimal(cand: Candidate, raw: str, lang: Language) -> Candidate:
    """"1.968 miliar pengguna" read with the group mark is 1,968 billion people, more than live on Earth: the
    writer meant a decimal point (1,968 miliar). A count of people above the world's population whose numeral has
    one group of three digits before its scale word is read so; anything else is left as written."""
    mark = re.escape(lang.group_mark)
    grouped = re.search(rf"(?<![\d{mark}])\d{{1,3}}{mark}\d{{3}}(?![\d])", raw)
    if grouped is None or not cand.scaled:
        return cand
    return cand._replace(value=cand.value / 1000)


def _table_figure(value: TableValue, article: Article, fallback: Period | None, subject: str,
                  article_id: str, time: ArticleTime) -> Figure:
    """A figure from a table's cell: its metric from the row label (a change column's is the growth or decline
    of what the row counts, unsigned), its period from the column heading, else the report's or the article's."""
    measures = measure_patterns(article.language)
    measure = basis = ""
    if value.column.change:
        metric = label_metric(value.label, "money") or label_metric(value.label, "count")
        measure = "growth" if value.value >= 0 else "decline"
        found = measures.basis.search(value.column.heading)
        basis = found.lastgroup or "" if found else ""
        number = abs(value.value)
    else:
        metric = label_metric(value.label, "percent" if value.percent else "money" if value.currency else "count")
        number = value.value
    part = ""
    if metric is not None:
        metric, stated, part = resolve(metric)
        measure = measure or stated
    segment = measures.segments.search(value.label)
    part = part or (measures.part_of_group[segment.lastgroup or ""] if segment else "")
    period = value.period or fallback
    source = "table" if value.period else ("report" if period else "")
    raw = article.text[value.start:value.end]
    unit = (value.currency or ("percent" if value.percent else "")) or (metric.unit if metric else "")
    return Figure(
        article=article.name, metric=metric.id if metric else "other", label=metric.label_en if metric else "Other",
        label_id=metric.label_id if metric else "Lainnya", measure=measure, basis=basis, since="", part=part,
        value=number, value_max=None, unit=unit,
        per=metric.per if metric and not value.percent else "", date=period.as_of(article.published) if period else None,
        date_grain=period.grain if period else "", period=period.label if period else "",
        period_start=period.first if period else None, period_end=period.last if period else None,
        date_source=source, qualifier="", subject=subject,
        region="", raw=raw, quote=value.row, start=value.start, end=value.end, speaker="",
        published=article.published, language=article.language, title=article.title, outlet=article.outlet,
        mention_spans=f"{value.start}-{value.end}", precision=written_precision(number, value.multiplier),
        article_id=article_id, date_confidence=date_confidence(source, period is not None, time))


def _unit(claim: Claim, cand: Candidate, text: str, lang: Language, pats: FigurePatterns) -> str:
    """The unit a figure is counted in: its currency, percent, minutes or times as written, else its metric's."""
    if cand.currency:
        return cand.currency
    if cand.percent:
        return cand.measure or "percent"
    if cand.measure:
        return cand.measure
    if claim.metric is not None:
        return claim.metric.unit
    match = pats.next_word.match(text, cand.end)
    if match and match.group(1).lower() not in lang.stopwords and not pats.rate.match(text, match.start(1)):
        return match.group(1).lower()
    return ""


def _since(phrases: Positioned[DatePhrase], claim: Claim) -> str:
    """The start of a change "since" a period: the period of the phrase right after the since word."""
    after = phrases.between(claim.since_at, claim.since_at + 3)
    return after[0].period.label if after else ""


def find_figures(article: Article) -> list[Figure]:
    """Every figure of an article, in text order, each once."""
    text = article.text
    lang = load_language(article.language)
    pats = figure_patterns(article.language)
    published = article.published
    time = article_time(article, pats, lang)
    article_id = article.article_id
    absolute = Positioned([(p.start, p) for p in article.date_phrases])  # looked up per body paragraph only
    # number words, relative dates and speech verbs are found in lower-cased text: the case-sensitive scans are
    # about twice as fast; a text whose length lower() changes (offsets would shift) is scanned as it is
    lowered: str | None = text.lower()
    if len(lowered) != len(text):
        lowered = None
    words = pats.number_word_lower.finditer(lowered) if lowered is not None else pats.number_word.finditer(text)
    word_starts = Positioned([(m.start(), m.start()) for m in words])
    verbs = multiple_verbs(text, lang, pats)
    speakers = Speakers(article, pats, lowered)
    scope = TimeScope(article, pats, lang)
    classifier = Classifier(article, lang)
    measures = measure_patterns(article.language)

    figures: list[Figure] = []
    # a flattened table's numbers are read as its cells (extract.tables), not as words of a sentence
    table_spans, table_values = find_table_values(text, article.language) if "|" in text else ([], [])
    in_tables = Spans(table_spans)
    for paragraph, (paragraph_start, paragraph_end) in enumerate(article.layout.figure_lines):
        cands = paragraph_candidates(text, paragraph_start, paragraph_end,
                                      word_starts.between(paragraph_start, paragraph_end),
                                      verbs.between(paragraph_start, paragraph_end), lang, pats)
        if table_spans:
            cands = [c for c in cands if not in_tables.overlaps(c.start, c.end)]
        dates = absolute.between(paragraph_start, paragraph_end)
        absolute_periods = {p.period for p in dates}  # written out, not read against the article's date
        if cands and dates:  # "19" of "19 Des 2019" is part of a date, not a figure
            in_dates = Spans([(p.start, p.end) for p in dates])
            cands = [c for c in cands if not in_dates.overlaps(c.start, c.end)]
        if not cands:
            continue
        phrases: Positioned[DatePhrase] | None = None
        sentences = article.layout.sentences_of(paragraph)
        for sentence_index, sentence_cands in by_sentence(cands, sentences):
            sentence = sentences[sentence_index]
            if pats.hypothetical.match(text, sentence.start, sentence.end):
                continue
            sentence_cands = merge_ranges(sentence_cands, text, pats)
            classifier.sentence(paragraph, sentence, sentence_cands)
            quote = ""  # the sentence as quoted: made once a figure of it is kept
            for index, cand in enumerate(sentence_cands):
                clause = (sentence_cands[index - 1].end if index else sentence.start,
                          sentence_cands[index + 1].start if index + 1 < len(sentence_cands) else sentence.end)
                rejected = "per item" if _per_item(text, cand, clause, pats) else \
                    _not_a_fact(text, cand, sentence, lang, pats,
                                sentence_cands[index + 1] if index + 1 < len(sentence_cands) else None)
                if rejected and rejected not in ("forecast", *PER_ITEM_REASONS):
                    continue
                if cand.measure == "minutes" and not _time_spent(text, cand, clause, pats):
                    continue  # "dalam 15 menit", "selama 2 jam": how long something took, not time spent
                claim = classifier.claim(index, clause)
                if claim is None:
                    continue
                if rejected in PER_ITEM_REASONS:
                    if claim.metric is None or not claim.metric.per_item:
                        continue  # "Rp 15.000", "Rp 5.000 per orang"; an ARPU is per user by nature
                    rejected = ""
                # a bare number needs its noun ("150 negara") or a cue and an amount word ("mencapai") before it
                word_before = _word_before(text, cand, sentence.start, pats)
                if cand.bare and not (claim.by_noun or (0 <= claim.start < cand.start and word_before)):
                    continue
                if _not_a_figure_of(text, cand, claim, clause, sentence, measures, pats):
                    continue
                raw = text[cand.start:cand.end]
                if claim.metric is not None and claim.metric.unit in PEOPLE_UNITS and abs(cand.value) > WORLD_POPULATION:
                    cand = _group_mark_as_decimal(cand, raw, lang)
                    if abs(cand.value) > WORLD_POPULATION and claim.metric.beyond_people:
                        claim = claim._replace(metric=metric_by_id(claim.metric.beyond_people))
                if phrases is None:
                    # relative dates ("tahun lalu") matter only in paragraphs that hold a figure
                    relative = time.readable(find_relative_phrases(text, article.language, time.anchor,
                                                                   paragraph_start, paragraph_end, lowered))
                    phrases = Positioned([(p.start, p) for p in merge_phrases(dates, relative)])
                if rejected and not _dated_past(phrases, cand, published, sentence, text, pats):
                    continue  # a forecast, unless it names its own past period (see _dated_past)
                period, source = scope.period(phrases, sentence, sentence_cands, index, paragraph_start)
                if period is not None and published is not None and period.first > published:
                    continue  # "US$363 billion by 2025" in a 2021 article: a forecast
                claim = classifier.complete(index, clause, claim)
                if claim.measure in CHANGES and cand.value < 0:  # "tumbuh minus 5,32 persen": a decline of 5.32
                    claim = claim._replace(measure="decline")
                    cand = cand._replace(value=-cand.value,
                                         value_max=-cand.value_max if cand.value_max is not None else None)
                if not quote:
                    quote = quote_of(text, sentence)
                metric = claim.metric
                figures.append(Figure(
                    article=article.name,
                    metric=metric.id if metric else "other",
                    label=metric.label_en if metric else "Other",
                    label_id=metric.label_id if metric else "Lainnya",
                    measure=claim.measure,
                    basis=claim.basis,
                    since=_since(phrases, claim) if claim.basis == "since" else "",
                    part=claim.part,
                    value=cand.value,
                    value_max=cand.value_max,
                    unit=_unit(claim, cand, text, lang, pats),
                    per=_rate(text, cand, clause, cue_clause(text, cand, clause, pats), claim, pats)
                    or (metric.per if metric else ""),
                    date=period.as_of(published) if period else None,
                    date_grain=period.grain if period else "",
                    period=period.label if period else "",
                    period_start=period.first if period else None,
                    period_end=period.last if period else None,
                    date_source=source,
                    qualifier=_qualifier(word_before, cand),
                    subject=claim.subject,
                    region=claim.region,
                    raw=raw,
                    quote=quote,
                    start=cand.start,
                    end=cand.end,
                    speaker=speakers.for_figure(paragraph, sentence_index, cand),
                    published=published,
                    language=article.language,
                    title=article.title,
                    outlet=article.outlet,
                    mention_spans=f"{cand.start}-{cand.end}",
                    precision=written_precision(cand.value, cand.multiplier),
                    article_id=article_id,
                    date_confidence=date_confidence(source, period is not None, time,
                                                    period in absolute_periods),
                ))
    if table_values:
        fallback = scope.report_period() or (article.dateline.period if article.dateline else None)
        subject = main_subject(article, load_entities(), lang)
        figures.extend(_table_figure(value, article, fallback, subject, article_id, time) for value in table_values)
        figures.sort(key=lambda figure: figure.start)
    headlines = Spans(article.layout.header)
    in_body: list[Figure] = []
    in_headline: list[Figure] = []
    for figure in figures:
        (in_headline if headlines.overlaps(figure.start, figure.end) else in_body).append(figure)
    return merge_mentions(in_body, in_headline, _broader_metrics())
