"""`ivpcheck profile FILE`: print the plan's profile alone (type, municipalities, period, priorities)."""

from __future__ import annotations

from typing import Literal

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.report import Profile

FIELD_LABELS = {
    "veilige-woon-en-leefomgeving": "Veilige woon- en leefomgeving",
    "bedrijvigheid-en-veiligheid": "Bedrijvigheid en veiligheid",
    "jeugd-en-veiligheid": "Jeugd en veiligheid",
    "fysieke-veiligheid": "Fysieke veiligheid",
    "integriteit-en-veiligheid": "Integriteit en veiligheid",
    "dwarsdoorsnijdend": "Dwarsdoorsnijdend",
}


def render_profile(profile: Profile, console: Console, source: str = "") -> None:
    """The profile as a readable terminal page."""
    decision = profile.doc_type
    if source:
        console.print(f"[bold]{escape(source)}[/bold]")
    console.print(
        f"Documentsoort / type: [bold]{decision.type}[/bold] (zekerheid {decision.confidence:.2f})"
        + ("" if decision.is_ivp else "  [yellow]geen IVP / not an IVP[/yellow]")
    )
    for reason in decision.reasons:
        console.print(f"  [dim]- {escape(reason)}[/dim]")
    console.print(f"Titel / title: {escape(profile.title or '-')}")
    names = ", ".join(
        f"{m.name} ({m.code}{', ' + '/'.join(m.networks) if m.networks else ''})"
        for m in profile.municipalities
    )
    joint = " [cyan]gezamenlijk plan / joint plan[/cyan]" if profile.joint else ""
    console.print(f"Gemeente(n) / municipalities: {escape(names or '-')}{joint}")
    period = f"{profile.period_start}-{profile.period_end}" if profile.period_start else "-"
    console.print(f"Looptijd / period: {period}")
    console.print(f"Vastgesteld / adopted: {profile.adopted_on or '-'}")
    console.print()
    table = Table(title=f"Prioriteiten / priorities ({len(profile.priorities)})", show_lines=False)
    for column in ("#", "Prioriteit", "Veld", "Termen", "Scope", "Pagina", "Kop / section"):
        table.add_column(column, overflow="fold")
    for index, priority in enumerate(profile.priorities, 1):
        scope = priority.scope or "-"
        if priority.municipality:
            scope += f" ({priority.municipality})"
        table.add_row(
            str(index),
            escape(priority.text),
            FIELD_LABELS.get(priority.field or "", "-"),
            escape(", ".join(priority.matched[:4])),
            escape(scope),
            str(priority.page or "-"),
            escape(priority.section or "-"),
        )
    console.print(table)
    console.print(f"Partners ({len(profile.partners)}): {escape(', '.join(profile.partners) or '-')}")
    console.print()
    console.print(f"[bold]Meetbare doelen / targets ({len(profile.targets)})[/bold]")
    for target in profile.targets:
        parts = [f"{target.quantity:g} {target.unit or ''}".strip() if target.quantity is not None else ""]
        if target.target_year:
            parts.append(f"in {target.target_year}")
        if target.baseline:
            parts.append(f"nulmeting: {target.baseline}")
        console.print(f"  p.{target.page or '-'} [bold]{escape(' '.join(p for p in parts if p))}[/bold]")
        console.print(f"    [dim]{escape(target.sentence[:200])}[/dim]")


@click.command("profile")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["terminal", "json"]),
    default="terminal",
    show_default=True,
    help="terminal: leesbaar overzicht; json: het Profile-model.",
)
@click.option(
    "--reader",
    type=click.Choice(["pdfium", "pdfplumber"]),
    default="pdfium",
    show_default=True,
    help="PDF reader.",
)
@reports_input_errors
def profile(
    file: str, output_format: Literal["terminal", "json"], reader: Literal["pdfium", "pdfplumber"]
) -> None:
    """Toon het profiel van een plan / show a plan's profile (type, gemeenten, looptijd, prioriteiten)."""
    from ivpcheck.profile import build_profile
    from ivpcheck.read import read_document

    doc = read_document(file, reader=reader)
    result = build_profile(doc)
    if output_format == "json":
        click.echo(result.model_dump_json(indent=2))
        return
    render_profile(result, Console(), source=doc.source)
