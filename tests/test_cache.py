"""The per-user data cache: built once, reused, rebuilt when the source changes, never fatal."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyphen
import pytest

from ivpcheck.text.cache import KEEP, cache_dir, cached_data, cached_object
from ivpcheck.text.hyphenator import break_count, dutch_hyphenator


@pytest.fixture()
def cache_env(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("IVPCHECK_CACHE_DIR", str(directory))
    return directory


def test_built_once_then_read_from_the_cache(cache_env, tmp_path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("a=b\n", encoding="utf-8")
    calls = []

    def build() -> dict[str, str]:
        calls.append(1)
        return dict(line.split("=") for line in source.read_text(encoding="utf-8").split())

    assert cached_data("table", source, build) == {"a": "b"}
    assert cached_data("table", source, build) == {"a": "b"}
    assert len(calls) == 1 and cache_dir() == cache_env and len(list(cache_env.iterdir())) == 1

    source.write_text("a=c\nd=e\n", encoding="utf-8")  # a new package version: new size and mtime
    assert cached_data("table", source, build) == {"a": "c", "d": "e"}
    assert len(calls) == 2


def test_the_cache_keeps_the_most_recently_used_entries_of_each_kind(cache_env, tmp_path) -> None:
    """Every edit of a rule file makes a new rule-pack entry: of one kind only the KEEP most recently used
    stay, an entry read again counts as used, and other kinds are left alone."""
    import time

    source = tmp_path / "table.txt"
    source.write_text("a=b\n", encoding="utf-8")
    cached_data("table", source, lambda: {"a": "b"})
    first = cached_object("pack", "version 0", lambda: 0, lambda value: True)
    for version in range(1, KEEP + 5):
        if version == KEEP:  # the first pack is used again before the later edits
            time.sleep(0.01)
            assert cached_object("pack", "version 0", lambda: -1, lambda value: True) == first
        time.sleep(0.01)
        assert cached_object("pack", f"version {version}", lambda v=version: v, lambda value: True) == version
    assert len(list(cache_env.glob("pack-*.pickle"))) == KEEP
    assert len(list(cache_env.glob("table-*.marshal"))) == 1  # another kind: left alone
    assert cached_object("pack", "version 0", lambda: -1, lambda value: True) == first  # kept: not rebuilt
    assert cached_object("pack", "version 1", lambda: -1, lambda value: True) == -1  # removed: rebuilt


def test_a_corrupt_or_unwritable_cache_only_costs_speed(cache_env, tmp_path, monkeypatch) -> None:
    source = tmp_path / "table.txt"
    source.write_text("x", encoding="utf-8")
    assert cached_data("t", source, lambda: [1, 2]) == [1, 2]
    (entry,) = cache_env.iterdir()
    entry.write_bytes(b"\x00garbage")
    assert cached_data("t", source, lambda: [3]) == [3]

    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("IVPCHECK_CACHE_DIR", str(blocked / "sub"))
    assert cached_data("t", source, lambda: [4]) == [4]


def test_cached_hyphenation_equals_pyphen(cache_env) -> None:
    words = ["veiligheidsgevoel", "woninginbraken", "ondermijning", "jeugdoverlast", "burgemeester", "RIEC"]
    expected = [pyphen.Pyphen(lang="nl_NL", cache=False).positions(w) for w in words]
    code = (
        "import sys; from ivpcheck.text.hyphenator import dutch_hyphenator as h; "
        f"print([h().positions(w) for w in {words!r}])"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in (1, 2)
    ]
    assert [r.stdout.strip() for r in runs] == [str(expected)] * 2  # first run builds, second reads
    assert any(p.name.startswith("nl-hyphenation-") for p in cache_env.iterdir())
    assert [dutch_hyphenator().positions(w) for w in words] == expected


def test_break_count_equals_the_number_of_pyphen_positions() -> None:
    """Every word of the corpus sources, as written and lower-cased, at both margins in use."""
    sources = Path(__file__).resolve().parent.parent / "corpus" / "sources"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(sources.glob("*.md")))
    words = sorted({w for w in re.findall(r"[^\W\d_]+", text)} | {"İstanbul", "ĳsselmeer", "x"})
    assert len(words) > 5000
    for left, right in ((1, 1), (2, 2)):
        hyphenator = pyphen.Pyphen(lang="nl_NL", left=left, right=right, cache=False)
        expected = [len(hyphenator.positions(w)) for w in words]
        assert [break_count(w, left, right) for w in words] == expected


def test_lemmas_come_from_the_cached_sqlite_file_and_survive_a_corrupt_one(cache_env) -> None:
    code = (
        "from ivpcheck.text.nlp import lemma, known_word\n"
        "print(lemma('Toegenomen'), lemma('gedaald'), known_word('VISIE'), known_word('RIEC'))"
    )
    expected = "toenemen dalen True False"
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    (db,) = [p for p in cache_env.iterdir() if p.suffix == ".sqlite"]
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert [p.suffix for p in cache_env.iterdir()] == [".sqlite"]  # the whole table is never loaded
    db.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 100)
    corrupt = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert [r.stdout.strip() for r in (first, second, corrupt)] == [expected] * 3


def test_the_sqlite_lookups_equal_the_table_for_every_form_and_lemma(cache_env) -> None:
    from ivpcheck.text.nlp import LemmaLookup, lemma_table

    lookup, table = LemmaLookup(), lemma_table()
    lemmas = set(table.values())
    words = [*table, *lemmas, *(word + "q" for word in list(table)[::97]), "", "veiligheidz"]
    expected = [table.get(w, w if w in lemmas else None) for w in words]
    assert lookup._db is not None  # the SQLite file, not the table in memory
    assert [lookup.lookup(w) for w in words] == expected


def test_the_rule_pack_is_cached_by_content_and_rebuilt_when_stale_or_corrupt(cache_env, tmp_path) -> None:
    from ivpcheck.model.settings import DEFAULT_RULES_DIR

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    code = (
        "import sys; from pathlib import Path; from ivpcheck.run.pipeline import _loaded_pack\n"
        "from ivpcheck.text.term_index import INDEX; from ivpcheck.text.terms import TermMatcher\n"
        "pack, _, batch, terms = _loaded_pack([Path(sys.argv[1])]); INDEX.adopt(batch, terms)\n"
        "rule = next(r for r in pack.rules if r.id == 'K1')\n"
        "text = 'De politie en het RIEC pakken ondermijning en woninginbraken aan.'\n"
        "hits = TermMatcher(terms).find_all(text)\n"
        "print(len(pack.rules), rule.weight, *sorted({h.text for h in hits}))"
    )

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", code, str(rules)], capture_output=True, text=True, check=True
        ).stdout.strip()

    first = run()
    assert {"politie", "RIEC", "ondermijning"} <= set(first.split()[2:])  # the pack's term index works
    (entry,) = [p for p in cache_env.iterdir() if p.name.startswith("rulepack-")]
    assert run() == first
    kader = rules / "ccv" / "k-kader.yaml"
    text = kader.read_text(encoding="utf-8")
    weight = re.search(r"id: K1\b.*?\n\s*weight: (\d+)", text, re.S)
    assert weight
    edited = text[: weight.start(1)] + str(int(weight.group(1)) + 5) + text[weight.end(1) :]
    kader.write_text(edited, encoding="utf-8")  # an edited rule file: a new key, a new entry
    assert run().split() == [first.split()[0], str(int(weight.group(1)) + 5), *first.split()[2:]]
    assert len([p for p in cache_env.iterdir() if p.name.startswith("rulepack-")]) == 2
    for stale in cache_env.glob("rulepack-*"):
        stale.write_bytes(b"\x80\x05garbage")
    assert run().split() == [first.split()[0], str(int(weight.group(1)) + 5), *first.split()[2:]]
