"""The profile stage: vocabularies, municipality list, detectors, and accuracy on the built corpus."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ivpcheck.eval.profiles import evaluate
from ivpcheck.model.document import Block, DocumentMeta, TocEntry
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings
from ivpcheck.profile import build_profile
from ivpcheck.profile.doctype import classify_document, doctype_gate
from ivpcheck.profile.fields import classify
from ivpcheck.profile.goals import GoalSource, GoalVocab, find_goals
from ivpcheck.profile.municipalities import DATA_FILE, detect_municipalities, load_municipalities, lookup
from ivpcheck.profile.period import find_adoption, find_period, period_cues
from ivpcheck.profile.priorities import extract_priorities, priority_cues
from ivpcheck.profile.targets import find_targets
from ivpcheck.profile.vocab import profile_vocab
from ivpcheck.read import read_document
from ivpcheck.read.assemble import assemble_document
from ivpcheck.run.pipeline import pack_for
from ivpcheck.text.passages import view_of
from ivpcheck.text.terms import TermMatcher

REPO = Path(__file__).resolve().parent.parent
VOCAB_DIR = DEFAULT_RULES_DIR / "vocab"
VOCAB = pack_for(Settings()).vocab  # the default rule pack's vocabularies
FIELDS = profile_vocab(VOCAB).fields
CUES = priority_cues(VOCAB)
PERIOD = period_cues(VOCAB)
GOLD = REPO / "corpus" / "gold"
FIELD_IDS = {
    "veilige-woon-en-leefomgeving",
    "bedrijvigheid-en-veiligheid",
    "jeugd-en-veiligheid",
    "fysieke-veiligheid",
    "integriteit-en-veiligheid",
    "dwarsdoorsnijdend",
}


def make_doc(*blocks: tuple[str, str] | tuple[str, str, int], title: str | None = None, page: int = 1):
    """A Document from (kind, text[, level]) tuples; headings get their level."""
    built = []
    for item in blocks:
        kind, text = item[0], item[1]
        level = item[2] if len(item) > 2 else (1 if kind == "heading" else None)
        built.append(Block(page=page, kind=kind, text=text, level=level))
    return assemble_document(
        source="test.txt", fmt="text", sha256="0" * 64, blocks=built, meta=DocumentMeta(title=title)
    )


# --- vocabularies -------------------------------------------------------------------------------


def test_fields_vocabulary_has_the_five_fields_and_cross_cutting_themes():
    data = yaml.safe_load((VOCAB_DIR / "fields.yaml").read_text(encoding="utf-8"))
    assert set(data["fields"]) == FIELD_IDS
    assert {item["id"] for item in data["cross_cutting"]} == {
        "ondermijning",
        "zorg-en-veiligheid",
        "digitale-veiligheid",
    }
    seen: dict[str, str] = {}
    for field_id, spec in data["fields"].items():
        terms = list(spec.get("terms") or [])
        for theme in spec["themes"].values():
            assert theme["terms"], f"{field_id}: empty theme"
            terms.extend(theme["terms"])
        for term in terms:
            assert "*" not in term.strip("*"), f"'{term}': '*' only at the start or end of a term"
            assert seen.setdefault(term, field_id) == field_id, f"'{term}' in {seen[term]} and {field_id}"
    TermMatcher(seen)  # every term compiles


def test_partners_vocabulary_has_canonical_names_and_compiles():
    data = yaml.safe_load((VOCAB_DIR / "partners.yaml").read_text(encoding="utf-8"))
    names = [p["name"] for p in data["partners"]]
    assert len(names) == len(set(names))
    for required in (
        "Politie",
        "Openbaar Ministerie",
        "Veiligheidsregio",
        "RIEC",
        "Zorg- en Veiligheidshuis",
        "Halt",
    ):
        assert required in names
    terms = [t for p in data["partners"] for t in p["terms"]]
    assert all("*" not in t.strip("*") for t in terms)
    TermMatcher(terms)


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Ondermijning", "integriteit-en-veiligheid"),
        ("Woninginbraken en babbeltrucs", "veilige-woon-en-leefomgeving"),
        ("Jeugdgroepen en jonge aanwas", "jeugd-en-veiligheid"),
        ("Verkeersveiligheid", "fysieke-veiligheid"),
        ("Veilig uitgaan en evenementen", "bedrijvigheid-en-veiligheid"),
        ("Personen met verward gedrag", "dwarsdoorsnijdend"),
        ("Cybercrime", "dwarsdoorsnijdend"),
        ("Huiselijk geweld", "veilige-woon-en-leefomgeving"),
        ("Radicalisering en polarisatie", "integriteit-en-veiligheid"),
        ("Jongeren en overlast", "jeugd-en-veiligheid"),
    ],
)
def test_classify_priority_titles(title, field):
    assert classify(FIELDS, title)[0] == field


def test_classify_uses_the_section_text_when_the_title_is_vague():
    body = "Inbrekers slaan toe. Woninginbraken en straatroof namen toe."
    field, matched = classify(FIELDS, "Samen sterk", body)
    assert field == "veilige-woon-en-leefomgeving"
    assert matched


# --- municipalities -----------------------------------------------------------------------------


def test_municipality_list_is_complete_and_consistent():
    with DATA_FILE.open(encoding="utf-8") as handle:
        header = [line for line in handle if line.startswith("#")]
    assert any("CBS" in line for line in header) and any("2026-11-23" in line for line in header)
    records = load_municipalities()
    assert len(records) == 342
    assert len({r.code for r in records}) == 342
    assert all(r.code.startswith("GM") and len(r.code) == 6 for r in records)
    assert len({r.province for r in records}) == 12
    g4 = {r.name for r in records if "G4" in r.networks}
    assert g4 == {"Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht"}
    assert lookup("Den Haag").code == lookup("'s-Gravenhage").code == "GM0518"
    assert lookup("Den Bosch").name == "'s-Hertogenbosch"
    assert lookup("Sudwest-Fryslan").name == "Súdwest-Fryslân"
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert set(rows[0]) == {"code", "name", "alt_names", "province", "g4", "g40", "p10", "note"}


def test_passing_mentions_of_neighbours_do_not_count():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Zeist 2025-2028"),
        ("cover", "Gemeente Zeist"),
        ("heading", "1 Inleiding"),
        ("paragraph", "Zeist werkt in het basisteam samen met de gemeente De Bilt. Buren helpen elkaar."),
        ("paragraph", "Net als in Utrecht en Amersfoort groeit de online criminaliteit in Zeist."),
        ("paragraph", "De Veiligheidsregio Utrecht en de provincie Utrecht zijn partners van Zeist."),
    )
    assert [m.name for m in detect_municipalities(doc)] == ["Zeist"]


def test_joint_plan_lists_all_participating_municipalities():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Heuvelland 2024-2027"),
        ("cover", "Gemeenten Gulpen-Wittem, Vaals en Valkenburg aan de Geul"),
        ("heading", "1 Inleiding"),
        (
            "paragraph",
            "De gemeenten Gulpen-Wittem, Vaals en Valkenburg aan de Geul werken samen. Maastricht is groot.",
        ),
    )
    names = {m.name for m in detect_municipalities(doc)}
    assert names == {"Gulpen-Wittem", "Vaals", "Valkenburg aan de Geul"}


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["Veiligheid is van ons allemaal in Helmond.", "Wij willen Helmond veiliger maken."], ["Helmond"]),
        (["Veiligheid is van ons allemaal in Helmond.", "Wij werken samen met Eindhoven."], []),
        (["Veiligheid is van ons allemaal in Helmond.", "Wij willen de stad veiliger maken."], []),
    ],
    ids=["the-only-place-named-twice", "two-places-named", "named-once"],
)
def test_a_web_page_of_a_plan_that_names_only_its_own_municipality(sentences, expected):
    """A plan's web page without a cover or 'gemeente X': the only municipality it names, again and
    again, is its own; with a neighbour named too, or named once, there is no telling."""
    doc = make_doc(
        ("heading", "Masterplan Integrale Veiligheid 2023-2026"), *[("paragraph", s) for s in sentences]
    )
    assert [m.name for m in detect_municipalities(doc)] == expected


# --- period and adoption ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dit plan geldt voor de periode 2023-2026.", (2023, 2026)),
        ("Het IVP loopt van 2023 t/m 2026.", (2023, 2026)),
        ("Het veiligheidsplan 2023–2026 is klaar.", (2023, 2026)),
        ("Dit plan geldt voor de jaren 2024 tot en met 2027.", (2024, 2027)),
    ],
)
def test_period_phrasings(sentence, expected):
    doc = make_doc(("heading", "Inleiding"), ("paragraph", sentence))
    assert find_period(doc, PERIOD) == expected


def test_period_prefers_own_plan_over_previous_plan_and_title_wins():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan 2024-2027"),
        ("heading", "2 Terugblik op het IVP 2019-2022"),
        ("paragraph", "Het vorige plan 2019-2022 liep af. De misdrijven daalden tussen 2018 en 2022."),
        ("paragraph", "Het coalitieakkoord 2022-2026 vraagt aandacht voor veiligheid."),
    )
    assert find_period(doc, PERIOD) == (2024, 2027)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vastgesteld door de gemeenteraad op 14 maart 2024.", "2024-03-14"),
        ("Aldus besloten in de raadsvergadering van 3 oktober 2023.", "2023-10-03"),
        ("Gelezen het voorstel van burgemeester en wethouders van 23 januari 2024.", None),
        ("De raad besluit naar verwachting op 10 april 2025 over dit plan.", None),
    ],
)
def test_adoption_date(text, expected):
    assert find_adoption(make_doc(("paragraph", text)), PERIOD) == expected


# --- targets --------------------------------------------------------------------------------------


def _targets(*sentences: str, period: tuple[int, int] = (2024, 2027)) -> list:
    doc = make_doc(("heading", "Wat willen we bereiken?"), *(("paragraph", s) for s in sentences))
    return find_targets(GoalSource(view_of(doc), VOCAB, *period))


def test_target_with_baseline_and_rating():
    [target] = _targets("Het rapportcijfer voor veiligheid stijgt van 7,1 in 2022 naar 7,5 in 2026.")
    assert (target.quantity, target.unit, target.target_year) == (7.5, "rapportcijfer", 2026)
    assert target.baseline == "7,1 in 2022"


def test_target_percentage_and_past_facts_are_not_targets():
    [target] = _targets("Het aantal woninginbraken daalt met 20 procent in 2027 ten opzichte van 2023.")
    assert (target.quantity, target.unit, target.target_year) == (20.0, "%", 2027)
    assert _targets("Het aantal misdrijven daalde tussen 2018 en 2022 met 11 procent.") == []


def test_a_perfect_participle_with_past_years_only_is_a_result():
    """'is in de periode 2019-2021 met 12% toegenomen' describes the past; the same participle with a
    year in the plan's period is a goal."""
    past = "Het aantal meldingen van overlast is in de periode 2019-2021 met circa 12% toegenomen."
    assert _targets(past) == []
    [target] = _targets("Het aantal inbraken moet in 2026 met 10% zijn afgenomen ten opzichte van 2023.")
    assert target.target_year == 2026


def test_working_principles_under_an_ambition_chapter_are_not_goals():
    """'3 Ambitie en werkwijze' > '3.2 Werkprincipes': the principles are how the plan works; the
    ambition under '3.1 Ambitie' is a goal."""
    doc = make_doc(
        ("heading", "3 Ambitie en werkwijze"),
        ("heading", "3.1 Ambitie", 2),
        ("paragraph", "Wij willen dat het aantal woninginbraken in 2027 met 10 procent is gedaald."),
        ("heading", "3.2 Werkprincipes", 2),
        ("list_item", "Gebiedsgericht. In iedere wijk werkt een wijkregisseur samen met de politie."),
    )
    goals = find_goals(GoalSource(view_of(doc), VOCAB, 2024, 2027), GoalVocab())
    assert [g.text[:14] for g in goals if g.stated] == ["Wij willen dat"]


def test_a_table_of_figures_per_past_year_holds_no_targets():
    table = ["Delict | 2021 | 2022 | 2023", "Inbraak | 241 | 226 | 198", "Diefstal | 1.140 | 1.210 | 1.050"]
    rows = [("table", row) for row in table]
    doc = make_doc(("heading", "Cijfers"), *rows)
    assert find_targets(GoalSource(view_of(doc), VOCAB, 2023, 2026)) == []


def test_a_direction_in_the_target_column_is_a_target_for_the_indicator_not_a_measurable_goal():
    """'Aantal slachtoffers van online fraude | 410 (2022) | daling': the indicator has a baseline and
    a target (P5), but no number to measure the goal by (P4)."""
    table = [
        "Indicator | Nulmeting | Streefwaarde 2026",
        "Aantal woninginbraken | 212 (2022) | 180",
        "Aantal slachtoffers van online fraude | 410 (2022) | daling",
    ]
    doc = make_doc(("heading", "Indicatoren"), *(("table", row) for row in table))
    goals = find_goals(GoalSource(view_of(doc), VOCAB, 2023, 2026), GoalVocab())
    assert [(g.indicator, g.complete, g.stated) for g in goals] == [(True, True, True), (True, True, False)]


# --- document type and priorities on small documents --------------------------------------------


def test_news_article_about_an_ivp_is_news():
    doc = make_doc(
        ("heading", "Heerenveen presenteert nieuw veiligheidsplan"),
        ("paragraph", "HEERENVEEN - De gemeente heeft een nieuw integraal veiligheidsplan gepresenteerd."),
        ("paragraph", '"We willen dat iedereen zich veilig voelt," zegt burgemeester De Vries.'),
        ("paragraph", '"Ondermijning pakken we samen aan," aldus de burgemeester.'),
    )
    assert classify_document(doc, VOCAB).type == "nieuwsbericht"


PLAN_TEXT = (
    "Met dit plan kiezen we voor drie prioriteiten. Wat willen we bereiken? Minder woninginbraken, "
    "minder overlast van jongeren en een weerbare gemeente tegen ondermijning. Het plan loopt vier jaar."
)


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("heading", "Veiligheidsplan opstellen voor uw evenement"),
            (
                "paragraph",
                "U voegt dit plan toe aan uw aanvraag voor een evenementenvergunning. In het "
                "veiligheidsplan beschrijft u als organisator de maatregelen voor de bezoekers.",
            ),
        ],
        [
            ("heading", "Schoolveiligheidsplan"),
            (
                "paragraph",
                "Dit veiligheidsplan beschrijft hoe onze school zorgt voor een veilige omgeving voor "
                "leerlingen en medewerkers. We werken aan het voorkomen van pesten.",
            ),
        ],
        [
            ("heading", "Advies"),
            ("paragraph", "Wij helpen organisatoren met hun vergunningaanvraag."),
            ("heading", "Veiligheidsplan voor evenementen"),
            (
                "paragraph",
                "In dit plan staat welke maatregelen zijn getroffen voor de veiligheid van bezoekers.",
            ),
        ],
        [  # a school's policy under a title of its own, naming its school safety plan twice over
            ("heading", "Veiligheidsbeleid De Regenboog"),
            ("paragraph", "Voorwoord"),
            (
                "paragraph",
                "Inhoud van een schoolveiligheidsplan. Een sociaal veiligheidsplan is voor scholen een "
                "wettelijke plicht. In dit plan beschrijven we onze visie en uitgangspunten voor een veilig "
                "schoolklimaat voor leerlingen en medewerkers.",
            ),
        ],
    ],
    ids=["event-permit", "school", "company-advice", "school-policy-titled-otherwise"],
)
def test_a_safety_plan_of_an_event_a_school_or_a_company_is_no_ivp(blocks):
    """'Veiligheidsplan' in the sense of an event's, a school's or a company's plan is another subject."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == "overig" and not decision.is_ivp


def test_a_plan_mentioning_an_events_safety_plan_further_on_stays_the_plan():
    doc = make_doc(
        ("paragraph", "Integraal Veiligheidsplan 2024-2027"),
        ("paragraph", PLAN_TEXT + " " + PLAN_TEXT.replace("drie", "vier") * 6),
        ("paragraph", "Organisatoren leveren een veiligheidsplan voor het evenement aan bij de aanvraag."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp


CHAPTER_TEXT = (
    "We benoemen per thema de aandachtspunten voor de komende jaren. Ons doel is de leefbaarheid in de "
    "wijken te behouden en waar nodig te verbeteren. We werken wijkgericht en we investeren in toezicht."
)


def test_a_chapter_in_the_plans_own_voice_is_a_chapter_of_the_plan():
    """A web page that is one chapter of the plan, never naming the plan: scored as a plan, in doubt."""
    doc = make_doc(
        ("heading", "Hoofdstuk 5: Aanpak op brede veiligheidsthema's"),
        ("paragraph", "In dit hoofdstuk zetten we accenten. " + CHAPTER_TEXT),
        ("heading", "5.1 Veilige woon- en leefomgeving"),
        ("paragraph", CHAPTER_TEXT),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp and decision.doubt
    assert any("een hoofdstuk in de eigen stem van het plan" in reason for reason in decision.reasons)


def test_a_chapter_in_another_voice_is_not_taken_for_a_plan():
    doc = make_doc(
        ("heading", "Hoofdstuk 3: Cijfers"),
        (
            "paragraph",
            "In dit hoofdstuk worden de cijfers over overlast en inbraken besproken. Het aantal "
            "meldingen daalde in de onderzochte wijken; de veiligheidsbeleving bleef gelijk.",
        ),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_a_page_about_the_plan_headed_by_its_name_is_not_the_plan():
    """The plan's name heads a section of a municipal page that speaks of itself as a page and reports
    the plan's adoption: the name is the section's subject, not the document's own."""
    doc = make_doc(
        ("heading", "Veiligheid in Rijnwaarde"),
        ("paragraph", "Op deze pagina leest u hoe de gemeente werkt aan veiligheid."),
        ("heading", "Integraal Veiligheidsplan 2024-2027"),
        (
            "paragraph",
            "In maart heeft de gemeenteraad het Veiligheidsplan Rijnwaarde 2024-2027 vastgesteld. In dit "
            "plan staat hoe we de gemeente veilig houden. We kiezen voor vier prioriteiten.",
        ),
        ("heading", "Prioriteiten"),
        ("paragraph", "We pakken ondermijning aan, we verminderen jeugdoverlast en we voorkomen inbraken."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type != "ivp" and decision.is_ivp and decision.doubt


@pytest.mark.parametrize(
    "title", ["Regionaal Veiligheidsplan Oost 2015-2018", "Ontwerp regionaal veiligheidsplan Oost 2015-2018"]
)
def test_a_plan_title_qualified_as_regional_is_in_doubt(title):
    """'Regionaal' right before the plan's name, wherever the title starts: the police's or the region's
    plan, or a joint IVP; the title weighs as a subject and the plan is scored in doubt."""
    body = "We werken in de regio samen met de politie en het Openbaar Ministerie aan de veiligheid. " * 3
    doc = make_doc(("paragraph", title), ("paragraph", "Voorwoord"), ("paragraph", body))
    decision = classify_document(doc, VOCAB)
    assert decision.is_ivp and decision.doubt


def test_a_plan_and_its_programme_in_one_title_is_the_plan():
    doc = make_doc(
        ("paragraph", "Integraal Veiligheidsplan"),
        ("paragraph", "2019-2022 &"),
        ("paragraph", "Uitvoeringsprogramma"),
        ("paragraph", "2019-2020"),
        ("paragraph", PLAN_TEXT),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp


def test_a_cut_off_publication_whose_citation_title_is_the_plan_is_the_plan():
    """An official publication page cut right after the council's decision: its metadata names the
    regulation it publishes, and that is the plan, so it is a published plan, never refused."""
    doc = make_doc(
        ("paragraph", "OrganisatieLoppersum"),
        ("paragraph", "Officiële naam regelingIntegraal Veiligheidsplan Loppersum 2016-2019"),
        ("paragraph", "CiteertitelIntegraal Veiligheidsplan Loppersum 2016-2019"),
        ("paragraph", "De raad van de gemeente Loppersum;"),
        ("paragraph", "gelezen het voorstel van burgemeester en wethouders;"),
        ("paragraph", "besluit: vast te stellen het Integraal Veiligheidsplan Loppersum 2016-2019."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.is_ivp and decision.type == "ivp"


def test_a_page_whose_only_plan_feature_is_its_voice_is_not_taken_for_a_plan():
    doc = make_doc(
        ("heading", "Openbare orde en veiligheid"),
        (
            "paragraph",
            "We zorgen samen met onze partners voor een veilige gemeente. Wij investeren in "
            "toezicht en we werken aan minder overlast. Daarvoor zetten we boa's in en we overleggen "
            "met de politie. Ook dit jaar hebben we de buurtpreventie gesteund.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.is_ivp and decision.doubt and decision.type != "ivp"


RELATED_DOCUMENTS = (
    ("paragraph", "Vergelijkbare documenten"),
    ("paragraph", "Startnotitie integraal veiligheidsbeleid Breda"),
    ("paragraph", "Uitvoeringsprogramma veiligheid 2016 Dongen"),
    ("paragraph", "Integraal Veiligheidsplan Geertruidenberg"),
)


@pytest.mark.parametrize(
    "head",
    [
        ["Integraal veiligheidsbeleid gemeente Oosterhout"],
        # a slogan after the plan's name is no headline, and its '!' ends no sentence
        ["Integraal Veiligheidsplan Samen werken aan een veilig Oosterhout!"],
        ["LOKAAL INTEGRAAL VEILIGHEIDSPLAN GEMEENTE OOSTERHOUT Samen bouwen aan een veilige gemeente"],
        # site furniture of two sentences is never the title
        ["Ziet u een fout in deze regeling? Meld het ons via het formulier!", "Integraal veiligheidsbeleid"],
        # a host's joined cover lines: the plan's name across the join, a slogan with a verb after it
        ["Beleidsplan. Integrale Veiligheid Gemeente Oosterhout. Veiligheid is een werkwoord"],
        # a memo named after the policy: an older plan's own name (doubt, never a refusal)
        ["Notitie Integraal veiligheidsbeleid. Gemeente Oosterhout. September 2005"],
    ],
)
def test_a_hosts_page_showing_only_the_plans_title_is_the_plan_in_doubt(head):
    """A document host's page of the plan whose text did not come through: the plan's title, then a list
    of other documents. It is the plan's page (scored, with a notice), not some other document."""
    doc = make_doc(*[("paragraph", line) for line in head], *RELATED_DOCUMENTS)
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp and decision.doubt
    assert f"de pagina van het plan '{head[-1][:80]}', zonder de tekst ervan" in decision.reasons[0]


def test_an_empty_page_under_another_title_is_not_taken_for_a_plan():
    """The same empty page under a title that is no plan's name is an empty page or a reference."""
    decision = classify_document(make_doc(("paragraph", "Veiligheid in de wijk"), *RELATED_DOCUMENTS), VOCAB)
    assert decision.type == "overig" and decision.is_ivp and decision.doubt
    assert "een lege pagina of een verwijzing" in decision.reasons[0]


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("paragraph", "Home / Nieuws / Gemeente"),
            ("heading", "Veiligheidsplan"),
            (
                "paragraph",
                "De commissie besprak het veiligheidsplan afgelopen dinsdag. Het plan gaat als "
                "hamerstuk naar de raad. Inwoners konden eerder meedenken over de drie thema's.",
            ),
        ],
        [
            ("heading", "Veiligheidsplan Oss nog niet concreet genoeg"),
            (
                "paragraph",
                "De fractie vindt dat het plan te weinig meetbare doelen bevat en wil dat het college "
                "de doelen per thema uitwerkt voordat de raad besluit.",
            ),
        ],
        [
            ("heading", "Integraal Veiligheidsplan"),
            (
                "paragraph",
                "In het Integraal Veiligheidsplan (IVP) staat hoe de gemeente werkt aan veiligheid. "
                "Het plan geldt voor 2024 tot en met 2027 en is door de raad vastgesteld.",
            ),
            ("paragraph", "Integraal Veiligheidsplan 2024-2027 (pdf, 1,2 MB)"),
        ],
        [
            ("heading", "Integraal Veiligheidsplan Westerkwartier"),
            (
                "paragraph",
                "Westerkwartier – Het college van de gemeente Westerkwartier heeft het nieuwe Integraal "
                "Veiligheidsplan vastgesteld. Daarin kiest de gemeente vier speerpunten voor vier jaar.",
            ),
            ("paragraph", "De burgemeester licht het plan volgende week toe in de raadscommissie."),
        ],
        [
            ("heading", "Integraal Veiligheidsplan 2025-2028"),
            (
                "paragraph",
                "HAREN/ GLIMMEN - De gemeenteraad heeft het Integraal Veiligheidsplan 2025-2028 vastgesteld. "
                "Dit plan bevat de speerpunten voor de komende jaren, opgesteld met politie en OM.",
            ),
        ],
        [
            ("paragraph", "Postadres Postbus 12 9300 AA Roden"),
            ("paragraph", "Behandeld door J. de Vries"),
            ("heading", "Integraal Veiligheidsplan"),
            (
                "paragraph",
                "Wij informeren u over de planning van het nieuwe plan. Het concept volgt in maart.",
            ),
        ],
    ],
    ids=[
        "news-section-and-events",
        "judgement-headline",
        "page-about-the-plan",
        "dateline",
        "dateline-of-two-places",
        "letter",
    ],
)
def test_a_page_about_the_plan_is_not_the_plan(blocks):
    """The plan's name in the title of a page that reports on it or describes it is its subject."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type != "ivp"


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("heading", "Veiligheidsplan gemeente"),
            (
                "paragraph",
                "ZEEWOLDE De gemeente Zeewolde let de komende vier jaar extra op ondermijning, digitale "
                "veiligheid en jongeren. Dat staat in het nieuwe plan dat het college heeft vastgesteld.",
            ),
            (
                "paragraph",
                "Burgemeester Jansen: “We moeten keuzes maken. Dit plan geeft richting, want wij kunnen "
                "niet alles tegelijk. Onze inwoners merken dat we prioriteiten stellen.”",
            ),
        ],
        [
            ("heading", "Integraal Veiligheidsplan"),
            (
                "paragraph",
                "In het integraal veiligheidsplan (IVP) staat wat wij de komende jaren doen. We hebben "
                "het plan samen met inwoners gemaakt. Het IVP is door de raad vastgesteld en we werken "
                "het IVP ieder jaar uit. Op deze pagina leest u meer.",
            ),
        ],
        [
            ("cover", "Advies veiligheidsprioriteiten gemeente Amstelveen"),
            ("cover", "Voor het beleidskader Integrale Veiligheid 2027-2030"),
            ("paragraph", "Dr. M. van Dijken"),
            ("paragraph", "RAPPORT"),
            ("paragraph", "Instituut voor Lokaal Veiligheidsonderzoek"),
            (
                "paragraph",
                "Het college vroeg ons te onderzoeken welke prioriteiten het nieuwe kader zou moeten "
                "krijgen. In dit rapport geven we ons advies.",
            ),
        ],
        [
            ("cover", "Inspraak Startnotitie Integraal Veiligheidsplan 2027"),
            (
                "paragraph",
                "In dit plan komen de prioriteiten voor de komende vier jaar te staan. Met dit plan "
                "willen we de veiligheid verbeteren; dit plan is er in het najaar. Reageren kan tot 1 mei.",
            ),
        ],
    ],
    ids=["quoted-voice-and-dateline", "page-naming-the-plan-apart", "research-report", "startnotitie"],
)
def test_a_document_about_a_plan_is_not_a_plan(blocks):
    """A quoted mayor's 'we' and 'dit plan', a capitals dateline without a dash, a page that names the plan
    as a document apart, a researcher's byline, a startnotitie's 'in dit plan' (the plan to come)."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type != "ivp", decision


def test_the_plans_own_quotes_and_third_person_do_not_unmake_it():
    """A plan that quotes residents and speaks of itself as 'het IVP' after 'Voor u ligt' is a plan."""
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan 2024-2027"),
        ("heading", "Inleiding"),
        (
            "paragraph",
            "Voor u ligt het integraal veiligheidsplan (IVP) van de gemeenten Ermelo en Putten. Het IVP "
            "bevat gezamenlijke prioriteiten. Het plan is gebaseerd op de veiligheidsanalyse.",
        ),
        ("paragraph", "“Ik voel me 's avonds niet veilig in het park,” zei een inwoner."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


def test_a_plan_sharing_its_head_with_enforcement_policy_is_the_plan():
    """'Integraal Veiligheids- en Handhavingsbeleid' is the safety policy and the enforcement policy."""
    doc = make_doc(
        ("cover", "Integraal Veiligheids- en Handhavingsbeleid 2015-2018"),
        ("heading", "1. Inleiding"),
        ("paragraph", "Dit beleidsplan beschrijft onze missie, visie en prioriteiten voor vier jaar."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


def test_a_publication_whose_citation_title_holds_the_plans_name_is_the_plan():
    """The municipality's name alone above the title is the issuer, and 'Westlands Veiligheidsbeleid'
    as the regulation's name makes the decision cut off in the excerpt a published plan."""
    doc = make_doc(
        ("paragraph", "Westland"),
        ("heading", "Westlands Veiligheidsbeleid 2023-2026"),
        ("paragraph", "CiteertitelWestlands Veiligheidsbeleid 2023-2026"),
        ("paragraph", "De raad van de gemeente Westland; gelet op artikel 38b van de Politiewet;"),
        ("paragraph", "besluit: vast te stellen het Westlands Veiligheidsbeleid 2023-2026."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision
    assert doctype_gate(VOCAB).opening.read(doc).title == "Westlands Veiligheidsbeleid 2023-2026"


def test_a_page_with_plan_words_but_nothing_naming_it_a_plan_is_not_recognised():
    """A budget programme page speaks of goals and 'veiligheidsvelden' in the college's 'we', but no
    title, no 'dit plan' and no decision name it a plan: scored, answered as another document."""
    doc = make_doc(
        ("heading", "Programma 8. Veilige omgeving"),
        ("heading", "1. Wat willen we bereiken?"),
        (
            "paragraph",
            "We willen dat inwoners zich veilig voelen. Binnen veiligheid hanteren we vijf "
            "veiligheidsvelden en we werken samen met de politie aan een weerbare samenleving.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type != "ivp" and decision.is_ivp and decision.doubt, decision


def test_a_decision_adopting_the_plan_and_asking_for_a_programme_publishes_the_plan():
    """'1. het IVB vast te stellen; 2. ... een uitvoeringsprogramma op te stellen' adopts the plan first;
    the date-of-issue line is a publication's furniture, not its title."""
    doc = make_doc(
        ("paragraph", "Gemeenteblad 2022, 412906"),
        ("paragraph", "Datum van uitgifte: 19 september 2022"),
        ("paragraph", "De raad van de gemeente Lopik;"),
        ("paragraph", "gelet op artikel 38b van de Politiewet 2012;"),
        ("paragraph", "besluit:"),
        ("list_item", "1. het Integraal Veiligheidsbeleid 2022-2025 vast te stellen;"),
        ("list_item", "2. het college op te dragen jaarlijks een uitvoeringsprogramma op te stellen."),
        ("heading", "Integraal Veiligheidsbeleid 2022-2025"),
        ("heading", "Voorwoord"),
        (
            "paragraph",
            " ".join(["In dit plan beschrijven we onze prioriteiten, visie en uitgangspunten."] * 12),
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision
    assert "Datum van uitgifte" not in doctype_gate(VOCAB).opening.read(doc).title


@pytest.mark.parametrize(
    ("expected", "blocks"),
    [
        (
            "overig",
            [
                ("heading", "Westlands Veiligheidsbeleid 2019-2022"),
                (
                    "paragraph",
                    "Hoe maken we Westland veiliger? Dat beantwoordt het college in het Westlands "
                    "Veiligheidsbeleid 2019-2022 (pdf, 473Kb). We zien dat veiligheid ons allemaal aangaat.",
                ),
            ],
        ),
        (
            "overig",
            [
                ("heading", "Integraal Veiligheidsplan voor Westerveld"),
                ("paragraph", "30-05-2023"),
                ("paragraph", "Op 30 mei stelde de raad het plan vast. Onze fractievoorzitter was kritisch."),
            ],
        ),
        (
            "uitvoeringsplan",
            [
                ("cover", "ACTIVITEITENPLAN INTEGRAAL VEILIGHEIDSBELEID SOEST 2026"),
                ("paragraph", "In dit plan staan de activiteiten per speerpunt met trekker en planning."),
            ],
        ),
        (
            "raadsvoorstel",
            [
                ("heading", "Voorstel Integraal Meerjarenbeleidsplan Veiligheid Heiloo en de regio"),
                ("paragraph", "De burgemeester stelt de raad voor in te stemmen met het beleidsplan."),
            ],
        ),
        (
            "overig",
            [
                (
                    "heading",
                    "Huizen in een stad: ter illustratie van het CCV-dossier Integraal veiligheidsbeleid",
                ),
                ("paragraph", "Een voorbeeld van hoe een gemeente haar prioriteiten kiest, met tips."),
            ],
        ),
    ],
    ids=[
        "page-offering-the-plan",
        "party-post-with-date-line",
        "activity-plan",
        "proposal",
        "guidance-dossier",
    ],
)
def test_titles_and_lines_that_are_about_a_plan(expected, blocks):
    """A title offered for download, a bare date under a title, an activity plan, a proposal's title and
    a dossier named after the plan each make the document the other type."""
    assert classify_document(make_doc(*blocks), VOCAB).type == expected


def test_a_colophons_loose_name_for_the_document_is_not_its_type():
    """'Bronnen Voor deze rapportage is gebruikgemaakt van ...' in a plan's colophon does not make it one."""
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan gemeente Heusden 2019-2022"),
        ("paragraph", "Uitgave Namens de gemeenten Haaren, Heusden en Vught."),
        ("paragraph", "Bronnen Voor deze rapportage is gebruikgemaakt van gegevens van de politie."),
        ("heading", "Voorwoord"),
        ("paragraph", "Veiligheid is een basisvoorwaarde. We kiezen in dit plan voor drie prioriteiten."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and not decision.doubt, decision


def test_a_plans_name_run_on_with_the_lines_after_it_still_names_the_plan():
    """A text export joined the plan's name and period with its adoption line; a slogan is the title."""
    doc = make_doc(
        ("paragraph", "Samen werken aan veiligheid"),
        (
            "paragraph",
            "Integraal veiligheidsbeleid gemeente Steenbergen 2016-2020 in concept opgesteld door "
            "burgemeester en wethouders op 27 oktober 2015 en vastgesteld bij raadsbesluit van 26 november",
        ),
        (
            "paragraph",
            "Inhoudsopgave Inleiding 5 Missie, hoofddoelstellingen en prioritering 7 Veiligheidsvelden 12",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


@pytest.mark.parametrize(
    "title",
    [
        "molenwaard veilig 2015-2018 - het ccv...veiligheidsrapportage politie regio rotterdam 2014...",
        "Wijkveiligheidsprogramma Vleuten-De Meern 2014",
        "Bespreking Integraal Veiligheidsplan",
    ],
    ids=["host-snippets", "neighbourhood-programme", "meeting-about-the-plan"],
)
def test_titles_that_are_not_a_plans_own(title):
    """A host's title of joined snippets is its first snippet's; a neighbourhood's safety programme is
    other policy; a meeting about the plan is not the plan."""
    doc = make_doc(
        ("heading", title),
        (
            "paragraph",
            "De raad sprak op 9 maart over de prioriteiten. De fractie stelde vragen over de aanpak.",
        ),
    )
    gate = doctype_gate(VOCAB)
    assert "..." not in gate.opening.read(doc).title
    if "molenwaard" not in title:
        assert classify_document(doc, VOCAB).type != "ivp"


@pytest.mark.parametrize(
    ("expected", "blocks"),
    [
        (
            "uitvoeringsplan",
            [
                ("cover", "INTEGRAAL VEILIGHEIDSBELEID 2012-2016"),
                ("cover", "Veiligheidsprogramma Gemeente Aa en Hunze 2015"),
                (
                    "paragraph",
                    "Inleiding. Dit jaar werken we aan de speerpunten uit het veiligheidsbeeld 2014.",
                ),
            ],
        ),
        (
            "overig",
            [
                ("heading", "Beleidsplan Integrale Veiligheid"),
                (
                    "paragraph",
                    "Stad Vilvoorde wil deze legislatuur sterk inzetten op veiligheid. In dit beleidsplan "
                    "volgen uit een analyse de krachtlijnen voor de komende jaren.",
                ),
            ],
        ),
        (
            "overig",
            [
                ("heading", "Veiligheid"),
                (
                    "paragraph",
                    "Dit programma omvat de taakvelden 1.1 Crisisbeheersing en 1.2 Openbare orde. "
                    "Wat willen we bereiken? Onze prioriteiten staan in het beleidskader.",
                ),
            ],
        ),
    ],
    ids=["year-programme-of-the-plan", "flemish-plan", "budget-task-fields"],
)
def test_a_year_programme_a_flemish_plan_and_a_budget_page(expected, blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type == expected


def test_a_partys_voice_makes_the_plan_its_subject():
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan 2025-2028"),
        ("paragraph", "Onze fractie heeft het plan vorige week besproken. We missen meetbare doelen."),
        ("paragraph", "Namens de fractie diende de fractievoorzitter een motie in over de wijkagenten."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type != "ivp", decision


def test_an_article_with_the_plans_name_as_title_but_no_build_weighs_less_than_a_plan():
    """The same title over a text without contents, foreword or chapters counts less."""
    article = make_doc(
        ("heading", "Integraal Veiligheidsplan 2025-2028"),
        ("paragraph", "Het college heeft het plan vastgesteld. De raad bespreekt het in maart."),
    )
    plan = make_doc(
        ("heading", "Integraal Veiligheidsplan 2025-2028"),
        ("heading", "Inhoudsopgave"),
        ("paragraph", "1. Inleiding 3"),
        ("heading", "1. Inleiding"),
        ("paragraph", "Het college heeft het plan vastgesteld. De raad bespreekt het in maart."),
    )
    gate = doctype_gate(VOCAB)
    assert (
        gate.evidence(article, gate.opening.read(article)).title
        < gate.evidence(plan, gate.opening.read(plan)).title
    )


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("paragraph", "Agendawijzer"),
            ("paragraph", "13-04-2023"),
            ("heading", "Veiligheidsagenda 2023-2026"),
            (
                "paragraph",
                "De veiligheidsagenda bevat de ambitie van de gemeente. Drie insprekers spraken en er "
                "kwam een amendement.",
            ),
        ],
        [
            ("heading", "Nog een keer veiligheid"),
            (
                "paragraph",
                "In deze blog wil ik het Integraal Veiligheidsplan verder uitdiepen. Eerst het gala.",
            ),
        ],
        [
            ("heading", "Kadernota Veiligheid 2023-2026 op de agenda"),
            ("paragraph", "Het college zet de kadernota in januari op de agenda met vier prioriteiten."),
            ("paragraph", "Bron: beatfm.nl"),
        ],
    ],
    ids=["bare-date-under-a-section-name", "blog", "source-credit"],
)
def test_news_forms_without_a_dateline(blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type != "ivp"


def test_a_documents_own_name_for_itself_breaks_a_tie():
    """A raadsinformatiebrief titled with the plan's name that calls itself one is the letter."""
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan"),
        (
            "paragraph",
            "In deze raadsinformatiebrief leest u hoe de uitgangspunten en de veiligheidsanalyse tot stand "
            "komen. Het concept volgt na de zomer.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "raadsvoorstel", decision


def test_a_colophon_run_on_with_the_plans_name_is_read_and_names_the_plan():
    """A host ran the colophon's heading on with its text: the line is prose, not furniture, and the
    plan's colophon names it; a cover slogan in capitals is no news headline."""
    colophon = make_doc(
        (
            "paragraph",
            "Colofon Het Integraal Veiligheidsplan De Kempen 2015-2018 is gezamenlijk tot stand gebracht "
            "door de gemeenten Bergeijk, Best, Bladel en Eersel in samenwerking met het politiebasisteam "
            "De Kempen en het Openbaar Ministerie.",
        ),
        ("paragraph", "Inhoudsopgave SAMENVATTING 5 1. VOORAF 6 2. UITGANGSSITUATIE 8 5. PRIORITEITEN 13"),
    )
    slogan = make_doc(
        ("cover", "Integraal Veiligheidsbeleid 2017 - 2020 SAMEN WERKEN AAN VEILIGHEID Gemeente Twenterand"),
        ("heading", "Voorwoord"),
        ("paragraph", "Voor u ligt het integraal veiligheidsbeleid van onze gemeente met drie prioriteiten."),
    )
    for doc in (colophon, slogan):
        decision = classify_document(doc, VOCAB)
        assert decision.type == "ivp" and decision.is_ivp, decision


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("heading", "Veiligheidsbeleid"),
            (
                "paragraph",
                "Op 22 november heeft de raad het beleidsplan behandeld. Het bevat prioriteiten.",
            ),
            ("paragraph", "Zonder hoofdelijke stemming is conform het voorstel besloten."),
        ],
        [
            ("heading", "Integraal veiligheidsplan"),
            (
                "paragraph",
                "Vanavond heeft de gemeenteraad het nieuwe plan unaniem vastgesteld. We gaan verder.",
            ),
        ],
        [
            ("heading", "Nieuwe speerpunten voor veiligheid in Medemblik"),
            ("paragraph", "08 november 2022 | Frank de Vries | #gemeenten #veiligheid"),
            ("paragraph", "De gemeente legt haar missie en visie vast in een integraal veiligheidsplan."),
        ],
    ],
    ids=["council-vote-report", "this-evening", "post-with-hashtags"],
)
def test_reports_of_a_vote_an_evening_and_a_post(blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type != "ivp"


@pytest.mark.parametrize(
    ("expected", "blocks"),
    [
        (
            "nieuwsbericht",
            [
                ("heading", "Nieuwsbericht Bijeenkomst over integraal veiligheidsbeleid Leiderdorp"),
                ("paragraph", "In dit beleidsplan komen de prioriteiten en de veiligheidsvelden terug."),
            ],
        ),
        (
            "overig",
            [
                ("paragraph", "Uitgaven"),
                ("paragraph", "Inkomsten"),
                ("paragraph", "Saldo"),
                ("heading", "6.1 Openbare Orde & Veiligheid"),
                (
                    "paragraph",
                    "Wat is onze uitdaging? Terug naar navigatie. We willen dat inwoners zich veilig voelen.",
                ),
            ],
        ),
    ],
    ids=["news-genre-heads-the-title", "budget-app-tiles"],
)
def test_a_news_genre_title_and_a_budget_apps_tiles(expected, blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type == expected


def test_a_decision_title_about_the_plan_is_a_published_plan():
    """'Besluit van de gemeenteraad ... houdende regels omtrent het integraal veiligheidsbeleid' publishes
    the plan: the words before its name do not make the title one about a plan."""
    doc = make_doc(
        (
            "heading",
            "Besluit van de gemeenteraad van de gemeente Ridderkerk houdende regels omtrent het "
            "integraal veiligheidsbeleid",
        ),
        (
            "paragraph",
            "Wij kiezen in de komende jaren voor drie prioriteiten en werken samen met onze partners. "
            "De raad stelt de doelen vast; het college werkt ze ieder jaar uit met de politie. Zo "
            "blijven wij samen met inwoners, ondernemers en organisaties werken aan een veilige stad.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


def test_a_plan_that_introduces_itself_stays_a_plan_when_it_names_its_programme():
    doc = make_doc(
        ("heading", "Integraal veiligheidsplan 2023-2026"),
        ("heading", "Voorwoord"),
        (
            "paragraph",
            "Voor u ligt het Integraal Veiligheidsplan van de gemeente Medemblik. We werken de "
            "prioriteiten uit in dit uitvoeringsprogramma dat ieder jaar volgt.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


def test_a_hosts_cut_off_title_with_a_snippet_is_the_documents_title():
    doc = make_doc(
        (
            "heading",
            "Kadernota Integraal Veiligheidsbeleid | 2013-2016 · werkveld en neemt deze taak op...",
        ),
        (
            "paragraph",
            "Deze kadernota beschrijft de uitgangspunten en de veiligheidsanalyse van de gemeente.",
        ),
    )
    assert doctype_gate(VOCAB).opening.read(doc).title == "Kadernota Integraal Veiligheidsbeleid | 2013-2016"
    assert classify_document(doc, VOCAB).type == "ivp"


def test_a_plan_translated_into_english_is_scored_not_refused():
    doc = make_doc(
        ("heading", "Safety Plan 2023-2026"),
        ("heading", "1. Introduction"),
        (
            "paragraph",
            "Safety is a basic requirement for a livable town. The municipality draws up a plan.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.is_ivp, decision


def test_a_council_proposals_form_makes_the_plan_its_subject():
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan Epe, Hattem en Heerde 2026-2029"),
        ("paragraph", "Zaaknummer: 2025-0412"),
        ("paragraph", "Het college stelt voor: het Integraal Veiligheidsplan 2026-2029 vast te stellen."),
        ("heading", "Beoogd effect"),
        ("paragraph", "Met dit IVP werken we vier jaar aan de prioriteiten uit de veiligheidsanalyse."),
        ("heading", "Argumenten"),
        ("paragraph", "De raad stelt iedere vier jaar de doelen voor de veiligheid vast."),
        ("heading", "Kanttekeningen"),
        ("paragraph", "Er zijn geen kanttekeningen."),
    )
    assert classify_document(doc, VOCAB).type == "raadsvoorstel"


def test_many_download_links_are_one_cue_on_a_chapter_page():
    """A web chapter of the plan with download links of the plan and its programme stays the plan."""
    doc = make_doc(
        ("heading", "Veiligheidsplan 2024-2027: inleiding"),
        ("paragraph", "Integraal Veiligheidsplan Deventer 2024-2027 (PDF, 2,4 MB)"),
        ("paragraph", "Uitvoeringsprogramma Veiligheid 2024 (PDF, 890 kB)"),
        ("heading", "1. Inleiding"),
        (
            "paragraph",
            "Wat willen we bereiken? De prioriteiten van dit plan volgen uit de veiligheidsanalyse en "
            "artikel 38b van de Politiewet. We kiezen drie prioriteiten en houden de overige thema's bij.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp", decision


def test_a_heading_after_the_text_has_begun_is_not_the_documents_title():
    """A local broadcaster's page opens with prose that paraphrases the plan; the plan's name further on
    is a heading in the article, not the page's own title."""
    doc = make_doc(
        (
            "paragraph",
            "In de gemeente Venray met ruim vierenveertigduizend inwoners gebeurt veel. Dat brengt "
            "vragen over veiligheid met zich mee, van inbraken tot overlast van jongeren op het plein.",
        ),
        ("heading", "Kadernota Integrale Veiligheid Venray"),
        (
            "paragraph",
            "In november is de kadernota door de raad vastgesteld. Bij de kadernota hoort een "
            "jaarlijks actieplan.",
        ),
    )
    opening = doctype_gate(VOCAB).opening.read(doc)
    assert opening.title != "Kadernota Integrale Veiligheid Venray"


def test_ivp_chapter_about_its_uitvoeringsprogramma_stays_an_ivp():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Soest 2024-2027"),
        ("heading", "1 Prioriteiten"),
        ("heading", "1.1 Ondermijning", 2),
        ("paragraph", "Dit IVP kiest voor ondermijning als prioriteit."),
        ("heading", "2 Uitvoeringsprogramma"),
        ("paragraph", "Het college stelt jaarlijks een uitvoeringsprogramma met acties vast."),
    )
    assert classify_document(doc, VOCAB).type == "ivp"


def test_priorities_from_a_chapter_without_prefixes_and_no_duplicates():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Soest 2024-2027"),
        ("heading", "2 Terugblik"),
        ("heading", "2.1 Woninginbraak", 2),
        ("heading", "4 Onze focus"),
        ("heading", "4.1 Ondermijning", 2),
        ("paragraph", "Drugslabs en witwassen."),
        ("heading", "4.2 Jeugdoverlast", 2),
        ("heading", "4.3 Indicatoren en streefwaarden", 2),
        ("heading", "5 Overige thema's"),
        ("heading", "5.1 Verkeersveiligheid", 2),
    )
    found = extract_priorities(doc, FIELDS, CUES)
    assert [(p.text, p.field, p.section) for p in found] == [
        ("Ondermijning", "integriteit-en-veiligheid", "4.1 Ondermijning"),
        ("Jeugdoverlast", "jeugd-en-veiligheid", "4.2 Jeugdoverlast"),
    ]


def test_priorities_listed_under_a_cue_sentence():
    doc = make_doc(
        ("heading", "Samenvatting"),
        ("paragraph", "We kiezen de komende jaren drie prioriteiten:"),
        ("list_item", "Ondermijning."),
        ("list_item", "Veilig uitgaan: samen met de horeca zorgen we voor een veilig nachtleven."),
        ("list_item", "Cybercrime."),
    )
    found = extract_priorities(doc, FIELDS, CUES)
    assert [p.text for p in found] == ["Ondermijning", "Veilig uitgaan", "Cybercrime"]
    assert found[1].field == "bedrijvigheid-en-veiligheid"


# --- the built corpus -----------------------------------------------------------------------------


@cache
def _profile(path: str):
    return build_profile(read_document(path), VOCAB)


def _corpus_files(built_corpus: Path, manifest: dict) -> list[tuple[str, Path]]:
    files = []
    for entry in manifest["files"]:
        gold = GOLD / f"{entry['id']}.profile.yaml"
        if entry["format"] in ("pdf", "docx", "html") and gold.exists():
            files.append((entry["id"], built_corpus / entry["path"]))
    return files


def test_profile_accuracy_on_the_built_corpus(built_corpus, corpus_manifest):
    files = _corpus_files(built_corpus, corpus_manifest)
    assert files, "no built files with a gold profile"
    results = [evaluate(_profile(str(path)), GOLD / f"{sid}.profile.yaml") for sid, path in files]
    failures = {
        f"{path.parent.name}/{path.name}": [
            k for k in ("doc_type_correct", "municipalities_correct", "period_correct") if not r[k]
        ]
        for (sid, path), r in zip(files, results, strict=True)
    }
    failures = {name: bad for name, bad in failures.items() if bad}
    assert not failures, failures
    matched = sum(r["priorities_matched"] for r in results)
    recall = matched / max(1, sum(r["priorities_gold"] for r in results))
    precision = matched / max(1, sum(r["priorities_found"] for r in results))
    field_accuracy = sum(r["fields_correct"] for r in results) / max(
        1, sum(r["fields_total"] for r in results)
    )
    detail = {
        f"{p.parent.name}/{p.name}": (r["missed"], r["extra"], r["wrong_fields"])
        for (_, p), r in zip(files, results, strict=True)
        if r["missed"] or r["extra"] or r["wrong_fields"]
    }
    assert recall >= 0.9, (recall, detail)
    assert precision >= 0.9, (precision, detail)
    assert field_accuracy >= 0.9, (field_accuracy, detail)


def test_priority_pages_and_sections_match_the_renderer(built_corpus, corpus_manifest):
    """A priority found at a heading carries that heading's label and the page it was printed on."""
    checked = 0
    for entry in corpus_manifest["files"]:
        if (
            entry["format"] != "pdf"
            or entry.get("variant")
            or not (GOLD / f"{entry['id']}.profile.yaml").exists()
        ):
            continue
        pages = {" ".join(h["text"].split()): h["page"] for h in entry["headings"]}
        for priority in _profile(str(built_corpus / entry["path"])).priorities:
            assert priority.page is not None and priority.section
            if priority.section in pages:
                assert priority.page == pages[priority.section], (entry["id"], priority.section)
                checked += 1
    assert checked > 0


def test_profile_command_prints_json(built_corpus, corpus_manifest):
    from ivpcheck.cli import main

    entry = next(f for f in corpus_manifest["files"] if f["format"] == "pdf" and not f.get("variant"))
    result = CliRunner().invoke(main, ["profile", str(built_corpus / entry["path"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["doc_type"]["type"] == entry["doc_type"]
    terminal = CliRunner().invoke(main, ["profile", str(built_corpus / entry["path"])])
    assert terminal.exit_code == 0 and "Prioriteiten" in terminal.output


def test_profile_command_reports_input_errors(tmp_path):
    from ivpcheck.cli import main

    result = CliRunner().invoke(main, ["profile", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 10
    assert "niet gevonden" in result.output


# --- unseen layouts -------------------------------------------------------------------------------


def test_priorities_from_the_toc_when_headings_were_missed():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Ede 2024-2027"),
        ("heading", "3 Speerpunten"),
        ("heading", "3.1 Speerpunt 1 – Ondermijning", 2),
        ("paragraph", "Tekst over drugslabs."),
    )
    doc.toc.extend(
        [
            TocEntry(title="Speerpunten", number="3", page=5, level=1),
            TocEntry(title="Speerpunt 1 – Ondermijning", number="3.1", page=5, level=2),
            TocEntry(title="Speerpunt 2 – Veilig uitgaan", number="3.2", page=6, level=2),
        ]
    )
    found = extract_priorities(doc, FIELDS, CUES)
    assert [(p.text, p.page) for p in found] == [("Ondermijning", 1), ("Veilig uitgaan", 6)]
    assert found[1].field == "bedrijvigheid-en-veiligheid"


def test_priorities_from_a_table_or_a_sentence():
    table = make_doc(
        ("heading", "Samenvatting"),
        ("table", "Speerpunt | Doel | Partners"),
        ("table", "Woninginbraak | minder inbraken | politie"),
        ("table", "Verkeersveiligheid | minder ongevallen | provincie"),
    )
    assert [(p.text, p.field) for p in extract_priorities(table, FIELDS, CUES)] == [
        ("Woninginbraak", "veilige-woon-en-leefomgeving"),
        ("Verkeersveiligheid", "fysieke-veiligheid"),
    ]
    sentence = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "Onze prioriteiten zijn: ondermijning, jeugdoverlast en zorg en veiligheid."),
    )
    assert [p.text for p in extract_priorities(sentence, FIELDS, CUES)] == [
        "Ondermijning",
        "Jeugdoverlast",
        "Zorg en veiligheid",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "De komende jaren zetten we extra in op personen met verward gedrag, drugsoverlast, "
            "ondermijnende en georganiseerde criminaliteit en jeugdoverlast en -criminaliteit.",
            [
                "Personen met verward gedrag",
                "Drugsoverlast",
                "Ondermijnende en georganiseerde criminaliteit",
                "Jeugdoverlast en -criminaliteit",
            ],
        ),
        (
            "De thema’s waar we de komende jaren op inzetten zijn ondermijning, digitale veiligheid, zorg en "
            "veiligheid en jeugd en veiligheid.",
            ["Ondermijning", "Digitale veiligheid", "Zorg en veiligheid", "Jeugd en veiligheid"],
        ),
        (
            "In de vorige periode werkten we aan inbraken. De komende vier jaar zijn onze prioriteiten "
            "‘Jeugd en veiligheid’, ‘Ondermijning’, ‘Zorg en veiligheid’ en ‘Digitale veiligheid’.",
            ["Jeugd en veiligheid", "Ondermijning", "Zorg en veiligheid", "Digitale veiligheid"],
        ),
        (
            "Dat betekent dat we extra tijd en middelen inzetten op de thema’s ondermijning, "
            "risicojongeren en digitale criminaliteit.",
            ["Ondermijning", "Risicojongeren", "Digitale criminaliteit"],
        ),
        ("We zetten in op preventie, repressie en nazorg.", []),  # an approach, no safety themes
        ("We zetten in op ondermijning en jeugd.", []),  # two themes in passing
    ],
    ids=[
        "zetten-in-op",
        "themas-waar-we-op-inzetten",
        "quoted-after-a-look-back",
        "inzetten-op-de-themas",
        "approach",
        "two-themes",
    ],
)
def test_priorities_run_on_in_a_sentence_without_a_colon(sentence, expected):
    doc = make_doc(("heading", "Voorwoord"), ("paragraph", "Veiligheid maken we samen. " + sentence))
    assert [p.text for p in extract_priorities(doc, FIELDS, CUES)] == expected


def test_priorities_listed_after_a_sentence_on_the_prioritering():
    doc = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "Deze prioritering leidt tot de volgende veiligheidsagenda:"),
        ("list_item", "Veilig verkeer, veilige woonomgeving;"),
        ("list_item", "Ondermijning;"),
        ("list_item", "Zorg en veiligheid."),
    )
    assert [p.text for p in extract_priorities(doc, FIELDS, CUES)] == [
        "Veilig verkeer, veilige woonomgeving",
        "Ondermijning",
        "Zorg en veiligheid",
    ]


def test_a_principle_heading_with_focus_is_not_a_priorities_chapter():
    doc = make_doc(
        ("heading", "4 Uitgangspunten"),
        ("heading", "4.1 Focus op preventie", 2),
        ("list_item", "Voorlichting op scholen"),
        ("list_item", "Buurtpreventie"),
        ("heading", "5 Prioriteiten"),
        ("heading", "5.1 Hoe hebben we gekozen?", 2),
        ("heading", "5.2 Cybercrime", 2),
        ("heading", "5.3 Mensenhandel", 2),
    )
    assert [p.text for p in extract_priorities(doc, FIELDS, CUES)] == ["Cybercrime", "Mensenhandel"]


def test_local_priorities_per_municipality_in_a_joint_plan():
    doc = make_doc(
        ("cover", "Integraal Veiligheidsplan Heuvelland 2024-2027"),
        ("cover", "Gemeenten Gulpen-Wittem, Vaals en Valkenburg aan de Geul"),
        ("heading", "4 Gezamenlijke prioriteiten"),
        ("heading", "4.1 Ondermijning", 2),
        ("heading", "5 Lokale prioriteiten"),
        ("heading", "5.1 Vaals", 2),
        ("list_item", "Grensoverschrijdende criminaliteit"),
        ("heading", "5.2 Valkenburg aan de Geul", 2),
        ("list_item", "Veilig toerisme en evenementen"),
    )
    profile = build_profile(doc, VOCAB)
    assert profile.joint
    got = [(p.text, p.scope, p.municipality) for p in profile.priorities]
    assert got == [
        ("Ondermijning", "gezamenlijk", None),
        ("Grensoverschrijdende criminaliteit", "lokaal", "Vaals"),
        ("Veilig toerisme en evenementen", "lokaal", "Valkenburg aan de Geul"),
    ]
    assert profile.priorities[2].field == "bedrijvigheid-en-veiligheid"


@pytest.mark.parametrize(
    ("expected", "blocks"),
    [
        (
            "evaluatie",
            [
                ("cover", "Evaluatie Integraal Veiligheidsplan 2019-2022"),
                ("heading", "1 Inleiding"),
                ("paragraph", "In deze evaluatie kijken we terug op het IVP. Het aantal inbraken daalde."),
            ],
        ),
        (
            "evaluatie",
            [
                ("cover", "Jaarverslag veiligheid 2022"),
                ("heading", "1 Cijfers"),
                (
                    "paragraph",
                    "In 2022 daalde het aantal inbraken met 10 procent ten opzichte van het vorige jaar.",
                ),
            ],
        ),
        (
            "uitvoeringsplan",
            [
                ("cover", "Actieplan Ondermijning 2024"),
                ("heading", "1 Acties"),
                ("table", "Actie | Trekker | Planning"),
                ("table", "Integrale controles | OOV | Q1"),
            ],
        ),
        (
            "raadsvoorstel",
            [
                ("heading", "Raadsvoorstel"),
                ("paragraph", "Onderwerp: Integraal Veiligheidsplan 2024-2027"),
                ("heading", "Beslispunten"),
                ("list_item", "Het IVP vast te stellen."),
                ("heading", "Argumenten"),
                ("paragraph", "Het college stelt de raad voor het plan vast te stellen."),
            ],
        ),
        (
            "overig",
            [
                ("cover", "Horecabeleid 2024"),
                ("heading", "1 Inleiding"),
                ("paragraph", "Dit beleid gaat over terrassen en vergunningen."),
            ],
        ),
        (
            "nieuwsbericht",
            [
                ("heading", "Nieuw veiligheidsplan voor Ede"),
                ("paragraph", "EDE – Het college presenteert een nieuw veiligheidsplan."),
                ("paragraph", '"We kiezen voor focus," zegt burgemeester Verhoeve.'),
            ],
        ),
    ],
)
def test_document_types_of_unseen_documents(expected, blocks):
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == expected, decision
    assert decision.reasons and 0.0 < decision.confidence <= 1.0


def test_a_neighbour_named_twice_as_gemeente_is_not_covered():
    doc = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "Dit veiligheidsplan van de gemeente Texel geldt voor alle dorpen op Texel."),
        ("paragraph", "De gemeente Texel werkt samen met de gemeente Den Helder in het basisteam."),
        ("paragraph", "Bij evenementen helpt de gemeente Den Helder met boa's. Texel is een eiland."),
        ("paragraph", "De burgemeester van Texel is verantwoordelijk voor de openbare orde op Texel."),
    )
    assert [m.name for m in detect_municipalities(doc)] == ["Texel"]


def test_joint_plan_recognised_from_repeated_pairs_without_a_cover():
    doc = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "Hollands Kroon en Schagen werken met één gezamenlijk veiligheidsplan."),
        ("paragraph", "Iedereen in Hollands Kroon en Schagen moet veilig kunnen wonen."),
        ("paragraph", "De coalitieakkoorden van Hollands Kroon en Schagen noemen ondermijning."),
        ("paragraph", "In Schagen is wat meer uitgaansgeweld dan in Hollands Kroon."),
    )
    assert [m.name for m in detect_municipalities(doc)] == ["Hollands Kroon", "Schagen"]


def test_an_empty_document_gets_an_empty_profile():
    from ivpcheck.model.document import Document

    profile = build_profile(Document(source="empty.txt", format="text", sha256="0" * 64), VOCAB)
    assert profile.doc_type.type == "overig" and not profile.doc_type.is_ivp
    assert profile.municipalities == [] and profile.priorities == [] and profile.period_start is None


@pytest.mark.parametrize(
    "blocks",
    [
        [  # a party named in the text: its "wij" is the party's, the plan its subject
            ("heading", "Integraal Veiligheidsbeleidsplan"),
            (
                "paragraph",
                "De SGP deelt de ambitie van het college om de veiligste gemeente van de regio te blijven. "
                "Ook wij willen werken aan respect en leefbaarheid in onze gemeente.",
            ),
            (
                "paragraph",
                "Met de veiligheidsanalyse in de hand stellen wij nog enkele vragen over de prioriteiten.",
            ),
        ],
        [  # an author's byline with the day of posting: the author's "in dit plan"
            ("heading", "Veiligheidsplan voor Noorderveld"),
            ("paragraph", "Door Marieke Jansen op 4 maart 2025 om 20:15"),
            (
                "paragraph",
                "Wij hebben gesproken over het veiligheidsplan 2025-2028. In dit plan worden drie "
                "prioriteiten beschreven: ondermijning, digitale veiligheid en jeugd. Wij steunen die keuze.",
            ),
        ],
        [  # events of the council, dated relative to the day of writing
            ("heading", "Integraal Veiligheidsplan 2025-2028"),
            (
                "paragraph",
                "Afgelopen raadscommissie spraken we over het nieuwe veiligheidsplan. "
                "De raad stemt in april.",
            ),
            (
                "paragraph",
                "Het plan, dat vandaag door het college is vastgesteld, noemt drie prioriteiten: "
                "ondermijning, jeugd en digitale veiligheid.",
            ),
        ],
    ],
    ids=["party-named", "author-byline", "council-event-today"],
)
def test_a_post_about_the_plan_is_not_recognised_as_the_plan(blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type != "ivp"


def test_a_plan_that_calls_itself_the_document_before_the_reader_names_itself():
    doc = make_doc(
        ("heading", "Besluit van de gemeenteraad houdende regels omtrent veiligheid"),
        ("paragraph", "Geldend van 01-03-2025 t/m heden"),
        (
            "paragraph",
            "Veilig wonen en werken vraagt een gezamenlijke inzet. In het voorliggende Integraal "
            "Veiligheidsbeleid 2025-2028 zetten we onze prioriteiten voor vier jaar op een rij. "
            "Wij werken daarin samen met politie, brandweer en inwoners.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and decision.is_ivp, decision


def _action_programme(period: str, shown: int) -> list[tuple[str, str]]:
    title = f"Actieprogramma Veiligheid {period}"
    return [
        *[("paragraph", title)] * shown,  # a document host shows the title again and again
        ("heading", "Voorwoord"),
        (
            "paragraph",
            "Vorig jaar lieten we onderzoeken hoe de criminaliteit in onze stad zich ontwikkelt. Met dit "
            "onderzoek als basis werkten we met onze partners aan de koers voor de komende jaren.",
        ),
    ]


def test_a_title_shown_three_times_counts_once_and_a_programme_over_a_plans_period_is_not_refused():
    long_programme = classify_document(make_doc(*_action_programme("2010-2014", shown=3)), VOCAB)
    assert long_programme.is_ivp and long_programme.doubt, long_programme
    year_programme = classify_document(make_doc(*_action_programme("2024", shown=3)), VOCAB)
    assert year_programme.type == "uitvoeringsplan" and not year_programme.is_ivp, year_programme
    gate = doctype_gate(VOCAB)
    once, thrice = (make_doc(*_action_programme("2024", shown=n)) for n in (1, 3))
    assert (
        gate.evidence(once, gate.opening.read(once)).scores
        == gate.evidence(thrice, gate.opening.read(thrice)).scores
    )


@pytest.mark.parametrize(
    "blocks",
    [
        [  # "dit plan" right after a reported act on the plan is the plan reported on
            ("heading", "Veiligheidsagenda 2025-2028"),
            ("paragraph", "Zo blijft Noorderveld een fijne plek om te wonen."),
            (
                "paragraph",
                "De gemeenteraad van Noorderveld heeft de Veiligheidsagenda 2025-2028 met algemene stemmen "
                "vastgesteld. Dit integrale veiligheidsplan bevat de koers voor de komende vier jaar.",
            ),
        ],
        [  # a page announcing the plan still to be written
            ("heading", "Veiligheidsbeleid 2026-2029"),
            (
                "paragraph",
                "De gemeente Noorderveld gaat een nieuw veiligheidsbeleid opstellen voor 2026-2029. Daarin "
                "staat hoe we samen met politie en inwoners zorgen voor een veilige gemeente en welke "
                "prioriteiten we kiezen.",
            ),
            ("paragraph", "Het veiligheidsbeleid kent vier thema's: veilige wijken, jeugd en ondermijning."),
        ],
        [  # an execution plan by another name
            ("heading", "Uitwerkingsplan Integrale Veiligheid 2025 Gemeente Noorderveld"),
            (
                "paragraph",
                "Voorwoord Voor u ligt het derde uitwerkingsplan, voor het jaar 2025. Ook dit plan vertaalt "
                "de kadernota naar de praktijk. In dit plan leest u onze prioriteiten en speerpunten.",
            ),
        ],
        [  # "Uitvoeringsprogramma Integrale veiligheid": no "programma integrale veiligheid" in its tail
            ("heading", "Uitvoeringsprogramma Integrale veiligheid 2025"),
            ("heading", "Hoofdstuk 1. Inleiding"),
            (
                "paragraph",
                "In het Integraal Veiligheidsbeleid 2023-2026 staan onze visie, de uitgangspunten en de "
                "prioriteiten per veiligheidsveld. Wij werken die hier uit voor één jaar.",
            ),
        ],
        [  # an ordinal before the type word still heads the title
            ("heading", "Burgemeester: “Samen werken we aan een veilige stad”"),
            ("paragraph", "Eerste voortgangsrapportage veiligheidsagenda Noorderveld 2025-2028"),
            (
                "paragraph",
                "Het gaat goed met de veiligheid in Noorderveld. Dat blijkt uit de eerste rapportage over de "
                "veiligheidsagenda. Het veiligheidsbeeld laat minder woninginbraken zien.",
            ),
        ],
    ],
    ids=[
        "dit-plan-after-reported-adoption",
        "plan-to-come",
        "uitwerkingsplan",
        "execution-programme-title",
        "ordinal-before-the-type-word",
    ],
)
def test_a_text_about_a_plan_or_an_execution_plan_is_not_the_plan(blocks):
    assert classify_document(make_doc(*blocks), VOCAB).type != "ivp"


def test_a_plans_own_account_of_its_adoption_keeps_it_a_plan():
    """The anaphora rule reads a paragraph: 'In dit plan' after the foreword's account of the adoption
    is the plan itself in a document built like one."""
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan 2025-2028"),
        ("heading", "Inhoudsopgave"),
        ("paragraph", "1. Inleiding 3"),
        ("heading", "1. Inleiding"),
        (
            "paragraph",
            "Op 3 maart 2025 heeft de gemeenteraad het Integraal Veiligheidsplan 2025-2028 vastgesteld.",
        ),
        ("paragraph", "In dit plan beschrijven we onze visie, de veiligheidsanalyse en de prioriteiten."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and not decision.doubt, decision


_PLAN_BODY = (
    "Veiligheid is een opgave van ons allemaal. We besteden extra aandacht aan de wijken waar de "
    "leefbaarheid onder druk staat, samen met onze inwoners. Daarnaast kiezen we vier prioriteiten voor "
    "de komende jaren: ondermijning, jeugd, zorg en veiligheid en digitale veiligheid."
)


@pytest.mark.parametrize(
    "blocks",
    [
        [("heading", "Masterplan Integrale Veiligheid 2024-2027"), ("paragraph", _PLAN_BODY)],
        [("heading", "Programma Veiligheid 2024-2027"), ("paragraph", _PLAN_BODY)],
        [("heading", "Nota Veiligheid 2024-2027"), ("paragraph", _PLAN_BODY)],
        [("heading", "Beleidsstrategie Integrale Veiligheid"), ("paragraph", _PLAN_BODY)],
        [  # the plan in English translation
            ("heading", "Long-term Programme Safety 2024-2027"),
            (
                "paragraph",
                "Where do we start? Our mission is to make Noorderveld as safe as possible by 2027. We have "
                "set a number of priorities to achieve this mission: subversive crime and youth nuisance.",
            ),
        ],
    ],
    ids=["masterplan", "programme-over-a-period", "nota", "beleidsstrategie", "english-translation"],
)
def test_a_plan_named_as_a_masterplan_a_programme_or_in_english_is_recognised(blocks):
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == "ivp" and not decision.doubt, decision


def test_a_budget_page_listing_the_plan_among_its_policy_notes_is_no_plan():
    """The plan's name as an item of the budget's list of adopted notes is a reference, not a title."""
    doc = make_doc(
        ("heading", "Veiligheid"),
        (
            "paragraph",
            "Inwoners en bezoekers van Noorderveld moeten zich veilig voelen en veilig zijn. We werken aan "
            "het tegengaan van ondermijning en woninginbraken en aan een veilig verloop van evenementen.",
        ),
        ("paragraph", "Beleidskader"),
        ("paragraph", "Vastgestelde gemeentelijke beleidsnota's:"),
        ("paragraph", "Integraal Veiligheidsbeleid gemeente Noorderveld 2023-2026 (2023)"),
        ("paragraph", "Bestuurlijke handhaving Opiumwet (2021)"),
        ("paragraph", "Wat willen we bereiken?"),
        ("paragraph", "We willen dat inwoners zich veilig voelen in hun buurt en dat de overlast daalt."),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_a_budgets_safety_programme_without_a_period_is_no_plan():
    doc = make_doc(
        ("heading", "Programma Veiligheid"),
        (
            "paragraph",
            "Wat willen we bereiken? Wat gaan we daarvoor doen? Wat mag het kosten? Bedragen x € 1.000. "
            "Dit programma omvat de taakvelden crisisbeheersing en openbare orde en veiligheid; de "
            "begroting na wijziging staat in de tabel.",
        ),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_a_budget_page_with_its_questions_and_money_table_under_a_policy_title_is_no_plan():
    """The budget's second question and its table of costs, under a heading named after the safety
    policy whose themes it lists: a page of the budget, however plan-like its heading."""
    doc = make_doc(
        ("paragraph", "Veilige buurten | Wat mag het kosten (€ 1.000)"),
        ("paragraph", "Wat gaan we daarvoor doen? | Lasten | Baten | Saldo"),
        ("paragraph", "Lokaal veiligheidsbeleid: de accenten"),
        (
            "paragraph",
            "In het Integraal Veiligheidsplan 2024-2027 krijgen drie thema's extra aandacht: ondermijning, "
            "jeugdoverlast en de veiligheid in de wijken. Samen met de politie zetten we ons elke dag in "
            "voor een veilige stad en we voorkomen verstoringen van de openbare orde.",
        ),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_dit_plan_after_the_plan_introducing_itself_is_its_own_name():
    doc = make_doc(
        (
            "paragraph",
            "Voor u ligt het Integraal Veiligheidsplan 2025-2028 van Rijnwaarde. Dit plan beschrijft onze "
            "prioriteiten voor vier jaar.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert any("noemt zichzelf" in reason and "dit plan" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    "blocks",
    [
        [  # a date line with the month cut short, and a 'deze nota' pointing back to 'de Kadernota ...'
            ("heading", "Rijnwaarde pakt ondermijning en verkeersonveiligheid aan"),
            ("paragraph", "7 jun 2024"),
            (
                "paragraph",
                "De gemeenteraad stelde op 6 juni de Kadernota Integrale Veiligheid vast. Deze nota geeft "
                "de kaders om de komende vier jaar met de partners aan veiligheid te werken. De gemeente "
                "kiest voor drie prioriteiten: ondermijning, veilige wijken en verkeersveiligheid.",
            ),
        ],
        [  # the day's date before the dateline's place in capitals
            (
                "paragraph",
                "date 2026-03-04 RIJNWAARDE – De gemeente werkt aan een nieuwe veiligheidsvisie voor de "
                "komende jaren. Daarvoor vraagt ze inwoners om een vragenlijst in te vullen over hoe veilig "
                "ze zich voelen in hun buurt.",
            ),
        ],
    ],
    ids=["short-month-and-de-kadernota", "date-before-dateline"],
)
def test_news_with_a_short_date_or_a_dated_dateline_is_news(blocks):
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == "nieuwsbericht"


def test_a_generic_title_with_its_period_on_the_title_block_is_still_the_plans_name():
    doc = make_doc(
        ("paragraph", "Veiligheidsplan"),
        ("paragraph", "2024-2027"),
        ("paragraph", "Inhoudsopgave"),
        ("paragraph", PLAN_TEXT),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and not decision.doubt


def test_a_plan_naming_itself_by_its_titles_head_is_the_plan():
    """'Dit programma' under the title 'Lokaal Integraal Veiligheidsprogramma ...' is the plan's name for
    itself, though the text speaks of integral safety policy as a concept again and again."""
    doc = make_doc(
        ("paragraph", "LOKAAL INTEGRAAL VEILIGHEIDSPROGRAMMA RIJNWAARDE 2001-2005"),
        ("paragraph", "Rijnwaarde, juli 2001."),
        (
            "paragraph",
            "SAMENVATTING Het integraal veiligheidsbeleid is een actueel onderwerp. Een samenhangende aanpak "
            "is de kern van het integraal veiligheidsbeleid. Bij het uitvoeren van het beleid nemen "
            "overheid en partners maatregelen in samenhang. De nadruk in dit programma ligt op een "
            "herkenbare aanpak in de wijken en op het integraal veiligheidsbeleid als gezamenlijke taak.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp"
    assert any("dit programma" in reason for reason in decision.reasons)


def test_a_plans_title_line_ending_in_a_full_stop_still_names_it():
    doc = make_doc(
        ("paragraph", "Beleidsplan Veiligheid Rijnwaarde 2010 t/m 2014."),
        ("paragraph", "VOORWOORD"),
        (
            "paragraph",
            "We streven onverminderd naar een veilige stad voor onze inwoners. We hebben kritisch "
            "gekeken naar onze activiteiten en keuzes gemaakt. De komende jaren werken we met onze "
            "partners aan minder woninginbraken en minder overlast.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp"


def test_a_hosts_transcript_label_is_no_thesis():
    """'Transcriptie' on a document host's page holds 'scriptie' but names no student's thesis."""
    doc = make_doc(
        ("paragraph", "Integraal Veiligheidsplan Rijnwaarde 2024-2027"),
        ("paragraph", "Transcriptie"),
        ("paragraph", "1 Integraal Veiligheidsplan Rijnwaarde 2024-2027 2 Inhoud 3 Voorwoord"),
        ("paragraph", PLAN_TEXT),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp"
    assert not any("onderzoeksrapport" in reason for reason in decision.reasons)


def test_a_plan_titled_as_a_vision_is_the_plan_and_a_bare_vision_page_is_not():
    plan = make_doc(
        ("paragraph", "Veiligheidsvisie Rijnwaarde 2024-2028"),
        ("paragraph", "Voorwoord"),
        (
            "paragraph",
            "In deze visie beschrijven we hoe we de komende vier jaar samen met inwoners en partners werken "
            "aan een veilige gemeente. We kiezen voor minder overlast en een weerbare samenleving.",
        ),
    )
    assert classify_document(plan, VOCAB).type == "ivp"
    page = make_doc(
        ("paragraph", "Lees voor"),
        ("heading", "Veiligheidsvisie"),
        (
            "paragraph",
            "Is Rijnwaarde over tien jaar een veilige gemeente? Dat staat in de visie Samen veilig. Dit is "
            "een plan om de gemeente de komende jaren veiliger te maken. We doen dat samen met bewoners.",
        ),
    )
    assert classify_document(page, VOCAB).type != "ivp"


def test_a_federal_framework_note_is_belgian_however_plan_like_its_title():
    """Belgium's national 'Kadernota Integrale Veiligheid' speaks of the federal and federated levels."""
    doc = make_doc(
        ("heading", "Kadernota Integrale Veiligheid"),
        (
            "paragraph",
            "Veiligheid is een prioriteit van de regering. De kadernota legt de prioriteiten vast voor alle "
            "beleidsniveaus. Federale, deelstatelijke en lokale experts bepaalden tien clusters van "
            "veiligheidsfenomenen en vijf transversale thema's.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "overig" and not decision.is_ivp


@pytest.mark.parametrize(
    ("blocks", "wrong_reason"),
    [
        (
            [
                ("heading", "Veiligheidsschouwen in Rijnwaarde"),
                (
                    "paragraph",
                    "In het najaar liepen bewoners vijf schouwen. Ze waren de input voor het gemeentelijke "
                    "Meerjarenbeleidsplan Integrale Veiligheid 2025-2029. De raad bespreekt het in het "
                    "voorjaar. Dit beleidsplan beschrijft de doelen voor vijf jaar. Onderwerpen als verkeer "
                    "en inbraken worden in dit plan meegenomen.",
                ),
            ],
            "noemt zichzelf",
        ),
        (
            [
                ("heading", "Nieuw rampbestrijdingsplan haven ter inzage"),
                (
                    "paragraph",
                    "Het bestuur van de veiligheidsregio wil een nieuw rampbestrijdingsplan voor de haven "
                    "vaststellen. Dit plan beschrijft hoe de hulpdiensten en de bedrijven een incident "
                    "bestrijden.",
                ),
            ],
            "noemt zichzelf",
        ),
        (
            [
                ("heading", "Leeswijzer veiligheidsanalyse gemeenten Rijnwaarde en Dijkveld"),
                (
                    "paragraph",
                    "De gemeenteraden stemden in met het samen opstellen van één integraal "
                    "veiligheidsbeleid. Dit veiligheidsbeleid vervangt de huidige stukken. Eerst brengen "
                    "we de problemen in kaart.",
                ),
            ],
            "noemt zichzelf",
        ),
        (
            [
                ("heading", "Gemeente Rijnwaarde stelt prioriteiten in veiligheidsbeleid"),
                (
                    "paragraph",
                    "Rijnwaarde - Het afgelopen jaar steeg het aantal meldingen van jongerenoverlast flink. "
                    "Het aantal woninginbraken daalde. Dat blijkt uit de politiecijfers over vorig jaar.",
                ),
                (
                    "paragraph",
                    "De burgemeester wil de komende jaren vooral inzetten op jeugd en ondermijning.",
                ),
            ],
            "een hoofdstuk of deel van het plan",
        ),
        (
            [
                ("heading", "Voor een veilig Rijnwaarde"),
                ("paragraph", "Afbeelding bij bijdrage vaststelling IVP.jpgvrijdag 21 december 2018"),
                (
                    "paragraph",
                    "Op 20 december heeft de gemeenteraad het Integraal Veiligheidsplan vastgesteld. De "
                    "ChristenUnie is positief over de lokale prioriteiten: drugs, woninginbraken en "
                    "polarisatie.",
                ),
            ],
            "IVP.jpg",
        ),
        (
            [
                ("heading", "Veiligheid"),
                (
                    "paragraph",
                    "Veiligheid is belangrijk voor iedereen in Rijnwaarde. Want hoe vrij ben je, als je niet "
                    "veilig over straat kunt? Als je niet naar de sportclub durft, of als je bang bent op "
                    "school? In dit hoofdstuk leggen we uit hoe we Rijnwaarde veilig willen maken en houden.",
                ),
                (
                    "paragraph",
                    "We willen meer wijkagenten en we investeren in buurtpreventie en verlichting.",
                ),
            ],
            "een hoofdstuk in de eigen stem",
        ),
        (
            [
                ("paragraph", "Skip to content"),
                ("heading", "Consultatie veiligheidsplan Veiligheidsregio Noord 2025-2028"),
                ("paragraph", "Geacht college,"),
                (
                    "paragraph",
                    "De veiligheidsregio stelt in 2025 het risicoprofiel, het beleidsplan en het crisisplan "
                    "vast. Wij vragen u om uw reactie op het concept.",
                ),
            ],
            "Skip to content",
        ),
    ],
    ids=[
        "pointing-back-two-sentences",
        "pointing-back-other-plan",
        "pointing-back-with-een-stressed",
        "headline-not-organisation",
        "image-file-name",
        "party-chapter-speaking-to-je",
        "skip-link-consultation",
    ],
)
def test_not_a_plan_and_not_for_the_wrong_reason(blocks, wrong_reason):
    """Pages that are no plan, each answered so without the reason that used to make them one: 'dit plan'
    pointing back to a plan named a sentence or two before (also another kind of plan), an image's file
    name on the title block, a headline opening with 'Gemeente X' taken for the site's name, a party
    programme's chapter speaking to 'je', a skip link."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type != "ivp"
    assert not any(wrong_reason in reason for reason in decision.reasons)


def test_a_page_titled_only_with_the_generic_word_is_about_the_topic():
    """'Veiligheidsbeleid' alone, with no period or municipality on the title block, heads a topic's page."""
    doc = make_doc(
        ("heading", "Veiligheidsbeleid"),
        (
            "paragraph",
            "De gemeente hecht groot belang aan veiligheid. Op deze pagina's vindt u algemene informatie "
            "over het beleid, de partners en de twaalf speerpunten. De prioriteiten staan hieronder.",
        ),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_a_headline_with_the_municipality_acting_is_news():
    """'<Gemeente> vertaalt IVP naar actieplan': a municipality as the subject of a present-tense verb
    heads a news item, whatever verb it is."""
    doc = make_doc(
        ("paragraph", "Raadsleden & Veiligheid"),
        ("paragraph", "Partners"),
        ("paragraph", "Zwolle vertaalt IVP naar actieplan"),
        ("paragraph", "23-10-2024"),
        (
            "paragraph",
            "De gemeente Zwolle heeft een bijeenkomst georganiseerd waarin de prioriteiten uit het "
            "Integraal Veiligheidsplan (IVP) 2025-2028 werden vertaald naar concrete aanpakken in het "
            "komende actieplan 2025-2026.",
        ),
        ("paragraph", "Lokale prioriteiten"),
        ("paragraph", "Na korte presentaties gingen de deelnemers in groepen uiteen om door te praten."),
    )
    assert classify_document(doc, VOCAB).type == "nieuwsbericht"


def test_a_framework_note_on_supervision_and_enforcement_is_other_policy():
    doc = make_doc(
        ("paragraph", "Kadernota Integraal Toezicht en Handhaving. Gemeente Rijnwaarde"),
        ("paragraph", "Inhoud 1. Inleiding 2. Visie op toezicht en handhaving 3. Uitgangspunten"),
        (
            "paragraph",
            "Deze kadernota beschrijft de visie en de uitgangspunten voor toezicht en handhaving, en "
            "daarmee voor de veiligheid, in de gemeente voor de komende vier jaar. In deze nota kiezen we "
            "onze prioriteiten en we leggen vast hoe we de naleving van de regels bevorderen.",
        ),
    )
    assert classify_document(doc, VOCAB).type == "overig"


def test_an_official_publication_entry_naming_the_plan_is_the_plan_before_its_decision():
    """A publication page's entry for a regulation named as a plan ('Citeertitel ...') is the plan published,
    also when the excerpt ends before the council's decision."""
    doc = make_doc(
        ("paragraph", "Rijnwaarde"),
        ("heading", "Integraal veiligheidsbeleid gemeente Rijnwaarde 2025-2028"),
        ("paragraph", "Wetstechnische informatie"),
        ("paragraph", "Gegevens van de regeling"),
        ("paragraph", "OrganisatieRijnwaarde"),
        ("paragraph", "Officiële naam regelingIntegraal veiligheidsbeleid gemeente Rijnwaarde 2025-2028"),
        ("paragraph", "CiteertitelIntegraal veiligheidsbeleid gemeente Rijnwaarde 2025-2028"),
        ("paragraph", "Vastgesteld doorgemeenteraad"),
        ("paragraph", "Onderwerpopenbare orde en veiligheid"),
        (
            "paragraph",
            "Opmerkingen met betrekking tot de regeling Geen. Wettelijke grondslag(en) of bevoegdheid waarop "
            "de regeling is gebaseerd Onbekend. Overzicht van in de tekst verwerkte wijzigingen: datum "
            "inwerkingtreding, terugwerkende kracht, datum uitwerkingtreding, betreft, datum ondertekening.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and not decision.doubt
    assert any("officiële publicatie van het plan" in reason for reason in decision.reasons)


def test_a_contents_list_read_as_furniture_still_shows_the_plans_build():
    """A run-on contents list under the title ('Inhoudsopgave Hoofdstuk 1: ... 3') is page furniture to the
    title finder, but it shows a document's build: the plan's name in the title then counts fully."""
    doc = make_doc(
        ("paragraph", "Kadernota Integrale Veiligheid 2026-2029 (versie 3 maart)"),
        (
            "paragraph",
            "Inhoudsopgave Hoofdstuk 1: Aanleiding en werkwijze………………………… 3 1.1 1.2 1.3 Wat is "
            "veiligheid? ………………………… Hoe kwam het beleid tot stand? …………………………",
        ),
        ("paragraph", "Hoofdstuk 2: Doelstellingen en uitgangspunten ………………………… 6 2.1 2.2"),
        (
            "paragraph",
            "Veiligheid is een gedeelde verantwoordelijkheid van de gemeente, de partners en de inwoners. "
            "De gemeente voert de regie op het lokale veiligheidsbeleid.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp" and not decision.doubt


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("heading", "Lokaal Veiligheidsplan"),
            (
                "paragraph",
                "Het college van de gemeente Rijnwaarde maakt bekend dat het op 4 maart het Lokaal "
                "Veiligheidsplan 2026-2027 heeft vastgesteld. Het plan noemt de speerpunten voor de komende "
                "jaren op het gebied van openbare orde en veiligheid: woninginbraken, jeugdoverlast, "
                "ondermijning en verkeersveiligheid. Het plan ligt zes weken ter inzage in het gemeentehuis "
                "en is te lezen op de website van de gemeente.",
            ),
        ],
        [
            ("heading", "Integraal veiligheidsbeleid in Rijnwaarde"),
            (
                "paragraph",
                "De gemeente Rijnwaarde wil blijven investeren in de veiligheid van haar inwoners en heeft "
                "dat uitgewerkt in een nieuw veiligheidsbeleid voor vier jaar. Belangrijke thema's zijn de "
                "woonomgeving, uitgaan, jeugd en de aanpak van georganiseerde criminaliteit. Samen met de "
                "politie, de brandweer en de woningcorporaties gaat de gemeente aan de slag.",
            ),
        ],
    ],
    ids=["notice-of-adoption", "municipal-page-third-person"],
)
def test_a_plans_name_over_a_text_showing_nothing_of_the_plan_is_a_text_about_it(blocks):
    """A plan's name as the title over a text with nothing of a plan itself (no voice, no build, no name
    for itself): a notice or a page about the plan, scored in doubt but not answered as the plan."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type != "ivp" and decision.is_ivp and decision.doubt
    assert any("verder niets van het plan zelf" in reason for reason in decision.reasons)


def test_what_a_plan_holds_listed_in_one_sentence_counts_once():
    """A budget chapter that says in one sentence what an IVP holds ('de visie, de doelen, de uitgangspunten
    en de prioriteiten') shows one enumeration, not four features of a plan of its own; a plan showing the
    same four as its own headings stays a plan."""
    budget = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "Dit programma omvat de taakvelden 1.1 Crisisbeheersing en 1.2 Openbare orde."),
        (
            "paragraph",
            "Veiligheid is een kerntaak van de gemeente. Elke gemeente stelt volgens de Politiewet eens in "
            "de vier jaar een integraal veiligheidsplan vast. Zo'n plan bevat de visie, de doelen, de "
            "uitgangspunten en de prioriteiten op het gebied van veiligheid. Ons huidige beleidskader kent "
            "een looptijd tot en met 2025 en we herzien het dit jaar. We laten daarvoor onderzoek doen naar "
            "de veiligheid in onze wijken, en we praten met inwoners en partners over wat zij belangrijk "
            "vinden.",
        ),
    )
    assert classify_document(budget, VOCAB).type != "ivp"
    plan = make_doc(
        ("heading", "Inleiding"),
        ("paragraph", "In dit hoofdstuk leest u hoe we tot dit plan kwamen en wat de looptijd is."),
        ("heading", "Visie"),
        ("paragraph", "We willen een gemeente waar iedereen zich veilig voelt."),
        ("heading", "Uitgangspunten"),
        ("paragraph", "We werken samen met onze partners en betrekken onze inwoners."),
        ("heading", "Prioriteiten"),
        ("paragraph", "We kiezen drie prioriteiten: ondermijning, jeugd en woninginbraken."),
    )
    assert classify_document(plan, VOCAB).type == "ivp"


def test_a_quotation_introduced_by_its_speaker_and_a_colon_is_reported_speech():
    """'Burgemeester Van Dijk: “...”' quotes someone, as news does; a plan does not introduce its mayor so."""
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan 2025-2028"),
        (
            "paragraph",
            "De gemeenteraden van Rijnwaarde en Oosterbroek stemden in met het gezamenlijke Integraal "
            "Veiligheidsplan. In het plan maken de gemeenten met hun partners afspraken over prioriteiten "
            "en middelen.",
        ),
        (
            "paragraph",
            "Burgemeester Van Dijk van Rijnwaarde: “We zien jongeren in criminele netwerken belanden. Daar "
            "willen we samen met onze partners iets aan doen, in de wijken en op de scholen.”",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert any("weergegeven uitspraken" in reason for reason in decision.reasons)
    assert decision.type != "ivp"


def test_a_text_dated_from_the_day_of_writing_reports_on_the_plan():
    """'Deze nota is 4 juni jl. vastgesteld': a date counted from the day of writing is a report's; a plan
    dates its own facts absolutely. The plan's name as the title is then what the report is about."""
    doc = make_doc(
        ("heading", "Nota Integraal Veiligheidsbeleid"),
        (
            "paragraph",
            "Er zijn vragen gesteld over de aanrijtijden van de politie in de kernen. Aanleiding "
            "was de informatie die de gemeenteraad kreeg tijdens een bijeenkomst met de wijkagenten. Wij "
            "willen per kern weten hoe vaak de norm niet wordt gehaald. De vragen volgen op de Nota "
            "Integraal Veiligheidsbeleid. Deze nota is 4 juni jl. in de gemeenteraad vastgesteld.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert any("gedateerd vanaf de dag van schrijven" in reason for reason in decision.reasons)
    assert decision.type != "ivp"


def test_a_short_item_naming_itself_another_document_is_that_document():
    """Under the plan's name, a few words that call themselves a raadsinformatiebrief are that letter, not an
    empty page."""
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan"),
        ("paragraph", "In deze raadsinformatiebrief leest u wanneer het concept klaar is: na de zomer."),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "raadsvoorstel" and decision.doubt


def test_a_date_line_is_no_numbered_chapter_and_a_dated_post_names_no_plan_of_its_own():
    """'5 maart 2015' over a council member's post is its date, not a chapter '5 Maart' that would give the
    text a document's build; in a text with the form of news its 'dit plan' is the plan it reports on."""
    doc = make_doc(
        ("paragraph", "5 maart 2015"),
        ("heading", "Integraal veiligheidsplan"),
        (
            "paragraph",
            "Voorzitter, laten we het vanavond eens zo zeggen: never change a winning plan. We werken al "
            "jaren met dit plan, naar tevredenheid. De prioriteiten blijven woninginbraken, overlast en "
            "drugs. Die flexibiliteit is een kracht van dit integrale veiligheidsplan, en we steunen het.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "nieuwsbericht" and decision.is_ivp


def test_a_headline_with_the_municipality_as_subject_after_gemeente_and_the_items_age_are_news():
    """'Gemeente Lopik kondigt ... aan' has the municipality as its subject like 'Lopik kondigt ... aan', and
    '3 maanden geleden gepubliceerd' dates the item from the day of reading: the plan's name and period
    heading a section of it is what it reports on."""
    doc = make_doc(
        ("heading", "Gemeente Montfoort kondigt belangrijke agendapunten aan"),
        ("paragraph", "3 maanden geleden gepubliceerd"),
        (
            "paragraph",
            "De gemeente Montfoort heeft de agendapunten bekendgemaakt voor de raadsvergadering van april. "
            "Twee onderwerpen springen eruit: het nieuwe sportpark en het veiligheidsplan.",
        ),
        ("heading", "Integraal Veiligheidsplan 2026 - 2029"),
        (
            "paragraph",
            "Deze nota beschrijft hoe de gemeente de komende jaren werkt aan veiligheid. De uitgangspunten "
            "zijn samenwerking met partners en aandacht voor ondermijning.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "nieuwsbericht"


def test_a_host_page_showing_only_a_plans_contents_is_not_refused_as_off_topic():
    """A host's page whose only line is a plan's contents ('Inhoud Voorwoord. 1. Bestuurlijke samenvatting. 2.
    Integrale veiligheid ...') above a list of similar documents is about safety: scored, never refused."""
    doc = make_doc(
        (
            "paragraph",
            "Inhoud Voorwoord. 1. Bestuurlijke samenvatting. 2. Integrale veiligheid 2.1. Wat betekent "
            "veiligheid? 2.2. Het Kernbeleid Veiligheid",
        ),
        ("paragraph", "Vergelijkbare documenten"),
        ("paragraph", "Jaarverslag sportvereniging 2019"),
        ("paragraph", "Notulen ledenvergadering"),
    )
    assert classify_document(doc, VOCAB).is_ivp


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("heading", "2.1 Openbare orde en veiligheid"),
            ("heading", "Integrale veiligheid"),
            ("paragraph", "Meerjarig doel: wat willen we bereiken?"),
            (
                "paragraph",
                "In 2022 stelde de gemeenteraad het Beleidsplan integrale veiligheid vast, met de "
                "prioriteiten voor de periode 2023-2026. Eind 2025 houden we een nieuwe veiligheidsanalyse, "
                "waarmee we kunnen nagaan of de doelen gehaald zijn. Lokale speerpunten zijn "
                "woninginbraken, woonoverlast en te hard rijden.",
            ),
            ("paragraph", "Wat gaan we ervoor doen?"),
            (
                "paragraph",
                "We voeren de acties uit het jaarplan uit, samen met politie en woningcorporaties.",
            ),
        ],
        [
            ("heading", "Openbare orde en veiligheid"),
            ("heading", "Veiligheidsbeleid"),
            (
                "paragraph",
                "We willen dat Oosterbroek een veilige plek is om te wonen en te werken. Dat bereiken we "
                "door samen te werken met inwoners, ondernemers en partners. De gemeente voert de regie met "
                "het Integraal Veiligheidsbeleid 2024-2027. Daarin staan de uitgangspunten en de "
                "prioriteiten, die we elk jaar vertalen naar acties. We houden de raad op de hoogte van de "
                "voortgang.",
            ),
        ],
        [
            ("heading", "Rijnwaarde is een relatief veilige gemeente"),
            (
                "paragraph",
                "GEMEENTE RIJNWAARDE – Rijnwaarde is een relatief veilige gemeente, het aantal misdrijven "
                "daalt al jaren, maar veiligheid is geen vanzelfsprekendheid.",
            ),
            (
                "paragraph",
                "De raad heeft in december de speerpunten voor de komende jaren vastgesteld. Het nieuwe "
                "beleid zet het bestaande grotendeels voort. Daarnaast zijn prioriteiten gekozen waar we de "
                "komende tijd extra aandacht aan geven.",
            ),
            ("heading", "Veiligheidsbeleid 2025-2028"),
            (
                "paragraph",
                "De speerpunten zijn een veilige woonomgeving, jeugd en ondermijning. Het college vertaalt "
                "ze nu naar actiepunten voor de eerste twee jaar.",
            ),
        ],
        [
            ("heading", "Beleidsplan Veiligheid & Gezondheid"),
            (
                "paragraph",
                "Inhoudsopgave 1 Inleiding 2 Missie, visie en doel 3 Grote risico's 4 Kleine risico's",
            ),
            ("heading", "1. Inleiding"),
            (
                "paragraph",
                "Voor u ligt het beleidsplan Veiligheid en Gezondheid van kinderdagverblijf De Boomhut. Met "
                "dit beleidsplan maken we inzichtelijk hoe we op onze locatie werken aan veiligheid en "
                "gezondheid, zodat kinderen en medewerkers veilig kunnen spelen en werken.",
            ),
        ],
        [
            ("paragraph", "Het Stadsblad"),
            ("heading", "Integraal veiligheidsplan behelst aanpak van criminaliteit"),
            (
                "paragraph",
                "De minister erkent dat de criminaliteit de afgelopen periode is verhard. Volgens de "
                "bewindsman vraagt dat om meer aandacht van de autoriteiten, met een bredere aanpak en meer "
                "betrokken partijen. Daarom is het veiligheidsplan opgesteld, met een deel voor de korte "
                "termijn en een deel voor de lange termijn, aldus de minister.",
            ),
        ],
    ],
    ids=[
        "budget-first-question",
        "generic-word-on-title-block",
        "dated-report-plan-section",
        "childcare-plan",
        "plan-name-as-headline-subject",
    ],
)
def test_texts_that_only_look_like_a_plan(blocks):
    """Not a plan: a budget page under the budget's first question ('Wat willen we bereiken?', more often a
    budget's than a plan's); the bare generic word on a title block's other line; a dated report that heads
    a section with the plan's name and period; a childcare centre's 'Beleidsplan Veiligheid & Gezondheid';
    the plan's name as the subject of a headline ('... behelst ...')."""
    assert classify_document(make_doc(*blocks), VOCAB).type != "ivp"


def test_a_hosts_file_facts_and_a_draft_status_are_no_title():
    """A host's 'Pagina1/8', 'Datum20.08.2016', 'Grootte76.79 Kb.' and a cover's 'CONCEPT' are furniture: the
    document's own title below them decides ('Startnotitie ...' is a council document)."""
    doc = make_doc(
        ("paragraph", "Pagina1/8"),
        ("paragraph", "Datum20.08.2016"),
        ("paragraph", "Grootte76.79 Kb."),
        ("paragraph", "CONCEPT"),
        ("paragraph", "Startnotitie integraal veiligheidsbeleid gemeenten Rijnwaarde en Oosterbroek"),
        ("paragraph", "2027-2030"),
        (
            "paragraph",
            "Gemeenten zijn verplicht om lokaal veiligheidsbeleid te voeren. Deze startnotitie beschrijft "
            "hoe de twee gemeenten samen tot een nieuw integraal veiligheidsbeleid komen en wie daarbij "
            "betrokken worden.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "raadsvoorstel"
    assert any("titel 'Startnotitie" in reason for reason in decision.reasons)


def test_the_writer_asking_to_be_told_is_no_reported_speech():
    """'Laat me weten wat u ervan vindt' in a plan's foreword is the writer's own request, not speech
    reported ('laat de wethouder weten')."""
    doc = make_doc(
        ("heading", "Integraal Veiligheidsplan Rijnwaarde 2026-2029"),
        ("heading", "Voorwoord"),
        (
            "paragraph",
            "Voor u ligt ons nieuwe veiligheidsplan. We werken de komende vier jaar aan drie prioriteiten. "
            "Heeft u ideeën over onze aanpak? Laat me weten wat u ervan vindt.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert not any("weergegeven uitspraken" in reason for reason in decision.reasons)


def test_a_name_with_its_period_on_the_next_line_and_a_spaced_period_are_read_whole():
    """A cover's 'Programma Veiligheid' with '2007-2010' on a line of its own names a plan over its period
    (the period alone is no word and would be dropped), and 'Uitvoeringsprogramma ... 2011 - 2012' under a
    plan's name spans two years: no one-year programme, so the document holding both is not refused."""
    programme = make_doc(
        ("paragraph", "Programma Veiligheid"),
        ("paragraph", "2007-2010"),
        ("paragraph", "Rijnwaarde – veilige stad om te wonen en te werken"),
        (
            "paragraph",
            "Rijnwaarde is een veilige stad, en dat willen wij graag zo houden. Door criminaliteit en "
            "overlast te verminderen willen wij ervoor zorgen dat iedereen hier prettig woont en werkt. "
            "Daarom kiest dit college voor een meerjarenprogramma dat jaarlijks wordt bijgesteld.",
        ),
    )
    decision = classify_document(programme, VOCAB)
    assert decision.type == "ivp"
    assert any("Programma Veiligheid 2007-2010" in reason for reason in decision.reasons)
    both = make_doc(
        (
            "paragraph",
            "Integraal Veiligheidsplan 2011-2014 & Uitvoeringsprogramma Integrale Veiligheid 2011-2012",
        ),
        ("paragraph", "Integraal Veiligheidsplan"),
        ("paragraph", "2011 - 2014"),
        ("paragraph", "&"),
        ("paragraph", "Uitvoeringsprogramma Integrale Veiligheid"),
        ("paragraph", "2011 - 2012"),
        ("paragraph", "Inleiding"),
        ("paragraph", "Dit plan beschrijft de doelen en uitgangspunten van ons veiligheidsbeleid."),
    )
    assert classify_document(both, VOCAB).is_ivp


def test_a_belgian_safety_and_prevention_plan_is_out_of_scope():
    """The strategic or global 'veiligheids- en preventieplan' of a Belgian city or region (SVPP, GVPP) is a
    Belgian plan, however plan-like its contents."""
    doc = make_doc(
        ("heading", "Globaal Veiligheids- en Preventieplan"),
        ("paragraph", "van het Brussels Hoofdstedelijk Gewest 2021-2024"),
        ("paragraph", "Inhoudsopgave Voorwoord Inleiding Visie Strategische doelstellingen"),
        (
            "paragraph",
            "Dit plan beschrijft onze visie en de strategische doelstellingen voor de veiligheid in de "
            "regio, met de prioriteiten voor de komende vier jaar.",
        ),
    )
    assert classify_document(doc, VOCAB).type != "ivp"


def test_a_form_of_document_fields_and_a_sites_navigation_words_are_no_title():
    """'Status: Concept Werkgroep: ... Versie: 0.3' (two labels on one line) is a form's metadata and 'Meer'
    or 'Terug' on a line of their own are a site's navigation: the title is the document's own below them."""
    opening = doctype_gate(VOCAB).opening.read(
        make_doc(
            ("paragraph", "Meer"),
            ("paragraph", "Herziening termijn: jaarlijks; Werkgroep samenstelling: ambtenaren OOV"),
            ("paragraph", "Terug"),
            ("paragraph", "Beleidsplan Veiligheidsregio Rivierenland-Oost 2027-2030"),
            ("paragraph", "Samen sterk bij brand, ramp en crisis"),
        )
    )
    assert opening.title == "Beleidsplan Veiligheidsregio Rivierenland-Oost 2027-2030"


@pytest.mark.parametrize(
    "blocks",
    [
        [  # the region's name on a title block's second line
            ("paragraph", "Veilig en veerkrachtig, samen"),
            ("paragraph", "Beleidsplan 2027-2030 Veiligheidsregio Rivierenland-Oost"),
            ("paragraph", "Inhoud 1. Wie we zijn 2. Wat ons bedreigt 3. Onze koers"),
            (
                "paragraph",
                "In dit beleidsplan leggen we vast hoe we de komende vier jaar werken aan een veilige regio. "
                "We kiezen onze uitgangspunten en zetten in op risicobeheersing en crisisbeheersing.",
            ),
        ],
        [  # the region by its short name
            ("paragraph", "Beleidsplan VRRO Samen werken aan een veilige regio"),
            (
                "paragraph",
                "Voor u ligt het beleidsplan voor de komende vier jaar. Hierin beschrijven we onze missie, "
                "visie en uitgangspunten voor de veiligheid: brandweerzorg, geneeskundige hulp en "
                "crisisbeheersing.",
            ),
        ],
        [  # a national police unit on the cover
            ("paragraph", "POLITIE NOORD-NEDERLAND"),
            ("paragraph", "Meerjarenbeleidsplan 2027-2030"),
            (
                "paragraph",
                "In dit plan beschrijven we hoe we samen met de burgemeesters en het Openbaar Ministerie "
                "werken aan de veiligheid en een veilige leefomgeving in de drie provincies.",
            ),
        ],
    ],
    ids=["region-on-title-block", "region-short-name", "police-unit"],
)
def test_a_regions_or_the_polices_own_plan_names_its_issuer_on_the_title_block(blocks):
    """A veiligheidsregio or a police unit named anywhere on the title block issues the plan: its 'dit
    beleidsplan' is the region's, not a municipality's IVP."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == "overig"
    assert any(reason.startswith("ander document: titel") for reason in decision.reasons)


def test_a_party_speaking_as_itself_is_no_plan():
    """An election programme's chapter in the first person is the party's: 'Veiligheid is voor de VVD ...',
    'Als VVD willen we ...'."""
    doc = make_doc(
        ("heading", "Hoofdstuk 7: Een veilig Rijnwaarde"),
        (
            "paragraph",
            "Veiligheid is voor de VVD de basis van een fijne gemeente. We willen meer boa's op straat en "
            "we pakken overlast stevig aan. Als VVD staan we voor een gemeente waar iedereen zich thuis "
            "voelt, en daarom willen we de komende jaren blijven investeren in de wijken waar het nodig is.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "overig"
    assert any("de stem van een partij" in reason for reason in decision.reasons)


def test_a_catalogue_entry_for_a_report_is_a_report():
    """A literature database's entry (authors, year, title, publisher) for a report on safety policy is a
    report, however plan-like its title."""
    doc = make_doc(
        ("paragraph", "Kennisbank"),
        ("paragraph", "Integraal veiligheidsbeleid"),
        ("paragraph", "deelstudie overlast rond winkelcentra"),
        (
            "paragraph",
            "Bakker, T., Mulder, S. de, & Smit, H. (2001). Integraal veiligheidsbeleid: deelstudie overlast "
            "rond winkelcentra. Rijnwaarde: Werkgroep Veiligheid.",
        ),
        (
            "paragraph",
            "Met de nota Veiligheid heeft de gemeente haar visie op veiligheid vastgelegd. De werkgroep "
            "onderzocht de overlast rond de winkelcentra en doet voorstellen voor een gezamenlijke aanpak.",
        ),
        ("paragraph", "Uitgever(s): Werkgroep Veiligheid"),
        ("paragraph", "Auteur(s)"),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "evaluatie"
    assert any("onderzoeksrapport" in reason for reason in decision.reasons)


def test_a_plan_of_supervision_and_enforcement_is_other_policy_and_a_combined_one_is_the_plan():
    """'Beleidsplan toezicht en handhaven' is another policy field's plan, whose 'dit beleidsplan' is not an
    IVP; 'Beleid voor veiligheid, vergunningverlening, toezicht en handhaving' names the safety policy in
    words and, published with its citation title, is the plan."""
    enforcement = make_doc(
        ("paragraph", "BELEIDSPLAN TOEZICHT EN HANDHAVEN"),
        ("paragraph", "Gemeente Rijnwaarde"),
        (
            "paragraph",
            "Voor u ligt het beleidsplan toezicht en handhaven. Dit beleidsplan beschrijft onze missie, "
            "visie en uitgangspunten voor de looptijd van vier jaar.",
        ),
    )
    assert classify_document(enforcement, VOCAB).type == "overig"
    name = "Beleid voor veiligheid, vergunningverlening, toezicht en handhaving Rijnwaarde 2027-2030"
    combined = make_doc(
        ("paragraph", "Rijnwaarde"),
        ("paragraph", name),
        ("paragraph", f"Citeertitel{name}"),
        (
            "paragraph",
            "In dit gecombineerde beleid kiezen we de prioriteiten voor de komende jaren, op het gebied van "
            "veiligheid en van toezicht en handhaving in de fysieke leefomgeving.",
        ),
    )
    assert classify_document(combined, VOCAB).type == "ivp"


def test_the_annual_reports_question_what_was_done_is_a_report_feature():
    """'Wat hebben we daarvoor gedaan?' is the annual report's fixed question (BBV), as is 'wat hebben we
    gedaan'."""
    doc = make_doc(
        ("paragraph", "Wat hebben we daarvoor gedaan?"),
        ("paragraph", "Veiligheid"),
        ("paragraph", "In 2026 hebben we de acties uit het uitvoeringsprogramma grotendeels afgerond."),
    )
    gate = doctype_gate(VOCAB)
    evidence = gate.evidence(doc, gate.opening.read(doc))
    assert any("wat hebben we daarvoor gedaan" in reason for reason in evidence.reasons["evaluatie"])


def test_priorities_from_a_word_contents_with_numbers_on_their_own_lines(tmp_path: Path):
    """A Word contents list copied as text puts each section number on a line of its own before its entry
    ('5.' / 'Thema's 2027 tot en met 2030 ____ 14'): the number belongs to the entry, so the chapter's
    sub-entries are found as the plan's themes for its period; 'Aanpak huiselijk geweld' is a theme, a bare
    'Aanpak' is not."""
    entries = [
        ("1.", "Inleiding", 3),
        ("2.", "Analyse", 5),
        ("2.1.", "Aanpak", 5),
        ("3.", "Thema’s 2027 tot en met 2030", 8),
        ("3.1.", "Jeugd en veiligheid", 8),
        ("3.2.", "Aanpak huiselijk geweld", 10),
        ("3.3.", "Ondermijning", 12),
        ("4.", "Overige veiligheidsonderwerpen", 14),
    ]
    lines = ["Beleidsplan Integrale Veiligheid Rijnwaarde 2027-2030", "INHOUDSOPGAVE"]
    for number, title, page in entries:
        lines += [number, f"{title} {'_' * (40 - len(title))} {page}"]
    lines += ["", "1. Inleiding", "", "Dit beleidsplan beschrijft de koers voor de komende vier jaar."]
    path = tmp_path / "beleidsplan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    assert [(e.number, e.level) for e in doc.toc][2:5] == [("2.1", 2), ("3", 1), ("3.1", 2)]
    found = [p.text for p in extract_priorities(doc, FIELDS, CUES)]
    assert found == ["Jeugd en veiligheid", "Aanpak huiselijk geweld", "Ondermijning"]


@pytest.mark.parametrize(
    "blocks",
    [
        [
            ("paragraph", "Sociaal en Fysiek Veiligheidsplan OBS De Regenboog"),
            ("paragraph", "Inhoud 1. School en gedragsregels 2. School en pesten 3. School en omgeving"),
            (
                "paragraph",
                "Op onze school willen we dat alle leerlingen zich veilig voelen. In dit veiligheidsplan "
                "staan onze uitgangspunten en de afspraken die we met leerlingen en ouders maken.",
            ),
        ],
        [
            ("paragraph", "Beleidsplan Veilig Sporten"),
            (
                "paragraph",
                "Veiligheid is een belangrijk thema binnen onze vereniging. Dit beleidsplan beschrijft hoe "
                "de vereniging zorgt voor een veilig sportklimaat voor onze leden, met gedragsregels, een "
                "vertrouwenspersoon en een veilige accommodatie.",
            ),
        ],
    ],
    ids=["school", "sports-club"],
)
def test_an_institutions_own_safety_plan_is_no_ivp(blocks):
    """A school's or a club's own safety plan speaks of the school, its pupils, the club and its members again
    and again and hardly of a municipality: however plan-like its title, it is another subject's plan."""
    decision = classify_document(make_doc(*blocks), VOCAB)
    assert decision.type == "overig"
    assert any("school, vereniging of instelling" in reason for reason in decision.reasons)


def test_a_title_typed_as_a_sentence_above_the_foreword_is_the_title(tmp_path: Path):
    """A text export's first line 'Beleidsplan Veiligheid Heerenveen 2010 t/m 2014.' right above 'VOORWOORD'
    is the title (its full stop is the typist's), so the plan's municipality is on its title, not only named
    in passing beside other cities; a first sentence that runs on into more text is no title."""
    path = tmp_path / "beleidsplan.txt"
    path.write_text(
        "Beleidsplan Veiligheid Heerenveen 2010 t/m 2014.\nVOORWOORD\n"
        "De driehoek heeft beloofd dat Heerenveen de veiligste gemeente van de regio wordt. Op de ranglijst "
        "staan Zwolle, Alkmaar en Groningen nog voor ons. We werken daarom verder aan minder inbraken.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doctype_gate(VOCAB).opening.read(doc).title == "Beleidsplan Veiligheid Heerenveen 2010 t/m 2014"
    assert [m.name for m in build_profile(doc, VOCAB).municipalities] == ["Heerenveen"]
    prose = tmp_path / "tekst.txt"
    prose.write_text("Dit is de eerste zin.\nEn dit is de tweede zin.\nInleiding\n", encoding="utf-8")
    assert doctype_gate(VOCAB).opening.read(read_document(prose)).title == ""


def test_a_site_speaking_as_itself_is_that_organisations_page():
    """A web page whose site (named after its title: 'Hoofdstuk 5: Veilig Ridderkerk - Ridderkerk Samen')
    writes 'Voor Ridderkerk Samen is ...' and 'Als Ridderkerk Samen willen we' is that organisation's (a local
    party's programme chapter): its 'we' and its chapter are not a municipality's plan."""
    doc = make_doc(
        ("cover", "Hoofdstuk 5: Veilig Ridderkerk"),
        (
            "paragraph",
            "Voor Ridderkerk Samen is veiligheid een van de kerntaken van de gemeente. We zien dat inwoners "
            "zich in sommige wijken minder veilig voelen, zeker 's avonds.",
        ),
        ("heading", "Wat willen we?"),
        (
            "paragraph",
            "Als Ridderkerk Samen willen we meer boa's in de avond en een vaste wijkagent per wijk. We "
            "investeren in jongerenwerk en we pakken overlast en ondermijning stevig aan.",
        ),
        title="Hoofdstuk 5: Veilig Ridderkerk - Ridderkerk Samen",
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "overig"
    assert any(
        "de site spreekt als zichzelf: 'Voor Ridderkerk Samen'" in reason for reason in decision.reasons
    )


def test_a_scouting_groups_safety_plan_is_an_institutions_plan():
    """A scouting group's 'Beleidsplan veilige vereniging' (its youth members, its group) is its own plan."""
    doc = make_doc(
        ("heading", "Beleidsplan veilige vereniging"),
        (
            "paragraph",
            "Bij onze scoutinggroep komen elke week tachtig jeugdleden samen. In dit beleidsplan leggen we "
            "vast hoe we als vereniging zorgen voor veiligheid: onze visie, uitgangspunten en prioriteiten "
            "voor de sociale en fysieke veiligheid van jeugdleden, leiding en ouders.",
        ),
    )
    assert classify_document(doc, VOCAB).type == "overig"


def test_a_hosts_contents_with_page_numbers_and_numbers_on_their_own_lines(tmp_path: Path):
    """A document host's transcript heads its contents page with the page number ('2 Inhoud') and each
    section number stands on a line of its own above an entry without leaders ('4.' / 'Onze speerpunten 11'):
    the contents are read, numbers and levels included, and the priorities come from it."""
    lines = ["Transcriptie", "1 Veiligheidsplan Hardenberg 2026-2029 Gemeente Hardenberg", "2 Inhoud"]
    for number, title, page in [
        ("1.", "Inleiding", 3),
        ("2.", "Terugblik", 5),
        ("3.", "Onze speerpunten", 8),
        ("3.1", "Drugs in het buitengebied", 9),
        ("3.2", "Veilig uitgaan", 11),
        ("4.", "Organisatie", 14),
    ]:
        lines += [number, f"{title} {page}"]
    lines += ["3 1.", "Inleiding", "Dit plan beschrijft onze koers voor vier jaar."]
    path = tmp_path / "transcript.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    assert [(e.number, e.title, e.level) for e in doc.toc][2:5] == [
        ("3", "Onze speerpunten", 1),
        ("3.1", "Drugs in het buitengebied", 2),
        ("3.2", "Veilig uitgaan", 2),
    ]
    assert [p.text for p in extract_priorities(doc, FIELDS, CUES)] == [
        "Drugs in het buitengebied",
        "Veilig uitgaan",
    ]


def test_a_contents_without_page_numbers_is_read_to_its_end(tmp_path: Path):
    """'Inhoud' followed by numbered entries without page numbers ('4. Prioriteiten 2027-2030', '4.1 ...'),
    some unnumbered ('Veiligheidsmonitor'), is the contents up to a blank line or its first entry repeated as
    the body's first heading: its chapters give the priorities, and its lines are no title block."""
    contents = [
        "1. Inleiding",
        "2. Terugblik",
        "Veiligheidsmonitor",
        "3. Prioriteiten 2027-2030",
        "3.1 Ondermijning",
        "3.2 Veilig opgroeien",
        "4. Uitvoering",
    ]
    body = ["1. Inleiding", "In deze kadernota kiezen we onze prioriteiten voor de komende vier jaar."]
    path = tmp_path / "kadernota.txt"
    path.write_text(
        "\n".join(["Kadernota Veiligheid Oirschot 2027-2030", "Inhoud", *contents, *body]), encoding="utf-8"
    )
    doc = read_document(path)
    assert [e.title for e in doc.toc] == [
        "Inleiding",
        "Terugblik",
        "Veiligheidsmonitor",
        "Prioriteiten 2027-2030",
        "Ondermijning",
        "Veilig opgroeien",
        "Uitvoering",
    ]
    assert [p.text for p in extract_priorities(doc, FIELDS, CUES)] == ["Ondermijning", "Veilig opgroeien"]
    assert "Veiligheidsmonitor" not in doctype_gate(VOCAB).opening.read(doc).title_lines


def test_a_municipalitys_plan_explaining_the_national_and_regional_frame_is_still_its_plan():
    """A plan's chapter that explains the frame — the minister's national safety agenda, the police unit's
    multi-year plan — speaks of 'de gemeente Rijnwaarde' as its own: the frame's words do not make it the
    region's plan (a region's own plan speaks of 'de gemeenten')."""
    doc = make_doc(
        ("heading", "Missie"),
        (
            "paragraph",
            "De gemeente Rijnwaarde is een veilige en leefbare gemeente. Die veiligheid houden we vast door "
            "samen met inwoners en partners gebiedsgericht te werken.",
        ),
        ("heading", "Visie"),
        (
            "paragraph",
            "Veilig leven in Rijnwaarde vraagt iets van ons allemaal: inwoners, gemeente en politie.",
        ),
        ("heading", "Strategische prioriteiten"),
        (
            "paragraph",
            "Elke vier jaar stelt de minister van Justitie en Veiligheid de landelijke veiligheidsagenda "
            "vast. Binnen de politie-eenheid stellen de partners daarnaast een meerjarig beleidsplan op. "
            "Onze prioriteiten sluiten daarop aan; onze uitgangspunten staan hieronder.",
        ),
    )
    decision = classify_document(doc, VOCAB)
    assert decision.type == "ivp"
