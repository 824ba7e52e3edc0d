"""The analyst's workspace: added articles kept in the data folder, corrections kept in corrections.csv, and who
may write (timeline/workspace.py, extract/corrections.py, the CLI's use of them)."""

from __future__ import annotations

import io
import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract import extract_articles
from extract.corrections import (
    CORRECTIONS_FILE,
    Correction,
    CorrectionError,
    append_correction,
    apply_corrections,
    check,
    read_corrections,
)
from timeline.workspace import (
    ADDED_FOLDER,
    Visitor,
    add_article,
    added_file_name,
    editing,
    visitor,
    wrong_password_delay,
)

ROOT = Path(__file__).parent.parent
SAME_FACT = ROOT / "tests" / "fixtures" / "same_fact"
ARTICLE = (b"Senin, 5 Okt 2020 10:00 WIB\n\nJudul berita yang cukup panjang\n\nJakarta - Pengguna aktif bulanan "
           b"TikTok di Indonesia mencapai 10 juta pada September 2020.")


def _figure(folder: Path, raw: str) -> pd.Series:
    figures = extract_articles([folder]).figures
    return figures[figures.raw == raw].iloc[0]


def _correction(figure: pd.Series, **changes) -> Correction:
    return Correction(article_id=figure.article_id, start=int(figure.start), end=int(figure.end), raw=figure.raw,
                      article=figure.article, **{"action": "correct", **changes})


def test_an_added_article_is_kept_once(tmp_path: Path) -> None:
    first = add_article(tmp_path, "Berita TikTok!.txt", ARTICLE)
    assert first.new and first.path.parent == tmp_path / ADDED_FOLDER
    assert first.path.name.startswith("Berita_TikTok-") and first.path.read_bytes() == ARTICLE
    again = add_article(tmp_path, "another name.txt", ARTICLE)
    assert not again.new and again.path == first.path
    (tmp_path / "by_hand.txt").write_bytes(ARTICLE + b" Lagi.")
    assert not add_article(tmp_path, "x.txt", ARTICLE + b" Lagi.").new  # a file put there by hand counts too
    assert sorted(p.name for p in tmp_path.rglob("*.txt")) == sorted([first.path.name, "by_hand.txt"])
    assert not list(tmp_path.rglob("*.tmp"))  # nothing half-written left behind


def test_file_names_are_safe() -> None:
    assert added_file_name("../../etc/passwd", b"x").startswith("passwd-")
    assert added_file_name("<script>.html", b"x").endswith(".html") and "<" not in added_file_name("<script>.html", b"x")
    assert added_file_name("pasted text", b"x").endswith(".txt")


def _add_many(folder: str, worker: int) -> None:
    for index in range(10):
        add_article(Path(folder), f"w{worker}-{index}.txt", ARTICLE + f" Tulisan {worker}-{index}.".encode())
        append_correction(Path(folder) / CORRECTIONS_FILE, Correction(
            article_id=f"{worker:016x}", start=index, end=index + 5, raw="x", action="reject", note=f"{worker}"))


def test_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(str(tmp_path), worker)) for worker in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    assert len(list((tmp_path / ADDED_FOLDER).iterdir())) == 40
    corrections, problems = read_corrections(tmp_path / CORRECTIONS_FILE)
    assert problems == [] and len(corrections) == 40
    assert (tmp_path / CORRECTIONS_FILE).read_text(encoding="utf-8").count("article_id,") == 1  # one header


def test_a_correction_changes_the_fact_and_says_so(tmp_path: Path) -> None:
    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    figure = _figure(tmp_path, "99 juta")
    append_correction(tmp_path / CORRECTIONS_FILE, _correction(figure, value="92000000", date="2022-05",
                                                               note="misread by the outlet"))
    gone = _figure(tmp_path, "92 juta")
    append_correction(tmp_path / CORRECTIONS_FILE, _correction(gone, action="reject", note="duplicate wire copy"))
    corrections, problems = read_corrections(tmp_path / CORRECTIONS_FILE)
    assert problems == []
    figures, unmatched = apply_corrections(extract_articles([tmp_path]).figures, corrections)
    assert unmatched == []
    corrected = figures[figures.raw == "99 juta"].iloc[0]
    assert (corrected.value, corrected.period, corrected.date_grain) == (92e6, "2022-05", "month")
    assert corrected.date == pd.Timestamp("2022-05-31") and corrected.correction == "corrected"
    assert corrected.correction_note == "misread by the outlet"
    assert "92 juta" not in set(figures.raw)  # rejected
    assert set(figures[figures.raw != "99 juta"].correction) == {""}


def test_a_later_line_replaces_an_earlier_one_and_an_orphan_is_listed(tmp_path: Path) -> None:
    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    figure = _figure(tmp_path, "99 juta")
    path = tmp_path / CORRECTIONS_FILE
    append_correction(path, _correction(figure, value="1"))
    append_correction(path, _correction(figure, value="2"))
    append_correction(path, Correction(article_id="0" * 16, start=5, end=12, raw="10 juta", action="reject",
                                       article="deleted.txt"))
    corrections, _ = read_corrections(path)
    figures, unmatched = apply_corrections(extract_articles([tmp_path]).figures, corrections)
    assert figures[figures.raw == "99 juta"].value.tolist() == [2.0]
    assert [c.article for c in unmatched] == ["deleted.txt"]
    (tmp_path / "d_other_count.txt").write_text("Kamis, 14 Jul 2022 09:30 WIB\n\nJudul\n\nTeks yang lain sama sekali.",
                                                 encoding="utf-8")
    _, unmatched = apply_corrections(extract_articles([tmp_path]).figures, corrections)
    assert {c.raw for c in unmatched} == {"99 juta", "10 juta"}  # the article changed: listed, never dropped


def test_a_broken_line_is_named_and_the_rest_still_applies(tmp_path: Path) -> None:
    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    figure = _figure(tmp_path, "99 juta")
    path = tmp_path / CORRECTIONS_FILE
    append_correction(path, _correction(figure, value="95000000"))
    with path.open("a", encoding="utf-8") as file:
        file.write("abc,not a number,12,x,correct,,1,,,,,,\n")
        file.write("abc,1,12,x,correct,,lots,,,,,,\n")
        file.write("too,few\n")
        file.write(f"{figure.article_id},{figure.start},{figure.end},{figure.raw},maybe,,,,,,,,\n")
    corrections, problems = read_corrections(path)
    assert len(corrections) == 1
    assert [p.split(":")[0] for p in problems] == [f"{CORRECTIONS_FILE} line {n}" for n in (3, 4, 5, 6)]
    assert "is not a number" in problems[1] and "fields where the header has" in problems[2]
    assert "action must be one of" in problems[3]
    figures, _ = apply_corrections(extract_articles([tmp_path]).figures, corrections)
    assert figures[figures.raw == "99 juta"].value.tolist() == [95e6]


@pytest.mark.parametrize(("changes", "message"), [
    ({"value": "banyak"}, "is not a number"), ({"date": "Juni"}, "is not YYYY-MM-DD"),
    ({"metric": "pengguna"}, "metrics.toml"), ({}, "must change"), ({"action": "delete"}, "action must be"),
])
def test_bad_corrections_are_refused_with_a_reason(changes: dict, message: str) -> None:
    base = {"article_id": "a" * 16, "start": 1, "end": 5, "raw": "10 juta", "action": "correct"}
    with pytest.raises(CorrectionError, match=message):
        check(Correction(**{**base, **changes}))


def test_the_cli_applies_the_folders_corrections_unless_told_not_to(tmp_path: Path) -> None:
    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    append_correction(tmp_path / CORRECTIONS_FILE, _correction(_figure(tmp_path, "99 juta"), subject="Instagram",
                                                               note="the survey was about Instagram"))

    def run(*extra: str) -> pd.DataFrame:
        done = subprocess.run([sys.executable, "-m", "extract", str(tmp_path), "--quiet", "--table", "figures", *extra],
                              capture_output=True, text=True, cwd=ROOT, check=True, timeout=120)
        return pd.read_csv(io.StringIO(done.stdout), keep_default_na=False)

    applied = run()
    row = applied[applied.raw == "99 juta"].iloc[0]
    assert (row.subject, row.correction, row.correction_note) == ("Instagram", "corrected",
                                                                  "the survey was about Instagram")
    plain = run("--no-corrections")
    assert plain[plain.raw == "99 juta"].subject.tolist() == ["TikTok"] and "correction" not in plain.columns


LOOPBACK = Visitor("127.0.0.1")
BROWSER = {"Host": "localhost:8501", "Origin": "http://localhost:8501"}  # what any visitor's browser may send


@pytest.mark.parametrize(("secrets", "peer", "entered", "environ", "writes", "says"), [
    # the README's table of who may write, row by row
    ({}, LOOPBACK, "", {}, True, "opened from this computer (127.0.0.1)"),
    ({}, Visitor("::1"), "", {}, True, "opened from this computer (::1)"),
    ({}, Visitor("::ffff:127.0.0.1"), "", {}, True, "this computer"),
    ({}, Visitor("192.168.1.20"), "", {}, False, "opened from 192.168.1.20: read-only without the editor password"),
    ({}, Visitor("127.0.0.2"), "", {}, False, "opened from 127.0.0.2"),  # another loopback address: a relay
    ({}, Visitor("2001:db8::7"), "", {}, False, "opened from 2001:db8::7"),
    ({}, Visitor(None), "", {}, False, "address is unknown"),  # no connection to read it from
    ({}, Visitor("127.0.0.1", forwarded=True), "", {}, False, "through a proxy: read-only"),  # nginx on this machine
    ({}, Visitor("203.0.113.7", forwarded=True), "", {}, False, "through a proxy"),
    ({"editor_password": "s3cret"}, Visitor("203.0.113.7"), "", {}, False, "enter the editor password"),
    ({"editor_password": "s3cret"}, Visitor("203.0.113.7"), "wrong", {}, False, "enter the editor password"),
    ({"editor_password": "s3cret"}, Visitor("203.0.113.7"), "s3cret", {}, True, "password accepted"),
    ({"editor_password": "s3cret"}, LOOPBACK, "", {}, False, "enter the editor password"),  # binds everyone
    ({"editor_password": "s3cret"}, Visitor("127.0.0.1", forwarded=True), "s3cret", {}, True, "accepted"),
    ({}, LOOPBACK, "", {"METRICS_TIMELINE_EDITING": "off"}, False, "switched off"),
    ({}, Visitor("10.0.0.5"), "", {"METRICS_TIMELINE_EDITING": "on"}, True, "switched on"),
])
def test_who_may_write(secrets: dict, peer: Visitor, entered: str, environ: dict, writes: bool, says: str) -> None:
    decided = editing(secrets, peer, entered, environ)
    assert decided.writes is writes and says in decided.reason


@pytest.mark.parametrize(("ip_address", "headers", "expected"), [
    (None, BROWSER, Visitor("127.0.0.1")),  # Streamlit reports a loopback peer as None; a request has headers
    ("192.168.1.20", BROWSER, Visitor("192.168.1.20")),  # Host and Origin say localhost: they do not decide
    ("127.0.0.2", {**BROWSER, "Host": "127.0.0.1:8501"}, Visitor("127.0.0.2")),
    (None, {**BROWSER, "X-Forwarded-For": "203.0.113.7"}, Visitor("127.0.0.1", forwarded=True)),
    (None, {**BROWSER, "forwarded": "for=203.0.113.7"}, Visitor("127.0.0.1", forwarded=True)),
    (None, {**BROWSER, "X-Real-IP": "203.0.113.7"}, Visitor("127.0.0.1", forwarded=True)),
    (None, {}, Visitor(None)),  # no connection (AppTest): unknown, so read-only
    (None, None, Visitor(None)),
])
def test_the_visitor_is_read_from_the_connection(ip_address, headers, expected: Visitor) -> None:
    assert visitor(ip_address, headers) == expected


def test_a_wrong_password_is_refused_alike_and_each_try_waits_longer() -> None:
    secrets = {"editor_password": "s3cret"}
    reasons = {editing(secrets, Visitor("203.0.113.7"), tried, {}).reason for tried in ("s3cre", "x", "s3cret!", " ")}
    assert len(reasons) == 1  # however it differs
    delays = [wrong_password_delay(n) for n in range(1, 20)]
    assert delays == sorted(delays) and delays[0] > 0 and delays[-1] <= 5.0 and delays[1] > delays[0]
