"""Measurable targets: the SMART goals of the goal finder, each with its quantity, unit, year and baseline."""

from __future__ import annotations

import re

from ivpcheck.model.report import Target
from ivpcheck.profile.goals import Goal, GoalSource, GoalVocab, find_goals

NUMBER_WORDS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "vijftien": 15, "twintig": 20, "vijfentwintig": 25, "dertig": 30, "veertig": 40,
    "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100,
}  # fmt: skip
NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<num>{NUMBER})(?![\w.,]*[a-zA-Z])\s*(?P<unit>%|procent|procentpunt(?:en)?)?"
    r"|(?P<word>een\s+derde|een\s+kwart|de\s+helft|halveren|halvering|verdubbel\w*)"
    r"|(?P<spelled>"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?P<spelled_unit>procent|%)",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<![\d.,])(20[1-4]\d)(?![\d.,]\d)")
TIME_ANCHOR = re.compile(
    r"\b(?:in|uiterlijk|eind|einde|per|voor|tot\s+en\s+met|t/m|vanaf|naar|na|medio|begin)\s+(?:\w+\s+)?(20[1-4]\d)"
    r"|(?:planperiode|looptijd|binnen\s+(?:twee|drie|vier|\d)\s+jaar)",
    re.IGNORECASE,
)
BASELINE = re.compile(
    rf"\bvan\s+(?P<from>(?:{NUMBER})\s*(?:%|procent)?(?:\s+\w+){{0,3}}?(?:\s+in\s+20\d\d)?)\s+naar\s+"
    rf"|\((?P<paren>(?:nulmeting\s+)?20\d\d\s*:\s*[^)]+)\)"
    rf"|(?P<ref>ten\s+opzichte\s+van\s+(?:\w+\s+)?20\d\d|t\.o\.v\.\s+20\d\d|nulmeting[^.;]*?\d[^.;]*"
    rf"|(?:lager|hoger|minder|meer)\s+dan\s+(?:in\s+)?20\d\d)",
    re.IGNORECASE,
)
RATING = re.compile(r"rapportcijfer|cijfer|score|waardering", re.IGNORECASE)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def measure(goal: Goal) -> Target | None:
    """The Target a SMART goal states: its quantity and unit, target year and baseline (None without a
    quantity other than a year)."""
    sentence = goal.text
    baseline_match = BASELINE.search(sentence)
    baseline = None
    search_from = 0
    if baseline_match:
        baseline = " ".join(next(g for g in baseline_match.groups() if g).split()).strip(" ,")
        if baseline_match.group("from"):
            search_from = baseline_match.end()
    quantity, unit = _quantity(sentence, search_from)
    if quantity is None:
        return None
    years = [int(y) for y in YEAR.findall(sentence)]
    return Target(
        sentence=sentence[:500],
        quantity=quantity,
        unit=unit,
        target_year=_target_year(sentence, years),
        baseline=baseline,
        page=goal.unit.block.page,
        section=goal.unit.section,
    )


def _quantity(sentence: str, start: int) -> tuple[float | None, str | None]:
    """The target quantity: the first number after the baseline that is not a year."""
    for match in QUANTITY.finditer(sentence, start):
        if match.group("spelled"):
            return float(NUMBER_WORDS[match.group("spelled").lower()]), "%"
        if match.group("word"):
            word = match.group("word").lower()
            value = {"een derde": 33.3, "een kwart": 25.0, "de helft": 50.0}.get(word, 50.0)
            return value, "%"
        raw = match.group("num")
        if (
            YEAR.fullmatch(raw)
            or re.fullmatch(r"\d\d", raw)
            and sentence[match.start() - 1 : match.start()] == "'"
        ):
            continue
        value = _number(raw)
        if value is None:
            continue
        if match.group("unit"):
            return value, "%"
        tail = sentence[match.end() : match.end() + 25]
        head = sentence[max(0, match.start() - 3) : match.start()]
        if RATING.search(sentence) and value <= 10 and not re.match(r"\s*(?:keer|maal|per)", tail):
            return value, "rapportcijfer"
        if re.match(r"\s*(?:per|op\s+de)\s+1\.?000", tail):
            return value, "per 1.000"
        if re.match(r"\s*(?:euro|miljoen|mln)", tail) or head.rstrip().endswith("€"):
            return value, "euro"
        return value, "aantal"
    return None, None


def _target_year(sentence: str, years: list[int]) -> int | None:
    anchored = [int(m.group(1)) for m in TIME_ANCHOR.finditer(sentence) if m.group(1)]
    if anchored:
        return max(anchored)
    return max(years) if years else None


def find_targets(source: GoalSource) -> list[Target]:
    """Every measurable target: the SMART goals of the one goal finder (the judge's P4 reads the same
    goals), each measured; past results and deferred goals are not goals there, so not targets here."""
    found: list[Target] = []
    seen: set[str] = set()
    for goal in find_goals(source, GoalVocab()):
        if not goal.smart or goal.text in seen:
            continue
        target = measure(goal)
        if target is not None:
            seen.add(goal.text)
            found.append(target)
    return found
