"""Two-column pages with a ruled table in one column and running text in the other: the reader
keeps the table in its column and finds the headings beside it (a page of a large city's programme
whose theme table runs on from the previous page). The PDFs are made by the corpus builder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ivpcheck.read import read_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
sys.path.insert(0, str(CORPUS))

from builder.pdf_writer import build_pdf  # noqa: E402
from builder.source import parse_text  # noqa: E402

HEADINGS = [
    "1 Thema's en programmalijnen",
    "2 Programmalijn Veilige wijken",
    "2.1 Veilige buurten",
    "2.2 Woninginbraak",
]


def _source(rows: int) -> str:
    table = "\n".join(
        f"| Programmalijn {i % 4 + 1} | Thema nummer {i} met een naam over twee regels | "
        f"{'prioriteit' if i % 2 else 'basisaanpak'} |"
        for i in range(1, rows + 1)
    )
    buurten = (
        "De basis voor een veilige gemeente ligt in de buurten, waar bewoners en partners samen optrekken. "
    )
    inbraak = "Het aantal woninginbraken is gedaald, maar de impact op slachtoffers blijft groot. "
    return f"""---
id: kolommen-tabel
doc_type: ivp
title: "Integraal Veiligheidsplan Zuidhoven 2025-2028"
layout: twocolumn
toc: false
cover: false
outline: false
tagged: false
formats: [pdf]
---

# {HEADINGS[0]}

Dit plan ordent de thema's in vier programmalijnen. De tabel geeft per thema aan of het een prioriteit is.

| Programmalijn | Thema | Status |
|---|---|---|
{table}

# {HEADINGS[1]}

## {HEADINGS[2]}

{buurten * 10}

## {HEADINGS[3]}

{inbraak * 10}
"""


@pytest.mark.parametrize(
    "rows",
    [12, 34, 38],
    ids=["table-beside-prose", "table-fills-the-left-column", "table-at-the-top-of-both-columns"],
)
def test_headings_beside_a_ruled_table_in_the_other_column(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "plan.pdf"
    record = build_pdf(parse_text(_source(rows)), "twocolumn", path)
    document = read_document(path)
    found = [(h.label, h.page) for h in document.headings]
    assert found == [(h["text"], h["page"]) for h in record["headings"]]
    assert [text for text, _ in found] == HEADINGS
    table_rows = [b.text for b in document.blocks if b.kind == "table"]
    assert table_rows and not any("Veilige" in row or "Woninginbraak" in row for row in table_rows)
