"""The repository deploys as it is: one dependency file for Streamlit Community Cloud, in step with pyproject."""

from __future__ import annotations

import filecmp
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
CLOUD_FILES = ("uv.lock", "Pipfile", "environment.yml", "requirements.txt")


def test_requirements_match_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    requirements = [line for line in lines if line and not line.startswith("#")]
    assert requirements == project["dependencies"]
    assert {"streamlit", "pandas", "altair", "dateparser"} <= {r.split(">")[0].split("=")[0] for r in requirements}


def test_exactly_one_dependency_file_that_cloud_reads() -> None:
    present = [name for name in CLOUD_FILES if (ROOT / name).exists()]
    assert present == ["requirements.txt"]


def test_seeds_ship_as_example_data() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():  # the project never needs ../shared; where it is there, the copies must be byte-identical
        for seed in seeds:
            assert filecmp.cmp(seed, shared / seed.name, shallow=False)


def test_code_is_ruff_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ci.strip().splitlines()[-1]
    assert test_command in readme
    assert "streamlit run dashboard.py" in readme
