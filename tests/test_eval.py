"""`ivpcheck eval`: agreement with the gold verdicts on the built corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ivpcheck.cli import main
from ivpcheck.eval.verdicts import PASS, EvalResult, compare, load_gold
from ivpcheck.model.report import CriterionResult, InputInfo, Report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_eval_prints_agreement(built_corpus: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(CORPUS), "--build-dir", str(built_corpus)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "exact" in out and "totaal" in out and "Cohen's kappa" in out
    gold_ids = {g.name.removesuffix(".verdicts.yaml") for g in (CORPUS / "gold").glob("*.verdicts.yaml")}
    assert f"{len(gold_ids)} plannen" in out
    assert "Verschillen (" in out


def test_eval_json(built_corpus: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(CORPUS), "--build-dir", str(built_corpus), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["check_date"] == "2025-06-01"
    assert 0 <= data["overall"]["exact"] <= data["overall"]["passfail"] <= 1
    gold = load_gold(CORPUS / "gold" / "amersfoort-2024.verdicts.yaml")
    assert set(gold) <= set(data["criteria"])
    for d in data["disagreements"]:
        assert {"plan", "criterion", "gold", "tool", "why"} <= set(d)
        assert d["gold"] != d["tool"]


def test_compare_counts_exact_and_pass_fail() -> None:
    gold = load_gold(CORPUS / "gold" / "amersfoort-2024.verdicts.yaml")
    ids = list(gold)[:3]
    flipped = {"voldoet": "deels", "deels": "ontbreekt", "ontbreekt": "deels", "n.v.t.": "voldoet"}
    verdicts = {ids[0]: gold[ids[0]].verdict, ids[1]: flipped[gold[ids[1]].verdict]}
    report = Report(
        tool_version="t",
        rulepack_version="r",
        check_date="2025-06-01",
        input=InputInfo(path="x.pdf", sha256="0", format="pdf", pages=1),
        criteria=[
            CriterionResult(id=i, slug=i, title=i, section=i[0], weight=1, verdict=v, score=None)
            for i, v in verdicts.items()
        ],
    )
    result = EvalResult(check_date="2025-06-01")
    compare(result, "x", {i: gold[i] for i in ids}, report)
    assert result.criteria[ids[0]].exact == 1
    assert result.criteria[ids[1]].exact == 0
    same_side = (gold[ids[1]].verdict in PASS) == (flipped[gold[ids[1]].verdict] in PASS)
    assert result.criteria[ids[1]].passfail == int(same_side)
    assert result.criteria[ids[2]].exact == 0 and result.criteria[ids[2]].passfail == 0  # no tool verdict
    assert [d.criterion for d in result.disagreements] == ids[1:]
