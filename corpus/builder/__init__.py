"""Deterministic corpus builder for ivpcheck: sources -> PDF, DOCX, HTML, bad inputs, manifest."""

from reportlab import rl_config

# Must be set before reportlab.lib.pdfencrypt is imported: fixed dates, ids and "random" bytes.
rl_config.invariant = 1
