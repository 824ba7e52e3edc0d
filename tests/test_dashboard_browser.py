"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

Outside CI a missing browser skips these tests with the reason; in CI (CI=true) it fails them.
Screenshots are saved in test-artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
POINTS = "[data-testid='stVegaLiteChart'] g.figure_points_marks > path"
LINES = "[data-testid='stVegaLiteChart'] g.series_lines_marks"  # one group of marks per series line
LABELS = "[data-testid='stVegaLiteChart'] g.point_labels_marks > text"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

pytestmark = pytest.mark.browser


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(environment: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(environment or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start: {process.stderr.read().decode(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    process, url = start_app({"METRICS_TIMELINE_DATA": str(ROOT / "seeds")})
    yield url
    process.terminate()
    process.wait(timeout=20)


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(POINTS, timeout=60_000)
    page.errors = errors
    return page


def test_page_loads_with_one_mark_per_figure(browser, app_url: str) -> None:
    page = open_page(browser, app_url)
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 10", timeout=30_000)
    main = page.get_by_test_id("stMain")
    for series in ("TikTok · Monthly active users · Indonesia", "TikTok · Funds raised and donations"):
        assert main.get_by_text(series, exact=True).count() == 1  # its card
    assert page.evaluate(CARDS_CUT_OFF) == []
    assert page.get_by_test_id("stException").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    assert not page.errors, page.errors
    page.close()


# card values are headings: none may be wider than its box (Streamlit's metric cut "US$ 5,8 m…" off)
CARDS_CUT_OFF = """() => [...document.querySelectorAll("[data-testid='stMain'] h4")]
    .filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.textContent)"""

# every drawn point label's box, in page pixels
LABEL_BOXES = f"""() => [...document.querySelectorAll("{LABELS}")].map(t => {{
    const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; }})"""


def overlapping(boxes: list[list]) -> list[tuple[str, str]]:
    pairs = []
    for i, (text, left, top, right, bottom) in enumerate(boxes):
        for other, o_left, o_top, o_right, o_bottom in boxes[i + 1:]:
            if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
                pairs.append((text, other))
    return pairs


def test_changing_a_filter_changes_the_url_and_the_chart(browser, app_url: str) -> None:
    page = open_page(browser, app_url)
    metric = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    metric.click()
    page.keyboard.type("Countries")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url("**metric=Countries**", timeout=20_000)
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 1", timeout=20_000)
    assert page.locator(POINTS).count() == 1
    page.screenshot(path=str(ARTIFACTS / "filtered.png"), full_page=True)
    page.close()


def test_a_copied_link_reopens_the_same_view(browser, app_url: str) -> None:
    page = open_page(browser, f"{app_url}/?metric=Videos+uploaded&rates=Per+month")
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 2", timeout=20_000)
    assert "Videos uploaded (videos/month)" in page.get_by_test_id("stVegaLiteChart").inner_text()
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "tests" / "fixtures" / "hostile" / "hostile_markup.txt", folder / "hostile_markup.txt")
    process, url = start_app({"METRICS_TIMELINE_DATA": str(folder)})
    yield url
    process.terminate()
    process.wait(timeout=20)


INJECTED = """() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    frames: document.querySelectorAll('iframe[src^="javascript"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
    bold: document.querySelectorAll('b').length,
})"""


def test_article_markup_renders_as_plain_characters(browser, hostile_url: str) -> None:
    dialogs: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(POINTS, timeout=60_000)
    page.locator(POINTS).first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    tip = tooltip.inner_text()  # the sentence of the hovered figure, tags and all, as characters
    assert '<svg onload="window.__pwned=6">' in tip or "<script>window.__pwned = 1; alert('xss')</script>" in tip
    assert tooltip.locator("img, script, iframe, svg, a, b").count() == 0
    # how sure the date is: this figure's sentence names no period, so it takes the article's date
    assert re.search(r"Date is\s+inferred\b", tip), tip
    page.get_by_role("tab", name="Articles", exact=True).click()
    text = page.locator(".article-text")
    text.wait_for(timeout=20_000)
    shown = text.inner_text()
    assert "<script>window.__pwned = 1; alert('xss')</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown
    assert "[tautan](javascript:window.__pwned=3)" in shown and "**tebal**" in shown
    assert text.locator("mark").count() == 2  # the two figures, highlighted
    page.screenshot(path=str(ARTIFACTS / "hostile_article.png"), full_page=True)
    assert page.evaluate(INJECTED) == {"pwned": None, "images": 0, "frames": 0, "svgs": 0, "scripts": 0, "bold": 0}
    assert dialogs == []
    page.close()


@pytest.fixture(scope="module")
def news_url() -> Iterator[str]:
    process, url = start_app({"METRICS_TIMELINE_DATA": str(ROOT / "tests" / "news")})
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_real_news_shows_series_whose_labels_never_overlap(browser, news_url: str) -> None:
    page = open_page(browser, news_url)
    page.wait_for_function(f"document.querySelectorAll(\"{LINES}\").length > 0", timeout=30_000)
    assert page.locator(f"{LINES} > path").count() == 12  # the twelve most reported series, a line each
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 8 and overlapping(boxes) == []
    assert page.evaluate(CARDS_CUT_OFF) == []
    assert "Other (" not in page.get_by_test_id("stVegaLiteChart").inner_text()  # "Other" has no panel by default
    page.screenshot(path=str(ARTIFACTS / "news_default.png"), full_page=True)
    assert page.get_by_test_id("stException").count() == 0 and not page.errors, page.errors
    page.close()


def _series_of(subject: str) -> int:
    """How many dated series of ``subject`` the news folder holds, from the engine the dashboard runs."""
    from extract import extract_articles
    from timeline import views

    facts = views.prepare(extract_articles([ROOT / "tests" / "news"]).figures).facts
    chosen = facts[(facts["subject"] == subject) & (facts["metric"] != "other") & facts["date"].notna()]
    return chosen["series_id"].nunique()


def test_choosing_a_subject_changes_the_url_and_the_lines(browser, news_url: str) -> None:
    page = open_page(browser, news_url)
    subject = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").nth(1)
    assert "Subject" in subject.inner_text()
    subject.click()
    page.keyboard.type("APJII")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url("**subject=APJII**", timeout=20_000)
    expected = _series_of("APJII")
    page.wait_for_function(f"document.querySelectorAll(\"{LINES} > path\").length === {expected}", timeout=20_000)
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("APJII · Internet users · Indonesia", exact=True).count() == 1  # its card
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    page.screenshot(path=str(ARTIFACTS / "news_subject.png"), full_page=True)
    page.goto(f"{news_url}/?metric=Other&other=true")  # a copied link with "Other" switched on
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(POINTS, timeout=60_000)
    assert "Other (" in page.get_by_test_id("stVegaLiteChart").inner_text()
    page.screenshot(path=str(ARTIFACTS / "news_other.png"), full_page=True)
    page.close()


@pytest.fixture
def workspace_url(tmp_path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "workspace"
    shutil.copytree(ROOT / "tests" / "fixtures" / "same_fact", folder)
    process, url = start_app({"METRICS_TIMELINE_DATA": str(folder), "METRICS_TIMELINE_EDITING": ""})
    yield url, folder
    process.terminate()
    process.wait(timeout=20)


CORRECTED = "[data-testid='stVegaLiteChart'] g.corrected_points_marks > path"
UPLOADED = ("Selasa, 6 Okt 2020 10:00 WIB\n\nJudul Berita Yang Panjang\n\n"
            "Jakarta - Aplikasi Shopee sudah diunduh 50 juta kali di Indonesia.\n")


def _count(page, selector: str) -> int:
    return page.evaluate(f"document.querySelectorAll(\"{selector}\").length")


def test_an_upload_and_a_correction_survive_a_reload(browser, workspace_url, tmp_path) -> None:
    url, folder = workspace_url
    page = open_page(browser, url)  # opened on 127.0.0.1: used on this computer, so writing is on
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 3", timeout=30_000)
    article = tmp_path / "shopee.txt"
    article.write_text(UPLOADED, encoding="utf-8")
    page.get_by_role("tab", name="Add articles", exact=True).click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(article))
    page.get_by_text("1 figure added to the timeline; saved in the data folder", exact=False).wait_for(timeout=30_000)
    assert len(list((folder / "added").iterdir())) == 1
    page.reload()
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 4", timeout=30_000)  # still there

    page.get_by_role("tab", name="Table", exact=True).click()
    form = page.get_by_test_id("stForm").filter(has_text="Save correction")
    form.get_by_test_id("stSelectbox").filter(has_text="Figure").click()
    page.keyboard.type("99 juta")
    page.keyboard.press("Enter")
    form.get_by_label("Value", exact=True).fill("95000000")
    form.get_by_label("Note", exact=True).fill("the report says 95 juta")
    form.get_by_role("button", name="Save correction").click()
    page.get_by_text("corrected; saved in the data folder", exact=False).wait_for(timeout=30_000)
    page.reload()
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll(\"{CORRECTED}\").length === 1", timeout=30_000)
    page.locator(CORRECTED).first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    tip = tooltip.inner_text()
    assert "95 million users" in tip and "the report says 95 juta" in tip
    page.screenshot(path=str(ARTIFACTS / "workspace_corrected.png"), full_page=True)
    page.get_by_role("tab", name="Table", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    table = pd.read_csv(download.value.path())
    row = table[table["Correction"] == "corrected"].iloc[0]
    assert (row["Value"], row["Correction note"]) == (95e6, "the report says 95 juta")
    page.screenshot(path=str(ARTIFACTS / "workspace_table.png"), full_page=True)
    assert page.get_by_test_id("stException").count() == 0
    page.close()


# --- who may write: decided by the connection, not by headers the visitor writes (a relay on 127.0.0.2)

SIDEBAR = "[data-testid='stSidebar']"


def _editing_note(page) -> str:
    """The sidebar's editing note: the text under its "Editing" heading."""
    sidebar = page.locator(SIDEBAR)
    sidebar.get_by_text("Editing", exact=True).wait_for(timeout=30_000)
    sidebar.get_by_text("Opened ", exact=False).wait_for(timeout=30_000)
    return sidebar.inner_text().rsplit("Editing", 1)[1].strip()


@pytest.fixture
def relayed(workspace_url) -> Iterator[Callable[..., str]]:
    """Open the workspace app through a relay on 127.0.0.2 that may rewrite or add headers."""
    from relay import Relay

    url, _ = workspace_url
    port = int(url.rsplit(":", 1)[1])
    relays: list[Relay] = []

    def through(rewrite=None) -> str:
        relay = Relay(("127.0.0.1", port), rewrite)
        relays.append(relay)
        return relay.start()
    yield through
    for relay in relays:
        relay.close()


def test_headers_a_visitor_writes_do_not_make_it_local(browser, workspace_url, relayed, tmp_path) -> None:
    from relay import set_headers

    _, folder = workspace_url
    port = workspace_url[0].rsplit(":", 1)[1]
    notes = []
    for name, rewrite in (("as_sent", None),
                          ("localhost_headers", set_headers(Host=f"localhost:{port}", Origin=f"http://localhost:{port}"))):
        page = open_page(browser, relayed(rewrite))
        note = _editing_note(page)
        page.screenshot(path=str(ARTIFACTS / f"editing_relay_{name}.png"), full_page=True)
        assert "Opened from 127.0.0.2: read-only without the editor password" in note, note
        notes.append(note)
        page.close()
    assert notes[0] == notes[1]  # the rewritten Host and Origin changed nothing
    assert not (folder / "added").exists()


def test_a_forwarded_visitor_is_read_only_and_its_upload_is_not_written(browser, workspace_url, relayed,
                                                                       tmp_path) -> None:
    from relay import set_headers

    _, folder = workspace_url
    page = open_page(browser, relayed(set_headers(X_Forwarded_For="203.0.113.7")))
    assert "Opened through a proxy: read-only without the editor password" in _editing_note(page)
    article = tmp_path / "shopee.txt"
    article.write_text(UPLOADED, encoding="utf-8")
    page.get_by_role("tab", name="Add articles", exact=True).click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(article))
    page.get_by_text("1 figure added to the timeline", exact=False).wait_for(timeout=30_000)
    page.wait_for_function(f"document.querySelectorAll(\"{POINTS}\").length === 4", timeout=30_000)  # in session
    page.screenshot(path=str(ARTIFACTS / "editing_relay_forwarded.png"), full_page=True)
    assert not (folder / "added").exists()  # ... but not written to the folder
    page.close()


# --- the timeline an analyst reads on a folder of news nobody curated: the first-sight pages

@pytest.fixture(scope="module")
def first_sight_url(tmp_path_factory) -> Iterator[str]:
    """The app on the corpus articles of the first-sight batches: pages the rules were not written from."""
    import tomllib

    folder = tmp_path_factory.mktemp("first_sight")
    for gold in sorted((ROOT / "tests" / "news").glob("*.gold.toml")):
        if "batch" in tomllib.loads(gold.read_text(encoding="utf-8")):
            article = gold.with_name(gold.name.removesuffix(".gold.toml") + ".txt")
            shutil.copy(article, folder / article.name)
    assert len(list(folder.iterdir())) >= 30
    process, url = start_app({"METRICS_TIMELINE_DATA": str(folder)})
    yield url
    process.terminate()
    process.wait(timeout=20)


CARD_CAPTIONS = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stCaptionContainer']")]
    .map(c => c.innerText).filter(t => t.includes(" · "))"""
X_TICKS = """() => [...document.querySelectorAll(
    "[data-testid='stVegaLiteChart'] g.role-axis[aria-label^='X-axis'] g.role-axis-label text")]
    .map(t => t.textContent)"""


def _table_csv(page) -> pd.DataFrame:
    page.get_by_role("tab", name=re.compile("^(Table|Tabel)$")).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("^(Download CSV|Unduh CSV)$")).click()
    return pd.read_csv(download.value.path())


def test_uncurated_news_shows_readable_series_without_silent_stacks(browser, first_sight_url: str) -> None:
    page = open_page(browser, first_sight_url)
    page.screenshot(path=str(ARTIFACTS / "first_sight_timeline.png"), full_page=True)
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("levels before rates", exact=False).count() >= 1  # the caption says how it chose
    # every card's change is from an earlier period of its series, or it says it is the first figure
    captions = page.evaluate(CARD_CAPTIONS)
    cards = [c for c in captions if "source" in c]
    assert cards, captions
    for caption in cards:
        period, rest = caption.split(" · ", 1)
        if "first figure of this series" in rest:
            continue
        since = re.search(r" since (\S+(?: Q\d| H\d)?)", rest)
        assert since and since.group(1) < period, caption  # "2019 Q2" < "2020 Q1": periods sort as written
    # the time axis: years as years or quarters, nothing before 1990, nothing after the latest article
    ticks = [t for t in page.evaluate(X_TICKS) if re.search(r"\d{4}", t)]
    years = [int(re.search(r"\d{4}", t).group()) for t in ticks]
    assert ticks and all(1990 <= year <= 2026 for year in years), sorted(set(years))
    assert all(re.fullmatch(r"\d{4}(?: Q[1-4])?|[A-Z][a-z]{2} \d{4}", t) for t in ticks), ticks  # never "2019-01"
    # no series holds two values in one period without a flag
    table = _table_csv(page)
    charted = table[table["Date"].notna() & table["Date check"].isna() & (table["Metric id"] != "other")]
    # a series is its label with its unit and rate (the panel's): "$" and "Rp" amounts of one label are two series
    for _, group in charted.fillna({"Unit": "", "Per": ""}).groupby(["Series", "Unit", "Per", "Period"]):
        if len(group) > 1:
            assert group["Disagreement"].notna().all(), group[["Series", "Period", "Figure", "Disagreement"]]
    page.screenshot(path=str(ARTIFACTS / "first_sight_table.png"), full_page=True)
    assert not page.errors, page.errors
    page.close()


def test_the_interface_speaks_the_readers_language(browser, first_sight_url: str) -> None:
    english = open_page(browser, first_sight_url)
    cards = " ".join(english.evaluate(CARD_CAPTIONS)) + english.get_by_test_id("stMain").inner_text()
    assert "million" in cards or "billion" in cards or "thousand" in cards
    assert " juta" not in " ".join(english.get_by_test_id("stMain").locator("h4").all_inner_texts())
    english.close()
    page = open_page(browser, f"{first_sight_url}/?ui=Bahasa+Indonesia")
    main = page.get_by_test_id("stMain")
    assert main.get_by_role("tab", name="Linimasa", exact=True).count() == 1
    assert main.get_by_text("nilai sebelum laju", exact=False).count() >= 1
    values = " ".join(main.locator("h4").all_inner_texts())
    assert re.search(r"\d+(,\d+)? (juta|miliar|ribu|triliun)", values) and "million" not in values, values
    assert "Bahasa antarmuka" in page.get_by_test_id("stSidebar").inner_text()
    page.screenshot(path=str(ARTIFACTS / "first_sight_indonesian.png"), full_page=True)
    assert not page.errors, page.errors
    page.close()
