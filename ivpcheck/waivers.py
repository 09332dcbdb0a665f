"""Waivers: an advisor's decision that a criterion does not apply to one plan, with a reason.

A PDF cannot hold `# noqa`, so waivers live in a YAML file beside the plan
(`<plan>.waivers.yaml`, found automatically) or given with --waivers / `waivers =` in the config:

    K5: "Het sociaal domein heeft een eigen veiligheidsparagraaf"   # every plan checked with it
    amersfoort-2024.pdf:                    # only this plan: file name, stem or SHA-256 (>= 12 hex)
      L3: "Juridische tekst, korte zinnen niet haalbaar"
    "*":                                    # explicitly every plan
      L5: "Toegankelijke versie volgt"

A waived criterion keeps its measured verdict, is shown as waived with the reason, and is left out
of the score (like n.v.t.).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from ivpcheck.errors import UsageError

RULE_ID = re.compile(r"^[A-Z]{1,3}\d{0,3}$")
SHA_PREFIX = re.compile(r"^[0-9a-f]{12,64}$")
SIDECAR_SUFFIXES = (".waivers.yaml", ".waivers.yml")

WaiverFile = dict[str, object]


def load_waiver_file(path: Path) -> WaiverFile:
    """Read and validate a waiver file; errors name the file and the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise UsageError(str(path), "vrijstellingenbestand niet gevonden / waiver file not found") from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UsageError(str(path), f"ongeldig vrijstellingenbestand: {error}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(str(path), "verwacht een YAML-mapping {K5: reden} / expected a mapping")
    for key, value in data.items():
        if isinstance(value, dict):
            for rule, reason in value.items():
                _check_entry(path, f"{key}.{rule}", str(rule), reason)
        else:
            _check_entry(path, str(key), str(key), value)
    return {str(k): v for k, v in data.items()}


def _check_entry(path: Path, where: str, rule: str, reason: object) -> None:
    if not RULE_ID.match(rule.upper()):
        raise UsageError(str(path), f"'{where}': geen criteriumcode (zoals K5) / not a rule id")
    if not isinstance(reason, str) or not reason.strip():
        raise UsageError(str(path), f"'{where}': geef een reden (tekst) / give a reason")


def sidecar_for(plan: Path) -> Path | None:
    """`<plan>.waivers.yaml` (or `<stem>.waivers.yaml`) beside the plan, when it exists."""
    for name in (plan.name, plan.stem):
        for suffix in SIDECAR_SUFFIXES:
            candidate = plan.with_name(name + suffix)
            if candidate.is_file():
                return candidate
    return None


def waivers_for(data: WaiverFile, plan: Path) -> dict[str, str]:
    """The waivers (rule id -> reason) that apply to one plan (its SHA-256 only computed when asked)."""
    sha256: str | None = None

    def matches(key: str) -> bool:
        nonlocal sha256
        if key == "*" or key in (plan.name, plan.stem, str(plan)):
            return True
        if not SHA_PREFIX.match(key.lower()) or not plan.is_file():
            return False
        sha256 = sha256 or hashlib.sha256(plan.read_bytes()).hexdigest()
        return sha256.startswith(key.lower())

    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            if matches(key):
                out.update({str(rule).upper(): str(reason).strip() for rule, reason in value.items()})
        else:
            out[key.upper()] = str(value).strip()
    return out
