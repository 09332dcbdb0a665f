"""The rule-file schema: loading, errors that name file/rule/field, user packs and settings overrides."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from ivpcheck.judge.engine import judge
from ivpcheck.judge.pack import (
    ConditionError,
    RulePackError,
    evaluate,
    load_pack,
    load_rulepack,
    parse_condition,
)
from ivpcheck.model.document import Block, DocumentMeta
from ivpcheck.model.errors import UsageError
from ivpcheck.model.report import DocTypeDecision, Profile
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings
from ivpcheck.read.assemble import assemble_document

MINIMAL_RULE = """
rules:
  - id: X1
    slug: test-regel
    title: Testregel
    section: K
    weight: 2
    description: Zoekt het woord veiligheid.
    detectors:
      woord:
        kind: terms
        terms: [veiligheid]
    decide:
      voldoet: woord
    improvement: Noem veiligheid.
    examples:
      voldoet: ["Veiligheid is belangrijk."]
      ontbreekt: ["Niets."]
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINIMAL_RULE
    return write(tmp_path, MINIMAL_RULE.replace(old, new, 1), "kapot.yaml")


def doc_of(*paragraphs: str):
    blocks = [Block(page=1, kind="heading", text="1 Inleiding", level=1)]
    blocks += [Block(page=1, kind="paragraph", text=p) for p in paragraphs]
    sha = hashlib.sha256("".join(paragraphs).encode()).hexdigest()
    return assemble_document(source="t.txt", fmt="text", sha256=sha, blocks=blocks, meta=DocumentMeta())


PROFILE = Profile(doc_type=DocTypeDecision(type="ivp", is_ivp=True))


# ---------------------------------------------------------------------------------------------
# The default pack.


def test_default_pack_loads_all_46_criteria() -> None:
    pack = load_pack([DEFAULT_RULES_DIR])
    assert len(pack.rules) == 46
    assert pack.version == "1.1.0"
    kern = {r.id for r in pack.rules if r.kernelement}
    assert kern == {"K1", "K3", "A1", "P1", "P4", "M1"}
    weights = {r.id: r.weight for r in pack.rules}
    assert weights["L5"] == 0 and weights["L6"] == 0 and weights["K1"] == 3 and weights["V1"] == 1
    assert {r.section for r in pack.rules} == set("KAVPUMSL")


def test_every_rule_has_dutch_improvement_and_description() -> None:
    for rule in load_pack([DEFAULT_RULES_DIR]).rules:
        assert rule.description.strip(), rule.id
        for verdict in ("deels", "ontbreekt"):
            assert len(rule.improvement_for(verdict)) > 20, rule.id


# ---------------------------------------------------------------------------------------------
# Broken files: one line naming the file, the rule and the field.


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("    weight: 2\n", "    weight: 2\n    gewicht: 3\n", "gewicht", "onbekend veld"),
        ("weight: 2", "weight: zwaar", "weight", "geheel getal"),
        ("kind: terms", "kind: termen", "detectors.woord.kind", "onbekend detectortype 'termen'"),
        (
            "terms: [veiligheid]",
            "terms: [veiligheid]\n        minimum: 3",
            "detectors.woord.minimum",
            "onbekend veld",
        ),
        ("voldoet: woord", "voldoet: wordt", "decide.voldoet", "onbekende naam 'wordt'"),
        ("voldoet: woord", "voldoet: woord.aantal >= 2", "decide.voldoet", "kent 'aantal' niet"),
        ("voldoet: woord", "voldoet: woord >=", "decide.voldoet", "onvolledige voorwaarde"),
        (
            "improvement: Noem veiligheid.",
            "improvement: Noem {iets}.",
            "improvement",
            "onbekende invulplek '{iets}'",
        ),
        ("terms: [veiligheid]", "terms: ['@bestaatniet']", "detectors.woord.terms", "onbekende woordenlijst"),
        ("section: K", "section: kader", "section", "pattern"),
    ],
)
def test_broken_rule_names_file_rule_and_field(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(RulePackError) as caught:
        load_pack([path])
    message = caught.value.one_line()
    assert isinstance(caught.value, UsageError)
    assert "\n" not in message
    assert str(path) in message
    assert "regel X1" in message
    assert field in message
    assert words in message


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  - id: X1\n    title: [niet gesloten\n", "kapot.yaml")
    with pytest.raises(RulePackError) as caught:
        load_pack([path])
    message = caught.value.one_line()
    assert str(path) in message and "YAML-fout op lijn" in message and "\n" not in message


def test_missing_field_and_non_mapping_rule(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL_RULE.replace("    slug: test-regel\n", ""), "zonder.yaml")
    with pytest.raises(RulePackError, match=r"regel X1, veld slug: verplicht veld ontbreekt"):
        load_pack([path])
    path = write(tmp_path, "rules:\n  - gewoon tekst\n", "tekst.yaml")
    with pytest.raises(RulePackError, match=r"regel #1"):
        load_pack([path])


def test_unknown_top_level_field_and_missing_pack(tmp_path: Path) -> None:
    path = write(tmp_path, "versie: 1\nrules: []\n", "top.yaml")
    with pytest.raises(RulePackError, match=r"veld versie: onbekend veld"):
        load_pack([path])
    with pytest.raises(RulePackError, match="niet gevonden"):
        load_pack([tmp_path / "bestaat-niet.yaml"])


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    body = MINIMAL_RULE + MINIMAL_RULE.split("rules:\n", 1)[1]
    with pytest.raises(RulePackError, match="dubbele regel-id"):
        load_pack([write(tmp_path, body)])


# ---------------------------------------------------------------------------------------------
# A user pack: editing YAML alone changes the report.


def test_user_pack_adds_a_rule_and_it_is_scored(tmp_path: Path) -> None:
    user = write(tmp_path, "name: mijn-pakket\nversion: '0.2'\n" + MINIMAL_RULE)
    pack = load_rulepack(Settings(rules=[user]))
    assert pack.get("X1") is not None and pack.get("K1") is not None
    assert pack.version == "1.1.0+mijn-pakket-0.2"
    report = judge(doc_of("Veiligheid is belangrijk."), PROFILE, pack, Settings(rules=[user]))
    result = next(c for c in report.criteria if c.id == "X1")
    assert result.verdict == "voldoet" and result.evidence[0].matched == "Veiligheid"


def test_user_pack_replaces_a_rule_by_id(tmp_path: Path) -> None:
    text = MINIMAL_RULE.replace("id: X1", "id: K5").replace("title: Testregel", "title: Eigen K5")
    user = write(tmp_path, text)
    pack = load_rulepack(Settings(rules=[user]))
    assert [r.id for r in pack.rules].count("K5") == 1
    assert pack.get("K5").title == "Eigen K5"


def _x1_report(tmp_path: Path, rule_text: str, *paragraphs: str):
    user = write(tmp_path, rule_text, "eigen.yaml")
    settings = Settings(rules=[user], replace_rules=True)
    pack = load_rulepack(settings)
    return judge(doc_of(*paragraphs), PROFILE, pack, settings)


def test_weight_threshold_and_text_edits_change_the_report(tmp_path: Path) -> None:
    base = _x1_report(tmp_path, MINIMAL_RULE, "Niets over dat onderwerp.")
    x1 = base.criteria[0]
    assert x1.verdict == "ontbreekt" and x1.improvement == "Noem veiligheid." and x1.weight == 2
    assert x1.searched and "veiligheid" in x1.searched

    heavier = _x1_report(tmp_path, MINIMAL_RULE.replace("weight: 2", "weight: 3"), "Niets.")
    assert heavier.criteria[0].weight == 3 and heavier.sections[0].weight == 3

    text = MINIMAL_RULE.replace(
        "improvement: Noem veiligheid.", "improvement: Schrijf over veiligheid ({count}x)."
    )
    assert _x1_report(tmp_path, text, "Niets.").criteria[0].improvement == "Schrijf over veiligheid (0x)."

    threshold = MINIMAL_RULE.replace("voldoet: woord", "voldoet: woord.count >= 2\n      deels: woord")
    assert _x1_report(tmp_path, threshold, "Veiligheid.").criteria[0].verdict == "deels"
    assert _x1_report(tmp_path, threshold, "Veiligheid.", "Veiligheid.").criteria[0].verdict == "voldoet"


# ---------------------------------------------------------------------------------------------
# Settings: select/ignore, weights and parameters applied at load.


def test_settings_select_ignore_weights_and_params() -> None:
    pack = load_rulepack(Settings(select=["K"], ignore=["K6"]))
    assert [r.id for r in pack.rules] == ["K1", "K2", "K3", "K4", "K5"]
    pack = load_rulepack(
        Settings(weights={"k5": 3}, params={"P2": {"max_voldoet": 4}, "L3": {"min_flesch": 55}})
    )
    assert pack.get("K5").weight == 3
    assert pack.get("P2").params["max_voldoet"] == 4
    assert pack.get("L3").detectors["tekst"].min_flesch == 55
    pack = load_rulepack(Settings(params={"L3": {"tekst.max_avg_sentence_length": 15}}))
    assert pack.get("L3").detectors["tekst"].max_avg_sentence_length == 15


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (Settings(weights={"Z9": 1}), "onbekende regel 'Z9'"),
        (Settings(params={"L3": {"bestaat_niet": 1}}), "params.bestaat_niet: onbekende parameter"),
        (Settings(params={"L3": {"min_flesch": "hoog"}}), "regel L3, veld params"),
        (Settings(weights={"K1": -1}), "geheel getal >= 0"),
    ],
)
def test_bad_settings_overrides(settings: Settings, words: str) -> None:
    with pytest.raises(UsageError) as caught:  # an unknown id is a usage error, a bad value a rule error
        load_rulepack(settings)
    assert words in caught.value.one_line()


# ---------------------------------------------------------------------------------------------
# The decision language.


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("a", {"a": 1}, True),
        ("not a", {"a": 1}, False),
        ("a.count >= 2 and b", {"a.count": 2, "b": 0}, False),
        ("a.count >= 2 or b", {"a.count": 1, "b": 1}, True),
        ("(a or b) and not c", {"a": 0, "b": 1, "c": 0}, True),
        ("a.x + b.x >= 4", {"a.x": 2, "b.x": 2}, True),
        ("a.x - 1 == 0", {"a.x": 1}, True),
        ("a.share >= 0.75", {"a.share": 0.8}, True),
        ("true", {}, True),
    ],
)
def test_conditions(condition: str, values: dict[str, float], expected: bool) -> None:
    assert evaluate(parse_condition(condition), values.__getitem__) is expected


@pytest.mark.parametrize("condition", ["", "a and", "(a", "a >= >= 2", "a $ b"])
def test_bad_conditions(condition: str) -> None:
    with pytest.raises(ConditionError):
        parse_condition(condition)


# ---------------------------------------------------------------------------------------------
# `ivpcheck rules`.


def test_rules_command_lists_and_explains() -> None:
    from ivpcheck.cli.rules_cmd import rules

    runner = CliRunner()
    listing = runner.invoke(rules, [])
    assert listing.exit_code == 0
    for rule_id in ("K1", "P4", "L7"):
        assert f" {rule_id} " in listing.output
    explained = runner.invoke(rules, ["p4"])
    assert explained.exit_code == 0
    assert (
        "SMART" in explained.output
        and "Verbeterpunt" in explained.output
        and "Voorbeelden" in explained.output
    )
    assert runner.invoke(rules, ["Q9"]).exit_code == 2


def test_rules_command_reports_broken_pack(tmp_path: Path) -> None:
    from ivpcheck.cli.rules_cmd import rules

    path = broken(tmp_path, "kind: terms", "kind: termen")
    result = CliRunner().invoke(rules, ["--rules", str(path)])
    assert result.exit_code == 2
    assert "regel X1" in result.output and "Traceback" not in result.output


def test_rules_command_shows_user_rule(tmp_path: Path) -> None:
    from ivpcheck.cli.rules_cmd import rules

    user = write(tmp_path, MINIMAL_RULE)
    result = CliRunner().invoke(rules, ["X1", "--rules", str(user)])
    assert result.exit_code == 0 and "Testregel" in result.output
