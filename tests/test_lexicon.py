"""The data files are validated when loaded: a mistake names its file and key."""

from __future__ import annotations

import tomllib

import pytest

from extract.lexicon import DATA_DIR, LexiconError, load_language, parse_language
from extract.vocabulary import load_entities, load_metrics, parse_metrics


def _data(name: str) -> dict:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def test_shipped_files_load() -> None:
    assert load_language("id").decimal_mark == ","
    assert load_language("en").decimal_mark == "."
    ids = {m.id for m in load_metrics()}
    required = {"monthly_active_users", "daily_active_users", "users", "internet_users", "videos_uploaded",
                "video_views", "downloads", "creators", "sellers", "transactions", "transaction_value", "revenue",
                "funds_raised", "countries", "languages", "offices", "employees"}
    assert required <= ids
    assert any(s.name == "TikTok" for s in load_entities().subjects)


def test_unknown_key_is_reported_with_its_file() -> None:
    data = _data("metrics.toml")
    data["metric"][0]["cue"] = ["typo for cues"]
    with pytest.raises(LexiconError, match=r"metrics.toml \[\[metric\]\] #1: unknown key\(s\) cue"):
        parse_metrics(data, "metrics.toml")


@pytest.mark.parametrize(("change", "message"), [
    ({"kind": "amount"}, "kind"),
    ({"per": "fortnight"}, "per"),
    ({"id": "Monthly Users"}, "snake_case"),
    ({"cues": ["(unclosed"]}, "invalid regular expression"),
    ({"cues": "not a list"}, "must be a list"),
    ({"cues": [], "nouns": []}, "nothing would match"),
    ({"broader": "hearers"}, "broader 'hearers' names no other metric"),
    ({"beyond_people": "hearers"}, "beyond_people 'hearers' names no other metric"),
    ({"broader": "monthly_active_users"}, "names no other metric"),
])
def test_bad_metric_values_are_refused(change: dict, message: str) -> None:
    data = _data("metrics.toml")
    data["metric"][0].update(change)
    with pytest.raises(LexiconError, match=message):
        parse_metrics(data, "metrics.toml")


def test_duplicate_metric_id_is_refused() -> None:
    data = _data("metrics.toml")
    data["metric"].append(dict(data["metric"][0]))
    with pytest.raises(LexiconError, match="used twice"):
        parse_metrics(data, "metrics.toml")


@pytest.mark.parametrize(("key", "value", "message"), [
    ("decimal_mark", ".", "decimal_mark"),
    ("language", "fr", "must be one of"),
    ("percent", [], "must not be empty"),
    ("skip_line_patterns", ["[unclosed"], "invalid regular expression"),
])
def test_bad_language_values_are_refused(key: str, value: object, message: str) -> None:
    data = _data("id.toml")
    data[key] = value
    with pytest.raises(LexiconError, match=message):
        parse_language(data, "id.toml")


@pytest.mark.parametrize(("key", "value", "message"), [
    ("holiday_months", {"natal": 13}, "month numbers 1-12"),
    ("year_closers", ["survey", ""], "non-empty strings"),
])
def test_bad_date_words_are_refused(key: str, value: object, message: str) -> None:
    data = _data("en.toml")
    data["dates"][key] = value
    with pytest.raises(LexiconError, match=message):
        parse_language(data, "en.toml")


def test_a_new_metric_is_a_data_edit(tmp_path) -> None:
    data = _data("metrics.toml")
    data["metric"].append({"id": "podcast_listeners", "label_en": "Podcast listeners", "label_id": "Pendengar podcast",
                           "unit": "listeners", "kind": "count", "per": "", "nouns": ["pendengar"], "cues": []})
    metrics = parse_metrics(data, "metrics.toml")
    listeners = next(m for m in metrics if m.id == "podcast_listeners")
    assert listeners.noun_pattern.search("5 juta pendengar")


def test_case_sensitive_entities_match_only_as_written() -> None:
    from extract.vocabulary import load_entities

    entities = load_entities()
    assert [m.group() for m in entities.subject_pattern.finditer("DANA menghimpun dana dari investor")] == ["DANA"]
    assert [m.group() for m in entities.subject_pattern.finditer("Sea Limited near the sea")] == ["Sea Limited"]


def test_countries_come_from_cldr_in_both_languages_less_the_excluded() -> None:
    from extract.vocabulary import entity_name, load_entities

    entities = load_entities()
    names = {entity.name for entity in entities.regions}
    assert {"Vietnam", "Philippines", "South Korea", "Brazil", "Hong Kong"} <= names
    assert entity_name(entities, "region", "Filipina") == "Philippines"
    assert "Jordan" not in names and "Chad" not in names  # excluded: names and words in news text
    assert entity_name(entities, "region", "Tiongkok") == "China"  # the written entry wins over CLDR's


def test_trie_pattern_matches_what_the_plain_alternation_matches() -> None:
    """The trie form of the entity alternation matches the same whole words as "longest first" alternation."""
    import re

    from extract.vocabulary import trie_pattern

    aliases = ["Asia", "Asia Tenggara", "Asia Pasifik", "Tik Tok", "TikTok Shop", "India", "Indonesia", "In"]
    trie = re.compile(rf"(?<![\w])(?:{trie_pattern(aliases)})(?![\w])", re.I)
    plain = re.compile(r"(?<![\w])(?:" + "|".join(r"\s?".join(map(re.escape, a.split()))
                                                   for a in sorted(aliases, key=len, reverse=True)) + r")(?![\w])", re.I)
    text = "Asia Tenggara, asia, Asia Pasifik, Tiktok, TikTok Shop, TikTokShop, India, Indonesia, In, Indo, Asian"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # a space any alias allows is allowed on their shared path, so the longer alias is never shadowed by a
    # shorter one that matched first ("Tik Tok" must not cut "Tik Tok Shop" short: it was TikTok, not TikTok Shop)
    assert [m.group() for m in trie.finditer("Tik Tok Shop GMV, TikTok Shop GMV, Tik Tok users")] == \
        ["Tik Tok Shop", "TikTok Shop", "Tik Tok"]
