"""The rule-pack schema (pydantic) and loading: rule files -> a validated RulePack.

A pack is a YAML file with ``rules:`` (and optionally ``name``, ``version``, ``include``,
``vocab``), or a directory of such files with vocabularies in ``<dir>/vocab/*.yaml``. Several
packs can be loaded; a later pack adds rules or replaces rules with the same id. A broken file
raises RulePackError with one line naming the file, the rule id and the field.

Each rule: id, slug, title, section, weight, kernelement, description, named detectors (each a
detector kind with its parameters), a decision (conditions per verdict, in a small language:
``"wet.found and not alleen_gemeentewet"``, ``"prio.count <= max_focus"``,
``"a.distinct + b.distinct >= 4"``), Dutch improvement
text with ``{placeholders}`` filled from the findings (``{name|fallback}`` when a value may be empty),
and example passages per verdict. Optional ``en:`` holds English counterparts of the user-facing texts
(title, description, improvement, searched) for reports in English; a text it lacks stays Dutch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ivpcheck import detectors as kinds
from ivpcheck.detectors import AnyParams
from ivpcheck.detectors.vocab import VocabError, Vocabularies, parse_vocab_file
from ivpcheck.errors import UsageError
from ivpcheck.render.labels import SECTIONS
from ivpcheck.settings import DEFAULT_RULES_DIR, Settings

VerdictName = Literal["voldoet", "deels", "ontbreekt", "n.v.t."]
Improvement = str | dict[VerdictName | Literal["default"], str]
IMPROVEMENT_VERDICTS = ("deels", "ontbreekt")  # the verdicts that get an improvement point
SECTION_NAMES = SECTIONS["nl"]  # the checklist's own (Dutch) section names, in order


class RulePackError(UsageError):
    """A rule file or rule setting that cannot be used; the message names file, rule and field."""

    category = "rules"
    message_nl = "ongeldig regelbestand"
    message_en = "invalid rule file"


# ---------------------------------------------------------------------------------------------
# The decision language: or / and / not, comparisons, detector.metric, numbers and rule params.

TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<op><=|>=|==|!=|<|>)|(?P<arith>[+-])|(?P<paren>[()])|(?P<name>[A-Za-z_][\w.]*))"
)
OPERATORS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class ConditionError(ValueError):
    """A decision condition that does not parse or refers to something unknown."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionError(f"onverwacht teken in '{text}' bij positie {pos + 1}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "name" and value in {"and", "or", "not", "true", "false"}:
            kind = value
        out.append((kind, value))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ConditionError(f"onvolledige voorwaarde '{self.text}'")
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> tuple:
        if not self.tokens:
            raise ConditionError("lege voorwaarde")
        node = self.or_()
        if self.pos != len(self.tokens):
            raise ConditionError(f"onverwacht '{self.tokens[self.pos][1]}' in '{self.text}'")
        return node

    def or_(self) -> tuple:
        items = [self.and_()]
        while self.peek() == "or":
            self.take()
            items.append(self.and_())
        return ("or", items) if len(items) > 1 else items[0]

    def and_(self) -> tuple:
        items = [self.not_()]
        while self.peek() == "and":
            self.take()
            items.append(self.not_())
        return ("and", items) if len(items) > 1 else items[0]

    def not_(self) -> tuple:
        if self.peek() == "not":
            self.take()
            return ("not", self.not_())
        if self.peek() == "paren" and self.tokens[self.pos][1] == "(":
            self.take()
            node = self.or_()
            if self.take() != ("paren", ")"):
                raise ConditionError(f"')' ontbreekt in '{self.text}'")
            return node
        left = self.operand()
        if self.peek() == "op":
            op = self.take()[1]
            return ("cmp", op, left, self.operand())
        return ("truth", left)

    def operand(self) -> tuple:
        node = self.atom()
        while self.peek() == "arith":
            op = self.take()[1]
            node = ("arith", op, node, self.atom())
        return node

    def atom(self) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("num", float(value))
        if kind in {"true", "false"}:
            return ("num", 1.0 if kind == "true" else 0.0)
        if kind == "name":
            return ("name", value)
        raise ConditionError(f"verwacht een naam of getal, niet '{value}', in '{self.text}'")


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> tuple:
    """Parse a decision condition into a small tree (raises ConditionError)."""
    return _Parser(str(text)).parse()


def condition_names(node: tuple) -> list[str]:
    """Every name a condition refers to."""
    if node[0] in {"or", "and"}:
        return [n for child in node[1] for n in condition_names(child)]
    if node[0] == "not":
        return condition_names(node[1])
    if node[0] == "truth":
        return condition_names(node[1])
    if node[0] == "cmp":
        return condition_names(node[2]) + condition_names(node[3])
    if node[0] == "arith":
        return condition_names(node[2]) + condition_names(node[3])
    if node[0] == "name":
        return [node[1]]
    return []


def evaluate(node: tuple, lookup: Any) -> bool:
    """Evaluate a parsed condition; `lookup(name)` returns a number for a name."""
    kind = node[0]
    if kind == "or":
        return any(evaluate(child, lookup) for child in node[1])
    if kind == "and":
        return all(evaluate(child, lookup) for child in node[1])
    if kind == "not":
        return not evaluate(node[1], lookup)
    if kind == "truth":
        return bool(_value(node[1], lookup))
    if kind == "cmp":
        return bool(OPERATORS[node[1]](_value(node[2], lookup), _value(node[3], lookup)))
    raise ConditionError(f"onbekende knoop {kind}")


def _value(node: tuple, lookup: Any) -> float:
    if node[0] == "arith":
        left, right = _value(node[2], lookup), _value(node[3], lookup)
        return left + right if node[1] == "+" else left - right
    return node[1] if node[0] == "num" else float(lookup(node[1]))


# ---------------------------------------------------------------------------------------------
# The schema.


class Example(BaseModel):
    """An example passage and, when the verdict depends on them, facts about the document."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    profile: dict[str, Any] = Field(default_factory=dict, description="Profile fields to set")
    meta: dict[str, Any] = Field(default_factory=dict, description="DocumentMeta fields to set")
    format: Literal["pdf", "docx", "html", "text"] = "pdf"
    toc: list[str] = Field(default_factory=list, description="table-of-contents titles")
    check_date: dt.date | None = None
    note: str | None = None


class Examples(BaseModel):
    """Example passages per verdict (strings or Example mappings)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    voldoet: list[Example] = Field(default_factory=list)
    deels: list[Example] = Field(default_factory=list)
    ontbreekt: list[Example] = Field(default_factory=list)
    nvt: list[Example] = Field(default_factory=list, alias="n.v.t.")

    @field_validator("voldoet", "deels", "ontbreekt", "nvt", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    def items(self) -> list[tuple[str, Example]]:
        """(verdict, example) pairs."""
        pairs = [("voldoet", e) for e in self.voldoet] + [("deels", e) for e in self.deels]
        return pairs + [("ontbreekt", e) for e in self.ontbreekt] + [("n.v.t.", e) for e in self.nvt]


class Decision(BaseModel):
    """Conditions per verdict, tried in the order n.v.t., voldoet, deels, ontbreekt; else `otherwise`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    nvt: str | None = Field(default=None, alias="n.v.t.")
    voldoet: str | None = None
    deels: str | None = None
    ontbreekt: str | None = None
    otherwise: VerdictName = "ontbreekt"

    @field_validator("nvt", "voldoet", "deels", "ontbreekt", mode="before")
    @classmethod
    def _parses(cls, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        try:
            parse_condition(str(value))
        except ConditionError as error:
            raise ValueError(str(error)) from error
        return str(value)

    def ordered(self) -> list[tuple[str, str]]:
        """(verdict, condition) in evaluation order."""
        pairs = [
            ("n.v.t.", self.nvt),
            ("voldoet", self.voldoet),
            ("deels", self.deels),
            ("ontbreekt", self.ontbreekt),
        ]
        return [(v, c) for v, c in pairs if c is not None]


def _pick(improvement: Improvement | None, verdict: str) -> str | None:
    """The template for a verdict from one improvement text or mapping (None when it has none)."""
    if improvement is None or isinstance(improvement, str):
        return improvement
    return improvement.get(verdict) or improvement.get("default")  # type: ignore[call-overload]


def template_fields(template: str) -> set[str]:
    """The placeholder names in a template, without their `|fallback` text."""
    return {f.partition("|")[0] for _, f, _, _ in string.Formatter().parse(template) if f}


class RuleTexts(BaseModel):
    """A rule's user-facing texts in another language; each missing text falls back to the Dutch one."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    improvement: Improvement | None = Field(default=None, description="same shape as the Dutch one")
    searched: str | None = None


class Rule(BaseModel):
    """One checklist criterion as data."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$")
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str
    section: str = Field(pattern=r"^[A-Z]$")
    weight: int = Field(ge=0, le=10)
    kernelement: bool = False
    description: str = ""
    params: dict[str, float | int | bool | str] = Field(default_factory=dict, description="named thresholds")
    detectors: dict[str, AnyParams] = Field(min_length=1)
    decide: Decision
    improvement: Improvement
    searched: str | None = Field(
        default=None, description="what was looked for (default: from the detectors)"
    )
    en: RuleTexts = Field(default_factory=RuleTexts, description="English texts (fallback: Dutch)")
    evidence_limit: int = Field(default=4, ge=1, le=20)
    examples: Examples = Field(default_factory=Examples)
    source: str = Field(default="", exclude=True, description="file the rule came from")

    @model_validator(mode="after")
    def _names(self) -> Rule:
        for name in self.detectors:
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise ValueError(f"detectornaam '{name}' mag alleen letters, cijfers en _ bevatten")
        return self

    def translated(self, lang: str) -> RuleTexts | None:
        """The texts for a report language other than Dutch (None for Dutch)."""
        return self.en if lang == "en" else None

    def text(self, name: Literal["title", "description", "searched"], lang: str = "nl") -> str | None:
        """A user-facing text in `lang` (whitespace collapsed), falling back to the Dutch one."""
        texts = self.translated(lang)
        text = (getattr(texts, name) if texts else None) or getattr(self, name)
        return " ".join(text.split()) if text else None

    def improvement_for(self, verdict: str, lang: str = "nl") -> str:
        """The improvement template for a verdict in `lang`, falling back to the Dutch one."""
        texts = self.translated(lang)
        template = _pick(texts.improvement, verdict) if texts else None
        if template is None:
            template = _pick(self.improvement, verdict)
        return template or next(iter(self.improvement.values()))  # type: ignore[union-attr]

    def placeholders(self) -> set[str]:
        """Every {placeholder} used in the improvement text(s)."""
        texts = [self.improvement] if isinstance(self.improvement, str) else list(self.improvement.values())
        return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}


class PackFile(BaseModel):
    """One YAML file of a pack."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    version: str | None = None
    description: str | None = None
    include: list[str] = Field(default_factory=list, description="more rule files (globs), relative")
    vocab: dict[str, Any] = Field(default_factory=dict, description="inline vocabularies")
    rules: list[Any] = Field(default_factory=list)


class RulePack(BaseModel):
    """Loaded, validated rules with their vocabularies."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str = "ccv-ivp"
    version: str = "0"
    rules: list[Rule] = Field(default_factory=list)
    vocab: Vocabularies = Field(default_factory=Vocabularies)
    files: list[str] = Field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id.upper() == rule_id.upper()), None)


# ---------------------------------------------------------------------------------------------
# Loading.

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C loader when built in


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulePackError(str(path), f"kan bestand niet lezen: {error.strerror}") from error
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"YAML-fout op lijn {mark.line + 1}" if mark else "YAML-fout"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RulePackError(str(path), f"{where}: {problem}") from error


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    cleaned: list[str] = []
    for index, part in enumerate(parts):
        # drop the discriminator tag pydantic inserts after a detector's name
        if index >= 2 and parts[0] == "detectors" and index == 2 and part in kinds.KINDS:
            continue
        cleaned.append(part)
    return ".".join(cleaned) or "(regel)"


def _dutch(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "onbekend veld"
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "?")
        return f"onbekend detectortype '{tag}' (bekend: {', '.join(kinds.KINDS)})"
    if kind == "union_tag_not_found":
        return "detector zonder 'kind'"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "moet een geheel getal zijn"
    if kind in {"float_parsing", "float_type"}:
        return "moet een getal zijn"
    if kind in {"bool_parsing", "bool_type"}:
        return "moet true of false zijn"
    if kind == "string_type":
        return "moet tekst zijn"
    if kind in {"list_type"}:
        return "moet een lijst zijn"
    if kind in {"dict_type", "model_type"}:
        return "moet een mapping (sleutel: waarde) zijn"
    return " ".join(str(error.get("msg", "ongeldig")).replace("Value error, ", "").split())


def _error(path: str, rule_id: str | None, field: str, message: str) -> RulePackError:
    who = f"regel {rule_id}" if rule_id else "pakket"
    return RulePackError(path, f"{who}, veld {field}: {message}")


def _validation_error(path: str, rule_id: str | None, error: ValidationError) -> RulePackError:
    first = error.errors()[0]
    field = _field_path(first["loc"])
    if first.get("type") in {"union_tag_invalid", "union_tag_not_found"}:
        field += ".kind"
    return _error(path, rule_id, field, _dutch(first))


def _parse_rule(path: str, raw: Any, index: int) -> Rule:
    rule_id = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{index + 1}"
    if not isinstance(raw, dict):
        raise _error(path, rule_id, "(regel)", "een regel moet een mapping zijn")
    try:
        rule = Rule.model_validate(raw)
    except ValidationError as error:
        raise _validation_error(path, rule_id, error) from error
    return rule.model_copy(update={"source": path})


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    if path.is_file():
        return [path]
    raise RulePackError(str(path), "regelbestand of -map niet gevonden")


def _load_vocab_dir(directory: Path, vocab: Vocabularies) -> list[str]:
    loaded = []
    if not directory.is_dir():
        return loaded
    for file in sorted(directory.glob("*.y*ml")):
        data = _read_yaml(file)
        try:
            for item in parse_vocab_file(file.stem, data):
                vocab.add(item)
        except (VocabError, TypeError, ValueError, AttributeError) as error:
            raise RulePackError(str(file), f"woordenlijst: {error}") from error
        loaded.append(str(file))
    return loaded


class _Loader:
    """Collects rules, vocabularies and versions from one or more packs."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.vocab = Vocabularies()
        self.files: list[str] = []
        self.versions: list[tuple[str, str]] = []

    def load_path(self, path: Path) -> None:
        path = Path(path)
        base = path if path.is_dir() else path.parent
        self.files += _load_vocab_dir(base / "vocab", self.vocab)
        for file in _pack_files(path):
            versions = len(self.versions)
            self.load_file(file, seen=set())
            if len(self.versions) == versions and file.stat().st_size:  # unversioned: name it by its content
                digest = hashlib.sha256(file.read_bytes()).hexdigest()[:8]
                self.versions.append((file.stem, digest))

    def load_file(self, file: Path, seen: set[Path]) -> None:
        file = file.resolve()
        if file in seen:
            return
        seen.add(file)
        data = _read_yaml(file)
        if data is None:
            return
        if not isinstance(data, dict):
            raise _error(str(file), None, "(bestand)", "verwacht een mapping met 'rules:'")
        try:
            pack = PackFile.model_validate(data)
        except ValidationError as error:
            raise _validation_error(str(file), None, error) from error
        self.files.append(str(file))
        if pack.version:
            self.versions.append((pack.name or file.stem, pack.version))
        for name, value in pack.vocab.items():
            try:
                for item in parse_vocab_file(name, value if isinstance(value, dict) else {"terms": value}):
                    self.vocab.add(item)
            except (VocabError, TypeError, ValueError, AttributeError) as error:
                raise _error(str(file), None, f"vocab.{name}", str(error)) from error
        in_file: set[str] = set()
        for index, raw in enumerate(pack.rules):
            rule = _parse_rule(str(file), raw, index)
            if rule.id in in_file:
                raise _error(str(file), rule.id, "id", "dubbele regel-id in dit bestand")
            in_file.add(rule.id)
            self.rules[rule.id] = rule  # a later pack replaces a rule with the same id
        for pattern in pack.include:
            matches = sorted(file.parent.glob(pattern))
            if not matches:
                raise _error(str(file), None, "include", f"geen bestanden gevonden voor '{pattern}'")
            for included in matches:
                self.load_file(included, seen)

    def version(self) -> str:
        if not self.versions:
            return "0"
        first = self.versions[0][1]
        extra = [f"{name}-{version}" for name, version in self.versions[1:]]
        return "+".join([first, *extra])


def check_rule(rule: Rule, vocab: Vocabularies) -> None:
    """Check what pydantic cannot: decision names, placeholders and vocabulary references."""
    names = {n: kinds.metrics_of(p) for n, p in rule.detectors.items()}
    for verdict, condition in rule.decide.ordered():
        field = f"decide.{verdict}"
        for name in condition_names(parse_condition(condition)):
            det, _, metric = name.partition(".")
            if det in names:
                if metric and metric not in names[det]:
                    known = ", ".join(sorted(names[det]))
                    raise _error(
                        rule.source, rule.id, field, f"detector '{det}' kent '{metric}' niet (wel: {known})"
                    )
            elif metric or det not in rule.params:
                raise _error(
                    rule.source, rule.id, field, f"onbekende naam '{name}' (geen detector of parameter)"
                )
    values = set(rule.params)
    for params in rule.detectors.values():
        values |= kinds.values_of(params) | kinds.metrics_of(params)
    for placeholder in rule.placeholders():
        placeholder = placeholder.partition("|")[0]  # {name|fallback}
        det, _, item = placeholder.partition(".")
        ok = (
            placeholder in values
            if not item
            else det in rule.detectors
            and item in (kinds.values_of(rule.detectors[det]) | kinds.metrics_of(rule.detectors[det]))
        )
        if not ok:
            raise _error(rule.source, rule.id, "improvement", f"onbekende invulplek '{{{placeholder}}}'")
    check_translations(rule)
    for name, params in rule.detectors.items():
        for path, item in param_strings(params.model_dump(by_alias=True), f"detectors.{name}"):
            if not item.startswith("@"):
                continue
            try:
                vocab.check([item])
            except VocabError as error:
                raise _error(rule.source, rule.id, path, str(error)) from error


def check_translations(rule: Rule) -> None:
    """An English improvement may only use placeholders that the Dutch one for that verdict uses."""
    english = rule.en.improvement
    for verdict in IMPROVEMENT_VERDICTS:
        template = _pick(english, verdict)
        if template is None:
            continue
        unknown = sorted(template_fields(template) - template_fields(rule.improvement_for(verdict)))
        if unknown:
            message = f"invulplek '{{{unknown[0]}}}' staat niet in de Nederlandse tekst voor '{verdict}'"
            raise _error(rule.source, rule.id, _english_field(english, verdict), message)


def _english_field(english: Improvement | None, verdict: str) -> str:
    """The field path of the English template a verdict uses: en.improvement[.deels|.default]."""
    if not isinstance(english, dict):
        return "en.improvement"
    return f"en.improvement.{verdict if verdict in english else 'default'}"


def param_strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(field path, text) for every string inside detector parameters (terms, @refs, patterns...)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list | tuple):
        return [r for item in value for r in param_strings(item, path)]
    if isinstance(value, dict):
        return [r for key, item in value.items() for r in param_strings(item, f"{path}.{key}")]
    return []


def load_pack(paths: list[Path]) -> RulePack:
    """Load and validate packs in order (later packs add or replace rules by id)."""
    loader = _Loader()
    for path in paths:
        loader.load_path(Path(path))
    for rule in loader.rules.values():
        check_rule(rule, loader.vocab)
    first = loader.versions[0][0] if loader.versions else "rules"
    return RulePack(
        name=first,
        version=loader.version(),
        rules=list(loader.rules.values()),
        vocab=loader.vocab,
        files=loader.files,
    )


# ---------------------------------------------------------------------------------------------
# Settings: which packs, which rules, weight and parameter overrides.


def pack_paths(settings: Settings) -> list[Path]:
    """The packs a run uses: the default pack first unless --rules replaces it."""
    paths = [Path(p) for p in settings.rules]
    default = DEFAULT_RULES_DIR.resolve()
    if not settings.replace_rules and all(p.resolve() != default for p in paths):
        paths.insert(0, DEFAULT_RULES_DIR)
    return paths


def apply_settings(pack: RulePack, settings: Settings) -> RulePack:
    """Apply --select/--ignore, weight overrides and parameter overrides to a loaded pack."""
    known = {r.id.upper(): r for r in pack.rules}
    for rule_id in list(settings.weights) + list(settings.params):
        if rule_id.upper() not in known:
            raise RulePackError("instellingen", f"onbekende regel '{rule_id}' in weights/params")
    rules = []
    for rule in pack.rules:
        if not settings.is_selected(rule.id, rule.section):
            continue
        weight = _lookup(settings.weights, rule.id)
        if weight is not None:
            if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
                raise RulePackError(
                    "instellingen", f"regel {rule.id}, veld weights: moet een geheel getal >= 0 zijn"
                )
            rule = rule.model_copy(update={"weight": weight})
        overrides = _lookup(settings.params, rule.id)
        if overrides:
            rule = _override_params(rule, overrides)
        rules.append(rule)
    return pack.model_copy(update={"rules": rules})


def _lookup(mapping: dict[str, Any], rule_id: str) -> Any:
    for key, value in mapping.items():
        if key.upper() == rule_id.upper():
            return value
    return None


def _override_params(rule: Rule, overrides: dict[str, Any]) -> Rule:
    params = dict(rule.params)
    dets = {name: p.model_dump(by_alias=True) for name, p in rule.detectors.items()}
    for key, value in overrides.items():
        det, _, param = key.partition(".")
        if not param and key in params:
            params[key] = value
        elif param and det in dets and param in dets[det]:
            dets[det][param] = value
        elif (
            not param
            and (owners := [n for n, d in dets.items() if key in d and key != "kind"])
            and len(owners) == 1
        ):
            dets[owners[0]][key] = value
        else:
            raise RulePackError("instellingen", f"regel {rule.id}, veld params.{key}: onbekende parameter")
    raw = rule.model_dump(by_alias=True, exclude={"source"})
    raw["params"] = params
    raw["detectors"] = dets
    try:
        updated = Rule.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise RulePackError(
            "instellingen", f"regel {rule.id}, veld params ({_field_path(first['loc'])}): {_dutch(first)}"
        ) from error
    return updated.model_copy(update={"source": rule.source})


def load_rulepack(settings: Settings) -> RulePack:
    """The pack for a run: packs loaded, then settings applied."""
    return apply_settings(load_pack(pack_paths(settings)), settings)
