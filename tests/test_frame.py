"""Batch extraction through the Python API: every input gets a status, nothing is dropped silently."""

from __future__ import annotations

from pathlib import Path

from extract import extract_articles, extract_text

SEEDS = Path(__file__).parent.parent / "seeds"


def test_mixed_inputs_each_get_a_status(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "nofigures.txt").write_text("Senin, 17 Des 2018 20:26 WIB\n\nJudul Tanpa Angka Sama Sekali\n\n"
                                            "Isi berita ini tidak memuat angka apa pun.", encoding="utf-8")
    (tmp_path / "nodate.txt").write_text("Judul Berita Tanpa Tanggal\n\nPengguna aplikasi itu mencapai 10 juta.",
                                         encoding="utf-8")
    sources = [SEEDS / "000_2cffdb298a2ed0f2.txt", tmp_path / "blank.txt", tmp_path / "nofigures.txt",
               tmp_path / "nodate.txt", ("upload.txt", b"")]
    result = extract_articles(sources)
    status = dict(zip(result.status.article, result.status.status, strict=True))
    assert status == {"000_2cffdb298a2ed0f2.txt": "ok", "blank.txt": "unreadable", "nofigures.txt": "no figures",
                      "nodate.txt": "no date", "upload.txt": "unreadable"}
    assert not result.ok
    undated = result.figures[result.figures.article == "nodate.txt"]
    assert len(undated) == 1 and undated.date.isna().all()  # kept, not dropped, though it cannot be placed in time
    reasons = dict(zip(result.status.article, result.status.reason, strict=True))
    assert reasons["upload.txt"] == "empty file"


def test_pasted_text() -> None:
    result = extract_text("Kamis, 19 Des 2019 21:20 WIB\n\nJudul Berita Yang Panjang\n\n"
                          "Aplikasi itu sudah diunduh 50 juta kali di Indonesia.", name="tempel")
    assert result.ok
    row = result.figures.iloc[0]
    assert (row.article, row.metric, row.value, str(row.date.date())) == ("tempel", "downloads", 50e6, "2019-12-19")


def test_parallel_jobs_give_the_same_frame() -> None:
    single = extract_articles([SEEDS]).figures
    parallel = extract_articles([SEEDS], jobs=2).figures
    assert single.equals(parallel)


def test_a_folders_readme_is_documentation_not_an_article(tmp_path) -> None:
    from extract.frame import article_files

    (tmp_path / "README.md").write_text("# The corpus\n\nPengguna mencapai 10 juta.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Pengguna mencapai 10 juta.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Pengguna mencapai 10 juta.", encoding="utf-8")
    assert [p.name for p in article_files(tmp_path)] == ["a.txt"]
    assert len(extract_articles([tmp_path / "README.md"]).status) == 1  # named on its own, it is read
