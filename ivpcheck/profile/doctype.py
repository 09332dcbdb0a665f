"""What kind of document this is: IVP, uitvoeringsplan, raadsvoorstel, evaluatie, nieuwsbericht, overig."""

from __future__ import annotations

import re
from collections import defaultdict

from ivpcheck.model.document import Document
from ivpcheck.model.report import DocTypeDecision
from ivpcheck.profile.text import cover_text, first_pages_text, word_count

# Words in the title/cover that name the document's own type. Non-IVP types win over "veiligheidsplan"
# in the same title ("Startnotitie Integraal Veiligheidsplan" is a startnotitie).
TITLE_SIGNALS: dict[str, re.Pattern[str]] = {
    "uitvoeringsplan": re.compile(
        r"uitvoeringsplan|uitvoeringsprogramma|jaarschijf|actieplan|jaarplan|uitvoeringsagenda|"
        r"\bUVP\b|\bJUP\b|jaaruitvoeringsplan|werkplan",
        re.I,
    ),
    "raadsvoorstel": re.compile(
        r"raadsvoorstel|startnotitie|raadsbesluit|voorstel\s+aan\s+de\s+(?:gemeente)?raad|raadsinformatiebrief|"
        r"collegevoorstel|plan\s+van\s+aanpak\s+(?:voor\s+)?(?:het\s+)?(?:nieuwe\s+)?(?:integraal\s+)?veiligheidsplan",
        re.I,
    ),
    "evaluatie": re.compile(
        r"evaluatie|jaarverslag|veiligheidsrapportage|rapportage|veiligheidsmonitor|\bmonitor\b|"
        r"voortgangsrapportage|jaarrapportage|jaaroverzicht|veiligheidsbeeld\s+20\d\d|terugblik|"
        r"rekenkamer|verantwoording",
        re.I,
    ),
    "ivp": re.compile(
        r"integra(?:al|le)\s+veiligheids(?:plan|beleid|nota|programma|visie)|veiligheidsplan|"
        r"kadernota\s+(?:integrale\s+)?veiligheid|veiligheidsbeleid\s+20|\bIVP\b|integraal\s+veiligheidsbeleid|"
        r"beleidsplan\s+(?:integrale\s+)?veiligheid|veiligheidsnota",
        re.I,
    ),
}
HEADING_SIGNALS: dict[str, re.Pattern[str]] = {
    "ivp": re.compile(
        r"missie|visie|veiligheidsanalyse|prioriteiten|speerpunten|wettelijk\s+kader|looptijd|"
        r"veiligheidsvelden|beheersniveau|overige\s+(?:veiligheids)?thema|organisatie\s+en\s+uitvoering|"
        r"uitgangspunten|ambitie|nieuw\w*\s+veiligheidsplan",
        re.I,
    ),
    "uitvoeringsplan": re.compile(
        r"\bacties\b|actiepunten|activiteiten|planning|jaarschijf|uitvoering\s+20", re.I
    ),
    "raadsvoorstel": re.compile(
        r"beslispunten|voorgesteld\s+besluit|gevraagd\s+besluit|argumenten|kanttekeningen|"
        r"beoogd\s+(?:effect|resultaat)|vervolgstappen|vervolg|communicatie|financiële\s+consequenties|"
        r"participatie|procesvoorstel|planning\s+en\s+proces|samenvatting\s+voorstel",
        re.I,
    ),
    "evaluatie": re.compile(
        r"ontwikkeling(?:en)?\s+in\s+20|cijfers|resultaten|voortgang|stand\s+van\s+zaken|wat\s+hebben\s+we|"
        r"bereikt|realisatie|conclusies",
        re.I,
    ),
}
BODY_SIGNALS: dict[str, re.Pattern[str]] = {
    "raadsvoorstel": re.compile(
        r"het\s+college\s+(?:stelt|vraagt)\s+de\s+raad|wij\s+stellen\s+u\s+voor|de\s+raad\s+wordt\s+gevraagd|"
        r"besluit\s*:|te\s+besluiten|agendapunt|zaaknummer|registratienummer|portefeuillehouder\s*:|"
        r"raadsvergadering\s+van|onderwerp\s*:|aan\s+de\s+gemeenteraad|startnotitie",
        re.I,
    ),
    "evaluatie": re.compile(
        r"ten\s+opzichte\s+van\s+(?:het\s+)?(?:vorig|voorgaand)\w*\s+jaar|in\s+20\d\d\s+(?:daalde|steeg|nam)|"
        r"daalde|steeg|nam\s+\w+\s+(?:af|toe)|deze\s+rapportage|deze\s+monitor|dit\s+jaarverslag|"
        r"vergeleken\s+met\s+20\d\d",
        re.I,
    ),
    "uitvoeringsplan": re.compile(
        r"trekker|eigenaar|kwartaal|\bQ[1-4]\b|deze\s+actie|actie\s+\d|in\s+dit\s+uitvoeringsp|dit\s+uitvoeringsprogramma",
        re.I,
    ),
    "ivp": re.compile(
        r"dit\s+(?:integraal\s+)?veiligheidsplan|dit\s+IVP|artikel\s+38b|38b\s+politiewet|"
        r"dit\s+plan\s+(?:beschrijft|geeft|loopt)|in\s+dit\s+plan|"
        r"(?:dit|ons|het\s+nieuwe|een\s+nieuw)\s+(?:integraal\s+)?veiligheidsplan|met\s+dit\s+plan",
        re.I,
    ),
}
ABOUT_SAFETY_POLICY = re.compile(
    r"veiligheidsplan|\bIVP\b|integrale?\s+veiligheid|veiligheidsbeleid|kadernota\s+veiligheid|veiligheidsnota|"
    r"veiligheidsprogramma|38b",
    re.IGNORECASE,
)
NEWS_DATELINE = re.compile(r"^\s*[A-Z][A-Z'’\-\. ]{2,40}\s*[-–—|]\s+\S")
NEWS_SAYS = re.compile(
    r"\b(?:aldus|zegt|zei|vertelt|vertelde|laat\s+\w+\s+weten|liet\s+\w+\s+weten|stelt\s+(?:burgemeester|wethouder)|"
    r"volgens\s+(?:burgemeester|wethouder|de\s+burgemeester|de\s+wethouder))\b",
    re.I,
)
NEWS_QUOTE = re.compile(r"[\"“”„‘’']\s*[A-Z][^\"“”„]{15,}[\"“”„’']")
NEWS_MARKERS = re.compile(
    r"gepubliceerd\s+op|lees\s+ook|redactie|persbericht|nieuwsbericht|\bnieuws\b|bron\s*:|foto\s*:|"
    r"door\s+onze\s+verslaggever|\(\w+\)\s*[-–—]",
    re.I,
)


def classify_document(doc: Document) -> DocTypeDecision:
    """Decide the document type from title/cover words, headings, body signals, structure and length."""
    scores, reasons = type_scores(doc)
    if not scores or max(scores.values()) < 2.0:
        return DocTypeDecision(
            type="overig",
            is_ivp=False,
            confidence=0.5,
            reasons=["geen duidelijke kenmerken van een IVP, UVP, raadsvoorstel, evaluatie of nieuwsbericht"],
        )
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    if best == "ivp" and not ABOUT_SAFETY_POLICY.search(cover_text(doc) + "\n" + doc.body_text()):
        return DocTypeDecision(
            type="overig",
            is_ivp=False,
            confidence=0.6,
            reasons=[
                "opbouw van een beleidsplan, maar geen veiligheidsplan, IVP of veiligheidsbeleid genoemd"
            ],
        )
    runner_up = max(ranked[1][1], 0.0) if len(ranked) > 1 else 0.0
    confidence = round(min(0.99, max(0.3, (top - runner_up) / (top + 1e-9) * 0.6 + 0.4)), 2)
    return DocTypeDecision(type=best, is_ivp=best == "ivp", confidence=confidence, reasons=reasons[best][:6])


def type_scores(doc: Document) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The evidence score per document type, with the reasons behind each."""
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    title = cover_text(doc)
    first = first_pages_text(doc, 1)
    words = word_count(doc)

    news = _news_score(doc, words, reasons["nieuwsbericht"])
    scores["nieuwsbericht"] += news
    has_cover = any(b.kind == "cover" for b in doc.blocks)
    title_types = [kind for kind, pattern in TITLE_SIGNALS.items() if pattern.search(title)]
    non_ivp = [kind for kind in title_types if kind != "ivp"]
    for kind in title_types:
        weight = 6.0 if kind != "ivp" or not non_ivp else 1.0
        if news >= 4.0 and not has_cover:
            weight = 2.0  # a headline names what the article is about, not what it is
        scores[kind] += weight
        reasons[kind].append(f"titel/omslag: '{TITLE_SIGNALS[kind].search(title).group(0)}'")
    if not title_types:
        for kind, pattern in TITLE_SIGNALS.items():
            match = pattern.search(first)
            if match:
                scores[kind] += 2.5
                reasons[kind].append(f"eerste pagina: '{match.group(0)}'")

    for kind, pattern in HEADING_SIGNALS.items():
        hits = {m.group(0).lower() for h in doc.headings if (m := pattern.search(h.text))}
        if hits:
            scores[kind] += min(len(hits), 4) * 0.75
            reasons[kind].append("koppen: " + ", ".join(sorted(hits)[:4]))
    body = doc.body_text()
    for kind, pattern in BODY_SIGNALS.items():
        hits = {m.group(0).lower() for m in pattern.finditer(body)}
        if hits:
            scores[kind] += min(len(hits), 4) * 0.5
            reasons[kind].append("tekst: " + ", ".join(sorted(hits)[:4]))

    if words >= 2500 and len(doc.headings) >= 12:
        scores["ivp"] += 1.5
        reasons["ivp"].append(f"omvang: {words} woorden, {len(doc.headings)} koppen")
    elif words < 1800:
        scores["ivp"] -= 1.5
        reasons["ivp"].append(f"kort voor een IVP ({words} woorden)")
    return dict(scores), dict(reasons)


def _news_score(doc: Document, words: int, reasons: list[str]) -> float:
    """News markers: dateline, quotes with 'aldus/zegt', publication lines, short and flat structure."""
    score = 0.0
    body_blocks = [b for b in doc.blocks if b.kind in ("paragraph", "cover", "heading")]
    if any(NEWS_DATELINE.match(b.text) for b in body_blocks[:6]):
        score += 3.0
        reasons.append("plaatsnaam-aanhef (dateline)")
    body = doc.body_text()
    says = len(NEWS_SAYS.findall(body))
    quotes = len(NEWS_QUOTE.findall(body))
    if says:
        score += min(says, 3) * 1.0
        reasons.append(f"citaten met 'aldus/zegt' ({says}x)")
    if quotes >= 2:
        score += 1.0
        reasons.append(f"citaten tussen aanhalingstekens ({quotes}x)")
    if NEWS_MARKERS.search(body[:3000]):
        score += 1.0
        reasons.append("nieuwskenmerken (gepubliceerd op, lees ook, bron)")
    numbered = sum(1 for h in doc.headings if h.number)
    if words < 1500 and not doc.toc and numbered == 0:
        score += 1.5 if score else 0.0
        reasons.append(f"kort en zonder hoofdstukindeling ({words} woorden)")
    elif words > 2500 or doc.toc or numbered >= 3:
        score *= 0.3  # a long, structured document quoting people is not a news article
    return score
