"""Indonesian and English number grammar: numerals, scale words and number words.

No library reads Indonesian numbers (quantulum3 reads "174,6 juta" as 174 and
6, number-parser refuses ``id``), so this module is written by hand. It only
turns what it is given into a value; finding numbers in text is
:mod:`extract.figures`' job.
"""

from __future__ import annotations

import math
import re

from extract.lexicon import Language, load_language

_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*|[.,]\d+")
# Digits grouped by threes with the other language's mark: a writer's habit from the other language ("Latin
# America brought in around 300.000" in English, "1,200,000 pengguna" in Indonesian). Read as groups when the
# number cannot be a decimal as written: two or more groups, or one group ending in "00" (no one writes 300.000
# for 300, nor 1,500 for 1.5); "1.125" and "1,5" keep their own language's reading.
_FOREIGN_GROUPS = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")


def parse_numeral(numeral: str, language: Language, *, scaled: bool = False) -> float | None:
    """The value of digits written with the language's marks, or None when the shape is not a number.

    "100.000" is 100000 in Indonesian and, being a round number of thousands, in English too (``_FOREIGN_GROUPS``);
    "174,6" is a decimal in Indonesian and "174.6" in English.
    A group mark must be followed by exactly three digits ("1.2.3.4" is not a
    number). Indonesian writers sometimes put a dot for a decimal before a
    scale word ("1.5 juta"), so a dot followed by one or two digits is read as
    a decimal when a scale word follows (``scaled``), and rejected otherwise
    (it is then a clock time such as "pukul 22.22").
    """
    if numeral.isdigit() and numeral.isascii():  # most numerals in news are plain digits: "15", "2019"
        return float(numeral) if len(numeral) <= 300 else None
    if not _NUMERAL.fullmatch(numeral):
        return None
    group, decimal = language.group_mark, language.decimal_mark
    foreign = _FOREIGN_GROUPS.fullmatch(numeral)
    if not scaled and foreign and foreign[1] == decimal and (numeral.count(decimal) > 1 or numeral.endswith("00")):
        group, decimal = decimal, group  # "300.000" or "1.200.000" in English, "1,200,000" in Indonesian
    whole, _, fraction = numeral.partition(decimal)
    if decimal in fraction or (group in fraction):
        return None
    groups = whole.split(group)
    if len(groups) > 1 and (not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        if scaled and len(groups) == 2 and 1 <= len(groups[1]) <= 2 and not fraction:
            return float(f"{groups[0]}.{groups[1]}")
        return None
    digits = "".join(groups) or "0"
    if len(digits) > 300:
        return None
    value = float(f"{digits}.{fraction}" if fraction else digits)
    return value if math.isfinite(value) else None


def parse_number_words(words: list[str], language: Language) -> tuple[float, bool] | None:
    """The value of a run of number words and whether it is vague ("puluhan juta").

    Follows the Indonesian grammar of Duckling's rules, extended with what news
    needs: "tujuh ratus dua puluh satu ribu dua belas" = 721012, "satu setengah
    juta" = 1.5e6, "puluhan juta" = 1e7 (a lower bound, so vague). Returns
    None when the words do not form a number.
    """
    total = 0.0
    current = 0.0
    last_unit = 0.0
    vague = False
    seen = False
    for raw in words:
        word = raw.lower()
        scale = language.scale_value(word, money=False) if len(word) > 1 else None
        if word in language.word_values:
            number = language.word_values[word]
            current += number
            last_unit = number
        elif word in language.word_multipliers:
            multiplier = language.word_multipliers[word]
            if not last_unit:
                return None
            if word == "belas":
                current += multiplier
            else:
                current += last_unit * (multiplier - 1)
            last_unit = 0.0
        elif word in language.word_scale_prefixed:
            total += current + language.word_scale_prefixed[word]
            current = 0.0
            last_unit = 0.0
        elif word in language.word_vague:
            vague = True
            current = (current or 1) * language.word_vague[word]
            last_unit = 0.0
        elif scale is not None and scale >= 1000:
            if not current:
                return None  # "juta" alone, "juta juta": a scale word needs a number before it
            total += current * scale
            current = 0.0
            last_unit = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current, vague


def parse_amount(text: str, language_code: str = "id") -> float | None:
    """The value of a short written amount such as "174,6 juta", "10jt" or "dua ratus ribu".

    A convenience over :func:`parse_numeral` and :func:`parse_number_words` for
    one number and an optional scale word; used by the corpus tests and the
    CLI's ``number`` command. Currency and percent signs are not its concern.
    """
    language = load_language(language_code)
    match = re.fullmatch(r"\s*(-)?\s*(\d[\d.,]*|[.,]\d+)\s*([^\W\d]+\.?)?\s*", text)
    if match:
        sign, numeral, scale_word = match.groups()
        multiplier = 1.0
        if scale_word:
            found = language.scale_value(scale_word.rstrip("."), money=False)
            if found is None:
                return None
            multiplier = found
        value = parse_numeral(numeral, language, scaled=bool(scale_word))
        if value is None:
            return None
        return (-1 if sign else 1) * value * multiplier
    parsed = parse_number_words(text.split(), language)
    return parsed[0] if parsed else None


def written_precision(value: float, multiplier: float = 1.0) -> float:
    """The unit of a figure's last written digit: "196,7 juta" → 100000, "200 juta" → 1000000, "20%" → 1.

    Trailing zeros written before a scale word count ("200 juta" is given to the million), so "20%" and "24%"
    are two values, while "221 juta" and "221.563.479" may be one fact rounded (``extract.series``).
    """
    mantissa = abs(value / multiplier) if multiplier else abs(value)
    written = repr(round(mantissa, 6))
    decimals = 0 if written.endswith(".0") or "." not in written or "e" in written else len(written.split(".")[1])
    return float(f"1e{-decimals}") * multiplier if decimals else float(multiplier or 1.0)


def times_scale(value: float, multiplier: float) -> float:
    """A written number times its scale, as the decimal it is: "16,1 triliun" is 16100000000000, where 16.1 * 1e12
    in binary floating point is 16100000000000.002."""
    exponent = round(math.log10(multiplier)) if multiplier > 0 else 0
    return float(f"{value!r}e{exponent}") if 10.0 ** exponent == multiplier else value * multiplier
