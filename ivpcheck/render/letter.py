"""The advisor's letter: the report as an editable Word document (`check --format docx`).

A letter head (municipality, plan, date), the score and band, the improvement points in order of
weight with their evidence, the advisor's verdicts and waivers, and every criterion in an annex.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

from ivpcheck.model.report import Report
from ivpcheck.render.labels import LETTER_LABELS
from ivpcheck.render.terminal import evidence_lines
from ivpcheck.render.view import ReportView, build_view


def render_letter(report: Report, lang: str | None = None) -> bytes:
    """The report as a .docx letter (bytes)."""
    view = build_view(report, lang)
    W = LETTER_LABELS.get(view.lang, LETTER_LABELS["nl"])
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    _head(doc, view, W)
    if view.scored:
        _body(doc, view, W)
    else:
        _not_ivp(doc, view)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _head(doc: DocxDocument, view: ReportView, W: dict[str, str]) -> None:
    municipality = ", ".join(view.municipalities) or W["the_municipality"]
    plan = view.plan_title or W["the_plan"]
    doc.core_properties.title = W["subject"].format(plan=plan)
    doc.add_paragraph(W["to"].format(municipality=municipality))
    details = doc.add_table(rows=0, cols=2)
    for label, value in (
        (W["date"], view.check_date),
        (W["plan"], plan + (f" ({view.period})" if view.period else "")),
        (W["file"], view.file),
    ):
        cells = details.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_paragraph()
    subject = doc.add_paragraph()
    subject.add_run(W["subject"].format(plan=plan)).bold = True
    doc.add_paragraph(W["opening"])


def _body(doc: DocxDocument, view: ReportView, W: dict[str, str]) -> None:
    L = view.L
    for notice in view.notices:  # not (entirely) an IVP, or text recognised from a scan
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{notice.title}. ").bold = True
        paragraph.add_run(notice.lead)
    doc.add_paragraph(W["lead"])
    score = doc.add_paragraph()
    total = view.total if view.total is not None else "–"
    score.add_run(W["score"].format(total=total, band=view.band or "–")).bold = True
    if view.capped_by:
        doc.add_paragraph(f"{L['band_capped']}: {', '.join(view.capped_by)}.")
    doc.add_heading(W["improvements"], level=1)
    if not view.improvements:
        doc.add_paragraph(L["no_improvements"])
    for item in view.improvements:
        kern = " ★" if item.kernelement else ""
        doc.add_heading(
            f"{item.rank}. {item.id}{kern} {item.title} ({L['weight'].lower()} {item.weight}, "
            f"{item.symbol} {item.verdict_label})",
            level=2,
        )
        doc.add_paragraph(item.text or "–")
        for label, line in evidence_lines(item, L):
            doc.add_paragraph(f"{label}: {line}", style="List Bullet")
    if view.reviewed:
        doc.add_heading(L["reviewed_list"], level=1)
        for r in view.reviewed:
            line = f"{r.id} {r.title}: {r.tool} → {r.advisor} — {L['reason']}: {r.reason}"
            doc.add_paragraph(line, style="List Bullet")
    if view.waived:
        doc.add_heading(L["waived_list"], level=1)
        for cid, title, reason in view.waived:
            doc.add_paragraph(f"{cid} {title} — {L['reason']}: {reason}", style="List Bullet")
    doc.add_paragraph()
    doc.add_paragraph(W["closing"])
    doc.add_paragraph(W["signature"])
    doc.add_page_break()
    _annex(doc, view, W)


def _annex(doc: DocxDocument, view: ReportView, W: dict[str, str]) -> None:
    """Every criterion, section by section, in one table."""
    L = view.L
    doc.add_heading(W["annex"], level=1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, (L["id"], L["criterion"], L["weight"], L["verdict"], L["page"]), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for section in view.sections:
        score = f"{L['score']} {section.score}" if section.score is not None else L["not_scored"]
        merged = table.add_row().cells
        merged[0].merge(merged[-1]).text = f"{section.letter} — {section.name} ({score})"
        for row in section.rows:
            verdict = f"{row.symbol} {row.verdict_label}" + (f" ({L['waived']})" if row.waived else "")
            if row.advisor:
                verdict += f" → {row.advisor} ({L['advisor']})"
            cells = table.add_row().cells
            values = (
                row.id + (" ★" if row.kernelement else ""),
                row.title,
                str(row.weight),
                verdict,
                str(row.page) if row.page is not None else "",
            )
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    doc.add_paragraph(L["kern_legend"])
    doc.add_paragraph(L["legend"])
    doc.add_paragraph(view.generated_by)


def _not_ivp(doc: DocxDocument, view: ReportView) -> None:
    L = view.L
    doc.add_heading(L["not_ivp_title"], level=1)
    doc.add_paragraph(L["not_ivp_lead"].format(what=view.not_ivp_what or L["unknown"]))
    for reason in view.not_ivp_reasons:
        doc.add_paragraph(reason, style="List Bullet")
    doc.add_paragraph(L["not_ivp_no_score"])
