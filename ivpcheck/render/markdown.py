"""The Markdown report: the same reading order as the terminal report, for wikis and e-mail."""

from __future__ import annotations

from ivpcheck.model.report import Report
from ivpcheck.render.terminal import evidence_lines
from ivpcheck.render.view import ReportView, build_view


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def md_text(text: str) -> str:
    """Running text with Markdown's inline markup characters neutralised."""
    out = " ".join(text.split())
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(char, "\\" + char)
    return out


def render_markdown(report: Report, lang: str | None = None) -> str:
    """The report as a Markdown document."""
    view = build_view(report, lang)
    lines = _not_ivp(view) if not view.scored else _report(view)
    return "\n".join(lines).rstrip() + "\n"


def _header(view: ReportView) -> list[str]:
    L = view.L
    munis = ", ".join(view.municipalities) or L["unknown"]
    if view.joint:
        munis += f" ({L['joint']})"
    lines = [f"# {L['title']}: {md_text(view.file)}", ""]
    rows = [
        (L["plan_title"], view.plan_title),
        (L["municipalities"], munis),
        (L["period"], view.period or L["unknown"]),
        (L["doc_type"], view.doc_type or L["unknown"]),
        (L["file"], f"{view.path} ({view.file_facts})"),
        (L["checked_on"], f"{view.check_date} · {L['rulepack']} {view.rulepack_version}"),
    ]
    lines += [f"- **{label}:** {md_text(value)}" for label, value in rows if value]
    return lines + [""]


def _report(view: ReportView) -> list[str]:
    L = view.L
    lines = _header(view)
    for notice in view.notices:
        lines.append(f"> **{notice.title}.** {md_text(notice.lead)}")
        if notice.reasons:
            lines += [">"] + [f"> - {md_text(reason)}" for reason in notice.reasons]
        lines.append("")
    lines.append(
        f"**{L['total']}: {view.total if view.total is not None else '–'} / 100** — "
        f"{L['band']}: **{view.band or '–'}**"
    )
    lines.append("")
    if view.capped_by:
        lines += [f"> {L['band_capped']}: {', '.join(view.capped_by)}", ""]
    scores = " · ".join(f"{s.letter} {s.score if s.score is not None else '–'}" for s in view.sections)
    lines += [f"{L['section_scores']}: {scores}", ""]
    for section in view.sections:
        score = f"{L['score']} {section.score}" if section.score is not None else L["not_scored"]
        lines += [f"## {section.letter} — {md_text(section.name)} ({score})", ""]
        lines.append(f"| {L['id']} | {L['criterion']} | {L['weight']} | {L['verdict']} | {L['page']} |")
        lines.append("|---|---|--:|---|--:|")
        for row in section.rows:
            verdict = f"{row.symbol} {row.verdict_label}" + (f" ({L['waived']})" if row.waived else "")
            if row.advisor:
                verdict += f" → **{row.advisor}** ({L['advisor']})"
            cid = row.id + (" ★" if row.kernelement else "")
            page = row.page if row.page is not None else ""
            lines.append(f"| {cid} | {md_cell(row.title)} | {row.weight} | {verdict} | {page} |")
        lines.append("")
    lines += [L["kern_legend"], "", L["legend"], ""]
    lines += [f"## {L['improvements']}", ""]
    if not view.improvements:
        lines += [L["no_improvements"], ""]
    else:
        lines += [f"*{L['improvements_intro']}*", ""]
    for item in view.improvements:
        kern = " ★" if item.kernelement else ""
        lines.append(
            f"{item.rank}. **{item.id}{kern} {md_text(item.title)}** "
            f"({L['weight'].lower()} {item.weight}, {item.symbol} {item.verdict_label})  "
        )
        lines.append(f"   {md_text(item.text or '–')}")
        for label, line in evidence_lines(item, L):
            lines.append(f"   - *{label}:* {md_text(line)}")
        lines.append("")
    if view.waived:
        lines += [f"## {L['waived_list']}", ""]
        lines += [
            f"- **{cid}** {md_text(title)} — {L['reason']}: {md_text(reason)}"
            for cid, title, reason in view.waived
        ]
        lines.append("")
    if view.reviewed:
        lines += [f"## {L['reviewed_list']}", ""]
        lines += [
            f"- **{r.id}** {md_text(r.title)}: {r.tool} → **{r.advisor}** — "
            f"{L['reason']}: {md_text(r.reason)}"
            for r in view.reviewed
        ]
        lines.append("")
    lines += ["---", "", f"*{view.generated_by}*"]
    return lines


def _not_ivp(view: ReportView) -> list[str]:
    L = view.L
    lines = [f"# {L['title']}: {md_text(view.file)}", "", f"## {L['not_ivp_title']}", ""]
    lines += [L["not_ivp_lead"].format(what=view.not_ivp_what or L["unknown"]), ""]
    if view.not_ivp_reasons:
        lines += [f"**{L['not_ivp_why']}:**", ""]
        lines += [f"- {md_text(reason)}" for reason in view.not_ivp_reasons]
        lines.append("")
    lines.append(L["not_ivp_no_score"])
    return lines
