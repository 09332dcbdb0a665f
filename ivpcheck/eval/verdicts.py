"""Compare ivpcheck's verdicts with hand-written gold verdicts (`ivpcheck eval corpus/`).

Two agreement measures, per criterion and overall:
- exact: the tool's verdict equals the gold verdict (voldoet, deels, ontbreekt, n.v.t.);
- pass/fail: both agree on whether the plan *passes* the criterion, where pass = voldoet or
  n.v.t. — i.e. no improvement point is needed — and fail = deels or ontbreekt. This is the
  question an advisor cares about first: does this criterion need a verbeterpunt?
- problems caught: of the gold deels/ontbreekt verdicts, the share the tool also flags (deels or
  ontbreekt) — a missed problem is the costliest error for a municipality's self-check.
Cohen's kappa over all exact verdicts is reported as well (agreement corrected for chance).
The corpus is split (corpus/split.yaml): development plans the rules may be tuned on, and held-out
plans that are only measured; each split is reported on its own.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ivpcheck.model.errors import UsageError
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings

CORPUS_CHECK_DATE = dt.date(2025, 6, 1)
VERDICTS = ("voldoet", "deels", "ontbreekt", "n.v.t.")
PASS = frozenset({"voldoet", "n.v.t."})
NO_VERDICT = "—"  # the tool gave no verdict (criterion missing, or the document was not scored)


@dataclass
class GoldVerdict:
    """One hand-written verdict with the annotator's reason."""

    verdict: str
    why: str = ""


@dataclass
class Disagreement:
    """A criterion where the tool and the gold differ."""

    plan: str
    criterion: str
    gold: str
    tool: str
    why: str
    pass_agrees: bool = False


@dataclass
class CriterionAgreement:
    """Agreement counts for one criterion."""

    id: str
    n: int = 0
    exact: int = 0
    passfail: int = 0
    problems: int = 0  # gold deels/ontbreekt
    caught: int = 0  # ... that the tool flags as deels/ontbreekt too

    @property
    def exact_rate(self) -> float:
        return self.exact / self.n if self.n else 0.0

    @property
    def passfail_rate(self) -> float:
        return self.passfail / self.n if self.n else 0.0

    @property
    def caught_rate(self) -> float | None:
        return self.caught / self.problems if self.problems else None


@dataclass
class EvalResult:
    """Everything `ivpcheck eval` reports."""

    check_date: str
    split: str = "development"
    plans: list[str] = field(default_factory=list)
    criteria: dict[str, CriterionAgreement] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    profile: dict[str, Any] | None = None

    @property
    def overall(self) -> CriterionAgreement:
        total = CriterionAgreement("*")
        for c in self.criteria.values():
            total.n += c.n
            total.exact += c.exact
            total.passfail += c.passfail
            total.problems += c.problems
            total.caught += c.caught
        return total

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa over all (gold, tool) exact verdict pairs."""
        n = len(self.pairs)
        if not n:
            return None
        observed = sum(g == t for g, t in self.pairs) / n
        gold = Counter(g for g, _ in self.pairs)
        tool = Counter(t for _, t in self.pairs)
        expected = sum(gold[v] * tool[v] for v in set(gold) | set(tool)) / (n * n)
        return 1.0 if expected == 1 else (observed - expected) / (1 - expected)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (`ivpcheck eval --json`)."""
        overall = self.overall
        return {
            "check_date": self.check_date,
            "split": self.split,
            "pass_definition": "pass = voldoet or n.v.t. (no improvement point); fail = deels or ontbreekt",
            "plans": self.plans,
            "overall": {
                "n": overall.n,
                "exact": round(overall.exact_rate, 4),
                "passfail": round(overall.passfail_rate, 4),
                "problems_caught": _rounded(overall.caught_rate),
                "kappa": None if self.kappa is None else round(self.kappa, 4),
            },
            "criteria": {
                c.id: {
                    "n": c.n,
                    "exact": round(c.exact_rate, 4),
                    "passfail": round(c.passfail_rate, 4),
                    "problems_caught": _rounded(c.caught_rate),
                }
                for c in self.criteria.values()
            },
            "disagreements": [asdict(d) for d in self.disagreements],
            "errors": self.errors,
            "profile": self.profile,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def heldout_plans(corpus: Path) -> set[str]:
    """The held-out plan ids of corpus/split.yaml (none when the corpus has no split file)."""
    path = corpus / "split.yaml"
    if not path.is_file():
        return set()
    return {str(p) for p in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("heldout") or []}


def load_gold(path: Path) -> dict[str, GoldVerdict]:
    """Read corpus/gold/<id>.verdicts.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    gold: dict[str, GoldVerdict] = {}
    for cid, entry in data.items():
        if isinstance(entry, dict):
            verdict, why = str(entry.get("verdict", "")), str(entry.get("why", "") or "")
        else:
            verdict, why = str(entry), ""
        if verdict not in VERDICTS:
            raise ValueError(f"{path}: {cid}: unknown verdict {verdict!r}")
        gold[str(cid).upper()] = GoldVerdict(verdict, why)
    return gold


def ensure_built(corpus: Path, build_dir: Path, plan_ids: list[str]) -> None:
    """Build the corpus (corpus/build.py) when a plan's PDF is missing."""
    missing = [p for p in plan_ids if not (build_dir / "pdf" / f"{p}.pdf").is_file()]
    builder = corpus / "build.py"
    if not missing or not builder.is_file():
        return
    try:
        import reportlab  # noqa: F401  (the corpus builder writes its PDFs with it: a dev extra)
    except ImportError:
        raise UsageError(
            str(builder),
            "het corpus bouwen vraagt de dev-extra's: pip install -e '.[dev]' / "
            "building the corpus needs the dev extras: pip install -e '.[dev]'",
        ) from None
    result = subprocess.run(
        [sys.executable, str(builder), "--out", str(build_dir)],
        cwd=corpus.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        raise UsageError(
            str(builder), f"het corpus kon niet worden gebouwd / the corpus could not be built: {last}"
        )


def compare(result: EvalResult, plan: str, gold: dict[str, GoldVerdict], report: Report | None) -> None:
    """Add one plan's agreement to the result."""
    tool = {c.id.upper(): c.verdict for c in report.criteria} if report and report.scored else {}
    for cid, expected in gold.items():
        got = tool.get(cid, NO_VERDICT)
        entry = result.criteria.setdefault(cid, CriterionAgreement(cid))
        entry.n += 1
        exact = got == expected.verdict
        passfail = (got in PASS) == (expected.verdict in PASS) and got != NO_VERDICT
        entry.exact += exact
        entry.passfail += passfail
        if expected.verdict not in PASS:
            entry.problems += 1
            entry.caught += got not in PASS and got != NO_VERDICT
        result.pairs.append((expected.verdict, got))
        if not exact:
            result.disagreements.append(
                Disagreement(plan, cid, expected.verdict, got, expected.why, pass_agrees=passfail)
            )


def summarise_profiles(scores: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Pool the per-plan profile comparisons: booleans -> accuracy, rates -> mean, counts -> sums.

    With the counts of ivpcheck.eval.profiles, pooled priority recall/precision and field
    accuracy are derived too (sum matched / sum gold, and so on).
    """
    flags: dict[str, list[bool]] = {}
    rates: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for outcome in scores.values():
        for key, value in _jsonable(outcome).items():
            if isinstance(value, bool):
                flags.setdefault(key, []).append(value)
            elif isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
            elif isinstance(value, float):
                rates.setdefault(key, []).append(value)
    pooled = {
        "priorities_recall": ("priorities_matched", "priorities_gold"),
        "priorities_precision": ("priorities_matched", "priorities_found"),
        "field_accuracy": ("fields_correct", "fields_total"),
    }
    summary: dict[str, Any] = {
        "accuracy": {key: [sum(vals), len(vals)] for key, vals in flags.items()},
        "pooled": {key: [totals[num], totals[den]] for key, (num, den) in pooled.items() if totals.get(den)},
        "mean": {key: round(sum(vals) / len(vals), 4) for key, vals in rates.items() if key not in pooled},
    }
    summary["plans"] = {plan: _jsonable(outcome) for plan, outcome in scores.items()}
    return summary


def _jsonable(value: Any) -> dict[str, Any]:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return dict(value) if isinstance(value, dict) else {"value": value}


def evaluate_corpus(
    corpus: Path,
    check_date: dt.date = CORPUS_CHECK_DATE,
    build: bool = True,
    build_dir: Path | None = None,
    split: str = "development",
) -> EvalResult:
    """Check every plan of one split ('development' or 'heldout') that has gold verdicts
    (corpus/gold) and compare; PDFs from `build_dir`."""
    from ivpcheck.eval.profiles import evaluate as evaluator
    from ivpcheck.model.errors import IvpcheckError
    from ivpcheck.run.pipeline import check_file

    heldout = heldout_plans(corpus)
    gold_files = [
        g
        for g in sorted((corpus / "gold").glob("*.verdicts.yaml"))
        if (g.name.removesuffix(".verdicts.yaml") in heldout) == (split == "heldout")
    ]
    plan_ids = [g.name.removesuffix(".verdicts.yaml") for g in gold_files]
    build_dir = build_dir or corpus / "build"
    if build:
        ensure_built(corpus, build_dir, plan_ids)
    result = EvalResult(check_date=check_date.isoformat(), split=split)
    settings = Settings(check_date=check_date)
    profile_scores: dict[str, Any] = {}
    for plan, gold_path in zip(plan_ids, gold_files, strict=True):
        gold = load_gold(gold_path)
        pdf = build_dir / "pdf" / f"{plan}.pdf"
        result.plans.append(plan)
        report: Report | None = None
        try:
            report = check_file(pdf, settings)
        except IvpcheckError as error:
            result.errors[plan] = error.one_line()
        except Exception as error:  # eval reports every plan, whatever one of them does
            result.errors[plan] = f"{pdf}: interne fout / internal error ({type(error).__name__}: {error})"
        compare(result, plan, gold, report)
        gold_profile = corpus / "gold" / f"{plan}.profile.yaml"
        if report and report.profile and gold_profile.is_file():
            profile_scores[plan] = evaluator(report.profile, gold_profile)
    if profile_scores:
        result.profile = summarise_profiles(profile_scores)
    return result
