"""Advisors' review files as gold (`ivpcheck eval --reviews DIR`): how often the tool's verdict
agrees with the verdict an advisor set, on the criteria the advisor reviewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ivpcheck.eval.verdicts import EvalResult, GoldVerdict, compare
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.run.review import REVIEW_SUFFIXES, load_review_file, plan_for_review


def evaluate_reviews(folder: Path, check_date: dt.date) -> EvalResult:
    """Check every plan under `folder` that has a `<plan>.review.yaml` and compare the tool's verdicts
    (without the review) with the advisor's. A broken review file stops the run (ReviewFileError)."""
    from ivpcheck.model.errors import IvpcheckError
    from ivpcheck.run.pipeline import check_file, pack_for

    settings = Settings(check_date=check_date)
    known = {rule.id.upper() for rule in pack_for(settings).rules}
    result = EvalResult(check_date=check_date.isoformat(), split="reviews")
    reviews = sorted(p for p in folder.rglob("*") if p.name.lower().endswith(REVIEW_SUFFIXES))
    for review_path in reviews:
        review = load_review_file(review_path, known)
        plan = plan_for_review(review_path)
        name = str((plan or review_path).relative_to(folder))
        result.plans.append(name)
        report: Report | None = None
        if plan is None:
            result.errors[name] = f"{review_path}: geen plan naast dit bestand / no plan beside this file"
        else:
            try:
                report = check_file(plan, settings)
            except IvpcheckError as error:
                result.errors[name] = error.one_line()
        gold = {cid: GoldVerdict(entry.verdict, entry.reason) for cid, entry in review.items()}
        compare(result, name, gold, report)
    return result
