"""Accuracy on the real-news development corpus (tests/news): how far the extractor is from a careful analyst.

    python benchmarks/accuracy.py                        # summary per language and overall
    python benchmarks/accuracy.py --details              # and the misses, extras, wrong dates and series
    python benchmarks/accuracy.py --as-found --batch B   # first sight: batch B on the pages' text as found

Each article's rows are matched one to one with its hand-written facts (``<stem>.gold.toml``) by value: a row
matches a fact when their values are equal (within a millionth, so "1,5 juta" and 1500000 agree). Where several
rows could match, a row whose text is the fact's ``raw`` goes first, then the nearest in the text. Then:

- precision = matched rows / rows, recall ("found") = matched facts / facts, F1 their harmonic mean;
- dates right = the share of matched rows whose date lies inside the fact's ``as_of`` (a year, month or day;
  an empty ``as_of`` wants an empty date);
- named = the share of matched rows on a series that says what it measures: a metric that is neither ``other``
  nor missing beside a bare growth, decline or multiple;
- other = the share of matched rows left ``other``;
- metric right = the share of matched rows whose metric and measure are the fact's;
- subject right, place right = the same for the subject, and for region and part together (names folded to
  their ``entities.toml`` canonical names, case ignored);
- charted right = facts matched by a row whose value, date, metric (with measure) and subject are all right,
  over all facts: what an analyst sees charted right;
- duplicates = rows left unmatched whose value is that of a fact the article states (the same fact twice);
- non-figures kept = rows that stand on a ``[[non_figure]]`` of the gold.

First sight (``--as-found``): a new page's text as the search returned it lies in ``tests/news/as_found/`` (ignored
by git, third-party text); its gold is written from it, and its batch is scored on it before any rule learns from
it. ``tests/news/FIRST_SIGHT.md`` keeps those scores.

``tests/test_accuracy.py`` runs :func:`score` and fails below its floors, so that accuracy never drops unnoticed.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "news"
AS_FOUND = CORPUS / "as_found"
sys.path.insert(0, str(ROOT))

# Rows written before the extractor knew measures: their metric id said growth, decline or penetration.
LEGACY_METRICS = {"growth": ("", "growth"), "decline": ("", "decline"), "growth_multiple": ("", "multiple"),
                  "internet_penetration": ("internet_users", "penetration")}
BARE = {"", "other"}


@dataclass
class Counts:
    """What is counted per article and summed per language."""

    rows: int = 0
    facts: int = 0
    matched: int = 0
    dated_right: int = 0
    named: int = 0
    left_other: int = 0
    metric_right: int = 0
    subject_right: int = 0
    place_right: int = 0
    charted_right: int = 0
    duplicates: int = 0
    non_figures_kept: int = 0


COUNTED = [f.name for f in fields(Counts)]


@dataclass
class ArticleScore(Counts):
    """One article's comparison with its gold."""

    name: str = ""
    language: str = ""
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    wrong_series: list[str] = field(default_factory=list)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass
class Totals(Counts):
    """Sums over articles, and the ratios the targets speak of."""

    articles: int = 0

    def add(self, one: Counts) -> None:
        self.articles += 1
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(one, name))

    @property
    def precision(self) -> float:
        return _share(self.matched, self.rows)

    @property
    def recall(self) -> float:
        return _share(self.matched, self.facts)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def dates_right(self) -> float:
        return _share(self.dated_right, self.matched)

    @property
    def named_share(self) -> float:
        return _share(self.named, self.matched)

    @property
    def other_share(self) -> float:
        return self.left_other / self.matched if self.matched else 0.0

    @property
    def metrics_right(self) -> float:
        return _share(self.metric_right, self.matched)

    @property
    def subjects_right(self) -> float:
        return _share(self.subject_right, self.matched)

    @property
    def places_right(self) -> float:
        return _share(self.place_right, self.matched)

    @property
    def charted(self) -> float:
        return _share(self.charted_right, self.facts)


def gold_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("*.gold.toml"))


def load_gold(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def stem_of(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.toml")


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def date_span(as_of: str) -> tuple[date, date] | None:
    """The first and last day an ``as_of`` of the gold stands for: "2019" -> the year, "2019-01" -> January."""
    if not as_of:
        return None
    parts = [int(part) for part in as_of.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    day = date(*parts)
    return day, day


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("NaT", "")


def _date_right(gold_as_of: str, row_date: object) -> bool:
    span = date_span(gold_as_of)
    if span is None:
        return _missing(row_date)
    if _missing(row_date):
        return False
    day = row_date.date() if hasattr(row_date, "date") else row_date
    return span[0] <= day <= span[1]


def row_series(row: dict) -> tuple[str, str]:
    """A row's metric and measure; rows without a measure column are read by their metric id."""
    metric = str(row.get("metric") or "")
    if "measure" not in row:
        return LEGACY_METRICS.get(metric, (metric, ""))
    return metric, str(row.get("measure") or "")


def _vocabulary():  # a module, imported late: the scorer may run against an older checkout's engine
    try:
        import extract.vocabulary as vocabulary
    except ImportError:  # before the vocabulary had a module of its own
        import extract.lexicon as vocabulary
    return vocabulary


@cache
def _entities():  # Entities of the engine scored
    return _vocabulary().load_entities()


def fold_name(kind: str, written: object) -> str:
    """A subject's, region's or part's name as compared: its canonical entity name where it has one, case folded."""
    if _missing(written):
        return ""
    entity_name = _vocabulary().entity_name
    text = re.sub(r"\s+", " ", str(written)).strip()
    if not text:
        return ""
    name = entity_name(_entities(), kind, text)
    if name == text and kind == "subject":
        name = entity_name(_entities(), "region", text)
    return name.casefold()


def _series_right(fact: dict, row: dict) -> tuple[bool, bool, bool]:
    """Whether a matched row has the fact's metric (with measure), subject, and region with part."""
    metric, measure = row_series(row)
    metric_right = metric == fact.get("metric", "") and measure == fact.get("measure", "")
    subject_right = fold_name("subject", row.get("subject")) == fold_name("subject", fact.get("subject", ""))
    place_right = fold_name("region", row.get("region")) == fold_name("region", fact.get("region", "")) and \
        fold_name("region", row.get("part")) == fold_name("region", fact.get("part", ""))
    return metric_right, subject_right, place_right


def _describe(metric: str, measure: str, subject: object, region: object, part: object) -> str:
    where = " / ".join(str(x) for x in (region, part) if not _missing(x) and str(x))
    return " · ".join(x for x in (str(subject or "") or "(no subject)", metric or "(no metric)", measure, where) if x)


def score_article(text: str, gold: dict, rows: list[dict], name: str) -> ArticleScore:
    """Match one article's rows with its gold facts, one to one by value, and count what is right."""
    facts = gold.get("fact", [])
    result = ArticleScore(name=name, language=gold.get("language", ""), rows=len(rows), facts=len(facts))
    positions = [text.find(fact["raw"]) for fact in facts]
    pairs = []
    for f, fact in enumerate(facts):
        for r, row in enumerate(rows):
            if _same_value(float(row["value"]), float(fact["value"])):
                pairs.append((row["raw"] != fact["raw"], abs(int(row["start"]) - positions[f]), f, r))
    pairs.sort()
    fact_of_row: dict[int, int] = {}
    matched_facts: set[int] = set()
    for _, _, f, r in pairs:
        if f in matched_facts or r in fact_of_row:
            continue
        matched_facts.add(f)
        fact_of_row[r] = f
    result.matched = len(fact_of_row)
    for r, f in sorted(fact_of_row.items(), key=lambda pair: pair[1]):
        row, fact = rows[r], facts[f]
        dated = _date_right(fact.get("as_of", ""), row.get("date"))
        if dated:
            result.dated_right += 1
        else:
            shown = "" if _missing(row.get("date")) else str(row.get("date"))[:10]
            result.wrong_dates.append(f"{fact['raw']!r}: {shown or 'no date'} (gold {fact.get('as_of') or 'none'})")
        metric, measure = row_series(row)
        result.named += metric not in BARE
        result.left_other += metric == "other"
        metric_right, subject_right, place_right = _series_right(fact, row)
        result.metric_right += metric_right
        result.subject_right += subject_right
        result.place_right += place_right
        result.charted_right += dated and metric_right and subject_right
        if not (metric_right and subject_right and place_right):
            shown = _describe(metric, measure, row.get("subject"), row.get("region"), row.get("part", ""))
            wanted = _describe(fact.get("metric", ""), fact.get("measure", ""), fact.get("subject", ""),
                               fact.get("region", ""), fact.get("part", ""))
            result.wrong_series.append(f"{fact['raw']!r}: {shown}  (gold {wanted})")
    fact_values = [float(fact["value"]) for fact in facts]
    non_figures = []
    for item in gold.get("non_figure", []):
        at = text.find(item["raw"])
        while at >= 0:
            non_figures.append((at, at + len(item["raw"])))
            at = text.find(item["raw"], at + 1)
    for r, row in enumerate(rows):
        if r in fact_of_row:
            continue
        value = float(row["value"])
        start, end = int(row["start"]), int(row["end"])
        if any(_same_value(value, other) for other in fact_values):
            result.duplicates += 1
            kind = "duplicate"
        elif any(lo < end and start < hi for lo, hi in non_figures):
            result.non_figures_kept += 1
            kind = "non-figure"
        else:
            kind = "extra"
        result.extras.append(f"{row['raw']!r} = {value:g} ({kind}, {row.get('metric', '')})")
    for f, fact in enumerate(facts):
        if f not in matched_facts:
            result.misses.append(f"{fact['raw']!r} = {float(fact['value']):g} {fact.get('unit', '')} "
                                 f"({fact.get('metric', '')})")
    return result


def score(corpus: Path = CORPUS, *, as_found: bool = False, batch: str | None = None
          ) -> tuple[dict[str, Totals], list[ArticleScore]]:
    """Totals per language ("id", "en") and overall ("all"), and each article's score.

    ``batch`` keeps only the gold of that first-sight batch (``"corpus"``: only the articles that came in none);
    ``as_found`` reads each article's text as the search returned it (``tests/news/as_found/``) and skips
    articles without one."""
    from extract import find_figures, read_article

    totals = {"id": Totals(), "en": Totals(), "all": Totals()}
    scores = []
    for gold_path in gold_files(corpus):
        gold = load_gold(gold_path)
        if batch is not None and gold.get("batch", "corpus") != batch:
            continue
        folder = corpus / "as_found" if as_found else corpus
        article_path = folder / f"{stem_of(gold_path)}.txt"
        if (as_found or "batch" in gold) and not article_path.exists():
            continue  # a first-sight page whose text as found is not here, or whose corpus article is not written
        article = read_article(article_path)
        rows = [figure.as_row() for figure in find_figures(article)]
        one = score_article(article.text, gold, rows, article_path.name)
        scores.append(one)
        totals.setdefault(one.language, Totals()).add(one)
        totals["all"].add(one)
    return totals, scores


COLUMNS = [("articles", "articles", "d"), ("facts", "facts", "d"), ("rows", "rows", "d"),
           ("precision", "precision", ".3f"), ("found", "recall", ".3f"), ("F1", "f1", ".3f"),
           ("dates", "dates_right", ".1%"), ("named", "named_share", ".1%"), ("other", "other_share", ".1%"),
           ("metric", "metrics_right", ".1%"), ("subject", "subjects_right", ".1%"),
           ("place", "places_right", ".1%"), ("charted", "charted", ".1%"), ("dupl.", "duplicates", "d"),
           ("non-fig.", "non_figures_kept", "d")]


def summary_lines(totals: dict[str, Totals]) -> list[str]:
    widths = [max(len(head), 8) + 1 for head, _, _ in COLUMNS]
    lines = ["".ljust(8) + "".join(head.rjust(w) for (head, _, _), w in zip(COLUMNS, widths, strict=True))]
    for key, label in (("id", "id"), ("en", "en"), ("all", "overall")):
        t = totals[key]
        cells = [format(getattr(t, attr), spec) for _, attr, spec in COLUMNS]
        lines.append(label.ljust(8) + "".join(cell.rjust(w) for cell, w in zip(cells, widths, strict=True)))
    return lines


def ledger_rows(totals: dict[str, Totals], batch: str) -> list[str]:
    """Markdown rows for ``tests/news/FIRST_SIGHT.md``: date, commit, batch and the figures, per language."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    rows = []
    for key in ("id", "en"):
        t = totals[key]
        rows.append(f"| {date.today().isoformat()} | {commit} | {batch} | {key} | {t.articles} | {t.facts} | "
                    f"{t.recall:.3f} | {t.precision:.3f} | {t.dates_right:.1%} | {t.named_share:.1%} | "
                    f"{t.metrics_right:.1%} | {t.subjects_right:.1%} | {t.charted:.1%} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list misses, extras, wrong dates and series")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of <stem>.txt and <stem>.gold.toml")
    parser.add_argument("--batch", help="only the gold of this first-sight batch ('corpus': those of none)")
    parser.add_argument("--as-found", action="store_true",
                        help="score on the pages' text as found (tests/news/as_found/), for first sight")
    parser.add_argument("--ledger", action="store_true", help="also print the rows for tests/news/FIRST_SIGHT.md")
    args = parser.parse_args(argv)
    totals, scores = score(args.corpus, as_found=args.as_found, batch=args.batch)
    if args.details:
        for one in scores:
            if one.misses or one.extras or one.wrong_dates or one.wrong_series:
                print(f"\n{one.name} ({one.language}): {one.matched}/{one.facts} facts, {one.rows} rows")
                for label, items in (("miss", one.misses), ("extra", one.extras), ("date", one.wrong_dates),
                                     ("serie", one.wrong_series)):
                    for item in items:
                        print(f"  {label:5} {item}")
        print()
    where = args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus
    print(f"Real-news corpus: {where}" + (" (text as found)" if args.as_found else "")
          + (f", batch {args.batch}" if args.batch else ""))
    print("\n".join(summary_lines(totals)))
    if args.ledger:
        print("\n".join(ledger_rows(totals, args.batch or "all")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
