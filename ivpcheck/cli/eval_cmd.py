"""`ivpcheck eval corpus/`: agreement of the tool's verdicts with the gold verdicts."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import date_option, format_option
from ivpcheck.eval.doctypes import DocTypeResult
from ivpcheck.eval.verdicts import CORPUS_CHECK_DATE, EvalResult
from ivpcheck.text.numbers import percent

SPLIT_NAMES = {
    "development": "ontwikkelset",
    "heldout": "held-out set (alleen gemeten)",
    "reviews": "oordelen van adviseurs (review-bestanden)",
}


def _pct(value: float) -> str:
    return percent(value, digits=1, lang="nl").rjust(6)


def format_result(result: EvalResult) -> str:
    """The evaluation as plain text tables."""
    overall = result.overall
    name = SPLIT_NAMES.get(result.split, result.split)
    lines = [
        f"ivpcheck eval — {name}: {len(result.plans)} plannen, peildatum {result.check_date}",
        "Overeenstemming met gold: exact = zelfde oordeel; voldoende/onvoldoende = beide wel of beide",
        "geen verbeterpunt (voldoende = voldoet of n.v.t., onvoldoende = deels of ontbreekt);",
        "gevonden = van de gold-problemen (deels/ontbreekt) ook door de tool als probleem gemeld.",
        "",
        f"{'criterium':<10} {'n':>4} {'exact':>7} {'vold./onv.':>11} {'gevonden':>9}",
    ]
    for c in [*result.criteria.values(), overall]:
        label = "totaal" if c is overall else c.id
        caught = "–" if c.caught_rate is None else _pct(c.caught_rate)
        lines.append(f"{label:<10} {c.n:>4} {_pct(c.exact_rate):>7} {_pct(c.passfail_rate):>11} {caught:>9}")
    kappa = "–" if result.kappa is None else f"{result.kappa:.2f}"
    lines += [
        f"Cohen's kappa (exact): {kappa}",
        "",
    ]
    if result.errors:
        lines.append("Fouten:")
        lines += [f"  {plan}: {message}" for plan, message in result.errors.items()]
        lines.append("")
    lines.append(f"Verschillen ({len(result.disagreements)}):")
    for d in result.disagreements:
        marker = " " if d.pass_agrees else "!"
        lines.append(f" {marker} {d.plan} {d.criterion}: gold {d.gold}, tool {d.tool} — {d.why}")
    if result.disagreements:
        lines.append("   (! = ook verschil in voldoende/onvoldoende)")
    if result.profile:
        lines += ["", "Profiel (ivpcheck.eval.profiles):"]
        for key, (right, total) in {**result.profile["accuracy"], **result.profile["pooled"]}.items():
            lines.append(f"  {key:<24} {_pct(right / total):>7} ({right}/{total})")
        lines += [
            f"  {key:<24} {_pct(value):>7} (gemiddeld)" for key, value in result.profile["mean"].items()
        ]
    return "\n".join(lines)


def format_doctypes(results: list[DocTypeResult]) -> str:
    """The document-type gate's IVP-or-not agreement per set, with its misses."""
    lines = ["Documentsoort (is dit een IVP?): goed = het antwoord van de poort (IVP of een ander stuk)"]
    for r in results:
        lines.append(
            f"  {r.name:<12} {len(r.outcomes):>4} documenten  {_pct(r.accuracy)}  "
            f"plannen geweigerd: {len(r.refused_plans)}  andere als IVP gezien: {len(r.scored_others)}"
        )
    lines.append("Profiel van de plannen daarin: gemeenten exact goed; prioriteiten gevonden (>= 90%)")
    for r in results:
        (m_ok, m_n), (p_ok, p_n) = r.share("municipalities_right"), r.share("priorities_found")
        lines.append(f"  {r.name:<12} gemeenten {m_ok}/{m_n}  prioriteiten {p_ok}/{p_n}")
    for r in results:
        for o in r.refused_plans + r.scored_others:
            verdict = "geweigerd als" if o.item.doc_type == "ivp" else "gezien als"
            lines.append(f"   ! {r.name} {o.item.path.name} ({o.item.kind}): {verdict} {o.type}")
    return "\n".join(lines)


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("corpus")
)
@date_option(
    "Peildatum voor K6 (de gold gaat uit van 2025-06-01).",
    default=CORPUS_CHECK_DATE.isoformat(),
    show_default=True,
)
@format_option(["terminal", "json"], "Uitvoerformaat; json is machineleesbaar.", "terminal")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Oude spelling van --format json.")
@click.option(
    "--doctype-dir",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help=(
        "Ook meten op een map met labels.csv (file, doc_type, kind; municipalities en priorities als "
        "lijst met | of ;): documenten buiten het project."
    ),
)
@click.option(
    "--split",
    type=click.Choice(["all", "development", "heldout"]),
    default="all",
    show_default=True,
    help="Welke plannen (corpus/split.yaml): ontwikkelset, held-out set of beide (apart gerapporteerd).",
)
@click.option(
    "--reviews",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Meet in plaats van het corpus tegen de oordelen van adviseurs: elk <plan>.review.yaml in deze map.",
)
@click.option("--no-build", is_flag=True, help="Bouw het corpus niet, ook als PDF's ontbreken.")
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Map met het gebouwde corpus (standaard CORPUS/build).",
)
@reports_input_errors
def eval_(
    corpus: Path,
    check_date: dt.datetime,
    fmt: str,
    as_json: bool,
    no_build: bool,
    build_dir: Path | None,
    split: str,
    doctype_dir: tuple[Path, ...],
    reviews: Path | None,
) -> None:
    """Vergelijk de oordelen van ivpcheck met de gold-oordelen van het corpus.

    For every corpus/gold/<id>.verdicts.yaml, check corpus/build/pdf/<id>.pdf (building the corpus
    first when needed) and print exact and pass/fail agreement per criterion, the disagreements and,
    when available, the profile accuracy. Pass = voldoet or n.v.t. (no improvement point needed),
    fail = deels or ontbreekt. The development and held-out plans (corpus/split.yaml) are reported
    separately. With --reviews DIR, the gold is instead every advisor's <plan>.review.yaml in DIR
    (the criteria each names). Exits 0; 2 for a broken review file.
    """
    from ivpcheck.eval.doctypes import doctype_results
    from ivpcheck.eval.verdicts import evaluate_corpus

    as_json = as_json or fmt == "json"
    if reviews is not None:
        _eval_reviews(reviews, check_date.date(), as_json)
        return

    splits = ("development", "heldout") if split == "all" else (split,)
    results = [
        evaluate_corpus(corpus, check_date.date(), build=not no_build, build_dir=build_dir, split=name)
        for name in splits
    ]
    doctypes = doctype_results(corpus, build_dir or corpus / "build", splits, list(doctype_dir))
    if as_json:
        data: dict = {r.split: r.as_dict() for r in results}
        data["doctypes"] = {r.name: r.as_dict() for r in doctypes}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join([*(format_result(r) for r in results), format_doctypes(doctypes)]))


def _eval_reviews(folder: Path, check_date: dt.date, as_json: bool) -> None:
    """`eval --reviews DIR`: the tool against the advisors' review files (exit 2 for a broken one)."""
    from ivpcheck.eval.reviews import evaluate_reviews
    from ivpcheck.model.errors import UsageError

    try:
        result = evaluate_reviews(folder, check_date)
    except UsageError as error:
        click.echo(f"ivpcheck: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    click.echo(
        json.dumps({result.split: result.as_dict()}, ensure_ascii=False, indent=2)
        if as_json
        else format_result(result)
    )
