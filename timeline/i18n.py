"""The interface in Indonesian beside English: labels, captions, units and numbers in the reader's language.

Most users are Indonesian analysts. The sidebar's *Interface* choice (``?ui=id`` in the URL, so a copied link
keeps it) sets the language of every label and caption here, of metric names (``label_id`` in
``metrics.toml``), of units ("pengguna", "video/hari") and of numbers (babel's CLDR compact formats:
"174,6 juta" / "174.6 million"; ``timeline.format``). English is the default.

Texts are keyed by their English wording, so ``dashboard.py`` reads as it shows; ``INDONESIAN`` holds each
translation, and ``tests/test_i18n.py`` fails when a text the dashboard shows has none. Placeholders are
``str.format`` fields: ``t("Showing {shown} of {all} series", "id", shown=12, all=80)``.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}

INDONESIAN: dict[str, str] = {
    # page and sidebar
    "Metrics timeline": "Linimasa metrik",
    "Dated figures from {count} articles in {where}": "Angka bertanggal dari {count} artikel di {where}",
    "Dated figures from {count} article in {where}": "Angka bertanggal dari {count} artikel di {where}",
    " and {count} added in this session": " dan {count} yang ditambahkan di sesi ini",
    ". Hover a point for its sentence, article and speaker.":
        ". Arahkan kursor ke titik untuk melihat kalimat, artikel, dan narasumbernya.",
    "Filters": "Filter",
    "Metric": "Metrik",
    "All metrics": "Semua metrik",
    "Dates": "Tanggal",
    "Subject": "Subjek",
    "Region": "Wilayah",
    "Article": "Artikel",
    "All ({count})": "Semua ({count})",
    "Display": "Tampilan",
    "Interface": "Bahasa antarmuka",
    "Rates": "Laju",
    "As written": "Seperti tertulis",
    "Per day": "Per hari",
    "Per month": "Per bulan",
    "Convert rates to one time unit, so figures per day and per month can be compared.":
        "Ubah laju ke satu satuan waktu, agar angka per hari dan per bulan bisa dibandingkan.",
    "Numbers": "Angka",
    "Log scale": "Skala log",
    "Show “Other” figures": "Tampilkan angka “Lainnya”",
    "Figures no rule classifies get no panel unless this is on; they are always in the table.":
        "Angka yang tidak tergolong metrik mana pun tidak mendapat panel kecuali ini aktif; angka itu selalu ada "
        "di tabel.",
    "Reset view": "Atur ulang tampilan",
    "Editing": "Penyuntingan",
    "Editor password": "Kata sandi penyunting",
    # tabs
    "Timeline": "Linimasa",
    "Table": "Tabel",
    "Articles": "Artikel",
    "Add articles": "Tambah artikel",
    # the timeline
    "No articles found in {where}. Put .txt or .html files there, or add some in **Add articles**.":
        "Tidak ada artikel di {where}. Taruh berkas .txt atau .html di sana, atau tambahkan di **Tambah artikel**.",
    "The articles hold no figures yet. Add articles in **Add articles**, or check them in **Articles**.":
        "Artikel-artikel ini belum memuat angka. Tambahkan artikel di **Tambah artikel**, atau periksa di "
        "**Artikel**.",
    "No figures match these filters. Widen the dates or clear a filter, or press **Reset view**.":
        "Tidak ada angka yang cocok dengan filter ini. Perlebar rentang tanggal, hapus filter, atau tekan **Atur "
        "ulang tampilan**.",
    "Showing {shown} of {all} series, chosen for reading: {how}. Choose subjects or metrics in the sidebar to see "
    "others.":
        "Menampilkan {shown} dari {all} seri, dipilih agar mudah dibaca: {how}. Pilih subjek atau metrik di bilah "
        "samping untuk melihat yang lain.",
    "levels before rates, then the series with the most periods and sources":
        "nilai sebelum laju, lalu seri dengan periode dan sumber terbanyak",
    "{count} “Other” figure(s) are in **Table**; switch on **Show “Other” figures** to chart them.":
        "{count} angka “Lainnya” ada di **Tabel**; aktifkan **Tampilkan angka “Lainnya”** untuk menggambarnya.",
    "{count} figure(s) have no date and are not on the timeline; they are in **Table**.":
        "{count} angka tidak bertanggal dan tidak ada di linimasa; angka itu ada di **Tabel**.",
    "{count} figure(s) carry a date no one could believe (before 1990, or after their article): not charted, "
    "marked in **Table** under *Date check*.":
        "{count} angka bertanggal mustahil (sebelum 1990, atau sesudah artikelnya): tidak digambar, ditandai di "
        "**Tabel** pada kolom *Cek tanggal*.",
    "Only “Other” figures match these filters: switch on **Show “Other” figures**, or see **Table**.":
        "Hanya angka “Lainnya” yang cocok dengan filter ini: aktifkan **Tampilkan angka “Lainnya”**, atau lihat "
        "**Tabel**.",
    "**Sources disagree** ({count} time(s): the same series and period, values that differ beyond rounding):":
        "**Sumber berbeda** ({count} kali: seri dan periode yang sama, nilai yang berbeda melebihi pembulatan):",
    "{series}, {period}: {value} ({sources}) vs {other} ({other_sources}), {difference} apart":
        "{series}, {period}: {value} ({sources}) lawan {other} ({other_sources}), selisih {difference}",
    "The rest are marked on the chart and listed in the table's Disagreement column.":
        "Sisanya ditandai di grafik dan dicantumkan di kolom Perbedaan pada tabel.",
    "{count} figures match; the chart shows the {shown} most recent. Narrow the metrics, dates or articles to see "
    "every point; the table and downloads hold all of them.":
        "{count} angka cocok; grafik menampilkan {shown} yang terbaru. Persempit metrik, tanggal, atau artikel "
        "untuk melihat semua titik; tabel dan unduhan memuat semuanya.",
    "Download chart (PNG)": "Unduh grafik (PNG)",
    "Download chart (SVG)": "Unduh grafik (SVG)",
    "The chart as shown, with its sources in the caption.": "Grafik seperti yang tampil, dengan sumbernya di keterangan.",
    # cards
    "Latest values of the {shown} most recently reported of {all} series.":
        "Nilai terbaru dari {shown} seri yang paling baru dilaporkan, dari {all} seri.",
    "{change} since {period}": "{change} sejak {period}",
    "first figure of this series": "angka pertama seri ini",
    "{count} sources": "{count} sumber",
    "{count} source": "{count} sumber",
    " · corrected by an analyst": " · dikoreksi analis",
    "From {sources}": "Dari {sources}",
    # the table and the articles
    "No figures match these filters.": "Tidak ada angka yang cocok dengan filter ini.",
    "Showing the first {shown} of {count} rows; the downloads hold all of them.":
        "Menampilkan {shown} baris pertama dari {count}; unduhan memuat semuanya.",
    "Download CSV": "Unduh CSV",
    "Download JSON": "Unduh JSON",
    "Every filtered row with the columns shown and their sources; safe to open in a spreadsheet.":
        "Semua baris yang tersaring dengan kolom yang tampil dan sumbernya; aman dibuka di lembar kerja.",
    "No articles yet.": "Belum ada artikel.",
    "Read an article": "Baca artikel",
    "No figures were found in this article.": "Tidak ada angka yang ditemukan di artikel ini.",
    # adding articles
    "Upload articles (.txt, .md or .html; up to {mb} MB each)":
        "Unggah artikel (.txt, .md, atau .html; maksimal {mb} MB per berkas)",
    "Name for the pasted article": "Nama artikel yang ditempel",
    "Or paste an article's text": "Atau tempel teks artikel",
    "Add pasted text": "Tambahkan teks yang ditempel",
    "Or add a page by its address": "Atau tambahkan halaman dari alamatnya",
    "Fetch and add": "Ambil dan tambahkan",
    "Remove added articles": "Hapus artikel yang ditambahkan",
    # corrections
    "Correct a figure": "Koreksi angka",
    "Save correction": "Simpan koreksi",
    # measures and the missing subject, in series labels and panels
    "growth": "pertumbuhan",
    "decline": "penurunan",
    "share": "porsi",
    "penetration": "penetrasi",
    "multiple": "kelipatan",
    "points": "poin",
    "(no subject)": "(tanpa subjek)",
    "Other": "Lainnya",
    # table columns and tooltip titles
    "Series": "Seri", "Figure": "Angka", "Value": "Nilai", "Value (upper end)": "Nilai (batas atas)", "Unit": "Satuan",
    "Per": "Per", "Per (as written)": "Per (seperti tertulis)", "Date": "Tanggal", "Grain": "Satuan waktu",
    "Period": "Periode", "Date is": "Kepastian tanggal", "Date from": "Tanggal dari", "Date check": "Cek tanggal",
    "Qualifier": "Keterangan", "Sentence": "Kalimat", "Speaker": "Narasumber",
    "Title": "Judul", "Outlet": "Media", "Published": "Terbit", "Origin": "Asal", "Correction": "Koreksi",
    "Correction note": "Catatan koreksi", "Sources": "Sumber", "Source articles": "Artikel sumber",
    "Disagreement": "Perbedaan", "Metric id": "Id metrik",
    "stated": "tertulis", "inferred": "disimpulkan", "none": "tidak ada",
}


def t(text: str, language: str = "en", **fields: object) -> str:
    """``text`` in ``language`` (its English wording when no translation is held), its fields filled in."""
    written = INDONESIAN.get(text, text) if language == "id" else text
    return written.format(**fields) if fields else written
