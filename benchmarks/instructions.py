"""Instructions per byte of extraction, counted by valgrind: a speed measure that a busy machine cannot blur.

    python benchmarks/instructions.py                      # this checkout, 200 articles (about 90 s)
    python benchmarks/instructions.py --root ../other-checkout --articles 100

Wall-clock timings on a shared machine drift by a quarter within an hour, too much to tell whether a change
made extraction 3% faster. valgrind's callgrind counts the instructions the process executes, which is the same
from run to run. The count of one pass over the corpus is the count of a process making two passes minus that
of a process making one, so that start-up, imports and pattern compilation cancel out. Needs valgrind (Debian:
``apt-get install valgrind``); compare two checkouts by running it with ``--root`` on each.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PASSES = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from corpus import make_corpus
from extract import find_figures, parse_article
corpus = make_corpus(int(sys.argv[3]), 7)
for _ in range(int(sys.argv[4])):
    for name, text in corpus:
        find_figures(parse_article(text, name))
"""


def instructions(root: Path, articles: int, passes: int) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", PASSES,
               str(root), str(HERE), str(articles), str(passes)]
    result = subprocess.run(command, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the checkout whose extract/ is measured")
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    from corpus import make_corpus

    size = sum(len(text.encode("utf-8")) for _, text in make_corpus(args.articles, 7))
    one_pass = instructions(args.root, args.articles, 2) - instructions(args.root, args.articles, 1)
    print(f"{one_pass / size:,.0f} instructions per byte ({one_pass:,} for {args.articles} articles, "
          f"{size:,} bytes; {args.root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
