"""Readable numbers for people: "10 juta pengguna", "Rp 124 juta", "100 ribu video/hari", "174.6 million users".

Numbers are written through babel's CLDR compact formats (``format_compact_decimal``), in the interface's
language and length: ``style`` is "id" ("174,6 juta"), "id-short" ("174,6 jt"), "en" ("174.6 million") or
"en-short" ("174.6M"). CLDR knows how each language writes thousands and millions; a hand-written scale table
wrote "829,2 juta" in the English interface. Vega's "~s" format prints 30e9 as "30G", which no analyst reads as
thirty billion, so labels are computed here rather than in the chart.
"""

from __future__ import annotations

import math
from functools import cache

from babel.numbers import format_compact_decimal, format_decimal

STYLES = ("id", "id-short", "en", "en-short")
FRACTION_DIGITS = 2  # "1,25 miliar", "174,6 juta": up to two decimals, trailing zeros dropped
_UNITS_ID = {"users": "pengguna", "videos": "video", "views": "tayangan", "countries": "negara",
             "languages": "bahasa", "offices": "kantor", "employees": "karyawan", "downloads": "unduhan",
             "creators": "kreator", "sellers": "penjual", "transactions": "transaksi", "followers": "pengikut",
             "people": "orang", "campaigns": "kampanye", "channels": "kanal", "cities": "kota", "donors": "donatur",
             "drivers": "pengemudi", "minutes": "menit", "orders": "pesanan", "partners": "mitra",
             "subscribers": "pelanggan", "times": "kali", "percentage_points": "poin persentase", "units": "unit",
             "accounts": "akun", "merchants": "merchant", "households": "rumah tangga", "parcels": "paket",
             "games": "gim", "borrowers": "peminjam", "lenders": "pemberi pinjaman", "viewers": "penonton",
             "customers": "nasabah", "players": "pemain", "hours": "jam", "messages": "pesan", "streams": "pemutaran",
             "beneficiaries": "penerima manfaat", "companies": "perusahaan", "listeners": "pendengar"}
PER_WORDS = {"id": {"day": "hari", "week": "minggu", "month": "bulan", "quarter": "kuartal", "year": "tahun"},
             "en": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}}
_CURRENCY_PREFIX = {"IDR": "Rp ", "USD": "US$ ", "EUR": "€ ", "SGD": "S$ ", "GBP": "£ ", "JPY": "¥ "}
_QUALIFIERS = {"id": {"approx": "sekitar ", "more_than": "lebih dari ", "at_least": "sedikitnya ",
                      "less_than": "kurang dari ", "up_to": "hingga "},
               "en": {"approx": "about ", "more_than": "more than ", "at_least": "at least ",
                      "less_than": "less than ", "up_to": "up to "}}


def language_of(style: str) -> str:
    """ "id-short" → "id": the language of a number style, for its unit words."""
    return style.split("-")[0] if style.split("-")[0] in PER_WORDS else "id"


def readable_number(value: float, style: str = "id") -> str:
    """174600000 → "174,6 juta" (id), "174,6 jt" (id-short), "174.6 million" (en), "174.6M" (en-short); below
    a thousand the digits as they are ("15,5", "150")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    locale, length = _locale(style)
    if abs(value) < 1000:
        return format_decimal(round(value, FRACTION_DIGITS), locale=locale)
    return format_compact_decimal(value, format_type=length, locale=locale, fraction_digits=FRACTION_DIGITS)


@cache
def _locale(style: str) -> tuple[str, str]:
    language = language_of(style)
    return language, "short" if style.endswith("-short") else "long"


def unit_label(unit: str, per: str, style: str = "id") -> str:
    """"videos", "day" → "video/hari" (id) or "videos/day" (en); currencies and percent are written on the number."""
    written_on_number = unit in _CURRENCY_PREFIX or unit == "percent"
    language = language_of(style)
    word = "" if written_on_number else (_UNITS_ID.get(unit, unit) if language == "id" else unit).replace("_", " ")
    per_word = PER_WORDS[language].get(per, "")
    if per_word:
        return f"{word}/{per_word}" if word else f"/{per_word}"
    return word


def amount_label(value: float, unit: str, value_max: float | None = None, style: str = "id") -> str:
    """The number with its currency or percent sign but no unit word: "Rp 124 juta", "174,6 juta", "15%"."""
    number = readable_number(value, style)
    if value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max)):
        number = f"{number} – {readable_number(value_max, style)}"
    suffix = "%" if unit == "percent" else ""
    return f"{_CURRENCY_PREFIX.get(unit, '')}{number}{suffix}"


def figure_label(value: float, unit: str, per: str, qualifier: str = "", value_max: float | None = None,
                 style: str = "id") -> str:
    """The label a point carries: "100 ribu video/hari", "Rp 124 juta", "lebih dari 10 juta pengguna"."""
    label = amount_label(value, unit, value_max, style)
    words = unit_label(unit, per, style)
    if words:
        label = f"{label}{words}" if words.startswith("/") else f"{label} {words}"
    return _QUALIFIERS[language_of(style)].get(qualifier, "") + label


def period_label(period: str) -> str:
    """A period as an analyst writes it: "2019-Q2" → "2019 Q2", "2020-H1" → "2020 H1"; others as they are."""
    year, _, part = period.partition("-")
    return f"{year} {part}" if part[:1] in ("Q", "H") else period


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&="


def escape_markdown(text: str) -> str:
    """Text from an article or an upload, made safe for Streamlit's Markdown: every special character is
    backslash-escaped, so "[x](javascript:...)" or "**" shows as typed and never becomes a link or markup."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in str(text))
