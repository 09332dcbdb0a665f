"""The plan's profile as a terminal page (`ivpcheck profile`)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ivpcheck.model.checklist import FIELD_LABELS
from ivpcheck.model.report import Municipality, Profile
from ivpcheck.text.numbers import number


def render_profile(profile: Profile, console: Console, source: str = "") -> None:
    """The profile as a readable terminal page."""
    decision = profile.doc_type
    if source:
        console.print(f"[bold]{escape(source)}[/bold]")
    console.print(
        f"Documentsoort / type: [bold]{decision.type}[/bold] "
        f"(zekerheid {number(decision.confidence, 'nl', 2)})"
        + ("" if decision.is_ivp else "  [yellow]geen IVP / not an IVP[/yellow]")
        + (
            "  [yellow]twijfel: getoetst met een waarschuwing / doubt: scored with a notice[/yellow]"
            if decision.doubt
            else ""
        )
    )
    for reason in decision.reasons:
        console.print(f"  [dim]- {escape(reason)}[/dim]")
    console.print(f"Titel / title: {escape(profile.title or '-')}")
    names = ", ".join(_municipality(m) for m in profile.municipalities)
    joint = " [cyan]gezamenlijk plan / joint plan[/cyan]" if profile.joint else ""
    console.print(f"Gemeente(n) / municipalities: {escape(names or '-')}{joint}")
    period = f"{profile.period_start}-{profile.period_end}" if profile.period_start else "-"
    console.print(f"Looptijd / period: {period}")
    console.print(f"Vastgesteld / adopted: {profile.adopted_on or '-'}")
    console.print()
    table = Table(title=f"Prioriteiten / priorities ({len(profile.priorities)})", show_lines=False)
    for column in ("#", "Prioriteit", "Veld", "Termen", "Scope", "Gevonden in", "Pagina", "Kop / section"):
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
            (priority.found_in or "-") + (" (aandachtsthema)" if priority.implicit else ""),
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


def _municipality(m: Municipality) -> str:
    """'Den Haag (= 's-Gravenhage, GM0518, G4; titel)', with today's successor for a former municipality."""
    name = m.name_in_plan or m.name
    facts = [f"= {m.name}"] if m.name_in_plan else []
    facts.append(m.code + (f", {'/'.join(m.networks)}" if m.networks else ""))
    if m.current_code:
        facts.append(f"nu / now {m.current_name} {m.current_code}")
    where = f"; {m.found_in}" if m.found_in else ""
    return f"{name} ({', '.join(facts)}{where})"
