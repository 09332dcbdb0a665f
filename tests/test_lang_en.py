"""English reports (`--lang en`): rule texts in English, Dutch by default and as the fallback."""

from __future__ import annotations

import hashlib
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_rulepack import MINIMAL_RULE, write

from ivpcheck.cli import main
from ivpcheck.judge.engine import judge
from ivpcheck.judge.pack import RulePackError, load_pack
from ivpcheck.model.document import Block, DocumentMeta
from ivpcheck.model.report import DocTypeDecision, Profile, Report
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings
from ivpcheck.read.assemble import assemble_document

DATE = ["--check-date", "2025-06-01"]
DUTCH = re.compile(r"\b(?:de|het|een|van|ontbreekt|niet|wordt|zijn)\b", re.IGNORECASE)
PACK = load_pack([DEFAULT_RULES_DIR])


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def check_json(plan: Path, *args: str) -> Report:
    result = run("check", plan, "--format", "json", *DATE, *args)
    assert result.exit_code == 0, result.output
    return Report.model_validate_json(result.stdout.splitlines()[0])


def literals(template: str) -> list[str]:
    """The fixed text between a template's placeholders, whitespace collapsed."""
    parts = [" ".join(text.split()) for text, _, _, _ in string.Formatter().parse(template)]
    return [p for p in parts if p]


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def plan(built_corpus: Path) -> Path:
    return built_corpus / "pdf" / "hof-van-twente-2019.pdf"  # short, with many improvement points


@pytest.fixture(scope="module")
def dutch(plan: Path) -> Report:
    return check_json(plan)


@pytest.fixture(scope="module")
def english(plan: Path) -> Report:
    return check_json(plan, "--lang", "en")


def improved(report: Report) -> list:
    return [c for c in report.criteria if c.improvement]


# ---------------------------------------------------------------------------------------------
# A real plan, checked in English and in Dutch.


def test_english_report_has_english_improvement_points(english: Report) -> None:
    assert english.language == "en"
    assert len(improved(english)) >= 10
    for criterion in improved(english):
        template = PACK.get(criterion.id).improvement_for(criterion.verdict, "en")
        for literal in literals(template):
            assert not DUTCH.search(literal), (criterion.id, literal)
            assert literal in normal(criterion.improvement), (criterion.id, literal)
        if literals(template) != [normal(template)]:
            continue  # filled with quotes or names from the (Dutch) plan
        assert not DUTCH.search(criterion.improvement), criterion.id
        assert " de " not in criterion.improvement and " het " not in criterion.improvement


def test_english_report_has_english_titles_and_searched(english: Report) -> None:
    for criterion in english.criteria:
        assert criterion.title == PACK.get(criterion.id).en.title
    missing = [c for c in english.criteria if c.verdict == "ontbreekt"]
    assert missing and all(c.searched for c in missing)
    for criterion in missing:
        assert criterion.searched == normal(PACK.get(criterion.id).en.searched or ""), criterion.id
        assert not any("gezocht" in e.quote or "niets gevonden" in e.quote for e in criterion.evidence)


def test_language_changes_texts_not_verdicts(dutch: Report, english: Report) -> None:
    assert [(c.id, c.verdict, c.score) for c in dutch.criteria] == [
        (c.id, c.verdict, c.score) for c in english.criteria
    ]
    assert (dutch.total, dutch.band, dutch.band_capped_by) == (
        english.total,
        english.band,
        english.band_capped_by,
    )
    assert [c.improvement for c in dutch.criteria] != [c.improvement for c in english.criteria]


def test_default_language_is_unchanged_dutch(plan: Path, dutch: Report) -> None:
    assert dutch.language == "nl"
    assert check_json(plan, "--lang", "nl").criteria == dutch.criteria
    for criterion in improved(dutch):
        rule = PACK.get(criterion.id)
        assert criterion.title == rule.title
        for literal in literals(rule.improvement_for(criterion.verdict)):
            assert literal in normal(criterion.improvement), (criterion.id, literal)
    assert any("ontbreekt" in c.improvement or " de " in c.improvement for c in improved(dutch))


def test_english_terminal_report(plan: Path) -> None:
    result = run("check", plan, *DATE, "--lang", "en", "--no-color")
    assert result.exit_code == 0, result.output
    text = normal(result.output)
    assert "Improvement points" in text and "Legal basis" in text
    assert "Verbeterpunten" not in text and "Wettelijke grondslag" not in text


# ---------------------------------------------------------------------------------------------
# Fallback to Dutch, and the rule file's English fields.

USER_RULE = MINIMAL_RULE.replace(
    "    improvement: Noem veiligheid.\n",
    "    improvement:\n      ontbreekt: Noem veiligheid ({matched|nergens gevonden}).\n",
)


def judge_text(pack_file: Path, text: str, lang: str) -> Report:
    blocks = [
        Block(page=1, kind="heading", text="1 Inleiding", level=1),
        Block(page=1, kind="paragraph", text=text),
    ]
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = assemble_document(source="t.txt", fmt="text", sha256=sha, blocks=blocks, meta=DocumentMeta())
    profile = Profile(doc_type=DocTypeDecision(type="ivp", is_ivp=True))
    return judge(doc, profile, load_pack([pack_file]), Settings(language=lang))


def test_rule_without_english_falls_back_to_dutch(tmp_path: Path) -> None:
    report = judge_text(write(tmp_path, USER_RULE), "Niets hier.", "en")
    (criterion,) = report.criteria
    assert criterion.title == "Testregel"
    assert criterion.improvement == "Noem veiligheid (nergens gevonden)."


def test_english_texts_are_used_per_verdict(tmp_path: Path) -> None:
    english = (
        "    en:\n"
        "      title: Test rule\n"
        "      improvement:\n"
        "        ontbreekt: Mention safety ({matched|found nowhere}).\n"
        "      searched: the word 'veiligheid'\n"
    )
    report = judge_text(write(tmp_path, USER_RULE + english), "Niets.", "en")
    (criterion,) = report.criteria
    assert (criterion.title, criterion.searched) == ("Test rule", "the word 'veiligheid'")
    assert criterion.improvement == "Mention safety (found nowhere)."


@pytest.mark.parametrize(
    ("english", "field", "placeholder"),
    [
        ("improvement: Mention {count} words.", "en.improvement", "{count}"),
        ("improvement:\n        ontbreekt: Mention {quote}.", "en.improvement.ontbreekt", "{quote}"),
        ("improvement:\n        default: Mention {matchd|x}.", "en.improvement.default", "{matchd}"),
    ],
)
def test_english_placeholder_not_in_dutch_is_an_error(
    tmp_path: Path, english: str, field: str, placeholder: str
) -> None:
    path = write(tmp_path, USER_RULE + f"    en:\n      {english}\n")
    with pytest.raises(RulePackError) as caught:
        load_pack([path])
    message = caught.value.one_line()
    assert str(path) in message and "regel X1" in message
    assert f"veld {field}:" in message and placeholder in message and "Nederlandse tekst" in message


def test_unknown_english_field_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, USER_RULE + "    en:\n      titel: Test rule\n")
    with pytest.raises(RulePackError) as caught:
        load_pack([path])
    message = caught.value.one_line()
    assert (
        str(path) in message
        and "regel X1" in message
        and "en.titel" in message
        and "onbekend veld" in message
    )


def test_every_rule_has_english_texts() -> None:
    for rule in PACK.rules:
        assert rule.en.title and rule.en.description and rule.en.searched, rule.id
        for verdict in ("deels", "ontbreekt"):
            text = rule.improvement_for(verdict, "en")
            assert text != rule.improvement_for(verdict) and len(text) > 20, rule.id
            assert not any(DUTCH.search(literal) for literal in literals(text)), rule.id


def test_rules_command_explains_in_english() -> None:
    result = run("rules", "P4", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = normal(result.output)
    assert "SMART goals" in text and "Improvement point" in text and "What the rule looks for" in text
    assert "Verbeterpunt" not in text
    listing = normal(run("rules", "--lang", "en").output)
    assert "Legal basis" in listing and "Rule pack" in listing
