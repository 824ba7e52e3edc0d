"""Accuracy on the real-news development corpus (tests/news): how far the extractor is from a careful analyst.

    python benchmarks/accuracy.py            # summary per language and overall
    python benchmarks/accuracy.py --details  # and the misses, extras and wrong dates of every article

Each article's rows are matched one to one with its hand-written facts (``<stem>.gold.toml``) by value: a row
matches a fact when their values are equal (within a millionth, so "1,5 juta" and 1500000 agree). Where several
rows could match, a row whose text is the fact's ``raw`` goes first, then the nearest in the text. Then:

- precision = matched rows / rows, recall = matched facts / facts, F1 their harmonic mean;
- dates right = the share of matched rows whose date lies inside the fact's ``as_of`` (a year, month or day;
  an empty ``as_of`` wants an empty date);
- duplicates = rows left unmatched whose value is that of a fact the article states (the same fact twice);
- non-figures kept = rows that stand on a ``[[non_figure]]`` of the gold.

``tests/test_accuracy.py`` runs :func:`score` and fails below its floors, so that accuracy never drops unnoticed.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "news"
sys.path.insert(0, str(ROOT))


@dataclass
class Counts:
    """What is counted per article and summed per language."""

    rows: int = 0
    facts: int = 0
    matched: int = 0
    dated_right: int = 0
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


@dataclass
class Totals(Counts):
    """Sums over articles, and the ratios the targets speak of."""

    articles: int = 0

    def add(self, one: ArticleScore) -> None:
        self.articles += 1
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(one, name))

    @property
    def precision(self) -> float:
        return self.matched / self.rows if self.rows else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.facts if self.facts else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def dates_right(self) -> float:
        return self.dated_right / self.matched if self.matched else 1.0


def gold_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("*.gold.toml"))


def load_gold(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


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


def _date_right(gold_as_of: str, row_date: object) -> bool:
    span = date_span(gold_as_of)
    missing = row_date is None or (isinstance(row_date, float) and math.isnan(row_date)) or str(row_date) == "NaT"
    if span is None:
        return missing
    if missing:
        return False
    day = row_date.date() if hasattr(row_date, "date") else row_date
    return span[0] <= day <= span[1]


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
    for r, f in fact_of_row.items():
        row, fact = rows[r], facts[f]
        if _date_right(fact.get("as_of", ""), row.get("date")):
            result.dated_right += 1
        else:
            shown = row.get("date")
            shown = "" if shown is None or str(shown) == "NaT" else str(shown)[:10]
            result.wrong_dates.append(f"{fact['raw']!r}: {shown or 'no date'} (gold {fact.get('as_of') or 'none'})")
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
            result.misses.append(f"{fact['raw']!r} = {float(fact['value']):g} {fact.get('unit', '')} ({fact.get('metric', '')})")
    return result


def score(corpus: Path = CORPUS) -> tuple[dict[str, Totals], list[ArticleScore]]:
    """Totals per language ("id", "en") and overall ("all"), and each article's score."""
    from extract import find_figures, read_article

    totals = {"id": Totals(), "en": Totals(), "all": Totals()}
    scores = []
    for gold_path in gold_files(corpus):
        gold = load_gold(gold_path)
        article_path = gold_path.with_name(gold_path.name.removesuffix(".gold.toml") + ".txt")
        article = read_article(article_path)
        rows = [figure.as_row() for figure in find_figures(article)]
        one = score_article(article.text, gold, rows, article_path.name)
        scores.append(one)
        totals.setdefault(one.language, Totals()).add(one)
        totals["all"].add(one)
    return totals, scores


def summary_lines(totals: dict[str, Totals]) -> list[str]:
    lines = [f"{'':8}{'articles':>9}{'facts':>7}{'rows':>6}{'precision':>11}{'recall':>8}{'F1':>7}"
             f"{'dates right':>13}{'duplicates':>12}{'non-figures':>13}"]
    for key, label in (("id", "id"), ("en", "en"), ("all", "overall")):
        t = totals[key]
        lines.append(f"{label:8}{t.articles:>9}{t.facts:>7}{t.rows:>6}{t.precision:>11.3f}{t.recall:>8.3f}{t.f1:>7.3f}"
                     f"{t.dates_right:>13.1%}{t.duplicates:>12}{t.non_figures_kept:>13}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list misses, extras and wrong dates per article")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of <stem>.txt and <stem>.gold.toml")
    args = parser.parse_args(argv)
    totals, scores = score(args.corpus)
    if args.details:
        for one in scores:
            if one.misses or one.extras or one.wrong_dates:
                print(f"\n{one.name} ({one.language}): {one.matched}/{one.facts} facts, {one.rows} rows")
                for label, items in (("miss", one.misses), ("extra", one.extras), ("date", one.wrong_dates)):
                    for item in items:
                        print(f"  {label:5} {item}")
        print()
    print(f"Real-news corpus: {args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus}")
    print("\n".join(summary_lines(totals)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
