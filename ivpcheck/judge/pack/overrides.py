"""Settings applied to a loaded pack: which packs, which rules, weight and parameter overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ivpcheck.judge.pack.load import _dutch, _field_path, load_pack
from ivpcheck.judge.pack.schema import WEIGHT, Rule, RulePack, RulePackError
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
