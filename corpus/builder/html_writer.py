"""Render a source to a self-contained HTML page styled like an official publication."""

from __future__ import annotations

import html
from pathlib import Path

from . import source as src
from .inline import note_numbers, plain, to_markup

CSS = """
body{font-family:"Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#f3f3f3;margin:0}
.publicatie-kop{background:#154273;color:#fff;padding:1.2em 2em}
.publicatie-kop p{margin:.15em 0}.publicatie-soort{font-weight:bold;letter-spacing:.08em}
#broodtekst{max-width:46em;margin:0 auto;background:#fff;padding:2em 3em 3em}
.intitule{font-size:1.35em;font-weight:bold;margin:.5em 0 1.2em}
.besluit{border-left:4px solid #154273;background:#f6f8fb;padding:.6em 1.2em;margin:1em 0 2em}
h1{font-size:1.5em;color:#154273}h2{font-size:1.25em}h3{font-size:1.1em}h4{font-size:1em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #888;padding:.25em .6em;text-align:left}
th{background:#e3e8ee}.kader{border:1px solid #55606b;background:#f1f4f7;padding:.4em 1em;margin:1em 0}
.inhoudsopgave ul{list-style:none;padding-left:0}.inhoudsopgave li.niveau-2{padding-left:1.2em}
.inhoudsopgave li.niveau-3{padding-left:2.4em}
.voetnoten{font-size:.85em;border-top:1px solid #ccc;margin-top:2em}.colofon{font-size:.85em;color:#555}
""".strip()


class HtmlWriter:
    """Builds one HTML page; headings get ids `h1`, `h2`, ... in source order."""

    def __init__(self, source: src.Source) -> None:
        self.source = source
        self.numbers = note_numbers(source)
        self.ids = {id(h): f"h{i}" for i, h in enumerate(source.headings(), start=1)}

    def inline(self, text: str) -> str:
        sup = '<sup><a class="noot" href="#noot{n}" id="nootref{n}">{n}</a></sup>'
        return to_markup(text, self.numbers, sup=sup)

    def lst(self, block: src.ListBlock) -> list[str]:
        tag = "ol" if block.ordered else "ul"
        out = [f"<{tag}>"]
        open_sub = False
        for item in block.items:
            if item.depth and not open_sub:
                out[-1] = out[-1].removesuffix("</li>")
                out.append(f"<{tag}>")
                open_sub = True
            elif not item.depth and open_sub:
                out.append(f"</{tag}></li>")
                open_sub = False
            out.append(f"<li>{self.inline(item.text)}</li>")
        if open_sub:
            out.append(f"</{tag}></li>")
        return out + [f"</{tag}>"]

    def table(self, block: src.Table) -> list[str]:
        head = "".join(f'<th scope="col">{self.inline(c)}</th>' for c in block.header)
        rows = ["<tr>" + "".join(f"<td>{self.inline(c)}</td>" for c in r) + "</tr>" for r in block.rows]
        return [
            '<table class="tabel">',
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]

    def blocks(self, blocks: list) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if isinstance(block, src.Heading):
                level = min(block.level, 4)
                out.append(f'<h{level} id="{self.ids[id(block)]}">{self.inline(block.text)}</h{level}>')
            elif isinstance(block, src.Para):
                out.append(f"<p>{self.inline(block.text)}</p>")
            elif isinstance(block, src.ListBlock):
                out += self.lst(block)
            elif isinstance(block, src.Table):
                out += self.table(block)
            elif isinstance(block, src.Container) and block.kind == "box":
                out += ['<div class="kader">', *self.blocks(block.blocks), "</div>"]
            elif isinstance(block, src.Container) and block.kind == "twocolumn":
                out += self.blocks(block.blocks)
        return out

    def toc(self) -> list[str]:
        out = [
            '<nav class="inhoudsopgave">',
            '<p class="inhoudsopgave-kop"><strong>Inhoudsopgave</strong></p>',
            "<ul>",
        ]
        for i, heading in enumerate(self.source.headings(), start=1):
            if heading.level <= 3:
                text = html.escape(plain(heading.text))
                out.append(f'<li class="niveau-{heading.level}"><a href="#h{i}">{text}</a></li>')
        return out + ["</ul>", "</nav>"]

    def build(self) -> str:
        s = self.source
        esc = html.escape
        tops = [b for b in s.blocks if isinstance(b, src.Container)]
        author = s.text("author")
        head = [
            "<!DOCTYPE html>",
            '<html lang="nl">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{esc(s.title)}</title>",
            f'<meta name="DC.title" content="{esc(s.title)}">',
            '<meta name="DC.language" content="nl">',
            f'<meta name="OVERHEID.authority" content="{esc(author)}">',
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            '<header class="publicatie-kop">',
            '<p class="publicatie-soort">GEMEENTEBLAD</p>',
            f'<p class="publicatie-uitgever">Officiële uitgave van {esc(author or "de gemeente")}.</p>',
            f'<p class="publicatie-datum">{esc(s.text("date"))}</p>' if s.text("date") else "",
            "</header>",
            '<main id="broodtekst">',
        ]
        subtitle = f" — {s.text('subtitle')}" if s.text("subtitle") else ""
        body = [f'<p class="intitule">{esc(s.title + subtitle)}</p>']
        for block in (b for b in tops if b.kind == "decision"):
            body += ['<div class="besluit">', *self.blocks(block.blocks), "</div>"]
        if s.flag("toc"):
            body += self.toc()
        body += ['<div class="regeling-tekst">', *self.blocks(s.blocks), "</div>"]
        if self.numbers:
            body += ['<div class="voetnoten">', "<ol>"]
            for label, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
                body.append(f'<li id="noot{n}" value="{n}">{self.inline(s.footnotes[label])}</li>')
            body += ["</ol>", "</div>"]
        for block in (b for b in tops if b.kind == "colophon"):
            body += ['<footer class="colofon">', *self.blocks(block.blocks), "</footer>"]
        return "\n".join([*(h for h in head if h), *body, "</main>", "</body>", "</html>", ""])


def build_html(source: src.Source, path: Path) -> dict:
    """Write `path`; return the manifest record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HtmlWriter(source).build(), encoding="utf-8")
    headings = [{"level": h.level, "text": plain(h.text).strip(), "page": None} for h in source.headings()]
    return {"layout": None, "pages": None, "headings": headings, "toc": source.flag("toc")}
