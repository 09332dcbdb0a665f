"""Dutch labels for the outcome of a file in a batch (summary, analysis report)."""

from __future__ import annotations

OUTCOME_LABELS = {
    "scored": "getoetst als IVP",
    "not_ivp": "geen IVP",
    "missing": "niet gevonden of onleesbaar",
    "empty": "leeg bestand",
    "unsupported": "formaat niet ondersteund",
    "not_pdf": "heet .pdf maar is geen PDF",
    "corrupt": "beschadigd of afgebroken",
    "encrypted": "beveiligd met wachtwoord",
    "scan": "scan zonder tekstlaag",
    "timeout": "verwerking te lang (time-out)",
    "crash": "werkproces gestopt",
    "internal": "interne fout",
    "waivers": "ongeldig vrijstellingenbestand",
}
