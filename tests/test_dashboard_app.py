"""The dashboard run headless by Streamlit's AppTest: data, filters, URL, rates, downloads, uploads, empty states."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parent.parent
APP = str(ROOT / "dashboard.py")


def chart_rows(at: AppTest) -> pd.DataFrame:
    chart = at.get("vega_lite_chart")[0]
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.delenv("METRICS_TIMELINE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_opens_on_the_seeds_with_every_figure(app: AppTest) -> None:
    rows = chart_rows(app)
    assert len(rows) == 10
    assert set(rows.panel) >= {"Monthly active users (users)", "Videos uploaded (videos/day)",
                               "Video views (views/month)", "Funds raised and donations (IDR)"}
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert app.date_input(key="dates").value == (pd.Timestamp("2018-12-17").date(), pd.Timestamp("2020-12-31").date())
    cards = {re.sub(r"\\(.)", r"\1", c.value) for c in app.caption} & set(rows.series)  # captions are escaped
    assert cards == set(rows.series) and len(cards) == 10  # a card per series, all ten shown on the seeds
    assert "/" not in app.caption[0].value.split(" in ")[1]  # the data folder by name, not the server's path


def test_each_filter_narrows_the_data(app: AppTest) -> None:
    app.multiselect(key="metric").set_value(["monthly_active_users", "daily_active_users"]).run()
    assert set(chart_rows(app).panel) == {"Monthly active users (users)", "Daily active users (users)"}
    app.multiselect(key="metric").set_value([]).run()
    app.multiselect(key="article").set_value(["000_2cffdb298a2ed0f2.txt"]).run()
    assert sorted(chart_rows(app).value_label) == ["150 countries", "50 offices", "75 languages"]
    app.multiselect(key="article").set_value([]).run()
    app.multiselect(key="region").set_value(["Indonesia"]).run()
    assert len(chart_rows(app)) == 4
    app.multiselect(key="region").set_value([]).run()
    app.date_input(key="dates").set_value((pd.Timestamp("2020-01-01").date(), pd.Timestamp("2020-12-31").date())).run()
    assert set(chart_rows(app).date.dt.year) == {2020} and len(chart_rows(app)) == 4
    app.multiselect(key="subject").set_value(["TikTok"]).run()
    assert len(chart_rows(app)) == 3  # Indonesia's internet users are a statistic, not TikTok's


def test_url_parameters_reopen_a_view(monkeypatch) -> None:
    monkeypatch.delenv("METRICS_TIMELINE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    # bound widgets write their shown labels into the URL: ?metric=Videos+uploaded&rates=Per+month
    at.query_params["metric"] = ["Videos uploaded"]
    at.query_params["rates"] = "Per month"
    at.run()
    assert not at.exception
    rows = chart_rows(at)
    assert set(rows.panel) == {"Videos uploaded (videos/month)"}
    assert at.radio(key="rates").value == "month"


def test_rate_switch_puts_day_and_month_on_one_panel(app: AppTest) -> None:
    app.multiselect(key="metric").set_value(["videos_uploaded"]).run()
    assert set(chart_rows(app).panel) == {"Videos uploaded (videos/day)", "Videos uploaded (videos/month)"}
    app.radio(key="rates").set_value("month").run()
    rows = chart_rows(app).sort_values("value")
    assert list(rows.panel.unique()) == ["Videos uploaded (videos/month)"]
    assert rows.value.tolist() == pytest.approx([100_000 * 365.25 / 12, 100e6])
    # two series on one panel (TikTok in Indonesia, TikTok with no region named), so no disagreement between them
    assert rows.series.tolist() == ["TikTok · Videos uploaded · Indonesia", "TikTok · Videos uploaded"]
    assert (rows.disagreement == "").all()
    app.radio(key="rates").set_value("day").run()
    assert chart_rows(app).sort_values("value").value.tolist() == pytest.approx([100_000, 100e6 * 12 / 365.25])


NEWS = ROOT / "tests" / "news"
SAME_FACT = ROOT / "tests" / "fixtures" / "same_fact"


def open_on(folder: Path, monkeypatch, timeout: int = 60) -> AppTest:
    """The app, run once on ``folder``."""
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(folder))
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception
    return at


def test_real_news_opens_on_readable_series_and_says_how_they_were_chosen(monkeypatch) -> None:
    at = open_on(NEWS, monkeypatch, timeout=120)
    rows = chart_rows(at)
    assert rows.series_id.nunique() == 12 and "other" not in set(rows.panel.str.lower())
    assert any(c.value.startswith("Showing 12 of") and "levels before rates" in c.value for c in at.caption)
    assert any("“Other” figure(s) are in" in c.value for c in at.caption)
    at.multiselect(key="subject").set_value(["APJII"]).run()
    assert set(chart_rows(at).series.str.split(" · ").str[0]) == {"APJII"}
    at.multiselect(key="subject").set_value([])
    at.toggle(key="other").set_value(True)
    at.multiselect(key="metric").set_value(["other"]).run()
    assert set(chart_rows(at).panel.str.split(" \\(").str[0].str.split(" · ").str[0]) == {"Other"}


def test_a_fact_from_three_articles_is_one_point_and_disagreements_are_listed(monkeypatch) -> None:
    at = open_on(SAME_FACT, monkeypatch)
    rows = chart_rows(at)
    assert len(rows) == 3  # five articles, three facts
    assert sorted(rows.sources.tolist()) == [1, 1, 3]
    listed = [t.value for t in at.text]
    assert listed == ["TikTok · Monthly active users · Indonesia, 2022-06: 92.07 million users (c_detik_style.txt; "
                      "a_kompas_style.txt; b_english_wire.txt) vs 99 million users (d_other_count.txt), 7% apart"]
    assert [d.label for d in at.get("download_button")][:2] == ["Download chart (PNG)", "Download chart (SVG)"]


def test_reset_returns_to_the_default(app: AppTest) -> None:
    app.multiselect(key="metric").set_value(["countries"]).run()
    app.radio(key="rates").set_value("day").run()
    app.button(key="reset").click().run()
    assert app.multiselect(key="metric").value == []
    assert app.radio(key="rates").value == "as written"
    assert len(chart_rows(app)) == 10


def test_downloads_hold_what_is_shown(app: AppTest, monkeypatch) -> None:
    downloads: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        downloads[filename] = path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode()
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    app.multiselect(key="metric").set_value(["funds_raised", "internet_users"]).run()
    shown = app.dataframe[0].value
    assert len(shown) == 2
    csv_frame = pd.read_csv(io.BytesIO(downloads["figures.csv"]))
    assert list(csv_frame.columns) == list(shown.columns)
    assert sorted(csv_frame.Figure) == ["174.6 million users", "Rp 124 million"]
    assert {"Sentence", "Article", "Title"} <= set(csv_frame.columns)
    rows = json.loads(downloads["figures.json"])
    assert sorted(r["Value"] for r in rows) == [124e6, 174.6e6]
    assert sorted(r["Article"] for r in rows) == ["001_4b832c56c53362f4.txt", "003_8aeb7998d574706a.txt"]


def test_paste_adds_figures_marked_as_added(app: AppTest) -> None:
    app.text_input(key="paste_name").set_value("tempel.txt")
    app.text_area(key="paste_text").set_value("Kamis, 19 Des 2019 21:20 WIB\n\nJudul Berita Yang Panjang\n\n"
                                             "Aplikasi Shopee sudah diunduh 50 juta kali di Indonesia.")
    app.button(key="FormSubmitter:paste-Add pasted text").click().run()
    assert not app.exception
    rows = chart_rows(app)
    assert len(rows) == 11
    added = rows[rows.origin == "added"]
    assert added.value_label.tolist() == ["50 million downloads"] and added.article.tolist() == ["tempel.txt"]
    assert any(s.value == "tempel\\.txt: 1 figure added to the timeline (kept in this browser session)." for s in app.success)


def test_bad_paste_gets_a_message_and_keeps_the_rest(app: AppTest) -> None:
    app.text_input(key="paste_name").set_value("blank")
    app.text_area(key="paste_text").set_value("    \n   ")
    app.button(key="FormSubmitter:paste-Add pasted text").click().run()
    assert any("blank was not added" in e.value for e in app.error)
    assert len(chart_rows(app)) == 10


def test_empty_folder_says_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("No articles found" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def test_filter_matching_nothing_says_so(app: AppTest) -> None:
    app.date_input(key="dates").set_value((pd.Timestamp("2018-12-18").date(), pd.Timestamp("2018-12-20").date())).run()
    assert any("No figures match these filters" in i.value for i in app.info)
    assert not app.get("vega_lite_chart")


def test_article_without_figures_says_so(tmp_path, monkeypatch) -> None:
    (tmp_path / "plain.txt").write_text("Senin, 17 Des 2018 20:26 WIB\n\nJudul Berita Tanpa Angka\n\n"
                                        "Berita ini tidak memuat angka apa pun.", encoding="utf-8")
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("hold no figures" in i for i in infos)
    assert any("No figures were found in this article" in i for i in infos)


def test_articles_view_highlights_figures(app: AppTest) -> None:
    app.selectbox(key="article_view").set_value("003_8aeb7998d574706a.txt").run()
    page = app.get("html")[0].proto.body
    assert "<mark" in page and ">Rp 124 juta</mark>" in page
    assert any("dateline" in m.value for m in app.markdown)


HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def test_bad_uploads_get_a_message_and_leave_the_timeline_as_it_was(app: AppTest) -> None:
    bad = [("empty.txt", b"", "text/plain"), ("whitespace.txt", (HOSTILE / "whitespace.txt").read_bytes(), "text/plain"),
           ("picture.txt", (HOSTILE / "picture.png").read_bytes(), "text/plain"),
           ("huge.txt", b"Pengguna mencapai 10 juta. " * 250_000, "text/plain")]
    app.file_uploader[0].set_value(bad).run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any(e.startswith("empty\\.txt was not added: empty file") for e in errors)
    assert any(e.startswith("whitespace\\.txt was not added: no text") for e in errors)
    assert any(e.startswith("picture\\.txt was not added: binary file") for e in errors)
    assert any(e.startswith("huge\\.txt was not added: too large") for e in errors)
    assert len(chart_rows(app)) == 10
    assert "5 MB" in app.file_uploader[0].label  # the limit is stated where files are dropped


def test_good_uploads_join_the_timeline(app: AppTest) -> None:
    files = [(name, (HOSTILE / name).read_bytes(), "text/plain") for name in ("article.html", "utf16.txt", "cp1252.txt")]
    app.file_uploader[0].set_value(files).run()
    assert not app.exception
    rows = chart_rows(app)
    added = rows[rows.origin == "added"]
    assert sorted(added.article.unique()) == ["article.html", "cp1252.txt", "utf16.txt"]
    assert len(rows) == 10 + 5  # html 3, utf16 1, cp1252 1
    assert app.date_input(key="dates").value[1] == pd.Timestamp("2021-03-05").date()  # the range follows the data


def test_hostile_file_names_and_markup_stay_text(app: AppTest) -> None:
    data = (HOSTILE / "hostile_markup.txt").read_bytes()
    app.file_uploader[0].set_value([("[klik](javascript:alert(1)).txt", data, "text/plain")]).run()
    assert not app.exception
    success = [s.value for s in app.success]
    assert success == ["\\[klik\\]\\(javascript\\:alert\\(1\\)\\)\\.txt: 2 figures added to the timeline "
                       "(kept in this browser session)."]
    app.selectbox(key="article_view").set_value("[klik](javascript:alert(1)).txt").run()
    page = app.get("html")[0].proto.body
    assert "<script>" not in page and "&lt;script&gt;" in page and "<img" not in page


def test_reads_the_facts_or_mentions_table_and_a_folder_together(tmp_path, monkeypatch) -> None:
    import os
    import subprocess
    import sys

    for table in ("facts", "mentions"):
        subprocess.run([sys.executable, "-m", "extract", str(SAME_FACT), "--table", table, "--quiet", "-o",
                        str(tmp_path / f"{table}.parquet")], check=True, cwd=ROOT, timeout=120)
    for table in ("facts", "mentions"):
        monkeypatch.setenv("METRICS_TIMELINE_DATA", os.pathsep.join([str(tmp_path / f"{table}.parquet"),
                                                                     str(ROOT / "seeds")]))
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, table
        rows = chart_rows(at)
        assert len(rows) == 3 + 10, table  # the table's three facts and the seeds' ten
        assert sorted(rows.sources.tolist())[-1] == 3, table
        assert f"in {table}\\.parquet, seeds" in at.caption[0].value  # names only, Markdown-escaped


PASTED = ("Selasa, 6 Okt 2020 10:00 WIB\n\nJudul Berita Yang Panjang\n\n"
          "Jakarta - Aplikasi Shopee sudah diunduh 50 juta kali di Indonesia.")


def _paste(at: AppTest, name: str, text: str) -> None:
    at.text_input(key="paste_name").set_value(name)
    at.text_area(key="paste_text").set_value(text)
    at.button(key="FormSubmitter:paste-Add pasted text").click().run()
    assert not at.exception


def _workspace_app(folder: Path, monkeypatch, editing: str | None = "on") -> AppTest:
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(folder))
    if editing is None:
        monkeypatch.delenv("METRICS_TIMELINE_EDITING", raising=False)
    else:
        monkeypatch.setenv("METRICS_TIMELINE_EDITING", editing)
    at = AppTest.from_file(APP, default_timeout=60)
    return at


def test_an_added_article_is_written_to_the_folder_and_survives_a_new_session(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    at = _workspace_app(tmp_path, monkeypatch)
    at.run()
    _paste(at, "shopee.txt", PASTED)
    saved = list((tmp_path / "added").iterdir())
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == PASTED
    assert any("saved in the data folder as added/shopee" in s.value.replace("\\", "") for s in at.success)
    fresh = _workspace_app(tmp_path, monkeypatch)  # a reload: a new session reads the folder again
    fresh.run()
    assert "50 million downloads" in set(chart_rows(fresh).value_label)
    _paste(fresh, "copy.txt", PASTED)
    assert len(list((tmp_path / "added").iterdir())) == 1  # the same content twice: one copy
    assert any("already in the data folder" in s.value for s in fresh.success)


def test_a_shared_app_writes_only_for_the_editor(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    at = _workspace_app(tmp_path, monkeypatch, editing=None)
    at.secrets["editor_password"] = "s3cret"
    at.run()
    _paste(at, "shopee.txt", PASTED)
    assert not (tmp_path / "added").exists()  # a visitor without the password writes nothing ...
    assert "50 million downloads" in set(chart_rows(at).value_label)  # ... but sees their addition in their session
    at.text_input(key="editor_password_entered").set_value("s3cret").run()
    _paste(at, "other.txt", PASTED.replace("50 juta", "60 juta"))
    assert len(list((tmp_path / "added").iterdir())) == 1  # the editor's addition is written


def test_each_wrong_password_waits_longer_and_is_refused_alike(tmp_path, monkeypatch) -> None:
    import shutil

    from timeline import workspace

    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    waits: list[float] = []
    real_delay = workspace.wrong_password_delay

    def delay(failures: int) -> float:  # the wait the app would sleep, recorded and not slept
        waits.append(real_delay(failures))
        return 0.0
    monkeypatch.setattr(workspace, "wrong_password_delay", delay)
    at = _workspace_app(tmp_path, monkeypatch, editing=None)
    at.secrets["editor_password"] = "s3cret"
    at.run()
    notes = []
    for wrong in ("s3cre", "S3CRET", "s3cret "):
        at.text_input(key="editor_password_entered").set_value(wrong).run()
        notes.append(at.sidebar.caption[-1].value)
    assert len(set(notes)) == 1 and "enter the editor password" in notes[0].lower()
    assert len(waits) == 3 and waits[0] < waits[1] < waits[2]
    at.text_input(key="editor_password_entered").set_value("s3cret").run()
    assert len(waits) == 3 and "accepted" in at.sidebar.caption[-1].value  # the right one does not wait


def test_a_correction_is_kept_applied_and_marked(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    at = _workspace_app(tmp_path, monkeypatch)
    at.run()
    label = next(o for o in at.selectbox(key="correct_figure").options if o.startswith("99 juta"))
    at.selectbox(key="correct_figure").set_value(label)
    at.text_input(key="correct_value").set_value("92000000")
    at.text_input(key="correct_note").set_value("the outlet misread the report")
    at.button(key="FormSubmitter:correct-Save correction").click().run()
    assert not at.exception
    assert "92000000" in (tmp_path / "corrections.csv").read_text(encoding="utf-8")
    fresh = _workspace_app(tmp_path, monkeypatch)
    fresh.run()
    rows = chart_rows(fresh)
    corrected = rows[rows.correction == "corrected"]
    # 92 juta now agrees with the three other sources: one point of four sources, marked as corrected
    assert corrected.value.tolist() == [92.07e6] and corrected.sources.tolist() == [4]
    assert corrected.correction_note.tolist() == ["the outlet misread the report"]
    assert not (rows.disagreement != "").any()
    table = fresh.dataframe[0].value
    assert table[table.Correction == "corrected"].Sources.tolist() == [4]
    assert any("4 sources · corrected by an analyst" in c.value for c in fresh.caption)  # its card says so too


def test_a_broken_corrections_line_is_named_and_the_rest_still_shows(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(SAME_FACT, tmp_path, dirs_exist_ok=True)
    (tmp_path / "corrections.csv").write_text("article_id,start,end,raw,action,metric,value,date,subject,region,note,"
                                              "article,made\nabc,x,1,2,correct,,,,,,,,\n", encoding="utf-8")
    at = _workspace_app(tmp_path, monkeypatch)
    at.run()
    assert not at.exception
    assert any("corrections.csv line 2" in w.value.replace("\\", "") for w in at.warning)
    assert len(chart_rows(at)) == 3


@pytest.fixture
def page_server():
    """A local HTTP server with an article page and a redirect to the cloud metadata address (tests/test_fetch.py)."""
    import threading

    from test_fetch import _Handler, _Server

    httpd = _Server(("127.0.0.1", 0), type("Handler", (_Handler,), {"hosts": []}))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _add_url(at: AppTest, url: str) -> None:
    at.text_input(key="add_url").set_value(url)
    at.button(key="FormSubmitter:by_url-Fetch and add").click().run()
    assert not at.exception


def test_add_by_url_takes_the_untrusted_text_path(page_server: str, monkeypatch) -> None:
    monkeypatch.delenv("METRICS_TIMELINE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    _add_url(at, f"{page_server}/article")  # a private address, refused unless the operator allows it
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any(e.startswith(f"Not added: {page_server}/article: ") and "a loopback address; only public addresses"
               in e for e in errors), errors
    assert len(chart_rows(at)) == 10
    monkeypatch.setenv("METRICS_TIMELINE_ALLOW_PRIVATE_URLS", "1")
    _add_url(at, f"{page_server}/article")
    added = chart_rows(at)
    added = added[added.origin == "added"]
    assert "10 million users" in set(added.value_label)
    for path, reason in (("/image", "image/png"), ("/missing", "404"), ("/empty", "no article text")):
        _add_url(at, f"{page_server}{path}")
        assert any(reason in e.value.replace("\\", "") for e in at.error), (path, [e.value for e in at.error])
    monkeypatch.delenv("METRICS_TIMELINE_ALLOW_PRIVATE_URLS")
    _add_url(at, "file:///etc/passwd")
    assert any(e.value.replace("\\", "").startswith("Not added: file:///etc/passwd") for e in at.error)


def test_the_indonesian_interface_writes_labels_units_and_numbers_in_indonesian(monkeypatch) -> None:
    monkeypatch.setenv("METRICS_TIMELINE_DATA", str(SAME_FACT))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["ui"] = "Bahasa Indonesia"  # a copied link with the Indonesian interface: ?ui=Bahasa+Indonesia
    at.run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Linimasa", "Tabel", "Artikel", "Tambah artikel"]
    rows = chart_rows(at)
    assert "99,15 juta pengguna" in set(rows.value_label)  # CLDR's Indonesian: decimal comma, "juta"
    assert any(s.startswith("Instagram · Pengguna aktif bulanan") for s in rows.series)  # label_id
    assert any("angka pertama seri ini" in c.value or "sejak" in c.value for c in at.caption)
    at.radio(key="numbers").set_value("short").run()
    assert "99,15\xa0jt pengguna" in set(chart_rows(at).value_label)
    at.radio(key="ui").set_value("en").run()  # and back: English words and numbers
    assert at.tabs[0].label == "Timeline"
    assert "99.15M users" in set(chart_rows(at).value_label)
