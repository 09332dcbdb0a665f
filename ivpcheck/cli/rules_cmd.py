"""`ivpcheck rules [ID]`: list the checklist rules, or explain one, straight from the rule files."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import format_option
from ivpcheck.judge import kinds as detectors
from ivpcheck.judge.pack import IMPROVEMENT_VERDICTS, Rule, RulePack, check_ids, load_pack, pack_paths
from ivpcheck.model.settings import Settings
from ivpcheck.render.labels import RULE_LABELS, SECTIONS, VERDICTS, lang_or_default
from ivpcheck.render.rules import rule_data, rules_data


@click.command("rules", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("rule_id", required=False)
@click.option(
    "--rules", "extra", multiple=True, type=click.Path(path_type=Path), help="Extra regelset (herhaalbaar)."
)
@click.option("--replace-rules", is_flag=True, help="--rules vervangt de standaardregelset.")
@click.option(
    "--examples/--no-examples", default=True, help="Toon de voorbeeldpassages bij uitleg van één regel."
)
@click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", help="Taal van de uitleg (standaard nl)."
)
@format_option(
    ["terminal", "json"], "Uitvoerformaat; json: de regels als JSON (zoals /api/rules).", "terminal"
)
@reports_input_errors
def rules(
    rule_id: str | None, extra: tuple[Path, ...], replace_rules: bool, examples: bool, lang: str, fmt: str
) -> None:
    """Toon alle regels van de checklist, of leg één regel uit (bijv. `ivpcheck rules P4`).

    List the checklist rules, or explain one rule: what it looks for, how it decides, its
    improvement point and its example passages (`--lang en` for English).
    """
    settings = Settings(rules=list(extra), replace_rules=replace_rules) if extra else Settings()
    pack = load_pack(pack_paths(settings))
    console = Console(highlight=False)
    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps(rules_data(pack, lang), ensure_ascii=False, indent=2))
        else:
            console.print(rules_table(pack, lang))
        return
    rule = pack.get(rule_id)
    if rule is None:
        check_ids(pack, [rule_id], "rules", sections=False)  # exit 2, with the nearest id as suggestion
        return
    if fmt == "json":
        click.echo(json.dumps(rule_data(rule, lang, detail=True), ensure_ascii=False, indent=2))
    else:
        explain(console, rule, examples, lang)


def rules_table(pack: RulePack, lang: str = "nl") -> Table:
    """All rules as a rich table: id, section, weight, kernelement, title."""
    L = RULE_LABELS[lang_or_default(lang)]
    names = SECTIONS[lang_or_default(lang)]
    table = Table(
        title=L["pack"].format(name=pack.name, version=pack.version, n=len(pack.rules)), title_justify="left"
    )
    for key in ("id", "section", "weight", "kern", "title"):
        table.add_column(
            L[key], style="bold" if key == "id" else "", justify="right" if key == "weight" else "left"
        )
    for rule in pack.rules:
        section = f"{rule.section} {names.get(rule.section, '')}".strip()
        weight = str(rule.weight) if rule.weight else L["info"]
        title = rule.text("title", lang) or rule.title
        table.add_row(rule.id, section, weight, "●" if rule.kernelement else "", escape(title))
    return table


def _shown(path: str) -> str:
    """A rule file's path, relative to the working directory when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def explain(console: Console, rule: Rule, examples: bool = True, lang: str = "nl") -> None:
    """Everything about one rule, in Dutch or English (detector descriptions stay Dutch)."""
    lang = lang_or_default(lang)
    L = RULE_LABELS[lang]
    verdicts = VERDICTS[lang]
    section = SECTIONS[lang].get(rule.section, rule.section)
    kern = f" · {L['kernelement']}" if rule.kernelement else ""
    console.print(f"[bold]{rule.id} {escape(rule.slug)}[/bold] — {escape(rule.text('title', lang) or '')}")
    header = L["header"].format(letter=rule.section, section=section, weight=rule.weight, kern=kern)
    console.print(f"{header} · {escape(rule.source)}")
    console.print()
    console.print(f"[bold]{L['looks_for']}[/bold]")
    console.print(escape(rule.text("description", lang) or ""))
    console.print()
    console.print(f"[bold]{L['detectors']}[/bold]")
    for name, params in rule.detectors.items():
        console.print(f"  {name} ({params.kind}): {escape(detectors.describe(params))}")  # type: ignore[attr-defined]
    if rule.params:
        settings = ", ".join(f"{k} = {v}" for k, v in rule.params.items())
        console.print(f"  {L['parameters']}: {escape(settings)}")
    console.print()
    console.print(L["decision"])
    for verdict, condition in rule.decide.ordered():
        console.print(f"  {verdicts[verdict]:<10} {L['if']} {escape(condition)}")
    console.print(f"  {L['otherwise']:<10} {verdicts[rule.decide.otherwise]}")
    console.print()
    console.print(f"[bold]{L['improvement']}[/bold]")
    for verdict in IMPROVEMENT_VERDICTS:
        text = " ".join(rule.improvement_for(verdict, lang).split())
        console.print(f"  {verdicts[verdict]}: {escape(text)}")
    if examples:
        console.print()
        console.print(f"[bold]{L['examples']}[/bold]")
        for verdict, example in rule.examples.items():
            text = " ".join(example.text.split()) or L["empty"]
            facts = (
                f" [{', '.join(f'{k}={v}' for k, v in example.profile.items())}]" if example.profile else ""
            )
            shown = f"{text[:160]}{'…' if len(text) > 160 else ''}"
            console.print(f"  {verdicts[verdict]:<10} {escape(shown)}{escape(facts[:120])}")
