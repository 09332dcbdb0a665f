"""Loading packs: YAML files and vocabularies -> a validated RulePack (one-line errors: file, rule, field)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ivpcheck.judge import kinds
from ivpcheck.judge.pack.conditions import condition_names, parse_condition
from ivpcheck.judge.pack.schema import (
    IMPROVEMENT_VERDICTS,
    Improvement,
    PackFile,
    Rule,
    RulePack,
    RulePackError,
    _pick,
    template_fields,
)
from ivpcheck.model.checklist import id_order
from ivpcheck.text.cues import CueError
from ivpcheck.text.vocab import VocabError, Vocabularies, parse_vocab_file

# Values a rule file may hold once its YAML aliases are expanded (the whole packaged pack: ~9,500).
MAX_VALUES = 100_000


def expanded_size(data: Any, limit: int) -> int:
    """How many values `data` holds with every shared (aliased) part counted each time it is used;
    counting stops past `limit`. An alias bomb loads small but expands to billions."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list) or id(node) in sizes:
            continue
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        if children_done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            sizes[id(node)] = min(total, limit + 1)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if isinstance(child, dict | list))
    return sizes.get(id(data), 1)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulePackError(str(path), f"kan bestand niet lezen: {error.strerror}") from error
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise RulePackError(
            str(path), f"geen UTF-8-tekst op lijn {line} / not UTF-8 text on line {line}"
        ) from error
    import yaml  # only to parse rule files: a check with a cached pack never imports it

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's C loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"YAML-fout op lijn {mark.line + 1}" if mark else "YAML-fout"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RulePackError(str(path), f"{where}: {problem}") from error
    if expanded_size(data, MAX_VALUES) > MAX_VALUES:
        raise RulePackError(
            str(path),
            f"meer dan {MAX_VALUES} waarden na het uitvouwen van YAML-aliassen / "
            f"more than {MAX_VALUES} values once YAML aliases are expanded",
        )
    return data


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


def _load_cue_dir(directory: Path, vocab: Vocabularies) -> list[str]:
    loaded = []
    if not directory.is_dir():
        return loaded
    for file in sorted(directory.glob("*.y*ml")):
        try:
            vocab.add_cues(file.stem, _read_yaml(file))
        except CueError as error:
            raise RulePackError(str(file), f"cue-woorden: {error}") from error
        loaded.append(str(file))
    return loaded


def _load_vocab_dir(directory: Path, vocab: Vocabularies) -> list[str]:
    loaded = []
    if not directory.is_dir():
        return loaded
    for file in sorted(directory.glob("*.y*ml")):
        data = _read_yaml(file)
        try:
            vocab.add_file(file.stem, data)
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
        self.files += _load_cue_dir(base / "cues", self.vocab)
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
        rules=sorted(loader.rules.values(), key=lambda rule: id_order(rule.section, rule.id)),
        vocab=loader.vocab,
        files=loader.files,
    )
