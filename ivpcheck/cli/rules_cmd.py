"""`ivpcheck rules [ID]`: list the checklist rules, or explain one, straight from the rule files."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ivpcheck import detectors
from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.rulepack import SECTION_NAMES, Rule, RulePack, load_pack, pack_paths
from ivpcheck.settings import Settings

VERDICT_LABELS = {"n.v.t.": "n.v.t.", "voldoet": "voldoet", "deels": "deels", "ontbreekt": "ontbreekt"}


@click.command("rules", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("rule_id", required=False)
@click.option(
    "--rules", "extra", multiple=True, type=click.Path(path_type=Path), help="Extra regelset (herhaalbaar)."
)
@click.option("--replace-rules", is_flag=True, help="--rules vervangt de standaardregelset.")
@click.option(
    "--examples/--no-examples", default=True, help="Toon de voorbeeldpassages bij uitleg van één regel."
)
@reports_input_errors
def rules(rule_id: str | None, extra: tuple[Path, ...], replace_rules: bool, examples: bool) -> None:
    """Toon alle regels van de checklist, of leg één regel uit (bijv. `ivpcheck rules P4`).

    List the checklist rules, or explain one rule: what it looks for, how it decides, its
    improvement point and its example passages.
    """
    settings = Settings(rules=list(extra), replace_rules=replace_rules) if extra else Settings()
    pack = load_pack(pack_paths(settings))
    console = Console(highlight=False)
    if rule_id is None:
        console.print(rules_table(pack))
        return
    rule = pack.get(rule_id)
    if rule is None:
        known = ", ".join(r.id for r in pack.rules)
        raise click.UsageError(f"onbekende regel '{rule_id}' (bekend: {known})")
    explain(console, rule, examples)


def rules_table(pack: RulePack) -> Table:
    """All rules as a rich table: id, section, weight, kernelement, title."""
    table = Table(
        title=f"Regelset {pack.name} {pack.version} ({len(pack.rules)} regels)", title_justify="left"
    )
    for column, style in (("id", "bold"), ("onderdeel", ""), ("gewicht", ""), ("kern", ""), ("titel", "")):
        table.add_column(column, style=style, justify="right" if column == "gewicht" else "left")
    for rule in pack.rules:
        section = f"{rule.section} {SECTION_NAMES.get(rule.section, '')}".strip()
        weight = str(rule.weight) if rule.weight else "0 (info)"
        table.add_row(rule.id, section, weight, "●" if rule.kernelement else "", escape(rule.title))
    return table


def _shown(path: str) -> str:
    """A rule file's path, relative to the working directory when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def explain(console: Console, rule: Rule, examples: bool = True) -> None:
    """Everything about one rule, in Dutch."""
    section = SECTION_NAMES.get(rule.section, rule.section)
    kern = " · kernelement" if rule.kernelement else ""
    console.print(f"[bold]{rule.id} {escape(rule.slug)}[/bold] — {escape(rule.title)}")
    console.print(
        f"Onderdeel {rule.section} ({section}) · gewicht {rule.weight}{kern} · {escape(rule.source)}"
    )
    console.print()
    console.print("[bold]Waar de regel op let[/bold]")
    console.print(escape(" ".join(rule.description.split())))
    console.print()
    console.print("[bold]Detectoren[/bold]")
    for name, params in rule.detectors.items():
        console.print(f"  {name} ({params.kind}): {escape(detectors.describe(params))}")  # type: ignore[attr-defined]
    if rule.params:
        settings = ", ".join(f"{k} = {v}" for k, v in rule.params.items())
        console.print(f"  parameters: {escape(settings)}")
    console.print()
    console.print("[bold]Oordeel[/bold] (de eerste voorwaarde die klopt)")
    for verdict, condition in rule.decide.ordered():
        console.print(f"  {VERDICT_LABELS[verdict]:<10} als {escape(condition)}")
    console.print(f"  {'anders':<10} {rule.decide.otherwise}")
    console.print()
    console.print("[bold]Verbeterpunt[/bold]")
    for verdict in ("deels", "ontbreekt"):
        console.print(f"  {verdict}: {escape(' '.join(rule.improvement_for(verdict).split()))}")
    if examples:
        console.print()
        console.print("[bold]Voorbeelden[/bold]")
        for verdict, example in rule.examples.items():
            text = " ".join(example.text.split()) or "(leeg document)"
            facts = (
                f" [{', '.join(f'{k}={v}' for k, v in example.profile.items())}]" if example.profile else ""
            )
            console.print(
                f"  {verdict:<10} {escape(text[:160])}{'…' if len(text) > 160 else ''}{escape(facts[:120])}"
            )
