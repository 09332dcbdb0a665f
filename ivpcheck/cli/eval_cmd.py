"""`ivpcheck eval corpus/`: agreement of the tool's verdicts with the gold verdicts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ivpcheck.eval.verdicts import CORPUS_CHECK_DATE, EvalResult


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def format_result(result: EvalResult) -> str:
    """The evaluation as plain text tables."""
    overall = result.overall
    lines = [
        f"ivpcheck eval — {len(result.plans)} plannen, peildatum {result.check_date}",
        "Overeenstemming met gold: exact = zelfde oordeel; voldoende/onvoldoende = beide wel of beide",
        "geen verbeterpunt (voldoende = voldoet of n.v.t., onvoldoende = deels of ontbreekt).",
        "",
        f"{'criterium':<10} {'n':>4} {'exact':>7} {'vold./onv.':>11}",
    ]
    for c in result.criteria.values():
        lines.append(f"{c.id:<10} {c.n:>4} {_pct(c.exact_rate):>7} {_pct(c.passfail_rate):>11}")
    kappa = "–" if result.kappa is None else f"{result.kappa:.2f}"
    lines += [
        f"{'totaal':<10} {overall.n:>4} {_pct(overall.exact_rate):>7} {_pct(overall.passfail_rate):>11}",
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


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("corpus")
)
@click.option(
    "--check-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=CORPUS_CHECK_DATE.isoformat(),
    show_default=True,
    metavar="JJJJ-MM-DD",
    help="Peildatum voor K6 (de gold gaat uit van 2025-06-01).",
)
@click.option("--json", "as_json", is_flag=True, help="Machineleesbare uitvoer (JSON).")
@click.option("--no-build", is_flag=True, help="Bouw het corpus niet, ook als PDF's ontbreken.")
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Map met het gebouwde corpus (standaard CORPUS/build).",
)
def eval_(
    corpus: Path, check_date: dt.datetime, as_json: bool, no_build: bool, build_dir: Path | None
) -> None:
    """Vergelijk de oordelen van ivpcheck met de gold-oordelen van het corpus.

    For every corpus/gold/<id>.verdicts.yaml, check corpus/build/pdf/<id>.pdf (building the corpus
    first when needed) and print exact and pass/fail agreement per criterion, the disagreements and,
    when available, the profile accuracy. Pass = voldoet or n.v.t. (no improvement point needed),
    fail = deels or ontbreekt. Always exits 0.
    """
    from ivpcheck.eval.verdicts import evaluate_corpus

    result = evaluate_corpus(corpus, check_date.date(), build=not no_build, build_dir=build_dir)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_result(result))
