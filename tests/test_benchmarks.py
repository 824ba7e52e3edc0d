"""The benchmark's corpus is deterministic and realistic, and the script's parts run (timing is not tested)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_corpus  # noqa: E402


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    assert make_corpus(40, seed=7) == make_corpus(40, seed=7)
    assert make_corpus(40, seed=7) != make_corpus(40, seed=8)


def test_corpus_is_varied_and_not_the_seeds() -> None:
    corpus = make_corpus(300)
    texts = [text for _, text in corpus]
    assert len(set(texts)) == len(texts)
    seeds = [p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")]
    assert not any(seed[:200] in text for seed in seeds for text in texts)
    assert any("WIB" in t and "Jum'at" in t for t in texts)  # several outlets' dateline forms
    assert any("diperbarui" in t for t in texts) and any("Kompas.com -" in t for t in texts)
    assert any(t.startswith(("Published", "Technology")) or "\nPublished " in t for t in texts)
    assert any("Baca juga" in t for t in texts)  # navigation lines
    assert 1500 < sum(map(len, texts)) / len(texts) < 6000  # the length of a news article


def test_benchmark_parts_run_on_a_small_corpus() -> None:
    import run

    corpus = make_corpus(30)
    measured = run.throughput(corpus, repeats=1)
    assert measured["figures"] > 30 and measured["mb_s"] > 0
    assert run.regex_floor(corpus)["chars_s"] > 0
    sample = run.peer_sample(corpus, minimum_chars=4000)
    assert sample == corpus[:len(sample)] and sum(len(t) for _, t in sample) >= 4000 > sum(len(t) for _, t in sample[:-1])
    assert run.search_dates_rate(sample[:1], repeats=1)["chars_s"] > 0


def test_instruction_count_script_is_documented_and_parses_its_options() -> None:
    import subprocess

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python benchmarks/instructions.py" in readme and "python benchmarks/run.py" in readme
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "instructions.py"), "--help"],
                            capture_output=True, text=True, check=True)
    assert "--root" in result.stdout and "--articles" in result.stdout


def test_timed_counts_each_blocks_fastest_run_and_the_first_pass_count() -> None:
    import time

    import run

    calls: list[str] = []

    def work(part: list[tuple[str, str]]) -> int:
        calls.append(part[0][0])
        if len(calls) == 1:
            time.sleep(0.05)  # a burst of noise on the first block's first run
        return len(part)

    texts = [(str(i), "x") for i in range(5)]
    best, median, counted = run.timed(texts, work, repeats=2, block=2)
    assert calls == ["0", "2", "4", "0", "2", "4"]  # three blocks, two passes, in order
    assert counted == 5  # what the work counted, over one pass
    assert best < 0.02 <= median  # the slow run is not the block's fastest; it weighs on the median pass


def test_every_long_input_shape_is_measured_and_holds_its_figures() -> None:
    """The linear-time check runs on every shape (its timing is the benchmark's business, not a test's), and each
    shape is long text that holds figures, so that it measures the extractor's work, not an early exit."""
    import shapes

    from extract import find_figures, parse_article

    rows = shapes.measure(0.005, 0.01, repeats=1)
    assert [row[0] for row in rows] == list(shapes.SHAPES)
    assert all(small > 0 and large > 0 for _, small, large, _ in rows)
    for name, make in shapes.SHAPES.items():
        text = make(20_000)
        assert len(text) >= 19_990
        if name != "digits without spaces":
            assert find_figures(parse_article(text, name)), name
