"""A realistic, deterministic corpus of Indonesian and English news articles for the benchmarks.

Not the seeds copied N times: articles are assembled from many outlets' dateline forms, figure sentences
(metrics, number shapes, rates, qualifiers, date phrases, speakers), filler sentences full of numbers that
are not figures (years, clock times, durations, codes), navigation lines and repeated paragraphs. The same
seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import random

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
MONTHS_ID_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
SUBJECTS = ["TikTok", "Tik Tok", "Shopee", "Tokopedia", "Gojek", "Instagram", "YouTube", "Bukalapak", "Grab",
            "Traveloka", "Lazada", "Kitabisa"]
PEOPLE = ["Angga Putra", "Dina Bhirawa", "Rudi Hartono", "Siti Nurhaliza", "Budi Santoso", "Maya Lestari"]
ROLES = ["Head of Marketing", "Direktur Utama", "juru bicara", "Country Manager", "VP Operasional"]
OUTLETS = ["detikInet", "Liputan6.com", "Kompas.com", "SINDOnews", "kumparanTECH", "CNN Indonesia", "Tempo.co"]

FIGURES_ID = [
    "pengguna aktif bulanan {s} di Indonesia sudah mencapai {n} juta",
    "pengguna hariannya mencapai {n} juta",
    "jumlah pengguna {s} {q}{n} juta",
    "video yang diunggah per hari mencapai {k}.000",
    "konten yang diunggah per bulan mencapai {n} juta video",
    "{s} mencatat {n} miliar penayangan per bulan",
    "aplikasi {s} sudah diunduh {n} juta kali",
    "nilai transaksi di {s} mencapai Rp {n} triliun {when}",
    "pendapatan {s} {when} naik menjadi Rp {n},{d} triliun",
    "donasi yang terkumpul lewat {s} mencapai Rp {n} miliar",
    "{s} kini memiliki {k}.{k2}00 karyawan",
    "{s} hadir di {n}0 negara",
    "jumlah kreator di {s} {q}{n} ribu",
    "penjual yang bergabung dengan {s} mencapai {n},{d} juta",
    "pangsa pasar {s} mencapai {n},{d} persen {when}",
    "pertumbuhan pengguna {s} sekitar {n} persen per tahun",
    "pendanaan yang diraih {s} mencapai US$ {n}0 juta",
    "transaksi hariannya sekitar {n} juta",
    "puluhan juta pengguna memakai {s} setiap hari",
]
FIGURES_EN = [
    "{s} now has more than {n} million monthly active users",
    "users upload {k},000 videos to {s} every day",
    "{s} raised ${n}0 million in new funding {when_en}",
    "revenue at {s} reached ${n}.{d} billion {when_en}",
    "{s} employs about {k},{k2}00 people",
]
WHEN_ID = ["sepanjang 2020", "pada kuartal I/2022", "pada semester pertama 2021", "tahun lalu", "pada April 2023",
           "hingga akhir September 2024", "pada 2019", "bulan lalu", ""]
WHEN_EN = ["in 2021", "in the first quarter of 2022", "last year", "in March 2023", ""]
QUALIFIERS = ["", "", "lebih dari ", "hampir ", "sekitar ", "menembus "]
FILLER_ID = [
    "Perusahaan itu mulai beroperasi di Indonesia sejak 2018 dan kini berkantor di Jakarta Selatan.",
    "Acara peluncuran digelar pukul 10.00 WIB di Jakarta dan dihadiri sejumlah mitra.",
    "Selama pandemi COVID-19, kebiasaan warganet berubah dan banyak aktivitas pindah ke platform digital.",
    "Ia mengatakan ada banyak hal yang bisa dilakukan dalam 15 detik untuk menarik perhatian penonton.",
    "Aturan itu merujuk pada UU No. 11 Tahun 2020 tentang Cipta Kerja yang mengatur banyak sektor.",
    "Jaringan 5G disebut akan mempercepat adopsi layanan video di kota-kota besar.",
    "Menurut dia, kreator lokal perlu terus belajar agar kontennya relevan bagi audiens muda.",
    "Pihaknya juga menggandeng pemerintah daerah untuk program literasi digital bagi pelajar.",
    "Kalau aku punya seribu atau 2 ribu follower, belum tentu semuanya melihat konten itu.",
    "Program ini sudah berjalan selama 3 tahun dan akan dievaluasi pada akhir tahun.",
    "Tim kami bekerja dari kantor di lantai 12 gedung itu, yang dibuka pada 2019.",
    "Persaingan di pasar aplikasi video pendek semakin ketat dengan masuknya pemain baru.",
    "Para pengamat menilai strategi itu cukup berani di tengah ketidakpastian ekonomi global.",
    "Hubungi layanan pelanggan di (021) 555-1234 untuk informasi lebih lanjut.",
    "Dia menjadi juara ke-4 dalam kompetisi kreator yang digelar tahun lalu.",
    "Sebagian besar penggunanya adalah remaja dan anak muda di kota-kota besar.",
]
FILLER_EN = [
    "The company started operating in Indonesia in 2018 and has an office in South Jakarta.",
    "The launch event was held at 10 a.m. in Jakarta and attended by partners.",
    "During the COVID-19 pandemic, many activities moved to digital platforms.",
    "Analysts said the strategy was bold given the uncertainty in the global economy.",
]
NAVIGATION = ["Baca juga: {s} Siapkan Fitur Baru untuk Kreator", "(Baca juga: Cerita Kreator Setelah Terpisah 20 Tahun )",
              "Lihat Juga: Kreator {s} Menangkan Puluhan Juta Rupiah", "Simak Video \"Pensiun Main {s}\"",
              "[Gambas:Video 20detik]"]


def _dateline(rng: random.Random, style: int, title: str, year: int, month: int, day: int) -> tuple[str, str]:
    """(head, tail) around the body, in one outlet's style."""
    hour, minute = rng.randrange(24), rng.randrange(60)
    weekday = WEEKDAYS_ID[(day + month + year) % 7]
    author = rng.choice(PEOPLE)
    if style == 0:
        return (f"{weekday}, {day:02d} {MONTHS_ID_SHORT[month - 1]} {year} {hour:02d}:{minute:02d} WIB\n\n{title}\n\n"
                f"{author} - detikInet\n", "\n(ask/fyk)\n")
    if style == 1:
        apostrophe = "Jum'at" if weekday == "Jumat" else weekday
        return f"{title}\n{apostrophe}, {day} {MONTHS_ID[month - 1]} {year} - {hour:02d}:{minute:02d} WIB\n", "\n(msd)\n"
    if style == 2:
        stamp = f"{day} {MONTHS_ID_SHORT[month - 1]} {year}, {hour:02d}:{minute:02d} WIB"
        return f"{title}\n\noleh {author} diperbarui {stamp}\nDiterbitkan {stamp}\n\n", "\n(Dam/Jek)\n"
    if style == 3:
        return f"{title}\nKompas.com - {day:02d}/{month:02d}/{year}, {hour:02d}:{minute:02d} WIB\n\n", "\n"
    return f"Technology Trends\n\n{title}\n\n", f"\n\nEditor : {author}\n\n© 2023-2024 Media Inc.\n"


def _sentence(rng: random.Random, template: str, subject: str) -> str:
    values = {"s": subject, "n": rng.randrange(2, 99), "k": rng.randrange(10, 999), "k2": rng.randrange(1, 9),
              "d": rng.randrange(1, 9), "q": rng.choice(QUALIFIERS), "when": rng.choice(WHEN_ID),
              "when_en": rng.choice(WHEN_EN)}
    text = template.format(**values).replace("  ", " ").strip()
    return text[0].upper() + text[1:] + "."


def _quoted(rng: random.Random, sentence: str) -> str:
    person = rng.choice(PEOPLE)
    if rng.random() < 0.5:
        return f"\"{sentence[:-1]},\" ujar {person}, {rng.choice(ROLES)} perusahaan itu."
    return f"Menurut {rng.choice(ROLES)} {person}, {sentence[0].lower()}{sentence[1:]}"


def make_article(rng: random.Random, index: int) -> tuple[str, str]:
    english = rng.random() < 0.15
    subject = rng.choice(SUBJECTS)
    year, month, day = rng.randrange(2018, 2025), rng.randrange(1, 13), rng.randrange(1, 29)
    if english:
        title = f"{subject} Reports Strong Growth in Indonesia"
        head = f"{title}\nPublished {MONTHS_EN[month - 1]} {day}, {year}\n\n"
        tail = "\n"
        templates, filler = FIGURES_EN, FILLER_EN
    else:
        title = f"{subject} Catat Pertumbuhan Pengguna di Indonesia"
        head, tail = _dateline(rng, rng.randrange(5), title, year, month, day)
        templates, filler = FIGURES_ID, FILLER_ID
    paragraphs = []
    for _ in range(rng.randrange(6, 12)):
        sentences = [rng.choice(filler) for _ in range(rng.randrange(2, 5))]
        if rng.random() < 0.45:
            figure = _sentence(rng, rng.choice(templates), subject)
            sentences.insert(rng.randrange(len(sentences) + 1), _quoted(rng, figure) if rng.random() < 0.4 else figure)
        paragraphs.append(" ".join(sentences))
        if not english and rng.random() < 0.12:
            paragraphs.append(rng.choice(NAVIGATION).format(s=subject))
    if rng.random() < 0.1:
        paragraphs += paragraphs[: len(paragraphs) // 2]  # a scraper that printed the article twice
    outlet = rng.choice(OUTLETS)
    return f"{index:06d}_{outlet.split('.')[0].lower().replace(' ', '')}.txt", head + "\n\n".join(paragraphs) + tail


def make_corpus(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` articles as (file name, text); the same seed gives the same corpus."""
    rng = random.Random(seed)
    return [make_article(rng, index) for index in range(count)]
