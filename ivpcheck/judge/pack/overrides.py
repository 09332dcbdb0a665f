"""Settings applied to a loaded pack: which packs, which rules, weight and parameter overrides."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ivpcheck.judge.pack.load import _dutch, _field_path, load_pack
from ivpcheck.judge.pack.schema import WEIGHT, Rule, RulePack, RulePackError
from ivpcheck.model.errors import UsageError
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings


def pack_paths(settings: Settings) -> list[Path]:
    """The packs a run uses: the default pack first unless --rules replaces it."""
    paths = [Path(p) for p in settings.rules]
    default = DEFAULT_RULES_DIR.resolve()
    if not settings.replace_rules and all(p.resolve() != default for p in paths):
        paths.insert(0, DEFAULT_RULES_DIR)
    return paths


def apply_settings(pack: RulePack, settings: Settings) -> RulePack:
    """Apply --select/--ignore, weight overrides and parameter overrides to a loaded pack."""
    check_ids(pack, settings.select, "select")
    check_ids(pack, settings.ignore, "ignore")
    check_ids(pack, settings.weights, "weights", sections=False)
    check_ids(pack, settings.params, "params", sections=False)
    rules = []
    for rule in pack.rules:
        if not settings.is_selected(rule.id, rule.section):
            continue
        weight = _lookup(settings.weights, rule.id)
        if weight is not None:
            try:
                WEIGHT.validate_python(weight)
            except ValidationError as error:
                message = f"regel {rule.id}, veld weights: moet een geheel getal >= 0 (en <= 10) zijn"
                raise RulePackError("instellingen", message) from error
            rule = rule.model_copy(update={"weight": weight})
        overrides = _lookup(settings.params, rule.id)
        if overrides:
            rule = _override_params(rule, overrides)
        rules.append(rule)
    return pack.model_copy(update={"rules": rules})


def check_ids(
    pack: RulePack,
    values: Iterable[str],
    where: str,
    sections: bool = True,
    error: type[UsageError] = UsageError,
) -> None:
    """Refuse a rule id (or, with `sections`, a section letter) the pack does not know, suggesting the
    nearest one: `--select P44` -> "onbekende regel of onderdeel 'P44'; bedoelde u P4?"."""
    known = {r.id.upper() for r in pack.rules}
    if sections:
        known |= {r.section.upper() for r in pack.rules}
    for value in values:
        if str(value).upper() not in known:
            raise error(where, unknown_id_detail(pack, str(value), sections))


def unknown_id_detail(pack: RulePack, value: str, sections: bool = True) -> str:
    """The message for an unknown rule id, with the closest id, section letter or rule slug as suggestion."""
    what_nl, what_en = ("regel of onderdeel", "rule or section") if sections else ("regel", "rule")
    names = {r.id.upper(): r.id for r in pack.rules} | {r.slug.upper(): r.id for r in pack.rules}
    if sections:
        names |= {r.section.upper(): r.section for r in pack.rules}
    close = difflib.get_close_matches(value.upper(), list(names), n=1, cutoff=0.7)
    if close:
        hint = names[close[0]]
        return f"onbekende {what_nl} '{value}'; bedoelde u {hint}? / unknown {what_en}, did you mean {hint}?"
    return f"onbekende {what_nl} '{value}' (zie `ivpcheck rules`) / unknown {what_en} (see `ivpcheck rules`)"


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
            target, name = params, key
        elif param and det in dets and param in dets[det]:
            target, name = dets[det], param
        elif (
            not param
            and (owners := [n for n, d in dets.items() if key in d and key != "kind"])
            and len(owners) == 1
        ):
            target, name = dets[owners[0]], key
        else:
            raise RulePackError("instellingen", f"regel {rule.id}, veld params.{key}: onbekende parameter")
        expected, given = _value_type(target[name]), _value_type(value)
        if target[name] is not None and expected != given:
            raise RulePackError(
                "instellingen",
                f"regel {rule.id}, veld params.{key}: verwacht {expected}, niet {given} ({value!r})"
                f" / expected {_TYPE_EN[expected]}, not {_TYPE_EN[given]}",
            )
        target[name] = value
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


_TYPE_EN = {
    "een getal": "a number",
    "ja/nee": "true/false",
    "tekst": "text",
    "een lijst": "a list",
    "een tabel": "a table",
    "iets anders": "something else",
}


def _value_type(value: Any) -> str:
    """The kind of a parameter value as the user reads it (an int and a float are both a number)."""
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int | float):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list | tuple):
        return "een lijst"
    return "een tabel" if isinstance(value, dict) else "iets anders"


def load_rulepack(settings: Settings) -> RulePack:
    """The pack for a run: packs loaded, then settings applied."""
    return apply_settings(load_pack(pack_paths(settings)), settings)
