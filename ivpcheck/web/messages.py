"""What went wrong, in Dutch: HTTP status, page title and message per error category.

Input errors come from ivpcheck.model.errors (each has a `category`, TooManyPagesError included); the
service adds its own categories for the other limits (too large, busy) and for a missing upload.
"""

from __future__ import annotations

from dataclasses import dataclass

from ivpcheck.model.errors import IvpcheckError


@dataclass(frozen=True)
class Problem:
    """An error as the service shows it."""

    status: int
    category: str
    title: str
    message: str
    detail: str = ""
    retry_after: int = 0  # seconds, for a Retry-After header (0: none)

    @property
    def headers(self) -> dict[str, str]:
        """The response headers this problem asks for."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}

    def as_json(self) -> dict[str, str]:
        """The API's error body: {error: category, message}."""
        body = {"error": self.category, "message": self.message}
        if self.detail:
            body["detail"] = self.detail
        return body


RETRY = "Sla het plan op als PDF (met tekstlaag), DOCX of HTML en probeer het opnieuw."

# category -> (HTTP status, title, message)
TEXTS: dict[str, tuple[int, str, str]] = {
    "empty": (
        422,
        "Het bestand is leeg",
        "Er staan geen gegevens of geen tekst in dit bestand. Kies het bestand met het veiligheidsplan.",
    ),
    "unsupported": (
        415,
        "Dit bestandsformaat wordt niet ondersteund",
        "ivpcheck leest PDF, DOCX (Word), HTML, TXT en Markdown. " + RETRY,
    ),
    "not_pdf": (
        415,
        "Dit is geen PDF-bestand",
        "Het bestand heet .pdf, maar de inhoud is geen PDF (misschien een opgeslagen webpagina). " + RETRY,
    ),
    "corrupt": (
        422,
        "Het bestand is beschadigd",
        "Het bestand is beschadigd of onvolledig en kan niet worden gelezen. "
        "Download of exporteer het plan opnieuw en probeer het nog eens.",
    ),
    "encrypted": (
        422,
        "Het PDF-bestand is beveiligd met een wachtwoord",
        "Dit PDF-bestand is beveiligd met een wachtwoord en kan daardoor niet worden gelezen. "
        "Sla een onbeveiligde versie op en probeer het opnieuw.",
    ),
    "scan": (
        422,
        "Het PDF-bestand bevat geen tekst",
        "Dit PDF-bestand bevat alleen afbeeldingen van pagina's (een scan?) en geen tekstlaag. "
        "Maak het eerst doorzoekbaar met tekstherkenning (OCR) of gebruik het originele bestand.",
    ),
    "not_ivp": (
        422,
        "Dit is geen integraal veiligheidsplan",
        "Dit document lijkt geen integraal veiligheidsplan (IVP) te zijn, dus er is geen score berekend. "
        "Upload het veiligheidsplan zelf.",
    ),
    "too_many_pages": (
        422,
        "Het document is te lang",
        "Dit document heeft meer pagina's dan deze dienst controleert.",
    ),
    "too_large": (
        413,
        "Het bestand is te groot",
        "Het bestand is groter dan deze dienst accepteert.",
    ),
    "upload_timeout": (
        408,
        "Het uploaden duurde te lang",
        "Het bestand kwam niet op tijd binnen. Controleer de verbinding en probeer het opnieuw.",
    ),
    "timeout": (
        422,
        "Het controleren duurde te lang",
        "Het controleren van dit bestand duurde te lang en is afgebroken. "
        "Probeer een kleinere of eenvoudigere versie van het plan.",
    ),
    "memory": (
        422,
        "Het bestand vraagt te veel geheugen",
        "Het lezen van dit bestand vroeg meer geheugen dan deze dienst toestaat. "
        "Probeer een kleinere of eenvoudigere versie van het plan.",
    ),
    "busy": (
        503,
        "Bezet, probeer het later opnieuw",
        "De dienst controleert op dit moment al zoveel plannen als ze aankan: "
        "bezet, probeer het later opnieuw.",
    ),
    "no_file": (400, "Geen bestand ontvangen", "Kies eerst een bestand met het plan en verstuur het dan."),
    "bad_request": (400, "Ongeldig verzoek", "Het verzoek kon niet worden gelezen. Probeer het opnieuw."),
    "usage": (500, "De regelset kan niet worden geladen", "De controle is niet goed ingesteld."),
    "internal": (
        500,
        "Er ging iets mis",
        "Er ging iets mis bij het controleren van dit bestand. Het bestand is niet bewaard. "
        "Probeer het opnieuw of gebruik de opdrachtregel (ivpcheck check).",
    ),
    "page_not_found": (404, "Pagina niet gevonden", "Deze pagina bestaat niet."),
    "not_found": (
        404,
        "Rapport niet gevonden",
        "Dit rapport bestaat niet (meer). Rapporten worden maar kort bewaard; controleer het plan opnieuw.",
    ),
}


def problem(category: str, detail: str = "", extra: str = "") -> Problem:
    """The Problem for an error category (unknown categories count as internal errors)."""
    status, title, message = TEXTS.get(category, TEXTS["internal"])
    if category not in TEXTS:
        category = "internal"
    if extra:
        message = f"{message} {extra}"
    return Problem(status, category, title, message, detail)


def problem_for(error: IvpcheckError) -> Problem:
    """The Problem for an ivpcheck input error."""
    return problem(error.category, error.detail)
