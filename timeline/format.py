"""Readable numbers for people: "10 juta pengguna", "Rp 124 juta", "100 ribu video/hari" or "10M users".

Vega's "~s" format prints 30e9 as "30G", which no analyst reads as thirty
billion, so labels are computed here instead.
"""

from __future__ import annotations

import math

_SCALES = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")),
    "en": ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")),
}
_UNITS_ID = {"users": "pengguna", "videos": "video", "views": "tayangan", "countries": "negara",
             "languages": "bahasa", "offices": "kantor", "employees": "karyawan", "downloads": "unduhan",
             "creators": "kreator", "sellers": "penjual", "transactions": "transaksi", "followers": "pengikut",
             "people": "orang", "campaigns": "kampanye", "channels": "kanal", "cities": "kota", "donors": "donatur",
             "drivers": "pengemudi", "minutes": "menit", "orders": "pesanan", "partners": "mitra",
             "subscribers": "pelanggan", "times": "kali", "percentage_points": "poin persentase"}
PER_WORDS = {"id": {"day": "hari", "week": "minggu", "month": "bulan", "quarter": "kuartal", "year": "tahun"},
             "en": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}}
_CURRENCY_PREFIX = {"IDR": "Rp ", "USD": "US$ ", "EUR": "€ ", "SGD": "S$ ", "GBP": "£ ", "JPY": "¥ "}
_QUALIFIERS = {"id": {"approx": "sekitar ", "more_than": "lebih dari ", "at_least": "sedikitnya ",
                      "less_than": "kurang dari ", "up_to": "hingga "},
               "en": {"approx": "about ", "more_than": "more than ", "at_least": "at least ",
                      "less_than": "less than ", "up_to": "up to "}}


def readable_number(value: float, style: str = "id") -> str:
    """174600000 → "174,6 juta" (id) or "174.6M" (en); small numbers keep their digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    for size, word in _SCALES[style]:
        if magnitude >= size:
            number = _trim(magnitude / size, style)
            return f"{sign}{number} {word}" if style == "id" else f"{sign}{number}{word}"
    return sign + _trim(magnitude, style)


def _trim(number: float, style: str) -> str:
    text = f"{number:,.2f}".rstrip("0").rstrip(".") if number < 1000 else f"{number:,.0f}"
    if style == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def unit_label(unit: str, per: str, style: str = "id") -> str:
    """"videos", "day" → "video/hari" (id) or "videos/day" (en); currencies and percent are written on the number."""
    written_on_number = unit in _CURRENCY_PREFIX or unit == "percent"
    word = "" if written_on_number else (_UNITS_ID.get(unit, unit) if style == "id" else unit).replace("_", " ")
    per_word = PER_WORDS[style].get(per, "")
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
    return _QUALIFIERS[style].get(qualifier, "") + label


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&="


def escape_markdown(text: str) -> str:
    """Text from an article or an upload, made safe for Streamlit's Markdown: every special character is
    backslash-escaped, so "[x](javascript:...)" or "**" shows as typed and never becomes a link or markup."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in str(text))
