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

from ivpcheck.judge.pack.conditions import ConditionError, condition_names, evaluate, parse_condition
from ivpcheck.judge.pack.load import check_rule, load_pack, param_strings
from ivpcheck.judge.pack.overrides import apply_settings, check_ids, load_rulepack, pack_paths
from ivpcheck.judge.pack.schema import (
    IMPROVEMENT_VERDICTS,
    Decision,
    Example,
    Examples,
    Improvement,
    PackFile,
    Rule,
    RulePack,
    RulePackError,
    RuleTexts,
    VerdictName,
    template_fields,
)

__all__ = [
    "IMPROVEMENT_VERDICTS",
    "ConditionError",
    "Decision",
    "Example",
    "Examples",
    "Improvement",
    "PackFile",
    "Rule",
    "RulePack",
    "RulePackError",
    "RuleTexts",
    "VerdictName",
    "apply_settings",
    "check_ids",
    "check_rule",
    "condition_names",
    "evaluate",
    "load_pack",
    "load_rulepack",
    "pack_paths",
    "param_strings",
    "parse_condition",
    "template_fields",
]
