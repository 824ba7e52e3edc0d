"""The interface in Indonesian beside English (timeline/i18n.py): every text shown has its translation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from timeline.i18n import INDONESIAN, t

ROOT = Path(__file__).parent.parent
SHOWN = [ROOT / "dashboard.py", *sorted((ROOT / "timeline").glob("*.py"))]


def _texts_passed_to_t(path: Path) -> list[str]:
    """The literal texts each ``t(...)`` call in a file shows (both branches of ``a if c else b``)."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
            first = node.args[0]
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            texts += [o.value for o in options if isinstance(o, ast.Constant) and isinstance(o.value, str)]
    return texts


@pytest.mark.parametrize("path", SHOWN, ids=lambda p: p.name)
def test_every_text_the_interface_shows_has_its_indonesian(path: Path) -> None:
    missing = [text for text in _texts_passed_to_t(path) if text not in INDONESIAN]
    assert not missing, f"{path.name}: no Indonesian for {missing}"


def test_the_dashboard_translates_its_texts() -> None:
    assert len(_texts_passed_to_t(ROOT / "dashboard.py")) >= 40  # the layout goes through t(), not around it


def test_fields_are_filled_in_either_language() -> None:
    assert t("{count} figure(s) have no date and are not on the timeline; they are in **Table**.", "id", count=3) \
        .startswith("3 angka tidak bertanggal")
    assert t("Timeline", "en") == "Timeline" and t("Timeline", "id") == "Linimasa"
    assert all(text.count("{") == INDONESIAN[text].count("{") for text in INDONESIAN)  # the same fields
