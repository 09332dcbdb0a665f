"""The engine and pipeline: scores, bands, kernelement cap, waivers, evidence; then real corpus plans."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from ivpcheck.judge.engine import band_for, judge, weighted_score
from ivpcheck.judge.pack import RulePack, load_pack
from ivpcheck.model.document import Block, DocumentMeta
from ivpcheck.model.report import CriterionResult, DocTypeDecision, Profile, Report
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings
from ivpcheck.read.assemble import assemble_document
from ivpcheck.run.pipeline import check_document, check_file, pack_for
from ivpcheck.text.nlp import lemmas, sentences, syllables, words

CHECK_DATE = dt.date(2025, 6, 1)
PACK = load_pack([DEFAULT_RULES_DIR])
IVP = DocTypeDecision(type="ivp", is_ivp=True)


def tiny_doc(text: str = "Het plan beschrijft veiligheid."):
    blocks = [
        Block(page=1, kind="heading", text="1 Inleiding", level=1),
        Block(page=1, kind="paragraph", text=text),
    ]
    sha = hashlib.sha256(text.encode()).hexdigest()
    return assemble_document(source="klein.txt", fmt="text", sha256=sha, blocks=blocks, meta=DocumentMeta())


def result(
    rule_id: str, verdict: str, weight: int, kern: bool = False, waived: str | None = None
) -> CriterionResult:
    scores = {"voldoet": 1.0, "deels": 0.5, "ontbreekt": 0.0, "n.v.t.": None}
    return CriterionResult(
        id=rule_id,
        slug="x",
        title="x",
        section="K",
        weight=weight,
        kernelement=kern,
        verdict=verdict,
        score=scores[verdict],
        waived=waived,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------------------------------------
# Scoring rules.


def test_weighted_score_skips_nvt_weight_zero_and_waived() -> None:
    results = [
        result("A", "voldoet", 3),
        result("B", "deels", 1),
        result("C", "n.v.t.", 2),
        result("D", "ontbreekt", 0),
        result("E", "ontbreekt", 2, waived="niet van toepassing op deze gemeente"),
    ]
    assert weighted_score(results) == round(100 * (3 * 1.0 + 1 * 0.5) / 4, 1)
    assert weighted_score([result("C", "n.v.t.", 2)]) is None


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "goed"),
        (80, "goed"),
        (79.9, "voldoende"),
        (60, "voldoende"),
        (59.9, "matig"),
        (40, "matig"),
        (39.9, "onvoldoende"),
        (0, "onvoldoende"),
        (None, None),
    ],
)
def test_bands(total: float | None, band: str | None) -> None:
    assert band_for(total) == band


def test_judge_on_an_almost_empty_document() -> None:
    report = judge(tiny_doc(), Profile(doc_type=IVP), PACK, Settings(check_date=CHECK_DATE))
    assert report.scored and len(report.criteria) == 46
    assert report.total is not None and report.total < 40 and report.band == "onvoldoende"
    assert set(report.band_capped_by) == {"K1", "K3", "A1", "P1", "P4", "M1"}
    assert report.rulepack_version == PACK.version and report.check_date == "2025-06-01"
    assert report.input.sha256 == tiny_doc().sha256
    for criterion in report.criteria:
        assert "error" not in criterion.details, (criterion.id, criterion.details)
        if criterion.verdict == "ontbreekt":
            assert criterion.searched, criterion.id
        if criterion.verdict in {"deels", "ontbreekt"}:
            assert criterion.improvement and "{" not in criterion.improvement, criterion.id


def _cap_pack(kern_verdict_rule: str) -> RulePack:
    """A pack of every rule but with only cheap detectors: used to test the cap without a real plan."""
    return PACK.model_copy(update={"rules": [r for r in PACK.rules if r.id in {kern_verdict_rule, "L3"}]})


def test_kernelement_cap_keeps_band_at_voldoende() -> None:
    text = "Wij maken de stad veilig. " * 30
    weights = {"K1": 1, "L3": 10}
    pack = _cap_pack("K1")
    pack = pack.model_copy(
        update={"rules": [r.model_copy(update={"weight": weights[r.id]}) for r in pack.rules]}
    )
    report = judge(tiny_doc(text), Profile(doc_type=IVP), pack, Settings(check_date=CHECK_DATE))
    verdicts = {c.id: c.verdict for c in report.criteria}
    assert verdicts == {"K1": "ontbreekt", "L3": "voldoet"}
    assert report.total == 90.9
    assert report.band == "voldoende" and report.band_capped_by == ["K1"]


def test_waiver_marks_criterion_and_removes_it_from_score() -> None:
    settings = Settings(check_date=CHECK_DATE, waivers={"K1": "basis staat in het raadsbesluit"})
    report = judge(tiny_doc(), Profile(doc_type=IVP), _cap_pack("K1"), settings)
    k1 = next(c for c in report.criteria if c.id == "K1")
    assert k1.waived == "basis staat in het raadsbesluit" and k1.verdict == "ontbreekt"
    assert "K1" not in report.band_capped_by


def test_select_and_ignore_through_settings() -> None:
    settings = Settings(check_date=CHECK_DATE, select=["L"], ignore=["L5"])
    report = check_document(tiny_doc(), settings.model_copy(update={"force": True}))
    assert [c.id for c in report.criteria] == ["L1", "L2", "L3", "L4", "L6", "L7"]
    assert [s.section for s in report.sections] == ["L"]


def test_not_an_ivp_is_not_scored() -> None:
    doc = tiny_doc("Dit is een nieuwsbericht over de gemeenteraad van gisteren.")
    report = check_document(doc, Settings(check_date=CHECK_DATE))
    if report.profile and not report.profile.doc_type.is_ivp:
        assert report.scored is False and report.criteria == [] and report.total is None
    forced = check_document(doc, Settings(check_date=CHECK_DATE, force=True))
    assert forced.scored and len(forced.criteria) == 46


def test_pack_is_cached_per_settings() -> None:
    assert pack_for(Settings()) is pack_for(Settings())
    assert pack_for(Settings(weights={"K1": 1})) is not pack_for(Settings())


# ---------------------------------------------------------------------------------------------
# Text helpers.


def test_sentences_follow_the_checklist_rule() -> None:
    text = (
        "Het aantal steeg naar 4.612 in 2022. Volgens art. 38b stelt de raad doelen vast! "
        "Klopt dat? 3 keer ja."
    )
    assert [s.text for s in sentences(text)] == [
        "Het aantal steeg naar 4.612 in 2022.",
        "Volgens art. 38b stelt de raad doelen vast!",
        "Klopt dat?",
        "3 keer ja.",
    ]
    assert words("BOA's en HIC-delicten: 8.450") == ["BOA's", "en", "HIC-delicten", "8.450"]
    assert syllables("veiligheidsgevoel") == 5
    assert lemmas("gedaald")[0] == "dalen"


# ---------------------------------------------------------------------------------------------
# Real plans from the corpus (built once per session by the corpus fixture).


def _gold_pdfs(built_corpus: Path) -> list[Path]:
    manifest = json.loads((built_corpus / "manifest.json").read_text(encoding="utf-8"))
    gold = Path(__file__).resolve().parent.parent / "corpus" / "gold"
    plans = {p.name.removesuffix(".verdicts.yaml") for p in gold.glob("*.verdicts.yaml")}
    paths = [
        built_corpus / f["path"] for f in manifest["files"] if f["format"] == "pdf" and not f.get("variant")
    ]
    return [p for p in paths if p.stem in plans and p.exists()]


@pytest.fixture(scope="module")
def corpus_reports(built_corpus: Path) -> dict[str, Report]:
    settings = Settings(check_date=CHECK_DATE)
    return {path.stem: check_file(path, settings) for path in _gold_pdfs(built_corpus)}


def test_corpus_reports_are_consistent(corpus_reports: dict[str, Report]) -> None:
    assert corpus_reports, "no corpus plans with gold verdicts were built"
    for plan, report in corpus_reports.items():
        assert report.scored, plan
        assert [c.id for c in report.criteria] == [r.id for r in PACK.rules]
        assert report.total == weighted_score(report.criteria)
        capped = [
            c.id for c in report.criteria if c.kernelement and c.verdict == "ontbreekt" and not c.waived
        ]
        assert report.band_capped_by == capped
        expected = band_for(report.total)
        if capped and expected == "goed":
            expected = "voldoende"
        assert report.band == expected, plan
        for section in report.sections:
            in_section = [c for c in report.criteria if c.section == section.section]
            assert section.score == weighted_score(in_section), (plan, section.section)


def test_corpus_verdicts_carry_evidence_and_improvements(corpus_reports: dict[str, Report]) -> None:
    for plan, report in corpus_reports.items():
        for c in report.criteria:
            assert "error" not in c.details, (plan, c.id, c.details)
            if c.verdict != "n.v.t.":
                assert c.evidence or c.searched, (plan, c.id)
            if c.verdict in {"voldoet", "deels"}:
                assert c.evidence, (plan, c.id)
            if c.verdict == "ontbreekt":
                assert c.searched, (plan, c.id)
            if c.verdict in {"deels", "ontbreekt"}:
                assert c.improvement and "{" not in c.improvement and "[?]" not in c.improvement, (plan, c.id)
            for item in c.evidence:
                assert len(item.quote) <= 200


def test_corpus_kernelement_cap(corpus_reports: dict[str, Report]) -> None:
    capped = [r for r in corpus_reports.values() if r.band_capped_by]
    for report in capped:
        assert report.band != "goed"
    assert any(r.band == "goed" for r in corpus_reports.values()), "a good plan should score goed"
