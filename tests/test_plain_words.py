"""Reports speak in words: no regular expression, vocabulary name, @-reference or stem asterisk in any
format or language, for every plan of the built corpus (what the rules looked for included)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import docx
import pytest

from ivpcheck.model.errors import IvpcheckError
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.read import read_document
from ivpcheck.render import render, render_bytes
from ivpcheck.run.pipeline import base_pack_for, check_document, pack_for

TEXT_FORMATS = ("terminal", "markdown", "html", "concise", "json")
REGEX_SYNTAX = re.compile(r"\\[bBsSdDwW]|\(\?[:!=<]|\[\^|\{\d+,\d*\}")
STEM_ASTERISK = re.compile(r"\w\*|\*\w")
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w'])\*(\S[^*\n]*?)\*(?![\w'])")
JSON_MACHINE_KEYS = {"matched"}  # the terms a priority matched: data for programs, not prose


def forbidden_names() -> set[str]:
    """Every vocabulary and cue-list name of the rule pack that reads as an identifier, with its groups
    (`priority_words`, `police_ask.not_an_ask`); plain-word names ('partners') are caught as @-references."""
    vocab = base_pack_for(Settings()).vocab
    names = set(vocab.cue_lists)
    for name, item in vocab.items.items():
        names |= {name} | {f"{name}.{group}" for group in item.groups}
    return {n for n in names if "_" in n or "." in n}


def at_reference() -> re.Pattern[str]:
    """`@name` for any vocabulary of the rule pack."""
    names = base_pack_for(Settings()).vocab.items
    return re.compile("@(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def prose_of_json(data: object) -> list[str]:
    """The strings of a JSON report, without its machine-readable term lists."""
    if isinstance(data, dict):
        return [s for k, v in data.items() if k not in JSON_MACHINE_KEYS for s in prose_of_json(v)]
    if isinstance(data, list):
        return [s for v in data for s in prose_of_json(v)]
    return [data] if isinstance(data, str) else []


def report_texts(report: Report, lang: str) -> dict[str, str]:
    """Every format of the report as the text a reader sees (markup that is the format's own removed)."""
    texts = {fmt: render(report, fmt, lang) for fmt in TEXT_FORMATS}
    texts["json"] = "\n".join(prose_of_json(json.loads(texts["json"])))
    texts["markdown"] = MARKDOWN_EMPHASIS.sub(r"\1", texts["markdown"].replace("**", ""))
    texts["html"] = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", texts["html"], flags=re.S)
    letter = docx.Document(io.BytesIO(render_bytes(report, "docx", lang)))
    cells = [c.text for t in letter.tables for row in t.rows for c in row.cells]
    texts["docx"] = "\n".join([p.text for p in letter.paragraphs] + cells)
    return texts


def offences(text: str, names: set[str], at_ref: re.Pattern[str]) -> list[str]:
    """The technical fragments in a text."""
    found = [m.group() for m in (*REGEX_SYNTAX.finditer(text), *at_ref.finditer(text))]
    found += [m.group() for m in STEM_ASTERISK.finditer(text)]
    found += [n for n in names if re.search(rf"(?<![\w.]){re.escape(n)}(?![\w])", text)]
    return found


def corpus_plans(manifest: dict, build: Path) -> list[Path]:
    """Every built document once (PDF variants left out: they carry the same words)."""
    return [build / f["path"] for f in manifest["files"] if not f.get("variant")]


def test_forbidden_names_come_from_the_rule_pack() -> None:
    names = forbidden_names()
    assert {"police_ask.not_an_ask", "review_headings", "previous_plan.mentions"} <= names
    assert at_reference().search("zie @police_ask.not_an_ask")
    assert not at_reference().search("gemeente@ede.nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_searched_texts_of_every_rule_are_words(lang: str) -> None:
    """What each rule looked for, as the report shows it, in both languages."""
    names, at_ref = forbidden_names(), at_reference()
    pack = pack_for(Settings())
    bad = {r.id: offences(r.text("searched", lang) or "", names, at_ref) for r in pack.rules}
    assert all(r.text("searched", lang) for r in pack.rules)
    assert not {k: v for k, v in bad.items() if v}


def test_every_corpus_report_in_every_format_speaks_in_words(built_corpus: Path, full_manifest: dict) -> None:
    names, at_ref = forbidden_names(), at_reference()
    problems: list[str] = []
    checked = 0
    for path in corpus_plans(full_manifest, built_corpus):
        try:
            doc = read_document(path)
        except IvpcheckError:
            continue  # not a readable document (the read tests cover these)
        for lang in ("nl", "en"):
            settings = Settings(check_date=dt.date(2025, 6, 1), language=lang, force=True)
            report = check_document(doc, settings, pack_for(settings))
            for fmt, text in report_texts(report, lang).items():
                problems += [f"{path.name} {lang} {fmt}: {o}" for o in offences(text, names, at_ref)]
            checked += 1
    assert checked >= 80
    assert not problems, "\n".join(problems[:40])
